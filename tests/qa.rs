//! `alinea qa` and `alinea diff` on the samples: what they find, in every format, the exit
//! codes, and the review pages (their content; `tests/browser.rs` opens them in a browser).
//!
//! `samples/sre-366.en-revised.txt` is the English of sre-366 edited for these tests: the
//! 79th session made the 78th, a sentence added, the last sentence left out, a few words
//! changed and the name Seele corrected to Selee.

mod common;
use common::*;
use serde_json::Value;

const ES: &str = "samples/sre-366.es.txt";
const EN: &str = "samples/sre-366.en.txt";
const REVISED: &str = "samples/sre-366.en-revised.txt";

fn json(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
        .as_array()
        .unwrap()
        .clone()
}

fn kinds(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn sre_366_has_the_misspelt_name_and_the_closing_line_and_nothing_else() {
    let out = alinea(&["qa", ES, EN, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "no error: {}", stderr(&out));
    let findings = json(&out);
    assert_eq!(
        kinds(&findings),
        [
            ("name".to_string(), "warning".to_string()),
            ("omission".to_string(), "info".to_string())
        ]
    );
    let name = &findings[0];
    assert_eq!(name["src"], serde_json::json!([21]));
    assert_eq!(name["tgt"], serde_json::json!([22]));
    assert_eq!(name["tuid"], "sre-366-22");
    assert_eq!(
        name["message"],
        "'Selee' in the Spanish is spelled 'Seele' in the English"
    );
    assert!(name["src_text"]
        .as_str()
        .unwrap()
        .starts_with("Andrew Selee"));
    assert!(name["tgt_text"]
        .as_str()
        .unwrap()
        .starts_with("Andrew Seele"));
    let closing = &findings[1];
    assert_eq!(closing["src"], serde_json::json!([26]));
    assert_eq!(closing["tgt"], serde_json::json!([]));
    assert_eq!(closing["src_text"], "---oo0oo---");
    assert_eq!(closing["tgt_text"], "");
    assert!(stderr(&out).contains("27 units checked: 2 findings (1 warning, 1 info)"));
}

#[test]
fn what_a_revision_left_out_added_and_changed_is_found_and_exits_1() {
    let out = alinea(&["qa", ES, REVISED, "--format", "json", "-q"]);
    assert_eq!(out.status.code(), Some(1), "an error: {}", stderr(&out));
    assert_eq!(stderr(&out), "", "-q");
    let findings = json(&out);
    assert_eq!(
        kinds(&findings),
        [
            ("number".to_string(), "error".to_string()),
            ("addition".to_string(), "error".to_string()),
            ("omission".to_string(), "error".to_string()),
            ("omission".to_string(), "info".to_string()),
        ]
    );
    assert_eq!(
        findings[0]["message"],
        "79 in the Spanish is not in the English (the English has 78)"
    );
    assert!(findings[1]["tgt_text"]
        .as_str()
        .unwrap()
        .starts_with("The dialogue was broadcast live"));
    assert_eq!(findings[1]["src"], serde_json::json!([]));
    assert!(findings[2]["src_text"]
        .as_str()
        .unwrap()
        .starts_with("La reunión también fue una oportunidad"));
}

#[test]
fn text_and_tsv_say_the_same() {
    let out = alinea(&["qa", ES, REVISED]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("sre-366-11 (line 18) error [number]: 79 in the Spanish is not in the English (the English has 78)"), "{text}");
    assert!(text.contains("  Spanish: En el marco de la semana de alto nivel del [79].º"));
    assert!(text.ends_with("28 units checked: 4 findings (3 errors, 1 info)\n"));
    assert!(!text.contains('\x1b'), "no colours when not on a terminal");

    let out = alinea(&["qa", ES, REVISED, "--format", "tsv", "-q"]);
    let tsv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 5, "a header and four findings");
    assert_eq!(rows[0][..3], ["kind", "severity", "unit"]);
    assert!(rows.iter().all(|r| r.len() == 10));
    assert_eq!(rows[1][..2], ["number", "error"]);
}

#[test]
fn a_memory_is_checked_with_what_it_holds() {
    // The TMX holds no unit with an empty side: the closing line is not in it.
    let out = alinea(&["qa", "--tmx", "tmx/sre-366.tmx", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let findings = json(&out);
    assert_eq!(
        kinds(&findings),
        [("name".to_string(), "warning".to_string())]
    );
    assert_eq!(findings[0]["tuid"], "sre-366-22");
    assert_eq!(findings[0]["src"], serde_json::json!([21]));

    // A low threshold of confidence finds the units under it.
    let out = alinea(&[
        "qa",
        "--tmx",
        "tmx/sre-366.tmx",
        "--min-score",
        "0.7",
        "--format",
        "json",
    ]);
    let low: Vec<Value> = json(&out)
        .into_iter()
        .filter(|f| f["kind"] == "low-confidence")
        .collect();
    assert_eq!(low.len(), 1);
    assert_eq!(low[0]["tuid"], "sre-366-26");
}

#[test]
fn bad_input_and_options_exit_2_naming_the_file() {
    let dir = temp_dir("qa-bad");
    let missing = dir.join("nope.tmx");
    let out = alinea(&["qa", "--tmx", path_str(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(path_str(&missing)) && err.contains("no such file"),
        "{err}"
    );

    let broken = dir.join("broken.tmx");
    std::fs::write(
        &broken,
        "<tmx version=\"1.4\"><header srclang=\"es\"/><body><tu>",
    )
    .unwrap();
    let out = alinea(&["qa", "--tmx", path_str(&broken)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(path_str(&broken)), "{}", stderr(&out));

    let out = alinea(&["qa", ES, EN, "--min-score", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--min-score"));
    let out = alinea(&["qa", ES]);
    assert_eq!(out.status.code(), Some(2), "a target is needed");
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn diff_compares_two_translations_row_by_row() {
    let out = alinea(&["diff", ES, EN, REVISED, "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = json(&out);
    let with =
        |status: &str| -> Vec<&Value> { rows.iter().filter(|r| r["status"] == status).collect() };
    let changed = with("changed");
    let added = with("added");
    let removed = with("removed");
    assert_eq!(
        (changed.len(), added.len(), removed.len()),
        (4, 1, 1),
        "{rows:#?}"
    );
    let numbers = changed
        .iter()
        .find(|r| r["old_text"].as_str().unwrap().contains("79th"))
        .unwrap();
    assert_eq!(
        numbers["words"],
        serde_json::json!([
            {"op": "=", "text": "During the high-level week of the "},
            {"op": "-", "text": "79th"},
            {"op": "+", "text": "78th"},
            {"op": "=", "text": " United Nations General Assembly, Foreign Secretary Alicia Bárcena presented the Mexican Model of Human Mobility at an event titled \"A Dialogue on Human Mobility in the Americas with the UN System.\""}
        ])
    );
    assert_eq!(numbers["edits"], 1);
    assert!(numbers["similarity"].as_f64().unwrap() > 0.99);
    assert_eq!(added[0]["src"], serde_json::json!([]));
    assert!(added[0]["new_text"]
        .as_str()
        .unwrap()
        .starts_with("The dialogue was broadcast"));
    assert_eq!(removed[0]["new_text"], "");
    assert_eq!(
        rows.iter().filter(|r| r["status"] == "unchanged").count(),
        rows.len() - 6
    );

    let out = alinea(&["diff", ES, EN, REVISED]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("  diff: Andrew [-Seele-]{+Selee+}, President"),
        "{text}"
    );
    assert!(text.ends_with(&format!(
        "{} rows: {} unchanged, 4 changed, 1 added, 1 removed\n",
        rows.len(),
        rows.len() - 6
    )));
}

#[test]
fn diff_compares_two_memories_by_source() {
    let dir = temp_dir("diff-tmx");
    let revised = dir.join("revised.tmx");
    let out = alinea(&["align", ES, REVISED, "-q", "-o", path_str(&revised)]);
    assert!(out.status.success());
    let out = alinea(&[
        "diff",
        "--tmx",
        "tmx/sre-366.tmx",
        path_str(&revised),
        "--format",
        "tsv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tsv = String::from_utf8(out.stdout).unwrap();
    let status: Vec<&str> = tsv
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let count = |s: &str| status.iter().filter(|x| **x == s).count();
    // The added sentence has no source, so it is not in the memory; the source left
    // untranslated is removed; the three titles are one source three times, paired in turn.
    assert_eq!(
        (count("changed"), count("added"), count("removed")),
        (4, 0, 1),
        "{tsv}"
    );
    assert_eq!(count("unchanged"), 21);
    let out = alinea(&["diff", "--tmx", "tmx/sre-366.tmx"]);
    assert_eq!(out.status.code(), Some(2), "two memories are needed");
}

#[test]
fn review_pages_hold_every_unit_and_finding_and_fetch_nothing() {
    let dir = temp_dir("html");
    let page = |args: &[&str], name: &str| {
        let path = dir.join(name);
        let mut all = args.to_vec();
        let output = dir.join(format!("{name}.out"));
        all.extend(["--html", path_str(&path), "-q", "-o", path_str(&output)]);
        let out = alinea(&all);
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{}",
            stderr(&out)
        );
        std::fs::read_to_string(&path).unwrap()
    };
    let qa = page(&["qa", ES, REVISED], "qa.html");
    assert_eq!(qa.matches("<tr class=\"unit ").count(), 28);
    assert_eq!(qa.matches("<li class=\"finding ").count(), 4);
    assert!(qa.contains("<mark class=\"number sev-error\" title=\"79 in the Spanish is not in the English (the English has 78)\">79</mark>"));
    assert!(qa.contains("<td class=\"side none\">no English counterpart</td>"));
    assert!(qa.contains("<td class=\"side none\">no Spanish counterpart</td>"));
    let align = page(&["align", ES, EN], "align.html");
    assert_eq!(align.matches("<tr class=\"unit ").count(), 27);
    assert!(align.contains("<mark class=\"name sev-warning\" title=\"&apos;Selee&apos; in the Spanish is spelled &apos;Seele&apos; in the English\">Selee</mark>"));
    let diff = page(&["diff", ES, EN, REVISED], "diff.html");
    assert!(diff.contains("<del>79th</del>") && diff.contains("<ins>78th</ins>"));
    for html in [&qa, &align, &diff] {
        assert!(html.starts_with("<!DOCTYPE html>"));
        for outside in ["http:", "https:", "<link", "src=", "@import", "url("] {
            assert!(
                !html.contains(outside),
                "the page fetches nothing: {outside}"
            );
        }
    }
}
