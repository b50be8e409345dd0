//! Bad Parquet and Arrow IPC tables (`arrow` feature): every bad value is
//! a typed error naming file, row (1-based data row), column and value,
//! never a panic and never a silently dropped row. Where the same bad
//! value can be written in CSV, the error is the CSV reader's, with the
//! data row in place of the line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use alliance_reliability::format::{
    read_tables, read_tables_ipc, read_tables_parquet, write_tables, write_tables_ipc,
    write_tables_parquet,
};
use alliance_reliability::*;
use arrow_array::types::Int32Type;
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{Field, Schema};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::WriterProperties;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "alliance-badpq-{}-{name}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
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

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Three actors, a commitment, a crisis, no events.
fn small() -> Timeline {
    Timeline::builder()
        .actor(Actor::new("RUS", "Russia", ActorKind::State).unwrap())
        .actor(Actor::new("SYR", "Syria", ActorKind::State).unwrap())
        .actor(Actor::new("TUR", "Turkey", ActorKind::State).unwrap())
        .commitment(
            Commitment::new(
                "RUS-SYR",
                Parties::Directed {
                    guarantor: "RUS".parse().unwrap(),
                    beneficiary: "SYR".parse().unwrap(),
                },
                Obligation::Defence,
                Period::starting(d(2015, 1, 1)),
            )
            .unwrap(),
        )
        .crisis(
            Crisis::new(
                "K1",
                "SYR",
                Period::new(d(2024, 11, 27), Some(d(2024, 12, 8))).unwrap(),
                CrisisKind::InternalUprising,
            )
            .unwrap(),
        )
        .build()
        .unwrap()
}

/// Writes `columns` as one batch (all nullable) to `path`, in row groups
/// of `group` rows.
fn write_batch(path: &Path, columns: Vec<(&str, ArrayRef)>, group: usize) {
    let batch = batch(columns);
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(group))
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        batch.schema(),
        Some(props),
    )
    .unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
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

/// The small world as Parquet, with `events` as its events table.
fn parquet_with_events(tmp: &TempDir, columns: Vec<(&str, ArrayRef)>, group: usize) -> PathBuf {
    let dir = tmp.path().join("pq");
    write_tables_parquet(&small(), &dir).unwrap();
    write_batch(&dir.join("events.parquet"), columns, group);
    dir
}

fn strs(cells: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(cells.to_vec()))
}

fn dict(cells: &[Option<&str>]) -> ArrayRef {
    let d: DictionaryArray<Int32Type> = cells.iter().copied().collect();
    Arc::new(d)
}

/// Five events; row `bad` (1-based) has `cell` in column `column`.
fn rows(column: &str, bad: usize, cell: Option<&'static str>) -> Vec<[Option<&'static str>; 5]> {
    let names = ["provider", "recipient", "date", "kind", "intensity"];
    let at = names.iter().position(|n| *n == column).unwrap();
    (1..=5)
        .map(|r| {
            let mut row = [
                Some("RUS"),
                Some("SYR"),
                Some("2024-12-01"),
                Some("military"),
                Some("0.5"),
            ];
            if r == bad {
                row[at] = cell;
            }
            row
        })
        .collect()
}

