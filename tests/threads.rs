//! Scores do not depend on the thread count, on worlds large enough that
//! crises are opened in several blocks on every core and events matched in
//! several shards (the random worlds of `tests/properties.rs`, property T1,
//! are small).
#![cfg(all(feature = "rayon", feature = "serde"))]

#[allow(dead_code)]
mod support;
#[path = "../benches/support/world.rs"]
mod world;

use support::on_threads;

use alliance_reliability::{Config, Error, Ledger, Timeline};
use chrono::NaiveDate;

/// Every guarantor's (tests, α, β, mean) as bits, and every outcome.
fn scores(ledger: &Ledger, as_of: NaiveDate) -> (Vec<(u32, u64, [u64; 3])>, usize) {
    let a = ledger.assess(as_of);
    let rows = a
        .scoreboard()
        .guarantors()
        .map(|k| {
            let r = a.reliability(k);
            (
                k.index() as u32,
                r.tests(),
                [r.alpha().to_bits(), r.beta().to_bits(), r.mean().to_bits()],
            )
        })
        .collect();
    (rows, a.outcomes().len())
}

fn world() -> Timeline {
    // 9 000 crises: three blocks of crises opened in parallel; 140 000
    // events: three matching shards.
    world::timeline(world::Spec {
        actors: 60,
        commitments: 1_000,
        crises: 9_000,
        events: 140_000,
        seed: 0x7E57_7EAD,
    })
}

#[test]
fn one_two_and_four_threads_give_the_same_bits() {
    let tl = world();
    let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let build = |n| on_threads(n, || Ledger::new(tl.clone(), Config::default()).unwrap());
    let one = build(1);
    assert!(one.test_count() > 5_000, "{} tests", one.test_count());
    let reference = on_threads(1, || scores(&one, as_of));
    assert!(reference.0.len() > 20);
    for n in [2, 4] {
        let many = build(n);
        assert_eq!(many.test_count(), one.test_count());
        assert_eq!(
            on_threads(n, || scores(&many, as_of)),
            reference,
            "{n} threads"
        );
        let (a, b) = (one.assess(as_of), many.assess(as_of));
        assert_eq!(a.outcomes(), b.outcomes(), "{n} threads");
    }
}

#[test]
fn crises_added_one_by_one_open_the_same_tests() {
    // `add_crisis` opens one crisis at a time on the calling thread; the
    // parallel blocks of `Ledger::new` must give the same tests and scores.
    let tl = world();
    let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let batch = Ledger::new(tl.clone(), Config::default()).unwrap();
    let bare = Timeline::builder()
        .actors(tl.actors().iter().cloned())
        .memberships(tl.memberships().iter().cloned())
        .commitments(tl.commitments().iter().cloned())
        .events(tl.events())
        .build()
        .unwrap();
    let mut grown = Ledger::new(bare, Config::default()).unwrap();
    for c in tl.crises().iter().take(3_000) {
        grown.add_crisis(c.clone()).unwrap();
    }
    let part = Timeline::builder()
        .actors(tl.actors().iter().cloned())
        .memberships(tl.memberships().iter().cloned())
        .commitments(tl.commitments().iter().cloned())
        .crises(tl.crises().iter().take(3_000).cloned())
        .events(tl.events())
        .build()
        .unwrap();
    let at_once = Ledger::new(part, Config::default()).unwrap();
    assert_eq!(grown.test_count(), at_once.test_count());
    assert_eq!(scores(&grown, as_of), scores(&at_once, as_of));
    assert!(batch.test_count() > at_once.test_count());
}

#[test]
fn the_cap_refuses_at_the_same_crisis_on_any_thread_count() {
    let tl = world();
    let all = Ledger::new(tl.clone(), Config::default())
        .unwrap()
        .test_count() as u64;
    for cap in [0, all / 3, all - 1] {
        let errors: Vec<String> = [1, 4]
            .into_iter()
            .map(|n| {
                on_threads(n, || {
                    match Ledger::new(tl.clone(), Config::default().max_tests(cap)) {
                        Err(e @ Error::TooManyTests { .. }) => e.to_string(),
                        other => panic!("cap {cap}: {:?}", other.map(|l| l.test_count())),
                    }
                })
            })
            .collect();
        assert!(errors.iter().all(|e| e == &errors[0]), "{errors:?}");
    }
    let fits = Ledger::new(tl, Config::default().max_tests(all)).unwrap();
    assert_eq!(fits.test_count() as u64, all);
}
