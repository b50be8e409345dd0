//! Inputs hostile by size (issue 11): each test bounds what the library
//! builds by counts or by a typed error naming the limit, never by the
//! clock (timings are in BENCHMARKS.md, "Size limits").

use alliance_reliability::*;
use chrono::{Duration, NaiveDate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn state(id: &str) -> Actor {
    Actor::new(id, id, ActorKind::State).unwrap()
}

/// `guarantors` actors each promise defence to `T`; `T` suffers `crises`
/// crises, one a day from 1900-01-01: `guarantors × crises` tests.
fn star(guarantors: usize, crises: usize) -> Timeline {
    let mut b = Timeline::builder().actor(state("T"));
    for g in 0..guarantors {
        let id = format!("G{g}");
        b = b.actor(state(&id)).commitment(
            Commitment::new(
                format!("C{g}"),
                Parties::Directed {
                    guarantor: id.parse().unwrap(),
                    beneficiary: "T".parse().unwrap(),
                },
                Obligation::Defence,
                Period::starting(d(1800, 1, 1)),
            )
            .unwrap(),
        );
    }
    for c in 0..crises {
        let start = d(1900, 1, 1) + Duration::days(c as i64);
        b = b.crisis(
            Crisis::new(
                format!("K{c}"),
                "T",
                Period::new(start, Some(start)).unwrap(),
                CrisisKind::ExternalAttack,
            )
            .unwrap(),
        );
    }
    b.build().unwrap()
}

fn config() -> Config {
    Config::default().invocation(Invocation::Unconditional)
}

/// The cap counts tests as they are opened: at the limit the ledger is
/// built, one past it is refused with the limit named.
#[test]
fn max_tests_is_exact() {
    let tl = star(3, 4); // 12 tests
    let at = Ledger::new(tl.clone(), config().max_tests(12)).unwrap();
    assert_eq!(at.test_count(), 12);
    match Ledger::new(tl, config().max_tests(11)) {
        Err(Error::TooManyTests {
            requested_at_least,
            limit,
        }) => {
            assert_eq!(limit, 11);
            assert!(requested_at_least > 11 && requested_at_least <= 12);
        }
        other => panic!("expected TooManyTests, got {other:?}"),
    }
}

/// `add_crisis` past the cap is refused and leaves the ledger as it was.
#[test]
fn add_crisis_past_the_cap_changes_nothing() {
    let mut ledger = Ledger::new(star(3, 2), config().max_tests(7)).unwrap();
    assert_eq!(ledger.test_count(), 6);
    let start = d(1950, 1, 1);
    let crisis = Crisis::new(
        "late",
        "T",
        Period::new(start, None).unwrap(),
        CrisisKind::ExternalAttack,
    )
    .unwrap();
    let err = ledger.add_crisis(crisis.clone()).unwrap_err();
    assert!(matches!(err, Error::TooManyTests { limit: 7, .. }), "{err}");
    assert!(err.to_string().contains("max_tests"), "{err}");
    assert_eq!(ledger.test_count(), 6);
    assert_eq!(ledger.timeline().crises().len(), 2);
    // With room, the same crisis is accepted: nothing half-added blocks it.
    let mut roomy = Ledger::new(star(3, 2), config().max_tests(9)).unwrap();
    roomy.add_crisis(crisis).unwrap();
    assert_eq!(roomy.test_count(), 9);
    let fresh = Ledger::new(roomy.timeline().clone(), config()).unwrap();
    assert_eq!(fresh.test_count(), 9);
}

/// The abort: 10^5 commitments toward one target and 10^4 crises
/// against it ask for 10^9 tests. With a cap of 10^6 this is a typed error
/// returned after counting at most `10^6 + 10^5` candidates (one crisis's
/// worth past the cap), not a 9.6 GB allocation.
#[test]
fn a_billion_tests_is_a_typed_error() {
    let tl = star(100_000, 10_000);
    assert_eq!(tl.commitments().len(), 100_000);
    assert_eq!(tl.crises().len(), 10_000);
    billion_refused(tl, 1_000_000);
}

/// The same under the default cap (builds up to 10^7 tests, about 1.4 GB,
/// before refusing; release only, timing in BENCHMARKS.md):
/// `cargo test --release --test hostile_size -- --ignored billion_default`.
#[test]
#[ignore = "takes about 1.4 GB; run in release"]
fn billion_default_cap() {
    billion_refused(star(100_000, 10_000), DEFAULT_MAX_TESTS);
}

fn billion_refused(tl: Timeline, cap: u64) {
    match Ledger::new(tl, config().max_tests(cap)) {
        Err(Error::TooManyTests {
            requested_at_least,
            limit,
        }) => {
            assert_eq!(limit, cap);
            assert!(requested_at_least > cap);
            assert!(requested_at_least <= cap + 100_000);
        }
        other => panic!(
            "expected TooManyTests, got {:?}",
            other.map(|l| l.test_count())
        ),
    }
}

/// Memory per test (run in release, see BENCHMARKS.md "Size limits"):
/// `cargo test --release --test hostile_size -- --ignored --nocapture bytes_per_test`.
#[test]
#[ignore = "a measurement, not a check: prints resident bytes per test"]
fn bytes_per_test() {
    fn status(field: &str) -> u64 {
        let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        s.lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse::<u64>().ok())
            .map_or(0, |k| k * 1024)
    }
    // Largest first, so the peak (VmHWM) is this ledger's.
    for (g, c) in [(1_000, 4_000), (1_000, 1_000)] {
        let tl = star(g, c);
        let before = status("VmRSS:");
        let ledger = Ledger::new(tl, config().max_tests(u64::MAX)).unwrap();
        let after = status("VmRSS:");
        let peak = status("VmHWM:");
        let n = ledger.test_count() as u64;
        println!(
            "{g} guarantors x {c} crises: {n} tests, {} bytes resident = {:.1} bytes/test; \
             peak during construction {:.1} bytes/test",
            after - before,
            (after - before) as f64 / n as f64,
            (peak.saturating_sub(before)) as f64 / n as f64
        );
        drop(ledger);
    }
}

