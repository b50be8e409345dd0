//! What a test's outcome is: [`Status`], [`Outcome`], [`TestView`], and
//! the settling of a test from the hits logged on it.

use super::*;

/// Where a test stands as of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Status {
    /// The response window is still open: not yet evidence.
    Pending,
    /// Fulfilment reached the abandonment threshold.
    Honoured,
    /// Fulfilment fell below the abandonment threshold (silence included).
    Abandoned,
    /// The guarantor acted against the beneficiary within the window.
    Betrayed,
}

impl Status {
    /// Lower-case name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Honoured => "honoured",
            Status::Abandoned => "abandoned",
            Status::Betrayed => "betrayed",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One test: a crisis invoked a commitment, so a guarantor owed a
/// beneficiary a response within a window.
#[derive(Clone, Debug)]
pub(crate) struct TestState {
    pub(crate) crisis: u32,
    pub(crate) commitment: u32,
    pub(crate) guarantor: u32,
    pub(crate) beneficiary: u32,
    /// The bloc, when the commitment is bloc-wide.
    pub(crate) bloc: Option<u32>,
    pub(crate) start: Day,
    /// Last day of the response window (inclusive).
    pub(crate) end: Day,
    pub(crate) required: SupportKind,
    pub(crate) severity: f64,
    /// The events that bear on this test, in arrival order.
    pub(crate) hits: Vec<Hit>,
}

/// An event that bears on a test: its index and what the outcome reads of
/// it, copied when it is matched so that an outcome reads no event row
/// (rows are scattered over the whole timeline; a test's hits are not).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    event: u32,
    /// `day << KIND_BITS | rung`, as in [`KeyedEvent`].
    day_kind: i32,
    intensity: f64,
    confidence: f64,
}

impl Hit {
    #[inline]
    pub(super) fn new(event: u32, row: &KeyedEvent) -> Hit {
        Hit {
            event,
            day_kind: row.day_kind,
            intensity: row.intensity.get(),
            confidence: row.confidence.get(),
        }
    }

    #[inline]
    pub(super) fn day(&self) -> Day {
        self.day_kind >> KIND_BITS
    }

    #[inline]
    pub(super) fn kind(&self) -> SupportKind {
        kind_of(self.day_kind)
    }
}

/// The outcome of one test as of a date: the unit that scores fold.
///
/// Outcomes are what shards exchange: fold any partition of them into
/// [`Scoreboard`](crate::Scoreboard)s and merge, and you get the single fold.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    pub(crate) test: u32,
    pub(crate) guarantor: u32,
    pub(crate) beneficiary: u32,
    pub(crate) bloc: Option<u32>,
    pub(crate) obligation: Obligation,
    pub(crate) start: Day,
    pub(crate) severity: f64,
    pub(crate) fulfilment: f64,
    pub(crate) status: Status,
    pub(crate) response: Option<u32>,
    pub(crate) expected: f64,
}

