//! Conversion between TMX, TSV and XLIFF 2.0, streaming, so a reviewer can work in a
//! spreadsheet or a CAT tool's bilingual editor and come back.
//!
//! TMX to TMX keeps every variant (and applies `--strip-tags` and the profile); to TSV or
//! XLIFF, each unit becomes a pair of the two languages as in [`super::merge::prepare`],
//! and units that cannot be paired are dropped and counted.

use super::merge::{prepare, Dropped, PrepareCounts, Reason, EXAMPLES};
use super::profile::Profile;
use super::tmx::read::TmxReader;
use super::tmx::write::{HeaderOut, TmxWriter};
use super::tsv::{self, TsvReader};
use super::xliff::{XliffReader, XliffWriter};
use super::{lang, Tu};
use crate::error::{Error, Result};
use std::collections::{BTreeMap, VecDeque};
use std::io::{BufReader, Read, Write};
use std::path::Path;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Tmx,
    Tsv,
    Xliff,
}

impl Format {
    /// The format an extension names: `.tmx`, `.tsv`/`.tab`, `.xlf`/`.xliff`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "tmx" => Some(Format::Tmx),
            "tsv" | "tab" => Some(Format::Tsv),
            "xlf" | "xliff" | "xlf2" => Some(Format::Xliff),
            _ => None,
        }
    }

    /// The format of a file: by extension, else by its first bytes.
    pub fn of_file(path: &Path) -> Result<Format> {
        if let Some(f) = Format::from_path(path) {
            return Ok(f);
        }
        let mut head = [0u8; 512];
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, "read", e))?;
        let n = file
            .take(512)
            .read(&mut head)
            .map_err(|e| Error::io(path, "read", e))?;
        let text = String::from_utf8_lossy(&head[..n]);
        Ok(if text.contains("<xliff") {
            Format::Xliff
        } else if text.contains("<tmx") {
            Format::Tmx
        } else {
            Format::Tsv
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "tmx" => Ok(Format::Tmx),
            "tsv" => Ok(Format::Tsv),
            "xliff" | "xlf" => Ok(Format::Xliff),
            _ => Err(format!("unknown format '{s}': use tmx, tsv or xliff")),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// The input format; `None`: told by the extension, else the content.
    pub from: Option<Format>,
    pub to: Format,
    /// The languages; by default what the input says (TMX: the header's srclang and the
    /// other language of the first unit; TSV: its header row, else es and en).
    pub src_lang: Option<String>,
    pub tgt_lang: Option<String>,
    pub strip_tags: bool,
    pub profile: Option<Profile>,
    /// For a TMX header.
    pub date: String,
}

#[derive(Debug, Clone, Default)]
pub struct ConvertReport {
    pub read: usize,
    pub written: usize,
    pub src: String,
    pub tgt: String,
    pub dropped: BTreeMap<Reason, Dropped>,
    pub counts: PrepareCounts,
    /// XLIFF segments without a target.
    pub untranslated: usize,
    /// TSV rows a reviewer rejected (`status` `reject`), and the first few of their lines.
    pub rejected: usize,
    pub rejected_lines: Vec<u32>,
    pub removed_chars: usize,
    pub profile: Option<Profile>,
    pub fit: crate::tm::profile::FitReport,
}

impl std::fmt::Display for ConvertReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} units read, {} written ({} -> {})",
            self.read, self.written, self.src, self.tgt
        )?;
        for (reason, d) in &self.dropped {
            let lines: Vec<String> = d
                .examples
                .iter()
                .map(|(loc, detail)| format!("line {} ({detail})", loc.line))
                .collect();
            writeln!(
                f,
                "{} dropped {}: {}",
                d.count,
                reason.describe(),
                lines.join(", ")
            )?;
        }
        if self.rejected > 0 {
            let lines: Vec<String> = self
                .rejected_lines
                .iter()
                .map(|l| format!("line {l}"))
                .collect();
            writeln!(
                f,
                "{} row(s) with status reject left out: {}",
                self.rejected,
                lines.join(", ")
            )?;
        }
        if self.untranslated > 0 {
            writeln!(
                f,
                "{} segment(s) without a target skipped",
                self.untranslated
            )?;
        }
        for ((from, to), n) in &self.counts.relabelled {
            writeln!(f, "{n} variant(s) relabelled {from} -> {to}")?;
        }
        for (tag, n) in &self.counts.other_languages {
            writeln!(f, "{n} variant(s) in {tag} left out (not in the pair)")?;
        }
        let c = &self.counts;
        for (n, what) in [
            (
                c.dates_rewritten,
                "date(s) rewritten as UTC YYYYMMDDThhmmssZ",
            ),
            (c.dates_removed, "unreadable date(s) removed"),
            (c.trimmed, "segment(s) trimmed of whitespace at the ends"),
            (c.stripped, "segment(s) stripped of inline tags"),
            (
                self.removed_chars,
                "character(s) that XML 1.0 forbids removed",
            ),
        ] {
            if n > 0 {
                writeln!(f, "{n} {what}")?;
            }
        }
        if let Some(profile) = self.profile {
            write!(f, "{}", super::profile::render_fit(&self.fit, profile))?;
        }
        Ok(())
    }
}

