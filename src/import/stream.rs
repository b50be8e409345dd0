//! What the event-stream importers (ICEWS, GDELT) share: compact events,
//! one-a-day de-duplication, and the interning of actors.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use chrono::{Datelike, NaiveDate};

use crate::fasthash::{FastMap, KeyHasher};
use crate::import::{CameoCode, Countries, ImportReport, MAX_SKIP_EXAMPLES, SkipReason};
use crate::{ActorId, Confidence, Error, Intensity, Location, SupportEvent, SupportKind};

/// Which actors of an event stream count as the state they belong to.
///
/// Alliance reliability is about what *states* do for each other; an
/// opposition party in Russia criticising Ukraine is not Russia acting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ActorRule {
    /// Only governmental actors count (the default). ICEWS: the actor's
    /// `Sectors` list contains `Government` (ICEWS's top-level governmental
    /// sector, which every executive, ministry, military, police, judicial
    /// and legislative actor also carries), or the actor *is* the country
    /// (its name is its country's name or an alias of it, as in "Russia"
    /// for "Russian Federation"). GDELT: the actor code is the bare country
    /// code (`USA`), or one of its three type codes is `GOV`, `MIL`, `LEG`,
    /// `JUD`, `SPY` or `COP`.
    #[default]
    Governmental,
    /// Every event whose source and target are attributed to a country
    /// counts as an act of that country, whoever the actor is.
    AnyCountry,
}

/// Whether to drop repeated reports of the same event.
///
/// News-based event streams report one event many times (several stories,
/// several sentences). The event-data community's standard remedy is the
/// "one-a-day" filter: keep one event per source, target, event code and
/// day (Schrodt and Gerner's KEDS/TABARI practice; Schrodt 2012, CAMEO
/// codebook; the `one-a-day` option of the `icews` R package and of the
/// PETRARCH pipelines).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dedup {
    /// Keep the first row per (source state, target state, CAMEO code, day)
    /// and count the others as [`SkipReason::Duplicate`] (the default).
    #[default]
    OneADay,
    /// Keep every row.
    Off,
}

/// Where an event's Goldstein weight (and so its intensity) comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Weights {
    /// The row's own value (ICEWS `Intensity`, GDELT `GoldsteinScale`), the
    /// default: it is what the data producer assigned.
    #[default]
    Row,
    /// The code table's weight ([`CameoMap`](crate::import::CameoMap)); the
    /// row's value is not read.
    Table,
}

/// A support event in compact form: actors are indices into
/// [`EventBatch::actors`]. The fast importer paths produce these without
/// allocating per row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CompactEvent {
    provider: u16,
    recipient: u16,
    date: NaiveDate,
    kind: SupportKind,
    code: CameoCode,
    intensity: Intensity,
    confidence: Confidence,
    line: u64,
}

impl CompactEvent {
    /// Index of the acting state in [`EventBatch::actors`].
    pub fn provider(&self) -> usize {
        usize::from(self.provider)
    }

    /// Index of the target state in [`EventBatch::actors`].
    pub fn recipient(&self) -> usize {
        usize::from(self.recipient)
    }

    /// The day.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The rung (never silence).
    pub fn kind(&self) -> SupportKind {
        self.kind
    }

    /// The CAMEO code of the source row.
    pub fn code(&self) -> CameoCode {
        self.code
    }

    /// The intensity, `|Goldstein| / 10` (see [`goldstein_intensity`](crate::import::goldstein_intensity)).
    pub fn intensity(&self) -> Intensity {
        self.intensity
    }

    /// The confidence.
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// The physical line of the source row (1-based), for tracing back.
    pub fn line(&self) -> u64 {
        self.line
    }
}

/// The events of one import, in compact form, with the actors they name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventBatch {
    actors: Vec<ActorId>,
    events: Vec<CompactEvent>,
}

impl EventBatch {
    /// The actors the events name, in order of first appearance.
    pub fn actors(&self) -> &[ActorId] {
        &self.actors
    }

