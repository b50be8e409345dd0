//! Criterion benchmarks for the scoring hot path.
//!
//! Every input is generated once, outside the timed closures, by a seeded
//! xorshift generator, so runs are reproducible and comparable; every timed
//! closure checks its result (a test count or the exact bits of a sum) so
//! the work cannot be optimised away.
//!
//! Groups:
//!
//! - `fold/events/{n}`: [`Ledger::extend_keyed`] of `n` pre-parsed
//!   [`KeyedEvent`]s on a ledger that already holds 10^4 crises and about
//!   300 commitments over 201 actors, then [`Ledger::assess`].
//! - `fold/store/{ledger,vec}/{n}`: the storage share of the fold:
//!   `extend_keyed` into the world without crises (check and append, no
//!   test to match), and a plain copy of the events into a fresh `Vec`.
//! - `query/{reliability,abandonment,interval}`: single score queries on a
//!   built [`Assessment`].
//! - `merge/scoreboards/{keys}`: [`Scoreboard::merge`] of one shard into
//!   another, throughput in the merged shard's keys.
//! - `series/reliability/100`: [`Ledger::reliability_series`] at 100 dates.
//!
//! Run: `cargo bench --bench scoring -- --warm-up-time 1 --measurement-time 5`.

#[path = "support/xorshift.rs"]
#[allow(dead_code)]
mod xorshift;

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use alliance_reliability::{
    Actor, ActorKey, ActorKind, Assessment, Commitment, Confidence, Config, Crisis, CrisisKind,
    CrisisKinds, Initiator, Intensity, KeyedEvent, Ledger, Membership, Obligation, Parties, Period,
    Provocation, Scoreboard, Severity, SupportKind, Timeline,
};
use chrono::NaiveDate;
use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use xorshift::XorShift;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid bench date")
}

/// First day events and crises may fall on.
fn epoch() -> NaiveDate {
    ymd(1946, 1, 1)
}

/// Days in the generated history (1946 to the end of 2020).
const SPAN_DAYS: u64 = 27_393;

fn as_of() -> NaiveDate {
    ymd(2022, 1, 1)
}

fn at(day: u64) -> NaiveDate {
    epoch() + chrono::Days::new(day)
}

const STATES: usize = 200;
const BLOC_MEMBERS: usize = 20;
const CRISES: usize = 10_000;
const MUTUAL_PACTS: usize = 200;
const DIRECTED: usize = 99;
const MAX_EVENTS: usize = 10_000_000;

/// The fold world: 200 states and one bloc, about 300 commitments, 10^4 crises.
struct World {
    base: Ledger,
    /// Actor keys in timeline order (states, then the bloc).
    keys: Vec<ActorKey>,
    /// Directed dyads that a commitment binds, as key indices.
    pacts: Vec<(usize, usize)>,
}

fn state(i: usize) -> String {
    format!("S{i:03}")
}

