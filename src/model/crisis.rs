//! Crises: the moments an actor needs help.

use std::fmt;

use chrono::NaiveDate;

use crate::model::id::{BadId, defer_sorted};
use crate::{ActorId, CrisisId, Error, IntoId, Period, Problem, RecordRef, Regions, Severity};

/// What kind of crisis it is. Commitments can be limited to some kinds
/// (see [`Triggers::kinds`](crate::Triggers::kinds)).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CrisisKind {
    /// Another state attacks or threatens the target.
    #[default]
    ExternalAttack,
    /// An armed uprising or mass unrest inside the target.
    InternalUprising,
    /// The target's leader is removed (coup, seizure, flight).
    LeaderRemoved,
    /// Sanctions, blockade or other economic pressure.
    EconomicCoercion,
    /// Anything else.
    Other,
    /// A war the target itself started: it attacked another state, or
    /// joined a war on the attacking side. Named `own_war` in files.
    ///
    /// A crisis of this kind is always initiated by the target
    /// ([`Crisis::initiator`] is [`Initiator::Target`] whatever
    /// [`Crisis::with_initiator`] said), so it invokes offence pledges
    /// ([`Provocation::OnlyIfBeneficiaryInitiated`](crate::Provocation::OnlyIfBeneficiaryInitiated),
    /// ATOP `offense`) and unconditional pledges whose
    /// [kinds](crate::Triggers::kinds) include it, and never a
    /// non-provocation pledge
    /// ([`Provocation::ExcludedIfBeneficiaryInitiated`](crate::Provocation::ExcludedIfBeneficiaryInitiated),
    /// ATOP `defconpr`). ATOP defence pledges are limited to
    /// [`ExternalAttack`](CrisisKind::ExternalAttack) by the importer, so
    /// the target's own war does not invoke them. Under the expectation
    /// lens it calls for military support, like any war.
    OwnWar,
}

impl CrisisKind {
    /// All kinds, in declaration order.
    pub const ALL: [CrisisKind; 6] = [
        CrisisKind::ExternalAttack,
        CrisisKind::InternalUprising,
        CrisisKind::LeaderRemoved,
        CrisisKind::EconomicCoercion,
        CrisisKind::Other,
        CrisisKind::OwnWar,
    ];

    /// The snake-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            CrisisKind::ExternalAttack => "external_attack",
            CrisisKind::InternalUprising => "internal_uprising",
            CrisisKind::LeaderRemoved => "leader_removed",
            CrisisKind::EconomicCoercion => "economic_coercion",
            CrisisKind::Other => "other",
            CrisisKind::OwnWar => "own_war",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for CrisisKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CrisisKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<CrisisKind, Error> {
        CrisisKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(Error::UnknownName {
                what: "crisis kind",
                value: s.to_string(),
            })
    }
}

/// Who started the crisis, as far as the target is concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Initiator {
    /// The target did not start it (or it is unknown).
    #[default]
    Other,
    /// The target started it; non-provocation clauses then do not apply
    /// and offence clauses do. A [`CrisisKind::OwnWar`] is always
    /// initiated by the target.
    Target,
}

/// A moment when `target` needs help against `adversaries`.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Crisis, CrisisKind, Period, Severity};
/// use chrono::NaiveDate;
///
/// let start = NaiveDate::from_ymd_opt(2022, 9, 13).unwrap();
/// let c = Crisis::new("ARM-2022-09", "ARM", Period::new(start, Some(start))?, CrisisKind::ExternalAttack)?
///     .with_adversaries(["AZE"])
///     .with_severity(Severity::new(0.7)?);
/// assert_eq!(c.start(), start);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Crisis {
    id: CrisisId,
    target: ActorId,
    period: Period,
    kind: CrisisKind,
    #[cfg_attr(feature = "serde", serde(default))]
    severity: Severity,
    #[cfg_attr(feature = "serde", serde(default, deserialize_with = "sorted_ids"))]
    adversaries: Vec<ActorId>,
    #[cfg_attr(feature = "serde", serde(default))]
    initiator: Initiator,
    #[cfg_attr(feature = "serde", serde(default))]
    label: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "crate::model::region::is_none")
    )]
    regions: Regions,
    /// An invalid id given to [`with_adversaries`](Crisis::with_adversaries),
    /// reported by the timeline.
    #[cfg_attr(feature = "serde", serde(skip))]
    bad: Option<Box<BadId>>,
}

