//! Scores a timeline from files, for people who don't write Rust.
//!
//! ```text
//! cargo run --release --example score -- --help
//! cargo run --release --example score -- <timeline.json | folder of CSV tables | ICEWS/GDELT file>
//!     [--with BASE] [--as-of YYYY-MM-DD] [--actor ID] [--lens letter|expectation]
//!     [--format table|csv|json] [--panel guarantor|dyad|bloc] [--states FILE]
//!     [--half-life YEARS|none] [--window DAYS] [--prior learned|fixed|ALPHA,BETA]
//! ```
//!
//! The input is an `alliance-timeline/1` JSON document, a folder with the
//! five CSV tables (`actors.csv`, `memberships.csv`, `commitments.csv`,
//! `crises.csv`, `events.csv`; see `alliance_reliability::format`), or a
//! coded event stream: ICEWS (`.tab`), GDELT 1.0 (no header) or GDELT 2.0
//! (a header starting `GLOBALEVENTID`). An event stream carries no
//! commitments or crises: give them with `--with BASE` (a JSON document or
//! a CSV folder) and the stream's events are added to that timeline; alone,
//! the stream is scored for support flows between states.
//!
//! It is scored as of `--as-of` (default: the latest date in the data) and
//! prints a reliability ranking; with `--actor`, also that actor's
//! reliability with its explanation, for each beneficiary it was tested
//! with the abandonment risk and the tests themselves, and its support
//! given and received with each partner. `--format csv` writes the ranking
//! (with `--actor`: the actor's clients) as CSV, `--format json` everything
//! as one JSON document. `--panel` writes a research panel instead
//! (`alliance_reliability::panel`: one row per key and year, keyed by COW
//! codes from `--states` or the bundled COW state system) as CSV, or JSON
//! lines with `--format json`. `--lens`, `--half-life`, `--window` and
//! `--prior` change the configuration (`alliance_reliability::Config`).
//!
//! Progress bars (reading a large event stream, building the ledger) go to
//! stderr, and only when stderr is a terminal.
//!
//! Exit codes: 0 on success, 2 for bad arguments or bad input (the error,
//! naming file, line, field and value, goes to stderr).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::import::{GdeltImporter, IcewsImporter, StateSystem};
use alliance_reliability::panel::{Panel, PanelKind, PanelOptions};
use alliance_reliability::{
    Actor, ActorId, ActorKey, ActorKind, Assessment, Config, Error, HalfLife, Interval, Ledger,
    Lens, Location, Outcome, Prior, PriorModel, Reliability, SupportEvent, Timeline,
};
use chrono::{Datelike, NaiveDate};
use clap::{Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};

/// The credible level of every interval printed.
const LEVEL: f64 = 0.9;

