//! Stage 5, check: what a translation left out, added or changed, unit by unit.
//!
//! The checks look at aligned units ([`QaUnit`]: the sentences of each side, a tuid, a score)
//! and never at the input format, so they run the same on a fresh alignment
//! ([`units_of`]) and on a translation memory ([`tmx::check_tmx`]). Each check is one
//! module: [`length`] (omissions and additions: sentences with no counterpart, and units
//! whose length ratio is an outlier for the document), [`numbers`], [`names`],
//! [`language`] (untranslated targets) and [`consistency`] (one source, several
//! translations); a score under [`QaOptions::min_score`] is a low-confidence finding.
//! [`diff`] compares two translations of one source.
//!
//! Some checks need the whole document first (the length ratio of its units, which sources
//! repeat), so a [`Checker`] takes two passes: [`Checker::observe`] every unit, then
//! [`Checker::check`] every unit and [`Checker::finish`]. A memory is read twice instead of
//! being held in memory.
//!
//! ```
//! use alinea::{align_texts, input::Document, AlignOptions};
//! use alinea::qa::{check_alignment, Kind, QaOptions};
//! let al = align_texts(
//!     Document::from_text("d", "El costo fue de 1.250 pesos. Llegó el lunes."),
//!     Document::from_text("d", "The cost was 1,520 pesos. He arrived on Monday."),
//!     &AlignOptions::default(),
//! );
//! let findings = check_alignment(&al, &QaOptions::default());
//! assert_eq!(findings[0].kind, Kind::Number);
//! assert_eq!(findings[0].message, "1.250 in the Spanish is not in the English (the English has 1,520)");
//! ```

pub mod consistency;
pub mod diff;
pub mod language;
pub mod length;
pub mod names;
pub mod numbers;
pub mod tmx;

use crate::align::Alignment;
use crate::types::language_name;
use crate::types::Lang;
use serde::Serialize;
use std::fmt;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Source sentences with no target counterpart.
    Omission,
    /// Target sentences with no source counterpart.
    Addition,
    /// A number (or date) on one side missing on the other.
    Number,
    /// A proper name or acronym spelled differently on the two sides.
    Name,
    /// A target identical to its source, or in the source language.
    Untranslated,
    /// The same source translated differently elsewhere.
    Inconsistent,
    /// A unit the aligner is not confident about.
    LowConfidence,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Omission,
        Kind::Addition,
        Kind::Number,
        Kind::Name,
        Kind::Untranslated,
        Kind::Inconsistent,
        Kind::LowConfidence,
    ];

    /// The name used in every output format: `omission`, `low-confidence` ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::Omission => "omission",
            Kind::Addition => "addition",
            Kind::Number => "number",
            Kind::Name => "name",
            Kind::Untranslated => "untranslated",
            Kind::Inconsistent => "inconsistent",
            Kind::LowConfidence => "low-confidence",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How much a finding matters. `qa` exits with code 1 when any finding is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Content is missing, added or wrong: a sentence with words and no counterpart, a
    /// number that differs.
    Error,
    /// Probably wrong, for a person to look at.
    Warning,
    /// Worth knowing, rarely wrong: a separator line or a bare number with no counterpart.
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A side of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Src,
    Tgt,
}

/// A stretch of one sentence that a finding is about (a number, a name, the whole
/// sentence), for highlighting: byte offsets into [`Sent::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub side: Side,
    /// The sentence's index on its side.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// Where the sentence starts in the finding's text of its side
    /// ([`Finding::src_text`] or [`Finding::tgt_text`]).
    pub offset: usize,
}

impl Mark {
    pub fn new(side: Side, sentence: usize, start: usize, end: usize) -> Mark {
        Mark {
            side,
            sentence,
            start,
            end,
            offset: 0,
        }
    }
}

/// One problem found in one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    /// The unit's index (0-based) and tuid.
    pub unit: usize,
    pub tuid: String,
    /// The source and target sentences concerned (0-based indices on each side; in a
    /// memory, where a unit is a segment, the unit's index). For an omission, the source
    /// sentences left out and the target of their unit (empty when none); likewise for an
    /// addition.
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub src_text: String,
    pub tgt_text: String,
    pub message: String,
    /// Where the unit is in its file: the place of its first sentence (`line 12`).
    pub place: String,
    /// Where the finding is in the text.
    #[serde(skip)]
    pub marks: Vec<Mark>,
}

/// A sentence of a unit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sent {
    /// Its index on its side (0-based).
    pub index: usize,
    /// Its text, with runs of whitespace collapsed to one space.
    pub text: String,
    /// Where it is in its file, for messages: `line 12`, `paragraph 3`.
    pub place: String,
    /// The aligner's probability that the sentence has no counterpart, when it is known.
    pub null: Option<f64>,
}

/// A unit as the checks see it: consecutive sentences of each side (either side may be
/// empty), an id and the aligner's confidence when there is one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QaUnit {
    pub tuid: String,
    pub src: Vec<Sent>,
    pub tgt: Vec<Sent>,
    pub score: Option<f64>,
}

