//! The in-memory taxonomy: one string arena, dense concept table, CSR adjacency lists.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::error::Error;
use crate::model::{
    CarryOver, ConceptId, ConceptKind, CrosswalkGap, EscoCollections, Framework, FrameworkId,
    LoadNote, LoadReport, MatchKind, RelationKind, ReuseLevel,
};

/// A byte range of the string arena.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl Span {
    pub(crate) const EMPTY: Span = Span { start: 0, len: 0 };
}

/// One concept row. 36 bytes; strings live in the arena.
#[derive(Clone, Debug)]
pub(crate) struct ConceptRec {
    pub(crate) id: Span,
    pub(crate) code: Span,
    pub(crate) label: Span,
    pub(crate) alt_start: u32,
    pub(crate) alt_len: u32,
    pub(crate) framework: u16,
    pub(crate) kind: ConceptKind,
    /// bits 0..4: ESCO collections; bits 4..7: reuse level.
    pub(crate) flags: u8,
    /// O*NET job zone (1..=5), 0 when none.
    pub(crate) job_zone: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RelRec {
    pub(crate) source: u32,
    pub(crate) target: u32,
    pub(crate) tag: u8,
    pub(crate) detail: u8,
}

/// A crosswalk match asserted by a source (Nesta, ESCO's ISCO link, a CASE package).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct LinkRec {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) kind: u8,
    pub(crate) source: u16,
    /// `CarryOver` code for Nesta rows, 0 otherwise.
    pub(crate) status: u8,
}

/// Extra lookup keys for a concept (CASE identifiers, RSD uuids, CASE exact matches).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Alias {
    pub(crate) key: String,
    pub(crate) concept: u32,
    pub(crate) kind: AliasKind,
}

/// What an alias key is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum AliasKind {
    /// A CASE `identifier` (UUID) of a CFItem.
    CaseIdentifier = 0,
    /// A URI another CASE item declares `exactMatchOf`.
    CaseExactMatch = 1,
    /// An RSD `uuid`.
    RsdUuid = 2,
}

impl AliasKind {
    pub(crate) fn from_u8(v: u8) -> Option<Self> {
        Some(match v {
            0 => AliasKind::CaseIdentifier,
            1 => AliasKind::CaseExactMatch,
            2 => AliasKind::RsdUuid,
            _ => return None,
        })
    }
}

/// Everything the compact data file stores; indexes are rebuilt from it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Data {
    pub(crate) frameworks: Vec<Framework>,
    pub(crate) text: String,
    pub(crate) concepts: Vec<ConceptRec>,
    pub(crate) alt: Vec<Span>,
    /// (child, parent), sorted, unique.
    pub(crate) broader: Vec<(u32, u32)>,
    /// Sorted, unique.
    pub(crate) relations: Vec<RelRec>,
    /// Sorted, unique.
    pub(crate) links: Vec<LinkRec>,
    /// Sorted, unique.
    pub(crate) aliases: Vec<Alias>,
    pub(crate) gaps: Vec<CrosswalkGap>,
    pub(crate) job_zone_names: Vec<String>,
    /// Labels in other languages (ESCO language exports), sorted by concept; not part of the
    /// compact form.
    pub(crate) translations: Vec<Translation>,
}

/// One label of a concept in another language.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Translation {
    pub(crate) concept: u32,
    pub(crate) lang: Box<str>,
    /// Alternative (true) or preferred (false): preferred labels sort first.
    pub(crate) alternative: bool,
    pub(crate) label: Span,
}

impl Data {
    pub(crate) fn str(&self, span: Span) -> &str {
        let start = span.start as usize;
        let end = start.saturating_add(span.len as usize);
        self.text.get(start..end).unwrap_or("")
    }

    pub(crate) fn push_str(&mut self, s: &str) -> Result<Span, Error> {
        if s.is_empty() {
            return Ok(Span::EMPTY);
        }
        let start = u32::try_from(self.text.len()).map_err(|_| Error::TooLarge)?;
        let len = u32::try_from(s.len()).map_err(|_| Error::TooLarge)?;
        start.checked_add(len).ok_or(Error::TooLarge)?;
        self.text.push_str(s);
        Ok(Span { start, len })
    }
}

