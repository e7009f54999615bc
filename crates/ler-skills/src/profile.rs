//! Skill profiles: a person's skills, each with the evidence from their credentials.

use ler_report::Verdict;
use std::collections::HashMap;

use ler_model::{Achievement, Alignment, CredentialKind, CredentialRef, SubjectKind};

use crate::extract::ExtractOptions;
use crate::mapper::{MapOptions, SkillMapper};
use crate::model::{ConceptId, ConceptKind, keys};
use crate::resolve::{AlignmentRef, Resolution, ResolvedBy};
use crate::taxonomy::{Concept, Taxonomy};

/// Deepest nesting of credentials followed inside CLRs.
const MAX_NESTING: usize = 8;
/// Occupations looked at when a job title matches several equally well.
const TITLE_TIES: usize = 8;
/// Most text fragments (names, description sentences, duties) mapped per credential.
const MAX_TEXTS: usize = 64;

impl<'a> From<Alignment<'a>> for AlignmentRef<'a> {
    fn from(a: Alignment<'a>) -> Self {
        AlignmentRef {
            target_url: a.target_url(),
            target_code: a.target_code(),
            target_framework: a.target_framework(),
            target_name: a.target_name(),
            target_type: a.target_type(),
        }
    }
}

/// How much each kind of evidence counts.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ProfileOptions {
    /// Weight of evidence from unverified or indeterminate credentials (verified: 1).
    pub unverified_weight: f32,
    /// Confidence of a skill found from text is the mapper's score times this.
    pub text_confidence: f32,
    /// Text matches scoring below this are not kept.
    pub text_min_score: f32,
    /// Whether to look for skills in names, descriptions and duties at all.
    pub from_text: bool,
    /// A whole sentence or duty is also matched against O*NET task statements and detailed
    /// work activities (the best two); matches scoring below this are not kept.
    pub activity_min_score: f32,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        Self {
            unverified_weight: 0.5,
            text_confidence: 0.6,
            text_min_score: 0.75,
            from_text: true,
            activity_min_score: 0.45,
        }
    }
}

/// Where a piece of evidence was found.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EvidenceSource {
    /// An OB `Alignment` (of an achievement, a result, an employment role's `skill` or
    /// `occupation`) resolved to the concept.
    Alignment {
        /// How its identifier was matched.
        how: ResolvedBy,
    },
    /// Text (an achievement name, a description sentence, a duty, a position title) mapped
    /// to the concept by the [`SkillMapper`].
    Text {
        /// The text.
        text: String,
        /// The mapper's score.
        score: f32,
    },
}

/// One piece of evidence for a skill.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct SkillEvidence {
    /// The credential's `id` (the nested one, for credentials inside a CLR).
    pub credential_id: Option<String>,
    /// The credential's or achievement's name.
    pub credential_name: Option<String>,
    /// The issuer's id.
    pub issuer_id: Option<String>,
    /// The issuer's name.
    pub issuer_name: Option<String>,
    /// When: the award date or `validFrom`, or an employment's `startDate/endDate`.
    pub date: Option<String>,
    /// Learning hours (`achievement.learningHours`) or hours per week of a job (`… h/week`).
    pub hours: Option<String>,
    /// A result (`value`, `achievedLevel` or `status` of the subject's results).
    pub result: Option<String>,
    /// The verifier's verdict on the credential it comes from; `None` when it was not
    /// verified.
    pub verdict: Option<Verdict>,
    /// Where it was found.
    pub source: EvidenceSource,
    /// How sure the finding is, from 0 to 1 (alignments 1; text: a fraction of the score).
    pub confidence: f32,
    /// What it counts for: confidence times the verdict's weight.
    pub strength: f32,
}

impl SkillEvidence {
    /// Whether the credential it comes from was verified.
    pub fn is_verified(&self) -> bool {
        self.verdict == Some(Verdict::Verified)
    }

    /// The verdict's name, `unverified` when there is none: the JSON form of the evidence.
    pub fn verdict_name(&self) -> &'static str {
        self.verdict.map_or("unverified", Verdict::name)
    }
}

/// One concept of a profile with its evidence.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ProfileEntry<'t> {
    /// The skill, knowledge, technology or occupation.
    pub concept: Concept<'t>,
    /// Every piece of evidence, strongest first.
    pub evidence: Vec<SkillEvidence>,
}

impl ProfileEntry<'_> {
    /// The strongest evidence's strength (0 to 1).
    pub fn strength(&self) -> f32 {
        self.evidence.first().map_or(0.0, |e| e.strength)
    }

    /// Whether any evidence comes from a verified credential.
    pub fn is_verified(&self) -> bool {
        self.evidence.iter().any(SkillEvidence::is_verified)
    }
}

