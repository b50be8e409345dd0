//! International Crisis Behavior (ICB), actor level (releases 13 to 16) →
//! crises, great-power support events and perceived abandonments.

use std::collections::HashMap;
use std::io;

use chrono::{Months, NaiveDate};

use crate::import::{ImportReport, SkipReason, StateSystem, csv_error, header_index};
use crate::{
    ActorId, Crisis, CrisisId, CrisisKind, Error, Intensity, Location, Period, Severity,
    SupportEvent, SupportKind,
};

/// A great power whose involvement ICB codes for every crisis actor.
///
/// ICB codes the United States and the USSR/Russia for all crises, and the
/// United Kingdom, France, Italy, Germany and Japan for 1918–1945 only
/// (`0` = post-war case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GreatPower {
    /// `usinv`/`usfavr`, actor `USA` (COW 2).
    UnitedStates,
    /// `suinv`/`sufavr`, actor `RUS` (COW 365, the USSR and Russia).
    Russia,
    /// `gbinv`/`gbfavr`, actor `UKG` (COW 200).
    UnitedKingdom,
    /// `frinv`/`frfavr`, actor `FRN` (COW 220).
    France,
    /// `itinv`/`itfavr`, actor `ITA` (COW 325).
    Italy,
    /// `grinv`/`grfavr`, actor `GMY` (COW 255, Germany before 1945).
    Germany,
    /// `jpinv`/`jpfavr`, actor `JPN` (COW 740).
    Japan,
}

impl GreatPower {
    /// All seven, in codebook order.
    pub const ALL: [GreatPower; 7] = [
        GreatPower::UnitedStates,
        GreatPower::Russia,
        GreatPower::UnitedKingdom,
        GreatPower::France,
        GreatPower::Italy,
        GreatPower::Germany,
        GreatPower::Japan,
    ];

    /// The COW country code.
    pub fn ccode(self) -> u16 {
        match self {
            GreatPower::UnitedStates => 2,
            GreatPower::Russia => 365,
            GreatPower::UnitedKingdom => 200,
            GreatPower::France => 220,
            GreatPower::Italy => 325,
            GreatPower::Germany => 255,
            GreatPower::Japan => 740,
        }
    }

    /// The involvement column (`usinv`, ...).
    pub fn involvement_field(self) -> &'static str {
        [
            "usinv", "suinv", "gbinv", "frinv", "itinv", "grinv", "jpinv",
        ][self as usize]
    }

    /// The attitude column (`usfavr`, ...).
    pub fn attitude_field(self) -> &'static str {
        [
            "usfavr", "sufavr", "gbfavr", "frfavr", "itfavr", "grfavr", "jpfavr",
        ][self as usize]
    }
}

/// A great power whose *inactivity* a crisis actor viewed unfavourably
/// (ICB `*favr` = 6): an observed, perceived abandonment.
///
/// ICB records the client's perception, not the patron's act, so these are
/// not [`SupportEvent`]s (silence is never an event). Use them as an
/// outside check on the model: for each record, look up the patron–client
/// pair in the crisis (`Ledger` outcomes, `Abandonment` scores) and see
/// whether the model, too, finds the patron failed an obligation there; or
/// count them per patron as a crude "perceived unreliability" rate.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PerceivedAbandonment {
    /// The crisis (as produced by [`read_icb_actors`]).
    pub crisis: CrisisId,
    /// The great power seen as inactive.
    pub patron: ActorId,
    /// The crisis actor that viewed the inactivity unfavourably.
    pub client: ActorId,
    /// The crisis actor's trigger date (the start of its crisis).
    pub date: NaiveDate,
    /// The involvement code ICB gave the patron (1 not involved, 2
    /// neutral, 3 political: political activity the actor still saw as
    /// inactivity).
    pub involvement: u8,
}

/// What [`read_icb_actors`] produces.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IcbImport {
    /// One crisis per crisis-actor row.
    pub crises: Vec<Crisis>,
    /// Great-power involvement as support (or hostile) events.
    pub events: Vec<SupportEvent>,
    /// Great-power inactivity viewed unfavourably.
    pub abandonments: Vec<PerceivedAbandonment>,
    /// Crisis-actor rows: read, used (a crisis made), skipped by reason.
    pub crisis_report: ImportReport,
    /// Great-power cells (7 per crisis made; a cell is one power's
    /// involvement/attitude pair): read, used (an event or an abandonment
    /// made), skipped by reason. `records` = events + abandonments.
    pub involvement_report: ImportReport,
    /// Crises whose triggering entity (`trigent`) is a country code that is
    /// not in the COW state system (the crisis is kept, without adversary).
    pub unresolved_adversaries: Vec<(CrisisId, u16)>,
}

