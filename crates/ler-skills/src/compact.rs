//! The compact binary form of a [`Taxonomy`]: identifiers, codes, labels, hierarchy,
//! relations, crosswalk matches and gaps, framework licences and attributions; no prose.
//!
//! Layout (all integers LEB128 varints unless noted, strings = varint length + UTF-8):
//! magic `LERSKL` + format byte, the text block (length + UTF-8: every concept string, in
//! concept order), then sections in order: frameworks (6 strings each), concepts (framework,
//! kind byte, flags byte, job-zone byte, then the lengths of id, code, label, the alt-label
//! count and the alt-label lengths, all read from the text block), broader edges (child as delta from the previous child, parent), relations
//! (source delta, target, tag byte, detail byte), matches (from, to, kind byte, source
//! framework, status byte), aliases (key, concept, kind byte), crosswalk gaps, job-zone names,
//! and the magic again. [`encode`] writes the raw bytes; [`compress`] / [`decode_compressed`]
//! wrap them in DEFLATE, which is what the embedded file holds.

use std::io::{Read, Write};

use crate::error::Error;
use crate::model::{
    ConceptKind, CrosswalkGap, CrosswalkGapReason, Framework, MatchKind, RelationKind,
};
use crate::taxonomy::{Alias, AliasKind, ConceptRec, Data, LinkRec, RelRec, Span, Taxonomy};

const MAGIC: &[u8; 6] = b"LERSKL";
const FORMAT: u8 = 3;
/// Upper bound of a decompressed payload: far above the real one, small enough to refuse a
/// decompression bomb.
const MAX_RAW: u64 = 256 * 1024 * 1024;

struct Writer(Vec<u8>);

