//! The versioned JSON timeline document, `alliance-timeline/1`.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_path_to_error::Segment;

use super::json_fast;
use super::{check_date, io_error, shorten};
use crate::{
    Actor, ActorId, ActorKind, Commitment, CommitmentId, Confidence, Crisis, CrisisId, CrisisKind,
    CrisisKinds, Error, Initiator, Intensity, Location, Membership, Obligation, Parties, Period,
    Provocation, Regions, Severity, SupportEvent, SupportKind, Timeline, TreatyId, Triggers,
};

/// The format tag this crate writes and reads: `"alliance-timeline/1"`.
pub const FORMAT: &str = "alliance-timeline/1";

/// A timeline as a versioned JSON document, `alliance-timeline/1`.
///
/// [`write_json`] writes one record per line, so that a line number in an
/// error points at one record and diffs stay readable. Any JSON layout is
/// read. A UTF-8 byte-order mark before the document is skipped.
///
/// ```json
/// {
///   "format": "alliance-timeline/1",
///   "actors": [ ... ],
///   "memberships": [ ... ],
///   "commitments": [ ... ],
///   "crises": [ ... ],
///   "events": [ ... ]
/// }
/// ```
///
/// `format` is required and must be exactly `"alliance-timeline/1"`
/// (otherwise [`Error::UnsupportedFormat`], checked before anything else,
/// so that a later version is reported as such rather than as a bad field).
/// Each of the five arrays may be left out (no records of that kind).
/// Unknown keys are rejected at every level, so that a misspelt optional
/// field (`"confidance"`) is an error instead of a silent default.
///
/// Optional fields may be left out; those whose default is "none"
/// (`until`, `required`, `triggers`, `label`, `against`, `source`) may also
/// be `null`. The writer leaves out every field that holds its default.
/// See the [module docs](crate::format) for names, dates, ids and quantities.
///
/// Each record has the shape the model type itself serializes to with
/// serde (`serde_json::to_string(&commitment)`), so such output can be
/// pasted into a document as it is.
///
/// ## `actors`: [`Actor`]
///
/// | field | type | required | meaning |
/// |---|---|---|---|
/// | `id` | actor id | yes | `"RUS"`, `"CSTO"`, `"COW:365"` |
/// | `name` | string | yes | display name (may be empty) |
/// | `kind` | `state` \| `bloc` \| `non_state` | yes | blocs can have memberships and bloc-wide commitments |
///
/// ## `memberships`: [`Membership`]
///
/// | field | type | required | meaning |
/// |---|---|---|---|
/// | `bloc` | actor id | yes | an actor of kind `bloc` |
/// | `member` | actor id | yes | the member |
/// | `period` | period | yes | when it was a member |
///
/// A **period** is an object `{"from": "YYYY-MM-DD", "until": "YYYY-MM-DD"}`;
/// `until` is optional (still running) and must not be before `from`.
/// Both days are included.
///
/// ## `commitments`: [`Commitment`]
///
/// | field | type | required | default | meaning |
/// |---|---|---|---|---|
/// | `id` | commitment id | yes | | `"CST-art4"` |
/// | `parties` | parties | yes | | who owes whom, see below |
/// | `obligation` | obligation name | yes | | `defence`, `offence`, `neutrality`, `non_aggression`, `consultation`, `partnership`, `strategic_partnership` |
/// | `required` | support kind | no | the obligation's default | overrides the least support that fulfils the commitment |
/// | `period` | period | yes | | when the commitment is in force |
/// | `triggers` | object | no | any crisis | see below |
/// | `label` | string | no | none | the treaty's name, say |
/// | `treaty` | treaty id | no | none (a treaty of its own) | commitments sharing it are clauses of one treaty, judged together |
///
/// `parties` is one of
/// - `{"directed": {"guarantor": "RUS", "beneficiary": "SYR"}}`: the guarantor owes the beneficiary;
/// - `{"mutual": ["ARM", "RUS"]}`: each owes the other;
/// - `{"bloc": "CSTO"}`: every member owes every other member while both are members.
///
/// `triggers` ([`Triggers`]) has five optional fields:
///
/// | field | type | default | meaning |
/// |---|---|---|---|
/// | `adversaries` | array of actor ids | `[]` = any adversary | only crises against one of these invoke the commitment (read in any order, kept sorted without duplicates) |
/// | `provocation` | `unconditional` \| `excluded_if_beneficiary_initiated` \| `only_if_beneficiary_initiated` | `unconditional` | whether the beneficiary's own aggression invokes it |
/// | `kinds` | array of crisis kinds | all five kinds | which kinds of crisis invoke it; `[]` means none |
/// | `regions` | array of region names | `[]` = anywhere | only crises in one of these regions invoke it (ATOP `defcoloc`; a crisis of unknown place is not excluded); read in any order, duplicates ignored, written in the order of [`Region::ALL`](crate::Region::ALL) |
/// | `excluded_adversaries` | array of actor ids | `[]` = none excluded | crises against any of these do not invoke it, for example the other members of the same pact (read in any order, kept sorted without duplicates) |
///
/// ## `crises`: [`Crisis`]
///
/// | field | type | required | default | meaning |
/// |---|---|---|---|---|
/// | `id` | crisis id | yes | | `"ARM-2022-09"` |
/// | `target` | actor id | yes | | the actor in need |
/// | `period` | period | yes | | start and optional end |
/// | `kind` | crisis kind | yes | | `external_attack`, `internal_uprising`, `leader_removed`, `economic_coercion`, `other`, `own_war` |
/// | `severity` | number in (0, 1] | no | 1 | weight of every test the crisis makes |
/// | `adversaries` | array of actor ids | no | `[]` | whom the target faces (kept sorted without duplicates) |
/// | `initiator` | `other` \| `target` | no | `other` | `target` if the target started it |
/// | `label` | string | no | none | |
/// | `regions` | array of region names | no | `[]` = unknown | where the crisis takes place (for a war, COW's `WhereFought`); read in any order, duplicates ignored, written in the order of [`Region::ALL`](crate::Region::ALL) |
///
/// Region names are `western_hemisphere`, `europe`, `africa`,
/// `middle_east`, `asia`, `oceania` ([`Region`](crate::Region)).
///
/// ## `events`: [`SupportEvent`]
///
/// | field | type | required | default | meaning |
/// |---|---|---|---|---|
/// | `provider` | actor id | yes | | who acted |
/// | `recipient` | actor id | yes | | toward whom |
/// | `against` | actor id | no | none | the adversary a non-hostile act was directed against; not allowed on `hostile` events |
/// | `date` | date | yes | | when |
/// | `kind` | support kind | yes | | `hostile`, `verbal`, `diplomatic`, `economic`, `materiel`, `military`; **not** `silence`, which is the absence of events |
/// | `intensity` | number in (0, 1] | no | 1 | how much of its rung the act delivers |
/// | `confidence` | number in (0, 1] | no | 1 | probability that it happened |
/// | `source` | string | no | none | the source text |
///
/// Quantities are JSON numbers; strings such as `"0.5"` or `"NaN"` are
/// rejected, and so are numbers too large for a 64-bit float (`1e999`).
///
/// The complete example `data/examples/sample.timeline.json` uses every
/// field and kind except the location and exclusion fields (`regions`,
/// `excluded_adversaries`), which the tests of this module cover.
///
/// # Example
///
/// ```
/// use alliance_reliability::format::TimelineDocument;
///
/// let text = r#"{"format": "alliance-timeline/1",
///   "actors": [{"id": "RUS", "name": "Russia", "kind": "state"},
///              {"id": "SYR", "name": "Syria", "kind": "state"}],
///   "events": [{"provider": "RUS", "recipient": "SYR", "date": "2015-09-30", "kind": "military"}]}"#;
/// let doc: TimelineDocument = serde_json::from_str(text)?;
/// let timeline = doc.into_timeline()?;
/// assert_eq!(timeline.event_count(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineDocument {
    #[serde(default)]
    format: String,
    #[serde(default)]
    actors: Vec<ActorRecord>,
    #[serde(default)]
    memberships: Vec<MembershipRecord>,
    #[serde(default)]
    commitments: Vec<CommitmentRecord>,
    #[serde(default)]
    crises: Vec<CrisisRecord>,
    #[serde(default)]
    events: Vec<EventRecord>,
}

