//! Stage 4, write: an alignment becomes TMX, XLIFF, TSV, JSON, Vecalign beads and a summary for
//! the user; QA findings and comparisons become text, JSON, TSV and a review page (HTML).
//! Writers never change the alignment; they only decide how to show it.

pub mod beads;
pub mod diff;
pub mod explain;
pub mod html;
pub mod json;
pub mod qa;
pub mod summary;
pub mod tmx;
pub mod tsv;
pub mod xliff;

use crate::segment::side_text;

/// The two sides of unit `k` as TMX and XLIFF write them: the text of each side without the
/// characters XML 1.0 forbids, and how many were removed. `None` for a unit that is not
/// written: a side has no sentence, or nothing but such characters.
pub fn written_sides(al: &crate::align::Alignment, k: usize) -> Option<(String, String, usize)> {
    let unit = &al.units[k];
    if unit.src.is_empty() || unit.tgt.is_empty() {
        return None;
    }
    let (src, lost_s) = tmx::xml_clean(&side_text(&al.src, &unit.src));
    let (tgt, lost_t) = tmx::xml_clean(&side_text(&al.tgt, &unit.tgt));
    (!src.is_empty() && !tgt.is_empty()).then_some((src, tgt, lost_s + lost_t))
}
