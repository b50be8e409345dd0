//! The five tables from Parquet and Arrow IPC files (`arrow` feature).
//!
//! The small tables (actors, memberships, commitments, crises) are read a
//! row at a time: each row's cells are given as the text a CSV cell would
//! hold and go through the CSV tables' own record readers, so every value
//! is checked, defaulted and reported exactly as in `events.csv`'s
//! siblings. The events go through the columnar fast path
//! (`columnar_events`), which falls back to the same row reader when it
//! meets anything it does not accept, so an error is the checking reader's.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type};
use arrow_array::{
    Array, Date32Array, Float32Array, Float64Array, LargeStringArray, RecordBatch, StringArray,
    StringViewArray,
};
use arrow_schema::{ArrowError, DataType, Schema, SchemaRef};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::errors::ParquetError;

use super::columnar_events;
use super::io_error;
use super::tables::{
    self, ACTOR_COLUMNS, COMMITMENT_COLUMNS, CRISIS_COLUMNS, Column, EVENT_COLUMNS,
    MEMBERSHIP_COLUMNS, Row, header_index,
};
use crate::{Error, Location, SupportEvent, Timeline};

/// Rows per record batch asked of the readers.
pub(super) const BATCH_ROWS: usize = 1 << 16;

/// Which file format a folder of tables is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// Apache Parquet, `*.parquet`.
    Parquet,
    /// Arrow IPC, file or stream format, `*.arrow`.
    Ipc,
}

impl Format {
    pub(super) fn extension(self) -> &'static str {
        match self {
            Format::Parquet => "parquet",
            Format::Ipc => "arrow",
        }
    }
}

/// One table's file: its path, the name errors give it, its format.
pub(super) struct TableFile {
    pub(super) path: PathBuf,
    pub(super) location: Location,
    pub(super) format: Format,
}

/// A table's record batches, in order, with their schema.
pub(super) struct Batches {
    pub(super) schema: SchemaRef,
    pub(super) batches: Box<dyn Iterator<Item = Result<RecordBatch, Error>>>,
}

impl TableFile {
    pub(super) fn new(dir: &Path, table: &str, format: Format) -> TableFile {
        let path = dir.join(format!("{table}.{}", format.extension()));
        let location = Location::file(path.display().to_string());
        TableFile {
            path,
            location,
            format,
        }
    }

    pub(super) fn open_file(&self) -> Result<File, Error> {
        File::open(&self.path).map_err(|e| io_error(self.location.clone(), &e))
    }

    /// Opens the file and reads its schema.
    pub(super) fn open(&self) -> Result<Batches, Error> {
        let file = self.open_file()?;
        match self.format {
            Format::Parquet => {
                let builder = ParquetRecordBatchReaderBuilder::try_new(file)
                    .map_err(|e| self.parquet_error(e))?;
                let schema = builder.schema().clone();
                let reader = builder
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(|e| self.parquet_error(e))?;
                let location = self.location.clone();
                Ok(Batches {
                    schema,
                    batches: Box::new(
                        reader.map(move |b| b.map_err(|e| arrow_error(&location, e))),
                    ),
                })
            }
            Format::Ipc => {
                let mut file = file;
                let mut magic = [0u8; 6];
                let is_file = match file.read_exact(&mut magic) {
                    Ok(()) => &magic == b"ARROW1",
                    Err(_) => false,
                };
                file.seek(SeekFrom::Start(0))
                    .map_err(|e| io_error(self.location.clone(), &e))?;
                let location = self.location.clone();
                if is_file {
                    let reader = arrow_ipc::reader::FileReader::try_new_buffered(file, None)
                        .map_err(|e| arrow_error(&self.location, e))?;
                    Ok(Batches {
                        schema: reader.schema(),
                        batches: Box::new(
                            reader.map(move |b| b.map_err(|e| arrow_error(&location, e))),
                        ),
                    })
                } else {
                    let reader =
                        arrow_ipc::reader::StreamReader::try_new(BufReader::new(file), None)
                            .map_err(|e| arrow_error(&self.location, e))?;
                    Ok(Batches {
                        schema: reader.schema(),
                        batches: Box::new(
                            reader.map(move |b| b.map_err(|e| arrow_error(&location, e))),
                        ),
                    })
                }
            }
        }
    }

    pub(super) fn parquet_error(&self, e: ParquetError) -> Error {
        parquet_error(&self.location, e)
    }
}

/// A Parquet error as the crate's: [`Error::Io`] for I/O, otherwise
/// [`Error::Malformed`] naming the file.
pub(super) fn parquet_error(location: &Location, e: ParquetError) -> Error {
    if let ParquetError::External(inner) = &e
        && let Some(io) = inner.downcast_ref::<std::io::Error>()
    {
        return io_error(location.clone(), io);
    }
    if let ParquetError::ArrowError(message) = e {
        return unreadable(location, "Parquet", message);
    }
    unreadable(location, "Parquet", e.to_string())
}

