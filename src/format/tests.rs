//! Round trips (proptest) and the bundled sample document.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::{
    Actor, ActorId, ActorKind, Commitment, Confidence, Crisis, CrisisKind, CrisisKinds, Initiator,
    Intensity, Membership, Obligation, Parties, Period, Provocation, Region, Regions, Severity,
    SupportEvent, SupportKind, Timeline,
};

type Parts = (
    Vec<Actor>,
    Vec<Membership>,
    Vec<Commitment>,
    Vec<Crisis>,
    Vec<SupportEvent>,
);

fn parts(t: &Timeline) -> Parts {
    (
        t.actors().to_vec(),
        t.memberships().to_vec(),
        t.commitments().to_vec(),
        t.crises().to_vec(),
        t.events().collect(),
    )
}

fn sample_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples/sample.timeline.json")
}

#[test]
fn sample_loads_and_uses_every_kind() {
    let t = read_json_file(sample_path()).unwrap();
    assert_eq!(t.actors().len(), 11);
    assert_eq!(t.memberships().len(), 4);
    assert_eq!(t.commitments().len(), 7);
    assert_eq!(t.crises().len(), 8);
    assert_eq!(t.event_count(), 10);
    for k in [ActorKind::State, ActorKind::Bloc, ActorKind::NonState] {
        assert!(t.actors().iter().any(|a| a.kind() == k), "{k:?}");
    }
    assert!(t.memberships().iter().any(|m| m.period().until().is_some()));
    assert!(t.memberships().iter().any(|m| m.period().until().is_none()));
    for o in Obligation::ALL {
        assert!(t.commitments().iter().any(|c| c.obligation() == o), "{o}");
    }
    let c = t.commitments();
    assert!(matches!(c[0].parties(), Parties::Bloc(_)));
    assert!(matches!(c[1].parties(), Parties::Mutual(..)));
    assert!(matches!(c[2].parties(), Parties::Directed { .. }));
    assert_eq!(c[2].required_override(), Some(SupportKind::Materiel));
    assert_eq!(
        c[0].triggers().provocation,
        Provocation::ExcludedIfBeneficiaryInitiated
    );
    assert_eq!(
        c[3].triggers().adversaries,
        vec![ActorId::new("ISR").unwrap(), ActorId::new("USA").unwrap()]
    );
    for k in CrisisKind::ALL {
        assert!(t.crises().iter().any(|c| c.kind() == k), "{k}");
    }
    assert!(
        t.crises()
            .iter()
            .any(|c| c.initiator() == Initiator::Target)
    );
    assert!(t.crises().iter().any(|c| c.period().until().is_none()));
    let events: Vec<SupportEvent> = t.events().collect();
    for k in SupportKind::ALL {
        if k != SupportKind::Silence {
            assert!(events.iter().any(|e| e.kind() == k), "{k}");
        }
    }
    assert_eq!(events[2].against_actor().map(ActorId::as_str), Some("AZE"));
    assert_eq!(events[3].confidence().get(), 0.8);
    assert_eq!(events[3].intensity().get(), 0.4);
    assert_eq!(events[3].source(), Some("ceasefire mediation"));
}

#[test]
fn sample_is_in_canonical_layout() {
    // The bundled file is exactly what `write_json` writes for its timeline.
    let text = std::fs::read_to_string(sample_path()).unwrap();
    let t = read_json(text.as_bytes(), "sample").unwrap();
    let mut out = Vec::new();
    write_json(&t, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), text);
}

#[test]
fn sample_through_csv_tables() {
    let t = read_json_file(sample_path()).unwrap();
    let mut tables = Tables::<Vec<u8>>::default();
    write_tables_to(&t, &mut tables).unwrap();
    assert_eq!(
        String::from_utf8(tables.commitments.clone())
            .unwrap()
            .lines()
            .nth(1),
        Some(
            "CST-art4,bloc,CSTO,,defence,,1994-04-20,,,excluded_if_beneficiary_initiated,\
             external_attack;internal_uprising,\"Collective Security Treaty, article 4\""
        )
    );
    let back = read_tables_from(tables.as_slices()).unwrap();
    assert!(parts(&back) == parts(&t));
}

#[test]
fn document_serde_round_trip() {
    let t = read_json_file(sample_path()).unwrap();
    let doc = TimelineDocument::from_timeline(&t);
    assert_eq!(doc.format(), FORMAT);
    let text = serde_json::to_string(&doc).unwrap();
    let back: TimelineDocument = serde_json::from_str(&text).unwrap();
    assert!(parts(&back.into_timeline().unwrap()) == parts(&t));
}

