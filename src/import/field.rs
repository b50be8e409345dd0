//! Cell-level helpers shared by the ATOP and COW importers: integer cells
//! with missing-value codes, dates with missing parts, line numbers.

use chrono::NaiveDate;

use crate::{Error, Location};

/// The physical line of a record: the `csv` crate's line, or `ordinal + 2`
/// (line 1 is the header) if that is larger.
///
/// The `csv` crate counts only `\n`, so in a file with bare CR line endings
/// (the COW war file) every record would be reported on line 1. For files
/// without line breaks inside quoted fields, `ordinal + 2` is exact.
pub(crate) fn line_of(rec: &csv::StringRecord, ordinal: u64) -> u64 {
    rec.position()
        .map_or(0, |p| p.line())
        .max(ordinal.saturating_add(2))
}

/// Reads the next record into `rec` and returns its line (see [`line_of`]),
/// or `None` at the end of the input. `ordinal` counts the records read so
/// far; an unreadable record is an error naming the file and its line.
pub(crate) fn next_record<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    rec: &mut csv::StringRecord,
    loc: &Location,
    ordinal: &mut u64,
) -> Result<Option<u64>, Error> {
    match rdr.read_record(rec) {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(e) => {
            let mut err = super::csv_error(loc, e);
            if let Error::Malformed { location, .. } = &mut err {
                location.line = location.line.map(|l| l.max(*ordinal + 2));
            }
            return Err(err);
        }
    }
    let line = line_of(rec, *ordinal);
    *ordinal += 1;
    Ok(Some(line))
}

/// A reader of the cells of one record, which names file, line and field in
/// every error.
pub(crate) struct Cells<'a> {
    pub(crate) rec: &'a csv::StringRecord,
    pub(crate) loc: &'a Location,
    pub(crate) line: u64,
}

impl Cells<'_> {
    /// The trimmed text of column `i` (empty if the record is short).
    pub(crate) fn text(&self, i: usize) -> &str {
        self.rec.get(i).unwrap_or("").trim()
    }

    /// A malformed-value error at column `field`.
    pub(crate) fn malformed(&self, field: &str, value: &str, reason: impl Into<String>) -> Error {
        Error::Malformed {
            location: self.loc.clone().at_line(self.line).at_field(field),
            value: value.chars().take(200).collect(),
            reason: reason.into(),
        }
    }

    /// An integer cell: `None` for a blank cell, `NA` or `.`.
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for text that is not an integer (`NaN`, `1.5`, `x`).
    pub(crate) fn int(&self, i: usize, field: &str) -> Result<Option<i64>, Error> {
        let t = self.text(i);
        if t.is_empty() || t.eq_ignore_ascii_case("NA") || t == "." {
            return Ok(None);
        }
        t.parse::<i64>()
            .map(Some)
            .map_err(|_| self.malformed(field, t, "not an integer"))
    }

    /// A 0/1 dummy: `Some(false)`, `Some(true)`, or `None` when missing
    /// (blank, `NA`, `.`, `-8`, `-9`).
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for anything else (`2`, `-1`, `NaN`).
    pub(crate) fn flag(&self, i: usize, field: &str) -> Result<Option<bool>, Error> {
        match self.int(i, field)? {
            None | Some(-8) | Some(-9) => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(_) => Err(self.malformed(field, self.text(i), "a dummy must be 0 or 1")),
        }
    }

    /// A COW country code: `None` when missing (blank, `NA`, `-8`, `-9`).
    ///
    /// # Errors
    ///
    /// [`Error::Malformed`] for text that is not an integer, or a number
    /// outside 1-65535 (COW codes run from 2 to 990).
    pub(crate) fn ccode(&self, i: usize, field: &str) -> Result<Option<u16>, Error> {
        match self.int(i, field)? {
            None | Some(-8) | Some(-9) => Ok(None),
            Some(n) => u16::try_from(n)
                .ok()
                .filter(|&c| c > 0)
                .map(Some)
                .ok_or_else(|| self.malformed(field, self.text(i), "not a COW country code")),
        }
    }
}

/// Which end of an interval a date with missing parts is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    /// A missing month is January, a missing day the 1st: the earliest day
    /// consistent with what is known.
    Start,
    /// A missing month is December, a missing day the last of the month:
    /// the latest day consistent with what is known.
    End,
}

/// Field names of a year/month/day triple, for error locations.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DateFields {
    pub(crate) year: &'static str,
    pub(crate) month: &'static str,
    pub(crate) day: &'static str,
}

