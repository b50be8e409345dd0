//! Scores a timeline from files, for people who don't write Rust.
//!
//! ```text
//! cargo run --release --example score -- <timeline.json | folder of CSV tables | ICEWS/GDELT file>
//!     [--with BASE] [--as-of YYYY-MM-DD] [--actor ID] [--lens letter|expectation]
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
//! It is scored with the default configuration as of `--as-of` (default:
//! the latest date in the data) and prints a reliability ranking; with
//! `--actor`, also that actor's reliability with its explanation, for each
//! beneficiary it was tested with the abandonment risk and the tests
//! themselves, and its support given and received with each partner.
//! `--lens expectation` reads every test against what the client could
//! expect rather than the letter of the treaty (`Lens`; default `letter`).
//!
//! Exit codes: 0 on success, 2 for bad arguments or bad input (the error,
//! naming file, line, field and value, goes to stderr).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::process::ExitCode;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::import::{GdeltImporter, IcewsImporter};
use alliance_reliability::{
    Actor, ActorId, ActorKey, ActorKind, Assessment, Config, Error, Interval, Ledger, Lens,
    Location, Outcome, Reliability, SupportEvent, Timeline,
};
use chrono::NaiveDate;

const USAGE: &str = "usage: score <timeline.json | folder of CSV tables | ICEWS/GDELT file> [--with BASE] [--as-of YYYY-MM-DD] [--actor ID] [--lens letter|expectation]";

/// The credible level of every interval printed.
const LEVEL: f64 = 0.9;

struct Args {
    input: String,
    with: Option<String>,
    as_of: Option<NaiveDate>,
    actor: Option<String>,
    lens: Lens,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut input = None;
    let mut as_of = None;
    let mut actor = None;
    let mut with = None;
    let mut lens = Lens::Letter;
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
            "--with" => with = Some(value("--with")?),
            "--lens" => {
                let v = value("--lens")?;
                lens = match v.as_str() {
                    "letter" => Lens::Letter,
                    "expectation" => Lens::Expectation,
                    _ => return Err(format!("--lens: letter or expectation, not {v:?}")),
                };
            }
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option {f}")),
            _ if input.is_none() => input = Some(arg),
            _ => return Err(format!("more than one input given: {arg:?}")),
        }
    }
    let input = input.ok_or("no input given")?;
    Ok(Some(Args {
        input,
        with,
        as_of,
        actor,
        lens,
    }))
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

/// Reports reading progress on stderr every 64 MiB, for large streams.
struct Progress<R> {
    inner: R,
    read: u64,
    total: u64,
    next: u64,
}

impl<R> Progress<R> {
    const STEP: u64 = 64 << 20;

    fn new(inner: R, total: u64) -> Progress<R> {
        Progress {
            inner,
            read: 0,
            total,
            next: Self::STEP,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read >= self.next {
            self.next += Self::STEP;
            eprintln!("  read {} of {} MiB", self.read >> 20, self.total >> 20);
        }
        Ok(n)
    }
}

/// Reads an event stream's support events, reporting the import on stderr.
fn load_stream(path: &Path, stream: Stream) -> Result<Vec<SupportEvent>, Error> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    let reader = std::io::BufReader::with_capacity(1 << 20, Progress::new(file, total));
    let name = path.display().to_string();
    let (events, report) = match stream {
        Stream::Icews => IcewsImporter::bundled().read(reader, &name)?,
        Stream::Gdelt1 => GdeltImporter::bundled().read_v1(reader, &name)?,
        Stream::Gdelt2 => GdeltImporter::bundled().read_v2(reader, &name)?,
    };
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
    let mut by_client: BTreeMap<&str, Vec<&Outcome>> = BTreeMap::new();
    for o in a.outcomes().iter().filter(|o| o.guarantor() == key) {
        by_client
            .entry(id_of(t, o.beneficiary()))
            .or_default()
            .push(o);
    }
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
    let path = Path::new(&args.input);
    eprintln!("reading {}...", path.display());
    let timeline = load(path, args.with.as_deref().map(Path::new))?;
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
    let ledger = Ledger::new(timeline, Config::default())?;
    eprintln!("resolved {} tests", ledger.test_count());
    let assessment = ledger.assess_under(as_of, args.lens);
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
