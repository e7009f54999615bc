//! The hand-labelled real-world set (`tests/data/real_world_phrases.tsv`): CV lines, job-ad
//! lines and course phrases, each with the labels a right answer may carry; and two more,
//! blind labellings of its skill phrases (`tests/data/real_world_blind_labels.tsv` and
//! `real_world_blind_labels_b.tsv`), made independently of each other. Shared by
//! `examples/evaluate.rs`, `examples/semantic_probe.rs` and `tests/real_world.rs`.

use std::collections::{HashMap, HashSet};

use ler_skills::{Concept, ConceptKind, ExtractOptions, MapOptions, SkillMapper, keys};

/// The labelled set, as committed.
pub const DATA: &str = include_str!("../data/real_world_phrases.tsv");

/// The blind labellings of the skill phrases (A, then B), as committed: `id, phrase, concept
/// identifiers, their labels`, tab-separated, identifiers `|`-separated.
pub const BLIND: [&str; 2] = [
    include_str!("../data/real_world_blind_labels.tsv"),
    include_str!("../data/real_world_blind_labels_b.tsv"),
];

/// One labelled phrase.
pub struct Item {
    /// `S` (a skill, knowledge or technology) or `O` (an occupation).
    pub kind: char,
    pub phrase: &'static str,
    /// Accepted labels, normalised (lowercase, single spaces).
    pub gold: HashSet<String>,
    /// Whether it is in the held-back half (odd data lines).
    pub held_back: bool,
    /// For a skill phrase, the concepts each blind labelling (A, B) accepts (identifiers as
    /// `Taxonomy::concept_by_id` takes them); empty for a job title or a phrase one lacks.
    pub blind: [HashSet<&'static str>; 2],
}

/// Which labelling decides a hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gold {
    /// The first labelling: any answer carrying an accepted label.
    Labels,
    /// A blind labelling (0 for A, 1 for B): any answer among its concepts.
    Blind(usize),
    /// Both blind labellings: any answer both accept.
    BlindBoth,
}

/// A blind labelling's lines (0 for A, 1 for B): `(phrase, identifiers)`, in file order.
pub fn blind_lines(labelling: usize) -> Vec<(&'static str, Vec<&'static str>)> {
    BLIND
        .get(labelling)
        .copied()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| {
            let mut parts = line.split('\t').skip(1);
            let phrase = parts.next()?;
            let ids = parts
                .next()?
                .split('|')
                .filter(|id| !id.is_empty())
                .collect();
            Some((phrase, ids))
        })
        .collect()
}

fn norm(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The items, in file order.
pub fn items() -> Vec<Item> {
    let blind: [HashMap<&str, Vec<&str>>; 2] =
        [0, 1].map(|labelling| blind_lines(labelling).into_iter().collect());
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .enumerate()
        .filter_map(|(i, line)| {
            let mut parts = line.split('\t');
            let kind = parts.next()?.chars().next()?;
            let phrase = parts.next()?;
            let gold = parts.next()?.split('|').map(norm).collect();
            let blind = blind
                .each_ref()
                .map(|by_phrase| match by_phrase.get(phrase) {
                    Some(ids) if kind == 'S' => ids.iter().copied().collect(),
                    _ => HashSet::new(),
                });
            Some(Item {
                kind,
                phrase,
                gold,
                held_back: i % 2 == 1,
                blind,
            })
        })
        .collect()
}

/// Where an item of `kind` is answered: ESCO and O*NET occupations for an occupation (`O`);
/// ESCO skills and knowledge and O*NET technologies for a skill phrase.
pub fn scope(kind: char) -> [(&'static str, &'static [ConceptKind]); 2] {
    if kind == 'O' {
        [
            (keys::ESCO, &[ConceptKind::Occupation]),
            (keys::ONET, &[ConceptKind::Occupation]),
        ]
    } else {
        [
            (keys::ESCO, &[ConceptKind::Skill, ConceptKind::Knowledge]),
            (keys::ONET, &[ConceptKind::Technology]),
        ]
    }
}

/// The searches that answer an item (see [`scope`]); none without both frameworks.
pub fn targets(mapper: &SkillMapper<'_>, item: &Item) -> Vec<MapOptions> {
    let tax = mapper.taxonomy();
    let searches: Option<Vec<MapOptions>> = scope(item.kind)
        .iter()
        .map(|(key, kinds)| {
            tax.framework_by_key(key)
                .map(|fw| MapOptions::new().framework(fw).kinds(kinds))
        })
        .collect();
    searches.unwrap_or_default()
}

/// Every scored candidate an item's answers are built from, unsorted: per target (see
/// [`targets`]), the whole phrase's `top` best matches and, for a skill phrase, the five best
/// spans extracted from it (scoring 0.5 or more).
pub fn candidates<'t>(
    mapper: &SkillMapper<'t>,
    item: &Item,
    top: usize,
) -> Vec<(f32, Concept<'t>)> {
    let mut scored = Vec::new();
    for target in targets(mapper, item) {
        for hit in mapper.map(item.phrase, &target.clone().top(top)) {
            scored.push((hit.score, hit.concept));
        }
        if item.kind == 'S' {
            let options = ExtractOptions::new().target(target).min_score(0.5).top(5);
            for e in mapper.extract(item.phrase, &options) {
                scored.push((e.score, e.concept));
            }
        }
    }
    scored
}

