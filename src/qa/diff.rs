//! Two translations of one source, compared unit by unit (as Okapi's Translation
//! Comparison step does): what changed, what was added, what was removed, with a word-level
//! diff and an edit distance per unit.
//!
//! Documents: the source is aligned to each translation (the pipeline's `compare_documents`)
//! and the two alignments compared ([`compare_alignments`]); they may group sentences differently, so a row is the smallest run of source
//! sentences that no unit of either alignment crosses, with the target text each gives it.
//! Target sentences with no source counterpart are rows of their own, in place, paired with
//! the other translation's at the same place. Memories: units are paired by their source
//! text ([`compare_memories`]).

use crate::align::Alignment;
use crate::error::Result;
use crate::tm::convert::Format;
use crate::tm::merge::{prepare, PrepareCounts};
use crate::tm::tmx::read::TmxReader;
use crate::tm::tsv::TsvReader;
use serde::Serialize;
use std::collections::{HashMap, VecDeque};
use std::path::Path;

/// How a row differs between the old and the new translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Unchanged,
    Changed,
    /// The new translation has text where the old had none.
    Added,
    /// The old translation has text where the new has none.
    Removed,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// `=` in both, `-` only in the old, `+` only in the new.
    pub op: char,
    pub text: String,
}

/// A source unit and its two translations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub status: Status,
    /// Source sentence indices (0-based); empty for target sentences with no source.
    /// Comparing memories: empty.
    pub src: Vec<usize>,
    /// Target sentence indices in the old and the new translation; comparing memories, the
    /// unit's index in each memory.
    pub old: Vec<usize>,
    pub new: Vec<usize>,
    pub src_text: String,
    pub old_text: String,
    pub new_text: String,
    /// 1 - Levenshtein distance / length of the longer text, in characters: 1 when equal.
    pub similarity: f64,
    /// Levenshtein distance in characters.
    pub edits: usize,
    /// The word-level diff from old to new.
    pub words: Vec<Edit>,
}

impl Row {
    /// A row with its status, distance and diff computed from the texts.
    pub fn new(
        src: Vec<usize>,
        old: Vec<usize>,
        new: Vec<usize>,
        src_text: String,
        old_text: String,
        new_text: String,
    ) -> Row {
        let status = match (old_text.is_empty(), new_text.is_empty()) {
            (true, false) => Status::Added,
            (false, true) => Status::Removed,
            _ if old_text == new_text => Status::Unchanged,
            _ => Status::Changed,
        };
        let words = word_diff(&old_text, &new_text);
        let (old_chars, new_chars) = (old_text.chars().count(), new_text.chars().count());
        // Levenshtein takes time in the product of the lengths: over a limit (two texts of
        // some 5,000 characters), the distance is counted from the word diff instead.
        let edits = if old_chars.saturating_mul(new_chars) <= MAX_LEVENSHTEIN_CELLS {
            strsim::levenshtein(&old_text, &new_text)
        } else {
            edits_from_words(&words)
        };
        let longest = old_chars.max(new_chars);
        let similarity = if longest == 0 {
            1.0
        } else {
            ((1.0 - edits as f64 / longest as f64) * 1000.0).round() / 1000.0
        };
        Row {
            status,
            words,
            src,
            old,
            new,
            src_text,
            old_text,
            new_text,
            similarity,
            edits,
        }
    }
}

/// Counts of rows by status: (unchanged, changed, added, removed).
pub fn counts(rows: &[Row]) -> (usize, usize, usize, usize) {
    let n = |s| rows.iter().filter(|r| r.status == s).count();
    (
        n(Status::Unchanged),
        n(Status::Changed),
        n(Status::Added),
        n(Status::Removed),
    )
}

