//! Merging translation memories into one bilingual TMX, deduplicated.
//!
//! Every unit is first made a clean pair of the two languages asked for ([`prepare`]): its
//! variants in those languages are found whatever form their tags take (`es`, `es-ES`,
//! `es_MX`, `ES-es`) and relabelled to the tags asked for, other languages are left out,
//! segment ends are trimmed, dates are rewritten in UTC. A unit that cannot be made a pair
//! (a language missing, a segment empty, two variants of one language) is dropped with its
//! reason.
//!
//! Two units are duplicates when their sources and their targets are the same after
//! whitespace is collapsed and text NFC-normalised (see [`Segment::dedup_key`]). Units with
//! the same source and different targets are a conflict, resolved by [`OnConflict`].
//!
//! Merging reads the inputs twice, holding only 128-bit hashes of the keys and the dates
//! between the passes, so memory grows with the number of units but not their text: the
//! first pass decides which units to keep, the second writes them in input order.

use super::lang;
use super::profile::Profile;
use super::tmx::read::TmxReader;
use super::tmx::write::{HeaderOut, TmxWriter};
use super::{hash128, Inline, Tu};
use crate::error::{Error, Result};
use crate::types::date;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Which units to keep when the same source has different targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnConflict {
    /// The unit changed last (`changedate`, then `creationdate`); the first on a tie.
    KeepNewest,
    /// Every distinct target.
    KeepAll,
    /// The first in the order of the inputs.
    KeepFirst,
}

impl FromStr for OnConflict {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "keep-newest" => Ok(OnConflict::KeepNewest),
            "keep-all" => Ok(OnConflict::KeepAll),
            "keep-first" => Ok(OnConflict::KeepFirst),
            _ => Err(format!(
                "unknown policy '{s}': use keep-newest, keep-all or keep-first"
            )),
        }
    }
}

/// What a merge needs to know.
#[derive(Debug, Clone)]
pub struct MergeOptions {
    /// The language pair of the result, as written to it (before a profile's locale form).
    pub src_lang: String,
    pub tgt_lang: String,
    pub on_conflict: OnConflict,
    /// Remove inline elements, keeping the text.
    pub strip_tags: bool,
    pub profile: Option<Profile>,
    /// The header's creation date.
    pub date: String,
}

/// Why a unit was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Same source and target as a unit kept.
    Duplicate,
    /// Same source as a unit kept, another target, and the policy kept the other.
    Conflict,
    /// No variant in the source language.
    NoSource,
    /// No variant in the target language.
    NoTarget,
    /// Two variants for one side (`es-ES` and `es-MX` for `es`).
    TwoVariants,
    /// A side whose segment is empty or whitespace only.
    EmptySegment,
    /// Longer than the profile's tool accepts, and not splittable at a sentence.
    TooLong,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Duplicate => "duplicates (same source and target as a unit kept)",
            Reason::Conflict => "conflicts (same source as a unit kept, another target)",
            Reason::NoSource => "without a variant in the source language",
            Reason::NoTarget => "without a variant in the target language",
            Reason::TwoVariants => "with two variants for one language",
            Reason::EmptySegment => "with an empty segment",
            Reason::TooLong => "too long for the profile's tool",
        }
    }
}

/// A unit in the inputs: file (index into the inputs) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub file: usize,
    pub line: u32,
}

/// Units dropped for one reason: how many, and the first few with what they relate to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dropped {
    pub count: usize,
    /// (the unit, the unit kept instead or a detail).
    pub examples: Vec<(Loc, String)>,
}

