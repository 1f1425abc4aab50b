//! What the fuzz targets check, shared with `tests/fuzz_regressions.rs`, which replays the
//! seed corpora and every input the fuzzers once crashed on. Each function takes any bytes;
//! it panics (a finding) when alinea panics or breaks a promise it makes about its output.

#![allow(dead_code)]

use alinea::input::{self, Block, Document, LoadOptions};
use alinea::segment::{self, Segmenter};
use alinea::tm::tmx::read::TmxReader;
use alinea::tm::tmx::write::{self, HeaderOut};
use alinea::tm::Tu;
use alinea::types::Lang;
use std::path::Path;

/// The decoder and the readers behind it: bytes to text (UTF-8, UTF-16, Windows-1252) and
/// text, HTML or DOCX to blocks. A refusal is a message; a document has blocks that are
/// trimmed, non-empty, in order, on character boundaries.
pub fn decode(data: &[u8]) {
    match input::decode(data) {
        Ok((text, _)) => {
            assert!(!text.trim().is_empty(), "decoded text is blank");
            check_blocks(&text, &input::blocks(&text, false));
            check_blocks(&text, &input::blocks(&text, true));
        }
        Err(message) => assert!(!message.is_empty()),
    }
    for extension in [None, Some("html"), Some("docx")] {
        match input::read_bytes("fuzz", data, extension, &LoadOptions::default()) {
            Ok(doc) => check_document(&doc),
            Err(message) => assert!(!message.is_empty()),
        }
    }
}

/// The segmenter on any text: sentence spans are trimmed, non-empty, in order, and only
/// whitespace lies between them, so the spans and the gaps rebuild the text exactly.
pub fn segment(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = if first & 1 == 0 { Lang::Es } else { Lang::En };
    let segmenter = Segmenter::builtin(lang);
    check_spans(&text, &segmenter.split(&text));
    let doc = Document::from_text("fuzz", &text);
    check_blocks(&doc.text, &doc.blocks);
    let presegmented = first & 2 != 0;
    let sentences = segment::sentences(&doc, &segmenter, presegmented);
    let mut at = 0;
    for s in &sentences {
        let block = &doc.blocks[s.block];
        assert!(
            block.start <= s.start && s.end <= block.end,
            "sentence outside its block"
        );
        assert!(
            at <= s.start && s.start < s.end,
            "sentences out of order or empty"
        );
        at = s.end;
    }
}

/// The SRX parser and rule compiler on any document: a refusal names a place; rules that
/// compile segment a text like the built-in ones do (spans rebuild the text).
pub fn srx(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Segmenter::from_srx_text("es", &text, "fuzz.srx") {
        Ok(segmenter) => {
            let sample = "El Sr. Pérez llegó. ¿Qué dijo? Nada... 1.250,5 m. Fin. a) uno b) dos";
            check_spans(sample, &segmenter.split(sample));
            check_spans(&text, &segmenter.split(&text));
        }
        Err((pos, message)) => {
            assert!(pos.line >= 1 && pos.col >= 1, "place {pos} for {message}");
            assert!(!message.is_empty());
        }
    }
}

/// The streaming TMX reader on any bytes: an error names the file and a place; the units it
/// reads, written by alinea's writer, read back the same.
pub fn tmx_read(data: &[u8]) {
    let path = Path::new("fuzz.tmx");
    let units = match read_units(path, data) {
        Ok(units) => units,
        Err(message) => {
            assert!(message.starts_with("fuzz.tmx:"), "{message}");
            return;
        }
    };
    let written = write::to_bytes(&HeaderOut::sentences("es", "20260101T000000Z"), &units);
    let back = match read_units(path, &written) {
        Ok(back) => back,
        Err(message) => panic!(
            "alinea's own TMX does not read back: {message}\n{}",
            String::from_utf8_lossy(&written)
        ),
    };
    assert_eq!(back.len(), units.len());
    for (b, u) in back.iter().zip(&units) {
        assert_eq!(comparable(b), comparable(&cleaned(u)));
    }
}

/// Reads every unit (at most 10,000: a fuzz input is small) or the error's message.
fn read_units(path: &Path, data: &[u8]) -> Result<Vec<Tu>, String> {
    let mut reader = TmxReader::from_reader(path, data).map_err(|e| e.to_string())?;
    let mut units = Vec::new();
    while let Some(tu) = reader.next_tu().map_err(|e| e.to_string())? {
        units.push(tu);
        if units.len() == 10_000 {
            break;
        }
    }
    Ok(units)
}

