//! Support events: dated acts by one actor toward another.

use chrono::NaiveDate;

use crate::{ActorId, Confidence, Error, Intensity, SupportKind};

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
/// Silence is the absence of events and is never recorded.
///
/// # Example
///
/// ```
/// use alliance_reliability::{Confidence, SupportEvent, SupportKind};
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
/// let e = SupportEvent::new("RUS", "IRN", date, SupportKind::Materiel)?
///     .with_confidence(Confidence::new(0.3)?)
///     .with_source("armoured vehicles and helicopters, according to some reports");
/// assert_eq!(e.kind(), SupportKind::Materiel);
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
}

impl SupportEvent {
    /// An event with full intensity and confidence.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidId`] for a malformed id; [`Error::SilenceEvent`] if
    /// `kind` is [`SupportKind::Silence`].
    pub fn new(
        provider: impl AsRef<str>,
        recipient: impl AsRef<str>,
        date: NaiveDate,
        kind: SupportKind,
    ) -> Result<SupportEvent, Error> {
        if kind == SupportKind::Silence {
            return Err(Error::SilenceEvent);
        }
        SupportEvent::between(
            ActorId::new(provider)?,
            ActorId::new(recipient)?,
            date,
            kind,
        )
    }

    /// Like [`SupportEvent::new`], from ids already checked: no text is
    /// re-checked or copied (an `ActorId` clone is a reference-count
    /// increment), which matters when converting millions of streamed events.
    ///
    /// # Errors
    ///
    /// [`Error::SilenceEvent`] if `kind` is [`SupportKind::Silence`].
    pub fn between(
        provider: ActorId,
        recipient: ActorId,
        date: NaiveDate,
        kind: SupportKind,
    ) -> Result<SupportEvent, Error> {
        if kind == SupportKind::Silence {
            return Err(Error::SilenceEvent);
        }
        Ok(SupportEvent {
            provider,
            recipient,
            against: None,
            date,
            kind,
            intensity: Intensity::ONE,
            confidence: Confidence::ONE,
            source: None,
        })
    }

    /// Names the adversary the support was directed against.
    ///
    /// # Errors
    ///
    /// [`Error::HostileAgainst`] for a hostile event.
    pub fn against(mut self, adversary: ActorId) -> Result<SupportEvent, Error> {
        if self.kind == SupportKind::Hostile {
            return Err(Error::HostileAgainst);
        }
        self.against = Some(adversary);
        Ok(self)
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
        let mut e = SupportEvent::between(r.provider, r.recipient, r.date, r.kind)?
            .with_intensity(r.intensity)
            .with_confidence(r.confidence);
        if let Some(a) = r.against {
            e = e.against(a)?;
        }
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
