//! GDELT 1.0 and 2.0 event tables → support events between states.

use std::io;

use crate::fasthash::FastMap;
use crate::import::stream::{
    Fields, Resolved, Sink, Why, compact_date, digits, goldstein, malformed,
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

/// The 58 columns of a GDELT 1.0 event row, in order (GDELT 1.0 event
/// codebook). Daily files have no header; files before April 2013 stop at
/// `DATEADDED` (57 fields), later ones add `SOURCEURL`.
pub const GDELT1_COLUMNS: [&str; 58] = {
    // GDELT 2.0 without the ADM2 columns; files before April 2013 end at DATEADDED.
    table::gdelt_columns!(no_adm2, 58)
};

/// The 61 columns of a GDELT 2.0 event row, in order (GDELT 2.0 event
/// codebook): GDELT 1.0's columns with an `ADM2Code` after each geography's
/// `ADM1Code`, `DATEADDED` as `YYYYMMDDHHMMSS`, and `SOURCEURL` always present:
///
/// `GLOBALEVENTID SQLDATE MonthYear Year FractionDate`,
/// `Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode
/// Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code`,
/// the same ten for `Actor2`,
/// `IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale
/// NumMentions NumSources NumArticles AvgTone`,
/// `Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code
/// Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID`, the same
/// eight for `Actor2Geo_` and `ActionGeo_`, then `DATEADDED SOURCEURL`.
///
/// The bundled `data/gdelt/gdelt2_synthetic.csv` is a test file in this
/// layout, with this header row: the 710 rows of the GDELT 1.0 sample,
/// each given synthetic `ADM2Code`s (the `ADM1Code` plus `1`), a
/// `DATEADDED` with a made-up time of day, and a placeholder `SOURCEURL`
/// where the 1.0 row had none. It is not real GDELT 2.0 data.
pub const GDELT2_COLUMNS: [&str; 61] = table::gdelt_columns!(adm2, 61);

/// The columns the importer reads (names as in the codebooks).
const SQLDATE: &str = "SQLDATE";
const EVENT_CODE: &str = "EventCode";
const GOLDSTEIN: &str = "GoldsteinScale";
const NUM_SOURCES: &str = "NumSources";
const ACTORS: [[&str; 5]; 2] = [
    [
        "Actor1Code",
        "Actor1CountryCode",
        "Actor1Type1Code",
        "Actor1Type2Code",
        "Actor1Type3Code",
    ],
    [
        "Actor2Code",
        "Actor2CountryCode",
        "Actor2Type1Code",
        "Actor2Type2Code",
        "Actor2Type3Code",
    ],
];

/// CAMEO actor type codes that make an actor governmental.
const STATE_TYPES: [&[u8]; 6] = [b"GOV", b"MIL", b"LEG", b"JUD", b"SPY", b"COP"];

#[derive(Clone, Copy, Debug)]
struct Cols {
    date: usize,
    code: usize,
    weight: usize,
    sources: usize,
    actors: [[usize; 5]; 2],
}

impl Cols {
    /// The columns read, in codebook order (the order missing ones are
    /// reported in).
    const NAMES: [&'static str; 14] = [
        SQLDATE,
        ACTORS[0][0],
        ACTORS[0][1],
        ACTORS[0][2],
        ACTORS[0][3],
        ACTORS[0][4],
        ACTORS[1][0],
        ACTORS[1][1],
        ACTORS[1][2],
        ACTORS[1][3],
        ACTORS[1][4],
        EVENT_CODE,
        GOLDSTEIN,
        NUM_SOURCES,
    ];

    fn from_indices(i: [usize; 14]) -> Cols {
        Cols {
            date: i[0],
            actors: [
                [i[1], i[2], i[3], i[4], i[5]],
                [i[6], i[7], i[8], i[9], i[10]],
            ],
            code: i[11],
            weight: i[12],
            sources: i[13],
        }
    }

    fn gdelt1() -> Cols {
        // The names are constants of this module, all in the table (the
        // unit tests check it); the fallback is never taken.
        Cols::from_indices(
            table::positions(&GDELT1_COLUMNS, Cols::NAMES)
                .unwrap_or([1, 5, 7, 12, 13, 14, 15, 17, 22, 23, 24, 26, 30, 32]),
        )
    }
}

/// Which GDELT layout a file has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    V1,
    V2,
}

