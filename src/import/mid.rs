//! Gibler–Miller–Little militarized interstate dispute participants
//! (`gml_part.csv`) → [`Crisis`]es and [`SupportEvent`]s. See the importer
//! type for the mapping.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;

use chrono::NaiveDate;

use crate::import::atop::overlap;
use crate::import::cow_war::WarSpell;
use crate::import::field::{Cells, DateFields, Edge, date, next_record};
use crate::import::{ImportReport, SkipReason, StateSystem, header_index, read_headers};
use crate::{
    Actor, ActorId, Crisis, CrisisKind, Error, Initiator, Intensity, Location, Period, Regions,
    SupportEvent, SupportKind,
};

/// The bundled GML MID participant file, trimmed to the columns the
/// importer reads (`data/peacesciencer/gml_part.csv`).
#[cfg(feature = "bundled-data")]
pub const GML_MID_PARTICIPANTS: &str = include_str!("../../data/peacesciencer/gml_part.csv");

/// The support a same-side participant's highest action (`hiact`, MID
/// codebook) shows, as a rung and an intensity; `None` for a code outside
/// 0–21.
///
/// | `hiact` | MID action | support |
/// |---|---|---|
/// | 0 | no militarized action | [`SupportKind::Verbal`], 1.0: listed on the side, so aligned, but no act |
/// | 1–6 | threats (to use force, blockade, occupy territory, declare war, use CBR weapons, join war) | [`SupportKind::Diplomatic`], 1.0: coercive diplomacy on the partner's behalf |
/// | 7–11 | displays (show of force, alert, nuclear alert, mobilization, fortify border) | [`SupportKind::Military`], 0.5: the provider's own forces, deployed but not fighting |
/// | 12–21 | uses of force (border violation, blockade, occupation, seizure, attack, clash, declaration of war, CBR use, begin or join interstate war) | [`SupportKind::Military`], 1.0 |
///
/// With the default ladder (military 1.0) and abandonment threshold 0.5, a
/// display honours a defence pledge exactly at the threshold and a threat
/// does not (0.25).
///
/// ```
/// use alliance_reliability::import::mid_support;
/// use alliance_reliability::SupportKind;
/// assert_eq!(mid_support(17), Some((SupportKind::Military, 1.0)));
/// assert_eq!(mid_support(7), Some((SupportKind::Military, 0.5)));
/// assert_eq!(mid_support(22), None);
/// ```
pub fn mid_support(hiact: i64) -> Option<(SupportKind, f64)> {
    Some(match hiact {
        0 => (SupportKind::Verbal, 1.0),
        1..=6 => (SupportKind::Diplomatic, 1.0),
        7..=11 => (SupportKind::Military, 0.5),
        12..=21 => (SupportKind::Military, 1.0),
        _ => return None,
    })
}

