//! The model layer: checked values for actors, commitments, crises and
//! support events. An invalid one cannot be constructed or deserialized.

mod actor;
mod commitment;
mod crisis;
mod event;
mod id;
mod ladder;
mod period;
mod quantity;
pub(crate) mod region;

pub use actor::{Actor, ActorKind, Membership};
pub use commitment::{Commitment, CrisisKinds, Obligation, Parties, Provocation, Triggers};
pub use crisis::{Crisis, CrisisKind, Initiator};
pub use event::SupportEvent;
pub use id::{ActorId, CommitmentId, CrisisId, IntoId, MAX_ID_LEN, TreatyId};
pub use ladder::{Ladder, SupportKind};
pub use period::{FIRST_YEAR, LAST_YEAR, Period};
pub(crate) use period::{check_date, period_problems};
pub use quantity::{Confidence, Intensity, Severity};
pub use region::{Region, Regions};
