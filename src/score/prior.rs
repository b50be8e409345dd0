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

use std::fmt;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::fasthash::FastMap;
use crate::resolve::{Outcome, Status};
use crate::score::assess::Reliability;
use crate::score::evidence::Evidence;
use crate::timeline::{Day, day};
use crate::{ActorKey, Assessment, Config, Error, Explanation, Obligation};

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
}

impl Default for KindPrior {
    fn default() -> KindPrior {
        KindPrior {
            strength: 4.0,
            cross_kind: 4.0,
            smoothing: 10.0,
            era_cut: NaiveDate::from_ymd_opt(1945, 1, 1),
        }
    }
}

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
    /// Sets `κ`: how many tests' worth the kind rate weighs against the
    /// guarantor's own record of that kind.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless finite and > 0.
    pub fn strength(mut self, kappa: f64) -> Result<KindPrior, Error> {
        self.strength = positive("prior strength", kappa, false)?;
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

/// Plain count and fulfilment sum of resolved tests (no weights, no decay).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rate {
    /// Tests.
    pub n: u64,
    /// Sum of their fulfilments.
    pub sum: f64,
}

impl Rate {
    fn add(&mut self, other: Rate) {
        self.n += other.n;
        self.sum += other.sum;
    }

    /// `sum / n`; `None` without tests.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// Exponent (in half-lives) above which a guarantor's mix landmark moves
/// forward, as in [`Evidence`].
const REBASE_AT: f64 = 256.0;

/// One guarantor's evidence per kind, all six kinds on one shared landmark
/// (forward decay, as in [`Evidence`]): one decay factor serves every kind
/// when it is folded, merged or read, and the weights of its mix of kinds
/// are read with no decay at all (their ratios do not depend on the day).
#[derive(Clone, Debug, Default)]
struct GuarantorKinds {
    landmark: Day,
    w: [f64; 6],
    wf: [f64; 6],
    w2: [f64; 6],
    tests: [u64; 6],
    honoured: [u64; 6],
    fulfilment: [f64; 6],
}

impl GuarantorKinds {
    fn is_empty(&self) -> bool {
        self.tests.iter().all(|&n| n == 0)
    }

    fn rebase(&mut self, to: Day, rate: f64) {
        let k = (f64::from(self.landmark - to) * rate).exp2();
        for i in 0..6 {
            self.w[i] *= k;
            self.wf[i] *= k;
            self.w2[i] *= k * k;
        }
        self.landmark = to;
    }

    #[inline]
    fn push(&mut self, kind: usize, t: Day, s: f64, f: f64, honoured: bool, rate: f64) {
        if self.is_empty() {
            self.landmark = t;
        }
        let mut x = f64::from(t - self.landmark) * rate;
        if x > REBASE_AT {
            self.rebase(t, rate);
            x = 0.0;
        }
        let sg = s * x.exp2();
        self.w[kind] += sg;
        self.wf[kind] += sg * f;
        self.w2[kind] += sg * sg;
        self.tests[kind] += 1;
        self.honoured[kind] += u64::from(honoured);
        self.fulfilment[kind] += f;
    }

    fn merge(&mut self, other: &GuarantorKinds, rate: f64) {
        if other.is_empty() {
            return;
        }
        if self.is_empty() {
            *self = other.clone();
            return;
        }
        // Both on the later landmark; scaling by ≤ 1 cannot overflow.
        let l = self.landmark.max(other.landmark);
        if self.landmark != l {
            self.rebase(l, rate);
        }
        let k = (f64::from(other.landmark - l) * rate).exp2();
        for i in 0..6 {
            self.w[i] += other.w[i] * k;
            self.wf[i] += other.wf[i] * k;
            self.w2[i] += other.w2[i] * k * k;
            self.tests[i] += other.tests[i];
            self.honoured[i] += other.honoured[i];
            self.fulfilment[i] += other.fulfilment[i];
        }
    }

    fn evidence(&self, kind: usize, rate: f64) -> Option<Evidence> {
        (self.tests[kind] > 0).then(|| {
            Evidence::from_parts(
                rate,
                self.landmark,
                [self.w[kind], self.wf[kind], self.w2[kind]],
                self.tests[kind],
                self.honoured[kind],
                self.fulfilment[kind],
            )
        })
    }
}

/// The state behind [`PriorModel::ByKind`]: plain rates per obligation kind
/// and era, and each guarantor's decayed evidence per kind. Mergeable like
/// the rest of a [`Scoreboard`](crate::Scoreboard) built from the same
/// configuration.
#[derive(Clone, Debug)]
pub(crate) struct KindBoard {
    active: bool,
    rate: f64,
    cut: Option<Day>,
    root: (f64, f64),
    smoothing: f64,
    rates: [[Rate; 2]; 6],
    guarantors: FastMap<u32, GuarantorKinds>,
    /// The learned rates of each era, computed on first use after a change.
    cache: OnceLock<[Rates; 2]>,
}

impl KindBoard {
    pub(crate) fn new(config: &Config) -> KindBoard {
        let (active, cut, smoothing) = match config.get_prior_model() {
            PriorModel::Fixed => (false, None, 1.0),
            PriorModel::ByKind(k) => (true, k.era_cut.map(day), k.smoothing),
        };
        let p = config.get_prior();
        KindBoard {
            active,
            rate: config.rate(),
            cut,
            root: (p.alpha(), p.beta()),
            smoothing,
            rates: [[Rate::default(); 2]; 6],
            guarantors: FastMap::default(),
            cache: OnceLock::new(),
        }
    }

