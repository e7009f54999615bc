//! The evaluation: prints (a) perturbed and (b) held-out label lookups (500 labels per class,
//! seed 2026), (c) the hand-labelled real-world set (both halves of its fixed split) and (d)
//! the occupation-ranking sanity set.
//! `cargo run --release -p ler-skills --example evaluate [PER_CLASS] [SEED]`.

#[allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]
#[path = "../tests/common/eval.rs"]
mod eval;
#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../tests/common/ranking.rs"]
mod ranking;
#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../tests/common/real_world.rs"]
mod real_world;

use ler_skills::{Coverage, ProfileOptions, SkillMapper, SkillProfile, Verdict, keys};
use real_world::Gold;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let per_class = args.next().and_then(|a| a.parse().ok()).unwrap_or(500);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(2026);
    let taxonomy = ler_skills::Taxonomy::embedded()?;
    let mapper = SkillMapper::embedded()?;
    let start = std::time::Instant::now();
    if std::env::var_os("LER_EVAL_DEV_MISSES").is_some() {
        dev_misses(mapper);
        return Ok(());
    }
    if per_class > 0 {
        let table = eval::run(taxonomy, per_class, seed);
        println!("(a), (b): {per_class} labels per class, seed {seed}");
        println!("{}", eval::render(&table));
    }

    println!("(c) hand-labelled real-world phrases");
    println!("| half | kind | n | p@1 | p@5 |\n|---|---|---|---|---|");
    let items = real_world::items();
    for (half, held_back) in [("development", false), ("held back", true)] {
        for (kind, name) in [('S', "skill phrases"), ('O', "job titles"), ('*', "all")] {
            let subset: Vec<&real_world::Item> = items
                .iter()
                .filter(|i| i.held_back == held_back && (kind == '*' || i.kind == kind))
                .collect();
            let (p1, p5, n) = real_world::precision(mapper, &subset, Gold::Labels);
            println!("| {half} | {name} | {n} | {p1:.3} | {p5:.3} |");
        }
    }
    blind(mapper, &items);

    println!("\n(d) occupation ranking sanity set (position of the person's own occupation)");
    println!("| record | O*NET | ESCO |\n|---|---|---|");
    for case in ranking::cases() {
        let credentials: Vec<ler_model::Credential> = case
            .records
            .iter()
            .map(|r| ler_model::Credential::from_slice(r.as_bytes()))
            .collect::<Result<_, _>>()?;
        let profile = SkillProfile::from_credentials(
            mapper,
            credentials
                .iter()
                .map(|c| (c.view(), Some(Verdict::Verified))),
            &ProfileOptions::default(),
        );
        let coverage = Coverage::new(&profile);
        let mut cells = Vec::new();
        for (key, wanted) in [(keys::ONET, case.onet), (keys::ESCO, case.esco)] {
            let framework = taxonomy.framework_by_key(key).ok_or("framework")?;
            let ranking = coverage.rank(taxonomy, framework, 10);
            let position = ranking.iter().position(|m| {
                m.occupation
                    .is_some_and(|o| wanted.contains(&o.identifier()))
            });
            cells.push(position.map_or("not in top 10".to_owned(), |p| format!("{}", p + 1)));
        }
        println!("| {} | {} | {} |", case.name, cells[0], cells[1]);
    }
    eprintln!("took {:?}", start.elapsed());
    Ok(())
}

/// (c) again for the skill phrases, with the blind second labelling deciding a hit, and how
/// the two labellings agree.
fn blind(mapper: &SkillMapper<'_>, items: &[real_world::Item]) {
    println!("\n(c) skill phrases against the blind second labelling");
    println!("| half | n | p@1 | p@5 |\n|---|---|---|---|");
    for (half, held_back) in [("development", false), ("held back", true)] {
        let subset: Vec<&real_world::Item> = items
            .iter()
            .filter(|i| i.held_back == held_back && i.kind == 'S')
            .collect();
        let (p1, p5, n) = real_world::precision(mapper, &subset, Gold::Blind);
        println!("| {half} | {n} | {p1:.3} | {p5:.3} |");
    }
    // Agreement, over the first labelling's accepted labels that name a concept.
    let (mut phrases, mut overlapping, mut first, mut second, mut both) = (0, 0, 0, 0, 0);
    for item in items.iter().filter(|i| i.kind == 'S') {
        let by_labels = real_world::label_concepts(mapper, item);
        phrases += 1;
        first += by_labels.len();
        second += item.blind.len();
        let shared = by_labels.iter().filter(|c| item.blind.contains(*c)).count();
        both += shared;
        overlapping += usize::from(shared > 0);
    }
    println!(
        "agreement: {overlapping} of {phrases} phrases share a concept; the first labelling \
         names {first} concepts, the blind one {second}, both {both}"
    );
}

/// Prints the development half's misses (never the held-back half's), judged by the first
/// labelling, or by the blind one with `LER_EVAL_GOLD=blind` (skill phrases only).
#[allow(dead_code)]
fn dev_misses(mapper: &SkillMapper<'_>) {
    let gold = if std::env::var("LER_EVAL_GOLD").as_deref() == Ok("blind") {
        Gold::Blind
    } else {
        Gold::Labels
    };
    let items = real_world::items();
    let development = items
        .iter()
        .filter(|i| !i.held_back && (gold == Gold::Labels || i.kind == 'S'));
    for item in development {
        let answers = real_world::answers(mapper, item);
        let hit = |c: &ler_skills::Concept<'_>| real_world::is_hit(item, c, gold);
        if !answers.first().is_some_and(hit) {
            let mut wanted: Vec<&str> = match gold {
                Gold::Labels => item.gold.iter().map(String::as_str).collect(),
                Gold::Blind => item.blind.iter().copied().collect(),
            };
            wanted.sort_unstable();
            println!(
                "MISS {} (want {wanted:?}) => {:?}",
                item.phrase,
                answers
                    .iter()
                    .take(2)
                    .map(|c| c.label())
                    .collect::<Vec<_>>()
            );
            if std::env::var("LER_EVAL_DEV_MISSES").as_deref() == Ok("2") {
                detail(mapper, item);
            }
        }
    }
}

/// Every scored candidate behind a development-half miss: the whole phrase's matches and the
/// extracted spans, per target, with their scores.
#[allow(dead_code)]
fn detail(mapper: &SkillMapper<'_>, item: &real_world::Item) {
    use ler_skills::ExtractOptions;
    let targets = real_world::targets(mapper, item);
    for target in targets {
        for hit in mapper.map(item.phrase, &target.clone().top(5)) {
            println!("    map {:.3} {}", hit.score, hit.label);
        }
        if item.kind == 'S' {
            let options = ExtractOptions::new().target(target).min_score(0.5).top(5);
            for e in mapper.extract(item.phrase, &options) {
                println!("    ext {:.3} {} [{}]", e.score, e.label, e.text);
            }
        }
    }
}
