//! Issue 10: one consistent public API. One test (or more) per item: ids
//! taken one way, infallible builders with deferred checks, query methods,
//! `Outcome::base_weight`, the new obligation and crisis kinds, explanation
//! tables that never cut ids, and the silence rule said up front.

#[path = "../examples/seed/data.rs"]
#[allow(dead_code)]
mod data;

use alliance_reliability::*;
use chrono::NaiveDate;
use data::d;

fn seed() -> Ledger {
    Ledger::new(data::timeline().expect("seed is valid"), Config::default()).unwrap()
}

fn actors(names: &[&str]) -> Vec<Actor> {
    names
        .iter()
        .map(|n| Actor::new(*n, *n, ActorKind::State).unwrap())
        .collect()
}

// Item 1: every parameter that names an actor takes text or ids alike.
#[test]
fn ids_are_taken_one_way() -> Result<(), Error> {
    let start = Period::starting(d(2022, 9, 13));
    let by_text = Crisis::new("ARM-2022-09", "ARM", start, CrisisKind::ExternalAttack)?
        .with_adversaries(["AZE", "TUR", "AZE"]);
    let aze = ActorId::new("AZE")?;
    let tur = ActorId::new("TUR")?;
    let by_id = Crisis::new(
        CrisisId::new("ARM-2022-09")?,
        ActorId::new("ARM")?,
        start,
        CrisisKind::ExternalAttack,
    )?
    .with_adversaries([&tur, &aze]);
    assert_eq!(by_text, by_id);
    assert_eq!(by_text.adversaries(), &[aze.clone(), tur.clone()]);

    let e1 = SupportEvent::new("RUS", "IRN", d(2025, 6, 13), SupportKind::Verbal)?.against("ISR");
    let e2 = SupportEvent::new(
        ActorId::new("RUS")?,
        String::from("IRN"),
        d(2025, 6, 13),
        SupportKind::Verbal,
    )?
    .against(ActorId::new("ISR")?);
    assert_eq!(e1, e2);

    assert_eq!(
        Parties::directed("RUS", "IRN")?,
        Parties::Directed {
            guarantor: ActorId::new("RUS")?,
            beneficiary: ActorId::new("IRN")?,
        }
    );
    assert_eq!(
        Parties::mutual("RUS", &aze)?,
        Parties::Mutual(ActorId::new("RUS")?, aze)
    );
    assert_eq!(Parties::bloc("CSTO")?, Parties::Bloc(ActorId::new("CSTO")?));
    assert!(matches!(
        Parties::bloc("C STO"),
        Err(Error::InvalidId { .. })
    ));
    let c = Commitment::new("c", Parties::bloc("CSTO")?, Obligation::Defence, start)?
        .with_adversaries(["AZE"])
        .with_excluded_adversaries([tur])
        .with_treaty("CST");
    assert_eq!(c.treaty().map(|t| t.as_str()), Some("CST"));

    // key_of takes the same.
    let l = seed();
    let tl = l.timeline();
    assert_eq!(tl.key_of("RUS")?, tl.key_of(ActorId::new("RUS")?)?);
    assert!(matches!(tl.key_of("R U S"), Err(Error::UnknownActor(_))));
    Ok(())
}

