//! Pairing the files of an archive: which file translates which, a unique name for each
//! pair (its TMX file and its `tuid`s and `x-document`), and every file left out with the
//! reason.
//!
//! A file is marked with its language by its name or its folder, in any of the common ways:
//! `NAME.es.txt`, `NAME_es.txt`, `NAME-ES.txt`, `NAME.es-MX.txt`, or `es/NAME.txt` beside
//! `en/NAME.txt` (with `recursive`, at any depth); a `pattern` such as
//! `{lang}/press-{name}.html` names any other scheme. Hidden files and folders (a name
//! starting with `.`) are not part of the archive.

use crate::error::{Error, Result};
use crate::tm::lang;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file, the target file that translates it, and the pair's name: its path
/// relative to the archive without language marks or extension (`2024/nota-12`), unique in
/// the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub source: PathBuf,
    pub target: PathBuf,
    pub name: String,
}

/// A file that is in no pair, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpaired {
    pub path: PathBuf,
    pub reason: String,
}

/// The pairs found, the files of a language that have no partner (`unpaired`), and the
/// files and folders that are not part of the archive (`skipped`: marked with neither
/// language, or a folder without `recursive`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pairing {
    pub pairs: Vec<Pair>,
    pub unpaired: Vec<Unpaired>,
    pub skipped: Vec<Unpaired>,
}

/// How files are paired.
#[derive(Debug, Clone, Default)]
pub struct PairingOptions {
    pub src_lang: String,
    pub tgt_lang: String,
    /// Descend into subfolders; outputs mirror the tree.
    pub recursive: bool,
    /// A pattern of the relative path with `{name}` and `{lang}` (`{lang}/{name}.txt`,
    /// `press-{name}-{lang}.html`), instead of the built-in naming schemes.
    pub pattern: Option<String>,
    /// Read files that symbolic links inside the folder point to outside it.
    pub follow_links: bool,
}

/// Which side a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Source,
    Target,
}

/// Recognises the language marks of the two languages in relative paths.
struct Marks {
    src: String,
    tgt: String,
    pattern: Option<regex::Regex>,
}

impl Marks {
    fn new(options: &PairingOptions) -> Result<Marks> {
        let pattern = match &options.pattern {
            None => None,
            Some(p) => Some(compile_pattern(p)?),
        };
        Ok(Marks {
            src: lang::primary(&options.src_lang),
            tgt: lang::primary(&options.tgt_lang),
            pattern,
        })
    }

    /// The side a language tag (`es`, `ES`, `es-MX`, `es_mx`) names, if either.
    fn side_of_tag(&self, tag: &str) -> Option<Side> {
        let (primary, region) = match tag.split_once(['-', '_']) {
            Some((p, r)) => (p, Some(r)),
            None => (tag, None),
        };
        let region_ok = region.is_none_or(|r| {
            (r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
                || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
        });
        if !region_ok {
            return None;
        }
        let primary = primary.to_ascii_lowercase();
        if primary == self.src {
            Some(Side::Source)
        } else if primary == self.tgt {
            Some(Side::Target)
        } else {
            None
        }
    }

    /// The side and the key (the relative path with its language mark removed, `/`
    /// separated) of a file, if its path carries a mark.
    fn classify(&self, rel: &str) -> Option<(Side, String)> {
        if let Some(re) = &self.pattern {
            let caps = re.captures(rel)?;
            let side = self.side_of_tag(&caps["lang"])?;
            return Some((side, caps["name"].to_string()));
        }
        let (dir, file) = match rel.rsplit_once('/') {
            Some((d, f)) => (Some(d), f),
            None => (None, rel),
        };
        let with_dir = |file: String| match dir {
            Some(d) => format!("{d}/{file}"),
            None => file,
        };
        // In the file name: the extension itself (`NAME.es`), or the end of the stem.
        let (stem, ext) = match file.rsplit_once('.') {
            Some((s, e)) if !s.is_empty() => (s, Some(e)),
            _ => (file, None),
        };
        if let (Some(ext), true) = (ext, !stem.is_empty()) {
            if let Some(side) = self.side_of_tag(ext) {
                return Some((side, with_dir(stem.to_string())));
            }
        }
        if let Some((side, rest)) = self.strip_stem_mark(stem) {
            let file = match ext {
                Some(e) => format!("{rest}.{e}"),
                None => rest.to_string(),
            };
            return Some((side, with_dir(file)));
        }
        // A folder named by the language, at any depth.
        let dirs: Vec<&str> = dir.map(|d| d.split('/').collect()).unwrap_or_default();
        for (k, component) in dirs.iter().enumerate().rev() {
            if let Some(side) = self.side_of_tag(component) {
                let mut parts: Vec<&str> = dirs.clone();
                parts[k] = "*";
                parts.push(file);
                return Some((side, parts.join("/")));
            }
        }
        None
    }

    /// `news.es`, `news_ES`, `news-es-MX`: the side and `news`.
    fn strip_stem_mark<'a>(&self, stem: &'a str) -> Option<(Side, &'a str)> {
        // The mark is the last one or two separated parts: `es`, or `es-MX`.
        let seps = |c: char| matches!(c, '.' | '_' | '-');
        let mut cuts: Vec<usize> = stem.match_indices(seps).map(|(i, _)| i).collect();
        cuts.reverse();
        for &cut in cuts.iter().take(2) {
            let (rest, tag) = (&stem[..cut], &stem[cut + 1..]);
            if rest.is_empty() {
                continue;
            }
            if let Some(side) = self.side_of_tag(tag) {
                return Some((side, rest));
            }
        }
        None
    }
}

