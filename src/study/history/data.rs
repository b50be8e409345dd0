//! The bundled research data, parsed once, and the ledgers built from it.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::reading;
use super::*;
use crate::import::{
    AtopImport, CowAllianceImport, CowWarImport, ImportReport, MidImport, StateSystem, UcdpImport,
    WarSpell,
};
use crate::{Actor, ActorId, Config, Error, Ledger, Timeline};

/// The bundled research data, parsed once: the COW state system, ATOP 5.1,
/// COW alliances v4.1, COW inter-state wars v4.0, the GML MID participants
/// and the UCDP/PRIO armed conflicts.
///
/// Build as many ledgers from it as you need with [`HistoricalData::ledger`].
#[derive(Clone, Debug)]
pub struct HistoricalData {
    states: StateSystem,
    states_report: ImportReport,
    atop: AtopImport,
    cow: CowAllianceImport,
    war: CowWarImport,
    mid: MidImport,
    ucdp: UcdpImport,
}

impl HistoricalData {
    /// Parses the bundled files (a second or so in a debug build).
    ///
    /// # Errors
    ///
    /// Any importer error; the bundled files are tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> Result<HistoricalData, Error> {
        let (mut states, states_report) =
            StateSystem::read(crate::import::SYSTEM_2016.as_bytes(), "system2016.csv")?;
        let atop = AtopImport::bundled(&states)?;
        let cow = CowAllianceImport::bundled(&states)?;
        let war = CowWarImport::bundled(&states)?;
        let mid = MidImport::bundled(&states)?;
        let ucdp = UcdpImport::bundled(&states)?;
        war.apply_names(&mut states);
        Ok(HistoricalData {
            states,
            states_report,
            atop,
            cow,
            war,
            mid,
            ucdp,
        })
    }

    /// The COW state system, with the war data's state names applied.
    pub fn states(&self) -> &StateSystem {
        &self.states
    }

    /// The ATOP import.
    pub fn atop(&self) -> &AtopImport {
        &self.atop
    }

    /// The COW alliance import.
    pub fn cow(&self) -> &CowAllianceImport {
        &self.cow
    }

    /// The COW war import.
    pub fn war(&self) -> &CowWarImport {
        &self.war
    }

    /// The MID import.
    pub fn mid(&self) -> &MidImport {
        &self.mid
    }

    /// The UCDP/PRIO import.
    pub fn ucdp(&self) -> &UcdpImport {
        &self.ucdp
    }

    /// The same data with another UCDP/PRIO import in place of the bundled
    /// one: a newer release read with [`UcdpImport::read`] (either layout),
    /// against [`HistoricalData::states`]. Every ledger built afterwards
    /// uses it.
    ///
    /// ```
    /// use alliance_reliability::history::HistoricalData;
    /// use alliance_reliability::import::UcdpImport;
    ///
    /// let data = HistoricalData::bundled()?;
    /// let file = std::fs::read("tests/data/ucdp/ucdp-prio-acd-251-fixture.csv")?;
    /// let ucdp = UcdpImport::read(&file[..], "ucdp-prio-acd-251.csv", data.states())?;
    /// let data = data.with_ucdp(ucdp);
    /// assert_eq!(data.ucdp().versions, ["25.1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ucdp(mut self, ucdp: UcdpImport) -> HistoricalData {
        self.ucdp = ucdp;
        self
    }

    /// The import reports behind a ledger from `source`: the state system,
    /// the alliance data, the war data.
    pub fn reports(&self, source: AllianceSource) -> Vec<ImportReport> {
        let alliances = match source {
            AllianceSource::Atop => &self.atop.report,
            AllianceSource::Cow => &self.cow.report,
        };
        vec![
            self.states_report.clone(),
            alliances.clone(),
            self.war.report.clone(),
        ]
    }

    /// The timeline of every commitment of `source` and every COW war spell
    /// and event, with the commitments adapted to `rule` ([`Rule::commitment`]).
    /// Actors are the states of either, named from the war data where it
    /// names them.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] if the imports do not fit together (they
    /// are tested to).
    pub fn timeline(&self, source: AllianceSource, rule: Rule) -> Result<Timeline, Error> {
        self.timeline_in(source, rule, &Scope::all())
    }

    /// Like [`timeline`](Self::timeline), keeping only the commitments of
    /// the obligation kinds in `scope` and the crises that start in its years.
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn timeline_in(
        &self,
        source: AllianceSource,
        rule: Rule,
        scope: &Scope,
    ) -> Result<Timeline, Error> {
        self.timeline_of(source, ConflictSource::CowWars, rule, scope)
    }

    /// Like [`timeline_in`](Self::timeline_in), with the crises and events
    /// of `conflicts` instead of the COW wars.
    ///
    /// Under [`Rule::Treaty`] the crises, commitments and events are read
    /// as its [`Reading`] says: each crisis's initiator and kind from the
    /// [`Stance`] of its participation spell ([`stances`]), defence
    /// pledges without the other members of their pact
    /// ([`AtopImport::pact_members`]), non-aggression pledges limited to
    /// their guarantor as enemy, and the guarantor's self-defence dropped.
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn timeline_of(
        &self,
        source: AllianceSource,
        conflicts: ConflictSource,
        rule: Rule,
        scope: &Scope,
    ) -> Result<Timeline, Error> {
        let (actors, commitments) = match source {
            AllianceSource::Atop => (&self.atop.actors, &self.atop.commitments),
            AllianceSource::Cow => (&self.cow.actors, &self.cow.commitments),
        };
        let (c_actors, c_crises, c_events, c_spells) = self.conflicts(conflicts);
        let mut all: BTreeMap<ActorId, Actor> = BTreeMap::new();
        for a in c_actors.iter().chain(actors) {
            all.entry(a.id().clone()).or_insert_with(|| a.clone());
        }
        let reading = rule.reading();
        let treaty = matches!(rule, Rule::Treaty(_));
        let (read_crises, read_events) = if treaty {
            reading::read_conflicts(&reading, c_crises, c_spells, c_events)
        } else {
            (c_crises.to_vec(), c_events.to_vec())
        };
        let crises: Vec<crate::Crisis> = read_crises
            .into_iter()
            .filter(|c| scope.covers_year(c.start().year()))
            .collect();
        let adapt = |c: &crate::Commitment| {
            let c = rule.commitment(c.clone());
            if treaty {
                let pact = match source {
                    AllianceSource::Atop => self.atop.pact_members(c.id()),
                    AllianceSource::Cow => &[],
                };
                reading::commitment(&reading, c, pact)
            } else {
                c
            }
        };
        Timeline::builder()
            .actors(all.into_values())
            .commitments(
                commitments
                    .iter()
                    .filter(|c| scope.covers(c.obligation()))
                    .map(adapt),
            )
            .crises(crises)
            .events(read_events)
            .build()
    }

    /// The actors, crises, events and participation spells of a conflict source.
    fn conflicts(
        &self,
        conflicts: ConflictSource,
    ) -> (
        &[Actor],
        &[crate::Crisis],
        &[crate::SupportEvent],
        &[WarSpell],
    ) {
        match conflicts {
            ConflictSource::CowWars => (
                &self.war.actors,
                &self.war.crises,
                &self.war.events,
                &self.war.spells,
            ),
            ConflictSource::Mids => (
                &self.mid.actors,
                &self.mid.crises,
                &self.mid.events,
                &self.mid.spells,
            ),
            ConflictSource::Ucdp => (
                &self.ucdp.actors,
                &self.ucdp.crises,
                &self.ucdp.events,
                &self.ucdp.spells,
            ),
        }
    }

    /// The ledger of `source` × `conflicts` under `rule`, with
    /// [`Rule::config`]: all years, all obligation kinds.
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn ledger_of(
        &self,
        source: AllianceSource,
        conflicts: ConflictSource,
        rule: Rule,
    ) -> Result<Ledger, Error> {
        Ledger::new(
            self.timeline_of(source, conflicts, rule, &Scope::all())?,
            rule.config(),
        )
    }

    /// The ledger of [`timeline`](Self::timeline) under [`Rule::config`].
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn ledger(&self, source: AllianceSource, rule: Rule) -> Result<Ledger, Error> {
        Ledger::new(self.timeline(source, rule)?, rule.config())
    }

    /// The ledger of [`timeline_in`](Self::timeline_in) under `config`
    /// (for example [`Rule::config`] with a half-life, for a backtest).
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn ledger_in(
        &self,
        source: AllianceSource,
        rule: Rule,
        scope: &Scope,
        config: Config,
    ) -> Result<Ledger, Error> {
        Ledger::new(self.timeline_in(source, rule, scope)?, config)
    }
}

/// Parses the bundled data and builds the ledger of `source` under `rule`,
/// with the import reports (state system, alliances, wars).
///
/// # Errors
///
/// As [`HistoricalData::bundled`] and [`HistoricalData::ledger`].
#[cfg(feature = "bundled-data")]
pub fn load(source: AllianceSource, rule: Rule) -> Result<(Ledger, Vec<ImportReport>), Error> {
    let data = HistoricalData::bundled()?;
    let ledger = data.ledger(source, rule)?;
    Ok((ledger, data.reports(source)))
}
