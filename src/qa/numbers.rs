//! Numbers and dates that one side of a unit has and the other does not.
//!
//! A number is compared by its digits ([`number_key`], the aligner's own normalisation):
//! `1.250,5` and `1,250.5` agree, `79.º` and `79th` agree, `25 %` and `25 percent` agree
//! (the percent sign is not part of the number), `1 250` with a space between groups and
//! the Mexican `9 mil 200` are one number (9200), and a time is its digits (`4:40` and
//! `4.40` agree; `18:00` is 18). Dates are their numbers plus their month: `26 de
//! septiembre de 2024`, `September 26, 2024` and `26/09/2024` agree, and a month named on
//! one side must be on the other, by name or in a numeric date.
//!
//! What translations do on purpose is not a finding: a number written in words or Roman
//! numerals on the other side (`3` / `three`, `XIX` / `19th`), a change of scale (`1.500
//! millones` / `1.5 billion`), a 24-hour time given in 12-hour form (`18:00` / `6 p.m.`), a
//! decade (`los 80` / `the 1980s`), a measure converted (`250 kilos` / `550 pounds`, `27
//! grados` / `80 degrees`), and the month of a numeric date named on the other side.

use super::{words, Draft, Kind, Langs, Mark, QaUnit, Severity, Side};
use crate::align::features::{number_key, MONTHS_EN, MONTHS_ES};
use crate::types::Lang;

/// A number in a sentence.
#[derive(Debug, Clone, PartialEq)]
struct Num {
    /// Its digits, as [`number_key`] gives them.
    key: String,
    /// Its value, reading a separator before three digits as a thousands separator and
    /// any other as a decimal point.
    value: f64,
    /// The unit of measure written after it, if any.
    unit: Option<Unit>,
    sentence: usize,
    start: usize,
    end: usize,
    text: String,
}

/// Everything about numbers on one side of a unit.
#[derive(Debug, Default)]
struct SideNumbers {
    numbers: Vec<Num>,
    /// Values (as number keys) of numbers written as words or Roman numerals.
    spelled: Vec<String>,
    /// Months named (1-12), with where they are and whether a missing counterpart is
    /// worth reporting (not for English `May` and `March` away from a number, which may be
    /// a name or a verb).
    months: Vec<(u32, Num, bool)>,
    /// Months a numeric date may hold, with the sentence and span of the number that would
    /// be the month.
    numeric_months: Vec<(u32, usize, usize, usize)>,
    /// A scale word (`millones`, `billion`, `bn`) is present.
    scaled: bool,
    /// `a.m.` or `p.m.` is present.
    twelve_hour: bool,
}

