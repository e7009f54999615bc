//! Lexical checks and ordering for the date types the data model uses: `xsd:dateTimeStamp`
//! (VC 2.0 `validFrom`/`validUntil`), `xsd:dateTime` (VC 1.1) and `xsd:date` (employment dates).
//!
//! The text is never rewritten (the document keeps it as written); these functions only read it.

/// A date-time read from its text: seconds since 1970-01-01T00:00:00Z plus nanoseconds, for
/// ordering. A value without a time zone (allowed by `xsd:dateTime` only) is read as UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    /// Whole seconds since the Unix epoch (negative before it).
    pub seconds: i64,
    /// Nanoseconds within the second (digits past the ninth are dropped).
    pub nanos: u32,
}

/// Why a date or date-time text was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The text does not match the lexical form.
    #[error("not in the form {expected}")]
    Form {
        /// The form that was expected, for messages.
        expected: &'static str,
    },
    /// A field is out of range (month 13, February 30, hour 25, offset over 14:00, ...).
    #[error("a field is out of range")]
    Range,
    /// The form needs a time zone (`Z` or `±hh:mm`) and has none.
    #[error("has no time zone (Z or ±hh:mm)")]
    NoTimeZone,
}

const DATE_TIME_FORM: &str = "YYYY-MM-DDThh:mm:ss[.s+](Z|±hh:mm)";
const DATE_FORM: &str = "YYYY-MM-DD";

/// Parses an `xsd:dateTimeStamp` (a date-time with a time zone), as VC 2.0 requires for
/// `validFrom` and `validUntil`.
///
/// ```
/// use ler_model::date;
/// assert!(date::parse_date_time_stamp("2024-02-29T12:00:00.5+01:00").is_ok());
/// assert!(date::parse_date_time_stamp("2024-02-29T12:00:00").is_err());
/// assert!(date::parse_date_time_stamp("2023-02-29T12:00:00Z").is_err());
/// ```
pub fn parse_date_time_stamp(text: &str) -> Result<Instant, DateError> {
    match parse_date_time(text)? {
        (instant, true) => Ok(instant),
        (_, false) => Err(DateError::NoTimeZone),
    }
}

/// Parses an `xsd:dateTime`; the time zone is optional (a value without one is read as UTC).
/// Returns the instant and whether a time zone was given.
pub fn parse_date_time(text: &str) -> Result<(Instant, bool), DateError> {
    let form = DateError::Form {
        expected: DATE_TIME_FORM,
    };
    let (date_part, time_part) = text.split_once('T').ok_or(form)?;
    let days = date_days(date_part, form)?;
    let b = time_part.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return Err(form);
    }
    let hour = digits(&b[0..2]).ok_or(form)?;
    let minute = digits(&b[3..5]).ok_or(form)?;
    let second = digits(&b[6..8]).ok_or(form)?;
    let mut rest = &b[8..];
    let mut nanos = 0u32;
    let mut fraction_zero = true;
    if let Some((&b'.', after)) = rest.split_first() {
        let n = after.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(form);
        }
        for (i, &d) in after[..n].iter().enumerate() {
            if d != b'0' {
                fraction_zero = false;
            }
            if i < 9 {
                nanos = nanos * 10 + u32::from(d - b'0');
            }
        }
        nanos *= 10u32.pow(9u32.saturating_sub(n.min(9) as u32));
        rest = &after[n..];
    }
    // 24:00:00 is allowed by XSD only with a zero fraction; it is the next day's midnight.
    let end_of_day = hour == 24 && minute == 0 && second == 0 && fraction_zero;
    if (hour > 23 && !end_of_day) || minute > 59 || second > 59 {
        return Err(DateError::Range);
    }
    let (offset_seconds, zoned) = match rest {
        [] => (0i64, false),
        [b'Z'] => (0, true),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits(&[*h1, *h2]).ok_or(form)?;
            let om = digits(&[*m1, *m2]).ok_or(form)?;
            if om > 59 || oh > 14 || (oh == 14 && om != 0) {
                return Err(DateError::Range);
            }
            let offset = i64::from(oh * 3600 + om * 60);
            (if *sign == b'-' { -offset } else { offset }, true)
        }
        _ => return Err(form),
    };
    let seconds = days
        .saturating_mul(86_400)
        .saturating_add(i64::from(hour * 3600 + minute * 60 + second))
        .saturating_sub(offset_seconds);
    Ok((Instant { seconds, nanos }, zoned))
}

