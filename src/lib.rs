//! alinea aligns the Spanish and English versions of a document sentence by sentence and
//! writes the result as a TMX 1.4b translation memory (or TSV, JSON, XLIFF, Vecalign beads).
//!
//! The crate is a stack of stages; each imports only the ones below it (ARCHITECTURE.md
//! draws the stack and says where new code goes):
//!
//! | module | what it does |
//! |---|---|
//! | [`batch`] | many document pairs in parallel, with a report |
//! | [`pipeline`] | one pair: read → check → segment → align → split glued headings |
//! | [`output`] | an alignment, findings or a comparison as TMX, XLIFF, TSV, JSON, beads, summary, review page |
//! | [`qa`] | what a translation left out, added or changed; two translations compared |
//! | [`tm`] | translation memories that exist: TMX, XLIFF, TSV; merge, convert, stats, validate, profiles |
//! | [`align`] | sentences to units: features, cost model, search, lexicon |
//! | [`segment`] | blocks of text to sentences: SRX rules, glued headings |
//! | [`input`] | files to documents: decoding, text, HTML, DOCX, language guess |
//! | [`types`], [`error`], [`memory`] | what every stage shares: languages, sentences, units, scores, dates, errors, memory limits |
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

pub mod batch;
pub mod pipeline;

pub mod output;

pub mod qa;

pub mod tm;

pub mod align;

pub mod segment;

pub mod input;

pub mod error;
pub mod memory;
pub mod types;

pub use align::{align_documents, align_with_lexicon, learn_from_alignments, Alignment};
pub use pipeline::{align_checked, align_files, align_texts, pair_warnings, AlignOptions};
pub use segment::{segment_document, segment_document_with, Segmented};
pub use tm::profile::{fit_to_profile, split_pair, FitReport};
