//! COW formal alliances v4.1, directed dyad-years → directed [`Commitment`] spells. See the importer type for the mapping.

use std::collections::{BTreeSet, HashSet};
use std::io;

use chrono::NaiveDate;

use crate::import::atop::actors_for;
use crate::import::field::Cells;
use crate::import::lines::{LineCounter, next_counted_record};
use crate::import::{ImportReport, SkipReason, StateSystem, header_index, read_headers};
use crate::{
    Actor, Commitment, CrisisKind, CrisisKinds, Error, Location, Obligation, Parties, Period,
};

/// The bundled COW alliance v4.1 directed dyad-year file
/// (`data/cow-alliance-4.1/cow_alliance_dyad_year.csv`).
#[cfg(feature = "bundled-data")]
pub const COW_ALLIANCE_4_1: &str =
    include_str!("../../data/cow-alliance-4.1/cow_alliance_dyad_year.csv");

/// The pledge columns, their obligations and label names.
const PLEDGES: [(&str, Obligation, &str); 4] = [
    ("cow_defense", Obligation::Defence, "defense"),
    ("cow_neutral", Obligation::Neutrality, "neutrality"),
    ("cow_nonagg", Obligation::NonAggression, "non-aggression"),
    ("cow_entente", Obligation::Consultation, "entente"),
];

/// COW formal alliances v4.1, directed dyad-years → directed [`Commitment`] spells.
///
/// The Correlates of War alliance data (Gibler 2009), in the directed
/// dyad-year form distributed by `peacesciencer` (`ccode1, ccode2, year,
/// cow_defense, cow_neutral, cow_nonagg, cow_entente`), say for each year
/// which pledges `ccode1` has toward `ccode2`. This is the alliance data of
/// Sabrosky-style studies (pair with [`Invocation::Unconditional`](crate::Invocation::Unconditional)).
///
/// # Mapping
///
/// | COW column | model | notes |
/// |---|---|---|
/// | `ccode1` | guarantor | COW code → actor id via [`StateSystem`]; unknown code → [`SkipReason::UnknownActor`] |
/// | `ccode2` | beneficiary | likewise |
/// | `year` | period | consecutive years of the same dyad and pledge are collapsed into one spell; a gap year starts a new spell. A spell runs from 1 January of its first year to 31 December of its last (the data have years only). Spells reaching 2012, the last year covered, are closed on 2012-12-31 because the data say nothing later. |
/// | `cow_defense` = 1 | [`Obligation::Defence`] | limited to [`CrisisKind::ExternalAttack`], as COW defines a defence pact by a partner being attacked |
/// | `cow_neutral` = 1 | [`Obligation::Neutrality`] | any crisis kind |
/// | `cow_nonagg` = 1 | [`Obligation::NonAggression`] | any crisis kind |
/// | `cow_entente` = 1 | [`Obligation::Consultation`] | an entente is a promise to consult or cooperate in a crisis, COW's weakest tier; consultation (requiring diplomatic action) is the nearest ATOP obligation. Labelled `entente` so it can be told apart. |
///
/// COW codes no trigger conditions, so every commitment is unconditional
/// with the obligation's default required level. Ids are
/// `COW:alliance:{ccode1}-{ccode2}:{obligation}:{first year}`.
///
/// # Counting
///
/// A row is used if at least one pledge is in force. Rows are skipped (and
/// counted) for a missing code, year or dummy ([`SkipReason::MissingValue`]),
/// an unknown country code ([`SkipReason::UnknownActor`]), a state allied
/// with itself ([`SkipReason::Inconsistent`]), a second row for the same
/// dyad-year ([`SkipReason::Duplicate`]), and a row with all four dummies 0
/// ([`SkipReason::OutOfScope`]; the bundled file has 10).
/// `rows_read == rows_used + skipped_total()`.
///
/// Text where a number belongs, a dummy other than 0/1, a year outside
/// 1-9999 or a ragged row is an [`Error::Malformed`].
#[derive(Clone, Debug, Default)]
pub struct CowAllianceImport {
    /// The states party to at least one commitment, by COW code.
    pub actors: Vec<Actor>,
    /// One directed commitment per spell, by guarantor, beneficiary, pledge and start.
    pub commitments: Vec<Commitment>,
    /// Pledge-years read (a dyad-year with defence and entente counts twice).
    pub pledge_years: u64,
    /// Rows read, used and skipped.
    pub report: ImportReport,
}

