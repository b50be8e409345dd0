//! A timeline as five CSV tables, one per record kind.

use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;

use super::events_fast;
use super::{
    actor_kind_name, check_date, initiator_name, io_error, parse_actor_kind, parse_initiator,
    parse_provocation, parse_region, provocation_name, shorten,
};
use crate::{
    Actor, ActorId, Commitment, Confidence, Crisis, CrisisKind, CrisisKinds, Error, Intensity,
    Location, Membership, Obligation, Parties, Period, Region, Regions, Severity, SupportEvent,
    SupportKind, Timeline, TreatyId,
};

/// The five tables of a timeline, one `T` per table: readers, writers, or
/// buffers.
///
/// In a folder ([`read_tables`], [`write_tables`]) they are the files
/// `actors.csv`, `memberships.csv`, `commitments.csv`, `crises.csv` and
/// `events.csv`. All five must be there; a table with no records is a
/// header line alone.
///
/// # The tables
///
/// Every table has a header line. Columns are found by name (any order;
/// names are compared case-insensitively, ignoring a UTF-8 byte-order mark
/// and surrounding spaces); an unknown or repeated column is an error, so
/// that a misspelt optional column is not silently ignored. Required columns
/// must be present and their cells non-empty; optional columns may be left
/// out entirely, and an **empty cell means "not given"** (the default
/// below). Cells other than names, labels and sources are trimmed of
/// surrounding spaces. Line endings may be `\n`, `\r\n` or a bare `\r`.
///
/// **Lists** (adversaries, excluded adversaries, crisis kinds, regions) are
/// written in one cell, items separated by `;` (ids cannot contain `;`), for
/// example `AZE;TUR` or `europe;middle_east`. An empty cell is the empty
/// list; an empty item (`AZE;;TUR`) is an error.
///
/// Some optional columns came after the first release of the tables:
/// `treaty`, `regions` and `excluded_adversaries` on `commitments.csv`,
/// `regions` on `crises.csv`. The writer writes each of them only when some
/// record of the table uses it (after the other columns, in the order of
/// the tables below), so a timeline without them gives the same bytes as
/// before they existed.
///
/// Because an empty cell means "not given", an empty label or source reads
/// back as none (the JSON format keeps the difference).
///
/// ## `actors.csv`
///
/// | column | required | meaning |
/// |---|---|---|
/// | `id` | yes | actor id |
/// | `name` | yes (may be empty) | display name, kept as written |
/// | `kind` | yes | `state`, `bloc` or `non_state` |
///
/// ## `memberships.csv`
///
/// | column | required | meaning |
/// |---|---|---|
/// | `bloc` | yes | the bloc's id |
/// | `member` | yes | the member's id |
/// | `from` | yes | first day of membership, `YYYY-MM-DD` |
/// | `until` | no | last day; empty = still a member |
///
/// ## `commitments.csv`
///
/// | column | required | default | meaning |
/// |---|---|---|---|
/// | `id` | yes | | commitment id |
/// | `parties` | yes | | `directed`, `mutual` or `bloc` |
/// | `party_a` | yes | | `directed`: the guarantor; `mutual`: one party; `bloc`: the bloc |
/// | `party_b` | for `directed` and `mutual` | | `directed`: the beneficiary; `mutual`: the other party; `bloc`: must be empty |
/// | `obligation` | yes | | `defence`, `offence`, `neutrality`, `non_aggression`, `consultation`, `partnership`, `strategic_partnership` |
/// | `required` | no | the obligation's default | a support kind overriding the required level |
/// | `from` | yes | | first day in force |
/// | `until` | no | in force still | last day in force |
/// | `adversaries` | no | any adversary | `;`-separated actor ids: only crises against one of them invoke it |
/// | `provocation` | no | `unconditional` | or `excluded_if_beneficiary_initiated`, `only_if_beneficiary_initiated` |
/// | `crisis_kinds` | no | all kinds | `;`-separated crisis kinds that invoke it; `none` for no kind at all |
/// | `label` | no | none | free text |
/// | `treaty` | no | none (a treaty of its own) | treaty id: commitments sharing it are clauses of one treaty, judged together; written only when some commitment has one |
/// | `regions` | no | anywhere | `;`-separated region names: only crises in one of them invoke it (ATOP `defcoloc`; a crisis of unknown place is not excluded); written only when some commitment has one |
/// | `excluded_adversaries` | no | none | `;`-separated actor ids: crises against any of them do not invoke it (the other members of the same pact, say); written only when some commitment has one |
///
/// ## `crises.csv`
///
/// | column | required | default | meaning |
/// |---|---|---|---|
/// | `id` | yes | | crisis id |
/// | `target` | yes | | the actor in need |
/// | `from` | yes | | first day |
/// | `until` | no | still running | last day |
/// | `kind` | yes | | `external_attack`, `internal_uprising`, `leader_removed`, `economic_coercion`, `other`, `own_war` |
/// | `severity` | no | 1 | number in (0, 1] |
/// | `adversaries` | no | none | `;`-separated actor ids |
/// | `initiator` | no | `other` | or `target` |
/// | `label` | no | none | free text |
/// | `regions` | no | unknown | `;`-separated region names: where the crisis takes place; written only when some crisis has one |
///
/// Region names are `western_hemisphere`, `europe`, `africa`,
/// `middle_east`, `asia`, `oceania` ([`Region`]); a set is written in the
/// order of [`Region::ALL`] and read in any order, duplicates ignored.
///
/// ## `events.csv`
///
/// | column | required | default | meaning |
/// |---|---|---|---|
/// | `provider` | yes | | who acted |
/// | `recipient` | yes | | toward whom |
/// | `against` | no | none | adversary of a non-hostile act |
/// | `date` | yes | | `YYYY-MM-DD` |
/// | `kind` | yes | | `hostile`, `verbal`, `diplomatic`, `economic`, `materiel`, `military` (not `silence`) |
/// | `intensity` | no | 1 | number in (0, 1] |
/// | `confidence` | no | 1 | number in (0, 1] |
/// | `source` | no | none | free text |
///
/// Numbers are read with Rust's `f64` parser, so `NaN`, `inf` and
/// `infinity` parse and are then rejected as out of range; the writer
/// writes the shortest text that reads back to the same `f64`.
///
/// # Example
///
/// ```
/// use alliance_reliability::format::{read_tables_from, Tables};
///
/// let tables = Tables {
///     actors: &b"id,name,kind\nRUS,Russia,state\nSYR,Syria,state\n"[..],
///     memberships: &b"bloc,member,from,until\n"[..],
///     commitments: &b"id,parties,party_a,party_b,obligation,from\n\
///                     RUS-SYR,directed,RUS,SYR,defence,2015-01-01\n"[..],
///     crises: &b"id,target,from,until,kind,severity\n\
///                SYR-2024,SYR,2024-11-27,2024-12-08,internal_uprising,0.9\n"[..],
///     events: &b"provider,recipient,date,kind,intensity\n\
///                RUS,SYR,2024-12-01,military,0.2\n"[..],
/// };
/// let timeline = read_tables_from(tables)?;
/// assert_eq!(timeline.crises()[0].severity().get(), 0.9);
/// assert_eq!(timeline.event(0).unwrap().intensity().get(), 0.2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tables<T> {
    /// `actors.csv`.
    pub actors: T,
    /// `memberships.csv`.
    pub memberships: T,
    /// `commitments.csv`.
    pub commitments: T,
    /// `crises.csv`.
    pub crises: T,
    /// `events.csv`.
    pub events: T,
}

