//! Options shared by the subcommands that align (`align`, `batch`).

use alinea::align::cost::CostModel;
use alinea::align::lexicon::Lexicon;
use alinea::error::Result;
use alinea::AlignOptions;
use std::path::PathBuf;

#[derive(clap::Args, Clone)]
pub struct AlignFlags {
    /// Language of the source, written to the output as given (es, es-MX ...).
    #[arg(long, default_value = "es")]
    pub src_lang: String,
    /// Language of the target, written to the output as given (en, en-US ...).
    #[arg(long, default_value = "en")]
    pub tgt_lang: String,
    /// The inputs hold one sentence per line (blank lines are paragraph breaks): do not segment.
    #[arg(long)]
    pub presegmented: bool,
    /// A bilingual word list: `english @ spanish` lines (hunalign's format) or `spanish<TAB>english`.
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Learn word translations from the confident units of a first pass, then align again
    /// (helps long documents; on short news articles it measured slightly worse).
    #[arg(long)]
    pub learn: bool,
}

impl AlignFlags {
    /// The library options these flags describe; reads the word list.
    pub fn options(&self) -> Result<AlignOptions> {
        let lexicon = match &self.dict {
            Some(path) => {
                let (lexicon, skipped) = Lexicon::read(path)?;
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
        Ok(AlignOptions {
            src_lang: self.src_lang.clone(),
            tgt_lang: self.tgt_lang.clone(),
            presegmented: self.presegmented,
            model: CostModel::default(),
            lexicon,
            learn: self.learn,
        })
    }
}
