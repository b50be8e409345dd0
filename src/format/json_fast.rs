//! An `alliance-timeline/1` document at parse speed: events interned as
//! they are read (a serde [`DeserializeSeed`] over the `events` array),
//! straight into the timeline's rows, with no [`SupportEvent`](crate::SupportEvent)
//! or id allocation per event.
//!
//! Like `events_fast` for CSV, it is an accelerator, not a second reader:
//! it accepts only documents the checking reader (`json.rs`) accepts, and
//! gives up (`None`) at the first anything else (a bad or unknown value or
//! field, a duplicate key, `events` before the records it refers to, any
//! syntax error). The caller then reads the document with the checking
//! reader, whose error names line, JSON path and value. So every input
//! gives exactly the timeline, or exactly the error, it gave before.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::FORMAT;
use super::events_fast::{BATCH, Ids, Parsed, parse_day, push, rung};
use super::json::{ActorRecord, CommitmentRecord, CrisisRecord, MembershipRecord};
use crate::fasthash::FastMap;
use crate::timeline::Day;
use crate::{Confidence, Intensity, KeyedEvent, SupportKind, Timeline};

/// The timeline of `text`, or `None` if the checking reader must read it.
pub(super) fn read(text: &[u8]) -> Option<Timeline> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let timeline = serde::Deserializer::deserialize_map(&mut de, DocumentVisitor).ok()??;
    de.end().ok()?;
    Some(timeline)
}

/// A string, borrowed from the document when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'de>, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(s)))
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Option<Timeline>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timeline document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Timeline>, A::Error> {
        let mut format: Option<String> = None;
        let mut actors: Option<Vec<ActorRecord>> = None;
        let mut memberships: Option<Vec<MembershipRecord>> = None;
        let mut commitments: Option<Vec<CommitmentRecord>> = None;
        let mut crises: Option<Vec<CrisisRecord>> = None;
        let mut timeline: Option<Timeline> = None;
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            // Records after the events: the checking reader reads it.
            let after_events = timeline.is_some() && key != "format";
            let fresh = match &*key {
                _ if after_events => false,
                "format" => format.replace(map.next_value()?).is_none(),
                "actors" => actors.replace(map.next_value()?).is_none(),
                "memberships" => memberships.replace(map.next_value()?).is_none(),
                "commitments" => commitments.replace(map.next_value()?).is_none(),
                "crises" => crises.replace(map.next_value()?).is_none(),
                "events" => {
                    let base = Timeline::builder()
                        .actors(actors.take().unwrap_or_default().into_iter().map(|r| r.0))
                        .memberships(
                            memberships
                                .take()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|r| r.0),
                        )
                        .commitments(
                            commitments
                                .take()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|r| r.0),
                        )
                        .crises(crises.take().unwrap_or_default().into_iter().map(|r| r.0))
                        .build();
                    let Ok(base) = base else {
                        map.next_value::<IgnoredAny>()?;
                        return Ok(None);
                    };
                    let ids = Ids::new(&base);
                    timeline = map.next_value_seed(Events { base, ids: &ids })?;
                    timeline.is_some()
                }
                _ => false,
            };
            if !fresh {
                return Ok(None);
            }
        }
        if format.as_deref() != Some(FORMAT) {
            return Ok(None);
        }
        Ok(match timeline {
            Some(t) => Some(t),
            None => Timeline::builder()
                .actors(actors.unwrap_or_default().into_iter().map(|r| r.0))
                .memberships(memberships.unwrap_or_default().into_iter().map(|r| r.0))
                .commitments(commitments.unwrap_or_default().into_iter().map(|r| r.0))
                .crises(crises.unwrap_or_default().into_iter().map(|r| r.0))
                .build()
                .ok(),
        })
    }
}

/// The `events` array, appended to `base`.
struct Events<'a> {
    base: Timeline,
    ids: &'a Ids,
}

impl<'de> DeserializeSeed<'de> for Events<'_> {
    type Value = Option<Timeline>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Timeline>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_> {
    type Value = Option<Timeline>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of events")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Timeline>, A::Error> {
        let Events { mut base, ids } = self;
        let mut dates: FastMap<u64, Day> = FastMap::default();
        let mut rows: Vec<Parsed> = Vec::new();
        loop {
            let seed = Event {
                base: &base,
                ids,
                dates: &mut dates,
            };
            match seq.next_element_seed(seed)? {
                None => break,
                Some(None) => {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    return Ok(None);
                }
                Some(Some(row)) => rows.push(row),
            }
            if rows.len() == BATCH {
                push(&mut base, &mut rows);
            }
        }
        push(&mut base, &mut rows);
        Ok(Some(base))
    }
}

/// One event object: its row and source, or `None` (the checking reader
/// decides).
struct Event<'a> {
    base: &'a Timeline,
    ids: &'a Ids,
    dates: &'a mut FastMap<u64, Day>,
}

impl<'de> DeserializeSeed<'de> for Event<'_> {
    type Value = Option<Parsed>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Event<'_> {
    type Value = Option<Parsed>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut provider, mut recipient, mut against, mut date, mut kind) =
            (None, None, None, None, None);
        let (mut intensity, mut confidence, mut source) = (None, None, None);
        let mut ok = true;
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            let id = |s: Option<Text<'de>>| s.map(|s| self.ids.get(s.0.as_bytes()));
            ok &= match &*key {
                "provider" if provider.is_none() => {
                    provider = Some(id(Some(map.next_value()?)).flatten());
                    true
                }
                "recipient" if recipient.is_none() => {
                    recipient = Some(id(Some(map.next_value()?)).flatten());
                    true
                }
                // `null` is "none", as the checking reader reads it.
                "against" if against.is_none() => {
                    against = Some(id(map.next_value()?));
                    true
                }
                "date" if date.is_none() => {
                    let Text(text) = map.next_value()?;
                    date = Some(parse_day(text.as_bytes(), self.dates));
                    true
                }
                "kind" if kind.is_none() => {
                    let Text(text) = map.next_value()?;
                    kind = Some(rung(text.as_bytes()));
                    true
                }
                "intensity" if intensity.is_none() => {
                    intensity = Some(Intensity::new(map.next_value()?).ok());
                    true
                }
                "confidence" if confidence.is_none() => {
                    confidence = Some(Confidence::new(map.next_value()?).ok());
                    true
                }
                "source" if source.is_none() => {
                    let text: Option<Text<'de>> = map.next_value()?;
                    source = Some(text.map(|t| Box::from(&*t.0)));
                    true
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    false
                }
            };
        }
        if !ok {
            return Ok(None);
        }
        let row = || {
            let kind = kind??;
            let against = match against.flatten() {
                None => None,
                Some(_) if kind == SupportKind::Hostile => return None,
                Some(a) => Some(a?),
            };
            let row = KeyedEvent::row(
                provider??,
                recipient??,
                against,
                date??,
                kind,
                intensity.unwrap_or(Some(Intensity::ONE))?,
                confidence.unwrap_or(Some(Confidence::ONE))?,
            );
            self.base
                .is_valid_keyed(&row)
                .then_some((row, source.flatten()))
        };
        Ok(row())
    }
}
