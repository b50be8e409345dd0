//! Covariates known at a crisis date, after Leeds (2003): COW major-power
//! periods, national capabilities (CINC) and Polity scores, by COW code.
//!
//! | file | columns read | meaning |
//! |---|---|---|
//! | `cow_majors.csv` | `ccode`, `styear`, `stmonth`, `stday`, `endyear`, `endmonth`, `endday` | one row per period in which a state was a major power (COW State System v2016) |
//! | `cow_nmc_cinc.csv` | `ccode`, `year`, `cinc` | the state's share of world capabilities that year (COW NMC v6) |
//! | `polity2.csv` | `ccode`, `year`, `polity2` | Polity's combined score, −10 (autocracy) to 10 (democracy) |
//!
//! A blank or `NA` value skips the row, counted by field in the file's
//! [`ImportReport`]; a value that is present but malformed (a CINC share
//! outside [0, 1], a Polity score outside −10..10, an impossible date) is an
//! [`Error::Malformed`] naming file, line and field.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::field::Cells;
use super::{ImportReport, SkipReason, csv_error, header_index};
use crate::{Error, Location};

/// COW major powers (v2016), as bundled: `data/peacesciencer/cow_majors.csv`.
#[cfg(feature = "bundled-data")]
pub const COW_MAJORS: &str = include_str!("../../data/peacesciencer/cow_majors.csv");
/// CINC shares by state-year (COW NMC v6), as bundled: `data/peacesciencer/cow_nmc_cinc.csv`.
#[cfg(feature = "bundled-data")]
pub const COW_NMC_CINC: &str = include_str!("../../data/peacesciencer/cow_nmc_cinc.csv");
/// Polity2 by state-year, as bundled: `data/peacesciencer/polity2.csv`.
#[cfg(feature = "bundled-data")]
pub const POLITY2: &str = include_str!("../../data/peacesciencer/polity2.csv");

/// Major-power periods, CINC shares and Polity scores by COW code.
#[derive(Clone, Debug, Default)]
pub struct Covariates {
    majors: Vec<(u16, NaiveDate, NaiveDate)>,
    cinc: HashMap<(u16, i32), f64>,
    polity: HashMap<(u16, i32), i8>,
}

type Rows<'a> = csv::StringRecordsIter<'a, &'a [u8]>;

fn open<'a>(
    rdr: &'a mut csv::Reader<&'a [u8]>,
    loc: &Location,
    columns: &[&str],
) -> Result<(Vec<usize>, Rows<'a>), Error> {
    let headers = rdr.headers().map_err(|e| csv_error(loc, e))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Err(Error::EmptyInput(loc.clone()));
    }
    let idx = columns
        .iter()
        .map(|c| header_index(&headers, c, loc))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((idx, rdr.records()))
}

impl Covariates {
    /// The bundled files (see [`COW_MAJORS`], [`COW_NMC_CINC`], [`POLITY2`]),
    /// with one import report per file.
    ///
    /// # Errors
    ///
    /// As [`Covariates::read`].
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> Result<(Covariates, [ImportReport; 3]), Error> {
        Covariates::read(
            COW_MAJORS.as_bytes(),
            COW_NMC_CINC.as_bytes(),
            POLITY2.as_bytes(),
        )
    }

