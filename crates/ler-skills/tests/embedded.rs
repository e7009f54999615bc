//! The embedded default works with no files on disk.
// Helpers outside #[test] functions unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]
#![cfg(feature = "embedded-data")]

use std::time::Instant;

use ler_skills::{
    AlignmentRef, CarryOver, ConceptKind, MatchKind, MatchVia, Resolution, ResolvedBy, Taxonomy,
    compact, keys,
};

#[test]
fn embedded_default_decodes_and_answers() {
    let started = Instant::now();
    let fresh = compact::decode_compressed(compact::EMBEDDED).unwrap();
    eprintln!(
        "decoded {} bytes into {} concepts in {:?} (unoptimised build)",
        compact::EMBEDDED.len(),
        fresh.len(),
        started.elapsed()
    );
    let t = Taxonomy::embedded().unwrap();
    assert_eq!(t.len(), fresh.len());
    // The default holds exactly these frameworks, each with licence and attribution.
    let keys_: Vec<_> = t.attributions().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys_,
        [keys::ONET, keys::SOC, keys::ESCO, keys::ISCO, keys::NESTA]
    );
    assert!(
        t.attributions()
            .all(|f| !f.licence.is_empty() && !f.attribution.is_empty())
    );

    let software = t.concept_by_id("15-1252.00").unwrap();
    assert_eq!(software.label(), "Software Developers");
    assert!(software.alt_labels().len() > 10);
    let esco_dev = AlignmentRef {
        target_url: Some(
            "https://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1/",
        ),
        ..AlignmentRef::default()
    };
    let Resolution::Resolved { concept, how } = t.resolve(&esco_dev) else {
        panic!()
    };
    assert_eq!(how, ResolvedBy::NormalizedUri);
    assert_eq!(concept.label(), "software developer");
    let onet = t.framework_by_key(keys::ONET).unwrap();
    // Nesta gives O*NET-SOC 2010 `15-1131.00 computer programmers`, gone from O*NET 29.2;
    // O*NET's own 2010-to-2019 crosswalk gives its single successor.
    let answers = t.crosswalk(concept.id(), onet);
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].concept.identifier(), "15-1251.00");
    assert_eq!(answers[0].kind, MatchKind::Close);
    let nesta = t.framework_by_key(keys::NESTA).unwrap();
    assert_eq!(
        answers[0].via,
        MatchVia::Asserted {
            source: nesta,
            carry_over: Some(CarryOver::OnetSocCrosswalk)
        }
    );
    assert!(
        concept
            .relations()
            .any(|r| r.target.kind() == ConceptKind::Skill)
    );
    assert!(
        t.concepts_by_label("python")
            .any(|c| c.framework().key == keys::ESCO)
    );
}