impl Tables<Vec<u8>> {
    /// The buffers as byte slices, ready for [`read_tables_from`].
    pub fn as_slices(&self) -> Tables<&[u8]> {
        Tables {
            actors: &self.actors,
            memberships: &self.memberships,
            commitments: &self.commitments,
            crises: &self.crises,
            events: &self.events,
        }
    }
}

const ACTORS: &str = "actors.csv";
const MEMBERSHIPS: &str = "memberships.csv";
const COMMITMENTS: &str = "commitments.csv";
const CRISES: &str = "crises.csv";
const EVENTS: &str = "events.csv";

/// A column: its name and whether it is required.
pub(super) type Column = (&'static str, bool);

pub(super) const ACTOR_COLUMNS: &[Column] = &[("id", true), ("name", true), ("kind", true)];
pub(super) const MEMBERSHIP_COLUMNS: &[Column] = &[
    ("bloc", true),
    ("member", true),
    ("from", true),
    ("until", false),
];
pub(super) const COMMITMENT_COLUMNS: &[Column] = &[
    ("id", true),
    ("parties", true),
    ("party_a", true),
    ("party_b", false),
    ("obligation", true),
    ("required", false),
    ("from", true),
    ("until", false),
    ("adversaries", false),
    ("provocation", false),
    ("crisis_kinds", false),
    ("label", false),
    ("treaty", false),
    ("regions", false),
    ("excluded_adversaries", false),
];
pub(super) const CRISIS_COLUMNS: &[Column] = &[
    ("id", true),
    ("target", true),
    ("from", true),
    ("until", false),
    ("kind", true),
    ("severity", false),
    ("adversaries", false),
    ("initiator", false),
    ("label", false),
    ("regions", false),
];
pub(super) const EVENT_COLUMNS: &[Column] = &[
    ("provider", true),
    ("recipient", true),
    ("against", false),
    ("date", true),
    ("kind", true),
    ("intensity", false),
    ("confidence", false),
    ("source", false),
];

/// Reads the five tables in `dir` and builds the timeline.
///
/// Errors name each file by its path.
///
/// # Errors
///
/// [`Error::Io`] if a file is missing or unreadable; otherwise as
/// [`read_tables_from`].
pub fn read_tables(dir: &Path) -> Result<Timeline, Error> {
    let open = |name: &str| -> Result<(File, String), Error> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        File::open(&path)
            .map(|f| (f, shown.clone()))
            .map_err(|e| io_error(Location::file(shown), &e))
    };
    let (a, an) = open(ACTORS)?;
    let (m, mn) = open(MEMBERSHIPS)?;
    let (c, cn) = open(COMMITMENTS)?;
    let (k, kn) = open(CRISES)?;
    let (e, en) = open(EVENTS)?;
    read_named(
        Tables {
            actors: (a, an),
            memberships: (m, mn),
            commitments: (c, cn),
            crises: (k, kn),
            events: (e, en),
        },
        Some(&dir.join(EVENTS)),
    )
}

