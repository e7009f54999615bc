//! Structural validation: every rule of the crate-level table, all violations reported.

mod clr;
mod employment;
mod ob;
mod rules;
mod terms;
mod vc;

use std::fmt;

pub use rules::{Rule, Spec};

use crate::context::{self, EMPLOYMENT_V1, ObVersion, VcVersion};
use crate::date;
use crate::identity;
use crate::json::{Object, Pointer, Value};
use crate::kind::CredentialKind;
use crate::lang;
use crate::util::{has_type, is_url, one_or_many, types_of};

/// One broken rule: which, where (a JSON pointer into the validated document) and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// Where: a JSON pointer into the document (`""` is the whole document).
    pub pointer: Pointer,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.as_str().is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        };
        write!(f, "{at}: {} [{}]", self.message, self.rule.id())
    }
}

impl serde::Serialize for Violation {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Violation", 3)?;
        s.serialize_field("rule", self.rule.id())?;
        s.serialize_field("pointer", self.pointer.as_str())?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// How many credentials deep (a CLR in a presentation, an endorsement in an achievement, ...)
/// the validator follows. Real documents nest two or three levels.
const MAX_NESTING: usize = 8;

/// The most violations listed for one document; past it, one `vc.violations.truncated`
/// violation gives the count of the rest. Validation then stays linear in the document with a
/// small constant, however many rules a hostile document breaks.
pub const MAX_VIOLATIONS: usize = 1_000;

pub(crate) fn credential(object: &Object) -> Vec<Violation> {
    let mut checker = Checker::new();
    checker.credential(object, &At::Root);
    checker.finish()
}

pub(crate) fn presentation(object: &Object) -> Vec<Violation> {
    let mut checker = Checker::new();
    checker.presentation(object, &At::Root);
    checker.finish()
}

/// Where the checker is in the document: a chain of steps kept on the stack, written out as a
/// JSON pointer only when a violation is reported there. (Building every pointer on the way
/// down cost an allocation per object visited, a twentieth of validating a large credential
/// that breaks no rule.)
#[derive(Clone, Copy)]
pub(crate) enum At<'a> {
    /// The whole document.
    Root,
    /// A member of the object at the first place.
    Key(&'a At<'a>, &'a str),
    /// An item of the array at the first place.
    Index(&'a At<'a>, usize),
}

impl<'a> At<'a> {
    /// The member `key` of the object here.
    fn key<'b>(&'b self, key: &'b str) -> At<'b>
    where
        'a: 'b,
    {
        At::Key(self, key)
    }

    /// The item `index` of the array here.
    fn index<'b>(&'b self, index: usize) -> At<'b>
    where
        'a: 'b,
    {
        At::Index(self, index)
    }

    /// The JSON pointer of this place.
    fn pointer(&self) -> Pointer {
        match *self {
            At::Root => Pointer::root(),
            At::Key(parent, key) => parent.pointer().key(key),
            At::Index(parent, index) => parent.pointer().index(index),
        }
    }
}

struct Checker {
    out: Vec<Violation>,
    /// Violations found past [`MAX_VIOLATIONS`], counted but not kept.
    unlisted: usize,
    nesting: usize,
    /// Inside an `endorsement` embedded in another object: 1EdTech's validator accepts such
    /// endorsements without `id` or `name`, so `ob.credential.required` is not applied there.
    in_endorsement: bool,
}

impl Checker {
    fn new() -> Self {
        Checker {
            out: Vec::new(),
            unlisted: 0,
            nesting: 0,
            in_endorsement: false,
        }
    }

    fn finish(mut self) -> Vec<Violation> {
        if self.unlisted > 0 {
            self.out.push(Violation {
                rule: Rule::VcViolationsTruncated,
                pointer: Pointer::root(),
                message: format!(
                    "{} more violations not listed (at most {MAX_VIOLATIONS} are)",
                    self.unlisted
                ),
            });
        }
        self.out
    }

    fn push(&mut self, rule: Rule, at: &At<'_>, message: impl Into<String>) {
        if self.out.len() >= MAX_VIOLATIONS {
            self.unlisted += 1;
            return;
        }
        self.out.push(Violation {
            rule,
            pointer: at.pointer(),
            message: message.into(),
        });
    }