    /// The events, in input order.
    pub fn events(&self) -> &[CompactEvent] {
        &self.events
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The acting state of an event.
    pub fn provider(&self, e: &CompactEvent) -> Option<&ActorId> {
        self.actors.get(e.provider())
    }

    /// The target state of an event.
    pub fn recipient(&self, e: &CompactEvent) -> Option<&ActorId> {
        self.actors.get(e.recipient())
    }

    /// How many events landed on each rung, indexed like [`SupportKind::ALL`].
    pub fn count_by_kind(&self) -> [u64; 7] {
        let mut n = [0u64; 7];
        for e in &self.events {
            n[e.kind.index()] += 1;
        }
        n
    }

    /// The events as [`SupportEvent`]s, with intensity and confidence (no
    /// source text; [`CompactEvent::line`] traces an event back).
    ///
    /// Each event costs two small allocations: [`SupportEvent::new`] takes
    /// its actors as text and re-creates the ids. Keep the batch when you
    /// only need counts or dyads.
    ///
    /// # Errors
    ///
    /// None in practice: batches hold only valid actor ids and non-silence
    /// rungs. The `Result` passes on [`SupportEvent::new`]'s checks.
    pub fn to_support_events(&self) -> Result<Vec<SupportEvent>, Error> {
        self.events
            .iter()
            .map(|e| {
                let actor = |i: usize| {
                    self.actors
                        .get(i)
                        .ok_or_else(|| Error::UnknownActor(format!("#{i}")))
                };
                Ok(SupportEvent::between(
                    actor(e.provider())?.clone(),
                    actor(e.recipient())?.clone(),
                    e.date,
                    e.kind,
                )?
                .with_intensity(e.intensity)
                .with_confidence(e.confidence))
            })
            .collect()
    }
}

/// The names of the fields an event-stream importer reads, for skip reasons.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub(crate) code: &'static str,
    pub(crate) country: [&'static str; 2],
    pub(crate) weight: &'static str,
}

/// Why an event-stream row is skipped; each maps to one [`SkipReason`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    CodeMissing,
    CodeUnknown,
    CodeOutOfScope,
    CountryMissing(usize),
    CountryUnknown(usize),
    Territory,
    Domestic,
    NonGovernmental,
    WeightMissing,
    Duplicate,
}

const WHY_SLOTS: usize = 12;

impl Why {
    fn slot(self) -> usize {
        match self {
            Why::CodeMissing => 0,
            Why::CodeUnknown => 1,
            Why::CodeOutOfScope => 2,
            Why::CountryMissing(side) => 3 + (side & 1),
            Why::CountryUnknown(side) => 5 + (side & 1),
            Why::Territory => 7,
            Why::Domestic => 8,
            Why::NonGovernmental => 9,
            Why::WeightMissing => 10,
            Why::Duplicate => 11,
        }
    }

    fn reason(self, f: &Fields) -> SkipReason {
        match self {
            Why::CodeMissing => SkipReason::MissingValue { field: f.code },
            Why::CodeUnknown => SkipReason::UnknownCode { field: f.code },
            Why::CodeOutOfScope => SkipReason::OutOfScope {
                what: "CAMEO code outside the ladder",
            },
            Why::CountryMissing(side) => SkipReason::MissingValue {
                field: f.country[side & 1],
            },
            Why::CountryUnknown(side) => SkipReason::UnknownActor {
                field: f.country[side & 1],
            },
            Why::Territory => SkipReason::OutOfScope {
                what: "territory outside the COW state system",
            },
            Why::Domestic => SkipReason::OutOfScope {
                what: "domestic event (same state on both sides)",
            },
            Why::NonGovernmental => SkipReason::OutOfScope {
                what: "non-governmental actor",
            },
            Why::WeightMissing => SkipReason::MissingValue { field: f.weight },
            Why::Duplicate => SkipReason::Duplicate,
        }
    }
}

/// How a country field resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// A COW state, by its index in the batch's actor list.
    State(u16),
    /// A territory the crosswalk knows but COW does not list.
    Territory,
    /// Not in the crosswalk.
    Unknown,
}

impl Resolved {
    /// The skip for a side that is not a state (`None` for a state).
    pub(crate) fn skip(self, side: usize) -> Option<Why> {
        match self {
            Resolved::State(_) => None,
            Resolved::Territory => Some(Why::Territory),
            Resolved::Unknown => Some(Why::CountryUnknown(side)),
        }
    }
}

type FastSet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

/// A hasher for short byte strings (country names), eight bytes at a time.
/// Keys come from the input, but the map they index is tiny (one entry per
/// distinct name) and lives for one import, so collision flooding can at
/// worst slow that import down.
#[derive(Default, Clone, Copy)]
pub(crate) struct NameHasher(u64);

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 31)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        self.0 =
            (self.0.rotate_left(23) ^ u64::from_le_bytes(w) ^ rest.len() as u64).wrapping_mul(K);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by byte strings, hashed with [`NameHasher`].
pub(crate) type NameMap<V> =
    std::collections::HashMap<Box<[u8]>, V, BuildHasherDefault<NameHasher>>;

/// The growing output of an event-stream import.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    pub(crate) countries: &'a Countries,
    batch: EventBatch,
    index: FastMap<ActorId, u16>,
    seen: FastSet,
    dedup: Dedup,
    date_raw: [u8; 16],
    date_len: usize,
    date: Option<NaiveDate>,
    fields: Fields,
    counts: [u64; WHY_SLOTS],
}

