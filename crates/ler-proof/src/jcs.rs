//! RFC 8785 JSON Canonicalization Scheme (JCS) over [`ler_model::json::Value`].
//!
//! Keys are sorted by their UTF-16 code units, strings are escaped as ECMAScript's
//! `JSON.stringify` escapes them, and every number is written as ECMAScript's
//! `Number.prototype.toString` writes the double nearest to its original text (so `1.0` becomes
//! `1`, `1e21` becomes `1e+21`, and a number outside the double range is an error, not
//! `Infinity`).

use std::borrow::Cow;
use std::cmp::Ordering;

use ler_model::json::{Number, Value, escape_token, write_escaped_str};

/// Deepest nesting canonicalized; the JSON parser's own ceiling, so no parsed value hits it.
const MAX_DEPTH: usize = 1_000;

/// Why a value has no JCS form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JcsError {
    /// A number whose nearest double is infinite (for example `1e400`): I-JSON and RFC 8785
    /// allow only finite numbers.
    #[error("{pointer}: the number {text} is outside the range of IEEE 754 doubles")]
    NumberOutOfRange {
        /// JSON pointer of the number.
        pointer: String,
        /// Its text.
        text: String,
    },
    /// Nesting deeper than 1,000 levels.
    #[error("{pointer}: nesting deeper than {MAX_DEPTH} levels")]
    TooDeep {
        /// JSON pointer where the limit was reached.
        pointer: String,
    },
}

impl JcsError {
    fn prefixed(mut self, segment: &str) -> Self {
        let pointer = match &mut self {
            JcsError::NumberOutOfRange { pointer, .. } | JcsError::TooDeep { pointer } => pointer,
        };
        pointer.insert_str(0, segment);
        pointer.insert(0, '/');
        self
    }
}

/// The JCS form of `value`, as a string (UTF-8, no trailing newline).
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    let mut out = String::new();
    canonicalize_into(value, &mut out)?;
    Ok(out)
}

/// Appends the JCS form of `value` to `out`. On error, `out` holds a partial result.
pub fn canonicalize_into(value: &Value, out: &mut String) -> Result<(), JcsError> {
    Writer::new(out, false).value(value, 0)
}

/// One JCS walk: the output, the sorting scratch and what the walk saw of numbers.
struct Writer<'v, 'o> {
    out: &'o mut String,
    /// Scratch shared by the whole walk: each object sorts its members in a range at its end
    /// and truncates back when done, so a document costs one allocation for sorting, not one
    /// per object.
    members: Vec<(&'v str, &'v Value)>,
    /// When asked for: whether every number written so far denotes exactly the double JCS
    /// writes for it ([`Number::is_exactly_representable`]), so a caller that must refuse the
    /// others needs no walk of its own when all are. `None` when not asked for, so plain
    /// canonicalization does not pay for the test.
    numbers_exact: Option<bool>,
}

impl<'v, 'o> Writer<'v, 'o> {
    fn new(out: &'o mut String, check_numbers: bool) -> Self {
        Self {
            out,
            members: Vec::with_capacity(SCRATCH_MEMBERS),
            numbers_exact: check_numbers.then_some(true),
        }
    }

    fn value(&mut self, value: &'v Value, depth: usize) -> Result<(), JcsError> {
        match value {
            Value::Null => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::String(s) => write_escaped_str(s, self.out),
            Value::Number(n) => {
                // Tested until one is not exact: the answer is known from there.
                if self.numbers_exact == Some(true) {
                    self.numbers_exact = Some(n.is_exactly_representable());
                }
                self.out.push_str(&number_to_jcs(n)?);
            }
            Value::Array(items) => {
                if depth >= MAX_DEPTH {
                    return Err(JcsError::TooDeep {
                        pointer: String::new(),
                    });
                }
                self.out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.value(item, depth + 1)
                        .map_err(|e| e.prefixed(&i.to_string()))?;
                }
                self.out.push(']');
            }
            Value::Object(object) => {
                if depth >= MAX_DEPTH {
                    return Err(JcsError::TooDeep {
                        pointer: String::new(),
                    });
                }
                self.object(object.iter(), depth)?;
            }
        }
        Ok(())
    }

    /// Writes an object of `entries` (keys distinct), sorting them in a range at the end of
    /// the shared scratch.
    fn object(
        &mut self,
        entries: impl Iterator<Item = (&'v str, &'v Value)>,
        depth: usize,
    ) -> Result<(), JcsError> {
        let start = self.members.len();
        self.members.extend(entries);
        self.members[start..].sort_unstable_by(|a, b| compare_utf16(a.0, b.0));
        self.out.push('{');
        for i in start..self.members.len() {
            // Members of objects inside this one are pushed past its range and truncated away
            // again before the next of its own is read.
            let (key, member) = self.members[i];
            if i > start {
                self.out.push(',');
            }
            write_escaped_str(key, self.out);
            self.out.push(':');
            self.value(member, depth + 1)
                .map_err(|e| e.prefixed(&escape_token(key)))?;
        }
        self.members.truncate(start);
        self.out.push('}');
        Ok(())
    }
}

/// The JCS forms of a proof configuration and a document, written one after the other into one
/// buffer by [`canonicalize_config_and_document_into`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    /// Where the document's form begins.
    pub(crate) split: usize,
    /// Whether every number in both denotes exactly the double written for it.
    pub(crate) numbers_exact: bool,
}

