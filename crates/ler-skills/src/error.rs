//! Errors of loading and decoding.

use std::path::PathBuf;

/// Why a taxonomy could not be loaded or decoded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A CSV/TSV row could not be parsed.
    #[error("{path}:{line}: {message}")]
    Table {
        /// The file.
        path: PathBuf,
        /// 1-based line where the record starts (0 when unknown).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A table lacks a column the loader needs.
    #[error("{path}: missing column `{column}`")]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The column header.
        column: String,
    },
    /// A JSON document (CASE package, RSD) is malformed.
    #[error("{source_name}: invalid JSON: {message}")]
    Json {
        /// The file or document name.
        source_name: String,
        /// The parser's message.
        message: String,
    },
    /// A JSON document lacks a required field or has one of the wrong type.
    #[error("{source_name}: {pointer}: {message}")]
    Field {
        /// The file or document name.
        source_name: String,
        /// JSON pointer of the field.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// Two concepts with the same identifier.
    #[error("duplicate concept identifier {id}")]
    DuplicateId {
        /// The identifier.
        id: String,
    },
    /// The directory holds none of the known taxonomy folders.
    #[error(
        "{path}: no taxonomy files found (expected onet/, soc2018/, esco/, crosswalks/ or examples/)"
    )]
    NothingToLoad {
        /// The directory.
        path: PathBuf,
    },
    /// A compact data file is malformed.
    #[error("compact taxonomy data: {0}")]
    CompactData(String),
    /// More than 2³² bytes of text or concepts.
    #[error("taxonomy too large for 32-bit indices")]
    TooLarge,
}
