//! Scaling on book-length input: `../shared/eval/align/large/big_hard.*` (10,500 sentences a
//! side) as it is and repeated 10 times, aligned by the release binary, timed and measured
//! with `/usr/bin/time -v`, scored with the evaluation set's `score.py`.
//!
//!     cargo bench --bench large
//!
//! Prints, for 1x and 10x: sentences, wall time, peak memory, strict and lax F1 (gold
//! sentences given), and the wall time of the end-to-end run from the raw `.txt` files.
//! Then the same for 1x with three long passages left out of one side (150 and 60 sentences
//! of the English, 300 of the Spanish), with the F1 of the 1-0/0-1 units: long omissions are
//! where a search that drifts would pair the wrong sentences.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let large = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/large");
    let scorer = large.join("../score.py");
    let work = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-large");
    std::fs::create_dir_all(&work).unwrap();
    println!("input  sentences(es/en)  wall(s)  peak(MB)  strict F1  lax F1  text-to-TMX wall(s)  peak(MB)");
    for times in [1usize, 10] {
        let files = repeat(&large, &work, times);
        let (wall, peak, json) =
            align_and_score(&files, &work.join(format!("x{times}.beads")), &scorer);
        let (text_wall, text_peak) = timed(&[
            "align",
            files.es_txt.to_str().unwrap(),
            files.en_txt.to_str().unwrap(),
            "-o",
            "/dev/null",
            "-q",
        ]);
        println!(
            "{times:>3}x  {:>7}/{:<7}  {wall:>7.2}  {peak:>8.0}  {:>9.4}  {:>6.4}  {text_wall:>19.2}  {text_peak:>8.0}",
            files.es_lines,
            files.en_lines,
            json["f1_strict"].as_f64().unwrap(),
            json["f1_lax"].as_f64().unwrap(),
        );
    }
    let files = with_gaps(
        &large,
        &work,
        &[(2000, 150, 'e'), (5000, 300, 's'), (8000, 60, 'e')],
    );
    let (wall, peak, json) = align_and_score(&files, &work.join("gaps.beads"), &scorer);
    println!(
        "gaps   {:>7}/{:<7}  {wall:>7.2}  {peak:>8.0}  {:>9.4}  {:>6.4}  1-0/0-1 F1 {:.4}",
        files.es_lines,
        files.en_lines,
        json["f1_strict"].as_f64().unwrap(),
        json["f1_lax"].as_f64().unwrap(),
        json["unaligned"]["f1"].as_f64().unwrap(),
    );
}

/// Aligns the gold sentences of `files` into `beads`, timed, and scores them: wall seconds,
/// peak MB and what `score.py --json` says.
fn align_and_score(files: &Files, beads: &Path, scorer: &Path) -> (f64, f64, serde_json::Value) {
    let (wall, peak) = timed(&[
        "align",
        "--presegmented",
        files.es_sent.to_str().unwrap(),
        files.en_sent.to_str().unwrap(),
        "--beads",
        beads.to_str().unwrap(),
        "-o",
        "/dev/null",
        "-q",
    ]);
    let score = Command::new("python3")
        .arg(scorer)
        .arg("--json")
        .arg(&files.gold)
        .arg(beads)
        .output()
        .expect("python3 runs score.py");
    let json = serde_json::from_slice(&score.stdout).expect("score.py prints JSON");
    (wall, peak, json)
}

/// The 1x files with the sentences of the gold beads `start..start + count` left out of one
/// side (`'e'` English, `'s'` Spanish) for each gap, and the gold beads renumbered.
fn with_gaps(large: &Path, work: &Path, gaps: &[(usize, usize, char)]) -> Files {
    let read =
        |name: &str| std::fs::read_to_string(large.join(name)).expect("the large evaluation files");
    let (es, en, gold) = (
        read("big_hard.es.sent"),
        read("big_hard.en.sent"),
        read("big_hard.gold"),
    );
    let ids = |side: &str| -> Vec<usize> {
        side.trim_matches(|c| c == '[' || c == ']' || c == ' ')
            .split(',')
            .filter(|s| !s.trim().is_empty())
            .map(|s| s.trim().parse().unwrap())
            .collect()
    };
    let beads: Vec<(Vec<usize>, Vec<usize>)> = gold
        .lines()
        .map(|l| {
            let (a, b) = l.split_once(':').expect("bead");
            (ids(a), ids(b))
        })
        .collect();
    let (mut drop_es, mut drop_en) = (
        std::collections::HashSet::new(),
        std::collections::HashSet::new(),
    );
    for &(start, count, side) in gaps {
        for (a, b) in &beads[start..start + count] {
            match side {
                'e' => drop_en.extend(b.iter().copied()),
                _ => drop_es.extend(a.iter().copied()),
            }
        }
    }
    // Keeps the lines not dropped; the new index of each kept line.
    let keep = |text: &str, dropped: &std::collections::HashSet<usize>| {
        let mut index = std::collections::HashMap::new();
        let mut kept = String::new();
        for (i, line) in text.lines().enumerate() {
            if !dropped.contains(&i) {
                index.insert(i, index.len());
                kept.push_str(line);
                kept.push('\n');
            }
        }
        (kept, index)
    };
    let ((es, es_index), (en, en_index)) = (keep(&es, &drop_es), keep(&en, &drop_en));
    let list = |ids: &[usize], index: &std::collections::HashMap<usize, usize>| {
        let kept: Vec<String> = ids
            .iter()
            .filter_map(|i| index.get(i).map(|k| k.to_string()))
            .collect();
        format!("[{}]", kept.join(", "))
    };
    let mut renumbered = String::new();
    for (a, b) in &beads {
        let (a, b) = (list(a, &es_index), list(b, &en_index));
        if a != "[]" || b != "[]" {
            renumbered.push_str(&format!("{a}:{b}\n"));
        }
    }
    let out = |name: &str| work.join(format!("gaps.{name}"));
    let files = Files {
        es_sent: out("es.sent"),
        en_sent: out("en.sent"),
        es_txt: out("es.txt"),
        en_txt: out("en.txt"),
        gold: out("gold"),
        es_lines: es_index.len(),
        en_lines: en_index.len(),
    };
    std::fs::write(&files.es_sent, es).unwrap();
    std::fs::write(&files.en_sent, en).unwrap();
    std::fs::write(&files.gold, renumbered).unwrap();
    files
}

