//! A document cut into sentences: what the segment stage hands to the aligner.

use super::Segmenter;
use crate::input::Document;
use crate::types::{Lang, Sentence};

/// A document cut into sentences.
#[derive(Debug, Clone)]
pub struct Segmented {
    pub doc: Document,
    /// The language tag as the user gave it (`es`, `es-MX` ...), written to the TMX.
    pub lang_tag: String,
    pub lang: Lang,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// The text of sentence `i`.
    pub fn text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.doc.text[s.start..s.end]
    }

    /// The 1-based line on which sentence `i` starts.
    pub fn line(&self, i: usize) -> usize {
        self.doc.line_of(self.sentences[i].start)
    }

    /// Where sentence `i` starts, for messages: `line 12` in a text file, `paragraph 5` in
    /// text extracted from HTML or DOCX.
    pub fn place(&self, i: usize) -> String {
        self.doc.place_of(self.sentences[i].start)
    }
}

/// Cuts a document into sentences with the rules of `lang_tag`; with `presegmented`, each
/// non-blank line is one sentence.
pub fn segment_document(doc: Document, lang_tag: &str, presegmented: bool) -> Segmented {
    let segmenter = Segmenter::builtin(Lang::from_tag(lang_tag));
    segment_document_with(doc, lang_tag, presegmented, &segmenter)
}

/// Cuts a document into sentences with the given rules.
pub fn segment_document_with(
    doc: Document,
    lang_tag: &str,
    presegmented: bool,
    segmenter: &Segmenter,
) -> Segmented {
    let lang = Lang::from_tag(lang_tag);
    let sentences = super::sentences(&doc, segmenter, presegmented);
    Segmented {
        doc,
        lang_tag: lang_tag.to_string(),
        lang,
        sentences,
    }
}

/// The text of a unit's side: its sentences joined by one space, with every run of
/// whitespace (line breaks of wrapped paragraphs included) collapsed to one space.
pub fn side_text(doc: &Segmented, sentences: &[usize]) -> String {
    let mut out = String::new();
    for &i in sentences {
        for word in doc.text(i).split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}
