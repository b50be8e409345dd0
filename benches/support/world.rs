//! A deterministic, seedable synthetic world for the end-to-end benchmarks
//! (`benches/e2e.rs`) and the whole-path example (`examples/e2e.rs`).
//!
//! It builds a [`Timeline`] through the public API and writes it with the
//! library's own writers ([`write_tables`], [`write_json_file`]), so the
//! benchmarks read exactly what a user's files would hold. Nothing is
//! committed: inputs are generated into a temporary folder before timing.
//!
//! The world, for a [`Spec`] (all draws from one xorshift64 seeded by
//! `spec.seed`):
//!
//! - `actors` actors `A0`, `A1`, ...; the last one is a bloc `BLOC` with 20
//!   members (one leaves in 1990, one leaves and rejoins).
//! - `commitments` commitments: one bloc-wide defence pact, then 40 %
//!   mutual defence pacts (half with a non-provocation clause), 60 %
//!   directed commitments of the other obligations (30 % naming one
//!   adversary as trigger, 20 % limited to external attacks); in force from
//!   a day in 1946–2020, half open-ended, the rest for 5 to 40 years.
//! - `crises` crises on a random target over 1946–2020, lasting 0 to 200
//!   days (a quarter still running), 70 % with one adversary, 10 %
//!   initiated by the target, severity in hundredths.
//! - `events` support events: 30 % on a dyad some commitment binds
//!   (guarantor to beneficiary, either way round for mutual pacts), 70 %
//!   between random actors; 20 % name an adversary, 5 % are hostile;
//!   intensity and confidence, when given (half and a quarter of the
//!   events), in hundredths, so that rows stay short (about 40 bytes, as
//!   real event tables are).
//!
//! Sizes used: [`Spec::users`] (200 actors, 5 000 commitments, 10 000
//! crises, `events` events: the world of issue 7) and
//! [`Spec::many_crises`] (2 000 actors, 50 000 commitments, 50 000 crises,
//! 100 000 events).
#![allow(dead_code)]

#[path = "xorshift.rs"]
mod xorshift;

use std::path::Path;

use alliance_reliability::format::{write_json_file, write_tables};
use alliance_reliability::{
    Actor, ActorId, ActorKind, Commitment, Confidence, Crisis, CrisisKind, CrisisKinds, Initiator,
    Intensity, Membership, Obligation, Parties, Period, Provocation, Severity, SupportEvent,
    SupportKind, Timeline,
};
use chrono::NaiveDate;
use xorshift::XorShift;

/// The size and seed of a world.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Actors, the bloc included (at least 30).
    pub actors: usize,
    /// Commitments, the bloc-wide pact included (at least 1).
    pub commitments: usize,
    /// Crises.
    pub crises: usize,
    /// Support events.
    pub events: usize,
    /// Seed of the xorshift64 generator (non-zero).
    pub seed: u64,
}

impl Spec {
    /// The world of issue 7: 200 actors, 5 000 commitments, 10 000 crises.
    pub fn users(events: usize) -> Spec {
        Spec {
            actors: 200,
            commitments: 5_000,
            crises: 10_000,
            events,
            seed: 0x5EED_2026,
        }
    }

    /// Many crises and many commitments: 2 000 actors, 50 000 of each, 100 000 events.
    pub fn many_crises() -> Spec {
        Spec {
            actors: 2_000,
            commitments: 50_000,
            crises: 50_000,
            events: 100_000,
            seed: 0x5EED_5050,
        }
    }
}

/// Days in the history (1946-01-01 to 2020-12-31).
const SPAN_DAYS: usize = 27_393;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1946, 1, 1).expect("valid date")
}

fn on(day: usize) -> NaiveDate {
    epoch() + chrono::Days::new(day as u64)
}

