//! RDF terms, quads and datasets.
//!
//! Terms hold their text in [`Arc<str>`], so cloning a term (as JSON-LD to RDF and
//! canonicalization do a lot) is a reference-count increment, never a copy. Every constructor that
//! takes text checks it, so a [`Dataset`] always serializes to valid N-Quads; the `*_unchecked`
//! constructors skip that for text that is valid by construction.

use std::fmt;
use std::sync::Arc;

/// `http://www.w3.org/2001/XMLSchema#string`: the datatype of a plain literal.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// `http://www.w3.org/1999/02/22-rdf-syntax-ns#langString`: the datatype of a language-tagged
/// literal.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

// The terms conversion makes most often are made once per thread, not once per process: a
// clone is a reference-count increment, and threads verifying side by side would otherwise
// all write to the same count (measured: the 2-thread batch scaled 1.68x against the
// machine's 1.99x with these shared).
thread_local! {
    static XSD_STRING_IRI: Iri = Iri(Arc::from(XSD_STRING));
    static RDF_LANG_STRING_IRI: Iri = Iri(Arc::from(RDF_LANG_STRING));
    /// The first blank node labels: most documents need fewer than this many.
    static BLANK_LABELS: Vec<BlankNode> = (0..256).map(BlankNode::numbered).collect();
}

/// Why a piece of text is not a valid RDF term.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TermError {
    /// Not an absolute IRI, or it holds a character N-Quads forbids in an IRI.
    #[error("invalid IRI <{iri}>: {reason}")]
    InvalidIri {
        /// The rejected text.
        iri: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a valid blank node label (the text after `_:`).
    #[error("invalid blank node label {label:?}")]
    InvalidBlankNodeLabel {
        /// The rejected label.
        label: String,
    },
    /// Not a well-formed BCP 47 language tag.
    #[error("invalid language tag {tag:?}")]
    InvalidLanguageTag {
        /// The rejected tag.
        tag: String,
    },
}

/// An absolute IRI, such as `https://www.w3.org/ns/credentials/v2`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iri(Arc<str>);

impl Iri {
    /// Checks that `iri` is absolute (`scheme:rest`) and holds no character that N-Quads forbids in
    /// an IRI (controls, space, `<>"{}|^`` ` `` and `\`).
    pub fn new(iri: impl AsRef<str> + Into<Arc<str>>) -> Result<Self, TermError> {
        match check_iri(iri.as_ref()) {
            Ok(()) => Ok(Self(iri.into())),
            Err(reason) => Err(TermError::InvalidIri {
                iri: iri.as_ref().to_owned(),
                reason,
            }),
        }
    }

    /// Wraps text the caller has already checked (for example, a constant). An invalid IRI made
    /// this way is written out as it is, so use it only for text known to be valid.
    pub fn new_unchecked(iri: impl Into<Arc<str>>) -> Self {
        Self(iri.into())
    }

    /// `xsd:string`, shared within the thread: cloning it allocates nothing.
    pub fn xsd_string() -> Self {
        XSD_STRING_IRI.with(Self::clone)
    }

    /// `rdf:langString`, shared within the thread: cloning it allocates nothing.
    pub fn rdf_lang_string() -> Self {
        RDF_LANG_STRING_IRI.with(Self::clone)
    }

    /// The IRI text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The shared text.
    pub fn as_arc(&self) -> &Arc<str> {
        &self.0
    }
}

impl fmt::Debug for Iri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

impl fmt::Display for Iri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

/// A blank node, identified by its label (the text after `_:`, for example `b0`).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlankNode(Arc<str>);

impl BlankNode {
    /// Checks `label` against the N-Quads `BLANK_NODE_LABEL` production (without the `_:`).
    pub fn new(label: impl AsRef<str> + Into<Arc<str>>) -> Result<Self, TermError> {
        if is_blank_node_label(label.as_ref()) {
            Ok(Self(label.into()))
        } else {
            Err(TermError::InvalidBlankNodeLabel {
                label: label.as_ref().to_owned(),
            })
        }
    }

