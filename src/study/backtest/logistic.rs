//! Maximum-likelihood logistic regression with fractional outcomes: the
//! one fitting routine of the backtest's recalibration maps and of the
//! Leeds (2003) covariate forecaster.
//!
//! For rows `(xᵢ, fᵢ)` with `xᵢ ∈ ℝᵏ` and `fᵢ ∈ [0, 1]`, the weights `w`
//! minimise the mean log loss
//!
//! ```text
//! L(w) = (1/n) Σ [softplus(w·xᵢ) − fᵢ·(w·xᵢ)]        softplus(z) = ln(1 + eᶻ)
//! ∇L   = (1/n) Σ (σ(w·xᵢ) − fᵢ)·xᵢ
//! ```
//!
//! (the Bernoulli log-likelihood, which a fractional `fᵢ` enters as the
//! expected value of a 0/1 outcome). The minimiser is argmin's L-BFGS
//! (memory 7) with a Moré–Thuente line search, from the start the caller
//! gives, stopping when the gradient norm falls below 1e−9 or after the
//! caller's iteration cap. No hand-written optimiser.

use argmin::core::{CostFunction, Executor, Gradient, State};
use argmin::solver::linesearch::MoreThuenteLineSearch;
use argmin::solver::quasinewton::LBFGS;

/// `σ(z) = 1 / (1 + e^−z)`, without overflow.
pub(crate) fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `ln(1 + e^z)`, without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

fn dot<const K: usize>(w: &[f64], x: &[f64; K]) -> f64 {
    w.iter().zip(x).map(|(a, b)| a * b).sum()
}

struct Likelihood<'a, const K: usize> {
    rows: &'a [([f64; K], f64)],
}

impl<const K: usize> CostFunction for Likelihood<'_, K> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, w: &Self::Param) -> Result<f64, argmin::core::Error> {
        let n = self.rows.len() as f64;
        Ok(self
            .rows
            .iter()
            .map(|(x, f)| {
                let z = dot(w, x);
                softplus(z) - f * z
            })
            .sum::<f64>()
            / n)
    }
}

impl<const K: usize> Gradient for Likelihood<'_, K> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, w: &Self::Param) -> Result<Vec<f64>, argmin::core::Error> {
        let n = self.rows.len() as f64;
        let mut g = vec![0.0; K];
        for (x, f) in self.rows {
            let r = sigmoid(dot(w, x)) - f;
            for (gj, xj) in g.iter_mut().zip(x) {
                *gj += r * xj;
            }
        }
        for gj in &mut g {
            *gj /= n;
        }
        Ok(g)
    }
}

/// The weights minimising the mean log loss over `rows`, from the start
/// `w = (0, 1, 0, …)` when `K = 2` (the identity of a recalibration map)
/// and `w = 0` otherwise; `None` when there is no row, every outcome is
/// the same (no finite minimum), or the solver fails or ends on a
/// non-finite weight.
pub(crate) fn fit_logistic<const K: usize>(
    rows: &[([f64; K], f64)],
    max_iters: u64,
) -> Option<[f64; K]> {
    let first = rows.first()?.1;
    if rows.iter().all(|&(_, f)| f == first) {
        return None;
    }
    let mut start = vec![0.0; K];
    if K == 2 {
        start[1] = 1.0;
    }
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(1e-9)
        .ok()?;
    let result = Executor::new(Likelihood { rows }, solver)
        .configure(|s| s.param(start).max_iters(max_iters))
        .run()
        .ok()?;
    let w = result.state().get_best_param()?;
    let mut out = [0.0; K];
    for (o, v) in out.iter_mut().zip(w) {
        *o = *v;
    }
    (w.len() == K && out.iter().all(|v| v.is_finite())).then_some(out)
}

/// One row of a weighted logistic fit with an offset: covariates `x`, a
/// fixed offset `o` added to the linear predictor, the outcome `f` in
/// [0, 1] and a weight `w ≥ 0` (a bootstrap multiplicity).
#[derive(Clone, Copy, Debug)]
pub(crate) struct WeightedRow<const K: usize> {
    pub(crate) x: [f64; K],
    pub(crate) offset: f64,
    pub(crate) f: f64,
    pub(crate) w: f64,
}

