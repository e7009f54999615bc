//! The framework-neutral vocabulary: frameworks, concept kinds, relation and match kinds.

use std::fmt;

/// Index of a concept in one [`Taxonomy`](crate::Taxonomy).
///
/// Only meaningful for the taxonomy that handed it out; look the concept up again by its
/// identifier ([`Taxonomy::concept_by_id`](crate::Taxonomy::concept_by_id)) to move between
/// taxonomies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptId(pub(crate) u32);

impl ConceptId {
    /// The position of the concept in its taxonomy's concept table (0-based, dense): use it to
    /// index side tables such as a search index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Index of a framework in one [`Taxonomy`](crate::Taxonomy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FrameworkId(pub(crate) u16);

impl FrameworkId {
    /// The position of the framework in [`Taxonomy::frameworks`](crate::Taxonomy::frameworks).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Short keys of the frameworks the built-in loaders create.
pub mod keys {
    /// O*NET 29.2 (occupations, content-model elements, technology skills).
    pub const ONET: &str = "onet";
    /// US Standard Occupational Classification 2018.
    pub const SOC: &str = "soc2018";
    /// ESCO v1.1.1 (skills, knowledge, skill groups, occupations).
    pub const ESCO: &str = "esco";
    /// ISCO-08 groups as distributed with ESCO.
    pub const ISCO: &str = "isco08";
    /// The Nesta ESCO→O*NET occupation crosswalk (a source of matches, not of concepts).
    pub const NESTA: &str = "nesta-esco-onet";
    /// Prefix of frameworks loaded from CASE packages: `case:<CFDocument identifier>`.
    pub const CASE_PREFIX: &str = "case:";
    /// Rich Skill Descriptors loaded from OSN RSD JSON.
    pub const RSD: &str = "rsd";
}

/// A source of concepts or matches, with the licence and attribution its data requires.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Framework {
    /// Short stable key, e.g. `esco` (see [`keys`]).
    pub key: String,
    /// Human-readable name, e.g. `ESCO`.
    pub name: String,
    /// Release, e.g. `v1.1.1`.
    pub version: String,
    /// Licence of the data, e.g. `CC BY 4.0`.
    pub licence: String,
    /// The attribution text to show wherever results from this framework are shown.
    pub attribution: String,
    /// Where the data comes from.
    pub url: String,
}

impl Framework {
    /// A framework description; every field is plain text.
    pub fn new(
        key: impl Into<String>,
        name: impl Into<String>,
        version: impl Into<String>,
        licence: impl Into<String>,
        attribution: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        Self {
            key: key.into(),
            name: name.into(),
            version: version.into(),
            licence: licence.into(),
            attribution: attribution.into(),
            url: url.into(),
        }
    }
}

macro_rules! string_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident = $num:literal => $text:literal,)* }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $name { $($(#[$vm])* $variant,)* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable lowercase name (used in the compact data file and by the CLI).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the name [`as_str`](Self::as_str) gives.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            pub(crate) fn to_u8(self) -> u8 {
                match self { $($name::$variant => $num,)* }
            }

            pub(crate) fn from_u8(value: u8) -> Option<Self> {
                match value { $($num => Some($name::$variant),)* _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// What a concept denotes.
    pub enum ConceptKind {
        /// A skill or competence (ESCO skill/competence, O*NET basic and cross-functional skill).
        Skill = 0 => "skill",
        /// Knowledge (ESCO knowledge, O*NET `2.C.*`).
        Knowledge = 1 => "knowledge",
        /// An O*NET ability (`1.A.*`).
        Ability = 2 => "ability",
        /// An O*NET generalized work activity (`4.A.*`).
        WorkActivity = 3 => "work-activity",
        /// An occupation (O*NET-SOC, SOC detailed, ESCO occupation).
        Occupation = 4 => "occupation",
        /// A group of occupations (SOC major, minor and broad groups; ISCO-08 groups).
        OccupationGroup = 5 => "occupation-group",
        /// A group of skills (ESCO skill groups; O*NET skill, knowledge and ability headings).
        SkillGroup = 6 => "skill-group",
        /// A technology: an O*NET technology example or its UNSPSC commodity.
        Technology = 7 => "technology",
        /// A competency from a competency framework (CASE CFItem, RSD).
        Competency = 8 => "competency",
        /// Anything else (other O*NET content-model elements).
        Other = 9 => "other",
        /// An O*NET task statement (`task:<Task ID>`): what workers in one occupation do; its
        /// broader concepts are the detailed work activities it is linked to.
        Task = 10 => "task",
    }
}

string_enum! {
    /// How strongly an occupation (or skill) needs a skill.
    pub enum Importance {
        /// Essential (ESCO `essential`).
        Essential = 0 => "essential",
        /// Optional (ESCO `optional`).
        Optional = 1 => "optional",
    }
}

string_enum! {
    /// SKOS-style match kind between concepts of two frameworks, read from the concept asked
    /// about to the answer: `Broad` means the answer is broader than the concept.
    pub enum MatchKind {
        /// The same concept.
        Exact = 0 => "exact",
        /// Close enough to use interchangeably in most applications.
        Close = 1 => "close",
        /// The answer is broader than the concept asked about.
        Broad = 2 => "broad",
        /// The answer is narrower than the concept asked about.
        Narrow = 3 => "narrow",
        /// Related, neither broader nor narrower (e.g. a chain of mixed matches).
        Related = 4 => "related",
    }
}

impl MatchKind {
    /// The same match seen from the other side (`Broad` ↔ `Narrow`).
    pub fn inverse(self) -> Self {
        match self {
            MatchKind::Broad => MatchKind::Narrow,
            MatchKind::Narrow => MatchKind::Broad,
            other => other,
        }
    }

    /// The match kind of `a` then `b` (concept → x by `self`, x → answer by `next`).
    pub fn then(self, next: MatchKind) -> Self {
        use MatchKind::*;
        match (self, next) {
            (Exact, k) | (k, Exact) => k,
            (Close, Close) => Close,
            (Close | Broad, Broad) | (Broad, Close) => Broad,
            (Close | Narrow, Narrow) | (Narrow, Close) => Narrow,
            _ => Related,
        }
    }
}

string_enum! {
    /// O*NET's relatedness tier for related occupations.
    pub enum RelatedTier {
        /// `Primary-Short`: the most related.
        PrimaryShort = 0 => "primary-short",
        /// `Primary-Long`.
        PrimaryLong = 1 => "primary-long",
        /// `Supplemental`.
        Supplemental = 2 => "supplemental",
    }
}

string_enum! {
    /// ESCO's reuse level of a skill.
    pub enum ReuseLevel {
        /// Relevant to a broad range of occupations and sectors.
        Transversal = 1 => "transversal",
        /// Relevant across sectors.
        CrossSector = 2 => "cross-sector",
        /// Specific to a sector.
        SectorSpecific = 3 => "sector-specific",
        /// Specific to one occupation.
        OccupationSpecific = 4 => "occupation-specific",
    }
}

/// A typed relation between two concepts (direction: source → target).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RelationKind {
    /// The source occupation requires the target skill or knowledge (ESCO).
    Requires(Importance),
    /// The source occupation uses the target technology (O*NET technology skills), with O*NET's
    /// Hot Technology and In Demand flags.
    UsesTechnology {
        /// O*NET "Hot Technology".
        hot: bool,
        /// O*NET "In Demand".
        in_demand: bool,
    },
    /// O*NET related occupation, with its tier and rank (1 = most related).
    RelatedOccupation {
        /// Relatedness tier.
        tier: RelatedTier,
        /// O*NET's index within the source occupation's list.
        rank: u8,
    },
    /// The source O*NET occupation performs the target task statement (`core`: O*NET's Core
    /// task type, else Supplemental).
    PerformsTask {
        /// Core (true) or supplemental (false) to the occupation.
        core: bool,
    },
    /// The source O*NET occupation rates the target content-model element (a skill, knowledge,
    /// ability or work activity) important: O*NET's importance (`IM`, 1–5) in tenths, kept
    /// when 3.0 or more and not flagged for suppression.
    RatedImportance {
        /// Importance × 10 (30–50).
        tenths: u8,
    },
    /// The source O*NET occupation performs the target detailed work activity (DWA), through
    /// at least one of its tasks (`core` when one of them is a core task).
    PerformsActivity {
        /// Linked through a core task.
        core: bool,
    },
    /// ESCO skill-to-skill relation (the source needs the target).
    RelatedSkill(Importance),
    /// A generic association (CASE `isRelatedTo`, an RSD's occupation).
    Related,
    /// CASE `precedes`: the source comes before the target in a progression.
    Precedes,
}

impl RelationKind {
    pub(crate) fn encode(self) -> (u8, u8) {
        match self {
            RelationKind::Requires(i) => (0, i.to_u8()),
            RelationKind::UsesTechnology { hot, in_demand } => {
                (1, u8::from(hot) | (u8::from(in_demand) << 1))
            }
            RelationKind::RelatedOccupation { tier, rank } => {
                (2, tier.to_u8() | (rank.min(63) << 2))
            }
            RelationKind::RelatedSkill(i) => (3, i.to_u8()),
            RelationKind::Related => (4, 0),
            RelationKind::Precedes => (5, 0),
            RelationKind::PerformsTask { core } => (6, u8::from(core)),
            RelationKind::PerformsActivity { core } => (7, u8::from(core)),
            RelationKind::RatedImportance { tenths } => (8, tenths),
        }
    }

    pub(crate) fn decode(tag: u8, detail: u8) -> Option<Self> {
        Some(match tag {
            0 => RelationKind::Requires(Importance::from_u8(detail)?),
            1 => RelationKind::UsesTechnology {
                hot: detail & 1 != 0,
                in_demand: detail & 2 != 0,
            },
            2 => RelationKind::RelatedOccupation {
                tier: RelatedTier::from_u8(detail & 3)?,
                rank: detail >> 2,
            },
            3 => RelationKind::RelatedSkill(Importance::from_u8(detail)?),
            4 => RelationKind::Related,
            5 => RelationKind::Precedes,
            6 if detail <= 1 => RelationKind::PerformsTask { core: detail == 1 },
            7 if detail <= 1 => RelationKind::PerformsActivity { core: detail == 1 },
            8 if detail <= 50 => RelationKind::RatedImportance { tenths: detail },
            _ => return None,
        })
    }
}

/// ESCO skill collections a concept belongs to (a small bit set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EscoCollections(pub(crate) u8);

impl EscoCollections {
    /// No collection.
    pub const NONE: Self = Self(0);
    /// Transversal skills collection.
    pub const TRANSVERSAL: Self = Self(1);
    /// Digital skills collection.
    pub const DIGITAL: Self = Self(2);
    /// Green skills collection.
    pub const GREEN: Self = Self(4);
    /// Language skills collection.
    pub const LANGUAGE: Self = Self(8);

    /// Whether every collection in `other` is in `self`.
    pub fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether no collection is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The union of both sets.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// How a Nesta ESCO→O*NET-SOC 2010 row was carried over to O*NET 29.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CarryOver {
    /// The code exists in O*NET 29.2 with the same title.
    SameCode,
    /// The code exists in O*NET 29.2 but its title changed (listed so it can be reviewed).
    SameCodeTitleChanged,
    /// The code is gone, and exactly one O*NET 29.2 occupation has the crosswalk's title.
    UniqueTitle,
    /// The code is gone, and its SOC detailed code has exactly one O*NET 29.2 occupation: the
    /// match is carried as `Broad` to that occupation.
    RolledUpToSoc,
    /// The code is gone, and O*NET's own 2010-to-2019 taxonomy crosswalk gives its 2019
    /// code(s): `Close` to a single successor, `Narrow` to each of several.
    OnetSocCrosswalk,
}

impl CarryOver {
    /// Stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CarryOver::SameCode => "same-code",
            CarryOver::SameCodeTitleChanged => "same-code-title-changed",
            CarryOver::UniqueTitle => "unique-title",
            CarryOver::RolledUpToSoc => "rolled-up-to-soc",
            CarryOver::OnetSocCrosswalk => "onet-soc-2010-2019",
        }
    }

    pub(crate) fn to_u8(self) -> u8 {
        match self {
            CarryOver::SameCode => 1,
            CarryOver::SameCodeTitleChanged => 2,
            CarryOver::UniqueTitle => 3,
            CarryOver::RolledUpToSoc => 4,
            CarryOver::OnetSocCrosswalk => 5,
        }
    }

    pub(crate) fn from_u8(value: u8) -> Option<Option<Self>> {
        Some(match value {
            0 => None,
            1 => Some(CarryOver::SameCode),
            2 => Some(CarryOver::SameCodeTitleChanged),
            3 => Some(CarryOver::UniqueTitle),
            4 => Some(CarryOver::RolledUpToSoc),
            5 => Some(CarryOver::OnetSocCrosswalk),
            _ => return None,
        })
    }
}

