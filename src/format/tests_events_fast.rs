//! The fast `events.csv` reader against the checking reader: whenever the
//! fast one accepts a table it must give the checking reader's timeline,
//! and on clean tables it must accept.

use proptest::prelude::*;

use super::events_fast::read_events;
use super::tables::read_events_checked;
use super::*;
use crate::{Actor, ActorKind, SupportEvent, Timeline};

const HEADER: &str = "provider,recipient,against,date,kind,intensity,confidence,source";

fn base() -> Timeline {
    let mut b = Timeline::builder();
    for id in ["A1", "B-2", "C.3", "D:4/x", "BLOC"] {
        let kind = if id == "BLOC" {
            ActorKind::Bloc
        } else {
            ActorKind::State
        };
        b = b.actor(Actor::new(id, id, kind).unwrap());
    }
    b.build().unwrap()
}

/// The checking reader's timeline (or its error, as text).
fn checked(tl: &Timeline, csv: &[u8]) -> Result<Vec<SupportEvent>, String> {
    let events = read_events_checked(csv, "events.csv".to_string()).map_err(|e| e.to_string())?;
    let t = Timeline::builder()
        .actors(tl.actors().to_vec())
        .events(events)
        .build()
        .map_err(|e| e.to_string())?;
    Ok(t.events().collect())
}

/// Checks one table; returns whether the fast reader accepted it.
fn agree(csv: &[u8]) -> bool {
    let tl = base();
    let want = checked(&tl, csv);
    let fast = read_events(tl.clone(), csv);
    if let Some(got) = &fast {
        let got: Vec<SupportEvent> = got.events().collect();
        assert_eq!(Ok(got), want, "{}", String::from_utf8_lossy(csv));
    }
    // And the public reader gives the checking reader's answer either way.
    let tables = Tables {
        actors: &b"id,name,kind\nA1,A1,state\nB-2,B-2,state\nC.3,C.3,state\nD:4/x,D:4/x,state\nBLOC,BLOC,bloc\n"[..],
        memberships: &b"bloc,member,from\n"[..],
        commitments: &b"id,parties,party_a,party_b,obligation,from\n"[..],
        crises: &b"id,target,from,kind\n"[..],
        events: csv,
    };
    let public = read_tables_from(tables)
        .map(|t| t.events().collect::<Vec<_>>())
        .map_err(|e| e.to_string());
    assert_eq!(public, want, "{}", String::from_utf8_lossy(csv));
    fast.is_some()
}

#[test]
fn rungs_are_read_by_their_names() {
    for kind in crate::SupportKind::ALL {
        let want = (kind != crate::SupportKind::Silence).then_some(kind);
        assert_eq!(super::events_fast::rung(kind.as_str().as_bytes()), want);
        assert_eq!(kind.as_str().parse::<crate::SupportKind>().ok(), Some(kind));
        // The JSON names too (the fast JSON reader uses the same table).
        let json = format!("\"{}\"", kind.as_str());
        assert_eq!(
            serde_json::from_str::<crate::SupportKind>(&json).ok(),
            Some(kind)
        );
    }
}

#[test]
fn clean_tables_take_the_fast_path() {
    let rows = [
        "A1,B-2,,2020-01-05,verbal,,,",
        "A1,B-2,C.3,2020-01-05,military,0.25,0.5,ICEWS 123",
        "D:4/x,A1,,1946-12-31,hostile,1,0.125,\"quoted, with comma\"",
        " BLOC , C.3 , D:4/x , 2001-02-03 , diplomatic , 0.5 , 1e-1 ,  spaced source ",
        "C.3,A1,,-0044-03-15,economic,,,ünïcödé",
        "B-2,C.3,,9999-12-31,materiel,.5,1.0,",
    ];
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    assert!(agree(csv.as_bytes()));
    // Columns in another order, optional ones left out, CRLF.
    assert!(agree(
        b"date,kind,recipient,provider\r\n2020-01-05,verbal,B-2,A1\r\n"
    ));
    assert!(agree(format!("{HEADER}\n").as_bytes()));
}

