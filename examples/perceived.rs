//! Both lenses, and the expectation lens read as clients read it, against
//! ICB's perceived abandonments: does the letter of the treaty, the
//! client's expectation, or doing nothing where support was expected
//! predict when a crisis actor views a great power's inactivity
//! unfavourably? Beside them, ICB's own "power not involved" code.
//!
//! Run with `cargo run --release --example perceived`; `-- --icb FILE`
//! reads another ICB actor-level release (`icb2v14.csv`, ...) instead of
//! the bundled ICB 13.

use alliance_reliability::perceived::{Reading, SPLIT_YEAR, validate};
use alliance_reliability::{ClientReading, Config, ExpectationWeights};

/// Perceived abandonment in ICB: the lenses against ICB's `*favr` = 6.
#[derive(clap::Parser, Debug)]
#[command(version)]
struct Args {
    /// The ICB actor-level file (`icb2vNN.csv`, release 13 or later).
    #[arg(long, value_name = "FILE", default_value = "data/icb-13/icb2v13.csv")]
    icb: std::path::PathBuf,
    /// Bootstrap resamples of crises.
    #[arg(long, default_value_t = 1000)]
    resamples: usize,
    /// The bootstrap's seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = <Args as clap::Parser>::parse();
    let bytes = std::fs::read(&args.icb).map_err(|e| format!("{}: {e}", args.icb.display()))?;
    let name = args.icb.file_name().map_or_else(
        || args.icb.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let report = validate(
        &bytes[..],
        &name,
        &Config::default(),
        args.resamples,
        args.seed,
    )?;
    println!(
        "{name}: perceived abandonment by great powers, predicted out of time under each lens"
    );
    print!("{report}");
    let c = &report.comparison;
    let (client, indicator) = (Reading::Client.index(), Reading::NotInvolved.index());
    let verdict = |a: f64, b: f64| if a >= b { "met" } else { "not met" };
    println!(
        "target (client reading's AUC from {SPLIT_YEAR} at or above the indicator's): measurement {} ({:.3} vs {:.3}), prediction {} ({:.3} vs {:.3})",
        verdict(c.measurement[client].value, c.measurement[indicator].value),
        c.measurement[client].value,
        c.measurement[indicator].value,
        verdict(c.prediction[client].value, c.prediction[indicator].value),
        c.prediction[client].value,
        c.prediction[indicator].value,
    );
    if (c.partial - ClientReading::ICB_PRE_1980.partial()).abs() > 1e-12 {
        println!(
            "note: this file chooses w = {}, not the library's ClientReading::ICB_PRE_1980 (w = {})",
            c.partial,
            ClientReading::ICB_PRE_1980.partial()
        );
    }
    // Which ingredient carries the signal: each alone (not a tuning; the
    // defaults above are the reported result).
    println!("\nexpectation lens with one ingredient at a time (same pairs, 200 resamples):");
    println!(
        "{:<34} {:>6} {:>17} {:>15}",
        "weights (past, need, owed)", "AUC", "95% interval", "client >=1980"
    );
    for (label, w) in [
        ("defaults (1, 0.25, 0.5)", ExpectationWeights::default()),
        (
            "past support only (1, 0, 0)",
            ExpectationWeights::new(1.0, 0.0, 0.0)?,
        ),
        (
            "need only (0, 0.25, 0)",
            ExpectationWeights::new(0.0, 0.25, 0.0)?,
        ),
        ("none (0, 0, 0) = the letter", ExpectationWeights::zero()),
    ] {
        let r = validate(
            &bytes[..],
            &name,
            &Config::default().expectation(w),
            200,
            args.seed,
        )?;
        let e = r.lenses[1].auc;
        println!(
            "{label:<34} {:>6.3} {:>17} {:>15.3}",
            e.value,
            format!("[{:.3}, {:.3}]", e.lower, e.upper),
            r.comparison.prediction[client].value
        );
    }
    Ok(())
}
