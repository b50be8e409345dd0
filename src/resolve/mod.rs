//! Test resolution: each crisis tests each commitment it invokes.

mod index;

use chrono::NaiveDate;

use crate::fasthash::{FastMap, pair};
use crate::timeline::{Day, KIND_BITS, KeyedEvent, NO_AGAINST, date, day, kind_of};
use crate::{
    ActorKey, ActorKind, Commitment, Config, Crisis, Error, Initiator, Invocation, Parties, Period,
    Provocation, SupportEvent, SupportKind, Timeline,
};
use index::{Index, REINDEX_AT};

/// Where a test stands as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// The response window is still open: not yet evidence.
    Pending,
    /// Fulfilment reached the abandonment threshold.
    Honoured,
    /// Fulfilment fell below the abandonment threshold (silence included).
    Abandoned,
    /// The guarantor acted against the beneficiary within the window.
    Betrayed,
}

impl Status {
    /// Lower-case name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Honoured => "honoured",
            Status::Abandoned => "abandoned",
            Status::Betrayed => "betrayed",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One test: a crisis invoked a commitment, so a guarantor owed a
/// beneficiary a response within a window.
#[derive(Clone, Debug)]
pub(crate) struct TestState {
    pub(crate) crisis: u32,
    pub(crate) commitment: u32,
    pub(crate) guarantor: u32,
    pub(crate) beneficiary: u32,
    /// The bloc, when the commitment is bloc-wide.
    pub(crate) bloc: Option<u32>,
    pub(crate) start: Day,
    /// Last day of the response window (inclusive).
    pub(crate) end: Day,
    pub(crate) required: SupportKind,
    pub(crate) severity: f64,
    /// The events that bear on this test, in arrival order.
    pub(crate) hits: Vec<Hit>,
}

/// An event that bears on a test: its index and what the outcome reads of
/// it, copied when it is matched so that an outcome reads no event row
/// (rows are scattered over the whole timeline; a test's hits are not).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    event: u32,
    /// `day << KIND_BITS | rung`, as in [`KeyedEvent`].
    day_kind: i32,
    intensity: f64,
    confidence: f64,
}

impl Hit {
    #[inline]
    fn new(event: u32, row: &KeyedEvent) -> Hit {
        Hit {
            event,
            day_kind: row.day_kind,
            intensity: row.intensity.get(),
            confidence: row.confidence.get(),
        }
    }

    #[inline]
    fn day(&self) -> Day {
        self.day_kind >> KIND_BITS
    }

    #[inline]
    fn kind(&self) -> SupportKind {
        kind_of(self.day_kind)
    }
}

/// The outcome of one test as of a date: the unit that scores fold.
///
/// Outcomes are what shards exchange: fold any partition of them into
/// [`Scoreboard`](crate::Scoreboard)s and merge, and you get the single fold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub(crate) test: u32,
    pub(crate) guarantor: u32,
    pub(crate) beneficiary: u32,
    pub(crate) bloc: Option<u32>,
    pub(crate) start: Day,
    pub(crate) severity: f64,
    pub(crate) fulfilment: f64,
    pub(crate) status: Status,
    pub(crate) response: Option<u32>,
}

impl Outcome {
    /// The test's index, as taken by [`Ledger::test_view`].
    pub fn test(&self) -> usize {
        self.test as usize
    }
    /// The guarantor.
    pub fn guarantor(&self) -> ActorKey {
        ActorKey(self.guarantor)
    }
    /// The beneficiary (the crisis target).
    pub fn beneficiary(&self) -> ActorKey {
        ActorKey(self.beneficiary)
    }
    /// The bloc, when the commitment is bloc-wide.
    pub fn bloc(&self) -> Option<ActorKey> {
        self.bloc.map(ActorKey)
    }
    /// The crisis start, which dates the test for decay.
    pub fn date(&self) -> NaiveDate {
        date(self.start)
    }
    /// The test's base weight: the crisis severity divided by the number of
    /// this guarantor's commitments the crisis invokes toward the target
    /// (one crisis is one observation of a dyad).
    pub fn severity(&self) -> f64 {
        self.severity
    }
    /// Fulfilment in [0, 1].
    pub fn fulfilment(&self) -> f64 {
        self.fulfilment
    }
    /// The status.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Index of the strongest supporting event, if any
    /// (see [`Timeline::event`](crate::Timeline::event)).
    pub fn response(&self) -> Option<usize> {
        self.response.map(|i| i as usize)
    }
}