/// The error of `rows` read as CSV and as Parquet (plain strings, then
/// dictionary-encoded): the same error, the CSV line being one more than
/// the Parquet data row, the file named by its own path.
fn same_as_csv(rows: &[[Option<&'static str>; 5]]) -> Error {
    let tmp = TempDir::new("twin");
    let names = ["provider", "recipient", "date", "kind", "intensity"];
    let csv_dir = tmp.path().join("csv");
    write_tables(&small(), &csv_dir).unwrap();
    let mut text = names.join(",") + "\n";
    for r in rows {
        text += &r.map(|c| c.unwrap_or("")).join(",");
        text += "\n";
    }
    std::fs::write(csv_dir.join("events.csv"), text).unwrap();
    let csv_err = read_tables(&csv_dir).unwrap_err();
    let mut errors = Vec::new();
    for encode in [strs as fn(&[Option<&str>]) -> ArrayRef, dict] {
        let columns = names
            .iter()
            .enumerate()
            .map(|(c, n)| {
                let cells: Vec<Option<&str>> = rows.iter().map(|r| r[c]).collect();
                (*n, encode(&cells))
            })
            .collect();
        let dir = parquet_with_events(&tmp, columns, 2);
        let pq_err = read_tables_parquet(&dir).unwrap_err();
        assert_eq!(
            normalise(csv_err.clone(), "events.csv", 1),
            normalise(pq_err.clone(), "events.parquet", 0),
            "CSV: {csv_err}\nParquet: {pq_err}"
        );
        errors.push(pq_err);
    }
    errors.pop().unwrap()
}

/// The error with its file name checked to end with `file` and cleared,
/// and its line made a data row (`header` lines before the first).
fn normalise(e: Error, file: &str, header: u64) -> Error {
    match e {
        Error::Malformed {
            location,
            value,
            reason,
        } => {
            assert!(location.file.ends_with(file), "{}", location.file);
            Error::Malformed {
                location: Location {
                    file: String::new(),
                    line: location.line.map(|l| l - header),
                    ..location
                },
                value,
                reason,
            }
        }
        e => e,
    }
}

/// Checks a `Malformed` error's file, row, column and value; returns its reason.
fn located(e: &Error, file: &str, row: Option<u64>, field: &str, value: &str) -> String {
    match e {
        Error::Malformed {
            location,
            value: v,
            reason,
        } => {
            assert!(location.file.ends_with(file), "{e}");
            assert_eq!(location.line, row, "{e}");
            assert_eq!(location.field.as_deref(), Some(field), "{e}");
            assert_eq!(v, value, "{e}");
            reason.clone()
        }
        e => panic!("expected Malformed, got {e:?}"),
    }
}

#[test]
fn unknown_actor_is_the_timeline_problem_csv_reports() {
    let e = same_as_csv(&rows("provider", 3, Some("ZZZ")));
    let Error::InvalidTimeline(problems) = e else {
        panic!("{e:?}")
    };
    assert_eq!(
        problems,
        vec![Problem::UnknownActor {
            record: RecordRef {
                kind: RecordKind::Event,
                id: "#2".into()
            },
            field: "provider",
            actor: "ZZZ".into()
        }]
    );
}

#[test]
fn self_reference_is_the_timeline_problem_csv_reports() {
    let e = same_as_csv(&rows("recipient", 4, Some("RUS")));
    assert!(
        matches!(&e, Error::InvalidTimeline(p) if matches!(p[..], [Problem::SelfReference { .. }])),
        "{e:?}"
    );
}

#[test]
fn bad_date_text() {
    let e = same_as_csv(&rows("date", 3, Some("2024-13-01")));
    let why = located(&e, "events.parquet", Some(3), "date", "2024-13-01");
    assert!(why.contains("YYYY-MM-DD"), "{why}");
}

#[test]
fn bad_kind() {
    let e = same_as_csv(&rows("kind", 5, Some("attack")));
    located(&e, "events.parquet", Some(5), "kind", "attack");
    let e = same_as_csv(&rows("kind", 2, Some("silence")));
    located(&e, "events.parquet", Some(2), "kind", "silence");
}

#[test]
fn out_of_range_intensity_as_text() {
    let e = same_as_csv(&rows("intensity", 4, Some("1.5")));
    located(&e, "events.parquet", Some(4), "intensity", "1.5");
}

#[test]
fn null_in_required_column() {
    let e = same_as_csv(&rows("provider", 2, None));
    let why = located(&e, "events.parquet", Some(2), "provider", "");
    assert!(why.contains("required"), "{why}");
    let e = same_as_csv(&rows("date", 5, None));
    located(&e, "events.parquet", Some(5), "date", "");
}

#[test]
fn bad_id_text() {
    let e = same_as_csv(&rows("recipient", 1, Some("S Y R")));
    located(&e, "events.parquet", Some(1), "recipient", "S Y R");
}

/// Typed columns: ids dictionary-encoded, dates `Date32`, quantities `Float64`.
fn typed(intensity: Vec<Option<f64>>, dates: Vec<Option<i32>>) -> Vec<(&'static str, ArrayRef)> {
    let n = dates.len();
    vec![
        ("provider", dict(&vec![Some("RUS"); n])),
        ("recipient", dict(&vec![Some("SYR"); n])),
        ("date", Arc::new(Date32Array::from(dates))),
        ("kind", dict(&vec![Some("economic"); n])),
        ("intensity", Arc::new(Float64Array::from(intensity))),
    ]
}

const DAY: i32 = 20_000; // 2024-10-04

#[test]
fn out_of_range_intensity_as_float() {
    let tmp = TempDir::new("float");
    for (x, shown) in [
        (1.5, "1.5"),
        (0.0, "0"),
        (-0.25, "-0.25"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "inf"),
    ] {
        let dir = parquet_with_events(
            &tmp,
            typed(
                vec![Some(0.5), None, Some(x), Some(1.0)],
                vec![Some(DAY); 4],
            ),
            3,
        );
        let e = read_tables_parquet(&dir).unwrap_err();
        let why = located(&e, "events.parquet", Some(3), "intensity", shown);
        assert!(why.contains("(0, 1]"), "{why}");
    }
    // Nulls are "not given": intensity 1.
    let dir = parquet_with_events(&tmp, typed(vec![None, Some(0.5)], vec![Some(DAY); 2]), 3);
    let tl = read_tables_parquet(&dir).unwrap();
    assert_eq!(tl.event(0).unwrap().intensity().get(), 1.0);
    assert_eq!(tl.event(1).unwrap().intensity().get(), 0.5);
}

#[test]
fn date32_out_of_range_or_null() {
    let tmp = TempDir::new("date32");
    // 10000-01-01 is day 2 932 897 after 1970-01-01.
    let dir = parquet_with_events(
        &tmp,
        typed(vec![None; 3], vec![Some(DAY), Some(DAY), Some(2_932_897)]),
        2,
    );
    let e = read_tables_parquet(&dir).unwrap_err();
    let why = located(&e, "events.parquet", Some(3), "date", "+10000-01-01");
    assert!(why.contains("supported range"), "{why}");
    // Beyond chrono's calendar.
    let dir = parquet_with_events(
        &tmp,
        typed(vec![None; 2], vec![Some(DAY), Some(i32::MAX)]),
        2,
    );
    let e = read_tables_parquet(&dir).unwrap_err();
    located(
        &e,
        "events.parquet",
        Some(2),
        "date",
        "Date32 2147483647 (days since 1970-01-01)",
    );
    let dir = parquet_with_events(&tmp, typed(vec![None; 2], vec![None, Some(DAY)]), 2);
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "events.parquet", Some(1), "date", "");
}

#[test]
fn wrong_type() {
    let tmp = TempDir::new("type");
    let mut columns = typed(vec![None; 2], vec![Some(DAY); 2]);
    columns[2].1 = Arc::new(Int64Array::from(vec![1_i64, 2]));
    let dir = parquet_with_events(&tmp, columns, 2);
    let e = read_tables_parquet(&dir).unwrap_err();
    let why = located(&e, "events.parquet", None, "date", "Int64");
    assert!(why.contains("Date32"), "{why}");
    // An id column of integers.
    let mut columns = typed(vec![None; 2], vec![Some(DAY); 2]);
    columns[0].1 = Arc::new(Int32Array::from(vec![1, 2]));
    let dir = parquet_with_events(&tmp, columns, 2);
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "events.parquet", None, "provider", "Int32");
}

