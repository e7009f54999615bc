//! The VC Data Model 2.0 / 1.1 rules (`vc.*`, `vp.*`): contexts, types, ids, issuer, dates, shapes, presentations and nested credentials.

use super::*;

impl Checker {
    /// `@context`; returns the version its first entry names.
    pub(super) fn contexts(&mut self, object: &Object, at: &At<'_>) -> Option<VcVersion> {
        let Some(value) = object.get("@context") else {
            self.push(Rule::VcContextMissing, at, "@context is missing");
            return None;
        };
        let at = at.key("@context");
        let entries = one_or_many(value);
        for (p, entry) in Self::entries(value, &at) {
            match entry {
                Value::String(url) if is_url(url) => {}
                Value::Object(_) => {}
                other => self.push(
                    Rule::VcContextValue,
                    &p,
                    format!(
                        "a @context entry must be a URL or an object, not {}",
                        describe(other)
                    ),
                ),
            }
        }
        let first = entries.first().and_then(Value::as_str);
        let version = first.and_then(VcVersion::from_context);
        if version.is_none() {
            let p = if matches!(value, Value::Array(_)) {
                at.index(0)
            } else {
                at
            };
            self.push(
                Rule::VcContextFirst,
                &p,
                format!(
                    "the first @context must be {} (or {} for VC 1.1)",
                    context::VC_V2,
                    context::VC_V1
                ),
            );
        }
        version
    }

    /// `type`: present, strings only; returns whether it names `base`.
    pub(super) fn type_names(
        &mut self,
        object: &Object,
        at: &At<'_>,
        base: &str,
        missing_base: Rule,
    ) {
        let Some(value) = object.get("type") else {
            self.push(Rule::VcTypeMissing, at, "type is missing");
            return;
        };
        let p = at.key("type");
        let strings_only = one_or_many(value).iter().all(|v| v.as_str().is_some());
        if !strings_only || matches!(value, Value::Array(a) if a.is_empty()) {
            self.push(
                Rule::VcTypeValue,
                &p,
                "type must be a string or a non-empty array of strings",
            );
        }
        if !has_type(object, base) {
            self.push(missing_base, &p, format!("type must include {base}"));
        }
    }

    pub(super) fn id_is_url(&mut self, object: &Object, at: &At<'_>) {
        if let Some(id) = object.get("id")
            && !id.as_str().is_some_and(is_url)
        {
            self.push(
                Rule::VcIdValue,
                &at.key("id"),
                format!("id must be a single URL, not {}", describe(id)),
            );
        }
    }

    pub(super) fn text(&mut self, object: &Object, at: &At<'_>, keys: &[&str]) {
        for key in keys {
            if let Some(problem) = object.get(key).and_then(lang::problem) {
                self.push(Rule::VcTextValue, &at.key(key), format!("{key}: {problem}"));
            }
        }
    }

    pub(super) fn credential(&mut self, object: &Object, at: &At<'_>) {
        let version = self.contexts(object, at);
        self.id_is_url(object, at);
        self.type_names(object, at, "VerifiableCredential", Rule::VcTypeMissingBase);
        self.text(object, at, &["name", "description"]);
        self.issuer(object, at);
        self.dates(object, at, version);
        match object.get("credentialSubject") {
            None => self.push(Rule::VcSubjectMissing, at, "credentialSubject is missing"),
            Some(Value::Array(a)) if a.is_empty() => self.push(
                Rule::VcSubjectMissing,
                &at.key("credentialSubject"),
                "credentialSubject is empty",
            ),
            Some(value) => {
                let subjects_at = at.key("credentialSubject");
                let subjects = self.object_entries(
                    value,
                    &subjects_at,
                    Rule::VcSubjectValue,
                    "a credentialSubject",
                );
                for (p, subject) in subjects {
                    // VCDM 2.0 §4.8: each subject is the subject of one or more claims.
                    if subject.is_empty() {
                        self.push(
                            Rule::VcSubjectValue,
                            &p,
                            "a credentialSubject must make at least one claim, not be empty",
                        );
                    }
                    self.id_is_url(subject, &p);
                }
            }
        }
        self.shapes(object, at);
        self.profile_rules(object, at);
    }

    pub(super) fn issuer(&mut self, object: &Object, at: &At<'_>) {
        match object.get("issuer") {
            None => self.push(Rule::VcIssuerMissing, at, "issuer is missing"),
            Some(Value::String(url)) if is_url(url) => {}
            Some(Value::Object(o)) if o.get("id").and_then(Value::as_str).is_some_and(is_url) => {
                self.text(o, &at.key("issuer"), &["name", "description"]);
            }
            Some(other) => self.push(
                Rule::VcIssuerValue,
                &at.key("issuer"),
                format!(
                    "issuer must be a URL or an object whose id is a URL, not {}",
                    describe(other)
                ),
            ),
        }
    }

