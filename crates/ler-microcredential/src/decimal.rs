//! Exact decimal arithmetic on JSON number text, for sums and range checks that must not drift
//! the way binary floating point does (`0.1 + 0.2`).

use std::cmp::Ordering;

use ler_model::json::Number;

/// The largest scale (digits after the point) kept; `10^MAX_SCALE` must fit in an `i128`.
const MAX_SCALE: u32 = 30;
/// The most significant digits read from one number.
const MAX_DIGITS: usize = 36;

/// `mantissa / 10^scale`, exactly.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    pub(crate) const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub(crate) fn from_int(n: i64) -> Self {
        Self {
            mantissa: i128::from(n),
            scale: 0,
        }
    }

    /// Reads a JSON number's text exactly; `None` when it needs more precision or range than kept.
    pub(crate) fn from_number(n: &Number) -> Option<Self> {
        Self::parse(n.as_str())
    }

    fn parse(text: &str) -> Option<Self> {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text),
        };
        let (significand, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], rest[at + 1..].parse::<i32>().ok()?),
            None => (rest, 0),
        };
        let (int_part, frac_part) = significand.split_once('.').unwrap_or((significand, ""));
        let digits = int_part.trim_start_matches('0').len() + frac_part.len();
        if digits > MAX_DIGITS
            || !int_part
                .bytes()
                .chain(frac_part.bytes())
                .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        let mut scale = i64::try_from(frac_part.len()).ok()? - i64::from(exponent);
        while scale < 0 {
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        let scale = u32::try_from(scale).ok().filter(|s| *s <= MAX_SCALE)?;
        Some(Self {
            mantissa: if negative { -mantissa } else { mantissa },
            scale,
        })
    }

    fn rescaled(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale.checked_sub(self.scale)?)?)
    }

    pub(crate) fn checked_add(self, other: Self) -> Option<Self> {
        let scale = self.scale.max(other.scale);
        Some(Self {
            mantissa: self.rescaled(scale)?.checked_add(other.rescaled(scale)?)?,
            scale,
        })
    }

    /// Compares exactly; `None` only when aligning the two overflows.
    pub(crate) fn compare(self, other: Self) -> Option<Ordering> {
        let scale = self.scale.max(other.scale);
        Some(self.rescaled(scale)?.cmp(&other.rescaled(scale)?))
    }

    /// The shortest plain decimal text: no exponent, no trailing fractional zeros.
    pub(crate) fn to_number(self) -> Number {
        let mut mantissa = self.mantissa;
        let mut scale = self.scale;
        while scale > 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            scale -= 1;
        }
        let digits = mantissa.unsigned_abs().to_string();
        let sign = if mantissa < 0 { "-" } else { "" };
        let scale = scale as usize;
        let text = if scale == 0 {
            format!("{sign}{digits}")
        } else if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            format!("{sign}{int}.{frac}")
        } else {
            format!("{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        };
        // The text is a plain decimal by construction, so it always parses.
        text.parse().unwrap_or_else(|_| Number::from(0u8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap()
    }

    #[test]
    fn sums_exactly_where_floats_drift() {
        let sum = d("0.1").checked_add(d("0.2")).unwrap();
        assert_eq!(sum.to_number().as_str(), "0.3");
        assert_eq!(sum.compare(d("0.30")), Some(Ordering::Equal));
        assert_eq!(d("1e2").to_number().as_str(), "100");
        assert_eq!(d("12.50").to_number().as_str(), "12.5");
        assert_eq!(d("-0.05").to_number().as_str(), "-0.05");
        assert_eq!(d("25E-1").to_number().as_str(), "2.5");
    }

    #[test]
    fn compares_beyond_float_precision() {
        assert_eq!(
            d("100.0000000000000001").compare(d("100")),
            Some(Ordering::Greater)
        );
        assert_eq!(
            d("0.99999999999999999999").compare(d("1")),
            Some(Ordering::Less)
        );
    }

    #[test]
    fn refuses_what_it_cannot_hold() {
        assert!(Decimal::parse("1e400").is_none());
        assert!(Decimal::parse("1e-400").is_none());
        assert!(Decimal::parse(&"9".repeat(40)).is_none());
    }
}
