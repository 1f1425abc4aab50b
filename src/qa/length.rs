//! Omissions and additions: sentences with no counterpart, and units whose length ratio is
//! an outlier for the document.
//!
//! A unit with an empty side (a `1-0` or `0-1` bead) is an omission or an addition as it
//! stands. Otherwise the unit's lengths are compared as Gale and Church compare them: in a
//! document, target length is about `ratio` times source length, with a variance that
//! grows with the length, so `z = (t - ratio·s) / sqrt(m·variance)`, where `m` is the mean
//! of the two lengths in target characters, says how unusual a unit is. The ratio and the
//! variance are estimated from the document's one-to-one units, pulled towards values
//! measured on news translations when the document is short. A unit far too short on one
//! side has lost something: when one of its sentences, taken out, leaves a unit of normal
//! proportions, that sentence is the one with no counterpart (the aligner grouped it with
//! a neighbour); otherwise part of a sentence is missing.

use super::{is_word, words, Draft, Kind, Langs, Mark, QaUnit, Sent, Severity, Side};
use crate::types::Lang;

/// A unit whose `|z|` is over this is an outlier.
pub const OUTLIER_Z: f64 = 4.0;
/// Taking out a sentence must bring `|z|` under this for that sentence to be named.
const FIT_Z: f64 = 2.0;
/// And the side must be short by at least this many characters (short sentences vary
/// much in relative length).
const MIN_GAP: f64 = 30.0;

/// A sentence the aligner paired is reported when the probability that it has no
/// counterpart is at least this (on the development set, sentences of paired units above
/// it had no counterpart more often than not).
pub const NULL_WARN: f64 = 0.8;

/// Target characters per source character in news translations.
fn prior_ratio(src: Lang, tgt: Lang) -> f64 {
    match (src, tgt) {
        (Lang::Es, Lang::En) => 0.89,
        (Lang::En, Lang::Es) => 1.0 / 0.89,
        _ => 1.0,
    }
}
/// Variance per character of the target length of a one-to-one unit (measured on the
/// Spanish-English development set: 1.9).
const PRIOR_VARIANCE: f64 = 1.9;
/// How many one-to-one units of 100 characters the prior counts as.
const PRIOR_WEIGHT: f64 = 20.0;

/// Pass 1: the lengths of the document's one-to-one units.
#[derive(Debug)]
pub struct Observer {
    prior_ratio: f64,
    pairs: Vec<(f32, f32)>,
}

impl Observer {
    pub fn new(langs: &Langs) -> Observer {
        Observer {
            prior_ratio: prior_ratio(langs.src, langs.tgt),
            pairs: Vec::new(),
        }
    }

    pub fn observe(&mut self, unit: &QaUnit) {
        if unit.src.len() == 1 && unit.tgt.len() == 1 {
            let (s, t) = (chars(&unit.src), chars(&unit.tgt));
            if s > 0.0 && t > 0.0 {
                self.pairs.push((s as f32, t as f32));
            }
        }
    }

    /// The document's length model.
    pub fn model(&self) -> Model {
        let (k, c0) = (PRIOR_WEIGHT, self.prior_ratio);
        let s: f64 = self.pairs.iter().map(|p| p.0 as f64).sum();
        let t: f64 = self.pairs.iter().map(|p| p.1 as f64).sum();
        let ratio = (t + k * 100.0 * c0) / (s + k * 100.0);
        let mut spread: Vec<f64> = self
            .pairs
            .iter()
            .map(|&(s, t)| {
                let (s, t) = (s as f64, t as f64);
                (t - ratio * s).powi(2) / ((ratio * s + t) / 2.0)
            })
            .collect();
        let n = spread.len() as f64;
        let variance = if spread.is_empty() {
            PRIOR_VARIANCE
        } else {
            spread.sort_by(f64::total_cmp);
            // The median of a squared standard normal is 0.455: a robust variance, which
            // the outliers this check looks for do not inflate.
            let robust = spread[spread.len() / 2] / 0.455;
            (n * robust + k * PRIOR_VARIANCE) / (n + k)
        };
        Model { ratio, variance }
    }
}

/// How target length follows source length in a document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance of the target length, per character.
    pub variance: f64,
}

impl Model {
    /// How many standard deviations the target length `t` is from what the source length
    /// `s` predicts (negative: the target is short).
    pub fn z(&self, s: f64, t: f64) -> f64 {
        let mean = ((self.ratio * s + t) / 2.0).max(1.0);
        (t - self.ratio * s) / (mean * self.variance).sqrt()
    }
}

/// Characters in some sentences, with one space between them.
fn chars(sents: &[Sent]) -> f64 {
    let n: usize = sents.iter().map(|s| s.text.chars().count()).sum();
    (n + sents.len().saturating_sub(1)) as f64
}

