//! The W3C JSON-LD 1.1 API test suite, expand and toRdf manifests, over
//! `../shared/vectors/jsonld-api` (see its README). Every test must pass unless
//! `tests/jsonld-api-skips.tsv` lists it with a reason.
//!
//! The suite names its files by URL under `https://w3c.github.io/json-ld-api/tests/`; the
//! loader here maps those URLs to the local copies. Only this harness does so: the library's
//! production loader is the pinned registry.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ler_jsonld::{
    CanonicalRdfError, CanonicalizeOptions, ContextLoader, Dataset, JsonLdError, JsonLdProcessor,
    Options, ProcessingMode, RdfDirection, canonicalize, parse_nquads,
};
use ler_model::json::{self, Value};

const SUITE_URL: &str = "https://w3c.github.io/json-ld-api/tests/";

fn suite_dir() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors/jsonld-api/tests");
    dir.is_dir().then_some(dir)
}

struct SuiteLoader {
    dir: PathBuf,
}

impl ContextLoader for SuiteLoader {
    fn load_context(&self, url: &str) -> Result<Arc<Value>, String> {
        let rel = url
            .strip_prefix(SUITE_URL)
            .ok_or_else(|| format!("not a suite URL: {url}"))?;
        let bytes = std::fs::read(self.dir.join(rel)).map_err(|e| e.to_string())?;
        json::parse(&bytes).map(Arc::new).map_err(|e| e.to_string())
    }
}

fn skips() -> HashMap<String, String> {
    let text = include_str!("jsonld-api-skips.tsv");
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (id, reason) = l.split_once('\t')?;
            Some((id.trim().to_owned(), reason.trim().to_owned()))
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: usize,
    skip_passed: Vec<String>,
}

#[test]
fn w3c_jsonld_api_expand_and_to_rdf() {
    let Some(dir) = suite_dir() else {
        eprintln!("jsonld-api suite not found under ../shared/vectors; skipping the W3C harness");
        return;
    };
    let skips = skips();
    let processor = JsonLdProcessor::new(SuiteLoader { dir: dir.clone() });
    let mut all_failed = Vec::new();
    for manifest in ["expand", "toRdf"] {
        let bytes = std::fs::read(dir.join(format!("{manifest}-manifest.jsonld"))).unwrap();
        let doc = json::parse(&bytes).unwrap();
        let mut tally = Tally::default();
        for test in doc.get("sequence").and_then(Value::as_array).unwrap() {
            let id = format!(
                "{manifest}#{}",
                test.get("@id")
                    .and_then(Value::as_str)
                    .unwrap()
                    .trim_start_matches('#')
            );
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_test(&processor, &dir, manifest, test)
            }))
            .unwrap_or_else(|_| Err("panicked".to_owned()));
            match (skips.contains_key(&id), outcome) {
                (true, Ok(())) => {
                    tally.skipped += 1;
                    tally.skip_passed.push(id);
                }
                (true, Err(_)) => tally.skipped += 1,
                (false, Ok(())) => tally.passed += 1,
                (false, Err(why)) => tally.failed.push(format!("{id}: {why}")),
            }
        }
        eprintln!(
            "jsonld-api {manifest}: {} passed, {} failed, {} skipped (listed)",
            tally.passed,
            tally.failed.len(),
            tally.skipped
        );
        if !tally.skip_passed.is_empty() {
            eprintln!(
                "  listed as skipped but passing: {}",
                tally.skip_passed.join(" ")
            );
        }
        for f in &tally.failed {
            eprintln!("  FAIL {f}");
        }
        all_failed.extend(tally.failed);
    }
    assert!(
        all_failed.is_empty(),
        "{} unlisted failures",
        all_failed.len()
    );
}

