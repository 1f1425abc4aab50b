//! The options every subcommand that reads documents shares: which format, and what to keep.

use alinea::input::{InputFormat, LoadOptions};

#[derive(clap::Args)]
pub struct InputArgs {
    /// Input format; auto detects it from the content (the extension is a hint).
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub input_format: FormatArg,
    /// Keep the footnotes and endnotes of Word documents (after the body text).
    #[arg(long)]
    pub include_notes: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Auto,
    Text,
    Html,
    Docx,
}

impl InputArgs {
    /// The library's reading options; `one_per_line` for pre-segmented input.
    pub fn options(&self, one_per_line: bool) -> LoadOptions {
        LoadOptions {
            format: match self.input_format {
                FormatArg::Auto => InputFormat::Auto,
                FormatArg::Text => InputFormat::Text,
                FormatArg::Html => InputFormat::Html,
                FormatArg::Docx => InputFormat::Docx,
            },
            one_per_line,
            include_notes: self.include_notes,
        }
    }
}
