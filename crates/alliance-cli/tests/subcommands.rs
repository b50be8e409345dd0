//! The subcommands besides `score`, run as a process on the bundled sample
//! timeline and research files, and on malformed files (exit code 2 and
//! the file, line and field in the message).

#[allow(dead_code)]
mod support;

use support::{SAMPLE, alliance, arg, csv_rows, fails, ok, stderr, stdout, temp_dir};

#[test]
fn help_explains_every_subcommand_with_examples() {
    let help = ok(&["--help"]);
    for sub in [
        "score",
        "panel",
        "explain",
        "convert",
        "import",
        "history",
        "backtest",
        "report",
        "completions",
        "man",
    ] {
        assert!(help.contains(sub), "{sub} not in --help:\n{help}");
        let sub_help = ok(&[sub, "--help"]);
        assert!(
            sub_help.contains("Examples:\n  alliance "),
            "no example in `{sub} --help`:\n{sub_help}"
        );
    }
    assert!(help.contains("Exit codes: 0 on success, 2 for bad arguments or bad input"));
    let version = ok(&["--version"]);
    assert_eq!(
        version.trim(),
        format!("alliance {}", env!("CARGO_PKG_VERSION"))
    );
    // No subcommand: usage and exit code 2.
    let out = alliance(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage: alliance <COMMAND>"));
}

#[test]
fn explain_takes_a_score_apart() {
    let text = ok(&["explain", "RUS", SAMPLE]);
    let first = text.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        "reliability of RUS as of 2026-01-10 (half-life 3652 days; letter lens)"
    );
    assert!(
        text.contains("alpha = 1.766 + 1.842 = 3.608; beta = 2.234 + 1.350 = 3.584; mean = 0.502"),
        "{text}"
    );
    // One crisis's tests.
    let text = ok(&["explain", "RUS", SAMPLE, "--crisis", "ARM-2022-09"]);
    assert!(
        text.lines().any(|l| l
            == "2022-09-13 RUS>ARM commitment CST-art4 (defence >= military): abandoned, fulfilment 0.090 of expected 1.000, weight 0.556, share 100.0%; response: diplomatic on 2022-09-14 (intensity 0.4, confidence 0.8): ceasefire mediation"),
        "{text}"
    );
    // The abandonment risk toward one client: 1 - 0.495 = 0.505, as `score` prints.
    let text = ok(&["explain", "RUS", SAMPLE, "--client", "ARM"]);
    assert!(
        text.starts_with("RUS's record toward ARM as of 2026-01-10"),
        "{text}"
    );
    assert!(text.contains("mean = 0.495"), "{text}");
    // A bloc: its reliability and its bloc reputation.
    let text = ok(&["explain", "CSTO", SAMPLE]);
    assert!(text.contains("reliability of CSTO"), "{text}");
    fails(&["explain", "XYZ", SAMPLE], "error: unknown actor `XYZ`");
    fails(
        &["explain", "RUS", SAMPLE, "--crisis", "NOPE"],
        "error: unknown crisis `NOPE`",
    );
    fails(
        &["explain", "RUS", SAMPLE, "--crisis", "X", "--client", "ARM"],
        "cannot be used with",
    );
}

