//! The ICB actor-level importer on later-release layouts. The fixtures in
//! `tests/data/icb/` are: rows of the bundled ICB 13 file copied byte for
//! byte, and the same rows in a layout **constructed** for the test (not
//! a copy of ICB 14, 15 or 16, which could not be downloaded): columns
//! reordered, one added and one dropped, strings quoted, CRLF line ends,
//! missing values written `.`. See `tests/data/icb/README.md`.
#![cfg(feature = "bundled-data")]

use alliance_reliability::Config;
use alliance_reliability::Error;
use alliance_reliability::import::{StateSystem, read_icb_actors};
use alliance_reliability::perceived::validate;

const V13: &str = "tests/data/icb/icb2v13_rows.csv";
const LATER: &str = "tests/data/icb/icb2_later_release_layout.csv";

#[test]
fn a_later_layout_reads_as_the_v13_rows() {
    let states = StateSystem::bundled();
    let a = read_icb_actors(&std::fs::read(V13).unwrap()[..], V13, &states).unwrap();
    let b = read_icb_actors(&std::fs::read(LATER).unwrap()[..], LATER, &states).unwrap();
    assert!(a.crises.len() >= 20, "{}", a.crises.len());
    assert!(!a.abandonments.is_empty());
    assert!(!a.events.is_empty());
    assert_eq!(a.crises, b.crises);
    assert_eq!(a.events, b.events);
    assert_eq!(a.abandonments, b.abandonments);
    assert_eq!(a.crisis_report.rows_read, b.crisis_report.rows_read);
}

#[test]
fn the_perceived_study_reads_a_later_layout() {
    let run = |p: &str| validate(&std::fs::read(p).unwrap()[..], p, &Config::default(), 20, 7);
    let (a, b) = (run(V13).unwrap(), run(LATER).unwrap());
    assert!(!a.pairs.is_empty());
    assert_eq!(a.pairs, b.pairs);
}

fn icb(text: &str) -> Result<alliance_reliability::import::IcbImport, Error> {
    read_icb_actors(text.as_bytes(), "bad.csv", &StateSystem::bundled())
}

#[test]
fn a_renamed_column_is_named() {
    let text = std::fs::read_to_string(LATER).unwrap();
    let renamed = text.replacen("\"usfavr\"", "\"us_favr\"", 1);
    match icb(&renamed) {
        Err(Error::MissingColumn { column, location }) => {
            assert_eq!(column, "usfavr");
            assert_eq!(location.file, "bad.csv");
            assert_eq!(location.line, Some(1));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_cells_are_located() {
    let text = std::fs::read_to_string(LATER).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let at = header
        .iter()
        .position(|h| *h == "\"viol\"")
        .expect("viol column");
    let mut cells: Vec<String> = lines[3].split(',').map(str::to_string).collect();
    cells[at] = "\"heavy\"".into();
    lines[3] = cells.join(",");
    match icb(&lines.join("\r\n")) {
        Err(Error::Malformed { location, .. }) => {
            assert_eq!(location.line, Some(4));
            assert_eq!(location.field.as_deref(), Some("viol"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn stata_and_r_missing_values_are_blank() {
    let text = std::fs::read_to_string(V13).unwrap();
    let a = icb(&text).unwrap();
    // Every empty cell written as NA instead.
    let na: String = text
        .split('\n')
        .map(|l| {
            l.split(',')
                .map(|c| if c.trim().is_empty() { "NA" } else { c })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let b = icb(&na).unwrap();
    assert_eq!(a.crises, b.crises);
    assert_eq!(a.events, b.events);
}
