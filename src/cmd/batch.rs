//! `alinea batch`: align a whole archive.
//!
//!     alinea batch ES_DIR EN_DIR -o OUT_DIR     same file names in both folders
//!     alinea batch DIR -o OUT_DIR               NAME.es.txt with NAME.en.txt in one folder
//!     alinea batch -r DIR -o OUT_DIR            the same in the whole tree (es/NAME.txt too)
//!     alinea batch --pairs LIST.tsv -o OUT_DIR  explicit source<TAB>target pairs
//!     alinea batch --jsonl < IN.jsonl > OUT.jsonl
//!
//! Writes one TMX per pair (or one for all with `--merge`), `report.tsv` and `report.json`;
//! every flagged or failed pair and every file left out also gets a line on stderr.

use super::common::AlignFlags;
use super::out::{guard_outputs, write_output};
use alinea::batch::{self, Pair, PairStats, Pairing, PairingOptions, ReportRow};
use alinea::error::{Error, Result};
use alinea::input::{self, Document};
use alinea::output::{json, tmx};
use alinea::tm::profile::Profile;
use alinea::types::date;
use alinea::{align_checked, AlignOptions, Alignment};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(clap::Args)]
pub struct Args {
    /// The folder of source documents (or the one folder holding NAME.es.txt and NAME.en.txt).
    pub source_dir: Option<PathBuf>,
    /// The folder of target documents, paired with the source documents by file name.
    pub target_dir: Option<PathBuf>,
    /// Explicit pairs: a TSV file of `source<TAB>target` paths (relative to the list's folder).
    #[arg(long, value_name = "LIST.tsv", conflicts_with_all = ["source_dir", "target_dir"])]
    pub pairs: Option<PathBuf>,
    /// The folder to write the TMX files and report.tsv/report.json to (created if missing).
    #[arg(short, long, value_name = "OUT_DIR", required_unless_present = "jsonl")]
    pub output: Option<PathBuf>,
    /// Write one TMX for all pairs (OUT_DIR/merged.tmx) instead of one per pair.
    #[arg(long)]
    pub merge: bool,
    /// Read JSON lines {"id", "src", "tgt"} on stdin, write one JSON line per document on stdout.
    #[arg(long, conflicts_with_all = ["source_dir", "target_dir", "pairs", "output", "merge"])]
    pub jsonl: bool,
    #[command(flatten)]
    pub flags: AlignFlags,
    /// Creation date for the TMX, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Shape the TMX for a CAT tool: trados, memoq, omegat or phrase.
    #[arg(long, value_name = "TOOL", value_parser = super::align::parse_profile)]
    pub profile: Option<Profile>,
    /// Pair the files of subfolders too; the outputs mirror the input tree.
    #[arg(short, long)]
    pub recursive: bool,
    /// How the files are named, when none of the common schemes fits: a pattern of the
    /// path relative to the folder with {name} and {lang} ('{lang}/{name}.txt',
    /// 'press-{name}-{lang}.html').
    #[arg(long, value_name = "PATTERN", conflicts_with_all = ["pairs", "jsonl"])]
    pub pattern: Option<String>,
    /// Read the files that symbolic links in the folders point to outside them (by default
    /// such links are listed and left out).
    #[arg(long)]
    pub follow_links: bool,
    /// Exit with 0 when every pair was written, even if some were flagged (swapped or
    /// same-language files, low coverage, low confidence).
    #[arg(long)]
    pub allow_warnings: bool,
    /// Print no summary (flagged and failed pairs are still printed).
    #[arg(short, long, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print a line for every pair aligned cleanly.
    #[arg(short, long)]
    pub verbose: bool,
}

/// Exit code when some pair failed or was flagged, a file had no partner, or no pair was
/// found.
pub const SOME_FAILED: i32 = 1;

