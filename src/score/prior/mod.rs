//! The prior a reliability starts from: one fixed Beta for everyone
//! ([`PriorModel::Fixed`]), or a hierarchical prior learned per obligation
//! kind (and era) from the tests resolved before the assessment date
//! ([`PriorModel::ByKind`], the default).
//!
//! The formulas are in the [methodology](crate::methodology), §3a. In short,
//! with `(α₀, β₀)` the configured [`Prior`](crate::Prior), `c` the
//! smoothing, `κ` the strength and `λ` the cross-kind pooling of a
//! [`KindPrior`], and plain counts `n` and fulfilment sums `S` of the tests
//! resolved by the assessment date `τ`:
//!
//! ```text
//! global         m_G  = (α₀ + S) / (α₀ + β₀ + n)
//! kind k         m_k  = (c·m_G + S_k) / (c + n_k)
//! kind k, era e  m_ke = (c·m_k + S_ke) / (c + n_ke)          (e: the era of τ)
//! ```
//!
//! A guarantor `g`'s record of kind `k` (decayed weights `W_gk`, `WF_gk`)
//! starts from `Beta(κ·μ_gk, κ·(1 − μ_gk))`, where `μ_gk` is `m_ke` moved
//! by how `g` did on its *other* kinds compared with their rates:
//!
//! ```text
//! r  = Σ_{j≠k} (WF_gj − W_gj·m_je)
//! δ  = r / (λ + Σ_{j≠k} W_gj·(1 − m_je))   if r ≥ 0:  μ_gk = m_ke + δ·(1 − m_ke)
//! δ  = r / (λ + Σ_{j≠k} W_gj·m_je)         if r < 0:  μ_gk = m_ke·(1 + δ)
//! ```
//!
//! `δ` is the share of the room above (or below) the kind rates that `g`
//! filled on its other kinds, shrunk by `λ` pseudo-tests; it stays in
//! (−1, 1), so `μ_gk` stays in (0, 1).
//!
//! [`Assessment::reliability`](crate::Assessment::reliability) stays one
//! number: `g`'s whole decayed record pooled toward the rate its own mix of
//! tested promises would predict, `μ̄_g = Σ_k W_gk·m_ke / Σ_k W_gk` (the
//! global rate `m_G` for a guarantor with no tests). Ask
//! [`Assessment::reliability_for`](crate::Assessment::reliability_for) for
//! one obligation kind.
//!
//! The code is split by idea: the settings (this file), the mergeable state
//! (`board.rs`) and the prior read from it, with its report (`source.rs`).

mod board;
mod reference;
mod source;

pub(crate) use board::KindBoard;
pub use board::Rate;
pub use reference::{Reference, ReferenceClass};
pub use source::{KindRow, PriorSource};
pub(crate) use source::{mix_prior, predict, prior_source};

use chrono::NaiveDate;

use crate::resolve::Status;
use crate::score::assess::Reliability;
use crate::{ActorKey, Assessment, Error, Explanation, Obligation};

/// How the prior of a reliability is made.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Config, KindPrior, PriorModel};
///
/// // The model before 0.2: every guarantor starts from Config::prior.
/// let old = Config::default().prior_model(PriorModel::Fixed);
/// // The default: learned per obligation kind and era.
/// assert!(matches!(Config::default().get_prior_model(), PriorModel::ByKind(_)));
/// let stronger = Config::default().prior_model(PriorModel::ByKind(KindPrior::default().strength(8.0)?));
/// # let _ = (old, stronger);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum PriorModel {
    /// Every reliability starts from the configured
    /// [`Prior`](crate::Prior) (`Beta(1, 1)` by default), whatever was
    /// promised: the Beta reputation system as such.
    Fixed,
    /// A hierarchical prior learned per obligation kind (and era) from the
    /// tests resolved before the assessment date; see the [methodology](crate::methodology), §3a.
    ByKind(KindPrior),
}

impl Default for PriorModel {
    fn default() -> PriorModel {
        PriorModel::ByKind(KindPrior::default())
    }
}

/// The settings of [`PriorModel::ByKind`].
///
/// | setting | default | why |
/// |---|---|---|
/// | [`strength`](KindPrior::strength) `κ` | 4 tests | a guarantor's own record of a kind outweighs the kind's rate after about four tests of it |
/// | [`cross_kind`](KindPrior::cross_kind) `λ` | 4 tests | its record on other kinds moves a kind's prior by half the room after four tests' worth of surprise |
/// | [`smoothing`](KindPrior::smoothing) `c` | 10 tests | a kind (or kind × era) with fewer than ten tests leans on the level above |
/// | [`era_cut`](KindPrior::era_cut) | 1945-01-01 | the era split of the literature (Leeds, Long & Mitchell 2000; Berkemeier & Fuhrmann 2018) |
///
/// These defaults were set before any backtest was run, not tuned. The
/// historical example's era split shows what the training era (wars before
/// 1945) would choose instead and how that choice scores after 1945; see
/// the README's "Does the score forecast?".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindPrior {
    strength: f64,
    cross_kind: f64,
    smoothing: f64,
    era_cut: Option<NaiveDate>,
    pub(crate) reference: Option<Reference>,
}

