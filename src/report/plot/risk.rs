//! The abandonment risk of each client of one patron, with intervals.

use plotters::prelude::*;

use super::{LEVEL, RISK_COLOUR, SIZE, render, rgb};
use crate::{ActorKey, Assessment, Error};

/// The clients of `patron`: the beneficiaries of its tests (resolved or
/// pending) as of the assessment date, sorted by actor id, each once.
pub fn clients_of(assessment: &Assessment<'_>, patron: ActorKey) -> Vec<ActorKey> {
    let tl = assessment.ledger().timeline();
    let mut keys: Vec<ActorKey> = assessment
        .outcomes()
        .iter()
        .filter(|o| o.guarantor() == patron)
        .map(|o| o.beneficiary())
        .collect();
    keys.sort_by(|a, b| {
        let id = |k: &ActorKey| tl.actor(*k).map(|x| x.id().as_str().to_string());
        id(a).cmp(&id(b))
    });
    keys.dedup();
    keys
}

/// The abandonment risk of each of `clients` by `patron` in `assessment`,
/// as an SVG document.
///
/// For client `c`, [`Assessment::abandonment`]`(patron, c)`: one
/// `<circle>` at its [`risk`](crate::Abandonment::risk) and one vertical
/// two-point `<polyline>` from the lower to the upper end of its 90%
/// [`risk_interval`](crate::Abandonment::risk_interval) ([`LEVEL`]), both
/// in [`RISK_COLOUR`](super::RISK_COLOUR), in the order given; the x axis
/// is labelled with the clients' ids and each point with its dyad's
/// resolved tests (`n=`). Use [`clients_of`] for every client.
///
/// # Errors
///
/// [`Error::UnknownActor`] when `patron` or a client is not in the
/// timeline; [`Error::Render`] when the drawing fails.
pub fn abandonment_svg(
    assessment: &Assessment<'_>,
    patron: ActorKey,
    clients: &[ActorKey],
) -> Result<String, Error> {
    const WHAT: &str = "abandonment risk";
    let tl = assessment.ledger().timeline();
    let name = |k: ActorKey| {
        tl.actor(k)
            .ok_or_else(|| Error::UnknownActor(format!("key {}", k.0)))
    };
    let p = name(patron)?;
    let mut rows = Vec::with_capacity(clients.len());
    for &c in clients {
        let id = name(c)?.id().as_str().to_string();
        let ab = assessment.abandonment(patron, c);
        let i = ab.risk_interval(LEVEL)?;
        rows.push((id, ab.risk(), i.lower, i.upper, ab.record().tests()));
    }
    let title = format!(
        "Abandonment risk of the clients of {} ({}), {} lens, {}: risk and {:.0}% interval",
        p.name(),
        p.id().as_str(),
        assessment.lens(),
        assessment.as_of(),
        100.0 * LEVEL
    );
    let colour = rgb(RISK_COLOUR);
    let n = rows.len().max(1) as i32;
    let labels: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
    let label = |v: &SegmentValue<i32>| match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .cloned()
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(render(WHAT))?;
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 17))
            .margin(15)
            .x_label_area_size(40)
            .y_label_area_size(55)
            .build_cartesian_2d((0..n).into_segmented(), 0f64..1f64)
            .map_err(render(WHAT))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(rows.len().max(1))
            .x_label_formatter(&label)
            .x_desc("client")
            .y_desc("abandonment risk")
            .draw()
            .map_err(render(WHAT))?;
        let at = |i: usize| SegmentValue::CenterOf(i as i32);
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                PathElement::new(vec![(at(i), r.2), (at(i), r.3)], colour.stroke_width(3))
            }))
            .map_err(render(WHAT))?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                EmptyElement::at((at(i), r.1))
                    + Circle::new((0, 0), 6, colour.filled())
                    + Text::new(
                        format!("{:.2} (n={})", r.1, r.4),
                        (9, -4),
                        ("sans-serif", 11),
                    )
            }))
            .map_err(render(WHAT))?;
        root.present().map_err(render(WHAT))?;
    }
    Ok(svg)
}
