//! `alinea align ES EN`: align two documents and write a translation memory.

use super::inputs::InputArgs;
use super::out::write_output;
use alinea::align::cost::CostModel;
use alinea::error::{Error, Result};
use alinea::output::{beads, date, json, summary, tmx, tsv, xliff};
use alinea::{align_documents, input, segment_document};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The source document (by default Spanish).
    pub source: PathBuf,
    /// The target document (by default English).
    pub target: PathBuf,
    /// Write the result here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Language of the source, written to the TMX as given (es, es-MX ...).
    #[arg(long, default_value = "es")]
    pub src_lang: String,
    /// Language of the target, written to the TMX as given (en, en-US ...).
    #[arg(long, default_value = "en")]
    pub tgt_lang: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Tmx)]
    pub format: Format,
    /// Also write the alignment in Vecalign bead notation ([0]:[0], [1, 2]:[1], [3]:[]).
    #[arg(long, value_name = "FILE")]
    pub beads: Option<PathBuf>,
    /// The inputs hold one sentence per line (blank lines are paragraph breaks): do not segment.
    #[arg(long)]
    pub presegmented: bool,
    /// Creation date for the TMX, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Print no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Tmx,
    Xliff,
    Tsv,
    Json,
}

pub fn run(args: Args) -> Result<()> {
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    let options = args.input.options(args.presegmented);
    let src = input::load_any(&args.source, &options)?;
    let tgt = input::load_any(&args.target, &options)?;
    if !args.quiet {
        for (path, doc) in [(&args.source, &src), (&args.target, &tgt)] {
            if let Some(enc) = doc.decoded_from {
                eprintln!("alinea: {}: not UTF-8, decoded as {enc}", path.display());
            }
        }
    }
    let al = align_documents(
        segment_document(src, &args.src_lang, args.presegmented),
        segment_document(tgt, &args.tgt_lang, args.presegmented),
        &CostModel::default(),
    );
    let (bytes, written, removed) = match args.format {
        Format::Tmx => {
            let (bytes, report) = tmx::write(&al, &tmx::TmxOptions { date });
            (bytes, report.written, report.removed_chars)
        }
        Format::Xliff => {
            let (bytes, report) = xliff::write(&al);
            (bytes, report.written, report.removed_chars)
        }
        Format::Tsv => (tsv::write(&al).into_bytes(), al.units.len(), Vec::new()),
        Format::Json => (json::write(&al).into_bytes(), al.units.len(), Vec::new()),
    };
    if let Some(path) = &args.beads {
        write_output(Some(path), beads::write(&al.units).as_bytes())?;
    }
    write_output(args.output.as_deref(), &bytes)?;
    if !args.quiet {
        let format = match args.format {
            Format::Tmx => "tmx",
            Format::Xliff => "xliff",
            Format::Tsv => "tsv",
            Format::Json => "json",
        };
        eprint!("{}", summary::render(&al, format, written, &removed));
    }
    Ok(())
}