/// Reads the five tables from readers (named `actors.csv`, ... in errors)
/// and builds the timeline.
///
/// # Errors
///
/// - [`Error::EmptyInput`] for a table without even a header line;
/// - [`Error::MissingColumn`] for a required column that is not there;
/// - [`Error::Malformed`] for an unknown or repeated column, a row with
///   more or fewer fields than the header, unreadable CSV (bad UTF-8, say),
///   or a bad value; `location` names the file, line and column, `value`
///   the offending text;
/// - [`Error::Io`] if reading fails;
/// - [`Error::InvalidTimeline`] with every validation problem.
pub fn read_tables_from<R: Read>(tables: Tables<R>) -> Result<Timeline, Error> {
    read_named(
        Tables {
            actors: (tables.actors, ACTORS.to_string()),
            memberships: (tables.memberships, MEMBERSHIPS.to_string()),
            commitments: (tables.commitments, COMMITMENTS.to_string()),
            crises: (tables.crises, CRISES.to_string()),
            events: (tables.events, EVENTS.to_string()),
        },
        None,
    )
}

/// Reads the tables; `events_path`, when the events come from a file,
/// lets the events be streamed (and the file read again by the checking
/// reader if the fast one gives up, see `events_fast`).
fn read_named<R: Read>(
    t: Tables<(R, String)>,
    events_path: Option<&Path>,
) -> Result<Timeline, Error> {
    let actors = read_table(t.actors, ACTOR_COLUMNS, actor)?;
    let memberships = read_table(t.memberships, MEMBERSHIP_COLUMNS, membership)?;
    let commitments = read_table(t.commitments, COMMITMENT_COLUMNS, commitment)?;
    let crises = read_table(t.crises, CRISIS_COLUMNS, crisis)?;
    // The fast events reader on the timeline without events; if it gives
    // up, the checking reader below reads them again and reports.
    let base = Timeline::builder()
        .actors(actors.iter().cloned())
        .memberships(memberships.iter().cloned())
        .commitments(commitments.iter().cloned())
        .crises(crises.iter().cloned())
        .build();
    let (reader, name) = t.events;
    let events = match (base, events_path) {
        (Ok(base), Some(path)) => {
            #[cfg(feature = "rayon")]
            let fast = events_fast::read_events_parallel(base, reader);
            #[cfg(not(feature = "rayon"))]
            let fast = events_fast::read_events(base, reader);
            if let Some(tl) = fast {
                return Ok(tl);
            }
            let again = File::open(path).map_err(|e| io_error(Location::file(name.clone()), &e))?;
            read_events_checked(again, name)?
        }
        (base, _) => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(Location::file(name.clone()), &e))?;
            #[cfg(feature = "rayon")]
            let fast = base.map(|b| events_fast::read_events_parallel(b, &bytes[..]));
            #[cfg(not(feature = "rayon"))]
            let fast = base.map(|b| events_fast::read_events(b, &bytes[..]));
            if let Ok(Some(tl)) = fast {
                return Ok(tl);
            }
            read_events_checked(&bytes[..], name)?
        }
    };
    Timeline::builder()
        .actors(actors)
        .memberships(memberships)
        .commitments(commitments)
        .crises(crises)
        .events(events)
        .build()
}

/// The checking reader of `events.csv`: every row through the model's
/// constructors, errors naming file, line, field and value.
pub(super) fn read_events_checked<R: Read>(
    reader: R,
    name: String,
) -> Result<Vec<SupportEvent>, Error> {
    read_table((reader, name), EVENT_COLUMNS, event)
}

