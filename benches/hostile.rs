//! Hostile and careless inputs at full size: each case is generated in a temporary folder, run
//! through the release binary, and reported with its exit code, wall time and peak memory
//! (`/usr/bin/time`, when installed). A case over its time or memory bound makes the run fail,
//! so CI can run it with a time limit:
//!
//!     cargo bench --bench hostile
//!
//! The small versions of these cases are in `cargo test`; these show that time and memory
//! stay bounded as the input grows.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A case: what it is, the command line (after `alinea`), the exit codes that are right,
/// and its bounds in seconds and megabytes.
struct Case {
    name: &'static str,
    args: Vec<String>,
    codes: &'static [i32],
    seconds: f64,
    megabytes: f64,
    /// A file to give on standard input.
    stdin: Option<String>,
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn main() {
    let dir: PathBuf = std::env::temp_dir().join(format!("alinea-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_alinea");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let en = samples.join("sre-366.en.txt").display().to_string();
    let es = samples.join("sre-366.es.txt").display().to_string();
    let s = |x: &str| x.to_string();

    let deep =
        |open: &str, close: &str, n: usize| format!("{}x{}", open.repeat(n), close.repeat(n));
    let tmx = write(
        &dir,
        "deep.tmx",
        &format!(
            "<tmx version=\"1.4\"><header srclang=\"es\" segtype=\"sentence\" creationtool=\"x\" creationtoolversion=\"1\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\"/><body><tu><tuv xml:lang=\"es\"><seg>{}</seg></tuv><tuv xml:lang=\"en\"><seg>y</seg></tuv></tu></body></tmx>",
            deep("<hi>", "</hi>", 20_000)
        ),
    );
    let xlf = write(
        &dir,
        "deep.xlf",
        &format!(
            "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"es\"><file id=\"f\"><unit id=\"u\"><segment><source>{}</source><target>y</target></segment></unit></file></xliff>",
            deep("<pc id=\"1\">", "</pc>", 20_000)
        ),
    );
    let html = write(
        &dir,
        "deep.html",
        &format!(
            "<html><body>{}</body></html>",
            deep("<div>", "</div>", 100_000)
        ),
    );
    let words = |n: usize, list: &[&str]| {
        (0..n)
            .map(|i| list[(i * 7 + i / 3) % list.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let es_words = [
        "casa",
        "Gato",
        "ministerio",
        "informe",
        "región",
        "2024",
        "15,5",
        "plan",
    ];
    let en_words = [
        "house", "Cat", "ministry", "report", "region", "2024", "15.5", "plan",
    ];
    let long_es = write(&dir, "long.es.txt", &(words(300_000, &es_words) + ".\n"));
    let long_en = write(&dir, "long.en.txt", &(words(300_000, &en_words) + ".\n"));
    let mid_es = write(&dir, "mid.es.txt", &(words(20_000, &es_words) + ".\n"));
    let mid_en = write(&dir, "mid.en.txt", &(words(20_000, &en_words) + ".\n"));
    let mid_en2 = write(
        &dir,
        "mid2.en.txt",
        &(words(20_000, &en_words[1..]) + ".\n"),
    );
    let abbrev = write(
        &dir,
        "abbrev.txt",
        &(0..100_000)
            .map(|i| format!("Ab{i:x}.\n"))
            .collect::<String>(),
    );
    let record = format!(
        "{{\"id\": \"big\", \"src\": \"{}\", \"tgt\": \"x\"}}\n",
        "palabra ".repeat(100 << 17)
    );
    let jsonl = write(&dir, "big.jsonl", &record);
    let page = write(
        &dir,
        "big.es.html",
        &format!(
            "<html><body>{}</body></html>",
            "<p>La palabra del ministerio es clara y firme.</p>\n".repeat(200 << 20 >> 6)
        ),
    );
    let docx = {
        use std::io::Write;
        let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
        let paragraph =
            "<w:p><w:r><w:t>La palabra del ministerio es clara y firme.</w:t></w:r></w:p>";
        let parts = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
            ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{}</w:body></w:document>"#, paragraph.repeat(150 << 20 >> 7))),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        let path = dir.join("big.es.docx");
        std::fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();
        path.display().to_string()
    };
    let null = dir.join("out").display().to_string();

    let cases = vec![
        Case {
            name: "TMX, 20,000 nested <hi>",
            args: vec![s("tmx"), s("stats"), tmx],
            codes: &[2],
            seconds: 5.0,
            megabytes: 200.0,
            stdin: None,
        },
        Case {
            name: "XLIFF 2, 20,000 nested <pc>",
            args: vec![s("tmx"), s("convert"), xlf, null.clone() + ".tsv"],
            codes: &[2],
            seconds: 5.0,
            megabytes: 200.0,
            stdin: None,
        },
        Case {
            name: "HTML, 100,000 nested <div>",
            args: vec![s("segment"), s("--lang"), s("es"), html],
            codes: &[2],
            seconds: 5.0,
            megabytes: 200.0,
            stdin: None,
        },
        Case {
            name: "qa, one sentence of 1.9 MB",
            args: vec![s("qa"), long_es, long_en, s("-q")],
            codes: &[0, 1],
            seconds: 10.0,
            megabytes: 1500.0,
            stdin: None,
        },
        Case {
            name: "diff, one sentence of 130 KB",
            args: vec![s("diff"), mid_es, mid_en, mid_en2, s("-q")],
            codes: &[0],
            seconds: 10.0,
            megabytes: 500.0,
            stdin: None,
        },
        Case {
            name: "--abbrev with 100,000 entries",
            args: vec![
                s("segment"),
                s("--lang"),
                s("es"),
                s("--abbrev"),
                abbrev,
                es.clone(),
            ],
            codes: &[0],
            seconds: 5.0,
            megabytes: 200.0,
            stdin: None,
        },
        Case {
            name: "batch --jsonl, a 100 MB record, --max-memory 100M",
            args: vec![s("batch"), s("--jsonl"), s("--max-memory"), s("100M")],
            codes: &[1],
            seconds: 10.0,
            megabytes: 300.0,
            stdin: Some(jsonl),
        },
        Case {
            name: "a Word file of 150 MB of XML, --max-memory 300M",
            args: vec![
                s("align"),
                docx,
                en.clone(),
                s("-o"),
                null.clone() + ".tmx",
                s("--max-memory"),
                s("300M"),
            ],
            codes: &[2],
            seconds: 5.0,
            megabytes: 300.0,
            stdin: None,
        },
        Case {
            name: "a page of 140 MB of text, --max-memory 300M",
            args: vec![
                s("align"),
                page,
                en.clone(),
                s("-o"),
                null.clone() + ".tmx",
                s("--max-memory"),
                s("300M"),
            ],
            codes: &[2],
            seconds: 5.0,
            megabytes: 300.0,
            stdin: None,
        },
    ];

    let time = Path::new("/usr/bin/time").exists();
    if !time {
        println!("(/usr/bin/time is not installed: peak memory is not measured)");
    }
    println!(
        "{:<52} {:>5} {:>8} {:>9}  bounds",
        "case", "exit", "wall(s)", "peak(MB)"
    );
    let mut broken = 0;
    for case in cases {
        let started = Instant::now();
        let mut command = if time {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "%M"]).arg(bin);
            c
        } else {
            Command::new(bin)
        };
        command.args(&case.args);
        match &case.stdin {
            Some(file) => command.stdin(std::fs::File::open(file).unwrap()),
            None => command.stdin(std::process::Stdio::null()),
        };
        let out = command.output().unwrap();
        let wall = started.elapsed().as_secs_f64();
        let code = out.status.code();
        let peak: Option<f64> = time
            .then(|| {
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .and_then(|l| l.trim().parse::<f64>().ok())
                    .map(|kb| kb / 1024.0)
            })
            .flatten();
        let ok = code.is_some_and(|c| case.codes.contains(&c))
            && wall <= case.seconds
            && peak.is_none_or(|p| p <= case.megabytes);
        broken += usize::from(!ok);
        println!(
            "{:<52} {:>5} {:>8.2} {:>9}  {} s, {} MB{}",
            case.name,
            code.map_or("-".into(), |c| c.to_string()),
            wall,
            peak.map_or("-".into(), |p| format!("{p:.0}")),
            case.seconds,
            case.megabytes,
            if ok { "" } else { "  <- OVER" }
        );
    }
    // How time grows with the length of one sentence: the exponent between doublings
    // (1 is linear, 2 quadratic).
    println!();
    println!(
        "{:<32} {:>10} {:>10} {:>10}  exponent",
        "one sentence of N words", "N", "2N", "4N"
    );
    for (what, command) in [("qa", "qa"), ("diff", "diff")] {
        let n = if what == "qa" { 75_000 } else { 10_000 };
        let mut times = Vec::new();
        for k in [1, 2, 4] {
            let a = write(&dir, "g.es.txt", &(words(n * k, &es_words) + ".\n"));
            let b = write(&dir, "g.en.txt", &(words(n * k, &en_words) + ".\n"));
            let c = write(&dir, "g2.en.txt", &(words(n * k, &en_words[1..]) + ".\n"));
            let mut args = vec![command.to_string(), a, b];
            if what == "diff" {
                args.push(c);
            }
            args.push("-q".into());
            let started = Instant::now();
            Command::new(bin).args(&args).output().unwrap();
            times.push(started.elapsed().as_secs_f64());
        }
        let exponent = (times[2] / times[1].max(1e-3)).log2();
        println!(
            "{:<32} {:>9.2}s {:>9.2}s {:>9.2}s  {exponent:.2}",
            format!("{what} (N = {n})"),
            times[0],
            times[1],
            times[2]
        );
        if exponent > 1.5 {
            broken += 1;
            println!("  <- grows faster than n^1.5");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if broken > 0 {
        eprintln!("{broken} case(s) over their bounds");
        std::process::exit(1);
    }
}
