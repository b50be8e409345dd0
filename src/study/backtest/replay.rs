//! The one-pass replay: every scored test predicted from earlier tests only.

use super::baseline::{BaseRates, Predictor};
use super::bootstrap::Clusters;
use super::recalibrate::{Recalibration, RecalibrationSummary, Settled, recalibrate};
use super::report::BacktestReport;
use super::scores::Accumulator;
use super::{Backtest, Bootstrap, Prediction};
use crate::resolve::{Outcome, Status};
use crate::score::evidence::Evidence;
use crate::score::prior::{KindBoard, predict};
use crate::timeline::{Day, date, day};
use crate::{ActorKey, Config};

impl Backtest<'_> {
    /// Replays the ledger and scores every prediction.
    pub fn run(&self) -> BacktestReport {
        self.run_on(&self.resolved())
    }

    /// The ledger's resolved outcomes as of the cutoff, in canonical order
    /// (sorted by start first). They depend on the ledger and the cutoff
    /// only, so runs that differ in anything else (configuration, scored
    /// range, target) can share them.
    pub(crate) fn resolved(&self) -> Vec<Outcome> {
        self.ledger
            .outcomes(self.as_of)
            .into_iter()
            .filter(|o| o.status != Status::Pending)
            .collect()
    }

    /// [`run`](Self::run) on outcomes computed by [`resolved`](Self::resolved)
    /// with the same ledger and cutoff.
    pub(crate) fn run_on(&self, resolved: &[Outcome]) -> BacktestReport {
        let config: &Config = self.config.as_ref().unwrap_or(self.ledger.config());
        let tests = self.ledger.tests();
        // Evidence feed: positions in `resolved`, by window end.
        let mut by_end: Vec<(Day, usize)> = resolved
            .iter()
            .enumerate()
            .map(|(i, o)| (tests[o.test as usize].end, i))
            .collect();
        by_end.sort_unstable();

        let (from, until) = (day(self.from), day(self.until));
        let actors = self.ledger.timeline().actors().len();
        let mut overall: Vec<Option<Evidence>> = vec![None; actors];
        let mut kinds = KindBoard::new(config);
        let mut base = BaseRates::new(self.era_cut.map(day));
        let mut fed = 0usize;
        let mut predictions = Vec::new();
        // The model's raw out-of-time prediction of every resolved test:
        // the fitting data of the recalibration maps.
        let recalibrating = self.recalibration != Recalibration::Off;
        let mut settled: Vec<Settled> = Vec::new();
        for o in resolved {
            let start = o.start;
            let in_range = start >= from && start < until;
            if !in_range && !recalibrating {
                continue;
            }
            while fed < by_end.len() && by_end[fed].0 < start {
                let e = &resolved[by_end[fed].1];
                let f = self.target.observe(e);
                overall[e.guarantor as usize]
                    .get_or_insert_with(|| Evidence::new(config))
                    .push(e.start, e.severity, f, e.status == Status::Honoured);
                kinds.push(e, f);
                base.push(e.obligation, e.start, f);
                fed += 1;
            }
            let own = overall[o.guarantor as usize].as_ref();
            let model = predict(config, &kinds, own, o.guarantor, o.obligation, start);
            let observed = self.target.observe(o);
            if recalibrating {
                settled.push(Settled {
                    end: tests[o.test as usize].end,
                    start,
                    kind: o.obligation,
                    predicted: model,
                    observed,
                });
            }
            if !in_range {
                continue;
            }
            let [global, kind, kind_era] = base.predict(o.obligation, start);
            let p = [global, kind, kind_era, model];
            predictions.push(Prediction {
                test: o.test as usize,
                crisis: tests[o.test as usize].crisis,
                guarantor: ActorKey(o.guarantor),
                obligation: o.obligation,
                start: date(start),
                history: own.map_or(0, Evidence::tests),
                predicted: p,
                observed,
            });
        }
        let summary = self.recalibrate(&settled, &mut predictions);
        let mut report = self.finish(config.clone(), None, predictions);
        report.recalibration = summary;
        report
    }

    /// Applies [`Backtest::recalibration`] to the model column of
    /// `predictions` (sorted by start), fitted on `settled`.
    pub(crate) fn recalibrate(
        &self,
        settled: &[Settled],
        predictions: &mut [Prediction],
    ) -> Option<RecalibrationSummary> {
        recalibrate(
            self.recalibration,
            settled,
            self.fit_before,
            predictions,
            Predictor::Model.index(),
        )
    }

    /// Scores `predictions` (in canonical order): every predictor's Brier
    /// score, log loss and calibration, and the skills with their intervals.
    pub(crate) fn finish(
        &self,
        config: Config,
        model_label: Option<String>,
        predictions: Vec<Prediction>,
    ) -> BacktestReport {
        let mut acc: [Accumulator; 4] = Default::default();
        for p in &predictions {
            for (a, x) in acc.iter_mut().zip(p.predicted) {
                a.add(x, p.observed);
            }
        }
        let clusters = Clusters::new(
            predictions
                .iter()
                .map(|p| (p.crisis, p.predicted, p.observed)),
        );
        let pairs = [
            (Predictor::Kind, Predictor::Global),
            (Predictor::KindEra, Predictor::Global),
            (Predictor::Model, Predictor::Global),
            (Predictor::Model, Predictor::Kind),
            (Predictor::Model, Predictor::KindEra),
        ];
        let skills = pairs
            .iter()
            .map(|&(p, r)| clusters.skill(p, r, &self.bootstrap))
            .collect();
        let mut scores = acc.map(|a| a.finish());
        super::calibration::fill_gap_intervals(&predictions, &mut scores, &self.bootstrap);
        if self.assess_calibration {
            super::consistency::fill_bands(&predictions, &mut scores, &self.bootstrap);
            // Intervals for the model's intercept and slope only (each draw
            // refits both); the base rates get the point fits.
            let points = Bootstrap {
                replicates: 0,
                ..self.bootstrap
            };
            for (i, s) in scores.iter_mut().enumerate() {
                let b = if i == Predictor::Model.index() {
                    &self.bootstrap
                } else {
                    &points
                };
                s.fit = super::consistency::calibration_fit(&predictions, i, b);
            }
        }
        BacktestReport {
            as_of: self.as_of,
            from: self.from,
            until: self.until,
            era_cut: self.era_cut,
            target: self.target,
            config,
            model_label,
            scores,
            skills,
            crises: clusters.len(),
            bootstrap: self.bootstrap,
            recalibration: None,
            predictions,
        }
    }
}