fn build_world() -> World {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut b = Timeline::builder();
    for i in 0..STATES {
        b = b.actor(Actor::new(state(i), format!("State {i}"), ActorKind::State).expect("id"));
    }
    b = b.actor(Actor::new("BLOC", "The bloc", ActorKind::Bloc).expect("id"));
    for i in 0..BLOC_MEMBERS {
        let from = ymd(1949 + i as i32, 4, 4);
        // Two members leave; one rejoins (two periods for one member).
        let until = match i {
            18 => Some(ymd(1990, 1, 1)),
            19 => Some(ymd(1970, 1, 1)),
            _ => None,
        };
        let p = Period::new(from, until).expect("ordered");
        b = b.membership(Membership::new("BLOC", state(i), p).expect("id"));
    }
    b = b.membership(
        Membership::new("BLOC", state(19), Period::starting(ymd(1980, 1, 1))).expect("id"),
    );
    let mut pacts = Vec::new();
    let mut commitments = vec![
        Commitment::new(
            "BLOC-art5",
            Parties::Bloc("BLOC".parse().expect("id")),
            Obligation::Defence,
            Period::starting(ymd(1949, 4, 4)),
        )
        .expect("id")
        .with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack])),
    ];
    let pick_pair = |rng: &mut XorShift| loop {
        let a = rng.below(STATES as u64) as usize;
        let c = rng.below(STATES as u64) as usize;
        if a != c {
            return (a, c);
        }
    };
    let period = |rng: &mut XorShift| {
        let from = ymd(1946 + rng.below(45) as i32, 1 + rng.below(12) as u32, 1);
        if rng.chance(0.3) {
            let until = ymd(1992 + rng.below(28) as i32, 1, 1);
            Period::new(from, Some(until)).expect("ordered")
        } else {
            Period::starting(from)
        }
    };
    for k in 0..MUTUAL_PACTS {
        let (a, c) = pick_pair(&mut rng);
        pacts.push((a, c));
        pacts.push((c, a));
        let mut com = Commitment::new(
            format!("DEF-{k}"),
            Parties::Mutual(state(a).parse().expect("id"), state(c).parse().expect("id")),
            Obligation::Defence,
            period(&mut rng),
        )
        .expect("id");
        if rng.chance(0.5) {
            com = com.with_provocation(Provocation::ExcludedIfBeneficiaryInitiated);
        }
        commitments.push(com);
    }
    let obligations = [
        Obligation::Offence,
        Obligation::Neutrality,
        Obligation::NonAggression,
        Obligation::Consultation,
        Obligation::Partnership,
    ];
    for k in 0..DIRECTED {
        let (g, r) = pick_pair(&mut rng);
        pacts.push((g, r));
        let ob = obligations[k % obligations.len()];
        let mut com = Commitment::new(
            format!("DIR-{k}"),
            Parties::Directed {
                guarantor: state(g).parse().expect("id"),
                beneficiary: state(r).parse().expect("id"),
            },
            ob,
            period(&mut rng),
        )
        .expect("id");
        if rng.chance(0.3) {
            let adv = (0..3).map(|_| {
                state(rng.below(STATES as u64) as usize)
                    .parse()
                    .expect("id")
            });
            com = com.with_adversaries(adv.collect::<Vec<alliance_reliability::ActorId>>());
        }
        commitments.push(com);
    }
    for m in 0..BLOC_MEMBERS {
        for n in 0..BLOC_MEMBERS {
            if m != n {
                pacts.push((m, n));
            }
        }
    }
    b = b.commitments(commitments);
    let kinds = CrisisKind::ALL;
    for k in 0..CRISES {
        let target = rng.below(STATES as u64) as usize;
        let start = rng.below(SPAN_DAYS - 120);
        let len = rng.below(150);
        let p = Period::new(at(start), Some(at(start + len))).expect("ordered");
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let mut c = Crisis::new(format!("C{k:05}"), state(target), p, kind)
            .expect("id")
            .with_severity(Severity::new(rng.unit()).expect("in (0, 1]"));
        if rng.chance(0.7) {
            let adv = loop {
                let a = rng.below(STATES as u64) as usize;
                if a != target {
                    break a;
                }
            };
            c = c.with_adversaries([state(adv)]);
        }
        if rng.chance(0.1) {
            c = c.with_initiator(Initiator::Target);
        }
        b = b.crisis(c);
    }
    let timeline = b.build().expect("valid world");
    let keys = timeline
        .actors()
        .iter()
        .map(|a| timeline.key(a.id()).expect("own actor"))
        .collect();
    World {
        base: Ledger::new(timeline, Config::default()).expect("bench ledger within the test limit"),
        keys,
        pacts,
    }
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(build_world)
}

/// A deterministic stream of events: 30% on dyads a commitment binds
/// (2% of them from the bloc itself), 70% between random actors; 20% name
/// an adversary; 5% hostile.
fn build_events(w: &World, n: usize) -> Vec<KeyedEvent> {
    let mut rng = XorShift(0xD1B5_4A32_D192_ED03);
    let bloc = w.keys[STATES];
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (p, r) = if rng.chance(0.3) {
            let (g, b) = w.pacts[rng.below(w.pacts.len() as u64) as usize];
            if g < BLOC_MEMBERS && rng.chance(0.02) {
                (bloc, w.keys[b])
            } else {
                (w.keys[g], w.keys[b])
            }
        } else {
            let p = rng.below(w.keys.len() as u64) as usize;
            let r = rng.below(STATES as u64) as usize;
            (w.keys[p], w.keys[r])
        };
        if p == r {
            continue;
        }
        let day = at(rng.below(SPAN_DAYS));
        let x = rng.unit();
        let kind = if x <= 0.05 {
            SupportKind::Hostile
        } else if x <= 0.45 {
            SupportKind::Verbal
        } else if x <= 0.70 {
            SupportKind::Diplomatic
        } else if x <= 0.85 {
            SupportKind::Economic
        } else if x <= 0.95 {
            SupportKind::Materiel
        } else {
            SupportKind::Military
        };
        let mut e = KeyedEvent::new(p, r, day, kind).expect("not silence");
        if kind != SupportKind::Hostile && rng.chance(0.2) {
            let a = w.keys[rng.below(STATES as u64) as usize];
            if a != r {
                e = e.against(a).expect("not hostile");
            }
        }
        if rng.chance(0.5) {
            e = e.with_intensity(Intensity::new(rng.unit()).expect("in (0, 1]"));
        }
        if rng.chance(0.3) {
            e = e.with_confidence(Confidence::new(rng.unit()).expect("in (0, 1]"));
        }
        out.push(e);
    }
    out
}

