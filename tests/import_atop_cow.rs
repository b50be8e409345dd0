//! The ATOP 5.1, COW alliance v4.1 and COW war v4.0 importers on the real
//! bundled files: exact counts, known facts, and a timeline that scores.
#![cfg(feature = "bundled-data")]

use std::collections::BTreeMap;

use alliance_reliability::import::{
    AtopCondition, AtopImport, COW_WAR_4_0, CowAllianceImport, CowWarImport, SkipReason,
    StateSystem,
};
use alliance_reliability::{
    Actor, ActorId, Commitment, Config, CrisisKind, Initiator, Invocation, Ledger, Obligation,
    Parties, Provocation, Region, Regions, Status, SupportKind, Timeline,
};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn by_kind(commitments: &[Commitment]) -> BTreeMap<Obligation, usize> {
    let mut m = BTreeMap::new();
    for c in commitments {
        *m.entry(c.obligation()).or_default() += 1;
    }
    m
}

fn find<'a>(commitments: &'a [Commitment], id: &str) -> &'a Commitment {
    commitments
        .iter()
        .find(|c| c.id().as_str() == id)
        .unwrap_or_else(|| panic!("no commitment {id}"))
}

fn directed(c: &Commitment) -> (&str, &str) {
    match c.parties() {
        Parties::Directed {
            guarantor,
            beneficiary,
        } => (guarantor.as_str(), beneficiary.as_str()),
        other => panic!("not directed: {other:?}"),
    }
}

#[test]
fn atop_counts() {
    let atop = AtopImport::bundled(&StateSystem::bundled()).unwrap();
    let r = &atop.report;
    assert_eq!(r.rows_read, 2510);
    assert_eq!(r.rows_used, 2508);
    // Member 8152 of alliance 1320 is not a COW state...
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownActor { field: "member" }),
        1
    );
    // ...which leaves its only partner, France, with nobody to owe.
    assert_eq!(
        r.skipped_for(&SkipReason::OutOfScope {
            what: "member in no commitment (no overlapping partner with an obligation)"
        }),
        1
    );
    assert_eq!(r.skipped_total(), 2);
    assert_eq!(r.examples[0].line, 203);
    assert_eq!(r.examples[0].value, "8152");
    assert_eq!(r.records, 36_921);
    assert_eq!(atop.commitments.len(), 36_921);
    assert_eq!(
        by_kind(&atop.commitments),
        BTreeMap::from([
            (Obligation::Defence, 9_084),
            (Obligation::Offence, 2_085),
            (Obligation::Neutrality, 339),
            (Obligation::NonAggression, 17_825),
            (Obligation::Consultation, 7_588),
        ])
    );
    assert_eq!(atop.disjoint_pairs, 272);
    // Named threats and locations are enforced (the treaty rule, issue 6):
    // 4 240 commitments name their adversary, 5 923 carry a region.
    assert_eq!(atop.unenforced.len(), 6_215);
    assert_eq!(atop.named_threat_commitments, 4_240);
    assert_eq!(atop.located_commitments, 5_923);
    assert_eq!(atop.actors.len(), 207);
    let non_provocation = atop
        .commitments
        .iter()
        .filter(|c| c.triggers().provocation == Provocation::ExcludedIfBeneficiaryInitiated)
        .count();
    assert_eq!(non_provocation, 504);
    let mut conditions: BTreeMap<AtopCondition, usize> = BTreeMap::new();
    for cs in atop.unenforced.values() {
        for c in cs {
            *conditions.entry(*c).or_default() += 1;
        }
    }
    assert_eq!(conditions[&AtopCondition::Adversary], 392);
    assert_eq!(conditions.get(&AtopCondition::Location), None);
    assert_eq!(
        conditions,
        atop.unenforced_counts()
            .into_iter()
            .map(|(k, v)| (k, v as usize))
            .collect()
    );
    assert_eq!(conditions[&AtopCondition::VariesByPartner], 306);
}

