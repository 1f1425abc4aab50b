//! XLIFF 1.2 and 2.0 input: the bilingual files CAT tools exchange become source/target
//! segment pairs, for checking (`qa`) or for a translation memory.
//!
//! Only the core of each version is read. XLIFF 1.2: every `<trans-unit>` of every `<file>`,
//! one pair per unit, or one per `<mrk mtype="seg">` when the unit has a segmented
//! `<seg-source>` and its `<target>` is segmented the same way; `<alt-trans>` proposals are
//! not pairs. XLIFF 2.0: every `<segment>` of every `<unit>` (in groups or not); `<ignorable>`
//! and modules (translation candidates, glossaries) are not pairs. Inline codes become
//! nothing (their native data is not text); the text inside paired codes and annotations
//! (`<g>`, `<pc>`, `<mrk>`) is kept, and `<cp hex>` becomes its character. Text is given as
//! written, whitespace included.

use crate::error::{Error, Result};
use crate::input::xml::{walk, Tag, Xml};
use std::path::Path;

/// The namespaces of XLIFF 1.2 and 2.x core start so.
const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:";

/// A bilingual file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xliff {
    /// The `version` attribute: `1.2`, `2.0` ...
    pub version: String,
    pub files: Vec<XliffFile>,
}

/// One `<file>`: an original document and its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XliffFile {
    /// The `id` (2.0) or, in 1.2, the `original` (the only name a 1.2 file has).
    pub id: String,
    /// `original` in 2.0, when given.
    pub original: Option<String>,
    pub src_lang: String,
    pub tgt_lang: Option<String>,
    pub pairs: Vec<SegmentPair>,
}

/// A source segment and its translation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SegmentPair {
    /// The `id` of the unit (`<unit>`, `<trans-unit>`).
    pub unit: String,
    /// The segment's id within the unit (2.0 `<segment id>`, 1.2 `<mrk mid>`), when it has one.
    pub segment: Option<String>,
    pub source: String,
    /// None when there is no `<target>` (not translated yet); an empty target is `Some("")`.
    pub target: Option<String>,
    /// The segment's state (2.0 `state`, default `initial`) or the target's (1.2 `state`).
    pub state: Option<String>,
    /// False when the unit (or what holds it) says `translate="no"`.
    pub translate: bool,
}

impl Xliff {
    /// Every pair with the file it is in, in document order.
    pub fn pairs(&self) -> impl Iterator<Item = (&XliffFile, &SegmentPair)> {
        self.files
            .iter()
            .flat_map(|f| f.pairs.iter().map(move |p| (f, p)))
    }
}

/// Reads an XLIFF file; errors name it.
pub fn load(path: &Path) -> Result<Xliff> {
    let (text, _) = crate::input::read_file(path)?;
    parse(&text).map_err(|m| Error::bad_input(path, m))
}

/// Parses XLIFF 1.2 or 2.0 (1.0, 1.1 and 2.1, 2.2 files read as their family).
pub fn parse(text: &str) -> std::result::Result<Xliff, String> {
    let mut reader = Reader::default();
    walk(text, |e| reader.event(e))?;
    reader
        .xliff
        .ok_or_else(|| "not an XLIFF file (no <xliff> root element)".into())
}

/// Where the text being read goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// The text of a `<source>` or `<target>`, and its `<mrk mtype="seg">` segments (1.2).
#[derive(Debug, Default)]
struct Content {
    text: String,
    segments: Vec<(String, String)>,
}

/// A 1.2 `<trans-unit>` or a 2.0 `<segment>` being read.
#[derive(Debug, Default)]
struct UnitState {
    id: String,
    segment: Option<String>,
    translate: bool,
    state: Option<String>,
    source: Content,
    seg_source: Option<Content>,
    target: Option<Content>,
}

