//! Scores: reliability, abandonment, reciprocity, bloc reputation, rankings
//! and time series, all as of a date.

use chrono::NaiveDate;
use ordered_float::OrderedFloat;
use statrs::distribution::{Beta, ContinuousCDF, Normal};

use crate::fasthash::{FastMap, pair};
use crate::resolve::{Outcome, Status};
use crate::score::evidence::{Evidence, Totals};
use crate::score::prior::KindBoard;
use crate::timeline::{Day, date, day};
use crate::{ActorKey, ActorKind, Config, Error, Ledger, Lens, SupportKind};

/// An equal-tailed credible interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Credible level, for example 0.9.
    pub level: f64,
}

/// A guarantor's (or a bloc's) reliability: the Beta posterior over the
/// share of invoked commitments it honours.
///
/// `alpha = α₀ + Σ wᵢ fᵢ` and `beta = β₀ + Σ wᵢ (1 − fᵢ)`; see the
/// [methodology](crate::methodology). Cheap to get and copy; the credible
/// interval is computed on demand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reliability {
    alpha: f64,
    beta: f64,
    totals: Totals,
    /// Kish's ratio from the accumulator's own scale (see `effective_tests`).
    effective: f64,
    tests: u64,
    honoured: u64,
    fulfilment_sum: f64,
    pending: u64,
}

impl Reliability {
    pub(crate) fn from_evidence(
        e: Option<&Evidence>,
        tau: Day,
        a0: f64,
        b0: f64,
        pending: u64,
    ) -> Reliability {
        match e {
            Some(e) => {
                let t = e.totals_at_day(tau);
                Reliability {
                    alpha: a0 + t.weighted_fulfilment,
                    beta: b0 + (t.weight - t.weighted_fulfilment).max(0.0),
                    totals: t,
                    effective: e.effective_tests(),
                    tests: e.tests(),
                    honoured: e.honoured(),
                    fulfilment_sum: e.fulfilment_sum(),
                    pending,
                }
            }
            None => Reliability {
                alpha: a0,
                beta: b0,
                totals: Totals {
                    weight: 0.0,
                    weighted_fulfilment: 0.0,
                    weight_sq: 0.0,
                },
                effective: 0.0,
                tests: 0,
                honoured: 0,
                fulfilment_sum: 0.0,
                pending,
            },
        }
    }

    /// Posterior mean, `alpha / (alpha + beta)`.
    #[inline]
    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// Posterior α.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Posterior β.
    pub fn beta(&self) -> f64 {
        self.beta
    }

    /// The equal-tailed credible interval at `level` (for example 0.9),
    /// from statrs's Beta quantile function; past `α + β = 10^6` from the
    /// normal distribution with the same mean and variance (the Beta
    /// quantile function does not return for very large parameters), so
    /// this always returns, with `lower ≤ upper`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidLevel`] unless `0 < level < 1`.
    pub fn interval(&self, level: f64) -> Result<Interval, Error> {
        beta_interval(self.alpha, self.beta, level)
    }

    /// Kish's effective number of tests, `(Σ wᵢ)² / Σ wᵢ²`, with decayed weights.
    ///
    /// Decay multiplies every weight by the same factor `2^(−(τ − L)/h)`, so
    /// the ratio does not depend on the as-of date τ; it is computed from
    /// the sums kept relative to the accumulator's landmark (see
    /// [`Evidence::effective_tests`]), not from [`totals`](Self::totals),
    /// whose `Σ wᵢ²` underflows to 0 some 500 half-lives after the evidence
    /// (an as-of date of 9999-12-31 at the default 10-year half-life).
    pub fn effective_tests(&self) -> f64 {
        self.effective
    }

    /// The decayed sums behind the posterior.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Resolved tests (undecayed count).
    pub fn tests(&self) -> u64 {
        self.tests
    }

    /// Resolved tests honoured (undecayed count).
    pub fn honoured(&self) -> u64 {
        self.honoured
    }

    /// Tests whose window is still open.
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Leeds-style plain share: honoured tests / resolved tests, with no
    /// weights, decay or prior. `None` without resolved tests.
    pub fn plain_share(&self) -> Option<f64> {
        (self.tests > 0).then(|| self.honoured as f64 / self.tests as f64)
    }

