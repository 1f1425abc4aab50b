//! SRX 2.0 files (the LISA Segmentation Rules eXchange standard that Trados, memoQ, OmegaT,
//! Okapi and Phrase read and write): parsed into plain data, with the line of every rule.
//!
//! Only what segmentation needs is read: `header/@cascade`, `languagerule` with its
//! `rule/@break`, `beforebreak` and `afterbreak`, and `maprules/languagemap`. Entity
//! declarations in a DOCTYPE are never resolved or expanded.

use crate::error::Pos;
use quick_xml::events::Event;
use quick_xml::Reader;

/// One rule: a break (or no-break) position between text matching `before` and text matching
/// `after` (either may be empty: matches anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub is_break: bool,
    pub before: String,
    pub after: String,
    /// 1-based line of the `<rule>` element in its file.
    pub line: usize,
}

/// A named, ordered list of rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageRule {
    pub name: String,
    pub rules: Vec<Rule>,
}

/// Which language rules apply to which languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageMap {
    /// A regular expression over language codes (`es.*`, `EN.*`, `.*`).
    pub pattern: String,
    pub rule_name: String,
    pub line: usize,
}

/// A parsed SRX document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srx {
    /// With cascade, every language map that matches contributes its rules, in order;
    /// without, only the first.
    pub cascade: bool,
    pub language_rules: Vec<LanguageRule>,
    pub maps: Vec<LanguageMap>,
}

impl Srx {
    /// The rules that apply to a language code, in order (see [`Srx::cascade`]). Returns the
    /// rules and the language maps whose pattern is not a valid regular expression.
    pub fn rules_for(&self, lang: &str) -> (Vec<&Rule>, Vec<String>) {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        for map in &self.maps {
            let pattern = format!("^(?:{})$", map.pattern);
            let matches = match regex::RegexBuilder::new(&pattern)
                .case_insensitive(true)
                .build()
            {
                Ok(re) => re.is_match(lang),
                Err(_) => {
                    problems.push(format!(
                        "line {}: languagepattern '{}' is not a regular expression alinea can run; map skipped",
                        map.line, map.pattern
                    ));
                    false
                }
            };
            if !matches {
                continue;
            }
            if let Some(rules) = self.language_rules.iter().find(|r| r.name == map.rule_name) {
                out.extend(rules.rules.iter());
            }
            if !self.cascade {
                break;
            }
        }
        (out, problems)
    }
}

