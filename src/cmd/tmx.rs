//! `alinea tmx merge|stats|validate|convert`: work on translation memories that exist.

use super::out::write_streaming;
use alinea::error::{Error, Result};
use alinea::output::date;
use alinea::tm::merge::{self, MergeOptions, OnConflict};
use alinea::tm::profile::Profile;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Merge TMX files into one, deduplicated, with the language tags made consistent.
    Merge(MergeArgs),
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Merge(a) => run_merge(a),
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
        report = Some(merge::merge(&args.inputs, &opts, out, name)?);
        Ok(())
    })?;
    if let (Some(report), false) = (report, args.quiet) {
        eprint!("{report}");
    }
    Ok(())
}

/// A language option must be a well-formed tag and name a side of a pair.
fn check_lang_option(option: &str, tag: &str) -> Result<()> {
    alinea::tm::lang::check(tag).map_err(|e| Error::Usage(format!("{option}: {e}")))
}
