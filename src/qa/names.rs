//! Proper names and acronyms spelled differently on the two sides of a unit.
//!
//! Most names cross a translation unchanged (`Alicia Bárcena`, `Honduras`), and many are
//! translated (`Naciones Unidas` / `United Nations`, `OIM` / `IOM`): neither is a finding.
//! A finding is a name on one side that the other side does not have, with a name on the
//! other side that is one slip away from it, where translations do not make such slips:
//!
//! - two neighbouring letters swapped (`Selee` / `Seele`);
//! - in a name that sits next to a name found on both sides (`Andrew Selee` / `Andrew
//!   Seele`: a person's name, which is not translated), one letter changed, added or left
//!   out, but not in the last two letters, where Spanish and English endings differ
//!   (`Naciones` / `Nations`), and not a doubled letter (`Rusia` / `Russia`): `Johnson` /
//!   `Jonson`;
//! - in an acronym of three letters or more, one letter changed (`IMSS` / `IMMS`) — but not
//!   the same letters in another order (`OTAN` / `NATO`). In a line written in capitals,
//!   no word is an acronym, and neither is a function word (`POR` / `FOR`).
//!
//! Spelling that cognates change systematically does not count: accents, `ti`/`ci`
//! (`Organización` / `Organization`), `y`/`i`, `k`/`c`/`q`, `z`/`s`, `ph`/`f`, `th`/`t`,
//! and the Spanish `e` before `s` and a consonant (`Estadio` / `Stadio`).

use super::language::is_function_word;
use super::{words, Draft, Kind, Langs, Mark, QaUnit, Severity, Side};
use crate::align::words::fold_accent;
use crate::types::Lang;
use std::collections::HashSet;

/// A capitalised word or an acronym, with where it is.
#[derive(Debug, Clone)]
struct Name {
    text: String,
    /// Lower case, no accents, no possessive `'s`.
    folded: String,
    acronym: bool,
    /// Next to a capitalised word that both sides have.
    anchored: bool,
    sentence: usize,
    start: usize,
    end: usize,
}

/// Adds a finding for each name of the source spelled differently in the target.
pub fn check(unit: &QaUnit, langs: &Langs, add: &mut dyn FnMut(Draft)) {
    let src_words = folded_words(unit, Side::Src);
    let tgt_words = folded_words(unit, Side::Tgt);
    let src = names(unit, Side::Src, langs.src, &tgt_words);
    let tgt = names(unit, Side::Tgt, langs.tgt, &src_words);
    // A name that recurs is compared once (its first occurrence is the one reported), and
    // only with names whose spelling is within two letters of its length: a unit of
    // thousands of names stays near-linear.
    let src = distinct(&src, &tgt_words);
    let tgt = distinct(&tgt, &src_words);
    let mut by_length: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (k, (_, len)) in tgt.iter().enumerate() {
        by_length.entry(*len).or_default().push(k);
    }
    let mut reported = HashSet::new();
    for &(s, len) in &src {
        // The first target name (in text order) one slip away.
        let first = by_length
            .range(len.saturating_sub(2)..=len + 2)
            .flat_map(|(_, ks)| ks.iter().copied())
            .filter(|&k| slip(s, tgt[k].0))
            .min();
        let Some(t) = first.map(|k| tgt[k].0) else {
            continue;
        };
        if !reported.insert((s.folded.clone(), t.folded.clone())) {
            continue;
        }
        let mut draft = Draft::unit(
            Kind::Name,
            Severity::Warning,
            unit,
            format!(
                "'{}' in the {} is spelled '{}' in the {}",
                s.text, langs.src_name, t.text, langs.tgt_name
            ),
        );
        for (side, n) in [(Side::Src, s), (Side::Tgt, t)] {
            draft
                .marks
                .push(Mark::new(side, n.sentence, n.start, n.end));
        }
        add(draft);
    }
}

/// The names not among `other`'s words, each spelling (with its kind) once, first
/// occurrence first, with the length of its canonical spelling.
fn distinct<'a>(names: &'a [Name], other: &HashSet<String>) -> Vec<(&'a Name, usize)> {
    let mut seen = HashSet::new();
    names
        .iter()
        .filter(|n| !other.contains(&n.folded))
        .filter(|n| seen.insert((n.folded.clone(), n.acronym, n.anchored)))
        .map(|n| (n, canonical(&n.folded).len()))
        .collect()
}

/// Every word of a side, folded.
fn folded_words(unit: &QaUnit, side: Side) -> HashSet<String> {
    unit.side(side)
        .iter()
        .flat_map(|s| words(&s.text).map(|(_, w)| fold(w)))
        .collect()
}

/// The capitalised words (four letters or more) and acronyms (two capitals or more) of a
/// side; `other` holds the other side's folded words.
fn names(unit: &QaUnit, side: Side, lang: Lang, other: &HashSet<String>) -> Vec<Name> {
    let mut out = Vec::new();
    for sent in unit.side(side) {
        let tokens: Vec<(usize, &str)> = words(&sent.text).collect();
        // In a line written in capitals, capitals do not make acronyms.
        let letters = || sent.text.chars().filter(|c| c.is_alphabetic());
        let shouted = letters().filter(|c| c.is_uppercase()).count() * 4 > letters().count() * 3
            && tokens.len() > 2;
        let shared = |i: usize| {
            tokens
                .get(i)
                .is_some_and(|(_, w)| w.starts_with(char::is_uppercase) && other.contains(&fold(w)))
        };
        for (i, &(start, word)) in tokens.iter().enumerate() {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let alphabetic = word
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’');
            if !alphabetic || !word.starts_with(char::is_uppercase) {
                continue;
            }
            let acronym = !shouted
                && letters >= 2
                && word.chars().all(|c| c.is_uppercase())
                && !is_function_word(&word.to_lowercase(), lang);
            if !acronym && letters < 4 {
                continue;
            }
            out.push(Name {
                text: word.to_string(),
                folded: fold(word),
                acronym,
                anchored: (i > 0 && shared(i - 1)) || shared(i + 1),
                sentence: sent.index,
                start,
                end: start + word.len(),
            });
        }
    }
    out
}

