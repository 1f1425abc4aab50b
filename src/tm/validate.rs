//! What the TMX DTD cannot check, and CAT tools trip over: dates that are not UTC
//! `YYYYMMDDThhmmssZ`, language tags that are not BCP 47 or that name one language in
//! several forms, a unit without a variant in its `srclang` or with two variants of one
//! language, a `tuid` used twice, whitespace at segment ends, characters XML 1.0 forbids,
//! empty segments, and (for a profile) sides longer than the tool accepts.
//!
//! Problems are reported as they are found, one `<tu>` at a time, each with its line and
//! column.

use super::lang;
use super::profile::Profile;
use super::tmx::read::TmxReader;
use super::{Attr, Inline, Tu};
use crate::error::{Pos, Result};
use crate::types::date;
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    pub message: String,
}

/// Checks a whole TMX, calling `report` for each problem in file order; returns the number
/// of units. A file that is not well-formed stops the check with an error (which the
/// caller reports as a problem at its place).
pub fn validate<R: Read>(
    reader: &mut TmxReader<R>,
    profile: Option<Profile>,
    mut report: impl FnMut(Problem),
) -> Result<usize> {
    let mut v = Validator {
        profile,
        header_src: None,
        forms: HashMap::new(),
        said: HashSet::new(),
        tuids: HashMap::new(),
        problems: Vec::new(),
    };
    v.header(reader);
    for p in std::mem::take(&mut v.problems) {
        report(p);
    }
    for f in reader.take_findings() {
        report(Problem {
            pos: f.pos,
            message: f.message,
        });
    }
    let mut units = 0;
    while let Some(tu) = reader.next_tu()? {
        units += 1;
        v.unit(&tu);
        let mut found: Vec<Problem> = std::mem::take(&mut v.problems);
        found.extend(reader.take_findings().into_iter().map(|f| Problem {
            pos: f.pos,
            message: f.message,
        }));
        found.sort_by_key(|p| p.pos);
        for p in found {
            report(p);
        }
    }
    Ok(units)
}

