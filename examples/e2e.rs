//! The whole path a user runs, for timing and peak memory: read a timeline
//! from files, build the ledger, assess, print every guarantor's reliability.
//!
//! ```text
//! # write a synthetic world (see benches/support/world.rs)
//! cargo run --release --example e2e -- write-tables <dir> <events>
//! cargo run --release --example e2e -- write-json <file.json> <events>
//! cargo run --release --example e2e -- write-many-crises <dir>
//! cargo run --release --example e2e -- write-world <dir> <actors> <commitments> <crises> <events>
//! # read it, build, assess, print (phase times on stderr)
//! /usr/bin/time -v target/release/examples/e2e run <dir | file.json>
//! ```
//!
//! With the `arrow` feature, `run <dir>` reads Parquet tables if `dir`
//! holds `events.parquet` (Arrow IPC if it holds `events.arrow`); convert
//! CSV tables with the `to_parquet` example.
//!
//! `write-tables` and `write-json` write the world of issue 7 (200 actors,
//! 5 000 commitments, 10 000 crises) with `<events>` support events;
//! `write-many-crises` the world with 50 000 crises and 50 000 commitments;
//! `write-world` any size (issue 17's worlds: `200 5000 10000 1000000`,
//! `200 5000 10000 10000000`, and the test-heavy `200 50000 50000 100000`).
//! `run` prints one line per guarantor (id, tests, posterior mean) as of
//! 2022-01-01, sorted by id, and on stderr the seconds spent reading,
//! building the ledger and assessing.

#[path = "../benches/support/world.rs"]
mod world;

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use alliance_reliability::format::{read_json_file, read_tables};
use alliance_reliability::{Config, Ledger};
use chrono::NaiveDate;

const USAGE: &str = "usage: e2e write-tables <dir> <events> | write-json <file> <events> | write-many-crises <dir> | write-world <dir> <actors> <commitments> <crises> <events> | run <dir | file.json>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let events = |s: &str| {
        s.parse::<usize>()
            .map_err(|e| format!("<events>: {e}: {s:?}"))
    };
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["write-tables", dir, n] => events(n).map(|n| {
            let bytes = world::write_tables_dir(world::Spec::users(n), Path::new(dir));
            println!("{bytes} bytes in {dir}");
        }),
        ["write-json", file, n] => events(n).map(|n| {
            let bytes = world::write_json(world::Spec::users(n), Path::new(file));
            println!("{bytes} bytes in {file}");
        }),
        ["write-many-crises", dir] => {
            let bytes = world::write_tables_dir(world::Spec::many_crises(), Path::new(dir));
            println!("{bytes} bytes in {dir}");
            Ok(())
        }
        ["write-world", dir, actors, commitments, crises, n] => (|| {
            let spec = world::Spec {
                actors: events(actors)?,
                commitments: events(commitments)?,
                crises: events(crises)?,
                events: events(n)?,
                seed: 0x5EED_2026,
            };
            let bytes = world::write_tables_dir(spec, Path::new(dir));
            println!("{bytes} bytes in {dir}");
            Ok(())
        })(),
        ["run", path] => run(Path::new(path)).map_err(|e| e.to_string()),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// The tables in `dir`: Parquet if it holds `events.parquet` (`arrow`
/// feature), Arrow IPC if it holds `events.arrow`, CSV otherwise.
fn read_dir(dir: &Path) -> Result<alliance_reliability::Timeline, alliance_reliability::Error> {
    #[cfg(feature = "arrow")]
    {
        use alliance_reliability::format::{read_tables_ipc, read_tables_parquet};
        if dir.join("events.parquet").is_file() {
            return read_tables_parquet(dir);
        }
        if dir.join("events.arrow").is_file() {
            return read_tables_ipc(dir);
        }
    }
    read_tables(dir)
}

fn run(path: &Path) -> Result<(), alliance_reliability::Error> {
    let t0 = Instant::now();
    let timeline = if path.is_dir() {
        read_dir(path)?
    } else {
        read_json_file(path)?
    };
    let t1 = Instant::now();
    let ledger = Ledger::new(timeline, Config::default())?;
    let t2 = Instant::now();
    let as_of = NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date");
    let assessment = ledger.assess(as_of);
    let t3 = Instant::now();
    let tl = ledger.timeline();
    let mut rows: Vec<(&str, u64, f64)> = assessment
        .scoreboard()
        .guarantors()
        .filter_map(|k| {
            let r = assessment.reliability(k);
            tl.actor(k).map(|a| (a.id().as_str(), r.tests(), r.mean()))
        })
        .collect();
    rows.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = String::new();
    for (id, tests, mean) in &rows {
        out.push_str(&format!("{id}\t{tests}\t{mean:.12}\n"));
    }
    print!("{out}");
    eprintln!(
        "events {} tests {} guarantors {}: read {:.3} s, ledger {:.3} s, assess {:.3} s",
        tl.event_count(),
        ledger.test_count(),
        rows.len(),
        (t1 - t0).as_secs_f64(),
        (t2 - t1).as_secs_f64(),
        (t3 - t2).as_secs_f64()
    );
    Ok(())
}
