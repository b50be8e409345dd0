//! CAMEO event codes, their Goldstein weights, and their place on the support ladder.
//!
//! CAMEO (Conflict and Mediation Event Observations; Schrodt 2012) codes
//! events with two- to four-digit *strings*: `01` is a root, `010` a
//! three-digit code under it, `0831` a four-digit one. Leading zeros are
//! significant (`010` is "make statement", `10` is the root "demand"), so
//! codes are never read as numbers. Each code carries a Goldstein (1992)
//! conflict-cooperation weight in [-10, 10].

use std::collections::BTreeMap;
use std::fmt;
use std::io;

use crate::import::{ImportReport, csv_error};

// Named by the documentation's links.
#[cfg(doc)]
use crate::import::SkipReason;
use crate::import::read_byte_headers;
use crate::{Error, Intensity, Location, SupportKind};

/// The bundled GDELT code table (`CAMEO.goldsteinscale.txt`: tab-separated,
/// `CAMEOEVENTCODE`, `GOLDSTEINSCALE`).
#[cfg(feature = "bundled-data")]
pub const GDELT_GOLDSTEIN: &str = include_str!("../../data/cameo/CAMEO.goldsteinscale.txt");

/// The bundled ICEWS code table (`cameo-codes.csv`: comma-separated, with
/// `code` and `goldstein` columns; its text columns are not valid UTF-8 and
/// are not read).
#[cfg(feature = "bundled-data")]
pub const ICEWS_CODES: &[u8] = include_bytes!("../../data/cameo/cameo-codes.csv");

/// Number of distinct codes of two to four digits: 100 + 1 000 + 10 000.
const SLOTS: usize = 11_100;
const NONE: u16 = u16::MAX;

/// A CAMEO event code: two to four ASCII digits, compared as text
/// (`010` ≠ `10`).
///
/// # Example
///
/// ```
/// use alliance_reliability::import::CameoCode;
///
/// let a: CameoCode = "010".parse()?;
/// let b: CameoCode = "10".parse()?;
/// assert_ne!(a, b);
/// assert_eq!(a.root(), 1);
/// assert_eq!(b.root(), 10);
/// assert!("1a".parse::<CameoCode>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// Checks and wraps a code given as bytes; `None` unless it is two to
    /// four ASCII digits.
    pub fn from_bytes(b: &[u8]) -> Option<CameoCode> {
        if !(2..=4).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut digits = [0u8; 4];
        digits[..b.len()].copy_from_slice(b);
        Some(CameoCode {
            digits,
            len: b.len() as u8,
        })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or("")
    }

    /// The root (first two digits) as a number, 1 to 20 for valid CAMEO codes.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// The first `n` digits (`n` ≤ the code's length) as a number.
    fn prefix(&self, n: usize) -> u16 {
        self.digits[..n.min(usize::from(self.len))]
            .iter()
            .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'))
    }

    /// A dense index in `0..SLOTS`, distinct for every code (length matters).
    pub(crate) fn slot(&self) -> usize {
        let v = usize::from(self.prefix(4));
        match self.len {
            2 => v,
            3 => 100 + v,
            _ => 1_100 + v,
        }
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({:?})", self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CameoCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<CameoCode, Error> {
        CameoCode::from_bytes(s.as_bytes()).ok_or_else(|| Error::UnknownName {
            what: "CAMEO code (2 to 4 digits)",
            value: s.to_string(),
        })
    }
}

/// Where a CAMEO code lands: on a rung of the support ladder, or outside
/// what this library models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CameoMapping {
    /// The event is neither support for nor hostility toward its target
    /// (a neutral statement, an appeal, an investigation). Importers count
    /// such rows as [`SkipReason::OutOfScope`].
    OutOfScope,
    /// The event is an act on this rung (never [`SupportKind::Silence`]).
    Rung(SupportKind),
}