fn run_test(
    processor: &JsonLdProcessor,
    dir: &Path,
    manifest: &str,
    test: &Value,
) -> Result<(), String> {
    let types: Vec<&str> = match test.get("@type") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let input = test
        .get("input")
        .and_then(Value::as_str)
        .ok_or("no input")?;
    let option = test.get("option");
    let opt = |k: &str| option.and_then(|o| o.get(k));
    let document_url = format!("{SUITE_URL}{input}");
    let doc = json::parse(&std::fs::read(dir.join(input)).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    let base = opt("base")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| document_url.clone());
    let expand_context = match opt("expandContext").and_then(Value::as_str) {
        Some(path) => {
            let v = json::parse(&std::fs::read(dir.join(path)).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
            Some(v.get("@context").cloned().unwrap_or(v))
        }
        None => None,
    };
    let mut options = Options::lenient()
        .with_base_iri(&base)
        .with_document_url(&document_url);
    if let Some(ec) = &expand_context {
        options = options.with_expand_context(ec);
    }
    if opt("processingMode").and_then(Value::as_str) == Some("json-ld-1.0") {
        options = options.with_processing_mode(ProcessingMode::JsonLd10);
    }
    if opt("rdfDirection").and_then(Value::as_str) == Some("i18n-datatype") {
        options = options.with_rdf_direction(RdfDirection::I18nDatatype);
    }
    if types.contains(&"jld:NegativeEvaluationTest") {
        let want = test
            .get("expectErrorCode")
            .and_then(Value::as_str)
            .unwrap_or("");
        let got = if manifest == "expand" {
            processor.expand(&doc, &options).map(|_| ())
        } else {
            // Straight to canonical N-Quads fails alike.
            let canonical = processor
                .to_canonical_rdf(&doc, &options, &CanonicalizeOptions::new())
                .err();
            let got = processor.to_rdf(&doc, &options).map(|_| ());
            if canonical != got.clone().err().map(CanonicalRdfError::JsonLd) {
                return Err(format!(
                    "to_canonical_rdf gave {canonical:?}, to_rdf {got:?}"
                ));
            }
            got
        };
        return match got {
            Ok(()) => Err(format!("expected error {want:?}, got success")),
            Err(e) => match e.code() {
                Some(code) if code.as_str() == want => Ok(()),
                _ => Err(format!("expected error {want:?}, got {e}")),
            },
        };
    }
    if manifest == "expand" {
        let got = processor
            .expand(&doc, &options)
            .map_err(|e: JsonLdError| e.to_string())?
            .to_json();
        let expect = test
            .get("expect")
            .and_then(Value::as_str)
            .ok_or("no expect")?;
        let want = json::parse(&std::fs::read(dir.join(expect)).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
        if jsonld_equal(&got, &want, false) {
            Ok(())
        } else {
            Err(format!("expanded differs:\n got  {got}\n want {want}"))
        }
    } else {
        let out = processor
            .to_rdf(&doc, &options)
            .map_err(|e| e.to_string())?;
        // Straight to canonical N-Quads, without the dataset, gives what canonicalizing it does.
        let direct = processor
            .to_canonical_rdf(&doc, &options, &CanonicalizeOptions::new())
            .map(|c| c.canonical);
        if direct != canonicalize(&out.dataset).map_err(CanonicalRdfError::Canonicalize) {
            return Err(format!("to_canonical_rdf differs: {direct:?}"));
        }
        if types.contains(&"jld:PositiveSyntaxTest") {
            return Ok(());
        }
        let expect = test
            .get("expect")
            .and_then(Value::as_str)
            .ok_or("no expect")?;
        let text = std::fs::read_to_string(dir.join(expect)).map_err(|e| e.to_string())?;
        let want = parse_nquads(&text).map_err(|e| format!("expected N-Quads: {e}"))?;
        let (g, w) = (canonical(&out.dataset)?, canonical(&want)?);
        if g == w {
            Ok(())
        } else {
            Err(format!("dataset differs:\n got:\n{g}\n want:\n{w}"))
        }
    }
}

fn canonical(d: &Dataset) -> Result<String, String> {
    canonicalize(d)
        .map(|c| c.nquads().to_owned())
        .map_err(|e| e.to_string())
}

/// JSON-LD object comparison: arrays are unordered except `@list` values; language tags compare
/// case-insensitively; numbers by value.
fn jsonld_equal(a: &Value, b: &Value, ordered: bool) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return false;
            }
            if ordered {
                return x.iter().zip(y).all(|(p, q)| jsonld_equal(p, q, false));
            }
            let mut used = vec![false; y.len()];
            x.iter().all(|p| {
                for (i, q) in y.iter().enumerate() {
                    if !used[i] && jsonld_equal(p, q, false) {
                        used[i] = true;
                        return true;
                    }
                }
                false
            })
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.get(k).is_some_and(|w| match (k, v, w) {
                        ("@language", Value::String(s), Value::String(t)) => {
                            s.eq_ignore_ascii_case(t)
                        }
                        ("@list", _, _) => jsonld_equal(v, w, true),
                        _ => jsonld_equal(v, w, false),
                    })
                })
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn vectors_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vectors");
    dir.is_dir().then_some(dir)
}

