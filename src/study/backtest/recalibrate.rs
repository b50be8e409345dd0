//! Recalibration of the model's forecast, fitted on the past only (documented on [`Recalibration`]).

use super::Prediction;
use super::logistic::{fit_logistic, sigmoid};
use super::scores::LOG_LOSS_EPS;
use crate::timeline::{Day, day};
use crate::{Error, Obligation};

/// How the backtest's model forecast is recalibrated.
///
/// # Platt (logistic) recalibration
///
/// A forecast `p` is mapped through a two-parameter logistic curve of its
/// logit (Platt 1999):
///
/// ```text
/// x  = logit(p') = ln(p' / (1 − p')),   p' = clamp(p, 1e−6, 1 − 1e−6)
/// p̂  = σ(a + b·x) = 1 / (1 + e^−(a + b·x))
/// ```
///
/// `(a, b) = (0, 1)` is the identity. `(a, b)` maximise the Bernoulli
/// (quasi-)likelihood of the observed values `f ∈ [0, 1]` over the fitting
/// set, that is minimise the mean log loss
///
/// ```text
/// L(a, b) = (1/n) Σ −[f ln σ(a + b·x) + (1 − f) ln(1 − σ(a + b·x))]
/// ∂L/∂a   = (1/n) Σ (σ(a + b·x) − f)
/// ∂L/∂b   = (1/n) Σ (σ(a + b·x) − f)·x
/// ```
///
/// which is convex in `(a, b)`. Fractional outcomes (a fulfilment of 0.3)
/// enter as they are: the minimiser is the same as for a 0/1 outcome drawn
/// with probability `f`. The minimising is argmin's L-BFGS (memory 7) with
/// a Moré–Thuente line search, started at the identity, at most
/// [`Platt::MAX_ITERS`] iterations, stopping when the gradient norm falls
/// below 1e−9. When the fitting set has fewer than
/// [`Recalibration::Platt`]`{ min_tests }` tests, when every observed value
/// is the same (the likelihood has no finite maximum), or when the solver
/// fails, no map is fitted and the forecast is left as it is (the identity).
///
/// # Out of time
///
/// In a [`Backtest`](super::Backtest) the map is refitted at **yearly
/// steps**: a test whose crisis starts in year `Y` is recalibrated with the
/// map fitted on every test whose response window closed before `Y`-01-01
/// (so strictly before the crisis started, as in the protocol's "earlier"
/// tests), from the model's own out-of-time predictions of those tests and
/// their observed values. Tests outside the scored range are fitting data
/// too (they are evidence for later tests anyway). In the era split the
/// fitting set is further limited to tests of crises before the cut (the
/// training era): the scored era's outcomes never enter a map. Yearly
/// steps rather than a refit before every crisis: the map moves slowly
/// (thousands of tests against a few dozen a year) and a refit per distinct
/// crisis date would cost a few hundred times more for no visible change.
///
/// # Why Platt and not isotonic regression
///
/// Two parameters fitted on a few thousand tests cannot overfit, keep the
/// forecast's ranking (the map is monotone), and extrapolate smoothly into
/// bins where the training era had few tests; isotonic regression is a step
/// function that needs many tests per step and is flat beyond the data.
/// Platt, J. C. (1999). "Probabilistic outputs for support vector machines
/// and comparisons to regularized likelihood methods". In *Advances in
/// Large Margin Classifiers*, MIT Press, 61–74.
///
/// The default is [`Recalibration::Off`]: the backtest scores the model's
/// posterior mean as it is. The out-of-time backtest with
/// [`Recalibration::PLATT`] is printed beside it by the `historical`
/// example, so a reader sees what recalibration changes on every ledger.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[non_exhaustive]
pub enum Recalibration {
    /// The forecast as it is.
    #[default]
    Off,
    /// Logistic recalibration of `logit(p)` (see above), refitted every
    /// year on every test settled before.
    Platt {
        /// The least number of fitting tests for a map; with fewer, the
        /// forecast is left as it is. Default 100, the least count of a
        /// checked calibration bin ([`CALIBRATION_MIN_COUNT`](super::CALIBRATION_MIN_COUNT)).
        min_tests: usize,
    },
    /// One Platt map per obligation kind, each fitted on the earlier tests
    /// of its kind (refitted yearly as [`Recalibration::Platt`]); a kind
    /// with fewer than `min_tests` fitting tests uses the map pooled over
    /// every kind. The model's miscalibration differs by kind (it is too
    /// cautious on non-aggression pledges and too hopeful on defence
    /// pledges, for example), which one pooled map cannot undo.
    PlattByKind {
        /// The least number of fitting tests for a map (pooled or per kind).
        min_tests: usize,
    },
}

