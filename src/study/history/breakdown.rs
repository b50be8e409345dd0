//! Counting outcomes: [`Tally`], [`Era`], [`Standing`] and [`Breakdown`].

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::*;
use crate::{
    ActorId, Error, Interval, Ledger, Obligation, Outcome, Reliability, Scoreboard, Status,
};

/// Counts of test outcomes over a [`Scope`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    honoured: u64,
    abandoned: u64,
    betrayed: u64,
    pending: u64,
    weight: f64,
    weighted_honoured: f64,
}

impl Tally {
    fn add(&mut self, o: &Outcome) {
        match o.status() {
            Status::Pending => {
                self.pending += 1;
                return;
            }
            Status::Honoured => {
                self.honoured += 1;
                self.weighted_honoured += o.base_weight();
            }
            Status::Betrayed => self.betrayed += 1,
            _ => self.abandoned += 1,
        }
        self.weight += o.base_weight();
    }

    /// Resolved tests: the `n` of the share.
    pub fn resolved(&self) -> u64 {
        self.honoured + self.abandoned + self.betrayed
    }

    /// Tests honoured.
    pub fn honoured(&self) -> u64 {
        self.honoured
    }

    /// Tests abandoned: the guarantor did less than promised (it stayed out).
    pub fn abandoned(&self) -> u64 {
        self.abandoned
    }

    /// Tests betrayed: the guarantor fought against the beneficiary.
    pub fn betrayed(&self) -> u64 {
        self.betrayed
    }

    /// Tests still pending (none as of [`AS_OF`]).
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Plain share honoured: honoured / resolved tests. `None` without tests.
    pub fn share(&self) -> Option<f64> {
        let n = self.resolved();
        (n > 0).then(|| self.honoured as f64 / n as f64)
    }

    /// Sum of the resolved tests' ledger weights: with COW wars (severity 1)
    /// the number of guarantor–beneficiary–spell triples, when the scope
    /// covers every commitment a spell invokes.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Weighted share honoured: Σ weight of honoured tests / Σ weight.
    pub fn weighted_share(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.weighted_honoured / self.weight)
    }
}

/// The era of a crisis start, split where Berkemeier & Fuhrmann split it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Era {
    /// Crises starting in 1944 or earlier.
    Before1945,
    /// Crises starting in 1945 or later.
    From1945,
}

impl Era {
    /// Both eras, earlier first.
    pub const ALL: [Era; 2] = [Era::Before1945, Era::From1945];

    /// The era of a year.
    pub fn of(year: i32) -> Era {
        if year < 1945 {
            Era::Before1945
        } else {
            Era::From1945
        }
    }

    /// `before 1945` or `1945 and after`.
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Before1945 => "before 1945",
            Era::From1945 => "1945 and after",
        }
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One great power's standing in a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The state.
    pub state: ActorId,
    /// Its name in the timeline.
    pub name: String,
    /// Its COW country code.
    pub ccode: u16,
    /// Its reliability over the scope's tests.
    pub reliability: Reliability,
    /// The credible interval of the reliability.
    pub interval: Interval,
}

/// Every resolved outcome of a ledger as of a date, with its crisis year and
/// obligation, ready for breakdowns. Built in one pass.
#[derive(Clone, Debug)]
pub struct Breakdown<'a> {
    ledger: &'a Ledger,
    as_of: NaiveDate,
    rows: Vec<(Outcome, Obligation, i32)>,
}

impl<'a> Breakdown<'a> {
    /// The outcomes of `ledger` as of `as_of` ([`Ledger::outcomes`]), with
    /// each test's obligation and crisis start year ([`Ledger::test_view`]).
    pub fn new(ledger: &'a Ledger, as_of: NaiveDate) -> Breakdown<'a> {
        let rows = ledger
            .outcomes(as_of)
            .into_iter()
            .filter_map(|o| {
                let view = ledger.test_view(o.test(), as_of)?;
                Some((o, view.commitment.obligation(), view.crisis.start().year()))
            })
            .collect();
        Breakdown {
            ledger,
            as_of,
            rows,
        }
    }

    /// The outcomes in `scope`.
    pub fn outcomes<'s>(&'s self, scope: &'s Scope) -> impl Iterator<Item = &'s Outcome> + 's {
        self.rows
            .iter()
            .filter(move |(o, ob, y)| scope.covers(*ob) && scope.covers_year(*y) && scope.keeps(o))
            .map(|(o, _, _)| o)
    }

    /// The tally of the tests in `scope`.
    pub fn tally(&self, scope: &Scope) -> Tally {
        let mut t = Tally::default();
        for o in self.outcomes(scope) {
            t.add(o);
        }
        t
    }

    /// The tally in `scope` by [`Era`] of the crisis start.
    pub fn by_era(&self, scope: &Scope) -> [(Era, Tally); 2] {
        let mut out = Era::ALL.map(|e| (e, Tally::default()));
        for (o, ob, y) in &self.rows {
            if scope.covers(*ob) && scope.covers_year(*y) && scope.keeps(o) {
                let i = Era::ALL.iter().position(|e| *e == Era::of(*y)).unwrap_or(0);
                out[i].1.add(o);
            }
        }
        out
    }

    /// The tally in `scope` for each of ATOP's five obligation kinds
    /// (defence, offence, neutrality, non-aggression, consultation), whether
    /// or not `scope` covers it: only the years of `scope` apply.
    pub fn by_obligation(&self, scope: &Scope) -> [(Obligation, Tally); 5] {
        let kinds = [
            Obligation::Defence,
            Obligation::Offence,
            Obligation::Neutrality,
            Obligation::NonAggression,
            Obligation::Consultation,
        ];
        kinds.map(|k| (k, self.tally(&scope.obligations([k]))))
    }

    /// The [`GREAT_POWERS`]' reliability over the tests in `scope`, most
    /// reliable first (posterior mean; ties by id), each with its credible
    /// interval at `level` (for example 0.9). The posterior is folded from
    /// the scope's outcomes only ([`Ledger::assess_with`]), from the
    /// ledger's prior, with the ledger's weights and decay. A great power
    /// absent from the timeline is left out.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidLevel`] unless `0 < level < 1`.
    pub fn great_powers(&self, scope: &Scope, level: f64) -> Result<Vec<Standing>, Error> {
        let mut board = Scoreboard::new(self.ledger.config());
        for o in self.outcomes(scope) {
            board.add(o);
        }
        let assessment = self.ledger.assess_with(self.as_of, board);
        let tl = self.ledger.timeline();
        let mut out = Vec::new();
        for (ccode, id) in GREAT_POWERS {
            let Ok(key) = tl.key_of(id) else {
                continue;
            };
            let reliability = assessment.reliability(key);
            let interval = reliability.interval(level)?;
            let name = tl
                .actor(key)
                .map_or_else(|| id.to_string(), |a| a.name().to_string());
            out.push(Standing {
                state: tl
                    .actor(key)
                    .map(|a| a.id().clone())
                    .ok_or_else(|| Error::UnknownActor(id.to_string()))?,
                name,
                ccode,
                reliability,
                interval,
            });
        }
        out.sort_by(|a, b| {
            b.reliability
                .mean()
                .total_cmp(&a.reliability.mean())
                .then_with(|| a.state.cmp(&b.state))
        });
        Ok(out)
    }
}
