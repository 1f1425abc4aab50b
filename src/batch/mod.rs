//! Batch alignment: pairing the files of an archive, aligning the pairs in parallel, and
//! reporting on every pair (and every file without a partner).

mod pairing;

pub use pairing::{pair_directories, read_pair_list, Pair, Pairing, PairingOptions, Unpaired};

use crate::align::Alignment;
use crate::error::Result;
use crate::input::{self, Document};
use crate::pipeline::{align_checked, AlignOptions};
use rayon::prelude::*;
use serde::Serialize;

/// Figures about one aligned pair, for the report.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PairStats {
    pub src_sentences: usize,
    pub tgt_sentences: usize,
    pub units: usize,
    /// Units with both sides non-empty (what a TMX holds).
    pub written: usize,
    /// Units with an empty side.
    pub not_written: usize,
    /// Mean and minimum confidence over the written units.
    pub mean_score: f64,
    pub min_score: f64,
    /// Everything worth knowing about the pair: the flags below, encodings decoded, units
    /// left out of the TMX.
    pub warnings: Vec<String>,
    /// What makes the pair doubtful (its TMX is written, but a person should look): the
    /// files look swapped or in one language, very different lengths, few sentences
    /// paired, low confidence.
    pub flags: Vec<String>,
}

/// Under this share of a side's sentences in written units, a pair is flagged.
pub const MIN_COVERAGE: f64 = 0.8;
/// Under this mean confidence, a pair is flagged as possibly unrelated.
pub const MIN_MEAN_SCORE: f64 = 0.5;

impl PairStats {
    pub fn of(al: &Alignment) -> PairStats {
        let scores: Vec<f64> = al
            .units
            .iter()
            .filter(|u| !u.src.is_empty() && !u.tgt.is_empty())
            .map(|u| u.score)
            .collect();
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        let mut warnings = Vec::new();
        let mut flags = al.warnings.clone();
        for doc in [&al.src, &al.tgt] {
            match doc.doc.decoded_from {
                Some(crate::input::decode::UTF8_REPAIRED) => flags.push(format!(
                    "{}: invalid UTF-8 replaced by U+FFFD at {}",
                    doc.lang_tag,
                    doc.doc.replaced_places().join(", ")
                )),
                Some(enc) => warnings.push(format!("{} decoded as {enc}", doc.lang_tag)),
                None => {}
            }
        }
        let orphans = al.units.len() - scores.len();
        let mean = if scores.is_empty() {
            0.0
        } else {
            scores.iter().sum::<f64>() / scores.len() as f64
        };
        for (doc, src_side) in [(&al.src, true), (&al.tgt, false)] {
            let total = doc.sentences.len();
            let paired: usize = al
                .units
                .iter()
                .filter(|u| !u.src.is_empty() && !u.tgt.is_empty())
                .map(|u| if src_side { u.src.len() } else { u.tgt.len() })
                .sum();
            if total > 0 && (paired as f64) < MIN_COVERAGE * total as f64 {
                flags.push(format!(
                    "low coverage: {paired} of the {total} {} sentences have a counterpart",
                    crate::types::language_name(&doc.lang_tag)
                ));
            }
        }
        if !scores.is_empty() && mean < MIN_MEAN_SCORE {
            flags.push(format!(
                "the documents may not translate each other: mean confidence {mean:.3}"
            ));
        }
        warnings.extend(flags.iter().cloned());
        if orphans > 0 {
            warnings.push(format!(
                "{orphans} unit(s) with an empty side, not in the TMX"
            ));
        }
        PairStats {
            src_sentences: al.src.sentences.len(),
            tgt_sentences: al.tgt.sentences.len(),
            units: al.units.len(),
            written: scores.len(),
            not_written: orphans,
            mean_score: round(mean),
            min_score: round(
                scores
                    .iter()
                    .copied()
                    .fold(f64::INFINITY, f64::min)
                    .min(1.0),
            ),
            warnings,
            flags,
        }
    }
}

/// What came of one pair.
#[derive(Debug)]
pub struct PairResult {
    pub alignment: Result<Alignment>,
    /// What was done to the inputs on the way (paragraphs dropped as page furniture).
    pub notes: Vec<String>,
}