/// Compressed sparse rows: `targets[offsets[i]..offsets[i + 1]]` are the neighbours of `i`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    fn build(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Csr {
        let mut counts = vec![0u32; n + 1];
        for (a, _) in pairs.clone() {
            if let Some(c) = counts.get_mut(a as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut targets = vec![0u32; counts.last().copied().unwrap_or(0) as usize];
        for (a, b) in pairs {
            if let Some(pos) = fill.get_mut(a as usize) {
                if let Some(slot) = targets.get_mut(*pos as usize) {
                    *slot = b;
                }
                *pos += 1;
            }
        }
        Csr {
            offsets: counts,
            targets,
        }
    }

    pub(crate) fn get(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.targets.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

#[derive(Debug, Default)]
struct Indexes {
    ids: HashMap<Box<str>, u32>,
    codes: HashMap<(u16, Box<str>), u32>,
    aliases: HashMap<Box<str>, (u32, AliasKind)>,
    framework_keys: HashMap<Box<str>, u16>,
    broader: Csr,
    narrower: Csr,
    rel_out: Csr,
    rel_in: Csr,
    links_from: Csr,
    links_to: Csr,
    labels: OnceLock<HashMap<u64, Vec<u32>>>,
    specificity: OnceLock<Vec<f32>>,
}

/// A set of frameworks with their concepts, hierarchy, relations and crosswalks.
///
/// Immutable and `Send + Sync`: build it once (from the embedded default, from files, or with a
/// [`TaxonomyBuilder`]) and share it. Concepts are addressed by dense [`ConceptId`]s.
pub struct Taxonomy {
    pub(crate) data: Data,
    idx: Indexes,
    report: LoadReport,
}

impl std::fmt::Debug for Taxonomy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let keys: Vec<&str> = self
            .data
            .frameworks
            .iter()
            .map(|fw| fw.key.as_str())
            .collect();
        f.debug_struct("Taxonomy")
            .field("frameworks", &keys)
            .field("concepts", &self.data.concepts.len())
            .field("relations", &self.data.relations.len())
            .field("matches", &self.data.links.len())
            .finish_non_exhaustive()
    }
}

impl Clone for Taxonomy {
    fn clone(&self) -> Self {
        Taxonomy::from_data(self.data.clone(), self.report.clone())
    }
}

impl Default for Taxonomy {
    fn default() -> Self {
        Taxonomy::from_data(Data::default(), LoadReport::default())
    }
}

/// One concept of a [`Taxonomy`], borrowed.
#[derive(Clone, Copy)]
pub struct Concept<'t> {
    tax: &'t Taxonomy,
    id: ConceptId,
    rec: &'t ConceptRec,
}

impl std::fmt::Debug for Concept<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Concept")
            .field("id", &self.identifier())
            .field("kind", &self.kind())
            .field("label", &self.label())
            .finish()
    }
}

impl PartialEq for Concept<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tax, other.tax) && self.id == other.id
    }
}

impl Eq for Concept<'_> {}

/// A relation seen from one of its ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Relation<'t> {
    /// The source concept (e.g. the occupation).
    pub source: Concept<'t>,
    /// The target concept (e.g. the skill).
    pub target: Concept<'t>,
    /// What the relation says.
    pub kind: RelationKind,
}

impl<'t> Concept<'t> {
    /// Its index in the taxonomy.
    pub fn id(&self) -> ConceptId {
        self.id
    }

