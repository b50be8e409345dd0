//! `alliance score`: a reliability ranking of a timeline, and one actor's
//! record (explanation, clients' abandonment risk, tests, support flows).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use alliance_reliability::{
    ActorKey, ActorKind, Assessment, Error, Ledger, Location, Outcome, Reciprocity, Reliability,
};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use crate::common::{
    ConfigArgs, LARGE, LEVEL, as_of_or_latest, csv_out, describe, flush, fmt_interval, fmt_share,
    id_of, input_size, interval_or_nan, load_verbose, name_of, spinner, stdout, stdout_error,
};
use crate::panel::{self, PanelArg};
use crate::report;

/// Scores whether allies kept their promises, from a timeline file, a folder
/// of CSV tables or a coded event stream.
#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// An alliance-timeline/1 JSON document, a folder of the five CSV tables
    /// (actors, memberships, commitments, crises, events), or an ICEWS
    /// (.tab) or GDELT 1.0/2.0 (.tsv, .csv, .txt) event stream.
    pub input: PathBuf,
    /// With an event stream: the timeline (JSON document or CSV folder)
    /// whose commitments and crises the stream's events are added to.
    #[arg(long, value_name = "BASE")]
    pub with: Option<PathBuf>,
    /// Score as of this day (default: the latest date in the data). With
    /// --panel: score each year as of this month and day, through this year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Also explain this actor (by id): reliability, explanation, clients'
    /// abandonment risk, tests and support flows.
    #[arg(long, value_name = "ID", conflicts_with = "panel")]
    pub actor: Option<String>,
    /// Output format: a text table, CSV (the ranking; with --actor, the
    /// actor's clients; with --panel, the panel), or JSON (one document;
    /// with --panel, JSON lines) [default: table; csv with --panel].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write a research panel (one row per key and year, keyed by COW
    /// codes) instead of the ranking: guarantor-year, directed dyad-year or
    /// bloc-year (as `alliance panel KIND INPUT`).
    #[arg(long, value_enum, value_name = "KIND")]
    pub panel: Option<PanelArg>,
    /// With --panel: the COW state system (stateabb,ccode,year CSV, as
    /// COW's system2016.csv) giving the ccode columns (default: the bundled
    /// copy). Actors it lacks get an empty ccode, counted on stderr.
    #[arg(long, value_name = "FILE", requires = "panel")]
    pub states: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// With --actor: write the actor's SVG plots into DIR (its reliability
    /// over time under --lens, with the 90% band and a marker per resolved
    /// test; its clients' abandonment risk with intervals).
    #[arg(long, value_name = "DIR", requires = "actor")]
    pub plot: Option<PathBuf>,
    /// With --actor: write a self-contained HTML page for the actor (scores
    /// under both lenses, the plots, every test behind them).
    #[arg(long, value_name = "FILE", requires = "actor")]
    pub html: Option<PathBuf>,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum Format {
    /// Aligned text for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON (a document; JSON lines for a panel).
    Json,
}

/// Runs `alliance score`.
pub fn run(args: &ScoreArgs) -> Result<(), Error> {
    if args.panel.is_some() && args.format == Some(Format::Table) {
        return Err(Error::UnsupportedFormat {
            location: Location::file("--format"),
            found: "table with --panel".into(),
            expected: "--format csv (the default for a panel) or json (JSON lines)".into(),
        });
    }
    let config = args.config.config()?;
    let path = args.input.as_path();
    let large = input_size(path) >= LARGE;
    let timeline = load_verbose(path, args.with.as_deref())?;
    let as_of = as_of_or_latest(args.as_of, &timeline, path)?;
    let bar = spinner(large, "building the ledger");
    let lens = config.get_lens();
    let ledger = Ledger::new(timeline, config)?;
    bar.finish_and_clear();
    eprintln!("resolved {} tests", ledger.test_count());
    let mut out = stdout();
    if let Some(kind) = args.panel {
        let json = args.format == Some(Format::Json);
        panel::write(
            &ledger,
            kind,
            args.as_of,
            args.states.as_deref(),
            json,
            large,
            &mut out,
        )?;
        return flush(out);
    }
    let bar = spinner(large, "scoring");
    let assessment = ledger.assess_under(as_of, lens);
    bar.finish_and_clear();
    if let Some(id) = &args.actor {
        let key = ledger.timeline().key_of(id.as_str())?;
        if let Some(dir) = &args.plot {
            report::write_plots(&assessment, key, as_of, lens, dir)?;
        }
        if let Some(file) = &args.html {
            report::write_page(&ledger, key, as_of, file)?;
        }
    }
    match args.format.unwrap_or(Format::Table) {
        Format::Table => {
            write_ranking(&assessment, &mut out)?;
            if let Some(id) = &args.actor {
                write_actor(&assessment, id, &mut out)?;
            }
        }
        Format::Csv => match &args.actor {
            Some(id) => write_clients_csv(&assessment, id, &mut out)?,
            None => write_ranking_csv(&assessment, &mut out)?,
        },
        Format::Json => {
            let doc = json_document(&assessment, args.actor.as_deref())?;
            serde_json::to_writer_pretty(&mut out, &doc).map_err(stdout_error)?;
            writeln!(out).map_err(stdout_error)?;
        }
    }
    flush(out)
}

