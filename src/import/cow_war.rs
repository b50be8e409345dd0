//! COW inter-state wars v4.0 → [`Crisis`]es and [`SupportEvent`]s. See the importer type for the mapping.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;

use chrono::NaiveDate;

use crate::import::atop::overlap;
use crate::import::field::{Cells, DateFields, Edge, date, next_record};
use crate::import::{ImportReport, SkipReason, StateSystem, header_index, read_headers};
use crate::{
    Actor, ActorId, ActorKind, Crisis, CrisisId, CrisisKind, Error, Initiator, Location, Period,
    Regions, SupportEvent, SupportKind,
};

/// The bundled COW inter-state war v4.0 file, bare CR line endings and all
/// (`data/cow-war-4.0/Inter-StateWarData_v4.0.csv`).
#[cfg(feature = "bundled-data")]
pub const COW_WAR_4_0: &str = include_str!("../../data/cow-war-4.0/Inter-StateWarData_v4.0.csv");

/// COW inter-state wars v4.0 → [`Crisis`]es and [`SupportEvent`]s.
///
/// The Correlates of War inter-state war data (Sarkees & Wayman 2010) have
/// one row per participant of each war: `WarNum`, `ccode`, `Side` (1 or 2),
/// up to two spells of participation (`StartYear1`... and `StartYear2`...,
/// the second `-8` when the state fought once), `Initiator` and `Outcome`.
/// The distributed file has **bare CR line endings**, which the `csv` crate
/// reads as record terminators (its default terminator accepts `\r`, `\n`
/// and `\r\n`); line numbers in errors are counted by record, since the
/// crate counts only `\n`.
///
/// # Mapping
///
/// | COW column | model | notes |
/// |---|---|---|
/// | one participation spell | a [`Crisis`] for the participant, kind [`CrisisKind::ExternalAttack`] | id `COW:war:{WarNum}:{ccode}`; `:s{Side}` is added when the state fought on both sides of the war (Romania, Bulgaria, Italy, France in World War II; Germany in war 108); `:2` is added for the second spell (`StartYear2` not `-8`), which is a crisis of its own with its own period |
/// | `StartYear1`, `StartMonth1`, `StartDay1` | crisis start | missing (`-8`/`-9`/blank) day → the 1st, missing month → January; missing year → the row is skipped ([`SkipReason::MissingValue`]) |
/// | `EndYear1`, `EndMonth1`, `EndDay1` | crisis end | missing day → last day of the month, missing month → December; `-7` year ("ongoing") → open end; other missing year → skipped. End before start → skipped ([`SkipReason::Inconsistent`]) |
/// | `*2` columns | second crisis | same rules; a second spell that is unusable is counted as a skip of part of the row (see *Counting*) while the first spell is kept |
/// | `ccode` | crisis target | COW code → actor id through [`StateSystem`]; unknown → [`SkipReason::UnknownActor`] |
/// | `Side` | adversaries | the states on the other side whose participation overlaps this spell (all states on the other side if none overlaps); a state is never its own adversary |
/// | `Initiator` | [`Initiator`] | 1 → [`Initiator::Target`] (this state started the war, so non-provocation clauses do not apply); 2 or missing → [`Initiator::Other`] |
/// | `WarName` | crisis label | `"{WarName} (COW war {n}), side {s}"` |
/// | `StateName` | [`CowWarImport::names`] | the name of each state in its last row of the file; apply with [`CowWarImport::apply_names`] |
/// | `WhereFought` | [`Crisis::regions`] | where this state fought ([`Regions::from_where_fought`]: 1 Western Hemisphere, 2 Europe, 4 Africa, 6 Middle East, 7 Asia, 9 Oceania, 11–19 their combinations); `-8`/`-9`/blank or an absent column → unknown (empty); any other code → [`Error::Malformed`] |
/// | `BatDeath` | — | not used: every spell gets severity 1.0, since each is a war by COW's definition (at least 1,000 battle deaths) and a state's own battle deaths (100 to millions) measure its effort as much as its danger |
///
/// `WarType`, `TransFrom`, `TransTo`, `Outcome` and `Version` are not
/// used. [`CowWarImport::spells`] keeps, beside each crisis, the war number,
/// side and entry date the history module's treaty reading needs
/// ([`history::Reading`](crate::history::Reading)).
///
/// # Events
///
/// For every two spells of **different** states in the same war whose
/// periods overlap, the war itself is evidence of how each treated the other:
///
/// - same side: a [`SupportKind::Military`] event from each co-belligerent
///   toward the other (full intensity and confidence);
/// - opposite sides: a [`SupportKind::Hostile`] event from each toward the other.
///
/// The event is dated at the later of the two spells' start dates: the day
/// both were in the war. Spells that never overlap (France left World War
/// II in 1940; the United States entered in 1941) produce no event between
/// them. Identical events (same provider, recipient, date and kind, as
/// arise from second spells) are kept once. The event's source names the war.
///
/// # Counting
///
/// A row is used if it produced at least one crisis. Whole rows are skipped
/// for a missing `WarNum`, `ccode`, `Side` or first start/end year, an
/// unknown country code, a first spell that ends before it starts, or a
/// second row for the same war, state and side ([`SkipReason::Duplicate`]).
/// An unusable second spell of an otherwise good row is also counted in
/// `skipped`, so `rows_read <= rows_used + skipped_total()`, with equality
/// when every skip is of a whole row (as in the bundled file, which has no
/// skips at all).
///
/// Text where a number belongs, a `Side` other than 1/2, an `Initiator`
/// other than 1/2/-8/-9, month 13, year 99999 or a ragged row is an
/// [`Error::Malformed`] naming file, line, field and value.
#[derive(Clone, Debug, Default)]
pub struct CowWarImport {
    /// The participating states, by COW code, named from `StateName`.
    pub actors: Vec<Actor>,
    /// One crisis per participation spell, by war and file order.
    pub crises: Vec<Crisis>,
    /// Military support among co-belligerents, hostility between enemies.
    pub events: Vec<SupportEvent>,
    /// `StateName` by COW code (the name in the state's last row).
    pub names: BTreeMap<u16, String>,
    /// One participation spell per crisis, in the same order as
    /// [`crises`](Self::crises): the war, side and dates behind it.
    pub spells: Vec<WarSpell>,
    /// Rows read, used and skipped.
    pub report: ImportReport,
}

