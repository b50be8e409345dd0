//! The expectation lens and treaty-level judging, each ingredient checked
//! against a number computed by hand.

#![cfg(all(feature = "serde", feature = "bundled-data"))]

use alliance_reliability::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(s: &str) -> ActorId {
    ActorId::new(s).unwrap()
}

/// A mutual commitment `name` between `a` and `b`, from `from` on.
fn pact(name: &str, a: &str, b: &str, obligation: Obligation, from: NaiveDate) -> Commitment {
    Commitment::new(
        name,
        Parties::Mutual(id(a), id(b)),
        obligation,
        Period::starting(from),
    )
    .unwrap()
}

/// Russia and a client with a consultation treaty (floor diplomatic 0.25).
fn treaty() -> TimelineBuilder {
    Timeline::builder()
        .actor(Actor::new("RUS", "Russia", ActorKind::State).unwrap())
        .actor(Actor::new("CLI", "Client", ActorKind::State).unwrap())
        .commitment(pact(
            "treaty",
            "RUS",
            "CLI",
            Obligation::Consultation,
            d(1990, 1, 1),
        ))
}

/// An act of support of `kind` at this intensity and confidence.
fn weighted(
    from: &str,
    to: &str,
    on: NaiveDate,
    kind: SupportKind,
    intensity: f64,
    confidence: f64,
) -> SupportEvent {
    SupportEvent::new(from, to, on, kind)
        .unwrap()
        .with_intensity(Intensity::new(intensity).unwrap())
        .with_confidence(Confidence::new(confidence).unwrap())
}

/// An internal uprising `name` of the client through January of `year`.
fn uprising(name: &str, year: i32, severity: f64) -> Crisis {
    Crisis::new(
        name,
        "CLI",
        Period::new(d(year, 1, 1), Some(d(year, 1, 31))).unwrap(),
        CrisisKind::InternalUprising,
    )
    .unwrap()
    .with_severity(Severity::new(severity).unwrap())
}

/// The treaty, and two internal-uprising crises of the client (2015, 2025).
fn builder(first_severity: f64, second_severity: f64) -> TimelineBuilder {
    treaty()
        .crisis(uprising("K1", 2015, first_severity))
        .crisis(uprising("K2", 2025, second_severity))
}

fn only(w: (f64, f64, f64)) -> Config {
    Config::default().expectation(ExpectationWeights::new(w.0, w.1, w.2).unwrap())
}

/// The test of crisis `crisis`.
fn test_of(l: &Ledger, crisis: &str) -> usize {
    (0..l.test_count())
        .find(|&t| l.test_view(t, d(2030, 1, 1)).unwrap().crisis.id().as_str() == crisis)
        .unwrap()
}

#[test]
fn floor_only_is_the_letter() {
    let tl = builder(1.0, 1.0).build().unwrap();
    let l = Ledger::new(tl, only((0.0, 0.0, 0.0))).unwrap();
    let x = l.expected_level(test_of(&l, "K2")).unwrap();
    assert_eq!((x.floor, x.level), (0.25, 0.25));
    assert_eq!(x.source(), "floor");
}

#[test]
fn past_support_decays_by_the_half_life() {
    // Military help in the first crisis (2015-01-10, inside its window),
    // intensity 0.8, confidence 0.9: strength 0.72. By 2025-01-01 it is
    // 3644 days old; at the default half-life of 3652.5 days:
    // past = 0.72 · 2^(−3644/3652.5).
    let tl = builder(1.0, 1.0)
        .event(weighted(
            "RUS",
            "CLI",
            d(2015, 1, 10),
            SupportKind::Military,
            0.8,
            0.9,
        ))
        // Outside any crisis window: routine support, not a crisis response.
        .event(SupportEvent::new("RUS", "CLI", d(2020, 6, 1), SupportKind::Military).unwrap())
        .build()
        .unwrap();
    let l = Ledger::new(tl, only((1.0, 0.0, 0.0))).unwrap();
    let x = l.expected_level(test_of(&l, "K2")).unwrap();
    let days = (d(2025, 1, 1) - d(2015, 1, 10)).num_days() as f64;
    assert_eq!(days, 3644.0);
    let want = 0.72 * (-days / 3652.5f64).exp2();
    assert!((x.past - want).abs() < 1e-12, "{} vs {want}", x.past);
    assert!((x.level - want).abs() < 1e-12);
    assert_eq!(x.source(), "past support");
    // The first crisis has no earlier crisis: the floor.
    let first = l.expected_level(test_of(&l, "K1")).unwrap();
    assert_eq!((first.past, first.level), (0.0, 0.25));
    // Silence in the second crisis fails by both lenses; a diplomatic
    // statement meets the letter (0.25 of 0.25) but only 0.25/0.3608 of
    // the expectation.
    let mut l = l;
    l.add_event(SupportEvent::new("RUS", "CLI", d(2025, 1, 5), SupportKind::Diplomatic).unwrap())
        .unwrap();
    let [letter, expectation] = l.assess_lenses(d(2026, 1, 1));
    let k2 = |a: &Assessment<'_>| {
        *a.outcomes()
            .iter()
            .find(|o| o.test() == test_of(&l, "K2"))
            .unwrap()
    };
    assert_eq!(k2(&letter).fulfilment(), 1.0);
    assert!((k2(&expectation).fulfilment() - 0.25 / want).abs() < 1e-12);
    assert_eq!(k2(&expectation).status(), Status::Honoured); // 0.69 ≥ 0.5
}

