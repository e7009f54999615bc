//! Matching a skill profile against occupations and jobs, with explanations.

use std::collections::HashMap;

use crate::model::{
    ConceptId, ConceptKind, FrameworkId, Importance, MatchKind, RelationKind, keys,
};
use crate::profile::{SkillProfile, is_occupation};
use crate::taxonomy::{Concept, Taxonomy};

/// How much a requirement needs a skill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RequirementLevel {
    /// ESCO essential skill, or a job's must-have (weight 1).
    Essential,
    /// ESCO optional skill, or a job's nice-to-have (weight 0.5).
    Optional,
    /// O*NET technology skill (weight 0.3; 0.5 for a Hot Technology: tools are named by
    /// product, so they say less about the work than its activities).
    Technology {
        /// O*NET "Hot Technology".
        hot: bool,
    },
    /// O*NET skill, knowledge, ability or work activity rated important for the occupation
    /// (from O*NET's rating files, when loaded): weight importance / 5 (0.6 to 1).
    Rated {
        /// Importance × 10 (30–50).
        tenths: u8,
    },
    /// O*NET detailed work activity (DWA) of the occupation's tasks (weight 1 when a core
    /// task links to it, 0.5 when only supplemental ones do).
    Activity {
        /// Linked through a core task.
        core: bool,
    },
}

impl RequirementLevel {
    /// Its weight in the score.
    pub fn weight(self) -> f32 {
        match self {
            RequirementLevel::Essential => 1.0,
            RequirementLevel::Optional => 0.5,
            RequirementLevel::Technology { hot: false } => 0.3,
            RequirementLevel::Technology { hot: true } => 0.5,
            RequirementLevel::Activity { core: true } => 1.0,
            RequirementLevel::Activity { core: false } => 0.5,
            RequirementLevel::Rated { tenths } => f32::from(tenths) / 50.0,
        }
    }

    /// Stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            RequirementLevel::Essential => "essential",
            RequirementLevel::Optional => "optional",
            RequirementLevel::Technology { hot: false } => "technology",
            RequirementLevel::Technology { hot: true } => "hot-technology",
            RequirementLevel::Activity { core: true } => "core-activity",
            RequirementLevel::Activity { core: false } => "supplemental-activity",
            RequirementLevel::Rated { .. } => "rated-important",
        }
    }
}

/// One skill a job or occupation asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Requirement<'t> {
    /// The skill (any framework).
    pub concept: Concept<'t>,
    /// How much it is needed.
    pub level: RequirementLevel,
    /// For a requirement carried over a crosswalk (an ESCO skill of an O*NET occupation): the
    /// occupation of the other framework that requires it.
    pub via: Option<Concept<'t>>,
    /// Its weight in the score: the level's weight times the concept's specificity
    /// ([`Taxonomy::specificity`]), times the share of crosswalked occupations that require it
    /// and 0.7 for a crosswalked requirement.
    pub weight: f32,
}

/// Share of a requirement's weight kept when it is carried over a crosswalk.
const CROSSWALKED: f32 = 0.7;

impl<'t> Requirement<'t> {
    /// A requirement of a job: weighted by its level and the concept's specificity (a concept
    /// no occupation requires counts as a moderately specific one).
    pub fn new(concept: Concept<'t>, level: RequirementLevel) -> Self {
        let specificity = concept.taxonomy().specificity(concept.id());
        let specificity = if specificity > 0.0 { specificity } else { 2.0 };
        Self {
            concept,
            level,
            via: None,
            weight: level.weight() * specificity,
        }
    }

