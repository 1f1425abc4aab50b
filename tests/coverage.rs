//! Nothing is lost: on generated documents (sentences dropped, merged and shuffled in length),
//! every sentence of both sides is in exactly one unit, and units keep the order of both
//! documents.

use alinea::align::cost::CostModel;
use alinea::{align_documents, input::Document, segment_document};

/// A small deterministic pseudo-random generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "gobierno",
    "México",
    "nación",
    "1.250",
    "presidente",
    "migración",
    "Sr.",
    "EE. UU.",
    "acuerdo",
    "¿por",
    "qué?",
    "¡sí!",
    "79.º",
    "comisión",
    "“hola”",
    "-",
    "(ONU)",
    "a.m.",
    "programa",
    "x",
    "…",
    "etc.",
    "del",
    "la",
    "2024",
    "https://gob.mx/sre.",
    "\t",
];

fn text(rng: &mut Rng, sentences: usize) -> String {
    let mut out = String::new();
    for s in 0..sentences {
        let words = 1 + rng.below(25);
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
        }
        out.push_str(match rng.below(4) {
            0 => ".",
            1 => "?",
            2 => "",
            _ => ". ",
        });
        out.push_str(match rng.below(5) {
            0 => "\n\n",
            1 => "\n",
            _ if s % 7 == 6 => "\n  • ",
            _ => " ",
        });
    }
    out
}

#[test]
fn every_sentence_is_in_exactly_one_unit_on_generated_documents() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let (n, m) = (rng.below(40) as usize, rng.below(40) as usize);
        let es = text(&mut rng, n.max(1));
        let en = text(&mut rng, m.max(1));
        let al = align_documents(
            segment_document(Document::from_text("gen", &es), "es", false),
            segment_document(Document::from_text("gen", &en), "en", false),
            &CostModel::default(),
        );
        let src: Vec<usize> = al.units.iter().flat_map(|u| u.src.clone()).collect();
        let tgt: Vec<usize> = al.units.iter().flat_map(|u| u.tgt.clone()).collect();
        assert_eq!(
            src,
            (0..al.src.sentences.len()).collect::<Vec<_>>(),
            "case {case}: {es:?}"
        );
        assert_eq!(
            tgt,
            (0..al.tgt.sentences.len()).collect::<Vec<_>>(),
            "case {case}: {en:?}"
        );
        for u in &al.units {
            assert!(
                !(u.src.is_empty() && u.tgt.is_empty()),
                "case {case}: empty unit"
            );
            assert!(
                (0.0..=1.0).contains(&u.score),
                "case {case}: score {}",
                u.score
            );
        }
        // Sentences are trimmed spans that rebuild the text with whitespace gaps only.
        for doc in [&al.src, &al.tgt] {
            let mut at = 0;
            for s in &doc.sentences {
                assert!(s.start >= at && s.end > s.start, "case {case}");
                let gap = &doc.doc.text[at..s.start];
                // Only whitespace and bullet markers lie between sentences.
                assert!(
                    gap.trim_matches(|c: char| c.is_whitespace() || "•-*·–▪".contains(c))
                        .is_empty(),
                    "case {case}: gap {gap:?}"
                );
                assert_eq!(doc.text(s_index(doc, s)).trim(), doc.text(s_index(doc, s)));
                at = s.end;
            }
        }
    }
}

fn s_index(doc: &alinea::Segmented, s: &alinea::types::Sentence) -> usize {
    doc.sentences.iter().position(|x| x == s).unwrap()
}
