//! The review page: one self-contained HTML file (inline style and script, nothing fetched)
//! that shows an alignment or a comparison unit by unit, for a person to read.
//!
//! [`review`]: source and target side by side, each unit coloured by the aligner's
//! confidence, what QA found highlighted in the text (the number, the name, the sentence
//! with no counterpart) and listed under it, sentences with no counterpart in place. A
//! switch hides every unit without a finding (also `#doubtful` at the end of the address).
//! [`diff`]: the source and the two translations, with the words deleted and inserted.
//!
//! Every unit is a `<tr class="unit">` with `data-unit` (its index) and `data-tuid`; every
//! finding an `<li class="finding">` with `data-kind` and `data-severity`; a highlight a
//! `<mark>` with the finding's kind as class. The switch sets `hidden` on the rows it hides.

use crate::qa::diff::{Row, Status};
use crate::qa::{counts, Finding, Kind, Langs, QaUnit, Sent, Severity, Side};
use crate::types::format_score;
use quick_xml::escape::escape;

/// The review page of an alignment or a memory and what QA found in it.
pub fn review(title: &str, units: &[QaUnit], findings: &[Finding], langs: &Langs) -> String {
    let mut by_unit: Vec<Vec<&Finding>> = vec![Vec::new(); units.len()];
    for f in findings {
        if let Some(list) = by_unit.get_mut(f.unit) {
            list.push(f);
        }
    }
    let (e, w, i) = counts(findings);
    let doubtful = by_unit.iter().filter(|f| !f.is_empty()).count();
    let mut body = String::new();
    body.push_str(&format!(
        "<p class=\"summary\">{}; {}: {}, {}, {} info; {}.</p>\n",
        plural(units.len(), "unit"),
        plural(findings.len(), "finding"),
        plural(e, "error"),
        plural(w, "warning"),
        i,
        plural(doubtful, "doubtful unit")
    ));
    body.push_str(&switch("Show only doubtful units (with a finding)"));
    body.push_str(LEGEND);
    body.push_str(&format!(
        "<table>\n<thead><tr><th>#</th><th>{}</th><th>{}</th><th>score</th></tr></thead>\n<tbody>\n",
        esc(&langs.src_name),
        esc(&langs.tgt_name)
    ));
    for (k, unit) in units.iter().enumerate() {
        let found = &by_unit[k];
        let band = match unit.score {
            Some(s) if s >= 0.9 => "conf-high",
            Some(s) if s >= 0.5 => "conf-mid",
            Some(_) => "conf-low",
            None => "conf-none",
        };
        let worst = found.iter().map(|f| f.severity).min();
        let class = match worst {
            Some(s) => format!("unit {band} doubtful sev-{}", s.name()),
            None => format!("unit {band}"),
        };
        body.push_str(&format!(
            "<tr class=\"{class}\" id=\"unit-{k}\" data-unit=\"{k}\" data-tuid=\"{}\">",
            esc(&unit.tuid)
        ));
        body.push_str(&format!(
            "<td class=\"id\" title=\"{}\">{}</td>",
            esc(&unit.place()),
            k + 1
        ));
        for side in [Side::Src, Side::Tgt] {
            body.push_str(&cell(unit.side(side), side, found, langs.name(side)));
        }
        let score = unit.score.map(format_score).unwrap_or_default();
        body.push_str(&format!("<td class=\"score\">{score}</td></tr>\n"));
        if !found.is_empty() {
            body.push_str(&format!(
                "<tr class=\"findings-row\" data-unit=\"{k}\"><td></td><td colspan=\"3\"><ul>"
            ));
            for f in found {
                body.push_str(&format!(
                    "<li class=\"finding sev-{}\" data-kind=\"{}\" data-severity=\"{}\" data-unit=\"{k}\"><b>{}</b> <i>{}</i> {}</li>",
                    f.severity.name(),
                    f.kind,
                    f.severity.name(),
                    f.kind,
                    f.severity.name(),
                    esc(&f.message)
                ));
            }
            body.push_str("</ul></td></tr>\n");
        }
    }
    body.push_str("</tbody>\n</table>\n");
    page(title, &body)
}

/// One side of a unit: its sentences with their highlights, or a note in place of the
/// sentences it does not have.
fn cell(sents: &[Sent], side: Side, found: &[&Finding], name: &str) -> String {
    if sents.is_empty() {
        return format!("<td class=\"side none\">no {} counterpart</td>", esc(name));
    }
    let mut out = String::from("<td class=\"side\">");
    for (n, sent) in sents.iter().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        let marks: Vec<(usize, usize, Kind, Severity, &str)> = found
            .iter()
            .flat_map(|f| {
                f.marks
                    .iter()
                    .filter(|m| m.side == side && m.sentence == sent.index)
                    .map(move |m| (m.start, m.end, f.kind, f.severity, f.message.as_str()))
            })
            .collect();
        out.push_str(&format!(
            "<span class=\"s\" data-i=\"{}\" title=\"{}\">{}</span>",
            sent.index,
            esc(&sent.place),
            highlighted(&sent.text, &marks)
        ));
    }
    out.push_str("</td>");
    out
}