/// The columns read.
const COLS: [&str; 12] = [
    "crisno", "cracno", "cracid", "crisname", "triggr", "yrtrig", "motrig", "datrig", "trigent",
    "yrterm", "moterm", "daterm",
];
const VIOL: &str = "viol";

/// Reads an ICB actor-level file (`icb2v13.csv`, Brecher, Wilkenfeld,
/// Beardsley, James & Quinn 2021; and the later releases `icb2v14.csv`,
/// `icb2v15.csv`, `icb2v16.csv`): one row per crisis actor.
///
/// # Releases
///
/// The importer reads 27 columns by name: `crisno`, `cracno`, `cracid`,
/// `crisname`, `triggr`, `yrtrig`, `motrig`, `datrig`, `trigent`,
/// `yrterm`, `moterm`, `daterm`, `viol` and the fourteen great-power
/// columns `usinv`, `usfavr`, ..., `jpinv`, `jpfavr` ([`GreatPower`]).
/// Names are matched ignoring case, surrounding spaces and a byte-order
/// mark; column order and columns not read do not matter; cells may be
/// quoted; lines may end in CRLF; a missing value may be blank, `.`
/// (Stata's export) or `NA` (R's). So a release that adds, drops (other
/// than these), reorders or re-cases columns reads as it is.
///
/// What was verified: ICB 13, the bundled file, byte for byte. What was
/// not: the files of ICB 14, 15 and 16 themselves, which this project's
/// machines cannot download (package registries only), nor their
/// codebooks. Third-party code that reads `icb2v15.csv` and `icb2v16.csv`
/// uses `actor`, `crisno` and `outesr` under the v13 names; whether every
/// one of the 27 columns kept its name is expected, not checked. The
/// later releases extend the crises in time (crisis numbers after v13's
/// last). A release that renamed one of the 27 columns
/// fails with [`Error::MissingColumn`] naming it, never silently. The
/// later-release test fixture (`tests/data/icb/`) is constructed from the
/// codebook's variable list, not copied from a release, and is marked so.
///
/// # Crises
///
/// * **id**: `ICB:{crisno}:{actor}` (`ICB:1:RUS`); an actor with two crisis
///   periods in one international crisis (20 pairs in v13) gets
///   `ICB:{crisno}:{actor}:{cracno}` for every period.
/// * **target**: `cracid` through the COW [`StateSystem`]; a code COW lacks
///   (v13: 219 Vichy France, 671 and 672) → [`SkipReason::UnknownActor`].
/// * **start**: `yrtrig`/`motrig`/`datrig`, the actor's perception of the
///   trigger. **end**: `yrterm`/`moterm`/`daterm`.
///   ICB codes a day it does not know as blank or with the undocumented
///   placeholders 66, 77 and 88. Comparing them with the coded durations
///   (`trgterra`) shows 66 = early (day 1), 77 = mid-month (day 15),
///   88 = late (last day of the month); those are used. A blank start day
///   is the 1st (the earliest the crisis can have begun, so no response is
///   missed) and a blank end day the month's last day; a blank end month
///   is December 31 of the end year. Other days (32–65, ...) and months
///   outside 1–12 are [`Error::Malformed`]. A blank year or start month →
///   [`SkipReason::MissingValue`]; an end before the start →
///   [`SkipReason::Inconsistent`].
/// * **severity**: from `viol`, the violence the actor experienced, the one
///   ordinal severity scale in ICB2 (the codebook warns that `gravty` "should
///   not be viewed as a true scale"): 1 no violence 0.25, 2 minor clashes
///   0.5, 3 serious clashes 0.75, 4 full-scale war 1.0.
/// * **kind**: from the trigger type `triggr`: 1 verbal act (threat,
///   demand), 7 non-violent military act and 9 violent act →
///   [`CrisisKind::ExternalAttack`] (another state attacks or threatens
///   the actor); 3 economic act → [`CrisisKind::EconomicCoercion`]; 6
///   internal challenge to the regime → [`CrisisKind::InternalUprising`];
///   2 political act, 4 external change, 5 other non-violent act and 8
///   indirect violent act (violence against an ally or client, not against
///   the actor) → [`CrisisKind::Other`].
/// * **adversary**: `trigent` when it is a state other than the actor;
///   995 (internal), 996 (non-state actor) and 997 (several states) give
///   none. ICB2 has no initiator variable, so the initiator is left as
///   [`Initiator::Other`](crate::Initiator::Other).
/// * **label**: `crisname`.
///
/// # Great-power involvement
///
/// For each power of [`GreatPower`], the involvement code (`usinv`: 1 not
/// involved, 2 neutral, 3 political, 4 economic, 5 propaganda, 6 covert,
/// 7 semi-military, 8 direct military, 9 crisis actor) and the actor's
/// attitude to it (`usfavr`: 1/2/3 activity viewed favourably / neutrally /
/// unfavourably, 4/5/6 inactivity viewed favourably / neutrally /
/// unfavourably, 8 crisis actor) become:
///
/// | involvement | attitude | result |
/// |---|---|---|
/// | 3–8 | 1 favourable | support event power → actor, on the rung: 3 political → diplomatic (the codebook's political involvement is diplomatic activity, statements included); 4 economic → economic; 5 propaganda → verbal; 6 covert (covert aid) → materiel; 7 semi-military (military aid or advisers, no fighting) → materiel; 8 direct military → military. Intensity 1, `against` the adversary |
/// | 3–8 | 3 unfavourable | hostile event power → actor (the power acted against the actor), intensity the rung's default ladder value (political 0.25, economic 0.4, propaganda 0.1, covert and semi-military 0.6, military 1.0) |
/// | 3–8 | 2 neutral | skipped, out of scope: the direction is unknown |
/// | 1–3 | 6 inactivity unfavourable | a [`PerceivedAbandonment`] |
/// | 1, 2 | other | skipped, out of scope (not involved / neutral) |
/// | 3–8 | 4, 5 | skipped, inconsistent (active involvement, attitude to inactivity) |
/// | 4–8 | 6 | skipped, inconsistent |
/// | 0 | — | skipped, out of scope (not coded after 1945) |
/// | 9 | — | skipped, out of scope (the power is itself a crisis actor; its own row holds its crisis) |
///
/// A blank involvement or (for 3–8) attitude is [`SkipReason::MissingValue`];
/// codes outside the codebook are [`SkipReason::UnknownCode`]. Events and
/// abandonments are dated at the crisis start, so they fall in the
/// response window of the crisis they belong to.
///
/// The file's UTF-8 byte-order mark, CRLF line ends and blank cells are
/// handled; a non-numeric value in a numeric column is [`Error::Malformed`].
///
/// # Example
///
/// ```
/// use alliance_reliability::import::{StateSystem, read_icb_actors};
///
/// let file = std::fs::read("data/icb-13/icb2v13.csv")?;
/// let icb = read_icb_actors(&file[..], "icb2v13.csv", &StateSystem::bundled())?;
/// let c = icb.crises.iter().find(|c| c.id().as_str() == "ICB:1:RUS").unwrap();
/// assert_eq!(c.target().as_str(), "RUS");
/// assert_eq!(c.label(), Some("RUSSIAN CIVIL WAR I"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
/// [`Error::Malformed`] for an unreadable record, a non-numeric value in a
/// numeric column, or an impossible date; [`Error::Io`].
pub fn read_icb_actors<R: io::Read>(
    reader: R,
    source: &str,
    states: &StateSystem,
) -> Result<IcbImport, Error> {
    let loc = Location::file(source);
    // Records end at `\n` only: with the csv crate's default CRLF handling,
    // records after a `\r\n` report the line before their own. A trailing
    // `\r` stays in the last cell and is trimmed like other spaces.
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(reader);
    let headers = rdr.headers().map_err(|e| csv_error(&loc, e))?.clone();
    if headers.is_empty()
        || (headers.len() == 1 && headers[0].trim_start_matches('\u{feff}').is_empty())
    {
        return Err(Error::EmptyInput(loc));
    }
    crate::import::reject_bare_cr(headers.as_byte_record().iter(), &loc)?;
    let mut col = HashMap::new();
    for name in COLS.into_iter().chain([VIOL]).chain(
        GreatPower::ALL
            .into_iter()
            .flat_map(|p| [p.involvement_field(), p.attitude_field()]),
    ) {
        col.insert(name, header_index(&headers, name, &loc)?);
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        rows.push(rec.map_err(|e| csv_error(&loc, e))?);
    }
    // Actors with two crisis periods in one crisis get the cracno in their id.
    let mut periods: HashMap<(String, String), u32> = HashMap::new();
    for r in &rows {
        let key = |n: &str| r.get(col[n]).unwrap_or("").trim().to_string();
        *periods.entry((key("crisno"), key("cracid"))).or_default() += 1;
    }
    let mut out = IcbImport {
        crisis_report: ImportReport::new(source),
        involvement_report: ImportReport::new(source),
        ..IcbImport::default()
    };
    for rec in &rows {
        let line = rec.position().map_or(0, |p| p.line());
        out.crisis_report.rows_read += 1;
        let row = Row {
            rec,
            col: &col,
            loc: &loc,
            line,
        };
        if let Some(c) = crisis(&row, states, &periods, &mut out)? {
            involvement(&row, &c, states, &mut out)?;
            out.crises.push(c);
            out.crisis_report.rows_used += 1;
        }
    }
    out.crisis_report.records = out.crises.len() as u64;
    out.involvement_report.records = (out.events.len() + out.abandonments.len()) as u64;
    Ok(out)
}