impl CowAllianceImport {
    /// Reads a COW alliance directed dyad-year CSV file; `source` names the
    /// input in errors and the report.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::import::{CowAllianceImport, StateSystem};
    ///
    /// let input = "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n\
    ///              2,20,1949,1,0,0,0\n2,20,1950,1,0,0,0\n2,20,1952,1,0,0,0\n";
    /// let cow = CowAllianceImport::read(input.as_bytes(), "mini.csv", &StateSystem::bundled())?;
    /// // The gap in 1951 splits the pledge into two spells.
    /// let ids: Vec<&str> = cow.commitments.iter().map(|c| c.id().as_str()).collect();
    /// assert_eq!(ids, ["COW:alliance:2-20:defence:1949", "COW:alliance:2-20:defence:1952"]);
    /// assert_eq!(cow.commitments[0].period().until().unwrap().to_string(), "1950-12-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
    /// [`Error::Malformed`] (file, line, field, value) for a ragged record,
    /// a non-integer, a dummy other than 0/1 or a year outside 1-9999;
    /// [`Error::Io`] if reading fails.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<CowAllianceImport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().from_reader(LineCounter::new(reader));
        let headers = read_headers(&mut rdr, &loc)?;
        let c1_i = header_index(&headers, "ccode1", &loc)?;
        let c2_i = header_index(&headers, "ccode2", &loc)?;
        let year_i = header_index(&headers, "year", &loc)?;
        let mut pledge_i = [0usize; 4];
        for (slot, (name, _, _)) in pledge_i.iter_mut().zip(PLEDGES) {
            *slot = header_index(&headers, name, &loc)?;
        }

        let mut out = CowAllianceImport {
            report: ImportReport::new(source),
            ..CowAllianceImport::default()
        };
        // (ccode1, ccode2, pledge, year), sorted afterwards.
        let mut years: Vec<(u16, u16, u8, i32)> = Vec::new();
        let mut seen: HashSet<(u16, u16, i32)> = HashSet::new();
        let mut rec = csv::StringRecord::new();
        while let Some(line) = next_counted_record(&mut rdr, &mut rec, &loc)? {
            out.report.rows_read += 1;
            let c = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            let mut codes = [0u16; 2];
            let mut skipped = false;
            for (slot, (i, field)) in codes.iter_mut().zip([(c1_i, "ccode1"), (c2_i, "ccode2")]) {
                match c.ccode(i, field)? {
                    None => {
                        out.report
                            .skip(line, SkipReason::MissingValue { field }, c.text(i));
                        skipped = true;
                        break;
                    }
                    Some(code) if states.id(code).is_none() => {
                        out.report
                            .skip(line, SkipReason::UnknownActor { field }, c.text(i));
                        skipped = true;
                        break;
                    }
                    Some(code) => *slot = code,
                }
            }
            if skipped {
                continue;
            }
            let [c1, c2] = codes;
            let year = match c.int(year_i, "year")? {
                None | Some(-8) | Some(-9) => {
                    out.report.skip(
                        line,
                        SkipReason::MissingValue { field: "year" },
                        c.text(year_i),
                    );
                    continue;
                }
                Some(y) => i32::try_from(y)
                    .ok()
                    .filter(|y| (1..=9999).contains(y))
                    .ok_or_else(|| c.malformed("year", c.text(year_i), "year outside 1-9999"))?,
            };
            let mut flags = [false; 4];
            let mut missing = None;
            for (k, (&i, (name, _, _))) in pledge_i.iter().zip(PLEDGES).enumerate() {
                match c.flag(i, name)? {
                    None => {
                        missing.get_or_insert((name, i));
                    }
                    Some(f) => flags[k] = f,
                }
            }
            if let Some((field, i)) = missing {
                out.report
                    .skip(line, SkipReason::MissingValue { field }, c.text(i));
                continue;
            }
            if c1 == c2 {
                out.report.skip(
                    line,
                    SkipReason::Inconsistent {
                        what: "a state allied with itself",
                    },
                    c.text(c1_i),
                );
                continue;
            }
            if !seen.insert((c1, c2, year)) {
                out.report
                    .skip(line, SkipReason::Duplicate, &format!("{c1},{c2},{year}"));
                continue;
            }
            if !flags.iter().any(|&f| f) {
                out.report.skip(
                    line,
                    SkipReason::OutOfScope {
                        what: "dyad-year with no pledge in force",
                    },
                    &format!("{c1},{c2},{year}"),
                );
                continue;
            }
            for (k, _) in flags.iter().enumerate().filter(|(_, f)| **f) {
                years.push((c1, c2, k as u8, year));
            }
            out.report.rows_used += 1;
        }
        out.pledge_years = years.len() as u64;
        years.sort_unstable();

