//! Two segmented documents aligned: the align stage on whole documents, with word
//! translations learned from a first pass when asked.

use super::lexicon::Lexicon;
use super::{cost::CostModel, Side};
use crate::segment::Segmented;
use crate::types::{Lang, Unit};

/// Two segmented documents and the units that align them.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub src: Segmented,
    pub tgt: Segmented,
    pub units: Vec<Unit>,
    /// What looked wrong with the pair but did not stop it (see [`crate::pipeline::pair_warnings`]).
    pub warnings: Vec<String>,
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
    let mut units = super::align(&s, &t, model, lexicon);
    if learn {
        let learned = learn_lexicon(&s, &t, &units);
        if !learned.is_empty() {
            let mut both = lexicon.clone();
            both.extend(&learned);
            units = super::align(&s, &t, model, &both);
        }
    }
    Alignment {
        src,
        tgt,
        units,
        warnings: Vec::new(),
    }
}

/// Word pairs learned from the confident one-to-one units of a first pass.
fn learn_lexicon(src: &Side, tgt: &Side, units: &[Unit]) -> Lexicon {
    let pairs = confident_pairs(src, tgt, units);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|&(s, t)| (s, t)).collect();
    if pairs.is_empty() {
        return Lexicon::default();
    }
    Lexicon::learn(&pairs, 2, 0.5)
}

/// The (Spanish, English) sentences of the confident one-to-one units of an alignment; none
/// when the languages are not Spanish and English.
fn confident_pairs<'a>(src: &Side<'a>, tgt: &Side<'a>, units: &[Unit]) -> Vec<(&'a str, &'a str)> {
    const CONFIDENT: f64 = 0.9;
    if !matches!(
        (src.lang, tgt.lang),
        (Lang::Es, Lang::En) | (Lang::En, Lang::Es)
    ) {
        return Vec::new();
    }
    units
        .iter()
        .filter(|u| u.src.len() == 1 && u.tgt.len() == 1 && u.score >= CONFIDENT)
        .map(|u| (src.sentences[u.src[0]], tgt.sentences[u.tgt[0]]))
        .map(|(s, t)| if src.lang == Lang::En { (t, s) } else { (s, t) })
        .collect()
}

/// Word pairs learned from the confident one-to-one units of many alignments at once (the
/// documents of a batch): a word pair must recur in `min_count` units across them.
pub fn learn_from_alignments(alignments: &[&Alignment], min_count: u32) -> Lexicon {
    let sides: Vec<(Side, Side, &[Unit])> = alignments
        .iter()
        .map(|al| (side(&al.src), side(&al.tgt), al.units.as_slice()))
        .collect();
    let pairs: Vec<(&str, &str)> = sides
        .iter()
        .flat_map(|(s, t, units)| confident_pairs(s, t, units))
        .collect();
    if pairs.is_empty() {
        return Lexicon::default();
    }
    Lexicon::learn(&pairs, min_count, 0.5)
}

pub fn side(doc: &Segmented) -> Side<'_> {
    Side {
        lang: doc.lang,
        sentences: (0..doc.sentences.len()).map(|i| doc.text(i)).collect(),
        blocks: doc.sentences.iter().map(|s| s.block).collect(),
    }
}
