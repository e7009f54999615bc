//! Resolving an OB 3.0 `Alignment` to a concept.

use serde_json::Value;

use crate::identifier::{case_key, normalize_esco_uri};
use crate::model::keys;
use crate::taxonomy::{AliasKind, Concept, Taxonomy};

/// The fields of an Open Badges 3.0 `Alignment` that identify its target, as plain strings.
///
/// Build it from a parsed credential with [`AlignmentRef::from_json`], or field by field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AlignmentRef<'a> {
    /// `targetUrl`: the URL of the target (an ESCO URI, a CASE CFItem URI, ...).
    pub target_url: Option<&'a str>,
    /// `targetCode`: a code or identifier within the framework.
    pub target_code: Option<&'a str>,
    /// `targetFramework`: the framework's name.
    pub target_framework: Option<&'a str>,
    /// `targetName`: the target's name.
    pub target_name: Option<&'a str>,
    /// `targetType`: `CFItem`, `ceasn:Competency`, `ceterms:Credential`, ...
    pub target_type: Option<&'a str>,
}

impl<'a> AlignmentRef<'a> {
    /// Reads the string fields of one `Alignment` JSON object (other fields are ignored).
    pub fn from_json(alignment: &'a Value) -> Self {
        let field = |name: &str| alignment.get(name).and_then(Value::as_str);
        AlignmentRef {
            target_url: field("targetUrl"),
            target_code: field("targetCode"),
            target_framework: field("targetFramework"),
            target_name: field("targetName"),
            target_type: field("targetType"),
        }
    }
}

/// Every object inside an `alignment` array of a JSON document (a credential, a CLR, an
/// achievement), with its JSON pointer, in document order. Nesting deeper than 64 levels is
/// not searched.
pub fn alignments_in(document: &Value) -> Vec<(String, AlignmentRef<'_>)> {
    fn walk<'a>(
        v: &'a Value,
        pointer: &mut String,
        depth: usize,
        out: &mut Vec<(String, AlignmentRef<'a>)>,
    ) {
        if depth > 64 {
            return;
        }
        match v {
            Value::Object(map) => {
                for (key, child) in map {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    if key == "alignment"
                        && let Value::Array(items) = child
                    {
                        for (i, item) in items.iter().enumerate() {
                            if item.is_object() {
                                out.push((format!("{pointer}/{i}"), AlignmentRef::from_json(item)));
                            }
                        }
                    }
                    walk(child, pointer, depth + 1, out);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    walk(item, pointer, depth + 1, out);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(document, &mut String::new(), 0, &mut out);
    out
}

/// How an identifier was matched to a concept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResolvedBy {
    /// The identifier as given.
    Identifier,
    /// The URI after normalisation (`https` → `http`, trailing slash, query or fragment
    /// dropped, ESCO portal `?uri=` links unwrapped).
    NormalizedUri,
    /// A bare UUID that is the last segment of an ESCO skill or occupation URI.
    EscoUuid,
    /// An O*NET-SOC code (`15-1252.00`), found in text or a URL.
    OnetSocCode,
    /// An O*NET-SOC code given without its `.00` suffix in an O*NET framework.
    OnetSocCodeWithoutSuffix,
    /// A SOC 2018 code (`15-1252`, `15-0000`).
    SocCode,
    /// An O*NET content-model element id (`2.A.1.a`).
    OnetElementId,
    /// An ISCO-08 code (`2512`, `C2512`).
    IscoCode,
    /// A CASE CFItem `identifier` (UUID) of a loaded package.
    CaseIdentifier,
    /// A URI or identifier a loaded CASE item declares `exactMatchOf`.
    CaseExactMatch,
    /// An RSD `uuid`.
    RsdUuid,
    /// A framework's own notation (ESCO occupation code, skill group code, CASE
    /// `humanCodingScheme`).
    Code,
}

/// A target kept as a reference to a registry this library holds no data for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ExternalRef {
    /// A Credential Engine CTID (`ce-<uuid>`) of a credential, competency or framework.
    CredentialEngine {
        /// The CTID, lowercased.
        ctid: String,
    },
    /// A Lightcast (formerly EMSI) Open Skills id (`KS...`).
    Lightcast {
        /// The skill id.
        id: String,
    },
}

/// Why an alignment did not resolve.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnresolvedReason {
    /// Neither `targetUrl` nor `targetCode` is present.
    NoTarget,
    /// A CASE CFItem whose package is not loaded (load it with
    /// [`TaxonomyBuilder::add_case_package`](crate::TaxonomyBuilder::add_case_package)).
    CaseItemNotLoaded {
        /// The item's URL or identifier.
        target: String,
    },
    /// The identifier has the form of a known framework, but that concept is not loaded.
    NotFound {
        /// The framework key the identifier belongs to (see [`keys`](crate::keys)).
        framework: &'static str,
        /// The identifier.
        target: String,
    },
    /// The identifier belongs to no loaded or known framework.
    UnknownFramework {
        /// The identifier.
        target: String,
    },
}

impl std::fmt::Display for UnresolvedReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UnresolvedReason::NoTarget => {
                f.write_str("the alignment has neither targetUrl nor targetCode")
            }
            UnresolvedReason::CaseItemNotLoaded { target } => {
                write!(f, "CASE CFItem {target} is not in any loaded CASE package")
            }
            UnresolvedReason::NotFound { framework, target } => {
                write!(
                    f,
                    "{target} looks like a {framework} identifier but is not in the loaded data"
                )
            }
            UnresolvedReason::UnknownFramework { target } => {
                write!(f, "{target} belongs to no loaded or known framework")
            }
        }
    }
}

