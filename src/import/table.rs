//! The event streams' column tables and header reader, shared by the ICEWS
//! and GDELT 1.0/2.0 importers: one tab-separated reader configuration,
//! one header reader that finds columns by name, the GDELT column tables
//! built from one list, and the importers' common settings.

use std::io;

use crate::Error;
use crate::Location;
use crate::import::read_byte_headers;
use crate::import::stream::byte_header_index;

/// A reader for a tab-separated event stream: no quoting (event text holds
/// stray quotes), records ending at `\n` (CRLF is trimmed by the readers;
/// bare CR is rejected at the header), a 64 KiB buffer, and fields counted
/// by the caller when `flexible`.
pub(crate) fn tsv_reader<R: io::Read>(
    reader: R,
    has_headers: bool,
    flexible: bool,
) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(has_headers)
        .flexible(flexible)
        .buffer_capacity(1 << 16)
        .from_reader(reader)
}

/// A header row, read and checked (not empty, no bare CR), whose columns
/// are found by name: case-insensitively, ignoring a byte-order mark and
/// surrounding blanks.
pub(crate) struct Header<'a> {
    record: csv::ByteRecord,
    loc: &'a Location,
}

impl<'a> Header<'a> {
    /// Reads the header row of `rdr`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] without a header, [`Error::Malformed`] for
    /// bare CR line endings, [`Error::Io`] / [`Error::Malformed`] for an
    /// unreadable one.
    pub(crate) fn read<R: io::Read>(
        rdr: &mut csv::Reader<R>,
        loc: &'a Location,
    ) -> Result<Header<'a>, Error> {
        Ok(Header {
            record: read_byte_headers(rdr, loc)?,
            loc,
        })
    }

    /// The index of column `name`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] at line 1.
    pub(crate) fn index(&self, name: &str) -> Result<usize, Error> {
        byte_header_index(&self.record, name, self.loc)
    }

    /// The indices of `names`, in order.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] for the first name (in the order given)
    /// that the header lacks.
    pub(crate) fn indices<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], Error> {
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.index(name)?;
        }
        Ok(out)
    }
}

/// The indices of `names` in a fixed column table (a headerless layout);
/// `None` if one is missing.
pub(crate) fn positions<const N: usize>(table: &[&str], names: [&str; N]) -> Option<[usize; N]> {
    let mut out = [0; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = table.iter().position(|c| *c == name)?;
    }
    Some(out)
}

/// The GDELT event table's columns, in codebook order, with (`adm2`) or
/// without an `ADM2Code` after each geography's `ADM1Code`: the one list
/// behind [`GDELT1_COLUMNS`](crate::import::GDELT1_COLUMNS) and
/// [`GDELT2_COLUMNS`](crate::import::GDELT2_COLUMNS).
macro_rules! gdelt_columns {
    (@actor $a:literal) => {
        [
            concat!($a, "Code"),
            concat!($a, "Name"),
            concat!($a, "CountryCode"),
            concat!($a, "KnownGroupCode"),
            concat!($a, "EthnicCode"),
            concat!($a, "Religion1Code"),
            concat!($a, "Religion2Code"),
            concat!($a, "Type1Code"),
            concat!($a, "Type2Code"),
            concat!($a, "Type3Code"),
        ]
    };
    (@geo $g:literal, adm2) => {
        [
            concat!($g, "Geo_Type"),
            concat!($g, "Geo_FullName"),
            concat!($g, "Geo_CountryCode"),
            concat!($g, "Geo_ADM1Code"),
            concat!($g, "Geo_ADM2Code"),
            concat!($g, "Geo_Lat"),
            concat!($g, "Geo_Long"),
            concat!($g, "Geo_FeatureID"),
        ]
    };
    (@geo $g:literal, no_adm2) => {
        [
            concat!($g, "Geo_Type"),
            concat!($g, "Geo_FullName"),
            concat!($g, "Geo_CountryCode"),
            concat!($g, "Geo_ADM1Code"),
            concat!($g, "Geo_Lat"),
            concat!($g, "Geo_Long"),
            concat!($g, "Geo_FeatureID"),
        ]
    };
    ($adm2:ident, $n:literal) => {
        $crate::import::table::join::<$n>(&[
            &["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"],
            &$crate::import::table::gdelt_columns!(@actor "Actor1"),
            &$crate::import::table::gdelt_columns!(@actor "Actor2"),
            &[
                "IsRootEvent",
                "EventCode",
                "EventBaseCode",
                "EventRootCode",
                "QuadClass",
                "GoldsteinScale",
                "NumMentions",
                "NumSources",
                "NumArticles",
                "AvgTone",
            ],
            &$crate::import::table::gdelt_columns!(@geo "Actor1", $adm2),
            &$crate::import::table::gdelt_columns!(@geo "Actor2", $adm2),
            &$crate::import::table::gdelt_columns!(@geo "Action", $adm2),
            &["DATEADDED", "SOURCEURL"],
        ])
    };
}
pub(crate) use gdelt_columns;

/// The parts, concatenated into one table of `N` names. Evaluated at
/// compile time for the column constants: a wrong `N` is a build error.
pub(crate) const fn join<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut n = 0;
    let mut p = 0;
    while p < parts.len() {
        let mut i = 0;
        while i < parts[p].len() {
            out[n] = parts[p][i];
            n += 1;
            i += 1;
        }
        p += 1;
    }
    assert!(
        n == N,
        "the column parts do not add up to the table's length"
    );
    out
}

/// The settings the ICEWS and GDELT importers share (country crosswalk,
/// code table, actor rule, de-duplication, weights) and their builder
/// methods, written once for both.
macro_rules! stream_importer {
    ($importer:ident, $table:ident, $name:literal) => {
        #[cfg(feature = "bundled-data")]
        impl Default for $importer {
            fn default() -> $importer {
                $importer::bundled()
            }
        }

        impl $importer {
            #[doc = concat!(
                        "An importer with the bundled [`Countries`] and the ", $name,
                        " code table ([`CameoMap::", stringify!($table), "`]), governmental \
                 actors only, one-a-day de-duplication, row weights."
                    )]
            #[cfg(feature = "bundled-data")]
            pub fn bundled() -> $importer {
                $importer::new(Countries::bundled(), CameoMap::$table())
            }

            /// An importer with the given crosswalk and code table.
            pub fn new(countries: Countries, cameo: CameoMap) -> $importer {
                $importer {
                    countries,
                    cameo,
                    rule: ActorRule::default(),
                    dedup: Dedup::default(),
                    weights: Weights::default(),
                }
            }

            /// Sets which actors count as their state.
            pub fn with_actor_rule(mut self, rule: ActorRule) -> $importer {
                self.rule = rule;
                self
            }

            /// Sets the de-duplication.
            pub fn with_dedup(mut self, dedup: Dedup) -> $importer {
                self.dedup = dedup;
                self
            }

            /// Sets where weights come from.
            pub fn with_weights(mut self, weights: Weights) -> $importer {
                self.weights = weights;
                self
            }

            /// The code table (to inspect or override mappings).
            pub fn cameo_mut(&mut self) -> &mut CameoMap {
                &mut self.cameo
            }
        }
    };
}
pub(crate) use stream_importer;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_concatenates_in_order() {
        const T: [&str; 3] = join::<3>(&[&["a"], &[], &["b", "c"]]);
        assert_eq!(T, ["a", "b", "c"]);
    }

    #[test]
    fn positions_in_a_fixed_table() {
        let t = ["x", "y", "z"];
        assert_eq!(positions(&t, ["z", "x"]), Some([2, 0]));
        assert_eq!(positions(&t, ["w"]), None);
    }
}
