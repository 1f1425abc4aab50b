//! XLIFF: `align --format xliff` writes XLIFF 2.0 that the XLIFF reader reads back as the
//! same pairs the TSV holds, leaving out (and reporting) units with an empty side; the reader
//! names the file it cannot read.

mod common;
use alinea::tm::xliff::pairs as xliff;
use common::*;

#[test]
fn align_writes_xliff_2_that_reads_back_as_the_aligned_pairs() {
    let dir = temp_dir("xliff-out");
    let out_file = dir.join("sre-366.xlf");
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--format",
        "xliff",
        "--src-lang",
        "es-MX",
        "-o",
        path_str(&out_file),
    ]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("27 units, 26 written to the XLIFF"), "{err}");
    assert!(
        err.contains("no English counterpart (not written): line 34"),
        "{err}"
    );

    let tsv = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--format",
        "tsv",
        "-q",
    ]);
    let expected: Vec<(String, String)> = String::from_utf8(tsv.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .filter(|(s, t)| !s.is_empty() && !t.is_empty())
        .collect();

    let back = xliff::load(&out_file).unwrap();
    assert_eq!(back.version, "2.0");
    assert_eq!(back.files.len(), 1);
    assert_eq!(back.files[0].src_lang, "es-MX");
    let pairs: Vec<(String, String)> = back
        .pairs()
        .map(|(_, p)| (p.source.clone(), p.target.clone().unwrap_or_default()))
        .collect();
    assert_eq!(pairs, expected);
    let ids: Vec<&str> = back.files[0]
        .pairs
        .iter()
        .map(|p| p.unit.as_str())
        .collect();
    assert_eq!(ids.len(), 26);
    assert_eq!(ids[0], "sre-366-1");
}

#[test]
fn the_xliff_reader_names_the_file_it_cannot_read() {
    let dir = temp_dir("xliff-bad");
    let bad = dir.join("memoria.xlf");
    std::fs::write(&bad, "<tmx version=\"1.4\"><body/></tmx>").unwrap();
    let err = xliff::load(&bad).unwrap_err().to_string();
    assert!(err.starts_with(path_str(&bad)), "{err}");
    assert!(err.contains("not an XLIFF file"), "{err}");
    let cut = dir.join("cortado.xlf");
    std::fs::write(&cut, "<xliff version=\"1.2\">\n<file original=\"a\"\n").unwrap();
    let err = xliff::load(&cut).unwrap_err().to_string();
    assert!(err.contains("cortado.xlf") && err.contains("line"), "{err}");
}