// Item 1: builder methods are infallible; what they cannot check is
// reported by the timeline, naming the record and the field.
#[test]
fn builder_problems_are_reported_by_the_timeline_with_the_record() -> Result<(), Error> {
    let p = Period::starting(d(2020, 1, 1));
    let err = Timeline::builder()
        .actors(actors(&["A", "B", "C"]))
        .commitment(
            Commitment::new("pact", Parties::mutual("A", "B")?, Obligation::Defence, p)?
                .with_adversaries(["C", "bad id"]),
        )
        .crisis(Crisis::new("war", "B", p, CrisisKind::ExternalAttack)?.with_adversaries([""]))
        .event(SupportEvent::new("A", "B", d(2020, 2, 1), SupportKind::Hostile)?.against("C"))
        .event(SupportEvent::new("A", "B", d(2020, 2, 2), SupportKind::Verbal)?.against("C!"))
        .build()
        .unwrap_err();
    let Error::InvalidTimeline(problems) = err else {
        panic!("expected InvalidTimeline, got {err:?}");
    };
    let shown: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::InvalidId { record, field: "triggers.adversaries", value, .. }
                if record.kind == RecordKind::Commitment && record.id == "pact" && value == "bad id")),
        "{shown:?}"
    );
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::InvalidId { record, field: "adversaries", .. }
                if record.kind == RecordKind::Crisis && record.id == "war")),
        "{shown:?}"
    );
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::HostileAgainst { record } if record.id == "#0")),
        "{shown:?}"
    );
    assert!(
        problems.iter().any(|p| matches!(p,
            Problem::InvalidId { record, field: "against", value, .. }
                if record.id == "#1" && value == "C!")),
        "{shown:?}"
    );
    assert_eq!(problems.len(), 4, "{shown:?}");

    // The ledger rejects the same event, and is unchanged.
    let tl = Timeline::builder()
        .actors(actors(&["A", "B", "C"]))
        .build()?;
    let mut ledger = Ledger::new(tl, Config::default()).unwrap();
    let hostile = SupportEvent::new("A", "B", d(2020, 2, 1), SupportKind::Hostile)?.against("C");
    assert!(matches!(
        ledger.add_event(hostile),
        Err(Error::Rejected(Problem::HostileAgainst { .. }))
    ));
    assert_eq!(ledger.timeline().event_count(), 0);
    Ok(())
}

// Item 1: deserialization keeps its precise errors.
#[test]
#[cfg(feature = "serde")]
fn a_hostile_event_with_against_in_a_file_is_still_a_precise_error() {
    let json =
        r#"{"provider":"A","recipient":"B","against":"C","date":"2020-02-01","kind":"hostile"}"#;
    let err = serde_json::from_str::<SupportEvent>(json).unwrap_err();
    assert!(err.to_string().contains("hostile event"), "{err}");
    let ok =
        r#"{"provider":"A","recipient":"B","against":"C","date":"2020-02-01","kind":"verbal"}"#;
    let e: SupportEvent = serde_json::from_str(ok).unwrap();
    assert_eq!(e.against_actor().map(|a| a.as_str()), Some("C"));
}

// Item 2: the questions users ask, on the seed data.
#[test]
fn query_methods_answer_on_the_seed() -> Result<(), Error> {
    let l = seed();
    let a = l.assess(d(2026, 1, 20));
    // Russia in Venezuela, January 2026: silence against the 2025 treaty.
    let ven = a.outcome_of("VEN-2026-01", "RUS")?;
    assert_eq!(ven.len(), 1);
    assert_eq!(ven[0].commitment.as_str(), "RUS-VEN-2025");
    assert_eq!(ven[0].obligation, Obligation::StrategicPartnership);
    assert_eq!(ven[0].status, Status::Abandoned);
    assert_eq!(ven[0].fulfilment, 0.0);
    assert!(ven[0].response.is_none());
    assert_eq!(ven[0].share, 1.0);
    // Russia in Iran, June 2025: verbal against diplomatic, f = 0.4.
    let irn = a.outcome_of("IRN-2025-06", ActorId::new("RUS")?)?;
    assert_eq!(irn.len(), 1);
    assert!((irn[0].fulfilment - 0.4).abs() < 1e-12);
    // A guarantor the crisis did not test: no tests, not an error.
    assert!(a.outcome_of("VEN-2026-01", "IRN")?.is_empty());
    // Every test of one crisis: RUS and the 8 other BRICS members.
    let all = a.tests_of_crisis("IRN-2025-06")?;
    assert_eq!(all.len(), 9);
    assert!(all.iter().all(|c| c.crisis.as_str() == "IRN-2025-06"));
    let total: f64 = all.iter().map(|c| c.share).sum();
    assert!((total - 1.0).abs() < 1e-12);
    // Every test of one commitment, pending ones included.
    let csp = a.tests_of_commitment("RUS-IRN-CSP")?;
    let crises: Vec<&str> = csp.iter().map(|c| c.crisis.as_str()).collect();
    assert_eq!(crises, ["IRN-2025-06", "IRN-2025-12"]);
    assert_eq!(csp[1].status, Status::Pending);
    // The same contributions as the explanation of Russia's reliability.
    let rus = l.timeline().key_of("RUS")?;
    let e = a.explain_reliability(rus)?;
    let in_e = e
        .contributions
        .iter()
        .find(|c| c.crisis.as_str() == "VEN-2026-01")
        .unwrap();
    assert_eq!((in_e.test, in_e.weight), (ven[0].test, ven[0].weight));
    // Unknown names are typed errors.
    assert!(matches!(
        a.outcome_of("NOPE", "RUS"),
        Err(Error::UnknownCrisis(_))
    ));
    assert!(matches!(
        a.outcome_of("VEN-2026-01", "XXX"),
        Err(Error::UnknownActor(_))
    ));
    assert!(matches!(
        a.tests_of_commitment("NOPE"),
        Err(Error::UnknownCommitment(_))
    ));
    assert!(matches!(
        a.tests_of_crisis(""),
        Err(Error::InvalidId { .. })
    ));
    Ok(())
}

