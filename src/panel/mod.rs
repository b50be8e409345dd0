//! Panel datasets for regressions: guarantor-year, directed dyad-year and
//! bloc-year tables keyed by Correlates of War codes.
//!
//! International-relations researchers put a "reputation for reliability"
//! variable into regressions in R, Stata or Python, merged onto the
//! state-year or dyad-year panels that peacesciencer's
//! `create_stateyears()` / `create_dyadyears()` build. A [`Panel`] gives
//! them the scores of this crate in that shape: one row per key and year,
//! each row the score **as of one day of that year** (31 December by
//! default, or a day chosen with [`PanelOptions::on`]).
//!
//! # Keys
//!
//! Actor ids are COW state abbreviations in the bundled historical ledgers
//! (`RUS`, `UKG`, `GFR`); the `ccode` columns come from a
//! [`StateSystem`] (`StateSystem::bundled()`
//! with the `bundled-data` feature, or your own `system2016.csv` read with
//! [`StateSystem::read`](crate::import::StateSystem::read)). An actor the
//! state system does not know (a bloc such as `CSTO`, or an id that is not
//! a COW abbreviation) gets an **empty** `ccode` field: the row is written,
//! never dropped, and counted in [`Panel::without_ccode`].
//!
//! A key enters the panel in the first year whose as-of day is on or after
//! the start of its first test, and stays in every later year (its record
//! decays but is not forgotten; filter on COW system membership yourself if
//! your design needs it).
//!
//! - guarantor-year: every actor that owed support in at least one test;
//! - directed dyad-year: every (guarantor, beneficiary) pair with a test;
//! - bloc-year: every bloc with a test of a bloc-wide commitment.
//!
//! # Order
//!
//! Rows are ordered by year, then by key: `ccode` ascending with actors
//! without a code last, then by id (for dyads, the guarantor's key, then
//! the beneficiary's). The order depends only on the ledger, not on the
//! order of its input.
//!
//! # Columns
//!
//! See [`GuarantorYear`], [`DyadYear`] and [`BlocYear`]: each field's
//! rustdoc is the column's definition; the CSV header uses the field
//! names. Intervals are equal-tailed credible intervals at
//! [`PanelOptions::level`] (default 0.9), written in the `level` column.
//! A missing value (a ccode the state system lacks, a plain share without
//! resolved tests) is an empty CSV field and `null` in JSON lines.
//!
//! # Computed in one pass over time
//!
//! The panel does not call [`Ledger::assess`] once per year. It reads each
//! test's final outcome once (its outcome on the last day of its response
//! window, which later days do not change), sorts the tests by the day they
//! resolve, and sweeps the as-of days in order: each test is folded into
//! one [`Scoreboard`](crate::Scoreboard) when its window closes, and counted
//! as pending from its start until then. The scores of each row are then
//! read from the scoreboard with the same functions
//! [`Assessment`](crate::Assessment) uses, at the row's as-of day (forward
//! decay makes reading at any later day exact). The cost is
//! `O(tests · log tests + rows)` instead of `O(years · tests)`.
//!
//! Each row equals the direct [`Ledger::assess`] on its as-of day to within
//! 1e-12 absolute on every number (counts exactly): the two fold the same
//! tests in a different order, so the floating sums may differ in the last
//! bits. `tests/panel.rs` checks this on the bundled ATOP × COW ledger.
//!
//! # Example
//!
//! ```
//! use alliance_reliability::*;
//! use alliance_reliability::import::StateSystem;
//! use alliance_reliability::panel::{Panel, PanelOptions};
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let timeline = Timeline::builder()
//!     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
//!     .actor(Actor::new("ARM", "Armenia", ActorKind::State)?)
//!     .commitment(Commitment::new("RUS-ARM", Parties::Mutual("RUS".parse()?, "ARM".parse()?),
//!         Obligation::Defence, Period::starting(d(1997, 8, 29)))?)
//!     .crisis(Crisis::new("ARM-2022-09", "ARM", Period::new(d(2022, 9, 13), Some(d(2022, 9, 14)))?,
//!         CrisisKind::ExternalAttack)?)
//!     .build()?;
//! let ledger = Ledger::new(timeline, Config::default())?;
//! // COW codes for RUS and ARM (your own state system file reads the same way).
//! let states = StateSystem::read("stateabb,ccode,year\nRUS,365,2022\nARM,371,2022\n".as_bytes(), "states.csv")?.0;
//! let panel = Panel::new(&ledger, &states, &PanelOptions::new().years(2022..=2023))?;
//! assert_eq!(panel.guarantors().len(), 2); // RUS in 2022 and 2023
//! assert_eq!(panel.guarantors()[0].ccode, Some(365));
//! assert_eq!(panel.dyads()[0].ccode2, Some(371));
//! let mut csv = Vec::new();
//! panel.write_csv(PanelKind::Guarantor, &mut csv)?;
//! assert!(String::from_utf8(csv)?.starts_with("ccode,stateabb,year,as_of,mean,"));
//! # use alliance_reliability::panel::PanelKind;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod rows;
mod sweep;
mod write;