/// Why a Nesta crosswalk row was not carried over to O*NET 29.2.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CrosswalkGapReason {
    /// The O*NET-SOC 2010 code is gone and its SOC code has no O*NET 29.2 occupation.
    SocCodeRetired,
    /// The code is gone and its SOC code has several O*NET 29.2 occupations: no guess is made.
    Ambiguous {
        /// The O*NET 29.2 codes under the same SOC code.
        candidates: Vec<String>,
    },
    /// The ESCO occupation URI is not in the loaded ESCO release.
    EscoConceptMissing,
    /// O*NET 29.2 is not loaded, so nothing could be checked.
    OnetNotLoaded,
}

/// One Nesta crosswalk row that was not carried over, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CrosswalkGap {
    /// The ESCO occupation URI of the row.
    pub esco_uri: String,
    /// The ESCO occupation label of the row.
    pub esco_label: String,
    /// The O*NET-SOC 2010 code of the row.
    pub onet_2010_code: String,
    /// The O*NET occupation title of the row.
    pub onet_2010_title: String,
    /// Why it was not carried over.
    pub reason: CrosswalkGapReason,
}

/// Something a loader skipped, kept so nothing is dropped silently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadNote {
    /// The file (or JSON document) concerned.
    pub source: String,
    /// 1-based line (CSV) or 0 when not applicable.
    pub line: u64,
    /// What was skipped and why.
    pub message: String,
}

