//! DOCX input: a Word document becomes its paragraphs, in reading order.
//!
//! A `.docx` is a ZIP archive of XML parts. The main part (found through the package
//! relationships, usually `word/document.xml`) gives the body: paragraphs, headings (a
//! heading or title style, or an outline level), list items (numbered or bulleted) and
//! table cells, one paragraph each, in the order they appear. Text that a reader does not see
//! is left out: deleted tracked changes, field instructions, hidden text, the fallback copy of
//! text boxes. Headers, footers and comments live in parts of their own and are not read;
//! footnotes and endnotes are read only when asked (`include_notes`) and come after the body,
//! in the order the body refers to them.

use super::xml::{walk, Tag, Xml};
use super::{BlockKind, Document, Paragraph};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// WordprocessingML, as Word writes it and in the Strict variant.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MARKUP_COMPATIBILITY: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// No part of a real document comes near this once decompressed; a ZIP bomb does.
const MAX_PART_BYTES: u64 = 256 << 20;

/// Reads a Word document into a document of its paragraphs.
pub fn read(
    name: &str,
    bytes: &[u8],
    one_per_line: bool,
    include_notes: bool,
) -> Result<Document, String> {
    let paragraphs = paragraphs(bytes, include_notes)?;
    let doc = Document::from_paragraphs(name, &paragraphs, one_per_line);
    if doc.blocks.is_empty() {
        return Err("a Word document with no text".into());
    }
    Ok(doc)
}

/// The paragraphs of a Word document's body, then (with `include_notes`) of its footnotes and
/// endnotes.
pub fn paragraphs(bytes: &[u8], include_notes: bool) -> Result<Vec<Paragraph>, String> {
    if !bytes.starts_with(b"PK") {
        return Err("not a Word document (.docx files are ZIP archives; this is not one)".into());
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .docx (damaged ZIP archive: {e})"))?;
    let main = main_part(&mut zip)?;
    let rels = relationships(&mut zip, &main)?;
    let styles = match rels.get("styles") {
        Some(path) => Styles::parse(&part(&mut zip, path)?)?,
        None => Styles::default(),
    };
    let body = Walker::new(&styles).run(&part(&mut zip, &main)?)?;
    let mut out: Vec<Paragraph> = body.paragraphs.into_iter().map(|(_, p)| p).collect();
    out.retain(|p| !p.text.trim().is_empty());
    if include_notes {
        for (kind, refs) in [("footnotes", &body.footnotes), ("endnotes", &body.endnotes)] {
            let Some(path) = rels.get(kind) else { continue };
            let notes = Walker::new(&styles).run(&part(&mut zip, path)?)?;
            for id in refs {
                out.extend(
                    notes
                        .paragraphs
                        .iter()
                        .filter(|(note, _)| note.as_deref() == Some(id.as_str()))
                        .map(|(_, p)| Paragraph::new(p.text.clone(), None)),
                );
            }
        }
    }
    Ok(out)
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// How many bytes of XML the Word document at `path` holds under `word/`, from the
/// archive's directory (nothing is inflated): what reading it will parse. `None` when it is
/// not a readable archive (reading will say why).
pub fn xml_size(path: &std::path::Path) -> Option<u64> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).ok()?;
        let name = entry.name().ok()?;
        if name.starts_with("word/") && name.ends_with(".xml") {
            total = total.saturating_add(entry.size());
        }
    }
    Some(total)
}

/// The text of a part, which must be there.
fn part(zip: &mut Zip, path: &str) -> Result<String, String> {
    optional_part(zip, path)?.ok_or_else(|| format!("not a complete .docx: {path} is missing"))
}

fn optional_part(zip: &mut Zip, path: &str) -> Result<Option<String>, String> {
    let mut file = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("not a readable .docx ({path}: {e})")),
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("not a readable .docx ({path}: {e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{path} is larger than 256 MiB uncompressed; refusing it"
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(|_| format!("{path} in the .docx is not UTF-8"))
}

