//! Open Badges 3.0 rules (`ob.*`): profiles, achievement subjects, achievements, alignments, results and identity objects.

use super::terms::*;
use super::*;

impl Checker {
    pub(super) fn profile(&mut self, object: &Object, at: &At<'_>, depth: usize) {
        if !object.get("id").and_then(Value::as_str).is_some_and(is_url) {
            self.push(
                Rule::ObProfileRequired,
                at,
                "a Profile needs an id that is a URL",
            );
        }
        self.must_have_type(object, at, Rule::ObProfileType, "Profile");
        if let Some(value) = object.get("otherIdentifier") {
            self.identifier_entries(value, &at.key("otherIdentifier"));
        }
        if let Some(image) = object.get("image") {
            self.image(image, &at.key("image"));
        }
        match object.get("parentOrg") {
            Some(Value::Object(parent)) if depth < MAX_NESTING => {
                self.profile(parent, &at.key("parentOrg"), depth + 1)
            }
            Some(Value::Object(_)) => {}
            Some(other) => self.push(
                Rule::ObProfileRequired,
                &at.key("parentOrg"),
                format!("parentOrg must be a Profile object, not {}", other.kind()),
            ),
            None => {}
        }
        self.endorsements(object, at);
    }

    pub(super) fn profile_value(&mut self, value: &Value, at: &At<'_>) {
        match value {
            Value::Object(o) => self.profile(o, at, 0),
            other => self.push(
                Rule::ObProfileRequired,
                at,
                format!("a Profile must be an object, not {}", other.kind()),
            ),
        }
    }

    pub(super) fn identifier_entries(&mut self, value: &Value, at: &At<'_>) {
        for (p, entry) in self.object_entries(
            value,
            at,
            Rule::ObIdentifierEntryRequired,
            "an IdentifierEntry",
        ) {
            self.must_have_type(entry, &p, Rule::ObIdentifierEntryType, "IdentifierEntry");
            self.required(
                entry,
                &p,
                Rule::ObIdentifierEntryRequired,
                "an IdentifierEntry",
                &["identifier", "identifierType"],
            );
            if let Some(t) = entry.get("identifierType").and_then(Value::as_str)
                && !in_extensible(t, IDENTIFIER_TYPES)
            {
                self.push(
                    Rule::ObIdentifierTypeValue,
                    &p.key("identifierType"),
                    format!("{t:?} is not an identifier type"),
                );
            }
        }
    }

    pub(super) fn image(&mut self, value: &Value, at: &At<'_>) {
        match value {
            Value::String(url) if is_url(url) => {}
            Value::Object(o)
                if o.get("id").and_then(Value::as_str).is_some_and(is_url)
                    && has_type(o, "Image") => {}
            _ => self.push(
                Rule::ObImageValue,
                at,
                "an Image must be a URL or an object with a URL id and the type Image",
            ),
        }
    }

