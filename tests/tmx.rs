//! Translation memories in and out: what alinea writes reads back the same, memories from
//! other tools read correctly, and `alinea tmx merge` deduplicates and reports.

mod common;
use alinea::align::cost::CostModel;
use alinea::output::tmx;
use alinea::tm::profile::Profile;
use alinea::tm::tmx::read::TmxReader;
use alinea::tm::tmx::write::{self, HeaderOut};
use alinea::tm::Tu;
use alinea::{align_documents, fit_to_profile, input, segment_document};
use common::*;
use std::path::Path;

/// Every unit of a TMX, with positions cleared so units compare by content.
fn read_units(path: &Path, bytes: &[u8]) -> Vec<Tu> {
    let mut reader = TmxReader::from_reader(path, bytes).unwrap();
    let mut units = Vec::new();
    while let Some(mut tu) = reader.next_tu().unwrap() {
        tu.pos = Default::default();
        for tuv in &mut tu.tuvs {
            tuv.pos = Default::default();
            tuv.seg_pos = Default::default();
        }
        units.push(tu);
    }
    units
}

fn read_file(path: &Path) -> Vec<Tu> {
    read_units(path, &std::fs::read(path).unwrap())
}

fn texts(tu: &Tu) -> (String, String) {
    (tu.tuvs[0].seg.plain_text(), tu.tuvs[1].seg.plain_text())
}

#[test]
fn every_tmx_alinea_writes_reads_back_to_the_same_units() {
    for name in sample_names() {
        let load = |lang: &str| {
            let doc = input::load(&root().join(format!("samples/{name}.{lang}.txt")), false);
            segment_document(doc.unwrap(), lang, false)
        };
        let al = align_documents(load("es"), load("en"), &CostModel::default());
        let (units, report) = tmx::units(&al, "20260101T000000Z");
        assert_eq!(units.len(), report.written);
        let bytes = write::to_bytes(&tmx::header(&al, "20260101T000000Z"), &units);
        assert_eq!(read_units(Path::new(&name), &bytes), units, "{name}");
        // The committed TMX holds the same units.
        assert_eq!(read_file(&root().join(format!("tmx/{name}.tmx"))), units);
        for profile in Profile::ALL {
            let (fitted, _) = fit_to_profile(units.clone(), profile);
            let header = HeaderOut::sentences(&profile.locale("es"), "20260101T000000Z");
            let bytes = write::to_bytes(&header, &fitted);
            assert_eq!(
                read_units(Path::new(&name), &bytes),
                fitted,
                "{name} {profile}"
            );
        }
    }
}

