//! `alliance history`: the historical validation on the bundled ATOP, COW,
//! MID and UCDP data (`alliance_reliability::history`): our figures beside
//! the published ones, a ledger's shares by era and obligation, and the
//! great powers ranked with intervals.

use std::collections::HashMap;
use std::io::Write;

use alliance_reliability::history::{
    AS_OF, AllianceSource, Breakdown, ConflictSource, Figure, HistoricalData, Rule, Scope, Tally,
};
use alliance_reliability::{Error, Ledger, Obligation};
use clap::{Args, ValueEnum};

use crate::common::{LEVEL, flush, spinner, stdout, stdout_error};
use crate::score::outln;

/// `alliance history`'s arguments.
#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// The alliance data of the ledger broken down.
    #[arg(long, value_enum, default_value_t = SourceArg::Atop)]
    pub source: SourceArg,
    /// The conflicts that test the alliances.
    #[arg(long, value_enum, default_value_t = ConflictArg::Wars)]
    pub conflicts: ConflictArg,
    /// The coding rule.
    #[arg(long, value_enum, default_value_t = RuleArg::Treaty)]
    pub rule: RuleArg,
    /// Leave out the figures beside the published ones (they build one
    /// ledger per figure's data and rule; the breakdown needs one).
    #[arg(long)]
    pub no_figures: bool,
}

/// The bundled alliance data.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SourceArg {
    /// ATOP 5.1, member level, with obligations and conditions.
    Atop,
    /// COW formal alliances v4.1, directed dyad-years.
    Cow,
}

impl SourceArg {
    /// The library's source.
    pub fn source(self) -> AllianceSource {
        match self {
            SourceArg::Atop => AllianceSource::Atop,
            SourceArg::Cow => AllianceSource::Cow,
        }
    }
}

/// The bundled conflict data.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ConflictArg {
    /// COW inter-state wars v4.0 (1816-2003).
    Wars,
    /// Gibler-Miller-Little militarized interstate disputes (1816-2010).
    Mids,
    /// UCDP/PRIO interstate and internationalized armed conflicts (1946-).
    Ucdp,
}

impl ConflictArg {
    /// The library's conflict source.
    pub fn source(self) -> ConflictSource {
        match self {
            ConflictArg::Wars => ConflictSource::CowWars,
            ConflictArg::Mids => ConflictSource::Mids,
            ConflictArg::Ucdp => ConflictSource::Ucdp,
        }
    }
}

/// The coding rules (`history::Rule`).
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum RuleArg {
    /// Leeds's rule as the treaties read against the data (every reading on).
    Treaty,
    /// The previous Leeds, Long & Mitchell (2000) reading.
    Leeds,
    /// Sabrosky (1980): every war tests every pledge; only fighting honours.
    Sabrosky,
}