    pub(super) fn achievement_subject(&mut self, subject: &Object, at: &At<'_>) {
        self.must_have_type(subject, at, Rule::ObSubjectType, "AchievementSubject");
        if !subject.contains_key("id") && !subject.contains_key("identifier") {
            self.push(
                Rule::ObSubjectIdentifier,
                at,
                "an AchievementSubject needs an id or an identifier",
            );
        }
        match subject.get("achievement") {
            Some(Value::Object(a)) => self.achievement(a, &at.key("achievement")),
            Some(other) => self.push(
                Rule::ObSubjectRequired,
                &at.key("achievement"),
                format!("achievement must be an object, not {}", other.kind()),
            ),
            None => self.push(
                Rule::ObSubjectRequired,
                at,
                "an AchievementSubject needs an achievement",
            ),
        }
        if let Some(value) = subject.get("identifier") {
            for (p, identity) in self.object_entries(
                value,
                &at.key("identifier"),
                Rule::ObIdentityRequired,
                "an identifier",
            ) {
                self.identity_object(identity, &p);
            }
        }
        if let Some(value) = subject.get("result") {
            for (p, result) in
                self.object_entries(value, &at.key("result"), Rule::ObResultType, "a result")
            {
                self.result(result, &p);
            }
        }
        if let Some(source) = subject.get("source") {
            self.profile_value(source, &at.key("source"));
        }
        if let Some(image) = subject.get("image") {
            self.image(image, &at.key("image"));
        }
        if let Some(v) = subject.get("creditsEarned")
            && v.as_number().is_none()
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("creditsEarned"),
                "creditsEarned must be a number",
            );
        }
    }

    /// An `Achievement`: required properties, value types, and its nested objects.
    pub(super) fn achievement(&mut self, a: &Object, at: &At<'_>) {
        self.required(
            a,
            at,
            Rule::ObAchievementRequired,
            "an Achievement",
            &["id", "type", "name", "criteria", "description"],
        );
        if a.contains_key("type") {
            self.must_have_type(a, at, Rule::ObAchievementType, "Achievement");
        }
        self.text(a, at, &["name", "description"]);
        if let Some(t) = a.get("achievementType") {
            match t.as_str() {
                Some(t) if in_extensible(t, ACHIEVEMENT_TYPES) => {}
                _ => self.push(
                    Rule::ObAchievementTypeValue,
                    &at.key("achievementType"),
                    format!(
                        "{} is not an achievement type (or an ext: extension)",
                        describe(t)
                    ),
                ),
            }
        }
        match a.get("criteria") {
            Some(Value::Object(c)) if c.contains_key("id") || c.contains_key("narrative") => {}
            Some(_) => self.push(
                Rule::ObCriteriaValue,
                &at.key("criteria"),
                "criteria must be an object with an id or a narrative",
            ),
            None => {}
        }
        self.achievement_values(a, at);
        self.achievement_parts(a, at);
        self.endorsements(a, at);
    }

    /// The Achievement's plain values: credits a number, codes and tags strings.
    fn achievement_values(&mut self, a: &Object, at: &At<'_>) {
        if let Some(v) = a.get("creditsAvailable")
            && v.as_number().is_none()
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("creditsAvailable"),
                "creditsAvailable must be a number",
            );
        }
        for key in [
            "fieldOfStudy",
            "humanCode",
            "specialization",
            "version",
            "inLanguage",
        ] {
            if a.get(key).is_some_and(|v| v.as_str().is_none()) {
                self.push(
                    Rule::ObAchievementValue,
                    &at.key(key),
                    format!("{key} must be a string"),
                );
            }
        }
        if a.get("tag")
            .is_some_and(|t| !one_or_many(t).iter().all(|v| v.as_str().is_some()))
        {
            self.push(
                Rule::ObAchievementValue,
                &at.key("tag"),
                "tag must be strings",
            );
        }
    }

    /// The Achievement's nested objects: alignments, result descriptions, creator, image,
    /// identifiers and related achievements.
    fn achievement_parts(&mut self, a: &Object, at: &At<'_>) {
        if let Some(value) = a.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
        if let Some(value) = a.get("resultDescription") {
            for (p, rd) in self.object_entries(
                value,
                &at.key("resultDescription"),
                Rule::ObResultDescriptionRequired,
                "a resultDescription",
            ) {
                self.result_description(rd, &p);
            }
        }
        if let Some(creator) = a.get("creator") {
            self.profile_value(creator, &at.key("creator"));
        }
        if let Some(image) = a.get("image") {
            self.image(image, &at.key("image"));
        }
        if let Some(value) = a.get("otherIdentifier") {
            self.identifier_entries(value, &at.key("otherIdentifier"));
        }
        if let Some(value) = a.get("related") {
            for (p, r) in self.object_entries(
                value,
                &at.key("related"),
                Rule::ObRelatedRequired,
                "a related entry",
            ) {
                if !r.get("id").and_then(Value::as_str).is_some_and(is_url)
                    || !has_type(r, "Related")
                {
                    self.push(
                        Rule::ObRelatedRequired,
                        &p,
                        "a Related needs a URL id and the type Related",
                    );
                }
            }
        }
    }

    pub(super) fn alignments(&mut self, value: &Value, at: &At<'_>) {
        for (p, alignment) in
            self.object_entries(value, at, Rule::ObAlignmentRequired, "an alignment")
        {
            self.alignment(alignment, &p);
        }
    }

    pub(super) fn alignment(&mut self, a: &Object, at: &At<'_>) {
        self.must_have_type(a, at, Rule::ObAlignmentType, "Alignment");
        if !a.contains_key("targetName") {
            self.push(
                Rule::ObAlignmentRequired,
                at,
                "an Alignment needs targetName",
            );
        }
        match a.get("targetUrl") {
            Some(Value::String(url)) if is_url(url) => {}
            Some(_) => self.push(
                Rule::ObAlignmentRequired,
                &at.key("targetUrl"),
                "targetUrl must be a URL",
            ),
            None => self.push(
                Rule::ObAlignmentRequired,
                at,
                "an Alignment needs targetUrl",
            ),
        }
        if let Some(t) = a.get("targetType")
            && !t
                .as_str()
                .is_some_and(|t| in_extensible(t, ALIGNMENT_TARGET_TYPES))
        {
            self.push(
                Rule::ObAlignmentTargetType,
                &at.key("targetType"),
                format!(
                    "{} is not an alignment target type (or an ext: extension)",
                    describe(t)
                ),
            );
        }
    }

    pub(super) fn result_description(&mut self, rd: &Object, at: &At<'_>) {
        self.must_have_type(rd, at, Rule::ObResultDescriptionType, "ResultDescription");
        self.required(
            rd,
            at,
            Rule::ObResultDescriptionRequired,
            "a ResultDescription",
            &["id", "name", "resultType"],
        );
        if let Some(t) = rd.get("resultType")
            && !t.as_str().is_some_and(|t| in_extensible(t, RESULT_TYPES))
        {
            self.push(
                Rule::ObResultTypeValue,
                &at.key("resultType"),
                format!(
                    "{} is not a result type (or an ext: extension)",
                    describe(t)
                ),
            );
        }
        if let Some(value) = rd.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
        if let Some(value) = rd.get("rubricCriterionLevel") {
            for (p, level) in self.object_entries(
                value,
                &at.key("rubricCriterionLevel"),
                Rule::ObRubricLevelRequired,
                "a rubricCriterionLevel",
            ) {
                self.required(
                    level,
                    &p,
                    Rule::ObRubricLevelRequired,
                    "a RubricCriterionLevel",
                    &["id", "name"],
                );
                if !has_type(level, "RubricCriterionLevel") {
                    self.push(
                        Rule::ObRubricLevelRequired,
                        &p.key("type"),
                        "type must include RubricCriterionLevel",
                    );
                }
                if let Some(value) = level.get("alignment") {
                    self.alignments(value, &p.key("alignment"));
                }
            }
        }
    }

    pub(super) fn result(&mut self, result: &Object, at: &At<'_>) {
        self.must_have_type(result, at, Rule::ObResultType, "Result");
        if let Some(status) = result.get("status")
            && !status
                .as_str()
                .is_some_and(|s| RESULT_STATUSES.contains(&s))
        {
            self.push(
                Rule::ObResultStatus,
                &at.key("status"),
                format!("{} is not a result status", describe(status)),
            );
        }
        if let Some(value) = result.get("alignment") {
            self.alignments(value, &at.key("alignment"));
        }
    }

    pub(super) fn identity_object(&mut self, identity: &Object, at: &At<'_>) {
        self.must_have_type(identity, at, Rule::ObIdentityType, "IdentityObject");
        self.required(
            identity,
            at,
            Rule::ObIdentityRequired,
            "an IdentityObject",
            &["hashed", "identityHash", "identityType"],
        );
        if identity
            .get("hashed")
            .is_some_and(|h| h.as_bool().is_none())
        {
            self.push(
                Rule::ObIdentityRequired,
                &at.key("hashed"),
                "hashed must be a boolean",
            );
        }
        if identity
            .get("identityType")
            .is_some_and(|t| t.as_str().is_none())
        {
            self.push(
                Rule::ObIdentityRequired,
                &at.key("identityType"),
                "identityType must be a string",
            );
        }
        if identity.get("hashed").and_then(Value::as_bool) == Some(true) {
            let hash = identity.get("identityHash").and_then(Value::as_str);
            if hash.is_some_and(|h| !identity::is_hash_form(h)) {
                self.push(
                    Rule::ObIdentityHash,
                    &at.key("identityHash"),
                    "a hashed identityHash must be sha256$ and 64 hex digits",
                );
            }
        }
    }
}
