//! The dependency rules of ARCHITECTURE.md, checked over `cargo metadata` with every feature
//! on, for the platform the tests run on: a crate must never reach (through normal or build
//! dependencies, at any depth) the crates its rule forbids. Dev-dependencies do not count:
//! tests may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// `(crate, what it must never reach, why)`.
const RULES: &[(&str, &[&str], &str)] = &[
    (
        "ler-json",
        &[
            "ler-report",
            "ler-model",
            "ler-jsonld",
            "ler-proof",
            "ler-verify",
            "sha2",
            "ed25519-dalek",
        ],
        "the JSON engine is the bottom of the graph: it knows no records, RDF or cryptography",
    ),
    (
        "ler-report",
        &[
            "ed25519-dalek",
            "curve25519-dalek",
            "ler-jsonld",
            "ler-model",
            "ler-proof",
            "ler-verify",
        ],
        "the vocabulary is data: no cryptography, JSON-LD or model",
    ),
    (
        "ler-model",
        &[
            "ed25519-dalek",
            "curve25519-dalek",
            "ler-jsonld",
            "ler-proof",
            "ler-verify",
        ],
        "the model knows no signatures, no RDF and no verifier (hashing with sha2 is fine)",
    ),
    (
        "ler-jsonld",
        &[
            "ed25519-dalek",
            "curve25519-dalek",
            "ler-proof",
            "ler-verify",
        ],
        "RDF knows no keys and no verifier",
    ),
    (
        "ler-did",
        &[
            "ler-jsonld",
            "ler-proof",
            "ler-verify",
            "ler-skills",
            "ler-microcredential",
        ],
        "keys and DIDs know no RDF, cryptosuites or verifier",
    ),
    (
        "ler-proof",
        &[
            "ler-verify",
            "ler-skills",
            "ler-microcredential",
            "jsonschema",
            "ureq",
        ],
        "the proof mechanics know no verifier policy and open no socket (the HTTP client is the \
         verifier's)",
    ),
    (
        "ler-verify",
        &["ler-skills", "ler-microcredential", "jsonschema"],
        "the verifier takes schema checks as plug-ins and knows no skills",
    ),
    (
        "ler-skills",
        &[
            "ler-proof",
            "ler-verify",
            "ler-jsonld",
            "ed25519-dalek",
            "curve25519-dalek",
        ],
        "skills take verdicts as input: no proofs, no verifier, no RDF",
    ),
];

/// Crates no library may reach: binaries and services sit on top.
const TOP: &[&str] = &["ler-cli", "ler-server", "ler-bench", "ler-benches"];

/// Libraries: every workspace crate but the top ones.
const LIBRARIES: &[&str] = &[
    "ler",
    "ler-json",
    "ler-report",
    "ler-model",
    "ler-jsonld",
    "ler-did",
    "ler-proof",
    "ler-verify",
    "ler-microcredential",
    "ler-skills",
];

/// Package name to the names of its normal and build dependencies.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// A graph of the given `(from, to)` edges, for the tests that show a rule catching one.
fn graph_of_edges(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry((*from).to_owned())
            .or_default()
            .insert((*to).to_owned());
    }
    graph
}

fn workspace_graph() -> Graph {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    // Offline, and for this platform only: a fresh machine has downloaded just what a build
    // here needs, not the crates of other platforms (Android's, say) that the full graph names.
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--all-features",
            "--offline",
            "--filter-platform",
            &host_triple(),
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml"),
        ])
        .output();
    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => panic!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!("cargo metadata could not run: {e}"),
    };
    let metadata: Value = match serde_json::from_slice(&output.stdout) {
        Ok(value) => value,
        Err(e) => panic!("cargo metadata printed no JSON: {e}"),
    };
    graph_of(&metadata)
}

/// The target triple of the machine the tests run on, from `rustc -vV`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = match Command::new(rustc).arg("-vV").output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => panic!(
            "rustc -vV failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(e) => panic!("rustc -vV could not run: {e}"),
    };
    let text = String::from_utf8_lossy(&output.stdout);
    match text.lines().find_map(|line| line.strip_prefix("host: ")) {
        Some(host) => host.trim().to_owned(),
        None => panic!("rustc -vV names no host:\n{text}"),
    }
}

/// The dependency graph by package name, from `cargo metadata`'s `resolve` section.
fn graph_of(metadata: &Value) -> Graph {
    let names: BTreeMap<&str, &str> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?)))
        .collect();
    let mut graph = Graph::new();
    for node in metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(name) = node["id"].as_str().and_then(|id| names.get(id)) else {
            continue;
        };
        let deps = graph.entry((*name).to_owned()).or_default();
        for dep in node["deps"].as_array().into_iter().flatten() {
            let counts = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|k| k["kind"].as_str() != Some("dev"));
            if let Some(dep_name) = dep["pkg"].as_str().and_then(|id| names.get(id))
                && counts
            {
                deps.insert((*dep_name).to_owned());
            }
        }
    }
    graph
}

