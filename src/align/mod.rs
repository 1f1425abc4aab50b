//! Stage 3, align: two lists of sentences become a list of units (beads), each holding
//! consecutive sentences of both sides, with every sentence in exactly one unit.
//!
//! The cost model (`cost`) says how well a group of source sentences matches a group of
//! target sentences; the search (`search`) finds the cheapest sequence of groups.
//! `features` turns sentences into what the cost model compares.

pub mod cost;
mod document;
pub mod features;
pub mod lexicon;
pub mod search;
pub mod words;

use crate::types::{Lang, Unit};
use cost::{max_side, CostModel, Groups};
use features::{KeyTable, SentenceFeatures};
use lexicon::Lexicon;
use search::{Band, BlockRuns, Lattice, Posteriors, Step};

pub use document::{align_documents, align_with_lexicon, learn_from_alignments, side, Alignment};

/// One side of an alignment problem.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    pub lang: Lang,
    /// The sentences, in order.
    pub sentences: Vec<&'a str>,
    /// For each sentence, the index of the block it lies in.
    pub blocks: Vec<usize>,
}

impl Side<'_> {
    /// The block of every sentence (0 where the side gives none).
    fn blocks_or_zero(&self) -> Vec<usize> {
        (0..self.sentences.len())
            .map(|i| self.blocks.get(i).copied().unwrap_or(0))
            .collect()
    }
}

/// Aligns two sides with a cost model and a lexicon of word translations (may be empty); the
/// model's length ratio is fitted to the documents.
pub fn align(src: &Side, tgt: &Side, model: &CostModel, lexicon: &Lexicon) -> Vec<Unit> {
    // The two sides are read in parallel, each into its own key table; then the target's
    // keys are renamed into the source's table.
    let ((mut table, sf), (tgt_table, mut tf)) = rayon::join(
        || {
            let mut t = KeyTable::with_lexicon(lexicon.clone());
            let f = side_features(&mut t, src);
            (t, f)
        },
        || {
            let mut t = KeyTable::with_lexicon(lexicon.clone());
            let f = side_features(&mut t, tgt);
            (t, f)
        },
    );
    let ids = table.absorb(tgt_table);
    for f in &mut tf {
        f.remap(&ids);
    }
    let weights = key_weights(table.len(), &sf, &tf);
    let mut model = model.clone();
    model.fit_length_ratio(&sf, &tf, typical_length_ratio(src.lang, tgt.lang));

    let runs = BlockRuns::new(&src.blocks_or_zero(), &tgt.blocks_or_zero());
    let (path, posteriors) = search_path(&sf, &tf, &model, &weights, Some(&runs));
    let null = |all: &[f64], i: usize| all.get(i).copied().unwrap_or(0.0);

    path.into_iter()
        .zip(posteriors.beads)
        .flat_map(|(step, posterior)| {
            // A whole block left out in one bead becomes one unit per sentence, each with
            // its share of the run's cost.
            let (a, b) = step.shape;
            let run = (a == 0 || b == 0) && a + b > 1;
            let share = run.then(|| model.run_cost(a + b) / (a + b) as f64);
            let pieces: Vec<Step> = if run {
                (0..a + b)
                    .map(|k| Step {
                        src: step.src + k.min(a),
                        tgt: step.tgt + k.min(b),
                        shape: (usize::from(a > 0), usize::from(b > 0)),
                    })
                    .collect()
            } else {
                vec![step]
            };
            pieces.into_iter().map(move |step| (step, posterior, share))
        })
        .map(|(step, posterior, share)| {
            let (a, b) = step.shape;
            let mut parts = model.cost_of(
                &sf[step.src..step.src + a],
                &tf[step.tgt..step.tgt + b],
                &weights,
            );
            if let Some(share) = share {
                parts.prior = share;
            }
            Unit {
                src: (step.src..step.src + a).collect(),
                tgt: (step.tgt..step.tgt + b).collect(),
                score: posterior,
                parts,
                src_null: (step.src..step.src + a)
                    .map(|i| null(&posteriors.src_null, i))
                    .collect(),
                tgt_null: (step.tgt..step.tgt + b)
                    .map(|j| null(&posteriors.tgt_null, j))
                    .collect(),
            }
        })
        .collect()
}

/// Above this many cells, the table is not searched whole: the path is first found on
/// coarser sentences (groups of [`COARSEN`]), then refined in a band around it.
const FULL_SEARCH_CELLS: usize = 1 << 16;
/// How many sentences make one sentence of the next coarser level.
const COARSEN: usize = 4;
/// How far (in sentences) the refined search may stray from the projected coarse path.
const BAND_MARGIN: usize = 3;