/// Adds a finding when numbers or months of the unit differ between its sides.
pub fn check(unit: &QaUnit, langs: &Langs, add: &mut dyn FnMut(Draft)) {
    let mut src = side_numbers(unit, Side::Src, langs.src);
    let mut tgt = side_numbers(unit, Side::Tgt, langs.tgt);
    // Pair equal numbers.
    let mut tgt_left: Vec<Option<Num>> = tgt.numbers.drain(..).map(Some).collect();
    let mut src_left = Vec::new();
    for n in src.numbers.drain(..) {
        match tgt_left
            .iter_mut()
            .find(|t| t.as_ref().is_some_and(|t| t.key == n.key))
        {
            Some(slot) => *slot = None,
            None => src_left.push(n),
        }
    }
    let mut tgt_left: Vec<Num> = tgt_left.into_iter().flatten().collect();
    excuse(&mut src_left, &mut tgt_left, &src, &tgt);
    let src_months = unmatched_months(&src, &tgt);
    let tgt_months = unmatched_months(&tgt, &src);
    if src_left.is_empty() && tgt_left.is_empty() && src_months.is_empty() && tgt_months.is_empty()
    {
        return;
    }
    let src_missing: Vec<&Num> = src_left.iter().chain(src_months.iter()).collect();
    let tgt_missing: Vec<&Num> = tgt_left.iter().chain(tgt_months.iter()).collect();
    let list = |ns: &[&Num]| {
        let texts: Vec<&str> = ns.iter().map(|n| n.text.as_str()).collect();
        match texts.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    let verb = |ns: &[&Num]| if ns.len() == 1 { "is" } else { "are" };
    let message = match (src_missing.is_empty(), tgt_missing.is_empty()) {
        (false, false) => format!(
            "{} in the {} {} not in the {} (the {} has {})",
            list(&src_missing),
            langs.src_name,
            verb(&src_missing),
            langs.tgt_name,
            langs.tgt_name,
            list(&tgt_missing)
        ),
        (false, true) => format!(
            "{} in the {} {} not in the {}",
            list(&src_missing),
            langs.src_name,
            verb(&src_missing),
            langs.tgt_name
        ),
        _ => format!(
            "{} in the {} {} not in the {}",
            list(&tgt_missing),
            langs.tgt_name,
            verb(&tgt_missing),
            langs.src_name
        ),
    };
    let mut draft = Draft::unit(Kind::Number, Severity::Error, unit, message);
    for (side, ns) in [(Side::Src, &src_missing), (Side::Tgt, &tgt_missing)] {
        for n in ns.iter() {
            draft
                .marks
                .push(Mark::new(side, n.sentence, n.start, n.end));
        }
    }
    add(draft);
}

/// Removes from both lists the numbers a deliberate change of form explains.
fn excuse(src_left: &mut Vec<Num>, tgt_left: &mut Vec<Num>, src: &SideNumbers, tgt: &SideNumbers) {
    let scaled = src.scaled || tgt.scaled;
    let significant = |k: &str| k.trim_end_matches('0').to_string();
    // A number in words on the other side (`mil millones` for `1 billion`, when a scale
    // word says so); the month of a numeric date named on the other side.
    let spelled = |n: &Num, there: &SideNumbers| {
        there.spelled.iter().any(|v| {
            *v == n.key || (scaled && v.len() >= 4 && significant(v) == significant(&n.key))
        })
    };
    let named_month = |n: &Num, here: &SideNumbers, there: &SideNumbers| {
        here.numeric_months.iter().any(|&(m, sent, s, e)| {
            (sent, s, e) == (n.sentence, n.start, n.end)
                && there.months.iter().any(|(tm, ..)| *tm == m)
        })
    };
    src_left.retain(|n| !spelled(n, tgt) && !named_month(n, src, tgt));
    tgt_left.retain(|n| !spelled(n, src) && !named_month(n, tgt, src));
    // Pairs of left numbers that a scale word, a 12-hour clock, a decade or a conversion
    // explains.
    let twelve = src.twelve_hour || tgt.twelve_hour;
    let mut i = 0;
    while i < src_left.len() {
        let s = &src_left[i];
        let found = tgt_left.iter().position(|t| {
            (scaled && significant(&s.key) == significant(&t.key))
                || (twelve && twelve_hour_pair(&s.key, &t.key))
                || decade_pair(&s.key, &t.key)
                || converted(s, t)
        });
        match found {
            Some(j) => {
                src_left.remove(i);
                tgt_left.remove(j);
            }
            None => i += 1,
        }
    }
}

/// `18` and `6`, `1830` and `630`: the same time on a 24-hour and a 12-hour clock.
fn twelve_hour_pair(a: &str, b: &str) -> bool {
    match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(a), Ok(b)) => {
            let (hi, lo) = (a.max(b), a.min(b));
            ((13..=23).contains(&hi) && hi - lo == 12)
                || ((1300..=2359).contains(&hi) && hi - lo == 1200)
        }
        _ => false,
    }
}

/// `80` and `1980`: a decade by its last two digits.
fn decade_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    short.len() == 2
        && long.len() == 4
        && (long.starts_with("19") || long.starts_with("20"))
        && long.ends_with(short)
}

/// Units of measure that translations convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Kilogram,
    Pound,
    Metre,
    Kilometre,
    Centimetre,
    Mile,
    Foot,
    Yard,
    Inch,
    /// Degrees of temperature: Celsius in Spanish, often Fahrenheit in English.
    Degree,
}

