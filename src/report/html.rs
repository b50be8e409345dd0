//! A self-contained HTML page for one actor: its scores under both lenses,
//! the plots inline, and the explanation tables.
//!
//! The page is one file with its CSS and SVG inline: no script, no font,
//! no image or style sheet fetched from anywhere, so it opens offline and
//! can be mailed or archived as is. It is built with
//! [`maud`](https://docs.rs/maud), which escapes every interpolated string:
//! crisis labels, ids, names and event source texts from data files are
//! shown as text, never read as markup (tested with a
//! `<script>alert(1)</script>` label). The inline SVG comes from
//! [`plot`], whose backend escapes its text the same way.

use std::path::Path;

use chrono::NaiveDate;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::plot;
use crate::backtest::{BacktestReport, Predictor};
use crate::{
    Abandonment, ActorKey, ActorKind, Assessment, Contribution, Error, Explanation, Ledger, Lens,
    Location, Reliability,
};

/// The two lenses, in the page's column order.
const LENSES: [Lens; 2] = [Lens::Letter, Lens::Expectation];

/// The page's style sheet (inline).
const CSS: &str = "
body { font-family: sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.8em; border-bottom: 1px solid #ccc; }
p.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #ddd; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f2f4f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.honoured { color: #1a9641; } td.abandoned { color: #b86e00; } td.betrayed { color: #c81e1e; } td.pending { color: #777; }
div.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1em; }
figure { margin: 0; } figure svg { width: 100%; height: auto; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.9em; }
.source { color: #444; font-size: 0.85em; max-width: 28em; }
";

/// The HTML page of one actor as of a date.
///
/// Sections, in order:
///
/// 1. **Scores**: as a guarantor, its reliability under [`Lens::Letter`]
///    and [`Lens::Expectation`] (posterior mean, 90% credible interval,
///    effective tests, honoured / resolved, plain share, pending); for a
///    bloc, its reputation ([`Assessment::bloc`]) the same way.
/// 2. **Plots**: [`plot::reliability_svg`] under each lens (from
///    [`from`](Self::from), default [`plot::default_from`]),
///    [`plot::abandonment_svg`] for its clients ([`plot::clients_of`],
///    letter lens), and [`plot::calibration_svg`] of the model predictor
///    when a [`backtest`](Self::backtest) report is given.
/// 3. **As a client**: the abandonment risk from each of its guarantors
///    under both lenses, with intervals.
/// 4. **Explanations**: [`Assessment::explain_reliability`] under each
///    lens as a table, one row per test with its crisis (label and id),
///    commitment (id and obligation), required level, beneficiary,
///    response (rung, date, intensity, confidence), the response's source
///    text, status, fulfilment, expected level, weight and share; pending
///    tests below.
#[derive(Clone, Copy, Debug)]
pub struct ActorPage<'a> {
    ledger: &'a Ledger,
    actor: ActorKey,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
    backtest: Option<&'a BacktestReport>,
}

/// The page of `actor` in `ledger` as of `as_of` with the default options:
/// `ActorPage::new(ledger, actor, as_of).render()`.
///
/// # Errors
///
/// As [`ActorPage::render`].
pub fn actor_page(ledger: &Ledger, actor: ActorKey, as_of: NaiveDate) -> Result<String, Error> {
    ActorPage::new(ledger, actor, as_of).render()
}

impl<'a> ActorPage<'a> {
    /// The page of `actor` in `ledger` as of `as_of`.
    pub fn new(ledger: &'a Ledger, actor: ActorKey, as_of: NaiveDate) -> ActorPage<'a> {
        ActorPage {
            ledger,
            actor,
            as_of,
            from: None,
            backtest: None,
        }
    }

    /// Start of the reliability plots (default: [`plot::default_from`]).
    pub fn from(mut self, from: NaiveDate) -> ActorPage<'a> {
        self.from = Some(from);
        self
    }

