//! The hand-labelled real-world set (`tests/data/real_world_phrases.tsv`): CV lines, job-ad
//! lines and course phrases, each with the labels a right answer may carry. Shared by
//! `examples/evaluate.rs` and `tests/real_world.rs`.

use std::collections::HashSet;

use ler_skills::{ConceptKind, ExtractOptions, MapOptions, SkillMapper, keys};

/// The labelled set, as committed.
pub const DATA: &str = include_str!("../data/real_world_phrases.tsv");

/// One labelled phrase.
pub struct Item {
    /// `S` (a skill, knowledge or technology) or `O` (an occupation).
    pub kind: char,
    pub phrase: &'static str,
    /// Accepted labels, normalised (lowercase, single spaces).
    pub gold: HashSet<String>,
    /// Whether it is in the held-back half (odd data lines).
    pub held_back: bool,
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
    DATA.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .enumerate()
        .filter_map(|(i, line)| {
            let mut parts = line.split('\t');
            let kind = parts.next()?.chars().next()?;
            let phrase = parts.next()?;
            let gold = parts.next()?.split('|').map(norm).collect();
            Some(Item {
                kind,
                phrase,
                gold,
                held_back: i % 2 == 1,
            })
        })
        .collect()
}

/// Where an item's answers are looked for: ESCO and O*NET occupations for an occupation;
/// ESCO skills and knowledge and O*NET technologies for a skill phrase (none without both
/// frameworks).
pub fn targets(mapper: &SkillMapper<'_>, item: &Item) -> Vec<MapOptions> {
    let tax = mapper.taxonomy();
    let (Some(esco), Some(onet)) = (
        tax.framework_by_key(keys::ESCO),
        tax.framework_by_key(keys::ONET),
    ) else {
        return Vec::new();
    };
    if item.kind == 'O' {
        vec![
            MapOptions::new()
                .framework(esco)
                .kinds(&[ConceptKind::Occupation]),
            MapOptions::new()
                .framework(onet)
                .kinds(&[ConceptKind::Occupation]),
        ]
    } else {
        vec![
            MapOptions::new()
                .framework(esco)
                .kinds(&[ConceptKind::Skill, ConceptKind::Knowledge]),
            MapOptions::new()
                .framework(onet)
                .kinds(&[ConceptKind::Technology]),
        ]
    }
}

/// The answers to one item, best first: for a skill phrase, the concepts extracted from it
/// (ESCO skills and knowledge, O*NET technologies) merged with the best matches of the whole
/// phrase; for an occupation, the best ESCO and O*NET occupations. Each answer is the set of
/// its labels.
pub fn answers(mapper: &SkillMapper<'_>, item: &Item) -> Vec<Vec<String>> {
    let targets = targets(mapper, item);
    let mut scored = Vec::new();
    for target in &targets {
        for hit in mapper.map(item.phrase, &target.clone().top(5)) {
            scored.push((hit.score, hit.concept));
        }
        if item.kind == 'S' {
            let options = ExtractOptions::new()
                .target(target.clone())
                .min_score(0.5)
                .top(5);
            for e in mapper.extract(item.phrase, &options) {
                scored.push((e.score, e.concept));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id().cmp(&b.1.id())));
    let mut seen = HashSet::new();
    scored
        .into_iter()
        .filter(|(_, c)| seen.insert(c.id()))
        .map(|(_, c)| {
            std::iter::once(c.label())
                .chain(c.alt_labels())
                .map(norm)
                .collect()
        })
        .collect()
}

/// Precision at 1 and 5 over `items`: `(p@1, p@5, n)`.
pub fn precision(mapper: &SkillMapper<'_>, items: &[&Item]) -> (f64, f64, usize) {
    let (mut at1, mut at5) = (0usize, 0usize);
    for item in items {
        let answers = answers(mapper, item);
        let hit = |a: &Vec<String>| a.iter().any(|l| item.gold.contains(l));
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
