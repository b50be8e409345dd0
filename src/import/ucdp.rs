//! UCDP/PRIO armed conflicts (`ucdp_acd.csv`) → [`Crisis`]es and
//! [`SupportEvent`]s. See the importer type for the mapping.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;

use chrono::{Days, NaiveDate};

use crate::import::cow_war::WarSpell;
use crate::import::field::{Cells, next_record};
use crate::import::gw::gw_to_cow;
use crate::import::{ImportReport, SkipReason, StateSystem, header_index, read_headers};
use crate::{
    Actor, ActorId, Crisis, CrisisKind, Error, Initiator, Location, Period, Regions, SupportEvent,
    SupportKind,
};

/// The bundled UCDP/PRIO armed conflict file, trimmed to the columns the
/// importer reads (`data/peacesciencer/ucdp_acd.csv`).
#[cfg(feature = "bundled-data")]
pub const UCDP_ACD: &str = include_str!("../../data/peacesciencer/ucdp_acd.csv");

/// Which layout a UCDP/PRIO file is in (see [`UcdpImport`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UcdpFormat {
    /// peacesciencer's conversion: dates as days since 1970-01-01.
    #[default]
    Peacesciencer,
    /// The official UCDP/PRIO release CSV: ISO dates, comma-separated
    /// Gleditsch–Ward lists.
    Official,
}

impl UcdpFormat {
    /// The layout of a header: official if it names any of `version`,
    /// `side_a`, `location` or `gwno_loc`.
    pub fn detect(headers: &csv::StringRecord) -> UcdpFormat {
        let official = ["version", "side_a", "location", "gwno_loc"];
        if headers.iter().any(|h| {
            let h = h.trim_start_matches('\u{feff}').trim();
            official.iter().any(|o| h.eq_ignore_ascii_case(o))
        }) {
            UcdpFormat::Official
        } else {
            UcdpFormat::Peacesciencer
        }
    }

    /// Lower-case name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            UcdpFormat::Peacesciencer => "peacesciencer",
            UcdpFormat::Official => "official release",
        }
    }
}

