//! The Correlates of War state system: the shared vocabulary of country actors.

use std::collections::BTreeMap;
use std::collections::HashMap;
use std::io;

use crate::import::field::Cells;
use crate::import::{ImportReport, SkipReason, csv_error, header_index};
use crate::{Actor, ActorId, ActorKind, Error, Location};

/// The COW state system (`system2016.csv`): COW country codes mapped to
/// actor ids, so that ATOP, COW, ICB and the event streams share one
/// vocabulary.
///
/// Actor ids are the COW state abbreviations (`RUS`, `IRN`, `UKG`, `GFR`,
/// `KZK`), which are unique within COW. Names are the abbreviations unless
/// set with [`StateSystem::set_name`] (the COW war data carries state names).
///
/// # Example
///
/// ```
/// use alliance_reliability::import::StateSystem;
///
/// let states = StateSystem::bundled();
/// assert_eq!(states.id(365).unwrap().as_str(), "RUS");
/// assert_eq!(states.code("IRN"), Some(630));
/// assert_eq!(states.years(365), Some((1816, 2016)));
/// ```
#[derive(Clone, Debug, Default)]
pub struct StateSystem {
    by_code: BTreeMap<u16, State>,
    by_id: HashMap<String, u16>,
}

#[derive(Clone, Debug)]
struct State {
    id: ActorId,
    name: Option<String>,
    first: i32,
    last: i32,
}

/// The bundled copy of COW's `system2016.csv`.
#[cfg(feature = "bundled-data")]
pub const SYSTEM_2016: &str = include_str!("../../data/cow-war-4.0/system2016.csv");

impl StateSystem {
    /// The bundled COW state system, 2016 version.
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> StateSystem {
        // The bundled file is tested to parse (see the tests below), so this
        // cannot fail at run time; fall back to an empty system rather than panic.
        StateSystem::read(SYSTEM_2016.as_bytes(), "system2016.csv")
            .map(|(s, _)| s)
            .unwrap_or_default()
    }

