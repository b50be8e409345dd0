//! `alliance`: measures whether allies keep their promises, from files,
//! without writing Rust.
//!
//! Every subcommand is argument handling and output formatting over the
//! `alliance-reliability` library, which holds all the logic: one module
//! per subcommand (`score`, `panel`, `explain`, `convert`, `import`,
//! `history`, `backtest`, `report`), and `common` for what they share.
//!
//! Exit codes: 0 on success, 2 for bad arguments or bad input (the error,
//! naming file, line, field and value, goes to stderr).
#![deny(missing_docs)]

use std::path::PathBuf;
use std::process::ExitCode;

use alliance_reliability::{Error, Location};
use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::Shell;

mod backtest;
mod common;
mod convert;
mod explain;
mod history;
mod import;
mod panel;
mod report;
mod score;

/// Measures whether allies keep their promises: reliability, abandonment
/// risk, reciprocity and bloc reputation from alliance commitments, crises
/// and support events.
///
/// Input is an alliance-timeline/1 JSON document, a folder of five CSV
/// tables (actors, memberships, commitments, crises, events), or an ICEWS
/// or GDELT event stream; `alliance import` makes a timeline from ATOP,
/// COW, MID, UCDP, ICB, ICEWS or GDELT files as published. Progress for
/// long work goes to stderr, and only when it is a terminal.
#[derive(Parser, Debug)]
#[command(
    name = "alliance",
    version,
    after_long_help = concat!(
        "Examples:\n",
        "  alliance score data/examples/sample.timeline.json --actor RUS\n",
        "  alliance explain RUS data/examples/sample.timeline.json --crisis ARM-2022-09\n",
        "  alliance import atop data/atop-5.1/atop5_1m.csv atop.json\n",
        "  alliance completions bash > alliance.bash\n\n",
        "Exit codes: 0 on success, 2 for bad arguments or bad input (the error, naming file, line, ",
        "field and value, goes to stderr)."
    )
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Ranks every guarantor by reliability, and explains one actor.
    ///
    /// Scores a timeline as of --as-of (default: the latest date in the
    /// data) and prints a reliability ranking; with --actor, also that
    /// actor's reliability with its explanation, for each beneficiary it was
    /// tested with the abandonment risk and the tests themselves, and its
    /// support given and received with each partner. --format csv writes
    /// the ranking (with --actor: the actor's clients) as CSV, --format
    /// json everything as one JSON document. --panel writes a research
    /// panel instead.
    ///
    /// Exit codes: 0 on success, 2 for bad arguments or bad input (the
    /// error, naming file, line, field and value, goes to stderr).
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance score data/examples/sample.timeline.json --actor RUS\n",
        "  alliance score data/examples/sample.timeline.json --format csv --lens expectation\n",
        "  alliance score my-tables/ --as-of 2025-06-30 --half-life none --prior 2,2\n",
        "  alliance score data/icews/events.2018.sample.tab --with data/examples/sample.timeline.json\n",
        "  alliance score data/examples/sample.timeline.json --actor RUS --plot plots --html rus.html"
    ))]
    Score(score::ScoreArgs),
    /// Writes a research panel keyed by COW codes, for R, Stata or pandas.
    ///
    /// One row per guarantor, directed dyad or bloc, and year, each scored
    /// as of 31 December (or the month and day of --as-of); the columns are
    /// documented in the library's `panel` module. An actor the state
    /// system has no code for gets an empty ccode, listed on stderr.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance panel dyad data/examples/sample.timeline.json > dyad_year.csv\n",
        "  alliance panel guarantor --source cow --format json > guarantor_year.jsonl\n",
        "  alliance panel bloc data/examples/sample.timeline.json --as-of 2025-06-30"
    ))]
    Panel(panel::PanelArgs),
    /// Takes a score apart: prior, every test's weight and share, posterior.
    ///
    /// Prints the actor's reliability explanation (and, for a bloc, its
    /// bloc reputation); with --client, the abandonment risk toward that
    /// client; with --crisis, the actor's tests in that one crisis.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance explain RUS data/examples/sample.timeline.json\n",
        "  alliance explain RUS data/examples/sample.timeline.json --crisis ARM-2022-09\n",
        "  alliance explain RUS data/examples/sample.timeline.json --client ARM --lens expectation"
    ))]
    Explain(explain::ExplainArgs),
    /// Converts a timeline between the JSON document and the CSV tables.
    ///
    /// Both formats are lossless (the library's `format` module); an event
    /// stream can be converted too, alone or added to --with.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance convert data/examples/sample.timeline.json sample-tables/\n",
        "  alliance convert sample-tables/ sample.json\n",
        "  alliance convert sample-tables/ - | head"
    ))]
    Convert(convert::ConvertArgs),
    /// Makes a timeline from a research file as published.
    ///
    /// Reads ATOP 5.1, COW alliances v4.1, COW wars v4.0, GML MIDs,
    /// UCDP/PRIO, ICB v13, ICEWS or GDELT through the library's importers
    /// and writes the timeline (JSON or CSV tables); the import report
    /// (rows read, used, and skipped by reason) goes to stderr.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance import atop data/atop-5.1/atop5_1m.csv atop.json\n",
        "  alliance import cow-war data/cow-war-4.0/Inter-StateWarData_v4.0.csv wars/\n",
        "  alliance import icews data/icews/events.2018.sample.tab - > icews.json"
    ))]
    Import(import::ImportArgs),
    /// The historical validation on the bundled ATOP, COW, MID, UCDP data.
    ///
    /// Our figures beside the published ones (Sabrosky 1980; Leeds, Long &
    /// Mitchell 2000; Berkemeier & Fuhrmann 2018), then one ledger's
    /// shares honoured by era and obligation and the great powers ranked
    /// with intervals. Takes a while: build with --release.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance history\n",
        "  alliance history --no-figures --conflicts mids --rule leeds"
    ))]
    History(history::HistoryArgs),
    /// The out-of-time backtest: does past reliability predict the next test?
    ///
    /// Replays a ledger in time order, predicts each test from what was
    /// known when its crisis began, and scores the predictions (Brier, log
    /// loss, calibration) against the base rates.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance backtest\n",
        "  alliance backtest --conflicts mids --recalibrate platt\n",
        "  alliance backtest data/examples/sample.timeline.json --replicates 0"
    ))]
    Backtest(backtest::BacktestArgs),
    /// Writes one actor's HTML page and SVG plots.
    ///
    /// The page holds the scores under both lenses, the plots inline and
    /// every test behind them, with no script and no network; the plots
    /// are the reliability over time and the clients' abandonment risk.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance report RUS data/examples/sample.timeline.json --html rus.html\n",
        "  alliance report RUS data/examples/sample.timeline.json --plot plots --lens expectation"
    ))]
    Report(report::ReportArgs),
    /// Prints a shell completion script.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance completions bash > ~/.local/share/bash-completion/completions/alliance\n",
        "  alliance completions zsh > ~/.zfunc/_alliance\n",
        "  alliance completions fish > ~/.config/fish/completions/alliance.fish"
    ))]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Prints the man page (roff), or writes one page per subcommand.
    #[command(after_long_help = concat!(
        "Examples:\n",
        "  alliance man | man -l -\n",
        "  alliance man --dir ~/.local/share/man/man1"
    ))]
    Man {
        /// Write alliance.1 and alliance-SUBCOMMAND.1 into this folder
        /// instead of alliance.1 to stdout.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Score(args) => score::run(&args),
        Command::Panel(args) => panel::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Import(args) => import::run(&args),
        Command::History(args) => history::run(&args),
        Command::Backtest(args) => backtest::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Completions { shell } => {
            let mut out = common::stdout();
            clap_complete::generate(shell, &mut Cli::command(), "alliance", &mut out);
            common::flush(out)
        }
        Command::Man { dir } => {
            let cmd = Cli::command();
            match dir {
                Some(dir) => {
                    common::create_dir(&dir)?;
                    clap_mangen::generate_to(cmd, &dir).map_err(|e| common::io_error(&dir, e))?;
                    eprintln!("wrote the man pages into {}", dir.display());
                    Ok(())
                }
                None => {
                    let mut out = common::stdout();
                    clap_mangen::Man::new(cmd)
                        .render(&mut out)
                        .map_err(common::stdout_error)?;
                    common::flush(out)
                }
            }
        }
    }
}

fn main() -> ExitCode {
    // clap prints --help and --version (exit 0) and argument errors with
    // the usage (exit 2) itself.
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`alliance score ... | head`) is not an error.
        Err(Error::Io { location, kind, .. })
            if kind == std::io::ErrorKind::BrokenPipe && location == Location::file("<stdout>") =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap's own consistency checks over every subcommand and option.
    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
