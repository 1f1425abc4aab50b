//! The search: a dynamic program over the two sentence lists that finds the sequence of beads
//! with the lowest total cost. It knows nothing about languages; it calls a cost function.
//!
//! The program can be restricted to a band: for each source position, a window of target
//! positions. With a band of constant width the time and memory are linear in the length of
//! the documents.

use super::cost::{Shape, SHAPES};
use rayon::prelude::*;

/// A bead found by the search: source sentences `src..src + shape.0`, target sentences
/// `tgt..tgt + shape.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub src: usize,
    pub tgt: usize,
    pub shape: Shape,
}

/// For each source position `i` in `0..=n`, the target positions `lo[i]..=hi[i]` the path may
/// visit.
#[derive(Debug, Clone)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
}

impl Band {
    /// No restriction: every cell of the `(n + 1) × (m + 1)` table.
    pub fn full(n: usize, m: usize) -> Band {
        Band {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    /// The band around a path found on sentences grouped by `factor`: every cell the coarse
    /// path passes through, scaled up, widened by `margin` sentences on every side. Windows
    /// grow monotonically, so the band is connected from (0, 0) to (n, m).
    pub fn around(coarse: &[Step], factor: usize, n: usize, m: usize, margin: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for step in coarse {
            let (i0, j0) = (step.src * factor, step.tgt * factor);
            let i1 = ((step.src + step.shape.0) * factor).min(n);
            let j1 = ((step.tgt + step.shape.1) * factor).min(m);
            let rows = i0.saturating_sub(margin)..=(i1 + margin).min(n);
            for i in rows {
                lo[i] = lo[i].min(j0.saturating_sub(margin));
                hi[i] = hi[i].max((j1 + margin).min(m));
            }
        }
        lo[0] = 0;
        hi[n] = m;
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        for i in 0..=n {
            lo[i] = lo[i].min(m);
            hi[i] = hi[i].max(lo[i]);
        }
        Band { lo, hi }
    }

    /// Number of cells in the band.
    pub fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h + 1 - l).sum()
    }

    fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && self.lo[i] <= j && j <= self.hi[i]
    }
}

/// The cost of every bead the band admits, computed once (in parallel, row by row: a row's
/// costs do not depend on the search), then searched as many times as needed.
pub struct Lattice<'a> {
    n: usize,
    m: usize,
    band: &'a Band,
    shapes: &'a [Shape],
    /// Whole blocks that may be left unpaired in one bead (see [`BlockRuns`]).
    runs: Option<&'a BlockRuns>,
    /// Bead kinds per cell: the shapes, then (with runs) a source run and a target run.
    kinds: usize,
    /// Start of each row's cells in the flat tables; one more entry for the end.
    offsets: Vec<usize>,
    /// `edge[cell * kinds + k]`: the cost of the bead of kind `k` that ends at `cell`
    /// (infinite when it would start outside the band, or there is no such run).
    edge: Vec<f32>,
}

/// Whole blocks (paragraphs) that a translation may leave out in one piece. A run bead takes
/// all the sentences of one block on one side and none of the other. Without it, a left-out
/// paragraph is priced as so many unrelated omissions, and the search would rather pair its
/// sentences with their neighbours' translations.
#[derive(Debug, Clone, Default)]
pub struct BlockRuns {
    /// For each position `0..=n`, the length of the block of two sentences or more that ends
    /// there (0 if none); the same for the blocks that start there.
    src_ending: Vec<usize>,
    src_starting: Vec<usize>,
    tgt_ending: Vec<usize>,
    tgt_starting: Vec<usize>,
}

impl BlockRuns {
    /// From the block index of every sentence of each side. One-sentence blocks make no run:
    /// the null bead is already theirs.
    pub fn new(src_blocks: &[usize], tgt_blocks: &[usize]) -> BlockRuns {
        let (src_ending, src_starting) = runs_of(src_blocks);
        let (tgt_ending, tgt_starting) = runs_of(tgt_blocks);
        BlockRuns {
            src_ending,
            src_starting,
            tgt_ending,
            tgt_starting,
        }
    }
}

