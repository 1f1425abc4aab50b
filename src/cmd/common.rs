//! Options shared by the subcommands that align (`align`, `batch`, `qa`, `diff`).

use super::inputs::InputArgs;
use alinea::align::cost::CostModel;
use alinea::align::lexicon::Lexicon;
use alinea::error::{Error, Result};
use alinea::segment::Segmenter;
use alinea::types::Lang;
use alinea::AlignOptions;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct AlignFlags {
    /// Language of the source, written to the output as given (es, es-MX ...) [default: es;
    /// for a memory, what it says].
    #[arg(long, value_name = "TAG")]
    pub src_lang: Option<String>,
    /// Language of the target, written to the output as given (en, en-US ...) [default: en;
    /// for a memory, what it says].
    #[arg(long, value_name = "TAG")]
    pub tgt_lang: Option<String>,
    /// The inputs hold one sentence per line (blank lines are paragraph breaks): do not segment.
    #[arg(long)]
    pub presegmented: bool,
    /// A bilingual word list: `english @ spanish` lines (hunalign's format) or `spanish<TAB>english`.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Segmentation rules (SRX 2.0, as Trados, memoQ, OmegaT or Okapi export them): for the
    /// languages the file maps, they replace the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub srx: Option<PathBuf>,
    /// With --srx: where none of the file's rules matches, try alinea's built-in rules.
    #[arg(long, requires = "srx")]
    pub srx_fallback: bool,
    /// Extra abbreviations that do not end a sentence, one per line (`Ing.`).
    #[arg(long, value_name = "FILE")]
    pub abbrev: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Learn word translations from the confident units of a first pass, then align again;
    /// in `batch`, from all the documents of the batch at once.
    #[arg(long)]
    pub learn: bool,
    /// Refuse, before aligning, a pair whose alignment would need more memory than this
    /// (800M, 4G ...; default: three quarters of the machine's memory).
    #[arg(long, value_name = "SIZE", value_parser = parse_max_memory)]
    pub max_memory: Option<u64>,
}

fn parse_max_memory(s: &str) -> std::result::Result<u64, String> {
    alinea::memory::parse_size(s)
}

impl AlignFlags {
    /// The source language: as given, else `es`.
    pub fn src_lang(&self) -> &str {
        self.src_lang.as_deref().unwrap_or("es")
    }

    /// The target language: as given, else `en`.
    pub fn tgt_lang(&self) -> &str {
        self.tgt_lang.as_deref().unwrap_or("en")
    }

    /// The files these flags read (`--dict`, `--srx`, `--abbrev`), which no output may
    /// overwrite.
    pub fn input_files(&self) -> Vec<&std::path::Path> {
        [&self.dict, &self.srx, &self.abbrev]
            .into_iter()
            .flatten()
            .map(|p| p.as_path())
            .collect()
    }

    /// The library options these flags describe; reads the word list. A language alinea has
    /// no rules for is refused unless `--srx` gives rules.
    pub fn options(&self) -> Result<AlignOptions> {
        check_lang("--src-lang", self.src_lang(), self.srx.is_some())?;
        check_lang("--tgt-lang", self.tgt_lang(), self.srx.is_some())?;
        let lexicon = match &self.dict {
            Some(path) => {
                let (lexicon, skipped) = alinea::pipeline::read_lexicon(path)?;
                if skipped > 0 {
                    eprintln!(
                        "alinea: {}: {} entries of several words skipped (alinea matches single words); {} used",
                        path.display(),
                        skipped,
                        lexicon.len()
                    );
                }
                lexicon
            }
            None => Lexicon::default(),
        };
        let segmenter = |tag: &str| -> Result<Option<Segmenter>> {
            if self.srx.is_none() && self.abbrev.is_none() {
                return Ok(None);
            }
            let s = Segmenter::with_user_rules(
                tag,
                self.srx.as_deref(),
                self.abbrev.as_deref(),
                self.srx_fallback,
            )?;
            for w in &s.warnings {
                eprintln!("alinea: {w}");
            }
            Ok(Some(s))
        };
        let load = self.input.options(self.presegmented);
        Ok(AlignOptions {
            input_format: load.format,
            include_notes: load.include_notes,
            src_segmenter: segmenter(self.src_lang())?,
            tgt_segmenter: segmenter(self.tgt_lang())?,
            src_lang: self.src_lang().to_string(),
            tgt_lang: self.tgt_lang().to_string(),
            presegmented: self.presegmented,
            model: CostModel::default(),
            lexicon,
            learn: self.learn,
            max_memory: Some(
                self.max_memory
                    .unwrap_or_else(alinea::memory::default_limit),
            ),
        })
    }
}

/// Refuses a language tag alinea has no segmentation rules for (`fr`, `de` ...), unless
/// the user gives rules with `--srx`. `option` names the option in the message.
pub fn check_lang(option: &str, tag: &str, have_srx: bool) -> Result<()> {
    if have_srx || Lang::from_tag(tag) != Lang::Other {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "{option} {tag}: alinea has built-in rules for Spanish (es, es-MX, spa ...) and English \
         (en, en-GB, eng ...) only; give one of those, or segmentation rules for '{tag}' with --srx FILE"
    )))
}

/// The output formats of `qa` and `diff`.
#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum ReportFormat {
    /// For a person.
    Text,
    /// An array, one object a finding (a row for `diff`).
    Json,
    /// One finding (row) a line.
    Tsv,
    /// The review page (as --html writes it).
    Html,
}

/// When to colour (underline) what is printed for a person.
#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless the NO_COLOR environment variable is set (and not empty).
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to stdout.
    pub fn for_stdout(self, output: &Option<PathBuf>) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                to_stdout(output)
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// The start of `qa` and `diff`: no output may be an input (`inputs` and the files `flags`
/// read), and the report's format, from `--format` or the extension of `-o`.
pub fn report_format<'a>(
    command: &str,
    mut inputs: Vec<&'a std::path::Path>,
    flags: &'a AlignFlags,
    output: &Option<PathBuf>,
    html: &Option<PathBuf>,
    format: Option<ReportFormat>,
) -> Result<ReportFormat> {
    inputs.extend(flags.input_files());
    super::out::guard_outputs(
        &inputs,
        &[("-o", output.as_deref()), ("--html", html.as_deref())],
    )?;
    super::out::output_format(command, format, output.as_deref(), ReportFormat::Text)
}

/// The end of `qa` and `diff`: the report and (with `--html`) the review page, written
/// together or not at all.
pub fn write_report(
    output: &Option<PathBuf>,
    html: &Option<PathBuf>,
    report: &[u8],
    page: impl FnOnce() -> String,
) -> Result<()> {
    let page = html.as_ref().map(|_| page());
    let mut outputs: Vec<(Option<&std::path::Path>, &[u8])> = Vec::new();
    if let (Some(path), Some(text)) = (html, &page) {
        outputs.push((Some(path), text.as_bytes()));
    }
    outputs.push((output.as_deref(), report));
    super::out::write_all(&outputs)
}

/// Whether an `--output` option sends the output to stdout (not given, or `-`).
pub fn to_stdout(output: &Option<PathBuf>) -> bool {
    output.as_deref().is_none_or(|p| p.as_os_str() == "-")
}
