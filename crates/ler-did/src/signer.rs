//! The `Signer` trait and the in-memory Ed25519 signer, with the key file format.

use std::fmt;

use ler_model::json::{self, Object, Value};
use zeroize::Zeroizing;

use crate::keys::{Ed25519KeyPair, Ed25519PublicKey, KeyError, invalid};

/// Why a [`Signer`] could not sign.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignerError {
    /// The key's backend (KMS, HSM, remote service) failed.
    #[error("signing backend failed: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// Something that holds an Ed25519 key and signs with it: the in-memory [`Ed25519Signer`], or a
/// vendor's key in a KMS or HSM.
///
/// The cryptosuites call [`Signer::sign`] once per proof, with the 64 bytes
/// `sha256(canonical proof configuration) ‖ sha256(canonical document)`.
///
/// A signer whose key lives elsewhere implements the two methods; here a stand-in for a remote
/// service, checked against the verification method's public key:
///
/// ```
/// use ler_did::{Ed25519KeyPair, Signer, SignerError};
///
/// struct RemoteKey {
///     method: String,
///     key: Ed25519KeyPair, // stands in for a call to the KMS
/// }
///
/// impl Signer for RemoteKey {
///     fn verification_method(&self) -> &str {
///         &self.method
///     }
///     fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
///         Ok(self.key.sign(message))
///     }
/// }
///
/// let key = Ed25519KeyPair::from_seed(&[3; 32]);
/// let public = key.public_key();
/// let signer = RemoteKey { method: public.did_key_url(), key };
/// let signature = signer.sign(b"64 bytes of hashes")?;
/// assert!(public.verify_strict(b"64 bytes of hashes", &signature));
/// # Ok::<(), SignerError>(())
/// ```
pub trait Signer {
    /// The verification method URL the proof will name, e.g. `did:key:z6Mk…#z6Mk…`.
    fn verification_method(&self) -> &str;

    /// Signs `message` with Ed25519 (RFC 8032, pure, no pre-hash) and returns the 64-byte
    /// signature.
    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError>;
}

/// An Ed25519 key in memory, with the verification method id and controller it signs as.
///
/// Reads and writes the key file format
/// `{"type":"Multikey","id":…,"controller":…,"publicKeyMultibase":"z6Mk…","secretKeyMultibase":"z…"}`.
///
/// ```
/// use ler_did::{Ed25519KeyPair, Ed25519Signer, Signer};
///
/// // A did:key issuer: the key is its own DID.
/// let signer = Ed25519Signer::did_key(Ed25519KeyPair::generate()?);
/// assert!(signer.controller().starts_with("did:key:z6Mk"));
/// assert!(signer.verification_method().starts_with(signer.controller()));
///
/// // An issuer with a web identity names its key under its own URL.
/// let web = Ed25519Signer::new(
///     Ed25519KeyPair::generate()?,
///     "did:web:college.example#key-1",
///     "did:web:college.example",
/// );
/// // The key file round-trips (it holds the secret: keep it like a password).
/// let again = Ed25519Signer::from_key_file(web.to_key_file().as_bytes())?;
/// assert_eq!(again.id(), "did:web:college.example#key-1");
/// assert_eq!(again.public_key(), web.public_key());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Ed25519Signer {
    key: Ed25519KeyPair,
    id: String,
    controller: String,
}

impl Ed25519Signer {
    /// Signs as the key's own `did:key` verification method (`did:key:z6Mk…#z6Mk…`).
    pub fn did_key(key: Ed25519KeyPair) -> Self {
        let public = key.public_key();
        Self {
            id: public.did_key_url(),
            controller: public.did_key(),
            key,
        }
    }

    /// Signs as the verification method `id` controlled by `controller` (for example
    /// `https://example.edu/issuers/565049#key-1` and `https://example.edu/issuers/565049`).
    pub fn new(key: Ed25519KeyPair, id: impl Into<String>, controller: impl Into<String>) -> Self {
        Self {
            key,
            id: id.into(),
            controller: controller.into(),
        }
    }

    /// Reads a key file. The secret may be given as `secretKeyMultibase` or
    /// `privateKeyMultibase`; `publicKeyMultibase`, when present, must match it. Without `id`
    /// and `controller` the key signs as its `did:key`.
    pub fn from_key_file(bytes: &[u8]) -> Result<Self, KeyError> {
        let mut value = json::parse(bytes)?;
        let signer = Self::from_key_value(&value);
        // The parsed text holds the secret: wipe every string before the value is freed.
        wipe_strings(&mut value);
        signer
    }