/// One state's participation spell in a COW war, as read: the crisis it
/// became and the facts behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct WarSpell {
    /// The crisis made of this spell.
    pub crisis: CrisisId,
    /// `WarNum`.
    pub war: u32,
    /// `ccode`.
    pub ccode: u16,
    /// `Side`: 1 or 2.
    pub side: u8,
    /// Entry and exit dates of the spell.
    pub period: Period,
    /// `Initiator`: whether COW codes this state as the war's initiator.
    pub initiator: Initiator,
    /// Whether this is the state's second spell (`StartYear2`...).
    pub second: bool,
    /// `WhereFought`.
    pub regions: Regions,
}

#[derive(Clone, Debug)]
struct Spell {
    ccode: u16,
    id: ActorId,
    side: u8,
    period: Period,
    initiator: Initiator,
    second: bool,
    regions: Regions,
}

struct Columns {
    war: usize,
    war_name: Option<usize>,
    ccode: usize,
    state_name: Option<usize>,
    side: usize,
    initiator: usize,
    where_fought: Option<usize>,
    spells: [[usize; 6]; 2],
}

const SPELL_FIELDS: [[&str; 6]; 2] = [
    [
        "StartYear1",
        "StartMonth1",
        "StartDay1",
        "EndYear1",
        "EndMonth1",
        "EndDay1",
    ],
    [
        "StartYear2",
        "StartMonth2",
        "StartDay2",
        "EndYear2",
        "EndMonth2",
        "EndDay2",
    ],
];

