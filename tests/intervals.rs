//! Credible intervals are total: they return for any prior the constructors
//! accept (at most `MAX_PSEUDO_TESTS`), with `lower <= upper`, and the normal approximation used for
//! very large evidence agrees with the Beta quantiles where they meet.

use alliance_reliability::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A guarantor with no test: its reliability is the prior itself.
fn prior_interval(alpha: f64, beta: f64) -> (f64, Interval) {
    let timeline = Timeline::builder()
        .actor(Actor::new("A", "A", ActorKind::State).unwrap())
        .actor(Actor::new("B", "B", ActorKind::State).unwrap())
        .commitment(
            Commitment::new(
                "c",
                Parties::Directed {
                    guarantor: "A".parse().unwrap(),
                    beneficiary: "B".parse().unwrap(),
                },
                Obligation::Defence,
                Period::starting(d(2000, 1, 1)),
            )
            .unwrap(),
        )
        .build()
        .unwrap();
    let config = Config::default()
        .prior_model(PriorModel::Fixed)
        .prior(Prior::new(alpha, beta).unwrap());
    let ledger = Ledger::new(timeline, config).unwrap();
    let a = ledger.timeline().key_of("A").unwrap();
    let r = ledger.assess(d(2001, 1, 1)).reliability(a);
    (r.mean(), r.interval(0.9).unwrap())
}

#[test]
fn huge_priors_return_ordered_intervals() {
    // These hung (1e17) or came back inverted (1e15) with the Beta
    // quantile function alone.
    for (a, b) in [
        (1e12, 1e12),
        (1e12, 1.0),
        (1.0, 1e12),
        (1e12, 1e-300),
        (1e6, 1e-3),
    ] {
        let (mean, i) = prior_interval(a, b);
        assert!(i.lower <= i.upper, "{a} {b}: {i:?}");
        assert!((0.0..=1.0).contains(&i.lower) && (0.0..=1.0).contains(&i.upper));
        assert!(
            i.lower <= mean + 1e-12 && mean <= i.upper + 1e-12,
            "{a} {b}: {mean} {i:?}"
        );
    }
    let (_, i) = prior_interval(1e12, 1e12);
    assert!((i.lower - 0.5).abs() < 1e-6 && (i.upper - 0.5).abs() < 1e-6);
}

#[test]
fn priors_and_pooling_beyond_the_bound_are_rejected() {
    // These were accepted and then hung (1e17, 1e300) or gave an inverted
    // interval (1e15) in `Reliability::interval`.
    for (a, b) in [
        (1e17, 1e17),
        (1e300, 1.0),
        (1e15, 1e15),
        (1.0, f64::INFINITY),
    ] {
        assert!(
            matches!(
                Prior::new(a, b),
                Err(Error::OutOfRange {
                    range: "(0, 1e12]",
                    ..
                })
            ),
            "{a} {b}"
        );
    }
    assert!(Prior::new(MAX_PSEUDO_TESTS, MAX_PSEUDO_TESTS).is_ok());
    assert!(matches!(
        Config::default().pooling(1e300),
        Err(Error::OutOfRange {
            range: "[0, 1e12]",
            ..
        })
    ));
    assert!(Config::default().pooling(MAX_PSEUDO_TESTS).is_ok());
}

#[test]
fn normal_approximation_meets_the_beta_quantiles() {
    // Just below 10^6 the Beta quantile function is used, just above the
    // normal approximation: the two agree to 1e-5 for every split.
    for share in [0.5, 0.9, 0.99, 0.999, 0.999_99] {
        let below = prior_interval(share * 999_999.0, (1.0 - share) * 999_999.0).1;
        let above = prior_interval(share * 1_000_001.0, (1.0 - share) * 1_000_001.0).1;
        assert!(
            (below.lower - above.lower).abs() < 1e-5 && (below.upper - above.upper).abs() < 1e-5,
            "share {share}: {below:?} vs {above:?}"
        );
    }
}

/// Issue 11, found by the `structured` fuzz target: statrs's Beta quantile
/// panicked on a subnormal shape (a prior of 4.2e-310) and did not return
/// for a tiny shape against a large one at an extreme level. Every
/// accepted prior now gives an interval, in [0, 1] and ordered.
#[test]
fn tiny_shapes_give_an_interval() {
    use alliance_reliability::*;
    let tl = Timeline::builder()
        .actor(Actor::new("A", "A", ActorKind::State).unwrap())
        .build()
        .unwrap();
    for (alpha, beta) in [
        (4.2057946964267e-310, 20.863202868696117),
        (5e-324, 5e-324),
        (1e-20, 9.9e5),
        (9.9e5, 1e-20),
        (1e-300, 1e5),
    ] {
        let config = Config::default()
            .prior_model(PriorModel::Fixed)
            .prior(Prior::new(alpha, beta).unwrap());
        let ledger = Ledger::new(tl.clone(), config).unwrap();
        let a = ledger.assess(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        let r = a.reliability(ledger.timeline().key_of("A").unwrap());
        for level in [1e-300, 0.5, 0.9971770809491112, 1.0 - 1e-10, 1.0 - 1e-16] {
            let i = r.interval(level).unwrap();
            assert!(
                0.0 <= i.lower && i.lower <= i.upper && i.upper <= 1.0,
                "{alpha} {beta} {level}: {i:?}"
            );
        }
    }
}

/// Issue 11, found by the `structured` fuzz target: a subnormal learned
/// prior strength (5e-324) made the learned Beta's parameters both 0 and
/// every mean NaN. The setter now refuses strengths below 1e-6 or above
/// 1e12; the smallest accepted one gives finite means.
#[test]
fn learned_prior_strength_is_bounded() {
    use alliance_reliability::*;
    for bad in [5e-324, 1e-300, 0.0, -1.0, f64::NAN, 1e13, f64::INFINITY] {
        assert!(KindPrior::default().strength(bad).is_err(), "{bad}");
    }
    let tl = Timeline::builder()
        .actor(Actor::new("A", "A", ActorKind::State).unwrap())
        .build()
        .unwrap();
    for kappa in [1e-6, 1e12] {
        let config = Config::default().prior_model(PriorModel::ByKind(
            KindPrior::default().strength(kappa).unwrap(),
        ));
        let ledger = Ledger::new(tl.clone(), config).unwrap();
        let a = ledger.assess(chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        let m = a.reliability(ledger.timeline().key_of("A").unwrap()).mean();
        assert!((0.0..=1.0).contains(&m), "{kappa}: {m}");
    }
}
