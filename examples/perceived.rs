//! Both lenses against ICB 13's perceived abandonments: does the letter of
//! the treaty or the client's expectation predict when a crisis actor
//! views a great power's inactivity unfavourably?
//!
//! Run with `cargo run --release --example perceived`.

use alliance_reliability::perceived::validate;
use alliance_reliability::{Config, ExpectationWeights};

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::open("data/icb-13/icb2v13.csv")?;
    let report = validate(file, "icb2v13.csv", &Config::default(), 1000, 7)?;
    println!(
        "ICB 13: perceived abandonment by great powers, predicted out of time under each lens"
    );
    print!("{report}");
    let [letter, expectation] = report.lenses;
    let target = expectation.auc.value >= 0.75 && expectation.auc.value > letter.auc.value;
    println!(
        "target (expectation AUC >= 0.75 and above letter): {}",
        if target { "met" } else { "not met" }
    );
    // Which ingredient carries the signal: each alone (not a tuning; the
    // defaults above are the reported result).
    println!("\nexpectation lens with one ingredient at a time (same pairs, 200 resamples):");
    println!(
        "{:<34} {:>6} {:>17}",
        "weights (past, need, owed)", "AUC", "95% interval"
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
        let file = std::fs::File::open("data/icb-13/icb2v13.csv")?;
        let r = validate(
            file,
            "icb2v13.csv",
            &Config::default().expectation(w),
            200,
            7,
        )?;
        let e = r.lenses[1].auc;
        println!(
            "{label:<34} {:>6.3} {:>17}",
            e.value,
            format!("[{:.3}, {:.3}]", e.lower, e.upper)
        );
    }
    Ok(())
}