/// Gibler–Miller–Little MID participants (`gml_part.csv`) → [`Crisis`]es
/// and [`SupportEvent`]s.
///
/// The GML data (Gibler, Miller & Little 2016) correct the COW MID data
/// and date each state's participation to the day: one row per state per
/// dispute with `dispnum`, `ccode`, start and end dates (`-9` = unknown
/// day), `sidea` (1 = side A, the side that took the first militarized
/// action), `orig` (1 = originator, 0 = joined later) and `hiact` (the
/// state's highest action, 0–21).
///
/// Checked once against the COW MID directed dispute-years
/// (`cow_mid_dirdisps.csv` of peacesciencer, not bundled; a Python
/// comparison, not a test): 2,165 of GML's 2,174 disputes are in it, and
/// 5,097 of its 5,197 dispute–state pairs, with the same side for 4,673 and
/// the same originator flag for 5,015 of those: GML re-codes sides and
/// joiners where its review found the COW coding wrong.
///
/// # Mapping
///
/// | column | model | notes |
/// |---|---|---|
/// | one row | a [`Crisis`] for the participant, kind [`CrisisKind::ExternalAttack`] | id `MID:{dispnum}:{ccode}`; `:sA`/`:sB` when the state is on both sides; `:2`, `:3` for further rows of the same state and side. Every participant is a crisis, as in [`CowWarImport`](crate::import::CowWarImport): which of them were **targeted** (attacked) is the treaty reading's question ([`history::Reading`](crate::history::Reading): side B originators, and joiners that entered within a day of an enemy) |
/// | `styear`, `stmon`, `stday` | crisis start | `-9` day → the 1st; `-9` month → January |
/// | `endyear`, `endmon`, `endday` | crisis end | `-9` day → last day of the month; `-9` month → December |
/// | `sidea` | side; adversaries | the other side's participants whose spells overlap (all of the other side if none does) |
/// | `sidea`, `orig` | [`Initiator`] | side A originator → [`Initiator::Target`] (it started the dispute); any other → [`Initiator::Other`] |
/// | `hiact` | support given to each same-side participant | [`mid_support`] |
/// | — | [`Crisis::regions`] | unknown: `gml_part` has no location |
///
/// # Events
///
/// For two participants of one dispute whose spells overlap, dated the
/// later of the two starts: a same-side participant gives the other the
/// support its `hiact` shows ([`mid_support`]); an opposite-side
/// participant gives a [`SupportKind::Hostile`] event. So a partner that
/// joins a state's side supports it as strongly as it acted, and one that
/// joins the other side is hostile. Identical events are kept once.
///
/// # Counting
///
/// A row is used if it became a crisis. Skipped ([`SkipReason`]): a blank
/// or missing (`-9`) `dispnum`, `ccode`, start or end year
/// (`MissingValue`); a code the state system lacks (`UnknownActor`); an end
/// before the start (`Inconsistent`). So `rows_read == rows_used +
/// skipped_total()`. Text where a number belongs, a `sidea` or `orig`
/// other than 0/1, a `hiact` outside 0–21 (or `-9`), month 13 or an
/// impossible date is an [`Error::Malformed`] naming file, line, field and
/// value.
#[derive(Clone, Debug, Default)]
pub struct MidImport {
    /// The participating states.
    pub actors: Vec<Actor>,
    /// One crisis per participation row, by dispute and file order.
    pub crises: Vec<Crisis>,
    /// Support among same-side participants, hostility across sides.
    pub events: Vec<SupportEvent>,
    /// One spell per crisis, in the same order (`war` = `dispnum`, side 1
    /// = side A).
    pub spells: Vec<WarSpell>,
    /// Rows read, used and skipped.
    pub report: ImportReport,
}

/// A row read: the dispute and participant, or a counted skip.
type RowRead = Result<(u32, Row), (SkipReason, String)>;

struct Row {
    ccode: u16,
    id: ActorId,
    side_a: bool,
    orig: bool,
    hiact: i64,
    period: Period,
}

const START: DateFields = DateFields {
    year: "styear",
    month: "stmon",
    day: "stday",
};
const END: DateFields = DateFields {
    year: "endyear",
    month: "endmon",
    day: "endday",
};

impl MidImport {
    /// Reads a GML MID participant CSV file; `source` names the input in
    /// errors and the report.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::import::{MidImport, StateSystem};
    ///
    /// let mids = MidImport::bundled(&StateSystem::bundled())?;
    /// assert_eq!(mids.report.rows_read, mids.report.rows_used + mids.report.skipped_total());
    /// assert_eq!(mids.crises.len(), mids.spells.len());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
    /// [`Error::Malformed`] (file, line, field, value) as listed above;
    /// [`Error::Io`] if reading fails.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<MidImport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().from_reader(reader);
        let headers = read_headers(&mut rdr, &loc)?;
        let col = |name| header_index(&headers, name, &loc);
        let dispnum = col("dispnum")?;
        let ccode = col("ccode")?;
        let start = [col("styear")?, col("stmon")?, col("stday")?];
        let end = [col("endyear")?, col("endmon")?, col("endday")?];
        let sidea = col("sidea")?;
        let hiact = col("hiact")?;
        let orig = col("orig")?;

