//! Tests on the small committed fixture directory (runs everywhere).
// Helpers outside #[test] functions unwrap too: a panic there is a failed test.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use ler_skills::{
    AlignmentRef, CarryOver, ConceptKind, CrosswalkGapReason, EscoCollections, ExternalRef,
    Importance, MatchKind, MatchVia, RelationKind, Resolution, ResolvedBy, Taxonomy,
    TaxonomyBuilder, UnresolvedReason, alignments_in, compact, keys,
};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/taxonomies")
}

fn fixture() -> Taxonomy {
    Taxonomy::load_dir(&fixture_dir()).unwrap()
}

fn count(t: &Taxonomy, key: &str, kind: ConceptKind) -> usize {
    let fw = t.framework_by_key(key).unwrap();
    t.concepts_in(fw).filter(|c| c.kind() == kind).count()
}

const SECRETARY: &str =
    "http://data.europa.eu/esco/occupation/0ee67d5e-8de9-48f0-97c5-ba23d486b1e9";

#[test]
fn loads_every_fixture_row() {
    let t = fixture();
    let report = t.load_report();
    for (file, rows) in [
        ("occupation_data.tsv", 11),
        ("content_model_reference.tsv", 23),
        ("soc_structure_2018.csv", 20),
        ("occupations_en.csv", 7),
        ("skills_en.csv", 53),
        ("occupationSkillRelations.csv.gz", 42),
        ("nesta_esco_onet_crosswalk_Nov2020.csv", 7),
    ] {
        assert_eq!(report.rows_of(file), rows, "{file}");
    }
    assert_eq!(count(&t, keys::ONET, ConceptKind::Occupation), 11);
    assert_eq!(count(&t, keys::SOC, ConceptKind::Occupation), 7);
    assert_eq!(count(&t, keys::SOC, ConceptKind::OccupationGroup), 13);
    assert_eq!(count(&t, keys::ESCO, ConceptKind::Occupation), 7);
    let esco_skills =
        count(&t, keys::ESCO, ConceptKind::Skill) + count(&t, keys::ESCO, ConceptKind::Knowledge);
    assert_eq!(esco_skills, 53);
    // Every occupation–skill row names loaded concepts.
    let requires = t
        .relations()
        .filter(|r| matches!(r.kind, RelationKind::Requires(_)))
        .count();
    assert_eq!(requires, 42);
    // Only the RSD's occupations outside the fixture's SOC rows, its alignment and the CASE
    // exemplar associations are noted.
    for note in &report.notes {
        assert!(
            note.source.ends_with(".json"),
            "unexpected note {}:{}: {}",
            note.source,
            note.line,
            note.message
        );
    }
}

#[test]
fn esco_multiline_alt_labels_are_separate_labels() {
    let t = fixture();
    let c = t.concept_by_id(SECRETARY).unwrap();
    assert_eq!(c.label(), "secretary of state");
    let alts: Vec<_> = c.alt_labels().collect();
    assert!(alts.contains(&"state secretary"));
    assert!(alts.contains(&"under secretary of state"));
    // The preferred label, repeated in ESCO's altLabels, is not duplicated.
    assert!(!alts.contains(&"secretary of state"));
    assert_eq!(c.code(), Some("1111.6"));
    assert!(t.concepts_by_label("State  SECRETARY").any(|x| x == c));
}

#[test]
fn onet_elements_get_kinds_from_their_ids() {
    let t = fixture();
    let kind = |id: &str| t.concept_by_id(id).unwrap().kind();
    assert_eq!(kind("2.A.1.a"), ConceptKind::Skill);
    assert_eq!(kind("2.B.1.a"), ConceptKind::Skill);
    assert_eq!(kind("2.C.3.a"), ConceptKind::Knowledge);
    assert_eq!(kind("1.A.1.a.1"), ConceptKind::Ability);
    assert_eq!(kind("4.A.1.a.1"), ConceptKind::WorkActivity);
    assert_eq!(kind("2.A.1"), ConceptKind::SkillGroup);
    let parent: Vec<_> = t
        .concept_by_id("2.A.1.a")
        .unwrap()
        .broader()
        .map(|c| c.identifier())
        .collect();
    assert_eq!(parent, ["2.A.1"]);
}