    /// Mean fulfilment of resolved tests, unweighted and undecayed.
    pub fn mean_fulfilment(&self) -> Option<f64> {
        (self.tests > 0).then(|| self.fulfilment_sum / self.tests as f64)
    }
}

/// Past this much evidence (`α + β`), a credible interval is read from the
/// normal distribution with the Beta's mean and variance instead of the
/// Beta quantile function: statrs's inverse regularized incomplete beta
/// loses precision and, far beyond it (`α = β = 10^17`), never returns.
/// At `α + β = 10^6` the two agree to within 10^-5 for every split tested
/// (see the unit test); the difference shrinks as the evidence grows.
pub(crate) const NORMAL_APPROXIMATION_AT: f64 = 1e6;

/// Smallest Beta shape the credible interval's quantiles are computed
/// with: a smaller `α` or `β` (a prior that small with almost no evidence,
/// as a learned prior can give) is raised to it. The Beta is then a near
/// point mass at 0 (tiny `α`) or 1 (tiny `β`) either way: with `α = 10^-6`
/// the upper 95 % quantile is about `exp(-0.05 / 10^-6)`, which is 0 in
/// `f64`, so the interval is the same to display precision. Measured on
/// statrs 0.19: every shape at or above 10^-8 paired with any shape from
/// 10^-20 to 10^6 and levels from 10^-300 to 1 - 10^-16 returns;
/// subnormal shapes panic, and 10^-20 against 10^3 at level 1 - 10^-16
/// does not return.
pub(crate) const MIN_QUANTILE_SHAPE: f64 = 1e-6;

pub(crate) fn beta_interval(a: f64, b: f64, level: f64) -> Result<Interval, Error> {
    if !(level > 0.0 && level < 1.0) {
        return Err(Error::InvalidLevel(level));
    }
    let tail = (1.0 - level) / 2.0;
    // a, b > 0 and finite by construction (prior > 0, sums finite and ≥ 0).
    let out_of_range = || Error::OutOfRange {
        quantity: "Beta parameters",
        range: "(0, +inf)",
        value: if a > 0.0 && a.is_finite() { b } else { a },
    };
    if a + b >= NORMAL_APPROXIMATION_AT {
        if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
            return Err(out_of_range());
        }
        let n = a + b; // may overflow to +inf: the mean is computed without it
        let mean = if a >= b {
            1.0 / (1.0 + b / a)
        } else {
            (a / b) / (1.0 + a / b)
        };
        // Var = αβ / ((α + β)² (α + β + 1)), written to avoid overflow.
        let sd = ((mean * (b / n)) / (n + 1.0)).sqrt();
        if sd.is_nan() || sd <= 0.0 {
            // So much evidence that the spread underflows: a point.
            return Ok(Interval {
                lower: mean,
                upper: mean,
                level,
            });
        }
        let normal = Normal::new(mean, sd).map_err(|_| out_of_range())?;
        return Ok(Interval {
            lower: normal.inverse_cdf(tail).clamp(0.0, 1.0),
            upper: normal.inverse_cdf(1.0 - tail).clamp(0.0, 1.0),
            level,
        });
    }
    // statrs's inverse panics on subnormal shapes and does not return for
    // shapes near 1e-20 against large ones at extreme levels (found by the
    // `structured` fuzz target, issue 11); see `MIN_QUANTILE_SHAPE`.
    let (a, b) = (a.max(MIN_QUANTILE_SHAPE), b.max(MIN_QUANTILE_SHAPE));
    let dist = Beta::new(a, b).map_err(|_| out_of_range())?;
    let lower = dist.inverse_cdf(tail).clamp(0.0, 1.0);
    let upper = dist.inverse_cdf(1.0 - tail).clamp(0.0, 1.0);
    // For a narrow level and small shapes statrs's two quantiles can come
    // back crossed (lower 2.90e-8 > upper 2.56e-8 at level 0.0039, found
    // by the `structured` fuzz target): both are then within its precision
    // of the median, and the interval is returned ordered.
    Ok(Interval {
        lower: lower.min(upper),
        upper: lower.max(upper),
        level,
    })
}

