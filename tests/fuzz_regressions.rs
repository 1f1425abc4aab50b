//! The fuzz targets' checks (`tests/fuzz/checks.rs`) on their seed corpora and on every
//! input a fuzzer once failed on (`tests/fuzz/regressions/TARGET/`), so that `cargo test`
//! keeps what fuzzing found fixed without a nightly toolchain.

#[path = "fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Runs `check` on every file of `tests/fuzz/seeds/TARGET` and `tests/fuzz/regressions/TARGET`;
/// returns how many files it read.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut count = 0;
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for file in files.into_iter().filter(|f| f.is_file()) {
            let bytes = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| check(&bytes));
            assert!(result.is_ok(), "{} fails its check", file.display());
            count += 1;
        }
    }
    count
}

#[test]
fn decoder_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("decode", checks::decode) >= 5);
}

#[test]
fn segmenter_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("segment", checks::segment) >= 3);
}

#[test]
fn srx_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("srx", checks::srx) >= 2);
}

#[test]
fn tmx_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("tmx_read", checks::tmx_read) >= 5);
}

#[test]
fn xliff_inputs_found_by_fuzzing_stay_fixed() {
    assert!(replay("xliff", checks::xliff) >= 4);
}
