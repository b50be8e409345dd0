//! The Leeds (2003) covariate forecaster (documented on [`CovariateBacktest`]).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::logistic::{fit_logistic, sigmoid};
use super::{Backtest, BacktestReport, Bootstrap, Predictor, Target, default_era_cut};
use crate::import::{Covariates, StateSystem};
use crate::resolve::Outcome;
use crate::timeline::{date, day};
use crate::{Config, Ledger, Obligation};

/// Number of regression weights.
const K: usize = 7;

/// The covariates' names, in weight order.
pub const COVARIATE_NAMES: [&str; K] = [
    "intercept",
    "offence",
    "neutrality",
    "non-aggression",
    "major -> minor",
    "capability change",
    "democracy",
];

/// The sign a coefficient has on fulfilment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Raises the chance the promise is kept.
    Positive,
    /// Lowers it.
    Negative,
}

impl Sign {
    fn of(x: f64) -> Option<Sign> {
        if x > 0.0 {
            Some(Sign::Positive)
        } else if x < 0.0 {
            Some(Sign::Negative)
        } else {
            None
        }
    }
    fn as_str(self) -> &'static str {
        match self {
            Sign::Positive => "positive",
            Sign::Negative => "negative",
        }
    }
}

/// One fitted weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coefficient {
    /// The covariate.
    pub name: &'static str,
    /// The fitted weight (log odds of fulfilment).
    pub estimate: f64,
    /// The covariate's mean over the training rows.
    pub training_mean: f64,
    /// The sign Leeds (2003) reported, turned into a sign on fulfilment
    /// (`None`: not one of her covariates).
    pub leeds_2003: Option<Sign>,
}

impl Coefficient {
    /// Whether the fitted sign agrees with Leeds (2003) (`None`: she
    /// reported none, or the weight is 0).
    pub fn agrees(&self) -> Option<bool> {
        Some(Sign::of(self.estimate)? == self.leeds_2003?)
    }
}

/// Covariates that could not be read, over the training and scored rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    /// Rows whose guarantor or beneficiary has no COW code (major → minor,
    /// capability change and democracy all set to 0).
    pub unmapped: usize,
    /// Rows without the guarantor's CINC in the signing year or the year
    /// before the crisis (or with a CINC of 0).
    pub cinc: usize,
    /// Rows without the guarantor's Polity2 in the year before the crisis.
    pub polity: usize,
}

/// The Leeds (2003) covariate forecaster: a logistic regression of
/// fulfilment on what was promised and on three covariates known at the
/// crisis date, fitted on the training era only and scored out of time on
/// the later era beside the base rates.
///
/// # Example
///
/// ```no_run
/// use alliance_reliability::backtest::CovariateBacktest;
/// use alliance_reliability::history::{AllianceSource, HistoricalData, Rule, Scope};
/// use alliance_reliability::import::Covariates;
///
/// let data = HistoricalData::bundled()?;
/// let (covariates, _reports) = Covariates::bundled()?;
/// let ledger = data.ledger_in(AllianceSource::Atop, Rule::Leeds, &Scope::judged(), Rule::Leeds.config())?;
/// let report = CovariateBacktest::new(&ledger, &covariates, data.states()).run();
/// println!("{report}"); // coefficient table beside Leeds's signs, then the scored era
/// # Ok::<(), alliance_reliability::Error>(())
/// ```
///
/// # Covariates
///
/// For a test of guarantor `g` toward beneficiary `b`, of a commitment
/// signed on `s` (its period's start), in a crisis starting on `t` (year
/// `y`), with COW codes from the [`StateSystem`]:
///
/// | covariate | value | source |
/// |---|---|---|
/// | intercept | 1 | |
/// | offence, neutrality, non-aggression | 1 when the tested obligation is of that kind (defence, and any other kind, is the baseline) | the commitment |
/// | major → minor | 1 when `g` is a COW major power on `t` and `b` is not | `cow_majors` |
/// | capability change | `|ln(CINC_g(y − 1) / CINC_g(year of s))|`, the size of `g`'s relative change in capabilities since signing | COW NMC |
/// | democracy | 1 when `g`'s Polity2 in `y − 1` is at least 6 | Polity |
///
/// Capabilities and Polity are read in the year before the crisis, the
/// last year wholly known when it began. A covariate that cannot be read
/// (an actor without a COW code, a state-year without CINC or Polity2, a
/// CINC of 0) is set to 0 and counted in the report
/// ([`CovariateReport::missing`]).
///
/// # Fit and protocol
///
/// The weights minimise the mean Bernoulli log loss of the observed
/// fulfilment (fractional values as they are) over the *training era*:
/// tests of crises before the cut (default 1945-01-01) whose response
/// windows closed before it, so that every training outcome was known
/// when the scored era began. The minimiser is argmin's L-BFGS
/// (`logistic.rs`), at most 500 iterations, no penalty. The scored era
/// (crises from the cut on) is then predicted with those fixed weights,
/// beside the global, kind and kind × era base rates of the ordinary
/// [`Backtest`] on the same tests, with the same crisis-bootstrap
/// intervals; in the report, the "model" column is this forecaster.
///
/// # Leeds (2003)
///
/// Leeds, B. A. (2003). "Alliance Reliability in Times of War: Explaining
/// State Decisions to Violate Treaties". *International Organization*
/// 57(4): 801–827. On alliance commitments invoked 1816–1944 she found
/// violation more likely after changes in the power of a member since
/// signing, less likely for democracies, and more likely for major powers
/// allied to minor powers. On fulfilment (this regression's outcome) the
/// expected signs are therefore: major → minor negative, capability change
/// negative, democracy positive ([`Coefficient::leeds_2003`]). Her
/// operationalisations differ from these (she codes changes in either
/// member, Polity's democracy scale at 5, and violation as a binary
/// outcome of ATOP's own coding); this is a replication in spirit, not to
/// the letter.
#[derive(Clone, Debug)]
pub struct CovariateBacktest<'a> {
    ledger: &'a Ledger,
    covariates: &'a Covariates,
    states: &'a StateSystem,
    as_of: NaiveDate,
    cut: NaiveDate,
    bootstrap: Bootstrap,
}