/// `{lang}/{name}.txt` as a regular expression over a relative path.
fn compile_pattern(pattern: &str) -> Result<regex::Regex> {
    if !pattern.contains("{name}") || !pattern.contains("{lang}") {
        return Err(Error::Usage(format!(
            "--pattern '{pattern}': it needs {{name}} and {{lang}} (e.g. '{{lang}}/{{name}}.txt', 'press-{{name}}-{{lang}}.html')"
        )));
    }
    let mut re = String::from("^");
    let mut rest = pattern;
    while let Some(i) = rest.find('{') {
        re.push_str(&regex::escape(&rest[..i]));
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("{name}") {
            re.push_str("(?P<name>.+)");
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{lang}") {
            re.push_str("(?P<lang>[A-Za-z]{2,3}(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?)");
            rest = r;
        } else {
            re.push_str(&regex::escape("{"));
            rest = &rest[1..];
        }
    }
    re.push_str(&regex::escape(rest));
    re.push('$');
    regex::Regex::new(&re).map_err(|e| Error::Usage(format!("--pattern '{pattern}': {e}")))
}

/// The files below `dir` (relative paths with `/`, sorted), and what was passed over: hidden
/// entries are left out silently; folders without `recursive`, links to folders, links that
/// lead out of `dir` (without `follow_links`), dangling links and what is not a regular file
/// (a FIFO, a device, a socket) are listed with the reason.
fn walk(dir: &Path, recursive: bool, follow_links: bool) -> Result<(Vec<String>, Vec<Unpaired>)> {
    let mut files = Vec::new();
    let mut passed = Vec::new();
    let root = dir.canonicalize().map_err(|e| Error::io(dir, "read", e))?;
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Error::io(&folder, "read", e))?;
        let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let Some(name) = entry.file_name().to_str().map(String::from) else {
                passed.push(Unpaired {
                    path: entry.path(),
                    reason: "the name is not valid UTF-8".into(),
                });
                continue;
            };
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let rel = format!("{prefix}{name}");
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            // One look at what the entry is (through a link).
            let reason = match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() && !recursive => {
                    "a folder: its files are paired only with -r (--recursive)"
                }
                Ok(meta) if meta.is_dir() && link => "a link to a folder: not followed",
                Ok(meta) if meta.is_dir() => {
                    stack.push((path, format!("{rel}/")));
                    continue;
                }
                Err(_) => "a link to nothing (dangling)",
                Ok(meta) if !meta.is_file() => "not a regular file (a FIFO, a device or a socket)",
                Ok(_)
                    if link
                        && !follow_links
                        && !path
                            .canonicalize()
                            .is_ok_and(|target| target.starts_with(&root)) =>
                {
                    "a link to a file outside the folder: not read without --follow-links"
                }
                Ok(_) => {
                    files.push(rel);
                    continue;
                }
            };
            passed.push(Unpaired {
                path,
                reason: reason.into(),
            });
        }
    }
    files.sort();
    passed.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, passed))
}

/// The name of a pair from its key: the extension and a `*` left by a language folder
/// removed (`2024/*/nota.txt` → `2024/nota`).
fn name_of_key(key: &str) -> String {
    let parts: Vec<&str> = key.split('/').filter(|p| *p != "*").collect();
    let mut name = parts.join("/");
    if let Some((stem, _)) = name
        .rsplit_once('.')
        .filter(|(s, e)| !s.is_empty() && !s.ends_with('/') && !e.contains('/'))
    {
        name = stem.to_string();
    }
    name
}