/// Scores whether allies kept their promises, from a timeline file, a folder
/// of CSV tables or a coded event stream.
///
/// Exit codes: 0 on success, 2 for bad arguments or bad input (the error,
/// naming file, line, field and value, goes to stderr).
#[derive(Parser, Debug)]
#[command(name = "score", version, about, long_about)]
struct Args {
    /// An alliance-timeline/1 JSON document, a folder of the five CSV tables
    /// (actors, memberships, commitments, crises, events), or an ICEWS
    /// (.tab) or GDELT 1.0/2.0 (.tsv, .csv, .txt) event stream.
    input: PathBuf,
    /// With an event stream: the timeline (JSON document or CSV folder)
    /// whose commitments and crises the stream's events are added to.
    #[arg(long, value_name = "BASE")]
    with: Option<PathBuf>,
    /// Score as of this day (default: the latest date in the data). With
    /// --panel: score each year as of this month and day, through this year.
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Also explain this actor (by id): reliability, explanation, clients'
    /// abandonment risk, tests and support flows.
    #[arg(long, value_name = "ID", conflicts_with = "panel")]
    actor: Option<String>,
    /// Read every test by the letter of the treaty or by what the client
    /// could expect.
    #[arg(long, value_enum, default_value_t = LensArg::Letter)]
    lens: LensArg,
    /// Output format: a text table, CSV (the ranking; with --actor, the
    /// actor's clients; with --panel, the panel), or JSON (one document;
    /// with --panel, JSON lines) [default: table; csv with --panel].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write a research panel (one row per key and year, keyed by COW
    /// codes) instead of the ranking: guarantor-year, directed dyad-year or
    /// bloc-year.
    #[arg(long, value_enum, value_name = "KIND")]
    panel: Option<PanelArg>,
    /// With --panel: the COW state system (stateabb,ccode,year CSV, as
    /// COW's system2016.csv) giving the ccode columns (default: the bundled
    /// copy). Actors it lacks get an empty ccode, counted on stderr.
    #[arg(long, value_name = "FILE", requires = "panel")]
    states: Option<PathBuf>,
    /// Half-life of the evidence in years (a test this old counts half),
    /// or `none` for no decay [default: 10].
    #[arg(long, value_name = "YEARS|none", value_parser = parse_half_life, allow_negative_numbers = true)]
    half_life: Option<Decay>,
    /// Days after a crisis starts within which support counts as the
    /// response, when the crisis has no end date [default: 30].
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    window: Option<u32>,
    /// The prior every reliability starts from: `learned` (per obligation
    /// kind and era, from earlier tests), `fixed` (Beta(1, 1)), or
    /// `ALPHA,BETA` (a fixed Beta(ALPHA, BETA)) [default: learned].
    #[arg(long, value_name = "learned|fixed|ALPHA,BETA", value_parser = parse_prior)]
    prior: Option<PriorArg>,
    /// With --actor: write the actor's SVG plots into DIR (its reliability
    /// over time under --lens, with the 90% band and a marker per resolved
    /// test; its clients' abandonment risk with intervals). Needs the
    /// `plot` feature.
    #[arg(long, value_name = "DIR", requires = "actor")]
    plot: Option<PathBuf>,
    /// With --actor: write a self-contained HTML page for the actor (scores
    /// under both lenses, the plots, every test behind them). Needs the
    /// `html` feature.
    #[arg(long, value_name = "FILE", requires = "actor")]
    html: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LensArg {
    /// The level the treaty's obligation requires.
    Letter,
    /// What the client could expect: past support, need, reciprocity owed.
    Expectation,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
enum Format {
    /// Aligned text for a terminal.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON (a document; JSON lines for a panel).
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PanelArg {
    /// One row per guarantor and year.
    Guarantor,
    /// One row per directed (guarantor, beneficiary) dyad and year.
    Dyad,
    /// One row per bloc and year.
    Bloc,
}

#[derive(Clone, Copy, Debug)]
enum Decay {
    None,
    HalfLife(HalfLife),
}

#[derive(Clone, Copy, Debug)]
enum PriorArg {
    Learned,
    Fixed(Prior),
}

fn parse_half_life(s: &str) -> Result<Decay, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(Decay::None);
    }
    let years: f64 = s
        .parse()
        .map_err(|e| format!("a number of years or `none` ({e})"))?;
    HalfLife::from_years(years)
        .map(Decay::HalfLife)
        .map_err(|e| e.to_string())
}

fn parse_prior(s: &str) -> Result<PriorArg, String> {
    match s {
        "learned" => return Ok(PriorArg::Learned),
        "fixed" => return Ok(PriorArg::Fixed(Prior::default())),
        _ => {}
    }
    let Some((a, b)) = s.split_once(',') else {
        return Err("`learned`, `fixed` or ALPHA,BETA (for example 2,2)".into());
    };
    let num = |x: &str, name: &str| {
        x.trim()
            .parse::<f64>()
            .map_err(|e| format!("{name} {x:?} is not a number ({e})"))
    };
    Prior::new(num(a, "ALPHA")?, num(b, "BETA")?)
        .map(PriorArg::Fixed)
        .map_err(|e| e.to_string())
}

/// The configuration the options ask for.
fn config(args: &Args) -> Result<Config, Error> {
    let mut config = Config::default().lens(match args.lens {
        LensArg::Letter => Lens::Letter,
        LensArg::Expectation => Lens::Expectation,
    });
    match args.half_life {
        Some(Decay::None) => config = config.no_decay(),
        Some(Decay::HalfLife(h)) => config = config.half_life(h),
        None => {}
    }
    if let Some(days) = args.window {
        config = config.window_days(days)?;
    }
    match args.prior {
        Some(PriorArg::Fixed(p)) => config = config.prior(p).prior_model(PriorModel::Fixed),
        Some(PriorArg::Learned) | None => {}
    }
    Ok(config)
}

/// The kinds of input `load` knows.
enum Input {
    /// An `alliance-timeline/1` JSON document.
    JsonDocument,
    /// A folder of the five CSV tables.
    CsvTables,
    /// A coded event stream (ICEWS `.tab`, GDELT `.tsv`/`.csv`/`.txt`).
    EventStream(Stream),
}

/// The event streams `load` knows.
#[derive(Clone, Copy)]
enum Stream {
    Icews,
    Gdelt1,
    Gdelt2,
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
        Some("tab") => Input::EventStream(Stream::Icews),
        Some("tsv" | "csv" | "txt") => {
            // GDELT 2.0 tables start with a header; GDELT 1.0 files have none.
            let mut head = [0u8; 13];
            let n = std::fs::File::open(path)
                .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
                .unwrap_or(0);
            if head[..n].eq_ignore_ascii_case(b"GLOBALEVENTID") {
                Input::EventStream(Stream::Gdelt2)
            } else {
                Input::EventStream(Stream::Gdelt1)
            }
        }
        // `.json` and anything else: try the JSON document, whose reader
        // says precisely what is wrong if it is not one.
        _ => Input::JsonDocument,
    }
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        location: Location::file(path.display().to_string()),
        kind: e.kind(),
        message: e.to_string(),
    }
}

