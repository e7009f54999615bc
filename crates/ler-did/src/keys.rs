//! Ed25519 keys: generation, Multikey and JWK import/export.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{SigningKey, VerifyingKey};
use ler_model::json::{Object, Value};
use zeroize::Zeroizing;

use crate::multibase::{
    ED25519_PRIV_PREFIX, ED25519_PUB_PREFIX, Hex, MultibaseError, decode_base58btc,
    encode_base58btc,
};

/// Why a key could not be read, made or used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// A multibase value did not decode.
    #[error("{field}: {source}")]
    Multibase {
        /// The member (or JSON pointer) holding it.
        field: String,
        /// What was wrong.
        source: MultibaseError,
    },
    /// The multicodec prefix names another kind of key.
    #[error("{field}: multicodec prefix 0x{found} is not {expected}")]
    WrongMulticodec {
        /// The member holding the key.
        field: String,
        /// The codec expected, by name and prefix.
        expected: &'static str,
        /// The first bytes found, hex.
        found: String,
    },
    /// The key material has the wrong number of bytes.
    #[error("{field}: {found} bytes of key material where {expected} were expected")]
    WrongLength {
        /// The member holding the key.
        field: String,
        /// Bytes expected (after any prefix).
        expected: &'static str,
        /// Bytes found (after any prefix).
        found: usize,
    },
    /// The 32 bytes are not a valid compressed Edwards point.
    #[error("{field}: not a valid Ed25519 public key")]
    InvalidPublicKey {
        /// The member holding the key.
        field: String,
    },
    /// A public key given beside a secret key is not the secret key's public key.
    #[error("{field}: does not match the public key derived from the secret key")]
    PublicKeyMismatch {
        /// The member holding the mismatching public key.
        field: String,
    },
    /// A JSON key description (JWK, Multikey, key file) is missing a member or has a wrong one.
    #[error("{pointer}: {reason}")]
    InvalidKeyDocument {
        /// JSON pointer of the member.
        pointer: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The key file is not JSON.
    #[error("key file is not valid JSON: {0}")]
    Json(#[from] ler_model::json::ParseError),
    /// The operating system's random number generator failed.
    #[error("no randomness available to generate a key: {0}")]
    Random(String),
}

pub(crate) fn invalid(pointer: impl Into<String>, reason: impl Into<String>) -> KeyError {
    KeyError::InvalidKeyDocument {
        pointer: pointer.into(),
        reason: reason.into(),
    }
}

/// An Ed25519 public key (the only kind of key the EdDSA cryptosuites use).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ed25519PublicKey {
    key: VerifyingKey,
    /// Whether the key is of small order (`VerifyingKey::is_weak`), which `verify_strict`
    /// refuses: worked out once, not per signature.
    weak: bool,
}

impl Ed25519PublicKey {
    fn new(key: VerifyingKey) -> Self {
        Self {
            weak: key.is_weak(),
            key,
        }
    }

