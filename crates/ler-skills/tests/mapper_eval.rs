//! The mapper evaluation on a small fixed-seed sample (the full one is `examples/evaluate.rs`).

#[allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]
mod common {
    pub mod eval;
}

use common::eval;

#[test]
fn perturbed_labels_are_found_in_the_full_index_and_generalise_when_removed() {
    let Ok(taxonomy) = ler_skills::Taxonomy::embedded() else {
        panic!("the embedded taxonomy decodes");
    };
    let table = eval::run(taxonomy, 30, 2026);
    eprintln!("{}", eval::render(&table));
    let full = eval::overall(&table, 0);
    let held_out = eval::overall(&table, 1);
    assert!(full.queries >= 400, "{} queries", full.queries);
    assert!(full.p1() >= 0.9, "robustness p@1 {:.3}", full.p1());
    assert!(full.p5() >= 0.95, "robustness p@5 {:.3}", full.p5());
    // The target is 0.7 (met overall by the 500-per-class run in the docs, 0.752); a
    // 30-per-class sample is noisier, so the floor here is lower.
    assert!(
        held_out.p1() >= 0.5,
        "generalization p@1 {:.3}",
        held_out.p1()
    );
    // Every perturbation of every class was tried.
    for class in &table[0] {
        for cell in class {
            assert!(cell.queries > 0);
        }
    }
}
