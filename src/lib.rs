//! alinea aligns the Spanish and English versions of a document sentence by sentence and
//! writes the result as a TMX 1.4b translation memory (or TSV, JSON, Vecalign beads).
//!
//! The pipeline has one module per stage, and data flows one way:
//! [`input`] (bytes to text to blocks) → [`segment`] (blocks to sentences) →
//! [`align`] (sentences to units) → [`output`] (units to TMX, TSV, JSON, beads, summary).
//! [`qa`] checks aligned units (what a translation left out, added or changed) and
//! compares two translations; [`tm`] works on translation memories that exist.
//!
//! ```
//! use alinea::{align_documents, input, segment_document, align::cost::CostModel};
//! let es = input::Document::from_text("doc", "Hola. ¿Cómo está el Sr. Pérez?");
//! let en = input::Document::from_text("doc", "Hello. How is Mr. Pérez?");
//! let alignment = align_documents(
//!     segment_document(es, "es", false),
//!     segment_document(en, "en", false),
//!     &CostModel::default(),
//! );
//! assert_eq!(alignment.units.len(), 2);
//! assert_eq!(alignment.tgt.text(1), "How is Mr. Pérez?");
//! ```

pub mod align;
pub mod batch;
pub mod error;
pub mod input;
pub mod memory;
pub mod output;
pub mod qa;
pub mod segment;
pub mod tm;

use align::cost::CostModel;
use align::lexicon::Lexicon;
use align::{Side, Unit};
use error::{Error, Result};
use input::Document;
use rayon::prelude::*;
use segment::{Lang, Segmenter, Sentence};
use std::path::Path;

/// A document cut into sentences.
#[derive(Debug, Clone)]
pub struct Segmented {
    pub doc: Document,
    /// The language tag as the user gave it (`es`, `es-MX` ...), written to the TMX.
    pub lang_tag: String,
    pub lang: Lang,
    pub sentences: Vec<Sentence>,
}

impl Segmented {
    /// The text of sentence `i`.
    pub fn text(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.doc.text[s.start..s.end]
    }

    /// The 1-based line on which sentence `i` starts.
    pub fn line(&self, i: usize) -> usize {
        self.doc.line_of(self.sentences[i].start)
    }

    /// Where sentence `i` starts, for messages: `line 12` in a text file, `paragraph 5` in
    /// text extracted from HTML or DOCX.
    pub fn place(&self, i: usize) -> String {
        self.doc.place_of(self.sentences[i].start)
    }
}

/// Cuts a document into sentences with the rules of `lang_tag`; with `presegmented`, each
/// non-blank line is one sentence.
pub fn segment_document(doc: Document, lang_tag: &str, presegmented: bool) -> Segmented {
    let segmenter = Segmenter::builtin(Lang::from_tag(lang_tag));
    segment_document_with(doc, lang_tag, presegmented, &segmenter)
}

/// Cuts a document into sentences with the given rules.
pub fn segment_document_with(
    doc: Document,
    lang_tag: &str,
    presegmented: bool,
    segmenter: &Segmenter,
) -> Segmented {
    let lang = Lang::from_tag(lang_tag);
    let sentences = segment::sentences(&doc, segmenter, presegmented);
    Segmented {
        doc,
        lang_tag: lang_tag.to_string(),
        lang,
        sentences,
    }
}

/// Two segmented documents and the units that align them.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub src: Segmented,
    pub tgt: Segmented,
    pub units: Vec<Unit>,
    /// What looked wrong with the pair but did not stop it (see [`pair_warnings`]).
    pub warnings: Vec<String>,
}

/// Aligns two segmented documents.
pub fn align_documents(src: Segmented, tgt: Segmented, model: &CostModel) -> Alignment {
    align_with_lexicon(src, tgt, model, &Lexicon::default(), false)
}

/// Aligns two segmented documents with word translations from `lexicon`; with `learn`, a
/// first pass finds confident one-to-one units, word pairs are learned from them
/// ([`Lexicon::learn`]), and the documents are aligned again with both lexicons.
pub fn align_with_lexicon(
    src: Segmented,
    tgt: Segmented,
    model: &CostModel,
    lexicon: &Lexicon,
    learn: bool,
) -> Alignment {
    let (s, t) = (side(&src), side(&tgt));
    let mut units = align::align(&s, &t, model, lexicon);
    if learn {
        let learned = learn_lexicon(&s, &t, &units);
        if !learned.is_empty() {
            let mut both = lexicon.clone();
            both.extend(&learned);
            units = align::align(&s, &t, model, &both);
        }
    }
    Alignment {
        src,
        tgt,
        units,
        warnings: Vec::new(),
    }
}

/// Word pairs learned from the confident one-to-one units of a first pass.
fn learn_lexicon(src: &Side, tgt: &Side, units: &[Unit]) -> Lexicon {
    let pairs = confident_pairs(src, tgt, units);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|&(s, t)| (s, t)).collect();
    if pairs.is_empty() {
        return Lexicon::default();
    }
    Lexicon::learn(&pairs, 2, 0.5)
}