/// Where units come from.
enum Source {
    Tmx(Box<TmxReader<std::fs::File>>),
    Tsv(TsvReader<BufReader<std::fs::File>>),
    Xliff(Box<XliffReader<std::fs::File>>),
}

impl Source {
    fn next_tu(&mut self) -> Result<Option<Tu>> {
        match self {
            Source::Tmx(r) => {
                let tu = r.next_tu()?;
                r.take_findings();
                Ok(tu)
            }
            Source::Tsv(r) => r.next_tu(),
            Source::Xliff(r) => r.next_tu(),
        }
    }
}

/// The first answer `find` gives for a unit: of the units already read ahead, then of
/// units read from `source` (kept in `ahead`, to be converted after).
fn look_ahead<T>(
    source: &mut Source,
    ahead: &mut VecDeque<Tu>,
    find: impl Fn(&Tu) -> Option<T>,
) -> Result<Option<T>> {
    if let Some(found) = ahead.iter().find_map(&find) {
        return Ok(Some(found));
    }
    while let Some(tu) = source.next_tu()? {
        let found = find(&tu);
        ahead.push_back(tu);
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Converts `input` to `opts.to`, writing to `out` (`out_path` names it in messages).
pub fn convert(
    input: &Path,
    opts: &ConvertOptions,
    out: &mut dyn Write,
    out_path: &Path,
) -> Result<ConvertReport> {
    let from = match opts.from {
        Some(f) => f,
        None => Format::of_file(input)?,
    };
    let default_src = opts.src_lang.clone().unwrap_or_else(|| "es".into());
    let default_tgt = opts.tgt_lang.clone().unwrap_or_else(|| "en".into());
    let (mut source, src0, tgt0, header) = match from {
        Format::Tmx => {
            let r = TmxReader::open(input)?;
            let h = r.header().clone();
            let src = h
                .attr("srclang")
                .filter(|s| *s != "*all*")
                .map(String::from);
            (Source::Tmx(Box::new(r)), src, None, Some(h))
        }
        Format::Tsv => {
            let r = TsvReader::open(input, &default_src, &default_tgt)?;
            let (s, t) = (r.src.clone(), r.tgt.clone());
            (Source::Tsv(r), Some(s), Some(t), None)
        }
        Format::Xliff => {
            let mut r = XliffReader::open(input)?;
            // A file without trgLang: its targets are in the language asked for.
            if r.tgt.is_empty() {
                match &opts.tgt_lang {
                    Some(t) => r.tgt = t.clone(),
                    None => {
                        return Err(Error::bad_input(
                            input,
                            "declares no target language (trgLang): say which with --tgt-lang",
                        ))
                    }
                }
            }
            let (s, t) = (r.src.clone(), r.tgt.clone());
            (Source::Xliff(Box::new(r)), Some(s), Some(t), None)
        }
    };
    // The source: as asked, else as the header says, else as the first unit that says it
    // (`<tu srclang>`, where the header has `*all*` or nothing).
    let mut ahead: VecDeque<Tu> = VecDeque::new();
    let src0 = match (&opts.src_lang, src0) {
        (None, None) => look_ahead(&mut source, &mut ahead, |tu: &Tu| {
            tu.attr("srclang")
                .filter(|s| *s != "*all*")
                .map(String::from)
        })?,
        (_, src0) => src0,
    };
    let src = opts.src_lang.clone().or(src0).unwrap_or(default_src);
    // The target: as asked, else as the input says, else the first other language seen.
    let tgt = match opts.tgt_lang.clone().or(tgt0.filter(|t| !t.is_empty())) {
        Some(t) => t,
        None => look_ahead(&mut source, &mut ahead, |tu: &Tu| {
            tu.tuvs
                .iter()
                .find(|v| lang::primary(&v.lang) != lang::primary(&src))
                .map(|v| v.lang.clone())
        })?
        .unwrap_or(default_tgt.clone()),
    };
    let mut report = ConvertReport {
        src: src.clone(),
        tgt: tgt.clone(),
        profile: opts.profile,
        ..ConvertReport::default()
    };
    let werr = |e| Error::io(out_path, "write", e);
    let locale = |t: &str| opts.profile.map_or(t.to_string(), |p| p.locale(t));
    let original = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    enum Sink<'a> {
        Tmx(TmxWriter<&'a mut dyn Write>),
        Tsv(&'a mut dyn Write),
        Xliff(XliffWriter<'a>),
    }
    let mut sink = match opts.to {
        Format::Tmx => {
            let h = HeaderOut {
                srclang: locale(&src),
                segtype: header
                    .as_ref()
                    .and_then(|h| h.attr("segtype"))
                    .unwrap_or("sentence")
                    .to_string(),
                datatype: header
                    .as_ref()
                    .and_then(|h| h.attr("datatype"))
                    .unwrap_or("plaintext")
                    .to_string(),
                date: opts.date.clone(),
                namespaces: header
                    .as_ref()
                    .map(|h| h.namespaces.clone())
                    .unwrap_or_default(),
            };
            Sink::Tmx(TmxWriter::start(out, &h).map_err(werr)?)
        }
        Format::Tsv => {
            tsv::write_header(out, &src, &tgt).map_err(werr)?;
            Sink::Tsv(out)
        }
        Format::Xliff => Sink::Xliff(
            XliffWriter::start(out, &locale(&src), &locale(&tgt), &original).map_err(werr)?,
        ),
    };
    loop {
        let tu = match ahead.pop_front() {
            Some(tu) => tu,
            None => match source.next_tu()? {
                Some(tu) => tu,
                None => break,
            },
        };
        report.read += 1;
        let pos = tu.pos;
        let loc = super::merge::Loc {
            file: 0,
            line: pos.line,
        };
        let tu = if from == Format::Tmx && opts.to == Format::Tmx {
            let mut tu = tu;
            if opts.strip_tags {
                for tuv in &mut tu.tuvs {
                    if tuv.seg.has_tags() {
                        tuv.seg = tuv.seg.stripped();
                        report.counts.stripped += 1;
                    }
                }
            }
            tu
        } else {
            match prepare(tu, &src, &tgt, opts.strip_tags, &mut report.counts) {
                Ok(tu) => tu,
                Err((reason, detail)) => {
                    let d = report.dropped.entry(reason).or_default();
                    d.count += 1;
                    if d.examples.len() < EXAMPLES {
                        d.examples.push((loc, detail));
                    }
                    continue;
                }
            }
        };
        match &mut sink {
            Sink::Tmx(w) => {
                let units = match opts.profile {
                    Some(p) => {
                        let (units, fit) = crate::tm::profile::fit_to_profile(vec![tu], p);
                        report.fit.split.extend(fit.split);
                        report.fit.too_long.extend(fit.too_long);
                        units
                    }
                    None => vec![tu],
                };
                for unit in &units {
                    report.removed_chars += w.write_tu(unit).map_err(werr)?;
                    report.written += 1;
                }
            }
            Sink::Tsv(w) => {
                if tu.tuvs.iter().any(|t| t.seg.has_tags()) {
                    return Err(Error::syntax(
                        input,
                        pos,
                        "this unit has inline tags, which TSV cannot hold: add --strip-tags to drop them, or convert to XLIFF",
                    ));
                }
                tsv::write_tu(&mut **w, &clean_pair(tu, &mut report)).map_err(werr)?;
                report.written += 1;
            }
            Sink::Xliff(w) => {
                let mut tu = clean_pair(tu, &mut report);
                if let Some(p) = opts.profile {
                    p.apply(&mut tu);
                }
                w.write_tu(&tu).map_err(werr)?;
                report.written += 1;
            }
        }
    }
    match &source {
        Source::Xliff(r) => report.untranslated = r.untranslated,
        Source::Tsv(r) => {
            report.rejected = r.rejected;
            report.rejected_lines = r.rejected_lines.clone();
        }
        Source::Tmx(_) => {}
    }
    match sink {
        Sink::Tmx(w) => {
            w.finish().map_err(werr)?;
        }
        Sink::Tsv(w) => w.flush().map_err(werr)?,
        Sink::Xliff(w) => w.finish().map_err(werr)?,
    }
    Ok(report)
}

/// Removes the characters XML 1.0 forbids from a pair's text (TSV and XLIFF writers do
/// not clean).
fn clean_pair(mut tu: Tu, report: &mut ConvertReport) -> Tu {
    for tuv in &mut tu.tuvs {
        for item in &mut tuv.seg.0 {
            if let super::Inline::Text(t) = item {
                let (clean, n) = super::tmx::write::clean(t);
                report.removed_chars += n;
                *t = clean;
            }
        }
    }
    tu
}