impl RuleArg {
    /// The library's rule.
    pub fn rule(self) -> Rule {
        match self {
            RuleArg::Treaty => Rule::LEEDS_TREATY,
            RuleArg::Leeds => Rule::Leeds,
            RuleArg::Sabrosky => Rule::Sabrosky,
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

/// Runs `alliance history`.
pub fn run(args: &HistoryArgs) -> Result<(), Error> {
    let bar = spinner(true, "loading the bundled data");
    let data = HistoricalData::bundled()?;
    bar.finish_and_clear();
    let mut out = stdout();
    outln!(out, "Historical validation, assessed as of {AS_OF}");
    outln!(out, "Data:");
    for report in data.reports(args.source.source()) {
        write!(out, "  {report}").map_err(stdout_error)?;
    }
    match args.conflicts {
        ConflictArg::Wars => {}
        ConflictArg::Mids => write!(out, "  {}", data.mid().report).map_err(stdout_error)?,
        ConflictArg::Ucdp => write!(out, "  {}", data.ucdp().report).map_err(stdout_error)?,
    }
    outln!(out);
    if !args.no_figures {
        figures(&data, &mut out)?;
    }
    let (source, conflicts, rule) = (
        args.source.source(),
        args.conflicts.source(),
        args.rule.rule(),
    );
    let bar = spinner(true, "building the ledger");
    let ledger = data.ledger_of(source, conflicts, rule)?;
    bar.finish_and_clear();
    let as_of = conflicts.as_of();
    let b = Breakdown::new(&ledger, as_of);
    outln!(
        out,
        "{source} x {conflicts}, {rule}, as of {as_of}: {} tests",
        ledger.test_count()
    );
    outln!(
        out,
        "{:<28} {:>6} {:>8} {:>9} {:>9} {:>8}",
        "scope",
        "n",
        "honoured",
        "abandoned",
        "betrayed",
        "share"
    );
    let judged = Scope::judged();
    let mut row = |label: &str, t: Tally| -> Result<(), Error> {
        outln!(
            out,
            "{label:<28} {:>6} {:>8} {:>9} {:>9} {:>8}",
            t.resolved(),
            t.honoured(),
            t.abandoned(),
            t.betrayed(),
            pct(t.share())
        );
        Ok(())
    };
    row("judged (all years)", b.tally(&judged))?;
    for (era, t) in b.by_era(&judged) {
        row(&format!("judged, {}", era.as_str()), t)?;
    }
    for (kind, t) in b.by_obligation(&Scope::all()) {
        row(&kind.to_string(), t)?;
    }
    outln!(out);
    outln!(
        out,
        "Great powers ({}% credible intervals; judged obligations)",
        LEVEL * 100.0
    );
    outln!(
        out,
        "{:<4} {:<6} {:<26} {:>6} {:>16} {:>6} {:>7}",
        "rank",
        "state",
        "name",
        "mean",
        "90% interval",
        "tests",
        "share"
    );
    for (i, s) in b.great_powers(&judged, LEVEL)?.iter().enumerate() {
        outln!(
            out,
            "{:<4} {:<6} {:<26} {:>6.3} {:>16} {:>6} {:>7}",
            i + 1,
            s.state.as_str(),
            s.name,
            s.reliability.mean(),
            format!("[{:.3}, {:.3}]", s.interval.lower, s.interval.upper),
            s.reliability.tests(),
            pct(s.reliability.plain_share())
        );
    }
    flush(out)
}

/// Our figures next to the published ones.
fn figures(data: &HistoricalData, out: &mut impl Write) -> Result<(), Error> {
    let bar = spinner(true, "building the ledgers of the published figures");
    // One ledger per (data, rule). The Sabrosky figures need defence
    // pledges only (plain shares do not depend on the other commitments).
    let mut ledgers: HashMap<(AllianceSource, Rule), Ledger> = HashMap::new();
    for figure in Figure::ALL {
        let key = (figure.source(), figure.rule());
        if ledgers.contains_key(&key) {
            continue;
        }
        let ledger = match figure.rule() {
            Rule::Sabrosky => data.ledger_in(
                figure.source(),
                Rule::Sabrosky,
                &Scope::all().obligations([Obligation::Defence]),
                Rule::Sabrosky.config(),
            )?,
            rule => data.ledger(figure.source(), rule)?,
        };
        ledgers.insert(key, ledger);
    }
    bar.finish_and_clear();
    outln!(
        out,
        "Our figures next to the published ones (share of resolved tests honoured)"
    );
    outln!(
        out,
        "{:<46} {:<19} {:>6} {:>7} {:>9} {:>7}  source",
        "figure",
        "data",
        "n",
        "ours",
        "published",
        "target"
    );
    for figure in Figure::ALL {
        let ledger = &ledgers[&(figure.source(), figure.rule())];
        let t = Breakdown::new(ledger, AS_OF).tally(&figure.scope());
        let band = figure
            .tolerance()
            .map_or_else(|| "-".to_string(), |t| format!("+/-{:.0}", 100.0 * t));
        outln!(
            out,
            "{:<46} {:<19} {:>6} {:>7} {:>9} {:>7}  {}",
            figure.label(),
            figure.source().as_str(),
            t.resolved(),
            pct(t.share()),
            pct(Some(figure.published())),
            band,
            figure.citation()
        );
    }
    outln!(out);
    Ok(())
}
