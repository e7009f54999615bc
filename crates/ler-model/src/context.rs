//! The context URLs of the workspace, each defined once, here, and what they say about a
//! document.

/// The W3C Verifiable Credentials Data Model 2.0 base context.
pub const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// The W3C Verifiable Credentials Data Model 1.1 base context.
pub const VC_V1: &str = "https://www.w3.org/2018/credentials/v1";

/// Open Badges 3.0.0 (the unversioned URL).
pub const OB_V3P0_0: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context.json";
/// Open Badges 3.0.1.
pub const OB_V3P0_1: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json";
/// Open Badges 3.0.2.
pub const OB_V3P0_2: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";
/// Open Badges 3.0.3, the current one: what the builders write.
pub const OB_V3P0_3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The Open Badges 3.0 extensions context.
pub const OB_V3P0_EXTENSIONS: &str = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

/// CLR 2.0.0 (the unversioned URL).
pub const CLR_V2P0_0: &str = "https://purl.imsglobal.org/spec/clr/v2p0/context.json";
/// CLR 2.0.1, the current one: what the builders write.
pub const CLR_V2P0_1: &str = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json";
/// The pre-release CLR 2.0 draft context some early documents carry.
pub const CLR_V2P0_DRAFT: &str = "https://dc.imsglobal.org/draft/clr/v2p0/context";

/// The base URL of the ler project's own JSON-LD contexts and JSON Schemas. Contexts live at
/// `<base>contexts/<name>/v<N>`, schemas at `<base>schemas/<name>/<version>.json`. A published
/// document never changes; a change gets a new URL.
pub const LER_BASE: &str = "https://w3id.org/ler/";
/// The IRI base of the ler project's own vocabulary terms.
pub const LER_VOCAB: &str = "https://w3id.org/ler/vocab#";
/// The ler employment record context (`<base>contexts/employment/v1`).
pub const EMPLOYMENT_V1: &str = "https://w3id.org/ler/contexts/employment/v1";
/// The ler micro-credential context (`<base>contexts/microcredential/v1`): the terms of the US
/// and EU micro-credential profiles that Open Badges 3.0 and the European Learning Model do not
/// define (see the `ler-microcredential` crate).
pub const MICROCREDENTIAL_V1: &str = "https://w3id.org/ler/contexts/microcredential/v1";

/// The W3C Data Integrity 1.0 context, which signing appends to a document whose contexts do not
/// define the proof terms (context injection).
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// The Data Integrity draft context that some documents still carry.
pub const DATA_INTEGRITY_V1: &str = "https://w3id.org/security/data-integrity/v1";

/// Which VC Data Model a document follows, told by its first `@context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VcVersion {
    /// VC Data Model 1.1 (`issuanceDate`, `expirationDate`).
    V1_1,
    /// VC Data Model 2.0 (`validFrom`, `validUntil`).
    V2_0,
}

impl VcVersion {
    /// The version whose base context is `url`.
    pub fn from_context(url: &str) -> Option<Self> {
        match url {
            VC_V2 => Some(Self::V2_0),
            VC_V1 => Some(Self::V1_1),
            _ => None,
        }
    }

    /// The base context URL of this version.
    pub fn context(self) -> &'static str {
        match self {
            Self::V1_1 => VC_V1,
            Self::V2_0 => VC_V2,
        }
    }

    /// `"1.1"` or `"2.0"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_1 => "1.1",
            Self::V2_0 => "2.0",
        }
    }
}

/// Which Open Badges 3.0 context a document names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ObVersion {
    /// 3.0.0 (`context.json`).
    V3_0_0,
    /// 3.0.1.
    V3_0_1,
    /// 3.0.2.
    V3_0_2,
    /// 3.0.3.
    V3_0_3,
}

impl ObVersion {
    /// The version whose context is `url`.
    pub fn from_context(url: &str) -> Option<Self> {
        match url {
            OB_V3P0_0 => Some(Self::V3_0_0),
            OB_V3P0_1 => Some(Self::V3_0_1),
            OB_V3P0_2 => Some(Self::V3_0_2),
            OB_V3P0_3 => Some(Self::V3_0_3),
            _ => None,
        }
    }

    /// The version as text, `"3.0.3"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V3_0_0 => "3.0.0",
            Self::V3_0_1 => "3.0.1",
            Self::V3_0_2 => "3.0.2",
            Self::V3_0_3 => "3.0.3",
        }
    }
}

/// Whether `url` is one of the CLR 2.0 contexts (2.0.0, 2.0.1 or the draft).
pub fn is_clr_context(url: &str) -> bool {
    matches!(url, CLR_V2P0_0 | CLR_V2P0_1 | CLR_V2P0_DRAFT)
}
