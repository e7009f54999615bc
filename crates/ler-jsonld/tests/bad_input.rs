//! Hostile and malformed input: an error or a bounded result, never a panic or a hang.

// Test helpers may unwrap: a panic there is a failed test with a backtrace.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use ler_jsonld::{
    BlankNode, CanonicalizeError, CanonicalizeOptions, Dataset, Iri, NQuadsError, Quad,
    canonicalize, canonicalize_with, parse_nquads,
};
use proptest::prelude::*;

/// Debug builds are slow; "fast" means well under this.
const QUICK: Duration = Duration::from_secs(3);

fn p(i: usize) -> Iri {
    Iri::new(format!("urn:ex:p{i}")).unwrap()
}

fn edge(s: usize, pred: usize, o: usize) -> Quad {
    Quad::new(
        BlankNode::new(format!("n{s}")).unwrap(),
        p(pred),
        BlankNode::new(format!("n{o}")).unwrap(),
        None,
    )
}

fn time_literal(repeats: usize) -> Duration {
    let big = "x\\n\\\"é".repeat(repeats);
    let text = format!("_:a <urn:ex:p> \"{big}\" .\n_:a <urn:ex:q> _:b .\n");
    let started = Instant::now();
    let dataset = parse_nquads(&text).unwrap();
    let canonical = canonicalize(&dataset).unwrap();
    let elapsed = started.elapsed();
    assert!(canonical.nquads().len() > big.len());
    assert!(canonical.nquads().contains(&big[..60]));
    elapsed
}

#[test]
fn huge_literal_is_linear() {
    // 700 kB and 2.8 MB of escaped text: four times the input, about four times the time (a
    // quadratic step would make it sixteen).
    let small = time_literal(100_000);
    let large = time_literal(400_000);
    assert!(
        large < small * 10 + Duration::from_millis(200),
        "{small:?} -> {large:?}"
    );
}

#[test]
fn clique_of_blank_nodes_fails_fast() {
    // Every blank node linked to every other: RDFC-1.0's worst case (factorial permutations).
    let mut dataset = Dataset::new();
    for a in 0..14 {
        for b in 0..14 {
            dataset.push(edge(a, 0, b));
        }
    }
    let started = Instant::now();
    let err = canonicalize(&dataset).unwrap_err();
    assert!(
        matches!(err, CanonicalizeError::HashWorkExceeded { .. }),
        "{err}"
    );
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
}

#[test]
fn long_symmetric_ring_is_bounded_by_depth() {
    // A ring of 300 identical blank nodes recurses along the ring.
    let mut dataset = Dataset::new();
    for i in 0..300 {
        dataset.push(edge(i, 0, (i + 1) % 300));
    }
    let started = Instant::now();
    let err = canonicalize(&dataset).unwrap_err();
    assert!(
        matches!(err, CanonicalizeError::TooDeep { limit: 64 }),
        "{err}"
    );
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
    // A small ring is fine, and larger limits are the caller's choice.
    let mut ring = Dataset::new();
    for i in 0..8 {
        ring.push(edge(i, 0, (i + 1) % 8));
    }
    assert!(canonicalize(&ring).is_ok());
}

