//! Figures about a TMX, gathered in one streaming pass: units, languages, segment lengths,
//! duplicates, props, inline tags and dates.

use super::tmx::read::TmxReader;
use super::{hash128, lang, Tu};
use crate::error::Result;
use crate::types::date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;

/// Upper bounds (characters) of the segment length buckets; the last bucket is open.
pub const BUCKETS: [usize; 8] = [10, 20, 50, 100, 200, 500, 1000, 2000];

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub version: String,
    pub creationtool: String,
    pub srclang: String,
    pub units: usize,
    /// Per language tag as written: variants and their lengths.
    pub languages: BTreeMap<String, LangStats>,
    /// Units whose variants (language and text) are all the same as an earlier unit's.
    pub duplicate_units: usize,
    /// Sources (in the unit's srclang) that have more than one distinct translation.
    pub sources_with_several_translations: usize,
    /// Prop types and how many units or variants carry them.
    pub props: BTreeMap<String, usize>,
    /// Units with inline tags in some variant.
    pub units_with_tags: usize,
    /// The earliest and latest dates (creation or change), UTC.
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LangStats {
    pub variants: usize,
    pub empty: usize,
    pub min_chars: usize,
    pub max_chars: usize,
    pub mean_chars: f64,
    /// Variants whose length is at most `BUCKETS[k]` (and more than the bucket before);
    /// the last count is for the longer ones.
    pub length_buckets: Vec<usize>,
    #[serde(skip)]
    total_chars: usize,
}

/// Reads the whole file and returns its figures.
pub fn stats<R: Read>(reader: &mut TmxReader<R>) -> Result<Stats> {
    let header = reader.header();
    let mut s = Stats {
        version: header.version.clone(),
        creationtool: header.attr("creationtool").unwrap_or_default().to_string(),
        srclang: header.attr("srclang").unwrap_or_default().to_string(),
        ..Stats::default()
    };
    let mut seen_units: HashSet<u128> = HashSet::new();
    // Source key → the first translation seen, or 0 once a second one was counted.
    let mut sources: HashMap<u128, u128> = HashMap::new();
    let mut dates: Vec<u64> = Vec::new();
    while let Some(tu) = reader.next_tu()? {
        s.units += 1;
        reader.take_findings();
        unit(&mut s, &tu, &mut seen_units, &mut sources, &mut dates);
    }
    for l in s.languages.values_mut() {
        if l.variants > 0 {
            l.mean_chars = (l.total_chars as f64 / l.variants as f64 * 10.0).round() / 10.0;
        }
    }
    s.first_date = dates.iter().min().map(|&d| date::format_epoch(d));
    s.last_date = dates.iter().max().map(|&d| date::format_epoch(d));
    Ok(s)
}

fn unit(
    s: &mut Stats,
    tu: &Tu,
    seen_units: &mut HashSet<u128>,
    sources: &mut HashMap<u128, u128>,
    dates: &mut Vec<u64>,
) {
    let mut parts: Vec<String> = Vec::new();
    for p in &tu.props {
        *s.props.entry(p.kind.clone()).or_default() += 1;
    }
    let src = tu.attr("srclang").unwrap_or(&s.srclang).to_string();
    let mut source_key = None;
    let mut tags = false;
    for tuv in &tu.tuvs {
        let n = tuv.seg.char_len();
        let l = s
            .languages
            .entry(tuv.lang.clone())
            .or_insert_with(|| LangStats {
                min_chars: usize::MAX,
                length_buckets: vec![0; BUCKETS.len() + 1],
                ..LangStats::default()
            });
        l.variants += 1;
        l.total_chars += n;
        l.min_chars = l.min_chars.min(n);
        l.max_chars = l.max_chars.max(n);
        if tuv.seg.plain_text().trim().is_empty() {
            l.empty += 1;
        }
        let bucket = BUCKETS
            .iter()
            .position(|&b| n <= b)
            .unwrap_or(BUCKETS.len());
        l.length_buckets[bucket] += 1;
        for p in &tuv.props {
            *s.props.entry(p.kind.clone()).or_default() += 1;
        }
        tags |= tuv.seg.has_tags();
        let key = format!(
            "{}\u{0}{}",
            lang::canonical(&tuv.lang).to_ascii_lowercase(),
            tuv.seg.dedup_key()
        );
        if lang::canonical(&tuv.lang).eq_ignore_ascii_case(&lang::canonical(&src)) {
            source_key.get_or_insert(hash128(&key));
        }
        parts.push(key);
        for (k, v) in &tuv.attrs {
            if k == "creationdate" || k == "changedate" {
                dates.extend(date::to_epoch(v));
            }
        }
    }
    for (k, v) in &tu.attrs {
        if k == "creationdate" || k == "changedate" {
            dates.extend(date::to_epoch(v));
        }
    }
    // Keep only the extremes, so memory does not grow.
    if dates.len() > 2 {
        let (lo, hi) = (*dates.iter().min().unwrap(), *dates.iter().max().unwrap());
        *dates = vec![lo, hi];
    }
    s.units_with_tags += usize::from(tags);
    parts.sort();
    let unit_key = hash128(&parts.join("\u{1}"));
    if !seen_units.insert(unit_key) {
        s.duplicate_units += 1;
        return;
    }
    if let Some(src_key) = source_key {
        match sources.get(&src_key) {
            None => {
                sources.insert(src_key, unit_key);
            }
            Some(&first) if first != 0 && first != unit_key => {
                s.sources_with_several_translations += 1;
                sources.insert(src_key, 0);
            }
            Some(_) => {}
        }
    }
}

