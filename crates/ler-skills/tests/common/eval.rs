//! The mapper evaluation, shared by `tests/mapper_eval.rs` (a small sample) and
//! `examples/evaluate.rs` (the figures in the crate docs).
//!
//! A fixed-seed sample of alternative labels (ESCO skills, knowledge and occupations; O*NET
//! alternate titles) is perturbed and looked up, (a) in the full index and (b) in an index from
//! which every sampled label was removed first. A hit is any answer that carries the original
//! label (preferred or alternative, ignoring case and spacing).

use std::collections::HashSet;

use ler_skills::{ConceptId, ConceptKind, FrameworkId, MapOptions, SkillMapper, Taxonomy, keys};

/// SplitMix64: a tiny deterministic generator, so the sample is the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perturbation {
    None,
    Typo,
    WordOrder,
    Plural,
    Case,
}

pub const PERTURBATIONS: [Perturbation; 5] = [
    Perturbation::None,
    Perturbation::Typo,
    Perturbation::WordOrder,
    Perturbation::Plural,
    Perturbation::Case,
];

impl Perturbation {
    pub fn name(self) -> &'static str {
        match self {
            Perturbation::None => "none",
            Perturbation::Typo => "typo",
            Perturbation::WordOrder => "word order",
            Perturbation::Plural => "plural",
            Perturbation::Case => "case",
        }
    }

    /// The perturbed label, or `None` when it does not apply (a one-word label has no order).
    pub fn apply(self, label: &str, rng: &mut Rng) -> Option<String> {
        let words: Vec<&str> = label.split_whitespace().collect();
        match self {
            Perturbation::None => Some(label.to_owned()),
            Perturbation::Case => Some(
                words
                    .iter()
                    .map(|w| {
                        if rng.below(2) == 0 {
                            w.to_uppercase()
                        } else {
                            let mut c = w.chars();
                            c.next().map_or_else(String::new, |f| {
                                f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()
                            })
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Perturbation::WordOrder => {
                if words.len() < 2 {
                    return None;
                }
                let mut w = words.clone();
                // A rotation by a random amount: always a different order.
                let k = 1 + rng.below(w.len() - 1);
                w.rotate_left(k);
                Some(w.join(" "))
            }
            Perturbation::Plural => {
                // Pluralise one random word that is plain lowercase ASCII and not yet plural.
                let candidates: Vec<usize> = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| {
                        w.len() >= 3
                            && w.bytes().all(|b| b.is_ascii_alphabetic())
                            && w.bytes().skip(1).all(|b| b.is_ascii_lowercase())
                            && !w.ends_with('s')
                            && !["and", "the", "for", "with", "from", "into"].contains(w)
                    })
                    .map(|(i, _)| i)
                    .collect();
                if candidates.is_empty() {
                    return None;
                }
                let i = candidates[rng.below(candidates.len())];
                let w = words[i];
                let plural = if let Some(base) = w.strip_suffix('y')
                    && !base.ends_with(['a', 'e', 'i', 'o', 'u'])
                {
                    format!("{base}ies")
                } else if w.ends_with('x')
                    || w.ends_with('z')
                    || w.ends_with("ch")
                    || w.ends_with("sh")
                {
                    format!("{w}es")
                } else {
                    format!("{w}s")
                };
                let mut out: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
                out[i] = plural;
                Some(out.join(" "))
            }
            Perturbation::Typo => {
                let candidates: Vec<usize> = words
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.len() >= 5 && w.bytes().all(|b| b.is_ascii_alphabetic()))
                    .map(|(i, _)| i)
                    .collect();
                if candidates.is_empty() {
                    return None;
                }
                let i = candidates[rng.below(candidates.len())];
                let mut w: Vec<u8> = words[i].as_bytes().to_vec();
                // Never the first letter: people rarely get it wrong.
                let at = 1 + rng.below(w.len() - 1);
                let letter = b'a' + rng.below(26) as u8;
                match rng.below(4) {
                    0 => w[at] = if w[at] == letter { b'x' } else { letter },
                    1 => {
                        w.remove(at);
                    }
                    2 => w.insert(at, letter),
                    _ => {
                        let j = if at + 1 < w.len() { at + 1 } else { at - 1 };
                        w.swap(at, j);
                    }
                }
                let mut out: Vec<String> = words.iter().map(|s| (*s).to_owned()).collect();
                out[i] = String::from_utf8(w).unwrap_or_default();
                Some(out.join(" "))
            }
        }
    }
}

/// A label class to sample: a framework and a concept kind.
#[derive(Clone, Copy, Debug)]
pub struct Class {
    pub name: &'static str,
    pub framework: &'static str,
    pub kind: ConceptKind,
}

pub const CLASSES: [Class; 4] = [
    Class {
        name: "ESCO skill",
        framework: keys::ESCO,
        kind: ConceptKind::Skill,
    },
    Class {
        name: "ESCO knowledge",
        framework: keys::ESCO,
        kind: ConceptKind::Knowledge,
    },
    Class {
        name: "ESCO occupation",
        framework: keys::ESCO,
        kind: ConceptKind::Occupation,
    },
    Class {
        name: "O*NET occupation",
        framework: keys::ONET,
        kind: ConceptKind::Occupation,
    },
];

/// The form labels are compared in: lowercase, single spaces.
pub fn key(label: &str) -> String {
    label
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `per_class` alternative labels of each class, sampled with the seed: `(class, label)`.
pub fn sample(tax: &Taxonomy, per_class: usize, seed: u64) -> Vec<(usize, String)> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (ci, class) in CLASSES.iter().enumerate() {
        let Some(fw) = tax.framework_by_key(class.framework) else {
            continue;
        };
        let mut pool: Vec<&str> = Vec::new();
        for c in tax.concepts_in(fw).filter(|c| c.kind() == class.kind) {
            pool.extend(c.alt_labels());
        }
        let mut seen = HashSet::new();
        let mut tries = 0;
        while out.iter().filter(|(c, _)| *c == ci).count() < per_class && tries < per_class * 20 {
            tries += 1;
            let label = pool[rng.below(pool.len())];
            if label.split_whitespace().next().is_none() || !seen.insert(key(label)) {
                continue;
            }
            out.push((ci, label.to_owned()));
        }
    }
    out
}

/// Hits at 1 and 5 and the number of queries, per (setting, class, perturbation).
#[derive(Debug, Default, Clone, Copy)]
pub struct Cell {
    pub queries: usize,
    pub at1: usize,
    pub at5: usize,
}

impl Cell {
    pub fn p1(&self) -> f64 {
        self.at1 as f64 / self.queries.max(1) as f64
    }
    pub fn p5(&self) -> f64 {
        self.at5 as f64 / self.queries.max(1) as f64
    }
}

/// Results: `[setting][class][perturbation]`, setting 0 = full index, 1 = labels removed.
pub type Table = [[[Cell; 5]; 4]; 2];

/// The sampled labels, in the form labels are compared in ([`key`]).
pub fn removed(samples: &[(usize, String)]) -> HashSet<String> {
    samples.iter().map(|(_, l)| key(l)).collect()
}

/// The mapper of setting (b): `tax` with every label in `removed` left out of the index.
pub fn held_out(tax: &Taxonomy, removed: HashSet<String>) -> SkillMapper<'_> {
    SkillMapper::with_label_filter(tax, move |_, label| !removed.contains(&key(label)))
}