/// The main document part, from the package relationships (`word/document.xml` when they do
/// not say).
fn main_part(zip: &mut Zip) -> Result<String, String> {
    let mut main = None;
    if let Some(rels) = optional_part(zip, "_rels/.rels")? {
        for (kind, target) in relationship_list(&rels)? {
            if kind == "officeDocument" {
                main = Some(resolve("", &target));
            }
        }
    }
    let main = main.unwrap_or_else(|| "word/document.xml".into());
    if zip.index_for_name(&main).is_none() {
        return Err(format!(
            "a ZIP archive but not a Word document (no {main}); save it as .docx"
        ));
    }
    Ok(main)
}

/// The parts the main part refers to, by relationship type (`styles`, `footnotes` ...).
fn relationships(zip: &mut Zip, main: &str) -> Result<HashMap<String, String>, String> {
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
    let rels_path = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let mut out = HashMap::new();
    if let Some(rels) = optional_part(zip, &rels_path)? {
        for (kind, target) in relationship_list(&rels)? {
            out.insert(kind, resolve(dir, &target));
        }
    }
    Ok(out)
}

/// `(type, target)` of each relationship; the type is the last segment of its URI.
fn relationship_list(xml: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    walk(xml, |e| {
        if let Xml::Open(tag) = e {
            if tag.name == "Relationship" && tag.attr("TargetMode") != Some("External") {
                if let (Some(kind), Some(target)) = (tag.attr("Type"), tag.attr("Target")) {
                    let kind = kind.rsplit('/').next().unwrap_or(kind);
                    out.push((kind.to_string(), target.to_string()));
                }
            }
        }
        Ok(())
    })
    .map_err(|e| format!("not a readable .docx (relationships: {e})"))?;
    Ok(out)
}

/// A relationship target relative to the folder of the part that names it.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn is_w(tag: &Tag, name: &str) -> bool {
    tag.name == name && W.contains(&tag.ns.as_str())
}

/// `w:val` as a switch: absent or anything but `0`/`false`/`off` means on.
fn on(tag: &Tag) -> bool {
    !matches!(tag.attr("val"), Some("0" | "false" | "off"))
}

/// What a paragraph style makes of its paragraphs.
#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    heading: Option<bool>,
    list: Option<bool>,
}

/// The paragraph styles of a document, to tell headings and list items.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    default: Option<String>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, String> {
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        walk(xml, |e| {
            match e {
                // Character, table and numbering styles are not read: `current` stays None.
                Xml::Open(tag)
                    if is_w(tag, "style")
                        && tag.attr("type").unwrap_or("paragraph") == "paragraph" =>
                {
                    let id = tag.attr("styleId").unwrap_or("").to_string();
                    if tag.attr("default").is_some_and(|d| d == "1" || d == "true") {
                        styles.default = Some(id.clone());
                    }
                    current = Some((id, Style::default()));
                }
                Xml::Open(tag) => {
                    if let Some((_, style)) = current.as_mut() {
                        let val = tag.attr("val").unwrap_or("");
                        if is_w(tag, "name") {
                            let name = val.to_ascii_lowercase();
                            if name.starts_with("heading") || name == "title" || name == "subtitle"
                            {
                                style.heading = Some(true);
                            }
                        } else if is_w(tag, "basedOn") {
                            style.based_on = Some(val.to_string());
                        } else if is_w(tag, "outlineLvl") {
                            style.heading = Some(val.parse::<u8>().is_ok_and(|l| l < 9));
                        } else if is_w(tag, "numId") {
                            style.list = Some(val != "0");
                        }
                    }
                }
                Xml::Close(tag) if is_w(tag, "style") => {
                    if let Some((id, style)) = current.take() {
                        styles.by_id.insert(id, style);
                    }
                }
                _ => {}
            }
            Ok(())
        })
        .map_err(|e| format!("not a readable .docx (styles: {e})"))?;
        Ok(styles)
    }

    /// A property of a style, looked up through the styles it is based on.
    fn lookup(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<bool>) -> bool {
        let mut id = id.or(self.default.as_deref());
        for _ in 0..32 {
            let Some(style) = id.and_then(|i| self.by_id.get(i)) else {
                return false;
            };
            if let Some(v) = get(style) {
                return v;
            }
            id = style.based_on.as_deref();
        }
        false
    }
}