    /// The blank node `_:b<index>`, the labels a JSON-LD blank node generator issues.
    pub fn numbered(index: usize) -> Self {
        Self(Arc::from(format!("b{index}")))
    }

    /// Wraps a label the caller has already checked.
    pub fn new_unchecked(label: impl Into<Arc<str>>) -> Self {
        Self(label.into())
    }

    /// The label, without `_:`.
    pub fn label(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BlankNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "_:{}", self.0)
    }
}

impl fmt::Display for BlankNode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "_:{}", self.0)
    }
}

/// A literal: lexical form, datatype and, for `rdf:langString`, a language tag.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    value: Arc<str>,
    datatype: Iri,
    language: Option<Arc<str>>,
}

impl Literal {
    /// A plain string (`xsd:string`).
    pub fn string(value: impl Into<Arc<str>>) -> Self {
        Self {
            value: value.into(),
            datatype: Iri::xsd_string(),
            language: None,
        }
    }

    /// A literal with the given datatype. A datatype of `rdf:langString` needs a language, so
    /// use [`Literal::lang_string`] for those.
    pub fn typed(value: impl Into<Arc<str>>, datatype: Iri) -> Self {
        Self {
            value: value.into(),
            datatype,
            language: None,
        }
    }

    /// A language-tagged string; the tag must be well-formed BCP 47 (`en`, `en-US`,
    /// `zh-Hant-TW`, ...). Its case is kept as given.
    pub fn lang_string(
        value: impl Into<Arc<str>>,
        language: impl AsRef<str> + Into<Arc<str>>,
    ) -> Result<Self, TermError> {
        if !is_language_tag(language.as_ref()) {
            return Err(TermError::InvalidLanguageTag {
                tag: language.as_ref().to_owned(),
            });
        }
        Ok(Self {
            value: value.into(),
            datatype: Iri::rdf_lang_string(),
            language: Some(language.into()),
        })
    }

    /// A literal from parts already checked: a language tag only with `rdf:langString`, and
    /// well-formed.
    pub(crate) fn from_checked_parts(
        value: Arc<str>,
        datatype: Iri,
        language: Option<Arc<str>>,
    ) -> Self {
        Self {
            value,
            datatype,
            language,
        }
    }

    /// The lexical form.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// The datatype (`rdf:langString` when there is a language).
    pub fn datatype(&self) -> &Iri {
        &self.datatype
    }

    /// The language tag, if any.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }
}

/// An IRI or a blank node: what may stand as a subject or a graph name.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NamedOrBlank {
    /// An IRI.
    Iri(Iri),
    /// A blank node.
    Blank(BlankNode),
}

impl fmt::Debug for NamedOrBlank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Iri(i) => fmt::Debug::fmt(i, f),
            Self::Blank(b) => fmt::Debug::fmt(b, f),
        }
    }
}

impl From<Iri> for NamedOrBlank {
    fn from(iri: Iri) -> Self {
        Self::Iri(iri)
    }
}

impl From<BlankNode> for NamedOrBlank {
    fn from(node: BlankNode) -> Self {
        Self::Blank(node)
    }
}

/// Any RDF term: what may stand as an object.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// An IRI.
    Iri(Iri),
    /// A blank node.
    Blank(BlankNode),
    /// A literal.
    Literal(Literal),
}

impl fmt::Debug for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Iri(i) => fmt::Debug::fmt(i, f),
            Self::Blank(b) => fmt::Debug::fmt(b, f),
            Self::Literal(l) => fmt::Debug::fmt(l, f),
        }
    }
}

impl From<Iri> for Term {
    fn from(iri: Iri) -> Self {
        Self::Iri(iri)
    }
}

impl From<BlankNode> for Term {
    fn from(node: BlankNode) -> Self {
        Self::Blank(node)
    }
}

