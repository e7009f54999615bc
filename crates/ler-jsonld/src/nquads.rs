//! N-Quads: a parser, and a writer with the canonical escaping of RDFC-1.0.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::rdf::{
    BlankNode, Dataset, Iri, Literal, NamedOrBlank, Quad, Term, TermError, XSD_STRING, check_iri,
    is_blank_node_label, is_language_tag,
};

/// Why N-Quads text could not be parsed. Lines and columns count from 1; columns count bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NQuadsError {
    /// The text does not follow the N-Quads grammar.
    #[error("N-Quads line {line}, column {column}: {message}")]
    Syntax {
        /// Line of the error.
        line: usize,
        /// Byte column of the error.
        column: usize,
        /// What was expected or found.
        message: &'static str,
    },
    /// A term is well-formed N-Quads but not a valid RDF term (relative IRI, bad language tag, ...).
    #[error("N-Quads line {line}: {source}")]
    Term {
        /// Line of the error.
        line: usize,
        /// The term error.
        #[source]
        source: TermError,
    },
}

/// Parses N-Quads (or N-Triples) text into a [`Dataset`], keeping quads in the order given.
///
/// IRIs must be absolute, language tags well-formed BCP 47, and escapes valid Unicode scalar
/// values. Work and memory are linear in the input. Repeated IRIs and labels share one
/// allocation.
///
/// ```
/// let dataset = ler_jsonld::parse_nquads(
///     "_:x <http://schema.org/name> \"Ada\"@en <urn:ex:g> .\n",
/// )?;
/// assert_eq!(dataset.len(), 1);
/// # Ok::<(), ler_jsonld::NQuadsError>(())
/// ```
pub fn parse_nquads(text: &str) -> Result<Dataset, NQuadsError> {
    let mut parser = Parser {
        interned: HashMap::new(),
        dataset: Dataset::new(),
    };
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        parser.parse_line(line, index + 1)?;
    }
    Ok(parser.dataset)
}

struct Parser {
    /// Shares one `Arc` between repeated IRIs and labels (keyed by the unescaped text).
    interned: HashMap<Box<str>, Arc<str>>,
    dataset: Dataset,
}

struct Cursor<'a> {
    line: &'a str,
    pos: usize,
    number: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.line.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn err(&self, message: &'static str) -> NQuadsError {
        NQuadsError::Syntax {
            line: self.number,
            column: self.pos + 1,
            message,
        }
    }

    fn term_err(&self, source: TermError) -> NQuadsError {
        NQuadsError::Term {
            line: self.number,
            source,
        }
    }

    fn expect(&mut self, byte: u8, message: &'static str) -> Result<(), NQuadsError> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(message))
        }
    }

    /// Reads 4 or 8 hex digits after `\u` / `\U` into a scalar value.
    fn read_uchar(&mut self, digits: usize) -> Result<char, NQuadsError> {
        let hex = self
            .line
            .get(self.pos..self.pos + digits)
            .ok_or_else(|| self.err("truncated \\u escape"))?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.err("invalid hex digit in \\u escape"));
        }
        let code = u32::from_str_radix(hex, 16).map_err(|_| self.err("invalid \\u escape"))?;
        let c = char::from_u32(code)
            .ok_or_else(|| self.err("\\u escape is not a Unicode scalar value"))?;
        self.pos += digits;
        Ok(c)
    }
}

