//! Stage 4, write: an alignment becomes TMX, XLIFF, TSV, JSON, Vecalign beads and a summary for
//! the user. Writers never change the alignment; they only decide how to show it.

pub mod beads;
pub mod date;
pub mod explain;
pub mod json;
pub mod summary;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use crate::Segmented;

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

/// A unit with a sentence on both sides, its texts ready for a memory file: sentences
/// joined, whitespace collapsed, characters XML 1.0 forbids removed (and counted).
pub struct WritableUnit<'a> {
    /// The unit's index among all units (its tuid number is this plus one).
    pub index: usize,
    pub unit: &'a crate::align::Unit,
    pub src: String,
    pub tgt: String,
    /// Characters removed from both sides.
    pub removed: usize,
}

/// The units of an alignment that a TMX or XLIFF holds: those with both sides non-empty.
pub fn writable_units(al: &crate::Alignment) -> impl Iterator<Item = WritableUnit<'_>> {
    al.units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.src.is_empty() && !u.tgt.is_empty())
        .map(|(index, unit)| {
            let (src, lost_s) = tmx::xml_clean(&side_text(&al.src, &unit.src));
            let (tgt, lost_t) = tmx::xml_clean(&side_text(&al.tgt, &unit.tgt));
            WritableUnit {
                index,
                unit,
                src,
                tgt,
                removed: lost_s + lost_t,
            }
        })
}

/// An English name for a language tag, for messages ("Spanish", "English"); the tag itself
/// for other languages.
pub fn language_name(tag: &str) -> String {
    match crate::segment::Lang::from_tag(tag) {
        crate::segment::Lang::Es => "Spanish".into(),
        crate::segment::Lang::En => "English".into(),
        crate::segment::Lang::Other => format!("'{tag}'"),
    }
}

/// Formats a score with three decimals, the same in every output format.
pub fn format_score(score: f64) -> String {
    format!("{score:.3}")
}
