use std::fmt;
use std::str::FromStr;

/// A JSON number that keeps the exact text it was written with.
///
/// Equality compares the text: `1.0` and `1` are different numbers here, because a signature
/// over one does not cover the other.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Number(Box<str>);

/// The text is not a JSON number (RFC 8259 §6), or a float is not finite.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a JSON number: {text:?}")]
pub struct NumberError {
    /// The rejected text (or float, formatted).
    pub text: String,
}

impl Number {
    /// The number exactly as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text is a plain integer: no fraction and no exponent.
    pub fn is_integer_text(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    /// The value as `u64`, when the text is an integer in range.
    pub fn as_u64(&self) -> Option<u64> {
        if self.is_integer_text() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The value as `i64`, when the text is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer_text() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The value as the nearest `f64` (infinite when out of range, as JavaScript reads it).
    pub fn as_f64(&self) -> f64 {
        // The grammar check guarantees Rust's float parser accepts the text.
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// Builds a number from a finite float, written in Rust's shortest round-trip form.
    pub fn from_f64(value: f64) -> Result<Self, NumberError> {
        if value.is_finite() {
            Ok(Self(value.to_string().into_boxed_str()))
        } else {
            Err(NumberError {
                text: value.to_string(),
            })
        }
    }

    pub(crate) fn from_checked_text(text: &str) -> Self {
        Self(text.into())
    }
}

/// Checks the JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
/// Returns how many bytes of `bytes` form the longest number prefix, or `None` if none does.
pub(crate) fn scan_number(bytes: &[u8]) -> Option<usize> {
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    if bytes.first() == Some(&b'-') {
        i = 1;
    }
    match bytes.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(i),
        _ => return None,
    }
    if bytes.get(i) == Some(&b'.') {
        let n = digits(i + 1);
        if n == 0 {
            return None;
        }
        i += 1 + n;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let n = digits(j);
        if n == 0 {
            return None;
        }
        i = j + n;
    }
    Some(i)
}

impl FromStr for Number {
    type Err = NumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match scan_number(text.as_bytes()) {
            Some(n) if n == text.len() => Ok(Self(text.into())),
            _ => Err(NumberError {
                text: text.to_owned(),
            }),
        }
    }
}

macro_rules! number_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Number {
            fn from(value: $t) -> Self {
                Self(value.to_string().into_boxed_str())
            }
        }
    )*};
}
number_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_accepts_json_numbers_and_rejects_others() {
        for ok in [
            "0", "-0", "1", "-12", "1.5", "1.50", "1e3", "1E+3", "-1.0e-7", "1e400",
        ] {
            assert!(ok.parse::<Number>().is_ok(), "{ok} should parse");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "+1", "1e", "1e+", "NaN", "Infinity", "0x10", "1 ",
        ] {
            assert!(bad.parse::<Number>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn keeps_text_and_converts_when_exact() {
        let n: Number = "1.10".parse().unwrap();
        assert_eq!(n.as_str(), "1.10");
        assert_eq!(n.as_u64(), None);
        assert_eq!(n.as_f64(), 1.1);
        let big: Number = "18446744073709551616".parse().unwrap();
        assert_eq!(big.as_u64(), None, "one past u64::MAX does not fit");
        assert_eq!("-5".parse::<Number>().unwrap().as_i64(), Some(-5));
        assert!(Number::from_f64(f64::NAN).is_err());
        assert_eq!(Number::from_f64(0.25).unwrap().as_str(), "0.25");
    }
}
