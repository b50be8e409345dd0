//! Fuzz target `cameo`: see `tests/fuzz_entry/mod.rs` and fuzz/README.md.
#![no_main]

#[path = "../../tests/fuzz_entry/mod.rs"]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::cameo(data));
