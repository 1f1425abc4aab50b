//! Headings glued to the sentence after them.
//!
//! Text copied from a web page or a PDF often loses the line break after a heading, a
//! subtitle or a caption, and nothing marks the end of the heading any more:
//! `…aseguró la victoria Un Livingston promocionado impresionó…`. No rule of one language can
//! tell that from a name (`la Casa Blanca`), but the translation can: if the other side has a
//! sentence boundary, or the same kind of break, at the place where the alignment puts the
//! two halves in different units, the break is real.
//!
//! This module finds the possible breaks of one language ([`soft_breaks`]) and, given an
//! alignment of the pieces they cut, keeps those the other side confirms
//! ([`confirmed`]). The pipeline (`align_checked`, `align_texts`) aligns the document first,
//! then tries the breaks unit by unit, when the inputs are running text (not
//! `--presegmented`).

use super::{Lang, Sentence};
use std::collections::HashSet;

/// A place inside a sentence where a heading may end: the byte offset (in the document
/// text) where the next part starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoftBreak {
    /// The sentence it lies in.
    pub sentence: usize,
    /// Byte offset in the document text of the first character after the break.
    pub at: usize,
    /// How much the break says on its own.
    pub strength: Strength,
}

/// How sure a possible break is, from its own side alone. Where the alignment puts the two
/// parts in different units, the break is kept when its strength and that of the other
/// side's boundary there (a sentence end counts 6) add up to at least 6: a sentence end
/// confirms anything, a strong break confirms a weak or strong one, two weak openers agree,
/// and two weak breaks, or a faint one without a sentence end facing it, are not enough. A
/// run-in heading's end is kept only against another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A capitalised `A` (`reinjected A trial vaccine`): as often a title (`his lecture A
    /// technological view`), a grade or a vitamin as a new sentence.
    Faint = 0,
    /// A capitalised common word, a name's possessive, or a word after an abbreviation's
    /// full stop.
    Weak = 2,
    /// A word that opens sentences after a comma or a name (`Sorteo | Los octavos`), or
    /// before a name (`victoria | Un Livingston`): two of them facing each other agree.
    WeakOpener = 3,
    /// A word that opens sentences (`The`, `Una`, `Cuando`) followed by a lower-case word,
    /// after a lower-case word.
    Strong = 4,
    /// The end of a run-in heading (`Visual flight: | According to…`): kept only where the
    /// other side has a run-in heading too. Where the translation ends a sentence instead
    /// (`El invierno hiela Alemania: En casi…` against `The winter freeze in Germany. In…`),
    /// the colon was the writer's, not a heading's.
    RunIn = 8,
}

/// Whether `word` is in the list of its language; `other` for languages with no list.
fn listed(word: &str, lang: Lang, es: &[&str], en: &[&str], other: bool) -> bool {
    match lang {
        Lang::Es => es.contains(&word),
        Lang::En => en.contains(&word),
        Lang::Other => other,
    }
}

/// Words that open sentences and, capitalised in the middle of one, are rarely part of a
/// name. Lower-case.
fn opens_sentences(word: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "el", "la", "los", "las", "un", "una", "uno", "unos", "unas", "cuando", "como", "así",
        "pero", "según", "tras", "desde", "durante", "mientras", "aunque", "si", "este", "esta",
        "estos", "estas", "ese", "esa", "esos", "esas", "ella", "ellos", "ellas", "él", "se", "su",
        "sus", "en", "con", "por", "para", "al", "después", "antes", "ahora", "hoy", "ayer",
        "también", "otro", "otra", "otros", "otras", "nuestro", "nuestra", "muchos", "muchas",
        "algunos", "algunas", "lo", "no", "ya", "sin", "sobre", "entre", "hay", "cada", "todo",
        "toda", "todos", "todas", "ni", "tampoco", "incluso", "además", "pues", "entonces",
        "luego", "donde", "quien", "quienes", "hace", "hasta",
    ];
    const EN: &[&str] = &[
        "the",
        "a",
        "an",
        "one",
        "this",
        "that",
        "these",
        "those",
        "they",
        "he",
        "she",
        "it",
        "we",
        "you",
        "when",
        "while",
        "after",
        "before",
        "as",
        "but",
        "if",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "however",
        "although",
        "since",
        "according",
        "despite",
        "during",
        "following",
        "until",
        "instead",
        "now",
        "today",
        "yesterday",
        "earlier",
        "later",
        "and",
        "so",
        "yet",
        "then",
        "all",
        "both",
        "each",
        "every",
        "such",
        "meanwhile",
        "another",
        "some",
        "many",
        "most",
        "his",
        "her",
        "their",
        "its",
        "our",
        "there",
        "here",
        "what",
        "how",
        "why",
    ];
    listed(word, lang, ES, EN, false)
}

