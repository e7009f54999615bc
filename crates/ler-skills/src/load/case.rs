//! 1EdTech CASE 1.0 CFPackage JSON and Open Skills Network Rich Skill Descriptor JSON.

use std::collections::HashMap;

use serde_json::Value;

use crate::error::Error;
use crate::identifier::case_key;
use crate::model::{ConceptId, ConceptKind, Framework, FrameworkId, MatchKind, RelationKind, keys};
use crate::taxonomy::{AliasKind, NewConcept, TaxonomyBuilder};

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .unwrap_or("")
}

fn parse(json: &[u8], source_name: &str) -> Result<Value, Error> {
    serde_json::from_slice(json).map_err(|e| Error::Json {
        source_name: source_name.to_owned(),
        message: e.to_string(),
    })
}

fn field_error(source_name: &str, pointer: impl Into<String>, message: &str) -> Error {
    Error::Field {
        source_name: source_name.to_owned(),
        pointer: pointer.into(),
        message: message.to_owned(),
    }
}

impl TaxonomyBuilder {
    /// Adds a CASE 1.0 CFPackage (`CFDocument`, `CFItems`, `CFAssociations`) as a framework of
    /// its own (key `case:<CFDocument identifier>`). Items become competencies identified by
    /// their `uri` (their `identifier` also resolves); `isChildOf` gives the hierarchy,
    /// `exactMatchOf` a match (to another item, or to an outside URI that then resolves to the
    /// item), `isRelatedTo` and `precedes` relations; other association types are noted.
    pub fn add_case_package(
        &mut self,
        json: &[u8],
        source_name: &str,
    ) -> Result<FrameworkId, Error> {
        let value = parse(json, source_name)?;
        self.add_case_value(&value, source_name)
    }

    pub(crate) fn add_case_value(&mut self, v: &Value, src: &str) -> Result<FrameworkId, Error> {
        let doc = v
            .get("CFDocument")
            .ok_or_else(|| field_error(src, "/CFDocument", "missing"))?;
        let doc_id = text(doc, "identifier");
        if doc_id.is_empty() {
            return Err(field_error(
                src,
                "/CFDocument/identifier",
                "missing or not a string",
            ));
        }
        let title = text(doc, "title");
        let licence = doc
            .get("licenseURI")
            .map(|l| {
                if text(l, "title").is_empty() {
                    text(l, "uri")
                } else {
                    text(l, "title")
                }
            })
            .filter(|s| !s.is_empty())
            .unwrap_or("not stated in the CASE package");
        let mut by = vec![text(doc, "creator"), text(doc, "publisher")];
        by.retain(|s| !s.is_empty());
        let attribution = format!(
            "{} ({}), CASE framework {}{}.",
            if title.is_empty() { doc_id } else { title },
            if by.is_empty() {
                "publisher not stated".to_owned()
            } else {
                by.join(", ")
            },
            if text(doc, "uri").is_empty() {
                doc_id
            } else {
                text(doc, "uri")
            },
            if licence.starts_with("not stated") {
                String::new()
            } else {
                format!(", {licence}")
            },
        );
        let version = [text(doc, "version"), text(doc, "lastChangeDateTime")]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or("");
        let fw = self.framework(Framework::new(
            format!("{}{doc_id}", keys::CASE_PREFIX),
            if title.is_empty() { doc_id } else { title },
            version,
            licence,
            attribution,
            text(doc, "uri"),
        ))?;
        let doc_key = case_key(doc_id);

        let mut local: HashMap<String, ConceptId> = HashMap::new();
        let items = v
            .get("CFItems")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, item) in items.iter().enumerate() {
            let identifier = text(item, "identifier");
            if identifier.is_empty() {
                return Err(field_error(
                    src,
                    format!("/CFItems/{i}/identifier"),
                    "missing or not a string",
                ));
            }
            let uri = if text(item, "uri").is_empty() {
                identifier
            } else {
                text(item, "uri")
            };
            let label = [
                text(item, "fullStatement"),
                text(item, "abbreviatedStatement"),
                text(item, "humanCodingScheme"),
            ]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or(identifier);
            let c = NewConcept {
                framework: fw,
                kind: ConceptKind::Competency,
                id: uri,
                code: text(item, "humanCodingScheme"),
                label,
            };
            let Some(id) = self.add_or_note(c, src, 0)? else {
                continue;
            };
            self.add_alt(id, text(item, "abbreviatedStatement"))?;
            let key = case_key(identifier);
            self.add_alias(&key, id, AliasKind::CaseIdentifier);
            local.insert(key, id);
        }

