//! TMX 1.4b: what CAT tools (Trados, memoQ, OmegaT, Phrase) import.
//!
//! One `<tu>` per unit with both sides non-empty; units with an empty side are left out (CAT
//! tools drop or reject them) and listed in the summary instead. Every `<tu>` has a stable
//! `tuid` (document name and unit number), and props `x-alignment-score`, `x-bead` and
//! `x-document`. Characters XML 1.0 forbids are removed and counted.

use super::written_sides;
use crate::align::Alignment;
use crate::tm::profile::Profile;
use crate::tm::tmx::write::{self, HeaderOut};
use crate::tm::{Prop, Tu, Tuv};
use crate::types::{format_score, tuid};

/// What the header says besides the fixed attributes.
#[derive(Debug, Clone)]
pub struct TmxOptions {
    /// The creation date, `YYYYMMDDThhmmssZ` (see [`crate::types::date`]).
    pub date: String,
}

/// What the writer did besides writing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TmxReport {
    /// Number of `<tu>` written.
    pub written: usize,
    /// For each unit (index) that lost characters XML 1.0 forbids, how many it lost.
    pub removed_chars: Vec<(usize, usize)>,
}

/// Writes the TMX document for an alignment.
pub fn write(al: &Alignment, options: &TmxOptions) -> (Vec<u8>, TmxReport) {
    let (units, report) = units(al, &options.date);
    let bytes = write::to_bytes(&header(al, &options.date), &units);
    (bytes, report)
}

/// Writes one TMX document holding the units of several alignments, in order (each `<tu>`
/// keeps its `x-document`); the header's `srclang` is the first alignment's. Returns a
/// report per alignment.
pub fn write_all(alignments: &[&Alignment], options: &TmxOptions) -> (Vec<u8>, Vec<TmxReport>) {
    let (header, all, reports) = collect(alignments, &options.date);
    (write::to_bytes(&header, &all), reports)
}

/// The header (from the first alignment) and the units of several alignments, in order.
fn collect(alignments: &[&Alignment], date: &str) -> (HeaderOut, Vec<Tu>, Vec<TmxReport>) {
    let mut all = Vec::new();
    let mut reports = Vec::new();
    for al in alignments {
        let (units, report) = units(al, date);
        all.extend(units);
        reports.push(report);
    }
    let header = match alignments.first() {
        Some(al) => header(al, date),
        None => HeaderOut::sentences("es", date),
    };
    (header, all, reports)
}

/// Writes alignments as one TMX shaped for a CAT tool: the profile's language codes and
/// prop names, and sides over its length limit split at a sentence or left out (the
/// [`FitReport`](crate::tm::profile::FitReport) says which). Returns the bytes, the number of `<tu>`
/// written, a report per alignment and the fitting report.
pub fn write_for_profile(
    alignments: &[&Alignment],
    options: &TmxOptions,
    profile: Profile,
) -> (
    Vec<u8>,
    usize,
    Vec<TmxReport>,
    crate::tm::profile::FitReport,
) {
    let (mut header, all, reports) = collect(alignments, &options.date);
    let (all, fit) = crate::tm::profile::fit_to_profile(all, profile);
    header.srclang = profile.locale(&header.srclang);
    (write::to_bytes(&header, &all), all.len(), reports, fit)
}

/// The header for an alignment's TMX.
pub fn header(al: &Alignment, date: &str) -> HeaderOut {
    HeaderOut::sentences(&al.src.lang_tag, date)
}

/// The units of an alignment as TMX units, in order: those with both sides non-empty.
/// `written` in the report counts them.
pub fn units(al: &Alignment, date: &str) -> (Vec<Tu>, TmxReport) {
    let mut report = TmxReport::default();
    let mut out = Vec::new();
    for (k, unit) in al.units.iter().enumerate() {
        let Some((src, tgt, lost)) = written_sides(al, k) else {
            continue;
        };
        if lost > 0 {
            report.removed_chars.push((k, lost));
        }
        report.written += 1;
        let clean = |s: &str| xml_clean(s).0;
        out.push(Tu {
            attrs: vec![
                ("tuid".into(), tuid(&al.src.doc.name, k)),
                ("creationdate".into(), date.to_string()),
            ],
            props: vec![
                Prop::new("x-alignment-score", &format_score(unit.score)),
                Prop::new("x-bead", &unit.bead()),
                Prop::new("x-document", &clean(&al.src.doc.name)),
            ],
            tuvs: vec![
                Tuv::plain(&al.src.lang_tag, &src),
                Tuv::plain(&al.tgt.lang_tag, &tgt),
            ],
            ..Tu::default()
        });
    }
    (out, report)
}

/// Removes the characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE and
/// U+FFFF) and trims the result. Returns the text and the number of characters removed.
pub fn xml_clean(text: &str) -> (String, usize) {
    let allowed = crate::tm::xml::xml_char;
    let removed = text.chars().filter(|&c| !allowed(c)).count();
    if removed == 0 {
        return (text.trim().to_string(), 0);
    }
    let kept: String = text.chars().filter(|&c| allowed(c)).collect();
    (kept.trim().to_string(), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_removed_and_counted() {
        assert_eq!(xml_clean(" a\u{1}b\u{b} "), ("ab".to_string(), 2));
        assert_eq!(xml_clean("señal ✓"), ("señal ✓".to_string(), 0));
    }

    #[test]
    fn tuids_number_units_from_one() {
        assert_eq!(tuid("sre-366", 0), "sre-366-1");
    }
}
