//! The Python tests read the seed scenario from
//! `tests/data/seed.timeline.json`; this checks that file is still the
//! timeline `examples/seed/data.rs` builds (regenerate it with
//! `ALLIANCE_PY_REGENERATE=1 cargo test -p alliance-py --test seed_fixture`).

#[path = "../../../examples/seed/data.rs"]
#[allow(dead_code)]
mod data;

use alliance_reliability::format::{read_json_file, write_json, write_json_file};

#[test]
fn seed_fixture_is_the_seed_example_timeline() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/seed.timeline.json");
    let seed = data::timeline().expect("the seed timeline builds");
    if std::env::var_os("ALLIANCE_PY_REGENERATE").is_some() {
        write_json_file(&seed, path).expect("fixture written");
    }
    let (mut want, mut got) = (Vec::new(), Vec::new());
    write_json(&seed, &mut want).expect("written");
    write_json(&read_json_file(path).expect("fixture read"), &mut got).expect("written");
    assert_eq!(
        String::from_utf8(got).expect("utf-8"),
        String::from_utf8(want).expect("utf-8"),
        "tests/data/seed.timeline.json is stale: regenerate it (see this file's header)"
    );
}