/// The mergeable scoring state: evidence per guarantor, per directed dyad
/// and per bloc, plus pending counts.
///
/// Fold [`Outcome`]s into it in any grouping and merge: the result equals
/// one fold of all outcomes (within 1e-12 relative), whatever the order.
#[derive(Clone, Debug)]
pub struct Scoreboard {
    rate: f64,
    guarantors: FastMap<u32, Evidence>,
    dyads: FastMap<u64, Evidence>,
    blocs: FastMap<u32, Evidence>,
    pending_guarantor: FastMap<u32, u64>,
    pending_dyad: FastMap<u64, u64>,
    kinds: KindBoard,
}

impl Scoreboard {
    /// An empty scoreboard for `config`'s half-life.
    pub fn new(config: &Config) -> Scoreboard {
        Scoreboard {
            rate: config.rate(),
            guarantors: FastMap::default(),
            dyads: FastMap::default(),
            blocs: FastMap::default(),
            pending_guarantor: FastMap::default(),
            pending_dyad: FastMap::default(),
            kinds: KindBoard::new(config),
        }
    }

    /// Folds one outcome in.
    #[inline]
    pub fn add(&mut self, o: &Outcome) {
        let d = pair(o.guarantor, o.beneficiary);
        if o.status == Status::Pending {
            *self.pending_guarantor.entry(o.guarantor).or_default() += 1;
            *self.pending_dyad.entry(d).or_default() += 1;
            return;
        }
        self.kinds.add(o);
        let honoured = o.status == Status::Honoured;
        let rate = self.rate;
        let new = || Evidence::with_rate(rate);
        self.guarantors.entry(o.guarantor).or_insert_with(new).push(
            o.start,
            o.severity,
            o.fulfilment,
            honoured,
        );
        self.dyads
            .entry(d)
            .or_insert_with(new)
            .push(o.start, o.severity, o.fulfilment, honoured);
        if let Some(b) = o.bloc {
            self.blocs.entry(b).or_insert_with(new).push(
                o.start,
                o.severity,
                o.fulfilment,
                honoured,
            );
        }
    }

    /// Merges `other` into `self`.
    ///
    /// # Errors
    ///
    /// [`Error::IncompatibleMerge`] if the half-lives differ. Merge only
    /// scoreboards built from the same configuration: the learned prior's
    /// sums are kept only under [`PriorModel::ByKind`](crate::PriorModel::ByKind).
    pub fn merge(&mut self, other: &Scoreboard) -> Result<(), Error> {
        if self.rate != other.rate {
            let hl = |r: f64| if r == 0.0 { None } else { Some(1.0 / r) };
            return Err(Error::IncompatibleMerge {
                left: hl(self.rate),
                right: hl(other.rate),
            });
        }
        fn merge_map<K: Copy + Eq + std::hash::Hash>(
            a: &mut FastMap<K, Evidence>,
            b: &FastMap<K, Evidence>,
        ) {
            use std::collections::hash_map::Entry;
            // Room for every key of `b` up front: at most one rehash, done
            // while `a` is smallest; one hash and probe per key.
            a.reserve(b.len());
            for (k, e) in b {
                match a.entry(*k) {
                    Entry::Occupied(mut x) => x.get_mut().merge_unchecked(e),
                    Entry::Vacant(x) => {
                        x.insert(e.clone());
                    }
                }
            }
        }
        merge_map(&mut self.guarantors, &other.guarantors);
        merge_map(&mut self.dyads, &other.dyads);
        merge_map(&mut self.blocs, &other.blocs);
        self.kinds.merge(&other.kinds);
        for (k, n) in &other.pending_guarantor {
            *self.pending_guarantor.entry(*k).or_default() += n;
        }
        for (k, n) in &other.pending_dyad {
            *self.pending_dyad.entry(*k).or_default() += n;
        }
        Ok(())
    }

    /// Number of keys (guarantors, dyads, blocs and, under
    /// [`PriorModel::ByKind`](crate::PriorModel::ByKind), guarantor × kind
    /// pairs) held.
    pub fn len(&self) -> usize {
        self.guarantors.len() + self.dyads.len() + self.blocs.len() + self.kinds.len()
    }

    /// The per-kind state of the learned prior.
    pub(crate) fn kinds(&self) -> &KindBoard {
        &self.kinds
    }

