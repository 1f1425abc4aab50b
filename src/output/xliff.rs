//! XLIFF 2.0: the alignment as a bilingual file that CAT tools open for review or reuse.
//!
//! One `<file>` for the document, one `<unit>` per unit with both sides non-empty, each with
//! one `<segment state="translated">` holding `<source>` and `<target>`. As in the TMX, units
//! with an empty side are left out and listed in the summary, characters XML 1.0 forbids are
//! removed and counted, and unit ids are the TMX tuids. The alignment score and bead type go
//! in the Metadata module (`mda:`), which XLIFF 2.0 allows at the start of a unit.

use super::tmx::xml_clean;
use super::written_sides;
use crate::align::Alignment;
use crate::types::{format_score, tuid};
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

/// The XLIFF 2.0 core namespace.
pub const XLIFF_2_NS: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 2.0 Metadata module namespace.
pub const METADATA_NS: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

/// What the writer did besides writing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct XliffReport {
    /// Number of `<unit>` written.
    pub written: usize,
    /// For each unit (index) that lost characters XML 1.0 forbids, how many it lost.
    pub removed_chars: Vec<(usize, usize)>,
}

/// Writes the XLIFF 2.0 document for an alignment.
pub fn write(al: &Alignment) -> (Vec<u8>, XliffReport) {
    let mut report = XliffReport::default();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let io = "writing to memory cannot fail";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .expect(io);
    let (name, _) = xml_clean(&al.src.doc.name);
    w.create_element("xliff")
        .with_attributes([
            ("xmlns", XLIFF_2_NS),
            ("xmlns:mda", METADATA_NS),
            ("version", "2.0"),
            ("srcLang", al.src.lang_tag.as_str()),
            ("trgLang", al.tgt.lang_tag.as_str()),
        ])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attributes([("id", nmtoken(&name).as_str()), ("original", name.as_str())])
                .write_inner_content(|w| {
                    for (k, unit) in al.units.iter().enumerate() {
                        let Some((src, tgt, lost)) = written_sides(al, k) else {
                            continue;
                        };
                        if lost > 0 {
                            report.removed_chars.push((k, lost));
                        }
                        report.written += 1;
                        let id = nmtoken(&tuid(&name, k));
                        w.create_element("unit")
                            .with_attribute(("id", id.as_str()))
                            .write_inner_content(|w| {
                                metadata(w, &format_score(unit.score), &unit.bead())?;
                                w.create_element("segment")
                                    .with_attribute(("state", "translated"))
                                    .write_inner_content(|w| {
                                        text_element(w, "source", &src)?;
                                        text_element(w, "target", &tgt)
                                    })?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })
        .expect(io);
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    (bytes, report)
}

fn metadata(w: &mut Writer<Vec<u8>>, score: &str, bead: &str) -> std::io::Result<()> {
    w.create_element("mda:metadata").write_inner_content(|w| {
        w.create_element("mda:metaGroup")
            .with_attribute(("category", "alinea"))
            .write_inner_content(|w| {
                for (kind, value) in [("x-alignment-score", score), ("x-bead", bead)] {
                    w.create_element("mda:meta")
                        .with_attribute(("type", kind))
                        .write_text_content(BytesText::new(value))?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    // Only <, > and & need escaping in text; quotes stay readable.
    w.create_element(name)
        .write_text_content(BytesText::from_escaped(partial_escape(text)))?;
    Ok(())
}

/// An XML NMTOKEN, which XLIFF 2.0 ids must be: characters other than letters, digits,
/// `.`, `-` and `_` become `_`.
pub fn nmtoken(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() {
        "_".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::cost::CostModel;
    use crate::input::Document;
    use crate::segment::side_text;
    use crate::tm::xliff::pairs as xliff;
    use crate::{align_documents, segment_document};

    fn alignment(es: &str, en: &str, name: &str) -> Alignment {
        align_documents(
            segment_document(Document::from_text(name, es), "es-MX", false),
            segment_document(Document::from_text(name, en), "en", false),
            &CostModel::default(),
        )
    }

    #[test]
    fn what_is_written_reads_back_as_the_same_pairs() {
        let al = alignment(
            "Informe 5 <anexo> & “notas”.\n\nEl Sr.\u{1} Pérez llegó el 1.º de abril. Dijo que sí.\n\n\
             La oficina de prensa no publicó ninguna otra información sobre la visita oficial.\n\n\
             Fin del informe.\n",
            "Report 5 <annex> & “notes”.\n\nMr. Pérez arrived on April 1st. He said yes.\n\n\
             End of the report.\n",
            "nota de prensa",
        );
        let (bytes, report) = write(&al);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\""));
        assert!(text.contains(r#"version="2.0" srcLang="es-MX" trgLang="en""#));
        assert!(text.contains(r#"<file id="nota_de_prensa" original="nota de prensa">"#));
        assert!(text.contains("<source>Informe 5 &lt;anexo&gt; &amp; “notas”.</source>"));

        let expected: Vec<(String, String)> = al
            .units
            .iter()
            .filter(|u| !u.src.is_empty() && !u.tgt.is_empty())
            .map(|u| {
                (
                    side_text(&al.src, &u.src).replace('\u{1}', ""),
                    side_text(&al.tgt, &u.tgt),
                )
            })
            .collect();
        assert_eq!(al.units.len(), 5);
        assert_eq!(expected.len(), 4, "the one-sided unit is left out");
        assert!(!text.contains("oficina de prensa"));
        assert_eq!(report.written, expected.len());
        assert_eq!(report.removed_chars.len(), 1);

        let back = xliff::parse(&text).unwrap();
        assert_eq!(back.version, "2.0");
        let file = &back.files[0];
        assert_eq!(
            (file.src_lang.as_str(), file.tgt_lang.as_deref()),
            ("es-MX", Some("en"))
        );
        let pairs: Vec<(String, String)> = back
            .pairs()
            .map(|(_, p)| (p.source.clone(), p.target.clone().unwrap()))
            .collect();
        assert_eq!(pairs, expected);
        assert_eq!(file.pairs[0].unit, "nota_de_prensa-1");
        assert!(file
            .pairs
            .iter()
            .all(|p| p.state.as_deref() == Some("translated")));
    }

    #[test]
    fn ids_are_nmtokens() {
        assert_eq!(nmtoken("sre-366.es_v2"), "sre-366.es_v2");
        assert_eq!(nmtoken("nota de prensa (1)"), "nota_de_prensa__1_");
        assert_eq!(nmtoken("México"), "México");
        assert_eq!(nmtoken(""), "_");
    }
}
