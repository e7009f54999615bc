//! Rough timing of the mapper on ESCO skill labels (exact and with a dropped letter) and on
//! ESCO and O*NET occupation titles (whose indexes also score the occupations' documents).
use ler_skills::{ConceptKind, MapOptions, SkillMapper, keys};
fn main() -> Result<(), ler_skills::Error> {
    let m = SkillMapper::embedded()?;
    let tax = m.taxonomy();
    let esco = tax.framework_by_key(keys::ESCO);
    let mut o = MapOptions::new()
        .top(5)
        .kinds(&[ConceptKind::Skill, ConceptKind::Knowledge]);
    o.framework = esco;
    m.map("x", &o);
    let labels: Vec<String> = tax
        .concepts()
        .filter(|c| c.kind() == ConceptKind::Skill && c.identifier().contains("/esco/"))
        .step_by(11)
        .take(1000)
        .map(|c| c.alt_labels().next().unwrap_or(c.label()).to_owned())
        .collect();
    let typo: Vec<String> = labels
        .iter()
        .map(|l| {
            let mut p = l.clone();
            if p.len() > 6 && p.is_char_boundary(4) && p.is_char_boundary(5) {
                p.remove(4);
            }
            p
        })
        .collect();
    for (name, set) in [("exact", &labels), ("typo", &typo)] {
        let t = std::time::Instant::now();
        let c0 = cpu();
        let mut n = 0;
        for _ in 0..10 {
            for p in set.iter() {
                n += m.map(p, &o).len();
            }
        }
        let e = t.elapsed();
        let c = cpu() - c0;
        println!(
            "{name}: {:.0} phrases/s wall, {:.0} phrases/s cpu ({n})",
            10000.0 / e.as_secs_f64(),
            10000.0 / c
        );
    }
    for key in [keys::ESCO, keys::ONET] {
        let framework = tax.framework_by_key(key);
        let mut o = MapOptions::new().top(5).kinds(&[ConceptKind::Occupation]);
        o.framework = framework;
        let t = std::time::Instant::now();
        m.map("x", &o);
        let build = t.elapsed();
        let titles: Vec<String> = tax
            .concepts()
            .filter(|c| c.kind() == ConceptKind::Occupation && Some(c.framework_id()) == framework)
            .flat_map(|c| c.alt_labels().take(3).collect::<Vec<_>>())
            .take(1000)
            .map(str::to_owned)
            .collect();
        let t = std::time::Instant::now();
        let c0 = cpu();
        let mut n = 0;
        for _ in 0..10 {
            for p in &titles {
                n += m.map(p, &o).len();
            }
        }
        let e = t.elapsed();
        let c = cpu() - c0;
        let count = 10.0 * titles.len() as f64;
        println!(
            "{key} occupations: index built in {build:.2?}; {:.0} phrases/s wall, {:.0} phrases/s cpu ({n})",
            count / e.as_secs_f64(),
            count / c
        );
    }
    Ok(())
}

/// This thread's user+system CPU seconds (Linux), to measure on a shared, loaded machine.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(11) + t(12)) / 100.0
}
