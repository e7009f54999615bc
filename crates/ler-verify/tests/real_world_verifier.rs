//! Every real-world credential under `../shared/vectors/real-world`, verified end to end, against
//! `tests/real-world.tsv` (path, features, verdict, failing check ids).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use ler_proof::MemoryResolver;
use ler_verify::{VerifyOptions, verify};

/// Fixed, so expiry outcomes are stable.
const CLOCK: &str = "2026-11-29T00:00:00Z";

const FEATURES: &str = if cfg!(feature = "legacy-ed25519-signature-2020") {
    "legacy"
} else {
    "default"
};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Controller documents, not credentials.
            if path.file_name().is_some_and(|n| n == "dids") {
                continue;
            }
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn options(base: &Path) -> VerifyOptions {
    let mut resolver = MemoryResolver::new();
    for did in ["legacy", "oidf"] {
        let path = base.join(format!("dcc-vc-test-fixtures/dids/{did}/did.json"));
        resolver.insert_document(common::read_json(&path)).unwrap();
    }
    VerifyOptions::default()
        .at(ler_model::date::parse_date_time_stamp(CLOCK).unwrap())
        .resolver(resolver)
}

#[test]
fn real_world_credentials_have_the_recorded_verdicts() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world");
    let options = options(&base);
    let mut paths = Vec::new();
    files(&base, &mut paths);
    assert!(paths.len() > 40, "found only {} credentials", paths.len());
    let mut actual = Vec::new();
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let report = verify(&bytes, &options).into_parts().0;
        let relative = path
            .strip_prefix(&base)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        actual.push(format!(
            "{relative}\t{FEATURES}\t{}\t{}",
            report.verdict.name(),
            report.failing_ids().join(",")
        ));
    }
    let tsv_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/real-world.tsv");
    if std::env::var_os("LER_WRITE_REAL_WORLD").is_some() {
        println!("{}", actual.join("\n"));
        return;
    }
    let tsv = common::read(&tsv_path);
    let expected: Vec<&str> = tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter(|l| l.split('\t').nth(1) == Some(FEATURES))
        .collect();
    let mut mismatches = Vec::new();
    for (a, e) in actual.iter().zip(expected.iter()) {
        if a != e {
            mismatches.push(format!("expected {e}\n  actual {a}"));
        }
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "credential count differs from tests/real-world.tsv"
    );
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// A legacy `Ed25519Signature2020` proof verifies with the feature, with a `proof.legacy`
/// warning that leaves the verdict alone.
#[cfg(feature = "legacy-ed25519-signature-2020")]
#[test]
fn a_legacy_proof_verifies_with_a_warning() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world");
    let path = base.join("dcc-vc-test-fixtures/v2/ed25519/didKey/legacy-noStatus-noExpiry.json");
    let verification = verify(&std::fs::read(path).unwrap(), &options(&base));
    let report = verification.report();
    assert_eq!(report.verdict, ler_verify::Verdict::Verified, "{report:#?}");
    let warning = report.checks_with_id("proof.legacy").next().unwrap();
    assert_eq!(warning.outcome, ler_verify::Outcome::Warn);
}

/// Whether a check id is a profile conformance check (`profile.*`), not an authenticity one.
fn is_profile(id: &str) -> bool {
    id.starts_with("profile.")
}

/// The authenticity/conformance split on every real-world credential: a credential whose
/// authenticity checks all pass (under `strict`, only `profile.*` checks fail) is `verified` by
/// default, its profile breaks listed as `warn` with pointers; profile checks never fail by
/// default; and `strict` changes nothing but the profile checks' outcomes.
#[test]
fn authentic_real_world_credentials_verify_with_profile_warnings() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let base = vectors.join("real-world");
    let options = options(&base);
    let mut strict = self::options(&base).strict(true);
    strict.at = options.at;
    let mut paths = Vec::new();
    files(&base, &mut paths);
    let mut authentic_with_warnings = 0;
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let lenient = verify(&bytes, &options).into_parts().0;
        let strict = verify(&bytes, &strict).into_parts().0;
        let name = path.display();
        assert!(
            !lenient
                .failing_ids()
                .iter()
                .any(|id| is_profile(id.as_str())),
            "{name}: a profile check failed without strict"
        );
        let (lenient_failing, strict_failing) = (lenient.failing_ids(), strict.failing_ids());
        assert!(
            lenient_failing.iter().all(|id| strict_failing.contains(id))
                && strict_failing.iter().all(|id| lenient_failing.contains(id)
                    || is_profile(id.as_str())
                    || *id == "nested.credential"),
            "{name}: strict changed more than the profile checks"
        );
        // Authentic: every check but the profile ones passed (or does not apply); nested
        // credentials count with their verdict without strict.
        let authentic = lenient.checks.iter().all(|c| {
            is_profile(c.id.as_str())
                || !matches!(
                    c.outcome,
                    ler_verify::Outcome::Fail | ler_verify::Outcome::Indeterminate
                )
        });
        if authentic {
            assert_eq!(lenient.verdict, ler_verify::Verdict::Verified, "{name}");
            let warnings: Vec<_> = lenient
                .checks
                .iter()
                .filter(|c| is_profile(c.id.as_str()))
                .collect();
            assert!(
                warnings
                    .iter()
                    .all(|c| c.outcome == ler_verify::Outcome::Warn && c.pointer.is_some()),
                "{name}: profile findings are warnings with pointers"
            );
            if !warnings.is_empty() {
                authentic_with_warnings += 1;
                assert_eq!(strict.verdict, ler_verify::Verdict::Invalid, "{name}");
            }
        }
    }
    // The DCC badges whose only break is an Open Badges rule (a subject with a name but no id
    // or identifier, ...): recorded in real-world.tsv as verified.
    assert!(
        authentic_with_warnings >= 10,
        "only {authentic_with_warnings} authentic credentials with profile warnings"
    );
}
