//! `alinea segment --lang es [FILE]`: print one sentence per line, a blank line between
//! paragraphs. Reads stdin when no file is given.

use super::inputs::InputArgs;
use alinea::error::{Error, Result};
use alinea::{input, segment_document};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The text to segment (default: stdin).
    pub file: Option<PathBuf>,
    /// Language rules to use (es, en, or any tag for generic rules).
    #[arg(long, default_value = "es")]
    pub lang: String,
    /// Print each sentence with its byte offsets in the input, as JSON lines.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
    let seg = segment_document(doc, &args.lang, false);
    let mut out = String::new();
    let mut paragraph = None;
    for (i, s) in seg.sentences.iter().enumerate() {
        let p = seg.doc.blocks[s.block].paragraph;
        match args.format {
            Format::Text => {
                if paragraph.is_some_and(|q| q != p) {
                    out.push('\n');
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
