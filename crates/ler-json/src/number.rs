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

    /// Whether the text denotes exactly the value a JSON parser that reads numbers as IEEE 754
    /// doubles hands on: the decimal value of the text equals the decimal value of the nearest
    /// `f64`'s shortest round-trip form (what RFC 8785 JCS and JSON-LD's `xsd:integer` literals
    /// write).
    ///
    /// `1.50`, `150e-2`, `0.1` and `-0` qualify (they denote the decimals `1.5`, `0.1` and `0`);
    /// `40.00000000000000001` (read as `40`), `9007199254740993` (read as `9007199254740992`)
    /// and `1e400` (no finite double) do not. A signature made over the double covers every text
    /// that rounds to it, so a caller reading the text of a number that fails this test would read
    /// a value nobody signed.
    ///
    /// ```
    /// use ler_json::Number;
    ///
    /// let exact = |t: &str| t.parse::<Number>().unwrap().is_exactly_representable();
    /// assert!(exact("1.50") && exact("150e-2") && exact("0.1"));
    /// assert!(!exact("40.00000000000000001") && !exact("9007199254740993") && !exact("1e400"));
    /// ```
    pub fn is_exactly_representable(&self) -> bool {
        // The common case without formatting: an integer of at most 15 digits is below 2^53.
        if self.is_integer_text() && self.0.trim_start_matches('-').len() <= 15 {
            return true;
        }
        let value = self.as_f64();
        // Rust writes floats in the shortest form that reads back as the same double, the form
        // ECMAScript's Number::toString (hence JCS) also picks.
        value.is_finite() && self.denotes_same_value(&format!("{value:e}"))
    }

    /// Whether this number and `other` (text in the JSON number grammar, such as `1.5E0`, or
    /// with a `+` exponent sign as ECMAScript writes `1e+30`) denote the same decimal value:
    /// `1.5`, `1.50`, `15e-1` and `1.5E0` do; `-0` and `0` do. `false` when `other` is not a
    /// number.
    pub fn denotes_same_value(&self, other: &str) -> bool {
        match (DecimalValue::of(&self.0), DecimalValue::of(other)) {
            (Some(a), Some(b)) => a.is_same(&b),
            _ => false,
        }
    }

    pub(crate) fn from_checked_text(text: &str) -> Self {
        Self(text.into())
    }
}

/// A number's value as a decimal, without allocating its digits: the significant digits (no
/// leading or trailing zeros) and the power of ten of the last one.
enum DecimalValue<'a> {
    Zero,
    NonZero {
        negative: bool,
        /// The integer and fraction digits with leading and trailing zeros cut off: the
        /// significant digits are `integer` followed by `fraction`.
        integer: &'a str,
        fraction: &'a str,
        /// The power of ten of the last significant digit.
        exponent: i128,
    },
    /// An exponent beyond `i64`: no double comes near it, and no other number is compared to it.
    OutOfRange,
}

impl<'a> DecimalValue<'a> {
    /// Reads JSON number text (grammar-checked here, so a caller may pass any string).
    fn of(text: &'a str) -> Option<Self> {
        if scan_number(text.as_bytes()) != Some(text.len()) {
            return None;
        }
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent_text) = match unsigned.find(['e', 'E']) {
            Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
            None => (unsigned, None),
        };
        let (integer, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if !mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            return Some(DecimalValue::Zero);
        }
        let exponent: i128 = match exponent_text {
            None => 0,
            Some(e) => match e.strip_prefix('+').unwrap_or(e).parse::<i64>() {
                Ok(e) => i128::from(e),
                Err(_) => return Some(DecimalValue::OutOfRange),
            },
        };
        // The digits run integer ++ fraction; the last one sits at 10^(exponent - fraction.len()).
        let (integer, fraction, last_power) = if fraction.trim_end_matches('0').is_empty() {
            let trimmed = integer.trim_end_matches('0');
            let zeros = (integer.len() - trimmed.len()) as i128;
            (trimmed, "", exponent + zeros)
        } else {
            let trimmed = fraction.trim_end_matches('0');
            (integer, trimmed, exponent - trimmed.len() as i128)
        };
        // Leading zeros: in the integer part only `0` itself (JSON has no leading zeros), then
        // in the fraction when the integer part is zero.
        let integer = integer.trim_start_matches('0');
        let fraction = if integer.is_empty() {
            fraction.trim_start_matches('0')
        } else {
            fraction
        };
        Some(DecimalValue::NonZero {
            negative,
            integer,
            fraction,
            exponent: last_power,
        })
    }

    fn is_same(&self, other: &Self) -> bool {
        match (self, other) {
            (DecimalValue::Zero, DecimalValue::Zero) => true,
            (
                DecimalValue::NonZero {
                    negative: n1,
                    integer: i1,
                    fraction: f1,
                    exponent: e1,
                },
                DecimalValue::NonZero {
                    negative: n2,
                    integer: i2,
                    fraction: f2,
                    exponent: e2,
                },
            ) => {
                n1 == n2
                    && e1 == e2
                    && i1.len() + f1.len() == i2.len() + f2.len()
                    && i1
                        .bytes()
                        .chain(f1.bytes())
                        .eq(i2.bytes().chain(f2.bytes()))
            }
            _ => false,
        }
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

    fn exact(text: &str) -> bool {
        text.parse::<Number>().unwrap().is_exactly_representable()
    }

    #[test]
    fn same_value_compares_decimals_not_text() {
        let n = |t: &str| t.parse::<Number>().unwrap();
        for (a, b) in [
            ("1.5", "1.50"),
            ("1.5", "15e-1"),
            ("1.5", "1.5E0"),
            ("150e-2", "1.5"),
            ("1e+30", "1000000000000000000000000000000"),
            ("-0", "0"),
            ("0.000", "0e999999999999999999999"),
            ("100", "1E2"),
            ("0.0012", "1.2e-3"),
            ("-5.0E-6", "-0.000005"),
        ] {
            assert!(n(a).denotes_same_value(b), "{a} = {b}");
            assert!(n(b).denotes_same_value(a), "{b} = {a}");
        }
        for (a, b) in [
            ("1.5", "-1.5"),
            ("1.5", "15"),
            ("10", "1"),
            ("12", "21"),
            ("1.2", "12e-2"),
            ("1e999999999999999999999", "1e999999999999999999999"),
            ("1", "x"),
        ] {
            assert!(!n(a).denotes_same_value(b), "{a} != {b}");
        }
    }

    #[test]
    fn exactly_representable_numbers_are_those_a_double_keeps() {
        for ok in [
            "0",
            "-0",
            "40",
            "1.50",
            "1.5e0",
            "150e-2",
            "0.1",
            "1e21",
            "9007199254740992",
            "0.30000000000000004",
            "5e-324",
            "1.7976931348623157e308",
            "-12.25",
        ] {
            assert!(exact(ok), "{ok} should be exact");
        }
        for bad in [
            "40.00000000000000001",
            "9007199254740993",
            "1e400",
            "-1e400",
            "1e-400",
            "0.1000000000000000055511151231257827",
            "333333333.33333329",
            "1e99999999999999999999",
        ] {
            assert!(!exact(bad), "{bad} should be refused");
        }
    }
}
