//! Crisis-bootstrap intervals of the calibration gaps.
//!
//! A calibration bin's gap `mean p − mean f` is a mean over tests, and the
//! tests of one crisis move together (one war tests every pledge toward
//! its target at once; a bin of 500 tests may hold a few dozen crises).
//! So its interval resamples crises, as the skill intervals do
//! ([`Bootstrap`]): with `C` crises among the scored tests, each replicate
//! draws `C` crises with replacement and, for every checked bin (at least
//! [`CALIBRATION_MIN_COUNT`] tests in the full sample) of every predictor,
//! sums the drawn crises' tests in that bin:
//!
//! ```text
//! gap* = (Σ_{c ∈ draw} Σ_{i ∈ c, bin} pᵢ − Σ_{c ∈ draw} Σ_{i ∈ c, bin} fᵢ) / Σ_{c ∈ draw} n_{c, bin}
//! ```
//!
//! A replicate in which the bin is empty is left out of that bin's
//! interval. The interval is the equal-tailed percentile interval at
//! [`Bootstrap::level`], type-7 quantiles, from the same SplitMix64 stream
//! as the skills (seeded by [`Bootstrap::seed`]; the draws are the same
//! crises in the same order as the first skill interval's, so the gap
//! intervals are reproducible on every machine).

use super::bootstrap::{SplitMix64, interval};
use super::scores::{BINS, CALIBRATION_MIN_COUNT, Scores, bin_of};
use super::{Bootstrap, Prediction};

/// Fills [`Bin::gap_interval`](super::Bin::gap_interval) of every checked
/// bin of every predictor in `scores` (indexed as
/// [`Prediction::predicted`]).
pub(crate) fn fill_gap_intervals(
    predictions: &[Prediction],
    scores: &mut [Scores; 4],
    b: &Bootstrap,
) {
    if b.replicates == 0 || !(b.level > 0.0 && b.level < 1.0) {
        return;
    }
    // The checked (predictor, bin) cells, numbered.
    let mut slot = [[None::<usize>; BINS]; 4];
    let mut cells = Vec::new();
    for (pi, s) in scores.iter().enumerate() {
        for (bi, bin) in s.calibration.iter().enumerate() {
            if bin.count >= CALIBRATION_MIN_COUNT {
                slot[pi][bi] = Some(cells.len());
                cells.push((pi, bi));
            }
        }
    }
    if cells.is_empty() {
        return;
    }
    // Per crisis, the sums (tests, Σp, Σf) of each checked cell it touches.
    let mut by: std::collections::BTreeMap<u32, Vec<(usize, f64, f64, f64)>> =
        std::collections::BTreeMap::new();
    for p in predictions {
        let sums = by.entry(p.crisis).or_default();
        for (pi, &x) in p.predicted.iter().enumerate() {
            if let Some(s) = slot[pi][bin_of(x)] {
                match sums.iter_mut().find(|e| e.0 == s) {
                    Some(e) => {
                        e.1 += 1.0;
                        e.2 += x;
                        e.3 += p.observed;
                    }
                    None => sums.push((s, 1.0, x, p.observed)),
                }
            }
        }
    }
    let crises: Vec<Vec<(usize, f64, f64, f64)>> = by.into_values().collect();
    let c = crises.len() as u64;
    let mut reps: Vec<Vec<f64>> = vec![Vec::with_capacity(b.replicates as usize); cells.len()];
    let mut total = vec![(0.0f64, 0.0f64, 0.0f64); cells.len()];
    let mut rng = SplitMix64::new(b.seed);
    for _ in 0..b.replicates {
        total.fill((0.0, 0.0, 0.0));
        for _ in 0..c {
            for &(s, n, sp, sf) in &crises[rng.below(c) as usize] {
                let t = &mut total[s];
                t.0 += n;
                t.1 += sp;
                t.2 += sf;
            }
        }
        for (r, &(n, sp, sf)) in reps.iter_mut().zip(&total) {
            if n > 0.0 {
                r.push((sp - sf) / n);
            }
        }
    }
    for ((pi, bi), r) in cells.into_iter().zip(&mut reps) {
        scores[pi].calibration[bi].gap_interval = interval(r, b.level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::scores::Accumulator;

    fn prediction(crisis: u32, p: f64, f: f64) -> Prediction {
        Prediction::fixture(crisis, p, f)
    }

    fn scores_of(predictions: &[Prediction]) -> [Scores; 4] {
        let mut acc: [Accumulator; 4] = Default::default();
        for p in predictions {
            for (a, x) in acc.iter_mut().zip(p.predicted) {
                a.add(x, p.observed);
            }
        }
        let mut s = acc.map(|a| a.finish());
        fill_gap_intervals(predictions, &mut s, &Bootstrap::default());
        s
    }

    /// One crisis only: every resample is that crisis, so the interval is
    /// the point gap.
    #[test]
    fn one_crisis_gives_the_point_gap() {
        let ps: Vec<_> = (0..200)
            .map(|i| prediction(7, 0.15, (i % 2) as f64))
            .collect();
        let s = scores_of(&ps);
        let bin = s[3].calibration[1];
        let (lo, hi) = bin.gap_interval.unwrap();
        assert!((lo - (0.15 - 0.5)).abs() < 1e-12 && (hi - lo).abs() < 1e-12);
        // Bins under 100 tests get no interval.
        assert!(s[3].calibration[2].gap_interval.is_none());
    }

    /// 200 tests in two crises that disagree completely: the interval is
    /// wide, so the bin's miss is not clear; the same 200 tests spread over
    /// 200 crises give a narrow interval around the same point gap.
    #[test]
    fn clustering_widens_the_interval() {
        let two: Vec<_> = (0..200)
            .map(|i| prediction(u32::from(i >= 100), 0.55, f64::from(u8::from(i >= 100))))
            .collect();
        let many: Vec<_> = (0..200)
            .map(|i| prediction(i, 0.55, f64::from(u8::from(i >= 100))))
            .collect();
        let (a, b) = (
            scores_of(&two)[3].calibration[5],
            scores_of(&many)[3].calibration[5],
        );
        assert_eq!(a.gap(), b.gap());
        let width = |x: &crate::backtest::Bin| {
            let (lo, hi) = x.gap_interval.unwrap();
            hi - lo
        };
        assert!(width(&a) > 0.9, "{a:?}");
        assert!(width(&b) < 0.2, "{b:?}");
    }

    /// Input order of the predictions does not move the interval.
    #[test]
    fn order_independent() {
        let ps: Vec<_> = (0..300)
            .map(|i| prediction(i % 37, 0.35, f64::from(u8::from(i % 5 == 0))))
            .collect();
        let mut rev = ps.clone();
        rev.reverse();
        assert_eq!(
            scores_of(&ps)[3].calibration[3].gap_interval,
            scores_of(&rev)[3].calibration[3].gap_interval
        );
    }
}
