//! `alliance score`, run as a process: the ranking and an actor's record,
//! CSV folders, event streams, `--help`, the output formats, the panels,
//! the configuration options, the plots and the page, and exit code 2 with
//! the precise error. (These were the `score` example's tests,
//! `tests/cli.rs` and `tests/score_example.rs`, before the example became
//! `alliance score`.)

#[allow(dead_code)]
mod support;

use std::process::Output;

use support::{SAMPLE, csv_rows, stderr, stdout, temp_dir};

/// Runs `alliance score ARGS`.
fn score(args: &[&str]) -> Output {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    support::alliance(&all)
}

/// Runs `alliance score ARGS` and expects success; returns stdout.
fn ok(args: &[&str]) -> String {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    support::ok(&all)
}

/// Runs `alliance score ARGS` with bad input: exit 2, `want` in stderr.
fn fails(args: &[&str], want: &str) {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    support::fails(&all, want)
}

#[test]
fn sample_document_ranking_and_actor() {
    let out = score(&[SAMPLE, "--actor", "RUS"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Default as-of: the latest date in the data (the last event).
    assert_eq!(
        &lines[..6],
        [
            "Reliability ranking as of 2026-01-10",
            "rank  actor          mean  90% interval     eff. tests  plain share  tests  pending",
            "   1  RUS           0.502  [0.214, 0.789]         4.48        0.600      5        0",
            "   2  ARM           0.311  [0.049, 0.668]         2.00        0.500      2        0",
            "   3  BLR           0.307  [0.055, 0.644]         2.96        0.333      3        0",
            "   4  KAZ           0.278  [0.032, 0.642]         1.00        0.000      1        0",
        ]
    );
    for expected in [
        "RUS (Russia)",
        "  reliability: mean 0.502, 90% interval [0.214, 0.789], 4.48 effective tests, plain share 0.600, 5 tests, 0 pending",
        // Judged by treaty: the CSTO's defence clause, not the bilateral
        // consultation treaty, is what Armenia's crisis tested (one test).
        "  toward ARM (Armenia): abandonment risk 0.505, 90% interval [0.157, 0.851], 1 tests, 1 abandoned or betrayed, 0 pending",
        "    2022-09-13  crisis ARM-2022-09, commitment CST-art4 (defence, requires military), window to 2022-09-14: abandoned, fulfilment 0.090, severity 0.7; response: diplomatic on 2022-09-14 (intensity 0.4, confidence 0.8): ceasefire mediation",
        "  toward SYR (Syria): abandonment risk 0.493, 90% interval [0.158, 0.832], 1 tests, 1 abandoned or betrayed, 0 pending",
        "    2024-11-27  crisis SYR-2024-11, commitment RUS-SYR-2015 (partnership, requires materiel), window to 2024-12-08: abandoned, fulfilment 0.333, severity 1; response: military on 2024-12-01 (intensity 0.2, confidence 1): limited air strikes",
    ] {
        assert!(
            lines.contains(&expected),
            "missing line {expected:?} in\n{text}"
        );
    }
    // Progress goes to stderr, not into the table.
    assert!(
        stderr(&out).contains("read 11 actors, 4 memberships, 7 commitments, 8 crises, 10 events"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_folder_with_as_of() {
    let dir = temp_dir("tables");
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).expect("write");
    write(
        "actors.csv",
        "id,name,kind\nRUS,Russia,state\nSYR,Syria,state\n",
    );
    write("memberships.csv", "bloc,member,from,until\n");
    write(
        "commitments.csv",
        "id,parties,party_a,party_b,obligation,from\nRUS-SYR,directed,RUS,SYR,defence,2015-01-01\n",
    );
    write(
        "crises.csv",
        "id,target,from,until,kind\nSYR-2024,SYR,2024-11-27,2024-12-08,internal_uprising\n",
    );
    write(
        "events.csv",
        "provider,recipient,date,kind,intensity,source\nRUS,SYR,2024-12-01,military,0.2,limited strikes\n",
    );
    let path = dir.display().to_string();

    // After the window closed, one test with f = 0.2 under the learned prior
    // (κ = 4, c = 10): m_G = (1 + 0.2)/3 = 0.4; m_k = (10·0.4 + 0.2)/11;
    // m_ke = (10·m_k + 0.2)/11 = 0.365289; prior Beta(4·m_ke, 4·(1 − m_ke));
    // mean = (1.461157 + 0.2)/(4 + 1) = 0.332.
    let out = score(&[&path, "--as-of", "2025-01-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Reliability ranking as of 2025-01-01\n\
         rank  actor          mean  90% interval     eff. tests  plain share  tests  pending\n   \
         1  RUS           0.332  [0.061, 0.686]         1.00        0.000      1        0\n"
    );

    // While the window is open the test is pending.
    let out = score(&[&path, "--as-of=2024-11-30", "--actor", "RUS"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [
            "Reliability ranking as of 2024-11-30",
            "rank  actor          mean  90% interval     eff. tests  plain share  tests  pending",
            "(no guarantor has a resolved test yet)",
            "",
            "RUS (Russia)",
            "  reliability: mean 0.500, 90% interval [0.135, 0.865], 0.00 effective tests, plain share -, 0 tests, 1 pending",
            "  reliability of RUS as of 2024-11-30 (half-life 3652 days; letter lens)",
            "  prior Beta(2.000, 2.000): κ = 4 × mean 0.500: the guarantor's mix of tested kinds, rates learned from earlier tests, from 1945-01-01; global 0.500 over 0 tests, c = 10; kinds: none tested yet",
            "    date       crisis       dyad      commitment         obligation >= required    strongest response                 status        f weight  share",
            "    alpha = 2.000 + 0.000 = 2.000; beta = 2.000 + 0.000 = 2.000; mean = 0.500",
            "    pending (window open, not yet evidence):",
            "    2024-11-27 SYR-2024     RUS>SYR   RUS-SYR            defence >= military       silence                            pending   0.000  0.000   0.0%",
            "  toward SYR (Syria): abandonment risk 0.500, 90% interval [0.135, 0.865], 1 tests, 0 abandoned or betrayed, 1 pending",
            "    2024-11-27  crisis SYR-2024, commitment RUS-SYR (defence, requires military), window to 2024-12-08: pending, fulfilment 0.000, severity 1; response: none",
        ]
    );
}

#[test]
fn broken_file_exits_2_with_the_precise_error() {
    let dir = temp_dir("broken");
    let file = dir.join("broken.timeline.json");
    std::fs::write(
        &file,
        "{\"format\": \"alliance-timeline/1\",\n\"actors\": [],\n\"crises\": [{\"kind\": \"nuclear\"}]}",
    )
    .expect("write");
    let out = score(&[&file.display().to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let expected = format!(
        "error: {}:3 field `crises[0].kind`: unknown variant `nuclear`, expected one of \
         `external_attack`, `internal_uprising`, `leader_removed`, `economic_coercion`, `other`, \
         `own_war`, at column 29: \"nuclear\"",
        file.display()
    );
    assert!(
        stderr(&out).lines().any(|l| l == expected),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_arguments_and_unsupported_inputs_exit_2() {
    let out = score(&[SAMPLE, "--actor", "XYZ"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .lines()
            .any(|l| l == "error: unknown actor `XYZ`")
    );

    let out = score(&[SAMPLE, "--as-of", "2024-13-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().any(|l| l
        == "error: invalid value '2024-13-01' for '--as-of <YYYY-MM-DD>': input is out of range"));

    // --with only makes sense after an event stream.
    let out = score(&[SAMPLE, "--with", "x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().any(|l| l
        == "error: x.json: unsupported format \"--with after a timeline\", expected \"--with only \
            after an ICEWS or GDELT event stream\""));

    let out = score(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .lines()
            .any(|l| l == "error: the following required arguments were not provided:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn event_streams_alone_and_into_a_base_timeline() {
    // An ICEWS stream alone: no commitments, so no tests, but support flows.
    let out = score(&["data/icews/events.2018.sample.tab", "--actor", "RUS"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("(no guarantor has a resolved test yet)"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l == "    ISR             0.495      5    0.594      7       0    -0.09"),
        "{text}"
    );
    // The import report goes to stderr, with every skip counted.
    assert!(
        stderr(&out).contains("3705 rows read, 536 used, 536 records, 3169 skipped"),
        "{}",
        stderr(&out)
    );
    // Into a base timeline: events on states the base lacks are counted out.
    let out = score(&["data/icews/events.2018.sample.tab", "--with", SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipped 490 stream events whose states the base timeline does not define"),
        "{err}"
    );
    assert!(err.contains("adding 46 stream events"), "{err}");
    // A GDELT 2.0 table is recognised by its header.
    let out = score(&["data/gdelt/gdelt2_synthetic.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("710 rows read, 89 used"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lens_option_reads_the_expectation_and_rejects_unknown_lenses() {
    let out = score(&[SAMPLE, "--lens", "expectation", "--actor", "RUS"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "reliability of RUS as of 2026-01-10 (half-life 3652 days; expectation lens)"
        ),
        "{text}"
    );
    // Every test shows its expected level; an empty reciprocity sum prints
    // as 0.000, not -0.000.
    assert!(text.contains("expected 0.225 = max(floor 0.000, 1·past 0.000 + 0.25·need 0.900 + 0.5·owed 0.000); set by need"), "{text}");
    assert!(!text.contains("-0.000"), "{text}");
    // Under expectation the Russian record is judged harder than by the letter.
    assert!(
        text.lines().any(|l| l == "   1  RUS           0.336  [0.094, 0.633]         4.48        0.200      5        0"),
        "{text}"
    );

    let out = score(&[SAMPLE, "--lens", "spirit"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: invalid value 'spirit' for '--lens <LENS>'"),
        "{}",
        stderr(&out)
    );
}

/// Issue 11: a timeline with actors but no dated record is not "empty
/// input"; the message says what is missing and what to do.
#[test]
fn actors_without_dates_are_not_empty_input() {
    let dir = temp_dir("undated");
    let file = dir.join("undated.timeline.json");
    std::fs::write(
        &file,
        "{\"format\": \"alliance-timeline/1\", \"actors\": [{\"id\": \"A\", \"name\": \"A\", \"kind\": \"state\"}]}",
    )
    .expect("write");
    let out = score(&[&file.display().to_string()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("empty input"), "{err}");
    assert!(
        err.contains("1 actors but no dated record") && err.contains("--as-of"),
        "{err}"
    );
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
    // The table's first row (pinned in sample_document_ranking_and_actor): RUS 0.502.
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
    let dir = temp_dir("states");
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
    let dir = temp_dir("bad-states");
    let states = dir.join("states.csv");
    std::fs::write(&states, "stateabb,ccode,year\nRUS,365,2020\nKAZ,-1,2020\n").unwrap();
    let path = states.display().to_string();
    fails(
        &[SAMPLE, "--panel", "guarantor", "--states", &path],
        &format!("{path}:3 field `ccode`"),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The actor's plots and page, parsed as XML and checked against the
/// scores `alliance score` prints.
#[test]
fn plot_and_html_write_the_actors_pictures() {
    let dir = temp_dir("plot");
    let page = dir.join("rus.html");
    let out = score(&[
        SAMPLE,
        "--actor",
        "RUS",
        "--plot",
        &dir.display().to_string(),
        "--html",
        &page.display().to_string(),
    ]);
    let err = stderr(&out);
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
    // --plot and --html need --actor (clap names the missing option).
    fails(&[SAMPLE, "--plot", "x"], "--actor");
    fails(&[SAMPLE, "--html", "x.html"], "--actor");
}
