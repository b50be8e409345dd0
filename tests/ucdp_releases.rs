//! The UCDP/PRIO importer on the official release layout (19.1 to 25.1)
//! beside peacesciencer's conversion: the same conflicts give the same
//! timeline; the layout is detected from the header; bad cells are located.
//!
//! The fixtures in `tests/data/ucdp/` are hand-made (see the README
//! there): the official-layout files carry the values of the bundled
//! peacesciencer rows of six conflicts, laid out as the codebook lists the
//! release's columns; they are not copies of the release files.
#![cfg(feature = "bundled-data")]

use alliance_reliability::Error;
use alliance_reliability::import::{StateSystem, UcdpFormat, UcdpImport};

fn read(path: &str) -> UcdpImport {
    let bytes = std::fs::read(path).expect("fixture");
    UcdpImport::read(&bytes[..], path, &StateSystem::bundled()).expect("imports")
}

fn same_timeline(a: &UcdpImport, b: &UcdpImport) {
    assert_eq!(a.crises, b.crises);
    assert_eq!(a.events, b.events);
    assert_eq!(a.spells, b.spells);
    assert_eq!(a.actors, b.actors);
}

#[test]
fn official_release_and_peacesciencer_give_the_same_timeline() {
    let ps = read("tests/data/ucdp/peacesciencer_subset.csv");
    assert_eq!(ps.format, UcdpFormat::Peacesciencer);
    assert!(ps.versions.is_empty());
    // Suez (252), Iraq 2003 (420), Dhofar (317), Ogaden (268),
    // Afghanistan 2001 (13692); 11342 is intrastate and skipped.
    assert!(ps.crises.len() >= 10, "{}", ps.crises.len());
    for (path, version) in [
        ("tests/data/ucdp/ucdp-prio-acd-251-fixture.csv", "25.1"),
        ("tests/data/ucdp/ucdp-prio-acd-191-fixture.csv", "19.1"),
        (
            "tests/data/ucdp/ucdp-prio-acd-172-layout-fixture.csv",
            "17.2",
        ),
    ] {
        let off = read(path);
        assert_eq!(off.format, UcdpFormat::Official, "{path}");
        assert_eq!(off.versions, [version], "{path}");
        same_timeline(&off, &ps);
        // One row per conflict-year instead of per code combination.
        assert!(off.report.rows_read < ps.report.rows_read);
    }
}

#[test]
fn official_lists_become_one_event_per_code() {
    let off = read("tests/data/ucdp/ucdp-prio-acd-251-fixture.csv");
    // Dhofar (317), 1973: the UK (200) and Iran (630) fight for Oman
    // (698); South Yemen (680) for the rebels.
    let to_oman: Vec<(&str, &str)> = off
        .events
        .iter()
        .filter(|e| e.recipient().as_str() == "OMA")
        .map(|e| (e.provider().as_str(), e.kind().as_str()))
        .collect();
    for want in [("UKG", "military"), ("IRN", "military"), ("YPR", "hostile")] {
        assert!(to_oman.contains(&want), "{want:?} not in {to_oman:?}");
    }
    let suez = off
        .crises
        .iter()
        .find(|c| c.id().as_str() == "UCDP:252:19561031:651")
        .expect("Egypt's crisis in the Suez war");
    let mut adv: Vec<&str> = suez.adversaries().iter().map(|a| a.as_str()).collect();
    adv.sort_unstable();
    assert_eq!(adv, ["FRN", "ISR", "UKG"]);
    assert_eq!(
        suez.period().until().map(|d| d.to_string()).as_deref(),
        Some("1956-11-06")
    );
}

fn official(rows: &str) -> Result<UcdpImport, Error> {
    let head = "conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,incompatibility,territory_name,year,intensity_level,type_of_conflict,start_date,start_prec,start_date2,start_prec2,ep_end,ep_end_date,ep_end_prec,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version";
    let input = format!("{head}\n{rows}\n");
    UcdpImport::read(input.as_bytes(), "bad.csv", &StateSystem::bundled())
}