#[test]
fn atop_known_facts() {
    let atop = AtopImport::bundled(&StateSystem::bundled()).unwrap();
    // NATO (ATOP 3180), phase 1: the United States owes the United Kingdom
    // defence. ATOP codes the signature, 4 April 1949, not the entry into
    // force (24 August 1949); phase 2 starts with the Ottawa agreement of
    // 19 June 1951 and is still in force.
    let p1 = find(&atop.commitments, "ATOP:3180:p1:2-200:defence");
    assert_eq!(directed(p1), ("USA", "UKG"));
    assert_eq!(p1.period().from(), d(1949, 4, 4));
    assert_eq!(p1.period().until(), Some(d(1951, 6, 19)));
    assert_eq!(p1.required(), SupportKind::Military);
    assert!(p1.triggers().kinds.contains(CrisisKind::ExternalAttack));
    assert!(!p1.triggers().kinds.contains(CrisisKind::InternalUprising));
    // Article 6's North Atlantic area: a location condition, read as the
    // partner's home region (the United Kingdom: Europe).
    assert!(!atop.unenforced.contains_key(p1.id()));
    assert_eq!(p1.triggers().regions, Regions::of([Region::Europe]));
    assert_eq!(p1.label(), Some("ATOP 3180 phase 1: defence"));
    let p2 = find(&atop.commitments, "ATOP:3180:p2:2-200:defence");
    assert_eq!(p2.period().from(), d(1951, 6, 19));
    assert_eq!(p2.period().until(), None);
    // West Germany (260) joined in 1954 and left at reunification; Germany
    // (255) joined on 3 October 1990: the overlap bounds each commitment.
    let frg = find(&atop.commitments, "ATOP:3180:p2:260-2:defence");
    assert_eq!(frg.period().from(), d(1954, 10, 23));
    assert_eq!(frg.period().until(), Some(d(1990, 10, 3)));
    // Anglo-Polish alliance of 25 August 1939: against a named adversary,
    // Germany (statthr1 = 255).
    let uk_pol = find(&atop.commitments, "ATOP:2440:p2:200-290:defence");
    assert_eq!(uk_pol.period().from(), d(1939, 8, 25));
    assert_eq!(uk_pol.period().until(), Some(d(1939, 9, 27)));
    assert!(!atop.unenforced.contains_key(uk_pol.id()));
    let named: Vec<&str> = uk_pol
        .triggers()
        .adversaries
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(named, ["GMY"]);
    // Non-provocation clause: ATOP 1020 phase 2 (Germanic Confederation).
    let gc = atop
        .commitments
        .iter()
        .find(|c| {
            c.id().as_str().starts_with("ATOP:1020:p2:240-")
                && c.obligation() == Obligation::Defence
        })
        .unwrap();
    assert_eq!(
        gc.triggers().provocation,
        Provocation::ExcludedIfBeneficiaryInitiated
    );
    // Egypt left the Arab League pact (3015) in 1979 and came back in 1989:
    // two rows, two spells, told apart in ids.
    let egy = find(&atop.commitments, "ATOP:3015:p0:651.2-652:non_aggression");
    assert_eq!(egy.period().from(), d(1989, 5, 22));
    // ...until Syria's suspension of 12 November 2011 ends the overlap.
    assert_eq!(egy.period().until(), Some(d(2011, 11, 12)));
    let egy1 = find(&atop.commitments, "ATOP:3015:p0:651.1-652:non_aggression");
    assert_eq!(egy1.period().until(), Some(d(1979, 3, 31)));
    // A missing exit day is the last day of the month: ATOP 1035 (1815,
    // Quadruple Alliance) ends in December 1822.
    let q = find(&atop.commitments, "ATOP:1035:p0:200-365:defence");
    assert_eq!(q.period().until(), Some(d(1822, 12, 31)));
    // Every id fits the id rules (it was built through CommitmentId::new).
    assert!(atop.commitments.iter().all(|c| c.id().as_str().len() <= 64));
}

#[test]
fn cow_alliance_counts_and_facts() {
    let cow = CowAllianceImport::bundled(&StateSystem::bundled()).unwrap();
    let r = &cow.report;
    assert_eq!(r.rows_read, 120_784);
    assert_eq!(r.rows_used, 120_774);
    assert_eq!(
        r.skipped_for(&SkipReason::OutOfScope {
            what: "dyad-year with no pledge in force"
        }),
        10
    );
    assert_eq!(r.skipped_total(), 10);
    assert_eq!(cow.pledge_years, 306_802);
    assert_eq!(cow.commitments.len(), 9_886);
    assert_eq!(r.records, 9_886);
    assert_eq!(
        by_kind(&cow.commitments),
        BTreeMap::from([
            (Obligation::Defence, 3_212),
            (Obligation::Neutrality, 412),
            (Obligation::NonAggression, 3_062),
            (Obligation::Consultation, 3_200),
        ])
    );
    assert_eq!(cow.actors.len(), 179);
    // The United States and Canada: 64 consecutive years of defence pledges, 1949-2012.
    let usa_can = find(&cow.commitments, "COW:alliance:2-20:defence:1949");
    assert_eq!(directed(usa_can), ("USA", "CAN"));
    assert_eq!(usa_can.period().from(), d(1949, 1, 1));
    assert_eq!(usa_can.period().until(), Some(d(2012, 12, 31)));
    // The United Kingdom and Poland: 1939, a gap, neutrality 1962-64, 1999-2012.
    let uk_pol: Vec<&str> = cow
        .commitments
        .iter()
        .filter(|c| directed(c) == ("UKG", "POL"))
        .map(|c| c.id().as_str())
        .collect();
    assert_eq!(
        uk_pol,
        [
            "COW:alliance:200-290:defence:1939",
            "COW:alliance:200-290:defence:1999",
            "COW:alliance:200-290:neutrality:1962",
            "COW:alliance:200-290:non_aggression:1999",
            "COW:alliance:200-290:consultation:1939",
            "COW:alliance:200-290:consultation:1999",
        ]
    );
    let entente = find(&cow.commitments, "COW:alliance:200-290:consultation:1939");
    assert_eq!(
        entente.label(),
        Some("COW alliance v4.1: entente pledge, 1939")
    );
    assert_eq!(entente.period().until(), Some(d(1939, 12, 31)));
}

