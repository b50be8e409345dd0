//! What several subcommands share: the configuration options, reading the
//! input (a timeline or an event stream), progress bars, and small output
//! helpers. Argument handling and conversion only: every score, test and
//! table comes from the library.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::import::{GdeltImporter, IcewsImporter, ImportReport};
use alliance_reliability::{
    Actor, ActorId, ActorKey, ActorKind, Config, Error, HalfLife, Interval, Lens, Location, Prior,
    PriorModel, Reliability, SupportEvent, Timeline,
};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The credible level of every interval printed.
pub const LEVEL: f64 = 0.9;

/// The options that change the scoring configuration
/// (`alliance_reliability::Config`).
#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// Read every test by the letter of the treaty or by what the client
    /// could expect.
    #[arg(long, value_enum, default_value_t = LensArg::Letter)]
    pub lens: LensArg,
    /// Half-life of the evidence in years (a test this old counts half),
    /// or `none` for no decay [default: 10].
    #[arg(long, value_name = "YEARS|none", value_parser = parse_half_life, allow_negative_numbers = true)]
    pub half_life: Option<Decay>,
    /// Days after a crisis starts within which support counts as the
    /// response, when the crisis has no end date [default: 30].
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true)]
    pub window: Option<u32>,
    /// The prior every reliability starts from: `learned` (per obligation
    /// kind and era, from earlier tests), `fixed` (Beta(1, 1)), or
    /// `ALPHA,BETA` (a fixed Beta(ALPHA, BETA)) [default: learned].
    #[arg(long, value_name = "learned|fixed|ALPHA,BETA", value_parser = parse_prior)]
    pub prior: Option<PriorArg>,
}

impl ConfigArgs {
    /// The configuration the options ask for, starting from `base`.
    pub fn apply(&self, base: Config) -> Result<Config, Error> {
        let mut config = base.lens(self.lens.into());
        match self.half_life {
            Some(Decay::None) => config = config.no_decay(),
            Some(Decay::HalfLife(h)) => config = config.half_life(h),
            None => {}
        }
        if let Some(days) = self.window {
            config = config.window_days(days)?;
        }
        match self.prior {
            Some(PriorArg::Fixed(p)) => config = config.prior(p).prior_model(PriorModel::Fixed),
            Some(PriorArg::Learned) | None => {}
        }
        Ok(config)
    }

    /// The configuration the options ask for, from the defaults.
    pub fn config(&self) -> Result<Config, Error> {
        self.apply(Config::default())
    }
}

/// `--lens`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LensArg {
    /// The level the treaty's obligation requires.
    Letter,
    /// What the client could expect: past support, need, reciprocity owed.
    Expectation,
}

impl From<LensArg> for Lens {
    fn from(l: LensArg) -> Lens {
        match l {
            LensArg::Letter => Lens::Letter,
            LensArg::Expectation => Lens::Expectation,
        }
    }
}

/// `--half-life`.
#[derive(Clone, Copy, Debug)]
pub enum Decay {
    /// No decay.
    None,
    /// This half-life.
    HalfLife(HalfLife),
}

/// `--prior`.
#[derive(Clone, Copy, Debug)]
pub enum PriorArg {
    /// Learned per obligation kind and era.
    Learned,
    /// A fixed Beta prior.
    Fixed(Prior),
}

/// Parses `--half-life`: a number of years or `none`.
pub fn parse_half_life(s: &str) -> Result<Decay, String> {
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

/// Parses `--prior`: `learned`, `fixed` or `ALPHA,BETA`.
pub fn parse_prior(s: &str) -> Result<PriorArg, String> {
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

/// The kinds of input the readers know.
pub enum Input {
    /// An `alliance-timeline/1` JSON document.
    JsonDocument,
    /// A folder of the five CSV tables.
    CsvTables,
    /// A coded event stream (ICEWS `.tab`, GDELT `.tsv`/`.csv`/`.txt`).
    EventStream(Stream),
}

/// The coded event streams.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    /// ICEWS (tab-separated, with a header).
    Icews,
    /// GDELT 1.0 (tab-separated, no header).
    Gdelt1,
    /// GDELT 2.0 (a header starting `GLOBALEVENTID`).
    Gdelt2,
}

/// What `path` holds, judged by whether it is a folder, its extension and
/// (for GDELT) its first bytes.
pub fn detect(path: &Path) -> Input {
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

/// An I/O error on `path`, located.
pub fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        location: Location::file(path.display().to_string()),
        kind: e.kind(),
        message: e.to_string(),
    }
}

/// An error writing to stdout.
pub fn stdout_error(message: impl ToString) -> Error {
    Error::Io {
        location: Location::file("<stdout>"),
        kind: std::io::ErrorKind::Other,
        message: message.to_string(),
    }
}

