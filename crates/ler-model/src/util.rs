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
    types_of(object).contains(&wanted)
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
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The string value of `object[key]`, if it is one.
pub(crate) fn str_of<'a>(object: &'a Object, key: &str) -> Option<&'a str> {
    object.get(key).and_then(Value::as_str)
}
