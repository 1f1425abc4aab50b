//! What the cost model knows about a sentence: its length, the tokens that can match across
//! languages (numbers, names, acronyms, cognates), its final punctuation and its place in the
//! document's blocks.
//!
//! Tokens become *keys*: small integers shared by both languages, so that comparing two
//! sentences is a merge of two sorted lists. A number key is its digits (`1.250,5` and
//! `1,250.5` both give `12505`); a word key is the start of a spelling-normalised form, so that
//! cognates such as `migración`/`migration` or `presidente`/`president` share a key; number
//! words, months and weekdays share a key with their translation (`cinco`, `five` and `5`).

use super::lexicon::Lexicon;
use super::words::{word_key, COGNATE_PREFIX};
use crate::types::Lang;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence as the cost model sees it.
#[derive(Debug, Clone, Default)]
pub struct SentenceFeatures {
    /// Length in characters.
    pub chars: f64,
    /// Sorted, de-duplicated keys.
    pub keys: Vec<u32>,
    /// Sorted, de-duplicated number keys (a subset of `keys`).
    pub numbers: Vec<u32>,
    /// `?` or `!` when the sentence ends with one (after closing quotes), else `.`.
    pub final_mark: char,
    /// The sentence ends without terminal punctuation: a title, a heading, a caption.
    pub unpunctuated: bool,
    /// Index of the block (paragraph, bullet, heading) the sentence lies in.
    pub block: usize,
    /// First sentence of its block.
    pub starts_block: bool,
}

impl SentenceFeatures {
    /// Renames the keys (see [`KeyTable::absorb`]).
    pub fn remap(&mut self, ids: &[u32]) {
        for list in [&mut self.keys, &mut self.numbers] {
            for k in list.iter_mut() {
                *k = ids[*k as usize];
            }
            list.sort_unstable();
            list.dedup();
        }
    }
}

/// Turns words into keys shared by both languages.
#[derive(Debug, Default)]
pub struct KeyTable {
    ids: HashMap<String, u32>,
    /// Word forms already seen, per language: their key and whether it is a number.
    forms: [HashMap<String, Option<(u32, bool)>>; 3],
    /// Number of key-prefix characters for word keys.
    prefix: usize,
    /// Word translations: each entry is one more key its two words share.
    lexicon: Lexicon,
    /// The key id of each lexicon entry, once used.
    entry_keys: HashMap<u32, u32>,
}

impl KeyTable {
    pub fn new() -> Self {
        KeyTable {
            ids: HashMap::new(),
            forms: Default::default(),
            prefix: COGNATE_PREFIX,
            lexicon: Lexicon::default(),
            entry_keys: HashMap::new(),
        }
    }

    /// A key table whose words also match through a lexicon of translations.
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        KeyTable {
            lexicon,
            ..KeyTable::new()
        }
    }

    fn id(&mut self, key: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(next)
    }

    /// The key of a word form (computed once per form and language).
    fn form(&mut self, word: &str, lang: Lang) -> Option<(u32, bool)> {
        let table = lang as usize;
        if let Some(&known) = self.forms[table].get(word) {
            return known;
        }
        let key = if let Some(digits) = number_key(word) {
            // Without its trailing zeros: `11 000 millones` is `11 billion`, `1,5 millones`
            // is `1.5 million`.
            let significant = match digits.trim_end_matches('0') {
                "" => "0",
                s => s,
            };
            Some((self.id(format!("#{significant}")), true))
        } else if let Some(shared) = spelled_key(word, lang) {
            // Evidence like a cognate, but not a number the cost model checks: "dos" may
            // well be "both", and "both countries" has no number to miss.
            Some((self.id(shared), false))
        } else {
            word_key(word, lang, self.prefix).map(|k| (self.id(k), false))
        };
        self.forms[table].insert(word.to_string(), key);
        key
    }

    /// Takes in the keys of another table (one built in parallel over the other side of the
    /// document): returns, for each of its key ids, the id it has here. Keys are taken in the
    /// order of their ids, so the result does not depend on hashing.
    pub fn absorb(&mut self, other: KeyTable) -> Vec<u32> {
        let mut keys: Vec<(String, u32)> = other.ids.into_iter().collect();
        keys.sort_unstable_by_key(|&(_, id)| id);
        keys.into_iter().map(|(key, _)| self.id(key)).collect()
    }

    /// Number of distinct keys seen.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Extracts features of one sentence.
    pub fn features(
        &mut self,
        text: &str,
        lang: Lang,
        block: usize,
        starts_block: bool,
    ) -> SentenceFeatures {
        let mut keys = Vec::new();
        let mut numbers = Vec::new();
        let mut words = text.unicode_word_indices().peekable();
        while let Some((at, word)) = words.next() {
            // `20 000`, `1 250 000`: groups of three digits after a space are one number.
            let grouped = digit_groups(text, at, word, &mut words);
            let word = grouped.as_deref().unwrap_or(word);
            if !self.lexicon.is_empty() {
                for &entry in self.lexicon.entries_of(word, lang) {
                    let next = self.ids.len() as u32;
                    let id = *self.entry_keys.entry(entry).or_insert(next);
                    if id == next {
                        self.ids.insert(format!("~{entry}"), id);
                    }
                    keys.push(id);
                }
            }
            let Some((id, is_number)) = self.form(word, lang) else {
                continue;
            };
            keys.push(id);
            if is_number {
                numbers.push(id);
            }
        }
        keys.sort_unstable();
        keys.dedup();
        numbers.sort_unstable();
        numbers.dedup();
        let last = text
            .trim_end()
            .trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
            .chars()
            .last();
        SentenceFeatures {
            chars: text.chars().count() as f64,
            keys,
            numbers,
            final_mark: match last {
                Some('?') => '?',
                Some('!') => '!',
                _ => '.',
            },
            unpunctuated: !matches!(last, Some('.' | '?' | '!' | '…' | ':' | ';')),
            block,
            starts_block,
        }
    }
}

