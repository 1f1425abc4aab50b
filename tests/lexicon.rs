//! `--dict` and `--explain` on the command line.

mod common;
use common::*;

#[test]
fn a_word_list_makes_the_right_pairing_surer() {
    let dir = temp_dir("dict");
    let es = dir.join("d.es.txt");
    let en = dir.join("d.en.txt");
    // No cognates and no numbers: without a word list only the lengths speak.
    std::fs::write(&es, "El perro come carne.\n").unwrap();
    std::fs::write(
        &en,
        "The dog eats meat. The old grey cat sleeps on the sofa.\n",
    )
    .unwrap();
    let dict = dir.join("words.txt");
    std::fs::write(&dict, "dog @ perro\neats @ come\nmeat @ carne\n").unwrap();
    let units = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec![
            "align",
            path_str(&es),
            path_str(&en),
            "--format",
            "json",
            "-q",
        ];
        args.extend_from_slice(extra);
        let out = alinea(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (without, with) = (units(&[]), units(&["--dict", path_str(&dict)]));
    for u in [&without, &with] {
        assert_eq!(u[0]["src_text"], "El perro come carne.");
        assert_eq!(u[0]["tgt_text"], "The dog eats meat.");
        assert_eq!(u[1]["bead"], "0-1");
    }
    let score = |u: &serde_json::Value| u[0]["score"].as_f64().unwrap();
    assert!(
        score(&with) > score(&without) + 0.1,
        "{} vs {}",
        score(&with),
        score(&without)
    );
}

#[test]
fn an_unreadable_word_list_is_refused_with_its_line() {
    let dir = temp_dir("dict-bad");
    let dict = dir.join("words.txt");
    std::fs::write(&dict, "dog @ perro\ncasa = house\n").unwrap();
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--dict",
        path_str(&dict),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("words.txt") && err.contains("line 2"), "{err}");
}

#[test]
fn explain_shows_the_cost_parts_of_every_unit() {
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "--explain",
        "-o",
        path_str(&temp_dir("explain").join("out.tmx")),
    ]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cost = prior + length + lexical + numbers + structure"));
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("unit ") && l.contains(" ("))
            .count(),
        27
    );
    assert!(err.contains("unit 14 (1-2)"), "{err}");
    assert!(err.contains("unit 27 (1-0)"), "{err}");
}

#[test]
fn a_batch_learns_word_pairs_no_single_document_could() {
    use alinea::{align_texts, input::Document, types::Lang, AlignOptions};
    // Each document pairs "gobierno"/"government" once; only across the batch do they recur.
    let docs = [
        (
            "El gobierno habló ayer.\n",
            "The government spoke yesterday.\n",
        ),
        (
            "Hoy el gobierno calló.\n",
            "Today the government kept silent.\n",
        ),
        (
            "El gobierno respondió pronto.\n",
            "The government answered soon.\n",
        ),
    ];
    let options = AlignOptions::default();
    let alignments: Vec<_> = docs
        .iter()
        .map(|(es, en)| {
            align_texts(
                Document::from_text("d", es),
                Document::from_text("d", en),
                &options,
            )
        })
        .collect();
    let refs: Vec<_> = alignments.iter().collect();
    let learned = alinea::learn_from_alignments(&refs, 3);
    let es = learned.entries_of("gobierno", Lang::Es);
    assert!(!es.is_empty(), "learned across the batch");
    assert_eq!(es, learned.entries_of("government", Lang::En));
    assert!(
        alinea::learn_from_alignments(&refs[..1], 3).is_empty(),
        "one document is not enough"
    );
}
