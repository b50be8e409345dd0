//! Out-of-time backtest: does past reliability predict the next test,
//! better than the obvious base rates?
//!
//! A score that describes the past is only useful if it forecasts the
//! future. [`Backtest`] replays a [`Ledger`] in time order and, for every
//! resolved test, predicts its fulfilment from what was known when the
//! crisis began, then scores those predictions against what happened, side
//! by side with three base-rate predictors ([`Predictor`]). [`EraSplit`]
//! chooses the model's hyperparameters on an earlier era and scores them on
//! a later one; [`RollingTuning`] chooses them again before every crisis.
//! [`FairBacktest`] runs every [`Protocol`] on one ledger and checks the
//! reports against [`Targets`]; the `historical` example runs it on the
//! war, MID and UCDP ledgers of
//! [`history`](crate::history) (ATOP × [`ConflictSource`](crate::history::ConflictSource))
//! and prints one row per ledger × protocol.
//!
//! The code is split by idea: the replay (`replay.rs`), the base-rate
//! predictors (`baseline.rs`), scores and calibration (`scores.rs`), the
//! crisis bootstrap (`bootstrap.rs`) and its intervals of the calibration
//! gaps (`calibration.rs`), the era split (`era.rs`),
//! rolling-origin tuning (`rolling.rs`), the report (`report.rs`),
//! every protocol run on one ledger and checked against the targets
//! (`fair.rs`), the logistic fit shared by the next two (`logistic.rs`),
//! recalibration of the forecast fitted on the past only
//! (`recalibrate.rs`, [`Recalibration`]), and the Leeds (2003) covariate
//! forecaster (`covariate.rs`, [`CovariateBacktest`]).
//!
//! # Protocol
//!
//! Let `T` be the assessment date ([`Backtest::as_of`]; default: no cutoff)
//! and take the outcomes of [`Ledger::outcomes`]`(T)`.
//!
//! 1. **Scored tests.** Every test that has *resolved* by `T` (its status
//!    is not [`Status::Pending`]: its response window, from the crisis
//!    start to the earlier of the crisis end and start +
//!    [`Config::window`] days, both inclusive, has closed by `T`), and
//!    whose crisis starts in [`Backtest::scored`]'s range (default: any
//!    date). Pending tests are neither scored nor used as evidence; tests
//!    outside the scored range are still evidence for later ones.
//! 2. **Observed value** `f` of a test: its fulfilment in [0, 1]
//!    ([`Target::Fulfilment`], the default), or 1 if its status is
//!    [`Status::Honoured`] and 0 otherwise ([`Target::Honoured`]).
//! 3. **What was known.** A test `j` is *earlier* than a test `i` when `j`'s
//!    window closed strictly before `i`'s crisis started: `end_j < start_i`
//!    in days, where `end_j` is the last (inclusive) day of `j`'s window. A
//!    test whose window closes on the very day another crisis starts is
//!    *not* earlier than it (its outcome was not yet final that day). Tests
//!    whose crises start on the same day therefore always share the same
//!    earlier set. A test is never earlier than itself (`end ≥ start`).
//! 4. **Model prediction** for test `i` with guarantor `g` and obligation
//!    kind `k`: the posterior mean of
//!    [`Assessment::reliability_for`](crate::Assessment::reliability_for)`(g, k)`
//!    as of `start_i`, built from earlier tests only (their observed values
//!    `f`), under the predictor configuration ([`Backtest::config`];
//!    default: the ledger's). Under [`PriorModel::ByKind`](crate::PriorModel)
//!    (the default) the kind rates of the prior are learned from the
//!    earlier tests of every guarantor, and `g`'s record of kind `k` is
//!    pooled toward them (formulas in the
//!    [methodology](crate::methodology), §3a). Under
//!    [`PriorModel::Fixed`](crate::PriorModel) the kind is ignored:
//!    ```text
//!    wⱼ = severityⱼ · 2^(−(start_i − start_j) / h)      (h: half-life in days; no decay: wⱼ = severityⱼ)
//!    p  = (α₀ + Σⱼ wⱼ fⱼ) / (α₀ + β₀ + Σⱼ wⱼ)
//!    ```
//!    over `g`'s earlier tests of any kind, with `(α₀, β₀)` the prior; with
//!    no earlier test, `p = α₀ / (α₀ + β₀)` (0.5 under the default prior).
//! 5. **Base-rate predictions** for test `i` (plain means of `f` over
//!    earlier tests, unweighted and undecayed; see [`Predictor`]): the
//!    global rate (0.5 when there is no earlier test); the rate of
//!    earlier tests of kind `k` (the global rate when there is none); the
//!    rate of earlier tests of kind `k` in `i`'s era (the kind rate when
//!    there is none). Eras split at [`Backtest::era_cut`] (default
//!    1945-01-01).
//! 6. **Scores**, over the `n` scored tests, for each predictor:
//!    ```text
//!    Brier    = (1/n) Σ (p − f)²
//!    log loss = (1/n) Σ −[f ln p' + (1 − f) ln(1 − p')],  p' = clamp(p, 1e−6, 1 − 1e−6)
//!    skill    = 1 − score_predictor / score_reference
//!    ```
//!    for the Brier score and the log loss alike. Skill above 0 means the
//!    predictor beats the reference; it is undefined (`None`) when `n = 0`
//!    or the reference's score is 0. Each skill comes with a 90% bootstrap
//!    interval resampling crises (see [`Bootstrap`]).
//! 7. **Calibration**, tested as the forecasting literature does
//!    (formulas and citations in [`CalibrationFit`] and the methodology,
//!    §3d):
//!    - the **calibration intercept** `a` (logistic fit of the outcomes on
//!      the forecast's logit as an offset, slope fixed at 1; 0 when
//!      calibrated) and **slope** `b` (two-parameter fit `a' + b·logit p`;
//!      1 when calibrated), maximum-likelihood fits by argmin's L-BFGS,
//!      each with a 90% interval resampling crises ([`CalibrationFit`]);
//!    - ten bins of predicted `p`, `[0, 0.1)`, `[0.1, 0.2)`, …,
//!      `[0.9, 1.0]` (bin `min(⌊10p⌋, 9)`), each with its count, mean
//!      predicted `p` and mean observed `f`, and its **consistency band**
//!      (Bröcker & Smith 2007; [`Bin::band`]): the 5–95% range of the bin's
//!      mean outcome when outcomes are simulated as Bernoulli of the bin's
//!      own forecasts, with a fixed seed. A bin whose observed mean falls
//!      outside is **inconsistent** with calibration
//!      ([`Bin::inconsistent`]); the number of such bins is tested jointly
//!      against its own simulated distribution
//!      ([`Scores::consistency_p`]), since one bin in ten falls outside a
//!      90% band by chance;
//!    - for bins with at least [`CALIBRATION_MIN_COUNT`] tests, a 90%
//!      interval of the gap `mean p − mean f` that resamples crises
//!      ([`Bin::gap_interval`]): the band takes tests as independent, this
//!      interval shows what the clustering of tests in crises adds.
//!
//!    The target ([`Targets`], [`Check::calibrated`]): intercept interval
//!    holding 0, slope interval holding 1, joint band p-value at least 0.1.
//!    It replaces the earlier "every bin with 100 tests within ±0.05",
//!    which a perfect forecaster fails at these sample sizes.
//!
//! Sums run over the scored tests in the ledger's canonical order (crisis
//! start, crisis id, commitment id, guarantor id), so the report does not
//! depend on the order the data were loaded in.
//!
//! The replay is one pass: scored tests sorted by start, evidence fed in
//! sorted by window end, one forward-decayed [`Evidence`](crate::Evidence)
//! accumulator per guarantor and per guarantor × kind; `O(n log n)` for
//! `n` tests.

