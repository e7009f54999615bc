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
            let (p1, p5, n) = real_world::precision(mapper, &subset);
            println!("| {half} | {name} | {n} | {p1:.3} | {p5:.3} |");
        }
    }

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

/// Prints the development half's misses (never the held-back half's).
#[allow(dead_code)]
fn dev_misses(mapper: &SkillMapper<'_>) {
    for item in real_world::items().iter().filter(|i| !i.held_back) {
        let answers = real_world::answers(mapper, item);
        let hit = |a: &Vec<String>| a.iter().any(|l| item.gold.contains(l));
        if !answers.first().is_some_and(hit) {
            let mut gold: Vec<&String> = item.gold.iter().collect();
            gold.sort();
            println!(
                "MISS {} (want {gold:?}) => {:?}",
                item.phrase,
                answers
                    .iter()
                    .take(2)
                    .map(|a| a[0].clone())
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
