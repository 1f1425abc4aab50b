//! The types every stage shares, at the bottom of the crate: languages, sentence spans,
//! alignment units and their scores, and how these are written as values (a score with
//! three decimals, a unit's tuid, a TMX date). Nothing here imports anything else of the
//! crate, so every stage can name them without depending on another stage.

pub mod date;

use std::borrow::Cow;

use serde::Serialize;

/// The languages with built-in rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Es,
    En,
    /// Any other language: generic rules, no abbreviation list.
    Other,
}

impl Lang {
    /// The rules for a language tag such as `es`, `es-MX` or `en_US`.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "es" | "spa" => Lang::Es,
            "en" | "eng" => Lang::En,
            _ => Lang::Other,
        }
    }
}

/// A sentence: a span of the document text and the block it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub block: usize,
}

/// An alignment unit: consecutive source sentences and consecutive target sentences that
/// translate each other (either list may be empty: a sentence with no counterpart).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    /// Source sentence indices (0-based, consecutive).
    pub src: Vec<usize>,
    /// Target sentence indices (0-based, consecutive).
    pub tgt: Vec<usize>,
    /// Confidence in [0, 1] that the unit is right.
    pub score: f64,
    /// The parts of the unit's cost, for `--explain`.
    pub parts: CostParts,
    /// For each source and each target sentence of the unit, the probability that it has
    /// no counterpart, over all the readings the search weighs (not only the one chosen):
    /// what `qa` reports omissions and additions from.
    pub src_null: Vec<f64>,
    pub tgt_null: Vec<f64>,
}

impl Unit {
    /// The bead type, such as `1-1`, `2-1` or `0-1`.
    pub fn bead(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// The parts of a bead's cost.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct CostParts {
    pub prior: f64,
    pub length: f64,
    pub lexical: f64,
    pub numbers: f64,
    pub structure: f64,
}

impl CostParts {
    pub fn total(&self) -> f64 {
        self.prior + self.length + self.lexical + self.numbers + self.structure
    }
}

/// An English name for a language tag, for messages ("Spanish", "English"); the tag itself
/// for other languages.
pub fn language_name(tag: &str) -> String {
    match Lang::from_tag(tag) {
        Lang::Es => "Spanish".into(),
        Lang::En => "English".into(),
        Lang::Other => format!("'{tag}'"),
    }
}

/// Formats a score with three decimals, the same in every output format.
pub fn format_score(score: f64) -> String {
    format!("{score:.3}")
}

/// The tuid of unit `k` (0-based) of a document: `NAME-1`, `NAME-2` ... Units keep their
/// number whether or not they are written, so a tuid does not move when options change.
pub fn tuid(document: &str, k: usize) -> String {
    format!("{document}-{}", k + 1)
}

/// Text from the input made safe to print on a terminal: control characters other than tab
/// and line feed (an escape sequence, a bell, a carriage return) are shown escaped (`\x1b`,
/// `\u{9b}`) instead of acting on the terminal.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}
