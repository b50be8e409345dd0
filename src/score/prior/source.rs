//! The prior read from the state: its mean, the cross-kind shift, and the
//! report of where it came from.

use std::fmt;

use super::board::{KindBoard, Rate, Rates};
use super::{KindPrior, PriorModel};
use crate::score::assess::Reliability;
use crate::score::evidence::Evidence;
use crate::timeline::Day;
use crate::{Config, Obligation};

fn clamp_mean(m: f64) -> f64 {
    m.clamp(f64::EPSILON, 1.0 - f64::EPSILON)
}

/// Where a reliability's prior came from: the model, the rates it was
/// learned from, and the resulting `Beta(alpha, beta)`.
///
/// Its `Display` is the one-line note an [`Explanation`](crate::Explanation) prints.
#[derive(Clone, Debug, PartialEq)]
pub struct PriorSource {
    /// Prior α.
    pub alpha: f64,
    /// Prior β.
    pub beta: f64,
    /// `None` under [`PriorModel::Fixed`]; the settings otherwise.
    pub model: Option<KindPrior>,
    /// The obligation kind asked for (`None`: the guarantor's mix).
    pub kind: Option<Obligation>,
    /// The assessment day's era: 0 before the cut, 1 on or after it.
    pub era: usize,
    /// Every resolved test by the assessment date, all kinds and eras.
    pub global: Rate,
    /// The smoothed global rate `m_G`.
    pub global_mean: f64,
    /// Per kind: its tests in the assessment date's era, its smoothed
    /// rate `m_ke`, and the guarantor's decayed weight of that kind.
    pub kinds: Vec<KindRow>,
    /// The cross-kind shift `δ` (0 for the guarantor's mix and under `Fixed`).
    pub shift: f64,
}

/// One obligation kind's line in a [`PriorSource`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KindRow {
    /// The kind.
    pub kind: Obligation,
    /// Its resolved tests (all guarantors), all eras.
    pub all_eras: Rate,
    /// Its resolved tests (all guarantors) in the assessment date's era.
    pub era: Rate,
    /// The smoothed rate `m_ke`.
    pub mean: f64,
    /// The guarantor's decayed weight `W_gk` of this kind.
    pub weight: f64,
    /// The historical reference class the rate was pooled toward
    /// ([`KindPrior::historical`]); `None` when the rates are learned from
    /// the timeline alone.
    pub reference: Option<super::ReferenceClass>,
}

impl PriorSource {
    /// The prior mean `alpha / (alpha + beta)`.
    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }
}

impl fmt::Display for PriorSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(kp) = self.model else {
            return write!(f, "the configured fixed prior (PriorModel::Fixed)");
        };
        let era = match (kp.era_cut, self.era) {
            (None, _) => "all years".to_string(),
            (Some(c), 0) => format!("before {c}"),
            (Some(c), _) => format!("from {c}"),
        };
        let rows: Vec<String> = self
            .kinds
            .iter()
            .filter(|r| self.kind.is_none_or(|k| k == r.kind) || r.weight > 0.0)
            .filter(|r| r.all_eras.n > 0 || Some(r.kind) == self.kind)
            .map(|r| {
                format!(
                    "{} {:.3} ({} tests, {} in era)",
                    r.kind, r.mean, r.all_eras.n, r.era.n
                )
            })
            .collect();
        let learned = match kp.reference {
            Some(h) => format!("pooled toward history ({h}, c = {})", kp.smoothing),
            None => "learned from earlier tests".to_string(),
        };
        let what = match self.kind {
            Some(k) => format!(
                "{k} rate {learned}, {era}, moved by δ = {:+.3} for the guarantor's other kinds (λ = {})",
                self.shift, kp.cross_kind
            ),
            None => format!("the guarantor's mix of tested kinds, rates {learned}, {era}"),
        };
        write!(
            f,
            "κ = {} × mean {:.3}: {what}; global {:.3} over {} tests, c = {}; kinds: {}",
            kp.strength,
            self.mean(),
            self.global_mean,
            self.global.n,
            kp.smoothing,
            if rows.is_empty() {
                "none tested yet".to_string()
            } else {
                rows.join("; ")
            }
        )
    }
}

type Weights = [(f64, f64); Obligation::COUNT];

