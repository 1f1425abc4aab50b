//! The segmentation engine: SRX rules compiled once, applied at candidate positions.
//!
//! For the built-in rules, one pass over the text finds the candidate break positions: the
//! end of each run of terminal punctuation (with its closing quotes and brackets), and the
//! word boundaries a few characters around punctuation, bullets and list markers. A user's
//! SRX rules are tried as SRX says, at every position where one of them can match: after a
//! character some rule's `beforebreak` can end with (`:`, `;`, a letter ...), indexed by
//! those characters so that most positions cost one lookup. At a candidate the ordered rules
//! are tried; the first rule whose `beforebreak` matches the text before the position and
//! whose `afterbreak` matches the text after it decides. No rule: no break.

use super::srx::Rule;
use regex::Regex;

/// Sorted, non-overlapping ranges of characters.
type CharRanges = Vec<(char, char)>;

/// A regex compiled when first used: a rule set of thousands of rules (abbreviation lists
/// exported by CAT tools) is tried mostly through the joined patterns of its runs, so most of
/// the single rules' regexes are never needed.
#[derive(Debug, Clone)]
struct LazyRegex {
    pattern: String,
    regex: std::sync::OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            regex: std::sync::OnceLock::new(),
        }
    }

    /// Compiled now; `None` when the engine cannot compile it (too large).
    fn eager(pattern: String) -> Option<LazyRegex> {
        let regex = Regex::new(&pattern).ok()?;
        let lazy = LazyRegex::new(pattern);
        let _ = lazy.regex.set(Some(regex));
        Some(lazy)
    }

    fn is_match(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }
}

/// A rule compiled for matching at a position.
#[derive(Debug, Clone)]
struct Compiled {
    is_break: bool,
    /// `(?:before)\z`, matched against the text just before the position.
    before: Option<LazyRegex>,
    /// How many bytes before the position `before` can need (its longest match, plus one
    /// character of context for `\b`); `None`: the whole window.
    before_reach: Option<usize>,
    /// The characters `before` can end with and `after` can start with (`None`: any), so
    /// that most rules are ruled out at a position without running a regex.
    before_last: Option<Vec<(char, char)>>,
    after_first: Option<Vec<(char, char)>>,
    /// `after` is one character of `after_first`: checking that character is the whole test.
    after_is_one_char: bool,
    /// `\A(?:after)`, matched against the text just after the position.
    after: Option<LazyRegex>,
    /// Where the rule comes from, for `--explain` ("built-in es.srx:12", "my.srx:40").
    origin: String,
    /// The patterns as compiled (translated to Rust syntax), for merging.
    before_src: String,
    after_src: String,
    /// A list of abbreviations (`Ing`, `EE. UU`) held as a set: the rule matches where the
    /// text before the position ends with one of them and its full stop, starting at a word
    /// boundary. A user's list of a hundred thousand entries costs a hash set, not regexes.
    abbreviations: Option<std::sync::Arc<Abbreviations>>,
}

/// The words of an abbreviation list, and the longest (in characters).
#[derive(Debug, Default)]
pub struct Abbreviations {
    words: std::collections::HashSet<String>,
    longest: usize,
}

impl Abbreviations {
    /// The set of `words` (each without its final full stop).
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Abbreviations {
        let words: std::collections::HashSet<String> =
            words.into_iter().map(String::from).collect();
        let longest = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        Abbreviations { words, longest }
    }

    /// Whether `before` (the text before a position) ends with an abbreviation and its
    /// full stop, the abbreviation starting at a word boundary when it starts with a letter
    /// or digit.
    fn ends(&self, before: &str) -> bool {
        let Some(body) = before.strip_suffix('.') else {
            return false;
        };
        for (i, c) in body.char_indices().rev().take(self.longest) {
            let word = &body[i..];
            if self.words.contains(word) {
                let prev = body[..i].chars().next_back();
                let word_char = |c: char| c.is_alphanumeric() || c == '_';
                if !word_char(c) || !prev.is_some_and(word_char) {
                    return true;
                }
            }
        }
        false
    }
}

