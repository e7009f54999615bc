//! Skill profiles from credentials with verdicts, and occupation matching.

use ler_model::Credential;
use ler_skills::{
    Coverage, EvidenceSource, MatchPath, ProfileOptions, Requirement, RequirementLevel,
    SkillMapper, SkillProfile, Verdict, keys,
};

const PYTHON: &str = "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d";
const SQL: &str = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742";
const STATISTICS: &str = "http://data.europa.eu/esco/skill/7ee4c2ea-b349-4bd2-81a3-ec31475d4833";
const FILES: [&str; 4] = [
    "ob3-python.json",
    "employment-analyst.json",
    "clr-nested.json",
    "microcredential-tableau.json",
];

fn load(name: &str) -> Credential {
    let path = format!(
        "{}/tests/fixtures/credentials/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Credential::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn mapper() -> &'static SkillMapper<'static> {
    SkillMapper::embedded().unwrap_or_else(|e| panic!("{e}"))
}

fn profile_of<'t>(
    mapper: &SkillMapper<'t>,
    credentials: &[Credential],
    verdict: Option<Verdict>,
) -> SkillProfile<'t> {
    SkillProfile::from_credentials(
        mapper,
        credentials.iter().map(|c| (c.view(), verdict)),
        &ProfileOptions::default(),
    )
}

fn all() -> Vec<Credential> {
    FILES.iter().map(|f| load(f)).collect()
}

#[test]
fn alignment_evidence_carries_credential_issuer_date_hours_and_result() {
    let credentials = vec![load("ob3-python.json")];
    let profile = profile_of(mapper(), &credentials, Some(Verdict::Verified));
    let python = profile
        .entries()
        .iter()
        .find(|e| e.concept.identifier() == PYTHON)
        .unwrap_or_else(|| panic!("Python in {:?}", profile.entries()));
    let e = python
        .evidence
        .iter()
        .find(|e| matches!(e.source, EvidenceSource::Alignment { .. }))
        .unwrap_or_else(|| panic!("alignment evidence"));
    assert_eq!(
        e.credential_id.as_deref(),
        Some("urn:uuid:a1000000-0000-4000-8000-000000000001")
    );
    assert_eq!(e.issuer_name.as_deref(), Some("Example Community College"));
    assert_eq!(e.date.as_deref(), Some("2025-06-01T00:00:00Z"));
    assert_eq!(e.hours.as_deref(), Some("40"));
    assert_eq!(e.result.as_deref(), Some("A"));
    assert!(e.is_verified());
    assert_eq!(e.strength, 1.0);
    // The alignment to an unknown framework is listed, not dropped.
    assert_eq!(profile.unresolved().len(), 1);
    assert_eq!(
        profile.unresolved()[0].target.as_deref(),
        Some("https://example.org/not-a-framework/42")
    );
}

#[test]
fn unverified_evidence_counts_less_and_invalid_credentials_are_ignored() {
    let credentials = vec![load("ob3-python.json")];
    let profile = profile_of(mapper(), &credentials, None);
    let python = profile
        .entries()
        .iter()
        .find(|e| e.concept.identifier() == PYTHON)
        .unwrap_or_else(|| panic!("Python"));
    assert!(!python.is_verified());
    assert_eq!(python.strength(), 0.5);

    let invalid = profile_of(mapper(), &credentials, Some(Verdict::Invalid));
    assert!(invalid.is_empty());
    assert_eq!(invalid.ignored().len(), 1);
    assert_eq!(invalid.credential_count(), 1);
}

#[test]
fn nested_clr_credentials_employment_records_and_text_all_contribute() {
    let credentials = all();
    let profile = profile_of(mapper(), &credentials, Some(Verdict::Verified));
    let ids: Vec<&str> = profile
        .entries()
        .iter()
        .map(|e| e.concept.identifier())
        .collect();
    // From the credential nested in the CLR.
    assert!(ids.contains(&SQL), "{ids:?}");
    // From the employment record's skill alignment and occupation.
    assert!(ids.contains(&STATISTICS), "{ids:?}");
    assert!(
        profile
            .occupations()
            .any(|e| e.concept.identifier() == "15-2051.01")
    );
    // From text: the micro-credential's name "Tableau" is the O*NET technology.
    let tableau = profile
        .entries()
        .iter()
        .find(|e| e.concept.identifier() == "tech:Tableau")
        .unwrap_or_else(|| panic!("Tableau in {ids:?}"));
    // Also found in the job's duty "Built dashboards in Tableau": take the course's.
    let e = tableau
        .evidence
        .iter()
        .find(|e| e.hours.as_deref() == Some("12"))
        .unwrap_or_else(|| panic!("the micro-credential's evidence"));
    assert!(matches!(e.source, EvidenceSource::Text { .. }));
    assert!(e.confidence < 1.0, "text is less certain than an alignment");
    assert_eq!(e.hours.as_deref(), Some("12"));
    // A duty mapped to an ESCO skill, with the job's hours and dates.
    let duty = profile
        .entries()
        .iter()
        .flat_map(|e| &e.evidence)
        .find(|e| matches!(&e.source, EvidenceSource::Text { text, .. } if text == "Trained new colleagues"))
        .unwrap_or_else(|| panic!("duty evidence"));
    assert_eq!(duty.hours.as_deref(), Some("40 h/week"));
    assert_eq!(duty.date.as_deref(), Some("2021-03-01/2024-06-30"));
}

