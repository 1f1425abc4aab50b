//! What each CAT tool imports best, applied when a TMX is written for it: the locale form
//! of the language tags, the longest segment it accepts, and the names of props. Nothing
//! else changes.
//!
//! | profile | tags | longest side | props |
//! |---|---|---|---|
//! | `trados` | `es-ES`, `en-US` (Trados TMs are per locale) | 2,000 characters (Trados Cloud refuses longer) | `x-NAME:SingleString`, the field syntax of Trados' own exports |
//! | `memoq` | `es-ES`, `en-US` (memoQ assigns TMX languages to a TM's by code) | no limit | as written (`x-document` is memoQ's own document field) |
//! | `omegat` | `es`, `en` (OmegaT matches on language, any country) | no limit | as written |
//! | `phrase` | `es`, `en` (a language-level TM serves every variety) | no limit | as written |
//!
//! A tag that already names a region keeps it for the locale profiles; the language-only
//! profiles drop it.
//!
//! ```
//! use alinea::tm::profile::Profile;
//! let trados: Profile = "trados".parse().unwrap();
//! assert_eq!(trados.locale("es"), "es-ES");
//! assert_eq!(trados.locale("es_mx"), "es-MX");
//! assert_eq!(Profile::Omegat.locale("es-MX"), "es");
//! assert_eq!(trados.prop_name("x-bead"), "x-bead:SingleString");
//! ```

use super::{lang, Tu};
use crate::align::{align_documents, cost::CostModel};
use crate::input::Document;
use crate::segment::{segment_document, side_text};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Trados,
    Memoq,
    Omegat,
    Phrase,
}

/// The longest segment side Trados Cloud imports, in characters.
pub const TRADOS_MAX_CHARS: usize = 2000;

impl Profile {
    pub const ALL: [Profile; 4] = [
        Profile::Trados,
        Profile::Memoq,
        Profile::Omegat,
        Profile::Phrase,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Trados => "trados",
            Profile::Memoq => "memoq",
            Profile::Omegat => "omegat",
            Profile::Phrase => "phrase",
        }
    }

    /// The tag in the form the tool matches best.
    pub fn locale(self, tag: &str) -> String {
        let canon = lang::canonical(tag);
        match self {
            Profile::Trados | Profile::Memoq => {
                if lang::region(&canon).is_some() {
                    return canon;
                }
                let primary = lang::primary(&canon);
                match lang::default_region(&primary) {
                    // Insert the region after the language (and script, if any).
                    Some(region) => {
                        let mut subs: Vec<&str> = canon.split('-').collect();
                        let at = if subs.get(1).is_some_and(|s| s.len() == 4) {
                            2
                        } else {
                            1
                        };
                        subs.insert(at, region);
                        subs.join("-")
                    }
                    None => canon,
                }
            }
            Profile::Omegat | Profile::Phrase => lang::primary(&canon),
        }
    }

    /// The longest side, in characters, the tool imports.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            Profile::Trados => Some(TRADOS_MAX_CHARS),
            _ => None,
        }
    }

    /// The prop name the tool reads.
    pub fn prop_name(self, kind: &str) -> String {
        match self {
            // Trados imports `x-` props as fields and writes their type after a colon.
            Profile::Trados if kind.starts_with("x-") && !kind.contains(':') => {
                format!("{kind}:SingleString")
            }
            _ => kind.to_string(),
        }
    }

    /// Relabels the unit's languages (variants and the `srclang` attribute) and renames its
    /// props.
    pub fn apply(self, tu: &mut Tu) {
        if let Some(src) = tu.attr("srclang").map(|s| self.locale(s)) {
            if !src.eq_ignore_ascii_case("*all*") {
                tu.set_attr("srclang", &src);
            }
        }
        for prop in &mut tu.props {
            prop.kind = self.prop_name(&prop.kind);
        }
        for tuv in &mut tu.tuvs {
            tuv.lang = self.locale(&tuv.lang);
            for prop in &mut tuv.props {
                prop.kind = self.prop_name(&prop.kind);
            }
        }
    }
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown profile '{s}': use trados, memoq, omegat or phrase"))
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What [`fit_to_profile`] did besides relabelling languages and props.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FitReport {
    /// Units split because a side was longer than the tool accepts: the unit's tuid (or
    /// its line in the input) and the number of parts.
    pub split: Vec<(String, usize)>,
    /// Units left out because a side is too long and could not be split at a sentence
    /// boundary (one sentence is too long, or the segment has inline tags): the unit and
    /// the length of its longest side.
    pub too_long: Vec<(String, usize)>,
}