/// Reads GDELT event tables (Leetaru and Schrodt 2013): GDELT 1.0 daily
/// files ([`GdeltImporter::read_v1`]: no header, 57 or 58 tab-separated
/// fields, see [`GDELT1_COLUMNS`]) and GDELT 2.0 tables with a header row
/// ([`GdeltImporter::read_v2`]: 61 fields, see [`GDELT2_COLUMNS`]; columns
/// are found by name, so extra or reordered columns are fine).
///
/// Columns read: `SQLDATE` (`YYYYMMDD`), `Actor1Code`,
/// `Actor1CountryCode`, `Actor1Type1Code`..`Actor1Type3Code`, the same for
/// `Actor2`, `EventCode` (a string: `010` ≠ `10`), `GoldsteinScale`,
/// `NumSources`. Country codes are CAMEO country codes, ISO 3166-1 alpha-3
/// with a few withdrawn codes, mapped through [`Countries`]; CAMEO's regional
/// codes (`AFR`, `EUR`, `MEA`, `WST`, ...) are not countries and count as
/// [`SkipReason::UnknownActor`].
///
/// # What becomes an event
///
/// As for ICEWS (see [`IcewsImporter`](crate::import::IcewsImporter)), in
/// this order: a GDELT 1.0 row with other than 57 or 58 fields is
/// [`Error::Malformed`] (a ragged row means shifted columns or a truncated
/// file, and skipping it would hide that); `SQLDATE` must be a calendar
/// date, else [`Error::Malformed`]; `EventCode` blank → missing, not in
/// the [`CameoMap`] → unknown code, out of scope → out of scope;
/// `Actor1CountryCode` then `Actor2CountryCode` blank → missing, unknown →
/// unknown actor, a territory → out of scope; same state → out of scope
/// (domestic); under [`ActorRule::Governmental`] both actors must be
/// governmental (bare country code as actor code, or a type code `GOV`,
/// `MIL`, `LEG`, `JUD`, `SPY`, `COP`); under [`Weights::Row`]
/// `GoldsteinScale` must be a finite number in [-10, 10], else
/// [`Error::Malformed`]; `NumSources` must be a whole number, else
/// [`Error::Malformed`]; one-a-day duplicates are counted.
///
/// Confidence grows with the number of independent sources: `1 - 0.5^n`
/// for `n = NumSources` (at least 1): one source 0.5, two 0.75, three
/// 0.875. GDELT codes every story it sees without curation, and a
/// single-source GDELT event is wrong often enough that treating it as a
/// coin flip is a fair default.
///
/// # Example
///
/// ```
/// use alliance_reliability::SupportKind;
/// use alliance_reliability::import::GdeltImporter;
///
/// let sample = std::fs::read("data/gdelt/gdelt1_sample_events_20160728.tsv")?;
/// let (events, report) = GdeltImporter::bundled().read_v1(&sample[..], "sample.tsv")?;
/// assert_eq!(report.rows_read, 710);
/// assert!(events.iter().all(|e| e.kind() != SupportKind::Silence));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct GdeltImporter {
    countries: Countries,
    cameo: CameoMap,
    rule: ActorRule,
    dedup: Dedup,
    weights: Weights,
}

table::stream_importer!(GdeltImporter, gdelt, "GDELT");

impl GdeltImporter {
    /// Reads a GDELT 1.0 file as [`SupportEvent`]s.
    ///
    /// # Errors
    ///
    /// As [`GdeltImporter::read_v1_batch`].
    pub fn read_v1<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(Vec<SupportEvent>, ImportReport), Error> {
        let (batch, report) = self.read_v1_batch(reader, source)?;
        Ok((batch.to_support_events()?, report))
    }

