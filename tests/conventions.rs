//! Command-line conventions: the output format follows the extension of `-o`, languages are
//! checked rather than guessed, colour follows `--color` and `NO_COLOR`.

mod common;
use common::*;
use std::process::Command;

const ES: &str = "samples/sre-366.es.txt";
const EN: &str = "samples/sre-366.en.txt";

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn align_writes_the_format_the_extension_names() {
    let dir = temp_dir("conv-ext");
    let out = |name: &str| {
        let path = dir.join(name);
        let run = alinea(&["align", ES, EN, "-q", "-o", path_str(&path)]);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        read(&path)
    };
    assert!(out("m.tsv").starts_with("es\ten\tscore\ttuid"));
    assert!(out("m.json").starts_with("[\n"));
    let lines = out("m.jsonl");
    assert!(lines
        .lines()
        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok_and(|v| v.is_object())));
    assert!(out("m.xlf").contains("urn:oasis:names:tc:xliff:document:2.0"));
    assert!(out("m.html").starts_with("<!DOCTYPE html>"));
    assert!(out("m.TMX").contains("<tmx version=\"1.4\">"));
    // An extension that names no format keeps the default.
    assert!(out("memory.out").contains("<tmx version=\"1.4\">"));
}

#[test]
fn a_format_that_contradicts_the_extension_is_an_error() {
    let dir = temp_dir("conv-contradict");
    let path = dir.join("m.tsv");
    let run = alinea(&["align", ES, EN, "--format", "tmx", "-o", path_str(&path)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("--format tmx contradicts"),
        "{}",
        stderr(&run)
    );
    assert!(!path.exists());
    // A format the command does not write.
    let run = alinea(&["qa", ES, EN, "-o", path_str(&dir.join("findings.tmx"))]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("qa does not write tmx"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn qa_and_diff_follow_the_extension_too() {
    let dir = temp_dir("conv-qa");
    let json = dir.join("findings.json");
    let run = alinea(&["qa", ES, EN, "-q", "-o", path_str(&json)]);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
    assert!(serde_json::from_str::<serde_json::Value>(&read(&json)).is_ok_and(|v| v.is_array()));
    let page = dir.join("diff.html");
    let revised = "samples/sre-366.en-revised.txt";
    let run = alinea(&["diff", ES, EN, revised, "-q", "-o", path_str(&page)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(read(&page).starts_with("<!DOCTYPE html>"));
}

#[test]
fn segment_tells_the_language_and_says_so_or_asks() {
    let run = alinea(&["segment", EN]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("reads as English"),
        "{}",
        stderr(&run)
    );
    // English rules: `Mr.` does not end a sentence.
    let dir = temp_dir("conv-segment");
    let short = dir.join("short.txt");
    std::fs::write(&short, "Mr. Smith arrived. He left.\n").unwrap();
    let run = alinea(&["segment", path_str(&short)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("say --lang es or --lang en"),
        "{}",
        stderr(&run)
    );
    let run = alinea(&["segment", "--lang", "en", path_str(&short)]);
    assert_eq!(
        String::from_utf8_lossy(&run.stdout),
        "Mr. Smith arrived.\nHe left.\n"
    );
    let out = dir.join("sentences.txt");
    let run = alinea(&[
        "segment",
        "--lang",
        "en",
        path_str(&short),
        "-o",
        path_str(&out),
    ]);
    assert!(run.status.success() && run.stdout.is_empty());
    assert_eq!(read(&out), "Mr. Smith arrived.\nHe left.\n");
}

#[test]
fn a_language_without_rules_is_refused_unless_rules_are_given() {
    let run = alinea(&["align", ES, EN, "--src-lang", "fr"]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("--src-lang fr") && err.contains("Spanish (es") && err.contains("English (en"),
        "{err}"
    );
    let run = alinea(&["segment", "--lang", "de", EN]);
    assert_eq!(run.status.code(), Some(2));
    let dir = temp_dir("conv-srx");
    let srx = dir.join("fr.srx");
    std::fs::write(
        &srx,
        "<?xml version=\"1.0\"?>\n<srx version=\"2.0\"><header cascade=\"yes\"/><body><languagerules>\n\
         <languagerule languagerulename=\"fr\"><rule break=\"yes\"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>\n\
         </languagerules><maprules><languagemap languagepattern=\"fr.*\" languagerulename=\"fr\"/></maprules></body></srx>\n",
    )
    .unwrap();
    let out = dir.join("m.tmx");
    let run = alinea(&[
        "align",
        ES,
        EN,
        "--src-lang",
        "fr",
        "--srx",
        path_str(&srx),
        "-q",
        "-o",
        path_str(&out),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn qa_warns_about_swapped_files_as_align_does() {
    for command in ["align", "qa"] {
        let dir = temp_dir(&format!("conv-swapped-{command}"));
        let out = dir.join("out");
        let run = alinea(&[command, EN, ES, "-q", "-o", path_str(&out)]);
        assert!(
            stderr(&run).contains("the files look swapped"),
            "{command}: {}",
            stderr(&run)
        );
    }
}

#[test]
fn the_same_language_on_both_sides_is_warned_about() {
    let dir = temp_dir("conv-same");
    let run = alinea(&[
        "align",
        ES,
        EN,
        "--src-lang",
        "en",
        "--tgt-lang",
        "en-GB",
        "-q",
        "-o",
        path_str(&dir.join("m.tmx")),
    ]);
    assert!(
        stderr(&run).contains("are both English"),
        "{}",
        stderr(&run)
    );
}

/// Runs `alinea ARGS` on a pseudo-terminal (util-linux `script`), so that stdout is a
/// terminal; returns what it printed.
fn on_a_terminal(args: &[&str], no_color: bool) -> Option<String> {
    let script = std::path::Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("skipped: /usr/bin/script not installed (util-linux), no terminal to test on");
        return None;
    }
    let dir = temp_dir(&format!("conv-tty-{no_color}"));
    let typescript = dir.join("typescript");
    let mut line = env!("CARGO_BIN_EXE_alinea").to_string();
    for a in args {
        line.push(' ');
        line.push_str(a);
    }
    let mut cmd = Command::new(script);
    cmd.args(["-q", "-e", "-c", &line, path_str(&typescript)])
        .current_dir(root())
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_on_a_terminal_unless_no_color_or_never() {
    let args = ["qa", ES, "samples/sre-366.en-revised.txt"];
    let Some(coloured) = on_a_terminal(&args, false) else {
        return;
    };
    assert!(coloured.contains("\x1b["), "{coloured}");
    let plain = on_a_terminal(&args, true).unwrap();
    assert!(!plain.contains("\x1b["), "{plain}");
    let mut never = args.to_vec();
    never.extend(["--color", "never"]);
    assert!(!on_a_terminal(&never, false).unwrap().contains("\x1b["));
    // Not a terminal: no colour unless asked for.
    let piped = alinea(&args);
    assert!(!String::from_utf8_lossy(&piped.stdout).contains("\x1b["));
    let mut always = args.to_vec();
    always.extend(["--color", "always"]);
    assert!(String::from_utf8_lossy(&alinea(&always).stdout).contains("\x1b["));
}

#[test]
fn every_subcommand_shows_examples_in_its_help() {
    let commands: [&[&str]; 12] = [
        &["align"],
        &["batch"],
        &["segment"],
        &["tmx"],
        &["qa"],
        &["diff"],
        &["man"],
        &["tmx", "merge"],
        &["tmx", "stats"],
        &["tmx", "validate"],
        &["tmx", "convert"],
        &["tmx", "from-tsv"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let run = alinea(&args);
        assert!(run.status.success(), "{command:?}");
        let help = String::from_utf8_lossy(&run.stdout);
        assert!(help.contains("Examples:\n  alinea "), "{command:?}: {help}");
    }
}

#[test]
fn the_manual_page_comes_from_the_same_definitions() {
    let run = alinea(&["man"]);
    assert!(run.status.success());
    let page = String::from_utf8_lossy(&run.stdout);
    assert!(
        page.contains(".TH alinea 1") && page.contains("align"),
        "{page}"
    );
    let run = alinea(&["man", "batch"]);
    let page = String::from_utf8_lossy(&run.stdout);
    assert!(
        page.contains(".TH alinea-batch 1") && page.contains("allow\\-warnings"),
        "{page}"
    );
    let run = alinea(&["man", "nonsense"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("one of align, batch"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn tsv_cells_are_never_formulas_and_the_round_trip_keeps_the_text() {
    let dir = temp_dir("conv-formula");
    let es = dir.join("f.es.txt");
    let en = dir.join("f.en.txt");
    std::fs::write(&es, "=HYPERLINK(\"http://example.com\",\"Haga clic aquí\") para ver el informe completo del ministerio.\n").unwrap();
    std::fs::write(
        &en,
        "=HYPERLINK(\"http://example.com\",\"Click here\") to see the ministry's full report.\n",
    )
    .unwrap();
    let tsv = dir.join("review.tsv");
    let run = alinea(&[
        "align",
        path_str(&es),
        path_str(&en),
        "-q",
        "-o",
        path_str(&tsv),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = read(&tsv);
    assert!(
        text.lines()
            .skip(1)
            .all(|l| !l.starts_with(['=', '+', '-', '@']) && !l.contains("\t=")),
        "{text}"
    );
    let tmx = dir.join("back.tmx");
    let run = alinea(&[
        "tmx",
        "from-tsv",
        path_str(&tsv),
        "-q",
        "-o",
        path_str(&tmx),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(read(&tmx).contains("<seg>=HYPERLINK("), "{}", read(&tmx));
    // qa's TSV too.
    let run = alinea(&["qa", path_str(&es), path_str(&en), "--format", "tsv"]);
    let out = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(!out.contains("\t="), "{out}");
}

#[test]
fn control_characters_from_the_input_never_reach_the_terminal_raw() {
    let dir = temp_dir("conv-escapes");
    let es = dir.join("e.es.txt");
    let en = dir.join("e.en.txt");
    std::fs::write(
        &es,
        "El ministerio publicó hoy el informe anual sobre la migración en la región.\n\n\
         Esta frase \u{1b}[2J\u{1b}]0;pwned\u{7} no tiene traducción alguna en el documento inglés.\n",
    )
    .unwrap();
    std::fs::write(
        &en,
        "The ministry published today the annual report on migration in the region.\n",
    )
    .unwrap();
    for args in [
        vec![
            "align",
            path_str(&es),
            path_str(&en),
            "-o",
            path_str(&dir.join("m.tmx")),
        ],
        vec!["qa", path_str(&es), path_str(&en)],
    ] {
        let run = alinea(&args);
        let all = format!("{}{}", String::from_utf8_lossy(&run.stdout), stderr(&run));
        assert!(
            !all.contains('\u{1b}') && !all.contains('\u{7}'),
            "{args:?}: {all:?}"
        );
        assert!(all.contains("\\x1b[2J"), "{args:?}: {all}");
    }
}

#[test]
fn a_stray_byte_in_utf8_is_replaced_and_placed_not_the_whole_file_reread() {
    let dir = temp_dir("conv-stray-byte");
    let es = dir.join("s.es.txt");
    let mut bytes =
        "La región acordó el plan.\n\nEl ministerio publicó el informe anual sobre la migración.\n"
            .as_bytes()
            .to_vec();
    // A Windows-1252 é pasted into the second paragraph.
    let second = bytes.windows(7).position(|w| w == b"informe").unwrap();
    bytes.insert(second, 0xE9);
    std::fs::write(&es, &bytes).unwrap();
    let en = dir.join("s.en.txt");
    std::fs::write(&en, "The region agreed on the plan.\n\nThe ministry published the annual report on migration.\n").unwrap();
    let tsv = dir.join("m.tsv");
    let run = alinea(&[
        "align",
        path_str(&es),
        path_str(&en),
        "-q",
        "-o",
        path_str(&tsv),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("1 invalid UTF-8 byte sequence(s) replaced by U+FFFD: line 3"),
        "{err}"
    );
    let text = read(&tsv);
    assert!(
        text.contains("La región acordó el plan."),
        "accents kept: {text}"
    );
    assert!(text.contains("\u{FFFD}informe"), "{text}");
}
