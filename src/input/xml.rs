//! The XML the readers of DOCX parts and XLIFF files see: a stream of opened elements (with
//! their namespace resolved), closed elements and text (entities and character references
//! resolved, CDATA included), read with quick-xml. Empty elements are opened and closed.
//! Errors say on which line the XML breaks.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

/// An opened element.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The namespace URI, empty when the element has none.
    pub ns: String,
    /// The local name.
    pub name: String,
    /// Attributes by local name (`w:val` is `val`, `xml:lang` is `lang`), values unescaped;
    /// attributes without a prefix first, so that one of another vocabulary with the same
    /// local name (`its:version` beside `version`) does not hide them.
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the reader meets, in document order.
#[derive(Debug)]
pub enum Xml<'a> {
    Open(&'a Tag),
    /// The end of the innermost open element, which is given again.
    Close(&'a Tag),
    Text(&'a str),
}

/// Whether XML 1.0 allows a character in a document.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || ('\u{20}'..='\u{D7FF}').contains(&c)
        || ('\u{E000}'..='\u{FFFD}').contains(&c)
        || c >= '\u{10000}'
}

/// Reads `text` and calls `on` for every element opened and closed and every piece of text.
/// `on` can stop the walk with an error message.
pub fn walk(text: &str, mut on: impl FnMut(Xml) -> Result<(), String>) -> Result<(), String> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().expand_empty_elements = true;
    let mut open: Vec<Tag> = Vec::new();
    let line = |pos: u64| {
        1 + text.as_bytes()[..(pos as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
    };
    // Text with a character XML 1.0 forbids (a C0 control other than tab, line feed and
    // carriage return, U+FFFE, U+FFFF) is not well-formed, written or as a reference.
    let legal = |text: &str, from: u64| -> Result<(), String> {
        match text.char_indices().find(|&(_, c)| !xml_char(c)) {
            None => Ok(()),
            Some((i, c)) => Err(format!(
                "not well-formed XML at line {}: the character U+{:04X}, which XML 1.0 forbids",
                line(from) + text[..i].matches('\n').count(),
                c as u32
            )),
        }
    };
    loop {
        let from = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                return Err(format!(
                    "malformed XML at line {}: {e}",
                    line(reader.error_position())
                ))
            }
        };
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.0.to_string(),
            _ => String::new(),
        };
        match event {
            Event::Start(start) => {
                let mut attrs = Vec::new();
                let mut prefixed = Vec::new();
                for attr in start.attributes() {
                    let attr = attr.map_err(|e| {
                        format!(
                            "malformed XML at line {}: {e}",
                            line(reader.buffer_position())
                        )
                    })?;
                    let key: &str = attr.key.as_ref();
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let local = key.rsplit(':').next().unwrap_or(key).to_string();
                    let value = attr
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| {
                            format!(
                                "malformed XML at line {}: {e}",
                                line(reader.buffer_position())
                            )
                        })?;
                    if key.contains(':') {
                        prefixed.push((local, value.into_owned()));
                    } else {
                        attrs.push((local, value.into_owned()));
                    }
                }
                attrs.extend(prefixed);
                let name = AsRef::<str>::as_ref(&start.local_name()).to_string();
                open.push(Tag { ns, name, attrs });
                on(Xml::Open(open.last().expect("just pushed")))?;
            }
            Event::End(_) => {
                if let Some(tag) = open.pop() {
                    on(Xml::Close(&tag))?;
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                legal(&text, from)?;
                on(Xml::Text(&text))?
            }
            Event::CData(t) => {
                let text = t.xml10_content();
                legal(&text, from)?;
                on(Xml::Text(&text))?
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| {
                            format!(
                                "undefined entity &{}; at line {}",
                                &*r,
                                line(reader.buffer_position())
                            )
                        })?
                        .to_string(),
                    Err(e) => {
                        return Err(format!(
                            "bad character reference at line {}: {e}",
                            line(reader.buffer_position())
                        ))
                    }
                };
                legal(&resolved, from)?;
                on(Xml::Text(&resolved))?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(tag) = open.last() {
        return Err(format!(
            "malformed XML: the file ends inside <{}>",
            tag.name
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        walk(xml, |e| {
            out.push(match e {
                Xml::Open(t) => format!("<{}|{}|{:?}", t.ns, t.name, t.attrs),
                Xml::Close(t) => format!(">{}", t.name),
                Xml::Text(s) => format!("'{s}'"),
            });
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn namespaces_entities_and_empty_elements_are_resolved() {
        let got = events(
            r#"<w:doc xmlns:w="urn:w" xmlns="urn:d"><w:t xml:space="preserve">a &amp; &#233;<![CDATA[<b>]]></w:t><br w:val="x&lt;"/></w:doc>"#,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                "<urn:w|doc|[]",
                r#"<urn:w|t|[("space", "preserve")]"#,
                "'a '",
                "'&'",
                "' '",
                "'é'",
                "'<b>'",
                ">t",
                r#"<urn:d|br|[("val", "x<")]"#,
                ">br",
                ">doc",
            ]
        );
    }

    #[test]
    fn malformed_xml_says_where() {
        let err = events("<a>\n<b>\n</a>").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(events("<a>&nbsp;</a>").unwrap_err().contains("&nbsp;"));
        assert!(events("<a><b>").unwrap_err().contains("ends inside"));
    }
}
