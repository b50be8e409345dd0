//! `events.csv` at parse speed: ids interned as they are read, straight
//! into the timeline's rows, with no `String` or [`SupportEvent`](crate::SupportEvent)
//! per row.
//!
//! This is an accelerator, not a second reader: it accepts only rows that
//! the checking reader in `tables.rs` would accept and that would make the
//! same row, and gives up (returns `None`) at the first anything else: a
//! bad or unknown value, a row of the wrong length, a cell it cannot prove
//! it reads the same way (surrounding non-ASCII spaces, say), an I/O error.
//! The caller then reads the table with the checking reader, whose error
//! names file, line, field and value. So every input gives exactly the
//! timeline, or exactly the error, it gave before.
//!
//! Per row: one reused [`csv::ByteRecord`]; each id looked up by its bytes
//! among the timeline's actors; dates parsed by chrono once per distinct
//! date (cached under the eight digits of `YYYY-MM-DD`); rungs matched
//! against their names; numbers with Rust's `f64` parser.

use std::io::Read;

use chrono::NaiveDate;

use super::check_date;
use super::tables::{EVENT_COLUMNS, header_index};
use crate::fasthash::FastMap;
use crate::timeline::{Day, day};
use crate::{ActorKey, Confidence, Intensity, KeyedEvent, Location, SupportKind, Timeline};

/// Adds the events of `reader` (an `events.csv` table) to `base`, or
/// returns `None` if any row needs the checking reader (see the module).
pub(super) fn read_events<R: Read>(mut base: Timeline, reader: R) -> Option<Timeline> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let parser = Parser::new(&base, rdr.headers().ok()?)?;
    let mut caches = Caches::default();
    let mut rows: Vec<Parsed> = Vec::new();
    let mut record = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut record).ok()? {
        rows.push(parser.row(&base, &record, &mut caches)?);
        if rows.len() == BATCH {
            push(&mut base, &mut rows);
        }
    }
    push(&mut base, &mut rows);
    Some(base)
}

/// [`read_events`] on every core (`rayon` feature). The table is read in
/// blocks of `BLOCK` bytes, each cut after its last line end; a block's
/// rows are cut at line ends into pieces parsed in parallel and appended in
/// order, so the timeline is the one the sequential reader makes, and
/// memory holds one block, not the file. A line end is a record's end only
/// outside quotes: from the first block with a `"` on, the rest of the
/// table is read sequentially (every earlier cut was at a record's end).
#[cfg(feature = "rayon")]
pub(super) fn read_events_parallel<R: Read>(mut base: Timeline, mut reader: R) -> Option<Timeline> {
    use std::io::Cursor;
    let mut block = Vec::with_capacity(BLOCK);
    let mut eof = fill(&mut reader, &mut block)?;
    let header_end = block.iter().position(|&b| b == b'\n').map(|p| p + 1);
    let Some(header_end) = header_end.filter(|&h| {
        let header = &block[..h - 1];
        !header.contains(&b'"') && !header.trim_ascii_end().contains(&b'\r')
    }) else {
        return read_events(base, Cursor::new(block).chain(reader));
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(&block[..header_end]);
    let parser = Parser::new(&base, rdr.headers().ok()?)?;
    block.drain(..header_end);
    // One set of caches and one row buffer per piece slot, kept from block
    // to block (fresh buffers would be fresh pages to fault in each time).
    let mut slots: Vec<Slot> = Vec::new();
    loop {
        // `block` starts at a record's start.
        if block.contains(&b'"') {
            return read_rest(base, &parser, Cursor::new(block).chain(reader));
        }
        // Without a carriage return, every record is one `\n`-terminated
        // line of comma-separated cells, which the SIMD splitter cuts
        // exactly as the `csv` crate does (a lone `\r` is a record end to
        // the `csv` crate only, so such blocks take the `csv` crate).
        let simd = !block.contains(&b'\r');
        let cut = if eof {
            block.len()
        } else {
            match block.iter().rposition(|&b| b == b'\n') {
                Some(p) => p + 1,
                // One line longer than a block: read on sequentially.
                None => return read_rest(base, &parser, Cursor::new(block).chain(reader)),
            }
        };
        let used = parse_pieces(&base, &parser, &block[..cut], simd, &mut slots)?;
        for slot in &mut slots[..used] {
            push(&mut base, &mut slot.rows);
        }
        if eof {
            return Some(base);
        }
        block.drain(..cut);
        eof = fill(&mut reader, &mut block)?;
    }
}

/// The rest of a table, from a record's start, read sequentially.
#[cfg(feature = "rayon")]
fn read_rest<R: Read>(mut base: Timeline, parser: &Parser, reader: R) -> Option<Timeline> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .buffer_capacity(1 << 16)
        .from_reader(reader);
    let mut caches = Caches::default();
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut record).ok()? {
        rows.push(parser.row(&base, &record, &mut caches)?);
        if rows.len() == BATCH {
            push(&mut base, &mut rows);
        }
    }
    push(&mut base, &mut rows);
    Some(base)
}

