//! ESCO language exports: labels in another language, mapping in it.

use std::path::PathBuf;

use ler_skills::{MapOptions, SkillMapper, TaxonomyBuilder};

const FINANCIAL_MANAGER: &str =
    "http://data.europa.eu/esco/occupation/30f3ea93-882a-4525-841c-1d5b4b64076f";

fn fixtures(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

#[test]
fn a_language_export_adds_labels_and_a_mapper_in_that_language() {
    let mut builder = TaxonomyBuilder::new();
    builder
        .load_dir(&fixtures("taxonomies"))
        .unwrap_or_else(|e| panic!("{e}"));
    let found = builder
        .load_esco_language(&fixtures("languages"), "fr")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(found);
    assert!(
        builder
            .load_report()
            .notes
            .iter()
            .any(|n| n.message.contains("00000000-0000-4000-8000-000000000000")),
        "an unknown concept is noted, not dropped silently"
    );
    let tax = builder.build();
    assert_eq!(tax.languages(), ["fr"]);
    let manager = tax
        .concept_by_id(FINANCIAL_MANAGER)
        .unwrap_or_else(|| panic!());
    assert_eq!(
        manager.label_in("fr"),
        Some("directeur financier/directrice financière")
    );
    assert_eq!(manager.labels_in("fr").count(), 4);
    assert_eq!(manager.label_in("de"), None);

    let french = SkillMapper::for_language(&tax, "fr");
    let hits = french.map("responsable financière", &MapOptions::new().top(3));
    assert_eq!(hits[0].concept.identifier(), FINANCIAL_MANAGER);
    // The English mapper does not see French labels, nor the French one English labels.
    let english = SkillMapper::new(&tax);
    assert!(
        english
            .map("directrice financière", &MapOptions::new().top(3))
            .iter()
            .all(|h| h.score < 0.9)
    );
    assert!(
        french
            .map("financial manager", &MapOptions::new().top(3))
            .iter()
            .all(|h| h.score < 0.9)
    );
}

#[test]
fn a_language_tag_is_checked() {
    let mut builder = TaxonomyBuilder::new();
    assert!(
        builder
            .load_esco_language(&fixtures("languages"), "../x")
            .is_err()
    );
    assert_eq!(
        builder
            .load_esco_language(&fixtures("languages"), "de")
            .ok(),
        Some(false)
    );
}
