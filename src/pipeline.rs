//! The pipeline on a pair of documents, read top to bottom as the stages it calls:
//! read ([`input`]) → check the pair → segment ([`segment`]) → align ([`align`]) → split the
//! headings a unit glued to its paragraph ([`segment::glued`], confirmed by aligning the
//! pieces again). What comes out is an [`Alignment`]: every sentence of both documents in
//! exactly one unit.

use crate::align::cost::CostModel;
use crate::align::lexicon::Lexicon;
use crate::align::{self, align_with_lexicon, Alignment, Side};
use crate::error::{Error, Result};
use crate::input::{self, Document};
use crate::memory;
use crate::qa;
use crate::segment::{self, segment_document_with, Segmented, Segmenter};
use crate::types::{Lang, Sentence, Unit};
use rayon::prelude::*;
use std::path::Path;

/// Reads a bilingual word list for `--dict` (see [`Lexicon::parse`] for its format),
/// decoded as input files are. Returns the lexicon and the number of entries skipped.
pub fn read_lexicon(path: &Path) -> Result<(Lexicon, usize)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    let (text, _) = input::decode(&bytes).map_err(|m| Error::bad_input(path, m))?;
    Lexicon::parse(&text).map_err(|m| Error::bad_input(path, m))
}

/// How to read and align a pair of documents.
#[derive(Debug, Clone)]
pub struct AlignOptions {
    /// Source language tag, written to the output as given.
    pub src_lang: String,
    /// Target language tag, written to the output as given.
    pub tgt_lang: String,
    /// The inputs hold one sentence per line.
    pub presegmented: bool,
    pub model: CostModel,
    /// Word translations given by the user (`--dict`).
    pub lexicon: Lexicon,
    /// Learn word translations from a first pass and realign.
    pub learn: bool,
    /// The input format (detected from the content by default).
    pub input_format: input::InputFormat,
    /// Keep the footnotes and endnotes of Word documents.
    pub include_notes: bool,
    /// Segmentation rules for each side; `None`: the built-in rules of the language.
    pub src_segmenter: Option<Segmenter>,
    pub tgt_segmenter: Option<Segmenter>,
    /// Refuse, before aligning, a pair whose [`memory::estimate`] is above this many bytes
    /// (`None`: no limit).
    pub max_memory: Option<u64>,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            src_lang: "es".into(),
            tgt_lang: "en".into(),
            presegmented: false,
            model: CostModel::default(),
            lexicon: Lexicon::default(),
            learn: false,
            src_segmenter: None,
            tgt_segmenter: None,
            input_format: input::InputFormat::Auto,
            include_notes: false,
            max_memory: None,
        }
    }
}

/// The whole pipeline on two files: read (text, HTML or DOCX), segment, check, align.
///
/// Refused before anything is aligned: the same file twice, two files with the same text,
/// and (with [`AlignOptions::max_memory`]) a pair too large for the limit, told from the
/// file sizes before reading when the files are plain text, else from the text and its
/// sentences. What looks wrong but may be meant (languages that look swapped, one side far
/// longer than the other) is in [`Alignment::warnings`].
pub fn align_files(source: &Path, target: &Path, options: &AlignOptions) -> Result<Alignment> {
    let load = input::LoadOptions {
        format: options.input_format,
        one_per_line: options.presegmented,
        include_notes: options.include_notes,
    };
    if let (Ok(a), Ok(b)) = (source.canonicalize(), target.canonicalize()) {
        if a == b {
            return Err(Error::bad_input(
                target,
                format!(
                    "is the same file as {}; give the source and its translation",
                    source.display()
                ),
            ));
        }
    }
    if let Some(limit) = options.max_memory {
        check_file_sizes(source, target, &load, limit)?;
    }
    let src = input::load_any(source, &load)?;
    let tgt = input::load_any(target, &load)?;
    align_checked(
        src,
        tgt,
        options,
        (&source.display().to_string(), &target.display().to_string()),
    )
}