/// A read-only view of one test, for reports and explanations.
#[derive(Clone, Debug)]
pub struct TestView<'a> {
    /// The crisis that invoked the commitment.
    pub crisis: &'a Crisis,
    /// The commitment invoked.
    pub commitment: &'a Commitment,
    /// Who owed support.
    pub guarantor: &'a crate::Actor,
    /// Who was owed it (the crisis target).
    pub beneficiary: &'a crate::Actor,
    /// The required level on the ladder.
    pub required: SupportKind,
    /// The response window.
    pub window: Period,
    /// The outcome as of the assessment date.
    pub outcome: Outcome,
    /// The strongest supporting event, if any.
    pub response: Option<SupportEvent>,
}

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
///         "RUS-SYR", Parties::Directed { guarantor: "RUS".parse()?, beneficiary: "SYR".parse()? },
///         Obligation::Defence, Period::starting(d(2015, 1, 1)))?)
///     .crisis(Crisis::new("SYR-2024", "SYR", Period::new(d(2024, 11, 27), Some(d(2024, 12, 8)))?,
///         CrisisKind::InternalUprising)?)
///     .build()?;
/// let mut ledger = Ledger::new(timeline, Config::default().no_decay());
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
    /// Dense copy of `direct` and `against` for the hot path; rebuilt when
    /// tests are added (see [`Index`]).
    index: Index,
}

