//! Test resolution: each crisis tests each commitment it invokes.

mod compiled;
mod index;
mod invokers;
mod matching;
mod open;
mod outcome;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_open;
mod treaty;

use chrono::NaiveDate;

use crate::fasthash::{FastMap, pair};
use crate::timeline::{Day, KIND_BITS, KeyedEvent, NO_AGAINST, date, day, kind_of};
use crate::{
    ActorKey, ActorKind, Commitment, Config, Crisis, Error, Initiator, Invocation, Lens,
    Obligation, Parties, Period, Provocation, SupportEvent, SupportKind, Timeline,
};
use compiled::Compiled;
use index::{Index, REINDEX_AT};
use invokers::Invokers;

use matching::{bears_on, deliver};
pub(crate) use outcome::{Hit, TestState};
pub use outcome::{Outcome, Status, TestView};
pub use treaty::Judging;

/// The scoring engine: a [`Timeline`], a [`Config`], and every test the
/// timeline's crises make, kept up to date as events and crises arrive.
///
/// Adding events or crises one at a time gives exactly the result of
/// building the ledger from the complete timeline.
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
///     .commitment(Commitment::new(
///         "RUS-SYR", Parties::directed("RUS", "SYR")?,
///         Obligation::Defence, Period::starting(d(2015, 1, 1)))?)
///     .crisis(Crisis::new("SYR-2024", "SYR", Period::new(d(2024, 11, 27), Some(d(2024, 12, 8)))?,
///         CrisisKind::InternalUprising)?)
///     .build()?;
/// let config = Config::default().no_decay().prior_model(PriorModel::Fixed);
/// let mut ledger = Ledger::new(timeline, config)?;
/// ledger.add_event(SupportEvent::new("RUS", "SYR", d(2024, 12, 1), SupportKind::Military)?
///     .with_intensity(Intensity::new(0.2)?))?;
/// let a = ledger.assess(d(2025, 1, 1));
/// let rus = ledger.timeline().key_of("RUS")?;
/// assert_eq!(a.reliability(rus).tests(), 1);
/// // Beta(1 + 0.2, 1 + 0.8): mean 0.4.
/// assert!((a.reliability(rus).mean() - 0.4).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Ledger {
    timeline: Timeline,
    config: Config,
    tests: Vec<TestState>,
    /// Tests in canonical order (start, crisis id, commitment id, guarantor id):
    /// folding in this order makes scores independent of input order.
    order: Vec<u32>,
    /// (guarantor, beneficiary) → tests.
    direct: FastMap<u64, Vec<u32>>,
    /// (guarantor, adversary) → tests.
    against: FastMap<u64, Vec<u32>>,
    /// Whether an actor (or, for blocs, one of its members) guarantees any test.
    is_guarantor: Vec<bool>,
    any_bloc_guarantor: bool,
    /// (provider, recipient) → events, built on first use by reciprocity.
    dyad_events: std::sync::OnceLock<FastMap<u64, Vec<u32>>>,
    /// target → response windows of its crises, built on first use by the
    /// expectation lens (see `score/lens.rs`).
    crisis_windows: std::sync::OnceLock<FastMap<u32, Vec<(Day, Day)>>>,
    /// Dense copy of `direct` and `against` for the hot path; rebuilt when
    /// tests are added (see [`Index`]).
    index: Index,
    /// Commitments by the actors whose crises may invoke them (commitments
    /// and memberships never change after the timeline is built).
    invokers: Invokers,
    /// Commitments with their ids resolved to keys, for opening tests.
    compiled: Compiled,
}

impl Ledger {
    /// Resolves every test of `timeline` under `config` and matches every event to them.
    ///
    /// # Errors
    ///
    /// [`Error::TooManyTests`] if the timeline's crises would open more
    /// tests than [`Config::max_tests`] allows; the check runs as the tests
    /// are counted, before their memory is taken.
    pub fn new(timeline: Timeline, config: Config) -> Result<Ledger, Error> {
        let mut ledger = Ledger {
            is_guarantor: vec![false; timeline.actors().len()],
            timeline,
            config,
            tests: Vec::new(),
            order: Vec::new(),
            direct: FastMap::default(),
            against: FastMap::default(),
            any_bloc_guarantor: false,
            dyad_events: std::sync::OnceLock::new(),
            crisis_windows: std::sync::OnceLock::new(),
            index: Index::default(),
            invokers: Invokers::default(),
            compiled: Compiled::default(),
        };
        ledger.invokers = Invokers::build(&ledger.timeline);
        ledger.compiled = Compiled::build(&ledger.timeline);
        ledger.open_all()?;
        ledger.sort_order();
        ledger.mark_blocs();
        ledger.reindex();
        ledger.match_held_events();
        Ok(ledger)
    }

