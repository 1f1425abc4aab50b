//! Reading web pages and Word documents: `alinea align` on an HTML or DOCX pair gives the
//! same units as on the same text saved as `.txt`, page furniture is left out, and declared
//! charsets are honoured.

mod common;
use common::*;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// `align --format tsv` on a pair, which must succeed; returns its rows' source, target
/// and score (no header row, no tuid) and stderr.
fn align_tsv(es: &str, en: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["align", es, en, "--format", "tsv"];
    args.extend_from_slice(extra);
    let out = alinea(&args);
    let err = stderr(&out);
    assert!(out.status.success(), "{es}: {err}");
    let rows: String = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').take(3).collect::<Vec<_>>().join("\t") + "\n")
        .collect();
    (rows, err)
}

#[test]
fn an_html_pair_aligns_like_the_same_text_saved_as_txt() {
    let (html, _) = align_tsv(
        &fixture("html/comunicado.es.html"),
        &fixture("html/comunicado.en.html"),
        &[],
    );
    let (txt, _) = align_tsv(
        &fixture("html/comunicado.es.txt"),
        &fixture("html/comunicado.en.txt"),
        &[],
    );
    assert_eq!(html, txt);
    assert_eq!(html.lines().count(), 14);
}

#[test]
fn a_page_with_navigation_and_footer_aligns_only_its_article() {
    let (tsv, err) = align_tsv(
        &fixture("html/comunicado.es.html"),
        &fixture("html/comunicado.en.html"),
        &[],
    );
    for furniture in [
        "gob.mx",
        "Ir al contenido",
        "Trámites",
        "Inicio",
        "Facebook",
        "Compartir",
        "Notas relacionadas",
        "Ottawa",
        "derechos reservados",
        "cookies",
        "dataLayer",
        "display",
        "Secretaría de Relaciones Exteriores | Gobierno",
    ] {
        assert!(!tsv.contains(furniture), "'{furniture}' was kept:\n{tsv}");
    }
    assert!(tsv.starts_with(
        "México y Canadá amplían la movilidad laboral\tMexico and Canada expand labour mobility\t"
    ));
    // Entities are decoded.
    assert!(tsv.contains("«la migración debe ser segura, ordenada y regular»"));
    assert!(tsv.contains("“migration must be safe, orderly and regular”"));
    assert!(err.contains("14 units"), "{err}");
}

#[test]
fn a_page_declared_as_windows_1252_decodes_right() {
    let (tsv, err) = align_tsv(
        &fixture("html/cancion.es.html"),
        &fixture("html/cancion.en.html"),
        &[],
    );
    assert!(
        err.contains("cancion.es.html: not UTF-8, decoded as windows-1252"),
        "{err}"
    );
    assert!(!err.contains("cancion.en.html: not UTF-8"), "{err}");
    let first: Vec<&str> = tsv.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(
        first,
        [
            "La canción del año",
            "El público cantó “Cielito lindo” en la ceremonia.",
            "La entrada costó 5 € por persona."
        ]
    );
}

