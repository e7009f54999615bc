//! Errors of expansion and conversion to RDF.

use std::fmt;

macro_rules! error_codes {
    ($($variant:ident => $text:literal,)*) => {
        /// The error codes of the JSON-LD 1.1 API (`JsonLdErrorCode`), so a caller (and the W3C
        /// test suite) can match on the exact condition.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )*
        }

        impl ErrorCode {
            /// The code as the specification spells it, for example `invalid @id value`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

error_codes! {
    CollidingKeywords => "colliding keywords",
    ConflictingIndexes => "conflicting indexes",
    ContextOverflow => "context overflow",
    CyclicIriMapping => "cyclic IRI mapping",
    InvalidIdValue => "invalid @id value",
    InvalidImportValue => "invalid @import value",
    InvalidIncludedValue => "invalid @included value",
    InvalidIndexValue => "invalid @index value",
    InvalidNestValue => "invalid @nest value",
    InvalidPrefixValue => "invalid @prefix value",
    InvalidPropagateValue => "invalid @propagate value",
    InvalidProtectedValue => "invalid @protected value",
    InvalidReverseValue => "invalid @reverse value",
    InvalidVersionValue => "invalid @version value",
    InvalidBaseDirection => "invalid base direction",
    InvalidBaseIri => "invalid base IRI",
    InvalidContainerMapping => "invalid container mapping",
    InvalidContextEntry => "invalid context entry",
    InvalidContextNullification => "invalid context nullification",
    InvalidDefaultLanguage => "invalid default language",
    InvalidIriMapping => "invalid IRI mapping",
    InvalidJsonLiteral => "invalid JSON literal",
    InvalidKeywordAlias => "invalid keyword alias",
    InvalidLanguageMapValue => "invalid language map value",
    InvalidLanguageMapping => "invalid language mapping",
    InvalidLanguageTaggedString => "invalid language-tagged string",
    InvalidLanguageTaggedValue => "invalid language-tagged value",
    InvalidLocalContext => "invalid local context",
    InvalidRemoteContext => "invalid remote context",
    InvalidReverseProperty => "invalid reverse property",
    InvalidReversePropertyMap => "invalid reverse property map",
    InvalidReversePropertyValue => "invalid reverse property value",
    InvalidScopedContext => "invalid scoped context",
    InvalidSetOrListObject => "invalid set or list object",
    InvalidTermDefinition => "invalid term definition",
    InvalidTypeMapping => "invalid type mapping",
    InvalidTypeValue => "invalid type value",
    InvalidTypedValue => "invalid typed value",
    InvalidValueObject => "invalid value object",
    InvalidValueObjectValue => "invalid value object value",
    InvalidVocabMapping => "invalid vocab mapping",
    IriConfusedWithPrefix => "IRI confused with prefix",
    KeywordRedefinition => "keyword redefinition",
    LoadingDocumentFailed => "loading document failed",
    LoadingRemoteContextFailed => "loading remote context failed",
    ProcessingModeConflict => "processing mode conflict",
    ProtectedTermRedefinition => "protected term redefinition",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a document could not be expanded or converted to RDF.
///
/// Every variant names where in the input it happened as a JSON pointer (`""` is the document
/// root); errors inside a context document name the context instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonLdError {
    /// The document or one of its contexts breaks a rule of JSON-LD 1.1.
    #[error("{code}: {message} (at {})", show_pointer(.pointer))]
    Invalid {
        /// The JSON-LD error code.
        code: ErrorCode,
        /// What was wrong, for a person.
        message: String,
        /// Where in the document (for context errors: where the context was applied).
        pointer: String,
    },
    /// Safe mode: a property or type that no context in effect defines, so expansion would drop
    /// it or leave it without an absolute IRI.
    #[error("undefined term {term:?} (at {}): no context in effect defines it", show_pointer(.pointer))]
    UndefinedTerm {
        /// The term as written in the document.
        term: String,
        /// Where it is.
        pointer: String,
    },
    /// Safe mode: an IRI that stays relative (no base IRI applies), where RDF needs an absolute
    /// one; the statement would be dropped.
    #[error("relative IRI {iri:?} (at {}) where an absolute IRI is required", show_pointer(.pointer))]
    RelativeIri {
        /// The IRI as expanded.
        iri: String,
        /// Where it is.
        pointer: String,
    },
    /// Safe mode: a value that expansion or conversion to RDF would drop.
    #[error("value at {} would be dropped: {reason}", show_pointer(.pointer))]
    DroppedValue {
        /// Why it would be dropped.
        reason: String,
        /// Where it is.
        pointer: String,
    },
    /// With a [`SpellingGuard`](super::SpellingGuard): something a check reads, written in a form
    /// the check does not read (a full IRI or alias for a guarded term, `@nest`, `@reverse`, a
    /// wrapped value, a second node with the root's `@id`). The RDF may be the same as that of
    /// the plain form, which is exactly why it is refused.
    #[error("{written:?} (at {}) is not in the form the checks read: {reason}", show_pointer(.pointer))]
    NonStandardForm {
        /// The key, value or id as written.
        written: String,
        /// Why it is refused.
        reason: String,
        /// Where it is.
        pointer: String,
    },
    /// The dataset would hold more blank nodes than [`Limits::max_blank_nodes`](crate::Limits).
    #[error("more than {limit} blank nodes (at {})", show_pointer(.pointer))]
    TooManyBlankNodes {
        /// The limit.
        limit: usize,
        /// Where the limit was reached, when known (else the document root).
        pointer: String,
    },
    /// The dataset would hold more statements than [`Limits::max_statements`](crate::Limits)
    /// (or expansion expanded more JSON values than that).
    #[error("more than {limit} statements (at {})", show_pointer(.pointer))]
    TooManyStatements {
        /// The limit.
        limit: usize,
        /// Where the limit was reached, when known (else the document root).
        pointer: String,
    },
    /// A context written inline in the document defines more terms than
    /// [`Limits::max_context_terms`](crate::Limits).
    #[error("an inline context with {terms} terms, more than the limit of {limit} (at {})", show_pointer(.pointer))]
    ContextTooManyTerms {
        /// The terms it defines (scoped contexts included).
        terms: usize,
        /// The limit.
        limit: usize,
        /// Where the context is.
        pointer: String,
    },
    /// A context written inline in the document is larger than
    /// [`Limits::max_context_bytes`](crate::Limits).
    #[error("an inline context of {bytes} bytes, more than the limit of {limit} (at {})", show_pointer(.pointer))]
    ContextTooLarge {
        /// Its size as compact JSON text.
        bytes: usize,
        /// The limit.
        limit: usize,
        /// Where the context is.
        pointer: String,
    },
    /// The document nests deeper than the expansion limit.
    #[error("nesting deeper than {limit} levels (at {})", show_pointer(.pointer))]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Where the limit was reached.
        pointer: String,
    },
}

fn show_pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "the document root"
    } else {
        pointer
    }
}