/// An Arrow error as the crate's: [`Error::Io`] for I/O, otherwise
/// [`Error::Malformed`] naming the file.
pub(super) fn arrow_error(location: &Location, e: ArrowError) -> Error {
    match e {
        ArrowError::IoError(_, io) => io_error(location.clone(), &io),
        ArrowError::ExternalError(inner) => match inner.downcast::<ParquetError>() {
            Ok(p) => parquet_error(location, *p),
            Err(inner) => unreadable(location, "Arrow", inner.to_string()),
        },
        e => unreadable(location, "Arrow", e.to_string()),
    }
}

fn unreadable(location: &Location, what: &str, message: String) -> Error {
    Error::Malformed {
        location: location.clone(),
        value: String::new(),
        reason: format!(
            "not a readable {what} file ({message}); this build reads uncompressed, \
             Snappy- and LZ4-compressed Parquet and uncompressed or LZ4 Arrow IPC"
        ),
    }
}

/// Reads the five tables of `dir` in `format` and builds the timeline.
pub(super) fn read_dir(dir: &Path, format: Format) -> Result<Timeline, Error> {
    let files = ["actors", "memberships", "commitments", "crises", "events"]
        .map(|t| TableFile::new(dir, t, format));
    // Every file must be there before anything is read, as for CSV.
    for f in &files {
        f.open_file()?;
    }
    let [a, m, c, k, e] = &files;
    let actors = read_rows(a, ACTOR_COLUMNS, tables::actor)?;
    let memberships = read_rows(m, MEMBERSHIP_COLUMNS, tables::membership)?;
    let commitments = read_rows(c, COMMITMENT_COLUMNS, tables::commitment)?;
    let crises = read_rows(k, CRISIS_COLUMNS, tables::crisis)?;
    let base = Timeline::builder()
        .actors(actors.iter().cloned())
        .memberships(memberships.iter().cloned())
        .commitments(commitments.iter().cloned())
        .crises(crises.iter().cloned())
        .build();
    let events = match base {
        Ok(base) => match columnar_events::read_events(base, e)? {
            Some(timeline) => return Ok(timeline),
            None => read_events_checked(e)?,
        },
        Err(_) => read_events_checked(e)?,
    };
    Timeline::builder()
        .actors(actors)
        .memberships(memberships)
        .commitments(commitments)
        .crises(crises)
        .events(events)
        .build()
}

/// The checking reader of the events table.
fn read_events_checked(file: &TableFile) -> Result<Vec<SupportEvent>, Error> {
    read_rows(file, EVENT_COLUMNS, tables::event)
}

/// What a column holds, for the types it may have.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    Date,
    Number,
}

pub(super) fn kind_of(column: &str) -> Kind {
    match column {
        "from" | "until" | "date" => Kind::Date,
        "severity" | "intensity" | "confidence" => Kind::Number,
        _ => Kind::Text,
    }
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Whether a column of `kind` may have type `t`.
fn accepts(kind: Kind, t: &DataType) -> bool {
    match t {
        DataType::Null => true,
        t if is_string(t) => true,
        DataType::Dictionary(key, value) => key.is_integer() && is_string(value),
        DataType::Date32 => kind == Kind::Date,
        DataType::Float64 | DataType::Float32 => kind == Kind::Number,
        _ => false,
    }
}

fn expected(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "Utf8, LargeUtf8, Utf8View, or a dictionary of one of them",
        Kind::Date => {
            "Date32, or YYYY-MM-DD text (Utf8, LargeUtf8, Utf8View, or a dictionary of one of them)"
        }
        Kind::Number => {
            "Float64, Float32, or text (Utf8, LargeUtf8, Utf8View, or a dictionary of one of them)"
        }
    }
}

/// The columns of a table found in a schema: for each of `columns`, its
/// position in the schema, if present.
pub(super) struct Layout {
    pub(super) index: Vec<Option<usize>>,
}

impl Layout {
    /// Finds `columns` in `schema` by name, as the CSV reader finds them in
    /// a header (unknown and repeated columns are errors), and checks their
    /// types.
    pub(super) fn new(
        schema: &Schema,
        columns: &'static [Column],
        file: &Location,
    ) -> Result<Layout, Error> {
        let names = csv::StringRecord::from(
            schema
                .fields()
                .iter()
                .map(|f| f.name().as_str())
                .collect::<Vec<_>>(),
        );
        // The CSV reader's errors name line 1, the header; a schema has none.
        let index = header_index(&names, columns, file).map_err(|e| match e {
            Error::Malformed {
                location,
                value,
                reason,
            } => Error::Malformed {
                location: Location {
                    line: None,
                    ..location
                },
                value,
                reason,
            },
            Error::MissingColumn { location, column } => Error::MissingColumn {
                location: Location {
                    line: None,
                    ..location
                },
                column,
            },
            e => e,
        })?;
        for (c, (name, _)) in columns.iter().enumerate() {
            if let Some(pos) = index[c] {
                let t = schema.field(pos).data_type();
                let kind = kind_of(name);
                if !accepts(kind, t) {
                    return Err(Error::Malformed {
                        location: file.clone().at_field(*name),
                        value: t.to_string(),
                        reason: format!("wrong column type; expected {}", expected(kind)),
                    });
                }
            }
        }
        Ok(Layout { index })
    }
}