pub fn run(args: Args) -> Result<i32> {
    let options = args.flags.options()?;
    if args.jsonl {
        return run_jsonl(&options);
    }
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    let out_dir = args
        .output
        .clone()
        .expect("clap requires -o without --jsonl");
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{}: not a folder; batch writes a folder of TMX files with report.tsv and report.json (-o OUT_DIR)",
            out_dir.display()
        )));
    }
    let pairing_options = PairingOptions {
        src_lang: args.flags.src_lang().to_string(),
        tgt_lang: args.flags.tgt_lang().to_string(),
        recursive: args.recursive,
        pattern: args.pattern.clone(),
        follow_links: args.follow_links,
    };
    let pairing = match (&args.pairs, &args.source_dir, &args.target_dir) {
        (Some(list), _, _) => batch::read_pair_list(list, &pairing_options)?,
        (None, Some(s), Some(t)) => batch::pair_directories(s, t, &pairing_options)?,
        (None, Some(dir), None) => batch::pair_directories(dir, dir, &pairing_options)?,
        _ => {
            return Err(Error::Usage(
                "batch needs SOURCE_DIR [TARGET_DIR] or --pairs LIST.tsv (or --jsonl)".into(),
            ))
        }
    };
    // No output may overwrite an input: the pair list, a document, a rule file.
    let mut outputs = vec![out_dir.join("report.tsv"), out_dir.join("report.json")];
    if args.merge {
        outputs.push(out_dir.join("merged.tmx"));
    } else {
        outputs.extend(
            pairing
                .pairs
                .iter()
                .map(|p| out_dir.join(format!("{}.tmx", p.name))),
        );
    }
    let mut inputs: Vec<&Path> = pairing
        .pairs
        .iter()
        .flat_map(|p| [p.source.as_path(), p.target.as_path()])
        .collect();
    inputs.extend(args.pairs.as_deref());
    inputs.extend(args.flags.input_files());
    let labelled: Vec<(&str, Option<&Path>)> =
        outputs.iter().map(|p| ("-o", Some(p.as_path()))).collect();
    guard_outputs(&inputs, &labelled)?;
    std::fs::create_dir_all(&out_dir).map_err(|e| Error::io(&out_dir, "write", e))?;

    let progress = progress_bar(pairing.pairs.len());
    let sentences = AtomicUsize::new(0);
    let results = batch::align_pairs(&pairing.pairs, &options, |n| {
        let total = sentences.fetch_add(n, Ordering::Relaxed) + n;
        progress.inc(1);
        let secs = progress.elapsed().as_secs_f64().max(1e-3);
        progress.set_message(format!("{:.0} sentences/s", total as f64 / secs));
    });
    progress.finish_and_clear();

    let rows = write_outputs(
        &pairing,
        &results,
        &out_dir,
        args.merge,
        &date,
        args.profile,
    )?;
    let report_json = serde_json::to_string_pretty(&rows).expect("report serialises") + "\n";
    write_output(
        Some(&out_dir.join("report.tsv")),
        batch::report_tsv(&rows).as_bytes(),
    )?;
    write_output(Some(&out_dir.join("report.json")), report_json.as_bytes())?;

    let count = |status: &str| rows.iter().filter(|r| r.status == status).count();
    let (ok, flagged, failed) = (count("ok"), count("flagged"), count("failed"));
    let unpaired = pairing.unpaired.len();
    let skipped = pairing.skipped.len();
    // One line per pair or file that needs a look, even with --quiet.
    for r in &rows {
        let pair = if r.target.is_empty() {
            r.source.clone()
        } else {
            format!("{} + {}", r.source, r.target)
        };
        match r.status {
            "ok" if args.verbose => eprintln!(
                "alinea batch: ok: {pair}: {} units, mean confidence {:.3}",
                r.stats.units, r.stats.mean_score
            ),
            "ok" => {}
            "flagged" => {
                for flag in &r.stats.flags {
                    eprintln!("alinea batch: warning: {pair}: {flag}");
                }
            }
            status => eprintln!("alinea batch: {status}: {pair}: {}", r.error),
        }
    }
    if !args.quiet {
        eprintln!(
            "alinea batch: {} pair(s) aligned ({ok} clean, {flagged} flagged), {failed} failed, {unpaired} file(s) without partner, {skipped} skipped; {} sentences; report in {}",
            ok + flagged,
            sentences.load(Ordering::Relaxed),
            out_dir.join("report.tsv").display()
        );
    }
    if pairing.pairs.is_empty() {
        eprintln!(
            "alinea batch: no pairs found{}",
            if args.recursive || skipped == 0 {
                ""
            } else {
                " (files below subfolders are paired with -r)"
            }
        );
    }
    let flagged_fails = flagged > 0 && !args.allow_warnings;
    Ok(
        if failed + unpaired > 0 || flagged_fails || pairing.pairs.is_empty() {
            SOME_FAILED
        } else {
            0
        },
    )
}

/// A progress bar on a terminal; hidden when stderr is not one.
fn progress_bar(len: usize) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_message("0 sentences/s");
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} pairs, {msg}, {eta} left")
            .expect("valid template"),
    );
    bar
}