/// The outcome of reading one spell.
enum SpellRead {
    Absent,
    Skip(SkipReason, String),
    Period(Period),
}

impl CowWarImport {
    /// Reads a COW inter-state war v4.0 CSV file; `source` names the input
    /// in errors and the report.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::import::{CowWarImport, StateSystem};
    /// use alliance_reliability::{Initiator, SupportKind};
    ///
    /// let mut states = StateSystem::bundled();
    /// let war = CowWarImport::bundled(&states)?;
    /// war.apply_names(&mut states);
    /// // The Franco-Spanish War of 1823: France (220) started it against Spain (230).
    /// let fra = war.crises.iter().find(|c| c.id().as_str() == "COW:war:1:220").unwrap();
    /// assert_eq!(fra.initiator(), Initiator::Target);
    /// assert_eq!(fra.adversaries()[0].as_str(), "SPN");
    /// assert!(war.events.iter().any(|e| e.provider().as_str() == "FRN"
    ///     && e.recipient().as_str() == "SPN" && e.kind() == SupportKind::Hostile));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
    /// [`Error::Malformed`] (file, line, field, value) for a ragged record,
    /// a non-integer, an out-of-domain code or an impossible date;
    /// [`Error::Io`] if reading fails.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<CowWarImport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().from_reader(reader);
        let headers = read_headers(&mut rdr, &loc)?;
        let col = |name| header_index(&headers, name, &loc);
        let mut spells_i = [[0usize; 6]; 2];
        for (slots, names) in spells_i.iter_mut().zip(SPELL_FIELDS) {
            for (slot, name) in slots.iter_mut().zip(names) {
                *slot = col(name)?;
            }
        }
        let cols = Columns {
            war: col("WarNum")?,
            war_name: col("WarName").ok(),
            ccode: col("ccode")?,
            state_name: col("StateName").ok(),
            side: col("Side")?,
            initiator: col("Initiator")?,
            where_fought: col("WhereFought").ok(),
            spells: spells_i,
        };