    /// Its identifier: a URI (ESCO, CASE, RSD) or a code (O*NET-SOC `15-1252.00`, O*NET element
    /// `2.A.1.a`, SOC `15-1252`, UNSPSC commodity `43232202`, technology `tech:Python`).
    pub fn identifier(&self) -> &'t str {
        self.tax.data.str(self.rec.id)
    }

    /// Its notation within the framework when it has one besides the identifier (ISCO `2512`,
    /// ESCO occupation `2654.1.7`, ESCO skill group `S1.2`, CASE `humanCodingScheme`).
    pub fn code(&self) -> Option<&'t str> {
        let code = self.tax.data.str(self.rec.code);
        (!code.is_empty()).then_some(code)
    }

    /// Its preferred label.
    pub fn label(&self) -> &'t str {
        self.tax.data.str(self.rec.label)
    }

    /// Its labels in a language other than English (`fr`, ...), the preferred one first, when
    /// an ESCO language export was loaded ([`TaxonomyBuilder::load_esco_language`]).
    pub fn labels_in(&self, lang: &str) -> impl Iterator<Item = &'t str> + 't {
        let data = &self.tax.data;
        let id = self.id.0;
        let start = data.translations.partition_point(|t| t.concept < id);
        let lang: Box<str> = lang.into();
        data.translations
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |t| t.concept == id)
            .filter(move |t| t.lang == lang)
            .map(move |t| data.str(t.label))
    }

    /// Its preferred label in `lang`, if loaded (see [`labels_in`](Self::labels_in)).
    pub fn label_in(&self, lang: &str) -> Option<&'t str> {
        self.labels_in(lang).next()
    }

    /// Its alternative labels (ESCO `altLabels`, O*NET alternate and reported titles).
    pub fn alt_labels(&self) -> impl ExactSizeIterator<Item = &'t str> + 't {
        let data = &self.tax.data;
        let start = self.rec.alt_start as usize;
        let end = start.saturating_add(self.rec.alt_len as usize);
        data.alt
            .get(start..end)
            .unwrap_or(&[])
            .iter()
            .map(move |&s| data.str(s))
    }

    /// What it denotes.
    pub fn kind(&self) -> ConceptKind {
        self.rec.kind
    }

    /// The framework it belongs to.
    pub fn framework_id(&self) -> FrameworkId {
        FrameworkId(self.rec.framework)
    }

    /// The framework it belongs to.
    pub fn framework(&self) -> &'t Framework {
        // Every record's framework index is checked when the taxonomy is built or decoded.
        &self.tax.data.frameworks[usize::from(self.rec.framework)]
    }

    /// Broader concepts (parents in the hierarchy).
    pub fn broader(&self) -> impl Iterator<Item = Concept<'t>> + 't {
        let tax = self.tax;
        tax.idx
            .broader
            .get(self.id.0)
            .iter()
            .filter_map(move |&i| tax.get(ConceptId(i)))
    }

    /// Narrower concepts (children in the hierarchy).
    pub fn narrower(&self) -> impl Iterator<Item = Concept<'t>> + 't {
        let tax = self.tax;
        tax.idx
            .narrower
            .get(self.id.0)
            .iter()
            .filter_map(move |&i| tax.get(ConceptId(i)))
    }

    /// Relations from this concept (an occupation's skills, technologies, related occupations).
    pub fn relations(&self) -> impl Iterator<Item = Relation<'t>> + 't {
        let tax = self.tax;
        tax.idx
            .rel_out
            .get(self.id.0)
            .iter()
            .filter_map(move |&r| tax.relation(r))
    }

    /// Relations to this concept (the occupations that require a skill).
    pub fn incoming_relations(&self) -> impl Iterator<Item = Relation<'t>> + 't {
        let tax = self.tax;
        tax.idx
            .rel_in
            .get(self.id.0)
            .iter()
            .filter_map(move |&r| tax.relation(r))
    }

    /// ESCO skill collections it belongs to.
    pub fn esco_collections(&self) -> EscoCollections {
        EscoCollections(self.rec.flags & 0x0f)
    }

    /// ESCO reuse level, for ESCO skills.
    pub fn reuse_level(&self) -> Option<ReuseLevel> {
        ReuseLevel::from_u8(self.rec.flags >> 4)
    }

    /// O*NET job zone (1 to 5), for O*NET occupations that have one.
    pub fn job_zone(&self) -> Option<u8> {
        (self.rec.job_zone != 0).then_some(self.rec.job_zone)
    }

    /// The taxonomy it belongs to.
    pub fn taxonomy(&self) -> &'t Taxonomy {
        self.tax
    }
}