#[test]
fn missing_and_unknown_columns() {
    let tmp = TempDir::new("columns");
    let mut columns = typed(vec![None; 2], vec![Some(DAY); 2]);
    columns.remove(3);
    let dir = parquet_with_events(&tmp, columns, 2);
    match read_tables_parquet(&dir).unwrap_err() {
        Error::MissingColumn { location, column } => {
            assert_eq!(column, "kind");
            assert!(location.file.ends_with("events.parquet"));
        }
        e => panic!("{e:?}"),
    }
    let mut columns = typed(vec![None; 2], vec![Some(DAY); 2]);
    columns.push(("colour", strs(&[Some("red"), None])));
    let dir = parquet_with_events(&tmp, columns, 2);
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "events.parquet", None, "colour", "colour");
}

#[test]
fn hostile_against_is_rejected() {
    let tmp = TempDir::new("hostile");
    let mut columns = typed(vec![None; 3], vec![Some(DAY); 3]);
    columns[3].1 = dict(&[Some("economic"), Some("hostile"), Some("hostile")]);
    columns.push(("against", dict(&[Some("TUR"), None, Some("TUR")])));
    let dir = parquet_with_events(&tmp, columns, 2);
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "events.parquet", Some(3), "against", "TUR");
}

/// A bad row deep in the file: rows are counted across row groups and
/// batches.
#[test]
fn rows_counted_across_row_groups() {
    let tmp = TempDir::new("groups");
    let n = 200;
    let mut kinds = vec![Some("verbal"); n];
    kinds[149] = Some("shouting");
    let mut columns = typed(vec![None; n], vec![Some(DAY); n]);
    columns[3].1 = dict(&kinds);
    let dir = parquet_with_events(&tmp, columns, 64);
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "events.parquet", Some(150), "kind", "shouting");
}