/// Builds the world of `spec`.
pub fn timeline(spec: Spec) -> Timeline {
    let mut rng = XorShift(spec.seed.max(1));
    let states = spec.actors.max(30) - 1;
    let ids: Vec<ActorId> = (0..states)
        .map(|i| ActorId::new(format!("A{i}")).expect("valid id"))
        .collect();
    let bloc = ActorId::new("BLOC").expect("valid id");
    let mut actors: Vec<Actor> = ids
        .iter()
        .map(|id| Actor::new(id.as_str(), format!("State {id}"), ActorKind::State))
        .collect::<Result<_, _>>()
        .expect("valid actors");
    actors.push(Actor::new("BLOC", "The bloc", ActorKind::Bloc).expect("valid bloc"));
    let mut memberships = Vec::new();
    for (k, id) in ids.iter().take(20).enumerate() {
        let period = match k {
            0 => Period::new(
                on(0),
                Some(NaiveDate::from_ymd_opt(1990, 1, 1).expect("date")),
            ),
            1 => Period::new(on(0), Some(on(10_000))),
            _ => Ok(Period::starting(on(0))),
        }
        .expect("valid period");
        memberships.push(Membership::new("BLOC", id.as_str(), period).expect("valid membership"));
    }
    memberships
        .push(Membership::new("BLOC", ids[1].as_str(), Period::starting(on(15_000))).expect("ok"));

    let mut commitments = vec![
        Commitment::new(
            "PACT-BLOC",
            Parties::Bloc(bloc.clone()),
            Obligation::Defence,
            Period::starting(on(0)),
        )
        .expect("valid pact")
        .with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack])),
    ];
    // Bound dyads (provider, recipient) for the events.
    let mut bound: Vec<(usize, usize)> = Vec::new();
    let others = [
        Obligation::Offence,
        Obligation::Neutrality,
        Obligation::NonAggression,
        Obligation::Consultation,
        Obligation::Partnership,
    ];
    for k in 1..spec.commitments {
        let a = rng.index(states);
        let b = (a + 1 + rng.index(states - 1)) % states;
        let from = rng.index(SPAN_DAYS);
        let period = if rng.percent(50) {
            Period::starting(on(from))
        } else {
            Period::new(on(from), Some(on(from + 365 * (5 + rng.index(36))))).expect("ordered")
        };
        let c = if rng.percent(40) {
            bound.push((a, b));
            bound.push((b, a));
            let c = Commitment::new(
                format!("M{k}"),
                Parties::Mutual(ids[a].clone(), ids[b].clone()),
                Obligation::Defence,
                period,
            )
            .expect("valid pact");
            if rng.percent(50) {
                c.with_provocation(Provocation::ExcludedIfBeneficiaryInitiated)
            } else {
                c
            }
        } else {
            bound.push((a, b));
            let mut c = Commitment::new(
                format!("D{k}"),
                Parties::Directed {
                    guarantor: ids[a].clone(),
                    beneficiary: ids[b].clone(),
                },
                others[rng.index(others.len())],
                period,
            )
            .expect("valid commitment");
            if rng.percent(30) {
                c = c.with_adversaries([ids[rng.index(states)].clone()]);
            }
            if rng.percent(20) {
                c = c.with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack]));
            }
            c
        };
        commitments.push(c);
    }

    let mut crises = Vec::with_capacity(spec.crises);
    for k in 0..spec.crises {
        let target = rng.index(states);
        let start = rng.index(SPAN_DAYS);
        let until = (!rng.percent(25)).then(|| on(start + rng.index(201)));
        let kind = CrisisKind::ALL[rng.index(CrisisKind::ALL.len())];
        let mut c = Crisis::new(
            format!("K{k}"),
            ids[target].as_str(),
            Period::new(on(start), until).expect("ordered"),
            kind,
        )
        .expect("valid crisis")
        .with_severity(Severity::new(rng.hundredths()).expect("in range"));
        if rng.percent(70) {
            let x = (target + 1 + rng.index(states - 1)) % states;
            c = c.with_adversaries([ids[x].clone()]);
        }
        if rng.percent(10) {
            c = c.with_initiator(Initiator::Target);
        }
        crises.push(c);
    }

    let kinds = [
        SupportKind::Verbal,
        SupportKind::Diplomatic,
        SupportKind::Economic,
        SupportKind::Materiel,
        SupportKind::Military,
    ];
    let all: Vec<ActorId> = ids.iter().cloned().chain([bloc]).collect();
    let mut events = Vec::with_capacity(spec.events);
    while events.len() < spec.events {
        let (p, r) = if rng.percent(30) && !bound.is_empty() {
            bound[rng.index(bound.len())]
        } else {
            (rng.index(all.len()), rng.index(all.len()))
        };
        if p == r {
            continue;
        }
        let hostile = rng.percent(5);
        let kind = if hostile {
            SupportKind::Hostile
        } else {
            kinds[rng.index(kinds.len())]
        };
        let mut e = SupportEvent::between(
            all[p].clone(),
            all[r].clone(),
            on(rng.index(SPAN_DAYS)),
            kind,
        )
        .expect("not silence");
        if !hostile && rng.percent(20) {
            let a = rng.index(all.len());
            if a != r {
                e = e.against(all[a].clone());
            }
        }
        if rng.percent(50) {
            e = e.with_intensity(Intensity::new(rng.hundredths()).expect("in range"));
        }
        if rng.percent(25) {
            e = e.with_confidence(Confidence::new(rng.hundredths()).expect("in range"));
        }
        events.push(e);
    }

    Timeline::builder()
        .actors(actors)
        .memberships(memberships)
        .commitments(commitments)
        .crises(crises)
        .events(events)
        .build()
        .expect("the generated world is valid")
}

/// Writes the world of `spec` as the five CSV tables into `dir` (created if
/// needed); returns their total size in bytes.
pub fn write_tables_dir(spec: Spec, dir: &Path) -> u64 {
    std::fs::create_dir_all(dir).expect("create the tables folder");
    write_tables(&timeline(spec), dir).expect("write the tables");
    ["actors", "memberships", "commitments", "crises", "events"]
        .iter()
        .map(|t| {
            std::fs::metadata(dir.join(format!("{t}.csv")))
                .expect("table written")
                .len()
        })
        .sum()
}

/// Writes the world of `spec` as one JSON document at `path`; returns its size in bytes.
pub fn write_json(spec: Spec, path: &Path) -> u64 {
    write_json_file(&timeline(spec), path).expect("write the JSON document");
    std::fs::metadata(path).expect("document written").len()
}
