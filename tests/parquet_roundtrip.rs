//! Parquet and Arrow IPC tables (`arrow` feature) against CSV: random
//! worlds written as CSV and as Parquet (and IPC) read back to the same
//! timeline, record for record and event row for event row, and score the
//! same, bit for bit. Files written by other tools' layouts (plain string
//! ids, text dates, nulls for absent quantities, small row groups, other
//! dictionary key types) read to the same timeline too.

#[path = "../benches/support/world.rs"]
mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use alliance_reliability::format::{
    read_tables, read_tables_ipc, read_tables_parquet, write_tables, write_tables_ipc,
    write_tables_parquet,
};
use alliance_reliability::*;
use arrow_array::types::UInt16Type;
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, LargeStringArray, RecordBatch,
    StringArray, StringViewArray, UInt16Array,
};
use arrow_schema::{DataType, Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;
use proptest::prelude::*;

/// A fresh folder under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "alliance-parquet-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A world of `spec` with the optional fields the generator leaves out
/// (sources, labels, treaties, regions, excluded adversaries, required
/// levels, crisis labels and regions) set on some records, from `seed`.
fn world(spec: world::Spec, seed: u64) -> Timeline {
    let base = world::timeline(spec);
    let mut state = seed | 1;
    let mut draw = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let regions = |k: u64| Regions::of(Region::ALL.into_iter().skip(k as usize % 6).take(2));
    let actors = base.actors().to_vec();
    let commitments: Vec<Commitment> = base
        .commitments()
        .iter()
        .cloned()
        .map(|c| match draw(6) {
            0 => c.with_label(format!("pact, \"{}\"", draw(100))),
            1 => c.with_treaty(format!("T{}", draw(5))),
            2 => c.with_regions(regions(draw(6))),
            3 => c.with_excluded_adversaries([actors[draw(5) as usize].id().clone()]),
            4 => c.with_required(SupportKind::Materiel),
            _ => c,
        })
        .collect();
    let crises: Vec<Crisis> = base
        .crises()
        .iter()
        .cloned()
        .map(|c| match draw(4) {
            0 => c.with_label(format!("crisis {}", draw(1000))),
            1 => c.with_regions(regions(draw(6))),
            _ => c,
        })
        .collect();
    let events: Vec<SupportEvent> = base
        .events()
        .map(|e| match draw(10) {
            0 => e.with_source(format!("wire {}; line\nbreak", draw(1000))),
            1 => e.with_source("ÄÖ source"),
            _ => e,
        })
        .collect();
    Timeline::builder()
        .actors(actors)
        .memberships(base.memberships().to_vec())
        .commitments(commitments)
        .crises(crises)
        .events(events)
        .build()
        .expect("the enriched world is valid")
}

/// Asserts two timelines hold the same records and the same event rows.
fn same_timeline(a: &Timeline, b: &Timeline) {
    assert_eq!(a.actors(), b.actors());
    assert_eq!(a.memberships(), b.memberships());
    assert_eq!(a.commitments(), b.commitments());
    assert_eq!(a.crises(), b.crises());
    assert_eq!(a.event_count(), b.event_count());
    for (i, (x, y)) in a.events().zip(b.events()).enumerate() {
        assert_eq!(x, y, "event #{i}");
        // Quantities bit for bit, not only ==.
        assert_eq!(x.intensity().get().to_bits(), y.intensity().get().to_bits());
        assert_eq!(
            x.confidence().get().to_bits(),
            y.confidence().get().to_bits()
        );
    }
    for (x, y) in a.actors().iter().zip(b.actors()) {
        assert_eq!(a.key(x.id()), b.key(y.id()), "same interned keys");
    }
}

/// Every guarantor's scores and every outcome, keyed by ids.
fn fingerprint(tl: Timeline) -> BTreeMap<String, u64> {
    let ledger = Ledger::new(tl, Config::default()).unwrap();
    let as_of = NaiveDate::from_ymd_opt(2021, 6, 30).unwrap();
    let a = ledger.assess(as_of);
    let tl = ledger.timeline();
    let mut m = BTreeMap::new();
    for x in tl.actors() {
        let k = tl.key(x.id()).unwrap();
        let r = a.reliability(k);
        let id = x.id();
        m.insert(format!("{id}/alpha"), r.alpha().to_bits());
        m.insert(format!("{id}/beta"), r.beta().to_bits());
        m.insert(format!("{id}/mean"), r.mean().to_bits());
        m.insert(format!("{id}/eff"), r.effective_tests().to_bits());
        m.insert(format!("{id}/tests"), r.tests());
    }
    for o in a.outcomes() {
        let v = ledger.test_view(o.test(), as_of).unwrap();
        let key = format!(
            "out/{}/{}/{}",
            v.crisis.id(),
            v.commitment.id(),
            v.guarantor.id()
        );
        m.insert(format!("{key}/fulfilment"), o.fulfilment().to_bits());
        m.insert(format!("{key}/expected"), o.expected().to_bits());
    }
    m
}

/// CSV, Parquet and IPC of `tl` read back to the same timeline and scores.
fn check_formats(tl: &Timeline) {
    let tmp = TempDir::new("formats");
    let (csv, pq, ipc) = (tmp.join("csv"), tmp.join("pq"), tmp.join("ipc"));
    write_tables(tl, &csv).unwrap();
    let from_csv = read_tables(&csv).unwrap();
    // The converter's path: the CSV tables, read, written as Parquet.
    write_tables_parquet(&from_csv, &pq).unwrap();
    write_tables_ipc(&from_csv, &ipc).unwrap();
    let from_pq = read_tables_parquet(&pq).unwrap();
    let from_ipc = read_tables_ipc(&ipc).unwrap();
    same_timeline(&from_csv, &from_pq);
    same_timeline(&from_csv, &from_ipc);
    // Parquet written straight from the original timeline reads the same too.
    write_tables_parquet(tl, &pq).unwrap();
    same_timeline(&from_csv, &read_tables_parquet(&pq).unwrap());
    let scores = fingerprint(from_csv);
    assert_eq!(scores, fingerprint(from_pq), "Parquet scores differ");
    assert_eq!(scores, fingerprint(from_ipc), "IPC scores differ");
}

fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(24)))]

    #[test]
    fn parquet_and_ipc_read_as_csv(
        actors in 30usize..70,
        commitments in 1usize..60,
        crises in 0usize..80,
        events in 0usize..3000,
        seed in 1u64..u64::MAX,
    ) {
        let spec = world::Spec { actors, commitments, crises, events, seed };
        check_formats(&world(spec, seed));
    }
}