/// Makes the names of the pairs unique (`nota`, `nota-2` ...), in order.
fn make_names_unique(pairs: &mut [Pair]) {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let all: BTreeSet<String> = pairs.iter().map(|p| p.name.clone()).collect();
    for pair in pairs.iter_mut() {
        if taken.insert(pair.name.clone()) {
            continue;
        }
        let mut k = 2;
        loop {
            let candidate = format!("{}-{k}", pair.name);
            if !all.contains(&candidate) && taken.insert(candidate.clone()) {
                pair.name = candidate;
                break;
            }
            k += 1;
        }
    }
}

/// Pairs the files of two folders, or of one (`src_dir == tgt_dir`). Two folders: a file
/// pairs with the file at the same relative path in the other, a language mark in either
/// name removed (`news.es.txt` with `news.en.txt`, `news.txt` with `news.txt`). One folder:
/// only files marked with a language pair up; the others are skipped. Every file that is
/// not paired is listed with the reason.
pub fn pair_directories(
    src_dir: &Path,
    tgt_dir: &Path,
    options: &PairingOptions,
) -> Result<Pairing> {
    let marks = Marks::new(options)?;
    let same_dir = src_dir.canonicalize().ok() == tgt_dir.canonicalize().ok();
    let mut pairing = Pairing::default();
    // key → side → files
    let mut found: BTreeMap<String, BTreeMap<Side, Vec<PathBuf>>> = BTreeMap::new();
    let mut add = |key: String, side: Side, path: PathBuf| {
        found
            .entry(key)
            .or_default()
            .entry(side)
            .or_default()
            .push(path);
    };
    if same_dir {
        let (files, passed) = walk(src_dir, options.recursive, options.follow_links)?;
        pairing.skipped.extend(passed);
        for rel in files {
            match marks.classify(&rel) {
                Some((side, key)) => add(key, side, src_dir.join(&rel)),
                None => pairing.skipped.push(Unpaired {
                    path: src_dir.join(&rel),
                    reason: unmarked_reason(options),
                }),
            }
        }
    } else {
        for (dir, side) in [(src_dir, Side::Source), (tgt_dir, Side::Target)] {
            let (files, passed) = walk(dir, options.recursive, options.follow_links)?;
            pairing.skipped.extend(passed);
            for rel in files {
                let key = match marks.classify(&rel) {
                    Some((s, key)) if s == side => key,
                    Some(_) => {
                        pairing.skipped.push(Unpaired {
                            path: dir.join(&rel),
                            reason: format!(
                                "the name marks the other language, in the {} folder",
                                if side == Side::Source {
                                    "source"
                                } else {
                                    "target"
                                }
                            ),
                        });
                        continue;
                    }
                    None => rel.clone(),
                };
                add(key, side, dir.join(&rel));
            }
        }
    }
    for (key, mut sides) in found {
        let sources = sides.remove(&Side::Source).unwrap_or_default();
        let targets = sides.remove(&Side::Target).unwrap_or_default();
        let (lang_missing, lang_present) = if sources.is_empty() {
            (&options.src_lang, &options.tgt_lang)
        } else {
            (&options.tgt_lang, &options.src_lang)
        };
        match (sources.first(), targets.first()) {
            (Some(s), Some(t)) => pairing.pairs.push(Pair {
                source: s.clone(),
                target: t.clone(),
                name: name_of_key(&key),
            }),
            _ => {
                for path in sources.iter().chain(&targets) {
                    pairing.unpaired.push(Unpaired {
                        path: path.clone(),
                        reason: format!(
                            "no {lang_missing} file for '{}' (this file is the {lang_present} one)",
                            name_of_key(&key)
                        ),
                    });
                }
                continue;
            }
        }
        // More than one file of a language for one document: the first is paired.
        for (files, kept) in [(&sources, &sources[0]), (&targets, &targets[0])] {
            for extra in &files[1..] {
                pairing.unpaired.push(Unpaired {
                    path: extra.clone(),
                    reason: format!(
                        "another file of the same language has the same name: {} was paired",
                        kept.display()
                    ),
                });
            }
        }
    }
    make_names_unique(&mut pairing.pairs);
    pairing.unpaired.sort_by(|a, b| a.path.cmp(&b.path));
    pairing.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pairing)
}

fn unmarked_reason(options: &PairingOptions) -> String {
    match &options.pattern {
        Some(p) => format!("the path does not match --pattern '{p}' with either language"),
        None => format!(
            "the name is marked with neither language (NAME.{s}.txt, NAME_{s}.txt, NAME-{S}.txt, {s}/NAME.txt; or say --pattern)",
            s = options.src_lang,
            S = options.src_lang.to_ascii_uppercase()
        ),
    }
}