        let mut out = CowWarImport {
            report: ImportReport::new(source),
            ..CowWarImport::default()
        };
        let mut wars: BTreeMap<u32, (String, Vec<Spell>)> = BTreeMap::new();
        let mut seen: HashSet<(u32, u16, u8)> = HashSet::new();
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
            let row = (|| -> Result<Result<_, (SkipReason, String)>, Error> {
                let war = match c.int(cols.war, "WarNum")? {
                    None | Some(-8) | Some(-9) => return Ok(Err(missing("WarNum", cols.war))),
                    Some(n) => u32::try_from(n)
                        .map_err(|_| c.malformed("WarNum", c.text(cols.war), "not a war number"))?,
                };
                let Some(ccode) = c.ccode(cols.ccode, "ccode")? else {
                    return Ok(Err(missing("ccode", cols.ccode)));
                };
                let Some(id) = states.id(ccode) else {
                    return Ok(Err((
                        SkipReason::UnknownActor { field: "ccode" },
                        c.text(cols.ccode).to_string(),
                    )));
                };
                let side = match c.int(cols.side, "Side")? {
                    None | Some(-8) | Some(-9) => return Ok(Err(missing("Side", cols.side))),
                    Some(1) => 1u8,
                    Some(2) => 2u8,
                    Some(_) => {
                        return Err(c.malformed("Side", c.text(cols.side), "side must be 1 or 2"));
                    }
                };
                let initiator = match c.int(cols.initiator, "Initiator")? {
                    Some(1) => Initiator::Target,
                    None | Some(2) | Some(-8) | Some(-9) => Initiator::Other,
                    Some(_) => {
                        return Err(c.malformed(
                            "Initiator",
                            c.text(cols.initiator),
                            "initiator must be 1 or 2",
                        ));
                    }
                };
                let regions = match cols.where_fought {
                    None => Regions::NONE,
                    Some(i) => match c.int(i, "WhereFought")? {
                        None | Some(-8) | Some(-9) => Regions::NONE,
                        Some(code) => Regions::from_where_fought(code).map_err(|_| {
                            c.malformed(
                                "WhereFought",
                                c.text(i),
                                "not a COW WhereFought code (1, 2, 4, 6, 7, 9, 11-19)",
                            )
                        })?,
                    },
                };
                Ok(Ok((war, ccode, id.clone(), side, initiator, regions)))
            })()?;
            let (war, ccode, id, side, initiator, regions) = match row {
                Ok(r) => r,
                Err((reason, value)) => {
                    out.report.skip(line, reason, &value);
                    continue;
                }
            };
            let first = match read_spell(&c, &cols.spells[0], SPELL_FIELDS[0])? {
                SpellRead::Period(p) => p,
                SpellRead::Skip(reason, value) => {
                    out.report.skip(line, reason, &value);
                    continue;
                }
                SpellRead::Absent => {
                    let i = cols.spells[0][0];
                    out.report.skip(
                        line,
                        SkipReason::MissingValue {
                            field: "StartYear1",
                        },
                        c.text(i),
                    );
                    continue;
                }
            };
            if !seen.insert((war, ccode, side)) {
                out.report.skip(
                    line,
                    SkipReason::Duplicate,
                    &format!("{war},{ccode},{side}"),
                );
                continue;
            }
            let second = match read_spell(&c, &cols.spells[1], SPELL_FIELDS[1])? {
                SpellRead::Period(p) => Some(p),
                SpellRead::Absent => None,
                SpellRead::Skip(reason, value) => {
                    out.report.skip(line, reason, &value);
                    None
                }
            };
            let entry = wars.entry(war).or_insert_with(|| {
                let name = cols.war_name.map(|i| c.text(i)).unwrap_or_default();
                (name.to_string(), Vec::new())
            });
            for (period, second) in std::iter::once((first, false)).chain(second.map(|p| (p, true)))
            {
                entry.1.push(Spell {
                    ccode,
                    id: id.clone(),
                    side,
                    period,
                    initiator,
                    second,
                    regions,
                });
            }
            if let Some(i) = cols.state_name {
                let name = c.text(i);
                if !name.is_empty() {
                    out.names.insert(ccode, name.to_string());
                }
            }
            out.report.rows_used += 1;
        }

        let mut parties = BTreeSet::new();
        for (war, (name, spells)) in &wars {
            build_war(*war, name, spells, &mut out)?;
            parties.extend(spells.iter().map(|s| s.ccode));
        }
        out.report.records = (out.crises.len() + out.events.len()) as u64;
        out.actors = states
            .actors()
            .into_iter()
            .filter_map(|a| {
                let code = states.code(a.id().as_str())?;
                if !parties.contains(&code) {
                    return None;
                }
                match out.names.get(&code) {
                    Some(n) => Actor::new(a.id().as_str(), n.clone(), ActorKind::State).ok(),
                    None => Some(a),
                }
            })
            .collect();
        Ok(out)
    }

    /// Reads the bundled COW inter-state war v4.0 file ([`COW_WAR_4_0`]).
    ///
    /// # Errors
    ///
    /// As [`CowWarImport::read`]; the bundled file is tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled(states: &StateSystem) -> Result<CowWarImport, Error> {
        CowWarImport::read(
            COW_WAR_4_0.as_bytes(),
            "Inter-StateWarData_v4.0.csv",
            states,
        )
    }

    /// Sets the state names read from `StateName` on a state system, so that
    /// [`StateSystem::actors`] carries them.
    pub fn apply_names(&self, states: &mut StateSystem) {
        for (&code, name) in &self.names {
            states.set_name(code, name.clone());
        }
    }
}

