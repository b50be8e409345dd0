//! Treaty-level judging: how the tests one crisis makes for one guarantor
//! toward one target are weighed (see [`Judging`]).

use super::*;

/// How a crisis that invokes several commitments of one guarantor toward
/// one target is judged.
///
/// One crisis is one observation of a dyad either way: the tests it makes
/// for a (crisis, guarantor, target) carry the crisis severity once in
/// total. What differs is which obligation the response is measured
/// against.
///
/// # Example
///
/// ```
/// use alliance_reliability::*;
/// use chrono::NaiveDate;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let treaty: TreatyId = "RUS-IRN-2025".parse()?;
/// let both = |id, o| -> Result<Commitment, Error> {
///     Ok(Commitment::new(id, Parties::mutual("RUS", "IRN")?, o,
///         Period::starting(d(2025, 1, 17)))?.with_treaty(treaty.clone()))
/// };
/// let timeline = Timeline::builder()
///     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
///     .actor(Actor::new("IRN", "Iran", ActorKind::State)?)
///     .commitment(both("no-aid-to-aggressor", Obligation::Neutrality)?)
///     .commitment(both("consultation", Obligation::Consultation)?)
///     .crisis(Crisis::new("IRN-2025-06", "IRN",
///         Period::new(d(2025, 6, 13), Some(d(2025, 6, 24)))?, CrisisKind::ExternalAttack)?)
///     .event(SupportEvent::new("RUS", "IRN", d(2025, 6, 13), SupportKind::Verbal)?)
///     .build()?;
/// let as_of = d(2025, 7, 1);
/// // The treaty as a whole: one test, against consultation (diplomatic).
/// let whole = Ledger::new(timeline.clone(), Config::default().no_decay())?;
/// assert_eq!(whole.test_count(), 1);
/// let rus = whole.timeline().key_of("RUS")?;
/// assert_eq!(whole.assess(as_of).reliability(rus).honoured(), 0);
/// // Equal split: two half-weight tests, and doing nothing for Israel
/// // "honours" the neutrality clause.
/// let split = Ledger::new(timeline, Config::default().no_decay().judging(Judging::EqualSplit))?;
/// assert_eq!(split.test_count(), 2);
/// assert_eq!(split.assess(as_of).reliability(rus).honoured(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Judging {
    /// The default. A treaty is judged as a whole (Leeds, Long & Mitchell
    /// 2000): of the commitments a crisis invokes toward one target, those
    /// sharing a [`TreatyId`](crate::TreatyId) (a commitment without one is
    /// a treaty of its own) are one promise, judged against its most
    /// demanding clause invoked; then, across treaties, the (crisis,
    /// guarantor, target) is judged against the most demanding of those.
    /// One test remains, with the crisis's full severity. "Most demanding"
    /// is the highest required level on the configured ladder; ties go to
    /// a bloc-wide commitment (so bloc reputation keeps the test), then to
    /// the smallest commitment id.
    #[default]
    Treaty,
    /// The earlier rule: each of the `k` commitments invoked makes its own
    /// test with weight `severity / k`, and their fulfilments are averaged
    /// in the score. A clause kept by doing nothing (neutrality) then
    /// dilutes the clause that was broken.
    EqualSplit,
}

impl Ledger {
    /// Applies the configured [`Judging`] to the tests one crisis opened
    /// (all with the same crisis and target): drops the clauses a treaty
    /// judged as a whole does not test, or splits the weight.
    pub(super) fn judge(&self, mut new: Vec<TestState>) -> Vec<TestState> {
        let mut per_guarantor: FastMap<u32, u32> = FastMap::default();
        match self.config.get_judging() {
            Judging::EqualSplit => {
                for t in &new {
                    *per_guarantor.entry(t.guarantor).or_default() += 1;
                }
                for t in &mut new {
                    t.severity /= f64::from(per_guarantor[&t.guarantor]);
                }
                new
            }
            Judging::Treaty => {
                let ladder = self.config.get_ladder();
                let compiled = &self.compiled.commitments;
                let rank = |t: &TestState| {
                    (
                        std::cmp::Reverse(ordered_float::OrderedFloat(ladder.value(t.required))),
                        std::cmp::Reverse(t.required),
                        t.bloc.is_none(),
                        // The rank of the commitment's id: the id order.
                        compiled[t.commitment as usize].rank,
                    )
                };
                // Per guarantor, the most demanding test; the kept tests
                // stay in the order they were opened.
                let mut best: FastMap<u32, usize> = FastMap::default();
                for (i, t) in new.iter().enumerate() {
                    let b = best.entry(t.guarantor).or_insert(i);
                    if rank(t) < rank(&new[*b]) {
                        *b = i;
                    }
                }
                let mut i = 0;
                new.retain(|t| {
                    i += 1;
                    best[&t.guarantor] == i - 1
                });
                new
            }
        }
    }
}
