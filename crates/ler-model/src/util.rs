//! Small private helpers over [`Value`]: JSON-LD's "one or many", `type` lists, URL shape.

use crate::json::{Object, Value};

/// A property that JSON-LD lets be one value or an array of them, as a slice.
pub(crate) fn one_or_many(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        other => std::slice::from_ref(other),
    }
}

/// The strings of `object["type"]` (a string or an array of them); non-strings are skipped.
pub(crate) fn types_of(object: &Object) -> Vec<&str> {
    object
        .get("type")
        .map(one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

/// Whether `object["type"]` names `wanted`.
pub(crate) fn has_type(object: &Object, wanted: &str) -> bool {
    object
        .get("type")
        .map(one_or_many)
        .unwrap_or(&[])
        .iter()
        .any(|t| t.as_str() == Some(wanted))
}

/// Whether `text` has the shape of an absolute URL (RFC 3986 scheme, then something, no spaces).
/// The data model asks for URLs; which schemes and hosts are acceptable is policy, not shape.
pub(crate) fn is_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let starts_alpha = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    starts_alpha
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !has_space_or_control(text)
}

/// Whether `text` has white space or a control character anywhere; for ASCII text (nearly every
/// URL) a byte test, since the ASCII white space and controls are exactly the bytes up to the
/// space and DEL.
fn has_space_or_control(text: &str) -> bool {
    if text.is_ascii() {
        return text.bytes().any(|b| b <= b' ' || b == 0x7f);
    }
    text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The string value of `object[key]`, if it is one.
pub(crate) fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_or_control_byte_test_agrees_with_the_unicode_one_on_ascii() {
        for byte in 0..0x80u8 {
            let c = char::from(byte);
            let text = format!("https://a.example/{c}");
            assert_eq!(
                has_space_or_control(&text),
                c.is_whitespace() || c.is_control(),
                "{byte:#x}"
            );
        }
        assert!(has_space_or_control("https://a.example/\u{a0}"));
        assert!(has_space_or_control("https://a.example/\u{85}"));
        assert!(!has_space_or_control("https://a.example/é"));
    }
}