/// Issue 11: Kish's effective number of tests does not depend on the
/// as-of date (decay scales every weight alike), so it must not underflow
/// to 0 at 9999-12-31 (it did: Σwᵢ² at the default 10-year half-life is
/// 2^-1596 there).
#[test]
fn effective_tests_do_not_underflow_far_in_the_future() {
    let mut b = Timeline::builder().actor(state("T")).actor(state("G"));
    b = b.commitment(
        Commitment::new(
            "G-T",
            Parties::Directed {
                guarantor: "G".parse().unwrap(),
                beneficiary: "T".parse().unwrap(),
            },
            Obligation::Defence,
            Period::starting(d(1990, 1, 1)),
        )
        .unwrap(),
    );
    for (i, y) in [2000, 2005, 2010, 2015, 2020].into_iter().enumerate() {
        b = b.crisis(
            Crisis::new(
                format!("K{i}"),
                "T",
                Period::new(d(y, 1, 1), Some(d(y, 2, 1))).unwrap(),
                CrisisKind::ExternalAttack,
            )
            .unwrap(),
        );
    }
    let ledger = Ledger::new(b.build().unwrap(), config()).unwrap();
    let g = ledger.timeline().key_of("G").unwrap();
    let near = ledger
        .assess(d(2021, 1, 1))
        .reliability(g)
        .effective_tests();
    assert!(near > 4.0 && near < 5.0, "{near}");
    for far in [d(3000, 1, 1), d(9999, 12, 31), NaiveDate::MAX] {
        let e = ledger.assess(far).reliability(g).effective_tests();
        assert!((e - near).abs() < 1e-9 * near, "{far}: {e} vs {near}");
    }
}