impl Unit {
    fn of(word: &str) -> Option<Unit> {
        Some(match word {
            "kilo" | "kilos" | "kilogramo" | "kilogramos" | "kilogram" | "kilograms" | "kg" => {
                Unit::Kilogram
            }
            "libra" | "libras" | "pound" | "pounds" | "lb" | "lbs" => Unit::Pound,
            "metro" | "metros" | "meter" | "meters" | "metre" | "metres" | "m" => Unit::Metre,
            "kilómetro" | "kilómetros" | "kilometer" | "kilometers" | "kilometre"
            | "kilometres" | "km" => Unit::Kilometre,
            "centímetro" | "centímetros" | "centimeter" | "centimeters" | "centimetre"
            | "centimetres" | "cm" => Unit::Centimetre,
            "milla" | "millas" | "mile" | "miles" => Unit::Mile,
            "pie" | "pies" | "foot" | "feet" | "ft" => Unit::Foot,
            "yarda" | "yardas" | "yard" | "yards" | "yd" => Unit::Yard,
            "pulgada" | "pulgadas" | "inch" | "inches" => Unit::Inch,
            "grado" | "grados" | "degree" | "degrees" => Unit::Degree,
            _ => return None,
        })
    }

    /// The unit's size in a base unit of its dimension (kilograms, metres); `None` for
    /// degrees, which convert with an offset.
    fn size(self) -> Option<(u8, f64)> {
        Some(match self {
            Unit::Kilogram => (0, 1.0),
            Unit::Pound => (0, 0.453_592),
            Unit::Metre => (1, 1.0),
            Unit::Kilometre => (1, 1000.0),
            Unit::Centimetre => (1, 0.01),
            Unit::Mile => (1, 1609.344),
            Unit::Foot => (1, 0.3048),
            Unit::Yard => (1, 0.9144),
            Unit::Inch => (1, 0.0254),
            Unit::Degree => return None,
        })
    }
}

/// Two measures in different units that are the same within 10%, or two temperatures one
/// of which is the other converted between Celsius and Fahrenheit.
fn converted(a: &Num, b: &Num) -> bool {
    let (Some(ua), Some(ub)) = (a.unit, b.unit) else {
        return false;
    };
    let close = |x: f64, y: f64| (x - y).abs() <= 0.1 * x.abs().max(y.abs()).max(1.0);
    match (ua.size(), ub.size()) {
        (Some((da, sa)), Some((db, sb))) => {
            ua != ub && da == db && close(a.value * sa, b.value * sb)
        }
        (None, None) => {
            let f = |c: f64| c * 9.0 / 5.0 + 32.0;
            close(f(a.value), b.value) || close(f(b.value), a.value)
        }
        _ => false,
    }
}

/// The months of `here` named, that `there` has neither by name nor in a numeric date.
fn unmatched_months(here: &SideNumbers, there: &SideNumbers) -> Vec<Num> {
    let mut there_months: Vec<Option<u32>> = there
        .months
        .iter()
        .map(|(m, ..)| Some(*m))
        .chain(there.numeric_months.iter().map(|(m, ..)| Some(*m)))
        .collect();
    let mut out = Vec::new();
    for (m, num, sure) in &here.months {
        match there_months.iter_mut().find(|t| **t == Some(*m)) {
            Some(slot) => *slot = None,
            None if *sure => out.push(num.clone()),
            None => {}
        }
    }
    out
}

