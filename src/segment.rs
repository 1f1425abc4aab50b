//! Stage 2, segment: blocks of text become sentences.
//!
//! The segmenter finds candidate boundaries in one pass (a run of `.`, `?`, `!` or `…`,
//! then closing quotes or brackets, then whitespace) and decides each one from the words
//! around it: abbreviations, initials, numbers, and the case of the next word. Sentences are
//! byte spans of the original text, trimmed; the text between them is whitespace only.
//!
//! ```
//! use alinea::segment::{split, Lang};
//! let text = "El Sr. Pérez llegó a las 10:30 a.m. a EE. UU. ¿Qué dijo? Nada.";
//! let sentences: Vec<&str> = split(text, Lang::Es).into_iter().map(|(s, e)| &text[s..e]).collect();
//! assert_eq!(sentences, ["El Sr. Pérez llegó a las 10:30 a.m. a EE. UU.", "¿Qué dijo?", "Nada."]);
//! ```

use crate::input::{Block, Document};

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

/// Splits every block of a document into sentences. With `presegmented`, each block (one
/// line) is one sentence.
pub fn sentences(doc: &Document, lang: Lang, presegmented: bool) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (b, Block { start, end, .. }) in doc.blocks.iter().enumerate() {
        if presegmented {
            out.push(Sentence {
                start: *start,
                end: *end,
                block: b,
            });
            continue;
        }
        for (s, e) in split(&doc.text[*start..*end], lang) {
            out.push(Sentence {
                start: start + s,
                end: start + e,
                block: b,
            });
        }
    }
    out
}

/// Splits one block of text into sentence spans (byte offsets into `text`, trimmed).
pub fn split(text: &str, lang: Lang) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut sentence_start = skip_space(text, 0);
    for cut in candidates(text) {
        if cut.after <= sentence_start || !is_boundary(text, &cut, lang) {
            continue;
        }
        out.push((sentence_start, cut.after));
        sentence_start = skip_space(text, cut.after);
    }
    let end = text.trim_end().len();
    if sentence_start < end {
        out.push((sentence_start, end));
    }
    out
}

fn skip_space(text: &str, from: usize) -> usize {
    from + (text[from..].len() - text[from..].trim_start().len())
}

/// A candidate boundary: terminal punctuation from `term` to `term_end`, closing quotes and
/// brackets up to `after`, then whitespace and the next sentence at `next`.
#[derive(Debug)]
struct Candidate {
    term: usize,
    term_end: usize,
    after: usize,
    next: usize,
}

const TERMINALS: [char; 4] = ['.', '?', '!', '…'];
const CLOSERS: [char; 9] = ['"', '\'', '”', '’', '»', ')', ']', '›', '*'];