#[test]
fn many_identical_disjoint_edges_are_not_mistaken_for_poison() {
    // 3 000 copies of `_:a p _:b`: every blank node needs Hash N-Degree Quads, but each needs
    // little, so the dataset's budget lets it through.
    let mut dataset = Dataset::new();
    for i in 0..3_000 {
        dataset.push(edge(2 * i, 0, 2 * i + 1));
    }
    let started = Instant::now();
    let canonical = canonicalize(&dataset).unwrap();
    assert_eq!(canonical.issued_identifiers().len(), 6_000);
    assert_eq!(canonical.nquads().lines().count(), 3_000);
    assert!(
        started.elapsed() < QUICK * 5,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn limits_are_configurable() {
    let mut dataset = Dataset::new();
    for i in 0..4 {
        dataset.push(edge(i, 0, (i + 1) % 4));
    }
    assert!(canonicalize(&dataset).is_ok());
    let tight = CanonicalizeOptions::new().max_hash_work(1);
    assert_eq!(
        canonicalize_with(&dataset, &tight).unwrap_err(),
        CanonicalizeError::HashWorkExceeded { limit: 1 }
    );
    let shallow = CanonicalizeOptions::new().max_depth(1);
    assert_eq!(
        canonicalize_with(&dataset, &shallow).unwrap_err(),
        CanonicalizeError::TooDeep { limit: 1 }
    );
}

#[test]
fn bad_nquads_report_their_line() {
    let cases: &[(&str, usize)] = &[
        (
            "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <not absolute> .\n",
            2,
        ),
        ("<urn:a> <urn:b> \"x\"@123 .", 1),
        ("<urn:a> <urn:b> \"x\"@en-toolongsubtag .", 1),
        ("<urn:a> <relative> <urn:c> .", 1),
        ("<urn:a> <urn:b> <urn:c> <urn:d> <urn:e> .", 1),
        ("\n\n\n<urn:a> <urn:b> \"\\U0011FFFF\" .", 4),
        ("<urn:a> <urn:b> \"x\"^^<bad dt> .", 1),
        ("<urn:a> <urn:b> \"x\"^^\"y\" .", 1),
        ("_: <urn:b> <urn:c> .", 1),
    ];
    for (text, line) in cases {
        match parse_nquads(text) {
            Err(NQuadsError::Syntax { line: l, .. } | NQuadsError::Term { line: l, .. }) => {
                assert_eq!(l, *line, "{text:?}")
            }
            other => panic!("{text:?}: expected an error, got {other:?}"),
        }
    }
}

/// Small random graphs over a few blank nodes and predicates.
fn graphs() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0..7usize, 0..3usize, 0..7usize), 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn parser_never_panics(text in "\\PC{0,200}") {
        let _ = parse_nquads(&text);
    }

    #[test]
    fn parser_never_panics_on_near_nquads(
        parts in prop::collection::vec(prop::sample::select(vec![
            "<urn:a>", "<", ">", "_:", "_:b0", "\"", "\\", "\\u00", "\\U0001F303", "@en", "^^", " ", ".", "\n", "#", "\r", "é",
        ]), 0..40)
    ) {
        let _ = parse_nquads(&parts.concat());
    }

    #[test]
    fn canonical_form_ignores_labels_and_order(edges in graphs(), seed in 0usize..1000) {
        let dataset: Dataset = edges.iter().map(|&(s, p, o)| edge(s, p, o)).collect();
        // The same graph with other labels, quads in another order, and one quad twice.
        let mut other: Vec<Quad> = edges
            .iter()
            .map(|&(s, pr, o)| {
                let relabel = |n: usize| BlankNode::new(format!("x{}", (n * 7 + seed) % 1000)).unwrap();
                Quad::new(relabel(s), p(pr), relabel(o), None)
            })
            .collect();
        if !other.is_empty() {
            let k = seed % other.len();
            other.rotate_left(k);
            other.push(other[0].clone());
        }
        let other: Dataset = other.into_iter().collect();
        match (canonicalize(&dataset), canonicalize(&other)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.nquads(), b.nquads());
                // Re-canonicalizing canonical output changes nothing.
                let again = canonicalize(&parse_nquads(a.nquads()).unwrap()).unwrap();
                prop_assert_eq!(again.nquads(), a.nquads());
            }
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "one labelling failed: {:?} / {:?}", a.err(), b.err()),
        }
    }
}

/// The least hashing-work budget that canonicalizes `dataset` (which must need some).
fn work_needed(dataset: &Dataset) -> u64 {
    let passes = |budget: u64| {
        canonicalize_with(dataset, &CanonicalizeOptions::new().max_hash_work(budget)).is_ok()
    };
    let (mut low, mut high) = (0u64, 1u64);
    while !passes(high) {
        low = high;
        high *= 2;
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if passes(mid) { high = mid } else { low = mid }
    }
    high
}

#[test]
fn hash_work_budget_is_one_for_the_dataset() {
    // 500 identical edges: each blank node alone needs little, together they need the sum.
    let mut dataset = Dataset::new();
    for i in 0..500 {
        dataset.push(edge(2 * i, 0, 2 * i + 1));
    }
    let needed = work_needed(&dataset);
    assert!(needed > 1_000, "{needed}");
    let exact = CanonicalizeOptions::new().max_hash_work(needed);
    assert!(canonicalize_with(&dataset, &exact).is_ok());
    let short = CanonicalizeOptions::new().max_hash_work(needed - 1);
    assert_eq!(
        canonicalize_with(&dataset, &short).unwrap_err(),
        CanonicalizeError::HashWorkExceeded { limit: needed - 1 }
    );
    // Twice the dataset needs about twice the work: one budget, not one per blank node.
    let mut double = dataset.clone();
    for i in 500..1_000 {
        double.push(edge(2 * i, 0, 2 * i + 1));
    }
    let needed_double = work_needed(&double);
    assert!(
        needed_double > needed * 3 / 2 && needed_double < needed * 3,
        "{needed} -> {needed_double}"
    );
}

