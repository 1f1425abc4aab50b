//! Language tags as TMX files write them (`es`, `es-ES`, `es_MX`, `ES-es`): syntax checks
//! against BCP 47 (RFC 5646), canonical case, and matching a tag to a language pair.

/// The tag with `_` read as `-` and each subtag in its canonical case: language lowercase,
/// script titlecase, region uppercase (`ES-es` → `es-ES`, `zh_hant_tw` → `zh-Hant-TW`).
pub fn canonical(tag: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut after_singleton = false;
    for (i, sub) in tag.trim().split(['-', '_']).enumerate() {
        let lower = sub.to_ascii_lowercase();
        let fixed = if i == 0 || after_singleton {
            lower
        } else if sub.len() == 1 {
            after_singleton = true;
            lower
        } else if sub.len() == 2 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
            sub.to_ascii_uppercase()
        } else if sub.len() == 4 && sub.bytes().all(|b| b.is_ascii_alphabetic()) {
            let mut t = lower;
            t[..1].make_ascii_uppercase();
            t
        } else {
            lower
        };
        out.push(fixed);
    }
    out.join("-")
}

/// The primary language subtag, lowercase (`ES-es` → `es`).
pub fn primary(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The region subtag, if the tag has one (`es-419` → `419`, `zh-Hant-TW` → `TW`).
pub fn region(tag: &str) -> Option<String> {
    let canon = canonical(tag);
    canon
        .split('-')
        .skip(1)
        .take_while(|s| s.len() != 1)
        .find(|s| {
            (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(String::from)
}

/// The region a language-only tag gets when a tool wants a locale: the one CAT tools
/// default to for the language (`es` → `es-ES`, `en` → `en-US`).
pub fn default_region(primary: &str) -> Option<&'static str> {
    Some(match primary {
        "es" => "ES",
        "en" => "US",
        "pt" => "PT",
        "fr" => "FR",
        "de" => "DE",
        "it" => "IT",
        "nl" => "NL",
        "ca" => "ES",
        "gl" => "ES",
        "eu" => "ES",
        "ja" => "JP",
        "zh" => "CN",
        "ru" => "RU",
        "pl" => "PL",
        "sv" => "SE",
        "da" => "DK",
        "fi" => "FI",
        "nb" => "NO",
        "cs" => "CZ",
        "el" => "GR",
        "tr" => "TR",
        "ko" => "KR",
        "ar" => "SA",
        _ => return None,
    })
}

/// Checks that a tag is well-formed BCP 47 (RFC 5646 syntax; subtags are not looked up in
/// the IANA registry). The error says what is wrong, and what to write instead when the
/// fix is clear (`es_MX` → `es-MX`).
pub fn check(tag: &str) -> Result<(), String> {
    if tag.is_empty() {
        return Err("empty language tag".into());
    }
    if tag.contains('_') {
        return Err(format!(
            "'{tag}' is not a BCP 47 tag: subtags are joined with '-', not '_' (write '{}')",
            canonical(tag)
        ));
    }
    if tag != tag.trim() {
        return Err(format!("'{tag}' has spaces around it"));
    }
    let lower = tag.to_ascii_lowercase();
    if GRANDFATHERED.contains(&lower.as_str()) || well_formed(&lower) {
        Ok(())
    } else {
        Err(format!("'{tag}' is not a well-formed BCP 47 language tag"))
    }
}

const GRANDFATHERED: &[&str] = &[
    "en-gb-oed",
    "i-ami",
    "i-bnn",
    "i-default",
    "i-enochian",
    "i-hak",
    "i-klingon",
    "i-lux",
    "i-mingo",
    "i-navajo",
    "i-pwn",
    "i-tao",
    "i-tay",
    "i-tsu",
    "sgn-be-fr",
    "sgn-be-nl",
    "sgn-ch-de",
    "art-lojban",
    "cel-gaulish",
    "no-bok",
    "no-nyn",
    "zh-guoyu",
    "zh-hakka",
    "zh-min",
    "zh-min-nan",
    "zh-xiang",
];

fn well_formed(tag: &str) -> bool {
    let subs: Vec<&str> = tag.split('-').collect();
    let alpha = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let digit = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let alnum = |s: &str| s.bytes().all(|b| b.is_ascii_alphanumeric());
    let privateuse = |rest: &[&str]| {
        !rest.is_empty() && rest.iter().all(|s| (1..=8).contains(&s.len()) && alnum(s))
    };
    if subs.iter().any(|s| s.is_empty()) {
        return false;
    }
    if subs[0] == "x" {
        return privateuse(&subs[1..]);
    }
    let mut i = 0;
    // language: 2-3 letters with up to three extlangs, or 4-8 letters.
    let lang = subs[i];
    if !alpha(lang) || !(2..=8).contains(&lang.len()) {
        return false;
    }
    i += 1;
    if lang.len() <= 3 {
        let mut ext = 0;
        while i < subs.len() && ext < 3 && subs[i].len() == 3 && alpha(subs[i]) {
            i += 1;
            ext += 1;
        }
    }
    if i < subs.len() && subs[i].len() == 4 && alpha(subs[i]) {
        i += 1; // script
    }
    if i < subs.len()
        && ((subs[i].len() == 2 && alpha(subs[i])) || (subs[i].len() == 3 && digit(subs[i])))
    {
        i += 1; // region
    }
    while i < subs.len() {
        let s = subs[i];
        let variant = ((5..=8).contains(&s.len()) && alnum(s))
            || (s.len() == 4 && s.as_bytes()[0].is_ascii_digit() && alnum(s));
        if !variant {
            break;
        }
        i += 1;
    }
    while i < subs.len() && subs[i].len() == 1 && subs[i] != "x" && alnum(subs[i]) {
        i += 1;
        let start = i;
        while i < subs.len() && (2..=8).contains(&subs[i].len()) && alnum(subs[i]) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    if i < subs.len() && subs[i] == "x" {
        return privateuse(&subs[i + 1..]);
    }
    i == subs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_case_and_hyphens() {
        assert_eq!(canonical("ES-es"), "es-ES");
        assert_eq!(canonical("es_MX"), "es-MX");
        assert_eq!(canonical("zh_hant_tw"), "zh-Hant-TW");
        assert_eq!(canonical("EN"), "en");
        assert_eq!(canonical("es-419"), "es-419");
        assert_eq!(canonical("de-DE-x-foo"), "de-DE-x-foo");
    }

    #[test]
    fn well_formed_tags_pass_and_others_say_why() {
        for ok in [
            "es",
            "es-ES",
            "es-419",
            "zh-Hant-TW",
            "en-US-x-twain",
            "i-klingon",
            "x-foo",
            "sl-rozaj-biske",
            "de-CH-1901",
        ] {
            assert!(check(ok).is_ok(), "{ok}");
        }
        assert!(check("es_ES").unwrap_err().contains("write 'es-ES'"));
        for bad in ["", "e", "es-", "español", "es--ES", "es-ES-", "123", "en-a"] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn regions_are_found() {
        assert_eq!(region("es-419").as_deref(), Some("419"));
        assert_eq!(region("zh-Hant-TW").as_deref(), Some("TW"));
        assert_eq!(region("es"), None);
        assert_eq!(region("en-x-us"), None);
    }
}
