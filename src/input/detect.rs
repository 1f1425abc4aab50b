//! Which format a file is: from its content first (magic bytes, the first markup), its
//! extension as a hint.

use std::path::Path;

/// The formats `align` and `segment` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Detect from the content, with the extension as a hint.
    #[default]
    Auto,
    Text,
    Html,
    Docx,
}

/// What a file's content (and name) says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Text,
    Html,
    Docx,
    /// A bilingual XLIFF file: pairs to check, not a document to align.
    Xliff,
}

/// What a file is, from its first bytes and its name, without reading it whole (the format
/// `forced` names, unless it is `Auto`); a file that cannot be read is `Text`.
pub fn detect_file(path: &Path, forced: InputFormat) -> Detected {
    match forced {
        InputFormat::Text => return Detected::Text,
        InputFormat::Html => return Detected::Html,
        InputFormat::Docx => return Detected::Docx,
        InputFormat::Auto => {}
    }
    let mut head = Vec::with_capacity(2048);
    if let Ok(file) = std::fs::File::open(path) {
        use std::io::Read;
        let _ = file.take(2048).read_to_end(&mut head);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    detect(&head, extension.as_deref())
}

/// The signature of OLE compound files: Word 97-2003 `.doc`, old Excel and PowerPoint.
pub(crate) const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Detects a file's format from its first bytes; the extension decides only when the content
/// does not. A ZIP archive is a Word document (the DOCX reader says so when it is not); markup
/// that starts with a doctype, `<html>` or an HTML element is HTML; an XML document whose root
/// is `<xliff>` is XLIFF.
pub fn detect(bytes: &[u8], extension: Option<&str>) -> Detected {
    if bytes.starts_with(b"PK\x03\x04") {
        return Detected::Docx;
    }
    let head = sniff_text(bytes);
    match first_markup(&head) {
        Some(Markup::Html) => return Detected::Html,
        Some(Markup::Xliff) => return Detected::Xliff,
        Some(Markup::OtherXml) | None => {}
    }
    match extension {
        Some("html" | "htm" | "xhtml" | "shtml") => Detected::Html,
        Some("docx" | "docm" | "dotx") => Detected::Docx,
        Some("xlf" | "xliff" | "sdlxliff" | "mqxliff") => Detected::Xliff,
        _ => Detected::Text,
    }
}

/// The first 2 KiB as text, for sniffing: UTF-16 when there is a byte order mark, else the
/// bytes read as Latin-1 (every markup character is ASCII).
fn sniff_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(2048)];
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        let enc = if head[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        return enc.decode_without_bom_handling(&head[2..]).0.into_owned();
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().map(|&b| b as char).collect()
}

enum Markup {
    Html,
    Xliff,
    OtherXml,
}

/// HTML elements that, as the first thing in a file, make it an HTML fragment.
const HTML_START_TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "meta",
    "title",
    "article",
    "main",
    "section",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "table",
    "header",
    "nav",
    "link",
    "script",
    "style",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "br",
    "blockquote",
];

/// What the first tag of a file says, after the XML declaration, comments and doctype.
fn first_markup(head: &str) -> Option<Markup> {
    let mut rest = head.trim_start();
    let mut xml = false;
    loop {
        if let Some(after) = rest.strip_prefix("<?") {
            xml = true;
            rest = after.split_once("?>")?.1.trim_start();
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1.trim_start();
        } else if rest
            .get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("<!doctype"))
        {
            let (doctype, after) = rest.split_once('>')?;
            if doctype[9..]
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("html")
            {
                return Some(Markup::Html);
            }
            rest = after.trim_start();
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix('<')?;
    let name: String = tag
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    let local = name.rsplit(':').next().unwrap_or("");
    if local == "xliff" {
        Some(Markup::Xliff)
    } else if HTML_START_TAGS.contains(&local) {
        Some(Markup::Html)
    } else if xml {
        Some(Markup::OtherXml)
    } else {
        None
    }
}
