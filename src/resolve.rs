//! Test resolution: each crisis tests each commitment it invokes.

use chrono::NaiveDate;

use crate::fasthash::{FastMap, pair};
use crate::timeline::{Day, KeyedEvent, date, day};
use crate::{
    ActorKey, ActorKind, Commitment, Config, Crisis, Error, Initiator, Invocation, Parties, Period,
    Provocation, SupportEvent, SupportKind, Timeline,
};

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
    /// Indices of events that bear on this test, in arrival order.
    pub(crate) hits: Vec<u32>,
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
        };
        for c in 0..ledger.timeline.crises().len() {
            ledger.open_tests(c as u32);
        }
        ledger.sort_order();
        ledger.mark_blocs();
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
        self.timeline.reserve_events(events.len());
        for e in events {
            let i = self.timeline.event_count();
            let row = self.timeline.check_keyed(e, i).map_err(Error::Rejected)?;
            self.timeline.push_event(row, None);
            self.match_event(i as u32, &row);
        }
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
                        self.tests[t].hits.push(i as u32);
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

    /// The hot path: records event `i` on every test it bears on.
    #[inline]
    fn match_event(&mut self, i: u32, row: &KeyedEvent) {
        let p = row.provider.0;
        if !self.is_guarantor[p as usize] {
            return;
        }
        if self.any_bloc_guarantor && self.timeline.is_bloc(p) {
            for m in self.timeline.members_at(p, row.day) {
                if m != row.recipient.0 && Some(m) != row.against.map(|a| a.0) {
                    self.match_from(m, i, row);
                }
            }
        } else {
            self.match_from(p, i, row);
        }
    }

    #[inline]
    fn match_from(&mut self, p: u32, i: u32, row: &KeyedEvent) {
        let d = row.day;
        let r = row.recipient.0;
        if let Some(ts) = self.direct.get(&pair(p, r)) {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                if t.start <= d && d <= t.end {
                    t.hits.push(i);
                }
            }
        }
        if let Some(a) = row.against
            && let Some(ts) = self.against.get(&pair(p, a.0))
        {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                // Support for the target itself was matched above.
                if t.beneficiary != r && t.start <= d && d <= t.end {
                    t.hits.push(i);
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
        let ladder = self.config.get_ladder();
        let rows = self.timeline.rows();
        let mut support: Vec<(f64, f64, Day, u32)> = Vec::new();
        let mut hostile: Vec<f64> = Vec::new();
        for &i in &test.hits {
            let e = &rows[i as usize];
            if e.day > tau {
                continue;
            }
            if e.kind == SupportKind::Hostile {
                hostile.push(e.confidence.get());
            } else {
                support.push((
                    ladder.value(e.kind) * e.intensity.get(),
                    e.confidence.get(),
                    e.day,
                    i,
                ));
            }
        }
        // Strongest first; ties by confidence, then earliest, then arrival.
        support.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        hostile.sort_by(f64::total_cmp);
        // E[max strength] when each event happened with its confidence, independently.
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

/// Whether `row` bears on `test` (same rule as the hot path, used when a
/// crisis arrives after its events).
fn bears_on(tl: &Timeline, test: &TestState, row: &KeyedEvent) -> Option<()> {
    if row.day < test.start || row.day > test.end {
        return None;
    }
    let p = row.provider.0;
    let by_guarantor = p == test.guarantor
        || (tl.is_bloc(p)
            && tl.is_member(p, test.guarantor, row.day)
            && row.recipient.0 != test.guarantor
            && row.against.map(|a| a.0) != Some(test.guarantor));
    if !by_guarantor {
        return None;
    }
    if row.recipient.0 == test.beneficiary {
        return Some(());
    }
    let a = row.against?;
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
    !(tr.provocation == Provocation::ExcludedIfBeneficiaryInitiated
        && crisis.initiator() == Initiator::Target)
}