pub(super) fn actor(r: &Row<'_>) -> Result<Actor, Error> {
    let kind = r.required("kind")?;
    let kind = parse_actor_kind(kind).ok_or_else(|| {
        r.bad(
            "kind",
            kind,
            "unknown actor kind; expected state, bloc or non_state",
        )
    })?;
    Actor::new(r.id("id")?, r.raw("name").unwrap_or_default(), kind)
        .map_err(|e| r.bad("id", r.raw("id").unwrap_or_default(), e))
}

pub(super) fn membership(r: &Row<'_>) -> Result<Membership, Error> {
    let period = r.period("from", "until")?;
    Membership::new(r.id("bloc")?, r.id("member")?, period).map_err(|e| r.bad("bloc", "", e))
}

pub(super) fn commitment(r: &Row<'_>) -> Result<Commitment, Error> {
    let a = r.id("party_a")?;
    let kind = r.required("parties")?;
    let parties = match kind {
        "directed" => Parties::Directed {
            guarantor: a,
            beneficiary: r.id("party_b")?,
        },
        "mutual" => Parties::Mutual(a, r.id("party_b")?),
        "bloc" => {
            if let Some(b) = r.cell("party_b") {
                return Err(r.bad(
                    "party_b",
                    b,
                    "a bloc commitment names only the bloc, in party_a",
                ));
            }
            Parties::Bloc(a)
        }
        other => {
            return Err(r.bad(
                "parties",
                other,
                "unknown parties kind; expected directed, mutual or bloc",
            ));
        }
    };
    let obligation = r.name("obligation", &Obligation::ALL)?;
    let period = r.period("from", "until")?;
    let mut c = Commitment::new(r.required("id")?, parties, obligation, period)
        .map_err(|e| r.bad("id", r.raw("id").unwrap_or_default(), e))?;
    if r.cell("required").is_some() {
        c = c.with_required(r.name("required", &SupportKind::ALL)?);
    }
    c = c.with_adversaries(r.ids("adversaries")?);
    if let Some(p) = r.cell("provocation") {
        c = c.with_provocation(parse_provocation(p).ok_or_else(|| {
            r.bad(
                "provocation",
                p,
                "unknown provocation; expected unconditional, excluded_if_beneficiary_initiated or only_if_beneficiary_initiated",
            )
        })?);
    }
    match r.cell("crisis_kinds") {
        None => {}
        Some("none") => c = c.with_crisis_kinds(CrisisKinds::of([])),
        Some(list) => {
            let mut kinds = Vec::new();
            for item in list.split(';') {
                let item = item.trim();
                if item.is_empty() {
                    return Err(r.bad("crisis_kinds", list, "empty item in a `;`-separated list"));
                }
                kinds.push(CrisisKind::from_str(item).map_err(|e| r.bad("crisis_kinds", item, e))?);
            }
            c = c.with_crisis_kinds(CrisisKinds::of(kinds));
        }
    }
    if let Some(label) = r.text("label") {
        c = c.with_label(label);
    }
    if let Some(t) = r.cell("treaty") {
        c = c.with_treaty(TreatyId::new(t).map_err(|e| r.bad("treaty", t, e))?);
    }
    c = c
        .with_regions(r.regions("regions")?)
        .with_excluded_adversaries(r.ids("excluded_adversaries")?);
    Ok(c)
}

pub(super) fn crisis(r: &Row<'_>) -> Result<Crisis, Error> {
    let period = r.period("from", "until")?;
    let kind = r.name("kind", &CrisisKind::ALL)?;
    let target = r.id("target")?;
    let mut c = Crisis::new(r.required("id")?, target, period, kind)
        .map_err(|e| r.bad("id", r.raw("id").unwrap_or_default(), e))?
        .with_adversaries(r.ids("adversaries")?);
    if let Some(s) = r.unit("severity", Severity::new)? {
        c = c.with_severity(s);
    }
    if let Some(i) = r.cell("initiator") {
        c = c.with_initiator(parse_initiator(i).ok_or_else(|| {
            r.bad(
                "initiator",
                i,
                "unknown initiator; expected other or target",
            )
        })?);
    }
    if let Some(label) = r.text("label") {
        c = c.with_label(label);
    }
    Ok(c.with_regions(r.regions("regions")?))
}

pub(super) fn event(r: &Row<'_>) -> Result<SupportEvent, Error> {
    let provider = r.id("provider")?;
    let recipient = r.id("recipient")?;
    let date = r.date("date")?;
    let kind = r.name("kind", &SupportKind::ALL)?;
    let mut e = SupportEvent::new(provider, recipient, date, kind)
        .map_err(|e| r.bad("kind", kind.as_str(), e))?;
    if r.cell("against").is_some() {
        let against = r.id("against")?;
        if kind == SupportKind::Hostile {
            return Err(r.bad("against", against.as_str(), Error::HostileAgainst));
        }
        e = e.against(against);
    }
    if let Some(i) = r.unit("intensity", Intensity::new)? {
        e = e.with_intensity(i);
    }
    if let Some(c) = r.unit("confidence", Confidence::new)? {
        e = e.with_confidence(c);
    }
    if let Some(s) = r.text("source") {
        e = e.with_source(s);
    }
    Ok(e)
}