/// Adds omission and addition findings for one unit.
pub fn check(unit: &QaUnit, model: &Model, langs: &Langs, add: &mut dyn FnMut(Draft)) {
    match (unit.src.is_empty(), unit.tgt.is_empty()) {
        (true, true) => {}
        (false, true) => add(unpaired(unit, Side::Src, langs)),
        (true, false) => add(unpaired(unit, Side::Tgt, langs)),
        (false, false) => {
            let mut doubtful = false;
            for side in [Side::Src, Side::Tgt] {
                for sent in unit.side(side) {
                    if let Some(p) = sent.null.filter(|p| *p >= NULL_WARN) {
                        add(doubtful_sentence(unit, side, sent, p, langs));
                        doubtful = true;
                    }
                }
            }
            if doubtful {
                return;
            }
            let (s, t) = (chars(&unit.src), chars(&unit.tgt));
            let z = model.z(s, t);
            if z < -OUTLIER_Z && model.ratio * s - t >= MIN_GAP {
                add(outlier(unit, Side::Src, model, langs));
            } else if z > OUTLIER_Z && t - model.ratio * s >= MIN_GAP {
                add(outlier(unit, Side::Tgt, model, langs));
            }
        }
    }
}

/// The finding for a unit with one side empty: `side` has no counterpart.
fn unpaired(unit: &QaUnit, side: Side, langs: &Langs) -> Draft {
    let other = other(side);
    let sents = unit.side(side);
    let with_words = sents
        .iter()
        .any(|s| words(&s.text).any(|(_, w)| is_word(w)));
    let what = if sents.len() == 1 {
        format!("the {} sentence at {}", langs.name(side), sents[0].place)
    } else {
        format!(
            "{} {} sentences from {}",
            sents.len(),
            langs.name(side),
            sents[0].place
        )
    };
    let mut message = format!(
        "{what} {} no {} counterpart",
        if sents.len() == 1 { "has" } else { "have" },
        langs.name(other)
    );
    let severity = if with_words {
        Severity::Error
    } else {
        message.push_str(" (it holds no words)");
        Severity::Info
    };
    let mut draft = Draft::unit(kind(side), severity, unit, message);
    draft.marks = whole(sents, side);
    draft
}

/// The finding for a sentence the aligner paired but may have no counterpart.
fn doubtful_sentence(unit: &QaUnit, side: Side, sent: &Sent, p: f64, langs: &Langs) -> Draft {
    let mut draft = Draft::unit(
        kind(side),
        Severity::Warning,
        unit,
        format!(
            "the {} sentence at {} may have no {} counterpart: the aligner gives it a {:.0}% chance",
            langs.name(side),
            sent.place,
            langs.name(other(side)),
            p * 100.0
        ),
    );
    narrow(&mut draft, side, sent);
    draft
}

/// Makes a finding about one sentence of its side.
fn narrow(draft: &mut Draft, side: Side, sent: &Sent) {
    match side {
        Side::Src => {
            draft.src = vec![sent.index];
            draft.src_text = sent.text.clone();
        }
        Side::Tgt => {
            draft.tgt = vec![sent.index];
            draft.tgt_text = sent.text.clone();
        }
    }
    draft.marks = whole(std::slice::from_ref(sent), side);
}

