//! `alinea batch`: pairing, parallel alignment, per-pair TMX or one merged TMX, the report,
//! failures that do not stop the batch, and the JSON-lines mode.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};

const DATE: &str = "20260101T000000Z";

/// An archive of two folders: two good pairs, one pair with an empty Spanish file, and one
/// English file without partner.
fn archive(test: &str) -> std::path::PathBuf {
    let dir = temp_dir(test);
    let (es, en) = (dir.join("es"), dir.join("en"));
    std::fs::create_dir_all(&es).unwrap();
    std::fs::create_dir_all(&en).unwrap();
    for name in ["sre-366", "sre-412"] {
        std::fs::copy(
            root().join(format!("samples/{name}.es.txt")),
            es.join(format!("{name}.txt")),
        )
        .unwrap();
        std::fs::copy(
            root().join(format!("samples/{name}.en.txt")),
            en.join(format!("{name}.txt")),
        )
        .unwrap();
    }
    std::fs::write(es.join("broken.txt"), "").unwrap();
    std::fs::write(en.join("broken.txt"), "Some text.\n").unwrap();
    std::fs::write(en.join("orphan.txt"), "Nobody translated me.\n").unwrap();
    dir
}

#[test]
fn a_failing_pair_does_not_stop_the_batch_and_everything_is_reported() {
    let dir = archive("batch-dirs");
    let out = dir.join("out");
    let run = alinea(&[
        "batch",
        path_str(&dir.join("es")),
        path_str(&dir.join("en")),
        "-o",
        path_str(&out),
        "--date",
        DATE,
    ]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("2 pair(s) aligned (2 clean, 0 flagged), 1 failed, 1 file(s) without partner"),
        "{err}"
    );
    assert!(
        !err.contains('\r'),
        "no progress bar when stderr is not a terminal"
    );

    // Each good pair gives the same TMX as `alinea align`.
    for name in ["sre-366", "sre-412"] {
        let tmx = std::fs::read_to_string(out.join(format!("{name}.tmx"))).unwrap();
        assert_eq!(
            tmx,
            std::fs::read_to_string(root().join(format!("tmx/{name}.tmx"))).unwrap(),
            "{name}"
        );
    }
    assert!(!out.join("broken.tmx").exists());

    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let rows = report.as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let status = |file: &str| {
        rows.iter()
            .find(|r| r["source"].as_str().unwrap().ends_with(file))
            .map(|r| r["status"].as_str().unwrap().to_string())
            .unwrap()
    };
    assert_eq!(status("broken.txt"), "failed");
    assert_eq!(status("orphan.txt"), "unpaired");
    assert_eq!(status("sre-366.txt"), "ok");
    let broken = rows.iter().find(|r| r["status"] == "failed").unwrap();
    assert!(broken["error"].as_str().unwrap().contains("empty"));
    let sre = rows
        .iter()
        .find(|r| r["source"].as_str().unwrap().ends_with("sre-366.txt"))
        .unwrap();
    assert_eq!(sre["written"], 26);
    assert_eq!(sre["not_written"], 1);
    assert_eq!(sre["src_sentences"], 27);

    let tsv = std::fs::read_to_string(out.join("report.tsv")).unwrap();
    assert_eq!(tsv.lines().count(), 5, "header and four rows");
    assert!(tsv.lines().all(|l| l.split('\t').count() == 13));
}