/// For each position, the length of the block of two or more sentences ending there and
/// starting there.
fn runs_of(blocks: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let n = blocks.len();
    let (mut ending, mut starting) = (vec![0; n + 1], vec![0; n + 1]);
    let mut start = 0;
    for i in 1..=n {
        if i == n || blocks[i] != blocks[i - 1] {
            let len = i - start;
            if len >= 2 {
                ending[i] = len;
                starting[start] = len;
            }
            start = i;
        }
    }
    (ending, starting)
}

impl<'a> Lattice<'a> {
    /// Computes the cost of every bead that starts and ends inside `band`.
    pub fn new<F>(n: usize, m: usize, band: &'a Band, shapes: &'a [Shape], cost: F) -> Lattice<'a>
    where
        F: Fn(usize, usize, Shape) -> f64 + Sync,
    {
        Self::build(n, m, band, shapes, None, |_| f64::INFINITY, cost)
    }

    /// As [`Lattice::new`], with run beads: a whole block of `runs` on one side against
    /// nothing, at `run_cost(length)`.
    pub fn with_runs<F, R>(
        n: usize,
        m: usize,
        band: &'a Band,
        shapes: &'a [Shape],
        runs: &'a BlockRuns,
        run_cost: R,
        cost: F,
    ) -> Lattice<'a>
    where
        F: Fn(usize, usize, Shape) -> f64 + Sync,
        R: Fn(usize) -> f64 + Sync,
    {
        assert_eq!(runs.src_ending.len(), n + 1, "runs must match the source");
        assert_eq!(runs.tgt_ending.len(), m + 1, "runs must match the target");
        // Without a block of two sentences, no cell needs the two run kinds.
        let any = runs
            .src_ending
            .iter()
            .chain(&runs.tgt_ending)
            .any(|&l| l > 0);
        Self::build(n, m, band, shapes, any.then_some(runs), run_cost, cost)
    }

    fn build<F, R>(
        n: usize,
        m: usize,
        band: &'a Band,
        shapes: &'a [Shape],
        runs: Option<&'a BlockRuns>,
        run_cost: R,
        cost: F,
    ) -> Lattice<'a>
    where
        F: Fn(usize, usize, Shape) -> f64 + Sync,
        R: Fn(usize) -> f64 + Sync,
    {
        assert_eq!(
            band.lo.len(),
            n + 1,
            "band must have a window for every source position"
        );
        let mut offsets = Vec::with_capacity(n + 2);
        let mut total = 0usize;
        for i in 0..=n {
            offsets.push(total);
            total += band.hi[i] + 1 - band.lo[i];
        }
        offsets.push(total);
        // One exact allocation, cut into rows that are filled in parallel.
        let s_count = shapes.len();
        let kinds = s_count + if runs.is_some() { 2 } else { 0 };
        let mut edge = vec![f32::INFINITY; total * kinds];
        let mut rows: Vec<(usize, &mut [f32])> = Vec::with_capacity(n + 1);
        let mut rest = edge.as_mut_slice();
        for i in 0..=n {
            let (row, tail) = rest.split_at_mut((band.hi[i] + 1 - band.lo[i]) * kinds);
            rows.push((i, row));
            rest = tail;
        }
        rows.into_par_iter().with_min_len(64).for_each(|(i, row)| {
            for (cell, j) in (band.lo[i]..=band.hi[i]).enumerate() {
                for (k, &(a, b)) in shapes.iter().enumerate() {
                    if a <= i && b <= j && band.contains(i - a, j - b) {
                        row[cell * kinds + k] = cost(i - a, j - b, (a, b)) as f32;
                    }
                }
                if let Some(runs) = runs {
                    let a = runs.src_ending[i];
                    if a > 0 && band.contains(i - a, j) {
                        row[cell * kinds + s_count] = run_cost(a) as f32;
                    }
                    let b = runs.tgt_ending[j];
                    if b > 0 && band.contains(i, j - b) {
                        row[cell * kinds + s_count + 1] = run_cost(b) as f32;
                    }
                }
            }
        });
        debug_assert_eq!(edge.len(), total * kinds);
        Lattice {
            n,
            m,
            band,
            shapes,
            runs,
            kinds,
            offsets,
            edge,
        }
    }

