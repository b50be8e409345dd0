//! The research panels: the expected keys, and every row equal to a direct
//! `Ledger::assess` on its as-of day (to 1e-12 absolute on every number,
//! counts exactly), on the bundled ATOP × COW ledger and on the seed
//! scenario (blocs, pending tests, both lenses, a chosen day).
#![cfg(all(feature = "serde", feature = "bundled-data"))]

#[path = "../examples/seed/data.rs"]
#[allow(dead_code)]
mod data;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use alliance_reliability::history::{AllianceSource, HistoricalData, Rule, Scope};
use alliance_reliability::import::StateSystem;
use alliance_reliability::panel::{Panel, PanelKind, PanelOptions};
use alliance_reliability::{
    ActorKey, ActorKind, Assessment, Config, HalfLife, Ledger, Lens, Reliability,
};

const TOL: f64 = 1e-12;

fn data() -> &'static HistoricalData {
    static DATA: OnceLock<HistoricalData> = OnceLock::new();
    DATA.get_or_init(|| HistoricalData::bundled().expect("bundled data load"))
}

/// ATOP 5.1 × COW wars under the treaty rule, with a 10-year half-life so
/// that decay is exercised (the rule's own configuration has none).
fn atop_cow() -> &'static Ledger {
    static LEDGER: OnceLock<Ledger> = OnceLock::new();
    LEDGER.get_or_init(|| {
        let rule = Rule::LEEDS_TREATY;
        let config = rule
            .config()
            .half_life(HalfLife::from_years(10.0).expect("valid half-life"));
        data()
            .ledger_in(AllianceSource::Atop, rule, &Scope::all(), config)
            .expect("bundled ledger")
    })
}

fn close(what: &str, got: f64, want: f64) {
    assert!(
        (got - want).abs() <= TOL,
        "{what}: panel {got} != assess {want} (diff {})",
        (got - want).abs()
    );
}

fn key(a: &Assessment<'_>, id: &str) -> ActorKey {
    a.ledger()
        .timeline()
        .key_of(id)
        .expect("row id is an actor")
}

fn check_reliability(
    what: &str,
    r: &Reliability,
    row: [f64; 4],
    counts: [u64; 3],
    share: Option<f64>,
) {
    let i = r.interval(0.9).unwrap();
    close(&format!("{what} mean"), row[0], r.mean());
    close(&format!("{what} lower"), row[1], i.lower);
    close(&format!("{what} upper"), row[2], i.upper);
    close(
        &format!("{what} effective tests"),
        row[3],
        r.effective_tests(),
    );
    assert_eq!(
        counts,
        [r.tests(), r.honoured(), r.pending()],
        "{what} counts"
    );
    match (share, r.plain_share()) {
        (None, None) => {}
        (Some(a), Some(b)) => close(&format!("{what} plain share"), a, b),
        other => panic!("{what} plain share {other:?}"),
    }
}