impl Parser {
    fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.interned.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.interned.insert(Box::from(text), shared.clone());
        shared
    }

    fn parse_line(&mut self, line: &str, number: usize) -> Result<(), NQuadsError> {
        let mut c = Cursor {
            line,
            pos: 0,
            number,
        };
        c.skip_ws();
        match c.peek() {
            None | Some(b'#') => return Ok(()),
            _ => {}
        }
        let subject = self.named_or_blank(&mut c, "expected a subject (<IRI> or _:label)")?;
        c.skip_ws();
        if c.peek() != Some(b'<') {
            return Err(c.err("expected a predicate <IRI>"));
        }
        let predicate = self.iri(&mut c)?;
        c.skip_ws();
        let object = match c.peek() {
            Some(b'"') => Term::Literal(self.literal(&mut c)?),
            Some(b'<') => Term::Iri(self.iri(&mut c)?),
            Some(b'_') => Term::Blank(self.blank(&mut c)?),
            _ => return Err(c.err("expected an object (<IRI>, _:label or \"literal\")")),
        };
        c.skip_ws();
        let graph = match c.peek() {
            Some(b'.') => None,
            Some(b'<' | b'_') => Some(self.named_or_blank(&mut c, "expected a graph name")?),
            _ => return Err(c.err("expected a graph name or '.'")),
        };
        c.skip_ws();
        c.expect(b'.', "expected '.' at the end of the statement")?;
        c.skip_ws();
        match c.peek() {
            None | Some(b'#') => {}
            Some(_) => return Err(c.err("unexpected text after '.'")),
        }
        self.dataset.push(Quad {
            subject,
            predicate,
            object,
            graph,
        });
        Ok(())
    }

    fn named_or_blank(
        &mut self,
        c: &mut Cursor<'_>,
        message: &'static str,
    ) -> Result<NamedOrBlank, NQuadsError> {
        match c.peek() {
            Some(b'<') => Ok(NamedOrBlank::Iri(self.iri(c)?)),
            Some(b'_') => Ok(NamedOrBlank::Blank(self.blank(c)?)),
            _ => Err(c.err(message)),
        }
    }

    fn iri(&mut self, c: &mut Cursor<'_>) -> Result<Iri, NQuadsError> {
        c.expect(b'<', "expected '<'")?;
        let start = c.pos;
        let bytes = c.line.as_bytes();
        // Fast path: no escapes.
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            if b == b'>' || b == b'\\' {
                break;
            }
            end += 1;
        }
        let text: std::borrow::Cow<'_, str> = if bytes.get(end) == Some(&b'>') {
            c.pos = end + 1;
            std::borrow::Cow::Borrowed(&c.line[start..end])
        } else {
            let mut owned = String::from(&c.line[start..end]);
            c.pos = end;
            loop {
                match c.peek() {
                    None => return Err(c.err("unterminated IRI")),
                    Some(b'>') => {
                        c.pos += 1;
                        break;
                    }
                    Some(b'\\') => {
                        c.pos += 1;
                        let ch = match c.peek() {
                            Some(b'u') => {
                                c.pos += 1;
                                c.read_uchar(4)?
                            }
                            Some(b'U') => {
                                c.pos += 1;
                                c.read_uchar(8)?
                            }
                            _ => return Err(c.err("only \\u and \\U escapes are allowed in IRIs")),
                        };
                        owned.push(ch);
                    }
                    Some(_) => {
                        let rest = &c.line[c.pos..];
                        let stop = rest.find(['>', '\\']).unwrap_or(rest.len());
                        owned.push_str(&rest[..stop]);
                        c.pos += stop;
                    }
                }
            }
            std::borrow::Cow::Owned(owned)
        };
        if let Err(reason) = check_iri(&text) {
            return Err(c.term_err(TermError::InvalidIri {
                iri: text.into_owned(),
                reason,
            }));
        }
        Ok(Iri::new_unchecked(self.intern(&text)))
    }

    fn blank(&mut self, c: &mut Cursor<'_>) -> Result<BlankNode, NQuadsError> {
        c.expect(b'_', "expected '_:'")?;
        c.expect(b':', "expected '_:'")?;
        let rest = &c.line[c.pos..];
        let len = rest.find([' ', '\t', '<', '"', '#']).unwrap_or(rest.len());
        let mut label = &rest[..len];
        // A label cannot end with '.', so "_:b0." is the label b0 followed by the final dot.
        while let Some(stripped) = label.strip_suffix('.') {
            label = stripped;
        }
        if !is_blank_node_label(label) {
            return Err(c.term_err(TermError::InvalidBlankNodeLabel {
                label: label.to_owned(),
            }));
        }
        c.pos += label.len();
        Ok(BlankNode::new_unchecked(self.intern(label)))
    }

    fn literal(&mut self, c: &mut Cursor<'_>) -> Result<Literal, NQuadsError> {
        c.expect(b'"', "expected '\"'")?;
        let mut value = String::new();
        loop {
            let rest = &c.line[c.pos..];
            let stop = rest.find(['"', '\\', '\r']).unwrap_or(rest.len());
            value.push_str(&rest[..stop]);
            c.pos += stop;
            match c.peek() {
                None => return Err(c.err("unterminated string literal")),
                Some(b'"') => {
                    c.pos += 1;
                    break;
                }
                Some(b'\r') => return Err(c.err("raw carriage return in a string literal")),
                Some(_) => {
                    c.pos += 1;
                    let ch = match c.peek() {
                        Some(b't') => '\t',
                        Some(b'b') => '\u{8}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b'f') => '\u{C}',
                        Some(b'"') => '"',
                        Some(b'\'') => '\'',
                        Some(b'\\') => '\\',
                        Some(b'u') => {
                            c.pos += 1;
                            value.push(c.read_uchar(4)?);
                            continue;
                        }
                        Some(b'U') => {
                            c.pos += 1;
                            value.push(c.read_uchar(8)?);
                            continue;
                        }
                        _ => return Err(c.err("invalid escape in a string literal")),
                    };
                    c.pos += 1;
                    value.push(ch);
                }
            }
        }
        match c.peek() {
            Some(b'@') => {
                c.pos += 1;
                let rest = &c.line[c.pos..];
                let len = rest
                    .bytes()
                    .position(|b| !(b.is_ascii_alphanumeric() || b == b'-'))
                    .unwrap_or(rest.len());
                let tag = &rest[..len];
                if !is_language_tag(tag) {
                    return Err(c.term_err(TermError::InvalidLanguageTag {
                        tag: tag.to_owned(),
                    }));
                }
                c.pos += len;
                let tag = self.intern(tag);
                Literal::lang_string(value, tag).map_err(|e| c.term_err(e))
            }
            Some(b'^') => {
                c.pos += 1;
                c.expect(b'^', "expected '^^' before a datatype")?;
                if c.peek() != Some(b'<') {
                    return Err(c.err("expected a datatype <IRI>"));
                }
                let datatype = self.iri(c)?;
                if datatype.as_str() == crate::rdf::RDF_LANG_STRING {
                    return Err(c.err("rdf:langString needs a language tag"));
                }
                if datatype.as_str() == XSD_STRING {
                    return Ok(Literal::string(value));
                }
                Ok(Literal::typed(value, datatype))
            }
            _ => Ok(Literal::string(value)),
        }
    }
}

