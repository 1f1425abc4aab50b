//! Writes TMX 1.4b, one `<tu>` at a time, to any byte sink: the same layout whether the
//! units come from an alignment, a merge or a conversion.
//!
//! Characters XML 1.0 forbids are removed from everything written and counted.

use super::super::xml::xml_char;
use super::super::{Prop, Tu};
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::Writer;
use std::io::Write;

/// The header attributes that vary; the others say alinea wrote the file.
#[derive(Debug, Clone)]
pub struct HeaderOut {
    pub srclang: String,
    /// `sentence`, `paragraph`, `phrase` or `block`.
    pub segtype: String,
    pub datatype: String,
    /// `YYYYMMDDThhmmssZ`.
    pub date: String,
    /// Namespace declarations for `<tmx>` (`xmlns:okp`, URI), for the prefixed attributes
    /// of units read from other tools' files.
    pub namespaces: Vec<(String, String)>,
}

impl HeaderOut {
    /// The header alinea writes for an alignment of plain text into sentences.
    pub fn sentences(srclang: &str, date: &str) -> HeaderOut {
        HeaderOut {
            srclang: srclang.to_string(),
            segtype: "sentence".into(),
            datatype: "plaintext".into(),
            date: date.to_string(),
            namespaces: Vec::new(),
        }
    }
}

/// Writes a TMX document: [`TmxWriter::start`], [`TmxWriter::write_tu`] for each unit,
/// then [`TmxWriter::finish`].
pub struct TmxWriter<W: Write> {
    w: Writer<W>,
    written: usize,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the DOCTYPE, `<tmx>`, the header and `<body>`.
    pub fn start(out: W, header: &HeaderOut) -> std::io::Result<Self> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(Event::DocType(BytesText::from_escaped(
            r#"tmx SYSTEM "tmx14.dtd""#,
        )))?;
        let mut tmx = BytesStart::new("tmx").with_attributes([("version", "1.4")]);
        for (name, uri) in &header.namespaces {
            tmx.push_attribute((name.as_str(), clean(uri).0.as_str()));
        }
        w.write_event(Event::Start(tmx))?;
        w.write_event(Event::Empty(BytesStart::new("header").with_attributes([
            ("creationtool", "alinea"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", clean(&header.segtype).0.as_str()),
            ("o-tmf", "alinea"),
            ("adminlang", "en"),
            ("srclang", clean(&header.srclang).0.as_str()),
            ("datatype", clean(&header.datatype).0.as_str()),
            ("creationdate", clean(&header.date).0.as_str()),
        ])))?;
        w.write_event(Event::Start(BytesStart::new("body")))?;
        Ok(TmxWriter { w, written: 0 })
    }

    /// Writes one unit; returns how many characters XML 1.0 forbids it lost.
    pub fn write_tu(&mut self, tu: &Tu) -> std::io::Result<usize> {
        let mut lost = 0;
        let mut cleaned = |s: &str| {
            let (text, n) = clean(s);
            lost += n;
            text
        };
        let attrs: Vec<(String, String)> = tu
            .attrs
            .iter()
            .map(|(k, v)| (k.clone(), cleaned(v)))
            .collect();
        let props: Vec<Prop> = tu
            .props
            .iter()
            .map(|p| Prop::new(&cleaned(&p.kind), &cleaned(&p.value)))
            .collect();
        let notes: Vec<String> = tu.notes.iter().map(|n| cleaned(n)).collect();
        let mut tuvs = Vec::new();
        for tuv in &tu.tuvs {
            let mut attrs = vec![("xml:lang".to_string(), cleaned(&tuv.lang))];
            attrs.extend(tuv.attrs.iter().map(|(k, v)| (k.clone(), cleaned(v))));
            let props: Vec<Prop> = tuv
                .props
                .iter()
                .map(|p| Prop::new(&cleaned(&p.kind), &cleaned(&p.value)))
                .collect();
            let notes: Vec<String> = tuv.notes.iter().map(|n| cleaned(n)).collect();
            tuvs.push((attrs, props, notes, cleaned(&tuv.seg.to_xml())));
        }

        let w = &mut self.w;
        w.write_event(Event::Start(
            BytesStart::new("tu").with_attributes(pairs(&attrs)),
        ))?;
        write_props_notes(w, &props, &notes)?;
        for (attrs, props, notes, seg) in &tuvs {
            w.write_event(Event::Start(
                BytesStart::new("tuv").with_attributes(pairs(attrs)),
            ))?;
            write_props_notes(w, props, notes)?;
            // The segment's markup is written as one piece: an indenting writer would put
            // line breaks (and so text) before inline elements.
            w.write_event(Event::Start(BytesStart::new("seg")))?;
            w.write_event(Event::Text(BytesText::from_escaped(seg.as_str())))?;
            w.write_event(Event::End(BytesStart::new("seg").to_end()))?;
            w.write_event(Event::End(BytesStart::new("tuv").to_end()))?;
        }
        w.write_event(Event::End(BytesStart::new("tu").to_end()))?;
        self.written += 1;
        Ok(lost)
    }

