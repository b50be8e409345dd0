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
//!     .commitment(Commitment::new("CST-art4", Parties::bloc("CSTO")?,
//!         Obligation::Defence, Period::starting(d(1994, 4, 20)))?)
//!     .crisis(Crisis::new("ARM-2022-09", "ARM", Period::starting(d(2022, 9, 13)),
//!         CrisisKind::ExternalAttack)?.with_adversaries(["AZE"]))
//!     // A fact-finding mission: diplomatic, at half intensity.
//!     .event(SupportEvent::new("CSTO", "ARM", d(2022, 9, 13), SupportKind::Diplomatic)?
//!         .with_intensity(Intensity::new(0.5)?))
//!     .build()?;
//!
//! // The fixed uniform prior keeps the arithmetic short (the default prior is
//! // learned per obligation kind: see `PriorModel`).
//! let ledger = Ledger::new(timeline, Config::default().no_decay().prior_model(PriorModel::Fixed))?;
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
//! | pictures | `src/report/` | `report::plot` (`plot` feature: SVG plots of reliability over time, a backtest's calibration, abandonment risk per client), `report::html` (`html` feature: a self-contained page for one actor) | draw the scores, explanations and backtests above; nothing depends on them |
//!
//! The formulas, defaults and citations are in [`methodology`].
//!
//! To ask about one crisis or commitment rather than a whole score, use
//! [`Assessment::outcome_of`] (guarantor G in crisis C),
//! [`Assessment::tests_of_crisis`] and [`Assessment::tests_of_commitment`]:
//! each returns the tests with their explanation ([`Contribution`]).
//!
//! # Conventions
//!
//! Three rules hold across the public API:
//!
//! 1. **Ids are taken one way.** Every parameter that names an actor, a
//!    commitment, a crisis or a treaty accepts [`IntoId`]: text (`&str`,
//!    `String`), checked on the spot, or an id already checked
//!    ([`ActorId`], `&ActorId`, ...), taken as is. So
//!    `Crisis::new("ARM-2022-09", "ARM", ..)`, `.with_adversaries(["AZE"])`,
//!    `.against("ISR")`, `Parties::directed("RUS", "IRN")` and
//!    `timeline.key_of("RUS")` all read the same, and so do the same calls
//!    with `ActorId` values.
//! 2. **Constructors are fallible; builder methods are not.** Every `new`
//!    (and [`Parties::directed`], [`Parties::mutual`], [`Parties::bloc`])
//!    returns `Result<_, Error>` and checks everything it is given; its
//!    docs list what it rejects under `# Errors`. Every builder method on a
//!    model value (`with_*`, and [`SupportEvent::against`]) returns the
//!    value itself, so a chain needs one `?`, after `new`. What a builder
//!    method cannot check alone (malformed id text given to it, an
//!    `against` actor on a hostile event, references to actors) is checked
//!    in the one fallible place that takes the record,
//!    [`TimelineBuilder::build`] (every [`Problem`] found, each naming its
//!    record and field) or [`Ledger::add_crisis`] / [`Ledger::add_event`].
//!    Files read through `format` and [`import`] are checked as they are
//!    read, with the file, line and field in the error. ([`Config`]'s
//!    setters are not model builders: those that take a bare number, such
//!    as [`Config::window_days`], check it and return `Result`; those that
//!    take a checked value, such as [`Config::half_life`], do not.
//!    [`KeyedEvent`], the pre-interned fast path that nothing checks
//!    later, checks at once.)
//! 3. **Names say what they return.** A getter is named for its value
//!    ([`Outcome::base_weight`] is severity / k, not the crisis severity,
//!    which is [`Crisis::severity`]); quantities are newtypes
//!    ([`Severity`], [`Intensity`], [`Confidence`]) checked by their `new`.
//!
//! Silence is a rung of the ladder but never an event: to code "stayed
//! silent", record nothing in the crisis's window (see [`SupportEvent`]).
//!
//! # Errors
//!
//! One error type, [`Error`], whose variants say what broke and carry what
//! you need to act: the record, field and value ([`Error::InvalidTimeline`]
//! lists every [`Problem`] found), or the file, line and field of a bad
//! input ([`Error::Malformed`] with a [`Location`]). Nothing in this crate
//! panics on input.
//!
//! # Limits
//!
//! What this crate accepts, and what it does past it (tested in
//! `tests/hostile_size.rs`; timings and peak memory in BENCHMARKS.md,
//! "Size limits"):
//!
//! | input | limit | past it |
//! |---|---|---|
//! | an id | [`MAX_ID_LEN`] = 64 bytes of `A-Z a-z 0-9 _ - . : /` | [`Error::InvalidId`] |
//! | tests a ledger opens | [`Config::memory_budget`], default [`default_memory_budget`] = half the machine's memory, at [`BYTES_PER_TEST`] = 256 bytes each (about 50 million tests on 24 GiB); or a count, [`Config::max_tests`] | [`Error::TooManyTests`] naming the limit, before the memory is taken |
//! | actors, events, crises, commitments | 2^32 − 1 each (keys and indexes are `u32`); measured: 10^6 actors with one event each in 9.2 s and 411 MB | memory linear in the records |
//! | a CSV line or field | none but memory: a 200 MB line is read with a peak of about 8× its size | — |
//! | fields in a CSV row or header | none but memory: a row whose field count differs from the header's, or an unknown or repeated column, is [`Error::Malformed`] naming file, line (and column) | — |
//! | JSON nesting depth | 128 (serde_json's recursion limit): a document nested 10^5 deep is [`Error::Malformed`] at its line, with no stack overflow | — |
//! | dates | years [`FIRST_YEAR`] to [`LAST_YEAR`] (−9999 to 9999) | from files: [`Error::Malformed`] naming file, line and field; from a fallible constructor: [`Error::DateOutOfRange`]; through [`Period::starting`]: [`Problem::DateOutOfRange`] naming the record, from [`TimelineBuilder::build`] or [`Ledger::add_crisis`] |
//! | as-of dates | any [`chrono::NaiveDate`]: decayed sums are kept relative to a landmark and Kish's ratio in scaled form, so scores stay finite at `NaiveDate::MAX` | — |
//! | configuration | each setter documents its range ([`MAX_PSEUDO_TESTS`], [`MAX_WINDOW_DAYS`], ...) | [`Error::OutOfRange`] |
//!
//! # Crate features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the model types,
//!   through the same checks as their constructors, and the `format`
//!   module (JSON documents via `serde_json`, with JSON paths in errors via
//!   `serde_path_to_error`).
//! - `rayon` (default): [`format::read_tables`] parses `events.csv` in
//!   pieces on every core, [`Ledger::new`] opens tests and matches events
//!   on every core, and [`Ledger::assess`] computes outcomes on every core;
//!   the timeline and every score are bit-identical to one thread and to
//!   the sequential build (`default-features = false`; tested).
//! - `arrow` (implies `serde`): the five tables from Parquet and Arrow IPC
//!   files, `format::read_tables_parquet` and `format::read_tables_ipc`
//!   (the same timeline and errors as the CSV tables; the events decoded
//!   column by column, ids interned once per dictionary value, Parquet row
//!   groups on every core with `rayon`), and `format::write_tables_parquet`
//!   and `format::write_tables_ipc` to convert (the `to_parquet` example).
//!   Built on the `parquet` and arrow-rs crates with only the pure-Rust
//!   Snappy and LZ4 codecs (no C compiler needed).
//! - `plot`: the `report::plot` module, SVG plots drawn with `plotters`
//!   (SVG backend only): a guarantor's reliability over time with its
//!   credible band and its tests, a backtest's calibration diagram, the
//!   abandonment risk of a patron's clients.
//! - `html` (implies `plot`): the `report::html` module, a self-contained
//!   HTML page for one actor (built with `maud`, every data text escaped).
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
mod query;
#[cfg(any(feature = "plot", feature = "html"))]
pub mod report;
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
    CrisisKinds, FIRST_YEAR, Initiator, Intensity, IntoId, LAST_YEAR, Ladder, MAX_ID_LEN,
    Membership, Obligation, Parties, Period, Provocation, Region, Regions, Severity, SupportEvent,
    SupportKind, TreatyId, Triggers,
};
pub use resolve::{Judging, Ledger, Outcome, Status, TestView};
pub use score::{
    Abandonment, Assessment, BYTES_PER_TEST, ClientReading, Config, Evidence, ExpectationWeights,
    ExpectedLevel, HalfLife, Interval, Invocation, KindPrior, KindRow, Lens, MAX_PSEUDO_TESTS,
    MAX_WINDOW_DAYS, Prior, PriorModel, PriorSource, Rate, Reciprocity, Reference, ReferenceClass,
    Reliability, Scoreboard, Totals, default_memory_budget,
};
pub use timeline::{ActorKey, KeyedEvent, Timeline, TimelineBuilder};

// The README's Rust snippets are compiled and run as doctests (they use
// the JSON format and the bundled data).
#[cfg(all(doctest, feature = "serde", feature = "bundled-data"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
