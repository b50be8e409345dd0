//! Calibration tested as the forecasting literature does: the calibration
//! intercept and slope with crisis-bootstrap intervals, and a consistency
//! band per calibration bin (Bröcker & Smith 2007).
//!
//! # Calibration intercept and slope
//!
//! With `xᵢ = logit(p'ᵢ)`, `p'ᵢ = clamp(pᵢ, 1e−6, 1 − 1e−6)`, the forecasts
//! of the `n` scored tests and `fᵢ ∈ [0, 1]` their observed values, two
//! logistic recalibrations of the forecast's logit are fitted by maximum
//! (Bernoulli quasi-)likelihood, as Cox (1958) proposed and as clinical
//! prediction reports them (Van Calster et al. 2016; Steyerberg 2019):
//!
//! ```text
//! slope:      logit P(f = 1) = a' + b·xᵢ          (a', b) = argmin L₂(a', b)
//! intercept:  logit P(f = 1) = a + xᵢ   (offset)   a      = argmin L₁(a)
//! L(·)      = (1/n) Σ −[fᵢ ln σ(ηᵢ) + (1 − fᵢ) ln(1 − σ(ηᵢ))]     (ηᵢ the linear predictor)
//! ```
//!
//! A calibrated forecast has `a = 0` ("calibration-in-the-large": the
//! forecasts average the outcomes, on the logit scale) and `b = 1`; `b < 1`
//! means forecasts too extreme (overconfident), `b > 1` too timid, `a > 0`
//! forecasts too low on the whole. The intercept is fitted with the slope
//! fixed at 1, as the literature recommends, because the `a'` of the
//! two-parameter fit is the miscalibration at `p = 0.5` only and moves
//! with `b`; `a'` is kept ([`CalibrationFit::cox_intercept`]) for
//! reference. Both fits are argmin's L-BFGS with a Moré–Thuente line
//! search (the machinery of the [`Platt`](super::Platt) recalibration),
//! started at the identity (`a = 0`; `(a', b) = (0, 1)`).
//!
//! **Intervals.** The tests of one crisis move together, so the 90%
//! intervals resample crises, as the skill intervals do
//! ([`Bootstrap`]): each of the [`Bootstrap::replicates`] draws `C` crises
//! with replacement from the SplitMix64 stream seeded by
//! [`Bootstrap::seed`] (the same draws as the first skill interval's),
//! refits both models on the drawn crises' tests (a test counted as often
//! as its crisis is drawn), started at the full-sample estimates, and
//! takes the equal-tailed type-7 percentile interval. A draw whose
//! outcomes are all 0 or all 1 has no finite fit and is left out.
//!
//! # Consistency bands (Bröcker & Smith 2007)
//!
//! Even a perfectly calibrated forecaster's bin means scatter around the
//! diagonal, the more so the fewer tests a bin holds. Bröcker & Smith's
//! *consistency resampling* says how far: for a bin holding forecasts
//! `p₁ … p_m`, draw outcomes `Yⱼ ~ Bernoulli(pⱼ)` independently,
//! [`Bootstrap::replicates`] times, and take the equal-tailed
//! [`Bootstrap::level`] (default 90%: 5–95%) type-7 percentile range of the
//! simulated bin mean `(1/m) Σ Yⱼ`. That range is the bin's **consistency
//! band** ([`Bin::band`](super::Bin::band)): where a perfectly calibrated
//! forecaster's observed mean falls, given that bin's own forecasts and
//! count. A bin whose observed mean falls outside it is **inconsistent**
//! ([`Bin::inconsistent`](super::Bin::inconsistent)). Draws come from a
//! SplitMix64 stream seeded by [`Bootstrap::seed`] (uniforms
//! `u = (next >> 11)·2⁻⁵³`, `Y = 1` when `u < p`), bins in order, so
//! bands are the same on every machine.
//!
//! Two caveats, both documented in the methodology: (1) the band treats
//! the tests of a bin as independent; tests of one crisis are not, so on
//! the historical ledgers the band is narrower than the crisis-clustered
//! noise, and the crisis-bootstrap gap interval
//! ([`Bin::gap_interval`](super::Bin::gap_interval)) is printed beside it;
//! (2) fulfilment is fractional, and a [0, 1] outcome with mean `p` has a
//! variance at most `p(1 − p)`, so the Bernoulli band is, if anything,
//! wider than a fractional outcome's (conservative).
//!
//! **Joint test.** With ten bins each checked at 90%, a perfect forecaster
//! has about one bin in ten outside its band by chance. The number of
//! bins outside their bands is therefore compared with its own null
//! distribution from the same simulations: in replicate `r`, count the
//! bins whose simulated mean falls outside their band; the Monte Carlo
//! p-value is `(1 + #{r : count_r ≥ count_observed}) / (R + 1)` (Davison
//! & Hinkley 1997, eq. 4.11) ([`Scores::consistency_p`](super::Scores::consistency_p)).
//!
//! Cox, D. R. (1958). "Two further applications of a model for binary
//! regression". *Biometrika* 45, 562–565. Van Calster, B., Nieboer, D.,
//! Vergouwe, Y., De Cock, B., Pencina, M. J. & Steyerberg, E. W. (2016).
//! "A calibration hierarchy for risk models was defined: from utopia to
//! empirical data". *Journal of Clinical Epidemiology* 74, 167–176.
//! Bröcker, J. & Smith, L. A. (2007). "Increasing the reliability of
//! reliability diagrams". *Weather and Forecasting* 22, 651–661.

