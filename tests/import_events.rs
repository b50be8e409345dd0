//! The ICB, ICEWS and GDELT importers on the real bundled files: exact
//! counts (rows read, used, skipped by reason; records by rung) and spot
//! checks of known rows.
#![cfg(feature = "bundled-data")]

use alliance_reliability::import::{
    ActorRule, Countries, Dedup, EventBatch, GdeltImporter, IcewsImporter, ImportReport,
    SkipReason, StateSystem, Weights, read_icb_actors,
};
use alliance_reliability::{CrisisKind, SupportKind};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn oos(what: &'static str) -> SkipReason {
    SkipReason::OutOfScope { what }
}

/// Counts per rung, worst first: hostile, silence, verbal, diplomatic,
/// economic, materiel, military.
fn rungs(kinds: impl Iterator<Item = SupportKind>) -> [u64; 7] {
    let mut n = [0; 7];
    for k in kinds {
        n[SupportKind::ALL.iter().position(|x| *x == k).unwrap()] += 1;
    }
    n
}

fn balanced(r: &ImportReport) {
    assert_eq!(r.rows_read, r.rows_used + r.skipped_total(), "{r}");
}

#[test]
fn icb_actor_level() {
    let icb = read_icb_actors(
        &read("data/icb-13/icb2v13.csv")[..],
        "icb2v13.csv",
        &StateSystem::bundled(),
    )
    .unwrap();
    let r = &icb.crisis_report;
    balanced(r);
    assert_eq!((r.rows_read, r.rows_used, r.records), (1065, 1060, 1060));
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownActor { field: "cracid" }),
        3
    );
    assert_eq!(
        r.skipped_for(&SkipReason::MissingValue { field: "yrtrig" }),
        1
    );
    assert_eq!(
        r.skipped_for(&SkipReason::MissingValue { field: "yrterm" }),
        1
    );
    assert_eq!(r.skipped_total(), 5);
    // The unknown actors are 672, 671 and 219 (Vichy France), in file order.
    let unknown: Vec<&str> = r
        .examples
        .iter()
        .take(3)
        .map(|s| s.value.as_str())
        .collect();
    assert_eq!(unknown, ["672", "671", "219"]);
    let lines: Vec<u64> = r.examples.iter().map(|s| s.line).collect();
    assert_eq!(lines, [62, 63, 213, 373, 1044]); // physical lines (CRLF file)

    let kinds = |k| icb.crises.iter().filter(|c| c.kind() == k).count();
    assert_eq!(kinds(CrisisKind::ExternalAttack), 567);
    assert_eq!(kinds(CrisisKind::Other), 428);
    assert_eq!(kinds(CrisisKind::InternalUprising), 44);
    assert_eq!(kinds(CrisisKind::EconomicCoercion), 21);
    let sev = |s: f64| {
        icb.crises
            .iter()
            .filter(|c| c.severity().get() == s)
            .count()
    };
    assert_eq!(
        (sev(0.25), sev(0.5), sev(0.75), sev(1.0)),
        (353, 248, 230, 229)
    );

    let g = &icb.involvement_report;
    balanced(g);
    assert_eq!((g.rows_read, g.rows_used, g.records), (7420, 1626, 1626));
    assert_eq!(
        g.skipped_for(&oos("great-power involvement not coded after 1945")),
        4035
    );
    assert_eq!(g.skipped_for(&oos("great power not involved")), 1328);
    assert_eq!(
        g.skipped_for(&oos("great power is itself a crisis actor")),
        202
    );
    assert_eq!(
        g.skipped_for(&oos("involvement viewed neutrally (direction unknown)")),
        139
    );
    assert_eq!(g.skipped_for(&oos("great power neutral")), 20);
    let inactivity = SkipReason::Inconsistent {
        what: "active involvement but attitude to inactivity",
    };
    assert_eq!(g.skipped_for(&inactivity), 24);
    let own = SkipReason::Inconsistent {
        what: "great power coded as involved in its own crisis",
    };
    assert_eq!(g.skipped_for(&own), 1);
    let missing: u64 = [
        "usfavr", "sufavr", "gbfavr", "frfavr", "itfavr", "grfavr", "jpfavr",
    ]
    .into_iter()
    .map(|field| g.skipped_for(&SkipReason::MissingValue { field }))
    .sum();
    assert_eq!(missing, 45);

    assert_eq!(icb.events.len(), 1559);
    assert_eq!(
        rungs(icb.events.iter().map(|e| e.kind())),
        [861, 0, 2, 419, 14, 164, 99]
    );
    assert_eq!(icb.abandonments.len(), 67);
    assert!(icb.unresolved_adversaries.is_empty());

    // Spot checks.
    let crisis = |id: &str| icb.crises.iter().find(|c| c.id().as_str() == id).unwrap();
    let rus = crisis("ICB:1:RUS"); // RUSSIAN CIVIL WAR I: trigger 1918-05-?, end 1920-04-01
    assert_eq!(rus.start(), d(1918, 5, 1)); // blank day: first of the month
    assert_eq!(rus.period().until(), Some(d(1920, 4, 1)));
    assert_eq!(rus.kind(), CrisisKind::ExternalAttack);
    assert_eq!(rus.severity().get(), 0.75);
    assert!(rus.adversaries().is_empty()); // trigent 996: non-state actor
    let nic = crisis("ICB:2:NIC");
    assert_eq!(nic.adversaries()[0].as_str(), "COS");
    assert_eq!(nic.label(), Some("COSTA RICAN COUP"));
    // Hungary has two crisis periods in crisis 6: both ids carry the cracno.
    assert_eq!(crisis("ICB:6:HUN:11").start(), d(1919, 3, 20));
    assert_eq!(crisis("ICB:6:HUN:13").start(), d(1919, 6, 8));
    assert!(icb.crises.iter().all(|c| c.id().as_str() != "ICB:6:HUN"));
    // US semi-military aid to Nicaragua against Costa Rica, viewed favourably.
    let e = &icb.events[1];
    assert_eq!(
        (e.provider().as_str(), e.recipient().as_str(), e.kind()),
        ("USA", "NIC", SupportKind::Materiel)
    );
    assert_eq!(e.against_actor().map(|a| a.as_str()), Some("COS"));
    assert_eq!(e.date(), d(1918, 5, 25));
    // US semi-military involvement in the Russian Civil War, viewed unfavourably.
    let e = &icb.events[0];
    assert_eq!((e.kind(), e.intensity().get()), (SupportKind::Hostile, 0.6));
    let a = &icb.abandonments[0];
    assert_eq!(
        (a.crisis.as_str(), a.patron.as_str(), a.client.as_str()),
        ("ICB:11:TUR", "ITA", "TUR")
    );
    assert_eq!(a.date, d(1919, 11, 1));
}