/// Reads a timeline from a JSON document or a folder of CSV tables.
fn load_timeline(path: &Path) -> Result<Timeline, Error> {
    match detect(path) {
        Input::JsonDocument => read_json_file(path),
        Input::CsvTables => read_tables(path),
        Input::EventStream(_) => Err(Error::UnsupportedFormat {
            location: Location::file(path.display().to_string()),
            found: "an event stream".into(),
            expected: "an alliance-timeline/1 JSON document or a folder of CSV tables".into(),
        }),
    }
}

/// Inputs at least this large get progress bars (on stderr, and only when
/// stderr is a terminal: indicatif hides them otherwise).
const LARGE: u64 = 16 << 20;

/// A progress bar over `total` bytes, hidden for small inputs.
fn byte_bar(total: u64) -> ProgressBar {
    if total < LARGE {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{msg} [{bar:40}] {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// A spinner for a phase of a large run, hidden for small inputs.
fn spinner(large: bool, message: &'static str) -> ProgressBar {
    if !large {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Total size of a file, or of the files in a folder (for the progress bars).
fn input_size(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter_map(|e| e.metadata().ok())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    } else {
        std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
    }
}

/// Reads an event stream's support events, reporting the import on stderr.
fn load_stream(path: &Path, stream: Stream) -> Result<Vec<SupportEvent>, Error> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = byte_bar(total);
    bar.set_message("reading");
    let reader = std::io::BufReader::with_capacity(1 << 20, bar.wrap_read(file));
    let name = path.display().to_string();
    let read = match stream {
        Stream::Icews => IcewsImporter::bundled().read(reader, &name),
        Stream::Gdelt1 => GdeltImporter::bundled().read_v1(reader, &name),
        Stream::Gdelt2 => GdeltImporter::bundled().read_v2(reader, &name),
    };
    bar.finish_and_clear();
    let (events, report) = read?;
    eprint!("{report}");
    Ok(events)
}

/// Reads the input: a timeline, or an event stream added to `base` (or,
/// with no base, to a timeline of the states the stream names).
fn load(path: &Path, base: Option<&Path>) -> Result<Timeline, Error> {
    let Input::EventStream(stream) = detect(path) else {
        if let Some(b) = base {
            return Err(Error::UnsupportedFormat {
                location: Location::file(b.display().to_string()),
                found: "--with after a timeline".into(),
                expected: "--with only after an ICEWS or GDELT event stream".into(),
            });
        }
        return load_timeline(path);
    };
    let events = load_stream(path, stream)?;
    let base = match base {
        Some(b) => load_timeline(b)?,
        None => Timeline::default(),
    };
    let mut actors: Vec<Actor> = base.actors().to_vec();
    if actors.is_empty() {
        let mut ids: Vec<&ActorId> = events
            .iter()
            .flat_map(|e| [e.provider(), e.recipient()])
            .collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            actors.push(Actor::new(id.as_str(), id.as_str(), ActorKind::State)?);
        }
    }
    let known: HashSet<&ActorId> = actors.iter().map(|a| a.id()).collect();
    let (usable, unknown): (Vec<SupportEvent>, Vec<SupportEvent>) = events
        .into_iter()
        .partition(|e| known.contains(e.provider()) && known.contains(e.recipient()));
    if !unknown.is_empty() {
        eprintln!(
            "skipped {} stream events whose states the base timeline does not define",
            unknown.len()
        );
    }
    eprintln!("adding {} stream events", usable.len());
    Timeline::builder()
        .actors(actors.iter().cloned())
        .memberships(base.memberships().iter().cloned())
        .commitments(base.commitments().iter().cloned())
        .crises(base.crises().iter().cloned())
        .events(base.events())
        .events(usable)
        .build()
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
        o.base_weight(),
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
    let by_client = clients(a, key);
    if by_client.is_empty() {
        println!("  no tests as guarantor");
    } else {
        for line in a.explain_reliability(key)?.to_string().lines() {
            println!("  {line}");
        }
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
    print_flows(a, key);
    Ok(())
}

/// Support given and received with each partner (decayed), largest first.
fn print_flows(a: &Assessment<'_>, key: ActorKey) {
    let t = a.ledger().timeline();
    let mut flows: Vec<(ActorKey, alliance_reliability::Reciprocity)> = (0..t.actors().len())
        .filter_map(|i| t.key(t.actors()[i].id()))
        .filter(|&k| k != key)
        .map(|k| (k, a.reciprocity(key, k)))
        .filter(|(_, r)| r.given_events + r.received_events + r.hostile_events > 0)
        .collect();
    if flows.is_empty() {
        return;
    }
    flows.sort_by(|(ka, x), (kb, y)| {
        (y.given + y.received)
            .total_cmp(&(x.given + x.received))
            .then_with(|| id_of(t, *ka).cmp(id_of(t, *kb)))
    });
    println!(
        "  support flows (decayed; balance +1: {} only gives):",
        id_of(t, key)
    );
    println!(
        "    {:<12} {:>8} {:>6} {:>8} {:>6} {:>7} {:>8}",
        "partner", "given", "events", "received", "events", "hostile", "balance"
    );
    for (k, r) in flows.iter().take(15) {
        println!(
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
        println!("    ... and {} more partners", flows.len() - 15);
    }
}

fn run(args: &Args) -> Result<(), Error> {
    if args.panel.is_some() && args.format == Some(Format::Table) {
        return Err(Error::UnsupportedFormat {
            location: Location::file("--format"),
            found: "table with --panel".into(),
            expected: "--format csv (the default for a panel) or json (JSON lines)".into(),
        });
    }
    let config = config(args)?;
    let path = args.input.as_path();
    let large = input_size(path) >= LARGE;
    eprintln!("reading {}...", path.display());
    let timeline = load(path, args.with.as_deref())?;
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
        None if timeline.actors().is_empty() => {
            return Err(Error::EmptyInput(Location::file(
                path.display().to_string(),
            )));
        }
        // Actors but no date anywhere: not empty, just nothing to date an
        // assessment by (issue 11).
        None => {
            return Err(Error::Malformed {
                location: Location::file(path.display().to_string()),
                value: String::new(),
                reason: format!(
                    "{} actors but no dated record (membership, commitment, crisis or event): \
                     pass --as-of to score them",
                    timeline.actors().len()
                ),
            });
        }
    };
    let bar = spinner(large, "building the ledger");
    let lens = config.get_lens();
    let ledger = Ledger::new(timeline, config)?;
    bar.finish_and_clear();
    eprintln!("resolved {} tests", ledger.test_count());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(kind) = args.panel {
        write_panel(args, &ledger, kind, large, &mut out)?;
        return flush(out);
    }
    let bar = spinner(large, "scoring");
    let assessment = ledger.assess_under(as_of, lens);
    bar.finish_and_clear();
    if let Some(id) = &args.actor {
        let key = ledger.timeline().key_of(id.as_str())?;
        if let Some(dir) = &args.plot {
            write_plots(&assessment, key, as_of, lens, dir)?;
        }
        if let Some(file) = &args.html {
            write_page(&ledger, key, as_of, file)?;
        }
    }
    match args.format.unwrap_or(Format::Table) {
        Format::Table => {
            drop(out);
            print_ranking(&assessment);
            if let Some(id) = &args.actor {
                print_actor(&assessment, id)?;
            }
            Ok(())
        }
        Format::Csv => {
            match &args.actor {
                Some(id) => write_clients_csv(&assessment, id, &mut out)?,
                None => write_ranking_csv(&assessment, &mut out)?,
            }
            flush(out)
        }
        Format::Json => {
            let doc = json_document(&assessment, args.actor.as_deref())?;
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(|e| stdout_error(e.to_string()))?;
            writeln!(out).map_err(|e| stdout_error(e.to_string()))?;
            flush(out)
        }
    }
}

/// `--plot DIR`: the actor's reliability series and its clients' risks.
#[cfg(feature = "plot")]
fn write_plots(
    a: &Assessment<'_>,
    key: ActorKey,
    as_of: NaiveDate,
    lens: Lens,
    dir: &std::path::Path,
) -> Result<(), Error> {
    use alliance_reliability::report::plot;
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        location: Location::file(dir.display().to_string()),
        kind: e.kind(),
        message: e.to_string(),
    })?;
    let ledger = a.ledger();
    let name = id_of(ledger.timeline(), key).to_lowercase();
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

#[cfg(not(feature = "plot"))]
fn write_plots(
    _: &Assessment<'_>,
    _: ActorKey,
    _: NaiveDate,
    _: Lens,
    _: &std::path::Path,
) -> Result<(), Error> {
    Err(Error::Render {
        what: "--plot".into(),
        message:
            "needs the `plot` feature: cargo run --release --example score --features plot -- ..."
                .into(),
    })
}

/// `--html FILE`: the actor's page.
#[cfg(feature = "html")]
fn write_page(
    ledger: &Ledger,
    key: ActorKey,
    as_of: NaiveDate,
    file: &std::path::Path,
) -> Result<(), Error> {
    alliance_reliability::report::html::ActorPage::new(ledger, key, as_of).write(file)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}

#[cfg(not(feature = "html"))]
fn write_page(_: &Ledger, _: ActorKey, _: NaiveDate, _: &std::path::Path) -> Result<(), Error> {
    Err(Error::Render {
        what: "--html".into(),
        message:
            "needs the `html` feature: cargo run --release --example score --features html -- ..."
                .into(),
    })
}

fn stdout_error(message: String) -> Error {
    Error::Io {
        location: Location::file("<stdout>"),
        kind: std::io::ErrorKind::Other,
        message,
    }
}

fn flush(mut out: impl Write) -> Result<(), Error> {
    out.flush().map_err(|e| stdout_error(e.to_string()))
}

fn write_panel(
    args: &Args,
    ledger: &Ledger,
    kind: PanelArg,
    large: bool,
    out: &mut impl Write,
) -> Result<(), Error> {
    let states = match &args.states {
        Some(p) => {
            let file = std::fs::File::open(p).map_err(|e| io_error(p, e))?;
            let (states, report) = StateSystem::read(file, &p.display().to_string())?;
            eprint!("{report}");
            states
        }
        None => StateSystem::bundled(),
    };
    let kind = match kind {
        PanelArg::Guarantor => PanelKind::Guarantor,
        PanelArg::Dyad => PanelKind::Dyad,
        PanelArg::Bloc => PanelKind::Bloc,
    };
    let mut options = PanelOptions::new().level(LEVEL).only(kind);
    if let Some(d) = args.as_of {
        let first = ledger
            .outcomes(d)
            .iter()
            .map(|o| o.date().year())
            .min()
            .unwrap_or(d.year());
        options = options.on(d.month(), d.day()).years(first..=d.year());
    }
    let bar = spinner(large, "building the panel");
    let panel = Panel::new(ledger, &states, &options)?;
    bar.finish_and_clear();
    eprintln!("{} {kind}-year rows", panel.len(kind));
    if !panel.without_ccode().is_empty() {
        eprintln!(
            "{} actors without a COW code (empty ccode): {}",
            panel.without_ccode().len(),
            panel.without_ccode().join(", ")
        );
    }
    match args.format {
        Some(Format::Json) => panel.write_json_lines(kind, out),
        _ => panel.write_csv(kind, out),
    }
}

fn interval_or_nan(i: &Result<Interval, Error>) -> (f64, f64) {
    i.as_ref()
        .map_or((f64::NAN, f64::NAN), |i| (i.lower, i.upper))
}

fn csv_out(e: csv::Error) -> Error {
    stdout_error(e.to_string())
}

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
    w.flush().map_err(|e| stdout_error(e.to_string()))
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
    w.flush().map_err(|e| stdout_error(e.to_string()))
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

fn main() -> ExitCode {
    // clap prints --help and --version (exit 0) and argument errors with
    // the usage (exit 2) itself.
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
