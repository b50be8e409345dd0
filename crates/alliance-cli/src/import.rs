//! `alliance import`: a timeline from a research file as published (ATOP,
//! COW alliances and wars, GML MIDs, UCDP/PRIO, ICB, ICEWS, GDELT), through
//! the library's importers (`alliance_reliability::import`), with the
//! import report on stderr.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use alliance_reliability::import::{
    AtopImport, CowAllianceImport, CowWarImport, ImportReport, MidImport, StateSystem, UcdpImport,
    read_icb_actors,
};
use alliance_reliability::{
    Actor, ActorId, ActorKind, Commitment, Crisis, Error, Parties, SupportEvent, Timeline,
};
use clap::{Args, ValueEnum};

use crate::common::{LARGE, Stream, input_size, io_error, read_stream, spinner, with_events};
use crate::convert::{TimelineFormat, write_timeline};
use crate::panel::read_states;

/// `alliance import`'s arguments.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The research dataset the file comes from.
    #[arg(value_enum)]
    pub source: Source,
    /// The file as published (for example data/atop-5.1/atop5_1m.csv).
    pub file: PathBuf,
    /// Where to write the timeline: a `.json` file, a folder for the CSV
    /// tables, or `-` for the JSON document on stdout.
    #[arg(default_value = "-")]
    pub output: PathBuf,
    /// The output format [default: json for `-` and names ending in
    /// `.json`, csv otherwise].
    #[arg(long, value_enum)]
    pub to: Option<TimelineFormat>,
    /// The COW state system (stateabb,ccode,year CSV, as COW's
    /// system2016.csv) that maps country codes to ids (default: the
    /// bundled copy). ICEWS and GDELT name countries with the bundled
    /// country vocabulary instead.
    #[arg(long, value_name = "FILE")]
    pub states: Option<PathBuf>,
}

/// The research datasets `alliance import` reads.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Source {
    /// ATOP 5.1 member-level file (atop5_1m.csv): commitments by obligation.
    Atop,
    /// COW formal alliances v4.1, directed dyad-years: commitments.
    CowAlliance,
    /// COW inter-state wars v4.0: crises (participation spells) and events.
    CowWar,
    /// GML militarized interstate disputes, participant level: crises and events.
    Mid,
    /// UCDP/PRIO armed conflicts: crises and events.
    Ucdp,
    /// ICB v13 actor level (icb2v13.csv): crises and great-power support.
    Icb,
    /// ICEWS coded events (.tab): support events between states.
    Icews,
    /// GDELT 1.0 (no header) or 2.0 (header starting GLOBALEVENTID) events.
    Gdelt,
}

/// Runs `alliance import`.
pub fn run(args: &ImportArgs) -> Result<(), Error> {
    let states = match &args.states {
        Some(p) => read_states(p)?,
        None => StateSystem::bundled(),
    };
    let path = args.file.as_path();
    let name = path.display().to_string();
    let open = || std::fs::File::open(path).map_err(|e| io_error(path, e));
    let bar = spinner(input_size(path) >= LARGE, "importing");
    let mut reports: Vec<ImportReport> = Vec::new();
    let mut parts = Parts::default();
    match args.source {
        Source::Atop => {
            let i = AtopImport::read(open()?, &name, &states)?;
            reports.push(i.report);
            parts.actors = i.actors;
            parts.commitments = i.commitments;
        }
        Source::CowAlliance => {
            let i = CowAllianceImport::read(open()?, &name, &states)?;
            reports.push(i.report);
            parts.actors = i.actors;
            parts.commitments = i.commitments;
        }
        Source::CowWar => {
            let i = CowWarImport::read(open()?, &name, &states)?;
            reports.push(i.report);
            (parts.actors, parts.crises, parts.events) = (i.actors, i.crises, i.events);
        }
        Source::Mid => {
            let i = MidImport::read(open()?, &name, &states)?;
            reports.push(i.report);
            (parts.actors, parts.crises, parts.events) = (i.actors, i.crises, i.events);
        }
        Source::Ucdp => {
            let i = UcdpImport::read(open()?, &name, &states)?;
            reports.push(i.report);
            (parts.actors, parts.crises, parts.events) = (i.actors, i.crises, i.events);
        }
        Source::Icb => {
            let i = read_icb_actors(open()?, &name, &states)?;
            reports.extend([i.crisis_report, i.involvement_report]);
            (parts.crises, parts.events) = (i.crises, i.events);
            if !i.abandonments.is_empty() {
                eprintln!(
                    "{} perceived abandonments (inactivity viewed unfavourably) are not part of a timeline",
                    i.abandonments.len()
                );
            }
        }
        Source::Icews | Source::Gdelt => {
            bar.finish_and_clear();
            let stream = match (args.source, crate::common::detect(path)) {
                (Source::Icews, _) => Stream::Icews,
                (_, crate::common::Input::EventStream(Stream::Gdelt2)) => Stream::Gdelt2,
                _ => Stream::Gdelt1,
            };
            let (events, report) = read_stream(path, stream)?;
            eprint!("{report}");
            let timeline = with_events(Timeline::default(), events)?;
            return finish(&timeline, args);
        }
    }
    bar.finish_and_clear();
    for r in &reports {
        eprint!("{r}");
    }
    let timeline = parts.into_timeline(&states)?;
    finish(&timeline, args)
}

