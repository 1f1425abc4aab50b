//! Stage 1, read: bytes from a file become text, and text becomes blocks.
//!
//! A block is a paragraph, a bullet item or a heading-like line (a title, a date line):
//! sentences never cross a block boundary, and the aligner uses block boundaries as evidence.
//! Blocks are byte spans of the decoded text; nothing is rewritten.
//!
//! Plain text is read here. Structured formats have one module each ([`html`], [`docx`]):
//! they extract [`Paragraph`]s, and [`Document::from_paragraphs`] lays them out as text with a
//! blank line between paragraphs, so that segmenting and aligning an HTML page or a Word
//! document is segmenting and aligning the same text saved as `.txt`. [`load_any`] detects the
//! format from the content ([`detect()`]). Bilingual files (XLIFF) are not documents to align
//! but pairs to check: `tm::xliff` reads them.
//!
//! Files: [`document`] (the types, and text cut into blocks), [`mod@decode`] (bytes to text),
//! [`mod@detect`] (which format a file is), and one module per structured format.

pub mod decode;
pub mod detect;
pub mod document;
pub mod docx;
pub mod html;
pub mod language;
pub mod repeated;
pub mod xml;

pub use decode::{decode, read_file};
pub use detect::{detect, detect_file, Detected, InputFormat};
pub use document::{blocks, Block, BlockKind, Document, Paragraph, Positions};

use crate::error::{Error, Result};
use detect::OLE_MAGIC;
use std::path::Path;

/// Reads, decodes and splits a file into blocks. With `one_per_line` (pre-segmented input)
/// every non-blank line is a block.
pub fn load(path: &Path, one_per_line: bool) -> Result<Document> {
    let (text, decoded_from) = read_file(path)?;
    let blocks = blocks(&text, one_per_line);
    Ok(Document {
        name: document_name(path),
        text,
        blocks,
        decoded_from,
        positions: Positions::Lines,
    })
}

/// How to read a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub format: InputFormat,
    /// Pre-segmented input: every non-blank line is a block (and, downstream, a sentence).
    pub one_per_line: bool,
    /// Keep the footnotes and endnotes of a Word document (after the body text).
    pub include_notes: bool,
}

