//! Page furniture that no markup gives away (a site's slogan, its address, "Press
//! release" above every title) shows itself by repeating: a paragraph found in many pages of
//! one site is not part of any one article. [`drop_repeated_paragraphs`] removes such
//! paragraphs from a batch of documents of one language, after they were read.
//!
//! Call it on the documents of one language at a time: a Spanish page and its English
//! translation share dates and figures, which are content.

use super::{Document, Paragraph};
use std::collections::{HashMap, HashSet};

/// A paragraph taken out of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Index of the document in the batch.
    pub document: usize,
    /// The paragraph's text, whitespace collapsed.
    pub text: String,
    /// In how many documents of the batch it was found.
    pub found_in: usize,
}

/// Removes from each document the paragraphs that are in at least half of the documents (and
/// at least two). A document that would lose every paragraph is kept whole: then it is the
/// batch that repeats, not the furniture. `one_per_line` must be what the documents were read
/// with. Returns the documents, in order, and what was dropped.
pub fn drop_repeated_paragraphs(
    docs: Vec<Document>,
    one_per_line: bool,
) -> (Vec<Document>, Vec<Dropped>) {
    let per_doc: Vec<Vec<(String, Paragraph)>> = docs.iter().map(paragraphs).collect();
    let mut found_in: HashMap<&str, usize> = HashMap::new();
    for doc in &per_doc {
        let distinct: HashSet<&str> = doc.iter().map(|(key, _)| key.as_str()).collect();
        for key in distinct {
            *found_in.entry(key).or_default() += 1;
        }
    }
    let threshold = 2.max(docs.len().div_ceil(2));
    let mut dropped = Vec::new();
    let mut out = Vec::with_capacity(docs.len());
    for (d, (doc, paragraphs)) in docs.iter().zip(&per_doc).enumerate() {
        let repeated = |key: &str| found_in[key] >= threshold;
        if paragraphs.iter().all(|(key, _)| repeated(key)) {
            out.push(doc.clone());
            continue;
        }
        let mut kept = Vec::new();
        for (key, paragraph) in paragraphs {
            if repeated(key) {
                dropped.push(Dropped {
                    document: d,
                    text: key.clone(),
                    found_in: found_in[key.as_str()],
                });
            } else {
                kept.push(paragraph.clone());
            }
        }
        if kept.len() == paragraphs.len() {
            out.push(doc.clone());
            continue;
        }
        let mut rebuilt = Document::from_paragraphs(&doc.name, &kept, one_per_line);
        rebuilt.decoded_from = doc.decoded_from;
        out.push(rebuilt);
    }
    (out, dropped)
}

/// The blank-line separated paragraphs of a document, each with its whitespace-collapsed
/// text as a key. A paragraph that is one block keeps the block's kind.
fn paragraphs(doc: &Document) -> Vec<(String, Paragraph)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.blocks.len() {
        let p = doc.blocks[i].paragraph;
        let mut j = i;
        while j + 1 < doc.blocks.len() && doc.blocks[j + 1].paragraph == p {
            j += 1;
        }
        // From the start of the first block's line, so that bullet markers come along.
        let start = doc.text[..doc.blocks[i].start]
            .rfind('\n')
            .map_or(0, |n| n + 1);
        let text = &doc.text[start..doc.blocks[j].end];
        let kind = (i == j).then_some(doc.blocks[i].kind);
        let key = text.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push((key, Paragraph::new(text, kind)));
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::BlockKind;

    fn page(name: &str, paragraphs: &[&str]) -> Document {
        let ps: Vec<Paragraph> = paragraphs
            .iter()
            .map(|t| Paragraph::new(*t, None))
            .collect();
        Document::from_paragraphs(name, &ps, false)
    }

    #[test]
    fn paragraphs_in_half_the_pages_are_dropped() {
        let docs = vec![
            page(
                "a",
                &[
                    "Gobierno de México",
                    "Comunicado 1.",
                    "Primera nota.",
                    "Av. Juárez 20",
                ],
            ),
            page(
                "b",
                &[
                    "Gobierno de México",
                    "Comunicado 2.",
                    "Segunda nota.",
                    "Av.  Juárez 20",
                ],
            ),
            page(
                "c",
                &["Gobierno de México", "Comunicado 3.", "Tercera nota."],
            ),
            page("d", &["Cuarta nota, sin cabecera."]),
        ];
        let (docs, dropped) = drop_repeated_paragraphs(docs, false);
        assert_eq!(docs[0].text, "Comunicado 1.\n\nPrimera nota.\n");
        assert_eq!(docs[1].text, "Comunicado 2.\n\nSegunda nota.\n");
        assert_eq!(docs[2].text, "Comunicado 3.\n\nTercera nota.\n");
        assert_eq!(docs[3].text, "Cuarta nota, sin cabecera.\n");
        assert_eq!(dropped.len(), 5);
        assert_eq!(
            dropped[1],
            Dropped {
                document: 0,
                text: "Av. Juárez 20".into(),
                found_in: 2
            }
        );
    }

    #[test]
    fn a_single_page_and_a_page_made_only_of_repeats_are_kept_whole() {
        let (docs, dropped) = drop_repeated_paragraphs(vec![page("a", &["Uno.", "Dos."])], false);
        assert_eq!(docs[0].text, "Uno.\n\nDos.\n");
        assert!(dropped.is_empty());
        let twice = vec![page("a", &["Uno.", "Dos."]), page("b", &["Uno.", "Dos."])];
        let (docs, dropped) = drop_repeated_paragraphs(twice, false);
        assert_eq!(docs[1].text, "Uno.\n\nDos.\n");
        assert!(dropped.is_empty());
    }

    #[test]
    fn kinds_and_bullet_markers_survive_the_rebuild() {
        let a = Document::from_text(
            "a",
            "Portal\n\nTítulo\n• Punto uno\n• Punto dos\n\nTexto.\n",
        );
        let b = Document::from_text("b", "Portal\n\nOtra cosa.\n");
        let (docs, _) = drop_repeated_paragraphs(vec![a, b], false);
        assert_eq!(docs[0].text, "Título\n• Punto uno\n• Punto dos\n\nTexto.\n");
        let kinds: Vec<BlockKind> = docs[0].blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Bullet,
                BlockKind::Bullet,
                BlockKind::Paragraph
            ]
        );
    }
}