    /// Whether nothing has been folded in.
    pub fn is_empty(&self) -> bool {
        self.len() == 0 && self.pending_guarantor.is_empty()
    }

    /// The evidence about `guarantor`.
    pub fn guarantor(&self, guarantor: ActorKey) -> Option<&Evidence> {
        self.guarantors.get(&guarantor.0)
    }

    /// The evidence about `guarantor` toward `beneficiary`.
    pub fn dyad(&self, guarantor: ActorKey, beneficiary: ActorKey) -> Option<&Evidence> {
        self.dyads.get(&pair(guarantor.0, beneficiary.0))
    }

    /// The evidence about `bloc`'s members toward each other.
    pub fn bloc(&self, bloc: ActorKey) -> Option<&Evidence> {
        self.blocs.get(&bloc.0)
    }

    /// Guarantors with at least one resolved test.
    pub fn guarantors(&self) -> impl Iterator<Item = ActorKey> + '_ {
        self.guarantors.keys().map(|&k| ActorKey(k))
    }
}

/// A bloc's reputation from its evidence: the fixed prior of `config`
/// updated by the members' decayed record toward fellow members (one
/// formula for [`Assessment::bloc`] and the one-pass panel sweep).
pub(crate) fn bloc_reliability(
    config: &Config,
    evidence: Option<&Evidence>,
    tau: Day,
    pending: u64,
) -> Reliability {
    let p = config.get_prior();
    Reliability::from_evidence(evidence, tau, p.alpha(), p.beta(), pending)
}

/// A dyad's pooled record and the guarantor's record with everyone else,
/// `(record, others)`, as of `tau` (one formula for
/// [`Assessment::abandonment`] and the one-pass panel sweep).
pub(crate) fn pooled_record(
    config: &Config,
    board: &Scoreboard,
    tau: Day,
    guarantor: ActorKey,
    client: ActorKey,
    pending: u64,
) -> (Reliability, Reliability) {
    let p = config.get_prior();
    let kappa = config.get_pooling();
    let all = board.guarantors.get(&guarantor.0);
    let own = board.dyads.get(&pair(guarantor.0, client.0));
    let others_ev = match (all, own) {
        (Some(a), Some(o)) => Some(a.without(o)),
        (Some(a), None) => Some(a.clone()),
        _ => None,
    };
    let others = Reliability::from_evidence(others_ev.as_ref(), tau, p.alpha(), p.beta(), 0);
    let m = others.mean();
    let record = Reliability::from_evidence(
        own,
        tau,
        p.alpha() + kappa * m,
        p.beta() + kappa * (1.0 - m),
        pending,
    );
    (record, others)
}

/// How much a client was left alone by a guarantor, and how likely that is
/// next time.
///
/// The dyad's own record is partially pooled toward the guarantor's record
/// with everyone else: its prior is
/// `Beta(α₀ + κ·m, β₀ + κ·(1 − m))`, where `m` is the guarantor's posterior
/// mean over its tests toward *other* beneficiaries and `κ` is
/// [`Config::pooling`]. A client with few tests borrows strength from how
/// the patron treated everyone else.
#[derive(Clone, Debug, PartialEq)]
pub struct Abandonment {
    record: Reliability,
    others: Reliability,
    pooling: f64,
    abandonments: Vec<usize>,
    pending: Vec<usize>,
}

impl Abandonment {
    /// Risk that the next (or a pending) test of this dyad is abandoned:
    /// the posterior mean of `1 − p`.
    pub fn risk(&self) -> f64 {
        1.0 - self.record.mean()
    }

    /// The credible interval of the risk.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidLevel`] unless `0 < level < 1`.
    pub fn risk_interval(&self, level: f64) -> Result<Interval, Error> {
        let i = self.record.interval(level)?;
        Ok(Interval {
            lower: 1.0 - i.upper,
            upper: 1.0 - i.lower,
            level,
        })
    }

    /// The dyad's pooled reliability (its α and β include the pooled prior).
    pub fn record(&self) -> &Reliability {
        &self.record
    }

    /// The guarantor's reliability toward everyone else, which the prior pools toward.
    pub fn others(&self) -> &Reliability {
        &self.others
    }

    /// The pooling strength κ used.
    pub fn pooling(&self) -> f64 {
        self.pooling
    }

