//! The embedded JSON Schemas: well-formed, stable ids, and right about real documents.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::{fixture, read, remove, set, shared};
use ler_microcredential::Schema;
use ler_model::json::{self, Value};

#[test]
fn every_schema_compiles_and_has_a_stable_id_matching_its_file() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for schema in Schema::ALL {
        let doc = json::parse(schema.json().as_bytes()).unwrap();
        assert_eq!(doc.get("$id").and_then(Value::as_str), Some(schema.id()));
        assert_eq!(
            doc.get("$schema").and_then(Value::as_str),
            Some("https://json-schema.org/draft/2020-12/schema")
        );
        let relative = schema
            .id()
            .strip_prefix("https://w3id.org/ler/schemas/")
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join(relative)).unwrap(),
            schema.json(),
            "{relative} is the embedded text"
        );
        assert_eq!(Schema::from_id(schema.id()), Some(schema));
        // Compiles: an empty object gets ordinary keyword violations, not `schema.unavailable`.
        let violations = schema.validate(&Value::Object(Default::default()));
        assert!(!violations.is_empty());
        assert!(
            violations
                .iter()
                .all(|v| v.rule.starts_with("schema.") && v.rule != "schema.unavailable"),
            "{violations:?}"
        );
    }
    assert_eq!(
        Schema::from_id(
            "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
        ),
        None
    );
}

#[test]
fn schema_files_are_plain_json_other_languages_can_load() {
    // serde_json stands in for "another language": no Rust-side preprocessing is needed.
    for schema in Schema::ALL {
        let v: serde_json::Value = serde_json::from_str(schema.json()).unwrap();
        assert!(v.is_object());
    }
}

#[test]
fn crate_fixtures_pass_and_broken_copies_fail_with_pointers() {
    let badge = fixture("ob3-badge.json");
    assert_eq!(Schema::Ob3AchievementCredentialV1.validate(&badge), vec![]);

    let mut broken = badge.clone();
    set(
        &mut broken,
        "/issuer/type",
        Value::from(vec!["Organization"]),
    );
    let v = Schema::Ob3AchievementCredentialV1.validate(&broken);
    assert_eq!(
        v.iter()
            .map(|v| (v.rule, v.pointer.as_str()))
            .collect::<Vec<_>>(),
        vec![("schema.anyOf", "/issuer/type")]
    );

    let mut broken = badge.clone();
    remove(&mut broken, "/credentialSubject/achievement/criteria");
    let v = Schema::Ob3AchievementCredentialV1.validate(&broken);
    assert_eq!(
        v.iter()
            .map(|v| (v.rule, v.pointer.as_str()))
            .collect::<Vec<_>>(),
        vec![("schema.required", "/credentialSubject/achievement")]
    );
    assert!(v[0].message.contains("criteria"), "{}", v[0].message);

    let mut broken = badge;
    set(&mut broken, "/validFrom", "2025-09-01 12:00".into());
    assert_eq!(
        Schema::Ob3AchievementCredentialV1.validate(&broken)[0].rule,
        "schema.pattern"
    );
}

#[test]
fn employment_record_schema_accepts_a_record_and_rejects_broken_ones() {
    let record = fixture("employment-record.json");
    assert_eq!(Schema::EmploymentRecordV1.validate(&record), vec![]);
    let cases: [(&str, Value, &str, &str); 5] = [
        (
            "/credentialSubject/role/hoursPerWeek",
            json::parse(b"169").unwrap(),
            "schema.maximum",
            "/credentialSubject/role/hoursPerWeek",
        ),
        (
            "/credentialSubject/role/startDate",
            "April 2023".into(),
            "schema.pattern",
            "/credentialSubject/role/startDate",
        ),
        (
            "/credentialSubject/role/employmentType",
            "Gig".into(),
            "schema.enum",
            "/credentialSubject/role/employmentType",
        ),
        (
            "/credentialSubject/role/duties",
            "welding".into(),
            "schema.type",
            "/credentialSubject/role/duties",
        ),
        (
            "/credentialSubject/type",
            "AchievementSubject".into(),
            "schema.anyOf",
            "/credentialSubject/type",
        ),
    ];
    for (at, value, rule, pointer) in cases {
        let mut doc = record.clone();
        set(&mut doc, at, value);
        let v = Schema::EmploymentRecordV1.validate(&doc);
        assert!(
            v.iter()
                .any(|v| v.rule == rule && v.pointer.as_str() == pointer),
            "{at}: {v:?}"
        );
    }
    let mut doc = record;
    remove(&mut doc, "/credentialSubject/role/positionTitle");
    assert!(
        Schema::EmploymentRecordV1
            .validate(&doc)
            .iter()
            .any(|v| v.rule == "schema.required")
    );
    assert!(!Schema::Ob3AchievementCredentialV1.is_valid(&fixture("employment-record.json")));
}

