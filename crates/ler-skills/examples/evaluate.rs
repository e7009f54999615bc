//! The mapper evaluation with 500 labels per class (seed 2026): prints the tables in the crate
//! docs. `cargo run --release -p ler-skills --example evaluate [PER_CLASS] [SEED]`.

#[allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]
#[path = "../tests/common/eval.rs"]
mod eval;

fn main() -> Result<(), ler_skills::Error> {
    let mut args = std::env::args().skip(1);
    let per_class = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    let taxonomy = ler_skills::Taxonomy::embedded()?;
    let start = std::time::Instant::now();
    let table = eval::run(taxonomy, per_class, seed);
    println!("{per_class} labels per class, seed {seed}");
    println!("{}", eval::render(&table));
    eprintln!("took {:?}", start.elapsed());
    Ok(())
}
