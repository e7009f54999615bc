//! RFC 8785 vectors (cyberphone/json-canonicalization): every input canonicalizes to its output
//! byte for byte, and the ES6 number samples format as ECMAScript does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use ler_proof::jcs;

fn check_pair(input: &Path, expected: &[u8]) {
    let value = common::read_json(input);
    let out = jcs::canonicalize(&value).unwrap();
    assert_eq!(out.as_bytes(), expected, "{}", input.display());
}

#[test]
fn carried_jcs_cases_match_byte_for_byte() {
    let dir = common::fixtures().join("jcs");
    let mut n = 0;
    for name in ["values", "weird", "unicode"] {
        let expected = std::fs::read(dir.join(format!("{name}.output.json"))).unwrap();
        check_pair(&dir.join(format!("{name}.input.json")), &expected);
        n += 1;
    }
    assert_eq!(n, 3);
}

#[test]
fn every_shared_jcs_case_matches_output_and_outhex() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let dir = vectors.join("jcs");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("input"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 6, "{names:?}");
    for name in &names {
        let expected = std::fs::read(dir.join("output").join(name)).unwrap();
        check_pair(&dir.join("input").join(name), &expected);
        let stem = name.trim_end_matches(".json");
        let hex: String = common::read(&dir.join("outhex").join(format!("{stem}.txt")))
            .split_whitespace()
            .collect();
        assert_eq!(
            common::unhex(&hex),
            expected,
            "outhex/{stem}.txt agrees with output/{name}"
        );
    }
}

#[test]
fn es6_number_samples() {
    let Some(vectors) = common::shared_vectors() else {
        return;
    };
    let text = common::read(&vectors.join("jcs/es6-number-samples.csv"));
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (bits, expected) = line.split_once(',').unwrap();
        let value = f64::from_bits(u64::from_str_radix(bits, 16).unwrap());
        // Through the text path, as a document carries numbers: Rust's shortest round-trip text
        // of the double, read back and formatted per ECMAScript.
        let number: ler_model::json::Number = format!("{value:e}").parse().unwrap();
        assert_eq!(jcs::number_to_jcs(&number).unwrap(), expected, "{line}");
        n += 1;
    }
    assert!(n >= 6);
}
