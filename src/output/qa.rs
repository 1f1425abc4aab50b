//! QA findings as text for a person, JSON and TSV for scripts.
//!
//! Text: one block per finding: the unit and its place, the severity, kind and message on
//! one line, then both texts; on a terminal, severities are coloured and what the finding is about
//! (the number, the name, the sentence left out) is underlined. JSON: an array with one
//! object per finding (`kind`, `severity`, `unit`, `tuid`, `place`, `src`, `tgt`,
//! `src_text`, `tgt_text`, `message`). TSV: a header row, then the same fields, one finding
//! a line, sentence indices joined by commas.

use crate::qa::{Finding, Langs, Mark, Severity, Side};
use crate::types::printable;

/// ANSI styles, or nothing when the output is not a terminal.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub(crate) fn severity(&self, severity: Severity) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, severity.name())
    }

    pub(crate) fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub(crate) fn red(&self, text: &str) -> String {
        self.paint("31", text)
    }

    pub(crate) fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }

    fn underline(&self, text: &str) -> String {
        if self.color {
            self.paint("4;1", text)
        } else {
            format!("[{text}]")
        }
    }
}

/// The findings as text, then a line of counts.
pub fn text(findings: &[Finding], langs: &Langs, units: usize, style: Style) -> String {
    let mut out = String::new();
    for f in findings {
        let id = if f.tuid.is_empty() {
            format!("unit {}", f.unit + 1)
        } else {
            f.tuid.clone()
        };
        out.push_str(&format!(
            "{id} {} {} [{}]: {}\n",
            style.dim(&format!("({})", f.place)),
            style.severity(f.severity),
            f.kind,
            printable(&f.message)
        ));
        for (side, text, ids) in [
            (Side::Src, &f.src_text, &f.src),
            (Side::Tgt, &f.tgt_text, &f.tgt),
        ] {
            let name = langs.name(side);
            if ids.is_empty() {
                out.push_str(&format!("  {}\n", style.dim(&format!("{name}: -"))));
                continue;
            }
            let marks: Vec<&Mark> = f.marks.iter().filter(|m| m.side == side).collect();
            out.push_str(&format!(
                "  {} {}\n",
                style.dim(&format!("{name}:")),
                marked(text, &marks, style)
            ));
        }
    }
    out.push_str(&summary(findings, units));
    out
}

/// `27 units checked: 2 findings (1 warning, 1 info)`.
pub fn summary(findings: &[Finding], units: usize) -> String {
    let (e, w, i) = crate::qa::counts(findings);
    let parts: Vec<String> = [(e, "error"), (w, "warning"), (i, "info")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| {
            format!(
                "{n} {what}{}",
                if *n == 1 || *what == "info" { "" } else { "s" }
            )
        })
        .collect();
    let n = findings.len();
    let s = if n == 1 { "" } else { "s" };
    if parts.is_empty() {
        format!("{units} units checked: no findings\n")
    } else {
        format!(
            "{units} units checked: {n} finding{s} ({})\n",
            parts.join(", ")
        )
    }
}

/// A text with the stretches the marks name underlined (nested marks are merged).
fn marked(text: &str, marks: &[&Mark], style: Style) -> String {
    let mut spans: Vec<(usize, usize)> = marks
        .iter()
        .map(|m| (m.offset + m.start, m.offset + m.end))
        .filter(|&(s, e)| s < e && e <= text.len())
        .filter(|&(s, e)| text.is_char_boundary(s) && text.is_char_boundary(e))
        .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        let s = s.max(at);
        if s >= e {
            continue;
        }
        out.push_str(&printable(&text[at..s]));
        out.push_str(&style.underline(&printable(&text[s..e])));
        at = e;
    }
    out.push_str(&printable(&text[at..]));
    out
}

/// The findings as a JSON array.
pub fn json(findings: &[Finding]) -> String {
    let mut out = serde_json::to_string_pretty(findings).expect("findings serialise");
    out.push('\n');
    out
}

/// The findings as TSV with a header row.
pub fn tsv(findings: &[Finding]) -> String {
    let mut out =
        String::from("kind\tseverity\tunit\ttuid\tplace\tsrc\ttgt\tsrc_text\ttgt_text\tmessage\n");
    let ids = |v: &[usize]| v.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    let cell = |s: &str| crate::tm::tsv::spreadsheet_safe(s.replace(['\t', '\n', '\r'], " "));
    for f in findings {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            f.kind,
            f.severity,
            f.unit,
            cell(&f.tuid),
            cell(&f.place),
            ids(&f.src),
            ids(&f.tgt),
            cell(&f.src_text),
            cell(&f.tgt_text),
            cell(&f.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::{Kind, Severity};

    fn finding() -> Finding {
        Finding {
            kind: Kind::Number,
            severity: Severity::Error,
            unit: 4,
            tuid: "d-5".into(),
            src: vec![4],
            tgt: vec![5, 6],
            src_text: "Costó 1.250 pesos.".into(),
            tgt_text: "It cost. 1,520 pesos.".into(),
            message: "1.250 in the Spanish is not in the English (the English has 1,520)".into(),
            place: "line 9".into(),
            marks: vec![
                Mark::new(Side::Src, 4, 7, 12),
                Mark {
                    offset: 9,
                    ..Mark::new(Side::Tgt, 6, 0, 5)
                },
            ],
        }
    }

    #[test]
    fn text_shows_the_finding_with_what_it_is_about_marked() {
        let out = text(
            &[finding()],
            &Langs::new("es", "en"),
            12,
            Style { color: false },
        );
        assert_eq!(
            out,
            "d-5 (line 9) error [number]: 1.250 in the Spanish is not in the English (the English has 1,520)\n  Spanish: Costó [1.250] pesos.\n  English: It cost. [1,520] pesos.\n12 units checked: 1 finding (1 error)\n"
        );
    }

    #[test]
    fn json_and_tsv_hold_the_fields() {
        let json: serde_json::Value = serde_json::from_str(&json(&[finding()])).unwrap();
        assert_eq!(json[0]["kind"], "number");
        assert_eq!(json[0]["severity"], "error");
        assert_eq!(json[0]["tgt"], serde_json::json!([5, 6]));
        assert_eq!(json[0]["src_text"], "Costó 1.250 pesos.");
        let tsv = tsv(&[finding()]);
        let row: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
        assert_eq!(
            row[..7],
            ["number", "error", "4", "d-5", "line 9", "4", "5,6"]
        );
    }
}