/// Parses an `xsd:date` in the form `YYYY-MM-DD` (no time zone), as employment records use for
/// `startDate` and `endDate`. Returns days since 1970-01-01.
///
/// ```
/// assert_eq!(ler_model::date::parse_date("1970-01-02"), Ok(1));
/// assert!(ler_model::date::parse_date("2021-13-01").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<i64, DateError> {
    date_days(
        text,
        DateError::Form {
            expected: DATE_FORM,
        },
    )
}

/// `-?YYYY-MM-DD` (year: four or more digits, no leading zero past four; a `-` for years before
/// 1 CE, as XML Schema allows) to days since the epoch.
fn date_days(text: &str, form: DateError) -> Result<i64, DateError> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let b = text.as_bytes();
    let year_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(4..=9).contains(&year_len) || (year_len > 4 && b[0] == b'0') {
        return Err(form);
    }
    let rest = &b[year_len..];
    if rest.len() != 6 || rest[0] != b'-' || rest[3] != b'-' {
        return Err(form);
    }
    let year = i64::from(digits(&b[..year_len]).ok_or(form)?);
    let year = if negative { -year } else { year };
    let month = digits(&rest[1..3]).ok_or(form)?;
    let day = digits(&rest[4..6]).ok_or(form)?;
    if year == 0 {
        return Err(DateError::Range);
    }
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(DateError::Range);
    }
    Ok(days_from_civil(year, month, day))
}

fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_time_stamp_forms() {
        for ok in [
            "2010-01-01T00:00:00Z",
            "2010-01-01T19:23:24.123456789012Z",
            "2024-02-29T23:59:59-05:30",
            "2024-12-31T24:00:00Z",
            "12024-01-01T00:00:00+14:00",
            "-0044-03-15T12:00:00Z",
        ] {
            assert!(parse_date_time_stamp(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2010-01-01",
            "2010-01-01T00:00:00",
            "2010-1-01T00:00:00Z",
            "2010-01-01 00:00:00Z",
            "2010-01-01T00:00Z",
            "2010-01-01T00:00:00.Z",
            "2010-01-01T00:00:00+1:00",
            "2010-01-01T00:00:00+15:00",
            "2010-02-30T00:00:00Z",
            "2010-01-01T24:00:01Z",
            "02010-01-01T00:00:00Z",
            "2010-01-01T00:00:00z",
            "",
        ] {
            assert!(parse_date_time_stamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_time_forms_with_an_optional_time_zone() {
        for ok in [
            "2023-02-24T23:36:38Z",
            "2024-02-29T00:00:00.123+05:30",
            "2023-01-01T24:00:00Z",
            "-0044-03-15T12:00:00",
            "12023-01-01T00:00:00-14:00",
        ] {
            assert!(parse_date_time(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01 00:00:00Z",
            "2023-01-01T24:00:01Z",
            "2023-01-01T00:00:00.Z",
            "2023-01-01T00:00:00+14:30",
            "2023-01-01T00:00:00z",
            "023-01-01T00:00:00Z",
            "02023-01-01T00:00:00Z",
            "--2023-01-01T00:00:00Z",
            "2023-01-01T00:00:60Z",
            "2023-01-01",
        ] {
            assert!(parse_date_time(bad).is_err(), "{bad}");
        }
        // Years before 1 CE order before the epoch.
        let (old, _) = parse_date_time("-0044-03-15T12:00:00").unwrap();
        assert!(old.seconds < -62_000_000_000);
    }

    #[test]
    fn instants_order_across_time_zones() {
        let a = parse_date_time_stamp("2020-01-01T10:00:00+02:00").unwrap();
        let b = parse_date_time_stamp("2020-01-01T09:00:00Z").unwrap();
        assert!(a < b, "08:00Z is before 09:00Z");
        let c = parse_date_time_stamp("2020-01-01T09:00:00.5Z").unwrap();
        assert!(b < c);
        assert_eq!(
            parse_date_time_stamp("1970-01-01T00:00:00Z").unwrap(),
            Instant {
                seconds: 0,
                nanos: 0
            }
        );
        assert!(!parse_date_time("2020-01-01T00:00:00").unwrap().1);
    }

    #[test]
    fn dates_and_leap_years() {
        assert_eq!(parse_date("2000-02-29"), Ok(days_from_civil(2000, 2, 29)));
        assert_eq!(parse_date("1900-02-29"), Err(DateError::Range));
        assert_eq!(
            parse_date("2024-03-01").unwrap() - parse_date("2024-02-28").unwrap(),
            2
        );
        assert!(parse_date("2024-03-01T00:00:00Z").is_err());
    }
}