        let associations = v
            .get("CFAssociations")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, a) in associations.iter().enumerate() {
            let end = |name: &str| {
                let node = a.get(name);
                let uri = node.map(|n| text(n, "uri")).unwrap_or("");
                let identifier = node.map(|n| text(n, "identifier")).unwrap_or("");
                (
                    uri.to_owned(),
                    case_key(if identifier.is_empty() {
                        uri
                    } else {
                        identifier
                    }),
                )
            };
            let (origin_uri, origin_key) = end("originNodeURI");
            let (dest_uri, dest_key) = end("destinationNodeURI");
            let find =
                |b: &Self, uri: &str, key: &str| b.lookup(uri).or_else(|| local.get(key).copied());
            let origin = find(self, &origin_uri, &origin_key);
            let dest = find(self, &dest_uri, &dest_key);
            let kind = text(a, "associationType");
            match (kind, origin, dest) {
                ("isChildOf", Some(c), Some(p)) => self.add_broader(c, p),
                ("isChildOf", Some(_), None) if dest_key == doc_key => {}
                ("exactMatchOf", Some(x), Some(y)) => {
                    self.add_link(x, y, MatchKind::Exact, fw, None);
                    self.add_link(y, x, MatchKind::Exact, fw, None);
                }
                ("exactMatchOf", Some(x), None) => {
                    if !dest_uri.is_empty() {
                        self.add_alias(&dest_uri, x, AliasKind::CaseExactMatch);
                    }
                    if !dest_key.is_empty() {
                        self.add_alias(&dest_key, x, AliasKind::CaseExactMatch);
                    }
                }
                ("isRelatedTo", Some(x), Some(y)) => self.add_relation(x, y, RelationKind::Related),
                ("precedes", Some(x), Some(y)) => self.add_relation(x, y, RelationKind::Precedes),
                _ => self.note(
                    src,
                    0,
                    format!("/CFAssociations/{i}: {kind} {origin_uri} -> {dest_uri} not loaded"),
                ),
            }
        }
        Ok(fw)
    }

    /// Adds an Open Skills Network Rich Skill Descriptor (one skill) to the `rsd` framework. Its
    /// `occupations[].code` become relations to loaded SOC concepts; its `alignments` point to
    /// outside frameworks and are noted.
    pub fn add_rsd(&mut self, json: &[u8], source_name: &str) -> Result<ConceptId, Error> {
        let value = parse(json, source_name)?;
        self.add_rsd_value(&value, source_name)
    }

    pub(crate) fn add_rsd_value(&mut self, v: &Value, src: &str) -> Result<ConceptId, Error> {
        if text(v, "type") != "RichSkillDescriptor" {
            return Err(field_error(
                src,
                "/type",
                "expected \"RichSkillDescriptor\"",
            ));
        }
        let id = text(v, "id");
        if id.is_empty() {
            return Err(field_error(src, "/id", "missing or not a string"));
        }
        let name = text(v, "skillName");
        if name.is_empty() {
            return Err(field_error(src, "/skillName", "missing or not a string"));
        }
        let authors = v
            .get("authors")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>())
            .unwrap_or_default();
        let fw = self.framework(Framework::new(
            keys::RSD,
            "Rich Skill Descriptors (Open Skills Network)",
            "RSD JSON",
            "as stated by each RSD's publisher (not carried in the RSD JSON)",
            "Rich Skill Descriptors by:",
            "https://rsd.openskillsnetwork.org/",
        ))?;
        if let Some(framework) = self.data.frameworks.get_mut(fw.index()) {
            for author in authors {
                if !framework.attribution.contains(author) {
                    let sep = if framework.attribution.ends_with(':') {
                        " "
                    } else {
                        "; "
                    };
                    framework.attribution.push_str(sep);
                    framework.attribution.push_str(author);
                }
            }
        }
        let c = NewConcept {
            framework: fw,
            kind: ConceptKind::Competency,
            id,
            code: "",
            label: name,
        };
        let concept = self.add(c)?;
        let uuid = text(v, "uuid");
        if !uuid.is_empty() {
            self.add_alias(&uuid.to_ascii_lowercase(), concept, AliasKind::RsdUuid);
        }
        let occupations = v
            .get("occupations")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, o) in occupations.iter().enumerate() {
            let code = text(o, "code");
            match self.lookup(code) {
                Some(occ) => self.add_relation(concept, occ, RelationKind::Related),
                None => self.note(
                    src,
                    0,
                    format!("/occupations/{i}/code: {code} is not a loaded concept"),
                ),
            }
        }
        let alignments = v
            .get("alignments")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        for (i, a) in alignments.iter().enumerate() {
            self.note(
                src,
                0,
                format!(
                    "/alignments/{i}: external alignment {} kept out",
                    text(a, "id")
                ),
            );
        }
        Ok(concept)
    }
}
