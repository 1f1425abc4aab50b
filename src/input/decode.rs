//! Bytes to text: UTF-8, UTF-16 and Windows-1252 told apart, empty and binary input refused.

use crate::error::{Error, Result};
use std::path::Path;

/// What [`decode`] says of a text that was UTF-8 but for a few invalid bytes, each replaced
/// by U+FFFD (the places are those of U+FFFD in the text).
pub const UTF8_REPAIRED: &str = "UTF-8 with invalid bytes replaced by U+FFFD";

/// Reads and decodes a file; errors name the file.
pub fn read_file(path: &Path) -> Result<(String, Option<&'static str>)> {
    if path.is_dir() {
        return Err(Error::bad_input(path, "is a directory, not a text file"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "read", e))?;
    decode(&bytes).map_err(|message| Error::bad_input(path, message))
}

/// Decodes bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252/Latin-1.
/// Returns the text and, when it was not UTF-8, the encoding it was decoded from.
/// Empty, whitespace-only and binary inputs are refused with a message.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, Option<&'static str>), String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let (text, from) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                return Err(format!(
                    "invalid UTF-8 at byte {} after a UTF-8 byte order mark",
                    e.valid_up_to() + 3
                ))
            }
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(format!("invalid {} data", enc.name()));
        }
        (s.into_owned(), Some(enc.name()))
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(format!(
                "looks like {} without a byte order mark, but is not valid {} (an odd number of bytes, or a broken surrogate pair)",
                enc.name(),
                enc.name()
            ));
        }
        let from = if enc == encoding_rs::UTF_16LE {
            "UTF-16LE without a byte order mark"
        } else {
            "UTF-16BE without a byte order mark"
        };
        (s.into_owned(), Some(from))
    } else if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err(format!(
            "binary data (a NUL byte on line {line}, at byte {pos}); expected a text file (UTF-8, UTF-16 or Windows-1252)"
        ));
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                let at = e.valid_up_to();
                // Mostly UTF-8 with a few stray bytes: the stray bytes are replaced, the rest
                // read as written (not the whole file as Windows-1252, which would turn
                // every accent into two characters).
                let (mut multibyte, mut invalid) = (0usize, 0usize);
                for chunk in bytes.utf8_chunks() {
                    multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
                    invalid += usize::from(!chunk.invalid().is_empty());
                }
                if multibyte > invalid {
                    (
                        String::from_utf8_lossy(bytes).into_owned(),
                        Some(UTF8_REPAIRED),
                    )
                } else if looks_like_windows_1252(bytes) {
                    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                    (s.into_owned(), Some("windows-1252"))
                } else {
                    return Err(format!(
                        "not valid UTF-8 (byte {at}) and not Windows-1252/Latin-1 text either"
                    ));
                }
            }
        }
    };
    if text.trim().is_empty() {
        return Err("the file holds only whitespace".into());
    }
    // Word writes a vertical tab for a line break and a form feed for a page break: white
    // space, not signs of binary data.
    let stray = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{b}' | '\u{c}');
    let controls = text.chars().filter(|&c| stray(c)).count();
    if controls * 20 > text.chars().count().max(1) {
        let (at, c) = text
            .char_indices()
            .find(|&(_, c)| stray(c))
            .expect("a control character was counted");
        let line = 1 + text[..at].matches('\n').count();
        // A UTF-8 file's text is its bytes (after a BOM); in another encoding, count characters.
        let place = match from {
            None => format!(
                "byte {}",
                at + if bytes.starts_with(b"\xEF\xBB\xBF") {
                    3
                } else {
                    0
                }
            ),
            Some(_) => format!("character {}", text[..at].chars().count()),
        };
        return Err(format!(
            "binary data ({controls} control characters, more than 5% of the text; the first, U+{:04X}, on line {line} at {place}); expected a text file",
            c as u32
        ));
    }
    Ok((text, from))
}

/// UTF-16 text saved without a byte order mark: in Latin-script text nearly every other byte
/// is zero (the high byte of each code unit) and the others nearly never are. Binary data
/// with NUL bytes has no such rhythm.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(8192)];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .take(pairs)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd) && rarely(even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Latin-1 text has high bytes mostly between letters; binary data has C0 controls and
/// bytes Windows-1252 leaves undefined.
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let undefined = [0x81u8, 0x8D, 0x8F, 0x90, 0x9D];
    let bad = bytes
        .iter()
        .filter(|&&b| {
            undefined.contains(&b)
                || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C))
        })
        .count();
    bad == 0
}