/// Writes a line to `out`, reporting failure as an error on stdout.
macro_rules! outln {
    ($out:expr) => { writeln!($out).map_err(stdout_error)? };
    ($out:expr, $($arg:tt)*) => { writeln!($out, $($arg)*).map_err(stdout_error)? };
}
pub(crate) use outln;

/// The ranking as a text table.
pub fn write_ranking(a: &Assessment<'_>, out: &mut impl Write) -> Result<(), Error> {
    let t = a.ledger().timeline();
    outln!(out, "Reliability ranking as of {}", a.as_of());
    outln!(
        out,
        "{:>4}  {:<12} {:>6}  {:<16} {:>10}  {:>11}  {:>5}  {:>7}",
        "rank",
        "actor",
        "mean",
        "90% interval",
        "eff. tests",
        "plain share",
        "tests",
        "pending"
    );
    let ranking = a.ranking();
    for (i, (k, r)) in ranking.iter().enumerate() {
        outln!(
            out,
            "{:>4}  {:<12} {:>6.3}  {:<16} {:>10.2}  {:>11}  {:>5}  {:>7}",
            i + 1,
            id_of(t, *k),
            r.mean(),
            fmt_interval(&r.interval(LEVEL)),
            r.effective_tests(),
            fmt_share(r.plain_share()),
            r.tests(),
            r.pending()
        );
    }
    if ranking.is_empty() {
        outln!(out, "(no guarantor has a resolved test yet)");
    }
    Ok(())
}

/// One test, on one line.
fn write_test(a: &Assessment<'_>, o: &Outcome, out: &mut impl Write) -> Result<(), Error> {
    let ledger = a.ledger();
    let Some(v) = ledger.test_view(o.test(), a.as_of()) else {
        return Ok(());
    };
    let response = match &v.response {
        Some(e) => format!(
            "{} on {} (intensity {}, confidence {}){}",
            e.kind(),
            e.date(),
            e.intensity(),
            e.confidence(),
            e.source().map(|s| format!(": {s}")).unwrap_or_default()
        ),
        None => "none".to_string(),
    };
    let until = v
        .window
        .until()
        .map_or_else(|| "open".to_string(), |d| d.to_string());
    outln!(
        out,
        "    {}  crisis {}, commitment {} ({}, requires {}), window to {}: {}, fulfilment {:.3}, severity {}; response: {}",
        o.date(),
        v.crisis.id(),
        v.commitment.id(),
        v.commitment.obligation(),
        v.required,
        until,
        o.status(),
        o.fulfilment(),
        o.base_weight(),
        response
    );
    Ok(())
}