/// The documented default place of a code on the ladder.
///
/// The rule works on the root and, where a root mixes kinds of act, on the
/// three-digit code; four-digit codes follow their three-digit parent.
/// "Support" means support *from the source to the target*.
///
/// | root | CAMEO name | mapping | why |
/// |---|---|---|---|
/// | 01 | make public statement | out of scope, except `018` (empathetic comment) and `019` (express accord): verbal | most statements (`010` statement, `011` decline comment, `012`/`013` pessimistic/optimistic comment, `014` consider policy, `015`/`016` claim/deny responsibility, `017` symbolic act) are about a situation, not for the target |
/// | 02 | appeal | out of scope | an appeal *asks* the target for something; it gives nothing |
/// | 03 | express intent to cooperate | verbal | promises, even of military aid (`0312`, `0332`), are words until acted on |
/// | 04 | consult | diplomatic | calls, visits, meetings, mediation and negotiation are diplomatic action |
/// | 05 | diplomatic cooperation | `051` praise, `052` defend verbally, `055` apologize, `056` forgive: verbal; `050`, `053` rally support, `054` recognition, `057` sign agreement: diplomatic | words versus diplomatic acts |
/// | 06 | material cooperation | `060`, `061` economic: economic; `062` military, `064` intelligence: materiel; `063` judicial: diplomatic | the ladder puts intelligence with arms and advisers; judicial cooperation (extradition, legal assistance) is a state-to-state act without material transfer |
/// | 07 | provide aid | `070`, `071` economic, `073` humanitarian: economic; `072` military aid: materiel; `074` military protection or peacekeeping: military; `075` asylum: diplomatic | the ladder's own rungs (asylum is listed under diplomatic) |
/// | 08 | yield | `085` ease sanctions: economic (sanctions relief); `080`, `083` accede to demands, `084` return or release: diplomatic; `081`/`082` ease domestic restrictions or dissent, `086` allow international involvement, `087` de-escalate: out of scope | concessions to the target are diplomatic (or economic) help; domestic easing, receiving others, and ceasing to fight the target are not support |
/// | 09 | investigate | out of scope | neutral |
/// | 10 | demand | out of scope | like an appeal, a demand asks something of the target |
/// | 11–20 | disapprove, reject, threaten, protest, exhibit force posture, reduce relations, coerce, assault, fight, unconventional mass violence | hostile | acts against the target; their strength comes from the Goldstein weight |
///
/// Codes whose root is 00 or above 20 are out of scope.
pub fn default_mapping(code: CameoCode) -> CameoMapping {
    use CameoMapping::{OutOfScope, Rung};
    use SupportKind::{Diplomatic, Economic, Hostile, Materiel, Military, Verbal};
    let three = if code.len >= 3 { code.prefix(3) } else { 0 };
    match code.root() {
        1 => match three {
            18 | 19 => Rung(Verbal),
            _ => OutOfScope,
        },
        2 | 9 | 10 => OutOfScope,
        3 => Rung(Verbal),
        4 => Rung(Diplomatic),
        5 => match three {
            51 | 52 | 55 | 56 => Rung(Verbal),
            _ => Rung(Diplomatic),
        },
        6 => match three {
            62 | 64 => Rung(Materiel),
            63 => Rung(Diplomatic),
            _ => Rung(Economic),
        },
        7 => match three {
            72 => Rung(Materiel),
            74 => Rung(Military),
            75 => Rung(Diplomatic),
            _ => Rung(Economic),
        },
        8 => match three {
            85 => Rung(Economic),
            81 | 82 | 86 | 87 => OutOfScope,
            _ => Rung(Diplomatic),
        },
        11..=20 => Rung(Hostile),
        _ => OutOfScope,
    }
}

/// The smallest intensity given to a mapped event (a code whose Goldstein
/// weight is 0 still happened).
pub const MIN_INTENSITY: f64 = 0.01;

/// The intensity of an event with Goldstein weight `g`: `|g| / 10`, clamped
/// to [[`MIN_INTENSITY`], 1]. A NaN weight gives the minimum.
pub fn goldstein_intensity(g: f64) -> Intensity {
    let v = (g.abs() / 10.0).clamp(MIN_INTENSITY, 1.0);
    Intensity::new(if v.is_nan() { MIN_INTENSITY } else { v }).unwrap_or(Intensity::ONE)
}

/// One code of a [`CameoMap`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameoEntry {
    /// The code.
    pub code: CameoCode,
    /// Its Goldstein weight, in [-10, 10].
    pub goldstein: f64,
    /// Its place on the ladder.
    pub mapping: CameoMapping,
}