fn icews_counts(b: &EventBatch, r: &ImportReport) {
    balanced(r);
    assert_eq!((r.rows_read, r.rows_used, r.records), (3705, 536, 536));
    assert_eq!(r.skipped_for(&oos("CAMEO code outside the ladder")), 902);
    assert_eq!(
        r.skipped_for(&oos("domestic event (same state on both sides)")),
        1038
    );
    assert_eq!(r.skipped_for(&oos("non-governmental actor")), 202);
    assert_eq!(
        r.skipped_for(&oos("territory outside the COW state system")),
        69
    );
    let ms = |field| r.skipped_for(&SkipReason::MissingValue { field });
    assert_eq!((ms("Source Country"), ms("Target Country")), (104, 175));
    assert_eq!(r.skipped_for(&SkipReason::Duplicate), 679);
    assert_eq!(r.skipped_total(), 3169);
    assert_eq!(b.count_by_kind(), [61, 0, 190, 279, 3, 3, 0]);
}

#[test]
fn icews_sample() {
    let f = read("data/icews/events.2018.sample.tab");
    let imp = IcewsImporter::bundled();
    let (b, r) = imp.read_batch(&f[..], "events.2018.sample.tab").unwrap();
    icews_counts(&b, &r);
    // Every country name in the sample is known to the crosswalk.
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownActor {
            field: "Source Country"
        }),
        0
    );
    assert_eq!(
        r.skipped_for(&SkipReason::UnknownActor {
            field: "Target Country"
        }),
        0
    );
    // First event: line 2, Bangladesh's foreign ministry consults Vietnam's military.
    let e = b.events()[0];
    assert_eq!(e.line(), 2);
    assert_eq!(b.provider(&e).unwrap().as_str(), "BNG");
    assert_eq!(b.recipient(&e).unwrap().as_str(), "DRV");
    assert_eq!(
        (e.code().as_str(), e.kind()),
        ("040", SupportKind::Diplomatic)
    );
    assert_eq!(e.intensity().get(), 0.1);
    assert_eq!(e.date(), d(2018, 6, 1));
    assert_eq!(e.confidence().get(), 1.0);

    // The SupportEvent path gives the same events.
    let (events, r2) = imp.read(&f[..], "x").unwrap();
    assert_eq!(events.len(), 536);
    assert_eq!(r2.rows_used, 536);
    assert_eq!(events[0].provider().as_str(), "BNG");

    // Counting every country-attributed actor, and without de-duplication.
    let (b, r) = IcewsImporter::bundled()
        .with_actor_rule(ActorRule::AnyCountry)
        .read_batch(&f[..], "x")
        .unwrap();
    assert_eq!(
        (r.rows_used, r.skipped_for(&SkipReason::Duplicate)),
        (685, 732)
    );
    assert_eq!(b.count_by_kind(), [111, 0, 213, 353, 5, 3, 0]);
    let (b, r) = IcewsImporter::bundled()
        .with_dedup(Dedup::Off)
        .read_batch(&f[..], "x")
        .unwrap();
    assert_eq!((b.len(), r.skipped_for(&SkipReason::Duplicate)), (1215, 0));
    // Table weights give the same events (ICEWS rows carry the table's weights).
    let (b2, _) = IcewsImporter::bundled()
        .with_dedup(Dedup::Off)
        .with_weights(Weights::Table)
        .read_batch(&f[..], "x")
        .unwrap();
    assert_eq!(b2.len(), b.len());
}