/// A `csv` error writing to stdout.
pub fn csv_out(e: csv::Error) -> Error {
    stdout_error(e)
}

/// Flushes `out`, reporting a failure as an error on stdout.
pub fn flush(mut out: impl Write) -> Result<(), Error> {
    out.flush().map_err(stdout_error)
}

/// Reads a timeline from a JSON document or a folder of CSV tables.
pub fn load_timeline(path: &Path) -> Result<Timeline, Error> {
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
pub const LARGE: u64 = 16 << 20;

/// A progress bar over `total` bytes, hidden for small inputs.
pub fn byte_bar(total: u64) -> ProgressBar {
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

/// A spinner for a phase of long work, hidden unless `show` (and, by
/// indicatif, whenever stderr is not a terminal).
pub fn spinner(show: bool, message: &'static str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Total size of a file, or of the files in a folder (for the progress bars).
pub fn input_size(path: &Path) -> u64 {
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

/// Reads an event stream's support events and its import report, with a
/// progress bar for large files.
pub fn read_stream(
    path: &Path,
    stream: Stream,
) -> Result<(Vec<SupportEvent>, ImportReport), Error> {
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
    read
}

/// The timeline of `base` with `events` added: events between actors the
/// base does not define are counted on stderr and left out; an empty base
/// gets one state per id the events name.
pub fn with_events(base: Timeline, events: Vec<SupportEvent>) -> Result<Timeline, Error> {
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

/// Reads the input: a timeline, or an event stream added to `base` (or,
/// with no base, to a timeline of the states the stream names). The
/// stream's import report goes to stderr.
pub fn load(path: &Path, base: Option<&Path>) -> Result<Timeline, Error> {
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
    let (events, report) = read_stream(path, stream)?;
    eprint!("{report}");
    let base = match base {
        Some(b) => load_timeline(b)?,
        None => Timeline::default(),
    };
    with_events(base, events)
}

/// Reads the input as [`load`] does, saying on stderr what it read.
pub fn load_verbose(path: &Path, base: Option<&Path>) -> Result<Timeline, Error> {
    eprintln!("reading {}...", path.display());
    let timeline = load(path, base)?;
    eprintln!(
        "read {} actors, {} memberships, {} commitments, {} crises, {} events",
        timeline.actors().len(),
        timeline.memberships().len(),
        timeline.commitments().len(),
        timeline.crises().len(),
        timeline.event_count()
    );
    Ok(timeline)
}

/// The latest date anywhere in the timeline.
pub fn latest_date(t: &Timeline) -> Option<NaiveDate> {
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

/// `as_of`, or the latest date in the timeline; an error naming `path`
/// when there is neither.
pub fn as_of_or_latest(
    as_of: Option<NaiveDate>,
    t: &Timeline,
    path: &Path,
) -> Result<NaiveDate, Error> {
    match as_of.or_else(|| latest_date(t)) {
        Some(d) => Ok(d),
        None if t.actors().is_empty() => Err(Error::EmptyInput(Location::file(
            path.display().to_string(),
        ))),
        // Actors but no date anywhere: not empty, just nothing to date an
        // assessment by (issue 11).
        None => Err(Error::Malformed {
            location: Location::file(path.display().to_string()),
            value: String::new(),
            reason: format!(
                "{} actors but no dated record (membership, commitment, crisis or event): \
                 pass --as-of to score them",
                t.actors().len()
            ),
        }),
    }
}

/// The id of actor `k`.
pub fn id_of(t: &Timeline, k: ActorKey) -> &str {
    t.actor(k).map_or("?", |a| a.id().as_str())
}

/// The name of actor `k`.
pub fn name_of(t: &Timeline, k: ActorKey) -> &str {
    t.actor(k).map_or("?", |a| a.name())
}

/// A share to three decimals, or `-`.
pub fn fmt_share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

/// An interval to three decimals, or `-`.
pub fn fmt_interval(i: &Result<Interval, Error>) -> String {
    match i {
        Ok(i) => format!("[{:.3}, {:.3}]", i.lower, i.upper),
        Err(_) => "-".to_string(),
    }
}

/// An interval's bounds, or NaN when it has none.
pub fn interval_or_nan(i: &Result<Interval, Error>) -> (f64, f64) {
    i.as_ref()
        .map_or((f64::NAN, f64::NAN), |i| (i.lower, i.upper))
}

/// One line describing a reliability.
pub fn describe(r: &Reliability) -> String {
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

/// A buffered, locked stdout.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Creates folder `dir` (and its parents).
pub fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))
}
