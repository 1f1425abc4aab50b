//! Finding the candidates: the places inside a sentence where a heading may end, each with
//! the strength of its own evidence.

use super::words::{continues, is_connective, is_label_verb, opens_sentences};
use super::{SoftBreak, Strength};
use crate::types::{Lang, Sentence};
use std::collections::HashSet;

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

/// Fewest words before a break inside its sentence (a heading: `Menos exámenes | Desde el
/// comienzo…`) and after it.
const MIN_BEFORE: usize = 2;
const MIN_AFTER: usize = 3;

/// The possible heading ends in `sentences` of `text`: the end of a run-in heading that opens
/// a paragraph (`run_in_heading_end`), and, with at least two words before and three after,
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
    let mut found: Vec<SoftBreak> = places
        .into_iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|((place, _), _)| place)
        .collect();
    // A run-in heading's end is found before the other places of its sentence, and may lie
    // after them: sorted by offset (as `pieces` needs), the run-in kept where both are found.
    found.sort_by_key(|b| (b.sentence, b.at));
    found.dedup_by_key(|b| b.at);
    found
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
