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
            c = c.with_adversaries([s(x), s(y)]);
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
        obligation: tl.commitments()[test.commitment as usize].obligation(),
        start: test.start,
        severity: test.severity,
        fulfilment,
        status,
        response: support.first().map(|s| s.3),
        expected: need,
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
    let mut bulk = Ledger::new(tl.clone(), Config::default()).unwrap();
    bulk.extend_keyed(&evs).unwrap();
    let hits: usize = bulk.tests.iter().map(|t| t.hits.len()).sum();
    assert!(
        hits > HIT_LOG,
        "only {hits} hits: the flush is not exercised"
    );
    let mut single = Ledger::new(tl, Config::default()).unwrap();
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
        let mut ledger = Ledger::new(tl, Config::default()).unwrap();
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
    let mut keyed = Ledger::new(tl.clone(), Config::default()).unwrap();
    keyed.index = Index::default();
    // 10 < REINDEX_AT: stays on the hash maps.
    keyed.extend_keyed(&evs[..10]).unwrap();
    assert!(!keyed.index.fresh(keyed.tests.len()));
    keyed.extend_keyed(&evs[10..]).unwrap();
    assert!(keyed.index.fresh(keyed.tests.len()));
    assert_matches_reference(&keyed);

    // Through `add_event`, on the hash maps throughout.
    let mut sparse = Ledger::new(tl, Config::default()).unwrap();
    sparse.index = Index::default();
    for e in keyed.timeline.events() {
        sparse.add_event(e).unwrap();
    }
    assert_matches_reference(&sparse);

    // Built from a timeline that already holds every event.
    let full = Ledger::new(keyed.timeline.clone(), Config::default()).unwrap();
    assert_eq!(full.timeline.event_count(), evs.len());
    assert_matches_reference(&full);

    // One at a time after a crisis made the index stale.
    let (tl, evs) = setup(8);
    let mut one = Ledger::new(tl, Config::default()).unwrap();
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
    let mut late = Ledger::new(tl.clone(), Config::default()).unwrap();
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
    let mut early = Ledger::new(tl, Config::default()).unwrap();
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
    let mut ledger = Ledger::new(tl, Config::default()).unwrap();
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

/// `Ledger::new` from a timeline holding every event (matched in shards on
/// every core with the `rayon` feature, more than one shard here) equals
/// the sequential bulk path, `extend_keyed` in chunks, hit for hit and bit
/// for bit.
#[test]
fn new_from_held_events_equals_the_sequential_bulk_path() {
    for seed in [0x51u64, 0x52] {
        let mut rng = Rng(seed);
        let tl = world(&mut rng);
        let evs = events(&tl, &mut rng, 200_000);
        let mut bulk = Ledger::new(tl, Config::default()).unwrap();
        for chunk in evs.chunks(50_000) {
            bulk.extend_keyed(chunk).unwrap();
        }
        let full = Ledger::new(bulk.timeline.clone(), Config::default()).unwrap();
        assert!(full.index.fresh(full.tests.len()));
        // `Debug` prints each f64 in the shortest text that reads back to
        // the same bits.
        let hits = |l: &Ledger| -> Vec<String> {
            l.tests.iter().map(|t| format!("{:?}", t.hits)).collect()
        };
        let (a, b) = (hits(&bulk), hits(&full));
        let total: usize = bulk.tests.iter().map(|t| t.hits.len()).sum();
        assert!(total > 5_000, "{total}");
        assert_eq!(a, b, "seed {seed}");
        let tau = day(d(9999));
        for t in 0..bulk.test_count() {
            let (x, y) = (bulk.outcome(t as u32, tau), full.outcome(t as u32, tau));
            assert_eq!(x.fulfilment.to_bits(), y.fulfilment.to_bits());
            assert_eq!(x, y);
        }
    }
}