/// Lower case, accents removed, a possessive `'s` removed.
fn fold(word: &str) -> String {
    let base = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    base.to_lowercase().chars().map(fold_accent).collect()
}

/// The spelling under which Spanish and English cognates of names agree.
fn canonical(folded: &str) -> Vec<char> {
    // The Spanish prothetic e: Estadio / Stadium, España / Spain.
    let folded = match folded.strip_prefix("es") {
        Some(rest) if rest.starts_with(|c: char| !"aeiou".contains(c)) => &folded[1..],
        _ => folded,
    };
    let s = folded
        .replace("ph", "f")
        .replace("th", "t")
        .replace("qu", "c")
        .replace(['k', 'q'], "c")
        .replace('z', "s")
        .replace('y', "i");
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let before_vowel = chars.get(i + 2).is_some_and(|v| "aeiou".contains(*v));
        if c == 't' && chars.get(i + 1) == Some(&'i') && before_vowel {
            out.push('c');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `a` and `b` are one slip apart (see the module documentation).
fn slip(a: &Name, b: &Name) -> bool {
    if a.acronym || b.acronym {
        return a.acronym
            && b.acronym
            && a.folded.chars().count() >= 3
            && substitution(&chars(&a.folded), &chars(&b.folded)).is_some()
            && !anagrams(&a.folded, &b.folded);
    }
    if transposition(&chars(&a.folded), &chars(&b.folded)) {
        return true;
    }
    let (x, y) = (canonical(&a.folded), canonical(&b.folded));
    if x == y || !(a.anchored || b.anchored) {
        return false;
    }
    // Not in the last two letters, where Spanish and English endings differ
    // (Industrias / Industries, Naciones / Nations).
    let end = x.len().max(y.len()).saturating_sub(2);
    substitution(&x, &y).is_some_and(|i| i < end) || indel(&x, &y).is_some_and(|i| i < end)
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn anagrams(a: &str, b: &str) -> bool {
    let mut x = chars(a);
    let mut y = chars(b);
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// Same length, exactly one position differs: that position.
fn substitution(x: &[char], y: &[char]) -> Option<usize> {
    if x.len() != y.len() {
        return None;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    (diff.len() == 1).then(|| diff[0])
}

/// Same length, exactly two neighbouring positions differ, swapped.
fn transposition(x: &[char], y: &[char]) -> bool {
    if x.len() != y.len() || x.len() < 4 {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && x[*i] == y[*j] && x[*j] == y[*i])
}

/// One letter more on one side, not doubling its neighbour (Russia / Rusia): its
/// position in the longer word.
fn indel(x: &[char], y: &[char]) -> Option<usize> {
    let (short, long) = if x.len() < y.len() { (x, y) } else { (y, x) };
    if long.len() != short.len() + 1 || short.len() < 4 {
        return None;
    }
    let i = (0..short.len())
        .find(|&i| short[i] != long[i])
        .unwrap_or(short.len());
    let doubled = (i > 0 && long[i - 1] == long[i]) || long.get(i + 1) == Some(&long[i]);
    (short[i..] == long[i + 1..] && !doubled).then_some(i)
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
    fn a_swapped_pair_of_letters_is_found() {
        assert_eq!(
            messages(
                "Andrew Selee, presidente del Instituto de Políticas Migratorias (MPI, por sus siglas en inglés), moderó la reunión.",
                "Andrew Seele, President of the Migration Policy Institute, moderated the meeting."
            ),
            ["'Selee' in the Spanish is spelled 'Seele' in the English"]
        );
    }

    #[test]
    fn a_person_s_name_with_a_letter_changed_is_found() {
        assert_eq!(
            messages("Habló Boris Johnson.", "Boris Jonson spoke."),
            ["'Johnson' in the Spanish is spelled 'Jonson' in the English"]
        );
        assert_eq!(
            messages(
                "La directora Ugochi Daniels habló.",
                "Director Ugochi Danials spoke."
            ),
            ["'Daniels' in the Spanish is spelled 'Danials' in the English"]
        );
    }

    #[test]
    fn translated_names_and_cognates_are_not_findings() {
        for (es, en) in [
            (
                "La Organización Internacional para las Migraciones (OIM) y la ONU.",
                "The International Organization for Migration (IOM) and the UN.",
            ),
            (
                "El Modelo Mexicano en Japón y Brasil.",
                "The Mexican Model in Japan and Brazil.",
            ),
            (
                "La OTAN y la OCDE en Kenia e Irak.",
                "NATO and the OECD in Kenya and Iraq.",
            ),
            (
                "Llegó a Ucrania y Rumania.",
                "He reached Ukraine and Romania.",
            ),
            ("EE. UU. y México.", "The US and Mexico's."),
            (
                "El Alto Comisionado (ACNUR).",
                "The High Commissioner (UNHCR).",
            ),
        ] {
            assert_eq!(messages(es, en), Vec::<String>::new(), "{es} / {en}");
        }
    }

    #[test]
    fn an_acronym_with_a_letter_changed_is_found() {
        assert_eq!(
            messages("Según el IMSS, bajó.", "According to the IMMS, it fell."),
            ["'IMSS' in the Spanish is spelled 'IMMS' in the English"]
        );
    }
}