/// Consecutive rules with the same decision and the same `afterbreak` decide alike, so they
/// are tried as one: their `beforebreak` patterns joined in one regex. (SRX files exported by
/// CAT tools hold long runs of such no-break rules, one per abbreviation.)
#[derive(Debug, Clone)]
struct Merged {
    /// The rules this stands for: `rules[first..first + count]`.
    first: usize,
    count: usize,
    rule: Compiled,
}

/// Rules compiled for one language.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    rules: Vec<Compiled>,
    merged: Vec<Merged>,
    /// Try the rules at every position where one can match (a user's SRX rules), not only
    /// at the built-in candidates.
    every_position: bool,
    /// The characters next to which some rule can match (the last of a `beforebreak`, or the
    /// first of an `afterbreak` when `beforebreak` is empty), worked out when the rules
    /// change; `None`: any character.
    ends: Option<CharRanges>,
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
    /// One no-break rule for a list of abbreviations: no break after an abbreviation and its
    /// full stop when white space follows. `origin` names the list.
    pub fn abbreviations(list: Abbreviations, origin: String) -> RuleSet {
        let after = regex_syntax::parse(r"\s").expect("a valid pattern");
        let mut set = RuleSet::default();
        set.rules.push(Compiled {
            is_break: false,
            before: None,
            before_reach: None,
            before_last: Some(vec![('.', '.')]),
            after_first: edges(&after, true),
            after_is_one_char: true,
            after: Some(LazyRegex::new(r"\A(?:\s)".to_string())),
            origin,
            before_src: String::new(),
            after_src: r"\s".to_string(),
            abbreviations: Some(std::sync::Arc::new(list)),
        });
        set.merge_runs();
        set
    }

    /// Compiles rules in order. A rule whose pattern the engine cannot run (lookbehind,
    /// lookahead, backreferences ...) is skipped; the returned messages say which and why.
    pub fn compile<'a>(
        rules: impl IntoIterator<Item = (&'a Rule, String)>,
    ) -> (RuleSet, Vec<String>) {
        let mut set = RuleSet::default();
        let mut skipped = Vec::new();
        for (rule, origin) in rules {
            // Each pattern is translated and parsed once (which also checks it); its regex is
            // compiled when first needed.
            let analyse =
                |pattern: &str| -> Result<Option<(String, regex_syntax::hir::Hir)>, String> {
                    if pattern.is_empty() {
                        return Ok(None);
                    }
                    let translated = translate(pattern)?;
                    let hir = regex_syntax::parse(&translated).map_err(|e| {
                        let first = e.to_string();
                        first.lines().last().unwrap_or(&first).trim().to_string()
                    })?;
                    Ok(Some((translated, hir)))
                };
            match (analyse(&rule.before), analyse(&rule.after)) {
                (Ok(before), Ok(after)) => set.rules.push(Compiled {
                    is_break: rule.is_break,
                    before_reach: before.as_ref().and_then(|(_, hir)| reach_of(hir)),
                    before_last: before.as_ref().and_then(|(_, hir)| edges(hir, false)),
                    after_first: after.as_ref().and_then(|(_, hir)| edges(hir, true)),
                    after_is_one_char: after.as_ref().is_some_and(|(_, hir)| one_char(hir)),
                    before: before
                        .as_ref()
                        .map(|(p, _)| LazyRegex::new(format!("(?:{p})\\z"))),
                    after: after
                        .as_ref()
                        .map(|(p, _)| LazyRegex::new(format!("\\A(?:{p})"))),
                    origin,
                    before_src: before.map(|(p, _)| p).unwrap_or_default(),
                    after_src: after.map(|(p, _)| p).unwrap_or_default(),
                    abbreviations: None,
                }),
                (Err(e), _) | (_, Err(e)) => skipped.push(format!("{origin}: rule skipped: {e}")),
            }
        }
        set.merge_runs();
        (set, skipped)
    }

    /// Joins the runs of rules that decide alike, and works out the characters next to which
    /// some rule can match.
    fn merge_runs(&mut self) {
        self.join_runs();
        let mut ends: Option<CharRanges> = Some(Vec::new());
        for m in &self.merged {
            let r = &m.rule;
            let edge = if r.before.is_some() {
                &r.before_last
            } else {
                &r.after_first
            };
            match (edge, ends.as_mut()) {
                (Some(ranges), Some(all)) => all.extend(ranges.iter().copied()),
                (None, _) => ends = None,
                _ => {}
            }
        }
        self.ends = ends.map(merge_ranges);
    }

    /// Joins each run of consecutive rules with the same decision and `afterbreak`.
    fn join_runs(&mut self) {
        self.merged.clear();
        let mut i = 0;
        while i < self.rules.len() {
            let head = &self.rules[i];
            let mut j = i + 1;
            // Only rules that look back a bounded distance join: one that needs the whole
            // window would make the others read it too.
            while j < self.rules.len()
                && self.rules[j].is_break == head.is_break
                && self.rules[j].after_src == head.after_src
                && head.before_reach.is_some()
                && self.rules[j].before_reach.is_some()
            {
                j += 1;
            }
            let rule = if j - i == 1 {
                head.clone()
            } else {
                let members = &self.rules[i..j];
                let joined = members
                    .iter()
                    .map(|r| format!("(?:{})", r.before_src))
                    .collect::<Vec<_>>()
                    .join("|");
                let union = |f: fn(&Compiled) -> &Option<CharRanges>| -> Option<CharRanges> {
                    let mut all = Vec::new();
                    for r in members {
                        all.extend(f(r).clone()?);
                    }
                    Some(merge_ranges(all))
                };
                Compiled {
                    is_break: head.is_break,
                    before: LazyRegex::eager(format!("(?:{joined})\\z")),
                    before_reach: members
                        .iter()
                        .map(|r| r.before_reach)
                        .try_fold(0, |acc, r| r.map(|r| acc.max(r))),
                    before_last: union(|r| &r.before_last),
                    after_first: head.after_first.clone(),
                    after_is_one_char: head.after_is_one_char,
                    after: head.after.clone(),
                    origin: head.origin.clone(),
                    before_src: joined,
                    after_src: head.after_src.clone(),
                    abbreviations: None,
                }
            };
            if rule.before.is_none() && !rule.before_src.is_empty() {
                // The joined pattern is too big for the regex engine: keep the rules apart.
                for k in i..j {
                    self.merged.push(Merged {
                        first: k,
                        count: 1,
                        rule: self.rules[k].clone(),
                    });
                }
            } else {
                self.merged.push(Merged {
                    first: i,
                    count: j - i,
                    rule,
                });
            }
            i = j;
        }
    }

    /// Number of rules in use (before merging runs).
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Appends the rules of another set (they apply after this set's).
    pub fn extend(&mut self, other: RuleSet) {
        self.rules.extend(other.rules);
        self.every_position |= other.every_position;
        self.merge_runs();
    }

    /// Tries the rules at every position where one of them can match, as SRX specifies,
    /// rather than only after terminal punctuation (a user's rules may break after `:`).
    pub fn at_every_position(mut self) -> RuleSet {
        self.every_position = true;
        self
    }

    /// The candidate positions of `text` for these rules.
    fn positions(&self, text: &str) -> Vec<usize> {
        if !self.every_position {
            return candidates(text);
        }
        let admits = |c: char| match &self.ends {
            None => true,
            Some(ranges) => {
                let k = ranges.partition_point(|&(lo, _)| lo <= c);
                k > 0 && c <= ranges[k - 1].1
            }
        };
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (at, c) in text.char_indices() {
            if at > 0 && (prev.is_some_and(admits) || admits(c)) {
                out.push(at);
            }
            prev = Some(c);
        }
        out
    }

    /// Puts the rules of another set before this set's (they take precedence).
    pub fn prepend(&mut self, other: RuleSet) {
        let mut rules = other.rules;
        rules.append(&mut self.rules);
        self.rules = rules;
        self.merge_runs();
    }

    /// The first rule that matches at `at`: its index in `rules`.
    fn decide(&self, text: &str, at: usize) -> Option<usize> {
        let after = &text[at..window_end(text, at)];
        let pos = Position {
            text,
            at,
            after,
            prev: text[..at].chars().next_back(),
            next: after.chars().next(),
            start: std::cell::OnceCell::new(),
        };
        let k = self.merged.iter().position(|m| pos.matches(&m.rule))?;
        let m = &self.merged[k];
        if m.count == 1 {
            return Some(m.first);
        }
        // Which rule of the run: only needed to name it.
        (m.first..m.first + m.count)
            .find(|&r| pos.matches(&self.rules[r]))
            .or(Some(m.first))
    }

    /// The break positions of a text (byte offsets strictly inside it), in order.
    pub fn breaks(&self, text: &str) -> Vec<usize> {
        self.positions(text)
            .into_iter()
            .filter(|&at| {
                self.decide(text, at)
                    .is_some_and(|k| self.rules[k].is_break)
            })
            .collect()
    }

    /// Every candidate position with the rule that decided it.
    pub fn explain(&self, text: &str) -> Vec<Decision> {
        self.positions(text)
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

/// How far back a parsed `beforebreak` pattern can look: its longest match in bytes plus
/// one character (4 bytes) of context, when it is bounded and never asserts the start of the
/// text.
fn reach_of(hir: &regex_syntax::hir::Hir) -> Option<usize> {
    let props = hir.properties();
    if props.look_set().contains(regex_syntax::hir::Look::Start)
        || props.look_set().contains(regex_syntax::hir::Look::StartLF)
        || props
            .look_set()
            .contains(regex_syntax::hir::Look::StartCRLF)
    {
        return None;
    }
    props.maximum_len().map(|n| n + 4)
}

/// The characters a parsed pattern's matches can start with (`first`) or end with, as
/// ranges; `None` when the pattern can match the empty string or the set cannot be worked
/// out.
fn edges(hir: &regex_syntax::hir::Hir, first: bool) -> Option<Vec<(char, char)>> {
    Some(merge_ranges(edge_chars(hir, first)?))
}

fn edge_chars(hir: &regex_syntax::hir::Hir, first: bool) -> Option<Vec<(char, char)>> {
    use regex_syntax::hir::{Class, HirKind};
    if hir.properties().minimum_len() == Some(0) {
        return None;
    }
    match hir.kind() {
        HirKind::Literal(lit) => {
            let text = std::str::from_utf8(&lit.0).ok()?;
            let c = if first {
                text.chars().next()?
            } else {
                text.chars().next_back()?
            };
            Some(vec![(c, c)])
        }
        HirKind::Class(Class::Unicode(class)) => Some(
            class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
        ),
        HirKind::Repetition(rep) => edge_chars(&rep.sub, first),
        HirKind::Capture(cap) => edge_chars(&cap.sub, first),
        HirKind::Concat(items) => {
            let mut iter: Box<dyn Iterator<Item = &regex_syntax::hir::Hir>> = if first {
                Box::new(items.iter())
            } else {
                Box::new(items.iter().rev())
            };
            // Zero-width assertions (\b, ^) do not consume the edge character.
            let item = iter.find(|h| !matches!(h.kind(), HirKind::Look(_)))?;
            edge_chars(item, first)
        }
        HirKind::Alternation(alts) => {
            let mut all = Vec::new();
            for alt in alts {
                all.extend(edge_chars(alt, first)?);
            }
            Some(all)
        }
        _ => None,
    }
}

/// The largest char boundary at or before `i`.
fn char_floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A candidate position and what the rules look at there.
struct Position<'t> {
    text: &'t str,
    at: usize,
    /// The text after the position, up to [`AFTER_WINDOW`] bytes.
    after: &'t str,
    prev: Option<char>,
    next: Option<char>,
    /// The start of the whole before-window, worked out only for a rule that needs it.
    start: std::cell::OnceCell<usize>,
}

impl Position<'_> {
    /// Whether a rule matches here.
    fn matches(&self, r: &Compiled) -> bool {
        let admits = |set: &Option<CharRanges>, c: Option<char>| match (set, c) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(ranges), Some(c)) => {
                // Sorted, non-overlapping ranges: the last range starting at or before c.
                let k = ranges.partition_point(|&(lo, _)| lo <= c);
                k > 0 && c <= ranges[k - 1].1
            }
        };
        admits(&r.after_first, self.next)
            && admits(&r.before_last, self.prev)
            && (r.after_is_one_char || r.after.as_ref().is_none_or(|re| re.is_match(self.after)))
            && r.abbreviations.as_ref().is_none_or(|list| {
                let from = char_floor(self.text, self.at.saturating_sub(4 * list.longest + 8));
                list.ends(&self.text[from..self.at])
            })
            && r.before.as_ref().is_none_or(|re| {
                let from = match r.before_reach {
                    // A bounded pattern (its reach includes a character of context for \b).
                    Some(reach) => char_floor(self.text, self.at.saturating_sub(reach)),
                    None => *self.start.get_or_init(|| window_start(self.text, self.at)),
                };
                re.is_match(&self.text[from..self.at])
            })
    }
}

