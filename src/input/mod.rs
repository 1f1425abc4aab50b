//! Stage 1, read: bytes from a file become text, and text becomes blocks.
//!
//! A block is a paragraph, a bullet item or a heading-like line (a title, a date line):
//! sentences never cross a block boundary, and the aligner uses block boundaries as evidence.
//! Blocks are byte spans of the decoded text; nothing is rewritten.

use crate::error::{Error, Result};
use std::path::Path;

/// How a block was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// Running text; may span several lines.
    Paragraph,
    /// A line that starts with a bullet marker (the marker is not part of the span).
    Bullet,
    /// A short line without final punctuation: a title, a heading, a date line.
    Heading,
}

/// A span of the document's text that no sentence crosses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// Index of the blank-line separated paragraph the block belongs to.
    pub paragraph: usize,
}

/// A decoded input document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The name used in messages, tuids and `x-document` props (the file stem).
    pub name: String,
    pub text: String,
    pub blocks: Vec<Block>,
    /// Set when the input was not UTF-8 and had to be decoded ("UTF-16LE", "windows-1252").
    pub decoded_from: Option<&'static str>,
}

impl Document {
    /// A document from text already in memory, split into blocks.
    pub fn from_text(name: &str, text: &str) -> Document {
        Document {
            name: name.to_string(),
            text: text.to_string(),
            blocks: blocks(text, false),
            decoded_from: None,
        }
    }

    /// The 1-based line number of a byte offset, for messages.
    pub fn line_of(&self, offset: usize) -> usize {
        1 + self.text.as_bytes()[..offset.min(self.text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    }
}

/// Reads and decodes a file; errors name the file.
pub fn read_file(path: &Path) -> Result<(String, Option<&'static str>)> {
    if path.is_dir() {
        return Err(Error::bad_input(path, "is a directory, not a text file"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    decode(&bytes).map_err(|message| Error::bad_input(path, message))
}

/// Decodes bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252/Latin-1.
/// Returns the text and, when it was not UTF-8, the encoding it was decoded from.
/// Empty, whitespace-only and binary inputs are refused with a message.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<&'static str>), String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let (text, from) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                return Err(format!(
                    "invalid UTF-8 at byte {} after a UTF-8 byte order mark",
                    e.valid_up_to() + 3
                ))
            }
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(format!("invalid {} data", enc.name()));
        }
        (s.into_owned(), Some(enc.name()))
    } else if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary data (NUL byte at byte {pos}); expected a text file (UTF-8, UTF-16 with BOM or Windows-1252)"
        ));
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                let at = e.valid_up_to();
                if looks_like_windows_1252(bytes) {
                    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    (s.into_owned(), Some("windows-1252"))
                } else {
                    return Err(format!(
                        "not valid UTF-8 (byte {at}) and not Windows-1252/Latin-1 text either"
                    ));
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err("the file holds only whitespace".into());
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err("binary data (more than 5% control characters); expected a text file".into());
    }
    Ok((text, from))
}

/// Latin-1 text has high bytes mostly between letters; binary data has C0 controls and
/// bytes Windows-1252 leaves undefined.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let undefined = [0x81u8, 0x8D, 0x8F, 0x90, 0x9D];
    let bad = bytes
        .iter()
        .filter(|&&b| undefined.contains(&b) || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t')))
        .count();
    bad == 0
}

/// Bullet markers recognised at the start of a line.
const BULLETS: [char; 6] = ['•', '-', '*', '·', '–', '▪'];

/// Final punctuation that makes a line running text rather than a heading.
fn ends_like_sentence(line: &str) -> bool {
    let last = line
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    matches!(
        last.chars().last(),
        Some('.' | '!' | '?' | ':' | ';' | ',' | '…')
    )
}

/// A heading-like line: short and without final punctuation.
const HEADING_MAX_CHARS: usize = 160;

/// Splits text into blocks. With `one_per_line` (pre-segmented input) every non-blank line is
/// its own block; otherwise blank lines separate paragraphs, bullet lines and heading-like lines
/// are blocks of their own, and other lines join the running text of their paragraph.
pub fn blocks(text: &str, one_per_line: bool) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut paragraph = 0usize;
    let mut offset = 0usize;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            if !lines.is_empty() {
                paragraph_blocks(text, &lines, paragraph, one_per_line, &mut out);
                lines.clear();
                paragraph += 1;
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        lines.push(Line {
            start: line_start + lead,
            end: line_start + line.trim_end().len(),
        });
    }
    if !lines.is_empty() {
        paragraph_blocks(text, &lines, paragraph, one_per_line, &mut out);
    }
    out
}

/// A non-blank line, trimmed.
struct Line {
    start: usize,
    end: usize,
}

/// Classifies the lines of one paragraph and merges running-text lines into blocks.
fn paragraph_blocks(
    text: &str,
    lines: &[Line],
    paragraph: usize,
    one_per_line: bool,
    out: &mut Vec<Block>,
) {
    let mut open = false;
    for (k, line) in lines.iter().enumerate() {
        let body = &text[line.start..line.end];
        let mut block = Block {
            start: line.start,
            end: line.end,
            kind: BlockKind::Paragraph,
            paragraph,
        };
        if !one_per_line {
            if let Some(item) = bullet_body(body) {
                block.start = line.end - item.len();
                block.kind = BlockKind::Bullet;
            } else if is_heading(body, lines.get(k + 1).map(|n| &text[n.start..n.end])) {
                block.kind = BlockKind::Heading;
            }
        }
        if open && block.kind == BlockKind::Paragraph {
            if let Some(last) = out.last_mut() {
                last.end = block.end;
                continue;
            }
        }
        open = !one_per_line && block.kind == BlockKind::Paragraph;
        out.push(block);
    }
}

/// The text of a bullet item without its marker, when the line is one.
fn bullet_body(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) && chars.next().is_some_and(char::is_whitespace) {
        let body = line[first.len_utf8()..].trim_start();
        (!body.is_empty()).then_some(body)
    } else {
        None
    }
}

/// A heading-like line has no final punctuation, is short, and is not the first line of
/// wrapped running text (which the next line, of similar length, would continue).
fn is_heading(line: &str, next: Option<&str>) -> bool {
    if ends_like_sentence(line) || line.chars().count() > HEADING_MAX_CHARS {
        return false;
    }
    match next {
        None => true,
        Some(next) if bullet_body(next).is_some() => true,
        Some(next) => {
            let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
            !starts_lower && line.chars().count() * 10 < next.chars().count() * 7
        }
    }
}

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
    })
}

/// The document name: the file name without its language and `.txt` suffixes
/// (`sre-366.es.txt` -> `sre-366`).
pub fn document_name(path: &Path) -> String {
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let mut name = file.as_str();
    for suffix in [".txt", ".sent", ".text"] {
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
    fn document_names_drop_language_suffixes() {
        assert_eq!(document_name(Path::new("a/sre-366.es.txt")), "sre-366");
        assert_eq!(document_name(Path::new("news.en.sent")), "news");
        assert_eq!(document_name(Path::new("report.txt")), "report");
    }
}