/// Checks every row of `panel` against `ledger.assess_under(as_of, lens)`,
/// and that each year's keys are exactly the guarantors, dyads and blocs
/// with a test started by then.
fn check_against_assess(ledger: &Ledger, states: &StateSystem, panel: &Panel, lens: Lens) {
    let tl = ledger.timeline();
    let mut days: BTreeMap<i32, chrono::NaiveDate> = BTreeMap::new();
    for r in panel.guarantors() {
        days.insert(r.year, r.as_of);
    }
    assert!(!days.is_empty(), "the panel has rows");
    let mut g_rows: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    for r in panel.guarantors() {
        g_rows.entry(r.year).or_default().push(r);
    }
    let mut d_rows: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    for r in panel.dyads() {
        d_rows.entry(r.year).or_default().push(r);
    }
    let mut b_rows: BTreeMap<i32, Vec<_>> = BTreeMap::new();
    for r in panel.blocs() {
        b_rows.entry(r.year).or_default().push(r);
    }
    for (&year, &as_of) in &days {
        let a = ledger.assess_under(as_of, lens);
        let id = |k: ActorKey| tl.actor(k).unwrap().id().to_string();
        // Expected keys: from the direct assessment's outcomes.
        let want_g: BTreeSet<String> = a.outcomes().iter().map(|o| id(o.guarantor())).collect();
        let want_d: BTreeSet<(String, String)> = a
            .outcomes()
            .iter()
            .map(|o| (id(o.guarantor()), id(o.beneficiary())))
            .collect();
        let want_b: BTreeSet<String> = a
            .outcomes()
            .iter()
            .filter_map(|o| o.bloc())
            .map(id)
            .collect();
        let rows = g_rows.get(&year).map(Vec::as_slice).unwrap_or_default();
        let got_g: BTreeSet<String> = rows.iter().map(|r| r.stateabb.clone()).collect();
        assert_eq!(got_g, want_g, "{year}: guarantor keys");
        assert_eq!(got_g.len(), rows.len(), "{year}: one row per guarantor");
        for r in rows {
            assert_eq!(r.as_of, as_of);
            assert_eq!(r.ccode, states.code(&r.stateabb), "{}: ccode", r.stateabb);
            let what = format!("{year} {}", r.stateabb);
            let want = a.reliability(key(&a, &r.stateabb));
            check_reliability(
                &what,
                &want,
                [r.mean, r.lower, r.upper, r.effective_tests],
                [r.tests, r.honoured, r.pending],
                r.plain_share,
            );
        }
        let rows = d_rows.get(&year).map(Vec::as_slice).unwrap_or_default();
        let got_d: BTreeSet<(String, String)> = rows
            .iter()
            .map(|r| (r.stateabb1.clone(), r.stateabb2.clone()))
            .collect();
        assert_eq!(got_d, want_d, "{year}: dyad keys");
        assert_eq!(got_d.len(), rows.len(), "{year}: one row per dyad");
        for r in rows {
            assert_eq!(r.ccode1, states.code(&r.stateabb1));
            assert_eq!(r.ccode2, states.code(&r.stateabb2));
            let what = format!("{year} {}>{}", r.stateabb1, r.stateabb2);
            let ab = a.abandonment(key(&a, &r.stateabb1), key(&a, &r.stateabb2));
            let i = ab.risk_interval(0.9).unwrap();
            close(&format!("{what} risk"), r.risk, ab.risk());
            close(&format!("{what} risk lower"), r.risk_lower, i.lower);
            close(&format!("{what} risk upper"), r.risk_upper, i.upper);
            assert_eq!(r.tests, ab.record().tests(), "{what} tests");
            assert_eq!(r.abandonments, ab.abandonments().len() as u64, "{what}");
            assert_eq!(r.pending, ab.pending().len() as u64, "{what} pending");
            close(&format!("{what} others"), r.others_mean, ab.others().mean());
            let p = ledger.config().get_prior();
            let k = ab.pooling();
            let prior = (p.alpha() + k * ab.others().mean()) / (p.alpha() + p.beta() + k);
            close(&format!("{what} prior"), r.prior_mean, prior);
        }
        let rows = b_rows.get(&year).map(Vec::as_slice).unwrap_or_default();
        let got_b: BTreeSet<String> = rows.iter().map(|r| r.bloc.clone()).collect();
        assert_eq!(got_b, want_b, "{year}: bloc keys");
        for r in rows {
            let what = format!("{year} {}", r.bloc);
            let want = a.bloc(key(&a, &r.bloc)).unwrap();
            check_reliability(
                &what,
                &want,
                [r.mean, r.lower, r.upper, r.effective_tests],
                [r.tests, r.honoured, r.pending],
                r.plain_share,
            );
        }
    }
}

/// Rows sorted by year, then ccode (missing last), then id.
fn check_order(panel: &Panel) {
    let g: Vec<_> = panel
        .guarantors()
        .iter()
        .map(|r| (r.year, r.ccode.is_none(), r.ccode, r.stateabb.clone()))
        .collect();
    assert!(g.windows(2).all(|w| w[0] < w[1]), "guarantor rows in order");
    let d: Vec<_> = panel
        .dyads()
        .iter()
        .map(|r| {
            (
                r.year,
                (r.ccode1.is_none(), r.ccode1, r.stateabb1.clone()),
                (r.ccode2.is_none(), r.ccode2, r.stateabb2.clone()),
            )
        })
        .collect();
    assert!(d.windows(2).all(|w| w[0] < w[1]), "dyad rows in order");
    let b: Vec<_> = panel
        .blocs()
        .iter()
        .map(|r| (r.year, r.bloc.clone()))
        .collect();
    assert!(b.windows(2).all(|w| w[0] < w[1]), "bloc rows in order");
}