#[test]
fn empty_timeline_round_trips() {
    check_formats(&Timeline::builder().build().unwrap());
}

/// More events than one record batch (65 536 rows), so batches and their
/// dictionaries are crossed; every event row compared.
#[test]
fn many_events_cross_batches() {
    check_formats(&world(world::Spec::users(150_000), 7));
}

/// Writes `batch` to `path` as Parquet in row groups of `group` rows.
fn write_parquet(path: &Path, batch: &RecordBatch, group: usize) {
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(group))
        .set_write_batch_size(17)
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        batch.schema(),
        Some(props),
    )
    .unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

/// The events of `tl` as one batch of another tool's layout: ids and kinds
/// as `layout` says, dates as text, intensity and confidence null where 1,
/// sources as `LargeUtf8`, columns in another order.
fn foreign_events(tl: &Timeline, layout: &str) -> RecordBatch {
    let events: Vec<SupportEvent> = tl.events().collect();
    let text = |f: &dyn Fn(&SupportEvent) -> Option<String>| -> ArrayRef {
        let cells: Vec<Option<String>> = events.iter().map(f).collect();
        match layout {
            "utf8" => Arc::new(StringArray::from(cells)),
            "view" => Arc::new(StringViewArray::from_iter(cells)),
            _ => {
                // Dictionary with UInt16 keys, values in first-seen order.
                let mut values: Vec<String> = Vec::new();
                let keys: Vec<Option<u16>> = cells
                    .iter()
                    .map(|c| {
                        c.as_ref().map(|c| {
                            let at = values.iter().position(|v| v == c).unwrap_or_else(|| {
                                values.push(c.clone());
                                values.len() - 1
                            });
                            at as u16
                        })
                    })
                    .collect();
                Arc::new(
                    DictionaryArray::<UInt16Type>::try_new(
                        UInt16Array::from(keys),
                        Arc::new(StringArray::from(values)),
                    )
                    .unwrap(),
                )
            }
        }
    };
    let unit = |x: f64| (x != 1.0).then_some(x);
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("kind", text(&|e| Some(e.kind().to_string()))),
        ("date", text(&|e| Some(e.date().to_string()))),
        ("recipient", text(&|e| Some(e.recipient().to_string()))),
        ("provider", text(&|e| Some(e.provider().to_string()))),
        (
            "against",
            text(&|e| e.against_actor().map(|a| a.to_string())),
        ),
        (
            "intensity",
            Arc::new(Float64Array::from_iter(
                events.iter().map(|e| unit(e.intensity().get())),
            )),
        ),
        (
            "confidence",
            Arc::new(Float64Array::from_iter(
                events.iter().map(|e| unit(e.confidence().get())),
            )),
        ),
        (
            "source",
            Arc::new(LargeStringArray::from_iter(
                events.iter().map(|e| e.source().map(str::to_string)),
            )),
        ),
    ];
    let fields: Vec<Field> = columns
        .iter()
        .map(|(n, a)| Field::new(*n, a.data_type().clone(), true))
        .collect();
    RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        columns.into_iter().map(|c| c.1).collect(),
    )
    .unwrap()
}

