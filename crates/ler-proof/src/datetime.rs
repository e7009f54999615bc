//! XML Schema 1.1 `dateTime` lexical check, for `created` and `expires`.

/// Whether `text` is a valid XML Schema 1.1 `dateTime`:
/// `-?YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)?`, with real calendar days and `24:00:00` allowed.
pub(crate) fn is_xsd_date_time(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    // Year: at least four digits, no leading zero when more than four.
    let year_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let year_digits = &text[year_start..i];
    if year_digits.len() < 4 || (year_digits.len() > 4 && year_digits.starts_with('0')) {
        return false;
    }
    let year: i64 = match year_digits.parse() {
        Ok(y) => y,
        Err(_) => return false,
    };
    let two = |at: usize| -> Option<u32> {
        let d = b.get(at..at + 2)?;
        if d.iter().all(u8::is_ascii_digit) {
            Some(u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
        } else {
            None
        }
    };
    let expect = |at: usize, c: u8| b.get(at) == Some(&c);
    if !expect(i, b'-') {
        return false;
    }
    let Some(month) = two(i + 1) else {
        return false;
    };
    if !expect(i + 3, b'-') {
        return false;
    }
    let Some(day) = two(i + 4) else { return false };
    if !expect(i + 6, b'T') {
        return false;
    }
    let Some(hour) = two(i + 7) else { return false };
    if !expect(i + 9, b':') {
        return false;
    }
    let Some(minute) = two(i + 10) else {
        return false;
    };
    if !expect(i + 12, b':') {
        return false;
    }
    let Some(second) = two(i + 13) else {
        return false;
    };
    i += 15;
    let mut fraction_zero = true;
    if expect(i, b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            fraction_zero &= b[i] == b'0';
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    let end_of_day = hour == 24 && minute == 0 && second == 0 && fraction_zero;
    if !(end_of_day || (hour < 24 && minute < 60 && second < 60)) {
        return false;
    }
    match &text[i..] {
        "" | "Z" => true,
        zone => {
            let z = zone.as_bytes();
            if z.len() != 6 || !matches!(z[0], b'+' | b'-') || z[3] != b':' {
                return false;
            }
            match (two(i + 1), two(i + 4)) {
                (Some(h), Some(m)) => (h < 14 && m < 60) || (h == 14 && m == 0),
                _ => false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_xsd_date_time;

    #[test]
    fn accepts_valid_and_rejects_invalid() {
        for ok in [
            "2023-02-24T23:36:38Z",
            "2010-01-01T19:23:24Z",
            "2024-02-29T00:00:00.123+05:30",
            "2023-01-01T24:00:00Z",
            "-0044-03-15T12:00:00",
            "12023-01-01T00:00:00-14:00",
        ] {
            assert!(is_xsd_date_time(ok), "{ok}");
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
            "2023-01-01T00:00:60Z",
            "2023-01-01",
        ] {
            assert!(!is_xsd_date_time(bad), "{bad}");
        }
    }
}
