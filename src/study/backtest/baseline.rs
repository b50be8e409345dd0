//! The base-rate predictors a reliability model must beat.

use crate::Obligation;
use crate::score::Rate;
use crate::timeline::Day;

/// A predictor the backtest scores: the model, or a base rate "known at
/// the time" (a plain mean of the observed values of earlier tests).
///
/// | predictor | prediction for a test of kind `k` in era `e` | with no earlier test |
/// |---|---|---|
/// | [`Predictor::Global`] | mean over all earlier tests | 0.5 |
/// | [`Predictor::Kind`] | mean over earlier tests of kind `k` | the global rate |
/// | [`Predictor::KindEra`] | mean over earlier tests of kind `k` in era `e` | the kind rate |
///
/// Eras are split at [`Backtest::era_cut`](super::Backtest::era_cut)
/// (default 1945-01-01): a test is in the later era when its crisis starts
/// on or after the cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Predictor {
    /// The global base rate known at the time.
    Global,
    /// The obligation kind's base rate known at the time.
    Kind,
    /// The obligation kind × era base rate known at the time.
    KindEra,
    /// The reliability model (the configured [`PriorModel`](crate::PriorModel)
    /// with the guarantor's earlier record).
    Model,
}

impl Predictor {
    /// Every predictor, baselines first.
    pub const ALL: [Predictor; 4] = [
        Predictor::Global,
        Predictor::Kind,
        Predictor::KindEra,
        Predictor::Model,
    ];

    /// Name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Predictor::Global => "global base rate",
            Predictor::Kind => "kind base rate",
            Predictor::KindEra => "kind x era base rate",
            Predictor::Model => "model",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Plain sums of earlier tests, overall, per kind and per kind × era.
#[derive(Clone, Debug, Default)]
pub(crate) struct BaseRates {
    cut: Option<Day>,
    all: Rate,
    kind: [Rate; Obligation::COUNT],
    kind_era: [[Rate; 2]; Obligation::COUNT],
}

impl BaseRates {
    pub(crate) fn new(cut: Option<Day>) -> BaseRates {
        BaseRates {
            cut,
            ..BaseRates::default()
        }
    }

    pub(crate) fn era(&self, start: Day) -> usize {
        match self.cut {
            Some(c) if start >= c => 1,
            _ => 0,
        }
    }

    pub(crate) fn push(&mut self, kind: Obligation, start: Day, f: f64) {
        let era = self.era(start);
        for r in [
            &mut self.all,
            &mut self.kind[kind.index()],
            &mut self.kind_era[kind.index()][era],
        ] {
            r.n += 1;
            r.sum += f;
        }
    }

    /// The three baseline predictions for a test of `kind` starting on `start`.
    pub(crate) fn predict(&self, kind: Obligation, start: Day) -> [f64; 3] {
        let global = self.all.mean().unwrap_or(0.5);
        let k = self.kind[kind.index()].mean().unwrap_or(global);
        let ke = self.kind_era[kind.index()][self.era(start)]
            .mean()
            .unwrap_or(k);
        [global, k, ke]
    }
}