/// Reads a document in any supported format: plain text, HTML or DOCX, detected from the
/// content unless `options.format` forces one. Errors name the file.
pub fn load_any(path: &Path, options: &LoadOptions) -> Result<Document> {
    if path.is_dir() {
        return Err(Error::bad_input(path, "is a directory, not a file"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    read_bytes(&document_name(path), &bytes, extension.as_deref(), options)
        .map_err(|message| Error::bad_input(path, message))
}

/// Reads a document from bytes in memory (stdin, a test); `extension` is the file name's, a
/// hint for detection. The error is a message for the caller to prefix with the file name.
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    extension: Option<&str>,
    options: &LoadOptions,
) -> std::result::Result<Document, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let format = match options.format {
        InputFormat::Auto => detect(bytes, extension),
        InputFormat::Text => Detected::Text,
        InputFormat::Html => Detected::Html,
        InputFormat::Docx => Detected::Docx,
    };
    match format {
        Detected::Text => {
            if bytes.starts_with(OLE_MAGIC) {
                return Err("an old binary Word (.doc) or Office file; save it as .docx, HTML or text".into());
            }
            let (text, decoded_from) = decode(bytes)?;
            let blocks = blocks(&text, options.one_per_line);
            Ok(Document {
                name: name.to_string(),
                text,
                blocks,
                decoded_from,
                positions: Positions::Lines,
            })
        }
        Detected::Html => html::read(name, bytes, options.one_per_line),
        Detected::Docx => docx::read(name, bytes, options.one_per_line, options.include_notes),
        Detected::Xliff => Err("an XLIFF file (bilingual); align and segment read one-language documents (text, HTML, DOCX)".into()),
    }
}

/// The document name: the file name without its language and `.txt` suffixes
/// (`sre-366.es.txt` -> `sre-366`).
pub fn document_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let mut name = file.as_str();
    for suffix in [
        ".txt", ".sent", ".text", ".html", ".htm", ".xhtml", ".docx", ".docm", ".xlf", ".xliff",
    ] {
        name = name.strip_suffix(suffix).unwrap_or(name);
    }
    if let Some((stem, lang)) = name.rsplit_once('.') {
        if (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic()) {
            name = stem;
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans<'a>(text: &'a str, blocks: &[Block]) -> Vec<(&'a str, BlockKind)> {
        blocks
            .iter()
            .map(|b| (&text[b.start..b.end], b.kind))
            .collect()
    }

    #[test]
    fn bullets_headings_and_paragraphs_become_blocks() {
        let text = "Title of the release\n  • First point\n  • Second point\n\nA sentence. Another\none wrapped.\n";
        let b = blocks(text, false);
        assert_eq!(
            spans(text, &b),
            vec![
                ("Title of the release", BlockKind::Heading),
                ("First point", BlockKind::Bullet),
                ("Second point", BlockKind::Bullet),
                ("A sentence. Another\none wrapped.", BlockKind::Paragraph),
            ]
        );
        assert_eq!(b[3].paragraph, 1);
        assert_eq!(b[0].paragraph, 0);
    }

    #[test]
    fn crlf_and_bom_are_handled() {
        let (text, from) = decode(b"\xEF\xBB\xBFUno.\r\n\r\nDos.\r\n").unwrap();
        assert_eq!(from, None);
        let b = blocks(&text, false);
        assert_eq!(
            spans(&text, &b),
            vec![
                ("Uno.", BlockKind::Paragraph),
                ("Dos.", BlockKind::Paragraph)
            ]
        );
    }

    #[test]
    fn latin1_and_utf16_are_decoded() {
        let (text, from) = decode(b"Canci\xf3n de M\xe9xico.").unwrap();
        assert_eq!(text, "Canción de México.");
        assert_eq!(from, Some("windows-1252"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Año.".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(
            decode(&utf16).unwrap(),
            ("Año.".to_string(), Some("UTF-16LE"))
        );
    }

    #[test]
    fn empty_whitespace_and_binary_are_refused() {
        assert!(decode(b"").unwrap_err().contains("empty"));
        assert!(decode(b" \n\t\n").unwrap_err().contains("whitespace"));
        assert!(decode(b"PK\x03\x04\x00\x00")
            .unwrap_err()
            .contains("binary"));
        assert!(decode(b"\x81\x8d\x01\x02abc").is_err());
        let err = decode(b"Uno.\nDos \x00 tres.").unwrap_err();
        assert!(err.contains("NUL byte on line 2, at byte 9"), "{err}");
    }

    #[test]
    fn word_line_and_page_breaks_are_white_space_and_stray_controls_are_placed() {
        // A short text with Word's vertical tab (line break), a form feed (page break) and
        // one stray control: text, not binary.
        let (text, _) = decode(b"Una l\xc3\xadnea\x0bdos.\x0cTres \x07 ya.").unwrap();
        assert!(text.contains('\u{b}') && text.contains('\u{c}'));
        // In Windows-1252 too.
        assert!(decode(b"Primera l\xednea\x0bsegunda.\x0cOtra p\xe1gina.").is_ok());
        // Mostly controls: refused, naming the first and where it is.
        let err = decode(b"ab\ncd\x01\x02\x03\x04e").unwrap_err();
        assert!(err.contains("U+0001, on line 2 at byte 5"), "{err}");
        let err = decode(b"\xEF\xBB\xBFab\x01\x02\x03").unwrap_err();
        assert!(err.contains("at byte 5"), "{err}");
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_decoded_and_said_so() {
        let le: Vec<u8> = "Año nuevo.\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = "Año nuevo.\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            (
                "Año nuevo.\n".into(),
                Some("UTF-16LE without a byte order mark")
            )
        );
        assert_eq!(
            decode(&be).unwrap().1,
            Some("UTF-16BE without a byte order mark")
        );
        let err = decode(&le[..le.len() - 1]).unwrap_err();
        assert!(err.contains("not valid UTF-16LE"), "{err}");
        // Binary data with NUL bytes in no rhythm stays binary.
        assert!(decode(b"\x00\x00\x00ab\x00c\x00\x00")
            .unwrap_err()
            .contains("binary"));
    }

    #[test]
    fn presegmented_lines_are_blocks() {
        let text = "One. Two.\nThree\n\nFour\n";
        let b = blocks(text, true);
        assert_eq!(b.len(), 3);
        assert_eq!(b[2].paragraph, 1);
        assert_eq!(&text[b[0].start..b[0].end], "One. Two.");
    }

    #[test]
    fn paragraphs_are_laid_out_as_the_same_text_would_be() {
        let paragraphs = [
            Paragraph::new("Comunicado 366", Some(BlockKind::Heading)),
            Paragraph::new("  ", None),
            Paragraph::new("Primer punto", Some(BlockKind::Bullet)),
            Paragraph::new("Una frase.\nOtra línea.", None),
            Paragraph::new("Calle 1\n\nCiudad", Some(BlockKind::Heading)),
        ];
        let doc = Document::from_paragraphs("d", &paragraphs, false);
        let text =
            "Comunicado 366\n\nPrimer punto\n\nUna frase.\nOtra línea.\n\nCalle 1\n\nCiudad\n";
        assert_eq!(doc.text, text);
        let same = blocks(text, false);
        let starts = |b: &[Block]| {
            b.iter()
                .map(|b| (b.start, b.end, b.paragraph))
                .collect::<Vec<_>>()
        };
        assert_eq!(starts(&doc.blocks), starts(&same));
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        // The list item is a bullet although its text has no marker; a heading cut in two by a
        // blank line keeps what the text says of each half.
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Bullet,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Heading
            ]
        );
        assert_eq!(doc.place_of(doc.blocks[2].start + 3), "paragraph 3");
        assert_eq!(doc.place_of(0), "paragraph 1");
        let plain = Document::from_text("t", text);
        assert_eq!(plain.place_of(17), "line 3");
        assert_eq!(
            plain.places_of(&[17, 0, 14, text.len()]),
            ["line 3", "line 1", "line 1", "line 11"]
        );
        assert_eq!(
            doc.places_of(&[doc.blocks[2].start + 3, 0]),
            ["paragraph 3", "paragraph 1"]
        );
    }

    #[test]
    fn formats_are_detected_from_the_content_first() {
        let d = |bytes: &[u8], ext: Option<&str>| detect(bytes, ext);
        assert_eq!(d(b"PK\x03\x04rest", Some("txt")), Detected::Docx);
        assert_eq!(d(b"\xEF\xBB\xBF<!DOCTYPE html><p>x", None), Detected::Html);
        assert_eq!(
            d(b"  <!-- saved --><html lang=es>", Some("txt")),
            Detected::Html
        );
        assert_eq!(d(b"<h1>T\xedtulo</h1><p>x</p>", None), Detected::Html);
        assert_eq!(
            d(b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\"><html>", None),
            Detected::Html
        );
        assert_eq!(
            d(b"<?xml version=\"1.0\"?><xliff version=\"2.0\">", None),
            Detected::Xliff
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "<html><p>Año</p>"
                    .encode_utf16()
                    .flat_map(|u| u.to_le_bytes()),
            )
            .collect();
        assert_eq!(d(&utf16, None), Detected::Html);
        // Text that merely mentions a tag, and the extension when the content says nothing.
        assert_eq!(d(b"Use <b> for bold.", Some("html")), Detected::Html);
        assert_eq!(d(b"Use <b> for bold.", Some("txt")), Detected::Text);
        assert_eq!(d(b"x < y", Some("txt")), Detected::Text);
        assert_eq!(d(b"<tmx version=\"1.4\">", None), Detected::Text);
        assert_eq!(d(b"not a zip", Some("docx")), Detected::Docx);
    }

    #[test]
    fn detection_never_fails_on_any_bytes() {
        let text = "Secretaría <!doctype <?xml ?> <!-- --> «ñ» <p>".as_bytes();
        for cut in 0..=text.len() {
            for start in 0..cut.min(12) {
                detect(&text[start..cut], None);
            }
        }
        let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
        detect(&bytes, None);
    }

    #[test]
    fn a_forced_format_wins_and_xliff_and_old_word_files_are_explained() {
        let html = b"<p>Hola.</p>";
        let forced = LoadOptions {
            format: InputFormat::Text,
            ..LoadOptions::default()
        };
        assert_eq!(
            read_bytes("d", html, None, &forced).unwrap().text,
            "<p>Hola.</p>"
        );
        let auto = LoadOptions::default();
        assert_eq!(read_bytes("d", html, None, &auto).unwrap().text, "Hola.\n");
        let xliff = b"<?xml version=\"1.0\"?><xliff version=\"1.2\"></xliff>";
        assert!(read_bytes("d", xliff, None, &auto)
            .unwrap_err()
            .contains("XLIFF"));
        let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00";
        assert!(read_bytes("d", doc, Some("doc"), &auto)
            .unwrap_err()
            .contains(".docx"));
    }

    #[test]
    fn document_names_drop_language_suffixes() {
        assert_eq!(document_name(Path::new("a/sre-366.es.txt")), "sre-366");
        assert_eq!(document_name(Path::new("news.en.sent")), "news");
        assert_eq!(document_name(Path::new("report.txt")), "report");
        assert_eq!(document_name(Path::new("sre-366.es.html")), "sre-366");
        assert_eq!(document_name(Path::new("nota.en.docx")), "nota");
    }
}