impl Crisis {
    /// A crisis of `kind` for `target` over `period` (start, optional end),
    /// with severity 1, no named adversary and not initiated by the target.
    ///
    /// `id` and `target` are anything [`IntoId`]: text, checked here, or
    /// ids, taken as they are.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed crisis or target id. Whether the
    /// target exists is checked by the [`Timeline`](crate::Timeline).
    pub fn new(
        id: impl IntoId<CrisisId>,
        target: impl IntoId<ActorId>,
        period: Period,
        kind: CrisisKind,
    ) -> Result<Crisis, Error> {
        Ok(Crisis {
            id: id.into_id()?,
            target: target.into_id()?,
            period,
            kind,
            severity: Severity::ONE,
            adversaries: Vec::new(),
            initiator: if kind == CrisisKind::OwnWar {
                Initiator::Target
            } else {
                Initiator::Other
            },
            label: None,
            regions: Regions::NONE,
            bad: None,
        })
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Crisis {
        self.severity = severity;
        self
    }

    /// Sets the adversaries (sorted, duplicates removed): text or
    /// [`ActorId`]s, as every parameter naming an actor.
    ///
    /// Infallible, like every builder method (see the crate docs'
    /// *Conventions*): an invalid id is reported, with the crisis named, as
    /// [`Problem::InvalidId`] by
    /// [`TimelineBuilder::build`](crate::TimelineBuilder::build) or
    /// [`Ledger::add_crisis`](crate::Ledger::add_crisis).
    pub fn with_adversaries(
        mut self,
        adversaries: impl IntoIterator<Item = impl IntoId<ActorId>>,
    ) -> Crisis {
        self.bad = None;
        self.adversaries = defer_sorted(adversaries, "adversaries", &mut self.bad);
        self
    }

    /// The problem the timeline reports for this crisis as `record`, if any.
    pub(crate) fn problem(&self, record: &RecordRef) -> Option<Problem> {
        self.bad.as_ref().map(|b| b.problem(record))
    }

    /// Changes the kind (for example, a study's reading of whether a state
    /// that joined a war was attacked).
    ///
    /// A [`CrisisKind::OwnWar`] also sets the initiator to the target.
    pub fn with_kind(mut self, kind: CrisisKind) -> Crisis {
        self.kind = kind;
        if kind == CrisisKind::OwnWar {
            self.initiator = Initiator::Target;
        }
        self
    }

    /// Sets who initiated the crisis. A [`CrisisKind::OwnWar`] stays
    /// initiated by the target whatever is set here.
    pub fn with_initiator(mut self, initiator: Initiator) -> Crisis {
        self.initiator = if self.kind == CrisisKind::OwnWar {
            Initiator::Target
        } else {
            initiator
        };
        self
    }

    /// Sets where the crisis takes place (for a war, COW's `WhereFought`
    /// of the target's participation). Empty means unknown, and an unknown
    /// place meets every location condition ([`Triggers::regions`](crate::Triggers::regions)).
    pub fn with_regions(mut self, regions: Regions) -> Crisis {
        self.regions = regions;
        self
    }

    /// Where the crisis takes place; empty when unknown.
    pub fn regions(&self) -> Regions {
        self.regions
    }

    /// Attaches a human-readable label.
    pub fn with_label(mut self, label: impl Into<String>) -> Crisis {
        self.label = Some(label.into());
        self
    }

    /// The id.
    pub fn id(&self) -> &CrisisId {
        &self.id
    }

    /// The actor in need.
    pub fn target(&self) -> &ActorId {
        &self.target
    }

    /// Start and optional end.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.period.from()
    }

    /// The kind.
    pub fn kind(&self) -> CrisisKind {
        self.kind
    }

    /// The severity.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// The adversaries, sorted.
    pub fn adversaries(&self) -> &[ActorId] {
        &self.adversaries
    }

    /// Who initiated it: [`Initiator::Target`] for a
    /// [`CrisisKind::OwnWar`], whatever [`with_initiator`](Crisis::with_initiator)
    /// said; otherwise what it said (default [`Initiator::Other`]).
    pub fn initiator(&self) -> Initiator {
        if self.kind == CrisisKind::OwnWar {
            Initiator::Target
        } else {
            self.initiator
        }
    }

    /// The label, if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

/// Deserializes a list of ids sorted and without duplicates, as
/// [`Crisis::with_adversaries`] keeps it.
#[cfg(feature = "serde")]
fn sorted_ids<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ActorId>, D::Error> {
    let mut v = <Vec<ActorId> as serde::Deserialize>::deserialize(d)?;
    v.sort();
    v.dedup();
    Ok(v)
}
