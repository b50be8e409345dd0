//! The fair backtest of the Leeds-rule war ledger (ATOP 5.1 × COW wars),
//! as printed by `cargo run --release --example historical`, pinned.
//!
//! WHOEVER CHANGES THE LEDGER CODING OR THE MODEL MUST LOOK AT THESE AGAIN
//! and update the README's "Does the score forecast?" with them.

use std::process::Command;

fn has_line(out: &str, want: &str) {
    assert!(
        out.lines().any(|l| l.trim_end() == want),
        "missing line {want:?} in output:\n{out}"
    );
}

#[test]
fn example_prints_the_fair_backtest() {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "historical"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // All years, out of time, default configuration: the targets are
    // Brier skill >= 0.55 against the global base rate (met: +0.597) and a
    // 90% interval against kind x era above 0 (met, barely: +0.001).
    for line in [
        "model: prior by kind (kappa 4, lambda 4, c 10, eras split 1945-01-01), half-life 10 years",
        "tests scored: 5246 in 210 crises (4840 with earlier tests of their guarantor)",
        "global base rate        0.1841    0.5551",
        "kind base rate          0.0830    0.3599   Brier +0.5493 [+0.475, +0.613]  log loss +0.3516 [+0.202, +0.465]",
        "kind x era base rate    0.0758    0.3429   Brier +0.5884 [+0.504, +0.660]  log loss +0.3822 [+0.225, +0.509]",
        "model                   0.0742    0.2679   Brier +0.5971 [+0.515, +0.667]  log loss +0.5175 [+0.429, +0.594]",
        "model against the kind x era base rate: Brier skill +0.0213 [+0.001, +0.041]  log loss skill +0.2189 [+0.137, +0.298]",
        "verdict: the model beats the kind x era base rate: the guarantor's own record adds to the kind of promise",
        "Brier skill score: 0.5971",
        // Calibration target missed on all years: four bins off by > 0.05.
        "[0.1, 0.2)      839     0.1485     0.2038 *",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 4",
    ] {
        has_line(&stdout, line);
    }
    // The era split: chosen on wars before 1945, scored from 1945. The
    // training era prefers strong pooling toward the kind rates, which
    // after 1945 loses to the plain kind x era base rate.
    for line in [
        "Era split: 288 configurations tried on the 665 tests of crises before 1945-01-01 (training era; global base rate Brier 0.2311)",
        "training era for reference: kind base rate 0.2604, kind x era base rate 0.2604, old fixed Beta(1, 1) model 0.2231",
        "training era chose: prior by kind (kappa 64, lambda 1, c 50, eras split 1945-01-01), half-life 10 years",
        "tests scored: 4581 in 120 crises (4266 with earlier tests of their guarantor)",
        "model                   0.0625    0.2433   Brier +0.6473 [+0.588, +0.700]  log loss +0.5499 [+0.489, +0.603]",
        "model against the kind x era base rate: Brier skill -0.2766 [-0.401, -0.183]  log loss skill -0.2736 [-0.432, -0.145]",
        "verdict: the model is worse than the kind x era base rate",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 5",
    ] {
        has_line(&stdout, line);
    }
    // Rolling-origin tuning (re-chosen before each crisis on all earlier
    // tests) loses to kind x era too.
    for line in [
        "model                   0.0816    0.3267   Brier +0.5567 [+0.470, +0.631]  log loss +0.4115 [+0.279, +0.522]",
        "model against the kind x era base rate: Brier skill -0.0770 [-0.117, -0.043]  log loss skill +0.0474 [-0.009, +0.103]",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 7",
    ] {
        has_line(&stdout, line);
    }
    assert!(stdout.contains(
        "model: rolling-origin tuning over 289 configurations; chosen most often (2377 of 5246 tests): prior by kind (kappa 4, lambda 4, c 50, eras split 1945-01-01), half-life 5 years;"
    ));
    // The a-priori default scored from 1945 only: beats kind x era with an
    // interval above 0; one bin (n = 100) off by more than 0.05.
    for line in [
        "The default configuration (set a priori, not tuned) scored from 1945 on the same ledger",
        "model                   0.0471    0.1842   Brier +0.7342 [+0.677, +0.786]  log loss +0.6592 [+0.586, +0.720]",
        "model against the kind x era base rate: Brier skill +0.0378 [+0.006, +0.067]  log loss skill +0.0356 [-0.018, +0.092]",
        "[0.8, 0.9)      100     0.8757     0.9800 *",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 1",
    ] {
        has_line(&stdout, line);
    }
    // The old model beside the new, all years.
    has_line(
        &stdout,
        "old default: fixed Beta(1, 1), half-life 10 years           0.1875    0.5566 -0.0186  -1.4746",
    );
    has_line(
        &stdout,
        "default: prior by kind and era                              0.0742    0.2679  0.5971   0.0213",
    );
}