/// Says what the timeline holds and writes it.
fn finish(timeline: &Timeline, args: &ImportArgs) -> Result<(), Error> {
    eprintln!(
        "timeline: {} actors, {} commitments, {} crises, {} events",
        timeline.actors().len(),
        timeline.commitments().len(),
        timeline.crises().len(),
        timeline.event_count()
    );
    write_timeline(timeline, &args.output, args.to)
}

/// What an importer produced.
#[derive(Default)]
struct Parts {
    actors: Vec<Actor>,
    commitments: Vec<Commitment>,
    crises: Vec<Crisis>,
    events: Vec<SupportEvent>,
}

impl Parts {
    /// The timeline of the parts, with every actor they name: the
    /// importer's own, else the state system's (named as it names them),
    /// else a state by its id.
    fn into_timeline(self, states: &StateSystem) -> Result<Timeline, Error> {
        let mut named: BTreeSet<&ActorId> = BTreeSet::new();
        for c in &self.commitments {
            match c.parties() {
                Parties::Directed {
                    guarantor,
                    beneficiary,
                } => named.extend([guarantor, beneficiary]),
                Parties::Mutual(a, b) => named.extend([a, b]),
                Parties::Bloc(b) => {
                    named.insert(b);
                }
            }
        }
        for c in &self.crises {
            named.insert(c.target());
            named.extend(c.adversaries());
        }
        for e in &self.events {
            named.extend([e.provider(), e.recipient()]);
            named.extend(e.against_actor());
        }
        let mut actors: BTreeMap<ActorId, Actor> = BTreeMap::new();
        for a in &self.actors {
            actors.entry(a.id().clone()).or_insert_with(|| a.clone());
        }
        let missing: Vec<&ActorId> = named
            .into_iter()
            .filter(|id| !actors.contains_key(*id))
            .collect();
        if !missing.is_empty() {
            let known: BTreeMap<ActorId, Actor> = states
                .actors()
                .into_iter()
                .map(|a| (a.id().clone(), a))
                .collect();
            for id in missing {
                let actor = match known.get(id) {
                    Some(a) => a.clone(),
                    None => Actor::new(id.as_str(), id.as_str(), ActorKind::State)?,
                };
                actors.insert(id.clone(), actor);
            }
        }
        // The importer's order first, then the added actors by id.
        let mut ordered: Vec<Actor> = Vec::with_capacity(actors.len());
        let mut seen: BTreeSet<ActorId> = BTreeSet::new();
        for a in &self.actors {
            if seen.insert(a.id().clone()) {
                ordered.push(a.clone());
            }
        }
        for (id, a) in actors {
            if !seen.contains(&id) {
                ordered.push(a);
            }
        }
        Timeline::builder()
            .actors(ordered)
            .commitments(self.commitments)
            .crises(self.crises)
            .events(self.events)
            .build()
    }
}
