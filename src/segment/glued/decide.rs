//! Deciding the candidates: the pieces a sentence is cut into, the breaks an alignment of the
//! pieces confirms, and the sentences with the confirmed breaks made boundaries.

use super::{SoftBreak, Strength};
use crate::types::Sentence;

/// The pieces of `sentences` once cut at `breaks` (sorted by offset), each trimmed: for
/// each piece, its span and block, and the break it starts with (an index into `breaks`).
pub fn pieces(
    text: &str,
    sentences: &[Sentence],
    breaks: &[SoftBreak],
) -> Vec<(Sentence, Option<usize>)> {
    let mut out = Vec::with_capacity(sentences.len() + breaks.len());
    let mut next = 0;
    for (i, s) in sentences.iter().enumerate() {
        let mut start = s.start;
        let mut starts_with = None;
        while next < breaks.len() && breaks[next].sentence == i {
            let at = breaks[next].at;
            let end = start + text[start..at].trim_end().len();
            let block = s.block;
            out.push((Sentence { start, end, block }, starts_with));
            start = at;
            starts_with = Some(next);
            next += 1;
        }
        let (end, block) = (s.end, s.block);
        out.push((Sentence { start, end, block }, starts_with));
    }
    out
}

/// How one side's piece boundaries fall: for each piece, whether the boundary before it is
/// a sentence end (`None`) or which soft break it is.
pub struct SideBreaks<'a> {
    pub starts: &'a [Option<usize>],
    pub breaks: &'a [SoftBreak],
}

/// The soft breaks of both sides that the alignment of the pieces confirms. `units` are the
/// (source pieces, target pieces) ranges of the units, in order. A break is confirmed when
/// the units on either side of it both have pieces on both sides, and the other side's
/// boundary between them is a sentence end or a strong break (or the break itself is strong
/// and the other side breaks there too).
pub fn confirmed(
    src: &SideBreaks,
    tgt: &SideBreaks,
    units: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> (Vec<bool>, Vec<bool>) {
    let mut keep = (vec![false; src.breaks.len()], vec![false; tgt.breaks.len()]);
    // A sentence end counts 6; a break its strength; a run-in heading only meets another.
    let strength = |side: &SideBreaks, k: Option<usize>| match k {
        None => 6,
        Some(k) => side.breaks[k].strength as u8,
    };
    let agree = |s: u8, t: u8| {
        let run_in = Strength::RunIn as u8;
        if s == run_in || t == run_in {
            s == t
        } else {
            s + t >= 6
        }
    };
    for pair in units.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.0.is_empty() || a.1.is_empty() || b.0.is_empty() || b.1.is_empty() {
            continue;
        }
        let (s, t) = (src.starts[b.0.start], tgt.starts[b.1.start]);
        let enough = agree(strength(src, s), strength(tgt, t));
        if let Some(k) = s {
            keep.0[k] = enough;
        }
        if let Some(k) = t {
            keep.1[k] = enough;
        }
    }
    keep
}

/// The sentences with the confirmed breaks made sentence boundaries.
pub fn apply(
    text: &str,
    sentences: &[Sentence],
    breaks: &[SoftBreak],
    keep: &[bool],
) -> Vec<Sentence> {
    let kept: Vec<SoftBreak> = breaks
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(b, _)| *b)
        .collect();
    pieces(text, sentences, &kept)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}
