//! The XML event stream under the TMX and XLIFF readers: streaming, with line and column
//! positions, only the five XML entities and character references expanded, characters XML
//! 1.0 forbids collected as [`Finding`]s.

use super::Attr;
use crate::error::{Error, Pos, Result};
use quick_xml::encoding::DecodingReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A problem found while reading that did not stop the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub pos: Pos,
    pub message: String,
}

type Source<R> = Tracked<DecodingReader<BufReader<R>>>;

/// XML events for the readers of [`super::tmx`] and [`super::xliff`]: streaming, with
/// positions, entities resolved, forbidden characters found.
pub(crate) struct XmlStream<R: Read> {
    xml: quick_xml::Reader<Source<R>>,
    pub(crate) path: PathBuf,
    buf: Vec<u8>,
    pub(crate) findings: Vec<Finding>,
    /// Where the event being handled starts.
    pub(crate) pos: Pos,
}

impl<R: Read> XmlStream<R> {
    pub(crate) fn new(path: &Path, source: R) -> Self {
        let tracked = Tracked::new(DecodingReader::new(BufReader::with_capacity(
            1 << 16,
            source,
        )));
        let mut xml = quick_xml::Reader::from_reader(tracked);
        let config = xml.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        XmlStream {
            xml,
            path: path.to_path_buf(),
            buf: Vec::new(),
            findings: Vec::new(),
            pos: Pos { line: 1, col: 1 },
        }
    }

    /// The text of an element that holds text only (`note`, `prop`); the text of any
    /// element inside it is kept.
    pub(crate) fn read_text_of(&mut self, end: &str, empty: bool) -> Result<String> {
        let mut out = String::new();
        if empty {
            return Ok(out);
        }
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Text(t) => out.push_str(&t),
                Ev::Start(_, _, empty) => depth += usize::from(!empty),
                Ev::End(name) if depth == 0 && name == end => return Ok(out),
                Ev::End(_) => depth = depth.saturating_sub(1),
                Ev::Eof => return Err(self.error(format!("<{end}> is not closed"))),
            }
        }
    }

    /// Skips everything up to the end tag of `name` (its start tag already read).
    pub(crate) fn skip(&mut self, name: &str) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Start(_, _, empty) => depth += usize::from(!empty),
                Ev::End(n) if depth == 0 && n == name => return Ok(()),
                Ev::End(_) => depth = depth.saturating_sub(1),
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.error(format!("<{name}> is not closed"))),
            }
        }
    }

    /// The next event that matters, with entities and character references resolved into
    /// text. Comments, processing instructions and the DOCTYPE are skipped.
    pub(crate) fn next(&mut self) -> Result<Ev> {
        loop {
            let offset = self.xml.buffer_position();
            self.pos = self.xml.get_mut().pos_at(offset);
            self.buf.clear();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e,
                Err(e) => {
                    let at = self.xml.error_position();
                    let pos = self.xml.get_mut().pos_at(at.max(offset));
                    return Err(Error::syntax(&self.path, pos, xml_message(&e)));
                }
            };
            let start = self.pos;
            match event {
                Event::Start(e) => {
                    let (name, attrs) = element(&e, &self.path, start)?;
                    return Ok(Ev::Start(name, attrs, false));
                }
                Event::Empty(e) => {
                    let (name, attrs) = element(&e, &self.path, start)?;
                    return Ok(Ev::Start(name, attrs, true));
                }
                Event::End(e) => return Ok(Ev::End(e.name().as_ref().to_string())),
                Event::Text(t) => {
                    let text = t.xml10_content().into_owned();
                    self.check_chars(&text, offset);
                    return Ok(Ev::Text(text));
                }
                Event::CData(t) => {
                    let text = t.xml10_content().into_owned();
                    self.check_chars(&text, offset + 9);
                    return Ok(Ev::Text(text));
                }
                Event::GeneralRef(r) => {
                    let name = r.as_ref().to_string();
                    let text = self.resolve_ref(&name, start)?;
                    return Ok(Ev::Text(text));
                }
                Event::Decl(d) => {
                    // Switch to the declared encoding only when no BOM said otherwise.
                    if let Some(enc) = d.encoder() {
                        let source = self.xml.get_mut().inner_mut();
                        if source.encoding() == encoding_rs::UTF_8
                            && enc != encoding_rs::UTF_8
                            && enc != encoding_rs::UTF_16LE
                            && enc != encoding_rs::UTF_16BE
                        {
                            source.set_encoding(enc);
                        }
                    }
                }
                Event::Eof => return Ok(Ev::Eof),
                Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    pub(crate) fn resolve_ref(&mut self, name: &str, pos: Pos) -> Result<String> {
        if let Some(num) = name.strip_prefix('#') {
            let code = if let Some(hex) = num.strip_prefix('x').or(num.strip_prefix('X')) {
                u32::from_str_radix(hex, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            // A reference to no character, or to one XML 1.0 forbids, is not well-formed.
            return match code.and_then(char::from_u32) {
                Some(c) if xml_char(c) => Ok(c.to_string()),
                Some(c) => Err(Error::syntax(
                    &self.path,
                    pos,
                    format!(
                        "character reference &{name}; is U+{:04X}, which XML 1.0 forbids",
                        c as u32
                    ),
                )),
                None => Err(Error::syntax(
                    &self.path,
                    pos,
                    format!("character reference &{name}; is not a character"),
                )),
            };
        }
        match quick_xml::escape::resolve_predefined_entity(name) {
            Some(s) => Ok(s.to_string()),
            None => Err(Error::syntax(
                &self.path,
                pos,
                format!("undefined entity &{name}; (alinea reads no DOCTYPE entity declarations)"),
            )),
        }
    }

    /// Records every character XML 1.0 forbids in a text that starts at `offset`.
    pub(crate) fn check_chars(&mut self, text: &str, offset: u64) {
        if text.chars().all(xml_char) {
            return;
        }
        for (i, c) in text.char_indices() {
            if !xml_char(c) {
                let pos = self.xml.get_mut().pos_at(offset + i as u64);
                self.finding(
                    pos,
                    format!("character U+{:04X}, which XML 1.0 forbids", c as u32),
                );
            }
        }
    }

    /// The position of what the parser reads next.
    pub(crate) fn xml_pos_now(&mut self) -> Pos {
        let offset = self.xml.buffer_position();
        self.xml.get_mut().pos_at(offset)
    }

    pub(crate) fn finding(&mut self, pos: Pos, message: String) {
        self.findings.push(Finding { pos, message });
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        Error::syntax(&self.path, self.pos, message)
    }
}

/// The events the readers work with.
pub(crate) enum Ev {
    /// A start tag (`true`: an empty element `<x/>`).
    Start(String, Vec<Attr>, bool),
    End(String),
    Text(String),
    Eof,
}

fn element(e: &BytesStart, path: &Path, pos: Pos) -> Result<(String, Vec<Attr>)> {
    let name = e.name().as_ref().to_string();
    if !xml_name(&name) {
        return Err(Error::syntax(
            path,
            pos,
            format!("not well-formed XML: {name:?} is not an element name"),
        ));
    }
    let mut attrs = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| Error::syntax(path, pos, format!("in <{name}>: {err}")))?;
        let key = attr.key.as_ref().to_string();
        // The parser takes any bytes before '=' as a name; a writer could not write them back.
        if !xml_name(&key) {
            return Err(Error::syntax(
                path,
                pos,
                format!("in <{name}>: not well-formed XML: {key:?} is not an attribute name"),
            ));
        }
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| {
                Error::syntax(path, pos, format!("in <{name}>, attribute {key}: {err}"))
            })?
            .into_owned();
        attrs.push((key, value));
    }
    Ok((name, attrs))
}