    /// Past tests of this dyad that were abandoned or betrayed (test indices).
    pub fn abandonments(&self) -> &[usize] {
        &self.abandonments
    }

    /// Tests of this dyad still pending (test indices): where the risk applies now.
    pub fn pending(&self) -> &[usize] {
        &self.pending
    }
}

/// Support given versus received between two actors, decayed, as of a date.
///
/// Each non-hostile event counts `value(kind) × intensity × confidence`,
/// decayed with the configured half-life. Hostile events are not support
/// and are counted apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reciprocity {
    /// Decayed support the first actor gave the second.
    pub given: f64,
    /// Decayed support the first actor received from the second.
    pub received: f64,
    /// Support events from the first to the second (undecayed count).
    pub given_events: u64,
    /// Support events from the second to the first (undecayed count).
    pub received_events: u64,
    /// Hostile events between the two, either way.
    pub hostile_events: u64,
}

impl Reciprocity {
    /// `(given − received) / (given + received)` in [−1, 1]: +1 means the
    /// first actor only gives, −1 only receives, 0 balanced (or no support).
    pub fn balance(&self) -> f64 {
        let total = self.given + self.received;
        if total > 0.0 {
            ((self.given - self.received) / total).clamp(-1.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Every score as of one date. Get one with [`Ledger::assess`].
///
/// Nothing dated after the assessment date enters it: crises that start
/// later are ignored, events after it are ignored, and tests whose window
/// is still open are pending.
#[derive(Clone, Debug)]
pub struct Assessment<'a> {
    ledger: &'a Ledger,
    as_of: Day,
    lens: Lens,
    board: Scoreboard,
    outcomes: Vec<Outcome>,
}

impl Ledger {
    /// Scores everything as of `as_of`, through the configured
    /// [`Lens`] ([`Config::lens`], default [`Lens::Letter`]).
    pub fn assess(&self, as_of: NaiveDate) -> Assessment<'_> {
        self.assess_under(as_of, self.config().get_lens())
    }

    /// Scores everything as of `as_of` through `lens`.
    pub fn assess_under(&self, as_of: NaiveDate, lens: Lens) -> Assessment<'_> {
        let tau = day(as_of);
        let due = |t: &&u32| self.tests()[**t as usize].start <= tau;
        let outcome = |t: &u32| self.outcome_under(*t, tau, lens);
        // Each outcome reads its own test only; with `rayon` they are
        // computed on every core and collected in canonical order, so the
        // fold below sees the sequence the sequential path makes.
        // The tests due are listed first, so the parallel map is indexed and
        // writes each outcome in place (a filtered parallel collect would
        // hold its pieces and the joined vector at once).
        #[cfg(feature = "rayon")]
        let outcomes: Vec<Outcome> = {
            use rayon::prelude::*;
            let due: Vec<u32> = self.order().iter().filter(due).copied().collect();
            let mut outcomes = Vec::new();
            due.par_iter().map(outcome).collect_into_vec(&mut outcomes);
            outcomes
        };
        #[cfg(not(feature = "rayon"))]
        let outcomes: Vec<Outcome> = self.order().iter().filter(due).map(outcome).collect();
        self.assessment(tau, lens, outcomes)
    }

    /// Scores everything as of `as_of` through both lenses at once,
    /// `[letter, expectation]`: each test's events are gathered once.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let timeline = Timeline::builder()
    ///     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
    ///     .actor(Actor::new("SYR", "Syria", ActorKind::State)?)
    ///     .commitment(Commitment::new("RUS-SYR", Parties::mutual("RUS", "SYR")?,
    ///         Obligation::Consultation, Period::starting(d(1980, 10, 8)))?)
    ///     .crisis(Crisis::new("SYR-2015", "SYR", Period::new(d(2015, 9, 30), Some(d(2015, 12, 31)))?,
    ///         CrisisKind::InternalUprising)?)
    ///     .crisis(Crisis::new("SYR-2024", "SYR", Period::new(d(2024, 11, 27), Some(d(2024, 12, 8)))?,
    ///         CrisisKind::InternalUprising)?)
    ///     .event(SupportEvent::new("RUS", "SYR", d(2015, 9, 30), SupportKind::Military)?)
    ///     .event(SupportEvent::new("RUS", "SYR", d(2024, 12, 1), SupportKind::Diplomatic)?)
    ///     .build()?;
    /// let ledger = Ledger::new(timeline, Config::default().no_decay())?;
    /// let [letter, expectation] = ledger.assess_lenses(d(2025, 1, 1));
    /// let rus = ledger.timeline().key_of("RUS")?;
    /// // By the letter, diplomacy met the consultation treaty both times.
    /// assert_eq!(letter.reliability(rus).honoured(), 2);
    /// // Syria had Russian air power in 2015, so it expected it in 2024:
    /// // 0.25 of 1.0 is an abandonment.
    /// assert_eq!(expectation.reliability(rus).honoured(), 1);
    /// assert_eq!(expectation.outcomes()[1].expected(), 1.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assess_lenses(&self, as_of: NaiveDate) -> [Assessment<'_>; 2] {
        let tau = day(as_of);
        let due = |t: &&u32| self.tests()[**t as usize].start <= tau;
        let pair = |t: &u32| self.outcome_pair(*t, tau);
        // As in `assess_under`: computed on every core with `rayon`,
        // collected in canonical order.
        #[cfg(feature = "rayon")]
        let pairs: Vec<[Outcome; 2]> = {
            use rayon::prelude::*;
            let due: Vec<u32> = self.order().iter().filter(due).copied().collect();
            let mut pairs = Vec::new();
            due.par_iter().map(pair).collect_into_vec(&mut pairs);
            pairs
        };
        #[cfg(not(feature = "rayon"))]
        let pairs: Vec<[Outcome; 2]> = self.order().iter().filter(due).map(pair).collect();
        let (letter, expectation): (Vec<Outcome>, Vec<Outcome>) =
            pairs.into_iter().map(|[l, e]| (l, e)).unzip();
        [
            self.assessment(tau, Lens::Letter, letter),
            self.assessment(tau, Lens::Expectation, expectation),
        ]
    }

