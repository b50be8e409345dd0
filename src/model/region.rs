//! World regions, as the Correlates of War project divides the world:
//! [`Region`] and the set [`Regions`].

use std::fmt;

use crate::Error;

/// A world region in the Correlates of War convention.
///
/// COW codes where a war was fought (`WhereFought`, inter-state wars v4.0)
/// with six regions and their combinations, and its country codes fall in
/// regional blocks. Both maps are here:
///
/// | region | `WhereFought` code | COW country codes |
/// |---|---|---|
/// | [`WesternHemisphere`](Region::WesternHemisphere) | 1 | 2–199 |
/// | [`Europe`](Region::Europe) | 2 | 200–399 |
/// | [`Africa`](Region::Africa) | 4 | 400–626 |
/// | [`MiddleEast`](Region::MiddleEast) | 6 | 627–699 |
/// | [`Asia`](Region::Asia) | 7 | 700–899 |
/// | [`Oceania`](Region::Oceania) | 9 | 900–999 |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Region {
    /// The Americas.
    WesternHemisphere,
    /// Europe.
    Europe,
    /// Sub-Saharan and North Africa (COW codes 400–626).
    Africa,
    /// The Middle East, Egypt (651) and Turkey (640) included (COW codes 627–699).
    MiddleEast,
    /// Asia.
    Asia,
    /// Oceania.
    Oceania,
}

impl Region {
    /// All regions, in declaration order.
    pub const ALL: [Region; 6] = [
        Region::WesternHemisphere,
        Region::Europe,
        Region::Africa,
        Region::MiddleEast,
        Region::Asia,
        Region::Oceania,
    ];

    /// The home region of a state by its COW country code (table above);
    /// `None` for a code outside 2–999.
    ///
    /// ```
    /// use alliance_reliability::Region;
    /// assert_eq!(Region::of_ccode(2), Some(Region::WesternHemisphere));
    /// assert_eq!(Region::of_ccode(651), Some(Region::MiddleEast));
    /// assert_eq!(Region::of_ccode(1000), None);
    /// ```
    pub fn of_ccode(ccode: u16) -> Option<Region> {
        Some(match ccode {
            2..=199 => Region::WesternHemisphere,
            200..=399 => Region::Europe,
            400..=626 => Region::Africa,
            627..=699 => Region::MiddleEast,
            700..=899 => Region::Asia,
            900..=999 => Region::Oceania,
            _ => return None,
        })
    }

    /// The snake-case name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::WesternHemisphere => "western_hemisphere",
            Region::Europe => "europe",
            Region::Africa => "africa",
            Region::MiddleEast => "middle_east",
            Region::Asia => "asia",
            Region::Oceania => "oceania",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of [`Region`]s, as a small bit set. The empty set means
/// "unknown" on a crisis and "anywhere" on a commitment's triggers.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Regions(u8);

impl Regions {
    /// No region: unknown (on a crisis) or unrestricted (on triggers).
    pub const NONE: Regions = Regions(0);

    /// The regions in `regions`.
    pub fn of(regions: impl IntoIterator<Item = Region>) -> Regions {
        Regions(regions.into_iter().fold(0, |acc, r| acc | r.bit()))
    }

    /// The regions of a COW `WhereFought` code (inter-state wars v4.0
    /// codebook): 1 Western Hemisphere, 2 Europe, 4 Africa, 6 Middle East,
    /// 7 Asia, 9 Oceania, 11 Europe & Middle East, 12 Europe & Asia, 13
    /// Western Hemisphere & Asia, 14 Europe, Africa & Middle East, 15
    /// Europe, Africa, Middle East & Asia, 16 Africa, Middle East, Asia &
    /// Oceania, 17 Asia & Oceania, 18 Africa & Middle East, 19 Europe,
    /// Africa, Middle East, Asia & Oceania.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownName`] for any other code.
    ///
    /// ```
    /// use alliance_reliability::{Region, Regions};
    /// let korea = Regions::from_where_fought(7)?;
    /// assert!(korea.contains(Region::Asia) && !korea.contains(Region::Europe));
    /// assert_eq!(Regions::from_where_fought(11)?, Regions::of([Region::Europe, Region::MiddleEast]));
    /// assert!(Regions::from_where_fought(3).is_err());
    /// # Ok::<(), alliance_reliability::Error>(())
    /// ```
    pub fn from_where_fought(code: i64) -> Result<Regions, Error> {
        use Region::*;
        let list: &[Region] = match code {
            1 => &[WesternHemisphere],
            2 => &[Europe],
            4 => &[Africa],
            6 => &[MiddleEast],
            7 => &[Asia],
            9 => &[Oceania],
            11 => &[Europe, MiddleEast],
            12 => &[Europe, Asia],
            13 => &[WesternHemisphere, Asia],
            14 => &[Europe, Africa, MiddleEast],
            15 => &[Europe, Africa, MiddleEast, Asia],
            16 => &[Africa, MiddleEast, Asia, Oceania],
            17 => &[Asia, Oceania],
            18 => &[Africa, MiddleEast],
            19 => &[Europe, Africa, MiddleEast, Asia, Oceania],
            _ => {
                return Err(Error::UnknownName {
                    what: "COW WhereFought code",
                    value: code.to_string(),
                });
            }
        };
        Ok(Regions::of(list.iter().copied()))
    }

    /// Whether `region` is in the set.
    pub fn contains(self, region: Region) -> bool {
        self.0 & region.bit() != 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the two sets share a region.
    pub fn intersects(self, other: Regions) -> bool {
        self.0 & other.0 != 0
    }

    /// The regions in the set, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = Region> {
        Region::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

/// `skip_serializing_if` helper: whether a set is empty.
#[cfg(feature = "serde")]
pub(crate) fn is_none(r: &Regions) -> bool {
    r.is_empty()
}

impl fmt::Debug for Regions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Regions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Regions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let regions = Vec::<Region>::deserialize(d)?;
        Ok(Regions::of(regions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_where_fought_code_in_the_codebook_maps() {
        for code in [1, 2, 4, 6, 7, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19] {
            assert!(!Regions::from_where_fought(code).unwrap().is_empty());
        }
        for code in [-8, 0, 3, 5, 8, 10, 20] {
            assert!(Regions::from_where_fought(code).is_err());
        }
        assert_eq!(Regions::from_where_fought(19).unwrap().iter().count(), 5);
    }

    #[test]
    fn home_regions() {
        assert_eq!(Region::of_ccode(200), Some(Region::Europe));
        assert_eq!(Region::of_ccode(600), Some(Region::Africa));
        assert_eq!(Region::of_ccode(640), Some(Region::MiddleEast));
        assert_eq!(Region::of_ccode(732), Some(Region::Asia));
        assert_eq!(Region::of_ccode(900), Some(Region::Oceania));
        assert_eq!(Region::of_ccode(0), None);
    }
}