#[test]
fn blank_node_cap_counts_distinct_blank_nodes() {
    let mut dataset = Dataset::new();
    for i in 0..50 {
        dataset.push(edge(2 * i, 0, 2 * i + 1));
    }
    let at = CanonicalizeOptions::new().max_blank_nodes(100);
    assert!(canonicalize_with(&dataset, &at).is_ok());
    let under = CanonicalizeOptions::new().max_blank_nodes(99);
    assert_eq!(
        canonicalize_with(&dataset, &under).unwrap_err(),
        CanonicalizeError::TooManyBlankNodes {
            count: 100,
            limit: 99
        }
    );
    let limits = ler_jsonld::Limits::default().max_blank_nodes(99);
    assert!(matches!(
        canonicalize_with(&dataset, &CanonicalizeOptions::new().limits(&limits)),
        Err(CanonicalizeError::TooManyBlankNodes { .. })
    ));
}

#[test]
fn tens_of_thousands_of_identical_blank_nodes_stay_small() {
    // One subject pointing at 40 000 blank nodes that first-degree hashing cannot tell apart
    // (what an array of empty objects becomes): each needs Hash N-Degree Quads. A dense issuer
    // per blank node made this quadratic in memory (gigabytes); sparse issuers keep it linear,
    // and the dataset's work budget covers it.
    let mut text = String::new();
    for i in 0..40_000 {
        text.push_str(&format!("<urn:ex:s> <urn:ex:p> _:b{i} .\n"));
    }
    let dataset = parse_nquads(&text).unwrap();
    let canonical = canonicalize(&dataset).unwrap();
    assert_eq!(canonical.issued_identifiers().len(), 40_000);
    // Past the blank-node cap it is refused before any hashing.
    let capped = CanonicalizeOptions::new().max_blank_nodes(39_999);
    assert!(matches!(
        canonicalize_with(&dataset, &capped),
        Err(CanonicalizeError::TooManyBlankNodes { count: 40_000, .. })
    ));
    // Ten times as many exceed the work budget: an error, quickly, not gigabytes.
    for i in 40_000..400_000 {
        text.push_str(&format!("<urn:ex:s> <urn:ex:p> _:b{i} .\n"));
    }
    let dataset = parse_nquads(&text).unwrap();
    let roomy = CanonicalizeOptions::new()
        .max_blank_nodes(1_000_000)
        .max_statements(1_000_000);
    assert!(matches!(
        canonicalize_with(&dataset, &roomy),
        Err(CanonicalizeError::HashWorkExceeded { .. })
    ));
}

/// Found by the `proof` fuzz target: a key, term or value that starts with a multi-byte
/// character and has a `:` later made the compact-IRI split cut inside that character (a
/// panic). Each place that splits a compact IRI is reached here: a key, a type, an `@id`, and a
/// term definition in an inline context.
#[test]
fn compact_iris_starting_with_a_multi_byte_character_do_not_panic() {
    let documents = [
        r#"{"@context": "https://www.w3.org/ns/credentials/v2", "type": "VerifiableCredential", "é:x": 1}"#,
        r#"{"@context": "https://www.w3.org/ns/credentials/v2", "type": ["VerifiableCredential", "ü:T"]}"#,
        r#"{"@context": "https://www.w3.org/ns/credentials/v2", "id": "ß:1", "type": "VerifiableCredential"}"#,
        r#"{"@context": ["https://www.w3.org/ns/credentials/v2", {"ñ:x": "https://example.org/x", "é": "ñ:y"}], "type": "VerifiableCredential", "é": 1}"#,
    ];
    for text in documents {
        let document = ler_model::json::parse(text.as_bytes()).unwrap();
        for options in [ler_jsonld::Options::safe(), ler_jsonld::Options::lenient()] {
            // An error or a dataset, never a panic.
            let _ = ler_jsonld::to_rdf(&document, &options);
            let _ = ler_jsonld::expand(&document, &options);
        }
    }
}
