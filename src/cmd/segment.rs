//! `alinea segment --lang es [FILE]`: print one sentence per line, a blank line between
//! paragraphs. Reads stdin when no file is given.

use super::inputs::InputArgs;
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
    /// Language rules to use (es, en; other tags get the English rules).
    #[arg(long, default_value = "es")]
    pub lang: String,
    /// `text`: one sentence per line; `json`: one JSON object per sentence with its byte offsets.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Segmentation rules (SRX 2.0) that take precedence over the built-in rules.
    #[arg(long, value_name = "FILE")]
    pub srx: Option<PathBuf>,
    /// Extra abbreviations that do not end a sentence, one per line (`Ing.`).
    #[arg(long, value_name = "FILE")]
    pub abbrev: Option<PathBuf>,
    /// Show, at each candidate position, the rule that decided break or no break.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<()> {
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
    let segmenter = if args.srx.is_some() || args.abbrev.is_some() {
        let s =
            Segmenter::with_user_rules(&args.lang, args.srx.as_deref(), args.abbrev.as_deref())?;
        for w in &s.warnings {
            eprintln!("alinea: {w}");
        }
        s
    } else {
        Segmenter::builtin(Lang::from_tag(&args.lang))
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
        return super::out::write_output(None, out.as_bytes());
    }
    let seg = segment_document_with(doc, &args.lang, false, &segmenter);
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
        match args.format {
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
    super::out::write_output(None, out.as_bytes())
}
