//! The shipped samples: their committed TMX is what the code produces, their alignment matches
//! the hand-made gold, and every sentence ends up in exactly one unit.
//!
//! Regenerate `tmx/` after a change that is meant to alter the output:
//! `ALINEA_BLESS=1 cargo test --test samples`.

mod common;
use common::*;

/// The date pinned in the committed TMX files.
const PINNED_DATE: &str = "20260101T000000Z";

#[test]
fn committed_tmx_matches_what_the_code_produces() {
    let bless = std::env::var_os("ALINEA_BLESS").is_some();
    let dir = temp_dir("tmx");
    for name in sample_names() {
        let fresh = dir.join(format!("{name}.tmx"));
        let out = alinea(&[
            "align",
            &format!("samples/{name}.es.txt"),
            &format!("samples/{name}.en.txt"),
            "--date",
            PINNED_DATE,
            "-q",
            "-o",
            path_str(&fresh),
        ]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let committed = root().join(format!("tmx/{name}.tmx"));
        let produced = std::fs::read(&fresh).unwrap();
        if bless {
            std::fs::write(&committed, &produced).unwrap();
            continue;
        }
        let expected = std::fs::read(&committed).unwrap_or_else(|_| {
            panic!("tmx/{name}.tmx is missing: run ALINEA_BLESS=1 cargo test --test samples")
        });
        assert!(
            expected == produced,
            "tmx/{name}.tmx differs from what alinea now writes; if the change is intended, run ALINEA_BLESS=1 cargo test --test samples"
        );
    }
}

/// Reads a gold file: `spanish<TAB>english` per unit, empty cell for no counterpart.
fn gold_pairs(name: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join(format!("samples/{name}.gold.tsv"))).unwrap();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (es, en) = l.split_once('\t').expect("gold lines hold a tab");
            (es.to_string(), en.to_string())
        })
        .collect()
}

#[test]
fn samples_align_exactly_like_their_hand_made_gold() {
    for name in sample_names() {
        let out = alinea(&[
            "align",
            &format!("samples/{name}.es.txt"),
            &format!("samples/{name}.en.txt"),
            "--format",
            "tsv",
            "-q",
        ]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let produced: Vec<(String, String)> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let cells: Vec<&str> = l.split('\t').collect();
                assert_eq!(
                    cells.len(),
                    7,
                    "source, target, score, tuid, bead, document, status: {l}"
                );
                // A cell a spreadsheet would take for a formula comes with a `'` before it.
                let text = |c: &str| match c.strip_prefix('\'') {
                    Some(rest) if rest.starts_with(['=', '+', '-', '@', '\'']) => rest.to_string(),
                    _ => c.to_string(),
                };
                (text(cells[0]), text(cells[1]))
            })
            .collect();
        assert_eq!(produced, gold_pairs(&name), "{name}");
    }
}

#[test]
fn every_sentence_of_every_sample_is_in_exactly_one_unit() {
    for name in sample_names() {
        let mut counts = Vec::new();
        for lang in ["es", "en"] {
            let out = alinea(&[
                "segment",
                "--lang",
                lang,
                &format!("samples/{name}.{lang}.txt"),
            ]);
            assert!(out.status.success());
            let n = String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .filter(|l| !l.is_empty())
                .count();
            counts.push(n);
        }
        let out = alinea(&[
            "align",
            &format!("samples/{name}.es.txt"),
            &format!("samples/{name}.en.txt"),
            "--format",
            "json",
            "-q",
        ]);
        let units: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        for (side, n) in ["src", "tgt"].iter().zip(&counts) {
            let seen: Vec<u64> = units
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|u| {
                    u[side]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_u64().unwrap())
                })
                .collect();
            let expected: Vec<u64> = (0..*n as u64).collect();
            assert_eq!(
                seen, expected,
                "{name} {side}: each sentence once, in order"
            );
        }
    }
}

#[test]
fn sre_366_summary_reports_the_closing_line_as_not_written() {
    let out = alinea(&[
        "align",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "-o",
        path_str(&temp_dir("summary").join("out.tmx")),
    ]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("1 Spanish sentence has no English counterpart"),
        "{err}"
    );
    assert!(err.contains("line 34 '---oo0oo---'"), "{err}");
    assert!(err.contains("26 written to the TMX"), "{err}");
}
