//! The SVG plots, parsed with a real XML parser: each series is there with
//! one point per date, test, bin or client the library reports.
#![cfg(feature = "plot")]

#[path = "../examples/seed/data.rs"]
#[allow(dead_code)]
mod data;
#[allow(dead_code)]
mod support;

use alliance_reliability::backtest::{Backtest, Predictor};
use alliance_reliability::report::plot::{
    self, BAND_COLOUR, BAR_COLOUR, RISK_COLOUR, SERIES_COLOUR, hex, status_colour,
};
use alliance_reliability::*;
use chrono::NaiveDate;
use data::d;
use roxmltree::{Document, Node};

const AS_OF: (i32, u32, u32) = (2026, 1, 20);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn ledger() -> Ledger {
    Ledger::new(data::timeline().expect("seed is valid"), Config::default()).unwrap()
}

fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).expect("the plot is well-formed XML")
}

/// Elements named `tag` whose attribute `attr` is `colour` (any case).
fn coloured<'a>(
    doc: &'a Document<'a>,
    tag: &str,
    attr: &str,
    colour: (u8, u8, u8),
) -> Vec<Node<'a, 'a>> {
    let want = hex(colour);
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .filter(|n| {
            n.attribute(attr)
                .is_some_and(|c| c.eq_ignore_ascii_case(&want))
        })
        .collect()
}

fn points(n: &Node<'_, '_>) -> Vec<(f64, f64)> {
    n.attribute("points")
        .expect("points")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

fn texts(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .collect()
}

#[test]
fn the_series_has_one_point_per_date_and_one_marker_per_resolved_test() {
    let l = ledger();
    let rus = l.timeline().key_of("RUS").unwrap();
    let from = plot::default_from(&l, rus, as_of());
    for lens in [Lens::Letter, Lens::Expectation] {
        let svg = plot::reliability_svg(&l, rus, from, as_of(), lens).unwrap();
        let doc = parse(&svg);
        let dates = plot::series_dates(from, as_of());
        assert_eq!(
            dates.len(),
            plot::SERIES_POINTS,
            "the seed spans > 200 days"
        );

        let lines = coloured(&doc, "polyline", "stroke", SERIES_COLOUR);
        assert_eq!(lines.len(), 1, "one mean line");
        assert_eq!(points(&lines[0]).len(), dates.len());
        // The line rises and falls with the library's series: a lower mean
        // is drawn lower (larger y).
        let series = l.reliability_series_under(rus, &dates, lens);
        let ys: Vec<f64> = points(&lines[0]).iter().map(|p| p.1).collect();
        for i in 1..dates.len() {
            let (dm, dy) = (series[i].mean() - series[i - 1].mean(), ys[i] - ys[i - 1]);
            if dm.abs() > 0.01 {
                assert!(dm * dy < 0.0, "point {i}: mean moved {dm}, y moved {dy}");
            }
        }
        let band = coloured(&doc, "polygon", "fill", SERIES_COLOUR);
        assert_eq!(band.len(), 1, "one band");
        assert_eq!(points(&band[0]).len(), 2 * dates.len());

        // One circle per resolved test, by status; together, every test
        // the reliability counts.
        let r = l.assess_under(as_of(), lens).reliability(rus);
        let marks = plot::markers(&l, rus, from, as_of(), lens);
        assert_eq!(marks.len() as u64, r.tests());
        assert!(r.tests() >= 3, "the seed has resolved tests for Russia");
        let mut total = 0;
        for status in [Status::Honoured, Status::Abandoned, Status::Betrayed] {
            let circles = coloured(&doc, "circle", "fill", status_colour(status));
            let want = marks.iter().filter(|m| m.status == status).count();
            assert_eq!(circles.len(), want, "{status} under {lens}");
            total += circles.len();
        }
        assert_eq!(total as u64, r.tests());
        assert_eq!(
            coloured(&doc, "circle", "fill", status_colour(Status::Abandoned)).len() as u64,
            r.tests()
                - r.honoured()
                - coloured(&doc, "circle", "fill", status_colour(Status::Betrayed)).len() as u64
        );
        // Each marker is labelled by its crisis.
        let t = texts(&doc);
        for m in &marks {
            assert!(t.contains(&m.label), "label {:?} missing", m.label);
        }
    }
}

#[test]
fn the_calibration_diagram_has_one_point_and_one_bar_per_non_empty_bin() {
    let l = ledger();
    let report = Backtest::new(&l).as_of(as_of()).run();
    let svg = plot::calibration_svg(&report, Predictor::Model).unwrap();
    let doc = parse(&svg);
    let bins: Vec<_> = report
        .model()
        .calibration()
        .iter()
        .filter(|b| b.count > 0)
        .collect();
    assert!(!bins.is_empty());
    assert_eq!(
        bins.iter().map(|b| b.count).sum::<u64>(),
        report.model().n(),
        "every scored test is in a bin"
    );
    assert_eq!(
        coloured(&doc, "circle", "fill", SERIES_COLOUR).len(),
        bins.len()
    );
    let line = coloured(&doc, "polyline", "stroke", SERIES_COLOUR);
    assert_eq!(line.len(), 1);
    assert_eq!(points(&line[0]).len(), bins.len());
    let bars = coloured(&doc, "rect", "fill", BAR_COLOUR);
    assert_eq!(bars.len(), bins.len());
    // One consistency band (Bröcker & Smith 2007) per non-empty bin,
    // spanning the band's range of the mean observed value.
    let bands = coloured(&doc, "rect", "fill", BAND_COLOUR);
    assert_eq!(bands.len(), bins.len());
    assert!(bins.iter().all(|b| b.band.is_some()));
    let t = texts(&doc);
    for b in &bins {
        assert!(t.contains(&format!("n={}", b.count)), "count of bin {b:?}");
    }
    // Taller bars for larger counts.
    let height = |n: &Node<'_, '_>| n.attribute("height").unwrap().parse::<f64>().unwrap();
    for i in 0..bins.len() {
        for j in 0..bins.len() {
            if bins[i].count > bins[j].count {
                assert!(height(&bars[i]) > height(&bars[j]), "bins {i} and {j}");
            }
        }
    }
}

#[test]
fn the_risk_plot_has_one_point_and_one_interval_per_client() {
    let l = ledger();
    let a = l.assess(as_of());
    let rus = l.timeline().key_of("RUS").unwrap();
    let clients = plot::clients_of(&a, rus);
    let ids: Vec<&str> = clients
        .iter()
        .map(|k| l.timeline().actor(*k).unwrap().id().as_str())
        .collect();
    assert_eq!(ids, ["ARM", "IRN", "KZK", "SYR", "VEN"]);
    let svg = plot::abandonment_svg(&a, rus, &clients).unwrap();
    let doc = parse(&svg);
    assert_eq!(
        coloured(&doc, "circle", "fill", RISK_COLOUR).len(),
        clients.len()
    );
    let intervals = coloured(&doc, "polyline", "stroke", RISK_COLOUR);
    assert_eq!(intervals.len(), clients.len());
    for (line, &c) in intervals.iter().zip(&clients) {
        let p = points(line);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].0, p[1].0, "a vertical interval");
        let i = a.abandonment(rus, c).risk_interval(0.9).unwrap();
        if i.upper - i.lower > 0.01 {
            assert!(p[0].1 > p[1].1, "lower bound drawn below the upper");
        }
    }
    let t = texts(&doc);
    for id in ids {
        assert!(t.iter().any(|x| x == id), "x label {id}");
    }
}