#[test]
fn gdelt_1_and_2() {
    let f = read("data/gdelt/gdelt1_sample_events_20160728.tsv");
    let (b, r) = GdeltImporter::bundled()
        .read_v1_batch(&f[..], "gdelt1")
        .unwrap();
    let check = |b: &EventBatch, r: &ImportReport| {
        balanced(r);
        assert_eq!((r.rows_read, r.rows_used, r.records), (710, 89, 89));
        let ms = |field| r.skipped_for(&SkipReason::MissingValue { field });
        let ua = |field| r.skipped_for(&SkipReason::UnknownActor { field });
        assert_eq!(
            (ms("Actor1CountryCode"), ms("Actor2CountryCode")),
            (198, 159)
        );
        assert_eq!((ua("Actor1CountryCode"), ua("Actor2CountryCode")), (6, 5));
        assert_eq!(r.skipped_for(&oos("CAMEO code outside the ladder")), 201);
        assert_eq!(
            r.skipped_for(&oos("domestic event (same state on both sides)")),
            39
        );
        assert_eq!(r.skipped_for(&oos("non-governmental actor")), 6);
        assert_eq!(
            r.skipped_for(&oos("territory outside the COW state system")),
            7
        );
        assert_eq!(r.skipped_for(&SkipReason::Duplicate), 0);
        assert_eq!(b.count_by_kind(), [28, 0, 15, 41, 4, 1, 0]);
        // Line 5: Canada coerces the United States (172), GoldsteinScale -5, 2 sources.
        let e = b.events()[0];
        assert_eq!(e.line(), 5);
        assert_eq!(b.provider(&e).unwrap().as_str(), "CAN");
        assert_eq!(b.recipient(&e).unwrap().as_str(), "USA");
        assert_eq!((e.code().as_str(), e.kind()), ("172", SupportKind::Hostile));
        assert_eq!((e.intensity().get(), e.confidence().get()), (0.5, 0.75));
        // Line 10: the United States expresses intent to cooperate with Australia.
        let e = b.events()[3];
        assert_eq!(e.line(), 10);
        assert_eq!(b.recipient(&e).unwrap().as_str(), "AUL"); // ISO AUS is COW AUL
        assert_eq!(e.kind(), SupportKind::Verbal);
    };
    check(&b, &r);
    // The synthetic GDELT 2.0 file holds the same rows in the 61-column layout
    // (plus a header, so every line number is one higher).
    let f2 = read("data/gdelt/gdelt2_synthetic.csv");
    let (b2, r2) = GdeltImporter::bundled()
        .read_v2_batch(&f2[..], "gdelt2")
        .unwrap();
    assert_eq!(b2.len(), b.len());
    assert_eq!(r2.skipped, r.skipped);
    for (x, y) in b.events().iter().zip(b2.events()) {
        assert_eq!(x.line() + 1, y.line());
        assert_eq!(
            (x.date(), x.kind(), x.code()),
            (y.date(), y.kind(), y.code())
        );
    }
    let (events, _) = GdeltImporter::bundled().read_v2(&f2[..], "gdelt2").unwrap();
    assert_eq!(events[0].provider().as_str(), "CAN");
}

#[test]
fn countries_cover_the_samples() {
    let c = Countries::bundled();
    assert_eq!(c.by_name("Russian Federation").unwrap().as_str(), "RUS");
    assert_eq!(c.by_iso3("GBR").unwrap().as_str(), "UKG");
}