/// Appends the JCS form of the object whose members are `entries`, then that of `document`,
/// sorting both in one scratch, and says where the second begins in `out`. The object is
/// written without being built: the proof configuration is the proof's members and the
/// document's `@context`, borrowed from both. Its keys must be distinct, as an object's are.
pub(crate) fn canonicalize_config_and_document_into<'v>(
    entries: impl Iterator<Item = (&'v str, &'v Value)>,
    document: &'v Value,
    out: &mut String,
) -> Result<Written, JcsError> {
    let mut writer = Writer::new(out, true);
    writer.object(entries, 0)?;
    let split = writer.out.len();
    writer.value(document, 0)?;
    Ok(Written {
        split,
        numbers_exact: writer.numbers_exact == Some(true),
    })
}

/// Members the sorting scratch has room for from the start: more than a credential's deepest
/// chain of objects holds together, so it rarely grows, and few enough (24 bytes each) that
/// the allocator serves it from its per-thread cache of small blocks.
const SCRATCH_MEMBERS: usize = 40;

/// Orders strings by UTF-16 code units, as RFC 8785 §3.2.3 requires. Up to their first
/// differing byte both strings hold the same characters, and there UTF-8 byte order is
/// UTF-16 order unless both bytes belong to non-ASCII characters (a supplementary character
/// sorts after U+E000..U+FFFF in UTF-8, before it in UTF-16).
fn compare_utf16(a: &str, b: &str) -> Ordering {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    match x.iter().zip(y).position(|(p, q)| p != q) {
        None => x.len().cmp(&y.len()),
        Some(at) if x[at].is_ascii() || y[at].is_ascii() => x[at].cmp(&y[at]),
        Some(_) => a.encode_utf16().cmp(b.encode_utf16()),
    }
}

/// The JCS text of a JSON number: ECMAScript `Number.prototype.toString` of the double nearest
/// to the number's original text.
pub fn number_to_jcs(number: &Number) -> Result<Cow<'_, str>, JcsError> {
    let text = number.as_str();
    // Integers below 2^53 in magnitude (at most 15 digits) print as written; JSON's grammar
    // already excludes leading zeros. Only "-0" differs: ECMAScript prints it as "0".
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.len() <= 15 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(if digits == "0" {
            Cow::Borrowed("0")
        } else {
            Cow::Borrowed(text)
        });
    }
    // Rust's float parser rounds correctly (round-half-even), as ECMAScript's does.
    let value: f64 = text.parse().unwrap_or(f64::INFINITY);
    if !value.is_finite() {
        return Err(JcsError::NumberOutOfRange {
            pointer: String::new(),
            text: text.to_owned(),
        });
    }
    Ok(Cow::Owned(f64_to_jcs(value)))
}

/// ECMAScript `Number.prototype.toString` of a finite double (`-0` prints as `0`).
pub(crate) fn f64_to_jcs(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    let mut buffer = ryu_js::Buffer::new();
    buffer.format_finite(value).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ler_model::json::parse;

    fn jcs(text: &str) -> String {
        canonicalize(&parse(text.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn rfc8785_section_3_2_2_example() {
        // RFC 8785 §3.2.2 input and output (the "numbers", "string" and "literals" example).
        let input = r#"{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
            "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}"#;
        assert_eq!(
            jcs(input),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn sorts_by_utf16_code_units() {
        // U+1F600 (surrogates D83D DE00) sorts before U+FB01 in UTF-16, after it in UTF-8.
        assert_eq!(
            jcs("{\"\u{fb01}\":1,\"\u{1f600}\":2,\"a\":3}"),
            "{\"a\":3,\"\u{1f600}\":2,\"\u{fb01}\":1}"
        );
    }

    #[test]
    fn key_order_is_utf16_order_for_every_pair() {
        // Shared prefixes, one key a prefix of another, ASCII against non-ASCII at the first
        // difference, and the two ranges whose order UTF-8 and UTF-16 disagree on.
        let keys = [
            "",
            "a",
            "ab",
            "abc",
            "b",
            "a\u{7f}",
            "a\u{80}",
            "a\u{ff}",
            "a\u{fb01}",
            "a\u{1f600}",
            "a\u{e000}",
            "a\u{ffff}",
            "a\u{10000}",
            "\u{fb01}",
            "\u{1f600}",
            "\u{1f600}x",
            "\u{fb01}\u{1f600}",
            "\u{fb01}\u{fb01}",
            "\u{e9}",
            "\u{e9}a",
            "e",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(
                    compare_utf16(a, b),
                    a.encode_utf16().cmp(b.encode_utf16()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn numbers_follow_ecmascript() {
        for (input, output) in [
            ("-0", "0"),
            ("-0.0", "0"),
            ("1.0", "1"),
            ("1e21", "1e+21"),
            ("1e20", "100000000000000000000"),
            ("123456789012345678", "123456789012345680"),
            ("9007199254740993", "9007199254740992"),
            ("0.1e1", "1"),
            ("5e-324", "5e-324"),
            ("1.7976931348623157e308", "1.7976931348623157e+308"),
            ("0.000001", "0.000001"),
            ("0.0000001", "1e-7"),
        ] {
            assert_eq!(
                number_to_jcs(&input.parse().unwrap()).unwrap(),
                output,
                "{input}"
            );
        }
    }

    #[test]
    fn out_of_range_numbers_name_their_pointer() {
        let value = parse(br#"{"a":[1,{"b~c":1e400}]}"#).unwrap();
        let err = canonicalize(&value).unwrap_err();
        assert_eq!(
            err,
            JcsError::NumberOutOfRange {
                pointer: "/a/1/b~0c".into(),
                text: "1e400".into()
            }
        );
    }
}
