//! The hand-labelled real-world set and its blind labellings are well formed: what the
//! evaluation's (c) rows count is what the files say.

#[allow(dead_code, unreachable_pub, missing_docs)]
mod common {
    pub mod real_world;
}

use common::real_world;
use ler_skills::SkillMapper;

fn mapper() -> &'static SkillMapper<'static> {
    let Ok(mapper) = SkillMapper::embedded() else {
        panic!("the embedded taxonomy decodes");
    };
    mapper
}

#[test]
fn the_set_has_two_hundred_phrases_in_two_halves_and_every_phrase_has_a_reachable_answer() {
    let mapper = mapper();
    let items = real_world::items();
    assert!(items.len() >= 200, "{} phrases", items.len());
    for held_back in [false, true] {
        let half = items.iter().filter(|i| i.held_back == held_back).count();
        assert!(half * 2 + 1 >= items.len(), "a half of {half}");
    }
    for item in &items {
        assert!(matches!(item.kind, 'S' | 'O'), "kind of {:?}", item.phrase);
        assert!(
            !real_world::label_concepts(mapper, item).is_empty(),
            "no accepted label of {:?} names a concept it is looked for in",
            item.phrase
        );
    }
}

#[test]
fn each_blind_labelling_covers_every_skill_phrase_with_concepts_it_is_looked_for_in() {
    let mapper = mapper();
    let taxonomy = mapper.taxonomy();
    let items = real_world::items();
    let skill_phrases: Vec<&str> = items
        .iter()
        .filter(|i| i.kind == 'S')
        .map(|i| i.phrase)
        .collect();
    for labelling in 0..real_world::BLIND.len() {
        let lines = real_world::blind_lines(labelling);
        let blind_phrases: Vec<&str> = lines.iter().map(|(phrase, _)| *phrase).collect();
        assert_eq!(
            blind_phrases, skill_phrases,
            "labelling {labelling}: the same phrases, in the same order"
        );
        for (phrase, ids) in &lines {
            let Some(item) = items.iter().find(|i| i.phrase == *phrase) else {
                panic!("{phrase:?} is in the set");
            };
            assert_eq!(
                item.blind[labelling].len(),
                ids.len(),
                "labelling {labelling} lists a concept of {phrase:?} twice"
            );
            for id in ids {
                let Some(concept) = taxonomy.concept_by_id(id) else {
                    panic!("{id} (labelling {labelling}, {phrase:?}) is not a concept");
                };
                assert!(
                    real_world::in_targets(mapper, item, &concept),
                    "{id} (labelling {labelling}, {phrase:?}) is not where skill phrases are looked for"
                );
            }
        }
    }
}