#[test]
fn need_is_severity_times_the_rung() {
    // An uprising of severity 0.8 calls for military (1.0): need 0.8;
    // weight 0.5 → uplift 0.4 above the floor 0.25.
    let tl = builder(1.0, 0.8).build().unwrap();
    let l = Ledger::new(tl, only((0.0, 0.5, 0.0))).unwrap();
    let x = l.expected_level(test_of(&l, "K2")).unwrap();
    assert!((x.need - 0.8).abs() < 1e-15);
    assert!((x.level - 0.4).abs() < 1e-15);
    assert_eq!(x.source(), "need");
    // Economic coercion calls for economic help (0.4): need 0.4 · 1.0, and
    // with weight 0.5 the uplift 0.2 is below the floor.
    let tl = treaty()
        .crisis(
            Crisis::new(
                "K",
                "CLI",
                Period::starting(d(2025, 1, 1)),
                CrisisKind::EconomicCoercion,
            )
            .unwrap(),
        )
        .build()
        .unwrap();
    let l = Ledger::new(tl, only((0.0, 0.5, 0.0))).unwrap();
    let x = l.expected_level(0).unwrap();
    assert!((x.need - 0.4).abs() < 1e-15);
    assert_eq!(x.level, 0.25);
}

#[test]
fn reciprocity_owed_sums_and_caps() {
    // The client gave materiel (0.6) at intensity 0.5 and confidence 0.8
    // on 2024-01-01: 0.24, decayed over 366 days; weight 0.5. A hostile act
    // and an act after the crisis start do not count.
    let tl = builder(1.0, 1.0)
        .event(weighted(
            "CLI",
            "RUS",
            d(2024, 1, 1),
            SupportKind::Materiel,
            0.5,
            0.8,
        ))
        .event(SupportEvent::new("CLI", "RUS", d(2024, 2, 1), SupportKind::Hostile).unwrap())
        .event(SupportEvent::new("CLI", "RUS", d(2025, 1, 2), SupportKind::Military).unwrap())
        .build()
        .unwrap();
    let l = Ledger::new(tl, only((0.0, 0.0, 0.5))).unwrap();
    let x = l.expected_level(test_of(&l, "K2")).unwrap();
    let owed = 0.24 * (-366.0 / 3652.5f64).exp2();
    assert!((x.owed - owed).abs() < 1e-12);
    assert_eq!(x.level, 0.25); // 0.5 · 0.217 < 0.25: the floor binds
    // Three military interventions owed: capped at one.
    let mut b = builder(1.0, 1.0);
    for m in 1..=3 {
        b = b.event(SupportEvent::new("CLI", "RUS", d(2024, m, 1), SupportKind::Military).unwrap());
    }
    let l = Ledger::new(b.build().unwrap(), only((0.0, 0.0, 0.5)).no_decay()).unwrap();
    let x = l.expected_level(test_of(&l, "K2")).unwrap();
    assert_eq!((x.owed, x.level), (1.0, 0.5));
    assert_eq!(x.source(), "reciprocity owed");
}

