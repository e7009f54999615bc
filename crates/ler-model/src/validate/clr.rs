//! CLR 2.0 rules (`clr.*`): the CLR subject and its credentials and associations.

use super::terms::*;
use super::*;

impl Checker {
    pub(super) fn clr_subject(&mut self, subject: &Object, at: &At<'_>) {
        self.must_have_type(subject, at, Rule::ClrSubjectType, "ClrSubject");
        match subject.get("verifiableCredential") {
            None => self.push(
                Rule::ClrSubjectRequired,
                at,
                "a ClrSubject needs verifiableCredential",
            ),
            Some(Value::Array(a)) if a.is_empty() => self.push(
                Rule::ClrSubjectRequired,
                &at.key("verifiableCredential"),
                "verifiableCredential needs one or more credentials",
            ),
            Some(value) => {
                let credentials_at = at.key("verifiableCredential");
                let entries = self.object_entries(
                    value,
                    &credentials_at,
                    Rule::ClrCredentialValue,
                    "a verifiableCredential",
                );
                for (p, credential) in entries {
                    self.nested_credential(credential, &p);
                }
            }
        }
        if let Some(value) = subject.get("achievement") {
            for (p, a) in self.object_entries(
                value,
                &at.key("achievement"),
                Rule::ObAchievementRequired,
                "an achievement",
            ) {
                self.achievement(a, &p);
            }
        }
        if let Some(value) = subject.get("association") {
            for (p, assoc) in self.object_entries(
                value,
                &at.key("association"),
                Rule::ClrAssociationRequired,
                "an association",
            ) {
                self.required(
                    assoc,
                    &p,
                    Rule::ClrAssociationRequired,
                    "an Association",
                    &["associationType", "sourceId", "targetId"],
                );
                if !has_type(assoc, "Association") {
                    self.push(
                        Rule::ClrAssociationRequired,
                        &p.key("type"),
                        "type must include Association",
                    );
                }
                if let Some(t) = assoc.get("associationType")
                    && !t.as_str().is_some_and(|t| ASSOCIATION_TYPES.contains(&t))
                {
                    self.push(
                        Rule::ClrAssociationTypeValue,
                        &p.key("associationType"),
                        format!("{} is not an association type", describe(t)),
                    );
                }
            }
        }
    }
}
