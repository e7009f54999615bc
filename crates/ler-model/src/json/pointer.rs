use std::fmt;

/// A JSON pointer (RFC 6901) built up while walking a document, for naming where a problem is.
///
/// ```
/// use ler_model::json::Pointer;
///
/// let p = Pointer::root().key("credentialSubject").index(0).key("a/b");
/// assert_eq!(p.as_str(), "/credentialSubject/0/a~1b");
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document (the empty pointer).
    pub fn root() -> Self {
        Self(String::new())
    }

    /// This pointer extended by an object key (escaped as RFC 6901 requires).
    pub fn key(&self, key: &str) -> Self {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        s.push_str(&escape_token(key));
        Self(s)
    }

    /// This pointer extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        Self(format!("{}/{index}", self.0))
    }

    /// The pointer text; empty for the root.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes an already-formed pointer string as it is.
    pub fn from_raw(pointer: impl Into<String>) -> Self {
        Self(pointer.into())
    }
}

/// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1").into()
    } else {
        token.into()
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pointer({:?})", self.0)
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> Self {
        p.0
    }
}

impl AsRef<str> for Pointer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