    /// Entries of a one-or-many property with their pointers (an array gives indexed pointers).
    /// Lazy: each pointer is made when its entry is reached, so a wide array does not hold a
    /// pointer per item at once.
    fn entries<'v, 'p>(
        value: &'v Value,
        at: &'p At<'p>,
    ) -> impl Iterator<Item = (At<'p>, &'v Value)> + use<'v, 'p> {
        let (items, single): (&'v [Value], Option<&'v Value>) = match value {
            Value::Array(items) => (items.as_slice(), None),
            other => (&[], Some(other)),
        };
        let count = if single.is_some() { 1 } else { items.len() };
        (0..count).filter_map(move |i| match single {
            Some(v) => Some((*at, v)),
            None => items.get(i).map(|v| (at.index(i), v)),
        })
    }

    /// Object entries of a one-or-many property; other entries are reported under `rule`.
    fn object_entries<'v, 'p>(
        &mut self,
        value: &'v Value,
        at: &'p At<'p>,
        rule: Rule,
        what: &str,
    ) -> impl Iterator<Item = (At<'p>, &'v Object)> + use<'v, 'p> {
        // Report the entries that are not objects first (a pointer only for those), then hand
        // out the objects lazily: holding a pointer per entry of a wide array took many times
        // the array's own memory.
        let is_array = matches!(value, Value::Array(_));
        let items = value.as_array().unwrap_or(std::slice::from_ref(value));
        let pointer_of = move |at: &'p At<'p>, i: usize| {
            if is_array { at.index(i) } else { *at }
        };
        for (i, v) in items.iter().enumerate() {
            if !matches!(v, Value::Object(_)) {
                self.push(
                    rule,
                    &pointer_of(at, i),
                    format!("{what} must be an object, not {}", v.kind()),
                );
            }
        }
        items.iter().enumerate().filter_map(move |(i, v)| match v {
            Value::Object(o) => Some((pointer_of(at, i), o)),
            _ => None,
        })
    }

    fn enter_nested(&mut self, at: &At<'_>) -> bool {
        if self.nesting >= MAX_NESTING {
            self.push(
                Rule::VcNestingDepth,
                at,
                format!("credentials nested deeper than {MAX_NESTING} levels are not checked"),
            );
            false
        } else {
            self.nesting += 1;
            true
        }
    }

    // ---- helpers every part uses, and the profile dispatch --------------------------------

    pub(super) fn required(
        &mut self,
        object: &Object,
        at: &At<'_>,
        rule: Rule,
        what: &str,
        keys: &[&str],
    ) {
        for key in keys {
            if !object.contains_key(key) {
                self.push(rule, at, format!("{what} needs {key}"));
            }
        }
    }

    pub(super) fn must_have_type(
        &mut self,
        object: &Object,
        at: &At<'_>,
        rule: Rule,
        wanted: &str,
    ) {
        if !has_type(object, wanted) {
            let found = types_of(object).join(", ");
            self.push(
                rule,
                &at.key("type"),
                format!("type must include {wanted} (found: {found})"),
            );
        }
    }

