//! A backtest's calibration (reliability) diagram with its bin counts.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{BAND_COLOUR, BAR_COLOUR, SERIES_COLOUR, SIZE, render, rgb};
use crate::Error;
use crate::backtest::{BacktestReport, Predictor};

/// The calibration diagram of `predictor` in a backtest `report`, as an
/// SVG document.
///
/// Top panel: for each non-empty bin of
/// [`Scores::calibration`](crate::backtest::Scores::calibration) (ten bins
/// of predicted `p`; see the [`backtest`](crate::backtest) protocol, step
/// 7), one `<circle>` at (mean predicted, mean observed) in
/// [`SERIES_COLOUR`](super::SERIES_COLOUR), joined by one `<polyline>` in
/// that colour, and the bin's count written beside it as `n=COUNT`; the
/// grey diagonal is perfect calibration. Behind each bin that has one,
/// its consistency band ([`Bin::band`](crate::backtest::Bin::band),
/// Bröcker & Smith 2007: where a perfectly calibrated forecaster's mean
/// observed value falls, given the bin's forecasts) is one `<rect>`
/// filled with [`BAND_COLOUR`](super::BAND_COLOUR), 0.024 wide and
/// centred on the bin's mean predicted value, from the band's lower to
/// its upper end: a point outside its rectangle is a bin inconsistent with
/// calibration. A bin with at least 100 tests also gets its 90% crisis-bootstrap interval
/// ([`Bin::gap_interval`](crate::backtest::Bin::gap_interval)) as one
/// vertical `<polyline>` through its point: the mean observed value the
/// bin's gap allows, `mean predicted − gap`. Bottom panel: one bar
/// ([`BAR_COLOUR`](super::BAR_COLOUR)) per non-empty bin, spanning the bin
/// and as high as its count.
///
/// # Errors
///
/// [`Error::Render`] when the drawing fails.
pub fn calibration_svg(report: &BacktestReport, predictor: Predictor) -> Result<String, Error> {
    const WHAT: &str = "calibration diagram";
    let scores = report.scores(predictor);
    let bins: Vec<_> = scores
        .calibration()
        .iter()
        .filter(|b| b.count > 0)
        .filter_map(|b| Some((b, b.mean_predicted?, b.mean_observed?)))
        .collect();
    let max_count = bins.iter().map(|b| b.0.count).max().unwrap_or(1).max(1) as f64;
    let title = format!(
        "Calibration of the {} predictor: {} tests, {} crises, as of {}",
        predictor.as_str(),
        scores.n(),
        report.crises(),
        report.as_of()
    );
    let colour = rgb(SERIES_COLOUR);
    let bar = rgb(BAR_COLOUR);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(render(WHAT))?;
        let root = root
            .titled(&title, ("sans-serif", 18))
            .map_err(render(WHAT))?;
        let (top, bottom) = root.split_vertically(SIZE.1 * 62 / 100);
        let mut chart = ChartBuilder::on(&top)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(55)
            .build_cartesian_2d(0f64..1f64, 0f64..1f64)
            .map_err(render(WHAT))?;
        chart
            .configure_mesh()
            .x_desc("mean predicted")
            .y_desc("mean observed")
            .draw()
            .map_err(render(WHAT))?;
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (1.0, 1.0)],
                BLACK.mix(0.3),
            )))
            .map_err(render(WHAT))?;
        // The consistency band of each bin, behind everything else.
        chart
            .draw_series(bins.iter().filter_map(|b| {
                let (lo, hi) = b.0.band?;
                Some(Rectangle::new(
                    [(b.1 - 0.012, lo), (b.1 + 0.012, hi)],
                    rgb(BAND_COLOUR).mix(0.35).filled(),
                ))
            }))
            .map_err(render(WHAT))?;
        // The interval of each checked bin: observed = predicted - gap.
        chart
            .draw_series(bins.iter().filter_map(|b| {
                let (lo, hi) = b.0.gap_interval?;
                Some(PathElement::new(
                    vec![
                        (b.1, (b.1 - hi).clamp(0.0, 1.0)),
                        (b.1, (b.1 - lo).clamp(0.0, 1.0)),
                    ],
                    colour.stroke_width(1),
                ))
            }))
            .map_err(render(WHAT))?;
        chart
            .draw_series(LineSeries::new(
                bins.iter().map(|b| (b.1, b.2)),
                colour.stroke_width(2),
            ))
            .map_err(render(WHAT))?;
        chart
            .draw_series(bins.iter().map(|b| {
                // Counts right of their points, left of those near the right edge.
                let (dx, h) = if b.1 > 0.8 {
                    (-8, HPos::Right)
                } else {
                    (7, HPos::Left)
                };
                let font =
                    TextStyle::from(("sans-serif", 11).into_font()).pos(Pos::new(h, VPos::Top));
                EmptyElement::at((b.1, b.2))
                    + Circle::new((0, 0), 5, colour.filled())
                    + Text::new(format!("n={}", b.0.count), (dx, 4), font)
            }))
            .map_err(render(WHAT))?;

        let mut counts = ChartBuilder::on(&bottom)
            .margin(10)
            .x_label_area_size(35)
            .y_label_area_size(55)
            .build_cartesian_2d(0f64..1f64, 0f64..max_count * 1.1)
            .map_err(render(WHAT))?;
        counts
            .configure_mesh()
            .x_desc("predicted p (bins of 0.1)")
            .y_desc("tests")
            .y_labels(4)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(render(WHAT))?;
        counts
            .draw_series(bins.iter().map(|b| {
                Rectangle::new(
                    [
                        (b.0.lower + 0.005, 0.0),
                        (b.0.upper - 0.005, b.0.count as f64),
                    ],
                    bar.filled(),
                )
            }))
            .map_err(render(WHAT))?;
        root.present().map_err(render(WHAT))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::Backtest;
    use crate::report::plot::hex;
    use crate::{Config, Ledger};

    /// Polylines stroked in the series colour, as (x, y) point lists.
    fn series_polylines(svg: &str) -> Vec<Vec<(f64, f64)>> {
        let stroke = format!("stroke=\"{}\"", hex(SERIES_COLOUR));
        svg.split("<polyline")
            .skip(1)
            .filter(|e| e[..e.find("/>").unwrap_or(e.len())].contains(&stroke))
            .map(|e| {
                let start = e.find("points=\"").unwrap() + 8;
                let end = start + e[start..].find('"').unwrap();
                e[start..end]
                    .split_whitespace()
                    .map(|p| {
                        let (x, y) = p.split_once(',').unwrap();
                        (x.parse().unwrap(), y.parse().unwrap())
                    })
                    .collect()
            })
            .collect()
    }

    /// A checked bin with an interval gets one vertical line at its
    /// predicted mean, longer for a wider interval; unchecked bins none.
    #[test]
    fn checked_bins_get_their_interval() {
        let timeline = crate::format::read_json(
            include_str!("../../../data/examples/sample.timeline.json").as_bytes(),
            "sample.timeline.json",
        )
        .unwrap();
        let ledger = Ledger::new(timeline, Config::default()).unwrap();
        let mut report = Backtest::new(&ledger).run();
        let base = series_polylines(&calibration_svg(&report, Predictor::Model).unwrap());
        assert_eq!(base.len(), 1, "only the line through the points");
        let bins = &mut report.scores[Predictor::Model.index()].calibration;
        let filled: Vec<usize> = (0..bins.len()).filter(|&i| bins[i].count > 0).collect();
        assert!(filled.len() >= 2, "{bins:?}");
        bins[filled[0]].gap_interval = Some((-0.05, 0.05));
        bins[filled[1]].gap_interval = Some((-0.2, 0.2));
        let lines = series_polylines(&calibration_svg(&report, Predictor::Model).unwrap());
        assert_eq!(lines.len(), 3);
        // Drawn in bin order, before the line through the points.
        let length = |l: &Vec<(f64, f64)>| {
            assert_eq!(l.len(), 2);
            assert_eq!(l[0].0, l[1].0, "vertical");
            (l[0].1 - l[1].1).abs()
        };
        assert!(length(&lines[1]) > 2.0 * length(&lines[0]));
        assert_eq!(lines[2].len(), filled.len());
    }

    /// Rectangles filled with `colour`, as (x, y, width, height).
    fn rects(svg: &str, colour: (u8, u8, u8)) -> Vec<(f64, f64, f64, f64)> {
        let fill = format!("fill=\"{}\"", hex(colour));
        svg.split("<rect")
            .skip(1)
            .map(|e| &e[..e.find("/>").unwrap_or(e.len())])
            .filter(|e| e.contains(&fill))
            .map(|e| {
                let attr = |name: &str| -> f64 {
                    let key = format!(" {name}=\"");
                    let start = e.find(&key).unwrap() + key.len();
                    let end = start + e[start..].find('"').unwrap();
                    e[start..end].parse().unwrap()
                };
                (attr("x"), attr("y"), attr("width"), attr("height"))
            })
            .collect()
    }

    /// Every non-empty bin of a backtest with draws gets its band, one
    /// rectangle each, taller for a bin with fewer tests.
    #[test]
    fn every_bin_gets_its_band() {
        let timeline = crate::format::read_json(
            include_str!("../../../data/examples/sample.timeline.json").as_bytes(),
            "sample.timeline.json",
        )
        .unwrap();
        let ledger = Ledger::new(timeline, Config::default()).unwrap();
        let report = Backtest::new(&ledger).run();
        let svg = calibration_svg(&report, Predictor::Model).unwrap();
        let bands = rects(&svg, BAND_COLOUR);
        let with_band: Vec<_> = report
            .model()
            .calibration()
            .iter()
            .filter(|b| b.band.is_some())
            .collect();
        assert!(!with_band.is_empty());
        assert_eq!(bands.len(), with_band.len(), "{svg}");
        // Without draws, no band and no rectangle.
        let quiet = Backtest::new(&ledger)
            .bootstrap(crate::backtest::Bootstrap {
                replicates: 0,
                ..Default::default()
            })
            .run();
        let svg = calibration_svg(&quiet, Predictor::Model).unwrap();
        assert!(rects(&svg, BAND_COLOUR).is_empty());
    }
}