#[test]
fn documents_the_validator_cannot_take_are_violations_not_panics() {
    let huge = json::parse(br#"{"learningHours": 1e400}"#).unwrap();
    let v = Schema::Ob3AchievementCredentialV1.validate(&huge);
    assert_eq!(
        (v[0].rule, v[0].pointer.as_str()),
        ("schema.number", "/learningHours")
    );
    let mut deep = Value::Null;
    for _ in 0..200 {
        deep = Value::Array(vec![deep]);
    }
    assert_eq!(
        Schema::Ob3AchievementCredentialV1.validate(&deep)[0].rule,
        "schema.depth"
    );
    assert!(!Schema::Ob3AchievementCredentialV1.is_valid(&deep));
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// An OB 3.0 AchievementCredential in VC 2.0 form (the schema's scope).
fn in_scope(doc: &Value) -> bool {
    let v2 = doc
        .get("@context")
        .and_then(|c| c.pointer("/0"))
        .and_then(Value::as_str)
        == Some("https://www.w3.org/ns/credentials/v2");
    let types = doc.get("type").and_then(Value::as_array).unwrap_or(&[]);
    v2 && types.iter().any(|t| {
        matches!(
            t.as_str(),
            Some("AchievementCredential" | "OpenBadgeCredential")
        )
    })
}

/// Files that look in scope but are not valid OB 3.0, with the reason.
fn known_invalid(name: &str) -> Option<&'static str> {
    if name.starts_with("simple-err-") || name.starts_with("endorsement-err-") {
        return Some("1EdTech validator negative fixture");
    }
    if name.contains("badSchema") {
        return Some("DCC fixture built to fail its data model (no validFrom)");
    }
    if name.contains("stringIssuerId") {
        return Some("issuer is a bare URL; OB 3.0 requires a Profile object");
    }
    None
}

#[test]
fn every_valid_ob3_example_in_the_shared_vectors_passes_the_ob3_schema() {
    let Some(shared) = shared() else { return };
    let vectors = shared.join("vectors");
    let mut files = Vec::new();
    for dir in [
        "ob3-clr2/spec-vectors/obv3p0",
        "ob3-clr2/validator-fixtures/ob30",
        "real-world/dcc-vc-test-fixtures/v2",
    ] {
        json_files(&vectors.join(dir), &mut files);
    }
    let (mut passed, mut out_of_scope, mut excluded) = (0, 0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy();
        let Ok(doc) = json::parse(&std::fs::read(path).unwrap()) else {
            continue;
        };
        if !in_scope(&doc) {
            out_of_scope += 1;
            continue;
        }
        if let Some(reason) = known_invalid(&name) {
            eprintln!("not a positive: {name}: {reason}");
            excluded += 1;
            continue;
        }
        let v = Schema::Ob3AchievementCredentialV1.validate(&doc);
        assert!(v.is_empty(), "{}: {v:#?}", path.display());
        passed += 1;
    }
    eprintln!(
        "OB 3.0 schema: {passed} valid examples pass; {excluded} known-invalid and {out_of_scope} out of scope (VC 1.1, endorsements, non-OB) skipped"
    );
    assert!(
        passed >= 30,
        "expected the shared vectors to hold 30+ valid OB 3.0 credentials, found {passed}"
    );
}

/// The 1EdTech validator's negative fixtures whose error is structural (a schema matter), as
/// opposed to time (`expired`, `issued`) or proof problems, which a schema cannot see.
const SCHEMA_NEGATIVES: [&str; 12] = [
    "simple-err-context.json",
    "simple-err-credential-subject-achievement-result-description-type.json",
    "simple-err-credential-subject-identifier-type.json",
    "simple-err-credential-subject-profile-type.json",
    "simple-err-credential-subject-result-type.json",
    "simple-err-credential-subject-type.json",
    "simple-err-evidence-type.json",
    "simple-err-issuer-otheridentifier-type.json",
    "simple-err-issuer-parentorg-type.json",
    "simple-err-issuer-type.json",
    "simple-err-issuer.json",
    "simple-err-type.json",
];

#[test]
fn negative_validator_fixtures_that_are_schema_matters_fail_the_ob3_schema() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("vectors/ob3-clr2/validator-fixtures/ob30");
    for name in SCHEMA_NEGATIVES {
        let doc = read(&dir.join(name));
        let v = Schema::Ob3AchievementCredentialV1.validate(&doc);
        assert!(!v.is_empty(), "{name} passes the OB 3.0 schema");
        assert!(v.iter().all(|v| v.rule.starts_with("schema.")));
    }
    // Proof and time problems are not the schema's business: those fixtures pass it.
    for name in [
        "simple-err-expired.json",
        "simple-err-proof-value.json",
        "simple-err-proof-method.json",
    ] {
        assert_eq!(
            Schema::Ob3AchievementCredentialV1.validate(&read(&dir.join(name))),
            vec![],
            "{name}"
        );
    }
}

