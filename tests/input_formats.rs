//! Reading web pages and Word documents: `alinea align` on an HTML or DOCX pair gives the
//! same units as on the same text saved as `.txt`, page furniture is left out, and declared
//! charsets are honoured.

mod common;
use common::*;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/{name}")
}

/// `align --format tsv` on a pair, which must succeed; returns stdout and stderr.
fn align_tsv(es: &str, en: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["align", es, en, "--format", "tsv"];
    args.extend_from_slice(extra);
    let out = alinea(&args);
    let err = stderr(&out);
    assert!(out.status.success(), "{es}: {err}");
    (String::from_utf8(out.stdout).unwrap(), err)
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