impl TimelineDocument {
    /// The document of `timeline`, tagged [`FORMAT`].
    pub fn from_timeline(timeline: &Timeline) -> TimelineDocument {
        TimelineDocument {
            format: FORMAT.to_string(),
            actors: timeline.actors().iter().cloned().map(ActorRecord).collect(),
            memberships: timeline
                .memberships()
                .iter()
                .cloned()
                .map(MembershipRecord)
                .collect(),
            commitments: timeline
                .commitments()
                .iter()
                .cloned()
                .map(CommitmentRecord)
                .collect(),
            crises: timeline
                .crises()
                .iter()
                .cloned()
                .map(CrisisRecord)
                .collect(),
            events: timeline.events().map(EventRecord).collect(),
        }
    }

    /// The format tag the document declares (empty if it declares none).
    pub fn format(&self) -> &str {
        &self.format
    }

    /// Validates the document and builds its timeline.
    ///
    /// # Errors
    ///
    /// [`Error::UnsupportedFormat`] if the document is not tagged [`FORMAT`]
    /// (`found` is `"(missing)"` when it has no tag);
    /// [`Error::InvalidTimeline`] with every problem
    /// [`TimelineBuilder::build`](crate::TimelineBuilder::build) finds.
    pub fn into_timeline(self) -> Result<Timeline, Error> {
        if self.format != FORMAT {
            return Err(Error::UnsupportedFormat {
                location: Location::file("(document)").at_field("format"),
                found: if self.format.is_empty() {
                    "(missing)".to_string()
                } else {
                    self.format
                },
                expected: FORMAT.to_string(),
            });
        }
        Timeline::builder()
            .actors(self.actors.into_iter().map(|r| r.0))
            .memberships(self.memberships.into_iter().map(|r| r.0))
            .commitments(self.commitments.into_iter().map(|r| r.0))
            .crises(self.crises.into_iter().map(|r| r.0))
            .events(self.events.into_iter().map(|r| r.0))
            .build()
    }
}