#[test]
fn a_trados_studio_export_reads_with_its_tags_and_fields() {
    let units = read_file(&root().join("tests/data/cat/trados-studio.tmx"));
    assert_eq!(units.len(), 3);
    let tu = &units[0];
    assert_eq!(tu.attr("changeid"), Some("OFICINA\\revisora"));
    assert_eq!(tu.attr("usagecount"), Some("3"));
    assert_eq!(tu.props[3].kind, "x-Cliente:SinglePicklist");
    assert_eq!(tu.tuvs[0].lang, "es-ES");
    assert!(tu.tuvs[0].seg.has_tags());
    assert_eq!(
        tu.tuvs[1].seg.plain_text(),
        "The Ministry of Foreign Affairs reports that the Foreign Minister will travel to Geneva on October 3."
    );
    assert!(tu.tuvs[1]
        .seg
        .to_xml()
        .contains(r#"<bpt i="1" type="1" x="1"></bpt>Geneva<ept i="1"></ept>"#));
    assert_eq!(texts(&units[1]).0, "Consulte el informe en .");
    assert_eq!(
        texts(&units[2]).0,
        "México & Canadá firmaron 1.250 acuerdos."
    );
}

#[test]
fn a_utf16_export_reads_like_its_utf8_original() {
    let path = root().join("tests/data/cat/trados-studio.tmx");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("utf-8", "utf-16");
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        assert_eq!(read_units(&path, &bytes), read_file(&path));
    }
}

#[test]
fn a_memoq_export_reads_with_its_context_and_document() {
    let path = root().join("tests/data/cat/memoq.tmx");
    let mut reader = TmxReader::open(&path).unwrap();
    assert_eq!(reader.header().attr("srclang"), Some("es-mx"));
    assert_eq!(reader.header().props.len(), 7);
    let tu = reader.next_tu().unwrap().unwrap();
    assert_eq!(tu.props[6].value, "comunicado-366.docx");
    assert_eq!(tu.tuvs[0].props[0].kind, "x-context-pre");
    assert_eq!(tu.tuvs[0].props[0].value, "<seg>Comunicado No. 366</seg>");
    assert_eq!(
        tu.tuvs[0].seg.plain_text(),
        "El Gobierno de México reitera su compromiso con el multilateralismo."
    );
    assert_eq!(tu.tuvs[1].lang, "en-us");
    assert!(reader.next_tu().unwrap().is_some());
    assert!(reader.next_tu().unwrap().is_none());
    assert!(reader.take_findings().is_empty());
}

#[test]
fn an_omegat_tmx_1_1_export_reads_with_lang_attributes() {
    let path = root().join("tests/data/cat/omegat.tmx");
    let mut reader = TmxReader::open(&path).unwrap();
    assert_eq!(reader.header().version, "1.1");
    let mut units = Vec::new();
    while let Some(tu) = reader.next_tu().unwrap() {
        units.push(tu);
    }
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].tuvs[0].lang, "ES");
    assert_eq!(units[0].tuvs[1].lang, "EN-GB");
    assert_eq!(units[0].tuvs[1].attr("changeid"), Some("marta"));
    // OmegaT writes its own tags as escaped text, not TMX inline elements.
    assert_eq!(
        texts(&units[1]).0,
        "<f0>Vacunación</f0> gratuita en 1.250 centros."
    );
    assert_eq!(units[2].props[0].kind, "file");
    assert_eq!(units[2].pos.line, 24);
}

fn merge(args: &[&str]) -> std::process::Output {
    let mut all = vec!["tmx", "merge", "--date", "20260101T000000Z"];
    all.extend_from_slice(args);
    alinea(&all)
}

fn committed_tmx() -> Vec<String> {
    sample_names()
        .iter()
        .map(|n| format!("tmx/{n}.tmx"))
        .collect()
}

#[test]
fn merging_the_committed_tmx_with_a_second_copy_yields_the_first() {
    let dir = temp_dir("merge-copy");
    let mut copies = Vec::new();
    for f in committed_tmx() {
        let copy = dir.join(format!(
            "copy-{}",
            Path::new(&f).file_name().unwrap().to_str().unwrap()
        ));
        std::fs::copy(root().join(&f), &copy).unwrap();
        copies.push(copy.to_str().unwrap().to_string());
    }
    let first = dir.join("first.tmx");
    let both = dir.join("both.tmx");
    let owned = committed_tmx();
    let mut args: Vec<&str> = owned.iter().map(String::as_str).collect();
    args.extend(["-q", "-o", path_str(&first)]);
    let out = merge(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut args: Vec<&str> = owned.iter().map(String::as_str).collect();
    args.extend(copies.iter().map(String::as_str));
    args.extend(["-o", path_str(&both)]);
    let out = merge(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&both).unwrap()
    );

    // The first is the inputs deduplicated: each distinct pair once, in input order.
    let mut seen = std::collections::HashSet::new();
    let mut expected = Vec::new();
    for f in &owned {
        for tu in read_file(&root().join(f)) {
            if seen.insert(texts(&tu)) {
                expected.push(texts(&tu));
            }
        }
    }
    let merged: Vec<(String, String)> = read_file(&first).iter().map(texts).collect();
    assert_eq!(merged, expected);
    let report = stderr(&out);
    let copies_total: usize = owned.iter().map(|f| read_file(&root().join(f)).len()).sum();
    assert!(
        report.contains(&format!(
            "{} dropped duplicates",
            2 * copies_total - expected.len()
        )),
        "{report}"
    );
    assert!(
        report.contains(&format!("{} written", expected.len())),
        "{report}"
    );
}