impl Recalibration {
    /// Platt recalibration with at least 100 fitting tests.
    pub const PLATT: Recalibration = Recalibration::Platt { min_tests: 100 };
    /// Platt recalibration by obligation kind, at least 100 fitting tests
    /// per map.
    pub const PLATT_BY_KIND: Recalibration = Recalibration::PlattByKind { min_tests: 100 };

    /// A short description for reports.
    pub fn describe(&self) -> String {
        match self {
            Recalibration::Off => "none".to_string(),
            Recalibration::Platt { min_tests } => format!(
                "Platt (logistic on logit p), refitted yearly on tests settled earlier (at least {min_tests})"
            ),
            Recalibration::PlattByKind { min_tests } => format!(
                "Platt by obligation kind (pooled map for kinds with fewer than {min_tests} tests), refitted yearly on tests settled earlier"
            ),
        }
    }
}

/// A fitted logistic recalibration map `p ↦ σ(a + b·logit(p))`.
///
/// # Example
///
/// ```
/// use alliance_reliability::backtest::Platt;
///
/// // A forecaster that always says 0.3 for events that happen 60% of the time.
/// let samples: Vec<(f64, f64)> = (0..200)
///     .map(|i| (if i % 2 == 0 { 0.3 } else { 0.2 }, if i % 5 < 3 { 1.0 } else { 0.0 }))
///     .collect();
/// let map = Platt::fit(&samples)?.expect("enough varied tests");
/// let mean: f64 = samples.iter().map(|&(p, _)| map.apply(p)).sum::<f64>() / 200.0;
/// assert!((mean - 0.6).abs() < 1e-6); // the fitted map reproduces the base rate
/// # Ok::<(), alliance_reliability::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Platt {
    /// Intercept `a`.
    pub a: f64,
    /// Slope `b` on `logit(p)`.
    pub b: f64,
    /// Tests the map was fitted on.
    pub n: usize,
}

impl Platt {
    /// Most L-BFGS iterations of one fit.
    pub const MAX_ITERS: u64 = 200;

    /// The identity map (`a = 0`, `b = 1`), fitted on nothing.
    pub const IDENTITY: Platt = Platt {
        a: 0.0,
        b: 1.0,
        n: 0,
    };

    /// Fits the map on `(predicted, observed)` pairs by maximum likelihood.
    ///
    /// `Ok(None)` when there is nothing to fit: no pair, every observed
    /// value the same, or the solver failed.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] when a predicted or observed value is not in
    /// `[0, 1]` (NaN included).
    pub fn fit(samples: &[(f64, f64)]) -> Result<Option<Platt>, Error> {
        for &(p, f) in samples {
            for (quantity, v) in [("predicted probability", p), ("observed value", f)] {
                if !(0.0..=1.0).contains(&v) {
                    return Err(Error::OutOfRange {
                        quantity,
                        range: "[0, 1]",
                        value: v,
                    });
                }
            }
        }
        let xs: Vec<(f64, f64)> = samples.iter().map(|&(p, f)| (logit(p), f)).collect();
        Ok(fit_logits(&xs))
    }

