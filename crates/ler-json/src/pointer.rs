use std::fmt;

/// A JSON pointer (RFC 6901) built up while walking a document, for naming where a problem is.
///
/// ```
/// use ler_json::Pointer;
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
        // Written by hand: the validator makes one for every array item it visits, and
        // `format!` was a twentieth of validating a large credential.
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = index;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        let digits = std::str::from_utf8(&digits[start..]).unwrap_or_default();
        let mut s = String::with_capacity(self.0.len() + 1 + digits.len());
        s.push_str(&self.0);
        s.push('/');
        s.push_str(digits);
        Self(s)
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

#[cfg(test)]
mod tests {
    use super::Pointer;

    #[test]
    fn index_writes_decimal_digits() {
        let at = Pointer::root().key("a~b");
        for n in [0, 7, 10, 99, 100, 65_535, usize::MAX] {
            assert_eq!(at.index(n).as_str(), format!("/a~0b/{n}"));
        }
    }
}