/// Reads until `block` holds `BLOCK` bytes or the input ends; whether it ended.
#[cfg(feature = "rayon")]
fn fill<R: Read>(reader: &mut R, block: &mut Vec<u8>) -> Option<bool> {
    let want = BLOCK.saturating_sub(block.len()) as u64;
    let got = reader.by_ref().take(want).read_to_end(block).ok()?;
    Some((got as u64) < want)
}

/// A piece slot of the parallel reader: its caches and its rows.
#[cfg(feature = "rayon")]
#[derive(Default)]
struct Slot {
    caches: Caches,
    rows: Vec<Parsed>,
}

/// Parses the rows of `bytes` (whole lines, no quotes) in two pieces per
/// thread (at least `PIECE` bytes each) on every core, piece `k` into
/// `slots[k].rows`; returns how many slots it used, or `None` if a row
/// needs the checking reader.
#[cfg(feature = "rayon")]
fn parse_pieces(
    base: &Timeline,
    parser: &Parser,
    bytes: &[u8],
    simd: bool,
    slots: &mut Vec<Slot>,
) -> Option<usize> {
    use rayon::prelude::*;
    let size = (bytes.len() / (2 * rayon::current_num_threads())).max(PIECE);
    let mut pieces = Vec::new();
    let mut from = 0;
    while from < bytes.len() {
        let cut = (from + size).min(bytes.len());
        let to = bytes[cut..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| cut + p + 1);
        pieces.push(&bytes[from..to]);
        from = to;
    }
    slots.resize_with(slots.len().max(pieces.len()), Slot::default);
    let ok = pieces
        .par_iter()
        .zip(slots.par_iter_mut())
        .all(|(piece, slot)| {
            slot.rows.clear();
            // A byte-order mark is skipped only at the start of a table.
            if piece.starts_with(b"\xEF\xBB\xBF") {
                return false;
            }
            if simd {
                let mut rdr = simd_csv::ZeroCopyReaderBuilder::new()
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(*piece);
                loop {
                    match rdr.read_byte_record() {
                        Ok(Some(record)) => match parser.row(base, &record, &mut slot.caches) {
                            Some(row) => slot.rows.push(row),
                            None => return false,
                        },
                        Ok(None) => return true,
                        Err(_) => return false,
                    }
                }
            }
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(false)
                .buffer_capacity(1 << 16)
                .from_reader(*piece);
            let mut record = csv::ByteRecord::new();
            loop {
                match rdr.read_byte_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => return true,
                    Err(_) => return false,
                }
                match parser.row(base, &record, &mut slot.caches) {
                    Some(row) => slot.rows.push(row),
                    None => return false,
                }
            }
        });
    ok.then_some(pieces.len())
}

/// Bytes per block of the parallel reader (`rayon` feature); small in
/// tests, so that tests cross blocks.
#[cfg(feature = "rayon")]
const BLOCK: usize = if cfg!(test) { 1 << 20 } else { 16 << 20 };

/// Bytes per piece of the parallel reader (`rayon` feature).
#[cfg(feature = "rayon")]
const PIECE: usize = if cfg!(test) { 1 << 16 } else { 1 << 20 };

/// What a row's cells are: the columns found in the header, and the
/// timeline's actors by id.
struct Parser {
    width: usize,
    provider: usize,
    recipient: usize,
    date: usize,
    kind: usize,
    against: Option<usize>,
    intensity: Option<usize>,
    confidence: Option<usize>,
    source: Option<usize>,
    ids: Ids,
}

/// Per-reader memory of texts already parsed.
#[derive(Default)]
struct Caches {
    dates: FastMap<u64, Day>,
    numbers: Numbers,
}