/// A dictionary may hold values no row uses: only rows are checked.
#[test]
fn unused_dictionary_values_are_fine() {
    let tmp = TempDir::new("unused");
    let keys = Int32Array::from(vec![0, 0, 2]);
    let values = Arc::new(StringArray::from(vec!["RUS", "NOT AN ID", "TUR"]));
    let provider: ArrayRef = Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).unwrap());
    let mut columns = typed(vec![None; 3], vec![Some(DAY); 3]);
    columns[0].1 = provider;
    let dir = parquet_with_events(&tmp, columns, 2);
    let tl = read_tables_parquet(&dir).unwrap();
    assert_eq!(tl.event_count(), 3);
    assert_eq!(tl.event(2).unwrap().provider().as_str(), "TUR");
}

#[test]
fn bad_small_tables() {
    let tmp = TempDir::new("small");
    let dir = tmp.path().join("pq");
    write_tables_parquet(&small(), &dir).unwrap();
    // A commitment with a misspelt obligation, in its second row.
    write_batch(
        &dir.join("commitments.parquet"),
        vec![
            ("id", strs(&[Some("C1"), Some("C2")])),
            ("parties", strs(&[Some("mutual"), Some("directed")])),
            ("party_a", strs(&[Some("RUS"), Some("RUS")])),
            ("party_b", strs(&[Some("TUR"), Some("SYR")])),
            ("obligation", strs(&[Some("defence"), Some("defense")])),
            (
                "from",
                Arc::new(Date32Array::from(vec![Some(DAY), Some(DAY)])),
            ),
        ],
        1,
    );
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "commitments.parquet", Some(2), "obligation", "defense");
    // A crisis of severity 2.
    write_tables_parquet(&small(), &dir).unwrap();
    write_batch(
        &dir.join("crises.parquet"),
        vec![
            ("id", strs(&[Some("K1")])),
            ("target", strs(&[Some("SYR")])),
            ("from", strs(&[Some("2024-01-01")])),
            ("kind", dict(&[Some("other")])),
            ("severity", Arc::new(Float64Array::from(vec![2.0]))),
        ],
        1,
    );
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "crises.parquet", Some(1), "severity", "2");
    // An actor of unknown kind.
    write_tables_parquet(&small(), &dir).unwrap();
    write_batch(
        &dir.join("actors.parquet"),
        vec![
            ("id", strs(&[Some("RUS"), Some("SYR"), Some("TUR")])),
            ("name", strs(&[None, None, None])),
            (
                "kind",
                strs(&[Some("state"), Some("state"), Some("empire")]),
            ),
        ],
        2,
    );
    let e = read_tables_parquet(&dir).unwrap_err();
    located(&e, "actors.parquet", Some(3), "kind", "empire");
}

#[test]
fn not_parquet_and_missing_files() {
    let tmp = TempDir::new("files");
    let dir = tmp.path().join("pq");
    write_tables_parquet(&small(), &dir).unwrap();
    std::fs::write(dir.join("crises.parquet"), b"id,target\nK1,SYR\n").unwrap();
    match read_tables_parquet(&dir).unwrap_err() {
        Error::Malformed { location, .. } => assert!(location.file.ends_with("crises.parquet")),
        e => panic!("{e:?}"),
    }
    std::fs::remove_file(dir.join("memberships.parquet")).unwrap();
    match read_tables_parquet(&dir).unwrap_err() {
        Error::Io { location, kind, .. } => {
            assert!(location.file.ends_with("memberships.parquet"));
            assert_eq!(kind, std::io::ErrorKind::NotFound);
        }
        e => panic!("{e:?}"),
    }
    // A truncated file.
    write_tables_parquet(&small(), &dir).unwrap();
    let bytes = std::fs::read(dir.join("actors.parquet")).unwrap();
    std::fs::write(dir.join("actors.parquet"), &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        read_tables_parquet(&dir).unwrap_err(),
        Error::Malformed { .. }
    ));
}

