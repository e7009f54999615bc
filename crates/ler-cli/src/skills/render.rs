//! The text and JSON forms the commands share: concepts, scores, occupation matches and the
//! attribution footer.

use ler::model::json::{Number, Object, Value};
use ler::skills::{
    Concept, EvidenceSource, FrameworkId, OccupationMatch, SkillProfile, Taxonomy, keys,
};

/// One attribution line per framework shown (and the crosswalk when used), in load order.
pub(crate) fn attribution(taxonomy: &Taxonomy, shown: &[FrameworkId]) -> Vec<String> {
    taxonomy
        .frameworks()
        .iter()
        .enumerate()
        .filter(|(i, _)| shown.iter().any(|f| f.index() == *i))
        .map(|(_, f)| format!("source: {}", f.attribution))
        .collect()
}

pub(crate) fn frameworks_of_match(m: &OccupationMatch<'_>) -> Vec<FrameworkId> {
    let mut out: Vec<FrameworkId> = m.occupation.iter().map(|o| o.framework_id()).collect();
    for r in &m.matched {
        out.push(r.requirement.concept.framework_id());
        out.push(r.by.framework_id());
    }
    out.extend(m.missing.iter().map(|r| r.concept.framework_id()));
    out
}

/// The identifier as the CLI shows it: ESCO URIs over `http`, codes as they are.
pub(super) fn public_id(concept: Concept<'_>) -> String {
    concept.identifier().replacen(
        "https://data.europa.eu/esco/",
        "http://data.europa.eu/esco/",
        1,
    )
}

/// The framework as the `--framework` flag names it (`esco`, `onet`, `soc`), else its key.
pub(crate) fn framework_name(concept: Concept<'_>) -> &str {
    match concept.framework().key.as_str() {
        keys::SOC => "soc",
        other => other,
    }
}

pub(super) fn score(value: f32) -> Value {
    let rounded = (f64::from(value) * 10_000.0).round() / 10_000.0;
    Number::from_f64(rounded).map_or(Value::Null, Value::Number)
}

pub(super) fn concept_json(concept: Concept<'_>) -> Object {
    let mut o = Object::new();
    o.insert("id", public_id(concept));
    o.insert("label", concept.label());
    o.insert("kind", concept.kind().as_str());
    o.insert("framework", framework_name(concept));
    o
}

pub(super) fn evidence_line(e: &ler::skills::SkillEvidence) -> String {
    let mut parts = Vec::new();
    parts.push(
        if e.is_verified() {
            "verified"
        } else {
            "UNVERIFIED"
        }
        .to_owned(),
    );
    if let Some(name) = &e.credential_name {
        parts.push(format!("\"{name}\""));
    }
    if let Some(issuer) = e.issuer_name.as_ref().or(e.issuer_id.as_ref()) {
        parts.push(format!("by {issuer}"));
    }
    if let Some(date) = &e.date {
        parts.push(date.clone());
    }
    if let Some(hours) = &e.hours {
        parts.push(format!("{hours} h").replace(" h/week h", " h/week"));
    }
    if let Some(result) = &e.result {
        parts.push(format!("result {result}"));
    }
    match &e.source {
        EvidenceSource::Alignment { .. } => parts.push("from an alignment".to_owned()),
        EvidenceSource::Text { text, score } => {
            parts.push(format!("from text \"{text}\" ({score:.2})"));
        }
        _ => {}
    }
    parts.join(", ")
}

/// The name of the credential that gave a profile concept its strongest evidence.
pub(crate) fn credential_of<'p>(
    profile: &'p SkillProfile<'_>,
    concept: Concept<'_>,
) -> Option<&'p str> {
    let evidence = profile.entry(concept.id())?.evidence.first()?;
    evidence
        .credential_name
        .as_deref()
        .or(evidence.credential_id.as_deref())
}