/// Prepares units for the tool a profile names: language tags in the tool's locale form,
/// prop names it reads, and no side longer than it accepts. A unit with a side too long is
/// split where both sides can be cut at a sentence boundary into pairs that align (the
/// aligner pairs the sentences); when that is impossible it is left out and reported.
pub fn fit_to_profile(units: Vec<super::Tu>, profile: Profile) -> (Vec<super::Tu>, FitReport) {
    let mut report = FitReport::default();
    let mut out = Vec::with_capacity(units.len());
    for mut tu in units {
        profile.apply(&mut tu);
        let Some(limit) = profile.max_chars() else {
            out.push(tu);
            continue;
        };
        let longest = tu.tuvs.iter().map(|t| t.seg.char_len()).max().unwrap_or(0);
        if longest <= limit {
            out.push(tu);
            continue;
        }
        let label = tu
            .attr("tuid")
            .map(String::from)
            .unwrap_or_else(|| format!("line {}", tu.pos.line));
        let parts = match &tu.tuvs[..] {
            [a, b] if !a.seg.has_tags() && !b.seg.has_tags() => split_pair(
                &a.seg.plain_text(),
                &a.lang,
                &b.seg.plain_text(),
                &b.lang,
                limit,
            ),
            _ => None,
        };
        match parts {
            Some(parts) => {
                report.split.push((label, parts.len()));
                let tuid = tu.attr("tuid").map(String::from);
                for (n, (a, b)) in parts.into_iter().enumerate() {
                    let mut part = tu.clone();
                    if let Some(id) = &tuid {
                        part.set_attr("tuid", &format!("{id}.{}", n + 1));
                    }
                    part.tuvs[0].seg = super::Segment::plain(&a);
                    part.tuvs[1].seg = super::Segment::plain(&b);
                    out.push(part);
                }
            }
            None => report.too_long.push((label, longest)),
        }
    }
    (out, report)
}

/// Renders what fitting the units to a CAT tool's limits did: units split at sentences,
/// units left out because they could not be split.
pub fn render_fit(fit: &FitReport, profile: Profile) -> String {
    let mut out = String::new();
    let limit = profile.max_chars().unwrap_or(0);
    if !fit.split.is_empty() {
        let list: Vec<String> = fit
            .split
            .iter()
            .map(|(unit, parts)| format!("{unit} ({parts} parts)"))
            .collect();
        out.push_str(&format!(
            "{} unit(s) longer than {profile}'s {limit} characters split at sentences: {}\n",
            fit.split.len(),
            list.join(", ")
        ));
    }
    if !fit.too_long.is_empty() {
        let list: Vec<String> = fit
            .too_long
            .iter()
            .map(|(unit, chars)| format!("{unit} ({chars} characters)"))
            .collect();
        out.push_str(&format!(
            "{} unit(s) longer than {profile}'s {limit} characters could not be split at a sentence and were not written: {}\n",
            fit.too_long.len(),
            list.join(", ")
        ));
    }
    out
}