#[test]
fn onet_occupations_carry_titles_job_zones_technology() {
    let t = fixture();
    let c = t.concept_by_id("11-1011.00").unwrap();
    assert_eq!(c.label(), "Chief Executives");
    assert!(
        c.alt_labels()
            .any(|a| a == "Aeronautics Commission Director")
    );
    assert_eq!(c.job_zone(), Some(5));
    let tech: Vec<_> = c
        .relations()
        .filter(|r| matches!(r.kind, RelationKind::UsesTechnology { .. }))
        .map(|r| r.target)
        .collect();
    assert!(!tech.is_empty());
    assert!(tech.iter().all(|x| x.kind() == ConceptKind::Technology));
    let adobe = t.concept_by_id("tech:Adobe Acrobat").unwrap();
    assert_eq!(adobe.broader().next().unwrap().identifier(), "43232202");
    assert_eq!(t.job_zone_names().len(), 5);
}

#[test]
fn soc_hierarchy_has_four_levels() {
    let t = fixture();
    let mut chain = vec!["15-1252".to_owned()];
    while let Some(parent) = t
        .concept_by_id(chain.last().unwrap())
        .unwrap()
        .broader()
        .next()
        .map(|p| p.identifier())
    {
        chain.push(parent.to_owned());
    }
    assert_eq!(chain, ["15-1252", "15-1250", "15-1200", "15-0000"]);
}

#[test]
fn esco_occupation_requires_skills_and_collections_are_flagged() {
    let t = fixture();
    let c = t.concept_by_id(SECRETARY).unwrap();
    let essential = c
        .relations()
        .filter(|r| r.kind == RelationKind::Requires(Importance::Essential))
        .count();
    let optional = c
        .relations()
        .filter(|r| r.kind == RelationKind::Requires(Importance::Optional))
        .count();
    assert_eq!((essential, optional), (3, 3));
    let show_initiative =
        t.concept_by_id("http://data.europa.eu/esco/skill/001115fb-569f-4ee6-8381-c6807ef2527f");
    let flags = show_initiative.unwrap().esco_collections();
    assert!(flags.contains(EscoCollections::TRANSVERSAL));
    assert!(!flags.contains(EscoCollections::GREEN));
    let haskell = t
        .concept_by_id("http://data.europa.eu/esco/skill/000f1d3d-220f-4789-9c0a-cc742521fb02")
        .unwrap();
    assert_eq!(haskell.kind(), ConceptKind::Knowledge);
    assert!(
        haskell
            .esco_collections()
            .contains(EscoCollections::DIGITAL)
    );
    // Every skill reaches a top-level group through the hierarchy.
    let mut node = haskell;
    for _ in 0..10 {
        match node.broader().next() {
            Some(p) => node = p,
            None => break,
        }
    }
    assert_eq!(node.kind(), ConceptKind::SkillGroup);
    assert!(
        node.code().is_some(),
        "top group {} has a hierarchy code",
        node.label()
    );
}

#[test]
fn nesta_rows_carry_over_only_when_unambiguous() {
    let t = fixture();
    let onet = t.framework_by_key(keys::ONET).unwrap();
    let nesta = t.framework_by_key(keys::NESTA).unwrap();
    let to_onet = |esco_label: &str| {
        let c = t
            .concepts()
            .find(|c| c.label() == esco_label && c.kind() == ConceptKind::Occupation)
            .unwrap();
        t.crosswalk(c.id(), onet)
            .into_iter()
            .map(|m| (m.concept.identifier(), m.kind, m.via))
            .collect::<Vec<_>>()
    };
    let asserted = |how| MatchVia::Asserted {
        source: nesta,
        carry_over: Some(how),
    };
    assert_eq!(
        to_onet("secretary of state"),
        [(
            "11-1011.00",
            MatchKind::Close,
            asserted(CarryOver::SameCode)
        )]
    );
    assert_eq!(
        to_onet("child care coordinator"),
        [(
            "11-9031.00",
            MatchKind::Close,
            asserted(CarryOver::SameCodeTitleChanged)
        )]
    );
    assert_eq!(
        to_onet("business service manager"),
        [(
            "11-3012.00",
            MatchKind::Close,
            asserted(CarryOver::UniqueTitle)
        )]
    );
    assert_eq!(
        to_onet("aquaculture harvesting manager"),
        [(
            "11-9013.00",
            MatchKind::Broad,
            asserted(CarryOver::RolledUpToSoc)
        )]
    );
    // Not carried: no direct match, and the gap list says why.
    let gaps = t.crosswalk_gaps();
    assert_eq!(gaps.len(), 2);
    let financial = gaps
        .iter()
        .find(|g| g.esco_label == "financial manager")
        .unwrap();
    assert_eq!(financial.onet_2010_code, "11-3031.02");
    assert_eq!(
        financial.reason,
        CrosswalkGapReason::Ambiguous {
            candidates: vec![
                "11-3031.00".into(),
                "11-3031.01".into(),
                "11-3031.03".into()
            ]
        }
    );
    let official = gaps
        .iter()
        .find(|g| g.onet_2010_code == "11-2031.00")
        .unwrap();
    assert_eq!(official.reason, CrosswalkGapReason::SocCodeRetired);
    let carried: usize = t.carried_over().iter().map(|(_, n)| n).sum();
    assert_eq!(carried + gaps.len(), 7);
}

