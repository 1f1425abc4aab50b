//! What the cost model knows about a sentence: its length, the tokens that can match across
//! languages (numbers, names, acronyms, cognates), its final punctuation and its place in the
//! document's blocks.
//!
//! Tokens become *keys*: small integers shared by both languages, so that comparing two
//! sentences is a merge of two sorted lists. A number key is its digits (`1.250,5` and
//! `1,250.5` both give `12505`); a word key is the start of a spelling-normalised form, so that
//! cognates such as `migración`/`migration` or `presidente`/`president` share a key.

use super::lexicon::Lexicon;
use crate::segment::Lang;
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

/// How many leading characters of a normalised word make its cognate key.
pub const COGNATE_PREFIX: usize = 5;

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
            Some((self.id(format!("#{digits}")), true))
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
        for word in text.unicode_words() {
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
            block,
            starts_block,
        }
    }
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

/// The cognate key of a word, or `None` for a function word or a short word. Acronyms
/// (all capitals) are kept whole.
pub fn word_key(word: &str, lang: Lang, prefix: usize) -> Option<String> {
    let chars = word.chars().count();
    if chars >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return Some(format!("={word}"));
    }
    if chars < 4 {
        return None;
    }
    let lower = word.to_lowercase();
    if is_stopword(&lower, lang) {
        return None;
    }
    let canon = canonical(&lower, lang);
    Some(canon.chars().take(prefix).collect())
}

/// A spelling normalisation under which Spanish and English cognates tend to agree:
/// no accents, no doubled letters, ph→f, th→t, y→i, k→c, ti+vowel→ci, and the Spanish
/// prothetic e (estado/state, especial/special).
fn canonical(lower: &str, lang: Lang) -> String {
    let mut s: String = lower.chars().map(fold_accent).collect();
    if lang == Lang::Es && s.starts_with("es") {
        let third = s.chars().nth(2);
        if third.is_some_and(|c| !"aeiou".contains(c)) {
            s.remove(0);
        }
    }
    let s = s
        .replace("ph", "f")
        .replace("th", "t")
        .replace('y', "i")
        .replace('k', "c");
    let bytes: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in bytes.iter().enumerate() {
        if i > 0 && bytes[i - 1] == c {
            continue; // doubled letters: commission/comisión
        }
        if c == 't'
            && bytes.get(i + 1) == Some(&'i')
            && bytes.get(i + 2).is_some_and(|v| "aeou".contains(*v))
        {
            out.push('c'); // nation/nación, -tion/-ción
            continue;
        }
        out.push(c);
    }
    out
}

pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    }
}

/// Frequent words of four letters or more that carry no cross-language evidence (and would
/// otherwise collide with unrelated cognate keys).
fn is_stopword(lower: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "para", "como", "pero", "este", "esta", "esto", "estos", "estas", "sobre", "entre",
        "desde", "hasta", "cuando", "donde", "todo", "todos", "toda", "todas", "también", "porque",
        "según", "sino", "mientras", "aunque", "tras", "sido", "será", "había", "habían", "tiene",
        "tienen", "puede", "pueden", "otro", "otra", "otros", "otras", "mismo", "misma", "cual",
        "cuales", "quien", "quienes", "sólo", "solo", "más", "menos", "ellos", "ellas", "nuestro",
        "nuestra", "hace", "hacer", "dijo", "sean", "está", "están", "estaba", "eran", "fueron",
        "cada", "muy", "pues", "bien", "algo", "aquí", "allí", "ante", "bajo", "cabe", "contra",
        "hacia", "mediante", "durante", "además", "donde", "cómo", "qué", "cuál", "ello", "ellos",
        "suya", "suyo", "tanto", "tanta", "tantos", "poco", "mucho", "mucha", "muchos", "muchas",
        "haber", "tener", "ser", "estar", "sería", "podría", "debe", "deben", "unos", "unas",
    ];
    const EN: &[&str] = &[
        "that", "with", "this", "from", "have", "been", "were", "which", "their", "there", "they",
        "them", "will", "would", "could", "should", "about", "into", "than", "then", "also",
        "after", "before", "over", "when", "what", "where", "while", "said", "more", "most",
        "some", "such", "other", "only", "just", "these", "those", "because", "being", "does",
        "like", "many", "much", "very", "here", "each", "your", "ours", "whom", "whose", "upon",
        "under", "through", "during", "against", "between", "among", "since", "until", "both",
        "either", "neither", "well", "even", "still", "must", "might", "shall", "says", "made",
        "make", "take", "took", "come", "came", "came", "went", "going", "back", "again",
    ];
    match lang {
        Lang::Es => ES.contains(&lower),
        Lang::En => EN.contains(&lower),
        Lang::Other => false,
    }
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
}
