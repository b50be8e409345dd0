//! The fair backtest of one ledger under every protocol, and the issue's
//! targets checked on each.

use std::fmt;

use chrono::NaiveDate;

use super::{
    Backtest, BacktestReport, Bootstrap, CALIBRATION_MIN_COUNT, EraReport, EraSplit, Predictor,
    Recalibration, RollingTuning, default_era_cut,
};
use crate::resolve::Outcome;
use crate::{Config, Ledger};

/// How a [`FairBacktest`] protocol predicts and which tests it scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// Every resolved test, out of time, with the default configuration
    /// (set a priori, not tuned).
    AllYears,
    /// Tests of crises from the cut on, the default configuration.
    FromCut,
    /// Tests from the cut on, the configuration chosen on the tests before
    /// it ([`EraSplit`]).
    EraSplit,
    /// Every resolved test, the configuration re-chosen before each crisis
    /// on all earlier tests ([`RollingTuning`]).
    Rolling,
}

impl Protocol {
    /// Every protocol, in report order.
    pub const ALL: [Protocol; 4] = [
        Protocol::AllYears,
        Protocol::FromCut,
        Protocol::EraSplit,
        Protocol::Rolling,
    ];

    /// A short name for tables (the cut is the default 1945-01-01).
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::AllYears => "all years, default",
            Protocol::FromCut => "from 1945, default",
            Protocol::EraSplit => "from 1945, tuned before 1945",
            Protocol::Rolling => "all years, rolling tuning",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The targets of a scored report (issue 6, item 5; calibration as issue
/// 19, item 1, restates it).
///
/// | target | met when |
/// |---|---|
/// | skill against the global base rate | the model's Brier skill against [`Predictor::Global`] is at least [`Targets::skill_vs_global`] (no target when `None`) |
/// | beats the kind × era base rate | the lower end of the 90% crisis-bootstrap interval of the model's Brier skill against [`Predictor::KindEra`] is above 0 |
/// | calibrated | the 90% crisis-bootstrap interval of the calibration intercept contains 0, the slope's contains 1, and the number of bins outside their consistency bands is within chance (joint p-value at least `1 −` the bootstrap level, 0.1 by default): see [`CalibrationFit`](super::CalibrationFit) and [`Bin::band`](super::Bin::band) |
///
/// The skill thresholds were set in the issue before the backtests ran:
/// 0.55 on the war ledger, 0.30 on the MID ledger, none on the UCDP
/// ledger. The calibration target replaces issue 6's "every bin with 100
/// tests within ±0.05", which a perfect forecaster fails at these sample
/// sizes (a bin of 100 tests near 0.5 has a 95% binomial half-width of
/// about 0.10).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Targets {
    /// The least Brier skill against the global base rate (`None`: no target).
    pub skill_vs_global: Option<f64>,
}

impl Targets {
    /// The war ledger's: skill against the global rate at least 0.55.
    pub const WARS: Targets = Targets {
        skill_vs_global: Some(0.55),
    };
    /// The MID ledger's: skill against the global rate at least 0.30.
    pub const MIDS: Targets = Targets {
        skill_vs_global: Some(0.30),
    };
    /// No skill target against the global rate (the other two still apply).
    pub const NONE: Targets = Targets {
        skill_vs_global: None,
    };

