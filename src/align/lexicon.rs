//! Word translations as alignment evidence: a bilingual word list given by the user
//! (`--dict`), or one learned from the documents themselves (co-occurrence of words in the
//! confident 1-1 units of a first pass, kept only when two words pick each other).
//!
//! A lexicon entry gives a Spanish and an English word the same key, so the cost model sees
//! a translation pair exactly as it sees a shared number or cognate.

use super::words::{word_key, COGNATE_PREFIX};
use crate::types::Lang;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// Spanish-English word pairs, by lower-cased word.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// Spanish word → entry numbers.
    es: HashMap<String, Vec<u32>>,
    /// English word → entry numbers.
    en: HashMap<String, Vec<u32>>,
    entries: u32,
}

impl Lexicon {
    /// Number of word pairs.
    pub fn len(&self) -> usize {
        self.entries as usize
    }

    pub fn is_empty(&self) -> bool {
        self.entries == 0
    }

    /// Adds a pair of single words (lower-cased).
    pub fn add(&mut self, spanish: &str, english: &str) {
        let id = self.entries;
        self.entries += 1;
        self.es.entry(spanish.to_lowercase()).or_default().push(id);
        self.en.entry(english.to_lowercase()).or_default().push(id);
    }

    /// The entry numbers of a word of the given language.
    pub fn entries_of(&self, word: &str, lang: Lang) -> &[u32] {
        let map = match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
            Lang::Other => return &[],
        };
        if let Some(ids) = map.get(word) {
            return ids;
        }
        if word.chars().any(char::is_uppercase) {
            if let Some(ids) = map.get(&word.to_lowercase()) {
                return ids;
            }
        }
        &[]
    }

    /// Adds every pair of another lexicon.
    pub fn extend(&mut self, other: &Lexicon) {
        for (map, other_map) in [(&mut self.es, &other.es), (&mut self.en, &other.en)] {
            for (word, ids) in other_map {
                map.entry(word.clone())
                    .or_default()
                    .extend(ids.iter().map(|id| id + self.entries));
            }
        }
        self.entries += other.entries;
    }

    /// Parses a bilingual word list: `english @ spanish` lines as hunalign reads them, or
    /// `spanish<TAB>english`. Entries of several words on a side are skipped (alinea matches
    /// single words); blank lines and lines starting with `#` too. Returns the lexicon and the
    /// number of entries skipped. (`pipeline::read_lexicon` reads one from a file.)
    pub fn parse(text: &str) -> std::result::Result<(Lexicon, usize), String> {
        let mut lexicon = Lexicon::default();
        let mut skipped = 0;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (es, en) = if let Some((en, es)) = line.split_once(" @ ") {
                (es.trim(), en.trim())
            } else if let Some((es, en)) = line.split_once('\t') {
                (es.trim(), en.trim())
            } else {
                return Err(format!(
                    "line {}: expected 'english @ spanish' or 'spanish<TAB>english', found {line:?}",
                    n + 1
                ));
            };
            if es.is_empty() || en.is_empty() || es.contains(' ') || en.contains(' ') {
                skipped += 1;
                continue;
            }
            lexicon.add(es, en);
        }
        Ok((lexicon, skipped))
    }

    /// Learns word pairs from units taken as translations of each other: two content words
    /// are paired when they occur together in at least `min_count` units, each is the other's
    /// best partner by Dice score, the score is at least `min_dice`, and they are not already
    /// matched as cognates. `pairs` holds (Spanish text, English text).
    pub fn learn(pairs: &[(&str, &str)], min_count: u32, min_dice: f64) -> Lexicon {
        let words = |text: &str, lang: Lang| -> Vec<String> {
            let mut w: Vec<String> = text
                .unicode_words()
                .filter(|w| w.chars().count() >= 3 && !w.chars().any(|c| c.is_ascii_digit()))
                .filter(|w| word_key(w, lang, COGNATE_PREFIX).is_some())
                .map(str::to_lowercase)
                .collect();
            w.sort();
            w.dedup();
            w
        };
        let mut es_count: HashMap<String, u32> = HashMap::new();
        let mut en_count: HashMap<String, u32> = HashMap::new();
        let mut joint: HashMap<(String, String), u32> = HashMap::new();
        for (es, en) in pairs {
            let (es, en) = (words(es, Lang::Es), words(en, Lang::En));
            for e in &es {
                *es_count.entry(e.clone()).or_default() += 1;
            }
            for f in &en {
                *en_count.entry(f.clone()).or_default() += 1;
            }
            for e in &es {
                for f in &en {
                    *joint.entry((e.clone(), f.clone())).or_default() += 1;
                }
            }
        }
        let dice = |e: &str, f: &str, c: u32| 2.0 * c as f64 / (es_count[e] + en_count[f]) as f64;
        let mut best_es: HashMap<&str, (f64, &str)> = HashMap::new();
        let mut best_en: HashMap<&str, (f64, &str)> = HashMap::new();
        for ((e, f), &c) in &joint {
            if c < min_count {
                continue;
            }
            let d = dice(e, f, c);
            let better = |slot: Option<&(f64, &str)>, other: &str| {
                slot.is_none_or(|&(best, who)| d > best || (d == best && other < who))
            };
            if better(best_es.get(e.as_str()), f) {
                best_es.insert(e, (d, f));
            }
            if better(best_en.get(f.as_str()), e) {
                best_en.insert(f, (d, e));
            }
        }
        let mut chosen: Vec<(&str, &str)> = best_es
            .iter()
            .filter(|(e, (d, f))| {
                *d >= min_dice
                    && best_en.get(f).is_some_and(|(_, back)| back == *e)
                    && word_key(e, Lang::Es, COGNATE_PREFIX)
                        != word_key(f, Lang::En, COGNATE_PREFIX)
            })
            .map(|(e, (_, f))| (*e, *f))
            .collect();
        chosen.sort();
        let mut lexicon = Lexicon::default();
        for (e, f) in chosen {
            lexicon.add(e, f);
        }
        lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_list_formats_are_read_and_phrases_skipped() {
        let (lex, skipped) =
            Lexicon::parse("# comment\nhouse @ casa\nperro\tdog\nice cream @ helado\n\n").unwrap();
        assert_eq!(lex.len(), 2);
        assert_eq!(skipped, 1);
        assert_eq!(
            lex.entries_of("casa", Lang::Es),
            lex.entries_of("house", Lang::En)
        );
        assert_eq!(
            lex.entries_of("Perro", Lang::Es),
            lex.entries_of("dog", Lang::En)
        );
        assert!(lex.entries_of("gato", Lang::Es).is_empty());
        let err = Lexicon::parse("casa = house\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }

    #[test]
    fn learning_pairs_words_that_pick_each_other() {
        let units = [
            (
                "El gobierno anunció ayer el acuerdo.",
                "The government announced the agreement yesterday.",
            ),
            (
                "El gobierno y el presidente dijeron que no.",
                "The government and the president said no.",
            ),
            ("El presidente llegó.", "The president arrived."),
            ("Ayer llovió mucho.", "It rained a lot yesterday."),
            ("Ayer el gobierno cayó.", "Yesterday the government fell."),
        ];
        let lex = Lexicon::learn(&units, 2, 0.5);
        assert_eq!(
            lex.entries_of("gobierno", Lang::Es),
            lex.entries_of("government", Lang::En)
        );
        assert!(!lex.entries_of("gobierno", Lang::Es).is_empty());
        assert_eq!(
            lex.entries_of("ayer", Lang::Es),
            lex.entries_of("yesterday", Lang::En)
        );
        // 'presidente' and 'president' share a cognate key already: not learned again.
        assert!(lex.entries_of("presidente", Lang::Es).is_empty());
    }
}