pub use rows::{BlocYear, DyadYear, GuarantorYear};

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::import::StateSystem;
use crate::{Error, Ledger, Lens};

/// Which of the three panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PanelKind {
    /// One row per guarantor and year ([`GuarantorYear`]).
    Guarantor,
    /// One row per directed (guarantor, beneficiary) dyad and year ([`DyadYear`]).
    Dyad,
    /// One row per bloc and year ([`BlocYear`]).
    Bloc,
}

impl PanelKind {
    /// All three, in the order guarantor, dyad, bloc.
    pub const ALL: [PanelKind; 3] = [PanelKind::Guarantor, PanelKind::Dyad, PanelKind::Bloc];

    /// `guarantor`, `dyad` or `bloc`.
    pub fn as_str(self) -> &'static str {
        match self {
            PanelKind::Guarantor => "guarantor",
            PanelKind::Dyad => "dyad",
            PanelKind::Bloc => "bloc",
        }
    }
}

impl std::fmt::Display for PanelKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a [`Panel`] covers and how it reads scores.
///
/// Defaults: 90% intervals, as of 31 December, through the ledger's
/// configured lens, for every year from the start of the first test to the
/// end of the last test's window.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelOptions {
    level: f64,
    month: u32,
    day: u32,
    lens: Option<Lens>,
    years: Option<RangeInclusive<i32>>,
    kinds: [bool; 3],
}

impl Default for PanelOptions {
    fn default() -> Self {
        PanelOptions::new()
    }
}

impl PanelOptions {
    /// The defaults: level 0.9, as of 31 December, the ledger's lens, all years.
    pub fn new() -> PanelOptions {
        PanelOptions {
            level: 0.9,
            month: 12,
            day: 31,
            lens: None,
            years: None,
            kinds: [true; 3],
        }
    }

    /// The credible level of every interval (checked by [`Panel::new`]:
    /// `0 < level < 1`).
    pub fn level(mut self, level: f64) -> PanelOptions {
        self.level = level;
        self
    }

    /// Score each year as of this month and day (checked by [`Panel::new`]:
    /// it must exist in a leap year; 29 February is read as 28 February in
    /// other years).
    pub fn on(mut self, month: u32, day: u32) -> PanelOptions {
        self.month = month;
        self.day = day;
        self
    }

    /// Read the tests through `lens` instead of the ledger's configured one.
    pub fn lens(mut self, lens: Lens) -> PanelOptions {
        self.lens = Some(lens);
        self
    }

    /// Only these years (inclusive). An empty range gives an empty panel.
    pub fn years(mut self, years: RangeInclusive<i32>) -> PanelOptions {
        self.years = Some(years);
        self
    }

    /// Build only the `kind` panel (the others stay empty): most of the
    /// time goes into the credible intervals of the rows, so this saves
    /// the dyad-year rows' time when you want guarantor-years only.
    pub fn only(mut self, kind: PanelKind) -> PanelOptions {
        self.kinds = [false; 3];
        self.kinds[kind as usize] = true;
        self
    }

