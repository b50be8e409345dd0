//! The crate's one error type.

use std::fmt;

/// The kind of record an error or [`Problem`] refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RecordKind {
    /// An [`Actor`](crate::Actor).
    Actor,
    /// A [`Membership`](crate::Membership) of an actor in a bloc.
    Membership,
    /// A [`Commitment`](crate::Commitment).
    Commitment,
    /// A [`Crisis`](crate::Crisis).
    Crisis,
    /// A [`SupportEvent`](crate::SupportEvent).
    Event,
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RecordKind::Actor => "actor",
            RecordKind::Membership => "membership",
            RecordKind::Commitment => "commitment",
            RecordKind::Crisis => "crisis",
            RecordKind::Event => "event",
        })
    }
}

/// Which record, inside a [`Timeline`](crate::Timeline), a [`Problem`] is about.
///
/// Records with an id are named by it; memberships and events, which have
/// none, are named by their position (0-based) in the order they were added.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordRef {
    /// The kind of record.
    pub kind: RecordKind,
    /// The record's id, or `#N` for its position when it has no id.
    pub id: String,
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind, self.id)
    }
}

/// One thing wrong with a timeline. [`Error::InvalidTimeline`] carries all of them.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// Two records of the same kind share an id.
    #[error("{record}: duplicate id (first defined as record #{first})")]
    DuplicateId {
        /// The second record with the id.
        record: RecordRef,
        /// Position of the first record with that id.
        first: usize,
    },
    /// A field names an actor that the timeline does not define.
    #[error("{record}: field `{field}` names unknown actor `{actor}`")]
    UnknownActor {
        /// The record holding the reference.
        record: RecordRef,
        /// The field holding the reference.
        field: &'static str,
        /// The unresolved actor id.
        actor: String,
    },
    /// A field that must name a bloc names an actor of another kind.
    #[error("{record}: field `{field}` names `{actor}`, which is not a bloc")]
    NotABloc {
        /// The record holding the reference.
        record: RecordRef,
        /// The field holding the reference.
        field: &'static str,
        /// The actor id that is not a bloc.
        actor: String,
    },
    /// A record relates an actor to itself where that makes no sense
    /// (a commitment owed to oneself, an event toward oneself, a crisis whose
    /// target is its own adversary).
    #[error("{record}: `{actor}` appears on both sides")]
    SelfReference {
        /// The record.
        record: RecordRef,
        /// The actor that appears twice.
        actor: String,
    },
    /// A commitment requires a hostile act, which no obligation can.
    #[error("{record}: the required level cannot be `hostile`")]
    HostileRequirement {
        /// The commitment.
        record: RecordRef,
    },
    /// An id given to an infallible builder method (`with_adversaries`,
    /// `with_excluded_adversaries`, `with_treaty`, `against`) failed its
    /// check; the builder kept the record and this reports it.
    #[error("{record}: field `{field}` has invalid {kind} id {value:?}: {reason}")]
    InvalidId {
        /// The record.
        record: RecordRef,
        /// The builder field (`adversaries`, `against`, ...).
        field: &'static str,
        /// Which kind of id (`actor`, `treaty`).
        kind: &'static str,
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A hostile event names an `against` actor; hostility is always toward
    /// the event's recipient.
    #[error(
        "{record}: a hostile event is hostile toward its recipient and cannot name an `against` actor; drop `against`, or record a separate hostile event toward that actor"
    )]
    HostileAgainst {
        /// The event.
        record: RecordRef,
    },
    /// A date lies outside the years the crate handles (−9999 to 9999,
    /// [`FIRST_YEAR`](crate::FIRST_YEAR) to [`LAST_YEAR`](crate::LAST_YEAR)):
    /// such a date has no plain `YYYY-MM-DD` form, so a timeline holding
    /// it could not be written and read back.
    #[error("{record}: field `{field}` has date {date}, outside the supported years -9999 to 9999")]
    DateOutOfRange {
        /// The record.
        record: RecordRef,
        /// The field (`period.from`, `period.until`, `date`).
        field: &'static str,
        /// The date.
        date: chrono::NaiveDate,
    },
}