#[test]
fn hostile_labels_are_text_not_markup() {
    let hostile = "<script>alert(1)</script> & \"quotes\"";
    let tl = support::rus_defends_arm("Russia <b>", hostile)
        .build()
        .unwrap();
    let l = Ledger::new(tl, Config::default()).unwrap();
    let rus = l.timeline().key_of("RUS").unwrap();
    let svg = plot::reliability_svg(&l, rus, d(2019, 1, 1), d(2021, 1, 1), Lens::Letter).unwrap();
    let doc = parse(&svg);
    assert!(
        !doc.descendants()
            .any(|n| n.has_tag_name("script") || n.has_tag_name("b"))
    );
    let t = texts(&doc);
    assert!(t.iter().any(|x| x == hostile), "{t:?}");
    assert!(t.iter().any(|x| x.contains("Russia <b>")));
}

#[test]
fn a_series_that_ends_before_it_starts_is_an_error() {
    let l = ledger();
    let rus = l.timeline().key_of("RUS").unwrap();
    let e = plot::reliability_svg(&l, rus, d(2020, 1, 2), d(2020, 1, 1), Lens::Letter).unwrap_err();
    assert!(matches!(e, Error::Render { .. }), "{e}");
    assert!(plot::series_dates(d(2020, 1, 2), d(2020, 1, 1)).is_empty());
    // One day: one point; a short span: one point a day.
    assert_eq!(plot::series_dates(d(2020, 1, 1), d(2020, 1, 1)).len(), 1);
    let short = plot::series_dates(d(2020, 1, 1), d(2020, 1, 31));
    assert_eq!(short.len(), 31);
    let long = plot::series_dates(d(1816, 1, 1), d(2026, 1, 1));
    assert_eq!(long.len(), plot::SERIES_POINTS);
    assert_eq!(
        (long[0], long[long.len() - 1]),
        (d(1816, 1, 1), d(2026, 1, 1))
    );
    assert!(long.windows(2).all(|w| w[0] < w[1]));
    let svg = plot::reliability_svg(&l, rus, d(2020, 1, 1), d(2020, 1, 1), Lens::Letter).unwrap();
    let doc = parse(&svg);
    assert_eq!(
        points(&coloured(&doc, "polyline", "stroke", SERIES_COLOUR)[0]).len(),
        1
    );
}