    /// Checks `report` against the targets.
    pub fn check(&self, report: &BacktestReport) -> Check {
        let kind_era = report.skill_vs(Predictor::Model, Predictor::KindEra);
        let model = report.model();
        let fit = model.calibration_fit();
        let alpha = 1.0 - report.bootstrap().level;
        Check {
            skill_vs_global: match (self.skill_vs_global, report.skill()) {
                (Some(t), Some(s)) => Some(s >= t),
                _ => None,
            },
            beats_kind_era: kind_era
                .and_then(|k| k.brier_interval)
                .map(|(lo, _)| lo > 0.0),
            checked_bins: model.checked_bins(),
            inconsistent_bins: model.inconsistent_bins().len(),
            bands_consistent: model.consistency_p().map(|p| p >= alpha),
            intercept_consistent: fit.and_then(|f| f.intercept_consistent()),
            slope_consistent: fit.and_then(|f| f.slope_consistent()),
        }
    }
}

/// Which targets a report met (`None`: no target or nothing to check).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Brier skill against the global base rate at the target.
    pub skill_vs_global: Option<bool>,
    /// The 90% interval of the Brier skill against kind × era above 0
    /// (`None` without an interval).
    pub beats_kind_era: Option<bool>,
    /// Calibration bins with a consistency band (the non-empty ones).
    pub checked_bins: usize,
    /// Of those, the bins whose mean outcome falls outside their band.
    pub inconsistent_bins: usize,
    /// The number of bins outside their bands is within chance: the joint
    /// Monte Carlo p-value is at least `1 −` the bootstrap level (`None`
    /// without bands).
    pub bands_consistent: Option<bool>,
    /// The calibration intercept's interval contains 0 (`None` without
    /// an interval).
    pub intercept_consistent: Option<bool>,
    /// The calibration slope's interval contains 1 (`None` without an
    /// interval).
    pub slope_consistent: Option<bool>,
}

impl Check {
    /// The calibration target: intercept, slope and bands all consistent
    /// with perfect calibration; `Some(false)` as soon as one is not;
    /// `None` when none of the three could be checked and none failed.
    pub fn calibrated(&self) -> Option<bool> {
        let parts = [
            self.intercept_consistent,
            self.slope_consistent,
            self.bands_consistent,
        ];
        if parts.contains(&Some(false)) {
            Some(false)
        } else if parts.iter().all(Option::is_some) {
            Some(true)
        } else {
            None
        }
    }
}

/// The fair backtest of one ledger under every [`Protocol`]: the same
/// tests, the model beside the global, kind and kind × era base rates, with
/// crisis-bootstrap intervals and calibration, each report checked against
/// its [`Targets`].
///
/// The era split needs tests to train on: when fewer than
/// [`FairBacktest::min_training`] tests (default 100, the least count of a
/// checked calibration bin) resolve before the cut, as on the UCDP ledger
/// that starts in 1946, [`FairReport::report`] gives `None` for
/// [`Protocol::EraSplit`] instead of a choice made on nothing.
#[derive(Clone, Debug)]
pub struct FairBacktest<'a> {
    ledger: &'a Ledger,
    label: String,
    as_of: NaiveDate,
    cut: NaiveDate,
    bootstrap: Bootstrap,
    targets: Targets,
    min_training: usize,
    recalibration: Recalibration,
}

impl<'a> FairBacktest<'a> {
    /// The fair backtest of `ledger`, named `label` in tables: no cutoff,
    /// cut 1945-01-01, default bootstrap, no skill target.
    pub fn new(ledger: &'a Ledger, label: impl Into<String>) -> FairBacktest<'a> {
        FairBacktest {
            ledger,
            label: label.into(),
            as_of: NaiveDate::MAX,
            cut: default_era_cut(),
            bootstrap: Bootstrap::default(),
            targets: Targets::NONE,
            min_training: CALIBRATION_MIN_COUNT as usize,
            recalibration: Recalibration::Off,
        }
    }

    /// Only tests resolved by `as_of` are used.
    pub fn as_of(mut self, as_of: NaiveDate) -> FairBacktest<'a> {
        self.as_of = as_of;
        self
    }

