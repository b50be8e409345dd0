//! [`Scope`]: which tests a figure covers.

use crate::{Error, Obligation, Outcome, Status};

/// Which tests a figure covers: the calendar years of the crisis start (the
/// war entry), both included, and the obligation kinds.
///
/// # Example
///
/// ```
/// use alliance_reliability::history::Scope;
/// use alliance_reliability::Obligation;
///
/// let scope = Scope::judged().years(1816, 1944)?;
/// assert!(scope.covers(Obligation::Neutrality));
/// assert!(!scope.covers(Obligation::Consultation));
/// assert!(scope.covers_year(1944) && !scope.covers_year(1945));
/// assert!(Scope::all().years(1945, 1944).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    first: i32,
    last: i32,
    obligations: u8,
    engaged: bool,
}

impl Scope {
    /// Every year and every obligation kind.
    pub fn all() -> Scope {
        Scope {
            first: i32::MIN,
            last: i32::MAX,
            obligations: 0b111_1111,
            engaged: false,
        }
    }

    /// The obligations war data can judge (defence, offence, neutrality,
    /// non-aggression), every year: the scope of the headline figures.
    /// Consultation is left out because only diplomatic events could show
    /// it honoured, and war data have none.
    pub fn judged() -> Scope {
        Scope::all().obligations([
            Obligation::Defence,
            Obligation::Offence,
            Obligation::Neutrality,
            Obligation::NonAggression,
        ])
    }

    /// Restricts the scope to crises starting in `first..=last`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `last < first`.
    pub fn years(mut self, first: i32, last: i32) -> Result<Scope, Error> {
        if last < first {
            return Err(Error::OutOfRange {
                quantity: "last year of a scope",
                range: "at least the first year",
                value: f64::from(last),
            });
        }
        self.first = first;
        self.last = last;
        Ok(self)
    }

    /// Keeps only these obligation kinds.
    pub fn obligations(mut self, obligations: impl IntoIterator<Item = Obligation>) -> Scope {
        self.obligations = obligations
            .into_iter()
            .fold(0, |acc, o| acc | (1 << o.index()));
        self
    }

    /// Restricts the scope to tests in which the guarantor took part in
    /// the war at all, on either side: a stricter reading of invocation.
    ///
    /// Under [`Rule::Leeds`](super::Rule::Leeds) a neutrality or non-aggression pledge is
    /// tested by every war of its partner and passed by staying out, which
    /// nearly every guarantor does. Read strictly, such a pledge is only at
    /// stake when the guarantor is itself at war in the same conflict: it
    /// then either stays clear of the partner (joins the partner's side:
    /// honoured) or fights it (betrayed). In the COW war data a guarantor
    /// took part exactly when some event bears on the test (co-belligerency
    /// or enmity with the partner), so this keeps the tests with a response
    /// or a betrayal.
    pub fn engaged(mut self) -> Scope {
        self.engaged = true;
        self
    }

    /// Whether the scope keeps only tests with an engaged guarantor.
    pub fn is_engaged(&self) -> bool {
        self.engaged
    }

    /// Whether `outcome` passes the scope's engagement filter.
    pub(super) fn keeps(&self, outcome: &Outcome) -> bool {
        !self.engaged || outcome.response().is_some() || outcome.status() == Status::Betrayed
    }

    /// Whether the scope covers this obligation kind.
    pub fn covers(&self, obligation: Obligation) -> bool {
        self.obligations & (1 << obligation.index()) != 0
    }

    /// Whether the scope covers crises starting in `year`.
    pub fn covers_year(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// First and last year (`i32::MIN`, `i32::MAX` when unrestricted).
    pub fn year_range(&self) -> (i32, i32) {
        (self.first, self.last)
    }
}
