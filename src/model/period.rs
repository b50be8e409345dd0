//! Closed date intervals with an optional end.

use chrono::NaiveDate;

use crate::Error;

/// A closed interval of days, `[from, until]`, open-ended when `until` is `None`.
///
/// Used for commitment validity, bloc membership and crisis duration.
///
/// # Example
///
/// ```
/// use alliance_reliability::Period;
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let p = Period::new(d(1994, 4, 20), Some(d(2024, 2, 23)))?;
/// assert!(p.contains(d(2022, 9, 13)));
/// assert!(!p.contains(d(2024, 2, 24)));
/// assert!(Period::new(d(2024, 1, 1), Some(d(2023, 1, 1))).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeriodRepr", into = "PeriodRepr"))]
pub struct Period {
    from: NaiveDate,
    until: Option<NaiveDate>,
}

impl Period {
    /// An interval from `from` to `until` inclusive (`None`: still running).
    ///
    /// # Errors
    ///
    /// [`Error::ReversedInterval`] if `until` is before `from`;
    /// [`Error::DateOutOfRange`] if either date lies outside the years
    /// [`FIRST_YEAR`] to [`LAST_YEAR`].
    pub fn new(from: NaiveDate, until: Option<NaiveDate>) -> Result<Period, Error> {
        for d in std::iter::once(from).chain(until) {
            check_date(d)?;
        }
        match until {
            Some(until) if until < from => Err(Error::ReversedInterval { from, until }),
            _ => Ok(Period { from, until }),
        }
    }

    /// An interval that starts on `from` and has not ended.
    ///
    /// Infallible: a `from` outside the years [`FIRST_YEAR`] to
    /// [`LAST_YEAR`] is reported, with the record named, by
    /// [`TimelineBuilder::build`](crate::TimelineBuilder::build) (and
    /// [`Ledger::add_crisis`](crate::Ledger::add_crisis)) as
    /// [`Problem::DateOutOfRange`](crate::Problem::DateOutOfRange).
    pub fn starting(from: NaiveDate) -> Period {
        Period { from, until: None }
    }

    /// First day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// Last day, if the interval has ended.
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Whether `date` lies in the interval.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.from && self.until.is_none_or(|u| date <= u)
    }
}

/// The first year the crate handles: dates from −9999-01-01.
///
/// Together with [`LAST_YEAR`], the years whose dates have a plain ISO 8601
/// `YYYY-MM-DD` form (chrono writes a sign and five digits past them), so
/// every accepted timeline can be written and read back.
pub const FIRST_YEAR: i32 = -9999;
/// The last year the crate handles: dates up to 9999-12-31 (see
/// [`FIRST_YEAR`]).
pub const LAST_YEAR: i32 = 9999;

/// Whether `date` lies in the years [`FIRST_YEAR`] to [`LAST_YEAR`].
pub(crate) fn in_range(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&date))
}

/// `date`, or [`Error::DateOutOfRange`].
pub(crate) fn check_date(date: NaiveDate) -> Result<NaiveDate, Error> {
    if in_range(date) {
        Ok(date)
    } else {
        Err(Error::DateOutOfRange(date))
    }
}

/// The [`Problem::DateOutOfRange`](crate::Problem::DateOutOfRange)s of a
/// period held by `record`.
pub(crate) fn period_problems(
    period: &Period,
    record: &crate::error::RecordRef,
) -> impl Iterator<Item = crate::Problem> {
    [
        ("period.from", Some(period.from)),
        ("period.until", period.until),
    ]
    .into_iter()
    .filter_map(move |(field, d)| {
        let date = d?;
        (!in_range(date)).then(|| crate::Problem::DateOutOfRange {
            record: record.clone(),
            field,
            date,
        })
    })
}

#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(dead_code)] // used only through serde
struct PeriodRepr {
    from: NaiveDate,
    #[cfg_attr(feature = "serde", serde(default))]
    until: Option<NaiveDate>,
}

impl TryFrom<PeriodRepr> for Period {
    type Error = Error;
    fn try_from(r: PeriodRepr) -> Result<Period, Error> {
        Period::new(r.from, r.until)
    }
}

impl From<Period> for PeriodRepr {
    fn from(p: Period) -> PeriodRepr {
        PeriodRepr {
            from: p.from,
            until: p.until,
        }
    }
}
