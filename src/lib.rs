//! alinea aligns the Spanish and English versions of a document sentence by sentence and
//! writes the result as a TMX 1.4b translation memory (or TSV, JSON, Vecalign beads).
//!
//! The pipeline has one module per stage, and data flows one way:
//! [`input`] (bytes to text to blocks) → [`segment`] (blocks to sentences) →
//! [`align`] (sentences to units) → [`output`] (units to TMX, TSV, JSON, beads, summary).
//!
//! ```
//! use alinea::{align_documents, input, segment_document, align::cost::CostModel};
//! let es = input::Document::from_text("doc", "Hola. ¿Cómo está el Sr. Pérez?");
//! let en = input::Document::from_text("doc", "Hello. How is Mr. Pérez?");
//! let alignment = align_documents(
//!     segment_document(es, "es", false),
//!     segment_document(en, "en", false),
//!     &CostModel::default(),
//! );
//! assert_eq!(alignment.units.len(), 2);
//! assert_eq!(alignment.tgt.text(1), "How is Mr. Pérez?");
//! ```

pub mod align;
pub mod batch;
pub mod error;
pub mod input;
pub mod output;
pub mod segment;

use align::cost::CostModel;
use align::lexicon::Lexicon;
use align::{Side, Unit};
use error::Result;
use input::Document;
use segment::{Lang, Segmenter, Sentence};
use std::path::Path;

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
    let sentences = segment::sentences(&doc, segmenter, presegmented);
    Segmented {
        doc,
        lang_tag: lang_tag.to_string(),
        lang,
        sentences,
    }
}

/// Two segmented documents and the units that align them.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub src: Segmented,
    pub tgt: Segmented,
    pub units: Vec<Unit>,
}

/// Aligns two segmented documents.
pub fn align_documents(src: Segmented, tgt: Segmented, model: &CostModel) -> Alignment {
    align_with_lexicon(src, tgt, model, &Lexicon::default(), false)
}

/// Aligns two segmented documents with word translations from `lexicon`; with `learn`, a
/// first pass finds confident one-to-one units, word pairs are learned from them
/// ([`Lexicon::learn`]), and the documents are aligned again with both lexicons.
pub fn align_with_lexicon(
    src: Segmented,
    tgt: Segmented,
    model: &CostModel,
    lexicon: &Lexicon,
    learn: bool,
) -> Alignment {
    let (s, t) = (side(&src), side(&tgt));
    let mut units = align::align(&s, &t, model, lexicon);
    if learn {
        let learned = learn_lexicon(&s, &t, &units);
        if !learned.is_empty() {
            let mut both = lexicon.clone();
            both.extend(&learned);
            units = align::align(&s, &t, model, &both);
        }
    }
    Alignment { src, tgt, units }
}

/// Word pairs learned from the confident one-to-one units of a first pass.
fn learn_lexicon(src: &Side, tgt: &Side, units: &[Unit]) -> Lexicon {
    const CONFIDENT: f64 = 0.9;
    let pairs: Vec<(&str, &str)> = units
        .iter()
        .filter(|u| u.src.len() == 1 && u.tgt.len() == 1 && u.score >= CONFIDENT)
        .map(|u| (src.sentences[u.src[0]], tgt.sentences[u.tgt[0]]))
        .map(|(s, t)| if src.lang == Lang::En { (t, s) } else { (s, t) })
        .collect();
    match (src.lang, tgt.lang) {
        (Lang::Es, Lang::En) | (Lang::En, Lang::Es) => Lexicon::learn(&pairs, 2, 0.5),
        _ => Lexicon::default(),
    }
}

/// How to read and align a pair of documents.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Source language tag, written to the output as given.
    pub src_lang: String,
    /// Target language tag, written to the output as given.
    pub tgt_lang: String,
    /// The inputs hold one sentence per line.
    pub presegmented: bool,
    pub model: CostModel,
    /// Word translations given by the user (`--dict`).
    pub lexicon: Lexicon,
    /// Learn word translations from a first pass and realign.
    pub learn: bool,
    /// Segmentation rules for each side; `None`: the built-in rules of the language.
    pub src_segmenter: Option<Segmenter>,
    pub tgt_segmenter: Option<Segmenter>,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            src_lang: "es".into(),
            tgt_lang: "en".into(),
            presegmented: false,
            model: CostModel::default(),
            lexicon: Lexicon::default(),
            learn: false,
            src_segmenter: None,
            tgt_segmenter: None,
        }
    }
}

/// The whole pipeline on two files: read, segment, align.
pub fn align_files(source: &Path, target: &Path, options: &AlignOptions) -> Result<Alignment> {
    let src = input::load(source, options.presegmented)?;
    let tgt = input::load(target, options.presegmented)?;
    Ok(align_texts(src, tgt, options))
}

/// The pipeline on two documents already in memory: segment, align.
pub fn align_texts(src: Document, tgt: Document, options: &AlignOptions) -> Alignment {
    let segment = |doc: Document, tag: &str, rules: &Option<Segmenter>| {
        let builtin;
        let rules = match rules {
            Some(r) => r,
            None => {
                builtin = Segmenter::builtin(Lang::from_tag(tag));
                &builtin
            }
        };
        segment_document_with(doc, tag, options.presegmented, rules)
    };
    align_with_lexicon(
        segment(src, &options.src_lang, &options.src_segmenter),
        segment(tgt, &options.tgt_lang, &options.tgt_segmenter),
        &options.model,
        &options.lexicon,
        options.learn,
    )
}

fn side(doc: &Segmented) -> Side<'_> {
    Side {
        lang: doc.lang,
        sentences: (0..doc.sentences.len()).map(|i| doc.text(i)).collect(),
        blocks: doc.sentences.iter().map(|s| s.block).collect(),
    }
}
