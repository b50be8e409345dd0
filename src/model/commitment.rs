//! Commitments: who promised what to whom, when, and under which conditions.

use std::fmt;

use crate::{ActorId, CommitmentId, CrisisKind, Error, Period, Regions, SupportKind, TreatyId};

/// The obligation a commitment creates, following ATOP's five kinds plus an
/// informal partnership.
///
/// Each kind has a default [required level](Obligation::default_required):
///
/// | obligation | ATOP variable | required by default | why |
/// |---|---|---|---|
/// | defence | `defense` | military | ATOP: "active military support" if a member is attacked |
/// | offence | `offense` | military | ATOP: active military support in an offensive war |
/// | neutrality | `neutral` | silence (= not hostile) | ATOP: refrain from aiding the adversary |
/// | non-aggression | `nonagg` | silence (= not hostile) | ATOP: refrain from attacking the partner |
/// | consultation | `consul` | diplomatic | ATOP: consult in a crisis, which is a diplomatic act |
/// | partnership | (none) | diplomatic | informal "strategic partnership": political backing is the least it implies |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Obligation {
    /// Defend the beneficiary if it is attacked.
    Defence,
    /// Join the beneficiary in offensive war.
    Offence,
    /// Stay out of a conflict the beneficiary is in.
    Neutrality,
    /// Do not attack the beneficiary.
    NonAggression,
    /// Consult with the beneficiary in a crisis.
    Consultation,
    /// An informal partnership with no treaty obligation.
    Partnership,
}

impl Obligation {
    /// All obligation kinds.
    pub const ALL: [Obligation; 6] = [
        Obligation::Defence,
        Obligation::Offence,
        Obligation::Neutrality,
        Obligation::NonAggression,
        Obligation::Consultation,
        Obligation::Partnership,
    ];

    /// The least support that fulfils this obligation by default (see the table above).
    pub fn default_required(self) -> SupportKind {
        match self {
            Obligation::Defence | Obligation::Offence => SupportKind::Military,
            Obligation::Neutrality | Obligation::NonAggression => SupportKind::Silence,
            Obligation::Consultation | Obligation::Partnership => SupportKind::Diplomatic,
        }
    }

    /// The snake-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Obligation::Defence => "defence",
            Obligation::Offence => "offence",
            Obligation::Neutrality => "neutrality",
            Obligation::NonAggression => "non_aggression",
            Obligation::Consultation => "consultation",
            Obligation::Partnership => "partnership",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Obligation {
    type Err = Error;
    fn from_str(s: &str) -> Result<Obligation, Error> {
        Obligation::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(Error::UnknownName {
                what: "obligation",
                value: s.to_string(),
            })
    }
}

/// Who owes whom.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Parties {
    /// `guarantor` owes `beneficiary`; not the other way round.
    Directed {
        /// Who promised.
        guarantor: ActorId,
        /// To whom.
        beneficiary: ActorId,
    },
    /// Each of the two owes the other.
    Mutual(ActorId, ActorId),
    /// Every member of the bloc owes every other member, while both are members.
    Bloc(ActorId),
}

/// Whether the commitment applies when the beneficiary started the conflict.
///
/// ATOP codes many defence pacts as non-provocation (`defconpr`): they are
/// not invoked by the beneficiary's own aggression.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Provocation {
    /// Invoked whoever started the conflict.
    #[default]
    Unconditional,
    /// Not invoked when the beneficiary initiated the crisis.
    ExcludedIfBeneficiaryInitiated,
    /// Invoked only when the beneficiary initiated the crisis: ATOP's
    /// offence obligation, support in a war the partner starts.
    OnlyIfBeneficiaryInitiated,
}

/// A set of [`CrisisKind`]s, as a small bit set.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct CrisisKinds(u8);

impl CrisisKinds {
    /// Every kind of crisis.
    pub const ALL: CrisisKinds = CrisisKinds(0b1_1111);

    /// The kinds in `kinds`.
    pub fn of(kinds: impl IntoIterator<Item = CrisisKind>) -> CrisisKinds {
        CrisisKinds(kinds.into_iter().fold(0, |acc, k| acc | (1 << k.index())))
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: CrisisKind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    /// The kinds in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = CrisisKind> {
        CrisisKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Default for CrisisKinds {
    fn default() -> Self {
        CrisisKinds::ALL
    }
}

impl fmt::Debug for CrisisKinds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CrisisKinds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CrisisKinds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let kinds = Vec::<CrisisKind>::deserialize(d)?;
        Ok(CrisisKinds::of(kinds))
    }
}

/// The conditions under which a crisis invokes a commitment.
///
/// A crisis invokes a commitment only if **all** hold:
/// - the crisis kind is among [`kinds`](Triggers::kinds) (default: all);
/// - if [`adversaries`](Triggers::adversaries) is non-empty, at least one of
///   the crisis's adversaries is named there (ATOP `defcoadv`);
/// - under [`Provocation::ExcludedIfBeneficiaryInitiated`], the target did
///   not initiate the crisis (ATOP `defconpr`); under
///   [`Provocation::OnlyIfBeneficiaryInitiated`], it did (an offensive war);
/// - if [`regions`](Triggers::regions) is non-empty and the crisis's
///   [regions](crate::Crisis::regions) are known, they share a region (ATOP
///   `defcoloc`); an unknown place does not exclude;
/// - none of the crisis's adversaries is in
///   [`excluded_adversaries`](Triggers::excluded_adversaries) (for example
///   the other members of the same pact: a war among members does not
///   invoke their defence pledges).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(default))]
pub struct Triggers {
    /// Only crises against these adversaries invoke the commitment; empty
    /// means any adversary. Order does not matter.
    pub adversaries: Vec<ActorId>,
    /// Whether the beneficiary's own aggression invokes it.
    pub provocation: Provocation,
    /// Which kinds of crisis invoke it.
    pub kinds: CrisisKinds,
    /// Only crises in one of these regions invoke it; empty means anywhere.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::model::region::is_none")
    )]
    pub regions: Regions,
    /// Crises against any of these adversaries do not invoke it. Order
    /// does not matter.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub excluded_adversaries: Vec<ActorId>,
}