/// One line explaining a ranked occupation: the strongest requirements met (with the
/// credential each comes from) and the most important ones missing.
pub(crate) fn explain_line(
    m: &OccupationMatch<'_>,
    profile: &SkillProfile<'_>,
    items: usize,
) -> String {
    let met: Vec<String> = m
        .matched
        .iter()
        .take(items)
        .map(|r| match credential_of(profile, r.by) {
            Some(c) => format!("\"{}\" ({c})", r.requirement.concept.label()),
            None => format!("\"{}\"", r.requirement.concept.label()),
        })
        .collect();
    let missing: Vec<String> = m
        .missing
        .iter()
        .take(items)
        .map(|r| format!("\"{}\"", r.concept.label()))
        .collect();
    let mut line = String::new();
    if !met.is_empty() {
        line.push_str(&format!("met {}", met.join(", ")));
    }
    if !missing.is_empty() {
        if !line.is_empty() {
            line.push_str("; ");
        }
        line.push_str(&format!("missing {}", missing.join(", ")));
    }
    line
}

pub(super) fn render_match(
    m: &OccupationMatch<'_>,
    profile: &SkillProfile<'_>,
    out: &mut String,
    detail: bool,
) {
    if let Some(o) = m.occupation {
        out.push_str(&format!(
            "{:.3}  {}  {}\n",
            m.score,
            public_id(o),
            o.label()
        ));
    }
    if let Some((by, path, credit)) = &m.experience {
        out.push_str(&format!(
            "      experience: {} {} ({}, {credit:.2}{})\n",
            public_id(*by),
            by.label(),
            path.as_str(),
            credential_of(profile, *by).map_or(String::new(), |c| format!(", from \"{c}\""))
        ));
    }
    let limit = if detail { usize::MAX } else { 3 };
    for r in m.matched.iter().take(limit) {
        out.push_str(&format!(
            "      matched {} \"{}\" by \"{}\" ({}, {:.2}{}{}{})\n",
            r.requirement.level.as_str(),
            r.requirement.concept.label(),
            r.by.label(),
            r.path.as_str(),
            r.credit,
            if r.verified {
                ", verified"
            } else {
                ", UNVERIFIED"
            },
            credential_of(profile, r.by).map_or(String::new(), |c| format!(", from \"{c}\"")),
            r.requirement
                .via
                .map_or(String::new(), |v| format!(", via {}", v.label()))
        ));
    }
    if detail {
        for r in &m.missing {
            out.push_str(&format!(
                "      missing {} \"{}\"\n",
                r.level.as_str(),
                r.concept.label()
            ));
        }
    } else {
        out.push_str(&format!(
            "      {} matched, {} missing (most important: {})\n",
            m.matched.len(),
            m.missing.len(),
            m.missing
                .iter()
                .take(3)
                .map(|r| format!("\"{}\"", r.concept.label()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
}

pub(super) fn match_json(
    m: &OccupationMatch<'_>,
    profile: &SkillProfile<'_>,
    with_missing: bool,
) -> Object {
    let mut root = Object::new();
    if let Some(o) = m.occupation {
        root.insert("occupation", Value::Object(concept_json(o)));
    }
    root.insert("score", score(m.score));
    if let Some((by, path, credit)) = &m.experience {
        let mut e = concept_json(*by);
        e.insert("path", path.as_str());
        e.insert("credit", score(*credit));
        root.insert("experience", Value::Object(e));
    }
    let matched = m
        .matched
        .iter()
        .map(|r| {
            let mut o = concept_json(r.requirement.concept);
            o.insert("level", r.requirement.level.as_str());
            o.insert("by", Value::Object(concept_json(r.by)));
            o.insert("path", r.path.as_str());
            o.insert("credit", score(r.credit));
            o.insert("weight", score(r.requirement.weight));
            o.insert("verified", r.verified);
            if let Some(c) = credential_of(profile, r.by) {
                o.insert("credential", c);
            }
            if let Some(via) = r.requirement.via {
                o.insert("via", Value::Object(concept_json(via)));
            }
            Value::Object(o)
        })
        .collect();
    root.insert("matched", Value::Array(matched));
    if with_missing {
        let missing = m
            .missing
            .iter()
            .map(|r| {
                let mut o = concept_json(r.concept);
                o.insert("level", r.level.as_str());
                Value::Object(o)
            })
            .collect();
        root.insert("missing", Value::Array(missing));
    } else {
        root.insert(
            "missingCount",
            Value::Number(Number::from(m.missing.len() as u64)),
        );
    }
    root
}