/// How many examples of each reason a report keeps.
pub const EXAMPLES: usize = 3;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    pub inputs: Vec<PathBuf>,
    /// Units read from each input.
    pub read: Vec<usize>,
    /// Units of each input written.
    pub kept: Vec<usize>,
    pub written: usize,
    pub dropped: BTreeMap<Reason, Dropped>,
    /// Variants whose tag was rewritten: (tag as read, tag written) → count.
    pub relabelled: BTreeMap<(String, String), usize>,
    /// Variants in other languages left out of otherwise kept units: tag → count.
    pub other_languages: BTreeMap<String, usize>,
    /// Dates rewritten to UTC `YYYYMMDDThhmmssZ`.
    pub dates_rewritten: usize,
    /// Dates that could not be read and were removed.
    pub dates_removed: usize,
    /// Segments whose leading or trailing whitespace was trimmed.
    pub trimmed: usize,
    /// Segments whose inline elements were removed (`strip_tags`).
    pub stripped: usize,
    /// Characters XML 1.0 forbids that were removed.
    pub removed_chars: usize,
    /// Units split for the profile's length limit: (unit, parts).
    pub split: Vec<(Loc, usize)>,
    /// Units whose tuid an earlier unit of the output already had, renamed so that every
    /// tuid names one unit: how many, and the first few (unit, old tuid, new tuid).
    pub renamed: usize,
    pub renamed_examples: Vec<(Loc, String, String)>,
}

impl MergeReport {
    fn drop(&mut self, reason: Reason, loc: Loc, detail: String) {
        let entry = self.dropped.entry(reason).or_default();
        entry.count += 1;
        if entry.examples.len() < EXAMPLES {
            entry.examples.push((loc, detail));
        }
    }

    /// A place as `FILE:LINE`.
    pub fn at(&self, loc: Loc) -> String {
        format!("{}:{}", self.inputs[loc.file].display(), loc.line)
    }
}

impl fmt::Display for MergeReport {
    /// The report printed after a merge: what was read, written, dropped and why.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read: usize = self.read.iter().sum();
        writeln!(
            f,
            "{read} units read from {} file(s), {} written",
            self.inputs.len(),
            self.written
        )?;
        for (i, path) in self.inputs.iter().enumerate() {
            writeln!(
                f,
                "  {}: {} read, {} kept",
                path.display(),
                self.read[i],
                self.kept[i]
            )?;
        }
        for (reason, d) in &self.dropped {
            let examples: Vec<String> = d
                .examples
                .iter()
                .map(|(loc, detail)| {
                    if detail.is_empty() {
                        self.at(*loc)
                    } else {
                        format!("{} ({detail})", self.at(*loc))
                    }
                })
                .collect();
            let more = if d.count > d.examples.len() {
                ", ..."
            } else {
                ""
            };
            writeln!(
                f,
                "{} dropped {}: {}{more}",
                d.count,
                reason.describe(),
                examples.join(", ")
            )?;
        }
        for ((from, to), n) in &self.relabelled {
            writeln!(f, "{n} variant(s) relabelled {from} -> {to}")?;
        }
        for (tag, n) in &self.other_languages {
            writeln!(f, "{n} variant(s) in {tag} left out (not in the pair)")?;
        }
        let counts = [
            (
                self.dates_rewritten,
                "date(s) rewritten as UTC YYYYMMDDThhmmssZ",
            ),
            (self.dates_removed, "unreadable date(s) removed"),
            (self.trimmed, "segment(s) trimmed of whitespace at the ends"),
            (self.stripped, "segment(s) stripped of inline tags"),
            (
                self.removed_chars,
                "character(s) that XML 1.0 forbids removed",
            ),
        ];
        for (n, what) in counts {
            if n > 0 {
                writeln!(f, "{n} {what}")?;
            }
        }
        if !self.split.is_empty() {
            let list: Vec<String> = self
                .split
                .iter()
                .take(EXAMPLES)
                .map(|(loc, parts)| format!("{} ({parts} parts)", self.at(*loc)))
                .collect();
            writeln!(
                f,
                "{} unit(s) split at sentences for the length limit: {}",
                self.split.len(),
                list.join(", ")
            )?;
        }
        if self.renamed > 0 {
            let list: Vec<String> = self
                .renamed_examples
                .iter()
                .map(|(loc, old, new)| format!("{} {old} → {new}", self.at(*loc)))
                .collect();
            writeln!(
                f,
                "{} tuid(s) already used by another unit renamed: {}",
                self.renamed,
                list.join(", ")
            )?;
        }
        Ok(())
    }
}

/// Counters [`prepare`] adds to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrepareCounts {
    pub relabelled: BTreeMap<(String, String), usize>,
    pub other_languages: BTreeMap<String, usize>,
    pub dates_rewritten: usize,
    pub dates_removed: usize,
    pub trimmed: usize,
    pub stripped: usize,
}