/// Words that never end a heading (articles, prepositions, conjunctions): the capitalised
/// word after them starts a name or a title (`el Departamento de Defensa`, `in The Hague`).
fn continues(word: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "el", "la", "los", "las", "lo", "un", "una", "unos", "unas", "de", "del", "al", "a", "en",
        "con", "por", "para", "sin", "sobre", "entre", "hacia", "hasta", "desde", "ante", "tras",
        "según", "y", "e", "o", "u", "ni", "que", "como", "se", "su", "sus", "mi", "tu", "este",
        "esta", "ese", "esa", "cuyo", "cuya", "durante", "contra", "bajo", "mediante", "excepto",
        "incluso", "cuando", "donde", "mientras", "porque", "si",
    ];
    const EN: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "into",
        "about",
        "as",
        "and",
        "or",
        "nor",
        "but",
        "that",
        "than",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "this",
        "these",
        "those",
        "whose",
        "via",
        "like",
        "said",
        "says",
        "told",
        "after",
        "before",
        "during",
        "despite",
        "under",
        "over",
        "against",
        "between",
        "among",
        "without",
        "within",
        "through",
        "across",
        "behind",
        "beyond",
        "near",
        "around",
        "toward",
        "towards",
        "upon",
        "since",
        "until",
        "unlike",
        "including",
        "when",
        "while",
        "where",
        "whether",
        "if",
        "because",
    ];
    listed(word, lang, ES, EN, true)
}

/// Longest run-in heading, in words.
const RUN_IN_WORDS: usize = 12;

/// Where the sentence after a run-in heading starts, if `sentence` (the first of its
/// paragraph) opens with one: a short label without a verb, a colon, then a capitalised
/// sentence of at least three words that ends the way sentences do (`Visual flight:
/// According to the regulations…`, `Sobre la broma al Papa: Jobs narra…`). One-word labels
/// (`Source: Ministry of Labour, 2024.`, `Note: …`) belong to their line. Headlines (no
/// final full stop: `Peru: Fujimori hospitalized again`), quotations after the colon, labels
/// with a verb (`Doyle said:`, `No es nada nuevo:`) or opening with a connective (`No
/// obstante:`), a colon inside a quotation or brackets, and labels that start with a digit
/// (`2004: A major quake…`, a list of dates) are left alone.
fn run_in_heading_end(sentence: &str, lang: Lang) -> Option<usize> {
    let colon = sentence.find(':')?;
    let label = &sentence[..colon];
    let rest = &sentence[colon + 1..];
    let after = rest.trim_start();
    let at = sentence.len() - after.len();
    let words = label.split_whitespace().count();
    if !label.starts_with(char::is_uppercase)
        || !(2..=RUN_IN_WORDS).contains(&words)
        || at == colon + 1
        || !after.starts_with(char::is_uppercase)
        || after.split_whitespace().count() < 3
        || !after
            .trim_end_matches(CLOSERS)
            .ends_with(['.', '!', '?', '…'])
        || label.contains(['.', '!', '?', ';'])
        || !balanced(label)
    {
        return None;
    }
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let connective = words.first().is_some_and(|w| is_connective(w, lang));
    let has_verb = words.iter().any(|w| is_label_verb(w, lang));
    (!has_verb && !connective).then_some(at)
}

