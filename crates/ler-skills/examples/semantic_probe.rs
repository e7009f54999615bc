//! Writes what `tools/semantic_probe.py` needs to measure a sentence-embedding model against
//! the lexical mapper on the evaluation's own sets: `semantic_probe OUT_DIR [SEED...]`
//! (seeds default to 7, the tuning seed, and 2026, the reported one).
//!
//! Files written to `OUT_DIR`:
//! - `concepts.tsv`: `index, framework, kind, labels` (`|`-separated, preferred first) for the
//!   kinds the evaluation looks in (ESCO skills, knowledge and occupations; O*NET technologies
//!   and occupations);
//! - `real_world.tsv`: set (c), `item, kind, held_back, phrase, accepted labels, the concepts
//!   of blind labelling A, those of B` (indexes, `|`-separated; empty for a job title);
//! - `real_world_lexical.tsv`: `item, score, concept` for every candidate the evaluation's
//!   answer list is built from (the whole phrase mapped, top 20 per target, and the spans
//!   extracted), so the probe can merge the two scorers;
//! - `onet_held_out_SEED.tsv`: the O*NET rows of set (b) unperturbed,
//!   `query, carriers (|-separated concept indexes), lexical answers (index:score, top 20)`,
//!   answered by the mapper with every sampled label removed, as `evaluate` does;
//! - `removed_SEED.txt`: the labels removed for that seed (one per line), so the probe removes
//!   the same labels from its own index.

#[allow(dead_code, unreachable_pub, missing_docs, clippy::unwrap_used)]
#[path = "../tests/common/eval.rs"]
mod eval;
#[allow(dead_code, unreachable_pub, missing_docs)]
#[path = "../tests/common/real_world.rs"]
mod real_world;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use ler_skills::{ConceptKind, MapOptions, SkillMapper, Taxonomy, keys};

/// Candidates per target the probe may re-rank (the evaluation itself looks at five).
const CANDIDATES: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .ok_or("usage: semantic_probe OUT_DIR [SEED...]")?;
    let out = Path::new(&out);
    std::fs::create_dir_all(out)?;
    let mut seeds: Vec<u64> = args.map(|a| a.parse()).collect::<Result<_, _>>()?;
    if seeds.is_empty() {
        seeds = vec![7, 2026];
    }
    let taxonomy = Taxonomy::embedded()?;
    let mapper = SkillMapper::embedded()?;
    write_concepts(taxonomy, &out.join("concepts.tsv"))?;
    write_real_world(mapper, out)?;
    for seed in seeds {
        write_onet_held_out(taxonomy, seed, out)?;
    }
    Ok(())
}

/// Whether the evaluation looks for answers among concepts of this framework and kind.
fn probed(framework: &str, kind: ConceptKind) -> bool {
    ['S', 'O']
        .into_iter()
        .flat_map(real_world::scope)
        .any(|(key, kinds)| key == framework && kinds.contains(&kind))
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '|'], " ")
}

fn write_concepts(taxonomy: &Taxonomy, path: &Path) -> std::io::Result<()> {
    let mut f = BufWriter::new(File::create(path)?);
    for c in taxonomy.concepts() {
        let framework = &c.framework().key;
        if !probed(framework, c.kind()) {
            continue;
        }
        let labels: Vec<String> = std::iter::once(c.label())
            .chain(c.alt_labels())
            .map(clean)
            .collect();
        writeln!(
            f,
            "{}\t{framework}\t{:?}\t{}",
            c.id().index(),
            c.kind(),
            labels.join("|")
        )?;
    }
    f.flush()?;
    Ok(())
}

fn write_real_world(mapper: &SkillMapper<'_>, out: &Path) -> std::io::Result<()> {
    let mut items = BufWriter::new(File::create(out.join("real_world.tsv"))?);
    let mut lexical = BufWriter::new(File::create(out.join("real_world_lexical.tsv"))?);
    for (n, item) in real_world::items().iter().enumerate() {
        let mut gold: Vec<&str> = item.gold.iter().map(String::as_str).collect();
        gold.sort_unstable();
        let blind = item.blind.each_ref().map(|ids| {
            let mut indexes: Vec<usize> = ids
                .iter()
                .filter_map(|id| mapper.taxonomy().concept_by_id(id))
                .map(|c| c.id().index())
                .collect();
            indexes.sort_unstable();
            indexes
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join("|")
        });
        writeln!(
            items,
            "{n}\t{}\t{}\t{}\t{}\t{}\t{}",
            item.kind,
            u8::from(item.held_back),
            item.phrase,
            gold.join("|"),
            blind[0],
            blind[1]
        )?;
        for (score, concept) in real_world::candidates(mapper, item, CANDIDATES) {
            writeln!(lexical, "{n}\t{score}\t{}", concept.id().index())?;
        }
    }
    items.flush()?;
    lexical.flush()
}

fn write_onet_held_out(
    taxonomy: &Taxonomy,
    seed: u64,
    out: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let samples = eval::sample(taxonomy, 500, seed);
    let removed = eval::removed(&samples);
    let mut removed_file = BufWriter::new(File::create(out.join(format!("removed_{seed}.txt")))?);
    let mut sorted: Vec<&String> = removed.iter().collect();
    sorted.sort_unstable();
    for label in sorted {
        writeln!(removed_file, "{}", clean(label))?;
    }
    removed_file.flush()?;
    let held_out = eval::held_out(taxonomy, removed);
    let onet = taxonomy
        .framework_by_key(keys::ONET)
        .ok_or("the taxonomy has no O*NET framework")?;
    let options = MapOptions::new()
        .framework(onet)
        .kinds(&[ConceptKind::Occupation])
        .top(CANDIDATES);
    let mut f = BufWriter::new(File::create(out.join(format!("onet_held_out_{seed}.tsv")))?);
    for (class, label) in &samples {
        let class = eval::CLASSES[*class];
        if class.framework != keys::ONET {
            continue;
        }
        let carriers: Vec<String> = eval::carriers(taxonomy, class, onet, label)
            .iter()
            .map(|c| c.index().to_string())
            .collect();
        let answers: Vec<String> = held_out
            .map(label, &options)
            .iter()
            .map(|h| format!("{}:{}", h.concept.id().index(), h.score))
            .collect();
        writeln!(
            f,
            "{}\t{}\t{}",
            clean(label),
            carriers.join("|"),
            answers.join("|")
        )?;
    }
    f.flush()?;
    Ok(())
}
