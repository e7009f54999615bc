//! `ler_model::json::Value` to `serde_json::Value`, for the `jsonschema` crate.

use ler_model::json::{Number, Object, Value};

/// Deeper documents are refused rather than converted: the conversion recurses.
pub(crate) const MAX_DEPTH: usize = 128;

/// Why a document could not be handed to the schema validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConvertError {
    /// Nesting deeper than [`MAX_DEPTH`], at this pointer.
    TooDeep(String),
    /// A number serde_json cannot hold (`1e400`), at this pointer.
    Number(String),
}

/// Converts, keeping every value; numbers go through their text (integers exactly, others as the
/// nearest finite `f64`, which is what JSON Schema's numeric keywords compare anyway).
pub(crate) fn to_serde(value: &Value) -> Result<serde_json::Value, ConvertError> {
    convert(value, 0, &mut String::new())
}

/// [`to_serde`] for a document held as an object (a credential), without copying it first.
pub(crate) fn object_to_serde(object: &Object) -> Result<serde_json::Value, ConvertError> {
    convert_object(object, 0, &mut String::new())
}

fn convert(
    value: &Value,
    depth: usize,
    at: &mut String,
) -> Result<serde_json::Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(ConvertError::TooDeep(at.clone()));
    }
    Ok(match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            serde_json::Value::Number(number(n).ok_or_else(|| ConvertError::Number(at.clone()))?)
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                out.push(convert(item, depth + 1, at)?);
                at.truncate(len);
            }
            serde_json::Value::Array(out)
        }
        Value::Object(object) => convert_object(object, depth, at)?,
    })
}

fn convert_object(
    object: &Object,
    depth: usize,
    at: &mut String,
) -> Result<serde_json::Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(ConvertError::TooDeep(at.clone()));
    }
    let mut out = serde_json::Map::with_capacity(object.len());
    for (key, item) in object.iter() {
        let len = at.len();
        at.push('/');
        at.push_str(&ler_model::json::escape_token(key));
        out.insert(key.to_owned(), convert(item, depth + 1, at)?);
        at.truncate(len);
    }
    Ok(serde_json::Value::Object(out))
}

fn number(n: &Number) -> Option<serde_json::Number> {
    if let Some(u) = n.as_u64() {
        return Some(u.into());
    }
    if let Some(i) = n.as_i64() {
        return Some(i.into());
    }
    serde_json::Number::from_f64(n.as_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ler_model::json::parse;

    #[test]
    fn converts_every_kind_and_keeps_integers_exact() {
        let doc = parse(br#"{"a": [1, -2, 1.5, 18446744073709551615, true, null, "x"], "b": {}}"#)
            .unwrap();
        let out = to_serde(&doc).unwrap();
        assert_eq!(
            out,
            serde_json::json!({"a": [1, -2, 1.5, 18446744073709551615u64, true, null, "x"], "b": {}})
        );
        assert_eq!(Value::from(&out), doc);
    }

    #[test]
    fn refuses_numbers_serde_json_cannot_hold_and_names_them() {
        let doc = parse(br#"{"a": {"b~c": [1e400]}}"#).unwrap();
        assert_eq!(
            to_serde(&doc),
            Err(ConvertError::Number("/a/b~0c/0".into()))
        );
    }

    #[test]
    fn refuses_nesting_beyond_the_bound() {
        let mut v = Value::Null;
        for _ in 0..(MAX_DEPTH + 5) {
            v = Value::Array(vec![v]);
        }
        assert!(matches!(to_serde(&v), Err(ConvertError::TooDeep(_))));
    }
}
