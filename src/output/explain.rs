//! `--explain`: for every unit, its confidence and the parts of its cost, so a user can see
//! why the aligner paired (or did not pair) two sentences.

use crate::align::Alignment;
use crate::segment::side_text;
use crate::types::format_score;

/// One block per unit: a header with the bead, the confidence and the cost parts (lower is
/// better: prior on the bead type, length, lexical evidence, numbers, structure), then the two
/// sides with their sentence indices.
pub fn render(al: &Alignment) -> String {
    let mut out = String::from(
        "# unit (bead) confidence: cost = prior + length + lexical + numbers + structure\n",
    );
    for (k, u) in al.units.iter().enumerate() {
        let p = &u.parts;
        out.push_str(&format!(
            "unit {} ({}) {}: {:.2} = {:.2} + {:.2} + {:.2} + {:.2} + {:.2}\n",
            k + 1,
            u.bead(),
            format_score(u.score),
            p.total(),
            p.prior,
            p.length,
            p.lexical,
            p.numbers,
            p.structure,
        ));
        for (tag, doc, ids) in [
            (&al.src.lang_tag, &al.src, &u.src),
            (&al.tgt.lang_tag, &al.tgt, &u.tgt),
        ] {
            if !ids.is_empty() {
                out.push_str(&format!("  {tag} {ids:?} {}\n", side_text(doc, ids)));
            }
        }
    }
    out
}