    /// The shape of the bead of kind `k` that ends at `(i, j)` (a run's shape depends on
    /// the block); `None` for a run where no block of two sentences or more ends.
    fn shape_ending(&self, i: usize, j: usize, k: usize) -> Option<Shape> {
        self.shape_at(i, j, k, |r| (&r.src_ending, &r.tgt_ending))
    }

    /// The shape of the bead of kind `k` that starts at `(i, j)`.
    fn shape_starting(&self, i: usize, j: usize, k: usize) -> Option<Shape> {
        self.shape_at(i, j, k, |r| (&r.src_starting, &r.tgt_starting))
    }

    /// The shape of kind `k` at `(i, j)`, a run's length read from the (source, target)
    /// tables `runs` picks.
    fn shape_at(
        &self,
        i: usize,
        j: usize,
        k: usize,
        runs: impl Fn(&BlockRuns) -> (&Vec<usize>, &Vec<usize>),
    ) -> Option<Shape> {
        let s = self.shapes.len();
        match (k.checked_sub(s), self.runs.map(runs)) {
            (None, _) => Some(self.shapes[k]),
            (Some(0), Some((src, _))) => (src[i] > 0).then(|| (src[i], 0)),
            (Some(1), Some((_, tgt))) => (tgt[j] > 0).then(|| (0, tgt[j])),
            _ => None,
        }
    }

    /// The kind of a bead of the path: its shape's index, or a run.
    fn kind_of(&self, shape: Shape) -> Option<usize> {
        let s = self.shapes.len();
        match self.shapes.iter().position(|&x| x == shape) {
            Some(k) => Some(k),
            None if self.runs.is_none() => None,
            None if shape.1 == 0 => Some(s),
            None if shape.0 == 0 => Some(s + 1),
            None => None,
        }
    }

    fn at(&self, i: usize, j: usize) -> usize {
        self.offsets[i] + (j - self.band.lo[i])
    }

    fn edge(&self, cell: usize, k: usize) -> f64 {
        f64::from(self.edge[cell * self.kinds + k])
    }

