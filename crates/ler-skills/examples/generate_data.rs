//! Regenerates `data/taxonomy.bin.deflate`, the embedded default taxonomy, and
//! `data/esco_<lang>.tsv.deflate` for every ESCO language export found, from the shared files:
//!
//! ```text
//! cargo run -p ler-skills --example generate_data -- /work/shared/taxonomies
//! ```
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/taxonomies")
        });
    let started = Instant::now();
    let mut builder = ler_skills::TaxonomyBuilder::new();
    builder.load_default_sources(&dir)?;
    // Language exports beside the English files (`occupations_fr.csv`, ...): not part of the
    // compact form, written to their own files below.
    let mut languages: Vec<String> = std::fs::read_dir(dir.join("esco"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| {
            let stem = name.strip_suffix(".csv")?;
            let lang = stem
                .strip_prefix("occupations_")
                .or_else(|| stem.strip_prefix("skills_"))?;
            (lang != "en").then(|| lang.to_owned())
        })
        .collect();
    languages.sort();
    languages.dedup();
    for lang in &languages {
        builder.load_esco_language(&dir.join("esco"), lang)?;
    }
    let taxonomy = builder.build();
    let loaded = started.elapsed();
    let raw = ler_skills::compact::encode(&taxonomy);
    let packed = ler_skills::compact::compress(&raw);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/taxonomy.bin.deflate");
    std::fs::write(&out, &packed)?;

    println!("loaded {} in {loaded:?}", dir.display());
    for framework in taxonomy.frameworks() {
        let id = taxonomy
            .framework_by_key(&framework.key)
            .ok_or("framework key")?;
        println!(
            "  {:<18} {:>6} concepts",
            framework.key,
            taxonomy.concepts_in(id).count()
        );
    }
    println!(
        "  relations {}, stored matches {}",
        taxonomy.relation_count(),
        taxonomy.stored_match_count()
    );
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for relation in taxonomy.relations() {
        let name = format!("{:?}", relation.kind);
        let name = name.split([' ', '(']).next().unwrap_or("").to_owned();
        match kinds.iter_mut().find(|(k, _)| *k == name) {
            Some((_, n)) => *n += 1,
            None => kinds.push((name, 1)),
        }
    }
    for (kind, n) in kinds {
        println!("    {kind}: {n}");
    }
    let labels: usize = taxonomy.concepts().map(|c| c.alt_labels().len()).sum();
    println!("  alternative labels {labels}");
    for (how, n) in taxonomy.carried_over() {
        println!("  nesta carried over ({}): {n}", how.as_str());
    }
    println!(
        "  nesta not carried over: {}",
        taxonomy.crosswalk_gaps().len()
    );
    let report = taxonomy.load_report();
    println!("  skipped {} rows or associations:", report.notes.len());
    for note in report.notes.iter().take(20) {
        println!("    {}:{}: {}", note.source, note.line, note.message);
    }
    println!(
        "raw {} bytes, compressed {} bytes -> {}",
        raw.len(),
        packed.len(),
        out.display()
    );
    // ESCO labels in other languages, for the optional `lang-*` features.
    for lang in taxonomy.languages() {
        let raw = ler_skills::compact::encode_language(&taxonomy, lang);
        let packed = ler_skills::compact::compress(&raw);
        let out =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/esco_{lang}.tsv.deflate"));
        std::fs::write(&out, &packed)?;
        println!(
            "{lang}: raw {} bytes, compressed {} bytes -> {}",
            raw.len(),
            packed.len(),
            out.display()
        );
    }
    Ok(())
}