impl Ledger {
    /// Resolves every test of `timeline` under `config` and matches every event to them.
    pub fn new(timeline: Timeline, config: Config) -> Ledger {
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
            index: Index::default(),
        };
        for c in 0..ledger.timeline.crises().len() {
            ledger.open_tests(c as u32);
        }
        ledger.sort_order();
        ledger.mark_blocs();
        ledger.reindex();
        let n = ledger.timeline.rows().len();
        for i in 0..n {
            let row = ledger.timeline.rows()[i];
            ledger.match_event(i as u32, &row);
        }
        ledger
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
    /// [`Error::Rejected`] if it names an unknown actor or relates an actor
    /// to itself. The ledger is unchanged then.
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
    /// [`Error::Rejected`] for an unknown actor or a duplicate id. The
    /// ledger is unchanged then.
    pub fn add_crisis(&mut self, crisis: Crisis) -> Result<(), Error> {
        self.timeline
            .check_crisis(&crisis)
            .map_err(|mut p| Error::Rejected(p.swap_remove(0)))?;
        let c = self.timeline.crises().len() as u32;
        self.timeline.push_crisis(crisis);
        let first = self.tests.len();
        self.open_tests(c);
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

    fn sort_order(&mut self) {
        let tl = &self.timeline;
        let tests = &self.tests;
        let mut order: Vec<u32> = (0..tests.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&tests[a as usize], &tests[b as usize]);
            let key = |t: &TestState| {
                (
                    t.start,
                    tl.crises()[t.crisis as usize].id(),
                    tl.commitments()[t.commitment as usize].id(),
                    tl.actors()[t.guarantor as usize].id(),
                )
            };
            key(x).cmp(&key(y))
        });
        self.order = order;
    }

    /// Creates the tests crisis `c` makes, and indexes them.
    fn open_tests(&mut self, c: u32) {
        let tl = &self.timeline;
        let crisis = &tl.crises()[c as usize];
        let start = day(crisis.start());
        // Keys resolved during validation.
        let Some(target) = tl.key(crisis.target()) else {
            return;
        };
        let target = target.0;
        let window_end = start.saturating_add(self.config.window() as Day);
        let end = crisis
            .period()
            .until()
            .map_or(window_end, |u| day(u).min(window_end));
        let adversaries: Vec<u32> = crisis
            .adversaries()
            .iter()
            .filter_map(|a| tl.key(a).map(|k| k.0))
            .collect();
        let mut new = Vec::new();
        for (ci, commitment) in tl.commitments().iter().enumerate() {
            let conditional = self.config.get_invocation() == Invocation::Conditional;
            if !commitment.period().contains(crisis.start())
                || (conditional && !triggered(commitment, crisis))
            {
                continue;
            }
            let mut guarantors = Vec::new();
            let mut bloc = None;
            match commitment.parties() {
                Parties::Directed {
                    guarantor,
                    beneficiary,
                } => {
                    if beneficiary == crisis.target()
                        && let Some(g) = tl.key(guarantor)
                    {
                        guarantors.push(g.0);
                    }
                }
                Parties::Mutual(a, b) => {
                    if a == crisis.target() {
                        guarantors.extend(tl.key(b).map(|k| k.0));
                    } else if b == crisis.target() {
                        guarantors.extend(tl.key(a).map(|k| k.0));
                    }
                }
                Parties::Bloc(b) => {
                    if let Some(b) = tl.key(b).map(|k| k.0)
                        && tl.is_member(b, target, start)
                    {
                        bloc = Some(b);
                        guarantors
                            .extend(tl.members_at(b, start).into_iter().filter(|&m| m != target));
                    }
                }
            }
            let required = self.config.required(commitment);
            for g in guarantors {
                new.push(TestState {
                    crisis: c,
                    commitment: ci as u32,
                    guarantor: g,
                    beneficiary: target,
                    bloc,
                    start,
                    end,
                    required,
                    severity: crisis.severity().get(),
                    hits: Vec::new(),
                });
            }
        }
        // One crisis is one observation of a dyad: when it invokes k of a
        // guarantor's commitments toward the target, each test weighs 1/k.
        let mut per_guarantor: FastMap<u32, u32> = FastMap::default();
        for t in &new {
            *per_guarantor.entry(t.guarantor).or_default() += 1;
        }
        for mut t in new {
            t.severity /= f64::from(per_guarantor[&t.guarantor]);
            let i = self.tests.len() as u32;
            self.direct
                .entry(pair(t.guarantor, t.beneficiary))
                .or_default()
                .push(i);
            for &a in &adversaries {
                self.against
                    .entry(pair(t.guarantor, a))
                    .or_default()
                    .push(i);
            }
            self.is_guarantor[t.guarantor as usize] = true;
            self.tests.push(t);
        }
    }

    /// A bloc's own acts count for its members: mark blocs that have a
    /// member who guarantees some test, so their events are not skipped.
    fn mark_blocs(&mut self) {
        let tl = &self.timeline;
        for m in tl.memberships() {
            if let (Some(b), Some(k)) = (tl.key(m.bloc()), tl.key(m.member()))
                && self.is_guarantor[k.index()]
                && tl.actors()[b.index()].kind() == ActorKind::Bloc
            {
                self.is_guarantor[b.index()] = true;
                self.any_bloc_guarantor = true;
            }
        }
    }

    /// Rebuilds the dense index from `direct`, `against` and the memberships.
    fn reindex(&mut self) {
        self.index = Index::build(self);
    }

    /// The hot path: records event `i` on every test it bears on.
    #[inline]
    fn match_event(&mut self, i: u32, row: &KeyedEvent) {
        if self.index.fresh(self.tests.len()) {
            let tests = &mut self.tests;
            self.index.record(i, row, &mut |t, hit| {
                if let Some(t) = tests.get_mut(t as usize) {
                    t.hits.push(hit);
                }
            });
            return;
        }
        let p = row.provider.0;
        if !self.is_guarantor[p as usize] {
            return;
        }
        if self.any_bloc_guarantor && self.timeline.is_bloc(p) {
            self.match_bloc(p, i, row);
        } else {
            self.match_from(p, i, row);
        }
    }

    /// A bloc's act: it counts for the bloc's own tests and for each member's
    /// (except the member it was directed at or against).
    fn match_bloc(&mut self, p: u32, i: u32, row: &KeyedEvent) {
        // The bloc as a guarantor in its own right (a directed or mutual
        // commitment that names it), as `bears_on` counts it.
        self.match_from(p, i, row);
        let skip = |m: u32| m == row.recipient.0 || Some(m) == row.against_key().map(|a| a.0);
        for m in self.timeline.members_at(p, row.day()) {
            if !skip(m) {
                self.match_from(m, i, row);
            }
        }
    }

    /// The hot path on the hash maps, while the dense index is stale or too big.
    fn match_from(&mut self, p: u32, i: u32, row: &KeyedEvent) {
        let d = row.day();
        let r = row.recipient.0;
        if let Some(ts) = self.direct.get(&pair(p, r)) {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                if t.start <= d && d <= t.end {
                    t.hits.push(Hit::new(i, row));
                }
            }
        }
        if let Some(a) = row.against_key()
            && let Some(ts) = self.against.get(&pair(p, a.0))
        {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                // Support for the target itself was matched above.
                if t.beneficiary != r && t.start <= d && d <= t.end {
                    t.hits.push(Hit::new(i, row));
                }
            }
        }
    }

    /// The outcome of every test whose crisis has started by `as_of`, in
    /// canonical order. Events after `as_of` are ignored; a test whose
    /// window is still open is [`Status::Pending`].
    pub fn outcomes(&self, as_of: NaiveDate) -> Vec<Outcome> {
        let tau = day(as_of);
        self.order
            .iter()
            .filter(|&&t| self.tests[t as usize].start <= tau)
            .map(|&t| self.outcome(t, tau))
            .collect()
    }

    pub(crate) fn outcome(&self, t: u32, tau: Day) -> Outcome {
        let test = &self.tests[t as usize];
        // No allocation for the common short hit lists: sort on the stack.
        const SMALL: usize = 16;
        let n = test.hits.len();
        if n == 0 {
            self.settle(t, test, tau, &mut [], &mut [])
        } else if n <= SMALL {
            let mut support = [(0.0, 0.0, 0, 0); SMALL];
            let mut hostile = [0.0; SMALL];
            let (s, h) = self.gather(test, tau, &mut support, &mut hostile);
            self.settle(t, test, tau, &mut support[..s], &mut hostile[..h])
        } else {
            let mut support = vec![(0.0, 0.0, 0, 0); n];
            let mut hostile = vec![0.0; n];
            let (s, h) = self.gather(test, tau, &mut support, &mut hostile);
            self.settle(t, test, tau, &mut support[..s], &mut hostile[..h])
        }
    }

    /// Splits a test's hits up to `tau` into support (strength, confidence,
    /// day, event) and hostile confidences; returns how many of each.
    /// Both buffers hold at least `test.hits.len()` entries.
    #[inline]
    fn gather(
        &self,
        test: &TestState,
        tau: Day,
        support: &mut [(f64, f64, Day, u32)],
        hostile: &mut [f64],
    ) -> (usize, usize) {
        let ladder = self.config.get_ladder();
        let (mut s, mut h) = (0, 0);
        for e in &test.hits {
            if e.day() > tau {
                continue;
            }
            if e.kind() == SupportKind::Hostile {
                hostile[h] = e.confidence;
                h += 1;
            } else {
                support[s] = (
                    ladder.value(e.kind()) * e.intensity,
                    e.confidence,
                    e.day(),
                    e.event,
                );
                s += 1;
            }
        }
        (s, h)
    }

    /// The outcome from a test's gathered support and hostile acts.
    fn settle(
        &self,
        t: u32,
        test: &TestState,
        tau: Day,
        support: &mut [(f64, f64, Day, u32)],
        hostile: &mut [f64],
    ) -> Outcome {
        let ladder = self.config.get_ladder();
        // Strongest first; ties by confidence, then earliest, then arrival.
        support.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        hostile.sort_unstable_by(f64::total_cmp);
        // E[max strength] when each event happened with its confidence, independently.
        let mut expected = 0.0;
        let mut none_yet = 1.0;
        for &(s, c, _, _) in &*support {
            expected += s * c * none_yet;
            none_yet *= 1.0 - c;
        }
        let loyal: f64 = hostile.iter().map(|c| 1.0 - c).product();
        let need = ladder.value(test.required);
        let delivered = if need > 0.0 {
            (expected / need).min(1.0)
        } else {
            1.0
        };
        let fulfilment = (delivered * loyal).clamp(0.0, 1.0);
        let status = if test.end > tau {
            Status::Pending
        } else if !hostile.is_empty() {
            Status::Betrayed
        } else if fulfilment >= self.config.get_abandonment_threshold() {
            Status::Honoured
        } else {
            Status::Abandoned
        };
        Outcome {
            test: t,
            guarantor: test.guarantor,
            beneficiary: test.beneficiary,
            bloc: test.bloc,
            start: test.start,
            severity: test.severity,
            fulfilment,
            status,
            response: support.first().map(|s| s.3),
        }
    }

    /// A readable view of test `t` with its outcome as of `as_of`.
    pub fn test_view(&self, t: usize, as_of: NaiveDate) -> Option<TestView<'_>> {
        let test = self.tests.get(t)?;
        let tl = &self.timeline;
        let outcome = self.outcome(t as u32, day(as_of));
        Some(TestView {
            crisis: &tl.crises()[test.crisis as usize],
            commitment: &tl.commitments()[test.commitment as usize],
            guarantor: &tl.actors()[test.guarantor as usize],
            beneficiary: &tl.actors()[test.beneficiary as usize],
            required: test.required,
            // start ≤ end by construction (window ≥ 1 day, crisis end ≥ start).
            window: Period::new(date(test.start), Some(date(test.end)))
                .unwrap_or_else(|_| Period::starting(date(test.start))),
            outcome,
            response: outcome.response.and_then(|i| tl.event(i as usize)),
        })
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

    pub(crate) fn tests(&self) -> &[TestState] {
        &self.tests
    }

    pub(crate) fn order(&self) -> &[u32] {
        &self.order
    }
}