#[test]
fn cow_war_counts_and_facts() {
    // The bundled file really has bare CR line endings.
    assert!(!COW_WAR_4_0.contains('\n'));
    assert_eq!(COW_WAR_4_0.matches('\r').count(), 337);
    let mut states = StateSystem::bundled();
    let war = CowWarImport::bundled(&states).unwrap();
    let r = &war.report;
    assert_eq!(r.rows_read, 337);
    assert_eq!(r.rows_used, 337);
    assert_eq!(r.skipped_total(), 0);
    // 337 first spells and 19 second entries.
    assert_eq!(war.crises.len(), 356);
    assert_eq!(
        war.crises
            .iter()
            .filter(|c| c.label().is_some_and(|l| l.ends_with("second entry")))
            .count(),
        19
    );
    assert_eq!(war.events.len(), 1_964);
    let military = war
        .events
        .iter()
        .filter(|e| e.kind() == SupportKind::Military)
        .count();
    assert_eq!(military, 1_184);
    assert_eq!(war.events.len() - military, 780);
    assert_eq!(r.records, 356 + 1_964);
    assert_eq!(
        war.crises
            .iter()
            .filter(|c| c.initiator() == Initiator::Target)
            .count(),
        115
    );
    assert_eq!(war.actors.len(), 98);
    assert_eq!(war.names.len(), 98);

    // Germany started World War II (Initiator = 1).
    let ger = war
        .crises
        .iter()
        .find(|c| c.id().as_str() == "COW:war:139:255")
        .unwrap();
    assert_eq!(ger.initiator(), Initiator::Target);
    assert_eq!(ger.period().from(), d(1939, 9, 1));
    assert_eq!(ger.period().until(), Some(d(1945, 5, 7)));
    assert_eq!(ger.kind(), CrisisKind::ExternalAttack);
    assert_eq!(ger.severity().get(), 1.0);
    // Poland's adversary in September 1939 is Germany alone: Italy, Japan
    // and the others joined after Poland's participation ended.
    let pol = war
        .crises
        .iter()
        .find(|c| c.id().as_str() == "COW:war:139:290")
        .unwrap();
    let adv: Vec<&str> = pol.adversaries().iter().map(ActorId::as_str).collect();
    assert_eq!(adv, ["GMY"]);
    assert_eq!(pol.initiator(), Initiator::Other);
    // France fought on both sides and re-entered: three crises.
    let fra: Vec<&str> = war
        .crises
        .iter()
        .map(|c| c.id().as_str())
        .filter(|id| id.starts_with("COW:war:139:220"))
        .collect();
    assert_eq!(
        fra,
        [
            "COW:war:139:220:s2",
            "COW:war:139:220:s1",
            "COW:war:139:220:s1:2"
        ]
    );
    // Second entry of Sardinia/Italy in the Austro-Sardinian war, March 1849.
    let ita2 = war
        .crises
        .iter()
        .find(|c| c.id().as_str() == "COW:war:10:325:2")
        .unwrap();
    assert_eq!(ita2.period().from(), d(1849, 3, 12));
    assert_eq!(ita2.period().until(), Some(d(1849, 3, 30)));
    assert_eq!(ita2.initiator(), Initiator::Target);
    assert_eq!(
        ita2.label(),
        Some("Austro-Sardinian (COW war 10), side 2, second entry")
    );
    // The United Kingdom's military support to Poland, dated when the UK entered.
    let uk_pol: Vec<_> = war
        .events
        .iter()
        .filter(|e| e.provider().as_str() == "UKG" && e.recipient().as_str() == "POL")
        .collect();
    assert_eq!(uk_pol.len(), 1);
    assert_eq!(uk_pol[0].kind(), SupportKind::Military);
    assert_eq!(uk_pol[0].date(), d(1939, 9, 3));
    assert_eq!(
        uk_pol[0].source(),
        Some("World War II (COW war 139): co-belligerent")
    );
    // No event between spells that never overlap: France (1939-40) and the
    // United States (from December 1941) in World War II.
    assert!(!war.events.iter().any(|e| e.provider().as_str() == "USA"
        && e.recipient().as_str() == "FRN"
        && e.source().is_some_and(|s| s.contains("COW war 139"))
        && e.date().year_ce().1 < 1944));
    // They did meet after France re-entered in October 1944.
    assert!(war.events.iter().any(|e| e.provider().as_str() == "USA"
        && e.recipient().as_str() == "FRN"
        && e.date() == d(1944, 10, 23)
        && e.kind() == SupportKind::Military));

    // Names.
    // The name in the state's last row: COW v4.0 ends in 2007, with Russia
    // last named in a Soviet-era war.
    assert_eq!(war.names[&365], "USSR");
    assert_eq!(war.names[&2], "United States of America");
    war.apply_names(&mut states);
    let rus = states
        .actors()
        .into_iter()
        .find(|a| a.id().as_str() == "RUS")
        .unwrap();
    assert_eq!(rus.name(), "USSR");
}