/// UCDP/PRIO armed conflicts → [`Crisis`]es and [`SupportEvent`]s, from
/// either the official release CSV (`ucdp-prio-acd-XXX.csv` /
/// `UcdpPrioConflict_vXX_X.csv`, versions 19.1 to 25.1) or peacesciencer's
/// conversion (`ucdp_acd.csv`, the bundled copy); the layout is detected
/// from the header ([`UcdpFormat`]).
///
/// The UCDP/PRIO Armed Conflict Dataset (Gleditsch et al. 2002; Davies,
/// Pettersson & Öberg 2022) has one row per conflict and year (the
/// peacesciencer file repeats a row for each combination of state codes):
/// `conflict_id`, `year`, the primary states on each side (`gwno_a`,
/// `gwno_b`, Gleditsch–Ward codes), the **secondary warring parties** on
/// each side (`gwno_a_2nd`, `gwno_b_2nd`: states that sent troops to fight
/// for that side), `type_of_conflict`, the episode's start (`start_date2`)
/// and end (`ep_end`, `ep_end_date`).
///
/// # The two layouts
///
/// | | official release ([`UcdpFormat::Official`]) | peacesciencer ([`UcdpFormat::Peacesciencer`]) |
/// |---|---|---|
/// | columns | the 27 of the codebook: `conflict_id`, `location`, `side_a`, `side_a_id`, `side_a_2nd`, `side_b`, `side_b_id`, `side_b_2nd`, `incompatibility`, `territory_name`, `year`, `intensity_level`, `type_of_conflict`, `start_date`, `start_prec`, `start_date2`, `start_prec2`, `ep_end`, `ep_end_date`, `ep_end_prec`, `gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`, `gwno_loc`, `region`, `version` | `conflict_id`, `year`, `gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`, `incompatibility`, `intensity_level`, `type_of_conflict` to `ep_end_date` (the bundled copy is trimmed further) |
/// | rows | one per conflict and year | one per conflict, year and combination of the `gwno_*` codes |
/// | `gwno_*` | comma-separated lists (`"2, 200"`) | one code per cell |
/// | dates | ISO `YYYY-MM-DD` | days since 1970-01-01 (R's `Date` as a number) |
/// | `type_of_conflict` | 1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalized intrastate | the same as words (`interstate`, `II`, ...) |
///
/// **Detection**: the header is official if it has any of `version`,
/// `side_a`, `location` or `gwno_loc`, columns peacesciencer drops; else
/// it is peacesciencer's. Either layout may list its codes either way
/// (a list in a peacesciencer cell, or one code per official cell, is read
/// alike) and either coding of `type_of_conflict`; only the dates differ,
/// and a date in the other layout's form is an [`Error::Malformed`] naming
/// the file, line and field. Names are matched ignoring case, surrounding
/// spaces and a byte-order mark; columns not read may be absent, and
/// extra columns are ignored.
///
/// **Releases**: the importer reads `conflict_id`, `year`, the four
/// `gwno_*` lists, `type_of_conflict`, `start_date2`, `ep_end`,
/// `ep_end_date`, and `version` when present (reported in
/// [`UcdpImport::versions`]). Their names are the same in every release
/// from 19.1 to 25.1 as the codebooks list them. Known differences in the
/// columns not read: 17.x and 18.x had `cumulative_intensity` and, in 17.2
/// as third-party code reads it, no `side_a_id`; the importer needs
/// neither, so those layouts read too. Releases before 17.1 (`v4-YYYY`)
/// used other names (`ConflictId`, `GWNoA`, `StartDate2`, ...) and older
/// conflict ids: they are not read ([`Error::MissingColumn`]). None of
/// this was checked against the release files themselves (this project's
/// machines reach package registries only): the official-layout test
/// fixtures (`tests/data/ucdp/`) are hand-made from the codebook's
/// column list, with the values of the bundled peacesciencer rows.
///
/// # Mapping
///
/// | column | model | notes |
/// |---|---|---|
/// | `type_of_conflict` | which rows | `interstate` and `II` (internationalized intrastate) are read; `intrastate` and `extrasystemic` are skipped ([`SkipReason::OutOfScope`]): no state fights for another in them |
/// | `conflict_id`, `start_date2` | one episode | the rows of a conflict with the same episode start |
/// | `gwno_a`, `gwno_b` (interstate) | a [`Crisis`] for each primary state, kind [`CrisisKind::ExternalAttack`] | id `UCDP:{conflict_id}:{start_date2}:{cow}`; adversaries: the primary and secondary states of the other side |
/// | `gwno_a` (II) | a [`Crisis`] for the government, kind [`CrisisKind::InternalUprising`] | adversaries: the states backing the rebels (`gwno_b_2nd`) |
/// | `start_date2`; `ep_end`, `ep_end_date` | crisis period | from the episode start; to `ep_end_date` if `ep_end` = 1, else to 31 December of the episode's last year in the file |
/// | `gwno_a_2nd`, `gwno_b_2nd` | events | a secondary party gives [`SupportKind::Military`] support to each primary state of the side it joined and a [`SupportKind::Hostile`] event to each primary state of the other side, dated 1 January of the first year it appears in the episode (or the episode start, if later): UCDP dates no entry |
/// | primary states on opposite sides | events | [`SupportKind::Hostile`] both ways, dated at the episode start |
/// | Gleditsch–Ward codes | COW codes | [`gw_to_cow`](crate::import::gw_to_cow) on the episode start; a code COW does not list is skipped ([`SkipReason::UnknownActor`], counted once per row and code) |
///
/// UCDP codes no initiator: every crisis has [`Initiator::Other`] and its
/// [`WarSpell::side`] is 1 for side A and 2 for side B; so under the
/// treaty reading no side is the initiating one, every primary state is an
/// original participant that was attacked, and no offence pledge is
/// invoked. UCDP has no location column: [`Crisis::regions`] is unknown.
///
/// # Counting
///
/// A row is used if it is of a type read and names at least one mappable
/// primary state. Skipped rows: out-of-scope types, a blank or missing
/// `conflict_id`, `year` or `start_date2` ([`SkipReason::MissingValue`]),
/// no mappable primary state ([`SkipReason::UnknownActor`]). A row that is
/// used but names some unmappable code also counts that code as a skip,
/// so `rows_read <= rows_used + skipped_total()`. Text where a number
/// belongs, a code outside 2–999, a `type_of_conflict` not in the four
/// UCDP types or an `ep_end` other than 0/1 is an [`Error::Malformed`].
#[derive(Clone, Debug, Default)]
pub struct UcdpImport {
    /// The states taking part, by COW code.
    pub actors: Vec<Actor>,
    /// One crisis per primary state and episode.
    pub crises: Vec<Crisis>,
    /// Secondary parties' support and hostility, and hostility between sides.
    pub events: Vec<SupportEvent>,
    /// One spell per crisis, in the same order (`war` = the episode's
    /// index in this import, side 1 = side A).
    pub spells: Vec<WarSpell>,
    /// Rows read, used and skipped.
    pub report: ImportReport,
    /// The layout detected from the header.
    pub format: UcdpFormat,
    /// The distinct values of the `version` column (official releases:
    /// `"25.1"`, ...), in order of first appearance; empty without one.
    pub versions: Vec<String>,
}