/// Reads an `alliance-timeline/1` document and builds its timeline.
///
/// `source_name` names the stream in errors (a file name, say). The whole
/// input is read into memory first.
///
/// # Errors
///
/// - [`Error::Io`] if reading fails;
/// - [`Error::EmptyInput`] if the input is empty or only whitespace;
/// - [`Error::UnsupportedFormat`] if `format` is missing or not [`FORMAT`];
/// - [`Error::Malformed`] for bad JSON or a bad value: `location` has the
///   line and the JSON path (`events[3].date`), `reason` the parser's
///   message and the column, `value` the offending value as written (or
///   the text around the error, for syntax errors);
/// - [`Error::InvalidTimeline`] with every validation problem.
///
/// # Example
///
/// ```
/// use alliance_reliability::Error;
/// use alliance_reliability::format::read_json;
///
/// let text = br#"{"format": "alliance-timeline/1",
///   "actors": [{"id": "RUS", "name": "Russia", "kind": "superpower"}]}"#;
/// match read_json(&text[..], "doc.json") {
///     Err(Error::Malformed { location, value, .. }) => {
///         assert_eq!(location.line, Some(2));
///         assert_eq!(location.field.as_deref(), Some("actors[0].kind"));
///         assert_eq!(value, "superpower");
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_json<R: Read>(mut reader: R, source_name: &str) -> Result<Timeline, Error> {
    let file = Location::file(source_name);
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(file.clone(), &e))?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Some(first) = text.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(Error::EmptyInput(file));
    };
    if text[first] != b'{' {
        let line = 1 + text[..first].iter().filter(|&&b| b == b'\n').count();
        let column = first
            - text[..first]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        return Err(Error::Malformed {
            location: file.at_line(line as u64),
            value: snippet(text, line, column),
            reason: format!("a timeline document must be a JSON object, at column {column}"),
        });
    }
    // Interned as read (see `json_fast`); anything unusual is read again
    // below, by the checking reader, which names the problem.
    if let Some(timeline) = json_fast::read(text) {
        return Ok(timeline);
    }
    // First only the format tag, so that a document of another version is
    // reported as such, not as a field this version does not know.
    let probe: Probe = parse(text, &file)?;
    match probe.format {
        Some(Value::String(s)) if s == FORMAT => {}
        other => {
            return Err(Error::UnsupportedFormat {
                location: file.at_field("format"),
                found: match other {
                    None | Some(Value::Null) => "(missing)".to_string(),
                    Some(Value::String(s)) => s,
                    Some(v) => v.to_string(),
                },
                expected: FORMAT.to_string(),
            });
        }
    }
    let doc: TimelineDocument = parse(text, &file)?;
    doc.into_timeline()
}

