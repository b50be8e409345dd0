//! ICEWS coded event data → support events between states.

use std::io;

use crate::import::stream::{
    Fields, NameMap, Resolved, Sink, Why, goldstein, is_missing, iso_date, malformed,
};
use crate::import::{
    ActorRule, CameoMap, CameoMapping, Countries, Dedup, EventBatch, ImportReport, Weights,
    csv_error, goldstein_intensity,
};
use crate::{Confidence, Error, Location, SupportEvent};

// Named by the documentation's links and by the tests.
#[cfg(any(doc, all(test, feature = "bundled-data")))]
use crate::import::SkipReason;
use crate::import::table;

/// Reads ICEWS coded event data (Boschee et al. 2015, Harvard Dataverse):
/// tab-separated, one header row, `NA` for missing values.
///
/// Columns read (by header name, case-insensitively): `Event Date`
/// (`YYYY-MM-DD`), `Source Name`, `Source Sectors`, `Source Country`,
/// `CAMEO Code`, `Intensity` (the event's Goldstein weight), `Target Name`,
/// `Target Sectors`, `Target Country`. Countries are ICEWS country *names*,
/// mapped through [`Countries`] (whose aliases carry ICEWS's spellings).
///
/// # What becomes an event
///
/// Each row is checked in this order; the first failing check skips the
/// row, counted in the [`ImportReport`] (later fields are not read):
///
/// 1. `Event Date` must be a calendar date, else [`Error::Malformed`].
/// 2. `CAMEO Code`: `NA` or blank → [`SkipReason::MissingValue`]; not in
///    the [`CameoMap`] → [`SkipReason::UnknownCode`]; mapped
///    [`CameoMapping::OutOfScope`] (neutral statements, appeals, ...) →
///    [`SkipReason::OutOfScope`].
/// 3. `Source Country`, then `Target Country`: `NA` or blank →
///    [`SkipReason::MissingValue`]; unknown name →
///    [`SkipReason::UnknownActor`]; a territory outside the COW system
///    (Palestine, Hong Kong, Holy See, Western Sahara) →
///    [`SkipReason::OutOfScope`].
/// 4. Same state on both sides → [`SkipReason::OutOfScope`] (a domestic
///    event is no act between states).
/// 5. Under [`ActorRule::Governmental`] (default), both actors must be
///    governmental (see [`ActorRule`]), else [`SkipReason::OutOfScope`].
/// 6. Under [`Weights::Row`] (default), `Intensity` must be a number in
///    [-10, 10] (`NA` → [`SkipReason::MissingValue`]; other text, NaN or
///    infinity → [`Error::Malformed`]).
/// 7. Under [`Dedup::OneADay`] (default), a repeat of (source, target,
///    code, day) → [`SkipReason::Duplicate`].
///
/// `rows_read == rows_used + skipped_total()`, and every used row is one event.
///
/// Intensity is `|weight| / 10` ([`goldstein_intensity`]). Confidence is 1:
/// ICEWS gives no count of sources per event, and its events are already
/// machine-coded from a curated news corpus, so there is nothing to grade
/// them by; lower it yourself if you distrust machine coding.
///
/// # Example
///
/// ```
/// use alliance_reliability::SupportKind;
/// use alliance_reliability::import::IcewsImporter;
///
/// let tsv = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\n\
///            1\t2018-06-01\tRussia\tNA\tRussian Federation\tProvide military aid\t072\t8.3\tIran\tNA\tIran\n\
///            2\t2018-06-01\tRussia\tNA\tRussian Federation\tProvide military aid\t072\t8.3\tIran\tNA\tIran\n";
/// let (events, report) = IcewsImporter::bundled().read(tsv.as_bytes(), "sample.tab")?;
/// assert_eq!(events.len(), 1);
/// assert_eq!(events[0].provider().as_str(), "RUS");
/// assert_eq!(events[0].recipient().as_str(), "IRN");
/// assert_eq!(events[0].kind(), SupportKind::Materiel);
/// assert_eq!(report.rows_read, 2); // the second row is a same-day duplicate
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct IcewsImporter {
    countries: Countries,
    cameo: CameoMap,
    rule: ActorRule,
    dedup: Dedup,
    weights: Weights,
}

table::stream_importer!(IcewsImporter, icews, "ICEWS");

struct Cols {
    date: usize,
    code: usize,
    weight: usize,
    src: [usize; 3],
    tgt: [usize; 3],
}

/// Country and actor names resolved so far: a map, plus the last country
/// of each side (consecutive rows often repeat it), which skips hashing.
#[derive(Default)]
struct NameCache {
    map: NameMap<Resolved>,
    last: [(Vec<u8>, Option<Resolved>); 2],
}

impl NameCache {
    #[inline]
    fn get(&mut self, raw: &[u8], sink: &mut Sink<'_>) -> Resolved {
        if let Some(&r) = self.map.get(raw) {
            return r;
        }
        let r = sink.resolve_name(raw);
        self.map.insert(raw.into(), r);
        r
    }

