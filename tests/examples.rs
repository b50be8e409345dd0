//! Runs the examples as a user would and checks what they print, so the
//! examples (and the README's sample output) cannot rot.

#[allow(dead_code)]
mod support;

fn run_example(name: &str, args: &[&str]) -> (i32, String, String) {
    let out = support::example(name, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn has_line(out: &str, want: &str) {
    assert!(
        out.lines().any(|l| l.trim_end() == want),
        "missing line {want:?} in output:\n{out}"
    );
}

#[test]
fn seed_prints_the_scenario() {
    let (code, out, err) = run_example("seed", &[]);
    assert_eq!(code, 0, "stderr: {err}");
    has_line(
        &out,
        "Is Iran next? Russia and its partners, as of 2026-01-20",
    );
    has_line(
        &out,
        "mean 0.32  90% CI [0.10, 0.59]  effective tests 5.6  honoured 2/6 (plain share 0.33)  pending 1",
    );
    // Trend: before any test, the prior (history's rates of Russia's
    // kinds of promise: defence 0.017 in the MIDs after 1945); one row per
    // year.
    has_line(
        &out,
        "       2015-01-01  0.13   [0.00, 0.45]      0       0",
    );
    has_line(
        &out,
        "       2016-01-01  0.35   [0.07, 0.71]      1       0",
    );
    // Iran's row: one resolved test from June 2025 (the treaties judged
    // together), abandoned; the uprising pending.
    has_line(
        &out,
        "IRN       0.55   [0.20, 0.87]      1            1        1",
    );
    has_line(
        &out,
        "VEN       0.60   [0.25, 0.90]      1            1        0",
    );
    // Both readings side by side, and the generated paragraph.
    has_line(&out, "abandonment risk, IRN            0.55         0.60");
    has_line(&out, "uprising: fulfilment so far      1.00         0.30");
    assert!(
        out.contains(
            "So the expectation reading supports \"Iran is next\"\nand the letter does not"
        ),
        "{out}"
    );
    has_line(
        &out,
        "Iran gave 1.475 in 4 events; received 0.693 in 6 events; balance +0.36 (+1: Iran only gives)",
    );
    has_line(
        &out,
        "CSTO    0.54   [0.26, 0.80]     10         5        0",
    );
    has_line(
        &out,
        "BRICS   0.58   [0.32, 0.82]      8         5        0",
    );
    // Which prior Russia's score started from, and the reference class
    // behind each kind's rate (issue 19, item 3).
    has_line(
        &out,
        "started from prior Beta(0.996, 3.004), mean 0.249: the rates of Russia's mix of tested promises, pooled toward history",
    );
    has_line(
        &out,
        "    reference class: ATOP 5.1 x GML MIDs (treaty rule), from 1945, defence: 13520 tests, rate 0.017; this timeline's own defence tests in the era: 10 (rate 0.290 = (10 x 0.017 + 5.625) / (10 + 10))",
    );
    has_line(
        &out,
        "    reference class: ATOP 5.1 x GML MIDs (treaty rule), from 1945, strategic_partnership mapped to the pooled judged kinds: 16907 tests, rate 0.129; this timeline's own strategic_partnership tests in the era: 2 (rate 0.141 = (10 x 0.129 + 0.400) / (10 + 2))",
    );
    // The explanation's arithmetic line for Russia.
    has_line(
        &out,
        "  alpha = 0.996 + 1.738 = 2.735; beta = 3.004 + 2.820 = 5.823; mean = 0.320",
    );
}

#[test]
fn seed_as_of_a_later_date_resolves_the_uprising() {
    let (code, out, _) = run_example("seed", &["--as-of", "2026-11-26"]);
    assert_eq!(code, 0);
    has_line(
        &out,
        "Is Iran next? Russia and its partners, as of 2026-11-26",
    );
    assert!(out.contains("honoured 3/7"), "{out}");
}

#[test]
fn seed_rejects_a_bad_date() {
    let (code, _, err) = run_example("seed", &["--as-of", "2026-13-01"]);
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn quickstart_prints_reliability_and_explanation() {
    let (code, out, err) = run_example("quickstart", &[]);
    assert_eq!(code, 0, "stderr: {err}");
    has_line(&out, "A's reliability: 0.489 (90% CI 0.156-0.828)");
    has_line(&out, "B's risk of abandonment by A: 0.504");
    has_line(
        &out,
        "  alpha = 1.964 + 0.453 = 2.417; beta = 2.036 + 0.491 = 2.527; mean = 0.489",
    );
}

#[test]
fn readme_sample_output_is_what_seed_prints() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("Part of what the first command prints:\n\n```text\n")
        .expect("sample block");
    let block = &readme[start..];
    let block = &block[block.find("```text\n").unwrap() + 8..];
    let block = &block[..block.find("```").unwrap()];
    let (code, out, _) = run_example("seed", &[]);
    assert_eq!(code, 0);
    for line in block.lines().filter(|l| l.trim() != "..." && !l.is_empty()) {
        has_line(&out, line.trim_end());
    }
}