/// Writes the TMX files and returns the report rows, pairs first (in order), then files
/// without a partner.
fn write_outputs(
    pairing: &Pairing,
    results: &[batch::PairResult],
    out_dir: &Path,
    merge: bool,
    date: &str,
    profile: Option<Profile>,
) -> Result<Vec<ReportRow>> {
    let tmx_bytes =
        |alignments: &[&Alignment], options: &tmx::TmxOptions| -> (Vec<u8>, Vec<String>) {
            match profile {
                None => (tmx::write_all(alignments, options).0, Vec::new()),
                Some(p) => {
                    let (bytes, _, _, fit) = tmx::write_for_profile(alignments, options, p);
                    let mut notes: Vec<String> = fit
                        .split
                        .iter()
                        .map(|(tu, parts)| format!("{tu} split in {parts} for {p:?}"))
                        .collect();
                    notes.extend(fit.too_long.iter().map(|(tu, len)| {
                        format!("{tu} left out: a side of {len} characters is too long for {p:?}")
                    }));
                    (bytes, notes)
                }
            }
        };
    let options = tmx::TmxOptions {
        date: date.to_string(),
    };
    let mut rows = Vec::new();
    let mut merged = Vec::new();
    for (
        Pair {
            source,
            target,
            name,
        },
        result,
    ) in pairing.pairs.iter().zip(results)
    {
        let mut row = ReportRow {
            source: source.display().to_string(),
            target: target.display().to_string(),
            status: "ok",
            output: String::new(),
            stats: PairStats::default(),
            error: String::new(),
        };
        match &result.alignment {
            Ok(al) => {
                row.stats = PairStats::of(al);
                row.stats.warnings.extend(result.notes.iter().cloned());
                if !row.stats.flags.is_empty() {
                    row.status = "flagged";
                }
                if merge {
                    merged.push(al);
                    row.output = out_dir.join("merged.tmx").display().to_string();
                } else {
                    // The name is unique in the batch; with -r it keeps the input's folders.
                    let path = out_dir.join(format!("{name}.tmx"));
                    if let Some(parent) = path.parent() {
                        std::fs::create_dir_all(parent)
                            .map_err(|e| Error::io(parent, "write", e))?;
                    }
                    let (bytes, notes) = tmx_bytes(&[al], &options);
                    row.stats.warnings.extend(notes);
                    write_output(Some(&path), &bytes)?;
                    row.output = path.display().to_string();
                }
            }
            Err(e) => {
                row.status = "failed";
                row.error = e.to_string();
            }
        }
        rows.push(row);
    }
    if merge {
        let (bytes, notes) = tmx_bytes(&merged, &options);
        for note in notes {
            eprintln!("alinea batch: {note}");
        }
        write_output(Some(&out_dir.join("merged.tmx")), &bytes)?;
    }
    for (files, status) in [
        (&pairing.unpaired, "unpaired"),
        (&pairing.skipped, "skipped"),
    ] {
        for file in files {
            rows.push(ReportRow {
                source: file.path.display().to_string(),
                target: String::new(),
                status,
                output: String::new(),
                stats: PairStats::default(),
                error: file.reason.clone(),
            });
        }
    }
    Ok(rows)
}

/// How many JSON lines are aligned in parallel before their output is written: bounds memory
/// and keeps the output in input order.
const JSONL_CHUNK: usize = 64;

/// Streams JSON lines: `{"id", "src", "tgt"}` in, one line per document out, in input order.
fn run_jsonl(options: &AlignOptions) -> Result<i32> {
    // Documents are aligned side by side, one per thread: each may use its share of the limit.
    let mut options = options.clone();
    options.max_memory = options
        .max_memory
        .map(|m| m / rayon::current_num_threads().max(1) as u64);
    let options = &options;
    // A record is read only up to what its share of the memory limit allows: a longer one
    // becomes an error record, skipped without being held.
    let max_record = options.max_memory.map_or(usize::MAX, |m| (m / 8) as usize);
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let stdin_path = Path::new("<stdin>");
    let mut input = stdin.lock();
    let mut line_number = 0usize;
    let mut failed = 0usize;
    loop {
        // Each record with its line number, or the error record that replaces it.
        let mut chunk: Vec<(usize, std::result::Result<String, String>)> =
            Vec::with_capacity(JSONL_CHUNK);
        while chunk.len() < JSONL_CHUNK {
            let Some(record) = read_record(&mut input, max_record)
                .map_err(|e| Error::io(stdin_path, "read", e))?
            else {
                break;
            };
            line_number += 1;
            let record = match record {
                Record::Line(bytes) => match String::from_utf8(bytes) {
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => Ok(text),
                    Err(e) => Err(format!(
                        "not UTF-8 (invalid byte at {} of the line)",
                        e.utf8_error().valid_up_to()
                    )),
                },
                Record::TooLong(n) => Err(format!(
                    "a record of more than {} bytes, over its share of --max-memory; skipped",
                    n
                )),
            };
            chunk.push((line_number, record));
        }
        if chunk.is_empty() {
            break;
        }
        let results: Vec<serde_json::Value> = chunk
            .par_iter()
            .map(|(_, record)| match record {
                Ok(line) => jsonl_document(line.trim_start_matches('\u{feff}'), options),
                Err(e) => serde_json::json!({"id": null, "error": e}),
            })
            .collect();
        for ((n, _), value) in chunk.iter().zip(results) {
            if let Some(e) = value.get("error").and_then(|e| e.as_str()) {
                failed += 1;
                eprintln!("alinea batch: line {n}: {}", alinea::types::printable(e));
            }
            let mut line = serde_json::to_string(&value).expect("JSON serialises");
            line.push('\n');
            out.write_all(line.as_bytes())
                .map_err(|e| Error::io(Path::new("<stdout>"), "write", e))?;
        }
    }
    out.flush()
        .map_err(|e| Error::io(Path::new("<stdout>"), "write", e))?;
    if failed > 0 {
        eprintln!("alinea batch: {failed} document(s) failed; see the \"error\" fields");
    }
    Ok(if failed > 0 { SOME_FAILED } else { 0 })
}

