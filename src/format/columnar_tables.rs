//! The five tables as Parquet or Arrow IPC files (`arrow` feature): the
//! public readers and writers.

use std::fs::File;
use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use arrow_array::types::{Int8Type, Int32Type};
use arrow_array::{
    ArrayRef, Date32Array, DictionaryArray, Float64Array, Int8Array, Int32Array, RecordBatch,
    StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::actor_kind_name;
use super::columnar::{self, BATCH_ROWS, EPOCH_FROM_CE, Format, Kind, kind_of};
use super::io_error;
use super::tables::{
    ACTOR_COLUMNS, COMMITMENT_COLUMNS, CRISIS_COLUMNS, Column, EVENT_COLUMNS, MEMBERSHIP_COLUMNS,
    commitment_row, crisis_row,
};
use crate::{Error, Location, SupportKind, Timeline};

/// Rows per Parquet row group of the events table written by
/// [`write_tables_parquet`]: about 10 MB of compressed data per group, and
/// enough groups in a large file for every core to decode one.
pub const PARQUET_ROW_GROUP_ROWS: usize = 1 << 20;

/// Reads the five tables from `actors.parquet`, `memberships.parquet`,
/// `commitments.parquet`, `crises.parquet` and `events.parquet` in `dir`
/// and builds the timeline (`arrow` feature).
///
/// The result is the timeline [`read_tables`](super::read_tables) gives
/// for the same tables as CSV: the same records in the same order, the
/// same event rows, the same errors. The events are decoded column by
/// column, each row group on its own core with the `rayon` feature, and
/// their ids interned once per dictionary value; the small tables are read
/// row by row.
///
/// # Schemas
///
/// Each table has the columns of its CSV table (see
/// [`Tables`](super::Tables) for names, which are required, defaults and
/// meanings), found by name in the file's schema as in a CSV header (in
/// any order, case-insensitively; an unknown or repeated column is an
/// error; optional columns may be left out). A **null** is an empty CSV
/// cell: "not given" in an optional column, an error in a required one.
/// Every column may have these Arrow types:
///
/// | columns | Arrow types |
/// |---|---|
/// | ids, names, kinds, lists, labels, sources (every column not below) | `Utf8`, `LargeUtf8`, `Utf8View`, or `Dictionary(<integer>, <one of those>)` |
/// | `from`, `until`, `date` | `Date32`, or `YYYY-MM-DD` text in one of the string types above |
/// | `severity`, `intensity`, `confidence` | `Float64`, `Float32` (widened exactly), or number text in one of the string types above |
/// | any column | `Null` (all cells null) |
///
/// Text is read as the same text in a CSV cell would be: ids, names of
/// enumerations and dates are trimmed of surrounding spaces, an empty
/// string is an empty cell, lists are `;`-separated (`AZE;TUR`), labels and
/// sources are kept as written. A `Date32` must lie in the years the crate
/// handles; a float must be in (0, 1] (NaN and infinities are rejected).
/// Any other type (an `Int64` date, a `List` of ids, a `Timestamp`) is
/// [`Error::Malformed`] naming the file, the column and the type.
///
/// The events table is fastest with dictionary-encoded id and kind columns
/// and `Date32` dates, as [`write_tables_parquet`] writes them.
///
/// Compression: uncompressed, Snappy and LZ4 (`LZ4_RAW` and the older
/// `LZ4`) pages are read; this build has no zstd, gzip or Brotli (they need
/// C code or add compile time), and a file using them is
/// [`Error::Malformed`] naming the codec. Re-encode such files with Snappy,
/// for example with the `to_parquet` example from CSV tables.
///
/// # Errors
///
/// Every error names the file; errors about a value also name the row
/// (1-based data row, counted across row groups and batches, in
/// [`Location::line`]), the column and the value:
///
/// - [`Error::Io`] if a file is missing or unreadable;
/// - [`Error::Malformed`] for a file that is not Parquet, a compression
///   codec this build lacks, a column of the wrong type, an unknown or
///   repeated column, or a bad value (the same reasons as in CSV: not a
///   date, unknown kind, out of range, a value required, ...);
/// - [`Error::MissingColumn`] for a required column that is not there;
/// - [`Error::InvalidTimeline`] with every validation problem (an event
///   naming an unknown actor, say), exactly as for CSV.
pub fn read_tables_parquet(dir: &Path) -> Result<Timeline, Error> {
    columnar::read_dir(dir, Format::Parquet)
}

/// Reads the five tables from Arrow IPC files `actors.arrow`,
/// `memberships.arrow`, `commitments.arrow`, `crises.arrow` and
/// `events.arrow` in `dir` (`arrow` feature).
///
/// Each file may be in the IPC file format (Feather v2) or the streaming
/// format; buffers may be uncompressed or LZ4-compressed. Schemas,
/// results and errors are those of [`read_tables_parquet`]; the events'
/// record batches are converted on every core with the `rayon` feature.
///
/// # Errors
///
/// As [`read_tables_parquet`].
pub fn read_tables_ipc(dir: &Path) -> Result<Timeline, Error> {
    columnar::read_dir(dir, Format::Ipc)
}

/// Writes the five tables of `timeline` into `dir` as Parquet files
/// (`actors.parquet`, ..., `events.parquet`), creating the folder if
/// needed and replacing the files if they exist (`arrow` feature).
///
/// [`read_tables_parquet`] reads them back to the timeline
/// [`read_tables`](super::read_tables) would give for the CSV tables
/// [`write_tables`](super::write_tables) writes (empty labels and sources
/// read back as none, as in CSV).
///
/// The events table has `provider`, `recipient` and `against` as
/// `Dictionary(Int32, Utf8)` (the actors' ids), `date` as `Date32`, `kind`
/// as `Dictionary(Int8, Utf8)`, `intensity` and `confidence` as `Float64`
/// (always written) and `source` as nullable `Utf8`; row groups of
/// [`PARQUET_ROW_GROUP_ROWS`] rows, Snappy-compressed, dictionary-encoded
/// pages. The small tables write every column of their CSV table, text as
/// `Utf8` (null where the CSV cell would be empty), dates as `Date32`,
/// severity as `Float64`.
///
/// # Errors
///
/// [`Error::Io`], naming the path, if the folder or a file cannot be
/// created or written.
pub fn write_tables_parquet(timeline: &Timeline, dir: &Path) -> Result<(), Error> {
    write_dir(timeline, dir, Format::Parquet)
}

/// Writes the five tables of `timeline` into `dir` as Arrow IPC files
/// (`actors.arrow`, ..., `events.arrow`, the IPC file format,
/// uncompressed), with the schemas of [`write_tables_parquet`] (`arrow`
/// feature). [`read_tables_ipc`] reads them back.
///
/// # Errors
///
/// [`Error::Io`], naming the path, if the folder or a file cannot be
/// created or written.
pub fn write_tables_ipc(timeline: &Timeline, dir: &Path) -> Result<(), Error> {
    write_dir(timeline, dir, Format::Ipc)
}

fn write_dir(t: &Timeline, dir: &Path, format: Format) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| io_error(Location::file(dir.display().to_string()), &e))?;
    let path = |table: &str| dir.join(format!("{table}.{}", format.extension()));
    let actors = t.actors().iter().map(|a| {
        vec![
            a.id().to_string(),
            a.name().to_string(),
            actor_kind_name(a.kind()).to_string(),
        ]
    });
    let memberships = t.memberships().iter().map(|m| {
        let p = m.period();
        vec![
            m.bloc().to_string(),
            m.member().to_string(),
            p.from().to_string(),
            p.until().map(|d| d.to_string()).unwrap_or_default(),
        ]
    });
    for (table, columns, rows) in [
        (
            "actors",
            ACTOR_COLUMNS,
            actors.collect::<Vec<Vec<String>>>(),
        ),
        ("memberships", MEMBERSHIP_COLUMNS, memberships.collect()),
        (
            "commitments",
            COMMITMENT_COLUMNS,
            t.commitments().iter().map(commitment_row).collect(),
        ),
        (
            "crises",
            CRISIS_COLUMNS,
            t.crises().iter().map(crisis_row).collect(),
        ),
    ] {
        let file = path(table);
        let location = Location::file(file.display().to_string());
        let batch = small_batch(columns, &rows, &location)?;
        write_file(&file, &location, format, batch.schema(), [Ok(batch)])?;
    }
    let file = path("events");
    let location = Location::file(file.display().to_string());
    let events = EventBatches::new(t, &location)?;
    write_file(&file, &location, format, events.schema.clone(), events)
}