impl Default for KindPrior {
    fn default() -> KindPrior {
        KindPrior {
            strength: 4.0,
            cross_kind: 4.0,
            smoothing: 10.0,
            era_cut: NaiveDate::from_ymd_opt(1945, 1, 1),
            reference: None,
        }
    }
}

/// Smallest accepted [`KindPrior::strength`].
const MIN_STRENGTH: f64 = 1e-6;

fn positive(quantity: &'static str, v: f64, allow_inf: bool) -> Result<f64, Error> {
    if v > 0.0 && (v.is_finite() || (allow_inf && v == f64::INFINITY)) {
        Ok(v)
    } else {
        Err(Error::OutOfRange {
            quantity,
            range: if allow_inf { "(0, +inf]" } else { "(0, +inf)" },
            value: v,
        })
    }
}

impl KindPrior {
    /// The learned prior with history as its reference class (issue 19):
    /// the kind × era rates are pooled toward the rates of the bundled
    /// ATOP × GML MIDs ledger ([`Reference::Mids`]) instead of toward the
    /// timeline's own global rate:
    ///
    /// ```text
    /// m_ke = (c·h_ke + S_ke) / (c + n_ke)        h_ke: the reference class's rate of kind k in era e
    /// m_G  = (c·h_e  + S_e)  / (c + n_e)         h_e: the pooled rate of the judged kinds in era e
    /// ```
    ///
    /// with `S_ke`, `n_ke` the timeline's own resolved tests of kind `k` in
    /// the assessment date's era and `c` the [`smoothing`](Self::smoothing)
    /// (10 tests). **Too few** to learn from means fewer than `c` tests of
    /// a kind in the era: then history outweighs the timeline's own rate
    /// (at `n_ke = c` they weigh the same), and with many tests the
    /// timeline's own rate takes over, so the reference class matters
    /// exactly where the timeline cannot speak for itself. The threshold
    /// is the smoothing `c` fixed a priori before any backtest (see the
    /// table above), not tuned. Consultation and (strategic) partnership
    /// promises, which no historical ledger judges, take the pooled rate of
    /// the judged kinds of the era ([`Reference::class`]). The rates are
    /// constants: the prior works without the `bundled-data` feature.
    /// Methodology §3e.
    pub fn historical() -> KindPrior {
        KindPrior {
            reference: Some(Reference::Mids),
            ..KindPrior::default()
        }
    }

    /// Sets the historical reference class (`None`: the rates are learned
    /// from the timeline alone, the [`Default`]).
    pub fn reference(mut self, reference: Option<Reference>) -> KindPrior {
        self.reference = reference;
        self
    }

    /// The historical reference class, if any.
    pub fn get_reference(&self) -> Option<Reference> {
        self.reference
    }

    /// Sets `κ`: how many tests' worth the kind rate weighs against the
    /// guarantor's own record of that kind.
    ///
    /// Accepted: `10^-6 ≤ κ ≤` [`MAX_PSEUDO_TESTS`](crate::MAX_PSEUDO_TESTS).
    /// The learned prior is `Beta(κ·m, κ·(1 − m))`; a subnormal `κ` made
    /// both parameters underflow to 0 and every score NaN (found by the
    /// `structured` fuzz target, issue 11). A prior of less than a
    /// millionth of a test is no prior: use [`PriorModel::Fixed`].
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] outside that range (NaN included).
    pub fn strength(mut self, kappa: f64) -> Result<KindPrior, Error> {
        if !(MIN_STRENGTH..=crate::MAX_PSEUDO_TESTS).contains(&kappa) {
            return Err(Error::OutOfRange {
                quantity: "prior strength",
                range: "[1e-6, 1e12]",
                value: kappa,
            });
        }
        self.strength = kappa;
        Ok(self)
    }

    /// Sets `λ`: how many tests' worth of "as expected" the guarantor's
    /// record on its other kinds is shrunk by before it moves the prior of
    /// a kind. `f64::INFINITY` turns cross-kind pooling off.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless > 0 (infinity allowed).
    pub fn cross_kind(mut self, lambda: f64) -> Result<KindPrior, Error> {
        self.cross_kind = positive("cross-kind pooling", lambda, true)?;
        Ok(self)
    }

    /// Sets `c`: how many tests' worth the global rate weighs against a
    /// kind's own tests (and the kind rate against a kind × era's).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless finite and > 0.
    pub fn smoothing(mut self, c: f64) -> Result<KindPrior, Error> {
        self.smoothing = positive("kind smoothing", c, false)?;
        Ok(self)
    }

    /// Sets the date that splits two eras (`None`: one era). Tests are in
    /// the later era when their crisis starts on or after it.
    pub fn era_cut(mut self, cut: Option<NaiveDate>) -> KindPrior {
        self.era_cut = cut;
        self
    }

    /// `κ`.
    pub fn get_strength(&self) -> f64 {
        self.strength
    }
    /// `λ`.
    pub fn get_cross_kind(&self) -> f64 {
        self.cross_kind
    }
    /// `c`.
    pub fn get_smoothing(&self) -> f64 {
        self.smoothing
    }
    /// The era cut.
    pub fn get_era_cut(&self) -> Option<NaiveDate> {
        self.era_cut
    }
}