/// What the loaders read and skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoadReport {
    /// `(file, data rows read)`, in load order.
    pub rows: Vec<(String, u64)>,
    /// Rows or associations skipped, each with the reason.
    pub notes: Vec<LoadNote>,
}

impl LoadReport {
    /// Rows read from the file with this name (summed if read more than once).
    pub fn rows_of(&self, file: &str) -> u64 {
        self.rows
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_kinds_compose_and_invert() {
        use MatchKind::*;
        assert_eq!(Exact.then(Broad), Broad);
        assert_eq!(Close.then(Exact), Close);
        assert_eq!(Close.then(Broad), Broad);
        assert_eq!(Narrow.then(Narrow), Narrow);
        assert_eq!(Broad.then(Narrow), Related);
        assert_eq!(Broad.inverse(), Narrow);
        assert_eq!(Close.inverse(), Close);
    }

    #[test]
    fn relation_kinds_round_trip_through_their_bytes() {
        let kinds = [
            RelationKind::Requires(Importance::Essential),
            RelationKind::Requires(Importance::Optional),
            RelationKind::UsesTechnology {
                hot: true,
                in_demand: false,
            },
            RelationKind::UsesTechnology {
                hot: false,
                in_demand: true,
            },
            RelationKind::RelatedOccupation {
                tier: RelatedTier::Supplemental,
                rank: 20,
            },
            RelationKind::RelatedSkill(Importance::Essential),
            RelationKind::Related,
            RelationKind::Precedes,
            RelationKind::PerformsTask { core: true },
            RelationKind::PerformsActivity { core: false },
            RelationKind::RatedImportance { tenths: 42 },
        ];
        for kind in kinds {
            let (tag, detail) = kind.encode();
            assert_eq!(RelationKind::decode(tag, detail), Some(kind));
        }
        for kind in ConceptKind::ALL {
            assert_eq!(ConceptKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(ConceptKind::from_u8(kind.to_u8()), Some(*kind));
        }
    }
}