/// A CAMEO code table with Goldstein weights and an overridable mapping onto
/// the support ladder.
///
/// Two tables ship with the crate, and they disagree: GDELT's
/// ([`CameoMap::gdelt`]) and ICEWS's ([`CameoMap::icews`]) give different
/// weights to `016`, `022`, `164` and `165`, and only ICEWS has `1213`. Use
/// the table of the dataset you read. Every code starts with its
/// [`default_mapping`]; [`CameoMap::set`] overrides one.
///
/// # Example
///
/// ```
/// use alliance_reliability::SupportKind;
/// use alliance_reliability::import::{CameoMap, CameoMapping};
///
/// let mut map = CameoMap::gdelt();
/// assert_eq!(map.goldstein("016"), Some(-2.0));
/// assert_eq!(CameoMap::icews().goldstein("016"), Some(-5.0));
/// assert_eq!(map.mapping("072"), Some(CameoMapping::Rung(SupportKind::Materiel)));
/// // Count "make a visit" as mere words:
/// map.set("042", CameoMapping::Rung(SupportKind::Verbal))?;
/// assert_eq!(map.mapping("042"), Some(CameoMapping::Rung(SupportKind::Verbal)));
/// assert_eq!(map.mapping("10"), Some(CameoMapping::OutOfScope)); // root "demand"
/// assert_eq!(map.mapping("999"), None); // not in the table
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct CameoMap {
    entries: Vec<CameoEntry>,
    slots: Box<[u16]>,
}

impl fmt::Debug for CameoMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CameoMap")
            .field("codes", &self.entries.len())
            .finish()
    }
}

impl Default for CameoMap {
    fn default() -> CameoMap {
        CameoMap {
            entries: Vec::new(),
            slots: vec![NONE; SLOTS].into_boxed_slice(),
        }
    }
}

impl CameoMap {
    /// The GDELT table (`CAMEO.goldsteinscale.txt`), default mapping.
    #[cfg(feature = "bundled-data")]
    pub fn gdelt() -> CameoMap {
        // The bundled table is tested to parse completely; never panic.
        CameoMap::read_gdelt(GDELT_GOLDSTEIN.as_bytes(), "CAMEO.goldsteinscale.txt")
            .map(|(m, _)| m)
            .unwrap_or_default()
    }

    /// The ICEWS table (`cameo-codes.csv`), default mapping.
    #[cfg(feature = "bundled-data")]
    pub fn icews() -> CameoMap {
        CameoMap::read_icews(ICEWS_CODES, "cameo-codes.csv")
            .map(|(m, _)| m)
            .unwrap_or_default()
    }

    /// Reads a GDELT-style table: tab-separated, header, code then weight.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header or without codes; [`Error::Malformed`] for an
    /// unreadable record, a code that is not 2 to 4 digits, a weight that is
    /// not a number in [-10, 10], or a code listed twice.
    pub fn read_gdelt<R: io::Read>(
        reader: R,
        source: &str,
    ) -> Result<(CameoMap, ImportReport), Error> {
        let rdr = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            .from_reader(reader);
        CameoMap::read_table(rdr, source, ("CAMEOEVENTCODE", "GOLDSTEINSCALE"))
    }

    /// Reads an ICEWS-style table: comma-separated, header with `code` and
    /// `goldstein` columns (other columns are ignored and need not be UTF-8).
    ///
    /// # Errors
    ///
    /// As [`CameoMap::read_gdelt`], plus [`Error::MissingColumn`].
    pub fn read_icews<R: io::Read>(
        reader: R,
        source: &str,
    ) -> Result<(CameoMap, ImportReport), Error> {
        let rdr = csv::ReaderBuilder::new().from_reader(reader);
        CameoMap::read_table(rdr, source, ("code", "goldstein"))
    }

