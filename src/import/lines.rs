//! Physical line numbers of CSV records, counted from the bytes themselves.
//!
//! The `csv` crate counts only `\n` and reports a record at the position
//! just after the previous record's terminator: after blank lines that is
//! the first blank line, after `\r\n` it is one line early, and with bare
//! `\r` every record is on line 1. [`LineCounter`] wraps the input, counts
//! `\n`, `\r\n` and bare `\r` as one line end each, and remembers where
//! each non-empty line starts, so that a record (which starts at the first
//! non-empty line at or after the position `csv` gives) is named by the
//! line a text editor shows.

use std::collections::VecDeque;
use std::io::Read;

use crate::import::csv_error;
use crate::{Error, Location};

/// A reader that counts line ends as `csv` reads through it.
///
/// Holds only the non-empty line starts that `csv` has read ahead of the
/// last record asked about (at most its buffer's worth).
pub(crate) struct LineCounter<R> {
    inner: R,
    /// Bytes read so far.
    offset: u64,
    /// Line of the next byte (1-based).
    line: u64,
    at_line_start: bool,
    prev_cr: bool,
    /// (byte offset, line) of each non-empty line start not yet passed.
    starts: VecDeque<(u64, u64)>,
}

impl<R: Read> LineCounter<R> {
    pub(crate) fn new(inner: R) -> LineCounter<R> {
        LineCounter {
            inner,
            offset: 0,
            line: 1,
            at_line_start: true,
            prev_cr: false,
            starts: VecDeque::new(),
        }
    }

    /// The line of the record `csv` places at byte `at`: the first
    /// non-empty line starting at or after it. Calls must come with
    /// non-decreasing `at` (records in file order).
    pub(crate) fn line_at(&mut self, at: u64) -> u64 {
        while self.starts.front().is_some_and(|&(o, _)| o < at) {
            self.starts.pop_front();
        }
        self.starts.front().map_or(self.line, |&(_, l)| l)
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            match b {
                b'\n' => {
                    if !self.prev_cr {
                        self.line += 1;
                    }
                    self.prev_cr = false;
                    self.at_line_start = true;
                }
                b'\r' => {
                    self.line += 1;
                    self.prev_cr = true;
                    self.at_line_start = true;
                }
                _ => {
                    self.prev_cr = false;
                    if self.at_line_start {
                        self.starts.push_back((self.offset + i as u64, self.line));
                        self.at_line_start = false;
                    }
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Reads the next record into `rec` and returns its physical line, or
/// `None` at the end of the input; an unreadable record (a ragged row, bad
/// UTF-8) is an error naming the file and the line the record starts on.
pub(crate) fn next_counted_record<R: Read>(
    rdr: &mut csv::Reader<LineCounter<R>>,
    rec: &mut csv::StringRecord,
    loc: &Location,
) -> Result<Option<u64>, Error> {
    match rdr.read_record(rec) {
        Ok(true) => {
            let at = rec.position().map_or(0, csv::Position::byte);
            Ok(Some(rdr.get_mut().line_at(at)))
        }
        Ok(false) => Ok(None),
        Err(e) => {
            let at = e.position().map(csv::Position::byte);
            let mut err = csv_error(loc, e);
            if let (Error::Malformed { location, .. }, Some(at)) = (&mut err, at) {
                location.line = Some(rdr.get_mut().line_at(at));
            }
            Err(err)
        }
    }
}