struct Row<'a> {
    rec: &'a csv::StringRecord,
    col: &'a HashMap<&'static str, usize>,
    loc: &'a Location,
    line: u64,
}

impl Row<'_> {
    fn text(&self, name: &str) -> &str {
        self.col
            .get(name)
            .and_then(|&i| self.rec.get(i))
            .unwrap_or("")
            .trim()
    }

    /// A whole number, or `None` for a blank cell (also `.`, Stata's
    /// export of a missing value, and `NA`, R's).
    fn int(&self, name: &str) -> Result<Option<i64>, Error> {
        let t = self.text(name);
        if t.is_empty() || t == "." || t.eq_ignore_ascii_case("NA") {
            return Ok(None);
        }
        t.parse()
            .map(Some)
            .map_err(|_| self.bad(name, t, "not a whole number"))
    }

    fn bad(&self, field: &str, value: &str, reason: &str) -> Error {
        Error::Malformed {
            location: self.loc.clone().at_line(self.line).at_field(field),
            value: value.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// Which end of a crisis a date is, for filling in an unknown day.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// An ICB date; `field` names the year column for errors.
fn icb_date(
    row: &Row<'_>,
    fields: [&str; 3],
    edge: Edge,
) -> Result<Result<NaiveDate, &'static str>, Error> {
    let [yf, mf, df] = fields;
    let Some(y) = row.int(yf)? else {
        return Ok(Err(yf_static(yf)));
    };
    let y = i32::try_from(y).map_err(|_| row.bad(yf, row.text(yf), "year out of range"))?;
    let m = match row.int(mf)? {
        Some(m) if (1..=12).contains(&m) => m as u32,
        Some(_) => return Err(row.bad(mf, row.text(mf), "month must be 1 to 12")),
        None if edge == Edge::End => 12,
        None => return Ok(Err(yf_static(mf))),
    };
    let month_unknown = row.text(mf).is_empty();
    let date = match (row.int(df)?, edge) {
        (_, Edge::End) if month_unknown => last_day(y, 12),
        (None, Edge::Start) | (Some(66), _) => NaiveDate::from_ymd_opt(y, m, 1),
        (None, Edge::End) | (Some(88), _) => last_day(y, m),
        (Some(77), _) => NaiveDate::from_ymd_opt(y, m, 15),
        (Some(d @ 1..=31), _) => NaiveDate::from_ymd_opt(y, m, d as u32),
        (Some(_), _) => None,
    };
    date.map(Ok)
        .ok_or_else(|| row.bad(df, row.text(df), "not a day of that month (nor 66/77/88)"))
}

/// The `&'static` name of a required date column.
fn yf_static(name: &str) -> &'static str {
    ["yrtrig", "motrig", "yrterm"]
        .into_iter()
        .find(|n| *n == name)
        .unwrap_or("date")
}

