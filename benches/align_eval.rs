//! Alignment accuracy on a directory of gold alignments (`NAME.gold`, `NAME.{es,en}.sent`,
//! `NAME.{es,en}.txt`, `NAME.pairs.tsv`), scored by the evaluation set's own `score.py`.
//!
//!     cargo bench --bench align_eval -- [--text] [--learn] [--dict FILE] [--set NAME=VALUE ...] [--keep OUT] DIR [DIR ...]
//!
//! Without `--text`, the gold sentences are aligned (`.sent` in, beads out) and scored with
//! `score.py --dirs`; with `--text`, the raw `.txt` files go through the whole pipeline and
//! the pairs are scored with `score.py --text`. `--keep OUT` leaves the aligner's output of
//! each directory in `OUT/DIRNAME/` for error analysis (by default it goes to a temporary
//! directory that is removed). Scores are printed for all documents and for
//! each corpus prefix (`wmt12-`, `ntrex-`), so tuning on one half can be checked on the other.
//!
//! `--drop-paragraph` (with `--text`) first derives a harder set: in every document of six
//! paragraphs or more, the middle paragraph (or the next one, if the middle one has fewer
//! than 30 words) is left out of one side, English and Spanish in turn, and the gold pairs
//! of its sentences are removed: a translation that skipped a paragraph.

use alinea::output::beads;
use alinea::segment::side_text;
use alinea::{align_texts, input, AlignOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut text = false;
    let mut options = AlignOptions::default();
    let mut learn_batch = false;
    let mut dirs = Vec::new();
    let mut keep: Option<PathBuf> = None;
    let mut drop_paragraph = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--text" => text = true,
            "--set" => options
                .model
                .set(&args.next().expect("--set NAME=VALUE"))
                .expect("valid --set"),
            "--learn" => options.learn = true,
            "--learn-batch" => learn_batch = true,
            "--dict" => {
                options.lexicon =
                    alinea::pipeline::read_lexicon(Path::new(&args.next().expect("--dict FILE")))
                        .expect("readable word list")
                        .0
            }
            "--keep" => keep = Some(PathBuf::from(args.next().expect("--keep OUT"))),
            "--drop-paragraph" => drop_paragraph = true,
            "--bench" => {}
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/score.py");
    if drop_paragraph {
        assert!(text, "--drop-paragraph needs --text");
        dirs = dirs.iter().map(|d| without_a_paragraph(d)).collect();
    }
    for dir in &dirs {
        let out = match &keep {
            Some(k) => k.join(dir.file_name().expect("a directory name")),
            None => std::env::temp_dir().join(format!("alinea-eval-{}", std::process::id())),
        };
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                e.ok()?
                    .file_name()
                    .to_str()?
                    .strip_suffix(".gold")
                    .map(String::from)
            })
            .collect();
        names.sort();
        // (score, correct) of every predicted unit with both sides non-empty, per corpus.
        let mut calibration: Vec<(String, f64, bool)> = Vec::new();
        options.presegmented = !text;
        let load = |name: &str, lang: &str| {
            let ext = if text { "txt" } else { "sent" };
            let path = dir.join(format!("{name}.{lang}.{ext}"));
            input::load(&path, !text).unwrap()
        };
        let mut doc_options = options.clone();
        if learn_batch {
            // A first pass over every document, a lexicon learned from all of them.
            let first: Vec<_> = names
                .iter()
                .map(|n| align_texts(load(n, "es"), load(n, "en"), &options))
                .collect();
            let learned = alinea::learn_from_alignments(&first.iter().collect::<Vec<_>>(), 3);
            println!("learned {} word pairs from the batch", learned.len());
            doc_options.lexicon.extend(&learned);
        }
        for name in &names {
            let al = align_texts(load(name, "es"), load(name, "en"), &doc_options);
            if text {
                let tsv: String = al
                    .units
                    .iter()
                    .filter(|u| !u.src.is_empty() && !u.tgt.is_empty())
                    .map(|u| {
                        format!(
                            "{}\t{}\n",
                            side_text(&al.src, &u.src),
                            side_text(&al.tgt, &u.tgt)
                        )
                    })
                    .collect();
                std::fs::write(out.join(format!("{name}.tsv")), tsv).unwrap();
            } else {
                std::fs::write(out.join(format!("{name}.align")), beads::write(&al.units)).unwrap();
                let gold = std::fs::read_to_string(dir.join(format!("{name}.gold"))).unwrap();
                let gold: std::collections::HashSet<String> =
                    gold.lines().map(|l| l.replace(' ', "")).collect();
                for unit in al
                    .units
                    .iter()
                    .filter(|u| !u.src.is_empty() && !u.tgt.is_empty())
                {
                    let bead = beads::write(std::slice::from_ref(unit))
                        .trim()
                        .replace(' ', "");
                    calibration.push((name.clone(), unit.score, gold.contains(&bead)));
                }
            }
        }
        for prefix in ["", "wmt12-", "ntrex-"] {
            let selected: Vec<&String> = names.iter().filter(|n| n.starts_with(prefix)).collect();
            if selected.is_empty() {
                continue;
            }
            let mut cmd = Command::new("python3");
            cmd.arg(&scorer).arg("--json");
            if text {
                cmd.arg("--text");
                for n in &selected {
                    cmd.arg(dir.join(format!("{n}.pairs.tsv")))
                        .arg(out.join(format!("{n}.tsv")));
                }
            } else {
                for n in &selected {
                    cmd.arg(dir.join(format!("{n}.gold")))
                        .arg(out.join(format!("{n}.align")));
                }
            }
            let result = cmd.output().expect("python3 runs score.py");
            let json: serde_json::Value =
                serde_json::from_slice(&result.stdout).unwrap_or_else(|_| {
                    panic!(
                        "score.py failed: {}",
                        String::from_utf8_lossy(&result.stderr)
                    )
                });
            let f = |k: &str| json[k].as_f64().unwrap_or(f64::NAN);
            println!(
                "{} {:<7} docs {:3}  strict P {:.4} R {:.4} F1 {:.4}  lax F1 {:.4}",
                dir.display(),
                if prefix.is_empty() {
                    "all"
                } else {
                    prefix.trim_end_matches('-')
                },
                selected.len(),
                f("precision_strict"),
                f("recall_strict"),
                f("f1_strict"),
                f("f1_lax"),
            );
            if prefix.is_empty() && !text {
                println!("  by gold type: {}", json["recall_strict_by_gold_type"]);
                println!("  unaligned: {}", json["unaligned"]);
            }
        }
        if !text {
            print_calibration(&calibration);
        }
        if keep.is_none() {
            let _ = std::fs::remove_dir_all(&out);
        }
    }
    if drop_paragraph {
        if let Some(parent) = dirs.first().and_then(|d| d.parent()) {
            let _ = std::fs::remove_dir_all(parent);
        }
    }
}

