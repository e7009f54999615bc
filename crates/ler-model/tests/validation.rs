//! Each family of rules, on documents this crate carries (the bundled examples), broken one
//! way at a time: the expected rule fires at the expected pointer, and nothing else breaks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ler_model::json::{self, Object, Value};
use ler_model::{Credential, Document, Rule, VcVersion};

const BADGE: &str = include_str!("../examples/achievement-credential.json");
const CLR: &str = include_str!("../examples/clr.json");
const EMPLOYMENT: &str = include_str!("../examples/employment-record.json");

fn doc(text: &str) -> Value {
    json::parse(text.as_bytes()).unwrap()
}

fn set(v: &mut Value, pointer: &str, new: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        Value::Object(o) => {
            o.insert(key, new);
        }
        Value::Array(a) => a[key.parse::<usize>().unwrap()] = new,
        _ => panic!("{parent} is not a container"),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    v.pointer_mut(parent)
        .unwrap()
        .as_object_mut()
        .unwrap()
        .remove(key)
        .unwrap();
}

fn violations(v: Value) -> Vec<(String, String)> {
    Credential::from_value(v)
        .unwrap()
        .validate()
        .into_iter()
        .map(|v| (v.rule.id().to_owned(), v.pointer.to_string()))
        .collect()
}

fn expect(v: Value, rule: &str, pointer: &str) {
    let got = violations(v);
    assert_eq!(got, vec![(rule.to_owned(), pointer.to_owned())]);
}

fn s(text: &str) -> Value {
    Value::from(text)
}

fn obj(text: &str) -> Value {
    doc(text)
}

#[test]
fn the_examples_are_valid() {
    for text in [BADGE, CLR, EMPLOYMENT] {
        assert_eq!(violations(doc(text)), vec![]);
    }
}

