//! The command line: bad input gives one line naming the file and exit code 2, with no
//! output file left behind; the options do what README says.

mod common;
use common::*;
use std::path::Path;

/// Runs `align` with a bad source file and checks the error contract.
fn assert_refused(test: &str, bad: &Path, wanted: &str) {
    let dir = temp_dir(test);
    let out_file = dir.join("out.tmx");
    let out = alinea(&[
        "align",
        path_str(bad),
        "samples/sre-366.en.txt",
        "-o",
        path_str(&out_file),
    ]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{test}: {err}");
    assert_eq!(err.lines().count(), 1, "{test}: one line: {err}");
    assert!(err.contains(path_str(bad)), "{test}: names the file: {err}");
    assert!(err.contains(wanted), "{test}: says '{wanted}': {err}");
    assert!(!err.contains("panicked"), "{test}: {err}");
    assert!(!out_file.exists(), "{test}: no output file");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "{test}: no temporary file"
    );
}

#[test]
fn a_missing_file_is_refused() {
    assert_refused(
        "missing",
        &temp_dir("missing-in").join("nope.es.txt"),
        "no such file",
    );
}

#[test]
fn a_directory_is_refused() {
    assert_refused("dir", &temp_dir("dir-in"), "directory");
}

#[test]
fn an_empty_file_is_refused() {
    let f = temp_dir("empty-in").join("empty.es.txt");
    std::fs::write(&f, "").unwrap();
    assert_refused("empty", &f, "empty");
}

#[test]
fn a_whitespace_only_file_is_refused() {
    let f = temp_dir("ws-in").join("blank.es.txt");
    std::fs::write(&f, " \n\n\t \r\n").unwrap();
    assert_refused("ws", &f, "whitespace");
}

#[test]
fn a_binary_file_is_refused() {
    let f = temp_dir("bin-in").join("image.es.txt");
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    std::fs::write(&f, bytes).unwrap();
    assert_refused("binary", &f, "binary");
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--date",
        "2024-09-26",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYYMMDDThhmmssZ"));
    assert!(out.stdout.is_empty());
}

#[test]
fn output_is_deterministic_and_dates_can_be_pinned_by_source_date_epoch() {
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_alinea"))
            .args([
                "align",
                "samples/sre-412.es.txt",
                "samples/sre-412.en.txt",
                "-q",
            ])
            .current_dir(root())
            .env("SOURCE_DATE_EPOCH", "1727349420")
            .output()
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let tmx = String::from_utf8(a.stdout).unwrap();
    assert!(tmx.contains(r#"creationdate="20240926T111700Z""#));
}

#[test]
fn tmx_has_the_header_props_and_languages_as_given() {
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--src-lang",
        "es-MX",
        "--tgt-lang",
        "en-US",
        "--date",
        "20240926T120000Z",
        "-q",
    ]);
    let tmx = String::from_utf8(out.stdout).unwrap();
    for attr in [
        r#"creationtool="alinea""#,
        &format!(r#"creationtoolversion="{}""#, env!("CARGO_PKG_VERSION")),
        r#"segtype="sentence""#,
        r#"o-tmf="alinea""#,
        r#"adminlang="en""#,
        r#"srclang="es-MX""#,
        r#"datatype="plaintext""#,
        r#"<!DOCTYPE tmx SYSTEM "tmx14.dtd">"#,
        r#"<tu tuid="sre-366-1""#,
        r#"<prop type="x-bead">1-1</prop>"#,
        r#"<prop type="x-document">sre-366</prop>"#,
        r#"<tuv xml:lang="en-US">"#,
        "<seg>Comunicado No. 366</seg>",
    ] {
        assert!(tmx.contains(attr), "missing {attr}");
    }
    assert_eq!(tmx.matches("<tu ").count(), 26);
    assert!(
        !tmx.contains("oo0oo"),
        "a unit with an empty side is not written"
    );
}

#[test]
fn tsv_json_and_beads_hold_every_unit() {
    let dir = temp_dir("formats");
    let beads = dir.join("out.beads");
    let tsv = alinea(&[
        "align",
        "samples/boletin-salud.es.txt",
        "samples/boletin-salud.en.txt",
        "--format",
        "tsv",
        "--beads",
        path_str(&beads),
        "-q",
    ]);
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    let beads = std::fs::read_to_string(&beads).unwrap();
    assert_eq!(
        tsv.lines().next(),
        Some("es\ten\tscore\ttuid\tbead\tdocument\tstatus"),
        "a header row"
    );
    assert_eq!(tsv.lines().count(), beads.lines().count() + 1);
    assert!(tsv.lines().skip(1).all(|l| l.split('\t').count() == 7));
    // The 0-1 unit: an empty Spanish cell.
    assert!(tsv
        .lines()
        .any(|l| l.starts_with("\tFolic acid is the synthetic form")));
    assert!(beads.lines().any(|l| l.starts_with("[]:[")));
    // The 2-1 unit.
    assert!(beads.lines().any(|l| l == "[3, 4]:[3]"), "{beads}");

    let json = alinea(&[
        "align",
        "samples/boletin-salud.es.txt",
        "samples/boletin-salud.en.txt",
        "--format",
        "json",
        "-q",
    ]);
    let units: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let units = units.as_array().unwrap();
    assert_eq!(units.len(), beads.lines().count());
    let merged = units.iter().find(|u| u["bead"] == "2-1").unwrap();
    assert_eq!(merged["src"], serde_json::json!([3, 4]));
    assert!(merged["src_text"]
        .as_str()
        .unwrap()
        .starts_with("La jornada comenzará el 1.º de abril. Se extenderá"));
    assert!(merged["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn windows_1252_input_is_decoded_and_said_so() {
    let dir = temp_dir("latin1");
    let es = dir.join("nota.es.txt");
    std::fs::write(&es, b"La canci\xf3n termin\xf3 en M\xe9xico.\n").unwrap();
    let en = dir.join("nota.en.txt");
    std::fs::write(&en, "The song ended in Mexico.\n").unwrap();
    let out = alinea(&["align", path_str(&es), path_str(&en), "--format", "tsv"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("decoded as windows-1252"));
    assert!(String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("La canción terminó en México.\tThe song ended in Mexico."));
}

#[test]
fn xml_illegal_characters_are_removed_and_reported() {
    let dir = temp_dir("illegal");
    let es = dir.join("c.es.txt");
    std::fs::write(&es, "Hola\u{1} mundo, esta es una prueba del programa.\n").unwrap();
    let en = dir.join("c.en.txt");
    std::fs::write(&en, "Hello world, this is a test of the program.\n").unwrap();
    let out = alinea(&["align", path_str(&es), path_str(&en)]);
    assert!(out.status.success());
    let tmx = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(tmx.contains("<seg>Hola mundo, esta es una prueba del programa.</seg>"));
    assert!(stderr(&out).contains("1 character(s) that XML 1.0 forbids were removed"));
}

#[test]
fn a_dash_as_output_means_stdout() {
    let dir = temp_dir("dash-output");
    let es = dir.join("a.es.txt");
    std::fs::write(&es, "La reunión terminó.\n").unwrap();
    let en = dir.join("a.en.txt");
    std::fs::write(&en, "The meeting ended.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_alinea"))
        .current_dir(&dir)
        .args([
            "align", "a.es.txt", "a.en.txt", "--format", "tsv", "-o", "-",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(
        tsv.contains("La reunión terminó.\tThe meeting ended."),
        "{tsv}"
    );
    assert!(!dir.join("-").exists(), "no file named '-'");
}
