#![no_main]
//! See `fn numbers` in tests/support/targets.rs for what is checked.

#[path = "../../tests/support/invariants.rs"]
mod invariants;
#[path = "../../tests/support/targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|text: &str| targets::numbers(text));
