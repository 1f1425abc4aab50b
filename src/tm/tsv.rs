//! Bilingual TSV for a spreadsheet: a header row naming the languages and the other
//! columns, then one pair per line. `tmx convert` writes `source<TAB>target<TAB>tuid`;
//! `alinea align --format tsv` writes `source<TAB>target<TAB>score<TAB>tuid<TAB>bead<TAB>
//! document<TAB>status`. Inside a cell, a backslash, tab, line feed and carriage return are
//! written `\\`, `\t`, `\n` and `\r`, and a cell that starts with a double quote is written
//! in double quotes with its quotes doubled, as spreadsheets write it (a spreadsheet would
//! otherwise take the quote for the start of a quoted cell and drop it). Reading, a cell in
//! quotes with every quote inside doubled, as spreadsheets save any cell holding a quote, is
//! unquoted. TSV holds plain text only.
//!
//! Reading, the header's columns after the languages say what each cell is: `tuid` (the
//! unit's id), `score`, `bead` and `document` (the props `x-alignment-score`, `x-bead` and
//! `x-document` that `align` writes to the TMX), `status` (a row whose status is `reject`
//! is left out and counted: a reviewer's verdict), and any other name a prop of that type.
//! Columns may be in any order, added or removed. A file without a header row is read as
//! `source<TAB>target`, further cells ignored (the TSV `align` wrote before it had a header).

use super::{Prop, Tu, Tuv};
use crate::error::{Error, Pos, Result};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Writes the header row of `tmx convert`'s TSV.
pub fn write_header(out: &mut dyn Write, src: &str, tgt: &str) -> std::io::Result<()> {
    writeln!(out, "{}\t{}\ttuid", cell(src), cell(tgt))
}

/// Writes one pair; the unit's first variant is the source, the second the target.
pub fn write_tu(out: &mut dyn Write, tu: &Tu) -> std::io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}",
        cell(&tu.tuvs[0].seg.plain_text()),
        cell(&tu.tuvs[1].seg.plain_text()),
        cell(tu.attr("tuid").unwrap_or_default())
    )
}

/// A cell a spreadsheet will not run: one that starts with `=`, `+`, `-` or `@` (a formula
/// to Excel, LibreOffice and Google Sheets) gets a `'` before it, as OWASP advises, and so
/// does one that starts with `'` (so that reading takes exactly one off).
pub fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\'']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A cell as written: escaped, made [`spreadsheet_safe`], and quoted when it starts with a
/// double quote.
pub fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    let out = spreadsheet_safe(out);
    if out.starts_with('"') {
        format!("\"{}\"", out.replace('"', "\"\""))
    } else {
        out
    }
}

/// A cell as read: unquoted when it is a well-formed quoted cell (quotes around, every
/// quote inside doubled), the `'` that [`spreadsheet_safe`] put before `=`, `+`, `-`, `@`
/// or `'` taken off, then unescaped.
fn read_cell(cell: &str) -> String {
    let unquoted = cell
        .strip_prefix('"')
        .and_then(|c| c.strip_suffix('"'))
        .filter(|inner| inner.replace("\"\"", "").find('"').is_none())
        .map(|inner| inner.replace("\"\"", "\""));
    let cell = unquoted.as_deref().unwrap_or(cell);
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\'']) => rest,
        _ => cell,
    };
    unescape(cell)
}

fn unescape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// What a column after the two languages holds.
#[derive(Debug, Clone, PartialEq)]
enum Column {
    Tuid,
    Status,
    /// A prop of this type.
    Prop(String),
    Ignored,
}

impl Column {
    fn named(name: &str) -> Column {
        match name.trim().to_ascii_lowercase().as_str() {
            "" => Column::Ignored,
            "tuid" | "id" => Column::Tuid,
            "status" => Column::Status,
            "score" => Column::Prop("x-alignment-score".into()),
            "bead" => Column::Prop("x-bead".into()),
            "document" => Column::Prop("x-document".into()),
            _ => Column::Prop(name.trim().to_string()),
        }
    }
}

