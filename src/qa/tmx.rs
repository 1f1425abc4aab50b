//! Checking a translation memory: TMX (streamed, read twice), or a bilingual file that
//! `tmx convert` reads (TSV, XLIFF 1.2 and 2.0).
//!
//! Each unit of the memory is one segment a side, so a unit's "sentence index" is the
//! unit's own index, and omissions and additions come only from length-ratio outliers (a
//! memory holds no unit with an empty side). The score is the `x-alignment-score` prop
//! when alinea wrote it; units without one are never low-confidence findings.

use super::{Checker, Finding, Langs, QaOptions, QaUnit, Sent};
use crate::error::{Error, Result};
use crate::tm::convert::Format;
use crate::tm::merge::{prepare, PrepareCounts};
use crate::tm::tmx::read::TmxReader;
use crate::tm::tsv::TsvReader;
use crate::tm::{lang, Tu, Tuv};
use std::path::Path;

/// What checking a memory found and read.
#[derive(Debug, Clone, Default)]
pub struct MemoryCheck {
    pub findings: Vec<Finding>,
    /// Every unit checked, when asked for (for the review page).
    pub units: Vec<QaUnit>,
    /// Units read, and units left out because they do not hold both languages.
    pub read: usize,
    pub skipped: usize,
    /// The language pair checked.
    pub src_lang: String,
    pub tgt_lang: String,
}

/// Checks the memory at `path`. The languages default to what the file says (a TMX
/// header's `srclang` and the first other language found).
pub fn check_memory(
    path: &Path,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
    options: &QaOptions,
    keep_units: bool,
) -> Result<MemoryCheck> {
    let format = Format::of_file(path)?;
    let (mut xliff, declared) = match format {
        Format::Xliff => {
            let (units, src, tgt) = xliff_units(path, tgt_lang)?;
            (Some(units), Some((src, tgt)))
        }
        _ => (None, None),
    };
    // Pass 1: the languages, then what the checks learn from every unit.
    let (src, mut tgt) = languages(path, format, declared, src_lang, tgt_lang)?;
    if tgt.is_none() {
        let mut units = open(path, format, xliff.as_mut())?;
        while let Some(tu) = units.next()? {
            if let Some(t) = tu
                .tuvs
                .iter()
                .find(|v| lang::primary(&v.lang) != lang::primary(&src))
            {
                tgt = Some(t.lang.clone());
                break;
            }
        }
    }
    let tgt = tgt.ok_or_else(|| {
        Error::bad_input(
            path,
            format!("no unit has a variant in another language than {src}: give --tgt-lang"),
        )
    })?;
    let mut checker = Checker::new(Langs::new(&src, &tgt), options);
    let mut out = MemoryCheck {
        src_lang: src.clone(),
        tgt_lang: tgt.clone(),
        ..MemoryCheck::default()
    };
    let mut units = open(path, format, xliff.as_mut())?;
    let mut k = 0;
    while let Some(tu) = units.next()? {
        if let Some(unit) = qa_unit(tu, k, &src, &tgt) {
            checker.observe(&unit);
        }
        k += 1;
    }
    // Pass 2: the checks.
    let mut units = open(path, format, xliff.as_mut())?;
    let mut k = 0;
    while let Some(tu) = units.next()? {
        out.read += 1;
        match qa_unit(tu, k, &src, &tgt) {
            Some(unit) => {
                out.findings.extend(checker.check(k, &unit));
                if keep_units {
                    out.units.push(unit);
                }
            }
            None => out.skipped += 1,
        }
        k += 1;
    }
    out.findings.extend(checker.finish());
    super::sort(&mut out.findings);
    Ok(out)
}

/// The languages a file declares (for XLIFF, `declared`: those of its first file), or those
/// given.
fn languages(
    path: &Path,
    format: Format,
    declared: Option<(Option<String>, Option<String>)>,
    src: Option<&str>,
    tgt: Option<&str>,
) -> Result<(String, Option<String>)> {
    let (declared_src, declared_tgt) = match format {
        Format::Tmx => {
            let r = TmxReader::open(path)?;
            let s = r
                .header()
                .attr("srclang")
                .filter(|s| *s != "*all*")
                .map(String::from);
            (s, None)
        }
        Format::Tsv => {
            let r = TsvReader::open(path, src.unwrap_or("es"), tgt.unwrap_or("en"))?;
            (Some(r.src.clone()), Some(r.tgt.clone()))
        }
        Format::Xliff => declared.unwrap_or_default(),
    };
    let src = src
        .map(String::from)
        .or(declared_src)
        .unwrap_or_else(|| "es".into());
    let tgt = tgt.map(String::from).or(declared_tgt);
    Ok((src, tgt))
}

/// Where units come from, for one pass.
enum Units<'a> {
    Tmx(Box<TmxReader<std::fs::File>>),
    Tsv(TsvReader<std::io::BufReader<std::fs::File>>),
    Xliff(std::slice::Iter<'a, Tu>),
}

impl Units<'_> {
    fn next(&mut self) -> Result<Option<Tu>> {
        match self {
            Units::Tmx(r) => {
                let tu = r.next_tu()?;
                r.take_findings();
                Ok(tu)
            }
            Units::Tsv(r) => r.next_tu(),
            Units::Xliff(it) => Ok(it.next().cloned()),
        }
    }
}