/// A number written with spaces between groups of three digits (`20 000`, `1 250 000`,
/// also with a no-break or thin space), as one token: `word` (one to three digits, at byte
/// `at`) and the groups that follow it, taken from `rest`. `None` when no group follows.
fn digit_groups<'a>(
    text: &str,
    at: usize,
    word: &str,
    rest: &mut std::iter::Peekable<impl Iterator<Item = (usize, &'a str)>>,
) -> Option<String> {
    let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    if word.len() > 3 || !digits(word) {
        return None;
    }
    let mut end = at + word.len();
    let mut number = word.to_string();
    while let Some(&(next_at, next)) = rest.peek() {
        let gap = &text[end..next_at];
        let one_space = matches!(gap, " " | "\u{a0}" | "\u{202f}" | "\u{2009}");
        if next.len() != 3 || !digits(next) || !one_space {
            break;
        }
        number.push_str(next);
        end = next_at + next.len();
        rest.next();
    }
    (number.len() > word.len()).then_some(number)
}

/// The digits of a number token, without group or decimal separators, leading zeros or an
/// ordinal suffix: `1.250,5` and `1,250.5` give `12505`, `09` gives `9`, `79th` gives `79`.
pub fn number_key(word: &str) -> Option<String> {
    let first = word.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    let digits_end = word
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(word.len());
    let suffix = word[digits_end..].to_lowercase();
    let ordinal = matches!(
        suffix.as_str(),
        "" | "th" | "st" | "nd" | "rd" | "º" | "ª" | "o" | "a" | "er" | "s" | "%"
    );
    if !ordinal {
        return None;
    }
    let digits: String = word[..digits_end]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() {
        "0".into()
    } else {
        trimmed.into()
    })
}

