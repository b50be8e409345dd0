//! The mergeable state behind the learned prior: plain rates per kind and
//! era, and each guarantor's decayed sums per kind.

use std::sync::OnceLock;

use super::PriorModel;
use crate::fasthash::FastMap;
use crate::resolve::{Outcome, Status};
use crate::score::evidence::Evidence;
use crate::timeline::{Day, day};
use crate::{Config, Obligation};

/// Plain count and fulfilment sum of resolved tests (no weights, no decay).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rate {
    /// Tests.
    pub n: u64,
    /// Sum of their fulfilments.
    pub sum: f64,
}

impl Rate {
    pub(super) fn add(&mut self, other: Rate) {
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
    w: [f64; Obligation::COUNT],
    wf: [f64; Obligation::COUNT],
    w2: [f64; Obligation::COUNT],
    tests: [u64; Obligation::COUNT],
    honoured: [u64; Obligation::COUNT],
    fulfilment: [f64; Obligation::COUNT],
}

impl GuarantorKinds {
    fn is_empty(&self) -> bool {
        self.tests.iter().all(|&n| n == 0)
    }

    fn rebase(&mut self, to: Day, rate: f64) {
        let k = (f64::from(self.landmark - to) * rate).exp2();
        for i in 0..Obligation::COUNT {
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
        for i in 0..Obligation::COUNT {
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
    pub(super) active: bool,
    rate: f64,
    pub(super) cut: Option<Day>,
    root: (f64, f64),
    smoothing: f64,
    pub(super) rates: [[Rate; 2]; Obligation::COUNT],
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
            rates: [[Rate::default(); 2]; Obligation::COUNT],
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

    pub(super) fn evidence(&self, g: u32, k: Obligation) -> Option<Evidence> {
        self.guarantors.get(&g)?.evidence(k.index(), self.rate)
    }

    /// The learned rates in the era of `tau`.
    #[inline]
    pub(super) fn rates(&self, tau: Day) -> &Rates {
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
    pub(super) fn mix_mean(&self, g: u32, r: &Rates) -> f64 {
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
pub(super) struct Rates {
    pub(super) global: f64,
    pub(super) era: usize,
    pub(super) kind: [f64; Obligation::COUNT],
}