/// The variants of a unit in `src` and in `tgt`, and the tags of the others. A variant is in
/// a language when its tag is that tag (case and `_`/`-` aside); where a unit has none such,
/// its one variant of the same primary language is taken (`es-MX` for `es`), unless the two
/// languages share their primary language. Two variants that could both be one side (two
/// `fr-CA`, or `es-AR` and `es-BO` with no `es`) make the unit ambiguous.
#[allow(clippy::type_complexity)]
fn pick_variants(
    tuvs: Vec<super::Tuv>,
    src: &str,
    tgt: &str,
) -> std::result::Result<(Option<super::Tuv>, Option<super::Tuv>, Vec<String>), (Reason, String)> {
    let key = |t: &str| lang::canonical(t).to_ascii_lowercase();
    let same_primary = lang::primary(src) == lang::primary(tgt);
    // The variant of `wanted`, other than `skip` (the one the source took).
    let pick = |wanted: &str,
                skip: Option<usize>|
     -> std::result::Result<Option<usize>, (Reason, String)> {
        let among = |same: &dyn Fn(&str) -> bool| -> Vec<usize> {
            (0..tuvs.len())
                .filter(|&i| Some(i) != skip && same(&tuvs[i].lang))
                .collect()
        };
        let mut found = among(&|t| key(t) == key(wanted));
        if found.is_empty() && !same_primary {
            found = among(&|t| lang::primary(t) == lang::primary(wanted));
        }
        match found[..] {
            [] => Ok(None),
            [i] => Ok(Some(i)),
            [i, j, ..] => Err((
                Reason::TwoVariants,
                format!("{} and {}", tuvs[i].lang, tuvs[j].lang),
            )),
        }
    };
    // A side falls back to its primary language only when the other side has another one,
    // so neither side can take the other's variant.
    let s = pick(src, None)?;
    let t = pick(tgt, s)?;
    let others = (0..tuvs.len())
        .filter(|&i| Some(i) != s && Some(i) != t)
        .map(|i| tuvs[i].lang.clone())
        .collect();
    let mut tuvs: Vec<Option<super::Tuv>> = tuvs.into_iter().map(Some).collect();
    let s = s.and_then(|i| tuvs[i].take());
    let t = t.and_then(|i| tuvs[i].take());
    Ok((s, t, others))
}

/// Makes a unit a clean pair of `src` and `tgt`: the source variant first, then the target
/// variant, tags relabelled, other languages left out, segment ends trimmed, dates in UTC.
pub fn prepare(
    mut tu: Tu,
    src: &str,
    tgt: &str,
    strip_tags: bool,
    counts: &mut PrepareCounts,
) -> std::result::Result<Tu, (Reason, String)> {
    let (src_tuv, tgt_tuv, others) = pick_variants(std::mem::take(&mut tu.tuvs), src, tgt)?;
    let Some(mut s) = src_tuv else {
        return Err((Reason::NoSource, languages(tgt_tuv.as_ref(), &others)));
    };
    let Some(mut t) = tgt_tuv else {
        return Err((Reason::NoTarget, languages(Some(&s), &others)));
    };
    for (tuv, tag) in [(&mut s, src), (&mut t, tgt)] {
        if tuv.lang != tag {
            *counts
                .relabelled
                .entry((tuv.lang.clone(), tag.to_string()))
                .or_default() += 1;
            tuv.lang = tag.to_string();
        }
        if strip_tags && tuv.seg.has_tags() {
            tuv.seg = tuv.seg.stripped();
            counts.stripped += 1;
        }
        if trim(&mut tuv.seg.0) {
            counts.trimmed += 1;
        }
        if tuv.seg.0.is_empty() {
            return Err((Reason::EmptySegment, format!("{tag} side")));
        }
        fix_dates(&mut tuv.attrs, counts);
    }
    for tag in others {
        *counts.other_languages.entry(tag).or_default() += 1;
    }
    fix_dates(&mut tu.attrs, counts);
    if tu.attr("srclang").is_some() {
        tu.set_attr("srclang", src);
    }
    tu.tuvs = vec![s, t];
    Ok(tu)
}

