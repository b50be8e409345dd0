//! Writes the guarantor-year, directed dyad-year and bloc-year panels of
//! the bundled historical ledger (ATOP 5.1 or COW alliances v4.1 × COW
//! inter-state wars v4.0, under the treaty rule), keyed by COW codes, for R,
//! Stata or pandas.
//!
//! ```text
//! cargo run --release --example panel -- [--out DIR] [--source atop|cow]
//!     [--half-life YEARS] [--format csv|jsonl]
//! ```
//!
//! Writes `DIR/guarantor_year.csv`, `DIR/dyad_year.csv` and
//! `DIR/bloc_year.csv` (default `DIR`: `panel`), and on stderr the row
//! counts, the actors without a COW code and the seconds each phase took.
//! The columns are documented in `alliance_reliability::panel`. In R:
//! `read.csv("panel/guarantor_year.csv")`; in pandas:
//! `pd.read_csv("panel/dyad_year.csv")`, keyed by `ccode1`, `ccode2`, `year`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use alliance_reliability::history::{AllianceSource, HistoricalData, Rule, Scope};
use alliance_reliability::panel::{Panel, PanelKind, PanelOptions};
use alliance_reliability::{Error, HalfLife, Location};
use clap::{Parser, ValueEnum};

/// Writes research panels of the bundled ATOP/COW × COW wars ledger.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Folder to write the panels into (created if missing).
    #[arg(long, default_value = "panel")]
    out: PathBuf,
    /// The alliance data: ATOP 5.1 or COW alliances v4.1.
    #[arg(long, value_enum, default_value_t = Source::Atop)]
    source: Source,
    /// Half-life of the evidence in years (default: no decay, as the
    /// historical rule counts).
    #[arg(long, value_name = "YEARS")]
    half_life: Option<f64>,
    /// Output format: CSV with a header, or JSON lines.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Source {
    Atop,
    Cow,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
enum Format {
    Csv,
    Jsonl,
}

fn io(path: &std::path::Path, e: std::io::Error) -> Error {
    Error::Io {
        location: Location::file(path.display().to_string()),
        kind: e.kind(),
        message: e.to_string(),
    }
}

fn run(args: &Args) -> Result<(), Error> {
    let t0 = Instant::now();
    let data = HistoricalData::bundled()?;
    let source = match args.source {
        Source::Atop => AllianceSource::Atop,
        Source::Cow => AllianceSource::Cow,
    };
    let rule = Rule::LEEDS_TREATY;
    let mut config = rule.config();
    if let Some(years) = args.half_life {
        config = config.half_life(HalfLife::from_years(years)?);
    }
    let ledger = data.ledger_in(source, rule, &Scope::all(), config)?;
    let t1 = Instant::now();
    let panel = Panel::new(&ledger, data.states(), &PanelOptions::new())?;
    let t2 = Instant::now();
    std::fs::create_dir_all(&args.out).map_err(|e| io(&args.out, e))?;
    for kind in PanelKind::ALL {
        let ext = if args.format == Format::Csv {
            "csv"
        } else {
            "jsonl"
        };
        let path = args.out.join(format!("{kind}_year.{ext}"));
        let file = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
        let w = std::io::BufWriter::new(file);
        match args.format {
            Format::Csv => panel.write_csv(kind, w)?,
            Format::Jsonl => panel.write_json_lines(kind, w)?,
        }
        eprintln!("wrote {} ({} rows)", path.display(), panel.len(kind));
    }
    let t3 = Instant::now();
    eprintln!(
        "{} x COW wars, {} tests; actors without a COW code: {}",
        source.as_str(),
        ledger.test_count(),
        if panel.without_ccode().is_empty() {
            "none".to_string()
        } else {
            panel.without_ccode().join(", ")
        }
    );
    eprintln!(
        "seconds: load and build the ledger {:.3}, panel {:.3}, write {:.3}",
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        (t3 - t2).as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