impl Parser {
    fn new(base: &Timeline, headers: &csv::StringRecord) -> Option<Parser> {
        let index = header_index(headers, EVENT_COLUMNS, &Location::file("")).ok()?;
        let col = |name: &str| {
            EVENT_COLUMNS
                .iter()
                .position(|c| c.0 == name)
                .and_then(|c| index[c])
        };
        Some(Parser {
            width: headers.len(),
            provider: col("provider")?,
            recipient: col("recipient")?,
            date: col("date")?,
            kind: col("kind")?,
            against: col("against"),
            intensity: col("intensity"),
            confidence: col("confidence"),
            source: col("source"),
            ids: Ids::new(base),
        })
    }

    /// The row and source of one record, or `None` if the checking reader
    /// must read it.
    #[inline]
    fn row(&self, base: &Timeline, record: &impl Cells, caches: &mut Caches) -> Option<Parsed> {
        if record.len() != self.width {
            return None;
        }
        let ids = &self.ids;
        let cell = |c: usize| record.get(c).unwrap_or_default();
        let key = |c: usize| ids.get(clean(cell(c))?);
        let kind = rung(clean(cell(self.kind))?)?;
        let against = match self.against.map(|c| clean(cell(c))) {
            None | Some(Some(b"")) => None,
            Some(a) if kind != SupportKind::Hostile => Some(ids.get(a?)?),
            Some(_) => return None,
        };
        let numbers = &mut caches.numbers;
        let row = KeyedEvent::row(
            key(self.provider)?,
            key(self.recipient)?,
            against,
            parse_day(clean(cell(self.date))?, &mut caches.dates)?,
            kind,
            unit(self.intensity.map(cell), numbers, Intensity::new)?.unwrap_or(Intensity::ONE),
            unit(self.confidence.map(cell), numbers, Confidence::new)?.unwrap_or(Confidence::ONE),
        );
        if !base.is_valid_keyed(&row) {
            return None;
        }
        let source = match self.source.map(cell) {
            None | Some(b"") => None,
            // A line end in free text may be an unclosed quote that ran to
            // the end of the file: the checking reader decides.
            Some(s) if s.contains(&b'\n') || s.contains(&b'\r') => return None,
            Some(s) => Some(Box::from(std::str::from_utf8(s).ok()?)),
        };
        Some((row, source))
    }
}

/// A split record's cells, from either splitter.
trait Cells {
    /// Number of cells.
    fn len(&self) -> usize;
    /// Cell `c`'s bytes (as the `csv` crate gives them: unquoted).
    fn get(&self, c: usize) -> Option<&[u8]>;
}

impl Cells for csv::ByteRecord {
    #[inline]
    fn len(&self) -> usize {
        csv::ByteRecord::len(self)
    }
    #[inline]
    fn get(&self, c: usize) -> Option<&[u8]> {
        csv::ByteRecord::get(self, c)
    }
}

/// Only for blocks without a `"` (see `read_events_parallel`): there the
/// raw cell is the unquoted cell.
#[cfg(feature = "rayon")]
impl Cells for simd_csv::ZeroCopyByteRecord<'_> {
    #[inline]
    fn len(&self) -> usize {
        simd_csv::ZeroCopyByteRecord::len(self)
    }
    #[inline]
    fn get(&self, c: usize) -> Option<&[u8]> {
        simd_csv::ZeroCopyByteRecord::get(self, c)
    }
}

/// The timeline's actors by the bytes of their ids: ids of up to seven
/// bytes (country codes, most ids) packed with their length into one
/// `u64`, hashed with one multiply; longer ids by their bytes.
pub(super) struct Ids {
    short: FastMap<u64, u32>,
    long: FastMap<Box<[u8]>, u32>,
}

impl Ids {
    pub(super) fn new(tl: &Timeline) -> Ids {
        let mut ids = Ids {
            short: FastMap::default(),
            long: FastMap::default(),
        };
        for (k, a) in tl.actors().iter().enumerate() {
            let id = a.id().as_str().as_bytes();
            match pack(id) {
                Some(p) => ids.short.insert(p, k as u32),
                None => ids.long.insert(Box::from(id), k as u32),
            };
        }
        ids
    }

    #[inline]
    pub(super) fn get(&self, id: &[u8]) -> Option<ActorKey> {
        match pack(id) {
            Some(p) => self.short.get(&p),
            None => self.long.get(id),
        }
        .map(|&k| ActorKey(k))
    }
}