    /// The `ed25519-dalek` key (for Ed25519 batch verification, which takes dalek's types).
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.key
    }

    /// Reads 32 raw bytes (a compressed Edwards point).
    pub fn from_bytes(bytes: &[u8; 32]) -> Result<Self, KeyError> {
        VerifyingKey::from_bytes(bytes)
            .map(Self::new)
            .map_err(|_| KeyError::InvalidPublicKey {
                field: "publicKey".into(),
            })
    }

    /// The 32 raw bytes.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// Reads a Multikey `publicKeyMultibase`: `z` + base58btc of `0xed 0x01` + 32 bytes.
    pub fn from_multibase(text: &str) -> Result<Self, KeyError> {
        Self::from_multibase_field(text, "publicKeyMultibase")
    }

    pub(crate) fn from_multibase_field(text: &str, field: &str) -> Result<Self, KeyError> {
        let bytes = decode_base58btc(text, 34).map_err(|source| KeyError::Multibase {
            field: field.into(),
            source,
        })?;
        let key = strip_prefix(&bytes, ED25519_PUB_PREFIX, "ed25519-pub (0xed01)", field)?;
        let key: &[u8; 32] = key.try_into().map_err(|_| KeyError::WrongLength {
            field: field.into(),
            expected: "32",
            found: key.len(),
        })?;
        VerifyingKey::from_bytes(key)
            .map(Self::new)
            .map_err(|_| KeyError::InvalidPublicKey {
                field: field.into(),
            })
    }

    /// The Multikey `publicKeyMultibase` form, `z6Mk…`.
    pub fn to_multibase(&self) -> String {
        let mut bytes = [0u8; 34];
        bytes[..2].copy_from_slice(&ED25519_PUB_PREFIX);
        bytes[2..].copy_from_slice(self.key.as_bytes());
        encode_base58btc(&bytes)
    }

    /// Reads a public JWK: `{"kty":"OKP","crv":"Ed25519","x":…}`. A JWK carrying a private
    /// member (`d`) is refused: public key material must never travel with its secret.
    pub fn from_jwk(jwk: &Value) -> Result<Self, KeyError> {
        Self::from_jwk_at(jwk, "")
    }

    pub(crate) fn from_jwk_at(jwk: &Value, pointer: &str) -> Result<Self, KeyError> {
        let object = check_okp_jwk(jwk, pointer)?;
        if object.contains_key("d") {
            return Err(invalid(
                format!("{pointer}/d"),
                "a public JWK must not contain the private key",
            ));
        }
        let x = jwk_member_32(object, "x", pointer)?;
        VerifyingKey::from_bytes(&x)
            .map(Self::new)
            .map_err(|_| KeyError::InvalidPublicKey {
                field: format!("{pointer}/x"),
            })
    }

    /// The public JWK, members in the order `kty`, `crv`, `x`.
    pub fn to_jwk(&self) -> Value {
        let mut jwk = Object::new();
        jwk.insert("kty", "OKP");
        jwk.insert("crv", "Ed25519");
        jwk.insert("x", URL_SAFE_NO_PAD.encode(self.key.as_bytes()));
        Value::Object(jwk)
    }

    /// The `did:key` DID of this key: `did:key:z6Mk…`.
    pub fn did_key(&self) -> String {
        format!("did:key:{}", self.to_multibase())
    }

    /// The verification method id of this key under `did:key`: `did:key:z6Mk…#z6Mk…`.
    pub fn did_key_url(&self) -> String {
        let mb = self.to_multibase();
        format!("did:key:{mb}#{mb}")
    }

    /// Checks an Ed25519 signature with the rules of ed25519-dalek's `verify_strict`, and gives
    /// its verdict for every input: a non-canonical `s`, an `R` that does not decode canonically
    /// or is of small order, and a weak (small-order) key fail. Faster than `verify_strict` by
    /// the square root it spends decompressing `R`: here `R`'s checks are made on its bytes.
    ///
    /// ```
    /// use ler_did::Ed25519KeyPair;
    ///
    /// let pair = Ed25519KeyPair::from_seed(&[7; 32]);
    /// let signature = pair.sign(b"message");
    /// assert!(pair.public_key().verify_strict(b"message", &signature));
    /// assert!(!pair.public_key().verify_strict(b"massage", &signature));
    /// ```
    pub fn verify_strict(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        crate::strict::verify(&self.key, self.weak, message, signature)
    }

    /// Whether `signature` passes the checks of [`Ed25519PublicKey::verify_strict`] that need
    /// no point arithmetic: this key not of small order, `s` canonical, `R`'s `y` canonical and
    /// not that of a small-order point. A signature that fails them fails `verify_strict`; one
    /// that passes them verifies exactly when the verification equation holds, which makes them
    /// the filter in front of an Ed25519 batch equation.
    pub fn passes_strict_prechecks(&self, signature: &[u8; 64]) -> bool {
        crate::strict::prechecked_s(self.weak, signature).is_some()
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519PublicKey({})", self.to_multibase())
    }
}

/// An Ed25519 key pair held in memory. The secret is zeroized when the value is dropped and is
/// never shown by `Debug`.
///
/// ```
/// use ler_did::Ed25519KeyPair;
///
/// let key = Ed25519KeyPair::from_seed(&[1; 32]);
/// let signature = key.sign(b"message");
/// assert!(key.public_key().verify_strict(b"message", &signature));
/// assert!(!key.public_key().verify_strict(b"another message", &signature));
/// // Its secret as multibase (zeroized on drop), and back.
/// let again = Ed25519KeyPair::from_secret_multibase(&key.secret_multibase())?;
/// assert_eq!(again.public_key(), key.public_key());
/// assert!(!format!("{key:?}").contains(key.secret_multibase().as_str()));
/// # Ok::<(), ler_did::KeyError>(())
/// ```
#[derive(Clone)]
pub struct Ed25519KeyPair {
    // ed25519-dalek's SigningKey zeroizes itself on drop (its `zeroize` feature).
    signing: SigningKey,
}

