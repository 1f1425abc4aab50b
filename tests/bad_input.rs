//! The catalogue of bad input: whatever a translator drops on alinea, it never crashes, hangs
//! or leaves a file that looks complete. Each case checks the message (it names the file,
//! and the line or byte where that helps), the exit code (README, "Exit codes") and that no
//! output file, not even a temporary one, is left behind when the input is refused.
//!
//! Large inputs are generated in a temporary folder. Two are smaller in debug builds, where
//! the unoptimised aligner is about ten times slower: the million one-word lines (200,000
//! in debug; what they prove, that nothing is quadratic in the number of lines, shows at
//! that size too) and the 50 MB line (2 MB in debug, still enough to hang on anything
//! quadratic in the length of a line).

mod common;
use alinea::tm::tmx::read::TmxReader;
use common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A test's folder with `out/` for outputs, and the output file's path.
struct Case {
    dir: PathBuf,
    out: PathBuf,
}

impl Case {
    fn new(test: &str) -> Case {
        let dir = temp_dir(&format!("bad-{test}"));
        std::fs::create_dir(dir.join("out")).unwrap();
        let out = dir.join("out/result.tmx");
        Case { dir, out }
    }

    fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs alinea with `args` (`OUT` stands for the output file) and checks a refusal: exit
    /// code, one line on stderr that names `file` and says each of `wanted`, and nothing in
    /// the output folder.
    fn refused(&self, args: &[&str], code: i32, file: &Path, wanted: &[&str]) -> String {
        let out = self.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("alinea: "), "{err}");
        assert!(
            err.contains(path_str(file)),
            "names {}: {err}",
            file.display()
        );
        for w in wanted {
            assert!(err.contains(w), "says '{w}': {err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty(), "nothing on stdout");
        let left: Vec<_> = std::fs::read_dir(self.dir.join("out")).unwrap().collect();
        assert!(left.is_empty(), "no output or temporary file: {left:?}");
        err
    }

    /// Runs alinea with `args` and checks that it succeeded; returns stderr.
    fn accepted(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let args: Vec<&str> = args
            .iter()
            .map(|a| if *a == "OUT" { path_str(&self.out) } else { a })
            .collect();
        alinea(&args)
    }

    /// The units of the output TMX, read back with alinea's reader: the file is well-formed.
    fn units(&self) -> Vec<(String, String)> {
        let mut reader = TmxReader::open(&self.out).expect("the output is a TMX");
        let mut units = Vec::new();
        while let Some(tu) = reader.next_tu().expect("the output is well-formed") {
            units.push((tu.tuvs[0].seg.plain_text(), tu.tuvs[1].seg.plain_text()));
        }
        units
    }
}

/// A passing case cleans up after itself (some write 200 MB); a failing one leaves its files
/// to look at.
impl Drop for Case {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

const EN: &str = "samples/sre-366.en.txt";
const ES: &str = "samples/sre-366.es.txt";

fn align_refused(case: &Case, bad: &Path, code: i32, wanted: &[&str]) -> String {
    case.refused(
        &["align", path_str(bad), EN, "-o", "OUT"],
        code,
        bad,
        wanted,
    )
}

// Files that cannot be read as a document.

#[test]
fn a_missing_file() {
    let case = Case::new("missing");
    let bad = case.dir.join("nope.es.txt");
    align_refused(&case, &bad, 2, &["no such file"]);
}

#[test]
fn a_directory() {
    let case = Case::new("directory");
    let bad = case.dir.join("folder.es.txt");
    std::fs::create_dir(&bad).unwrap();
    align_refused(&case, &bad, 2, &["directory"]);
}

#[test]
fn an_empty_file() {
    let case = Case::new("empty");
    let bad = case.file("empty.es.txt", "");
    align_refused(&case, &bad, 2, &["empty"]);
}

#[test]
fn a_whitespace_only_file() {
    let case = Case::new("whitespace");
    let bad = case.file("blank.es.txt", " \n\n\t \r\n\u{a0}\u{3000}\n");
    align_refused(&case, &bad, 2, &["only whitespace"]);
}

#[test]
fn binary_data() {
    let case = Case::new("binary");
    let mut bytes = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    bytes.extend((0..=255u8).cycle().take(8192));
    let bad = case.file("photo.es.txt", bytes);
    align_refused(&case, &bad, 2, &["binary data", "NUL byte on line 3"]);
}

#[test]
fn invalid_utf8_that_is_not_latin1_either() {
    let case = Case::new("not-utf8");
    // Bytes Windows-1252 leaves undefined (0x81, 0x8D) after valid text.
    let bad = case.file(
        "raro.es.txt",
        b"Hola, esto es texto.\n\x81\x8d\x90 y m\xe1s.\n",
    );
    align_refused(
        &case,
        &bad,
        2,
        &["not valid UTF-8 (byte 21)", "not Windows-1252"],
    );
}

#[test]
fn nul_bytes_in_text() {
    let case = Case::new("nul");
    let bad = case.file(
        "nul.es.txt",
        b"Primera frase del texto.\nSegunda frase.\nTercera\x00 frase.\n",
    );
    align_refused(&case, &bad, 2, &["NUL byte on line 3, at byte 47"]);
}

#[test]
fn utf16_without_a_byte_order_mark_is_decoded_and_said_so() {
    let case = Case::new("utf16-no-bom");
    let text = std::fs::read_to_string(root().join(ES)).unwrap();
    let bytes: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let src = case.file("utf16.es.txt", bytes);
    let err = case.accepted(&[
        "align",
        path_str(&src),
        EN,
        "-o",
        "OUT",
        "--date",
        "20260101T000000Z",
    ]);
    assert!(
        err.contains(&format!(
            "{}: not UTF-8, decoded as UTF-16LE without a byte order mark",
            path_str(&src)
        )),
        "{err}"
    );
    let units = case.units();
    assert_eq!(units.len(), 26);
    assert!(units
        .iter()
        .any(|(es, _)| es.contains("Secretaría de Relaciones Exteriores")));
}

// Text that is hard on the segmenter, the aligner or the writer.

#[test]
fn a_50_mb_line() {
    let case = Case::new("long-line");
    let mb = if cfg!(debug_assertions) { 2 } else { 50 };
    // Words and periods with no spaces after them: one sentence, one line, no breaks.
    let line = "palabra.otra.".repeat(mb * (1 << 20) / 13);
    let src = case.file("line.es.txt", format!("{line}\n\nFin del documento.\n"));
    let en = case.file("line.en.txt", "A very long line.\n\nEnd of the document.\n");
    let start = Instant::now();
    let err = case.accepted(&["align", path_str(&src), path_str(&en), "-o", "OUT"]);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    // The line is one sentence; far longer than anything on the other side, it is left out
    // of the TMX and listed, and the rest aligns.
    assert!(
        err.contains("\nline: 2 Spanish and 2 English sentences"),
        "{err}"
    );
    assert!(
        err.contains("1 Spanish sentence has no English counterpart (not written): line 1 'palabra.otra.palabra.otra."),
        "{err}"
    );
    let units = case.units();
    assert_eq!(
        units.last().unwrap(),
        &(
            "Fin del documento.".to_string(),
            "End of the document.".to_string()
        )
    );
}

#[test]
fn a_million_one_word_lines() {
    let case = Case::new("million");
    let lines = if cfg!(debug_assertions) {
        200_000
    } else {
        1_000_000
    };
    let src = case.file("words.es.txt", "palabra\n".repeat(lines));
    let start = Instant::now();
    let err = case.accepted(&["align", path_str(&src), EN, "-o", "OUT"]);
    assert!(
        start.elapsed() < Duration::from_secs(90),
        "{:?}",
        start.elapsed()
    );
    assert!(
        err.contains(&format!("{lines} Spanish and 27 English sentences")),
        "{}",
        &err[..err.len().min(300)]
    );
    // Every sentence is accounted for: in a unit of the TMX or in the summary.
    let listed = err
        .lines()
        .find(|l| l.contains("Spanish sentences have no English counterpart"))
        .unwrap();
    let missing: usize = listed.split(' ').next().unwrap().parse().unwrap();
    // The summary lists the first of them by line and counts the rest.
    assert!(err
        .lines()
        .any(|l| l.starts_with("  line ") && l.ends_with(" 'palabra'")));
    assert!(err.contains(&format!("  ... and {} more", missing - 20)));
    let written: usize = case.units().len();
    assert!(missing + written <= lines && missing >= lines - 3 * 27);
    assert!(
        err.contains(&format!("warning: {} has", path_str(&src)))
            && err.contains("times as much text as"),
        "warns that one side is far longer: {}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn control_characters_are_removed_and_reported() {
    let case = Case::new("controls");
    let src = case.file(
        "c.es.txt",
        "El texto\u{7} tiene un timbre.\n\nY un escape\u{1b}[0m de terminal.\n",
    );
    let en = case.file(
        "c.en.txt",
        "The text has a bell.\n\nAnd a terminal\u{8} escape.\n",
    );
    let err = case.accepted(&["align", path_str(&src), path_str(&en), "-o", "OUT"]);
    assert!(
        err.contains("unit 1: 1 character(s) that XML 1.0 forbids were removed"),
        "{err}"
    );
    assert!(err.contains("unit 2: 2 character(s)"), "{err}");
    let units = case.units();
    assert_eq!(units[0].0, "El texto tiene un timbre.");
    assert_eq!(
        units[1],
        (
            "Y un escape[0m de terminal.".into(),
            "And a terminal escape.".into()
        )
    );
}

#[test]
fn a_sentence_of_control_characters_only_is_never_an_empty_segment() {
    let case = Case::new("only-controls");
    let src = case.file(
        "o.es.txt",
        "La primera frase del documento es larga y clara.\n\n\u{1}\u{2}\n\nLa segunda frase también es bastante larga.\n",
    );
    let en = case.file(
        "o.en.txt",
        "The first sentence of the document is long and clear.\n\n\u{3}\n\nThe second sentence is also quite long.\n",
    );
    let err = case.accepted(&["align", path_str(&src), path_str(&en), "-o", "OUT"]);
    assert!(
        err.contains("unit 2: line 3 holds only characters that XML 1.0 forbids (not written)"),
        "{err}"
    );
    let units = case.units();
    assert_eq!(units.len(), 2, "{units:?}");
    assert!(units
        .iter()
        .all(|(es, en)| !es.is_empty() && !en.is_empty()));
}

#[test]
fn xml_special_characters_and_cdata_ends_are_escaped() {
    let case = Case::new("xml-special");
    let es = "Si a < b && c > d, escriba \"<![CDATA[x]]>\" y 'fin'.";
    let en = "If a < b && c > d, write \"<![CDATA[x]]>\" and 'end'.";
    let src = case.file("x.es.txt", format!("{es}\n"));
    let tgt = case.file("x.en.txt", format!("{en}\n"));
    case.accepted(&["align", path_str(&src), path_str(&tgt), "-o", "OUT", "-q"]);
    let raw = std::fs::read_to_string(&case.out).unwrap();
    assert!(!raw.contains("]]>\""), "']]>' is escaped: {raw}");
    assert!(raw.contains("&lt;![CDATA[x]]&gt;"), "{raw}");
    assert_eq!(case.units(), [(es.to_string(), en.to_string())]);
}

// Pairs that are not what the user meant.

#[test]
fn swapped_languages_are_detected_from_the_text_and_warned_about() {
    let case = Case::new("swapped");
    let err = case.accepted(&["align", EN, ES, "-o", "OUT"]);
    let warning = err
        .lines()
        .find(|l| l.contains("warning"))
        .unwrap_or_default();
    assert!(
        warning.contains(&format!("{EN} reads as English and {ES} as Spanish"))
            && warning.contains("look swapped"),
        "{err}"
    );
    assert!(!case.units().is_empty(), "warned, not refused");
}

#[test]
fn an_untranslated_file_is_warned_about() {
    let case = Case::new("untranslated");
    let err = case.accepted(&["align", ES, "samples/sre-412.es.txt", "-o", "OUT", "-q"]);
    assert!(
        err.contains(
            "samples/sre-412.es.txt both read as Spanish: is one of them the translation?"
        ),
        "{err}"
    );
}

#[test]
fn one_side_ten_times_longer_than_the_other() {
    let case = Case::new("ten-times");
    let es = std::fs::read_to_string(root().join(ES)).unwrap();
    let long = case.file("long.es.txt", [es.as_str(); 10].join("\n\n"));
    let err = case.accepted(&["align", path_str(&long), EN, "-o", "OUT"]);
    assert!(
        err.contains(&format!("{} has 11.1", path_str(&long)))
            && err.contains(&format!("times as much text as {EN}")),
        "{err}"
    );
    let head = err.lines().find(|l| l.starts_with("long:")).unwrap();
    assert!(
        head.starts_with("long: 270 Spanish and 27 English sentences"),
        "{head}"
    );
    // Every sentence is in a unit: the ones not written are listed.
    assert!(case.units().len() >= 20);
    // Every sentence of both sides is in exactly one unit, in order.
    let json = case.run(&["align", path_str(&long), EN, "--format", "json", "-q"]);
    let units: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let side = |key: &str| -> Vec<u64> {
        units
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|u| {
                u[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_u64().unwrap())
            })
            .collect()
    };
    assert_eq!(side("src"), (0..270).collect::<Vec<u64>>());
    assert_eq!(side("tgt"), (0..27).collect::<Vec<u64>>());
}

#[test]
fn the_same_file_given_twice_is_refused() {
    let case = Case::new("same-file");
    let copy = case.file("copy.es.txt", std::fs::read(root().join(ES)).unwrap());
    let other_name = format!(
        "{}/../{}/copy.es.txt",
        path_str(&case.dir),
        case.dir.file_name().unwrap().to_str().unwrap()
    );
    case.refused(
        &["align", path_str(&copy), &other_name, "-o", "OUT"],
        2,
        Path::new(&other_name),
        &["is the same file as", path_str(&copy)],
    );
}

#[test]
fn two_files_with_the_same_text_are_refused() {
    let case = Case::new("same-text");
    let copy = case.file("copy.en.txt", std::fs::read(root().join(ES)).unwrap());
    case.refused(
        &["align", ES, path_str(&copy), "-o", "OUT"],
        2,
        &copy,
        &["has the same text as", ES],
    );
}

#[test]
fn an_output_that_would_overwrite_an_input_is_refused() {
    let case = Case::new("overwrite");
    let src = case.file("in.es.txt", std::fs::read(root().join(ES)).unwrap());
    let out = alinea(&["align", path_str(&src), EN, "-o", path_str(&src)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is the input"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&src).unwrap(),
        std::fs::read(root().join(ES)).unwrap()
    );
}

#[test]
fn an_output_folder_that_does_not_exist() {
    let case = Case::new("no-out-dir");
    let out = case.dir.join("out/missing/result.tmx");
    case.refused(
        &["align", ES, EN, "-o", path_str(&out)],
        3,
        &out,
        &["cannot write: its folder does not exist"],
    );
}

// Translation memories and segmentation rules that are not well-formed or not safe.

const TMX_HEAD: &str =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"es\"/>\n<body>\n";

#[test]
fn a_tmx_that_is_not_well_formed() {
    let case = Case::new("tmx-broken");
    let bad = case.file(
        "broken.tmx",
        format!("{TMX_HEAD}<tu>\n  <tuv xml:lang=\"es\"><seg>Hola</tuv>\n</tu>\n</body>\n</tmx>\n"),
    );
    case.refused(
        &["tmx", "stats", path_str(&bad)],
        2,
        &bad,
        &[&format!("{}:6:", path_str(&bad)), "not well-formed"],
    );
    // A merge that meets it mid-way leaves no partial output.
    case.refused(
        &[
            "tmx",
            "merge",
            "tmx/sre-366.tmx",
            path_str(&bad),
            "-o",
            "OUT",
        ],
        2,
        &bad,
        &[":6:"],
    );
}

#[test]
fn an_srx_that_is_not_well_formed() {
    let case = Case::new("srx-broken");
    let bad = case.file(
        "broken.srx",
        "<?xml version=\"1.0\"?>\n<srx version=\"2.0\">\n<body>\n<languagerules>\n  <languagerule languagerulename=\"x\">\n</body>\n</srx>\n",
    );
    case.refused(
        &["align", ES, EN, "--srx", path_str(&bad), "-o", "OUT"],
        2,
        &bad,
        &[&format!("{}:6:", path_str(&bad)), "not well-formed"],
    );
}

/// A DOCTYPE whose entity would put the contents of `secret` in the text if it were read.
fn external_entity(secret: &Path) -> String {
    format!(
        "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"file://{}\"><!ENTITY web SYSTEM \"http://127.0.0.1:9/x\">]>",
        secret.display()
    )
}

/// Nine levels of ten references: a billion copies of "lol" if expanded.
fn billion_laughs() -> String {
    let mut doctype = String::from("<!DOCTYPE root [<!ENTITY lol0 \"lol\">");
    for k in 1..10 {
        let refs = format!("&lol{};", k - 1).repeat(10);
        doctype.push_str(&format!("<!ENTITY lol{k} \"{refs}\">"));
    }
    doctype + "]>"
}

const RECURSIVE: &str = "<!DOCTYPE root [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>";

fn tmx_with(doctype: &str, entity: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<tmx version=\"1.4\">\n<header srclang=\"es\"/>\n<body>\n<tu><tuv xml:lang=\"es\"><seg>&{entity};</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>\n</body>\n</tmx>\n"
    )
}

fn srx_with(doctype: &str, entity: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{doctype}\n<srx version=\"2.0\"><header cascade=\"yes\"/><body><languagerules>\n<languagerule languagerulename=\"x\"><rule break=\"no\"><beforebreak>&{entity};</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>\n</languagerules><maprules><languagemap languagepattern=\".*\" languagerulename=\"x\"/></maprules></body></srx>\n"
    )
}

#[test]
fn a_tmx_with_external_entities_is_refused_without_reading_them() {
    let case = Case::new("tmx-xxe");
    let secret = case.file("secret.txt", "TOP-SECRET-CONTENT");
    let bad = case.file("xxe.tmx", tmx_with(&external_entity(&secret), "xxe"));
    let err = case.refused(
        &["tmx", "convert", path_str(&bad), "OUT"],
        2,
        &bad,
        &[&format!("{}:6:", path_str(&bad)), "undefined entity &xxe;"],
    );
    assert!(!err.contains("TOP-SECRET"));
    // Declared but not used: the file reads, and nothing is fetched.
    let unused = case.file("unused.tmx", tmx_with(&external_entity(&secret), "amp"));
    let out = alinea(&[
        "tmx",
        "convert",
        path_str(&unused),
        "-",
        "--to",
        "tsv",
        "-q",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("TOP-SECRET"));
}

#[test]
fn a_tmx_with_a_billion_laughs_or_recursive_entities_is_refused_at_once() {
    let case = Case::new("tmx-laughs");
    for (name, doctype, entity) in [
        ("laughs.tmx", billion_laughs(), "lol9"),
        ("recursive.tmx", RECURSIVE.to_string(), "a"),
    ] {
        let bad = case.file(name, tmx_with(&doctype, entity));
        let start = Instant::now();
        case.refused(
            &["tmx", "convert", path_str(&bad), "OUT"],
            2,
            &bad,
            &[&format!("undefined entity &{entity};")],
        );
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}

#[test]
fn an_srx_with_external_entities_is_refused_without_reading_them() {
    let case = Case::new("srx-xxe");
    let secret = case.file("secret.txt", "TOP-SECRET-CONTENT");
    let bad = case.file("xxe.srx", srx_with(&external_entity(&secret), "xxe"));
    let err = case.refused(
        &["align", ES, EN, "--srx", path_str(&bad), "-o", "OUT"],
        2,
        &bad,
        &[
            &format!("{}:4:", path_str(&bad)),
            "entities are never resolved",
        ],
    );
    assert!(!err.contains("TOP-SECRET"));
}

#[test]
fn an_srx_with_a_billion_laughs_or_recursive_entities_is_refused_at_once() {
    let case = Case::new("srx-laughs");
    for (name, doctype, entity) in [
        ("laughs.srx", billion_laughs(), "lol9"),
        ("recursive.srx", RECURSIVE.to_string(), "a"),
    ] {
        let bad = case.file(name, srx_with(&doctype, entity));
        let start = Instant::now();
        case.refused(
            &["align", ES, EN, "--srx", path_str(&bad), "-o", "OUT"],
            2,
            &bad,
            &[&format!("unknown entity &{entity};")],
        );
        assert!(start.elapsed() < Duration::from_secs(5));
    }
}

// Inputs too large for the memory there is.

#[test]
fn two_100_mb_files_over_the_memory_limit_stop_at_once() {
    let case = Case::new("100mb");
    let es = std::fs::read_to_string(root().join(ES)).unwrap();
    let en = std::fs::read_to_string(root().join(EN)).unwrap();
    let big = |name: &str, text: &str| {
        let path = case.dir.join(name);
        let copies = (100 << 20) / text.len() + 1;
        std::fs::write(&path, text.repeat(copies)).unwrap();
        path
    };
    let (src, tgt) = (big("big.es.txt", &es), big("big.en.txt", &en));
    let start = Instant::now();
    case.refused(
        &[
            "align",
            path_str(&src),
            path_str(&tgt),
            "-o",
            "OUT",
            "--max-memory",
            "1G",
        ],
        2,
        &src,
        &[
            path_str(&tgt),
            "200 MB of text needs about 1.4 GB of memory, above the limit of 1.0 GB (--max-memory)",
        ],
    );
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "at once, before reading: {:?}",
        start.elapsed()
    );
}

#[test]
fn utf16_files_count_at_half_their_size_against_the_memory_limit() {
    let case = Case::new("utf16-limit");
    // 20 MB of UTF-16 is 10 MB of text in one sentence: about 102 MB to align, under a
    // 150 MB limit that the file's size alone (172 MB) would break.
    let text = "palabra ".repeat(10 << 17);
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let src = case.file("wide.es.txt", bytes);
    case.accepted(&[
        "align",
        path_str(&src),
        EN,
        "-o",
        "OUT",
        "-q",
        "--max-memory",
        "150M",
    ]);
    assert!(case.out.exists());
}

#[test]
fn many_sentences_over_the_memory_limit_stop_before_aligning() {
    let case = Case::new("many-sentences");
    // Small as a file, but 400,000 sentences.
    let src = case.file("words.es.txt", "palabra\n".repeat(400_000));
    case.refused(
        &[
            "align",
            path_str(&src),
            EN,
            "-o",
            "OUT",
            "--max-memory",
            "300M",
        ],
        2,
        &src,
        &[
            "in 400027 sentences needs about",
            "above the limit of 300 MB",
        ],
    );
}

#[test]
fn a_bad_memory_limit_is_a_usage_error() {
    let out = alinea(&["align", ES, EN, "--max-memory", "lots"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("'lots' is not a size"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn extracted_text_over_the_memory_limit_stops_before_segmenting() {
    let case = Case::new("html-over-limit");
    // A page's size says little of its text, so it is not refused from its size: the text
    // it yields is measured before it is segmented.
    let paragraph = "<p>La palabra del ministerio es clara y firme.</p>\n".repeat(20 << 20 >> 6);
    let src = case.file(
        "big.es.html",
        format!("<html><body>{paragraph}</body></html>"),
    );
    let err = case.refused(
        &[
            "align",
            path_str(&src),
            EN,
            "-o",
            "OUT",
            "--max-memory",
            "100M",
        ],
        2,
        &src,
        &["of text needs about", "above the limit of 100 MB"],
    );
    assert!(
        !err.contains("sentences"),
        "refused before segmenting: {err}"
    );
}
