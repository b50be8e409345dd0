//! Converts a folder of CSV tables (`actors.csv`, ..., `events.csv`) into
//! Parquet files (`actors.parquet`, ..., `events.parquet`), the fastest
//! way into the library (`arrow` feature).
//!
//! ```text
//! cargo run --release --example to_parquet --features arrow -- CSV_DIR PARQUET_DIR
//! # Arrow IPC files (actors.arrow, ...) instead:
//! cargo run --release --example to_parquet --features arrow -- CSV_DIR ARROW_DIR --ipc
//! ```
//!
//! The tables are read and checked as `format::read_tables` reads them
//! (every error names file, line, column and value), then written with
//! `format::write_tables_parquet`: dictionary-encoded ids, `Date32` dates,
//! Snappy compression. `format::read_tables_parquet` reads the result back
//! to the same timeline.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use alliance_reliability::format::{read_tables, write_tables_ipc, write_tables_parquet};

const USAGE: &str = "usage: to_parquet CSV_DIR OUT_DIR [--ipc]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (from, to, ipc) = match &args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [from, to] => (*from, *to, false),
        [from, to, "--ipc"] => (*from, *to, true),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    let timeline = match read_tables(Path::new(from)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let t1 = Instant::now();
    let written = if ipc {
        write_tables_ipc(&timeline, Path::new(to))
    } else {
        write_tables_parquet(&timeline, Path::new(to))
    };
    if let Err(e) = written {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let ext = if ipc { "arrow" } else { "parquet" };
    let bytes: u64 = ["actors", "memberships", "commitments", "crises", "events"]
        .iter()
        .filter_map(|t| std::fs::metadata(Path::new(to).join(format!("{t}.{ext}"))).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{} actors, {} memberships, {} commitments, {} crises, {} events: {bytes} bytes in {to}",
        timeline.actors().len(),
        timeline.memberships().len(),
        timeline.commitments().len(),
        timeline.crises().len(),
        timeline.event_count(),
    );
    eprintln!(
        "read CSV {:.3} s, wrote {ext} {:.3} s",
        (t1 - t0).as_secs_f64(),
        t1.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
