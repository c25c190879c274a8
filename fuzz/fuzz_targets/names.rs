#![no_main]
//! See `fn names` in tests/support/targets.rs for what is checked.

#[path = "../../tests/support/invariants.rs"]
mod invariants;
#[path = "../../tests/support/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::names(data));
