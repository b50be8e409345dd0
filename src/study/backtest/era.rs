//! Train/test split by era.

use std::fmt;

use chrono::NaiveDate;

use super::report::describe;
use super::{
    Backtest, BacktestReport, Bootstrap, Predictor, Recalibration, Target, default_era_cut,
};
use crate::resolve::Outcome;
use crate::{Config, HalfLife, KindPrior, Ledger, PriorModel};

/// One configuration the training era may choose.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// A short label.
    pub label: String,
    /// The predictor configuration.
    pub config: Config,
}

impl Candidate {
    /// A candidate labelled by its configuration, as the report describes it.
    pub fn new(config: Config) -> Candidate {
        Candidate {
            label: describe(&config),
            config,
        }
    }
}

/// A train/test split by era: hyperparameters chosen on an earlier era,
/// scored on a later one, never tuned on the scored era.
///
/// [`EraSplit`] replays the ledger once per [`Candidate`] configuration,
/// scoring only tests whose crisis starts before the cut (default
/// 1945-01-01) — the *training era* — and keeps the candidate with the
/// lowest model Brier score there (ties: the first in grid order). It then
/// scores that one candidate on the tests from the cut on — the *scored
/// era* — with every earlier test (of both eras) as evidence, as in any
/// out-of-time backtest. The scored era's outcomes never enter the choice.
///
/// The default grid ([`EraSplit::default_grid`]) tunes the hyperparameters
/// of the learned prior by kind ([`PriorModel::ByKind`]), the model under
/// test: half-lives of 5, 10 and 25 years and no decay, `κ ∈ {1, 2, 4, 8,
/// 16, 64}`, `λ ∈ {1, 4, 16, ∞}` and `c ∈ {1, 10, 50}` (288 candidates).
/// The era cut of the prior is not in the grid: before the cut every test
/// is in the first era, so the training era cannot tell era settings
/// apart. The old fixed prior is not a candidate (it is another model, not
/// a setting of this one); the report prints its training-era score beside
/// the choice, so a reader sees when the training era would have preferred
/// it.
#[derive(Clone, Debug)]
pub struct EraSplit<'a> {
    ledger: &'a Ledger,
    as_of: NaiveDate,
    target: Target,
    cut: NaiveDate,
    grid: Vec<Candidate>,
    bootstrap: Bootstrap,
    recalibration: Recalibration,
}

impl<'a> EraSplit<'a> {
    /// A split of `ledger` at 1945-01-01 over the default grid built on
    /// `Config::default()`.
    pub fn new(ledger: &'a Ledger) -> EraSplit<'a> {
        EraSplit {
            ledger,
            as_of: NaiveDate::MAX,
            target: Target::Fulfilment,
            cut: default_era_cut(),
            grid: EraSplit::default_grid(&Config::default()),
            bootstrap: Bootstrap::default(),
            recalibration: Recalibration::Off,
        }
    }

    /// The default grid on top of `base` (see [`EraSplit`]).
    pub fn default_grid(base: &Config) -> Vec<Candidate> {
        let kp = match base.get_prior_model() {
            PriorModel::ByKind(k) => k,
            _ => KindPrior::default(),
        };
        let half_lives = [Some(5.0), Some(10.0), Some(25.0), None];
        let mut grid = Vec::new();
        for years in half_lives {
            let c = match years.and_then(|y| HalfLife::from_years(y).ok()) {
                Some(h) => base.clone().half_life(h),
                None => base.clone().no_decay(),
            };
            for kappa in [1.0, 2.0, 4.0, 8.0, 16.0, 64.0] {
                for lambda in [1.0, 4.0, 16.0, f64::INFINITY] {
                    for smoothing in [1.0, 10.0, 50.0] {
                        let Ok(k) = kp
                            .strength(kappa)
                            .and_then(|k| k.cross_kind(lambda))
                            .and_then(|k| k.smoothing(smoothing))
                        else {
                            continue;
                        };
                        grid.push(Candidate::new(c.clone().prior_model(PriorModel::ByKind(k))));
                    }
                }
            }
        }
        grid
    }

    /// Only tests resolved by `as_of` are used.
    pub fn as_of(mut self, as_of: NaiveDate) -> EraSplit<'a> {
        self.as_of = as_of;
        self
    }