    /// The cheapest bead sequence from (0, 0) to (n, m), or `None` when the band admits none.
    pub fn best_path(&self) -> Option<Vec<Step>> {
        let (n, m, band) = (self.n, self.m, self.band);
        if !band.contains(0, 0) || !band.contains(n, m) {
            return None;
        }
        let total = self.offsets[n + 1];
        let mut table = vec![f64::INFINITY; total];
        let mut back = vec![u8::MAX; total];
        table[self.at(0, 0)] = 0.0;
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let cell = self.at(i, j);
                let mut best = f64::INFINITY;
                let mut best_k = u8::MAX;
                for k in 0..self.kinds {
                    let e = self.edge(cell, k);
                    if !e.is_finite() {
                        continue;
                    }
                    let Some((a, b)) = self.shape_ending(i, j, k) else {
                        continue;
                    };
                    let c = table[self.at(i - a, j - b)] + e;
                    if c < best {
                        best = c;
                        best_k = k as u8;
                    }
                }
                table[cell] = best;
                back[cell] = best_k;
            }
        }
        if !table[self.at(n, m)].is_finite() {
            return None;
        }
        let mut steps = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (a, b) = self
                .shape_ending(i, j, back[self.at(i, j)] as usize)
                .expect("the back pointer names a bead that ends here");
            i -= a;
            j -= b;
            steps.push(Step {
                src: i,
                tgt: j,
                shape: (a, b),
            });
        }
        steps.reverse();
        Some(steps)
    }

    /// For each bead of `path`, the posterior probability that it is right: the share of all
    /// paths through the band, weighted by `exp(-cost / temperature)`, that use this very bead
    /// (forward-backward). A bead with no credible alternative gets a posterior near 1; one
    /// that other readings compete with, less. With it, for every sentence, the posterior
    /// probability that it has no counterpart (the share of paths that put it in a `1-0` or
    /// `0-1` bead), whatever the path did with it.
    pub fn posteriors(&self, path: &[Step], temperature: f64) -> Posteriors {
        let (n, m, band) = (self.n, self.m, self.band);
        let total = self.offsets[n + 1];
        let mut alpha = vec![f64::NEG_INFINITY; total];
        alpha[self.at(0, 0)] = 0.0;
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let cell = self.at(i, j);
                alpha[cell] = log_sum_exp((0..self.kinds).filter_map(|k| {
                    let e = self.edge(cell, k);
                    let (a, b) = self.shape_ending(i, j, k)?;
                    e.is_finite()
                        .then(|| alpha[self.at(i - a, j - b)] - e / temperature)
                }));
            }
        }
        let mut beta = vec![f64::NEG_INFINITY; total];
        beta[self.at(n, m)] = 0.0;
        for i in (0..=n).rev() {
            for j in (band.lo[i]..=band.hi[i]).rev() {
                if i == n && j == m {
                    continue;
                }
                let cell = self.at(i, j);
                beta[cell] = log_sum_exp((0..self.kinds).filter_map(|k| {
                    let (a, b) = self.shape_starting(i, j, k)?;
                    if !band.contains(i + a, j + b) {
                        return None;
                    }
                    let end = self.at(i + a, j + b);
                    let e = self.edge(end, k);
                    e.is_finite().then(|| beta[end] - e / temperature)
                }));
            }
        }
        let z = alpha[self.at(n, m)];
        // The posterior of the bead of shape `k` from (i, j).
        let bead = |i: usize, j: usize, k: usize| {
            let Some((a, b)) = self.shape_starting(i, j, k) else {
                return 0.0;
            };
            if !band.contains(i, j) || !band.contains(i + a, j + b) {
                return 0.0;
            }
            let end = self.at(i + a, j + b);
            let e = self.edge(end, k) / temperature;
            if !e.is_finite() {
                return 0.0;
            }
            (alpha[self.at(i, j)] - e + beta[end] - z)
                .exp()
                .clamp(0.0, 1.0)
        };
        let beads = path
            .iter()
            .map(|step| {
                self.kind_of(step.shape)
                    .map_or(0.0, |k| bead(step.src, step.tgt, k))
            })
            .collect();
        let mut src_null = vec![0.0; n];
        let mut tgt_null = vec![0.0; m];
        if let Some(k) = self.kind_of((1, 0)) {
            for (i, p) in src_null.iter_mut().enumerate() {
                *p = (band.lo[i]..=band.hi[i]).map(|j| bead(i, j, k)).sum();
            }
        }
        if let Some(k) = self.kind_of((0, 1)) {
            for i in 0..=n {
                let (lo, hi) = (band.lo[i], band.hi[i].min(m));
                for (j, p) in tgt_null.iter_mut().enumerate().take(hi + 1).skip(lo) {
                    *p += bead(i, j, k);
                }
            }
        }
        // A run leaves out every sentence of its block.
        if let Some(runs) = self.runs {
            let s = self.shapes.len();
            for i in 0..n {
                let len = runs.src_starting[i];
                if len > 0 {
                    let p: f64 = (band.lo[i]..=band.hi[i]).map(|j| bead(i, j, s)).sum();
                    src_null[i..i + len].iter_mut().for_each(|q| *q += p);
                }
            }
            for i in 0..=n {
                for j in band.lo[i]..=band.hi[i].min(m) {
                    let len = runs.tgt_starting[j];
                    if len > 0 {
                        let p = bead(i, j, s + 1);
                        tgt_null[j..j + len].iter_mut().for_each(|q| *q += p);
                    }
                }
            }
        }
        src_null.iter_mut().for_each(|p| *p = p.min(1.0));
        tgt_null.iter_mut().for_each(|p| *p = p.min(1.0));
        Posteriors {
            beads,
            src_null,
            tgt_null,
        }
    }
}

