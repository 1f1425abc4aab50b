//! Stage 2, segment: blocks of text become sentences.
//!
//! The segmenter finds candidate boundaries in one pass (a run of `.`, `?`, `!` or `…`,
//! then closing quotes or brackets, then whitespace) and decides each one from the words
//! around it: abbreviations, initials, numbers, and the case of the next word. Sentences are
//! byte spans of the original text, trimmed; the text between them is whitespace only.
//!
//! ```
//! use alinea::segment::split;
//! use alinea::types::Lang;
//! let text = "El Sr. Pérez llegó a las 10:30 a.m. a EE. UU. ¿Qué dijo? Nada.";
//! let sentences: Vec<&str> = split(text, Lang::Es).into_iter().map(|(s, e)| &text[s..e]).collect();
//! assert_eq!(sentences, ["El Sr. Pérez llegó a las 10:30 a.m. a EE. UU.", "¿Qué dijo?", "Nada."]);
//! ```

mod document;
pub mod engine;
pub mod glued;
pub mod srx;

pub use document::{segment_document, segment_document_with, side_text, Segmented};

use crate::error::{Error, Pos, Result};
use crate::input::{Block, Document};
use crate::types::{Lang, Sentence};
use engine::{Decision, RuleSet};
use rayon::prelude::*;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// Splits every block of a document into sentences with `segmenter`. With `presegmented`,
/// each block (one line) is one sentence.
pub fn sentences(doc: &Document, segmenter: &Segmenter, presegmented: bool) -> Vec<Sentence> {
    let block_sentences = |segmenter: &Segmenter, b: usize, block: &Block| -> Vec<Sentence> {
        let Block { start, end, .. } = *block;
        if presegmented {
            return vec![Sentence {
                start,
                end,
                block: b,
            }];
        }
        segmenter
            .split(&doc.text[start..end])
            .into_iter()
            .map(|(s, e)| Sentence {
                start: start + s,
                end: start + e,
                block: b,
            })
            .collect()
    };
    if doc.text.len() < PARALLEL_BYTES || presegmented {
        return (0..doc.blocks.len())
            .flat_map(|b| block_sentences(segmenter, b, &doc.blocks[b]))
            .collect();
    }
    // Blocks are independent: long documents are segmented on all cores, each task with its
    // own copy of the compiled rules (a regex shared between threads contends for its cache).
    let chunk = doc
        .blocks
        .len()
        .div_ceil(4 * rayon::current_num_threads())
        .max(1);
    doc.blocks
        .par_chunks(chunk)
        .enumerate()
        .map(|(c, blocks)| {
            let own = segmenter.private_copy();
            blocks
                .iter()
                .enumerate()
                .flat_map(|(k, block)| block_sentences(&own, c * chunk + k, block))
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Documents at least this long are segmented in parallel.
const PARALLEL_BYTES: usize = 1 << 20;

/// Splits one block of text into sentence spans with the built-in rules of `lang`.
pub fn split(text: &str, lang: Lang) -> Vec<(usize, usize)> {
    Segmenter::builtin(lang).split(text)
}

/// A straight quote set apart by spaces between two sentences (`imposible. " El martes…`,
/// tokenized text) opens the next sentence, unless the sentence before it has a quote left
/// open: then it closes that one.
fn close_detached_quotes(text: &str, spans: &mut [(usize, usize)]) {
    for k in 1..spans.len() {
        let ((prev_start, prev_end), (start, end)) = (spans[k - 1], spans[k]);
        let Some(rest) = text[start..end].strip_prefix('"') else {
            continue;
        };
        let body = rest.trim_start();
        let open = text[prev_start..prev_end].matches('"').count() % 2 == 1;
        if open && body.len() < rest.len() && !body.is_empty() {
            spans[k - 1].1 = start + 1;
            spans[k].0 = end - body.len();
        }
    }
}

/// A compiled set of segmentation rules for one language: the built-in SRX rules, or a
/// user's SRX rules for the languages the file maps (the whole rule set, as in the CAT tool
/// that wrote them; the built-in rules after them only when asked), optionally preceded by a
/// user's abbreviations.
#[derive(Debug, Clone)]
pub struct Segmenter {
    rules: Arc<RuleSet>,
    /// Rules and language maps that were skipped, with file, line and reason.
    pub warnings: Vec<String>,
}

const ES_SRX: &str = include_str!("rules/es.srx");
const EN_SRX: &str = include_str!("rules/en.srx");

impl Segmenter {
    /// The built-in rules of a language (English rules for languages without their own).
    pub fn builtin(lang: Lang) -> Segmenter {
        static ES: OnceLock<Arc<RuleSet>> = OnceLock::new();
        static EN: OnceLock<Arc<RuleSet>> = OnceLock::new();
        let (cell, text, file, tag) = match lang {
            Lang::Es => (&ES, ES_SRX, "es.srx", "es"),
            Lang::En | Lang::Other => (&EN, EN_SRX, "en.srx", "en"),
        };
        let rules = cell.get_or_init(|| {
            let doc = srx::parse(text).expect("the built-in SRX files are well-formed");
            let (rules, _) = doc.rules_for(tag);
            let (set, skipped) = RuleSet::compile(
                rules
                    .into_iter()
                    .map(|r| (r, format!("built-in {file}:{}", r.line))),
            );
            assert!(skipped.is_empty(), "built-in rules compile: {skipped:?}");
            Arc::new(set)
        });
        Segmenter {
            rules: Arc::clone(rules),
            warnings: Vec::new(),
        }
    }

    /// The rules for a language tag with a user's additions: the rules a user's SRX file
    /// gives for that tag replace the built-in ones (with `builtin_fallback`, the built-in
    /// rules are tried after them, where none of them matched); a list of abbreviations (one
    /// per line, with or without the final period) comes first. A file that maps no rules
    /// to the tag leaves the built-in rules, with a warning. Rules the engine cannot run are
    /// skipped and listed in `warnings`.
    pub fn with_user_rules(
        lang_tag: &str,
        srx_file: Option<&Path>,
        abbreviations: Option<&Path>,
        builtin_fallback: bool,
    ) -> Result<Segmenter> {
        let mut segmenter = Segmenter::builtin(Lang::from_tag(lang_tag));
        let mut rules: Option<RuleSet> = None;
        if let Some(path) = srx_file {
            if path.is_dir() {
                return Err(Error::bad_input(path, "is a directory, not an SRX file"));
            }
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
            let (text, _) = crate::input::decode(&bytes).map_err(|m| Error::bad_input(path, m))?;
            let name = path.display().to_string();
            let (set, warnings) = srx_rules(lang_tag, &text, &name)
                .map_err(|(pos, m)| Error::syntax(path, pos, m))?;
            segmenter.warnings.extend(warnings);
            if !set.is_empty() {
                rules = Some(user_rules(set, &segmenter.rules, builtin_fallback));
            }
        }
        if let Some(path) = abbreviations {
            let set = abbreviation_rules(path)?;
            rules
                .get_or_insert_with(|| (*segmenter.rules).clone())
                .prepend(set);
        }
        if let Some(rules) = rules {
            segmenter.rules = Arc::new(rules);
        }
        Ok(segmenter)
    }

    /// A copy with its own compiled regexes, for use on another thread without contention.
    pub fn private_copy(&self) -> Segmenter {
        Segmenter {
            rules: Arc::new((*self.rules).clone()),
            warnings: Vec::new(),
        }
    }

    /// The rules that the SRX document `text` gives for a language tag (the built-in rules
    /// where it gives none); `name` names the document in warnings. The error is the place
    /// and what is wrong.
    pub fn from_srx_text(
        lang_tag: &str,
        text: &str,
        name: &str,
    ) -> std::result::Result<Segmenter, (Pos, String)> {
        let mut segmenter = Segmenter::builtin(Lang::from_tag(lang_tag));
        let (user, warnings) = srx_rules(lang_tag, text, name)?;
        segmenter.warnings = warnings;
        if !user.is_empty() {
            segmenter.rules = Arc::new(user_rules(user, &segmenter.rules, false));
        }
        Ok(segmenter)
    }

    /// Sentence spans of one block of text: byte offsets, trimmed, never empty.
    pub fn split(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        // A piece with no letter or digit (a closing quote set apart, `imposible. "`) is not
        // a sentence: it joins the sentence before it (or after it, at the start).
        let mut pending: Option<usize> = None;
        for cut in self.rules.breaks(text).into_iter().chain([text.len()]) {
            let piece = &text[from..cut];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            let (start, end) = (from + lead, from + lead + trimmed.len());
            from = cut;
            if trimmed.is_empty() {
                continue;
            }
            if !trimmed.chars().any(char::is_alphanumeric) {
                match out.last_mut() {
                    Some(last) => last.1 = end,
                    None => pending = pending.or(Some(start)),
                }
                continue;
            }
            out.push((pending.take().unwrap_or(start), end));
        }
        if let (Some(start), None) = (pending, out.last()) {
            out.push((start, text.trim_end().len()));
        }
        close_detached_quotes(text, &mut out);
        out
    }

    /// Every candidate position of a block and the rule that decided it.
    pub fn explain(&self, text: &str) -> Vec<Decision> {
        self.rules.explain(text)
    }
}

/// A user's SRX rules as a whole rule set, tried at every position where one can match;
/// with `builtin_fallback`, the built-in rules after them.
fn user_rules(user: RuleSet, builtin: &RuleSet, builtin_fallback: bool) -> RuleSet {
    let mut rules = user.at_every_position();
    if builtin_fallback {
        rules.extend(builtin.clone());
    }
    rules
}

/// The rules an SRX document gives for a language tag, compiled, with the warnings about
/// rules and language maps that were skipped.
fn srx_rules(
    lang_tag: &str,
    text: &str,
    name: &str,
) -> std::result::Result<(RuleSet, Vec<String>), (Pos, String)> {
    let doc = srx::parse(text)?;
    let (rules, problems) = doc.rules_for(lang_tag);
    let mut warnings: Vec<String> = problems
        .into_iter()
        .map(|p| format!("{name}: {p}"))
        .collect();
    if rules.is_empty() {
        warnings.push(format!(
            "{name}: no languagemap matches '{lang_tag}'; only the built-in rules apply"
        ));
    }
    let (set, skipped) =
        RuleSet::compile(rules.into_iter().map(|r| (r, format!("{name}:{}", r.line))));
    warnings.extend(skipped);
    Ok((set, warnings))
}

/// No-break rules from a list of abbreviations, one per line (`Ing.` or `Ing`).
fn abbreviation_rules(path: &Path) -> Result<RuleSet> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    let (text, _) = crate::input::decode(&bytes).map_err(|m| Error::bad_input(path, m))?;
    let words = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_end_matches('.'))
        .filter(|w| !w.is_empty());
    let list = engine::Abbreviations::new(words);
    Ok(RuleSet::abbreviations(list, path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, lang: Lang) -> Vec<&str> {
        split(text, lang)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn a_closing_quote_set_apart_stays_with_its_sentence() {
        assert_eq!(
            seg(
                "Otra frase. \" Para Serbia, dijo, no es imposible. \"",
                Lang::Es
            ),
            ["Otra frase.", "\" Para Serbia, dijo, no es imposible. \""]
        );
        assert_eq!(
            seg("« For Serbia, he said, it is not impossible. »", Lang::En),
            ["« For Serbia, he said, it is not impossible. »"]
        );
        // Between two sentences, it closes a quote the first one left open, and otherwise
        // opens the second.
        assert_eq!(
            seg(
                "\" Para Serbia, no es imposible. \" El martes insistió.",
                Lang::Es
            ),
            ["\" Para Serbia, no es imposible. \"", "El martes insistió."]
        );
        assert_eq!(
            seg("El \"libro\" es bueno. \" Otra cita \" dijo.", Lang::Es),
            ["El \"libro\" es bueno.", "\" Otra cita \" dijo."]
        );
        // Punctuation alone is still kept (nothing is lost).
        assert_eq!(seg(" \" ", Lang::Es), ["\""]);
    }

    #[test]
    fn spanish_titles_and_number_abbreviations_do_not_end_sentences() {
        assert_eq!(
            seg(
                "La Dra. Ruiz y el Lic. Gómez firmaron el Comunicado No. 366. Véase el art. 5 y la pág. 12. Fin.",
                Lang::Es
            ),
            [
                "La Dra. Ruiz y el Lic. Gómez firmaron el Comunicado No. 366.",
                "Véase el art. 5 y la pág. 12.",
                "Fin."
            ]
        );
    }

    #[test]
    fn english_titles_and_dotted_abbreviations() {
        assert_eq!(
            seg(
                "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. Capitol. The U.S. The end.",
                Lang::En
            ),
            [
                "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. Capitol.",
                "The U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn military_and_plural_titles_and_case_names() {
        assert_eq!(
            seg(
                "Sens. John Kennedy and Brig. Gen. Ann Ray met Pfc. Lee. They read Grace v. Sessions. Done.",
                Lang::En
            ),
            [
                "Sens. John Kennedy and Brig. Gen. Ann Ray met Pfc. Lee.",
                "They read Grace v. Sessions.",
                "Done."
            ]
        );
        assert_eq!(
            seg("El caso Grace v. Sessions sigue abierto. Fin.", Lang::Es),
            ["El caso Grace v. Sessions sigue abierto.", "Fin."]
        );
    }

    #[test]
    fn numbers_in_both_conventions_and_ordinals_stay_whole() {
        assert_eq!(
            seg(
                "Se invirtieron 1.250,5 millones en el 79.º periodo. Son 3,5 %. It cost 1,250.5 dollars.",
                Lang::Es
            ),
            [
                "Se invirtieron 1.250,5 millones en el 79.º periodo.",
                "Son 3,5 %.",
                "It cost 1,250.5 dollars."
            ]
        );
    }

    #[test]
    fn questions_exclamations_and_quotes() {
        assert_eq!(
            seg(
                "¿Qué pasó? ¡Nada! Dijo: \"Ya basta.\" Luego se fue... Y volvió. «¿Sí?», preguntó él.",
                Lang::Es
            ),
            [
                "¿Qué pasó?",
                "¡Nada!",
                "Dijo: \"Ya basta.\"",
                "Luego se fue...",
                "Y volvió.",
                "«¿Sí?», preguntó él."
            ]
        );
    }

    #[test]
    fn initials_urls_and_emails() {
        assert_eq!(
            seg(
                "Lo firmó J. R. Martínez. Escriba a prensa@sre.gob.mx o visite https://www.gob.mx/sre. Gracias.",
                Lang::Es
            ),
            [
                "Lo firmó J. R. Martínez.",
                "Escriba a prensa@sre.gob.mx o visite https://www.gob.mx/sre.",
                "Gracias."
            ]
        );
    }

    #[test]
    fn spanish_country_abbreviation() {
        assert_eq!(
            seg(
                "Viajó a EE. UU. y a Canadá. En EE. UU. El gobierno respondió.",
                Lang::Es
            ),
            [
                "Viajó a EE. UU. y a Canadá.",
                "En EE. UU.",
                "El gobierno respondió."
            ]
        );
    }

    #[test]
    fn spans_and_gaps_rebuild_the_text() {
        let text = "  Uno. Dos?  Tres!\n Cuatro ";
        let spans = split(text, Lang::Es);
        let mut rebuilt = String::new();
        let mut at = 0;
        for (s, e) in &spans {
            assert!(text[at..*s].trim().is_empty());
            rebuilt.push_str(&text[at..*e]);
            at = *e;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(rebuilt, text);
        assert_eq!(spans.len(), 4);
    }
}
