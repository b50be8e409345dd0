//! Importers for the research datasets: ATOP, COW, MIDs, UCDP/PRIO, ICB and CAMEO event streams.
//!
//! Each importer returns its records plus an [`ImportReport`]: rows read,
//! rows used, and rows skipped, counted by [`SkipReason`]. Nothing is
//! dropped silently. Malformed input that cannot be skipped meaningfully
//! (a missing column, an unreadable record) is an [`Error`] naming the
//! file, line and field.

use crate::{Error, Location};

mod atop;
mod cameo;
mod countries;
mod covariates;
mod cow_alliance;
mod cow_war;
mod field;
mod gdelt;
mod gw;
mod icb;
mod icews;
mod lines;
mod mid;
mod report;
mod states;
mod stream;
mod table;
mod ucdp;

pub use atop::{AtopCondition, AtopImport};
pub use covariates::Covariates;
pub use cow_alliance::CowAllianceImport;
pub use cow_war::{CowWarImport, WarSpell};
pub use gw::{GW_EXCEPTIONS, gw_to_cow};
pub use mid::{MidImport, mid_support};
pub use report::{ImportReport, MAX_SKIP_EXAMPLES, SkipReason, Skipped};
pub use states::StateSystem;
pub use ucdp::{UcdpFormat, UcdpImport};

pub use cameo::{
    CameoCode, CameoEntry, CameoMap, CameoMapping, MIN_INTENSITY, default_mapping,
    goldstein_intensity,
};
pub use countries::{Countries, Country};

pub use gdelt::{GDELT1_COLUMNS, GDELT2_COLUMNS, GdeltImporter};
pub use icb::{GreatPower, IcbImport, PerceivedAbandonment, read_icb_actors};
pub use icews::IcewsImporter;
pub use stream::{ActorRule, CompactEvent, Dedup, EventBatch, Weights};
/// The bundled datasets, compiled in with the `bundled-data` feature.
#[cfg(feature = "bundled-data")]
pub use {
    atop::ATOP_5_1_MEMBERS, cameo::GDELT_GOLDSTEIN, cameo::ICEWS_CODES, countries::COUNTRIES_CSV,
    covariates::COW_MAJORS, covariates::COW_NMC_CINC, covariates::POLITY2,
    cow_alliance::COW_ALLIANCE_4_1, cow_war::COW_WAR_4_0, mid::GML_MID_PARTICIPANTS,
    states::SYSTEM_2016, ucdp::UCDP_ACD,
};

/// Converts a `csv` error into this crate's error, keeping the line.
pub(crate) fn csv_error(loc: &Location, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let mut location = loc.clone();
    location.line = line;
    match e.kind() {
        csv::ErrorKind::Io(io) => Error::Io {
            location,
            kind: io.kind(),
            message: io.to_string(),
        },
        _ => Error::Malformed {
            location,
            value: String::new(),
            reason: e.to_string(),
        },
    }
}

/// Reads the header row; a file without one (empty, or a blank first
/// line) is [`Error::EmptyInput`].
pub(crate) fn read_headers<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    loc: &Location,
) -> Result<csv::StringRecord, Error> {
    let headers = rdr.headers().map_err(|e| csv_error(loc, e))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].trim().is_empty()) {
        return Err(Error::EmptyInput(loc.clone()));
    }
    Ok(headers)
}

/// [`read_headers`] for byte records (the event-stream fast paths).
pub(crate) fn read_byte_headers<R: std::io::Read>(
    rdr: &mut csv::Reader<R>,
    loc: &Location,
) -> Result<csv::ByteRecord, Error> {
    let headers = rdr.byte_headers().map_err(|e| csv_error(loc, e))?.clone();
    if headers.is_empty() || (headers.len() == 1 && headers[0].is_empty()) {
        return Err(Error::EmptyInput(loc.clone()));
    }
    reject_bare_cr(headers.iter(), loc)?;
    Ok(headers)
}

/// Rejects a header line read by a reader whose records end at `\n` only
/// when it holds a carriage return anywhere but at its very end: the file
/// has bare CR line endings (classic Mac OS), so the whole file would read
/// as one header line and zero rows. A trailing `\r` (CRLF endings) is fine.
pub(crate) fn reject_bare_cr<'a>(
    fields: impl ExactSizeIterator<Item = &'a [u8]>,
    loc: &Location,
) -> Result<(), Error> {
    let last = fields.len().saturating_sub(1);
    for (i, f) in fields.enumerate() {
        let body = if i == last {
            f.strip_suffix(b"\r").unwrap_or(f)
        } else {
            f
        };
        if let Some(at) = body.iter().position(|&b| b == b'\r') {
            let start = at.saturating_sub(40);
            let end = (at + 40).min(body.len());
            return Err(Error::Malformed {
                location: loc.clone().at_line(1),
                value: String::from_utf8_lossy(&body[start..end]).into_owned(),
                reason: "bare CR line endings (a carriage return inside the header line): \
                         convert the file to LF or CRLF line endings"
                    .to_string(),
            });
        }
    }
    Ok(())
}

/// The index of a required column, ignoring a UTF-8 byte-order mark and
/// surrounding spaces, case-insensitively (the byte-record rule of `stream`).
pub(crate) fn header_index(
    headers: &csv::StringRecord,
    name: &str,
    loc: &Location,
) -> Result<usize, Error> {
    stream::byte_header_index(headers.as_byte_record(), name, loc)
}
