//! `alinea tmx merge|stats|validate|convert|from-tsv`: work on translation memories that exist.

use super::out::{guard_outputs, write_streaming};
use alinea::error::{Error, Result};
use alinea::tm::convert::{self, ConvertOptions, Format};
use alinea::tm::merge::{self, Dropped, MergeOptions, OnConflict, Reason};
use alinea::tm::profile::Profile;
use alinea::tm::tmx::read::TmxReader;
use alinea::tm::{stats, validate};
use alinea::types::date;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Merge TMX files into one, deduplicated, with the language tags made consistent.
    #[command(after_help = "Examples:
  alinea tmx merge a.tmx b.tmx -o all.tmx
  alinea tmx merge *.tmx --src-lang es-MX --tgt-lang en-US --on-conflict keep-all -o all.tmx
  alinea tmx merge old.tmx new.tmx --profile trados -o for-trados.tmx")]
    Merge(MergeArgs),
    /// Units, languages, segment lengths, duplicates and props of a TMX.
    #[command(after_help = "Examples:
  alinea tmx stats memory.tmx")]
    Stats(StatsArgs),
    /// Check what the TMX DTD cannot: dates, language tags, srclang, whitespace, XML-illegal
    /// characters, empty segments. Exit code 1 when there is any problem.
    #[command(after_help = "Examples:
  alinea tmx validate memory.tmx
  alinea tmx validate --profile trados a.tmx b.tmx")]
    Validate(ValidateArgs),
    /// Convert between TMX, TSV and XLIFF 2.0 (by extension, or --to).
    #[command(after_help = "Examples:
  alinea tmx convert memory.tmx memory.tsv
  alinea tmx convert memory.tmx - --to xliff > memory.xlf
  alinea tmx convert review.xlf memory.tmx --src-lang es --tgt-lang en")]
    Convert(ConvertArgs),
    /// Turn a TSV back into a TMX: `align --format tsv` output edited in a spreadsheet
    /// (rows deleted, cells corrected, status set to reject), keeping tuids and props.
    #[command(after_help = "Examples:
  alinea align nota.es.txt nota.en.txt -o review.tsv     # review it in a spreadsheet, then:
  alinea tmx from-tsv review.tsv -o nota.tmx")]
    FromTsv(FromTsvArgs),
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Merge(a) => run_merge(a),
        Command::Stats(a) => run_stats(a),
        Command::Validate(a) => run_validate(a),
        Command::Convert(a) => run_convert(a),
        Command::FromTsv(a) => run_from_tsv(a),
    }
}

fn parse_profile(s: &str) -> std::result::Result<Profile, String> {
    s.parse()
}

