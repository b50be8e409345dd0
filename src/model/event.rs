//! Support events: dated acts by one actor toward another.

use chrono::NaiveDate;

use crate::model::id::{BadId, defer};
use crate::{ActorId, Confidence, Error, Intensity, IntoId, Problem, RecordRef, SupportKind};

/// A dated act by `provider` toward `recipient`, on the support ladder.
///
/// A non-hostile event is support *for* the recipient; it can name an actor
/// it was directed `against` (Russia condemning Israel's strikes on Iran is
/// verbal support for Iran against Israel). A crisis counts an event if its
/// recipient is the crisis target or its `against` actor is one of the
/// crisis's adversaries.
///
/// A [`Hostile`](SupportKind::Hostile) event is an act against the recipient.
///
/// # Silence is not an event
///
/// [`SupportKind::Silence`] is a rung of the ladder (the level neutrality
/// requires), but it is the *absence* of events and is never recorded:
/// [`SupportEvent::new`] rejects it with [`Error::SilenceEvent`]. To code
/// "Russia stayed silent", record nothing for Russia in the crisis's
/// response window: when the window closes, the test resolves as silence
/// (fulfilment 0 for any positive requirement, 1 for neutrality). If the
/// guarantor said something, that is [`SupportKind::Verbal`].
///
/// # Example
///
/// ```
/// use alliance_reliability::{Confidence, SupportEvent, SupportKind};
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
/// let e = SupportEvent::new("RUS", "IRN", date, SupportKind::Materiel)?
///     .against("ISR")
///     .with_confidence(Confidence::new(0.3)?)
///     .with_source("armoured vehicles and helicopters, according to some reports");
/// assert_eq!(e.kind(), SupportKind::Materiel);
/// assert_eq!(e.against_actor().map(|a| a.as_str()), Some("ISR"));
/// assert!(SupportEvent::new("RUS", "IRN", date, SupportKind::Silence).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "EventRepr", into = "EventRepr"))]
pub struct SupportEvent {
    provider: ActorId,
    recipient: ActorId,
    against: Option<ActorId>,
    date: NaiveDate,
    kind: SupportKind,
    intensity: Intensity,
    confidence: Confidence,
    source: Option<String>,
    /// An invalid id given to [`against`](SupportEvent::against), reported
    /// by the timeline.
    bad: Option<Box<BadId>>,
}

impl SupportEvent {
    /// An event with full intensity and confidence and no `against` actor.
    ///
    /// `provider` and `recipient` are anything [`IntoId<ActorId>`]: text,
    /// checked here, or [`ActorId`]s, taken as they are.
    ///
    /// # Errors
    ///
    /// - [`Error::SilenceEvent`] if `kind` is [`SupportKind::Silence`]:
    ///   silence is never recorded; record nothing, and the test resolves
    ///   as silence when its window closes (see the type's docs).
    /// - [`Error::InvalidId`] for a malformed provider or recipient id.
    /// - [`Error::DateOutOfRange`] for a date outside the years
    ///   [`FIRST_YEAR`](crate::FIRST_YEAR) to [`LAST_YEAR`](crate::LAST_YEAR).
    ///
    /// Whether both actors exist, and that they differ, is checked by the
    /// [`Timeline`](crate::Timeline).
    pub fn new(
        provider: impl IntoId<ActorId>,
        recipient: impl IntoId<ActorId>,
        date: NaiveDate,
        kind: SupportKind,
    ) -> Result<SupportEvent, Error> {
        if kind == SupportKind::Silence {
            return Err(Error::SilenceEvent);
        }
        SupportEvent::between(provider.into_id()?, recipient.into_id()?, date, kind)
    }