/// Reads an `alliance-timeline/1` document from a file; errors name the path.
///
/// # Errors
///
/// As [`read_json`]; [`Error::Io`] if the file cannot be opened.
pub fn read_json_file(path: impl AsRef<Path>) -> Result<Timeline, Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let f = File::open(path).map_err(|e| io_error(Location::file(&name), &e))?;
    read_json(f, &name)
}

/// Writes `timeline` as an `alliance-timeline/1` document, one record per line.
///
/// Reading the output with [`read_json`] gives back the same timeline, and
/// writing that again gives the same bytes.
///
/// # Errors
///
/// [`Error::Io`] if writing fails.
///
/// # Example
///
/// ```
/// use alliance_reliability::format::write_json;
/// use alliance_reliability::{Actor, ActorKind, Timeline};
///
/// let t = Timeline::builder().actor(Actor::new("RUS", "Russia", ActorKind::State)?).build()?;
/// let mut out = Vec::new();
/// write_json(&t, &mut out)?;
/// assert_eq!(
///     String::from_utf8(out)?,
///     "{\n  \"format\": \"alliance-timeline/1\",\n  \"actors\": [\n    \
///      {\"id\": \"RUS\", \"name\": \"Russia\", \"kind\": \"state\"}\n  ],\n  \
///      \"memberships\": [],\n  \"commitments\": [],\n  \"crises\": [],\n  \"events\": []\n}\n"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_json<W: Write>(timeline: &Timeline, writer: W) -> Result<(), Error> {
    write_named(timeline, writer, "(output)")
}

/// Writes `timeline` as an `alliance-timeline/1` document to a file,
/// replacing it if it exists.
///
/// # Errors
///
/// [`Error::Io`], naming the path, if the file cannot be created or written.
pub fn write_json_file(timeline: &Timeline, path: impl AsRef<Path>) -> Result<(), Error> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let f = File::create(path).map_err(|e| io_error(Location::file(&name), &e))?;
    write_named(timeline, f, &name)
}

fn write_named<W: Write>(timeline: &Timeline, writer: W, name: &str) -> Result<(), Error> {
    let loc = Location::file(name);
    let mut w = BufWriter::new(writer);
    write_doc(timeline, &mut w).map_err(|e| io_error(loc.clone(), &e))?;
    w.flush().map_err(|e| io_error(loc, &e))
}

fn write_doc<W: Write>(t: &Timeline, w: &mut W) -> std::io::Result<()> {
    writeln!(w, "{{\n  \"format\": \"{FORMAT}\",")?;
    section(
        w,
        "actors",
        t.actors().iter().cloned().map(ActorRecord),
        false,
    )?;
    section(
        w,
        "memberships",
        t.memberships().iter().cloned().map(MembershipRecord),
        false,
    )?;
    section(
        w,
        "commitments",
        t.commitments().iter().cloned().map(CommitmentRecord),
        false,
    )?;
    section(
        w,
        "crises",
        t.crises().iter().cloned().map(CrisisRecord),
        false,
    )?;
    section(w, "events", t.events().map(EventRecord), true)?;
    writeln!(w, "}}")
}

fn section<W: Write, T: Serialize>(
    w: &mut W,
    name: &str,
    items: impl Iterator<Item = T>,
    last: bool,
) -> std::io::Result<()> {
    write!(w, "  \"{name}\": [")?;
    let mut any = false;
    for item in items {
        w.write_all(if any { b",\n    " } else { b"\n    " })?;
        let mut ser = serde_json::Serializer::with_formatter(&mut *w, Spaced);
        item.serialize(&mut ser).map_err(std::io::Error::from)?;
        any = true;
    }
    if any {
        w.write_all(b"\n  ")?;
    }
    w.write_all(if last { b"]\n" } else { b"],\n" })
}

/// Compact JSON on one line, with a space after `:` and `,`.
struct Spaced;

impl serde_json::ser::Formatter for Spaced {
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
}

/// What is read first: only the format tag.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<Value>,
}

