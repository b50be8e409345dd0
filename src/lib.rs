//! Measures whether allies keep their promises.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod actor;
mod commitment;
mod config;
mod crisis;
mod error;
mod event;
mod evidence;
mod fasthash;
mod id;
mod ladder;
mod period;
mod quantity;
mod resolve;
mod score;
mod timeline;

#[cfg(feature = "serde")]
pub mod format;
pub mod import;
pub mod methodology;

pub use actor::{Actor, ActorKind, Membership};
pub use commitment::{Commitment, CrisisKinds, Obligation, Parties, Provocation, Triggers};
pub use config::{Config, HalfLife, Invocation, MAX_WINDOW_DAYS, Prior};
pub use crisis::{Crisis, CrisisKind, Initiator};
pub use error::{Error, Location, Problem, RecordKind, RecordRef};
pub use event::SupportEvent;
pub use evidence::{Evidence, Totals};
pub use id::{ActorId, CommitmentId, CrisisId, MAX_ID_LEN};
pub use ladder::{Ladder, SupportKind};
pub use period::Period;
pub use quantity::{Confidence, Intensity, Severity};
pub use resolve::{Ledger, Outcome, Status, TestView};
pub use score::{Abandonment, Assessment, Interval, Reciprocity, Reliability, Scoreboard};
pub use timeline::{ActorKey, KeyedEvent, Timeline, TimelineBuilder};
