//! Bad input catalogue for the ATOP and COW importers: every malformed
//! input gives exactly one typed error or exactly the counted skips listed.
#![cfg(feature = "bundled-data")]

use std::collections::HashMap;

use alliance_reliability::Error;
use alliance_reliability::import::{
    ATOP_5_1_MEMBERS, AtopImport, CowAllianceImport, CowWarImport, ImportReport, SkipReason,
    StateSystem,
};
use chrono::NaiveDate;

fn states() -> StateSystem {
    StateSystem::bundled()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Asserts an error is `Malformed` at `line` and `field` with `value`.
fn assert_malformed<T: std::fmt::Debug>(
    r: Result<T, Error>,
    line: u64,
    field: Option<&str>,
    value: &str,
) {
    match r {
        Err(Error::Malformed {
            location, value: v, ..
        }) => {
            assert_eq!(location.file, "bad.csv");
            assert_eq!(location.line, Some(line), "line");
            assert_eq!(location.field.as_deref(), field, "field");
            assert_eq!(v, value, "value");
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}

/// Asserts the report's only skips are `expected`.
fn assert_skips(report: &ImportReport, expected: &[(SkipReason, u64)]) {
    let want: std::collections::BTreeMap<SkipReason, u64> = expected.iter().cloned().collect();
    assert_eq!(report.skipped, want);
}

// ---------------------------------------------------------------- ATOP

fn atop_header() -> &'static str {
    ATOP_5_1_MEMBERS.lines().next().unwrap()
}

/// `atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase;col=value,...`,
/// every other column 0.
fn atop_row(spec: &str) -> String {
    let names: Vec<&str> = atop_header().split(',').collect();
    let (base, extra) = spec.split_once(';').unwrap_or((spec, ""));
    let mut cells: HashMap<&str, &str> = [
        "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
    ]
    .into_iter()
    .zip(base.split(','))
    .collect();
    for kv in extra.split(',').filter(|s| !s.is_empty()) {
        let (k, v) = kv.split_once('=').unwrap();
        cells.insert(k, v);
    }
    names
        .iter()
        .map(|n| cells.get(n).copied().unwrap_or("0"))
        .collect::<Vec<_>>()
        .join(",")
}

fn atop_file(rows: &[&str]) -> String {
    let mut s = format!("{}\n", atop_header());
    for r in rows {
        s.push_str(&atop_row(r));
        s.push('\n');
    }
    s
}

fn atop(input: &str) -> Result<AtopImport, Error> {
    AtopImport::read(input.as_bytes(), "bad.csv", &states())
}

const USA: &str = "9001,2,1950,1,1,0,0,0,0;defense=1";
const UKG: &str = "9001,200,1950,1,1,0,0,0,0;defense=1";

#[test]
fn atop_bom_is_ignored() {
    let plain = atop(&atop_file(&[USA, UKG])).unwrap();
    let bom = atop(&format!("\u{feff}{}", atop_file(&[USA, UKG]))).unwrap();
    assert_eq!(bom.commitments, plain.commitments);
    assert_eq!(bom.commitments.len(), 2);
    assert_eq!(bom.report.rows_used, 2);
}

#[test]
fn atop_empty_file() {
    assert!(matches!(atop(""), Err(Error::EmptyInput(l)) if l.file == "bad.csv"));
}

#[test]
fn atop_header_only() {
    let r = atop(&format!("{}\n", atop_header())).unwrap();
    assert_eq!(r.report.rows_read, 0);
    assert!(r.commitments.is_empty());
    assert!(r.actors.is_empty());
}

#[test]
fn atop_missing_column() {
    let input = atop_file(&[USA, UKG]).replacen("defconpr", "defconpr_x", 1);
    match atop(&input) {
        Err(Error::MissingColumn { location, column }) => {
            assert_eq!(column, "defconpr");
            assert_eq!(location.line, Some(1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn atop_ragged_row() {
    let mut input = atop_file(&[USA]);
    input.push_str("9001,,,200,0\n");
    assert_malformed(atop(&input), 3, None, "");
}

#[test]
fn atop_truncated_mid_row() {
    let full = atop_file(&[USA, UKG]);
    // Cut the file in the middle of the last row.
    let cut = &full[..full.len() - 150];
    assert_malformed(atop(cut), 3, None, "");
}

#[test]
fn atop_unknown_ccode() {
    // 999 is no COW state; its partner is then left with nobody.
    let r = atop(&atop_file(&[USA, "9001,999,1950,1,1,0,0,0,0;defense=1"])).unwrap();
    assert_skips(
        &r.report,
        &[
            (SkipReason::UnknownActor { field: "member" }, 1),
            (
                SkipReason::OutOfScope {
                    what: "member in no commitment (no overlapping partner with an obligation)",
                },
                1,
            ),
        ],
    );
    assert_eq!(r.report.examples[0].line, 3);
    assert_eq!(r.report.examples[0].value, "999");
    assert!(r.commitments.is_empty());
}

#[test]
fn atop_missing_codes_in_required_fields() {
    for (row, field) in [
        ("9001,-9,1950,1,1,0,0,0,0;defense=1", "member"),
        ("9001,,1950,1,1,0,0,0,0;defense=1", "member"),
        ("9001,200,,1,1,0,0,0,0;defense=1", "yrent"),
        ("9001,200,0,1,1,0,0,0,0;defense=1", "yrent"),
        ("9001,200,1950,1,1,,0,0,0;defense=1", "yrexit"),
        ("9001,200,1950,1,1,0,0,0,0;defense=", "defense"),
        (
            "9001,200,1950,1,1,0,0,0,0;defense=1,defconpr=-9",
            "defconpr",
        ),
        ("-8,200,1950,1,1,0,0,0,0;defense=1", "atopid"),
    ] {
        let r = atop(&atop_file(&[USA, UKG, row])).unwrap();
        assert_skips(&r.report, &[(SkipReason::MissingValue { field }, 1)]);
        assert_eq!(r.report.examples[0].line, 4, "{row}");
        assert_eq!(r.report.rows_used, 2);
        assert_eq!(r.commitments.len(), 2);
    }
}

#[test]
fn atop_missing_day_and_month_fill() {
    // Blank entry day → the 1st; exit day 0 → the last day of the month.
    let r = atop(&atop_file(&[
        "9001,2,1950,3,,1961,2,0,0;nonagg=1",
        "9001,200,1950,3,,1961,2,0,0;nonagg=1",
    ]))
    .unwrap();
    let p = r.commitments[0].period();
    assert_eq!(p.from(), d(1950, 3, 1));
    assert_eq!(p.until(), Some(d(1961, 2, 28)));
    assert_eq!(r.report.skipped_total(), 0);
}

#[test]
fn atop_reversed_interval() {
    let r = atop(&atop_file(&[
        USA,
        UKG,
        "9001,20,1960,5,1,1955,1,1,0;defense=1",
    ]))
    .unwrap();
    assert_skips(
        &r.report,
        &[(
            SkipReason::Inconsistent {
                what: "exit before entry",
            },
            1,
        )],
    );
    assert_eq!(r.report.examples[0].value, "1960-05-01 > 1955-01-01");
}

#[test]
fn atop_out_of_range_dates() {
    assert_malformed(
        atop(&atop_file(&[
            USA,
            "9001,200,1950,1,1,99999,1,1,0;defense=1",
        ])),
        3,
        Some("yrexit"),
        "99999",
    );
    assert_malformed(
        atop(&atop_file(&[USA, "9001,200,1950,13,1,0,0,0,0;defense=1"])),
        3,
        Some("moent"),
        "13",
    );
    assert_malformed(
        atop(&atop_file(&[USA, "9001,200,1950,2,30,0,0,0,0;defense=1"])),
        3,
        Some("dayent"),
        "1950-02-30",
    );
}

#[test]
fn atop_nan_and_negative_flags() {
    assert_malformed(
        atop(&atop_file(&[USA, "9001,200,1950,1,1,0,0,0,0;defense=NaN"])),
        3,
        Some("defense"),
        "NaN",
    );
    assert_malformed(
        atop(&atop_file(&[
            USA,
            "9001,200,1950,1,1,0,0,0,0;defense=1,defcoadv=-1",
        ])),
        3,
        Some("defcoadv"),
        "-1",
    );
    assert_malformed(
        atop(&atop_file(&[USA, "9001,200,1950,1,1,0,0,0,0;nonagg=2"])),
        3,
        Some("nonagg"),
        "2",
    );
    assert_malformed(
        atop(&atop_file(&[USA, "9001,200,1950,1,1,0,0,0,-1;defense=1"])),
        3,
        Some("phase"),
        "-1",
    );
}

// ---------------------------------------------------------------- COW alliances

const AH: &str = "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente";

fn alliances(rows: &[&str]) -> Result<CowAllianceImport, Error> {
    let input = format!("{AH}\n{}\n", rows.join("\n"));
    CowAllianceImport::read(input.as_bytes(), "bad.csv", &states())
}

#[test]
fn alliance_skips() {
    let cases: [(&str, SkipReason); 7] = [
        (
            "2,-9,1950,1,0,0,0",
            SkipReason::MissingValue { field: "ccode2" },
        ),
        (
            "999,20,1950,1,0,0,0",
            SkipReason::UnknownActor { field: "ccode1" },
        ),
        (
            "2,20,NA,1,0,0,0",
            SkipReason::MissingValue { field: "year" },
        ),
        (
            "2,20,1950,,0,0,0",
            SkipReason::MissingValue {
                field: "cow_defense",
            },
        ),
        ("2,20,1949,1,0,0,0", SkipReason::Duplicate),
        (
            "2,2,1950,1,0,0,0",
            SkipReason::Inconsistent {
                what: "a state allied with itself",
            },
        ),
        (
            "20,2,1950,0,0,0,0",
            SkipReason::OutOfScope {
                what: "dyad-year with no pledge in force",
            },
        ),
    ];
    for (row, reason) in cases {
        let r = alliances(&["2,20,1949,1,0,0,0", row]).unwrap();
        assert_skips(&r.report, &[(reason, 1)]);
        assert_eq!(r.report.examples[0].line, 3);
        assert_eq!(r.report.rows_used, 1);
        assert_eq!(r.commitments.len(), 1);
    }
}

#[test]
fn alliance_malformed() {
    assert_malformed(
        alliances(&["2,20,1949,2,0,0,0"]),
        2,
        Some("cow_defense"),
        "2",
    );
    assert_malformed(alliances(&["2,20,99999,1,0,0,0"]), 2, Some("year"), "99999");
    assert_malformed(
        alliances(&["2,20,1949,1,0,0,0", "two,20,1949,1,0,0,0"]),
        3,
        Some("ccode1"),
        "two",
    );
    assert_malformed(
        alliances(&["2,20,1949,1,0,NaN,0"]),
        2,
        Some("cow_nonagg"),
        "NaN",
    );
    assert_malformed(alliances(&["2,20,1949,1,0,0"]), 2, None, "");
    match CowAllianceImport::read(
        &b"ccode1,ccode2,year\n2,20,1949\n"[..],
        "bad.csv",
        &states(),
    ) {
        Err(Error::MissingColumn { column, .. }) => assert_eq!(column, "cow_defense"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        CowAllianceImport::read(&b""[..], "bad.csv", &states()),
        Err(Error::EmptyInput(_))
    ));
}

#[test]
fn alliance_line_endings() {
    let rows = ["2,20,1949,1,0,0,0", "2,20,1950,1,0,0,0"];
    for sep in ["\r", "\r\n", "\n"] {
        let input = format!("{AH}{sep}{}{sep}", rows.join(sep));
        let r = CowAllianceImport::read(input.as_bytes(), "bad.csv", &states()).unwrap();
        assert_eq!(r.commitments.len(), 1, "{sep:?}");
        assert_eq!(r.commitments[0].period().until(), Some(d(1950, 12, 31)));
    }
}

// ---------------------------------------------------------------- COW wars

const WH: &str = "WarNum,WarName,WarType,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,EndMonth1,EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,TransFrom,WhereFought,Initiator,Outcome,TransTo,BatDeath,Version";
const SPAIN: &str =
    "1,Franco-Spanish War,1,230,Spain,2,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,503,2,2,2,-8,600,4";
const FRANCE: &str =
    "1,Franco-Spanish War,1,220,France,1,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,503,2,1,1,-8,400,4";

/// A war file with bare CR line endings, like the real one.
fn wars(rows: &[&str]) -> Result<CowWarImport, Error> {
    let input = format!("{WH}\r{}", rows.join("\r"));
    CowWarImport::read(input.as_bytes(), "bad.csv", &states())
}

/// FRANCE with one field (by column name) replaced.
fn france_with(field: &str, value: &str) -> String {
    let i = WH.split(',').position(|h| h == field).unwrap();
    let mut cells: Vec<&str> = FRANCE.split(',').collect();
    cells[i] = value;
    cells.join(",")
}

#[test]
fn war_bare_cr_reads_with_record_lines() {
    let r = wars(&[SPAIN, FRANCE]).unwrap();
    assert_eq!(r.report.rows_read, 2);
    assert_eq!(r.crises.len(), 2);
    assert_eq!(r.events.len(), 2);
    // An error in the third record of a bare-CR file is reported on line 4.
    assert_malformed(
        wars(&[SPAIN, FRANCE, &france_with("Side", "3")]),
        4,
        Some("Side"),
        "3",
    );
}

#[test]
fn war_skips() {
    let cases: [(&str, &str, SkipReason); 7] = [
        (
            "StartYear1",
            "-9",
            SkipReason::MissingValue {
                field: "StartYear1",
            },
        ),
        (
            "StartYear1",
            "-8",
            SkipReason::MissingValue {
                field: "StartYear1",
            },
        ),
        (
            "EndYear1",
            "-8",
            SkipReason::MissingValue { field: "EndYear1" },
        ),
        ("ccode", "-9", SkipReason::MissingValue { field: "ccode" }),
        ("Side", "", SkipReason::MissingValue { field: "Side" }),
        ("ccode", "999", SkipReason::UnknownActor { field: "ccode" }),
        (
            "EndYear1",
            "1822",
            SkipReason::Inconsistent {
                what: "war participation ends before it starts",
            },
        ),
    ];
    for (field, value, reason) in cases {
        let r = wars(&[SPAIN, &france_with(field, value)]).unwrap();
        assert_skips(&r.report, &[(reason, 1)]);
        assert_eq!(r.report.examples[0].line, 3, "{field}={value}");
        assert_eq!(r.report.rows_used, 1);
        assert_eq!(r.crises.len(), 1);
        assert!(r.events.is_empty());
    }
    // The same state on the same side of the same war twice.
    let r = wars(&[SPAIN, FRANCE, FRANCE]).unwrap();
    assert_skips(&r.report, &[(SkipReason::Duplicate, 1)]);
    assert_eq!(r.report.examples[0].line, 4);
}

#[test]
fn war_missing_parts_of_dates() {
    // Missing start day → the 1st; missing end month and day → 31 December;
    // -7 end year (ongoing) → open end.
    let row = france_with("StartDay1", "-9");
    let row = row.replacen(",11,13,1823,", ",-9,-9,1823,", 1);
    let r = wars(&[SPAIN, &row]).unwrap();
    let fra = &r.crises[1];
    assert_eq!(fra.start(), d(1823, 4, 1));
    assert_eq!(fra.period().until(), Some(d(1823, 12, 31)));
    let r = wars(&[SPAIN, &france_with("EndYear1", "-7")]).unwrap();
    assert_eq!(r.crises[1].period().until(), None);
    assert_eq!(r.report.skipped_total(), 0);
}

#[test]
fn war_unusable_second_entry_keeps_the_first() {
    let row = france_with("StartYear2", "-9");
    let r = wars(&[SPAIN, &row]).unwrap();
    assert_skips(
        &r.report,
        &[(
            SkipReason::MissingValue {
                field: "StartYear2",
            },
            1,
        )],
    );
    assert_eq!(r.report.rows_used, 2);
    assert_eq!(r.crises.len(), 2);
    // A usable second entry is a crisis of its own.
    let row = FRANCE.replacen(",-8,-8,-8,-8,-8,-8,", ",1,-9,1824,2,-9,1824,", 1);
    let r = wars(&[SPAIN, &row]).unwrap();
    let second = r
        .crises
        .iter()
        .find(|c| c.id().as_str() == "COW:war:1:220:2")
        .unwrap();
    assert_eq!(second.start(), d(1824, 1, 1));
    assert_eq!(second.period().until(), Some(d(1824, 2, 29)));
}

#[test]
fn war_malformed() {
    for (field, value) in [
        ("StartMonth1", "13"),
        ("StartYear1", "99999"),
        ("Initiator", "NaN"),
        ("Initiator", "3"),
        ("WarNum", "-1"),
        ("EndDay1", "1.5"),
    ] {
        assert_malformed(
            wars(&[SPAIN, &france_with(field, value)]),
            3,
            Some(field),
            value,
        );
    }
    // Cut in the middle of the last row.
    let cut = &FRANCE[..40];
    assert_malformed(wars(&[SPAIN, cut]), 3, None, "");
    // Header only, empty, missing column.
    let r = CowWarImport::read(WH.as_bytes(), "bad.csv", &states()).unwrap();
    assert_eq!(r.report.rows_read, 0);
    assert!(matches!(
        CowWarImport::read(&b""[..], "bad.csv", &states()),
        Err(Error::EmptyInput(_))
    ));
    let no_side = WH.replace(",Side,", ",Sides,");
    match CowWarImport::read(no_side.as_bytes(), "bad.csv", &states()) {
        Err(Error::MissingColumn { column, .. }) => assert_eq!(column, "Side"),
        other => panic!("{other:?}"),
    }
}