#[test]
fn atop_cow_panel_has_the_expected_keys_and_equals_direct_assess() {
    let ledger = atop_cow();
    let states = data().states();
    let panel = Panel::new(ledger, states, &PanelOptions::new()).unwrap();
    // Every year from the first test (1828) to the last window's close.
    let years: BTreeSet<i32> = panel.guarantors().iter().map(|r| r.year).collect();
    assert_eq!(years.first(), Some(&1828));
    assert_eq!(years.len() as i32, years.last().unwrap() - 1828 + 1);
    // ATOP × COW actors are COW states: every one has a code.
    assert!(
        panel.without_ccode().is_empty(),
        "{:?}",
        panel.without_ccode()
    );
    assert!(panel.blocs().is_empty(), "ATOP x COW has no blocs");
    // Great powers are keyed by their COW codes.
    for (ccode, abb) in [(2, "USA"), (200, "UKG"), (365, "RUS")] {
        assert!(
            panel
                .guarantors()
                .iter()
                .any(|r| r.ccode == Some(ccode) && r.stateabb == abb),
            "{abb}"
        );
    }
    assert!(
        panel
            .guarantors()
            .iter()
            .all(|r| r.as_of.format("%m-%d").to_string() == "12-31")
    );
    check_order(&panel);
    check_against_assess(ledger, states, &panel, ledger.config().get_lens());
}

#[test]
fn seed_panel_with_blocs_pending_tests_and_both_lenses_equals_direct_assess() {
    let ledger = Ledger::new(data::timeline().unwrap(), Config::default()).unwrap();
    let states = data().states();
    for lens in [Lens::Letter, Lens::Expectation] {
        // 20 January: the seed's own assessment day, with a pending test in 2026.
        let options = PanelOptions::new().on(1, 20).years(2014..=2027).lens(lens);
        let panel = Panel::new(&ledger, states, &options).unwrap();
        assert!(!panel.blocs().is_empty(), "CSTO and BRICS have tests");
        assert!(
            panel.guarantors().iter().any(|r| r.pending > 0),
            "a pending test"
        );
        // Blocs have no COW code: counted where they are a dyad side.
        for r in panel.guarantors() {
            let bloc = ledger
                .timeline()
                .actor(ledger.timeline().key_of(&r.stateabb).unwrap())
                .unwrap()
                .kind()
                == ActorKind::Bloc;
            assert_eq!(
                r.ccode.is_none(),
                bloc || states.code(&r.stateabb).is_none()
            );
        }
        check_order(&panel);
        check_against_assess(&ledger, states, &panel, lens);
    }
}

#[test]
fn actors_without_a_ccode_get_an_empty_field_and_are_counted() {
    let ledger = Ledger::new(data::timeline().unwrap(), Config::default()).unwrap();
    // A state system that knows only Russia.
    let (states, _) =
        StateSystem::read("stateabb,ccode,year\nRUS,365,2020\n".as_bytes(), "s.csv").unwrap();
    let panel = Panel::new(&ledger, &states, &PanelOptions::new()).unwrap();
    let rus: Vec<_> = panel
        .guarantors()
        .iter()
        .filter(|r| r.stateabb == "RUS")
        .collect();
    assert!(!rus.is_empty() && rus.iter().all(|r| r.ccode == Some(365)));
    let others = panel.guarantors().iter().filter(|r| r.stateabb != "RUS");
    assert!(others.clone().count() > 0);
    assert!(others.clone().all(|r| r.ccode.is_none()));
    // Every id without a code is listed once; Russia is not.
    let mut want: BTreeSet<String> = panel
        .guarantors()
        .iter()
        .map(|r| r.stateabb.clone())
        .collect();
    want.extend(
        panel
            .dyads()
            .iter()
            .flat_map(|r| [r.stateabb1.clone(), r.stateabb2.clone()]),
    );
    want.remove("RUS");
    assert_eq!(panel.without_ccode(), want.into_iter().collect::<Vec<_>>());
    // In CSV the code is an empty field, and the row is there.
    let mut out = Vec::new();
    panel.write_csv(PanelKind::Guarantor, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), panel.guarantors().len() + 1);
    assert!(text.lines().any(|l| l.starts_with(",ARM,")), "{text}");
}

