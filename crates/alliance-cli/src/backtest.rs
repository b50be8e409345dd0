//! `alliance backtest`: the out-of-time backtest (`backtest::Backtest`) of a
//! timeline or of a bundled historical ledger: does past reliability
//! predict the next test better than the base rates?

use std::io::Write;
use std::path::PathBuf;

use alliance_reliability::backtest::{Backtest, Bootstrap, Recalibration, Target};
use alliance_reliability::history::HistoricalData;
use alliance_reliability::{Error, Ledger};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::common::{ConfigArgs, flush, load_verbose, spinner, stdout, stdout_error};
use crate::history::{ConflictArg, RuleArg, SourceArg};

/// `alliance backtest`'s arguments.
#[derive(Args, Debug)]
pub struct BacktestArgs {
    /// A timeline (JSON document, CSV folder or event stream with --with);
    /// without it, the bundled historical ledger of --source x --conflicts
    /// under --rule.
    pub input: Option<PathBuf>,
    /// With an event stream: the timeline its events are added to.
    #[arg(long, value_name = "BASE", requires = "input")]
    pub with: Option<PathBuf>,
    /// Without INPUT: the alliance data.
    #[arg(long, value_enum, default_value_t = SourceArg::Atop, conflicts_with = "input")]
    pub source: SourceArg,
    /// Without INPUT: the conflicts that test the alliances.
    #[arg(long, value_enum, default_value_t = ConflictArg::Wars, conflicts_with = "input")]
    pub conflicts: ConflictArg,
    /// Without INPUT: the coding rule.
    #[arg(long, value_enum, default_value_t = RuleArg::Treaty, conflicts_with = "input")]
    pub rule: RuleArg,
    /// Only tests resolved by this day count [default: every test].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// What is predicted: the fulfilment in [0, 1], or 1 if honoured and 0
    /// otherwise.
    #[arg(long, value_enum, default_value_t = TargetArg::Fulfilment)]
    pub target: TargetArg,
    /// Recalibrate the forecast (Platt, fitted every year on earlier tests
    /// only), pooled or per obligation kind.
    #[arg(long, value_enum, default_value_t = RecalibrateArg::Off)]
    pub recalibrate: RecalibrateArg,
    /// Crisis-bootstrap replicates for the intervals (0: none).
    #[arg(long, value_name = "N", default_value_t = Bootstrap::default().replicates)]
    pub replicates: u32,
    /// With INPUT: the configuration the ledger is built with.
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// `--target`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TargetArg {
    /// The test's fulfilment in [0, 1].
    Fulfilment,
    /// 1 if honoured, 0 otherwise.
    Honoured,
}

/// `--recalibrate`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RecalibrateArg {
    /// The forecast as it is.
    Off,
    /// One Platt map over every kind.
    Platt,
    /// One Platt map per obligation kind.
    PlattByKind,
}

/// Runs `alliance backtest`.
pub fn run(args: &BacktestArgs) -> Result<(), Error> {
    let ledger: Ledger = match &args.input {
        Some(path) => {
            let timeline = load_verbose(path, args.with.as_deref())?;
            Ledger::new(timeline, args.config.config()?)?
        }
        None => {
            let bar = spinner(true, "loading the bundled data and building the ledger");
            let data = HistoricalData::bundled()?;
            let ledger = data.ledger_of(
                args.source.source(),
                args.conflicts.source(),
                args.rule.rule(),
            )?;
            bar.finish_and_clear();
            eprintln!(
                "{} x {}, {}",
                args.source.source(),
                args.conflicts.source(),
                args.rule.rule()
            );
            ledger
        }
    };
    eprintln!("resolved {} tests", ledger.test_count());
    let mut backtest = Backtest::new(&ledger)
        .target(match args.target {
            TargetArg::Fulfilment => Target::Fulfilment,
            TargetArg::Honoured => Target::Honoured,
        })
        .recalibration(match args.recalibrate {
            RecalibrateArg::Off => Recalibration::Off,
            RecalibrateArg::Platt => Recalibration::PLATT,
            RecalibrateArg::PlattByKind => Recalibration::PLATT_BY_KIND,
        })
        .bootstrap(Bootstrap {
            replicates: args.replicates,
            ..Bootstrap::default()
        });
    if let Some(d) = args.as_of {
        backtest = backtest.as_of(d);
    }
    let bar = spinner(true, "replaying the ledger");
    let report = backtest.run();
    bar.finish_and_clear();
    let mut out = stdout();
    write!(out, "{report}").map_err(stdout_error)?;
    flush(out)
}