impl Ed25519KeyPair {
    /// Generates a new key from the operating system's random number generator.
    pub fn generate() -> Result<Self, KeyError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::getrandom(seed.as_mut_slice()).map_err(|e| KeyError::Random(e.to_string()))?;
        Ok(Self::from_seed(&seed))
    }

    /// The key whose 32-byte secret seed is `seed` (RFC 8032 private key).
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Self {
            signing: SigningKey::from_bytes(seed),
        }
    }

    /// Reads a Multikey secret: `z` + base58btc of `0x80 0x26` (multicodec `ed25519-priv`) +
    /// the 32-byte seed. The 64-byte form seed ‖ public key is accepted too, and its public half
    /// must match the seed.
    pub fn from_secret_multibase(text: &str) -> Result<Self, KeyError> {
        Self::from_secret_multibase_field(text, "secretKeyMultibase")
    }

    pub(crate) fn from_secret_multibase_field(text: &str, field: &str) -> Result<Self, KeyError> {
        let bytes =
            Zeroizing::new(
                decode_base58btc(text, 66).map_err(|source| KeyError::Multibase {
                    field: field.into(),
                    source,
                })?,
            );
        let key = strip_prefix(&bytes, ED25519_PRIV_PREFIX, "ed25519-priv (0x8026)", field)?;
        match key.len() {
            32 | 64 => {
                let mut seed = Zeroizing::new([0u8; 32]);
                seed.copy_from_slice(&key[..32]);
                let pair = Self::from_seed(&seed);
                if key.len() == 64 && key[32..] != pair.signing.verifying_key().to_bytes() {
                    return Err(KeyError::PublicKeyMismatch {
                        field: field.into(),
                    });
                }
                Ok(pair)
            }
            n => Err(KeyError::WrongLength {
                field: field.into(),
                expected: "32 (or 64)",
                found: n,
            }),
        }
    }

    /// The Multikey secret, `z` + base58btc of `0x80 0x26` + seed. Zeroized when dropped.
    pub fn secret_multibase(&self) -> Zeroizing<String> {
        let mut bytes = Zeroizing::new([0u8; 34]);
        bytes[..2].copy_from_slice(&ED25519_PRIV_PREFIX);
        bytes[2..].copy_from_slice(self.signing.as_bytes());
        Zeroizing::new(encode_base58btc(bytes.as_slice()))
    }

    /// Reads a private JWK: `{"kty":"OKP","crv":"Ed25519","x":…,"d":…}` (`x` must match `d`;
    /// when `x` is absent it is derived).
    pub fn from_jwk(jwk: &Value) -> Result<Self, KeyError> {
        let object = check_okp_jwk(jwk, "")?;
        if !object.contains_key("d") {
            return Err(invalid(
                "/d",
                "missing: a private JWK needs the member \"d\"",
            ));
        }
        let seed = Zeroizing::new(jwk_member_32(object, "d", "")?);
        let pair = Self::from_seed(&seed);
        if object.contains_key("x")
            && jwk_member_32(object, "x", "")? != pair.public_key().to_bytes()
        {
            return Err(KeyError::PublicKeyMismatch { field: "/x".into() });
        }
        Ok(pair)
    }

    /// The private JWK as compact JSON (`kty`, `crv`, `x`, `d`). Zeroized when dropped.
    pub fn to_private_jwk(&self) -> Zeroizing<String> {
        let x = URL_SAFE_NO_PAD.encode(self.signing.verifying_key().as_bytes());
        let d = Zeroizing::new(URL_SAFE_NO_PAD.encode(self.signing.as_bytes()));
        // base64url needs no JSON escaping, so the text is built directly (no copies of `d`
        // left in a JSON value).
        Zeroizing::new(format!(
            r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}","d":"{}"}}"#,
            d.as_str()
        ))
    }

    /// The public half.
    pub fn public_key(&self) -> Ed25519PublicKey {
        Ed25519PublicKey::new(self.signing.verifying_key())
    }

    /// Signs `message` (deterministic Ed25519, RFC 8032).
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer as _;
        self.signing.sign(message).to_bytes()
    }
}

impl fmt::Debug for Ed25519KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519KeyPair")
            .field("public", &self.public_key().to_multibase())
            .field("secret", &"<redacted>")
            .finish()
    }
}