fn languages(found: Option<&super::Tuv>, others: &[String]) -> String {
    let mut tags: Vec<&str> = found.iter().map(|t| t.lang.as_str()).collect();
    tags.extend(others.iter().map(String::as_str));
    if tags.is_empty() {
        "no variants".into()
    } else {
        format!("has {}", tags.join(", "))
    }
}

/// Trims whitespace at both ends of a segment's text; drops text that becomes empty.
/// Returns whether anything was trimmed.
fn trim(items: &mut Vec<Inline>) -> bool {
    let mut changed = false;
    if let Some(Inline::Text(t)) = items.first_mut() {
        let kept = t.trim_start().len();
        if kept != t.len() {
            *t = t.trim_start().to_string();
            changed = true;
        }
    }
    if let Some(Inline::Text(t)) = items.last_mut() {
        let kept = t.trim_end().len();
        if kept != t.len() {
            t.truncate(kept);
            changed = true;
        }
    }
    items.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    changed
}

fn fix_dates(attrs: &mut Vec<super::Attr>, counts: &mut PrepareCounts) {
    attrs.retain_mut(|(k, v)| {
        if !matches!(k.as_str(), "creationdate" | "changedate" | "lastusagedate") {
            return true;
        }
        match date::to_utc(v) {
            Some(utc) if utc == *v => true,
            Some(utc) => {
                *v = utc;
                counts.dates_rewritten += 1;
                true
            }
            None => {
                counts.dates_removed += 1;
                false
            }
        }
    });
}

/// One unit that pass 1 saw as a pair: its keys, place and dates.
#[derive(Debug, Clone, Copy)]
struct Cand {
    pair: u128,
    file: u32,
    index: u64,
    line: u32,
    dates: (u64, u64),
}

