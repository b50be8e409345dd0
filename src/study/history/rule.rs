//! Which data and which coding rule: [`AllianceSource`] and [`Rule`].

use std::fmt;

use super::Reading;
use crate::{
    Commitment, Config, Invocation, Judging, MAX_WINDOW_DAYS, Obligation, Provocation, SupportKind,
};

/// Which conflict data supply the crises and events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConflictSource {
    /// COW inter-state wars v4.0 ([`CowWarImport`](crate::import::CowWarImport)).
    CowWars,
    /// Gibler–Miller–Little militarized interstate disputes, 1816–2010
    /// ([`MidImport`](crate::import::MidImport)).
    Mids,
    /// UCDP/PRIO interstate and internationalized armed conflicts, 1946–
    /// ([`UcdpImport`](crate::import::UcdpImport)).
    Ucdp,
}

impl ConflictSource {
    /// Every conflict source.
    pub const ALL: [ConflictSource; 3] = [
        ConflictSource::CowWars,
        ConflictSource::Mids,
        ConflictSource::Ucdp,
    ];

    /// A short name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictSource::CowWars => "COW wars v4.0",
            ConflictSource::Mids => "GML MIDs",
            ConflictSource::Ucdp => "UCDP/PRIO",
        }
    }

    /// The day after the period the source covers, on which its figures
    /// are assessed so that no test is pending: [`AS_OF`](super::AS_OF)
    /// (2008-01-01) for COW wars v4.0, 2011-01-01 for the GML MIDs (to
    /// 2010), 2025-01-01 for UCDP/PRIO (to 2024).
    pub fn as_of(self) -> chrono::NaiveDate {
        let d = |y| chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(super::AS_OF);
        match self {
            ConflictSource::CowWars => super::AS_OF,
            ConflictSource::Mids => d(2011),
            ConflictSource::Ucdp => d(2025),
        }
    }
}

impl fmt::Display for ConflictSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which alliance data set supplies the commitments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AllianceSource {
    /// ATOP 5.1 member-level data, with obligations and conditions ([`AtopImport`](crate::import::AtopImport)).
    Atop,
    /// COW formal alliances v4.1, directed dyad-years ([`CowAllianceImport`](crate::import::CowAllianceImport)).
    Cow,
}

impl AllianceSource {
    /// A short name for reports: `ATOP 5.1` or `COW alliances v4.1`.
    pub fn as_str(self) -> &'static str {
        match self {
            AllianceSource::Atop => "ATOP 5.1",
            AllianceSource::Cow => "COW alliances v4.1",
        }
    }
}

impl fmt::Display for AllianceSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A coding rule for alliance reliability in war: which wars test which
/// commitments, and what honours them.
///
/// Both rules score with no decay (a figure over 1816–2003 weighs 1816 as
/// much as 2003, as the published studies do) and a response window as
/// long as [`MAX_WINDOW_DAYS`], so the window is the beneficiary's whole
/// participation spell (the crisis end bounds it): an ally that joined a
/// year later still fought on its side, as the studies count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Sabrosky (1980): every war of a beneficiary tests every commitment in
    /// force toward it ([`Invocation::Unconditional`]: no trigger
    /// conditions, whoever started the war, whoever the enemy), and a
    /// commitment is honoured only if the guarantor **fought on the
    /// beneficiary's side**: every obligation kind requires
    /// [`SupportKind::Military`] (so a neutrality pact whose guarantor stayed
    /// out counts as unreliable, as in Sabrosky's "fought alongside" measure).
    /// Crises and commitments are used as imported.
    Sabrosky,
    /// Leeds, Long & Mitchell (2000), as far as the data allow: a commitment
    /// is tested only when its conditions hold ([`Invocation::Conditional`]),
    /// and it is honoured when the guarantor did what it promised
    /// ([`Obligation::default_required`]):
    ///
    /// | obligation | invoked by a war of the beneficiary when | honoured when |
    /// |---|---|---|
    /// | defence | the beneficiary was **attacked**: it is not COW's initiator (kind [`CrisisKind::ExternalAttack`](crate::CrisisKind::ExternalAttack), which the importers require of defence; this also covers `defconpr`) | the guarantor fought on its side (military) |
    /// | offence | the beneficiary **started** the war (COW `Initiator` = 1): the offensive casus foederis | the guarantor fought on its side (military) |
    /// | neutrality | always; only when attacked if `neucoatt` (or `neuconpr`) | the guarantor did not fight against it (silence suffices) |
    /// | non-aggression | always | the guarantor did not fight against it |
    /// | consultation | always | diplomatic action, which war data cannot show: only fighting on its side honours it |
    ///
    /// "Attacked" versus "started it" is the model's own trigger:
    /// [`Rule::commitment`] gives defence commitments
    /// [`Provocation::ExcludedIfBeneficiaryInitiated`] and offence
    /// commitments [`Provocation::OnlyIfBeneficiaryInitiated`], read
    /// against COW's `Initiator` ([`Initiator::Target`](crate::Initiator::Target)). Conditions
    /// the member file cannot name (adversary, location, ...) are not
    /// enforced: see the [module documentation](crate::history).
    ///
    /// This is the reading the crate used before the treaty rule: kept for
    /// comparison. It equals [`Rule::Treaty`] with [`Reading::NONE`].
    Leeds,
    /// Leeds, Long & Mitchell's rule read against what the treaty and the
    /// conflict data say ([`Reading`]: named threats, location, attacked
    /// from sides and entry dates, side-based offence, opposite-side
    /// non-aggression, wars within a pact left out of its defence pledges).
    /// Honour is read as under [`Rule::Leeds`]. [`Rule::LEEDS_TREATY`] (all
    /// readings on) is the rule of the published Leeds and Berkemeier &
    /// Fuhrmann figures ([`Figure::rule`](super::Figure::rule)).
    Treaty(Reading),
}

