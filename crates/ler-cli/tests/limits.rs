//! The `ler` binary on adversarial inputs, under an address-space limit: every run ends in a
//! verdict or an error with a normal exit status (0, 1 or 2), never an abort, a panic or the
//! kernel's kill. `MALLOC_ARENA_MAX=2` keeps glibc's per-thread arenas from counting against the
//! limit. A run that does not finish within a generous deadline is killed and fails the test
//! (no timing is asserted otherwise).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space each run may use, in KiB: the binary's mappings and a few hundred
/// megabytes for inputs of a few megabytes. Before the limits of issue 19, a 150 KB document of
/// empty objects needed about 4 GB.
const ADDRESS_SPACE_KIB: u64 = 1024 * 1024;
/// Far beyond what any of these inputs needs even in a debug build on a busy machine.
const DEADLINE: Duration = Duration::from_secs(600);

/// A syntactically complete eddsa-rdfc-2022 proof whose signature is wrong: the verifier must do
/// all the JSON-LD work before it can tell.
const PROOF: &str = r#""proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
  "created": "2024-05-01T12:00:00Z", "proofPurpose": "assertionMethod",
  "verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
  "proofValue": "z5PBKuNEsjXCVKoVBEDM7vpsmLVmKWCKzwsDtP3CyyJcWAy8UJp9X8ndHCwr6izqchFSQNdWbokVbsspPmKbiM8z7"}"#;

/// A credential with an inline context (`context` is the object's members) and a subject
/// holding `subject` (members, without braces).
fn credential(context: &str, subject: &str) -> String {
    format!(
        r#"{{"@context": ["https://www.w3.org/ns/credentials/v2", {{{context}}}],
  "type": ["VerifiableCredential"], "issuer": "did:example:issuer",
  "validFrom": "2024-01-01T00:00:00Z",
  "credentialSubject": {{"id": "did:example:learner", {subject}}},
  {PROOF}}}"#
    )
}

const TERMS: &str = r#""items": "https://example.org/items", "n": "https://example.org/n",
  "knows": {"@id": "https://example.org/knows", "@type": "@id"}"#;

fn repeat_joined(item: &str, count: usize) -> String {
    let mut out = String::with_capacity((item.len() + 1) * count);
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out
}