// Item 3: the base weight is named for what it is.
#[test]
#[allow(deprecated)]
fn base_weight_is_severity_over_k() {
    let l = Ledger::new(
        data::timeline().unwrap(),
        Config::default().judging(Judging::EqualSplit),
    )
    .unwrap();
    let as_of = d(2026, 1, 20);
    for o in l.outcomes(as_of) {
        let v = l.test_view(o.test(), as_of).unwrap();
        let k = l
            .outcomes(as_of)
            .iter()
            .filter(|x| {
                x.guarantor() == o.guarantor()
                    && l.test_view(x.test(), as_of).unwrap().crisis.id() == v.crisis.id()
                    && x.beneficiary() == o.beneficiary()
            })
            .count() as f64;
        assert!((o.base_weight() - v.crisis.severity().get() / k).abs() < 1e-12);
        assert_eq!(o.base_weight(), o.severity());
    }
}

fn war_world(kind: CrisisKind, initiator: Initiator) -> Result<Ledger, Error> {
    let p = Period::starting(d(2000, 1, 1));
    let tl = Timeline::builder()
        .actors(actors(&["G", "B", "X"]))
        .commitment(
            Commitment::new(
                "offence",
                Parties::directed("G", "B")?,
                Obligation::Offence,
                p,
            )?
            .with_provocation(Provocation::OnlyIfBeneficiaryInitiated),
        )
        .commitment(
            Commitment::new(
                "defence",
                Parties::directed("G", "B")?,
                Obligation::Defence,
                p,
            )?
            .with_provocation(Provocation::ExcludedIfBeneficiaryInitiated),
        )
        .crisis(
            Crisis::new("war", "B", Period::starting(d(2010, 1, 1)), kind)?
                .with_adversaries(["X"])
                .with_initiator(initiator),
        )
        .build()?;
    Ledger::new(tl, Config::default().judging(Judging::EqualSplit))
}

// Item 4: the target's own war invokes offence pledges, not
// non-provocation ones, whatever initiator was set.
#[test]
fn own_war_invokes_offence_pledges_only() -> Result<(), Error> {
    let l = war_world(CrisisKind::OwnWar, Initiator::Other)?;
    assert_eq!(l.timeline().crises()[0].initiator(), Initiator::Target);
    let a = l.assess(d(2012, 1, 1));
    let tests = a.tests_of_crisis("war")?;
    let invoked: Vec<&str> = tests.iter().map(|c| c.commitment.as_str()).collect();
    assert_eq!(invoked, ["offence"]);
    // The same as the old coding, an attack initiated by the target.
    let old = war_world(CrisisKind::Other, Initiator::Target)?;
    assert_eq!(old.test_count(), 1);
    // And an attack on the target invokes the defence pledge only.
    let attacked = war_world(CrisisKind::ExternalAttack, Initiator::Other)?;
    let a = attacked.assess(d(2012, 1, 1));
    let invoked: Vec<String> = a
        .tests_of_crisis("war")?
        .iter()
        .map(|c| c.commitment.to_string())
        .collect();
    assert_eq!(invoked, ["defence"]);
    // Under the expectation lens it calls for military support.
    let l = war_world(CrisisKind::OwnWar, Initiator::Other)?;
    let e = l.expected_level(0).unwrap();
    assert!((e.need - 1.0).abs() < 1e-12, "{e:?}");
    Ok(())
}

