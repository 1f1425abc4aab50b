//! The review pages in a real browser: headless Chromium opens them from a file and prints
//! the DOM after their script ran, which must hold every unit and every finding; the
//! switch to doubtful units must hide exactly the others.
//!
//! Skipped, with a message, when `/usr/bin/chromium` is not installed (Debian's `chromium`
//! package; `.ci/run` installs it, so CI runs these tests).

mod common;
use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// How long a page may take to load and print.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Whether Chromium is there to run `test`. Where it is not, the test says it was skipped
/// (on the real stderr, past the test harness's capture, so that `cargo test` shows it);
/// in CI (the CI variable set) a missing Chromium fails the test instead, since CI installs it.
fn have_chromium(test: &str) -> bool {
    use std::io::Write;
    let found = Path::new(CHROMIUM).exists();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: {CHROMIUM} is not installed, and CI must run the browser tests"
        );
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped: {CHROMIUM} not installed (apt-get install chromium)"
        );
    }
    found
}

/// The DOM of `page` (with `fragment` after `#`, if any) once its script has run.
fn dump_dom(page: &Path, fragment: &str, profile: &Path) -> String {
    let url = format!(
        "file://{}{}",
        page.canonicalize().unwrap().display(),
        fragment
    );
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        stdout.read_to_string(&mut dom).map(|_| dom)
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not print {url} within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "chromium failed on {url}: {status}");
    reader.join().unwrap().unwrap()
}

/// Writes the review page of `args` (an alinea command line) to `dir/name`.
fn page(dir: &Path, args: &[&str], name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let mut all = args.to_vec();
    let output = dir.join(format!("{name}.out"));
    all.extend(["--html", path_str(&path), "-q", "-o", path_str(&output)]);
    let out = alinea(&all);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    path
}

#[test]
fn the_qa_page_shows_every_unit_and_finding_and_hides_the_others_on_request() {
    if !have_chromium("qa page") {
        return;
    }
    let dir = temp_dir("browser-qa");
    let html = page(
        &dir,
        &[
            "qa",
            "samples/sre-366.es.txt",
            "samples/sre-366.en-revised.txt",
        ],
        "qa.html",
    );
    let out = alinea(&[
        "qa",
        "samples/sre-366.es.txt",
        "samples/sre-366.en-revised.txt",
        "--format",
        "json",
    ]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    let units = 28;

    let dom = dump_dom(&html, "", &dir.join("profile"));
    assert!(dom.contains("data-only-doubtful=\"no\""), "the script ran");
    assert_eq!(dom.matches("<tr class=\"unit ").count(), units);
    for k in 0..units {
        assert!(dom.contains(&format!("id=\"unit-{k}\"")), "unit {k}");
    }
    assert_eq!(dom.matches("<li class=\"finding ").count(), findings.len());
    for f in findings {
        let li = format!(
            "data-kind=\"{}\" data-severity=\"{}\" data-unit=\"{}\"",
            f["kind"].as_str().unwrap(),
            f["severity"].as_str().unwrap(),
            f["unit"]
        );
        assert!(dom.contains(&li), "{li}");
    }
    // What the findings are about, highlighted in the text.
    assert!(dom.contains("<mark class=\"number sev-error\" title=\"79 in the Spanish is not in the English (the English has 78)\">79</mark>"));
    assert!(dom.contains(
        "title=\"79 in the Spanish is not in the English (the English has 78)\">78</mark>"
    ));
    assert!(dom.contains("<mark class=\"addition sev-error\""));
    assert!(!dom.contains("hidden=\"\""));

    let dom = dump_dom(&html, "#doubtful", &dir.join("profile"));
    assert!(dom.contains("data-only-doubtful=\"yes\""));
    let doubtful =
        dom.matches("<tr class=\"unit conf-").count() - dom.matches("hidden=\"\"").count();
    let with_findings: std::collections::BTreeSet<u64> = findings
        .iter()
        .map(|f| f["unit"].as_u64().unwrap())
        .collect();
    assert_eq!(
        doubtful,
        with_findings.len(),
        "only units with a finding stay"
    );
    for k in with_findings {
        let row = dom
            .split("<tr class=\"unit ")
            .find(|r| r.contains(&format!("id=\"unit-{k}\"")))
            .unwrap();
        let start = row.split('>').next().unwrap();
        assert!(!start.contains("hidden"), "unit {k} stays: {start}");
    }
}

#[test]
fn the_diff_page_shows_every_row_with_its_changes() {
    if !have_chromium("diff page") {
        return;
    }
    let dir = temp_dir("browser-diff");
    let html = page(
        &dir,
        &[
            "diff",
            "samples/sre-366.es.txt",
            "samples/sre-366.en.txt",
            "samples/sre-366.en-revised.txt",
        ],
        "diff.html",
    );
    let out = alinea(&[
        "diff",
        "samples/sre-366.es.txt",
        "samples/sre-366.en.txt",
        "samples/sre-366.en-revised.txt",
        "--format",
        "json",
    ]);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let dom = dump_dom(&html, "#doubtful", &dir.join("profile"));
    assert_eq!(dom.matches("<tr class=\"unit ").count(), rows.len());
    assert!(dom.contains("<del>79th</del>") && dom.contains("<ins>78th</ins>"));
    assert!(dom.contains("<del>Seele</del>") && dom.contains("<ins>Selee</ins>"));
    let unchanged = rows.iter().filter(|r| r["status"] == "unchanged").count();
    assert_eq!(dom.matches("hidden=\"\"").count(), unchanged);
}