#[test]
fn csv_and_json_lines_read_back_with_the_documented_columns() {
    let ledger = atop_cow();
    let panel = Panel::new(
        ledger,
        data().states(),
        &PanelOptions::new().years(1990..=2000),
    )
    .unwrap();
    for kind in [PanelKind::Guarantor, PanelKind::Dyad] {
        let mut out = Vec::new();
        panel.write_csv(kind, &mut out).unwrap();
        let mut rdr = csv::Reader::from_reader(out.as_slice());
        let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header, Panel::columns(kind));
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), panel.len(kind));
        assert!(rows.len() > 100, "{kind}: {} rows", rows.len());
        if kind == PanelKind::Guarantor {
            // Numbers read back bit-exact.
            for (rec, row) in rows.iter().zip(panel.guarantors()) {
                assert_eq!(rec[4].parse::<f64>().unwrap(), row.mean);
                assert_eq!(rec[0].parse::<u16>().ok(), row.ccode);
            }
        }
        let mut lines = Vec::new();
        panel.write_json_lines(kind, &mut lines).unwrap();
        let text = String::from_utf8(lines).unwrap();
        assert_eq!(text.lines().count(), panel.len(kind));
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
            assert_eq!(keys.len(), Panel::columns(kind).len());
            for c in Panel::columns(kind) {
                assert!(v.get(c).is_some(), "{kind}: {c} in {line}");
            }
        }
    }
    // The same panel twice is the same bytes (deterministic).
    let again = Panel::new(
        ledger,
        data().states(),
        &PanelOptions::new().years(1990..=2000),
    )
    .unwrap();
    assert_eq!(again, panel);
}

#[test]
fn bad_options_are_typed_errors() {
    let ledger = atop_cow();
    let states = data().states();
    for level in [0.0, 1.0, f64::NAN, -1.0] {
        assert!(matches!(
            Panel::new(ledger, states, &PanelOptions::new().level(level)),
            Err(alliance_reliability::Error::InvalidLevel(_))
        ));
    }
    for (m, d) in [(2, 30), (13, 1), (0, 0), (4, 31)] {
        assert!(matches!(
            Panel::new(ledger, states, &PanelOptions::new().on(m, d)),
            Err(alliance_reliability::Error::OutOfRange { .. })
        ));
    }
    // 29 February is 28 February in other years.
    let p = Panel::new(
        ledger,
        states,
        &PanelOptions::new().on(2, 29).years(1999..=2000),
    )
    .unwrap();
    let days: BTreeSet<String> = p.guarantors().iter().map(|r| r.as_of.to_string()).collect();
    assert_eq!(
        days.into_iter().collect::<Vec<_>>(),
        ["1999-02-28", "2000-02-29"]
    );
    // An empty range is an empty panel.
    #[allow(clippy::reversed_empty_ranges)]
    let empty = Panel::new(ledger, states, &PanelOptions::new().years(2001..=2000)).unwrap();
    assert!(empty.is_empty());
}

#[test]
fn only_one_panel_leaves_the_others_empty_and_equals_the_full_one() {
    let ledger = Ledger::new(data::timeline().unwrap(), Config::default()).unwrap();
    let states = data().states();
    let all = Panel::new(&ledger, states, &PanelOptions::new()).unwrap();
    for kind in PanelKind::ALL {
        let one = Panel::new(&ledger, states, &PanelOptions::new().only(kind)).unwrap();
        for other in PanelKind::ALL {
            let want = if other == kind { all.len(other) } else { 0 };
            assert_eq!(one.len(other), want, "{kind} only: {other}");
        }
        assert!(one.len(kind) > 0);
    }
    let g = Panel::new(
        &ledger,
        states,
        &PanelOptions::new().only(PanelKind::Guarantor),
    )
    .unwrap();
    assert_eq!(g.guarantors(), all.guarantors());
}