struct Validator {
    profile: Option<Profile>,
    header_src: Option<String>,
    /// For each primary language, the first tag form seen and where.
    forms: HashMap<String, (String, Pos)>,
    /// Problems about a tag form are said once per file.
    said: HashSet<String>,
    /// Where each tuid was first seen.
    tuids: HashMap<String, Pos>,
    problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, pos: Pos, message: String) {
        self.problems.push(Problem { pos, message });
    }

    fn header<R: Read>(&mut self, reader: &TmxReader<R>) {
        let header = reader.header();
        let pos = header.pos;
        if !["1.1", "1.2", "1.3", "1.4"].contains(&header.version.as_str()) {
            self.problem(
                pos,
                format!(
                    "<tmx version=\"{}\">: TMX 1.4b files say version=\"1.4\"",
                    header.version
                ),
            );
        }
        match header.attr("srclang") {
            None => self.problem(
                pos,
                "the header has no srclang (OmegaT 3.6 fails to load such a file)".into(),
            ),
            Some("*all*") => self.problem(
                pos,
                "srclang=\"*all*\": CAT tools need one source language".into(),
            ),
            Some(tag) => {
                self.tag(tag, pos, "srclang");
                self.header_src = Some(tag.to_string());
            }
        }
        if let Some(tag) = header.attr("adminlang") {
            if let Err(e) = lang::check(tag) {
                self.problem(pos, format!("adminlang: {e}"));
            }
        }
        let attrs = header.attrs.clone();
        self.dates(&attrs, pos, "header");
    }

    fn unit(&mut self, tu: &Tu) {
        self.dates(&tu.attrs, tu.pos, "tu");
        if let Some(tuid) = tu.attr("tuid") {
            if let Some(first) = self.tuids.get(tuid) {
                let message = format!(
                    "tuid=\"{tuid}\" is used already (at {first}): a tuid names one unit, and tools that key units by it keep only one"
                );
                self.problem(tu.pos, message);
            } else {
                self.tuids.insert(tuid.to_string(), tu.pos);
            }
        }
        let src = tu
            .attr("srclang")
            .map(String::from)
            .or(self.header_src.clone());
        if let Some(tag) = tu.attr("srclang") {
            if tag != "*all*" {
                self.tag(tag, tu.pos, "srclang");
            }
        }
        let mut seen: Vec<(String, Pos)> = Vec::new();
        for tuv in &tu.tuvs {
            if tuv.lang.is_empty() {
                self.problem(tuv.pos, "<tuv> without xml:lang".into());
            } else {
                self.tag(&tuv.lang, tuv.pos, "xml:lang");
                let key = lang::canonical(&tuv.lang).to_ascii_lowercase();
                if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                    let message = format!(
                        "a second <tuv> in {} (the first is at {first}): CAT tools keep only one",
                        tuv.lang
                    );
                    self.problem(tuv.pos, message);
                }
                seen.push((key, tuv.pos));
            }
            self.dates(&tuv.attrs, tuv.pos, "tuv");
            self.segment(tuv);
        }
        match tu.tuvs.len() {
            0 => self.problem(tu.pos, "<tu> without <tuv>".into()),
            1 => self.problem(
                tu.pos,
                format!("<tu> with one <tuv> ({}): no translation", tu.tuvs[0].lang),
            ),
            _ => {}
        }
        if let Some(src) = src.filter(|s| s != "*all*") {
            let want = lang::canonical(&src).to_ascii_lowercase();
            if !seen.iter().any(|(k, _)| *k == want) {
                let langs: Vec<&str> = tu.tuvs.iter().map(|t| t.lang.as_str()).collect();
                self.problem(
                    tu.pos,
                    format!(
                        "no <tuv> in the srclang {src} (this unit has {}): tools that pick the source by srclang skip it",
                        if langs.is_empty() { "none".to_string() } else { langs.join(", ") }
                    ),
                );
            }
        }
    }

    fn segment(&mut self, tuv: &super::Tuv) {
        let seg = &tuv.seg;
        let text = seg.plain_text();
        let pos = tuv.seg_pos;
        if text.trim().is_empty() && !seg.has_tags() {
            self.problem(pos, "empty segment".into());
            return;
        }
        let starts =
            matches!(seg.0.first(), Some(Inline::Text(t)) if t.starts_with(char::is_whitespace));
        let ends =
            matches!(seg.0.last(), Some(Inline::Text(t)) if t.ends_with(char::is_whitespace));
        if starts || ends {
            let at = match (starts, ends) {
                (true, true) => "both ends",
                (true, false) => "the start",
                _ => "the end",
            };
            self.problem(pos, format!("whitespace at {at} of the segment"));
        }
        if let Some(limit) = self.profile.and_then(Profile::max_chars) {
            let n = text.chars().count();
            if n > limit {
                let profile = self.profile.map(Profile::name).unwrap_or_default();
                self.problem(
                    pos,
                    format!("segment of {n} characters: {profile} accepts at most {limit}"),
                );
            }
        }
    }

    /// A language tag: well-formed, one form per language in the file, and (for a
    /// profile) the form the tool matches best.
    fn tag(&mut self, tag: &str, pos: Pos, what: &str) {
        if let Err(e) = lang::check(tag) {
            self.problem(pos, format!("{what}: {e}"));
        }
        let primary = lang::primary(tag);
        match self.forms.get(&primary) {
            None => {
                self.forms.insert(primary, (tag.to_string(), pos));
            }
            Some((first, at)) if first != tag => {
                let message = format!(
                    "{what} {tag}, but {first} at {at}: one language tagged two ways; a CAT tool imports only the units whose tag matches its memory's"
                );
                if self.said.insert(format!("form {tag}")) {
                    self.problem(pos, message);
                }
            }
            Some(_) => {}
        }
        if let Some(profile) = self.profile {
            let best = profile.locale(tag);
            if best != tag && self.said.insert(format!("profile {tag}")) {
                self.problem(pos, format!("{what} {tag}: {profile} matches {best} best"));
            }
        }
    }

    fn dates(&mut self, attrs: &[Attr], pos: Pos, element: &str) {
        for (k, v) in attrs {
            if !matches!(k.as_str(), "creationdate" | "changedate" | "lastusagedate") {
                continue;
            }
            if date::parse(v).is_ok() {
                continue;
            }
            let message = match date::to_utc(v) {
                Some(utc) => format!(
                    "<{element}> {k}=\"{v}\": TMX dates are UTC, YYYYMMDDThhmmssZ (here {utc})"
                ),
                None => {
                    format!("<{element}> {k}=\"{v}\" is not a date of the form YYYYMMDDThhmmssZ")
                }
            };
            self.problem(pos, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn problems(text: &str, profile: Option<Profile>) -> Vec<String> {
        let mut reader = TmxReader::from_reader(Path::new("v.tmx"), text.as_bytes()).unwrap();
        let mut out = Vec::new();
        validate(&mut reader, profile, |p| {
            out.push(format!("{}: {}", p.pos, p.message))
        })
        .unwrap();
        out
    }

    const GOOD: &str = "<tmx version=\"1.4\"><header srclang=\"es\" creationdate=\"20240101T000000Z\"/><body>\n<tu><tuv xml:lang=\"es\"><seg>Hola.</seg></tuv><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv></tu>\n</body></tmx>";

    #[test]
    fn a_clean_file_has_no_problems() {
        assert_eq!(problems(GOOD, None), Vec::<String>::new());
    }

    #[test]
    fn each_problem_is_found_at_its_place() {
        let text = GOOD.replace(
            "</body>",
            "<tu changedate=\"2024-01-01T10:00:00+01:00\"><tuv xml:lang=\"en\"><seg> Hi</seg></tuv><tuv xml:lang=\"es_MX\"><seg></seg></tuv><tuv xml:lang=\"EN\"><seg>x\u{1}</seg></tuv></tu>\n</body>",
        );
        let found = problems(&text, None);
        let expect = [
            "3:1: <tu> changedate=\"2024-01-01T10:00:00+01:00\": TMX dates are UTC, YYYYMMDDThhmmssZ (here 20240101T090000Z)",
            "3:1: no <tuv> in the srclang es (this unit has en, es_MX, EN)",
            "3:68: whitespace at the start of the segment",
            "3:83: xml:lang: 'es_MX' is not a BCP 47 tag",
            "3:83: xml:lang es_MX, but es at 1:20",
            "3:110: empty segment",
            "3:122: xml:lang EN, but en at 2:46",
            "3:122: a second <tuv> in EN (the first is at 3:44)",
            "3:147: character U+0001, which XML 1.0 forbids",
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for (f, e) in found.iter().zip(expect) {
            assert!(f.starts_with(e), "{f}\n  wanted {e}");
        }
    }

    #[test]
    fn header_problems_and_profiles() {
        let text = GOOD.replace(" srclang=\"es\"", "").replace(
            "<seg>Hola.</seg>",
            &format!("<seg>{}</seg>", "a".repeat(2001)),
        );
        let found = problems(&text, Some(Profile::Trados));
        assert!(found[0].contains("the header has no srclang"), "{found:?}");
        assert!(found
            .iter()
            .any(|p| p.contains("xml:lang es: trados matches es-ES best")));
        assert!(found
            .iter()
            .any(|p| p.contains("segment of 2001 characters: trados accepts at most 2000")));
    }
}
