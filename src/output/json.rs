//! JSON: one object per unit with both sides' sentence indices and texts, the bead type and
//! the score, in an array.

use super::side_text;
use crate::Alignment;
use serde::Serialize;

#[derive(Serialize)]
struct JsonUnit<'a> {
    tuid: String,
    bead: String,
    score: f64,
    src: &'a [usize],
    tgt: &'a [usize],
    src_text: String,
    tgt_text: String,
}

pub fn write(al: &Alignment) -> String {
    let units: Vec<JsonUnit> = al
        .units
        .iter()
        .enumerate()
        .map(|(k, u)| JsonUnit {
            tuid: super::tmx::tuid(&al.src.doc.name, k),
            bead: u.bead(),
            score: (u.score * 1000.0).round() / 1000.0,
            src: &u.src,
            tgt: &u.tgt,
            src_text: side_text(&al.src, &u.src),
            tgt_text: side_text(&al.tgt, &u.tgt),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&units).expect("units serialise");
    out.push('\n');
    out
}