use std::collections::BTreeMap;

use super::bootstrap::{SplitMix64, interval};
use super::logistic::{WeightedRow, fit_weighted};
use super::recalibrate::logit;
use super::scores::{BINS, Scores, bin_of};
use super::{Bootstrap, Platt, Prediction};
use crate::Error;

/// The calibration intercept and slope of a forecast on its outcomes,
/// with crisis-bootstrap intervals.
///
/// With `xᵢ = logit(pᵢ)` (`pᵢ` clamped to `[1e−6, 1 − 1e−6]`) and `fᵢ` the
/// outcomes, two maximum-(quasi-)likelihood logistic fits by argmin's
/// L-BFGS (the machinery of [`Platt`]):
///
/// ```text
/// intercept (calibration-in-the-large): logit P(f = 1) = a + xᵢ     (offset; calibrated: a = 0)
/// slope (Cox 1958):                     logit P(f = 1) = a' + b·xᵢ         (calibrated: b = 1)
/// ```
///
/// In a backtest each comes with an equal-tailed percentile interval at
/// [`Bootstrap::level`] over [`Bootstrap::replicates`] draws that resample
/// crises (each draw refits from the full-sample estimates). Citations and
/// the consistency bands in the [methodology](crate::methodology), §3d.
///
/// # Example
///
/// ```
/// use alliance_reliability::backtest::CalibrationFit;
///
/// // Forecasts of 0.2 and 0.8, each right as often as it says.
/// let mut samples = Vec::new();
/// for i in 0..100 {
///     samples.push((0.2, f64::from(u8::from(i % 5 == 0))));
///     samples.push((0.8, f64::from(u8::from(i % 5 != 0))));
/// }
/// let fit = CalibrationFit::fit(&samples)?.expect("outcomes vary");
/// assert!(fit.intercept.abs() < 1e-6 && (fit.slope - 1.0).abs() < 1e-6);
/// # Ok::<(), alliance_reliability::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalibrationFit {
    /// Tests fitted.
    pub n: usize,
    /// Calibration intercept `a` (calibration-in-the-large, slope fixed at
    /// 1): 0 when calibrated, above 0 when the forecasts are too low.
    pub intercept: f64,
    /// Calibration slope `b` of the two-parameter fit: 1 when calibrated,
    /// below 1 when the forecasts are too extreme.
    pub slope: f64,
    /// The intercept `a'` of the two-parameter fit (the miscalibration at
    /// `p = 0.5`), for reference.
    pub cox_intercept: f64,
    /// Crisis-bootstrap interval of [`intercept`](Self::intercept) at the
    /// backtest's level (`None` without draws).
    pub intercept_interval: Option<(f64, f64)>,
    /// Crisis-bootstrap interval of [`slope`](Self::slope).
    pub slope_interval: Option<(f64, f64)>,
}