    fn era(&self, t: Day) -> usize {
        match self.cut {
            Some(c) if t >= c => 1,
            _ => 0,
        }
    }

    /// Folds one resolved test in, with observed value `f`.
    #[inline]
    pub(crate) fn push(&mut self, o: &Outcome, f: f64) {
        if !self.active {
            return;
        }
        self.cache = OnceLock::new();
        let era = self.era(o.start);
        let r = &mut self.rates[o.obligation.index()][era];
        r.n += 1;
        r.sum += f;
        let rate = self.rate;
        self.guarantors.entry(o.guarantor).or_default().push(
            o.obligation.index(),
            o.start,
            o.severity,
            f,
            o.status == Status::Honoured,
            rate,
        );
    }

    /// Folds one resolved outcome into the rates only (not into its
    /// guarantor's evidence): for a series that reads one guarantor.
    #[inline]
    pub(crate) fn add_rate(&mut self, o: &Outcome) {
        if !self.active || o.status == Status::Pending {
            return;
        }
        self.cache = OnceLock::new();
        let r = &mut self.rates[o.obligation.index()][self.era(o.start)];
        r.n += 1;
        r.sum += o.fulfilment;
    }

    /// Folds one outcome in (pending ones are not evidence).
    #[inline]
    pub(crate) fn add(&mut self, o: &Outcome) {
        if o.status != Status::Pending {
            self.push(o, o.fulfilment);
        }
    }

    pub(crate) fn merge(&mut self, other: &KindBoard) {
        self.cache = OnceLock::new();
        for (a, b) in self.rates.iter_mut().zip(&other.rates) {
            for (x, y) in a.iter_mut().zip(b) {
                x.add(*y);
            }
        }
        let rate = self.rate;
        self.guarantors.reserve(other.guarantors.len());
        for (k, e) in &other.guarantors {
            self.guarantors.entry(*k).or_default().merge(e, rate);
        }
    }

    /// Guarantor × kind pairs held.
    pub(crate) fn len(&self) -> usize {
        self.guarantors
            .values()
            .map(|g| g.tests.iter().filter(|&&n| n > 0).count())
            .sum()
    }

    /// Whether the learned prior is in use (else every fold is a no-op).
    pub(crate) fn is_active(&self) -> bool {
        self.active
    }

    fn evidence(&self, g: u32, k: Obligation) -> Option<Evidence> {
        self.guarantors.get(&g)?.evidence(k.index(), self.rate)
    }

    /// The learned rates in the era of `tau`.
    #[inline]
    fn rates(&self, tau: Day) -> &Rates {
        &self
            .cache
            .get_or_init(|| [0, 1].map(|e| self.compute_rates(e)))[self.era(tau)]
    }

    fn compute_rates(&self, era: usize) -> Rates {
        let (a0, b0) = self.root;
        let mut all = Rate::default();
        for k in &self.rates {
            all.add(k[0]);
            all.add(k[1]);
        }
        let global = (a0 + all.sum) / (a0 + b0 + all.n as f64);
        let c = self.smoothing;
        let kind = std::array::from_fn(|k| {
            let [r0, r1] = self.rates[k];
            let mut rk = r0;
            rk.add(r1);
            let mk = (c * global + rk.sum) / (c + rk.n as f64);
            if self.cut.is_some() {
                let re = self.rates[k][era];
                (c * mk + re.sum) / (c + re.n as f64)
            } else {
                mk
            }
        });
        Rates { global, era, kind }
    }

    /// `μ̄_g`: the rates of `g`'s mix of tested kinds, weighted by its
    /// decayed weight of each (the global rate when it has none).
    #[inline]
    fn mix_mean(&self, g: u32, r: &Rates) -> f64 {
        match self.guarantors.get(&g) {
            Some(gk) => {
                let (mut num, mut den) = (0.0, 0.0);
                for (w, m) in gk.w.iter().zip(&r.kind) {
                    num += w * m;
                    den += w;
                }
                if den > 0.0 { num / den } else { r.global }
            }
            None => r.global,
        }
    }
}

/// The learned rates: global, and per kind in one era.
#[derive(Clone, Copy, Debug)]
struct Rates {
    global: f64,
    era: usize,
    kind: [f64; 6],
}

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
        let what = match self.kind {
            Some(k) => format!(
                "{k} rate learned from earlier tests, {era}, moved by δ = {:+.3} for the guarantor's other kinds (λ = {})",
                self.shift, kp.cross_kind
            ),
            None => format!(
                "the guarantor's mix of tested kinds, rates learned from earlier tests, {era}"
            ),
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

type Weights = [(f64, f64); 6];

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
    let weights: [(f64, f64); 6] = std::array::from_fn(|k| {
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
        match self.ledger().config().get_prior_model() {
            PriorModel::Fixed => {
                let p = self.ledger().config().get_prior();
                (p.alpha(), p.beta())
            }
            PriorModel::ByKind(kp) => mix_prior(
                &kp,
                self.scoreboard().kinds(),
                guarantor.0,
                self.as_of_day(),
            ),
        }
    }
}
