//! The credential and presentation types: a parsed JSON document plus typed access.

use crate::context::{self, ObVersion, VcVersion};
use crate::json::{self, Object, ParseOptions, Value};
use crate::kind::CredentialKind;
use crate::lang;
use crate::model::{Evidence, Issuer, Profile, Subject};
use crate::util::{has_type, one_or_many, str_of, types_of};
use crate::validate::{self, Violation};

/// Why bytes could not become a [`Credential`], [`Presentation`] or [`Document`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The bytes are not acceptable JSON (syntax, duplicate key, size or depth limit).
    #[error("not a JSON document: {0}")]
    Json(#[from] json::ParseError),
    /// The JSON is not an object.
    #[error("a credential or presentation is a JSON object, not {found}")]
    NotAnObject {
        /// The JSON type found (`array`, `string`, ...).
        found: &'static str,
    },
}

/// A borrowed, typed view of a credential object: the top-level document, or one nested in a
/// CLR, a presentation or an endorsement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CredentialRef<'a> {
    object: &'a Object,
}

impl<'a> CredentialRef<'a> {
    /// Wraps a credential object as it is.
    pub fn new(object: &'a Object) -> Self {
        Self { object }
    }

    /// The JSON object, unknown properties included.
    pub fn as_object(&self) -> &'a Object {
        self.object
    }

    /// The `@context` entries that are strings (URLs), in order.
    pub fn contexts(&self) -> Vec<&'a str> {
        self.context_strings().collect()
    }

    /// [`CredentialRef::contexts`] without collecting them.
    fn context_strings(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.object
            .get("@context")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
    }

    /// The VC Data Model version, told by the first `@context`.
    pub fn version(&self) -> Option<VcVersion> {
        self.context_strings()
            .next()
            .and_then(VcVersion::from_context)
    }

    /// The Open Badges context version named, if any (the newest when several are).
    pub fn ob_version(&self) -> Option<ObVersion> {
        self.context_strings()
            .filter_map(ObVersion::from_context)
            .max()
    }

    /// Whether a CLR 2.0 context is named.
    pub fn has_clr_context(&self) -> bool {
        self.context_strings().any(context::is_clr_context)
    }

    /// What kind of credential this is.
    pub fn kind(&self) -> CredentialKind {
        CredentialKind::of(self.object)
    }

    /// `id`.
    pub fn id(&self) -> Option<&'a str> {
        str_of(self.object, "id")
    }

    /// The `type` values.
    pub fn types(&self) -> Vec<&'a str> {
        types_of(self.object)
    }

    /// `issuer`: a URL or a profile.
    pub fn issuer(&self) -> Option<Issuer<'a>> {
        match self.object.get("issuer")? {
            Value::String(url) => Some(Issuer::Url(url)),
            Value::Object(o) => Some(Issuer::Profile(Profile::new(o))),
            _ => None,
        }
    }

    /// The `credentialSubject` entries that are objects.
    pub fn subjects(&self) -> Vec<Subject<'a>> {
        self.objects("credentialSubject")
            .map(Subject::new)
            .collect()
    }

    /// `name` (the untagged value first; see [`lang`] for all of them).
    pub fn name(&self) -> Option<&'a str> {
        self.object.get("name").and_then(|v| lang::best(v, None))
    }

    /// `description` (the untagged value first).
    pub fn description(&self) -> Option<&'a str> {
        self.object
            .get("description")
            .and_then(|v| lang::best(v, None))
    }

    /// When the credential becomes valid, as written: `validFrom`, or for VC 1.1 documents
    /// `issuanceDate`.
    pub fn valid_from(&self) -> Option<&'a str> {
        str_of(self.object, "validFrom").or_else(|| match self.version() {
            Some(VcVersion::V1_1) => str_of(self.object, "issuanceDate"),
            _ => None,
        })
    }

    /// When the credential stops being valid, as written: `validUntil`, or for VC 1.1 documents
    /// `expirationDate`.
    pub fn valid_until(&self) -> Option<&'a str> {
        str_of(self.object, "validUntil").or_else(|| match self.version() {
            Some(VcVersion::V1_1) => str_of(self.object, "expirationDate"),
            _ => None,
        })
    }

    /// OB `awardedDate`, as written.
    pub fn awarded_date(&self) -> Option<&'a str> {
        str_of(self.object, "awardedDate")
    }

    /// The `proof` entries (kept as data: this crate does not verify them).
    pub fn proofs(&self) -> Vec<&'a Object> {
        self.objects("proof").collect()
    }

    /// The `credentialStatus` entries.
    pub fn statuses(&self) -> Vec<&'a Object> {
        self.objects("credentialStatus").collect()
    }

    /// The `credentialSchema` entries.
    pub fn schemas(&self) -> Vec<&'a Object> {
        self.objects("credentialSchema").collect()
    }

    /// The `evidence` entries.
    pub fn evidence(&self) -> Vec<Evidence<'a>> {
        self.objects("evidence").map(Evidence::new).collect()
    }

    /// The `endorsement` entries (OB endorsement credentials about this one).
    pub fn endorsements(&self) -> Vec<CredentialRef<'a>> {
        self.objects("endorsement")
            .map(CredentialRef::new)
            .collect()
    }

    /// Every structural violation, in document order. Empty means the document passes every
    /// rule of this crate (see the rule table in the crate docs); it says nothing of proofs,
    /// status or schemas.
    pub fn validate(&self) -> Vec<Violation> {
        validate::credential(self.object)
    }

    fn objects(&self, key: &str) -> impl Iterator<Item = &'a Object> + use<'a> {
        self.object
            .get(key)
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_object)
    }
}