// Item 4: the new names on the wire, and old documents still read.
#[test]
#[cfg(feature = "serde")]
fn new_kinds_round_trip_and_old_names_still_read() -> Result<(), Error> {
    assert_eq!(
        Obligation::StrategicPartnership.default_required(),
        SupportKind::Diplomatic
    );
    assert_eq!(
        "strategic_partnership".parse::<Obligation>()?,
        Obligation::StrategicPartnership
    );
    assert_eq!(
        "partnership".parse::<Obligation>()?,
        Obligation::Partnership
    );
    assert_eq!("own_war".parse::<CrisisKind>()?, CrisisKind::OwnWar);
    assert!(CrisisKinds::ALL.contains(CrisisKind::OwnWar));

    let tl = data::timeline()?;
    let mut buf = Vec::new();
    format::write_json(&tl, &mut buf)?;
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains("\"strategic_partnership\""));
    let back = format::read_json(text.as_bytes(), "seed.json")?;
    assert_eq!(back.commitments(), tl.commitments());

    // The bundled sample, written before the new kinds, reads unchanged.
    let sample = format::read_json_file("data/examples/sample.timeline.json")?;
    assert!(
        sample
            .commitments()
            .iter()
            .any(|c| c.obligation() == Obligation::Partnership)
    );
    let c: Crisis = serde_json::from_str(
        r#"{"id":"w","target":"B","period":{"from":"2010-01-01"},"kind":"own_war"}"#,
    )
    .unwrap();
    assert_eq!(c.initiator(), Initiator::Target);
    Ok(())
}

// Item 5: explanation tables never cut ids.
#[test]
fn explanation_tables_keep_whole_ids() -> Result<(), Error> {
    let p = Period::starting(d(2000, 1, 1));
    let long_a = "RUS-IRN-CSP-consultation-article-3";
    let long_b = "RUS-IRN-CSP-consultation-article-4";
    let tl = Timeline::builder()
        .actors(actors(&["RUS", "IRN-ISLAMIC-REPUBLIC"]))
        .commitment(
            Commitment::new(
                long_a,
                Parties::directed("RUS", "IRN-ISLAMIC-REPUBLIC")?,
                Obligation::Consultation,
                p,
            )?
            .with_treaty("A"),
        )
        .commitment(
            Commitment::new(
                long_b,
                Parties::directed("RUS", "IRN-ISLAMIC-REPUBLIC")?,
                Obligation::StrategicPartnership,
                p,
            )?
            .with_treaty("B"),
        )
        .crisis(Crisis::new(
            "IRN-2025-06-twelve-day-war",
            "IRN-ISLAMIC-REPUBLIC",
            Period::new(d(2025, 6, 13), Some(d(2025, 6, 24)))?,
            CrisisKind::ExternalAttack,
        )?)
        .build()?;
    // Clause by clause, so both commitments show.
    let l = Ledger::new(tl, Config::default().judging(Judging::EqualSplit)).unwrap();
    let a = l.assess(d(2026, 1, 1));
    let shown = a
        .explain_reliability(l.timeline().key_of("RUS")?)?
        .to_string();
    for id in [
        long_a,
        long_b,
        "IRN-2025-06-twelve-day-war",
        "RUS>IRN-ISLAMIC-REPUBLIC",
    ] {
        assert!(shown.contains(id), "{id} cut in:\n{shown}");
    }
    assert!(!shown.contains('~'), "{shown}");
    assert!(
        shown.contains("strategic_partnership >= diplomatic"),
        "{shown}"
    );
    Ok(())
}

// Item 6: the silence rule, where users meet it.
#[test]
fn silence_error_says_what_to_do_instead() {
    let e = SupportEvent::new("RUS", "IRN", d(2026, 1, 1), SupportKind::Silence).unwrap_err();
    assert!(matches!(e, Error::SilenceEvent));
    let msg = e.to_string();
    assert!(msg.contains("record nothing"), "{msg}");
    assert!(msg.contains("resolves as silence"), "{msg}");
    let _ = NaiveDate::MIN;
}