impl Writer {
    fn u(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }
    fn str(&mut self, s: &str) {
        self.u(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }
}

/// The raw (uncompressed) compact form of `taxonomy`. Deterministic: the same taxonomy gives
/// the same bytes.
pub fn encode(taxonomy: &Taxonomy) -> Vec<u8> {
    let d = &taxonomy.data;
    // Concept strings go to one text block, in concept order, so that decoding takes the block
    // as the string arena in one piece; the structure only holds their lengths.
    let mut text = String::with_capacity(d.text.len());
    let mut w = Writer(Vec::with_capacity(d.concepts.len() * 16));
    w.u(d.frameworks.len() as u64);
    for f in &d.frameworks {
        for s in [
            &f.key,
            &f.name,
            &f.version,
            &f.licence,
            &f.attribution,
            &f.url,
        ] {
            w.str(s);
        }
    }
    w.u(d.concepts.len() as u64);
    for c in &d.concepts {
        w.u(u64::from(c.framework));
        w.byte(c.kind.to_u8());
        w.byte(c.flags);
        w.byte(c.job_zone);
        for s in [d.str(c.id), d.str(c.code), d.str(c.label)] {
            w.u(s.len() as u64);
            text.push_str(s);
        }
        w.u(u64::from(c.alt_len));
        let start = c.alt_start as usize;
        for &span in d.alt.get(start..start + c.alt_len as usize).unwrap_or(&[]) {
            let s = d.str(span);
            w.u(s.len() as u64);
            text.push_str(s);
        }
    }
    w.u(d.broader.len() as u64);
    let mut prev = 0u32;
    for &(child, parent) in &d.broader {
        w.u(u64::from(child - prev));
        w.u(u64::from(parent));
        prev = child;
    }
    w.u(d.relations.len() as u64);
    let mut prev = 0u32;
    for r in &d.relations {
        w.u(u64::from(r.source - prev));
        w.u(u64::from(r.target));
        w.byte(r.tag);
        w.byte(r.detail);
        prev = r.source;
    }
    w.u(d.links.len() as u64);
    for l in &d.links {
        w.u(u64::from(l.from));
        w.u(u64::from(l.to));
        w.byte(l.kind);
        w.u(u64::from(l.source));
        w.byte(l.status);
    }
    w.u(d.aliases.len() as u64);
    for a in &d.aliases {
        w.str(&a.key);
        w.u(u64::from(a.concept));
        w.byte(a.kind as u8);
    }
    w.u(d.gaps.len() as u64);
    for g in &d.gaps {
        for s in [
            &g.esco_uri,
            &g.esco_label,
            &g.onet_2010_code,
            &g.onet_2010_title,
        ] {
            w.str(s);
        }
        match &g.reason {
            CrosswalkGapReason::SocCodeRetired => w.byte(0),
            CrosswalkGapReason::Ambiguous { candidates } => {
                w.byte(1);
                w.u(candidates.len() as u64);
                for c in candidates {
                    w.str(c);
                }
            }
            CrosswalkGapReason::EscoConceptMissing => w.byte(2),
            CrosswalkGapReason::OnetNotLoaded => w.byte(3),
        }
    }
    w.u(d.job_zone_names.len() as u64);
    for n in &d.job_zone_names {
        w.str(n);
    }
    w.0.extend_from_slice(MAGIC);
    let mut out = Writer(Vec::with_capacity(text.len() + w.0.len() + 16));
    out.0.extend_from_slice(MAGIC);
    out.byte(FORMAT);
    out.u(text.len() as u64);
    out.0.extend_from_slice(text.as_bytes());
    out.0.extend_from_slice(&w.0);
    out.0
}

/// DEFLATE-compresses raw compact bytes (best compression).
pub fn compress(raw: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(raw);
    encoder.finish().unwrap_or_default()
}

/// Inflates DEFLATE-compressed compact bytes (at most 256 MiB).
pub fn decompress(compressed: &[u8]) -> Result<Vec<u8>, Error> {
    let mut raw = Vec::with_capacity(compressed.len() * 4);
    flate2::read::DeflateDecoder::new(compressed)
        .take(MAX_RAW + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Error::CompactData(format!("inflate: {e}")))?;
    if raw.len() as u64 > MAX_RAW {
        return Err(Error::CompactData("payload larger than 256 MiB".into()));
    }
    Ok(raw)
}

/// Decodes DEFLATE-compressed compact bytes (the embedded file's form).
pub fn decode_compressed(compressed: &[u8]) -> Result<Taxonomy, Error> {
    decode(&decompress(compressed)?)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

fn bad(what: &str) -> Error {
    Error::CompactData(what.to_owned())
}

impl<'a> Reader<'a> {
    fn u(&mut self) -> Result<u64, Error> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self
                .bytes
                .get(self.pos)
                .ok_or_else(|| bad("truncated varint"))?;
            self.pos += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(bad("varint too long"))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        u32::try_from(self.u()?).map_err(|_| bad("value exceeds 32 bits"))
    }
    /// A count of items each taking at least one byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize, Error> {
        let n = self.u()?;
        let left = (self.bytes.len() - self.pos.min(self.bytes.len())) as u64;
        if n > left {
            return Err(bad("count exceeds data"));
        }
        Ok(n as usize)
    }
    fn byte(&mut self) -> Result<u8, Error> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| bad("truncated"))?;
        self.pos += 1;
        Ok(b)
    }
    fn str(&mut self) -> Result<&'a str, Error> {
        let len = self.count()?;
        let slice = self
            .bytes
            .get(self.pos..self.pos + len)
            .ok_or_else(|| bad("truncated string"))?;
        self.pos += len;
        std::str::from_utf8(slice).map_err(|_| bad("invalid UTF-8"))
    }
    fn string(&mut self) -> Result<String, Error> {
        self.str().map(str::to_owned)
    }
    fn magic(&mut self) -> Result<(), Error> {
        let slice = self
            .bytes
            .get(self.pos..self.pos + MAGIC.len())
            .ok_or_else(|| bad("truncated"))?;
        self.pos += MAGIC.len();
        if slice == MAGIC {
            Ok(())
        } else {
            Err(bad("bad magic"))
        }
    }
}