mod baseline;
pub(crate) mod bootstrap;
mod calibration;
mod consistency;
mod covariate;
mod era;
mod fair;
mod logistic;
mod recalibrate;
mod replay;
mod report;
mod rolling;
mod scores;

pub use baseline::Predictor;
pub use bootstrap::{Bootstrap, Skill};
pub use consistency::CalibrationFit;
pub use covariate::{
    COVARIATE_NAMES, Coefficient, CovariateBacktest, CovariateReport, Missing, Sign,
};
pub use era::{Candidate, EraReport, EraSplit};
pub use fair::{Check, FairBacktest, FairReport, Protocol, Targets};
pub use recalibrate::{Platt, Recalibration, RecalibrationSummary};
pub use report::BacktestReport;
pub use rolling::RollingTuning;
pub use scores::{BINS, Bin, CALIBRATION_MIN_COUNT, LOG_LOSS_EPS, Scores};

use chrono::NaiveDate;

use crate::resolve::{Outcome, Status};
use crate::{ActorKey, Config, Ledger, Obligation};

/// What a backtest predicts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Target {
    /// The test's fulfilment in [0, 1] (fractional outcome).
    #[default]
    Fulfilment,
    /// Whether the test was honoured: 1 for [`Status::Honoured`], else 0.
    /// The model then predicts from earlier honour indicators too.
    Honoured,
}

