//! SVG plots drawn with [`plotters`](https://docs.rs/plotters) (SVG
//! backend only; text is written as SVG `<text>` and laid out by the
//! viewer, so no font files are needed).
//!
//! Three figures, one file each:
//!
//! - [`reliability_svg`] (`series.rs`): a guarantor's reliability over
//!   time, the posterior mean as a line inside its 90% credible band, and
//!   one marker per resolved test coloured by its [`Status`] and labelled
//!   by its crisis;
//! - [`calibration_svg`] (`calibration.rs`): a backtest's calibration
//!   (reliability) diagram, mean observed against mean predicted per bin,
//!   with each bin's consistency band and the bin counts;
//! - [`abandonment_svg`] (`risk.rs`): the abandonment risk of each client
//!   of one patron with its 90% credible interval.
//!
//! Each returns the SVG document as a `String`; [`write_svg`] writes one to
//! a file. The colours are public ([`SERIES_COLOUR`], [`status_colour`],
//! …) so that a reader (or a test) can find each series in the SVG: the
//! mean line is the one `<polyline>` stroked in [`SERIES_COLOUR`], the band
//! the one `<polygon>` filled with it, and each test the one `<circle>`
//! filled with its status colour. Legends use rectangles, never circles or
//! lines, so they never add to those counts.

mod calibration;
mod risk;
mod series;

pub use calibration::calibration_svg;
pub use risk::{abandonment_svg, clients_of};
pub use series::{Marker, SERIES_POINTS, default_from, markers, reliability_svg, series_dates};

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use plotters::style::RGBColor;

use crate::{Error, Location, Status};

/// Width and height of every plot, in SVG user units (pixels).
pub const SIZE: (u32, u32) = (900, 500);

/// Credible level of the bands and intervals drawn: 90%, the level of the
/// crate's tables.
pub const LEVEL: f64 = 0.9;

/// The posterior mean line and its credible band (the band at 20% opacity).
pub const SERIES_COLOUR: (u8, u8, u8) = (31, 90, 160);

/// The abandonment risks and their intervals.
pub const RISK_COLOUR: (u8, u8, u8) = (120, 40, 140);

/// The calibration diagram's bin-count bars.
pub const BAR_COLOUR: (u8, u8, u8) = (150, 150, 150);

/// The calibration diagram's consistency bands (Bröcker & Smith 2007),
/// at 35% opacity.
pub const BAND_COLOUR: (u8, u8, u8) = (230, 140, 30);

/// The marker colour of a test with this status: honoured green,
/// abandoned orange, betrayed red, pending grey (pending tests are not
/// drawn: they are not evidence yet).
pub fn status_colour(status: Status) -> (u8, u8, u8) {
    match status {
        Status::Honoured => (26, 150, 65),
        Status::Abandoned => (230, 140, 0),
        Status::Betrayed => (200, 30, 30),
        _ => (128, 128, 128),
    }
}

/// A colour as the `#RRGGBB` text plotters writes into the SVG.
pub fn hex(colour: (u8, u8, u8)) -> String {
    format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
}

/// Writes an SVG document (or any text) to `path`.
///
/// # Errors
///
/// [`Error::Io`] naming the file when it cannot be written.
pub fn write_svg(path: impl AsRef<Path>, svg: &str) -> Result<(), Error> {
    let path = path.as_ref();
    std::fs::write(path, svg).map_err(|e| Error::Io {
        location: Location::file(path.display().to_string()),
        kind: e.kind(),
        message: e.to_string(),
    })
}

fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Turns a drawing error into the crate's error, naming the figure.
fn render<E: std::fmt::Display>(what: &str) -> impl Fn(E) -> Error + '_ {
    move |e| Error::Render {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// A date as a fractional year: `year + (day of year − 1) / days in year`.
fn year_fraction(date: NaiveDate) -> f64 {
    let days = if date.leap_year() { 366.0 } else { 365.0 };
    f64::from(date.year()) + f64::from(date.ordinal0()) / days
}
