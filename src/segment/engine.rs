//! The segmentation engine: SRX rules compiled once, applied at candidate positions.
//!
//! One pass over the text finds the candidate break positions: the end of each run of
//! terminal punctuation (with its closing quotes and brackets), and the word boundaries a few
//! characters around punctuation, bullets and list markers. Only there are the ordered rules
//! tried; the first rule whose `beforebreak` matches the text before the position and whose
//! `afterbreak` matches the text after it decides. No rule: no break.

use super::srx::Rule;
use regex::Regex;

/// A rule compiled for matching at a position.
#[derive(Debug, Clone)]
struct Compiled {
    is_break: bool,
    /// `(?:before)\z`, matched against the text just before the position.
    before: Option<Regex>,
    /// `\A(?:after)`, matched against the text just after the position.
    after: Option<Regex>,
    /// Where the rule comes from, for `--explain` ("built-in es.srx:12", "my.srx:40").
    origin: String,
}

/// Rules compiled for one language.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Compiled>,
}

/// How much text around a position the rules see. Rules look at a word or a few; longer
/// windows would only cost time.
const BEFORE_WINDOW: usize = 96;
const AFTER_WINDOW: usize = 64;

/// What decided at one candidate position, for `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Byte offset of the position.
    pub at: usize,
    pub is_break: bool,
    /// The deciding rule's origin, or `None` when no rule matched (no break).
    pub rule: Option<String>,
}

impl RuleSet {
    /// Compiles rules in order. A rule whose pattern the engine cannot run (lookbehind,
    /// lookahead, backreferences ...) is skipped; the returned messages say which and why.
    pub fn compile<'a>(
        rules: impl IntoIterator<Item = (&'a Rule, String)>,
    ) -> (RuleSet, Vec<String>) {
        let mut set = RuleSet::default();
        let mut skipped = Vec::new();
        for (rule, origin) in rules {
            let compile =
                |pattern: &str, wrap: fn(&str) -> String| -> Result<Option<Regex>, String> {
                    if pattern.is_empty() {
                        return Ok(None);
                    }
                    let translated = translate(pattern)?;
                    Regex::new(&wrap(&translated)).map(Some).map_err(|e| {
                        let first = e.to_string();
                        first.lines().last().unwrap_or(&first).trim().to_string()
                    })
                };
            let before = compile(&rule.before, |p| format!("(?:{p})\\z"));
            let after = compile(&rule.after, |p| format!("\\A(?:{p})"));
            match (before, after) {
                (Ok(before), Ok(after)) => set.rules.push(Compiled {
                    is_break: rule.is_break,
                    before,
                    after,
                    origin,
                }),
                (Err(e), _) | (_, Err(e)) => skipped.push(format!("{origin}: rule skipped: {e}")),
            }
        }
        (set, skipped)
    }

    /// Number of rules in use.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Appends the rules of another set (they apply after this set's).
    pub fn extend(&mut self, other: RuleSet) {
        self.rules.extend(other.rules);
    }

    /// Puts the rules of another set before this set's (they take precedence).
    pub fn prepend(&mut self, other: RuleSet) {
        let mut rules = other.rules;
        rules.append(&mut self.rules);
        self.rules = rules;
    }

    /// The first rule that matches at `at`: its index.
    fn decide(&self, text: &str, at: usize) -> Option<usize> {
        let before = &text[window_start(text, at)..at];
        let after = &text[at..window_end(text, at)];
        self.rules.iter().position(|r| {
            r.after.as_ref().is_none_or(|re| re.is_match(after))
                && r.before.as_ref().is_none_or(|re| re.is_match(before))
        })
    }

    /// The break positions of a text (byte offsets strictly inside it), in order.
    pub fn breaks(&self, text: &str) -> Vec<usize> {
        candidates(text)
            .into_iter()
            .filter(|&at| {
                self.decide(text, at)
                    .is_some_and(|k| self.rules[k].is_break)
            })
            .collect()
    }

    /// Every candidate position with the rule that decided it.
    pub fn explain(&self, text: &str) -> Vec<Decision> {
        candidates(text)
            .into_iter()
            .map(|at| {
                let k = self.decide(text, at);
                Decision {
                    at,
                    is_break: k.is_some_and(|k| self.rules[k].is_break),
                    rule: k.map(|k| self.rules[k].origin.clone()),
                }
            })
            .collect()
    }
}

/// Rewrites the few ICU/Java regex spellings that differ in Rust's regex syntax, and refuses
/// the features Rust's regex does not have (it guarantees linear-time matching).
fn translate(pattern: &str) -> Result<String, String> {
    for (feature, name) in [
        ("(?<=", "lookbehind"),
        ("(?<!", "negative lookbehind"),
        ("(?=", "lookahead"),
        ("(?!", "negative lookahead"),
        ("(?>", "atomic group"),
    ] {
        if pattern.contains(feature) {
            return Err(format!(
                "uses {name} '{feature}', which alinea's regex engine cannot run"
            ));
        }
    }
    let bytes = pattern.as_bytes();
    for (i, w) in bytes.windows(2).enumerate() {
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        if w[0] == b'\\' && w[1].is_ascii_digit() && w[1] != b'0' && !escaped {
            return Err("uses a backreference, which alinea's regex engine cannot run".into());
        }
        if matches!(w[0], b'*' | b'+' | b'?' | b'}') && w[1] == b'+' && !escaped {
            return Err(
                "uses a possessive quantifier, which alinea's regex engine cannot run".into(),
            );
        }
    }
    // Java's \p{javaLowerCase} and friends, and POSIX-style names ICU accepts.
    Ok(pattern
        .replace(r"\p{javaLowerCase}", r"\p{Ll}")
        .replace(r"\p{javaUpperCase}", r"\p{Lu}")
        .replace(r"\p{Lower}", r"\p{Ll}")
        .replace(r"\p{Upper}", r"\p{Lu}")
        .replace(r"\p{Punct}", r"\p{P}")
        .replace(r"\p{Alpha}", r"\p{L}")
        .replace(r"\p{Alnum}", r"[\p{L}\p{N}]")
        .replace(r"\p{Digit}", r"\d")
        .replace(r"\p{Space}", r"\s"))
}