/// Whether a parsed pattern matches exactly one character of a class (`\s`, `[.?!]`).
fn one_char(hir: &regex_syntax::hir::Hir) -> bool {
    matches!(
        hir.kind(),
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(_))
    )
}

/// Sorts ranges and merges the ones that overlap.
fn merge_ranges(mut ranges: Vec<(char, char)>) -> Vec<(char, char)> {
    ranges.sort_unstable();
    let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    merged
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
        // `}+` is possessive after a counted repetition (`a{2}+`), not after an escape with
        // braces (`\p{Ll}+`, `\x{41}+`).
        let closes_escape = w[0] == b'}'
            && pattern[..i].rfind('{').is_some_and(|open| {
                let head = &pattern[..open];
                ["\\p", "\\P", "\\x", "\\N"]
                    .iter()
                    .any(|e| head.ends_with(e))
            });
        if matches!(w[0], b'*' | b'+' | b'?' | b'}') && w[1] == b'+' && !escaped && !closes_escape {
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

const TERMINALS: [char; 7] = ['.', '?', '!', '…', '。', '？', '！'];
const CLOSERS: [char; 8] = ['"', '\'', '”', '’', '»', ')', ']', '›'];
const BULLETS: [char; 2] = ['•', '⁃'];

/// The bytes a trigger character starts with: `. ? ! )` and the UTF-8 lead bytes of `…`,
/// `•`, `⁃` (0xE2) and of the CJK full stops (0xE3, 0xEF).
const TRIGGER_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    let bytes = [b'.', b'?', b'!', b')', 0xE2, 0xE3, 0xEF];
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
};

/// The candidate positions of a text, sorted, without duplicates: after each run of terminal
/// punctuation and its closers (and after the whitespace that follows it), and before list
/// markers (`2.`, `b)`, `3.)`) and bullets that follow a space.
fn candidates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Every trigger is ASCII (. ? ! )) or starts with one of three UTF-8 lead bytes.
        let Some(off) = bytes[i..].iter().position(|&b| TRIGGER_BYTES[b as usize]) else {
            break;
        };
        i += off;
        let c = text[i..].chars().next().expect("i is a char boundary");
        if TERMINALS.contains(&c) {
            let mut end = i + c.len_utf8();
            for d in text[end..].chars() {
                if TERMINALS.contains(&d) || CLOSERS.contains(&d) {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            out.push(end);
            let next = end + (text.len() - end - text[end..].trim_start().len());
            if next > end {
                out.push(next);
            }
            if c == '.' {
                marker_start(text, i, &mut out);
            }
            i = end;
            continue;
        } else if c == ')' {
            marker_start(text, i, &mut out);
        } else if BULLETS.contains(&c) && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            push_space_run(text, i, &mut out);
        }
        i += c.len_utf8();
    }
    out.sort_unstable();
    out.dedup();
    out.retain(|&p| p > 0 && p < text.len());
    out
}