impl Target {
    fn observe(self, o: &Outcome) -> f64 {
        match self {
            Target::Fulfilment => o.fulfilment,
            Target::Honoured => f64::from(u8::from(o.status == Status::Honoured)),
        }
    }

    /// Lower-case name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Fulfilment => "fulfilment",
            Target::Honoured => "honoured",
        }
    }
}

/// The default era cut: 1945-01-01.
pub fn default_era_cut() -> NaiveDate {
    NaiveDate::from_ymd_opt(1945, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// An out-of-time backtest of a [`Ledger`]: see the [module docs](self)
/// for the exact protocol.
///
/// # Example
///
/// ```
/// use alliance_reliability::backtest::{Backtest, Predictor};
/// use alliance_reliability::*;
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut b = Timeline::builder()
///     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
///     .actor(Actor::new("SYR", "Syria", ActorKind::State)?)
///     .commitment(Commitment::new(
///         "RUS-SYR", Parties::directed("RUS", "SYR")?,
///         Obligation::Defence, Period::starting(d(2000, 1, 1)))?);
/// for y in 2001..2005 {
///     let start = d(y, 3, 1);
///     b = b
///         .crisis(Crisis::new(format!("C{y}"), "SYR", Period::new(start, Some(start))?,
///             CrisisKind::ExternalAttack)?)
///         .event(SupportEvent::new("RUS", "SYR", start, SupportKind::Military)?);
/// }
/// let ledger = Ledger::new(b.build()?, Config::default())?;
/// let report = Backtest::new(&ledger).as_of(d(2010, 1, 1)).run();
/// assert_eq!(report.n(), 4);
/// // Russia always delivers: the model learns it, the base rate too.
/// assert!(report.scores(Predictor::Model).brier().unwrap() < 0.25);
/// println!("{report}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Backtest<'a> {
    ledger: &'a Ledger,
    as_of: NaiveDate,
    target: Target,
    config: Option<Config>,
    from: NaiveDate,
    until: NaiveDate,
    era_cut: Option<NaiveDate>,
    bootstrap: Bootstrap,
    recalibration: Recalibration,
    fit_before: Option<NaiveDate>,
    assess_calibration: bool,
}

impl<'a> Backtest<'a> {
    /// A backtest of `ledger` with no cutoff date, predicting fulfilment,
    /// with the ledger's own configuration, scoring every resolved test,
    /// eras split at 1945-01-01 and the default [`Bootstrap`].
    pub fn new(ledger: &'a Ledger) -> Backtest<'a> {
        Backtest {
            ledger,
            as_of: NaiveDate::MAX,
            target: Target::Fulfilment,
            config: None,
            from: NaiveDate::MIN,
            until: NaiveDate::MAX,
            era_cut: Some(default_era_cut()),
            bootstrap: Bootstrap::default(),
            recalibration: Recalibration::Off,
            fit_before: None,
            assess_calibration: true,
        }
    }

    /// Only tests resolved by `as_of` are scored or used, and events after
    /// it are ignored (as in [`Ledger::assess`]).
    pub fn as_of(mut self, as_of: NaiveDate) -> Backtest<'a> {
        self.as_of = as_of;
        self
    }

    /// What to predict (default [`Target::Fulfilment`]).
    pub fn target(mut self, target: Target) -> Backtest<'a> {
        self.target = target;
        self
    }

    /// The configuration the model predicts with (prior model, prior,
    /// half-life; default: the ledger's). Outcomes are always resolved under
    /// the ledger's own configuration; only the predictor changes, so
    /// several configurations can be compared on the same outcomes.
    pub fn config(mut self, config: Config) -> Backtest<'a> {
        self.config = Some(config);
        self
    }

    /// Scores only tests whose crisis starts on or after `from` and before
    /// `until` (earlier tests are still evidence).
    pub fn scored(mut self, from: NaiveDate, until: NaiveDate) -> Backtest<'a> {
        self.from = from;
        self.until = until;
        self
    }

    /// Where the kind × era base rate splits eras (`None`: one era, so it
    /// equals the kind base rate).
    pub fn era_cut(mut self, cut: Option<NaiveDate>) -> Backtest<'a> {
        self.era_cut = cut;
        self
    }

    /// The bootstrap settings of the skill intervals.
    pub fn bootstrap(mut self, bootstrap: Bootstrap) -> Backtest<'a> {
        self.bootstrap = bootstrap;
        self
    }

    /// How the model's forecast is recalibrated (default
    /// [`Recalibration::Off`]; see [`Recalibration`] for the out-of-time
    /// fitting protocol). Only the model's column changes; the base rates
    /// are scored as they are.
    pub fn recalibration(mut self, recalibration: Recalibration) -> Backtest<'a> {
        self.recalibration = recalibration;
        self
    }

    /// A run whose report is only read for its scores (the candidates of
    /// the era split and of rolling tuning): no bootstrap draws, no
    /// calibration intercept and slope, no bands.
    pub(crate) fn quiet(mut self) -> Backtest<'a> {
        self.bootstrap.replicates = 0;
        self.assess_calibration = false;
        self
    }

    /// Only tests of crises before `date` may fit a recalibration map
    /// (the era split's training era; default: any settled test).
    pub fn fit_before(mut self, date: Option<NaiveDate>) -> Backtest<'a> {
        self.fit_before = date;
        self
    }
}

