//! A guarantor's reliability over time with its credible band and one
//! marker per resolved test.

use chrono::{Duration, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{LEVEL, SERIES_COLOUR, SIZE, render, rgb, status_colour, year_fraction};
use crate::{ActorKey, Error, Ledger, Lens, Status};

/// At most this many dates in a series: one a day for spans shorter than
/// that, evenly spaced otherwise (the line is smooth at the plot's width).
pub const SERIES_POINTS: usize = 200;

/// The dates a series plot evaluates reliability at: `from`, `to`, and
/// evenly spaced days between them, at most [`SERIES_POINTS`] in all
/// (`min(SERIES_POINTS, days + 1)` distinct dates). Empty when `to` is
/// before `from`.
pub fn series_dates(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let days = (to - from).num_days();
    if days < 0 {
        return Vec::new();
    }
    if days == 0 {
        return vec![from];
    }
    let n = (SERIES_POINTS as i64).min(days + 1);
    (0..n)
        .map(|i| from + Duration::days((i * days + (n - 1) / 2) / (n - 1)))
        .collect()
}

/// A start for a series ending at `to`: one year before the earliest
/// crisis start among `guarantor`'s tests as of `to` (resolved or pending),
/// or one year before `to` when it has none (never after `to`).
pub fn default_from(ledger: &Ledger, guarantor: ActorKey, to: NaiveDate) -> NaiveDate {
    let first = ledger
        .outcomes(to)
        .iter()
        .filter(|o| o.guarantor() == guarantor)
        .map(|o| o.date())
        .min()
        .unwrap_or(to)
        .min(to);
    first
        .checked_sub_signed(Duration::days(365))
        .unwrap_or(first)
}

/// Estimated width of a label character, in tenths of a pixel, and height
/// of a label, in pixels, at the 11-pixel sans-serif label font (about
/// 0.41 em a character for mixed-case text; used only to avoid overlaps).
const LABEL_CHAR_WIDTH_TENTHS: i32 = 45;
const LABEL_HEIGHT: i32 = 12;

/// Which markers get their crisis label: each label once, beside the first
/// marker that carries it, unless its box (`bounds`: left, top, right,
/// bottom in pixels) overlaps a label already placed; markers are taken in
/// order (by crisis start: left to right).
fn labelled(marks: &[Marker], bounds: impl Fn(&Marker) -> (i32, i32, i32, i32)) -> Vec<bool> {
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    marks
        .iter()
        .map(|m| {
            if m.label.is_empty() || !seen.insert(m.label.as_str()) {
                return false;
            }
            let b = bounds(m);
            let overlaps = placed
                .iter()
                .any(|p| b.0 < p.2 && p.0 < b.2 && b.1 < p.3 && p.1 < b.3);
            if !overlaps {
                placed.push(b);
            }
            !overlaps
        })
        .collect()
}

/// One resolved test as the series plot draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// The test's index ([`Ledger::test_view`]).
    pub test: usize,
    /// The crisis start, which dates the test (the marker's x).
    pub date: NaiveDate,
    /// Its fulfilment in [0, 1] under the plot's lens (the marker's y).
    pub fulfilment: f64,
    /// Honoured, abandoned or betrayed (the marker's colour).
    pub status: Status,
    /// The crisis label, or its id when it has none (the marker's text).
    pub label: String,
}