impl<'a> CovariateBacktest<'a> {
    /// The forecaster on `ledger`, reading covariates from `covariates`
    /// with actors mapped to COW codes by `states`; cut 1945-01-01, no
    /// cutoff, default bootstrap.
    pub fn new(
        ledger: &'a Ledger,
        covariates: &'a Covariates,
        states: &'a StateSystem,
    ) -> CovariateBacktest<'a> {
        CovariateBacktest {
            ledger,
            covariates,
            states,
            as_of: NaiveDate::MAX,
            cut: default_era_cut(),
            bootstrap: Bootstrap::default(),
        }
    }

    /// Only tests resolved by `as_of` are used.
    pub fn as_of(mut self, as_of: NaiveDate) -> CovariateBacktest<'a> {
        self.as_of = as_of;
        self
    }

    /// The cut between the training and the scored era.
    pub fn cut(mut self, cut: NaiveDate) -> CovariateBacktest<'a> {
        self.cut = cut;
        self
    }

    /// The bootstrap of the skill intervals.
    pub fn bootstrap(mut self, bootstrap: Bootstrap) -> CovariateBacktest<'a> {
        self.bootstrap = bootstrap;
        self
    }

    /// The covariate row of one outcome, and which covariates were missing.
    fn row(&self, o: &Outcome) -> ([f64; K], [bool; 3]) {
        let tl = self.ledger.timeline();
        let tests = self.ledger.tests();
        let kind = |k: Obligation| f64::from(u8::from(o.obligation == k));
        let mut x = [
            1.0,
            kind(Obligation::Offence),
            kind(Obligation::Neutrality),
            kind(Obligation::NonAggression),
            0.0,
            0.0,
            0.0,
        ];
        let code = |a: u32| {
            tl.actors()
                .get(a as usize)
                .and_then(|actor| self.states.code(actor.id().as_str()))
        };
        let (Some(g), Some(b)) = (code(o.guarantor), code(o.beneficiary)) else {
            return (x, [true, false, false]);
        };
        let t = date(o.start);
        let y = t.year() - 1;
        let c = &self.covariates;
        x[4] = f64::from(u8::from(c.is_major(g, t) && !c.is_major(b, t)));
        let signed = tests
            .get(o.test as usize)
            .and_then(|s| tl.commitments().get(s.commitment as usize))
            .map(|c| c.period().from().year());
        let change = signed
            .and_then(|s| Some((c.cinc(g, s)?, c.cinc(g, y)?)))
            .filter(|&(a, b)| a > 0.0 && b > 0.0)
            .map(|(a, b)| (b / a).ln().abs());
        x[5] = change.unwrap_or(0.0);
        let polity = c.polity2(g, y);
        x[6] = f64::from(u8::from(polity.is_some_and(|p| p >= 6)));
        (x, [false, change.is_none(), polity.is_none()])
    }

    /// Fits on the training era and scores the later era.
    pub fn run(&self) -> CovariateReport {
        let base = Backtest::new(self.ledger)
            .as_of(self.as_of)
            .era_cut(Some(self.cut))
            .bootstrap(self.bootstrap)
            .config(Config::default())
            .scored(self.cut, NaiveDate::MAX);
        let resolved = base.resolved();
        let cut = day(self.cut);
        let tests = self.ledger.tests();
        let mut missing = Missing::default();
        let mut count = |m: [bool; 3]| {
            missing.unmapped += usize::from(m[0]);
            missing.cinc += usize::from(m[1]);
            missing.polity += usize::from(m[2]);
        };
        let mut training: Vec<([f64; K], f64)> = Vec::new();
        for o in &resolved {
            if o.start < cut && tests[o.test as usize].end < cut {
                let (x, m) = self.row(o);
                count(m);
                training.push((x, Target::Fulfilment.observe(o)));
            }
        }
        let weights = fit_logistic(&training, 500);
        let n = training.len().max(1) as f64;
        let coefficients = (0..K)
            .map(|j| Coefficient {
                name: COVARIATE_NAMES[j],
                estimate: weights.map_or(f64::NAN, |w| w[j]),
                training_mean: training.iter().map(|(x, _)| x[j]).sum::<f64>() / n,
                leeds_2003: match j {
                    4 | 5 => Some(Sign::Negative),
                    6 => Some(Sign::Positive),
                    _ => None,
                },
            })
            .collect();
        // The scored era: base rates from the ordinary replay, the model
        // column replaced by the regression's forecast (the training-era
        // mean when nothing could be fitted).
        let scored_base = base.run_on(&resolved);
        let by_test: std::collections::HashMap<usize, &Outcome> =
            resolved.iter().map(|o| (o.test as usize, o)).collect();
        let fallback = training.iter().map(|r| r.1).sum::<f64>() / n;
        let mut predictions = scored_base.predictions().to_vec();
        for p in &mut predictions {
            let Some(o) = by_test.get(&p.test()) else {
                continue;
            };
            let (x, m) = self.row(o);
            count(m);
            p.predicted[Predictor::Model.index()] = match weights {
                Some(w) => sigmoid(w.iter().zip(&x).map(|(a, b)| a * b).sum()),
                None => fallback,
            };
        }
        let label = format!(
            "Leeds (2003) covariates: logistic regression fitted on {} training-era tests (crises and windows before {})",
            training.len(),
            self.cut
        );
        let scored = base.finish(Config::default(), Some(label), predictions);
        CovariateReport {
            cut: self.cut,
            training_n: training.len(),
            fitted: weights.is_some(),
            coefficients,
            missing,
            scored,
        }
    }
}

