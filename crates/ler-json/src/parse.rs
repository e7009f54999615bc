use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;

use super::key::{Key, key_of, same_key};
use super::number::scan_number;
use super::pointer::escape_token;
use super::scan::first_special;
use super::{Number, Object, Value};

/// Limits applied while parsing. The defaults suit credentials: 10 MB, 128 levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ParseOptions {
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of arrays and objects accepted (the top level is depth 1).
    /// Values above [`ParseOptions::MAX_DEPTH_CEILING`] are treated as the ceiling.
    pub max_depth: usize,
}

impl ParseOptions {
    /// The most nesting any caller can allow: code that walks a value recursively (dropping
    /// it, writing it) stays far from the stack's end up to here.
    pub const MAX_DEPTH_CEILING: usize = 1_000;

    /// Limits of `max_bytes` bytes and `max_depth` levels of nesting.
    pub const fn new(max_bytes: usize, max_depth: usize) -> Self {
        Self {
            max_bytes,
            max_depth,
        }
    }

    /// Sets the most bytes a document may have.
    #[must_use]
    pub const fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Sets the deepest nesting a document may have (capped at [`Self::MAX_DEPTH_CEILING`]).
    #[must_use]
    pub const fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    fn depth_limit(&self) -> usize {
        self.max_depth.min(Self::MAX_DEPTH_CEILING)
    }
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self::new(10 * 1024 * 1024, 128)
    }
}

/// Why a document could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind} (line {line}, column {column}{})", pointer_suffix(.pointer))]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// 1-based line of the offending byte.
    pub line: usize,
    /// 1-based column (in bytes) of the offending byte.
    pub column: usize,
    /// Byte offset of the offending byte.
    pub offset: usize,
    pointer: Option<String>,
}

fn pointer_suffix(pointer: &Option<String>) -> String {
    match pointer {
        Some(p) => format!(
            ", at {}",
            if p.is_empty() { "the document root" } else { p }
        ),
        None => String::new(),
    }
}

impl ParseError {
    /// The JSON pointer of the value being read when the error was found, if one applies
    /// (for a duplicate key: the pointer of the repeated member).
    pub fn pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }
}

/// The kinds of [`ParseError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is larger than [`ParseOptions::max_bytes`].
    #[error("input is {size} bytes, more than the limit of {limit}")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Nesting deeper than [`ParseOptions::max_depth`].
    #[error("nesting deeper than the limit of {limit}")]
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// The same key twice in one object.
    #[error("duplicate key {key:?}")]
    DuplicateKey {
        /// The repeated key.
        key: String,
    },
    /// The input is not UTF-8.
    #[error("input is not valid UTF-8")]
    InvalidUtf8,
    /// The input ended inside a value.
    #[error("unexpected end of input")]
    UnexpectedEnd,
    /// A byte that cannot stand here.
    #[error("unexpected {found} where {expected} was expected")]
    Unexpected {
        /// What was found, described.
        found: String,
        /// What the grammar allows here.
        expected: &'static str,
    },
    /// A malformed number.
    #[error("invalid number")]
    InvalidNumber,
    /// A bad escape sequence or a raw control character in a string.
    #[error("invalid string: {0}")]
    InvalidString(&'static str),
    /// Something after the top-level value.
    #[error("trailing characters after the JSON value")]
    TrailingCharacters,
}

/// Parses one JSON document with the default [`ParseOptions`].
pub fn parse(input: &[u8]) -> Result<Value, ParseError> {
    parse_with(input, &ParseOptions::default())
}