    /// The recalibrated probability of a forecast `p` (clamped to
    /// `[1e−6, 1 − 1e−6]` before the logit).
    pub fn apply(&self, p: f64) -> f64 {
        sigmoid(self.a + self.b * logit(p))
    }
}

pub(crate) fn logit(p: f64) -> f64 {
    let q = if p.is_nan() {
        0.5
    } else {
        p.clamp(LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS)
    };
    (q / (1.0 - q)).ln()
}

/// Fits on `(logit p, f)` pairs; `None` when nothing can be fitted.
fn fit_logits(data: &[(f64, f64)]) -> Option<Platt> {
    let rows: Vec<([f64; 2], f64)> = data.iter().map(|&(x, f)| ([1.0, x], f)).collect();
    let w = fit_logistic(&rows, Platt::MAX_ITERS)?;
    Some(Platt {
        a: w[0],
        b: w[1],
        n: data.len(),
    })
}

/// One test that may fit a map: when its window closed, when its crisis
/// started, the model's raw prediction and the observed value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settled {
    pub(crate) end: Day,
    pub(crate) start: Day,
    pub(crate) kind: Obligation,
    pub(crate) predicted: f64,
    pub(crate) observed: f64,
}

/// What recalibration did in one run: the last map fitted and how many
/// scored tests each map touched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecalibrationSummary {
    /// The method.
    pub method: Recalibration,
    /// Yearly refits that produced a map.
    pub fits: usize,
    /// Scored tests recalibrated (the others had fewer than `min_tests`
    /// fitting tests and kept the raw forecast).
    pub recalibrated: usize,
    /// The map applied to the last scored test (`None`: none applied).
    pub last: Option<Platt>,
    /// Only tests of crises before this date could fit a map (the era
    /// split's training era); `None`: any settled test.
    pub fit_before: Option<chrono::NaiveDate>,
}

/// Recalibrates the model's forecast of `scored` (sorted by crisis start)
/// with maps refitted yearly on `settled` (any order): the map of a test
/// starting in year `Y` is fitted on settled tests with `end < Y-01-01`
/// and, when `fit_before` is set, `start < fit_before`.
pub(crate) fn recalibrate(
    method: Recalibration,
    settled: &[Settled],
    fit_before: Option<chrono::NaiveDate>,
    scored: &mut [Prediction],
    model: usize,
) -> Option<RecalibrationSummary> {
    let (min_tests, by_kind) = match method {
        Recalibration::Off => return None,
        Recalibration::Platt { min_tests } => (min_tests.max(1), false),
        Recalibration::PlattByKind { min_tests } => (min_tests.max(1), true),
    };
    let limit = fit_before.map_or(Day::MAX, day);
    let mut pool: Vec<&Settled> = settled.iter().filter(|s| s.start < limit).collect();
    pool.sort_by_key(|s| s.end);
    // Fitting data pooled over kinds, and per kind (in `Obligation::ALL` order).
    let kinds = Obligation::ALL.len();
    let mut data: Vec<(f64, f64)> = Vec::with_capacity(pool.len());
    let mut per_kind: Vec<Vec<(f64, f64)>> = vec![Vec::new(); kinds];
    let mut fed = 0usize;
    let mut year: Option<i32> = None;
    let mut pooled: Option<Platt> = None;
    let mut maps: Vec<Option<Platt>> = vec![None; kinds];
    let mut summary = RecalibrationSummary {
        method,
        fits: 0,
        recalibrated: 0,
        last: None,
        fit_before,
    };
    let fit = |d: &[(f64, f64)]| (d.len() >= min_tests).then(|| fit_logits(d)).flatten();
    for p in scored.iter_mut() {
        let y = chrono::Datelike::year(&p.start);
        if year != Some(y) {
            year = Some(y);
            let jan1 = chrono::NaiveDate::from_ymd_opt(y, 1, 1).map_or(Day::MIN, day);
            let mut changed = vec![false; kinds];
            while fed < pool.len() && pool[fed].end < jan1 {
                let s = pool[fed];
                let x = (logit(s.predicted), s.observed);
                data.push(x);
                let k = kind_index(s.kind);
                per_kind[k].push(x);
                changed[k] = true;
                fed += 1;
            }
            if changed.iter().any(|&c| c) {
                pooled = fit(&data);
                summary.fits += usize::from(pooled.is_some());
                if by_kind {
                    for k in 0..kinds {
                        if changed[k] {
                            maps[k] = fit(&per_kind[k]);
                            summary.fits += usize::from(maps[k].is_some());
                        }
                    }
                }
            }
        }
        let map = if by_kind {
            maps[kind_index(p.obligation)].or(pooled)
        } else {
            pooled
        };
        if let Some(m) = map {
            p.predicted[model] = m.apply(p.predicted[model]);
            summary.recalibrated += 1;
            summary.last = Some(m);
        }
    }
    Some(summary)
}

