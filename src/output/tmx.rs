//! TMX 1.4b: what CAT tools (Trados, memoQ, OmegaT, Phrase) import.
//!
//! One `<tu>` per unit with both sides non-empty; units with an empty side are left out (CAT
//! tools drop or reject them) and listed in the summary instead. Every `<tu>` has a stable
//! `tuid` (document name and unit number), and props `x-alignment-score`, `x-bead` and
//! `x-document`. Characters XML 1.0 forbids are removed and counted.

use super::{format_score, side_text};
use crate::Alignment;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// What the header says besides the fixed attributes.
#[derive(Debug, Clone)]
pub struct TmxOptions {
    /// The creation date, `YYYYMMDDThhmmssZ` (see [`super::date`]).
    pub date: String,
}

/// What the writer did besides writing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TmxReport {
    /// Number of `<tu>` written.
    pub written: usize,
    /// For each unit (index) that lost characters XML 1.0 forbids, how many it lost.
    pub removed_chars: Vec<(usize, usize)>,
}

/// Writes the TMX document for an alignment.
pub fn write(al: &Alignment, options: &TmxOptions) -> (Vec<u8>, TmxReport) {
    let (bytes, mut reports) = write_all(&[al], options);
    (bytes, reports.pop().unwrap_or_default())
}

/// Writes one TMX document holding the units of several alignments, in order (each `<tu>`
/// keeps its `x-document`); the header's `srclang` is the first alignment's. Returns a
/// report per alignment.
pub fn write_all(alignments: &[&Alignment], options: &TmxOptions) -> (Vec<u8>, Vec<TmxReport>) {
    let io = "writing to memory cannot fail";
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let srclang = alignments
        .first()
        .map_or("es", |al| al.src.lang_tag.as_str());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect(io);
    w.write_event(Event::DocType(BytesText::from_escaped(
        r#"tmx SYSTEM "tmx14.dtd""#,
    )))
    .expect(io);
    w.write_event(Event::Start(
        BytesStart::new("tmx").with_attributes([("version", "1.4")]),
    ))
    .expect(io);
    w.create_element("header")
        .with_attributes([
            ("creationtool", "alinea"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "alinea"),
            ("adminlang", "en"),
            ("srclang", srclang),
            ("datatype", "plaintext"),
            ("creationdate", options.date.as_str()),
        ])
        .write_empty()
        .expect(io);
    w.write_event(Event::Start(BytesStart::new("body")))
        .expect(io);
    let reports = alignments
        .iter()
        .map(|al| write_units(&mut w, al, options).expect(io))
        .collect();
    w.write_event(Event::End(BytesEnd::new("body"))).expect(io);
    w.write_event(Event::End(BytesEnd::new("tmx"))).expect(io);
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    (bytes, reports)
}

/// Writes the `<tu>` of every unit of `al` with both sides non-empty.
fn write_units(
    w: &mut Writer<Vec<u8>>,
    al: &Alignment,
    options: &TmxOptions,
) -> std::io::Result<TmxReport> {
    let mut report = TmxReport::default();
    for (k, unit) in al.units.iter().enumerate() {
        if unit.src.is_empty() || unit.tgt.is_empty() {
            continue;
        }
        let (src, lost_s) = xml_clean(&side_text(&al.src, &unit.src));
        let (tgt, lost_t) = xml_clean(&side_text(&al.tgt, &unit.tgt));
        if lost_s + lost_t > 0 {
            report.removed_chars.push((k, lost_s + lost_t));
        }
        report.written += 1;
        let tuid = tuid(&al.src.doc.name, k);
        w.create_element("tu")
            .with_attributes([
                ("tuid", tuid.as_str()),
                ("creationdate", options.date.as_str()),
            ])
            .write_inner_content(|w| {
                prop(w, "x-alignment-score", &format_score(unit.score))?;
                prop(w, "x-bead", &unit.bead())?;
                prop(w, "x-document", &al.src.doc.name)?;
                tuv(w, &al.src.lang_tag, &src)?;
                tuv(w, &al.tgt.lang_tag, &tgt)?;
                Ok(())
            })?;
    }
    Ok(report)
}

/// The tuid of unit `k` (0-based) of a document: `NAME-1`, `NAME-2` ... Units keep their
/// number whether or not they are written, so a tuid does not move when options change.
pub fn tuid(document: &str, k: usize) -> String {
    format!("{document}-{}", k + 1)
}

fn prop(w: &mut Writer<Vec<u8>>, kind: &str, value: &str) -> std::io::Result<()> {
    let (value, _) = xml_clean(value);
    w.create_element("prop")
        .with_attribute(("type", kind))
        .write_text_content(BytesText::new(&value))?;
    Ok(())
}

fn tuv(w: &mut Writer<Vec<u8>>, lang: &str, text: &str) -> std::io::Result<()> {
    w.create_element("tuv")
        .with_attribute(("xml:lang", lang))
        .write_inner_content(|w| {
            // Only <, > and & need escaping in text; quotes stay readable.
            w.create_element("seg")
                .write_text_content(BytesText::from_escaped(partial_escape(text)))?;
            Ok(())
        })?;
    Ok(())
}

/// Removes the characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE and
/// U+FFFF) and trims the result. Returns the text and the number of characters removed.
pub fn xml_clean(text: &str) -> (String, usize) {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{D7FF}').contains(&c)
            || ('\u{E000}'..='\u{FFFD}').contains(&c)
            || c >= '\u{10000}'
    };
    let removed = text.chars().filter(|&c| !allowed(c)).count();
    if removed == 0 {
        return (text.trim().to_string(), 0);
    }
    let kept: String = text.chars().filter(|&c| allowed(c)).collect();
    (kept.trim().to_string(), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_removed_and_counted() {
        assert_eq!(xml_clean(" a\u{1}b\u{b} "), ("ab".to_string(), 2));
        assert_eq!(xml_clean("señal ✓"), ("señal ✓".to_string(), 0));
    }

    #[test]
    fn tuids_number_units_from_one() {
        assert_eq!(tuid("sre-366", 0), "sre-366-1");
    }
}