/// Parses one JSON document (RFC 8259), keeping key order and number text, rejecting duplicate
/// keys. A UTF-8 byte-order mark is not accepted (RFC 8259 §8.1 forbids sending one).
pub fn parse_with(input: &[u8], options: &ParseOptions) -> Result<Value, ParseError> {
    if input.len() > options.max_bytes {
        return Err(Parser::new(input, options).error_at(
            0,
            ParseErrorKind::TooLarge {
                size: input.len(),
                limit: options.max_bytes,
            },
        ));
    }
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(e) => {
            return Err(
                Parser::new(input, options).error_at(e.valid_up_to(), ParseErrorKind::InvalidUtf8)
            );
        }
    };
    let mut parser = Parser::new(input, options);
    parser.text = text;
    if let Some(scratch) = SCRATCH.with(Cell::take) {
        parser.stack = scratch.stack;
        parser.values = scratch.values;
        parser.members = scratch.members;
    }
    let result = parser.parse_document();
    parser.stack.clear();
    parser.values.clear();
    parser.members.clear();
    if parser.values.capacity() + parser.members.capacity() <= KEEP_LIMIT {
        let scratch = Scratch {
            stack: parser.stack,
            values: parser.values,
            members: parser.members,
        };
        SCRATCH.with(|cell| cell.set(Some(scratch)));
    }
    result
}

/// The parser's scratch stacks, kept per thread between documents: growing them from nothing
/// for each document cost several reallocations of kilobyte blocks per parse, and freeing
/// blocks that size makes the allocator consolidate its free lists.
struct Scratch {
    stack: Vec<Frame>,
    values: Vec<Value>,
    members: Vec<(Key, Value)>,
}

thread_local! {
    static SCRATCH: Cell<Option<Scratch>> = const { Cell::new(None) };
}

/// Most entries of scratch capacity a thread keeps between documents (about 250 kB); a document
/// that needed more gives its stacks back to the allocator.
const KEEP_LIMIT: usize = 4_096;

/// One open array or object on the parser's explicit stack. Their items and members wait on
/// the parser's two shared stacks (`values`, `members`), so each container is allocated once,
/// at its exact size, when it closes.
enum Frame {
    Array {
        /// Where its items start in `values`.
        start: usize,
    },
    Object {
        /// Where its members start in `members`.
        start: usize,
        /// Key of the member whose value is being read.
        key: Key,
        /// Built once an object grows large, so duplicate checks stay linear overall.
        seen: Option<HashSet<Key>>,
    },
}

/// Above this many members, duplicate detection switches from a scan to a hash set.
const SCAN_LIMIT: usize = 16;

struct Parser<'a> {
    bytes: &'a [u8],
    /// `bytes` as text, once checked as UTF-8 (empty until then).
    text: &'a str,
    pos: usize,
    stack: Vec<Frame>,
    /// Items of the open arrays, innermost last.
    values: Vec<Value>,
    /// Members of the open objects, innermost last.
    members: Vec<(Key, Value)>,
    depth_limit: usize,
}

impl<'a> Parser<'a> {
    fn new(bytes: &'a [u8], options: &ParseOptions) -> Self {
        Self {
            bytes,
            text: "",
            pos: 0,
            stack: Vec::new(),
            values: Vec::new(),
            members: Vec::new(),
            depth_limit: options.depth_limit(),
        }
    }

