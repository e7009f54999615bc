//! `ler skills` run as a process: map, resolve, profile, match, rank; JSON shapes, attribution
//! and exit statuses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

use ler::model::json::{self, Value};

fn ler(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ler"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../ler-skills/tests/fixtures/credentials")
        .join(name)
        .display()
        .to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const ESCO_ATTRIBUTION: &str = "ESCO classification of the European Commission";
const ONET_ATTRIBUTION: &str = "O*NET 29.2 Database";
const PYTHON: &str = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d";

#[test]
fn map_json_is_an_array_best_first_with_the_documented_fields() {
    let out = ler(&[
        "skills",
        "map",
        "Pyhton programing",
        "--framework",
        "esco",
        "--top",
        "3",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 3);
    let first = items[0].as_object().unwrap();
    let keys: Vec<&str> = first.keys().collect();
    assert_eq!(keys, ["id", "label", "kind", "framework", "score"]);
    assert_eq!(first.get("id").and_then(Value::as_str), Some(PYTHON));
    assert_eq!(first.get("framework").and_then(Value::as_str), Some("esco"));
    let scores: Vec<f64> = items
        .iter()
        .map(|i| i.get("score").and_then(Value::as_number).unwrap().as_f64())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)));
    // JSON on stdout stays clean; the attribution goes to stderr.
    assert!(!text(&out.stdout).contains(ESCO_ATTRIBUTION));
    assert!(text(&out.stderr).contains(ESCO_ATTRIBUTION));
}

