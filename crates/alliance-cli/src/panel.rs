//! `alliance panel`: a guarantor-year, directed dyad-year or bloc-year
//! research panel keyed by COW codes (`alliance_reliability::panel`), of a
//! timeline or of the bundled historical ledger, as CSV or JSON lines.

use std::io::Write;
use std::path::{Path, PathBuf};

use alliance_reliability::history::{HistoricalData, Rule, Scope};
use alliance_reliability::import::StateSystem;
use alliance_reliability::panel::{Panel, PanelKind, PanelOptions};
use alliance_reliability::{Error, Ledger};
use chrono::{Datelike, NaiveDate};
use clap::{Args, ValueEnum};

use crate::common::{
    ConfigArgs, LARGE, LEVEL, flush, input_size, io_error, load_verbose, spinner, stdout,
};
use crate::history::SourceArg;

/// `alliance panel`'s arguments.
#[derive(Args, Debug)]
pub struct PanelArgs {
    /// The panel: one row per guarantor, directed dyad or bloc, and year.
    #[arg(value_enum)]
    pub kind: PanelArg,
    /// A timeline (JSON document or CSV folder) or an event stream; without
    /// it, the bundled historical ledger (--source x COW wars, treaty rule,
    /// no decay unless --half-life).
    pub input: Option<PathBuf>,
    /// With an event stream: the timeline its events are added to.
    #[arg(long, value_name = "BASE", requires = "input")]
    pub with: Option<PathBuf>,
    /// Without INPUT: the alliance data of the bundled ledger.
    #[arg(long, value_enum, default_value_t = SourceArg::Atop, conflicts_with = "input")]
    pub source: SourceArg,
    /// Score each year as of this month and day, through this year
    /// [default: 31 December of every year with a test].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// The COW state system (stateabb,ccode,year CSV, as COW's
    /// system2016.csv) giving the ccode columns (default: the bundled
    /// copy). Actors it lacks get an empty ccode, counted on stderr.
    #[arg(long, value_name = "FILE")]
    pub states: Option<PathBuf>,
    /// CSV with a header row, or JSON lines.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv)]
    pub format: PanelFormat,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// The panel kinds.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum PanelArg {
    /// One row per guarantor and year.
    Guarantor,
    /// One row per directed (guarantor, beneficiary) dyad and year.
    Dyad,
    /// One row per bloc and year.
    Bloc,
}

impl From<PanelArg> for PanelKind {
    fn from(k: PanelArg) -> PanelKind {
        match k {
            PanelArg::Guarantor => PanelKind::Guarantor,
            PanelArg::Dyad => PanelKind::Dyad,
            PanelArg::Bloc => PanelKind::Bloc,
        }
    }
}

/// `alliance panel --format`.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum PanelFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Json,
}

/// Runs `alliance panel`.
pub fn run(args: &PanelArgs) -> Result<(), Error> {
    let json = args.format == PanelFormat::Json;
    let mut out = stdout();
    match &args.input {
        Some(path) => {
            let large = input_size(path) >= LARGE;
            let config = args.config.config()?;
            let timeline = load_verbose(path, args.with.as_deref())?;
            let bar = spinner(large, "building the ledger");
            let ledger = Ledger::new(timeline, config)?;
            bar.finish_and_clear();
            eprintln!("resolved {} tests", ledger.test_count());
            write(
                &ledger,
                args.kind,
                args.as_of,
                args.states.as_deref(),
                json,
                large,
                &mut out,
            )?;
        }
        None => {
            let bar = spinner(true, "loading the bundled data and building the ledger");
            let data = HistoricalData::bundled()?;
            let rule = Rule::LEEDS_TREATY;
            let config = args.config.apply(rule.config())?;
            let ledger = data.ledger_in(args.source.source(), rule, &Scope::all(), config)?;
            bar.finish_and_clear();
            eprintln!(
                "{} x COW wars, {}: {} tests",
                args.source.source(),
                rule,
                ledger.test_count()
            );
            let own;
            let states = match &args.states {
                Some(p) => {
                    own = read_states(p)?;
                    &own
                }
                None => data.states(),
            };
            write_with(&ledger, args.kind, args.as_of, states, json, true, &mut out)?;
        }
    }
    flush(out)
}

/// Reads a COW state system, reporting the import on stderr.
pub fn read_states(p: &Path) -> Result<StateSystem, Error> {
    let file = std::fs::File::open(p).map_err(|e| io_error(p, e))?;
    let (states, report) = StateSystem::read(file, &p.display().to_string())?;
    eprint!("{report}");
    Ok(states)
}

/// Writes the `kind` panel of `ledger`, with the state system in `states`
/// (default: the bundled one).
pub fn write(
    ledger: &Ledger,
    kind: PanelArg,
    as_of: Option<NaiveDate>,
    states: Option<&Path>,
    json: bool,
    large: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let states = match states {
        Some(p) => read_states(p)?,
        None => StateSystem::bundled(),
    };
    write_with(ledger, kind, as_of, &states, json, large, out)
}

/// Writes the `kind` panel of `ledger` keyed by `states`.
fn write_with(
    ledger: &Ledger,
    kind: PanelArg,
    as_of: Option<NaiveDate>,
    states: &StateSystem,
    json: bool,
    large: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let kind = PanelKind::from(kind);
    let mut options = PanelOptions::new().level(LEVEL).only(kind);
    if let Some(d) = as_of {
        let first = ledger
            .outcomes(d)
            .iter()
            .map(|o| o.date().year())
            .min()
            .unwrap_or(d.year());
        options = options.on(d.month(), d.day()).years(first..=d.year());
    }
    let bar = spinner(large, "building the panel");
    let panel = Panel::new(ledger, states, &options)?;
    bar.finish_and_clear();
    eprintln!("{} {kind}-year rows", panel.len(kind));
    if !panel.without_ccode().is_empty() {
        eprintln!(
            "{} actors without a COW code (empty ccode): {}",
            panel.without_ccode().len(),
            panel.without_ccode().join(", ")
        );
    }
    if json {
        panel.write_json_lines(kind, out)
    } else {
        panel.write_csv(kind, out)
    }
}
