//! The alinea command line: parses arguments, runs one subcommand, prints errors once.

mod cmd;

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "alinea",
    version,
    about = "Align the Spanish and English versions of a document and write a TMX translation memory"
)]
enum Cli {
    /// Align two documents and write TMX (or TSV, JSON) plus a summary on stderr.
    #[command(after_help = "Examples:
  alinea align nota.es.txt nota.en.txt -o nota.tmx
  alinea align nota.es.docx nota.en.html -o review.tsv      # the format from the extension
  alinea align nota.es.txt nota.en.txt --profile trados -o nota.tmx --html review.html
  alinea align nota.en.txt nota.es.txt --src-lang en-US --tgt-lang es-MX -o - | less")]
    Align(cmd::align::Args),
    /// Align a whole archive of document pairs in parallel, with a report.
    #[command(after_help = "Examples:
  alinea batch es/ en/ -o out/                  # the same file names in both folders
  alinea batch archive/ -o out/                 # NAME.es.txt with NAME.en.txt (or NAME_es, NAME-ES)
  alinea batch -r archive/ -o out/ --merge      # the whole tree, es/NAME.txt beside en/NAME.txt too
  alinea batch site/ -o out/ --pattern 'press-{name}-{lang}.html'
  alinea batch --jsonl < docs.jsonl > aligned.jsonl")]
    Batch(cmd::batch::Args),
    /// Split a text into sentences, one per line.
    #[command(after_help = "Examples:
  alinea segment nota.es.txt                    # the language told from the text
  alinea segment --lang en --format json nota.en.html -o sentences.jsonl
  cat nota.txt | alinea segment --lang es --srx rules.srx")]
    Segment(cmd::segment::Args),
    /// Merge, inspect, validate and convert translation memories.
    #[command(after_help = "Examples:
  alinea tmx merge a.tmx b.tmx -o all.tmx
  alinea tmx validate all.tmx
  alinea tmx convert all.tmx all.tsv")]
    Tmx(cmd::tmx::Args),
    /// Check a translation for what it left out, added or changed (exit code 1 on an error).
    #[command(after_help = "Examples:
  alinea qa nota.es.txt nota.en.txt
  alinea qa nota.es.txt nota.en.txt -o findings.json --html review.html
  alinea qa --tmx memory.tmx --min-score 0.5")]
    Qa(cmd::qa::Args),
    /// Compare two translations of one source (or two memories) unit by unit.
    #[command(after_help = "Examples:
  alinea diff nota.es.txt nota.en.txt nota.en-revised.txt
  alinea diff nota.es.txt old.en.txt new.en.txt -o changes.tsv
  alinea diff --tmx old.tmx new.tmx --html changes.html")]
    Diff(cmd::diff::Args),
    /// Print the manual page (roff, for `man -l -`) of alinea or of one subcommand.
    #[command(after_help = "Examples:
  alinea man | man -l -
  alinea man align > alinea-align.1")]
    Man {
        /// The subcommand (align, batch, segment, tmx, qa, diff); none for the whole tool.
        command: Option<String>,
    },
}

/// Writes the manual page of alinea, or of one of its subcommands, on stdout.
fn man(command: Option<&str>) -> alinea::error::Result<()> {
    use alinea::error::Error;
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => {
            let names: Vec<String> = cli
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .filter(|n| n != "man" && n != "help")
                .collect();
            let sub = cli
                .find_subcommand(name)
                .filter(|_| name != "man")
                .cloned()
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "alinea man {name}: no such subcommand; one of {}",
                        names.join(", ")
                    ))
                })?;
            sub.display_name(format!("alinea-{name}"))
                .bin_name(format!("alinea {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .expect("rendering to memory does not fail");
    cmd::out::write_output(None, &out)
}

fn main() {
    let result = match Cli::parse() {
        Cli::Align(args) => cmd::align::run(args).map(|()| 0),
        Cli::Batch(args) => cmd::batch::run(args),
        Cli::Segment(args) => cmd::segment::run(args).map(|()| 0),
        Cli::Tmx(args) => cmd::tmx::run(args).map(|()| 0),
        Cli::Qa(args) => cmd::qa::run(args),
        Cli::Diff(args) => cmd::diff::run(args).map(|()| 0),
        Cli::Man { command } => man(command.as_deref()).map(|()| 0),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("alinea: {err}");
            std::process::exit(err.exit_code());
        }
    }
}