/// The (Spanish, English) sentences of the confident one-to-one units of an alignment; none
/// when the languages are not Spanish and English.
fn confident_pairs<'a>(src: &Side<'a>, tgt: &Side<'a>, units: &[Unit]) -> Vec<(&'a str, &'a str)> {
    const CONFIDENT: f64 = 0.9;
    if !matches!(
        (src.lang, tgt.lang),
        (Lang::Es, Lang::En) | (Lang::En, Lang::Es)
    ) {
        return Vec::new();
    }
    units
        .iter()
        .filter(|u| u.src.len() == 1 && u.tgt.len() == 1 && u.score >= CONFIDENT)
        .map(|u| (src.sentences[u.src[0]], tgt.sentences[u.tgt[0]]))
        .map(|(s, t)| if src.lang == Lang::En { (t, s) } else { (s, t) })
        .collect()
}

/// Word pairs learned from the confident one-to-one units of many alignments at once (the
/// documents of a batch): a word pair must recur in `min_count` units across them.
pub fn learn_from_alignments(alignments: &[&Alignment], min_count: u32) -> Lexicon {
    let sides: Vec<(Side, Side, &[Unit])> = alignments
        .iter()
        .map(|al| (side(&al.src), side(&al.tgt), al.units.as_slice()))
        .collect();
    let pairs: Vec<(&str, &str)> = sides
        .iter()
        .flat_map(|(s, t, units)| confident_pairs(s, t, units))
        .collect();
    if pairs.is_empty() {
        return Lexicon::default();
    }
    Lexicon::learn(&pairs, min_count, 0.5)
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

/// Refuses a pair of plain-text files whose size alone puts the alignment over `limit`,
/// before they are read.
fn check_file_sizes(
    source: &Path,
    target: &Path,
    load: &input::LoadOptions,
    limit: u64,
) -> Result<()> {
    let mut bytes = 0u64;
    for path in [source, target] {
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(()); // reading will say what is wrong
        };
        // Markup and archives hold less text than their size: only plain text counts here,
        // and UTF-16 at half its size (it becomes half as many bytes of UTF-8, or fewer).
        if input::detect_file(path, load.format) == input::Detected::Text {
            let mut bom = [0u8; 2];
            let utf16 = std::fs::File::open(path)
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bom))
                .is_ok()
                && matches!(bom, [0xFF, 0xFE] | [0xFE, 0xFF]);
            bytes += if utf16 { meta.len() / 2 } else { meta.len() };
        }
    }
    let needed = memory::estimate(bytes, 0);
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
    } else {
        for (label, want, got, option) in [
            (labels.0, expected.0, found.0, "--src-lang"),
            (labels.1, expected.1, found.1, "--tgt-lang"),
        ] {
            if let Some(got) = got.filter(|&g| known(want) && g != want) {
                out.push(format!(
                    "{label} reads as {}, not {} as {option} says",
                    name(got),
                    name(want)
                ));
            }
        }
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

fn side(doc: &Segmented) -> Side<'_> {
    Side {
        lang: doc.lang,
        sentences: (0..doc.sentences.len()).map(|i| doc.text(i)).collect(),
        blocks: doc.sentences.iter().map(|s| s.block).collect(),
    }
}

/// What [`fit_to_profile`] did besides relabelling languages and props.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FitReport {
    /// Units split because a side was longer than the tool accepts: the unit's tuid (or
    /// its line in the input) and the number of parts.
    pub split: Vec<(String, usize)>,
    /// Units left out because a side is too long and could not be split at a sentence
    /// boundary (one sentence is too long, or the segment has inline tags): the unit and
    /// the length of its longest side.
    pub too_long: Vec<(String, usize)>,
}

/// Prepares units for the tool a profile names: language tags in the tool's locale form,
/// prop names it reads, and no side longer than it accepts. A unit with a side too long is
/// split where both sides can be cut at a sentence boundary into pairs that align (the
/// aligner pairs the sentences); when that is impossible it is left out and reported.
pub fn fit_to_profile(
    units: Vec<tm::Tu>,
    profile: tm::profile::Profile,
) -> (Vec<tm::Tu>, FitReport) {
    let mut report = FitReport::default();
    let mut out = Vec::with_capacity(units.len());
    for mut tu in units {
        profile.apply(&mut tu);
        let Some(limit) = profile.max_chars() else {
            out.push(tu);
            continue;
        };
        let longest = tu.tuvs.iter().map(|t| t.seg.char_len()).max().unwrap_or(0);
        if longest <= limit {
            out.push(tu);
            continue;
        }
        let label = tu
            .attr("tuid")
            .map(String::from)
            .unwrap_or_else(|| format!("line {}", tu.pos.line));
        let parts = match &tu.tuvs[..] {
            [a, b] if !a.seg.has_tags() && !b.seg.has_tags() => split_pair(
                &a.seg.plain_text(),
                &a.lang,
                &b.seg.plain_text(),
                &b.lang,
                limit,
            ),
            _ => None,
        };
        match parts {
            Some(parts) => {
                report.split.push((label, parts.len()));
                let tuid = tu.attr("tuid").map(String::from);
                for (n, (a, b)) in parts.into_iter().enumerate() {
                    let mut part = tu.clone();
                    if let Some(id) = &tuid {
                        part.set_attr("tuid", &format!("{id}.{}", n + 1));
                    }
                    part.tuvs[0].seg = tm::Segment::plain(&a);
                    part.tuvs[1].seg = tm::Segment::plain(&b);
                    out.push(part);
                }
            }
            None => report.too_long.push((label, longest)),
        }
    }
    (out, report)
}

