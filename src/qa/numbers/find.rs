//! Reading one side of a unit: its numbers (digits, Mexican `9 mil 200`, groups split by
//! spaces), units of measure, months (named or in a numeric date), Roman numerals, numbers in
//! words and scale words.

use super::super::{words, QaUnit, Side};
use crate::align::features::{number_key, MONTHS_EN, MONTHS_ES};
use crate::types::Lang;

/// A number in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Num {
    /// Its digits, as [`number_key`] gives them.
    pub(super) key: String,
    /// Its value, reading a separator before three digits as a thousands separator and
    /// any other as a decimal point.
    pub(super) value: f64,
    /// The unit of measure written after it, if any.
    pub(super) unit: Option<Unit>,
    pub(super) sentence: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
}

/// Everything about numbers on one side of a unit.
#[derive(Debug, Default)]
pub(super) struct SideNumbers {
    pub(super) numbers: Vec<Num>,
    /// Values (as number keys) of numbers written as words or Roman numerals.
    pub(super) spelled: Vec<String>,
    /// Months named (1-12), with where they are and whether a missing counterpart is
    /// worth reporting (not for English `May` and `March` away from a number, which may be
    /// a name or a verb).
    pub(super) months: Vec<(u32, Num, bool)>,
    /// Months a numeric date may hold, with the sentence and span of the number that would
    /// be the month.
    pub(super) numeric_months: Vec<(u32, usize, usize, usize)>,
    /// A scale word (`millones`, `billion`, `bn`) is present.
    pub(super) scaled: bool,
    /// `a.m.` or `p.m.` is present.
    pub(super) twelve_hour: bool,
}

/// Units of measure that translations convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
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
    pub(super) fn size(self) -> Option<(u8, f64)> {
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

pub(super) fn side_numbers(unit: &QaUnit, side: Side, lang: Lang) -> SideNumbers {
    let mut out = SideNumbers::default();
    for sent in unit.side(side) {
        let text = sent.text.as_str();
        let tokens: Vec<(usize, &str)> = words(text).collect();
        // The word that follows a byte offset, lower case.
        let word_after = |end: usize| {
            // Tokens are in text order: the first at or after `end` by binary search.
            tokens
                .get(tokens.partition_point(|(s, _)| *s < end))
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
pub(super) fn number_spans(text: &str) -> Vec<(usize, usize)> {
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
