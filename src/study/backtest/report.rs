//! The backtest report: every predictor's scores, the skills with their
//! bootstrap intervals, and the calibration table, side by side.

use std::fmt;

use chrono::NaiveDate;

use super::{Bootstrap, Prediction, Predictor, RecalibrationSummary, Scores, Skill, Target};
use crate::{Config, PriorModel};

/// The result of a [`Backtest`](super::Backtest): scores of the model and
/// of the three base rates on the same tests.
///
/// Its `Display` prints a readable table.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestReport {
    pub(crate) as_of: NaiveDate,
    pub(crate) from: NaiveDate,
    pub(crate) until: NaiveDate,
    pub(crate) era_cut: Option<NaiveDate>,
    pub(crate) target: Target,
    pub(crate) config: Config,
    pub(crate) model_label: Option<String>,
    pub(crate) scores: [Scores; 4],
    pub(crate) skills: Vec<Skill>,
    pub(crate) crises: usize,
    pub(crate) bootstrap: Bootstrap,
    pub(crate) recalibration: Option<RecalibrationSummary>,
    pub(crate) predictions: Vec<Prediction>,
}

impl BacktestReport {
    /// Tests scored.
    pub fn n(&self) -> usize {
        self.predictions.len()
    }

    /// Crises among the scored tests (the bootstrap's clusters).
    pub fn crises(&self) -> usize {
        self.crises
    }

    /// The cutoff date (`NaiveDate::MAX` when none was set).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// What was predicted.
    pub fn target(&self) -> Target {
        self.target
    }

    /// The configuration the model predicted with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The bootstrap settings.
    pub fn bootstrap(&self) -> Bootstrap {
        self.bootstrap
    }

    /// One predictor's scores.
    pub fn scores(&self, predictor: Predictor) -> &Scores {
        &self.scores[predictor.index()]
    }

    /// The reliability model's scores.
    pub fn model(&self) -> &Scores {
        self.scores(Predictor::Model)
    }

    /// The global base rate's scores.
    pub fn base(&self) -> &Scores {
        self.scores(Predictor::Global)
    }

    /// The skill of `predictor` against `reference`, with bootstrap
    /// intervals. Reported pairs: each of kind, kind × era and the model
    /// against the global rate, and the model against kind and kind × era.
    /// `None` for any other pair.
    pub fn skill_vs(&self, predictor: Predictor, reference: Predictor) -> Option<&Skill> {
        self.skills
            .iter()
            .find(|s| s.predictor == predictor && s.reference == reference)
    }

    /// Every reported skill.
    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    /// Brier skill of the model against the global base rate: above 0 the
    /// model beats it. `None` when nothing was scored or the base rate's
    /// Brier score is 0.
    pub fn skill(&self) -> Option<f64> {
        self.skill_vs(Predictor::Model, Predictor::Global)
            .and_then(|s| s.brier)
    }

    /// What recalibration did to the model's forecast (`None`: the
    /// forecast was scored as it is).
    pub fn recalibration(&self) -> Option<&RecalibrationSummary> {
        self.recalibration.as_ref()
    }

    /// Every prediction, in the ledger's canonical test order.
    pub fn predictions(&self) -> &[Prediction] {
        &self.predictions
    }

    /// Scored tests whose guarantor had at least one earlier test.
    pub fn with_history(&self) -> usize {
        self.predictions.iter().filter(|p| p.history() > 0).count()
    }

    /// What the interval of the model's Brier skill against the kind × era
    /// base rate says, in words.
    pub fn verdict(&self) -> &'static str {
        match self
            .skill_vs(Predictor::Model, Predictor::KindEra)
            .and_then(|s| s.brier_interval)
        {
            Some((lo, _)) if lo > 0.0 => {
                "the model beats the kind x era base rate: the guarantor's own record adds to the kind of promise"
            }
            Some((_, hi)) if hi < 0.0 => "the model is worse than the kind x era base rate",
            Some(_) => {
                "the model is not distinguishable from the kind x era base rate: the guarantor's own record adds nothing demonstrable beyond the kind of promise and the era"
            }
            None => "no interval (nothing scored)",
        }
    }
}

/// A one-line description of the model part of a configuration.
pub fn describe(config: &Config) -> String {
    let hl = match config.get_half_life() {
        Some(h) if h.days().is_finite() => format!("half-life {} years", trim(h.days() / 365.25)),
        _ => "no decay".to_string(),
    };
    let p = config.get_prior();
    match config.get_prior_model() {
        PriorModel::ByKind(k) => {
            let lambda = if k.get_cross_kind().is_finite() {
                trim(k.get_cross_kind())
            } else {
                "inf".to_string()
            };
            let era = k
                .get_era_cut()
                .map_or_else(|| "one era".to_string(), |c| format!("eras split {c}"));
            format!(
                "prior by kind (kappa {}, lambda {lambda}, c {}, {era}), {hl}",
                trim(k.get_strength()),
                trim(k.get_smoothing())
            )
        }
        _ => format!(
            "fixed prior Beta({}, {}), {hl}",
            trim(p.alpha()),
            trim(p.beta())
        ),
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:+.4}"))
}

fn ci(x: Option<(f64, f64)>) -> String {
    x.map_or_else(|| "-".to_string(), |(a, b)| format!("[{a:+.3}, {b:+.3}]"))
}