/// Refuses a pair of files whose size alone puts reading and aligning them over `limit`,
/// before they are read.
fn check_file_sizes(
    source: &Path,
    target: &Path,
    load: &input::LoadOptions,
    limit: u64,
) -> Result<()> {
    // Plain text counts at its size (UTF-16 at half: it becomes half as many bytes of UTF-8,
    // or fewer); a page and a Word file by what parsing them takes, before their text is
    // known.
    let (mut bytes, mut parsing) = (0u64, 0u64);
    for path in [source, target] {
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(()); // reading will say what is wrong
        };
        match input::detect_file(path, load.format) {
            input::Detected::Text => {
                let mut bom = [0u8; 2];
                let utf16 = std::fs::File::open(path)
                    .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bom))
                    .is_ok()
                    && matches!(bom, [0xFF, 0xFE] | [0xFE, 0xFF]);
                bytes += if utf16 { meta.len() / 2 } else { meta.len() };
            }
            input::Detected::Html => {
                bytes += meta.len();
                parsing += meta.len() * memory::PER_HTML_BYTE;
            }
            input::Detected::Docx => {
                let xml = input::docx::xml_size(path).unwrap_or(0);
                bytes += xml;
                parsing += xml * memory::PER_DOCX_XML_BYTE;
            }
            input::Detected::Xliff => {}
        }
    }
    let needed = memory::estimate(bytes, 0).max(memory::BASE + parsing);
    if needed > limit {
        return Err(too_large(source, target, bytes, None, needed, limit));
    }
    Ok(())
}

fn too_large(
    source: &Path,
    target: &Path,
    bytes: u64,
    sentences: Option<u64>,
    needed: u64,
    limit: u64,
) -> Error {
    let what = match sentences {
        Some(n) => format!("{} of text in {n} sentences", memory::human(bytes)),
        None => format!("{} of text", memory::human(bytes)),
    };
    Error::Limit(format!(
        "{} and {}: aligning {what} needs about {} of memory, above the limit of {} (--max-memory); \
         split the documents into parts (chapters) and align each, or raise the limit",
        source.display(),
        target.display(),
        memory::human(needed),
        memory::human(limit),
    ))
}

/// The pipeline on two documents already read: segment, check, align. `labels` name the
/// source and target in messages (file paths, or ids). Two documents with the same text
/// are refused (an error naming the target), and so is a pair above
/// [`AlignOptions::max_memory`]; [`pair_warnings`] go to [`Alignment::warnings`].
pub fn align_checked(
    src: Document,
    tgt: Document,
    options: &AlignOptions,
    labels: (&str, &str),
) -> Result<Alignment> {
    if src.text == tgt.text {
        return Err(Error::bad_input(
            Path::new(labels.1),
            format!(
                "has the same text as {}; give the source and its translation",
                labels.0
            ),
        ));
    }
    // The text alone (extracted from a Word file or a page, notes included) may already be
    // too much: refused before segmenting, which would take memory of its own.
    if let Some(limit) = options.max_memory {
        let bytes = (src.text.len() + tgt.text.len()) as u64;
        let needed = memory::estimate(bytes, 0);
        if needed > limit {
            return Err(too_large(
                Path::new(labels.0),
                Path::new(labels.1),
                bytes,
                None,
                needed,
                limit,
            ));
        }
    }
    let warnings = pair_warnings(&src, &tgt, options, labels);
    let (src, tgt) = segment_pair(src, tgt, options);
    if let Some(limit) = options.max_memory {
        let bytes = (src.doc.text.len() + tgt.doc.text.len()) as u64;
        let sentences = (src.sentences.len() + tgt.sentences.len()) as u64;
        let needed = memory::estimate(bytes, sentences);
        if needed > limit {
            return Err(too_large(
                Path::new(labels.0),
                Path::new(labels.1),
                bytes,
                Some(sentences),
                needed,
                limit,
            ));
        }
    }
    let al = align_with_lexicon(src, tgt, &options.model, &options.lexicon, options.learn);
    let mut al = split_glued_headings(al, options);
    al.warnings = warnings;
    Ok(al)
}

/// How much more text one side may have than the other before it is worth a warning.
const LENGTH_RATIO_WARNING: f64 = 3.0;

/// A warning for each side whose text reads as another language than its option says.
fn side_language_warnings(
    labels: (&str, &str),
    expected: (Lang, Lang),
    found: (Option<Lang>, Option<Lang>),
) -> Vec<String> {
    let name = input::language::name;
    [
        (labels.0, expected.0, found.0, "--src-lang"),
        (labels.1, expected.1, found.1, "--tgt-lang"),
    ]
    .into_iter()
    .filter_map(|(label, want, got, option)| {
        let got = got.filter(|&g| want != Lang::Other && g != want)?;
        Some(format!(
            "{label} reads as {}, not {} as {option} says",
            name(got),
            name(want)
        ))
    })
    .collect()
}

