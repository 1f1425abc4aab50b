//! Word keys: the spelling under which a Spanish word and its English cognate agree, shared
//! by the features the cost model compares and the lexicon that learns word pairs.

use crate::types::Lang;

/// How many leading characters of a normalised word make its cognate key.
pub const COGNATE_PREFIX: usize = 5;

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

/// A letter without its accent (`á` → `a`, `ñ` → `n`).
pub fn fold_accent(c: char) -> char {
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