    /// Opens the tests of every crisis of the timeline, in crisis order,
    /// exactly as [`tests_of`](Self::tests_of) and
    /// [`insert_tests`](Self::insert_tests) one crisis at a time would
    /// (the same tests, order and [`Error::TooManyTests`]). Each crisis's
    /// tests depend on that crisis alone, so with the `rayon` feature a
    /// block of crises is opened on every core, then its tests are counted
    /// against the limit and inserted in crisis order. Blocks start at one
    /// crisis and grow to at most `OPEN_BLOCK` crises, but never past
    /// about `OPEN_TESTS` tests, nor past the tests the limit still
    /// admits, at the mean tests per crisis seen so far: so a timeline
    /// refused by the limit is refused after opening at most one block
    /// beyond it, as the one-crisis-at-a-time path is.
    fn open_all(&mut self) -> Result<(), Error> {
        let n = self.timeline.crises().len();
        let limit = self.config.get_max_tests();
        let (mut from, mut size) = (0, 1);
        let mut keys = [Vec::new(), Vec::new()];
        while from < n {
            let to = n.min(from + size);
            let open = |c: usize| self.open_crisis(c as u32, &self.timeline.crises()[c]);
            #[cfg(feature = "rayon")]
            let block: Vec<Result<open::Opened, u64>> = {
                use rayon::prelude::*;
                (from..to).into_par_iter().map(open).collect()
            };
            #[cfg(not(feature = "rayon"))]
            let block: Vec<Result<open::Opened, u64>> = (from..to).map(open).collect();
            let judged: usize = block.iter().flatten().map(|o| o.tests.len()).sum();
            self.tests.reserve(judged);
            for opened in block {
                let opened = open::admit(opened, self.tests.len() as u64, limit)?;
                self.insert_tests_logged(opened, &mut keys);
            }
            from = to;
            // The next block: twice this one, within the bounds above.
            let per_crisis = (self.tests.len() as u64).div_ceil(from as u64).max(1);
            let room = limit.saturating_sub(self.tests.len() as u64) / per_crisis;
            size = (2 * size)
                .min(OPEN_BLOCK)
                .min((OPEN_TESTS / per_crisis).max(1) as usize)
                .min(room.saturating_add(1).min(OPEN_BLOCK as u64) as usize);
        }
        self.index_keys(keys);
        Ok(())
    }

    /// Matches every event the timeline holds, as [`extend_keyed`](Self::extend_keyed)
    /// matches a bulk load: on a fresh dense index, chunk by chunk behind
    /// the Bloom filter, hits logged in arrival order and delivered in
    /// batches; otherwise one event at a time on the hash maps.
    ///
    /// With the `rayon` feature, shards of `SHARD` events are matched on
    /// every core, each into its own log; the logs are delivered in shard
    /// order, so each test receives its hits in arrival order, exactly as
    /// the sequential pass delivers them.
    fn match_held_events(&mut self) {
        let n = self.timeline.rows().len();
        if !self.index.fresh(self.tests.len()) {
            for i in 0..n {
                let row = self.timeline.rows()[i];
                self.match_event(i as u32, &row);
            }
            return;
        }
        #[cfg(feature = "rayon")]
        if n > SHARD {
            use rayon::prelude::*;
            let (index, tl) = (&self.index, &self.timeline);
            let logs: Vec<Vec<(u32, Hit)>> = tl
                .rows()
                .par_chunks(SHARD)
                .enumerate()
                .map(|(s, shard)| {
                    let mut log = Vec::new();
                    record_rows(index, tl, s * SHARD, shard, &mut log);
                    log
                })
                .collect();
            // Joined in shard order, delivered in batches as the
            // sequential pass does (not once per shard: each delivery
            // costs a pass over the tests).
            let mut all: Vec<(u32, Hit)> = Vec::new();
            for log in logs {
                all.extend(log);
                if all.len() >= HIT_LOG {
                    deliver(&mut self.tests, &mut all);
                }
            }
            deliver(&mut self.tests, &mut all);
            return;
        }
        let mut log: Vec<(u32, Hit)> = Vec::new();
        for (k, chunk) in self.timeline.rows().chunks(CHUNK).enumerate() {
            record_rows(&self.index, &self.timeline, k * CHUNK, chunk, &mut log);
            if log.len() >= HIT_LOG {
                deliver(&mut self.tests, &mut log);
            }
        }
        deliver(&mut self.tests, &mut log);
    }