/// Decodes raw compact bytes (as [`encode`] writes them). Every index is checked; malformed
/// input is an error, never a panic.
pub fn decode(bytes: &[u8]) -> Result<Taxonomy, Error> {
    let mut r = Reader { bytes, pos: 0 };
    r.magic()?;
    if r.byte()? != FORMAT {
        return Err(bad("unsupported format version"));
    }
    let text_len = r.count()?;
    let block = bytes
        .get(r.pos..r.pos + text_len)
        .ok_or_else(|| bad("truncated text"))?;
    r.pos += text_len;
    let mut d = Data {
        text: std::str::from_utf8(block)
            .map_err(|_| bad("invalid UTF-8"))?
            .to_owned(),
        ..Data::default()
    };
    let mut cursor = 0usize;
    let mut span = |r: &mut Reader<'_>, text: &str| -> Result<Span, Error> {
        let len = r.count()?;
        let end = cursor
            .checked_add(len)
            .filter(|&e| e <= text.len() && text.is_char_boundary(e));
        let end = end.ok_or_else(|| bad("string outside the text block"))?;
        let start = u32::try_from(cursor).map_err(|_| Error::TooLarge)?;
        cursor = end;
        Ok(if len == 0 {
            Span::EMPTY
        } else {
            Span {
                start,
                len: len as u32,
            }
        })
    };
    for _ in 0..r.count()? {
        d.frameworks.push(Framework::new(
            r.string()?,
            r.string()?,
            r.string()?,
            r.string()?,
            r.string()?,
            r.string()?,
        ));
    }
    let n = r.count()?;
    d.concepts.reserve(n);
    for _ in 0..n {
        let framework = u16::try_from(r.u()?).map_err(|_| bad("framework index"))?;
        if usize::from(framework) >= d.frameworks.len() {
            return Err(bad("framework index out of range"));
        }
        let kind = ConceptKind::from_u8(r.byte()?).ok_or_else(|| bad("concept kind"))?;
        let flags = r.byte()?;
        let job_zone = r.byte()?;
        let id = span(&mut r, &d.text)?;
        let code = span(&mut r, &d.text)?;
        let label = span(&mut r, &d.text)?;
        let alt_len = r.count()?;
        let alt_start = u32::try_from(d.alt.len()).map_err(|_| Error::TooLarge)?;
        for _ in 0..alt_len {
            let s = span(&mut r, &d.text)?;
            d.alt.push(s);
        }
        d.concepts.push(ConceptRec {
            id,
            code,
            label,
            alt_start,
            alt_len: alt_len as u32,
            framework,
            kind,
            flags,
            job_zone,
        });
    }
    let n32 = d.concepts.len() as u32;
    let concept = |v: u32| {
        if v < n32 {
            Ok(v)
        } else {
            Err(bad("concept index out of range"))
        }
    };
    let len = r.count()?;
    d.broader.reserve(len);
    let mut prev = 0u32;
    for _ in 0..len {
        let child = concept(prev.checked_add(r.u32()?).ok_or_else(|| bad("overflow"))?)?;
        d.broader.push((child, concept(r.u32()?)?));
        prev = child;
    }
    let len = r.count()?;
    d.relations.reserve(len);
    let mut prev = 0u32;
    for _ in 0..len {
        let source = concept(prev.checked_add(r.u32()?).ok_or_else(|| bad("overflow"))?)?;
        let target = concept(r.u32()?)?;
        let (tag, detail) = (r.byte()?, r.byte()?);
        RelationKind::decode(tag, detail).ok_or_else(|| bad("relation kind"))?;
        d.relations.push(RelRec {
            source,
            target,
            tag,
            detail,
        });
        prev = source;
    }
    for _ in 0..r.count()? {
        let from = concept(r.u32()?)?;
        let to = concept(r.u32()?)?;
        let kind = r.byte()?;
        MatchKind::from_u8(kind).ok_or_else(|| bad("match kind"))?;
        let source = u16::try_from(r.u()?).map_err(|_| bad("framework index"))?;
        if usize::from(source) >= d.frameworks.len() {
            return Err(bad("framework index out of range"));
        }
        let status = r.byte()?;
        crate::model::CarryOver::from_u8(status).ok_or_else(|| bad("carry-over status"))?;
        d.links.push(LinkRec {
            from,
            to,
            kind,
            source,
            status,
        });
    }
    for _ in 0..r.count()? {
        let key = r.string()?;
        let target = concept(r.u32()?)?;
        let kind = AliasKind::from_u8(r.byte()?).ok_or_else(|| bad("alias kind"))?;
        d.aliases.push(Alias {
            key,
            concept: target,
            kind,
        });
    }
    for _ in 0..r.count()? {
        let (esco_uri, esco_label) = (r.string()?, r.string()?);
        let (onet_2010_code, onet_2010_title) = (r.string()?, r.string()?);
        let reason = match r.byte()? {
            0 => CrosswalkGapReason::SocCodeRetired,
            1 => {
                let mut candidates = Vec::new();
                for _ in 0..r.count()? {
                    candidates.push(r.string()?);
                }
                CrosswalkGapReason::Ambiguous { candidates }
            }
            2 => CrosswalkGapReason::EscoConceptMissing,
            3 => CrosswalkGapReason::OnetNotLoaded,
            _ => return Err(bad("gap reason")),
        };
        d.gaps.push(CrosswalkGap {
            esco_uri,
            esco_label,
            onet_2010_code,
            onet_2010_title,
            reason,
        });
    }
    for _ in 0..r.count()? {
        d.job_zone_names.push(r.string()?);
    }
    r.magic()?;
    if r.pos != bytes.len() {
        return Err(bad("trailing bytes"));
    }
    Ok(Taxonomy::from_data(d, crate::model::LoadReport::default()))
}