/// Everything `from` reaches, with the path to each.
fn reach(graph: &Graph, from: &str) -> BTreeMap<String, Vec<String>> {
    let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stack = vec![vec![from.to_owned()]];
    while let Some(path) = stack.pop() {
        let Some(last) = path.last() else { continue };
        for dep in graph.get(last).into_iter().flatten() {
            if !paths.contains_key(dep) {
                let mut next = path.clone();
                next.push(dep.clone());
                paths.insert(dep.clone(), next.clone());
                stack.push(next);
            }
        }
    }
    paths
}

/// Every broken rule, as a sentence with the path that breaks it.
fn violations(graph: &Graph) -> Vec<String> {
    let mut found = Vec::new();
    let mut check = |krate: &str, forbidden: &[&str], why: &str| {
        let reached = reach(graph, krate);
        for bad in forbidden {
            if let Some(path) = reached.get(*bad) {
                found.push(format!(
                    "{krate} reaches {bad} ({}): {why}",
                    path.join(" -> ")
                ));
            }
        }
    };
    for (krate, forbidden, why) in RULES {
        check(krate, forbidden, why);
    }
    for library in LIBRARIES {
        check(
            library,
            TOP,
            "libraries never depend on a binary or a service",
        );
    }
    // The binary reaches the libraries through the facade only, so it sees the API users see.
    for direct in graph.get("ler-cli").into_iter().flatten() {
        if direct.starts_with("ler-") && !CLI_MAY_NAME.contains(&direct.as_str()) {
            found.push(format!(
                "ler-cli depends on {direct} directly: use it through the `ler` facade"
            ));
        }
    }
    found
}

/// The workspace crates `ler-cli` may name in its manifest besides the facade: those on top.
const CLI_MAY_NAME: &[&str] = &["ler-bench", "ler-server"];

#[test]
fn the_workspace_keeps_its_dependency_rules() {
    let graph = workspace_graph();
    for krate in LIBRARIES.iter().chain(TOP) {
        assert!(
            graph.contains_key(*krate),
            "{krate} is not in the workspace: update the rules with the crate map"
        );
    }
    // The graph is the real one: the verifier does reach the cryptosuites, the signature crate
    // and the model, and the cryptosuites reach the model.
    let verifier = reach(&graph, "ler-verify");
    assert!(
        verifier.contains_key("ler-proof")
            && verifier.contains_key("ed25519-dalek")
            && verifier.contains_key("ler-model")
    );
    assert!(reach(&graph, "ler-proof").contains_key("ler-model"));
    let broken = violations(&graph);
    assert!(
        broken.is_empty(),
        "dependency rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_forbidden_edge_deep_in_the_graph_is_caught_with_its_path() {
    let graph = graph_of_edges(&[
        ("ler-skills", "ler-model"),
        ("ler-model", "helper"),
        ("helper", "ed25519-dalek"),
    ]);
    let broken = violations(&graph);
    assert!(
        broken.iter().any(|v| v.starts_with(
            "ler-skills reaches ed25519-dalek (ler-skills -> ler-model -> helper -> ed25519-dalek)"
        )),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|v| v.starts_with("ler-model reaches ed25519-dalek"))
    );
}

#[test]
fn the_proof_mechanics_reaching_the_verifier_are_caught() {
    let graph = graph_of_edges(&[
        ("ler-verify", "ler-proof"),
        ("ler-proof", "ler-verify"),
        ("ler-model", "ler-verify"),
    ]);
    let broken = violations(&graph);
    assert!(
        broken
            .iter()
            .any(|v| v.starts_with("ler-proof reaches ler-verify (ler-proof -> ler-verify)")),
        "{broken:?}"
    );
    assert!(
        broken
            .iter()
            .any(|v| v.starts_with("ler-model reaches ler-verify")),
        "{broken:?}"
    );
    // The verifier depending on the cryptosuites is the intended direction.
    assert!(
        !broken.iter().any(|v| v.starts_with("ler-verify reaches")),
        "{broken:?}"
    );
}

#[test]
fn the_cli_naming_a_library_directly_is_caught() {
    let mut graph = Graph::new();
    graph.entry("ler-cli".to_owned()).or_default().extend([
        "ler".to_owned(),
        "ler-skills".to_owned(),
        "ler-bench".to_owned(),
    ]);
    let broken = violations(&graph);
    assert_eq!(
        broken,
        ["ler-cli depends on ler-skills directly: use it through the `ler` facade"]
    );
}

#[test]
fn dev_dependencies_do_not_count() {
    let metadata = serde_json::json!({
        "packages": [
            {"id": "a", "name": "ler-model"},
            {"id": "b", "name": "ed25519-dalek"},
        ],
        "resolve": {"nodes": [
            {"id": "a", "deps": [{"pkg": "b", "dep_kinds": [{"kind": "dev", "target": null}]}]},
        ]},
    });
    assert!(violations(&graph_of(&metadata)).is_empty());
}