/// The `"id"` of a line that is not JSON, when it is a plain string or number near the
/// start (`{"id": "nota-12", ...`); else null.
fn id_of_broken(line: &str) -> serde_json::Value {
    let head = &line[..line.len().min(4096)];
    let Some(at) = head.find("\"id\"") else {
        return serde_json::Value::Null;
    };
    let rest = head[at + 4..].trim_start();
    let Some(rest) = rest.strip_prefix(':').map(str::trim_start) else {
        return serde_json::Value::Null;
    };
    if let Some(body) = rest.strip_prefix('"') {
        if let Some(end) = body.find(['"', '\\']) {
            if body[end..].starts_with('"') {
                return serde_json::Value::String(body[..end].to_string());
            }
        }
        return serde_json::Value::Null;
    }
    let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    number
        .parse::<u64>()
        .map_or(serde_json::Value::Null, serde_json::Value::from)
}

/// A line of the input, or the length past which it was cut off and skipped.
enum Record {
    Line(Vec<u8>),
    TooLong(usize),
}

/// Reads the next line (without its line feed), holding at most `max` bytes of it.
fn read_record(input: &mut impl BufRead, max: usize) -> std::io::Result<Option<Record>> {
    // `None` once the line is longer than `max`: the rest is read past, not kept.
    let mut line = Some(Vec::new());
    let mut read_any = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            if !read_any {
                return Ok(None);
            }
            break;
        }
        read_any = true;
        let (take, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        if let Some(kept) = &mut line {
            if kept.len() + take > max {
                line = None;
            } else {
                kept.extend_from_slice(&buf[..take]);
            }
        }
        input.consume(take + usize::from(done));
        if done {
            break;
        }
    }
    Ok(Some(match line {
        Some(mut kept) => {
            if kept.last() == Some(&b'\r') {
                kept.pop();
            }
            Record::Line(kept)
        }
        None => Record::TooLong(max),
    }))
}

/// Aligns one JSON line; errors become `{"id", "error"}`. Nothing in the output depends on
/// the line's position, so shards of an input give the same lines as the whole (stderr names
/// the line of each error).
fn jsonl_document(line: &str, options: &AlignOptions) -> serde_json::Value {
    let fail = |id: serde_json::Value, error: String| serde_json::json!({"id": id, "error": error});
    let value: serde_json::Value = match serde_json::from_str(line) {
        Ok(v) => v,
        // Not JSON (a lone surrogate escape, a cut line): the error still names the record
        // by its id when one can be read.
        Err(e) => return fail(id_of_broken(line), format!("not JSON: {e}")),
    };
    let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let text = |field: &str| -> std::result::Result<String, String> {
        let s = value
            .get(field)
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("\"{field}\" is missing or not a string"))?;
        if s.trim().is_empty() {
            return Err(format!("\"{field}\" is empty"));
        }
        input::decode(s.as_bytes())
            .map(|(t, _)| t)
            .map_err(|m| format!("\"{field}\": {m}"))
    };
    let (src, tgt) = match (text("src"), text("tgt")) {
        (Ok(s), Ok(t)) => (s, t),
        (Err(e), _) | (_, Err(e)) => return fail(id, e),
    };
    let name = match &id {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "document".to_string(),
        other => other.to_string(),
    };
    let doc = |text: String| {
        let mut d = Document::from_text(&name, &text);
        if options.presegmented {
            d.blocks = input::blocks(&d.text, true);
        }
        d
    };
    let label = format!("document {name}");
    let al = match align_checked(
        doc(src),
        doc(tgt),
        options,
        (&format!("{label} src"), &format!("{label} tgt")),
    ) {
        Ok(al) => al,
        Err(e) => return fail(id, e.to_string()),
    };
    serde_json::json!({
        "id": id,
        "units": json::units(&al),
        "stats": PairStats::of(&al),
    })
}
