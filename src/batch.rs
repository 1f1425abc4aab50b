//! Batch alignment: pairing the files of an archive, aligning the pairs in parallel, and
//! reporting on every pair (and every file without a partner).

use crate::align::Alignment;
use crate::error::{Error, Result};
use crate::input::{self, Document};
use crate::pipeline::{align_checked, AlignOptions};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A source file and the target file that translates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub source: PathBuf,
    pub target: PathBuf,
}

/// The pairs found, the files that have no partner, and (in one-folder mode) the files marked
/// with neither language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
}

/// The pairing key of a file: its name with a `.LANG` part removed (`a.es.txt` → `a.txt`).
fn pairing_key(file_name: &str, lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    for tag in [lang, primary] {
        let marker = format!(".{tag}.");
        if let Some(pos) = file_name.rfind(&marker) {
            return format!(
                "{}{}",
                &file_name[..pos],
                &file_name[pos + marker.len() - 1..]
            );
        }
        if let Some(stem) = file_name.strip_suffix(&format!(".{tag}")) {
            return stem.to_string();
        }
    }
    file_name.to_string()
}

/// The regular files of a directory, sorted by name, hidden files left out.
fn files_of(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "read", e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Pairs the files of two directories by name: the same file name in both, or the same name
/// once a language part is removed (`news.es.txt` with `news.en.txt`). When both directories
/// are the same, only files marked with a language pair up.
pub fn pair_directories(
    src_dir: &Path,
    tgt_dir: &Path,
    src_lang: &str,
    tgt_lang: &str,
) -> Result<Pairing> {
    let same_dir = src_dir.canonicalize().ok() == tgt_dir.canonicalize().ok();
    let keyed = |dir: &Path, lang: &str| -> Result<BTreeMap<String, PathBuf>> {
        let mut map = BTreeMap::new();
        for path in files_of(dir)? {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let key = pairing_key(&name, lang);
            if same_dir && key == name {
                continue; // not marked with this language
            }
            map.insert(key, path);
        }
        Ok(map)
    };
    let mut sources = keyed(src_dir, src_lang)?;
    let mut targets = keyed(tgt_dir, tgt_lang)?;
    let mut pairing = Pairing::default();
    let keys: Vec<String> = sources.keys().cloned().collect();
    for key in keys {
        if let Some(target) = targets.remove(&key) {
            let source = sources.remove(&key).expect("key from sources");
            pairing.pairs.push(Pair { source, target });
        }
    }
    pairing.unpaired.extend(sources.into_values());
    pairing.unpaired.extend(targets.into_values());
    if same_dir {
        // Files marked with neither language are not part of the archive: list them anyway.
        for path in files_of(src_dir)? {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if pairing_key(name, src_lang) == name && pairing_key(name, tgt_lang) == name {
                pairing.skipped.push(path);
            }
        }
    }
    pairing.unpaired.sort();
    Ok(pairing)
}

/// Reads explicit pairs: one `source<TAB>target` per line; relative paths are taken from the
/// list's own directory; blank lines and lines starting with `#` are skipped.
pub fn read_pair_list(list: &Path) -> Result<Pairing> {
    let text = std::fs::read_to_string(list).map_err(|e| Error::io(list, "read", e))?;
    let base = list.parent().unwrap_or(Path::new("."));
    let mut pairing = Pairing::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((s, t)) = line.split_once('\t') else {
            return Err(Error::bad_input(
                list,
                format!(
                    "line {}: expected 'source<TAB>target', found {line:?}",
                    n + 1
                ),
            ));
        };
        let resolve = |p: &str| {
            let p = Path::new(p.trim());
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        pairing.pairs.push(Pair {
            source: resolve(s),
            target: resolve(t),
        });
    }
    Ok(pairing)
}

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
    pub warnings: Vec<String>,
}

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
        for doc in [&al.src, &al.tgt] {
            if let Some(enc) = doc.doc.decoded_from {
                warnings.push(format!("{} decoded as {enc}", doc.lang_tag));
            }
        }
        warnings.extend(al.warnings.iter().cloned());
        let orphans = al.units.len() - scores.len();
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
            mean_score: round(if scores.is_empty() {
                0.0
            } else {
                scores.iter().sum::<f64>() / scores.len() as f64
            }),
            min_score: round(
                scores
                    .iter()
                    .copied()
                    .fold(f64::INFINITY, f64::min)
                    .min(1.0),
            ),
            warnings,
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
            Ok((
                input::load_any(&pair.source, &load)?,
                input::load_any(&pair.target, &load)?,
            ))
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
    /// `ok`, `failed`, `unpaired` (no partner) or `skipped` (marked with neither language).
    pub status: &'static str,
    /// The output file, for aligned pairs.
    pub output: String,
    #[serde(flatten)]
    pub stats: PairStats,
    /// Why the pair failed or has no partner.
    pub error: String,
}