    /// Reads a `stateabb,ccode,year,version` state-year table.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] without `stateabb`, `ccode` or `year`;
    /// [`Error::Malformed`] for an unreadable record, a `ccode` that is
    /// present but not a COW code (`NaN`, `-1`, `65536`, `1e300`), a `year`
    /// that is not an integer year, or a code that maps to two different
    /// abbreviations; [`Error::EmptyInput`] for no header. A missing `ccode`
    /// or `year` (blank, `NA`, `.`, `-8`, `-9`) skips the row, counted in
    /// the report.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
    ) -> Result<(StateSystem, ImportReport), Error> {
        let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let loc = Location::file(source);
        let headers = rdr.headers().map_err(|e| csv_error(&loc, e))?.clone();
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(Error::EmptyInput(loc));
        }
        let abb_i = header_index(&headers, "stateabb", &loc)?;
        let code_i = header_index(&headers, "ccode", &loc)?;
        let year_i = header_index(&headers, "year", &loc)?;
        let mut report = ImportReport::new(source);
        let mut sys = StateSystem::default();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| csv_error(&loc, e))?;
            let line = rec.position().map_or(0, |p| p.line());
            report.rows_read += 1;
            let cells = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            let abb = cells.text(abb_i);
            // A missing code (blank, NA, ., -8, -9) skips the row; a code
            // that is present but not one (NaN, -1, 65536, 1e300) is an error.
            let Some(code) = cells.ccode(code_i, "ccode")? else {
                report.skip(
                    line,
                    SkipReason::MissingValue { field: "ccode" },
                    cells.text(code_i),
                );
                continue;
            };
            let year = match cells.int(year_i, "year")? {
                None | Some(-8) | Some(-9) => {
                    report.skip(
                        line,
                        SkipReason::MissingValue { field: "year" },
                        cells.text(year_i),
                    );
                    continue;
                }
                Some(y) => i32::try_from(y)
                    .map_err(|_| cells.malformed("year", cells.text(year_i), "not a year"))?,
            };
            let id = ActorId::new(abb).map_err(|_| Error::Malformed {
                location: loc.clone().at_line(line).at_field("stateabb"),
                value: abb.to_string(),
                reason: "not a valid actor id".into(),
            })?;
            match sys.by_code.get_mut(&code) {
                Some(s) if s.id != id => {
                    return Err(Error::Malformed {
                        location: loc.clone().at_line(line).at_field("stateabb"),
                        value: abb.to_string(),
                        reason: format!("ccode {code} was already `{}`", s.id),
                    });
                }
                Some(s) => {
                    s.first = s.first.min(year);
                    s.last = s.last.max(year);
                }
                None => {
                    sys.by_id.insert(abb.to_string(), code);
                    sys.by_code.insert(
                        code,
                        State {
                            id,
                            name: None,
                            first: year,
                            last: year,
                        },
                    );
                }
            }
            report.rows_used += 1;
        }
        report.records = sys.by_code.len() as u64;
        Ok((sys, report))
    }

    /// The actor id of a COW country code.
    pub fn id(&self, ccode: u16) -> Option<&ActorId> {
        self.by_code.get(&ccode).map(|s| &s.id)
    }

    /// The COW country code of an actor id.
    pub fn code(&self, id: &str) -> Option<u16> {
        self.by_id.get(id).copied()
    }

    /// First and last year the state is in the system.
    pub fn years(&self, ccode: u16) -> Option<(i32, i32)> {
        self.by_code.get(&ccode).map(|s| (s.first, s.last))
    }

    /// Sets a display name (for example from the COW war data's `StateName`).
    pub fn set_name(&mut self, ccode: u16, name: impl Into<String>) {
        if let Some(s) = self.by_code.get_mut(&ccode) {
            s.name = Some(name.into());
        }
    }

    /// Number of states.
    pub fn len(&self) -> usize {
        self.by_code.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_code.is_empty()
    }

    /// Every state as an [`Actor`] of kind [`ActorKind::State`], by country code.
    pub fn actors(&self) -> Vec<Actor> {
        self.by_code
            .values()
            .filter_map(|s| {
                Actor::new(
                    s.id.as_str(),
                    s.name.clone().unwrap_or_else(|| s.id.to_string()),
                    ActorKind::State,
                )
                .ok()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bundled_parses_completely() {
        let (s, r) = StateSystem::read(SYSTEM_2016.as_bytes(), "system2016.csv").unwrap();
        assert_eq!(r.skipped_total(), 0);
        assert_eq!(r.rows_read, r.rows_used);
        assert_eq!(s.id(2).unwrap().as_str(), "USA");
        assert_eq!(s.id(200).unwrap().as_str(), "UKG");
        assert!(s.len() > 200);
    }

    #[test]
    fn conflicting_code_is_an_error() {
        let input = "stateabb,ccode,year,version\nUSA,2,1816,2016\nUSB,2,1817,2016\n";
        match StateSystem::read(input.as_bytes(), "t.csv") {
            Err(Error::Malformed { location, .. }) => assert_eq!(location.line, Some(3)),
            other => panic!("{other:?}"),
        }
    }

    /// A present but invalid code is an error naming line, field and value
    /// (it used to be skipped as "missing value in `ccode`"); a missing
    /// code is still a counted skip.
    #[test]
    fn invalid_codes_are_errors_missing_codes_are_skips() {
        for bad in ["NaN", "-1", "65536", "1e300", "x"] {
            let input =
                format!("stateabb,ccode,year,version\nUSA,2,1816,2016\nXXX,{bad},1817,2016\n");
            match StateSystem::read(input.as_bytes(), "t.csv") {
                Err(Error::Malformed {
                    location, value, ..
                }) => {
                    assert_eq!(location.line, Some(3), "{bad}");
                    assert_eq!(location.field.as_deref(), Some("ccode"), "{bad}");
                    assert_eq!(value, bad);
                }
                other => panic!("{bad}: {other:?}"),
            }
        }
        let input = "stateabb,ccode,year,version\nXXX,2,NaN,2016\n";
        assert!(matches!(
            StateSystem::read(input.as_bytes(), "t.csv"),
            Err(Error::Malformed { .. })
        ));
        let input = "stateabb,ccode,year,version\nUSA,2,1816,2016\nXXX,,1817,2016\nYYY,-9,1817,2016\nZZZ,3,NA,2016\n";
        let (s, r) = StateSystem::read(input.as_bytes(), "t.csv").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(r.rows_read, 4);
        assert_eq!(r.skipped_total(), 3);
    }

    #[test]
    fn empty_and_missing_column() {
        assert!(matches!(
            StateSystem::read(&b""[..], "e.csv"),
            Err(Error::EmptyInput(_))
        ));
        assert!(matches!(
            StateSystem::read(&b"abb,ccode,year\nUSA,2,1816\n"[..], "m.csv"),
            Err(Error::MissingColumn { .. })
        ));
    }
}