/// A write error as the crate's: [`Error::Io`] naming the file.
fn write_error(location: &Location, e: impl ToString) -> Error {
    Error::Io {
        location: location.clone(),
        kind: std::io::ErrorKind::Other,
        message: e.to_string(),
    }
}

fn write_file(
    file: &Path,
    location: &Location,
    format: Format,
    schema: SchemaRef,
    batches: impl IntoIterator<Item = Result<RecordBatch, Error>>,
) -> Result<(), Error> {
    let out = File::create(file).map_err(|e| io_error(location.clone(), &e))?;
    match format {
        Format::Parquet => {
            let props = WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_dictionary_enabled(true)
                .set_max_row_group_row_count(Some(PARQUET_ROW_GROUP_ROWS))
                .build();
            let mut w = ArrowWriter::try_new(out, schema, Some(props))
                .map_err(|e| write_error(location, e))?;
            for batch in batches {
                w.write(&batch?).map_err(|e| write_error(location, e))?;
            }
            w.close().map_err(|e| write_error(location, e))?;
        }
        Format::Ipc => {
            let mut w = arrow_ipc::writer::FileWriter::try_new_buffered(out, &schema)
                .map_err(|e| write_error(location, e))?;
            for batch in batches {
                w.write(&batch?).map_err(|e| write_error(location, e))?;
            }
            w.finish().map_err(|e| write_error(location, e))?;
        }
    }
    Ok(())
}