/// The cheapest path, in time and memory linear in the number of sentences: small problems
/// are searched whole; large ones coarse-to-fine (as in Vecalign's recursive downsampling).
/// With `runs` (the fine search of a real problem, not a coarse level), whole blocks may be
/// left out in one bead, and each bead of the path also gets its posterior probability, and
/// each sentence the probability that it has no counterpart (see
/// [`search::Lattice::posteriors`]); otherwise the posteriors are empty.
fn search_path(
    sf: &[SentenceFeatures],
    tf: &[SentenceFeatures],
    model: &CostModel,
    weights: &[f64],
    runs: Option<&BlockRuns>,
) -> (Vec<Step>, Posteriors) {
    let posteriors = runs.is_some();
    let (n, m) = (sf.len(), tf.len());
    let coarse = if (n + 1) * (m + 1) <= FULL_SEARCH_CELLS || n < 2 * COARSEN || m < 2 * COARSEN {
        None
    } else {
        // A coarse bead stands for about COARSEN fine beads: its evidence, the price of
        // leaving it unpaired and the price of merging it into a neighbour scale with it.
        // (Unscaled merges made a left-out passage cheaper to merge, four sentences at a
        // time, into the wrong translations than to leave out, and the fine search could not
        // leave the band around that path.)
        let mut coarse_model = model.clone();
        coarse_model.lexical_weight *= COARSEN as f64;
        coarse_model.null_cost *= COARSEN as f64;
        coarse_model.merge_cost *= COARSEN as f64;
        let (steps, _) = search_path(
            &coarsen(sf, weights),
            &coarsen(tf, weights),
            &coarse_model,
            weights,
            None,
        );
        Some(steps)
    };
    let mut margin = BAND_MARGIN;
    loop {
        let band = match &coarse {
            None => Band::full(n, m),
            Some(steps) => Band::around(steps, COARSEN, n, m, margin),
        };
        let lattice = {
            // The groups are only needed to cost the beads; they go before the search runs.
            let (sg, tg) = (
                Groups::new(sf, weights, max_side()),
                Groups::new(tf, weights, max_side()),
            );
            let cost = |i, j, (a, b)| model.cost(sg.get(i, a), tg.get(j, b), weights).total();
            match runs {
                Some(runs) => Lattice::with_runs(
                    n,
                    m,
                    &band,
                    search::all_shapes(),
                    runs,
                    |len| model.run_cost(len),
                    cost,
                ),
                None => Lattice::new(n, m, &band, search::all_shapes(), cost),
            }
        };
        if let Some(path) = lattice.best_path() {
            let post = if posteriors {
                lattice.posteriors(&path, model.posterior_temperature)
            } else {
                Posteriors::default()
            };
            return (path, post);
        }
        // Unreachable with a connected band, but never give up: widen and retry.
        margin *= 4;
    }
}

/// The most keys a coarse sentence keeps: its rarest, which carry the evidence, so that a
/// coarse sentence costs no more to compare than a real one.
const COARSE_KEYS: usize = 24;

/// Groups of [`COARSEN`] consecutive sentences, as single sentences.
fn coarsen(side: &[SentenceFeatures], weights: &[f64]) -> Vec<SentenceFeatures> {
    side.chunks(COARSEN)
        .map(|group| {
            let mut keys: Vec<u32> = group.iter().flat_map(|f| f.keys.iter().copied()).collect();
            keys.sort_unstable();
            keys.dedup();
            if keys.len() > COARSE_KEYS {
                keys.sort_by(|a, b| {
                    weights[*b as usize]
                        .total_cmp(&weights[*a as usize])
                        .then(a.cmp(b))
                });
                keys.truncate(COARSE_KEYS);
                keys.sort_unstable();
            }
            let mut numbers: Vec<u32> = group
                .iter()
                .flat_map(|f| f.numbers.iter().copied())
                .collect();
            numbers.sort_unstable();
            numbers.dedup();
            SentenceFeatures {
                chars: group.iter().map(|f| f.chars).sum(),
                keys,
                numbers,
                final_mark: group[group.len() - 1].final_mark,
                unpunctuated: group[group.len() - 1].unpunctuated,
                block: group[0].block,
                starts_block: group[0].starts_block,
            }
        })
        .collect()
}

/// Target characters per source character in typical translations (measured on news text:
/// English is about 9% shorter than Spanish).
fn typical_length_ratio(src: Lang, tgt: Lang) -> f64 {
    match (src, tgt) {
        (Lang::Es, Lang::En) => 0.91,
        (Lang::En, Lang::Es) => 1.0 / 0.91,
        _ => 1.0,
    }
}

