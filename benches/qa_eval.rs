//! How well `qa` finds what a translation left out or added, on documents whose dropped
//! sentences are known: the gold `1-0` and `0-1` beads of a development set.
//!
//!     cargo bench --bench qa_eval -- [--text] [--verbose] DIR [DIR ...]
//!
//! Without `--text`, the gold sentences are aligned and checked (`.sent` in), and a
//! finding is right when it names a sentence of a gold `1-0` (omission) or `0-1`
//! (addition) bead by its index. With `--text`, the raw `.txt` files go through the whole
//! pipeline, and a sentence found is matched to a gold one by its text (one holds the
//! other, whitespace aside). Precision and recall of `omission` + `addition` findings are
//! printed for all documents and for each corpus prefix, with the number of findings of
//! the other kinds (on professional translations, which have few errors, mostly noise);
//! `--verbose` lists the sentences missed (with the unit the aligner put them in) and the
//! sentences found wrongly, and the findings of the other kinds.

use alinea::qa::{check_alignment, units_of, Kind, QaOptions, Sent};
use alinea::{align_texts, input, AlignOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A sentence with no counterpart: its side (true: source) and index or text.
type Dropped = (bool, usize, String);

#[derive(Default)]
struct Tally {
    docs: usize,
    found: usize,
    right: usize,
    gold: usize,
    recalled: usize,
    other: BTreeMap<&'static str, usize>,
}

fn main() {
    let mut text = false;
    let mut verbose = false;
    let mut dirs = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--text" => text = true,
            "--verbose" => verbose = true,
            "--bench" => {}
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let options = AlignOptions {
        presegmented: !text,
        ..AlignOptions::default()
    };
    for dir in &dirs {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".gold")
                    .map(String::from)
            })
            .collect();
        names.sort();
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        for name in &names {
            let base = dir.join(name);
            let path =
                |lang: &str, ext: &str| PathBuf::from(format!("{}.{lang}.{ext}", base.display()));
            let ext = if text { "txt" } else { "sent" };
            let al = align_texts(
                input::load(&path("es", ext), !text).unwrap(),
                input::load(&path("en", ext), !text).unwrap(),
                &options,
            );
            let findings = check_alignment(&al, &QaOptions::default());
            let mut found: Vec<Dropped> = Vec::new();
            let mut other: Vec<&'static str> = Vec::new();
            for f in &findings {
                match f.kind {
                    Kind::Omission => {
                        found.extend(f.src.iter().map(|&i| (true, i, flat(al.src.text(i)))))
                    }
                    Kind::Addition => {
                        found.extend(f.tgt.iter().map(|&i| (false, i, flat(al.tgt.text(i)))))
                    }
                    k => {
                        other.push(k.name());
                        if verbose {
                            println!(
                                "{name}: {} {:?}/{:?}: {}",
                                k.name(),
                                f.src,
                                f.tgt,
                                f.message
                            );
                        }
                    }
                }
            }
            let gold = gold_dropped(&base, &path("es", "sent"), &path("en", "sent"));
            let same = |a: &Dropped, b: &Dropped| {
                a.0 == b.0
                    && if text {
                        !a.2.is_empty()
                            && !b.2.is_empty()
                            && (a.2.contains(&b.2) || b.2.contains(&a.2))
                    } else {
                        a.1 == b.1
                    }
            };
            let right = found
                .iter()
                .filter(|f| gold.iter().any(|g| same(f, g)))
                .count();
            let recalled = gold
                .iter()
                .filter(|g| found.iter().any(|f| same(f, g)))
                .count();
            if verbose {
                // What the aligner made of each sentence missed: its unit, and the
                // probability it gave the sentence of having no counterpart.
                let units = units_of(&al);
                for g in gold.iter().filter(|g| !found.iter().any(|f| same(f, g))) {
                    println!("{name}: missed {} {}: {}", side(g.0), g.1, g.2);
                    let holds = |s: &Sent| s.text.contains(&g.2) || g.2.contains(&s.text);
                    for u in &units {
                        let sents = if g.0 { &u.src } else { &u.tgt };
                        if let Some(s) = sents.iter().find(|s| holds(s)) {
                            println!(
                                "    in {}-{} unit {} scored {:.3}; no counterpart: {:.3}",
                                u.src.len(),
                                u.tgt.len(),
                                u.tuid,
                                u.score.unwrap_or(0.0),
                                s.null.unwrap_or(0.0)
                            );
                        }
                    }
                }
                for f in found.iter().filter(|f| !gold.iter().any(|g| same(f, g))) {
                    println!("{name}: wrong {} {}: {}", side(f.0), f.1, f.2);
                }
            }
            for prefix in ["all", "wmt12", "ntrex"] {
                if prefix != "all" && !name.starts_with(prefix) {
                    continue;
                }
                let t = tallies.entry(prefix).or_default();
                t.docs += 1;
                t.found += found.len();
                t.right += right;
                t.gold += gold.len();
                t.recalled += recalled;
                for k in &other {
                    *t.other.entry(k).or_default() += 1;
                }
            }
        }
        for (prefix, t) in &tallies {
            let ratio = |a: usize, b: usize| {
                if b == 0 {
                    f64::NAN
                } else {
                    a as f64 / b as f64
                }
            };
            println!(
                "{} {:<5} docs {:3}  omission+addition: found {:3} right {:3} gold {:3}  P {:.3} R {:.3}  other findings: {:?}",
                dir.display(),
                prefix,
                t.docs,
                t.found,
                t.right,
                t.gold,
                ratio(t.right, t.found),
                ratio(t.recalled, t.gold),
                t.other,
            );
        }
    }
}

fn side(src: bool) -> &'static str {
    if src {
        "es"
    } else {
        "en"
    }
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of the gold `1-0` and `0-1` beads (`[3]:[]`, `[]:[5]`).
fn gold_dropped(base: &Path, es: &Path, en: &Path) -> Vec<Dropped> {
    let read = |p: &Path| -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
            .lines()
            .map(flat)
            .collect()
    };
    let (es, en) = (read(es), read(en));
    let gold = std::fs::read_to_string(format!("{}.gold", base.display())).unwrap();
    let list = |s: &str| -> Vec<usize> {
        s.trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .split(',')
            .filter_map(|n| n.trim().parse().ok())
            .collect()
    };
    let mut out = Vec::new();
    for line in gold.lines() {
        let Some((s, t)) = line.split_once(':') else {
            continue;
        };
        let (s, t) = (list(s), list(t));
        match (s.as_slice(), t.as_slice()) {
            (s, []) => out.extend(s.iter().map(|&i| (true, i, es[i].clone()))),
            ([], t) => out.extend(t.iter().map(|&i| (false, i, en[i].clone()))),
            _ => {}
        }
    }
    out
}
