//! How much memory aligning two documents takes, told before aligning, so that an alignment
//! too large for the machine stops at once with a message instead of being killed by the
//! operating system halfway.
//!
//! Alignment memory is linear in the input: the text itself and what is derived from it
//! (about [`PER_BYTE`] bytes per byte of text), and for every sentence its features and the
//! cells of the banded search (about [`PER_SENTENCE`] bytes). The constants are the peak
//! resident memory of the release binary measured with `/usr/bin/time -v` (README,
//! "Limits"), rounded up by about a fifth.
//!
//! ```
//! use alinea::memory::{estimate, parse_size};
//! assert_eq!(parse_size("1.5G").unwrap(), 3 << 29);
//! assert!(estimate(100 << 20, 700_000) > 1 << 30);
//! ```

use std::path::Path;

/// What parsing a web page takes per byte of HTML: the tree of a page is held whole before
/// its text is extracted (measured: 2.3 GB for a page of 143 MB of paragraphs).
pub const PER_HTML_BYTE: u64 = 17;

/// What reading a Word document takes per byte of its (uncompressed) XML.
pub const PER_DOCX_XML_BYTE: u64 = 3;

/// What any alignment needs besides its input: the program, the built-in rules, buffers.
pub const BASE: u64 = 32 << 20;
/// Bytes per byte of input text (measured: 5.9 on book-length prose).
pub const PER_BYTE: u64 = 7;
/// Bytes per sentence of both sides (measured: 0.85 to 1.07 KB).
pub const PER_SENTENCE: u64 = 1300;

/// The peak memory of aligning `text_bytes` bytes of text (both sides) cut into `sentences`
/// sentences (both sides), in bytes.
pub fn estimate(text_bytes: u64, sentences: u64) -> u64 {
    BASE.saturating_add(PER_BYTE.saturating_mul(text_bytes))
        .saturating_add(PER_SENTENCE.saturating_mul(sentences))
}

/// The limit when none is given: three quarters of the physical memory, or of the memory a
/// control group allows the process if that is less; 4 GiB when neither can be read.
pub fn default_limit() -> u64 {
    let physical = std::fs::read_to_string("/proc/meminfo").ok().and_then(|m| {
        m.lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
    });
    let cgroup = [
        "/sys/fs/cgroup/memory.max",
        "/sys/fs/cgroup/memory/memory.limit_in_bytes",
    ]
    .iter()
    .filter_map(|p| std::fs::read_to_string(Path::new(p)).ok())
    .find_map(|v| v.trim().parse::<u64>().ok());
    match (physical, cgroup) {
        (Some(p), Some(c)) => p.min(c) / 4 * 3,
        (Some(m), None) | (None, Some(m)) => m / 4 * 3,
        (None, None) => 4 << 30,
    }
}

/// Parses a size: bytes, or a number with `K`, `M`, `G` or `T` (powers of 1024; a `B` or
/// `iB` after it is allowed): `4G`, `1.5G`, `800M`, `800MiB`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let upper = text.trim().to_ascii_uppercase();
    let t = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (number, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&t[..i], &t[i..]),
        None => (t, ""),
    };
    let scale: u64 = match unit {
        "" => 1,
        "K" => 1 << 10,
        "M" => 1 << 20,
        "G" => 1 << 30,
        "T" => 1 << 40,
        _ => return Err(format!("'{text}' is not a size (use 800M, 4G ...)")),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a size (use 800M, 4G ...)"))?;
    if !(value.is_finite() && value > 0.0) {
        return Err(format!("'{text}': a size must be above zero"));
    }
    Ok((value * scale as f64).min(u64::MAX as f64) as u64)
}

/// A size for messages: `950 MB`, `2.4 GB` (powers of 1024).
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_powers_of_1024() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("800M"), Ok(800 << 20));
        assert_eq!(parse_size("800MiB"), Ok(800 << 20));
        assert_eq!(parse_size("2gb"), Ok(2 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("-1G").is_err());
        assert!(parse_size("4X").is_err());
    }

    #[test]
    fn sizes_print_for_people() {
        assert_eq!(human(512), "512 bytes");
        assert_eq!(human(3 << 29), "1.5 GB");
        assert_eq!(human(950 << 20), "950 MB");
    }

    #[test]
    fn the_estimate_grows_with_text_and_sentences_and_never_overflows() {
        assert!(estimate(200 << 20, 1_400_000) > estimate(200 << 20, 0));
        assert!(estimate(200 << 20, 0) > 1 << 30);
        assert_eq!(estimate(u64::MAX, u64::MAX), u64::MAX);
        assert!(default_limit() >= 1 << 20);
    }
}