/// The answers to one item, best first: for a skill phrase, the concepts extracted from it
/// (ESCO skills and knowledge, O*NET technologies) merged with the best matches of the whole
/// phrase; for an occupation, the best ESCO and O*NET occupations.
pub fn answers<'t>(mapper: &SkillMapper<'t>, item: &Item) -> Vec<Concept<'t>> {
    let mut scored = candidates(mapper, item, 5);
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id().cmp(&b.1.id())));
    let mut seen = HashSet::new();
    scored
        .into_iter()
        .filter(|(_, c)| seen.insert(c.id()))
        .map(|(_, c)| c)
        .collect()
}

/// Whether `concept` is a right answer to `item` under `gold`.
pub fn is_hit(item: &Item, concept: &Concept<'_>, gold: Gold) -> bool {
    match gold {
        Gold::Labels => std::iter::once(concept.label())
            .chain(concept.alt_labels())
            .any(|l| item.gold.contains(&norm(l))),
        Gold::Blind(labelling) => item
            .blind
            .get(labelling)
            .is_some_and(|ids| ids.contains(concept.identifier())),
        Gold::BlindBoth => item
            .blind
            .iter()
            .all(|ids| ids.contains(concept.identifier())),
    }
}

/// Precision at 1 and 5 over `items` under `gold`: `(p@1, p@5, n)`.
pub fn precision(mapper: &SkillMapper<'_>, items: &[&Item], gold: Gold) -> (f64, f64, usize) {
    let (mut at1, mut at5) = (0usize, 0usize);
    for item in items {
        let answers = answers(mapper, item);
        let hit = |c: &Concept<'_>| is_hit(item, c, gold);
        if answers.first().is_some_and(hit) {
            at1 += 1;
        }
        if answers.iter().take(5).any(hit) {
            at5 += 1;
        }
    }
    let n = items.len().max(1) as f64;
    (at1 as f64 / n, at5 as f64 / n, items.len())
}

/// Whether `concept` is of a kind and framework that `item`'s answers are looked for in (see
/// [`scope`]).
pub fn in_targets(mapper: &SkillMapper<'_>, item: &Item, concept: &Concept<'_>) -> bool {
    let tax = mapper.taxonomy();
    scope(item.kind).iter().any(|(key, kinds)| {
        tax.framework_by_key(key) == Some(concept.framework_id()) && kinds.contains(&concept.kind())
    })
}

/// The identifiers of the concepts in `item`'s targets that carry one of the first labelling's
/// accepted labels.
pub fn label_concepts<'t>(mapper: &SkillMapper<'t>, item: &Item) -> HashSet<&'t str> {
    item.gold
        .iter()
        .flat_map(|label| mapper.taxonomy().concepts_by_label(label))
        .filter(|c| in_targets(mapper, item, c))
        .map(|c| c.identifier())
        .collect()
}
