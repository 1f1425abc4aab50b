//! Helpers shared by the integration tests: run the alinea binary, find the samples.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the alinea binary with `args` in the crate root.
pub fn alinea(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_alinea"))
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the alinea binary runs")
}

/// The sample pairs: names `NAME` with `samples/NAME.es.txt` and `samples/NAME.en.txt`.
pub fn sample_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".es.txt").map(String::from)
        })
        .filter(|n| root().join(format!("samples/{n}.en.txt")).exists())
        .collect();
    names.sort();
    assert!(names.len() >= 3, "samples/ holds at least three pairs");
    names
}

/// A fresh temporary directory for one test.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alinea-test-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}
