//! Actors (states, blocs, non-state groups) and bloc membership.

use crate::{ActorId, IntoId, Period};

/// What sort of actor this is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ActorKind {
    /// A sovereign state.
    #[default]
    State,
    /// An organisation or bloc of states (CSTO, BRICS, NATO). Blocs have
    /// [`Membership`]s; a commitment can be owed bloc-wide.
    Bloc,
    /// A non-state actor: an armed opposition, a militia, a movement.
    NonState,
}

/// A party that can make, receive and test promises.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Actor, ActorKind};
///
/// let csto = Actor::new("CSTO", "Collective Security Treaty Organization", ActorKind::Bloc)?;
/// assert_eq!(csto.id().as_str(), "CSTO");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Actor {
    id: ActorId,
    name: String,
    kind: ActorKind,
}

impl Actor {
    /// An actor with a checked id, a display name and a kind.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) if `id` is not a valid [`ActorId`].
    pub fn new(
        id: impl IntoId<ActorId>,
        name: impl Into<String>,
        kind: ActorKind,
    ) -> Result<Actor, crate::Error> {
        Ok(Actor {
            id: id.into_id()?,
            name: name.into(),
            kind,
        })
    }

    /// The actor's id.
    pub fn id(&self) -> &ActorId {
        &self.id
    }

    /// The display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind of actor.
    pub fn kind(&self) -> ActorKind {
        self.kind
    }
}

/// A period during which `member` belonged to `bloc`.
///
/// An actor can have several periods in one bloc (it left and came back).
/// A period can end: Armenia froze its CSTO participation on 2024-02-23.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Membership, Period};
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let m = Membership::new("CSTO", "ARM", Period::new(d(1994, 4, 20), Some(d(2024, 2, 23)))?)?;
/// assert!(m.period().contains(d(2022, 9, 13)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Membership {
    bloc: ActorId,
    member: ActorId,
    period: Period,
}

impl Membership {
    /// `member` belongs to `bloc` during `period`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`](crate::Error::InvalidId) for a malformed id.
    /// Whether `bloc` really is a bloc is checked by the [`Timeline`](crate::Timeline).
    pub fn new(
        bloc: impl IntoId<ActorId>,
        member: impl IntoId<ActorId>,
        period: Period,
    ) -> Result<Membership, crate::Error> {
        Ok(Membership {
            bloc: bloc.into_id()?,
            member: member.into_id()?,
            period,
        })
    }

    /// The bloc.
    pub fn bloc(&self) -> &ActorId {
        &self.bloc
    }

    /// The member.
    pub fn member(&self) -> &ActorId {
        &self.member
    }

    /// When the member belonged to the bloc.
    pub fn period(&self) -> Period {
        self.period
    }
}