/// The report as TSV, with a header line.
pub fn report_tsv(rows: &[ReportRow]) -> String {
    let mut out = String::from(
        "source\ttarget\tstatus\toutput\tsrc_sentences\ttgt_sentences\tunits\twritten\tnot_written\tmean_score\tmin_score\twarnings\terror\n",
    );
    for r in rows {
        let clean = |s: &str| s.replace(['\t', '\n'], " ");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairing_keys_drop_the_language_part() {
        assert_eq!(pairing_key("news.es.txt", "es"), "news.txt");
        assert_eq!(pairing_key("news.es-MX.txt", "es-MX"), "news.txt");
        assert_eq!(pairing_key("news.en.txt", "en-US"), "news.txt");
        assert_eq!(pairing_key("news.txt", "es"), "news.txt");
        assert_eq!(pairing_key("spanish.txt", "es"), "spanish.txt");
    }

    #[test]
    fn directories_pair_by_name_and_list_files_without_partner() {
        let root = std::env::temp_dir().join(format!("alinea-pairing-{}", std::process::id()));
        let (es, en) = (root.join("es"), root.join("en"));
        std::fs::create_dir_all(&es).unwrap();
        std::fs::create_dir_all(&en).unwrap();
        for f in ["a.txt", "b.txt", "only-es.txt"] {
            std::fs::write(es.join(f), "x").unwrap();
        }
        for f in ["a.txt", "b.txt", "only-en.txt"] {
            std::fs::write(en.join(f), "x").unwrap();
        }
        let p = pair_directories(&es, &en, "es", "en").unwrap();
        assert_eq!(p.pairs.len(), 2);
        assert_eq!(p.pairs[0].source, es.join("a.txt"));
        assert_eq!(p.pairs[0].target, en.join("a.txt"));
        assert_eq!(
            p.unpaired,
            vec![en.join("only-en.txt"), es.join("only-es.txt")]
        );

        let one = root.join("one");
        std::fs::create_dir_all(&one).unwrap();
        for f in ["n1.es.txt", "n1.en.txt", "n2.es.txt", "readme.txt"] {
            std::fs::write(one.join(f), "x").unwrap();
        }
        let p = pair_directories(&one, &one, "es", "en").unwrap();
        assert_eq!(
            p.pairs,
            vec![Pair {
                source: one.join("n1.es.txt"),
                target: one.join("n1.en.txt")
            }]
        );
        assert_eq!(p.unpaired, vec![one.join("n2.es.txt")]);
        assert_eq!(p.skipped, vec![one.join("readme.txt")]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn pair_lists_resolve_relative_paths_and_reject_bad_lines() {
        let dir = std::env::temp_dir().join(format!("alinea-list-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let list = dir.join("pairs.tsv");
        std::fs::write(
            &list,
            "# comment\na.es.txt\ta.en.txt\n\n/abs/b.es\t/abs/b.en\n",
        )
        .unwrap();
        let p = read_pair_list(&list).unwrap();
        assert_eq!(p.pairs[0].source, dir.join("a.es.txt"));
        assert_eq!(p.pairs[1].target, PathBuf::from("/abs/b.en"));
        std::fs::write(&list, "only-one-column\n").unwrap();
        let err = read_pair_list(&list).unwrap_err().to_string();
        assert!(err.contains("pairs.tsv") && err.contains("line 1"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
