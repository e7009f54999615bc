//! O*NET rating files (Skills, Knowledge, Abilities, Work Activities) plug in when present:
//! important ratings become requirements of the occupation.

use std::path::PathBuf;

use ler_skills::{Requirement, RequirementLevel, TaxonomyBuilder};

fn fixtures(dir: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
}

#[test]
fn important_ratings_become_requirements_and_the_rest_is_left_or_noted() {
    let mut builder = TaxonomyBuilder::new();
    builder
        .load_dir(&fixtures("taxonomies"))
        .unwrap_or_else(|e| panic!("{e}"));
    builder
        .load_onet_ratings(&fixtures("onet_ratings").join("skills.tsv"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(builder.load_report().rows_of("skills.tsv"), 5);
    assert!(
        builder
            .load_report()
            .notes
            .iter()
            .any(|n| n.source == "skills.tsv" && n.line == 6),
        "the unknown occupation is noted"
    );
    let tax = builder.build();
    let chief = tax.concept_by_id("11-1011.00").unwrap_or_else(|| panic!());
    let rated: Vec<_> = Requirement::of_occupation(chief)
        .into_iter()
        .filter(|r| matches!(r.level, RequirementLevel::Rated { .. }))
        .collect();
    // Reading Comprehension (IM 4.12) only: not its level rating, not the IM 2.50 one.
    assert_eq!(rated.len(), 1);
    assert_eq!(rated[0].concept.identifier(), "2.A.1.a");
    assert_eq!(rated[0].level, RequirementLevel::Rated { tenths: 41 });
    assert!(rated[0].weight > 0.0);
    // Suppressed ratings are not used.
    let sustainability = tax.concept_by_id("11-1011.03").unwrap_or_else(|| panic!());
    assert!(
        Requirement::of_occupation(sustainability)
            .iter()
            .all(|r| !matches!(r.level, RequirementLevel::Rated { .. }))
    );
}
