//! Translation memories outside the alignment run: one unit model ([`Tu`]) and the formats
//! that read and write it: [`tmx`] (TMX 1.1 to 1.4b, read and written); [`lang`]
//! (language tags) and [`profile`] (what each CAT tool imports best); [`merge`],
//! [`stats`] and [`validate`]; [`tsv`] and [`xliff`] (XLIFF 1.2 and 2.0) for [`convert`]; [`xml`], the event stream under the TMX and XLIFF readers.
//!
//! Readers stream: a file of gigabytes is read one `<tu>` at a time.
//!
//! ```
//! use alinea::tm::tmx::read::TmxReader;
//! let tmx = r#"<tmx version="1.4"><header srclang="es" segtype="sentence" creationtool="x"
//!   creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
//!   <tu><tuv xml:lang="es"><seg>Hola <ph x="1">&lt;br/&gt;</ph>mundo</seg></tuv>
//!   <tuv xml:lang="en"><seg>Hello <ph x="1">&lt;br/&gt;</ph>world</seg></tuv></tu></body></tmx>"#;
//! let mut reader = TmxReader::from_reader("mem.tmx".as_ref(), tmx.as_bytes()).unwrap();
//! let tu = reader.next_tu().unwrap().unwrap();
//! assert_eq!(tu.tuvs[0].seg.plain_text(), "Hola mundo");
//! assert_eq!(tu.tuvs[1].seg.to_xml(), "Hello <ph x=\"1\">&lt;br/&gt;</ph>world");
//! assert!(reader.next_tu().unwrap().is_none());
//! ```

pub mod convert;
pub mod lang;
pub mod merge;
pub mod profile;
pub mod stats;
pub mod tmx;
pub mod tsv;
pub mod validate;
pub mod xliff;
pub mod xml;

use crate::error::Pos;
use quick_xml::escape::{escape, partial_escape};

/// An attribute as read: name and (unescaped) value, in the order of the file.
pub type Attr = (String, String);

/// The `<header>` of a TMX file, as read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// The `version` of `<tmx>` ("1.4", "1.1" ...).
    pub version: String,
    /// The namespace declarations of `<tmx>` (`xmlns:okp`, with its URI), which prefixed
    /// attributes of the units need.
    pub namespaces: Vec<Attr>,
    pub attrs: Vec<Attr>,
    pub props: Vec<Prop>,
    pub notes: Vec<String>,
    pub pos: Pos,
}

impl Header {
    pub fn attr(&self, name: &str) -> Option<&str> {
        find_attr(&self.attrs, name)
    }
}

/// A `<prop type="...">value</prop>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Prop {
    pub kind: String,
    pub value: String,
}

impl Prop {
    pub fn new(kind: &str, value: &str) -> Prop {
        Prop {
            kind: kind.to_string(),
            value: value.to_string(),
        }
    }
}

/// A translation unit: `<tu>` with its attributes (`tuid`, `srclang`, dates ...), props,
/// notes and one `<tuv>` per language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tu {
    pub attrs: Vec<Attr>,
    pub props: Vec<Prop>,
    pub notes: Vec<String>,
    pub tuvs: Vec<Tuv>,
    /// Where `<tu` starts (for a unit read from a file).
    pub pos: Pos,
}

impl Tu {
    pub fn attr(&self, name: &str) -> Option<&str> {
        find_attr(&self.attrs, name)
    }

    /// Sets an attribute, keeping its place if it is there already.
    pub fn set_attr(&mut self, name: &str, value: &str) {
        set_attr(&mut self.attrs, name, value);
    }

    /// What `keep-newest` compares: the change date, then the creation date, each the latest
    /// of the unit's and its variants', in seconds since the epoch (dates with an offset
    /// are converted to UTC; a missing or unreadable date is 0 and sorts first).
    pub fn date_key(&self) -> (u64, u64) {
        let latest = |name: &str| {
            std::iter::once(&self.attrs)
                .chain(self.tuvs.iter().map(|t| &t.attrs))
                .filter_map(|attrs| find_attr(attrs, name))
                .filter_map(crate::types::date::to_epoch)
                .max()
                .unwrap_or(0)
        };
        (latest("changedate"), latest("creationdate"))
    }
}