impl CalibrationFit {
    /// The point fit of `(predicted, observed)` pairs, without intervals.
    ///
    /// `Ok(None)` when there is nothing to fit (no pair, or every observed
    /// value is 0, or every one is 1, or the solver failed).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] when a value is not in `[0, 1]` (NaN included).
    pub fn fit(samples: &[(f64, f64)]) -> Result<Option<CalibrationFit>, Error> {
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
        let rows = Rows::new(
            samples
                .iter()
                .enumerate()
                .map(|(i, &(p, f))| (i as u32, p, f)),
        );
        Ok(rows.point())
    }

    /// Whether the intercept's interval contains 0 (`None` without one).
    pub fn intercept_consistent(&self) -> Option<bool> {
        self.intercept_interval
            .map(|(lo, hi)| lo <= 0.0 && 0.0 <= hi)
    }

    /// Whether the slope's interval contains 1 (`None` without one).
    pub fn slope_consistent(&self) -> Option<bool> {
        self.slope_interval.map(|(lo, hi)| lo <= 1.0 && 1.0 <= hi)
    }
}

/// The gradient norm at which the point fits stop (that of the
/// recalibration maps).
const POINT_TOLERANCE: f64 = 1e-9;

/// The gradient norm at which a bootstrap draw's refit stops: the mean log
/// loss's curvature is at least about 0.01 on these data, so the estimates
/// are within about 1e−4 of the optimum, two orders below the intervals'
/// precision (2000 draws), at a fraction of the iterations.
const DRAW_TOLERANCE: f64 = 1e-6;

/// The distinct `(logit p, f)` values and, per crisis, how many tests hold
/// each: a bootstrap draw is then a weighting of the distinct values.
struct Rows {
    values: Vec<(f64, f64)>,
    crises: Vec<Vec<(usize, f64)>>,
    n: usize,
}

impl Rows {
    fn new(rows: impl Iterator<Item = (u32, f64, f64)>) -> Rows {
        let rows: Vec<(u32, f64, f64)> = rows.map(|(c, p, f)| (c, logit(p), f)).collect();
        // Distinct values in a fixed order (by bits), so that the sums, and
        // with them the fits, do not depend on the order of the tests.
        let mut index: BTreeMap<(u64, u64), usize> = rows
            .iter()
            .map(|&(_, x, f)| ((x.to_bits(), f.to_bits()), 0))
            .collect();
        let mut values = Vec::with_capacity(index.len());
        for (i, (k, v)) in index.iter_mut().enumerate() {
            *v = i;
            values.push((f64::from_bits(k.0), f64::from_bits(k.1)));
        }
        let mut by: BTreeMap<u32, BTreeMap<usize, f64>> = BTreeMap::new();
        for &(c, x, f) in &rows {
            let u = index[&(x.to_bits(), f.to_bits())];
            *by.entry(c).or_default().entry(u).or_insert(0.0) += 1.0;
        }
        let crises = by.into_values().map(|m| m.into_iter().collect()).collect();
        Rows {
            values,
            crises,
            n: rows.len(),
        }
    }

    fn fits(
        &self,
        weights: &[f64],
        start: ([f64; 1], [f64; 2]),
        tolerance: f64,
    ) -> Option<([f64; 1], [f64; 2])> {
        let mut one = Vec::with_capacity(self.values.len());
        let mut two = Vec::with_capacity(self.values.len());
        for (&(x, f), &w) in self.values.iter().zip(weights) {
            if w > 0.0 {
                one.push(WeightedRow {
                    x: [1.0],
                    offset: x,
                    f,
                    w,
                });
                two.push(WeightedRow {
                    x: [1.0, x],
                    offset: 0.0,
                    f,
                    w,
                });
            }
        }
        let a = fit_weighted(&one, start.0, Platt::MAX_ITERS, tolerance)?;
        let b = fit_weighted(&two, start.1, Platt::MAX_ITERS, tolerance)?;
        Some((a, b))
    }

    fn weights(&self) -> Vec<f64> {
        let mut w = vec![0.0; self.values.len()];
        for c in &self.crises {
            for &(u, k) in c {
                w[u] += k;
            }
        }
        w
    }

