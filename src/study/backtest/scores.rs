//! Brier score, log loss and the calibration table of one predictor.

/// Predicted probabilities are clamped to `[LOG_LOSS_EPS, 1 − LOG_LOSS_EPS]`
/// before taking logarithms.
pub const LOG_LOSS_EPS: f64 = 1e-6;

/// Bins of the calibration table.
pub const BINS: usize = 10;

/// A bin with at least this many tests gets a crisis-bootstrap interval
/// of its gap ([`Bin::gap_interval`]); the least number of fitting tests of
/// a recalibration map, and of training-era tests of the era split.
pub const CALIBRATION_MIN_COUNT: u64 = 100;

/// Squared error of `p` against `f`.
#[inline]
pub(crate) fn squared_error(p: f64, f: f64) -> f64 {
    (p - f) * (p - f)
}

/// Log loss of `p` (clamped) against `f ∈ [0, 1]`.
#[inline]
pub(crate) fn log_loss(p: f64, f: f64) -> f64 {
    let q = p.clamp(LOG_LOSS_EPS, 1.0 - LOG_LOSS_EPS);
    -(f * q.ln() + (1.0 - f) * (1.0 - q).ln())
}

/// One bin of a calibration table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bin {
    /// Lower bound of predicted `p` (inclusive).
    pub lower: f64,
    /// Upper bound of predicted `p` (exclusive, except 1.0 for the last bin).
    pub upper: f64,
    /// Predictions in the bin.
    pub count: u64,
    /// Mean predicted `p` in the bin (`None` when empty).
    pub mean_predicted: Option<f64>,
    /// Mean observed value in the bin (`None` when empty).
    pub mean_observed: Option<f64>,
    /// The crisis-bootstrap interval of the bin's gap
    /// `mean predicted − mean observed` ([`Bin::gap`]), at the backtest's
    /// [`Bootstrap::level`](super::Bootstrap) (90% by default): how far
    /// the gap could move if other crises had happened. Computed for
    /// checked bins (at least [`CALIBRATION_MIN_COUNT`] tests) only;
    /// `None` otherwise. It shows how much of a gap the clustering of
    /// tests in crises could produce, which the consistency band (tests
    /// taken as independent) does not.
    pub gap_interval: Option<(f64, f64)>,
    /// The bin's consistency band (Bröcker & Smith 2007): the range, at
    /// the backtest's [`Bootstrap::level`](super::Bootstrap) (5–95% by
    /// default), of the bin's mean outcome when outcomes are drawn as
    /// Bernoulli of the bin's own forecasts, i.e. where a perfectly
    /// calibrated forecaster's [`mean_observed`](Bin::mean_observed) would
    /// fall (see the [`backtest`](super) docs, step 7). `None` for an
    /// empty bin or a backtest without draws.
    pub band: Option<(f64, f64)>,
}

impl Bin {
    /// `mean predicted − mean observed` (`None` when empty): positive when
    /// the predictor expected more fulfilment than happened.
    pub fn gap(&self) -> Option<f64> {
        Some(self.mean_predicted? - self.mean_observed?)
    }

    /// Whether the bin's mean outcome falls outside its consistency
    /// [`band`](Bin::band): a perfectly calibrated forecaster with the
    /// bin's forecasts would land there less than one time in ten (at the
    /// default level). `false` without a band.
    pub fn inconsistent(&self) -> bool {
        match (self.band, self.mean_observed) {
            (Some((lo, hi)), Some(f)) => f < lo || f > hi,
            _ => false,
        }
    }
}

/// The calibration bin of a prediction `p ∈ [0, 1]`: `min(⌊10p⌋, 9)`.
#[inline]
pub(crate) fn bin_of(p: f64) -> usize {
    ((p * BINS as f64).floor().max(0.0) as usize).min(BINS - 1)
}

/// How well one predictor did.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub(crate) n: u64,
    pub(crate) brier: Option<f64>,
    pub(crate) log_loss: Option<f64>,
    pub(crate) calibration: [Bin; BINS],
    pub(crate) fit: Option<super::CalibrationFit>,
    pub(crate) consistency_p: Option<f64>,
}

impl Scores {
    /// Predictions scored.
    pub fn n(&self) -> u64 {
        self.n
    }
    /// Mean squared error `(1/n) Σ (p − f)²`; `None` when nothing was scored.
    pub fn brier(&self) -> Option<f64> {
        self.brier
    }
    /// Mean log loss with `p` clamped to `[1e−6, 1 − 1e−6]`; `None` when
    /// nothing was scored.
    pub fn log_loss(&self) -> Option<f64> {
        self.log_loss
    }
    /// Ten bins of predicted `p`, lowest first.
    pub fn calibration(&self) -> &[Bin; BINS] {
        &self.calibration
    }
    /// The calibration intercept and slope of these forecasts on the
    /// scored tests, with their crisis-bootstrap intervals (`None`: the
    /// outcomes do not vary, or the backtest did not assess calibration).
    pub fn calibration_fit(&self) -> Option<&super::CalibrationFit> {
        self.fit.as_ref()
    }
    /// The bins whose mean outcome falls outside their consistency band.
    pub fn inconsistent_bins(&self) -> Vec<Bin> {
        self.calibration
            .iter()
            .copied()
            .filter(Bin::inconsistent)
            .collect()
    }
    /// Bins with a consistency band (every non-empty bin, when the
    /// backtest drew any).
    pub fn checked_bins(&self) -> usize {
        self.calibration.iter().filter(|b| b.band.is_some()).count()
    }
    /// The Monte Carlo p-value of the number of bins outside their bands
    /// under perfect calibration (the joint test of the
    /// [`backtest`](super) docs, step 7): small when more bins are
    /// outside than chance explains. `None` without bands.
    pub fn consistency_p(&self) -> Option<f64> {
        self.consistency_p
    }
}

#[derive(Default)]
pub(crate) struct Accumulator {
    n: u64,
    sq: f64,
    log: f64,
    bins: [(u64, f64, f64); BINS],
}

impl Accumulator {
    pub(crate) fn add(&mut self, p: f64, f: f64) {
        self.n += 1;
        self.sq += squared_error(p, f);
        self.log += log_loss(p, f);
        // p is in [0, 1] (a posterior mean or a mean of values in [0, 1]).
        let bin = &mut self.bins[bin_of(p)];
        bin.0 += 1;
        bin.1 += p;
        bin.2 += f;
    }

    pub(crate) fn finish(&self) -> Scores {
        let n = self.n as f64;
        let mean = |x: f64| (self.n > 0).then(|| x / n);
        let calibration = std::array::from_fn(|b| {
            let (count, p, f) = self.bins[b];
            let m = |x: f64| (count > 0).then(|| x / count as f64);
            Bin {
                lower: b as f64 / BINS as f64,
                upper: (b + 1) as f64 / BINS as f64,
                count,
                mean_predicted: m(p),
                mean_observed: m(f),
                gap_interval: None,
                band: None,
            }
        });
        Scores {
            n: self.n,
            brier: mean(self.sq),
            log_loss: mean(self.log),
            calibration,
            fit: None,
            consistency_p: None,
        }
    }
}
