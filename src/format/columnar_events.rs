//! The events table from Arrow record batches at columnar speed (`arrow`
//! feature): each batch's columns are decoded whole, ids interned once per
//! dictionary value (or looked up by their bytes in a plain string column),
//! and the rows assembled straight into the timeline's [`KeyedEvent`]s,
//! with no `String` or [`SupportEvent`](crate::SupportEvent) per row.
//!
//! Like the CSV fast path (`events_fast`) this is an accelerator, not a
//! second reader: it accepts only values that the checking row reader
//! (`columnar::read_rows` with the CSV tables' `event`) would accept and
//! read the same way, and gives up (`Ok(None)`) at the first anything else:
//! a null or unknown id, a date out of range, an unknown rung, a quantity
//! out of (0, 1], a hostile event naming an adversary, a self-reference, an
//! id with surrounding spaces, numbers given as text. The caller then reads
//! the table with the checking reader, whose error names file, row, column
//! and value. Errors of the file itself (unreadable, a bad schema) are
//! returned at once: the checking reader would meet the same.
//!
//! Parquet files are decoded one row group per task on every core
//! (`rayon` feature), each straight into its place among the timeline's
//! rows (grown by the footer's row counts); Arrow IPC batches are converted
//! in parallel and appended. Either way the rows are in file order.

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Float64Type, Int32Type};
use arrow_array::{Array, RecordBatch};
use arrow_schema::DataType;
use chrono::NaiveDate;
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};

use super::columnar::{
    BATCH_ROWS, Batches, EPOCH_FROM_CE, Format, Layout, Strs, TableFile, arrow_error,
};
use super::events_fast::{Ids, parse_day, rung};
use super::tables::EVENT_COLUMNS;
use crate::fasthash::FastMap;
use crate::timeline::{Day, day};
use crate::{
    ActorKey, Confidence, Error, FIRST_YEAR, Intensity, KeyedEvent, LAST_YEAR, SupportKind,
    Timeline,
};

/// No actor: a null or empty cell. Also `KeyedEvent`'s own "no adversary".
const NONE: u32 = u32::MAX;
/// A dictionary value that names no actor (fine unless a row uses it).
const BAD: u32 = u32::MAX - 1;

/// Adds the events of `file` to `base`, or returns `Ok(None)` if some row
/// needs the checking reader (see the module).
pub(super) fn read_events(base: Timeline, file: &TableFile) -> Result<Option<Timeline>, Error> {
    match file.format {
        Format::Parquet => parquet_events(base, file),
        Format::Ipc => ipc_events(base, file),
    }
}

/// The events table's columns, by position in the file's schema.
#[derive(Clone, Copy)]
struct Cols {
    provider: usize,
    recipient: usize,
    against: Option<usize>,
    date: usize,
    kind: usize,
    intensity: Option<usize>,
    confidence: Option<usize>,
    source: Option<usize>,
}

impl Cols {
    fn new(layout: &Layout) -> Option<Cols> {
        let col = |name: &str| {
            EVENT_COLUMNS
                .iter()
                .position(|c| c.0 == name)
                .and_then(|c| layout.index[c])
        };
        Some(Cols {
            provider: col("provider")?,
            recipient: col("recipient")?,
            against: col("against"),
            date: col("date")?,
            kind: col("kind")?,
            intensity: col("intensity"),
            confidence: col("confidence"),
            source: col("source"),
        })
    }
}

/// Converted rows, and the sources of those that have one (by position
/// among the rows).
#[derive(Default)]
struct Chunk {
    rows: Vec<KeyedEvent>,
    sources: Vec<(usize, Box<str>)>,
}

/// Moves a chunk's rows to the end of the timeline, in order, leaving the
/// chunk empty (its buffer kept for the next).
fn append(tl: &mut Timeline, chunk: &mut Chunk) {
    tl.reserve_events(chunk.rows.len());
    let mut from = 0;
    for (at, source) in chunk.sources.drain(..) {
        tl.extend_events(&chunk.rows[from..at]);
        tl.push_event(chunk.rows[at], Some(source));
        from = at + 1;
    }
    tl.extend_events(&chunk.rows[from..]);
    chunk.rows.clear();
}

