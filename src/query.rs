//! Queries: the tests of one crisis, of one commitment, or of one guarantor
//! in one crisis, each with its explanation.

use crate::timeline::day;
use crate::{ActorId, Assessment, CommitmentId, Contribution, CrisisId, Error, IntoId};

impl Assessment<'_> {
    /// What `guarantor` did in `crisis`: its tests there, each with the
    /// commitment, required level, strongest response, status and
    /// fulfilment under this assessment's lens. Under the default
    /// [`Judging::Treaty`](crate::Judging::Treaty) that is one test per
    /// beneficiary (one, unless the crisis target is a bloc member owed by
    /// several routes), judged against the most demanding commitment
    /// invoked; under [`Judging::EqualSplit`](crate::Judging::EqualSplit),
    /// one per commitment invoked.
    ///
    /// `weight` is the test's weight as of the assessment date and `share`
    /// is `weight / Σ weight` over the tests returned (0 while pending). An
    /// empty list means the crisis invoked none of the guarantor's
    /// commitments (or has not started by the assessment date).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for malformed id text; [`Error::UnknownCrisis`]
    /// or [`Error::UnknownActor`] if the timeline has no such crisis or actor.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::*;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let timeline = Timeline::builder()
    ///     .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
    ///     .actor(Actor::new("VEN", "Venezuela", ActorKind::State)?)
    ///     .commitment(Commitment::new("RUS-VEN", Parties::directed("RUS", "VEN")?,
    ///         Obligation::Consultation, Period::starting(d(2001, 1, 1)))?)
    ///     .crisis(Crisis::new("VEN-2026-01", "VEN", Period::starting(d(2026, 1, 3)),
    ///         CrisisKind::ExternalAttack)?)
    ///     .event(SupportEvent::new("RUS", "VEN", d(2026, 1, 4), SupportKind::Verbal)?)
    ///     .build()?;
    /// let ledger = Ledger::new(timeline, Config::default())?;
    /// let tests = ledger.assess(d(2026, 6, 1)).outcome_of("VEN-2026-01", "RUS")?;
    /// assert_eq!(tests.len(), 1);
    /// assert_eq!(tests[0].commitment.as_str(), "RUS-VEN");
    /// assert_eq!(tests[0].status, Status::Abandoned); // verbal: 0.4 of diplomatic
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outcome_of(
        &self,
        crisis: impl IntoId<CrisisId>,
        guarantor: impl IntoId<ActorId>,
    ) -> Result<Vec<Contribution>, Error> {
        let c = self.crisis_index(crisis)?;
        let g = self.actor_index(guarantor)?;
        Ok(self.select(|crisis, _, guarantor| crisis == c && guarantor == g))
    }

    /// Every test `crisis` set (see [`outcome_of`](Assessment::outcome_of)
    /// for how many per guarantor), in canonical order, each explained as in
    /// [`outcome_of`](Assessment::outcome_of).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for malformed id text; [`Error::UnknownCrisis`]
    /// if the timeline has no such crisis.
    pub fn tests_of_crisis(
        &self,
        crisis: impl IntoId<CrisisId>,
    ) -> Result<Vec<Contribution>, Error> {
        let c = self.crisis_index(crisis)?;
        Ok(self.select(|crisis, _, _| crisis == c))
    }

    /// Every test of `commitment` (the crises that invoked it, by
    /// guarantor), oldest first, each explained as in
    /// [`outcome_of`](Assessment::outcome_of). Under the default
    /// [`Judging::Treaty`](crate::Judging::Treaty), a crisis that invokes
    /// several of a guarantor's commitments toward one target is one test,
    /// listed under the commitment it was judged against only.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for malformed id text; [`Error::UnknownCommitment`]
    /// if the timeline has no such commitment.
    pub fn tests_of_commitment(
        &self,
        commitment: impl IntoId<CommitmentId>,
    ) -> Result<Vec<Contribution>, Error> {
        let id: CommitmentId = commitment.into_id()?;
        let m = self
            .ledger()
            .timeline()
            .commitments()
            .iter()
            .position(|c| c.id() == &id)
            .ok_or_else(|| Error::UnknownCommitment(id.to_string()))?;
        Ok(self.select(|_, commitment, _| commitment == m))
    }

    fn crisis_index(&self, crisis: impl IntoId<CrisisId>) -> Result<usize, Error> {
        let id: CrisisId = crisis.into_id()?;
        self.ledger()
            .timeline()
            .crises()
            .iter()
            .position(|c| c.id() == &id)
            .ok_or_else(|| Error::UnknownCrisis(id.to_string()))
    }

    fn actor_index(&self, actor: impl IntoId<ActorId>) -> Result<usize, Error> {
        let id: ActorId = actor.into_id()?;
        self.ledger()
            .timeline()
            .key(&id)
            .map(|k| k.index())
            .ok_or_else(|| Error::UnknownActor(id.to_string()))
    }

    /// The contributions of the outcomes whose test's (crisis, commitment,
    /// guarantor) indices pass `keep`, with shares over the selection.
    fn select(&self, keep: impl Fn(usize, usize, usize) -> bool) -> Vec<Contribution> {
        let tests = self.ledger().tests();
        let tau = day(self.as_of());
        let mut out: Vec<Contribution> = self
            .outcomes()
            .iter()
            .filter(|o| {
                let t = &tests[o.test()];
                keep(
                    t.crisis as usize,
                    t.commitment as usize,
                    t.guarantor as usize,
                )
            })
            .map(|o| self.contribution(o, tau))
            .collect();
        let total: f64 = out.iter().map(|c| c.weight).sum();
        if total > 0.0 {
            for c in &mut out {
                c.share = c.weight / total;
            }
        }
        out
    }
}