impl<'a> Sink<'a> {
    pub(crate) fn new(countries: &'a Countries, dedup: Dedup, fields: Fields) -> Sink<'a> {
        Sink {
            countries,
            batch: EventBatch::default(),
            index: FastMap::default(),
            seen: FastSet::default(),
            dedup,
            date_raw: [0; 16],
            date_len: usize::MAX,
            date: None,
            fields,
            counts: [0; WHY_SLOTS],
        }
    }

    /// Counts a skipped row. The first [`MAX_SKIP_EXAMPLES`] go straight to
    /// the report (with their value); later ones are tallied in an array and
    /// added in [`Sink::finish`], which keeps the hot path free of map
    /// look-ups and string conversions.
    #[inline]
    pub(crate) fn skip(&mut self, report: &mut ImportReport, why: Why, line: u64, value: &[u8]) {
        if report.examples.len() < MAX_SKIP_EXAMPLES {
            report.skip(
                line,
                why.reason(&self.fields),
                &String::from_utf8_lossy(value),
            );
        } else {
            self.counts[why.slot()] += 1;
        }
    }

    /// The batch index of a state actor.
    pub(crate) fn intern(&mut self, id: &ActorId) -> Resolved {
        if let Some(&i) = self.index.get(id) {
            return Resolved::State(i);
        }
        if self.batch.actors.len() >= 4096 {
            // Far beyond any state system; keeps the de-duplication key exact.
            return Resolved::Unknown;
        }
        let i = self.batch.actors.len() as u16;
        self.batch.actors.push(id.clone());
        self.index.insert(id.clone(), i);
        Resolved::State(i)
    }

    /// Resolves a country name (ICEWS) or code (GDELT), not cached.
    pub(crate) fn resolve_name(&mut self, name: &[u8]) -> Resolved {
        let Ok(s) = std::str::from_utf8(name) else {
            return Resolved::Unknown;
        };
        match self
            .countries
            .country_by_name(s)
            .map(|c| c.actor().cloned())
        {
            Some(Some(id)) => self.intern(&id),
            Some(None) => Resolved::Territory,
            None => Resolved::Unknown,
        }
    }

    /// Resolves a three-letter country code, not cached.
    pub(crate) fn resolve_code(&mut self, code: &[u8]) -> Resolved {
        let Ok(s) = std::str::from_utf8(code) else {
            return Resolved::Unknown;
        };
        match self
            .countries
            .country_by_iso3(s)
            .map(|c| c.actor().cloned())
        {
            Some(Some(id)) => self.intern(&id),
            Some(None) => Resolved::Territory,
            None => Resolved::Unknown,
        }
    }

    /// Parses a date with the given digit layout, caching the last one
    /// (streams come sorted by day, so nearly every row hits the cache).
    #[inline]
    pub(crate) fn date(
        &mut self,
        raw: &[u8],
        parse: impl Fn(&[u8]) -> Option<NaiveDate>,
    ) -> Option<NaiveDate> {
        if raw.len() == self.date_len && raw == &self.date_raw[..raw.len()] {
            return self.date;
        }
        let d = parse(raw);
        if raw.len() <= self.date_raw.len() {
            self.date_raw[..raw.len()].copy_from_slice(raw);
            self.date_len = raw.len();
            self.date = d;
        }
        d
    }

    /// Records an event, or counts it as a duplicate. Returns whether it was kept.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    pub(crate) fn push(
        &mut self,
        report: &mut ImportReport,
        line: u64,
        (provider, recipient): (u16, u16),
        date: NaiveDate,
        code: CameoCode,
        kind: SupportKind,
        intensity: Intensity,
        confidence: Confidence,
    ) -> bool {
        if self.dedup == Dedup::OneADay {
            // 14 bits of code slot, 12 + 12 bits of actors, 24 bits of day.
            let day = (date.num_days_from_ce() as i64 + 400) as u64 & 0xFF_FFFF;
            let key = (code.slot() as u64) << 48
                | u64::from(provider & 0xFFF) << 36
                | u64::from(recipient & 0xFFF) << 24
                | day;
            if !self.seen.insert(key) {
                self.skip(report, Why::Duplicate, line, code.as_str().as_bytes());
                return false;
            }
        }
        self.batch.events.push(CompactEvent {
            provider,
            recipient,
            date,
            kind,
            code,
            intensity,
            confidence,
            line,
        });
        report.rows_used += 1;
        true
    }