    fn assessment(&self, tau: Day, lens: Lens, outcomes: Vec<Outcome>) -> Assessment<'_> {
        let mut board = Scoreboard::new(self.config());
        for o in &outcomes {
            board.add(o);
        }
        Assessment {
            ledger: self,
            as_of: tau,
            lens,
            board,
            outcomes,
        }
    }

    /// Scores as of `as_of` from a scoreboard you folded yourself (for
    /// example by merging shards).
    pub fn assess_with(&self, as_of: NaiveDate, board: Scoreboard) -> Assessment<'_> {
        Assessment {
            ledger: self,
            as_of: day(as_of),
            lens: self.config().get_lens(),
            board,
            outcomes: self.outcomes(as_of),
        }
    }

    /// `guarantor`'s reliability at each of `dates`, in one pass over its
    /// tests (sorted by the day they resolve), not one assessment per date.
    /// Results are in the order of `dates`.
    pub fn reliability_series(&self, guarantor: ActorKey, dates: &[NaiveDate]) -> Vec<Reliability> {
        self.reliability_series_under(guarantor, dates, self.config().get_lens())
    }

    /// [`reliability_series`](Self::reliability_series) through `lens`.
    pub fn reliability_series_under(
        &self,
        guarantor: ActorKey,
        dates: &[NaiveDate],
        lens: Lens,
    ) -> Vec<Reliability> {
        let prior = self.config().get_prior();
        let tests = self.tests();
        // Each test with its final outcome (all its hits lie in its window).
        let mut mine: Vec<(Day, Day, Outcome)> = self
            .order()
            .iter()
            .filter(|&&t| tests[t as usize].guarantor == guarantor.0)
            .map(|&t| {
                let s = &tests[t as usize];
                (s.end, s.start, self.outcome_under(t, s.end, lens))
            })
            .collect();
        mine.sort_by_key(|&(end, start, o)| (end, start, o.test));
        let mut starts: Vec<Day> = mine.iter().map(|m| m.1).collect();
        starts.sort_unstable();
        let mut idx: Vec<usize> = (0..dates.len()).collect();
        idx.sort_by_key(|&i| dates[i]);
        let mut out =
            vec![Reliability::from_evidence(None, 0, prior.alpha(), prior.beta(), 0); dates.len()];
        let mut ev = Evidence::new(self.config());
        let (mut next, mut started) = (0, 0);
        // The learned prior needs every guarantor's tests resolved by each date.
        let mut kinds = KindBoard::new(self.config());
        let everyone = self.resolved_in_order(&kinds);
        let mut fed = 0;
        for i in idx {
            let tau = day(dates[i]);
            while fed < everyone.len() && everyone[fed].0 <= tau {
                let o = &everyone[fed].1;
                if o.guarantor == guarantor.0 {
                    kinds.add(o);
                } else {
                    kinds.add_rate(o);
                }
                fed += 1;
            }
            let (a0, b0) = match self.config().get_prior_model() {
                crate::PriorModel::ByKind(kp) => {
                    crate::score::prior::mix_prior(&kp, &kinds, guarantor.0, tau)
                }
                _ => (prior.alpha(), prior.beta()),
            };
            while next < mine.len() && mine[next].0 <= tau {
                let o = &mine[next].2;
                ev.push(
                    o.start,
                    o.severity,
                    o.fulfilment,
                    o.status == Status::Honoured,
                );
                next += 1;
            }
            while started < starts.len() && starts[started] <= tau {
                started += 1;
            }
            out[i] = Reliability::from_evidence(Some(&ev), tau, a0, b0, (started - next) as u64);
        }
        out
    }

    /// Every test's final outcome with the last day of its window, sorted
    /// by that day; empty when `kinds` does not need them (fixed prior).
    fn resolved_in_order(&self, kinds: &KindBoard) -> Vec<(Day, Outcome)> {
        if !kinds.is_active() {
            return Vec::new();
        }
        let tests = self.tests();
        let mut all: Vec<(Day, Outcome)> = self
            .order()
            .iter()
            .map(|&t| {
                (
                    tests[t as usize].end,
                    self.outcome(t, tests[t as usize].end),
                )
            })
            .collect();
        all.sort_by_key(|(end, o)| (*end, o.start, o.test));
        all
    }
}

