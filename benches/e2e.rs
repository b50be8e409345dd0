//! End-to-end benchmarks: what users run, from files to scores.
//!
//! Inputs are written before timing into a temporary folder by the seeded
//! generator in `benches/support/world.rs` (see there for the world), with
//! the library's own writers; nothing is committed.
//!
//! - `e2e/tables/1000000`: [`read_tables`] of the five CSV tables of the
//!   issue-7 world with 10^6 events (about 40 MB) into a [`Timeline`];
//!   throughput in bytes read.
//! - `e2e/tables_csv_baseline/1000000`: the `csv` crate alone splitting
//!   `events.csv` into byte records (same reader settings, no field looked
//!   at): the ceiling for the tables reader; throughput in bytes.
//! - `e2e/tables_csv_baseline_unquoted/1000000`: the same with quoting
//!   off (no faster: quoting is not what the `csv` crate spends on).
//! - `e2e/parquet/1000000` (`arrow` feature): `format::read_tables_parquet` of
//!   the same world converted by `write_tables_parquet` (dictionary ids,
//!   Date32 dates, Snappy); throughput in the CSV tables' bytes, so it
//!   compares with `e2e/tables` directly.
//! - `e2e/ipc/1000000` (`arrow` feature): the same from Arrow IPC files.
//! - `e2e/json/1000000`: [`read_json_file`] of the same world as one JSON
//!   document; throughput in bytes.
//! - `e2e/ledger_new/1000000`: [`Ledger::new`] from that timeline (a clone
//!   made outside the timing) and [`Ledger::assess`]; throughput in events.
//! - `e2e/ledger_new/10000000`: the same with 10^7 events, where the
//!   per-test work (opening, ordering, indexing 108 710 tests) is amortised.
//! - `e2e/whole/1000000`: read the tables, build the ledger, assess and sum
//!   every guarantor's posterior mean; throughput in bytes.
//! - `e2e/many_crises/50000x50000`: [`Ledger::new`] of the world with
//!   50 000 crises, 50 000 commitments and 10^5 events; throughput in crises.
//!
//! - `e2e/test_heavy/50000x50000` (issue 17): the test-heavy world, 200
//!   actors, 50 000 commitments, 50 000 crises, 10^5 events (about 3.7
//!   million tests): [`Ledger::new`] (tests opened on every core) and
//!   [`Ledger::assess`] (outcomes computed on every core); throughput in
//!   tests.
//!
//! Every timed closure checks its result (event or test count) so the work
//! cannot be optimised away. Sample counts are Criterion's minimum (10) and
//! measurement times short, since one iteration takes up to a second.
//!
//! Run: `cargo bench --bench e2e -- --warm-up-time 1 --measurement-time 5`
//! (add `--features arrow` for the Parquet and IPC benches).

#[path = "support/csv_floor.rs"]
mod csv_floor;
#[path = "support/world.rs"]
mod world;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::{Config, Ledger, Timeline};
use chrono::NaiveDate;
use criterion::measurement::WallTime;
use criterion::{
    BatchSize, BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

const EVENTS: usize = 1_000_000;

/// A fresh folder under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("alliance-e2e-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create a temporary folder");
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date")
}

/// `ledger_new/{events}`: [`Ledger::new`] on a clone of `timeline` (cloned
/// outside the timing), then one assessment, its outcomes checked;
/// throughput in events.
fn ledger_new(g: &mut BenchmarkGroup<'_, WallTime>, timeline: &Timeline) {
    let events = timeline.event_count();
    g.throughput(Throughput::Elements(events as u64));
    g.bench_function(format!("ledger_new/{events}"), |b| {
        b.iter_batched(
            || timeline.clone(),
            |t| {
                let ledger =
                    Ledger::new(t, Config::default()).expect("bench ledger within the test limit");
                let n = ledger.assess(as_of()).outcomes().len();
                assert_eq!(n, ledger.test_count());
                ledger
            },
            BatchSize::PerIteration,
        )
    });
}