// The text forms of the RDF types live here, beside the writer they use, so that `rdf` (the
// types) does not depend on their serialization.

impl Dataset {
    /// Parses N-Quads text; see [`parse_nquads`].
    pub fn from_nquads(text: &str) -> Result<Self, NQuadsError> {
        parse_nquads(text)
    }

    /// Writes the quads as N-Quads, one line each, in insertion order, with the canonical
    /// escaping of RDFC-1.0 (the labels are left as they are).
    pub fn to_nquads(&self) -> String {
        let mut out = String::with_capacity(self.len() * 96);
        for quad in self.iter() {
            write_quad(&mut out, quad);
        }
        out
    }
}

impl fmt::Debug for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_literal(&mut s, self);
        f.write_str(&s)
    }
}

impl fmt::Debug for Quad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_quad(&mut s, self);
        f.write_str(s.trim_end())
    }
}

impl fmt::Display for Quad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        write_quad(&mut s, self);
        f.write_str(s.trim_end())
    }
}

/// Appends one quad as a canonical N-Quads line (ending in `\n`).
pub(crate) fn write_quad(out: &mut String, quad: &Quad) {
    write_subject(out, &quad.subject);
    out.push(' ');
    write_iri(out, quad.predicate.as_str());
    out.push(' ');
    write_object(out, &quad.object);
    if let Some(graph) = &quad.graph {
        out.push(' ');
        write_subject(out, graph);
    }
    out.push_str(" .\n");
}