/// The calibration table: score bucket, units, fraction correct; per corpus half.
fn print_calibration(units: &[(String, f64, bool)]) {
    let edges = [0.0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001];
    for prefix in ["", "wmt12-", "ntrex-"] {
        let selected: Vec<&(String, f64, bool)> =
            units.iter().filter(|u| u.0.starts_with(prefix)).collect();
        let label = if prefix.is_empty() {
            "all"
        } else {
            prefix.trim_end_matches('-')
        };
        print!("  calibration {label:<5}");
        for w in edges.windows(2) {
            let bucket: Vec<_> = selected
                .iter()
                .filter(|u| u.1 >= w[0] && u.1 < w[1])
                .collect();
            if bucket.is_empty() {
                continue;
            }
            let ok = bucket.iter().filter(|u| u.2).count();
            print!(
                "  [{:.2},{:.2}) {}: {:.3}",
                w[0],
                w[1].min(1.0),
                bucket.len(),
                ok as f64 / bucket.len() as f64
            );
        }
        let high: Vec<_> = selected.iter().filter(|u| u.1 >= 0.9).collect();
        let high_ok = high.iter().filter(|u| u.2).count();
        let errors = selected.iter().filter(|u| !u.2).count();
        println!(
            "\n  {label}: score >= 0.9: {} units, {:.4} correct; errors {} of {}",
            high.len(),
            high_ok as f64 / high.len().max(1) as f64,
            errors,
            selected.len()
        );
    }
}

/// A copy of the documents of `dir` (`.txt` and `.pairs.tsv`) with one paragraph left out of
/// one side, in a temporary directory named after `dir` (see the module comment).
fn without_a_paragraph(dir: &Path) -> PathBuf {
    let name = dir.file_name().expect("a directory name").to_string_lossy();
    let out = std::env::temp_dir()
        .join(format!("alinea-drop-{}", std::process::id()))
        .join(format!("{name}-drop-paragraph"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let file = e.ok()?.file_name().to_str()?.to_string();
            file.strip_suffix(".pairs.tsv").map(String::from)
        })
        .collect();
    names.sort();
    let mut count = 0;
    for doc in &names {
        let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{doc}.{ext}"))).unwrap();
        let (mut es, mut en) = (read("es.txt"), read("en.txt"));
        let left_out_en = count % 2 == 0;
        let side = if left_out_en { &mut en } else { &mut es };
        let paragraphs: Vec<&str> = side
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .collect();
        if paragraphs.len() < 6 {
            continue;
        }
        count += 1;
        let mut k = paragraphs.len() / 2;
        if paragraphs[k].split_whitespace().count() < 30 {
            k += 1;
        }
        let dropped = norm(paragraphs[k]);
        let kept: Vec<&str> = paragraphs
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != k)
            .map(|(_, p)| p.trim_matches('\n'))
            .collect();
        *side = kept.join("\n\n") + "\n";
        let pairs: String = read("pairs.tsv")
            .lines()
            .filter(|line| {
                let (s, t) = line.split_once('\t').unwrap_or((line, ""));
                let mine = norm(if left_out_en { t } else { s });
                mine.is_empty() || !dropped.contains(&mine)
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let write =
            |ext: &str, body: &str| std::fs::write(out.join(format!("{doc}.{ext}")), body).unwrap();
        write("es.txt", &es);
        write("en.txt", &en);
        write("pairs.tsv", &pairs);
        write("gold", "");
    }
    out
}