/// One converter's buffers, reused from batch to batch.
struct Scratch {
    provider: Vec<u32>,
    recipient: Vec<u32>,
    against: Vec<u32>,
    days: Vec<Day>,
    kinds: Vec<SupportKind>,
    intensity: Vec<Intensity>,
    confidence: Vec<Confidence>,
    /// Per dictionary value: its actor key, day or rung.
    key_map: Vec<u32>,
    day_map: Vec<Option<Day>>,
    kind_map: Vec<Option<SupportKind>>,
    /// Days of `YYYY-MM-DD` texts already parsed.
    dates: FastMap<u64, Day>,
    /// The days the crate handles: [`FIRST_YEAR`]-01-01 to [`LAST_YEAR`]-12-31.
    first_day: Day,
    last_day: Day,
}

impl Scratch {
    fn new() -> Scratch {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).map_or(Day::MAX, day);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).map_or(Day::MIN, day);
        Scratch {
            provider: Vec::new(),
            recipient: Vec::new(),
            against: Vec::new(),
            days: Vec::new(),
            kinds: Vec::new(),
            intensity: Vec::new(),
            confidence: Vec::new(),
            key_map: Vec::new(),
            day_map: Vec::new(),
            kind_map: Vec::new(),
            dates: FastMap::default(),
            first_day: first,
            last_day: last,
        }
    }
}

/// Converts one batch into `rows` (one per row of the batch), the sources
/// into `sources` numbered from `first`; `None` if a row needs the checking
/// reader. The rows' keys are not yet checked against the timeline
/// ([`Timeline::is_valid_keyed`]): the caller does that.
fn convert(
    ids: &Ids,
    cols: &Cols,
    batch: &RecordBatch,
    s: &mut Scratch,
    rows: &mut [KeyedEvent],
    first: usize,
    sources: &mut Vec<(usize, Box<str>)>,
) -> Option<()> {
    let n = batch.num_rows();
    let col = |c: usize| batch.columns().get(c).map(|a| a.as_ref());
    keys(col(cols.provider)?, ids, &mut s.provider, &mut s.key_map)?;
    keys(col(cols.recipient)?, ids, &mut s.recipient, &mut s.key_map)?;
    match cols.against {
        Some(c) => keys(col(c)?, ids, &mut s.against, &mut s.key_map)?,
        None => {
            s.against.clear();
            s.against.resize(n, NONE);
        }
    }
    days(col(cols.date)?, s)?;
    kinds(col(cols.kind)?, &mut s.kinds, &mut s.kind_map)?;
    units(
        cols.intensity.and_then(col),
        n,
        Intensity::new,
        Intensity::ONE,
        &mut s.intensity,
    )?;
    units(
        cols.confidence.and_then(col),
        n,
        Confidence::new,
        Confidence::ONE,
        &mut s.confidence,
    )?;
    let lengths = [
        rows.len(),
        s.provider.len(),
        s.recipient.len(),
        s.against.len(),
        s.days.len(),
        s.kinds.len(),
        s.intensity.len(),
        s.confidence.len(),
    ];
    if lengths.iter().any(|&l| l != n) {
        return None;
    }
    for (i, slot) in rows.iter_mut().enumerate() {
        let kind = s.kinds[i];
        let against = s.against[i];
        if against != NONE && kind == SupportKind::Hostile {
            return None;
        }
        *slot = KeyedEvent::row(
            ActorKey(s.provider[i]),
            ActorKey(s.recipient[i]),
            (against != NONE).then_some(ActorKey(against)),
            s.days[i],
            kind,
            s.intensity[i],
            s.confidence[i],
        );
    }
    if let Some(c) = cols.source {
        sources_of(col(c)?, first, sources)?;
    }
    Some(())
}

/// A row for [`Timeline::grow_events`] to copy before it is overwritten.
fn placeholder() -> KeyedEvent {
    KeyedEvent::row(
        ActorKey(0),
        ActorKey(0),
        None,
        0,
        SupportKind::Verbal,
        Intensity::ONE,
        Confidence::ONE,
    )
}

