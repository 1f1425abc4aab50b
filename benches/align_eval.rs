//! Alignment accuracy on a directory of gold alignments (`NAME.gold`, `NAME.{es,en}.sent`,
//! `NAME.{es,en}.txt`, `NAME.pairs.tsv`), scored by the evaluation set's own `score.py`.
//!
//!     cargo bench --bench align_eval -- [--text] [--set NAME=VALUE ...] DIR [DIR ...]
//!
//! Without `--text`, the gold sentences are aligned (`.sent` in, beads out) and scored with
//! `score.py --dirs`; with `--text`, the raw `.txt` files go through the whole pipeline and
//! the pairs are scored with `score.py --text`. Scores are printed for all documents and for
//! each corpus prefix (`wmt12-`, `ntrex-`), so tuning on one half can be checked on the other.

use alinea::align::cost::CostModel;
use alinea::output::{beads, side_text};
use alinea::{align_documents, input, segment_document};
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let mut text = false;
    let mut model = CostModel::default();
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--text" => text = true,
            "--set" => model
                .set(&args.next().expect("--set NAME=VALUE"))
                .expect("valid --set"),
            "--bench" => {}
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    let scorer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/score.py");
    for dir in &dirs {
        let out = std::env::temp_dir().join(format!("alinea-eval-{}", std::process::id()));
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
        for name in &names {
            let base = dir.join(name);
            let ext = if text { "txt" } else { "sent" };
            let load = |lang: &str| {
                let path = PathBuf::from(format!("{}.{lang}.{ext}", base.display()));
                input::load(&path, !text).unwrap()
            };
            let al = align_documents(
                segment_document(load("es"), "es", !text),
                segment_document(load("en"), "en", !text),
                &model,
            );
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
        let _ = std::fs::remove_dir_all(&out);
    }
}