    pub(super) fn profile_rules(&mut self, object: &Object, at: &At<'_>) {
        let kind = CredentialKind::of(object);
        let contexts: Vec<&str> = object
            .get("@context")
            .map(one_or_many)
            .unwrap_or(&[])
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let has_ob = contexts
            .iter()
            .any(|c| ObVersion::from_context(c).is_some());
        let has_clr = contexts.iter().any(|c| context::is_clr_context(c));
        let has_emp = contexts.contains(&EMPLOYMENT_V1);
        let type_at = at.key("type");
        match kind {
            CredentialKind::Plain if has_clr => {
                self.push(Rule::ClrCredentialType, &type_at, "a document with a CLR context must be a ClrCredential")
            }
            CredentialKind::Plain if has_emp => self.push(
                Rule::EmpCredentialType,
                &type_at,
                "a document with the employment context must be an EmploymentCredential",
            ),
            CredentialKind::Plain if has_ob => self.push(
                Rule::ObCredentialType,
                &type_at,
                "a document with an Open Badges context must be an OpenBadgeCredential, AchievementCredential or EndorsementCredential",
            ),
            _ => {}
        }
        match kind {
            CredentialKind::Plain => return,
            CredentialKind::Employment if !has_emp => self.push(
                Rule::EmpContextMissing,
                &at.key("@context"),
                format!("an employment record must name {EMPLOYMENT_V1}"),
            ),
            _ => {}
        }
        let required_rule = if kind == CredentialKind::Clr {
            Rule::ClrCredentialRequired
        } else {
            Rule::ObCredentialRequired
        };
        let date_key = if object.contains_key("issuanceDate") && !object.contains_key("validFrom") {
            "issuanceDate"
        } else {
            "validFrom"
        };
        for key in ["id", "name", date_key] {
            if !object.contains_key(key) && !self.in_endorsement {
                self.push(
                    required_rule,
                    at,
                    format!("this {} needs {key}", kind.label()),
                );
            }
        }
        if let Some(Value::Object(issuer)) = object.get("issuer") {
            self.profile(issuer, &at.key("issuer"), 0);
        }
        if let Some(value) = object.get("evidence") {
            for (p, entry) in Self::entries(value, &at.key("evidence")) {
                if let Value::Object(e) = entry
                    && !has_type(e, "Evidence")
                {
                    self.push(
                        Rule::ObEvidenceType,
                        &p.key("type"),
                        "an Evidence's type must include Evidence",
                    );
                }
            }
        }
        self.endorsements(object, at);
        if let Some(value) = object.get("credentialSubject") {
            for (p, entry) in Self::entries(value, &at.key("credentialSubject")) {
                let Value::Object(subject) = entry else {
                    continue;
                };
                match kind {
                    CredentialKind::OpenBadge => self.achievement_subject(subject, &p),
                    CredentialKind::Endorsement => {
                        if !has_type(subject, "EndorsementSubject") || !subject.contains_key("id") {
                            self.push(Rule::ObEndorsementSubject, &p, "an endorsement's subject needs an id and the type EndorsementSubject");
                        }
                    }
                    CredentialKind::Clr => self.clr_subject(subject, &p),
                    CredentialKind::Employment => self.employment_subject(subject, &p),
                    CredentialKind::Plain => {}
                }
            }
        }
    }

    pub(super) fn endorsements(&mut self, object: &Object, at: &At<'_>) {
        if let Some(value) = object.get("endorsement") {
            let endorsements_at = at.key("endorsement");
            let entries = self.object_entries(
                value,
                &endorsements_at,
                Rule::ObCredentialRequired,
                "an endorsement",
            );
            let outer = std::mem::replace(&mut self.in_endorsement, true);
            for (p, endorsement) in entries {
                self.nested_credential(endorsement, &p);
            }
            self.in_endorsement = outer;
        }
    }
}

/// A short description of a value for messages: strings quoted (and cut short), others by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 60 => {
            format!("{:?}...", s.chars().take(60).collect::<String>())
        }
        Value::String(s) => format!("{s:?}"),
        other => other.kind().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::employment::is_onet_soc_code;
    use super::*;

    #[test]
    fn places_become_pointers_only_when_asked() {
        let subject = At::Root.key("credentialSubject");
        let first = subject.index(0);
        let odd = first.key("a/b~c");
        assert_eq!(odd.pointer().as_str(), "/credentialSubject/0/a~1b~0c");
        assert_eq!(At::Root.pointer().as_str(), "");
        let mut checker = Checker::new();
        checker.push(Rule::VcContextFirst, &first, "here");
        assert_eq!(checker.finish()[0].pointer.as_str(), "/credentialSubject/0");
    }

    #[test]
    fn onet_codes() {
        assert!(is_onet_soc_code("15-1252.00"));
        assert!(is_onet_soc_code("15-1252"));
        assert!(!is_onet_soc_code("15-1252.0"));
        assert!(!is_onet_soc_code("151252"));
    }

    #[test]
    fn rule_ids_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.id()), "{} twice", rule.id());
            assert_eq!(Rule::from_id(rule.id()), Some(*rule));
        }
    }

    #[test]
    fn each_rule_names_the_spec_its_id_prefix_names() {
        for rule in Rule::ALL {
            let prefix = rule.id().split('.').next().unwrap_or_default();
            let expected = match prefix {
                "vc" | "vp" => Spec::Vcdm,
                "ob" => Spec::OpenBadges3,
                "clr" => Spec::Clr2,
                "emp" => Spec::Employment,
                other => panic!("unknown prefix {other}"),
            };
            assert_eq!(rule.spec(), expected, "{}", rule.id());
            assert_eq!(rule.spec().is_profile(), prefix != "vc" && prefix != "vp");
        }
    }
}