fn open<'a>(path: &Path, format: Format, xliff: Option<&'a mut Vec<Tu>>) -> Result<Units<'a>> {
    Ok(match format {
        Format::Tmx => Units::Tmx(Box::new(TmxReader::open(path)?)),
        Format::Tsv => Units::Tsv(TsvReader::open(path, "es", "en")?),
        Format::Xliff => Units::Xliff(xliff.map(|v| v.iter()).unwrap_or_default()),
    })
}

/// The segment pairs of an XLIFF file (1.2 or 2.0), as units, and the languages its first
/// file declares; segments without a target are units with one variant. A file that
/// declares no target language takes `tgt_lang` (the user's `--tgt-lang`).
#[allow(clippy::type_complexity)]
fn xliff_units(
    path: &Path,
    tgt_lang: Option<&str>,
) -> Result<(Vec<Tu>, Option<String>, Option<String>)> {
    let x = crate::tm::xliff::pairs::load(path)?;
    let declared = x.files.first().map_or((None, None), |f| {
        let tgt = f.tgt_lang.clone().filter(|t| !t.is_empty());
        (Some(f.src_lang.clone()).filter(|s| !s.is_empty()), tgt)
    });
    let units = x
        .pairs()
        .map(|(file, pair)| {
            let mut tu = Tu::default();
            let id = match &pair.segment {
                Some(seg) => format!("{}/{seg}", pair.unit),
                None => pair.unit.clone(),
            };
            tu.set_attr("tuid", &id);
            tu.tuvs.push(Tuv::plain(&file.src_lang, pair.source.trim()));
            let file_tgt = file.tgt_lang.as_deref().filter(|t| !t.is_empty());
            if let (Some(t), Some(target)) = (file_tgt.or(tgt_lang), &pair.target) {
                tu.tuvs.push(Tuv::plain(t, target.trim()));
            }
            tu
        })
        .collect();
    Ok((units, declared.0, declared.1))
}

/// A memory unit as the checks see it; `None` when it does not hold both languages.
fn qa_unit(tu: Tu, k: usize, src: &str, tgt: &str) -> Option<QaUnit> {
    let line = tu.pos.line;
    let tu = prepare(tu, src, tgt, true, &mut PrepareCounts::default()).ok()?;
    let place = match (line, tu.attr("tuid")) {
        (0, Some(id)) => format!("unit {id}"),
        (0, None) => format!("unit {}", k + 1),
        (line, _) => format!("line {line}"),
    };
    let sent = |tuv: &Tuv| Sent {
        index: k,
        text: tuv
            .seg
            .plain_text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        place: place.clone(),
        null: None,
    };
    let score = tu
        .props
        .iter()
        .find(|p| p.kind == "x-alignment-score" || p.kind.starts_with("x-alignment-score:"))
        .and_then(|p| p.value.trim().parse::<f64>().ok());
    Some(QaUnit {
        tuid: tu.attr("tuid").unwrap_or_default().to_string(),
        src: vec![sent(&tu.tuvs[0])],
        tgt: vec![sent(&tu.tuvs[1])],
        score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::Kind;

    fn temp(name: &str, text: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("alinea-qa-tmx-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn a_memory_is_checked_unit_by_unit_in_the_languages_it_declares() {
        let tmx = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" segtype="sentence" creationtool="x" creationtoolversion="1" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu tuid="a"><prop type="x-alignment-score">0.100</prop><tuv xml:lang="en-US"><seg>It cost 12 dollars.</seg></tuv><tuv xml:lang="es-MX"><seg>Costó 21 dólares.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en-US"><seg>Only one side.</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="en-US"><seg>Hello.</seg></tuv><tuv xml:lang="es-MX"><seg>Hola.</seg></tuv></tu>
</body></tmx>"#;
        let path = temp("m.tmx", tmx);
        let mc = check_memory(&path, None, None, &QaOptions::default(), true).unwrap();
        assert_eq!(
            (mc.src_lang.as_str(), mc.tgt_lang.as_str()),
            ("en-US", "es-MX")
        );
        assert_eq!((mc.read, mc.skipped, mc.units.len()), (3, 1, 2));
        let kinds: Vec<(Kind, usize, &str)> = mc
            .findings
            .iter()
            .map(|f| (f.kind, f.unit, f.tuid.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [(Kind::Number, 0, "a"), (Kind::LowConfidence, 0, "a")]
        );
        assert_eq!(mc.findings[0].src, [0]);
        assert_eq!(mc.findings[0].place, "line 3");
        assert_eq!(
            mc.findings[0].message,
            "12 in the English is not in the Spanish (the Spanish has 21)"
        );
    }

    #[test]
    fn an_xliff_file_is_checked_like_a_memory() {
        let xliff = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="d" source-language="es" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Comunicado de prensa</source><target>Comunicado de prensa</target></trans-unit>
<trans-unit id="2"><source>Hola.</source></trans-unit>
</body></file></xliff>"#;
        let path = temp("d.xlf", xliff);
        let mc = check_memory(&path, None, None, &QaOptions::default(), false).unwrap();
        assert_eq!((mc.read, mc.skipped), (2, 1));
        assert_eq!(mc.findings.len(), 1);
        assert_eq!(mc.findings[0].kind, Kind::Untranslated);
        assert_eq!(mc.findings[0].tuid, "1");
        assert_eq!(mc.findings[0].place, "unit 1");
    }
}
