//! Interchange formats: a versioned JSON timeline document and a folder of
//! CSV tables, both lossless for everything a [`Timeline`](crate::Timeline)
//! holds.
//!
//! | format | read | write | what it is |
//! |---|---|---|---|
//! | JSON `alliance-timeline/1` | [`read_json`], [`read_json_file`] | [`write_json`], [`write_json_file`] | one document: actors, memberships, commitments, crises, events ([`TimelineDocument`]) |
//! | CSV tables | [`read_tables`], [`read_tables_from`] | [`write_tables`], [`write_tables_to`] | five files, one per record kind: `actors.csv`, `memberships.csv`, `commitments.csv`, `crises.csv`, `events.csv` ([`Tables`]) |
//! | Parquet tables (`arrow` feature) | `read_tables_parquet` | `write_tables_parquet` | the same five tables as `actors.parquet`, ..., `events.parquet`: the columnar way in, fastest for large event tables |
//! | Arrow IPC tables (`arrow` feature) | `read_tables_ipc` | `write_tables_ipc` | the same five tables as `actors.arrow`, ..., `events.arrow` (IPC file or stream format) |
//!
//! Both formats go through the model's checking constructors
//! ([`Actor::new`](crate::Actor::new), [`Period::new`](crate::Period::new),
//! [`Severity::new`](crate::Severity::new), [`SupportEvent::new`](crate::SupportEvent::new), ...)
//! and then through [`TimelineBuilder::build`](crate::TimelineBuilder::build),
//! so a file can only produce a timeline that the API could have built.
//!
//! # Conventions shared by both formats
//!
//! - **Names** of enumerations are the lower snake-case names of the model:
//!   actor kinds `state`, `bloc`, `non_state`; obligations `defence`,
//!   `offence`, `neutrality`, `non_aggression`, `consultation`,
//!   `partnership`, `strategic_partnership`; support kinds `hostile`, `silence`, `verbal`,
//!   `diplomatic`, `economic`, `materiel`, `military`; crisis kinds
//!   `external_attack`, `internal_uprising`, `leader_removed`,
//!   `economic_coercion`, `other`, `own_war`; provocation `unconditional`,
//!   `excluded_if_beneficiary_initiated`, `only_if_beneficiary_initiated`;
//!   initiator `other`, `target`; regions `western_hemisphere`, `europe`,
//!   `africa`, `middle_east`, `asia`, `oceania`.
//!   Names are case-sensitive (`Military` is rejected).
//! - **Dates** are ISO 8601 calendar dates, `YYYY-MM-DD`, read with chrono.
//!   Years outside -9999..=9999 are rejected (the range the crate handles,
//!   see [`Error::DateOutOfRange`]).
//! - **Ids** follow [`ActorId`](crate::ActorId): 1 to 64 bytes of
//!   `A-Z a-z 0-9 _ - . : /`.
//! - **Quantities** (severity, intensity, confidence) are numbers in (0, 1];
//!   zero, negatives, NaN and infinities are rejected. Left out, they are 1.
//! - **Order** is kept: actors, memberships, commitments, crises and events
//!   come back in the order they were written, so problem reports that name
//!   a record by position (`event #3`) point at the same record.
//!
//! # Errors
//!
//! Readers never panic. Every error names the file (or the name the caller
//! gave the stream), the line, the field (CSV column or JSON path such as
//! `events[3].confidence`) and the offending value, as
//! [`Error::Malformed`],
//! [`Error::MissingColumn`],
//! [`Error::EmptyInput`],
//! [`Error::UnsupportedFormat`] or
//! [`Error::Io`]. References that do not resolve,
//! duplicate ids and the like are found by the timeline's validation and
//! come back all at once as
//! [`Error::InvalidTimeline`].
//!
//! # Example
//!
//! ```
//! use alliance_reliability::format::{read_json, write_json, Tables, read_tables_from, write_tables_to};
//! use alliance_reliability::{Actor, ActorKind, Timeline};
//!
//! let timeline = Timeline::builder()
//!     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
//!     .build()?;
//!
//! let mut json = Vec::new();
//! write_json(&timeline, &mut json)?;
//! let back = read_json(&json[..], "memory.json")?;
//! assert_eq!(back.actors(), timeline.actors());
//!
//! let mut tables = Tables::<Vec<u8>>::default();
//! write_tables_to(&timeline, &mut tables)?;
//! assert_eq!(tables.actors, b"id,name,kind\nRUS,Russia,state\n");
//! let back = read_tables_from(tables.as_slices())?;
//! assert_eq!(back.actors(), timeline.actors());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;

