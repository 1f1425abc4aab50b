//! `alinea diff SOURCE OLD NEW` or `alinea diff --tmx OLD NEW`: two translations of one
//! source compared unit by unit.

use super::common::{
    report_format, to_stdout, write_report, AlignFlags, ColorChoice, ReportFormat,
};
use alinea::error::{Error, Result};
use alinea::output::diff as render;
use alinea::output::html;
use alinea::output::qa::Style;
use alinea::pipeline::compare_documents;
use alinea::qa::diff::compare_memories;
use alinea::types::language_name;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// SOURCE OLD NEW: the source document and two translations of it; with --tmx, OLD NEW:
    /// two memories.
    #[arg(required = true, num_args = 2..=3, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Compare two translation memories (TMX or TSV) by source segment.
    #[arg(long)]
    pub tmx: bool,
    #[command(flatten)]
    pub flags: AlignFlags,
    /// Output format: text for a person (changed rows only), json or tsv (every row), html
    /// for the review page [default: told by the extension of -o, else text].
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Underline what changed: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the comparison here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also write a review page: the source and both translations, the changes marked.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print nothing on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<()> {
    let inputs = args.files.iter().map(|p| p.as_path()).collect();
    let format = report_format(
        "diff",
        inputs,
        &args.flags,
        &args.output,
        &args.html,
        args.format,
    )?;
    let (rows, name, src_lang, tgt_lang) = match (args.tmx, args.files.as_slice()) {
        (true, [old, new]) => {
            let d = compare_memories(
                old,
                new,
                args.flags.src_lang.as_deref(),
                args.flags.tgt_lang.as_deref(),
            )?;
            if !args.quiet && d.skipped != (0, 0) {
                eprintln!(
                    "alinea: units without both {} and {} left out: {} in {}, {} in {}",
                    d.src_lang,
                    d.tgt_lang,
                    d.skipped.0,
                    old.display(),
                    d.skipped.1,
                    new.display()
                );
            }
            (d.rows, alinea::input::document_name(new), d.src_lang, d.tgt_lang)
        }
        (false, [source, old, new]) => {
            let d = compare_documents(source, old, new, &args.flags.options()?)?;
            let name = d.old.src.doc.name.clone();
            (
                d.rows,
                name,
                d.old.src.lang_tag.clone(),
                d.old.tgt.lang_tag.clone(),
            )
        }
        (true, _) => {
            return Err(Error::Usage(
                "diff --tmx compares two memories: give OLD and NEW".into(),
            ))
        }
        (false, _) => {
            return Err(Error::Usage(
                "diff compares two translations of a source: give SOURCE, OLD and NEW (or --tmx OLD NEW)".into(),
            ))
        }
    };
    let (src_name, tgt_name) = (language_name(&src_lang), language_name(&tgt_lang));
    let color = args.color.for_stdout(&args.output);
    let page = || {
        let title = format!("alinea diff: {name} ({src_name} to {tgt_name})");
        html::diff(&title, &rows, &src_name, &tgt_name)
    };
    let bytes = match format {
        ReportFormat::Text => render::text(&rows, &src_name, Style { color }),
        ReportFormat::Json => render::json(&rows),
        ReportFormat::Tsv => render::tsv(&rows),
        ReportFormat::Html => page(),
    };
    write_report(&args.output, &args.html, bytes.as_bytes(), page)?;
    let text_on_stdout = format == ReportFormat::Text && to_stdout(&args.output);
    if !args.quiet && !text_on_stdout {
        eprint!("{name}: {}", render::summary(&rows));
    }
    Ok(())
}
