//! XLIFF 2.0, for a CAT tool's bilingual editor: one `<unit>` per pair, with one
//! `<segment>` holding `<source>` and `<target>`; the tuid goes to the unit's `name`.
//!
//! Inline codes map to XLIFF's: `bpt`/`ept` to `<sc>`/`<ec>`, `ph` and `ut` to `<ph>`,
//! `it` to an isolated `<sc>` or `<ec>`, `hi` to `<pc>`; native code goes to the unit's
//! `<originalData>`. A code's id is its TMX `x` when it has one, so the codes of source and
//! target correspond. Coming back, `<pc>` with data becomes `bpt`/`ept`, `<mrk>` keeps its
//! text. The TMX `type` attribute of a code and `<sub>` flows do not survive the trip.

pub mod pairs;

use super::xml::{Ev, XmlStream};
use super::{find_attr, Attr, Code, CodeText, Inline, Segment, Tu, Tuv};
use crate::error::{Error, Result};
use quick_xml::escape::{escape, partial_escape};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

/// Writes XLIFF 2.0: [`XliffWriter::start`], [`XliffWriter::write_tu`], [`XliffWriter::finish`].
pub struct XliffWriter<'a> {
    out: &'a mut dyn Write,
    units: usize,
}

impl<'a> XliffWriter<'a> {
    pub fn start(
        out: &'a mut dyn Write,
        src: &str,
        tgt: &str,
        original: &str,
    ) -> std::io::Result<Self> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mda=\"urn:oasis:names:tc:xliff:metadata:2.0\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n  <file id=\"f1\" original=\"{}\">\n",
            escape(src),
            escape(tgt),
            escape(original)
        )?;
        Ok(XliffWriter { out, units: 0 })
    }

    /// Writes a pair: the unit's first variant is the source, the second the target.
    pub fn write_tu(&mut self, tu: &Tu) -> std::io::Result<()> {
        self.units += 1;
        let mut data: Vec<(String, String)> = Vec::new();
        let source = to_xliff(&tu.tuvs[0].seg, &mut data);
        let target = to_xliff(&tu.tuvs[1].seg, &mut data);
        let name = tu
            .attr("tuid")
            .map(|t| format!(" name=\"{}\"", escape(t)))
            .unwrap_or_default();
        writeln!(self.out, "    <unit id=\"u{}\"{name}>", self.units)?;
        // The unit's TMX attributes (but the tuid, which is the name) and props travel in
        // the Metadata module, its notes as XLIFF notes.
        let attrs: Vec<&Attr> = tu.attrs.iter().filter(|(k, _)| k != "tuid").collect();
        if !attrs.is_empty() || !tu.props.is_empty() {
            writeln!(self.out, "      <mda:metadata>")?;
            for (category, items) in [
                (
                    "tmx-attributes",
                    attrs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect::<Vec<_>>(),
                ),
                (
                    "tmx-props",
                    tu.props
                        .iter()
                        .map(|p| (p.kind.as_str(), p.value.as_str()))
                        .collect(),
                ),
            ] {
                if items.is_empty() {
                    continue;
                }
                writeln!(self.out, "        <mda:metaGroup category=\"{category}\">")?;
                for (kind, value) in items {
                    writeln!(
                        self.out,
                        "          <mda:meta type=\"{}\">{}</mda:meta>",
                        escape(kind),
                        partial_escape(value)
                    )?;
                }
                writeln!(self.out, "        </mda:metaGroup>")?;
            }
            writeln!(self.out, "      </mda:metadata>")?;
        }
        if !tu.notes.is_empty() {
            writeln!(self.out, "      <notes>")?;
            for note in &tu.notes {
                writeln!(
                    self.out,
                    "        <note>{}</note>",
                    partial_escape(note.as_str())
                )?;
            }
            writeln!(self.out, "      </notes>")?;
        }
        if !data.is_empty() {
            writeln!(self.out, "      <originalData>")?;
            for (id, text) in &data {
                writeln!(
                    self.out,
                    "        <data id=\"{id}\">{}</data>",
                    partial_escape(text.as_str())
                )?;
            }
            writeln!(self.out, "      </originalData>")?;
        }
        writeln!(
            self.out,
            "      <segment state=\"translated\">\n        <source>{source}</source>\n        <target>{target}</target>\n      </segment>\n    </unit>"
        )
    }

    pub fn finish(self) -> std::io::Result<()> {
        writeln!(self.out, "  </file>\n</xliff>")?;
        self.out.flush()
    }
}

