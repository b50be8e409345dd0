//! `alliance convert`: between the `alliance-timeline/1` JSON document and
//! the folder of five CSV tables (`alliance_reliability::format`), both
//! lossless.

use std::path::{Path, PathBuf};

use alliance_reliability::format::{write_json, write_json_file, write_tables};
use alliance_reliability::{Error, Timeline};
use clap::{Args, ValueEnum};

use crate::common::{flush, load_verbose, stdout};

/// `alliance convert`'s arguments.
#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The timeline to convert: a JSON document, a folder of CSV tables, or
    /// an ICEWS/GDELT event stream (alone, or added to --with).
    pub input: PathBuf,
    /// Where to write: a `.json` file, `-` (the JSON document on stdout), or
    /// a folder for the CSV tables (created if missing; its five files are
    /// replaced).
    pub output: PathBuf,
    /// The output format [default: json for `-` and names ending in
    /// `.json`, csv otherwise].
    #[arg(long, value_enum)]
    pub to: Option<TimelineFormat>,
    /// With an event stream: the timeline its events are added to.
    #[arg(long, value_name = "BASE")]
    pub with: Option<PathBuf>,
}

/// A timeline's file format.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum TimelineFormat {
    /// One alliance-timeline/1 JSON document.
    Json,
    /// A folder of five CSV tables: actors, memberships, commitments,
    /// crises, events.
    Csv,
}

/// Runs `alliance convert`.
pub fn run(args: &ConvertArgs) -> Result<(), Error> {
    let timeline = load_verbose(&args.input, args.with.as_deref())?;
    write_timeline(&timeline, &args.output, args.to)
}

/// Writes `timeline` to `output` in `format` (or the format its name says).
pub fn write_timeline(
    timeline: &Timeline,
    output: &Path,
    format: Option<TimelineFormat>,
) -> Result<(), Error> {
    let stdout_wanted = output.as_os_str() == "-";
    let format = format.unwrap_or_else(|| {
        let json = stdout_wanted
            || output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            TimelineFormat::Json
        } else {
            TimelineFormat::Csv
        }
    });
    match (format, stdout_wanted) {
        (TimelineFormat::Json, true) => {
            let mut out = stdout();
            write_json(timeline, &mut out)?;
            flush(out)?;
            eprintln!("wrote the JSON document to stdout");
        }
        (TimelineFormat::Json, false) => {
            write_json_file(timeline, output)?;
            eprintln!("wrote {}", output.display());
        }
        (TimelineFormat::Csv, true) => {
            return Err(Error::UnsupportedFormat {
                location: alliance_reliability::Location::file("-"),
                found: "CSV tables on stdout".into(),
                expected: "a folder for the five CSV tables, or --to json".into(),
            });
        }
        (TimelineFormat::Csv, false) => {
            write_tables(timeline, output)?;
            eprintln!(
                "wrote {} (actors.csv, memberships.csv, commitments.csv, crises.csv, events.csv)",
                output.display()
            );
        }
    }
    Ok(())
}