/// An alignment that did not resolve to a concept, kept so nothing is dropped silently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnresolvedAlignment {
    /// The credential's `id`.
    pub credential_id: Option<String>,
    /// `targetName`.
    pub target_name: Option<String>,
    /// `targetUrl` or `targetCode`.
    pub target: Option<String>,
    /// Why, in words.
    pub reason: String,
}

/// A person's skills (and occupations held), each with its evidence, from their credentials.
#[derive(Clone, Debug, Default)]
pub struct SkillProfile<'t> {
    entries: Vec<ProfileEntry<'t>>,
    index: HashMap<ConceptId, usize>,
    ignored: Vec<(Option<String>, Option<Verdict>)>,
    unresolved: Vec<UnresolvedAlignment>,
    credentials: usize,
}

/// The credential-level facts every piece of evidence from it repeats.
#[derive(Clone, Default)]
struct Context {
    credential_id: Option<String>,
    credential_name: Option<String>,
    issuer_id: Option<String>,
    issuer_name: Option<String>,
    date: Option<String>,
    hours: Option<String>,
    result: Option<String>,
}

struct Build<'m, 't> {
    mapper: &'m SkillMapper<'t>,
    options: &'m ProfileOptions,
    text_targets: Vec<MapOptions>,
    activity_targets: Vec<MapOptions>,
    title_targets: Vec<MapOptions>,
    profile: SkillProfile<'t>,
}

impl<'t> SkillProfile<'t> {
    /// Builds the profile from credentials, each with its verdict. Invalid credentials are
    /// listed in [`ignored`](Self::ignored) and contribute nothing; credentials inside a CLR
    /// share the CLR's verdict.
    pub fn from_credentials<'c>(
        mapper: &SkillMapper<'t>,
        credentials: impl IntoIterator<Item = (CredentialRef<'c>, Option<Verdict>)>,
        options: &ProfileOptions,
    ) -> Self {
        let tax = mapper.taxonomy();
        let targets = |pairs: &[(&str, &[ConceptKind])], min: f32| -> Vec<MapOptions> {
            pairs
                .iter()
                .filter_map(|(key, kinds)| {
                    Some(
                        MapOptions::new()
                            .framework(tax.framework_by_key(key)?)
                            .kinds(kinds)
                            .top(1)
                            .min_score(min),
                    )
                })
                .collect()
        };
        let mut build = Build {
            mapper,
            options,
            text_targets: targets(
                &[
                    (keys::ESCO, &[ConceptKind::Skill, ConceptKind::Knowledge]),
                    (keys::ONET, &[ConceptKind::Technology]),
                ],
                options.text_min_score,
            ),
            activity_targets: targets(
                &[(keys::ONET, &[ConceptKind::Task, ConceptKind::WorkActivity])],
                options.activity_min_score,
            )
            .into_iter()
            .map(|o| o.top(2))
            .collect(),
            title_targets: targets(
                &[
                    (keys::ESCO, &[ConceptKind::Occupation]),
                    (keys::ONET, &[ConceptKind::Occupation]),
                ],
                options.text_min_score,
            ),
            profile: SkillProfile::default(),
        };
        for (credential, verdict) in credentials {
            build.profile.credentials += 1;
            if verdict == Some(Verdict::Invalid) {
                build
                    .profile
                    .ignored
                    .push((credential.id().map(str::to_owned), verdict));
                continue;
            }
            build.credential(credential, verdict, 0);
        }
        let mut profile = build.profile;
        for entry in &mut profile.entries {
            entry
                .evidence
                .sort_by(|a, b| b.strength.total_cmp(&a.strength));
        }
        // Strongest first; the index follows the order.
        profile.entries.sort_by(|a, b| {
            b.strength()
                .total_cmp(&a.strength())
                .then(a.concept.id().cmp(&b.concept.id()))
        });
        profile.index = profile
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.concept.id(), i))
            .collect();
        profile
    }

    /// Every concept found, strongest evidence first.
    pub fn entries(&self) -> &[ProfileEntry<'t>] {
        &self.entries
    }

    /// The entry of one concept.
    pub fn entry(&self, concept: ConceptId) -> Option<&ProfileEntry<'t>> {
        self.entries.get(*self.index.get(&concept)?)
    }

    /// The skills: entries that are not occupations or occupation groups.
    pub fn skills(&self) -> impl Iterator<Item = &ProfileEntry<'t>> + '_ {
        self.entries
            .iter()
            .filter(|e| !is_occupation(e.concept.kind()))
    }

    /// The occupations held (from employment records and position titles).
    pub fn occupations(&self) -> impl Iterator<Item = &ProfileEntry<'t>> + '_ {
        self.entries
            .iter()
            .filter(|e| is_occupation(e.concept.kind()))
    }

    /// Credentials left out because their verdict is [`Verdict::Invalid`]: `(id, verdict)`.
    pub fn ignored(&self) -> &[(Option<String>, Option<Verdict>)] {
        &self.ignored
    }

    /// Alignments that resolved to no concept.
    pub fn unresolved(&self) -> &[UnresolvedAlignment] {
        &self.unresolved
    }

    /// Number of top-level credentials given.
    pub fn credential_count(&self) -> usize {
        self.credentials
    }

    /// Whether no concept was found.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The taxonomy its concepts come from, if it has any.
    pub fn taxonomy(&self) -> Option<&'t Taxonomy> {
        self.entries.first().map(|e| e.concept.taxonomy())
    }
}

