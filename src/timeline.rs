//! The validated, interned collection of actors, memberships, commitments,
//! crises and support events.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::{Problem, RecordKind, RecordRef};
use crate::{
    Actor, ActorId, ActorKind, Commitment, CommitmentId, Confidence, Crisis, CrisisId, Error,
    Intensity, IntoId, Membership, Parties, SupportEvent, SupportKind,
};

/// A compact handle for an actor of one [`Timeline`], for hot loops that
/// must not hash strings. Get one with [`Timeline::key`].
///
/// A key is only meaningful for the timeline that issued it; a key out of
/// range for a timeline is rejected with an error, never a panic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorKey(pub(crate) u32);

impl ActorKey {
    /// The key's position in [`Timeline::actors`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Days since 0001-01-01 (proleptic Gregorian), the crate's internal clock.
pub(crate) type Day = i32;

pub(crate) fn day(date: NaiveDate) -> Day {
    use chrono::Datelike;
    date.num_days_from_ce()
}

pub(crate) fn date(day: Day) -> NaiveDate {
    // Every Day in this crate comes from `day(date)` or from adding a window
    // of at most MAX_WINDOW_DAYS to one, clamped below; so it maps back.
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MAX)
}

/// A support event with its actors already interned: the input of the fast
/// path [`Ledger::extend_keyed`](crate::Ledger::extend_keyed).
///
/// It has no source text; use [`SupportEvent`] when you need one.
//
// It is also the timeline's stored row, so it is kept to 32 bytes: the
// adversary is a key or [`NO_AGAINST`], and the day and the rung share one
// `i32` (`day << 3 | rung`: every `NaiveDate` is within ±2^27 days of
// 0001-01-01, so the shifted day cannot overflow).
#[derive(Clone, Copy, PartialEq)]
pub struct KeyedEvent {
    pub(crate) provider: ActorKey,
    pub(crate) recipient: ActorKey,
    /// The adversary's key, or [`NO_AGAINST`].
    pub(crate) against_raw: u32,
    /// `day << KIND_BITS | rung`, the rung's position in [`SupportKind::ALL`].
    pub(crate) day_kind: i32,
    pub(crate) intensity: Intensity,
    pub(crate) confidence: Confidence,
}

/// `KeyedEvent::against_raw` when no adversary is named. No timeline can
/// issue this key: it would need 2^32 actors.
pub(crate) const NO_AGAINST: u32 = u32::MAX;

/// Low bits of `KeyedEvent::day_kind` that hold the rung.
pub(crate) const KIND_BITS: u32 = 3;

const _: () = assert!(std::mem::size_of::<KeyedEvent>() == 32);

impl std::fmt::Debug for KeyedEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyedEvent")
            .field("provider", &self.provider)
            .field("recipient", &self.recipient)
            .field("against", &self.against_key())
            .field("day", &self.day())
            .field("kind", &self.kind())
            .field("intensity", &self.intensity)
            .field("confidence", &self.confidence)
            .finish()
    }
}

impl KeyedEvent {
    /// An event at full intensity and confidence.
    ///
    /// # Errors
    ///
    /// [`Error::SilenceEvent`] if `kind` is silence.
    pub fn new(
        provider: ActorKey,
        recipient: ActorKey,
        date: NaiveDate,
        kind: SupportKind,
    ) -> Result<KeyedEvent, Error> {
        if kind == SupportKind::Silence {
            return Err(Error::SilenceEvent);
        }
        Ok(KeyedEvent::row(
            provider,
            recipient,
            None,
            day(date),
            kind,
            Intensity::ONE,
            Confidence::ONE,
        ))
    }

    /// A row from its parts.
    #[inline]
    pub(crate) fn row(
        provider: ActorKey,
        recipient: ActorKey,
        against: Option<ActorKey>,
        day: Day,
        kind: SupportKind,
        intensity: Intensity,
        confidence: Confidence,
    ) -> KeyedEvent {
        KeyedEvent {
            provider,
            recipient,
            against_raw: against.map_or(NO_AGAINST, |a| a.0),
            day_kind: (day << KIND_BITS) | kind_code(kind),
            intensity,
            confidence,
        }
    }

