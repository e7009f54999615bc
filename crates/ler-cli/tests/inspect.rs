//! `ler inspect` run as a process: output, `--json`, and exit statuses 0, 1 and 2.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use ler::model::json::{self, Value};

fn ler() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ler"))
}

fn example(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ler-model/examples")
        .join(name)
}

fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = ler()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // The tool may stop reading early (size limit); a broken pipe here is expected then.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn valid_employment_record_exits_0_with_a_summary() {
    let out = ler()
        .arg("inspect")
        .arg(example("employment-record.json"))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("kind:        employment record (VC 2.0"),
        "{stdout}"
    );
    assert!(
        stdout.contains("issuer:      Acme Analytics Ltd <https://acme.example/org>"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("role:        Data Analyst (FullTime, 2021-03-01 to 2024-06-30, 40 h/week)"),
        "{stdout}"
    );
    assert!(stdout.contains("(O*NET-SOC 15-2051.01)"), "{stdout}");
    assert!(stdout.contains("valid: no violations"), "{stdout}");
}

#[test]
fn achievement_and_clr_examples_summarise_their_parts() {
    let out = ler()
        .arg("inspect")
        .arg(example("achievement-credential.json"))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout.contains("achievement: Data Analytics Certificate [Certificate]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "alignments:  Data analysis <https://example.org/frameworks/skills/data-analysis>"
        ),
        "{stdout}"
    );
    let out = ler()
        .arg("inspect")
        .arg(example("clr.json"))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout.contains("kind:        CLR 2.0 credential"),
        "{stdout}"
    );
    assert_eq!(
        stdout
            .matches("  kind:        Open Badges achievement credential")
            .count(),
        3,
        "{stdout}"
    );
}

const BROKEN: &str = r#"{
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:1",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "validFrom": "2024-13-01T00:00:00Z",
  "name": "Broken",
  "credentialSubject": {"id": "did:example:1", "type": ["AchievementSubject"]}
}"#;

#[test]
fn violations_exit_1_and_are_listed() {
    let out = with_stdin(&["inspect", "-"], BROKEN.as_bytes());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("INVALID: 3 violation(s)"), "{stdout}");
    assert!(
        stdout.contains("  /: issuer is missing [vc.issuer.missing]"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("/validFrom: validFrom \"2024-13-01T00:00:00Z\" is not an xsd:dateTimeStamp"),
        "{stdout}"
    );
    assert!(stdout.contains("[ob.subject.required]"), "{stdout}");
}

#[test]
fn json_output_carries_the_same_summary_and_violations() {
    let out = with_stdin(&["inspect", "--json", "-"], BROKEN.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let report = json::parse(&out.stdout).unwrap();
    assert_eq!(report.get("valid"), Some(&Value::Bool(false)));
    assert_eq!(
        report.get("kind").and_then(Value::as_str),
        Some("Open Badges achievement credential")
    );
    let rules: Vec<&str> = report
        .get("violations")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|v| v.get("rule").and_then(Value::as_str).unwrap())
        .collect();
    assert_eq!(
        rules,
        ["vc.issuer.missing", "vc.date.format", "ob.subject.required"]
    );
    assert_eq!(
        report
            .pointer("/violations/1/pointer")
            .and_then(Value::as_str),
        Some("/validFrom")
    );

    let out = ler()
        .args(["inspect", "--json"])
        .arg(example("employment-record.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = json::parse(&out.stdout).unwrap();
    assert_eq!(
        report
            .pointer("/subjects/0/role/positionTitle")
            .and_then(Value::as_str),
        Some("Data Analyst")
    );
    assert_eq!(
        report
            .pointer("/subjects/0/role/occupations/1/targetFramework")
            .and_then(Value::as_str),
        Some("ESCO")
    );
}

#[test]
fn unreadable_or_unusable_input_exits_2() {
    let missing = ler()
        .args(["inspect", "/nonexistent/ler-credential.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("cannot read"),
        "{}",
        text(&missing.stderr)
    );

    let not_json = with_stdin(&["inspect", "-"], b"this is not JSON");
    assert_eq!(not_json.status.code(), Some(2));
    assert!(
        text(&not_json.stderr).contains("not a JSON document"),
        "{}",
        text(&not_json.stderr)
    );

    let not_object = with_stdin(&["inspect", "-"], b"[1, 2]");
    assert_eq!(not_object.status.code(), Some(2));
    assert!(
        text(&not_object.stderr).contains("a JSON object, not array"),
        "{}",
        text(&not_object.stderr)
    );

    let duplicate = with_stdin(&["inspect", "-"], br#"{"id": "urn:a", "id": "urn:b"}"#);
    assert_eq!(duplicate.status.code(), Some(2));
    assert!(
        text(&duplicate.stderr).contains("duplicate key \"id\""),
        "{}",
        text(&duplicate.stderr)
    );
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(ler().output().unwrap().status.code(), Some(2));
    assert_eq!(
        ler().arg("inspect").output().unwrap().status.code(),
        Some(2)
    );
    assert_eq!(
        ler()
            .args(["inspect", "--no-such-flag", "x.json"])
            .output()
            .unwrap()
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn fifty_megabytes_are_refused_without_a_panic() {
    let mut big = Vec::with_capacity(50 * 1024 * 1024 + 16);
    big.extend_from_slice(b"{\"pad\": \"");
    big.resize(50 * 1024 * 1024, b'a');
    big.extend_from_slice(b"\"}");
    let out = with_stdin(&["inspect", "-"], &big);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("more than the limit of 10485760"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    // A caller can raise the limit.
    let out = with_stdin(&["inspect", "--max-bytes", "60000000", "-"], &big);
    assert_eq!(
        out.status.code(),
        Some(1),
        "read, then found to be no credential"
    );
}

#[test]
fn ten_thousand_deep_nesting_is_refused_without_a_panic() {
    let deep = format!("{{\"a\": {}{}}}", "[".repeat(10_000), "]".repeat(10_000));
    let out = with_stdin(&["inspect", "-"], deep.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("nesting deeper than the limit of 128"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn presentations_are_inspected_with_their_credentials() {
    let credential = std::fs::read_to_string(example("achievement-credential.json")).unwrap();
    let vp = format!(
        r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
            "holder": "did:example:ebfeb1f712ebc6f1c276e12ec21", "verifiableCredential": [{credential}]}}"#
    );
    let out = with_stdin(&["inspect", "-"], vp.as_bytes());
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("kind:        verifiable presentation (VC 2.0)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("holder:      did:example:ebfeb1f712ebc6f1c276e12ec21"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  achievement: Data Analytics Certificate"),
        "{stdout}"
    );
}