/// A verifiable credential: the parsed document, exactly as given, with typed access through
/// [`Credential::view`] (or the shortcuts here) and [`Credential::validate`].
///
/// The document is the source of truth: serializing returns the same keys in the same order,
/// the same number text, the same date strings and every property this crate does not know.
///
/// ```
/// use ler_model::{Credential, CredentialKind};
///
/// let text = r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"did:example:college","credentialSubject":{"id":"did:example:learner","hours":12.50},"x-vendor":true}"#;
/// let credential = Credential::from_slice(text.as_bytes())?;
/// assert_eq!(credential.kind(), CredentialKind::Plain);
/// assert_eq!(credential.issuer().and_then(|i| i.id()), Some("did:example:college"));
/// assert!(credential.validate().is_empty());
/// // `12.50` keeps its text and `x-vendor` its place.
/// assert_eq!(credential.to_json_string(), text);
/// # Ok::<(), ler_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    document: Object,
}

macro_rules! forward {
    ($($(#[doc = $doc:literal])+ fn $name:ident(&self) -> $ret:ty;)+) => {
        $(
            $(#[doc = $doc])+
            pub fn $name(&self) -> $ret {
                self.view().$name()
            }
        )+
    };
}

impl Credential {
    /// Parses a credential with the default limits (10 MB, depth 128).
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_slice_with(bytes, &ParseOptions::default())
    }

    /// Parses a credential with the given limits.
    pub fn from_slice_with(bytes: &[u8], options: &ParseOptions) -> Result<Self, Error> {
        Self::from_value(json::parse_with(bytes, options)?)
    }

    /// Takes a parsed document; it must be a JSON object.
    pub fn from_value(document: Value) -> Result<Self, Error> {
        match document {
            Value::Object(document) => Ok(Self { document }),
            other => Err(Error::NotAnObject {
                found: other.kind(),
            }),
        }
    }

    /// Takes a document object.
    pub fn from_object(document: Object) -> Self {
        Self { document }
    }

    /// The typed, borrowing view.
    pub fn view(&self) -> CredentialRef<'_> {
        CredentialRef::new(&self.document)
    }

    /// The document.
    pub fn as_object(&self) -> &Object {
        &self.document
    }

    /// The document for changing in place (adding a proof, say). Keys keep their order.
    pub fn as_object_mut(&mut self) -> &mut Object {
        &mut self.document
    }

    /// Gives the document back.
    pub fn into_value(self) -> Value {
        Value::Object(self.document)
    }

    /// Compact JSON: keys in document order, numbers and strings as written.
    pub fn to_json_string(&self) -> String {
        self.document.to_string()
    }

    /// Pretty JSON in the layout of `JSON.stringify(doc, null, 2)`.
    pub fn to_pretty_string(&self) -> String {
        self.document.to_pretty_string()
    }

    forward! {
        /// See [`CredentialRef::version`].
        fn version(&self) -> Option<VcVersion>;
        /// See [`CredentialRef::ob_version`].
        fn ob_version(&self) -> Option<ObVersion>;
        /// See [`CredentialRef::kind`].
        fn kind(&self) -> CredentialKind;
        /// See [`CredentialRef::id`].
        fn id(&self) -> Option<&str>;
        /// See [`CredentialRef::types`].
        fn types(&self) -> Vec<&str>;
        /// See [`CredentialRef::issuer`].
        fn issuer(&self) -> Option<Issuer<'_>>;
        /// See [`CredentialRef::subjects`].
        fn subjects(&self) -> Vec<Subject<'_>>;
        /// See [`CredentialRef::name`].
        fn name(&self) -> Option<&str>;
        /// See [`CredentialRef::valid_from`].
        fn valid_from(&self) -> Option<&str>;
        /// See [`CredentialRef::valid_until`].
        fn valid_until(&self) -> Option<&str>;
        /// See [`CredentialRef::proofs`].
        fn proofs(&self) -> Vec<&Object>;
        /// See [`CredentialRef::validate`].
        fn validate(&self) -> Vec<Violation>;
    }
}

/// A verifiable presentation: `holder` and the credentials it carries.
///
/// ```
/// use ler_model::Presentation;
///
/// let presentation = Presentation::from_slice(br#"{
///   "@context": ["https://www.w3.org/ns/credentials/v2"],
///   "type": ["VerifiablePresentation"],
///   "holder": "did:example:learner",
///   "verifiableCredential": [{"@context": ["https://www.w3.org/ns/credentials/v2"],
///     "type": ["VerifiableCredential"], "issuer": "did:example:college",
///     "credentialSubject": {"id": "did:example:learner"}}]
/// }"#)?;
/// assert_eq!(presentation.holder(), Some("did:example:learner"));
/// assert_eq!(presentation.credentials()[0].issuer().and_then(|i| i.id()), Some("did:example:college"));
/// assert!(presentation.proofs().is_empty());
/// # Ok::<(), ler_model::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presentation {
    document: Object,
}