    pub(crate) fn finish(self, report: &mut ImportReport) -> EventBatch {
        let all = [
            Why::CodeMissing,
            Why::CodeUnknown,
            Why::CodeOutOfScope,
            Why::CountryMissing(0),
            Why::CountryMissing(1),
            Why::CountryUnknown(0),
            Why::CountryUnknown(1),
            Why::Territory,
            Why::Domestic,
            Why::NonGovernmental,
            Why::WeightMissing,
            Why::Duplicate,
        ];
        for why in all {
            let n = self.counts[why.slot()];
            if n > 0 {
                *report.skipped.entry(why.reason(&self.fields)).or_default() += n;
            }
        }
        report.records = self.batch.events.len() as u64;
        self.batch
    }
}

/// A number made of ASCII digits only.
#[inline]
pub(crate) fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// `YYYY-MM-DD` (ICEWS).
pub(crate) fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[5..7])?, digits(&b[8..])?)
}

/// `YYYYMMDD` (GDELT `SQLDATE`).
pub(crate) fn compact_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 8 {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[4..6])?, digits(&b[6..])?)
}

/// Whether a byte value is blank or one of the missing-value codes `NA`, `.`.
#[inline]
pub(crate) fn is_missing(b: &[u8]) -> bool {
    b.is_empty() || b == b"NA" || b == b"."
}

/// The index of a required column among byte headers, ignoring a UTF-8 BOM,
/// surrounding spaces and case.
pub(crate) fn byte_header_index(
    headers: &csv::ByteRecord,
    name: &str,
    loc: &Location,
) -> Result<usize, Error> {
    headers
        .iter()
        .position(|h| {
            crate::import::cameo::trim_bom(h)
                .trim_ascii()
                .eq_ignore_ascii_case(name.as_bytes())
        })
        .ok_or_else(|| Error::MissingColumn {
            location: loc.clone().at_line(1),
            column: name.to_string(),
        })
}

/// A `Malformed` error at a row's field.
pub(crate) fn malformed(
    loc: &Location,
    line: u64,
    field: &str,
    value: &[u8],
    reason: &str,
) -> Error {
    Error::Malformed {
        location: loc.clone().at_line(line).at_field(field),
        value: String::from_utf8_lossy(&value[..value.len().min(200)]).into_owned(),
        reason: reason.to_string(),
    }
}

/// A Goldstein weight from a row: a finite number in [-10, 10].
pub(crate) fn goldstein(raw: &[u8], loc: &Location, line: u64, field: &str) -> Result<f64, Error> {
    crate::import::cameo::parse_f64(raw)
        .filter(|g| (-10.0..=10.0).contains(g))
        .ok_or_else(|| {
            malformed(
                loc,
                line,
                field,
                raw,
                "a Goldstein weight is a finite number in [-10, 10]",
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            compact_date(b"20160728"),
            NaiveDate::from_ymd_opt(2016, 7, 28)
        );
        assert_eq!(compact_date(b"20161399"), None);
        assert_eq!(compact_date(b"2016072"), None);
        assert_eq!(compact_date(b"2016-7-1"), None);
        assert_eq!(iso_date(b"2018-06-01"), NaiveDate::from_ymd_opt(2018, 6, 1));
        assert_eq!(iso_date(b"2018-02-30"), None);
        assert_eq!(iso_date(b"2018/06/01"), None);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn one_a_day() {
        let c = Countries::bundled();
        let f = Fields {
            code: "c",
            country: ["a", "b"],
            weight: "w",
        };
        let mut s = Sink::new(&c, Dedup::OneADay, f);
        let mut r = ImportReport::new("t");
        let (Resolved::State(a), Resolved::State(b)) =
            (s.resolve_code(b"RUS"), s.resolve_name(b"Iran"))
        else {
            panic!("unresolved");
        };
        let d = NaiveDate::from_ymd_opt(2018, 6, 1).unwrap();
        let code: CameoCode = "042".parse().unwrap();
        let k = SupportKind::Diplomatic;
        let (i, cf) = (Intensity::ONE, Confidence::ONE);
        assert!(s.push(&mut r, 2, (a, b), d, code, k, i, cf));
        assert!(!s.push(&mut r, 3, (a, b), d, code, k, i, cf));
        assert!(s.push(&mut r, 4, (b, a), d, code, k, i, cf));
        assert!(s.push(&mut r, 5, (a, b), d.succ_opt().unwrap(), code, k, i, cf));
        assert!(s.push(&mut r, 6, (a, b), d, "043".parse().unwrap(), k, i, cf));
        let batch = s.finish(&mut r);
        assert_eq!(batch.len(), 4);
        assert_eq!(r.skipped_for(&SkipReason::Duplicate), 1);
        assert_eq!(r.rows_used, 4);
        assert_eq!(batch.actors()[0].as_str(), "RUS");
        assert_eq!(batch.count_by_kind()[SupportKind::Diplomatic.index()], 4);
        let ev = batch.to_support_events().unwrap();
        assert_eq!(ev[1].provider().as_str(), "IRN");
    }
}