/// ler-model's table of the validator fixtures marks the layer that must catch each. Its `model`
/// rows are structural faults a JSON Schema can see too: each fails the OB 3.0 schema, and they
/// are exactly [`SCHEMA_NEGATIVES`]. Its `none` rows in scope pass. (Its one `schema` row is about
/// `credentialSchema` entries of types no verifier here processes: the verifier's `schema.json`
/// check, not this schema.)
#[test]
fn ler_model_fixture_table_agrees_with_the_ob3_schema() {
    let Some(shared) = shared() else { return };
    let table =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ler-model/tests/validator-fixtures.tsv");
    let Ok(text) = std::fs::read_to_string(&table) else {
        eprintln!("skipped: {} is absent", table.display());
        return;
    };
    let base = shared.join("vectors/ob3-clr2/validator-fixtures");
    let mut model_rows = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t"))
    {
        let mut cols = line.split('\t');
        let (Some(file), Some(layer)) = (cols.next(), cols.next()) else {
            continue;
        };
        let doc = read(&base.join(file));
        match layer {
            "model" if file.starts_with("ob30/") => {
                assert!(
                    !Schema::Ob3AchievementCredentialV1.is_valid(&doc),
                    "{file}: a model-layer fault the schema misses"
                );
                model_rows.push(file.trim_start_matches("ob30/").to_owned());
            }
            "none" if in_scope(&doc) => {
                assert_eq!(
                    Schema::Ob3AchievementCredentialV1.validate(&doc),
                    vec![],
                    "{file}"
                );
            }
            _ => {}
        }
    }
    model_rows.sort();
    let mut ours: Vec<String> = SCHEMA_NEGATIVES.iter().map(|s| (*s).to_owned()).collect();
    ours.sort();
    assert_eq!(model_rows, ours);
}

#[test]
fn the_ob3_spec_example_meets_no_micro_credential_profile_and_the_reader_says_why() {
    let Some(shared) = shared() else { return };
    let doc = read(&shared.join("vectors/ob3-clr2/spec-vectors/obv3p0/credential-unsigned.json"));
    let report = ler_microcredential::assess(&doc);
    for profile in ler_microcredential::Profile::ALL {
        let missing = report.missing(profile);
        assert!(
            missing.iter().any(|v| v.rule == "mc.context"),
            "{profile:?}"
        );
        assert!(!profile.schema().is_valid(&doc));
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Published schemas and contexts never change (a change is a new version with a new URL), so
/// their digests are pinned: editing a published file fails here, adding a new version does not.
#[test]
fn published_schemas_and_the_context_keep_their_digests() {
    let pinned = [
        (
            Schema::Ob3AchievementCredentialV1,
            "6c1e4642f0e273d2ef36b7c3134cad86c9bc53929230619e04928b12cc5f9218",
        ),
        (
            Schema::MicroCredentialUsV1,
            "ae4e192b3e89a36ab78c9fad2e46227b4771077fc6878f07caa16ba22d384c47",
        ),
        (
            Schema::MicroCredentialEuV1,
            "c8985fb2669eaa0831580ab74247c1e4ed26e7f1ca2ab8dcee966b27b6a1a9ad",
        ),
        (
            Schema::EmploymentRecordV1,
            "f202530afdf0d28a5ea60a04098006e24c9d21a96c64fb78fb36594c2cbf8ca0",
        ),
    ];
    assert_eq!(
        pinned.len(),
        Schema::ALL.len(),
        "pin every published schema"
    );
    for (schema, digest) in pinned {
        assert_eq!(
            sha256_hex(schema.json().as_bytes()),
            digest,
            "{} changed: publish a new version instead",
            schema.id()
        );
    }
    assert_eq!(
        sha256_hex(context_document()),
        "a630c7347a3d3384cba61375713640036fafa715fd173a9e9bcf33e06fb9f398",
        "the v1 context changed: publish v2 instead"
    );
}

/// The micro-credential context document as pinned in ler-jsonld's registry.
fn context_document() -> &'static [u8] {
    ler_jsonld::ContextRegistry::shared()
        .context(ler_model::context::MICROCREDENTIAL_V1)
        .expect("the micro-credential context is pinned")
        .resource()
        .bytes()
}