#[test]
fn quirky_tables_agree_with_the_checking_reader() {
    let cells = [
        "A1,B-2,,2020-01-05,Military,,,",
        "A1,B-2,,2020-01-05,silence,,,",
        "A1,A1,,2020-01-05,verbal,,,",
        "A1,B-2,B-2,2020-01-05,verbal,,,",
        "A1,B-2,C.3,2020-01-05,hostile,,,",
        "A1,ZZ,,2020-01-05,verbal,,,",
        "A1,B-2,,2020-1-5,verbal,,,",
        "A1,B-2,,2020-02-30,verbal,,,",
        "A1,B-2,,10000-01-01,verbal,,,",
        "A1,B-2,,+2020-01-05,verbal,,,",
        "A1,B-2,,2020-01-05,verbal,0,,",
        "A1,B-2,,2020-01-05,verbal,NaN,,",
        "A1,B-2,,2020-01-05,verbal,inf,,",
        "A1,B-2,,2020-01-05,verbal,1.5,,",
        "A1,B-2,,2020-01-05,verbal,,-0.5,",
        "A1,B-2,,2020-01-05,verbal,half,,",
        "\u{a0}A1,B-2,,2020-01-05,verbal,,,",
        "A1\u{3000},B-2,,2020-01-05,verbal,,,",
        "A1,B-2,\u{2003},2020-01-05,verbal,,,",
        "A1,B-2,,2020-01-05\u{a0},verbal,,,",
        "A1,B-2,,2020-01-05,verbal,\u{a0}0.5,,",
        "A1,B-2,,2020-01-05,verbal,,,\u{a0}",
        "A1,B-2,,2020-01-05,verbal,,",
        "A1,B-2,,2020-01-05,verbal,,,,",
        "A1,B-2,,,verbal,,,",
        ",B-2,,2020-01-05,verbal,,,",
        "A1,B-2,,2020-01-05,,,,",
        "A1,B-2,\t,2020-01-05,verbal,,,",
        "A1,B-2,,2020-01-05,verbal,\x0b0.5,,",
    ];
    for bad in cells {
        let csv = format!("{HEADER}\nA1,B-2,,2020-01-05,verbal,,,\n{bad}\n");
        agree(csv.as_bytes());
    }
    // Invalid UTF-8 in a source, and in an id.
    agree(b"provider,recipient,date,kind,source\nA1,B-2,2020-01-05,verbal,\xff\n");
    agree(b"provider,recipient,date,kind\nA\xff,B-2,2020-01-05,verbal\n");
    // Unknown and repeated columns, no header at all.
    agree(b"provider,recipient,date,kind,extra\nA1,B-2,2020-01-05,verbal,x\n");
    agree(b"provider,recipient,date,kind,kind\nA1,B-2,2020-01-05,verbal,verbal\n");
    agree(b"");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random rows of valid and invalid cells: the fast reader never
    /// accepts what the checking reader would read otherwise.
    #[test]
    fn fast_reader_never_disagrees(rows in prop::collection::vec(
        (
            prop::sample::select(vec!["A1", " B-2", "C.3 ", "ZZ", "", "BLOC"]),
            prop::sample::select(vec!["A1", "B-2", "D:4/x", "\u{a0}C.3"]),
            prop::sample::select(vec!["", "C.3", "A1", "B-2", " "]),
            prop::sample::select(vec!["2020-01-05", "1999-12-31", " 2000-02-29", "2001-02-29", "x"]),
            prop::sample::select(vec!["verbal", "hostile", "military", "silence", "Verbal"]),
            prop::sample::select(vec!["", "0.5", "1", "0", "2", " 0.25 "]),
            prop::sample::select(vec!["", "0.75", "nan"]),
            prop::sample::select(vec!["", "src", " s "]),
        ),
        0..12,
    )) {
        let mut csv = format!("{HEADER}\n");
        for (p, r, a, d, k, i, c, s) in rows {
            csv.push_str(&format!("{p},{r},{a},{d},{k},{i},{c},{s}\n"));
        }
        agree(csv.as_bytes());
    }
}

/// The parallel reader (`rayon` feature) gives the sequential reader's
/// timeline, row for row and bit for bit, or gives up where it does.
#[cfg(feature = "rayon")]
mod parallel {
    use super::*;
    use crate::format::events_fast::read_events_parallel;

    /// A table of `n` rows (about 30 bytes each) drawn from `seed`, with
    /// some CRLF line ends, sources and spaces.
    fn table(seed: u64, n: usize, extra: &str) -> Vec<u8> {
        let mut x = seed | 1;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let ids = ["A1", "B-2", "C.3", "D:4/x", "BLOC"];
        let kinds = ["verbal", "hostile", "military", "economic"];
        let mut out = format!("{HEADER}\r\n");
        for k in 0..n {
            let r = next();
            let p = ids[(r % 5) as usize];
            let q = ids[((r >> 8) % 5) as usize];
            let q = if p == q { "A1" } else { q };
            let p = if p == q { "C.3" } else { p };
            let kind = kinds[((r >> 16) % 4) as usize];
            let against = if kind != "hostile" && (r >> 20) % 5 == 0 && p != "C.3" && q != "C.3" {
                "C.3"
            } else {
                ""
            };
            let i = if (r >> 24) % 2 == 0 {
                format!("{}", ((r >> 30) % 100 + 1) as f64 / 100.0)
            } else {
                String::new()
            };
            let src = if (r >> 40) % 7 == 0 {
                format!("s{k}")
            } else {
                String::new()
            };
            let end = if (r >> 44) % 3 == 0 { "\r\n" } else { "\n" };
            let day = 1 + (r >> 48) % 28;
            out.push_str(&format!(
                "{p}, {q},{against},2001-02-{day:02},{kind},{i},,{src}{end}"
            ));
            if k == n / 2 {
                out.push_str(extra);
            }
        }
        out.into_bytes()
    }

    fn rows(t: &Timeline) -> Vec<SupportEvent> {
        t.events().collect()
    }

    #[test]
    fn parallel_reader_equals_sequential() {
        for seed in [1u64, 2, 3] {
            let csv = table(seed, 120_000, "");
            assert!(csv.len() > 3 << 20);
            let seq = read_events(base(), &csv[..]).expect("clean table");
            let par = read_events_parallel(base(), &csv[..]).expect("clean table");
            assert_eq!(seq.rows(), par.rows());
            assert_eq!(rows(&seq), rows(&par));
        }
        // A quote in a later block: read on sequentially, same result.
        let csv = table(4, 120_000, "A1,B-2,,2001-02-03,verbal,,,\"quoted\"\n");
        let seq = read_events(base(), &csv[..]).expect("clean table");
        let par = read_events_parallel(base(), &csv[..]).expect("clean table");
        assert_eq!(rows(&seq), rows(&par));
        // A bad row in the middle, or a byte-order mark at a line start:
        // both give up.
        for extra in [
            "A1,B-2,,2001-02-30,verbal,,,\n",
            "\u{feff}A1,B-2,,2001-02-03,verbal,,,\n",
        ] {
            let csv = table(5, 120_000, extra);
            assert!(read_events(base(), &csv[..]).is_none());
            assert!(read_events_parallel(base(), &csv[..]).is_none());
        }
    }
}
