//! Throughput of the event-stream importers on inputs of at least 10 MB,
//! generated from the bundled samples by repeating their rows with dates
//! shifted so that no copy collides with another (the one-a-day filter then
//! keeps exactly the sample's events once per copy).

#[path = "support/csv_floor.rs"]
mod csv_floor;

use std::hint::black_box;

use alliance_reliability::import::{
    GdeltImporter, IcewsImporter, MidImport, StateSystem, UcdpImport, read_icb_actors,
};
use chrono::{Days, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const MIN_BYTES: usize = 10 * 1024 * 1024;

/// Repeats `rows` (without header) until the output has at least
/// `MIN_BYTES`, shifting the date field `date_col` of copy `k` by `k * step`
/// days. `fmt` is the date format of the field.
fn grow(header: Option<&str>, rows: &str, date_col: usize, fmt: &str, step: u64) -> (Vec<u8>, u64) {
    let mut out = Vec::with_capacity(MIN_BYTES + rows.len());
    if let Some(h) = header {
        out.extend_from_slice(h.as_bytes());
        out.push(b'\n');
    }
    let mut copies = 0u64;
    while out.len() < MIN_BYTES {
        for line in rows.lines() {
            for (i, field) in line.split('\t').enumerate() {
                if i > 0 {
                    out.push(b'\t');
                }
                if i == date_col {
                    let d = NaiveDate::parse_from_str(field, fmt).expect("sample date");
                    let d = d
                        .checked_add_days(Days::new(copies * step))
                        .expect("date in range");
                    out.extend_from_slice(d.format(fmt).to_string().as_bytes());
                } else {
                    out.extend_from_slice(field.as_bytes());
                }
            }
            out.push(b'\n');
        }
        copies += 1;
    }
    (out, copies)
}

/// The floor: only splitting the input into records with the `csv` crate
/// (same settings as the importers), no field is looked at.
fn csv_rows(input: &[u8], header: bool, expected: u64) -> u64 {
    let mut reader = csv::ReaderBuilder::new();
    reader
        .delimiter(b'\t')
        .quoting(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(header)
        .flexible(true)
        .buffer_capacity(1 << 16);
    let n = csv_floor::records(&reader, input);
    assert_eq!(n, expected);
    n
}

fn split_header(text: &str) -> (&str, &str) {
    text.split_once('\n').expect("a header line")
}

fn events(c: &mut Criterion) {
    let mut g = c.benchmark_group("import");

    // ICEWS: two days per copy; shift copies by 2 days.
    let icews_text =
        std::fs::read_to_string("data/icews/events.2018.sample.tab").expect("ICEWS sample");
    let (head, body) = split_header(&icews_text);
    let (icews, copies) = grow(Some(head), body, 1, "%Y-%m-%d", 2);
    let imp = IcewsImporter::bundled();
    let per_copy = imp
        .read_batch(icews_text.as_bytes(), "sample")
        .expect("sample")
        .0
        .len() as u64;
    g.throughput(Throughput::Bytes(icews.len() as u64));
    g.bench_function("icews/csv_baseline", |b| {
        b.iter(|| csv_rows(black_box(&icews[..]), true, 3705 * copies))
    });
    g.bench_function("icews/tsv", |b| {
        b.iter(|| {
            let (batch, report) = imp
                .read_batch(black_box(&icews[..]), "icews")
                .expect("reads");
            assert_eq!(batch.len() as u64, per_copy * copies);
            assert_eq!(report.rows_read, 3705 * copies);
            batch
        })
    });
    g.bench_function("icews/support_events", |b| {
        b.iter(|| {
            let (events, _) = imp.read(black_box(&icews[..]), "icews").expect("reads");
            assert_eq!(events.len() as u64, per_copy * copies);
            events
        })
    });

    // GDELT 1.0: the sample spans 1982-2016; shift copies by 13 000 days.
    let gdelt_text = std::fs::read_to_string("data/gdelt/gdelt1_sample_events_20160728.tsv")
        .expect("GDELT sample");
    let (gdelt, copies) = grow(None, &gdelt_text, 1, "%Y%m%d", 13_000);
    let imp = GdeltImporter::bundled();
    let per_copy = imp
        .read_v1_batch(gdelt_text.as_bytes(), "sample")
        .expect("sample")
        .0
        .len() as u64;
    g.throughput(Throughput::Bytes(gdelt.len() as u64));
    g.bench_function("gdelt1/csv_baseline", |b| {
        b.iter(|| csv_rows(black_box(&gdelt[..]), false, 710 * copies))
    });

    g.bench_function("gdelt1/tsv", |b| {
        b.iter(|| {
            let (batch, report) = imp
                .read_v1_batch(black_box(&gdelt[..]), "gdelt1")
                .expect("reads");
            assert_eq!(batch.len() as u64, per_copy * copies);
            assert_eq!(report.rows_read, 710 * copies);
            batch
        })
    });

    // GDELT 2.0 (synthetic, with header).
    let g2_text =
        std::fs::read_to_string("data/gdelt/gdelt2_synthetic.csv").expect("GDELT 2.0 file");
    let (head, body) = split_header(&g2_text);
    let (gdelt2, copies) = grow(Some(head), body, 1, "%Y%m%d", 13_000);
    let per_copy = imp
        .read_v2_batch(g2_text.as_bytes(), "sample")
        .expect("sample")
        .0
        .len() as u64;
    g.throughput(Throughput::Bytes(gdelt2.len() as u64));
    g.bench_function("gdelt2/tsv", |b| {
        b.iter(|| {
            let (batch, _) = imp
                .read_v2_batch(black_box(&gdelt2[..]), "gdelt2")
                .expect("reads");
            assert_eq!(batch.len() as u64, per_copy * copies);
            batch
        })
    });

    // ICB actor level (small; for reference).
    let icb = std::fs::read("data/icb-13/icb2v13.csv").expect("ICB file");
    let states = StateSystem::bundled();
    g.throughput(Throughput::Bytes(icb.len() as u64));
    g.bench_function("icb/actors", |b| {
        b.iter(|| {
            let r = read_icb_actors(black_box(&icb[..]), "icb2v13.csv", &states).expect("reads");
            assert_eq!(r.crises.len(), 1060);
            r
        })
    });

    // The conflict importers of the treaty rule (small; not scaled).
    let mids = std::fs::read("data/peacesciencer/gml_part.csv").expect("MID file");
    g.throughput(Throughput::Bytes(mids.len() as u64));
    g.bench_function("mid/participants", |b| {
        b.iter(|| {
            let r = MidImport::read(black_box(&mids[..]), "gml_part.csv", &states).expect("reads");
            assert_eq!(r.crises.len(), 5217);
            r
        })
    });
    let ucdp = std::fs::read("data/peacesciencer/ucdp_acd.csv").expect("UCDP file");
    g.throughput(Throughput::Bytes(ucdp.len() as u64));
    g.bench_function("ucdp/conflicts", |b| {
        b.iter(|| {
            let r = UcdpImport::read(black_box(&ucdp[..]), "ucdp_acd.csv", &states).expect("reads");
            assert_eq!(r.crises.len(), 278);
            r
        })
    });
    g.finish();
}

criterion_group!(benches, events);
criterion_main!(benches);