/// A translation unit variant: the text in one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tuv {
    /// The language tag as written (`xml:lang` in TMX 1.4, `lang` in 1.1).
    pub lang: String,
    /// The other attributes (`creationdate`, `changeid` ...).
    pub attrs: Vec<Attr>,
    pub props: Vec<Prop>,
    pub notes: Vec<String>,
    pub seg: Segment,
    pub pos: Pos,
    /// Where the text of `<seg>` starts (just after `<seg>`).
    pub seg_pos: Pos,
}

impl Tuv {
    pub fn attr(&self, name: &str) -> Option<&str> {
        find_attr(&self.attrs, name)
    }

    /// A variant with plain text.
    pub fn plain(lang: &str, text: &str) -> Tuv {
        Tuv {
            lang: lang.to_string(),
            seg: Segment::plain(text),
            ..Tuv::default()
        }
    }
}

/// The inline content of a `<seg>`: text and inline elements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment(pub Vec<Inline>);

/// The TMX inline elements that hold native code (not translatable text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    Bpt,
    Ept,
    It,
    Ph,
    Ut,
}

impl Code {
    pub fn name(self) -> &'static str {
        match self {
            Code::Bpt => "bpt",
            Code::Ept => "ept",
            Code::It => "it",
            Code::Ph => "ph",
            Code::Ut => "ut",
        }
    }

    pub fn from_name(name: &str) -> Option<Code> {
        Some(match name {
            "bpt" => Code::Bpt,
            "ept" => Code::Ept,
            "it" => Code::It,
            "ph" => Code::Ph,
            "ut" => Code::Ut,
            _ => return None,
        })
    }
}

/// One piece of a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Character data (unescaped).
    Text(String),
    /// `bpt`, `ept`, `it`, `ph` or `ut`: native code of the original format, with its
    /// attributes (`i`, `x`, `type`, `pos` ...).
    Code {
        code: Code,
        attrs: Vec<Attr>,
        content: Vec<CodeText>,
    },
    /// `hi`: translatable text with a highlight.
    Hi {
        attrs: Vec<Attr>,
        content: Vec<Inline>,
    },
}

/// The content of a native-code element: the code itself, or a `<sub>` flow of translatable
/// text (a footnote, an `alt` attribute) inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeText {
    Native(String),
    Sub {
        attrs: Vec<Attr>,
        content: Vec<Inline>,
    },
}

impl Segment {
    pub fn plain(text: &str) -> Segment {
        if text.is_empty() {
            Segment(Vec::new())
        } else {
            Segment(vec![Inline::Text(text.to_string())])
        }
    }

    /// Whether the segment holds any inline element.
    pub fn has_tags(&self) -> bool {
        self.0.iter().any(|i| !matches!(i, Inline::Text(_)))
    }

    /// The translatable text: character data, and the text of `hi`, without native code
    /// (and so without `sub` flows, which belong to the code that holds them).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        plain_into(&self.0, &mut out);
        out
    }

    /// The segment with its inline elements removed (`--strip-tags`).
    pub fn stripped(&self) -> Segment {
        Segment::plain(&self.plain_text())
    }

    /// The content of `<seg>` as TMX markup. Text escapes `<`, `>` and `&` only.
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        xml_into(&self.0, &mut out);
        out
    }

    /// A key for deduplication: the text with whitespace runs collapsed, NFC-normalised,
    /// and each inline element reduced to its kind, so that the same sentence with the same
    /// tags in the same places is the same whatever native code or ids the tags carry.
    pub fn dedup_key(&self) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut raw = String::new();
        key_into(&self.0, &mut raw);
        let collapsed: Vec<&str> = raw.split_whitespace().collect();
        collapsed.join(" ").nfc().collect()
    }

    /// Length in characters of the translatable text.
    pub fn char_len(&self) -> usize {
        self.plain_text().chars().count()
    }
}

fn plain_into(items: &[Inline], out: &mut String) {
    for item in items {
        match item {
            Inline::Text(t) => out.push_str(t),
            Inline::Hi { content, .. } => plain_into(content, out),
            Inline::Code { .. } => {}
        }
    }
}

fn key_into(items: &[Inline], out: &mut String) {
    for item in items {
        match item {
            Inline::Text(t) => out.push_str(t),
            Inline::Hi { content, .. } => {
                out.push_str("\u{E000}hi");
                key_into(content, out);
                out.push('\u{E001}');
            }
            Inline::Code { code, .. } => {
                out.push('\u{E000}');
                out.push_str(code.name());
                out.push('\u{E001}');
            }
        }
    }
}