/// Up to seven bytes and their length in one word (distinct texts, distinct words).
#[inline]
fn pack(id: &[u8]) -> Option<u64> {
    if id.len() > 7 {
        return None;
    }
    let mut w = [0u8; 8];
    w[..id.len()].copy_from_slice(id);
    w[7] = id.len() as u8;
    Some(u64::from_le_bytes(w))
}

/// A parsed event: its row and its source text, if any.
pub(super) type Parsed = (KeyedEvent, Option<Box<str>>);

/// Rows pushed to the timeline at a time.
pub(super) const BATCH: usize = 4096;

pub(super) fn push(tl: &mut Timeline, rows: &mut Vec<Parsed>) {
    tl.reserve_events(rows.len());
    for (row, source) in rows.drain(..) {
        tl.push_event(row, source);
    }
}

/// The cell trimmed of ASCII spaces, if that is also what `str::trim`
/// gives: empty, or starting and ending with a visible ASCII character.
#[inline]
fn clean(cell: &[u8]) -> Option<&[u8]> {
    let t = cell.trim_ascii();
    match (t.first(), t.last()) {
        (Some(a), Some(b)) if !(a.is_ascii_graphic() && b.is_ascii_graphic()) => None,
        _ => Some(t),
    }
}

/// The rung named `name`, if it may be an event's (the names of
/// [`SupportKind::as_str`], checked by a test; silence is no event).
#[inline]
pub(super) fn rung(name: &[u8]) -> Option<SupportKind> {
    match name {
        b"hostile" => Some(SupportKind::Hostile),
        b"verbal" => Some(SupportKind::Verbal),
        b"diplomatic" => Some(SupportKind::Diplomatic),
        b"economic" => Some(SupportKind::Economic),
        b"materiel" => Some(SupportKind::Materiel),
        b"military" => Some(SupportKind::Military),
        _ => None,
    }
}

/// The day of a `YYYY-MM-DD` cell, parsed by chrono (and checked for the
/// supported years) once per distinct text.
#[inline]
pub(super) fn parse_day(text: &[u8], cache: &mut FastMap<u64, Day>) -> Option<Day> {
    // The eight digits identify a 10-byte text whose dashes are in place.
    let cacheable = text.len() == 10 && text[4] == b'-' && text[7] == b'-';
    let packed = if cacheable {
        let mut w = [0u8; 8];
        w[..4].copy_from_slice(&text[..4]);
        w[4..6].copy_from_slice(&text[5..7]);
        w[6..].copy_from_slice(&text[8..]);
        let packed = u64::from_le_bytes(w);
        if let Some(&d) = cache.get(&packed) {
            return Some(d);
        }
        Some(packed)
    } else {
        None
    };
    let date: NaiveDate = std::str::from_utf8(text).ok()?.parse().ok()?;
    let d = day(check_date(date).ok()?);
    if let Some(p) = packed {
        cache.insert(p, d);
    }
    Some(d)
}

/// An optional quantity: `Some(None)` when the column is absent or the
/// cell empty, `None` when it does not read as the checking reader would.
#[inline]
fn unit<T>(
    cell: Option<&[u8]>,
    numbers: &mut Numbers,
    make: fn(f64) -> Result<T, crate::Error>,
) -> Option<Option<T>> {
    let Some(cell) = cell else {
        return Some(None);
    };
    let text = clean(cell)?;
    if text.is_empty() {
        return Some(None);
    }
    make(numbers.parse(text)?).ok().map(Some)
}

/// Numbers read with Rust's `f64` parser, remembered by their text when it
/// is at most seven bytes (`0.25`): event tables repeat a few values.
#[derive(Default)]
struct Numbers {
    seen: FastMap<u64, f64>,
}

impl Numbers {
    /// Distinct texts remembered at most.
    const MAX: usize = 1 << 12;

    #[inline]
    fn parse(&mut self, text: &[u8]) -> Option<f64> {
        let key = pack(text);
        if let Some(x) = key.and_then(|k| self.seen.get(&k)) {
            return Some(*x);
        }
        let x: f64 = std::str::from_utf8(text).ok()?.parse().ok()?;
        if let Some(k) = key
            && self.seen.len() < Self::MAX
        {
            self.seen.insert(k, x);
        }
        Some(x)
    }
}