/// What looks wrong with a pair but may be meant, one message per problem, each naming the
/// file: a side whose text reads as the other language (the files given in the wrong
/// order, a file left untranslated; see [`input::language::guess`]), and one side with far
/// more text than the other (a different document, or a partial translation).
pub fn pair_warnings(
    src: &Document,
    tgt: &Document,
    options: &AlignOptions,
    labels: (&str, &str),
) -> Vec<String> {
    let mut out = Vec::new();
    let expected = (
        Lang::from_tag(&options.src_lang),
        Lang::from_tag(&options.tgt_lang),
    );
    let found = (
        input::language::guess(&src.text),
        input::language::guess(&tgt.text),
    );
    let name = input::language::name;
    let known = |l: Lang| l != Lang::Other;
    if known(expected.0)
        && known(expected.1)
        && expected.0 != expected.1
        && found == (Some(expected.1), Some(expected.0))
    {
        out.push(format!(
            "{} reads as {} and {} as {}: the files look swapped (the {} file comes first, or say --src-lang {} --tgt-lang {})",
            labels.0,
            name(expected.1),
            labels.1,
            name(expected.0),
            name(expected.0),
            options.tgt_lang,
            options.src_lang,
        ));
    } else if known(expected.0) && expected.0 == expected.1 {
        out.push(format!(
            "--src-lang {} and --tgt-lang {} are both {}: alinea aligns a document with its translation into another language",
            options.src_lang,
            options.tgt_lang,
            name(expected.0),
        ));
    } else if let (Some(same), true) = (found.0, found.0.is_some() && found.0 == found.1) {
        out.push(format!(
            "{} and {} both read as {}: is one of them the translation? (a file left untranslated, or the same file in two copies)",
            labels.0,
            labels.1,
            name(same),
        ));
    } else {
        out.extend(side_language_warnings(labels, expected, found));
    }
    let chars = |d: &Document| d.text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let (a, b) = (chars(src), chars(tgt));
    let ratio = a.max(b) as f64 / a.min(b) as f64;
    if ratio >= LENGTH_RATIO_WARNING {
        let (long, short) = if a > b {
            (labels.0, labels.1)
        } else {
            (labels.1, labels.0)
        };
        out.push(format!(
            "{long} has {ratio:.1} times as much text as {short}: are they the same document? \
             Sentences without a counterpart are left out of the TMX"
        ));
    }
    out
}

/// The pipeline on two documents already in memory: segment, align (no checks; see
/// [`align_checked`]).
pub fn align_texts(src: Document, tgt: Document, options: &AlignOptions) -> Alignment {
    let (src, tgt) = segment_pair(src, tgt, options);
    let al = align_with_lexicon(src, tgt, &options.model, &options.lexicon, options.learn);
    split_glued_headings(al, options)
}

/// Reads a source and two translations of it (text, HTML or DOCX), aligns the source to
/// each, and compares them ([`qa::diff::compare_alignments`]). The source is read once.
pub fn compare_documents(
    source: &Path,
    old: &Path,
    new: &Path,
    options: &AlignOptions,
) -> Result<qa::diff::DocumentDiff> {
    let load = input::LoadOptions {
        format: options.input_format,
        one_per_line: options.presegmented,
        include_notes: options.include_notes,
    };
    let src = input::load_any(source, &load)?;
    let old_doc = input::load_any(old, &load)?;
    let new_doc = input::load_any(new, &load)?;
    let old = align_texts(src.clone(), old_doc, options);
    let new = align_texts(src, new_doc, options);
    let rows = qa::diff::compare_alignments(&old, &new);
    Ok(qa::diff::DocumentDiff { old, new, rows })
}