/// A text with `<mark>`s over the marked stretches; overlapping marks nest.
fn highlighted(text: &str, marks: &[(usize, usize, Kind, Severity, &str)]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(s, e, ..) in marks {
        if s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) {
            cuts.push(s);
            cuts.push(e);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let active: Vec<_> = marks
            .iter()
            .filter(|m| m.0 <= s && e <= m.1 && m.0 < m.1)
            .collect();
        for m in &active {
            out.push_str(&format!(
                "<mark class=\"{} sev-{}\" title=\"{}\">",
                m.2,
                m.3.name(),
                esc(m.4)
            ));
        }
        out.push_str(&esc(&text[s..e]));
        for _ in &active {
            out.push_str("</mark>");
        }
    }
    out
}

/// The page comparing two translations of one source.
pub fn diff(title: &str, rows: &[Row], src_name: &str, tgt_name: &str) -> String {
    let (u, c, a, r) = crate::qa::diff::counts(rows);
    let mut body = format!(
        "<p class=\"summary\">{} rows: {u} unchanged, {c} changed, {a} added, {r} removed.</p>\n",
        rows.len()
    );
    body.push_str(&switch("Show only rows that differ"));
    body.push_str(&format!(
        "<table>\n<thead><tr><th>#</th><th>{}</th><th>old {}</th><th>new {}</th><th>similarity</th></tr></thead>\n<tbody>\n",
        esc(src_name),
        esc(tgt_name),
        esc(tgt_name)
    ));
    for (k, row) in rows.iter().enumerate() {
        let doubtful = if row.status == Status::Unchanged {
            ""
        } else {
            " doubtful"
        };
        body.push_str(&format!(
            "<tr class=\"unit st-{}{doubtful}\" id=\"unit-{k}\" data-unit=\"{k}\" data-status=\"{}\"><td class=\"id\">{}</td>",
            row.status.name(),
            row.status.name(),
            k + 1
        ));
        let side = |text: &str, keep: char| {
            if text.is_empty() {
                return "<td class=\"side none\">none</td>".to_string();
            }
            let mut out = String::from("<td class=\"side\">");
            for e in &row.words {
                match e.op {
                    '=' => out.push_str(&esc(&e.text)),
                    '-' if keep == '-' => out.push_str(&format!("<del>{}</del>", esc(&e.text))),
                    '+' if keep == '+' => out.push_str(&format!("<ins>{}</ins>", esc(&e.text))),
                    _ => {}
                }
            }
            out.push_str("</td>");
            out
        };
        let src = if row.src_text.is_empty() {
            "<td class=\"side none\">no source</td>".to_string()
        } else {
            format!("<td class=\"side\">{}</td>", esc(&row.src_text))
        };
        body.push_str(&src);
        body.push_str(&side(&row.old_text, '-'));
        body.push_str(&side(&row.new_text, '+'));
        body.push_str(&format!(
            "<td class=\"score\">{:.3}</td></tr>\n",
            row.similarity
        ));
    }
    body.push_str("</tbody>\n</table>\n");
    page(title, &body)
}

/// `1 unit`, `2 units`.
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The checkbox that hides the rows without a finding.
fn switch(label: &str) -> String {
    format!(
        "<p><label><input type=\"checkbox\" id=\"doubtful-only\"> {}</label></p>\n",
        esc(label)
    )
}