/// Compares two alignments of the same source (segmented the same way).
pub fn compare_alignments(old: &Alignment, new: &Alignment) -> Vec<Row> {
    let n = old.src.sentences.len();
    // For each source sentence, the last source sentence of its unit, in each alignment.
    let unit_end = |al: &Alignment| {
        let mut end = vec![0; n];
        for u in &al.units {
            if let Some(&last) = u.src.last() {
                for &i in &u.src {
                    end[i] = last;
                }
            }
        }
        end
    };
    let (old_end, new_end) = (unit_end(old), unit_end(new));
    // Target sentences, by the source position before which they come (units with an
    // empty source side: at the start of the next source sentence).
    let targets = |al: &Alignment| {
        let mut paired: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut alone: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
        let mut next_src = 0;
        for u in &al.units {
            match u.src.first() {
                Some(&first) => {
                    paired[first].extend(&u.tgt);
                    next_src = u.src.last().map_or(next_src, |l| l + 1);
                }
                None => alone[next_src].extend(&u.tgt),
            }
        }
        (paired, alone)
    };
    let (old_paired, old_alone) = targets(old);
    let (new_paired, new_alone) = targets(new);
    let text = |doc: &crate::segment::Segmented, ids: &[usize]| crate::segment::side_text(doc, ids);
    let mut rows = Vec::new();
    let mut i = 0;
    let alone_row = |at: usize, rows: &mut Vec<Row>| {
        if old_alone[at].is_empty() && new_alone[at].is_empty() {
            return;
        }
        rows.push(Row::new(
            Vec::new(),
            old_alone[at].clone(),
            new_alone[at].clone(),
            String::new(),
            text(&old.tgt, &old_alone[at]),
            text(&new.tgt, &new_alone[at]),
        ));
    };
    while i < n {
        alone_row(i, &mut rows);
        let mut end = old_end[i].max(new_end[i]);
        let mut j = i;
        while j <= end {
            end = end.max(old_end[j]).max(new_end[j]);
            j += 1;
        }
        let src: Vec<usize> = (i..=end).collect();
        // The targets the row's units hold, and those with no source inside its span.
        let row_targets = |paired: &[Vec<usize>], alone: &[Vec<usize>]| {
            let mut t: Vec<usize> = src.iter().flat_map(|&s| paired[s].clone()).collect();
            t.extend((i + 1..=end).flat_map(|p| alone[p].clone()));
            t.sort_unstable();
            t
        };
        let old_t = row_targets(&old_paired, &old_alone);
        let new_t = row_targets(&new_paired, &new_alone);
        rows.push(Row::new(
            src.clone(),
            old_t.clone(),
            new_t.clone(),
            text(&old.src, &src),
            text(&old.tgt, &old_t),
            text(&new.tgt, &new_t),
        ));
        i = end + 1;
    }
    alone_row(n, &mut rows);
    rows
}

/// Two translations of one document, each aligned to the source, and the rows comparing
/// them.
#[derive(Debug, Clone)]
pub struct DocumentDiff {
    pub old: Alignment,
    pub new: Alignment,
    pub rows: Vec<Row>,
}

/// What comparing two memories read.
#[derive(Debug, Clone, Default)]
pub struct MemoryDiff {
    pub rows: Vec<Row>,
    pub src_lang: String,
    pub tgt_lang: String,
    /// Units of each memory without both languages, left out.
    pub skipped: (usize, usize),
}

/// Compares two memories by source segment (whitespace collapsed): a source in both is
/// changed or unchanged, one only in the new memory is added, one only in the old is
/// removed. A source found several times in a memory is paired in order. Rows follow the
/// new memory, then the removed units in the old memory's order. TMX and TSV files are
/// read as `tmx convert` reads them; the old memory is held in memory.
pub fn compare_memories(
    old: &Path,
    new: &Path,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
) -> Result<MemoryDiff> {
    let old = read_pairs(old, src_lang, tgt_lang)?;
    let new = read_pairs(new, Some(&old.src_lang), Some(&old.tgt_lang))?;
    let (old_units, new_units) = (&old.pairs, &new.pairs);
    let mut by_source: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (k, (s, _)) in old_units.iter().enumerate() {
        by_source.entry(s.as_str()).or_default().push_back(k);
    }
    let mut used = vec![false; old_units.len()];
    let mut rows = Vec::new();
    for (k, (s, t)) in new_units.iter().enumerate() {
        let found = by_source.get_mut(s.as_str()).and_then(|q| q.pop_front());
        let (old_ids, old_text) = match found {
            Some(o) => {
                used[o] = true;
                (vec![o], old_units[o].1.clone())
            }
            None => (Vec::new(), String::new()),
        };
        rows.push(Row::new(
            Vec::new(),
            old_ids,
            vec![k],
            s.clone(),
            old_text,
            t.clone(),
        ));
    }
    for (o, (s, t)) in old_units.iter().enumerate() {
        if !used[o] {
            rows.push(Row::new(
                Vec::new(),
                vec![o],
                Vec::new(),
                s.clone(),
                t.clone(),
                String::new(),
            ));
        }
    }
    Ok(MemoryDiff {
        rows,
        skipped: (old.skipped, new.skipped),
        src_lang: old.src_lang,
        tgt_lang: old.tgt_lang,
    })
}

/// The pairs of a memory and what reading it found.
struct Pairs {
    /// (source, target) texts, whitespace collapsed, inline tags dropped.
    pairs: Vec<(String, String)>,
    src_lang: String,
    tgt_lang: String,
    /// Units left out for not holding both languages.
    skipped: usize,
}