/// Appends `<iri>`.
pub(crate) fn write_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

/// Appends a subject or graph name.
pub(crate) fn write_subject(out: &mut String, node: &NamedOrBlank) {
    match node {
        NamedOrBlank::Iri(iri) => write_iri(out, iri.as_str()),
        NamedOrBlank::Blank(b) => {
            out.push_str("_:");
            out.push_str(b.label());
        }
    }
}

/// Appends an object term.
pub(crate) fn write_object(out: &mut String, term: &Term) {
    match term {
        Term::Iri(iri) => write_iri(out, iri.as_str()),
        Term::Blank(b) => {
            out.push_str("_:");
            out.push_str(b.label());
        }
        Term::Literal(lit) => write_literal(out, lit),
    }
}

/// Appends a literal in canonical form: `"` escaped `"`, then `@lang` or `^^<datatype>` unless
/// the datatype is `xsd:string`.
pub(crate) fn write_literal(out: &mut String, lit: &Literal) {
    write_literal_parts(out, lit.value(), lit.datatype().as_str(), lit.language());
}

/// Appends a literal given by its parts.
pub(crate) fn write_literal_parts(
    out: &mut String,
    value: &str,
    datatype: &str,
    language: Option<&str>,
) {
    out.push('"');
    write_escaped(out, value);
    out.push('"');
    if let Some(lang) = language {
        out.push('@');
        out.push_str(lang);
    } else if datatype != XSD_STRING {
        out.push_str("^^");
        write_iri(out, datatype);
    }
}

/// Canonical N-Quads string escaping (RDFC-1.0 §4.3 / N-Triples canonical form): `\b \t \n \f \r
/// \" \\` as ECHAR; other controls and DEL as `\u00XX` with upper-case hex; all else as is.
/// Text between escapes is copied in one piece, found eight bytes at a time.
pub(crate) fn write_escaped(out: &mut String, value: &str) {
    let bytes = value.as_bytes();
    let mut start = 0;
    while let Some(i) = next_escape(bytes, start) {
        // `i` is an ASCII byte, so a character boundary.
        out.push_str(value.get(start..i).unwrap_or_default());
        let b = bytes[i];
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            _ => "",
        };
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(value.get(start..).unwrap_or_default());
}

/// Whether canonical N-Quads escapes this byte in a string: `"`, `\\`, controls and DEL.
fn is_escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F
}

