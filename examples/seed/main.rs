//! The seed scenario: "Russia stayed silent on Venezuela (Jan 2026), let
//! Assad fall (Dec 2024) and left Armenia alone, while Iran supplied it with
//! drones. Is Iran next?"
//!
//! Run with `cargo run --example seed` (optionally `-- --as-of YYYY-MM-DD`).

mod data;

use alliance_reliability::{Config, Ledger, Obligation, Reliability};
use chrono::NaiveDate;
use data::d;

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
    let mut as_of = d(2026, 1, 20);
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, date] = args.as_slice()
        && flag == "--as-of"
    {
        as_of = date.parse::<NaiveDate>()?;
    }
    let ledger = Ledger::new(data::timeline()?, Config::default());
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
    // Which prior the score started from (the learned prior by kind).
    let prior = a.prior_source(rus, None);
    println!(
        "started from prior Beta({:.3}, {:.3}), mean {:.3}: the rate of Russia's mix of tested promises",
        prior.alpha,
        prior.beta,
        prior.mean()
    );
    for kind in [Obligation::Defence, Obligation::Partnership] {
        let r = a.reliability_for(rus, kind);
        let p = a.prior_source(rus, Some(kind));
        println!(
            "  {:<12} mean {:.2}  90% CI {}  tests {}  (prior mean {:.3}: {kind} rate {:.3} moved by {:+.3} for its other kinds)",
            kind.as_str(),
            r.mean(),
            ci(&r),
            r.tests(),
            p.mean(),
            p.kinds
                .iter()
                .find(|k| k.kind == kind)
                .map_or(f64::NAN, |k| k.mean),
            p.shift
        );
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