impl From<Literal> for Term {
    fn from(literal: Literal) -> Self {
        Self::Literal(literal)
    }
}

impl From<NamedOrBlank> for Term {
    fn from(node: NamedOrBlank) -> Self {
        match node {
            NamedOrBlank::Iri(i) => Self::Iri(i),
            NamedOrBlank::Blank(b) => Self::Blank(b),
        }
    }
}

/// One statement: subject, predicate, object, and the graph it sits in (`None` = the default
/// graph).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quad {
    /// The subject.
    pub subject: NamedOrBlank,
    /// The predicate.
    pub predicate: Iri,
    /// The object.
    pub object: Term,
    /// The graph name; `None` for the default graph.
    pub graph: Option<NamedOrBlank>,
}

impl Quad {
    /// A quad from its four parts.
    pub fn new(
        subject: impl Into<NamedOrBlank>,
        predicate: Iri,
        object: impl Into<Term>,
        graph: Option<NamedOrBlank>,
    ) -> Self {
        Self {
            subject: subject.into(),
            predicate,
            object: object.into(),
            graph,
        }
    }
}

/// An RDF dataset: a list of quads.
///
/// RDF datasets are sets; this type keeps quads in insertion order and may hold duplicates
/// (pushing is then cheap). [`canonicalize`](crate::canonicalize) treats duplicates as one quad,
/// and [`Dataset::dedup`] removes them.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    quads: Vec<Quad>,
}

impl Dataset {
    /// An empty dataset.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty dataset with room for `capacity` quads.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            quads: Vec::with_capacity(capacity),
        }
    }

    /// Appends a quad.
    pub fn push(&mut self, quad: Quad) {
        self.quads.push(quad);
    }

    /// Appends the quad made of the four parts.
    pub fn insert(
        &mut self,
        subject: impl Into<NamedOrBlank>,
        predicate: Iri,
        object: impl Into<Term>,
        graph: Option<NamedOrBlank>,
    ) {
        self.quads
            .push(Quad::new(subject, predicate, object, graph));
    }

    /// Number of quads held (duplicates included).
    pub fn len(&self) -> usize {
        self.quads.len()
    }

    /// Whether there are no quads.
    pub fn is_empty(&self) -> bool {
        self.quads.is_empty()
    }

    /// The quads, in insertion order.
    pub fn quads(&self) -> &[Quad] {
        &self.quads
    }

    /// Iterates over the quads in insertion order.
    pub fn iter(&self) -> std::slice::Iter<'_, Quad> {
        self.quads.iter()
    }

    /// Sorts the quads and removes duplicates.
    pub fn dedup(&mut self) {
        self.quads.sort_unstable();
        self.quads.dedup();
    }
}

impl fmt::Debug for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.quads).finish()
    }
}

impl FromIterator<Quad> for Dataset {
    fn from_iter<T: IntoIterator<Item = Quad>>(iter: T) -> Self {
        Self {
            quads: iter.into_iter().collect(),
        }
    }
}

impl Extend<Quad> for Dataset {
    fn extend<T: IntoIterator<Item = Quad>>(&mut self, iter: T) {
        self.quads.extend(iter);
    }
}

impl<'a> IntoIterator for &'a Dataset {
    type Item = &'a Quad;
    type IntoIter = std::slice::Iter<'a, Quad>;
    fn into_iter(self) -> Self::IntoIter {
        self.quads.iter()
    }
}

impl IntoIterator for Dataset {
    type Item = Quad;
    type IntoIter = std::vec::IntoIter<Quad>;
    fn into_iter(self) -> Self::IntoIter {
        self.quads.into_iter()
    }
}