/// Where in an input a bad value was found: file (or stream) name, line,
/// and field (a column name, or a JSON path).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file name, or a name the caller gave the stream.
    pub file: String,
    /// 1-based line (for CSV/TSV, the physical line of the record), if known.
    pub line: Option<u64>,
    /// The column name or JSON path, if known.
    pub field: Option<String>,
}

impl Location {
    /// A location in `file`, with no line or field yet.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            line: None,
            field: None,
        }
    }

    /// The same location at `line`.
    pub fn at_line(mut self, line: u64) -> Location {
        self.line = Some(line);
        self
    }

    /// The same location at `field`.
    pub fn at_field(mut self, field: impl Into<String>) -> Location {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = &self.field {
            write!(f, " field `{c}`")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in this crate.
///
/// Every variant names what broke and carries the fields a caller needs to
/// act on it: the record, the field, the offending value.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An identifier is empty, too long or contains a character outside
    /// `A-Z a-z 0-9 _ - . : /`.
    #[error("invalid {kind} id {value:?}: {reason}")]
    InvalidId {
        /// Which kind of id (`actor`, `commitment`, `crisis`).
        kind: &'static str,
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A quantity is outside its documented range (NaN and infinities included).
    #[error("{quantity} must be in {range}, got {value}")]
    OutOfRange {
        /// The quantity (`severity`, `confidence`, `half-life`, ...).
        quantity: &'static str,
        /// The documented range, for example `(0, 1]`.
        range: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// An interval ends before it starts.
    #[error("interval ends ({until}) before it starts ({from})")]
    ReversedInterval {
        /// Start of the interval.
        from: chrono::NaiveDate,
        /// End of the interval, earlier than `from`.
        until: chrono::NaiveDate,
    },
    /// A support event has kind [`SupportKind::Silence`](crate::SupportKind::Silence).
    /// Silence is the absence of events; it is never recorded as one: a
    /// guarantor that did nothing in a crisis's window simply has no event
    /// there, and its test resolves as silence when the window closes.
    #[error(
        "silence is the absence of support events and cannot be recorded as one: record nothing for that actor in the crisis window, and the test resolves as silence when the window closes (or record `verbal` if it said something)"
    )]
    SilenceEvent,
    /// A hostile event names an adversary it acted against; hostility is
    /// always toward the event's recipient. Raised when a JSON or CSV event
    /// is read; an event built in code is reported by the timeline as
    /// [`Problem::HostileAgainst`], naming it.
    #[error(
        "a hostile event is hostile toward its recipient and cannot name an `against` actor: drop `against`, or record a separate hostile event toward that actor"
    )]
    HostileAgainst,
    /// A timeline failed validation; every problem found is listed.
    #[error("invalid timeline: {} problem(s), first: {}", .0.len(), .0.first().map(|p| p.to_string()).unwrap_or_default())]
    InvalidTimeline(Vec<Problem>),
    /// A record added to an existing timeline refers to something it lacks,
    /// or repeats an id.
    #[error("rejected {0}")]
    Rejected(Problem),
    /// Two accumulators built under different decay settings cannot be merged.
    #[error("cannot merge evidence with half-lives {left:?} and {right:?} days")]
    IncompatibleMerge {
        /// Half-life of the left accumulator, in days (`None` = no decay).
        left: Option<f64>,
        /// Half-life of the right accumulator, in days (`None` = no decay).
        right: Option<f64>,
    },
    /// A date given to a constructor ([`SupportEvent::new`](crate::SupportEvent::new),
    /// [`Period::new`](crate::Period::new)) is outside the years the crate
    /// handles, [`FIRST_YEAR`](crate::FIRST_YEAR) to
    /// [`LAST_YEAR`](crate::LAST_YEAR) (−9999 to 9999). Dates read from
    /// files are [`Error::Malformed`] naming the record instead, and a
    /// date that reaches a timeline through an infallible constructor
    /// ([`Period::starting`](crate::Period::starting)) is
    /// [`Problem::DateOutOfRange`].
    #[error("date {0} is outside the supported years -9999 to 9999")]
    DateOutOfRange(chrono::NaiveDate),
    /// A query named an actor the timeline does not define.
    #[error("unknown actor `{0}`")]
    UnknownActor(String),
    /// A query named a crisis the timeline does not define.
    #[error("unknown crisis `{0}`")]
    UnknownCrisis(String),
    /// A query named a commitment the timeline does not define.
    #[error("unknown commitment `{0}`")]
    UnknownCommitment(String),
    /// A query needs a bloc but the actor is not one.
    #[error("`{0}` is not a bloc")]
    NotABloc(String),
    /// A name (support kind, obligation, crisis kind) is not one this crate knows.
    #[error("unknown {what} {value:?}")]
    UnknownName {
        /// What was being named.
        what: &'static str,
        /// The unknown text.
        value: String,
    },
    /// A value in an input file could not be read: the location names file,
    /// line and field, `value` the offending text.
    #[error("{location}: {reason}: {value:?}")]
    Malformed {
        /// Where.
        location: Location,
        /// The offending text (possibly shortened to 200 characters).
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An input lacks a column (or JSON field) that it must have.
    #[error("{location}: missing required column `{column}`")]
    MissingColumn {
        /// Where (file, and the header line when known).
        location: Location,
        /// The missing column.
        column: String,
    },
    /// An input has no records at all (not even a header, where one is needed).
    #[error("{0}: empty input")]
    EmptyInput(Location),
    /// A document declares a format or version this crate does not read.
    #[error("{location}: unsupported format {found:?}, expected {expected:?}")]
    UnsupportedFormat {
        /// Where.
        location: Location,
        /// What the document declares.
        found: String,
        /// What this crate reads.
        expected: String,
    },
    /// Reading or writing a file failed.
    #[error("{location}: I/O error ({kind:?}): {message}")]
    Io {
        /// The file.
        location: Location,
        /// The I/O error kind.
        kind: std::io::ErrorKind,
        /// The operating system's message.
        message: String,
    },
    /// Building a [`Ledger`](crate::Ledger) would open more tests than
    /// [`Config::get_max_tests`](crate::Config::get_max_tests) allows: the
    /// memory budget ([`Config::memory_budget`](crate::Config::memory_budget),
    /// by default half the machine's memory, at
    /// [`BYTES_PER_TEST`](crate::BYTES_PER_TEST) each) or a count cap
    /// ([`Config::max_tests`](crate::Config::max_tests)). Each crisis tests
    /// every commitment it invokes for every guarantor, so a few thousand
    /// records can ask for billions of tests. Nothing was built; raise the
    /// budget if the machine has the memory.
    #[error(
        "the ledger would open at least {requested_at_least} tests, more than the limit of {limit} (Config::memory_budget at 256 bytes per test, or Config::max_tests)"
    )]
    ///
    /// The limit counts judged tests (one per crisis, guarantor and target
    /// under [`Judging::Treaty`](crate::Judging::Treaty)), so whether a
    /// timeline is refused does not depend on the order of its records. One
    /// guard comes first: a single crisis whose candidate tests, before
    /// judging merges a guarantor's commitments, alone pass the limit is
    /// refused too (their memory would be taken before judging).
    TooManyTests {
        /// Tests counted when the limit was passed: the judged tests opened
        /// so far (counting stops there, so the full number may be larger),
        /// or, when one crisis's candidates pass the limit, the tests
        /// opened before it plus those candidates.
        requested_at_least: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A credible-interval level is not in (0, 1).
    #[error("credible level must be in (0, 1), got {0}")]
    InvalidLevel(f64),
    /// Drawing a plot or report failed (the `plot` and `html` features):
    /// `what` names the figure, `message` is the drawing library's error.
    #[error("could not render {what}: {message}")]
    Render {
        /// The figure or page being drawn.
        what: String,
        /// The drawing library's message.
        message: String,
    },
}