    #[inline]
    fn country(&mut self, side: usize, raw: &[u8], sink: &mut Sink<'_>) -> Resolved {
        if let (last, Some(r)) = &self.last[side & 1]
            && last.as_slice() == raw
        {
            return *r;
        }
        let r = self.get(raw, sink);
        let slot = &mut self.last[side & 1];
        slot.0.clear();
        slot.0.extend_from_slice(raw);
        slot.1 = Some(r);
        r
    }
}

const SRC_FIELDS: [&str; 3] = ["Source Name", "Source Sectors", "Source Country"];
const TGT_FIELDS: [&str; 3] = ["Target Name", "Target Sectors", "Target Country"];

impl IcewsImporter {
    /// Reads events as [`SupportEvent`]s.
    ///
    /// # Errors
    ///
    /// As [`IcewsImporter::read_batch`].
    pub fn read<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(Vec<SupportEvent>, ImportReport), Error> {
        let (batch, report) = self.read_batch(reader, source)?;
        Ok((batch.to_support_events()?, report))
    }

    /// Reads events in compact form (the fast path: one reused record
    /// buffer, interned actors, no allocation per row).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`];
    /// [`Error::Malformed`] for an unreadable or ragged record (a truncated
    /// file), a bad date or a bad weight; [`Error::Io`].
    pub fn read_batch<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(EventBatch, ImportReport), Error> {
        let loc = Location::file(source);
        let mut rdr = table::tsv_reader(reader, true, false);
        let header = table::Header::read(&mut rdr, &loc)?;
        let [date, code, weight] = header.indices(["Event Date", "CAMEO Code", "Intensity"])?;
        let cols = Cols {
            date,
            code,
            weight,
            src: header.indices(SRC_FIELDS)?,
            tgt: header.indices(TGT_FIELDS)?,
        };
        let mut report = ImportReport::new(source);
        let fields = Fields {
            code: "CAMEO Code",
            country: [SRC_FIELDS[2], TGT_FIELDS[2]],
            weight: "Intensity",
        };
        let mut sink = Sink::new(&self.countries, self.dedup, fields);
        let mut names = NameCache::default();
        let mut rec = csv::ByteRecord::new();
        while rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&loc, e))?
        {
            report.rows_read += 1;
            let line = rec.position().map_or(0, |p| p.line());
            self.row(&rec, line, &cols, &loc, &mut sink, &mut names, &mut report)?;
        }
        let batch = sink.finish(&mut report);
        Ok((batch, report))
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn row(
        &self,
        rec: &csv::ByteRecord,
        line: u64,
        c: &Cols,
        loc: &Location,
        sink: &mut Sink<'_>,
        names: &mut NameCache,
        report: &mut ImportReport,
    ) -> Result<(), Error> {
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let raw_date = f(c.date);
        let date = sink
            .date(raw_date, iso_date)
            .ok_or_else(|| malformed(loc, line, "Event Date", raw_date, "not a YYYY-MM-DD date"))?;
        let raw_code = f(c.code);
        if is_missing(raw_code) {
            sink.skip(report, Why::CodeMissing, line, raw_code);
            return Ok(());
        }
        let Some(entry) = self.cameo.get_bytes(raw_code) else {
            sink.skip(report, Why::CodeUnknown, line, raw_code);
            return Ok(());
        };
        let kind = match entry.mapping {
            CameoMapping::OutOfScope => {
                sink.skip(report, Why::CodeOutOfScope, line, raw_code);
                return Ok(());
            }
            CameoMapping::Rung(k) => k,
        };
        let mut ends = [0u16; 2];
        for (side, ci) in [c.src, c.tgt].into_iter().enumerate() {
            let raw = f(ci[2]);
            if is_missing(raw) {
                sink.skip(report, Why::CountryMissing(side), line, raw);
                return Ok(());
            }
            match names.country(side, raw, sink) {
                Resolved::State(i) => ends[side] = i,
                other => {
                    if let Some(why) = other.skip(side) {
                        sink.skip(report, why, line, raw);
                    }
                    return Ok(());
                }
            }
        }
        if ends[0] == ends[1] {
            sink.skip(report, Why::Domestic, line, f(c.src[2]));
            return Ok(());
        }
        if self.rule == ActorRule::Governmental {
            for (ci, state) in [(c.src, ends[0]), (c.tgt, ends[1])] {
                let governmental = f(ci[1])
                    .split(|&b| b == b',')
                    .any(|s| s.trim_ascii() == b"Government")
                    || names.get(f(ci[0]), sink) == Resolved::State(state);
                if !governmental {
                    sink.skip(report, Why::NonGovernmental, line, f(ci[0]));
                    return Ok(());
                }
            }
        }
        let g = match self.weights {
            Weights::Table => entry.goldstein,
            Weights::Row => {
                let raw = f(c.weight);
                if is_missing(raw) {
                    sink.skip(report, Why::WeightMissing, line, raw);
                    return Ok(());
                }
                goldstein(raw, loc, line, "Intensity")?
            }
        };
        sink.push(
            report,
            line,
            (ends[0], ends[1]),
            date,
            entry.code,
            kind,
            goldstein_intensity(g),
            Confidence::ONE,
        );
        Ok(())
    }
}

