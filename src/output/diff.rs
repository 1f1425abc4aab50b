//! The comparison of two translations as text for a person, JSON and TSV for scripts.
//!
//! Text: every row that is not unchanged, with its status, similarity and the source, then
//! the word-level diff (`[-old-]{+new+}`, coloured on a terminal); a line of counts at the
//! end. JSON: an array of every row (`status`, `src`, `old`, `new`, the three texts,
//! `similarity`, `edits`, `words`). TSV: a header row, then every row.

use super::qa::Style;
use crate::qa::diff::{counts, Edit, Row, Status};

/// The changed, added and removed rows as text, then a line of counts.
pub fn text(rows: &[Row], src_name: &str, style: Style) -> String {
    let mut out = String::new();
    for (k, r) in rows.iter().enumerate() {
        if r.status == Status::Unchanged {
            continue;
        }
        out.push_str(&format!(
            "row {} {} similarity {:.3}, {} edit{}\n",
            k + 1,
            r.status.name(),
            r.similarity,
            r.edits,
            if r.edits == 1 { "" } else { "s" }
        ));
        if !r.src_text.is_empty() {
            out.push_str(&format!(
                "  {} {}\n",
                style.dim(&format!("{src_name}:")),
                crate::types::printable(&r.src_text)
            ));
        }
        out.push_str(&format!(
            "  {} {}\n",
            style.dim("diff:"),
            words(&r.words, style)
        ));
    }
    out.push_str(&summary(rows));
    out
}

/// `27 rows: 20 unchanged, 5 changed, 1 added, 1 removed`.
pub fn summary(rows: &[Row]) -> String {
    let (u, c, a, r) = counts(rows);
    format!(
        "{} rows: {u} unchanged, {c} changed, {a} added, {r} removed\n",
        rows.len()
    )
}

/// A word diff on one line: deletions `[-...-]`, insertions `{+...+}` (red and green on a
/// terminal).
pub fn words(edits: &[Edit], style: Style) -> String {
    edits
        .iter()
        .map(|e| {
            let text = crate::types::printable(&e.text);
            match e.op {
                '-' if style.color => style.red(&text),
                '+' if style.color => style.green(&text),
                '-' => format!("[-{text}-]"),
                '+' => format!("{{+{text}+}}"),
                _ => text.into_owned(),
            }
        })
        .collect()
}

/// Every row as a JSON array.
pub fn json(rows: &[Row]) -> String {
    let mut out = serde_json::to_string_pretty(rows).expect("rows serialise");
    out.push('\n');
    out
}

/// Every row as TSV with a header row.
pub fn tsv(rows: &[Row]) -> String {
    let mut out =
        String::from("status\tsimilarity\tedits\tsrc\told\tnew\tsrc_text\told_text\tnew_text\n");
    let ids = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let cell = |s: &str| crate::tm::tsv::spreadsheet_safe(s.replace(['\t', '\n', '\r'], " "));
    for r in rows {
        out.push_str(&format!(
            "{}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            r.status.name(),
            r.similarity,
            r.edits,
            ids(&r.src),
            ids(&r.old),
            ids(&r.new),
            cell(&r.src_text),
            cell(&r.old_text),
            cell(&r.new_text)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lists_what_changed() {
        let rows = vec![
            Row::new(
                vec![0],
                vec![0],
                vec![0],
                "Hola.".into(),
                "Hi.".into(),
                "Hi.".into(),
            ),
            Row::new(
                vec![1],
                vec![1],
                vec![1],
                "Adiós.".into(),
                "Bye now.".into(),
                "Goodbye now.".into(),
            ),
        ];
        assert_eq!(
            text(&rows, "Spanish", Style { color: false }),
            "row 2 changed similarity 0.583, 5 edits\n  Spanish: Adiós.\n  diff: [-Bye-]{+Goodbye+} now.\n2 rows: 1 unchanged, 1 changed, 0 added, 0 removed\n"
        );
        let tsv = tsv(&rows);
        assert_eq!(tsv.lines().count(), 3);
        assert!(tsv
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("changed\t0.583\t5\t1\t1\t1\t"));
        let json: serde_json::Value = serde_json::from_str(&json(&rows)).unwrap();
        assert_eq!(json[1]["words"][0]["op"], "-");
        assert_eq!(json[1]["status"], "changed");
    }
}