/// Reads one participation spell (start and end year, month, day).
fn read_spell(c: &Cells<'_>, i: &[usize; 6], f: [&'static str; 6]) -> Result<SpellRead, Error> {
    // -8 "not applicable", -9 "unknown": a missing month or day.
    let part = |k: usize| -> Result<Option<i64>, Error> {
        Ok(c.int(i[k], f[k])?.filter(|&v| v != -8 && v != -9))
    };
    let start_year = match c.int(i[0], f[0])? {
        Some(-8) => return Ok(SpellRead::Absent),
        None | Some(-9) => {
            return Ok(SpellRead::Skip(
                SkipReason::MissingValue { field: f[0] },
                c.text(i[0]).to_string(),
            ));
        }
        Some(y) => y,
    };
    let start = date(
        c,
        DateFields {
            year: f[0],
            month: f[1],
            day: f[2],
        },
        start_year,
        part(1)?,
        part(2)?,
        Edge::Start,
    )?;
    let end = match c.int(i[3], f[3])? {
        Some(-7) => None,
        None | Some(-8) | Some(-9) => {
            return Ok(SpellRead::Skip(
                SkipReason::MissingValue { field: f[3] },
                c.text(i[3]).to_string(),
            ));
        }
        Some(y) => Some(date(
            c,
            DateFields {
                year: f[3],
                month: f[4],
                day: f[5],
            },
            y,
            part(4)?,
            part(5)?,
            Edge::End,
        )?),
    };
    Ok(match Period::new(start, end) {
        Ok(p) => SpellRead::Period(p),
        Err(_) => SpellRead::Skip(
            SkipReason::Inconsistent {
                what: "war participation ends before it starts",
            },
            format!(
                "{start} > {}",
                end.map(|e| e.to_string()).unwrap_or_default()
            ),
        ),
    })
}