impl Outcome {
    /// The test's index, as taken by [`Ledger::test_view`].
    pub fn test(&self) -> usize {
        self.test as usize
    }
    /// The guarantor.
    pub fn guarantor(&self) -> ActorKey {
        ActorKey(self.guarantor)
    }
    /// The beneficiary (the crisis target).
    pub fn beneficiary(&self) -> ActorKey {
        ActorKey(self.beneficiary)
    }
    /// The bloc, when the commitment is bloc-wide.
    pub fn bloc(&self) -> Option<ActorKey> {
        self.bloc.map(ActorKey)
    }
    /// The obligation kind of the commitment invoked.
    pub fn obligation(&self) -> Obligation {
        self.obligation
    }
    /// The crisis start, which dates the test for decay.
    pub fn date(&self) -> NaiveDate {
        date(self.start)
    }
    /// The test's base weight: the crisis severity, divided under
    /// [`Judging::EqualSplit`](crate::Judging::EqualSplit) by the number of
    /// this guarantor's commitments the crisis invokes toward the target
    /// (one crisis is one observation of a dyad; under the default
    /// [`Judging::Treaty`](crate::Judging::Treaty) it is the only test).
    ///
    /// The test's weight in a score as of a date is this base weight times
    /// the decay `2^(−age/half-life)` (see [`methodology`](crate::methodology)).
    pub fn base_weight(&self) -> f64 {
        self.severity
    }
    /// The test's base weight, under its old, misleading name: it is not
    /// the crisis's severity (that is [`Crisis::severity`]) but severity / k.
    #[deprecated(note = "renamed to `base_weight`: it is severity / k, not the crisis severity")]
    pub fn severity(&self) -> f64 {
        self.base_weight()
    }
    /// Fulfilment in [0, 1], under the lens the outcome was read through.
    pub fn fulfilment(&self) -> f64 {
        self.fulfilment
    }
    /// The level the response was measured against: the required level's
    /// ladder value under [`Lens::Letter`](crate::Lens::Letter), the
    /// [expected level](crate::ExpectedLevel) under
    /// [`Lens::Expectation`](crate::Lens::Expectation).
    pub fn expected(&self) -> f64 {
        self.expected
    }
    /// The status.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Index of the strongest supporting event, if any
    /// (see [`Timeline::event`](crate::Timeline::event)).
    pub fn response(&self) -> Option<usize> {
        self.response.map(|i| i as usize)
    }
}

/// A read-only view of one test, for reports and explanations.
#[derive(Clone, Debug)]
pub struct TestView<'a> {
    /// The crisis that invoked the commitment.
    pub crisis: &'a Crisis,
    /// The commitment invoked.
    pub commitment: &'a Commitment,
    /// Who owed support.
    pub guarantor: &'a crate::Actor,
    /// Who was owed it (the crisis target).
    pub beneficiary: &'a crate::Actor,
    /// The required level on the ladder.
    pub required: SupportKind,
    /// The response window.
    pub window: Period,
    /// The outcome as of the assessment date.
    pub outcome: Outcome,
    /// The strongest supporting event, if any.
    pub response: Option<SupportEvent>,
}

impl Ledger {
    /// The outcome of every test whose crisis has started by `as_of`, in
    /// canonical order. Events after `as_of` are ignored; a test whose
    /// window is still open is [`Status::Pending`].
    pub fn outcomes(&self, as_of: NaiveDate) -> Vec<Outcome> {
        let tau = day(as_of);
        self.order
            .iter()
            .filter(|&&t| self.tests[t as usize].start <= tau)
            .map(|&t| self.outcome(t, tau))
            .collect()
    }

    pub(crate) fn outcome(&self, t: u32, tau: Day) -> Outcome {
        self.outcome_under(t, tau, self.config.get_lens())
    }

    /// The outcome of test `t` as of `tau`, read through `lens`.
    pub(crate) fn outcome_under(&self, t: u32, tau: Day, lens: Lens) -> Outcome {
        let test = &self.tests[t as usize];
        let need = self.need_under(test, lens);
        self.with_hits(test, tau, |s, h| self.settle(t, test, tau, s, h, need))
    }

    /// The outcome of test `t` as of `tau` under both lenses (letter,
    /// expectation), gathering its hits once.
    pub(crate) fn outcome_pair(&self, t: u32, tau: Day) -> [Outcome; 2] {
        let test = &self.tests[t as usize];
        let letter = self.need_under(test, Lens::Letter);
        let expected = self.need_under(test, Lens::Expectation);
        self.with_hits(test, tau, |s, h| {
            [
                self.settle(t, test, tau, s, h, letter),
                self.settle(t, test, tau, s, h, expected),
            ]
        })
    }

    /// Runs `f` on the test's gathered support and hostile acts up to `tau`.
    #[inline]
    fn with_hits<R>(
        &self,
        test: &TestState,
        tau: Day,
        f: impl FnOnce(&mut [(f64, f64, Day, u32)], &mut [f64]) -> R,
    ) -> R {
        // No allocation for the common short hit lists: sort on the stack.
        const SMALL: usize = 16;
        let n = test.hits.len();
        if n == 0 {
            f(&mut [], &mut [])
        } else if n <= SMALL {
            let mut support = [(0.0, 0.0, 0, 0); SMALL];
            let mut hostile = [0.0; SMALL];
            let (s, h) = self.gather(test, tau, &mut support, &mut hostile);
            f(&mut support[..s], &mut hostile[..h])
        } else {
            let mut support = vec![(0.0, 0.0, 0, 0); n];
            let mut hostile = vec![0.0; n];
            let (s, h) = self.gather(test, tau, &mut support, &mut hostile);
            f(&mut support[..s], &mut hostile[..h])
        }
    }

