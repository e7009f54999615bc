//! **ler**: Learning and Employment Records in Rust.
//!
//! An LER is verifiable information about a person's achievements in education, training and
//! the workplace, owned by the person and checkable by any employer or school. This crate is the
//! one-line dependency: it re-exports the workspace's library crates behind features.
//!
//! | module | crate | what it is for |
//! |---|---|---|
//! | [`model`] | `ler-model` | lossless JSON, typed VC 2.0 / OB 3.0 / CLR 2.0 / employment records, validation |
//!
//! ```
//! let doc = ler::model::json::parse(br#"{"id": "urn:uuid:1"}"#)?;
//! assert_eq!(doc.get("id").and_then(|v| v.as_str()), Some("urn:uuid:1"));
//! # Ok::<(), ler::model::json::ParseError>(())
//! ```

pub use ler_model as model;
