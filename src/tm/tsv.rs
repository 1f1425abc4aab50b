//! Bilingual TSV for a spreadsheet: a header row naming the languages (and `tuid`), then
//! `source<TAB>target<TAB>tuid` per unit. Inside a cell, a backslash, tab, line feed and
//! carriage return are written `\\`, `\t`, `\n` and `\r`. TSV holds plain text only.
//!
//! Reading also takes the TSV of `alinea align --format tsv` (no header row; a third column
//! with the score, ignored).

use super::{Tu, Tuv};
use crate::error::{Error, Pos, Result};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

/// Writes the header row.
pub fn write_header(out: &mut dyn Write, src: &str, tgt: &str) -> std::io::Result<()> {
    writeln!(out, "{}\t{}\ttuid", escape(src), escape(tgt))
}

/// Writes one pair; the unit's first variant is the source, the second the target.
pub fn write_tu(out: &mut dyn Write, tu: &Tu) -> std::io::Result<()> {
    writeln!(
        out,
        "{}\t{}\t{}",
        escape(&tu.tuvs[0].seg.plain_text()),
        escape(&tu.tuvs[1].seg.plain_text()),
        escape(tu.attr("tuid").unwrap_or_default())
    )
}

fn escape(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    for c in cell.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
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

/// Reads pairs, one line at a time.
pub struct TsvReader<R: BufRead> {
    lines: std::io::Lines<R>,
    path: PathBuf,
    line: u32,
    /// The languages: from the header row, else as given.
    pub src: String,
    pub tgt: String,
    tuid_column: bool,
    first: Option<String>,
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
            tuid_column: false,
            first: None,
        };
        if let Some(first) = reader.next_line()? {
            let first = first.trim_start_matches('\u{feff}').to_string();
            let cells: Vec<&str> = first.split('\t').collect();
            let is_tag = |c: &str| c.len() <= 20 && super::lang::check(c).is_ok();
            if cells.len() >= 2 && is_tag(cells[0]) && is_tag(cells[1]) {
                reader.src = cells[0].to_string();
                reader.tgt = cells[1].to_string();
                reader.tuid_column = cells.get(2) == Some(&"tuid");
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

    /// The next pair; blank lines are skipped.
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
                    Tuv::plain(&self.src, &unescape(cells[0])),
                    Tuv::plain(&self.tgt, &unescape(cells[1])),
                ],
                pos,
                ..Tu::default()
            };
            match cells.get(2) {
                Some(id) if self.tuid_column && !id.is_empty() => {
                    tu.set_attr("tuid", &unescape(id))
                }
                _ => {}
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