    /// The requirements of an occupation: ESCO essential and optional skills; for an O*NET
    /// occupation its detailed work activities and technology skills, plus the ESCO skills of
    /// the ESCO occupations the crosswalk relates to it (essential ones, weighted by the share
    /// of those occupations that require them). Empty for other concepts.
    pub fn of_occupation(occupation: Concept<'t>) -> Vec<Requirement<'t>> {
        let mut out: Vec<Requirement<'t>> = Vec::new();
        for r in occupation.relations() {
            if let Some(level) = level_of(r.kind) {
                out.push(Requirement::new(r.target, level));
            }
        }
        let tax = occupation.taxonomy();
        let (Some(onet), Some(esco)) = (
            tax.framework_by_key(keys::ONET),
            tax.framework_by_key(keys::ESCO),
        ) else {
            return out;
        };
        if occupation.framework_id() != onet || occupation.kind() != ConceptKind::Occupation {
            return out;
        }
        let mut carried: Vec<(Concept<'t>, Concept<'t>, u32)> = Vec::new();
        let linked: Vec<Concept<'t>> = tax
            .crosswalk(occupation.id(), esco)
            .into_iter()
            .filter(|m| m.concept.kind() == ConceptKind::Occupation)
            .map(|m| m.concept)
            .take(16)
            .collect();
        for esco_occupation in &linked {
            for r in esco_occupation.relations() {
                if r.kind != RelationKind::Requires(Importance::Essential) {
                    continue;
                }
                match carried.iter_mut().find(|c| c.0.id() == r.target.id()) {
                    Some(c) => c.2 += 1,
                    None => carried.push((r.target, *esco_occupation, 1)),
                }
            }
        }
        let n = linked.len().max(1) as f32;
        for (skill, via, count) in carried {
            let mut r = Requirement::new(skill, RequirementLevel::Essential);
            r.via = Some(via);
            r.weight *= CROSSWALKED * count as f32 / n;
            out.push(r);
        }
        out
    }
}

/// The requirement level an occupation's relation gives, if it is a requirement.
fn level_of(kind: RelationKind) -> Option<RequirementLevel> {
    Some(match kind {
        RelationKind::Requires(Importance::Essential) => RequirementLevel::Essential,
        RelationKind::Requires(_) => RequirementLevel::Optional,
        RelationKind::UsesTechnology { hot, .. } => RequirementLevel::Technology { hot },
        RelationKind::PerformsActivity { core } => RequirementLevel::Activity { core },
        RelationKind::RatedImportance { tenths } => RequirementLevel::Rated { tenths },
        _ => return None,
    })
}

/// How a profile concept meets a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchPath {
    /// The profile has the concept itself (full credit).
    Exact,
    /// The profile has a narrower concept (the requirement is its parent or grandparent;
    /// 0.7 of the credit).
    Narrower,
    /// The profile has a broader concept (the requirement is its child; 0.4).
    Broader,
    /// The profile has a concept a crosswalk relates to the requirement (exact 1, close 0.9,
    /// broad or narrow 0.6, related 0.4).
    Crosswalk(MatchKind),
    /// The profile has a concept of another framework with the same label (0.5: a label
    /// coincidence counts less than any crosswalk).
    SameLabel,
}

impl MatchPath {
    fn factor(self) -> f32 {
        match self {
            MatchPath::Exact => 1.0,
            MatchPath::Narrower => 0.7,
            MatchPath::Broader => 0.4,
            MatchPath::Crosswalk(MatchKind::Exact) => 1.0,
            MatchPath::Crosswalk(MatchKind::Close) => 0.9,
            MatchPath::Crosswalk(MatchKind::Broad | MatchKind::Narrow) => 0.6,
            MatchPath::Crosswalk(_) => 0.4,
            MatchPath::SameLabel => 0.5,
        }
    }

    /// Stable lowercase name (`crosswalk-close`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            MatchPath::Exact => "exact",
            MatchPath::Narrower => "narrower",
            MatchPath::Broader => "broader",
            MatchPath::Crosswalk(MatchKind::Exact) => "crosswalk-exact",
            MatchPath::Crosswalk(MatchKind::Close) => "crosswalk-close",
            MatchPath::Crosswalk(MatchKind::Broad) => "crosswalk-broad",
            MatchPath::Crosswalk(MatchKind::Narrow) => "crosswalk-narrow",
            MatchPath::Crosswalk(_) => "crosswalk-related",
            MatchPath::SameLabel => "same-label",
        }
    }
}