#[derive(Default)]
struct Reader {
    xliff: Option<Xliff>,
    v2: bool,
    /// The core namespace of the file (empty for a 1.x file without one).
    ns: String,
    /// The open elements.
    path: Vec<Tag>,
    /// `translate` of the open file, groups and unit, innermost last.
    translate: Vec<bool>,
    unit: Option<UnitState>,
    /// 2.0: the unit id while inside a `<unit>`.
    unit_id: Option<String>,
    /// Where text goes, and inside which element it started (its depth in `path`).
    into: Option<(Side, bool, usize)>,
    /// Depth of an open inline code whose content is native data, not text.
    code: Option<usize>,
    /// 1.2: the `mid` of the open `<mrk mtype="seg">`, and the depth it opened at.
    seg: Option<(String, usize)>,
    /// 2.0: `srcLang` and `trgLang` of the root, which every file shares.
    root_langs: (String, Option<String>),
}

impl Reader {
    fn core(&self, tag: &Tag) -> bool {
        tag.ns == self.ns
    }

    fn parent(&self) -> Option<&str> {
        self.path
            .last()
            .filter(|t| self.core(t))
            .map(|t| t.name.as_str())
    }

    fn file(&mut self) -> std::result::Result<&mut XliffFile, String> {
        self.xliff
            .as_mut()
            .and_then(|x| x.files.last_mut())
            .ok_or_else(|| "a unit outside any <file>".to_string())
    }

    fn event(&mut self, e: Xml) -> std::result::Result<(), String> {
        match e {
            Xml::Open(tag) => {
                self.open(tag)?;
                self.path.push(tag.clone());
            }
            Xml::Close(tag) => {
                self.path.pop();
                self.close(tag)?;
            }
            Xml::Text(t) => self.text(t),
        }
        Ok(())
    }

    fn open(&mut self, tag: &Tag) -> std::result::Result<(), String> {
        if self.xliff.is_none() {
            if tag.name != "xliff" {
                return Err(format!(
                    "not an XLIFF file (the root element is <{}>)",
                    tag.name
                ));
            }
            // XLIFF 1.1 and 1.0 files may say their version by their namespace alone.
            let version = tag
                .attr("version")
                .map(String::from)
                .or_else(|| tag.ns.strip_prefix(XLIFF_NS).map(String::from))
                .unwrap_or_default();
            self.v2 = version.starts_with('2');
            if !(self.v2 || version.starts_with('1')) {
                return Err(format!(
                    "XLIFF version '{version}' is not supported (1.2 and 2.0 are)"
                ));
            }
            if !tag.ns.is_empty() && !tag.ns.starts_with(XLIFF_NS) {
                return Err(format!("not an XLIFF file (namespace {})", tag.ns));
            }
            self.ns = tag.ns.clone();
            self.xliff = Some(Xliff {
                version,
                files: Vec::new(),
            });
            self.translate.push(true);
            self.root_langs = (
                tag.attr("srcLang").unwrap_or("").to_string(),
                tag.attr("trgLang").map(String::from),
            );
            return Ok(());
        }
        if self.into.is_some() {
            return self.open_inline(tag);
        }
        if !self.core(tag) {
            return Ok(());
        }
        let translate = match tag.attr("translate") {
            Some(v) => v != "no",
            None => *self.translate.last().unwrap_or(&true),
        };
        match (self.v2, tag.name.as_str(), self.parent()) {
            (_, "file", _) => {
                let (id, original, src_lang, tgt_lang) = if self.v2 {
                    (
                        tag.attr("id").unwrap_or("").to_string(),
                        tag.attr("original").map(String::from),
                        self.root_langs.0.clone(),
                        self.root_langs.1.clone(),
                    )
                } else {
                    (
                        tag.attr("original").unwrap_or("").to_string(),
                        None,
                        tag.attr("source-language").unwrap_or("").to_string(),
                        tag.attr("target-language").map(String::from),
                    )
                };
                self.translate.push(translate);
                self.xliff
                    .as_mut()
                    .expect("root read")
                    .files
                    .push(XliffFile {
                        id,
                        original,
                        src_lang,
                        tgt_lang,
                        pairs: Vec::new(),
                    });
            }
            (_, "group", _) => self.translate.push(translate),
            (false, "trans-unit", _) => {
                self.translate.push(translate);
                self.unit = Some(UnitState {
                    id: tag.attr("id").unwrap_or("").to_string(),
                    translate,
                    ..UnitState::default()
                });
            }
            (true, "unit", _) => {
                self.translate.push(translate);
                self.unit_id = Some(tag.attr("id").unwrap_or("").to_string());
            }
            (true, "segment", Some("unit")) => {
                self.unit = Some(UnitState {
                    id: self.unit_id.clone().unwrap_or_default(),
                    segment: tag.attr("id").map(String::from),
                    translate: *self.translate.last().unwrap_or(&true),
                    state: Some(tag.attr("state").unwrap_or("initial").to_string()),
                    ..UnitState::default()
                });
            }
            (false, "source", Some("trans-unit")) | (true, "source", Some("segment")) => {
                self.into = Some((Side::Source, false, self.path.len()));
            }
            (false, "seg-source", Some("trans-unit")) => {
                if let Some(u) = self.unit.as_mut() {
                    u.seg_source = Some(Content::default());
                }
                self.into = Some((Side::Source, true, self.path.len()));
            }
            (false, "target", Some("trans-unit")) | (true, "target", Some("segment")) => {
                if let Some(u) = self.unit.as_mut() {
                    u.target = Some(Content::default());
                    if !self.v2 {
                        u.state = tag.attr("state").map(String::from);
                    }
                }
                self.into = Some((Side::Target, false, self.path.len()));
            }
            _ => {}
        }
        Ok(())
    }