/// Turns the spells of one war into crises and events.
fn build_war(war: u32, name: &str, spells: &[Spell], out: &mut CowWarImport) -> Result<(), Error> {
    let both_sides: BTreeSet<u16> = spells
        .iter()
        .filter(|s| {
            spells
                .iter()
                .any(|t| t.ccode == s.ccode && t.side != s.side)
        })
        .map(|s| s.ccode)
        .collect();
    let war_label = if name.is_empty() {
        format!("COW war {war}")
    } else {
        format!("{name} (COW war {war})")
    };
    for s in spells {
        let mut id = format!("COW:war:{war}:{}", s.ccode);
        if both_sides.contains(&s.ccode) {
            id.push_str(&format!(":s{}", s.side));
        }
        if s.second {
            id.push_str(":2");
        }
        let enemies = spells
            .iter()
            .filter(|t| t.side != s.side && t.ccode != s.ccode);
        let mut adversaries: Vec<ActorId> = enemies
            .clone()
            .filter(|t| overlap(s.period, t.period).is_some())
            .map(|t| t.id.clone())
            .collect();
        if adversaries.is_empty() {
            adversaries = enemies.map(|t| t.id.clone()).collect();
        }
        let mut label = format!("{war_label}, side {}", s.side);
        if s.second {
            label.push_str(", second entry");
        }
        let crisis = Crisis::new(&id, s.id.as_str(), s.period, CrisisKind::ExternalAttack)?
            .with_adversaries(adversaries)
            .with_initiator(s.initiator)
            .with_regions(s.regions)
            .with_label(label);
        out.spells.push(WarSpell {
            crisis: crisis.id().clone(),
            war,
            ccode: s.ccode,
            side: s.side,
            period: s.period,
            initiator: s.initiator,
            second: s.second,
            regions: s.regions,
        });
        out.crises.push(crisis);
    }
    let mut seen: HashSet<(u16, u16, NaiveDate, SupportKind)> = HashSet::new();
    for x in spells {
        for y in spells {
            if x.ccode == y.ccode || overlap(x.period, y.period).is_none() {
                continue;
            }
            let (kind, role) = if x.side == y.side {
                (SupportKind::Military, "co-belligerent")
            } else {
                (SupportKind::Hostile, "enemy")
            };
            let day = x.period.from().max(y.period.from());
            if !seen.insert((y.ccode, x.ccode, day, kind)) {
                continue;
            }
            out.events.push(
                SupportEvent::new(y.id.as_str(), x.id.as_str(), day, kind)?
                    .with_source(format!("{war_label}: {role}")),
            );
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    const H: &str = "WarNum,WarName,WarType,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,EndMonth1,EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,TransFrom,WhereFought,Initiator,Outcome,TransTo,BatDeath,Version";

    #[test]
    #[cfg(feature = "bundled-data")]
    fn side_switcher_second_entry_and_missing_days() {
        let rows = [
            "139,WW2,1,360,Romania,2,6,22,1941,8,23,1944,-8,-8,-8,-8,-8,-8,-8,2,2,2,-8,1,4",
            "139,WW2,1,360,Romania,1,9,9,1944,5,7,1945,-8,-8,-8,-8,-8,-8,-8,2,2,1,-8,1,4",
            "139,WW2,1,255,Germany,2,9,-9,1939,5,-9,1945,-8,-8,-8,-8,-8,-8,-8,2,1,2,-8,1,4",
            "139,WW2,1,365,USSR,1,6,22,1941,5,7,1945,8,8,1945,8,14,1945,-8,2,2,1,-8,1,4",
            "139,WW2,1,740,Japan,2,12,7,1941,8,14,1945,-8,-8,-8,-8,-8,-8,-8,2,1,2,-8,1,4",
        ];
        let input = format!("{H}\r{}\r", rows.join("\r"));
        let r = CowWarImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()).unwrap();
        let ids: Vec<&str> = r.crises.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(
            ids,
            [
                "COW:war:139:360:s2",
                "COW:war:139:360:s1",
                "COW:war:139:255",
                "COW:war:139:365",
                "COW:war:139:365:2",
                "COW:war:139:740"
            ]
        );
        let ger = &r.crises[2];
        assert_eq!(ger.start().to_string(), "1939-09-01");
        assert_eq!(ger.period().until().unwrap().to_string(), "1945-05-31");
        assert_eq!(ger.initiator(), Initiator::Target);
        // Romania (side 2) fought the USSR; Romania is never its own adversary.
        let rom2: Vec<&str> = r.crises[0]
            .adversaries()
            .iter()
            .map(|a| a.as_str())
            .collect();
        assert_eq!(rom2, ["RUS"]);
        // The USSR's second entry (against Japan, August 1945) is its own crisis.
        let second: Vec<&str> = r.crises[4]
            .adversaries()
            .iter()
            .map(|a| a.as_str())
            .collect();
        assert_eq!(second, ["JPN"]);
        // Line numbers count CR-terminated records.
        assert_eq!(r.report.rows_read, 5);
        let jpn_rus: Vec<_> = r
            .events
            .iter()
            .filter(|e| e.provider().as_str() == "JPN" && e.recipient().as_str() == "RUS")
            .map(|e| (e.date().to_string(), e.kind()))
            .collect();
        assert_eq!(
            jpn_rus,
            [
                ("1941-12-07".to_string(), SupportKind::Hostile),
                ("1945-08-08".to_string(), SupportKind::Hostile)
            ]
        );
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bare_cr_error_lines() {
        let input = format!(
            "{H}\r1,A,1,230,Spain,2,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,2,2,2,-8,600,4\r1,A,1,220,France,3,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,2,1,1,-8,400,4\r"
        );
        match CowWarImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()) {
            Err(Error::Malformed {
                location, value, ..
            }) => {
                assert_eq!(location.line, Some(3));
                assert_eq!(location.field.as_deref(), Some("Side"));
                assert_eq!(value, "3");
            }
            other => panic!("{other:?}"),
        }
    }
}