/// Lowercases and collapses whitespace: the key of the label index.
pub(crate) fn label_key(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for c in word.chars() {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

fn label_hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    // A fixed-key hasher: the index is private and rebuilt per process.
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
}

impl Taxonomy {
    pub(crate) fn from_data(data: Data, report: LoadReport) -> Taxonomy {
        let n = data.concepts.len();
        let mut ids = HashMap::with_capacity(n);
        let mut codes = HashMap::new();
        for (i, c) in data.concepts.iter().enumerate() {
            let i = i as u32;
            ids.entry(data.str(c.id).into()).or_insert(i);
            let code = data.str(c.code);
            if !code.is_empty() {
                codes.entry((c.framework, code.into())).or_insert(i);
            }
        }
        let aliases = data
            .aliases
            .iter()
            .map(|a| (a.key.as_str().into(), (a.concept, a.kind)))
            .collect::<HashMap<Box<str>, _>>();
        let framework_keys = data
            .frameworks
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.as_str().into(), i as u16))
            .collect();
        let broader = Csr::build(n, data.broader.iter().copied());
        let narrower = Csr::build(n, data.broader.iter().map(|&(c, p)| (p, c)));
        let rel_out = Csr::build(
            n,
            data.relations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.source, i as u32)),
        );
        let rel_in = Csr::build(
            n,
            data.relations
                .iter()
                .enumerate()
                .map(|(i, r)| (r.target, i as u32)),
        );
        let links_from = Csr::build(
            n,
            data.links
                .iter()
                .enumerate()
                .map(|(i, l)| (l.from, i as u32)),
        );
        let links_to = Csr::build(
            n,
            data.links.iter().enumerate().map(|(i, l)| (l.to, i as u32)),
        );
        Taxonomy {
            idx: Indexes {
                ids,
                codes,
                aliases,
                framework_keys,
                broader,
                narrower,
                rel_out,
                rel_in,
                links_from,
                links_to,
                labels: OnceLock::new(),
                specificity: OnceLock::new(),
            },
            data,
            report,
        }
    }

    /// The languages other than English that concepts have labels in, sorted.
    pub fn languages(&self) -> Vec<&str> {
        let mut out: Vec<&str> = self.data.translations.iter().map(|t| &*t.lang).collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The frameworks, in load order; index with [`FrameworkId::index`].
    pub fn frameworks(&self) -> &[Framework] {
        &self.data.frameworks
    }

    /// A framework by its short key (see [`keys`](crate::keys)).
    pub fn framework_by_key(&self, key: &str) -> Option<FrameworkId> {
        self.idx.framework_keys.get(key).map(|&i| FrameworkId(i))
    }

    /// A framework by id.
    pub fn framework(&self, id: FrameworkId) -> Option<&Framework> {
        self.data.frameworks.get(id.index())
    }

    /// Number of concepts.
    pub fn len(&self) -> usize {
        self.data.concepts.len()
    }

    /// Whether there are no concepts.
    pub fn is_empty(&self) -> bool {
        self.data.concepts.is_empty()
    }

    /// A concept by index.
    pub fn get(&self, id: ConceptId) -> Option<Concept<'_>> {
        let rec = self.data.concepts.get(id.index())?;
        Some(Concept { tax: self, id, rec })
    }

    /// Every concept, in table order.
    pub fn concepts(&self) -> impl ExactSizeIterator<Item = Concept<'_>> + '_ {
        self.data
            .concepts
            .iter()
            .enumerate()
            .map(move |(i, rec)| Concept {
                tax: self,
                id: ConceptId(i as u32),
                rec,
            })
    }

    /// The concepts of one framework.
    pub fn concepts_in(&self, framework: FrameworkId) -> impl Iterator<Item = Concept<'_>> + '_ {
        self.concepts()
            .filter(move |c| c.framework_id() == framework)
    }

    /// A concept by its exact identifier (URI or code, as [`Concept::identifier`] gives it).
    pub fn concept_by_id(&self, identifier: &str) -> Option<Concept<'_>> {
        let &i = self.idx.ids.get(identifier)?;
        self.get(ConceptId(i))
    }

    /// A concept by its notation in a framework ([`Concept::code`]), e.g. ISCO `2512`.
    pub fn concept_by_code(&self, framework: FrameworkId, code: &str) -> Option<Concept<'_>> {
        let &i = self.idx.codes.get(&(framework.0, Box::from(code)))?;
        self.get(ConceptId(i))
    }

    pub(crate) fn concept_by_alias(&self, key: &str) -> Option<(Concept<'_>, AliasKind)> {
        let &(i, kind) = self.idx.aliases.get(key)?;
        Some((self.get(ConceptId(i))?, kind))
    }

    /// Concepts whose preferred or alternative label equals `label`, ignoring case and
    /// repeated whitespace. The index (hashes of normalised labels) is built on first use and
    /// kept.
    pub fn concepts_by_label(&self, label: &str) -> impl Iterator<Item = Concept<'_>> + '_ {
        let index = self.idx.labels.get_or_init(|| self.build_label_index());
        let key = label_key(label);
        let hash = label_hash(&key);
        index
            .get(&hash)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(move |&i| self.get(ConceptId(i)))
            .filter(move |c| {
                std::iter::once(c.label())
                    .chain(c.alt_labels())
                    .any(|l| label_key(l) == key)
            })
    }

    /// How specific a requirement is: `ln(1 + N/df)`, where `df` is the number of occupations
    /// that require the concept (an ESCO essential or optional skill, an O*NET technology or
    /// detailed work activity) and `N` the number of occupations with requirements in that
    /// occupation framework; 0 for a concept no occupation requires. Built on first use.
    pub fn specificity(&self, concept: ConceptId) -> f32 {
        let table = self
            .idx
            .specificity
            .get_or_init(|| self.build_specificity());
        table.get(concept.index()).copied().unwrap_or(0.0)
    }

    fn build_specificity(&self) -> Vec<f32> {
        let n = self.len();
        let mut df = vec![0u32; n];
        // Occupations with requirements, per framework of the occupation.
        let mut with_requirements = vec![0u32; self.frameworks().len()];
        // The framework whose occupations require each concept (the first seen).
        let mut required_in = vec![u16::MAX; n];
        let mut seen: Vec<u32> = Vec::new();
        for c in self.concepts() {
            if c.kind() != ConceptKind::Occupation {
                continue;
            }
            seen.clear();
            for r in c.relations() {
                if matches!(
                    r.kind,
                    RelationKind::Requires(_)
                        | RelationKind::UsesTechnology { .. }
                        | RelationKind::PerformsActivity { .. }
                        | RelationKind::RatedImportance { .. }
                ) {
                    seen.push(r.target.id.0);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            if seen.is_empty() {
                continue;
            }
            let f = c.framework_id().index();
            if let Some(count) = with_requirements.get_mut(f) {
                *count += 1;
            }
            for &t in &seen {
                if let Some(d) = df.get_mut(t as usize) {
                    *d += 1;
                }
                if let Some(slot) = required_in.get_mut(t as usize)
                    && *slot == u16::MAX
                {
                    *slot = f as u16;
                }
            }
        }
        df.iter()
            .zip(&required_in)
            .map(|(&d, &f)| {
                if d == 0 {
                    return 0.0;
                }
                let total = with_requirements.get(usize::from(f)).copied().unwrap_or(0);
                (1.0 + total as f32 / d as f32).ln()
            })
            .collect()
    }

    fn build_label_index(&self) -> HashMap<u64, Vec<u32>> {
        let mut map: HashMap<u64, Vec<u32>> =
            HashMap::with_capacity(self.len() + self.data.alt.len());
        for c in self.concepts() {
            for label in std::iter::once(c.label()).chain(c.alt_labels()) {
                let list = map.entry(label_hash(&label_key(label))).or_default();
                if list.last() != Some(&c.id.0) {
                    list.push(c.id.0);
                }
            }
        }
        map
    }

    /// Number of relations.
    pub fn relation_count(&self) -> usize {
        self.data.relations.len()
    }

    /// Every relation.
    pub fn relations(&self) -> impl Iterator<Item = Relation<'_>> + '_ {
        (0..self.data.relations.len() as u32).filter_map(move |r| self.relation(r))
    }

    fn relation(&self, index: u32) -> Option<Relation<'_>> {
        let r = self.data.relations.get(index as usize)?;
        Some(Relation {
            source: self.get(ConceptId(r.source))?,
            target: self.get(ConceptId(r.target))?,
            kind: RelationKind::decode(r.tag, r.detail)?,
        })
    }

    pub(crate) fn links_from(&self, id: ConceptId) -> impl Iterator<Item = &LinkRec> + '_ {
        self.idx
            .links_from
            .get(id.0)
            .iter()
            .filter_map(|&l| self.data.links.get(l as usize))
    }

    pub(crate) fn links_to(&self, id: ConceptId) -> impl Iterator<Item = &LinkRec> + '_ {
        self.idx
            .links_to
            .get(id.0)
            .iter()
            .filter_map(|&l| self.data.links.get(l as usize))
    }

    /// Number of crosswalk matches stored (Nesta rows carried over, ESCO occupation → ISCO
    /// group links, CASE exact matches); structural O*NET ↔ SOC matches are computed.
    pub fn stored_match_count(&self) -> usize {
        self.data.links.len()
    }

    /// Nesta crosswalk rows carried over, by how (see [`CarryOver`]).
    pub fn carried_over(&self) -> Vec<(CarryOver, usize)> {
        let mut counts: Vec<(CarryOver, usize)> = Vec::new();
        for l in &self.data.links {
            if let Some(Some(c)) = CarryOver::from_u8(l.status) {
                match counts.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((c, 1)),
                }
            }
        }
        counts.sort_by_key(|(k, _)| k.to_u8());
        counts
    }

    /// Nesta crosswalk rows that were not carried over, each with its reason.
    pub fn crosswalk_gaps(&self) -> &[CrosswalkGap] {
        &self.data.gaps
    }

    /// Rows read per file and what the loaders skipped (empty for the embedded default: its
    /// generator prints them).
    pub fn load_report(&self) -> &LoadReport {
        &self.report
    }

    /// O*NET job zone names (`Job Zone One: Little or No Preparation Needed`, ...), index 0 =
    /// zone 1.
    pub fn job_zone_names(&self) -> &[String] {
        &self.data.job_zone_names
    }

    /// Every framework with its name, version, licence and attribution text, to print wherever
    /// results are shown.
    pub fn attributions(&self) -> impl Iterator<Item = &Framework> + '_ {
        self.data.frameworks.iter()
    }

    /// Turns the taxonomy back into a builder, to add more (e.g. a CASE package on top of the
    /// embedded default).
    pub fn into_builder(self) -> TaxonomyBuilder {
        let Taxonomy { data, idx, report } = self;
        let mut alts = Vec::with_capacity(data.concepts.len());
        for c in &data.concepts {
            let start = c.alt_start as usize;
            let end = start.saturating_add(c.alt_len as usize);
            alts.push(data.alt.get(start..end).unwrap_or(&[]).to_vec());
        }
        TaxonomyBuilder {
            data,
            ids: idx.ids,
            alts,
            report,
            framework_keys: idx.framework_keys,
        }
    }
}