/// The finding for a unit whose `side` is much longer than the other side predicts.
fn outlier(unit: &QaUnit, side: Side, model: &Model, langs: &Langs) -> Draft {
    let other = other(side);
    let z_without = |k: usize| {
        let rest: Vec<Sent> = unit
            .side(side)
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k)
            .map(|(_, s)| s.clone())
            .collect();
        let (s, t) = match side {
            Side::Src => (chars(&rest), chars(&unit.tgt)),
            Side::Tgt => (chars(&unit.src), chars(&rest)),
        };
        model.z(s, t).abs()
    };
    let sents = unit.side(side);
    let best = (sents.len() > 1)
        .then(|| {
            (0..sents.len())
                .map(|k| (k, z_without(k)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
        })
        .flatten()
        .filter(|&(_, z)| z <= FIT_Z);
    let (s, t) = (chars(&unit.src), chars(&unit.tgt));
    let (this_len, other_len) = match side {
        Side::Src => (s, t),
        Side::Tgt => (t, s),
    };
    match best {
        Some((k, _)) => {
            let sent = &sents[k];
            let mut draft = Draft::unit(
                kind(side),
                Severity::Warning,
                unit,
                format!(
                    "the {} sentence at {} seems to have no {} counterpart: the unit is {:.0} {} characters to {:.0} {} without it, and much too long with it",
                    langs.name(side),
                    sent.place,
                    langs.name(other),
                    this_len - sent.text.chars().count() as f64 - 1.0,
                    langs.name(side),
                    other_len,
                    langs.name(other),
                ),
            );
            narrow(&mut draft, side, sent);
            draft
        }
        None => Draft::unit(
            kind(side),
            Severity::Warning,
            unit,
            format!(
                "the {} is much longer than the {} ({:.0} characters to {:.0}): part of it may have no {} counterpart",
                langs.name(side),
                langs.name(other),
                this_len,
                other_len,
                langs.name(other),
            ),
        ),
    }
}

fn kind(side: Side) -> Kind {
    match side {
        Side::Src => Kind::Omission,
        Side::Tgt => Kind::Addition,
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Src => Side::Tgt,
        Side::Tgt => Side::Src,
    }
}

/// Marks covering whole sentences.
fn whole(sents: &[Sent], side: Side) -> Vec<Mark> {
    sents
        .iter()
        .map(|s| Mark::new(side, s.index, 0, s.text.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;

    fn findings(unit: &QaUnit, model: &Model) -> Vec<Draft> {
        let mut out = Vec::new();
        check(unit, model, &Langs::new("es", "en"), &mut |d| out.push(d));
        out
    }

    const MODEL: Model = Model {
        ratio: 0.9,
        variance: 1.9,
    };

    const LONG_ES: &str = "La delegación mexicana presentó ante la asamblea un informe detallado sobre la situación de los migrantes en la frontera norte.";
    const LONG_EN: &str = "The Mexican delegation presented the assembly with a detailed report on the situation of migrants on the northern border.";
    const OTHER_ES: &str = "El documento fue elaborado durante varios meses por especialistas de cinco instituciones académicas del país y del extranjero.";

    #[test]
    fn the_document_model_follows_its_one_to_one_units() {
        let mut observer = Observer::new(&Langs::new("es", "en"));
        for _ in 0..200 {
            observer.observe(&unit(
                &["a".repeat(100).as_str()],
                &["b".repeat(80).as_str()],
            ));
        }
        let model = observer.model();
        assert!((model.ratio - 0.81).abs() < 0.01, "{model:?}");
        // Lengths that never vary: the variance is pulled only by the prior.
        assert!(model.variance < 0.2, "{model:?}");
        assert_eq!(
            Observer::new(&Langs::new("es", "en")).model().variance,
            PRIOR_VARIANCE
        );
    }

    #[test]
    fn a_sentence_grouped_with_a_neighbour_is_named_when_the_rest_fits() {
        let u = unit(&[LONG_ES, OTHER_ES], &[LONG_EN]);
        let found = findings(&u, &MODEL);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::Omission);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].src, [1]);
        assert_eq!(found[0].tgt, [0]);
        assert_eq!(found[0].src_text, OTHER_ES);
        assert!(found[0]
            .message
            .starts_with("the Spanish sentence at line 2 seems to have no English counterpart"));
    }

    #[test]
    fn a_side_much_too_long_without_a_sentence_to_blame_is_a_partial_finding() {
        let u = unit(&[LONG_ES], &["The Mexican delegation presented a report."]);
        let found = findings(&u, &MODEL);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::Omission);
        assert!(
            found[0]
                .message
                .starts_with("the Spanish is much longer than the English"),
            "{}",
            found[0].message
        );
        let u = unit(&["La delegación presentó un informe."], &[LONG_EN]);
        assert_eq!(findings(&u, &MODEL)[0].kind, Kind::Addition);
        assert!(findings(&unit(&[LONG_ES], &[LONG_EN]), &MODEL).is_empty());
    }

    #[test]
    fn a_sentence_the_aligner_doubts_is_named() {
        let mut u = unit(&[LONG_ES], &[LONG_EN, "Nothing like it in Spanish."]);
        u.tgt[1].null = Some(0.85);
        let found = findings(&u, &MODEL);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::Addition);
        assert_eq!(found[0].tgt, [1]);
        assert_eq!(
            found[0].message,
            "the English sentence at line 2 may have no Spanish counterpart: the aligner gives it a 85% chance"
        );
        u.tgt[1].null = Some(0.7);
        assert!(findings(&u, &MODEL).is_empty());
    }

    #[test]
    fn a_unit_with_an_empty_side_is_an_error_unless_it_holds_no_words() {
        let found = findings(&unit(&[OTHER_ES], &[]), &MODEL);
        assert_eq!(
            (found[0].kind, found[0].severity),
            (Kind::Omission, Severity::Error)
        );
        assert_eq!(
            found[0].message,
            "the Spanish sentence at line 1 has no English counterpart"
        );
        let found = findings(&unit(&[], &["* * *"]), &MODEL);
        assert_eq!(
            (found[0].kind, found[0].severity),
            (Kind::Addition, Severity::Info)
        );
    }
}