    /// Reads the three tables (in-memory CSV with headers).
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] when a column above is absent;
    /// [`Error::EmptyInput`] for a file without header;
    /// [`Error::Malformed`] for an unreadable record, a COW code, year,
    /// month or day that is not an integer in range, an impossible date, a
    /// period ending before it starts, a CINC share that is not a number in
    /// [0, 1], a Polity score outside −10..10, or a state-year given twice.
    /// Blank values skip the row, counted in the report.
    pub fn read(
        majors: &[u8],
        nmc: &[u8],
        polity: &[u8],
    ) -> Result<(Covariates, [ImportReport; 3]), Error> {
        let mut out = Covariates::default();
        let r1 = out.read_majors(majors)?;
        let r2 = out.read_cinc(nmc)?;
        let r3 = out.read_polity(polity)?;
        Ok((out, [r1, r2, r3]))
    }

    /// Reads a table whose first column is `ccode`: opens it, then for
    /// each record counts it read, skips it (counted) when its COW code is
    /// missing, and otherwise hands it to `row`, which returns whether the
    /// row was used (counted) or skipped (`row` counts the skip).
    fn read_rows(
        data: &[u8],
        source: &'static str,
        columns: &[&str],
        mut row: impl FnMut(&Cells<'_>, &[usize], u16, &mut ImportReport) -> Result<bool, Error>,
    ) -> Result<ImportReport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(data);
        let (idx, rows) = open(&mut rdr, &loc, columns)?;
        let mut report = ImportReport::new(source);
        for rec in rows {
            let rec = rec.map_err(|e| csv_error(&loc, e))?;
            let line = rec.position().map_or(0, |p| p.line());
            report.rows_read += 1;
            let cells = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            let Some(code) = cells.ccode(idx[0], "ccode")? else {
                report.skip(
                    line,
                    SkipReason::MissingValue { field: "ccode" },
                    cells.text(idx[0]),
                );
                continue;
            };
            if row(&cells, &idx, code, &mut report)? {
                report.rows_used += 1;
                report.records += 1;
            }
        }
        Ok(report)
    }

    fn read_majors(&mut self, data: &[u8]) -> Result<ImportReport, Error> {
        let cols = [
            "ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday",
        ];
        let report =
            Covariates::read_rows(data, "cow_majors.csv", &cols, |cells, idx, code, report| {
                let line = cells.line;
                let mut parts = [0i64; 6];
                let mut missing = None;
                for (k, part) in parts.iter_mut().enumerate() {
                    match cells.int(idx[k + 1], cols[k + 1])? {
                        Some(v) => *part = v,
                        None => {
                            missing = Some(k + 1);
                            break;
                        }
                    }
                }
                if let Some(k) = missing {
                    report.skip(
                        line,
                        SkipReason::MissingValue { field: cols[k] },
                        cells.text(idx[k]),
                    );
                    return Ok(false);
                }
                let date = |y: i64, m: i64, d: i64, field: &str| {
                    i32::try_from(y)
                        .ok()
                        .zip(u32::try_from(m).ok())
                        .zip(u32::try_from(d).ok())
                        .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d))
                        .ok_or_else(|| {
                            cells.malformed(field, &format!("{y}-{m}-{d}"), "not a date")
                        })
                };
                let from = date(parts[0], parts[1], parts[2], "styear")?;
                let until = date(parts[3], parts[4], parts[5], "endyear")?;
                if until < from {
                    return Err(cells.malformed(
                        "endyear",
                        &until.to_string(),
                        "ends before it starts",
                    ));
                }
                self.majors.push((code, from, until));
                Ok(true)
            })?;
        self.majors.sort_unstable();
        Ok(report)
    }

    /// Reads a `ccode, year, value` table; `parse` checks one value.
    fn read_yearly<T>(
        data: &[u8],
        source: &'static str,
        column: &'static str,
        map: &mut HashMap<(u16, i32), T>,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<ImportReport, Error> {
        let columns = ["ccode", "year", column];
        Covariates::read_rows(data, source, &columns, |cells, idx, code, report| {
            let line = cells.line;
            let Some(year) = cells.int(idx[1], "year")? else {
                report.skip(
                    line,
                    SkipReason::MissingValue { field: "year" },
                    cells.text(idx[1]),
                );
                return Ok(false);
            };
            let year = i32::try_from(year)
                .map_err(|_| cells.malformed("year", cells.text(idx[1]), "not a year"))?;
            let text = cells.text(idx[2]);
            if text.is_empty() || text.eq_ignore_ascii_case("NA") || text == "." {
                report.skip(line, SkipReason::MissingValue { field: column }, text);
                return Ok(false);
            }
            let value = parse(text).ok_or_else(|| cells.malformed(column, text, expected))?;
            if map.insert((code, year), value).is_some() {
                return Err(cells.malformed("year", cells.text(idx[1]), "state-year given twice"));
            }
            Ok(true)
        })
    }

    fn read_cinc(&mut self, data: &[u8]) -> Result<ImportReport, Error> {
        let parse = |t: &str| t.parse::<f64>().ok().filter(|v| (0.0..=1.0).contains(v));
        Covariates::read_yearly(
            data,
            "cow_nmc_cinc.csv",
            "cinc",
            &mut self.cinc,
            parse,
            "a CINC share must be a number in [0, 1]",
        )
    }

    fn read_polity(&mut self, data: &[u8]) -> Result<ImportReport, Error> {
        let parse = |t: &str| t.parse::<i8>().ok().filter(|v| (-10..=10).contains(v));
        Covariates::read_yearly(
            data,
            "polity2.csv",
            "polity2",
            &mut self.polity,
            parse,
            "a polity2 score must be an integer in -10..10",
        )
    }

    /// Whether the state was a COW major power on `date`.
    pub fn is_major(&self, ccode: u16, date: NaiveDate) -> bool {
        self.majors
            .iter()
            .any(|&(c, from, until)| c == ccode && from <= date && date <= until)
    }

    /// The state's CINC share in `year`.
    pub fn cinc(&self, ccode: u16, year: i32) -> Option<f64> {
        self.cinc.get(&(ccode, year)).copied()
    }

    /// The state's Polity2 score in `year`.
    pub fn polity2(&self, ccode: u16, year: i32) -> Option<i8> {
        self.polity.get(&(ccode, year)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bundled_tables() {
        let (c, reports) = Covariates::bundled().unwrap();
        assert_eq!(reports[0].rows_used, 14);
        assert_eq!(reports[1].rows_read, 17121);
        assert_eq!(reports[2].rows_read, 16731);
        assert_eq!(
            reports[2].skipped_for(&SkipReason::MissingValue { field: "polity2" }),
            2049
        );
        assert_eq!(reports[2].rows_used + 2049, 16731);
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // The US is a major power from 1898-08-13; France not between 1940-06-22 and 1945-08-15.
        assert!(!c.is_major(2, d(1898, 8, 12)));
        assert!(c.is_major(2, d(1898, 8, 13)));
        assert!(!c.is_major(220, d(1942, 1, 1)));
        assert!(c.is_major(220, d(1946, 1, 1)));
        assert_eq!(c.cinc(2, 1816), Some(0.039697491));
        assert_eq!(c.polity2(2, 1816), Some(9));
    }

    #[test]
    fn bad_input_is_an_error_naming_the_record() {
        let hdr: &[u8] = b"ccode,styear,stmonth,stday,endyear,endmonth,endday\n";
        let majors = b"ccode,styear,stmonth,stday,endyear,endmonth,endday\n2,1900,2,30,1901,1,1\n";
        let err = Covariates::read(majors, b"ccode,year,cinc\n", b"ccode,year,polity2\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cow_majors.csv:2"), "{err}");
        let nmc = b"ccode,year,cinc\n2,1900,1.5\n";
        let err = Covariates::read(hdr, nmc, b"ccode,year,polity2\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("cow_nmc_cinc.csv:2 field `cinc`"), "{err}");
        let polity = b"ccode,year,polity2\n2,1900,11\n2,1901,\n";
        let err = Covariates::read(hdr, b"ccode,year,cinc\n", polity)
            .unwrap_err()
            .to_string();
        assert!(err.contains("polity2.csv:2 field `polity2`"), "{err}");
        let polity = b"ccode,year,polity2\n2,1900,7\n2,1901,\n2,1900,7\n";
        assert!(Covariates::read(hdr, b"ccode,year,cinc\n", polity).is_err());
        let polity = b"ccode,year,polity2\n2,1900,7\n2,1901,\n";
        let (c, r) = Covariates::read(hdr, b"ccode,year,cinc\n", polity).unwrap();
        assert_eq!(c.polity2(2, 1900), Some(7));
        assert_eq!(r[2].skipped_total(), 1);
        assert!(matches!(
            Covariates::read(b"ccode,styear\n2,1900\n", b"", b""),
            Err(Error::MissingColumn { .. })
        ));
    }
}