/// Merges `inputs` into one TMX written to `out` (`out_path` names it in messages).
pub fn merge(
    inputs: &[PathBuf],
    opts: &MergeOptions,
    out: &mut dyn Write,
    out_path: &Path,
) -> Result<MergeReport> {
    let mut report = MergeReport {
        inputs: inputs.to_vec(),
        read: vec![0; inputs.len()],
        kept: vec![0; inputs.len()],
        ..MergeReport::default()
    };
    let mut scratch = PrepareCounts::default();

    // Pass 1: keys, and the headers' segtype and datatype.
    let mut groups: HashMap<u128, Vec<Cand>> = HashMap::new();
    let mut segtypes = Vec::new();
    let mut datatypes = Vec::new();
    let mut namespaces = Vec::new();
    for (f, path) in inputs.iter().enumerate() {
        let mut reader = TmxReader::open(path)?;
        segtypes.push(reader.header().attr("segtype").unwrap_or("").to_string());
        // Namespace prefixes the units' attributes use; the first file's URI for a prefix.
        for (name, uri) in &reader.header().namespaces {
            if !namespaces.iter().any(|(n, _): &(String, String)| n == name) {
                namespaces.push((name.clone(), uri.clone()));
            }
        }
        datatypes.push(reader.header().attr("datatype").unwrap_or("").to_string());
        let mut index = 0u64;
        while let Some(tu) = reader.next_tu()? {
            let line = tu.pos.line;
            let loc = Loc { file: f, line };
            report.read[f] += 1;
            match prepare(
                tu,
                &opts.src_lang,
                &opts.tgt_lang,
                opts.strip_tags,
                &mut scratch,
            ) {
                Ok(tu) => {
                    // A translation for one context (OmegaT's alternative translations: the
                    // file, the segments around it, an id) is not a rival of the default
                    // translation of the same source: they are grouped apart.
                    let src_key = format!("{}{}", tu.tuvs[0].seg.dedup_key(), context_key(&tu));
                    let pair_key = format!("{src_key}\u{0}{}", tu.tuvs[1].seg.dedup_key());
                    groups.entry(hash128(&src_key)).or_default().push(Cand {
                        pair: hash128(&pair_key),
                        file: f as u32,
                        index,
                        line,
                        dates: tu.date_key(),
                    });
                }
                Err((reason, detail)) => report.drop(reason, loc, detail),
            }
            index += 1;
            reader.take_findings();
        }
    }

    // Between the passes: which units to keep.
    let mut keep: Vec<Vec<u64>> = vec![Vec::new(); inputs.len()];
    let mut group_list: Vec<Vec<Cand>> = groups.into_values().collect();
    // Reports list the earliest examples first, whatever the hash order.
    group_list.sort_by_key(|g| (g[0].file, g[0].index));
    for group in group_list {
        for kept in resolve(&group, opts.on_conflict, &mut report) {
            keep[kept.file as usize].push(kept.index);
        }
    }
    for list in &mut keep {
        list.sort_unstable();
    }
    for reason in [Reason::Duplicate, Reason::Conflict] {
        if let Some(d) = report.dropped.get_mut(&reason) {
            d.examples.sort_by_key(|(loc, _)| (loc.file, loc.line));
        }
    }

    // Pass 2: write the kept units in input order.
    let src_out = opts
        .profile
        .map_or(opts.src_lang.clone(), |p| p.locale(&opts.src_lang));
    let header = HeaderOut {
        srclang: src_out,
        segtype: agreed(&segtypes, "sentence"),
        datatype: agreed(&datatypes, "plaintext"),
        date: opts.date.clone(),
        namespaces,
    };
    let werr = |e| Error::io(out_path, "write", e);
    let mut writer = TmxWriter::start(out, &header).map_err(werr)?;
    let mut counts = PrepareCounts::default();
    let mut tuids: HashSet<String> = HashSet::new();
    for (f, path) in inputs.iter().enumerate() {
        let mut reader = TmxReader::open(path)?;
        let mut wanted = keep[f].iter().peekable();
        let mut index = 0u64;
        while let Some(tu) = reader.next_tu()? {
            if wanted.peek() == Some(&&index) {
                wanted.next();
                let loc = Loc {
                    file: f,
                    line: tu.pos.line,
                };
                let tu = prepare(
                    tu,
                    &opts.src_lang,
                    &opts.tgt_lang,
                    opts.strip_tags,
                    &mut counts,
                )
                .expect("a unit kept in pass 1 prepares again");
                let units = match opts.profile {
                    Some(profile) => {
                        let (units, fit) = crate::tm::profile::fit_to_profile(vec![tu], profile);
                        if let Some((_, chars)) = fit.too_long.first() {
                            report.drop(Reason::TooLong, loc, format!("{chars} characters"));
                        }
                        if let Some((_, parts)) = fit.split.first() {
                            report.split.push((loc, *parts));
                        }
                        units
                    }
                    None => vec![tu],
                };
                if !units.is_empty() {
                    report.kept[f] += 1;
                }
                for mut unit in units {
                    unique_tuid(&mut unit, &mut tuids, loc, &mut report);
                    report.removed_chars += writer.write_tu(&unit).map_err(werr)?;
                }
            }
            index += 1;
            reader.take_findings();
        }
        if wanted.peek().is_some() {
            return Err(Error::bad_input(
                path,
                "changed while it was being merged (fewer units on the second read)",
            ));
        }
    }
    report.written = writer.written();
    writer.finish().map_err(werr)?;
    report.relabelled = counts.relabelled;
    report.other_languages = counts.other_languages;
    report.dates_rewritten = counts.dates_rewritten;
    report.dates_removed = counts.dates_removed;
    report.trimmed = counts.trimmed;
    report.stripped = counts.stripped;
    Ok(report)
}

/// Gives `unit` a tuid no unit written before it has (`ID-2`, `ID-3` ...), when its own is
/// taken: two memories that number their units the same way merge into one whose tuids
/// still name one unit each.
fn unique_tuid(unit: &mut Tu, taken: &mut HashSet<String>, loc: Loc, report: &mut MergeReport) {
    let Some(tuid) = unit.attr("tuid").map(String::from) else {
        return;
    };
    if taken.insert(tuid.clone()) {
        return;
    }
    let new = (2..)
        .map(|k| format!("{tuid}-{k}"))
        .find(|c| !taken.contains(c))
        .expect("some suffix is free");
    taken.insert(new.clone());
    unit.set_attr("tuid", &new);
    report.renamed += 1;
    if report.renamed_examples.len() < EXAMPLES {
        report.renamed_examples.push((loc, tuid, new));
    }
}