/// Month names, lower-case (English ones are written capitalised).
pub const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
pub const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The key of a number word, an ordinal, a month or a weekday, shared with the other
/// language's word and with the number in digits: `cinco`, `five` and `5` all give `#5`;
/// `enero` and `January` give `@m1`. English months and weekdays count only capitalised
/// (`may`, `march` and `sun` are other words); `one`, `uno`, `una` and `un` are left out
/// (as often an article as a number).
pub fn spelled_key(word: &str, lang: Lang) -> Option<String> {
    const ES_NUMBERS: &[(&str, u32)] = &[
        ("dos", 2),
        ("tres", 3),
        ("cuatro", 4),
        ("cinco", 5),
        ("seis", 6),
        ("siete", 7),
        ("ocho", 8),
        ("nueve", 9),
        ("diez", 10),
        ("once", 11),
        ("doce", 12),
        ("trece", 13),
        ("catorce", 14),
        ("quince", 15),
        ("dieciséis", 16),
        ("diecisiete", 17),
        ("dieciocho", 18),
        ("diecinueve", 19),
        ("veinte", 20),
        ("treinta", 30),
        ("cuarenta", 40),
        ("cincuenta", 50),
        ("sesenta", 60),
        ("setenta", 70),
        ("ochenta", 80),
        ("noventa", 90),
        ("cien", 100),
        ("mil", 1000),
        ("primer", 1),
        ("primero", 1),
        ("primera", 1),
        ("primeros", 1),
        ("primeras", 1),
        ("segundo", 2),
        ("segunda", 2),
        ("tercer", 3),
        ("tercero", 3),
        ("tercera", 3),
        ("cuarto", 4),
        ("cuarta", 4),
        ("quinto", 5),
        ("quinta", 5),
        ("sexto", 6),
        ("sexta", 6),
        ("séptimo", 7),
        ("séptima", 7),
        ("octavo", 8),
        ("octava", 8),
        ("noveno", 9),
        ("novena", 9),
        ("décimo", 10),
        ("décima", 10),
    ];
    const EN_NUMBERS: &[(&str, u32)] = &[
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("thirteen", 13),
        ("fourteen", 14),
        ("fifteen", 15),
        ("sixteen", 16),
        ("seventeen", 17),
        ("eighteen", 18),
        ("nineteen", 19),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
        ("hundred", 100),
        ("thousand", 1000),
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
    ];
    const ES_DAYS: &[&str] = &[
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    const EN_DAYS: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let (numbers, months, days) = match lang {
        Lang::Es => (ES_NUMBERS, &MONTHS_ES, ES_DAYS),
        Lang::En => (EN_NUMBERS, &MONTHS_EN, EN_DAYS),
        Lang::Other => return None,
    };
    let first_upper = word.chars().next()?.is_uppercase();
    if word.len() > 11 || (word.len() > 1 && word.chars().skip(1).any(char::is_uppercase)) {
        return None; // not one of these words (or shouted: "MAYO" may be an acronym)
    }
    let lower = word.to_lowercase();
    let lower = if lang == Lang::Es && lower == "setiembre" {
        "septiembre".into()
    } else {
        lower
    };
    if let Some(&(_, n)) = numbers.iter().find(|(w, _)| *w == lower) {
        return Some(format!("#{n}"));
    }
    let position = |names: &[&str]| {
        names.iter().position(|name| match lang {
            Lang::En => first_upper && name.eq_ignore_ascii_case(&lower),
            _ => *name == lower,
        })
    };
    if let Some(i) = position(months) {
        return Some(format!("@m{}", i + 1));
    }
    position(days).map(|i| format!("@d{}", i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_agree_across_conventions() {
        assert_eq!(number_key("1.250,5"), number_key("1,250.5"));
        assert_eq!(number_key("79th").as_deref(), Some("79"));
        assert_eq!(number_key("09").as_deref(), Some("9"));
        assert_eq!(number_key("COVID"), None);
        assert_eq!(number_key("3D"), None);
    }

    #[test]
    fn number_words_months_and_weekdays_meet_their_translations() {
        let es = |w| spelled_key(w, Lang::Es);
        let en = |w| spelled_key(w, Lang::En);
        assert_eq!(es("cinco").as_deref(), Some("#5"));
        assert_eq!(es("cinco"), en("five"));
        assert_eq!(en("Twenty"), number_key("20").map(|d| format!("#{d}")));
        assert_eq!(es("tercer"), en("third"));
        assert_eq!(es("enero"), en("January"));
        assert_eq!(es("Setiembre"), en("September"));
        assert_eq!(es("miércoles"), en("Wednesday"));
        // English months and weekdays only capitalised; articles are not numbers.
        assert_eq!(en("may"), None);
        assert_eq!(en("march"), None);
        assert_eq!(en("May").as_deref(), Some("@m5"));
        assert_eq!(es("una"), None);
        assert_eq!(en("one"), None);
        assert_eq!(es("MAYO"), None);
        assert_eq!(spelled_key("five", Lang::Other), None);
    }

    #[test]
    fn cognates_share_keys_and_function_words_have_none() {
        let k = |w, l| word_key(w, l, COGNATE_PREFIX);
        assert_eq!(k("migración", Lang::Es), k("migration", Lang::En));
        assert_eq!(k("nación", Lang::Es), k("nation", Lang::En));
        assert_eq!(k("Comisión", Lang::Es), k("commission", Lang::En));
        assert_eq!(k("especial", Lang::Es), k("special", Lang::En));
        assert_eq!(k("filosofía", Lang::Es), k("philosophy", Lang::En));
        assert_ne!(k("presidente", Lang::Es), k("presented", Lang::En));
        assert_eq!(k("para", Lang::Es), None);
        assert_eq!(k("with", Lang::En), None);
        assert_eq!(k("ONU", Lang::Es).as_deref(), Some("=ONU"));
    }

    #[test]
    fn sentence_features_hold_keys_numbers_and_marks() {
        let mut table = KeyTable::new();
        let es = table.features("¿Llegaron 1.250 migrantes a México?", Lang::Es, 0, true);
        let en = table.features("Did 1,250 migrants reach Mexico?", Lang::En, 0, true);
        assert_eq!(es.final_mark, '?');
        assert_eq!(es.numbers, en.numbers);
        let shared = es.keys.iter().filter(|k| en.keys.contains(k)).count();
        assert_eq!(shared, 3, "number, migrants, Mexico");
    }

    #[test]
    fn numbers_grouped_with_spaces_are_one_number() {
        let mut table = KeyTable::new();
        let es = table.features(
            "Llegaron 20 000 alumnos y 1\u{a0}250\u{a0}000 euros en 2018 300 días",
            Lang::Es,
            0,
            true,
        );
        let en = table.features(
            "20,000 pupils and 1,250,000 euros came in 2018 300 days",
            Lang::En,
            0,
            true,
        );
        assert_eq!(
            es.numbers, en.numbers,
            "20000, 1250000, 2018 and 300 on both sides"
        );
        assert_eq!(es.numbers.len(), 4);
    }
}
