//! The conflict importers added for the treaty rule: GML MIDs, UCDP/PRIO,
//! ATOP named threats and locations, COW `WhereFought`. Counts on the
//! bundled files, a bad-input catalogue, and importers that never panic.
#![cfg(feature = "bundled-data")]

use alliance_reliability::import::{
    AtopCondition, AtopImport, CowWarImport, GML_MID_PARTICIPANTS, MidImport, SkipReason,
    StateSystem, UCDP_ACD, UcdpImport, gw_to_cow,
};
use alliance_reliability::{Error, Region, Regions};
use chrono::NaiveDate;
use proptest::prelude::*;

fn states() -> StateSystem {
    StateSystem::bundled()
}

/// Asserts an error is `Malformed` at `line` and `field` (`""` for a
/// ragged record, which names no field).
fn assert_malformed<T: std::fmt::Debug>(r: Result<T, Error>, line: u64, field: &str) {
    match r {
        Err(Error::Malformed { location, .. }) => {
            assert_eq!(location.file, "bad.csv");
            assert_eq!(location.line, Some(line), "line");
            let want = (!field.is_empty()).then_some(field);
            assert_eq!(location.field.as_deref(), want, "field");
        }
        other => panic!("expected Malformed at {line}/{field}, got {other:?}"),
    }
}

// ------------------------------------------------------------ bundled counts

#[test]
fn bundled_mid_participants() {
    let m = MidImport::bundled(&states()).unwrap();
    assert_eq!(m.report.rows_read, 5217);
    assert_eq!(m.report.rows_used, 5217);
    assert_eq!(m.report.skipped_total(), 0);
    assert_eq!(m.crises.len(), 5217);
    assert_eq!(m.spells.len(), 5217);
    assert_eq!(m.events.len(), 12854);
    assert_eq!(m.actors.len(), 192);
    // Side A originators started their dispute.
    let started = m
        .crises
        .iter()
        .filter(|c| c.initiator() == alliance_reliability::Initiator::Target)
        .count();
    let side_a_orig = m
        .spells
        .iter()
        .filter(|s| s.side == 1 && s.initiator == alliance_reliability::Initiator::Target)
        .count();
    assert_eq!(started, side_a_orig);
}

#[test]
fn bundled_ucdp_conflicts() {
    let u = UcdpImport::bundled(&states()).unwrap();
    assert_eq!(u.report.rows_read, 5652);
    assert_eq!(u.report.rows_used, 3523);
    let skipped = &u.report.skipped;
    assert_eq!(
        skipped[&SkipReason::OutOfScope {
            what: "intrastate or extrasystemic conflict"
        }],
        2129
    );
    assert_eq!(skipped[&SkipReason::UnknownActor { field: "gwno_a" }], 1);
    // Serbia after 2006 is GW 345 and COW 345: no secondary party is lost.
    assert_eq!(
        skipped.get(&SkipReason::UnknownActor {
            field: "gwno_a_2nd"
        }),
        None
    );
    assert_eq!(u.crises.len(), 278);
    assert_eq!(u.events.len(), 1103);
    assert!(u.report.rows_read <= u.report.rows_used + u.report.skipped_total());
}

#[test]
fn bundled_atop_named_threats_and_locations() {
    let a = AtopImport::bundled(&states()).unwrap();
    assert_eq!(a.commitments.len(), 36921);
    assert_eq!(a.named_threat_commitments, 4240);
    assert_eq!(a.located_commitments, 5923);
    let counts = a.unenforced_counts();
    assert_eq!(counts[&AtopCondition::Adversary], 392);
    assert_eq!(counts.get(&AtopCondition::Location), None);
    assert_eq!(counts[&AtopCondition::Conflict], 3975);
    // The Anglo-Prussian pledge of 1788 (ATOP 1035) names France.
    let c = a
        .commitments
        .iter()
        .find(|c| c.id().as_str() == "ATOP:1035:p0:200-255:defence")
        .unwrap();
    let named: Vec<&str> = c
        .triggers()
        .adversaries
        .iter()
        .map(|a| a.as_str())
        .collect();
    assert_eq!(named, ["FRN"]);
    // NATO's members, for the intra-pact exclusion.
    let nato = a.pact_members(&"ATOP:3180:p1:2-200:defence".parse().unwrap());
    assert!(nato.len() >= 12);
}

#[test]
fn bundled_wars_carry_where_fought() {
    let w = CowWarImport::bundled(&states()).unwrap();
    assert!(w.crises.iter().all(|c| !c.regions().is_empty()));
    let korea_usa = w
        .crises
        .iter()
        .find(|c| c.id().as_str() == "COW:war:151:2")
        .unwrap();
    assert_eq!(korea_usa.regions(), Regions::of([Region::Asia]));
    assert_eq!(w.spells.len(), w.crises.len());
}