impl Rule {
    /// The default treaty rule: [`Rule::Treaty`] with [`Reading::DEFAULT`].
    pub const LEEDS_TREATY: Rule = Rule::Treaty(Reading::DEFAULT);

    /// The three rules: Sabrosky, today's Leeds reading, the treaty rule.
    pub const ALL: [Rule; 3] = [Rule::Sabrosky, Rule::Leeds, Rule::LEEDS_TREATY];

    /// A short name: `Sabrosky`, `Leeds` or `Leeds (treaty)` (any reading).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Sabrosky => "Sabrosky",
            Rule::Leeds => "Leeds",
            Rule::Treaty(_) => "Leeds (treaty)",
        }
    }

    /// The reading of the treaty terms: [`Reading::NONE`] under
    /// [`Rule::Leeds`] and [`Rule::Sabrosky`] (whose invocation is
    /// unconditional anyway).
    pub fn reading(self) -> Reading {
        match self {
            Rule::Treaty(r) => r,
            _ => Reading::NONE,
        }
    }

    /// Which crises invoke a commitment under this rule.
    pub fn invocation(self) -> Invocation {
        match self {
            Rule::Sabrosky => Invocation::Unconditional,
            Rule::Leeds | Rule::Treaty(_) => Invocation::Conditional,
        }
    }

    /// The scoring configuration: no decay, the longest window, this rule's
    /// [`invocation`](Rule::invocation), each invoked clause judged apart
    /// ([`Judging::EqualSplit`]: the published figures count clauses), and under [`Rule::Sabrosky`]
    /// military action required of every obligation kind. Everything else is
    /// [`Config::default`] (prior learned per obligation kind, abandonment
    /// threshold 0.5).
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::history::Rule;
    /// use alliance_reliability::{Invocation, MAX_WINDOW_DAYS};
    ///
    /// let config = Rule::Leeds.config();
    /// assert_eq!(config.window(), MAX_WINDOW_DAYS);
    /// assert_eq!(config.get_half_life(), None);
    /// assert_eq!(Rule::Sabrosky.config().get_invocation(), Invocation::Unconditional);
    /// ```
    pub fn config(self) -> Config {
        // Clause by clause, as the published figures count (Berkemeier &
        // Fuhrmann report shares per obligation kind); the historical
        // example reports the same figures judged by treaty beside them.
        let base = Config::default()
            .no_decay()
            .invocation(self.invocation())
            .judging(Judging::EqualSplit);
        // MAX_WINDOW_DAYS is in range and military is not hostile: neither
        // setter can fail (the unit tests check both).
        let mut config = base.clone().window_days(MAX_WINDOW_DAYS).unwrap_or(base);
        if self == Rule::Sabrosky {
            for obligation in Obligation::ALL {
                config = match config
                    .clone()
                    .required_for(obligation, SupportKind::Military)
                {
                    Ok(c) => c,
                    Err(_) => config,
                };
            }
        }
        config
    }

    /// Adapts an imported commitment to this rule. Under [`Rule::Leeds`], a
    /// defence commitment is invoked only when its beneficiary was attacked
    /// ([`Provocation::ExcludedIfBeneficiaryInitiated`], whether or not the
    /// treaty has a non-provocation clause), and an offence commitment only
    /// when its beneficiary started the war
    /// ([`Provocation::OnlyIfBeneficiaryInitiated`]). Otherwise the
    /// commitment is returned unchanged.
    ///
    /// The treaty-specific part of [`Rule::Treaty`] (named threats,
    /// location, non-aggression, pact members) is applied by
    /// [`HistoricalData`](super::HistoricalData), which knows the pacts;
    /// this function clears the adversary and location triggers the
    /// importer set unless the rule's [`Reading`] enforces them.
    pub fn commitment(self, commitment: Commitment) -> Commitment {
        if self == Rule::Sabrosky {
            return commitment;
        }
        let reading = self.reading();
        let mut commitment = commitment;
        if !reading.named_threats && !commitment.triggers().adversaries.is_empty() {
            commitment = commitment.with_adversaries(Vec::<crate::ActorId>::new());
        }
        if !reading.location && !commitment.triggers().regions.is_empty() {
            commitment = commitment.with_regions(crate::Regions::NONE);
        }
        match commitment.obligation() {
            Obligation::Defence => {
                commitment.with_provocation(Provocation::ExcludedIfBeneficiaryInitiated)
            }
            Obligation::Offence => {
                commitment.with_provocation(Provocation::OnlyIfBeneficiaryInitiated)
            }
            _ => commitment,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