/// Builds a date from a known year and possibly missing month and day
/// (`None`), filling the gaps according to `edge`.
///
/// # Errors
///
/// [`Error::Malformed`] naming the offending field for a year outside
/// 1-9999, a month outside 1-12, a day outside 1-31, or a day the month
/// does not have (30 February).
pub(crate) fn date(
    cells: &Cells<'_>,
    names: DateFields,
    year: i64,
    month: Option<i64>,
    day: Option<i64>,
    edge: Edge,
) -> Result<NaiveDate, Error> {
    let bad = |field: &str, v: i64, reason: &str| cells.malformed(field, &v.to_string(), reason);
    let y = i32::try_from(year)
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| bad(names.year, year, "year outside 1-9999"))?;
    let m = match month {
        None => match edge {
            Edge::Start => 1,
            Edge::End => 12,
        },
        Some(m) => u32::try_from(m)
            .ok()
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(|| bad(names.month, m, "month outside 1-12"))?,
    };
    match day {
        None => match edge {
            Edge::Start => NaiveDate::from_ymd_opt(y, m, 1),
            Edge::End => (28..=31)
                .rev()
                .find_map(|d| NaiveDate::from_ymd_opt(y, m, d)),
        }
        .ok_or_else(|| bad(names.year, year, "no such date")),
        Some(d) => {
            let d32 = u32::try_from(d)
                .ok()
                .filter(|d| (1..=31).contains(d))
                .ok_or_else(|| bad(names.day, d, "day outside 1-31"))?;
            NaiveDate::from_ymd_opt(y, m, d32).ok_or_else(|| {
                cells.malformed(
                    names.day,
                    &format!("{y}-{m:02}-{d32:02}"),
                    "no such day in that month",
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: DateFields = DateFields {
        year: "y",
        month: "m",
        day: "d",
    };

    fn with_cells<T>(f: impl FnOnce(&Cells<'_>) -> T) -> T {
        let rec = csv::StringRecord::from(vec!["1", " NaN ", "", "2", "-9", "NA"]);
        let loc = Location::file("t.csv");
        f(&Cells {
            rec: &rec,
            loc: &loc,
            line: 7,
        })
    }

    #[test]
    fn ints_flags_codes() {
        with_cells(|c| {
            assert_eq!(c.int(0, "a").unwrap(), Some(1));
            assert_eq!(c.int(2, "a").unwrap(), None);
            assert_eq!(c.int(5, "a").unwrap(), None);
            assert_eq!(c.int(9, "a").unwrap(), None);
            match c.int(1, "b") {
                Err(Error::Malformed {
                    location, value, ..
                }) => {
                    assert_eq!(location.line, Some(7));
                    assert_eq!(location.field.as_deref(), Some("b"));
                    assert_eq!(value, "NaN");
                }
                other => panic!("{other:?}"),
            }
            assert_eq!(c.flag(0, "f").unwrap(), Some(true));
            assert_eq!(c.flag(4, "f").unwrap(), None);
            assert!(c.flag(3, "f").is_err());
            assert_eq!(c.ccode(3, "c").unwrap(), Some(2));
            assert_eq!(c.ccode(4, "c").unwrap(), None);
        });
    }

    #[test]
    fn dates_fill_gaps_by_edge() {
        with_cells(|c| {
            let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(
                date(c, F, 1900, Some(2), None, Edge::End).unwrap(),
                d(1900, 2, 28)
            );
            assert_eq!(
                date(c, F, 2000, Some(2), None, Edge::End).unwrap(),
                d(2000, 2, 29)
            );
            assert_eq!(
                date(c, F, 1900, None, None, Edge::Start).unwrap(),
                d(1900, 1, 1)
            );
            assert_eq!(
                date(c, F, 1900, None, None, Edge::End).unwrap(),
                d(1900, 12, 31)
            );
            for (y, m, day, field) in [
                (99999, Some(1), Some(1), "y"),
                (0, Some(1), Some(1), "y"),
                (1900, Some(13), Some(1), "m"),
                (1900, Some(2), Some(30), "d"),
                (1900, Some(2), Some(32), "d"),
            ] {
                match date(c, F, y, m, day, Edge::Start) {
                    Err(Error::Malformed { location, .. }) => {
                        assert_eq!(location.field.as_deref(), Some(field))
                    }
                    other => panic!("{other:?}"),
                }
            }
        });
    }
}