fn side_numbers(unit: &QaUnit, side: Side, lang: Lang) -> SideNumbers {
    let mut out = SideNumbers::default();
    for sent in unit.side(side) {
        let text = sent.text.as_str();
        let tokens: Vec<(usize, &str)> = words(text).collect();
        // The word that follows a byte offset, lower case.
        let word_after = |end: usize| {
            tokens
                .iter()
                .find(|(s, _)| *s >= end)
                .filter(|(s, _)| {
                    text[end..*s]
                        .chars()
                        .all(|c| c == ' ' || c == '-' || c == '\u{a0}')
                })
                .map(|(_, w)| w.to_lowercase())
        };
        let mut spans = number_spans(text);
        merge_mil(text, &mut spans);
        for (start, end) in spans {
            let written = &text[start..end];
            let Some(key) = key_of(written) else {
                continue;
            };
            let unit = word_after(end).as_deref().and_then(Unit::of);
            out.numbers.push(Num {
                key,
                value: value_of(written),
                unit,
                sentence: sent.index,
                start,
                end,
                text: written.to_string(),
            });
        }
        for (m, s, e) in numeric_date_months(text, lang) {
            out.numeric_months.push((m, sent.index, s, e));
        }
        for (k, &(start, word)) in tokens.iter().enumerate() {
            let lower = word.to_lowercase();
            if let Some(v) = spelled_value(&lower, lang)
                .map(String::from)
                .or_else(|| roman(word))
            {
                out.spelled.push(v);
            }
            let by_number = |i: Option<usize>| {
                i.and_then(|i| tokens.get(i))
                    .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_ascii_digit()))
            };
            let dated = by_number(k.checked_sub(1)) || by_number(Some(k + 1));
            if let Some((m, sure)) = month(word, &lower, lang, dated) {
                out.months.push((
                    m,
                    Num {
                        key: m.to_string(),
                        value: m as f64,
                        unit: None,
                        sentence: sent.index,
                        start,
                        end: start + word.len(),
                        text: word.to_string(),
                    },
                    sure,
                ));
            }
            if SCALE_WORDS.contains(&lower.as_str())
                || (word.starts_with(|c: char| c.is_ascii_digit())
                    && SCALE_SUFFIXES.iter().any(|s| lower.ends_with(s)))
            {
                out.scaled = true;
            }
            if matches!(lower.as_str(), "am" | "pm" | "a.m" | "p.m") {
                out.twelve_hour = true;
            }
        }
    }
    out
}

/// The key of a number as written: its digits ([`number_key`]); a time on the hour is its
/// hour (`18:00` is 18); `5 millones 143 mil 312` is 5143312.
fn key_of(written: &str) -> Option<String> {
    for (word, width) in [(" millones ", 6), (" millón ", 6), (" mil ", 3)] {
        if let Some((high, low)) = written.split_once(word) {
            let low: String = key_of(low)?;
            return number_key(&format!("{}{low:0>width$}", key_of(high)?));
        }
    }
    let written = match written.strip_suffix(":00") {
        Some(hour) if !hour.contains(':') => hour,
        _ => written,
    };
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    number_key(&digits)
}

/// The value of a number as written (see [`Num::value`]).
fn value_of(written: &str) -> f64 {
    let last_sep = written.rfind(['.', ',', ':']);
    let (int, frac) = match last_sep {
        Some(i) if written.len() - i - 1 != 3 => (&written[..i], &written[i + 1..]),
        _ => (written, ""),
    };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    format!("{}.{}0", digits(int), digits(frac))
        .parse()
        .unwrap_or(0.0)
}

/// Joins the Mexican `9 mil 200` (9200) and `5 millones 143 mil 312` into one number: a
/// number without separators, `mil` (or `millones`, `millón`), and a number of one to
/// three digits (or one written so).
fn merge_mil(text: &str, spans: &mut Vec<(usize, usize)>) {
    let mut i = spans.len().saturating_sub(1);
    while i > 0 {
        let (s1, e1) = spans[i - 1];
        let (s2, e2) = spans[i];
        let (first, gap, second) = (&text[s1..e1], &text[e1..s2], &text[s2..e2]);
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let thousands = gap == " mil " && second.len() <= 3 && digits(second);
        let millions = (gap == " millones " || gap == " millón ")
            && (second.len() <= 3 && digits(second) || second.contains(" mil "));
        if (thousands || millions) && first.len() <= 3 && digits(first) {
            spans[i - 1] = (s1, e2);
            spans.remove(i);
        }
        i -= 1;
    }
}