#[test]
fn merge_writes_one_tmx_whose_units_keep_their_document() {
    let dir = archive("batch-merge");
    let list = dir.join("pairs.tsv");
    std::fs::write(
        &list,
        "es/sre-366.txt\ten/sre-366.txt\nes/sre-412.txt\ten/sre-412.txt\n",
    )
    .unwrap();
    let out = dir.join("out");
    let run = alinea(&[
        "batch",
        "--pairs",
        path_str(&list),
        "-o",
        path_str(&out),
        "--merge",
        "--date",
        DATE,
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let tmx = std::fs::read_to_string(out.join("merged.tmx")).unwrap();
    assert_eq!(tmx.matches("<tu ").count(), 26 + 28);
    assert_eq!(
        tmx.matches(r#"<prop type="x-document">sre-366</prop>"#)
            .count(),
        26
    );
    assert_eq!(
        tmx.matches(r#"<prop type="x-document">sre-412</prop>"#)
            .count(),
        28
    );
    assert_eq!(tmx.matches("<header ").count(), 1);
    assert!(tmx.contains(r#"tuid="sre-412-1""#));
}

fn jsonl(input: &str) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alinea"))
        .args(["batch", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer =
        std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out.stdout
}

fn sample_line(id: &str, name: &str) -> String {
    let read = |lang: &str| {
        std::fs::read_to_string(root().join(Path::new(&format!("samples/{name}.{lang}.txt"))))
            .unwrap()
    };
    serde_json::json!({"id": id, "src": read("es"), "tgt": read("en")}).to_string()
}

#[test]
fn jsonl_shards_concatenated_give_the_same_bytes_as_one_run() {
    let lines: Vec<String> = (0..150)
        .map(|k| match k % 4 {
            0 => sample_line(&format!("d{k}"), "sre-366"),
            1 => sample_line(&format!("d{k}"), "sre-412"),
            2 => sample_line(&format!("d{k}"), "boletin-salud"),
            _ => format!(r#"{{"id": "d{k}", "src": "", "tgt": "Text."}}"#),
        })
        .collect();
    let whole = jsonl(&(lines.join("\n") + "\n"));
    let mut sharded = Vec::new();
    for shard in lines.chunks(37) {
        sharded.extend(jsonl(&(shard.join("\n") + "\n")));
    }
    assert!(
        whole == sharded,
        "sharded output differs from the whole run"
    );

    let out: Vec<serde_json::Value> = String::from_utf8(whole)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 150, "one line per document, in input order");
    assert_eq!(out[0]["id"], "d0");
    assert_eq!(out[149]["id"], "d149");
    assert_eq!(out[0]["stats"]["written"], 26);
    assert!(out[3]["error"].as_str().unwrap().contains("empty"));
}

#[test]
fn a_profile_shapes_the_batch_tmx_for_the_tool() {
    let dir = archive("batch-profile");
    let out = dir.join("out");
    let run = alinea(&[
        "batch",
        path_str(&dir.join("es")),
        path_str(&dir.join("en")),
        "-o",
        path_str(&out),
        "--merge",
        "--profile",
        "trados",
        "--date",
        DATE,
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "the broken pair still fails: {}",
        stderr(&run)
    );
    let tmx = std::fs::read_to_string(out.join("merged.tmx")).unwrap();
    assert!(
        tmx.contains(r#"srclang="es-ES""#),
        "Trados matches es-ES best"
    );
    assert!(tmx.contains(r#"<tuv xml:lang="en-US">"#));
    assert!(!tmx.contains(r#"xml:lang="es">"#));
}

#[test]
fn paragraphs_repeated_across_the_pages_of_a_batch_are_dropped_and_reported() {
    let dir = temp_dir("batch-html");
    let page = |lang: &str, slogan: &str, body: &str| {
        format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>t</title></head>\
             <body><article><p>{slogan}</p><p>{body}</p></article></body></html>"
        )
    };
    let bodies = [
        (
            "El gobierno de México firmó 3 acuerdos con Canadá.",
            "The government of Mexico signed 3 agreements with Canada.",
        ),
        (
            "La canciller visitó Ottawa el 14 de marzo de 2025.",
            "The Foreign Secretary visited Ottawa on March 14, 2025.",
        ),
        (
            "Participaron 1.500 trabajadores agrícolas en el programa.",
            "1,500 farm workers took part in the program.",
        ),
    ];
    for (k, (es, en)) in bodies.iter().enumerate() {
        std::fs::write(
            dir.join(format!("p{k}.es.html")),
            page("es", "Gobierno de México, siempre contigo", es),
        )
        .unwrap();
        std::fs::write(
            dir.join(format!("p{k}.en.html")),
            page("en", "Government of Mexico, always with you", en),
        )
        .unwrap();
    }
    let out = dir.join("out");
    let run = alinea(&[
        "batch",
        path_str(&dir),
        "-o",
        path_str(&out),
        "--merge",
        "--date",
        DATE,
    ]);
    // The .html files are marked with a language, so all three pair up.
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let tmx = std::fs::read_to_string(out.join("merged.tmx")).unwrap();
    assert_eq!(tmx.matches("<tu ").count(), 3, "{tmx}");
    assert!(!tmx.contains("siempre contigo"), "{tmx}");
    let report = std::fs::read_to_string(out.join("report.tsv")).unwrap();
    assert_eq!(
        report
            .matches("dropped a paragraph found in 3 documents")
            .count(),
        6,
        "{report}"
    );
}

#[test]
fn jsonl_bad_records_become_error_lines_and_the_rest_goes_on() {
    let es = std::fs::read_to_string(root().join("samples/sre-412.es.txt")).unwrap();
    let en = std::fs::read_to_string(root().join("samples/sre-412.en.txt")).unwrap();
    let good = serde_json::json!({"id": "ok", "src": es, "tgt": en}).to_string();
    let huge =
        serde_json::json!({"id": "huge", "src": "palabra ".repeat(2 << 20), "tgt": en}).to_string();
    let mut input: Vec<u8> = Vec::new();
    input.extend(format!("\u{feff}{good}\n").as_bytes());
    input.extend(b"{\"id\": \"bad\", \"src\": \"caf\xe9\"}\n");
    input.extend(format!("{huge}\n").as_bytes());
    input.extend(
        serde_json::json!({"id": "empty", "src": " ", "tgt": en})
            .to_string()
            .as_bytes(),
    );
    input.extend(b"\n");
    input.extend(b"{\"id\": \"lone\", \"src\": \"\\ud800 hola\", \"tgt\": \"x\"}\n");
    input.extend(format!("{good}\n").as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_alinea"))
        .args(["batch", "--jsonl", "--max-memory", "200M"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6, "one line per record: {lines:?}");
    assert!(
        lines[0]["units"].is_array(),
        "a BOM before the first record is fine"
    );
    assert!(
        lines[1]["error"].as_str().unwrap().contains("not UTF-8"),
        "{:?}",
        lines[1]
    );
    assert!(
        lines[2]["error"].as_str().unwrap().contains("--max-memory"),
        "{:?}",
        lines[2]
    );
    assert_eq!(lines[3]["error"], "\"src\" is empty");
    assert_eq!(
        lines[4]["id"], "lone",
        "a record that is not JSON keeps its id"
    );
    assert!(lines[4]["error"].as_str().unwrap().contains("not JSON"));
    assert!(lines[5]["units"].is_array());
    assert!(err.contains("line 2:") && err.contains("line 3:"), "{err}");
}
