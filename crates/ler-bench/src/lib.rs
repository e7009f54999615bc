//! The benchmark driver behind `ler bench`: a deterministic corpus of signed Learning and
//! Employment Records and a harness that verifies it, checks every verdict against the corpus
//! manifest, and reports the figures as ratios to the raw Ed25519 `verify_strict` floor measured
//! in the same run (see BENCHMARKS.md for the method and the figures).
//!
//! A corpus folder ([`write_corpus`]) holds:
//! - `corpus.jsonl`: every document, one per line (what the harness reads, streamed);
//! - `manifest.jsonl`: one line per document, in the same order: file, kind, suite, size,
//!   expected verdict, the check expected to fail, and why (JSON Lines, so the harness can read
//!   it beside the documents in constant memory);
//! - `corpus.json`: the settings, the verification time, the issuers, the status lists and the
//!   counts;
//! - `documents/NNNN/NNNNNNN.json`: each document as a file (unless
//!   [`jsonl_only`](CorpusSettings::jsonl_only));
//! - `status/*.json`: the signed Bitstring Status List credentials (when documents are revoked).
//!
//! The harness ([`run`]) ends with [`Finished::Measured`] when every verdict is as the manifest
//! says, and with [`Finished::WrongVerdicts`] (not a result) otherwise.
//!
//! Write a small corpus and verify it:
//!
//! ```
//! use ler_bench::{CorpusSettings, Finished, HarnessSettings};
//!
//! let folder = tempfile::tempdir()?;
//! let mut corpus = CorpusSettings::new(folder.path(), 6);
//! corpus.invalid = 20.0; // some documents tampered with after signing
//! corpus.revoked = 20.0; // and some revoked in their issuer's status list
//! corpus.jsonl_only = true;
//! let summary = ler_bench::write_corpus(&corpus)?;
//! assert_eq!(summary.documents, 6);
//!
//! let mut harness = HarnessSettings::new(folder.path());
//! harness.jobs = Some(1);
//! harness.floor_rounds = 2;
//! match ler_bench::run(&harness)? {
//!     Finished::Measured(figures) => {
//!         assert_eq!(figures.documents, 6);
//!         assert!(figures.ratio(figures.per_document_ns()) > 0.0);
//!         println!("{figures}");
//!     }
//!     Finished::WrongVerdicts { listed, .. } => panic!("{listed:?}"),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

use std::path::PathBuf;

pub mod corpus;
pub mod figures;
pub mod harness;
mod machine;
mod rng;
mod status;

pub use corpus::{CorpusSettings, CorpusSummary, DocumentSize, parse_mix, write_corpus};
pub use figures::Measured;
pub use harness::{Finished, HarnessSettings, run};

/// Why the corpus could not be written or verified.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BenchError {
    /// A setting is out of range or does not parse; the message names it as `ler bench`'s flag
    /// (`--mix`, `--kinds`, `--invalid`, `--revoked`).
    #[error("{0}")]
    InvalidSettings(String),
    /// A file or folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file of the corpus (`corpus.json`, a manifest line) does not parse, or a result
    /// cannot be written as JSON.
    #[error("{what}: {source}")]
    Json {
        /// The file, or the manifest line.
        what: String,
        /// What went wrong.
        #[source]
        source: serde_json::Error,
    },
    /// The folder is not a corpus this harness reads: another format, a missing field, a line
    /// too long, a manifest with more or fewer entries than documents, no documents.
    #[error("{0}")]
    BadCorpus(String),
    /// A document, nested credential or status list could not be built or signed.
    #[error("{context}: {source}")]
    Generate {
        /// What was being made (`document 12: signing failed`, `CLR`, …).
        context: String,
        /// The builder's or signer's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    /// The worker threads could not start.
    #[error("thread pool: {0}")]
    ThreadPool(#[source] rayon::ThreadPoolBuildError),
    /// A broken invariant of the generator: a bug.
    #[error("{0}")]
    Internal(&'static str),
}