#[test]
fn merge_relabels_every_form_of_a_language_and_says_so() {
    let out = merge(&[
        "tests/data/cat/trados-studio.tmx",
        "tests/data/cat/memoq.tmx",
        "tests/data/cat/omegat.tmx",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let merged = read_units(Path::new("merged"), &out.stdout);
    assert_eq!(merged.len(), 8);
    assert!(merged
        .iter()
        .all(|tu| tu.tuvs[0].lang == "es" && tu.tuvs[1].lang == "en"));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(text.contains(r#"srclang="es""#));
    let report = stderr(&out);
    for line in [
        "3 variant(s) relabelled ES -> es",
        "3 variant(s) relabelled EN-GB -> en",
        "2 variant(s) relabelled es-mx -> es",
        "3 variant(s) relabelled es-ES -> es",
    ] {
        assert!(report.contains(line), "{line}: {report}");
    }
    // Tags and fields survive.
    assert!(text.contains(r#"<bpt i="1" type="bold">{}</bpt>multilateralismo"#));
    assert!(text.contains(r#"<prop type="x-Origin">TM</prop>"#));
}

fn write_tmx(dir: &Path, name: &str, units: &[(&str, &str, &str)]) -> String {
    let mut body = String::new();
    for (es, en, changed) in units {
        body.push_str(&format!(
            "<tu changedate=\"{changed}\"><tuv xml:lang=\"es\"><seg>{es}</seg></tuv><tuv xml:lang=\"en\"><seg>{en}</seg></tuv></tu>\n"
        ));
    }
    let text = format!(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"es\" segtype=\"sentence\"/><body>\n{body}</body></tmx>\n"
    );
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn conflicts_are_resolved_by_the_policy_asked_for() {
    let dir = temp_dir("merge-conflict");
    let a = write_tmx(
        &dir,
        "a.tmx",
        &[
            ("Hola.", "Hello.", "20200101T000000Z"),
            ("Sí.", "Yes.", "20200101T000000Z"),
        ],
    );
    let b = write_tmx(
        &dir,
        "b.tmx",
        &[
            ("Hola.", "Hi.", "2021-06-01T12:00:00+02:00"),
            ("Sí.", "Yes indeed.", "20190101T000000Z"),
        ],
    );
    let targets = |policy: &str| {
        let out = merge(&[&a, &b, "--on-conflict", policy]);
        assert!(out.status.success(), "{}", stderr(&out));
        let units = read_units(Path::new("m"), &out.stdout);
        (
            units.iter().map(|t| texts(t).1).collect::<Vec<_>>(),
            stderr(&out),
        )
    };
    let (newest, report) = targets("keep-newest");
    assert_eq!(newest, ["Yes.", "Hi."]);
    assert!(report.contains("2 dropped conflicts"), "{report}");
    assert!(report.contains("a.tmx:3 (kept "), "{report}");
    assert!(report.contains("1 date(s) rewritten as UTC"), "{report}");
    assert_eq!(targets("keep-first").0, ["Hello.", "Yes."]);
    assert_eq!(
        targets("keep-all").0,
        ["Hello.", "Yes.", "Hi.", "Yes indeed."]
    );
    let out = merge(&[&a, "--on-conflict", "keep-last"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("keep-newest, keep-all or keep-first"));
}

#[test]
fn merge_drops_what_a_cat_tool_would_refuse_and_says_why() {
    let dir = temp_dir("merge-drops");
    let path = dir.join("mixed.tmx");
    std::fs::write(
        &path,
        "<tmx version=\"1.4\"><header srclang=\"es\"/><body>\n\
         <tu><tuv xml:lang=\"es\"><seg>Solo español.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"es\"><seg> </seg></tuv><tuv xml:lang=\"en\"><seg>Empty source.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"es-ES\"><seg>Coche.</seg></tuv><tuv xml:lang=\"es-MX\"><seg>Carro.</seg></tuv><tuv xml:lang=\"en\"><seg>Car.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"es\"><seg>Bien. </seg></tuv><tuv xml:lang=\"en\"><seg>Fine.</seg></tuv><tuv xml:lang=\"fr\"><seg>Bien.</seg></tuv></tu>\n\
         </body></tmx>",
    )
    .unwrap();
    let out = merge(&[path_str(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stderr(&out);
    for line in [
        "4 units read from 1 file(s), 1 written",
        "1 dropped without a variant in the target language: ",
        "mixed.tmx:2 (has es)",
        "1 dropped with an empty segment: ",
        "mixed.tmx:3 (es side)",
        "1 dropped with two variants for one language: ",
        "mixed.tmx:4 (es-ES and es-MX)",
        "1 variant(s) in fr left out",
        "1 segment(s) trimmed",
    ] {
        assert!(report.contains(line), "{line}: {report}");
    }
}

#[test]
fn a_malformed_input_stops_the_merge_with_its_place_and_no_output() {
    let dir = temp_dir("merge-bad");
    let bad = dir.join("bad.tmx");
    std::fs::write(
        &bad,
        "<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"es\"><seg>a</tuv></tu>\n</body></tmx>",
    )
    .unwrap();
    let out_file = dir.join("out.tmx");
    let out = merge(&["tmx/sre-366.tmx", path_str(&bad), "-o", path_str(&out_file)]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{}:2:", bad.display())), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!out_file.exists());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left"
    );

    let missing = merge(&["tmx/nope.tmx"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("tmx/nope.tmx: cannot read: no such file"));
}

#[test]
fn align_with_a_profile_writes_what_the_tool_imports_best() {
    let run = |profile: &str| {
        let out = alinea(&[
            "align",
            "samples/sre-366.es.txt",
            "samples/sre-366.en.txt",
            "--date",
            "20260101T000000Z",
            "--profile",
            profile,
            "-q",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let trados = run("trados");
    assert!(trados.contains(r#"srclang="es-ES""#));
    assert!(trados.contains(r#"<tuv xml:lang="en-US">"#));
    assert!(trados.contains(r#"<prop type="x-bead:SingleString">1-1</prop>"#));
    let omegat = run("omegat");
    let plain = std::fs::read_to_string(root().join("tmx/sre-366.tmx")).unwrap();
    assert_eq!(
        omegat, plain,
        "es/en is already OmegaT's form: nothing else changes"
    );
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--profile",
        "trados",
        "--format",
        "tsv",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_passes_what_alinea_writes_and_the_tool_exports() {
    let mut args = vec!["tmx", "validate"];
    let files = committed_tmx();
    args.extend(files.iter().map(String::as_str));
    args.extend([
        "tests/data/cat/trados-studio.tmx",
        "tests/data/cat/memoq.tmx",
        "tests/data/cat/omegat.tmx",
    ]);
    let out = alinea(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("tmx/sre-366.tmx: 26 units, no problems"));
}

#[test]
fn validate_reports_each_problem_with_file_line_and_column_and_exits_1() {
    let dir = temp_dir("validate");
    let path = dir.join("defects.tmx");
    std::fs::write(
        &path,
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationdate=\"2025-03-01 10:15:00\"/>\n<body>\n\
         <tu>\n  <tuv xml:lang=\"es_ES\"><seg>Hola </seg></tuv>\n  <tuv xml:lang=\"en\"><seg></seg></tuv>\n</tu>\n\
         <tu srclang=\"es\"><tuv xml:lang=\"en\"><seg>Only\u{b}English</seg></tuv></tu>\n</body>\n</tmx>\n",
    )
    .unwrap();
    let out = alinea(&["tmx", "validate", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = String::from_utf8(out.stdout.clone()).unwrap();
    let file = path.display().to_string();
    for line in [
        format!("{file}:3:1: the header has no srclang"),
        format!("{file}:3:1: <header> creationdate=\"2025-03-01 10:15:00\" is not a date"),
        format!("{file}:6:3: xml:lang: 'es_ES' is not a BCP 47 tag"),
        format!("{file}:6:30: whitespace at the end of the segment"),
        format!("{file}:7:27: empty segment"),
        format!("{file}:9:1: srclang es, but es_ES at 6:3: one language tagged two ways"),
        format!("{file}:9:1: <tu> with one <tuv> (en): no translation"),
        format!("{file}:9:1: no <tuv> in the srclang es (this unit has en)"),
        format!("{file}:9:46: character U+000B, which XML 1.0 forbids"),
    ] {
        assert!(
            report.lines().any(|l| l.starts_with(&line)),
            "{line}\n{report}"
        );
    }
    assert_eq!(report.lines().count(), 9, "{report}");
    assert!(stderr(&out).contains("9 problems"));

    // Not well-formed: one problem at its place, still exit code 1.
    std::fs::write(&path, "<tmx version=\"1.4\"><header srclang=\"es\"/><body>\n<tu><tuv xml:lang=\"es\"><seg>a</tuv>").unwrap();
    let out = alinea(&["tmx", "validate", path_str(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with(&format!("{file}:2:")));

    let out = alinea(&["tmx", "validate", "tmx/missing.tmx"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stats_counts_units_languages_lengths_and_props() {
    let out = alinea(&[
        "tmx",
        "stats",
        "tests/data/cat/trados-studio.tmx",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["units"], 3);
    assert_eq!(s["units_with_tags"], 2);
    assert_eq!(s["languages"]["es-ES"]["variants"], 3);
    assert_eq!(s["languages"]["en-US"]["max_chars"], 101);
    assert_eq!(s["props"]["x-Context"], 3);
    assert_eq!(s["first_date"], "20240311T101501Z");
    let out = alinea(&["tmx", "stats", "tmx/sre-366.tmx"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("26 units (0 with inline tags)"), "{text}");
    assert!(text.contains("2 duplicate units"), "{text}");
}

fn convert(args: &[&str]) -> std::process::Output {
    let mut all = vec!["tmx", "convert", "--date", "20260101T000000Z"];
    all.extend_from_slice(args);
    alinea(&all)
}

#[test]
fn tmx_goes_to_tsv_and_xliff_and_comes_back_with_the_same_pairs() {
    let dir = temp_dir("convert");
    for name in sample_names() {
        let tmx = format!("tmx/{name}.tmx");
        let original = read_file(&root().join(&tmx));
        for ext in ["tsv", "xlf"] {
            let there = dir.join(format!("{name}.{ext}"));
            let back = dir.join(format!("{name}.{ext}.tmx"));
            let out = convert(&[&tmx, path_str(&there), "-q"]);
            assert!(out.status.success(), "{}", stderr(&out));
            let out = convert(&[path_str(&there), path_str(&back)]);
            assert!(out.status.success(), "{}", stderr(&out));
            let again = read_file(&back);
            assert_eq!(again.len(), original.len(), "{name} {ext}");
            for (a, o) in again.iter().zip(&original) {
                assert_eq!(texts(a), texts(o));
                assert_eq!(a.attr("tuid"), o.attr("tuid"));
                assert_eq!((&*a.tuvs[0].lang, &*a.tuvs[1].lang), ("es", "en"));
            }
        }
    }
}

#[test]
fn tags_go_through_xliff_but_need_strip_tags_for_tsv() {
    let dir = temp_dir("convert-tags");
    let xlf = dir.join("t.xlf");
    let back = dir.join("t.tmx");
    let src = "tests/data/cat/trados-studio.tmx";
    assert!(convert(&[src, path_str(&xlf)]).status.success());
    assert!(convert(&[path_str(&xlf), path_str(&back)]).status.success());
    let original = read_file(&root().join(src));
    for (a, o) in read_file(&back).iter().zip(&original) {
        for (x, y) in a.tuvs.iter().zip(&o.tuvs) {
            assert_eq!(x.seg.plain_text(), y.seg.plain_text());
            assert_eq!(x.seg.has_tags(), y.seg.has_tags());
        }
    }
    let tsv = dir.join("t.tsv");
    let out = convert(&[src, path_str(&tsv)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("trados-studio.tmx:11:5: this unit has inline tags"));
    assert!(!tsv.exists());
    let out = convert(&[src, path_str(&tsv), "--strip-tags"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("4 segment(s) stripped of inline tags"));
    let text = std::fs::read_to_string(&tsv).unwrap();
    assert!(text.starts_with("es-ES\ten-US\ttuid\n"));
    assert!(text.contains("See the report at .\t"));
}

#[test]
fn align_tsv_converts_to_tmx_and_the_output_format_must_be_known() {
    let dir = temp_dir("convert-align");
    let tsv = dir.join("b.tsv");
    let out = alinea(&[
        "align",
        "samples/boletin-salud.es.txt",
        "samples/boletin-salud.en.txt",
        "--format",
        "tsv",
        "-q",
        "-o",
        path_str(&tsv),
    ]);
    assert!(out.status.success());
    let out = convert(&[path_str(&tsv), "-", "--to", "tmx", "--profile", "trados"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let units = read_units(Path::new("b"), &out.stdout);
    assert!(units.iter().all(|t| t.tuvs[0].lang == "es-ES"));
    // The unit with an empty Spanish side is dropped and reported.
    assert!(
        stderr(&out).contains("1 dropped with an empty segment"),
        "{}",
        stderr(&out)
    );
    let out = convert(&[path_str(&tsv), "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--to"));
}

#[test]
fn a_tsv_edited_in_a_spreadsheet_comes_back_as_a_tmx_with_its_tuids_and_props() {
    let dir = temp_dir("from-tsv");
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--format",
        "tsv",
        "-q",
    ]);
    assert!(out.status.success());
    let tsv = String::from_utf8(out.stdout).unwrap();
    // What a reviewer does: delete a row, correct a cell, reject a row.
    let mut rows: Vec<String> = tsv.lines().map(String::from).collect();
    let find = |rows: &[String], text: &str| rows.iter().position(|r| r.contains(text)).unwrap();
    rows.remove(find(&rows, "\tPress Release No. 366\t"));
    let k = find(&rows, "Andrew Seele");
    rows[k] = rows[k].replace("Andrew Seele", "Andrew Selee");
    let k = find(&rows, "This approach to migration");
    rows[k].push_str("reject");
    let edited = dir.join("edited.tsv");
    std::fs::write(&edited, rows.join("\r\n") + "\r\n").unwrap();

    let tmx_path = dir.join("back.tmx");
    let out = alinea(&[
        "tmx",
        "from-tsv",
        path_str(&edited),
        "-o",
        path_str(&tmx_path),
        "--date",
        "20260101T000000Z",
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("1 row(s) with status reject left out: line "),
        "{err}"
    );
    // The closing line has no English side: not a pair.
    assert!(err.contains("1 dropped with an empty segment"), "{err}");

    let original = read_file(&root().join("tmx/sre-366.tmx"));
    let back = read_file(&tmx_path);
    assert_eq!(
        back.len(),
        original.len() - 2,
        "a row deleted, a row rejected"
    );
    let tuids: Vec<&str> = back.iter().map(|t| t.attr("tuid").unwrap()).collect();
    assert!(!tuids.contains(&"sre-366-5") && !tuids.contains(&"sre-366-18"));
    for tu in &back {
        let before = original
            .iter()
            .find(|o| o.attr("tuid") == tu.attr("tuid"))
            .unwrap();
        assert_eq!(tu.props, before.props, "{:?}", tu.attr("tuid"));
        assert_eq!(tu.tuvs[0].seg, before.tuvs[0].seg);
        if tu.attr("tuid") == Some("sre-366-22") {
            assert!(texts(tu).1.starts_with("Andrew Selee, President"));
        } else {
            assert_eq!(tu.tuvs[1].seg, before.tuvs[1].seg, "{:?}", tu.attr("tuid"));
        }
    }
    let out = alinea(&["tmx", "validate", path_str(&tmx_path)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Every prefixed element and attribute name of `xml` has its namespace declared.
fn prefixes_are_declared(xml: &str) -> Result<(), String> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut reader = quick_xml::NsReader::from_str(xml);
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) | Event::Empty(e) => {
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| e.to_string())?;
                    if let (ResolveResult::Unknown(p), _) =
                        reader.resolver().resolve_attribute(attr.key)
                    {
                        return Err(format!(
                            "prefix {} undeclared",
                            String::from_utf8_lossy(p.as_ref())
                        ));
                    }
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

#[test]
fn namespaced_attributes_keep_their_declaration_through_merge_and_convert() {
    let dir = temp_dir("tmx-namespaces");
    let input = dir.join("ns.tmx");
    std::fs::write(
        &input,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4" xmlns:okp="okapi-framework:xliff-extensions">
<header srclang="es" segtype="sentence" creationtool="x" creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/>
<body>
<tu tuid="1" okp:flag="yes"><tuv xml:lang="es"><seg>Hola.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
</body>
</tmx>
"#,
    )
    .unwrap();
    assert!(prefixes_are_declared(&std::fs::read_to_string(&input).unwrap()).is_ok());
    for args in [
        vec!["tmx", "merge", path_str(&input), "-q", "-o", "-"],
        vec!["tmx", "convert", path_str(&input), "-", "--to", "tmx", "-q"],
    ] {
        let out = alinea(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let xml = String::from_utf8(out.stdout).unwrap();
        assert!(xml.contains("okp:flag=\"yes\""), "{xml}");
        prefixes_are_declared(&xml).unwrap_or_else(|e| panic!("{args:?}: {e}\n{xml}"));
    }
}

#[test]
fn an_alternative_translation_for_one_context_does_not_replace_the_default() {
    let dir = temp_dir("tmx-omegat-alternative");
    let input = dir.join("project_save.tmx");
    std::fs::write(
        &input,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header srclang="en" segtype="sentence" creationtool="OmegaT" creationtoolversion="6" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext"/>
<body>
<tu changedate="20240101T000000Z"><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="es"><seg>Abrir</seg></tuv></tu>
<tu changedate="20250101T000000Z"><prop type="file">menu.txt</prop><prop type="x-prev">File</prop><prop type="x-next">Close</prop><tuv xml:lang="en"><seg>Open</seg></tuv><tuv xml:lang="es"><seg>Abierto</seg></tuv></tu>
</body>
</tmx>
"#,
    )
    .unwrap();
    let out = alinea(&[
        "tmx",
        "merge",
        path_str(&input),
        "--src-lang",
        "en",
        "--tgt-lang",
        "es",
        "-q",
        "-o",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("<seg>Abrir</seg>") && xml.contains("<seg>Abierto</seg>"),
        "{xml}"
    );
}

#[test]
fn a_unit_level_srclang_says_the_source_where_the_header_does_not() {
    let dir = temp_dir("tmx-tu-srclang");
    let input = dir.join("all.tmx");
    std::fs::write(
        &input,
        r#"<tmx version="1.4"><header srclang="*all*" segtype="sentence" creationtool="x" creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu srclang="fr"><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>
</body></tmx>"#,
    )
    .unwrap();
    let out = alinea(&["tmx", "convert", path_str(&input), "-", "--to", "tsv", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "fr\tde\ttuid\nBonjour\tHallo\t\n"
    );
}

#[test]
fn deeply_nested_inline_elements_are_refused_not_a_crash() {
    let dir = temp_dir("tmx-deep");
    let deep =
        |open: &str, close: &str| format!("{}x{}", open.repeat(20_000), close.repeat(20_000));
    let tmx = dir.join("deep.tmx");
    std::fs::write(
        &tmx,
        format!(
            "<tmx version=\"1.4\"><header srclang=\"es\" segtype=\"sentence\" creationtool=\"x\" creationtoolversion=\"1\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\"/><body>\n<tu><tuv xml:lang=\"es\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>y</seg></tuv></tu></body></tmx>",
            deep("<hi>", "</hi>")
        ),
    )
    .unwrap();
    let out_file = dir.join("out.tsv");
    for args in [
        vec!["tmx", "stats", path_str(&tmx)],
        vec!["tmx", "validate", path_str(&tmx)],
        vec![
            "tmx",
            "convert",
            path_str(&tmx),
            path_str(&out_file),
            "--strip-tags",
        ],
        vec!["tmx", "merge", path_str(&tmx), "-o", path_str(&out_file)],
    ] {
        let out = alinea(&args);
        let err = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {err}");
        assert!(
            err.contains("deep.tmx:2:") && err.contains("nested more than"),
            "{args:?}: {err}"
        );
        assert!(!out_file.exists());
    }
    let xlf = dir.join("deep.xlf");
    std::fs::write(
        &xlf,
        format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><segment><source>{}</source><target>y</target></segment></unit></file></xliff>",
            deep("<pc id=\"1\">", "</pc>")
        ),
    )
    .unwrap();
    let out = alinea(&["tmx", "convert", path_str(&xlf), path_str(&out_file)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nested more than"),
        "{}",
        stderr(&out)
    );
    assert!(!out_file.exists());
}
