//! TMX dates: UTC, `YYYYMMDDThhmmssZ`, from the clock, `--date` or `SOURCE_DATE_EPOCH`.

/// Formats seconds since the Unix epoch as a TMX date.
pub fn format_epoch(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Checks a user-given TMX date (`YYYYMMDDThhmmssZ`, a real calendar date and time).
pub fn parse(date: &str) -> Result<String, String> {
    let bad = || {
        format!("--date '{date}' is not a UTC date of the form YYYYMMDDThhmmssZ (e.g. 20240926T120000Z)")
    };
    let b = date.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return Err(bad());
    }
    let digits = |r: std::ops::Range<usize>| -> Result<u32, String> {
        let s = &date[r];
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (y, m, d) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (hh, mm, ss) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m)
        || d == 0
        || d > month_days[(m - 1) as usize]
        || hh > 23
        || mm > 59
        || ss > 59
    {
        return Err(bad());
    }
    Ok(date.to_string())
}

/// The creation date to write: `--date` if given, else `SOURCE_DATE_EPOCH`, else now.
pub fn creation_date(given: Option<&str>) -> Result<String, String> {
    if let Some(d) = given {
        return parse(d);
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: u64 = epoch
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds"))?;
        return Ok(format_epoch(secs));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok(format_epoch(now))
}

/// Reads a date as CAT tools write it and returns it as a UTC TMX date: the TMX form
/// `YYYYMMDDThhmmssZ`, or ISO 8601 with an offset or `Z` (`2024-09-26T11:17:00+02:00`,
/// `20240926T111700+0200`), or `2024-09-26 11:17:00 UTC`. `None` when it is none of these or
/// not a real date.
pub fn to_utc(date: &str) -> Option<String> {
    to_epoch(date).map(format_epoch)
}

/// Like [`to_utc`], as seconds since the Unix epoch.
pub fn to_epoch(date: &str) -> Option<u64> {
    let s = date.trim();
    let digits: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    let ymd: String = digits.chars().filter(|c| *c != '-').collect();
    if ymd.len() != 8 || !(digits.len() == 8 || digits.len() == 10) {
        return None;
    }
    let rest = s[digits.len()..].strip_prefix(['T', ' '])?;
    let time: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let hms: String = time.chars().filter(|c| *c != ':').collect();
    if hms.len() != 6 {
        return None;
    }
    let mut zone = rest[time.len()..].trim();
    if let Some(frac) = zone.strip_prefix('.') {
        zone = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset_min: i64 = match zone {
        "Z" | "UTC" | "GMT" | "+00:00" | "+0000" => 0,
        _ => {
            let sign = match zone.chars().next()? {
                '+' => 1,
                '-' => -1,
                _ => return None,
            };
            let hhmm: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if hhmm.len() != 4 || !hhmm.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            sign * (hhmm[..2].parse::<i64>().ok()? * 60 + hhmm[2..].parse::<i64>().ok()?)
        }
    };
    let local = format!("{ymd}T{hms}Z");
    parse(&local).ok()?;
    let num = |r: std::ops::Range<usize>| local[r].parse::<i64>().unwrap_or(0);
    let days = days_from_civil(num(0..4), num(4..6) as u32, num(6..8) as u32);
    let secs = days * 86_400 + num(9..11) * 3600 + num(11..13) * 60 + num(13..15) - offset_min * 60;
    u64::try_from(secs).ok()
}

/// (year, month, day) to days since 1970-01-01, Howard Hinnant's algorithm.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to (year, month, day), Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_formats_as_tmx_date() {
        assert_eq!(format_epoch(0), "19700101T000000Z");
        // 2024-09-26 11:17:00 UTC
        assert_eq!(format_epoch(1_727_349_420), "20240926T111700Z");
        assert_eq!(format_epoch(951_782_400), "20000229T000000Z");
    }

    #[test]
    fn dates_with_offsets_become_utc() {
        assert_eq!(to_utc("20240926T111700Z").unwrap(), "20240926T111700Z");
        assert_eq!(
            to_utc("2024-09-26T11:17:00+02:00").unwrap(),
            "20240926T091700Z"
        );
        assert_eq!(to_utc("20240926T001700-0130").unwrap(), "20240926T014700Z");
        assert_eq!(
            to_utc("2018-06-11 05:09:06 UTC").unwrap(),
            "20180611T050906Z"
        );
        assert_eq!(
            to_utc("2024-01-01T00:30:00+01:00").unwrap(),
            "20231231T233000Z"
        );
        assert_eq!(to_utc("2024-09-26"), None);
        assert_eq!(to_utc("20230229T000000Z"), None);
    }

    #[test]
    fn user_dates_are_checked() {
        assert!(parse("20240926T111700Z").is_ok());
        assert!(parse("2024-09-26").is_err());
        assert!(parse("20230229T000000Z").is_err());
        assert!(parse("20240926T241700Z").is_err());
    }
}
