//! Rolling-origin tuning: hyperparameters chosen again before every test,
//! on every test resolved before it.

use super::recalibrate::{Recalibration, Settled};
use super::{Backtest, BacktestReport, Candidate, EraSplit, Prediction, Predictor};
use crate::resolve::Outcome;
use crate::timeline::day;
use crate::{Config, Ledger};

/// Rolling-origin tuning: before each scored test, the candidate
/// configuration with the lowest Brier score on all tests resolved before
/// its crisis began (the "earlier" tests of the protocol) predicts it.
///
/// It is the era split with the cut moved to every crisis start in turn:
/// no test is predicted by a configuration chosen with its own outcome or
/// any later one. Each candidate's predictions are its own out-of-time
/// replay ([`Backtest`]); the running Brier score of a candidate counts the
/// earlier tests in the scored range, in the canonical order. Before any
/// test has resolved, and on ties, the first candidate of the grid wins;
/// [`RollingTuning::new`]'s grid is `Config::default()` followed by
/// [`EraSplit::default_grid`], so the default is the choice until evidence
/// accrues. The report's model line names the configuration chosen for the
/// most tests and the one chosen last.
#[derive(Clone, Debug)]
pub struct RollingTuning<'a> {
    backtest: Backtest<'a>,
    grid: Vec<Candidate>,
}

impl<'a> RollingTuning<'a> {
    /// Rolling-origin tuning of `ledger` over `Config::default()` first,
    /// then the default grid.
    pub fn new(ledger: &'a Ledger) -> RollingTuning<'a> {
        let mut grid = vec![Candidate::new(Config::default())];
        grid.extend(EraSplit::default_grid(&Config::default()));
        RollingTuning {
            backtest: Backtest::new(ledger),
            grid,
        }
    }

    /// The backtest settings (as of, target, scored range, era cut,
    /// bootstrap, recalibration); its configuration is ignored. With a
    /// [`Recalibration`](super::Recalibration), the maps are fitted on the
    /// tuned forecasts of earlier tests in the scored range (yearly steps,
    /// as in [`Backtest`]), after the tuning: the configuration is chosen on
    /// raw forecasts.
    pub fn backtest(mut self, backtest: Backtest<'a>) -> RollingTuning<'a> {
        self.backtest = backtest;
        self
    }

    /// The candidates, in tie-breaking order (an empty grid uses the
    /// ledger's configuration).
    pub fn grid(mut self, grid: Vec<Candidate>) -> RollingTuning<'a> {
        self.grid = grid;
        self
    }

    /// Replays every candidate, then predicts each test with the one that
    /// had done best so far.
    pub fn run(&self) -> BacktestReport {
        self.run_on(&self.backtest.resolved())
    }

    /// [`run`](Self::run) on the resolved outcomes of the same ledger and
    /// cutoff, computed once.
    pub(crate) fn run_on(&self, resolved: &[Outcome]) -> BacktestReport {
        let ledger = self.backtest.ledger;
        let grid = if self.grid.is_empty() {
            vec![Candidate::new(ledger.config().clone())]
        } else {
            self.grid.clone()
        };
        let runs: Vec<Vec<Prediction>> = grid
            .iter()
            .map(|c| {
                self.backtest
                    .clone()
                    .config(c.config.clone())
                    .quiet()
                    .recalibration(Recalibration::Off)
                    .run_on(resolved)
                    .predictions
            })
            .collect();
        let base = &runs[0];
        let tests = ledger.tests();
        // Scored tests by the last day of their window: the feed.
        let mut by_end: Vec<(i32, usize)> = base
            .iter()
            .enumerate()
            .map(|(i, p)| (tests[p.test()].end, i))
            .collect();
        by_end.sort_unstable();
        let mut sse = vec![0.0f64; grid.len()];
        let mut fed = 0;
        let mut chosen_counts = vec![0usize; grid.len()];
        let mut out = Vec::with_capacity(base.len());
        for (i, p) in base.iter().enumerate() {
            let start = day(p.date());
            while fed < by_end.len() && by_end[fed].0 < start {
                let j = by_end[fed].1;
                for (s, run) in sse.iter_mut().zip(&runs) {
                    let e = run[j].model() - run[j].observed();
                    *s += e * e;
                }
                fed += 1;
            }
            let mut best = 0;
            for (c, s) in sse.iter().enumerate() {
                if *s < sse[best] {
                    best = c;
                }
            }
            chosen_counts[best] += 1;
            let mut q = *p;
            q.predicted[Predictor::Model.index()] = runs[best][i].model();
            out.push(q);
        }
        let most = chosen_counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            .map_or(0, |(i, _)| i);
        let last = out.last().map(|_| {
            let mut best = 0;
            for (c, s) in sse.iter().enumerate() {
                if *s < sse[best] {
                    best = c;
                }
            }
            best
        });
        let label = format!(
            "rolling-origin tuning over {} configurations; chosen most often ({} of {} tests): {}; chosen last: {}",
            grid.len(),
            chosen_counts[most],
            out.len(),
            grid[most].label,
            last.map_or_else(|| "-".to_string(), |b| grid[b].label.clone())
        );
        let raw = self
            .backtest
            .clone()
            .recalibration(Recalibration::Off)
            .finish(grid[most].config.clone(), Some(label), out);
        recalibrated(&self.backtest, &raw)
    }
}

/// `raw` (a rolling-tuning report without recalibration) with the
/// recalibration of `backtest` applied: maps fitted on the chosen forecasts
/// of earlier scored tests. `raw` itself when `backtest` does not
/// recalibrate.
pub(crate) fn recalibrated(backtest: &Backtest<'_>, raw: &BacktestReport) -> BacktestReport {
    if backtest.recalibration == Recalibration::Off {
        return raw.clone();
    }
    let tests = backtest.ledger.tests();
    let mut out = raw.predictions.clone();
    let settled: Vec<Settled> = out
        .iter()
        .map(|p| Settled {
            end: tests[p.test()].end,
            start: day(p.date()),
            kind: p.obligation(),
            predicted: p.model(),
            observed: p.observed(),
        })
        .collect();
    let summary = backtest.recalibrate(&settled, &mut out);
    let mut report = backtest.finish(raw.config.clone(), raw.model_label.clone(), out);
    report.recalibration = summary;
    report
}
