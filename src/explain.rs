//! Explanations: every score as a list of its contributions, so a
//! researcher can reproduce it by hand.

use std::fmt;

use chrono::NaiveDate;

use crate::resolve::{Outcome, Status};
use crate::timeline::{Day, day};
use crate::{
    ActorId, ActorKey, Assessment, CommitmentId, CrisisId, Error, ExpectedLevel, Lens, Obligation,
    SupportKind,
};

/// The strongest support event behind a test's response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// Its rung.
    pub kind: SupportKind,
    /// Its date.
    pub date: NaiveDate,
    /// Its intensity.
    pub intensity: f64,
    /// Its confidence.
    pub confidence: f64,
    /// Its source text, if any.
    pub source: Option<String>,
}

/// One test's part in a score.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// The test's index (see [`Ledger::test_view`](crate::Ledger::test_view)).
    pub test: usize,
    /// The crisis.
    pub crisis: CrisisId,
    /// The crisis label, if any.
    pub crisis_label: Option<String>,
    /// The crisis start, which dates the test.
    pub date: NaiveDate,
    /// The commitment invoked.
    pub commitment: CommitmentId,
    /// Its obligation kind.
    pub obligation: Obligation,
    /// The level it required.
    pub required: SupportKind,
    /// Who owed support.
    pub guarantor: ActorId,
    /// Who was owed it.
    pub beneficiary: ActorId,
    /// The strongest supporting event, if any (`None` is silence).
    pub response: Option<Response>,
    /// The outcome.
    pub status: Status,
    /// Fulfilment in [0, 1], under the explanation's lens.
    pub fulfilment: f64,
    /// The level the response was measured against (see
    /// [`Outcome::expected`](crate::Outcome::expected)).
    pub expected: f64,
    /// Under [`Lens::Expectation`], the expected level and where it came
    /// from; `None` under [`Lens::Letter`].
    pub expectation: Option<ExpectedLevel>,
    /// The test's weight now: `severity · 2^(−age/half-life)` (0 while pending).
    pub weight: f64,
    /// `weight / Σ weight` over the resolved contributions (0 while pending).
    pub share: f64,
}

/// A score taken apart: prior, contributions, and the posterior they sum to.
///
/// `alpha = prior_alpha + Σ weight·fulfilment` and
/// `beta = prior_beta + Σ weight·(1 − fulfilment)` over
/// [`contributions`](Explanation::contributions); [`Display`](fmt::Display)
/// prints the table and the arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub struct Explanation {
    /// What is explained, for example "reliability of RUS".
    pub subject: String,
    /// The lens the tests were read through.
    pub lens: Lens,
    /// The assessment date.
    pub as_of: NaiveDate,
    /// Half-life in days (`None`: no decay).
    pub half_life_days: Option<f64>,
    /// Prior α (for abandonment, includes the pooled part).
    pub prior_alpha: f64,
    /// Prior β (for abandonment, includes the pooled part).
    pub prior_beta: f64,
    /// How the prior was made.
    pub prior_note: String,
    /// Resolved tests, oldest first.
    pub contributions: Vec<Contribution>,
    /// Tests still pending: not evidence yet.
    pub pending: Vec<Contribution>,
}

impl Explanation {
    /// `prior_alpha + Σ weight·fulfilment`.
    pub fn alpha(&self) -> f64 {
        self.prior_alpha
            + self
                .contributions
                .iter()
                .map(|c| c.weight * c.fulfilment)
                .sum::<f64>()
    }

    /// `prior_beta + Σ weight·(1 − fulfilment)`.
    pub fn beta(&self) -> f64 {
        self.prior_beta
            + self
                .contributions
                .iter()
                .map(|c| c.weight * (1.0 - c.fulfilment))
                .sum::<f64>()
    }