/// Checks an absolute IRI: `scheme ":" rest`, with no character N-Quads forbids in `IRIREF`.
pub(crate) fn check_iri(iri: &str) -> Result<(), &'static str> {
    let bytes = iri.as_bytes();
    let Some(colon) = bytes.iter().position(|&b| b == b':') else {
        return Err("not absolute (no scheme)");
    };
    let scheme = &bytes[..colon];
    match scheme.first() {
        Some(b) if b.is_ascii_alphabetic() => {}
        _ => return Err("not absolute (scheme must start with a letter)"),
    }
    if !scheme
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return Err("not absolute (invalid scheme character)");
    }
    if let Some(&b) = bytes.iter().find(|&&b| is_forbidden_iri_byte(b)) {
        return Err(if b <= 0x20 {
            "contains a control character or space"
        } else {
            "contains one of <>\"{}|^`\\"
        });
    }
    Ok(())
}

/// Bytes N-Quads forbids in `IRIREF` (all ASCII, so checking bytes of UTF-8 is exact).
pub(crate) fn is_forbidden_iri_byte(b: u8) -> bool {
    b <= 0x20
        || matches!(
            b,
            b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\'
        )
}

/// A well-formed BCP 47 language tag, checked as N-Quads `LANGTAG` with subtags of 1 to 8
/// characters: `[a-zA-Z]{1,8} ('-' [a-zA-Z0-9]{1,8})*`.
pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    if first.is_empty() || first.len() > 8 || !first.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    parts.all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The N-Quads `BLANK_NODE_LABEL` production, after `_:`. Non-ASCII characters are accepted
/// wherever the grammar allows some (`PN_CHARS_BASE` covers most of Unicode).
pub(crate) fn is_blank_node_label(label: &str) -> bool {
    let mut chars = label.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !(first.is_ascii_alphanumeric() || first == '_' || is_pn_chars_base_non_ascii(first)) {
        return false;
    }
    if label.ends_with('.') {
        return false;
    }
    chars.all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(c, '_' | '-' | '.' | '\u{B7}')
            || ('\u{300}'..='\u{36F}').contains(&c)
            || ('\u{203F}'..='\u{2040}').contains(&c)
            || is_pn_chars_base_non_ascii(c)
    })
}

fn is_pn_chars_base_non_ascii(c: char) -> bool {
    matches!(c,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}'
        | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}'
        | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// `_:b<index>`, shared when it is one of the first 256.
pub(crate) fn numbered_blank(index: usize) -> BlankNode {
    BLANK_LABELS
        .with(|labels| labels.get(index).cloned())
        .unwrap_or_else(|| BlankNode::numbered(index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_must_be_absolute_and_clean() {
        assert!(Iri::new("https://example.org/a#b").is_ok());
        assert!(Iri::new("urn:ex:s").is_ok());
        assert!(Iri::new("did:key:z6Mk").is_ok());
        for bad in [
            "",
            "relative/path",
            ":nothing",
            "1http://x",
            "http://a b",
            "http://a<b",
            "ht tp://x",
            "http://x\\y",
            "http://x\n",
        ] {
            assert!(
                matches!(Iri::new(bad), Err(TermError::InvalidIri { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn language_tags_are_checked() {
        for good in ["en", "en-US", "zh-Hant-TW", "de-CH-1996", "x-private"] {
            assert!(Literal::lang_string("a", good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "en-",
            "-en",
            "e n",
            "en_US",
            "abcdefghi",
            "en--US",
            "1en",
            "en-abcdefghi",
        ] {
            assert!(
                matches!(
                    Literal::lang_string("a", bad),
                    Err(TermError::InvalidLanguageTag { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn blank_node_labels_are_checked() {
        for good in ["b0", "a.b", "_x", "0", "é-1"] {
            assert!(BlankNode::new(good).is_ok(), "{good}");
        }
        for bad in ["", "a.", ".a", "a b", "-a", "a:b"] {
            assert!(BlankNode::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn shared_datatypes_do_not_allocate() {
        let a = Iri::xsd_string();
        let b = Iri::xsd_string();
        assert!(Arc::ptr_eq(a.as_arc(), b.as_arc()));
    }
}
