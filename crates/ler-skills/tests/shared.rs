//! Tests against the full files in `../shared/taxonomies` (skipped with a message when absent).
// Helpers outside #[test] functions unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ler_skills::{
    ConceptKind, EscoCollections, Importance, MatchKind, RelationKind, Resolution, ReuseLevel,
    Taxonomy, alignments_in, compact, keys,
};

fn shared_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/taxonomies");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

/// The default sources, loaded once for all tests of this file.
static DEFAULT: LazyLock<Option<Taxonomy>> =
    LazyLock::new(|| shared_dir().map(|d| compact::build_default(&d).unwrap()));

fn count(t: &Taxonomy, key: &str, kind: ConceptKind) -> usize {
    let fw = t.framework_by_key(key).unwrap();
    t.concepts_in(fw).filter(|c| c.kind() == kind).count()
}

#[test]
fn row_counts_match_the_readme() {
    let Some(t) = DEFAULT.as_ref() else { return };
    let report = t.load_report();
    // The figures of ../shared/taxonomies/README.md.
    for (file, rows) in [
        ("occupation_data.tsv", 1_016),
        ("content_model_reference.tsv", 627),
        ("technology_skills.tsv", 32_627),
        ("alternate_titles.tsv", 56_560),
        ("sample_of_reported_titles.tsv", 7_796),
        ("job_zones.tsv", 923),
        ("job_zone_reference.tsv", 5),
        ("related_occupations.tsv", 18_460),
        ("soc_structure_2018.csv", 1_447),
        ("skills_en.csv", 13_896),
        ("occupations_en.csv", 3_007),
        ("ISCOGroups_en.csv", 619),
        ("skillGroups_en.csv", 640),
        ("skillsHierarchy_en.csv", 647),
        ("transversalSkillsCollection_en.csv", 96),
        ("digitalSkillsCollection_en.csv", 1_201),
        ("greenSkillsCollection_en.csv", 570),
        ("languageSkillsCollection_en.csv", 346),
        ("broaderRelationsSkillPillar.csv", 20_656),
        ("broaderRelationsOccPillar.csv", 3_617),
        ("skillSkillRelations.csv", 5_899),
        ("occupationSkillRelations.csv.gz", 123_855),
        ("nesta_esco_onet_crosswalk_Nov2020.csv", 1_680),
    ] {
        assert_eq!(report.rows_of(file), rows, "{file}");
    }
}

#[test]
fn concept_counts_match_the_readme() {
    let Some(t) = DEFAULT.as_ref() else { return };
    assert_eq!(count(t, keys::ONET, ConceptKind::Occupation), 1_016);
    assert_eq!(count(t, keys::ONET, ConceptKind::Skill), 35);
    assert_eq!(count(t, keys::ONET, ConceptKind::Knowledge), 33);
    assert_eq!(count(t, keys::ONET, ConceptKind::Ability), 52);
    // 8,768 distinct examples + 135 UNSPSC commodities.
    assert_eq!(count(t, keys::ONET, ConceptKind::Technology), 8_768 + 135);
    let onet = t.framework_by_key(keys::ONET).unwrap();
    assert_eq!(
        t.concepts_in(onet)
            .filter(|c| c.identifier().ends_with(".00"))
            .count(),
        867
    );
    let soc = t.framework_by_key(keys::SOC).unwrap();
    assert_eq!(count(t, keys::SOC, ConceptKind::Occupation), 867);
    let depth = |c: ler_skills::Concept<'_>| {
        let mut n = 0;
        let mut node = c;
        while let Some(p) = node.broader().next() {
            node = p;
            n += 1;
        }
        n
    };
    let mut levels = [0usize; 4];
    for c in t.concepts_in(soc) {
        levels[depth(c)] += 1;
    }
    assert_eq!(levels, [23, 98, 459, 867]);
    // 10,831 skill/competence + 6 without a skillType (treated as skills); 3,059 knowledge.
    assert_eq!(count(t, keys::ESCO, ConceptKind::Skill), 10_837);
    assert_eq!(count(t, keys::ESCO, ConceptKind::Knowledge), 3_059);
    assert_eq!(count(t, keys::ESCO, ConceptKind::Occupation), 3_007);
    // 640 groups of skillGroups_en.csv + 7 only listed in skillsHierarchy_en.csv.
    assert_eq!(count(t, keys::ESCO, ConceptKind::SkillGroup), 647);
    assert_eq!(count(t, keys::ISCO, ConceptKind::OccupationGroup), 619);
    let esco = t.framework_by_key(keys::ESCO).unwrap();
    let reuse = |level| {
        t.concepts_in(esco)
            .filter(|c| c.reuse_level() == Some(level))
            .count()
    };
    assert_eq!(reuse(ReuseLevel::SectorSpecific), 6_654);
    assert_eq!(reuse(ReuseLevel::CrossSector), 3_754);
    assert_eq!(reuse(ReuseLevel::OccupationSpecific), 3_043);
    assert_eq!(reuse(ReuseLevel::Transversal), 440);
    let in_collection = |flag| {
        t.concepts_in(esco)
            .filter(|c| c.esco_collections().contains(flag))
            .count()
    };
    assert_eq!(in_collection(EscoCollections::TRANSVERSAL), 96);
    assert_eq!(in_collection(EscoCollections::DIGITAL), 1_201);
    assert_eq!(in_collection(EscoCollections::GREEN), 570);
    assert_eq!(in_collection(EscoCollections::LANGUAGE), 346);
}