/// Reads one table: header, then each row through `make`.
fn read_table<R: Read, T>(
    (reader, name): (R, String),
    columns: &'static [Column],
    make: impl Fn(&Row<'_>) -> Result<T, Error>,
) -> Result<Vec<T>, Error> {
    let file = Location::file(name);
    // Read whole, so that line numbers can be counted from byte offsets:
    // the `csv` crate counts only `\n`, and files with bare-CR line endings
    // would all be "line 1".
    let mut bytes = Vec::new();
    let mut reader = reader;
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(file.clone(), &e))?;
    let bytes = &bytes[..];
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(bytes);
    let headers = rdr
        .headers()
        .map_err(|e| csv_error(&file, bytes, e))?
        .clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].trim().is_empty()) {
        return Err(Error::EmptyInput(file));
    }
    let index = header_index(&headers, columns, &file)?;
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = Lines::default();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(&file, bytes, e)),
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = lines.at(bytes, start);
        unterminated_quote(bytes, start, rdr.position().byte(), &file, line)?;
        if record.len() != headers.len() {
            return Err(Error::Malformed {
                location: file.clone().at_line(line),
                value: shorten(&record.iter().collect::<Vec<_>>().join(",")),
                reason: format!(
                    "the row has {} fields, the header has {}",
                    record.len(),
                    headers.len()
                ),
            });
        }
        let row = Row {
            record: &record,
            line,
            file: &file,
            columns,
            index: &index,
        };
        out.push(make(&row)?);
    }
    Ok(out)
}

/// For each of `columns`, its position in the header (if present).
pub(super) fn header_index(
    headers: &csv::StringRecord,
    columns: &[Column],
    file: &Location,
) -> Result<Vec<Option<usize>>, Error> {
    let mut index = vec![None; columns.len()];
    let expected = || columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", ");
    for (pos, h) in headers.iter().enumerate() {
        let clean = h.trim_start_matches('\u{feff}').trim();
        let Some(c) = columns.iter().position(|c| c.0.eq_ignore_ascii_case(clean)) else {
            return Err(Error::Malformed {
                location: file.clone().at_line(1).at_field(clean),
                value: shorten(h),
                reason: format!("unknown column; the columns are {}", expected()),
            });
        };
        if index[c].is_some() {
            return Err(Error::Malformed {
                location: file.clone().at_line(1).at_field(clean),
                value: shorten(h),
                reason: "the column appears twice".to_string(),
            });
        }
        index[c] = Some(pos);
    }
    for (c, (name, required)) in columns.iter().enumerate() {
        if *required && index[c].is_none() {
            return Err(Error::MissingColumn {
                location: file.clone().at_line(1),
                column: name.to_string(),
            });
        }
    }
    Ok(index)
}

/// The 1-based physical line at byte offset `at`: one more than the line
/// endings before it, counting `\n`, `\r\n` and a bare `\r` once each.
fn line_at(bytes: &[u8], at: u64) -> u64 {
    Lines::default().at(bytes, at)
}

/// Counts physical lines forward through a buffer, so that numbering every
/// record of a table costs one pass, not one pass per record.
#[derive(Default)]
struct Lines {
    /// Bytes counted so far.
    byte: usize,
    /// Line endings among them.
    breaks: u64,
}

impl Lines {
    /// The 1-based line at byte offset `at`, which must not be before the
    /// previous call's (an earlier offset starts the count again).
    ///
    /// `csv` places a record just after the previous record's terminator:
    /// at the first of any blank lines before it, or at the `\n` of a
    /// `\r\n`. The line ends at `at` are skipped first, so the line is the
    /// one the record's first byte is on.
    fn at(&mut self, bytes: &[u8], at: u64) -> u64 {
        let mut end = usize::try_from(at).map_or(bytes.len(), |a| a.min(bytes.len()));
        while matches!(bytes.get(end), Some(b'\n' | b'\r')) {
            end += 1;
        }
        if end < self.byte {
            *self = Lines::default();
        }
        for i in self.byte..end {
            let b = bytes[i];
            if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                self.breaks += 1;
            }
        }
        self.byte = end;
        1 + self.breaks
    }
}