/// Reads every row of a table through `make` (a CSV tables' record
/// reader), the cells given as text; errors name the 1-based data row.
fn read_rows<T>(
    file: &TableFile,
    columns: &'static [Column],
    make: fn(&Row<'_>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let Batches { schema, batches } = file.open()?;
    let layout = Layout::new(&schema, columns, &file.location)?;
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0u64;
    for batch in batches {
        let batch = batch?;
        let cells: Vec<Cells<'_>> = batch.columns().iter().map(Cells::new).collect();
        for i in 0..batch.num_rows() {
            row += 1;
            record.clear();
            for c in &cells {
                record.push_field(c.text(i).as_deref().unwrap_or(""));
            }
            out.push(make(&Row::new(
                &record,
                row,
                &file.location,
                columns,
                &layout.index,
            ))?);
        }
    }
    Ok(out)
}

/// A string array of any offset or view layout.
#[derive(Clone, Copy)]
pub(super) enum Strs<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> Strs<'a> {
    pub(super) fn of(a: &'a dyn Array) -> Option<Strs<'a>> {
        if let Some(s) = a.as_string_opt::<i32>() {
            Some(Strs::Utf8(s))
        } else if let Some(s) = a.as_string_opt::<i64>() {
            Some(Strs::Large(s))
        } else {
            a.as_string_view_opt().map(Strs::View)
        }
    }

    pub(super) fn len(&self) -> usize {
        match self {
            Strs::Utf8(a) => a.len(),
            Strs::Large(a) => a.len(),
            Strs::View(a) => a.len(),
        }
    }

    /// The text at `i`, `None` if null.
    #[inline]
    pub(super) fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

/// A column's cells as text (the row reader's view).
enum Cells<'a> {
    Null,
    Text(Strs<'a>),
    Dict {
        keys: &'a dyn Array,
        values: Strs<'a>,
        normalized: Vec<usize>,
    },
    Date32(&'a Date32Array),
    F64(&'a Float64Array),
    F32(&'a Float32Array),
}

/// Days from 0001-01-01 (chrono's `num_days_from_ce` of 1970-01-01 is
/// this) to the Unix epoch, Date32's day 0.
pub(super) const EPOCH_FROM_CE: i32 = 719_163;

impl<'a> Cells<'a> {
    /// The cells of a column whose type [`Layout::new`] accepted.
    fn new(a: &'a Arc<dyn Array>) -> Cells<'a> {
        let a: &'a dyn Array = a.as_ref();
        if let Some(s) = Strs::of(a) {
            return Cells::Text(s);
        }
        if let Some(d) = a.as_any_dictionary_opt()
            && let Some(values) = Strs::of(d.values().as_ref())
        {
            return Cells::Dict {
                keys: d.keys(),
                values,
                normalized: d.normalized_keys(),
            };
        }
        match a.data_type() {
            DataType::Date32 => Cells::Date32(a.as_primitive::<Date32Type>()),
            DataType::Float64 => Cells::F64(a.as_primitive::<Float64Type>()),
            DataType::Float32 => Cells::F32(a.as_primitive::<Float32Type>()),
            _ => Cells::Null,
        }
    }

    /// The text of cell `i`, `None` if null (read as an empty cell).
    fn text(&self, i: usize) -> Option<Cow<'a, str>> {
        match self {
            Cells::Null => None,
            Cells::Text(s) => s.get(i).map(Cow::Borrowed),
            Cells::Dict {
                keys,
                values,
                normalized,
            } => {
                if keys.is_null(i) {
                    return None;
                }
                let k = normalized[i];
                // A key past the dictionary is refused by arrow-rs's
                // validation; read it as an empty cell, never a panic.
                if k >= values.len() {
                    return None;
                }
                values.get(k).map(Cow::Borrowed)
            }
            Cells::Date32(a) => (!a.is_null(i)).then(|| Cow::Owned(date32_text(a.value(i)))),
            Cells::F64(a) => (!a.is_null(i)).then(|| Cow::Owned(a.value(i).to_string())),
            Cells::F32(a) => (!a.is_null(i)).then(|| Cow::Owned(f64::from(a.value(i)).to_string())),
        }
    }
}

/// A Date32 as `YYYY-MM-DD` text, or, for a day chrono cannot hold, a text
/// that names it and that no date reader accepts.
fn date32_text(days: i32) -> String {
    days.checked_add(EPOCH_FROM_CE)
        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
        .map_or_else(
            || format!("Date32 {days} (days since 1970-01-01)"),
            |d| d.to_string(),
        )
}
