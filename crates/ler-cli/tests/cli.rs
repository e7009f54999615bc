//! The `ler` binary run as a process: keygen, template, issue, verify, status, present, canon,
//! completions and demo, with their outputs and exit statuses (0 verified, 1 not verified,
//! 2 unreadable input or bad usage).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn ler() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ler"));
    command.env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> Output {
    ler().args(args).output().unwrap()
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    ler().current_dir(dir).args(args).output().unwrap()
}

fn with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = ler()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(output)))
}

fn jsonl(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn outcome<'a>(report: &'a Value, id: &str) -> Vec<&'a str> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"] == id)
        .map(|c| c["outcome"].as_str().unwrap())
        .collect()
}

fn shared() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!("skipped: {} is absent", path.display());
        None
    }
}

/// A directory with a key and a signed micro-credential in it.
fn issued(kind: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(code(&run_in(d, &["keygen", "--out", "key.json"])), 0);
    let template = run_in(d, &["template", kind, "--key", "key.json"]);
    assert_eq!(code(&template), 0, "{}", stderr(&template));
    std::fs::write(d.join("unsigned.json"), &template.stdout).unwrap();
    let issue = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "unsigned.json",
            "-o",
            "signed.json",
        ],
    );
    assert_eq!(code(&issue), 0, "{}", stderr(&issue));
    dir
}

#[test]
fn keygen_writes_a_private_key_file_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["keygen", "--out", "k.json"]);
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).contains("did:key:z6Mk"));
    let text = std::fs::read_to_string(dir.path().join("k.json")).unwrap();
    let key: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(key["type"], "Multikey");
    assert!(key["secretKeyMultibase"].as_str().unwrap().starts_with('z'));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("k.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = run_in(dir.path(), &["keygen", "--out", "k.json"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("k.json")).unwrap(),
        text
    );
    assert_eq!(
        code(&run_in(
            dir.path(),
            &["keygen", "--out", "k.json", "--force"]
        )),
        0
    );
    assert_ne!(
        std::fs::read_to_string(dir.path().join("k.json")).unwrap(),
        text
    );
    // Without --out the key goes to standard output.
    let printed = run(&["keygen"]);
    assert_eq!(code(&printed), 0);
    assert!(
        json(&printed)["publicKeyMultibase"]
            .as_str()
            .unwrap()
            .starts_with("z6Mk")
    );
}

#[test]
fn every_template_is_valid_and_signs_and_verifies_as_it_is() {
    for kind in ["micro-us", "micro-eu", "employment", "ob3", "clr"] {
        let dir = issued(kind);
        let d = dir.path();
        let inspect = run_in(d, &["inspect", "unsigned.json"]);
        assert_eq!(code(&inspect), 0, "{kind}: {}", stdout(&inspect));
        let verify = run_in(d, &["verify", "--json", "signed.json"]);
        assert_eq!(code(&verify), 0, "{kind}: {}", stdout(&verify));
        let report = json(&verify);
        assert_eq!(report["verdict"], "verified", "{kind}");
        assert_eq!(report["input"], "signed.json");
        assert_eq!(outcome(&report, "proof.signature"), ["pass"], "{kind}");
        if kind.starts_with("micro") {
            assert_eq!(outcome(&report, "schema.json"), ["pass"], "{kind}");
        }
    }
}

#[test]
fn issue_with_the_jcs_alias_names_the_full_suite() {
    let dir = issued("ob3");
    let d = dir.path();
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--suite",
            "jcs",
            "unsigned.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["proof"]["cryptosuite"], "eddsa-jcs-2022");
    let bad = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--suite",
            "ecdsa-rdfc-2019",
            "unsigned.json",
        ],
    );
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("unknown cryptosuite"));
}