impl Presentation {
    /// Parses a presentation with the default limits.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_value(json::parse(bytes)?)
    }

    /// Takes a parsed document; it must be a JSON object.
    pub fn from_value(document: Value) -> Result<Self, Error> {
        match document {
            Value::Object(document) => Ok(Self { document }),
            other => Err(Error::NotAnObject {
                found: other.kind(),
            }),
        }
    }

    /// The document.
    pub fn as_object(&self) -> &Object {
        &self.document
    }

    /// Gives the document back.
    pub fn into_value(self) -> Value {
        Value::Object(self.document)
    }

    /// Compact JSON: keys in document order, numbers and strings as written.
    pub fn to_json_string(&self) -> String {
        self.document.to_string()
    }

    /// `id`.
    pub fn id(&self) -> Option<&str> {
        str_of(&self.document, "id")
    }

    /// The VC Data Model version, told by the first `@context`.
    pub fn version(&self) -> Option<VcVersion> {
        self.document
            .get("@context")
            .map(one_or_many)
            .and_then(|c| c.first())
            .and_then(Value::as_str)
            .and_then(VcVersion::from_context)
    }

    /// The holder's id: `holder` as a URL, or its `id`.
    pub fn holder(&self) -> Option<&str> {
        match self.document.get("holder")? {
            Value::String(s) => Some(s),
            other => other.get("id").and_then(Value::as_str),
        }
    }

    /// The `verifiableCredential` entries that are objects.
    pub fn credentials(&self) -> Vec<CredentialRef<'_>> {
        self.document
            .get("verifiableCredential")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_object)
            .map(CredentialRef::new)
            .collect()
    }

    /// The `proof` entries.
    pub fn proofs(&self) -> Vec<&Object> {
        self.document
            .get("proof")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_object)
            .collect()
    }

    /// Every structural violation, the carried credentials' included (their pointers start
    /// with `/verifiableCredential/<n>`).
    pub fn validate(&self) -> Vec<Violation> {
        validate::presentation(&self.document)
    }
}

