//! Conformance against the shared vectors: lossless round trips and the validator fixture table.
//! Each test skips (with a message) when `../shared` is absent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use ler_model::json::{self, Value};
use ler_model::{Credential, Document, Rule};

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonld")
        {
            out.push(path);
        }
    }
}

/// An independent re-indenter in the layout of `JSON.stringify(v, null, 2)`: works on the
/// original text's tokens, so it shares nothing with the crate's writer. Returns `None` when
/// a string holds an escape `JSON.stringify` never writes (`\/`, `\u` outside control
/// characters, uppercase hex), since such a file cannot be in that style.
fn stringify_layout(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut level = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    let newline = |out: &mut String, level: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(level));
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' => {
                let start = i;
                i += 1;
                while bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        let escaped = bytes[i + 1];
                        if escaped == b'/' {
                            return None;
                        }
                        if escaped == b'u' {
                            let hex = &text[i + 2..i + 6];
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            if code >= 0x20 || hex.chars().any(|c| c.is_ascii_uppercase()) {
                                return None;
                            }
                        }
                        i += 1;
                    }
                    i += 1;
                }
                out.push_str(&text[start..=i]);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                let mut j = i + 1;
                while bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if bytes[j] == close {
                    out.push(b as char);
                    out.push(close as char);
                    i = j;
                } else {
                    out.push(b as char);
                    level += 1;
                    newline(&mut out, level);
                }
            }
            b'}' | b']' => {
                level -= 1;
                newline(&mut out, level);
                out.push(b as char);
            }
            b',' => {
                out.push(',');
                newline(&mut out, level);
            }
            b':' => out.push_str(": "),
            b' ' | b'\n' | b'\r' | b'\t' => {}
            other => out.push(other as char),
        }
        i += 1;
    }
    Some(out)
}

#[test]
fn every_vector_round_trips_losslessly() {
    let Some(root) = shared() else { return };
    let mut files = Vec::new();
    for dir in ["eddsa", "ob3-clr2", "real-world", "vcdm"] {
        let dir = root.join(dir);
        if !dir.is_dir() {
            eprintln!("skipping {}: absent", dir.display());
            continue;
        }
        json_files(&dir, &mut files);
    }
    assert!(!files.is_empty());
    let (mut pretty_style, mut pretty_exact) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let parsed =
            json::parse(text.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Same keys in the same order, same number text, same strings: our own parser agrees
        // with itself across a write, in both layouts.
        let compact = parsed.to_string();
        assert_eq!(
            json::parse(compact.as_bytes()).unwrap(),
            parsed,
            "{}",
            path.display()
        );
        let pretty = parsed.to_pretty_string();
        assert_eq!(
            json::parse(pretty.as_bytes()).unwrap(),
            parsed,
            "{}",
            path.display()
        );
        // An independent parser sees the same data in the original and in our output.
        let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(theirs, ours, "{}", path.display());
        // Key order: the keys of every object, in order, as the original text has them.
        let original_order: Vec<String> = parsed.walk().into_iter().map(|(p, _)| p).collect();
        let reparsed = json::parse(compact.as_bytes()).unwrap();
        let written_order: Vec<String> = reparsed.walk().into_iter().map(|(p, _)| p).collect();
        assert_eq!(original_order, written_order, "{}", path.display());
        // Files laid out like JSON.stringify(v, null, 2) come back byte for byte.
        let trimmed = text.strip_suffix('\n').unwrap_or(&text);
        if stringify_layout(trimmed).as_deref() == Some(trimmed) {
            pretty_style += 1;
            assert_eq!(
                pretty,
                trimmed,
                "{} is in stringify layout; the pretty writer must match",
                path.display()
            );
            pretty_exact += 1;
        }
    }
    eprintln!(
        "{} files round-trip; {pretty_style} are in JSON.stringify(v, null, 2) layout, {pretty_exact} reproduced byte for byte",
        files.len()
    );
}

#[test]
fn numbers_and_dates_keep_their_text() {
    let text = br#"{"validFrom": "2010-01-01T19:23:24.120Z", "n": [1.0, 1e2, -0, 12345678901234567890123], "u": "\u00e9"}"#;
    let parsed = json::parse(text).unwrap();
    assert_eq!(
        parsed.to_string(),
        r#"{"validFrom":"2010-01-01T19:23:24.120Z","n":[1.0,1e2,-0,12345678901234567890123],"u":"é"}"#
    );
}

struct Row {
    file: String,
    layer: String,
    rule: String,
}

