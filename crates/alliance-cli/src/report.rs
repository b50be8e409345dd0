//! `alliance report`: one actor's SVG plots (`report::plot`) and its
//! self-contained HTML page (`report::html`).

use std::path::{Path, PathBuf};

use alliance_reliability::report::{html::ActorPage, plot};
use alliance_reliability::{ActorKey, Assessment, Error, Ledger, Lens};
use chrono::NaiveDate;
use clap::Args;

use crate::common::{ConfigArgs, as_of_or_latest, create_dir, id_of, load_verbose};

/// `alliance report`'s arguments.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("output").required(true).multiple(true).args(["html", "plot"])))]
pub struct ReportArgs {
    /// The actor (by id) the page and the plots are about.
    pub actor: String,
    /// A timeline: an alliance-timeline/1 JSON document, a folder of CSV
    /// tables, or an ICEWS/GDELT event stream (with --with).
    pub input: PathBuf,
    /// With an event stream: the timeline its events are added to.
    #[arg(long, value_name = "BASE")]
    pub with: Option<PathBuf>,
    /// Report as of this day (default: the latest date in the data).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Write a self-contained HTML page (scores under both lenses, the
    /// plots inline, every test behind them): no script, no network.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Write SVG plots into DIR (created if missing): the reliability over
    /// time under --lens, with the 90% band and a marker per resolved test,
    /// and the clients' abandonment risk with intervals.
    #[arg(long, value_name = "DIR")]
    pub plot: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `alliance report`.
pub fn run(args: &ReportArgs) -> Result<(), Error> {
    let config = args.config.config()?;
    let lens = config.get_lens();
    let timeline = load_verbose(&args.input, args.with.as_deref())?;
    let as_of = as_of_or_latest(args.as_of, &timeline, &args.input)?;
    let key = timeline.key_of(args.actor.as_str())?;
    let ledger = Ledger::new(timeline, config)?;
    if let Some(dir) = &args.plot {
        let assessment = ledger.assess_under(as_of, lens);
        write_plots(&assessment, key, as_of, lens, dir)?;
    }
    if let Some(file) = &args.html {
        write_page(&ledger, key, as_of, file)?;
    }
    Ok(())
}

/// The actor's reliability series and its clients' risks, as SVG files in
/// `dir`.
pub fn write_plots(
    a: &Assessment<'_>,
    key: ActorKey,
    as_of: NaiveDate,
    lens: Lens,
    dir: &Path,
) -> Result<(), Error> {
    create_dir(dir)?;
    let ledger = a.ledger();
    let name = id_of(ledger.timeline(), key).to_lowercase();
    // Ids may hold `/` and `:`: keep file names portable.
    let name: String = name
        .chars()
        .map(|c| if c == '/' || c == ':' { '_' } else { c })
        .collect();
    let from = plot::default_from(ledger, key, as_of);
    let path = dir.join(format!("reliability-{name}-{lens}.svg"));
    plot::write_svg(
        &path,
        &plot::reliability_svg(ledger, key, from, as_of, lens)?,
    )?;
    eprintln!("wrote {}", path.display());
    let clients = plot::clients_of(a, key);
    if clients.is_empty() {
        eprintln!("no abandonment plot: {name} has no tested client");
    } else {
        let path = dir.join(format!("abandonment-{name}.svg"));
        plot::write_svg(&path, &plot::abandonment_svg(a, key, &clients)?)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The actor's HTML page.
pub fn write_page(
    ledger: &Ledger,
    key: ActorKey,
    as_of: NaiveDate,
    file: &Path,
) -> Result<(), Error> {
    ActorPage::new(ledger, key, as_of).write(file)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}
