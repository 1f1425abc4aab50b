//! Where `-o` writes: a regular file is replaced atomically (keeping its permissions), a
//! symbolic link is followed and stays a link, a FIFO is written into and stays a FIFO, `-`
//! is standard output, a folder is refused.

mod common;
use common::*;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};

const ES: &str = "samples/sre-366.es.txt";
const EN: &str = "samples/sre-366.en.txt";

fn align_to(output: &str) -> std::process::Output {
    alinea(&[
        "align",
        ES,
        EN,
        "-q",
        "--date",
        "20260101T000000Z",
        "-o",
        output,
    ])
}

#[test]
fn a_symlink_stays_a_link_and_its_target_gets_the_output() {
    let dir = temp_dir("out-symlink");
    let target = dir.join("memory.tmx");
    std::fs::write(&target, "old").unwrap();
    let link = dir.join("link.tmx");
    std::os::unix::fs::symlink("memory.tmx", &link).unwrap();
    let out = align_to(path_str(&link));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("<?xml"), "{written}");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_fifo_is_written_into_and_stays_a_fifo() {
    let dir = temp_dir("out-fifo");
    let fifo = dir.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = align_to(path_str(&fifo));
    assert!(out.status.success(), "{}", stderr(&out));
    // Checked before waiting for the reader, which would wait forever on a replaced FIFO.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let received = reader.join().unwrap();
    assert!(received.contains("<tmx version=\"1.4\">"), "{received}");
}

#[test]
fn a_regular_file_is_replaced_and_keeps_its_permissions() {
    let dir = temp_dir("out-perms");
    let file = dir.join("memory.tmx");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = align_to(path_str(&file));
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<?xml"));
}

#[test]
fn dash_is_standard_output_for_every_command_that_writes() {
    let runs: [&[&str]; 4] = [
        &["align", ES, EN, "-q", "-o", "-"],
        &["qa", ES, EN, "-o", "-"],
        &["diff", ES, EN, "samples/sre-366.en-revised.txt", "-o", "-"],
        &["tmx", "merge", "tmx/sre-366.tmx", "-q", "-o", "-"],
    ];
    for args in runs {
        let out = alinea(args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!out.stdout.is_empty(), "{args:?} wrote nothing on stdout");
        assert!(
            !root().join("-").exists(),
            "{args:?} wrote a file named '-'"
        );
    }
}

#[test]
fn a_folder_is_refused_with_its_name() {
    let dir = temp_dir("out-folder");
    let out = align_to(path_str(&dir));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(path_str(&dir)) && err.contains("directory"),
        "{err}"
    );
    assert!(dir.is_dir());
}

#[test]
fn no_output_of_any_command_may_overwrite_an_input_or_another_output() {
    let dir = temp_dir("out-guard");
    let es = dir.join("nota.es.txt");
    let en = dir.join("nota.en.txt");
    std::fs::copy(root().join(ES), &es).unwrap();
    std::fs::copy(root().join(EN), &en).unwrap();
    let link = dir.join("link.txt");
    std::os::unix::fs::symlink(&en, &link).unwrap();
    let dict = dir.join("words.tsv");
    std::fs::write(&dict, "casa\thouse\n").unwrap();
    let tsv = dir.join("review.tsv");
    std::fs::write(&tsv, "es\ten\ttuid\nHola.\tHello.\tx-1\n").unwrap();
    let tmx = dir.join("m.tmx");
    std::fs::copy(root().join("tmx/sre-366.tmx"), &tmx).unwrap();
    let list = dir.join("report.tsv");
    std::fs::write(&list, "nota.es.txt\tnota.en.txt\n").unwrap();
    let (e, n, l, d, t, m) = (
        path_str(&es),
        path_str(&en),
        path_str(&link),
        path_str(&dict),
        path_str(&tmx),
        path_str(&tsv),
    );
    let out_a = dir.join("a.tmx");
    let a = path_str(&out_a);
    let runs: Vec<Vec<&str>> = vec![
        vec!["align", e, n, "-o", a, "--html", n],
        vec!["align", e, n, "-o", l],
        vec!["align", e, n, "-o", a, "--dict", d, "--beads", d],
        vec!["align", e, n, "-o", a, "--html", a],
        vec!["qa", e, n, "-o", n],
        vec!["qa", e, n, "--html", e],
        vec!["diff", e, n, n, "-o", e],
        vec!["qa", "--tmx", t, "-o", t],
        vec!["tmx", "from-tsv", m, "-o", m],
        vec!["tmx", "convert", t, t],
        vec!["tmx", "merge", t, "-o", t],
        vec!["segment", "--lang", "es", e, "-o", e],
        vec!["batch", "--pairs", path_str(&list), "-o", path_str(&dir)],
    ];
    let before: Vec<Vec<u8>> = [&es, &en, &dict, &tsv, &tmx, &list]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    for args in runs {
        let out = alinea(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("is the input") || err.contains("given to both"),
            "{args:?}: {err}"
        );
    }
    let after: Vec<Vec<u8>> = [&es, &en, &dict, &tsv, &tmx, &list]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert!(before == after, "an input was changed");
    assert!(!out_a.exists());
}

#[test]
fn the_outputs_of_a_run_are_written_together_or_not_at_all() {
    let dir = temp_dir("out-together");
    let beads = dir.join("m.beads");
    let page = dir.join("m.html");
    let tmx = dir.join("missing-folder/m.tmx");
    let out = alinea(&[
        "align",
        ES,
        EN,
        "-q",
        "--beads",
        path_str(&beads),
        "--html",
        path_str(&page),
        "-o",
        path_str(&tmx),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        !beads.exists() && !page.exists(),
        "no output of a failed run is left"
    );
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(names.is_empty(), "no temporary file left: {names:?}");
}