/// A unit without its positions in the file, which differ between two files.
fn comparable(tu: &Tu) -> Tu {
    let mut tu = tu.clone();
    tu.pos = Default::default();
    for tuv in &mut tu.tuvs {
        tuv.pos = Default::default();
        tuv.seg_pos = Default::default();
    }
    tu
}

/// A unit as the writer writes it: without the characters XML 1.0 forbids.
fn cleaned(tu: &Tu) -> Tu {
    let clean = |s: &str| write::clean(s).0;
    let mut tu = tu.clone();
    for (_, v) in &mut tu.attrs {
        *v = clean(v);
    }
    for p in &mut tu.props {
        p.kind = clean(&p.kind);
        p.value = clean(&p.value);
    }
    for n in &mut tu.notes {
        *n = clean(n);
    }
    for tuv in &mut tu.tuvs {
        tuv.lang = clean(&tuv.lang);
        for (_, v) in &mut tuv.attrs {
            *v = clean(v);
        }
        for p in &mut tuv.props {
            p.kind = clean(&p.kind);
            p.value = clean(&p.value);
        }
        for n in &mut tuv.notes {
            *n = clean(n);
        }
        let xml = clean(&tuv.seg.to_xml());
        let wrapped = format!(
            "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"x\"><seg>{xml}</seg></tuv></tu></body></tmx>"
        );
        let reread = read_units(Path::new("seg"), wrapped.as_bytes())
            .expect("a cleaned segment is well-formed");
        tuv.seg = reread[0].tuvs[0].seg.clone();
    }
    tu
}

fn check_document(doc: &Document) {
    check_blocks(&doc.text, &doc.blocks);
    for b in &doc.blocks {
        assert!(b.end <= doc.text.len());
    }
}

fn check_blocks(text: &str, blocks: &[Block]) {
    let mut at = 0;
    let mut paragraph = 0;
    for b in blocks {
        assert!(
            at <= b.start && b.start < b.end && b.end <= text.len(),
            "{b:?}"
        );
        assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end));
        let body = &text[b.start..b.end];
        assert_eq!(body.trim(), body, "block not trimmed");
        assert!(b.paragraph >= paragraph, "paragraphs out of order");
        paragraph = b.paragraph;
        at = b.end;
    }
}

fn check_spans(text: &str, spans: &[(usize, usize)]) {
    let mut rebuilt = String::with_capacity(text.len());
    let mut at = 0;
    for &(s, e) in spans {
        assert!(
            at <= s && s < e && e <= text.len(),
            "span {s}..{e} after {at}"
        );
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(text[at..s].trim().is_empty(), "text between sentences");
        let sentence = &text[s..e];
        assert_eq!(sentence.trim(), sentence, "sentence not trimmed");
        rebuilt.push_str(&text[at..e]);
        at = e;
    }
    assert!(text[at..].trim().is_empty(), "text after the last sentence");
    rebuilt.push_str(&text[at..]);
    assert_eq!(rebuilt, text);
}

/// Both XLIFF readers on any bytes: the segment pairs `qa` checks, and the units with their
/// inline codes that `tmx convert` reads. A refusal is a message naming the file; every unit
/// read is a pair of two variants, and writes as TMX that reads back.
pub fn xliff(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(message) = alinea::tm::xliff::pairs::parse(text) {
            assert!(!message.is_empty());
        }
    }
    let path = Path::new("fuzz.xlf");
    let mut reader = match alinea::tm::xliff::XliffReader::from_reader(path, data) {
        Ok(r) => r,
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz.xlf"), "{e}");
            return;
        }
    };
    let mut units = Vec::new();
    loop {
        match reader.next_tu() {
            Ok(Some(tu)) => {
                assert_eq!(tu.tuvs.len(), 2, "a unit is a pair");
                units.push(tu);
            }
            Ok(None) => break,
            Err(e) => {
                assert!(e.to_string().starts_with("fuzz.xlf"), "{e}");
                return;
            }
        }
    }
    let written = write::to_bytes(&HeaderOut::sentences("es", "20260101T000000Z"), &units);
    let back = read_units(Path::new("fuzz.tmx"), &written)
        .unwrap_or_else(|m| panic!("the TMX written does not read back: {m}"));
    assert_eq!(back.len(), units.len());
}