#[test]
fn the_input_format_can_be_forced() {
    let out = alinea(&[
        "segment",
        "--lang",
        "en",
        "--input-format",
        "text",
        &fixture("html/cancion.en.html"),
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("<title>"));
    // And an HTML page read from stdin is detected from its content.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_alinea"))
        .args(["segment", "--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<html><body><nav>Menu</nav><p>One. Two.</p></body></html>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "One.\nTwo.\n");
}

#[test]
fn a_page_without_article_text_is_refused_with_its_name() {
    let dir = temp_dir("empty-page");
    let page = dir.join("vacia.es.html");
    std::fs::write(
        &page,
        "<html><head><title>T</title></head><body><nav><a>Inicio</a></nav></body></html>",
    )
    .unwrap();
    let out = alinea(&["align", path_str(&page), &fixture("html/cancion.en.html")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(path_str(&page)) && err.contains("no article text"),
        "{err}"
    );
}

/// A Word document built the way Word lays one out: package relationships, styles with the
/// ids a Spanish Word gives them, a header, a comment and a footnote. `layout` says what
/// each non-blank line of `txt` becomes: `T` title, `H` heading, `P` paragraph, `I` list
/// item, `C` table cell (two to a row); `N` adds a footnote to the paragraph before it.
fn docx_from_txt(txt: &str, layout: &str, note: &str) -> Vec<u8> {
    use std::io::Write;
    let mut lines = txt
        .lines()
        .map(|l| l.trim().trim_start_matches("• "))
        .filter(|l| !l.is_empty());
    let run = |text: &str| {
        // Two runs, the second bold, as formatting splits text in real documents.
        let (a, b) = text.split_at(text.find(' ').unwrap_or(text.len()));
        format!(
            r#"<w:r><w:t xml:space="preserve">{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{b}</w:t></w:r>"#
        )
    };
    let para = |style: &str, text: &str| {
        let ppr = match style {
            "" => String::new(),
            "List" => r#"<w:pPr><w:pStyle w:val="Prrafodelista"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#.to_string(),
            s => format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#),
        };
        format!("<w:p>{ppr}{}</w:p>", run(text))
    };
    let mut body = String::new();
    let mut cells = Vec::new();
    for c in layout.chars() {
        if c == 'N' {
            let end = body.rfind("</w:p>").unwrap();
            body.insert_str(end, r#"<w:r><w:rPr><w:rStyle w:val="Refdenotaalpie"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#);
            continue;
        }
        let text = lines.next().expect("layout fits the text");
        match c {
            'T' => body.push_str(&para("Ttulo", text)),
            'H' => body.push_str(&para("Ttulo2", text)),
            'P' => body.push_str(&para("", text)),
            'I' => body.push_str(&para("List", text)),
            'C' => {
                cells.push(format!("<w:tc>{}</w:tc>", para("", text)));
                if cells.len() % 2 == 0 {
                    let row = format!(
                        "<w:tr>{}{}</w:tr>",
                        cells[cells.len() - 2],
                        cells[cells.len() - 1]
                    );
                    let table_open = body.ends_with("</w:tr></w:tbl>");
                    if table_open {
                        body.truncate(body.len() - "</w:tbl>".len());
                        body.push_str(&row);
                        body.push_str("</w:tbl>");
                    } else {
                        body.push_str(&format!("<w:tbl>{row}</w:tbl>"));
                    }
                }
            }
            other => panic!("unknown layout letter {other}"),
        }
    }
    assert!(lines.next().is_none(), "layout covers the text");
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;
    let rel = |id: &str, kind: &str, target: &str| {
        format!(
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        )
    };
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>"#, rel("rId1", "officeDocument", "word/document.xml"))),
        ("word/_rels/document.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}{}{}</Relationships>"#,
            rel("rId1", "styles", "styles.xml"), rel("rId2", "header", "header1.xml"), rel("rId3", "footnotes", "footnotes.xml"), rel("rId4", "comments", "comments.xml"))),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr></w:body></w:document>"#)),
        ("word/styles.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {w}>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Ttulo"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="Ttulo2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Prrafodelista"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
            <w:style w:type="character" w:styleId="Refdenotaalpie"><w:name w:val="footnote reference"/></w:style></w:styles>"#)),
        ("word/header1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {w}><w:p><w:r><w:t>Secretaría de Relaciones Exteriores — encabezado</w:t></w:r></w:p></w:hdr>"#)),
        ("word/comments.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {w}><w:comment w:id="0" w:author="Revisora"><w:p><w:r><w:t>Revisar esta cifra.</w:t></w:r></w:p></w:comment></w:comments>"#)),
        ("word/footnotes.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote></w:footnotes>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in parts {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The comunicado fixture as a pair of Word documents, in a fresh directory.
fn comunicado_docx(test: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = temp_dir(test);
    let layout = "TPPIIPHCCCCPN";
    let mut paths = Vec::new();
    for (lang, note) in [
        ("es", "Fuente: Secretaría del Trabajo, 2024."),
        ("en", "Source: Ministry of Labour, 2024."),
    ] {
        let txt =
            std::fs::read_to_string(root().join(fixture(&format!("html/comunicado.{lang}.txt"))))
                .unwrap();
        let path = dir.join(format!("comunicado.{lang}.docx"));
        std::fs::write(&path, docx_from_txt(&txt, layout, note)).unwrap();
        paths.push(path);
    }
    (paths[0].clone(), paths[1].clone())
}

#[test]
fn a_docx_pair_aligns_like_the_same_text_saved_as_txt() {
    let (es, en) = comunicado_docx("docx-pair");
    let (docx, err) = align_tsv(path_str(&es), path_str(&en), &[]);
    let (txt, _) = align_tsv(
        &fixture("html/comunicado.es.txt"),
        &fixture("html/comunicado.en.txt"),
        &[],
    );
    assert_eq!(docx, txt);
    for left_out in ["encabezado", "Revisar", "Fuente", "Source"] {
        assert!(!docx.contains(left_out), "'{left_out}' was kept");
    }
    assert!(!err.contains("decoded"), "{err}");
}

#[test]
fn include_notes_keeps_the_footnotes_of_word_documents() {
    let (es, en) = comunicado_docx("docx-notes");
    let (tsv, _) = align_tsv(path_str(&es), path_str(&en), &["--include-notes"]);
    assert!(
        tsv.lines().last().unwrap().starts_with(
            "Fuente: Secretaría del Trabajo, 2024.\tSource: Ministry of Labour, 2024.\t"
        ),
        "{tsv}"
    );
    assert!(!tsv.contains("encabezado") && !tsv.contains("Revisar"));
}

#[test]
fn a_damaged_or_misnamed_docx_is_refused_with_its_name() {
    let dir = temp_dir("bad-docx");
    let cut = dir.join("cortado.es.docx");
    let (es, _) = comunicado_docx("bad-docx-src");
    let bytes = std::fs::read(es).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let text = dir.join("texto.es.docx");
    std::fs::write(&text, "Solo texto.").unwrap();
    for (bad, wanted) in [(&cut, "damaged"), (&text, "not a Word document")] {
        let out = alinea(&["align", path_str(bad), &fixture("html/comunicado.en.txt")]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(path_str(bad)) && err.contains(wanted), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn sentences_of_a_page_are_placed_by_paragraph_in_the_summary() {
    let dir = temp_dir("html-place");
    let es = dir.join("aviso.es.html");
    std::fs::write(
        &es,
        "<html><body><nav>Inicio</nav><article><h1>Aviso</h1>\n\n\n<p>La oficina abre a las 9.</p>\
         <p>Esta frase no tiene traducción alguna en la versión inglesa del aviso oficial.</p>\
         <p>Gracias.</p></article></body></html>",
    )
    .unwrap();
    let en = dir.join("aviso.en.html");
    std::fs::write(
        &en,
        "<html><body><article><h1>Notice</h1><p>The office opens at 9.</p><p>Thank you.</p></article></body></html>",
    )
    .unwrap();
    let (_, err) = align_tsv(path_str(&es), path_str(&en), &[]);
    assert!(
        err.contains("1 Spanish sentence has no English counterpart: paragraph 3 'Esta frase"),
        "{err}"
    );
}