    /// Adds the calibration diagram of this backtest's model predictor.
    pub fn backtest(mut self, report: &'a BacktestReport) -> ActorPage<'a> {
        self.backtest = Some(report);
        self
    }

    /// The page as an HTML document.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownActor`] when the actor is not in the ledger's
    /// timeline; [`Error::Render`] when a plot cannot be drawn (for
    /// example `from` after `as_of`).
    pub fn render(&self) -> Result<String, Error> {
        let ledger = self.ledger;
        let tl = ledger.timeline();
        let actor = tl
            .actor(self.actor)
            .ok_or_else(|| Error::UnknownActor(format!("key {}", self.actor.index())))?;
        let assessments = LENSES.map(|lens| ledger.assess_under(self.as_of, lens));
        let reliability = assessments.each_ref().map(|a| a.reliability(self.actor));
        let bloc = if actor.kind() == ActorKind::Bloc {
            Some([
                assessments[0].bloc(self.actor)?,
                assessments[1].bloc(self.actor)?,
            ])
        } else {
            None
        };
        let from = self
            .from
            .unwrap_or_else(|| plot::default_from(ledger, self.actor, self.as_of));
        let mut figures: Vec<(String, String)> = Vec::new();
        for lens in LENSES {
            figures.push((
                plot::reliability_svg(ledger, self.actor, from, self.as_of, lens)?,
                format!(
                    "Reliability over time, {lens} lens: posterior mean, 90% credible band, and each resolved test at its crisis start and fulfilment (green honoured, orange abandoned, red betrayed)."
                ),
            ));
        }
        let clients = plot::clients_of(&assessments[0], self.actor);
        if !clients.is_empty() {
            figures.push((
                plot::abandonment_svg(&assessments[0], self.actor, &clients)?,
                "Abandonment risk of each client (letter lens) with its 90% credible interval; n is the dyad's resolved tests.".to_string(),
            ));
        }
        if let Some(report) = self.backtest {
            figures.push((
                plot::calibration_svg(report, Predictor::Model)?,
                format!(
                    "Calibration of the backtest's model predictor over {} tests: {}.",
                    report.n(),
                    report.verdict()
                ),
            ));
        }
        let guarantors = guarantors_of(&assessments[0], self.actor);
        let mut as_client = Vec::with_capacity(guarantors.len());
        for g in guarantors {
            let id = tl
                .actor(g)
                .map_or_else(String::new, |a| a.id().as_str().to_string());
            let ab = assessments.each_ref().map(|a| a.abandonment(g, self.actor));
            as_client.push((id, ab));
        }
        let mut explanations = Vec::with_capacity(2);
        for a in &assessments {
            explanations.push(a.explain_reliability(self.actor)?);
        }

        let title = format!("{} ({})", actor.name(), actor.id().as_str());
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { "Reliability report: " (title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    h1 { (title) }
                    p.meta {
                        "Assessed as of " (self.as_of) "; " (ledger.test_count()) " tests in the ledger; "
                        "90% credible intervals. Generated by alliance-reliability "
                        (env!("CARGO_PKG_VERSION")) "."
                    }
                    h2 { "Scores" }
                    (scores_table("Reliability as a guarantor", &reliability)?)
                    @if let Some(b) = &bloc {
                        (scores_table("Bloc reputation (members toward fellow members)", b)?)
                    }
                    h2 { "Plots" }
                    div.plots {
                        @for (svg, caption) in &figures {
                            figure {
                                (PreEscaped(svg))
                                figcaption { (caption) }
                            }
                        }
                    }
                    h2 { "As a client: abandonment risk from each guarantor" }
                    @if as_client.is_empty() {
                        p { "No commitment to this actor has been tested." }
                    } @else {
                        (client_table(&as_client)?)
                    }
                    h2 { "Why: each test behind the reliability" }
                    @for e in &explanations {
                        (explanation_table(e))
                    }
                }
            }
        };
        Ok(page.into_string())
    }

    /// Renders the page and writes it to `path`.
    ///
    /// # Errors
    ///
    /// As [`render`](Self::render), and [`Error::Io`] naming the file when
    /// it cannot be written.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let page = self.render()?;
        let path = path.as_ref();
        std::fs::write(path, page).map_err(|e| Error::Io {
            location: Location::file(path.display().to_string()),
            kind: e.kind(),
            message: e.to_string(),
        })
    }
}

/// The guarantors of `client`'s tests as of the assessment date, sorted by
/// actor id, each once.
fn guarantors_of(a: &Assessment<'_>, client: ActorKey) -> Vec<ActorKey> {
    let tl = a.ledger().timeline();
    let mut keys: Vec<ActorKey> = a
        .outcomes()
        .iter()
        .filter(|o| o.beneficiary() == client)
        .map(|o| o.guarantor())
        .collect();
    keys.sort_by_key(|k| tl.actor(*k).map(|x| x.id().as_str().to_string()));
    keys.dedup();
    keys
}