#[test]
fn vc_context_type_issuer_subject() {
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/@context/0",
        s("https://www.w3.org/ns/credentials/examples/v2"),
    );
    expect(v, "vc.context.first", "/@context/0");

    let mut v = doc(BADGE);
    set(
        &mut v,
        "/@context",
        obj(
            r#"["https://www.w3.org/ns/credentials/v2", 7, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]"#,
        ),
    );
    expect(v, "vc.context.value", "/@context/1");

    let mut v = doc(BADGE);
    remove(&mut v, "/@context");
    let got = violations(v);
    assert!(
        got.contains(&("vc.context.missing".into(), "".into())),
        "{got:?}"
    );

    let mut v = doc(BADGE);
    set(&mut v, "/type", obj(r#"["OpenBadgeCredential"]"#));
    expect(v, "vc.type.missing-base", "/type");

    let mut v = doc(BADGE);
    set(
        &mut v,
        "/type",
        obj(r#"["VerifiableCredential", "OpenBadgeCredential", 3]"#),
    );
    expect(v, "vc.type.value", "/type");

    let mut v = doc(BADGE);
    set(&mut v, "/id", s("not a url"));
    expect(v, "vc.id.value", "/id");

    let mut v = doc(BADGE);
    set(&mut v, "/issuer", s("example.edu"));
    expect(v, "vc.issuer.value", "/issuer");

    let mut v = doc(BADGE);
    remove(&mut v, "/credentialSubject");
    expect(v, "vc.subject.missing", "");

    let mut v = doc(BADGE);
    set(&mut v, "/credentialSubject", obj(r#"["did:example:1"]"#));
    expect(v, "vc.subject.value", "/credentialSubject/0");

    let mut v = doc(BADGE);
    set(
        &mut v,
        "/name",
        obj(r#"[{"@value": "Certificat", "@language": "fr"}, {"@value": 3}]"#),
    );
    expect(v, "vc.text.value", "/name");
}

#[test]
fn vc_dates_and_order() {
    let mut v = doc(BADGE);
    set(&mut v, "/validFrom", s("2024-06-01T00:00:00"));
    expect(v, "vc.date.format", "/validFrom");

    let mut v = doc(BADGE);
    set(&mut v, "/validUntil", s("2024-05-31T23:59:59Z"));
    expect(v, "vc.validity.order", "/validUntil");

    // The same instant in another zone is not before.
    let mut v = doc(BADGE);
    set(&mut v, "/validUntil", s("2024-06-01T02:00:00+02:00"));
    assert_eq!(violations(v), vec![]);

    // 1.1 documents: issuanceDate required, xsd:dateTime (zone optional).
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/@context/0",
        s("https://www.w3.org/2018/credentials/v1"),
    );
    remove(&mut v, "/validFrom");
    set(&mut v, "/issuanceDate", s("2024-06-01T00:00:00"));
    let credential = Credential::from_value(v.clone()).unwrap();
    assert_eq!(credential.version(), Some(VcVersion::V1_1));
    assert_eq!(credential.valid_from(), Some("2024-06-01T00:00:00"));
    assert_eq!(violations(v.clone()), vec![]);
    remove(&mut v, "/issuanceDate");
    let got = violations(v);
    assert!(
        got.contains(&("vc.issuance-date.missing".into(), "".into())),
        "{got:?}"
    );
}

#[test]
fn vc_shapes_of_status_schema_evidence_terms_refresh_related_proof() {
    let cases = [
        (
            "/credentialStatus",
            r#"{"id": "https://example.edu/status/1#5"}"#,
            "vc.status.value",
            "/credentialStatus",
        ),
        (
            "/credentialSchema",
            r#"[{"type": "JsonSchema"}]"#,
            "vc.schema.value",
            "/credentialSchema/0",
        ),
        (
            "/evidence",
            r#"[{"id": "https://example.edu/evidence/1"}]"#,
            "vc.evidence.value",
            "/evidence/0",
        ),
        (
            "/termsOfUse",
            r#"{"id": "https://example.edu/tou"}"#,
            "vc.terms-of-use.value",
            "/termsOfUse",
        ),
        (
            "/refreshService",
            r#"{"url": "https://example.edu/refresh"}"#,
            "vc.refresh-service.value",
            "/refreshService",
        ),
        (
            "/relatedResource",
            r#"[{"id": "https://example.edu/logo.png"}]"#,
            "vc.related-resource.value",
            "/relatedResource/0",
        ),
        (
            "/proof",
            r#"{"cryptosuite": "eddsa-rdfc-2022"}"#,
            "vc.proof.value",
            "/proof",
        ),
    ];
    for (at, value, rule, pointer) in cases {
        let mut v = doc(BADGE);
        set(&mut v, at, obj(value));
        let got = violations(v);
        assert!(
            got.contains(&(rule.to_owned(), pointer.to_owned())),
            "{rule}: {got:?}"
        );
    }
    // Well-formed ones pass.
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/relatedResource",
        obj(r#"[{"id": "https://example.edu/logo.png", "digestSRI": "sha384-abc"}]"#),
    );
    set(
        &mut v,
        "/credentialSchema",
        obj(r#"{"id": "https://example.edu/schema.json", "type": "JsonSchema"}"#),
    );
    set(
        &mut v,
        "/evidence",
        obj(r#"{"id": "https://example.edu/e/1", "type": ["Evidence"]}"#),
    );
    assert_eq!(violations(v), vec![]);
}

#[test]
fn ob_achievement_alignment_results() {
    let at = "/credentialSubject/achievement";
    for key in ["name", "criteria", "description", "id"] {
        let mut v = doc(BADGE);
        remove(&mut v, &format!("{at}/{key}"));
        expect(v, "ob.achievement.required", at);
    }
    let mut v = doc(BADGE);
    set(&mut v, &format!("{at}/achievementType"), s("Trophy"));
    expect(
        v,
        "ob.achievement-type.value",
        &format!("{at}/achievementType"),
    );
    let mut v = doc(BADGE);
    set(&mut v, &format!("{at}/achievementType"), s("ext:Trophy"));
    assert_eq!(violations(v), vec![], "ext: extensions are allowed");

    let mut v = doc(BADGE);
    remove(&mut v, &format!("{at}/alignment/1/targetUrl"));
    expect(v, "ob.alignment.required", &format!("{at}/alignment/1"));
    let mut v = doc(BADGE);
    set(&mut v, &format!("{at}/alignment/0/targetType"), s("Skill"));
    expect(
        v,
        "ob.alignment.target-type",
        &format!("{at}/alignment/0/targetType"),
    );
    let mut v = doc(BADGE);
    set(
        &mut v,
        &format!("{at}/alignment/0/type"),
        obj(r#"["Aligned"]"#),
    );
    expect(v, "ob.alignment.type", &format!("{at}/alignment/0/type"));

    let mut v = doc(BADGE);
    set(
        &mut v,
        &format!("{at}/resultDescription/0/resultType"),
        s("Grade"),
    );
    expect(
        v,
        "ob.result-type.value",
        &format!("{at}/resultDescription/0/resultType"),
    );
    let mut v = doc(BADGE);
    set(&mut v, &format!("{at}/creditsAvailable"), s("30"));
    expect(v, "ob.achievement.value", &format!("{at}/creditsAvailable"));
    let mut v = doc(BADGE);
    set(&mut v, &format!("{at}/criteria"), obj("{}"));
    expect(v, "ob.criteria.value", &format!("{at}/criteria"));

    let mut v = doc(BADGE);
    set(&mut v, "/credentialSubject/result/0/status", s("Passed"));
    expect(v, "ob.result.status", "/credentialSubject/result/0/status");

    let mut v = doc(BADGE);
    remove(&mut v, "/credentialSubject/id");
    expect(v, "ob.subject.identifier", "/credentialSubject");
}

#[test]
fn ob_identity_objects_and_email_hashes() {
    let email = "learner@example.edu";
    let hash = ler_model::identity::hash(email, "pepper");
    let mut v = doc(BADGE);
    remove(&mut v, "/credentialSubject/id");
    let identity = format!(
        r#"[{{"type": "IdentityObject", "hashed": true, "identityHash": "{hash}", "identityType": "emailAddress", "salt": "pepper"}}]"#
    );
    set(&mut v, "/credentialSubject/identifier", obj(&identity));
    let credential = Credential::from_value(v.clone()).unwrap();
    assert_eq!(credential.validate(), vec![]);
    let subject = credential.subjects()[0];
    let ids = subject.identifiers();
    assert!(ids[0].matches(email));
    assert!(!ids[0].matches("someone@example.edu"));

    set(
        &mut v,
        "/credentialSubject/identifier/0/identityHash",
        s("sha256$1234"),
    );
    expect(
        v.clone(),
        "ob.identity.hash",
        "/credentialSubject/identifier/0/identityHash",
    );
    set(&mut v, "/credentialSubject/identifier/0/hashed", s("yes"));
    let got = violations(v);
    assert!(
        got.contains(&(
            "ob.identity.required".into(),
            "/credentialSubject/identifier/0/hashed".into()
        )),
        "{got:?}"
    );
}

#[test]
fn ob_profiles() {
    let mut v = doc(BADGE);
    remove(&mut v, "/issuer/type");
    expect(v, "ob.profile.type", "/issuer/type");
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/issuer/otherIdentifier",
        obj(r#"[{"type": "IdentifierEntry", "identifier": "1", "identifierType": "taxId"}]"#),
    );
    expect(
        v,
        "ob.identifier-type.value",
        "/issuer/otherIdentifier/0/identifierType",
    );
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/issuer/image",
        obj(r#"{"id": "https://example.edu/logo.png"}"#),
    );
    expect(v, "ob.image.value", "/issuer/image");
    let mut v = doc(BADGE);
    set(
        &mut v,
        "/credentialSubject/achievement/creator",
        s("https://example.edu"),
    );
    expect(
        v,
        "ob.profile.required",
        "/credentialSubject/achievement/creator",
    );
}

#[test]
fn clr_subject_nested_credentials_and_associations() {
    let mut v = doc(CLR);
    remove(
        &mut v,
        "/credentialSubject/verifiableCredential/1/credentialSubject/achievement/criteria",
    );
    // The nested credential's violation points into it.
    expect(
        v,
        "ob.achievement.required",
        "/credentialSubject/verifiableCredential/1/credentialSubject/achievement",
    );

    let mut v = doc(CLR);
    set(&mut v, "/credentialSubject/verifiableCredential", obj("[]"));
    expect(
        v,
        "clr.subject.required",
        "/credentialSubject/verifiableCredential",
    );

    let mut v = doc(CLR);
    set(
        &mut v,
        "/credentialSubject/verifiableCredential/0",
        s("eyJhbGciOi..."),
    );
    expect(
        v,
        "clr.credential.value",
        "/credentialSubject/verifiableCredential/0",
    );

    let mut v = doc(CLR);
    set(
        &mut v,
        "/credentialSubject/association/0/associationType",
        s("follows"),
    );
    expect(
        v,
        "clr.association-type.value",
        "/credentialSubject/association/0/associationType",
    );

    let mut v = doc(CLR);
    remove(&mut v, "/credentialSubject/association/1/targetId");
    expect(
        v,
        "clr.association.required",
        "/credentialSubject/association/1",
    );

    let mut v = doc(CLR);
    set(
        &mut v,
        "/credentialSubject/type",
        obj(r#"["AchievementSubject"]"#),
    );
    expect(v, "clr.subject.type", "/credentialSubject/type");

    let mut v = doc(CLR);
    set(&mut v, "/type/1", s("Transcript"));
    let got = violations(v);
    assert!(
        got.contains(&("clr.credential.type".into(), "/type".into())),
        "{got:?}"
    );
}

#[test]
fn employment_rules() {
    let role = "/credentialSubject/role";
    let cases: [(&str, Value, &str, String); 9] = [
        (
            "startDate",
            s("2021-3-1"),
            "emp.date.format",
            format!("{role}/startDate"),
        ),
        (
            "endDate",
            s("2020-12-31"),
            "emp.date.order",
            format!("{role}/endDate"),
        ),
        (
            "employmentType",
            s("Gig"),
            "emp.employment-type.value",
            format!("{role}/employmentType"),
        ),
        (
            "hoursPerWeek",
            obj("169"),
            "emp.hours.value",
            format!("{role}/hoursPerWeek"),
        ),
        (
            "hoursPerWeek",
            s("40"),
            "emp.hours.value",
            format!("{role}/hoursPerWeek"),
        ),
        (
            "duties",
            s("dashboards"),
            "emp.duties.value",
            format!("{role}/duties"),
        ),
        (
            "skill",
            obj(
                r#"{"type": ["Alignment"], "targetName": "SQL", "targetUrl": "https://e.org/sql"}"#,
            ),
            "emp.alignment.value",
            format!("{role}/skill"),
        ),
        (
            "type",
            obj(r#"["Role"]"#),
            "emp.role.type",
            format!("{role}/type"),
        ),
        (
            "positionTitle",
            obj("12"),
            "emp.role.required",
            role.to_owned(),
        ),
    ];
    for (key, value, rule, pointer) in cases {
        let mut v = doc(EMPLOYMENT);
        set(&mut v, &format!("{role}/{key}"), value);
        expect(v, rule, &pointer);
    }
    let mut v = doc(EMPLOYMENT);
    set(
        &mut v,
        &format!("{role}/occupation/0/targetCode"),
        s("1520510"),
    );
    expect(
        v,
        "emp.occupation.framework",
        &format!("{role}/occupation/0/targetCode"),
    );
    let mut v = doc(EMPLOYMENT);
    set(
        &mut v,
        &format!("{role}/occupation/1/targetFramework"),
        s("ISCO"),
    );
    expect(
        v,
        "emp.occupation.framework",
        &format!("{role}/occupation/1/targetFramework"),
    );
    let mut v = doc(EMPLOYMENT);
    remove(&mut v, "/credentialSubject/employer");
    expect(v, "emp.subject.required", "/credentialSubject");
    let mut v = doc(EMPLOYMENT);
    set(&mut v, "/@context/2", s("https://example.org/other/v1"));
    expect(v, "emp.context.missing", "/@context");
    // Fractional hours keep their text and pass.
    let mut v = doc(EMPLOYMENT);
    set(&mut v, &format!("{role}/hoursPerWeek"), obj("37.5"));
    let credential = Credential::from_value(v).unwrap();
    assert!(credential.validate().is_empty());
    let hours = credential.subjects()[0]
        .role()
        .unwrap()
        .hours_per_week()
        .unwrap()
        .as_str()
        .to_owned();
    assert_eq!(hours, "37.5");
}

#[test]
fn every_violation_is_reported_not_just_the_first() {
    let mut v = doc(BADGE);
    remove(&mut v, "/issuer");
    set(&mut v, "/validFrom", s("yesterday"));
    set(
        &mut v,
        "/credentialSubject/achievement/achievementType",
        s("Trophy"),
    );
    set(
        &mut v,
        "/credentialSubject/achievement/alignment/0/targetType",
        s("Skill"),
    );
    let rules: Vec<String> = violations(v).into_iter().map(|(r, _)| r).collect();
    assert_eq!(
        rules,
        [
            "vc.issuer.missing",
            "vc.date.format",
            "ob.achievement-type.value",
            "ob.alignment.target-type"
        ]
    );
}

#[test]
fn presentations_check_holder_and_point_into_credentials() {
    let credential = doc(BADGE);
    let mut broken = credential.clone();
    remove(&mut broken, "/issuer");
    let mut vp = Object::new();
    vp.insert(
        "@context",
        obj(r#"["https://www.w3.org/ns/credentials/v2"]"#),
    );
    vp.insert("type", obj(r#"["VerifiablePresentation"]"#));
    vp.insert("holder", Value::from(3u8));
    vp.insert(
        "verifiableCredential",
        Value::Array(vec![credential, broken]),
    );
    let bytes = Value::Object(vp).to_string();
    let Document::Presentation(p) =
        Document::from_slice_with(bytes.as_bytes(), &Default::default()).unwrap()
    else {
        panic!("a presentation");
    };
    assert_eq!(p.credentials().len(), 2);
    let got: Vec<(String, String)> = p
        .validate()
        .into_iter()
        .map(|v| (v.rule.id().into(), v.pointer.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("vp.holder.value".to_owned(), "/holder".to_owned()),
            ("vc.issuer.missing".into(), "/verifiableCredential/1".into())
        ]
    );
}

#[test]
fn rule_table_in_the_crate_docs_lists_every_rule_once() {
    let lib = include_str!("../src/lib.rs");
    let documented: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(documented, ids);
}

/// VCDM 2.0: a subject makes one or more claims, so `{}` is no subject; one `relatedResource`
/// entry per resource.
#[test]
fn vc_empty_subject_and_duplicate_related_resources() {
    let plain = r#"{
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"}
    }"#;
    assert_eq!(violations(doc(plain)), vec![]);

    let mut v = doc(plain);
    set(&mut v, "/credentialSubject", obj("{}"));
    expect(v, "vc.subject.value", "/credentialSubject");

    let mut v = doc(plain);
    set(&mut v, "/credentialSubject", obj(r#"[{"name": "A"}, {}]"#));
    expect(v, "vc.subject.value", "/credentialSubject/1");

    let mut v = doc(plain);
    set(
        &mut v,
        "/relatedResource",
        obj(
            r#"[{"id": "https://example.edu/a.png", "digestSRI": "sha384-abc"},
                {"id": "https://example.edu/b.png", "digestSRI": "sha384-abc"},
                {"id": "https://example.edu/a.png", "digestMultibase": "uEiAAAA"}]"#,
        ),
    );
    expect(v, "vc.related-resource.value", "/relatedResource/2/id");
}