/// Converts a `csv` error, with the line counted in `bytes`.
fn csv_error(file: &Location, bytes: &[u8], e: csv::Error) -> Error {
    let mut location = file.clone();
    location.line = e.position().map(|p| line_at(bytes, p.byte()));
    match e.kind() {
        csv::ErrorKind::Io(io) => io_error(location, io),
        csv::ErrorKind::Utf8 { err, .. } => Error::Malformed {
            location,
            value: String::new(),
            reason: format!("invalid UTF-8 in field {}", err.field() + 1),
        },
        _ => Error::Malformed {
            location,
            value: String::new(),
            reason: e.to_string(),
        },
    }
}

/// An error if the record from byte `start` to byte `end` runs to the end
/// of the input across line ends with an odd number of `"`: a quoted field
/// opened on `line` and never closed, which the `csv` crate reads as one
/// field holding the rest of the file (every later row would be lost into
/// it, or reported as one odd row). A properly quoted field that spans
/// lines has an even count (opening, closing, and `""` escapes). An
/// unclosed quote on the last line of a file that does not end with a line
/// break loses nothing and is read as `csv` reads it.
fn unterminated_quote(
    bytes: &[u8],
    start: u64,
    end: u64,
    file: &Location,
    line: u64,
) -> Result<(), Error> {
    let start = usize::try_from(start).map_or(bytes.len(), |s| s.min(bytes.len()));
    let end = usize::try_from(end).map_or(bytes.len(), |e| e.min(bytes.len()));
    if end < bytes.len() {
        return Ok(());
    }
    let raw = bytes[start..end].trim_ascii();
    let spans_lines = raw.iter().any(|&b| b == b'\n' || b == b'\r');
    let quotes = raw.iter().filter(|&&b| b == b'"').count();
    if spans_lines && quotes % 2 == 1 {
        let first = raw
            .split(|&b| b == b'\n' || b == b'\r')
            .next()
            .unwrap_or(raw);
        return Err(Error::Malformed {
            location: file.clone().at_line(line),
            value: shorten(&String::from_utf8_lossy(first)),
            reason: "unterminated quoted field: a `\"` opened on this line is never closed, \
                     so the rest of the file would be read as one field"
                .to_string(),
        });
    }
    Ok(())
}

/// One row of a table, with typed access to its cells. The Arrow and
/// Parquet readers (`arrow` feature) give their rows' cells as text too, so
/// every table reads its values one way.
pub(super) struct Row<'a> {
    record: &'a csv::StringRecord,
    line: u64,
    file: &'a Location,
    columns: &'static [Column],
    index: &'a [Option<usize>],
}

impl<'a> Row<'a> {
    /// A row of `file`: the cells of `record`, column `columns[c]` at
    /// `index[c]`; errors name `line`.
    #[cfg(feature = "arrow")]
    pub(super) fn new(
        record: &'a csv::StringRecord,
        line: u64,
        file: &'a Location,
        columns: &'static [Column],
        index: &'a [Option<usize>],
    ) -> Row<'a> {
        Row {
            record,
            line,
            file,
            columns,
            index,
        }
    }

    /// The untrimmed cell of column `name`, if the table has that column.
    fn raw(&self, name: &str) -> Option<&'a str> {
        let c = self.columns.iter().position(|c| c.0 == name)?;
        self.index[c].and_then(|pos| self.record.get(pos))
    }

    /// The trimmed cell, `None` if the column is absent or the cell empty.
    fn cell(&self, name: &str) -> Option<&'a str> {
        self.raw(name).map(str::trim).filter(|s| !s.is_empty())
    }

    /// The untrimmed cell of a text column, `None` if absent or empty.
    fn text(&self, name: &str) -> Option<&'a str> {
        self.raw(name).filter(|s| !s.is_empty())
    }

    /// The trimmed cell, which must not be empty.
    fn required(&self, name: &str) -> Result<&'a str, Error> {
        self.cell(name)
            .ok_or_else(|| self.bad(name, "", "a value is required"))
    }

    fn bad(&self, name: &str, value: &str, reason: impl ToString) -> Error {
        Error::Malformed {
            location: self.file.clone().at_line(self.line).at_field(name),
            value: shorten(value),
            reason: reason.to_string(),
        }
    }

    fn id(&self, name: &str) -> Result<ActorId, Error> {
        let s = self.required(name)?;
        ActorId::new(s).map_err(|e| self.bad(name, s, e))
    }

    fn ids(&self, name: &str) -> Result<Vec<ActorId>, Error> {
        let Some(list) = self.cell(name) else {
            return Ok(Vec::new());
        };
        list.split(';')
            .map(|item| {
                let item = item.trim();
                if item.is_empty() {
                    Err(self.bad(name, list, "empty item in a `;`-separated list"))
                } else {
                    ActorId::new(item).map_err(|e| self.bad(name, item, e))
                }
            })
            .collect()
    }

    /// A `;`-separated set of region names; an empty cell is the empty set.
    fn regions(&self, name: &str) -> Result<Regions, Error> {
        let Some(list) = self.cell(name) else {
            return Ok(Regions::NONE);
        };
        let mut regions = Vec::new();
        for item in list.split(';') {
            let item = item.trim();
            if item.is_empty() {
                return Err(self.bad(name, list, "empty item in a `;`-separated list"));
            }
            regions.push(parse_region(item).ok_or_else(|| {
                let expected: Vec<&str> = Region::ALL.iter().map(|r| r.as_str()).collect();
                self.bad(
                    name,
                    item,
                    format!("unknown region; expected one of {}", expected.join(", ")),
                )
            })?);
        }
        Ok(Regions::of(regions))
    }

    /// A name of an enumeration, one of `all`.
    fn name<T: FromStr<Err = Error> + std::fmt::Display>(
        &self,
        name: &str,
        all: &[T],
    ) -> Result<T, Error> {
        let s = self.required(name)?;
        s.parse().map_err(|e: Error| {
            let expected: Vec<String> = all.iter().map(ToString::to_string).collect();
            self.bad(
                name,
                s,
                format!("{e}; expected one of {}", expected.join(", ")),
            )
        })
    }

    fn date(&self, name: &str) -> Result<NaiveDate, Error> {
        self.optional_date(name)?
            .ok_or_else(|| self.bad(name, "", "a value is required"))
    }

    fn optional_date(&self, name: &str) -> Result<Option<NaiveDate>, Error> {
        let Some(s) = self.cell(name) else {
            return Ok(None);
        };
        let d = NaiveDate::from_str(s)
            .map_err(|e| self.bad(name, s, format!("not a YYYY-MM-DD date ({e})")))?;
        check_date(d).map(Some).map_err(|e| self.bad(name, s, e))
    }

    fn period(&self, from: &str, until: &str) -> Result<Period, Error> {
        let start = self.date(from)?;
        let end = self.optional_date(until)?;
        Period::new(start, end)
            .map_err(|e| self.bad(until, self.cell(until).unwrap_or_default(), e))
    }

    fn unit<T>(&self, name: &str, make: fn(f64) -> Result<T, Error>) -> Result<Option<T>, Error> {
        let Some(s) = self.cell(name) else {
            return Ok(None);
        };
        let x: f64 = s.parse().map_err(|_| self.bad(name, s, "not a number"))?;
        make(x).map(Some).map_err(|e| self.bad(name, s, e))
    }
}

