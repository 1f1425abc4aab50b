//! Properties that hold for any input, checked on random texts and units (proptest shrinks a
//! failure to a minimal case): every sentence is in exactly one unit and units keep the order
//! of both documents; sentence offsets rebuild the input exactly; every TMX alinea writes
//! reads back to the same units. Case counts are modest so that `cargo test` stays fast;
//! `PROPTEST_CASES=5000 cargo test --release --test properties` searches harder.

use alinea::align::cost::CostModel;
use alinea::input::Document;
use alinea::output::tmx::{self, TmxOptions};
use alinea::segment::{self, Segmenter};
use alinea::tm::tmx::read::TmxReader;
use alinea::tm::tmx::write::{self, HeaderOut};
use alinea::tm::{Code, CodeText, Inline, Prop, Segment, Tu, Tuv};
use alinea::types::Lang;
use alinea::{align_documents, segment_document};
use proptest::prelude::*;
use std::path::Path;

/// Text made of what documents are made of: words with accents, numbers in both
/// conventions, abbreviations, sentence punctuation, quotes, bullets, line breaks and blank
/// lines, and now and then any character at all.
fn document_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[A-Za-zÁÉÍÓÚÑáéíóúñü]{1,12}",
        2 => "[0-9]{1,4}([.,][0-9]{1,3})?",
        2 => prop::sample::select(vec![
            "Sr.", "Dra.", "EE. UU.", "a.m.", "No.", "U.S.", "Mr.", "etc.", "79.º", "https://gob.mx/sre.",
        ])
        .prop_map(String::from),
        4 => prop::sample::select(vec![
            ".", ". ", "? ", "! ", "¿", "¡", "…", "...", ", ", "; ", ": ", "«", "»", "\"", "'", "(", ")",
        ])
        .prop_map(String::from),
        6 => prop::sample::select(vec![" ", " ", "\n", "\n\n", "\r\n", "\t", "\n• ", "\n- ", "\u{a0}"])
            .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

/// Running text in which headings may run into the next sentence: lower-case words, the
/// capitalised words that open sentences in both languages, and sentence ends.
fn running_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[a-záéíóúñ]{1,9}",
        3 => prop::sample::select(vec![
            "La", "El", "Una", "Cuando", "The", "A", "One", "When", "Survey", "survey", "Método",
            "método", "I", "NATO", "\"The", "(La)",
        ])
        .prop_map(String::from),
        2 => "[0-9]{1,3}",
        2 => prop::sample::select(vec![". ", "? ", ", ", ": ", "\n\n", "\n"]).prop_map(String::from),
    ];
    prop::collection::vec(piece.prop_map(|p| p + " "), 0..80).prop_map(|p| p.concat())
}

/// Checks that `spans` are trimmed, non-empty, in order, with only whitespace (or, between
/// blocks, bullet markers) around them, and that they and the gaps rebuild `text` exactly.
fn assert_rebuilds(text: &str, spans: &[(usize, usize)], gap_ok: impl Fn(&str) -> bool) {
    let mut rebuilt = String::new();
    let mut at = 0;
    for &(s, e) in spans {
        assert!(
            at <= s && s < e && e <= text.len(),
            "span {s}..{e} after {at}"
        );
        assert!(gap_ok(&text[at..s]), "gap {:?}", &text[at..s]);
        let sentence = &text[s..e];
        assert_eq!(sentence.trim(), sentence);
        rebuilt.push_str(&text[at..e]);
        at = e;
    }
    assert!(gap_ok(&text[at..]), "tail {:?}", &text[at..]);
    rebuilt.push_str(&text[at..]);
    assert_eq!(rebuilt, text);
}

