//! `alinea segment [FILE]`: print one sentence per line, a blank line between paragraphs.
//! Reads stdin when no file is given; without `--lang`, tells Spanish from English by the
//! text and says which on stderr.

use super::common::check_lang;
use super::inputs::InputArgs;
use super::out::{guard_outputs, output_format, write_output};
use alinea::error::{Error, Result};
use alinea::input::BlockKind;
use alinea::segment::Segmenter;
use alinea::types::Lang;
use alinea::{input, segment_document_with};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The text to segment (default: stdin).
    pub file: Option<PathBuf>,
    /// Language rules to use: es or en (es-MX, en-GB ...), or any tag with --srx [default:
    /// told from the text, Spanish or English].
    #[arg(long, value_name = "TAG")]
    pub lang: Option<String>,
    /// `text`: one sentence per line; `json`: one JSON object per sentence with its byte
    /// offsets [default: told by the extension of -o (.txt, .json, .jsonl), else text].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write here instead of stdout (`-` is stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Segmentation rules (SRX 2.0): for the languages the file maps, they replace the
    /// built-in rules.
    #[arg(long, value_name = "FILE")]
    pub srx: Option<PathBuf>,
    /// With --srx: where none of the file's rules matches, try alinea's built-in rules.
    #[arg(long, requires = "srx")]
    pub srx_fallback: bool,
    /// Extra abbreviations that do not end a sentence, one per line (`Ing.`).
    #[arg(long, value_name = "FILE")]
    pub abbrev: Option<PathBuf>,
    /// Show, at each candidate position, the rule that decided break or no break.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
pub enum Format {
    Text,
    /// One JSON object a line (JSON lines).
    #[value(alias = "jsonl")]
    Json,
}

pub fn run(args: Args) -> Result<()> {
    let inputs: Vec<&Path> = [&args.file, &args.srx, &args.abbrev]
        .into_iter()
        .flatten()
        .map(|p| p.as_path())
        .collect();
    guard_outputs(&inputs, &[("-o", args.output.as_deref())])?;
    let format = output_format("segment", args.format, args.output.as_deref(), Format::Text)?;
    if let Some(tag) = &args.lang {
        check_lang("--lang", tag, args.srx.is_some())?;
    }
    let options = args.input.options(false);
    let doc = match &args.file {
        Some(path) => input::load_any(path, &options)?,
        None => {
            let mut bytes = Vec::new();
            let stdin = Path::new("<stdin>");
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(stdin, "read", e))?;
            input::read_bytes("stdin", &bytes, None, &options)
                .map_err(|m| Error::bad_input(stdin, m))?
        }
    };
    let name = args
        .file
        .as_deref()
        .unwrap_or(Path::new("<stdin>"))
        .display()
        .to_string();
    let lang = match &args.lang {
        Some(tag) => tag.clone(),
        None => {
            let (tag, language) = match alinea::input::language::guess(&doc.text) {
                Some(Lang::Es) => ("es", "Spanish"),
                Some(Lang::En) => ("en", "English"),
                _ => {
                    return Err(Error::Usage(format!(
                        "{name}: cannot tell whether the text is Spanish or English (too short, \
                         mixed, or another language); say --lang es or --lang en"
                    )))
                }
            };
            eprintln!("alinea: {name} reads as {language}: segmenting with the {language} rules (--lang {tag}); say --lang to choose");
            tag.to_string()
        }
    };
    let segmenter = if args.srx.is_some() || args.abbrev.is_some() {
        let s = Segmenter::with_user_rules(
            &lang,
            args.srx.as_deref(),
            args.abbrev.as_deref(),
            args.srx_fallback,
        )?;
        for w in &s.warnings {
            eprintln!("alinea: {w}");
        }
        s
    } else {
        Segmenter::builtin(Lang::from_tag(&lang))
    };
    let mut out = String::new();
    if args.explain {
        for block in &doc.blocks {
            let text = &doc.text[block.start..block.end];
            for d in segmenter.explain(text) {
                let at = block.start + d.at;
                let left: String = doc.text[block.start..at]
                    .chars()
                    .rev()
                    .take(25)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let right: String = doc.text[at..block.end].chars().take(25).collect();
                out.push_str(&format!(
                    "{at:>7} {:<8} {:<28} {:>25}|{}\n",
                    if d.is_break { "break" } else { "no-break" },
                    d.rule.as_deref().unwrap_or("(no rule)"),
                    left.replace('\n', " "),
                    right.replace('\n', " ")
                ));
            }
        }
        return write_output(args.output.as_deref(), out.as_bytes());
    }
    let seg = segment_document_with(doc, &lang, false, &segmenter);
    let mut paragraph = None;
    let mut last_block = None;
    for (i, s) in seg.sentences.iter().enumerate() {
        let block = &seg.doc.blocks[s.block];
        let p = block.paragraph;
        // A bullet's marker is not part of its sentence, but the listing shows it.
        let marker = if block.kind == BlockKind::Bullet && last_block != Some(s.block) {
            let line_start = seg.doc.text[..block.start].rfind('\n').map_or(0, |n| n + 1);
            Some(seg.doc.text[line_start..block.start].trim())
        } else {
            None
        };
        last_block = Some(s.block);
        match format {
            Format::Text => {
                if paragraph.is_some_and(|q| q != p) {
                    out.push('\n');
                }
                if let Some(m) = marker {
                    out.push_str(m);
                    out.push(' ');
                }
                let line: Vec<&str> = seg.text(i).split_whitespace().collect();
                out.push_str(&line.join(" "));
                out.push('\n');
            }
            Format::Json => {
                let obj = serde_json::json!({
                    "start": s.start, "end": s.end, "paragraph": p, "text": seg.text(i),
                });
                out.push_str(&obj.to_string());
                out.push('\n');
            }
        }
        paragraph = Some(p);
    }
    write_output(args.output.as_deref(), out.as_bytes())
}