fn table() -> Vec<Row> {
    let text = include_str!("validator-fixtures.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file\t") && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "four columns: {l}");
            Row {
                file: cols[0].into(),
                layer: cols[1].into(),
                rule: cols[2].into(),
            }
        })
        .collect()
}

#[test]
fn fixture_table_is_well_formed() {
    for row in table() {
        assert!(
            ["model", "proof", "status", "schema", "none"].contains(&row.layer.as_str()),
            "{}",
            row.file
        );
        if row.layer == "model" {
            assert!(
                Rule::from_id(&row.rule).is_some(),
                "{}: unknown rule {}",
                row.file,
                row.rule
            );
        } else {
            assert_eq!(row.rule, "-", "{}", row.file);
        }
    }
}

#[test]
fn validator_fixtures_hold() {
    let Some(root) = shared() else { return };
    let dir = root.join("ob3-clr2/validator-fixtures");
    let rows = table();
    let mut on_disk = Vec::new();
    json_files(&dir, &mut on_disk);
    for path in &on_disk {
        let relative = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        assert!(
            rows.iter().any(|r| r.file == relative),
            "{relative} is not in the table"
        );
    }
    let (mut negatives, mut positives) = (0, 0);
    for row in &rows {
        let bytes = std::fs::read(dir.join(&row.file)).unwrap();
        let violations = Credential::from_slice(&bytes).unwrap().validate();
        match row.layer.as_str() {
            "model" => {
                negatives += 1;
                assert!(
                    violations.iter().any(|v| v.rule.id() == row.rule),
                    "{} must break {}; got {violations:#?}",
                    row.file,
                    row.rule
                );
            }
            "none" => {
                positives += 1;
                assert!(
                    violations.is_empty(),
                    "{} must pass; got {violations:#?}",
                    row.file
                );
            }
            _ => {}
        }
    }
    eprintln!("{negatives} model-layer negatives fail with their rule; {positives} positives pass");
    assert!(negatives > 0 && positives > 0);
}

#[test]
fn spec_vectors_validate_and_read() {
    let Some(root) = shared() else { return };
    for (file, name) in [
        (
            "ob3-clr2/spec-vectors/obv3p0/credential-unsigned.json",
            "OpenBadgeCredential",
        ),
        (
            "ob3-clr2/spec-vectors/clrv2p0/credential-unsigned.json",
            "ClrCredential",
        ),
    ] {
        let credential = Credential::from_slice(&std::fs::read(root.join(file)).unwrap()).unwrap();
        assert!(credential.types().contains(&name), "{file}");
        assert_eq!(credential.validate(), vec![], "{file}");
    }
}

#[test]
fn presentations_are_told_apart_and_nested_credentials_checked() {
    let Some(root) = shared() else { return };
    let dir = root.join("vcdm/verifiable-presentation");
    let mut files = Vec::new();
    json_files(&dir, &mut files);
    let mut seen = 0;
    for path in files.iter().filter(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("example"))
    }) {
        let doc =
            Document::from_slice_with(&std::fs::read(path).unwrap(), &Default::default()).unwrap();
        if let Document::Presentation(p) = &doc {
            seen += 1;
            for v in p.validate() {
                // Violations inside carried credentials point into them.
                assert!(
                    !v.pointer.as_str().is_empty()
                        || v.rule.id().starts_with("vp.")
                        || v.rule.id().starts_with("vc.")
                );
            }
        }
    }
    assert!(seen > 0, "the VCDM presentation examples are presentations");
}

#[test]
fn dcc_real_world_credentials_read_their_version() {
    let Some(root) = shared() else { return };
    let dir = root.join("real-world/dcc-vc-test-fixtures");
    for (sub, version) in [
        ("v1", ler_model::VcVersion::V1_1),
        ("v2", ler_model::VcVersion::V2_0),
    ] {
        let mut files = Vec::new();
        json_files(&dir.join(sub), &mut files);
        assert!(!files.is_empty());
        for path in files {
            let credential = Credential::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            assert_eq!(credential.version(), Some(version), "{}", path.display());
            if version == ler_model::VcVersion::V1_1 {
                // 1.1 requires issuanceDate, read as the start of validity.
                assert!(credential.valid_from().is_some(), "{}", path.display());
            }
        }
    }
}

#[test]
fn values_we_do_not_know_survive_editing() {
    let mut credential =
        Credential::from_slice(br#"{"z": {"x-unknown": [1.50]}, "a": 1}"#).unwrap();
    credential.as_object_mut().insert("proof", Value::Null);
    assert_eq!(
        credential.to_json_string(),
        r#"{"z":{"x-unknown":[1.50]},"a":1,"proof":null}"#
    );
}