    /// The timeline.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Number of tests (crisis × invoked commitment × guarantor).
    pub fn test_count(&self) -> usize {
        self.tests.len()
    }

    /// Adds a support event and matches it to every test it bears on.
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] if it names an unknown actor, relates an actor
    /// to itself, or kept a problem from a builder method (an invalid
    /// `against` id, an `against` actor on a hostile event). The ledger is
    /// unchanged then.
    pub fn add_event(&mut self, event: SupportEvent) -> Result<(), Error> {
        let i = self.timeline.event_count();
        let row = self
            .timeline
            .intern_event(&event, i)
            .map_err(|mut p| Error::Rejected(p.swap_remove(0)))?;
        self.dyad_events = std::sync::OnceLock::new();
        self.timeline.push_event(row, event.source().map(Box::from));
        self.match_event(i as u32, &row);
        Ok(())
    }

    /// Adds pre-interned events: the fast path, which hashes no strings.
    ///
    /// Stops at the first invalid event; the events before it are kept.
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] for a key from another timeline or an actor
    /// related to itself.
    pub fn extend_keyed(&mut self, events: &[KeyedEvent]) -> Result<(), Error> {
        self.dyad_events = std::sync::OnceLock::new();
        // A bulk load after `add_crisis` pays once for a fresh index; single
        // events use the hash maps until then.
        if !self.index.fresh(self.tests.len()) && events.len() >= REINDEX_AT {
            self.reindex();
        }
        self.timeline.reserve_events(events.len());
        // In chunks that stay in cache: check and match (one pass), then
        // append the valid prefix. The dense path logs its hits in arrival
        // order and hands them to their tests in batches (see `HIT_LOG`).
        let mut log: Vec<(u32, Hit)> = Vec::new();
        for chunk in events.chunks(CHUNK) {
            let first = self.timeline.event_count();
            let valid = if self.index.fresh(self.tests.len()) {
                let valid = self
                    .index
                    .record_chunk(first, chunk, &self.timeline, &mut log);
                if log.len() >= HIT_LOG {
                    deliver(&mut self.tests, &mut log);
                }
                valid
            } else {
                let valid = chunk
                    .iter()
                    .position(|e| !self.timeline.is_valid_keyed(e))
                    .unwrap_or(chunk.len());
                for (k, row) in chunk[..valid].iter().enumerate() {
                    self.match_event((first + k) as u32, row);
                }
                valid
            };
            self.timeline.extend_events(&chunk[..valid]);
            if let Some(bad) = chunk.get(valid) {
                deliver(&mut self.tests, &mut log);
                let i = self.timeline.event_count();
                return match self.timeline.check_keyed(bad, i) {
                    Err(p) => Err(Error::Rejected(p)),
                    // Unreachable: is_valid_keyed and check_keyed agree.
                    Ok(row) => {
                        self.timeline.push_event(row, None);
                        self.match_event(i as u32, &row);
                        Ok(())
                    }
                };
            }
        }
        deliver(&mut self.tests, &mut log);
        Ok(())
    }

    /// Adds a crisis, opens its tests and matches the events already held.
    ///
    /// Costs one pass over the events held, so add crises before bulk events
    /// when you can.
    ///
    /// # Errors
    ///
    /// [`Error::Rejected`] for an unknown actor or a duplicate id;
    /// [`Error::TooManyTests`] if its tests would take the ledger past
    /// [`Config::max_tests`]. The ledger is unchanged then.
    pub fn add_crisis(&mut self, crisis: Crisis) -> Result<(), Error> {
        self.timeline
            .check_crisis(&crisis)
            .map_err(|mut p| Error::Rejected(p.swap_remove(0)))?;
        let c = self.timeline.crises().len() as u32;
        let opened = self.tests_of(c, &crisis, self.tests.len() as u64)?;
        let first = self.tests.len();
        self.insert_tests(opened);
        self.timeline.push_crisis(crisis);
        self.crisis_windows = std::sync::OnceLock::new();
        if self.tests.len() > first {
            let rows = self.timeline.rows();
            for (i, row) in rows.iter().enumerate() {
                for t in first..self.tests.len() {
                    if let Some(()) = bears_on(&self.timeline, &self.tests[t], row) {
                        self.tests[t].hits.push(Hit::new(i as u32, row));
                    }
                }
            }
            self.sort_order();
            self.mark_blocs();
        }
        Ok(())
    }

    /// Events from `provider` to `recipient`, in arrival order.
    pub(crate) fn dyad_events(&self, provider: u32, recipient: u32) -> &[u32] {
        let map = self.dyad_events.get_or_init(|| {
            let mut m: FastMap<u64, Vec<u32>> = FastMap::default();
            for (i, e) in self.timeline.rows().iter().enumerate() {
                m.entry(pair(e.provider.0, e.recipient.0))
                    .or_default()
                    .push(i as u32);
            }
            m
        });
        map.get(&pair(provider, recipient))
            .map_or(&[], Vec::as_slice)
    }

    /// The response windows `(start, last day)` of every crisis of
    /// `target`, sorted.
    pub(crate) fn crisis_windows(&self, target: u32) -> &[(Day, Day)] {
        let map = self.crisis_windows.get_or_init(|| {
            let tl = &self.timeline;
            let mut m: FastMap<u32, Vec<(Day, Day)>> = FastMap::default();
            for c in tl.crises() {
                let Some(k) = tl.key(c.target()) else {
                    continue;
                };
                let start = day(c.start());
                let cap = start.saturating_add(self.config.window() as Day);
                let end = c.period().until().map_or(cap, |u| day(u).min(cap));
                m.entry(k.0).or_default().push((start, end));
            }
            for v in m.values_mut() {
                v.sort_unstable();
            }
            m
        });
        map.get(&target).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn tests(&self) -> &[TestState] {
        &self.tests
    }

    pub(crate) fn order(&self) -> &[u32] {
        &self.order
    }
}

