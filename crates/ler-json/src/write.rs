use std::fmt::Write as _;

use super::Value;
use super::scan::first_special;

/// Appends `s` as a JSON string literal, escaped as ECMAScript's `JSON.stringify` does (which is
/// also what RFC 8785 requires): `"` and `\` escaped, the control characters as `\b \t \n \f \r`
/// or `\u00xx` (lowercase hex), everything else as it is.
pub fn write_escaped_str(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Most strings need no escape: one word-at-a-time scan, then one copy.
    let Some(first) = first_special(s.as_bytes()) else {
        out.push_str(s);
        out.push('"');
        return;
    };
    let mut run_start = 0;
    for (i, byte) in s.bytes().enumerate().skip(first) {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[run_start..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        run_start = i + 1;
    }
    out.push_str(&s[run_start..]);
    out.push('"');
}

/// Appends `value` as compact JSON: no whitespace, keys in order, numbers as written.
pub(crate) fn write_compact(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(n.as_str()),
        Value::String(s) => write_escaped_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, out);
            }
            out.push(']');
        }
        Value::Object(o) => write_compact_object(o, out),
    }
}

fn write_compact_object(o: &super::Object, out: &mut String) {
    out.push('{');
    for (i, (k, v)) in o.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_escaped_str(k, out);
        out.push(':');
        write_compact(v, out);
    }
    out.push('}');
}

/// Appends `value` indented by two spaces per level, as `JSON.stringify(v, null, 2)` does.
pub(crate) fn write_pretty(value: &Value, indent: usize, out: &mut String) {
    let pad = |out: &mut String, level: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', level * 2));
    };
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pad(out, indent + 1);
                write_pretty(item, indent + 1, out);
            }
            pad(out, indent);
            out.push(']');
        }
        Value::Object(o) => write_pretty_object(o, indent, out),
        other => write_compact(other, out),
    }
}

fn write_pretty_object(o: &super::Object, indent: usize, out: &mut String) {
    if o.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in o.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', (indent + 1) * 2));
        write_escaped_str(k, out);
        out.push_str(": ");
        write_pretty(v, indent + 1, out);
    }
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', indent * 2));
    out.push('}');
}

impl Value {
    /// Pretty JSON, two spaces per level, keys in document order, numbers as written.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        write_pretty(self, 0, &mut out);
        out
    }
}

impl super::Object {
    /// Pretty JSON, two spaces per level, keys in document order, numbers as written.
    pub fn to_pretty_string(&self) -> String {
        let mut out = String::new();
        write_pretty_object(self, 0, &mut out);
        out
    }
}

impl std::fmt::Display for super::Object {
    /// Compact JSON, keys in document order, numbers as written.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        write_compact_object(self, &mut out);
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;

    #[test]
    fn compact_and_pretty_round_trip() {
        let text =
            "{\n  \"a\": [\n    1.50,\n    \"x\\\"\\u0001\\n\"\n  ],\n  \"b\": {},\n  \"c\": []\n}";
        let v = parse(text.as_bytes()).unwrap();
        assert_eq!(v.to_pretty_string(), text);
        assert_eq!(v.to_string(), r#"{"a":[1.50,"x\"\u0001\n"],"b":{},"c":[]}"#);
        assert_eq!(parse(v.to_string().as_bytes()).unwrap(), v);
    }
}
