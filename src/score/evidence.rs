//! The mergeable evidence accumulator, with forward decay.

use chrono::NaiveDate;

use crate::timeline::{Day, day};
use crate::{Config, Error};

/// Exponent (in half-lives) above which the landmark is moved forward.
/// 2^(2·256) stays far below f64::MAX even after 2^64 additions.
const REBASE_AT: f64 = 256.0;

/// Below this exponent `2^e` is applied in steps (see [`scaled`]).
const STEP: f64 = -1000.0;

/// `v · 2^e` for `e ≤ 256`, exactly `v * e.exp2()` while `e ≥ −1000`.
/// Below that the factor alone would underflow to 0 (2^−1075 does) while
/// the product need not: sums kept relative to a landmark hold up to
/// 2^256 per test, so a test 1,083 half-lives before the as-of date can
/// still weigh 2^−905. The factor is then applied in steps of 2^−1000;
/// each step only shrinks the value, so no intermediate is smaller than
/// the result, and the loop stops as soon as the value is 0 (at most
/// three steps for finite sums, even for `e = −∞`). Found by the
/// `structured` fuzz target: a single fold read 0 where the same tests,
/// merged from shards with a later landmark, read 2.9·10^−279.
#[inline]
fn scaled(mut v: f64, mut e: f64) -> f64 {
    // Three steps take any finite value to 0 (2^1024 · 2^−3000); a
    // non-finite one (NaN, ±∞) is left to the plain product, as before.
    for _ in 0..3 {
        if e >= STEP || e.is_nan() || v == 0.0 || !v.is_finite() {
            break;
        }
        v *= STEP.exp2();
        e -= STEP;
    }
    v * e.exp2()
}

/// `v · (2^e)²`, for sums of squared weights when rebasing: exactly
/// `v * (k * k)` with `k = 2^e` while `2e ≥ −1000`, else
/// [`scaled`]`(v, 2e)`.
#[inline]
fn scaled_sq(v: f64, e: f64) -> f64 {
    if 2.0 * e >= STEP {
        let k = e.exp2();
        v * (k * k)
    } else {
        scaled(v, 2.0 * e)
    }
}

/// Mergeable sums of weighted test outcomes: the state behind every score.
///
/// For tests `i` with base weight `sᵢ` (the crisis severity), day `tᵢ`
/// (the crisis start) and fulfilment `fᵢ ∈ [0, 1]`, it keeps, relative to a
/// landmark day `L` (forward decay, Cormode et al. 2009):
///
/// ```text
/// W  = Σ sᵢ · 2^((tᵢ − L)/h)
/// WF = Σ sᵢ · fᵢ · 2^((tᵢ − L)/h)
/// W2 = Σ sᵢ² · 2^(2(tᵢ − L)/h)
/// ```
///
/// and the undecayed counts. Evaluated at day `τ`, each sum is multiplied by
/// `2^((L − τ)/h)` (squared for `W2`), which gives exactly the backward-decayed
/// sums `Σ sᵢ · 2^(−(τ − tᵢ)/h) …` without revisiting any test. When a test
/// lies more than 256 half-lives after `L`, the landmark moves to it and the
/// sums are rescaled, so nothing overflows, even for 1815–2100 at a one-day
/// half-life.
///
/// Merging two accumulators is commutative and associative (up to floating
/// rounding, within 1e-12 relative): shards scored apart and merged equal a
/// single fold.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Config, Evidence};
/// use chrono::NaiveDate;
///
/// let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
/// let config = Config::default();
/// let mut a = Evidence::new(&config);
/// a.add(d(2000), 1.0, 1.0, &config);
/// let mut b = Evidence::new(&config);
/// b.add(d(2010), 1.0, 0.0, &config);
/// a.merge(&b)?;
/// let t = a.totals_at(d(2010));
/// // The 2000 test is one half-life (10 years) old: weight ≈ 0.5.
/// assert!((t.weight - 1.5).abs() < 1e-3);
/// assert!((t.weighted_fulfilment - 0.5).abs() < 1e-3);
/// assert_eq!(a.tests(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    rate: f64,
    landmark: Day,
    w: f64,
    wf: f64,
    w2: f64,
    tests: u64,
    honoured: u64,
    fulfilment: f64,
}