impl QaUnit {
    /// The sentences of a side.
    pub fn side(&self, side: Side) -> &[Sent] {
        match side {
            Side::Src => &self.src,
            Side::Tgt => &self.tgt,
        }
    }

    /// The text of a side: its sentences joined by one space.
    pub fn text(&self, side: Side) -> String {
        join(self.side(side).iter())
    }

    fn indices(&self, side: Side) -> Vec<usize> {
        self.side(side).iter().map(|s| s.index).collect()
    }

    /// Where the unit is: the place of its first sentence, source side first.
    pub fn place(&self) -> String {
        self.src
            .first()
            .or(self.tgt.first())
            .map(|s| s.place.clone())
            .unwrap_or_default()
    }

    /// Both sides non-empty.
    pub fn is_pair(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }
}

fn join<'a>(sents: impl Iterator<Item = &'a Sent>) -> String {
    sents.map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// How to check.
#[derive(Debug, Clone)]
pub struct QaOptions {
    /// Units scored under this are low-confidence findings. The scores are posterior
    /// probabilities; on the development set, no unit scores under 0.3, and units between
    /// 0.3 and 0.5 are right 64% of the time.
    pub min_score: f64,
}

impl Default for QaOptions {
    fn default() -> Self {
        QaOptions {
            min_score: DEFAULT_MIN_SCORE,
        }
    }
}

/// The default of [`QaOptions::min_score`].
pub const DEFAULT_MIN_SCORE: f64 = 0.3;

/// The languages of the two sides, for tokenising and for messages.
#[derive(Debug, Clone)]
pub struct Langs {
    pub src: Lang,
    pub tgt: Lang,
    /// "Spanish", "English", or the tag.
    pub src_name: String,
    pub tgt_name: String,
}

impl Langs {
    pub fn new(src_tag: &str, tgt_tag: &str) -> Langs {
        Langs {
            src: Lang::from_tag(src_tag),
            tgt: Lang::from_tag(tgt_tag),
            src_name: language_name(src_tag),
            tgt_name: language_name(tgt_tag),
        }
    }

    pub fn lang(&self, side: Side) -> Lang {
        match side {
            Side::Src => self.src,
            Side::Tgt => self.tgt,
        }
    }

    pub fn name(&self, side: Side) -> &str {
        match side {
            Side::Src => &self.src_name,
            Side::Tgt => &self.tgt_name,
        }
    }
}

/// Runs the checks in two passes over the same units: [`observe`](Checker::observe)
/// each, then [`check`](Checker::check) each, then [`finish`](Checker::finish).
#[derive(Debug)]
pub struct Checker {
    options: QaOptions,
    langs: Langs,
    lengths: length::Observer,
    model: Option<length::Model>,
    repeats: consistency::Table,
}

impl Checker {
    pub fn new(langs: Langs, options: &QaOptions) -> Checker {
        Checker {
            lengths: length::Observer::new(&langs),
            model: None,
            repeats: consistency::Table::default(),
            options: options.clone(),
            langs,
        }
    }

    /// Pass 1: learns what the document is like from one unit.
    pub fn observe(&mut self, unit: &QaUnit) {
        self.lengths.observe(unit);
        self.repeats.observe(unit);
    }

    /// Pass 2: the findings of unit `k` (the same units, in the same order, as pass 1).
    pub fn check(&mut self, k: usize, unit: &QaUnit) -> Vec<Finding> {
        if self.model.is_none() {
            self.model = Some(self.lengths.model());
            self.repeats.close();
        }
        let model = self.model.as_ref().expect("set above");
        let mut out = Vec::new();
        let mut add = |f: Draft| out.push(f.finish(k, unit));
        length::check(unit, model, &self.langs, &mut add);
        if unit.is_pair() {
            numbers::check(unit, &self.langs, &mut add);
            names::check(unit, &self.langs, &mut add);
            language::check(unit, &self.langs, &mut add);
            if let Some(score) = unit.score.filter(|s| *s < self.options.min_score) {
                add(Draft::unit(
                    Kind::LowConfidence,
                    Severity::Warning,
                    unit,
                    format!(
                        "the aligner's confidence in this unit is {} (under {})",
                        crate::types::format_score(score),
                        crate::types::format_score(self.options.min_score)
                    ),
                ));
            }
        }
        self.repeats.check(k, unit);
        out
    }

    /// The findings that need every unit seen twice (inconsistent translations).
    pub fn finish(&mut self) -> Vec<Finding> {
        self.repeats.findings()
    }
}

/// A finding before it knows its unit's index and tuid.
#[derive(Debug, Clone)]
pub struct Draft {
    pub kind: Kind,
    pub severity: Severity,
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub src_text: String,
    pub tgt_text: String,
    pub message: String,
    pub marks: Vec<Mark>,
}

impl Draft {
    /// A finding about the whole unit.
    pub fn unit(kind: Kind, severity: Severity, unit: &QaUnit, message: String) -> Draft {
        Draft {
            kind,
            severity,
            src: unit.indices(Side::Src),
            tgt: unit.indices(Side::Tgt),
            src_text: unit.text(Side::Src),
            tgt_text: unit.text(Side::Tgt),
            message,
            marks: Vec::new(),
        }
    }

    fn finish(self, k: usize, unit: &QaUnit) -> Finding {
        let mut marks = self.marks;
        for mark in &mut marks {
            let ids = match mark.side {
                Side::Src => &self.src,
                Side::Tgt => &self.tgt,
            };
            // The finding's text is its sentences joined by one space.
            mark.offset = unit
                .side(mark.side)
                .iter()
                .filter(|s| ids.contains(&s.index))
                .take_while(|s| s.index != mark.sentence)
                .map(|s| s.text.len() + 1)
                .sum();
        }
        Finding {
            kind: self.kind,
            severity: self.severity,
            unit: k,
            tuid: unit.tuid.clone(),
            src: self.src,
            tgt: self.tgt,
            src_text: self.src_text,
            tgt_text: self.tgt_text,
            message: self.message,
            place: unit.place(),
            marks,
        }
    }
}

/// Runs every check over units held in memory; findings in unit order.
pub fn check_units(units: &[QaUnit], langs: Langs, options: &QaOptions) -> Vec<Finding> {
    let mut checker = Checker::new(langs, options);
    for unit in units {
        checker.observe(unit);
    }
    let mut findings: Vec<Finding> = units
        .iter()
        .enumerate()
        .flat_map(|(k, u)| checker.check(k, u))
        .collect();
    findings.extend(checker.finish());
    sort(&mut findings);
    findings
}

/// Orders findings by unit, then kind (a stable sort: a check's own order is kept).
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.unit, f.kind));
}