    pub(super) fn dates(&mut self, object: &Object, at: &At<'_>, version: Option<VcVersion>) {
        let v1 = version == Some(VcVersion::V1_1);
        let (from_key, until_key) = if v1 {
            ("issuanceDate", "expirationDate")
        } else {
            ("validFrom", "validUntil")
        };
        if v1 && !object.contains_key("issuanceDate") {
            self.push(
                Rule::VcIssuanceDateMissing,
                at,
                "a VC 1.1 credential needs issuanceDate",
            );
        }
        let read = |this: &mut Self, key: &str| -> Option<date::Instant> {
            let value = object.get(key)?;
            let p = at.key(key);
            let Some(text) = value.as_str() else {
                this.push(
                    Rule::VcDateFormat,
                    &p,
                    format!("{key} must be a string, not {}", value.kind()),
                );
                return None;
            };
            let parsed = if v1 {
                date::parse_date_time(text).map(|(i, _)| i)
            } else {
                date::parse_date_time_stamp(text)
            };
            match parsed {
                Ok(instant) => Some(instant),
                Err(e) => {
                    let form = if v1 {
                        "an xsd:dateTime"
                    } else {
                        "an xsd:dateTimeStamp"
                    };
                    this.push(
                        Rule::VcDateFormat,
                        &p,
                        format!("{key} {text:?} is not {form}: {e}"),
                    );
                    None
                }
            }
        };
        let from = read(self, from_key);
        let until = read(self, until_key);
        // VC 2.0 documents may not carry the 1.1 names; check their form too when present.
        if !v1 {
            for key in ["issuanceDate", "expirationDate"] {
                if let Some(text) = object.get(key).and_then(Value::as_str)
                    && date::parse_date_time(text).is_err()
                {
                    self.push(
                        Rule::VcDateFormat,
                        &at.key(key),
                        format!("{key} {text:?} is not an xsd:dateTime"),
                    );
                }
            }
        }
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            self.push(
                Rule::VcValidityOrder,
                &at.key(until_key),
                format!("{until_key} is before {from_key}"),
            );
        }
    }

    /// credentialStatus, credentialSchema, evidence, termsOfUse, refreshService,
    /// relatedResource, proof.
    pub(super) fn shapes(&mut self, object: &Object, at: &At<'_>) {
        let typed = [
            ("credentialStatus", Rule::VcStatusValue, false),
            ("credentialSchema", Rule::VcSchemaValue, true),
            ("evidence", Rule::VcEvidenceValue, false),
            ("termsOfUse", Rule::VcTermsOfUseValue, false),
            ("refreshService", Rule::VcRefreshServiceValue, false),
            ("proof", Rule::VcProofValue, false),
        ];
        for (key, rule, id_required) in typed {
            let Some(value) = object.get(key) else {
                continue;
            };
            for (p, entry) in self.object_entries(value, &at.key(key), rule, key) {
                if entry
                    .get("type")
                    .is_none_or(|t| one_or_many(t).iter().any(|v| v.as_str().is_none()))
                {
                    self.push(
                        rule,
                        &p,
                        format!("{key} needs a type (a string or strings)"),
                    );
                }
                match entry.get("id") {
                    Some(id) if !id.as_str().is_some_and(is_url) => {
                        self.push(rule, &p.key("id"), format!("{key} id must be a URL"))
                    }
                    None if id_required => self.push(rule, &p, format!("{key} needs an id")),
                    _ => {}
                }
            }
        }
        if let Some(value) = object.get("relatedResource") {
            let rule = Rule::VcRelatedResourceValue;
            let mut seen: Vec<&str> = Vec::new();
            for (p, entry) in
                self.object_entries(value, &at.key("relatedResource"), rule, "relatedResource")
            {
                match entry.get("id").and_then(Value::as_str) {
                    Some(id) if is_url(id) => {
                        // VCDM 2.0 §5.3: one entry per resource, so its digests are unambiguous.
                        if seen.contains(&id) {
                            self.push(
                                rule,
                                &p.key("id"),
                                format!("relatedResource {id} is listed more than once"),
                            );
                        } else {
                            seen.push(id);
                        }
                    }
                    _ => self.push(rule, &p, "relatedResource needs an id that is a URL"),
                }
                let digests = ["digestSRI", "digestMultibase"];
                if !digests.iter().any(|d| entry.get(d).is_some()) {
                    self.push(
                        rule,
                        &p,
                        "relatedResource needs digestSRI or digestMultibase",
                    );
                }
                for d in digests {
                    if entry.get(d).is_some_and(|v| v.as_str().is_none()) {
                        self.push(rule, &p.key(d), format!("{d} must be a string"));
                    }
                }
            }
        }
    }

    pub(super) fn presentation(&mut self, object: &Object, at: &At<'_>) {
        self.contexts(object, at);
        self.id_is_url(object, at);
        self.type_names(
            object,
            at,
            "VerifiablePresentation",
            Rule::VpTypeMissingBase,
        );
        match object.get("holder") {
            None => {}
            Some(Value::String(url)) if is_url(url) => {}
            Some(Value::Object(o)) if o.get("id").and_then(Value::as_str).is_some_and(is_url) => {}
            Some(other) => self.push(
                Rule::VpHolderValue,
                &at.key("holder"),
                format!(
                    "holder must be a URL or an object whose id is a URL, not {}",
                    describe(other)
                ),
            ),
        }
        if let Some(value) = object.get("verifiableCredential") {
            let credentials_at = at.key("verifiableCredential");
            let entries = self.object_entries(
                value,
                &credentials_at,
                Rule::VpCredentialValue,
                "a verifiableCredential",
            );
            for (p, credential) in entries {
                self.nested_credential(credential, &p);
            }
        }
        if let Some(value) = object.get("proof") {
            for (p, entry) in
                self.object_entries(value, &at.key("proof"), Rule::VcProofValue, "proof")
            {
                if entry.get("type").is_none() {
                    self.push(Rule::VcProofValue, &p, "proof needs a type");
                }
            }
        }
    }

    /// A credential inside another document; an `EnvelopedVerifiableCredential` carries its
    /// credential as opaque data, so only its shape is checked.
    pub(super) fn nested_credential(&mut self, object: &Object, at: &At<'_>) {
        if has_type(object, "EnvelopedVerifiableCredential") {
            self.id_is_url(object, at);
            return;
        }
        if self.enter_nested(at) {
            self.credential(object, at);
            self.nesting -= 1;
        }
    }
}