/// Reads pairs, one line at a time.
pub struct TsvReader<R: BufRead> {
    lines: std::io::Lines<R>,
    path: PathBuf,
    line: u32,
    /// The languages: from the header row, else as given.
    pub src: String,
    pub tgt: String,
    /// What the columns after the languages hold (none without a header row).
    columns: Vec<Column>,
    first: Option<String>,
    /// Rows left out because their status is `reject`, and the first few of their lines.
    pub rejected: usize,
    pub rejected_lines: Vec<u32>,
}

impl TsvReader<std::io::BufReader<std::fs::File>> {
    pub fn open(path: &Path, src: &str, tgt: &str) -> Result<Self> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        TsvReader::new(path, std::io::BufReader::new(file), src, tgt)
    }
}

impl<R: BufRead> TsvReader<R> {
    /// Reads the header row if there is one; `src` and `tgt` are the languages otherwise.
    pub fn new(path: &Path, source: R, src: &str, tgt: &str) -> Result<Self> {
        let mut reader = TsvReader {
            lines: source.lines(),
            path: path.to_path_buf(),
            line: 0,
            src: src.to_string(),
            tgt: tgt.to_string(),
            columns: Vec::new(),
            first: None,
            rejected: 0,
            rejected_lines: Vec::new(),
        };
        if let Some(first) = reader.next_line()? {
            let first = first.trim_start_matches('\u{feff}').to_string();
            let cells: Vec<&str> = first.split('\t').collect();
            let is_tag = |c: &str| c.len() <= 20 && super::lang::check(c).is_ok();
            if cells.len() >= 2 && is_tag(cells[0]) && is_tag(cells[1]) {
                reader.src = cells[0].to_string();
                reader.tgt = cells[1].to_string();
                reader.columns = cells[2..].iter().map(|c| Column::named(c)).collect();
            } else {
                reader.first = Some(first);
            }
        }
        Ok(reader)
    }

    fn next_line(&mut self) -> Result<Option<String>> {
        match self.lines.next() {
            None => Ok(None),
            Some(Ok(line)) => {
                self.line += 1;
                Ok(Some(line.trim_end_matches('\r').to_string()))
            }
            Some(Err(e)) if e.kind() == std::io::ErrorKind::InvalidData => Err(Error::syntax(
                &self.path,
                Pos {
                    line: self.line + 1,
                    col: 1,
                },
                "not UTF-8 text",
            )),
            Some(Err(e)) => Err(Error::io(&self.path, "read", e)),
        }
    }