/// Decayed sums of an [`Evidence`] at one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Totals {
    /// `Σ wᵢ`, the decayed weight of all tests.
    pub weight: f64,
    /// `Σ wᵢ fᵢ`.
    pub weighted_fulfilment: f64,
    /// `Σ wᵢ²`, for the effective number of tests.
    pub weight_sq: f64,
}

impl Totals {
    /// Kish's effective number of tests, `(Σ wᵢ)² / Σ wᵢ²` (0 when empty),
    /// from these decayed sums. About 500 half-lives after the evidence
    /// `Σ wᵢ²` underflows to 0 and so does this; [`Evidence::effective_tests`]
    /// (and [`Reliability::effective_tests`](crate::Reliability::effective_tests))
    /// compute the same ratio at any date without underflow.
    pub fn effective_tests(&self) -> f64 {
        if self.weight_sq > 0.0 {
            self.weight * self.weight / self.weight_sq
        } else {
            0.0
        }
    }
}

impl Evidence {
    /// An empty accumulator using `config`'s half-life.
    pub fn new(config: &Config) -> Evidence {
        Evidence::with_rate(config.rate())
    }

    /// An accumulator from its parts: sums `[W, WF, W2]` relative to
    /// `landmark`, and the undecayed counts (for state kept elsewhere on a
    /// shared landmark).
    pub(crate) fn from_parts(
        rate: f64,
        landmark: Day,
        sums: [f64; 3],
        tests: u64,
        honoured: u64,
        fulfilment: f64,
    ) -> Evidence {
        Evidence {
            rate,
            landmark,
            w: sums[0],
            wf: sums[1],
            w2: sums[2],
            tests,
            honoured,
            fulfilment,
        }
    }

    pub(crate) fn with_rate(rate: f64) -> Evidence {
        Evidence {
            rate,
            landmark: 0,
            w: 0.0,
            wf: 0.0,
            w2: 0.0,
            tests: 0,
            honoured: 0,
            fulfilment: 0.0,
        }
    }

    /// Adds one test on `date` with base weight `weight` (≥ 0) and
    /// fulfilment in [0, 1]. It counts as honoured when fulfilment reaches
    /// `config`'s abandonment threshold.
    ///
    /// Values outside their ranges are clamped (NaN to 0): the accumulator
    /// never holds a non-finite number.
    pub fn add(&mut self, date: NaiveDate, weight: f64, fulfilment: f64, config: &Config) {
        let f = clamp01(fulfilment);
        let honoured = f >= config.get_abandonment_threshold();
        let w = if weight.is_finite() && weight > 0.0 {
            weight
        } else {
            0.0
        };
        self.push(day(date), w, f, honoured);
    }

    #[inline]
    pub(crate) fn push(&mut self, t: Day, s: f64, f: f64, honoured: bool) {
        if self.tests == 0 {
            self.landmark = t;
        }
        let mut x = f64::from(t - self.landmark) * self.rate;
        if x > REBASE_AT {
            self.rebase(t);
            x = 0.0;
        }
        let g = x.exp2();
        let sg = s * g;
        self.w += sg;
        self.wf += sg * f;
        self.w2 += sg * sg;
        self.tests += 1;
        self.honoured += u64::from(honoured);
        self.fulfilment += f;
    }

    fn rebase(&mut self, to: Day) {
        let e = f64::from(self.landmark - to) * self.rate;
        self.w = scaled(self.w, e);
        self.wf = scaled(self.wf, e);
        self.w2 = scaled_sq(self.w2, e);
        self.landmark = to;
    }