/// One pass over the text: every run of terminal punctuation followed (after closers) by
/// whitespace or the end of the text.
fn candidates(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !TERMINALS.contains(&c) {
            continue;
        }
        let mut term_end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if TERMINALS.contains(&d) {
                term_end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let mut after = term_end;
        while let Some(&(j, d)) = chars.peek() {
            if CLOSERS.contains(&d) {
                after = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let next = skip_space(text, after);
        if next == after && next < text.len() {
            continue; // no whitespace: inside a number, URL, e-mail or abbreviation
        }
        out.push(Candidate {
            term: i,
            term_end,
            after,
            next,
        });
    }
    out
}

/// The word that follows a candidate, without opening punctuation.
fn next_word(text: &str, from: usize) -> &str {
    let rest = text[from..].trim_start_matches(['"', '\'', '“', '‘', '«', '(', '[', '¿', '¡', '‹']);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '?' | '!'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The token just before the terminal punctuation (back to the previous whitespace).
fn previous_token(text: &str, term: usize) -> &str {
    let before = &text[..term];
    let start = before
        .rfind(char::is_whitespace)
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &before[start..]
}

fn is_boundary(text: &str, cut: &Candidate, lang: Lang) -> bool {
    if cut.next >= text.len() {
        return true;
    }
    let punct = &text[cut.term..cut.term_end];
    let next = next_word(text, cut.next);
    let next_first = text[cut.next..].chars().next().unwrap_or(' ');
    let word_first = next.chars().next().unwrap_or(next_first);
    // A sentence starts with a capital, a digit, an opening mark or a quote; a lower-case word
    // continues the sentence ("¿verdad? dijo", "etc. y", "a.m. del").
    if word_first.is_lowercase() {
        return false;
    }
    if punct != "." {
        // ? ! … and runs such as ?! or ... end a sentence before a capital.
        return true;
    }
    let token = previous_token(text, cut.term);
    let word = token.trim_start_matches(['"', '\'', '“', '‘', '«', '(', '[', '¿', '¡']);
    if word.is_empty() {
        return true;
    }
    let lower = word.to_lowercase();
    let starts_sentence = is_sentence_starter(next, lang);
    // Initials: "J. R. Martínez", "George W. Bush". A lone capital before a period.
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return starts_sentence && !looks_like_name_follows(text, cut);
    }
    if let Some(kind) = abbreviation(&lower, lang) {
        return match kind {
            Abbrev::Title => false,
            Abbrev::BeforeNumber => !word_first.is_ascii_digit() && starts_sentence,
            Abbrev::MayEnd => starts_sentence,
        };
    }
    // Dotted abbreviations: U.S., a.m., p.ej., e.g. (single letters between periods).
    if is_dotted_abbreviation(word) {
        return starts_sentence;
    }
    // "No. 366", "art. 5", "pág. 12" are handled above; a number after a plain word ends a
    // sentence only rarely ("in 2020. 35 people..."), so follow the period.
    true
}

/// After an initial, a following capitalised word that is itself followed by another capital
/// or initial is most likely the rest of a name.
fn looks_like_name_follows(text: &str, cut: &Candidate) -> bool {
    let next = next_word(text, cut.next);
    next.len() <= 2 && next.chars().all(|c| c.is_uppercase())
}

fn is_dotted_abbreviation(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// Never ends a sentence: Sr., Dra., Mr., Dr.
    Title,
    /// Comes before a number: No. 366, núm. 5, art. 3, pág. 12, Sept. 5.
    BeforeNumber,
    /// May end a sentence: etc., a.m., Inc., EE. UU.; a capitalised common sentence opener
    /// after it starts a new sentence.
    MayEnd,
}

const ES_TITLES: &[&str] = &[
    "sr", "sra", "srta", "sres", "sras", "dr", "dra", "dres", "lic", "licda", "ing", "arq", "prof",
    "profa", "mtro", "mtra", "gral", "gob", "pdte", "pte", "presid", "excmo", "excma", "ilmo",
    "ilma", "sto", "sta", "dña", "d", "da", "ee", "ud", "uds", "vd", "vds", "av", "avda", "c",
    "col", "cía", "hnos", "dip", "sen", "emb", "cap", "tte", "cnel", "gen", "mons", "fr", "p",
    "ej", "aprox", "depto", "dpto", "tel", "cf", "vid", "op", "cit", "ss", "sig", "sigs",
];
const ES_NUMBER: &[&str] = &[
    "no", "núm", "num", "nro", "nº", "art", "arts", "pág", "págs", "pag", "vol", "cap", "fig",
    "ene", "feb", "abr", "may", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic", "km",
    "min", "máx", "mín", "fracc", "inc",
];
const ES_MAY_END: &[&str] = &["etc", "uu", "s.a", "a.m", "p.m", "cv", "s.a. de c.v"];

const EN_TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "gov", "sen", "rep", "gen", "col", "lt", "capt",
    "cmdr", "adm", "sgt", "maj", "mt", "ft", "messrs", "mme", "mlle", "st", "pres", "supt", "det",
    "insp", "vs", "v", "cf", "e.g", "i.e", "viz", "approx", "dept", "est", "ave", "blvd", "rd",
    "fig", "figs",
];
const EN_NUMBER: &[&str] = &[
    "no", "nos", "art", "arts", "p", "pp", "vol", "vols", "ch", "sec", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "tel", "ext", "ed", "eds",
];
const EN_MAY_END: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "llc", "plc", "a.m", "p.m", "u.s",
    "u.k", "u.n", "d.c", "l.a", "n.y", "u.s.a",
];

fn abbreviation(lower: &str, lang: Lang) -> Option<Abbrev> {
    let (titles, number, may_end): (&[&str], &[&str], &[&str]) = match lang {
        Lang::Es => (ES_TITLES, ES_NUMBER, ES_MAY_END),
        Lang::En => (EN_TITLES, EN_NUMBER, EN_MAY_END),
        Lang::Other => (&[], &[], &[]),
    };
    if may_end.contains(&lower) {
        Some(Abbrev::MayEnd)
    } else if titles.contains(&lower) {
        Some(Abbrev::Title)
    } else if number.contains(&lower) {
        Some(Abbrev::BeforeNumber)
    } else {
        None
    }
}