    /// The era cut (default 1945-01-01): the training era of the split and
    /// the start of the scored era of [`Protocol::FromCut`].
    pub fn cut(mut self, cut: NaiveDate) -> FairBacktest<'a> {
        self.cut = cut;
        self
    }

    /// The bootstrap of every interval (fewer draws run faster; the point
    /// figures do not depend on it).
    pub fn bootstrap(mut self, bootstrap: Bootstrap) -> FairBacktest<'a> {
        self.bootstrap = bootstrap;
        self
    }

    /// The targets the reports are checked against.
    pub fn targets(mut self, targets: Targets) -> FairBacktest<'a> {
        self.targets = targets;
        self
    }

    /// The least number of training-era tests for the era split.
    pub fn min_training(mut self, tests: usize) -> FairBacktest<'a> {
        self.min_training = tests;
        self
    }

    /// How every protocol recalibrates the model's forecast (default
    /// [`Recalibration::Off`]): out of time in every protocol, and in the
    /// era split fitted on the training era only (see [`EraSplit::recalibration`]).
    pub fn recalibration(mut self, recalibration: Recalibration) -> FairBacktest<'a> {
        self.recalibration = recalibration;
        self
    }

    fn backtest(&self) -> Backtest<'a> {
        Backtest::new(self.ledger)
            .as_of(self.as_of)
            .era_cut(Some(self.cut))
            .bootstrap(self.bootstrap)
            .recalibration(self.recalibration)
    }

    /// This backtest (with its [`FairBacktest::recalibration`]) re-using
    /// the configuration choices of `raw`, a [`run`](Self::run) of the same
    /// backtest (same ledger, cutoff, cut and bootstrap) without
    /// recalibration: the era split and rolling tuning choose on raw
    /// forecasts in any case, so only the scoring is redone, and the result
    /// equals [`run`](Self::run) (tested) at a small part of its cost. When
    /// `raw` was itself recalibrated, or its cutoff or cut differ, this is
    /// [`run`](Self::run).
    pub fn run_reusing(&self, raw: &FairReport) -> FairReport {
        if raw.rolling.recalibration.is_some()
            || raw.all_years.recalibration.is_some()
            || raw.all_years.as_of() != self.as_of
            || raw.era.cut() != self.cut
        {
            return self.run();
        }
        let resolved = self.backtest().resolved();
        let (all_years, from_cut) = self.fixed(&resolved);
        let mut era = raw.era.clone();
        era.scored = self
            .era_split()
            .score(raw.era.chosen().config.clone(), &resolved);
        let rolling = super::rolling::recalibrated(&self.backtest(), &raw.rolling);
        FairReport {
            label: self.label.clone(),
            targets: self.targets,
            min_training: self.min_training,
            all_years,
            from_cut,
            era,
            rolling,
        }
    }

    /// The two protocols with the default configuration.
    fn fixed(&self, resolved: &[Outcome]) -> (BacktestReport, BacktestReport) {
        let all_years = self.backtest().config(Config::default()).run_on(resolved);
        let from_cut = self
            .backtest()
            .config(Config::default())
            .scored(self.cut, NaiveDate::MAX)
            .run_on(resolved);
        (all_years, from_cut)
    }

    fn era_split(&self) -> EraSplit<'a> {
        EraSplit::new(self.ledger)
            .as_of(self.as_of)
            .cut(self.cut)
            .bootstrap(self.bootstrap)
            .recalibration(self.recalibration)
    }

    /// Runs the four protocols.
    pub fn run(&self) -> FairReport {
        // The outcomes depend on the ledger and the cutoff only: resolve
        // them once for every replay.
        let resolved = self.backtest().resolved();
        let (all_years, from_cut) = self.fixed(&resolved);
        let era = self.era_split().run_on(&resolved);
        let rolling = RollingTuning::new(self.ledger)
            .backtest(self.backtest())
            .run_on(&resolved);
        FairReport {
            label: self.label.clone(),
            targets: self.targets,
            min_training: self.min_training,
            all_years,
            from_cut,
            era,
            rolling,
        }
    }
}

/// The result of a [`FairBacktest`].
#[derive(Clone, Debug, PartialEq)]
pub struct FairReport {
    label: String,
    targets: Targets,
    min_training: usize,
    all_years: BacktestReport,
    from_cut: BacktestReport,
    era: EraReport,
    rolling: BacktestReport,
}

impl FairReport {
    /// The ledger's label.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The targets checked.
    pub fn targets(&self) -> Targets {
        self.targets
    }

    /// The era split, with its training-era choice.
    pub fn era(&self) -> &EraReport {
        &self.era
    }

    /// Whether the training era held enough tests for the era split.
    pub fn era_trained(&self) -> bool {
        self.era.training_n() >= self.min_training
    }