    /// `alpha / (alpha + beta)`.
    pub fn mean(&self) -> f64 {
        self.alpha() / (self.alpha() + self.beta())
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hl = match self.half_life_days {
            Some(h) if h.is_finite() => format!("half-life {:.0} days", h),
            _ => "no decay".to_string(),
        };
        writeln!(
            f,
            "{} as of {} ({hl}; {} lens)",
            self.subject, self.as_of, self.lens
        )?;
        writeln!(
            f,
            "prior Beta({:.3}, {:.3}): {}",
            self.prior_alpha, self.prior_beta, self.prior_note
        )?;
        // Id columns are as wide as their longest entry (at least the
        // header's width): ids are never cut, so two that share a prefix
        // stay distinguishable.
        let all = || self.contributions.iter().chain(&self.pending);
        let wc = all().map(|c| c.crisis.as_str().len()).fold(12, usize::max);
        let wd = all()
            .map(|c| c.guarantor.as_str().len() + 1 + c.beneficiary.as_str().len())
            .fold(9, usize::max);
        let wm = all()
            .map(|c| c.commitment.as_str().len())
            .fold(18, usize::max);
        let wo = all()
            .map(|c| c.obligation.as_str().len() + 4 + c.required.as_str().len())
            .fold(25, usize::max);
        let row = |f: &mut fmt::Formatter<'_>, c: &Contribution| -> fmt::Result {
            let response = match &c.response {
                Some(r) => format!(
                    "{} {} i={} c={}",
                    r.kind,
                    r.date,
                    trim(r.intensity),
                    trim(r.confidence)
                ),
                None => "silence".to_string(),
            };
            writeln!(
                f,
                "  {:<10} {:<wc$} {:<wd$} {:<wm$} {:<wo$} {:<34} {:<9} {:>5.3} {:>6.3} {:>5.1}%",
                c.date.to_string(),
                c.crisis.as_str(),
                format!("{}>{}", c.guarantor, c.beneficiary),
                c.commitment.as_str(),
                format!("{} >= {}", c.obligation, c.required),
                response,
                c.status.as_str(),
                c.fulfilment,
                c.weight,
                100.0 * c.share
            )?;
            match &c.expectation {
                Some(e) => writeln!(f, "  {:<10} {e}", ""),
                None => Ok(()),
            }
        };
        writeln!(
            f,
            "  {:<10} {:<wc$} {:<wd$} {:<wm$} {:<wo$} {:<34} {:<9} {:>5} {:>6} {:>6}",
            "date",
            "crisis",
            "dyad",
            "commitment",
            "obligation >= required",
            "strongest response",
            "status",
            "f",
            "weight",
            "share"
        )?;
        for c in &self.contributions {
            row(f, c)?;
        }
        let (wf, w): (f64, f64) = self.contributions.iter().fold((0.0, 0.0), |(a, b), c| {
            (a + c.weight * c.fulfilment, b + c.weight)
        });
        writeln!(
            f,
            "  alpha = {:.3} + {:.3} = {:.3}; beta = {:.3} + {:.3} = {:.3}; mean = {:.3}",
            self.prior_alpha,
            wf,
            self.alpha(),
            self.prior_beta,
            w - wf,
            self.beta(),
            self.mean()
        )?;
        if !self.pending.is_empty() {
            writeln!(f, "  pending (window open, not yet evidence):")?;
            for c in &self.pending {
                row(f, c)?;
            }
        }
        Ok(())
    }
}