/// Byte spans of the numbers of a text: digits with `.`, `,` or `:` between digit groups,
/// or groups of three digits after a space (`1 250 000`); not digits glued to a letter
/// before them (`G20`, `A380`), which are names.
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let glued = text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        let start = i;
        let mut end = digits_end(bytes, i);
        loop {
            // `1.250,5`, `4:40`: a separator between digits.
            if end + 1 < bytes.len()
                && matches!(bytes[end], b'.' | b',' | b':')
                && bytes[end + 1].is_ascii_digit()
            {
                end = digits_end(bytes, end + 1);
                continue;
            }
            // `1 250`: a space (or a no-break or thin space) and exactly three digits.
            let rest = &text[end..];
            let space = rest
                .chars()
                .next()
                .filter(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'));
            if let Some(c) = space {
                let after = end + c.len_utf8();
                let group_end = digits_end(bytes, after);
                let leading = end - start <= 3 || text[start..end].contains(char::is_whitespace);
                if group_end - after == 3
                    && leading
                    && !text[group_end..].starts_with(|c: char| c.is_alphanumeric())
                {
                    end = group_end;
                    continue;
                }
            }
            break;
        }
        if !glued {
            out.push((start, end));
        }
        i = end;
    }
    out
}

fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Months a numeric date (`26/09/2024`, `09-26-24`) may hold: in Spanish and most
/// languages day first, in English month first; when the reading the language expects is
/// impossible (a 13th month), the other. With the span of the month number.
fn numeric_date_months(text: &str, lang: Lang) -> Vec<(u32, usize, usize)> {
    let spans = number_spans(text);
    let mut out = Vec::new();
    for w in spans.windows(3) {
        let [(s1, e1), (s2, e2), (s3, e3)] = [w[0], w[1], w[2]];
        let sep1 = &text[e1..s2];
        let sep2 = &text[e2..s3];
        if sep1 != sep2 || !matches!(sep1, "/" | "-") || e3 - s3 < 2 {
            continue;
        }
        let (Ok(a), Ok(b)) = (text[s1..e1].parse::<u32>(), text[s2..e2].parse::<u32>()) else {
            continue;
        };
        let month_first = lang == Lang::En;
        let (m, ms, me) = match (month_first, a, b) {
            (true, 1..=12, _) | (false, _, 13..) => (a, s1, e1),
            _ => (b, s2, e2),
        };
        if (1..=12).contains(&m) {
            out.push((m, ms, me));
        }
    }
    out
}

/// The value of a Roman numeral of two letters or more (`XIX`: 19), as a number key.
fn roman(word: &str) -> Option<String> {
    if word.len() < 2 || !word.chars().all(|c| "IVXLCDM".contains(c)) {
        return None;
    }
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        _ => 1000,
    };
    let values: Vec<u32> = word.chars().map(digit).collect();
    let mut total = 0;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    (total > 0).then(|| total.to_string())
}