fn crisis(
    row: &Row<'_>,
    states: &StateSystem,
    periods: &HashMap<(String, String), u32>,
    out: &mut IcbImport,
) -> Result<Option<Crisis>, Error> {
    let report = &mut out.crisis_report;
    let line = row.line;
    let missing = |field: &'static str, report: &mut ImportReport| {
        report.skip(line, SkipReason::MissingValue { field }, "");
        Ok(None)
    };
    let Some(crisno) = row.int("crisno")? else {
        return missing("crisno", report);
    };
    let Some(cracid) = row.int("cracid")? else {
        return missing("cracid", report);
    };
    let Some(target) = u16::try_from(cracid).ok().and_then(|c| states.id(c)) else {
        report.skip(
            line,
            SkipReason::UnknownActor { field: "cracid" },
            row.text("cracid"),
        );
        return Ok(None);
    };
    let start = match icb_date(row, ["yrtrig", "motrig", "datrig"], Edge::Start)? {
        Ok(d) => d,
        Err(field) => return missing(field, report),
    };
    let end = match icb_date(row, ["yrterm", "moterm", "daterm"], Edge::End)? {
        Ok(d) => d,
        Err(field) => return missing(field, report),
    };
    let Some(triggr) = row.int("triggr")? else {
        return missing("triggr", report);
    };
    let kind = match triggr {
        1 | 7 | 9 => CrisisKind::ExternalAttack,
        3 => CrisisKind::EconomicCoercion,
        6 => CrisisKind::InternalUprising,
        2 | 4 | 5 | 8 => CrisisKind::Other,
        _ => {
            report.skip(
                line,
                SkipReason::UnknownCode { field: "triggr" },
                row.text("triggr"),
            );
            return Ok(None);
        }
    };
    let Some(viol) = row.int(VIOL)? else {
        return missing("viol", report);
    };
    let severity = match viol {
        1..=4 => Severity::new(viol as f64 / 4.0)?,
        _ => {
            report.skip(
                line,
                SkipReason::UnknownCode { field: "viol" },
                row.text(VIOL),
            );
            return Ok(None);
        }
    };
    let Ok(period) = Period::new(start, Some(end)) else {
        let what = "termination before trigger";
        report.skip(line, SkipReason::Inconsistent { what }, row.text("yrterm"));
        return Ok(None);
    };
    let key = (
        row.text("crisno").to_string(),
        row.text("cracid").to_string(),
    );
    let id = if periods.get(&key).copied().unwrap_or(1) > 1 {
        format!("ICB:{crisno}:{target}:{}", row.text("cracno"))
    } else {
        format!("ICB:{crisno}:{target}")
    };
    let id = CrisisId::new(&id).map_err(|_| row.bad("crisno", &id, "not a valid crisis id"))?;
    let mut c = Crisis::new(id.as_str(), target.as_str(), period, kind)?
        .with_severity(severity)
        .with_label(row.text("crisname"));
    match row.int("trigent")? {
        None | Some(995..=997) => {}
        Some(code) => match u16::try_from(code).ok().and_then(|k| states.id(k)) {
            Some(adv) if adv != target => c = c.with_adversaries([adv.clone()]),
            Some(_) => {}
            None => out
                .unresolved_adversaries
                .push((id, u16::try_from(code).unwrap_or(u16::MAX))),
        },
    }
    Ok(Some(c))
}

