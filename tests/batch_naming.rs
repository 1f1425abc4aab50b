//! `alinea batch` as a pipeline can trust it: the common naming schemes, recursion that
//! mirrors the tree, every file left out said with the reason, flagged pairs on stderr and in
//! the exit code, unique tuids across a batch and a merge.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const DATE: &str = "20260101T000000Z";

fn copy(sample: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join("samples").join(sample), to).unwrap();
}

fn batch(args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["batch", "--date", DATE];
    all.extend(args);
    let run = alinea(&all);
    (run.status.code(), stderr(&run))
}

fn report(out: &Path) -> String {
    std::fs::read_to_string(out.join("report.tsv")).unwrap()
}

#[test]
fn the_common_naming_schemes_pair_up() {
    let dir = temp_dir("naming-schemes");
    let archive = dir.join("in");
    copy("sre-366.es.txt", &archive.join("a_es.txt"));
    copy("sre-366.en.txt", &archive.join("a_en.txt"));
    copy("sre-412.es.txt", &archive.join("b.ES.txt"));
    copy("sre-412.en.txt", &archive.join("b.EN.txt"));
    copy("boletin-salud.es.txt", &archive.join("c-es-MX.txt"));
    copy("boletin-salud.en.txt", &archive.join("c-en-GB.txt"));
    copy("sre-366.es.txt", &archive.join("README.txt"));
    let out = dir.join("out");
    let (code, err) = batch(&[path_str(&archive), "-o", path_str(&out)]);
    assert_eq!(code, Some(0), "{err}");
    for name in ["a", "b", "c"] {
        assert!(out.join(format!("{name}.tmx")).exists(), "{name}: {err}");
    }
    // The file marked with neither language is listed, with the reason.
    assert!(
        err.contains("skipped") && err.contains("README.txt"),
        "{err}"
    );
    assert!(
        report(&out).contains("README.txt\t\tskipped"),
        "{}",
        report(&out)
    );
}