/// In running text (not presegmented), a heading may have lost the line break that ended
/// it. In every unit where a sentence could break inside ([`segment::glued::soft_breaks`]),
/// the unit's sentences are cut there and aligned again on their own; the breaks that
/// alignment confirms (the other side ends a sentence, or breaks too, between the same two
/// units) become sentence boundaries, and the unit is replaced by the units of its pieces.
/// Units without a confirmed break are left as they are.
fn split_glued_headings(al: Alignment, options: &AlignOptions) -> Alignment {
    use segment::glued;
    if options.presegmented {
        return al;
    }
    let Alignment {
        mut src,
        mut tgt,
        units,
        warnings,
    } = al;
    let (sb, tb) = rayon::join(
        || glued::soft_breaks(&src.doc.text, &src.sentences, src.lang),
        || glued::soft_breaks(&tgt.doc.text, &tgt.sentences, tgt.lang),
    );
    if sb.is_empty() && tb.is_empty() {
        return Alignment {
            src,
            tgt,
            units,
            warnings,
        };
    }
    // The breaks of the sentences `ids` (consecutive), numbered from the first of them.
    let breaks_in = |breaks: &[glued::SoftBreak], ids: &[usize]| -> Vec<glued::SoftBreak> {
        let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
            return Vec::new();
        };
        let lo = breaks.partition_point(|b| b.sentence < first);
        let hi = breaks.partition_point(|b| b.sentence <= last);
        breaks[lo..hi]
            .iter()
            .map(|b| glued::SoftBreak {
                sentence: b.sentence - first,
                ..*b
            })
            .collect()
    };
    let spans = |seg: &Segmented, ids: &[usize]| -> Vec<Sentence> {
        ids.iter().map(|&i| seg.sentences[i]).collect()
    };
    // Each unit on its own, in parallel; most have no break to try.
    let splits: Vec<_> = units
        .par_iter()
        .map(|unit| {
            let (sbreaks, tbreaks) = (breaks_in(&sb, &unit.src), breaks_in(&tb, &unit.tgt));
            // A break is kept only between two units that both have pieces of both sides:
            // a side that stays in one piece confirms nothing.
            if unit.src.len() + sbreaks.len() < 2 || unit.tgt.len() + tbreaks.len() < 2 {
                return None;
            }
            let (ss, ts) = (spans(&src, &unit.src), spans(&tgt, &unit.tgt));
            confirmed_split(&src, &tgt, (&ss, &sbreaks), (&ts, &tbreaks), options)
        })
        .collect();
    let (mut new_src, mut new_tgt) = (Vec::new(), Vec::new());
    let mut new_units = Vec::with_capacity(units.len());
    for (unit, split) in units.into_iter().zip(splits) {
        let (offset_src, offset_tgt) = (new_src.len(), new_tgt.len());
        match split {
            None => {
                new_src.extend(spans(&src, &unit.src));
                new_tgt.extend(spans(&tgt, &unit.tgt));
                new_units.push(Unit {
                    src: (offset_src..new_src.len()).collect(),
                    tgt: (offset_tgt..new_tgt.len()).collect(),
                    ..unit
                });
            }
            Some((ss, ts, sub)) => {
                new_src.extend(ss);
                new_tgt.extend(ts);
                new_units.extend(sub.into_iter().map(|u| Unit {
                    src: u.src.iter().map(|i| i + offset_src).collect(),
                    tgt: u.tgt.iter().map(|j| j + offset_tgt).collect(),
                    ..u
                }));
            }
        }
    }
    src.sentences = new_src;
    tgt.sentences = new_tgt;
    Alignment {
        src,
        tgt,
        units: new_units,
        warnings,
    }
}