fn events() -> &'static [KeyedEvent] {
    static E: OnceLock<Vec<KeyedEvent>> = OnceLock::new();
    E.get_or_init(|| build_events(world(), MAX_EVENTS))
}

/// The exact bits of the sum of fulfilments, in canonical order: the check
/// that a fold did all its work and got the same answer.
fn fingerprint(a: &Assessment<'_>) -> (usize, u64) {
    let s: f64 = a.outcomes().iter().map(|o| o.fulfilment()).sum();
    (a.outcomes().len(), s.to_bits())
}

fn fold(c: &mut Criterion) {
    let w = world();
    let all = events();
    let mut g = c.benchmark_group("fold/events");
    for n in [1_000usize, 10_000, 100_000, 1_000_000, 10_000_000] {
        let evs = &all[..n];
        let expected = {
            let mut l = w.base.clone();
            l.extend_keyed(evs).expect("valid events");
            let fp = fingerprint(&l.assess(as_of()));
            eprintln!(
                "fold/events/{n}: {} outcomes, fulfilment-sum bits {:#018x}",
                fp.0, fp.1
            );
            fp
        };
        g.throughput(Throughput::Elements(n as u64));
        if n >= 1_000_000 {
            g.sampling_mode(SamplingMode::Flat);
            g.sample_size(10);
            g.measurement_time(Duration::from_secs(if n >= 10_000_000 { 20 } else { 10 }));
        }
        g.bench_with_input(BenchmarkId::from_parameter(n), evs, |b, evs| {
            b.iter_batched(
                || w.base.clone(),
                |mut ledger| {
                    ledger.extend_keyed(evs).expect("valid events");
                    assert_eq!(fingerprint(&ledger.assess(as_of())), expected);
                    ledger
                },
                BatchSize::PerIteration,
            );
        });
    }
    g.finish();
}

/// The storage share of the fold: `extend_keyed` into a ledger with the
/// world's actors, memberships and commitments but no crises (so no
/// tests: every event is checked and appended, none is matched), and a
/// plain `Vec::extend_from_slice` of the events into a fresh vector (the
/// cost of writing the rows to memory not touched before).
fn store(c: &mut Criterion) {
    let base = {
        let t = world().base.timeline();
        let timeline = Timeline::builder()
            .actors(t.actors().iter().cloned())
            .memberships(t.memberships().iter().cloned())
            .commitments(t.commitments().iter().cloned())
            .build()
            .expect("valid world");
        Ledger::new(timeline, Config::default()).expect("bench ledger within the test limit")
    };
    let all = events();
    let mut g = c.benchmark_group("fold/store");
    for n in [1_000_000usize, 10_000_000] {
        let evs = &all[..n];
        g.throughput(Throughput::Elements(n as u64));
        g.sampling_mode(SamplingMode::Flat);
        g.sample_size(10);
        g.measurement_time(Duration::from_secs(if n >= 10_000_000 { 20 } else { 10 }));
        g.bench_with_input(BenchmarkId::new("ledger", n), evs, |b, evs| {
            b.iter_batched(
                || base.clone(),
                |mut ledger| {
                    ledger.extend_keyed(evs).expect("valid events");
                    assert_eq!(ledger.timeline().event_count(), n);
                    ledger
                },
                BatchSize::PerIteration,
            );
        });
        g.bench_with_input(BenchmarkId::new("vec", n), evs, |b, evs| {
            b.iter_batched(
                || (),
                |()| {
                    let mut v: Vec<KeyedEvent> = Vec::with_capacity(evs.len());
                    v.extend_from_slice(black_box(evs));
                    assert_eq!(v.len(), n);
                    v
                },
                BatchSize::PerIteration,
            );
        });
    }
    g.finish();
}

/// The world's ledger with 10^6 events, for queries and series.
fn scored() -> &'static Ledger {
    static L: OnceLock<Ledger> = OnceLock::new();
    L.get_or_init(|| {
        let mut l = world().base.clone();
        l.extend_keyed(&events()[..1_000_000])
            .expect("valid events");
        l
    })
}