/// Every quotation and bracket opened in `text` is closed in it: a colon inside a quoted
/// title (`her book "Beauty: A History"`) does not end a heading.
fn balanced(text: &str) -> bool {
    let count = |c: char| text.matches(c).count();
    count('"') % 2 == 0
        && count('“') == count('”')
        && count('«') == count('»')
        && count('(') == count(')')
        && count('[') == count(']')
}

/// Words that open a connective, not a heading (`No obstante:`, `And still:`, `Es decir:`).
fn is_connective(word: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "y", "e", "o", "pero", "no", "sin", "además", "es", "así", "entonces", "por", "en", "sino",
        "aunque", "incluso",
    ];
    const EN: &[&str] = &[
        "and", "but", "or", "so", "still", "yet", "however", "also", "that", "in", "even", "then",
        "thus",
    ];
    listed(word, lang, ES, EN, true)
}

/// Verbs that make a label before a colon a clause (`It's nothing new:`, `Doyle said:`)
/// rather than a heading: copulas, auxiliaries and verbs of saying. Lower-case.
fn is_label_verb(word: &str, lang: Lang) -> bool {
    const ES: &[&str] = &[
        "es",
        "son",
        "era",
        "eran",
        "fue",
        "fueron",
        "será",
        "está",
        "están",
        "estaba",
        "hay",
        "ha",
        "han",
        "he",
        "había",
        "dijo",
        "dice",
        "decía",
        "añadió",
        "añade",
        "afirmó",
        "señaló",
        "explicó",
        "declaró",
        "aseguró",
        "indicó",
        "comentó",
        "comenta",
        "preguntó",
        "respondió",
        "escribió",
        "agregó",
        "sostuvo",
        "advirtió",
        "continuó",
        "prosiguió",
        "tuiteó",
        "manifestó",
        "expresó",
        "subrayó",
        "destacó",
        "apuntó",
        "concluyó",
    ];
    const EN: &[&str] = &[
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it's",
        "it’s",
        "here's",
        "there's",
        "that's",
        "said",
        "says",
        "told",
        "added",
        "asked",
        "wrote",
        "explained",
        "stated",
        "noted",
        "replied",
        "answered",
        "continued",
        "commented",
        "tweeted",
        "warned",
        "insisted",
        "declared",
        "concluded",
        "recalled",
    ];
    listed(word, lang, ES, EN, true)
}

/// Fewest words before a break inside its sentence (a heading: `Menos exámenes | Desde el
/// comienzo…`) and after it.
const MIN_BEFORE: usize = 2;
const MIN_AFTER: usize = 3;