fn strip_prefix<'a>(
    bytes: &'a [u8],
    prefix: [u8; 2],
    expected: &'static str,
    field: &str,
) -> Result<&'a [u8], KeyError> {
    bytes
        .strip_prefix(&prefix[..])
        .ok_or_else(|| KeyError::WrongMulticodec {
            field: field.into(),
            expected,
            found: Hex(bytes.get(..2).unwrap_or(bytes)).to_string(),
        })
}

fn check_okp_jwk<'a>(jwk: &'a Value, pointer: &str) -> Result<&'a Object, KeyError> {
    let object = jwk
        .as_object()
        .ok_or_else(|| invalid(pointer, "a JWK must be a JSON object"))?;
    for (member, expected) in [("kty", "OKP"), ("crv", "Ed25519")] {
        match object.get(member).and_then(Value::as_str) {
            Some(v) if v == expected => {}
            Some(v) => {
                return Err(invalid(
                    format!("{pointer}/{member}"),
                    format!("{v:?} is not {expected:?}"),
                ));
            }
            None => {
                return Err(invalid(
                    format!("{pointer}/{member}"),
                    format!("missing: expected {expected:?}"),
                ));
            }
        }
    }
    Ok(object)
}

fn jwk_member_32(object: &Object, member: &str, pointer: &str) -> Result<[u8; 32], KeyError> {
    let at = format!("{pointer}/{member}");
    let text = object
        .get(member)
        .and_then(Value::as_str)
        .ok_or_else(|| invalid(&at, "missing, or not a string"))?;
    if text.len() > 64 {
        return Err(KeyError::WrongLength {
            field: at,
            expected: "32",
            found: text.len() * 3 / 4,
        });
    }
    let bytes = Zeroizing::new(
        URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| invalid(&at, "not base64url without padding"))?,
    );
    <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| KeyError::WrongLength {
        field: at,
        expected: "32",
        found: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8032 §7.1 test 1: secret seed and public key.
    const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    fn hex32(s: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap();
        }
        out
    }

    #[test]
    fn multikey_round_trip_and_prefixes() {
        let pair = Ed25519KeyPair::from_seed(&hex32(SEED));
        assert_eq!(pair.public_key().to_bytes(), hex32(PUBLIC));
        let public = pair.public_key().to_multibase();
        assert!(public.starts_with("z6Mk"), "{public}");
        assert_eq!(
            Ed25519PublicKey::from_multibase(&public).unwrap(),
            pair.public_key()
        );
        let secret = pair.secret_multibase();
        let back = Ed25519KeyPair::from_secret_multibase(&secret).unwrap();
        assert_eq!(back.public_key(), pair.public_key());
        // A secret key given as a public one is refused by its multicodec.
        assert!(matches!(
            Ed25519PublicKey::from_multibase(&secret),
            Err(KeyError::WrongMulticodec { .. })
        ));
        assert!(matches!(
            Ed25519KeyPair::from_secret_multibase(&public),
            Err(KeyError::WrongMulticodec { .. })
        ));
    }

    #[test]
    fn jwk_round_trip_and_refusals() {
        let pair = Ed25519KeyPair::from_seed(&hex32(SEED));
        let jwk = pair.public_key().to_jwk();
        assert_eq!(
            jwk.to_string(),
            r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        );
        assert_eq!(Ed25519PublicKey::from_jwk(&jwk).unwrap(), pair.public_key());
        let private = ler_model::json::parse(pair.to_private_jwk().as_bytes()).unwrap();
        assert_eq!(
            Ed25519KeyPair::from_jwk(&private).unwrap().public_key(),
            pair.public_key()
        );
        assert!(matches!(
            Ed25519PublicKey::from_jwk(&private),
            Err(KeyError::InvalidKeyDocument { .. })
        ));
        let p256 = ler_model::json::parse(br#"{"kty":"EC","crv":"P-256","x":"AA"}"#).unwrap();
        let err = Ed25519PublicKey::from_jwk(&p256).unwrap_err();
        assert_eq!(err.to_string(), "/kty: \"EC\" is not \"OKP\"");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let pair = Ed25519KeyPair::from_seed(&hex32(SEED));
        let shown = format!("{pair:?}");
        assert!(!shown.contains(pair.secret_multibase().as_str()));
        assert!(!shown.contains(SEED));
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn generated_keys_differ() {
        let a = Ed25519KeyPair::generate().unwrap();
        let b = Ed25519KeyPair::generate().unwrap();
        assert_ne!(a.public_key(), b.public_key());
    }
}