#[test]
fn gleditsch_ward_exceptions() {
    let s = states();
    let d = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    assert_eq!(gw_to_cow(260, d(1990), &s), Some(260));
    assert_eq!(gw_to_cow(260, d(1991), &s), Some(255));
    assert_eq!(gw_to_cow(345, d(1999), &s), Some(345));
    assert_eq!(gw_to_cow(340, d(2007), &s), Some(345));
    assert_eq!(gw_to_cow(678, d(1990), &s), Some(678));
    assert_eq!(gw_to_cow(678, d(1991), &s), Some(679));
    assert_eq!(gw_to_cow(816, d(1970), &s), Some(816));
    assert_eq!(gw_to_cow(817, d(1970), &s), Some(817));
    assert_eq!(gw_to_cow(972, d(2000), &s), Some(955));
    assert_eq!(gw_to_cow(711, d(1949), &s), None);
    assert_eq!(gw_to_cow(396, d(2008), &s), None);
}

// ------------------------------------------------------------ bad input: MIDs

const MID_H: &str = "dispnum,ccode,styear,stmon,stday,endyear,endmon,endday,sidea,hiact,orig";

fn mid(body: &str) -> Result<MidImport, Error> {
    MidImport::read(format!("{MID_H}\n{body}").as_bytes(), "bad.csv", &states())
}

#[test]
fn mid_bad_lines() {
    assert_malformed(mid("1,2,1950,6,1,1950,7,1,1,7,1\n1,200,1950,6,1\n"), 3, "");
    assert_malformed(mid("1,2,1950,6,1,1950,7,1,1,7,x\n"), 2, "orig");
    assert_malformed(mid("1,2,1950,6,32,1950,7,1,1,7,1\n"), 2, "stday");
    assert_malformed(mid("1,2,1950,6,1,1950,7,1,1,-9,1\n"), 2, "hiact");
    // Out-of-range country code.
    assert_malformed(mid("1,70000,1950,6,1,1950,7,1,1,7,1\n"), 2, "ccode");
}

#[test]
fn mid_counted_skips() {
    let r = mid(concat!(
        "1,2,1950,6,1,1950,7,1,1,7,1\n",
        "1,,1950,6,1,1950,7,1,0,7,1\n",
        "1,998,1950,6,1,1950,7,1,0,7,1\n",
        "1,200,1950,6,1,1949,7,1,0,7,1\n",
        "1,365,-9,6,1,1950,7,1,0,7,1\n",
    ))
    .unwrap();
    assert_eq!(r.report.rows_read, 5);
    assert_eq!(r.report.rows_used, 1);
    let s = &r.report.skipped;
    assert_eq!(s[&SkipReason::MissingValue { field: "ccode" }], 1);
    assert_eq!(s[&SkipReason::UnknownActor { field: "ccode" }], 1);
    assert_eq!(s[&SkipReason::MissingValue { field: "styear" }], 1);
    assert_eq!(
        s[&SkipReason::Inconsistent {
            what: "participation ends before it starts"
        }],
        1
    );
    assert_eq!(
        r.report.rows_read,
        r.report.rows_used + r.report.skipped_total()
    );
}

#[test]
fn mid_bare_cr_and_missing_columns() {
    let cr = format!("{MID_H}\r1,2,1950,6,1,1950,7,1,1,7,1\r1,200,1950,6,1,1950,7,1,0,17,1\r");
    let r = MidImport::read(cr.as_bytes(), "bad.csv", &states()).unwrap();
    assert_eq!(r.report.rows_read, 2);
    assert_eq!(r.crises.len(), 2);
    let bad_cr = format!("{MID_H}\r1,2,1950,6,1,1950,7,1,1,7,1\r1,200,1950,6,1,1950,7,1,3,17,1\r");
    assert_malformed(
        MidImport::read(bad_cr.as_bytes(), "bad.csv", &states()),
        3,
        "sidea",
    );
    let no_hiact = "dispnum,ccode,styear,stmon,stday,endyear,endmon,endday,sidea,orig\n";
    assert!(matches!(
        MidImport::read(no_hiact.as_bytes(), "bad.csv", &states()),
        Err(Error::MissingColumn { .. })
    ));
    assert!(matches!(
        MidImport::read(&b""[..], "bad.csv", &states()),
        Err(Error::EmptyInput(_))
    ));
}

// ------------------------------------------------------------ bad input: UCDP

const UCDP_H: &str = "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,type_of_conflict,start_date2,ep_end,ep_end_date";

fn ucdp(body: &str) -> Result<UcdpImport, Error> {
    UcdpImport::read(format!("{UCDP_H}\n{body}").as_bytes(), "bad.csv", &states())
}

