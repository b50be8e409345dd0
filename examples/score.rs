//! Scores a timeline from files, for people who don't write Rust.
//!
//! ```text
//! cargo run --release --example score -- <timeline.json | folder of CSV tables> [--as-of YYYY-MM-DD] [--actor ID]
//! ```
//!
//! The input is an `alliance-timeline/1` JSON document or a folder with the
//! five CSV tables (`actors.csv`, `memberships.csv`, `commitments.csv`,
//! `crises.csv`, `events.csv`); see `alliance_reliability::format`. It is
//! scored with the default configuration as of `--as-of` (default: the
//! latest date in the data) and prints a reliability ranking; with
//! `--actor`, also that actor's reliability, and for each beneficiary it
//! was tested with, the abandonment risk and the tests themselves.
//!
//! Exit codes: 0 on success, 2 for bad arguments or bad input (the error,
//! naming file, line, field and value, goes to stderr).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::{
    ActorKey, ActorKind, Assessment, Config, Error, Interval, Ledger, Location, Outcome,
    Reliability, Timeline,
};
use chrono::NaiveDate;

const USAGE: &str =
    "usage: score <timeline.json | folder of CSV tables> [--as-of YYYY-MM-DD] [--actor ID]";

/// The credible level of every interval printed.
const LEVEL: f64 = 0.9;

struct Args {
    input: String,
    as_of: Option<NaiveDate>,
    actor: Option<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut input = None;
    let mut as_of = None;
    let mut actor = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--as-of" => {
                let v = value("--as-of")?;
                let d = v
                    .parse::<NaiveDate>()
                    .map_err(|e| format!("--as-of: not a YYYY-MM-DD date ({e}): {v:?}"))?;
                as_of = Some(d);
            }
            "--actor" => actor = Some(value("--actor")?),
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option {f}")),
            _ if input.is_none() => input = Some(arg),
            _ => return Err(format!("more than one input given: {arg:?}")),
        }
    }
    let input = input.ok_or("no input given")?;
    Ok(Some(Args {
        input,
        as_of,
        actor,
    }))
}