fn date_or(d: NaiveDate, none: &str) -> String {
    if d == NaiveDate::MAX || d == NaiveDate::MIN {
        none.to_string()
    } else {
        d.to_string()
    }
}

impl fmt::Display for BacktestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Out-of-time backtest (target: {}, cutoff: {}, scored: crises from {} until {})",
            self.target.as_str(),
            date_or(self.as_of, "none"),
            date_or(self.from, "the start"),
            date_or(self.until, "the end")
        )?;
        match &self.model_label {
            Some(label) => writeln!(f, "model: {label}")?,
            None => writeln!(f, "model: {}", describe(&self.config))?,
        }
        if let Some(r) = &self.recalibration {
            let last = r.last.map_or_else(
                || "no map fitted".to_string(),
                |m| {
                    format!(
                        "last map a = {:+.3}, b = {:.3}, fitted on {} tests",
                        m.a, m.b, m.n
                    )
                },
            );
            let era = r.fit_before.map_or_else(String::new, |d| {
                format!(", fitted on crises before {d} only")
            });
            writeln!(
                f,
                "recalibration: {}{era}; {} of {} scored tests recalibrated, {} yearly fits; {last}",
                r.method.describe(),
                r.recalibrated,
                self.n(),
                r.fits
            )?;
        }
        writeln!(
            f,
            "tests scored: {} in {} crises ({} with earlier tests of their guarantor)",
            self.n(),
            self.crises,
            self.with_history()
        )?;
        let level = (self.bootstrap.level * 100.0).round();
        writeln!(
            f,
            "{:<22} {:>7} {:>9}   skill against the global base rate, {level}% interval over crises ({} draws, seed {})",
            "predictor", "Brier", "log loss", self.bootstrap.replicates, self.bootstrap.seed
        )?;
        for p in Predictor::ALL {
            let s = self.scores(p);
            let skill = self.skill_vs(p, Predictor::Global);
            let text = skill.map_or_else(String::new, |k| {
                format!(
                    "Brier {} {}  log loss {} {}",
                    signed(k.brier),
                    ci(k.brier_interval),
                    signed(k.log_loss),
                    ci(k.log_loss_interval)
                )
            });
            writeln!(
                f,
                "{:<22} {:>7} {:>9}   {text}",
                p.as_str(),
                opt(s.brier),
                opt(s.log_loss)
            )?;
        }
        for r in [Predictor::Kind, Predictor::KindEra] {
            if let Some(k) = self.skill_vs(Predictor::Model, r) {
                writeln!(
                    f,
                    "model against the {}: Brier skill {} {}  log loss skill {} {}",
                    r.as_str(),
                    signed(k.brier),
                    ci(k.brier_interval),
                    signed(k.log_loss),
                    ci(k.log_loss_interval)
                )?;
            }
        }
        writeln!(f, "verdict: {}", self.verdict())?;
        writeln!(f, "Brier skill score: {}", opt(self.skill()))?;
        match self.model().calibration_fit() {
            Some(c) => writeln!(
                f,
                "calibration intercept (slope fixed at 1; 0 if calibrated) {:+.3} {}, slope (1 if calibrated) {:.3} {} ({level}% intervals over crises; two-parameter intercept {:+.3})",
                c.intercept,
                ci(c.intercept_interval),
                c.slope,
                ci(c.slope_interval),
                c.cox_intercept
            )?,
            None => writeln!(
                f,
                "calibration intercept and slope: no fit (no outcome variation)"
            )?,
        }
        writeln!(
            f,
            "calibration (model; band: where a perfectly calibrated forecaster's observed mean falls, {level}% of draws \
             with outcomes ~ Bernoulli(the bin's forecasts); * = observed outside its band; gap (90%): crisis bootstrap, bins of 100+):"
        )?;
        writeln!(
            f,
            "{:<12} {:>6} {:>10} {:>10} {:>18} {:>8} {:>18}",
            "bin", "n", "predicted", "observed", "band", "gap", "gap (90%)"
        )?;
        for b in self.model().calibration() {
            let close = if b.upper >= 1.0 { ']' } else { ')' };
            writeln!(
                f,
                "{:<12} {:>6} {:>10} {:>10} {:>18} {:>8} {:>18}{}",
                format!("[{:.1}, {:.1}{close}", b.lower, b.upper),
                b.count,
                opt(b.mean_predicted),
                opt(b.mean_observed),
                b.band
                    .map_or_else(|| "-".to_string(), |(lo, hi)| format!("[{lo:.3}, {hi:.3}]")),
                b.gap()
                    .map_or_else(|| "-".to_string(), |g| format!("{g:+.3}")),
                b.gap_interval
                    .map_or_else(String::new, |(lo, hi)| format!("[{lo:+.3}, {hi:+.3}]")),
                if b.inconsistent() { " *" } else { "" }
            )?;
        }
        let bad = self.model().inconsistent_bins().len();
        let checked = self.model().checked_bins();
        writeln!(
            f,
            "bins outside their consistency band: {bad} of {checked} (about {:.1} expected by chance); joint p-value {}",
            checked as f64 * (1.0 - self.bootstrap.level),
            self.model()
                .consistency_p()
                .map_or_else(|| "-".to_string(), |p| format!("{p:.3}"))
        )
    }
}