/// Parses an SRX document; errors say what is wrong and where (line and column).
pub fn parse(text: &str) -> Result<Srx, (Pos, String)> {
    // Where each line starts, so that a place costs a binary search (files exported by CAT
    // tools hold thousands of rules, each one placed).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let place = |pos: u64| {
        let pos = (pos as usize).min(text.len());
        let line = line_starts.partition_point(|&start| start <= pos);
        let line_start = line_starts[line - 1];
        Pos {
            line: line as u32,
            col: 1 + String::from_utf8_lossy(&text.as_bytes()[line_start..pos])
                .chars()
                .count() as u32,
        }
    };
    let line_of = |pos: u64| place(pos).line as usize;
    let mut reader = Reader::from_str(text);
    let mut srx = Srx {
        cascade: false,
        language_rules: Vec::new(),
        maps: Vec::new(),
    };
    let mut seen_root = false;
    // The element whose text is being read: beforebreak or afterbreak.
    let mut reading: Option<&'static str> = None;
    let mut rule: Option<Rule> = None;
    loop {
        let pos = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            (
                place(reader.error_position()),
                format!("not well-formed XML: {e}"),
            )
        })?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = e.local_name();
                let attr = |key: &str| -> Result<Option<String>, (Pos, String)> {
                    for a in e.attributes() {
                        let a = a.map_err(|err| (place(pos), format!("bad attribute: {err}")))?;
                        if AsRef::<str>::as_ref(&a.key.local_name()) == key {
                            let v = a
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|err| {
                                    (place(pos), format!("bad attribute value: {err}"))
                                })?;
                            return Ok(Some(v.into_owned()));
                        }
                    }
                    Ok(None)
                };
                match AsRef::<str>::as_ref(&name) {
                    "srx" => seen_root = true,
                    "header" => {
                        srx.cascade =
                            attr("cascade")?.is_some_and(|v| v.eq_ignore_ascii_case("yes"));
                    }
                    "languagerule" => {
                        let name = attr("languagerulename")?.ok_or_else(|| {
                            (
                                place(pos),
                                "languagerule without languagerulename".to_string(),
                            )
                        })?;
                        srx.language_rules.push(LanguageRule {
                            name,
                            rules: Vec::new(),
                        });
                    }
                    "rule" => {
                        let is_break = match attr("break")?.as_deref() {
                            None | Some("yes") => true,
                            Some("no") => false,
                            Some(other) => {
                                return Err((
                                    place(pos),
                                    format!("break=\"{other}\" is neither yes nor no"),
                                ))
                            }
                        };
                        let r = Rule {
                            is_break,
                            before: String::new(),
                            after: String::new(),
                            line: line_of(pos),
                        };
                        if is_empty {
                            push_rule(&mut srx, r, place(pos))?;
                        } else {
                            rule = Some(r);
                        }
                    }
                    "beforebreak" if !is_empty => reading = Some("before"),
                    "afterbreak" if !is_empty => reading = Some("after"),
                    "languagemap" => {
                        let pattern = attr("languagepattern")?.ok_or_else(|| {
                            (
                                place(pos),
                                "languagemap without languagepattern".to_string(),
                            )
                        })?;
                        let rule_name = attr("languagerulename")?.ok_or_else(|| {
                            (
                                place(pos),
                                "languagemap without languagerulename".to_string(),
                            )
                        })?;
                        srx.maps.push(LanguageMap {
                            pattern,
                            rule_name,
                            line: line_of(pos),
                        });
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let (Some(which), Some(r)) = (reading, rule.as_mut()) {
                    append(r, which, &t);
                }
            }
            Event::CData(t) => {
                if let (Some(which), Some(r)) = (reading, rule.as_mut()) {
                    append(r, which, &t);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(which), Some(rule)) = (reading, rule.as_mut()) {
                    let name: &str = &r;
                    let reference = format!("&{name};");
                    let s = quick_xml::escape::unescape(&reference).map_err(|_| {
                        (
                            place(pos),
                            format!("unknown entity &{name}; (entities are never resolved)"),
                        )
                    })?;
                    append(rule, which, &s);
                }
            }
            Event::End(e) => match AsRef::<str>::as_ref(&e.local_name()) {
                "beforebreak" | "afterbreak" => reading = None,
                "rule" => {
                    if let Some(r) = rule.take() {
                        push_rule(&mut srx, r, place(pos))?;
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err((
            Pos { line: 1, col: 1 },
            "not an SRX file: no <srx> element".into(),
        ));
    }
    Ok(srx)
}

fn append(rule: &mut Rule, which: &str, text: &str) {
    if which == "before" {
        rule.before.push_str(text);
    } else {
        rule.after.push_str(text);
    }
}

fn push_rule(srx: &mut Srx, rule: Rule, at: Pos) -> Result<(), (Pos, String)> {
    match srx.language_rules.last_mut() {
        Some(lr) => {
            lr.rules.push(rule);
            Ok(())
        }
        None => Err((at, "rule outside a languagerule".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="Spanish">
        <rule break="no">
          <beforebreak>\bSr\.</beforebreak>
          <afterbreak>\s</afterbreak>
        </rule>
      </languagerule>
      <languagerule languagerulename="Default">
        <rule>
          <beforebreak>[.?!]+</beforebreak>
          <afterbreak>\s+&lt;?</afterbreak>
        </rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="es.*" languagerulename="Spanish"/>
      <languagemap languagepattern=".*" languagerulename="Default"/>
    </maprules>
  </body>
</srx>"#;

    #[test]
    fn rules_maps_and_cascade_are_read_with_their_lines() {
        let srx = parse(SAMPLE).unwrap();
        assert!(srx.cascade);
        assert_eq!(srx.language_rules.len(), 2);
        let spanish = &srx.language_rules[0].rules[0];
        assert_eq!(spanish.before, r"\bSr\.");
        assert!(!spanish.is_break);
        assert_eq!(spanish.line, 7);
        assert_eq!(srx.language_rules[1].rules[0].after, r"\s+<?");
        let (rules, problems) = srx.rules_for("es-MX");
        assert_eq!(rules.len(), 2, "cascade: Spanish then Default");
        assert!(problems.is_empty());
        assert_eq!(srx.rules_for("en").0.len(), 1);
        let mut no_cascade = srx.clone();
        no_cascade.cascade = false;
        assert_eq!(no_cascade.rules_for("es").0.len(), 1);
    }

    #[test]
    fn malformed_files_are_refused_with_a_line() {
        let (pos, err) = parse("<srx>\n<body>\n<languagerules>\n</body>").unwrap_err();
        assert_eq!(pos.line, 4, "{err}");
        assert!(err.contains("not well-formed"), "{err}");
        assert!(parse("<notsrx/>")
            .unwrap_err()
            .1
            .contains("not an SRX file"));
        let (pos, err) = parse("<srx><body>\n  <rule/></body></srx>").unwrap_err();
        assert_eq!(pos, Pos { line: 2, col: 3 });
        assert!(err.contains("outside a languagerule"), "{err}");
    }

    #[test]
    fn declared_entities_are_never_expanded() {
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE srx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<srx><body><languagerules><languagerule languagerulename="x">
<rule><beforebreak>&b;</beforebreak></rule></languagerule></languagerules></body></srx>"#;
        let (pos, err) = parse(text).unwrap_err();
        assert_eq!(pos.line, 4);
        assert!(err.contains("entities are never resolved"), "{err}");
    }
}