fn interval(r: &Reliability) -> Result<String, Error> {
    let i = r.interval(plot::LEVEL)?;
    Ok(format!("[{:.3}, {:.3}]", i.lower, i.upper))
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn scores_table(caption: &str, r: &[Reliability; 2]) -> Result<Markup, Error> {
    let ci = [interval(&r[0])?, interval(&r[1])?];
    Ok(html! {
        table {
            caption { (caption) }
            tr { th { "" } @for lens in LENSES { th { (lens) " lens" } } }
            tr { th { "posterior mean" } @for x in r { td.num { (format!("{:.3}", x.mean())) } } }
            tr { th { "90% credible interval" } @for c in &ci { td.num { (c) } } }
            tr { th { "effective tests" } @for x in r { td.num { (format!("{:.2}", x.effective_tests())) } } }
            tr { th { "honoured / resolved" } @for x in r { td.num { (x.honoured()) " / " (x.tests()) } } }
            tr { th { "plain share honoured" } @for x in r { td.num { (share(x.plain_share())) } } }
            tr { th { "pending" } @for x in r { td.num { (x.pending()) } } }
        }
    })
}

fn client_table(rows: &[(String, [Abandonment; 2])]) -> Result<Markup, Error> {
    let mut cells = Vec::with_capacity(rows.len());
    for (id, ab) in rows {
        let mut per_lens = Vec::with_capacity(2);
        for a in ab {
            let i = a.risk_interval(plot::LEVEL)?;
            per_lens.push((
                format!("{:.3}", a.risk()),
                format!("[{:.3}, {:.3}]", i.lower, i.upper),
            ));
        }
        cells.push((
            id,
            per_lens,
            ab[0].record().tests(),
            ab[0].abandonments().len(),
        ));
    }
    Ok(html! {
        table {
            tr {
                th { "guarantor" }
                @for lens in LENSES { th { "risk, " (lens) } th { "90% interval, " (lens) } }
                th { "dyad tests" } th { "abandonments (letter)" }
            }
            @for (id, per_lens, tests, abandonments) in &cells {
                tr {
                    td { (id) }
                    @for (risk, ci) in per_lens { td.num { (risk) } td.num { (ci) } }
                    td.num { (tests) } td.num { (abandonments) }
                }
            }
        }
    })
}

fn explanation_table(e: &Explanation) -> Markup {
    html! {
        h3 { (e.subject) ", " (e.lens) " lens" }
        p.meta {
            "Prior Beta(" (format!("{:.3}", e.prior_alpha)) ", " (format!("{:.3}", e.prior_beta)) "): "
            (e.prior_note) ". Posterior Beta(" (format!("{:.3}", e.alpha())) ", "
            (format!("{:.3}", e.beta())) "), mean " (format!("{:.3}", e.mean())) "."
        }
        @if e.contributions.is_empty() && e.pending.is_empty() {
            p { "No tests." }
        } @else {
            table.explanation {
                tr {
                    th { "date" } th { "crisis" } th { "commitment" } th { "required" }
                    th { "beneficiary" } th { "response" } th { "source" } th { "status" }
                    th { "fulfilment" } th { "expected" } th { "weight" } th { "share" }
                }
                @for c in e.contributions.iter().chain(&e.pending) {
                    (contribution_row(c))
                }
            }
        }
    }
}

fn contribution_row(c: &Contribution) -> Markup {
    html! {
        tr {
            td { (c.date) }
            td {
                @if let Some(label) = &c.crisis_label { (label) br; }
                code { (c.crisis.as_str()) }
            }
            td { code { (c.commitment.as_str()) } br; (c.obligation.as_str()) }
            td { (c.required.as_str()) }
            td { (c.beneficiary.as_str()) }
            td {
                @match &c.response {
                    Some(r) => {
                        (r.kind.as_str()) " on " (r.date) br;
                        "intensity " (format!("{:.2}", r.intensity)) ", confidence " (format!("{:.2}", r.confidence))
                    }
                    None => { "silence" }
                }
            }
            td.source {
                @if let Some(s) = c.response.as_ref().and_then(|r| r.source.as_ref()) { (s) }
            }
            td class=(c.status.as_str()) { (c.status) }
            td.num { (format!("{:.3}", c.fulfilment)) }
            td.num { (format!("{:.3}", c.expected)) }
            td.num { (format!("{:.3}", c.weight)) }
            td.num { (format!("{:.3}", c.share)) }
        }
    }
}