/// A paragraph being read.
#[derive(Default)]
struct Open {
    text: String,
    style: Option<String>,
    list: Option<bool>,
    heading: Option<bool>,
}

/// What a walk over a part found.
#[derive(Default)]
struct Found {
    /// Paragraphs with the id of the footnote or endnote they are in (None in the body).
    paragraphs: Vec<(Option<String>, Paragraph)>,
    footnotes: Vec<String>,
    endnotes: Vec<String>,
}

/// Reads the paragraphs of a part (document, footnotes or endnotes).
struct Walker<'s> {
    styles: &'s Styles,
    found: Found,
    /// Paragraphs open now; more than one inside a text box.
    open: Vec<Open>,
    /// The open elements, for "is this `w:t` inside a run" questions.
    path: Vec<Tag>,
    /// Depth inside elements whose text is not read (deleted text, fallback content).
    skipping: usize,
    in_text: bool,
    hidden_run: bool,
    note: Option<String>,
}

impl<'s> Walker<'s> {
    fn new(styles: &'s Styles) -> Self {
        Walker {
            styles,
            found: Found::default(),
            open: Vec::new(),
            path: Vec::new(),
            skipping: 0,
            in_text: false,
            hidden_run: false,
            note: None,
        }
    }

    fn run(mut self, xml: &str) -> Result<Found, String> {
        walk(xml, |e| {
            match e {
                Xml::Open(tag) => self.open(tag),
                Xml::Close(tag) => self.close(tag),
                Xml::Text(t) => {
                    if self.in_text && self.skipping == 0 && !self.hidden_run {
                        if let Some(p) = self.open.last_mut() {
                            p.text.push_str(t);
                        }
                    }
                }
            }
            Ok(())
        })
        .map_err(|e| format!("not a readable .docx: {e}"))?;
        Ok(self.found)
    }

    fn parent_is(&self, name: &str) -> bool {
        self.path.last().is_some_and(|t| is_w(t, name))
    }

    fn open(&mut self, tag: &Tag) {
        let skipped = self.skipping > 0
            || is_w(tag, "del")
            || is_w(tag, "moveFrom")
            || is_w(tag, "pPrChange")
            || is_w(tag, "rPrChange")
            || (tag.name == "Fallback" && tag.ns == MARKUP_COMPATIBILITY);
        if skipped {
            self.skipping += 1;
            self.path.push(tag.clone());
            return;
        }
        let in_ppr = self.path.iter().rev().take(3).any(|t| is_w(t, "pPr"));
        let push = |p: &mut Vec<Open>, s: &str| {
            if let Some(p) = p.last_mut() {
                p.text.push_str(s);
            }
        };
        match tag.name.as_str() {
            _ if !W.contains(&tag.ns.as_str()) => {}
            "p" => self.open.push(Open::default()),
            "pStyle" if self.parent_is("pPr") => {
                if let Some(p) = self.open.last_mut() {
                    p.style = tag.attr("val").map(String::from);
                }
            }
            "numId" if in_ppr => {
                if let Some(p) = self.open.last_mut() {
                    p.list = Some(tag.attr("val").unwrap_or("0") != "0");
                }
            }
            "outlineLvl" if self.parent_is("pPr") => {
                if let Some(p) = self.open.last_mut() {
                    p.heading = Some(
                        tag.attr("val")
                            .and_then(|v| v.parse::<u8>().ok())
                            .is_some_and(|l| l < 9),
                    );
                }
            }
            "r" => self.hidden_run = false,
            "vanish"
                if self.parent_is("rPr")
                    && self.path.iter().rev().nth(1).is_some_and(|t| is_w(t, "r")) =>
            {
                self.hidden_run = on(tag);
            }
            "t" if self.parent_is("r") => self.in_text = true,
            "tab" | "ptab" if self.parent_is("r") => push(&mut self.open, "\t"),
            "br" | "cr" if self.parent_is("r") => push(&mut self.open, "\n"),
            "noBreakHyphen" if self.parent_is("r") => push(&mut self.open, "-"),
            "footnoteReference" if self.note.is_none() => {
                self.found
                    .footnotes
                    .extend(tag.attr("id").map(String::from));
            }
            "endnoteReference" if self.note.is_none() => {
                self.found.endnotes.extend(tag.attr("id").map(String::from));
            }
            "footnote" | "endnote" => {
                let separator = tag.attr("type").is_some_and(|t| t != "normal");
                self.note = Some(if separator {
                    String::new()
                } else {
                    tag.attr("id").unwrap_or("").to_string()
                });
            }
            _ => {}
        }
        self.path.push(tag.clone());
    }