/// A requirement met, with what met it.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct MatchedRequirement<'t> {
    /// The requirement.
    pub requirement: Requirement<'t>,
    /// The profile concept that meets it (its evidence: [`SkillProfile::entry`]).
    pub by: Concept<'t>,
    /// How.
    pub path: MatchPath,
    /// The credit, from 0 to 1: the path's factor times the evidence's strength.
    pub credit: f32,
    /// Whether that evidence comes from a verified credential.
    pub verified: bool,
}

/// A profile matched against an occupation or a job.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct OccupationMatch<'t> {
    /// The occupation (`None` for a job given as a list of requirements).
    pub occupation: Option<Concept<'t>>,
    /// From 0 to 1: the weighted share of requirements met (each requirement's
    /// [`weight`](Requirement::weight) times its credit, over the total weight; for an
    /// occupation the total has the weight of 3 average requirements added, so a short list
    /// does not win by being short), raised by experience in the occupation itself (held, or
    /// held in another framework and crosswalked): `1 − (1 − √skills)·(1 − 0.8·experience)`.
    pub score: f32,
    /// The requirements met, strongest first.
    pub matched: Vec<MatchedRequirement<'t>>,
    /// The requirements not met.
    pub missing: Vec<Requirement<'t>>,
    /// The occupation held (or a crosswalk of it), when the profile has it.
    pub experience: Option<(Concept<'t>, MatchPath, f32)>,
}

/// Average requirements added, unmet, to every occupation's list (see [`OccupationMatch::score`]).
const OCCUPATION_PRIOR: f32 = 3.0;
/// How much experience in the occupation itself can lift the score.
const EXPERIENCE: f32 = 0.8;

#[derive(Clone, Copy)]
struct Cover {
    credit: f32,
    by: ConceptId,
    path: MatchPath,
    verified: bool,
}

/// What each concept of the taxonomy a profile covers, and how: built once per profile.
pub struct Coverage<'p, 't> {
    profile: &'p SkillProfile<'t>,
    covers: HashMap<ConceptId, Cover>,
}

impl std::fmt::Debug for Coverage<'_, '_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Coverage")
            .field("concepts", &self.covers.len())
            .finish_non_exhaustive()
    }
}

impl<'p, 't> Coverage<'p, 't> {
    /// Expands the profile: each concept covers itself, its parents and grandparents (as
    /// narrower), its children (as broader), its crosswalk matches and concepts of other
    /// frameworks with one of its labels.
    pub fn new(profile: &'p SkillProfile<'t>) -> Self {
        let mut covers: HashMap<ConceptId, Cover> = HashMap::new();
        let mut put =
            |target: ConceptId, by: ConceptId, path: MatchPath, strength: f32, verified: bool| {
                let credit = path.factor() * strength;
                let new = Cover {
                    credit,
                    by,
                    path,
                    verified,
                };
                covers
                    .entry(target)
                    .and_modify(|c| {
                        if credit > c.credit {
                            *c = new;
                        }
                    })
                    .or_insert(new);
            };
        for entry in profile.entries() {
            let c = entry.concept;
            let s = entry.strength();
            let v = entry.evidence.first().is_some_and(|e| e.is_verified());
            put(c.id(), c.id(), MatchPath::Exact, s, v);
            for parent in c.broader() {
                put(parent.id(), c.id(), MatchPath::Narrower, s, v);
                for grand in parent.broader() {
                    put(grand.id(), c.id(), MatchPath::Narrower, s, v);
                }
            }
            for child in c.narrower().take(64) {
                put(child.id(), c.id(), MatchPath::Broader, s, v);
            }
            let tax = c.taxonomy();
            for f in 0..tax.frameworks().len() {
                let f = FrameworkId(f as u16);
                if f == c.framework_id() {
                    continue;
                }
                for m in tax.crosswalk(c.id(), f) {
                    put(m.concept.id(), c.id(), MatchPath::Crosswalk(m.kind), s, v);
                }
            }
            for label in std::iter::once(c.label()).chain(c.alt_labels()).take(32) {
                for other in tax.concepts_by_label(label) {
                    if other.framework_id() != c.framework_id()
                        && is_occupation(other.kind()) == is_occupation(c.kind())
                    {
                        put(other.id(), c.id(), MatchPath::SameLabel, s, v);
                    }
                }
            }
        }
        Self { profile, covers }
    }