/// The embedded default, DEFLATE-compressed: O*NET 29.2, SOC 2018, ESCO v1.1.1 (English) with
/// ISCO-08, and the Nesta crosswalk. Generated by `examples/generate_data.rs`.
#[cfg(feature = "embedded-data")]
pub const EMBEDDED: &[u8] = include_bytes!("../data/taxonomy.bin.deflate");

/// ESCO labels in other languages embedded by the optional `lang-*` features, DEFLATE-compressed
/// in the form [`encode_language`] writes: `(language tag, bytes)`. Generated by
/// `examples/generate_data.rs` from the language exports beside the English files.
#[cfg(feature = "embedded-data")]
pub const EMBEDDED_LANGUAGES: &[(&str, &[u8])] = &[
    #[cfg(feature = "lang-fr")]
    ("fr", include_bytes!("../data/esco_fr.tsv.deflate")),
];

#[cfg(feature = "embedded-data")]
static DEFAULT: std::sync::LazyLock<Result<Taxonomy, String>> = std::sync::LazyLock::new(|| {
    let mut taxonomy = decode_compressed(EMBEDDED).map_err(|e| e.to_string())?;
    for (lang, bytes) in EMBEDDED_LANGUAGES {
        let raw = decompress(bytes).map_err(|e| e.to_string())?;
        add_language(&mut taxonomy, lang, &raw).map_err(|e| e.to_string())?;
    }
    Ok(taxonomy)
});

/// The labels a taxonomy holds in `lang` (see [`Concept::labels_in`](crate::Concept::labels_in)),
/// as text: one line per concept, its identifier then its labels, preferred first, separated by
/// tabs (a tab or line break inside a label becomes a space). The embedded language files hold
/// this, compressed with [`compress`].
pub fn encode_language(taxonomy: &Taxonomy, lang: &str) -> Vec<u8> {
    let mut out = String::new();
    for concept in taxonomy.concepts() {
        let mut labels = concept.labels_in(lang).peekable();
        if labels.peek().is_none() {
            continue;
        }
        out.push_str(concept.identifier());
        for label in labels {
            out.push('\t');
            out.extend(label.chars().map(|c| {
                if c == '\t' || c == '\n' || c == '\r' {
                    ' '
                } else {
                    c
                }
            }));
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// Adds the labels of an [`encode_language`] text to `taxonomy` as labels in `lang`. Fails on a
/// concept the taxonomy does not have (the embedded files are generated with the embedded
/// taxonomy, so that means a stale file).
pub(crate) fn add_language(taxonomy: &mut Taxonomy, lang: &str, raw: &[u8]) -> Result<(), Error> {
    let text = std::str::from_utf8(raw).map_err(|_| bad("language labels: not UTF-8"))?;
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default();
        let concept = taxonomy
            .concept_by_id(id)
            .map(|c| c.id())
            .ok_or_else(|| Error::CompactData(format!("language labels: unknown concept {id}")))?;
        for (i, label) in fields.filter(|l| !l.is_empty()).enumerate() {
            let label = taxonomy.data.push_str(label)?;
            taxonomy
                .data
                .translations
                .push(crate::taxonomy::Translation {
                    concept: concept.0,
                    lang: lang.into(),
                    alternative: i > 0,
                    label,
                });
        }
    }
    taxonomy.data.translations.sort();
    taxonomy.data.translations.dedup();
    Ok(())
}

#[cfg(feature = "embedded-data")]
impl Taxonomy {
    /// The embedded default taxonomy, decoded once on first use and shared.
    ///
    /// Fails only if the committed data file is corrupt (a test decodes it).
    pub fn embedded() -> Result<&'static Taxonomy, Error> {
        DEFAULT.as_ref().map_err(|e| Error::CompactData(e.clone()))
    }
}

/// Builds the taxonomy the embedded default holds from a directory laid out like
/// `../shared/taxonomies` (O*NET, SOC 2018, ESCO with ISCO-08, the Nesta crosswalk): the input
/// of `examples/generate_data.rs` and of the test that checks the committed file.
pub fn build_default(dir: &std::path::Path) -> Result<Taxonomy, Error> {
    let mut builder = crate::TaxonomyBuilder::new();
    builder.load_default_sources(dir)?;
    Ok(builder.build())
}