/// The rung of an active involvement code (3 to 8).
fn rung(inv: i64) -> Option<(SupportKind, f64)> {
    Some(match inv {
        3 => (SupportKind::Diplomatic, 0.25),
        4 => (SupportKind::Economic, 0.4),
        5 => (SupportKind::Verbal, 0.1),
        6 | 7 => (SupportKind::Materiel, 0.6),
        8 => (SupportKind::Military, 1.0),
        _ => return None,
    })
}

fn involvement(
    row: &Row<'_>,
    crisis: &Crisis,
    states: &StateSystem,
    out: &mut IcbImport,
) -> Result<(), Error> {
    let line = row.line;
    for power in GreatPower::ALL {
        let report = &mut out.involvement_report;
        report.rows_read += 1;
        let (inv_f, favr_f) = (power.involvement_field(), power.attitude_field());
        let inv = row.int(inv_f)?;
        let favr = row.int(favr_f)?;
        let value = format!("{inv_f}={} {favr_f}={}", row.text(inv_f), row.text(favr_f));
        let out_of_scope = |what: &'static str, report: &mut ImportReport| {
            report.skip(line, SkipReason::OutOfScope { what }, &value);
        };
        let Some(patron) = states.id(power.ccode()) else {
            report.skip(line, SkipReason::UnknownActor { field: inv_f }, &value);
            continue;
        };
        let abandonment = |out: &mut IcbImport, inv: i64| {
            out.abandonments.push(PerceivedAbandonment {
                crisis: crisis.id().clone(),
                patron: patron.clone(),
                client: crisis.target().clone(),
                date: crisis.start(),
                involvement: inv as u8,
            });
            out.involvement_report.rows_used += 1;
        };
        match (inv, favr) {
            (None, _) => report.skip(line, SkipReason::MissingValue { field: inv_f }, &value),
            (Some(0), _) => out_of_scope("great-power involvement not coded after 1945", report),
            (Some(9), _) => out_of_scope("great power is itself a crisis actor", report),
            (Some(i), Some(6)) if (1..=3).contains(&i) => abandonment(out, i),
            (Some(1), _) => out_of_scope("great power not involved", report),
            (Some(2), _) => out_of_scope("great power neutral", report),
            (Some(3..=8), _) if patron == crisis.target() => {
                let what = "great power coded as involved in its own crisis";
                report.skip(line, SkipReason::Inconsistent { what }, &value);
            }
            (Some(3..=8), None) => {
                report.skip(line, SkipReason::MissingValue { field: favr_f }, &value)
            }
            (Some(i @ 3..=8), Some(f @ (1 | 3))) => {
                let Some((kind, hostile_intensity)) = rung(i) else {
                    continue;
                };
                let event = if f == 1 {
                    let e = SupportEvent::new(patron, crisis.target(), crisis.start(), kind)?;
                    match crisis.adversaries().first() {
                        Some(_) if kind == SupportKind::Hostile => {
                            return Err(Error::HostileAgainst);
                        }
                        Some(adv) if adv != patron => e.against(adv),
                        _ => e,
                    }
                } else {
                    SupportEvent::new(
                        patron,
                        crisis.target(),
                        crisis.start(),
                        SupportKind::Hostile,
                    )?
                    .with_intensity(Intensity::new(hostile_intensity)?)
                };
                out.events
                    .push(event.with_source(format!("ICB {}: {value}", crisis.id())));
                out.involvement_report.rows_used += 1;
            }
            (Some(3..=8), Some(2)) => {
                out_of_scope("involvement viewed neutrally (direction unknown)", report)
            }
            (Some(3..=8), Some(4 | 5)) | (Some(4..=8), Some(6)) => {
                let what = "active involvement but attitude to inactivity";
                report.skip(line, SkipReason::Inconsistent { what }, &value);
            }
            (Some(3..=8), Some(_)) => {
                report.skip(line, SkipReason::UnknownCode { field: favr_f }, &value)
            }
            (Some(_), _) => report.skip(line, SkipReason::UnknownCode { field: inv_f }, &value),
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    const HEAD: &str = "crisno,cracno,cracid,actor,crisname,triggr,yrtrig,motrig,datrig,trigent,yrterm,moterm,daterm,viol,usinv,usfavr,suinv,sufavr,gbinv,gbfavr,frinv,frfavr,itinv,itfavr,grinv,grfavr,jpinv,jpfavr\n";

    #[cfg(feature = "bundled-data")]
    fn run(rows: &str) -> Result<IcbImport, Error> {
        read_icb_actors(
            format!("{HEAD}{rows}").as_bytes(),
            "t.csv",
            &StateSystem::bundled(),
        )
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn day_placeholders() {
        let r = run(
            "1,1,365,RUS,X,9,1918,5,,2,1920,4,88,4,7,1,3,1,0,0,0,0,0,0,0,0,0,0\n\
                     2,2,630,IRN,Y,3,1950,2,66,996,1950,,,1,1,6,1,5,0,0,0,0,0,0,0,0,0,0\n\
                     3,3,630,IRN,Z,6,1950,2,77,630,1950,3,,2,3,3,3,2,0,0,0,0,0,0,0,0,0,0\n",
        )
        .unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            r.crises[0].period(),
            Period::new(d(1918, 5, 1), Some(d(1920, 4, 30))).unwrap()
        );
        assert_eq!(
            r.crises[1].period(),
            Period::new(d(1950, 2, 1), Some(d(1950, 12, 31))).unwrap()
        );
        assert_eq!(
            r.crises[2].period(),
            Period::new(d(1950, 2, 15), Some(d(1950, 3, 31))).unwrap()
        );
        assert_eq!(r.crises[0].kind(), CrisisKind::ExternalAttack);
        assert_eq!(r.crises[1].kind(), CrisisKind::EconomicCoercion);
        assert_eq!(r.crises[2].kind(), CrisisKind::InternalUprising);
        assert_eq!(r.crises[0].severity().get(), 1.0);
        assert_eq!(r.crises[0].adversaries()[0].as_str(), "USA");
        assert!(r.crises[2].adversaries().is_empty()); // trigent is the actor itself
        // US semi-military, favourable: materiel for RUS against... the US itself is the
        // adversary, so no `against`.
        assert_eq!(r.events[0].kind(), SupportKind::Materiel);
        assert_eq!(r.events[0].against_actor(), None);
        // USSR in its own crisis: inconsistent, skipped.
        // US political, unfavourable → hostile 0.25.
        assert_eq!(r.events[1].kind(), SupportKind::Hostile);
        assert_eq!(r.events[1].recipient().as_str(), "IRN");
        assert_eq!(r.events[1].intensity().get(), 0.25);
        assert_eq!(r.events.len(), 2);
        assert_eq!(r.abandonments.len(), 1);
        assert_eq!(r.abandonments[0].patron.as_str(), "USA");
        assert_eq!(r.abandonments[0].client.as_str(), "IRN");
        let ir = &r.involvement_report;
        assert_eq!((ir.rows_read, ir.rows_used, ir.records), (21, 3, 3));
        assert_eq!(
            ir.skipped_for(&SkipReason::Inconsistent {
                what: "great power coded as involved in its own crisis"
            }),
            1
        );
        assert_eq!(ir.rows_read, ir.rows_used + ir.skipped_total());
        assert_eq!(
            ir.skipped_for(&SkipReason::OutOfScope {
                what: "great-power involvement not coded after 1945"
            }),
            15
        );
        assert_eq!(
            ir.skipped_for(&SkipReason::OutOfScope {
                what: "great power not involved"
            }),
            1
        );
        assert_eq!(
            ir.skipped_for(&SkipReason::OutOfScope {
                what: "involvement viewed neutrally (direction unknown)"
            }),
            1
        );
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bad_cells() {
        assert!(matches!(
            run("1,1,365,RUS,X,9,1918,13,,2,1920,4,1,4,1,1,1,1,0,0,0,0,0,0,0,0,0,0\n"),
            Err(Error::Malformed { location, .. }) if location.field.as_deref() == Some("motrig")
        ));
        assert!(matches!(
            run("1,1,365,RUS,X,9,1918,2,30,2,1920,4,1,4,1,1,1,1,0,0,0,0,0,0,0,0,0,0\n"),
            Err(Error::Malformed { location, .. }) if location.field.as_deref() == Some("datrig")
        ));
        assert!(matches!(
            run("1,1,365,RUS,X,nine,1918,2,3,2,1920,4,1,4,1,1,1,1,0,0,0,0,0,0,0,0,0,0\n"),
            Err(Error::Malformed { location, .. }) if location.field.as_deref() == Some("triggr")
        ));
        let r = run(
            "1,1,365,RUS,X,9,1921,2,3,2,1920,4,1,4,1,1,1,1,0,0,0,0,0,0,0,0,0,0\n\
                     1,2,365,RUS,X,12,1918,2,3,2,1920,4,1,4,1,1,1,1,0,0,0,0,0,0,0,0,0,0\n",
        )
        .unwrap();
        assert_eq!(
            r.crisis_report.skipped_for(&SkipReason::Inconsistent {
                what: "termination before trigger"
            }),
            1
        );
        assert_eq!(
            r.crisis_report
                .skipped_for(&SkipReason::UnknownCode { field: "triggr" }),
            1
        );
    }
}