impl Stats {
    /// The figures as text, for a person.
    pub fn render(&self) -> String {
        let mut out = format!(
            "TMX {}{}, srclang {}\n{} units ({} with inline tags)\n",
            self.version,
            if self.creationtool.is_empty() {
                String::new()
            } else {
                format!(" from {}", self.creationtool)
            },
            if self.srclang.is_empty() {
                "missing"
            } else {
                &self.srclang
            },
            self.units,
            self.units_with_tags,
        );
        out.push_str(&format!(
            "{} duplicate units; {} sources with more than one translation\n",
            self.duplicate_units, self.sources_with_several_translations
        ));
        if let (Some(a), Some(b)) = (&self.first_date, &self.last_date) {
            out.push_str(&format!("dates from {a} to {b}\n"));
        }
        out.push_str("\nlanguage  variants  empty  min  mean  max  (characters)\n");
        for (tag, l) in &self.languages {
            out.push_str(&format!(
                "{tag:<9} {:>8} {:>6} {:>4} {:>5} {:>4}\n",
                l.variants, l.empty, l.min_chars, l.mean_chars, l.max_chars
            ));
        }
        out.push_str("\nsegment length (characters):");
        let mut lower = 0;
        let labels: Vec<String> = BUCKETS
            .iter()
            .map(|&b| {
                let label = format!("{}-{b}", lower);
                lower = b + 1;
                label
            })
            .chain(std::iter::once(format!(">{}", BUCKETS[BUCKETS.len() - 1])))
            .collect();
        out.push('\n');
        out.push_str(&format!("{:<9}", ""));
        for label in &labels {
            out.push_str(&format!(" {label:>9}"));
        }
        out.push('\n');
        for (tag, l) in &self.languages {
            out.push_str(&format!("{tag:<9}"));
            for n in &l.length_buckets {
                out.push_str(&format!(" {n:>9}"));
            }
            out.push('\n');
        }
        if !self.props.is_empty() {
            out.push_str("\nprops:\n");
            for (kind, n) in &self.props {
                out.push_str(&format!("  {kind}: {n}\n"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn figures_of_a_small_memory() {
        let text = r#"<tmx version="1.4"><header srclang="es" creationtool="t"/><body>
<tu creationdate="20200101T000000Z"><prop type="x-a">1</prop><tuv xml:lang="es"><seg>Hola.</seg></tuv><tuv xml:lang="en"><seg>Hi.</seg></tuv></tu>
<tu changedate="2021-01-01T01:00:00+01:00"><tuv xml:lang="es"><seg>Hola.</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg> Hola. </seg></tuv><tuv xml:lang="en"><seg>Hi.</seg></tuv></tu>
<tu><tuv xml:lang="es"><seg><ph x="1"/>Adiós, muy buenas tardes a todos.</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
</body></tmx>"#;
        let mut r = TmxReader::from_reader(Path::new("s.tmx"), text.as_bytes()).unwrap();
        let s = stats(&mut r).unwrap();
        assert_eq!(s.units, 4);
        assert_eq!(s.duplicate_units, 1);
        assert_eq!(s.sources_with_several_translations, 1);
        assert_eq!(s.units_with_tags, 1);
        assert_eq!(s.props.get("x-a"), Some(&1));
        let es = &s.languages["es"];
        assert_eq!((es.variants, es.min_chars, es.max_chars), (4, 5, 33));
        assert_eq!(es.length_buckets[0], 3);
        assert_eq!(es.length_buckets[2], 1);
        assert_eq!(s.languages["en"].empty, 1);
        assert_eq!(s.first_date.as_deref(), Some("20200101T000000Z"));
        assert_eq!(s.last_date.as_deref(), Some("20210101T000000Z"));
        assert!(s.render().contains("4 units (1 with inline tags)"));
    }
}