impl Assessment<'_> {
    /// Where the prior of [`reliability`](Assessment::reliability)
    /// (`kind = None`) or of [`reliability_for`](Assessment::reliability_for)
    /// (`kind = Some(k)`) came from.
    pub fn prior_source(&self, guarantor: ActorKey, kind: Option<Obligation>) -> PriorSource {
        prior_source(
            self.ledger().config(),
            self.scoreboard().kinds(),
            guarantor.0,
            kind,
            self.as_of_day(),
        )
    }

    /// `guarantor`'s reliability on promises of one obligation kind: its
    /// decayed record of that kind, pooled toward the kind's learned rate
    /// moved by its record on other kinds (see the [methodology](crate::methodology), §3a). Under [`PriorModel::Fixed`] this is
    /// [`reliability`](Assessment::reliability), whatever the kind.
    pub fn reliability_for(&self, guarantor: ActorKey, kind: Obligation) -> Reliability {
        let config = self.ledger().config();
        let pending = self
            .outcomes()
            .iter()
            .filter(|o| {
                o.guarantor == guarantor.0 && o.obligation == kind && o.status == Status::Pending
            })
            .count() as u64;
        match config.get_prior_model() {
            PriorModel::Fixed => self.reliability(guarantor),
            PriorModel::ByKind(_) => {
                let s = self.prior_source(guarantor, Some(kind));
                Reliability::from_evidence(
                    self.scoreboard()
                        .kinds()
                        .evidence(guarantor.0, kind)
                        .as_ref(),
                    self.as_of_day(),
                    s.alpha,
                    s.beta,
                    pending,
                )
            }
        }
    }

    /// Explains [`reliability_for`](Assessment::reliability_for): the
    /// prior it started from (the kind's learned rate, its counts, the
    /// cross-kind shift) and every test of `guarantor` of that kind, with
    /// its weight and share. Under [`PriorModel::Fixed`] it is
    /// [`explain_reliability`](Assessment::explain_reliability).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`](crate::Error::UnknownActor) for a key from another timeline.
    pub fn explain_reliability_for(
        &self,
        guarantor: ActorKey,
        kind: Obligation,
    ) -> Result<Explanation, Error> {
        let mut e = self.explain_reliability(guarantor)?;
        if matches!(self.ledger().config().get_prior_model(), PriorModel::Fixed) {
            return Ok(e);
        }
        let source = self.prior_source(guarantor, Some(kind));
        e.subject = format!("{} on {kind} promises", e.subject);
        e.prior_alpha = source.alpha;
        e.prior_beta = source.beta;
        e.prior_note = source.to_string();
        e.contributions.retain(|c| c.obligation == kind);
        e.pending.retain(|c| c.obligation == kind);
        let total: f64 = e.contributions.iter().map(|c| c.weight).sum();
        for c in &mut e.contributions {
            c.share = if total > 0.0 { c.weight / total } else { 0.0 };
        }
        Ok(e)
    }

    /// The prior `(α, β)` of [`reliability`](Assessment::reliability).
    pub(crate) fn prior_params(&self, guarantor: ActorKey) -> (f64, f64) {
        prior_params(
            self.ledger().config(),
            self.scoreboard().kinds(),
            guarantor.0,
            self.as_of_day(),
        )
    }
}

/// The prior `(α, β)` of guarantor `g`'s reliability on day `tau`, from the
/// learned-prior state `kinds` (shared by [`Assessment::reliability`] and
/// the one-pass panel sweep, so both use one formula).
pub(crate) fn prior_params(
    config: &crate::Config,
    kinds: &KindBoard,
    g: u32,
    tau: crate::timeline::Day,
) -> (f64, f64) {
    match config.get_prior_model() {
        PriorModel::Fixed => {
            let p = config.get_prior();
            (p.alpha(), p.beta())
        }
        PriorModel::ByKind(kp) => mix_prior(&kp, kinds, g, tau),
    }
}
