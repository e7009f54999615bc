//! Bitstring Status List (W3C Recommendation): status list credentials on the issuer side, and
//! the sources and cache the verifier's `status.*` checks read lists from (the checks
//! themselves run inside [`crate::verify`], or alone with [`crate::check_status`]).
//!
//! An issuer keeps a [`StatusList`] per purpose (`revocation`, `suspension`, `refresh`,
//! `message`), hands out its indexes with an [`IndexAllocator`] (random order, as the
//! Recommendation recommends), adds a `BitstringStatusListEntry` to each credential with
//! [`add_status_entry`] before signing it, and publishes the list as a signed
//! `BitstringStatusListCredential` ([`StatusListCredential`]). Revoking is setting a bit and
//! publishing the list again.
//!
//! A verifier configured with a [`StatusListSource`] ([`MemoryStatusLists`],
//! [`FileStatusLists`], or HTTP with the `http` feature) checks every `credentialStatus` entry:
//! it obtains the list, verifies it with the same resolver, cryptosuites and clock (same issuer
//! as the credential, unless [`crate::VerifyOptions::status_list_delegate`] names the list's
//! issuer), decodes it and reads the entry. Revoked or suspended is `fail`; anything that cannot
//! be decided is `indeterminate`, so the verdict is never `verified` then.
//!
//! ```
//! use ler_verify::status::{
//!     IndexAllocator, MemoryStatusLists, StatusList, StatusListCredential, StatusPurpose,
//!     add_status_entry,
//! };
//! use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
//! use ler_verify::{Outcome, VerifyOptions, verify};
//!
//! let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[7; 32]));
//! let issuer = signer.controller().to_owned();
//! let proof = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022).created("2024-05-01T12:00:00Z");
//! let list_url = "https://example.com/status/1";
//!
//! // Issuer: a revocation list, and a credential that points into it, signed with its entry.
//! let mut list = StatusList::new(StatusPurpose::Revocation, 131_072)?;
//! let index = IndexAllocator::random(list.len())?.allocate()?;
//! let mut credential = ler_model::json::parse(format!(r#"{{
//!     "@context": ["https://www.w3.org/ns/credentials/v2"],
//!     "type": ["VerifiableCredential"],
//!     "issuer": "{issuer}",
//!     "credentialSubject": {{"id": "did:example:learner"}}
//! }}"#).as_bytes())?;
//! add_status_entry(&mut credential, list_url, index, &list)?;
//! let credential = di::sign(&credential, &proof, &signer)?.to_string();
//! let publish = |list: &StatusList| -> Result<String, di::SignError> {
//!     let unsigned = StatusListCredential::new(list_url, &issuer, list)
//!         .valid_from("2024-01-01T00:00:00Z")
//!         .build();
//!     Ok(di::sign(&unsigned, &proof, &signer)?.to_string())
//! };
//!
//! // Verifier: the list comes from a source (here, memory); the entry is clear.
//! let at = ler_model::date::parse_date_time_stamp("2026-01-01T00:00:00Z")?;
//! let options = VerifyOptions::default()
//!     .at(at)
//!     .status_lists(MemoryStatusLists::new().with(list_url, publish(&list)?));
//! let report = verify(credential.as_bytes(), &options).into_parts().0;
//! assert!(report.is_verified());
//! let check = report.checks_with_id("status.revocation").next().unwrap();
//! assert_eq!((check.outcome, check.pointer.as_deref()), (Outcome::Pass, Some("/credentialStatus")));
//!
//! // The issuer revokes: sets the bit and publishes the list again.
//! list.set(index)?;
//! let options = VerifyOptions::default()
//!     .at(at)
//!     .status_lists(MemoryStatusLists::new().with(list_url, publish(&list)?));
//! let report = verify(credential.as_bytes(), &options).into_parts().0;
//! assert_eq!(report.failing_ids(), ["status.revocation"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Lists are cached, decoded, in the options' [`StatusListCache`] for the smaller of
//! [`crate::VerifyOptions::status_list_max_ttl`] and the list's `ttl`, on the verification clock.
//!
//! The verifier fetches lists only for a credential whose own proofs and key binding held;
//! within one verification each URL is obtained at most once, under
//! [`crate::VerifyOptions::limits`]. A list credential must carry as its `id` the URL the
//! entry names (`statusListCredential`), so a list signed for one URL cannot be served for
//! another; a source may declare a list for a URL explicitly
//! ([`StatusListSource::declared_for`], [`MemoryStatusLists::insert_declared`]), and the check's
//! message then records the override.
//!
//! Lists in the wild bend the rules (an integer `statusListIndex`, lists shorter than 131,072
//! entries): they are checked only with [`crate::VerifyOptions::lenient_status_lists`], and a
//! clear entry then gives `warn` rather than `pass`; without it, `indeterminate`. Entries of
//! other types (`StatusList2021Entry`, `1EdTechRevocationList`) are `indeterminate`.

mod cache;
mod issue;
mod list;
mod source;

pub use cache::StatusListCache;
pub use issue::{IndexAllocator, StatusListCredential, add_status_entry, status_entry};
pub use list::{
    MAX_DECODED_BYTES, MIN_ENTRIES, StatusList, StatusListError, StatusMessage, StatusPurpose,
    decode_bitstring,
};
pub use source::{FileStatusLists, MemoryStatusLists};

pub(crate) use cache::{CachedList, add as add_duration};
pub(crate) use list::{check_size, read_entry};

use std::borrow::Cow;

/// Why a [`StatusListSource`] could not give the bytes of a status list credential.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusSourceError {
    /// The source has no list at this URL.
    #[error("no status list at {url}")]
    NotFound {
        /// The list's URL.
        url: String,
    },
    /// The list could not be obtained (I/O, network, a limit).
    #[error("status list at {url} could not be obtained: {reason}")]
    Unavailable {
        /// The list's URL.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

/// Where status list credentials come from: synchronous, so the verifier stays free of any
/// runtime. In-memory and file sources are built in; the `http` feature adds one over HTTPS.
pub trait StatusListSource: Send + Sync {
    /// The bytes of the status list credential at `url` (the `statusListCredential` of an
    /// entry).
    fn status_list(&self, url: &str) -> Result<Cow<'_, [u8]>, StatusSourceError>;

    /// [`StatusListSource::status_list`] within `remaining` (what is left of the verification's
    /// fetch deadline; `None` when there is no clock). A source that can stop waiting (the HTTP
    /// client) overrides this; the default ignores the time.
    fn status_list_within(
        &self,
        url: &str,
        remaining: Option<std::time::Duration>,
    ) -> Result<Cow<'_, [u8]>, StatusSourceError> {
        let _ = remaining;
        self.status_list(url)
    }

    /// Whether whoever configured this source declared explicitly that the list it gives for
    /// `url` stands for `url`, whatever the list's own `id` says (the CLI's
    /// `--status-list URL=FILE`). Without such a declaration a list whose `id` is not `url` is
    /// refused; with it the list is used and the status check's message records the override.
    /// Default `false`.
    fn declared_for(&self, url: &str) -> bool {
        let _ = url;
        false
    }
}