#[test]
fn adversaries_are_sorted_on_read() {
    let text = br#"{"format": "alliance-timeline/1",
      "actors": [{"id": "A", "name": "", "kind": "state"}, {"id": "B", "name": "", "kind": "state"},
                 {"id": "C", "name": "", "kind": "state"}],
      "commitments": [{"id": "x", "parties": {"directed": {"guarantor": "A", "beneficiary": "B"}},
        "obligation": "defence", "period": {"from": "2000-01-01"},
        "triggers": {"adversaries": ["C", "A", "C"]}}],
      "crises": [{"id": "k", "target": "B", "period": {"from": "2001-01-01"}, "kind": "other",
        "adversaries": ["C", "A"]}]}"#;
    let t = read_json(&text[..], "t").unwrap();
    let ids = |v: &[ActorId]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&t.commitments()[0].triggers().adversaries), ["A", "C"]);
    assert_eq!(ids(t.crises()[0].adversaries()), ["A", "C"]);
}

#[test]
fn negative_years_round_trip() {
    let d = NaiveDate::from_ymd_opt(-431, 5, 1).unwrap();
    let t = Timeline::builder()
        .actor(Actor::new("ATH", "Athens", ActorKind::State).unwrap())
        .actor(Actor::new("SPA", "Sparta", ActorKind::State).unwrap())
        .event(SupportEvent::new("SPA", "ATH", d, SupportKind::Hostile).unwrap())
        .build()
        .unwrap();
    let mut json = Vec::new();
    write_json(&t, &mut json).unwrap();
    assert!(String::from_utf8_lossy(&json).contains("\"-0431-05-01\""));
    assert_eq!(
        read_json(&json[..], "j").unwrap().event(0).unwrap().date(),
        d
    );
    let mut tables = Tables::<Vec<u8>>::default();
    write_tables_to(&t, &mut tables).unwrap();
    let back = read_tables_from(tables.as_slices()).unwrap();
    assert_eq!(back.event(0).unwrap().date(), d);
}

// ---- random timelines built only through the real constructors ----

fn date() -> impl Strategy<Value = NaiveDate> {
    (1800i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN))
}

fn period() -> impl Strategy<Value = Period> {
    (date(), proptest::option::of(0i64..20_000)).prop_map(|(from, len)| {
        let until = len.and_then(|l| from.checked_add_signed(chrono::Duration::days(l)));
        Period::new(from, until).unwrap_or(Period::starting(from))
    })
}

fn unit() -> impl Strategy<Value = f64> {
    prop_oneof![Just(1.0), Just(0.1), 1e-9..1.0f64]
}

/// Free text with the characters that stress CSV and JSON quoting.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;\"'\r\n\té€\u{feff}]{1,12}"
}

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,;\"'\r\né]{0,12}"
}

#[derive(Clone, Debug)]
struct Raw {
    kinds: Vec<u8>,
    names: Vec<String>,
    memberships: Vec<(usize, usize, Period)>,
    commitments: Vec<RawCommitment>,
    crises: Vec<RawCrisis>,
    events: Vec<RawEvent>,
}

type RawCommitment = (
    u8,
    usize,
    usize,
    usize,
    Option<usize>,
    Period,
    Vec<usize>,
    u8,
    u8,
    Option<String>,
    u8,
    Vec<usize>,
);
type RawCrisis = (
    usize,
    Period,
    usize,
    f64,
    Vec<usize>,
    bool,
    Option<String>,
    u8,
);
type RawEvent = (
    usize,
    usize,
    Option<usize>,
    NaiveDate,
    usize,
    f64,
    f64,
    Option<String>,
);