/// The possible heading ends in `sentences` of `text`: the end of a run-in heading that opens
/// a paragraph ([`run_in_heading_end`]), and, with at least two words before and three after,
/// places before a capitalised word that is not `I` nor an acronym (in English, `A` is one,
/// but faint). After a word that ends without punctuation, starts in lower case (or ends with
/// a closing quote or bracket) and is not an article, preposition or conjunction, the next
/// word must open sentences or be a common word (the document also writes it in lower case)
/// followed by a lower-case word. After a capitalised word or a comma, only a word that
/// opens sentences followed by a lower-case word (`Instagram Las noticias`, `untroubled,
/// That pattern`). After a full stop the segmenter took for an abbreviation (`I. A. Lee
/// comentó`), a word that opens sentences or is followed by a lower-case word.
pub fn soft_breaks(text: &str, sentences: &[Sentence], lang: Lang) -> Vec<SoftBreak> {
    if lang == Lang::Other {
        return Vec::new();
    }
    // Every place of the right shape, and whether it is a break only if its word is common.
    let mut places: Vec<(SoftBreak, Option<String>)> = Vec::new();
    let mut words: Vec<(usize, &str)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let sentence = &text[s.start..s.end];
        words.clear();
        words.extend(
            sentence
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w)),
        );
        let opens_block = i == 0 || sentences[i - 1].block != s.block;
        if opens_block {
            if let Some(at) = run_in_heading_end(sentence, lang) {
                let place = SoftBreak {
                    sentence: i,
                    at: s.start + at,
                    strength: Strength::RunIn,
                };
                places.push((place, None));
            }
        }
        if words.len() < MIN_BEFORE + MIN_AFTER {
            continue;
        }
        for k in MIN_BEFORE..=words.len() - MIN_AFTER {
            let (before, (at, word), next) = (words[k - 1].1, words[k], words[k + 1].1);
            let Some(kind) = before_kind(before) else {
                continue;
            };
            let single_a = lang == Lang::En && word == "A";
            // A capital initial after a capitalised word is a middle initial (`Adrian M.
            // Fenty`), not the end of an acronym (`en I. A. Lee`).
            let middle_initial = kind == Before::Abbreviation
                && before.chars().filter(|c| c.is_alphabetic()).count() == 1
                && words[k - 2].1.starts_with(char::is_uppercase)
                && !words[k - 2].1.ends_with('.');
            if middle_initial {
                continue;
            }
            // After an abbreviation, a quotation may open the next sentence.
            let quoted = kind == Before::Abbreviation && capitalised_after(word, &OPENERS);
            // A Spanish question or exclamation opens a sentence (`internas tienen una
            // utilidad relativa ¿Las encuestas…`).
            let inverted = lang == Lang::Es && capitalised_after(word, &['¿', '¡']);
            if !(starts_capitalised(word) || single_a || quoted || inverted)
                || (kind != Before::Abbreviation && continues(&before.to_lowercase(), lang))
            {
                continue;
            }
            let lower = word
                .trim_start_matches(OPENERS)
                .trim_start_matches(['¿', '¡'])
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            // A name's possessive (`visitors Holt's team`) cannot follow a plain word inside
            // an English sentence, unless that word is an adjective after a determiner (`the
            // moderate Republican's office`).
            let possessive = lang == Lang::En
                && (lower.ends_with("'s") || lower.ends_with("’s"))
                && !continues(&words[k - 2].1.to_lowercase(), lang);
            let next_lower = next
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
            let opener = inverted || opens_sentences(&lower, lang);
            if !opener && !next_lower {
                continue;
            }
            // Only a plain word before the break can make it strong, and only a plain word
            // before a word that does not open sentences asks whether that word is common.
            // A single `A` is faint whatever comes before it.
            let (strength, common_check) = match kind {
                _ if single_a => (Strength::Faint, false),
                Before::Plain if opener && next_lower => (Strength::Strong, false),
                Before::Plain if possessive && next_lower => (Strength::Weak, false),
                Before::Plain if opener => (Strength::WeakOpener, false),
                Before::Plain => (Strength::Weak, true),
                Before::Capitalised | Before::Comma if opener && next_lower => {
                    (Strength::WeakOpener, false)
                }
                Before::Capitalised | Before::Comma => continue,
                Before::Abbreviation => (Strength::Weak, false),
            };
            let place = SoftBreak {
                sentence: i,
                at: s.start + at,
                strength,
            };
            places.push((place, common_check.then_some(lower)));
        }
    }
    let pending: Vec<&str> = places.iter().filter_map(|(_, w)| w.as_deref()).collect();
    let common = written_in_lower_case(text, &pending);
    let keep: Vec<bool> = places
        .iter()
        .map(|(_, word)| word.as_ref().is_none_or(|w| common.contains(w.as_str())))
        .collect();
    places
        .into_iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|((place, _), _)| place)
        .collect()
}

/// Which of `words` (lower-case) the text also writes in lower case, as whole words: one
/// scan of the text for all of them.
fn written_in_lower_case<'a>(text: &str, words: &[&'a str]) -> HashSet<&'a str> {
    let wanted: HashSet<&str> = words.iter().copied().collect();
    let mut found = HashSet::new();
    let Some(longest) = wanted.iter().map(|w| w.len()).max() else {
        return found;
    };
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.len() > longest || !token.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        if let Some(w) = wanted.get(token) {
            found.insert(*w);
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    found
}