#[cfg(test)]
#[cfg_attr(not(feature = "bundled-data"), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::SupportKind;

    const HEAD: &str = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\n";

    #[cfg(feature = "bundled-data")]
    fn run(rows: &str) -> Result<(EventBatch, ImportReport), Error> {
        IcewsImporter::bundled().read_batch(format!("{HEAD}{rows}").as_bytes(), "t.tab")
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn skips_in_order() {
        let rows = "\
1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tIran\tNA\tIran\n\
2\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t010\t0\tIran\tNA\tIran\n\
3\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t999\t0\tIran\tNA\tIran\n\
4\t2018-06-01\tRussia\tNA\tNA\tx\t072\t8.3\tIran\tNA\tIran\n\
5\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tX\tNA\tAtlantis\n\
6\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tRussia\tNA\tRussian Federation\n\
7\t2018-06-01\tCitizen (Russia)\tSocial\tRussian Federation\tx\t072\t8.3\tIran\tNA\tIran\n\
8\t2018-06-01\tArmy (Russia)\tMilitary,Government\tRussian Federation\tx\t190\t-10\tUkraine\tNA\tUkraine\n\
9\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\tNA\tIran\tNA\tIran\n\
10\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\t8.3\tIran\tNA\tIran\n\
11\t2018-06-01\tPalestinian Territory, Occupied\tNA\tOccupied Palestinian Territory\tx\t072\t8.3\tIran\tNA\tIran\n";
        let (b, r) = run(rows).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!((r.rows_read, r.rows_used, r.records), (11, 2, 2));
        assert_eq!(r.rows_read, r.rows_used + r.skipped_total());
        let s = |reason| r.skipped_for(&reason);
        assert_eq!(
            s(SkipReason::OutOfScope {
                what: "CAMEO code outside the ladder"
            }),
            1
        );
        assert_eq!(
            s(SkipReason::UnknownCode {
                field: "CAMEO Code"
            }),
            1
        );
        assert_eq!(
            s(SkipReason::MissingValue {
                field: "Source Country"
            }),
            1
        );
        assert_eq!(
            s(SkipReason::UnknownActor {
                field: "Target Country"
            }),
            1
        );
        assert_eq!(
            s(SkipReason::OutOfScope {
                what: "domestic event (same state on both sides)"
            }),
            1
        );
        assert_eq!(
            s(SkipReason::OutOfScope {
                what: "non-governmental actor"
            }),
            1
        );
        assert_eq!(s(SkipReason::MissingValue { field: "Intensity" }), 1);
        assert_eq!(s(SkipReason::Duplicate), 1);
        assert_eq!(
            s(SkipReason::OutOfScope {
                what: "territory outside the COW state system"
            }),
            1
        );
        let e = b.events()[1];
        assert_eq!(b.provider(&e).unwrap().as_str(), "RUS");
        assert_eq!(b.recipient(&e).unwrap().as_str(), "UKR");
        assert_eq!(e.kind(), SupportKind::Hostile);
        assert_eq!(e.intensity().get(), 1.0);
        assert_eq!(e.line(), 9);
        // Any-country rule keeps the citizen's event.
        let (b, _) = IcewsImporter::bundled()
            .with_actor_rule(ActorRule::AnyCountry)
            .with_dedup(Dedup::Off)
            .read_batch(format!("{HEAD}{rows}").as_bytes(), "t")
            .unwrap();
        assert_eq!(b.len(), 4);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn table_weights_and_errors() {
        let row = "1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t016\tbad\tIran\tNA\tIran\n";
        let mut imp = IcewsImporter::bundled().with_weights(Weights::Table);
        imp.cameo_mut()
            .set("016", CameoMapping::Rung(SupportKind::Verbal))
            .unwrap();
        let (b, _) = imp
            .read_batch(format!("{HEAD}{row}").as_bytes(), "t")
            .unwrap();
        assert_eq!(b.events()[0].intensity().get(), 0.5); // ICEWS weight -5
        let row = "1\t2018-06-01\tRussia\tNA\tRussian Federation\tx\t072\tbad\tIran\tNA\tIran\n";
        match run(row) {
            Err(Error::Malformed {
                location, value, ..
            }) => {
                assert_eq!(location.line, Some(2));
                assert_eq!(location.field.as_deref(), Some("Intensity"));
                assert_eq!(value, "bad");
            }
            other => panic!("{other:?}"),
        }
    }
}
