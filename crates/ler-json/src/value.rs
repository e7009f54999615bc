use std::fmt;

use super::Number;
use super::key::Key;
use super::pointer::escape_token;

/// A JSON value that keeps key order and number text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Value {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, with its original text.
    Number(Number),
    /// A string (escapes resolved).
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in document order.
    Object(Object),
}

/// A JSON object: keys in document order, each at most once.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Object {
    entries: Vec<(Key, Value)>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(k, _)| key_is(k, key))
            .map(|(_, v)| v)
    }

    /// The value of `key` for changing in place, if present.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries
            .iter_mut()
            .find(|(k, _)| key_is(k, key))
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`: replaces the value where the key already stands (order kept), else appends.
    /// Returns the previous value.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let key = key.into();
        let value = value.into();
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((Key::Owned(key), value));
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the others. Returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    /// Removes `key` and returns where it stood with its key and value, so that
    /// [`Object::insert_at`] can put it back in the same place (order kept).
    pub fn remove_entry(&mut self, key: &str) -> Option<(usize, String, Value)> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        let (key, value) = self.entries.remove(at);
        Some((at, key.into_owned(), value))
    }

    /// Sets `key` at position `index` (at the end when `index` is past it); a key already
    /// present is replaced where it stands instead, as [`Object::insert`] does. Returns the
    /// previous value.
    pub fn insert_at(&mut self, index: usize, key: String, value: Value) -> Option<Value> {
        if let Some(slot) = self.get_mut(&key) {
            return Some(std::mem::replace(slot, value));
        }
        let index = index.min(self.entries.len());
        self.entries.insert(index, (Key::Owned(key), value));
        None
    }

    /// Members in document order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// Members in document order, values mutable.
    pub fn iter_mut(&mut self) -> impl ExactSizeIterator<Item = (&str, &mut Value)> {
        self.entries.iter_mut().map(|(k, v)| (&**k, v))
    }

    /// Keys in document order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &str> {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// Takes the members out, in document order.
    pub fn into_entries(self) -> Vec<(String, Value)> {
        self.entries
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect()
    }

    /// Builds an object from members whose keys the caller knows to be distinct (the parser).
    pub(crate) fn from_distinct_entries(entries: Vec<(Key, Value)>) -> Self {
        Self { entries }
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Object {
    /// Later duplicates replace earlier ones in place, as [`Object::insert`] does.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut object = Object::new();
        for (k, v) in iter {
            object.insert(k, v);
        }
        object
    }
}

impl Value {
    /// The member `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object for changing in place, if this is one.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The JSON type name, for messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Looks up an RFC 6901 JSON pointer (`""` is the whole value).
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        let mut current = self;
        for token in pointer_tokens(pointer)? {
            current = match current {
                Value::Object(o) => o.get(&token)?,
                Value::Array(a) => a.get(array_index(&token)?)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// Looks up an RFC 6901 JSON pointer for changing the value in place.
    ///
    /// ```
    /// let mut v = ler_json::parse(br#"{"a": [1, 2]}"#)?;
    /// *v.pointer_mut("/a/1").unwrap() = ler_json::Value::Bool(true);
    /// assert_eq!(v.to_string(), r#"{"a":[1,true]}"#);
    /// # Ok::<(), ler_json::ParseError>(())
    /// ```
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        let mut current = self;
        for token in pointer_tokens(pointer)? {
            current = match current {
                Value::Object(o) => o.get_mut(&token)?,
                Value::Array(a) => a.get_mut(array_index(&token)?)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// Every value in this one with its pointer, depth first, document order (this one first).
    /// Iterative, so no depth can overflow the stack.
    pub fn walk(&self) -> Vec<(String, &Value)> {
        let mut out = Vec::new();
        let mut stack = vec![(String::new(), self)];
        while let Some((pointer, value)) = stack.pop() {
            match value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate().rev() {
                        stack.push((format!("{pointer}/{i}"), item));
                    }
                }
                Value::Object(o) => {
                    for (k, v) in o.entries.iter().rev() {
                        stack.push((format!("{pointer}/{}", escape_token(k)), v));
                    }
                }
                _ => {}
            }
            out.push((pointer, value));
        }
        out
    }
}

impl fmt::Display for Value {
    /// Compact JSON, keys in document order, numbers as written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        super::write::write_compact(self, &mut out);
        f.write_str(&out)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Self {
        Value::Object(o)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

macro_rules! value_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self {
                Value::Number(Number::from(n))
            }
        }
    )*};
}
value_from_int!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl From<&serde_json::Value> for Value {
    /// Converts from serde_json. Without `preserve_order` serde_json has already sorted keys and
    /// without `arbitrary_precision` it has already rounded floats: parse bytes with
    /// [`parse`](super::parse) to keep the caller's document exactly.
    fn from(v: &serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => {
                Value::Number(Number::from_checked_text(&n.to_string()))
            }
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), Value::from(v))).collect())
            }
        }
    }
}

/// The unescaped reference tokens of an RFC 6901 pointer (none for `""`, the whole value), or
/// `None` when it does not start with `/`.
fn pointer_tokens(pointer: &str) -> Option<impl Iterator<Item = String> + '_> {
    let rest = if pointer.is_empty() {
        None
    } else {
        Some(pointer.strip_prefix('/')?)
    };
    Some(
        rest.into_iter()
            .flat_map(|rest| rest.split('/'))
            .map(|raw| raw.replace("~1", "/").replace("~0", "~")),
    )
}

/// An array index token: decimal digits without leading zeros (RFC 6901).
fn array_index(token: &str) -> Option<usize> {
    if token.len() > 1 && token.starts_with('0') {
        return None;
    }
    token.parse().ok()
}

/// Whether the stored key `stored` is `key`: length and first byte before the whole text, since
/// lookups by name mostly pass keys of other names (a call to compare bytes costs more than
/// these two tests).
#[inline]
fn key_is(stored: &str, key: &str) -> bool {
    stored.len() == key.len()
        && stored.as_bytes().first() == key.as_bytes().first()
        && stored == key
}