    /// [`SupportEvent::new`] for ids already checked, kept for the
    /// importers' hot paths; `new` with two [`ActorId`]s does the same.
    ///
    /// # Errors
    ///
    /// [`Error::SilenceEvent`] if `kind` is [`SupportKind::Silence`] (see
    /// the type's docs for what to do instead); [`Error::DateOutOfRange`]
    /// for a date outside the years [`FIRST_YEAR`](crate::FIRST_YEAR) to
    /// [`LAST_YEAR`](crate::LAST_YEAR).
    pub fn between(
        provider: ActorId,
        recipient: ActorId,
        date: NaiveDate,
        kind: SupportKind,
    ) -> Result<SupportEvent, Error> {
        if kind == SupportKind::Silence {
            return Err(Error::SilenceEvent);
        }
        crate::model::check_date(date)?;
        Ok(SupportEvent {
            provider,
            recipient,
            against: None,
            date,
            kind,
            intensity: Intensity::ONE,
            confidence: Confidence::ONE,
            source: None,
            bad: None,
        })
    }

    /// Names the adversary the support was directed against.
    ///
    /// Infallible, like every builder method (see the crate docs'
    /// *Conventions*). An invalid id ([`Problem::InvalidId`](crate::Problem::InvalidId))
    /// and an `against` actor on a [`Hostile`](SupportKind::Hostile) event
    /// ([`Problem::HostileAgainst`](crate::Problem::HostileAgainst)) are
    /// reported, with the event named, by
    /// [`TimelineBuilder::build`](crate::TimelineBuilder::build) or
    /// [`Ledger::add_event`](crate::Ledger::add_event).
    pub fn against(mut self, adversary: impl IntoId<ActorId>) -> SupportEvent {
        self.against = defer(adversary, "against", &mut self.bad);
        self
    }

    /// The problems the timeline reports for this event as `record`: an
    /// invalid `against` id, an `against` actor on a hostile event.
    pub(crate) fn problems(&self, record: &RecordRef) -> Vec<Problem> {
        let mut p = Vec::new();
        if let Some(b) = &self.bad {
            p.push(b.problem(record));
        }
        if self.kind == SupportKind::Hostile && self.against.is_some() {
            p.push(Problem::HostileAgainst {
                record: record.clone(),
            });
        }
        p
    }

    /// Sets the intensity.
    pub fn with_intensity(mut self, intensity: Intensity) -> SupportEvent {
        self.intensity = intensity;
        self
    }

    /// Sets the confidence.
    pub fn with_confidence(mut self, confidence: Confidence) -> SupportEvent {
        self.confidence = confidence;
        self
    }

    /// Attaches the source text.
    pub fn with_source(mut self, source: impl Into<String>) -> SupportEvent {
        self.source = Some(source.into());
        self
    }

    /// Who acted.
    pub fn provider(&self) -> &ActorId {
        &self.provider
    }

    /// Toward whom.
    pub fn recipient(&self) -> &ActorId {
        &self.recipient
    }

    /// Against whom, if named.
    pub fn against_actor(&self) -> Option<&ActorId> {
        self.against.as_ref()
    }

    /// When.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The rung.
    pub fn kind(&self) -> SupportKind {
        self.kind
    }

    /// The intensity.
    pub fn intensity(&self) -> Intensity {
        self.intensity
    }

    /// The confidence.
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// The source text, if any.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }
}

#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(dead_code)] // used only through serde
struct EventRepr {
    provider: ActorId,
    recipient: ActorId,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    against: Option<ActorId>,
    date: NaiveDate,
    kind: SupportKind,
    #[cfg_attr(feature = "serde", serde(default))]
    intensity: Intensity,
    #[cfg_attr(feature = "serde", serde(default))]
    confidence: Confidence,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    source: Option<String>,
}

impl TryFrom<EventRepr> for SupportEvent {
    type Error = Error;
    fn try_from(r: EventRepr) -> Result<SupportEvent, Error> {
        if r.kind == SupportKind::Hostile && r.against.is_some() {
            return Err(Error::HostileAgainst);
        }
        let mut e = SupportEvent::between(r.provider, r.recipient, r.date, r.kind)?
            .with_intensity(r.intensity)
            .with_confidence(r.confidence);
        e.against = r.against;
        e.source = r.source;
        Ok(e)
    }
}

impl From<SupportEvent> for EventRepr {
    fn from(e: SupportEvent) -> EventRepr {
        EventRepr {
            provider: e.provider,
            recipient: e.recipient,
            against: e.against,
            date: e.date,
            kind: e.kind,
            intensity: e.intensity,
            confidence: e.confidence,
            source: e.source,
        }
    }
}
