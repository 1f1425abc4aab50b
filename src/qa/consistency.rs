//! One source, several translations: the same source text (whitespace and case aside)
//! translated differently elsewhere in the document or memory.
//!
//! Pass 1 keeps a 64-bit hash of each source and of its translation (compared without
//! case, punctuation or spacing, so `Press release` and `Press Release.` agree); only the
//! sources found with more than one translation are kept for pass 2, which collects their
//! units. The translation most units give (the first, on a tie) is taken as the usual one;
//! every unit that translates the source otherwise is a finding that quotes it.

use super::{is_word, words, Finding, Kind, QaUnit, Severity, Side};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The translations of each source, then the units of the sources with several.
#[derive(Debug, Default)]
pub struct Table {
    /// Source hash -> (translation hash, units, first unit) for each translation.
    groups: HashMap<u64, Vec<(u64, usize, usize)>>,
    /// Pass 2: units of sources with several translations, in order.
    members: Vec<Member>,
    seen: usize,
}

#[derive(Debug)]
struct Member {
    source: u64,
    target: u64,
    finding: Finding,
}

impl Table {
    pub fn observe(&mut self, unit: &QaUnit) {
        let k = self.seen;
        self.seen += 1;
        let Some((source, target)) = keys(unit) else {
            return;
        };
        let variants = self.groups.entry(source).or_default();
        match variants.iter_mut().find(|v| v.0 == target) {
            Some(v) => v.1 += 1,
            None => variants.push((target, 1, k)),
        }
    }

    /// Ends pass 1: forgets the sources with one translation.
    pub fn close(&mut self) {
        self.groups.retain(|_, v| v.len() > 1);
    }

    /// Pass 2: keeps unit `k` if its source has several translations.
    pub fn check(&mut self, k: usize, unit: &QaUnit) {
        let Some((source, target)) = keys(unit) else {
            return;
        };
        if !self.groups.contains_key(&source) {
            return;
        }
        let src: Vec<usize> = unit.src.iter().map(|s| s.index).collect();
        let tgt: Vec<usize> = unit.tgt.iter().map(|s| s.index).collect();
        self.members.push(Member {
            source,
            target,
            finding: Finding {
                kind: Kind::Inconsistent,
                severity: Severity::Warning,
                unit: k,
                tuid: unit.tuid.clone(),
                src,
                tgt,
                src_text: unit.text(Side::Src),
                tgt_text: unit.text(Side::Tgt),
                message: String::new(),
                place: unit.place(),
                marks: Vec::new(),
            },
        });
    }

    /// The findings: every unit that does not give its source's usual translation.
    pub fn findings(&mut self) -> Vec<Finding> {
        let mut out = Vec::new();
        for (source, variants) in &self.groups {
            let usual = variants
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .expect("a group has variants");
            let Some(example) = self
                .members
                .iter()
                .find(|m| m.source == *source && m.target == usual.0)
            else {
                continue;
            };
            let example = &example.finding;
            let others = usual.1 - 1;
            let also = match others {
                0 => String::new(),
                1 => " and 1 other unit".to_string(),
                n => format!(" and {n} other units"),
            };
            let message = format!(
                "the same source is translated '{}' in {}{also}",
                example.tgt_text, example.tuid
            );
            for m in &self.members {
                if m.source == *source && m.target != usual.0 {
                    let mut f = m.finding.clone();
                    f.message = message.clone();
                    out.push(f);
                }
            }
        }
        out.sort_by_key(|f| f.unit);
        out
    }
}

/// The hashes of a unit's source and translation; `None` for a unit with an empty side
/// or a source without words.
fn keys(unit: &QaUnit) -> Option<(u64, u64)> {
    if !unit.is_pair() {
        return None;
    }
    let src = unit.text(Side::Src);
    if !words(&src).any(|(_, w)| is_word(w)) {
        return None;
    }
    let source = src
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let target: String = unit
        .text(Side::Tgt)
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some((hash(&source), hash(&target)))
}

fn hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::super::tests::unit;
    use super::super::{check_units, Langs, QaOptions};
    use super::*;

    #[test]
    fn a_source_translated_two_ways_is_found_where_it_differs_from_the_usual() {
        let mut units = vec![
            unit(&["Comunicado de prensa"], &["Press release"]),
            unit(&["Hola."], &["Hello."]),
            unit(&["Comunicado  de prensa"], &["Press Release."]),
            unit(&["Comunicado de prensa"], &["Statement"]),
            unit(&["2024"], &["2023"]),
            unit(&["2024"], &["2024"]),
        ];
        for (k, u) in units.iter_mut().enumerate() {
            u.tuid = format!("d-{}", k + 1);
        }
        let found: Vec<Finding> =
            check_units(&units, Langs::new("es", "en"), &QaOptions::default())
                .into_iter()
                .filter(|f| f.kind == Kind::Inconsistent)
                .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].unit, 3);
        assert_eq!(
            found[0].message,
            "the same source is translated 'Press release' in d-1 and 1 other unit"
        );
    }
}