#[test]
fn ucdp_bad_lines() {
    assert_malformed(ucdp("1,1990,645,,690,,interstate,7518,0,\n1,1990\n"), 3, "");
    assert_malformed(
        ucdp("1,1990,645,,690,,interstate,7518,0,\n1,1990,645,,690,,interstate,7518,1,x\n"),
        3,
        "ep_end_date",
    );
    assert_malformed(
        ucdp("1,1990,645,,690,,interstate,99999999,0,\n"),
        2,
        "start_date2",
    );
    assert_malformed(
        ucdp("1,1990,645,1,690,,interstate,7518,0,\n"),
        2,
        "gwno_a_2nd",
    );
    assert_malformed(ucdp("1,3000,645,,690,,interstate,7518,0,\n"), 2, "year");
}

#[test]
fn ucdp_counted_skips_bare_cr_and_missing_columns() {
    let r = ucdp(concat!(
        "1,1990,645,,690,,interstate,7518,0,\n",
        "2,1990,711,,,,II,7518,0,\n",
        "3,1990,645,,,,intrastate,7518,0,\n",
        "4,1990,645,,690,,interstate,,0,\n",
    ))
    .unwrap();
    assert_eq!(r.report.rows_read, 4);
    assert_eq!(r.report.rows_used, 1);
    let s = &r.report.skipped;
    assert_eq!(s[&SkipReason::UnknownActor { field: "gwno_a" }], 1);
    assert_eq!(
        s[&SkipReason::MissingValue {
            field: "start_date2"
        }],
        1
    );
    let cr = format!("{UCDP_H}\r1,1990,645,,690,,interstate,7518,0,\r");
    let r = UcdpImport::read(cr.as_bytes(), "bad.csv", &states()).unwrap();
    assert_eq!(r.crises.len(), 2);
    let no_type =
        "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,start_date2,ep_end,ep_end_date\n";
    assert!(matches!(
        UcdpImport::read(no_type.as_bytes(), "bad.csv", &states()),
        Err(Error::MissingColumn { .. })
    ));
}

// ------------------------------------------------------------ bad input: ATOP, COW

#[test]
fn atop_threat_code_out_of_range_is_an_error() {
    let header = alliance_reliability::import::ATOP_5_1_MEMBERS
        .lines()
        .next()
        .unwrap();
    let names: Vec<&str> = header.split(',').collect();
    let row = |statthr1: &str| {
        names
            .iter()
            .map(|n| match *n {
                "atopid" => "9001",
                "member" => "2",
                "yrent" => "1950",
                "moent" | "dayent" => "1",
                "yrexit" => "0",
                "defense" | "defcoadv" => "1",
                "statthr1" => statthr1,
                _ => "0",
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let file = format!("{header}\n{}\n", row("1200"));
    assert_malformed(
        AtopImport::read(file.as_bytes(), "bad.csv", &states()),
        2,
        "statthr1",
    );
    // A code in range that the state system lacks names no threat: the
    // condition stays unenforced.
    let file = format!(
        "{header}\n{}\n{}\n",
        row("998"),
        row("998").replacen(",2,", ",200,", 1)
    );
    let r = AtopImport::read(file.as_bytes(), "bad.csv", &states()).unwrap();
    assert_eq!(r.named_threat_commitments, 0);
    assert_eq!(r.unenforced_counts()[&AtopCondition::Adversary], 2);
}

#[test]
fn cow_where_fought_code_out_of_range_is_an_error() {
    let h = "WarNum,WarName,WarType,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,EndMonth1,EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,TransFrom,WhereFought,Initiator,Outcome,TransTo,BatDeath,Version";
    let input =
        format!("{h}\r1,A,1,230,Spain,2,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,3,2,2,-8,600,4\r");
    assert_malformed(
        CowWarImport::read(input.as_bytes(), "bad.csv", &states()),
        2,
        "WhereFought",
    );
    let input = format!(
        "{h}\r1,A,1,230,Spain,2,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,-9,2,2,-8,600,4\r"
    );
    let r = CowWarImport::read(input.as_bytes(), "bad.csv", &states()).unwrap();
    assert!(r.crises[0].regions().is_empty());
}

// ------------------------------------------------------------ no panics

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Arbitrary bytes, or a real file with bytes overwritten: an import
    /// or an error, never a panic.
    #[test]
    fn importers_never_panic(
        junk in proptest::collection::vec(any::<u8>(), 0..400),
        at in any::<prop::sample::Index>(),
        which in 0usize..2,
    ) {
        let s = states();
        let _ = MidImport::read(&junk[..], "junk.csv", &s);
        let _ = UcdpImport::read(&junk[..], "junk.csv", &s);
        let base = if which == 0 { GML_MID_PARTICIPANTS } else { UCDP_ACD };
        let head: Vec<u8> = base.bytes().take(2000).collect();
        let i = at.index(head.len());
        let mut bytes = head[..i].to_vec();
        bytes.extend_from_slice(&junk);
        bytes.extend_from_slice(&head[i..]);
        let _ = MidImport::read(&bytes[..], "junk.csv", &s);
        let _ = UcdpImport::read(&bytes[..], "junk.csv", &s);
    }
}
