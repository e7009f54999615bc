//! Helpers shared by the integration tests: the workspace's test kit, and this crate's fixtures.
#![allow(dead_code, unused_imports, unreachable_pub)]

use std::path::{Path, PathBuf};

pub use ler_testkit::{hex, read, read_json, shared_vectors, unhex};

/// The crate's own fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}