    /// Reads a GDELT 1.0 file in compact form (the fast path).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] for a file without rows; [`Error::Malformed`]
    /// for a row of other than 57 or 58 fields (including a row cut short
    /// by truncation), a bad date, weight or source count; [`Error::Io`].
    pub fn read_v1_batch<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(EventBatch, ImportReport), Error> {
        let rdr = table::tsv_reader(reader, false, true);
        self.run(rdr, source, Cols::gdelt1(), Layout::V1)
    }

    /// Reads a GDELT 2.0 table with a header row as [`SupportEvent`]s.
    ///
    /// # Errors
    ///
    /// As [`GdeltImporter::read_v2_batch`].
    pub fn read_v2<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(Vec<SupportEvent>, ImportReport), Error> {
        let (batch, report) = self.read_v2_batch(reader, source)?;
        Ok((batch.to_support_events()?, report))
    }

    /// Reads a GDELT 2.0 table with a header row in compact form.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header; [`Error::MissingColumn`] for
    /// a header without one of the columns read; [`Error::Malformed`] for a
    /// row whose field count differs from the header's, a bad date, weight
    /// or source count; [`Error::Io`].
    pub fn read_v2_batch<R: io::Read>(
        &self,
        reader: R,
        source: &str,
    ) -> Result<(EventBatch, ImportReport), Error> {
        let loc = Location::file(source);
        let mut rdr = table::tsv_reader(reader, true, false);
        let header = table::Header::read(&mut rdr, &loc)?;
        let cols = Cols::from_indices(header.indices(Cols::NAMES)?);
        self.run(rdr, source, cols, Layout::V2)
    }