fn e2e(c: &mut Criterion) {
    let tmp = TempDir::new("users");
    let tables = tmp.path().join("tables");
    let bytes = world::write_tables_dir(world::Spec::users(EVENTS), &tables);
    let json = tmp.path().join("world.json");
    let json_bytes = world::write_json(world::Spec::users(EVENTS), &json);
    let timeline: Timeline = read_tables(&tables).expect("the generated tables read back");
    assert_eq!(timeline.event_count(), EVENTS);

    let mut g = c.benchmark_group("e2e");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));

    g.throughput(Throughput::Bytes(bytes));
    g.bench_function(format!("tables/{EVENTS}"), |b| {
        b.iter(|| {
            let t = read_tables(black_box(&tables)).expect("reads");
            assert_eq!(t.event_count(), EVENTS);
            t
        })
    });
    let events_csv = std::fs::read(tables.join("events.csv")).expect("events.csv");
    g.throughput(Throughput::Bytes(events_csv.len() as u64));
    for (name, quoting) in [
        ("tables_csv_baseline", true),
        ("tables_csv_baseline_unquoted", false),
    ] {
        let mut reader = csv::ReaderBuilder::new();
        reader
            .flexible(true)
            .has_headers(true)
            .quoting(quoting)
            .buffer_capacity(1 << 16);
        g.bench_function(format!("{name}/{EVENTS}"), |b| {
            b.iter(|| {
                let n = csv_floor::records(&reader, black_box(&events_csv[..]));
                assert_eq!(n, EVENTS as u64);
                n
            })
        });
    }
    drop(events_csv);
    #[cfg(feature = "arrow")]
    {
        use alliance_reliability::format::{
            read_tables_ipc, read_tables_parquet, write_tables_ipc, write_tables_parquet,
        };
        let parquet = tmp.path().join("parquet");
        write_tables_parquet(&timeline, &parquet).expect("write the Parquet tables");
        let ipc = tmp.path().join("ipc");
        write_tables_ipc(&timeline, &ipc).expect("write the IPC tables");
        g.throughput(Throughput::Bytes(bytes));
        g.bench_function(format!("parquet/{EVENTS}"), |b| {
            b.iter(|| {
                let t = read_tables_parquet(black_box(&parquet)).expect("reads");
                assert_eq!(t.event_count(), EVENTS);
                t
            })
        });
        g.bench_function(format!("ipc/{EVENTS}"), |b| {
            b.iter(|| {
                let t = read_tables_ipc(black_box(&ipc)).expect("reads");
                assert_eq!(t.event_count(), EVENTS);
                t
            })
        });
    }
    g.throughput(Throughput::Bytes(json_bytes));
    g.bench_function(format!("json/{EVENTS}"), |b| {
        b.iter(|| {
            let t = read_json_file(black_box(&json)).expect("reads");
            assert_eq!(t.event_count(), EVENTS);
            t
        })
    });
    ledger_new(&mut g, &timeline);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function(format!("whole/{EVENTS}"), |b| {
        b.iter(|| {
            let t = read_tables(black_box(&tables)).expect("reads");
            let ledger =
                Ledger::new(t, Config::default()).expect("bench ledger within the test limit");
            let a = ledger.assess(as_of());
            let sum: f64 = a
                .scoreboard()
                .guarantors()
                .map(|k| a.reliability(k).mean())
                .sum();
            assert!(sum > 0.0);
            sum
        })
    });
    drop(timeline);

    let big = world::timeline(world::Spec::users(10 * EVENTS));
    ledger_new(&mut g, &big);
    drop(big);

    let many = world::timeline(world::Spec::many_crises());
    g.throughput(Throughput::Elements(many.crises().len() as u64));
    g.bench_function("many_crises/50000x50000", |b| {
        b.iter_batched(
            || many.clone(),
            |t| {
                let ledger =
                    Ledger::new(t, Config::default()).expect("bench ledger within the test limit");
                assert!(ledger.test_count() > 0);
                ledger
            },
            BatchSize::PerIteration,
        )
    });
    drop(many);

    let heavy = world::timeline(world::Spec {
        actors: 200,
        commitments: 50_000,
        crises: 50_000,
        events: 100_000,
        seed: 0x5EED_2026,
    });
    let tests = Ledger::new(heavy.clone(), Config::default())
        .expect("bench ledger within the memory budget")
        .test_count();
    g.throughput(Throughput::Elements(tests as u64));
    g.bench_function("test_heavy/50000x50000", |b| {
        b.iter_batched(
            || heavy.clone(),
            |t| {
                let ledger =
                    Ledger::new(t, Config::default()).expect("bench ledger within the test limit");
                assert_eq!(ledger.test_count(), tests);
                let a = ledger.assess(as_of());
                assert_eq!(a.outcomes().len(), tests);
                black_box(a.outcomes().len())
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, e2e);
criterion_main!(benches);
