//! "What is this concept in framework X": structural, asserted and chained matches.

use crate::model::{CarryOver, ConceptId, ConceptKind, FrameworkId, MatchKind, keys};
use crate::taxonomy::{Concept, Taxonomy};

/// Where a crosswalk answer comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatchVia {
    /// The concept is already in the target framework.
    SameConcept,
    /// O*NET-SOC ↔ SOC 2018 by code: `15-1252.00` is SOC `15-1252`; `.01`, `.02` are narrower
    /// O*NET breakouts; SOC groups contain the O*NET occupations under their detailed codes.
    CodeStructure,
    /// A match a source asserts: ESCO's ISCO-08 group of an occupation, a Nesta crosswalk row
    /// (with how it was carried over to O*NET 29.2), a CASE `exactMatchOf`.
    Asserted {
        /// The framework that asserts it (ESCO, the Nesta crosswalk, a CASE package).
        source: FrameworkId,
        /// For Nesta rows: how the O*NET-SOC 2010 code was carried over.
        carry_over: Option<CarryOver>,
    },
    /// Two matches chained through an intermediate framework (e.g. ESCO → O*NET → SOC).
    Chain {
        /// The framework in the middle.
        through: FrameworkId,
    },
}

/// One answer of [`Taxonomy::crosswalk`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrosswalkMatch<'t> {
    /// The concept in the target framework.
    pub concept: Concept<'t>,
    /// How it relates to the concept asked about (`Broad`: the answer is broader).
    pub kind: MatchKind,
    /// Where the match comes from.
    pub via: MatchVia,
}

fn rank(kind: MatchKind) -> u8 {
    match kind {
        MatchKind::Exact => 0,
        MatchKind::Close => 1,
        MatchKind::Broad | MatchKind::Narrow => 2,
        _ => 3,
    }
}

/// Cap on the SOC groups walked for one query (the largest major group has a few hundred).
const MAX_SOC_WALK: usize = 4096;

impl Taxonomy {
    /// The concepts of framework `target` that match `concept`, best match kind first:
    /// O*NET-SOC ↔ SOC 2018 by code structure; ESCO occupation → ISCO-08 group (broad) and back
    /// (narrow); ESCO occupation ↔ O*NET-SOC through the carried-over Nesta rows; CASE exact
    /// matches; otherwise one chained step through another framework (ESCO → O*NET → SOC).
    pub fn crosswalk(&self, concept: ConceptId, target: FrameworkId) -> Vec<CrosswalkMatch<'_>> {
        let Some(c) = self.get(concept) else {
            return Vec::new();
        };
        let mut out = self.direct_matches(c, target);
        if out.is_empty() {
            let middles = (0..self.frameworks().len() as u16)
                .map(FrameworkId)
                .filter(|&m| m != target && m != c.framework_id());
            for through in middles {
                for first in self.direct_matches(c, through) {
                    for second in self.direct_matches(first.concept, target) {
                        out.push(CrosswalkMatch {
                            concept: second.concept,
                            kind: first.kind.then(second.kind),
                            via: MatchVia::Chain { through },
                        });
                    }
                }
            }
        }
        out.sort_by_key(|m| (rank(m.kind), m.concept.id()));
        out.dedup_by_key(|m| m.concept.id());
        out
    }

    fn direct_matches<'t>(
        &'t self,
        c: Concept<'t>,
        target: FrameworkId,
    ) -> Vec<CrosswalkMatch<'t>> {
        let mut out = Vec::new();
        if c.framework_id() == target {
            out.push(CrosswalkMatch {
                concept: c,
                kind: MatchKind::Exact,
                via: MatchVia::SameConcept,
            });
            return out;
        }
        let onet = self.framework_by_key(keys::ONET);
        let soc = self.framework_by_key(keys::SOC);
        let structural = |concept, kind| CrosswalkMatch {
            concept,
            kind,
            via: MatchVia::CodeStructure,
        };
        if Some(c.framework_id()) == onet
            && Some(target) == soc
            && c.kind() == ConceptKind::Occupation
        {
            let code = c.identifier();
            if let Some(s) = code.get(..7).and_then(|prefix| self.concept_by_id(prefix)) {
                let kind = if code.ends_with(".00") {
                    MatchKind::Exact
                } else {
                    MatchKind::Broad
                };
                out.push(structural(s, kind));
            }
        }
        if Some(c.framework_id()) == soc && Some(target) == onet {
            // The detailed SOC codes at or under `c`, then their O*NET-SOC codes.
            let mut stack = vec![c];
            let mut walked = 0;
            while let Some(s) = stack.pop() {
                walked += 1;
                if walked > MAX_SOC_WALK {
                    break;
                }
                if s.kind() == ConceptKind::Occupation {
                    for suffix in 0..100u8 {
                        let code = format!("{}.{suffix:02}", s.identifier());
                        if let Some(o) = self.concept_by_id(&code) {
                            let kind = if s == c && suffix == 0 {
                                MatchKind::Exact
                            } else {
                                MatchKind::Narrow
                            };
                            out.push(structural(o, kind));
                        }
                    }
                } else {
                    stack.extend(s.narrower().filter(|n| Some(n.framework_id()) == soc));
                }
            }
        }
        for link in self.links_from(c.id()) {
            if let Some(to) = self
                .get(ConceptId(link.to))
                .filter(|t| t.framework_id() == target)
            {
                out.push(CrosswalkMatch {
                    concept: to,
                    kind: MatchKind::from_u8(link.kind).unwrap_or(MatchKind::Related),
                    via: MatchVia::Asserted {
                        source: FrameworkId(link.source),
                        carry_over: CarryOver::from_u8(link.status).flatten(),
                    },
                });
            }
        }
        for link in self.links_to(c.id()) {
            if let Some(from) = self
                .get(ConceptId(link.from))
                .filter(|t| t.framework_id() == target)
            {
                out.push(CrosswalkMatch {
                    concept: from,
                    kind: MatchKind::from_u8(link.kind)
                        .unwrap_or(MatchKind::Related)
                        .inverse(),
                    via: MatchVia::Asserted {
                        source: FrameworkId(link.source),
                        carry_over: CarryOver::from_u8(link.status).flatten(),
                    },
                });
            }
        }
        out
    }
}
