//! Which language a text is in, Spanish or English, told cheaply from its function words
//! (`de`, `que`, `los` against `the`, `of`, `which`): enough to notice two files given in the
//! wrong order, or an untranslated file, before aligning them.
//!
//! ```
//! use alinea::input::language::guess;
//! use alinea::types::Lang;
//! assert_eq!(guess("El presidente dijo que los acuerdos de la región son para todos."), None);
//! let es = "El presidente dijo que los acuerdos de la región serán firmados por los países del norte y que la comisión se reunirá en la capital con los ministros de las naciones.";
//! assert_eq!(guess(es), Some(Lang::Es));
//! let en = "The president said that the agreements of the region will be signed by the countries of the north and that the commission will meet in the capital with the ministers of these nations.";
//! assert_eq!(guess(en), Some(Lang::En));
//! ```

use crate::types::Lang;

/// Frequent Spanish function words that are not English words.
const SPANISH: &[&str] = &[
    "de", "la", "que", "el", "en", "y", "los", "del", "se", "las", "por", "para", "con", "una",
    "su", "al", "es", "lo", "como", "más", "pero", "sus", "le", "ya", "este", "porque", "esta",
    "entre", "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "desde", "todo",
    "nos", "durante", "todos", "les", "ni", "contra", "otros", "ese", "eso", "ante", "ellos",
    "esto", "antes", "algunos", "qué", "unos", "otro", "otras", "otra", "él", "fue", "ha", "han",
    "está", "están", "ser", "será", "serán", "sido",
];

/// Frequent English function words that are not Spanish words.
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by",
    "on", "not", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they",
    "you", "were", "her", "she", "there", "been", "has", "their", "would", "will", "we", "its",
    "who", "more", "when", "also", "about", "into", "than", "them", "these", "can", "only", "our",
    "said", "what", "after", "between", "should", "had", "i",
];

/// How many function words a text must have before its language is told.
const MIN_HITS: usize = 12;
/// How much the function words of one language must outnumber the other's.
const DOMINANCE: usize = 3;
/// Only the start of a long text is read: a few pages tell the language.
const SAMPLE_BYTES: usize = 64 << 10;

/// Spanish or English when the function words say so clearly; `None` for a text too short
/// to tell, in another language, or mixed.
pub fn guess(text: &str) -> Option<Lang> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut es, mut en) = (0usize, 0usize);
    for word in text[..end].split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() || word.len() > 8 {
            continue;
        }
        let word = word.to_lowercase();
        es += SPANISH.contains(&word.as_str()) as usize;
        en += ENGLISH.contains(&word.as_str()) as usize;
    }
    if es + en < MIN_HITS {
        None
    } else if es >= DOMINANCE * en.max(1) {
        Some(Lang::Es)
    } else if en >= DOMINANCE * es.max(1) {
        Some(Lang::En)
    } else {
        None
    }
}

/// The English name of a language, for messages.
pub fn name(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => "Spanish",
        Lang::En => "English",
        Lang::Other => "another language",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_samples_are_told_apart() {
        let read = |p: &str| std::fs::read_to_string(p).unwrap();
        for name in ["sre-366", "sre-412", "boletin-salud"] {
            assert_eq!(
                guess(&read(&format!("samples/{name}.es.txt"))),
                Some(Lang::Es)
            );
            assert_eq!(
                guess(&read(&format!("samples/{name}.en.txt"))),
                Some(Lang::En)
            );
        }
    }

    #[test]
    fn short_mixed_or_other_texts_are_not_told() {
        assert_eq!(guess("Hola. Hello."), None);
        assert_eq!(guess(""), None);
        let mixed = "the of and to in is that for de la que el en y los del ".repeat(3);
        assert_eq!(guess(&mixed), None);
        let french =
            "Le président a dit que les accords de la région seront signés par les pays du nord."
                .repeat(3);
        assert_ne!(guess(&french), Some(Lang::En));
    }

    #[test]
    fn only_the_start_of_a_long_text_is_read() {
        let text = format!(
            "{}{}",
            "the of and which ".repeat(SAMPLE_BYTES / 17 + 1),
            "de la que los ".repeat(100_000)
        );
        assert_eq!(guess(&text), Some(Lang::En));
    }
}