    /// The next pair; blank lines and rejected rows are skipped.
    pub fn next_tu(&mut self) -> Result<Option<Tu>> {
        loop {
            let line = match self.first.take() {
                Some(l) => l,
                None => match self.next_line()? {
                    Some(l) => l,
                    None => return Ok(None),
                },
            };
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            let pos = Pos {
                line: self.line,
                col: 1,
            };
            if cells.len() < 2 {
                return Err(Error::syntax(
                    &self.path,
                    pos,
                    "one cell: a row needs source<TAB>target",
                ));
            }
            let mut tu = Tu {
                tuvs: vec![
                    Tuv::plain(&self.src, &read_cell(cells[0])),
                    Tuv::plain(&self.tgt, &read_cell(cells[1])),
                ],
                pos,
                ..Tu::default()
            };
            let mut rejected = false;
            for (column, cell) in self.columns.iter().zip(&cells[2..]) {
                let value = read_cell(cell);
                let value = value.trim();
                if value.is_empty() {
                    continue;
                }
                match column {
                    Column::Tuid => tu.set_attr("tuid", value),
                    Column::Status => rejected = value.eq_ignore_ascii_case("reject"),
                    Column::Prop(kind) => tu.props.push(Prop::new(kind, value)),
                    Column::Ignored => {}
                }
            }
            if rejected {
                self.rejected += 1;
                if self.rejected_lines.len() < super::merge::EXAMPLES {
                    self.rejected_lines.push(self.line);
                }
                continue;
            }
            return Ok(Some(tu));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_with_tabs_and_line_breaks() {
        let mut tu = Tu::default();
        tu.set_attr("tuid", "d-1");
        tu.tuvs.push(Tuv::plain("es", "a\tb\\c\nd"));
        tu.tuvs.push(Tuv::plain("en", "x"));
        let mut out = Vec::new();
        write_header(&mut out, "es", "en").unwrap();
        write_tu(&mut out, &tu).unwrap();
        assert_eq!(
            String::from_utf8(out.clone()).unwrap(),
            "es\ten\ttuid\na\\tb\\\\c\\nd\tx\td-1\n"
        );
        let mut r = TsvReader::new(Path::new("t.tsv"), out.as_slice(), "xx", "yy").unwrap();
        let back = r.next_tu().unwrap().unwrap();
        assert_eq!(back.tuvs[0].seg, tu.tuvs[0].seg);
        assert_eq!(back.attr("tuid"), Some("d-1"));
        assert_eq!((r.src.as_str(), r.tgt.as_str()), ("es", "en"));
        assert!(r.next_tu().unwrap().is_none());
    }

    #[test]
    fn named_columns_give_tuids_and_props_and_rejected_rows_are_left_out() {
        let text = "es\ten\tscore\ttuid\tbead\tdocument\tstatus\tx-client\n\
                    Hola.\tHello.\t0.912\td-1\t1-1\td\t\tACME\n\
                    Malo.\tBad.\t0.2\td-2\t1-1\td\tReject\t\n\
                    \"\"\"Sí\"\", dijo.\"\t\"\"\"Yes,\"\" he said.\"\t0.9\td-3\t1-1\td\tok\n";
        let mut r = TsvReader::new(Path::new("a.tsv"), text.as_bytes(), "xx", "yy").unwrap();
        let first = r.next_tu().unwrap().unwrap();
        assert_eq!(first.attr("tuid"), Some("d-1"));
        let props: Vec<(&str, &str)> = first
            .props
            .iter()
            .map(|p| (p.kind.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            props,
            [
                ("x-alignment-score", "0.912"),
                ("x-bead", "1-1"),
                ("x-document", "d"),
                ("x-client", "ACME")
            ]
        );
        let third = r.next_tu().unwrap().unwrap();
        assert_eq!(third.tuvs[0].seg.plain_text(), "\"Sí\", dijo.");
        assert_eq!(third.tuvs[1].seg.plain_text(), "\"Yes,\" he said.");
        assert!(r.next_tu().unwrap().is_none());
        assert_eq!((r.rejected, r.rejected_lines.clone()), (1, vec![3]));
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_get_a_quote_and_read_back() {
        for text in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-5 grados",
            "@SUM(A1)",
            "'Tis",
            "''",
            "Normal",
        ] {
            let written = cell(text);
            if text == "Normal" {
                assert_eq!(written, "Normal");
            } else {
                assert!(written.starts_with('\''), "{written}");
            }
            assert_eq!(read_cell(&written), text);
        }
        // A quote that no writer put there stays.
        assert_eq!(read_cell("'Tis"), "'Tis");
    }

    #[test]
    fn quotes_are_written_as_spreadsheets_write_them() {
        assert_eq!(cell("\"Hola\", dijo."), "\"\"\"Hola\"\", dijo.\"");
        assert_eq!(read_cell(&cell("\"Hola\", dijo.")), "\"Hola\", dijo.");
        assert_eq!(read_cell("\"Hola\", dijo."), "\"Hola\", dijo.");
        assert_eq!(cell("a\tb"), "a\\tb");
        assert_eq!(cell("Dijo: \"hola\"."), "Dijo: \"hola\".");
        // As a spreadsheet saves a cell holding quotes.
        assert_eq!(read_cell("\"Dijo: \"\"hola\"\".\""), "Dijo: \"hola\".");
    }

    #[test]
    fn align_tsv_reads_without_a_header() {
        let text = "Hola.\tHello.\t0.912\n\nAdiós.\tBye.\t0.8\n";
        let mut r = TsvReader::new(Path::new("a.tsv"), text.as_bytes(), "es", "en").unwrap();
        assert_eq!(
            r.next_tu().unwrap().unwrap().tuvs[1].seg.plain_text(),
            "Hello."
        );
        let second = r.next_tu().unwrap().unwrap();
        assert_eq!(second.pos.line, 3);
        assert_eq!(second.attr("tuid"), None);
        let mut r =
            TsvReader::new(Path::new("b.tsv"), "x\ty\nsolo\n".as_bytes(), "es", "en").unwrap();
        assert!(r.next_tu().unwrap().is_some());
        let err = r.next_tu().unwrap_err().to_string();
        assert_eq!(err, "b.tsv:2:1: one cell: a row needs source<TAB>target");
    }
}