        let mut parties = BTreeSet::new();
        let mut i = 0;
        while i < years.len() {
            let (c1, c2, k, first) = years[i];
            let mut last = first;
            let mut j = i + 1;
            while j < years.len() && years[j] == (c1, c2, k, last + 1) {
                last += 1;
                j += 1;
            }
            i = j;
            let (Some(g), Some(b)) = (states.id(c1), states.id(c2)) else {
                continue; // checked when the row was read
            };
            let (_, obligation, name) = PLEDGES[k as usize];
            let (Some(from), Some(until)) = (
                NaiveDate::from_ymd_opt(first, 1, 1),
                NaiveDate::from_ymd_opt(last, 12, 31),
            ) else {
                continue; // years checked to lie in 1-9999
            };
            let period = Period::new(from, Some(until))?;
            let kinds = if obligation == Obligation::Defence {
                CrisisKinds::of([CrisisKind::ExternalAttack])
            } else {
                CrisisKinds::ALL
            };
            let label = if first == last {
                format!("COW alliance v4.1: {name} pledge, {first}")
            } else {
                format!("COW alliance v4.1: {name} pledge, {first}-{last}")
            };
            out.commitments.push(
                Commitment::new(
                    format!("COW:alliance:{c1}-{c2}:{obligation}:{first}"),
                    Parties::Directed {
                        guarantor: g.clone(),
                        beneficiary: b.clone(),
                    },
                    obligation,
                    period,
                )?
                .with_crisis_kinds(kinds)
                .with_label(label),
            );
            parties.insert(c1);
            parties.insert(c2);
        }
        out.report.records = out.commitments.len() as u64;
        out.actors = actors_for(states, parties);
        Ok(out)
    }

    /// Reads the bundled COW alliance v4.1 file ([`COW_ALLIANCE_4_1`]).
    ///
    /// # Errors
    ///
    /// As [`CowAllianceImport::read`]; the bundled file is tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled(states: &StateSystem) -> Result<CowAllianceImport, Error> {
        CowAllianceImport::read(
            COW_ALLIANCE_4_1.as_bytes(),
            "cow_alliance_dyad_year.csv",
            states,
        )
    }
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    const H: &str = "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n";

    #[test]
    #[cfg(feature = "bundled-data")]
    fn spells_per_pledge_and_unsorted_input() {
        let input = format!(
            "{H}2,20,1951,1,0,0,1\n2,20,1949,1,0,0,0\n2,20,1950,1,0,0,1\n20,2,1949,0,0,0,0\n"
        );
        let r =
            CowAllianceImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()).unwrap();
        let ids: Vec<&str> = r.commitments.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(
            ids,
            [
                "COW:alliance:2-20:defence:1949",
                "COW:alliance:2-20:consultation:1950"
            ]
        );
        assert_eq!(
            r.commitments[0].period().until().unwrap().to_string(),
            "1951-12-31"
        );
        assert_eq!(
            r.commitments[1].label(),
            Some("COW alliance v4.1: entente pledge, 1950-1951")
        );
        assert_eq!(r.pledge_years, 5);
        assert_eq!(r.report.rows_used, 3);
        assert_eq!(
            r.report.skipped_for(&SkipReason::OutOfScope {
                what: "dyad-year with no pledge in force"
            }),
            1
        );
    }

    /// Issue 11: a row with too many fields is reported on its own line
    /// (the header is line 1), not the line after it.
    #[test]
    fn ragged_row_names_its_own_line() {
        for (rows, line) in [
            ("2,20,1951,1,0,0,1,9\n", 2),
            (
                "2,20,1951,1,0,0,1\n2,20,1952,1,0,0,1,9\n2,20,1953,1,0,0,1\n",
                3,
            ),
            ("2,20,1951,1,0,0,1\n2,20,1952,1,0,0\n", 3),
            // After a blank line `csv` names the blank line.
            ("2,20,1951,1,0,0,1\n\n2,20,1952,1,0,0,1,9\n", 4),
            ("\n\n2,20,1952,1,0,0,1,9\n", 4),
        ] {
            let input = format!("{H}{rows}");
            let err = CowAllianceImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled())
                .unwrap_err();
            match &err {
                Error::Malformed { location, .. } => {
                    assert_eq!(location.line, Some(line), "{err}")
                }
                other => panic!("expected Malformed, got {other}"),
            }
        }
        // The same with `\r\n` and bare `\r` line ends, which `csv` counts
        // one line early or not at all.
        for eol in ["\r\n", "\r"] {
            let h = H.trim_end();
            let input = format!("{h}{eol}2,20,1951,1,0,0,1{eol}{eol}2,20,1952,1,0,0,1,9{eol}");
            let err = CowAllianceImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled())
                .unwrap_err();
            assert!(err.to_string().starts_with("t.csv:4:"), "{eol:?}: {err}");
        }
    }
}