/// Events checked and matched per chunk of [`Ledger::extend_keyed`]: small
/// enough to stay in the L1/L2 cache between the check and the match.
const CHUNK: usize = 1024;

/// Hits logged by [`Ledger::extend_keyed`] before they are handed to their
/// tests: appending to one log is sequential, while each test's list is
/// somewhere else in memory; handing them over in a batch reserves each
/// list once and does the scattered writes back to back.
const HIT_LOG: usize = 1 << 16;

/// Appends the logged hits, in order, to their tests' lists; empties `log`.
fn deliver(tests: &mut [TestState], log: &mut Vec<(u32, Hit)>) {
    if log.is_empty() {
        return;
    }
    let mut count = vec![0u32; tests.len()];
    for &(t, _) in log.iter() {
        if let Some(c) = count.get_mut(t as usize) {
            *c += 1;
        }
    }
    for (t, &c) in tests.iter_mut().zip(&count) {
        if c > 0 {
            t.hits.reserve(c as usize);
        }
    }
    for (t, hit) in log.drain(..) {
        if let Some(t) = tests.get_mut(t as usize) {
            t.hits.push(hit);
        }
    }
}

/// Whether `row` bears on `test` (same rule as the hot path, used when a
/// crisis arrives after its events).
fn bears_on(tl: &Timeline, test: &TestState, row: &KeyedEvent) -> Option<()> {
    if row.day() < test.start || row.day() > test.end {
        return None;
    }
    let p = row.provider.0;
    let by_guarantor = p == test.guarantor
        || (tl.is_bloc(p)
            && tl.is_member(p, test.guarantor, row.day())
            && row.recipient.0 != test.guarantor
            && row.against_key().map(|a| a.0) != Some(test.guarantor));
    if !by_guarantor {
        return None;
    }
    if row.recipient.0 == test.beneficiary {
        return Some(());
    }
    let a = row.against_key()?;
    let crisis = &tl.crises()[test.crisis as usize];
    let id = tl.actors()[a.index()].id();
    crisis.adversaries().contains(id).then_some(())
}