impl JsonLdError {
    /// The JSON-LD error code, for errors that have one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Invalid { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The JSON pointer of the offending part of the document.
    pub fn pointer(&self) -> &str {
        match self {
            Self::Invalid { pointer, .. }
            | Self::UndefinedTerm { pointer, .. }
            | Self::RelativeIri { pointer, .. }
            | Self::DroppedValue { pointer, .. }
            | Self::NonStandardForm { pointer, .. }
            | Self::TooDeep { pointer, .. }
            | Self::TooManyBlankNodes { pointer, .. }
            | Self::TooManyStatements { pointer, .. }
            | Self::ContextTooManyTerms { pointer, .. }
            | Self::ContextTooLarge { pointer, .. } => pointer,
        }
    }

    /// The pointer, for changing in place.
    pub(crate) fn pointer_mut(&mut self) -> &mut String {
        match self {
            Self::Invalid { pointer, .. }
            | Self::UndefinedTerm { pointer, .. }
            | Self::RelativeIri { pointer, .. }
            | Self::DroppedValue { pointer, .. }
            | Self::NonStandardForm { pointer, .. }
            | Self::TooDeep { pointer, .. }
            | Self::TooManyBlankNodes { pointer, .. }
            | Self::TooManyStatements { pointer, .. }
            | Self::ContextTooManyTerms { pointer, .. }
            | Self::ContextTooLarge { pointer, .. } => pointer,
        }
    }

    /// Whether this error is a work limit of [`Limits`](crate::Limits) (or the nesting limit)
    /// being reached, rather than the document breaking a rule: the input was refused unread.
    pub fn is_limit(&self) -> bool {
        matches!(
            self,
            Self::TooDeep { .. }
                | Self::TooManyBlankNodes { .. }
                | Self::TooManyStatements { .. }
                | Self::ContextTooManyTerms { .. }
                | Self::ContextTooLarge { .. }
        )
    }

    pub(crate) fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Invalid {
            code,
            message: message.into(),
            pointer: String::new(),
        }
    }

    /// Sets the pointer if none is set yet (errors rise from deep inside).
    pub(crate) fn at(mut self, at: impl FnOnce() -> String) -> Self {
        if let Self::Invalid { pointer, .. }
        | Self::ContextTooManyTerms { pointer, .. }
        | Self::ContextTooLarge { pointer, .. } = &mut self
            && pointer.is_empty()
        {
            *pointer = at();
        }
        self
    }
}