/// Arrow IPC files give the same errors.
#[test]
fn ipc_errors_are_located_too() {
    let tmp = TempDir::new("ipc");
    let dir = tmp.path().join("ipc");
    write_tables_ipc(&small(), &dir).unwrap();
    let b = batch(vec![
        ("provider", dict(&[Some("RUS"), Some("RUS")])),
        ("recipient", strs(&[Some("SYR"), Some("SYR")])),
        ("date", strs(&[Some("2024-12-01"), Some("2024-02-30")])),
        ("kind", strs(&[Some("verbal"), Some("verbal")])),
    ]);
    let mut w = arrow_ipc::writer::StreamWriter::try_new(
        std::fs::File::create(dir.join("events.arrow")).unwrap(),
        &b.schema(),
    )
    .unwrap();
    w.write(&b).unwrap();
    w.finish().unwrap();
    let e = read_tables_ipc(&dir).unwrap_err();
    located(&e, "events.arrow", Some(2), "date", "2024-02-30");
}

mod random_cells {
    //! Any cells, good or bad, as text: the Parquet tables (plain and
    //! dictionary-encoded strings) give what the CSV tables give, the same
    //! timeline or the same error.

    use super::*;
    use proptest::prelude::*;

    const COLUMNS: [&str; 7] = [
        "provider",
        "recipient",
        "against",
        "date",
        "kind",
        "intensity",
        "source",
    ];

    fn choices(column: usize) -> Vec<Option<&'static str>> {
        let ids = vec![
            Some("RUS"),
            Some("SYR"),
            Some("TUR"),
            Some(" RUS"),
            Some("ZZZ"),
            Some(""),
            None,
            Some("R U S"),
        ];
        match column {
            0..=2 => ids,
            3 => vec![
                Some("2024-12-01"),
                Some(" 2024-12-01 "),
                Some("2024-13-01"),
                Some(""),
                None,
                Some("+10000-01-01"),
                Some("0999-01-01"),
            ],
            4 => vec![
                Some("military"),
                Some("hostile"),
                Some("silence"),
                Some("Military"),
                Some(""),
                None,
                Some(" verbal"),
            ],
            5 => vec![
                Some("0.5"),
                Some("1"),
                Some("1.5"),
                Some("NaN"),
                Some("0"),
                Some(""),
                None,
                Some(" 0.25"),
                Some("1e-3"),
            ],
            _ => vec![Some(""), None, Some("wire"), Some(" spaced ")],
        }
    }

    fn row() -> impl Strategy<Value = Vec<Option<&'static str>>> {
        (0..COLUMNS.len())
            .map(|c| proptest::sample::select(choices(c)))
            .collect::<Vec<_>>()
    }

    fn check(rows: &[Vec<Option<&'static str>>]) -> Result<(), TestCaseError> {
        let tmp = TempDir::new("random");
        let csv_dir = tmp.path().join("csv");
        write_tables(&small(), &csv_dir).unwrap();
        let mut w = csv::Writer::from_path(csv_dir.join("events.csv")).unwrap();
        w.write_record(COLUMNS).unwrap();
        for r in rows {
            w.write_record(r.iter().map(|c| c.unwrap_or(""))).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        let from_csv = read_tables(&csv_dir);
        for encode in [strs as fn(&[Option<&str>]) -> ArrayRef, dict] {
            let columns = COLUMNS
                .iter()
                .enumerate()
                .map(|(c, n)| {
                    let cells: Vec<Option<&str>> = rows.iter().map(|r| r[c]).collect();
                    (*n, encode(&cells))
                })
                .collect();
            let dir = parquet_with_events(&tmp, columns, 3);
            match (&from_csv, read_tables_parquet(&dir)) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(
                        a.events().collect::<Vec<_>>(),
                        b.events().collect::<Vec<_>>()
                    )
                }
                (Err(a), Err(b)) => prop_assert_eq!(
                    normalise(a.clone(), "events.csv", 1),
                    normalise(b, "events.parquet", 0)
                ),
                (a, b) => prop_assert!(false, "CSV {:?}, Parquet {:?}", a, b),
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)
        ))]

        #[test]
        fn parquet_reads_any_cells_as_csv(rows in proptest::collection::vec(row(), 0..7)) {
            check(&rows)?;
        }
    }
}