/// What the word before a possible break looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// No final punctuation, and it starts in lower case or ends with a closing quote or
    /// bracket (`victoria`, `"racist"`): the usual end of a heading.
    Plain,
    /// A capitalised word without final punctuation (`Instagram`): a heading may end in a
    /// name, but only a word that opens sentences may follow.
    Capitalised,
    /// A word and a comma (`untroubled,`): a comma typed for a full stop, or a heading
    /// ending in one; only a word that opens sentences may follow.
    Comma,
    /// A word with a full stop where the segmenter saw an abbreviation (`I. A.`, `Corp.`):
    /// the sentence may still end there.
    Abbreviation,
}

/// The kind of the word before a possible break, or `None` when no break can follow it.
fn before_kind(word: &str) -> Option<Before> {
    if let Some(core) = word.strip_suffix(',') {
        return ends_in_word(core).then_some(Before::Comma);
    }
    if let Some(core) = word.strip_suffix('.') {
        return may_end_a_sentence(core).then_some(Before::Abbreviation);
    }
    if ends_without_punctuation(word) {
        return Some(Before::Plain);
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    (capitalised && ends_in_word(word)).then_some(Before::Capitalised)
}

/// An abbreviation (without its final full stop) that may end a sentence: initials and
/// acronyms (`I. A.`, `EE. UU.`, `U.S.`), lower-case ones (`etc.`) and company suffixes
/// (`Inc.`). Titles (`Mr.`, `Dr.`, `Sra.`) are not: the name after them belongs to the
/// same sentence, so a break there would cut a sentence one word off.
fn may_end_a_sentence(core: &str) -> bool {
    let letters = || core.chars().filter(|c| c.is_alphabetic());
    if core.ends_with('.') || letters().next().is_none() {
        return false;
    }
    let suffix = ["Inc", "Corp", "Ltd", "Co", "Jr"].contains(&core);
    suffix || letters().all(char::is_uppercase) || letters().all(char::is_lowercase)
}

/// The word ends with a letter, a digit or `%`, closing quotes and brackets aside.
fn ends_in_word(word: &str) -> bool {
    word.trim_end_matches(CLOSERS)
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == '%')
}

const CLOSERS: [char; 7] = ['"', '\'', '”', '’', '»', ')', ']'];
const OPENERS: [char; 7] = ['"', '\'', '“', '‘', '«', '(', '['];

/// The word before a heading end: no final punctuation (closing quotes and brackets are
/// allowed after a letter or digit), and it starts in lower case or ends with a closer.
fn ends_without_punctuation(word: &str) -> bool {
    let core = word.trim_end_matches(CLOSERS);
    let closed = core.len() < word.len();
    let Some(last) = core.chars().last() else {
        return false;
    };
    if !(last.is_alphanumeric() || last == '%') {
        return false;
    }
    let first = word.chars().find(|c| c.is_alphanumeric());
    closed || first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// `word` opens with one of `marks` and a capitalised word follows (`“Pienso`, `¿Las`).
fn capitalised_after(word: &str, marks: &[char]) -> bool {
    let inner = word.trim_start_matches(marks);
    inner.len() < word.len() && starts_capitalised(inner)
}

/// A capitalised word (not `I`, not all capitals, not opened by a quote or bracket).
fn starts_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let mut letters = chars.take_while(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_lowercase)
}

/// The pieces of `sentences` once cut at `breaks` (sorted by offset), each trimmed: for
/// each piece, its span and block, and the break it starts with (an index into `breaks`).
pub fn pieces(
    text: &str,
    sentences: &[Sentence],
    breaks: &[SoftBreak],
) -> Vec<(Sentence, Option<usize>)> {
    let mut out = Vec::with_capacity(sentences.len() + breaks.len());
    let mut next = 0;
    for (i, s) in sentences.iter().enumerate() {
        let mut start = s.start;
        let mut starts_with = None;
        while next < breaks.len() && breaks[next].sentence == i {
            let at = breaks[next].at;
            let end = start + text[start..at].trim_end().len();
            let block = s.block;
            out.push((Sentence { start, end, block }, starts_with));
            start = at;
            starts_with = Some(next);
            next += 1;
        }
        let (end, block) = (s.end, s.block);
        out.push((Sentence { start, end, block }, starts_with));
    }
    out
}