    /// Reads a key file already parsed as JSON.
    pub fn from_key_value(value: &Value) -> Result<Self, KeyError> {
        let object = value
            .as_object()
            .ok_or_else(|| invalid("", "a key file must be a JSON object"))?;
        let string = |member: &str| -> Result<Option<&str>, KeyError> {
            match object.get(member) {
                None => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(other) => Err(invalid(
                    format!("/{member}"),
                    format!("expected a string, found {}", other.kind()),
                )),
            }
        };
        match string("type")? {
            Some("Multikey") | None => {}
            Some(other) => return Err(invalid("/type", format!("{other:?} is not \"Multikey\""))),
        }
        let key = match (
            string("secretKeyMultibase")?,
            string("privateKeyMultibase")?,
        ) {
            (Some(s), None) => {
                Ed25519KeyPair::from_secret_multibase_field(s, "/secretKeyMultibase")?
            }
            (None, Some(s)) => {
                Ed25519KeyPair::from_secret_multibase_field(s, "/privateKeyMultibase")?
            }
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "/privateKeyMultibase",
                    "give the secret once, as secretKeyMultibase",
                ));
            }
            (None, None) => {
                return Err(invalid(
                    "/secretKeyMultibase",
                    "missing: the key file holds no secret key",
                ));
            }
        };
        if let Some(public) = string("publicKeyMultibase")? {
            let public = Ed25519PublicKey::from_multibase_field(public, "/publicKeyMultibase")?;
            if public != key.public_key() {
                return Err(KeyError::PublicKeyMismatch {
                    field: "/publicKeyMultibase".into(),
                });
            }
        }
        let mut signer = Self::did_key(key);
        match (string("id")?, string("controller")?) {
            (Some(id), Some(controller)) => {
                signer.id = id.to_owned();
                signer.controller = controller.to_owned();
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(invalid("/controller", "missing: required when id is given"));
            }
            (None, Some(_)) => {
                return Err(invalid("/id", "missing: required when controller is given"));
            }
        }
        Ok(signer)
    }

    /// The key file, pretty JSON, members `type`, `id`, `controller`, `publicKeyMultibase`,
    /// `secretKeyMultibase`. Zeroized when dropped.
    pub fn to_key_file(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(256));
        text.push_str("{\n  \"type\": \"Multikey\",\n  \"id\": ");
        json::write_escaped_str(&self.id, &mut text);
        text.push_str(",\n  \"controller\": ");
        json::write_escaped_str(&self.controller, &mut text);
        text.push_str(",\n  \"publicKeyMultibase\": \"");
        text.push_str(&self.key.public_key().to_multibase());
        text.push_str("\",\n  \"secretKeyMultibase\": \"");
        // Multibase text needs no escaping.
        text.push_str(&self.key.secret_multibase());
        text.push_str("\"\n}\n");
        text
    }

    /// The public Multikey verification method of this key (no secret), as it would appear in a
    /// controller document.
    pub fn verification_method_document(&self) -> Value {
        let mut vm = Object::new();
        vm.insert("id", self.id.as_str());
        vm.insert("type", "Multikey");
        vm.insert("controller", self.controller.as_str());
        vm.insert("publicKeyMultibase", self.key.public_key().to_multibase());
        Value::Object(vm)
    }

    /// The key pair.
    pub fn key_pair(&self) -> &Ed25519KeyPair {
        &self.key
    }

    /// The public key.
    pub fn public_key(&self) -> Ed25519PublicKey {
        self.key.public_key()
    }

    /// The verification method id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The controller of the verification method.
    pub fn controller(&self) -> &str {
        &self.controller
    }
}

impl Signer for Ed25519Signer {
    fn verification_method(&self) -> &str {
        &self.id
    }

    fn sign(&self, message: &[u8]) -> Result<[u8; 64], SignerError> {
        Ok(self.key.sign(message))
    }
}

impl fmt::Debug for Ed25519Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519Signer")
            .field("id", &self.id)
            .field("controller", &self.controller)
            .field("key", &self.key)
            .finish()
    }
}

fn wipe_strings(value: &mut Value) {
    use zeroize::Zeroize as _;
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe_strings),
        Value::Object(object) => object.iter_mut().for_each(|(_, v)| wipe_strings(v)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_round_trips_and_checks_public_key() {
        let signer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[3; 32]));
        let file = signer.to_key_file();
        assert!(file.contains("\"type\": \"Multikey\""));
        let back = Ed25519Signer::from_key_file(file.as_bytes()).unwrap();
        assert_eq!(back.id(), signer.id());
        assert_eq!(back.controller(), signer.public_key().did_key());
        assert_eq!(back.public_key(), signer.public_key());

        let other = Ed25519KeyPair::from_seed(&[4; 32])
            .public_key()
            .to_multibase();
        let forged = file.replace(&signer.public_key().to_multibase(), &other);
        // id and controller still name the first key; the public key member is checked.
        assert!(matches!(
            Ed25519Signer::from_key_file(forged.as_bytes()),
            Err(KeyError::PublicKeyMismatch { .. })
        ));
        let debug = format!("{back:?}");
        assert!(!debug.contains(signer.key_pair().secret_multibase().as_str()));
    }

    #[test]
    fn reads_private_key_multibase_and_rejects_missing_secret() {
        let key = Ed25519KeyPair::from_seed(&[5; 32]);
        let text = format!(
            r#"{{"privateKeyMultibase":"{}"}}"#,
            key.secret_multibase().as_str()
        );
        let signer = Ed25519Signer::from_key_file(text.as_bytes()).unwrap();
        assert_eq!(signer.id(), key.public_key().did_key_url());
        let err = Ed25519Signer::from_key_file(br#"{"type":"Multikey"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "/secretKeyMultibase: missing: the key file holds no secret key"
        );
    }
}