/// The pairs of a TMX or TSV file.
fn read_pairs(path: &Path, src: Option<&str>, tgt: Option<&str>) -> Result<Pairs> {
    let mut units = Vec::new();
    let (mut src_lang, mut tgt_lang) = (src.map(String::from), tgt.map(String::from));
    match Format::of_file(path)? {
        Format::Tsv => {
            let mut r = TsvReader::open(path, src.unwrap_or("es"), tgt.unwrap_or("en"))?;
            src_lang.get_or_insert(r.src.clone());
            tgt_lang.get_or_insert(r.tgt.clone());
            while let Some(tu) = r.next_tu()? {
                units.push(tu);
            }
        }
        _ => {
            let mut r = TmxReader::open(path)?;
            if src_lang.is_none() {
                src_lang = r.header().attr("srclang").map(String::from);
            }
            while let Some(tu) = r.next_tu()? {
                r.take_findings();
                units.push(tu);
            }
        }
    }
    let src_lang = src_lang.unwrap_or_else(|| "es".into());
    let tgt_lang = tgt_lang
        .or_else(|| {
            units.iter().find_map(|tu| {
                tu.tuvs
                    .iter()
                    .find(|v| {
                        crate::tm::lang::primary(&v.lang) != crate::tm::lang::primary(&src_lang)
                    })
                    .map(|v| v.lang.clone())
            })
        })
        .unwrap_or_else(|| "en".into());
    let mut skipped = 0;
    let mut pairs = Vec::new();
    let flat = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for tu in units {
        match prepare(
            tu,
            &src_lang,
            &tgt_lang,
            true,
            &mut PrepareCounts::default(),
        ) {
            Ok(tu) => pairs.push((
                flat(tu.tuvs[0].seg.plain_text()),
                flat(tu.tuvs[1].seg.plain_text()),
            )),
            Err(_) => skipped += 1,
        }
    }
    Ok(Pairs {
        pairs,
        src_lang,
        tgt_lang,
        skipped,
    })
}

/// Above this many token pairs, a word diff is one deletion and one insertion (the table
/// of a longest common subsequence grows with the product of the lengths).
const MAX_DIFF_CELLS: usize = 4_000_000;

/// Above this many character pairs, `edits` is counted from the word diff.
const MAX_LEVENSHTEIN_CELLS: usize = 25_000_000;

/// An edit distance read from a word diff: in each run of changes, the longer of what was
/// deleted and what was inserted (a substitution counts once), in characters. It is at
/// least the Levenshtein distance of the texts, and equal when the changes are whole-word
/// substitutions of equal length.
fn edits_from_words(words: &[Edit]) -> usize {
    let mut total = 0;
    let (mut deleted, mut inserted) = (0, 0);
    for e in words {
        match e.op {
            '-' => deleted += e.text.chars().count(),
            '+' => inserted += e.text.chars().count(),
            _ => {
                total += deleted.max(inserted);
                (deleted, inserted) = (0, 0);
            }
        }
    }
    total + deleted.max(inserted)
}

/// The word-level diff of two texts: words, spaces and punctuation are tokens (UAX #29
/// word boundaries), compared by a longest common subsequence; neighbouring pieces of the
/// same kind are merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Edit> {
    use unicode_segmentation::UnicodeSegmentation;
    let a: Vec<&str> = old.split_word_bounds().collect();
    let b: Vec<&str> = new.split_word_bounds().collect();
    let mut ops: Vec<(char, &str)> = Vec::new();
    if a.len().saturating_mul(b.len()) > MAX_DIFF_CELLS {
        ops.extend(a.iter().map(|t| ('-', *t)));
        ops.extend(b.iter().map(|t| ('+', *t)));
    } else {
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
        let w = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * w];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * w + j] = if a[i] == b[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                ops.push(('=', a[i]));
                i += 1;
                j += 1;
            } else if j == b.len() || (i < a.len() && lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
                ops.push(('-', a[i]));
                i += 1;
            } else {
                ops.push(('+', b[j]));
                j += 1;
            }
        }
    }
    // A lone space kept between two changes reads better as part of them.
    let mut edits: Vec<Edit> = Vec::new();
    for (k, &(op, text)) in ops.iter().enumerate() {
        let changed = |o: Option<&(char, &str)>| o.is_some_and(|(op, _)| *op != '=');
        let op = if op == '='
            && text.trim().is_empty()
            && k > 0
            && changed(ops.get(k - 1))
            && changed(ops.get(k + 1))
        {
            // Split into a deletion and an insertion of the space.
            edits_push(&mut edits, '-', text);
            '+'
        } else {
            op
        };
        edits_push(&mut edits, op, text);
    }
    // Deletions before insertions in each run of changes.
    let mut out: Vec<Edit> = Vec::new();
    let mut run: Vec<Edit> = Vec::new();
    for e in edits {
        if e.op == '=' {
            flush(&mut run, &mut out);
            edits_push(&mut out, '=', &e.text);
        } else {
            run.push(e);
        }
    }
    flush(&mut run, &mut out);
    out
}