fn xml_into(items: &[Inline], out: &mut String) {
    for item in items {
        match item {
            Inline::Text(t) => out.push_str(&partial_escape(t.as_str())),
            Inline::Hi { attrs, content } => {
                open_tag(out, "hi", attrs);
                xml_into(content, out);
                out.push_str("</hi>");
            }
            Inline::Code {
                code,
                attrs,
                content,
            } => {
                open_tag(out, code.name(), attrs);
                for part in content {
                    match part {
                        CodeText::Native(t) => out.push_str(&partial_escape(t.as_str())),
                        CodeText::Sub { attrs, content } => {
                            open_tag(out, "sub", attrs);
                            xml_into(content, out);
                            out.push_str("</sub>");
                        }
                    }
                }
                out.push_str("</");
                out.push_str(code.name());
                out.push('>');
            }
        }
    }
}

fn open_tag(out: &mut String, name: &str, attrs: &[Attr]) {
    out.push('<');
    out.push_str(name);
    for (k, v) in attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        out.push_str(&escape(v.as_str()));
        out.push('"');
    }
    out.push('>');
}

pub fn find_attr<'a>(attrs: &'a [Attr], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

pub fn set_attr(attrs: &mut Vec<Attr>, name: &str, value: &str) {
    match attrs.iter_mut().find(|(k, _)| k == name) {
        Some(slot) => slot.1 = value.to_string(),
        None => attrs.push((name.to_string(), value.to_string())),
    }
}

/// A 128-bit hash of a string, for the duplicate sets of `merge` and `stats`: two keyed
/// SipHash runs, so that a set of hashes stays small on memories of millions of units.
pub fn hash128(text: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |seed: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        seed.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged() -> Segment {
        Segment(vec![
            Inline::Text("Hola ".into()),
            Inline::Code {
                code: Code::Bpt,
                attrs: vec![("i".into(), "1".into())],
                content: vec![CodeText::Native("<b>".into())],
            },
            Inline::Text("mundo".into()),
            Inline::Code {
                code: Code::Ept,
                attrs: vec![("i".into(), "1".into())],
                content: vec![CodeText::Native("</b>".into())],
            },
            Inline::Text(" & más".into()),
        ])
    }

    #[test]
    fn plain_text_drops_native_code_and_keeps_highlighted_text() {
        assert_eq!(tagged().plain_text(), "Hola mundo & más");
        let hi = Segment(vec![Inline::Hi {
            attrs: vec![],
            content: vec![Inline::Text("ojo".into())],
        }]);
        assert_eq!(hi.plain_text(), "ojo");
    }

    #[test]
    fn markup_escapes_text_and_code() {
        assert_eq!(
            tagged().to_xml(),
            r#"Hola <bpt i="1">&lt;b&gt;</bpt>mundo<ept i="1">&lt;/b&gt;</ept> &amp; más"#
        );
    }

    #[test]
    fn dedup_keys_ignore_spacing_composition_and_native_code() {
        let a = Segment::plain("  Canción   de\tcuna ");
        let b = Segment::plain("Cancio\u{301}n de cuna");
        assert_eq!(a.dedup_key(), b.dedup_key());
        let mut other_code = tagged();
        if let Inline::Code { content, .. } = &mut other_code.0[1] {
            *content = vec![CodeText::Native("{1}".into())];
        }
        assert_eq!(tagged().dedup_key(), other_code.dedup_key());
        assert_ne!(tagged().dedup_key(), tagged().stripped().dedup_key());
    }

    #[test]
    fn date_key_compares_change_dates_first_and_reads_offsets() {
        let mut old = Tu::default();
        old.set_attr("creationdate", "20250101T000000Z");
        old.set_attr("changedate", "20200101T000000Z");
        let mut new = Tu::default();
        new.set_attr("creationdate", "20190101T000000Z");
        new.set_attr("changedate", "2020-01-01T09:00:00+02:00");
        assert!(new.date_key() > old.date_key());
        assert_eq!(
            crate::types::date::format_epoch(new.date_key().0),
            "20200101T070000Z"
        );
    }
}
