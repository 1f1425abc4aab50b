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
    Align(cmd::align::Args),
    /// Align a whole archive of document pairs in parallel, with a report.
    Batch(cmd::batch::Args),
    /// Split a text into sentences, one per line.
    Segment(cmd::segment::Args),
    /// Merge, inspect, validate and convert translation memories.
    Tmx(cmd::tmx::Args),
    /// Check a translation for what it left out, added or changed (exit code 1 on an error).
    Qa(cmd::qa::Args),
    /// Compare two translations of one source (or two memories) unit by unit.
    Diff(cmd::diff::Args),
}

fn main() {
    let result = match Cli::parse() {
        Cli::Align(args) => cmd::align::run(args).map(|()| 0),
        Cli::Batch(args) => cmd::batch::run(args),
        Cli::Segment(args) => cmd::segment::run(args).map(|()| 0),
        Cli::Tmx(args) => cmd::tmx::run(args).map(|()| 0),
        Cli::Qa(args) => cmd::qa::run(args),
        Cli::Diff(args) => cmd::diff::run(args).map(|()| 0),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(err) => {
            eprintln!("alinea: {err}");
            std::process::exit(err.exit_code());
        }
    }
}