/// One unit's sentences cut at their soft breaks and aligned; when the alignment confirms
/// a break, the unit's sentences with the confirmed breaks made boundaries and the units
/// that align them (indices from 0).
#[allow(clippy::type_complexity)]
fn confirmed_split(
    src: &Segmented,
    tgt: &Segmented,
    (ss, sb): (&[Sentence], &[segment::glued::SoftBreak]),
    (ts, tb): (&[Sentence], &[segment::glued::SoftBreak]),
    options: &AlignOptions,
) -> Option<(Vec<Sentence>, Vec<Sentence>, Vec<Unit>)> {
    use segment::glued;
    let (sp, tp) = (
        glued::pieces(&src.doc.text, ss, sb),
        glued::pieces(&tgt.doc.text, ts, tb),
    );
    let align_spans = |s: &[Sentence], t: &[Sentence]| {
        align::align(
            &spans_side(src, s),
            &spans_side(tgt, t),
            &options.model,
            &options.lexicon,
        )
    };
    let spans = |p: &[(Sentence, Option<usize>)]| p.iter().map(|(s, _)| *s).collect::<Vec<_>>();
    let units = align_spans(&spans(&sp), &spans(&tp));
    // A unit's indices are consecutive.
    let range = |ids: &[usize]| ids.first().map_or(0..0, |&first| first..first + ids.len());
    let ranges: Vec<_> = units
        .iter()
        .map(|u| (range(&u.src), range(&u.tgt)))
        .collect();
    let starts = |p: &[(Sentence, Option<usize>)]| p.iter().map(|(_, b)| *b).collect::<Vec<_>>();
    let (s_starts, t_starts) = (starts(&sp), starts(&tp));
    let (keep_src, keep_tgt) = glued::confirmed(
        &glued::SideBreaks {
            starts: &s_starts,
            breaks: sb,
        },
        &glued::SideBreaks {
            starts: &t_starts,
            breaks: tb,
        },
        &ranges,
    );
    if !keep_src.contains(&true) && !keep_tgt.contains(&true) {
        return None;
    }
    if !keep_src.contains(&false) && !keep_tgt.contains(&false) {
        // Every break kept: the pieces are the sentences, already aligned.
        return Some((spans(&sp), spans(&tp), units));
    }
    let ss = glued::apply(&src.doc.text, ss, sb, &keep_src);
    let ts = glued::apply(&tgt.doc.text, ts, tb, &keep_tgt);
    let units = align_spans(&ss, &ts);
    Some((ss, ts, units))
}

/// One side of an alignment problem made of spans of a document's text.
fn spans_side<'a>(doc: &'a Segmented, spans: &[Sentence]) -> Side<'a> {
    Side {
        lang: doc.lang,
        sentences: spans
            .iter()
            .map(|p| &doc.doc.text[p.start..p.end])
            .collect(),
        blocks: spans.iter().map(|p| p.block).collect(),
    }
}

/// Both documents cut into sentences with the rules the options give.
fn segment_pair(src: Document, tgt: Document, options: &AlignOptions) -> (Segmented, Segmented) {
    let segment = |doc: Document, tag: &str, rules: &Option<Segmenter>| {
        let builtin;
        let rules = match rules {
            Some(r) => r,
            None => {
                builtin = Segmenter::builtin(Lang::from_tag(tag));
                &builtin
            }
        };
        segment_document_with(doc, tag, options.presegmented, rules)
    };
    (
        segment(src, &options.src_lang, &options.src_segmenter),
        segment(tgt, &options.tgt_lang, &options.tgt_segmenter),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_pairs(es: &str, en: &str) -> Vec<(String, String)> {
        let al = align_texts(
            Document::from_text("es", es),
            Document::from_text("en", en),
            &AlignOptions::default(),
        );
        al.units
            .iter()
            .map(|u| {
                (
                    segment::side_text(&al.src, &u.src),
                    segment::side_text(&al.tgt, &u.tgt),
                )
            })
            .collect()
    }

    #[test]
    fn a_heading_glued_to_its_paragraph_on_both_sides_becomes_its_own_unit() {
        let pairs = text_pairs(
            "La encuesta revela que uno de cada cinco niños oculta sus cuentas La encuesta, \
             realizada a 20 000 alumnos, reveló un crecimiento de las páginas falsas. Los padres \
             no lo saben.",
            "Survey reveals that one in five children hide their accounts The survey of 20,000 \
             pupils revealed a growth in fake pages. Parents do not know.",
        );
        let heading = (
            "La encuesta revela que uno de cada cinco niños oculta sus cuentas".to_string(),
            "Survey reveals that one in five children hide their accounts".to_string(),
        );
        assert_eq!(pairs.len(), 3, "{pairs:?}");
        assert_eq!(pairs[0], heading);
        assert!(
            pairs[1].0.starts_with("La encuesta, realizada"),
            "{pairs:?}"
        );
    }

    #[test]
    fn a_break_the_other_side_does_not_have_is_undone() {
        let es = "Los resultados fueron buenos y el equipo ganó Los jugadores celebraron toda la \
                  noche en la ciudad.";
        let en = "The results were good and the team won, and the players celebrated all night \
                  in the city.";
        assert_eq!(text_pairs(es, en), [(es.to_string(), en.to_string())]);
    }
}