struct Files {
    es_sent: PathBuf,
    en_sent: PathBuf,
    es_txt: PathBuf,
    en_txt: PathBuf,
    gold: PathBuf,
    es_lines: usize,
    en_lines: usize,
}

/// Writes the large files repeated `times` times, with the gold beads shifted to match.
fn repeat(large: &Path, work: &Path, times: usize) -> Files {
    let read =
        |name: &str| std::fs::read_to_string(large.join(name)).expect("the large evaluation files");
    let (es, en, gold) = (
        read("big_hard.es.sent"),
        read("big_hard.en.sent"),
        read("big_hard.gold"),
    );
    let (es_lines, en_lines) = (es.lines().count(), en.lines().count());
    let out = |name: &str| work.join(format!("x{times}.{name}"));
    let mut shifted = String::new();
    for k in 0..times {
        for line in gold.lines() {
            let (a, b) = line.split_once(':').expect("bead");
            let shift = |side: &str, by: usize| {
                let ids: Vec<String> = side
                    .trim_matches(|c| c == '[' || c == ']' || c == ' ')
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| (s.trim().parse::<usize>().unwrap() + by).to_string())
                    .collect();
                format!("[{}]", ids.join(", "))
            };
            shifted.push_str(&format!(
                "{}:{}\n",
                shift(a, k * es_lines),
                shift(b, k * en_lines)
            ));
        }
    }
    let files = Files {
        es_sent: out("es.sent"),
        en_sent: out("en.sent"),
        es_txt: out("es.txt"),
        en_txt: out("en.txt"),
        gold: out("gold"),
        es_lines: es_lines * times,
        en_lines: en_lines * times,
    };
    let with_newline = |s: String| if s.ends_with('\n') { s } else { s + "\n" };
    std::fs::write(&files.es_sent, with_newline(es).repeat(times)).unwrap();
    std::fs::write(&files.en_sent, with_newline(en).repeat(times)).unwrap();
    std::fs::write(
        &files.es_txt,
        (with_newline(read("big_hard.es.txt")) + "\n").repeat(times),
    )
    .unwrap();
    std::fs::write(
        &files.en_txt,
        (with_newline(read("big_hard.en.txt")) + "\n").repeat(times),
    )
    .unwrap();
    std::fs::write(&files.gold, shifted).unwrap();
    files
}

/// Runs the alinea binary under `/usr/bin/time -v`: wall seconds and peak resident MB (and
/// prints the CPU seconds, which other processes on the machine do not inflate).
fn timed(args: &[&str]) -> (f64, f64) {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_alinea"))
        .args(args)
        .output()
        .expect("/usr/bin/time runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .unwrap_or_else(|| panic!("no '{name}' in /usr/bin/time output"))
            .trim()
            .to_string()
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):");
    let secs = wall
        .split(':')
        .fold(0.0, |acc, part| acc * 60.0 + part.parse::<f64>().unwrap());
    let peak_kb: f64 = field("Maximum resident set size (kbytes):")
        .parse()
        .unwrap();
    let user: f64 = field("User time (seconds):").parse().unwrap();
    let sys: f64 = field("System time (seconds):").parse().unwrap();
    let input = args
        .iter()
        .find(|a| a.ends_with(".sent") || a.ends_with(".txt"))
        .unwrap_or(&"");
    eprintln!(
        "  {input}: wall {secs:.2} s, CPU {:.2} s (user {user:.2} + system {sys:.2})",
        user + sys
    );
    (secs, peak_kb / 1024.0)
}