/// What forward-backward says about a path and about every sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Posteriors {
    /// For each bead of the path, the probability that it is right.
    pub beads: Vec<f64>,
    /// For each source and each target sentence, the probability that it has no
    /// counterpart.
    pub src_null: Vec<f64>,
    pub tgt_null: Vec<f64>,
}

/// Finds the cheapest bead sequence that covers `n` source and `m` target sentences, visiting
/// only cells of `band`. `cost(i, j, shape)` is the cost of the bead that starts at source `i`
/// and target `j`; return `f64::INFINITY` to forbid it. Returns `None` when the band admits no
/// complete path.
pub fn best_path<F>(n: usize, m: usize, band: &Band, shapes: &[Shape], cost: F) -> Option<Vec<Step>>
where
    F: Fn(usize, usize, Shape) -> f64 + Sync,
{
    Lattice::new(n, m, band, shapes, cost).best_path()
}

/// The cheapest path, as [`best_path`], and the posteriors of its beads and of every
/// sentence (see [`Lattice::posteriors`]).
pub fn best_path_with_posteriors<F>(
    n: usize,
    m: usize,
    band: &Band,
    shapes: &[Shape],
    temperature: f64,
    cost: F,
) -> Option<(Vec<Step>, Posteriors)>
where
    F: Fn(usize, usize, Shape) -> f64 + Sync,
{
    let lattice = Lattice::new(n, m, band, shapes, cost);
    let path = lattice.best_path()?;
    let posteriors = lattice.posteriors(&path, temperature);
    Some((path, posteriors))
}