/// One scored test: what each predictor said and what happened.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prediction {
    test: usize,
    crisis: u32,
    guarantor: ActorKey,
    obligation: Obligation,
    start: NaiveDate,
    history: u64,
    predicted: [f64; 4],
    observed: f64,
}

impl Prediction {
    /// The test's position in the ledger (as in [`Outcome::test`]).
    pub fn test(&self) -> usize {
        self.test
    }
    /// The crisis's position in the timeline's crises: the bootstrap's cluster.
    pub fn crisis(&self) -> usize {
        self.crisis as usize
    }
    /// The guarantor.
    pub fn guarantor(&self) -> ActorKey {
        self.guarantor
    }
    /// The obligation kind tested.
    pub fn obligation(&self) -> Obligation {
        self.obligation
    }
    /// The crisis start: the date the prediction is made on.
    pub fn date(&self) -> NaiveDate {
        self.start
    }
    /// How many earlier tests of this guarantor (any kind) the model saw.
    pub fn history(&self) -> u64 {
        self.history
    }
    /// What `predictor` said.
    pub fn predicted(&self, predictor: Predictor) -> f64 {
        self.predicted[predictor.index()]
    }
    /// The model's prediction.
    pub fn model(&self) -> f64 {
        self.predicted(Predictor::Model)
    }
    /// The global base rate's prediction.
    pub fn base(&self) -> f64 {
        self.predicted(Predictor::Global)
    }
    /// The observed value (fulfilment, or the honour indicator).
    pub fn observed(&self) -> f64 {
        self.observed
    }