#[test]
fn explanation_names_the_lens_and_shows_the_level() {
    let tl = builder(1.0, 1.0)
        .event(SupportEvent::new("RUS", "CLI", d(2015, 1, 2), SupportKind::Military).unwrap())
        .build()
        .unwrap();
    let l = Ledger::new(tl, Config::default().no_decay()).unwrap();
    let rus = l.timeline().key_of("RUS").unwrap();
    let [letter, expectation] = l.assess_lenses(d(2026, 1, 1));
    let e = letter.explain_reliability(rus).unwrap();
    assert_eq!(e.lens, Lens::Letter);
    assert!(e.to_string().contains("letter lens"));
    assert!(e.contributions.iter().all(|c| c.expectation.is_none()));
    let e = expectation.explain_reliability(rus).unwrap();
    assert_eq!(e.lens, Lens::Expectation);
    let text = e.to_string();
    assert!(text.contains("expectation lens"), "{text}");
    // K2: past 1.0 (no decay) + 0.25 · need 1.0 → capped at 1.0.
    let k2 = e
        .contributions
        .iter()
        .find(|c| c.crisis.as_str() == "K2")
        .unwrap();
    assert_eq!(k2.expected, 1.0);
    assert_eq!(k2.expectation.unwrap().source(), "past support");
    assert!(text.contains("set by past support"), "{text}");
    // The arithmetic still adds up from the contributions.
    assert!((e.mean() - expectation.reliability(rus).mean()).abs() < 1e-12);
}