fn raw() -> impl Strategy<Value = Raw> {
    (2usize..7).prop_flat_map(|n| {
        let idx = || 0..n;
        (
            proptest::collection::vec(0u8..3, n),
            proptest::collection::vec(name(), n),
            proptest::collection::vec((idx(), idx(), period()), 0..5),
            proptest::collection::vec(
                (
                    0u8..3,
                    idx(),
                    idx(),
                    0usize..6,
                    proptest::option::of(1usize..7),
                    period(),
                    proptest::collection::vec(idx(), 0..3),
                    0u8..3,
                    any::<u8>(),
                    proptest::option::of(text()),
                    region_bits(),
                    prop_oneof![
                        2 => Just(Vec::new()),
                        1 => proptest::collection::vec(idx(), 1..4),
                    ],
                ),
                0..5,
            ),
            proptest::collection::vec(
                (
                    idx(),
                    period(),
                    0usize..5,
                    unit(),
                    proptest::collection::vec(idx(), 0..3),
                    any::<bool>(),
                    proptest::option::of(text()),
                    region_bits(),
                ),
                0..5,
            ),
            proptest::collection::vec(
                (
                    idx(),
                    idx(),
                    proptest::option::of(idx()),
                    date(),
                    0usize..7,
                    unit(),
                    unit(),
                    proptest::option::of(text()),
                ),
                0..8,
            ),
        )
            .prop_map(
                |(kinds, names, memberships, commitments, crises, events)| Raw {
                    kinds,
                    names,
                    memberships,
                    commitments,
                    crises,
                    events,
                },
            )
    })
}

/// A set of regions as bits of [`Region::ALL`], empty a third of the time.
fn region_bits() -> impl Strategy<Value = u8> {
    prop_oneof![1 => Just(0u8), 2 => 0u8..64]
}

fn regions(bits: u8) -> Regions {
    Regions::of(
        Region::ALL
            .into_iter()
            .enumerate()
            .filter(|(j, _)| bits & (1 << j) != 0)
            .map(|(_, r)| r),
    )
}

fn other(n: usize, a: usize, b: usize) -> usize {
    (a + 1 + b % (n - 1)) % n
}