    /// Number of units written so far.
    pub fn written(&self) -> usize {
        self.written
    }

    /// Closes `<body>` and `<tmx>` and returns the sink.
    pub fn finish(mut self) -> std::io::Result<W> {
        self.w
            .write_event(Event::End(BytesStart::new("body").to_end()))?;
        self.w
            .write_event(Event::End(BytesStart::new("tmx").to_end()))?;
        let mut out = self.w.into_inner();
        out.write_all(b"\n")?;
        out.flush()?;
        Ok(out)
    }
}

/// Writes a whole document to memory.
pub fn to_bytes<'a>(header: &HeaderOut, units: impl IntoIterator<Item = &'a Tu>) -> Vec<u8> {
    let io = "writing to memory cannot fail";
    let mut w = TmxWriter::start(Vec::new(), header).expect(io);
    for tu in units {
        w.write_tu(tu).expect(io);
    }
    w.finish().expect(io)
}

fn pairs(attrs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    attrs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

fn write_props_notes<W: Write>(
    w: &mut Writer<W>,
    props: &[Prop],
    notes: &[String],
) -> std::io::Result<()> {
    for p in props {
        w.create_element("prop")
            .with_attribute(("type", p.kind.as_str()))
            .write_text_content(BytesText::new(&p.value))?;
    }
    for n in notes {
        w.create_element("note")
            .write_text_content(BytesText::new(n))?;
    }
    Ok(())
}

/// Removes the characters XML 1.0 forbids; returns the text and how many were removed.
pub fn clean(text: &str) -> (String, usize) {
    let removed = text.chars().filter(|&c| !xml_char(c)).count();
    if removed == 0 {
        return (text.to_string(), 0);
    }
    (text.chars().filter(|&c| xml_char(c)).collect(), removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::tmx::read::TmxReader;
    use crate::tm::{Code, CodeText, Inline, Segment, Tuv};

    #[test]
    fn what_is_written_reads_back_the_same() {
        let mut tu = Tu::default();
        tu.set_attr("tuid", "a&b-1");
        tu.set_attr("changedate", "20240101T000000Z");
        tu.props.push(Prop::new("x-note", "\"quoted\" <x>"));
        tu.notes.push("a note".into());
        let mut es = Tuv::plain("es", "¿Dónde está el <b>? Aquí & allí.");
        es.attrs.push(("creationid".into(), "ana".into()));
        tu.tuvs.push(es);
        let mut en = Tuv::plain("en", "");
        en.seg = Segment(vec![
            Inline::Code {
                code: Code::Ph,
                attrs: vec![("x".into(), "1".into())],
                content: vec![CodeText::Native("<br/>".into())],
            },
            Inline::Text("Where is it?".into()),
        ]);
        tu.tuvs.push(en);
        let bytes = to_bytes(&HeaderOut::sentences("es", "20240101T000000Z"), [&tu]);
        let mut r = TmxReader::from_reader("m.tmx".as_ref(), bytes.as_slice()).unwrap();
        let mut back = r.next_tu().unwrap().unwrap();
        assert!(r.next_tu().unwrap().is_none());
        assert_eq!(r.header().attr("srclang"), Some("es"));
        back.pos = tu.pos;
        for (b, t) in back.tuvs.iter_mut().zip(&tu.tuvs) {
            b.pos = t.pos;
            b.seg_pos = t.seg_pos;
        }
        assert_eq!(back, tu);
    }

    #[test]
    fn forbidden_characters_are_removed_and_counted() {
        let mut tu = Tu::default();
        tu.tuvs.push(Tuv::plain("es", "a\u{1}b"));
        tu.tuvs.push(Tuv::plain("en", "ab\u{FFFF}"));
        let mut w = TmxWriter::start(Vec::new(), &HeaderOut::sentences("es", "x")).unwrap();
        assert_eq!(w.write_tu(&tu).unwrap(), 2);
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(text.contains("<seg>ab</seg>"));
    }
}