    /// What to predict.
    pub fn target(mut self, target: Target) -> EraSplit<'a> {
        self.target = target;
        self
    }

    /// The cut: training on crises before it, scoring from it on. It also
    /// splits the eras of the kind × era base rate.
    pub fn cut(mut self, cut: NaiveDate) -> EraSplit<'a> {
        self.cut = cut;
        self
    }

    /// The candidates (an empty grid chooses the ledger's configuration).
    pub fn grid(mut self, grid: Vec<Candidate>) -> EraSplit<'a> {
        self.grid = grid;
        self
    }

    /// Bootstrap settings of the scored era's intervals.
    pub fn bootstrap(mut self, bootstrap: Bootstrap) -> EraSplit<'a> {
        self.bootstrap = bootstrap;
        self
    }

    /// How the scored era's forecasts are recalibrated (default
    /// [`Recalibration::Off`]). The maps are fitted on the chosen
    /// configuration's out-of-time forecasts of training-era tests only
    /// (crises before the cut, windows closed before each yearly refit); the
    /// configuration itself is chosen on raw forecasts.
    pub fn recalibration(mut self, recalibration: Recalibration) -> EraSplit<'a> {
        self.recalibration = recalibration;
        self
    }

    fn backtest(&self, config: Config) -> Backtest<'a> {
        Backtest::new(self.ledger)
            .as_of(self.as_of)
            .target(self.target)
            .era_cut(Some(self.cut))
            .bootstrap(self.bootstrap)
            .config(config)
    }

    /// The scored era under `config`, recalibrated as set (maps fitted on
    /// the training era only).
    pub(crate) fn score(&self, config: Config, resolved: &[Outcome]) -> BacktestReport {
        self.backtest(config)
            .recalibration(self.recalibration)
            .fit_before(Some(self.cut))
            .scored(self.cut, NaiveDate::MAX)
            .run_on(resolved)
    }

    /// Chooses on the training era, scores on the scored era.
    pub fn run(&self) -> EraReport {
        let resolved = self.backtest(Config::default()).resolved();
        self.run_on(&resolved)
    }

    /// [`run`](Self::run) on the resolved outcomes of the same ledger and
    /// cutoff, computed once.
    pub(crate) fn run_on(&self, resolved: &[Outcome]) -> EraReport {
        let grid = if self.grid.is_empty() {
            vec![Candidate::new(self.ledger.config().clone())]
        } else {
            self.grid.clone()
        };
        let no_bootstrap = Bootstrap {
            replicates: 0,
            ..self.bootstrap
        };
        let mut training = Vec::with_capacity(grid.len());
        for c in &grid {
            let r = self
                .backtest(c.config.clone())
                .bootstrap(no_bootstrap)
                .quiet()
                .scored(NaiveDate::MIN, self.cut)
                .run_on(resolved);
            training.push((
                r.n(),
                r.scores(Predictor::Model).brier(),
                r.scores(Predictor::Global).brier(),
            ));
        }
        let reference = self
            .backtest(Config::default().prior_model(PriorModel::Fixed))
            .bootstrap(no_bootstrap)
            .scored(NaiveDate::MIN, self.cut)
            .run_on(resolved);
        let reference = Predictor::ALL.map(|p| reference.scores(p).brier());
        let mut chosen = 0;
        for (i, t) in training.iter().enumerate() {
            if let (Some(b), Some(best)) = (t.1, training[chosen].1)
                && b < best
            {
                chosen = i;
            }
        }
        let scored = self.score(grid[chosen].config.clone(), resolved);
        EraReport {
            cut: self.cut,
            grid,
            training,
            reference,
            chosen,
            scored,
        }
    }
}

/// The result of an [`EraSplit`].
#[derive(Clone, Debug, PartialEq)]
pub struct EraReport {
    cut: NaiveDate,
    grid: Vec<Candidate>,
    training: Vec<(usize, Option<f64>, Option<f64>)>,
    reference: [Option<f64>; 4],
    chosen: usize,
    pub(crate) scored: BacktestReport,
}

impl EraReport {
    /// The cut date.
    pub fn cut(&self) -> NaiveDate {
        self.cut
    }
    /// The configuration the training era chose.
    pub fn chosen(&self) -> &Candidate {
        &self.grid[self.chosen]
    }
    /// Every candidate with its training-era model Brier score.
    pub fn training(&self) -> impl Iterator<Item = (&Candidate, Option<f64>)> {
        self.grid.iter().zip(&self.training).map(|(c, t)| (c, t.1))
    }
    /// Tests scored in the training era.
    pub fn training_n(&self) -> usize {
        self.training.first().map_or(0, |t| t.0)
    }
    /// The training era's global base rate Brier score.
    pub fn training_base_brier(&self) -> Option<f64> {
        self.training.first().and_then(|t| t.2)
    }
    /// Training-era Brier scores of the three base rates and of the old
    /// fixed model (`Beta(1, 1)`, half-life 10 years), in [`Predictor`]
    /// order (the last is the old model).
    pub fn training_reference(&self) -> [Option<f64>; 4] {
        self.reference
    }
    /// The chosen configuration scored on the scored era.
    pub fn scored(&self) -> &BacktestReport {
        &self.scored
    }
}

impl fmt::Display for EraReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Era split: {} configurations tried on the {} tests of crises before {} (training era; global base rate Brier {})",
            self.grid.len(),
            self.training_n(),
            self.cut,
            self.training_base_brier()
                .map_or_else(|| "-".to_string(), |b| format!("{b:.4}"))
        )?;
        let mut ranked: Vec<(usize, f64)> = self
            .training
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.1.map(|b| (i, b)))
            .collect();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        writeln!(f, "best in the training era (model Brier):")?;
        for (i, b) in ranked.iter().take(5) {
            writeln!(f, "  {b:.4}  {}", self.grid[*i].label)?;
        }
        let r = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |b| format!("{b:.4}"));
        writeln!(
            f,
            "training era for reference: kind base rate {}, kind x era base rate {}, old fixed Beta(1, 1) model {}",
            r(self.reference[1]),
            r(self.reference[2]),
            r(self.reference[3])
        )?;
        writeln!(f, "training era chose: {}", self.chosen().label)?;
        write!(f, "{}", self.scored)
    }
}
