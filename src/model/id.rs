//! Identifiers: checked, cheap to clone, readable in reports.

use std::fmt;
use std::sync::Arc;

use crate::Error;

/// Longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 64;

fn check(kind: &'static str, value: &str) -> Result<(), Error> {
    let reason = if value.is_empty() {
        "empty"
    } else if value.len() > MAX_ID_LEN {
        "longer than 64 bytes"
    } else if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':' | b'/'))
    {
        "only A-Z a-z 0-9 _ - . : / are allowed"
    } else {
        return Ok(());
    };
    Err(Error::InvalidId {
        kind,
        value: value.to_string(),
        reason,
    })
}

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(Arc<str>);

        impl $name {
            /// Checks and wraps an identifier.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidId`] if `value` is empty, longer than
            /// [`MAX_ID_LEN`] bytes, or has a character outside
            /// `A-Z a-z 0-9 _ - . : /`.
            pub fn new(value: impl AsRef<str>) -> Result<Self, Error> {
                let value = value.as_ref();
                check($kind, value)?;
                Ok($name(Arc::from(value)))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                $name::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0.to_string()
            }
        }

        impl IntoId<$name> for $name {
            fn into_id(self) -> Result<$name, Error> {
                Ok(self)
            }
        }

        impl IntoId<$name> for &$name {
            fn into_id(self) -> Result<$name, Error> {
                Ok(self.clone())
            }
        }

        impl IntoId<$name> for &str {
            fn into_id(self) -> Result<$name, Error> {
                $name::new(self)
            }
        }

        impl IntoId<$name> for String {
            fn into_id(self) -> Result<$name, Error> {
                $name::new(self)
            }
        }

        impl IntoId<$name> for &String {
            fn into_id(self) -> Result<$name, Error> {
                $name::new(self)
            }
        }
    };
}

/// What every parameter naming an actor, a commitment, a crisis or a treaty
/// accepts: text (`&str`, `String`, `&String`), checked by the id type's
/// `new`, or an id already checked (`ActorId`, `&ActorId`, ...), taken as is
/// (a clone is a reference-count increment).
///
/// This is the crate's one way of taking ids (see the crate docs'
/// *Conventions*): `Crisis::new("ARM-2022-09", "ARM", ..)`,
/// `.with_adversaries(["AZE"])`, `.against("ISR")` and
/// `Parties::directed("RUS", "IRN")` all take it, and so do the same calls
/// with `ActorId` values.
///
/// # Errors
///
/// [`Error::InvalidId`] for text that is not a valid id (empty, longer than
/// [`MAX_ID_LEN`] bytes, or a character outside `A-Z a-z 0-9 _ - . : /`).
///
/// # Example
///
/// ```
/// use alliance_reliability::{ActorId, IntoId};
///
/// let a: ActorId = "RUS".into_id()?;
/// let b: ActorId = a.clone().into_id()?;
/// assert_eq!(a, b);
/// assert!(IntoId::<ActorId>::into_id("R U S").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait IntoId<I> {
    /// Checks (text) or passes on (an id) the value.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for invalid text.
    fn into_id(self) -> Result<I, Error>;
}

/// An id given to an infallible builder method (`with_adversaries`,
/// `against`, `with_treaty`, ...) that failed its check: kept on the
/// record and reported, with the record named, by the one fallible place
/// that takes the record ([`TimelineBuilder::build`](crate::TimelineBuilder::build),
/// [`Ledger::add_crisis`](crate::Ledger::add_crisis),
/// [`Ledger::add_event`](crate::Ledger::add_event)).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BadId {
    pub(crate) field: &'static str,
    pub(crate) kind: &'static str,
    pub(crate) value: String,
    pub(crate) reason: &'static str,
}

impl BadId {
    /// The timeline problem reporting this id on `record`.
    pub(crate) fn problem(&self, record: &crate::RecordRef) -> crate::Problem {
        crate::Problem::InvalidId {
            record: record.clone(),
            field: self.field,
            kind: self.kind,
            value: self.value.clone(),
            reason: self.reason,
        }
    }
}

/// Converts `value` for the builder field `field`; a bad id is remembered in
/// `bad` (the first one only) and `None` returned.
pub(crate) fn defer<I>(
    value: impl IntoId<I>,
    field: &'static str,
    bad: &mut Option<Box<BadId>>,
) -> Option<I> {
    match value.into_id() {
        Ok(id) => Some(id),
        Err(e) => {
            if bad.is_none()
                && let Error::InvalidId {
                    kind,
                    value,
                    reason,
                } = e
            {
                *bad = Some(Box::new(BadId {
                    field,
                    kind,
                    value,
                    reason,
                }));
            }
            None
        }
    }
}

/// Sorted, de-duplicated ids for the builder field `field` (see [`defer`]).
pub(crate) fn defer_sorted<I: Ord>(
    values: impl IntoIterator<Item = impl IntoId<I>>,
    field: &'static str,
    bad: &mut Option<Box<BadId>>,
) -> Vec<I> {
    let mut v: Vec<I> = values
        .into_iter()
        .filter_map(|x| defer(x, field, bad))
        .collect();
    v.sort();
    v.dedup();
    v
}

id_type!(
    /// Stable identifier of an [`Actor`](crate::Actor): `RUS`, `IRN`, `CSTO`, `COW:365`.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::ActorId;
    ///
    /// let rus = ActorId::new("RUS")?;
    /// assert_eq!(rus.as_str(), "RUS");
    /// assert!(ActorId::new("").is_err());
    /// assert!(ActorId::new("R U S").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ActorId,
    "actor"
);

id_type!(
    /// Stable identifier of a [`Commitment`](crate::Commitment), for example
    /// `CSTO-1992-art4` or `ATOP:3180:defense`.
    CommitmentId,
    "commitment"
);

id_type!(
    /// Stable identifier of a [`Crisis`](crate::Crisis), for example `ARM-2022-09`.
    CrisisId,
    "crisis"
);

id_type!(
    /// Stable identifier of a treaty (or alliance) that several
    /// [`Commitment`](crate::Commitment)s belong to, for example
    /// `ATOP:3180` or `RUS-IRN-2025`: a crisis judges the obligations of
    /// one treaty together (see [`Judging`](crate::Judging)).
    TreatyId,
    "treaty"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        assert!(ActorId::new("COW:365").is_ok());
        assert!(ActorId::new("a".repeat(64)).is_ok());
        assert!(ActorId::new("a".repeat(65)).is_err());
        assert!(ActorId::new("é").is_err());
        assert!(CrisisId::new("ARM-2022/09").is_ok());
        match CommitmentId::new("") {
            Err(Error::InvalidId { kind, .. }) => assert_eq!(kind, "commitment"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