/// An XLIFF id from a TMX attribute, if it is a safe NMTOKEN.
fn id_from(attrs: &[Attr], name: &str) -> Option<String> {
    find_attr(attrs, name)
        .filter(|v| {
            !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .map(String::from)
}

/// A TMX code's `type` (`bold`, `link` ...) as XLIFF 2 writes such a value: `type="fmt"
/// subType="tmx:bold"` (a sub-type is a prefix naming its authority and a value).
fn sub_type(attrs: &[Attr]) -> String {
    match id_from(attrs, "type") {
        Some(t) => format!(" type=\"fmt\" subType=\"tmx:{t}\""),
        None => String::new(),
    }
}

fn to_xliff(seg: &Segment, data: &mut Vec<(String, String)>) -> String {
    let mut out = String::new();
    let mut open: HashMap<String, String> = HashMap::new();
    let mut n = 0;
    inlines_to_xliff(&seg.0, data, &mut open, &mut n, &mut out);
    out
}

fn inlines_to_xliff(
    items: &[Inline],
    data: &mut Vec<(String, String)>,
    open: &mut HashMap<String, String>,
    n: &mut usize,
    out: &mut String,
) {
    for item in items {
        match item {
            Inline::Text(t) => out.push_str(&partial_escape(t.as_str())),
            Inline::Hi { attrs, content } => {
                *n += 1;
                let id = id_from(attrs, "x").unwrap_or_else(|| format!("h{n}"));
                let sub = sub_type(attrs);
                out.push_str(&format!("<pc id=\"{id}\"{sub}>"));
                inlines_to_xliff(content, data, open, n, out);
                out.push_str("</pc>");
            }
            Inline::Code {
                code,
                attrs,
                content,
            } => {
                *n += 1;
                let native: String = content
                    .iter()
                    .filter_map(|c| match c {
                        CodeText::Native(t) => Some(t.as_str()),
                        CodeText::Sub { .. } => None,
                    })
                    .collect();
                let data_ref = if native.is_empty() {
                    String::new()
                } else {
                    let id = format!("d{}", data.len() + 1);
                    data.push((id.clone(), native));
                    format!(" dataRef=\"{id}\"")
                };
                let i = find_attr(attrs, "i").unwrap_or_default().to_string();
                let data_ref = format!("{}{data_ref}", sub_type(attrs));
                let own = |prefix: &str| {
                    id_from(attrs, "x").unwrap_or_else(|| match id_from(attrs, "i") {
                        Some(i) => format!("{prefix}{i}"),
                        None => format!("{prefix}{n}"),
                    })
                };
                match code {
                    Code::Bpt => {
                        let id = own("b");
                        open.insert(i, id.clone());
                        out.push_str(&format!("<sc id=\"{id}\"{data_ref}/>"));
                    }
                    Code::Ept => match open.remove(&i) {
                        Some(start) => {
                            out.push_str(&format!("<ec startRef=\"{start}\"{data_ref}/>"))
                        }
                        None => out.push_str(&format!(
                            "<ec id=\"{}\" isolated=\"yes\"{data_ref}/>",
                            own("e")
                        )),
                    },
                    Code::It => {
                        let el = if find_attr(attrs, "pos") == Some("end") {
                            "ec"
                        } else {
                            "sc"
                        };
                        out.push_str(&format!(
                            "<{el} id=\"{}\" isolated=\"yes\"{data_ref}/>",
                            own("t")
                        ));
                    }
                    Code::Ph | Code::Ut => {
                        out.push_str(&format!("<ph id=\"{}\"{data_ref}/>", own("p")));
                    }
                }
            }
        }
    }
}

/// Reads the segments of an XLIFF 2.0 file as pairs.
pub struct XliffReader<R: Read> {
    x: XmlStream<R>,
    pub src: String,
    pub tgt: String,
    /// Pairs read from the current unit, not yet returned.
    queue: std::collections::VecDeque<Tu>,
    /// Segments without a target, skipped.
    pub untranslated: usize,
    done: bool,
}

impl XliffReader<std::fs::File> {
    pub fn open(path: &Path) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        XliffReader::from_reader(path, file)
    }
}

impl<R: Read> XliffReader<R> {
    pub fn from_reader(path: &Path, source: R) -> Result<Self> {
        let mut x = XmlStream::new(path, source);
        loop {
            match x.next()? {
                Ev::Start(name, attrs, _) if name == "xliff" => {
                    let version = find_attr(&attrs, "version").unwrap_or_default();
                    if !version.starts_with('2') {
                        return Err(x.error(format!(
                            "XLIFF {version}: alinea reads XLIFF 2.0 (version=\"2.0\")"
                        )));
                    }
                    let src = find_attr(&attrs, "srcLang").unwrap_or_default().to_string();
                    let tgt = find_attr(&attrs, "trgLang").unwrap_or_default().to_string();
                    return Ok(XliffReader {
                        x,
                        src,
                        tgt,
                        queue: Default::default(),
                        untranslated: 0,
                        done: false,
                    });
                }
                Ev::Start(name, _, _) => {
                    return Err(x.error(format!(
                        "not an XLIFF file: the root element is <{name}>, not <xliff>"
                    )))
                }
                Ev::Text(_) => {}
                Ev::End(_) | Ev::Eof => return Err(x.error("not an XLIFF file: no <xliff>")),
            }
        }
    }

    /// The next pair, or `None` at the end of the file.
    pub fn next_tu(&mut self) -> Result<Option<Tu>> {
        loop {
            if let Some(tu) = self.queue.pop_front() {
                return Ok(Some(tu));
            }
            if self.done {
                return Ok(None);
            }
            match self.x.next()? {
                Ev::Start(name, attrs, empty) if name == "unit" && !empty => {
                    self.read_unit(&attrs)?
                }
                Ev::Eof => self.done = true,
                _ => {}
            }
        }
    }

    fn read_unit(&mut self, attrs: &[Attr]) -> Result<()> {
        let pos = self.x.pos;
        // The unit's name carries a tuid; its id is only unique within the file.
        let name = find_attr(attrs, "name").unwrap_or_default().to_string();
        let mut data: HashMap<String, String> = HashMap::new();
        let mut segments: Vec<(Segment, Option<Segment>)> = Vec::new();
        let mut raw: Vec<(Vec<RawInline>, Option<Vec<RawInline>>)> = Vec::new();
        // What the Metadata module and notes carry for the unit (alinea writes TMX
        // attributes and props there; other tools' metadata become props).
        let (mut unit_attrs, mut props, mut notes): (Vec<Attr>, Vec<super::Prop>, Vec<String>) =
            Default::default();
        let mut category = String::new();
        let local = |n: &str| n.rsplit(':').next().unwrap_or(n).to_string();
        loop {
            match self.x.next()? {
                Ev::Start(n, _, _) if local(&n) == "metadata" || local(&n) == "notes" => {}
                Ev::Start(n, a, _) if local(&n) == "metaGroup" => {
                    category = find_attr(&a, "category").unwrap_or_default().to_string();
                }
                Ev::Start(n, a, empty) if local(&n) == "meta" => {
                    let value = self.x.read_text_of(&n, empty)?;
                    let kind = find_attr(&a, "type").unwrap_or_default().to_string();
                    if category == "tmx-attributes" {
                        unit_attrs.push((kind, value));
                    } else {
                        props.push(super::Prop { kind, value });
                    }
                }
                Ev::Start(n, _, empty) if local(&n) == "note" => {
                    notes.push(self.x.read_text_of(&n, empty)?);
                }
                Ev::Start(n, a, empty) if n == "data" => {
                    let text = self.x.read_text_of("data", empty)?;
                    if let Some(id) = find_attr(&a, "id") {
                        data.insert(id.to_string(), text);
                    }
                }
                Ev::Start(n, _, false) if n == "segment" => {
                    let mut source = Vec::new();
                    let mut target = None;
                    loop {
                        match self.x.next()? {
                            Ev::Start(n, _, false) if n == "source" => {
                                source = self.read_raw("source")?;
                            }
                            Ev::Start(n, _, empty) if n == "target" => {
                                target = Some(if empty {
                                    Vec::new()
                                } else {
                                    self.read_raw("target")?
                                });
                            }
                            Ev::Start(n, _, false) => self.x.skip(&n)?,
                            Ev::End(n) if n == "segment" => break,
                            Ev::Eof => return Err(self.x.error("<segment> is not closed")),
                            _ => {}
                        }
                    }
                    raw.push((source, target));
                }
                Ev::Start(n, _, false) if n != "originalData" => self.x.skip(&n)?,
                Ev::End(n) if n == "unit" => break,
                Ev::Eof => return Err(self.x.error("<unit> is not closed")),
                _ => {}
            }
        }
        // Code ids become TMX `x` numbers, the same for the source and the target codes of
        // the unit: numeric ids keep their number, others get free numbers.
        let mut xs = CodeNumbers::default();
        for (source, target) in &raw {
            for item in source.iter().chain(target.iter().flatten()) {
                if let RawInline::Open(_, attrs) = item {
                    if let Some(n) = find_attr(attrs, "id").and_then(|id| id.parse::<usize>().ok())
                    {
                        xs.next = xs.next.max(n + 1);
                    }
                }
            }
        }
        for (source, target) in raw {
            segments.push((
                from_raw(&source, &data, &mut xs),
                target.map(|t| from_raw(&t, &data, &mut xs)),
            ));
        }
        let several = segments.len() > 1;
        for (k, (source, target)) in segments.into_iter().enumerate() {
            let Some(target) = target.filter(|t| !t.plain_text().trim().is_empty() || t.has_tags())
            else {
                self.untranslated += 1;
                continue;
            };
            let mut tu = Tu {
                pos,
                attrs: unit_attrs.clone(),
                props: props.clone(),
                notes: notes.clone(),
                tuvs: vec![
                    Tuv {
                        lang: self.src.clone(),
                        seg: source,
                        ..Tuv::default()
                    },
                    Tuv {
                        lang: self.tgt.clone(),
                        seg: target,
                        ..Tuv::default()
                    },
                ],
            };
            if !name.is_empty() {
                let id = if several {
                    format!("{name}.{}", k + 1)
                } else {
                    name.clone()
                };
                tu.attrs.retain(|(k, _)| k != "tuid");
                tu.attrs.insert(0, ("tuid".to_string(), id));
            }
            self.queue.push_back(tu);
        }
        Ok(())
    }

    /// Reads inline content up to `</end>` as a flat list of text and element events.
    fn read_raw(&mut self, end: &str) -> Result<Vec<RawInline>> {
        let mut out = Vec::new();
        // Mapping to TMX follows the nesting: a hostile depth would exhaust the stack.
        let mut depth = 0usize;
        loop {
            match self.x.next()? {
                Ev::Text(t) => out.push(RawInline::Text(t)),
                Ev::Start(n, a, empty) => {
                    out.push(RawInline::Open(n.clone(), a));
                    if empty {
                        out.push(RawInline::Close(n));
                    } else {
                        depth += 1;
                        if depth > MAX_INLINE_DEPTH {
                            return Err(self.x.error(format!(
                                "inline elements nested more than {MAX_INLINE_DEPTH} deep in <{end}>"
                            )));
                        }
                    }
                }
                Ev::End(n) if n == end => return Ok(out),
                Ev::End(n) => {
                    depth = depth.saturating_sub(1);
                    out.push(RawInline::Close(n))
                }
                Ev::Eof => return Err(self.x.error(format!("<{end}> is not closed"))),
            }
        }
    }
}

/// How deep inline elements may nest in a segment (real files nest a few levels).
const MAX_INLINE_DEPTH: usize = 64;

/// Inline content as read, before mapping to TMX.
enum RawInline {
    Text(String),
    Open(String, Vec<Attr>),
    Close(String),
}

/// The TMX attributes of an XLIFF 2 code: `x` from its id (see [`CodeNumbers`]), and
/// `type` from a `subType="tmx:…"` (as alinea writes a TMX code's type).
fn code_attrs(xs: &mut CodeNumbers, attrs: &[Attr]) -> Vec<Attr> {
    let mut out = xs.x(find_attr(attrs, "id"));
    if let Some(t) = find_attr(attrs, "subType").and_then(|s| s.strip_prefix("tmx:")) {
        out.push(("type".to_string(), t.to_string()));
    }
    out
}

/// The TMX `x` number of each XLIFF code id in a unit.
#[derive(Default)]
struct CodeNumbers {
    of: HashMap<String, String>,
    /// The first number no numeric id of the unit uses.
    next: usize,
}

impl CodeNumbers {
    /// The `x` attribute for a code id: the id itself when it is a number, else a number
    /// of its own, the same wherever the id appears in the unit. The ids alinea's writer
    /// makes up for TMX codes that had no `x` (`h3`, `p2`, `b1` ...) get none back.
    fn x(&mut self, id: Option<&str>) -> Vec<Attr> {
        let made_up = |id: &str| {
            id.len() > 1
                && id.starts_with(['h', 'b', 'e', 't', 'p'])
                && id[1..].bytes().all(|b| b.is_ascii_digit())
        };
        let Some(id) = id.filter(|id| !made_up(id)) else {
            return Vec::new();
        };
        let x = if id.bytes().all(|b| b.is_ascii_digit()) && !id.is_empty() {
            id.to_string()
        } else {
            let next = &mut self.next;
            self.of
                .entry(id.to_string())
                .or_insert_with(|| {
                    *next = (*next).max(1);
                    *next += 1;
                    (*next - 1).to_string()
                })
                .clone()
        };
        vec![("x".to_string(), x)]
    }
}

/// Maps XLIFF inline content to TMX inline elements.
fn from_raw(raw: &[RawInline], data: &HashMap<String, String>, xs: &mut CodeNumbers) -> Segment {
    let mut i = 0;
    let mut pairs: HashMap<String, String> = HashMap::new();
    let mut next_i = 0;
    Segment(map_raw(
        raw,
        &mut i,
        data,
        &mut pairs,
        &mut next_i,
        xs,
        None,
    ))
}

#[allow(clippy::too_many_arguments)]
fn map_raw(
    raw: &[RawInline],
    at: &mut usize,
    data: &HashMap<String, String>,
    pairs: &mut HashMap<String, String>,
    next_i: &mut usize,
    xs: &mut CodeNumbers,
    until: Option<&str>,
) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let text = |out: &mut Vec<Inline>, t: &str| match out.last_mut() {
        Some(Inline::Text(prev)) => prev.push_str(t),
        _ => out.push(Inline::Text(t.to_string())),
    };
    let native = |attrs: &[Attr], key: &str| -> Vec<CodeText> {
        find_attr(attrs, key)
            .and_then(|id| data.get(id))
            .map(|d| vec![CodeText::Native(d.clone())])
            .unwrap_or_default()
    };
    while *at < raw.len() {
        let item = &raw[*at];
        *at += 1;
        match item {
            RawInline::Text(t) => text(&mut out, t),
            RawInline::Close(name) if Some(name.as_str()) == until => return out,
            RawInline::Close(_) => {}
            RawInline::Open(name, attrs) => {
                let isolated = find_attr(attrs, "isolated") == Some("yes");
                match name.as_str() {
                    "ph" => out.push(Inline::Code {
                        code: Code::Ph,
                        attrs: code_attrs(xs, attrs),
                        content: native(attrs, "dataRef"),
                    }),
                    "sc" | "ec" if isolated => {
                        let mut a = vec![(
                            "pos".to_string(),
                            if name == "sc" { "begin" } else { "end" }.to_string(),
                        )];
                        a.extend(code_attrs(xs, attrs));
                        out.push(Inline::Code {
                            code: Code::It,
                            attrs: a,
                            content: native(attrs, "dataRef"),
                        });
                    }
                    "sc" => {
                        *next_i += 1;
                        let i = next_i.to_string();
                        if let Some(id) = find_attr(attrs, "id") {
                            pairs.insert(id.to_string(), i.clone());
                        }
                        let mut a = vec![("i".to_string(), i)];
                        a.extend(code_attrs(xs, attrs));
                        out.push(Inline::Code {
                            code: Code::Bpt,
                            attrs: a,
                            content: native(attrs, "dataRef"),
                        });
                    }
                    "ec" => {
                        let i = find_attr(attrs, "startRef")
                            .and_then(|s| pairs.get(s))
                            .cloned()
                            .unwrap_or_else(|| {
                                *next_i += 1;
                                next_i.to_string()
                            });
                        out.push(Inline::Code {
                            code: Code::Ept,
                            attrs: vec![("i".to_string(), i)],
                            content: native(attrs, "dataRef"),
                        });
                    }
                    "pc" => {
                        let start = native(attrs, "dataRefStart");
                        let end = native(attrs, "dataRefEnd");
                        let x = code_attrs(xs, attrs);
                        let inner = map_raw(raw, at, data, pairs, next_i, xs, Some("pc"));
                        if start.is_empty() && end.is_empty() {
                            out.push(Inline::Hi {
                                attrs: x,
                                content: inner,
                            });
                        } else {
                            *next_i += 1;
                            let i = next_i.to_string();
                            let mut a = vec![("i".to_string(), i.clone())];
                            a.extend(x);
                            out.push(Inline::Code {
                                code: Code::Bpt,
                                attrs: a,
                                content: start,
                            });
                            out.extend(inner);
                            out.push(Inline::Code {
                                code: Code::Ept,
                                attrs: vec![("i".to_string(), i)],
                                content: end,
                            });
                        }
                    }
                    "cp" => {
                        if let Some(c) = find_attr(attrs, "hex")
                            .and_then(|h| u32::from_str_radix(h, 16).ok())
                            .and_then(char::from_u32)
                        {
                            text(&mut out, &c.to_string());
                        }
                    }
                    // Annotations keep their text; markers and unknown elements vanish.
                    "mrk" => {
                        let inner = map_raw(raw, at, data, pairs, next_i, xs, Some("mrk"));
                        for item in inner {
                            match item {
                                Inline::Text(t) => text(&mut out, &t),
                                other => out.push(other),
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Whether a file looks like XLIFF (for conversions by content when the extension says
/// nothing).
pub fn looks_like_xliff(head: &[u8]) -> bool {
    String::from_utf8_lossy(head).contains("<xliff")
}

#[cfg(test)]
mod tests {
    use super::super::tmx::read::TmxReader;
    use super::*;

    fn through_xliff(units: &[Tu]) -> (String, Vec<Tu>) {
        let mut out = Vec::new();
        let mut w = XliffWriter::start(&mut out, "es", "en", "t.tmx").unwrap();
        for tu in units {
            w.write_tu(tu).unwrap();
        }
        w.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut r = XliffReader::from_reader(Path::new("t.xlf"), text.as_bytes()).unwrap();
        let mut back = Vec::new();
        while let Some(tu) = r.next_tu().unwrap() {
            back.push(tu);
        }
        (text, back)
    }

    #[test]
    fn codes_survive_the_trip_through_xliff() {
        let tmx = r#"<tmx version="1.4"><header srclang="es"/><body>
<tu tuid="a-1"><tuv xml:lang="es"><seg>Ver <bpt i="1" x="1">&lt;b&gt;</bpt>aquí<ept i="1">&lt;/b&gt;</ept> y <ph x="2">&lt;br/&gt;</ph> <hi>ojo</hi></seg></tuv>
<tuv xml:lang="en"><seg>See <bpt i="1" x="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> and <ph x="2">&lt;br/&gt;</ph> <hi>look</hi></seg></tuv></tu>
</body></tmx>"#;
        let mut r = TmxReader::from_reader(Path::new("t.tmx"), tmx.as_bytes()).unwrap();
        let tu = r.next_tu().unwrap().unwrap();
        let (xliff, back) = through_xliff(std::slice::from_ref(&tu));
        assert!(xliff.contains(r#"<source>Ver <sc id="1" dataRef="d1"/>aquí<ec startRef="1" dataRef="d2"/> y <ph id="2" dataRef="d3"/> <pc id="h4">ojo</pc></source>"#), "{xliff}");
        assert!(xliff.contains(r#"<data id="d1">&lt;b&gt;</data>"#));
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].attr("tuid"), Some("a-1"));
        for (b, t) in back[0].tuvs.iter().zip(&tu.tuvs) {
            assert_eq!(b.seg.to_xml(), t.seg.to_xml());
        }
    }

    #[test]
    fn a_cat_tool_xliff_with_several_segments_and_paired_codes_reads() {
        let xliff = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="es-MX" trgLang="en-US">
 <file id="f"><unit id="p1">
  <originalData><data id="s">&lt;i&gt;</data><data id="e">&lt;/i&gt;</data></originalData>
  <segment><source>Uno <pc id="1" dataRefStart="s" dataRefEnd="e">dos</pc>.</source><target>One <pc id="1" dataRefStart="s" dataRefEnd="e">two</pc>.</target></segment>
  <ignorable><source> </source></ignorable>
  <segment><source>Tres <mrk id="m" type="term">cuatro</mrk>.</source><target>Three <mrk id="m" type="term">four</mrk>&#x2E;</target></segment>
  <segment><source>Sin traducir.</source></segment>
 </unit></file></xliff>"#;
        let mut r = XliffReader::from_reader(Path::new("c.xlf"), xliff.as_bytes()).unwrap();
        let a = r.next_tu().unwrap().unwrap();
        assert_eq!(a.tuvs[0].lang, "es-MX");
        assert_eq!(a.attr("tuid"), None);
        assert_eq!(
            a.tuvs[1].seg.to_xml(),
            r#"One <bpt i="1" x="1">&lt;i&gt;</bpt>two<ept i="1">&lt;/i&gt;</ept>."#
        );
        let b = r.next_tu().unwrap().unwrap();
        assert_eq!(b.tuvs[1].seg.plain_text(), "Three four.");
        assert!(r.next_tu().unwrap().is_none());
        assert_eq!(r.untranslated, 1);
    }
}