/// The props that tie a unit to one context (OmegaT writes `x-file`, `x-prev`, `x-next`,
/// `x-id` on an alternative translation), joined; empty for a default translation.
fn context_key(tu: &Tu) -> String {
    const CONTEXT: [&str; 5] = ["x-file", "x-prev", "x-next", "x-id", "x-context"];
    let mut key = String::new();
    for prop in tu
        .props
        .iter()
        .filter(|p| CONTEXT.contains(&p.kind.as_str()))
    {
        key.push('\u{1}');
        key.push_str(&prop.kind);
        key.push('=');
        key.push_str(&prop.value);
    }
    key
}

/// The value all inputs agree on, else `fallback`.
fn agreed(values: &[String], fallback: &str) -> String {
    match values.first() {
        Some(v) if !v.is_empty() && values.iter().all(|x| x == v) => v.clone(),
        _ => fallback.to_string(),
    }
}

/// Decides which units of one source to keep; records the others in the report.
fn resolve(group: &[Cand], policy: OnConflict, report: &mut MergeReport) -> Vec<Cand> {
    let loc = |c: &Cand| Loc {
        file: c.file as usize,
        line: c.line,
    };
    // One representative per distinct pair, in order of first appearance.
    let mut reps: Vec<Cand> = Vec::new();
    let mut copies: Vec<Vec<Cand>> = Vec::new();
    for c in group {
        match reps.iter().position(|r| r.pair == c.pair) {
            Some(k) => {
                copies[k].push(*c);
                if policy == OnConflict::KeepNewest && c.dates > reps[k].dates {
                    reps[k] = *c;
                }
            }
            None => {
                reps.push(*c);
                copies.push(vec![*c]);
            }
        }
    }
    for (rep, all) in reps.iter().zip(&copies) {
        for c in all {
            if (c.file, c.index) != (rep.file, rep.index) {
                let kept = report.at(loc(rep));
                report.drop(Reason::Duplicate, loc(c), format!("kept {kept}"));
            }
        }
    }
    let winner = match policy {
        OnConflict::KeepAll => return reps,
        OnConflict::KeepFirst => 0,
        OnConflict::KeepNewest => {
            let mut best = 0;
            for (k, r) in reps.iter().enumerate() {
                if r.dates > reps[best].dates {
                    best = k;
                }
            }
            best
        }
    };
    let kept = report.at(loc(&reps[winner]));
    for (k, r) in reps.iter().enumerate() {
        if k != winner {
            report.drop(Reason::Conflict, loc(r), format!("kept {kept}"));
        }
    }
    vec![reps[winner]]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Tuv;

    fn unit(tags: &[(&str, &str)]) -> Tu {
        Tu {
            tuvs: tags.iter().map(|(l, t)| Tuv::plain(l, t)).collect(),
            ..Tu::default()
        }
    }

    #[test]
    fn prepare_relabels_orders_and_trims() {
        let mut counts = PrepareCounts::default();
        let mut tu = unit(&[("EN-us", "Hello "), ("fr", "Salut"), ("es_MX", " Hola")]);
        tu.set_attr("changedate", "2024-09-26T11:17:00+02:00");
        tu.set_attr("creationdate", "yesterday");
        let tu = prepare(tu, "es", "en", false, &mut counts).unwrap();
        assert_eq!(tu.tuvs[0].lang, "es");
        assert_eq!(tu.tuvs[0].seg.plain_text(), "Hola");
        assert_eq!(tu.tuvs[1].lang, "en");
        assert_eq!(tu.attr("changedate"), Some("20240926T091700Z"));
        assert_eq!(tu.attr("creationdate"), None);
        assert_eq!(counts.trimmed, 2);
        assert_eq!(counts.other_languages.get("fr"), Some(&1));
        assert_eq!(
            counts
                .relabelled
                .get(&("es_MX".to_string(), "es".to_string())),
            Some(&1)
        );
        assert_eq!((counts.dates_rewritten, counts.dates_removed), (1, 1));
    }

    #[test]
    fn variants_are_taken_by_exact_tag_first_then_by_primary_language() {
        let langs = |tags: &[&str], src: &str, tgt: &str| {
            let tu = unit(&tags.iter().map(|t| (*t, "x")).collect::<Vec<_>>());
            pick_variants(tu.tuvs, src, tgt)
                .map(|(s, t, others)| (s.map(|v| v.lang), t.map(|v| v.lang), others))
        };
        let some = |s: &str| Some(s.to_string());
        // The exact tag beside a regional variant of it: the exact one.
        assert_eq!(
            langs(&["be", "en", "en-US"], "be", "en"),
            Ok((some("be"), some("en"), vec!["en-US".to_string()]))
        );
        // Case and `_` aside.
        assert_eq!(
            langs(&["ES-es", "EN_gb"], "es-ES", "en-GB").map(|x| x.0),
            Ok(some("ES-es"))
        );
        // No exact tag: the one variant of the primary language.
        assert_eq!(
            langs(&["en-GB", "be"], "be", "en"),
            Ok((some("be"), some("en-GB"), vec![]))
        );
        // Two candidates for one side: ambiguous.
        assert_eq!(
            langs(&["en-US", "es-AR", "es-BO"], "en-US", "es").map(|_| ()),
            Err((Reason::TwoVariants, "es-AR and es-BO".to_string()))
        );
        // Two varieties of one language: only exact tags decide.
        assert_eq!(
            langs(&["es-MX", "es-AR"], "es-ES", "es-MX"),
            Ok((None, some("es-MX"), vec!["es-AR".to_string()]))
        );
    }

    #[test]
    fn prepare_says_why_a_unit_is_dropped() {
        let mut c = PrepareCounts::default();
        let why = |tu: Tu, c: &mut PrepareCounts| prepare(tu, "es", "en", false, c).unwrap_err().0;
        assert_eq!(why(unit(&[("en", "Hi")]), &mut c), Reason::NoSource);
        assert_eq!(why(unit(&[("es", "Hola")]), &mut c), Reason::NoTarget);
        assert_eq!(
            why(
                unit(&[("es-ES", "Hola"), ("es-MX", "Qué onda"), ("en", "Hi")]),
                &mut c
            ),
            Reason::TwoVariants
        );
        assert_eq!(
            why(unit(&[("es", "  "), ("en", "Hi")]), &mut c),
            Reason::EmptySegment
        );
    }

    fn cand(pair: u128, index: u64, change: u64) -> Cand {
        Cand {
            pair,
            file: 0,
            index,
            line: index as u32 + 1,
            dates: (change, 0),
        }
    }

    fn report() -> MergeReport {
        MergeReport {
            inputs: vec!["a.tmx".into()],
            ..MergeReport::default()
        }
    }

    #[test]
    fn conflicts_follow_the_policy() {
        let group = [cand(1, 0, 5), cand(2, 1, 9), cand(1, 2, 7), cand(3, 3, 1)];
        let mut r = report();
        let kept = resolve(&group, OnConflict::KeepNewest, &mut r);
        assert_eq!(kept.iter().map(|c| c.index).collect::<Vec<_>>(), [1]);
        assert_eq!(r.dropped[&Reason::Duplicate].count, 1);
        assert_eq!(r.dropped[&Reason::Conflict].count, 2);

        let mut r = report();
        let kept = resolve(&group, OnConflict::KeepFirst, &mut r);
        assert_eq!(kept.iter().map(|c| c.index).collect::<Vec<_>>(), [0]);
        assert_eq!(r.dropped[&Reason::Duplicate].examples[0].1, "kept a.tmx:1");

        let mut r = report();
        let kept = resolve(&group, OnConflict::KeepAll, &mut r);
        assert_eq!(kept.iter().map(|c| c.index).collect::<Vec<_>>(), [0, 1, 3]);
        assert!(!r.dropped.contains_key(&Reason::Conflict));
    }

    #[test]
    fn keep_newest_keeps_the_newest_copy_of_a_duplicate() {
        let group = [cand(1, 0, 5), cand(1, 1, 9)];
        let mut r = report();
        let kept = resolve(&group, OnConflict::KeepNewest, &mut r);
        assert_eq!(kept[0].index, 1);
        assert_eq!(r.dropped[&Reason::Duplicate].examples[0].0.line, 1);
    }
}