/// The start of the text the `beforebreak` patterns see: up to [`BEFORE_WINDOW`] bytes back,
/// moved forward to a word boundary so that no word is cut in half.
fn window_start(text: &str, at: usize) -> usize {
    if at <= BEFORE_WINDOW {
        return 0;
    }
    let mut start = at - BEFORE_WINDOW;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    match text[start..at].find(char::is_whitespace) {
        Some(ws) => start + ws,
        None => start,
    }
}

fn window_end(text: &str, at: usize) -> usize {
    let mut end = (at + AFTER_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// Characters near which a break may be: terminal punctuation, closing brackets, bullets.
fn is_trigger(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '…' | ')' | '•' | '⁃' | '。' | '？' | '！'
    )
}

const TERMINALS: [char; 7] = ['.', '?', '!', '…', '。', '？', '！'];
const CLOSERS: [char; 8] = ['"', '\'', '”', '’', '»', ')', ']', '›'];

/// How far from a trigger character a word boundary is still a candidate (list markers such as
/// `• 10.` put the break a few characters before the period).
const NEAR: usize = 8;

/// The candidate positions of a text, sorted, without duplicates.
fn candidates(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last_trigger_end = 0usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_trigger(c) {
            continue;
        }
        if TERMINALS.contains(&c) {
            // The end of the punctuation run and its closers.
            let mut e = k + 1;
            while e < chars.len() && TERMINALS.contains(&chars[e].1) {
                e += 1;
            }
            while e < chars.len() && CLOSERS.contains(&chars[e].1) {
                e += 1;
            }
            let end = chars.get(e).map_or(text.len(), |&(p, _)| p);
            if end < text.len() {
                out.push(end);
            }
        }
        // Word boundaries near the trigger.
        let lo = i.saturating_sub(NEAR).max(last_trigger_end.min(i));
        let hi = (i + c.len_utf8() + NEAR).min(text.len());
        let mut k0 = k;
        while k0 > 0 && chars[k0 - 1].0 >= lo {
            k0 -= 1;
        }
        let mut k1 = k;
        while k1 + 1 < chars.len() && chars[k1 + 1].0 < hi {
            k1 += 1;
        }
        for w in k0.max(1)..=k1 {
            let (p, here) = chars[w];
            let prev = chars[w - 1].1;
            if prev.is_whitespace() != here.is_whitespace() {
                out.push(p);
            }
        }
        last_trigger_end = i + c.len_utf8();
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|&p| p > 0 && p < text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(is_break: bool, before: &str, after: &str) -> Rule {
        Rule {
            is_break,
            before: before.into(),
            after: after.into(),
            line: 1,
        }
    }

    fn compile(rules: &[Rule]) -> RuleSet {
        let (set, skipped) = RuleSet::compile(rules.iter().map(|r| (r, "test".to_string())));
        assert!(skipped.is_empty(), "{skipped:?}");
        set
    }

    #[test]
    fn the_first_matching_rule_decides() {
        let set = compile(&[rule(false, r"\bMr\.", r"\s"), rule(true, r"[.?!]+", r"\s")]);
        let text = "Mr. Smith came. He left.";
        assert_eq!(set.breaks(text), vec![15]);
    }

    #[test]
    fn unsupported_features_are_skipped_with_the_reason() {
        let rules = [rule(false, r"(?<=Mr)\.", r"\s"), rule(true, r"\.", r"\s")];
        let (set, skipped) = RuleSet::compile(rules.iter().map(|r| (r, "my.srx:7".to_string())));
        assert_eq!(set.len(), 1);
        assert_eq!(skipped.len(), 1);
        assert!(
            skipped[0].starts_with("my.srx:7: rule skipped: uses lookbehind"),
            "{skipped:?}"
        );
        let (_, skipped) = RuleSet::compile([(&rule(true, r"(a)\1", ""), "x".to_string())]);
        assert!(skipped[0].contains("backreference"));
        let (_, skipped) = RuleSet::compile([(&rule(true, r"[", ""), "x".to_string())]);
        assert_eq!(skipped.len(), 1);
    }

    #[test]
    fn candidates_are_only_near_punctuation() {
        let text = "one two three. four five six";
        let c = candidates(text);
        assert!(c.contains(&14), "after the period");
        assert!(c.contains(&15), "after the space");
        assert!(!c.contains(&4), "far from any punctuation");
    }

    #[test]
    fn windows_never_cut_a_word() {
        let text = format!("{} abbreviation. Next", "x".repeat(100));
        let at = text.find(". ").unwrap() + 1;
        let start = window_start(&text, at);
        assert_eq!(&text[start..at], " abbreviation.");
    }
}