#[test]
fn issue_refuses_invalid_documents_foreign_issuers_and_bad_keys() {
    let dir = issued("ob3");
    let d = dir.path();
    // A document that breaks the data model: exit 1, naming the rule.
    let mut doc: Value =
        serde_json::from_slice(&std::fs::read(d.join("unsigned.json")).unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("credentialSubject");
    std::fs::write(d.join("broken.json"), doc.to_string()).unwrap();
    let out = run_in(d, &["issue", "--key", "key.json", "broken.json"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("vc.subject.missing"),
        "{}",
        stderr(&out)
    );
    // An issuer that does not control the key: exit 2.
    let foreign = run_in(d, &["template", "ob3"]);
    std::fs::write(d.join("foreign.json"), &foreign.stdout).unwrap();
    let out = run_in(d, &["issue", "--key", "key.json", "foreign.json"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("does not control this key"),
        "{}",
        stderr(&out)
    );
    // A key file of another kind: a public JWK, and a non-key.
    std::fs::write(
        d.join("jwk.json"),
        r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#,
    )
    .unwrap();
    for key in ["jwk.json", "unsigned.json", "missing.json"] {
        let out = run_in(d, &["issue", "--key", key, "unsigned.json"]);
        assert_eq!(code(&out), 2, "{key}");
        assert!(stderr(&out).contains(key), "{key}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
    // Unreadable input.
    let out = run_in(d, &["issue", "--key", "key.json", "nothing.json"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("cannot read nothing.json"));
}

#[test]
fn round_trip_issue_revoke_present() {
    let dir = issued("micro-us");
    let d = dir.path();
    let url = "https://college.example/status/7";
    let out = run_in(
        d,
        &[
            "status",
            "create",
            "--out",
            "list.json",
            "--key",
            "key.json",
            "--url",
            url,
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--status-list",
            "list.json",
            "--index",
            "1234",
            "unsigned.json",
            "-o",
            "s.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let signed: Value = serde_json::from_slice(&std::fs::read(d.join("s.json")).unwrap()).unwrap();
    assert_eq!(signed["credentialStatus"]["statusListIndex"], "1234");
    assert_eq!(signed["credentialStatus"]["statusListCredential"], url);

    // Without the list the status cannot be decided: indeterminate, exit 1.
    let out = run_in(d, &["verify", "--json", "s.json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(json(&out)["verdict"], "indeterminate");
    // With it: verified.
    let out = run_in(
        d,
        &["verify", "--json", "--status-list", "list.json", "s.json"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "status.revocation"), ["pass"]);
    let out = run_in(d, &["status", "check", "list.json", "1234"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("entry 1234: clear"));

    // Revoke: the entry is set, the list still verifies, the credential fails.
    let out = run_in(
        d,
        &["status", "set", "--key", "key.json", "list.json", "1234"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(d, &["status", "check", "list.json", "1234"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("set (revoked)"));
    assert!(stdout(&out).contains(": verified"));
    let out = run_in(
        d,
        &["verify", "--json", "--status-list", "list.json", "s.json"],
    );
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(report["verdict"], "invalid");
    assert_eq!(outcome(&report, "status.revocation"), ["fail"]);

    // Present the revoked one and a good one: the presentation is invalid through the nested
    // report; the good one alone verifies with the right challenge and domain only.
    assert_eq!(code(&run_in(d, &["keygen", "--out", "holder.json"])), 0);
    let present = |files: &[&str], out: &str| {
        let mut args = vec![
            "present",
            "--key",
            "holder.json",
            "--challenge",
            "c-42",
            "--domain",
            "https://jobs.example",
            "-o",
            out,
        ];
        args.extend_from_slice(files);
        let o = run_in(d, &args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    };
    present(&["s.json", "signed.json"], "both.json");
    present(&["signed.json"], "good.json");
    let verify = |file: &str, challenge: &str| {
        run_in(
            d,
            &[
                "verify",
                "--json",
                "--status-list",
                "list.json",
                "--challenge",
                challenge,
                "--domain",
                "https://jobs.example",
                file,
            ],
        )
    };
    let out = verify("good.json", "c-42");
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "presentation.challenge"), ["pass"]);
    let out = verify("good.json", "c-43");
    assert_eq!(code(&out), 1);
    assert_eq!(outcome(&json(&out), "presentation.challenge"), ["fail"]);
    // No challenge given: refused, unless --no-challenge, which the report records as a warning.
    let without = |extra: &[&str]| {
        let mut args = vec![
            "verify",
            "--json",
            "--status-list",
            "list.json",
            "--domain",
            "https://jobs.example",
        ];
        args.extend_from_slice(extra);
        args.push("good.json");
        run_in(d, &args)
    };
    let out = without(&[]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "presentation.challenge"), ["fail"]);
    let out = without(&["--no-challenge"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(outcome(&report, "presentation.challenge"), ["warn"]);
    let out = run_in(d, &["verify", "--no-challenge", "good.json"]);
    assert!(
        stdout(&out).contains(
            "warn presentation.challenge: no challenge expected: replays are not detected"
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        code(&run_in(
            d,
            &[
                "verify",
                "--no-challenge",
                "--challenge",
                "c-42",
                "good.json"
            ]
        )),
        2,
        "--no-challenge and --challenge together are a usage error"
    );
    // A presentation on a JSON line goes to the presentation verifier too.
    let good: Value = serde_json::from_slice(&std::fs::read(d.join("good.json")).unwrap()).unwrap();
    let out = with_stdin(
        d,
        &[
            "verify",
            "--input",
            "jsonl",
            "--output",
            "jsonl",
            "--challenge",
            "c-42",
            "--domain",
            "https://jobs.example",
        ],
        format!("{good}\n").as_bytes(),
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(outcome(&jsonl(&out)[0], "presentation.challenge"), ["pass"]);
    let out = verify("both.json", "c-42");
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(report["nested"][0]["report"]["verdict"], "invalid");
    assert_eq!(report["nested"][1]["report"]["verdict"], "verified");

    // Clearing the entry reinstates the credential.
    assert_eq!(
        code(&run_in(
            d,
            &["status", "clear", "--key", "key.json", "list.json", "1234"]
        )),
        0
    );
    assert_eq!(
        code(&run_in(
            d,
            &["verify", "--status-list", "list.json", "s.json"]
        )),
        0
    );
}

#[test]
fn status_lists_that_do_not_match_are_refused() {
    let dir = issued("ob3");
    let d = dir.path();
    assert_eq!(code(&run_in(d, &["keygen", "--out", "other.json"])), 0);
    let out = run_in(
        d,
        &[
            "status",
            "create",
            "--out",
            "l.json",
            "--key",
            "other.json",
            "--url",
            "https://x.example/l",
        ],
    );
    assert_eq!(code(&out), 0);
    // A list by another issuer.
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--status-list",
            "l.json",
            "--index",
            "3",
            "unsigned.json",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("is issued by"), "{}", stderr(&out));
    // Changing it with a key that is not its issuer's.
    let out = run_in(d, &["status", "set", "--key", "key.json", "l.json", "3"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not by this key's controller"));
    // An index outside the list.
    let out = run_in(
        d,
        &[
            "status",
            "set",
            "--key",
            "other.json",
            "l.json",
            "999999999",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("outside the list"));
    let out = run_in(d, &["status", "check", "l.json", "999999999"]);
    assert_eq!(code(&out), 2);
    // Too short a list, and a credential given as a list.
    let out = run_in(
        d,
        &[
            "status",
            "create",
            "--out",
            "s.json",
            "--key",
            "other.json",
            "--url",
            "https://x.example/s",
            "--size",
            "8",
        ],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("at least"));
    let out = run_in(d, &["status", "check", "signed.json", "1"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("statusPurpose"));
}

#[test]
fn verify_reports_every_input_and_exits_with_the_worst_status() {
    let dir = issued("ob3");
    let d = dir.path();
    let signed = std::fs::read_to_string(d.join("signed.json")).unwrap();
    let tampered = signed.replace("Welding safety", "Welding danger");
    std::fs::create_dir_all(d.join("tree/sub")).unwrap();
    std::fs::write(d.join("tree/a.json"), &signed).unwrap();
    std::fs::write(d.join("tree/sub/b.json"), &tampered).unwrap();
    std::fs::write(d.join("tree/sub/notes.txt"), "not a credential").unwrap();

    // A directory, recursively, *.json only, sorted.
    let out = run_in(d, &["verify", "--output", "jsonl", "tree"]);
    assert_eq!(code(&out), 1);
    let reports = jsonl(&out);
    assert_eq!(reports.len(), 2);
    assert!(reports[0]["input"].as_str().unwrap().ends_with("a.json"));
    assert_eq!(reports[0]["verdict"], "verified");
    assert_eq!(reports[1]["verdict"], "invalid");
    assert_eq!(outcome(&reports[1], "proof.signature"), ["fail"]);
    assert!(stderr(&out).contains("2 documents: 1 verified, 1 invalid"));

    // A missing file is reported, the others still verified, and the status is 2.
    let out = run_in(d, &["verify", "--json", "missing.json", "signed.json"]);
    assert_eq!(code(&out), 2);
    let array = json(&out);
    assert_eq!(array.as_array().unwrap().len(), 2);
    assert!(array[0]["error"].as_str().unwrap().contains("no such file"));
    assert_eq!(array[1]["verdict"], "verified");
    assert!(stderr(&out).contains("cannot read missing.json"));

    // Standard input, with the default human output.
    let out = with_stdin(d, &["verify"], signed.as_bytes());
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).starts_with("verified  <stdin>"));
    assert!(stdout(&out).contains("1 document: 1 verified"));
    let out = with_stdin(d, &["verify", "-"], tampered.as_bytes());
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("fail proof.signature"));

    // --jobs and --quiet.
    let out = run_in(d, &["verify", "--jobs", "1", "--quiet", "signed.json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), "verified  signed.json\n");
    assert_eq!(
        code(&run_in(d, &["verify", "--jobs", "0", "signed.json"])),
        2
    );
}

#[test]
fn json_lines_are_streamed_and_bad_lines_are_invalid_with_their_number() {
    let dir = issued("ob3");
    let d = dir.path();
    let signed: Value =
        serde_json::from_slice(&std::fs::read(d.join("signed.json")).unwrap()).unwrap();
    let line = signed.to_string();
    let input = format!("{line}\n{{\"not\": json\n\n{line}\r\n[1,2]\n");
    std::fs::write(d.join("batch.jsonl"), &input).unwrap();
    let out = run_in(d, &["verify", "--output", "jsonl", "batch.jsonl"]);
    assert_eq!(code(&out), 1);
    let reports = jsonl(&out);
    let inputs: Vec<&str> = reports
        .iter()
        .map(|r| r["input"].as_str().unwrap())
        .collect();
    assert_eq!(
        inputs,
        [
            "batch.jsonl:1",
            "batch.jsonl:2",
            "batch.jsonl:4",
            "batch.jsonl:5"
        ]
    );
    let verdicts: Vec<&str> = reports
        .iter()
        .map(|r| r["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["verified", "invalid", "verified", "invalid"]);
    assert_eq!(outcome(&reports[1], "json.parse"), ["fail"]);
    // The same from standard input with --input jsonl, as a JSON array.
    let out = with_stdin(
        d,
        &["verify", "--input", "jsonl", "--json"],
        input.as_bytes(),
    );
    assert_eq!(code(&out), 1);
    let array = json(&out);
    assert_eq!(array.as_array().unwrap().len(), 4);
    assert_eq!(array[2]["input"], "<stdin>:4");
    // Many lines: more than one batch, in order.
    let many: String = (0..300).map(|_| format!("{line}\n")).collect();
    let out = with_stdin(
        d,
        &["verify", "--input", "jsonl", "--output", "jsonl", "--quiet"],
        many.as_bytes(),
    );
    assert_eq!(code(&out), 0);
    let reports = jsonl(&out);
    assert_eq!(reports.len(), 300);
    assert_eq!(reports[299]["input"], "<stdin>:300");
}

#[test]
fn verify_at_a_time_and_bad_times_and_files() {
    let dir = issued("ob3");
    let d = dir.path();
    let out = run_in(
        d,
        &[
            "verify",
            "--json",
            "--at",
            "2020-01-01T00:00:00Z",
            "signed.json",
        ],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(outcome(&json(&out), "validity.window"), ["fail"]);
    let out = run_in(d, &["verify", "--at", "2030-13-01", "signed.json"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("RFC 3339"), "{}", stderr(&out));
    // A trust list: the issuer on it passes, a list without it fails.
    let signed: Value =
        serde_json::from_slice(&std::fs::read(d.join("signed.json")).unwrap()).unwrap();
    let issuer = signed["issuer"]["id"].as_str().unwrap();
    std::fs::write(
        d.join("trust.json"),
        format!(r#"[{{"id": "{issuer}", "name": "College"}}]"#),
    )
    .unwrap();
    std::fs::write(
        d.join("other.json"),
        r#"[{"id": "did:web:other.example", "name": "Other"}]"#,
    )
    .unwrap();
    let out = run_in(
        d,
        &["verify", "--json", "--trust", "trust.json", "signed.json"],
    );
    assert_eq!(outcome(&json(&out), "issuer.trusted"), ["pass"]);
    let out = run_in(
        d,
        &["verify", "--json", "--trust", "other.json", "signed.json"],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(outcome(&json(&out), "issuer.trusted"), ["fail"]);
    // Files that are not what the flag says: usage errors.
    for (flag, file) in [
        ("--trust", "signed.json"),
        ("--status-list", "nothing.json"),
        ("--did-document", "signed.json"),
    ] {
        let out = run_in(d, &["verify", flag, file, "signed.json"]);
        assert_eq!(code(&out), 2, "{flag} {file}");
        assert!(stderr(&out).contains(file), "{flag}: {}", stderr(&out));
    }
}

#[test]
fn verify_the_shared_signed_vectors() {
    let Some(vectors) = shared() else { return };
    // The W3C vectors: signatures verify; their issuer is not the key's controller.
    let files = [
        "eddsa/eddsa-rdfc-2022/signedDataInt.json",
        "eddsa/eddsa-jcs-2022/signedJCS.json",
        "eddsa/ed25519-signature-2020/signedEdSig.json",
    ];
    let mut args = vec!["verify", "--output", "jsonl"];
    args.extend(files);
    let out = run_in(&vectors, &args);
    assert_eq!(code(&out), 1);
    for report in jsonl(&out) {
        assert_eq!(outcome(&report, "proof.signature"), ["pass"], "{report}");
        assert_eq!(outcome(&report, "issuer.key-binding"), ["fail"], "{report}");
    }
    // Real-world credentials: a good one verifies, a tampered one fails its signature.
    let dcc = vectors.join("real-world/dcc-vc-test-fixtures");
    let out = run_in(
        &dcc,
        &[
            "verify",
            "--output",
            "jsonl",
            "v2/ed25519/didKey/legacy-noStatus-noExpiry.json",
            "v2/ed25519/didKey/legacy-noStatus-noExpiry-tampered.json",
        ],
    );
    assert_eq!(code(&out), 1);
    let reports = jsonl(&out);
    assert_eq!(reports[0]["verdict"], "verified");
    assert_eq!(outcome(&reports[1], "proof.signature"), ["fail"]);
    // did:web: undecided offline, decided with the saved DID document.
    let credential = "v2/ed25519/didWeb/oidf-noStatus-notExpired.json";
    let out = run_in(&dcc, &["verify", "--json", credential]);
    assert_eq!(outcome(&json(&out), "proof.signature"), ["indeterminate"]);
    let out = run_in(
        &dcc,
        &[
            "verify",
            "--json",
            "--did-document",
            "dids/oidf/did.json",
            credential,
        ],
    );
    assert_eq!(outcome(&json(&out), "proof.signature"), ["pass"]);
    // The whole folder: every file gets a report, none is unreadable.
    let out = run_in(
        &dcc,
        &["verify", "--output", "jsonl", "--quiet", "v1", "v2"],
    );
    assert_eq!(code(&out), 1);
    let reports = jsonl(&out);
    assert!(reports.len() > 50);
    assert!(reports.iter().all(|r| r["verdict"].is_string()));
    assert!(reports.iter().any(|r| r["verdict"] == "verified"));
}

#[test]
fn canon_prints_rdfc_nquads_maps_and_jcs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = "_:b <http://schema.org/knows> _:a .\n_:a <http://schema.org/name> \"Ada\" .\n";
    std::fs::write(d.join("in.nq"), input).unwrap();
    let out = run_in(d, &["canon", "--from", "nquads", "in.nq"]);
    assert_eq!(code(&out), 0);
    let nquads = stdout(&out);
    let out = run_in(d, &["canon", "--from", "nquads", "--map", "in.nq"]);
    let map = json(&out);
    // The map and the N-Quads agree: a and b got the two canonical labels, and the lines are
    // the input's, relabelled and sorted.
    let (a, b) = (map["a"].as_str().unwrap(), map["b"].as_str().unwrap());
    let mut lines = [
        format!("_:{b} <http://schema.org/knows> _:{a} .\n"),
        format!("_:{a} <http://schema.org/name> \"Ada\" .\n"),
    ];
    lines.sort();
    assert_eq!(nquads, lines.concat());
    assert_ne!(a, b);
    // JCS of a JSON document, proof left out, members sorted, no final newline.
    std::fs::write(
        d.join("doc.json"),
        r#"{"b": 1.50, "a": "x", "proof": {"type": "DataIntegrityProof"}}"#,
    )
    .unwrap();
    let out = run_in(d, &["canon", "--suite", "jcs", "doc.json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out), r#"{"a":"x","b":1.5}"#);
    // Bad combinations and inputs.
    assert_eq!(
        code(&run_in(
            d,
            &["canon", "--suite", "jcs", "--from", "nquads", "in.nq"]
        )),
        2
    );
    assert_eq!(
        code(&run_in(
            d,
            &["canon", "--suite", "jcs", "--map", "doc.json"]
        )),
        2
    );
    assert_eq!(code(&run_in(d, &["canon", "missing.json"])), 2);
    let out = run_in(d, &["canon", "doc.json"]);
    assert_eq!(code(&out), 1, "undefined terms under JSON-LD");
    assert!(stderr(&out).contains("doc.json"));
}

#[test]
fn canon_matches_the_rdfc_suite() {
    let Some(vectors) = shared() else { return };
    let suite = vectors.join("rdf-canon/rdfc10");
    for test in ["test001", "test003", "test016", "test020"] {
        let input = suite.join(format!("{test}-in.nq"));
        let out = run(&["canon", "--from", "nquads", input.to_str().unwrap()]);
        assert_eq!(code(&out), 0, "{test}");
        let expected = std::fs::read_to_string(suite.join(format!("{test}-rdfc10.nq"))).unwrap();
        assert_eq!(stdout(&out), expected, "{test}");
        let map = suite.join(format!("{test}-rdfc10map.json"));
        if map.exists() {
            let out = run(&[
                "canon",
                "--from",
                "nquads",
                "--map",
                input.to_str().unwrap(),
            ]);
            let expected: Value = serde_json::from_slice(&std::fs::read(map).unwrap()).unwrap();
            assert_eq!(json(&out), expected, "{test} map");
        }
    }
}

#[test]
fn canon_of_a_credential_is_what_its_proof_signed() {
    let dir = issued("employment");
    let d = dir.path();
    let a = run_in(d, &["canon", "signed.json"]);
    let b = run_in(d, &["canon", "unsigned.json"]);
    assert_eq!(code(&a), 0, "{}", stderr(&a));
    assert_eq!(stdout(&a), stdout(&b));
    assert!(stdout(&a).contains("\"Welder\""));
}

#[test]
fn completions_for_three_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(&["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}");
        assert!(stdout(&out).contains("verify"), "{shell}");
    }
    assert_eq!(code(&run(&["completions", "powershell"])), 2);
}

#[test]
fn every_subcommand_has_help() {
    let commands: &[&[&str]] = &[
        &["keygen"],
        &["template"],
        &["issue"],
        &["verify"],
        &["present"],
        &["status"],
        &["status", "create"],
        &["status", "set"],
        &["status", "clear"],
        &["status", "check"],
        &["canon"],
        &["demo"],
        &["completions"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = run(&args);
        assert_eq!(code(&out), 0, "{command:?}");
        assert!(stdout(&out).contains("Usage: ler"), "{command:?}");
    }
    let out = run(&["--help"]);
    for name in [
        "keygen",
        "template",
        "issue",
        "verify",
        "present",
        "status",
        "canon",
        "demo",
        "completions",
    ] {
        assert!(stdout(&out).contains(name), "{name}");
    }
}

#[test]
fn demo_runs_the_main_job_and_keeps_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(d, &["demo", "--out", "kept"]);
    assert_eq!(code(&out), 0, "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    for expected in [
        "verified      MIG welding fundamentals",
        "invalid       MIG welding fundamentals",
        "fail status.revocation",
        "verified      presentation with 2 credentials",
        "(fails presentation.challenge)",
        "Best-fitting occupations",
        "welder",
        "ESCO classification",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let kept = d.join("kept");
    // The kept files verify with the CLI as the demo said.
    let out = run_in(
        &kept,
        &[
            "verify",
            "--status-list",
            "status-list.json",
            "micro-us.json",
            "micro-eu.json",
            "employment.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = run_in(
        &kept,
        &[
            "verify",
            "--status-list",
            "status-list-revoked.json",
            "micro-us.json",
        ],
    );
    assert_eq!(code(&out), 1);
    // The presentation's challenge is in its proof.
    let presentation: Value =
        serde_json::from_slice(&std::fs::read(kept.join("presentation.json")).unwrap()).unwrap();
    let challenge = presentation["proof"]["challenge"]
        .as_str()
        .unwrap()
        .to_owned();
    let out = run_in(
        &kept,
        &[
            "verify",
            "--status-list",
            "status-list-revoked.json",
            "--challenge",
            &challenge,
            "--domain",
            "https://jobs.example",
            "presentation.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn a_did_web_issuer_verifies_offline_with_its_did_document() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run_in(
        d,
        &[
            "keygen",
            "--out",
            "key.json",
            "--id",
            "did:web:college.example#key-1",
            "--controller",
            "did:web:college.example",
            "--did-document",
            "did.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let template = run_in(d, &["template", "micro-eu", "--key", "key.json"]);
    std::fs::write(d.join("unsigned.json"), &template.stdout).unwrap();
    let unsigned: Value = serde_json::from_slice(&template.stdout).unwrap();
    assert_eq!(unsigned["issuer"]["id"], "did:web:college.example");
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "unsigned.json",
            "-o",
            "signed.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // Nothing is fetched: without the document the key cannot be resolved.
    let out = run_in(d, &["verify", "--json", "signed.json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(outcome(&json(&out), "proof.signature"), ["indeterminate"]);
    let out = run_in(
        d,
        &[
            "verify",
            "--json",
            "--did-document",
            "did.json",
            "signed.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "issuer.key-binding"), ["pass"]);
    // --id needs --controller.
    assert_eq!(
        code(&run_in(d, &["keygen", "--id", "did:web:x.example#k"])),
        2
    );
}

#[test]
fn oversized_inputs_are_invalid_documents_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Past the 10 MB parse limit: refused as too large (`limits.exceeded`), whether a file or a
    // line.
    let big = format!("{{\"a\": \"{}\"}}", "x".repeat(10 * 1024 * 1024 + 10));
    std::fs::write(d.join("big.json"), &big).unwrap();
    std::fs::write(d.join("big.jsonl"), format!("{big}\n{{}}\n")).unwrap();
    let out = run_in(d, &["verify", "--output", "jsonl", "big.json", "big.jsonl"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let reports = jsonl(&out);
    assert_eq!(reports.len(), 3);
    // Refused unread, as over a limit: not verified, and not judged either.
    assert_eq!(outcome(&reports[0], "limits.exceeded"), ["indeterminate"]);
    assert_eq!(reports[1]["input"], "big.jsonl:1");
    assert_eq!(outcome(&reports[1], "limits.exceeded"), ["indeterminate"]);
    assert_eq!(reports[2]["input"], "big.jsonl:2");
}

#[test]
fn a_real_world_status_list_is_checked_only_when_lenient() {
    let Some(vectors) = shared() else { return };
    let credential = "real-world/dcc-vc-test-fixtures/v2/ed25519/didKey/noRegistry-revokedStatus-notExpired.json";
    let list = "status-list/dcc-vc-test-fixtures/e5WK8CbZ1GjycuPombrj.json";
    let value: Value = serde_json::from_slice(&std::fs::read(vectors.join(list)).unwrap()).unwrap();
    let list_issuer = value["issuer"]
        .as_str()
        .or(value["issuer"]["id"].as_str())
        .unwrap()
        .to_owned();
    // The credential names the list by the URL it was fetched from, not the list's own id.
    let url = "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj";
    let served = format!("{url}={list}");
    let base = [
        "verify",
        "--json",
        "--status-list",
        &served,
        "--status-list-issuer",
        &list_issuer,
    ];
    let mut strict = base.to_vec();
    strict.push(credential);
    let out = run_in(&vectors, &strict);
    let report = json(&out);
    assert_eq!(outcome(&report, "status.revocation"), ["indeterminate"]);
    let message = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "status.revocation")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("lenient"), "{message}");
    let mut lenient = base.to_vec();
    lenient.extend(["--lenient-status-lists", credential]);
    let out = run_in(&vectors, &lenient);
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(outcome(&report, "status.revocation"), ["fail"]);
    // The list's id is not the URL: the report records the URL=FILE override.
    let message = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "status.revocation")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains(&format!("used for {url} by explicit override")),
        "{message}"
    );
    // Without the delegation, a list from another issuer decides nothing.
    let out = run_in(
        &vectors,
        &[
            "verify",
            "--json",
            "--lenient-status-lists",
            "--status-list",
            &served,
            credential,
        ],
    );
    assert_eq!(outcome(&json(&out), "status.revocation"), ["indeterminate"]);
}

/// Serves `path`'s current bytes to every GET on 127.0.0.1 until the returned guard drops;
/// the file is read per request, so rewriting it republishes the list.
struct ListServer {
    url: String,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    requests: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ListServer {
    fn start(path: PathBuf) -> Self {
        use std::io::Read;
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/status/1", listener.local_addr().unwrap());
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let requests = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = requests.clone();
        let thread = std::thread::spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut stream, _)) => {
                        counted.fetch_add(1, Ordering::SeqCst);
                        stream.set_nonblocking(false).unwrap();
                        let mut request = [0u8; 4096];
                        let _ = stream.read(&mut request);
                        let body = std::fs::read(&path).unwrap_or_default();
                        let head = format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/vc+ld+json\r\n\
                             Content-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        );
                        let _ = stream.write_all(head.as_bytes());
                        let _ = stream.write_all(&body);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
        });
        Self {
            url,
            stop,
            requests,
            thread: Some(thread),
        }
    }

    /// How many connections the server accepted.
    fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for ListServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn verify_online_fetches_the_status_list_and_sees_a_revocation() {
    let dir = issued("micro-us");
    let d = dir.path();
    let server = ListServer::start(d.join("list.json"));
    let create = [
        "status",
        "create",
        "--out",
        "list.json",
        "--key",
        "key.json",
        "--url",
    ];
    let out = run_in(d, &[&create[..], &[server.url.as_str()]].concat());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--status-list",
            "list.json",
            "--index",
            "42",
            "unsigned.json",
            "-o",
            "s.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    // Offline the status cannot be decided; online the list is fetched from 127.0.0.1, but only
    // with the explicit opt-in: the default policy refuses plain http and loopback addresses.
    assert_eq!(code(&run_in(d, &["verify", "--json", "s.json"])), 1);
    let out = run_in(d, &["verify", "--json", "--online", "s.json"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(outcome(&report, "status.revocation"), ["indeterminate"]);
    let message = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "status.revocation")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("outgoing-request policy"), "{message}");
    assert_eq!(server.requests(), 0);
    let online = ["verify", "--json", "--online", "--allow-loopback", "s.json"];
    let out = run_in(d, &online);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "status.revocation"), ["pass"]);
    assert_eq!(server.requests(), 1);

    // The issuer revokes and republishes: the next online verification fails.
    let out = run_in(
        d,
        &["status", "set", "--key", "key.json", "list.json", "42"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(d, &online);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "status.revocation"), ["fail"]);

    // A tampered copy of the credential: its proof fails, so nothing is fetched.
    let mut tampered: Value =
        serde_json::from_slice(&std::fs::read(d.join("s.json")).unwrap()).unwrap();
    tampered["validFrom"] = Value::from("2020-01-01T00:00:00Z");
    std::fs::write(d.join("t.json"), tampered.to_string()).unwrap();
    let before = server.requests();
    let out = run_in(
        d,
        &["verify", "--json", "--online", "--allow-loopback", "t.json"],
    );
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert_eq!(outcome(&json(&out), "status.revocation"), ["skipped"]);
    assert_eq!(server.requests(), before);
    drop(server);
}

#[test]
fn allow_loopback_is_only_an_addition_to_online() {
    let dir = issued("micro-us");
    let out = run_in(dir.path(), &["verify", "--allow-loopback", "signed.json"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--online"), "{}", stderr(&out));
}

#[test]
fn verify_reports_profile_breaks_as_warnings_and_fails_them_when_strict() {
    let Some(vectors) = shared() else { return };
    let dcc = vectors.join("real-world/dcc-vc-test-fixtures");
    // A genuine DCC badge whose subject has a name but neither id nor identifier (OB 3.0).
    let badge = "v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credSubjName.json";
    let out = run_in(&dcc, &["verify", "--json", badge]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report = json(&out);
    assert_eq!(report["verdict"], "verified");
    assert_eq!(outcome(&report, "model.structure"), ["pass"]);
    assert!(outcome(&report, "profile.ob3").contains(&"warn"));
    let out = run_in(&dcc, &["verify", "--json", "--strict", badge]);
    assert_eq!(code(&out), 1);
    let report = json(&out);
    assert_eq!(report["verdict"], "invalid");
    assert!(outcome(&report, "profile.ob3").iter().all(|o| *o == "fail"));
    let help = stdout(&run(&["verify", "--help"]));
    assert!(
        help.contains("--strict") && help.contains("profile.ob3"),
        "{help}"
    );
}

/// Bitstring Status List message entries: `ler status create --purpose message` with the
/// 2^statusSize messages the Recommendation requires and a statusReference; `ler issue` writes
/// them into the entry; `ler status set --value` and `ler verify` report the message.
#[test]
fn message_status_lists_are_created_issued_from_and_verified() {
    let dir = issued("micro-us");
    let d = dir.path();
    let url = "https://college.example/status/messages";
    let mut create = vec![
        "status",
        "create",
        "--out",
        "list.json",
        "--key",
        "key.json",
        "--url",
        url,
        "--purpose",
        "message",
        "--status-size",
        "2",
        "--message",
        "0x0=valid",
        "--message",
        "0x1=pending review",
        "--message",
        "2=under investigation",
    ];
    // Three messages for four values: refused.
    let out = run_in(d, &create);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("statusMessage"), "{}", stderr(&out));
    create.extend([
        "--message",
        "0x3=withdrawn",
        "--reference",
        "https://college.example/status-codes",
    ]);
    let out = run_in(d, &create);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(
        d,
        &[
            "issue",
            "--key",
            "key.json",
            "--status-list",
            "list.json",
            "--index",
            "77",
            "unsigned.json",
            "-o",
            "s.json",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let signed: Value = serde_json::from_slice(&std::fs::read(d.join("s.json")).unwrap()).unwrap();
    let entry = &signed["credentialStatus"];
    assert_eq!(entry["statusPurpose"], "message");
    assert_eq!(entry["statusSize"], 2);
    assert_eq!(entry["statusMessage"].as_array().unwrap().len(), 4);
    assert_eq!(entry["statusMessage"][2]["status"], "0x2");
    assert_eq!(
        entry["statusReference"],
        "https://college.example/status-codes"
    );

    let out = run_in(
        d,
        &[
            "status",
            "set",
            "--key",
            "key.json",
            "--value",
            "2",
            "list.json",
            "77",
        ],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run_in(d, &["status", "check", "list.json", "77"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("0x2 (under investigation)"),
        "{}",
        stdout(&out)
    );
    let out = run_in(
        d,
        &["verify", "--json", "--status-list", "list.json", "s.json"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let report = json(&out);
    let message = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "status.message")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        message.contains("0x2") && message.contains("under investigation"),
        "{message}"
    );
}
