//! The free-text mapper: scores, filters and bounds.

use ler_skills::{ConceptKind, MapOptions, RelationKind, SkillMapper, keys};

fn mapper() -> &'static SkillMapper<'static> {
    SkillMapper::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_exact_label_scores_one_and_comes_first() {
    let m = mapper();
    let Some(esco) = m.taxonomy().framework_by_key(keys::ESCO) else {
        panic!("ESCO loaded")
    };
    let hits = m.map(
        "customer service",
        &MapOptions::new().framework(esco).top(5),
    );
    assert_eq!(hits[0].concept.label(), "customer service");
    assert_eq!(hits[0].score, 1.0);
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(hits.iter().all(|h| h.score > 0.0 && h.score <= 1.0));
    assert!(hits.iter().skip(1).all(|h| h.score < 1.0));
}

#[test]
fn framework_kind_top_and_min_score_are_respected() {
    let m = mapper();
    let tax = m.taxonomy();
    let Some(onet) = tax.framework_by_key(keys::ONET) else {
        panic!()
    };
    let options = MapOptions::new()
        .framework(onet)
        .kinds(&[ConceptKind::Technology])
        .top(4)
        .min_score(0.3);
    let hits = m.map("microsoft excel spreadsheets", &options);
    assert!(!hits.is_empty() && hits.len() <= 4);
    assert_eq!(hits[0].concept.identifier(), "tech:Microsoft Excel");
    for h in &hits {
        assert_eq!(h.concept.framework_id(), onet);
        assert_eq!(h.concept.kind(), ConceptKind::Technology);
        assert!(h.score >= 0.3);
    }
}

#[test]
fn empty_stopword_only_and_huge_phrases_are_handled() {
    let m = mapper();
    let options = MapOptions::new();
    assert!(m.map("", &options).is_empty());
    assert!(m.map("of the and", &options).is_empty());
    assert!(m.map("python", &MapOptions::new().top(0)).is_empty());
    // A megabyte of text: only the first 16 words are used.
    let huge = "welding ".repeat(130_000);
    let hits = m.map(&huge, &MapOptions::new().top(3));
    assert!(hits.len() <= 3);
    let long_word = "x".repeat(100_000);
    assert!(m.map(&long_word, &MapOptions::new().top(3)).len() <= 3);
}

#[test]
fn a_label_filter_removes_labels_from_the_index() {
    let tax = mapper().taxonomy();
    let Some(esco) = tax.framework_by_key(keys::ESCO) else {
        panic!()
    };
    let without = SkillMapper::with_label_filter(tax, |_, label| label != "customer service");
    let options = MapOptions::new().framework(esco).top(5);
    let hits = without.map("customer service", &options);
    assert!(hits.iter().all(|h| h.label != "customer service"));
    assert!(hits.iter().all(|h| h.score < 1.0));
}

fn esco_skills() -> MapOptions {
    let Some(esco) = mapper().taxonomy().framework_by_key(keys::ESCO) else {
        panic!("ESCO loaded")
    };
    MapOptions::new()
        .framework(esco)
        .kinds(&[ConceptKind::Skill, ConceptKind::Knowledge])
        .top(5)
}

#[test]
fn derivations_and_related_words_reach_the_taxonomys_wording() {
    let m = mapper();
    // `operation` meets the label's `operate`, and only at a reduced weight.
    let hits = m.map("forklift operation", &esco_skills());
    assert_eq!(hits[0].concept.label(), "operate forklift");
    assert!(hits[0].score < 1.0);
    // `cars` meets `vehicles` through the table of related words.
    let hits = m.map("repair cars", &esco_skills());
    assert!(hits[0].label.contains("vehicle"), "{:?}", hits[0].label);
}

#[test]
fn framing_words_do_not_change_the_answer() {
    let m = mapper();
    let plain: Vec<_> = m
        .map("bookkeeping", &esco_skills())
        .iter()
        .map(|h| (h.concept.id(), h.score))
        .collect();
    for framed in [
        "experience in bookkeeping",
        "strong knowledge of bookkeeping",
        "proficient bookkeeping",
    ] {
        let hits: Vec<_> = m
            .map(framed, &esco_skills())
            .iter()
            .map(|h| (h.concept.id(), h.score))
            .collect();
        assert_eq!(hits, plain, "{framed}");
    }
}

#[test]
fn an_occupation_no_label_names_is_found_by_its_tasks() {
    let tax = mapper().taxonomy();
    let Some(onet) = tax.framework_by_key(keys::ONET) else {
        panic!("O*NET loaded")
    };
    // No label mentions embalming any more; the embalmers' tasks still do.
    let m =
        SkillMapper::with_label_filter(tax, |_, label| !label.to_lowercase().contains("embalm"));
    let options = MapOptions::new()
        .framework(onet)
        .kinds(&[ConceptKind::Occupation])
        .top(3);
    let hits = m.map("embalmer", &options);
    let Some(top) = hits.first() else {
        panic!("found by its tasks")
    };
    // The answer is an occupation that embalms (O*NET lists it among its tasks).
    assert!(
        top.concept.relations().any(|r| {
            matches!(r.kind, RelationKind::PerformsTask { .. })
                && r.target.label().to_lowercase().contains("embalm")
        }),
        "{}",
        top.concept.label()
    );
    assert!(hits.iter().all(|h| h.score > 0.0 && h.score < 1.0));
    // The ESCO index has no documents: with no label left holding the word, it finds nothing.
    let esco = tax
        .framework_by_key(keys::ESCO)
        .unwrap_or_else(|| panic!("ESCO"));
    let skills = MapOptions::new()
        .framework(esco)
        .kinds(&[ConceptKind::Occupation])
        .top(3);
    assert!(m.map("embalmer", &skills).is_empty());
}

/// Options that map to the `top` best O*NET occupations.
fn onet_occupations(top: usize) -> MapOptions {
    let Some(onet) = mapper().taxonomy().framework_by_key(keys::ONET) else {
        panic!("O*NET loaded")
    };
    MapOptions::new()
        .framework(onet)
        .kinds(&[ConceptKind::Occupation])
        .top(top)
}

#[test]
fn tasks_break_ties_between_titles_but_never_beat_an_exact_title() {
    let m = mapper();
    let options = onet_occupations(5);
    let hits = m.map("Welders, Cutters, Solderers, and Brazers", &options);
    assert_eq!(hits[0].concept.identifier(), "51-4121.00");
    assert_eq!(hits[0].score, 1.0);
    assert!(hits.iter().skip(1).all(|h| h.score < 1.0));
}

#[test]
fn an_occupation_is_found_by_the_names_the_crosswalk_brings_from_esco() {
    let tax = mapper().taxonomy();
    let options = onet_occupations(3);
    // No O*NET title or task says `sysadmin`; ESCO's system administrator, which the
    // crosswalk maps to this occupation, lists it among its labels.
    let hits = mapper().map("sysadmin", &options);
    let Some(top) = hits.first() else {
        panic!("found through the crosswalk")
    };
    assert_eq!(top.concept.identifier(), "15-1244.00");
    assert!(top.score > 0.0 && top.score < 1.0);
    // A label the filter removes is removed from the documents too.
    let without =
        SkillMapper::with_label_filter(tax, |_, label| !label.to_lowercase().contains("sysadmin"));
    let hits = without.map("sysadmin", &options);
    assert!(
        hits.first()
            .is_none_or(|h| h.concept.identifier() != "15-1244.00"),
        "{:?}",
        hits.first().map(|h| h.concept.label())
    );
}

#[test]
fn an_occupation_title_without_the_phrase_s_head_word_ranks_below_one_with_it() {
    let tax = mapper().taxonomy();
    let options = onet_occupations(3);
    // Each title held out, another occupation's title shares its first words
    // (`Meat Department Associate`, `Ceramic Worker`); the answer is a manager, a painter.
    for (title, head) in [
        ("Meat Department Manager", "manager"),
        ("Ceramic Painter", "painter"),
    ] {
        let m =
            SkillMapper::with_label_filter(tax, move |_, label| !label.eq_ignore_ascii_case(title));
        let hits = m.map(title, &options);
        let Some(top) = hits.first() else {
            panic!("an answer for {title}")
        };
        assert!(
            top.label.to_lowercase().contains(head),
            "{title}: {}",
            top.label
        );
    }
}