#[test]
fn an_occupation_match_explains_matched_missing_and_experience() {
    let credentials = all();
    let mapper = mapper();
    let tax = mapper.taxonomy();
    let profile = profile_of(mapper, &credentials, Some(Verdict::Verified));
    let coverage = Coverage::new(&profile);
    let Some(occupation) = tax.concept_by_id("15-2051.01") else {
        panic!("15-2051.01")
    };
    let m = coverage.match_occupation(occupation);
    assert!(m.score > 0.0 && m.score <= 1.0);
    assert!(m.experience.is_some(), "the occupation was held");
    assert!(!m.missing.is_empty());
    let tableau = m
        .matched
        .iter()
        .find(|r| r.requirement.concept.identifier() == "tech:Tableau")
        .unwrap_or_else(|| panic!("Tableau matched: {:?}", m.matched));
    assert_eq!(tableau.path, MatchPath::Exact);
    assert!(tableau.verified);
    assert_eq!(
        m.matched.len() + m.missing.len(),
        Requirement::of_occupation(occupation).len()
    );
}

#[test]
fn unverified_evidence_scores_lower_than_verified() {
    let credentials = all();
    let mapper = mapper();
    let Some(occupation) = mapper.taxonomy().concept_by_id("15-2051.01") else {
        panic!()
    };
    let verified = profile_of(mapper, &credentials, Some(Verdict::Verified));
    let unverified = profile_of(mapper, &credentials, None);
    let a = Coverage::new(&verified).match_occupation(occupation);
    let b = Coverage::new(&unverified).match_occupation(occupation);
    assert!(a.score > b.score, "{} vs {}", a.score, b.score);
    assert!(b.matched.iter().all(|r| !r.verified));
}

#[test]
fn ranking_puts_the_occupation_held_near_the_top() {
    let credentials = all();
    let mapper = mapper();
    let tax = mapper.taxonomy();
    let profile = profile_of(mapper, &credentials, Some(Verdict::Verified));
    let coverage = Coverage::new(&profile);
    let Some(onet) = tax.framework_by_key(keys::ONET) else {
        panic!()
    };
    let ranking = coverage.rank(tax, onet, 10);
    assert_eq!(ranking.len(), 10);
    assert!(ranking.windows(2).all(|w| w[0].score >= w[1].score));
    let codes: Vec<&str> = ranking
        .iter()
        .filter_map(|m| m.occupation.map(|o| o.identifier()))
        .collect();
    assert!(codes.contains(&"15-2051.01"), "{codes:?}");
}

#[test]
fn a_job_in_another_framework_matches_through_hierarchy_and_labels() {
    let credentials = vec![load("ob3-python.json")];
    let mapper = mapper();
    let tax = mapper.taxonomy();
    let profile = profile_of(mapper, &credentials, Some(Verdict::Verified));
    let coverage = Coverage::new(&profile);
    let python = tax.concept_by_id(PYTHON).unwrap_or_else(|| panic!());
    let parent = python
        .broader()
        .next()
        .unwrap_or_else(|| panic!("Python has a parent"));
    let job = [
        Requirement::new(parent, RequirementLevel::Essential),
        Requirement::new(
            tax.concept_by_id(SQL).unwrap_or_else(|| panic!()),
            RequirementLevel::Optional,
        ),
    ];
    let m = coverage.match_requirements(&job);
    assert_eq!(m.matched.len(), 1);
    assert_eq!(m.matched[0].path, MatchPath::Narrower);
    assert_eq!(m.missing.len(), 1);
    // Essential met at 0.7, optional missing; each weighs its level times its specificity,
    // and the score is the square root of the weighted share met.
    let (essential, optional) = (job[0].weight, job[1].weight);
    let expected = (0.7 * essential / (essential + optional)).sqrt();
    assert!((m.score - expected).abs() < 1e-4, "{} {expected}", m.score);
}

#[test]
fn without_text_only_alignments_count() {
    let credentials = [
        load("microcredential-tableau.json"),
        load("ob3-python.json"),
    ];
    let mut options = ProfileOptions::default();
    options.from_text = false;
    let profile = SkillProfile::from_credentials(
        mapper(),
        credentials
            .iter()
            .map(|c| (c.view(), Some(Verdict::Verified))),
        &options,
    );
    assert!(!profile.is_empty());
    assert!(
        profile
            .entries()
            .iter()
            .flat_map(|e| &e.evidence)
            .all(|e| matches!(e.source, EvidenceSource::Alignment { .. }))
    );
}