/// The units of an alignment as the checks see them.
pub fn units_of(al: &Alignment) -> Vec<QaUnit> {
    let sents = |doc: &crate::segment::Segmented, ids: &[usize], null: &[f64]| {
        ids.iter()
            .enumerate()
            .map(|(k, &i)| Sent {
                index: i,
                text: doc.text(i).split_whitespace().collect::<Vec<_>>().join(" "),
                place: doc.place(i),
                null: null.get(k).copied(),
            })
            .collect()
    };
    al.units
        .iter()
        .enumerate()
        .map(|(k, u)| QaUnit {
            tuid: crate::types::tuid(&al.src.doc.name, k),
            src: sents(&al.src, &u.src, &u.src_null),
            tgt: sents(&al.tgt, &u.tgt, &u.tgt_null),
            score: Some(u.score),
        })
        .collect()
}

/// Checks an alignment.
pub fn check_alignment(al: &Alignment, options: &QaOptions) -> Vec<Finding> {
    let langs = Langs::new(&al.src.lang_tag, &al.tgt.lang_tag);
    check_units(&units_of(al), langs, options)
}

/// Counts of findings by severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

/// The words of a text with their byte offsets (UAX #29 word boundaries).
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_word_indices()
}

/// A word with at least two letters and nothing but letters (and inner apostrophes).
pub(crate) fn is_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;
    use crate::{align_texts, AlignOptions};

    pub(crate) fn unit(src: &[&str], tgt: &[&str]) -> QaUnit {
        let sents = |texts: &[&str], from: usize| {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Sent {
                    index: from + i,
                    text: t.to_string(),
                    place: format!("line {}", from + i + 1),
                    null: None,
                })
                .collect()
        };
        QaUnit {
            tuid: "t-1".into(),
            src: sents(src, 0),
            tgt: sents(tgt, 0),
            score: Some(0.99),
        }
    }

    #[test]
    fn a_low_score_is_a_low_confidence_finding() {
        let mut u = unit(&["Hola."], &["Hello."]);
        u.score = Some(0.2);
        let langs = || Langs::new("es", "en");
        let found = check_units(&[u.clone()], langs(), &QaOptions::default());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, Kind::LowConfidence);
        assert_eq!(
            found[0].message,
            "the aligner's confidence in this unit is 0.200 (under 0.300)"
        );
        u.score = Some(0.31);
        assert!(check_units(&[u], langs(), &QaOptions::default()).is_empty());
    }

    #[test]
    fn findings_of_an_alignment_name_sentences_by_index() {
        let al = align_texts(
            Document::from_text(
                "d",
                "El presidente llegó a Lima el lunes por la mañana.\n\nLa visita duró tres días y la delegación se reunió con el gabinete.\n\nAl final firmaron doce acuerdos de cooperación técnica y científica.",
            ),
            Document::from_text(
                "d",
                "The president arrived in Lima on Monday morning.\n\nIn the end they signed twelve agreements on technical and scientific cooperation.",
            ),
            &AlignOptions::default(),
        );
        let found = check_alignment(&al, &QaOptions::default());
        let omission = found.iter().find(|f| f.kind == Kind::Omission).unwrap();
        assert_eq!(omission.src, [1]);
        assert!(omission.tgt.is_empty());
        assert_eq!(omission.tuid, "d-2");
        assert_eq!(omission.severity, Severity::Error);
        assert!(omission.src_text.starts_with("La visita"));
    }
}