use chrono::Datelike;

fn union(actors: impl IntoIterator<Item = Actor>) -> Vec<Actor> {
    let mut m: BTreeMap<ActorId, Actor> = BTreeMap::new();
    for a in actors {
        m.entry(a.id().clone()).or_insert(a);
    }
    m.into_values().collect()
}

#[test]
fn imports_build_a_timeline_that_scores() {
    let states = StateSystem::bundled();
    let atop = AtopImport::bundled(&states).unwrap();
    let war = CowWarImport::bundled(&states).unwrap();
    let actors = union(atop.actors.iter().chain(&war.actors).cloned());
    assert_eq!(actors.len(), 208);
    let timeline = Timeline::builder()
        .actors(actors)
        .commitments(atop.commitments)
        .crises(war.crises)
        .events(war.events)
        .build()
        .unwrap();
    assert_eq!(timeline.commitments().len(), 36_921);
    assert_eq!(timeline.crises().len(), 356);
    let as_of = d(2010, 1, 1);
    let ledger = Ledger::new(timeline, Config::default()).unwrap();
    let assessment = ledger.assess(as_of);
    let ukg = ledger.timeline().key_of("UKG").unwrap();
    let pol = ledger.timeline().key_of("POL").unwrap();
    assert!(assessment.reliability(ukg).tests() > 0);
    // Leeds-style: the Anglo-Polish alliance was invoked by the German
    // attack of 1 September 1939 and honoured (the UK entered on 3 September).
    let outcome = ledger
        .outcomes(as_of)
        .into_iter()
        .find(|o| {
            o.guarantor() == ukg
                && o.beneficiary() == pol
                && ledger
                    .test_view(o.test(), as_of)
                    .is_some_and(|v| v.commitment.id().as_str() == "ATOP:2440:p2:200-290:defence")
        })
        .expect("the Anglo-Polish alliance is tested in 1939");
    assert_eq!(outcome.date(), d(1939, 9, 1));
    assert_eq!(outcome.status(), Status::Honoured);
    assert_eq!(outcome.fulfilment(), 1.0);
}

#[test]
fn cow_alliances_build_a_sabrosky_timeline() {
    let states = StateSystem::bundled();
    let cow = CowAllianceImport::bundled(&states).unwrap();
    let war = CowWarImport::bundled(&states).unwrap();
    let timeline = Timeline::builder()
        .actors(union(cow.actors.iter().chain(&war.actors).cloned()))
        .commitments(cow.commitments)
        .crises(war.crises)
        .events(war.events)
        .build()
        .unwrap();
    let ledger = Ledger::new(
        timeline,
        Config::default().invocation(Invocation::Unconditional),
    )
    .unwrap();
    let as_of = d(2008, 1, 1);
    let a = ledger.assess(as_of);
    let usa = ledger.timeline().key_of("USA").unwrap();
    assert!(a.reliability(usa).tests() > 0);
    assert!(
        ledger
            .outcomes(as_of)
            .iter()
            .all(|o| o.status() != Status::Pending)
    );
}
