//! A crosswalk from ISO 3166-1 codes and country names to COW actor ids.

use std::collections::{BTreeMap, HashMap};
use std::io;

use crate::import::{ImportReport, StateSystem, csv_error, header_index};
use crate::{ActorId, Error, Location};

/// The bundled crosswalk, `data/vocab/countries.csv`.
#[cfg(feature = "bundled-data")]
pub const COUNTRIES_CSV: &str = include_str!("../../data/vocab/countries.csv");

/// One row of the crosswalk.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    ccode: Option<u16>,
    actor: Option<ActorId>,
    iso3: String,
    name: String,
    codes: Vec<String>,
    aliases: Vec<String>,
    years: Option<(i32, i32)>,
}

impl Country {
    /// The COW country code (`None`: a territory outside the COW state system).
    pub fn ccode(&self) -> Option<u16> {
        self.ccode
    }

    /// The actor id, the COW abbreviation (`None` outside the COW system).
    pub fn actor(&self) -> Option<&ActorId> {
        self.actor.as_ref()
    }

    /// The ISO 3166-1 alpha-3 code.
    pub fn iso3(&self) -> &str {
        &self.iso3
    }

    /// The English short name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Other three-letter codes (withdrawn ISO codes, CAMEO variants).
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// Other names (ICEWS spellings, long forms, former names).
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// First and last year in the COW state system.
    pub fn years(&self) -> Option<(i32, i32)> {
        self.years
    }
}

/// A crosswalk from ISO 3166-1 alpha-3 codes and country names to the COW
/// actor ids of [`StateSystem`].
///
/// The bundled table (`data/vocab/countries.csv`) is **hand-compiled** from
/// the COW State System Membership List v2016 and ISO 3166-1: every COW state
/// in the system in 2016, the historical COW states that had an ISO code
/// (GFR and GDR, Czechoslovakia, the two Yemens), and, without a COW code,
/// territories event data name but COW does not count as states (Palestine,
/// Hong Kong, Macao, Holy See, Western Sahara, Puerto Rico, Greenland).
///
/// Its `aliases` are *not* official names: they are the spellings ICEWS uses
/// ("Russian Federation", "Occupied Palestinian Territory", "Moldova,
/// Republic of", the generic actor names "Russia" and "Palestinian
/// Territory, Occupied"), ISO long forms, and former names (Zaire, Burma).
/// Its `codes` are withdrawn ISO codes (ROM, ZAR, BUR, TMP, HVO, YUG, SCG,
/// SUN) and event-data codes for Kosovo (XKX, KSV).
///
/// Beware the COW abbreviations that are other countries' ISO codes:
/// ISO `AUS` is Australia (COW `AUL`; COW `AUS` is Austria), ISO `CZE` is
/// the Czech Republic (COW `CZR`; COW `CZE` is Czechoslovakia), ISO `SLV` is
/// El Salvador (COW `SAL`). Germany: ISO `DEU` is COW `GMY` (255, the
/// German state before 1945 and since 1990); [`Countries::by_iso3_in`] gives
/// `GFR` (260) for 1955–1990.
///
/// # Example
///
/// ```
/// use alliance_reliability::import::Countries;
///
/// let c = Countries::bundled();
/// assert_eq!(c.by_iso3("KAZ").unwrap().as_str(), "KZK");
/// assert_eq!(c.by_iso3("DEU").unwrap().as_str(), "GMY");
/// assert_eq!(c.by_iso3_in("DEU", 1980).unwrap().as_str(), "GFR");
/// assert_eq!(c.by_name("Russian Federation").unwrap().as_str(), "RUS");
/// assert_eq!(c.by_ccode(365).unwrap().as_str(), "RUS");
/// // Known, but not a COW state:
/// assert!(c.by_name("Occupied Palestinian Territory").is_none());
/// assert_eq!(c.country_by_name("Occupied Palestinian Territory").unwrap().iso3(), "PSE");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Countries {
    rows: Vec<Country>,
    iso3: HashMap<String, Vec<usize>>,
    names: HashMap<String, usize>,
    ccodes: BTreeMap<u16, usize>,
}