/// The prior mean (clamped into (0, 1)) and shift of `g` (one kind, or its
/// mix) as of `tau`, with the rates and `g`'s weights they came from.
fn core(
    kp: &KindPrior,
    board: &KindBoard,
    g: u32,
    kind: Option<Obligation>,
    tau: Day,
) -> (f64, f64, Rates, Weights) {
    let r = board.rates(tau);
    let weights: [(f64, f64); Obligation::COUNT] = std::array::from_fn(|k| {
        board
            .evidence(g, Obligation::ALL[k])
            .map_or((0.0, 0.0), |e| {
                let t = e.totals_at_day(tau);
                (t.weight, t.weighted_fulfilment)
            })
    });
    let (mean, shift) = match kind {
        Some(k) => {
            let (mut resid, mut up, mut down) = (0.0, 0.0, 0.0);
            for (j, (&(w, wf), &m_j)) in weights.iter().zip(&r.kind).enumerate() {
                if j == k.index() {
                    continue;
                }
                resid += wf - w * m_j;
                up += w * (1.0 - m_j);
                down += w * m_j;
            }
            let m = r.kind[k.index()];
            if resid >= 0.0 {
                let d = resid / (kp.cross_kind + up);
                (m + d * (1.0 - m), d)
            } else {
                let d = resid / (kp.cross_kind + down);
                (m * (1.0 + d), d)
            }
        }
        None => (board.mix_mean(g, r), 0.0),
    };
    (clamp_mean(mean), shift, *r, weights)
}

/// The prior of guarantor `g` (of one kind, or of its mix) as of `tau`.
pub(crate) fn prior_source(
    config: &Config,
    board: &KindBoard,
    g: u32,
    kind: Option<Obligation>,
    tau: Day,
) -> PriorSource {
    let p = config.get_prior();
    let kp = match config.get_prior_model() {
        PriorModel::ByKind(kp) if board.active => kp,
        _ => {
            return PriorSource {
                alpha: p.alpha(),
                beta: p.beta(),
                model: None,
                kind,
                era: 0,
                global: Rate::default(),
                global_mean: p.alpha() / (p.alpha() + p.beta()),
                kinds: Vec::new(),
                shift: 0.0,
            };
        }
    };
    let (mean, shift, r, weights) = core(&kp, board, g, kind, tau);
    let kinds = Obligation::ALL
        .iter()
        .enumerate()
        .map(|(k, &kind)| {
            let mut all = board.rates[k][0];
            all.add(board.rates[k][1]);
            KindRow {
                kind,
                all_eras: all,
                era: if board.cut.is_some() {
                    board.rates[k][r.era]
                } else {
                    all
                },
                mean: r.kind[k],
                weight: weights[k].0,
                reference: board
                    .reference
                    .and_then(|h| h.class(kind, board.reference_era(r.era))),
            }
        })
        .collect();
    let mut global = Rate::default();
    for k in &board.rates {
        global.add(k[0]);
        global.add(k[1]);
    }
    PriorSource {
        alpha: kp.strength * mean,
        beta: kp.strength * (1.0 - mean),
        model: Some(kp),
        kind,
        era: r.era,
        global,
        global_mean: r.global,
        kinds,
        shift,
    }
}

/// The prior `(α, β)` of `g`'s mix of kinds as of `tau`: the hot path of
/// [`Assessment::reliability`], with no report and no decay evaluated.
#[inline]
pub(crate) fn mix_prior(kp: &KindPrior, board: &KindBoard, g: u32, tau: Day) -> (f64, f64) {
    let r = board.rates(tau);
    let m = clamp_mean(board.mix_mean(g, r));
    (kp.strength * m, kp.strength * (1.0 - m))
}

/// The prior's mean only (no report): the hot path of the backtest.
pub(crate) fn predict(
    config: &Config,
    board: &KindBoard,
    overall: Option<&Evidence>,
    g: u32,
    kind: Obligation,
    tau: Day,
) -> f64 {
    match config.get_prior_model() {
        PriorModel::Fixed => {
            let p = config.get_prior();
            Reliability::from_evidence(overall, tau, p.alpha(), p.beta(), 0).mean()
        }
        PriorModel::ByKind(kp) => {
            let (m, ..) = core(&kp, board, g, Some(kind), tau);
            let (a0, b0) = (kp.strength * m, kp.strength * (1.0 - m));
            Reliability::from_evidence(board.evidence(g, kind).as_ref(), tau, a0, b0, 0).mean()
        }
    }
}