/// Parses `text` as a `T`, turning every failure into an [`Error`] with
/// line, JSON path and offending value.
fn parse<'de, T: Deserialize<'de>>(text: &'de [u8], file: &Location) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().clone();
        convert(Some(&path), e.into_inner(), text, file)
    })?;
    de.end().map_err(|e| convert(None, e, text, file))?;
    Ok(value)
}

fn convert(
    path: Option<&serde_path_to_error::Path>,
    inner: serde_json::Error,
    text: &[u8],
    file: &Location,
) -> Error {
    let (line, column) = (inner.line(), inner.column());
    let mut location = file.clone();
    if line > 0 {
        location.line = Some(line as u64);
    }
    if let Some(p) = path.map(ToString::to_string)
        && p != "."
    {
        location.field = Some(p);
    }
    if let Some(io) = inner.io_error_kind() {
        return Error::Io {
            location,
            kind: io,
            message: inner.to_string(),
        };
    }
    let full = inner.to_string();
    let message = full
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&full);
    // A hostile event naming an `against` actor is a record-level check;
    // point at the field that has to go.
    let hostile_against = full.starts_with(&Error::HostileAgainst.to_string());
    let value = match inner.classify() {
        serde_json::error::Category::Data => serde_json::from_slice::<Value>(text)
            .ok()
            .and_then(|root| {
                let v = path.and_then(|p| lookup(&root, p))?;
                Some(render(if hostile_against {
                    v.get("against").unwrap_or(v)
                } else {
                    v
                }))
            })
            .unwrap_or_else(|| snippet(text, line, column)),
        _ => snippet(text, line, column),
    };
    if hostile_against && let Some(f) = location.field.as_mut() {
        f.push_str(".against");
    }
    let reason = if inner.is_eof() {
        format!("{message} (the document is cut short), at column {column}")
    } else {
        format!("{message}, at column {column}")
    };
    Error::Malformed {
        location,
        value: shorten(&value),
        reason,
    }
}

/// The value at `path` in `root`, if the path leads somewhere.
fn lookup<'v>(root: &'v Value, path: &serde_path_to_error::Path) -> Option<&'v Value> {
    let mut v = root;
    for seg in path {
        v = match seg {
            Segment::Seq { index } => v.get(*index)?,
            Segment::Map { key } => v.get(key.as_str())?,
            Segment::Enum { variant } => v.get(variant.as_str()).unwrap_or(v),
            Segment::Unknown => return Some(v),
        };
    }
    Some(v)
}