/// Splits a pair of texts into pairs whose sides are at most `limit` characters, cutting
/// both sides at sentence boundaries where the aligner pairs their sentences. `None` when
/// no such cut exists (a sentence alone is longer than the limit).
pub fn split_pair(
    src: &str,
    src_tag: &str,
    tgt: &str,
    tgt_tag: &str,
    limit: usize,
) -> Option<Vec<(String, String)>> {
    let al = align_documents(
        segment_document(Document::from_text("split", src), src_tag, false),
        segment_document(Document::from_text("split", tgt), tgt_tag, false),
        &CostModel::default(),
    );
    let mut chunks: Vec<(String, String)> = Vec::new();
    let mut cur = (String::new(), String::new());
    let join = |acc: &mut String, more: &str| {
        if !acc.is_empty() && !more.is_empty() {
            acc.push(' ');
        }
        acc.push_str(more);
    };
    let len = |s: &str| s.chars().count();
    for unit in &al.units {
        let s = output::side_text(&al.src, &unit.src);
        let t = output::side_text(&al.tgt, &unit.tgt);
        let fits = |acc: &str, more: &str| len(acc) + 1 + len(more) <= limit;
        let both = !cur.0.is_empty() && !cur.1.is_empty();
        if both && !(fits(&cur.0, &s) && fits(&cur.1, &t)) {
            chunks.push(std::mem::take(&mut cur));
        }
        join(&mut cur.0, &s);
        join(&mut cur.1, &t);
        if len(&cur.0) > limit || len(&cur.1) > limit {
            return None;
        }
    }
    if cur.0.is_empty() != cur.1.is_empty() {
        // Trailing sentences with no counterpart join the last chunk, if they fit.
        let last = chunks.last_mut()?;
        join(&mut last.0, &cur.0);
        join(&mut last.1, &cur.1);
        if len(&last.0) > limit || len(&last.1) > limit {
            return None;
        }
    } else if !cur.0.is_empty() {
        chunks.push(cur);
    }
    (chunks.len() > 1).then_some(chunks)
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
                    output::side_text(&al.src, &u.src),
                    output::side_text(&al.tgt, &u.tgt),
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

    fn sentences(lang: &str, n: usize, words: usize) -> String {
        let word = if lang == "es" { "palabra" } else { "word" };
        (0..n)
            .map(|i| {
                format!("{} {i}.", vec![word; words].join(" ")).replacen(
                    word,
                    if lang == "es" { "Palabra" } else { "Word" },
                    1,
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn long_pairs_split_at_sentences_within_the_limit() {
        let es = sentences("es", 12, 30);
        let en = sentences("en", 12, 30);
        assert!(es.chars().count() > 2000);
        let parts = split_pair(&es, "es", &en, "en", 2000).unwrap();
        assert!(parts.len() >= 2);
        for (a, b) in &parts {
            assert!(a.chars().count() <= 2000 && b.chars().count() <= 2000);
            // Sentence k stays with sentence k.
            let first = |s: &str| {
                s.split('.')
                    .next()
                    .unwrap()
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .to_string()
            };
            assert_eq!(first(a), first(b));
        }
        let rejoined: Vec<String> = parts.iter().map(|p| p.0.clone()).collect();
        assert_eq!(rejoined.join(" "), es);
    }

    #[test]
    fn one_sentence_over_the_limit_cannot_split() {
        let es = sentences("es", 1, 400);
        let en = sentences("en", 1, 400);
        assert_eq!(split_pair(&es, "es", &en, "en", 2000), None);
    }

    #[test]
    fn fitting_for_trados_splits_or_reports() {
        let unit = |id: &str, es: String, en: String| tm::Tu {
            attrs: vec![("tuid".into(), id.into())],
            tuvs: vec![tm::Tuv::plain("es", &es), tm::Tuv::plain("en", &en)],
            ..tm::Tu::default()
        };
        let units = vec![
            unit("short", "Hola.".into(), "Hello.".into()),
            unit("long", sentences("es", 12, 30), sentences("en", 12, 30)),
            unit("huge", sentences("es", 1, 400), sentences("en", 1, 400)),
        ];
        let (out, report) = fit_to_profile(units, tm::profile::Profile::Trados);
        assert_eq!(out[0].tuvs[0].lang, "es-ES");
        assert_eq!(out[1].attr("tuid"), Some("long.1"));
        assert_eq!(report.split, vec![("long".to_string(), out.len() - 1)]);
        assert_eq!(report.too_long.len(), 1);
        assert_eq!(report.too_long[0].0, "huge");
        assert!(out.iter().all(|t| t.attr("tuid") != Some("huge")));
    }
}