/// The actor keys of an id column: [`NONE`] for a null or empty cell;
/// `None` if a row names an unknown id.
fn keys(a: &dyn Array, ids: &Ids, out: &mut Vec<u32>, map: &mut Vec<u32>) -> Option<()> {
    out.clear();
    let n = a.len();
    if a.data_type() == &DataType::Null {
        out.resize(n, NONE);
        return Some(());
    }
    if let Some(s) = Strs::of(a) {
        for i in 0..n {
            out.push(match s.get(i) {
                None | Some("") => NONE,
                Some(t) => ids.get(t.as_bytes())?.0,
            });
        }
        return Some(());
    }
    let d = a.as_any_dictionary_opt()?;
    let values = Strs::of(d.values().as_ref())?;
    map.clear();
    for k in 0..values.len() {
        map.push(match values.get(k) {
            None | Some("") => NONE,
            Some(t) => ids.get(t.as_bytes()).map_or(BAD, |k| k.0),
        });
    }
    let lookup = |k: usize| map.get(k).copied().filter(|&v| v != BAD);
    let key_array = d.keys();
    if let Some(k32) = key_array.as_primitive_opt::<Int32Type>() {
        // The usual key type (arrow-rs and pyarrow write Int32 keys).
        if k32.null_count() == 0 {
            for &k in k32.values() {
                out.push(lookup(usize::try_from(k).ok()?)?);
            }
        } else {
            for (i, &k) in k32.values().iter().enumerate() {
                out.push(if k32.is_null(i) {
                    NONE
                } else {
                    lookup(usize::try_from(k).ok()?)?
                });
            }
        }
    } else {
        for (i, k) in d.normalized_keys().into_iter().enumerate() {
            out.push(if key_array.is_null(i) {
                NONE
            } else {
                lookup(k)?
            });
        }
    }
    Some(())
}

/// The days of the date column into `s.days`; `None` for a null, a bad
/// text or a day outside the years the crate handles.
fn days(a: &dyn Array, s: &mut Scratch) -> Option<()> {
    s.days.clear();
    let (first, last) = (s.first_day, s.last_day);
    let in_range = |d: Day| (first..=last).contains(&d).then_some(d);
    if let Some(d32) = a.as_primitive_opt::<Date32Type>() {
        if d32.null_count() > 0 {
            return None;
        }
        for &v in d32.values() {
            s.days.push(in_range(v.checked_add(EPOCH_FROM_CE)?)?);
        }
        return Some(());
    }
    if let Some(text) = Strs::of(a) {
        for i in 0..text.len() {
            s.days
                .push(parse_day(text.get(i)?.as_bytes(), &mut s.dates)?);
        }
        return Some(());
    }
    let d = a.as_any_dictionary_opt()?;
    let values = Strs::of(d.values().as_ref())?;
    s.day_map.clear();
    for k in 0..values.len() {
        let day = values
            .get(k)
            .and_then(|t| parse_day(t.as_bytes(), &mut s.dates));
        s.day_map.push(day);
    }
    let key_array = d.keys();
    for (i, k) in d.normalized_keys().into_iter().enumerate() {
        if key_array.is_null(i) {
            return None;
        }
        s.days.push((*s.day_map.get(k)?)?);
    }
    Some(())
}

/// The rungs of the kind column; `None` for a null or an unknown name.
fn kinds(
    a: &dyn Array,
    out: &mut Vec<SupportKind>,
    map: &mut Vec<Option<SupportKind>>,
) -> Option<()> {
    out.clear();
    if let Some(text) = Strs::of(a) {
        for i in 0..text.len() {
            out.push(rung(text.get(i)?.as_bytes())?);
        }
        return Some(());
    }
    let d = a.as_any_dictionary_opt()?;
    let values = Strs::of(d.values().as_ref())?;
    map.clear();
    for k in 0..values.len() {
        map.push(values.get(k).and_then(|t| rung(t.as_bytes())));
    }
    let key_array = d.keys();
    for (i, k) in d.normalized_keys().into_iter().enumerate() {
        if key_array.is_null(i) {
            return None;
        }
        out.push((*map.get(k)?)?);
    }
    Some(())
}