/// The result of a [`CovariateBacktest`].
#[derive(Clone, Debug, PartialEq)]
pub struct CovariateReport {
    cut: NaiveDate,
    training_n: usize,
    fitted: bool,
    coefficients: Vec<Coefficient>,
    missing: Missing,
    scored: BacktestReport,
}

impl CovariateReport {
    /// Training-era tests the regression was fitted on.
    pub fn training_n(&self) -> usize {
        self.training_n
    }
    /// Whether a fit was found (`false`: too few or uniform outcomes; the
    /// forecast is then the training-era mean).
    pub fn fitted(&self) -> bool {
        self.fitted
    }
    /// The fitted weights, in [`COVARIATE_NAMES`] order.
    pub fn coefficients(&self) -> &[Coefficient] {
        &self.coefficients
    }
    /// Covariates that could not be read (training and scored rows).
    pub fn missing(&self) -> Missing {
        self.missing
    }
    /// The scored era, the regression in the model column.
    pub fn scored(&self) -> &BacktestReport {
        &self.scored
    }
}

impl fmt::Display for CovariateReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Leeds (2003) covariates: logistic regression of fulfilment, fitted on {} tests of crises before {} (L-BFGS, no penalty)",
            self.training_n, self.cut
        )?;
        writeln!(
            f,
            "{:<18} {:>9} {:>10} {:>13} {:>12} {:>7}",
            "covariate", "weight", "odds ratio", "training mean", "Leeds (2003)", "agrees"
        )?;
        for c in &self.coefficients {
            writeln!(
                f,
                "{:<18} {:>+9.3} {:>10.3} {:>13.3} {:>12} {:>7}",
                c.name,
                c.estimate,
                c.estimate.exp(),
                c.training_mean,
                c.leeds_2003.map_or("-", Sign::as_str),
                match c.agrees() {
                    Some(true) => "yes",
                    Some(false) => "no",
                    None => "-",
                }
            )?;
        }
        writeln!(
            f,
            "(Leeds 2003: signs on fulfilment, i.e. her signs on violation reversed; no standard errors are computed here)"
        )?;
        writeln!(
            f,
            "covariates not readable (set to 0), training and scored rows: {} without COW codes, {} without CINC, {} without Polity2",
            self.missing.unmapped, self.missing.cinc, self.missing.polity
        )?;
        write!(f, "{}", self.scored)
    }
}