    /// Adds `other` into `self`.
    ///
    /// # Errors
    ///
    /// [`Error::IncompatibleMerge`] if the two were built with different half-lives.
    pub fn merge(&mut self, other: &Evidence) -> Result<(), Error> {
        if self.rate != other.rate {
            let hl = |r: f64| if r == 0.0 { None } else { Some(1.0 / r) };
            return Err(Error::IncompatibleMerge {
                left: hl(self.rate),
                right: hl(other.rate),
            });
        }
        self.merge_unchecked(other);
        Ok(())
    }

    pub(crate) fn merge_unchecked(&mut self, other: &Evidence) {
        if other.tests == 0 {
            return;
        }
        if self.tests == 0 {
            *self = other.clone();
            return;
        }
        let mut o = other.clone();
        // Rescale both to the later landmark; multiplying by ≤ 1 cannot overflow.
        let l = self.landmark.max(o.landmark);
        if self.landmark != l {
            self.rebase(l);
        }
        if o.landmark != l {
            o.rebase(l);
        }
        self.w += o.w;
        self.wf += o.wf;
        self.w2 += o.w2;
        self.tests += o.tests;
        self.honoured += o.honoured;
        self.fulfilment += o.fulfilment;
    }

    /// Removes what `part` added. `part` must be a sub-fold of `self`
    /// (used for "everyone else" in pooling). Sums are clamped at 0.
    pub(crate) fn without(&self, part: &Evidence) -> Evidence {
        if part.tests == 0 {
            return self.clone();
        }
        let mut a = self.clone();
        let mut b = part.clone();
        let l = a.landmark.max(b.landmark);
        a.rebase(l);
        b.rebase(l);
        a.w = (a.w - b.w).max(0.0);
        a.wf = (a.wf - b.wf).clamp(0.0, a.w);
        a.w2 = (a.w2 - b.w2).max(0.0);
        a.tests = a.tests.saturating_sub(b.tests);
        a.honoured = a.honoured.saturating_sub(b.honoured);
        a.fulfilment = (a.fulfilment - b.fulfilment).max(0.0);
        if a.tests == 0 {
            a.w = 0.0;
            a.wf = 0.0;
            a.w2 = 0.0;
        }
        a
    }

    /// The decayed sums as of `date`.
    ///
    /// Meant for a `date` on or after every test added; a test newer than
    /// `date` counts with a weight above its base weight (capped at
    /// 2^256 times), never with a non-finite one.
    pub fn totals_at(&self, date: NaiveDate) -> Totals {
        self.totals_at_day(day(date))
    }

    #[inline]
    pub(crate) fn totals_at_day(&self, tau: Day) -> Totals {
        if self.tests == 0 {
            return Totals {
                weight: 0.0,
                weighted_fulfilment: 0.0,
                weight_sq: 0.0,
            };
        }
        // τ before the landmark only happens when a caller evaluates before
        // its own newest test; cap the exponent so the sums stay finite.
        let e = (f64::from(self.landmark - tau) * self.rate).min(REBASE_AT);
        Totals {
            weight: scaled(self.w, e),
            weighted_fulfilment: scaled(self.wf, e),
            // As before the fix, `(w2 · k) · k` in the normal range.
            weight_sq: if 2.0 * e >= STEP {
                let k = e.exp2();
                self.w2 * k * k
            } else {
                scaled(self.w2, 2.0 * e)
            },
        }
    }

    /// Kish's effective number of tests, `(Σ wᵢ)² / Σ wᵢ²` (0 when empty).
    ///
    /// Decay scales every weight by one factor, which cancels in the ratio,
    /// so it is the same at every as-of date and is computed in scaled
    /// form from the sums kept relative to the landmark (exponents within
    /// ±256 half-lives): `(W / √W2)²`, which neither overflows nor
    /// underflows where `W²` or the decayed `Σ wᵢ²` would.
    pub fn effective_tests(&self) -> f64 {
        if self.w2 > 0.0 {
            let r = self.w / self.w2.sqrt();
            r * r
        } else {
            0.0
        }
    }

    /// Number of tests added (undecayed).
    pub fn tests(&self) -> u64 {
        self.tests
    }

    /// Number of tests honoured (fulfilment at or above the threshold), undecayed.
    pub fn honoured(&self) -> u64 {
        self.honoured
    }