fn kind_index(k: Obligation) -> usize {
    Obligation::ALL.iter().position(|&o| o == k).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A forecaster that says 0.2 or 0.3 for events that happen 60% of the
    /// time: the fitted map moves the mean forecast onto the base rate (the
    /// intercept's score equation: Σ (σ(a + b·x) − f) = 0).
    #[test]
    fn fit_matches_the_score_equations() {
        let samples: Vec<(f64, f64)> = (0..500)
            .map(|i| {
                let p = if i % 2 == 0 { 0.3 } else { 0.2 };
                // The 0.3 group happens 70% of the time, the 0.2 group 50%.
                let f = if i % 2 == 0 {
                    f64::from(u8::from(i % 10 < 7))
                } else {
                    f64::from(u8::from(i % 20 < 10))
                };
                (p, f)
            })
            .collect();
        let m = Platt::fit(&samples).unwrap().unwrap();
        assert_eq!(m.n, 500);
        // Two groups, two parameters: the map reproduces each group's rate.
        let rate = |p: f64| {
            let g: Vec<f64> = samples.iter().filter(|s| s.0 == p).map(|s| s.1).collect();
            g.iter().sum::<f64>() / g.len() as f64
        };
        assert!((m.apply(0.3) - rate(0.3)).abs() < 1e-6, "{m:?}");
        assert!((m.apply(0.2) - rate(0.2)).abs() < 1e-6, "{m:?}");
        assert!(m.b > 0.0);
    }

    /// A calibrated forecaster keeps (nearly) the identity.
    #[test]
    fn calibrated_forecast_is_left_alone() {
        // p = k/10 for k = 1..9, each with exactly k successes in 10.
        let mut samples = Vec::new();
        for k in 1..10u8 {
            for j in 0..10u8 {
                samples.push((f64::from(k) / 10.0, f64::from(u8::from(j < k))));
            }
        }
        let m = Platt::fit(&samples).unwrap().unwrap();
        assert!(m.a.abs() < 0.05 && (m.b - 1.0).abs() < 0.05, "{m:?}");
    }

    #[test]
    fn nothing_to_fit_and_bad_input() {
        assert_eq!(Platt::fit(&[]).unwrap(), None);
        assert_eq!(Platt::fit(&[(0.3, 1.0), (0.6, 1.0)]).unwrap(), None);
        assert!(matches!(
            Platt::fit(&[(f64::NAN, 1.0)]),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(
            Platt::fit(&[(0.5, 1.5)]),
            Err(Error::OutOfRange { .. })
        ));
        // Forecasts of exactly 0 and 1 are clamped, not infinite.
        let m = Platt::fit(&[(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)])
            .unwrap()
            .unwrap();
        assert!(m.apply(0.0).is_finite() && m.apply(1.0).is_finite());
        assert!((Platt::IDENTITY.apply(0.25) - 0.25).abs() < 1e-12);
    }
}