/// The month a word names in a language: Spanish month names in any case, English ones
/// capitalised. With whether it is surely a month: English `May` and `March` are one only
/// next to a number (`May 5`, `March 2024`); elsewhere they may be a name or a verb.
fn month(word: &str, lower: &str, lang: Lang, dated: bool) -> Option<(u32, bool)> {
    const EN_SHORT: [(&str, u32); 8] = [
        ("jan", 1),
        ("feb", 2),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    let spanish = || {
        if lower == "setiembre" {
            return Some((9, true));
        }
        MONTHS_ES
            .iter()
            .position(|m| *m == lower)
            .map(|i| (i as u32 + 1, true))
    };
    let english = || {
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        let sure = dated || !matches!(lower, "may" | "march");
        MONTHS_EN
            .iter()
            .position(|m| *m == lower)
            .map(|i| i as u32 + 1)
            .or_else(|| EN_SHORT.iter().find(|(m, _)| *m == lower).map(|(_, n)| *n))
            .map(|m| (m, sure))
    };
    match lang {
        Lang::Es => spanish(),
        Lang::En => english(),
        Lang::Other => spanish().or_else(english),
    }
}

const SCALE_WORDS: &[&str] = &[
    "mil",
    "millón",
    "millon",
    "millones",
    "millardo",
    "millardos",
    "billón",
    "billones",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "bn",
    "mn",
    "tn",
];
const SCALE_SUFFIXES: &[&str] = &["bn", "mn", "m", "k", "tn"];

/// The value (as number-key digits) of a number or ordinal written as a word of a
/// language.
fn spelled_value(lower: &str, lang: Lang) -> Option<&'static str> {
    const ES: &[(&str, &str)] = &[
        ("un", "1"),
        ("una", "1"),
        ("uno", "1"),
        ("dos", "2"),
        ("tres", "3"),
        ("cuatro", "4"),
        ("cinco", "5"),
        ("seis", "6"),
        ("siete", "7"),
        ("ocho", "8"),
        ("nueve", "9"),
        ("diez", "10"),
        ("once", "11"),
        ("doce", "12"),
        ("docena", "12"),
        ("trece", "13"),
        ("catorce", "14"),
        ("quince", "15"),
        ("dieciséis", "16"),
        ("diecisiete", "17"),
        ("dieciocho", "18"),
        ("diecinueve", "19"),
        ("veinte", "20"),
        ("treinta", "30"),
        ("cuarenta", "40"),
        ("cincuenta", "50"),
        ("sesenta", "60"),
        ("setenta", "70"),
        ("ochenta", "80"),
        ("noventa", "90"),
        ("cien", "100"),
        ("ciento", "100"),
        ("mil", "1000"),
        ("millón", "1000000"),
        ("primer", "1"),
        ("primero", "1"),
        ("primera", "1"),
        ("segundo", "2"),
        ("segunda", "2"),
        ("tercer", "3"),
        ("tercero", "3"),
        ("tercera", "3"),
        ("cuarto", "4"),
        ("cuarta", "4"),
        ("quinto", "5"),
        ("quinta", "5"),
        ("sexto", "6"),
        ("sexta", "6"),
        ("séptimo", "7"),
        ("séptima", "7"),
        ("octavo", "8"),
        ("octava", "8"),
        ("noveno", "9"),
        ("novena", "9"),
        ("décimo", "10"),
        ("décima", "10"),
        ("mitad", "50"),
    ];
    const EN: &[(&str, &str)] = &[
        ("a", "1"),
        ("an", "1"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
        ("dozen", "12"),
        ("thirteen", "13"),
        ("fourteen", "14"),
        ("fifteen", "15"),
        ("sixteen", "16"),
        ("seventeen", "17"),
        ("eighteen", "18"),
        ("nineteen", "19"),
        ("twenty", "20"),
        ("thirty", "30"),
        ("forty", "40"),
        ("fifty", "50"),
        ("sixty", "60"),
        ("seventy", "70"),
        ("eighty", "80"),
        ("ninety", "90"),
        ("hundred", "100"),
        ("thousand", "1000"),
        ("million", "1000000"),
        ("first", "1"),
        ("second", "2"),
        ("third", "3"),
        ("fourth", "4"),
        ("fifth", "5"),
        ("sixth", "6"),
        ("seventh", "7"),
        ("eighth", "8"),
        ("ninth", "9"),
        ("tenth", "10"),
        ("half", "50"),
    ];
    let find =
        |table: &[(&str, &'static str)]| table.iter().find(|(w, _)| *w == lower).map(|(_, v)| *v);
    match lang {
        Lang::Es => find(ES),
        Lang::En => find(EN),
        Lang::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::*;

    fn findings(src: &str, tgt: &str) -> Vec<Draft> {
        let mut out = Vec::new();
        check(&unit(&[src], &[tgt]), &Langs::new("es", "en"), &mut |d| {
            out.push(d)
        });
        out
    }

    fn message(src: &str, tgt: &str) -> Option<String> {
        findings(src, tgt).pop().map(|d| d.message)
    }

    #[test]
    fn numbers_agree_across_conventions_ordinals_and_percentages() {
        for (es, en) in [
            ("Costó 1.250,5 pesos.", "It cost 1,250.5 pesos."),
            ("El 79.º periodo de sesiones.", "The 79th session."),
            ("Subió un 25 %.", "It rose 25 percent."),
            ("Llegaron 1 250 000 personas.", "1,250,000 people arrived."),
            ("El 3.er informe.", "The 3rd report."),
            ("Tiene el 0,5 % del total.", "It holds 0.5% of the total."),
        ] {
            assert_eq!(message(es, en), None, "{es} / {en}");
        }
    }

    #[test]
    fn dates_agree_in_words_and_digits() {
        for (es, en) in [
            (
                "Ciudad de México, 26 de septiembre de 2024.",
                "Mexico City, September 26, 2024.",
            ),
            ("El 26/09/2024 a las 11:17.", "On 09/26/2024 at 11:17."),
            ("El 26/09/2024.", "On September 26, 2024."),
            ("El 26 de septiembre de 2024.", "On 9/26/2024."),
        ] {
            assert_eq!(message(es, en), None, "{es} / {en}");
        }
        assert_eq!(
            message("El 26 de septiembre de 2024.", "On October 26, 2024.").as_deref(),
            Some("septiembre in the Spanish is not in the English (the English has October)")
        );
        assert_eq!(
            message("El 26 de septiembre de 2024.", "On September 25, 2024.").as_deref(),
            Some("26 in the Spanish is not in the English (the English has 25)")
        );
    }

    #[test]
    fn deliberate_changes_of_form_are_not_findings() {
        for (es, en) in [
            ("Duró 3 días.", "It lasted three days."),
            ("Costó 1.500 millones de dólares.", "It cost $1.5bn."),
            ("Empieza a las 18:00 horas.", "It starts at 6 p.m."),
            ("Fue el primer caso.", "It was the 1st case."),
            ("El G20 se reunió.", "The G20 met."),
            ("Entró a las 4:40.", "He went in at 4.40 am."),
            ("Pesa 250 kilos.", "It weighs 550 pounds."),
            (
                "Corrió 27 metros y hacía 27 grados.",
                "He ran 30 yards and it was 80 degrees.",
            ),
            ("En los años 80.", "In the 1980s."),
            ("En el siglo XIX.", "In the 19th century."),
            ("Voló a 9 mil 200 pies.", "It flew at 9,200 feet."),
            ("Son 6 mil 74 actas.", "There are 6,074 records."),
            (
                "Suman 5 millones 143 mil 312 pesos.",
                "They add up to 5,143,312 pesos.",
            ),
            (
                "Al menos 10 000 millones de $ a partir de 2018.",
                "At least $10 billion since 2018.",
            ),
            ("A finales de marzo.", "In late March."),
            ("Cuesta mil millones de dólares.", "It costs $1 billion."),
            ("Habló Theresa May.", "Theresa May's aide spoke."),
        ] {
            assert_eq!(message(es, en), None, "{es} / {en}");
        }
    }

    #[test]
    fn a_missing_number_is_an_error_with_both_sides_marked() {
        let found = findings("Hubo 12 heridos y 3 muertos.", "There were 12 injured.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(found[0].message, "3 in the Spanish is not in the English");
        let m = found[0].marks[0];
        assert_eq!((m.side, m.start, m.end), (Side::Src, 18, 19));
        let found = findings("Hubo 12 heridos.", "There were 21 injured.");
        assert_eq!(found[0].marks.len(), 2);
        assert_eq!(
            message(
                "Hubo 12 heridos.",
                "There were 12 injured in 2023 and 2024."
            )
            .as_deref(),
            Some("2023 and 2024 in the English are not in the Spanish")
        );
    }

    #[test]
    fn number_spans_keep_groups_and_skip_names() {
        let spans = |t: &str| -> Vec<String> {
            number_spans(t)
                .into_iter()
                .map(|(s, e)| t[s..e].to_string())
                .collect()
        };
        assert_eq!(
            spans("1.250,5 y 2 000 000 en G20."),
            ["1.250,5", "2 000 000"]
        );
        assert_eq!(spans("los 2 250 casos, 79.º"), ["2 250", "79"]);
        assert_eq!(spans("de 12 1234"), ["12", "1234"]);
        assert_eq!(spans("a las 4:40, el 26/09"), ["4:40", "26", "09"]);
    }
}