    /// Sum of fulfilments, undecayed and unweighted.
    pub fn fulfilment_sum(&self) -> f64 {
        self.fulfilment
    }
}

fn clamp01(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    /// A test 1,083 half-lives before the as-of date, held relative to a
    /// landmark 906 half-lives earlier than a newer test: the single fold
    /// used to read 0 (the factor 2^−1083 underflows) where the product is
    /// about 2^−905, and shards merged on a later landmark read it right.
    #[test]
    fn decay_does_not_underflow_before_the_product() {
        use super::{Evidence, scaled, scaled_sq};
        let h = 62.867_170_214_389_26; // days, the fuzz input's half-life
        let rate = 1.0 / h;
        let mut single = Evidence::with_rate(rate);
        single.push(0, 0.188, 0.0, false);
        single.push(11_164, 1.0, 1.0, true);
        let mut old = Evidence::with_rate(rate);
        old.push(0, 0.188, 0.0, false);
        let mut new = Evidence::with_rate(rate);
        new.push(11_164, 1.0, 1.0, true);
        old.merge_unchecked(&new);
        let tau = 68_085;
        let (a, b) = (single.totals_at_day(tau), old.totals_at_day(tau));
        let want = (f64::from(11_164 - tau) * rate).exp2();
        assert!(want > 0.0 && want < 1e-270);
        for got in [
            a.weight,
            b.weight,
            a.weighted_fulfilment,
            b.weighted_fulfilment,
        ] {
            assert!((got - want).abs() <= 1e-12 * want, "{got} vs {want}");
        }
        // The helpers: exact in the normal range, stepwise below it.
        assert_eq!(scaled(3.0, -10.0), 3.0 * (-10.0f64).exp2());
        assert_eq!(scaled(2f64.powi(200), -1100.0), 2f64.powi(-900));
        assert_eq!(scaled(1.0, f64::NEG_INFINITY), 0.0);
        assert_eq!(scaled(0.0, -1e300), 0.0);
        // Terminates on any input (a NaN or infinite sum, a huge exponent).
        assert_eq!(scaled(1.0, -1e300), 0.0);
        assert!(scaled(f64::NAN, -5000.0).is_nan());
        let _ = scaled(f64::INFINITY, f64::NEG_INFINITY);
        assert_eq!(scaled_sq(2f64.powi(400), -600.0), 2f64.powi(-800));
    }

    use super::*;

    #[test]
    fn no_overflow_over_three_centuries_at_one_day() {
        let mut e = Evidence::with_rate(1.0);
        for t in (day(NaiveDate::from_ymd_opt(1815, 1, 1).unwrap())
            ..day(NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()))
            .step_by(7)
        {
            e.push(t, 1.0, 0.5, true);
        }
        let tau = day(NaiveDate::from_ymd_opt(2100, 1, 1).unwrap());
        let t = e.totals_at_day(tau);
        assert!(t.weight.is_finite() && t.weight > 0.0);
        // The newest test is 1 to 7 days old; the geometric tail adds little.
        assert!((t.weighted_fulfilment / t.weight - 0.5).abs() < 1e-12);
    }

    #[test]
    fn merge_rejects_other_rate() {
        let mut a = Evidence::with_rate(1.0);
        let b = Evidence::with_rate(0.5);
        assert!(matches!(a.merge(&b), Err(Error::IncompatibleMerge { .. })));
    }

    #[test]
    fn without_inverts_merge() {
        let mut a = Evidence::with_rate(0.001);
        a.push(100, 1.0, 1.0, true);
        let mut b = Evidence::with_rate(0.001);
        b.push(900, 0.5, 0.0, false);
        let mut ab = a.clone();
        ab.merge_unchecked(&b);
        let back = ab.without(&b).totals_at_day(1000);
        let want = a.totals_at_day(1000);
        assert!((back.weight - want.weight).abs() < 1e-12);
        assert_eq!(ab.without(&b).tests(), 1);
    }
}
