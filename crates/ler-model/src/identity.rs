//! Hashed recipient identifiers (Open Badges `IdentityObject`).
//!
//! Open Badges 3.0 hashes an identifier as `sha256$` followed by the lowercase hex SHA-256 of the
//! identifier text concatenated with the salt. The identifier is hashed exactly as given: callers
//! that want case-insensitive email matching lowercase the address on both sides themselves.
//!
//! ```
//! use ler_model::identity;
//! let hash = identity::hash("learner@example.edu", "pepper");
//! assert!(hash.starts_with("sha256$") && hash.len() == 7 + 64);
//! assert!(identity::matches(&hash, "learner@example.edu", "pepper"));
//! assert!(!identity::matches(&hash, "other@example.edu", "pepper"));
//! ```

use sha2::{Digest, Sha256};

/// `sha256$<hex of SHA-256(identity ‖ salt)>`.
pub fn hash(identity: &str, salt: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(identity.as_bytes());
    hasher.update(salt.as_bytes());
    let digest = hasher.finalize();
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256$");
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether `identity_hash` (`sha256$<hex>`, hex in either case) is the hash of `identity` with
/// `salt`. Other algorithms (the legacy `md5$`) never match.
pub fn matches(identity_hash: &str, identity: &str, salt: &str) -> bool {
    identity_hash.len() == 7 + 64 && hash(identity, salt).eq_ignore_ascii_case(identity_hash)
}

/// Whether `text` has the form of a hashed identifier: `sha256$` and 64 hex digits, or the
/// legacy `md5$` and 32.
pub fn is_hash_form(text: &str) -> bool {
    let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(rest) = text.strip_prefix("sha256$") {
        hex(rest, 64)
    } else if let Some(rest) = text.strip_prefix("md5$") {
        hex(rest, 32)
    } else {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sha256_of_concatenation() {
        // SHA-256("abc") is the FIPS 180-2 example digest: identity "ab" + salt "c" must give it.
        assert_eq!(
            hash("ab", "c"),
            "sha256$ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(matches(
            "sha256$BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
            "a",
            "bc"
        ));
        assert!(is_hash_form(&hash("x", "")));
        assert!(!is_hash_form("sha256$abc"));
        assert!(is_hash_form("md5$0123456789abcdef0123456789abcdef"));
        assert!(!matches("md5$0123456789abcdef0123456789abcdef", "x", ""));
    }
}