#[test]
fn treaty_judged_against_its_most_demanding_clause() {
    // One treaty with a neutrality clause and a consultation clause, plus a
    // separate defence pact with a narrower trigger. An external attack
    // invokes all three: judged as a whole, one test against defence.
    let t = TreatyId::new("T").unwrap();
    let c = |name: &str, o: Obligation| pact(name, "A", "B", o, d(2000, 1, 1));
    let tl = Timeline::builder()
        .actors(["A", "B", "X"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
        .commitment(c("neutral", Obligation::Neutrality).with_treaty(t.clone()))
        .commitment(c("consult", Obligation::Consultation).with_treaty(t))
        .commitment(c("defend", Obligation::Defence))
        .crisis(
            Crisis::new(
                "K",
                "B",
                Period::new(d(2010, 1, 1), Some(d(2010, 2, 1))).unwrap(),
                CrisisKind::ExternalAttack,
            )
            .unwrap()
            .with_adversaries([id("X")]),
        )
        .event(SupportEvent::new("A", "B", d(2010, 1, 5), SupportKind::Diplomatic).unwrap())
        .build()
        .unwrap();
    let whole = Ledger::new(
        tl.clone(),
        Config::default().no_decay().prior_model(PriorModel::Fixed),
    )
    .unwrap();
    assert_eq!(whole.test_count(), 1);
    let v = whole.test_view(0, d(2011, 1, 1)).unwrap();
    assert_eq!(v.commitment.id().as_str(), "defend");
    assert_eq!(v.outcome.base_weight(), 1.0);
    assert_eq!(v.outcome.fulfilment(), 0.25);
    // Equal split: three tests of weight 1/3, fulfilments 1, 1, 0.25:
    // α = 1 + (1 + 1 + 0.25)/3 = 1.75, β = 1 + 0.75/3 = 1.25.
    let split = Ledger::new(
        tl,
        Config::default()
            .no_decay()
            .prior_model(PriorModel::Fixed)
            .judging(Judging::EqualSplit),
    )
    .unwrap();
    assert_eq!(split.test_count(), 3);
    let a = split.timeline().key_of("A").unwrap();
    let r = split.assess(d(2011, 1, 1)).reliability(a);
    assert!((r.alpha() - 1.75).abs() < 1e-12 && (r.beta() - 1.25).abs() < 1e-12);
    let r = whole.assess(d(2011, 1, 1)).reliability(a);
    assert!((r.alpha() - 1.25).abs() < 1e-12 && (r.beta() - 1.75).abs() < 1e-12);
}

#[test]
fn treaty_id_round_trips_through_json_and_csv() {
    let c = pact("c", "A", "B", Obligation::Defence, d(2000, 1, 1))
        .with_treaty(TreatyId::new("ATOP:1234").unwrap());
    let tl = Timeline::builder()
        .actors(["A", "B"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
        .commitment(c.clone())
        .build()
        .unwrap();
    let mut json = Vec::new();
    format::write_json(&tl, &mut json).unwrap();
    assert!(String::from_utf8_lossy(&json).contains("\"treaty\": \"ATOP:1234\""));
    let back = format::read_json(&json[..], "t.json").unwrap();
    assert_eq!(back.commitments()[0], c);
    let mut tables = format::Tables::<Vec<u8>>::default();
    format::write_tables_to(&tl, &mut tables).unwrap();
    let text = String::from_utf8(tables.commitments.clone()).unwrap();
    assert!(
        text.lines().next().unwrap().ends_with(",label,treaty"),
        "{text}"
    );
    let back = format::read_tables_from(tables.as_slices()).unwrap();
    assert_eq!(
        back.commitments()[0].treaty().map(|t| t.as_str()),
        Some("ATOP:1234")
    );
    // A bad treaty id names the file, line and field.
    let bad = text.replace("ATOP:1234", "bad id");
    let err = format::read_tables_from(format::Tables {
        actors: &tables.actors[..],
        memberships: &tables.memberships[..],
        commitments: bad.as_bytes(),
        crises: &tables.crises[..],
        events: &tables.events[..],
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("commitments.csv") && err.contains("treaty"),
        "{err}"
    );
}

#[test]
fn atop_commitments_carry_their_alliance() {
    let states = import::StateSystem::bundled();
    let atop = import::AtopImport::bundled(&states).unwrap();
    for c in atop.commitments.iter().take(200) {
        let atopid = c.id().as_str().split(':').nth(1).unwrap();
        assert_eq!(c.treaty().unwrap().as_str(), format!("ATOP:{atopid}"));
    }
}

/// The client's reading ([`ClientReading`]): nothing in full, less at the
/// weight, a hostile act is not "nothing".
#[test]
fn client_reading_by_hand() {
    let config = only((0.0, 1.0, 0.0)).lens(Lens::Expectation);
    // Need: severity 0.8 · military 1.0 = 0.8 above the floor 0.25.
    let outcome = |extra: Option<SupportEvent>| {
        let mut b = builder(1.0, 0.8);
        if let Some(e) = extra {
            b = b.event(e);
        }
        let l = Ledger::new(b.build().unwrap(), config.clone()).unwrap();
        let t = test_of(&l, "K2");
        *l.outcomes(d(2030, 1, 1))
            .iter()
            .find(|o| o.test() == t)
            .unwrap()
    };
    let silent = outcome(None);
    assert!((silent.expected() - 0.8).abs() < 1e-12);
    assert!(ClientReading::did_nothing(&silent));
    let w = ClientReading::new(0.25).unwrap();
    assert!((w.shortfall(&silent) - 0.8).abs() < 1e-12);
    assert_eq!(
        ClientReading::ICB_PRE_1980.shortfall(&silent),
        silent.expected()
    );
    // A diplomatic statement (0.25 of 0.8): fulfilment 0.3125, gap 0.55,
    // read at a quarter.
    let said = outcome(Some(
        SupportEvent::new("RUS", "CLI", d(2025, 1, 5), SupportKind::Diplomatic).unwrap(),
    ));
    assert!(!ClientReading::did_nothing(&said));
    assert!((said.fulfilment() - 0.3125).abs() < 1e-12);
    assert!((w.shortfall(&said) - 0.25 * 0.55).abs() < 1e-12);
    assert_eq!(
        ClientReading::AS_MEASURED.shortfall(&said),
        0.8 * (1.0 - 0.3125)
    );
    assert_eq!(ClientReading::ICB_PRE_1980.shortfall(&said), 0.0);
    // A hostile act: betrayed, an act, so not read as inactivity.
    let hostile = outcome(Some(
        SupportEvent::new("RUS", "CLI", d(2025, 1, 5), SupportKind::Hostile).unwrap(),
    ));
    assert_eq!(hostile.status(), Status::Betrayed);
    assert!(!ClientReading::did_nothing(&hostile));
    assert!((w.shortfall(&hostile) - 0.25 * 0.8).abs() < 1e-12);
    // The weight is a share.
    for bad in [-0.1, 1.01, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            ClientReading::new(bad),
            Err(Error::OutOfRange { .. })
        ));
    }
    assert_eq!(ClientReading::default(), ClientReading::ICB_PRE_1980);
}