/// Logs the hits of held rows `rows`, the first of which is event `first`,
/// chunk by chunk on the dense index.
fn record_rows(
    index: &Index,
    tl: &Timeline,
    first: usize,
    rows: &[KeyedEvent],
    log: &mut Vec<(u32, Hit)>,
) {
    for (k, chunk) in rows.chunks(CHUNK).enumerate() {
        // Every held row passed the timeline's checks, so `record_chunk`
        // stops at none; should one fail `is_valid_keyed`, it is still
        // matched, on its own.
        let mut done = 0;
        while done < chunk.len() {
            let at = first + k * CHUNK + done;
            done += index.record_chunk(at, &chunk[done..], tl, log);
            if let Some(row) = chunk.get(done) {
                let i = (first + k * CHUNK + done) as u32;
                index.record(i, row, &mut |t, hit| log.push((t, hit)));
                done += 1;
            }
        }
    }
}

/// Events per shard of the parallel match (`rayon` feature): a multiple
/// of [`CHUNK`], large enough that a shard's work dwarfs its scheduling.
#[cfg(feature = "rayon")]
const SHARD: usize = 64 * CHUNK;

/// Events checked and matched per chunk of [`Ledger::extend_keyed`]: small
/// enough to stay in the L1/L2 cache between the check and the match.
const CHUNK: usize = 1024;

/// Most crises opened together (on every core with `rayon`) before their
/// tests are counted and inserted: enough to keep every core busy.
const OPEN_BLOCK: usize = 4096;

/// Most tests a block of crises is expected to open (at the mean per crisis
/// seen so far): about 70 MB of tests held beside the ledger at once.
const OPEN_TESTS: u64 = 1 << 20;

/// Hits logged by [`Ledger::extend_keyed`] before they are handed to their
/// tests: appending to one log is sequential, while each test's list is
/// somewhere else in memory; handing them over in a batch reserves each
/// list once and does the scattered writes back to back.
const HIT_LOG: usize = 1 << 16;
