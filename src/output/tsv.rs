//! TSV for a spreadsheet: a header row (`es<TAB>en<TAB>score<TAB>tuid<TAB>bead<TAB>document
//! <TAB>status`, with the languages as given), then one unit a line: the two sides (an empty
//! cell for a side with no sentence), the score, the unit's tuid, bead type and document as
//! in the TMX, and an empty `status` column for a reviewer (`reject` drops the row when
//! `tmx from-tsv` turns the file back into a TMX). Cells are written as
//! [`crate::tm::tsv::cell`] writes them, so that the TSV reader reads them back.

use crate::align::Alignment;
use crate::segment::side_text;
use crate::tm::tsv::cell;
use crate::types::format_score;

pub fn write(al: &Alignment) -> String {
    let mut out = format!(
        "{}\t{}\tscore\ttuid\tbead\tdocument\tstatus\n",
        cell(&al.src.lang_tag),
        cell(&al.tgt.lang_tag)
    );
    for (k, unit) in al.units.iter().enumerate() {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t\n",
            cell(&side_text(&al.src, &unit.src)),
            cell(&side_text(&al.tgt, &unit.tgt)),
            format_score(unit.score),
            cell(&crate::types::tuid(&al.src.doc.name, k)),
            unit.bead(),
            cell(&al.src.doc.name),
        ));
    }
    out
}
