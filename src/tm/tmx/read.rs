//! A streaming TMX reader: TMX 1.1 to 1.4b, UTF-8 or UTF-16 (with a BOM) or an encoding the
//! XML declaration names, `xml:lang` or `lang`, inline elements kept as [`Inline`]s.
//!
//! It holds one `<tu>` at a time, so memory does not grow with the file. It never resolves
//! external entities or entities declared in a DOCTYPE: only the five XML entities and
//! character references are expanded, and any other entity is an error.
//!
//! Problems that do not stop reading (characters XML 1.0 forbids, elements TMX does not
//! define inside a segment) are collected as [`Finding`]s with their line and column, for
//! `tmx validate`; the text keeps the characters, and writers remove them.

use super::super::xml::{Ev, Finding, XmlStream};
use super::super::{Attr, Code, CodeText, Header, Inline, Prop, Segment, Tu, Tuv};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// How deep inline elements (`<hi>`, `<sub>`, codes) may nest in a segment. Real memories
/// nest a few levels; the limit keeps a hostile file from exhausting the stack.
const MAX_INLINE_DEPTH: usize = 64;

/// Reads `<tu>` after `<tu>` from a TMX file.
pub struct TmxReader<R: Read> {
    x: XmlStream<R>,
    header: Header,
    done: bool,
}

impl TmxReader<std::fs::File> {
    /// Opens a TMX file and reads up to the end of its header.
    pub fn open(path: &Path) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
            return Err(Error::bad_input(path, "is a directory, not a file"));
        }
        TmxReader::from_reader(path, file)
    }
}