/// Reads every pair, drops the paragraphs that repeat across the web pages and Word documents
/// of the batch (site furniture: see [`input::repeated`]), learns word translations from the
/// whole batch when `options.learn` is set, then aligns the pairs in parallel,
/// calling `done` after each (from any thread) with the number of sentences it held. Results
/// come back in the order of `pairs`.
pub fn align_pairs(
    pairs: &[Pair],
    options: &AlignOptions,
    done: impl Fn(usize) + Sync,
) -> Vec<PairResult> {
    let load = input::LoadOptions {
        format: options.input_format,
        one_per_line: options.presegmented,
        include_notes: options.include_notes,
    };
    let loaded: Vec<Result<(Document, Document)>> = pairs
        .par_iter()
        .map(|pair| {
            // The pair's name, unique in the batch, names its units (tuids, x-document).
            let mut src = input::load_any(&pair.source, &load)?;
            let mut tgt = input::load_any(&pair.target, &load)?;
            src.name = pair.name.clone();
            tgt.name = pair.name.clone();
            Ok((src, tgt))
        })
        .collect();
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); pairs.len()];
    let mut loaded: Vec<Option<Result<(Document, Document)>>> =
        loaded.into_iter().map(Some).collect();
    for side in 0..2 {
        // Only extracted documents: a plain-text file's repeated lines are its own.
        let members: Vec<usize> = loaded
            .iter()
            .enumerate()
            .filter_map(|(k, l)| match l {
                Some(Ok(pair)) => {
                    let doc = if side == 0 { &pair.0 } else { &pair.1 };
                    (doc.positions == input::Positions::Paragraphs).then_some(k)
                }
                _ => None,
            })
            .collect();
        if members.len() < 3 {
            continue;
        }
        let docs: Vec<Document> = members
            .iter()
            .map(|&k| match &loaded[k] {
                Some(Ok(pair)) => {
                    if side == 0 {
                        pair.0.clone()
                    } else {
                        pair.1.clone()
                    }
                }
                _ => unreachable!("members are loaded pairs"),
            })
            .collect();
        let (kept, dropped) = input::repeated::drop_repeated_paragraphs(docs, options.presegmented);
        for (&k, doc) in members.iter().zip(kept) {
            if let Some(Ok(pair)) = &mut loaded[k] {
                if side == 0 {
                    pair.0 = doc;
                } else {
                    pair.1 = doc;
                }
            }
        }
        for d in dropped {
            let k = members[d.document];
            let which = if side == 0 { "source" } else { "target" };
            notes[k].push(format!(
                "{which}: dropped a paragraph found in {} documents of the batch: '{}'",
                d.found_in,
                d.text.chars().take(60).collect::<String>()
            ));
        }
    }
    // Pairs are aligned side by side, one per thread: each may use its share of the limit.
    let mut options = options.clone();
    options.max_memory = options
        .max_memory
        .map(|m| m / rayon::current_num_threads().max(1) as u64);
    // With `learn`, word translations are learned from the whole batch: a first pass aligns
    // every pair, a lexicon is learned from all their confident units, and a second pass
    // aligns again with it.
    if options.learn {
        options.learn = false;
        let first: Vec<Alignment> = loaded
            .par_iter()
            .zip(pairs.par_iter())
            .filter_map(|(l, pair)| match l {
                Some(Ok((src, tgt))) => {
                    let labels = (
                        pair.source.display().to_string(),
                        pair.target.display().to_string(),
                    );
                    align_checked(src.clone(), tgt.clone(), &options, (&labels.0, &labels.1)).ok()
                }
                _ => None,
            })
            .collect();
        let learned =
            crate::align::learn_from_alignments(&first.iter().collect::<Vec<_>>(), BATCH_MIN_COUNT);
        options.lexicon.extend(&learned);
    }
    let options = &options;
    loaded
        .into_par_iter()
        .zip(notes)
        .zip(pairs)
        .map(|((l, notes), pair)| {
            let labels = (
                pair.source.display().to_string(),
                pair.target.display().to_string(),
            );
            let alignment = l
                .expect("every pair was loaded")
                .and_then(|(src, tgt)| align_checked(src, tgt, options, (&labels.0, &labels.1)));
            let sentences = alignment
                .as_ref()
                .map_or(0, |al| al.src.sentences.len() + al.tgt.sentences.len());
            done(sentences);
            PairResult { alignment, notes }
        })
        .collect()
}

/// In how many confident units of a batch a word pair must meet to be learned.
const BATCH_MIN_COUNT: u32 = 3;

/// One line of the batch report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    pub source: String,
    pub target: String,
    /// `ok`, `flagged` (written, but see `flags`), `failed`, `unpaired` (no partner) or
    /// `skipped` (not part of the archive: marked with neither language, a folder without
    /// `-r`).
    pub status: &'static str,
    /// The output file, for aligned pairs.
    pub output: String,
    #[serde(flatten)]
    pub stats: PairStats,
    /// Why the pair failed, or why the file is in no pair.
    pub error: String,
}

/// The report as TSV, with a header line.
pub fn report_tsv(rows: &[ReportRow]) -> String {
    let mut out = String::from(
        "source\ttarget\tstatus\toutput\tsrc_sentences\ttgt_sentences\tunits\twritten\tnot_written\tmean_score\tmin_score\twarnings\terror\n",
    );
    for r in rows {
        let clean = |s: &str| crate::tm::tsv::spreadsheet_safe(s.replace(['\t', '\n', '\r'], " "));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}\n",
            clean(&r.source),
            clean(&r.target),
            r.status,
            clean(&r.output),
            r.stats.src_sentences,
            r.stats.tgt_sentences,
            r.stats.units,
            r.stats.written,
            r.stats.not_written,
            r.stats.mean_score,
            r.stats.min_score,
            clean(&r.stats.warnings.join("; ")),
            clean(&r.error),
        ));
    }
    out
}
