//! Measures whether allies keep their promises.
//!
//! `alliance-reliability` turns a timeline of **commitments** (treaties and
//! partnerships, with ATOP obligation kinds and trigger conditions),
//! **crises** that test them, and **support events** on a ladder
//! (hostile < silence < verbal < diplomatic < economic < materiel < military)
//! into scores a researcher can check by hand: a patron's **reliability**
//! with a credible interval, a client's **abandonment** risk, **reciprocity**
//! between two actors, a bloc's **reputation**, and an **explanation** of
//! each.
//!
//! # Example
//!
//! ```
//! use alliance_reliability::*;
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let timeline = Timeline::builder()
//!     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
//!     .actor(Actor::new("ARM", "Armenia", ActorKind::State)?)
//!     .actor(Actor::new("AZE", "Azerbaijan", ActorKind::State)?)
//!     .actor(Actor::new("CSTO", "Collective Security Treaty Organization", ActorKind::Bloc)?)
//!     .membership(Membership::new("CSTO", "RUS", Period::starting(d(1994, 4, 20)))?)
//!     .membership(Membership::new("CSTO", "ARM", Period::new(d(1994, 4, 20), Some(d(2024, 2, 23)))?)?)
//!     .commitment(Commitment::new("CST-art4", Parties::Bloc("CSTO".parse()?),
//!         Obligation::Defence, Period::starting(d(1994, 4, 20)))?)
//!     .crisis(Crisis::new("ARM-2022-09", "ARM", Period::starting(d(2022, 9, 13)),
//!         CrisisKind::ExternalAttack)?.with_adversaries(["AZE".parse()?]))
//!     // A fact-finding mission: diplomatic, at half intensity.
//!     .event(SupportEvent::new("CSTO", "ARM", d(2022, 9, 13), SupportKind::Diplomatic)?
//!         .with_intensity(Intensity::new(0.5)?))
//!     .build()?;
//!
//! // The fixed uniform prior keeps the arithmetic short (the default prior is
//! // learned per obligation kind: see `PriorModel`).
//! let ledger = Ledger::new(timeline, Config::default().no_decay().prior_model(PriorModel::Fixed));
//! let assessment = ledger.assess(d(2023, 1, 1));
//! let rus = ledger.timeline().key_of("RUS")?;
//! let reliability = assessment.reliability(rus);
//! // Defence requires military action (1.0); the mission delivered
//! // 0.25 · 0.5 = 0.125. So α = 1 + 0.125, β = 1 + 0.875.
//! assert!((reliability.mean() - 1.125 / 3.0).abs() < 1e-12);
//! assert_eq!(reliability.plain_share(), Some(0.0)); // abandoned
//! let interval = reliability.interval(0.9)?;
//! assert!(interval.lower < reliability.mean() && reliability.mean() < interval.upper);
//! println!("{}", assessment.explain_reliability(rus)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Which type for what
//!
//! The layers, bottom to top (arrows point down: each uses only those below):
//!
//! | layer | where | types | what they do |
//! |---|---|---|---|
//! | model | `src/model/` | [`Actor`], [`Membership`], [`Commitment`] ([`Obligation`], [`Parties`], [`Triggers`]), [`Crisis`] ([`Region`], [`Regions`]), [`SupportEvent`], [`SupportKind`], [`Period`], ids ([`ActorId`], [`CommitmentId`], [`CrisisId`], [`TreatyId`]) and quantities ([`Severity`], [`Intensity`], [`Confidence`]) | checked values: an invalid one cannot be constructed or deserialized |
//! | timeline | `src/timeline.rs` | [`Timeline`], [`TimelineBuilder`], [`ActorKey`], [`KeyedEvent`] | validates all references at once (every problem reported), interns ids |
//! | tests | `src/resolve/` | [`Ledger`], [`Outcome`], [`Status`], [`TestView`], [`Judging`] | each crisis tests each commitment it invokes; events matched incrementally |
//! | scores | `src/score/` | [`Config`] ([`PriorModel`], [`KindPrior`]), [`Lens`] ([`ExpectedLevel`], [`ExpectationWeights`]), [`Evidence`], [`Scoreboard`], [`Assessment`], [`Reliability`], [`PriorSource`], [`Abandonment`], [`Reciprocity`] | mergeable forward-decayed accumulators, the prior learned per obligation kind (`prior/`), the two lenses, and the scores read from them |
//! | reports | `src/explain.rs`, `src/panel/` | [`Explanation`], [`Contribution`]; [`panel`] ([`panel::Panel`]: guarantor-year, dyad-year and bloc-year tables keyed by COW codes) | every score as the list of its contributions; scores as research panels, in one pass over time |
//! | beside | `src/import/`, `src/format/` | [`import`] (ATOP 5.1, COW alliances, wars and states, GML MIDs, UCDP/PRIO conflicts, ICB 13, CAMEO streams from ICEWS and GDELT), `format` (the `alliance-timeline/1` JSON document and CSV tables; `serde` feature) | read and write data as model values; nothing depends on them |
//! | studies | `src/study/` | [`history`] (Sabrosky and Leeds coding rules, the treaty reading, published figures, wars, MIDs and UCDP conflicts), [`backtest`] (out of time, beside the global, kind and kind × era base rates, with crisis-bootstrap intervals, calibration and a train/test split by era), [`perceived`] (both lenses against ICB's perceived abandonments) | research built on the layers above |
//!
//! The formulas, defaults and citations are in [`methodology`].
//!
//! # Errors
//!
//! One error type, [`Error`], whose variants say what broke and carry what
//! you need to act: the record, field and value ([`Error::InvalidTimeline`]
//! lists every [`Problem`] found), or the file, line and field of a bad
//! input ([`Error::Malformed`] with a [`Location`]). Nothing in this crate
//! panics on input.
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the model types,
//!   through the same checks as their constructors, and the `format`
//!   module (JSON documents via `serde_json`, with JSON paths in errors via
//!   `serde_path_to_error`).
//! - `rayon`: [`format::read_tables`] parses `events.csv` in pieces on
//!   every core, and [`Ledger::new`] matches the events it is given in
//!   shards on every core; the timeline and every outcome are bit-identical
//!   to the sequential run (tested).
//! - `bundled-data` (default): the research datasets and vocabularies
//!   compiled into the library (about 4 MB: ATOP 5.1, COW alliances, wars
//!   and states, GML MIDs, UCDP/PRIO, the CAMEO tables, the country
//!   vocabulary), with the `bundled()` constructors,
//!   [`history::HistoricalData::bundled`] and the [`perceived`] study that
//!   read them. Without it every importer still reads your own files
//!   (`read`, `new`).
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