fn bullet_gap(gap: &str) -> bool {
    gap.trim_matches(|c: char| c.is_whitespace() || "•-*·–▪".contains(c))
        .is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn segment_offsets_rebuild_any_text_exactly(text in any::<String>(), spanish in any::<bool>()) {
        let lang = if spanish { Lang::Es } else { Lang::En };
        assert_rebuilds(&text, &Segmenter::builtin(lang).split(&text), |g| g.trim().is_empty());
    }

    #[test]
    fn segment_offsets_rebuild_documents_exactly(text in document_text(), spanish in any::<bool>()) {
        let lang = if spanish { Lang::Es } else { Lang::En };
        assert_rebuilds(&text, &Segmenter::builtin(lang).split(&text), |g| g.trim().is_empty());
        // Through blocks: sentences lie inside their block, and only whitespace and bullet
        // markers lie between them.
        let doc = Document::from_text("p", &text);
        let sentences = segment::sentences(&doc, &Segmenter::builtin(lang), false);
        for s in &sentences {
            let b = &doc.blocks[s.block];
            prop_assert!(b.start <= s.start && s.end <= b.end);
        }
        let spans: Vec<(usize, usize)> = sentences.iter().map(|s| (s.start, s.end)).collect();
        assert_rebuilds(&text, &spans, bullet_gap);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_sentence_is_in_exactly_one_unit_in_order(es in document_text(), en in document_text()) {
        let al = align_documents(
            segment_document(Document::from_text("p", &es), "es", false),
            segment_document(Document::from_text("p", &en), "en", false),
            &CostModel::default(),
        );
        let src: Vec<usize> = al.units.iter().flat_map(|u| u.src.clone()).collect();
        let tgt: Vec<usize> = al.units.iter().flat_map(|u| u.tgt.clone()).collect();
        prop_assert_eq!(src, (0..al.src.sentences.len()).collect::<Vec<_>>());
        prop_assert_eq!(tgt, (0..al.tgt.sentences.len()).collect::<Vec<_>>());
        for u in &al.units {
            prop_assert!(!(u.src.is_empty() && u.tgt.is_empty()));
            prop_assert!((0.0..=1.0).contains(&u.score));
        }

        // The TMX holds exactly the units with text on both sides (less the characters XML
        // forbids, trimmed), and reads back; no side is empty.
        let (bytes, report) = tmx::write(&al, &TmxOptions { date: "20260101T000000Z".into() });
        let back = read_all(&bytes);
        let side = |doc: &alinea::Segmented, ids: &[usize]| tmx::xml_clean(&alinea::segment::side_text(doc, ids)).0;
        let full: Vec<_> = al
            .units
            .iter()
            .filter(|u| !side(&al.src, &u.src).is_empty() && !side(&al.tgt, &u.tgt).is_empty())
            .collect();
        prop_assert_eq!(back.len(), full.len());
        prop_assert_eq!(report.written, full.len());
        for (tu, unit) in back.iter().zip(full) {
            prop_assert!(!tu.tuvs[0].seg.plain_text().is_empty() && !tu.tuvs[1].seg.plain_text().is_empty());
            prop_assert_eq!(tu.tuvs[0].seg.plain_text(), side(&al.src, &unit.src));
            prop_assert_eq!(tu.tuvs[1].seg.plain_text(), side(&al.tgt, &unit.tgt));
        }
    }

    #[test]
    fn the_whole_pipeline_keeps_every_sentence_once_even_where_headings_are_split(
        es in running_text(), en in running_text()
    ) {
        // align_texts also tries glued headings, which cuts sentences after the alignment.
        let al = alinea::align_texts(
            Document::from_text("p", &es),
            Document::from_text("p", &en),
            &alinea::AlignOptions::default(),
        );
        let src: Vec<usize> = al.units.iter().flat_map(|u| u.src.clone()).collect();
        let tgt: Vec<usize> = al.units.iter().flat_map(|u| u.tgt.clone()).collect();
        prop_assert_eq!(src, (0..al.src.sentences.len()).collect::<Vec<_>>());
        prop_assert_eq!(tgt, (0..al.tgt.sentences.len()).collect::<Vec<_>>());
        for (doc, text) in [(&al.src, &es), (&al.tgt, &en)] {
            let spans: Vec<(usize, usize)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
            assert_rebuilds(text, &spans, bullet_gap);
        }
        for u in &al.units {
            prop_assert!(!(u.src.is_empty() && u.tgt.is_empty()));
            prop_assert!((0.0..=1.0).contains(&u.score));
        }
    }

    #[test]
    fn every_tmx_written_reads_back_to_the_same_units(units in prop::collection::vec(tu(), 0..6)) {
        let bytes = write::to_bytes(&HeaderOut::sentences("es", "20260101T000000Z"), &units);
        let back = read_all(&bytes);
        prop_assert_eq!(back.len(), units.len());
        for (b, u) in back.iter().zip(&units) {
            prop_assert_eq!(without_positions(b), cleaned(u));
        }
    }
}

/// Any text, with characters XML 1.0 forbids now and then.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[^\u{0}]{0,20}",
        1 => "[a-z<>&\"' \u{1}\u{b}\u{fffe}\u{ffff}\t\n]{0,12}",
        1 => Just(String::from("]]> <![CDATA[ &amp; &#x1; --> <!--")),
    ]
}