    /// An element inside `<source>`/`<target>`: codes hide their content, `<cp>` is a
    /// character, `<mrk mtype="seg">` starts a 1.2 segment, the rest is transparent.
    fn open_inline(&mut self, tag: &Tag) -> std::result::Result<(), String> {
        if self.code.is_some() || !self.core(tag) {
            self.code.get_or_insert(self.path.len());
            return Ok(());
        }
        match tag.name.as_str() {
            // 1.2 codes that hold native data; 2.0 has no element with such content.
            "bpt" | "ept" | "ph" | "it" | "sub" if !self.v2 => {
                self.code = Some(self.path.len());
            }
            "cp" if self.v2 => {
                let hex = tag.attr("hex").unwrap_or("");
                let c = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("<cp hex=\"{hex}\"> is not a character"))?;
                self.text(&c.to_string());
            }
            "mrk" if !self.v2 && tag.attr("mtype") == Some("seg") => {
                let mid = tag.attr("mid").unwrap_or("").to_string();
                self.seg = Some((mid.clone(), self.path.len()));
                if let Some(c) = self.content() {
                    c.segments.push((mid, String::new()));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn content(&mut self) -> Option<&mut Content> {
        let (into, seg_source, _) = self.into?;
        let unit = self.unit.as_mut()?;
        match (into, seg_source) {
            (Side::Source, false) => Some(&mut unit.source),
            (Side::Source, true) => unit.seg_source.as_mut(),
            (Side::Target, _) => unit.target.as_mut(),
        }
    }

    fn text(&mut self, t: &str) {
        if self.code.is_some() {
            return;
        }
        let in_seg = self.seg.is_some();
        if let Some(c) = self.content() {
            c.text.push_str(t);
            if in_seg {
                if let Some((_, s)) = c.segments.last_mut() {
                    s.push_str(t);
                }
            }
        }
    }

    fn close(&mut self, tag: &Tag) -> std::result::Result<(), String> {
        let depth = self.path.len();
        if self.code == Some(depth) {
            self.code = None;
            return Ok(());
        }
        if self.seg.as_ref().is_some_and(|(_, d)| *d == depth) {
            self.seg = None;
            return Ok(());
        }
        if let Some((_, _, d)) = self.into {
            if d == depth {
                self.into = None;
            }
            return Ok(());
        }
        if !self.core(tag) {
            return Ok(());
        }
        match (self.v2, tag.name.as_str()) {
            (_, "file") | (_, "group") => {
                self.translate.pop();
            }
            (false, "trans-unit") => {
                self.translate.pop();
                if let Some(unit) = self.unit.take() {
                    let pairs = unit_pairs(unit);
                    self.file()?.pairs.extend(pairs);
                }
            }
            (true, "unit") => {
                self.translate.pop();
                self.unit_id = None;
            }
            (true, "segment") => {
                if let Some(unit) = self.unit.take() {
                    let pair = SegmentPair {
                        unit: unit.id,
                        segment: unit.segment,
                        source: unit.source.text,
                        target: unit.target.map(|t| t.text),
                        state: unit.state,
                        translate: unit.translate,
                    };
                    self.file()?.pairs.push(pair);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// The pairs of a 1.2 trans-unit: one per `<mrk mtype="seg">` when both sides are segmented
/// alike, else the whole unit.
fn unit_pairs(unit: UnitState) -> Vec<SegmentPair> {
    let whole = |u: UnitState| SegmentPair {
        unit: u.id,
        segment: None,
        source: u.source.text,
        target: u.target.map(|t| t.text),
        state: u.state,
        translate: u.translate,
    };
    let Some(seg_source) = unit.seg_source.as_ref().filter(|s| !s.segments.is_empty()) else {
        return vec![whole(unit)];
    };
    let target_segments = unit.target.as_ref().map(|t| &t.segments);
    let aligned = match target_segments {
        None => true,
        Some(t) => seg_source.segments.len() == 1 || !t.is_empty(),
    };
    if !aligned {
        return vec![whole(unit)];
    }
    seg_source
        .segments
        .iter()
        .map(|(mid, source)| {
            let target = unit.target.as_ref().map(|t| {
                if t.segments.is_empty() {
                    t.text.clone()
                } else {
                    t.segments
                        .iter()
                        .find(|(m, _)| m == mid)
                        .map(|(_, s)| s.clone())
                        .unwrap_or_default()
                }
            });
            SegmentPair {
                unit: unit.id.clone(),
                segment: Some(mid.clone()),
                source: source.clone(),
                target,
                state: unit.state.clone(),
                translate: unit.translate,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(unit: &str, segment: Option<&str>, source: &str, target: Option<&str>) -> SegmentPair {
        SegmentPair {
            unit: unit.into(),
            segment: segment.map(String::from),
            source: source.into(),
            target: target.map(String::from),
            state: None,
            translate: true,
        }
    }

    fn without_state(x: &Xliff) -> Vec<SegmentPair> {
        x.pairs()
            .map(|(_, p)| SegmentPair {
                state: None,
                ..p.clone()
            })
            .collect()
    }

    #[test]
    fn xliff_1_2_units_codes_and_alternatives() {
        let x = parse(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="sre-366.docx" source-language="es-MX" target-language="en-US" datatype="x-docx">
    <header><note>Generado por un CAT.</note></header>
    <body>
      <group id="g1">
        <trans-unit id="1">
          <source>La <g id="1">canciller</g> viajó a <bpt id="2">&lt;b&gt;</bpt>Nueva York<ept id="2">&lt;/b&gt;</ept>.<x id="3"/></source>
          <target state="translated">The <g id="1">Foreign Minister</g> travelled to <bpt id="2">&lt;b&gt;</bpt>New York<ept id="2">&lt;/b&gt;</ept>.</target>
          <alt-trans match-quality="80"><source>La canciller</source><target>The chancellor</target></alt-trans>
        </trans-unit>
      </group>
      <trans-unit id="2" translate="no"><source>SRE</source></trans-unit>
      <trans-unit id="3"><source>Sin traducir.</source><target/></trans-unit>
    </body>
  </file>
</xliff>"#,
        )
        .unwrap();
        assert_eq!(x.version, "1.2");
        let f = &x.files[0];
        assert_eq!(
            (f.id.as_str(), f.src_lang.as_str()),
            ("sre-366.docx", "es-MX")
        );
        assert_eq!(f.tgt_lang.as_deref(), Some("en-US"));
        assert_eq!(
            without_state(&x),
            [
                pair(
                    "1",
                    None,
                    "La canciller viajó a Nueva York.",
                    Some("The Foreign Minister travelled to New York.")
                ),
                SegmentPair {
                    translate: false,
                    ..pair("2", None, "SRE", None)
                },
                pair("3", None, "Sin traducir.", Some("")),
            ]
        );
        assert_eq!(f.pairs[0].state.as_deref(), Some("translated"));
    }

    #[test]
    fn xliff_1_2_seg_source_gives_one_pair_per_segment() {
        let x = parse(
            r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" source-language="es" target-language="en"><body>
            <trans-unit id="u1">
              <source>Hola. Adiós.</source>
              <seg-source><mrk mtype="seg" mid="1">Hola.</mrk> <mrk mtype="seg" mid="2">Adiós.</mrk></seg-source>
              <target><mrk mtype="seg" mid="1">Hello.</mrk> <mrk mtype="seg" mid="2">Goodbye.</mrk></target>
            </trans-unit>
            <trans-unit id="u2">
              <source>Uno. Dos.</source>
              <seg-source><mrk mtype="seg" mid="1">Uno.</mrk> <mrk mtype="seg" mid="2">Dos.</mrk></seg-source>
              <target>One. Two.</target>
            </trans-unit></body></file></xliff>"#,
        )
        .unwrap();
        assert_eq!(
            without_state(&x),
            [
                pair("u1", Some("1"), "Hola.", Some("Hello.")),
                pair("u1", Some("2"), "Adiós.", Some("Goodbye.")),
                pair("u2", None, "Uno. Dos.", Some("One. Two.")),
            ]
        );
    }

    #[test]
    fn xliff_2_segments_codes_and_modules() {
        let x = parse(
            r##"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="es" trgLang="en">
  <file id="f1" original="boletin.docx">
    <group id="g1" translate="no">
      <unit id="u0"><segment><source>SRE</source></segment></unit>
    </group>
    <unit id="u1">
      <mtc:matches><mtc:match ref="#s1"><source>Hola</source><target>Hi</target></mtc:match></mtc:matches>
      <originalData><data id="d1">&lt;b&gt;</data></originalData>
      <segment id="s1" state="final">
        <source>Hola <pc id="1" dataRefStart="d1">mundo</pc><ph id="2"/>&amp; <mrk id="m1" type="term">amigos</mrk>.<cp hex="0001"/></source>
        <target>Hello <pc id="1" dataRefStart="d1">world</pc>&amp; <mrk id="m1" type="term">friends</mrk>.</target>
      </segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2"><source>Sin traducción.</source></segment>
    </unit>
  </file>
</xliff>"##,
        )
        .unwrap();
        let f = &x.files[0];
        assert_eq!(f.id, "f1");
        assert_eq!(f.original.as_deref(), Some("boletin.docx"));
        assert_eq!(
            (f.src_lang.as_str(), f.tgt_lang.as_deref()),
            ("es", Some("en"))
        );
        assert_eq!(
            without_state(&x),
            [
                SegmentPair {
                    translate: false,
                    ..pair("u0", None, "SRE", None)
                },
                pair(
                    "u1",
                    Some("s1"),
                    "Hola mundo& amigos.\u{1}",
                    Some("Hello world& friends.")
                ),
                pair("u1", Some("s2"), "Sin traducción.", None),
            ]
        );
        assert_eq!(f.pairs[1].state.as_deref(), Some("final"));
        assert_eq!(f.pairs[2].state.as_deref(), Some("initial"));
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(parse("<tmx version=\"1.4\"/>")
            .unwrap_err()
            .contains("<tmx>"));
        assert!(parse("<xliff version=\"3.0\"/>")
            .unwrap_err()
            .contains("3.0"));
        assert!(parse("<xliff version=\"2.0\"><file")
            .unwrap_err()
            .contains("malformed"));
        assert!(parse("<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"><file id=\"f\"><unit id=\"u\"><segment><source><cp hex=\"zz\"/></source></segment></unit></file></xliff>")
            .unwrap_err()
            .contains("cp"));
    }
}