/// log(Σ exp(x)) without overflow; −∞ for no terms.
fn log_sum_exp(xs: impl Iterator<Item = f64> + Clone) -> f64 {
    let max = xs.clone().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// All the shapes the cost model knows.
pub fn all_shapes() -> &'static [Shape] {
    &SHAPES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy cost: sentence `i` of the source matches target `i + shift` exactly.
    fn diagonal_cost(i: usize, j: usize, shape: Shape) -> f64 {
        match shape {
            (1, 1) if i == j => 0.0,
            (1, 1) => 5.0,
            (1, 0) | (0, 1) => 3.0,
            _ => 10.0,
        }
    }

    #[test]
    fn finds_the_diagonal() {
        let path = best_path(4, 4, &Band::full(4, 4), all_shapes(), diagonal_cost).unwrap();
        assert_eq!(path.len(), 4);
        assert!(path.iter().all(|s| s.shape == (1, 1) && s.src == s.tgt));
    }

    #[test]
    fn every_sentence_is_covered_once_and_in_order() {
        let path = best_path(5, 3, &Band::full(5, 3), all_shapes(), diagonal_cost).unwrap();
        let (mut i, mut j) = (0, 0);
        for s in &path {
            assert_eq!((s.src, s.tgt), (i, j));
            i += s.shape.0;
            j += s.shape.1;
        }
        assert_eq!((i, j), (5, 3));
    }

    #[test]
    fn a_band_that_excludes_the_end_gives_no_path() {
        let band = Band {
            lo: vec![0, 0, 0],
            hi: vec![0, 1, 1],
        };
        assert!(best_path(2, 2, &band, all_shapes(), diagonal_cost).is_none());
        assert_eq!(band.cells(), 5);
    }

    #[test]
    fn a_band_around_a_coarse_path_holds_the_fine_path() {
        // Coarse path on groups of 2: the diagonal of a 3 x 3 table, for 6 x 6 sentences.
        let coarse: Vec<Step> = (0..3)
            .map(|k| Step {
                src: k,
                tgt: k,
                shape: (1, 1),
            })
            .collect();
        let band = Band::around(&coarse, 2, 6, 6, 1);
        assert!(band.cells() < 7 * 7, "narrower than the full table");
        let path = best_path(6, 6, &band, all_shapes(), diagonal_cost).unwrap();
        assert!(path.iter().all(|s| s.shape == (1, 1) && s.src == s.tgt));
        assert!(!band.contains(0, 5), "far corners are outside the band");
    }

    #[test]
    fn posteriors_are_high_for_clear_beads_and_split_between_equal_readings() {
        let (path, post) =
            best_path_with_posteriors(4, 4, &Band::full(4, 4), all_shapes(), 1.0, diagonal_cost)
                .unwrap();
        assert_eq!(path.len(), 4);
        let beads = &post.beads;
        assert!(beads.iter().all(|&p| p > 0.9 && p <= 1.0), "{beads:?}");
        assert!(post.src_null.iter().all(|&p| p < 0.1), "{post:?}");
        // Two equally good readings of one source sentence: each gets about half.
        let tie = |i: usize, j: usize, shape: Shape| match (i, j, shape) {
            (0, 0, (1, 1)) | (0, 1, (1, 1)) => 0.0,
            (_, _, (1, 0)) | (_, _, (0, 1)) => 5.0,
            _ => 50.0,
        };
        let (_, post) =
            best_path_with_posteriors(1, 2, &Band::full(1, 2), all_shapes(), 1.0, tie).unwrap();
        assert!(
            post.beads.iter().all(|&p| (p - 0.5).abs() < 0.01),
            "{post:?}"
        );
        // Each target sentence is left out on one of the two readings.
        assert!(
            post.tgt_null.iter().all(|&p| (p - 0.5).abs() < 0.01),
            "{post:?}"
        );
        assert!(post.src_null[0] < 0.01, "{post:?}");
    }

    #[test]
    fn empty_sides_align_to_nulls() {
        let path = best_path(0, 2, &Band::full(0, 2), all_shapes(), diagonal_cost).unwrap();
        assert_eq!(path.len(), 2);
        assert!(path.iter().all(|s| s.shape == (0, 1)));
    }

    #[test]
    fn a_whole_block_left_out_is_one_run_bead_and_its_sentences_are_null() {
        // Source sentences 1..4 form a block the target lacks; pairing them with the target's
        // neighbours (a merge at 4 per bead) is cheaper than three nulls at 3 each (9), but not
        // than one run (3 + 2 × 1 = 5).
        let cost = |i: usize, j: usize, shape: Shape| match shape {
            (1, 1) if (i == 0 && j == 0) || (i == 4 && j == 1) => 0.0,
            (1, 1) => 6.0,
            (1, 0) | (0, 1) => 3.0,
            (2, 1) | (1, 2) => 2.5,
            _ => 20.0,
        };
        let runs = BlockRuns::new(&[0, 1, 1, 1, 2], &[0, 1]);
        let band = Band::full(5, 2);
        let plain = Lattice::new(5, 2, &band, all_shapes(), cost)
            .best_path()
            .unwrap();
        let plain: Vec<Shape> = plain.iter().map(|s| s.shape).collect();
        assert_ne!(plain, [(1, 1), (1, 0), (1, 0), (1, 0), (1, 1)]);
        let lattice = Lattice::with_runs(
            5,
            2,
            &band,
            all_shapes(),
            &runs,
            |k| 3.0 + (k - 1) as f64,
            cost,
        );
        let path = lattice.best_path().unwrap();
        let shapes: Vec<Shape> = path.iter().map(|s| s.shape).collect();
        assert_eq!(shapes, [(1, 1), (3, 0), (1, 1)]);
        let post = lattice.posteriors(&path, 1.0);
        assert!(post.beads.iter().all(|&p| p > 0.5), "{post:?}");
        assert!(post.src_null[1..4].iter().all(|&p| p > 0.5), "{post:?}");
        assert!(post.src_null[0] < 0.1 && post.src_null[4] < 0.1, "{post:?}");
        // One-sentence blocks make no runs.
        let runs = BlockRuns::new(&[0, 1, 2], &[0, 1, 2]);
        assert!(runs
            .src_ending
            .iter()
            .chain(&runs.tgt_starting)
            .all(|&l| l == 0));
    }
}