fn parse_policy(s: &str) -> std::result::Result<OnConflict, String> {
    s.parse()
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// The TMX files to merge, in order of precedence for keep-first.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Write the merged TMX here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The source language of the result; variants tagged es, es-ES, es_MX, ES-es ... of
    /// the same language are relabelled to it.
    #[arg(long, default_value = "es")]
    pub src_lang: String,
    /// The target language of the result.
    #[arg(long, default_value = "en")]
    pub tgt_lang: String,
    /// Same source, different targets: keep-newest (by changedate, then creationdate),
    /// keep-all or keep-first.
    #[arg(long, value_name = "POLICY", default_value = "keep-newest", value_parser = parse_policy)]
    pub on_conflict: OnConflict,
    /// Remove inline tags (bpt, ept, ph, it, hi, ut), keeping the text.
    #[arg(long)]
    pub strip_tags: bool,
    /// Write the TMX for a CAT tool: trados, memoq, omegat or phrase.
    #[arg(long, value_name = "TOOL", value_parser = parse_profile)]
    pub profile: Option<Profile>,
    /// Creation date for the header, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Print no report on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

fn run_merge(args: MergeArgs) -> Result<()> {
    let inputs: Vec<&Path> = args.inputs.iter().map(|p| p.as_path()).collect();
    guard_outputs(&inputs, &[("-o", args.output.as_deref())])?;
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    check_lang_option("--src-lang", &args.src_lang)?;
    check_lang_option("--tgt-lang", &args.tgt_lang)?;
    let opts = MergeOptions {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        on_conflict: args.on_conflict,
        strip_tags: args.strip_tags,
        profile: args.profile,
        date,
    };
    let mut report = None;
    write_streaming(args.output.as_deref(), |out, name| {
        let r = merge::merge(&args.inputs, &opts, out, name)?;
        let read: usize = r.read.iter().sum();
        // Units read, and none in the pair asked for: not the memories' languages.
        if read > 0 && r.written == 0 && language_drops(&r.dropped) == read {
            eprint!("{r}");
            return Err(Error::Usage(format!(
                "none of the {read} units read was written as a {} -> {} pair: nothing to write (say which languages with --src-lang and --tgt-lang)",
                opts.src_lang, opts.tgt_lang
            )));
        }
        report = Some(r);
        Ok(())
    })?;
    if let (Some(report), false) = (report, args.quiet) {
        eprint!("{report}");
    }
    Ok(())
}

/// How many units were left out for lacking the source or the target language.
fn language_drops(dropped: &std::collections::BTreeMap<Reason, Dropped>) -> usize {
    [Reason::NoSource, Reason::NoTarget]
        .iter()
        .filter_map(|r| dropped.get(r))
        .map(|d| d.count)
        .sum()
}

/// A language option must be a well-formed tag and name a side of a pair.
fn check_lang_option(option: &str, tag: &str) -> Result<()> {
    alinea::tm::lang::check(tag).map_err(|e| Error::Usage(format!("{option}: {e}")))
}

#[derive(clap::Args)]
pub struct StatsArgs {
    pub file: PathBuf,
    /// text, or json for scripts.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
}

fn run_stats(args: StatsArgs) -> Result<()> {
    let mut reader = TmxReader::open(&args.file)?;
    let figures = stats::stats(&mut reader)?;
    let text = if args.format == "json" {
        let mut json = serde_json::to_string_pretty(&figures).expect("figures serialise");
        json.push('\n');
        json
    } else {
        figures.render()
    };
    super::out::write_output(None, text.as_bytes())
}

#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The TMX files to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Also check for a CAT tool: its locale form, its segment length limit.
    #[arg(long, value_name = "TOOL", value_parser = parse_profile)]
    pub profile: Option<Profile>,
}

/// Prints `FILE:LINE:COLUMN: problem` lines on stdout; on stderr, a line for each clean
/// file and the number of problems.
fn run_validate(args: ValidateArgs) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let werr = |e| Error::io(std::path::Path::new("<stdout>"), "write", e);
    let mut total = 0;
    let mut last_path = None;
    for path in &args.files {
        let mut count = 0;
        let mut write_err = None;
        let result = TmxReader::open(path).and_then(|mut reader| {
            validate::validate(&mut reader, args.profile, |p| {
                count += 1;
                if let Err(e) = writeln!(out, "{}:{}: {}", path.display(), p.pos, p.message) {
                    write_err.get_or_insert(e);
                }
            })
        });
        let units = match result {
            Ok(units) => Some(units),
            // A file that is not well-formed is a problem at its place.
            Err(e @ Error::Syntax { .. }) => {
                count += 1;
                writeln!(out, "{e}").map_err(werr)?;
                None
            }
            Err(e) => return Err(e),
        };
        if let Some(e) = write_err {
            return Err(werr(e));
        }
        out.flush().map_err(werr)?;
        match units {
            Some(n) if count == 0 => eprintln!("{}: {n} units, no problems", path.display()),
            Some(_) => {}
            None => eprintln!("{}: not well-formed; checking stopped", path.display()),
        }
        total += count;
        last_path = Some(path.clone());
    }
    if total > 0 {
        let path = if args.files.len() == 1 {
            last_path.unwrap_or_default()
        } else {
            PathBuf::from(format!("{} files", args.files.len()))
        };
        return Err(Error::Problems { path, count: total });
    }
    Ok(())
}

fn parse_format(s: &str) -> std::result::Result<Format, String> {
    s.parse()
}