/// The concepts of `class` (in framework `fw`) that carry `label`: the right answers to it.
pub fn carriers(tax: &Taxonomy, class: Class, fw: FrameworkId, label: &str) -> Vec<ConceptId> {
    tax.concepts_by_label(label)
        .filter(|c| c.kind() == class.kind && c.framework_id() == fw)
        .map(|c| c.id())
        .collect()
}

pub fn run(tax: &Taxonomy, per_class: usize, seed: u64) -> Table {
    let samples = sample(tax, per_class, seed);
    let full = SkillMapper::new(tax);
    let held_out = held_out(tax, removed(&samples));
    let mut table: Table = Default::default();
    for (setting, mapper) in [&full, &held_out].into_iter().enumerate() {
        let mut rng = Rng::new(seed ^ 0x5EED);
        for (ci, label) in &samples {
            let class = CLASSES[*ci];
            let Some(fw) = tax.framework_by_key(class.framework) else {
                continue;
            };
            let carriers: HashSet<_> = carriers(tax, class, fw, label).into_iter().collect();
            let options = MapOptions::new().framework(fw).kinds(&[class.kind]).top(5);
            for (pi, p) in PERTURBATIONS.iter().enumerate() {
                let Some(query) = p.apply(label, &mut rng) else {
                    continue;
                };
                let answers = mapper.map(&query, &options);
                let cell = &mut table[setting][*ci][pi];
                cell.queries += 1;
                if answers
                    .first()
                    .is_some_and(|a| carriers.contains(&a.concept.id()))
                {
                    cell.at1 += 1;
                }
                if answers
                    .iter()
                    .take(5)
                    .any(|a| carriers.contains(&a.concept.id()))
                {
                    cell.at5 += 1;
                }
            }
        }
    }
    table
}

/// The table as Markdown.
pub fn render(table: &Table) -> String {
    let mut out = String::new();
    for (setting, name) in [
        "(a) robustness: full index",
        "(b) generalization: sampled labels removed",
    ]
    .iter()
    .enumerate()
    {
        out.push_str(&format!(
            "\n{name}\n\n| kind | perturbation | queries | p@1 | p@5 |\n|---|---|---|---|---|\n"
        ));
        let mut total = Cell::default();
        for (ci, class) in CLASSES.iter().enumerate() {
            for (pi, p) in PERTURBATIONS.iter().enumerate() {
                let c = table[setting][ci][pi];
                total.queries += c.queries;
                total.at1 += c.at1;
                total.at5 += c.at5;
                out.push_str(&format!(
                    "| {} | {} | {} | {:.3} | {:.3} |\n",
                    class.name,
                    p.name(),
                    c.queries,
                    c.p1(),
                    c.p5()
                ));
            }
        }
        out.push_str(&format!(
            "| all | all | {} | {:.3} | {:.3} |\n",
            total.queries,
            total.p1(),
            total.p5()
        ));
    }
    out
}

/// Overall precision@1 of a setting.
pub fn overall(table: &Table, setting: usize) -> Cell {
    let mut total = Cell::default();
    for class in &table[setting] {
        for c in class {
            total.queries += c.queries;
            total.at1 += c.at1;
            total.at5 += c.at5;
        }
    }
    total
}