impl<R: Read> TmxReader<R> {
    /// Reads TMX from any byte source; `path` names it in messages.
    pub fn from_reader(path: &Path, source: R) -> Result<Self> {
        let mut reader = TmxReader {
            x: XmlStream::new(path, source),
            header: Header::default(),
            done: false,
        };
        reader.read_prologue()?;
        Ok(reader)
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    pub fn path(&self) -> &Path {
        &self.x.path
    }

    /// The findings since the last call.
    pub fn take_findings(&mut self) -> Vec<Finding> {
        std::mem::take(&mut self.x.findings)
    }

    /// The next unit, or `None` after `</body>`.
    pub fn next_tu(&mut self) -> Result<Option<Tu>> {
        if self.done {
            return Ok(None);
        }
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) if name == "tu" => {
                    let mut tu = Tu {
                        attrs,
                        pos: self.x.pos,
                        ..Tu::default()
                    };
                    if !empty {
                        self.read_tu_body(&mut tu)?;
                    }
                    return Ok(Some(tu));
                }
                Ev::End(name) if name == "body" => {
                    self.finish()?;
                    return Ok(None);
                }
                Ev::Start(name, _, empty) => {
                    let pos = self.x.pos;
                    self.x
                        .finding(pos, format!("<{name}> in <body> is not TMX; skipped"));
                    if !empty {
                        self.x.skip(&name)?;
                    }
                }
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Text(_) => {}
                Ev::Eof => return Err(self.x.error("the file ends inside <body>")),
                Ev::End(_) => return Err(self.x.error("unexpected end tag in <body>")),
            }
        }
    }

    fn read_prologue(&mut self) -> Result<()> {
        // The root element.
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) => {
                    if name != "tmx" {
                        return Err(self.x.error(format!(
                            "not a TMX file: the root element is <{name}>, not <tmx>"
                        )));
                    }
                    if empty {
                        return Err(self.x.error("<tmx> is empty: no header and no body"));
                    }
                    self.header.version = super::super::find_attr(&attrs, "version")
                        .unwrap_or_default()
                        .to_string();
                    self.header.namespaces = attrs
                        .iter()
                        .filter(|(name, _)| name.starts_with("xmlns:"))
                        .cloned()
                        .collect();
                    break;
                }
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Eof => return Err(self.x.error("not a TMX file: no <tmx> element")),
                _ => return Err(self.x.error("not a TMX file: text before the root element")),
            }
        }
        // The header, then <body>.
        let mut seen_header = false;
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) if name == "header" => {
                    self.header.attrs = attrs;
                    self.header.pos = self.x.pos;
                    seen_header = true;
                    if !empty {
                        self.read_header_body()?;
                    }
                }
                Ev::Start(name, _, empty) if name == "body" => {
                    if !seen_header {
                        return Err(self.x.error("<body> comes before <header>"));
                    }
                    if empty {
                        self.finish()?;
                    }
                    return Ok(());
                }
                Ev::Start(name, _, _) => {
                    return Err(self.x.error(format!("unexpected <{name}> in <tmx>")));
                }
                Ev::Text(_) => {}
                Ev::End(_) | Ev::Eof => {
                    return Err(self.x.error("not a TMX file: no <body>"));
                }
            }
        }
    }

    fn read_header_body(&mut self) -> Result<()> {
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) => match name.as_str() {
                    "prop" => {
                        let prop = self.read_prop(&attrs, empty)?;
                        self.header.props.push(prop);
                    }
                    "note" => {
                        let note = self.x.read_text_of("note", empty)?;
                        self.header.notes.push(note);
                    }
                    // <ude> and its <map>s describe user-defined characters: not needed.
                    _ if !empty => self.x.skip(&name)?,
                    _ => {}
                },
                Ev::End(name) if name == "header" => return Ok(()),
                Ev::Text(_) => {}
                Ev::End(_) | Ev::Eof => return Err(self.x.error("<header> is not closed")),
            }
        }
    }

    fn read_tu_body(&mut self, tu: &mut Tu) -> Result<()> {
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) => match name.as_str() {
                    "tuv" => {
                        let tuv = self.read_tuv(attrs, empty)?;
                        tu.tuvs.push(tuv);
                    }
                    "prop" => {
                        let prop = self.read_prop(&attrs, empty)?;
                        tu.props.push(prop);
                    }
                    "note" => {
                        let note = self.x.read_text_of("note", empty)?;
                        tu.notes.push(note);
                    }
                    _ => {
                        let pos = self.x.pos;
                        self.x
                            .finding(pos, format!("<{name}> in <tu> is not TMX; skipped"));
                        if !empty {
                            self.x.skip(&name)?;
                        }
                    }
                },
                Ev::End(name) if name == "tu" => return Ok(()),
                Ev::Text(_) => {}
                Ev::End(_) | Ev::Eof => return Err(self.x.error("<tu> is not closed")),
            }
        }
    }

    fn read_tuv(&mut self, attrs: Vec<Attr>, empty: bool) -> Result<Tuv> {
        let mut tuv = Tuv {
            pos: self.x.pos,
            ..Tuv::default()
        };
        for (k, v) in attrs {
            if k == "xml:lang" || k == "lang" {
                tuv.lang = v;
            } else {
                tuv.attrs.push((k, v));
            }
        }
        if empty {
            return Ok(tuv);
        }
        loop {
            match self.x.next()? {
                Ev::Start(name, attrs, empty) => match name.as_str() {
                    "seg" => {
                        tuv.seg_pos = self.x.xml_pos_now();
                        if !empty {
                            tuv.seg = Segment(self.read_inlines("seg", 0)?);
                        }
                    }
                    "prop" => {
                        let prop = self.read_prop(&attrs, empty)?;
                        tuv.props.push(prop);
                    }
                    "note" => {
                        let note = self.x.read_text_of("note", empty)?;
                        tuv.notes.push(note);
                    }
                    _ => {
                        let pos = self.x.pos;
                        self.x
                            .finding(pos, format!("<{name}> in <tuv> is not TMX; skipped"));
                        if !empty {
                            self.x.skip(&name)?;
                        }
                    }
                },
                Ev::End(name) if name == "tuv" => return Ok(tuv),
                Ev::Text(_) => {}
                Ev::End(_) | Ev::Eof => return Err(self.x.error("<tuv> is not closed")),
            }
        }
    }

    /// Reads the content of `<seg>`, `<hi>` or `<sub>` up to its end tag.
    fn read_inlines(&mut self, end: &str, depth: usize) -> Result<Vec<Inline>> {
        if depth > MAX_INLINE_DEPTH {
            return Err(self.x.error(format!(
                "inline elements nested more than {MAX_INLINE_DEPTH} deep: not text a memory holds"
            )));
        }
        let mut items: Vec<Inline> = Vec::new();
        let push_text = |items: &mut Vec<Inline>, t: &str| match items.last_mut() {
            Some(Inline::Text(prev)) => prev.push_str(t),
            _ => items.push(Inline::Text(t.to_string())),
        };
        loop {
            match self.x.next()? {
                Ev::Text(t) => push_text(&mut items, &t),
                Ev::Start(name, attrs, empty) => {
                    if let Some(code) = Code::from_name(&name) {
                        let content = if empty {
                            Vec::new()
                        } else {
                            self.read_code(&name, depth + 1)?
                        };
                        items.push(Inline::Code {
                            code,
                            attrs,
                            content,
                        });
                    } else if name == "hi" {
                        let content = if empty {
                            Vec::new()
                        } else {
                            self.read_inlines("hi", depth + 1)?
                        };
                        items.push(Inline::Hi { attrs, content });
                    } else {
                        let pos = self.x.pos;
                        self.x.finding(
                            pos,
                            format!("<{name}> is not a TMX inline element; its text is kept"),
                        );
                        if !empty {
                            for item in self.read_inlines(&name, depth + 1)? {
                                match item {
                                    Inline::Text(t) => push_text(&mut items, &t),
                                    other => items.push(other),
                                }
                            }
                        }
                    }
                }
                Ev::End(name) if name == end => return Ok(items),
                Ev::End(name) => {
                    return Err(self.x.error(format!("unexpected </{name}> in <{end}>")))
                }
                Ev::Eof => return Err(self.x.error(format!("<{end}> is not closed"))),
            }
        }
    }

    /// Reads the content of a native-code element: code text and `<sub>` flows.
    fn read_code(&mut self, end: &str, depth: usize) -> Result<Vec<CodeText>> {
        let mut parts: Vec<CodeText> = Vec::new();
        loop {
            match self.x.next()? {
                Ev::Text(t) => match parts.last_mut() {
                    Some(CodeText::Native(prev)) => prev.push_str(&t),
                    _ => parts.push(CodeText::Native(t)),
                },
                Ev::Start(name, attrs, empty) if name == "sub" => {
                    let content = if empty {
                        Vec::new()
                    } else {
                        self.read_inlines("sub", depth + 1)?
                    };
                    parts.push(CodeText::Sub { attrs, content });
                }
                Ev::Start(name, _, empty) => {
                    let pos = self.x.pos;
                    self.x
                        .finding(pos, format!("<{name}> inside <{end}> is not TMX; skipped"));
                    if !empty {
                        self.x.skip(&name)?;
                    }
                }
                Ev::End(name) if name == end => return Ok(parts),
                Ev::End(name) => {
                    return Err(self.x.error(format!("unexpected </{name}> in <{end}>")))
                }
                Ev::Eof => return Err(self.x.error(format!("<{end}> is not closed"))),
            }
        }
    }

    fn read_prop(&mut self, attrs: &[Attr], empty: bool) -> Result<Prop> {
        let kind = super::super::find_attr(attrs, "type")
            .unwrap_or_default()
            .to_string();
        let value = self.x.read_text_of("prop", empty)?;
        Ok(Prop { kind, value })
    }

    /// After `</body>`: the rest must be `</tmx>` and nothing but whitespace and comments.
    fn finish(&mut self) -> Result<()> {
        self.done = true;
        loop {
            match self.x.next()? {
                Ev::End(name) if name == "tmx" => {}
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Eof => return Ok(()),
                _ => return Err(self.x.error("content after </body>")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Pos;
    use crate::tm::xml::xml_name;

    fn read_all(text: &[u8]) -> Result<(Header, Vec<Tu>, Vec<Finding>)> {
        let mut r = TmxReader::from_reader(Path::new("t.tmx"), text)?;
        let mut units = Vec::new();
        while let Some(tu) = r.next_tu()? {
            units.push(tu);
        }
        let findings = r.take_findings();
        Ok((r.header().clone(), units, findings))
    }

    const SMALL: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"es\"/>\n<body>\n  <tu tuid=\"1\">\n    <tuv xml:lang=\"es\"><seg>a &amp; b</seg></tuv>\n    <tuv lang=\"EN\"><seg>x</seg></tuv>\n  </tu>\n</body>\n</tmx>\n";

    #[test]
    fn reads_units_with_both_language_attributes_and_positions() {
        let (header, units, findings) = read_all(SMALL.as_bytes()).unwrap();
        assert_eq!(header.attr("srclang"), Some("es"));
        assert_eq!(header.version, "1.4");
        assert_eq!(units.len(), 1);
        let tu = &units[0];
        assert_eq!(tu.attr("tuid"), Some("1"));
        assert_eq!(tu.pos, Pos { line: 5, col: 3 });
        assert_eq!(tu.tuvs[0].lang, "es");
        assert_eq!(tu.tuvs[0].seg.plain_text(), "a & b");
        assert_eq!(tu.tuvs[0].seg_pos, Pos { line: 6, col: 29 });
        assert_eq!(tu.tuvs[1].lang, "EN");
        assert!(findings.is_empty());
    }

    #[test]
    fn utf16_with_bom_reads_like_utf8() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in SMALL.replace("a &amp; b", "año").encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (_, units, _) = read_all(&bytes).unwrap();
        assert_eq!(units[0].tuvs[0].seg.plain_text(), "año");
        assert_eq!(units[0].pos, Pos { line: 5, col: 3 });
    }

    #[test]
    fn a_declared_latin1_encoding_is_decoded() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"es\"><seg>a".to_vec();
        bytes.push(0xF1);
        bytes.extend_from_slice(b"o</seg></tuv></tu></body></tmx>");
        let (_, units, _) = read_all(&bytes).unwrap();
        assert_eq!(units[0].tuvs[0].seg.plain_text(), "año");
    }

    #[test]
    fn illegal_characters_are_found_with_their_column() {
        // A literal one is kept and found (validate reports it, writers remove it).
        let text = SMALL.replace("<seg>x</seg>", "<seg>x\u{b}y</seg>");
        let (_, units, findings) = read_all(text.as_bytes()).unwrap();
        assert_eq!(units[0].tuvs[1].seg.plain_text(), "x\u{b}y");
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].pos, Pos { line: 7, col: 26 });
        assert!(findings[0].message.contains("U+000B"));
        // A reference to a forbidden character, or to none, is not well-formed: an error at
        // its place.
        for (reference, what) in [
            ("&#x1;", "U+0001"),
            ("&#xD800;", "not a character"),
            ("&#x110000;", "not a character"),
            ("&#x;", "not a character"),
        ] {
            let text = SMALL.replace("<seg>x</seg>", &format!("<seg>x {reference}</seg>"));
            let err = read_all(text.as_bytes()).unwrap_err().to_string();
            assert!(
                err.starts_with("t.tmx:7:27:") && err.contains(what),
                "{err}"
            );
        }
    }

    #[test]
    fn declared_entities_are_not_expanded() {
        let text = "<!DOCTYPE tmx [<!ENTITY boom \"BOOM\">]><tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"es\"><seg>&boom;</seg></tuv></tu></body></tmx>";
        let err = read_all(text.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("t.tmx:1:"), "{err}");
        assert!(err.contains("undefined entity &boom;"), "{err}");
    }

    #[test]
    fn malformed_xml_is_an_error_with_line_and_column() {
        let text = SMALL.replace("</tuv>\n    <tuv lang", "</tu>\n    <tuv lang");
        let err = read_all(text.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("t.tmx:6:"), "{err}");
    }

    #[test]
    fn names_that_are_not_xml_names_are_errors() {
        // Found by fuzzing: the parser took a NUL byte for an attribute name, and the unit
        // could not be written back.
        let text = SMALL.replace("<seg>x</seg>", "<seg><bpt \0=\"1\">x</bpt></seg>");
        let err = read_all(text.as_bytes()).unwrap_err().to_string();
        assert!(err.starts_with("t.tmx:7:"), "{err}");
        assert!(err.contains("\"\\0\" is not an attribute name"), "{err}");
        let text = SMALL.replace("<seg>x</seg>", "<seg><a\u{1}>x</a\u{1}></seg>");
        let err = read_all(text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("is not an element name"), "{err}");
        assert!(xml_name("xml:lang") && xml_name("x-ñ.1") && xml_name("_a·b"));
        assert!(!xml_name("") && !xml_name("1a") && !xml_name("-a") && !xml_name("a=b"));
    }

    #[test]
    fn other_xml_is_not_tmx() {
        let err = read_all(b"<xliff version=\"2.0\"/>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("root element is <xliff>"), "{err}");
    }

    #[test]
    fn inline_elements_are_kept_in_order() {
        let text = SMALL.replace(
            "<seg>x</seg>",
            "<seg><bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Bold<ept i=\"1\">&lt;/b&gt;</ept> <ph x=\"2\"/> <hi type=\"x\">hey</hi> <ut>{\\f1}</ut><ph>&lt;img alt=\"<sub>Alt</sub>\"&gt;</ph></seg>",
        );
        let (_, units, findings) = read_all(text.as_bytes()).unwrap();
        let seg = &units[0].tuvs[1].seg;
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(seg.plain_text(), "Bold  hey ");
        assert_eq!(
            seg.to_xml(),
            "<bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>Bold<ept i=\"1\">&lt;/b&gt;</ept> <ph x=\"2\"></ph> <hi type=\"x\">hey</hi> <ut>{\\f1}</ut><ph>&lt;img alt=\"<sub>Alt</sub>\"&gt;</ph>"
        );
    }
}