    fn run<R: io::Read>(
        &self,
        mut rdr: csv::Reader<R>,
        source: &str,
        cols: Cols,
        layout: Layout,
    ) -> Result<(EventBatch, ImportReport), Error> {
        let loc = Location::file(source);
        let mut report = ImportReport::new(source);
        let fields = Fields {
            code: EVENT_CODE,
            country: [ACTORS[0][1], ACTORS[1][1]],
            weight: GOLDSTEIN,
        };
        let mut sink = Sink::new(&self.countries, self.dedup, fields);
        let mut codes: FastMap<u32, Resolved> = FastMap::default();
        let mut rec = csv::ByteRecord::new();
        while rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&loc, e))?
        {
            report.rows_read += 1;
            let line = rec.position().map_or(0, |p| p.line());
            if layout == Layout::V1 && !(57..=58).contains(&rec.len()) {
                let v = format!("{} fields", rec.len());
                return Err(malformed(
                    &loc,
                    line,
                    "record",
                    v.as_bytes(),
                    "a GDELT 1.0 row has 57 or 58 tab-separated fields",
                ));
            }
            self.row(&rec, line, &cols, &loc, &mut sink, &mut codes, &mut report)?;
        }
        if report.rows_read == 0 && layout == Layout::V1 {
            return Err(Error::EmptyInput(loc));
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
        codes: &mut FastMap<u32, Resolved>,
        report: &mut ImportReport,
    ) -> Result<(), Error> {
        let f = |i: usize| rec.get(i).unwrap_or(b"");
        let raw_date = f(c.date);
        let date = sink
            .date(raw_date, compact_date)
            .ok_or_else(|| malformed(loc, line, SQLDATE, raw_date, "not a YYYYMMDD date"))?;
        let raw_code = f(c.code);
        if raw_code.is_empty() {
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
        for (side, actor) in c.actors.iter().enumerate() {
            let raw = f(actor[1]);
            if raw.is_empty() {
                sink.skip(report, Why::CountryMissing(side), line, raw);
                return Ok(());
            }
            let resolved = if raw.len() == 3 {
                let key = u32::from(raw[0]) << 16 | u32::from(raw[1]) << 8 | u32::from(raw[2]);
                match codes.get(&key) {
                    Some(&r) => r,
                    None => {
                        let r = sink.resolve_code(raw);
                        codes.insert(key, r);
                        r
                    }
                }
            } else {
                Resolved::Unknown
            };
            match resolved {
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
            sink.skip(report, Why::Domestic, line, f(c.actors[0][1]));
            return Ok(());
        }
        if self.rule == ActorRule::Governmental {
            for a in &c.actors {
                let governmental = f(a[0]) == f(a[1])
                    || [a[2], a[3], a[4]]
                        .iter()
                        .any(|&i| STATE_TYPES.contains(&f(i)));
                if !governmental {
                    sink.skip(report, Why::NonGovernmental, line, f(a[0]));
                    return Ok(());
                }
            }
        }
        let g = match self.weights {
            Weights::Table => entry.goldstein,
            Weights::Row => goldstein(f(c.weight), loc, line, GOLDSTEIN)?,
        };
        let raw_n = f(c.sources);
        let n = digits(raw_n)
            .ok_or_else(|| malformed(loc, line, NUM_SOURCES, raw_n, "not a whole number"))?;
        sink.push(
            report,
            line,
            (ends[0], ends[1]),
            date,
            entry.code,
            kind,
            goldstein_intensity(g),
            source_confidence(n),
        );
        Ok(())
    }
}

/// `1 - 0.5^n` for `n` sources (at least 1).
fn source_confidence(n: u32) -> Confidence {
    let n = n.clamp(1, 60) as i32;
    Confidence::new(1.0 - 0.5f64.powi(n)).unwrap_or(Confidence::ONE)
}

#[cfg(test)]
#[cfg_attr(not(feature = "bundled-data"), allow(dead_code, unused_imports))]
mod tests {
    use super::*;
    use crate::SupportKind;

    /// A GDELT 1.0 row with the given date, actors, code, weight and sources.
    pub(crate) fn v1_row(
        date: &str,
        a1: (&str, &str, &str),
        a2: (&str, &str, &str),
        code: &str,
        g: &str,
        n: &str,
    ) -> String {
        let mut f = vec![String::new(); 58];
        f[0] = "1".into();
        f[1] = date.into();
        (f[5], f[7], f[12]) = (a1.0.into(), a1.1.into(), a1.2.into());
        (f[15], f[17], f[22]) = (a2.0.into(), a2.1.into(), a2.2.into());
        f[26] = code.into();
        f[30] = g.into();
        f[32] = n.into();
        f.join("\t") + "\n"
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn governmental_rule_and_confidence() {
        let rows = [
            v1_row(
                "20160728",
                ("USA", "USA", ""),
                ("RUS", "RUS", ""),
                "042",
                "1.9",
                "2",
            ),
            v1_row(
                "20160728",
                ("USAGOV", "USA", "GOV"),
                ("IRNMIL", "IRN", "MIL"),
                "190",
                "-10",
                "1",
            ),
            v1_row(
                "20160728",
                ("USABUS", "USA", "BUS"),
                ("RUS", "RUS", ""),
                "042",
                "1.9",
                "2",
            ),
            v1_row(
                "20160728",
                ("AFR", "AFR", ""),
                ("RUS", "RUS", ""),
                "042",
                "1.9",
                "2",
            ),
        ]
        .concat();
        let (b, r) = GdeltImporter::bundled()
            .read_v1_batch(rows.as_bytes(), "t")
            .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(b.events()[0].confidence().get(), 0.75);
        assert_eq!(b.events()[1].confidence().get(), 0.5);
        assert_eq!(b.events()[1].kind(), SupportKind::Hostile);
        assert_eq!(
            r.skipped_for(&SkipReason::OutOfScope {
                what: "non-governmental actor"
            }),
            1
        );
        assert_eq!(
            r.skipped_for(&SkipReason::UnknownActor {
                field: "Actor1CountryCode"
            }),
            1
        );
    }

    #[test]
    fn v2_columns_are_61() {
        assert_eq!(GDELT2_COLUMNS.len(), 61);
        assert_eq!(GDELT2_COLUMNS[59], "DATEADDED");
        let c = Cols::gdelt1();
        assert_eq!((c.date, c.code, c.weight, c.sources), (1, 26, 30, 32));
        assert_eq!(c.actors, [[5, 7, 12, 13, 14], [15, 17, 22, 23, 24]]);
    }
}