#[test]
fn align_refuses_an_xliff_input_and_says_why() {
    let dir = temp_dir("xliff-in");
    let f = dir.join("bilingue.xlf");
    std::fs::write(
        &f,
        "<?xml version=\"1.0\"?><xliff version=\"2.0\" srcLang=\"es\"></xliff>",
    )
    .unwrap();
    let out = alinea(&["align", path_str(&f), "samples/sre-366.en.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(path_str(&f)) && err.contains("XLIFF"), "{err}");
}

#[test]
fn qa_reads_a_memory_whose_first_segment_has_no_target() {
    let dir = temp_dir("xliff-source-only");
    let file = dir.join("first-untranslated.xlf");
    std::fs::write(
        &file,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="es" trgLang="en">
  <file id="f1">
    <unit id="u1"><segment><source>Sin traducir todavía.</source></segment></unit>
    <unit id="u2"><segment><source>El acuerdo se firmó el 5 de mayo.</source><target>The agreement was signed on May 5.</target></segment></unit>
  </file>
</xliff>
"#,
    )
    .unwrap();
    let out = alinea(&["qa", "--tmx", path_str(&file)]);
    let err = stderr(&out);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{err}");
    assert!(
        err.contains("1 of 2 units without both es and en were not checked"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 units checked"));
}

#[test]
fn qa_takes_the_target_language_given_when_the_file_declares_none() {
    let dir = temp_dir("xliff-no-target-lang");
    let file = dir.join("no-target-language.xlf");
    std::fs::write(
        &file,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="nota.txt" source-language="es" datatype="plaintext">
    <body>
      <trans-unit id="1"><source>Hay 25 países.</source><target>There are 25 countries.</target></trans-unit>
    </body>
  </file>
</xliff>
"#,
    )
    .unwrap();
    let out = alinea(&["qa", "--tmx", path_str(&file), "--tgt-lang", "en"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("were not checked"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 units checked"));
}

/// Writes `text` as `name` in a fresh folder and returns its path.
fn file(test: &str, name: &str, text: &str) -> std::path::PathBuf {
    let path = temp_dir(test).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_attribute_of_another_vocabulary_does_not_hide_the_version() {
    // ITS 2.0 annotations carry `its:version="2.0"` on an XLIFF 1.2 root.
    let path = file(
        "xliff-its-version",
        "its.xlf",
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:its="http://www.w3.org/2005/11/its" its:version="2.0" version="1.2">
<file original="a" source-language="de-DE" target-language="en-GB"><body>
<trans-unit id="1"><source>Guten Tag.</source><target>Good day.</target></trans-unit>
</body></file></xliff>"#,
    );
    let out = alinea(&["qa", "--tmx", path_str(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 units checked"));
}

#[test]
fn xliff_1_1_is_known_by_its_namespace() {
    let path = file(
        "xliff-1-1",
        "old.xlf",
        r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.1">
  <file source-language="en" target-language="es" original="t.txt"><body>
    <trans-unit id="1"><source>Two cats.</source><target>Dos gatos.</target></trans-unit>
    <trans-unit id="2"><source>Three dogs.</source><target>Tres perros.</target></trans-unit>
  </body></file>
</xliff>"#,
    );
    let out = alinea(&["qa", "--tmx", path_str(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 units checked"));
}

#[test]
fn an_xliff_2_without_target_language_converts_with_the_one_given() {
    let path = file(
        "xliff-no-trglang",
        "src-only.xlf",
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
  <file id="f"><unit id="u1"><segment><source>Birds.</source><target>Aves.</target></segment></unit></file>
</xliff>"#,
    );
    let out_path = path.with_file_name("out.tsv");
    let run = |tgt: Option<&str>| {
        let mut args = vec!["tmx", "convert", path_str(&path), path_str(&out_path), "-q"];
        if let Some(t) = tgt {
            args.extend(["--tgt-lang", t]);
        }
        alinea(&args)
    };
    let out = run(None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--tgt-lang"), "{}", stderr(&out));
    assert!(!out_path.exists());
    let out = run(Some("es"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        "en\tes\ttuid\nBirds.\tAves.\t\n"
    );
}

#[test]
fn a_conversion_that_writes_no_unit_is_an_error_and_leaves_no_file() {
    let dir = temp_dir("convert-nothing");
    let out_path = dir.join("out.tsv");
    // The samples are es/en: asking for fr/de finds no unit.
    let out = alinea(&[
        "tmx",
        "convert",
        "tmx/sre-366.tmx",
        path_str(&out_path),
        "--src-lang",
        "fr",
        "--tgt-lang",
        "de",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("nothing to write"),
        "{}",
        stderr(&out)
    );
    assert!(!out_path.exists());
    let merged = dir.join("merged.tmx");
    let out = alinea(&[
        "tmx",
        "merge",
        "tmx/sre-366.tmx",
        "--src-lang",
        "fr",
        "--tgt-lang",
        "de",
        "-o",
        path_str(&merged),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!merged.exists());
}

#[test]
fn a_control_character_in_the_xml_is_refused_with_its_line() {
    for (name, target) in [
        ("literal.xlf", "Adi\u{3}os."),
        ("reference.xlf", "Adi&#x3;os."),
    ] {
        let path = file(
            "xliff-control",
            name,
            &format!(
                "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"a\" source-language=\"en\" target-language=\"es\"><body>\n<trans-unit id=\"1\"><source>Bye.</source>\n<target>{target}</target></trans-unit>\n</body></file></xliff>\n"
            ),
        );
        let out = alinea(&["qa", "--tmx", path_str(&path)]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(name) && err.contains("line 4") && err.contains("U+0003"),
            "{err}"
        );
    }
}

#[test]
fn code_ids_of_another_tool_pair_the_tmx_codes_of_source_and_target() {
    let path = file(
        "xliff-code-ids",
        "codes.xlf",
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="es">
<file id="f"><unit id="u1">
<originalData><data id="d1">&lt;br/&gt;</data><data id="d2">&lt;b&gt;</data><data id="d3">&lt;/b&gt;</data></originalData>
<segment>
<source>Line<ph id="ph1" dataRef="d1"/> and <pc id="pc1" dataRefStart="d2" dataRefEnd="d3">bold</pc> and <pc id="pc2">plain</pc>.</source>
<target>Línea<ph id="ph1" dataRef="d1"/> y <pc id="pc1" dataRefStart="d2" dataRefEnd="d3">negrita</pc> y <pc id="pc2">llano</pc>.</target>
</segment></unit></file></xliff>"#,
    );
    let out = alinea(&[
        "tmx",
        "convert",
        path_str(&path),
        "-",
        "--to",
        "tmx",
        "-q",
        "--date",
        "20260101T000000Z",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tmx = String::from_utf8(out.stdout).unwrap();
    let segs: Vec<&str> = tmx
        .split("<seg>")
        .skip(1)
        .map(|s| s.split("</seg>").next().unwrap())
        .collect();
    assert_eq!(segs.len(), 2, "{tmx}");
    // Each code has an x, and the same x on both sides.
    let xs = |seg: &str| -> Vec<String> {
        seg.split(" x=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(xs(segs[0]).len(), 3, "{}", segs[0]);
    assert_eq!(xs(segs[0]), xs(segs[1]), "{tmx}");
    assert!(
        segs[0].contains("<ph x=") && segs[0].contains("<hi x="),
        "{}",
        segs[0]
    );
}

#[test]
fn a_unit_goes_through_xliff_2_and_back_with_its_attributes_props_notes_and_codes() {
    use alinea::tm::xliff::{XliffReader, XliffWriter};
    use alinea::tm::{Code, CodeText, Inline, Prop, Segment, Tu, Tuv};
    let code = |code: Code, attrs: &[(&str, &str)], native: &str| Inline::Code {
        code,
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        content: vec![CodeText::Native(native.into())],
    };
    let seg = |word: &str| {
        Segment(vec![
            Inline::Text(format!("{word} ")),
            code(
                Code::Bpt,
                &[("i", "1"), ("x", "1"), ("type", "bold")],
                "<b>",
            ),
            Inline::Text("uno".into()),
            code(Code::Ept, &[("i", "1")], "</b>"),
            Inline::Text(" & ".into()),
            code(Code::Ph, &[("x", "2")], "<br/>"),
            Inline::Hi {
                attrs: vec![("x".into(), "3".into()), ("type".into(), "link".into())],
                content: vec![Inline::Text("fin".into())],
            },
        ])
    };
    let tu = Tu {
        attrs: vec![
            ("tuid".into(), "nota-1".into()),
            ("creationdate".into(), "20240926T120000Z".into()),
            ("changeid".into(), "revisora <a&b>".into()),
        ],
        props: vec![
            Prop::new("x-document", "nota"),
            Prop::new("x-alignment-score", "0.991"),
        ],
        notes: vec!["Revisar la cifra.".into(), "Segunda nota".into()],
        tuvs: vec![
            Tuv {
                lang: "es".into(),
                seg: seg("Hola"),
                ..Tuv::default()
            },
            Tuv {
                lang: "en".into(),
                seg: seg("Hello"),
                ..Tuv::default()
            },
        ],
        ..Tu::default()
    };
    let mut bytes = Vec::new();
    {
        let mut w = XliffWriter::start(&mut bytes, "es", "en", "nota.tmx").unwrap();
        w.write_tu(&tu).unwrap();
        w.finish().unwrap();
    }
    let mut r = XliffReader::from_reader(std::path::Path::new("t.xlf"), bytes.as_slice()).unwrap();
    let back = r.next_tu().unwrap().expect("one unit");
    assert_eq!(back.attrs, tu.attrs, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(back.props, tu.props);
    assert_eq!(back.notes, tu.notes);
    for (b, t) in back.tuvs.iter().zip(&tu.tuvs) {
        assert_eq!(b.seg.to_xml(), t.seg.to_xml());
    }
}