fn key(s: &str) -> String {
    s.trim().to_lowercase()
}

impl Countries {
    /// The bundled crosswalk, checked against [`StateSystem::bundled`].
    #[cfg(feature = "bundled-data")]
    pub fn bundled() -> Countries {
        // The bundled table is tested to load without error; never panic.
        Countries::read(
            COUNTRIES_CSV.as_bytes(),
            "countries.csv",
            &StateSystem::bundled(),
        )
        .map(|(c, _)| c)
        .unwrap_or_default()
    }

    /// Reads a `ccode,cow,iso3,name,codes,aliases` table (`#` lines are
    /// comments; `codes` and `aliases` are `;`-separated and optional),
    /// checking every COW code against `states`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] without `ccode`, `cow`, `iso3` or `name`;
    /// [`Error::Malformed`] for an unreadable record, a `ccode` that is not
    /// a number, a `ccode` unknown to `states` or with another abbreviation
    /// there, a row with a `cow` but no `ccode`, an ISO code that is not
    /// three letters, or a name or alias given to two different countries.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<(Countries, ImportReport), Error> {
        let mut rdr = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .from_reader(reader);
        let loc = Location::file(source);
        let headers = rdr.headers().map_err(|e| csv_error(&loc, e))?.clone();
        if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
            return Err(Error::EmptyInput(loc));
        }
        let ci = header_index(&headers, "ccode", &loc)?;
        let wi = header_index(&headers, "cow", &loc)?;
        let ii = header_index(&headers, "iso3", &loc)?;
        let ni = header_index(&headers, "name", &loc)?;
        let codes_i = header_index(&headers, "codes", &loc).ok();
        let alias_i = header_index(&headers, "aliases", &loc).ok();
        let mut out = Countries::default();
        let mut report = ImportReport::new(source);
        for rec in rdr.records() {
            let rec = rec.map_err(|e| csv_error(&loc, e))?;
            let line = rec.position().map_or(0, |p| p.line());
            report.rows_read += 1;
            let cell = |i: usize| rec.get(i).unwrap_or("").trim();
            let bad = |field: &str, value: &str, reason: String| Error::Malformed {
                location: loc.clone().at_line(line).at_field(field),
                value: value.to_string(),
                reason,
            };
            let (ctext, cow, iso3, name) = (cell(ci), cell(wi), cell(ii), cell(ni));
            let (ccode, actor, years) = if ctext.is_empty() {
                if !cow.is_empty() {
                    return Err(bad(
                        "ccode",
                        ctext,
                        "a COW abbreviation needs a ccode".into(),
                    ));
                }
                (None, None, None)
            } else {
                let code: u16 = ctext
                    .parse()
                    .map_err(|_| bad("ccode", ctext, "not a COW country code".into()))?;
                let id = states
                    .id(code)
                    .ok_or_else(|| bad("ccode", ctext, "not in the COW state system".into()))?;
                if id.as_str() != cow {
                    return Err(bad("cow", cow, format!("COW calls ccode {code} `{id}`")));
                }
                (Some(code), Some(id.clone()), states.years(code))
            };
            if iso3.len() != 3 || !iso3.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad("iso3", iso3, "not three capital letters".into()));
            }
            let split = |i: Option<usize>| -> Vec<String> {
                i.map(|i| {
                    cell(i)
                        .split(';')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
            };
            let row = Country {
                ccode,
                actor,
                iso3: iso3.to_string(),
                name: name.to_string(),
                codes: split(codes_i),
                aliases: split(alias_i),
                years,
            };
            let n = out.rows.len();
            for code in std::iter::once(&row.iso3).chain(&row.codes) {
                out.iso3
                    .entry(code.to_ascii_uppercase())
                    .or_default()
                    .push(n);
            }
            for nm in std::iter::once(&row.name).chain(&row.aliases) {
                if let Some(&other) = out.names.get(&key(nm))
                    && (out.rows[other].actor != row.actor || row.actor.is_none())
                {
                    return Err(bad(
                        "aliases",
                        nm,
                        "name already given to another country".into(),
                    ));
                }
                out.names.insert(key(nm), n);
            }
            if let Some(c) = ccode
                && out.ccodes.insert(c, n).is_some()
            {
                return Err(bad("ccode", ctext, "listed twice".into()));
            }
            out.rows.push(row);
            report.rows_used += 1;
        }
        report.records = out.rows.len() as u64;
        Ok((out, report))
    }

    /// The actor of an ISO 3166-1 alpha-3 code (or another listed code),
    /// case-insensitively. Where a code served two COW states (`DEU`: GMY
    /// and GFR; `YEM`: YEM and YAR) the one in the system latest wins.
    pub fn by_iso3(&self, code: &str) -> Option<&ActorId> {
        self.country_by_iso3(code)?.actor()
    }

    /// The actor of a code in a given year: among the COW states with that
    /// code whose first-to-last system years include `year`, the one with
    /// the shortest span (`DEU` in 1980 is `GFR`, 1955–1990, not `GMY`,
    /// 1816–2016 with a gap [`StateSystem::years`] does not show), else as
    /// [`Countries::by_iso3`].
    pub fn by_iso3_in(&self, code: &str, year: i32) -> Option<&ActorId> {
        let rows = self.iso3.get(&code.trim().to_ascii_uppercase())?;
        rows.iter()
            .map(|&i| &self.rows[i])
            .filter(|c| c.years.is_some_and(|(a, b)| (a..=b).contains(&year)))
            .min_by_key(|c| c.years.map_or(i32::MAX, |(a, b)| b - a))
            .and_then(Country::actor)
            .or_else(|| self.by_iso3(code))
    }

    /// The row of a code (including territories outside the COW system).
    pub fn country_by_iso3(&self, code: &str) -> Option<&Country> {
        let rows = self.iso3.get(&code.trim().to_ascii_uppercase())?;
        rows.iter()
            .map(|&i| &self.rows[i])
            .max_by_key(|c| c.years.map_or(i32::MIN, |(_, last)| last))
    }

    /// The actor of a name or alias, case-insensitively (`None` if unknown
    /// or not a COW state).
    pub fn by_name(&self, name: &str) -> Option<&ActorId> {
        self.country_by_name(name)?.actor()
    }

    /// The row of a name or alias (including territories outside the COW system).
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        self.names.get(&key(name)).map(|&i| &self.rows[i])
    }

    /// The actor of a COW country code listed in the crosswalk.
    pub fn by_ccode(&self, ccode: u16) -> Option<&ActorId> {
        self.ccodes.get(&ccode).and_then(|&i| self.rows[i].actor())
    }

    /// Every row, in file order.
    pub fn iter(&self) -> impl Iterator<Item = &Country> {
        self.rows.iter()
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "bundled-data")]
    fn bundled_loads_completely_and_agrees_with_cow() {
        let states = StateSystem::bundled();
        let (c, r) = Countries::read(COUNTRIES_CSV.as_bytes(), "countries.csv", &states).unwrap();
        assert_eq!(r.rows_read, r.rows_used);
        assert_eq!(r.skipped_total(), 0);
        assert_eq!(c.len(), 207);
        for row in c.iter() {
            if let Some(code) = row.ccode() {
                assert_eq!(states.id(code), row.actor(), "{code}");
            }
        }
        // Every state in the system in 2016 is covered.
        let current: Vec<u16> = (0..1000u16)
            .filter(|&code| states.years(code).is_some_and(|(_, last)| last == 2016))
            .collect();
        assert_eq!(current.len(), 195);
        for code in current {
            assert!(c.by_ccode(code).is_some(), "ccode {code} missing");
        }
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn known_pairs() {
        let c = Countries::bundled();
        let iso = |s: &str| c.by_iso3(s).map(|a| a.as_str().to_string());
        for (i, w) in [
            ("DEU", "GMY"),
            ("GBR", "UKG"),
            ("KAZ", "KZK"),
            ("ZAF", "SAF"),
            ("ARE", "UAE"),
            ("IDN", "INS"),
            ("KGZ", "KYR"),
            ("TJK", "TAJ"),
            ("AUS", "AUL"),
            ("AUT", "AUS"),
            ("CZE", "CZR"),
            ("CSK", "CZE"),
            ("SLV", "SAL"),
            ("SVN", "SLV"),
            ("MNE", "MNG"),
            ("MNG", "MON"),
            ("CHE", "SWZ"),
            ("SWZ", "SWA"),
            ("SRB", "YUG"),
            ("ROM", "ROM"),
            ("ZAR", "DRC"),
            ("SUN", "RUS"),
            ("YEM", "YEM"),
            ("deu", "GMY"),
        ] {
            assert_eq!(iso(i).as_deref(), Some(w), "{i}");
        }
        assert_eq!(iso("MAC"), None); // Macao, not COW's MAC (Macedonia)
        assert_eq!(c.country_by_iso3("MAC").unwrap().name(), "Macao");
        assert_eq!(c.by_iso3_in("DEU", 1980).unwrap().as_str(), "GFR");
        assert_eq!(c.by_iso3_in("DEU", 1938).unwrap().as_str(), "GMY");
        assert_eq!(c.by_iso3_in("YEM", 1970).unwrap().as_str(), "YAR");
        assert_eq!(c.by_iso3_in("DEU", 1800).unwrap().as_str(), "GMY");
        assert_eq!(iso("XXX"), None);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn icews_names() {
        let c = Countries::bundled();
        for (n, w) in [
            ("Russian Federation", "RUS"),
            ("Russia", "RUS"),
            ("Iran", "IRN"),
            ("United States", "USA"),
            ("United Kingdom", "UKG"),
            ("Germany", "GMY"),
            ("Moldova, Republic of", "MLD"),
            ("the former Yugoslav Republic of Macedonia", "MAC"),
            ("Democratic Republic of Congo", "DRC"),
            ("Congo", "CON"),
            ("Cote d'Ivoire", "CDI"),
            ("Timor-Leste", "ETM"),
            ("Taiwan", "TAW"),
            ("Kyrgyzstan", "KYR"),
            ("  united states ", "USA"),
        ] {
            assert_eq!(c.by_name(n).map(|a| a.as_str()), Some(w), "{n}");
        }
        assert!(c.by_name("Occupied Palestinian Territory").is_none());
        assert!(c.country_by_name("Holy See").unwrap().ccode().is_none());
        assert!(c.country_by_name("Atlantis").is_none());
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn checks_against_the_state_system() {
        let s = StateSystem::bundled();
        let h = "ccode,cow,iso3,name\n";
        let read = |body: &str| Countries::read(format!("{h}{body}").as_bytes(), "t.csv", &s);
        assert!(matches!(
            read("365,USR,RUS,Russia\n"),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            read("999,XXX,XXX,X\n"),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            read("365,RUS,RU,Russia\n"),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            read(",RUS,RUS,Russia\n"),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            read("365,RUS,RUS,Russia\n2,USA,USA,Russia\n"),
            Err(Error::Malformed { .. })
        ));
        let (c, _) = read("365,RUS,RUS,Russia\n").unwrap();
        assert_eq!(c.len(), 1);
        assert!(matches!(
            Countries::read(&b"ccode,iso3,name\n"[..], "t", &s),
            Err(Error::MissingColumn { .. })
        ));
    }
}