/// The kinds of input `load` knows.
enum Input {
    /// An `alliance-timeline/1` JSON document.
    JsonDocument,
    /// A folder of the five CSV tables.
    CsvTables,
    /// A coded event stream (ICEWS `.tab`, GDELT `.tsv`/`.csv`/`.txt`).
    EventStream(&'static str),
}

fn detect(path: &Path) -> Input {
    if path.is_dir() {
        return Input::CsvTables;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("tab") => Input::EventStream("an ICEWS event file"),
        Some("tsv" | "csv" | "txt") => Input::EventStream("a GDELT or other event file"),
        // `.json` and anything else: try the JSON document, whose reader
        // says precisely what is wrong if it is not one.
        _ => Input::JsonDocument,
    }
}

/// Reads a timeline from a JSON document or a folder of CSV tables.
fn load(path: &Path) -> Result<Timeline, Error> {
    match detect(path) {
        Input::JsonDocument => read_json_file(path),
        Input::CsvTables => read_tables(path),
        // event streams: ICEWS/GDELT coded events need an importer and a
        // base timeline of commitments and crises; not supported yet.
        Input::EventStream(what) => Err(Error::UnsupportedFormat {
            location: Location::file(path.display().to_string()),
            found: format!("{what} (event streams are not supported yet)"),
            expected: "an alliance-timeline/1 JSON document or a folder of CSV tables".into(),
        }),
    }
}

/// The latest date anywhere in the timeline.
fn latest_date(t: &Timeline) -> Option<NaiveDate> {
    let periods = t
        .memberships()
        .iter()
        .map(|m| m.period())
        .chain(t.commitments().iter().map(|c| c.period()))
        .chain(t.crises().iter().map(|c| c.period()));
    periods
        .flat_map(|p| [Some(p.from()), p.until()])
        .flatten()
        .chain(t.events().map(|e| e.date()))
        .max()
}

fn fmt_share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn fmt_interval(i: &Result<Interval, Error>) -> String {
    match i {
        Ok(i) => format!("[{:.3}, {:.3}]", i.lower, i.upper),
        Err(_) => "-".to_string(),
    }
}

fn id_of(t: &Timeline, k: ActorKey) -> &str {
    t.actor(k).map_or("?", |a| a.id().as_str())
}

fn name_of(t: &Timeline, k: ActorKey) -> &str {
    t.actor(k).map_or("?", |a| a.name())
}

fn describe(r: &Reliability) -> String {
    format!(
        "mean {:.3}, {:.0}% interval {}, {:.2} effective tests, plain share {}, {} tests, {} pending",
        r.mean(),
        LEVEL * 100.0,
        fmt_interval(&r.interval(LEVEL)),
        r.effective_tests(),
        fmt_share(r.plain_share()),
        r.tests(),
        r.pending()
    )
}

fn print_ranking(a: &Assessment<'_>) {
    let t = a.ledger().timeline();
    println!("Reliability ranking as of {}", a.as_of());
    println!(
        "{:>4}  {:<12} {:>6}  {:<16} {:>10}  {:>11}  {:>5}  {:>7}",
        "rank", "actor", "mean", "90% interval", "eff. tests", "plain share", "tests", "pending"
    );
    let ranking = a.ranking();
    for (i, (k, r)) in ranking.iter().enumerate() {
        println!(
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
        println!("(no guarantor has a resolved test yet)");
    }
}

fn print_test(a: &Assessment<'_>, o: &Outcome) {
    let ledger = a.ledger();
    let Some(v) = ledger.test_view(o.test(), a.as_of()) else {
        return;
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
    println!(
        "    {}  crisis {}, commitment {} ({}, requires {}), window to {}: {}, fulfilment {:.3}, severity {}; response: {}",
        o.date(),
        v.crisis.id(),
        v.commitment.id(),
        v.commitment.obligation(),
        v.required,
        until,
        o.status(),
        o.fulfilment(),
        o.severity(),
        response
    );
}

fn print_actor(a: &Assessment<'_>, id: &str) -> Result<(), Error> {
    let t = a.ledger().timeline();
    let key = t.key_of(id)?;
    println!();
    println!("{} ({})", id_of(t, key), name_of(t, key));
    println!("  reliability: {}", describe(&a.reliability(key)));
    if t.actor(key).map(|x| x.kind()) == Some(ActorKind::Bloc) {
        println!("  bloc reputation: {}", describe(&a.bloc(key)?));
    }
    let mut by_client: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
    for o in a.outcomes().iter().filter(|o| o.guarantor() == key) {
        by_client
            .entry(id_of(t, o.beneficiary()))
            .or_default()
            .push(o);
    }
    if by_client.is_empty() {
        println!("  no tests as guarantor");
    }
    for outcomes in by_client.values() {
        let client = outcomes[0].beneficiary();
        let ab = a.abandonment(key, client);
        println!(
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
            print_test(a, o);
        }
    }
    Ok(())
}

fn run(args: &Args) -> Result<(), Error> {
    let path = Path::new(&args.input);
    eprintln!("reading {}...", path.display());
    let timeline = load(path)?;
    eprintln!(
        "read {} actors, {} memberships, {} commitments, {} crises, {} events",
        timeline.actors().len(),
        timeline.memberships().len(),
        timeline.commitments().len(),
        timeline.crises().len(),
        timeline.event_count()
    );
    let as_of = match args.as_of.or_else(|| latest_date(&timeline)) {
        Some(d) => d,
        None => {
            return Err(Error::EmptyInput(Location::file(
                path.display().to_string(),
            )));
        }
    };
    let ledger = Ledger::new(timeline, Config::default());
    eprintln!("resolved {} tests", ledger.test_count());
    let assessment = ledger.assess(as_of);
    print_ranking(&assessment);
    if let Some(id) = &args.actor {
        print_actor(&assessment, id)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
