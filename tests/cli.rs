//! The `score` example's command line, run as a process: `--help`, the
//! output formats, the panels, the configuration options and exit code 2
//! with the precise error.
//!
//! Examples have no `CARGO_BIN_EXE_*`, so the example is built once with
//! `cargo build --example score --message-format=json` and its executable
//! is read from cargo's own `compiler-artifact` message (no guessed
//! `target/` path: it works on a fresh clone, with `CARGO_TARGET_DIR` or
//! a build profile of any name); every test then runs the binary directly.
#![cfg(all(feature = "serde", feature = "bundled-data"))]

#[allow(dead_code)]
mod support;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

const SAMPLE: &str = "data/examples/sample.timeline.json";

/// The `score` example's executable, built once for all tests.
fn binary() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| build(&[]))
}

/// Builds the score example with `features` (besides the defaults) and
/// returns its executable.
fn build(features: &[&str]) -> PathBuf {
    {
        let mut args = vec![
            "build",
            "--quiet",
            "--example",
            "score",
            "--message-format=json",
        ];
        let joined = features.join(",");
        if !features.is_empty() {
            args.extend(["--features", joined.as_str()]);
        }
        let out = support::cargo(&args);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == "score")
            .find_map(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo reports the score example's executable")
    }
}

fn score(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the score example runs")
}