    fn read_table<R: io::Read>(
        mut rdr: csv::Reader<R>,
        source: &str,
        (code_col, weight_col): (&str, &str),
    ) -> Result<(CameoMap, ImportReport), Error> {
        let loc = Location::file(source);
        let headers = read_byte_headers(&mut rdr, &loc)?;
        let find = |name: &str| {
            headers
                .iter()
                .position(|h| {
                    trim_bom(h)
                        .trim_ascii()
                        .eq_ignore_ascii_case(name.as_bytes())
                })
                .ok_or_else(|| Error::MissingColumn {
                    location: loc.clone().at_line(1),
                    column: name.to_string(),
                })
        };
        let (ci, wi) = (find(code_col)?, find(weight_col)?);
        let mut map = CameoMap::default();
        let mut report = ImportReport::new(source);
        let mut rec = csv::ByteRecord::new();
        while rdr
            .read_byte_record(&mut rec)
            .map_err(|e| csv_error(&loc, e))?
        {
            let line = rec.position().map_or(0, |p| p.line());
            report.rows_read += 1;
            let at = |field: &str, value: &[u8], reason: &str| Error::Malformed {
                location: loc.clone().at_line(line).at_field(field),
                value: String::from_utf8_lossy(value).into_owned(),
                reason: reason.to_string(),
            };
            let raw = rec.get(ci).unwrap_or(b"").trim_ascii();
            let code = CameoCode::from_bytes(raw)
                .ok_or_else(|| at(code_col, raw, "a CAMEO code is 2 to 4 digits"))?;
            let wraw = rec.get(wi).unwrap_or(b"").trim_ascii();
            let g = parse_f64(wraw)
                .filter(|g| (-10.0..=10.0).contains(g))
                .ok_or_else(|| {
                    at(
                        weight_col,
                        wraw,
                        "a Goldstein weight is a number in [-10, 10]",
                    )
                })?;
            if map.slots[code.slot()] != NONE {
                return Err(at(code_col, raw, "code listed twice"));
            }
            map.insert_entry(code, g, default_mapping(code));
            report.rows_used += 1;
        }
        report.records = map.entries.len() as u64;
        if report.rows_read == 0 {
            return Err(Error::EmptyInput(loc));
        }
        Ok((map, report))
    }

    fn insert_entry(&mut self, code: CameoCode, goldstein: f64, mapping: CameoMapping) {
        let i = self.slots[code.slot()];
        if i == NONE {
            self.slots[code.slot()] = self.entries.len() as u16;
            self.entries.push(CameoEntry {
                code,
                goldstein,
                mapping,
            });
        } else if let Some(e) = self.entries.get_mut(usize::from(i)) {
            e.goldstein = goldstein;
            e.mapping = mapping;
        }
    }

    /// Adds a code (or replaces one) with its weight and mapping.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownName`] if `code` is not 2 to 4 digits;
    /// [`Error::OutOfRange`] if `goldstein` is not in [-10, 10];
    /// [`Error::SilenceEvent`] for a mapping to silence.
    pub fn insert(
        &mut self,
        code: &str,
        goldstein: f64,
        mapping: CameoMapping,
    ) -> Result<(), Error> {
        let c: CameoCode = code.parse()?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(Error::OutOfRange {
                quantity: "Goldstein weight",
                range: "[-10, 10]",
                value: goldstein,
            });
        }
        check_mapping(mapping)?;
        if self.entries.len() >= usize::from(NONE) {
            return Err(Error::OutOfRange {
                quantity: "number of CAMEO codes",
                range: "at most 65534",
                value: self.entries.len() as f64,
            });
        }
        self.insert_entry(c, goldstein, mapping);
        Ok(())
    }

    /// Overrides the mapping of a code already in the table.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownName`] if the code is malformed or not in the table;
    /// [`Error::SilenceEvent`] for a mapping to silence (silence is the
    /// absence of events, never one).
    pub fn set(&mut self, code: &str, mapping: CameoMapping) -> Result<(), Error> {
        let c: CameoCode = code.parse()?;
        check_mapping(mapping)?;
        let i = self.slots[c.slot()];
        match self.entries.get_mut(usize::from(i)) {
            Some(e) => {
                e.mapping = mapping;
                Ok(())
            }
            None => Err(Error::UnknownName {
                what: "CAMEO code",
                value: code.to_string(),
            }),
        }
    }

    /// The entry of a code, if the table has it.
    pub fn get(&self, code: &str) -> Option<&CameoEntry> {
        self.get_bytes(code.as_bytes())
    }

    /// The entry of a code given as bytes (the importers' fast path).
    #[inline]
    pub fn get_bytes(&self, code: &[u8]) -> Option<&CameoEntry> {
        let c = CameoCode::from_bytes(code)?;
        self.entries.get(usize::from(self.slots[c.slot()]))
    }

    /// The Goldstein weight of a code.
    pub fn goldstein(&self, code: &str) -> Option<f64> {
        self.get(code).map(|e| e.goldstein)
    }

    /// The mapping of a code (`None`: not in the table).
    pub fn mapping(&self, code: &str) -> Option<CameoMapping> {
        self.get(code).map(|e| e.mapping)
    }

    /// Every code, in table order.
    pub fn entries(&self) -> &[CameoEntry] {
        &self.entries
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many codes land on each mapping (out of scope counted under `None`).
    pub fn summary(&self) -> BTreeMap<Option<SupportKind>, usize> {
        let mut m = BTreeMap::new();
        for e in &self.entries {
            let k = match e.mapping {
                CameoMapping::OutOfScope => None,
                CameoMapping::Rung(k) => Some(k),
            };
            *m.entry(k).or_default() += 1;
        }
        m
    }
}