    fn point(&self) -> Option<CalibrationFit> {
        let (a, b) = self.fits(&self.weights(), ([0.0], [0.0, 1.0]), POINT_TOLERANCE)?;
        Some(CalibrationFit {
            n: self.n,
            intercept: a[0],
            slope: b[1],
            cox_intercept: b[0],
            intercept_interval: None,
            slope_interval: None,
        })
    }
}

/// The calibration fit of predictor column `predictor` of `predictions`,
/// with crisis-bootstrap intervals when `b` has draws.
pub(crate) fn calibration_fit(
    predictions: &[Prediction],
    predictor: usize,
    b: &Bootstrap,
) -> Option<CalibrationFit> {
    let rows = Rows::new(
        predictions
            .iter()
            .map(|p| (p.crisis, p.predicted[predictor], p.observed)),
    );
    let mut fit = rows.point()?;
    if b.replicates == 0 || !(b.level > 0.0 && b.level < 1.0) {
        return Some(fit);
    }
    let start = ([fit.intercept], [fit.cox_intercept, fit.slope]);
    let c = rows.crises.len() as u64;
    let mut rng = SplitMix64::new(b.seed);
    let mut w = vec![0.0; rows.values.len()];
    let (mut aa, mut bb) = (Vec::new(), Vec::new());
    for _ in 0..b.replicates {
        w.fill(0.0);
        for _ in 0..c {
            for &(u, k) in &rows.crises[rng.below(c) as usize] {
                w[u] += k;
            }
        }
        if let Some((a, s)) = rows.fits(&w, start, DRAW_TOLERANCE) {
            aa.push(a[0]);
            bb.push(s[1]);
        }
    }
    fit.intercept_interval = interval(&mut aa, b.level);
    fit.slope_interval = interval(&mut bb, b.level);
    Some(fit)
}