    /// A test fixture: one prediction `p` by every predictor, in crisis
    /// `crisis`, with outcome `f` (for the calibration tests).
    #[cfg(test)]
    pub(crate) fn fixture(crisis: u32, p: f64, f: f64) -> Prediction {
        Prediction {
            test: 0,
            crisis,
            guarantor: crate::ActorKey(0),
            obligation: crate::Obligation::Defence,
            start: NaiveDate::from_ymd_opt(1950, 1, 1).unwrap(),
            history: 0,
            predicted: [p; 4],
            observed: f,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        Actor, ActorKind, Commitment, Crisis, CrisisKind, HalfLife, Intensity, Obligation, Parties,
        Period, Severity, SupportEvent, SupportKind, Timeline,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Guarantor A owes B (defence, military required); guarantor C owes B
    /// too. Crises on B, each one day long (window = that day):
    ///
    /// | crisis | start      | A's response          | f_A | C's response | f_C |
    /// |--------|------------|-----------------------|-----|--------------|-----|
    /// | K1     | 2000-01-01 | military              | 1   | none         | 0   |
    /// | K2     | 2000-01-01 | military (sev. 0.5)   | 1   | none         | 0   |
    /// | K3     | 2001-01-01 | materiel × 0.5 = 0.3  | 0.3 | none         | 0   |
    /// | K4     | 2001-01-01 | (not yet resolved)    |     |              |     |
    ///
    /// K4 ends 2001-06-30, after the cutoff 2001-03-01: pending, excluded.
    fn ledger(config: Config) -> Ledger {
        let day1 = |y, m, dd| Period::new(d(y, m, dd), Some(d(y, m, dd))).unwrap();
        let defence = |id: &str, g: &str| {
            Commitment::new(
                id,
                Parties::Directed {
                    guarantor: g.parse().unwrap(),
                    beneficiary: "B".parse().unwrap(),
                },
                Obligation::Defence,
                Period::starting(d(1990, 1, 1)),
            )
            .unwrap()
        };
        let crisis = |id: &str, p: Period| Crisis::new(id, "B", p, CrisisKind::ExternalAttack);
        let ev = |p: &str, date, k| SupportEvent::new(p, "B", date, k).unwrap();
        let tl = Timeline::builder()
            .actor(Actor::new("A", "A", ActorKind::State).unwrap())
            .actor(Actor::new("B", "B", ActorKind::State).unwrap())
            .actor(Actor::new("C", "C", ActorKind::State).unwrap())
            .commitment(defence("A-B", "A"))
            .commitment(defence("C-B", "C"))
            .crisis(crisis("K1", day1(2000, 1, 1)).unwrap())
            .crisis(
                crisis("K2", day1(2000, 1, 1))
                    .unwrap()
                    .with_severity(Severity::new(0.5).unwrap()),
            )
            .crisis(crisis("K3", day1(2001, 1, 1)).unwrap())
            .crisis(
                crisis(
                    "K4",
                    Period::new(d(2001, 1, 1), Some(d(2001, 6, 30))).unwrap(),
                )
                .unwrap(),
            )
            .build()
            .unwrap();
        let mut l = Ledger::new(tl, config.prior_model(crate::PriorModel::Fixed)).unwrap();
        // A's military act on 2000-01-01 answers both K1 and K2 (crises of
        // B on that day); its materiel act answers K3 (and K4, pending).
        l.add_event(ev("A", d(2000, 1, 1), SupportKind::Military))
            .unwrap();
        l.add_event(
            ev("A", d(2001, 1, 1), SupportKind::Materiel)
                .with_intensity(Intensity::new(0.5).unwrap()),
        )
        .unwrap();
        l
    }

    /// With the cutoff 2001-03-01 and no decay, prior Beta(1, 1):
    ///
    /// Tests (canonical order: start, crisis id, commitment id, guarantor):
    /// 2000-01-01: K1/A (f=1), K1/C (f=0), K2/A (f=1), K2/C (f=0)
    ///   nothing earlier → model 0.5 each, base 0.5 each.
    /// 2001-01-01: K3/A (f = 0.6·0.5/1 = 0.3), K3/C (f=0); K4 pending.
    ///   earlier: all four 2000 tests (windows closed 2000-01-01 < 2001-01-01).
    ///   A: K1 (w=1, f=1), K2 (w=0.5, f=1) → p = (1 + 1.5)/(2 + 1.5) = 5/7.
    ///   C: K1 (w=1, f=0), K2 (w=0.5, f=0) → p = 1/3.5 = 2/7.
    ///   base: mean(1, 0, 1, 0) = 0.5.
    ///
    /// Brier model = [4·0.25 + (5/7 − 0.3)² + (2/7)²] / 6
    ///             = [1 + 0.171224… + 0.081632…] / 6 = 1.252857…/6
    /// Brier base  = [4·0.25 + 0.2² + 0.5²] / 6 = 1.29 / 6 = 0.215
    /// log loss model = [4·ln 2 − 0.3 ln(5/7) − 0.7 ln(2/7) − ln(5/7)] / 6
    /// log loss base  = [4·ln 2 − 0.3 ln 0.5 − 0.7 ln 0.5 − ln 0.5] / 6 = ln 2
    #[test]
    fn hand_computed() {
        let l = ledger(Config::default().no_decay());
        let r = Backtest::new(&l).as_of(d(2001, 3, 1)).run();
        assert_eq!(r.n(), 6);
        assert_eq!(r.with_history(), 2);
        let pa: f64 = 5.0 / 7.0;
        let pc: f64 = 2.0 / 7.0;
        let brier = (1.0 + (pa - 0.3).powi(2) + pc.powi(2)) / 6.0;
        assert!((r.model().brier().unwrap() - brier).abs() < 1e-12);
        assert!((r.base().brier().unwrap() - 0.215).abs() < 1e-12);
        let ll = (4.0 * 2f64.ln() - 0.3 * pa.ln() - 0.7 * (1.0 - pa).ln() - (1.0 - pc).ln()) / 6.0;
        assert!((r.model().log_loss().unwrap() - ll).abs() < 1e-12);
        assert!((r.base().log_loss().unwrap() - 2f64.ln()).abs() < 1e-12);
        assert!((r.skill().unwrap() - (1.0 - brier / 0.215)).abs() < 1e-12);
        // Calibration: 0.5 ×4 in bin 5; 5/7 = 0.714 in bin 7; 2/7 = 0.286 in bin 2.
        let cal = r.model().calibration();
        assert_eq!(cal[5].count, 4);
        assert_eq!(cal[5].mean_observed, Some(0.5));
        assert_eq!(cal[7].count, 1);
        assert!((cal[7].mean_observed.unwrap() - 0.3).abs() < 1e-12);
        assert_eq!(cal[2].count, 1);
        assert_eq!(cal[2].mean_observed, Some(0.0));
        assert_eq!(cal.iter().map(|b| b.count).sum::<u64>(), 6);
        assert_eq!(cal[0].mean_predicted, None);
    }

    /// Same ledger, binary target: K3/A (f = 0.3 < 0.5) is abandoned → 0.
    /// Earlier honour indicators equal the fulfilments here (1, 0, 1, 0),
    /// so predictions are unchanged: model 5/7 and 2/7, base 0.5.
    /// Brier model = [1 + (5/7)² + (2/7)²] / 6; base = [1 + 0.25 + 0.25] / 6 = 0.25.
    #[test]
    fn binary_target() {
        let l = ledger(Config::default().no_decay());
        let r = Backtest::new(&l)
            .as_of(d(2001, 3, 1))
            .target(Target::Honoured)
            .run();
        let want = (1.0 + (25.0 + 4.0) / 49.0) / 6.0;
        assert!((r.model().brier().unwrap() - want).abs() < 1e-12);
        assert!((r.base().brier().unwrap() - 0.25).abs() < 1e-12);
    }

    /// With a one-year-ish half-life of 366 days (2000 is a leap year, so
    /// 2000-01-01 → 2001-01-01 is exactly 366 days) the 2000 tests weigh
    /// half: A: p = (1 + 0.5 + 0.25)/(2 + 0.75) = 1.75/2.75.
    #[test]
    fn decay_as_of_prediction_date() {
        let config = Config::default().half_life(HalfLife::from_days(366.0).unwrap());
        let l = ledger(config);
        let r = Backtest::new(&l).as_of(d(2001, 3, 1)).run();
        let k3a = r
            .predictions()
            .iter()
            .find(|p| p.date() == d(2001, 1, 1) && p.history() > 0 && p.observed() > 0.0)
            .unwrap();
        assert!((k3a.model() - 1.75 / 2.75).abs() < 1e-12);
        // Overriding the predictor's configuration (no decay) gives 5/7 again.
        let r = Backtest::new(&l)
            .as_of(d(2001, 3, 1))
            .config(
                Config::default()
                    .no_decay()
                    .prior_model(crate::PriorModel::Fixed),
            )
            .run();
        assert!(
            r.predictions()
                .iter()
                .any(|p| (p.model() - 5.0 / 7.0).abs() < 1e-12)
        );
    }

    /// Windows closing on the very day of a later crisis are not earlier.
    #[test]
    fn same_day_is_not_earlier() {
        let l = ledger(Config::default().no_decay());
        // Cutoff on 2000-01-01: only the four 2000 tests, nothing earlier.
        let r = Backtest::new(&l).as_of(d(2000, 1, 1)).run();
        assert_eq!(r.n(), 4);
        assert_eq!(r.with_history(), 0);
        assert!(r.predictions().iter().all(|p| p.model() == 0.5));
        // Brier = mean of 0.25 → base equals model, skill 0.
        assert_eq!(r.skill(), Some(0.0));
    }

    #[test]
    fn empty_and_display() {
        let l = ledger(Config::default());
        let r = Backtest::new(&l).as_of(d(1999, 1, 1)).run();
        assert_eq!(r.n(), 0);
        assert_eq!(r.model().brier(), None);
        assert_eq!(r.skill(), None);
        let text = Backtest::new(&l).run().to_string();
        println!("{text}");
        assert!(text.contains("tests scored: 8"), "{text}");
        assert!(text.contains("[0.9, 1.0]"), "{text}");
        assert!(text.contains("cutoff: none"), "{text}");
    }

    /// The era split never looks at the scored era: changing an outcome
    /// after the cut changes the scored report but not the training scores
    /// or the choice.
    #[test]
    fn era_split_never_tunes_on_the_scored_era() {
        let cut = d(2001, 1, 1);
        let a = ledger(Config::default());
        let mut b = ledger(Config::default());
        // C now fights for B in K3 (2001-01-01, after the cut).
        b.add_event(SupportEvent::new("C", "B", d(2001, 1, 1), SupportKind::Military).unwrap())
            .unwrap();
        let ra = EraSplit::new(&a).cut(cut).as_of(d(2001, 3, 1)).run();
        let rb = EraSplit::new(&b).cut(cut).as_of(d(2001, 3, 1)).run();
        assert_eq!(ra.training_n(), 4);
        assert_eq!(ra.chosen(), rb.chosen());
        let ta: Vec<Option<f64>> = ra.training().map(|t| t.1).collect();
        let tb: Vec<Option<f64>> = rb.training().map(|t| t.1).collect();
        assert_eq!(ta, tb);
        assert_eq!(ra.scored().n(), 2);
        assert_ne!(ra.scored().model().brier(), rb.scored().model().brier());
        let text = ra.to_string();
        assert!(text.contains("training era chose: "), "{text}");
    }

    /// The fair backtest runs every protocol on the same ledger; the era
    /// split is withheld when the training era is too small, and the
    /// targets are checked on each report.
    #[test]
    fn fair_backtest_protocols_and_targets() {
        let l = ledger(Config::default().no_decay());
        let cut = d(2001, 1, 1);
        let run = |min: usize| {
            FairBacktest::new(&l, "toy")
                .as_of(d(2001, 3, 1))
                .cut(cut)
                .targets(Targets {
                    skill_vs_global: Some(-1.0),
                })
                .min_training(min)
                .run()
        };
        let r = run(100);
        // Four tests before the cut: fewer than 100, no era split.
        assert!(!r.era_trained());
        assert_eq!(r.report(Protocol::EraSplit), None);
        assert_eq!(r.check(Protocol::EraSplit), None);
        assert!(
            r.to_string()
                .contains("too few tests before 2001-01-01 to tune on (4 < 100)")
        );
        assert_eq!(r.report(Protocol::AllYears).map(|x| x.n()), Some(6));
        assert_eq!(r.report(Protocol::FromCut).map(|x| x.n()), Some(2));
        assert_eq!(r.report(Protocol::Rolling).map(|x| x.n()), Some(6));
        let c = r.check(Protocol::AllYears).unwrap();
        // Skill >= -1 is met; every non-empty bin has a band.
        assert_eq!(c.skill_vs_global, Some(true));
        let model = r.report(Protocol::AllYears).unwrap().model();
        assert_eq!(
            c.checked_bins,
            model.calibration().iter().filter(|b| b.count > 0).count()
        );
        assert_eq!(c.inconsistent_bins, model.inconsistent_bins().len());
        assert!(c.bands_consistent.is_some());
        assert!(c.beats_kind_era.is_some());
        let r = run(4);
        assert!(r.era_trained());
        assert_eq!(r.report(Protocol::EraSplit).map(|x| x.n()), Some(2));
        assert_eq!(
            Targets::NONE
                .check(r.report(Protocol::AllYears).unwrap())
                .skill_vs_global,
            None
        );
        let strict = Targets {
            skill_vs_global: Some(1.0),
        };
        assert_eq!(
            strict
                .check(r.report(Protocol::AllYears).unwrap())
                .skill_vs_global,
            Some(false)
        );
    }

    /// Re-using a raw run's choices gives exactly what a recalibrated run
    /// gives, for both recalibrations; recalibration changes only the
    /// model column, and with it off `run_reusing` is `run`.
    #[test]
    fn run_reusing_equals_run() {
        let l = ledger(Config::default().no_decay());
        let fair = |m: Recalibration| {
            FairBacktest::new(&l, "toy")
                .as_of(d(2001, 3, 1))
                .cut(d(2001, 1, 1))
                .min_training(4)
                .recalibration(m)
        };
        let raw = fair(Recalibration::Off).run();
        assert_eq!(fair(Recalibration::Off).run_reusing(&raw), raw);
        for m in [
            Recalibration::Platt { min_tests: 1 },
            Recalibration::PlattByKind { min_tests: 1 },
        ] {
            let full = fair(m).run();
            assert_eq!(fair(m).run_reusing(&raw), full);
            let s = full
                .report(Protocol::AllYears)
                .unwrap()
                .recalibration()
                .unwrap();
            // The two 2001 tests are recalibrated with a map fitted on the
            // four 2000 tests; the 2000 tests have nothing earlier.
            assert_eq!(s.recalibrated, 2);
            assert_eq!(s.last.map(|m| m.n), Some(4));
            let raw_all = raw.report(Protocol::AllYears).unwrap();
            let all = full.report(Protocol::AllYears).unwrap();
            for (a, b) in raw_all.predictions().iter().zip(all.predictions()) {
                assert_eq!(a.base(), b.base());
                assert_eq!(
                    a.predicted(Predictor::KindEra),
                    b.predicted(Predictor::KindEra)
                );
            }
            // Re-using a recalibrated run falls back to a full run.
            assert_eq!(fair(m).run_reusing(&full), full);
        }
    }

    /// The same seed gives the same intervals; no replicates, no intervals.
    #[test]
    fn bootstrap_is_deterministic() {
        let l = ledger(Config::default());
        let run = |b: Bootstrap| Backtest::new(&l).bootstrap(b).run();
        let one = run(Bootstrap::default());
        let two = run(Bootstrap::default());
        assert_eq!(one.skills(), two.skills());
        let s = one.skill_vs(Predictor::Model, Predictor::Global).unwrap();
        let (lo, hi) = s.brier_interval.unwrap();
        assert!(lo <= hi);
        let none = run(Bootstrap {
            replicates: 0,
            ..Bootstrap::default()
        });
        let s = none.skill_vs(Predictor::Model, Predictor::Global).unwrap();
        assert_eq!(s.brier_interval, None);
        assert_eq!(s.brier, one.skill());
        assert!(none.to_string().contains("verdict: no interval"));
    }

    /// Rolling-origin tuning: with nothing resolved yet the first candidate
    /// predicts; a test's prediction does not depend on its own outcome or
    /// on later ones.
    #[test]
    fn rolling_tuning_uses_only_earlier_tests() {
        let grid = vec![
            Candidate::new(
                Config::default()
                    .no_decay()
                    .prior_model(crate::PriorModel::Fixed),
            ),
            Candidate::new(Config::default().no_decay()),
        ];
        let a = ledger(Config::default());
        let mut b = ledger(Config::default());
        b.add_event(SupportEvent::new("C", "B", d(2001, 1, 1), SupportKind::Military).unwrap())
            .unwrap();
        let run = |l: &Ledger| {
            RollingTuning::new(l)
                .grid(grid.clone())
                .backtest(Backtest::new(l).as_of(d(2001, 3, 1)))
                .run()
        };
        let (ra, rb) = (run(&a), run(&b));
        assert_eq!(ra.n(), 6);
        // The four 2000 tests: nothing earlier, the first candidate (0.5).
        for p in &ra.predictions()[..4] {
            assert_eq!(p.model(), 0.5);
        }
        // The 2001 predictions depend only on the 2000 outcomes, which the
        // extra 2001 event does not change.
        let models = |r: &BacktestReport| {
            r.predictions()
                .iter()
                .map(|p| p.model())
                .collect::<Vec<_>>()
        };
        assert_eq!(models(&ra), models(&rb));
        assert!(
            ra.to_string()
                .contains("model: rolling-origin tuning over 2 configurations")
        );
    }
}
