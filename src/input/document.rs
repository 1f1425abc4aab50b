//! The documents every reader makes: the decoded text, its blocks, and where each block came
//! from (a line of a text file, a paragraph of a page); and how text is cut into blocks
//! (paragraphs, bullet items, heading-like lines).

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
    /// Where U+FFFD stands in the text (each an invalid byte sequence replaced while
    /// decoding), as places for messages (`line 12`); the first ten, then a count.
    pub fn replaced_places(&self) -> Vec<String> {
        let offsets: Vec<usize> = self
            .text
            .match_indices('\u{FFFD}')
            .map(|(i, _)| i)
            .collect();
        let mut places = self.places_of(&offsets[..offsets.len().min(10)]);
        if offsets.len() > 10 {
            places.push(format!("and {} more", offsets.len() - 10));
        }
        places
    }

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