/// Builds a valid timeline from raw draws, skipping draws that cannot be
/// made valid (a bloc membership with no bloc, say).
fn build(r: &Raw) -> Timeline {
    let n = r.kinds.len();
    let kinds = [ActorKind::State, ActorKind::Bloc, ActorKind::NonState];
    let id = |i: usize| ActorId::new(format!("A{i}")).unwrap();
    let kind = |i: usize| kinds[r.kinds[i] as usize];
    let blocs: Vec<usize> = (0..n).filter(|&i| kind(i) == ActorKind::Bloc).collect();
    let mut b = Timeline::builder();
    for i in 0..n {
        b = b.actor(Actor::new(id(i).as_str(), r.names[i].clone(), kind(i)).unwrap());
    }
    for &(bi, m, p) in &r.memberships {
        if blocs.is_empty() {
            break;
        }
        let bloc = blocs[bi % blocs.len()];
        let member = other(n, bloc, m);
        b = b.membership(Membership::new(id(bloc), id(member), p).unwrap());
    }
    for (i, c) in r.commitments.iter().enumerate() {
        let (pk, a, x, ob, req, p, adv, prov, kinds_bits, label, region_bits, excluded) = c.clone();
        let parties = match pk {
            0 => Parties::Directed {
                guarantor: id(a),
                beneficiary: id(other(n, a, x)),
            },
            1 => Parties::Mutual(id(a), id(other(n, a, x))),
            _ if !blocs.is_empty() => Parties::Bloc(id(blocs[a % blocs.len()])),
            _ => Parties::Mutual(id(a), id(other(n, a, x))),
        };
        let mut c = Commitment::new(format!("c{i}"), parties, Obligation::ALL[ob], p).unwrap();
        if let Some(k) = req {
            c = c.with_required(SupportKind::ALL[k]);
        }
        c = c
            .with_adversaries(adv.into_iter().map(id))
            .with_provocation(match prov {
                0 => Provocation::Unconditional,
                1 => Provocation::ExcludedIfBeneficiaryInitiated,
                _ => Provocation::OnlyIfBeneficiaryInitiated,
            })
            .with_regions(regions(region_bits))
            .with_excluded_adversaries(excluded.into_iter().map(id));
        if kinds_bits >= 64 {
            c = c.with_crisis_kinds(CrisisKinds::of(
                CrisisKind::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(j, _)| kinds_bits & (1 << j) != 0)
                    .map(|(_, k)| k),
            ));
        }
        if let Some(l) = label {
            c = c.with_label(l);
        }
        b = b.commitment(c);
    }
    for (i, (t, p, k, sev, adv, init, label, region_bits)) in r.crises.iter().cloned().enumerate() {
        let mut c = Crisis::new(format!("k{i}"), id(t), p, CrisisKind::ALL[k])
            .unwrap()
            .with_severity(Severity::new(sev).unwrap())
            .with_adversaries(adv.into_iter().filter(|&a| a != t).map(id))
            .with_initiator(if init {
                Initiator::Target
            } else {
                Initiator::Other
            })
            .with_regions(regions(region_bits));
        if let Some(l) = label {
            c = c.with_label(l);
        }
        b = b.crisis(c);
    }
    for (p, rc, against, d, k, int, conf, source) in r.events.iter().cloned() {
        let recipient = other(n, p, rc);
        let kind = SupportKind::ALL[if k == 1 { 2 } else { k }];
        let mut e = SupportEvent::new(id(p), id(recipient), d, kind)
            .unwrap()
            .with_intensity(Intensity::new(int).unwrap())
            .with_confidence(Confidence::new(conf).unwrap());
        if let Some(a) = against
            && a != recipient
            && kind != SupportKind::Hostile
        {
            e = e.against(id(a));
        }
        if let Some(s) = source {
            e = e.with_source(s);
        }
        b = b.event(e);
    }
    b.build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_round_trip_is_lossless(r in raw()) {
        let t = build(&r);
        let mut first = Vec::new();
        write_json(&t, &mut first).unwrap();
        let back = read_json(&first[..], "round-trip.json").unwrap();
        prop_assert!(parts(&back) == parts(&t));
        let mut second = Vec::new();
        write_json(&back, &mut second).unwrap();
        prop_assert_eq!(first, second);
    }

    #[test]
    fn csv_round_trip_is_lossless(r in raw()) {
        let t = build(&r);
        let mut first = Tables::<Vec<u8>>::default();
        write_tables_to(&t, &mut first).unwrap();
        let back = read_tables_from(first.as_slices()).unwrap();
        prop_assert!(parts(&back) == parts(&t));
        let mut second = Tables::<Vec<u8>>::default();
        write_tables_to(&back, &mut second).unwrap();
        prop_assert_eq!(first, second);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Readers never panic: arbitrary bytes, and valid files cut anywhere.
    #[test]
    fn readers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), r in raw(), cut in any::<usize>()) {
        let _ = read_json(&bytes[..], "noise.json");
        let noise = Tables {
            actors: &bytes[..],
            memberships: &bytes[..],
            commitments: &bytes[..],
            crises: &bytes[..],
            events: &bytes[..],
        };
        let _ = read_tables_from(noise);

        let t = build(&r);
        let mut json = Vec::new();
        write_json(&t, &mut json).unwrap();
        let at = cut % (json.len() + 1);
        let result = read_json(&json[..at], "cut.json");
        // Only a cut after the closing brace (the trailing newline) still reads.
        prop_assert_eq!(result.is_ok(), at + 1 >= json.len());

        let mut tables = Tables::<Vec<u8>>::default();
        write_tables_to(&t, &mut tables).unwrap();
        let at = cut % (tables.events.len() + 1);
        let mut cut_tables = tables.as_slices();
        cut_tables.events = &tables.events[..at];
        let _ = read_tables_from(cut_tables);
    }
}

#[test]
fn model_serde_output_is_a_valid_record() {
    // The model types' own serde form (with its nulls and defaults written
    // out) reads as document records.
    let t = read_json_file(sample_path()).unwrap();
    let doc = serde_json::json!({
        "format": FORMAT,
        "actors": t.actors(),
        "memberships": t.memberships(),
        "commitments": t.commitments(),
        "crises": t.crises(),
        "events": t.events().collect::<Vec<_>>(),
    });
    let text = serde_json::to_vec(&doc).unwrap();
    assert!(String::from_utf8_lossy(&text).contains("\"label\":null"));
    let back = read_json(&text[..], "model.json").unwrap();
    assert!(parts(&back) == parts(&t));
}