/// A value as shown in an error: strings without quotes, the rest as JSON.
fn render(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Up to 20 characters either side of (1-based) `line`, `column`.
fn snippet(text: &[u8], line: usize, column: usize) -> String {
    let text = String::from_utf8_lossy(text);
    let Some(l) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let chars: Vec<char> = l.chars().collect();
    // serde_json counts columns in bytes; close enough for a window.
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(20);
    let end = (at + 20).min(chars.len());
    chars[start..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// A calendar date in the years the crate handles.
#[derive(Clone, Copy, Serialize)]
#[serde(transparent)]
struct Date(NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        let date: NaiveDate = text
            .parse()
            .map_err(|e| serde::de::Error::custom(format_args!("not a YYYY-MM-DD date ({e})")))?;
        check_date(date).map(Date).map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodRepr {
    from: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    until: Option<Date>,
}

/// A [`Period`], checked while it is read (so errors point at it).
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "PeriodRepr", into = "PeriodRepr")]
struct PeriodField(Period);

impl TryFrom<PeriodRepr> for PeriodField {
    type Error = Error;
    fn try_from(r: PeriodRepr) -> Result<PeriodField, Error> {
        Period::new(r.from.0, r.until.map(|d| d.0)).map(PeriodField)
    }
}

impl From<PeriodField> for PeriodRepr {
    fn from(p: PeriodField) -> PeriodRepr {
        PeriodRepr {
            from: Date(p.0.from()),
            until: p.0.until().map(Date),
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorRepr {
    id: ActorId,
    name: String,
    kind: ActorKind,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "ActorRepr", into = "ActorRepr")]
pub(super) struct ActorRecord(pub(super) Actor);

impl TryFrom<ActorRepr> for ActorRecord {
    type Error = Error;
    fn try_from(r: ActorRepr) -> Result<ActorRecord, Error> {
        Actor::new(r.id, r.name, r.kind).map(ActorRecord)
    }
}

impl From<ActorRecord> for ActorRepr {
    fn from(r: ActorRecord) -> ActorRepr {
        ActorRepr {
            id: r.0.id().clone(),
            name: r.0.name().to_string(),
            kind: r.0.kind(),
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipRepr {
    bloc: ActorId,
    member: ActorId,
    period: PeriodField,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "MembershipRepr", into = "MembershipRepr")]
pub(super) struct MembershipRecord(pub(super) Membership);

impl TryFrom<MembershipRepr> for MembershipRecord {
    type Error = Error;
    fn try_from(r: MembershipRepr) -> Result<MembershipRecord, Error> {
        Membership::new(r.bloc, r.member, r.period.0).map(MembershipRecord)
    }
}

impl From<MembershipRecord> for MembershipRepr {
    fn from(r: MembershipRecord) -> MembershipRepr {
        MembershipRepr {
            bloc: r.0.bloc().clone(),
            member: r.0.member().clone(),
            period: PeriodField(r.0.period()),
        }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum PartiesRepr {
    Directed {
        guarantor: ActorId,
        beneficiary: ActorId,
    },
    Mutual(ActorId, ActorId),
    Bloc(ActorId),
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggersRepr {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    adversaries: Vec<ActorId>,
    #[serde(default, skip_serializing_if = "is_unconditional")]
    provocation: Provocation,
    #[serde(default, skip_serializing_if = "is_all_kinds")]
    kinds: CrisisKinds,
    #[serde(default, skip_serializing_if = "crate::model::region::is_none")]
    regions: Regions,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    excluded_adversaries: Vec<ActorId>,
}

fn is_unconditional(p: &Provocation) -> bool {
    *p == Provocation::Unconditional
}

fn is_all_kinds(k: &CrisisKinds) -> bool {
    *k == CrisisKinds::ALL
}

fn is_default_triggers(t: &Option<TriggersRepr>) -> bool {
    t.is_none()
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommitmentRepr {
    id: CommitmentId,
    parties: PartiesRepr,
    obligation: Obligation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    required: Option<SupportKind>,
    period: PeriodField,
    #[serde(default, skip_serializing_if = "is_default_triggers")]
    triggers: Option<TriggersRepr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    treaty: Option<TreatyId>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "CommitmentRepr", into = "CommitmentRepr")]
pub(super) struct CommitmentRecord(pub(super) Commitment);

impl TryFrom<CommitmentRepr> for CommitmentRecord {
    type Error = Error;
    fn try_from(r: CommitmentRepr) -> Result<CommitmentRecord, Error> {
        let parties = match r.parties {
            PartiesRepr::Directed {
                guarantor,
                beneficiary,
            } => Parties::Directed {
                guarantor,
                beneficiary,
            },
            PartiesRepr::Mutual(a, b) => Parties::Mutual(a, b),
            PartiesRepr::Bloc(b) => Parties::Bloc(b),
        };
        let mut c = Commitment::new(r.id, parties, r.obligation, r.period.0)?;
        if let Some(level) = r.required {
            c = c.with_required(level);
        }
        if let Some(t) = r.triggers {
            c = c
                .with_adversaries(t.adversaries)
                .with_provocation(t.provocation)
                .with_crisis_kinds(t.kinds)
                .with_regions(t.regions)
                .with_excluded_adversaries(t.excluded_adversaries);
        }
        if let Some(label) = r.label {
            c = c.with_label(label);
        }
        if let Some(treaty) = r.treaty {
            c = c.with_treaty(treaty);
        }
        Ok(CommitmentRecord(c))
    }
}

impl From<CommitmentRecord> for CommitmentRepr {
    fn from(r: CommitmentRecord) -> CommitmentRepr {
        let c = r.0;
        let parties = match c.parties().clone() {
            Parties::Directed {
                guarantor,
                beneficiary,
            } => PartiesRepr::Directed {
                guarantor,
                beneficiary,
            },
            Parties::Mutual(a, b) => PartiesRepr::Mutual(a, b),
            Parties::Bloc(b) => PartiesRepr::Bloc(b),
        };
        let t: &Triggers = c.triggers();
        let triggers = (*t != Triggers::default()).then(|| TriggersRepr {
            adversaries: t.adversaries.clone(),
            provocation: t.provocation,
            kinds: t.kinds,
            regions: t.regions,
            excluded_adversaries: t.excluded_adversaries.clone(),
        });
        CommitmentRepr {
            id: c.id().clone(),
            parties,
            obligation: c.obligation(),
            required: c.required_override(),
            period: PeriodField(c.period()),
            triggers,
            label: c.label().map(str::to_string),
            treaty: c.treaty().cloned(),
        }
    }
}

fn is_one(s: &Severity) -> bool {
    *s == Severity::ONE
}

fn is_other(i: &Initiator) -> bool {
    *i == Initiator::Other
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrisisRepr {
    id: CrisisId,
    target: ActorId,
    period: PeriodField,
    kind: CrisisKind,
    #[serde(default, skip_serializing_if = "is_one")]
    severity: Severity,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    adversaries: Vec<ActorId>,
    #[serde(default, skip_serializing_if = "is_other")]
    initiator: Initiator,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "crate::model::region::is_none")]
    regions: Regions,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "CrisisRepr", into = "CrisisRepr")]
pub(super) struct CrisisRecord(pub(super) Crisis);

impl TryFrom<CrisisRepr> for CrisisRecord {
    type Error = Error;
    fn try_from(r: CrisisRepr) -> Result<CrisisRecord, Error> {
        let mut c = Crisis::new(r.id, r.target, r.period.0, r.kind)?
            .with_severity(r.severity)
            .with_adversaries(r.adversaries)
            .with_initiator(r.initiator)
            .with_regions(r.regions);
        if let Some(label) = r.label {
            c = c.with_label(label);
        }
        Ok(CrisisRecord(c))
    }
}

impl From<CrisisRecord> for CrisisRepr {
    fn from(r: CrisisRecord) -> CrisisRepr {
        let c = r.0;
        CrisisRepr {
            id: c.id().clone(),
            target: c.target().clone(),
            period: PeriodField(c.period()),
            kind: c.kind(),
            severity: c.severity(),
            adversaries: c.adversaries().to_vec(),
            initiator: c.initiator(),
            label: c.label().map(str::to_string),
            regions: c.regions(),
        }
    }
}

/// The kind of a support event: any rung but silence.
#[derive(Clone, Copy, Serialize)]
#[serde(transparent)]
struct EventKind(SupportKind);

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EventKind, D::Error> {
        match SupportKind::deserialize(d)? {
            SupportKind::Silence => Err(serde::de::Error::custom(Error::SilenceEvent)),
            k => Ok(EventKind(k)),
        }
    }
}

fn is_full_intensity(i: &Intensity) -> bool {
    *i == Intensity::ONE
}

fn is_full_confidence(c: &Confidence) -> bool {
    *c == Confidence::ONE
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRepr {
    provider: ActorId,
    recipient: ActorId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    against: Option<ActorId>,
    date: Date,
    kind: EventKind,
    #[serde(default, skip_serializing_if = "is_full_intensity")]
    intensity: Intensity,
    #[serde(default, skip_serializing_if = "is_full_confidence")]
    confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "EventRepr", into = "EventRepr")]
struct EventRecord(SupportEvent);

impl TryFrom<EventRepr> for EventRecord {
    type Error = Error;
    fn try_from(r: EventRepr) -> Result<EventRecord, Error> {
        let mut e = SupportEvent::new(r.provider, r.recipient, r.date.0, r.kind.0)?
            .with_intensity(r.intensity)
            .with_confidence(r.confidence);
        if let Some(a) = r.against {
            if r.kind.0 == SupportKind::Hostile {
                return Err(Error::HostileAgainst);
            }
            e = e.against(a);
        }
        if let Some(s) = r.source {
            e = e.with_source(s);
        }
        Ok(EventRecord(e))
    }
}

impl From<EventRecord> for EventRepr {
    fn from(r: EventRecord) -> EventRepr {
        let e = r.0;
        EventRepr {
            provider: e.provider().clone(),
            recipient: e.recipient().clone(),
            against: e.against_actor().cloned(),
            date: Date(e.date()),
            kind: EventKind(e.kind()),
            intensity: e.intensity(),
            confidence: e.confidence(),
            source: e.source().map(str::to_string),
        }
    }
}
