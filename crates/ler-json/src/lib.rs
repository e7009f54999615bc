//! Lossless JSON: the document type every ler crate reads, signs and writes (re-exported as
//! `ler_model::json`).
//!
//! serde_json's `Value` forgets what a signature depends on: key order (without the
//! `preserve_order` feature) and the exact text of numbers (without `arbitrary_precision`). Both
//! features are global in a Cargo build, so a library must not turn them on. This module keeps
//! both without touching serde_json's features:
//!
//! - [`Object`] keeps keys in document order;
//! - [`Number`] keeps the text it was written with (`1.10` stays `1.10`, `1e400` stays `1e400`);
//! - duplicate keys are an error naming the key and its JSON pointer, because a parser that keeps
//!   the last one lets a document say one thing and sign another;
//! - input size and nesting depth are bounded ([`ParseOptions`]), and the parser never recurses,
//!   so no input can exhaust the stack.
//!
//! ```
//! use ler_json::{self as json, Value};
//!
//! let doc = json::parse(br#"{"b": 1.10, "a": [true, null]}"#)?;
//! let keys: Vec<&str> = doc.as_object().unwrap().keys().collect();
//! assert_eq!(keys, ["b", "a"]);
//! assert_eq!(doc.get("b").and_then(Value::as_number).unwrap().as_str(), "1.10");
//! assert_eq!(doc.to_string(), r#"{"b":1.10,"a":[true,null]}"#);
//!
//! let err = json::parse(br#"{"x": {"k": 1, "k": 2}}"#).unwrap_err();
//! assert_eq!(err.pointer(), Some("/x/k"));
//! # Ok::<(), json::ParseError>(())
//! ```

#![forbid(unsafe_code)]

mod key;
mod number;
mod parse;
mod pointer;
mod scan;
mod value;
mod write;

pub use number::{Number, NumberError};
pub use parse::{ParseError, ParseErrorKind, ParseOptions, parse, parse_with};
pub use pointer::{Pointer, escape_token};
pub use value::{Object, Value};
pub use write::write_escaped_str;