const GOOD: &str = r#"252,"Egypt, Israel",Government of Egypt,117,,"Government of France, Government of United Kingdom","104, 125",,1,Suez,1956,2,2,1956-10-31,1,1956-10-31,1,1,1956-11-06,,651,,"220, 200",,651,2,25.1"#;

#[test]
fn official_bad_cells_are_located() {
    assert!(official(GOOD).is_ok());
    for (row, field) in [
        // A day number where the release has an ISO date.
        (GOOD.replace("1956-10-31,1,1,", "-4810,1,1,"), "start_date2"),
        (GOOD.replace("1956-11-06", "6 Nov 1956"), "ep_end_date"),
        (GOOD.replace("1956-11-06", "1956-02-30"), "ep_end_date"),
        (GOOD.replace("\"220, 200\"", "\"220, UK\""), "gwno_b"),
        (GOOD.replace("\"220, 200\"", "\"220, 1000\""), "gwno_b"),
        (GOOD.replace(",2,2,1956", ",2,7,1956"), "type_of_conflict"),
        (GOOD.replace(",1956,2,", ",19x6,2,"), "year"),
    ] {
        match official(&row) {
            Err(Error::Malformed { location, .. }) => {
                assert_eq!(location.file, "bad.csv", "{row}");
                assert_eq!(location.line, Some(2), "{row}");
                assert_eq!(location.field.as_deref(), Some(field), "{row}");
            }
            other => panic!("{row}: {other:?}"),
        }
    }
}

#[test]
fn an_iso_date_in_the_peacesciencer_layout_is_located() {
    let input = "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,type_of_conflict,start_date2,ep_end,ep_end_date\n252,1956,651,,200,,interstate,1956-10-31,0,\n";
    match UcdpImport::read(input.as_bytes(), "bad.csv", &StateSystem::bundled()) {
        Err(Error::Malformed {
            location, reason, ..
        }) => {
            assert_eq!(location.line, Some(2));
            assert_eq!(location.field.as_deref(), Some("start_date2"));
            assert!(reason.contains("peacesciencer"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn detection_reads_the_header_only() {
    let h = |s: &str| csv::StringRecord::from(s.split(',').collect::<Vec<_>>());
    assert_eq!(
        UcdpFormat::detect(&h("conflict_id,year,start_date2")),
        UcdpFormat::Peacesciencer
    );
    for official in [
        "\u{feff}conflict_id,Version",
        "conflict_id, SIDE_A ",
        "location,x",
    ] {
        assert_eq!(UcdpFormat::detect(&h(official)), UcdpFormat::Official);
    }
}

#[test]
fn missing_columns_and_empty_input() {
    // A pre-17.1 (v4) header: other names.
    let old = "ConflictId,Location,SideA,Year,TypeOfConflict,StartDate2,EpEnd,EpEndDate,GWNoA,GWNoA2nd,GWNoB,GWNoB2nd,Version\n";
    match UcdpImport::read(old.as_bytes(), "v4.csv", &StateSystem::bundled()) {
        Err(Error::MissingColumn { column, .. }) => assert_eq!(column, "conflict_id"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        UcdpImport::read(&b""[..], "e.csv", &StateSystem::bundled()),
        Err(Error::EmptyInput(_))
    ));
    // Blank dates and NA are skipped, not errors.
    let r = official(&GOOD.replace("1956-10-31,1,1,", ",1,1,")).expect("skips");
    assert_eq!(r.report.rows_used, 0);
    assert_eq!(r.report.skipped_total(), 1);
}

#[allow(dead_code)]
mod support;

#[test]
fn historical_example_reads_a_release_and_locates_its_errors() {
    let dir = std::env::temp_dir().join(format!("ucdp-release-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("ucdp-prio-acd-251.csv");
    let text = std::fs::read_to_string("tests/data/ucdp/ucdp-prio-acd-251-fixture.csv").unwrap();
    // Line 4 (Afghanistan 2001): the episode start as a day number.
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen(",2001-10-07,1,1,", ",11602,1,1,", 1);
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = support::example("historical", ["--ucdp".as_ref(), bad.as_os_str()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ucdp-prio-acd-251.csv:4") && err.contains("start_date2"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