/// Share of `label`'s words (lowercased, final `s` dropped) that `text` has.
fn word_overlap(text: &str, label: &str) -> f32 {
    let norm = |w: &str| w.to_lowercase().trim_end_matches('s').to_owned();
    let have: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(norm)
        .collect();
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(norm)
        .collect();
    if words.is_empty() {
        return 0.0;
    }
    words.iter().filter(|w| have.contains(w)).count() as f32 / words.len() as f32
}

pub(crate) fn is_occupation(kind: ConceptKind) -> bool {
    matches!(kind, ConceptKind::Occupation | ConceptKind::OccupationGroup)
}

impl<'t> Build<'_, 't> {
    fn credential(
        &mut self,
        credential: CredentialRef<'_>,
        verdict: Option<Verdict>,
        depth: usize,
    ) {
        if depth > MAX_NESTING || credential.kind() == CredentialKind::Endorsement {
            return;
        }
        let issuer = credential.issuer();
        let base = Context {
            credential_id: credential.id().map(str::to_owned),
            credential_name: credential.name().map(str::to_owned),
            issuer_id: issuer.and_then(|i| i.id()).map(str::to_owned),
            issuer_name: issuer.and_then(|i| i.name()).map(str::to_owned),
            date: credential
                .awarded_date()
                .or_else(|| credential.valid_from())
                .map(str::to_owned),
            hours: None,
            result: None,
        };
        let mut texts = 0usize;
        for subject in credential.subjects() {
            match subject.kind() {
                SubjectKind::Clr => {
                    for achievement in subject.achievements() {
                        self.achievement(achievement, &base, verdict, &mut texts);
                    }
                    for nested in subject.credentials() {
                        self.credential(nested, verdict, depth + 1);
                    }
                }
                SubjectKind::Employment => {
                    let Some(role) = subject.role() else { continue };
                    let mut ctx = base.clone();
                    if let Some(employer) = subject.employer() {
                        ctx.issuer_name = employer.name().map(str::to_owned).or(ctx.issuer_name);
                    }
                    ctx.date = match (role.start_date(), role.end_date()) {
                        (Some(s), Some(e)) => Some(format!("{s}/{e}")),
                        (Some(s), None) => Some(format!("{s}/")),
                        _ => ctx.date,
                    };
                    ctx.hours = role
                        .hours_per_week()
                        .map(|h| format!("{} h/week", h.as_str()));
                    ctx.credential_name = role
                        .position_title()
                        .map(str::to_owned)
                        .or(ctx.credential_name);
                    for a in role.occupations().into_iter().chain(role.skills()) {
                        self.alignment(a, &ctx, verdict);
                    }
                    if self.options.from_text {
                        if let Some(title) = role.position_title() {
                            self.text(title, &ctx, verdict, true, &mut texts);
                        }
                        for duty in role.duties() {
                            self.text(duty, &ctx, verdict, false, &mut texts);
                        }
                    }
                }
                SubjectKind::Achievement | SubjectKind::Other => {
                    let mut ctx = base.clone();
                    let results = subject.results();
                    ctx.result = results.iter().find_map(|r| {
                        r.value()
                            .or_else(|| r.achieved_level())
                            .or_else(|| r.status())
                            .map(str::to_owned)
                    });
                    if let Some(end) = subject.activity_end_date() {
                        ctx.date = Some(end.to_owned());
                    }
                    for r in &results {
                        for a in r.alignments() {
                            self.alignment(a, &ctx, verdict);
                        }
                    }
                    if let Some(achievement) = subject.achievement() {
                        self.achievement(achievement, &ctx, verdict, &mut texts);
                    }
                }
                _ => {}
            }
        }
    }

    fn achievement(
        &mut self,
        achievement: Achievement<'_>,
        base: &Context,
        verdict: Option<Verdict>,
        texts: &mut usize,
    ) {
        let mut ctx = base.clone();
        if let Some(name) = achievement.name() {
            ctx.credential_name = Some(name.to_owned());
        }
        if let Some(hours) = achievement.get("learningHours").and_then(|v| v.as_number()) {
            ctx.hours = Some(hours.as_str().to_owned());
        }
        for a in achievement.alignments() {
            self.alignment(a, &ctx, verdict);
        }
        if !self.options.from_text {
            return;
        }
        if let Some(name) = achievement.name() {
            self.text(name, &ctx, verdict, false, texts);
        }
        if let Some(description) = achievement.description() {
            for sentence in description.split(['.', ';', '\n']).take(8) {
                self.text(sentence, &ctx, verdict, false, texts);
            }
        }
        for tag in achievement.tags() {
            self.text(tag, &ctx, verdict, false, texts);
        }
    }

    fn alignment(&mut self, alignment: Alignment<'_>, ctx: &Context, verdict: Option<Verdict>) {
        let reference = AlignmentRef::from(alignment);
        match self.mapper.taxonomy().resolve(&reference) {
            Resolution::Resolved { concept, how } => {
                self.add(
                    concept,
                    ctx,
                    verdict,
                    EvidenceSource::Alignment { how },
                    1.0,
                );
            }
            Resolution::External(_) => {}
            Resolution::Unresolved(reason) => {
                self.profile.unresolved.push(UnresolvedAlignment {
                    credential_id: ctx.credential_id.clone(),
                    target_name: reference.target_name.map(str::to_owned),
                    target: reference
                        .target_url
                        .or(reference.target_code)
                        .map(str::to_owned),
                    reason: reason.to_string(),
                });
            }
        }
    }

    fn text(
        &mut self,
        text: &str,
        ctx: &Context,
        verdict: Option<Verdict>,
        title: bool,
        texts: &mut usize,
    ) {
        let text = text.trim();
        if text.is_empty() || *texts >= MAX_TEXTS {
            return;
        }
        *texts += 1;
        let mut found: Vec<(crate::Concept<'t>, f32)> = Vec::new();
        if title {
            for options in &self.title_targets {
                let hits = self.mapper.map(text, &options.clone().top(TITLE_TIES));
                // A job title is often an alternative title of several occupations ("Truck
                // Driver"): among those tied, the one whose own title shares most words wins.
                let best = hits.first().map_or(0.0, |h| h.score);
                let pick = hits
                    .iter()
                    .filter(|h| h.score >= best - 1e-6)
                    .max_by(|a, b| {
                        word_overlap(text, a.concept.label())
                            .total_cmp(&word_overlap(text, b.concept.label()))
                            .then(b.concept.id().cmp(&a.concept.id()))
                    });
                found.extend(pick.map(|h| (h.concept, h.score)));
            }
        } else {
            // Skills named in the text (one sentence may name several), then what the whole
            // sentence says is done, against O*NET's task statements and work activities.
            for options in &self.text_targets {
                let extract = ExtractOptions::new()
                    .target(options.clone())
                    .min_score(self.options.text_min_score)
                    .top(16);
                found.extend(
                    self.mapper
                        .extract(text, &extract)
                        .into_iter()
                        .map(|e| (e.concept, e.score)),
                );
            }
            for options in &self.activity_targets {
                found.extend(
                    self.mapper
                        .map(text, options)
                        .into_iter()
                        .map(|h| (h.concept, h.score)),
                );
            }
        }
        for (concept, score) in found {
            let source = EvidenceSource::Text {
                text: text.to_owned(),
                score,
            };
            let confidence = score * self.options.text_confidence;
            self.add(concept, ctx, verdict, source, confidence);
        }
    }

    fn add(
        &mut self,
        concept: Concept<'t>,
        ctx: &Context,
        verdict: Option<Verdict>,
        source: EvidenceSource,
        confidence: f32,
    ) {
        let weight = if verdict == Some(Verdict::Verified) {
            1.0
        } else {
            self.options.unverified_weight
        };
        let evidence = SkillEvidence {
            credential_id: ctx.credential_id.clone(),
            credential_name: ctx.credential_name.clone(),
            issuer_id: ctx.issuer_id.clone(),
            issuer_name: ctx.issuer_name.clone(),
            date: ctx.date.clone(),
            hours: ctx.hours.clone(),
            result: ctx.result.clone(),
            verdict,
            source,
            confidence,
            strength: (confidence * weight).clamp(0.0, 1.0),
        };
        let profile = &mut self.profile;
        let i = *profile.index.entry(concept.id()).or_insert_with(|| {
            profile.entries.push(ProfileEntry {
                concept,
                evidence: Vec::new(),
            });
            profile.entries.len() - 1
        });
        if let Some(entry) = profile.entries.get_mut(i) {
            // The same finding from the same credential is one piece of evidence.
            if !entry.evidence.iter().any(|e| {
                e.credential_id == evidence.credential_id
                    && e.source == evidence.source
                    && e.credential_name == evidence.credential_name
            }) {
                entry.evidence.push(evidence);
            }
        }
    }
}