fn check_mapping(m: CameoMapping) -> Result<(), Error> {
    if m == CameoMapping::Rung(SupportKind::Silence) {
        Err(Error::SilenceEvent)
    } else {
        Ok(())
    }
}

/// Strips a UTF-8 byte-order mark.
pub(crate) fn trim_bom(b: &[u8]) -> &[u8] {
    b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)
}

/// Parses a finite decimal number from bytes.
#[inline]
pub(crate) fn parse_f64(b: &[u8]) -> Option<f64> {
    std::str::from_utf8(b)
        .ok()?
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bundled_tables_parse_completely() {
        let (g, r) = CameoMap::read_gdelt(GDELT_GOLDSTEIN.as_bytes(), "g").unwrap();
        assert_eq!((r.rows_read, r.rows_used, r.skipped_total()), (311, 311, 0));
        assert_eq!(g.len(), 311);
        let (i, r) = CameoMap::read_icews(ICEWS_CODES, "i").unwrap();
        assert_eq!((r.rows_read, r.rows_used, r.skipped_total()), (312, 312, 0));
        assert_eq!(i.len(), 312);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn tables_disagree_exactly_here() {
        let (g, i) = (CameoMap::gdelt(), CameoMap::icews());
        assert_eq!(g.goldstein("016"), Some(-2.0));
        assert_eq!(i.goldstein("016"), Some(-5.0));
        assert_eq!(g.goldstein("022"), Some(3.2));
        assert_eq!(i.goldstein("022"), Some(3.4));
        assert_eq!(g.goldstein("164"), Some(-7.0));
        assert_eq!(i.goldstein("164"), Some(-6.5));
        assert_eq!(g.goldstein("165"), Some(-6.5));
        assert_eq!(i.goldstein("165"), Some(-7.0));
        assert_eq!(g.goldstein("1213"), None);
        assert_eq!(i.goldstein("1213"), Some(-4.0));
        let mut differ: Vec<&str> = i
            .entries()
            .iter()
            .filter(|e| g.goldstein(e.code.as_str()) != Some(e.goldstein))
            .map(|e| e.code.as_str())
            .collect();
        differ.sort();
        assert_eq!(differ, ["016", "022", "1213", "164", "165"]);
        assert!(g.entries().iter().all(|e| i.get(e.code.as_str()).is_some()));
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn codes_are_strings() {
        let g = CameoMap::gdelt();
        assert_eq!(g.goldstein("010"), Some(0.0));
        assert_eq!(g.goldstein("10"), Some(-5.0));
        assert_eq!(g.mapping("010"), Some(CameoMapping::OutOfScope));
        assert_eq!(g.mapping("10"), Some(CameoMapping::OutOfScope));
        assert_eq!(g.goldstein("0010"), None);
        assert_eq!(g.get_bytes(b"190").map(|e| e.goldstein), Some(-10.0));
        assert!("0100".parse::<CameoCode>().unwrap() != "010".parse().unwrap());
        assert!("1".parse::<CameoCode>().is_err());
        assert!("12345".parse::<CameoCode>().is_err());
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn default_mapping_by_root() {
        let g = CameoMap::gdelt();
        let r = |c: &str| g.mapping(c).unwrap();
        use CameoMapping::{OutOfScope as O, Rung};
        use SupportKind::*;
        assert_eq!(r("010"), O);
        assert_eq!(r("011"), O);
        assert_eq!(r("018"), Rung(Verbal));
        assert_eq!(r("0232"), O);
        assert_eq!(r("0332"), Rung(Verbal));
        assert_eq!(r("042"), Rung(Diplomatic));
        assert_eq!(r("051"), Rung(Verbal));
        assert_eq!(r("057"), Rung(Diplomatic));
        assert_eq!(r("061"), Rung(Economic));
        assert_eq!(r("062"), Rung(Materiel));
        assert_eq!(r("063"), Rung(Diplomatic));
        assert_eq!(r("064"), Rung(Materiel));
        assert_eq!(r("071"), Rung(Economic));
        assert_eq!(r("072"), Rung(Materiel));
        assert_eq!(r("073"), Rung(Economic));
        assert_eq!(r("074"), Rung(Military));
        assert_eq!(r("075"), Rung(Diplomatic));
        assert_eq!(r("085"), Rung(Economic));
        assert_eq!(r("0871"), O);
        assert_eq!(r("0831"), Rung(Diplomatic));
        assert_eq!(r("094"), O);
        assert_eq!(r("1012"), O);
        assert_eq!(r("111"), Rung(Hostile));
        assert_eq!(r("20"), Rung(Hostile));
        assert_eq!(r("204"), Rung(Hostile));
        let s = g.summary();
        assert_eq!(s.values().sum::<usize>(), 311);
        assert_eq!(s.get(&Some(Silence)), None);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn overrides_and_errors() {
        let mut m = CameoMap::icews();
        assert!(matches!(
            m.set("042", CameoMapping::Rung(SupportKind::Silence)),
            Err(Error::SilenceEvent)
        ));
        assert!(matches!(
            m.set("999", CameoMapping::OutOfScope),
            Err(Error::UnknownName { .. })
        ));
        m.set("010", CameoMapping::Rung(SupportKind::Verbal))
            .unwrap();
        assert_eq!(
            m.mapping("010"),
            Some(CameoMapping::Rung(SupportKind::Verbal))
        );
        m.insert("999", 2.0, CameoMapping::OutOfScope).unwrap();
        assert_eq!(m.goldstein("999"), Some(2.0));
        assert!(matches!(
            m.insert("998", f64::NAN, CameoMapping::OutOfScope),
            Err(Error::OutOfRange { .. })
        ));
    }

    #[test]
    fn intensity_from_goldstein() {
        assert_eq!(goldstein_intensity(-10.0).get(), 1.0);
        assert_eq!(goldstein_intensity(-3.4).get(), 3.4 / 10.0);
        assert_eq!(goldstein_intensity(0.0).get(), MIN_INTENSITY);
        assert_eq!(goldstein_intensity(f64::NAN).get(), MIN_INTENSITY);
        assert_eq!(goldstein_intensity(25.0).get(), 1.0);
    }

    #[test]
    fn malformed_tables() {
        let bad = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t0.0\n0x1\t1.0\n";
        match CameoMap::read_gdelt(bad.as_bytes(), "t") {
            Err(Error::Malformed {
                location, value, ..
            }) => {
                assert_eq!(location.line, Some(3));
                assert_eq!(value, "0x1");
            }
            other => panic!("{other:?}"),
        }
        let nan = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\tNaN\n";
        assert!(matches!(
            CameoMap::read_gdelt(nan.as_bytes(), "t"),
            Err(Error::Malformed { .. })
        ));
        let dup = "CAMEOEVENTCODE\tGOLDSTEINSCALE\n01\t0\n01\t1\n";
        assert!(matches!(
            CameoMap::read_gdelt(dup.as_bytes(), "t"),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            CameoMap::read_gdelt(&b""[..], "t"),
            Err(Error::EmptyInput(_))
        ));
        assert!(matches!(
            CameoMap::read_gdelt(&b"CAMEOEVENTCODE\tGOLDSTEINSCALE\n"[..], "t"),
            Err(Error::EmptyInput(_))
        ));
        assert!(matches!(
            CameoMap::read_icews(&b"x,y\n1,2\n"[..], "t"),
            Err(Error::MissingColumn { .. })
        ));
    }
}