/// Collects frameworks, concepts and relations, then [`build`](Self::build)s a [`Taxonomy`].
///
/// The loaders (`load_onet`, `load_esco`, ...) are methods of the builder; order matters only
/// for the crosswalk, which needs O*NET and ESCO loaded first.
#[derive(Default)]
pub struct TaxonomyBuilder {
    pub(crate) data: Data,
    ids: HashMap<Box<str>, u32>,
    alts: Vec<Vec<Span>>,
    report: LoadReport,
    framework_keys: HashMap<Box<str>, u16>,
}

impl std::fmt::Debug for TaxonomyBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaxonomyBuilder")
            .field("frameworks", &self.data.frameworks.len())
            .field("concepts", &self.data.concepts.len())
            .finish_non_exhaustive()
    }
}

/// A concept to add (crate-internal constructor input).
pub(crate) struct NewConcept<'a> {
    pub(crate) framework: FrameworkId,
    pub(crate) kind: ConceptKind,
    pub(crate) id: &'a str,
    pub(crate) code: &'a str,
    pub(crate) label: &'a str,
}

impl TaxonomyBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a framework, or returns the existing one with the same key.
    pub(crate) fn framework(&mut self, framework: Framework) -> Result<FrameworkId, Error> {
        if let Some(&i) = self.framework_keys.get(framework.key.as_str()) {
            return Ok(FrameworkId(i));
        }
        let i = u16::try_from(self.data.frameworks.len()).map_err(|_| Error::TooLarge)?;
        self.framework_keys.insert(framework.key.as_str().into(), i);
        self.data.frameworks.push(framework);
        Ok(FrameworkId(i))
    }

    pub(crate) fn framework_by_key(&self, key: &str) -> Option<FrameworkId> {
        self.framework_keys.get(key).map(|&i| FrameworkId(i))
    }

    /// Adds a concept; an identifier already present is an error the loaders turn into a note.
    pub(crate) fn add(&mut self, c: NewConcept<'_>) -> Result<ConceptId, Error> {
        if self.ids.contains_key(c.id) {
            return Err(Error::DuplicateId {
                id: c.id.to_owned(),
            });
        }
        let index = u32::try_from(self.data.concepts.len()).map_err(|_| Error::TooLarge)?;
        let id = self.data.push_str(c.id)?;
        let code = self.data.push_str(c.code)?;
        let label = self.data.push_str(c.label)?;
        self.data.concepts.push(ConceptRec {
            id,
            code,
            label,
            alt_start: 0,
            alt_len: 0,
            framework: c.framework.0,
            kind: c.kind,
            flags: 0,
            job_zone: 0,
        });
        self.alts.push(Vec::new());
        self.ids.insert(c.id.into(), index);
        Ok(ConceptId(index))
    }

    pub(crate) fn lookup(&self, id: &str) -> Option<ConceptId> {
        self.ids.get(id).map(|&i| ConceptId(i))
    }

    pub(crate) fn rec_mut(&mut self, id: ConceptId) -> Option<&mut ConceptRec> {
        self.data.concepts.get_mut(id.index())
    }

    pub(crate) fn rec(&self, id: ConceptId) -> Option<&ConceptRec> {
        self.data.concepts.get(id.index())
    }

    pub(crate) fn str(&self, span: Span) -> &str {
        self.data.str(span)
    }

    /// Adds an alternative label unless it equals the preferred label or one already there.
    pub(crate) fn add_alt(&mut self, id: ConceptId, label: &str) -> Result<(), Error> {
        let label = label.trim();
        if label.is_empty() {
            return Ok(());
        }
        let Some(rec) = self.data.concepts.get(id.index()) else {
            return Ok(());
        };
        if self.data.str(rec.label) == label {
            return Ok(());
        }
        let Some(list) = self.alts.get(id.index()) else {
            return Ok(());
        };
        if list.iter().any(|&s| self.data.str(s) == label) {
            return Ok(());
        }
        let span = self.data.push_str(label)?;
        if let Some(list) = self.alts.get_mut(id.index()) {
            list.push(span);
        }
        Ok(())
    }

    pub(crate) fn add_broader(&mut self, child: ConceptId, parent: ConceptId) {
        if child != parent {
            self.data.broader.push((child.0, parent.0));
        }
    }

    pub(crate) fn add_relation(
        &mut self,
        source: ConceptId,
        target: ConceptId,
        kind: RelationKind,
    ) {
        let (tag, detail) = kind.encode();
        self.data.relations.push(RelRec {
            source: source.0,
            target: target.0,
            tag,
            detail,
        });
    }

    pub(crate) fn add_link(
        &mut self,
        from: ConceptId,
        to: ConceptId,
        kind: MatchKind,
        source: FrameworkId,
        status: Option<CarryOver>,
    ) {
        self.data.links.push(LinkRec {
            from: from.0,
            to: to.0,
            kind: kind.to_u8(),
            source: source.0,
            status: status.map_or(0, CarryOver::to_u8),
        });
    }

    pub(crate) fn add_alias(&mut self, key: &str, concept: ConceptId, kind: AliasKind) {
        self.data.aliases.push(Alias {
            key: key.to_owned(),
            concept: concept.0,
            kind,
        });
    }

    pub(crate) fn note(&mut self, source: &str, line: u64, message: impl Into<String>) {
        self.report.notes.push(LoadNote {
            source: source.to_owned(),
            line,
            message: message.into(),
        });
    }

    pub(crate) fn rows_read(&mut self, source: &str, rows: u64) {
        self.report.rows.push((source.to_owned(), rows));
    }

    /// Rows read per file and what the loaders skipped so far.
    pub fn load_report(&self) -> &LoadReport {
        &self.report
    }

    /// Sorts and de-duplicates relations, lays out labels, builds the indexes.
    pub fn build(self) -> Taxonomy {
        let TaxonomyBuilder {
            mut data,
            alts,
            report,
            ..
        } = self;
        let mut flat = Vec::with_capacity(alts.iter().map(Vec::len).sum());
        for (rec, list) in data.concepts.iter_mut().zip(alts) {
            rec.alt_start = flat.len() as u32;
            rec.alt_len = list.len() as u32;
            flat.extend(list);
        }
        data.alt = flat;
        data.broader.sort_unstable();
        data.broader.dedup();
        data.relations.sort_unstable();
        data.relations.dedup();
        data.links.sort_unstable();
        data.links.dedup();
        data.aliases.sort();
        data.aliases.dedup_by(|a, b| a.key == b.key);
        data.translations.sort();
        data.translations.dedup();
        Taxonomy::from_data(data, report)
    }
}