    /// Splits a test's hits up to `tau` into support (strength, confidence,
    /// day, event) and hostile confidences; returns how many of each.
    /// Both buffers hold at least `test.hits.len()` entries.
    #[inline]
    pub(super) fn gather(
        &self,
        test: &TestState,
        tau: Day,
        support: &mut [(f64, f64, Day, u32)],
        hostile: &mut [f64],
    ) -> (usize, usize) {
        let ladder = self.config.get_ladder();
        let (mut s, mut h) = (0, 0);
        for e in &test.hits {
            if e.day() > tau {
                continue;
            }
            if e.kind() == SupportKind::Hostile {
                hostile[h] = e.confidence;
                h += 1;
            } else {
                support[s] = (
                    ladder.value(e.kind()) * e.intensity,
                    e.confidence,
                    e.day(),
                    e.event,
                );
                s += 1;
            }
        }
        (s, h)
    }

    /// The outcome from a test's gathered support and hostile acts, with
    /// fulfilment measured against the level `need` (the required level's
    /// value under the letter lens; the expected level under the other).
    pub(super) fn settle(
        &self,
        t: u32,
        test: &TestState,
        tau: Day,
        support: &mut [(f64, f64, Day, u32)],
        hostile: &mut [f64],
        need: f64,
    ) -> Outcome {
        // Strongest first; ties by confidence, then earliest, then arrival.
        support.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
                .then(a.3.cmp(&b.3))
        });
        hostile.sort_unstable_by(f64::total_cmp);
        // E[max strength] when each event happened with its confidence, independently.
        let mut expected = 0.0;
        let mut none_yet = 1.0;
        for &(s, c, _, _) in &*support {
            expected += s * c * none_yet;
            none_yet *= 1.0 - c;
        }
        let loyal: f64 = hostile.iter().map(|c| 1.0 - c).product();
        let delivered = if need > 0.0 {
            (expected / need).min(1.0)
        } else {
            1.0
        };
        let fulfilment = (delivered * loyal).clamp(0.0, 1.0);
        let status = if test.end > tau {
            Status::Pending
        } else if !hostile.is_empty() {
            Status::Betrayed
        } else if fulfilment >= self.config.get_abandonment_threshold() {
            Status::Honoured
        } else {
            Status::Abandoned
        };
        Outcome {
            test: t,
            guarantor: test.guarantor,
            beneficiary: test.beneficiary,
            bloc: test.bloc,
            obligation: self.timeline.commitments()[test.commitment as usize].obligation(),
            start: test.start,
            severity: test.severity,
            fulfilment,
            status,
            response: support.first().map(|s| s.3),
            expected: need,
        }
    }

    /// A readable view of test `t` with its outcome as of `as_of`.
    pub fn test_view(&self, t: usize, as_of: NaiveDate) -> Option<TestView<'_>> {
        let test = self.tests.get(t)?;
        let tl = &self.timeline;
        let outcome = self.outcome(t as u32, day(as_of));
        Some(TestView {
            crisis: &tl.crises()[test.crisis as usize],
            commitment: &tl.commitments()[test.commitment as usize],
            guarantor: &tl.actors()[test.guarantor as usize],
            beneficiary: &tl.actors()[test.beneficiary as usize],
            required: test.required,
            // start ≤ end by construction (window ≥ 1 day, crisis end ≥ start).
            window: Period::new(date(test.start), Some(date(test.end)))
                .unwrap_or_else(|_| Period::starting(date(test.start))),
            outcome,
            response: outcome.response.and_then(|i| tl.event(i as usize)),
        })
    }
}
