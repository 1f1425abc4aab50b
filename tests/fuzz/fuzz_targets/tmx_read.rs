//! Fuzz target: see `checks::tmx_read`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::tmx_read(data));
