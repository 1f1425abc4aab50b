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
//! format. [`xliff`] reads bilingual files, which are not documents to align but pairs to check.

pub mod docx;
pub mod html;
pub mod language;
pub mod repeated;
pub mod xml;

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
    /// What a position in `text` is best reported as: a line of the file (plain text) or a
    /// paragraph (text extracted from HTML or DOCX, whose lines are not the file's).
    pub positions: Positions,
}

/// How messages point into a document; see [`Document::place_of`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Positions {
    Lines,
    Paragraphs,
}

/// A paragraph extracted from a structured document: its text (lines separated by `\n`, as
/// from `<br>`), and its kind when the markup says it (`<h2>`, `<li>`, a Word heading style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub kind: Option<BlockKind>,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, kind: Option<BlockKind>) -> Paragraph {
        Paragraph {
            text: text.into(),
            kind,
        }
    }
}

impl Document {
    /// A document from text already in memory, split into blocks.
    pub fn from_text(name: &str, text: &str) -> Document {
        Document {
            name: name.to_string(),
            text: text.to_string(),
            blocks: blocks(text, false),
            decoded_from: None,
            positions: Positions::Lines,
        }
    }

    /// A document from extracted paragraphs: the text is the paragraphs with one blank line
    /// between them, cut into blocks exactly as that text saved as `.txt` would be; a block
    /// that is a whole paragraph takes the kind the markup gave it. Blank paragraphs are
    /// skipped. With `one_per_line`, every non-blank line is a block (pre-segmented input).
    pub fn from_paragraphs(name: &str, paragraphs: &[Paragraph], one_per_line: bool) -> Document {
        let mut text = String::new();
        let mut marked = Vec::new();
        for p in paragraphs {
            let body = p.text.trim();
            if body.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            if let Some(kind) = p.kind {
                marked.push((text.len(), text.len() + body.len(), kind));
            }
            text.push_str(body);
        }
        if !text.is_empty() {
            text.push('\n');
        }
        let mut blocks = blocks(&text, one_per_line);
        if !one_per_line {
            // Both lists are in text order: walk them together (linear, not quadratic).
            let mut first = 0;
            for (start, end, kind) in marked {
                while first < blocks.len() && blocks[first].start < start {
                    first += 1;
                }
                let inside = blocks[first..].iter().take_while(|b| b.end <= end).count();
                if inside == 1 {
                    blocks[first].kind = kind;
                }
            }
        }
        Document {
            name: name.to_string(),
            text,
            blocks,
            decoded_from: None,
            positions: Positions::Paragraphs,
        }
    }

    /// Where a byte offset is, for messages: `line 12` for plain text, `paragraph 5` for text
    /// extracted from HTML or DOCX.
    pub fn place_of(&self, offset: usize) -> String {
        match self.positions {
            Positions::Lines => format!("line {}", self.line_of(offset)),
            Positions::Paragraphs => self.paragraph_place(offset),
        }
    }

    /// [`Document::place_of`] for many offsets, with one pass over the text instead of one
    /// per offset (a summary may place a million sentences).
    pub fn places_of(&self, offsets: &[usize]) -> Vec<String> {
        match self.positions {
            Positions::Lines => {
                let newlines: Vec<usize> = self
                    .text
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i)
                    .collect();
                offsets
                    .iter()
                    .map(|&o| format!("line {}", 1 + newlines.partition_point(|&n| n < o)))
                    .collect()
            }
            Positions::Paragraphs => offsets.iter().map(|&o| self.paragraph_place(o)).collect(),
        }
    }

    fn paragraph_place(&self, offset: usize) -> String {
        // Blocks are in text order: the last one that starts at or before the offset.
        let k = self.blocks.partition_point(|b| b.start <= offset);
        let p = k.checked_sub(1).map_or(0, |k| self.blocks[k].paragraph);
        format!("paragraph {}", p + 1)
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
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(format!(
                "looks like {} without a byte order mark, but is not valid {} (an odd number of bytes, or a broken surrogate pair)",
                enc.name(),
                enc.name()
            ));
        }
        let from = if enc == encoding_rs::UTF_16LE {
            "UTF-16LE without a byte order mark"
        } else {
            "UTF-16BE without a byte order mark"
        };
        (s.into_owned(), Some(from))
    } else if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(format!(
            "binary data (a NUL byte on line {line}, at byte {pos}); expected a text file (UTF-8, UTF-16 or Windows-1252)"
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

/// UTF-16 text saved without a byte order mark: in Latin-script text nearly every other byte
/// is zero (the high byte of each code unit) and the others nearly never are. Binary data
/// with NUL bytes has no such rhythm.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
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
/// A line without final punctuation shorter than this is never the wrapped start of a paragraph.
const SHORT_LINE_CHARS: usize = 40;

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
    let chars = line.chars().count();
    if ends_like_sentence(line) || chars > HEADING_MAX_CHARS {
        return false;
    }
    match next {
        None => true,
        Some(next) if bullet_body(next).is_some() => true,
        Some(next) => {
            let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
            if starts_lower && ends_like_sentence(next) {
                return false; // a sentence wrapped onto the next line
            }
            // Wrapped running text has long lines; a short line without punctuation stands
            // alone, and so does a line clearly shorter than the text that follows it.
            chars < SHORT_LINE_CHARS || (!starts_lower && chars * 10 < next.chars().count() * 7)
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
        positions: Positions::Lines,
    })
}

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

/// The signature of OLE compound files: Word 97-2003 `.doc`, old Excel and PowerPoint.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

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