    /// Whether the `kind` panel is built.
    pub fn builds(&self, kind: PanelKind) -> bool {
        self.kinds[kind as usize]
    }

    /// The credible level.
    pub fn get_level(&self) -> f64 {
        self.level
    }

    /// The as-of day of `year`, or `None` if the month and day do not make
    /// a date in a leap year, or the year is outside chrono's range.
    pub fn as_of(&self, year: i32) -> Option<NaiveDate> {
        // Validate against a leap year so that 29 February is accepted.
        NaiveDate::from_ymd_opt(2000, self.month, self.day)?;
        NaiveDate::from_ymd_opt(year, self.month, self.day).or_else(|| {
            (self.month == 2 && self.day == 29)
                .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
                .flatten()
        })
    }
}

/// The three panels of one ledger: guarantor-year, directed dyad-year and
/// bloc-year rows (see the [module documentation](self)).
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    guarantors: Vec<GuarantorYear>,
    dyads: Vec<DyadYear>,
    blocs: Vec<BlocYear>,
    without_ccode: Vec<String>,
    level: f64,
}

impl Panel {
    /// Builds the three panels of `ledger` in one pass over time, with COW
    /// codes from `states`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidLevel`] unless `0 < level < 1`;
    /// [`Error::OutOfRange`] for an as-of month and day that is not a
    /// date (`on(2, 30)`) or a year chrono cannot represent.
    pub fn new(
        ledger: &Ledger,
        states: &StateSystem,
        options: &PanelOptions,
    ) -> Result<Panel, Error> {
        if !(options.level > 0.0 && options.level < 1.0) {
            return Err(Error::InvalidLevel(options.level));
        }
        if options.as_of(2000).is_none() {
            return Err(Error::OutOfRange {
                quantity: "panel as-of month and day",
                range: "a calendar day (29 February allowed)",
                value: f64::from(options.month * 100 + options.day),
            });
        }
        let years = match &options.years {
            Some(r) => r.clone(),
            None => sweep::default_years(ledger),
        };
        let mut days = Vec::new();
        for y in years {
            let d = options.as_of(y).ok_or(Error::OutOfRange {
                quantity: "panel year",
                range: "a year chrono represents",
                value: f64::from(y),
            })?;
            days.push((y, d));
        }
        let lens = options.lens.unwrap_or_else(|| ledger.config().get_lens());
        sweep::build(ledger, states, &days, lens, options)
    }

    /// Guarantor-year rows, by year then key.
    pub fn guarantors(&self) -> &[GuarantorYear] {
        &self.guarantors
    }

    /// Directed dyad-year rows, by year then guarantor then beneficiary.
    pub fn dyads(&self) -> &[DyadYear] {
        &self.dyads
    }

    /// Bloc-year rows, by year then bloc id.
    pub fn blocs(&self) -> &[BlocYear] {
        &self.blocs
    }

    /// The ids of the actors in any panel that the state system gave no
    /// COW code (blocs, non-COW ids), sorted: their `ccode` fields are
    /// empty. Bloc-year rows have no `ccode` column and do not count here
    /// unless the bloc is also a guarantor or beneficiary.
    pub fn without_ccode(&self) -> &[String] {
        &self.without_ccode
    }

    /// The credible level of the intervals.
    pub fn level(&self) -> f64 {
        self.level
    }

    /// Number of rows of one panel.
    pub fn len(&self, kind: PanelKind) -> usize {
        match kind {
            PanelKind::Guarantor => self.guarantors.len(),
            PanelKind::Dyad => self.dyads.len(),
            PanelKind::Bloc => self.blocs.len(),
        }
    }

    /// Whether all three panels are empty.
    pub fn is_empty(&self) -> bool {
        self.guarantors.is_empty() && self.dyads.is_empty() && self.blocs.is_empty()
    }
}