/// Reads explicit pairs: one `source<TAB>target` per line; relative paths are taken from the
/// list's own directory; blank lines and lines starting with `#` are skipped. A pair's name
/// is its source path relative to the list without extension or language mark.
pub fn read_pair_list(list: &Path, options: &PairingOptions) -> Result<Pairing> {
    if list.is_dir() {
        return Err(Error::bad_input(
            list,
            "is a folder; --pairs takes a TSV file of source<TAB>target lines",
        ));
    }
    let text = std::fs::read_to_string(list).map_err(|e| Error::io(list, "read", e))?;
    let marks = Marks::new(&PairingOptions {
        pattern: None,
        ..options.clone()
    })?;
    let base = list.parent().unwrap_or(Path::new("."));
    let mut pairing = Pairing::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((s, t)) = line.split_once('\t') else {
            return Err(Error::bad_input(
                list,
                format!(
                    "line {}: expected 'source<TAB>target', found {line:?}",
                    n + 1
                ),
            ));
        };
        let resolve = |p: &str| {
            let p = Path::new(p.trim());
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        let rel = Path::new(s.trim());
        let rel = if rel.is_absolute() {
            rel.file_name().map(PathBuf::from).unwrap_or_default()
        } else {
            rel.to_path_buf()
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let key = marks.classify(&rel).map_or(rel.clone(), |(_, key)| key);
        pairing.pairs.push(Pair {
            source: resolve(s),
            target: resolve(t),
            name: name_of_key(&key),
        });
    }
    make_names_unique(&mut pairing.pairs);
    Ok(pairing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks() -> Marks {
        Marks::new(&PairingOptions {
            src_lang: "es".into(),
            tgt_lang: "en-GB".into(),
            ..PairingOptions::default()
        })
        .unwrap()
    }

    #[test]
    fn the_common_naming_schemes_are_recognised() {
        let m = marks();
        let es = |k: &str| Some((Side::Source, k.to_string()));
        let en = |k: &str| Some((Side::Target, k.to_string()));
        assert_eq!(m.classify("news.es.txt"), es("news.txt"));
        assert_eq!(m.classify("news_es.txt"), es("news.txt"));
        assert_eq!(m.classify("news-ES.txt"), es("news.txt"));
        assert_eq!(m.classify("news.es-MX.txt"), es("news.txt"));
        assert_eq!(m.classify("news_en_GB.txt"), en("news.txt"));
        assert_eq!(m.classify("news.en"), en("news"));
        assert_eq!(m.classify("es/news.txt"), es("*/news.txt"));
        assert_eq!(m.classify("2024/EN/news.txt"), en("2024/*/news.txt"));
        assert_eq!(m.classify("sub/news.es.html"), es("sub/news.html"));
        // Not marks: a word that ends in the letters, a folder named otherwise.
        assert_eq!(m.classify("chosen.txt"), None);
        assert_eq!(m.classify("readme.txt"), None);
        assert_eq!(m.classify("texts/news.txt"), None);
        assert_eq!(m.classify("news.fr.txt"), None);
    }

    #[test]
    fn a_pattern_names_other_schemes() {
        let m = Marks::new(&PairingOptions {
            src_lang: "es".into(),
            tgt_lang: "en".into(),
            pattern: Some("press-{name}-{lang}.html".into()),
            ..PairingOptions::default()
        })
        .unwrap();
        assert_eq!(
            m.classify("press-366-spa.html"),
            None,
            "spa is not es as given"
        );
        assert_eq!(
            m.classify("press-366-es.html"),
            Some((Side::Source, "366".into()))
        );
        assert_eq!(
            m.classify("press-366-EN.html"),
            Some((Side::Target, "366".into()))
        );
        assert_eq!(m.classify("366-es.html"), None);
        assert!(compile_pattern("{name}.txt").is_err());
    }

    #[test]
    fn names_are_keys_without_extension_and_unique() {
        assert_eq!(name_of_key("2024/*/nota.txt"), "2024/nota");
        assert_eq!(name_of_key("nota.txt"), "nota");
        assert_eq!(name_of_key("nota"), "nota");
        let pair = |n: &str| Pair {
            source: PathBuf::new(),
            target: PathBuf::new(),
            name: n.into(),
        };
        let mut pairs = vec![pair("a"), pair("a"), pair("a-2"), pair("a")];
        make_names_unique(&mut pairs);
        let names: Vec<&str> = pairs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "a-3", "a-2", "a-4"]);
    }
}
