//! Numbers and dates that one side of a unit has and the other does not.
//!
//! A number is compared by its digits (`align::features::number_key`, the aligner's own normalisation):
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
//!
//! `find` reads the numbers, months, scales and spelled values of one side; this module
//! compares the two sides.

mod find;

use super::{Draft, Kind, Langs, Mark, QaUnit, Severity, Side};
use find::{side_numbers, Num, SideNumbers};

/// Adds a finding when numbers or months of the unit differ between its sides.
pub fn check(unit: &QaUnit, langs: &Langs, add: &mut dyn FnMut(Draft)) {
    let mut src = side_numbers(unit, Side::Src, langs.src);
    let mut tgt = side_numbers(unit, Side::Tgt, langs.tgt);
    // Pair equal numbers: each with the first target number of its key not yet paired.
    let mut tgt_left: Vec<Option<Num>> = tgt.numbers.drain(..).map(Some).collect();
    let mut by_key: std::collections::HashMap<String, std::collections::VecDeque<usize>> =
        std::collections::HashMap::new();
    for (k, t) in tgt_left.iter().enumerate() {
        if let Some(t) = t {
            by_key.entry(t.key.clone()).or_default().push_back(k);
        }
    }
    let mut src_left = Vec::new();
    for n in src.numbers.drain(..) {
        match by_key.get_mut(&n.key).and_then(|q| q.pop_front()) {
            Some(k) => tgt_left[k] = None,
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

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::find::number_spans;
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