/// The weighted mean log loss `Σ wᵢ [softplus(w·xᵢ + oᵢ) − fᵢ (w·xᵢ + oᵢ)] / Σ wᵢ`
/// and its gradient `Σ wᵢ (σ(w·xᵢ + oᵢ) − fᵢ) xᵢ / Σ wᵢ`, computed together
/// in one pass over the rows and kept for the last parameter (the line
/// search asks for both at every trial point).
struct WeightedLikelihood<'a, const K: usize> {
    rows: &'a [WeightedRow<K>],
    total: f64,
    last: std::cell::RefCell<Option<Evaluated>>,
}

/// A parameter with its cost and gradient.
type Evaluated = (Vec<f64>, f64, Vec<f64>);

impl<const K: usize> WeightedLikelihood<'_, K> {
    fn both(&self, w: &[f64]) -> (f64, Vec<f64>) {
        if let Some((p, c, g)) = self.last.borrow().as_ref()
            && p.as_slice() == w
        {
            return (*c, g.clone());
        }
        let mut cost = 0.0;
        let mut g = vec![0.0; K];
        for r in self.rows {
            let z = dot(w, &r.x) + r.offset;
            // softplus(z) and σ(z) from one exponential, e^−|z| ≤ 1.
            let t = (-z.abs()).exp();
            let (softplus, sigma) = if z >= 0.0 {
                (z + t.ln_1p(), 1.0 / (1.0 + t))
            } else {
                (t.ln_1p(), t / (1.0 + t))
            };
            cost += r.w * (softplus - r.f * z);
            let e = r.w * (sigma - r.f);
            for (gj, xj) in g.iter_mut().zip(&r.x) {
                *gj += e * xj;
            }
        }
        cost /= self.total;
        for gj in &mut g {
            *gj /= self.total;
        }
        *self.last.borrow_mut() = Some((w.to_vec(), cost, g.clone()));
        (cost, g)
    }
}

impl<const K: usize> CostFunction for WeightedLikelihood<'_, K> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, w: &Self::Param) -> Result<f64, argmin::core::Error> {
        Ok(self.both(w).0)
    }
}

impl<const K: usize> Gradient for WeightedLikelihood<'_, K> {
    type Param = Vec<f64>;
    type Gradient = Vec<f64>;

    fn gradient(&self, w: &Self::Param) -> Result<Vec<f64>, argmin::core::Error> {
        Ok(self.both(w).1)
    }
}

/// The weights minimising the weighted mean log loss over `rows` (rows of
/// weight 0 are ignored), from `start`, with argmin's L-BFGS (memory 7)
/// and a Moré–Thuente line search as [`fit_logistic`], stopping when the
/// gradient norm falls below `tolerance`; `None` when the
/// weighted outcomes are all 0 or all 1 (no finite minimum), the weights
/// sum to 0, or the solver fails or ends on a non-finite weight.
pub(crate) fn fit_weighted<const K: usize>(
    rows: &[WeightedRow<K>],
    start: [f64; K],
    max_iters: u64,
    tolerance: f64,
) -> Option<[f64; K]> {
    let (mut total, mut success) = (0.0, 0.0);
    for r in rows {
        total += r.w;
        success += r.w * r.f;
    }
    if total <= 0.0 || success <= 0.0 || success >= total {
        return None;
    }
    let solver = LBFGS::new(MoreThuenteLineSearch::new(), 7)
        .with_tolerance_grad(tolerance)
        .ok()?;
    let result = Executor::new(
        WeightedLikelihood {
            rows,
            total,
            last: std::cell::RefCell::new(None),
        },
        solver,
    )
    .configure(|s| s.param(start.to_vec()).max_iters(max_iters))
    .run()
    .ok()?;
    let w = result.state().get_best_param()?;
    let mut out = [0.0; K];
    for (o, v) in out.iter_mut().zip(w) {
        *o = *v;
    }
    (w.len() == K && out.iter().all(|v| v.is_finite())).then_some(out)
}