        let mut out = MidImport {
            report: ImportReport::new(source),
            ..MidImport::default()
        };
        let mut disputes: BTreeMap<u32, Vec<Row>> = BTreeMap::new();
        let mut rec = csv::StringRecord::new();
        let mut ordinal = 0u64;
        while let Some(line) = next_record(&mut rdr, &mut rec, &loc, &mut ordinal)? {
            out.report.rows_read += 1;
            let c = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            let missing = |field: &'static str, i: usize| {
                (SkipReason::MissingValue { field }, c.text(i).to_string())
            };
            let dummy = |i: usize, field: &str| -> Result<bool, Error> {
                match c.int(i, field)? {
                    Some(0) => Ok(false),
                    Some(1) => Ok(true),
                    _ => Err(c.malformed(field, c.text(i), "must be 0 or 1")),
                }
            };
            let row = (|| -> Result<RowRead, Error> {
                let d = match c.int(dispnum, "dispnum")? {
                    None | Some(-9) => return Ok(Err(missing("dispnum", dispnum))),
                    Some(n) => u32::try_from(n).map_err(|_| {
                        c.malformed("dispnum", c.text(dispnum), "not a dispute number")
                    })?,
                };
                let Some(code) = c.ccode(ccode, "ccode")? else {
                    return Ok(Err(missing("ccode", ccode)));
                };
                let side_a = dummy(sidea, "sidea")?;
                let orig = dummy(orig, "orig")?;
                let act = c.int(hiact, "hiact")?.unwrap_or(-1);
                if mid_support(act).is_none() {
                    return Err(c.malformed("hiact", c.text(hiact), "not a MID action (0-21)"));
                }
                let Some(id) = states.id(code) else {
                    return Ok(Err((
                        SkipReason::UnknownActor { field: "ccode" },
                        c.text(ccode).to_string(),
                    )));
                };
                let part = |i: usize, f: &str| -> Result<Option<i64>, Error> {
                    Ok(c.int(i, f)?.filter(|&v| v != -9 && v != -8))
                };
                let Some(sy) = part(start[0], "styear")? else {
                    return Ok(Err(missing("styear", start[0])));
                };
                let Some(ey) = part(end[0], "endyear")? else {
                    return Ok(Err(missing("endyear", end[0])));
                };
                let from = date(
                    &c,
                    START,
                    sy,
                    part(start[1], "stmon")?,
                    part(start[2], "stday")?,
                    Edge::Start,
                )?;
                let until = date(
                    &c,
                    END,
                    ey,
                    part(end[1], "endmon")?,
                    part(end[2], "endday")?,
                    Edge::End,
                )?;
                let Ok(period) = Period::new(from, Some(until)) else {
                    return Ok(Err((
                        SkipReason::Inconsistent {
                            what: "participation ends before it starts",
                        },
                        format!("{from} > {until}"),
                    )));
                };
                Ok(Ok((
                    d,
                    Row {
                        ccode: code,
                        id: id.clone(),
                        side_a,
                        orig,
                        hiact: act,
                        period,
                    },
                )))
            })()?;
            match row {
                Ok((d, r)) => {
                    disputes.entry(d).or_default().push(r);
                    out.report.rows_used += 1;
                }
                Err((reason, value)) => out.report.skip(line, reason, &value),
            }
        }
        let mut parties = BTreeSet::new();
        for (d, rows) in &disputes {
            build_dispute(*d, rows, &mut out)?;
            parties.extend(rows.iter().map(|r| r.ccode));
        }
        out.report.records = (out.crises.len() + out.events.len()) as u64;
        out.actors = crate::import::atop::actors_for(states, parties);
        Ok(out)
    }

    /// Reads the bundled GML MID participant file ([`GML_MID_PARTICIPANTS`]).
    ///
    /// # Errors
    ///
    /// As [`MidImport::read`]; the bundled file is tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled(states: &StateSystem) -> Result<MidImport, Error> {
        MidImport::read(GML_MID_PARTICIPANTS.as_bytes(), "gml_part.csv", states)
    }
}

