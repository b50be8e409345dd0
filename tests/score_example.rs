//! Runs `examples/score.rs` as a user would, through `cargo run`.
#![cfg(feature = "serde")]

use std::path::PathBuf;
use std::process::{Command, Output};

fn score(args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "score", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "alliance-score-example-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn sample_document_ranking_and_actor() {
    let out = score(&["data/examples/sample.timeline.json", "--actor", "RUS"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Default as-of: the latest date in the data (the last event).
    assert_eq!(
        &lines[..6],
        [
            "Reliability ranking as of 2026-01-10",
            "rank  actor          mean  90% interval     eff. tests  plain share  tests  pending",
            "   1  RUS           0.529  [0.207, 0.839]         5.44        0.500      6        0",
            "   2  ARM           0.427  [0.055, 0.862]         2.00        0.500      2        0",
            "   3  KAZ           0.391  [0.032, 0.854]         1.00        0.000      1        0",
            "   4  BLR           0.388  [0.055, 0.802]         2.96        0.333      3        0",
        ]
    );
    for expected in [
        "RUS (Russia)",
        "  reliability: mean 0.529, 90% interval [0.207, 0.839], 5.44 effective tests, plain share 0.500, 6 tests, 0 pending",
        "  toward ARM (Armenia): abandonment risk 0.520, 90% interval [0.184, 0.847], 2 tests, 2 abandoned or betrayed, 0 pending",
        "    2022-09-13  crisis ARM-2022-09, commitment RUS-ARM-1997 (consultation, requires diplomatic), window to 2022-09-14: abandoned, fulfilment 0.360, severity 0.7; response: diplomatic on 2022-09-14 (intensity 0.4, confidence 0.8): ceasefire mediation",
        "  toward SYR (Syria): abandonment risk 0.504, 90% interval [0.166, 0.840], 1 tests, 1 abandoned or betrayed, 0 pending",
        "    2024-11-27  crisis SYR-2024-11, commitment RUS-SYR-2015 (partnership, requires materiel), window to 2024-12-08: abandoned, fulfilment 0.333, severity 1; response: military on 2024-12-01 (intensity 0.2, confidence 1): limited air strikes",
    ] {
        assert!(
            lines.contains(&expected),
            "missing line {expected:?} in\n{text}"
        );
    }
    // Progress goes to stderr, not into the table.
    assert!(
        stderr(&out).contains("read 11 actors, 4 memberships, 6 commitments, 7 crises, 10 events"),
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

    // After the window closed: Beta(1 + 0.2, 1 + 0.8), mean 0.4.
    let out = score(&[&path, "--as-of", "2025-01-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Reliability ranking as of 2025-01-01\n\
         rank  actor          mean  90% interval     eff. tests  plain share  tests  pending\n   \
         1  RUS           0.400  [0.048, 0.835]         1.00        0.000      1        0\n"
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
            "  reliability: mean 0.500, 90% interval [0.050, 0.950], 0.00 effective tests, plain share -, 0 tests, 1 pending",
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
         at column 29: \"nuclear\"",
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
    let out = score(&["data/examples/sample.timeline.json", "--actor", "XYZ"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .lines()
            .any(|l| l == "error: unknown actor `XYZ`")
    );

    let out = score(&[
        "data/examples/sample.timeline.json",
        "--as-of",
        "2024-13-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).lines().any(|l| l
            == "error: --as-of: not a YYYY-MM-DD date (input is out of range): \"2024-13-01\"")
    );

    let out = score(&["data/icews/events.2018.sample.tab"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().any(|l| l
        == "error: data/icews/events.2018.sample.tab: unsupported format \"an ICEWS event file \
            (event streams are not supported yet)\", expected \"an alliance-timeline/1 JSON \
            document or a folder of CSV tables\""));

    let out = score(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).lines().any(|l| l == "error: no input given"));
}