/// An optional quantity column: `one` where the column is absent or the
/// cell null; `None` for a value out of (0, 1] or numbers given as text
/// (which the checking reader parses).
fn units<T: Copy>(
    a: Option<&dyn Array>,
    n: usize,
    make: fn(f64) -> Result<T, Error>,
    one: T,
    out: &mut Vec<T>,
) -> Option<()> {
    out.clear();
    let Some(a) = a.filter(|a| a.data_type() != &DataType::Null) else {
        out.resize(n, one);
        return Some(());
    };
    if let Some(f) = a.as_primitive_opt::<Float64Type>() {
        if f.null_count() == 0 {
            for &x in f.values() {
                out.push(make(x).ok()?);
            }
        } else {
            for (i, &x) in f.values().iter().enumerate() {
                out.push(if f.is_null(i) { one } else { make(x).ok()? });
            }
        }
        return Some(());
    }
    let f = a.as_primitive_opt::<Float32Type>()?;
    for (i, &x) in f.values().iter().enumerate() {
        out.push(if f.is_null(i) {
            one
        } else {
            make(f64::from(x)).ok()?
        });
    }
    Some(())
}

/// The non-empty sources of the source column, rows numbered from `start`.
fn sources_of(a: &dyn Array, start: usize, out: &mut Vec<(usize, Box<str>)>) -> Option<()> {
    if a.data_type() == &DataType::Null {
        return Some(());
    }
    if let Some(text) = Strs::of(a) {
        if text.len() > 0 && a.null_count() == text.len() {
            return Some(());
        }
        for i in 0..text.len() {
            if let Some(t) = text.get(i).filter(|t| !t.is_empty()) {
                out.push((start + i, Box::from(t)));
            }
        }
        return Some(());
    }
    let d = a.as_any_dictionary_opt()?;
    let values = Strs::of(d.values().as_ref())?;
    let key_array = d.keys();
    for (i, k) in d.normalized_keys().into_iter().enumerate() {
        if key_array.is_null(i) {
            continue;
        }
        if let Some(t) = values.get(k).filter(|t| !t.is_empty()) {
            out.push((start + i, Box::from(t)));
        }
    }
    Some(())
}