/// A timeline using the location and exclusion fields: a crisis in two
/// regions, one of unknown place, a commitment limited to regions and one
/// excluding adversaries.
fn located() -> Timeline {
    let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    let id = |s: &str| ActorId::new(s).unwrap();
    let mutual = Parties::Mutual(id("A"), id("B"));
    Timeline::builder()
        .actors(["A", "B", "C"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
        .commitment(
            Commitment::new(
                "c0",
                mutual.clone(),
                Obligation::Defence,
                Period::starting(d(2000)),
            )
            .unwrap()
            .with_regions(Regions::of([Region::MiddleEast, Region::Europe])),
        )
        .commitment(
            Commitment::new(
                "c1",
                mutual,
                Obligation::Consultation,
                Period::starting(d(2000)),
            )
            .unwrap()
            .with_excluded_adversaries([id("C"), id("B"), id("C")]),
        )
        .crisis(
            Crisis::new(
                "k0",
                "A",
                Period::starting(d(2001)),
                CrisisKind::ExternalAttack,
            )
            .unwrap()
            .with_adversaries([id("C")])
            .with_regions(Regions::of([Region::Asia, Region::Europe])),
        )
        .crisis(Crisis::new("k1", "B", Period::starting(d(2002)), CrisisKind::Other).unwrap())
        .build()
        .unwrap()
}

#[test]
fn regions_and_exclusions_round_trip_in_both_formats() {
    let t = located();
    let mut json = Vec::new();
    write_json(&t, &mut json).unwrap();
    let text = String::from_utf8(json.clone()).unwrap();
    assert!(
        text.contains(r#""triggers": {"regions": ["europe", "middle_east"]}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""triggers": {"excluded_adversaries": ["B", "C"]}"#),
        "{text}"
    );
    assert!(text.contains(r#""regions": ["europe", "asia"]}"#), "{text}");
    // The crisis of unknown place writes no `regions` at all.
    assert_eq!(text.matches("\"regions\"").count(), 2, "{text}");
    let back = read_json(&json[..], "located.json").unwrap();
    assert!(parts(&back) == parts(&t));
    // The fast reader reads the same records (it shares the checking
    // reader's record types) rather than giving up.
    let fast = super::json_fast::read(&json).expect("the fast reader accepts it");
    assert!(parts(&fast) == parts(&t));
    // The model types' own serde form reads as document records too.
    let doc = serde_json::json!({
        "format": FORMAT,
        "actors": t.actors(),
        "commitments": t.commitments(),
        "crises": t.crises(),
    });
    let model = serde_json::to_vec(&doc).unwrap();
    assert!(parts(&read_json(&model[..], "model.json").unwrap()) == parts(&t));

    let mut tables = Tables::<Vec<u8>>::default();
    write_tables_to(&t, &mut tables).unwrap();
    let commitments = String::from_utf8(tables.commitments.clone()).unwrap();
    assert_eq!(
        commitments,
        "id,parties,party_a,party_b,obligation,required,from,until,adversaries,provocation,crisis_kinds,label,regions,excluded_adversaries\n\
         c0,mutual,A,B,defence,,2000-01-01,,,unconditional,,,europe;middle_east,\n\
         c1,mutual,A,B,consultation,,2000-01-01,,,unconditional,,,,B;C\n"
    );
    let crises = String::from_utf8(tables.crises.clone()).unwrap();
    assert_eq!(
        crises,
        "id,target,from,until,kind,severity,adversaries,initiator,label,regions\n\
         k0,A,2001-01-01,,external_attack,1,C,other,,europe;asia\n\
         k1,B,2002-01-01,,other,1,,other,,\n"
    );
    let back = read_tables_from(tables.as_slices()).unwrap();
    assert!(parts(&back) == parts(&t));
}

#[test]
fn region_lists_read_in_any_order_with_duplicates() {
    let t = located();
    let mut tables = Tables::<Vec<u8>>::default();
    write_tables_to(&t, &mut tables).unwrap();
    let crises = String::from_utf8(tables.crises.clone())
        .unwrap()
        .replace("europe;asia", " asia ; europe;asia");
    let back = read_tables_from(Tables {
        crises: crises.as_bytes(),
        ..tables.as_slices()
    })
    .unwrap();
    assert_eq!(back.crises()[0].regions(), t.crises()[0].regions());
    let json = br#"{"format": "alliance-timeline/1",
      "actors": [{"id": "A", "name": "", "kind": "state"}],
      "crises": [{"id": "k", "target": "A", "period": {"from": "2001-01-01"}, "kind": "other",
        "regions": ["asia", "europe", "asia"]}]}"#;
    let back = read_json(&json[..], "j").unwrap();
    assert_eq!(
        back.crises()[0].regions(),
        Regions::of([Region::Europe, Region::Asia])
    );
}

#[test]
fn new_columns_and_fields_are_written_only_when_used() {
    // Without regions or exclusions the tables have exactly the columns
    // they had before those fields existed (the JSON layout is pinned by
    // `sample_is_in_canonical_layout`).
    let t = read_json_file(sample_path()).unwrap();
    let mut tables = Tables::<Vec<u8>>::default();
    write_tables_to(&t, &mut tables).unwrap();
    let header = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        header(&tables.commitments),
        "id,parties,party_a,party_b,obligation,required,from,until,adversaries,provocation,crisis_kinds,label"
    );
    assert_eq!(
        header(&tables.crises),
        "id,target,from,until,kind,severity,adversaries,initiator,label"
    );
    let mut json = Vec::new();
    write_json(&t, &mut json).unwrap();
    let text = String::from_utf8(json).unwrap();
    assert!(!text.contains("regions") && !text.contains("excluded_adversaries"));

    // Each optional column on its own: only exclusions, then only a
    // trigger region.
    let only = |c: Commitment| {
        Timeline::builder()
            .actors(t.actors().iter().cloned())
            .commitment(c)
            .build()
            .unwrap()
    };
    let base = t.commitments()[1].clone();
    for (c, tail) in [
        (
            base.clone()
                .with_excluded_adversaries([ActorId::new("AZE").unwrap()]),
            ",label,excluded_adversaries",
        ),
        (
            base.with_regions(Regions::of([Region::Oceania])),
            ",label,regions",
        ),
    ] {
        let mut tables = Tables::<Vec<u8>>::default();
        write_tables_to(&only(c), &mut tables).unwrap();
        assert!(header(&tables.commitments).ends_with(tail), "{tail}");
        assert_eq!(
            header(&tables.crises),
            "id,target,from,until,kind,severity,adversaries,initiator,label"
        );
    }
}

/// Tables with `actors` and `events` replaced, the rest empty with headers.
fn tables_with(actors: &str, events: &str) -> Tables<Vec<u8>> {
    let mut t = Tables::<Vec<u8>>::default();
    write_tables_to(&Timeline::builder().build().unwrap(), &mut t).unwrap();
    t.actors = actors.as_bytes().to_vec();
    t.events = events.as_bytes().to_vec();
    t
}

/// Issue 11: an unterminated quote is reported at the line where it
/// opens, as an unterminated quote, and a quote opened in free text no
/// longer swallows the rest of the file silently.
#[test]
fn unterminated_quote_is_named_where_it_opens() {
    let actors = "id,name,kind\nA,Alpha,state\nB,Beta,state\n";
    let h = "provider,recipient,date,kind,intensity,source";
    let ok = "A,B,2020-01-01,military,0.5,report";
    for (events, line) in [
        (
            format!("{h}\n{ok}\nA,\"B,2020-01-02,military,0.5,x\n{ok}\n{ok}\n"),
            3,
        ),
        (
            format!("{h}\n{ok}\n{ok}\nA,B,2020-01-02,military,0.5,\"wire\n{ok}\n{ok}\n"),
            4,
        ),
        (
            format!("{h}\r\n{ok}\r\n\r\nA,B,2020-01-02,military,0.5,\"wire\r\n{ok}\r\n"),
            4,
        ),
    ] {
        let t = tables_with(actors, &events);
        let err = read_tables_from(t.as_slices()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("events.csv:{line}: unterminated quoted field")),
            "{events:?}: {text}"
        );
    }
    // A quoted field that spans lines and is closed is read as before.
    let events = format!("{h}\n{ok}\nA,B,2020-01-02,military,0.5,\"two\nlines\"\n");
    let tl = read_tables_from(tables_with(actors, &events).as_slices()).unwrap();
    assert_eq!(tl.event_count(), 2);
    assert_eq!(tl.event(1).unwrap().source(), Some("two\nlines"));
}

/// Issue 11: a row after blank lines or `\r\n` line ends is named by its
/// own line (`csv` places it at the blank line, or at the `\n`).
#[test]
fn rows_after_blank_lines_and_crlf_name_their_line() {
    for (actors, line) in [
        ("id,name,kind\nA,Alpha,state\n\nB,Beta,statex\n", 4),
        ("id,name,kind\r\nA,Alpha,state\r\nB,Beta,statex\r\n", 3),
        ("id,name,kind\rA,Alpha,state\r\rB,Beta,statex\r", 4),
    ] {
        let err =
            read_tables_from(tables_with(actors, "provider,recipient,date,kind\n").as_slices())
                .unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("actors.csv:{line} field `kind`")),
            "{actors:?}: {err}"
        );
    }
}
