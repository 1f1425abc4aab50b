//! `alinea qa ES EN` or `alinea qa --tmx FILE`: what a translation left out, added or
//! changed. Exit code 1 when a finding is an error.

use super::common::{
    report_format, to_stdout, write_report, AlignFlags, ColorChoice, ReportFormat,
};
use alinea::align_files;
use alinea::error::{Error, Result};
use alinea::output::html;
use alinea::output::qa::{self as render, Style};
use alinea::qa::tmx::check_memory;
use alinea::qa::{check_alignment, units_of, Finding, Langs, QaOptions, QaUnit, Severity};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The source document (by default Spanish).
    #[arg(required_unless_present = "tmx", conflicts_with = "tmx")]
    pub source: Option<PathBuf>,
    /// The target document (by default English).
    #[arg(required_unless_present = "tmx")]
    pub target: Option<PathBuf>,
    /// Check a translation memory instead of two documents: TMX, or XLIFF 1.2/2.0 or TSV
    /// (told by the extension, else the content).
    #[arg(long, value_name = "FILE")]
    pub tmx: Option<PathBuf>,
    #[command(flatten)]
    pub flags: AlignFlags,
    /// Units the aligner scores under this are low-confidence findings.
    #[arg(long, value_name = "SCORE", default_value_t = alinea::qa::DEFAULT_MIN_SCORE)]
    pub min_score: f64,
    /// Output format: text for a person, json or tsv (one finding a row) for scripts, html
    /// for the review page [default: told by the extension of -o, else text].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Underline what a finding is about: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the findings here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also write a review page: both sides unit by unit, the findings highlighted.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print nothing on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

/// What was checked, for the outputs.
struct Checked {
    name: String,
    langs: Langs,
    units: Vec<QaUnit>,
    unit_count: usize,
    findings: Vec<Finding>,
}

pub fn run(args: Args) -> Result<i32> {
    let inputs = [&args.source, &args.target, &args.tmx]
        .into_iter()
        .flatten()
        .map(|p| p.as_path())
        .collect();
    let format = report_format(
        "qa",
        inputs,
        &args.flags,
        &args.output,
        &args.html,
        args.format,
    )?;
    if !(0.0..=1.0).contains(&args.min_score) {
        return Err(Error::Usage(format!(
            "--min-score {}: a score is between 0 and 1",
            args.min_score
        )));
    }
    let options = QaOptions {
        min_score: args.min_score,
    };
    let checked = match (&args.tmx, &args.source, &args.target) {
        (Some(path), ..) => {
            let mc = check_memory(
                path,
                args.flags.src_lang.as_deref(),
                args.flags.tgt_lang.as_deref(),
                &options,
                args.html.is_some(),
            )?;
            if !args.quiet && mc.skipped > 0 {
                eprintln!(
                    "alinea: {}: {} of {} units without both {} and {} were not checked",
                    path.display(),
                    mc.skipped,
                    mc.read,
                    mc.src_lang,
                    mc.tgt_lang
                );
            }
            Checked {
                name: alinea::input::document_name(path),
                langs: Langs::new(&mc.src_lang, &mc.tgt_lang),
                unit_count: mc.read - mc.skipped,
                units: mc.units,
                findings: mc.findings,
            }
        }
        (None, Some(source), Some(target)) => {
            let al = align_files(source, target, &args.flags.options()?)?;
            // Printed even with --quiet: the findings may be about the wrong pair.
            for warning in &al.warnings {
                eprintln!("alinea: warning: {warning}");
            }
            let units = units_of(&al);
            Checked {
                name: al.src.doc.name.clone(),
                langs: Langs::new(&al.src.lang_tag, &al.tgt.lang_tag),
                unit_count: units.len(),
                findings: check_alignment(&al, &options),
                units,
            }
        }
        _ => {
            return Err(Error::Usage(
                "give a source and a target document, or --tmx FILE".into(),
            ))
        }
    };
    let color = args.color.for_stdout(&args.output);
    let page = || {
        let title = format!(
            "alinea qa: {} ({} to {})",
            checked.name, checked.langs.src_name, checked.langs.tgt_name
        );
        html::review(&title, &checked.units, &checked.findings, &checked.langs)
    };
    let bytes = match format {
        ReportFormat::Text => render::text(
            &checked.findings,
            &checked.langs,
            checked.unit_count,
            Style { color },
        ),
        ReportFormat::Json => render::json(&checked.findings),
        ReportFormat::Tsv => render::tsv(&checked.findings),
        ReportFormat::Html => page(),
    };
    write_report(&args.output, &args.html, bytes.as_bytes(), page)?;
    let text_on_stdout = format == ReportFormat::Text && to_stdout(&args.output);
    if !args.quiet && !text_on_stdout {
        eprint!(
            "{}: {}",
            checked.name,
            render::summary(&checked.findings, checked.unit_count)
        );
    }
    let error = checked
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    Ok(i32::from(error))
}
