//! Set-up shared by the integration tests that include it (`mod support;`):
//! each test crate uses only part of it.

use std::ffi::OsStr;
use std::process::{Command, Output};

use alliance_reliability::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Runs `cargo ARGS` in the package's folder and returns its output;
/// panics with cargo's stderr unless it succeeds.
pub fn cargo<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs example `name` with `args` through `cargo run` and returns its
/// output, whatever its exit status. It runs under the test profile
/// (opt-level 1), reusing the examples `cargo test` has just built; the
/// dev profile would build the crate again and run ten times slower.
pub fn example<S: AsRef<OsStr>>(name: &str, args: impl IntoIterator<Item = S>) -> Output {
    Command::new(env!("CARGO"))
        .args([
            "run",
            "--quiet",
            "--profile",
            "test",
            "--example",
            name,
            "--",
        ])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs")
}

/// Russia (named `rus_name`) bound by a defence commitment `C1` to
/// Armenia from 2000-01-01, and an external attack on Armenia, crisis
/// `K1` labelled `crisis_label`, from 2020-01-01 to 2020-02-01: the
/// timeline the escaping tests put hostile text into.
pub fn rus_defends_arm(rus_name: &str, crisis_label: &str) -> TimelineBuilder {
    Timeline::builder()
        .actor(Actor::new("RUS", rus_name, ActorKind::State).unwrap())
        .actor(Actor::new("ARM", "Armenia", ActorKind::State).unwrap())
        .commitment(
            Commitment::new(
                "C1",
                Parties::Directed {
                    guarantor: "RUS".parse().unwrap(),
                    beneficiary: "ARM".parse().unwrap(),
                },
                Obligation::Defence,
                Period::starting(d(2000, 1, 1)),
            )
            .unwrap(),
        )
        .crisis(
            Crisis::new(
                "K1",
                "ARM",
                Period::new(d(2020, 1, 1), Some(d(2020, 2, 1))).unwrap(),
                CrisisKind::ExternalAttack,
            )
            .unwrap()
            .with_label(crisis_label),
        )
}

/// `f` on a pool of `n` threads (`tests/threads.rs`, `tests/properties.rs`:
/// scores must not depend on the thread count).
#[cfg(feature = "rayon")]
pub fn on_threads<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .expect("a thread pool")
        .install(f)
}