    fn close(&mut self, tag: &Tag) {
        self.path.pop();
        if self.skipping > 0 {
            self.skipping -= 1;
            return;
        }
        if !W.contains(&tag.ns.as_str()) {
            return;
        }
        match tag.name.as_str() {
            "t" => self.in_text = false,
            "p" => {
                if let Some(p) = self.open.pop() {
                    let styles = self.styles;
                    let style = p.style.as_deref();
                    let heading = p
                        .heading
                        .unwrap_or_else(|| styles.lookup(style, |s| s.heading));
                    let list = p.list.unwrap_or_else(|| styles.lookup(style, |s| s.list));
                    let kind = if heading {
                        Some(BlockKind::Heading)
                    } else if list {
                        Some(BlockKind::Bullet)
                    } else {
                        None
                    };
                    let text = p
                        .text
                        .lines()
                        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                        .collect::<Vec<_>>()
                        .join("\n");
                    self.found
                        .paragraphs
                        .push((self.note.clone(), Paragraph::new(text, kind)));
                }
            }
            "footnote" | "endnote" => self.note = None,
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    /// A .docx in memory: the given body, styles and footnotes, with the package parts Word
    /// writes around them.
    pub(crate) fn docx(body: &str, styles: &str, footnotes: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let mut add = |name: &str, text: &str| {
            zip.start_file(name, opts).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        add(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        );
        add(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        add(
            "word/_rels/document.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://gob.mx" TargetMode="External"/></Relationships>"#,
        );
        add(
            "word/document.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        );
        add(
            "word/styles.xml",
            &format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>{styles}</w:styles>"#),
        );
        if let Some(notes) = footnotes {
            add(
                "word/footnotes.xml",
                &format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>{notes}</w:footnotes>"#
                ),
            );
        }
        zip.finish().unwrap().into_inner()
    }

    /// The styles Word defines, with the localised ids a Spanish Word gives them.
    pub(crate) const STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Ttulo1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Subttulo"><w:name w:val="Subtitle"/></w:style>
        <w:style w:type="paragraph" w:styleId="Listaconvietas"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Cita"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/></w:style>"#;

    pub(crate) fn p(style: &str, text: &str) -> String {
        let ppr = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!(r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
    }

    fn texts(paragraphs: &[Paragraph]) -> Vec<(&str, Option<BlockKind>)> {
        paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.kind))
            .collect()
    }

    #[test]
    fn headings_list_items_and_table_cells_come_in_reading_order() {
        let body = [
            p("Ttulo1", "Comunicado 412"),
            p("Subttulo", "26 de septiembre"),
            p("", "Primera frase. "),
            p("Listaconvietas", "Un punto"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr></w:pPr><w:r><w:t>Otro punto</w:t></w:r></w:p>"#.into(),
            r#"<w:p><w:pPr><w:pStyle w:val="Listaconvietas"/><w:numPr><w:numId w:val="0"/></w:numPr><w:pPrChange w:id="9"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Sin viñeta</w:t></w:r></w:p>"#.into(),
            format!("<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>", p("", "A1"), p("", "B1"), p("", "B1 bis")),
            p("Cita", "Final."),
        ]
        .concat();
        let got = paragraphs(&docx(&body, STYLES, None), false).unwrap();
        assert_eq!(
            texts(&got),
            [
                ("Comunicado 412", Some(BlockKind::Heading)),
                ("26 de septiembre", Some(BlockKind::Heading)),
                ("Primera frase.", None),
                ("Un punto", Some(BlockKind::Bullet)),
                ("Otro punto", Some(BlockKind::Bullet)),
                ("Sin viñeta", None),
                ("A1", None),
                ("B1", None),
                ("B1 bis", None),
                ("Final.", None),
            ]
        );
    }

    #[test]
    fn runs_tabs_breaks_and_entities_make_the_text_and_unseen_text_is_left_out() {
        let body = r#"<w:p><w:r><w:t xml:space="preserve">Hola </w:t></w:r><w:hyperlink r:id="rId3" xmlns:r="urn:r"><w:r><w:t>mundo</w:t></w:r></w:hyperlink><w:r><w:t xml:space="preserve"> &amp; </w:t><w:tab/><w:t>más</w:t><w:br/><w:t>línea</w:t></w:r>
            <w:del w:id="1"><w:r><w:delText>borrado</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t xml:space="preserve"> nuevo </w:t></w:r></w:ins>
            <w:r><w:rPr><w:vanish/></w:rPr><w:t>oculto</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
            <w:r><w:t>.</w:t></w:r><w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>En la caja.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>En la caja.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let got = paragraphs(&docx(body, STYLES, None), false).unwrap();
        assert_eq!(
            texts(&got),
            [
                ("Hola mundo & más\nlínea nuevo 7.", None),
                ("En la caja.", None),
            ]
        );
    }

    #[test]
    fn footnotes_are_left_out_unless_asked_for_and_then_come_after_the_body() {
        let body = format!(
            "{}{}",
            r#"<w:p><w:r><w:t>Texto con nota.</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Refdenotaalpie"/></w:rPr><w:footnoteReference w:id="2"/></w:r></w:p>"#,
            p("", "Segundo párrafo.")
        );
        let notes = r#"<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Fuente: INEGI.</w:t></w:r></w:p></w:footnote>
            <w:footnote w:id="3"><w:p><w:r><w:t>Nota sin referencia.</w:t></w:r></w:p></w:footnote>"#;
        let bytes = docx(&body, STYLES, Some(notes));
        let without = paragraphs(&bytes, false).unwrap();
        assert_eq!(
            texts(&without),
            [("Texto con nota.", None), ("Segundo párrafo.", None)]
        );
        let with = paragraphs(&bytes, true).unwrap();
        assert_eq!(
            texts(&with),
            [
                ("Texto con nota.", None),
                ("Segundo párrafo.", None),
                ("Fuente: INEGI.", None)
            ]
        );
    }

    #[test]
    fn damaged_and_foreign_archives_are_refused_with_a_reason() {
        assert!(paragraphs(b"plain text", false)
            .unwrap_err()
            .contains("not a Word document"));
        assert!(paragraphs(b"PK\x03\x04garbage", false)
            .unwrap_err()
            .contains("damaged"));
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"<office:document/>").unwrap();
        let odt = zip.finish().unwrap().into_inner();
        assert!(paragraphs(&odt, false)
            .unwrap_err()
            .contains("no word/document.xml"));
        let broken = docx("<w:p><w:r><w:t>sin cerrar</w:r></w:p>", STYLES, None);
        assert!(paragraphs(&broken, false)
            .unwrap_err()
            .contains("malformed XML"));
        let empty = docx("<w:p/>", STYLES, None);
        assert!(read("d", &empty, false, false)
            .unwrap_err()
            .contains("no text"));
    }

    #[test]
    fn relationship_targets_resolve_against_their_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
    }
}