/// A promise: a guarantor owes a beneficiary an obligation over a period,
/// under trigger conditions.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Commitment, Obligation, Parties, Period, Provocation, SupportKind};
/// use chrono::NaiveDate;
///
/// let from = NaiveDate::from_ymd_opt(1992, 5, 15).unwrap();
/// let cst = Commitment::new(
///     "CST-art4",
///     Parties::Bloc("CSTO".parse()?),
///     Obligation::Defence,
///     Period::starting(from),
/// )?
/// .with_provocation(Provocation::ExcludedIfBeneficiaryInitiated);
/// assert_eq!(cst.required(), SupportKind::Military);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Commitment {
    id: CommitmentId,
    parties: Parties,
    obligation: Obligation,
    #[cfg_attr(feature = "serde", serde(default))]
    required: Option<SupportKind>,
    period: Period,
    #[cfg_attr(feature = "serde", serde(default))]
    triggers: Triggers,
    #[cfg_attr(feature = "serde", serde(default))]
    label: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    treaty: Option<TreatyId>,
}

impl Commitment {
    /// A commitment with default triggers (any adversary, unconditional, any
    /// crisis kind) and the obligation's default required level.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id. References to actors are
    /// checked by the [`Timeline`](crate::Timeline).
    pub fn new(
        id: impl AsRef<str>,
        parties: Parties,
        obligation: Obligation,
        period: Period,
    ) -> Result<Commitment, Error> {
        Ok(Commitment {
            id: CommitmentId::new(id)?,
            parties,
            obligation,
            required: None,
            period,
            triggers: Triggers::default(),
            label: None,
            treaty: None,
        })
    }

    /// Overrides the required support level.
    pub fn with_required(mut self, level: SupportKind) -> Commitment {
        self.required = Some(level);
        self
    }

    /// Restricts the commitment to crises against these adversaries.
    pub fn with_adversaries(
        mut self,
        adversaries: impl IntoIterator<Item = ActorId>,
    ) -> Commitment {
        let mut v: Vec<ActorId> = adversaries.into_iter().collect();
        v.sort();
        v.dedup();
        self.triggers.adversaries = v;
        self
    }

    /// Sets the non-provocation clause.
    pub fn with_provocation(mut self, provocation: Provocation) -> Commitment {
        self.triggers.provocation = provocation;
        self
    }

    /// Restricts the commitment to crises in these regions (empty: anywhere).
    pub fn with_regions(mut self, regions: Regions) -> Commitment {
        self.triggers.regions = regions;
        self
    }

    /// Keeps crises against any of these adversaries from invoking the
    /// commitment.
    pub fn with_excluded_adversaries(
        mut self,
        adversaries: impl IntoIterator<Item = ActorId>,
    ) -> Commitment {
        let mut v: Vec<ActorId> = adversaries.into_iter().collect();
        v.sort();
        v.dedup();
        self.triggers.excluded_adversaries = v;
        self
    }

    /// Restricts the commitment to these crisis kinds.
    pub fn with_crisis_kinds(mut self, kinds: CrisisKinds) -> Commitment {
        self.triggers.kinds = kinds;
        self
    }

    /// Attaches a human-readable label, for example the treaty's name.
    pub fn with_label(mut self, label: impl Into<String>) -> Commitment {
        self.label = Some(label.into());
        self
    }

    /// Says which treaty (or alliance) this commitment is a clause of.
    ///
    /// Commitments of one treaty are judged together: a crisis that invokes
    /// several of them is one test, against the most demanding clause
    /// invoked (see [`Judging::Treaty`](crate::Judging::Treaty)). A
    /// commitment without a treaty is a treaty of its own.
    pub fn with_treaty(mut self, treaty: TreatyId) -> Commitment {
        self.treaty = Some(treaty);
        self
    }

    /// The treaty this commitment belongs to, if one was set.
    pub fn treaty(&self) -> Option<&TreatyId> {
        self.treaty.as_ref()
    }

    /// The id.
    pub fn id(&self) -> &CommitmentId {
        &self.id
    }

    /// Who owes whom.
    pub fn parties(&self) -> &Parties {
        &self.parties
    }

    /// The obligation kind.
    pub fn obligation(&self) -> Obligation {
        self.obligation
    }

    /// The explicit required level, if one overrides the configured default.
    pub fn required_override(&self) -> Option<SupportKind> {
        self.required
    }

    /// The required level: the override, or else the obligation's default.
    ///
    /// A [`Config`](crate::Config) can change the per-obligation defaults;
    /// scoring uses [`Config::required`](crate::Config::required).
    pub fn required(&self) -> SupportKind {
        self.required
            .unwrap_or_else(|| self.obligation.default_required())
    }

    /// When the commitment is in force.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The trigger conditions.
    pub fn triggers(&self) -> &Triggers {
        &self.triggers
    }

    /// The label, if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}