/// Writes the five tables of `timeline` into `dir`, creating the folder if
/// needed and replacing the files if they exist.
///
/// Reading them back with [`read_tables`] gives the same timeline, except
/// that empty labels and sources read back as none.
///
/// # Errors
///
/// [`Error::Io`], naming the path, if the folder or a file cannot be
/// created or written.
pub fn write_tables(timeline: &Timeline, dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| io_error(Location::file(dir.display().to_string()), &e))?;
    let create = |name: &str| -> Result<(File, String), Error> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        File::create(&path)
            .map(|f| (f, shown.clone()))
            .map_err(|e| io_error(Location::file(shown), &e))
    };
    write_named(
        timeline,
        Tables {
            actors: create(ACTORS)?,
            memberships: create(MEMBERSHIPS)?,
            commitments: create(COMMITMENTS)?,
            crises: create(CRISES)?,
            events: create(EVENTS)?,
        },
    )
}

/// Writes the five tables of `timeline` to writers.
///
/// # Errors
///
/// [`Error::Io`] if writing fails.
pub fn write_tables_to<W: Write>(timeline: &Timeline, tables: &mut Tables<W>) -> Result<(), Error> {
    write_named(
        timeline,
        Tables {
            actors: (&mut tables.actors, ACTORS.to_string()),
            memberships: (&mut tables.memberships, MEMBERSHIPS.to_string()),
            commitments: (&mut tables.commitments, COMMITMENTS.to_string()),
            crises: (&mut tables.crises, CRISES.to_string()),
            events: (&mut tables.events, EVENTS.to_string()),
        },
    )
}