fn query(c: &mut Criterion) {
    let w = world();
    let ledger = scored();
    let a = ledger.assess(as_of());
    let guarantors: Vec<ActorKey> = a.scoreboard().guarantors().collect();
    let tests: u64 = guarantors.iter().map(|&k| a.reliability(k).tests()).sum();
    let mut g = c.benchmark_group("query");
    // One query per guarantor per iteration: time per query = time / count.
    g.throughput(Throughput::Elements(guarantors.len() as u64));
    g.bench_function("reliability", |b| {
        b.iter(|| {
            let mut sum = 0;
            for &k in black_box(&guarantors) {
                sum += black_box(a.reliability(k)).tests();
            }
            assert_eq!(sum, tests);
        });
    });
    g.throughput(Throughput::Elements(1));
    let (p, r) = w.pacts[0];
    let (p, r) = (w.keys[p], w.keys[r]);
    let n = a.abandonment(p, r).abandonments().len();
    g.bench_function("abandonment", |b| {
        b.iter(|| {
            assert_eq!(
                black_box(a.abandonment(black_box(p), r))
                    .abandonments()
                    .len(),
                n
            )
        });
    });
    let rel = a.reliability(guarantors[0]);
    g.bench_function("interval", |b| {
        b.iter(|| {
            let i = black_box(rel).interval(0.9).expect("valid level");
            assert!(i.lower <= i.upper);
        });
    });
    g.finish();
}

/// A ledger with many dyads, for merge: 5000 states, 12,500 mutual pacts,
/// two crises per state.
fn merge_ledger() -> Ledger {
    const N: usize = 5_000;
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let id = |i: usize| format!("M{i:04}");
    let mut b = Timeline::builder();
    for i in 0..N {
        b = b.actor(Actor::new(id(i), "m", ActorKind::State).expect("id"));
    }
    for k in 0..(N * 5 / 2) {
        let (x, y) = loop {
            let x = rng.below(N as u64) as usize;
            let y = rng.below(N as u64) as usize;
            if x != y {
                break (x, y);
            }
        };
        b = b.commitment(
            Commitment::new(
                format!("P{k}"),
                Parties::Mutual(id(x).parse().expect("id"), id(y).parse().expect("id")),
                Obligation::Defence,
                Period::starting(ymd(1946, 1, 1)),
            )
            .expect("id"),
        );
    }
    for k in 0..2 * N {
        let start = rng.below(SPAN_DAYS - 120);
        let p = Period::new(at(start), Some(at(start + 30))).expect("ordered");
        b = b.crisis(
            Crisis::new(format!("K{k}"), id(k % N), p, CrisisKind::ExternalAttack)
                .expect("id")
                .with_severity(Severity::new(rng.unit()).expect("in (0, 1]")),
        );
    }
    Ledger::new(b.build().expect("valid merge world"), Config::default())
        .expect("bench ledger within the test limit")
}

fn merge(c: &mut Criterion) {
    let ledger = merge_ledger();
    let outcomes = ledger.outcomes(as_of());
    let mut g = c.benchmark_group("merge/scoreboards");
    for target in [1_000usize, 10_000, 100_000] {
        // Two shards of one prefix of the outcomes (alternate tests), grown
        // until the shard merged in has `target` keys or the outcomes run out.
        let config = Config::default();
        let (mut left, mut right) = (Scoreboard::new(&config), Scoreboard::new(&config));
        let mut whole = Scoreboard::new(&config);
        for (i, o) in outcomes.iter().enumerate() {
            if right.len() >= target {
                break;
            }
            if i % 2 == 0 {
                left.add(o);
            } else {
                right.add(o);
            }
            whole.add(o);
        }
        let keys = right.len();
        let merged = whole.len();
        eprintln!(
            "merge/scoreboards/{keys}: left {} keys, merged {merged}",
            left.len()
        );
        g.throughput(Throughput::Elements(keys as u64));
        g.bench_with_input(BenchmarkId::from_parameter(keys), &right, |b, right| {
            b.iter_batched(
                || left.clone(),
                |mut l| {
                    l.merge(right).expect("same half-life");
                    assert_eq!(l.len(), merged);
                    l
                },
                BatchSize::LargeInput,
            );
        });
        if keys < target {
            break;
        }
    }
    g.finish();
}

fn series(c: &mut Criterion) {
    let ledger = scored();
    let a = ledger.assess(as_of());
    // The guarantor with the most tests.
    let (k, r) = a
        .ranking()
        .into_iter()
        .max_by_key(|(_, r)| r.tests())
        .expect("some guarantor");
    let dates: Vec<NaiveDate> = (0..100u64).map(|i| at(i * (SPAN_DAYS / 99))).collect();
    let mut g = c.benchmark_group("series/reliability");
    g.throughput(Throughput::Elements(dates.len() as u64));
    g.bench_function(BenchmarkId::from_parameter(dates.len()), |b| {
        b.iter(|| {
            let s = ledger.reliability_series(black_box(k), black_box(&dates));
            assert_eq!(s.len(), 100);
            assert!(s[99].tests() <= r.tests());
        });
    });
    g.finish();
}

criterion_group!(benches, fold, store, query, merge, series);
criterion_main!(benches);
