//! Plain and language-tagged text values (`name`, `description`, ...).

use crate::json::Value;
use crate::util::one_or_many;

/// One text value: plain (`"Teamwork"`) or language-tagged
/// (`{"@value": "Travail d'équipe", "@language": "fr"}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageValue<'a> {
    /// The text.
    pub value: &'a str,
    /// The BCP 47 language tag, when the value is tagged.
    pub language: Option<&'a str>,
    /// The base direction (`ltr`, `rtl`), when given.
    pub direction: Option<&'a str>,
}

/// Reads every text value of a property: a string, a value object, or an array of them.
/// Entries of any other shape are skipped (validation reports them).
///
/// ```
/// use ler_model::{json, lang};
/// let v = json::parse(br#"["Teamwork", {"@value": "Travail", "@language": "fr"}]"#)?;
/// let values = lang::language_values(&v);
/// assert_eq!(values[1].language, Some("fr"));
/// assert_eq!(lang::best(&v, Some("fr")), Some("Travail"));
/// # Ok::<(), json::ParseError>(())
/// ```
pub fn language_values(value: &Value) -> Vec<LanguageValue<'_>> {
    one_or_many(value).iter().filter_map(read_one).collect()
}

/// The text to show for `language` (or the first plain value, or the first value at all).
pub fn best<'a>(value: &'a Value, language: Option<&str>) -> Option<&'a str> {
    let values = language_values(value);
    language
        .and_then(|want| {
            values
                .iter()
                .find(|v| v.language.is_some_and(|l| l.eq_ignore_ascii_case(want)))
        })
        .or_else(|| values.iter().find(|v| v.language.is_none()))
        .or_else(|| values.first())
        .map(|v| v.value)
}

fn read_one(value: &Value) -> Option<LanguageValue<'_>> {
    match value {
        Value::String(s) => Some(LanguageValue {
            value: s,
            language: None,
            direction: None,
        }),
        Value::Object(o) => Some(LanguageValue {
            value: o.get("@value")?.as_str()?,
            language: o.get("@language").and_then(Value::as_str),
            direction: o.get("@direction").and_then(Value::as_str),
        }),
        _ => None,
    }
}

/// Why a value is not a valid text value; `None` when it is.
pub(crate) fn problem(value: &Value) -> Option<&'static str> {
    for item in one_or_many(value) {
        match item {
            Value::String(_) => {}
            Value::Object(o) => {
                if o.get("@value").is_none_or(|v| v.as_str().is_none()) {
                    return Some("a language value object needs a string @value");
                }
                if o.get("@language")
                    .is_some_and(|l| !l.as_str().is_some_and(is_language_tag))
                {
                    return Some("@language must be a well-formed BCP 47 language tag");
                }
                if o.get("@direction")
                    .is_some_and(|d| !matches!(d.as_str(), Some("ltr" | "rtl")))
                {
                    return Some("@direction must be \"ltr\" or \"rtl\"");
                }
                if o.keys()
                    .any(|k| !matches!(k, "@value" | "@language" | "@direction"))
                {
                    return Some(
                        "a language value object may hold only @value, @language and @direction",
                    );
                }
            }
            _ => return Some("must be a string, a language value object, or an array of them"),
        }
    }
    None
}

/// The shape of a BCP 47 tag: alphanumeric subtags of 1 to 8 characters joined by `-`, the first
/// alphabetic.
fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()))
}