/// The actor's record: reliability, explanation, clients, tests, flows.
pub fn write_actor(a: &Assessment<'_>, id: &str, out: &mut impl Write) -> Result<(), Error> {
    let t = a.ledger().timeline();
    let key = t.key_of(id)?;
    outln!(out);
    outln!(out, "{} ({})", id_of(t, key), name_of(t, key));
    outln!(out, "  reliability: {}", describe(&a.reliability(key)));
    if t.actor(key).map(|x| x.kind()) == Some(ActorKind::Bloc) {
        outln!(out, "  bloc reputation: {}", describe(&a.bloc(key)?));
    }
    let by_client = clients(a, key);
    if by_client.is_empty() {
        outln!(out, "  no tests as guarantor");
    } else {
        for l in a.explain_reliability(key)?.to_string().lines() {
            outln!(out, "  {l}");
        }
    }
    for outcomes in by_client.values() {
        let client = outcomes[0].beneficiary();
        let ab = a.abandonment(key, client);
        outln!(
            out,
            "  toward {} ({}): abandonment risk {:.3}, {:.0}% interval {}, {} tests, {} abandoned or betrayed, {} pending",
            id_of(t, client),
            name_of(t, client),
            ab.risk(),
            LEVEL * 100.0,
            fmt_interval(&ab.risk_interval(LEVEL)),
            outcomes.len(),
            ab.abandonments().len(),
            ab.pending().len()
        );
        for o in outcomes {
            write_test(a, o, out)?;
        }
    }
    write_flows(a, key, out)
}

/// Support given and received with each partner (decayed), largest first.
fn write_flows(a: &Assessment<'_>, key: ActorKey, out: &mut impl Write) -> Result<(), Error> {
    let t = a.ledger().timeline();
    let mut flows: Vec<(ActorKey, Reciprocity)> = t
        .actors()
        .iter()
        .filter_map(|x| t.key(x.id()))
        .filter(|&k| k != key)
        .map(|k| (k, a.reciprocity(key, k)))
        .filter(|(_, r)| r.given_events + r.received_events + r.hostile_events > 0)
        .collect();
    if flows.is_empty() {
        return Ok(());
    }
    flows.sort_by(|(ka, x), (kb, y)| {
        (y.given + y.received)
            .total_cmp(&(x.given + x.received))
            .then_with(|| id_of(t, *ka).cmp(id_of(t, *kb)))
    });
    outln!(
        out,
        "  support flows (decayed; balance +1: {} only gives):",
        id_of(t, key)
    );
    outln!(
        out,
        "    {:<12} {:>8} {:>6} {:>8} {:>6} {:>7} {:>8}",
        "partner",
        "given",
        "events",
        "received",
        "events",
        "hostile",
        "balance"
    );
    for (k, r) in flows.iter().take(15) {
        outln!(
            out,
            "    {:<12} {:>8.3} {:>6} {:>8.3} {:>6} {:>7} {:>+8.2}",
            id_of(t, *k),
            r.given,
            r.given_events,
            r.received,
            r.received_events,
            r.hostile_events,
            r.balance()
        );
    }
    if flows.len() > 15 {
        outln!(out, "    ... and {} more partners", flows.len() - 15);
    }
    Ok(())
}

/// The ranking as CSV.
fn write_ranking_csv(a: &Assessment<'_>, out: &mut impl Write) -> Result<(), Error> {
    let t = a.ledger().timeline();
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "rank",
        "actor",
        "name",
        "mean",
        "lower",
        "upper",
        "effective_tests",
        "plain_share",
        "tests",
        "pending",
    ])
    .map_err(csv_out)?;
    for (i, (k, r)) in a.ranking().iter().enumerate() {
        let (lo, hi) = interval_or_nan(&r.interval(LEVEL));
        w.write_record([
            (i + 1).to_string(),
            id_of(t, *k).to_string(),
            name_of(t, *k).to_string(),
            r.mean().to_string(),
            lo.to_string(),
            hi.to_string(),
            r.effective_tests().to_string(),
            r.plain_share().map_or_else(String::new, |s| s.to_string()),
            r.tests().to_string(),
            r.pending().to_string(),
        ])
        .map_err(csv_out)?;
    }
    w.flush().map_err(stdout_error)
}

/// The clients `key` was tested with, by id, with their outcomes.
fn clients<'o>(a: &'o Assessment<'_>, key: ActorKey) -> BTreeMap<&'o str, Vec<&'o Outcome>> {
    let t = a.ledger().timeline();
    let mut by_client: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
    for o in a.outcomes().iter().filter(|o| o.guarantor() == key) {
        by_client
            .entry(id_of(t, o.beneficiary()))
            .or_default()
            .push(o);
    }
    by_client
}

