//! The seed scenario: "Russia stayed silent on Venezuela (Jan 2026), let
//! Assad fall (Dec 2024) and left Armenia alone, while Iran supplied it with
//! drones. Is Iran next?"
//!
//! Run with `cargo run --example seed` (`-- --help` for the options:
//! `--as-of YYYY-MM-DD`, `--plot DIR` for the SVG plots with the `plot`
//! feature, `--html FILE` for Russia's page with the `html` feature).

mod data;
mod output;

use alliance_reliability::{
    Config, KindPrior, Ledger, Obligation, PriorModel, Reliability, Status,
};
use chrono::NaiveDate;
use clap::Parser;
use data::d;

/// The seed scenario: Russia's reliability and its partners' abandonment
/// risk, with the explanations.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Assessment date (YYYY-MM-DD).
    #[arg(long, default_value = "2026-01-20")]
    as_of: NaiveDate,
    /// Write the SVG plots (reliability series, abandonment risk,
    /// calibration) into this directory (needs the `plot` feature).
    #[arg(long, value_name = "DIR")]
    plot: Option<std::path::PathBuf>,
    /// Write Russia's self-contained HTML page to this file (needs the
    /// `html` feature).
    #[arg(long, value_name = "FILE")]
    html: Option<std::path::PathBuf>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn ci(r: &Reliability) -> String {
    match r.interval(0.9) {
        Ok(i) => format!("[{:.2}, {:.2}]", i.lower, i.upper),
        Err(e) => format!("({e})"),
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let as_of = args.as_of;
    // 23 tests from 7 crises are too few to learn the rates of each kind
    // of promise from: the prior takes history as its reference class (the
    // bundled ATOP x MIDs rates by kind and era), which the timeline's own
    // tests outweigh only beyond 10 tests of a kind (methodology, 3e).
    let ledger = Ledger::new(
        data::timeline()?,
        Config::default().prior_model(PriorModel::ByKind(KindPrior::historical())),
    )?;
    if let Some(dir) = &args.plot {
        output::plots(&ledger, as_of, dir)?;
    }
    if let Some(file) = &args.html {
        output::html(&ledger, as_of, file)?;
    }
    let a = ledger.assess(as_of);
    let tl = ledger.timeline();
    let key = |s: &str| tl.key_of(s);
    let (rus, irn) = (key("RUS")?, key("IRN")?);
    let hl = ledger
        .config()
        .get_half_life()
        .map_or(f64::INFINITY, |h| h.days() / 365.25);

    println!("Is Iran next? Russia and its partners, as of {as_of}");
    println!(
        "({} tests from {} crises; half-life {hl} years, 90% credible intervals)\n",
        ledger.test_count(),
        tl.crises().len()
    );

    let r = a.reliability(rus);
    println!("== Russia's reliability");
    println!(
        "mean {:.2}  90% CI {}  effective tests {:.1}  honoured {}/{} (plain share {:.2})  pending {}",
        r.mean(),
        ci(&r),
        r.effective_tests(),
        r.honoured(),
        r.tests(),
        r.plain_share().unwrap_or(f64::NAN),
        r.pending()
    );
    // Which prior the score started from, and the reference class behind it.
    let prior = a.prior_source(rus, None);
    println!(
        "started from prior Beta({:.3}, {:.3}), mean {:.3}: the rates of Russia's mix of tested promises, pooled toward history",
        prior.alpha,
        prior.beta,
        prior.mean()
    );
    for kind in [
        Obligation::Defence,
        Obligation::Partnership,
        Obligation::StrategicPartnership,
    ] {
        let r = a.reliability_for(rus, kind);
        let p = a.prior_source(rus, Some(kind));
        let row = p.kinds.iter().find(|k| k.kind == kind);
        println!(
            "  {:<21} mean {:.2}  90% CI {}  tests {}  (prior mean {:.3}: {kind} rate {:.3} moved by {:+.3} for its other kinds)",
            kind.as_str(),
            r.mean(),
            ci(&r),
            r.tests(),
            p.mean(),
            row.map_or(f64::NAN, |k| k.mean),
            p.shift
        );
        if let (Some(row), Some(class)) = (row, row.and_then(|k| k.reference)) {
            println!(
                "    reference class: {class}; this timeline's own {kind} tests in the era: {} (rate {:.3} = (10 x {:.3} + {:.3}) / (10 + {}))",
                row.era.n,
                row.mean,
                class.mean(),
                row.era.sum,
                row.era.n
            );
        }
    }
    println!(
        "\ntrend  {:<10} {:>5} {:>14} {:>6} {:>7}",
        "date", "mean", "90% CI", "tests", "pending"
    );
    let dates: Vec<NaiveDate> = (2015..=2026).map(|y| d(y, 1, 1)).chain([as_of]).collect();
    for (date, r) in dates.iter().zip(ledger.reliability_series(rus, &dates)) {
        println!(
            "       {:<10} {:>5.2} {:>14} {:>6} {:>7}",
            date.to_string(),
            r.mean(),
            ci(&r),
            r.tests(),
            r.pending()
        );
    }

    println!(
        "\n== Abandonment risk of Russia's partners (dyad record pooled toward Russia's record with others)"
    );
    println!(
        "{:<8} {:>5} {:>14} {:>6} {:>12} {:>8}",
        "client", "risk", "90% CI", "tests", "abandonments", "pending"
    );
    for client in ["SYR", "ARM", "KZK", "VEN", "IRN"] {
        let ab = a.abandonment(rus, key(client)?);
        let i = ab.risk_interval(0.9)?;
        println!(
            "{:<8} {:>5.2} {:>14} {:>6} {:>12} {:>8}",
            client,
            ab.risk(),
            format!("[{:.2}, {:.2}]", i.lower, i.upper),
            ab.record().tests(),
            ab.abandonments().len(),
            ab.pending().len()
        );
    }

    lenses(&ledger, as_of)?;

    println!("\n== Why: Iran's record with Russia");
    print!("{}", a.explain_abandonment(rus, irn)?);
    println!("\n== Why: Russia's record with everyone");
    print!("{}", a.explain_reliability(rus)?);

    let rec = a.reciprocity(irn, rus);
    println!(
        "\n== Reciprocity, Iran <-> Russia (decayed support, ladder value x intensity x confidence)"
    );
    println!(
        "Iran gave {:.3} in {} events; received {:.3} in {} events; balance {:+.2} (+1: Iran only gives)",
        rec.given,
        rec.given_events,
        rec.received,
        rec.received_events,
        rec.balance()
    );

    println!("\n== Bloc reputations (members toward fellow members)");
    println!(
        "{:<6} {:>5} {:>14} {:>6} {:>9} {:>8}",
        "bloc", "mean", "90% CI", "tests", "honoured", "pending"
    );
    for bloc in ["CSTO", "BRICS"] {
        let r = a.bloc(key(bloc)?)?;
        println!(
            "{:<6} {:>5.2} {:>14} {:>6} {:>9} {:>8}",
            bloc,
            r.mean(),
            ci(&r),
            r.tests(),
            r.honoured(),
            r.pending()
        );
    }

    println!("\n== Ranking of guarantors (posterior mean)");
    for (k, r) in a.ranking() {
        let id = tl.actor(k).map(|x| x.id().as_str()).unwrap_or("?");
        println!("{:<6} {:.2} {} ({} tests)", id, r.mean(), ci(&r), r.tests());
    }
    Ok(())
}

/// The letter and the expectation readings side by side, and a paragraph
/// generated from them.
fn lenses(ledger: &Ledger, as_of: NaiveDate) -> Result<(), Box<dyn std::error::Error>> {
    let tl = ledger.timeline();
    let key = |s: &str| tl.key_of(s);
    let rus = key("RUS")?;
    let both = ledger.assess_lenses(as_of);
    println!("\n== Two readings: the letter of the treaty, and what the client could expect");
    println!("{:<28} {:>8} {:>12}", "", "letter", "expectation");
    let r = both.each_ref().map(|a| a.reliability(rus));
    println!(
        "{:<28} {:>8.2} {:>12.2}",
        "Russia's reliability",
        r[0].mean(),
        r[1].mean()
    );
    println!(
        "{:<28} {:>8} {:>12}",
        "  honoured / resolved",
        format!("{}/{}", r[0].honoured(), r[0].tests()),
        format!("{}/{}", r[1].honoured(), r[1].tests())
    );
    let clients = ["SYR", "ARM", "KZK", "VEN", "IRN"];
    let mut risks = Vec::new();
    for client in clients {
        let k = key(client)?;
        let risk = both.each_ref().map(|a| a.abandonment(rus, k).risk());
        println!(
            "{:<28} {:>8.2} {:>12.2}",
            format!("abandonment risk, {client}"),
            risk[0],
            risk[1]
        );
        risks.push((client, risk));
    }
    // The pending uprising test.
    let irn = key("IRN")?;
    let pending = both.each_ref().map(|a| {
        a.outcomes()
            .iter()
            .find(|o| {
                o.guarantor() == rus && o.beneficiary() == irn && o.status() == Status::Pending
            })
            .copied()
    });
    if let [Some(l), Some(e)] = pending {
        println!(
            "{:<28} {:>8.2} {:>12.2}",
            "uprising: level owed",
            l.expected(),
            e.expected()
        );
        println!(
            "{:<28} {:>8.2} {:>12.2}",
            "uprising: fulfilment so far",
            l.fulfilment(),
            e.fulfilment()
        );
        if let Some(x) = ledger.expected_level(e.test()) {
            println!("  {x}");
        }
    }
    // The paragraph, from the numbers.
    let threshold = ledger.config().get_abandonment_threshold();
    let rank = |i: usize| {
        let mut v: Vec<(&str, f64)> = risks.iter().map(|(c, r)| (*c, r[i])).collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        v
    };
    let place = |i: usize| {
        rank(i)
            .iter()
            .position(|(c, _)| *c == "IRN")
            .map_or(0, |p| p + 1)
    };
    let iran = risks
        .iter()
        .find(|(c, _)| *c == "IRN")
        .map(|(_, r)| *r)
        .unwrap_or([0.0; 2]);
    let mut text = format!(
        "Read by the letter, Russia's reliability is {:.2} and Iran's abandonment risk {:.2} ({} of {} partners)",
        r[0].mean(),
        iran[0],
        ordinal(place(0)),
        clients.len()
    );
    match pending {
        [Some(l), Some(e)] => {
            text.push_str(&format!(
                "; the pending uprising test is {} by the letter (fulfilment {:.2} of the partnership's {:.2}), but {} by expectation (fulfilment {:.2} of an expected {:.2})",
                if l.fulfilment() >= threshold { "met so far" } else { "failing so far" },
                l.fulfilment(),
                l.expected(),
                if e.fulfilment() >= threshold { "met so far" } else { "failing so far" },
                e.fulfilment(),
                e.expected()
            ));
            if let Some(x) = ledger.expected_level(e.test()) {
                text.push_str(&format!(", an expectation set mostly by {}", x.source()));
            }
        }
        _ => text.push_str("; no uprising test is pending"),
    }
    text.push_str(&format!(
        ". Read by expectation, reliability is {:.2} and Iran's risk {:.2} ({} of {}). ",
        r[1].mean(),
        iran[1],
        ordinal(place(1)),
        clients.len()
    ));
    // A reading supports "Iran is next" when, under it, Russia is failing
    // Iran's pending test (or, with none pending, Iran's risk is the highest).
    let supports = |i: usize| match pending[i] {
        Some(o) => o.fulfilment() < threshold,
        None => place(i) == 1,
    };
    text.push_str(&match (supports(0), supports(1)) {
        (false, true) => "So the expectation reading supports \"Iran is next\" and the letter does not: Russia is keeping to the words of its treaty with Iran while giving less than Iran has reason to expect.".to_string(),
        (true, true) => "Both readings support \"Iran is next\": Russia is failing Iran's pending test by the letter and by expectation.".to_string(),
        (true, false) => "Only the letter supports \"Iran is next\".".to_string(),
        (false, false) => "Neither reading supports \"Iran is next\": Russia is meeting Iran's pending test by the letter and by expectation.".to_string(),
    });
    println!("\n{}", wrap(&text, 78));
    Ok(())
}

fn ordinal(n: usize) -> String {
    match n {
        1 => "highest".to_string(),
        2 => "2nd highest".to_string(),
        3 => "3rd highest".to_string(),
        n => format!("{n}th highest"),
    }
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        if line > 0 && line + 1 + word.len() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.len();
    }
    out
}