impl<'a> Assessment<'a> {
    /// The assessment date.
    pub fn as_of(&self) -> NaiveDate {
        date(self.as_of)
    }

    /// The lens the outcomes were read through.
    pub fn lens(&self) -> Lens {
        self.lens
    }

    /// The assessment day, without a calendar conversion.
    #[inline]
    pub(crate) fn as_of_day(&self) -> Day {
        self.as_of
    }

    /// The ledger assessed.
    pub fn ledger(&self) -> &'a Ledger {
        self.ledger
    }

    /// The scoreboard behind the scores.
    pub fn scoreboard(&self) -> &Scoreboard {
        &self.board
    }

    /// Every test's outcome as of the assessment date, in canonical order.
    pub fn outcomes(&self) -> &[Outcome] {
        &self.outcomes
    }

    /// `guarantor`'s reliability toward every beneficiary, on every kind
    /// of promise: its decayed record, starting from the prior of
    /// [`Config::prior_model`] (by default the rate its own mix of tested
    /// obligation kinds predicts; [`prior_source`](Assessment::prior_source)
    /// says which). A constant-time lookup.
    #[inline]
    pub fn reliability(&self, guarantor: ActorKey) -> Reliability {
        let (a0, b0) = self.prior_params(guarantor);
        Reliability::from_evidence(
            self.board.guarantors.get(&guarantor.0),
            self.as_of,
            a0,
            b0,
            self.board
                .pending_guarantor
                .get(&guarantor.0)
                .copied()
                .unwrap_or(0),
        )
    }

    /// Like [`reliability`](Self::reliability), by id (text or an [`ActorId`](crate::ActorId)).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`] if the timeline has no such actor.
    pub fn reliability_of(
        &self,
        id: impl crate::IntoId<crate::ActorId>,
    ) -> Result<Reliability, Error> {
        Ok(self.reliability(self.ledger.timeline().key_of(id)?))
    }

    /// The reputation of a bloc: the reliability of its members toward
    /// fellow members, over tests of its bloc-wide commitments made while
    /// both were members.
    ///
    /// # Errors
    ///
    /// [`Error::NotABloc`] if `bloc` is not a bloc.
    pub fn bloc(&self, bloc: ActorKey) -> Result<Reliability, Error> {
        let tl = self.ledger.timeline();
        let actor = tl
            .actor(bloc)
            .ok_or_else(|| Error::UnknownActor(format!("key {}", bloc.0)))?;
        if actor.kind() != ActorKind::Bloc {
            return Err(Error::NotABloc(actor.id().to_string()));
        }
        let pending = self
            .outcomes
            .iter()
            .filter(|o| o.bloc == Some(bloc.0) && o.status == Status::Pending)
            .count() as u64;
        Ok(bloc_reliability(
            self.ledger.config(),
            self.board.blocs.get(&bloc.0),
            self.as_of,
            pending,
        ))
    }

    /// How much `client` was left alone by `guarantor`, and the risk for next time.
    pub fn abandonment(&self, guarantor: ActorKey, client: ActorKey) -> Abandonment {
        let config = self.ledger.config();
        let kappa = config.get_pooling();
        let pending_ids: Vec<usize> = self
            .outcomes
            .iter()
            .filter(|o| o.guarantor == guarantor.0 && o.beneficiary == client.0)
            .filter(|o| o.status == Status::Pending)
            .map(|o| o.test as usize)
            .collect();
        let (record, others) = pooled_record(
            config,
            &self.board,
            self.as_of,
            guarantor,
            client,
            pending_ids.len() as u64,
        );
        let abandonments = self
            .outcomes
            .iter()
            .filter(|o| o.guarantor == guarantor.0 && o.beneficiary == client.0)
            .filter(|o| matches!(o.status, Status::Abandoned | Status::Betrayed))
            .map(|o| o.test as usize)
            .collect();
        Abandonment {
            record,
            others,
            pooling: kappa,
            abandonments,
            pending: pending_ids,
        }
    }

    /// Support `a` gave `b` versus what it received from `b`.
    pub fn reciprocity(&self, a: ActorKey, b: ActorKey) -> Reciprocity {
        let config = self.ledger.config();
        let ladder = config.get_ladder();
        let rate = config.rate();
        let rows = self.ledger.timeline().rows();
        let mut r = Reciprocity {
            given: 0.0,
            received: 0.0,
            given_events: 0,
            received_events: 0,
            hostile_events: 0,
        };
        // Sum in a canonical order so the result does not depend on input order.
        let mut terms: Vec<(bool, f64)> = Vec::new();
        for (from, to) in [(a, b), (b, a)] {
            for &i in self.ledger.dyad_events(from.0, to.0) {
                let e = &rows[i as usize];
                if e.day() > self.as_of {
                    continue;
                }
                if e.kind() == SupportKind::Hostile {
                    r.hostile_events += 1;
                    continue;
                }
                let age = f64::from(self.as_of - e.day());
                let v = ladder.value(e.kind())
                    * e.intensity.get()
                    * e.confidence.get()
                    * (-age * rate).exp2();
                terms.push((from == a, v));
            }
        }
        terms.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
        for (given, v) in terms {
            if given {
                r.given += v;
                r.given_events += 1;
            } else {
                r.received += v;
                r.received_events += 1;
            }
        }
        r
    }

    /// Guarantors with at least one resolved test, most reliable first
    /// (posterior mean; ties broken by id).
    pub fn ranking(&self) -> Vec<(ActorKey, Reliability)> {
        self.ranking_by(|r| r.mean())
    }

    /// Guarantors ranked by any score of their reliability, highest first
    /// (ties broken by id). For a cautious ranking use the interval's
    /// lower bound: `ranking_by(|r| r.interval(0.9).map_or(0.0, |i| i.lower))`.
    pub fn ranking_by(&self, score: impl Fn(&Reliability) -> f64) -> Vec<(ActorKey, Reliability)> {
        let tl = self.ledger.timeline();
        let mut v: Vec<(ActorKey, Reliability)> = self
            .board
            .guarantors()
            .map(|k| (k, self.reliability(k)))
            .collect();
        v.sort_by(|(ka, ra), (kb, rb)| {
            OrderedFloat(score(rb))
                .cmp(&OrderedFloat(score(ra)))
                .then_with(|| {
                    tl.actors()[ka.index()]
                        .id()
                        .cmp(tl.actors()[kb.index()].id())
                })
        });
        v
    }
}