fn edits_push(edits: &mut Vec<Edit>, op: char, text: &str) {
    match edits.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => edits.push(Edit {
            op,
            text: text.to_string(),
        }),
    }
}

/// Writes a run of changes: the deletions, then the insertions, with whitespace that
/// both end with moved out after them.
fn flush(run: &mut Vec<Edit>, out: &mut Vec<Edit>) {
    let joined = |op: char| -> String {
        run.iter()
            .filter(|e| e.op == op)
            .map(|e| e.text.as_str())
            .collect()
    };
    let (mut del, mut ins) = (joined('-'), joined('+'));
    run.clear();
    let mut tail = String::new();
    while let (Some(a), Some(b)) = (del.chars().last(), ins.chars().last()) {
        if a != b || !a.is_whitespace() {
            break;
        }
        del.pop();
        ins.pop();
        tail.insert(0, a);
    }
    for (op, text) in [('-', del), ('+', ins), ('=', tail)] {
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => out.push(Edit { op, text }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;
    use crate::pipeline::{align_texts, AlignOptions};

    fn show(edits: &[Edit]) -> String {
        edits
            .iter()
            .map(|e| match e.op {
                '=' => e.text.clone(),
                '-' => format!("[-{}-]", e.text),
                _ => format!("{{+{}+}}", e.text),
            })
            .collect()
    }

    #[test]
    fn the_distance_from_the_word_diff_bounds_levenshtein_from_above() {
        for (old, new) in [
            ("el perro come", "el gato come"),
            ("uno dos tres", "uno tres"),
            ("a b c d", "x y"),
        ] {
            let d = edits_from_words(&word_diff(old, new));
            assert!(d >= strsim::levenshtein(old, new), "{old} / {new}: {d}");
        }
        assert_eq!(
            edits_from_words(&word_diff("el perro come", "el gatos come")),
            5
        );
    }

    #[test]
    fn the_word_diff_marks_changed_words() {
        assert_eq!(
            show(&word_diff(
                "The event renewed calls for cooperation.",
                "The meeting renewed the call for cooperation."
            )),
            "The [-event-]{+meeting+} renewed [-calls-]{+the call+} for cooperation."
        );
        assert_eq!(show(&word_diff("Same.", "Same.")), "Same.");
        assert_eq!(show(&word_diff("", "New.")), "{+New.+}");
    }

    #[test]
    fn a_row_has_a_status_and_an_edit_distance() {
        let row =
            |o: &str, n: &str| Row::new(vec![], vec![], vec![], String::new(), o.into(), n.into());
        let r = row("kitten", "sitting");
        assert_eq!(
            (r.status, r.edits, r.similarity),
            (Status::Changed, 3, 0.571)
        );
        assert_eq!(row("a", "a").status, Status::Unchanged);
        assert_eq!(row("", "a").status, Status::Added);
        assert_eq!(row("a", "").status, Status::Removed);
    }

    #[test]
    fn alignments_grouped_differently_compare_over_common_rows() {
        let opts = AlignOptions::default();
        let src = "El presidente llegó a Lima el lunes.\n\nLa visita duró tres días. Firmó doce acuerdos de cooperación.\n\nRegresó el jueves.";
        let old = "The president arrived in Lima on Monday.\n\nThe visit lasted three days and he signed twelve cooperation agreements.\n\nHe returned on Thursday.";
        let new = "The president arrived in Lima on Monday.\n\nThe visit lasted three days. He signed twelve cooperation agreements.\n\nA new sentence with no source at all was added here by someone.\n\nHe returned on Thursday.";
        let a = align_texts(
            Document::from_text("d", src),
            Document::from_text("o", old),
            &opts,
        );
        let b = align_texts(
            Document::from_text("d", src),
            Document::from_text("n", new),
            &opts,
        );
        let rows = compare_alignments(&a, &b);
        let statuses: Vec<Status> = rows.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [
                Status::Unchanged,
                Status::Changed,
                Status::Added,
                Status::Unchanged
            ]
        );
        assert_eq!(rows[1].src, [1, 2]);
        assert_eq!(rows[1].old, [1]);
        assert_eq!(rows[1].new, [1, 2]);
        assert!(rows[2].src.is_empty());
        assert_eq!(rows[2].new, [3]);
        assert_eq!(rows[3].src, [3]);
    }
}
