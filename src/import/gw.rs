//! Gleditsch–Ward state codes → Correlates of War country codes.
//!
//! UCDP/PRIO data number states by Gleditsch & Ward (1999); COW data and
//! ATOP by the COW state system. The two lists agree for almost every
//! state since 1946; [`GW_EXCEPTIONS`] lists where they do not, and
//! [`gw_to_cow`] applies it, checking the result against the COW state
//! system.

use chrono::NaiveDate;

use crate::import::StateSystem;

/// Where a Gleditsch–Ward code is not the COW code of the same state:
/// `(GW code, first day the rule applies, COW code or None)`, read in
/// order, the last rule whose date has passed winning. `None`: a state COW
/// does not list.
///
/// | GW | state | COW | why |
/// |---|---|---|---|
/// | 260 | Germany (Federal Republic, then united) | 260 until 2 October 1990, **255** from 3 October 1990 | COW ends the German Federal Republic (260) at unification and continues Germany as 255; GW keeps 260 |
/// | 340 | Serbia (1878–1915, and from 5 June 2006) | **345** | GW numbers Serbia 340 and Yugoslavia 345; the COW state system (v2016) continues Serbia, Yugoslavia and Serbia again as 345 throughout. GW 345 is COW 345 |
/// | 678 | Yemen (Arab Republic), then Yemen | 678 until 21 May 1990, **679** from 22 May 1990 | COW codes unified Yemen 679; GW keeps 678 |
/// | 711 | Tibet | none | GW lists Tibet (1913–1950); COW does not |
/// | 396, 397 | Abkhazia, South Ossetia | none | GW lists them; COW does not |
/// | 970 | Kiribati | **946** | the microstates of Oceania are numbered differently |
/// | 971 | Nauru | **970** | |
/// | 972 | Tonga | **955** | |
/// | 973 | Tuvalu | **947** | |
///
/// Codes that agree need no entry: for example 816 (Vietnam, the
/// Democratic Republic) and 817 (the Republic of Vietnam), 731 and 732
/// (the Koreas), 265 (the German Democratic Republic) and 680 (South
/// Yemen) are the same in both lists.
pub const GW_EXCEPTIONS: [(u16, NaiveDate, Option<u16>); 10] = [
    (260, day(1990, 10, 3), Some(255)),
    (340, NaiveDate::MIN, Some(345)),
    (678, day(1990, 5, 22), Some(679)),
    (711, NaiveDate::MIN, None),
    (396, NaiveDate::MIN, None),
    (397, NaiveDate::MIN, None),
    (970, NaiveDate::MIN, Some(946)),
    (971, NaiveDate::MIN, Some(970)),
    (972, NaiveDate::MIN, Some(955)),
    (973, NaiveDate::MIN, Some(947)),
];

const fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(x) => x,
        None => NaiveDate::MIN,
    }
}

/// The COW code of Gleditsch–Ward state `gw` on `on`: the exception in
/// [`GW_EXCEPTIONS`] whose date has passed, else the same number, in
/// either case only if the COW state system lists it. `None` for a state
/// COW does not list.
///
/// ```
/// use alliance_reliability::import::{StateSystem, gw_to_cow};
/// use chrono::NaiveDate;
///
/// let states = StateSystem::bundled();
/// let d = |y| NaiveDate::from_ymd_opt(y, 6, 1).unwrap();
/// assert_eq!(gw_to_cow(260, d(1985), &states), Some(260));
/// assert_eq!(gw_to_cow(260, d(1999), &states), Some(255));
/// assert_eq!(gw_to_cow(678, d(1994), &states), Some(679));
/// assert_eq!(gw_to_cow(2, d(2003), &states), Some(2));
/// assert_eq!(gw_to_cow(711, d(1950), &states), None);
/// ```
pub fn gw_to_cow(gw: u16, on: NaiveDate, states: &StateSystem) -> Option<u16> {
    let mut code = Some(gw);
    for (g, from, cow) in GW_EXCEPTIONS {
        if g == gw && on >= from {
            code = cow;
        }
    }
    code.filter(|c| states.id(*c).is_some())
}