use crate::{ActorKind, Error, Initiator, Location, Provocation, Region};

#[cfg(feature = "arrow")]
mod columnar;
#[cfg(feature = "arrow")]
mod columnar_events;
#[cfg(feature = "arrow")]
mod columnar_tables;
mod events_fast;
mod json;
mod json_fast;
mod tables;

#[cfg(feature = "arrow")]
pub use columnar_tables::{
    PARQUET_ROW_GROUP_ROWS, read_tables_ipc, read_tables_parquet, write_tables_ipc,
    write_tables_parquet,
};
pub use json::{FORMAT, TimelineDocument, read_json, read_json_file, write_json, write_json_file};
pub use tables::{Tables, read_tables, read_tables_from, write_tables, write_tables_to};

/// Checks that `date` lies in the years the crate handles
/// ([`FIRST_YEAR`](crate::FIRST_YEAR) to [`LAST_YEAR`](crate::LAST_YEAR)).
fn check_date(date: NaiveDate) -> Result<NaiveDate, String> {
    crate::model::check_date(date).map_err(|_| {
        format!(
            "date {date} is outside the supported range (years {} to {})",
            crate::FIRST_YEAR,
            crate::LAST_YEAR
        )
    })
}

/// Converts an I/O error into the crate's error.
fn io_error(location: Location, e: &std::io::Error) -> Error {
    Error::Io {
        location,
        kind: e.kind(),
        message: e.to_string(),
    }
}

/// Shortens an offending value to at most 200 characters.
fn shorten(value: &str) -> String {
    const MAX: usize = 200;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let mut s: String = value.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

fn actor_kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::Bloc => "bloc",
        ActorKind::NonState => "non_state",
    }
}

fn parse_actor_kind(s: &str) -> Option<ActorKind> {
    [ActorKind::State, ActorKind::Bloc, ActorKind::NonState]
        .into_iter()
        .find(|k| actor_kind_name(*k) == s)
}

fn provocation_name(p: Provocation) -> &'static str {
    match p {
        Provocation::Unconditional => "unconditional",
        Provocation::ExcludedIfBeneficiaryInitiated => "excluded_if_beneficiary_initiated",
        Provocation::OnlyIfBeneficiaryInitiated => "only_if_beneficiary_initiated",
    }
}

fn parse_provocation(s: &str) -> Option<Provocation> {
    [
        Provocation::Unconditional,
        Provocation::ExcludedIfBeneficiaryInitiated,
        Provocation::OnlyIfBeneficiaryInitiated,
    ]
    .into_iter()
    .find(|p| provocation_name(*p) == s)
}

fn initiator_name(i: Initiator) -> &'static str {
    match i {
        Initiator::Other => "other",
        Initiator::Target => "target",
    }
}

fn parse_initiator(s: &str) -> Option<Initiator> {
    [Initiator::Other, Initiator::Target]
        .into_iter()
        .find(|i| initiator_name(*i) == s)
}

fn parse_region(s: &str) -> Option<Region> {
    Region::ALL.into_iter().find(|r| r.as_str() == s)
}

#[cfg(test)]
mod tests;
#[cfg(all(test, feature = "arrow"))]
mod tests_columnar;
#[cfg(test)]
mod tests_events_fast;
#[cfg(test)]
mod tests_json_fast;
