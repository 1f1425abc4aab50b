//! `alinea align ES EN`: align two documents and write a translation memory.

use super::common::AlignFlags;
use super::out::{guard_outputs, output_format, write_all};
use alinea::align_files;
use alinea::error::{Error, Result};
use alinea::output::{beads, explain, html, json, summary, tmx, tsv, xliff};
use alinea::qa::{check_alignment, units_of, Langs, QaOptions};
use alinea::tm::profile::Profile;
use alinea::types::date;
use alinea::FitReport;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The source document (by default Spanish).
    pub source: PathBuf,
    /// The target document (by default English).
    pub target: PathBuf,
    /// Write the result here instead of stdout (`-` is stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub flags: AlignFlags,
    /// Output format [default: told by the extension of -o (.tmx, .xlf, .tsv, .json, .jsonl,
    /// .html), else tmx].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Also write the alignment in Vecalign bead notation ([0]:[0], [1, 2]:[1], [3]:[]).
    #[arg(long, value_name = "FILE")]
    pub beads: Option<PathBuf>,
    /// Creation date for the TMX, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Write the TMX for a CAT tool: its locale form of the language tags, its segment
    /// length limit (splitting at sentences), its prop names.
    #[arg(long, value_name = "TOOL", value_parser = parse_profile)]
    pub profile: Option<Profile>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print on stderr, for every unit, the parts of its cost and its confidence.
    #[arg(long)]
    pub explain: bool,
    /// Also write a review page: both sides unit by unit, coloured by confidence, with
    /// what `qa` finds highlighted.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.4b, for CAT tools.
    Tmx,
    /// XLIFF 2.0, for a CAT tool's bilingual editor.
    Xliff,
    /// One unit a row, for a spreadsheet (`tmx from-tsv` reads it back).
    Tsv,
    /// An array of units.
    Json,
    /// One unit a line.
    Jsonl,
    /// The review page (as --html writes it).
    Html,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Tmx => "tmx",
            Format::Xliff => "xliff",
            Format::Tsv => "tsv",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }
}

/// A spinner on a terminal while a long document is aligned (inputs over a megabyte);
/// hidden when stderr is not a terminal or with `--quiet`.
fn spinner(args: &Args, what: &str) -> indicatif::ProgressBar {
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    if args.quiet || size(&args.source) + size(&args.target) < 1 << 20 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message(format!(
        "{what} {} and {}",
        args.source.display(),
        args.target.display()
    ));
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Parses `--profile` for clap (the library type knows its names).
pub fn parse_profile(s: &str) -> std::result::Result<Profile, String> {
    s.parse()
}

pub fn run(args: Args) -> Result<()> {
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    let format = output_format("align", args.format, args.output.as_deref(), Format::Tmx)?;
    if args.profile.is_some() && format != Format::Tmx {
        return Err(Error::Usage(format!(
            "--profile shapes TMX for a CAT tool; it does not apply to {} output",
            format.name()
        )));
    }
    let mut inputs = vec![args.source.as_path(), args.target.as_path()];
    inputs.extend(args.flags.input_files());
    guard_outputs(
        &inputs,
        &[
            ("-o", args.output.as_deref()),
            ("--beads", args.beads.as_deref()),
            ("--html", args.html.as_deref()),
        ],
    )?;
    let options = args.flags.options()?;
    let spinner = spinner(&args, "aligning");
    let al = align_files(&args.source, &args.target, &options);
    spinner.finish_and_clear();
    let al = al?;
    for (path, doc) in [(&args.source, &al.src), (&args.target, &al.tgt)] {
        match doc.doc.decoded_from {
            // Text was changed: said even with --quiet.
            Some(alinea::input::decode::UTF8_REPAIRED) => {
                let places = doc.doc.replaced_places();
                eprintln!(
                    "alinea: warning: {}: {} invalid UTF-8 byte sequence(s) replaced by U+FFFD: {}",
                    path.display(),
                    doc.doc.text.matches('\u{FFFD}').count(),
                    places.join(", ")
                );
            }
            Some(enc) if !args.quiet => {
                eprintln!("alinea: {}: not UTF-8, decoded as {enc}", path.display())
            }
            _ => {}
        }
    }
    // Warnings are printed even with --quiet: they say the result may not be what was meant.
    for warning in &al.warnings {
        eprintln!("alinea: warning: {warning}");
    }
    let mut fit = FitReport::default();
    let review_page = || {
        let langs = Langs::new(&al.src.lang_tag, &al.tgt.lang_tag);
        let findings = check_alignment(&al, &QaOptions::default());
        let title = format!(
            "alinea align: {} ({} to {})",
            al.src.doc.name, langs.src_name, langs.tgt_name
        );
        html::review(&title, &units_of(&al), &findings, &langs)
    };
    let (bytes, written, removed) = match (format, args.profile) {
        (Format::Tmx, None) => {
            let (bytes, report) = tmx::write(&al, &tmx::TmxOptions { date });
            (bytes, report.written, report.removed_chars)
        }
        (Format::Tmx, Some(profile)) => {
            let (bytes, written, mut reports, report_fit) =
                tmx::write_for_profile(&[&al], &tmx::TmxOptions { date }, profile);
            fit = report_fit;
            (
                bytes,
                written,
                reports.pop().unwrap_or_default().removed_chars,
            )
        }
        (Format::Xliff, _) => {
            let (bytes, report) = xliff::write(&al);
            (bytes, report.written, report.removed_chars)
        }
        (Format::Tsv, _) => (tsv::write(&al).into_bytes(), al.units.len(), Vec::new()),
        (Format::Json, _) => (json::write(&al).into_bytes(), al.units.len(), Vec::new()),
        (Format::Jsonl, _) => (
            json::write_lines(&al).into_bytes(),
            al.units.len(),
            Vec::new(),
        ),
        (Format::Html, _) => (review_page().into_bytes(), al.units.len(), Vec::new()),
    };
    if args.explain {
        eprint!("{}", explain::render(&al));
    }
    // All outputs together, or none of them.
    let beads_text = args.beads.as_ref().map(|_| beads::write(&al.units));
    let page = args.html.as_ref().map(|_| review_page());
    let mut outputs: Vec<(Option<&std::path::Path>, &[u8])> = Vec::new();
    if let (Some(path), Some(text)) = (&args.beads, &beads_text) {
        outputs.push((Some(path), text.as_bytes()));
    }
    if let (Some(path), Some(text)) = (&args.html, &page) {
        outputs.push((Some(path), text.as_bytes()));
    }
    outputs.push((args.output.as_deref(), &bytes));
    write_all(&outputs)?;
    if !args.quiet {
        eprint!("{}", summary::render(&al, format.name(), written, &removed));
        if let Some(profile) = args.profile {
            eprint!("{}", alinea::tm::profile::render_fit(&fit, profile));
        }
    }
    Ok(())
}