/// Other tools' layouts of the events table, in row groups of 97 rows:
/// the same timeline as the CSV tables.
#[test]
fn foreign_layouts_read_as_csv() {
    let tl = world(
        world::Spec {
            actors: 40,
            commitments: 30,
            crises: 50,
            events: 2_000,
            seed: 99,
        },
        99,
    );
    let tmp = TempDir::new("foreign");
    write_tables(&tl, &tmp.join("csv")).unwrap();
    let from_csv = read_tables(&tmp.join("csv")).unwrap();
    for layout in ["utf8", "view", "dict16"] {
        let pq = tmp.join(layout);
        write_tables_parquet(&tl, &pq).unwrap();
        write_parquet(&pq.join("events.parquet"), &foreign_events(&tl, layout), 97);
        let from_pq = read_tables_parquet(&pq).unwrap_or_else(|e| panic!("{layout}: {e}"));
        same_timeline(&from_csv, &from_pq);
    }
}

/// Date32 days map to the crate's calendar: 1970-01-01 is day 0.
#[test]
fn date32_epoch() {
    let tl = Timeline::builder()
        .actor(Actor::new("A", "A", ActorKind::State).unwrap())
        .actor(Actor::new("B", "B", ActorKind::State).unwrap())
        .event(
            SupportEvent::new(
                "A",
                "B",
                NaiveDate::from_ymd_opt(1970, 1, 1).unwrap(),
                SupportKind::Verbal,
            )
            .unwrap(),
        )
        .event(
            SupportEvent::new(
                "A",
                "B",
                NaiveDate::from_ymd_opt(-9999, 1, 1).unwrap(),
                SupportKind::Verbal,
            )
            .unwrap(),
        )
        .event(
            SupportEvent::new(
                "B",
                "A",
                NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
                SupportKind::Military,
            )
            .unwrap(),
        )
        .build()
        .unwrap();
    let tmp = TempDir::new("epoch");
    write_tables_parquet(&tl, &tmp.join("pq")).unwrap();
    let back = read_tables_parquet(&tmp.join("pq")).unwrap();
    same_timeline(&tl, &back);
    let file = std::fs::File::open(tmp.join("pq/events.parquet")).unwrap();
    let mut reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batch = reader.next().unwrap().unwrap();
    let dates = batch
        .column_by_name("date")
        .unwrap()
        .as_any()
        .downcast_ref::<Date32Array>()
        .unwrap();
    assert_eq!(dates.value(0), 0);
    assert!(matches!(
        batch.column_by_name("provider").unwrap().data_type(),
        DataType::Dictionary(_, _)
    ));
}