    /// The day, in days since 0001-01-01.
    #[inline]
    pub(crate) fn day(&self) -> Day {
        self.day_kind >> KIND_BITS
    }

    /// The adversary, if one is named.
    #[inline]
    pub(crate) fn against_key(&self) -> Option<ActorKey> {
        (self.against_raw != NO_AGAINST).then_some(ActorKey(self.against_raw))
    }

    /// Names the adversary the support was directed against.
    ///
    /// # Errors
    ///
    /// [`Error::HostileAgainst`] for a hostile event.
    pub fn against(mut self, adversary: ActorKey) -> Result<KeyedEvent, Error> {
        if self.kind() == SupportKind::Hostile {
            return Err(Error::HostileAgainst);
        }
        self.against_raw = adversary.0;
        Ok(self)
    }

    /// Sets the intensity.
    pub fn with_intensity(mut self, intensity: Intensity) -> KeyedEvent {
        self.intensity = intensity;
        self
    }

    /// Sets the confidence.
    pub fn with_confidence(mut self, confidence: Confidence) -> KeyedEvent {
        self.confidence = confidence;
        self
    }

    /// The date.
    pub fn date(&self) -> NaiveDate {
        date(self.day())
    }

    /// The rung.
    #[inline]
    pub fn kind(&self) -> SupportKind {
        kind_of(self.day_kind)
    }
}

/// The rung of a packed `day << KIND_BITS | rung`.
#[inline]
pub(crate) fn kind_of(day_kind: i32) -> SupportKind {
    match day_kind & ((1 << KIND_BITS) - 1) {
        0 => SupportKind::Hostile,
        2 => SupportKind::Verbal,
        3 => SupportKind::Diplomatic,
        4 => SupportKind::Economic,
        5 => SupportKind::Materiel,
        6 => SupportKind::Military,
        // 1; 7 is never stored.
        _ => SupportKind::Silence,
    }
}

/// The rung's position in [`SupportKind::ALL`], as [`kind_of`] reads it.
#[inline]
fn kind_code(kind: SupportKind) -> i32 {
    match kind {
        SupportKind::Hostile => 0,
        SupportKind::Silence => 1,
        SupportKind::Verbal => 2,
        SupportKind::Diplomatic => 3,
        SupportKind::Economic => 4,
        SupportKind::Materiel => 5,
        SupportKind::Military => 6,
    }
}

/// Builds a [`Timeline`], then validates everything at once.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Actor, ActorKind, Timeline};
///
/// let err = Timeline::builder()
///     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
///     .actor(Actor::new("RUS", "Russia again", ActorKind::State)?)
///     .build()
///     .unwrap_err();
/// assert!(err.to_string().contains("duplicate id"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TimelineBuilder {
    actors: Vec<Actor>,
    memberships: Vec<Membership>,
    commitments: Vec<Commitment>,
    crises: Vec<Crisis>,
    events: Vec<SupportEvent>,
}