#[test]
fn map_ids_are_codes_for_onet_and_soc() {
    let out = ler(&[
        "skills",
        "map",
        "software developers",
        "--framework",
        "soc",
        "--kind",
        "occupation",
        "--top",
        "1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    assert_eq!(
        value.pointer("/0/id").and_then(Value::as_str),
        Some("15-1252")
    );
    assert_eq!(
        value.pointer("/0/framework").and_then(Value::as_str),
        Some("soc")
    );

    let out = ler(&[
        "skills",
        "map",
        "critical thinking",
        "--framework",
        "onet",
        "--kind",
        "skill",
        "--top",
        "1",
        "--json",
    ]);
    let value = json::parse(&out.stdout).unwrap();
    assert_eq!(
        value.pointer("/0/id").and_then(Value::as_str),
        Some("2.A.2.a")
    );
}

#[test]
fn map_human_output_ends_with_the_attribution_footer() {
    let out = ler(&[
        "skills",
        "map",
        "forklift driver",
        "--framework",
        "onet",
        "--kind",
        "occupation",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("53-7051.00"), "{stdout}");
    assert!(
        stdout
            .trim_end()
            .lines()
            .last()
            .unwrap()
            .contains(ONET_ATTRIBUTION),
        "{stdout}"
    );
}

#[test]
fn bad_usage_and_unreadable_input_exit_2() {
    assert_eq!(
        ler(&["skills", "map", "x", "--framework", "nope"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ler(&["skills", "map", "x", "--kind", "nope"]).status.code(),
        Some(2)
    );
    assert_eq!(ler(&["skills", "profile"]).status.code(), Some(2));
    assert_eq!(
        ler(&["skills", "profile", "/nonexistent/cred.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        ler(&[
            "skills",
            "match",
            "--occupation",
            "99-9999.99",
            &fixture("ob3-python.json")
        ])
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        ler(&["skills", "map", "x", "--data", "/nonexistent"])
            .status
            .code(),
        Some(2)
    );
    let not_json = std::env::temp_dir().join("ler-skills-not-json.txt");
    std::fs::write(&not_json, b"not json").unwrap();
    assert_eq!(
        ler(&["skills", "resolve", not_json.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn resolve_lists_every_alignment_with_its_pointer() {
    let out = ler(&["skills", "resolve", &fixture("ob3-python.json"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].get("pointer").and_then(Value::as_str),
        Some("/credentialSubject/achievement/alignment/0")
    );
    assert_eq!(
        items[0].pointer("/concept/id").and_then(Value::as_str),
        Some(PYTHON)
    );
    assert!(items[1].get("unresolved").is_some());
}

/// Signs copies of the fixtures with a fresh key (the issuer rewritten to the key's DID, and
/// the employment record's occupation given the `targetUrl` OB 3.0 requires); returns the
/// signed files' paths.
fn signed(dir: &std::path::Path, names: &[&str]) -> Vec<String> {
    let run_in = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ler"))
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run_in(&["keygen", "--out", "key.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let key: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("key.json")).unwrap()).unwrap();
    let did = key["controller"].as_str().unwrap().to_owned();
    names
        .iter()
        .map(|name| {
            let mut doc: serde_json::Value =
                serde_json::from_slice(&std::fs::read(fixture(name)).unwrap()).unwrap();
            doc["issuer"]["id"] = serde_json::Value::from(did.clone());
            // Not a term of the pinned OB 3.0 context, so it cannot be signed.
            if let Some(a) = doc
                .pointer_mut("/credentialSubject/achievement")
                .and_then(serde_json::Value::as_object_mut)
            {
                a.remove("learningHours");
            }
            if let Some(occupations) = doc
                .pointer_mut("/credentialSubject/role/occupation")
                .and_then(serde_json::Value::as_array_mut)
            {
                for o in occupations {
                    o["targetUrl"] = serde_json::Value::from(
                        "https://www.onetonline.org/link/summary/15-2051.01",
                    );
                }
            }
            let unsigned = format!("unsigned-{name}");
            std::fs::write(dir.join(&unsigned), doc.to_string()).unwrap();
            let out = run_in(&["issue", "--key", "key.json", &unsigned, "-o", name]);
            assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
            dir.join(name).display().to_string()
        })
        .collect()
}

#[test]
fn profile_verifies_credentials_and_lists_the_excluded() {
    let dir = tempfile::tempdir().unwrap();
    let files = signed(dir.path(), &["ob3-python.json"]);
    let out = ler(&[
        "skills",
        "profile",
        &files[0],
        &fixture("employment-analyst.json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains(PYTHON), "{stdout}");
    assert!(
        stdout.contains("verified, \"Introduction to Python"),
        "{stdout}"
    );
    assert!(stdout.contains("by Example Community College"), "{stdout}");
    // The unsigned record is verified, found invalid and left out, with the reason.
    assert!(
        stdout.contains("employment-analyst.json: invalid (")
            && stdout.contains("proof.present fail"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("Data Analyst"),
        "nothing of it counts: {stdout}"
    );

    let out = ler(&["skills", "profile", &fixture("clr-nested.json"), "--json"]);
    let value = json::parse(&out.stdout).unwrap();
    let skills = value.get("skills").and_then(Value::as_array).unwrap();
    assert!(skills.is_empty(), "an unsigned CLR counts for nothing");
    let excluded = value.get("excluded").and_then(Value::as_array).unwrap();
    assert_eq!(excluded.len(), 1);
    assert_eq!(
        excluded[0].get("verdict").and_then(Value::as_str),
        Some("invalid")
    );
}

#[test]
fn match_and_rank_explain_the_score() {
    let dir = tempfile::tempdir().unwrap();
    let files = signed(
        dir.path(),
        &[
            "ob3-python.json",
            "employment-analyst.json",
            "microcredential-tableau.json",
        ],
    );
    let mut args = vec!["skills", "match", "--occupation", "15-2051.01", "--json"];
    args.extend(files.iter().map(String::as_str));
    let out = ler(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    assert_eq!(
        value.pointer("/occupation/id").and_then(Value::as_str),
        Some("15-2051.01")
    );
    assert!(value.get("experience").is_some());
    let matched = value.get("matched").and_then(Value::as_array).unwrap();
    assert!(
        matched
            .iter()
            .any(|m| m.get("label").and_then(Value::as_str) == Some("Tableau"))
    );
    assert!(
        matched
            .iter()
            .all(|m| m.get("verified").and_then(Value::as_bool) == Some(true))
    );
    assert!(
        matched.iter().any(|m| m.get("credential").is_some()),
        "each match names its credential"
    );
    assert!(
        !value
            .get("missing")
            .and_then(Value::as_array)
            .unwrap()
            .is_empty()
    );

    let mut args = vec!["skills", "rank", "--top", "5"];
    args.extend(files.iter().map(String::as_str));
    let out = ler(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("15-2051.01"), "{stdout}");
    assert!(stdout.contains(ONET_ATTRIBUTION), "{stdout}");
}

#[test]
fn data_dir_loads_the_full_files_when_present() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/taxonomies");
    if !dir.join("onet").is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let out = ler(&[
        "skills",
        "map",
        "registered nurse",
        "--framework",
        "onet",
        "--kind",
        "occupation",
        "--top",
        "1",
        "--json",
        "--data",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    assert_eq!(
        value.pointer("/0/id").and_then(Value::as_str),
        Some("29-1141.00")
    );
}

fn ler_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_ler"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn batch_map_reads_lines_and_objects_and_writes_json_lines() {
    let input = b"python programming\n{\"id\": 7, \"text\": \"forklift driver\"}\n\n{\"x\": 1}\n";
    let out = ler_with_stdin(
        &[
            "skills",
            "map",
            "--input",
            "-",
            "--top",
            "1",
            "--kind",
            "occupation",
            "--kind",
            "knowledge",
        ],
        input,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad line makes the run invalid"
    );
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| json::parse(l.as_bytes()).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "the blank line is skipped");
    assert_eq!(
        lines[0]
            .get("line")
            .and_then(Value::as_number)
            .map(|n| n.as_f64()),
        Some(1.0)
    );
    let first = &lines[0].get("results").and_then(Value::as_array).unwrap()[0];
    assert_eq!(first.get("id").and_then(Value::as_str), Some(PYTHON));
    assert_eq!(
        lines[1]
            .get("id")
            .and_then(Value::as_number)
            .map(|n| n.as_f64()),
        Some(7.0)
    );
    let second = &lines[1].get("results").and_then(Value::as_array).unwrap()[0];
    assert_eq!(
        second.get("kind").and_then(Value::as_str),
        Some("occupation")
    );
    assert!(lines[2].get("error").is_some());
    assert!(text(&out.stderr).contains(ESCO_ATTRIBUTION));
}

#[test]
fn extract_finds_concepts_with_spans_in_a_sentence() {
    let sentence = "Build REST APIs in Python; CPR certified";
    let out = ler(&["skills", "extract", sentence, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    let items = value.as_array().unwrap();
    let python = items
        .iter()
        .find(|i| i.get("id").and_then(Value::as_str) == Some("tech:Python"))
        .unwrap();
    let start = python
        .get("start")
        .and_then(Value::as_number)
        .unwrap()
        .as_f64() as usize;
    let end = python
        .get("end")
        .and_then(Value::as_number)
        .unwrap()
        .as_f64() as usize;
    assert_eq!(&sentence[start..end], "Python");
    assert!(
        items
            .iter()
            .any(|i| i.get("text").and_then(Value::as_str) == Some("CPR"))
    );
    // Batch mode gives the same answers, one line per text.
    let out = ler_with_stdin(
        &["skills", "extract", "--input", "-"],
        format!("{sentence}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let line = json::parse(text(&out.stdout).lines().next().unwrap().as_bytes()).unwrap();
    let results = line.get("results").and_then(Value::as_array).unwrap();
    assert_eq!(results.len(), items.len());
}

#[test]
fn crosswalk_goes_from_esco_to_onet_and_soc() {
    let out = ler(&[
        "skills",
        "crosswalk",
        "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    let ids: Vec<&str> = value
        .get("matches")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .filter_map(|m| m.get("id").and_then(Value::as_str))
        .collect();
    assert!(ids.contains(&"51-4121.00"), "{ids:?}");
    assert!(ids.contains(&"51-4121"), "{ids:?}");
    let out = ler(&["skills", "crosswalk", "no-such-thing"]);
    assert_eq!(out.status.code(), Some(2));
}

#[cfg(feature = "lang-fr")]
#[test]
fn lang_fr_maps_french_with_the_embedded_labels() {
    const ESCO_WELDER: &str =
        "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b";
    let out = ler(&[
        "skills",
        "map",
        "soudeuses",
        "--lang",
        "fr",
        "--framework",
        "esco",
        "--top",
        "1",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json::parse(&out.stdout).unwrap();
    let first = value.as_array().unwrap()[0].as_object().unwrap();
    assert_eq!(first.get("id").and_then(Value::as_str), Some(ESCO_WELDER));
    assert_eq!(
        first.get("label").and_then(Value::as_str),
        Some("soudeur/soudeuse")
    );
}

#[cfg(not(feature = "lang-fr"))]
#[test]
fn lang_fr_without_the_feature_or_files_is_unusable_and_says_how_to_add_it() {
    let out = ler(&["skills", "map", "soudeuse", "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("occupations_fr.csv"), "{stderr}");
    assert!(stderr.contains("lang-fr"), "{stderr}");
}
