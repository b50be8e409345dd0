//! The rows of the three panels; each field is one column, documented with
//! its definition.

use chrono::NaiveDate;

/// One guarantor in one year: its reliability as of the year's as-of day,
/// as [`Assessment::reliability`](crate::Assessment::reliability) gives it.
///
/// CSV columns, in this order: `ccode, stateabb, year, as_of, mean, lower,
/// upper, level, effective_tests, tests, honoured, plain_share, pending`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GuarantorYear {
    /// COW country code of the guarantor; empty when the state system has
    /// none for its id (see [`Panel::without_ccode`](super::Panel::without_ccode)).
    pub ccode: Option<u16>,
    /// The guarantor's actor id: the COW state abbreviation for COW states.
    pub stateabb: String,
    /// The panel year.
    pub year: i32,
    /// The day scored (`YYYY-MM-DD`; 31 December unless chosen otherwise).
    pub as_of: NaiveDate,
    /// Posterior mean reliability `α / (α + β)`: the prior (learned per
    /// obligation kind unless the configuration fixes it) updated by every
    /// resolved test, weighted by severity and decayed to `as_of`.
    pub mean: f64,
    /// Lower bound of the equal-tailed credible interval at `level`.
    pub lower: f64,
    /// Upper bound of the equal-tailed credible interval at `level`.
    pub upper: f64,
    /// The credible level of `lower` and `upper` (default 0.9).
    pub level: f64,
    /// Kish's effective number of tests, `(Σ wᵢ)² / Σ wᵢ²`, with decayed weights.
    pub effective_tests: f64,
    /// Resolved tests (window closed on or before `as_of`), undecayed.
    pub tests: u64,
    /// Resolved tests honoured (fulfilment at or above the abandonment threshold).
    pub honoured: u64,
    /// Leeds-style plain share `honoured / tests` (no weights, decay or
    /// prior); empty without resolved tests.
    pub plain_share: Option<f64>,
    /// Tests started on or before `as_of` whose window is still open.
    pub pending: u64,
}

/// One directed dyad (guarantor → beneficiary) in one year: the
/// beneficiary's abandonment risk as of the year's as-of day, as
/// [`Assessment::abandonment`](crate::Assessment::abandonment) gives it.
///
/// CSV columns, in this order: `ccode1, stateabb1, ccode2, stateabb2, year,
/// as_of, risk, risk_lower, risk_upper, level, tests, abandonments,
/// pending, others_mean, prior_mean`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DyadYear {
    /// COW country code of the guarantor (side 1); empty when unknown.
    pub ccode1: Option<u16>,
    /// The guarantor's actor id.
    pub stateabb1: String,
    /// COW country code of the beneficiary (side 2); empty when unknown.
    pub ccode2: Option<u16>,
    /// The beneficiary's actor id.
    pub stateabb2: String,
    /// The panel year.
    pub year: i32,
    /// The day scored.
    pub as_of: NaiveDate,
    /// Abandonment risk `1 − α/(α + β)` of the dyad's pooled posterior:
    /// prior `Beta(α₀ + κ·m, β₀ + κ·(1 − m))` (see `others_mean`,
    /// `prior_mean`) updated by the dyad's own decayed tests.
    pub risk: f64,
    /// Lower bound of the risk's credible interval at `level`.
    pub risk_lower: f64,
    /// Upper bound of the risk's credible interval at `level`.
    pub risk_upper: f64,
    /// The credible level of the interval.
    pub level: f64,
    /// The dyad's own resolved tests, undecayed.
    pub tests: u64,
    /// The dyad's resolved tests abandoned or betrayed.
    pub abandonments: u64,
    /// The dyad's tests still pending on `as_of`.
    pub pending: u64,
    /// `m`: the guarantor's posterior mean reliability toward every other
    /// beneficiary (fixed prior `Beta(α₀, β₀)`, decayed).
    pub others_mean: f64,
    /// Mean reliability of the pooled prior before the dyad's own tests,
    /// `(α₀ + κ·m) / (α₀ + β₀ + κ)`; its risk is `1 − prior_mean`.
    pub prior_mean: f64,
}

/// One bloc in one year: its reputation (members' reliability toward
/// fellow members under bloc-wide commitments) as of the year's as-of day,
/// as [`Assessment::bloc`](crate::Assessment::bloc) gives it.
///
/// CSV columns, in this order: `bloc, year, as_of, mean, lower, upper,
/// level, effective_tests, tests, honoured, plain_share, pending`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BlocYear {
    /// The bloc's actor id (blocs have no COW code).
    pub bloc: String,
    /// The panel year.
    pub year: i32,
    /// The day scored.
    pub as_of: NaiveDate,
    /// Posterior mean `α / (α + β)` from the fixed prior and the members'
    /// decayed tests toward fellow members.
    pub mean: f64,
    /// Lower bound of the credible interval at `level`.
    pub lower: f64,
    /// Upper bound of the credible interval at `level`.
    pub upper: f64,
    /// The credible level of the interval.
    pub level: f64,
    /// Kish's effective number of tests.
    pub effective_tests: f64,
    /// Resolved tests under the bloc's commitments, undecayed.
    pub tests: u64,
    /// Of those, honoured.
    pub honoured: u64,
    /// `honoured / tests`; empty without resolved tests.
    pub plain_share: Option<f64>,
    /// Tests under the bloc's commitments still pending on `as_of`.
    pub pending: u64,
}