fn ok(args: &[&str]) -> String {
    let out = score(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs with bad input: exit code 2, nothing on stdout, and `want` in stderr.
fn fails(args: &[&str], want: &str) {
    let out = score(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    assert!(err.contains(want), "{args:?}: {want:?} not in\n{err}");
}

fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr.headers().unwrap().iter().map(str::to_string).collect();
    (header, rdr.records().map(Result::unwrap).collect())
}

#[test]
fn help_documents_every_option() {
    let help = ok(&["--help"]);
    for option in [
        "<INPUT>",
        "--with <BASE>",
        "--as-of <YYYY-MM-DD>",
        "--actor <ID>",
        "--lens <LENS>",
        "--format <FORMAT>",
        "--panel <KIND>",
        "--states <FILE>",
        "--half-life <YEARS|none>",
        "--window <DAYS>",
        "--prior <learned|fixed|ALPHA,BETA>",
        "--plot <DIR>",
        "--html <FILE>",
        "Exit codes: 0 on success, 2 for bad arguments or bad input",
    ] {
        assert!(help.contains(option), "{option} not in --help:\n{help}");
    }
    for value in [
        "table",
        "csv",
        "json",
        "guarantor",
        "dyad",
        "bloc",
        "letter",
        "expectation",
    ] {
        assert!(help.contains(&format!("- {value}")), "{value}");
    }
}

#[test]
fn csv_and_json_carry_the_same_numbers_as_the_table() {
    // The table's first row (pinned in tests/score_example.rs): RUS 0.502.
    let (header, rows) = csv_rows(&ok(&[SAMPLE, "--format", "csv"]));
    assert_eq!(
        header,
        [
            "rank",
            "actor",
            "name",
            "mean",
            "lower",
            "upper",
            "effective_tests",
            "plain_share",
            "tests",
            "pending"
        ]
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][1], "RUS");
    let mean: f64 = rows[0][3].parse().unwrap();
    assert!((mean - 0.502).abs() < 5e-4, "{mean}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&[SAMPLE, "--format", "json", "--actor", "RUS"])).unwrap();
    assert_eq!(json["as_of"], "2026-01-10");
    assert_eq!(json["ranking"].as_array().unwrap().len(), 4);
    assert_eq!(json["ranking"][0]["mean"].as_f64().unwrap(), mean);
    let clients = json["actor"]["clients"].as_array().unwrap();
    let arm = clients.iter().find(|c| c["client"] == "ARM").unwrap();
    assert!((arm["risk"].as_f64().unwrap() - 0.505).abs() < 5e-4);
    assert_eq!(arm["tests"][0]["crisis"], "ARM-2022-09");
    assert_eq!(arm["tests"][0]["status"], "abandoned");
    // --actor in CSV: one row per client, risk as in the table.
    let (header, rows) = csv_rows(&ok(&[SAMPLE, "--format", "csv", "--actor", "RUS"]));
    assert_eq!(header[..4], ["guarantor", "client", "name", "risk"]);
    assert_eq!(rows.len(), clients.len());
}

#[test]
fn panels_are_written_as_csv_or_json_lines() {
    let (header, rows) = csv_rows(&ok(&[SAMPLE, "--panel", "guarantor"]));
    assert_eq!(header[..4], ["ccode", "stateabb", "year", "as_of"]);
    assert!(!rows.is_empty());
    // Russia is COW 365; the sample's KAZ is not a COW abbreviation (COW:
    // KZK), so its code is empty, and the row is there.
    assert!(rows.iter().any(|r| &r[0] == "365" && &r[1] == "RUS"));
    assert!(rows.iter().any(|r| r[0].is_empty() && &r[1] == "KAZ"));
    let out = score(&[SAMPLE, "--panel", "guarantor"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("actors without a COW code (empty ccode)")
    );
    // As of a chosen day: every row on 30 June, through 2025.
    let (_, rows) = csv_rows(&ok(&[SAMPLE, "--panel", "dyad", "--as-of", "2025-06-30"]));
    assert!(rows.iter().all(|r| r[5].ends_with("-06-30")));
    assert_eq!(
        rows.iter().map(|r| r[4].parse::<i32>().unwrap()).max(),
        Some(2025)
    );
    let lines = ok(&[SAMPLE, "--panel", "bloc", "--format", "json"]);
    assert!(!lines.is_empty());
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["bloc"], "CSTO");
    }
    // A state system of your own.
    let dir = std::env::temp_dir().join(format!("alliance-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let states = dir.join("states.csv");
    std::fs::write(&states, "stateabb,ccode,year\nKAZ,705,2020\n").unwrap();
    let (_, rows) = csv_rows(&ok(&[
        SAMPLE,
        "--panel",
        "guarantor",
        "--states",
        &states.display().to_string(),
    ]));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(rows.iter().any(|r| &r[0] == "705" && &r[1] == "KAZ"));
    assert!(rows.iter().any(|r| r[0].is_empty() && &r[1] == "RUS"));
}

#[test]
fn configuration_options_change_the_scores() {
    let mean = |args: &[&str]| -> f64 {
        let mut all = vec![SAMPLE, "--format", "csv"];
        all.extend_from_slice(args);
        let (_, rows) = csv_rows(&ok(&all));
        let rus = rows.iter().find(|r| &r[1] == "RUS").unwrap();
        rus[3].parse().unwrap()
    };
    let default = mean(&[]);
    assert_eq!(
        mean(&["--half-life", "10"]),
        default,
        "10 years is the default"
    );
    assert_eq!(mean(&["--prior", "learned"]), default);
    assert_eq!(mean(&["--window", "30"]), default, "30 days is the default");
    assert_ne!(mean(&["--half-life", "none"]), default);
    assert_ne!(mean(&["--half-life", "1"]), default);
    let fixed = mean(&["--prior", "fixed"]);
    assert_ne!(fixed, default);
    assert_eq!(mean(&["--prior", "1,1"]), fixed, "fixed is Beta(1, 1)");
    assert_ne!(mean(&["--prior", "5,1"]), fixed);
}

#[test]
fn bad_arguments_exit_2_with_the_precise_error() {
    fails(
        &[SAMPLE, "--format", "xml"],
        "invalid value 'xml' for '--format <FORMAT>'",
    );
    fails(
        &[SAMPLE, "--panel", "state"],
        "invalid value 'state' for '--panel <KIND>'",
    );
    fails(
        &[SAMPLE, "--half-life", "-3"],
        "half-life must be in (0, +inf] years, got -3",
    );
    fails(
        &[SAMPLE, "--half-life", "ten"],
        "invalid value 'ten' for '--half-life <YEARS|none>'",
    );
    fails(
        &[SAMPLE, "--prior", "0,1"],
        "prior alpha must be in (0, 1e12], got 0",
    );
    fails(
        &[SAMPLE, "--prior", "flat"],
        "`learned`, `fixed` or ALPHA,BETA",
    );
    fails(&[SAMPLE, "--window", "-1"], "'--window <DAYS>'");
    fails(&[SAMPLE, "--window", "0"], "window");
    fails(
        &[SAMPLE, "--panel", "dyad", "--actor", "RUS"],
        "cannot be used with",
    );
    fails(&[SAMPLE, "--states", "x.csv"], "--panel <KIND>");
    fails(
        &[SAMPLE, "--panel", "dyad", "--format", "table"],
        "unsupported format \"table with --panel\"",
    );
    fails(
        &[SAMPLE, "--panel", "dyad", "--states", "no/such/states.csv"],
        "no/such/states.csv",
    );
    fails(&["no/such/file.json"], "no/such/file.json");
}

#[test]
fn bad_input_in_a_state_system_names_file_line_and_field() {
    let dir = std::env::temp_dir().join(format!("alliance-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let states = dir.join("states.csv");
    std::fs::write(&states, "stateabb,ccode,year\nRUS,365,2020\nKAZ,-1,2020\n").unwrap();
    let path = states.display().to_string();
    fails(
        &[SAMPLE, "--panel", "guarantor", "--states", &path],
        &format!("{path}:3 field `ccode`"),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--plot` and `--html` without the features that draw them: exit 2 and
/// say which feature to turn on, before writing anything.
#[test]
fn plot_and_html_name_their_feature() {
    let dir = std::env::temp_dir().join(format!("score-cli-nofeature-{}", std::process::id()));
    let sample = "data/examples/sample.timeline.json";
    let dir_s = dir.display().to_string();
    let out = score(&[sample, "--actor", "RUS", "--plot", &dir_s]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("needs the `plot` feature"), "{err}");
    let out = score(&[sample, "--actor", "RUS", "--html", &format!("{dir_s}.html")]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("needs the `html` feature"), "{err}");
    // --plot needs --actor (clap names the missing option).
    fails(&[sample, "--plot", &dir_s], "--actor");
}

/// With the features: the actor's plots and page, parsed as XML and
/// checked against the scores the example prints.
#[cfg(all(feature = "plot", feature = "html"))]
#[test]
fn plot_and_html_write_the_actors_pictures() {
    let bin = build(&["plot", "html"]);
    let dir = std::env::temp_dir().join(format!("score-cli-plot-{}", std::process::id()));
    let page = dir.join("rus.html");
    let out = Command::new(&bin)
        .args([
            "data/examples/sample.timeline.json",
            "--actor",
            "RUS",
            "--plot",
            &dir.display().to_string(),
            "--html",
            &page.display().to_string(),
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the score example runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let svg = std::fs::read_to_string(dir.join("reliability-rus-letter.svg")).expect("series plot");
    let doc = roxmltree::Document::parse(&svg).expect("the series is well-formed XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    assert!(
        doc.descendants().any(|n| n.tag_name().name() == "polyline"),
        "the series has a line"
    );
    let risk = std::fs::read_to_string(dir.join("abandonment-rus.svg")).expect("risk plot");
    roxmltree::Document::parse(&risk).expect("the risk plot is well-formed XML");
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..40.min(html.len())]
    );
    assert!(html.contains("RUS"));
    std::fs::remove_dir_all(&dir).ok();
}