/// A small table as one batch: its CSV cells (one row per record, one cell
/// per column of `columns`) typed by column: text as `Utf8` (an empty cell
/// null), dates as `Date32`, numbers as `Float64`.
fn small_batch(
    columns: &[Column],
    rows: &[Vec<String>],
    location: &Location,
) -> Result<RecordBatch, Error> {
    let mut fields = Vec::with_capacity(columns.len());
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(columns.len());
    for (c, (name, _)) in columns.iter().enumerate() {
        let cells = || rows.iter().map(move |r| r.get(c).filter(|s| !s.is_empty()));
        let bad = |s: &str| Error::Malformed {
            location: location.clone().at_field(*name),
            value: s.to_string(),
            reason: "the CSV writer's cell does not read back".to_string(),
        };
        let (t, array): (DataType, ArrayRef) = match kind_of(name) {
            Kind::Text => (DataType::Utf8, Arc::new(StringArray::from_iter(cells()))),
            Kind::Date => {
                let days = cells()
                    .map(|s| {
                        s.map(|s| {
                            NaiveDate::from_str(s)
                                .map(|d| crate::timeline::day(d) - EPOCH_FROM_CE)
                                .map_err(|_| bad(s))
                        })
                        .transpose()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (DataType::Date32, Arc::new(Date32Array::from(days)))
            }
            Kind::Number => {
                let xs = cells()
                    .map(|s| s.map(|s| f64::from_str(s).map_err(|_| bad(s))).transpose())
                    .collect::<Result<Vec<_>, _>>()?;
                (DataType::Float64, Arc::new(Float64Array::from(xs)))
            }
        };
        fields.push(Field::new(*name, t, true));
        arrays.push(array);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
        .map_err(|e| write_error(location, e))
}

/// The events of a timeline as record batches of [`BATCH_ROWS`] rows.
struct EventBatches<'a> {
    timeline: &'a Timeline,
    schema: SchemaRef,
    ids: ArrayRef,
    rungs: ArrayRef,
    location: Location,
    next: usize,
}

impl<'a> EventBatches<'a> {
    fn new(timeline: &'a Timeline, location: &Location) -> Result<EventBatches<'a>, Error> {
        if i32::try_from(timeline.actors().len()).is_err() {
            return Err(write_error(
                location,
                "more actors than a Dictionary(Int32, Utf8) column holds",
            ));
        }
        let id_type = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
        let kind_type = DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8));
        let fields: Vec<Field> = EVENT_COLUMNS
            .iter()
            .map(|&(name, required)| {
                let t = match name {
                    "provider" | "recipient" | "against" => id_type.clone(),
                    "kind" => kind_type.clone(),
                    "date" => DataType::Date32,
                    "intensity" | "confidence" => DataType::Float64,
                    _ => DataType::Utf8,
                };
                Field::new(name, t, !required)
            })
            .collect();
        Ok(EventBatches {
            timeline,
            schema: Arc::new(Schema::new(fields)),
            ids: Arc::new(StringArray::from_iter_values(
                timeline.actors().iter().map(|a| a.id().as_str()),
            )),
            rungs: Arc::new(StringArray::from_iter_values(
                SupportKind::ALL.iter().map(|k| k.as_str()),
            )),
            location: location.clone(),
            next: 0,
        })
    }

    fn batch(&self, from: usize, to: usize) -> Result<RecordBatch, Error> {
        let rows = &self.timeline.rows()[from..to];
        let err = |e: arrow_schema::ArrowError| write_error(&self.location, e);
        // Every key is below the actor count, checked to fit an i32 in `new`.
        let key = |k: crate::ActorKey| k.index() as i32;
        let ids = |keys: Int32Array| -> Result<ArrayRef, Error> {
            Ok(Arc::new(
                DictionaryArray::<Int32Type>::try_new(keys, self.ids.clone()).map_err(err)?,
            ))
        };
        let rung = |k: SupportKind| {
            SupportKind::ALL
                .iter()
                .position(|&x| x == k)
                .map_or(0, |p| p as i8)
        };
        let columns: Vec<ArrayRef> = vec![
            ids(Int32Array::from_iter_values(
                rows.iter().map(|r| key(r.provider)),
            ))?,
            ids(Int32Array::from_iter_values(
                rows.iter().map(|r| key(r.recipient)),
            ))?,
            ids(Int32Array::from_iter(
                rows.iter().map(|r| r.against_key().map(key)),
            ))?,
            Arc::new(Date32Array::from_iter_values(
                rows.iter().map(|r| r.day() - EPOCH_FROM_CE),
            )),
            Arc::new(
                DictionaryArray::<Int8Type>::try_new(
                    Int8Array::from_iter_values(rows.iter().map(|r| rung(r.kind()))),
                    self.rungs.clone(),
                )
                .map_err(err)?,
            ),
            Arc::new(Float64Array::from_iter_values(
                rows.iter().map(|r| r.intensity.get()),
            )),
            Arc::new(Float64Array::from_iter_values(
                rows.iter().map(|r| r.confidence.get()),
            )),
            Arc::new(StringArray::from_iter(
                (from..to).map(|i| self.timeline.source(i)),
            )),
        ];
        RecordBatch::try_new(self.schema.clone(), columns).map_err(err)
    }
}

impl Iterator for EventBatches<'_> {
    type Item = Result<RecordBatch, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let n = self.timeline.event_count();
        if self.next >= n {
            return None;
        }
        let from = self.next;
        let to = (from + BATCH_ROWS).min(n);
        self.next = to;
        Some(self.batch(from, to))
    }
}