fn side_features(table: &mut KeyTable, side: &Side) -> Vec<SentenceFeatures> {
    side.sentences
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let block = side.blocks.get(i).copied().unwrap_or(0);
            let starts = i == 0 || side.blocks.get(i - 1) != Some(&block);
            table.features(text, side.lang, block, starts)
        })
        .collect()
}

/// Inverse document frequency of every key over the sentences of both sides: a key found in
/// every sentence says little, a number or name found once says much.
fn key_weights(keys: usize, src: &[SentenceFeatures], tgt: &[SentenceFeatures]) -> Vec<f64> {
    let mut df = vec![0u32; keys];
    for f in src.iter().chain(tgt) {
        for &k in &f.keys {
            df[k as usize] += 1;
        }
    }
    let n = (src.len() + tgt.len()) as f64;
    df.into_iter()
        .map(|d| (1.0 + n / d.max(1) as f64).ln())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use search::best_path;

    fn side<'a>(lang: Lang, sentences: &[&'a str]) -> Side<'a> {
        Side {
            lang,
            sentences: sentences.to_vec(),
            blocks: (0..sentences.len()).map(|_| 0).collect(),
        }
    }

    /// The path of the full search and of the coarse-to-fine search of two sides.
    fn full_and_banded(es: &[String], en: &[String]) -> (Vec<Step>, Vec<Step>) {
        assert!((es.len() + 1) * (en.len() + 1) > FULL_SEARCH_CELLS);
        let es_side = side(Lang::Es, &es.iter().map(String::as_str).collect::<Vec<_>>());
        let en_side = side(Lang::En, &en.iter().map(String::as_str).collect::<Vec<_>>());
        let mut table = KeyTable::new();
        let sf = side_features(&mut table, &es_side);
        let tf = side_features(&mut table, &en_side);
        let weights = key_weights(table.len(), &sf, &tf);
        let mut model = CostModel::default();
        model.fit_length_ratio(&sf, &tf, typical_length_ratio(Lang::Es, Lang::En));
        let (sg, tg) = (
            Groups::new(&sf, &weights, max_side()),
            Groups::new(&tf, &weights, max_side()),
        );
        let full = best_path(
            sf.len(),
            tf.len(),
            &Band::full(sf.len(), tf.len()),
            search::all_shapes(),
            |i, j, (a, b)| model.cost(sg.get(i, a), tg.get(j, b), &weights).total(),
        )
        .unwrap();
        let (banded, _) = search_path(&sf, &tf, &model, &weights, None);
        (full, banded)
    }

    #[test]
    fn a_long_passage_left_out_does_not_lead_the_coarse_search_astray() {
        // 450 sentences of varied length and content; the translation lacks 150 of them in
        // the middle. The coarse level must price merging a passage into its neighbours as
        // dearly as leaving it out, or its path pairs the passage with the wrong sentences.
        // Words that share nothing across the languages, sentences of 6 to 30 words, and a
        // number shared by every pair.
        let mut seed = 7u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut es = Vec::new();
        let mut en = Vec::new();
        for i in 0..450 {
            let words = 6 + next(25) as usize;
            let number = format!(" {}", 1000 + i);
            let es_words: Vec<String> = (0..words).map(|_| format!("pal{}", next(300))).collect();
            let en_words: Vec<String> = (0..words * 9 / 10)
                .map(|_| format!("wor{}", next(300)))
                .collect();
            es.push(format!("Frase {}{number}.", es_words.join(" ")));
            if !(150..300).contains(&i) {
                en.push(format!("Sentence {}{number}.", en_words.join(" ")));
            }
        }
        let (full, banded) = full_and_banded(&es, &en);
        // Of the 150 sentences left out, the full search leaves 148 unpaired; the banded
        // search 145 (131 when the coarse level priced merges like the fine one).
        let nulls = |path: &[Step]| path.iter().filter(|s| s.shape == (1, 0)).count();
        assert!(nulls(&full) >= 145, "{}", nulls(&full));
        assert!(nulls(&banded) >= 140, "{}", nulls(&banded));
    }

    #[test]
    fn the_coarse_to_fine_search_finds_the_same_path_as_the_full_search() {
        // 400 sentences a side (well above FULL_SEARCH_CELLS), with drops and merges.
        let words = [
            "gobierno",
            "nación",
            "comisión",
            "programa",
            "presidente",
            "región",
        ];
        let es: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    "El {} número {} de {} habló.",
                    words[i % 6],
                    i * 7 + 3,
                    words[(i / 6) % 6]
                )
            })
            .collect();
        let mut en: Vec<String> = Vec::new();
        for (i, _) in es.iter().enumerate() {
            if i % 37 == 5 {
                continue; // dropped in translation
            }
            let s = format!(
                "The {} number {} of {} spoke.",
                words[i % 6],
                i * 7 + 3,
                words[(i / 6) % 6]
            );
            if i % 41 == 9 {
                let last = en.pop().unwrap();
                en.push(format!("{last} {s}")); // merged with the previous one
            } else {
                en.push(s);
            }
        }
        let (full, banded) = full_and_banded(&es, &en);
        assert_eq!(banded, full);
        assert_eq!(full.iter().filter(|s| s.shape == (1, 0)).count(), 11);
    }

    #[test]
    fn a_dropped_sentence_becomes_a_one_to_zero_unit() {
        let es = side(
            Lang::Es,
            &[
                "El presidente visitó Honduras el 12 de marzo de 2024.",
                "La visita duró tres días y costó 1.250.000 pesos.",
                "Los periodistas no pudieron entrar al palacio durante la ceremonia oficial de la tarde.",
                "La delegación regresó a México el 15 de marzo.",
            ],
        );
        let en = side(
            Lang::En,
            &[
                "The president visited Honduras on March 12, 2024.",
                "The visit lasted three days and cost 1,250,000 pesos.",
                "The delegation returned to Mexico on March 15.",
            ],
        );
        let units = align(&es, &en, &CostModel::default(), &Lexicon::default());
        let beads: Vec<String> = units.iter().map(Unit::bead).collect();
        assert_eq!(beads, ["1-1", "1-1", "1-0", "1-1"]);
        assert_eq!(units[3].src, [3]);
        assert_eq!(units[3].tgt, [2]);
        assert!(units[0].score > 0.5);
    }

    #[test]
    fn one_sentence_translated_as_two_becomes_a_one_to_two_unit() {
        let es = side(
            Lang::Es,
            &[
                "La canciller presentó el Modelo Mexicano de Movilidad Humana en Nueva York.",
                "Agregó que la migración es un fenómeno y no un problema, y subrayó que migrar debe ser una opción y no una obligación para las personas.",
                "El evento terminó a las 18:00 horas.",
            ],
        );
        let en = side(
            Lang::En,
            &[
                "The Foreign Secretary presented the Mexican Model of Human Mobility in New York.",
                "She added that migration is a phenomenon, not a problem.",
                "She emphasized that migrating must be an option and not an obligation for people.",
                "The event ended at 18:00.",
            ],
        );
        let units = align(&es, &en, &CostModel::default(), &Lexicon::default());
        let beads: Vec<String> = units.iter().map(Unit::bead).collect();
        assert_eq!(beads, ["1-1", "1-2", "1-1"]);
    }

    #[test]
    fn a_paragraph_left_out_of_the_translation_becomes_one_unit_per_sentence() {
        let es = Side {
            lang: Lang::Es,
            sentences: vec![
                "La Secretaría firmó hoy un acuerdo con Canadá sobre movilidad laboral.",
                "El acuerdo abre 25.000 plazas para trabajadores agrícolas en 2025.",
                "La ceremonia se celebró en la cancillería ante representantes de ambos gobiernos.",
                "Asistieron también empresarios del sector agrícola y dirigentes sindicales.",
                "Al término del acto se ofreció una comida a los invitados especiales.",
                "El memorándum entrará en vigor el 1 de enero de 2025.",
                "Las personas trabajadoras tendrán seguro médico desde su llegada.",
            ],
            blocks: vec![0, 0, 1, 1, 1, 2, 2],
        };
        let en = Side {
            lang: Lang::En,
            sentences: vec![
                "The Ministry signed an agreement with Canada on labour mobility today.",
                "The agreement opens 25,000 positions for farm workers in 2025.",
                "The memorandum will enter into force on January 1, 2025.",
                "Workers will have health insurance from the day they arrive.",
            ],
            blocks: vec![0, 0, 1, 1],
        };
        let units = align(&es, &en, &CostModel::default(), &Lexicon::default());
        let beads: Vec<String> = units.iter().map(Unit::bead).collect();
        assert_eq!(beads, ["1-1", "1-1", "1-0", "1-0", "1-0", "1-1", "1-1"]);
        assert_eq!(
            (units[5].src.as_slice(), units[5].tgt.as_slice()),
            (&[5][..], &[2][..])
        );
        for unit in &units[2..5] {
            assert!(unit.src_null[0] > 0.5, "{unit:?}");
            assert!((unit.parts.prior - CostModel::default().run_cost(3) / 3.0).abs() < 1e-9);
        }
    }
}