/// The outcome of resolving an alignment.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Resolution<'t> {
    /// The alignment names this concept.
    Resolved {
        /// The concept.
        concept: Concept<'t>,
        /// How the identifier was matched.
        how: ResolvedBy,
    },
    /// The alignment names something in a registry this library holds no data for.
    External(ExternalRef),
    /// The alignment could not be resolved.
    Unresolved(UnresolvedReason),
}

impl<'t> Resolution<'t> {
    /// The concept, when resolved.
    pub fn concept(&self) -> Option<Concept<'t>> {
        match self {
            Resolution::Resolved { concept, .. } => Some(*concept),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    Onet,
    Soc,
    Isco,
    Esco,
}

fn hint(a: &AlignmentRef<'_>) -> Hint {
    let text = a.target_framework.unwrap_or("").to_ascii_lowercase();
    if text.contains("o*net") || text.contains("onet") {
        Hint::Onet
    } else if text.contains("isco") {
        Hint::Isco
    } else if text.contains("esco") {
        Hint::Esco
    } else if text.contains("soc") || text.contains("bls") || text.contains("standard occupational")
    {
        Hint::Soc
    } else {
        Hint::None
    }
}

/// The value of a `uri=` query parameter, percent-decoded (ESCO portal links).
fn uri_parameter(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let value = query.split('&').find_map(|p| p.strip_prefix("uri="))?;
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// An `NN-NNNN` or `NN-NNNN.NN` code: the whole string, or the last path segment of a URL.
fn find_soc_code(s: &str) -> Option<&str> {
    let candidate = if s.contains("://") {
        let path = s
            .split(['?', '#'])
            .next()
            .unwrap_or(s)
            .trim_end_matches('/');
        path.rsplit('/').next().unwrap_or("")
    } else {
        s
    };
    let b = candidate.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let soc = b.len() >= 7 && digit(0) && digit(1) && b.get(2) == Some(&b'-') && (3..7).all(digit);
    let ok = match b.len() {
        7 => soc,
        10 => soc && b.get(7) == Some(&b'.') && digit(8) && digit(9),
        _ => false,
    };
    ok.then_some(candidate)
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A Credential Engine CTID (`ce-` + UUID) anywhere in a path segment of `s`.
fn find_ctid(s: &str) -> Option<String> {
    s.split(['/', '?', '#', '=', '&']).find_map(|seg| {
        let seg = seg.trim();
        let lower = seg.to_ascii_lowercase();
        (lower.starts_with("ce-") && lower.get(3..).is_some_and(is_uuid)).then_some(lower)
    })
}

fn is_onet_element(s: &str) -> bool {
    // 1 to 6, then dot-separated segments: `2.A.1.a`, `1.A.1.a.1`.
    let mut parts = s.split('.');
    parts.next().is_some_and(|p| {
        p.len() == 1
            && p.as_bytes()
                .first()
                .is_some_and(|c| (b'1'..=b'6').contains(c))
    }) && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.')
        && parts.all(|p| !p.is_empty() && p.len() <= 3)
}

fn swap_scheme(s: &str) -> Option<String> {
    if let Some(rest) = s.strip_prefix("https://") {
        Some(format!("http://{rest}"))
    } else {
        s.strip_prefix("http://")
            .map(|rest| format!("https://{rest}"))
    }
}

impl Taxonomy {
    /// Resolves an OB 3.0 alignment to a concept, tolerating the variants seen in the wild:
    /// O*NET-SOC codes with or without `.00`, SOC codes, ESCO URIs over `http` or `https` and
    /// with or without a trailing slash, O*NET element ids, ISCO codes, CASE CFItem URIs and
    /// identifiers (against loaded packages). Credential Engine CTIDs are kept as external
    /// references. `targetName` is never used to guess (free-text mapping is a separate step).
    pub fn resolve(&self, alignment: &AlignmentRef<'_>) -> Resolution<'_> {
        let targets: Vec<&str> = [alignment.target_url, alignment.target_code]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if targets.is_empty() {
            return Resolution::Unresolved(UnresolvedReason::NoTarget);
        }
        let hint = hint(alignment);
        for target in &targets {
            if let Some(ctid) = find_ctid(target) {
                return Resolution::External(ExternalRef::CredentialEngine { ctid });
            }
        }
        for target in &targets {
            if let Some((concept, how)) = self.resolve_identifier(target, hint) {
                return Resolution::Resolved { concept, how };
            }
        }
        for target in &targets {
            if target.contains("emsidata.com/skills/") || target.contains("lightcast.io/skills/") {
                let id = target
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or("");
                return Resolution::External(ExternalRef::Lightcast { id: id.to_owned() });
            }
        }
        let first = targets.first().copied().unwrap_or("").to_owned();
        let is_case = alignment
            .target_type
            .is_some_and(|t| t.eq_ignore_ascii_case("CFItem"))
            || targets
                .iter()
                .any(|t| t.contains("/uri/") && is_uuid(&case_key(t)));
        if is_case {
            return Resolution::Unresolved(UnresolvedReason::CaseItemNotLoaded { target: first });
        }
        let framework = if targets.iter().any(|t| t.contains("data.europa.eu/esco/")) {
            Some(if targets.iter().any(|t| t.contains("/esco/isco/")) {
                keys::ISCO
            } else {
                keys::ESCO
            })
        } else if let Some(code) = targets.iter().find_map(|t| find_soc_code(t)) {
            Some(if code.len() == 10 || hint == Hint::Onet {
                keys::ONET
            } else {
                keys::SOC
            })
        } else if targets.iter().any(|t| is_onet_element(t)) {
            Some(keys::ONET)
        } else {
            None
        };
        Resolution::Unresolved(match framework {
            Some(framework) => UnresolvedReason::NotFound {
                framework,
                target: first,
            },
            None => UnresolvedReason::UnknownFramework { target: first },
        })
    }

    fn resolve_identifier(&self, s: &str, hint: Hint) -> Option<(Concept<'_>, ResolvedBy)> {
        // An SOC-shaped code is read per the framework hint before the exact lookup, so that
        // `15-1252` under "O*NET" names the O*NET occupation.
        let soc = find_soc_code(s);
        if let Some(found) = soc.and_then(|code| self.resolve_soc_code(code, hint)) {
            return Some(found);
        }
        if let Some(c) = self.concept_by_id(s) {
            let how = if is_onet_element(s) {
                ResolvedBy::OnetElementId
            } else {
                ResolvedBy::Identifier
            };
            return Some((c, how));
        }
        if s.contains("data.europa.eu/esco/") || s.contains("esco.ec.europa.eu") {
            let uri = uri_parameter(s).unwrap_or_else(|| s.to_owned());
            if let Some(c) = self.concept_by_id(&normalize_esco_uri(&uri)) {
                return Some((c, ResolvedBy::NormalizedUri));
            }
        }
        if is_uuid(s) && matches!(hint, Hint::Esco | Hint::None) {
            for pillar in ["skill", "occupation"] {
                let uri = format!(
                    "http://data.europa.eu/esco/{pillar}/{}",
                    s.to_ascii_lowercase()
                );
                if let Some(c) = self.concept_by_id(&uri) {
                    return Some((c, ResolvedBy::EscoUuid));
                }
            }
        }
        if let Some((c, kind)) = self
            .concept_by_alias(s)
            .or_else(|| self.concept_by_alias(&case_key(s)))
        {
            let how = match kind {
                AliasKind::CaseIdentifier => ResolvedBy::CaseIdentifier,
                AliasKind::CaseExactMatch => ResolvedBy::CaseExactMatch,
                AliasKind::RsdUuid => ResolvedBy::RsdUuid,
            };
            return Some((c, how));
        }
        if s.contains("://") {
            let trimmed = s.split('#').next().unwrap_or(s).trim_end_matches('/');
            let swapped = swap_scheme(trimmed);
            for candidate in [
                Some(trimmed.to_owned()),
                swapped.clone(),
                swapped.map(|x| x + "/"),
                Some(format!("{trimmed}/")),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(c) = self.concept_by_id(&candidate) {
                    return Some((c, ResolvedBy::NormalizedUri));
                }
            }
        }
        let isco_code = s.strip_prefix('C').unwrap_or(s);
        if (hint == Hint::Isco || hint == Hint::None)
            && (1..=4).contains(&isco_code.len())
            && isco_code.bytes().all(|c| c.is_ascii_digit())
        {
            let isco = self.framework_by_key(keys::ISCO)?;
            if let Some(c) = self.concept_by_code(isco, isco_code) {
                return Some((c, ResolvedBy::IscoCode));
            }
        }
        let preferred = match hint {
            Hint::Esco => self.framework_by_key(keys::ESCO),
            Hint::Isco => self.framework_by_key(keys::ISCO),
            _ => None,
        };
        if let Some(c) = preferred.and_then(|fw| self.concept_by_code(fw, s)) {
            return Some((c, ResolvedBy::Code));
        }
        (0..self.frameworks().len())
            .find_map(|i| self.concept_by_code(crate::FrameworkId(i as u16), s))
            .map(|c| (c, ResolvedBy::Code))
    }

    fn resolve_soc_code(&self, code: &str, hint: Hint) -> Option<(Concept<'_>, ResolvedBy)> {
        if code.len() == 10 {
            return self
                .concept_by_id(code)
                .map(|c| (c, ResolvedBy::OnetSocCode));
        }
        let onet = || {
            self.concept_by_id(&format!("{code}.00"))
                .map(|c| (c, ResolvedBy::OnetSocCodeWithoutSuffix))
        };
        let soc = || self.concept_by_id(code).map(|c| (c, ResolvedBy::SocCode));
        if hint == Hint::Onet {
            onet().or_else(soc)
        } else {
            soc().or_else(onet)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_codes_are_whole_strings_or_last_url_segments() {
        assert_eq!(find_soc_code("15-1252"), Some("15-1252"));
        assert_eq!(find_soc_code("15-1252.00"), Some("15-1252.00"));
        assert_eq!(
            find_soc_code("https://www.onetonline.org/link/summary/15-1252.01/"),
            Some("15-1252.01")
        );
        assert_eq!(find_soc_code("15-1252.0"), None);
        assert_eq!(find_soc_code("115-1252"), None);
        // A UUID that happens to contain the shape is not a code.
        assert_eq!(
            find_soc_code("http://data.europa.eu/esco/skill/abcdef12-3456-4789-abcd-ef0123456789"),
            None
        );
    }

    #[test]
    fn esco_uris_normalize_to_http_without_slash_query_or_fragment() {
        let want = "http://data.europa.eu/esco/skill/abc";
        for variant in [
            "https://data.europa.eu/esco/skill/abc",
            "http://data.europa.eu/esco/skill/abc/",
            " https://data.europa.eu/esco/skill/abc?lang=en ",
            "https://data.europa.eu/esco/skill/abc#x",
        ] {
            assert_eq!(normalize_esco_uri(variant), want, "{variant}");
        }
        assert_eq!(
            uri_parameter("https://x/?a=1&uri=http%3A%2F%2Fy%2Fz").as_deref(),
            Some("http://y/z")
        );
    }

    #[test]
    fn ctids_need_a_full_uuid() {
        assert_eq!(
            find_ctid(
                "https://credentialfinder.org/competency/ce-6369c51f-4d86-4592-a761-8b32ae70a045"
            ),
            Some("ce-6369c51f-4d86-4592-a761-8b32ae70a045".to_owned())
        );
        assert_eq!(find_ctid("ce-6369c51f"), None);
        assert_eq!(find_ctid("https://example.org/ce-nothing"), None);
    }

    #[test]
    fn onet_element_ids() {
        for id in ["2.A.1.a", "1.A.1.a.1", "4.A", "2"] {
            assert!(is_onet_element(id), "{id}");
        }
        for id in ["15-1252.00", "2512", "7.A", "2.A.", "S1.2"] {
            assert!(!is_onet_element(id), "{id}");
        }
    }
}
