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
pub mod error;
pub mod input;
pub mod output;
pub mod segment;

use align::cost::CostModel;
use align::{Side, Unit};
use input::Document;
use segment::{Lang, Sentence};

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
    let lang = Lang::from_tag(lang_tag);
    let sentences = segment::sentences(&doc, lang, presegmented);
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
    let units = align::align(&side(&src), &side(&tgt), model);
    Alignment { src, tgt, units }
}

fn side(doc: &Segmented) -> Side<'_> {
    Side {
        lang: doc.lang,
        sentences: (0..doc.sentences.len()).map(|i| doc.text(i)).collect(),
        blocks: doc.sentences.iter().map(|s| s.block).collect(),
    }
}
