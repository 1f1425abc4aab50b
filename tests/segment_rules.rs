//! Segmentation rules from the user: an SRX file that overrides a built-in rule, an
//! abbreviation list, rules the engine cannot run, and SRX files that are not well-formed.

mod common;
use common::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `alinea segment` with `args` on `text` (stdin) and returns (stdout lines, stderr, code).
fn segment(args: &[&str], text: &str) -> (Vec<String>, String, Option<i32>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alinea"))
        .arg("segment")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    (lines, stderr(&out), out.status.code())
}

fn srx(rules: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="mine">
{rules}
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="es.*" languagerulename="mine"/>
    </maprules>
  </body>
</srx>"#
    )
}

const TEXT: &str = "Lo recibió el Sr. Pérez. Habló el Ing. Ruiz con la prensa.";

const UNKNOWN: &str = "Llegó el Cmte. Ruiz. Se fue a la Prov. Norte.";

#[test]
fn built_in_rules_keep_titles_and_break_after_an_unknown_abbreviation() {
    let (lines, _, code) = segment(&["--lang", "es"], TEXT);
    assert_eq!(code, Some(0));
    assert_eq!(
        lines,
        [
            "Lo recibió el Sr. Pérez.",
            "Habló el Ing. Ruiz con la prensa."
        ]
    );
    let (lines, _, _) = segment(&["--lang", "es"], UNKNOWN);
    assert_eq!(
        lines,
        ["Llegó el Cmte.", "Ruiz.", "Se fue a la Prov.", "Norte."]
    );
}

#[test]
fn a_user_srx_file_is_the_whole_rule_set_unless_the_built_in_rules_are_asked_for() {
    let dir = temp_dir("srx-override");
    let file = dir.join("mine.srx");
    // Break after "Sr." (the built-in rules never do), and after a colon (no candidate of
    // the built-in rules), and nowhere else.
    std::fs::write(
        &file,
        srx(r#"        <rule break="yes"><beforebreak>\bSr\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule break="yes"><beforebreak>:</beforebreak><afterbreak>\s</afterbreak></rule>"#),
    )
    .unwrap();
    let text = "Lo recibió el Sr. Pérez. Dijo: Habló el Ing. Ruiz con la prensa.";
    let (lines, err, code) = segment(&["--lang", "es", "--srx", path_str(&file)], text);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        lines,
        [
            "Lo recibió el Sr.",
            "Pérez. Dijo:",
            "Habló el Ing. Ruiz con la prensa."
        ]
    );
    // With --srx-fallback, the built-in rules decide where the file's rules do not.
    let (lines, err, _) = segment(
        &["--lang", "es", "--srx", path_str(&file), "--srx-fallback"],
        text,
    );
    assert_eq!(
        lines,
        [
            "Lo recibió el Sr.",
            "Pérez.",
            "Dijo:",
            "Habló el Ing. Ruiz con la prensa."
        ],
        "{err}"
    );
}

#[test]
fn a_possessive_looking_escape_is_not_skipped() {
    let dir = temp_dir("srx-braces");
    let file = dir.join("braces.srx");
    std::fs::write(
        &file,
        srx(r#"        <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s\p{Lu}\p{Ll}+</afterbreak></rule>"#),
    )
    .unwrap();
    let (lines, err, code) = segment(
        &["--lang", "es", "--srx", path_str(&file)],
        "Uno. Dos. tres.",
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("skipped"), "{err}");
    assert_eq!(lines, ["Uno.", "Dos. tres."]);
}

#[test]
fn an_abbreviation_list_adds_no_break_rules() {
    let dir = temp_dir("abbrev");
    let file = dir.join("abbrev.txt");
    std::fs::write(&file, "# abreviaturas de la casa\nCmte.\nProv\n").unwrap();
    let (lines, _, code) = segment(&["--lang", "es", "--abbrev", path_str(&file)], UNKNOWN);
    assert_eq!(code, Some(0));
    assert_eq!(lines, ["Llegó el Cmte. Ruiz.", "Se fue a la Prov. Norte."]);
}

#[test]
fn a_rule_the_engine_cannot_run_is_skipped_visibly_with_its_line() {
    let dir = temp_dir("srx-lookbehind");
    let file = dir.join("trados.srx");
    std::fs::write(
        &file,
        srx(r#"        <rule break="no"><beforebreak>(?&lt;=\bDr)\.</beforebreak><afterbreak>\s</afterbreak></rule>"#),
    )
    .unwrap();
    let (lines, err, code) = segment(&["--lang", "es", "--srx", path_str(&file)], TEXT);
    assert_eq!(code, Some(0));
    assert!(
        err.contains("trados.srx:7: rule skipped: uses lookbehind"),
        "{err}"
    );
    assert_eq!(lines.len(), 2, "the built-in rules still apply");
}

#[test]
fn a_malformed_srx_is_refused_with_file_and_line() {
    let dir = temp_dir("srx-bad");
    let file = dir.join("broken.srx");
    std::fs::write(&file, "<srx>\n<body>\n<languagerules>\n</body>\n").unwrap();
    let (_, err, code) = segment(&["--lang", "es", "--srx", path_str(&file)], TEXT);
    assert_eq!(code, Some(2));
    assert!(err.contains("broken.srx") && err.contains("line"), "{err}");
}

#[test]
fn explain_names_the_rule_that_decided_each_position() {
    let (lines, _, code) = segment(&["--lang", "es", "--explain"], TEXT);
    assert_eq!(code, Some(0));
    let sr = lines
        .iter()
        .find(|l| l.contains("Sr.|") || l.contains("Sr.") && l.contains("no-break"))
        .unwrap();
    assert!(
        sr.contains("no-break") && sr.contains("built-in es.srx:"),
        "{sr}"
    );
    assert!(lines
        .iter()
        .any(|l| l.contains(" break ") && l.contains("built-in es.srx:")));
}