#[test]
fn convert_round_trips_between_json_and_csv_tables() {
    let dir = temp_dir("convert");
    let tables = dir.join("tables");
    let back = dir.join("back.json");
    ok(&["convert", SAMPLE, &arg(&tables)]);
    for f in [
        "actors.csv",
        "memberships.csv",
        "commitments.csv",
        "crises.csv",
        "events.csv",
    ] {
        assert!(tables.join(f).is_file(), "{f}");
    }
    ok(&["convert", &arg(&tables), &arg(&back)]);
    // The document read back from the tables is the one written directly.
    let direct = ok(&["convert", SAMPLE, "-"]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), direct);
    // And it scores the same.
    assert_eq!(
        ok(&["score", &arg(&back), "--format", "csv"]),
        ok(&["score", SAMPLE, "--format", "csv"])
    );
    // --to overrides the name.
    let forced = dir.join("forced.txt");
    ok(&["convert", SAMPLE, &arg(&forced), "--to", "json"]);
    assert!(
        std::fs::read_to_string(&forced)
            .unwrap()
            .contains("alliance-timeline/1")
    );
    fails(
        &["convert", SAMPLE, "-", "--to", "csv"],
        "CSV tables on stdout",
    );
    // A bad cell in a CSV table: file, line and field.
    let crises = tables.join("crises.csv");
    let text = std::fs::read_to_string(&crises).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Month 13 in the `from` column of the third line.
    lines[2] = lines[2].replacen(",2022-09-13,", ",2022-13-13,", 1);
    std::fs::write(&crises, lines.join("\n") + "\n").unwrap();
    let out = alliance(&["convert", &arg(&tables), "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains(&format!("{}:3 field `from`", crises.display())),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn import_reads_every_bundled_research_file() {
    let dir = temp_dir("import");
    for (source, file, report) in [
        ("atop", "data/atop-5.1/atop5_1m.csv", "rows read"),
        (
            "cow-alliance",
            "data/cow-alliance-4.1/cow_alliance_dyad_year.csv",
            "rows read",
        ),
        (
            "cow-war",
            "data/cow-war-4.0/Inter-StateWarData_v4.0.csv",
            "337 rows read, 337 used",
        ),
        ("mid", "data/peacesciencer/gml_part.csv", "5217 rows read"),
        ("ucdp", "data/peacesciencer/ucdp_acd.csv", "rows read"),
        ("icb", "data/icb-13/icb2v13.csv", "rows read"),
        (
            "icews",
            "data/icews/events.2018.sample.tab",
            "3705 rows read, 536 used",
        ),
        (
            "gdelt",
            "data/gdelt/gdelt2_synthetic.csv",
            "710 rows read, 89 used",
        ),
        (
            "gdelt",
            "data/gdelt/gdelt1_sample_events_20160728.tsv",
            "710 rows read, 89 used",
        ),
    ] {
        let out_file = dir.join(format!("{source}.json"));
        let out = alliance(&["import", source, file, &arg(&out_file)]);
        let err = stderr(&out);
        assert!(out.status.success(), "{source}: {err}");
        assert!(err.contains(report), "{source}: {report:?} not in\n{err}");
        assert!(err.contains("timeline: "), "{source}: {err}");
        // The timeline written reads back and scores.
        ok(&[
            "score",
            &arg(&out_file),
            "--as-of",
            "2024-01-01",
            "--format",
            "csv",
        ]);
    }
    // The war timeline holds one crisis per participation spell.
    let wars = std::fs::read_to_string(dir.join("cow-war.json")).unwrap();
    assert!(
        wars.contains("COW:war:1:220"),
        "the Franco-Spanish War, France"
    );
    // Into CSV tables, and onto stdout.
    ok(&[
        "import",
        "cow-war",
        "data/cow-war-4.0/Inter-StateWarData_v4.0.csv",
        &arg(&dir.join("wars")),
    ]);
    assert!(dir.join("wars").join("crises.csv").is_file());
    let json = ok(&["import", "icews", "data/icews/events.2018.sample.tab"]);
    assert!(json.contains("alliance-timeline/1"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn import_of_a_malformed_file_names_file_line_and_field() {
    let dir = temp_dir("import-bad");
    let bad = dir.join("alliances.csv");
    std::fs::write(
        &bad,
        "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n\
         2,20,1949,1,0,0,0\n2,20,19x9,1,0,0,0\n",
    )
    .unwrap();
    fails(
        &["import", "cow-alliance", &arg(&bad)],
        &format!(
            "error: {}:3 field `year`: not an integer: \"19x9\"",
            bad.display()
        ),
    );
    let missing = dir.join("short.csv");
    std::fs::write(&missing, "ccode1,ccode2,year\n2,20,1949\n").unwrap();
    fails(
        &["import", "cow-alliance", &arg(&missing)],
        &format!(
            "error: {}:1: missing required column `cow_defense`",
            missing.display()
        ),
    );
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    for source in ["atop", "cow-war", "mid", "ucdp", "icb"] {
        let out = alliance(&["import", source, &arg(&empty)]);
        assert_eq!(out.status.code(), Some(2), "{source}");
        assert!(
            stderr(&out).contains(&arg(&empty)),
            "{source}: {}",
            stderr(&out)
        );
    }
    // Not a file at all; an unknown dataset.
    fails(&["import", "atop", "no/such/atop.csv"], "no/such/atop.csv");
    fails(&["import", "acled", "x.csv"], "invalid value 'acled'");
    // Binary noise: an error, not a panic.
    let noise = dir.join("noise.csv");
    std::fs::write(&noise, [0xff, 0xfe, 0x00, 0x01, b'\n', 0x80, b',', 0x81]).unwrap();
    for source in ["atop", "cow-alliance", "cow-war", "mid", "ucdp", "icb"] {
        let out = alliance(&["import", source, &arg(&noise)]);
        assert_eq!(out.status.code(), Some(2), "{source}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{source}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn panel_of_a_timeline() {
    let (header, rows) = csv_rows(&ok(&["panel", "guarantor", SAMPLE]));
    assert_eq!(header[..4], ["ccode", "stateabb", "year", "as_of"]);
    assert!(rows.iter().any(|r| &r[0] == "365" && &r[1] == "RUS"));
    // The same rows as `score --panel`.
    assert_eq!(
        ok(&["panel", "dyad", SAMPLE, "--as-of", "2025-06-30"]),
        ok(&["score", SAMPLE, "--panel", "dyad", "--as-of", "2025-06-30"])
    );
    let lines = ok(&["panel", "bloc", SAMPLE, "--format", "json"]);
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["bloc"], "CSTO");
    }
    fails(&["panel", "state", SAMPLE], "invalid value 'state'");
    fails(
        &["panel", "dyad", SAMPLE, "--source", "cow"],
        "cannot be used with",
    );
}

#[test]
fn report_writes_the_page_and_the_plots() {
    let dir = temp_dir("report");
    let page = dir.join("rus.html");
    let plots = dir.join("plots");
    let out = alliance(&[
        "report",
        "RUS",
        SAMPLE,
        "--html",
        &arg(&page),
        "--plot",
        &arg(&plots),
        "--lens",
        "expectation",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let svg = std::fs::read_to_string(plots.join("reliability-rus-expectation.svg"))
        .expect("series under the expectation lens");
    roxmltree::Document::parse(&svg).expect("well-formed SVG");
    assert!(plots.join("abandonment-rus.svg").is_file());
    fails(&["report", "RUS", SAMPLE], "--html <FILE>|--plot <DIR>");
    fails(
        &["report", "XYZ", SAMPLE, "--html", &arg(&page)],
        "unknown actor `XYZ`",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn backtest_of_a_timeline() {
    let text = ok(&["backtest", SAMPLE, "--replicates", "0"]);
    assert!(text.starts_with("Out-of-time backtest"), "{text}");
    assert!(text.contains("tests scored: 11 in 6 crises"), "{text}");
    let honoured = ok(&[
        "backtest",
        SAMPLE,
        "--replicates",
        "0",
        "--target",
        "honoured",
    ]);
    assert!(honoured.contains("target: honoured"), "{honoured}");
    fails(
        &["backtest", SAMPLE, "--conflicts", "mids"],
        "cannot be used with",
    );
}

#[test]
fn completions_and_man_pages_generate() {
    for (shell, want) in [
        ("bash", "_alliance()"),
        ("zsh", "#compdef alliance"),
        ("fish", "complete -c alliance"),
        ("elvish", "alliance"),
        ("powershell", "alliance"),
    ] {
        let script = ok(&["completions", shell]);
        assert!(script.contains(want), "{shell}: {want:?} not in the script");
        assert!(
            script.contains("backtest"),
            "{shell}: subcommands completed"
        );
    }
    let page = ok(&["man"]);
    assert!(page.contains(".TH alliance 1"), "{page}");
    assert!(page.contains("alliance\\-score"), "{page}");
    let dir = temp_dir("man");
    ok(&["man", "--dir", &arg(&dir)]);
    for f in ["alliance.1", "alliance-score.1", "alliance-import.1"] {
        let text = std::fs::read_to_string(dir.join(f)).expect(f);
        assert!(text.contains(".TH"), "{f}");
    }
    std::fs::remove_dir_all(&dir).ok();
    fails(&["completions", "nosh"], "invalid value 'nosh'");
}

/// The studies on the bundled data: the published figures side by side,
/// and the breakdown of the treaty-rule war ledger (README: 49.6% of 405).
#[test]
fn history_and_backtest_on_the_bundled_data() {
    let text = ok(&["history"]);
    assert!(
        text.lines().any(|l| l.starts_with("Leeds rule, 1816-2003")
            && l.contains("405")
            && l.contains("49.6%")
            && l.contains("50.0%")),
        "{text}"
    );
    assert!(
        text.contains("Great powers (90% credible intervals"),
        "{text}"
    );
    let text = ok(&[
        "history",
        "--no-figures",
        "--conflicts",
        "ucdp",
        "--rule",
        "leeds",
    ]);
    assert!(!text.contains("Our figures"), "{text}");
    assert!(text.contains("ATOP 5.1 x UCDP/PRIO, Leeds"), "{text}");
    let text = ok(&["backtest", "--replicates", "50"]);
    assert!(text.contains("tests scored: 3005 in 187 crises"), "{text}");
    fails(&["history", "--rule", "strict"], "invalid value 'strict'");
}

/// The bundled historical ledger's panel, keyed by the bundled state system.
#[test]
fn panel_of_the_bundled_ledger() {
    let (header, rows) = csv_rows(&ok(&["panel", "guarantor", "--source", "cow"]));
    assert_eq!(header[..3], ["ccode", "stateabb", "year"]);
    // The United States (COW 2) has guarantor-years.
    assert!(rows.iter().any(|r| &r[0] == "2" && &r[1] == "USA"));
}