fn attrs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::btree_map("(tuid|creationdate|changeid|x-[a-z]{1,5})", text(), 0..3)
        .prop_map(|m| m.into_iter().collect())
}

fn props() -> impl Strategy<Value = Vec<Prop>> {
    prop::collection::vec(
        ("x-[a-z]{1,6}", text()).prop_map(|(k, v)| Prop::new(&k, &v)),
        0..3,
    )
}

fn inline() -> impl Strategy<Value = Inline> {
    let leaf = prop_oneof![
        4 => "[^\u{0}]{1,20}".prop_map(Inline::Text),
        1 => (prop::sample::select(vec![Code::Bpt, Code::Ept, Code::Ph, Code::It, Code::Ut]), "[^\u{0}]{0,8}")
            .prop_map(|(code, native)| Inline::Code {
                code,
                attrs: vec![("i".into(), "1".into())],
                content: if native.is_empty() { vec![] } else { vec![CodeText::Native(native)] },
            }),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop::collection::vec(inner, 1..3).prop_map(|content| Inline::Hi {
            attrs: vec![],
            content,
        })
    })
}

fn tuv() -> impl Strategy<Value = Tuv> {
    (
        "[a-z]{2}(-[A-Z]{2})?",
        props(),
        prop::collection::vec(inline(), 0..4),
    )
        .prop_map(|(lang, props, inlines)| Tuv {
            lang,
            props,
            seg: Segment(inlines),
            ..Tuv::default()
        })
}

fn tu() -> impl Strategy<Value = Tu> {
    (
        attrs(),
        props(),
        prop::collection::vec(text(), 0..2),
        prop::collection::vec(tuv(), 0..3),
    )
        .prop_map(|(attrs, props, notes, tuvs)| Tu {
            attrs,
            props,
            notes,
            tuvs,
            ..Tu::default()
        })
}

fn read_all(bytes: &[u8]) -> Vec<Tu> {
    let mut reader = TmxReader::from_reader(Path::new("p.tmx"), bytes)
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(bytes)));
    let mut units = Vec::new();
    while let Some(tu) = reader
        .next_tu()
        .unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(bytes)))
    {
        units.push(tu);
    }
    units
}

fn without_positions(tu: &Tu) -> Tu {
    let mut tu = tu.clone();
    tu.pos = Default::default();
    for tuv in &mut tu.tuvs {
        tuv.pos = Default::default();
        tuv.seg_pos = Default::default();
    }
    tu
}

/// A unit as it is written and read: without the characters XML 1.0 forbids, adjacent
/// texts as one, and empty texts gone.
fn cleaned(tu: &Tu) -> Tu {
    let clean = |s: &str| write::clean(s).0;
    let props = |ps: &[Prop]| -> Vec<Prop> {
        ps.iter()
            .map(|p| Prop::new(&clean(&p.kind), &clean(&p.value)))
            .collect()
    };
    Tu {
        attrs: tu
            .attrs
            .iter()
            .map(|(k, v)| (k.clone(), clean(v)))
            .collect(),
        props: props(&tu.props),
        notes: tu.notes.iter().map(|n| clean(n)).collect(),
        tuvs: tu
            .tuvs
            .iter()
            .map(|t| Tuv {
                lang: clean(&t.lang),
                props: props(&t.props),
                seg: Segment(clean_inlines(&t.seg.0)),
                ..Tuv::default()
            })
            .collect(),
        ..Tu::default()
    }
}

fn clean_inlines(items: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for item in items {
        match item {
            Inline::Text(t) => {
                let t = write::clean(t).0;
                if t.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some(Inline::Text(prev)) => prev.push_str(&t),
                    _ => out.push(Inline::Text(t)),
                }
            }
            Inline::Code {
                code,
                attrs,
                content,
            } => out.push(Inline::Code {
                code: *code,
                attrs: attrs.clone(),
                content: content
                    .iter()
                    .filter_map(|c| match c {
                        CodeText::Native(n) => {
                            let n = write::clean(n).0;
                            (!n.is_empty()).then_some(CodeText::Native(n))
                        }
                        other => Some(other.clone()),
                    })
                    .collect(),
            }),
            Inline::Hi { attrs, content } => out.push(Inline::Hi {
                attrs: attrs.clone(),
                content: clean_inlines(content),
            }),
        }
    }
    out
}