    /// The profile it was built from.
    pub fn profile(&self) -> &'p SkillProfile<'t> {
        self.profile
    }

    fn cover(&self, concept: ConceptId) -> Option<Cover> {
        self.covers.get(&concept).copied()
    }

    fn score_of(&self, requirements: &[Requirement<'t>], occupation: Option<Concept<'t>>) -> f32 {
        let mut total = 0.0f32;
        let mut met = 0.0f32;
        for r in requirements {
            let w = r.weight;
            total += w;
            if let Some(c) = self.cover(r.concept.id()) {
                met += w * c.credit;
            }
        }
        // An occupation's own list gets a prior of a few unmet requirements, so that one
        // with a single (met) requirement does not outrank one with forty, mostly met.
        let prior = if occupation.is_some() && !requirements.is_empty() {
            OCCUPATION_PRIOR * total / requirements.len() as f32
        } else {
            0.0
        };
        // The square root spreads the small coverages real profiles reach (a person rarely
        // shows most of an occupation's hundred-odd requirements), so that six requirements
        // met weigh visibly more than one against the same experience.
        let skills = if total > 0.0 {
            (met / (total + prior)).sqrt()
        } else {
            0.0
        };
        let experience = occupation
            .and_then(|o| self.cover(o.id()))
            .map_or(0.0, |c| c.credit);
        (1.0 - (1.0 - skills) * (1.0 - EXPERIENCE * experience)).clamp(0.0, 1.0)
    }

    /// Matches the profile against a job's requirements (any frameworks).
    pub fn match_requirements(&self, requirements: &[Requirement<'t>]) -> OccupationMatch<'t> {
        self.explain(requirements, None)
    }

    /// Matches the profile against an occupation's requirements
    /// ([`Requirement::of_occupation`]) and the occupation itself.
    pub fn match_occupation(&self, occupation: Concept<'t>) -> OccupationMatch<'t> {
        self.explain(&Requirement::of_occupation(occupation), Some(occupation))
    }

    fn explain(
        &self,
        requirements: &[Requirement<'t>],
        occupation: Option<Concept<'t>>,
    ) -> OccupationMatch<'t> {
        let tax = requirements
            .first()
            .map(|r| r.concept.taxonomy())
            .or(occupation.map(|o| o.taxonomy()));
        let mut matched = Vec::new();
        let mut missing = Vec::new();
        for r in requirements {
            match (self.cover(r.concept.id()), tax) {
                (Some(c), Some(tax)) => {
                    if let Some(by) = tax.get(c.by) {
                        matched.push(MatchedRequirement {
                            requirement: *r,
                            by,
                            path: c.path,
                            credit: c.credit,
                            verified: c.verified,
                        });
                    }
                }
                _ => missing.push(*r),
            }
        }
        matched.sort_by(|a, b| {
            (b.credit * b.requirement.weight).total_cmp(&(a.credit * a.requirement.weight))
        });
        missing.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        let experience = occupation.and_then(|o| {
            let c = self.cover(o.id())?;
            Some((o.taxonomy().get(c.by)?, c.path, c.credit))
        });
        OccupationMatch {
            occupation,
            score: self.score_of(requirements, occupation),
            matched,
            missing,
            experience,
        }
    }

    /// Ranks every occupation of a framework for the profile; returns the best `top`, each
    /// explained.
    pub fn rank(
        &self,
        taxonomy: &'t Taxonomy,
        framework: FrameworkId,
        top: usize,
    ) -> Vec<OccupationMatch<'t>> {
        let mut scored: Vec<(f32, Concept<'t>)> = Vec::new();
        for occupation in taxonomy
            .concepts_in(framework)
            .filter(|c| c.kind() == ConceptKind::Occupation)
        {
            let requirements = Requirement::of_occupation(occupation);
            let score = self.score_of(&requirements, Some(occupation));
            // No padding: an occupation the profile gives nothing for is not ranked.
            if score > 0.0 {
                scored.push((score, occupation));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id().cmp(&b.1.id())));
        scored
            .into_iter()
            .take(top)
            .map(|(_, o)| self.match_occupation(o))
            .collect()
    }
}
