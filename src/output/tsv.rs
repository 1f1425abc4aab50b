//! TSV: `source<TAB>target<TAB>score`, one unit a line, an empty cell for a side with no
//! sentence. Tabs and line breaks inside the text become spaces.

use super::{format_score, side_text};
use crate::Alignment;

pub fn write(al: &Alignment) -> String {
    let mut out = String::new();
    for unit in &al.units {
        let src = side_text(&al.src, &unit.src).replace('\t', " ");
        let tgt = side_text(&al.tgt, &unit.tgt).replace('\t', " ");
        out.push_str(&format!("{src}\t{tgt}\t{}\n", format_score(unit.score)));
    }
    out
}