    fn parse_document(&mut self) -> Result<Value, ParseError> {
        let mut value = self.parse_value()?;
        // Each completed value goes into its parent; a closed container becomes the next value.
        loop {
            let Some(frame) = self.stack.last_mut() else {
                self.skip_ws();
                if self.pos < self.bytes.len() {
                    return Err(self.error(ParseErrorKind::TrailingCharacters));
                }
                return Ok(value);
            };
            match frame {
                Frame::Array { .. } => self.values.push(value),
                Frame::Object { start, key, seen } => {
                    let key = std::mem::take(key);
                    let entries = self.members.get(*start..).unwrap_or_default();
                    if let Some(seen) = seen {
                        seen.insert(key.clone());
                    } else if entries.len() + 1 > SCAN_LIMIT {
                        let mut set: HashSet<Key> =
                            entries.iter().map(|(k, _)| k.clone()).collect();
                        set.insert(key.clone());
                        *seen = Some(set);
                    }
                    self.members.push((key, value));
                }
            }
            self.skip_ws();
            let is_array = matches!(self.stack.last(), Some(Frame::Array { .. }));
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    if !is_array {
                        self.read_member_key()?;
                    }
                    value = self.parse_value()?;
                }
                Some(b']') if is_array => {
                    self.pos += 1;
                    value = self.close()?;
                }
                Some(b'}') if !is_array => {
                    self.pos += 1;
                    value = self.close()?;
                }
                Some(_) => {
                    let expected = if is_array { "',' or ']'" } else { "',' or '}'" };
                    return Err(self.unexpected(expected));
                }
                None => return Err(self.error(ParseErrorKind::UnexpectedEnd)),
            }
        }
    }

    fn close(&mut self) -> Result<Value, ParseError> {
        match self.stack.pop() {
            Some(Frame::Array { start }) => Ok(Value::Array(
                self.values.split_off(start.min(self.values.len())),
            )),
            Some(Frame::Object { start, .. }) => Ok(Value::Object(Object::from_distinct_entries(
                self.members.split_off(start.min(self.members.len())),
            ))),
            None => Err(self.error(ParseErrorKind::UnexpectedEnd)),
        }
    }

    /// Reads a value; for `[` and `{` it opens a frame and reads on until a scalar or an empty
    /// container completes, which it returns.
    fn parse_value(&mut self) -> Result<Value, ParseError> {
        loop {
            self.skip_ws();
            let Some(byte) = self.peek() else {
                return Err(self.error(ParseErrorKind::UnexpectedEnd));
            };
            match byte {
                b'[' | b'{' => {
                    if self.stack.len() >= self.depth_limit {
                        return Err(self.error(ParseErrorKind::TooDeep {
                            limit: self.depth_limit,
                        }));
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if byte == b'[' {
                        if self.peek() == Some(b']') {
                            self.pos += 1;
                            return Ok(Value::Array(Vec::new()));
                        }
                        self.stack.push(Frame::Array {
                            start: self.values.len(),
                        });
                    } else {
                        if self.peek() == Some(b'}') {
                            self.pos += 1;
                            return Ok(Value::Object(Object::new()));
                        }
                        self.stack.push(Frame::Object {
                            start: self.members.len(),
                            key: Key::Borrowed(""),
                            seen: None,
                        });
                        self.read_member_key()?;
                    }
                }
                b'"' => return Ok(Value::String(self.parse_string()?.into_owned())),
                b't' => return self.literal("true", Value::Bool(true)),
                b'f' => return self.literal("false", Value::Bool(false)),
                b'n' => return self.literal("null", Value::Null),
                b'-' | b'0'..=b'9' => return self.parse_number(),
                _ => return Err(self.unexpected("a JSON value")),
            }
        }
    }

    /// Reads `"key" :` into the open object frame, rejecting a key already present.
    fn read_member_key(&mut self) -> Result<(), ParseError> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(if self.peek().is_none() {
                self.error(ParseErrorKind::UnexpectedEnd)
            } else {
                self.unexpected("a string key")
            });
        }
        let key_offset = self.pos;
        let key = match self.parse_string()? {
            Cow::Borrowed(text) => key_of(text),
            // Rare (a key with escapes): looked up too, so equal keys are stored alike.
            Cow::Owned(text) => key_of(&text),
        };
        let duplicate = match self.stack.last() {
            Some(Frame::Object {
                seen: Some(seen), ..
            }) => seen.contains(&key),
            Some(Frame::Object { start, .. }) => self
                .members
                .get(*start..)
                .unwrap_or_default()
                .iter()
                .any(|(k, _)| same_key(k, &key)),
            _ => false,
        };
        if duplicate {
            let mut err = self.error_at(
                key_offset,
                ParseErrorKind::DuplicateKey {
                    key: key.clone().into_owned(),
                },
            );
            // The open object's own slot still names the previous member: skip it.
            let object = self.pointer_of(self.stack.len().saturating_sub(1));
            err.pointer = Some(format!("{object}/{}", escape_token(&key)));
            return Err(err);
        }
        self.skip_ws();
        match self.peek() {
            Some(b':') => self.pos += 1,
            Some(_) => return Err(self.unexpected("':'")),
            None => return Err(self.error(ParseErrorKind::UnexpectedEnd)),
        }
        if let Some(Frame::Object { key: slot, .. }) = self.stack.last_mut() {
            *slot = key;
        }
        Ok(())
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, ParseError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn parse_number(&mut self) -> Result<Value, ParseError> {
        let rest = &self.bytes[self.pos..];
        let Some(len) = scan_number(rest) else {
            return Err(self.error(ParseErrorKind::InvalidNumber));
        };
        // A number must not run straight into more number-like bytes (`01`, `1.`, `1e`).
        if matches!(
            rest.get(len),
            Some(b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
        ) {
            return Err(self.error_at(self.pos + len, ParseErrorKind::InvalidNumber));
        }
        // The input was checked as UTF-8 and a number is ASCII.
        let text = std::str::from_utf8(&rest[..len])
            .map_err(|_| self.error(ParseErrorKind::InvalidNumber))?;
        self.pos += len;
        Ok(Value::Number(Number::from_checked_text(text)))
    }

    /// Reads a string: borrowed from the input when it has no escapes (most do), else owned.
    fn parse_string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1; // opening quote
        let start = self.pos;
        let rest = self.bytes.get(start..).unwrap_or_default();
        self.pos += first_special(rest).unwrap_or(rest.len());
        if self.peek() == Some(b'"') {
            // Quotes are ASCII, so the run is whole UTF-8 of the text checked up front.
            let text = self
                .text
                .get(start..self.pos)
                .ok_or_else(|| self.error(ParseErrorKind::InvalidUtf8))?;
            self.pos += 1;
            return Ok(Cow::Borrowed(text));
        }
        self.pos = start;
        self.parse_escaped_string().map(Cow::Owned)
    }

    /// Reads the rest of a string that has escapes (or is malformed), from just after its
    /// opening quote.
    fn parse_escaped_string(&mut self) -> Result<String, ParseError> {
        let mut out = String::new();
        loop {
            let start = self.pos;
            let rest = self.bytes.get(start..).unwrap_or_default();
            self.pos += first_special(rest).unwrap_or(rest.len());
            // Runs between quotes and escapes start and end on ASCII bytes, so they are whole
            // UTF-8 of the text checked once up front (`get` refuses any other cut).
            out.push_str(
                self.text
                    .get(start..self.pos)
                    .ok_or_else(|| self.error(ParseErrorKind::InvalidUtf8))?,
            );
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.parse_escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(ParseErrorKind::InvalidString("raw control character")));
                }
                None => return Err(self.error(ParseErrorKind::UnexpectedEnd)),
            }
        }
    }

    fn parse_escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.error(ParseErrorKind::UnexpectedEnd));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.error(ParseErrorKind::InvalidString("unpaired surrogate")));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error(ParseErrorKind::InvalidString("unpaired surrogate")));
                    }
                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                } else if (0xDC00..0xE000).contains(&first) {
                    return Err(self.error(ParseErrorKind::InvalidString("unpaired surrogate")));
                } else {
                    first
                };
                char::from_u32(code).ok_or_else(|| {
                    self.error(ParseErrorKind::InvalidString("invalid code point"))
                })?
            }
            _ => {
                return Err(self.error_at(
                    self.pos - 1,
                    ParseErrorKind::InvalidString("unknown escape"),
                ));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let Some(digits) = self.bytes.get(self.pos..self.pos + 4) else {
            return Err(self.error(ParseErrorKind::UnexpectedEnd));
        };
        let mut code = 0u32;
        for &d in digits {
            let v = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.error(ParseErrorKind::InvalidString("bad \\u escape")))?;
            code = code * 16 + v;
        }
        self.pos += 4;
        Ok(code)
    }

    fn skip_ws(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The pointer of the value being read: the open frames' keys and indexes.
    fn pointer(&self) -> String {
        self.pointer_of(self.stack.len())
    }

    /// The pointer through the outermost `frames` open frames.
    fn pointer_of(&self, frames: usize) -> String {
        let mut p = String::new();
        for (depth, frame) in self.stack.iter().enumerate().take(frames) {
            match frame {
                Frame::Array { start } => {
                    // Its items end where the next array inside it starts its own.
                    let end = self.stack[depth + 1..]
                        .iter()
                        .find_map(|f| match f {
                            Frame::Array { start } => Some(*start),
                            Frame::Object { .. } => None,
                        })
                        .unwrap_or(self.values.len());
                    p.push_str(&format!("/{}", end.saturating_sub(*start)));
                }
                Frame::Object { key, .. } => {
                    p.push('/');
                    p.push_str(&escape_token(key));
                }
            }
        }
        p
    }

    fn unexpected(&self, expected: &'static str) -> ParseError {
        let found = match self.peek() {
            Some(b) if b.is_ascii_graphic() => format!("'{}'", b as char),
            Some(b) => format!("byte 0x{b:02x}"),
            None => "end of input".to_owned(),
        };
        self.error(ParseErrorKind::Unexpected { found, expected })
    }

    fn error(&self, kind: ParseErrorKind) -> ParseError {
        self.error_at(self.pos, kind)
    }

    fn error_at(&self, offset: usize, kind: ParseErrorKind) -> ParseError {
        let offset = offset.min(self.bytes.len());
        let before = &self.bytes[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        let pointer = match kind {
            ParseErrorKind::TooLarge { .. } | ParseErrorKind::InvalidUtf8 => None,
            _ => Some(self.pointer()),
        };
        ParseError {
            kind,
            line,
            column,
            offset,
            pointer,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_pointers_count_only_each_arrays_own_items() {
        // Items of inner arrays and members of inner objects wait on the same shared stacks as
        // their parents' until they close; the pointer must still count each array's own.
        let e = parse(br#"{"a": [[1, 2], [3, x]]}"#).unwrap_err();
        assert_eq!(e.pointer(), Some("/a/1/1"));
        let e = parse(br#"[0, [1, [2, 3, [4]], ?]]"#).unwrap_err();
        assert_eq!(e.pointer(), Some("/1/2"));
        let e = parse(br#"{"k": {"k": 1, "j": {"k": 2}}, "j": [{"k": 1}], "k": 0}"#).unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::DuplicateKey { key: "k".into() });
        assert_eq!(e.pointer(), Some("/k"));
        let e = parse(br#"{"o": {"a": {"b": 1}, "b": 2, "a": 3}}"#).unwrap_err();
        assert_eq!(e.pointer(), Some("/o/a"));
    }

    #[test]
    fn containers_keep_their_own_members_in_order() {
        let v =
            parse(br#"{"a": [1, [2, {"x": [3], "y": 4}], 5], "b": {"c": {}, "d": []}}"#).unwrap();
        assert_eq!(
            v.to_string(),
            r#"{"a":[1,[2,{"x":[3],"y":4}],5],"b":{"c":{},"d":[]}}"#
        );
    }

    fn kind(input: &str) -> ParseErrorKind {
        parse(input.as_bytes()).unwrap_err().kind
    }

    #[test]
    fn parses_every_json_type_in_order() {
        let v = parse(
            br#" {"z": [1, -2.50, 3e+2, "s\u00e9\n", true, false, null, {}, []], "a": {"b": {}}} "#,
        )
        .unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.keys().collect::<Vec<_>>(), ["z", "a"]);
        let z = o.get("z").unwrap().as_array().unwrap();
        assert_eq!(z[1].as_number().unwrap().as_str(), "-2.50");
        assert_eq!(z[2].as_number().unwrap().as_str(), "3e+2");
        assert_eq!(z[3].as_str(), Some("s\u{e9}\n"));
        assert_eq!(z.len(), 9);
    }

    #[test]
    fn surrogate_pairs_decode_and_lone_surrogates_fail() {
        assert_eq!(
            parse(br#""\ud83d\ude00""#).unwrap().as_str(),
            Some("\u{1F600}")
        );
        assert!(matches!(
            kind(r#""\ud83d""#),
            ParseErrorKind::InvalidString(_)
        ));
        assert!(matches!(
            kind(r#""\ude00""#),
            ParseErrorKind::InvalidString(_)
        ));
    }

    #[test]
    fn duplicate_keys_name_key_and_pointer_small_and_large_objects() {
        let err = parse(br#"{"a": [{"id": 1, "id": 2}]}"#).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey { key: "id".into() });
        assert_eq!(err.pointer(), Some("/a/0/id"));
        // Past the scan limit the hash set takes over; it must still catch the repeat.
        let mut big = String::from("{");
        for i in 0..40 {
            big.push_str(&format!("\"k{i}\": {i},"));
        }
        big.push_str("\"k3\": 0}");
        let err = parse(big.as_bytes()).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::DuplicateKey { key: "k3".into() });
        assert_eq!(err.pointer(), Some("/k3"));
    }

    #[test]
    fn a_failed_parse_leaves_nothing_for_the_next_one_on_the_thread() {
        // The scratch stacks are reused per thread: an error deep inside containers must not
        // leave items or members behind.
        assert!(parse(br#"{"a": [1, {"b": [2, 3, {"c": x"#).is_err());
        assert!(parse(br#"[[1, 2], {"k": 1, "k": 2}]"#).is_err());
        let v = parse(br#"{"z": [4], "y": {"x": 5}}"#).unwrap();
        assert_eq!(v.to_string(), r#"{"z":[4],"y":{"x":5}}"#);
        // A document larger than the kept capacity still parses, and so does the next.
        let big = format!("[{}0]", "1,".repeat(10_000));
        assert_eq!(
            parse(big.as_bytes())
                .unwrap()
                .as_array()
                .map(<[Value]>::len),
            Some(10_001)
        );
        assert_eq!(parse(b"[true]").unwrap().to_string(), "[true]");
    }

    #[test]
    fn duplicate_keys_are_caught_whatever_their_spelling_or_storage() {
        // Vocabulary keys are stored as shared copies, others owned; an escaped spelling must
        // meet its plain twin either way.
        for (input, key) in [
            (r#"{"type": 1, "t\u0079pe": 2}"#, "type"),
            (r#"{"t\u0079pe": 1, "type": 2}"#, "type"),
            (r#"{"zz": 1, "z\u007a": 2}"#, "zz"),
            (r#"{"id": 1, "name": 2, "id": 3}"#, "id"),
        ] {
            let err = parse(input.as_bytes()).unwrap_err();
            assert_eq!(
                err.kind,
                ParseErrorKind::DuplicateKey { key: key.into() },
                "{input}"
            );
        }
        let v = parse(br#"{"type": 1, "typ": 2, "types": 3, "Type": 4}"#).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 4);
    }

    #[test]
    fn depth_and_size_limits_hold() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(kind(&deep), ParseErrorKind::TooDeep { limit: 128 });
        let ok = "[".repeat(128) + &"]".repeat(128);
        assert!(parse(ok.as_bytes()).is_ok());
        let options = ParseOptions::new(4, 128);
        let err = parse_with(b"[1,2,3]", &options).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::TooLarge { size: 7, limit: 4 });
        let ceiling = ParseOptions::new(usize::MAX, usize::MAX);
        let err = parse_with(deep.as_bytes(), &ceiling).unwrap_err();
        assert_eq!(
            err.kind,
            ParseErrorKind::TooDeep {
                limit: ParseOptions::MAX_DEPTH_CEILING
            }
        );
    }

    #[test]
    fn malformed_inputs_are_errors_with_positions() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "tru",
            "nul",
            "\"abc",
            "\"a\tb\"",
            "\"\\x\"",
            "[1 2]",
            "{1:2}",
            "1 2",
            "\u{feff}{}",
            "[\"\\u12\"]",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?} should fail");
        }
        let err = parse(b"{\n  \"a\": tx\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 8));
        assert_eq!(err.pointer(), Some("/a"));
        assert_eq!(
            parse(&[b'"', 0xff, b'"']).unwrap_err().kind,
            ParseErrorKind::InvalidUtf8
        );
    }

    #[test]
    fn error_messages_name_the_place() {
        let err = parse(br#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "duplicate key \"b\" (line 1, column 16, at /a/b)"
        );
    }
}