/// A Parquet events table: the timeline grown by the file's rows, each row
/// group decoded straight into its rows on its own core (`rayon`
/// feature), in file order; then every row checked against the timeline.
fn parquet_events(mut base: Timeline, file: &TableFile) -> Result<Option<Timeline>, Error> {
    let f = file.open_file()?;
    let meta = ArrowReaderMetadata::load(&f, ArrowReaderOptions::default())
        .map_err(|e| file.parquet_error(e))?;
    let layout = Layout::new(meta.schema(), EVENT_COLUMNS, &file.location)?;
    let Some(cols) = Cols::new(&layout) else {
        return Ok(None);
    };
    let ids = Ids::new(&base);
    let groups = meta.metadata().num_row_groups();
    let Some(counts) = (0..groups)
        .map(|g| usize::try_from(meta.metadata().row_group(g).num_rows()).ok())
        .collect::<Option<Vec<usize>>>()
    else {
        return Ok(None);
    };
    let Some(total) = counts.iter().try_fold(0usize, |a, &c| a.checked_add(c)) else {
        return Ok(None);
    };
    // The rows are allocated from the footer's counts, so a footer claiming
    // more rows than a file of this size plausibly holds (16 a byte; real
    // event tables hold about one in six bytes) is left to the checking
    // reader, which holds only the rows it decodes.
    let bytes = f.metadata().map_or(0, |m| m.len());
    if total as u64 > bytes.saturating_mul(16).saturating_add(1 << 16) {
        return Ok(None);
    }
    drop(f);
    // Decodes row group `g` into `rows`, the timeline's events from
    // `first`; its sources, or `None` if a row needs the checking reader.
    type Sources = Vec<(usize, Box<str>)>;
    let group =
        |g: usize, rows: &mut [KeyedEvent], first: usize| -> Result<Option<Sources>, Error> {
            let reader =
                ParquetRecordBatchReaderBuilder::new_with_metadata(file.open_file()?, meta.clone())
                    .with_row_groups(vec![g])
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(|e| file.parquet_error(e))?;
            let mut scratch = Scratch::new();
            let mut sources = Vec::new();
            let mut at = 0;
            for batch in reader {
                let batch = batch.map_err(|e| arrow_error(&file.location, e))?;
                let n = batch.num_rows();
                let Some(dst) = rows.get_mut(at..at + n) else {
                    return Ok(None);
                };
                let converted = convert(
                    &ids,
                    &cols,
                    &batch,
                    &mut scratch,
                    dst,
                    first + at,
                    &mut sources,
                );
                if converted.is_none() {
                    return Ok(None);
                }
                at += n;
            }
            Ok((at == rows.len()).then_some(sources))
        };
    let first = base.event_count();
    let mut parts = Vec::with_capacity(groups);
    let mut rest = base.grow_events(total, placeholder());
    let mut offset = first;
    for (g, &c) in counts.iter().enumerate() {
        let (rows, tail) = rest.split_at_mut(c);
        parts.push((g, rows, offset));
        offset += c;
        rest = tail;
    }
    #[cfg(feature = "rayon")]
    let done: Vec<Result<Option<Sources>, Error>> = {
        use rayon::prelude::*;
        parts
            .into_par_iter()
            .map(|(g, rows, first)| group(g, rows, first))
            .collect()
    };
    #[cfg(not(feature = "rayon"))]
    let done: Vec<Result<Option<Sources>, Error>> = parts
        .into_iter()
        .map(|(g, rows, first)| group(g, rows, first))
        .collect();
    for sources in done {
        let Some(sources) = sources? else {
            return Ok(None);
        };
        for (i, s) in sources {
            base.set_source(i, s);
        }
    }
    let valid = base.rows()[first..].iter().all(|r| base.is_valid_keyed(r));
    Ok(valid.then_some(base))
}

/// An Arrow IPC events table: batches read in order, converted in
/// parallel (`rayon` feature), appended in order.
fn ipc_events(mut base: Timeline, file: &TableFile) -> Result<Option<Timeline>, Error> {
    let Batches { schema, batches } = file.open()?;
    let layout = Layout::new(&schema, EVENT_COLUMNS, &file.location)?;
    let Some(cols) = Cols::new(&layout) else {
        return Ok(None);
    };
    let ids = Ids::new(&base);
    // Converts one batch into `chunk`; false if a row needs the checking reader.
    let one = |base: &Timeline, batch: &RecordBatch, scratch: &mut Scratch, chunk: &mut Chunk| {
        let n = batch.num_rows();
        chunk.rows.clear();
        chunk.rows.resize(n, placeholder());
        convert(
            &ids,
            &cols,
            batch,
            scratch,
            &mut chunk.rows,
            0,
            &mut chunk.sources,
        )
        .is_some()
            && chunk.rows.iter().all(|r| base.is_valid_keyed(r))
    };
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        let window = 2 * rayon::current_num_threads().max(1);
        let mut batches = batches.peekable();
        while batches.peek().is_some() {
            let taken: Vec<RecordBatch> = batches
                .by_ref()
                .take(window)
                .collect::<Result<_, Error>>()?;
            let chunks: Vec<Option<Chunk>> = taken
                .par_iter()
                .map_init(Scratch::new, |scratch, batch| {
                    let mut chunk = Chunk::default();
                    one(&base, batch, scratch, &mut chunk).then_some(chunk)
                })
                .collect();
            for chunk in chunks {
                match chunk {
                    Some(mut chunk) => append(&mut base, &mut chunk),
                    None => return Ok(None),
                }
            }
        }
    }
    #[cfg(not(feature = "rayon"))]
    {
        let mut scratch = Scratch::new();
        let mut chunk = Chunk::default();
        for batch in batches {
            if !one(&base, &batch?, &mut scratch, &mut chunk) {
                return Ok(None);
            }
            append(&mut base, &mut chunk);
        }
    }
    Ok(Some(base))
}