/// How many bytes before its punctuation a list marker can start: 4 characters of up to 4
/// bytes, and the whitespace character before them.
const MARKER_LOOKBACK: usize = 20;

/// For the punctuation of a possible list marker at `punct` (`2.`, `b)`, `(3)`, `•4.`), the
/// positions before the marker and before the whitespace that precedes it.
fn marker_start(text: &str, punct: usize, out: &mut Vec<usize>) {
    // A marker has at most 4 characters: look no further back than that (a long line
    // without spaces would otherwise be scanned back to its start at every period).
    let window = char_floor(text, punct.saturating_sub(MARKER_LOOKBACK));
    let token_start = match text[window..punct].rfind(|c: char| c.is_whitespace()) {
        Some(p) => window + p + text[window + p..].chars().next().map_or(1, char::len_utf8),
        None if window == 0 => 0,
        None => return, // longer than any marker
    };
    let token = &text[token_start..punct];
    let is_marker = !token.is_empty()
        && token.chars().count() <= 4
        && token
            .trim_start_matches(['(', '•', '⁃'])
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
    if is_marker && token_start > 0 {
        push_space_run(text, token_start, out);
    }
}

/// The position `at` and the start of the whitespace run just before it.
fn push_space_run(text: &str, at: usize, out: &mut Vec<usize>) {
    out.push(at);
    let before = text[..at].trim_end();
    out.push(before.len());
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
    fn candidates_are_after_punctuation_and_before_list_markers() {
        let text = "one two three. four 2. five • six";
        let c = candidates(text);
        assert!(c.contains(&14), "after the period");
        assert!(c.contains(&15), "after the space");
        assert!(c.contains(&19) && c.contains(&20), "before the marker 2.");
        assert!(c.contains(&28), "before the bullet");
        assert!(!c.contains(&4), "far from any punctuation");
    }

    fn parsed(pattern: &str) -> Option<regex_syntax::hir::Hir> {
        (!pattern.is_empty()).then(|| regex_syntax::parse(&translate(pattern).unwrap()).unwrap())
    }

    fn edge_chars_of(pattern: &str, first: bool) -> Option<Vec<(char, char)>> {
        edges(&parsed(pattern)?, first)
    }

    fn reach(pattern: &str) -> Option<usize> {
        reach_of(&parsed(pattern)?)
    }

    #[test]
    fn an_abbreviation_list_is_a_set_matched_at_word_boundaries() {
        let list = Abbreviations::new(["Cmte", "EE. UU", "núm", "(ed"]);
        assert!(list.ends("Llegó el Cmte."));
        assert!(list.ends("Cmte."));
        assert!(!list.ends("Llegó el XCmte."), "a word boundary before it");
        assert!(list.ends("viajó a EE. UU."));
        assert!(list.ends("el núm."));
        assert!(
            list.ends("texto(ed."),
            "no boundary needed before a non-letter"
        );
        assert!(!list.ends("Llegó el Cmte"), "the full stop is needed");
        let set = RuleSet::abbreviations(list, "mine.txt".into());
        let text = "Llegó el Cmte. Ruiz.";
        let at = text.find(". ").unwrap() + 1;
        assert_eq!(set.decide(text, at), Some(0));
        assert!(!set.rules[0].is_break);
    }

    #[test]
    fn edge_characters_rule_out_rules_cheaply() {
        assert_eq!(
            edge_chars_of(r"\s+\p{Lu}", true),
            edge_chars_of(r"\s", true)
        );
        assert_eq!(edge_chars_of(r"\bMr\.", false), Some(vec![('.', '.')]));
        assert_eq!(edge_chars_of(r"(?:a|b)c", true), Some(vec![('a', 'b')]));
        assert_eq!(edge_chars_of(r"x?y", true), None);
        assert_eq!(edge_chars_of(r"", true), None);
    }

    #[test]
    fn bounded_patterns_look_back_only_as_far_as_they_can_match() {
        assert_eq!(reach(r"\bMr\."), Some(3 + 4));
        assert_eq!(reach(r"[.?!]+"), None);
        assert_eq!(reach(r"^\d\."), None);
    }

    #[test]
    fn windows_never_cut_a_word() {
        let text = format!("{} abbreviation. Next", "x".repeat(100));
        let at = text.find(". ").unwrap() + 1;
        let start = window_start(&text, at);
        assert_eq!(&text[start..at], " abbreviation.");
    }
}
