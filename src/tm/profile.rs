//! What each CAT tool imports best, applied when a TMX is written for it: the locale form
//! of the language tags, the longest segment it accepts, and the names of props. Nothing
//! else changes.
//!
//! | profile | tags | longest side | props |
//! |---|---|---|---|
//! | `trados` | `es-ES`, `en-US` (Trados TMs are per locale) | 2,000 characters (Trados Cloud refuses longer) | `x-NAME:SingleString`, the field syntax of Trados' own exports |
//! | `memoq` | `es-ES`, `en-US` (memoQ assigns TMX languages to a TM's by code) | no limit | as written (`x-document` is memoQ's own document field) |
//! | `omegat` | `es`, `en` (OmegaT matches on language, any country) | no limit | as written |
//! | `phrase` | `es`, `en` (a language-level TM serves every variety) | no limit | as written |
//!
//! A tag that already names a region keeps it for the locale profiles; the language-only
//! profiles drop it.
//!
//! ```
//! use alinea::tm::profile::Profile;
//! let trados: Profile = "trados".parse().unwrap();
//! assert_eq!(trados.locale("es"), "es-ES");
//! assert_eq!(trados.locale("es_mx"), "es-MX");
//! assert_eq!(Profile::Omegat.locale("es-MX"), "es");
//! assert_eq!(trados.prop_name("x-bead"), "x-bead:SingleString");
//! ```

use super::{lang, Tu};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Trados,
    Memoq,
    Omegat,
    Phrase,
}

/// The longest segment side Trados Cloud imports, in characters.
pub const TRADOS_MAX_CHARS: usize = 2000;

impl Profile {
    pub const ALL: [Profile; 4] = [
        Profile::Trados,
        Profile::Memoq,
        Profile::Omegat,
        Profile::Phrase,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Trados => "trados",
            Profile::Memoq => "memoq",
            Profile::Omegat => "omegat",
            Profile::Phrase => "phrase",
        }
    }

    /// The tag in the form the tool matches best.
    pub fn locale(self, tag: &str) -> String {
        let canon = lang::canonical(tag);
        match self {
            Profile::Trados | Profile::Memoq => {
                if lang::region(&canon).is_some() {
                    return canon;
                }
                let primary = lang::primary(&canon);
                match lang::default_region(&primary) {
                    // Insert the region after the language (and script, if any).
                    Some(region) => {
                        let mut subs: Vec<&str> = canon.split('-').collect();
                        let at = if subs.get(1).is_some_and(|s| s.len() == 4) {
                            2
                        } else {
                            1
                        };
                        subs.insert(at, region);
                        subs.join("-")
                    }
                    None => canon,
                }
            }
            Profile::Omegat | Profile::Phrase => lang::primary(&canon),
        }
    }

    /// The longest side, in characters, the tool imports.
    pub fn max_chars(self) -> Option<usize> {
        match self {
            Profile::Trados => Some(TRADOS_MAX_CHARS),
            _ => None,
        }
    }

    /// The prop name the tool reads.
    pub fn prop_name(self, kind: &str) -> String {
        match self {
            // Trados imports `x-` props as fields and writes their type after a colon.
            Profile::Trados if kind.starts_with("x-") && !kind.contains(':') => {
                format!("{kind}:SingleString")
            }
            _ => kind.to_string(),
        }
    }

    /// Relabels the unit's languages (variants and the `srclang` attribute) and renames its
    /// props.
    pub fn apply(self, tu: &mut Tu) {
        if let Some(src) = tu.attr("srclang").map(|s| self.locale(s)) {
            if !src.eq_ignore_ascii_case("*all*") {
                tu.set_attr("srclang", &src);
            }
        }
        for prop in &mut tu.props {
            prop.kind = self.prop_name(&prop.kind);
        }
        for tuv in &mut tu.tuvs {
            tuv.lang = self.locale(&tuv.lang);
            for prop in &mut tuv.props {
                prop.kind = self.prop_name(&prop.kind);
            }
        }
    }
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown profile '{s}': use trados, memoq, omegat or phrase"))
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::{Prop, Tuv};

    #[test]
    fn locale_forms() {
        assert_eq!(Profile::Trados.locale("en"), "en-US");
        assert_eq!(Profile::Memoq.locale("ES-es"), "es-ES");
        assert_eq!(Profile::Trados.locale("es-419"), "es-419");
        assert_eq!(Profile::Trados.locale("zh-Hant"), "zh-Hant-CN");
        assert_eq!(Profile::Trados.locale("eo"), "eo");
        assert_eq!(Profile::Phrase.locale("en_GB"), "en");
    }

    #[test]
    fn apply_changes_tags_and_prop_names_only() {
        let mut tu = Tu::default();
        tu.set_attr("tuid", "d-1");
        tu.set_attr("srclang", "es");
        tu.props.push(Prop::new("x-document", "d"));
        tu.props.push(Prop::new("client", "c"));
        tu.tuvs.push(Tuv::plain("es", "Hola."));
        tu.tuvs.push(Tuv::plain("en", "Hello."));
        let before = tu.clone();
        Profile::Trados.apply(&mut tu);
        assert_eq!(tu.attr("srclang"), Some("es-ES"));
        assert_eq!(tu.props[0].kind, "x-document:SingleString");
        assert_eq!(tu.props[1].kind, "client");
        assert_eq!(tu.tuvs[1].lang, "en-US");
        assert_eq!(tu.tuvs[1].seg, before.tuvs[1].seg);
        assert_eq!(tu.attr("tuid"), Some("d-1"));
        let mut again = tu.clone();
        Profile::Trados.apply(&mut again);
        assert_eq!(again, tu, "applying twice changes nothing more");
    }

    #[test]
    fn profiles_parse_by_name() {
        assert_eq!("MemoQ".parse::<Profile>(), Ok(Profile::Memoq));
        assert!("wordfast"
            .parse::<Profile>()
            .unwrap_err()
            .contains("trados"));
    }
}