    /// The scored report of a protocol; `None` for [`Protocol::EraSplit`]
    /// when the training era is too small ([`FairReport::era_trained`]).
    pub fn report(&self, protocol: Protocol) -> Option<&BacktestReport> {
        match protocol {
            Protocol::AllYears => Some(&self.all_years),
            Protocol::FromCut => Some(&self.from_cut),
            Protocol::EraSplit => self.era_trained().then(|| self.era.scored()),
            Protocol::Rolling => Some(&self.rolling),
        }
    }

    /// The targets checked on a protocol's report.
    pub fn check(&self, protocol: Protocol) -> Option<Check> {
        self.report(protocol).map(|r| self.targets.check(r))
    }

    /// The column header of [`FairReport`]'s `Display` rows.
    pub fn header() -> String {
        format!(
            "{:<26} {:<29} {:>6} {:>7} {:>28} {:>28} {:>26} {:>26} {:>11} {:>5}",
            "ledger",
            "protocol",
            "n",
            "Brier",
            "skill vs global (90%)",
            "skill vs kind x era",
            "calib. intercept (90%)",
            "calib. slope (90%)",
            "bands p",
            "calib"
        )
    }
}

fn mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => " ok",
        Some(false) => " no",
        None => "  -",
    }
}

fn with_interval(point: Option<f64>, interval: Option<(f64, f64)>) -> String {
    match (point, interval) {
        (Some(p), Some((a, b))) => format!("{p:+.3} [{a:+.3}, {b:+.3}]"),
        (Some(p), None) => format!("{p:+.3}"),
        _ => "-".to_string(),
    }
}

/// One row per protocol: tests scored, model Brier, Brier skill against
/// the global and the kind × era base rates with their 90% intervals, the
/// calibration intercept (contains 0?) and slope (contains 1?) with theirs,
/// the bins outside their consistency bands out of the checked ones with
/// the joint p-value, and the calibration verdict; `ok`/`no` after each
/// figure says whether its target was met, `-` when there is no target or
/// nothing to check.
impl fmt::Display for FairReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in Protocol::ALL {
            let Some(r) = self.report(p) else {
                writeln!(
                    f,
                    "{:<26} {:<29} too few tests before {} to tune on ({} < {}): no era split",
                    self.label,
                    p.as_str(),
                    self.era.cut(),
                    self.era.training_n(),
                    self.min_training
                )?;
                continue;
            };
            let c = self.targets.check(r);
            let global = r.skill_vs(Predictor::Model, Predictor::Global);
            let kind_era = r.skill_vs(Predictor::Model, Predictor::KindEra);
            let cell = |s: Option<&super::Skill>, met: Option<bool>| {
                format!(
                    "{}{}",
                    with_interval(s.and_then(|s| s.brier), s.and_then(|s| s.brier_interval)),
                    mark(met)
                )
            };
            let fit = r.model().calibration_fit();
            let intercept = format!(
                "{}{}",
                with_interval(
                    fit.map(|x| x.intercept),
                    fit.and_then(|x| x.intercept_interval)
                ),
                mark(c.intercept_consistent)
            );
            let slope = format!(
                "{}{}",
                with_interval(fit.map(|x| x.slope), fit.and_then(|x| x.slope_interval)),
                mark(c.slope_consistent)
            );
            let bands = format!(
                "{}/{} {}",
                c.inconsistent_bins,
                c.checked_bins,
                r.model()
                    .consistency_p()
                    .map_or_else(|| "-".to_string(), |p| format!("{p:.3}"))
            );
            writeln!(
                f,
                "{:<26} {:<29} {:>6} {:>7} {:>28} {:>28} {:>26} {:>26} {:>11} {:>5}",
                self.label,
                p.as_str(),
                r.n(),
                r.model()
                    .brier()
                    .map_or_else(|| "-".to_string(), |b| format!("{b:.4}")),
                cell(global, c.skill_vs_global),
                cell(kind_era, c.beats_kind_era),
                intercept,
                slope,
                bands,
                mark(c.calibrated())
            )?;
        }
        Ok(())
    }
}