/// How one side's piece boundaries fall: for each piece, whether the boundary before it is
/// a sentence end (`None`) or which soft break it is.
pub struct SideBreaks<'a> {
    pub starts: &'a [Option<usize>],
    pub breaks: &'a [SoftBreak],
}

/// The soft breaks of both sides that the alignment of the pieces confirms. `units` are the
/// (source pieces, target pieces) ranges of the units, in order. A break is confirmed when
/// the units on either side of it both have pieces on both sides, and the other side's
/// boundary between them is a sentence end or a strong break (or the break itself is strong
/// and the other side breaks there too).
pub fn confirmed(
    src: &SideBreaks,
    tgt: &SideBreaks,
    units: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> (Vec<bool>, Vec<bool>) {
    let mut keep = (vec![false; src.breaks.len()], vec![false; tgt.breaks.len()]);
    // A sentence end counts 6; a break its strength; a run-in heading only meets another.
    let strength = |side: &SideBreaks, k: Option<usize>| match k {
        None => 6,
        Some(k) => side.breaks[k].strength as u8,
    };
    let agree = |s: u8, t: u8| {
        let run_in = Strength::RunIn as u8;
        if s == run_in || t == run_in {
            s == t
        } else {
            s + t >= 6
        }
    };
    for pair in units.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.0.is_empty() || a.1.is_empty() || b.0.is_empty() || b.1.is_empty() {
            continue;
        }
        let (s, t) = (src.starts[b.0.start], tgt.starts[b.1.start]);
        let enough = agree(strength(src, s), strength(tgt, t));
        if let Some(k) = s {
            keep.0[k] = enough;
        }
        if let Some(k) = t {
            keep.1[k] = enough;
        }
    }
    keep
}