fn trim(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Assessment<'_> {
    pub(crate) fn contribution(&self, o: &Outcome, tau: Day) -> Contribution {
        let ledger = self.ledger();
        let tl = ledger.timeline();
        let test = &ledger.tests()[o.test as usize];
        let crisis = &tl.crises()[test.crisis as usize];
        let commitment = &tl.commitments()[test.commitment as usize];
        let weight = if o.status == Status::Pending {
            0.0
        } else {
            o.severity * (-(f64::from(tau - o.start)) * ledger.config().rate()).exp2()
        };
        let response = o.response.and_then(|i| {
            let e = tl.rows().get(i as usize)?;
            Some(Response {
                kind: e.kind(),
                date: e.date(),
                intensity: e.intensity.get(),
                confidence: e.confidence.get(),
                source: tl.source(i as usize).map(str::to_string),
            })
        });
        Contribution {
            test: o.test as usize,
            crisis: crisis.id().clone(),
            crisis_label: crisis.label().map(str::to_string),
            date: crisis.start(),
            commitment: commitment.id().clone(),
            obligation: commitment.obligation(),
            required: test.required,
            guarantor: tl.actors()[test.guarantor as usize].id().clone(),
            beneficiary: tl.actors()[test.beneficiary as usize].id().clone(),
            response,
            status: o.status,
            fulfilment: o.fulfilment,
            expected: o.expected,
            expectation: (self.lens() == Lens::Expectation).then(|| ledger.expected_for(test)),
            weight,
            share: 0.0,
        }
    }

    fn explanation(
        &self,
        subject: String,
        prior: (f64, f64),
        prior_note: String,
        keep: impl Fn(&Outcome) -> bool,
    ) -> Explanation {
        let tau = day(self.as_of());
        let mut contributions = Vec::new();
        let mut pending = Vec::new();
        for o in self.outcomes().iter().filter(|o| keep(o)) {
            let c = self.contribution(o, tau);
            if o.status == Status::Pending {
                pending.push(c);
            } else {
                contributions.push(c);
            }
        }
        let total: f64 = contributions.iter().map(|c| c.weight).sum();
        if total > 0.0 {
            for c in &mut contributions {
                c.share = c.weight / total;
            }
        }
        Explanation {
            subject,
            lens: self.lens(),
            as_of: self.as_of(),
            half_life_days: self.ledger().config().get_half_life().map(|h| h.days()),
            prior_alpha: prior.0,
            prior_beta: prior.1,
            prior_note,
            contributions,
            pending,
        }
    }

    fn id(&self, key: ActorKey) -> Result<&ActorId, Error> {
        self.ledger()
            .timeline()
            .actor(key)
            .map(|a| a.id())
            .ok_or_else(|| Error::UnknownActor(format!("key {}", key.index())))
    }

    /// Explains [`reliability`](Assessment::reliability): every test of
    /// `guarantor`, with its weight and share.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`] for a key from another timeline.
    pub fn explain_reliability(&self, guarantor: ActorKey) -> Result<Explanation, Error> {
        let id = self.id(guarantor)?;
        let source = self.prior_source(guarantor, None);
        Ok(self.explanation(
            format!("reliability of {id}"),
            (source.alpha, source.beta),
            source.to_string(),
            |o| o.guarantor() == guarantor,
        ))
    }

    /// Explains [`abandonment`](Assessment::abandonment): the dyad's own
    /// tests, and the pooled prior drawn from the guarantor's other tests.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`] for a key from another timeline.
    pub fn explain_abandonment(
        &self,
        guarantor: ActorKey,
        client: ActorKey,
    ) -> Result<Explanation, Error> {
        let g = self.id(guarantor)?;
        let c = self.id(client)?;
        let a = self.abandonment(guarantor, client);
        let r = a.record();
        let w = r.totals();
        let prior = (
            r.alpha() - w.weighted_fulfilment,
            r.beta() - (w.weight - w.weighted_fulfilment),
        );
        let p = self.ledger().config().get_prior();
        let note = format!(
            "Beta({} + κ·m, {} + κ·(1 − m)) with κ = {} and m = {:.3}, {g}'s reliability over {} test(s) toward others; risk of abandonment = 1 − mean = {:.3}",
            trim(p.alpha()),
            trim(p.beta()),
            trim(a.pooling()),
            a.others().mean(),
            a.others().tests(),
            a.risk()
        );
        Ok(
            self.explanation(format!("{g}'s record toward {c}"), prior, note, |o| {
                o.guarantor() == guarantor && o.beneficiary() == client
            }),
        )
    }

    /// Explains [`bloc`](Assessment::bloc): every test under the bloc's
    /// bloc-wide commitments.
    ///
    /// # Errors
    ///
    /// [`Error::NotABloc`] or [`Error::UnknownActor`].
    pub fn explain_bloc(&self, bloc: ActorKey) -> Result<Explanation, Error> {
        self.bloc(bloc)?;
        let id = self.id(bloc)?;
        let p = self.ledger().config().get_prior();
        Ok(self.explanation(
            format!("reputation of {id} (members toward members)"),
            (p.alpha(), p.beta()),
            "the configured prior".to_string(),
            |o| o.bloc() == Some(bloc),
        ))
    }
}
