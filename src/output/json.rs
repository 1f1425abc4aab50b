//! JSON: one object per unit with both sides' sentence indices and texts, the bead type and
//! the score, in an array (or one a line: JSON lines).

use crate::align::Alignment;
use crate::segment::side_text;
use serde::Serialize;

/// A unit as JSON shows it.
#[derive(Serialize)]
pub struct JsonUnit<'a> {
    pub tuid: String,
    pub bead: String,
    pub score: f64,
    pub src: &'a [usize],
    pub tgt: &'a [usize],
    pub src_text: String,
    pub tgt_text: String,
}

/// The JSON document: an array of units.
pub fn write(al: &Alignment) -> String {
    let mut out = serde_json::to_string_pretty(&units(al)).expect("units serialise");
    out.push('\n');
    out
}

/// JSON lines: one unit a line, each object as in [`write`].
pub fn write_lines(al: &Alignment) -> String {
    let mut out = String::new();
    for unit in units(al) {
        out.push_str(&serde_json::to_string(&unit).expect("units serialise"));
        out.push('\n');
    }
    out
}

/// Every unit of an alignment, as JSON shows it.
pub fn units(al: &Alignment) -> Vec<JsonUnit<'_>> {
    al.units
        .iter()
        .enumerate()
        .map(|(k, u)| JsonUnit {
            tuid: crate::types::tuid(&al.src.doc.name, k),
            bead: u.bead(),
            score: (u.score * 1000.0).round() / 1000.0,
            src: &u.src,
            tgt: &u.tgt,
            src_text: side_text(&al.src, &u.src),
            tgt_text: side_text(&al.tgt, &u.tgt),
        })
        .collect()
}