/// The position of the first byte at or after `from` that [`is_escaped`], if any. Eight bytes
/// are tested at once: a word test that never misses such a byte (it may flag a word without
/// one, which the byte loop then passes over).
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = ONES * 0x80;
    // Some byte of `v` is zero.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        // Some byte below 0x20, or equal to `"`, `\\` or DEL.
        let flagged = (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | zero(x ^ (ONES * 0x7F));
        if flagged != 0
            && let Some(k) = chunk.iter().position(|&b| is_escaped(b))
        {
            return Some(i + k);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| is_escaped(b))
        .map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_finds_every_byte_that_needs_it_at_every_position() {
        // The byte-at-a-time rule the word test must agree with.
        fn by_byte(value: &str) -> String {
            let mut out = String::new();
            for c in value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\u{8}' => out.push_str("\\b"),
                    '\u{C}' => out.push_str("\\f"),
                    '\0'..='\u{1F}' | '\u{7F}' => out.push_str(&format!("\\u{:04X}", c as u32)),
                    _ => out.push(c),
                }
            }
            out
        }
        let fillers = [
            "a",
            "é",
            "\u{80}",
            "\u{FFFF}",
            " ",
            "!",
            "#",
            "[",
            "]",
            "~",
            "\u{1F600}",
        ];
        for b in 0u8..=0x7F {
            let special = char::from(b).to_string();
            for filler in fillers {
                for before in 0..19 {
                    for after in [0, 1, 7, 8, 9] {
                        let value = format!(
                            "{}{special}{}{special}",
                            filler.repeat(before),
                            filler.repeat(after)
                        );
                        let mut out = String::new();
                        write_escaped(&mut out, &value);
                        assert_eq!(out, by_byte(&value), "{value:?}");
                    }
                }
            }
        }
    }

    fn err_line(text: &str) -> usize {
        match parse_nquads(text) {
            Err(NQuadsError::Syntax { line, .. } | NQuadsError::Term { line, .. }) => line,
            other => panic!("expected an error for {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn round_trips_canonical_text() {
        let text = "<urn:ex:s> <urn:ex:p> \"a\\\"b\\\\c\\n\\u0001\"@en-GB <urn:ex:g> .\n\
                    _:b0 <urn:ex:p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n\
                    _:b0 <urn:ex:p> _:b1 _:g .\n";
        let dataset = parse_nquads(text).unwrap();
        assert_eq!(dataset.len(), 3);
        assert_eq!(dataset.to_nquads(), text);
    }

    #[test]
    fn explicit_xsd_string_is_dropped_and_escapes_are_decoded() {
        let ds = parse_nquads(
            "<urn:ex:\\u0073> <urn:ex:p> \"\\u0041\\U0001F303\\'\"^^<http://www.w3.org/2001/XMLSchema#string> .",
        )
        .unwrap();
        assert_eq!(ds.to_nquads(), "<urn:ex:s> <urn:ex:p> \"A\u{1F303}'\" .\n");
    }

    #[test]
    fn comments_blank_lines_and_crlf_are_accepted() {
        let ds = parse_nquads("# c\r\n\r\n  <urn:a> <urn:b> <urn:c> . # tail\r\n").unwrap();
        assert_eq!(ds.len(), 1);
    }

    #[test]
    fn errors_carry_line_numbers() {
        assert_eq!(err_line("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> ."), 2);
        assert_eq!(err_line("\n\n<urn:a> <urn:b> \"x\"@en_US ."), 3);
        assert_eq!(err_line("<rel> <urn:b> <urn:c> ."), 1);
        assert_eq!(err_line("<urn:a> <urn:b> <urn:c>"), 1);
        assert_eq!(err_line("<urn:a> <urn:b> <urn:c> . x"), 1);
        assert_eq!(err_line("<urn:a> \"p\" <urn:c> ."), 1);
        assert_eq!(err_line("<urn:a> <urn:b> \"unterminated ."), 1);
        assert_eq!(err_line("<urn:a> <urn:b> \"\\ud800\" ."), 1);
        assert_eq!(err_line("<urn:a> <urn:b> \"\\q\" ."), 1);
        assert_eq!(err_line("<urn:a b> <urn:b> <urn:c> ."), 1);
        assert_eq!(err_line("<urn:\\u0020> <urn:b> <urn:c> ."), 1);
        assert_eq!(err_line("_:a. <urn:b> <urn:c> ."), 1);
        assert_eq!(err_line("\"lit\" <urn:b> <urn:c> ."), 1);
        assert_eq!(
            err_line(
                "<urn:a> <urn:b> \"x\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> ."
            ),
            1
        );
    }

    #[test]
    fn trailing_dot_after_label_ends_the_statement() {
        let ds = parse_nquads("<urn:a> <urn:b> _:c.").unwrap();
        assert_eq!(ds.to_nquads(), "<urn:a> <urn:b> _:c .\n");
    }

    #[test]
    fn escaping_follows_the_canonical_form() {
        let mut out = String::new();
        write_escaped(
            &mut out,
            "\u{0}\u{7}\u{8}\t\n\u{B}\u{C}\r\u{E}\u{1F} \"\\\u{7F}\u{80}é'",
        );
        assert_eq!(
            out,
            "\\u0000\\u0007\\b\\t\\n\\u000B\\f\\r\\u000E\\u001F \\\"\\\\\\u007F\u{80}é'"
        );
    }
}
