//! Replays every input that ever failed a fuzz target (issue 11): each
//! file under `fuzz/regressions/<target>/` goes through the same entry
//! point as `cargo +nightly fuzz run <target>` (see `fuzz/README.md`), on
//! stable Rust, so CI keeps them fixed without nightly.
#![cfg(all(feature = "serde", feature = "bundled-data"))]

mod fuzz_entry;

use std::path::Path;

#[test]
fn every_fuzz_regression_replays() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for &(name, run) in fuzz_entry::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files {
            if file.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            let data = std::fs::read(&file).expect("readable regression input");
            eprintln!("replaying {}", file.display());
            run(&data);
            replayed += 1;
        }
    }
    eprintln!("{replayed} regression inputs replayed");
}

/// Each target on the empty input and on a few bytes (the targets must
/// return normally on anything; this keeps the entry points compiled and
/// exercised even while `fuzz/regressions/` is small).
#[test]
fn every_target_returns_on_trivial_inputs() {
    for &(name, run) in fuzz_entry::TARGETS {
        for data in [
            &b""[..],
            b"\n",
            b"\"",
            b"a,b\n1,2\n",
            &[0xFF; 64][..],
            &[0u8; 512][..],
        ] {
            eprintln!("{name} on {} bytes", data.len());
            run(data);
        }
    }
}

/// Writes the `tables` target's seed (the bundled sample timeline as the
/// five CSV tables joined by `0xFF`) to `fuzz/seeds/tables/sample`:
/// `cargo test --test fuzz_regressions -- --ignored write_tables_seed`.
#[test]
#[ignore = "writes the fuzz seed file; run by hand"]
fn write_tables_seed() {
    use alliance_reliability::format::{Tables, read_json_file, write_tables_to};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tl = read_json_file(root.join("data/examples/sample.timeline.json")).unwrap();
    let mut t = Tables::<Vec<u8>>::default();
    write_tables_to(&tl, &mut t).unwrap();
    let mut out = Vec::new();
    for part in [
        &t.actors,
        &t.memberships,
        &t.commitments,
        &t.crises,
        &t.events,
    ] {
        if !out.is_empty() {
            out.push(0xFF);
        }
        out.extend_from_slice(part);
    }
    let dir = root.join("fuzz/seeds/tables");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("sample"), out).unwrap();
}