#[derive(Default)]
struct Episode {
    interstate: bool,
    last_year: i32,
    end: Option<NaiveDate>,
    /// COW code → side (true = A).
    primary: BTreeMap<u16, bool>,
    /// (COW code, side) → first year seen.
    secondary: BTreeMap<(u16, bool), i32>,
}

/// An ISO date `YYYY-MM-DD` (a time part after a space or `T` is ignored).
fn iso_day(text: &str) -> Option<NaiveDate> {
    let d = text.split([' ', 'T']).next().unwrap_or("");
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

fn epoch_day(days: i64) -> Option<NaiveDate> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
    if days >= 0 {
        epoch.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        epoch.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

impl UcdpImport {
    /// Reads a UCDP/PRIO armed-conflict CSV file; `source` names the input
    /// in errors and the report.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::import::{StateSystem, UcdpImport};
    ///
    /// let ucdp = UcdpImport::bundled(&StateSystem::bundled())?;
    /// assert_eq!(ucdp.crises.len(), ucdp.spells.len());
    /// assert!(ucdp.report.rows_read <= ucdp.report.rows_used + ucdp.report.skipped_total());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
    /// [`Error::Malformed`] as listed above, or a date not in the
    /// layout's form; [`Error::Io`] if reading fails.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<UcdpImport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().from_reader(reader);
        let headers = read_headers(&mut rdr, &loc)?;
        let format = UcdpFormat::detect(&headers);
        let col = |name| header_index(&headers, name, &loc);
        let version = col("version").ok();
        let conflict = col("conflict_id")?;
        let year = col("year")?;
        let sides = [
            (col("gwno_a")?, "gwno_a", true, false),
            (col("gwno_b")?, "gwno_b", false, false),
            (col("gwno_a_2nd")?, "gwno_a_2nd", true, true),
            (col("gwno_b_2nd")?, "gwno_b_2nd", false, true),
        ];
        let kind = col("type_of_conflict")?;
        let start = col("start_date2")?;
        let ep_end = col("ep_end")?;
        let ep_end_date = col("ep_end_date")?;

        let mut out = UcdpImport {
            report: ImportReport::new(source),
            format,
            ..UcdpImport::default()
        };
        let mut episodes: BTreeMap<(u32, NaiveDate), Episode> = BTreeMap::new();
        let mut rec = csv::StringRecord::new();
        let mut ordinal = 0u64;
        while let Some(line) = next_record(&mut rdr, &mut rec, &loc, &mut ordinal)? {
            out.report.rows_read += 1;
            let c = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            if let Some(v) = version.map(|i| c.text(i)).filter(|v| !v.is_empty())
                && !out.versions.iter().any(|x| x == v)
            {
                out.versions.push(v.to_string());
            }
            let interstate = match c.text(kind) {
                "interstate" | "2" => true,
                "II" | "internationalized" | "4" => false,
                "intrastate" | "extrasystemic" | "1" | "3" => {
                    out.report.skip(
                        line,
                        SkipReason::OutOfScope {
                            what: "intrastate or extrasystemic conflict",
                        },
                        c.text(kind),
                    );
                    continue;
                }
                other => {
                    return Err(c.malformed(
                        "type_of_conflict",
                        other,
                        "not a UCDP conflict type (interstate, II, intrastate, extrasystemic)",
                    ));
                }
            };
            let Some(id) = c.int(conflict, "conflict_id")? else {
                out.report.skip(
                    line,
                    SkipReason::MissingValue {
                        field: "conflict_id",
                    },
                    "",
                );
                continue;
            };
            let id = u32::try_from(id).map_err(|_| {
                c.malformed("conflict_id", c.text(conflict), "not a conflict number")
            })?;
            let Some(y) = c.int(year, "year")? else {
                out.report
                    .skip(line, SkipReason::MissingValue { field: "year" }, "");
                continue;
            };
            let y = i32::try_from(y)
                .ok()
                .filter(|y| (1900..=2100).contains(y))
                .ok_or_else(|| c.malformed("year", c.text(year), "not a year (1900-2100)"))?;
            let blank = |t: &str| t.is_empty() || t.eq_ignore_ascii_case("NA") || t == ".";
            // A date cell in the layout's form; `None` when blank.
            let date = |i: usize, field: &str| -> Result<Option<NaiveDate>, Error> {
                let t = c.text(i);
                if blank(t) {
                    return Ok(None);
                }
                let d = match format {
                    UcdpFormat::Official => iso_day(t).ok_or_else(|| {
                        c.malformed(
                            field,
                            t,
                            "not an ISO date YYYY-MM-DD (official release layout)",
                        )
                    })?,
                    UcdpFormat::Peacesciencer => {
                        let v = c.int(i, field).map_err(|_| {
                            c.malformed(
                                field,
                                t,
                                "not a day number since 1970 (peacesciencer layout; an official release has a version, side_a or location column)",
                            )
                        })?;
                        match v.and_then(epoch_day) {
                            Some(d) => d,
                            None => {
                                return Err(c.malformed(
                                    field,
                                    t,
                                    "not a day in 1900-2100 (days since 1970)",
                                ));
                            }
                        }
                    }
                };
                if (1900..=2100).contains(&chrono::Datelike::year(&d)) {
                    Ok(Some(d))
                } else {
                    Err(c.malformed(field, t, "not a day in 1900-2100"))
                }
            };
            let Some(from) = date(start, "start_date2")? else {
                out.report.skip(
                    line,
                    SkipReason::MissingValue {
                        field: "start_date2",
                    },
                    "",
                );
                continue;
            };
            let end = match c.int(ep_end, "ep_end")? {
                None | Some(0) => None,
                Some(1) => date(ep_end_date, "ep_end_date")?,
                Some(_) => {
                    return Err(c.malformed("ep_end", c.text(ep_end), "must be 0 or 1"));
                }
            };
            // Codes of each column, read before anything is recorded.
            let mut codes: Vec<(u16, bool, bool)> = Vec::new();
            let mut unknown: Vec<(&'static str, String)> = Vec::new();
            for (i, field, side_a, secondary) in sides {
                for cell in c.text(i).split(',') {
                    let t = cell.trim();
                    if t.is_empty() || t.eq_ignore_ascii_case("NA") {
                        continue;
                    }
                    let gw = t
                        .parse::<u16>()
                        .ok()
                        .filter(|g| (2..=999).contains(g))
                        .ok_or_else(|| {
                            c.malformed(field, t, "not a Gleditsch-Ward code (2-999)")
                        })?;
                    match gw_to_cow(gw, from, states) {
                        Some(cow) => codes.push((cow, side_a, secondary)),
                        None => unknown.push((field, t.to_string())),
                    }
                }
            }
            if !codes.iter().any(|(_, _, secondary)| !secondary) {
                let value = unknown.first().map_or_else(String::new, |(_, v)| v.clone());
                out.report
                    .skip(line, SkipReason::UnknownActor { field: "gwno_a" }, &value);
                continue;
            }
            for (field, value) in unknown {
                out.report
                    .skip(line, SkipReason::UnknownActor { field }, &value);
            }
            out.report.rows_used += 1;
            let e = episodes.entry((id, from)).or_default();
            e.interstate |= interstate;
            e.last_year = e.last_year.max(y);
            if end.is_some() {
                e.end = end;
            }
            for (cow, side_a, secondary) in codes {
                if secondary {
                    let first = e.secondary.entry((cow, side_a)).or_insert(y);
                    *first = (*first).min(y);
                } else {
                    e.primary.entry(cow).or_insert(side_a);
                }
            }
        }

        let mut parties = BTreeSet::new();
        for (index, ((conflict, from), e)) in episodes.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(u32::MAX);
            build_episode(index, *conflict, *from, e, states, &mut out)?;
            parties.extend(e.primary.keys().copied());
            parties.extend(e.secondary.keys().map(|(c, _)| *c));
        }
        out.report.records = (out.crises.len() + out.events.len()) as u64;
        out.actors = crate::import::atop::actors_for(states, parties);
        Ok(out)
    }

    /// Reads the bundled UCDP/PRIO file ([`UCDP_ACD`]).
    ///
    /// # Errors
    ///
    /// As [`UcdpImport::read`]; the bundled file is tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled(states: &StateSystem) -> Result<UcdpImport, Error> {
        UcdpImport::read(UCDP_ACD.as_bytes(), "ucdp_acd.csv", states)
    }
}

