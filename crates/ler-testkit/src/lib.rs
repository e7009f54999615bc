//! Helpers the workspace's integration tests share, so each is written once: where the shared
//! vectors are (and a message when they are not), reading a fixture as text or lossless JSON,
//! and hex. Test code only: it panics on unreadable fixtures, naming the file.
//!
//! ```
//! let bytes = ler_testkit::unhex("00ff10");
//! assert_eq!(bytes, [0x00, 0xff, 0x10]);
//! assert_eq!(ler_testkit::hex(&bytes), "00ff10");
//! ```
#![forbid(unsafe_code)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// `../shared/vectors` beside the repository, if present; otherwise `None`, after saying on
/// standard error that the shared-vector part of the test is skipped.
pub fn shared_vectors() -> Option<PathBuf> {
    // This crate sits at `crates/ler-testkit`, as deep as every crate whose tests call it.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "../shared/vectors not found at {}: skipping the shared-vector part of this test",
            dir.display()
        );
        None
    }
}

/// The text of a fixture.
///
/// # Panics
///
/// When the file cannot be read, naming it.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A fixture parsed as lossless JSON.
///
/// # Panics
///
/// When the file cannot be read or is not JSON, naming it.
pub fn read_json(path: &Path) -> ler_model::json::Value {
    ler_model::json::parse(read(path).as_bytes())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The bytes of a hex string (surrounding whitespace ignored).
///
/// # Panics
///
/// When the text is not an even number of hex digits.
pub fn unhex(text: &str) -> Vec<u8> {
    let text = text.trim();
    assert!(text.len().is_multiple_of(2), "odd number of hex digits");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}