/// The actor's clients as CSV.
fn write_clients_csv(a: &Assessment<'_>, id: &str, out: &mut impl Write) -> Result<(), Error> {
    let t = a.ledger().timeline();
    let key = t.key_of(id)?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "guarantor",
        "client",
        "name",
        "risk",
        "risk_lower",
        "risk_upper",
        "tests",
        "abandonments",
        "pending",
    ])
    .map_err(csv_out)?;
    for outcomes in clients(a, key).values() {
        let client = outcomes[0].beneficiary();
        let ab = a.abandonment(key, client);
        let (lo, hi) = interval_or_nan(&ab.risk_interval(LEVEL));
        w.write_record([
            id.to_string(),
            id_of(t, client).to_string(),
            name_of(t, client).to_string(),
            ab.risk().to_string(),
            lo.to_string(),
            hi.to_string(),
            outcomes.len().to_string(),
            ab.abandonments().len().to_string(),
            ab.pending().len().to_string(),
        ])
        .map_err(csv_out)?;
    }
    w.flush().map_err(stdout_error)
}

fn reliability_json(r: &Reliability) -> Value {
    let (lo, hi) = interval_or_nan(&r.interval(LEVEL));
    json!({
        "mean": r.mean(),
        "lower": lo,
        "upper": hi,
        "alpha": r.alpha(),
        "beta": r.beta(),
        "effective_tests": r.effective_tests(),
        "plain_share": r.plain_share(),
        "tests": r.tests(),
        "honoured": r.honoured(),
        "pending": r.pending(),
    })
}

/// Everything as one JSON document.
fn json_document(a: &Assessment<'_>, actor: Option<&str>) -> Result<Value, Error> {
    let t = a.ledger().timeline();
    let ranking: Vec<Value> = a
        .ranking()
        .iter()
        .enumerate()
        .map(|(i, (k, r))| {
            let mut v = reliability_json(r);
            v["rank"] = json!(i + 1);
            v["actor"] = json!(id_of(t, *k));
            v["name"] = json!(name_of(t, *k));
            v
        })
        .collect();
    let mut doc = json!({
        "as_of": a.as_of().to_string(),
        "lens": a.lens().to_string(),
        "level": LEVEL,
        "tests": a.ledger().test_count(),
        "ranking": ranking,
    });
    if let Some(id) = actor {
        let key = t.key_of(id)?;
        let mut clients_json = Vec::new();
        for outcomes in clients(a, key).values() {
            let client = outcomes[0].beneficiary();
            let ab = a.abandonment(key, client);
            let (lo, hi) = interval_or_nan(&ab.risk_interval(LEVEL));
            let tests: Vec<Value> = outcomes.iter().map(|o| test_json(a, o)).collect();
            clients_json.push(json!({
                "client": id_of(t, client),
                "name": name_of(t, client),
                "risk": ab.risk(),
                "risk_lower": lo,
                "risk_upper": hi,
                "abandonments": ab.abandonments().len(),
                "pending": ab.pending().len(),
                "tests": tests,
            }));
        }
        let bloc = match t.actor(key).map(|x| x.kind()) {
            Some(ActorKind::Bloc) => reliability_json(&a.bloc(key)?),
            _ => Value::Null,
        };
        doc["actor"] = json!({
            "id": id_of(t, key),
            "name": name_of(t, key),
            "reliability": reliability_json(&a.reliability(key)),
            "bloc": bloc,
            "clients": clients_json,
        });
    }
    Ok(doc)
}

fn test_json(a: &Assessment<'_>, o: &Outcome) -> Value {
    let Some(v) = a.ledger().test_view(o.test(), a.as_of()) else {
        return Value::Null;
    };
    let response = v.response.as_ref().map(|e| {
        json!({
            "kind": e.kind().to_string(),
            "date": e.date().to_string(),
            "intensity": e.intensity().get(),
            "confidence": e.confidence().get(),
            "source": e.source(),
        })
    });
    json!({
        "date": o.date().to_string(),
        "crisis": v.crisis.id().to_string(),
        "commitment": v.commitment.id().to_string(),
        "obligation": v.commitment.obligation().to_string(),
        "required": v.required.to_string(),
        "window_until": v.window.until().map(|d| d.to_string()),
        "status": o.status().as_str(),
        "fulfilment": o.fulfilment(),
        "base_weight": o.base_weight(),
        "response": response,
    })
}