const LEGEND: &str = "<p class=\"legend\">Confidence: <span class=\"conf-high\">0.9 and over</span> <span class=\"conf-mid\">0.5 to 0.9</span> <span class=\"conf-low\">under 0.5</span> <span class=\"conf-none\">no score</span> Highlighted: <mark class=\"number\">numbers</mark> <mark class=\"name\">names</mark> <mark class=\"omission\">sentences with no counterpart</mark> <mark class=\"untranslated\">untranslated text</mark>.</p>\n";

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; background: #fff; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { vertical-align: top; padding: .35em .5em; border-bottom: 1px solid #e4e4e4; text-align: left; }
th:first-child, td.id { width: 3em; color: #888; }
th:last-child, td.score { width: 6em; font-variant-numeric: tabular-nums; }
tr.unit td.id { border-left: 5px solid #ccc; }
tr.conf-high td.id { border-left-color: #3a9d5d; }
tr.conf-mid td.id { border-left-color: #e0a100; }
tr.conf-low td.id { border-left-color: #d33; }
tr.conf-mid td.score { background: #fff6d6; }
tr.conf-low td.score { background: #fde2e2; }
.legend span { border-left: 5px solid #ccc; padding: 0 .4em; margin-right: .4em; }
.legend span.conf-high { border-left-color: #3a9d5d; }
.legend span.conf-mid { border-left-color: #e0a100; }
.legend span.conf-low { border-left-color: #d33; }
tr.doubtful.sev-error td.side { background: #fff4f4; }
tr.doubtful.sev-warning td.side { background: #fffbea; }
tr.unit td.side.none { color: #999; font-style: italic; background: repeating-linear-gradient(135deg, #fafafa, #fafafa 6px, #f0f0f0 6px, #f0f0f0 12px); }
tr.findings-row td { border-bottom: 1px solid #ccc; padding-top: 0; }
tr.findings-row ul { margin: 0; padding-left: 1.2em; font-size: .92em; }
li.sev-error b { color: #c00; }
li.sev-warning b { color: #a66f00; }
li.sev-info b { color: #267; }
mark { background: #ffe08a; border-radius: 2px; }
mark.number { background: #ffc2c2; }
mark.name { background: #c9dcff; }
mark.omission, mark.addition { background: #ffd9a8; }
mark.untranslated { background: #e2d2f7; }
tr.st-changed td.score { background: #fff6d6; }
tr.st-added td.score, tr.st-removed td.score { background: #fde2e2; }
del { background: #fdd; text-decoration: line-through; }
ins { background: #d4f7d4; text-decoration: none; }
.summary { color: #555; }
"#;

/// Hides the rows without a finding when the box is ticked (or the address ends in
/// `#doubtful`), with the `hidden` attribute.
const SCRIPT: &str = r#"
(function () {
  var box = document.getElementById('doubtful-only');
  function apply() {
    var only = box.checked;
    var rows = document.querySelectorAll('tr.unit');
    for (var i = 0; i < rows.length; i++) {
      rows[i].hidden = only && !rows[i].classList.contains('doubtful');
    }
    document.body.setAttribute('data-only-doubtful', only ? 'yes' : 'no');
  }
  if (location.hash === '#doubtful') { box.checked = true; }
  box.addEventListener('change', apply);
  apply();
})();
"#;

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{t}</h1>\n{body}<script>{SCRIPT}</script>\n</body>\n</html>\n",
        t = esc(title)
    )
}

fn esc(text: &str) -> String {
    escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::Mark;

    #[test]
    fn overlapping_marks_nest_and_text_is_escaped() {
        let marks = [
            (0, 9, Kind::Omission, Severity::Warning, "whole"),
            (4, 6, Kind::Number, Severity::Error, "a <number>"),
        ];
        assert_eq!(
            highlighted("Son 12 <b>", &marks),
            "<mark class=\"omission sev-warning\" title=\"whole\">Son </mark><mark class=\"omission sev-warning\" title=\"whole\"><mark class=\"number sev-error\" title=\"a &lt;number&gt;\">12</mark></mark><mark class=\"omission sev-warning\" title=\"whole\"> &lt;b</mark>&gt;"
        );
    }

    #[test]
    fn every_unit_and_finding_is_on_the_page() {
        let sent = |i: usize, t: &str| Sent {
            index: i,
            text: t.into(),
            place: format!("line {}", i + 1),
            null: None,
        };
        let units = vec![
            QaUnit {
                tuid: "d-1".into(),
                src: vec![sent(0, "Hola.")],
                tgt: vec![sent(0, "Hello.")],
                score: Some(0.95),
            },
            QaUnit {
                tuid: "d-2".into(),
                src: vec![sent(1, "Son 12.")],
                tgt: vec![],
                score: Some(0.7),
            },
        ];
        let findings = vec![Finding {
            kind: Kind::Omission,
            severity: Severity::Error,
            unit: 1,
            tuid: "d-2".into(),
            src: vec![1],
            tgt: vec![],
            src_text: "Son 12.".into(),
            tgt_text: String::new(),
            message: "no English counterpart".into(),
            place: "line 2".into(),
            marks: vec![Mark::new(Side::Src, 1, 0, 7)],
        }];
        let html = review("d", &units, &findings, &Langs::new("es", "en"));
        assert_eq!(html.matches("<tr class=\"unit ").count(), 2);
        assert_eq!(html.matches("<li class=\"finding ").count(), 1);
        assert!(html.contains("<tr class=\"unit conf-mid doubtful sev-error\" id=\"unit-1\""));
        assert!(html.contains("no English counterpart</td>"));
        assert!(html.contains("<mark class=\"omission sev-error\""));
        assert!(!html.contains("http"), "nothing is fetched");
    }
}