/// The resolved tests of `guarantor` as of `to` under `lens` whose crises
/// started from `from` on, in the ledger's canonical order: what
/// [`reliability_svg`] marks. With `from` at or before the first test this
/// is every test counted by
/// [`Reliability::tests`](crate::Reliability::tests) as of `to`.
pub fn markers(
    ledger: &Ledger,
    guarantor: ActorKey,
    from: NaiveDate,
    to: NaiveDate,
    lens: Lens,
) -> Vec<Marker> {
    let assessment = ledger.assess_under(to, lens);
    assessment
        .outcomes()
        .iter()
        .filter(|o| o.guarantor() == guarantor && o.status() != Status::Pending)
        .filter(|o| o.date() >= from && o.date() <= to)
        .map(|o| {
            let label = ledger
                .test_view(o.test(), to)
                .map(|v| {
                    v.crisis
                        .label()
                        .map_or_else(|| v.crisis.id().as_str().to_string(), str::to_string)
                })
                .unwrap_or_default();
            Marker {
                test: o.test(),
                date: o.date(),
                fulfilment: o.fulfilment(),
                status: o.status(),
                label,
            }
        })
        .collect()
}

/// The reliability of `guarantor` from `from` to `to` under `lens`, as an
/// SVG document.
///
/// - **Line**: the posterior mean of
///   [`Ledger::reliability_series_under`] at [`series_dates`]`(from, to)`
///   (each point is what [`Assessment::reliability`](crate::Assessment::reliability)
///   gives on that date), one `<polyline>` point per date.
/// - **Band**: the 90% credible interval ([`LEVEL`]) of each of those
///   posteriors, one `<polygon>` (upper bounds left to right, then lower
///   bounds right to left).
/// - **Markers**: one `<circle>` per resolved test ([`markers`]) at its
///   crisis start and its fulfilment, coloured by status
///   ([`status_colour`]). Beside it, its crisis label as a `<text>`:
///   each crisis once (several tests of one crisis share a label), and
///   only where it does not overlap a label already placed (left to
///   right), so a crowded plot stays readable; every marker is drawn.
///
/// The x axis is in years, the y axis in [0, 1] (reliability for the line
/// and band, fulfilment for the markers).
///
/// # Errors
///
/// [`Error::Render`] when `to` is before `from` or the drawing fails;
/// [`Error::UnknownActor`] when `guarantor` is not in the ledger's
/// timeline.
pub fn reliability_svg(
    ledger: &Ledger,
    guarantor: ActorKey,
    from: NaiveDate,
    to: NaiveDate,
    lens: Lens,
) -> Result<String, Error> {
    const WHAT: &str = "reliability series";
    let actor = ledger
        .timeline()
        .actor(guarantor)
        .ok_or_else(|| Error::UnknownActor(format!("key {}", guarantor.0)))?;
    let dates = series_dates(from, to);
    if dates.is_empty() {
        return Err(Error::Render {
            what: WHAT.to_string(),
            message: format!("the series ends ({to}) before it starts ({from})"),
        });
    }
    let series = ledger.reliability_series_under(guarantor, &dates, lens);
    let mut points = Vec::with_capacity(dates.len());
    for (date, r) in dates.iter().zip(&series) {
        let i = r.interval(LEVEL)?;
        points.push((year_fraction(*date), r.mean(), i.lower, i.upper));
    }
    let marks = markers(ledger, guarantor, from, to, lens);

    let (x0, x1) = (year_fraction(from), year_fraction(to));
    let (x0, x1) = if x1 - x0 < 1e-9 {
        (x0 - 0.5, x1 + 0.5)
    } else {
        let pad = (x1 - x0) * 0.02;
        (x0 - pad, x1 + pad)
    };
    let title = format!(
        "Reliability of {} ({}), {} lens: mean and {:.0}% band",
        actor.name(),
        actor.id().as_str(),
        lens,
        100.0 * LEVEL
    );
    let colour = rgb(SERIES_COLOUR);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(render(WHAT))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 20))
            .margin(15)
            .x_label_area_size(40)
            .y_label_area_size(55)
            // Headroom above 1 for the legend.
            .build_cartesian_2d(x0..x1, -0.03f64..1.45f64)
            .map_err(render(WHAT))?;
        chart
            .configure_mesh()
            .x_desc("year (markers: crisis start)")
            .y_desc("reliability / fulfilment")
            .x_label_formatter(&|x| format!("{:.0}", x.floor()))
            .y_label_formatter(&|y| {
                if *y <= 1.0 + 1e-9 {
                    format!("{y:.1}")
                } else {
                    String::new()
                }
            })
            .draw()
            .map_err(render(WHAT))?;
        let band: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (p.0, p.3))
            .chain(points.iter().rev().map(|p| (p.0, p.2)))
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(band, colour.mix(0.2))))
            .map_err(render(WHAT))?
            .label(format!("{:.0}% credible band", 100.0 * LEVEL))
            .legend(move |(x, y)| {
                Rectangle::new([(x, y - 5), (x + 16, y + 5)], colour.mix(0.2).filled())
            });
        chart
            .draw_series(LineSeries::new(
                points.iter().map(|p| (p.0, p.1)),
                colour.stroke_width(2),
            ))
            .map_err(render(WHAT))?
            .label("posterior mean")
            .legend(move |(x, y)| Rectangle::new([(x, y - 1), (x + 16, y + 1)], colour.filled()));
        for status in [Status::Honoured, Status::Abandoned, Status::Betrayed] {
            let c = rgb(status_colour(status));
            let mine: Vec<&Marker> = marks.iter().filter(|m| m.status == status).collect();
            chart
                .draw_series(
                    mine.iter()
                        .map(|m| Circle::new((year_fraction(m.date), m.fulfilment), 5, c.filled())),
                )
                .map_err(render(WHAT))?
                .label(format!("{status} ({})", mine.len()))
                .legend(move |(x, y)| {
                    Rectangle::new([(x + 3, y - 5), (x + 13, y + 5)], c.filled())
                });
        }
        // Labels point into the plot: right of markers in the left half,
        // left of those in the right half.
        let side = |m: &Marker| {
            if year_fraction(m.date) - x0 < (x1 - x0) / 2.0 {
                HPos::Left
            } else {
                HPos::Right
            }
        };
        let shown = labelled(&marks, |m| {
            let (px, py) = chart.backend_coord(&(year_fraction(m.date), m.fulfilment));
            let chars = i32::try_from(m.label.chars().count()).unwrap_or(i32::MAX / 100);
            let w = LABEL_CHAR_WIDTH_TENTHS.saturating_mul(chars) / 10;
            let (left, top) = match side(m) {
                HPos::Right => (px - 7 - w, py - 4 - LABEL_HEIGHT),
                _ => (px + 7, py - 4 - LABEL_HEIGHT),
            };
            (left, top, left + w, top + LABEL_HEIGHT)
        });
        chart
            .draw_series(marks.iter().zip(&shown).filter(|(_, s)| **s).map(|(m, _)| {
                let (dx, h) = match side(m) {
                    HPos::Right => (-7, HPos::Right),
                    _ => (7, HPos::Left),
                };
                let font =
                    TextStyle::from(("sans-serif", 11).into_font()).pos(Pos::new(h, VPos::Bottom));
                EmptyElement::at((year_fraction(m.date), m.fulfilment))
                    + Text::new(m.label.clone(), (dx, -4), font)
            }))
            .map_err(render(WHAT))?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(render(WHAT))?;
        root.present().map_err(render(WHAT))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(label: &str) -> Marker {
        Marker {
            test: 0,
            date: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
            fulfilment: 1.0,
            status: Status::Honoured,
            label: label.to_string(),
        }
    }

    #[test]
    fn each_label_once_and_never_over_another() {
        let marks = [
            marker("A"),
            marker("A"),
            marker("B"),
            marker("C"),
            marker(""),
        ];
        // A at 0..10; B overlaps it; C clear of both.
        let shown = labelled(&marks, |m| match m.label.as_str() {
            "A" => (0, 0, 10, 10),
            "B" => (5, 5, 15, 15),
            _ => (20, 0, 30, 10),
        });
        assert_eq!(shown, [true, false, false, true, false]);
    }
}
