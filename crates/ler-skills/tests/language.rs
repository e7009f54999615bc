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

#[cfg(feature = "embedded-data")]
const ESCO_WELDER: &str =
    "http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b";

#[cfg(feature = "lang-fr")]
#[test]
fn the_lang_fr_feature_embeds_french_occupation_labels() {
    const ESCO_MOBILE_DEVELOPER: &str =
        "http://data.europa.eu/esco/occupation/2ed56c3f-61d6-4f7e-9ef8-8849eb102e4c";
    use ler_skills::{ConceptKind, Taxonomy, keys};
    let tax = Taxonomy::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tax.languages(), ["fr"]);
    let welder = tax.concept_by_id(ESCO_WELDER).unwrap_or_else(|| panic!());
    assert_eq!(welder.label(), "welder");
    assert_eq!(welder.label_in("fr"), Some("soudeur/soudeuse"));
    let esco = tax.framework_by_key(keys::ESCO).unwrap_or_else(|| panic!());
    let options = MapOptions::new()
        .framework(esco)
        .kinds(&[ConceptKind::Occupation])
        .top(3);
    let french = SkillMapper::for_language(tax, "fr");
    for (phrase, wanted) in [
        ("Soudeuses", ESCO_WELDER),
        ("soudeur", ESCO_WELDER),
        ("développeuse d’applications mobiles", ESCO_MOBILE_DEVELOPER),
        ("développeur applications mobiles", ESCO_MOBILE_DEVELOPER),
    ] {
        let hits = french.map(phrase, &options);
        assert_eq!(
            hits.first().map(|h| h.concept.identifier()),
            Some(wanted),
            "{phrase}"
        );
    }
    // The default mapper stays English.
    let english = SkillMapper::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        english.map("welder", &options)[0].concept.identifier(),
        ESCO_WELDER
    );
}

#[cfg(all(feature = "embedded-data", not(feature = "lang-fr")))]
#[test]
fn without_a_language_feature_the_embedded_data_is_english_only() {
    let tax = ler_skills::Taxonomy::embedded().unwrap_or_else(|e| panic!("{e}"));
    assert!(tax.languages().is_empty());
    assert!(
        tax.concept_by_id(ESCO_WELDER)
            .is_some_and(|c| c.label_in("fr").is_none())
    );
}
