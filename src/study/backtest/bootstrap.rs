//! Skill scores with a bootstrap interval that resamples crises.

use super::Predictor;
use super::scores::{log_loss, squared_error};

/// Bootstrap settings of the skill intervals, which resample crises.
///
/// Tests of one crisis are not independent (one war tests every pledge
/// toward its target at once), so the interval resamples whole crises: with
/// `C` crises among the scored tests, each replicate draws `C` crises with
/// replacement and sums the squared errors (and log losses) of all their
/// tests, for the predictor and the reference alike:
///
/// ```text
/// skill* = 1 − Σ_{c ∈ draw} SE_pred(c) / Σ_{c ∈ draw} SE_ref(c)
/// ```
///
/// The interval is the equal-tailed percentile interval of the replicates
/// at [`Bootstrap::level`] (default 90%: the 5th and 95th percentiles,
/// interpolated linearly between order statistics, as R's default
/// `quantile` type 7). A replicate whose reference sum is 0 has no skill and
/// is left out.
///
/// The draws come from SplitMix64 (Steele, Lea & Flood 2014, "Fast
/// splittable pseudorandom number generators", OOPSLA), seeded by
/// [`Bootstrap::seed`], with Lemire's (2019) unbiased multiply-and-reject
/// reduction to `[0, C)`: the same seed gives the same interval on every
/// machine.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bootstrap {
    /// Replicates (default 2000).
    pub replicates: u32,
    /// Interval level in (0, 1) (default 0.9).
    pub level: f64,
    /// RNG seed (default 1945).
    pub seed: u64,
}

impl Default for Bootstrap {
    fn default() -> Bootstrap {
        Bootstrap {
            replicates: 2000,
            level: 0.9,
            seed: 1945,
        }
    }
}

/// SplitMix64: a 64-bit state advanced by the golden-ratio increment and
/// hashed by two multiply-xorshift rounds.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, n)` for `n > 0` (Lemire 2019).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        let mut m = u128::from(self.next_u64()) * u128::from(n);
        if (m as u64) < n {
            let t = n.wrapping_neg() % n;
            while (m as u64) < t {
                m = u128::from(self.next_u64()) * u128::from(n);
            }
        }
        (m >> 64) as u64
    }
}

/// A skill score of one predictor against a reference, with its interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Skill {
    /// The predictor scored.
    pub predictor: Predictor,
    /// The reference it is compared with.
    pub reference: Predictor,
    /// `1 − Brier_pred / Brier_ref`; `None` if nothing was scored or the
    /// reference's Brier score is 0.
    pub brier: Option<f64>,
    /// `1 − LogLoss_pred / LogLoss_ref`, likewise.
    pub log_loss: Option<f64>,
    /// Bootstrap interval of the Brier skill (resampling crises).
    pub brier_interval: Option<(f64, f64)>,
    /// Bootstrap interval of the log-loss skill (resampling crises).
    pub log_loss_interval: Option<(f64, f64)>,
}

/// Per-crisis sums of squared errors and log losses, per predictor.
pub(crate) struct Clusters {
    se: Vec<[f64; 4]>,
    ll: Vec<[f64; 4]>,
}

impl Clusters {
    /// Groups `(crisis, predictions, observed)` rows by crisis.
    pub(crate) fn new(rows: impl Iterator<Item = (u32, [f64; 4], f64)>) -> Clusters {
        let mut by: std::collections::BTreeMap<u32, ([f64; 4], [f64; 4])> =
            std::collections::BTreeMap::new();
        for (c, p, f) in rows {
            let e = by.entry(c).or_insert(([0.0; 4], [0.0; 4]));
            for ((se, ll), &x) in e.0.iter_mut().zip(e.1.iter_mut()).zip(&p) {
                *se += squared_error(x, f);
                *ll += log_loss(x, f);
            }
        }
        let (se, ll) = by.into_values().unzip();
        Clusters { se, ll }
    }

    pub(crate) fn len(&self) -> usize {
        self.se.len()
    }

    /// Skill of `pred` against `reference`, with intervals.
    pub(crate) fn skill(&self, pred: Predictor, reference: Predictor, b: &Bootstrap) -> Skill {
        let (p, r) = (pred.index(), reference.index());
        let point = |v: &[[f64; 4]]| {
            let (a, b): (f64, f64) = v.iter().fold((0.0, 0.0), |s, x| (s.0 + x[p], s.1 + x[r]));
            (b > 0.0).then(|| 1.0 - a / b)
        };
        let n = self.len() as u64;
        let mut brier_reps = Vec::new();
        let mut ll_reps = Vec::new();
        if n > 0 && b.replicates > 0 && b.level > 0.0 && b.level < 1.0 {
            let mut rng = SplitMix64::new(b.seed);
            brier_reps.reserve(b.replicates as usize);
            for _ in 0..b.replicates {
                let (mut sa, mut sb, mut la, mut lb) = (0.0, 0.0, 0.0, 0.0);
                for _ in 0..n {
                    let c = rng.below(n) as usize;
                    sa += self.se[c][p];
                    sb += self.se[c][r];
                    la += self.ll[c][p];
                    lb += self.ll[c][r];
                }
                if sb > 0.0 {
                    brier_reps.push(1.0 - sa / sb);
                }
                if lb > 0.0 {
                    ll_reps.push(1.0 - la / lb);
                }
            }
        }
        Skill {
            predictor: pred,
            reference,
            brier: point(&self.se),
            log_loss: point(&self.ll),
            brier_interval: interval(&mut brier_reps, b.level),
            log_loss_interval: interval(&mut ll_reps, b.level),
        }
    }
}

/// Type-7 quantile of sorted `v` at `q`.
fn quantile(v: &[f64], q: f64) -> f64 {
    let h = (v.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    v[lo] + (h - lo as f64) * (v[hi] - v[lo])
}

pub(crate) fn interval(v: &mut [f64], level: f64) -> Option<(f64, f64)> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let tail = (1.0 - level) / 2.0;
    Some((quantile(v, tail), quantile(v, 1.0 - tail)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first outputs of SplitMix64 seeded with 0, from the reference
    /// C implementation (Vigna, prng.di.unimi.it/splitmix64.c).
    #[test]
    fn splitmix_reference_values() {
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut r = SplitMix64::new(7);
        let mut seen = [0u32; 5];
        for _ in 0..5000 {
            let x = r.below(5);
            assert!(x < 5);
            seen[x as usize] += 1;
        }
        assert!(seen.iter().all(|&s| s > 800), "{seen:?}");
    }

    #[test]
    fn quantile_type7() {
        let v = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert_eq!(quantile(&v, 0.0), 1.0);
        assert_eq!(quantile(&v, 0.5), 3.0);
        assert!((quantile(&v, 0.05) - 1.2).abs() < 1e-12);
        assert!((quantile(&v, 0.95) - 4.8).abs() < 1e-12);
    }
}