fn xml_message(e: &quick_xml::Error) -> String {
    match e {
        quick_xml::Error::Encoding(_) => {
            "not valid text in the file's encoding (UTF-8 unless a BOM or the XML declaration says otherwise)".to_string()
        }
        quick_xml::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            "not valid text in the file's encoding (UTF-8 unless a BOM or the XML declaration says otherwise)".to_string()
        }
        other => format!("not well-formed XML: {other}"),
    }
}

/// Whether a name is an XML 1.0 `Name`: a letter, `_` or `:` (or any character above
/// U+00BF that XML allows), then also digits, `-`, `.` and U+00B7.
pub fn xml_name(name: &str) -> bool {
    let start =
        |c: char| c.is_ascii_alphabetic() || matches!(c, '_' | ':') || name_char_above_ascii(c);
    let rest = |c: char| start(c) || c.is_ascii_digit() || matches!(c, '-' | '.' | '\u{B7}');
    let mut chars = name.chars();
    chars.next().is_some_and(start) && chars.all(rest)
}

/// The non-ASCII characters XML 1.0 (fifth edition) allows in names, less U+00B7.
fn name_char_above_ascii(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{300}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{203F}'..='\u{2040}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// Whether XML 1.0 allows the character (the one test for every XML reader and writer).
pub use crate::input::xml::xml_char;

/// A `BufRead` that remembers the bytes the parser consumed until their position is asked
/// for, and so turns byte offsets into lines and columns without keeping the file.
/// Positions must be asked for in increasing order; the parser asks at every event, so the
/// bytes kept are those of one event.
pub struct Tracked<R> {
    inner: R,
    pending: VecDeque<u8>,
    /// Offset of the first byte in `pending`.
    base: u64,
    /// Position of the byte at `base`.
    at: Pos,
}

impl<R: BufRead> Tracked<R> {
    fn new(inner: R) -> Self {
        Tracked {
            inner,
            pending: VecDeque::new(),
            base: 0,
            at: Pos { line: 1, col: 1 },
        }
    }

    fn inner_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// The line and column (in characters) of byte `offset` of the decoded text.
    fn pos_at(&mut self, offset: u64) -> Pos {
        while self.base < offset {
            let Some(b) = self.pending.pop_front() else {
                break;
            };
            self.base += 1;
            if b == b'\n' {
                self.at = Pos {
                    line: self.at.line + 1,
                    col: 1,
                };
            } else if b & 0xC0 != 0x80 {
                self.at.col += 1;
            }
        }
        self.at
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        if amt > 0 {
            // The buffer is already filled, so this returns it without reading.
            if let Ok(buf) = self.inner.fill_buf() {
                self.pending.extend(&buf[..amt.min(buf.len())]);
            }
        }
        self.inner.consume(amt);
    }
}