/// Either document a holder may hand over: a credential or a presentation, told by `type`.
///
/// ```
/// use ler_model::Document;
///
/// let value = ler_model::json::parse(br#"{"type": ["VerifiableCredential"], "issuer": "did:example:college"}"#)?;
/// match Document::from_value(value)? {
///     Document::Credential(credential) => assert_eq!(credential.types(), ["VerifiableCredential"]),
///     Document::Presentation(_) => unreachable!("told by type"),
///     _ => unreachable!("a credential or a presentation"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Document {
    /// A verifiable credential.
    Credential(Credential),
    /// A verifiable presentation.
    Presentation(Presentation),
}

impl Document {
    /// Parses either document with the given limits.
    ///
    /// ```
    /// use ler_model::Document;
    /// let doc = Document::from_slice_with(br#"{"type": ["VerifiablePresentation"]}"#, &Default::default())?;
    /// assert!(matches!(doc, Document::Presentation(_)));
    /// # Ok::<(), ler_model::Error>(())
    /// ```
    pub fn from_slice_with(bytes: &[u8], options: &ParseOptions) -> Result<Self, Error> {
        Self::from_value(json::parse_with(bytes, options)?)
    }

    /// Takes a parsed document, a presentation when its `type` includes
    /// `VerifiablePresentation`, else a credential; it must be a JSON object.
    pub fn from_value(value: Value) -> Result<Self, Error> {
        let is_presentation = value
            .as_object()
            .is_some_and(|o| has_type(o, "VerifiablePresentation"));
        if is_presentation {
            Presentation::from_value(value).map(Document::Presentation)
        } else {
            Credential::from_value(value).map(Document::Credential)
        }
    }

    /// The credential, when this is one.
    pub fn credential(&self) -> Option<&Credential> {
        match self {
            Document::Credential(c) => Some(c),
            Document::Presentation(_) => None,
        }
    }

    /// The presentation, when this is one.
    pub fn presentation(&self) -> Option<&Presentation> {
        match self {
            Document::Presentation(p) => Some(p),
            Document::Credential(_) => None,
        }
    }

    /// Gives the document back.
    pub fn into_value(self) -> Value {
        match self {
            Document::Credential(c) => c.into_value(),
            Document::Presentation(p) => p.into_value(),
        }
    }

    /// Every structural violation.
    pub fn validate(&self) -> Vec<Violation> {
        match self {
            Document::Credential(c) => c.validate(),
            Document::Presentation(p) => p.validate(),
        }
    }

    /// The document.
    pub fn as_object(&self) -> &Object {
        match self {
            Document::Credential(c) => c.as_object(),
            Document::Presentation(p) => p.as_object(),
        }
    }
}

// A CLR subject holds credentials; its accessor lives beside `CredentialRef` so that the view
// types of `model` need not know about credentials (no module cycle).
impl<'a> Subject<'a> {
    /// CLR: the `verifiableCredential` entries that are objects.
    pub fn credentials(&self) -> Vec<CredentialRef<'a>> {
        self.objects("verifiableCredential")
            .map(CredentialRef::new)
            .collect()
    }
}
