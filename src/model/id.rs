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
    };
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