#[test]
fn subfolders_need_r_and_then_the_outputs_mirror_the_tree() {
    let dir = temp_dir("naming-recursive");
    let archive = dir.join("in");
    copy("sre-366.es.txt", &archive.join("es/2024/nota.txt"));
    copy("sre-366.en.txt", &archive.join("en/2024/nota.txt"));
    copy("sre-412.es.txt", &archive.join("es/2025/nota.txt"));
    copy("sre-412.en.txt", &archive.join("en/2025/nota.txt"));
    copy("sre-412.en.txt", &archive.join("en/2025/orphan.txt"));
    let out = dir.join("out");
    // Without -r: no pair, the folders are listed, and the exit code says so.
    let (code, err) = batch(&[path_str(&archive), "-o", path_str(&out)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("only with -r") && err.contains("no pairs found"),
        "{err}"
    );
    let (code, err) = batch(&["-r", path_str(&archive), "-o", path_str(&out)]);
    assert_eq!(code, Some(1), "the orphan has no partner: {err}");
    assert!(out.join("2024/nota.tmx").exists() && out.join("2025/nota.tmx").exists());
    assert!(
        err.contains("orphan.txt") && err.contains("no es file for '2025/orphan'"),
        "{err}"
    );
    // The same base name in two folders: different documents, different tuids.
    let tmx = std::fs::read_to_string(out.join("2025/nota.tmx")).unwrap();
    assert!(tmx.contains("tuid=\"2025/nota-1\""), "{tmx}");
    let merged = dir.join("merged");
    let (code, err) = batch(&[
        "-r",
        path_str(&archive),
        "-o",
        path_str(&merged),
        "--merge",
        "-q",
    ]);
    assert_eq!(code, Some(1), "{err}");
    let validate = alinea(&["tmx", "validate", path_str(&merged.join("merged.tmx"))]);
    assert!(validate.status.success(), "{}", stderr(&validate));
}

#[test]
fn a_pattern_names_any_other_scheme() {
    let dir = temp_dir("naming-pattern");
    let archive = dir.join("in");
    copy("sre-366.es.txt", &archive.join("press-366-spa.txt"));
    copy("sre-366.en.txt", &archive.join("press-366-eng.txt"));
    let out = dir.join("out");
    let (code, err) = batch(&[
        path_str(&archive),
        "-o",
        path_str(&out),
        "--pattern",
        "press-{name}-{lang}.txt",
        "--src-lang",
        "spa",
        "--tgt-lang",
        "eng",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.join("366.tmx").exists(), "{err}");
}

#[test]
fn flagged_pairs_are_said_on_stderr_and_in_the_exit_code() {
    let dir = temp_dir("naming-flagged");
    let (es, en) = (dir.join("es"), dir.join("en"));
    copy("sre-366.es.txt", &es.join("good.txt"));
    copy("sre-366.en.txt", &en.join("good.txt"));
    copy("sre-412.en.txt", &es.join("swapped.txt"));
    copy("sre-412.es.txt", &en.join("swapped.txt"));
    let out = dir.join("out");
    let (code, err) = batch(&[path_str(&es), path_str(&en), "-o", path_str(&out)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.lines().any(|l| l.contains("warning")
            && l.contains("swapped.txt")
            && l.contains("the files look swapped")),
        "{err}"
    );
    assert!(report(&out).contains("\tflagged\t"), "{}", report(&out));
    assert!(
        out.join("swapped.tmx").exists(),
        "flagged pairs are still written"
    );
    let (code, err) = batch(&[
        path_str(&es),
        path_str(&en),
        "-o",
        path_str(&out),
        "--allow-warnings",
        "-q",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("the files look swapped"),
        "warnings stay with -q: {err}"
    );
    assert!(
        !err.contains("pair(s) aligned"),
        "-q drops the summary: {err}"
    );
}

#[test]
fn an_output_that_is_a_file_is_refused_clearly() {
    let dir = temp_dir("naming-out-file");
    let file = dir.join("out.tmx");
    std::fs::write(&file, "keep me").unwrap();
    let (code, err) = batch(&[path_str(&root().join("samples")), "-o", path_str(&file)]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn merged_memories_keep_their_tuids_unique_and_validate_finds_repeats() {
    let dir = temp_dir("naming-merge-tuids");
    // Two memories numbered the same way, with different units.
    let a: PathBuf = root().join("tmx/sre-366.tmx");
    let b = dir.join("other.tmx");
    let text = std::fs::read_to_string(root().join("tmx/sre-412.tmx"))
        .unwrap()
        .replace("tuid=\"sre-412-", "tuid=\"sre-366-");
    std::fs::write(&b, &text).unwrap();
    let validate = alinea(&["tmx", "validate", path_str(&b)]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    let merged = dir.join("merged.tmx");
    let run = alinea(&[
        "tmx",
        "merge",
        path_str(&a),
        path_str(&b),
        "--date",
        DATE,
        "-o",
        path_str(&merged),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("tuid(s) already used by another unit renamed"),
        "{}",
        stderr(&run)
    );
    let validate = alinea(&["tmx", "validate", path_str(&merged)]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    // A file with a repeated tuid is reported.
    let repeated = dir.join("repeated.tmx");
    let both = std::fs::read_to_string(&a).unwrap();
    let body_end = both.find("</body>").unwrap();
    let first_tu_start = both.find("<tu ").unwrap();
    let first_tu_end = both[first_tu_start..].find("</tu>").unwrap() + first_tu_start + 5;
    let twice = format!(
        "{}{}\n    {}",
        &both[..body_end],
        &both[first_tu_start..first_tu_end],
        &both[body_end..]
    );
    std::fs::write(&repeated, twice).unwrap();
    let validate = alinea(&["tmx", "validate", path_str(&repeated)]);
    assert_eq!(validate.status.code(), Some(1));
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        stderr(&validate)
    );
    assert!(out.contains("tuid=\"sre-366-1\" is used already"), "{out}");
}

#[test]
fn links_fifos_and_dangling_entries_are_listed_not_lost_or_followed_out() {
    let dir = temp_dir("naming-links");
    let archive = dir.join("in");
    copy("sre-366.es.txt", &archive.join("a.es.txt"));
    copy("sre-366.en.txt", &archive.join("a.en.txt"));
    let outside = dir.join("outside.txt");
    copy("sre-412.es.txt", &outside);
    copy("sre-412.en.txt", &archive.join("b.en.txt"));
    std::os::unix::fs::symlink(&outside, archive.join("b.es.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("nowhere.txt"), archive.join("c.es.txt")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(archive.join("d.es.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = dir.join("out");
    let (code, err) = batch(&[path_str(&archive), "-o", path_str(&out)]);
    assert_eq!(code, Some(1), "b.en.txt has no partner: {err}");
    assert!(
        err.contains("b.es.txt: a link to a file outside the folder"),
        "{err}"
    );
    assert!(err.contains("c.es.txt: a link to nothing"), "{err}");
    assert!(err.contains("d.es.txt: not a regular file"), "{err}");
    assert!(!out.join("b.tmx").exists());
    let (code, err) = batch(&[path_str(&archive), "-o", path_str(&out), "--follow-links"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.join("b.tmx").exists());
}
