//! The summary printed on stderr after an alignment: sentence counts, units written, and
//! every sentence that was not written, with its line and the reason.

use super::written_sides;
use crate::align::Alignment;
use crate::types::language_name;

/// Renders the summary. `written` is the number of units the chosen format holds (TMX and
/// XLIFF leave out units with an empty side); `removed_chars` lists units that lost XML-illegal
/// characters.
pub fn render(
    al: &Alignment,
    format: &str,
    written: usize,
    removed_chars: &[(usize, usize)],
) -> String {
    let src_name = language_name(&al.src.lang_tag);
    let tgt_name = language_name(&al.tgt.lang_tag);
    let mut out = format!(
        "{}: {} {} and {} {} sentences, {} units, {} written to the {}\n",
        al.src.doc.name,
        al.src.sentences.len(),
        src_name,
        al.tgt.sentences.len(),
        tgt_name,
        al.units.len(),
        written,
        format.to_uppercase(),
    );
    let orphans = |src_side: bool| -> Vec<String> {
        let doc = if src_side { &al.src } else { &al.tgt };
        let sentences: Vec<usize> = al
            .units
            .iter()
            .flat_map(|u| match (src_side, u.src.is_empty(), u.tgt.is_empty()) {
                (true, false, true) => u.src.clone(),
                (false, true, false) => u.tgt.clone(),
                _ => Vec::new(),
            })
            .collect();
        let starts: Vec<usize> = sentences.iter().map(|&i| doc.sentences[i].start).collect();
        doc.doc
            .places_of(&starts)
            .into_iter()
            .zip(&sentences)
            .map(|(place, &i)| format!("{place} '{}'", excerpt(doc.text(i))))
            .collect()
    };
    for (src_side, from, to) in [(true, &src_name, &tgt_name), (false, &tgt_name, &src_name)] {
        let list = orphans(src_side);
        if list.is_empty() {
            continue;
        }
        let (noun, verb) = if list.len() == 1 {
            ("sentence", "has")
        } else {
            ("sentences", "have")
        };
        // TMX and XLIFF leave out units with an empty side; TSV and JSON hold them.
        let fate = if format == "tmx" || format == "xliff" {
            " (not written)"
        } else {
            ""
        };
        let head = format!(
            "{} {from} {noun} {verb} no {to} counterpart{fate}:",
            list.len()
        );
        if list.len() <= 3 {
            out.push_str(&format!("{head} {}\n", list.join(", ")));
            continue;
        }
        // One line a sentence, so a long list stays readable; past SHOWN, a count.
        out.push_str(&head);
        out.push('\n');
        for item in list.iter().take(SHOWN) {
            out.push_str(&format!("  {item}\n"));
        }
        if list.len() > SHOWN {
            out.push_str(&format!(
                "  ... and {} more (all are in --format tsv or json, with their text)\n",
                list.len() - SHOWN
            ));
        }
    }
    for (k, n) in removed_chars {
        out.push_str(&format!(
            "unit {}: {n} character(s) that XML 1.0 forbids were removed\n",
            k + 1
        ));
    }
    // A side made only of such characters leaves nothing to write.
    if format == "tmx" || format == "xliff" {
        for (k, u) in al.units.iter().enumerate() {
            if !u.src.is_empty() && !u.tgt.is_empty() && written_sides(al, k).is_none() {
                let (doc, first) = if clean_side_is_empty(&al.src, &u.src) {
                    (&al.src, u.src[0])
                } else {
                    (&al.tgt, u.tgt[0])
                };
                out.push_str(&format!(
                    "unit {}: {} holds only characters that XML 1.0 forbids (not written)\n",
                    k + 1,
                    doc.place(first)
                ));
            }
        }
    }
    out
}

/// How many sentences without counterpart the summary lists by line, per side.
const SHOWN: usize = 20;

fn clean_side_is_empty(doc: &crate::segment::Segmented, sentences: &[usize]) -> bool {
    super::tmx::xml_clean(&crate::segment::side_text(doc, sentences))
        .0
        .is_empty()
}

/// The first 60 characters of a sentence, on one line.
fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = crate::types::printable(&flat).into_owned();
    if flat.chars().count() <= 60 {
        flat
    } else {
        format!("{}...", flat.chars().take(57).collect::<String>())
    }
}
