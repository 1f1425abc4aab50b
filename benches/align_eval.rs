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

use alinea::align::lexicon::Lexicon;
use alinea::output::{beads, side_text};
use alinea::{align_texts, input, AlignOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut text = false;
    let mut options = AlignOptions::default();
    let mut learn_batch = false;
    let mut dirs = Vec::new();
    let mut keep: Option<PathBuf> = None;
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
                options.lexicon = Lexicon::read(Path::new(&args.next().expect("--dict FILE")))
                    .expect("readable word list")
                    .0
            }
            "--keep" => keep = Some(PathBuf::from(args.next().expect("--keep OUT"))),
            "--bench" => {}
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/score.py");
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