/// The canonical N-Quads published with the W3C EdDSA and 1EdTech OB 3.0 / CLR 2.0 vectors,
/// reproduced byte for byte in safe mode from the pinned contexts.
#[test]
fn official_credential_vectors_canonicalize_byte_for_byte() {
    let Some(dir) = vectors_dir() else {
        eprintln!("../shared/vectors not found; skipping the official canonical-form vectors");
        return;
    };
    let mut cases: Vec<(Value, PathBuf, String)> = Vec::new();
    let load = |p: &str| json::parse(&std::fs::read(dir.join(p)).unwrap()).unwrap();
    for (input, canon) in [
        (
            "eddsa/unsigned.json",
            "eddsa/eddsa-rdfc-2022/canonDocDataInt.txt",
        ),
        (
            "eddsa/eddsa-rdfc-2022/proofConfigDataInt.json",
            "eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt",
        ),
        (
            "eddsa/employmentAuth.json",
            "eddsa/eddsa-rdfc-2022/employ/canonDocDataInt.txt",
        ),
        (
            "eddsa/eddsa-rdfc-2022/employ/proofConfigDataInt.json",
            "eddsa/eddsa-rdfc-2022/employ/proofCanonDataInt.txt",
        ),
        (
            "eddsa/unsigned.json",
            "eddsa/ed25519-signature-2020/canonDocEdSig.txt",
        ),
        (
            "eddsa/ed25519-signature-2020/proofConfigEdSig.json",
            "eddsa/ed25519-signature-2020/proofCanonEdSig.txt",
        ),
        (
            "ob3-clr2/spec-vectors/obv3p0/credential-unsigned.json",
            "ob3-clr2/spec-vectors/obv3p0/document-canon.txt",
        ),
        (
            "ob3-clr2/spec-vectors/clrv2p0/credential-unsigned.json",
            "ob3-clr2/spec-vectors/clrv2p0/document-canon.txt",
        ),
    ] {
        cases.push((load(input), dir.join(canon), input.to_owned()));
    }
    // OB 3.0 / CLR 2.0 proof options carry no @context: the proof takes the credential's.
    for folder in ["obv3p0", "clrv2p0"] {
        let credential = load(&format!(
            "ob3-clr2/spec-vectors/{folder}/credential-unsigned.json"
        ));
        let mut options = load(&format!(
            "ob3-clr2/spec-vectors/{folder}/proof-options.json"
        ));
        if let (Value::Object(o), Some(ctx)) = (&mut options, credential.get("@context")) {
            o.insert("@context", ctx.clone());
        }
        cases.push((
            options,
            dir.join(format!("ob3-clr2/spec-vectors/{folder}/proof-canon.txt")),
            folder.to_owned(),
        ));
    }
    for (doc, canon, name) in cases {
        let out =
            ler_jsonld::to_rdf(&doc, &Options::safe()).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The W3C vectors use the examples context, whose catch-all @vocab the verifier reports; the
        // OB 3.0 / CLR 2.0 vectors define every term.
        if name.starts_with("eddsa/unsigned") {
            assert_eq!(
                out.vocab.in_effect,
                ["https://www.w3.org/ns/credentials/examples#"],
                "{name}"
            );
        } else if name.starts_with("ob3-clr2") {
            assert!(out.vocab.is_empty(), "{name}: {:?}", out.vocab);
        }
        let got = canonicalize(&out.dataset).unwrap();
        let want = std::fs::read_to_string(&canon).unwrap();
        assert_eq!(got.nquads(), want, "{name} vs {}", canon.display());
    }
}
