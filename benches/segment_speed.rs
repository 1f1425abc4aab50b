//! Segmentation speed: alinea's SRX engine with its built-in rules against the Unicode
//! sentence boundaries of unicode-segmentation (`unicode_sentences()`, UAX #29), in the same
//! run, on the same text: the raw `.txt` files of `../shared/eval/align/large/`, repeated to
//! at least 20 MB.
//!
//!     cargo bench --bench segment_speed

use alinea::input::Document;
use alinea::segment::{self, Lang, Segmenter};
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

    let best_of = |f: &dyn Fn() -> usize| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                let n = f();
                (t.elapsed().as_secs_f64(), n)
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap()
    };
    let (ours, n_ours) = best_of(&|| {
        docs.iter()
            .map(|(d, lang)| segment::sentences(d, &Segmenter::builtin(*lang), false).len())
            .sum()
    });
    let (uax, n_uax) = best_of(&|| {
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
    println!(
        "alinea (SRX, built-in rules): {:8.1} MB/s  {n_ours} sentences",
        mbs(ours)
    );
    println!(
        "unicode_sentences (UAX #29):  {:8.1} MB/s  {n_uax} sentences",
        mbs(uax)
    );
    println!("ratio: {:.2}x", uax / ours);
}
