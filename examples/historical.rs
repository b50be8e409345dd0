//! Historical validation on the bundled data: our figures under the
//! Sabrosky and Leeds rules, side by side with the published ones, the great
//! powers' reliability, and an out-of-time backtest.
//!
//! Run with `cargo run --example historical`. The methodology and every
//! known reason for the gaps are documented in `alliance_reliability::history`.

use std::collections::HashMap;

use alliance_reliability::backtest::Backtest;
use alliance_reliability::history::{
    AS_OF, AllianceSource, Breakdown, Figure, HistoricalData, Rule, Scope, Tally,
};
use alliance_reliability::{Config, HalfLife, Judging, Prior};
use alliance_reliability::{Ledger, Obligation};

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

fn row(label: &str, data: &str, t: &Tally, published: Option<f64>, citation: &str) {
    println!(
        "{label:<46} {data:<19} {:>6} {:>7} {:>9}  {citation}",
        t.resolved(),
        pct(t.share()),
        pct(published)
    );
}

/// Prints `text` wrapped at 78 columns, indented by two spaces.
fn wrap(text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 76 {
            println!("  {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        println!("  {line}");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = HistoricalData::bundled()?;
    println!("Historical validation, assessed as of {AS_OF}");
    println!("Data:");
    for report in data.reports(AllianceSource::Atop) {
        print!("  {report}");
    }
    print!("  {}", data.cow().report);
    println!();

    // One ledger per (data, rule). The Sabrosky figures need defence
    // pledges only, so their ledgers hold nothing else (plain shares do not
    // depend on the other commitments).
    let mut ledgers: HashMap<(AllianceSource, Rule), Ledger> = HashMap::new();
    for figure in Figure::ALL {
        let key = (figure.source(), figure.rule());
        if ledgers.contains_key(&key) {
            continue;
        }
        let ledger = match figure.rule() {
            Rule::Sabrosky => data.ledger_in(
                figure.source(),
                figure.rule(),
                &Scope::all().obligations([Obligation::Defence]),
                figure.rule().config(),
            )?,
            _ => data.ledger(figure.source(), figure.rule())?,
        };
        ledgers.insert(key, ledger);
    }
    let breakdowns: HashMap<(AllianceSource, Rule), Breakdown<'_>> = ledgers
        .iter()
        .map(|(k, l)| (*k, Breakdown::new(l, AS_OF)))
        .collect();
    let breakdown = |f: Figure| &breakdowns[&(f.source(), f.rule())];

    println!("Our figures next to the published ones (share of resolved tests honoured)");
    println!(
        "{:<46} {:<19} {:>6} {:>7} {:>9}  source",
        "figure", "data", "n", "ours", "published"
    );
    for figure in Figure::ALL {
        let t = breakdown(figure).tally(&figure.scope());
        row(
            figure.label(),
            figure.source().as_str(),
            &t,
            Some(figure.published()),
            figure.citation(),
        );
    }
    let leeds = &breakdowns[&(AllianceSource::Atop, Rule::Leeds)];
    let no_nonagg = Scope::all().obligations([
        Obligation::Defence,
        Obligation::Offence,
        Obligation::Neutrality,
    ]);
    for (label, first, last) in [
        ("Leeds rule, 1816-2003, without non-aggression", 1816, 2003),
        ("Leeds rule, before 1945, without non-aggr.", 1816, 1944),
        ("Leeds rule, 1945-2003, without non-aggr.", 1945, 2003),
    ] {
        let t = leeds.tally(&no_nonagg.years(first, last)?);
        row(label, "ATOP 5.1", &t, None, "(ours only)");
    }
    // A stricter reading of invocation: the pledge is at stake only when the
    // guarantor is itself at war in the same conflict (Scope::engaged).
    for (label, kinds) in [
        (
            "Leeds rule, non-aggression, guarantor at war",
            [Obligation::NonAggression].as_slice(),
        ),
        (
            "Leeds rule, neutrality, guarantor at war",
            &[Obligation::Neutrality],
        ),
        (
            "Leeds rule, judged, guarantor at war",
            &[
                Obligation::Defence,
                Obligation::Offence,
                Obligation::Neutrality,
                Obligation::NonAggression,
            ],
        ),
    ] {
        let t = leeds.tally(
            &Scope::all()
                .obligations(kinds.iter().copied())
                .years(1816, 2003)?
                .engaged(),
        );
        row(label, "ATOP 5.1", &t, None, "(ours only, strict)");
    }
    let c = leeds.tally(
        &Scope::all()
            .obligations([Obligation::Consultation])
            .years(1816, 2003)?,
    );
    row(
        "Leeds rule, consultation, 1816-2003",
        "ATOP 5.1",
        &c,
        None,
        "(not judged: no diplomatic events)",
    );
    let cow_all = data.ledger_in(
        AllianceSource::Cow,
        Rule::Sabrosky,
        &Scope::all(),
        Rule::Sabrosky.config(),
    )?;
    let t = Breakdown::new(&cow_all, AS_OF).tally(&Scope::all().years(1816, 1965)?);
    row(
        "Sabrosky rule, all COW pledge types, 1816-1965",
        "COW alliances v4.1",
        &t,
        None,
        "(ours only)",
    );
    println!();

    // The same figures with each treaty judged as a whole (the library's
    // default, `Judging::Treaty`): one test per (war, guarantor, target),
    // against the most demanding obligation invoked.
    println!(
        "Judged clause by clause (equal split, as above) and by treaty (Judging::Treaty, the default)"
    );
    println!(
        "{:<46} {:>6} {:>7} {:>6} {:>7} {:>9}",
        "figure", "n", "clause", "n", "treaty", "published"
    );
    let mut treaty_ledgers: HashMap<(AllianceSource, Rule), Ledger> = HashMap::new();
    for figure in Figure::ALL {
        let key = (figure.source(), figure.rule());
        if treaty_ledgers.contains_key(&key) {
            continue;
        }
        let config = figure.rule().config().judging(Judging::Treaty);
        let scope = match figure.rule() {
            Rule::Sabrosky => Scope::all().obligations([Obligation::Defence]),
            _ => Scope::all(),
        };
        treaty_ledgers.insert(
            key,
            data.ledger_in(figure.source(), figure.rule(), &scope, config)?,
        );
    }
    for figure in Figure::ALL {
        let clause = breakdown(figure).tally(&figure.scope());
        let ledger = &treaty_ledgers[&(figure.source(), figure.rule())];
        let treaty = Breakdown::new(ledger, AS_OF).tally(&figure.scope());
        println!(
            "{:<46} {:>6} {:>7} {:>6} {:>7} {:>9}",
            figure.label(),
            clause.resolved(),
            pct(clause.share()),
            treaty.resolved(),
            pct(treaty.share()),
            pct(Some(figure.published()))
        );
    }
    wrap(
        "By treaty, a war that invokes several obligations of one guarantor toward one \
         target is one test, judged against the most demanding of them; a per-obligation \
         figure then counts the tests whose most demanding obligation is of that kind.",
    );
    println!();

    println!("Why the figures differ");
    for figure in Figure::ALL {
        println!("{} ({}):", figure.label(), figure.citation());
        wrap(figure.why());
    }
    println!();

    println!(
        "Leeds rule, ATOP 5.1, 1816-2003: n, share honoured, betrayed (eras: defence, offence, neutrality, non-aggression)"
    );
    let all_years = Scope::all().years(1816, 2003)?;
    for (era, t) in leeds.by_era(&Scope::judged().years(1816, 2003)?) {
        println!(
            "  {:<16} {:>6} {:>7}  betrayed {}",
            era.as_str(),
            t.resolved(),
            pct(t.share()),
            t.betrayed()
        );
    }
    for (obligation, t) in leeds.by_obligation(&all_years) {
        println!(
            "  {:<16} {:>6} {:>7}  betrayed {}",
            obligation.as_str(),
            t.resolved(),
            pct(t.share()),
            t.betrayed()
        );
    }
    println!();

    println!(
        "Great powers under the Leeds rule (ATOP 5.1; defence, offence, neutrality, non-aggression; all wars)"
    );
    println!(
        "{:<4} {:<6} {:<26} {:>6} {:>16} {:>6} {:>7}",
        "rank", "state", "name", "mean", "90% interval", "tests", "share"
    );
    for (i, s) in leeds
        .great_powers(&Scope::judged(), 0.9)?
        .iter()
        .enumerate()
    {
        println!(
            "{:<4} {:<6} {:<26} {:>6.3} {:>16} {:>6} {:>7}",
            i + 1,
            s.state.as_str(),
            s.name,
            s.reliability.mean(),
            format!("[{:.3}, {:.3}]", s.interval.lower, s.interval.upper),
            s.reliability.tests(),
            pct(s.reliability.plain_share())
        );
    }
    println!();

    println!(
        "Out-of-time backtest: Leeds rule, ATOP 5.1 (defence, offence, neutrality, non-aggression),"
    );
    println!("predicted with the default configuration (10-year half-life, Beta(1, 1) prior)");
    let judged = data.ledger_in(
        AllianceSource::Atop,
        Rule::Leeds,
        &Scope::judged(),
        Rule::Leeds.config(),
    )?;
    let report = Backtest::new(&judged)
        .as_of(AS_OF)
        .config(Config::default())
        .run();
    print!("{report}");

    // Does another half-life or prior predict better? The same outcomes,
    // predicted under other configurations.
    println!();
    println!(
        "Backtest sensitivity (same tests; model Brier, log loss, skill against the base rate)"
    );
    println!(
        "{:<34} {:>7} {:>9} {:>7}",
        "configuration", "Brier", "log loss", "skill"
    );
    let sweep: [(&str, Config); 5] = [
        (
            "half-life 2 years",
            Config::default().half_life(HalfLife::from_years(2.0)?),
        ),
        ("half-life 10 years (default)", Config::default()),
        (
            "half-life 50 years",
            Config::default().half_life(HalfLife::from_years(50.0)?),
        ),
        ("no decay", Config::default().no_decay()),
        (
            "no decay, prior Beta(3, 1)",
            Config::default().no_decay().prior(Prior::new(3.0, 1.0)?),
        ),
    ];
    for (label, config) in sweep {
        let r = Backtest::new(&judged).as_of(AS_OF).config(config).run();
        let f = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
        println!(
            "{label:<34} {:>7} {:>9} {:>7}",
            f(r.model().brier()),
            f(r.model().log_loss()),
            f(r.skill())
        );
    }
    Ok(())
}
