//! Typed, lossless Learning and Employment Records.
//!
//! This crate is being built; see the workspace README. Its first part is [`json`], the lossless
//! JSON document type the other ler crates read, sign and write.
//!
//! ```
//! let doc = ler_model::json::parse(br#"{"type": ["VerifiableCredential"]}"#)?;
//! assert_eq!(doc.pointer("/type/0").and_then(|v| v.as_str()), Some("VerifiableCredential"));
//! # Ok::<(), ler_model::json::ParseError>(())
//! ```

pub mod json;