/// A uniform in `[0, 1)` from the top 53 bits.
fn uniform(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Fills every non-empty bin's consistency band and the joint p-value of
/// each predictor in `scores` (indexed as [`Prediction::predicted`]).
pub(crate) fn fill_bands(predictions: &[Prediction], scores: &mut [Scores; 4], b: &Bootstrap) {
    if b.replicates == 0 || !(b.level > 0.0 && b.level < 1.0) {
        return;
    }
    let r = b.replicates as usize;
    for (pi, s) in scores.iter_mut().enumerate() {
        // The forecasts of each bin, in canonical order.
        let mut bins: Vec<Vec<f64>> = vec![Vec::new(); BINS];
        for p in predictions {
            let x = p.predicted[pi];
            bins[bin_of(x)].push(x);
        }
        let mut rng = SplitMix64::new(b.seed);
        // Simulated means, per bin and replicate.
        let mut sims: Vec<Option<Vec<f64>>> = vec![None; BINS];
        for (bi, forecasts) in bins.iter().enumerate() {
            if forecasts.is_empty() {
                continue;
            }
            let m = forecasts.len() as f64;
            let mut means = Vec::with_capacity(r);
            for _ in 0..r {
                let mut hits = 0u64;
                for &p in forecasts {
                    hits += u64::from(uniform(&mut rng) < p);
                }
                means.push(hits as f64 / m);
            }
            let mut sorted = means.clone();
            s.calibration[bi].band = interval(&mut sorted, b.level);
            sims[bi] = Some(means);
        }
        let outside = |bi: usize, v: f64| {
            s.calibration[bi]
                .band
                .is_some_and(|(lo, hi)| v < lo || v > hi)
        };
        let observed = s.calibration.iter().filter(|x| x.inconsistent()).count();
        let mut at_least = 0usize;
        for k in 0..r {
            let count = sims
                .iter()
                .enumerate()
                .filter(|(bi, m)| m.as_ref().is_some_and(|m| outside(*bi, m[k])))
                .count();
            at_least += usize::from(count >= observed);
        }
        s.consistency_p = Some((1 + at_least) as f64 / (r + 1) as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::scores::Accumulator;

    fn prediction(crisis: u32, p: f64, f: f64) -> Prediction {
        Prediction::fixture(crisis, p, f)
    }

    /// `n` forecasts spread over (0, 1), outcomes drawn as Bernoulli of
    /// `truth(p)` from a seed unrelated to the bands', one test per crisis.
    fn synthetic(n: u32, truth: impl Fn(f64) -> f64) -> Vec<Prediction> {
        let mut rng = SplitMix64::new(20_070_651);
        (0..n)
            .map(|i| {
                let p = 0.02 + 0.96 * uniform(&mut rng);
                let f = f64::from(u8::from(uniform(&mut rng) < truth(p)));
                prediction(i, p, f)
            })
            .collect()
    }

    fn scored(ps: &[Prediction]) -> Scores {
        let mut acc: [Accumulator; 4] = Default::default();
        for p in ps {
            for (a, x) in acc.iter_mut().zip(p.predicted) {
                a.add(x, p.observed);
            }
        }
        let b = Bootstrap::default();
        let mut s = acc.map(|a| a.finish());
        fill_bands(ps, &mut s, &b);
        let mut out = s[3].clone();
        out.fit = calibration_fit(ps, 3, &b);
        out
    }

    /// A perfectly calibrated forecaster passes every check: intercept's
    /// interval holds 0, slope's holds 1, and the bins outside their bands
    /// are no more than chance allows.
    #[test]
    fn calibrated_forecast_passes() {
        let s = scored(&synthetic(3000, |p| p));
        let fit = s.calibration_fit().unwrap();
        assert_eq!(fit.intercept_consistent(), Some(true), "{fit:?}");
        assert_eq!(fit.slope_consistent(), Some(true), "{fit:?}");
        assert!(s.consistency_p().unwrap() >= 0.1, "{s:?}");
        assert_eq!(s.checked_bins(), 10);
    }

    /// An overconfident forecaster (the truth is half as far from 0.5)
    /// fails: slope well below 1, most bins outside their bands.
    #[test]
    fn overconfident_forecast_is_flagged() {
        let s = scored(&synthetic(3000, |p| 0.5 + (p - 0.5) / 2.0));
        let fit = s.calibration_fit().unwrap();
        assert_eq!(fit.slope_consistent(), Some(false), "{fit:?}");
        assert!(fit.slope < 0.7, "{fit:?}");
        assert!(s.inconsistent_bins().len() >= 6, "{s:?}");
        assert!(s.consistency_p().unwrap() < 0.01);
    }

    /// A forecaster 0.1 too low everywhere: the intercept is flagged.
    #[test]
    fn biased_forecast_is_flagged() {
        let s = scored(&synthetic(3000, |p| (p + 0.1).min(1.0)));
        let fit = s.calibration_fit().unwrap();
        assert_eq!(fit.intercept_consistent(), Some(false), "{fit:?}");
        assert!(fit.intercept > 0.3, "{fit:?}");
    }

    /// The band of a bin is the simulated mean's range: a bin of forecasts
    /// all equal to 0.5 with 100 tests has a band near 0.5 ± 1.645·0.05.
    #[test]
    fn band_matches_the_binomial() {
        let ps: Vec<_> = (0..100).map(|i| prediction(i, 0.55, 0.0)).collect();
        let s = scored(&ps);
        let (lo, hi) = s.calibration()[5].band.unwrap();
        let half = 1.645 * (0.55f64 * 0.45 / 100.0).sqrt();
        assert!((lo - (0.55 - half)).abs() < 0.02, "{lo}");
        assert!((hi - (0.55 + half)).abs() < 0.02, "{hi}");
        assert!(s.calibration()[5].inconsistent());
        // Every outcome 0: no finite fit.
        assert_eq!(s.calibration_fit(), None);
    }

    #[test]
    fn point_fit_rejects_bad_input_and_ignores_order() {
        assert!(CalibrationFit::fit(&[(1.5, 0.0)]).is_err());
        assert!(CalibrationFit::fit(&[(0.5, f64::NAN)]).is_err());
        assert_eq!(CalibrationFit::fit(&[]).unwrap(), None);
        // The intervals do not depend on the order of the tests.
        let ps = synthetic(500, |p| p);
        let mut rev = ps.clone();
        rev.reverse();
        let b = Bootstrap::default();
        assert_eq!(calibration_fit(&ps, 3, &b), calibration_fit(&rev, 3, &b));
    }
}
