//! The expanded form: JSON whose keys are keywords or IRIs, with shared strings.

use std::sync::Arc;

use ler_model::json::{Number, Object, Value};

/// Shared text.
pub(crate) type Str = Arc<str>;

macro_rules! keywords {
    ($($variant:ident => $text:literal,)*) => {
        /// A JSON-LD keyword.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum Keyword { $($variant,)* }

        impl Keyword {
            pub(crate) fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }

            pub(crate) fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)* _ => None }
            }
        }
    };
}

keywords! {
    Base => "@base",
    Container => "@container",
    Context => "@context",
    Direction => "@direction",
    Graph => "@graph",
    Id => "@id",
    Import => "@import",
    Included => "@included",
    Index => "@index",
    Json => "@json",
    Language => "@language",
    List => "@list",
    Nest => "@nest",
    None => "@none",
    Prefix => "@prefix",
    Propagate => "@propagate",
    Protected => "@protected",
    Reverse => "@reverse",
    Set => "@set",
    Type => "@type",
    Value => "@value",
    Version => "@version",
    Vocab => "@vocab",
    // Framing keywords: reserved, so a context may not redefine them.
    Default => "@default",
    Embed => "@embed",
    Explicit => "@explicit",
    OmitDefault => "@omitDefault",
    RequireAll => "@requireAll",
    Any => "@any",
}

/// A key of an expanded object: a keyword or an IRI (or blank node identifier).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Kw(Keyword),
    Iri(Str),
}

impl Key {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Key::Kw(k) => k.as_str(),
            Key::Iri(s) => s,
        }
    }

    /// The key for an expanded IRI or keyword text.
    pub(crate) fn from_expanded(s: &Str) -> Key {
        match Keyword::parse(s) {
            Some(k) => Key::Kw(k),
            None => Key::Iri(s.clone()),
        }
    }
}

/// An expanded JSON-LD value.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Ev {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Str),
    Array(Vec<Ev>),
    Object(Obj),
}

/// An expanded object; keys are few, so a vector searched linearly beats a map.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Obj {
    entries: Vec<(Key, Ev)>,
}

impl Obj {
    pub(crate) fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    pub(crate) fn with(key: Keyword, value: Ev) -> Self {
        Self {
            entries: vec![(Key::Kw(key), value)],
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn kw(&self, key: Keyword) -> Option<&Ev> {
        self.entries
            .iter()
            .find(|(k, _)| *k == Key::Kw(key))
            .map(|(_, v)| v)
    }

    pub(crate) fn has(&self, key: Keyword) -> bool {
        self.kw(key).is_some()
    }

    pub(crate) fn get_mut(&mut self, key: &Key) -> Option<&mut Ev> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub(crate) fn set(&mut self, key: Key, value: Ev) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.entries.push((key, value)),
        }
    }

    pub(crate) fn set_kw(&mut self, key: Keyword, value: Ev) {
        self.set(Key::Kw(key), value);
    }

    pub(crate) fn remove(&mut self, key: &Key) -> Option<Ev> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        Some(self.entries.remove(at).1)
    }

    /// Appends `value` (flattening an array) to the array at `key`.
    pub(crate) fn add(&mut self, key: Key, value: Ev) {
        let slot = match self.entries.iter().position(|(k, _)| *k == key) {
            Some(i) => &mut self.entries[i].1,
            None => {
                self.entries.push((key, Ev::Array(Vec::new())));
                let last = self.entries.len() - 1;
                &mut self.entries[last].1
            }
        };
        if !matches!(slot, Ev::Array(_)) {
            let old = std::mem::take(slot);
            *slot = Ev::Array(vec![old]);
        }
        if let Ev::Array(items) = slot {
            match value {
                Ev::Array(more) => items.extend(more),
                v => items.push(v),
            }
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Key, &Ev)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// Whether every key is one of `allowed`.
    pub(crate) fn only(&self, allowed: &[Keyword]) -> bool {
        self.entries
            .iter()
            .all(|(k, _)| matches!(k, Key::Kw(kw) if allowed.contains(kw)))
    }
}

impl Ev {
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Ev::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn into_array(self) -> Vec<Ev> {
        match self {
            Ev::Array(a) => a,
            Ev::Null => Vec::new(),
            v => vec![v],
        }
    }

    pub(crate) fn as_slice(&self) -> &[Ev] {
        match self {
            Ev::Array(a) => a,
            v => std::slice::from_ref(v),
        }
    }

    pub(crate) fn is_value_object(&self) -> bool {
        matches!(self, Ev::Object(o) if o.has(Keyword::Value))
    }

    pub(crate) fn is_list_object(&self) -> bool {
        matches!(self, Ev::Object(o) if o.has(Keyword::List))
    }

    pub(crate) fn is_graph_object(&self) -> bool {
        matches!(self, Ev::Object(o) if o.has(Keyword::Graph)
            && o.only(&[Keyword::Graph, Keyword::Id, Keyword::Index, Keyword::Context]))
    }

    /// A node object: a map that is not a value, list or set object.
    pub(crate) fn is_node_object(&self) -> bool {
        matches!(self, Ev::Object(o) if !o.has(Keyword::Value) && !o.has(Keyword::List) && !o.has(Keyword::Set))
    }

    /// Copies a plain JSON value (for `@json` literals and scalars).
    pub(crate) fn from_json(value: &Value) -> Ev {
        match value {
            Value::Null => Ev::Null,
            Value::Bool(b) => Ev::Bool(*b),
            Value::Number(n) => Ev::Number(n.clone()),
            Value::String(s) => Ev::String(Str::from(s.as_str())),
            Value::Array(items) => Ev::Array(items.iter().map(Ev::from_json).collect()),
            Value::Object(o) => Ev::Object(Obj {
                entries: o
                    .iter()
                    .map(|(k, v)| (Key::Iri(Str::from(k)), Ev::from_json(v)))
                    .collect(),
            }),
        }
    }

    /// Back to plain JSON (keywords and IRIs as keys).
    pub(crate) fn to_json(&self) -> Value {
        match self {
            Ev::Null => Value::Null,
            Ev::Bool(b) => Value::Bool(*b),
            Ev::Number(n) => Value::Number(n.clone()),
            Ev::String(s) => Value::String(s.to_string()),
            Ev::Array(items) => Value::Array(items.iter().map(Ev::to_json).collect()),
            Ev::Object(o) => {
                let mut out = Object::new();
                for (k, v) in o.iter() {
                    out.insert(k.as_str(), v.to_json());
                }
                Value::Object(out)
            }
        }
    }
}
