use std::fmt;

use ler_model::json::Pointer;

/// One problem found in a document: the rule broken, where, and what is wrong.
///
/// The same shape as `ler-model`'s violations (rule, JSON pointer, message), with the rule given by
/// its stable dotted id: `mc.us.*`, `mc.eu.*`, `mc.stack.*` for profile rules (see the table in the
/// crate docs) and `schema.<keyword>` for JSON Schema failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The stable dotted id of the rule broken, such as `mc.us.learning-hours`.
    pub rule: &'static str,
    /// Where: a JSON pointer into the document (`""` is the whole document).
    pub pointer: Pointer,
    /// What is wrong, for a person.
    pub message: String,
}

impl Violation {
    pub(crate) fn new(rule: &'static str, pointer: Pointer, message: impl Into<String>) -> Self {
        Self {
            rule,
            pointer,
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.as_str().is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        };
        write!(f, "{at}: {} [{}]", self.message, self.rule)
    }
}
