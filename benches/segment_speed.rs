//! Segmentation speed: alinea's SRX engine with its built-in rules against the Unicode
//! sentence boundaries of unicode-segmentation (`unicode_sentences()`, UAX #29), in the same
//! run, on the same text: the raw `.txt` files of `../shared/eval/align/large/`, repeated to
//! at least 20 MB.
//!
//!     cargo bench --bench segment_speed

use alinea::input::Document;
use alinea::segment::{self, Segmenter};
use alinea::types::Lang;
use std::path::Path;
use std::time::Instant;
use unicode_segmentation::UnicodeSegmentation;

fn main() {
    let large = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/align/large");
    let mut sides = Vec::new();
    for (file, lang) in [
        ("big.es.txt", Lang::Es),
        ("big_hard.es.txt", Lang::Es),
        ("big.en.txt", Lang::En),
        ("big_hard.en.txt", Lang::En),
    ] {
        let text = std::fs::read_to_string(large.join(file)).expect("the large evaluation files");
        sides.push((text, lang));
    }
    let once: usize = sides.iter().map(|(t, _)| t.len()).sum();
    let times = (20_000_000 / once) + 1;
    let docs: Vec<(Document, Lang)> = sides
        .iter()
        .map(|(t, lang)| {
            (
                Document::from_text("bench", &(t.clone() + "\n\n").repeat(times)),
                *lang,
            )
        })
        .collect();
    let bytes: usize = docs.iter().map(|(d, _)| d.text.len()).sum();
    println!(
        "text: {:.1} MB ({} files x {times})",
        bytes as f64 / 1e6,
        docs.len()
    );

    // Best of three runs; time on this thread's CPU clock (not disturbed by other processes)
    // and on the wall clock.
    let best_of = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
                let n = f();
                (thread_cpu_seconds() - cpu, wall.elapsed().as_secs_f64(), n)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap()
    };
    let segmenters: Vec<Segmenter> = docs
        .iter()
        .map(|(_, lang)| Segmenter::builtin(*lang))
        .collect();
    let (ours_cpu, _, n_ours) = best_of(&|| {
        docs.iter()
            .zip(&segmenters)
            .map(|((d, _), seg)| {
                d.blocks
                    .iter()
                    .map(|b| seg.split(&d.text[b.start..b.end]).len())
                    .sum::<usize>()
            })
            .sum()
    });
    let (_, ours_parallel_wall, _) = best_of(&|| {
        docs.iter()
            .zip(&segmenters)
            .map(|((d, _), seg)| segment::sentences(d, seg, false).len())
            .sum()
    });
    let (uax_cpu, _, n_uax) = best_of(&|| {
        docs.iter()
            .map(|(d, _)| {
                d.blocks
                    .iter()
                    .map(|b| d.text[b.start..b.end].unicode_sentences().count())
                    .sum::<usize>()
            })
            .sum()
    });
    let mbs = |secs: f64| bytes as f64 / 1e6 / secs;
    println!("one thread (CPU time):");
    println!(
        "  alinea (SRX, built-in rules): {:8.1} MB/s  {n_ours} sentences",
        mbs(ours_cpu)
    );
    println!(
        "  unicode_sentences (UAX #29):  {:8.1} MB/s  {n_uax} sentences",
        mbs(uax_cpu)
    );
    println!("  ratio: {:.2}x", uax_cpu / ours_cpu);
    println!(
        "alinea on all {} cores, blocks in parallel (wall time): {:.1} MB/s, {:.2}x the one-thread UAX #29",
        rayon::current_num_threads(),
        mbs(ours_parallel_wall),
        uax_cpu / ours_parallel_wall
    );
}

/// The CPU time this thread has used, in seconds (Linux: /proc/thread-self/schedstat).
fn thread_cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