impl TimelineBuilder {
    /// Adds an actor.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.actors.push(actor);
        self
    }

    /// Adds a bloc membership.
    pub fn membership(mut self, membership: Membership) -> Self {
        self.memberships.push(membership);
        self
    }

    /// Adds a commitment.
    pub fn commitment(mut self, commitment: Commitment) -> Self {
        self.commitments.push(commitment);
        self
    }

    /// Adds a crisis.
    pub fn crisis(mut self, crisis: Crisis) -> Self {
        self.crises.push(crisis);
        self
    }

    /// Adds a support event.
    pub fn event(mut self, event: SupportEvent) -> Self {
        self.events.push(event);
        self
    }

    /// Adds many actors.
    pub fn actors(mut self, actors: impl IntoIterator<Item = Actor>) -> Self {
        self.actors.extend(actors);
        self
    }

    /// Adds many memberships.
    pub fn memberships(mut self, m: impl IntoIterator<Item = Membership>) -> Self {
        self.memberships.extend(m);
        self
    }

    /// Adds many commitments.
    pub fn commitments(mut self, c: impl IntoIterator<Item = Commitment>) -> Self {
        self.commitments.extend(c);
        self
    }

    /// Adds many crises.
    pub fn crises(mut self, c: impl IntoIterator<Item = Crisis>) -> Self {
        self.crises.extend(c);
        self
    }

    /// Adds many events.
    pub fn events(mut self, e: impl IntoIterator<Item = SupportEvent>) -> Self {
        self.events.extend(e);
        self
    }

    /// Validates and builds.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] with **every** problem found: duplicate
    /// ids, references to unknown actors, non-bloc actors used as blocs,
    /// actors related to themselves, and hostile required levels.
    pub fn build(self) -> Result<Timeline, Error> {
        let mut problems = Vec::new();
        let mut t = Timeline::default();
        for actor in self.actors {
            let id = actor.id().clone();
            if let Some(&first) = t.keys.get(&id) {
                problems.push(Problem::DuplicateId {
                    record: rref(RecordKind::Actor, id.as_str()),
                    first: first as usize,
                });
                continue;
            }
            t.keys.insert(id, t.actors.len() as u32);
            t.actors.push(actor);
            t.members.push(Vec::new());
        }
        for (i, m) in self.memberships.into_iter().enumerate() {
            match t.check_membership(&m, i) {
                Ok(()) => t.push_membership(m),
                Err(mut p) => problems.append(&mut p),
            }
        }
        let mut seen: HashMap<CommitmentId, usize> = HashMap::new();
        for (i, c) in self.commitments.into_iter().enumerate() {
            if let Some(&first) = seen.get(c.id()) {
                problems.push(Problem::DuplicateId {
                    record: rref(RecordKind::Commitment, c.id().as_str()),
                    first,
                });
                continue;
            }
            seen.insert(c.id().clone(), i);
            match t.check_commitment(&c) {
                Ok(()) => t.commitments.push(c),
                Err(mut p) => problems.append(&mut p),
            }
        }
        for c in self.crises {
            match t.check_crisis(&c) {
                Ok(()) => {
                    t.crisis_ids.insert(c.id().clone(), t.crises.len());
                    t.crises.push(c);
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        for (i, e) in self.events.into_iter().enumerate() {
            match t.intern_event(&e, i) {
                Ok(row) => t.push_event(row, e.source().map(Box::from)),
                Err(mut p) => problems.append(&mut p),
            }
        }
        if problems.is_empty() {
            Ok(t)
        } else {
            Err(Error::InvalidTimeline(problems))
        }
    }
}

fn rref(kind: RecordKind, id: impl Into<String>) -> RecordRef {
    RecordRef {
        kind,
        id: id.into(),
    }
}

/// A validated timeline: every reference resolves, every interval is
/// ordered, no id is duplicated.
///
/// Build one with [`Timeline::builder`]; extend it with crises and events
/// through a [`Ledger`](crate::Ledger), which keeps its tests up to date.
///
/// Internally every actor is interned to an [`ActorKey`] and events are kept
/// as compact rows, so scoring never hashes a string.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    actors: Vec<Actor>,
    keys: HashMap<ActorId, u32>,
    memberships: Vec<Membership>,
    /// For each actor that is a bloc: its members and their periods, in days.
    members: Vec<Vec<(u32, Day, Day)>>,
    commitments: Vec<Commitment>,
    crises: Vec<Crisis>,
    crisis_ids: HashMap<CrisisId, usize>,
    events: Vec<KeyedEvent>,
    /// Source texts of events that have one, by event index.
    sources: HashMap<u32, Box<str>>,
}

impl Timeline {
    /// Starts building a timeline.
    pub fn builder() -> TimelineBuilder {
        TimelineBuilder::default()
    }

    /// The interned key of an actor, if the timeline defines it.
    pub fn key(&self, id: &ActorId) -> Option<ActorKey> {
        self.keys.get(id).map(|&k| ActorKey(k))
    }

    /// The key of the actor with this id (text or an [`ActorId`]).
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`] if no actor has that id.
    pub fn key_of(&self, id: impl IntoId<ActorId>) -> Result<ActorKey, Error> {
        match id.into_id() {
            Ok(id) => self
                .key(&id)
                .ok_or_else(|| Error::UnknownActor(id.to_string())),
            Err(Error::InvalidId { value, .. }) => Err(Error::UnknownActor(value)),
            Err(e) => Err(e),
        }
    }

    /// The actor behind a key.
    pub fn actor(&self, key: ActorKey) -> Option<&Actor> {
        self.actors.get(key.index())
    }

    /// All actors, in the order they were added (the order of their keys).
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All memberships.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }

    /// All commitments.
    pub fn commitments(&self) -> &[Commitment] {
        &self.commitments
    }

    /// All crises.
    pub fn crises(&self) -> &[Crisis] {
        &self.crises
    }

    /// The crisis with this id.
    pub fn crisis(&self, id: &CrisisId) -> Option<&Crisis> {
        self.crisis_ids.get(id).map(|&i| &self.crises[i])
    }

    /// How many support events the timeline holds.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// The `i`-th support event (in the order added), rebuilt with its ids and source.
    pub fn event(&self, i: usize) -> Option<SupportEvent> {
        let row = self.events.get(i)?;
        self.rebuild_event(i, row)
    }

    /// All support events, rebuilt with their ids and sources, in the order added.
    pub fn events(&self) -> impl Iterator<Item = SupportEvent> + '_ {
        self.events
            .iter()
            .enumerate()
            .filter_map(|(i, row)| self.rebuild_event(i, row))
    }

    fn rebuild_event(&self, i: usize, row: &KeyedEvent) -> Option<SupportEvent> {
        let id = |k: ActorKey| self.actors[k.index()].id().clone();
        let mut e = SupportEvent::between(
            id(row.provider),
            id(row.recipient),
            date(row.day()),
            row.kind(),
        )
        .ok()?
        .with_intensity(row.intensity)
        .with_confidence(row.confidence);
        if let Some(a) = row.against_key() {
            e = e.against(id(a));
        }
        if let Some(s) = self.sources.get(&(i as u32)) {
            e = e.with_source(s.to_string());
        }
        Some(e)
    }

    pub(crate) fn rows(&self) -> &[KeyedEvent] {
        &self.events
    }

    pub(crate) fn source(&self, i: usize) -> Option<&str> {
        self.sources.get(&(i as u32)).map(|s| &**s)
    }

    /// Whether `member` belonged to `bloc` on `day`.
    pub(crate) fn is_member(&self, bloc: u32, member: u32, day: Day) -> bool {
        self.members[bloc as usize]
            .iter()
            .any(|&(m, from, until)| m == member && from <= day && day <= until)
    }

    /// Every membership of `bloc`: `(member, from, until)` in days, as added.
    pub(crate) fn member_periods(&self, bloc: u32) -> &[(u32, Day, Day)] {
        self.members.get(bloc as usize).map_or(&[], Vec::as_slice)
    }

    /// Members of `bloc` on `day`, sorted, without duplicates.
    pub(crate) fn members_at(&self, bloc: u32, day: Day) -> Vec<u32> {
        let mut v: Vec<u32> = self.members[bloc as usize]
            .iter()
            .filter(|&&(_, from, until)| from <= day && day <= until)
            .map(|&(m, _, _)| m)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub(crate) fn is_bloc(&self, key: u32) -> bool {
        self.actors[key as usize].kind() == ActorKind::Bloc
    }

    fn resolve(
        &self,
        record: &RecordRef,
        field: &'static str,
        id: &ActorId,
        problems: &mut Vec<Problem>,
    ) -> Option<u32> {
        let k = self.keys.get(id).copied();
        if k.is_none() {
            problems.push(Problem::UnknownActor {
                record: record.clone(),
                field,
                actor: id.to_string(),
            });
        }
        k
    }

    fn require_bloc(
        &self,
        record: &RecordRef,
        field: &'static str,
        key: Option<u32>,
        problems: &mut Vec<Problem>,
    ) {
        if let Some(k) = key
            && !self.is_bloc(k)
        {
            problems.push(Problem::NotABloc {
                record: record.clone(),
                field,
                actor: self.actors[k as usize].id().to_string(),
            });
        }
    }

    fn check_membership(&self, m: &Membership, i: usize) -> Result<(), Vec<Problem>> {
        let r = rref(RecordKind::Membership, format!("#{i}"));
        let mut p = Vec::new();
        let bloc = self.resolve(&r, "bloc", m.bloc(), &mut p);
        let member = self.resolve(&r, "member", m.member(), &mut p);
        self.require_bloc(&r, "bloc", bloc, &mut p);
        if bloc.is_some() && bloc == member {
            p.push(Problem::SelfReference {
                record: r.clone(),
                actor: m.bloc().to_string(),
            });
        }
        p.extend(crate::model::period_problems(&m.period(), &r));
        if p.is_empty() { Ok(()) } else { Err(p) }
    }

    fn push_membership(&mut self, m: Membership) {
        // Both keys resolved in check_membership.
        let bloc = self.keys[m.bloc()];
        let member = self.keys[m.member()];
        let from = day(m.period().from());
        let until = m.period().until().map_or(Day::MAX, day);
        self.members[bloc as usize].push((member, from, until));
        self.memberships.push(m);
    }

    fn check_commitment(&self, c: &Commitment) -> Result<(), Vec<Problem>> {
        let r = rref(RecordKind::Commitment, c.id().as_str());
        let mut p = Vec::new();
        match c.parties() {
            Parties::Directed {
                guarantor,
                beneficiary,
            } => {
                let g = self.resolve(&r, "guarantor", guarantor, &mut p);
                let b = self.resolve(&r, "beneficiary", beneficiary, &mut p);
                if g.is_some() && g == b {
                    p.push(Problem::SelfReference {
                        record: r.clone(),
                        actor: guarantor.to_string(),
                    });
                }
            }
            Parties::Mutual(a, b) => {
                let ka = self.resolve(&r, "parties", a, &mut p);
                let kb = self.resolve(&r, "parties", b, &mut p);
                if ka.is_some() && ka == kb {
                    p.push(Problem::SelfReference {
                        record: r.clone(),
                        actor: a.to_string(),
                    });
                }
            }
            Parties::Bloc(b) => {
                let k = self.resolve(&r, "bloc", b, &mut p);
                self.require_bloc(&r, "bloc", k, &mut p);
            }
        }
        for a in &c.triggers().adversaries {
            self.resolve(&r, "triggers.adversaries", a, &mut p);
        }
        for a in &c.triggers().excluded_adversaries {
            self.resolve(&r, "triggers.excluded_adversaries", a, &mut p);
        }
        if c.required_override() == Some(SupportKind::Hostile) {
            p.push(Problem::HostileRequirement { record: r.clone() });
        }
        p.extend(c.problem(&r));
        p.extend(crate::model::period_problems(&c.period(), &r));
        if p.is_empty() { Ok(()) } else { Err(p) }
    }

    pub(crate) fn check_crisis(&self, c: &Crisis) -> Result<(), Vec<Problem>> {
        let r = rref(RecordKind::Crisis, c.id().as_str());
        let mut p = Vec::new();
        if self.crisis_ids.contains_key(c.id()) {
            p.push(Problem::DuplicateId {
                record: r.clone(),
                first: self.crisis_ids[c.id()],
            });
        }
        self.resolve(&r, "target", c.target(), &mut p);
        p.extend(c.problem(&r));
        p.extend(crate::model::period_problems(&c.period(), &r));
        for a in c.adversaries() {
            self.resolve(&r, "adversaries", a, &mut p);
            if a == c.target() {
                p.push(Problem::SelfReference {
                    record: r.clone(),
                    actor: a.to_string(),
                });
            }
        }
        if p.is_empty() { Ok(()) } else { Err(p) }
    }

    pub(crate) fn push_crisis(&mut self, c: Crisis) {
        self.crisis_ids.insert(c.id().clone(), self.crises.len());
        self.crises.push(c);
    }

    pub(crate) fn intern_event(
        &self,
        e: &SupportEvent,
        i: usize,
    ) -> Result<KeyedEvent, Vec<Problem>> {
        let r = rref(RecordKind::Event, format!("#{i}"));
        let mut p = e.problems(&r);
        let provider = self.resolve(&r, "provider", e.provider(), &mut p);
        let recipient = self.resolve(&r, "recipient", e.recipient(), &mut p);
        let against = e
            .against_actor()
            .map(|a| self.resolve(&r, "against", a, &mut p));
        if let (Some(pv), Some(rc)) = (provider, recipient) {
            let row = KeyedEvent::row(
                ActorKey(pv),
                ActorKey(rc),
                against.flatten().map(ActorKey),
                day(e.date()),
                e.kind(),
                e.intensity(),
                e.confidence(),
            );
            if p.is_empty() {
                return self.check_keyed(&row, i).map_err(|x| vec![x]);
            }
        }
        Err(p)
    }

    /// Whether [`check_keyed`](Self::check_keyed) accepts `row`: the
    /// branch-light test of the bulk path.
    #[inline]
    pub(crate) fn is_valid_keyed(&self, row: &KeyedEvent) -> bool {
        let n = self.actors.len();
        let (p, r, a) = (row.provider.0, row.recipient.0, row.against_raw);
        // `a + 1 ≤ n` (wrapping): a known key, or NO_AGAINST (u32::MAX,
        // never a key); then `a ≠ r` rejects only a real adversary.
        ((p as usize) < n)
            & ((r as usize) < n)
            & (p != r)
            & (a.wrapping_add(1) as usize <= n)
            & (a != r)
    }

    /// Checks a keyed event's keys and self-references.
    pub(crate) fn check_keyed(&self, row: &KeyedEvent, i: usize) -> Result<KeyedEvent, Problem> {
        let n = self.actors.len();
        let r = || rref(RecordKind::Event, format!("#{i}"));
        for (field, k) in [
            ("provider", Some(row.provider)),
            ("recipient", Some(row.recipient)),
            ("against", row.against_key()),
        ] {
            if let Some(k) = k
                && k.index() >= n
            {
                return Err(Problem::UnknownActor {
                    record: r(),
                    field,
                    actor: format!("key {}", k.0),
                });
            }
        }
        if row.provider == row.recipient || row.against_key() == Some(row.recipient) {
            return Err(Problem::SelfReference {
                record: r(),
                actor: self.actors[row.recipient.index()].id().to_string(),
            });
        }
        Ok(*row)
    }

    pub(crate) fn reserve_events(&mut self, n: usize) {
        self.events.reserve(n);
    }

    /// Appends rows that [`is_valid_keyed`](Self::is_valid_keyed) accepted, with no source.
    #[inline]
    pub(crate) fn extend_events(&mut self, rows: &[KeyedEvent]) {
        self.events.extend_from_slice(rows);
    }

    /// Appends `n` copies of `fill` and returns them, to be overwritten in
    /// place: the `arrow` feature's Parquet reader decodes row groups on
    /// every core straight into them, then checks every row with
    /// [`is_valid_keyed`](Self::is_valid_keyed).
    #[cfg(feature = "arrow")]
    pub(crate) fn grow_events(&mut self, n: usize, fill: KeyedEvent) -> &mut [KeyedEvent] {
        let start = self.events.len();
        self.events.resize(start + n, fill);
        &mut self.events[start..]
    }

    /// Sets the source text of event `i` (rows filled by [`grow_events`](Self::grow_events)).
    #[cfg(feature = "arrow")]
    pub(crate) fn set_source(&mut self, i: usize, source: Box<str>) {
        self.sources.insert(i as u32, source);
    }

    #[inline]
    pub(crate) fn push_event(&mut self, row: KeyedEvent, source: Option<Box<str>>) {
        if let Some(s) = source {
            self.sources.insert(self.events.len() as u32, s);
        }
        self.events.push(row);
    }
}