/// Every adversarial input, as (file name, contents).
fn inputs() -> Vec<(&'static str, String)> {
    let mut inputs = Vec::new();
    // Empty objects: each a blank node first-degree hashing cannot tell apart.
    inputs.push((
        "empty-objects-150k.json",
        credential(
            TERMS,
            &format!(r#""items": [{}]"#, repeat_joined("{}", 50_000)),
        ),
    ));
    inputs.push((
        "empty-objects-4m.json",
        credential(
            TERMS,
            &format!(r#""items": [{}]"#, repeat_joined("{}", 1_400_000)),
        ),
    ));
    // Empty subjects and evidence: a model violation each.
    inputs.push((
        "empty-subjects-4m.json",
        credential(TERMS, "").replace(
            r#""credentialSubject": {"id": "did:example:learner", }"#,
            &format!(
                r#""credentialSubject": [{}]"#,
                repeat_joined("{}", 1_400_000)
            ),
        ),
    ));
    // A clique of blank nodes: each knows every other.
    let clique: Vec<String> = (0..24)
        .map(|i| {
            let others: Vec<String> = (0..24)
                .filter(|&j| j != i)
                .map(|j| format!(r#""_:n{j}""#))
                .collect();
            format!(r#"{{"id": "_:n{i}", "knows": [{}]}}"#, others.join(","))
        })
        .collect();
    inputs.push((
        "clique.json",
        credential(TERMS, &format!(r#""items": [{}]"#, clique.join(","))),
    ));
    // A huge inline context.
    let mut context = String::new();
    for i in 0..100_000 {
        let _ = write!(context, r#""t{i}": "https://example.org/t{i}", "#);
    }
    context.push_str(TERMS);
    inputs.push((
        "huge-context.json",
        credential(&context, r#""t99999": "x""#),
    ));
    // One long string.
    inputs.push((
        "long-string.json",
        credential(TERMS, &format!(r#""n": "{}""#, "x".repeat(8 << 20))),
    ));
    // Wide arrays of numbers and of strings.
    inputs.push((
        "wide-numbers.json",
        credential(
            TERMS,
            &format!(r#""n": [{}]"#, repeat_joined("1", 2_000_000)),
        ),
    ));
    inputs.push((
        "wide-strings.json",
        credential(
            TERMS,
            &format!(r#""n": [{}]"#, repeat_joined(r#""a""#, 1_000_000)),
        ),
    ));
    inputs
}

fn nquads_inputs() -> Vec<(&'static str, String)> {
    let mut identical = String::new();
    for i in 0..150_000 {
        let _ = writeln!(identical, "<urn:ex:s> <urn:ex:p> _:b{i} .");
    }
    let mut clique = String::new();
    for a in 0..30 {
        for b in 0..30 {
            let _ = writeln!(clique, "_:n{a} <urn:ex:knows> _:n{b} .");
        }
    }
    let mut pairs = String::new();
    for i in 0..60_000 {
        let _ = writeln!(pairs, "_:a{i} <urn:ex:p> _:b{i} .");
    }
    vec![
        ("identical.nq", identical),
        ("clique.nq", clique),
        ("pairs.nq", pairs),
    ]
}

/// Runs `ler args…` under the address-space limit and the deadline; returns the exit code and
/// standard error.
fn run_limited(args: &[&str]) -> (i32, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {ADDRESS_SPACE_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(env!("CARGO_BIN_EXE_ler"))
        .args(args)
        .env("MALLOC_ARENA_MAX", "2")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Standard error is small; read it on a thread so a full pipe cannot stall the child.
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ler {args:?} ran past {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = reader.join().unwrap();
    match status.code() {
        Some(code) => (code, stderr),
        None => panic!("ler {args:?} ended by a signal ({status}): {stderr}"),
    }
}

fn write_inputs(dir: &Path, inputs: &[(&str, String)]) -> Vec<PathBuf> {
    inputs
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

fn assert_normal_end(args: &[&str]) {
    let (code, stderr) = run_limited(args);
    assert!(
        (0..=2).contains(&code),
        "ler {args:?} exited with {code}: {stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "ler {args:?}: {stderr}"
    );
}

fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn adversarial_documents_end_in_a_verdict_under_a_memory_limit() {
    if Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000")
        .status()
        .is_err()
    {
        eprintln!("skipping: no sh with ulimit -v");
        return;
    }
    let dir = scratch("limits-json");
    for path in write_inputs(&dir, &inputs()) {
        let path = path.to_str().unwrap();
        assert_normal_end(&["verify", path]);
        assert_normal_end(&["inspect", path]);
        assert_normal_end(&["canon", path]);
    }
}

#[test]
fn adversarial_nquads_end_in_a_result_under_a_memory_limit() {
    if Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1000000")
        .status()
        .is_err()
    {
        eprintln!("skipping: no sh with ulimit -v");
        return;
    }
    let dir = scratch("limits-nquads");
    for path in write_inputs(&dir, &nquads_inputs()) {
        assert_normal_end(&["canon", "--from", "nquads", path.to_str().unwrap()]);
    }
}

#[test]
fn a_flood_of_empty_objects_is_refused_as_over_a_limit() {
    let dir = scratch("limits-verdict");
    let paths = write_inputs(&dir, &inputs()[1..2]);
    let path = paths[0].to_str().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ler"))
        .args(["verify", "--json", path])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("limits.exceeded"), "{stdout}");
    assert_eq!(output.status.code(), Some(1), "{stdout}");
}