mod error;
mod explain;
mod fasthash;
mod model;
mod resolve;
mod score;
mod study;
mod timeline;

#[cfg(feature = "serde")]
pub mod format;
pub mod import;
pub mod methodology;
pub mod panel;
#[cfg(feature = "bundled-data")]
pub use study::perceived;
pub use study::{backtest, history};

pub use error::{Error, Location, Problem, RecordKind, RecordRef};
pub use explain::{Contribution, Explanation, Response};
pub use model::{
    Actor, ActorId, ActorKind, Commitment, CommitmentId, Confidence, Crisis, CrisisId, CrisisKind,
    CrisisKinds, Initiator, Intensity, Ladder, MAX_ID_LEN, Membership, Obligation, Parties, Period,
    Provocation, Region, Regions, Severity, SupportEvent, SupportKind, TreatyId, Triggers,
};
pub use resolve::{Judging, Ledger, Outcome, Status, TestView};
pub use score::{
    Abandonment, Assessment, Config, Evidence, ExpectationWeights, ExpectedLevel, HalfLife,
    Interval, Invocation, KindPrior, KindRow, Lens, MAX_PSEUDO_TESTS, MAX_WINDOW_DAYS, Prior,
    PriorModel, PriorSource, Rate, Reciprocity, Reliability, Scoreboard, Totals,
};
pub use timeline::{ActorKey, KeyedEvent, Timeline, TimelineBuilder};

// The README's Rust snippets are compiled and run as doctests (they use
// the JSON format and the bundled data).
#[cfg(all(doctest, feature = "serde", feature = "bundled-data"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
