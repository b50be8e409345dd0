//! Both lenses against ICB 13's perceived abandonments: does the letter of
//! the treaty or the client's expectation predict when a crisis actor
//! views a great power's inactivity unfavourably?
//!
//! Run with `cargo run --release --example perceived`.

use alliance_reliability::Config;
use alliance_reliability::perceived::validate;

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
    Ok(())
}