/// Capitalised words that commonly open a sentence: after an ambiguous abbreviation
/// ("in the U.S. The ...") they tip the decision towards a boundary.
fn is_sentence_starter(word: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "el",
        "la",
        "los",
        "las",
        "un",
        "una",
        "unos",
        "unas",
        "en",
        "de",
        "del",
        "por",
        "para",
        "con",
        "sin",
        "según",
        "este",
        "esta",
        "estos",
        "estas",
        "ese",
        "esa",
        "eso",
        "esto",
        "aquel",
        "no",
        "sí",
        "si",
        "pero",
        "y",
        "e",
        "o",
        "así",
        "además",
        "sin",
        "también",
        "tras",
        "durante",
        "desde",
        "hasta",
        "cuando",
        "como",
        "mientras",
        "aunque",
        "yo",
        "tú",
        "él",
        "ella",
        "ellos",
        "ellas",
        "nosotros",
        "usted",
        "ustedes",
        "se",
        "le",
        "les",
        "lo",
        "al",
        "a",
        "hoy",
        "ayer",
        "mañana",
        "ahora",
        "entonces",
        "luego",
        "finalmente",
        "asimismo",
        "por",
        "que",
        "qué",
        "quién",
        "cómo",
        "dónde",
        "cuándo",
        "cuál",
        "todo",
        "todos",
        "cada",
        "ya",
        "sin",
        "sobre",
        "ante",
        "entre",
        "hay",
        "fue",
        "es",
        "son",
        "su",
        "sus",
        "mi",
        "nuestro",
        "nuestra",
        "otro",
        "otra",
        "más",
        "muchos",
        "muchas",
        "algunos",
        "algunas",
    ];
    const EN: &[&str] = &[
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "of",
        "to",
        "as",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "there",
        "here",
        "then",
        "now",
        "today",
        "yesterday",
        "however",
        "also",
        "meanwhile",
        "although",
        "though",
        "because",
        "what",
        "who",
        "why",
        "how",
        "where",
        "which",
        "all",
        "some",
        "many",
        "most",
        "no",
        "not",
        "one",
        "two",
        "each",
        "every",
        "both",
        "such",
        "other",
        "another",
        "more",
        "is",
        "was",
        "are",
        "were",
        "has",
        "had",
        "have",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "let",
        "please",
        "under",
        "over",
        "about",
    ];
    let lower = word.to_lowercase();
    let list = match lang {
        Lang::Es => ES,
        Lang::En => EN,
        Lang::Other => return true,
    };
    list.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn spanish_titles_and_number_abbreviations_do_not_end_sentences() {
        assert_eq!(
            seg(
                "La Dra. Ruiz y el Lic. Gómez firmaron el Comunicado No. 366. Véase el art. 5 y la pág. 12. Fin.",
                Lang::Es
            ),
            [
                "La Dra. Ruiz y el Lic. Gómez firmaron el Comunicado No. 366.",
                "Véase el art. 5 y la pág. 12.",
                "Fin."
            ]
        );
    }

    #[test]
    fn english_titles_and_dotted_abbreviations() {
        assert_eq!(
            seg(
                "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. Capitol. The U.S. The end.",
                Lang::En
            ),
            [
                "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. Capitol.",
                "The U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn numbers_in_both_conventions_and_ordinals_stay_whole() {
        assert_eq!(
            seg(
                "Se invirtieron 1.250,5 millones en el 79.º periodo. Son 3,5 %. It cost 1,250.5 dollars.",
                Lang::Es
            ),
            [
                "Se invirtieron 1.250,5 millones en el 79.º periodo.",
                "Son 3,5 %.",
                "It cost 1,250.5 dollars."
            ]
        );
    }

    #[test]
    fn questions_exclamations_and_quotes() {
        assert_eq!(
            seg(
                "¿Qué pasó? ¡Nada! Dijo: \"Ya basta.\" Luego se fue... Y volvió. «¿Sí?», preguntó él.",
                Lang::Es
            ),
            [
                "¿Qué pasó?",
                "¡Nada!",
                "Dijo: \"Ya basta.\"",
                "Luego se fue...",
                "Y volvió.",
                "«¿Sí?», preguntó él."
            ]
        );
    }

    #[test]
    fn initials_urls_and_emails() {
        assert_eq!(
            seg(
                "Lo firmó J. R. Martínez. Escriba a prensa@sre.gob.mx o visite https://www.gob.mx/sre. Gracias.",
                Lang::Es
            ),
            [
                "Lo firmó J. R. Martínez.",
                "Escriba a prensa@sre.gob.mx o visite https://www.gob.mx/sre.",
                "Gracias."
            ]
        );
    }

    #[test]
    fn spanish_country_abbreviation() {
        assert_eq!(
            seg(
                "Viajó a EE. UU. y a Canadá. En EE. UU. El gobierno respondió.",
                Lang::Es
            ),
            [
                "Viajó a EE. UU. y a Canadá.",
                "En EE. UU.",
                "El gobierno respondió."
            ]
        );
    }

    #[test]
    fn spans_and_gaps_rebuild_the_text() {
        let text = "  Uno. Dos?  Tres!\n Cuatro ";
        let spans = split(text, Lang::Es);
        let mut rebuilt = String::new();
        let mut at = 0;
        for (s, e) in &spans {
            assert!(text[at..*s].trim().is_empty());
            rebuilt.push_str(&text[at..*e]);
            at = *e;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(rebuilt, text);
        assert_eq!(spans.len(), 4);
    }
}
