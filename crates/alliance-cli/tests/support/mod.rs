//! Running the built `alliance` binary from the repository root (where the
//! bundled `data/` is), and reading what it prints.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled sample timeline, relative to the repository root.
pub const SAMPLE: &str = "data/examples/sample.timeline.json";

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `alliance ARGS` in the repository root; whatever its exit status.
pub fn alliance(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_alliance"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the alliance binary runs")
}

/// Its stdout.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Its stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs and expects success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = alliance(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs with bad input: exit code 2, nothing on stdout, and `want` in stderr.
pub fn fails(args: &[&str], want: &str) {
    let out = alliance(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    assert!(err.contains(want), "{args:?}: {want:?} not in\n{err}");
}

/// Parses CSV text into its header and records.
pub fn csv_rows(text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header = rdr
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    (
        header,
        rdr.records().map(|r| r.expect("a CSV record")).collect(),
    )
}

/// A fresh folder under the system's temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alliance-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A path as a string argument.
pub fn arg(p: &Path) -> String {
    p.display().to_string()
}