/// The sentences with the confirmed breaks made sentence boundaries.
pub fn apply(
    text: &str,
    sentences: &[Sentence],
    breaks: &[SoftBreak],
    keep: &[bool],
) -> Vec<Sentence> {
    let kept: Vec<SoftBreak> = breaks
        .iter()
        .zip(keep)
        .filter(|(_, &k)| k)
        .map(|(b, _)| *b)
        .collect();
    pieces(text, sentences, &kept)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Vec<Sentence> {
        vec![Sentence {
            start: 0,
            end: text.len(),
            block: 0,
        }]
    }

    fn after(text: &str, breaks: &[SoftBreak]) -> Vec<(String, Strength)> {
        breaks
            .iter()
            .map(|b| {
                (
                    text[b.at..].split(' ').next().unwrap().to_string(),
                    b.strength,
                )
            })
            .collect()
    }

    #[test]
    fn a_heading_glued_to_its_paragraph_is_a_candidate_and_names_are_not() {
        let es = "El primer gol de Menga aseguró la victoria El equipo de Holt dominó el partido en la Casa Blanca del fútbol";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("El".to_string(), Strength::Strong)]);

        let en = "One in five children hide accounts, survey reveals Survey of pupils shows growth in pages The news has heightened fears";
        let b = soft_breaks(en, &whole(en), Lang::En);
        // "Survey" is a common word (the text has "survey") followed by a lower-case word.
        assert_eq!(
            after(en, &b),
            [
                ("Survey".to_string(), Strength::Weak),
                ("The".to_string(), Strength::Strong)
            ]
        );

        // A name, "I", an acronym, a quote and a word after punctuation are not candidates.
        let en = "Yesterday he said that I know the NATO rules and visited the White House in \"The Times\" today, The end";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
    }

    #[test]
    fn breaks_after_a_name_a_comma_or_an_abbreviation_are_weak_and_a_is_faint() {
        let es = "reveló un crecimiento en las páginas de Instagram Las noticias han agudizado los temores";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Las".to_string(), Strength::WeakOpener)]);
        // After a name, a word that does not open sentences is not a candidate.
        let es =
            "reveló un crecimiento en las páginas de Instagram Noticias han agudizado los temores";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en = "goalkeeper Liam Kelly was largely untroubled, That pattern continued into the second half";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("That".to_string(), Strength::WeakOpener)]);
        // After a comma, only a word that opens sentences, before a lower-case word.
        let en = "goalkeeper Liam Kelly was largely untroubled, Kelly said in the second half";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());

        let es = "contrataron a personas para trabajar en I. A. Lee comentó que los cambios podrían ayudar";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Lee".to_string(), Strength::Weak)]);
        // An ellipsis is not an abbreviation.
        let es = "contrataron a personas para trabajar en eso... Lee comentó que los cambios podrían ayudar";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en = "a protein common to many cancers and then reinjected A trial vaccine is showing results";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("A".to_string(), Strength::Faint)]);
    }

    #[test]
    fn a_run_in_heading_opening_a_paragraph_is_a_strong_candidate() {
        let text = "Visual flight: According to the regulations the flight was visual. \
                    It's nothing new: The two justices have attended for years.";
        let first = text.find(" It's").unwrap();
        let sentences = [
            Sentence {
                start: 0,
                end: first,
                block: 0,
            },
            Sentence {
                start: first + 1,
                end: text.len(),
                block: 1,
            },
        ];
        // The second label has a verb: a clause, not a heading.
        let b = soft_breaks(text, &sentences, Lang::En);
        assert_eq!(
            after(text, &b),
            [("According".to_string(), Strength::RunIn)]
        );
        // Only the first sentence of a paragraph.
        let same_block = [
            sentences[0],
            Sentence {
                block: 0,
                ..sentences[1]
            },
        ];
        let text2 = text.replace("It's nothing new", "Nothing new here");
        let b = soft_breaks(&text2, &same_block, Lang::En);
        assert_eq!(b.len(), 1);

        let es = "Sobre la broma al Papa: Jobs narra la caja azul que construyó.";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Jobs".to_string(), Strength::RunIn)]);
        for no in [
            "Peru: Fujimori hospitalized again for tests",
            "2004: A major quake struck the western coast.",
            "Doyle: \"I am keen to act as a voice for all.\"",
            "Her book \"Beauty: A History of the War\" begins with a charge.",
            "Watch: Sturridge.",
            "And still: Stuttgart 21 along with the new route is now being started.",
        ] {
            assert!(soft_breaks(no, &whole(no), Lang::En).is_empty(), "{no}");
        }
        let no = "Doyle dijo: Me gusta ser la portavoz de todos.";
        assert!(soft_breaks(no, &whole(no), Lang::Es).is_empty());
    }

    #[test]
    fn a_quotation_after_an_abbreviation_and_a_possessive_after_a_plain_word_are_weak() {
        let es =
            "podrían ayudar a intensificar sus iniciativas en I. A. “Pienso que a los doctores";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("“Pienso".to_string(), Strength::Weak)]);
        // Without the abbreviation, a quoted capitalised word is a title, not a break.
        let es = "podrían ayudar a intensificar sus iniciativas en “Pienso que a los doctores";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());

        let en =
            "Livingston miss chances against blunt visitors Holt's team should have been ahead";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("Holt's".to_string(), Strength::Weak)]);
        for no in [
            "two penalty claims were made after Halkett's challenge on the substitute",
            "Flake was central in the drama after the moderate Republican's office issued it",
        ] {
            assert!(soft_breaks(no, &whole(no), Lang::En).is_empty(), "{no}");
        }
    }

    #[test]
    fn two_word_headings_questions_and_percentages_end_headings() {
        let es = "Menos exámenes Desde el comienzo de las protestas hablan de ello";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("Desde".to_string(), Strength::Strong)]);
        let es = "Las encuestas internas tienen una utilidad relativa ¿Las encuestas sirven?";
        let b = soft_breaks(es, &whole(es), Lang::Es);
        assert_eq!(after(es, &b), [("¿Las".to_string(), Strength::Strong)]);
        let en = "State pension to rise by 2.5% According to Treasury estimates, someone loses";
        let b = soft_breaks(en, &whole(en), Lang::En);
        assert_eq!(after(en, &b), [("According".to_string(), Strength::Strong)]);
        // One word before is not a heading of its own.
        let es = "Sorteo Desde el comienzo de las protestas hablan de ello";
        assert!(soft_breaks(es, &whole(es), Lang::Es).is_empty());
    }

    #[test]
    fn titles_before_names_are_not_abbreviation_breaks() {
        let en = "as he faces re-election next year; Mr. Joko is also facing pressure from them";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
        // Nor are middle initials.
        let en = "Le Devoir published a letter from Mr Patrick J. Garver, executive vice-president";
        assert!(soft_breaks(en, &whole(en), Lang::En).is_empty());
        let en = "the company said its shares in Apple Inc. The company is also facing pressure";
        assert_eq!(soft_breaks(en, &whole(en), Lang::En).len(), 1);
    }

    #[test]
    fn pieces_cover_the_sentence_and_confirmed_breaks_become_boundaries() {
        let text = "aseguró la victoria Un equipo ganó hoy aquí";
        let breaks = soft_breaks(text, &whole(text), Lang::Es);
        assert_eq!(breaks.len(), 1);
        let p = pieces(text, &whole(text), &breaks);
        let spans: Vec<&str> = p.iter().map(|(s, _)| &text[s.start..s.end]).collect();
        assert_eq!(spans, ["aseguró la victoria", "Un equipo ganó hoy aquí"]);
        assert_eq!(p[1].1, Some(0));
        let kept = apply(text, &whole(text), &breaks, &[true]);
        assert_eq!(kept.len(), 2);
        assert_eq!(&text[kept[0].start..kept[0].end], "aseguró la victoria");
        let not = apply(text, &whole(text), &breaks, &[false]);
        assert_eq!(not, whole(text));
    }

    #[test]
    fn a_weak_break_needs_a_sentence_end_or_strong_break_on_the_other_side() {
        // One break, 10 bytes into the first sentence.
        let one = |strength| {
            [SoftBreak {
                sentence: 0,
                at: 10,
                strength,
            }]
        };
        let weak = one(Strength::Weak);
        let strong = one(Strength::Strong);
        let units = [(0..1, 0..1), (1..2, 1..2)];
        // Weak against weak: not confirmed.
        let side = |breaks| SideBreaks {
            starts: &[None, Some(0)],
            breaks,
        };
        assert_eq!(
            confirmed(&side(&weak), &side(&weak), &units),
            (vec![false], vec![false])
        );
        // Weak against strong: both confirmed.
        assert_eq!(
            confirmed(&side(&weak), &side(&strong), &units),
            (vec![true], vec![true])
        );
        // Weak against a sentence end.
        let end = SideBreaks {
            starts: &[None, None],
            breaks: &[],
        };
        assert_eq!(confirmed(&side(&weak), &end, &units), (vec![true], vec![]));
        // A faint break needs a sentence end: a strong break is not enough, and neither is
        // kept.
        let faint = one(Strength::Faint);
        assert_eq!(
            confirmed(&side(&faint), &side(&strong), &units),
            (vec![false], vec![false])
        );
        assert_eq!(confirmed(&side(&faint), &end, &units), (vec![true], vec![]));
        // Two weak openers agree; a weak opener and a weak break do not.
        let opener = one(Strength::WeakOpener);
        assert_eq!(
            confirmed(&side(&opener), &side(&opener), &units),
            (vec![true], vec![true])
        );
        assert_eq!(
            confirmed(&side(&opener), &side(&weak), &units),
            (vec![false], vec![false])
        );
        // A run-in heading's end is kept against another, not against a sentence end.
        let run_in = one(Strength::RunIn);
        assert_eq!(
            confirmed(&side(&run_in), &side(&run_in), &units),
            (vec![true], vec![true])
        );
        assert_eq!(
            confirmed(&side(&run_in), &end, &units),
            (vec![false], vec![])
        );
        assert_eq!(
            confirmed(&side(&run_in), &side(&strong), &units),
            (vec![false], vec![false])
        );
        // A break next to a unit with an empty side is not confirmed.
        let units = [(0..1, 0..0), (1..2, 0..2)];
        assert_eq!(
            confirmed(&side(&strong), &end, &units),
            (vec![false], vec![])
        );
    }
}