#[test]
fn relations_and_crosswalk_account_for_every_row() {
    let Some(t) = DEFAULT.as_ref() else { return };
    let requires = |i| {
        t.relations()
            .filter(|r| r.kind == RelationKind::Requires(i))
            .count()
    };
    // 67 rows name an occupation absent from occupations_en.csv; they are noted, not dropped
    // silently.
    let noted = t
        .load_report()
        .notes
        .iter()
        .filter(|n| n.source == "occupationSkillRelations.csv.gz")
        .count();
    assert_eq!(noted, 67);
    assert_eq!(
        requires(Importance::Essential) + requires(Importance::Optional) + noted,
        123_855
    );
    let related = t
        .relations()
        .filter(|r| matches!(r.kind, RelationKind::RelatedOccupation { .. }))
        .count();
    assert_eq!(related, 18_460);
    // Links carried over: a row whose 2010 occupation O*NET split in 2019 gives one link per
    // successor, so there are at least as many links as rows carried.
    let carried: usize = t.carried_over().iter().map(|(_, n)| n).sum();
    let split: usize = t
        .carried_over()
        .iter()
        .filter(|(how, _)| *how == ler_skills::CarryOver::OnetSocCrosswalk)
        .map(|(_, n)| n)
        .sum();
    assert!(split > 0, "O*NET's 2010-2019 crosswalk carries rows over");
    assert!(carried + t.crosswalk_gaps().len() >= 1_680);
    assert!(t.crosswalk_gaps().len() <= 1, "{:?}", t.crosswalk_gaps());
    // A row is left out only when its code is gone from O*NET 29.2 (or its ESCO URI is).
    for gap in t.crosswalk_gaps() {
        let code_gone = t.concept_by_id(&gap.onet_2010_code).is_none();
        let esco_gone = gap.reason == ler_skills::CrosswalkGapReason::EscoConceptMissing;
        assert!(code_gone || esco_gone, "{gap:?}");
    }
    // Every ESCO occupation has exactly one ISCO-08 group.
    let esco = t.framework_by_key(keys::ESCO).unwrap();
    let isco = t.framework_by_key(keys::ISCO).unwrap();
    for c in t
        .concepts_in(esco)
        .filter(|c| c.kind() == ConceptKind::Occupation)
    {
        let groups = t.crosswalk(c.id(), isco);
        assert_eq!(groups.len(), 1, "{}", c.identifier());
        assert_eq!(groups[0].kind, MatchKind::Broad);
    }
}

#[cfg(feature = "embedded-data")]
#[test]
fn committed_data_file_is_regenerated_byte_for_byte() {
    let Some(t) = DEFAULT.as_ref() else { return };
    let fresh = compact::encode(t);
    let committed = compact::decompress(compact::EMBEDDED).unwrap();
    // Compared uncompressed: the DEFLATE stream depends on the compressor's implementation,
    // the data does not.
    assert!(
        fresh == committed,
        "data/taxonomy.bin.deflate is stale ({} vs {} bytes): run \
         `cargo run -p ler-skills --example generate_data -- ../shared/taxonomies`",
        fresh.len(),
        committed.len()
    );
    assert!(
        compact::EMBEDDED.len() < 9 * 1024 * 1024,
        "embedded data must leave room in 10 MB"
    );
}

#[test]
fn shared_example_alignments_have_their_expected_outcomes() {
    let Some(t) = DEFAULT.as_ref() else { return };
    let Some(dir) = shared_dir() else { return };
    let mut seen = 0;
    for entry in std::fs::read_dir(dir.join("examples")).unwrap() {
        let path = entry.unwrap().path();
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        for (pointer, alignment) in alignments_in(&json) {
            seen += 1;
            let outcome = match t.resolve(&alignment) {
                Resolution::External(_) => "external",
                Resolution::Unresolved(_) => "unresolved",
                _ => "resolved",
            };
            // With no CASE package loaded, the two CFItems are unresolved and the two CTIDs
            // external (the fixture test checks the reasons).
            let expected = if name.contains("Ce") || name.contains("Ctdl") {
                "external"
            } else {
                "unresolved"
            };
            assert_eq!(outcome, expected, "{name}{pointer}");
        }
    }
    assert_eq!(seen, 4);
}

#[test]
fn full_directory_loads_in_one_call() {
    let Some(dir) = shared_dir() else { return };
    let t = Taxonomy::load_dir(&dir).unwrap();
    assert!(
        t.framework_by_key("case:20c5134f-423d-4097-a971-3dd5152bf507")
            .is_some()
    );
    assert!(t.framework_by_key(keys::RSD).is_some());
    let rsd = t
        .concept_by_id("http://localhost:8080/api/skills/c9d819b3-de84-401e-808a-ddcbfbdd4953")
        .unwrap();
    // All but the invalid 15-1259 are SOC 2018 codes.
    assert_eq!(rsd.relations().count(), 5);
}
