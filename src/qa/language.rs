//! Untranslated targets: a target identical to its source, or written in the source
//! language.
//!
//! Names, acronyms, numbers and titles made of names cross a translation unchanged
//! (`Andrés Manuel López Obrador`, `COVID-19`), so an identical target is a finding only
//! when the text has running words: at least two words, one of them a lower-case word of
//! three letters or more. The language of a target is told by its function words
//! (articles, prepositions, conjunctions, which every sentence has and no name is made
//! of): a target with three or more of the source language's and four times fewer of its
//! own is in the source language. Words both languages use (`a`, `no`, `me`) do not count.

use super::{words, Draft, Kind, Langs, Mark, QaUnit, Severity, Side};
use crate::types::Lang;

/// Adds a finding when the unit's target is its source, or is in the source language.
pub fn check(unit: &QaUnit, langs: &Langs, add: &mut dyn FnMut(Draft)) {
    let src = unit.text(Side::Src);
    let tgt = unit.text(Side::Tgt);
    let norm = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let whole_target = |mut draft: Draft| {
        draft.marks = unit
            .tgt
            .iter()
            .map(|s| Mark::new(Side::Tgt, s.index, 0, s.text.len()))
            .collect();
        draft
    };
    if norm(&src) == norm(&tgt) {
        if has_running_words(&src) {
            add(whole_target(Draft::unit(
                Kind::Untranslated,
                Severity::Warning,
                unit,
                format!(
                    "the {} is the same as the {}",
                    langs.tgt_name, langs.src_name
                ),
            )));
        }
        return;
    }
    if langs.src == langs.tgt {
        return;
    }
    let (Some(src_words), Some(tgt_words)) = (function_words(langs.src), function_words(langs.tgt))
    else {
        return;
    };
    let mut theirs: Vec<&str> = Vec::new();
    let mut ours = 0;
    for (_, w) in words(&tgt) {
        let lower = w.to_lowercase();
        if let Some(f) = src_words.iter().find(|f| **f == lower) {
            theirs.push(f);
        } else if tgt_words.contains(&lower.as_str()) {
            ours += 1;
        }
    }
    if theirs.len() >= 3 && theirs.len() >= 4 * ours {
        let mut seen = std::collections::HashSet::new();
        theirs.retain(|w| seen.insert(*w));
        theirs.truncate(5);
        add(whole_target(Draft::unit(
            Kind::Untranslated,
            Severity::Warning,
            unit,
            format!(
                "the {} reads as {} ({})",
                langs.tgt_name,
                langs.src_name,
                theirs.join(", ")
            ),
        )));
    }
}

/// At least two words, one of them lower-case with three letters or more.
fn has_running_words(text: &str) -> bool {
    let ws: Vec<&str> = words(text)
        .map(|(_, w)| w)
        .filter(|w| super::is_word(w))
        .collect();
    ws.len() >= 2
        && ws
            .iter()
            .any(|w| w.starts_with(char::is_lowercase) && w.chars().count() >= 3)
}

/// Whether a lower-case word is one of the function words of a language.
pub(crate) fn is_function_word(lower: &str, lang: Lang) -> bool {
    function_words(lang).is_some_and(|ws| ws.contains(&lower))
}

/// Frequent function words of a language that the other language of the pair does not
/// use (`a`, `no`, `me`, `son`, `he`, `has`, `sea`, `once`, `solo` are left out).
fn function_words(lang: Lang) -> Option<&'static [&'static str]> {
    const ES: &[&str] = &[
        "de", "la", "el", "que", "en", "los", "las", "del", "se", "por", "una", "para", "es", "su",
        "al", "lo", "como", "más", "pero", "sus", "le", "ya", "fue", "este", "ha", "sí", "porque",
        "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde",
        "quien", "desde", "todo", "nos", "durante", "todos", "les", "ni", "contra", "otros", "ese",
        "eso", "ante", "ellos", "esto", "antes", "algunos", "qué", "unos", "otro", "otras", "otra",
        "él", "tanto", "esa", "estos", "mucho", "quienes", "nada", "muchos", "cual", "ella",
        "estar", "estas", "algunas", "algo", "nosotros", "y", "un", "han", "ser", "con", "tiene",
        "están", "según", "además", "sido", "cuyo", "e", "u",
    ];
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "be",
        "at", "by", "this", "had", "not", "are", "but", "from", "or", "have", "an", "they",
        "which", "you", "were", "her", "all", "she", "there", "would", "their", "we", "him",
        "been", "when", "who", "will", "more", "if", "out", "so", "said", "what", "up", "its",
        "about", "into", "than", "them", "can", "only", "other", "some", "could", "these", "two",
        "may", "then", "do", "any", "my", "now", "such", "our", "over", "even", "most", "after",
        "also", "did", "many", "before", "must", "through", "where", "much", "your", "should",
        "because", "each", "just", "those", "while", "between", "against", "during", "without",
        "under", "around", "among", "his",
    ];
    match lang {
        Lang::Es => Some(ES),
        Lang::En => Some(EN),
        Lang::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;

    fn messages(src: &str, tgt: &str) -> Vec<String> {
        let mut out = Vec::new();
        check(&unit(&[src], &[tgt]), &Langs::new("es", "en"), &mut |d| {
            out.push(d.message)
        });
        out
    }

    #[test]
    fn a_copied_sentence_is_untranslated() {
        assert_eq!(
            messages("Comunicado de prensa", "Comunicado  de prensa"),
            ["the English is the same as the Spanish"]
        );
    }

    #[test]
    fn names_numbers_and_titles_made_of_names_may_stay_the_same() {
        for same in [
            "Andrés Manuel López Obrador",
            "COVID-19",
            "Secretaría de Relaciones Exteriores",
            "2024",
        ] {
            assert!(messages(same, same).is_empty(), "{same}");
        }
    }

    #[test]
    fn a_target_in_the_source_language_is_untranslated() {
        assert_eq!(
            messages(
                "La secretaria habló con los cancilleres de la región.",
                "La secretaria habló con los cancilleres de la región sobre migración."
            ),
            ["the English reads as Spanish (la, con, los, de, sobre)"]
        );
        // Spanish names inside English text are not Spanish text.
        assert!(messages(
            "Secretaría de Relaciones Exteriores | 26 de septiembre de 2024 | Comunicado",
            "Secretaría de Relaciones Exteriores | September 26, 2024 | Press Release"
        )
        .is_empty());
        assert!(messages(
            "Presentó el modelo en el evento «Diálogo sobre movilidad humana en las Américas».",
            "She presented the model at the event 'Diálogo sobre movilidad humana en las Américas' in New York, which was attended by the ministers of the region."
        )
        .is_empty());
    }
}