#[test]
fn crosswalk_onet_soc_isco() {
    let t = fixture();
    let fw = |k| t.framework_by_key(k).unwrap();
    let id = |s| t.concept_by_id(s).unwrap().id();
    let answer = |c, k| {
        t.crosswalk(id(c), fw(k))
            .into_iter()
            .map(|m| (m.concept.identifier().to_owned(), m.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        answer("15-1252.00", keys::SOC),
        [("15-1252".to_owned(), MatchKind::Exact)]
    );
    assert_eq!(
        answer("15-1211.01", keys::SOC),
        [("15-1211".to_owned(), MatchKind::Broad)]
    );
    assert_eq!(
        answer("15-1211", keys::ONET),
        [
            ("15-1211.00".to_owned(), MatchKind::Exact),
            ("15-1211.01".to_owned(), MatchKind::Narrow)
        ]
    );
    let group = answer("15-1200", keys::ONET);
    assert_eq!(group.len(), 3);
    assert!(group.iter().all(|(_, k)| *k == MatchKind::Narrow));
    // ESCO occupation → its ISCO-08 unit group, and back.
    let isco = answer(SECRETARY, keys::ISCO);
    assert_eq!(
        isco,
        [(
            "http://data.europa.eu/esco/isco/C1111".to_owned(),
            MatchKind::Broad
        )]
    );
    let back = answer("http://data.europa.eu/esco/isco/C1111", keys::ESCO);
    assert!(back.contains(&(SECRETARY.to_owned(), MatchKind::Narrow)));
    // ESCO → SOC: chained through O*NET.
    let soc = t.crosswalk(id(SECRETARY), fw(keys::SOC));
    assert_eq!(soc.len(), 1);
    assert_eq!(soc[0].concept.identifier(), "11-1011");
    assert_eq!(soc[0].kind, MatchKind::Close);
    assert_eq!(
        soc[0].via,
        MatchVia::Chain {
            through: fw(keys::ONET)
        }
    );
    // O*NET → ESCO: the Nesta rows read backwards.
    let esco = answer("11-1011.00", keys::ESCO);
    assert_eq!(esco.len(), 2);
}

fn resolve_all(t: &Taxonomy, file: &str) -> Vec<String> {
    let path = fixture_dir().join("examples").join(file);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    alignments_in(&json)
        .into_iter()
        .map(|(pointer, a)| match t.resolve(&a) {
            Resolution::Resolved { concept, how } => {
                format!("{pointer} resolved {} {how:?}", concept.identifier())
            }
            Resolution::External(e) => format!("{pointer} external {e:?}"),
            Resolution::Unresolved(reason) => format!("{pointer} unresolved {reason}"),
            other => format!("{pointer} {other:?}"),
        })
        .collect()
}

/// The outcome expected for every alignment of the shared OB 3.0 examples.
pub const EXAMPLE_OUTCOMES: &[(&str, &str)] = &[
    (
        "ob3_achievementAlignmentCase.json",
        "/credentialSubject/achievement/alignment/0 unresolved CASE CFItem https://caseregistry.imsglobal.org/uri/74f5bb7d-d7cc-11e8-824f-0242ac160002 is not in any loaded CASE package",
    ),
    (
        "ob3_achievementAlignmentCe.json",
        "/credentialSubject/achievement/alignment/0 external CredentialEngine { ctid: \"ce-cf4dee18-7cea-443a-b920-158a0762c6bf\" }",
    ),
    (
        "ob3_skillAssertionCase.json",
        "/credentialSubject/achievement/alignment/0 unresolved CASE CFItem https://robotics-competencies.example.com/competencies/robot-programming is not in any loaded CASE package",
    ),
    (
        "ob3_skillAssertionCtdl.json",
        "/credentialSubject/achievement/alignment/0 external CredentialEngine { ctid: \"ce-6369c51f-4d86-4592-a761-8b32ae70a045\" }",
    ),
];

#[test]
fn every_example_alignment_has_its_expected_outcome() {
    let t = fixture();
    for (file, expected) in EXAMPLE_OUTCOMES {
        assert_eq!(resolve_all(&t, file), [*expected], "{file}");
    }
    // No example file with alignments is left out of the table.
    let mut files = std::fs::read_dir(fixture_dir().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| !resolve_all(&t, f).is_empty())
        .collect::<Vec<_>>();
    files.sort();
    let listed: Vec<_> = EXAMPLE_OUTCOMES.iter().map(|(f, _)| *f).collect();
    assert_eq!(files, listed);
}

fn resolve_one(t: &Taxonomy, a: AlignmentRef<'_>) -> (String, Option<ResolvedBy>) {
    match t.resolve(&a) {
        Resolution::Resolved { concept, how } => (concept.identifier().to_owned(), Some(how)),
        other => (format!("{other:?}"), None),
    }
}

#[test]
fn alignment_variants_resolve() {
    let t = fixture();
    let url = |u| AlignmentRef {
        target_url: Some(u),
        ..AlignmentRef::default()
    };
    let code = |c, f| AlignmentRef {
        target_code: Some(c),
        target_framework: Some(f),
        ..AlignmentRef::default()
    };
    let secretary = (SECRETARY.to_owned(), Some(ResolvedBy::Identifier));
    assert_eq!(resolve_one(&t, url(SECRETARY)), secretary);
    for variant in [
        "https://data.europa.eu/esco/occupation/0ee67d5e-8de9-48f0-97c5-ba23d486b1e9",
        "https://data.europa.eu/esco/occupation/0ee67d5e-8de9-48f0-97c5-ba23d486b1e9/",
        "http://data.europa.eu/esco/occupation/0ee67d5e-8de9-48f0-97c5-ba23d486b1e9/",
        "https://esco.ec.europa.eu/en/classification/occupation?uri=http%3A%2F%2Fdata.europa.eu%2Fesco%2Foccupation%2F0ee67d5e-8de9-48f0-97c5-ba23d486b1e9",
    ] {
        assert_eq!(
            resolve_one(&t, url(variant)),
            (SECRETARY.to_owned(), Some(ResolvedBy::NormalizedUri)),
            "{variant}"
        );
    }
    assert_eq!(
        resolve_one(&t, code("15-1252.00", "O*NET-SOC")),
        ("15-1252.00".into(), Some(ResolvedBy::OnetSocCode))
    );
    assert_eq!(
        resolve_one(&t, code("15-1252", "O*NET")),
        (
            "15-1252.00".into(),
            Some(ResolvedBy::OnetSocCodeWithoutSuffix)
        )
    );
    assert_eq!(
        resolve_one(&t, code("15-1252", "BLS SOC 2018")),
        ("15-1252".into(), Some(ResolvedBy::SocCode))
    );
    assert_eq!(
        resolve_one(
            &t,
            url("https://www.onetonline.org/link/summary/15-1252.00")
        ),
        ("15-1252.00".into(), Some(ResolvedBy::OnetSocCode))
    );
    assert_eq!(
        resolve_one(&t, code("2.A.1.a", "O*NET Content Model")),
        ("2.A.1.a".into(), Some(ResolvedBy::OnetElementId))
    );
    let isco = (
        "http://data.europa.eu/esco/isco/C1111".to_owned(),
        Some(ResolvedBy::IscoCode),
    );
    assert_eq!(resolve_one(&t, code("1111", "ISCO-08")), isco);
    assert_eq!(resolve_one(&t, code("C1111", "ISCO-08")), isco);
    assert_eq!(
        resolve_one(&t, code("1111.6", "ESCO")),
        (SECRETARY.to_owned(), Some(ResolvedBy::Code))
    );
    assert_eq!(
        resolve_one(&t, code("0EE67D5E-8DE9-48F0-97C5-BA23D486B1E9", "ESCO")),
        (SECRETARY.to_owned(), Some(ResolvedBy::EscoUuid))
    );

    let external = |a| match t.resolve(&a) {
        Resolution::External(e) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        external(url(
            "https://credentialengineregistry.org/resources/ce-036D082D-D80E-41A7-99A0-2D63A4AD3A4A"
        )),
        ExternalRef::CredentialEngine {
            ctid: "ce-036d082d-d80e-41a7-99a0-2d63a4ad3a4a".into()
        }
    );
    assert_eq!(
        external(url(
            "https://skills.emsidata.com/skills/KS1254M6N7QPZ96MGR0L"
        )),
        ExternalRef::Lightcast {
            id: "KS1254M6N7QPZ96MGR0L".into()
        }
    );
    let unresolved = |a| match t.resolve(&a) {
        Resolution::Unresolved(r) => r,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        unresolved(AlignmentRef::default()),
        UnresolvedReason::NoTarget
    );
    assert_eq!(
        unresolved(code("99-9999.00", "O*NET")),
        UnresolvedReason::NotFound {
            framework: keys::ONET,
            target: "99-9999.00".into()
        }
    );
    assert_eq!(
        unresolved(url(
            "https://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000"
        )),
        UnresolvedReason::NotFound {
            framework: keys::ESCO,
            target: "https://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000".into()
        }
    );
    assert_eq!(
        unresolved(url("https://example.org/skills/juggling")),
        UnresolvedReason::UnknownFramework {
            target: "https://example.org/skills/juggling".into()
        }
    );
}

#[test]
fn case_package_items_resolve_by_uri_identifier_code_and_exact_match() {
    let t = fixture();
    let case = t
        .frameworks()
        .iter()
        .find(|f| f.key == "case:20c5134f-423d-4097-a971-3dd5152bf507")
        .unwrap();
    assert_eq!(case.name, "What Standards Could Be");
    assert!(case.attribution.contains("Brandon Dorman"));
    let fw = t.framework_by_key(&case.key).unwrap();
    assert_eq!(t.concepts_in(fw).count(), 16);
    let item = "http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e";
    let url = |u| AlignmentRef {
        target_url: Some(u),
        target_type: Some("CFItem"),
        ..AlignmentRef::default()
    };
    let code = |c| AlignmentRef {
        target_code: Some(c),
        ..AlignmentRef::default()
    };
    assert_eq!(
        resolve_one(&t, url(item)),
        (item.into(), Some(ResolvedBy::Identifier))
    );
    assert_eq!(
        resolve_one(
            &t,
            url("https://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e")
        ),
        (item.into(), Some(ResolvedBy::CaseIdentifier))
    );
    assert_eq!(
        resolve_one(&t, code("B6F61076-AA12-450B-8F9D-B86BC071F85E")),
        (item.into(), Some(ResolvedBy::CaseIdentifier))
    );
    assert_eq!(
        resolve_one(&t, code("CCSS.Math.Content.6.RP.A.1")),
        (item.into(), Some(ResolvedBy::Code))
    );
    // The item declares exactMatchOf an outside CASE item (the CCSS original).
    assert_eq!(
        resolve_one(
            &t,
            url("https://caseregistry.imsglobal.org/uri/2c75d647-4ed4-56d8-965d-c3affe91643d")
        ),
        (item.into(), Some(ResolvedBy::CaseExactMatch))
    );
    let c = t.concept_by_id(item).unwrap();
    assert_eq!(c.kind(), ConceptKind::Competency);
    assert_eq!(
        c.broader().next().unwrap().code(),
        Some("CCSS.Math.Content.6.RP.A")
    );
    assert!(c.relations().any(|r| r.kind == RelationKind::Precedes));
}

#[test]
fn rsd_links_to_loaded_soc_codes() {
    let t = fixture();
    let rsd = t
        .concept_by_id("http://localhost:8080/api/skills/c9d819b3-de84-401e-808a-ddcbfbdd4953")
        .unwrap();
    assert_eq!(rsd.label(), "Access and Security Levels Standardization");
    assert!(
        rsd.framework()
            .attribution
            .contains("Western Governors University")
    );
    let mut socs: Vec<_> = rsd.relations().map(|r| r.target.identifier()).collect();
    socs.sort();
    assert_eq!(socs, ["15-0000", "15-1200", "15-1250"]);
    let notes = &t.load_report().notes;
    for missing in ["15-1240", "15-1244", "15-1259"] {
        assert!(
            notes.iter().any(|n| n.message.contains(missing)),
            "{missing} noted"
        );
    }
    let uuid = AlignmentRef {
        target_code: Some("c9d819b3-de84-401e-808a-ddcbfbdd4953"),
        ..AlignmentRef::default()
    };
    assert_eq!(resolve_one(&t, uuid).1, Some(ResolvedBy::RsdUuid));
}

#[test]
fn compact_round_trip_is_lossless_and_deterministic() {
    let t = fixture();
    let raw = compact::encode(&t);
    let back = compact::decode(&raw).unwrap();
    assert_eq!(compact::encode(&back), raw);
    let packed = compact::compress(&raw);
    let back = compact::decode_compressed(&packed).unwrap();
    assert_eq!(back.len(), t.len());
    for (a, b) in t.concepts().zip(back.concepts()) {
        assert_eq!(a.identifier(), b.identifier());
        assert_eq!(a.label(), b.label());
        assert_eq!(a.code(), b.code());
        assert_eq!(a.kind(), b.kind());
        assert!(a.alt_labels().eq(b.alt_labels()));
        assert!(a.broader().map(|c| c.id()).eq(b.broader().map(|c| c.id())));
        assert!(
            a.relations()
                .map(|r| (r.target.id(), r.kind))
                .eq(b.relations().map(|r| (r.target.id(), r.kind)))
        );
    }
    assert_eq!(back.frameworks(), t.frameworks());
    assert_eq!(back.crosswalk_gaps(), t.crosswalk_gaps());
    assert_eq!(back.carried_over(), t.carried_over());
}

#[test]
fn corrupt_compact_data_is_an_error_not_a_panic() {
    let raw = compact::encode(&fixture());
    for len in (0..raw.len()).step_by(97) {
        assert!(compact::decode(&raw[..len]).is_err(), "prefix {len}");
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut bytes = raw.clone();
        let at = (state as usize) % bytes.len();
        bytes[at] = bytes[at].wrapping_add((state >> 32) as u8 | 1);
        let _ = compact::decode(&bytes);
    }
    assert!(compact::decode_compressed(b"not deflate at all").is_err());
}

#[test]
fn builder_extends_a_taxonomy_with_a_case_package() {
    let mut builder = fixture().into_builder();
    let package = br#"{"CFDocument": {"identifier": "doc-1", "title": "Tiny", "creator": "Me"},
        "CFItems": [{"identifier": "item-1", "uri": "https://case.example/uri/item-1",
                     "fullStatement": "Juggle three balls", "humanCodingScheme": "J.1"}]}"#;
    builder.add_case_package(package, "tiny.json").unwrap();
    let t = builder.build();
    assert!(t.concept_by_id("15-1252.00").is_some());
    let a = AlignmentRef {
        target_url: Some("https://case.example/uri/item-1"),
        ..AlignmentRef::default()
    };
    assert_eq!(resolve_one(&t, a).0, "https://case.example/uri/item-1");
    let err = TaxonomyBuilder::new()
        .add_case_package(br#"{"CFDocument": {}}"#, "bad.json")
        .unwrap_err();
    assert!(err.to_string().contains("/CFDocument/identifier"), "{err}");
}

#[test]
fn taxonomy_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Taxonomy>();
}

#[test]
fn attributions_cover_every_framework() {
    let t = fixture();
    let keys: Vec<_> = t.attributions().map(|f| f.key.as_str()).collect();
    for k in [
        keys::ONET,
        keys::SOC,
        keys::ESCO,
        keys::ISCO,
        keys::NESTA,
        keys::RSD,
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    let onet = t.attributions().find(|f| f.key == keys::ONET).unwrap();
    assert!(
        onet.attribution
            .starts_with("This product includes information from the O*NET 29.2 Database")
    );
    assert_eq!(onet.version, "29.2");
    let esco = t.attributions().find(|f| f.key == keys::ESCO).unwrap();
    assert_eq!(
        esco.attribution,
        "This service uses the ESCO classification of the European Commission."
    );
}
