//! Commitments: who promised what to whom, when, and under which conditions.

use std::fmt;

use crate::model::id::{BadId, defer, defer_sorted};
use crate::{
    ActorId, CommitmentId, CrisisKind, Error, IntoId, Period, Problem, RecordRef, Regions,
    SupportKind, TreatyId,
};

/// The obligation a commitment creates, following ATOP's five kinds, plus a
/// formal strategic-partnership treaty and an informal partnership.
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
/// | strategic partnership | (none) | diplomatic | a signed treaty of (comprehensive) strategic partnership with no defence clause: its security articles oblige the parties to consult and not to aid an aggressor, which a diplomatic act fulfils (see [`methodology`](crate::methodology), §2) |
/// | partnership | (none) | diplomatic | informal alignment, no treaty: political backing is the least it implies |
///
/// Use [`StrategicPartnership`](Obligation::StrategicPartnership) for a
/// ratified or signed partnership treaty (Russia–Iran 2025, Russia–Venezuela
/// 2025) and [`Partnership`](Obligation::Partnership) for alignment that no
/// treaty writes down. Both require diplomatic support by default; they are
/// kept apart so that the learned prior ([`PriorModel::ByKind`](crate::PriorModel::ByKind))
/// and per-kind scores ([`Assessment::reliability_for`](crate::Assessment::reliability_for))
/// do not mix written promises with tacit ones, and so that a study can
/// require more of a treaty ([`Config::required_for`](crate::Config::required_for)).
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
    /// An informal partnership (alignment, patronage) with no treaty
    /// obligation. For a signed partnership treaty, use
    /// [`StrategicPartnership`](Obligation::StrategicPartnership).
    Partnership,
    /// A formal treaty of partnership or (comprehensive) strategic
    /// partnership without a defence clause: written security commitments
    /// to consult and not to aid the partner's aggressor (Russia–Iran 2025,
    /// Russia–Venezuela 2025). Named `strategic_partnership` in files.
    StrategicPartnership,
}

impl Obligation {
    /// All obligation kinds, in declaration order.
    pub const ALL: [Obligation; 7] = [
        Obligation::Defence,
        Obligation::Offence,
        Obligation::Neutrality,
        Obligation::NonAggression,
        Obligation::Consultation,
        Obligation::Partnership,
        Obligation::StrategicPartnership,
    ];

    /// How many kinds there are (sizes the per-kind tables).
    pub(crate) const COUNT: usize = Obligation::ALL.len();

    /// The least support that fulfils this obligation by default (see the table above).
    pub fn default_required(self) -> SupportKind {
        match self {
            Obligation::Defence | Obligation::Offence => SupportKind::Military,
            Obligation::Neutrality | Obligation::NonAggression => SupportKind::Silence,
            Obligation::Consultation
            | Obligation::Partnership
            | Obligation::StrategicPartnership => SupportKind::Diplomatic,
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
            Obligation::StrategicPartnership => "strategic_partnership",
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

impl Parties {
    /// `guarantor` owes `beneficiary` ([`Parties::Directed`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id. Whether the actors exist and
    /// differ is checked by the [`Timeline`](crate::Timeline).
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::Parties;
    ///
    /// let p = Parties::directed("RUS", "IRN")?;
    /// assert!(matches!(p, Parties::Directed { .. }));
    /// assert!(Parties::directed("RUS", "").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn directed(
        guarantor: impl IntoId<ActorId>,
        beneficiary: impl IntoId<ActorId>,
    ) -> Result<Parties, Error> {
        Ok(Parties::Directed {
            guarantor: guarantor.into_id()?,
            beneficiary: beneficiary.into_id()?,
        })
    }

    /// Each of `a` and `b` owes the other ([`Parties::Mutual`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id. Whether the actors exist and
    /// differ is checked by the [`Timeline`](crate::Timeline).
    pub fn mutual(a: impl IntoId<ActorId>, b: impl IntoId<ActorId>) -> Result<Parties, Error> {
        Ok(Parties::Mutual(a.into_id()?, b.into_id()?))
    }

    /// Every member of `bloc` owes every other member ([`Parties::Bloc`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id. Whether `bloc` is a bloc is
    /// checked by the [`Timeline`](crate::Timeline).
    pub fn bloc(bloc: impl IntoId<ActorId>) -> Result<Parties, Error> {
        Ok(Parties::Bloc(bloc.into_id()?))
    }
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
    pub const ALL: CrisisKinds = CrisisKinds(0b11_1111);

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
///     Parties::bloc("CSTO")?,
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
    /// An invalid id given to a builder method, reported by the timeline.
    #[cfg_attr(feature = "serde", serde(skip))]
    bad: Option<Box<BadId>>,
}

impl Commitment {
    /// A commitment with default triggers (any adversary, unconditional, any
    /// crisis kind) and the obligation's default required level.
    ///
    /// `id` is anything [`IntoId`]; build `parties` with
    /// [`Parties::directed`], [`Parties::mutual`] or [`Parties::bloc`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id. References to actors, and a
    /// hostile required level, are checked by the
    /// [`Timeline`](crate::Timeline).
    pub fn new(
        id: impl IntoId<CommitmentId>,
        parties: Parties,
        obligation: Obligation,
        period: Period,
    ) -> Result<Commitment, Error> {
        Ok(Commitment {
            id: id.into_id()?,
            parties,
            obligation,
            required: None,
            period,
            triggers: Triggers::default(),
            label: None,
            treaty: None,
            bad: None,
        })
    }

    /// Overrides the required support level.
    pub fn with_required(mut self, level: SupportKind) -> Commitment {
        self.required = Some(level);
        self
    }

    /// Restricts the commitment to crises against these adversaries (text
    /// or [`ActorId`]s; sorted, duplicates removed).
    ///
    /// Infallible, like every builder method (see the crate docs'
    /// *Conventions*): an invalid id is reported, with the commitment
    /// named, as [`Problem::InvalidId`] by
    /// [`TimelineBuilder::build`](crate::TimelineBuilder::build).
    pub fn with_adversaries(
        mut self,
        adversaries: impl IntoIterator<Item = impl IntoId<ActorId>>,
    ) -> Commitment {
        self.triggers.adversaries =
            defer_sorted(adversaries, "triggers.adversaries", &mut self.bad);
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
    /// commitment (text or [`ActorId`]s; an invalid id is reported as for
    /// [`with_adversaries`](Commitment::with_adversaries)).
    pub fn with_excluded_adversaries(
        mut self,
        adversaries: impl IntoIterator<Item = impl IntoId<ActorId>>,
    ) -> Commitment {
        self.triggers.excluded_adversaries =
            defer_sorted(adversaries, "triggers.excluded_adversaries", &mut self.bad);
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
    ///
    /// `treaty` is text or a [`TreatyId`]; an invalid id is reported as for
    /// [`with_adversaries`](Commitment::with_adversaries).
    pub fn with_treaty(mut self, treaty: impl IntoId<TreatyId>) -> Commitment {
        self.treaty = defer(treaty, "treaty", &mut self.bad);
        self
    }

    /// The problem the timeline reports for this commitment as `record`, if any.
    pub(crate) fn problem(&self, record: &RecordRef) -> Option<Problem> {
        self.bad.as_ref().map(|b| b.problem(record))
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