fn write_named<W: Write>(t: &Timeline, w: Tables<(W, String)>) -> Result<(), Error> {
    write_table(
        w.actors,
        &kept(ACTOR_COLUMNS, &[]),
        t.actors().iter().map(|a| {
            vec![
                a.id().to_string(),
                a.name().to_string(),
                actor_kind_name(a.kind()).to_string(),
            ]
        }),
    )?;
    write_table(
        w.memberships,
        &kept(MEMBERSHIP_COLUMNS, &[]),
        t.memberships().iter().map(|m| {
            let (from, until) = period_cells(m.period());
            vec![m.bloc().to_string(), m.member().to_string(), from, until]
        }),
    )?;
    // The optional columns added after the first release (`treaty`,
    // `regions`, `excluded_adversaries`) are written only when some record
    // uses them, so files without them are byte for byte as they were.
    let commitments = t.commitments();
    let keep = kept(
        COMMITMENT_COLUMNS,
        &[
            ("treaty", commitments.iter().any(|c| c.treaty().is_some())),
            (
                "regions",
                commitments.iter().any(|c| !c.triggers().regions.is_empty()),
            ),
            (
                "excluded_adversaries",
                commitments
                    .iter()
                    .any(|c| !c.triggers().excluded_adversaries.is_empty()),
            ),
        ],
    );
    write_table(w.commitments, &keep, commitments.iter().map(commitment_row))?;
    let crises = t.crises();
    let keep = kept(
        CRISIS_COLUMNS,
        &[("regions", crises.iter().any(|c| !c.regions().is_empty()))],
    );
    write_table(w.crises, &keep, crises.iter().map(crisis_row))?;
    write_table(
        w.events,
        &kept(EVENT_COLUMNS, &[]),
        t.events().map(|e| event_row(&e)),
    )
}

/// Which of `columns` to write, as (name, written): all but those named in
/// `optional` with `false` (columns no record uses).
fn kept(columns: &'static [Column], optional: &[(&str, bool)]) -> Vec<(&'static str, bool)> {
    columns
        .iter()
        .map(|&(name, _)| {
            let used = optional
                .iter()
                .find(|(n, _)| *n == name)
                .is_none_or(|&(_, used)| used);
            (name, used)
        })
        .collect()
}

fn join_regions(regions: Regions) -> String {
    regions
        .iter()
        .map(Region::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

fn period_cells(p: Period) -> (String, String) {
    (
        p.from().to_string(),
        p.until().map(|d| d.to_string()).unwrap_or_default(),
    )
}

fn join_ids(ids: &[ActorId]) -> String {
    ids.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

pub(super) fn commitment_row(c: &Commitment) -> Vec<String> {
    let (kind, a, b) = match c.parties() {
        Parties::Directed {
            guarantor,
            beneficiary,
        } => ("directed", guarantor.to_string(), beneficiary.to_string()),
        Parties::Mutual(a, b) => ("mutual", a.to_string(), b.to_string()),
        Parties::Bloc(b) => ("bloc", b.to_string(), String::new()),
    };
    let (from, until) = period_cells(c.period());
    let t = c.triggers();
    let kinds = if t.kinds == CrisisKinds::ALL {
        String::new()
    } else if t.kinds.is_empty() {
        "none".to_string()
    } else {
        t.kinds
            .iter()
            .map(CrisisKind::as_str)
            .collect::<Vec<_>>()
            .join(";")
    };
    vec![
        c.id().to_string(),
        kind.to_string(),
        a,
        b,
        c.obligation().to_string(),
        c.required_override()
            .map(|k| k.to_string())
            .unwrap_or_default(),
        from,
        until,
        join_ids(&t.adversaries),
        provocation_name(t.provocation).to_string(),
        kinds,
        c.label().unwrap_or_default().to_string(),
        c.treaty().map(|t| t.to_string()).unwrap_or_default(),
        join_regions(t.regions),
        join_ids(&t.excluded_adversaries),
    ]
}

pub(super) fn crisis_row(c: &Crisis) -> Vec<String> {
    let (from, until) = period_cells(c.period());
    vec![
        c.id().to_string(),
        c.target().to_string(),
        from,
        until,
        c.kind().to_string(),
        c.severity().to_string(),
        join_ids(c.adversaries()),
        initiator_name(c.initiator()).to_string(),
        c.label().unwrap_or_default().to_string(),
        join_regions(c.regions()),
    ]
}

fn event_row(e: &SupportEvent) -> Vec<String> {
    vec![
        e.provider().to_string(),
        e.recipient().to_string(),
        e.against_actor().map(|a| a.to_string()).unwrap_or_default(),
        e.date().to_string(),
        e.kind().to_string(),
        e.intensity().to_string(),
        e.confidence().to_string(),
        e.source().unwrap_or_default().to_string(),
    ]
}

/// Writes the header and rows, keeping the cells of the columns marked
/// kept (`columns` as [`kept`] gives them; each row has one cell per column).
fn write_table<W: Write>(
    (writer, name): (W, String),
    columns: &[(&str, bool)],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), Error> {
    let file = Location::file(name);
    let mut w = csv::Writer::from_writer(writer);
    w.write_record(columns.iter().filter(|c| c.1).map(|c| c.0))
        .map_err(|e| csv_error(&file, &[], e))?;
    for row in rows {
        let cells = row.iter().zip(columns).filter(|(_, c)| c.1).map(|(v, _)| v);
        w.write_record(cells)
            .map_err(|e| csv_error(&file, &[], e))?;
    }
    w.flush().map_err(|e| io_error(file, &e))
}