/// Turns the participants of one dispute into crises and events.
fn build_dispute(d: u32, rows: &[Row], out: &mut MidImport) -> Result<(), Error> {
    let both: BTreeSet<u16> = rows
        .iter()
        .filter(|r| {
            rows.iter()
                .any(|s| s.ccode == r.ccode && s.side_a != r.side_a)
        })
        .map(|r| r.ccode)
        .collect();
    let mut seen_spell: BTreeMap<(u16, bool), u32> = BTreeMap::new();
    for r in rows {
        let n = seen_spell.entry((r.ccode, r.side_a)).or_default();
        *n += 1;
        let side = if r.side_a { "A" } else { "B" };
        let mut id = format!("MID:{d}:{}", r.ccode);
        if both.contains(&r.ccode) {
            id.push_str(&format!(":s{side}"));
        }
        if *n > 1 {
            id.push_str(&format!(":{n}"));
        }
        let enemies = rows
            .iter()
            .filter(|e| e.side_a != r.side_a && e.ccode != r.ccode);
        let mut adversaries: Vec<ActorId> = enemies
            .clone()
            .filter(|e| overlap(r.period, e.period).is_some())
            .map(|e| e.id.clone())
            .collect();
        if adversaries.is_empty() {
            adversaries = enemies.map(|e| e.id.clone()).collect();
        }
        let initiator = if r.side_a && r.orig {
            Initiator::Target
        } else {
            Initiator::Other
        };
        let crisis = Crisis::new(&id, r.id.as_str(), r.period, CrisisKind::ExternalAttack)?
            .with_adversaries(adversaries)
            .with_initiator(initiator)
            .with_label(format!(
                "MID {d}, side {side}{}",
                if r.orig { "" } else { ", joiner" }
            ));
        out.spells.push(WarSpell {
            crisis: crisis.id().clone(),
            war: d,
            ccode: r.ccode,
            side: if r.side_a { 1 } else { 2 },
            period: r.period,
            initiator,
            second: *n > 1,
            regions: Regions::NONE,
        });
        out.crises.push(crisis);
    }
    let mut seen: HashSet<(u16, u16, NaiveDate, SupportKind)> = HashSet::new();
    for x in rows {
        for y in rows {
            if x.ccode == y.ccode || overlap(x.period, y.period).is_none() {
                continue;
            }
            // y acts toward x.
            let (kind, intensity, role) = if x.side_a == y.side_a {
                let (k, i) = mid_support(y.hiact).unwrap_or((SupportKind::Verbal, 1.0));
                (k, i, "same side")
            } else {
                (SupportKind::Hostile, 1.0, "other side")
            };
            let day = x.period.from().max(y.period.from());
            if !seen.insert((y.ccode, x.ccode, day, kind)) {
                continue;
            }
            out.events.push(
                SupportEvent::between(y.id.clone(), x.id.clone(), day, kind)?
                    .with_intensity(Intensity::new(intensity)?)
                    .with_source(format!("MID {d}: {role}, hiact {}", y.hiact)),
            );
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    const H: &str = "dispnum,ccode,styear,stmon,stday,endyear,endmon,endday,sidea,hiact,orig";

    #[test]
    #[cfg(feature = "bundled-data")]
    fn joiners_support_by_hiact_and_enemies_are_hostile() {
        let input = format!(
            "{H}\n1,2,1950,6,25,1950,12,-9,1,17,1\n1,200,1950,7,-9,1950,9,30,1,7,0\n1,365,1950,6,25,1950,8,1,0,16,1\n1,999,1950,6,25,1950,8,1,0,16,1\n"
        );
        let r = MidImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()).unwrap();
        assert_eq!(r.report.rows_read, 4);
        assert_eq!(r.report.rows_used, 3);
        assert_eq!(r.report.skipped_total(), 1);
        let ids: Vec<&str> = r.crises.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(ids, ["MID:1:2", "MID:1:200", "MID:1:365"]);
        assert_eq!(r.crises[0].initiator(), Initiator::Target);
        assert_eq!(r.crises[1].initiator(), Initiator::Other);
        assert_eq!(
            r.crises[0].period().until().unwrap().to_string(),
            "1950-12-31"
        );
        // The UK (show of force) supports the US at half military intensity.
        let uk_us = r
            .events
            .iter()
            .find(|e| e.provider().as_str() == "UKG" && e.recipient().as_str() == "USA")
            .unwrap();
        assert_eq!(uk_us.kind(), SupportKind::Military);
        assert_eq!(uk_us.intensity().get(), 0.5);
        assert_eq!(uk_us.date().to_string(), "1950-07-01");
        assert!(r.events.iter().any(|e| e.provider().as_str() == "RUS"
            && e.recipient().as_str() == "UKG"
            && e.kind() == SupportKind::Hostile));
        assert_eq!(r.spells[2].side, 2);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn malformed_cells_name_line_and_field() {
        for (row, field) in [
            ("1,2,1950,6,25,1950,12,-9,2,17,1", "sidea"),
            ("1,2,1950,6,25,1950,12,-9,1,30,1", "hiact"),
            ("1,2,1950,13,25,1950,12,-9,1,17,1", "stmon"),
            ("1,2,x,6,25,1950,12,-9,1,17,1", "styear"),
        ] {
            let input = format!("{H}\n1,200,1950,6,25,1950,12,-9,0,0,1\n{row}\n");
            match MidImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()) {
                Err(Error::Malformed { location, .. }) => {
                    assert_eq!(location.line, Some(3), "{row}");
                    assert_eq!(location.field.as_deref(), Some(field), "{row}");
                }
                other => panic!("{row}: {other:?}"),
            }
        }
    }
}