fn build_episode(
    index: u32,
    conflict: u32,
    from: NaiveDate,
    e: &Episode,
    states: &StateSystem,
    out: &mut UcdpImport,
) -> Result<(), Error> {
    let id_of = |c: u16| states.id(c).cloned();
    let until = e
        .end
        .or_else(|| NaiveDate::from_ymd_opt(e.last_year, 12, 31));
    let Ok(period) = Period::new(from, until.filter(|u| *u >= from)) else {
        return Ok(());
    };
    let kind = if e.interstate {
        CrisisKind::ExternalAttack
    } else {
        CrisisKind::InternalUprising
    };
    for (&cow, &side_a) in &e.primary {
        let Some(target) = id_of(cow) else { continue };
        let adversaries: Vec<ActorId> = e
            .primary
            .iter()
            .filter(|(_, s)| **s != side_a)
            .map(|(c, _)| *c)
            .chain(
                e.secondary
                    .keys()
                    .filter(|(_, s)| *s != side_a)
                    .map(|(c, _)| *c),
            )
            .filter(|c| *c != cow)
            .filter_map(id_of)
            .collect();
        let id = format!("UCDP:{conflict}:{}:{cow}", from.format("%Y%m%d"));
        let crisis = Crisis::new(&id, target.as_str(), period, kind)?
            .with_adversaries(adversaries)
            .with_initiator(Initiator::Other)
            .with_label(format!(
                "UCDP conflict {conflict}, episode from {from}, side {}",
                if side_a { "A" } else { "B" }
            ));
        out.spells.push(WarSpell {
            crisis: crisis.id().clone(),
            war: index,
            ccode: cow,
            side: if side_a { 1 } else { 2 },
            period,
            initiator: Initiator::Other,
            second: false,
            regions: Regions::NONE,
        });
        out.crises.push(crisis);
    }
    let mut seen: HashSet<(u16, u16, NaiveDate, SupportKind)> = HashSet::new();
    let mut push =
        |provider: u16, recipient: u16, day: NaiveDate, kind: SupportKind, role: &str| {
            if provider == recipient || !seen.insert((provider, recipient, day, kind)) {
                return Ok::<(), Error>(());
            }
            if let (Some(p), Some(r)) = (id_of(provider), id_of(recipient)) {
                out.events.push(
                    SupportEvent::between(p, r, day, kind)?
                        .with_source(format!("UCDP conflict {conflict}: {role}")),
                );
            }
            Ok(())
        };
    for (&x, &xa) in &e.primary {
        for (&y, &ya) in &e.primary {
            if xa != ya {
                push(y, x, from, SupportKind::Hostile, "other side")?;
            }
        }
    }
    for (&(s, side_a), &first) in &e.secondary {
        let day = NaiveDate::from_ymd_opt(first, 1, 1).map_or(from, |d| d.max(from));
        for (&p, &pa) in &e.primary {
            let kind = if pa == side_a {
                SupportKind::Military
            } else {
                SupportKind::Hostile
            };
            let role = if pa == side_a {
                "secondary warring party, same side"
            } else {
                "secondary warring party, other side"
            };
            push(s, p, day, kind, role)?;
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    const H: &str = "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,type_of_conflict,start_date2,ep_end,ep_end_date";

    #[test]
    #[cfg(feature = "bundled-data")]
    fn secondary_parties_support_their_side() {
        // The Gulf War episode (1990-08-02 = day 7518), Iraq (645) against
        // Kuwait (690) with the US (2) and West Germany (GW 260: COW 260 on the
        // episode start, before unification).
        let input = format!(
            "{H}\n1,1990,645,,690,,interstate,7518,0,\n1,1991,645,,690,2,interstate,7518,1,7728\n1,1991,645,,690,260,interstate,7518,1,7728\n2,1991,700,,,,intrastate,7000,0,\n"
        );
        let r = UcdpImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()).unwrap();
        assert_eq!(r.report.rows_read, 4);
        assert_eq!(r.report.rows_used, 3);
        assert_eq!(r.report.skipped_total(), 1);
        let ids: Vec<&str> = r.crises.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(ids, ["UCDP:1:19900802:645", "UCDP:1:19900802:690"]);
        let kuwait = &r.crises[1];
        assert_eq!(kuwait.period().until().unwrap().to_string(), "1991-02-28");
        let advs: Vec<&str> = r.crises[0]
            .adversaries()
            .iter()
            .map(|a| a.as_str())
            .collect();
        assert_eq!(advs, ["GFR", "KUW", "USA"]);
        let usa: Vec<_> = r
            .events
            .iter()
            .filter(|e| e.provider().as_str() == "USA")
            .map(|e| {
                (
                    e.recipient().as_str().to_string(),
                    e.kind(),
                    e.date().to_string(),
                )
            })
            .collect();
        assert!(usa.contains(&("KUW".into(), SupportKind::Military, "1991-01-01".into())));
        assert!(usa.contains(&("IRQ".into(), SupportKind::Hostile, "1991-01-01".into())));
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bad_cells_are_errors_with_line_and_field() {
        for (row, field) in [
            ("1,1990,645,,690,,interstate,x,0,", "start_date2"),
            ("1,1990,645,,690,,war,7518,0,", "type_of_conflict"),
            ("1,1990,645,,1000,,interstate,7518,0,", "gwno_b"),
            ("1,1990,645,,690,,interstate,7518,2,", "ep_end"),
        ] {
            let input = format!("{H}\n{row}\n");
            match UcdpImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()) {
                Err(Error::Malformed { location, .. }) => {
                    assert_eq!(location.line, Some(2), "{row}");
                    assert_eq!(location.field.as_deref(), Some(field), "{row}");
                }
                other => panic!("{row}: {other:?}"),
            }
        }
    }
}