/// Whether `crisis` meets `commitment`'s trigger conditions.
pub(crate) fn triggered(commitment: &Commitment, crisis: &Crisis) -> bool {
    let tr = commitment.triggers();
    if !tr.kinds.contains(crisis.kind()) {
        return false;
    }
    if !tr.adversaries.is_empty()
        && !crisis
            .adversaries()
            .iter()
            .any(|a| tr.adversaries.contains(a))
    {
        return false;
    }
    let initiated = crisis.initiator() == Initiator::Target;
    match tr.provocation {
        Provocation::Unconditional => true,
        Provocation::ExcludedIfBeneficiaryInitiated => !initiated,
        Provocation::OnlyIfBeneficiaryInitiated => initiated,
    }
}

#[cfg(test)]
mod tests {
    //! The hot path against a reference: every test's hits found by
    //! `bears_on` over every event, and the outcome computed as the original
    //! code did (allocating, stable sorts). Scores must agree bit for bit.

    use super::*;
    use crate::{
        Actor, CrisisKind, CrisisKinds, Intensity, Membership, Obligation, Severity, Timeline,
    };

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn unit(&mut self) -> f64 {
            ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
        }
    }

    const STATES: usize = 24;

    fn d(day: usize) -> NaiveDate {
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(day as u64)
    }

    fn s(i: usize) -> String {
        format!("S{i}")
    }

    /// 24 states and two blocs: `B1` (members with overlapping and
    /// repeated periods, a bloc-wide pact) and `B2` (itself a directed
    /// guarantor). Commitments of every party type; crises with adversaries.
    fn world(rng: &mut Rng) -> Timeline {
        let mut b = Timeline::builder();
        for i in 0..STATES {
            b = b.actor(Actor::new(s(i), "s", ActorKind::State).unwrap());
        }
        b = b.actor(Actor::new("B1", "b", ActorKind::Bloc).unwrap());
        b = b.actor(Actor::new("B2", "b", ActorKind::Bloc).unwrap());
        for i in 0..8 {
            b = b.membership(
                Membership::new("B1", s(i), Period::new(d(0), Some(d(2000))).unwrap()).unwrap(),
            );
        }
        // S0 twice, overlapping: it must count once.
        b = b.membership(Membership::new("B1", s(0), Period::starting(d(500))).unwrap());
        b = b.membership(Membership::new("B2", s(20), Period::starting(d(0))).unwrap());
        b = b.commitment(
            Commitment::new(
                "B1",
                Parties::Bloc("B1".parse().unwrap()),
                Obligation::Defence,
                Period::starting(d(0)),
            )
            .unwrap(),
        );
        b = b.commitment(
            Commitment::new(
                "B2-S5",
                Parties::Directed {
                    guarantor: "B2".parse().unwrap(),
                    beneficiary: s(5).parse().unwrap(),
                },
                Obligation::Consultation,
                Period::starting(d(0)),
            )
            .unwrap(),
        );
        let obligations = Obligation::ALL;
        for k in 0..40 {
            let a = rng.below(STATES);
            let c = (a + 1 + rng.below(STATES - 1)) % STATES;
            let parties = if k % 2 == 0 {
                Parties::Mutual(s(a).parse().unwrap(), s(c).parse().unwrap())
            } else {
                Parties::Directed {
                    guarantor: s(a).parse().unwrap(),
                    beneficiary: s(c).parse().unwrap(),
                }
            };
            let mut com = Commitment::new(
                format!("C{k}"),
                parties,
                obligations[k % obligations.len()],
                Period::new(d(rng.below(600)), Some(d(1500 + rng.below(900)))).unwrap(),
            )
            .unwrap();
            if k % 5 == 0 {
                com = com.with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack]));
            }
            b = b.commitment(com);
        }
        for k in 0..150 {
            let target = rng.below(STATES);
            let start = rng.below(2300);
            let p = Period::new(d(start), Some(d(start + rng.below(120)))).unwrap();
            let kind = CrisisKind::ALL[rng.below(CrisisKind::ALL.len())];
            let mut c = Crisis::new(format!("K{k}"), s(target), p, kind)
                .unwrap()
                .with_severity(Severity::new(rng.unit()).unwrap());
            if k % 3 != 0 {
                let x = (target + 1 + rng.below(STATES - 1)) % STATES;
                let y = (target + 1 + rng.below(STATES - 1)) % STATES;
                c = c.with_adversaries([s(x).parse().unwrap(), s(y).parse().unwrap()]);
            }
            b = b.crisis(c);
        }
        b.build().unwrap()
    }

    fn events(tl: &Timeline, rng: &mut Rng, n: usize) -> Vec<KeyedEvent> {
        let all = tl.actors().len();
        let mut out = Vec::new();
        while out.len() < n {
            // Favour blocs and low keys so that tests are hit often.
            let p = if rng.below(10) == 0 {
                STATES + rng.below(2)
            } else {
                rng.below(STATES)
            };
            let r = rng.below(STATES);
            if p == r {
                continue;
            }
            let kind = [
                SupportKind::Hostile,
                SupportKind::Verbal,
                SupportKind::Diplomatic,
                SupportKind::Economic,
                SupportKind::Materiel,
                SupportKind::Military,
            ][rng.below(6)];
            let mut e = KeyedEvent::new(
                ActorKey(p as u32),
                ActorKey(r as u32),
                d(rng.below(2500)),
                kind,
            )
            .unwrap();
            if kind != SupportKind::Hostile && rng.below(3) == 0 {
                let a = rng.below(all);
                if a != r {
                    e = e.against(ActorKey(a as u32)).unwrap();
                }
            }
            if rng.below(2) == 0 {
                e = e.with_intensity(Intensity::new(rng.unit()).unwrap());
            }
            if rng.below(4) == 0 {
                // Repeated values exercise the sort's tie-breaks.
                e = e.with_confidence(crate::Confidence::new(0.5).unwrap());
            }
            out.push(e);
        }
        out
    }

    /// The outcome as the code before the index computed it.
    fn reference(ledger: &Ledger, t: usize, tau: Day) -> Outcome {
        let test = &ledger.tests[t];
        let tl = &ledger.timeline;
        let ladder = ledger.config.get_ladder();
        let mut support: Vec<(f64, f64, Day, u32)> = Vec::new();
        let mut hostile: Vec<f64> = Vec::new();
        for (i, e) in tl.rows().iter().enumerate() {
            if bears_on(tl, test, e).is_none() || e.day() > tau {
                continue;
            }
            if e.kind() == SupportKind::Hostile {
                hostile.push(e.confidence.get());
            } else {
                support.push((
                    ladder.value(e.kind()) * e.intensity.get(),
                    e.confidence.get(),
                    e.day(),
                    i as u32,
                ));
            }
        }
        support.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        hostile.sort_by(f64::total_cmp);
        let mut expected = 0.0;
        let mut none_yet = 1.0;
        for &(s, c, _, _) in &support {
            expected += s * c * none_yet;
            none_yet *= 1.0 - c;
        }
        let loyal: f64 = hostile.iter().map(|c| 1.0 - c).product();
        let need = ladder.value(test.required);
        let delivered = if need > 0.0 {
            (expected / need).min(1.0)
        } else {
            1.0
        };
        let fulfilment = (delivered * loyal).clamp(0.0, 1.0);
        let status = if test.end > tau {
            Status::Pending
        } else if !hostile.is_empty() {
            Status::Betrayed
        } else if fulfilment >= ledger.config.get_abandonment_threshold() {
            Status::Honoured
        } else {
            Status::Abandoned
        };
        Outcome {
            test: t as u32,
            guarantor: test.guarantor,
            beneficiary: test.beneficiary,
            bloc: test.bloc,
            start: test.start,
            severity: test.severity,
            fulfilment,
            status,
            response: support.first().map(|s| s.3),
        }
    }

    /// Compares every outcome at several dates, bit for bit; returns how
    /// many tests had at least one hit.
    fn assert_matches_reference(ledger: &Ledger) -> usize {
        assert!(ledger.test_count() > 100, "{}", ledger.test_count());
        for tau in [300, 1200, 2000, 9999] {
            let tau = day(d(tau));
            for t in 0..ledger.test_count() {
                let got = ledger.outcome(t as u32, tau);
                let want = reference(ledger, t, tau);
                assert_eq!(
                    got.fulfilment.to_bits(),
                    want.fulfilment.to_bits(),
                    "test {t}"
                );
                assert_eq!(got, want, "test {t}");
            }
        }
        let tau = day(d(9999));
        (0..ledger.test_count())
            .filter(|&t| reference(ledger, t, tau).response.is_some())
            .count()
    }

    fn setup(seed: u64) -> (Timeline, Vec<KeyedEvent>) {
        let mut rng = Rng(seed);
        let tl = world(&mut rng);
        let evs = events(&tl, &mut rng, 6000);
        (tl, evs)
    }

    /// One bulk call whose hits overflow the hit log (flushed mid-call)
    /// equals the same events added one at a time.
    #[test]
    fn hit_log_flush_mid_call_equals_one_at_a_time() {
        let mut rng = Rng(0xF1u64);
        let tl = world(&mut rng);
        let evs = events(&tl, &mut rng, 1_500_000);
        let mut bulk = Ledger::new(tl.clone(), Config::default());
        bulk.extend_keyed(&evs).unwrap();
        let hits: usize = bulk.tests.iter().map(|t| t.hits.len()).sum();
        assert!(
            hits > HIT_LOG,
            "only {hits} hits: the flush is not exercised"
        );
        let mut single = Ledger::new(tl, Config::default());
        for e in &evs {
            single.extend_keyed(std::slice::from_ref(e)).unwrap();
        }
        let tau = day(d(9999));
        for t in 0..bulk.test_count() {
            assert_eq!(
                bulk.outcome(t as u32, tau),
                single.outcome(t as u32, tau),
                "test {t}"
            );
        }
    }

    #[test]
    fn dense_path_matches_reference() {
        for seed in [1, 2, 3] {
            let (tl, evs) = setup(0x9E37_79B9 + seed);
            let mut ledger = Ledger::new(tl, Config::default());
            assert!(ledger.index.fresh(ledger.tests.len()));
            for chunk in evs.chunks(1000) {
                ledger.extend_keyed(chunk).unwrap();
            }
            assert!(assert_matches_reference(&ledger) > 50);
        }
    }

    #[test]
    fn sparse_path_and_new_match_reference() {
        let (tl, evs) = setup(7);
        let mut keyed = Ledger::new(tl.clone(), Config::default());
        keyed.index = Index::default();
        // 10 < REINDEX_AT: stays on the hash maps.
        keyed.extend_keyed(&evs[..10]).unwrap();
        assert!(!keyed.index.fresh(keyed.tests.len()));
        keyed.extend_keyed(&evs[10..]).unwrap();
        assert!(keyed.index.fresh(keyed.tests.len()));
        assert_matches_reference(&keyed);

        // Through `add_event`, on the hash maps throughout.
        let mut sparse = Ledger::new(tl, Config::default());
        sparse.index = Index::default();
        for e in keyed.timeline.events() {
            sparse.add_event(e).unwrap();
        }
        assert_matches_reference(&sparse);

        // Built from a timeline that already holds every event.
        let full = Ledger::new(keyed.timeline.clone(), Config::default());
        assert_eq!(full.timeline.event_count(), evs.len());
        assert_matches_reference(&full);

        // One at a time after a crisis made the index stale.
        let (tl, evs) = setup(8);
        let mut one = Ledger::new(tl, Config::default());
        one.add_crisis(
            Crisis::new(
                "late",
                "S1",
                Period::starting(d(10)),
                CrisisKind::ExternalAttack,
            )
            .unwrap(),
        )
        .unwrap();
        for e in &evs[..2000] {
            let i = one.timeline.event_count();
            let row = one.timeline.check_keyed(e, i).unwrap();
            one.timeline.push_event(row, None);
            one.match_event(i as u32, &row);
        }
        assert!(!one.index.fresh(one.tests.len()));
        assert_matches_reference(&one);
    }

    #[test]
    fn crisis_after_events_matches_events_after_crisis() {
        let (tl, evs) = setup(11);
        let mut late = Ledger::new(tl.clone(), Config::default());
        late.extend_keyed(&evs).unwrap();
        let c = Crisis::new(
            "late",
            "S5",
            Period::new(d(100), Some(d(160))).unwrap(),
            CrisisKind::ExternalAttack,
        )
        .unwrap();
        late.add_crisis(c.clone()).unwrap();
        // B2 guarantees S5 directly: its own acts count (as `bears_on` says).
        assert_matches_reference(&late);
        let mut early = Ledger::new(tl, Config::default());
        early.add_crisis(c).unwrap();
        early.extend_keyed(&evs).unwrap();
        assert_matches_reference(&early);
        let tau = d(9999);
        let a: Vec<_> = late
            .outcomes(tau)
            .iter()
            .map(|o| o.fulfilment.to_bits())
            .collect();
        let b: Vec<_> = early
            .outcomes(tau)
            .iter()
            .map(|o| o.fulfilment.to_bits())
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn extend_keyed_keeps_the_valid_prefix() {
        let (tl, mut evs) = setup(5);
        let mut ledger = Ledger::new(tl, Config::default());
        let bad = KeyedEvent::new(ActorKey(999), ActorKey(1), d(5), SupportKind::Verbal).unwrap();
        evs.insert(5000, bad);
        let err = ledger.extend_keyed(&evs).unwrap_err();
        assert!(err.to_string().contains("key 999"), "{err}");
        assert_eq!(ledger.timeline.event_count(), 5000);
        assert_matches_reference(&ledger);
    }

    #[test]
    fn keyed_rows_keep_every_day_rung_and_adversary() {
        for date in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            d(0),
            d(1) - chrono::Days::new(800_000),
        ] {
            for kind in SupportKind::ALL {
                let Ok(e) = KeyedEvent::new(ActorKey(3), ActorKey(4), date, kind) else {
                    assert_eq!(kind, SupportKind::Silence);
                    continue;
                };
                assert_eq!((e.date(), e.kind(), e.day()), (date, kind, day(date)));
                assert_eq!(e.against_key(), None);
                if kind != SupportKind::Hostile {
                    let e = e.against(ActorKey(7)).unwrap();
                    assert_eq!((e.date(), e.kind()), (date, kind));
                    assert_eq!(e.against_key(), Some(ActorKey(7)));
                }
            }
        }
        assert_eq!(std::mem::size_of::<KeyedEvent>(), 32);
    }
}