/// Splits a pair of texts into pairs whose sides are at most `limit` characters, cutting
/// both sides at sentence boundaries where the aligner pairs their sentences. `None` when
/// no such cut exists (a sentence alone is longer than the limit).
pub fn split_pair(
    src: &str,
    src_tag: &str,
    tgt: &str,
    tgt_tag: &str,
    limit: usize,
) -> Option<Vec<(String, String)>> {
    let al = align_documents(
        segment_document(Document::from_text("split", src), src_tag, false),
        segment_document(Document::from_text("split", tgt), tgt_tag, false),
        &CostModel::default(),
    );
    let mut chunks: Vec<(String, String)> = Vec::new();
    let mut cur = (String::new(), String::new());
    let join = |acc: &mut String, more: &str| {
        if !acc.is_empty() && !more.is_empty() {
            acc.push(' ');
        }
        acc.push_str(more);
    };
    let len = |s: &str| s.chars().count();
    for unit in &al.units {
        let s = side_text(&al.src, &unit.src);
        let t = side_text(&al.tgt, &unit.tgt);
        let fits = |acc: &str, more: &str| len(acc) + 1 + len(more) <= limit;
        let both = !cur.0.is_empty() && !cur.1.is_empty();
        if both && !(fits(&cur.0, &s) && fits(&cur.1, &t)) {
            chunks.push(std::mem::take(&mut cur));
        }
        join(&mut cur.0, &s);
        join(&mut cur.1, &t);
        if len(&cur.0) > limit || len(&cur.1) > limit {
            return None;
        }
    }
    if cur.0.is_empty() != cur.1.is_empty() {
        // Trailing sentences with no counterpart join the last chunk, if they fit.
        let last = chunks.last_mut()?;
        join(&mut last.0, &cur.0);
        join(&mut last.1, &cur.1);
        if len(&last.0) > limit || len(&last.1) > limit {
            return None;
        }
    } else if !cur.0.is_empty() {
        chunks.push(cur);
    }
    (chunks.len() > 1).then_some(chunks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::{Prop, Tuv};

    #[test]
    fn locale_forms() {
        assert_eq!(Profile::Trados.locale("en"), "en-US");
        assert_eq!(Profile::Memoq.locale("ES-es"), "es-ES");
        assert_eq!(Profile::Trados.locale("es-419"), "es-419");
        assert_eq!(Profile::Trados.locale("zh-Hant"), "zh-Hant-CN");
        assert_eq!(Profile::Trados.locale("eo"), "eo");
        assert_eq!(Profile::Phrase.locale("en_GB"), "en");
    }

    #[test]
    fn apply_changes_tags_and_prop_names_only() {
        let mut tu = Tu::default();
        tu.set_attr("tuid", "d-1");
        tu.set_attr("srclang", "es");
        tu.props.push(Prop::new("x-document", "d"));
        tu.props.push(Prop::new("client", "c"));
        tu.tuvs.push(Tuv::plain("es", "Hola."));
        tu.tuvs.push(Tuv::plain("en", "Hello."));
        let before = tu.clone();
        Profile::Trados.apply(&mut tu);
        assert_eq!(tu.attr("srclang"), Some("es-ES"));
        assert_eq!(tu.props[0].kind, "x-document:SingleString");
        assert_eq!(tu.props[1].kind, "client");
        assert_eq!(tu.tuvs[1].lang, "en-US");
        assert_eq!(tu.tuvs[1].seg, before.tuvs[1].seg);
        assert_eq!(tu.attr("tuid"), Some("d-1"));
        let mut again = tu.clone();
        Profile::Trados.apply(&mut again);
        assert_eq!(again, tu, "applying twice changes nothing more");
    }

    #[test]
    fn profiles_parse_by_name() {
        assert_eq!("MemoQ".parse::<Profile>(), Ok(Profile::Memoq));
        assert!("wordfast"
            .parse::<Profile>()
            .unwrap_err()
            .contains("trados"));
    }

    fn sentences(lang: &str, n: usize, words: usize) -> String {
        let word = if lang == "es" { "palabra" } else { "word" };
        (0..n)
            .map(|i| {
                format!("{} {i}.", vec![word; words].join(" ")).replacen(
                    word,
                    if lang == "es" { "Palabra" } else { "Word" },
                    1,
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn long_pairs_split_at_sentences_within_the_limit() {
        let es = sentences("es", 12, 30);
        let en = sentences("en", 12, 30);
        assert!(es.chars().count() > 2000);
        let parts = split_pair(&es, "es", &en, "en", 2000).unwrap();
        assert!(parts.len() >= 2);
        for (a, b) in &parts {
            assert!(a.chars().count() <= 2000 && b.chars().count() <= 2000);
            // Sentence k stays with sentence k.
            let first = |s: &str| {
                s.split('.')
                    .next()
                    .unwrap()
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .to_string()
            };
            assert_eq!(first(a), first(b));
        }
        let rejoined: Vec<String> = parts.iter().map(|p| p.0.clone()).collect();
        assert_eq!(rejoined.join(" "), es);
    }

    #[test]
    fn one_sentence_over_the_limit_cannot_split() {
        let es = sentences("es", 1, 400);
        let en = sentences("en", 1, 400);
        assert_eq!(split_pair(&es, "es", &en, "en", 2000), None);
    }

    #[test]
    fn fitting_for_trados_splits_or_reports() {
        let unit = |id: &str, es: String, en: String| crate::tm::Tu {
            attrs: vec![("tuid".into(), id.into())],
            tuvs: vec![
                crate::tm::Tuv::plain("es", &es),
                crate::tm::Tuv::plain("en", &en),
            ],
            ..crate::tm::Tu::default()
        };
        let units = vec![
            unit("short", "Hola.".into(), "Hello.".into()),
            unit("long", sentences("es", 12, 30), sentences("en", 12, 30)),
            unit("huge", sentences("es", 1, 400), sentences("en", 1, 400)),
        ];
        let (out, report) = fit_to_profile(units, Profile::Trados);
        assert_eq!(out[0].tuvs[0].lang, "es-ES");
        assert_eq!(out[1].attr("tuid"), Some("long.1"));
        assert_eq!(report.split, vec![("long".to_string(), out.len() - 1)]);
        assert_eq!(report.too_long.len(), 1);
        assert_eq!(report.too_long[0].0, "huge");
        assert!(out.iter().all(|t| t.attr("tuid") != Some("huge")));
    }
}