#[derive(clap::Args)]
pub struct ConvertArgs {
    /// The input: .tmx, .tsv or .xlf/.xliff (else told by its content).
    pub input: PathBuf,
    /// The output; '-' for stdout (then --to is needed).
    pub output: PathBuf,
    /// The output format, when the output's extension does not say: tmx, tsv or xliff.
    #[arg(long, value_parser = parse_format)]
    pub to: Option<Format>,
    /// The source language (default: what the input says; es for a TSV without header).
    #[arg(long)]
    pub src_lang: Option<String>,
    /// The target language (default: what the input says; en for a TSV without header).
    #[arg(long)]
    pub tgt_lang: Option<String>,
    /// Remove inline tags, keeping the text (needed for TSV when segments have tags).
    #[arg(long)]
    pub strip_tags: bool,
    /// Write for a CAT tool: trados, memoq, omegat or phrase.
    #[arg(long, value_name = "TOOL", value_parser = parse_profile)]
    pub profile: Option<Profile>,
    /// Creation date for a TMX header, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Print no report on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

fn run_convert(args: ConvertArgs) -> Result<()> {
    guard_outputs(&[&args.input], &[("OUTPUT", Some(&args.output))])?;
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    check_lang_options(&args.src_lang, &args.tgt_lang)?;
    let stdout = args.output.as_os_str() == "-";
    let to = match (args.to, Format::from_path(&args.output)) {
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => {
            return Err(Error::Usage(format!(
                "{}: the extension does not name a format: use .tmx, .tsv or .xlf, or --to",
                args.output.display()
            )))
        }
    };
    let opts = ConvertOptions {
        from: None,
        to,
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        strip_tags: args.strip_tags,
        profile: args.profile,
        date,
    };
    let output = (!stdout).then_some(args.output.as_path());
    convert_and_report(&args.input, &opts, output, args.quiet)
}

#[derive(clap::Args)]
pub struct FromTsvArgs {
    /// The TSV: a header row naming the languages and the columns (tuid, score, bead,
    /// document, status, or a prop's type), then one pair a row.
    pub input: PathBuf,
    /// Write the TMX here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The source language (default: the header row's, else es).
    #[arg(long)]
    pub src_lang: Option<String>,
    /// The target language (default: the header row's, else en).
    #[arg(long)]
    pub tgt_lang: Option<String>,
    /// Write for a CAT tool: trados, memoq, omegat or phrase.
    #[arg(long, value_name = "TOOL", value_parser = parse_profile)]
    pub profile: Option<Profile>,
    /// Creation date for the TMX header, YYYYMMDDThhmmssZ (default: SOURCE_DATE_EPOCH, else now).
    #[arg(long)]
    pub date: Option<String>,
    /// Print no report on stderr.
    #[arg(short, long)]
    pub quiet: bool,
}

fn run_from_tsv(args: FromTsvArgs) -> Result<()> {
    guard_outputs(&[&args.input], &[("-o", args.output.as_deref())])?;
    let date = date::creation_date(args.date.as_deref()).map_err(Error::Usage)?;
    check_lang_options(&args.src_lang, &args.tgt_lang)?;
    let opts = ConvertOptions {
        from: Some(Format::Tsv),
        to: Format::Tmx,
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        strip_tags: false,
        profile: args.profile,
        date,
    };
    convert_and_report(&args.input, &opts, args.output.as_deref(), args.quiet)
}

/// Checks `--src-lang` and `--tgt-lang` when given.
fn check_lang_options(src_lang: &Option<String>, tgt_lang: &Option<String>) -> Result<()> {
    for (option, tag) in [("--src-lang", src_lang), ("--tgt-lang", tgt_lang)] {
        if let Some(tag) = tag {
            check_lang_option(option, tag)?;
        }
    }
    Ok(())
}

/// Converts `input` into `output` (stdout when `None`), then prints the report unless quiet.
fn convert_and_report(
    input: &Path,
    opts: &ConvertOptions,
    output: Option<&Path>,
    quiet: bool,
) -> Result<()> {
    let mut report = None;
    write_streaming(output, |out, name| {
        let r = convert::convert(input, opts, out, name)?;
        // Units read, and none in the languages asked for: not the file's languages. No
        // output file is left (the report says why).
        if r.read > 0 && r.written == 0 && language_drops(&r.dropped) == r.read {
            eprint!("{r}");
            return Err(Error::bad_input(
                input,
                format!(
                    "none of its {} units was written as a {} -> {} pair: nothing to write (say which languages with --src-lang and --tgt-lang)",
                    r.read, r.src, r.tgt
                ),
            ));
        }
        report = Some(r);
        Ok(())
    })?;
    if let (Some(report), false) = (report, quiet) {
        eprint!("{report}");
    }
    Ok(())
}
