//! Skills from running text: spans, clauses, the synonym table, technology names, and scores
//! that do not depend on how many answers are asked for.

use ler_skills::{ConceptKind, ExtractOptions, MapOptions, SkillMapper, clauses, keys};

fn mapper() -> &'static SkillMapper<'static> {
    SkillMapper::embedded().unwrap_or_else(|e| panic!("{e}"))
}

const AD: &str = "We build REST APIs in Python and manage PostgreSQL databases. \
                  Experience with Excel pivot tables; CPR certified.";

#[test]
fn a_job_ad_yields_concepts_with_their_spans() {
    let found = mapper().extract(AD, &ExtractOptions::new());
    let find = |id: &str| {
        found
            .iter()
            .find(|e| e.concept.identifier() == id)
            .unwrap_or_else(|| panic!("{id} in {found:#?}"))
    };
    let rest = find("tech:RESTful API");
    assert_eq!(&AD[rest.span.clone()], "REST");
    assert_eq!(rest.text, "REST");
    let python = find("tech:Python");
    assert_eq!(&AD[python.span.clone()], "Python");
    let excel = find("tech:Microsoft Excel");
    assert_eq!(&AD[excel.span.clone()], "Excel");
    assert!(
        excel.clause > python.clause,
        "clauses are numbered in order"
    );
    // CPR is spelt out in ESCO.
    assert!(
        found
            .iter()
            .any(|e| e.text == "CPR" && e.concept.label().contains("resuscitation")),
        "{found:#?}"
    );
    // The words that misled plain label matching find nothing of theirs.
    for e in &found {
        let label = e.concept.label().to_lowercase();
        assert!(!label.contains("rest room"), "{label}");
        assert!(!label.contains("pivot end"), "{label}");
    }
    assert!(found.iter().all(|e| e.score >= 0.75 && e.score <= 1.0));
}

#[test]
fn extraction_scores_do_not_depend_on_top() {
    let all = mapper().extract(AD, &ExtractOptions::new());
    let few = mapper().extract(AD, &ExtractOptions::new().top(3));
    assert_eq!(few.len(), 3);
    assert_eq!(&all[..3], &few[..]);
}

#[test]
fn mapping_scores_do_not_depend_on_top() {
    let m = mapper();
    for phrase in [
        "python programming",
        "forklift driver",
        "wound care",
        "manage budgets",
    ] {
        let wide = m.map(phrase, &MapOptions::new().top(50));
        for top in [1, 3, 10] {
            let narrow = m.map(phrase, &MapOptions::new().top(top));
            for hit in &narrow {
                let same = wide
                    .iter()
                    .find(|w| w.concept.id() == hit.concept.id())
                    .unwrap_or_else(|| {
                        panic!("{phrase}: {} in the wider answer", hit.concept.label())
                    });
                assert_eq!(same.score, hit.score, "{phrase} top {top}");
            }
        }
    }
}

#[test]
fn acronyms_only_in_capitals_when_they_are_also_words() {
    let m = mapper();
    let Some(onet) = m.taxonomy().framework_by_key(keys::ONET) else {
        panic!()
    };
    let tech = MapOptions::new()
        .framework(onet)
        .kinds(&[ConceptKind::Technology])
        .top(1);
    assert_eq!(
        m.map("REST", &tech)[0].concept.identifier(),
        "tech:RESTful API"
    );
    assert!(
        m.map("rest", &tech)
            .first()
            .is_none_or(|h| h.concept.identifier() != "tech:RESTful API")
    );
}

#[test]
fn a_swapped_three_letter_word_is_corrected() {
    let m = mapper();
    let Some(esco) = m.taxonomy().framework_by_key(keys::ESCO) else {
        panic!()
    };
    let hits = m.map("SLQ", &MapOptions::new().framework(esco).top(1));
    assert_eq!(hits[0].label, "SQL");
}

#[test]
fn clauses_split_at_punctuation_but_not_inside_names() {
    let text = "Node.js and ASP.NET; SQL, Python. Done";
    let parts: Vec<&str> = clauses(text).into_iter().map(|r| text[r].trim()).collect();
    assert_eq!(parts, ["Node.js and ASP.NET", "SQL", "Python", "Done"]);
}

#[test]
fn a_longer_span_wins_over_a_single_word_it_contains() {
    let m = mapper();
    let Some(esco) = m.taxonomy().framework_by_key(keys::ESCO) else {
        panic!()
    };
    let target = MapOptions::new()
        .framework(esco)
        .kinds(&[ConceptKind::Skill, ConceptKind::Knowledge]);
    let found = m.extract(
        "TIG welding aluminium",
        &ExtractOptions::new().target(target).min_score(0.5),
    );
    let first = found.first().unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(first.text, "TIG welding");
    assert_eq!(first.concept.label(), "perform tungsten inert gas welding");
    // `welding` alone (a label of `join metals`) overlaps it and is not taken.
    assert!(found.iter().all(|e| e.text != "welding"), "{found:#?}");
}
