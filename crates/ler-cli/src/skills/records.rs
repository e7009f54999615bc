//! The commands on credentials: `resolve`, and `profile`, `match` and `rank`, which verify the
//! credentials first.

use std::path::{Path, PathBuf};

use ler::model::json::{Number, Object, Value};
use ler::model::{Alignment, Credential};
use ler::skills::{
    AlignmentRef, Concept, Coverage, EvidenceSource, FrameworkId, ProfileOptions, Resolution,
    SkillMapper, SkillProfile, Taxonomy, Verdict,
};

use super::render::{
    concept_json, evidence_line, framework_name, frameworks_of_match, match_json, public_id,
    render_match, score,
};
use super::{Answer, FrameworkArg, Printed, Session, VerifyFlags};
use crate::Outcome;

fn read_credential(path: &Path) -> Result<Credential, ()> {
    let max_bytes = ler::model::json::ParseOptions::default().max_bytes;
    let bytes = crate::common::read_input(path, max_bytes).map_err(|e| {
        crate::common::print_error(
            "skills",
            format_args!("cannot read {}: {e}", path.display()),
        );
    })?;
    Credential::from_slice(&bytes).map_err(|e| {
        crate::common::print_error("skills", format_args!("{}: {e}", path.display()));
    })
}

/// A credential read and verified, with what the profile does with it.
struct Checked {
    path: PathBuf,
    credential: Credential,
    /// The verdict given to the profile, or `None` when the credential is left out.
    counts_as: Option<Verdict>,
    /// The verifier's verdict and the ids of the checks that did not pass.
    verdict: ler::verifier::Verdict,
    failing: Vec<String>,
}

/// Reads and verifies every file as `ler verify` would; only verified credentials count,
/// unless `--include-unverified` lets indeterminate ones count at half weight.
fn read_and_verify(paths: &[PathBuf], flags: &VerifyFlags) -> Result<Vec<Checked>, ()> {
    let options = crate::verify::verifier_options(&flags.verifier)
        .map_err(|e| crate::common::print_error("skills", e))?;
    let mut texts = Vec::new();
    let mut credentials = Vec::new();
    for path in paths {
        let bytes =
            crate::common::read_input(path, options.limits.parse.max_bytes).map_err(|e| {
                crate::common::print_error(
                    "skills",
                    format_args!("cannot read {}: {e}", path.display()),
                );
            })?;
        let credential = Credential::from_slice(&bytes).map_err(|e| {
            crate::common::print_error("skills", format_args!("{}: {e}", path.display()));
        })?;
        texts.push(bytes);
        credentials.push((path.clone(), credential));
    }
    let reports = ler::verifier::verify_batch(&texts, &options);
    Ok(credentials
        .into_iter()
        .zip(reports)
        .map(|((path, credential), verification)| {
            let report = verification.into_parts().0;
            // Verified records count; indeterminate ones only when asked; invalid ones never.
            let counts_as = match report.verdict {
                Verdict::Verified => Some(Verdict::Verified),
                Verdict::Indeterminate if flags.include_unverified => Some(Verdict::Indeterminate),
                _ => None,
            };
            Checked {
                path,
                credential,
                counts_as,
                verdict: report.verdict,
                failing: report
                    .checks
                    .iter()
                    .filter(|c| {
                        c.outcome != ler::verifier::Outcome::Pass
                            && c.outcome != ler::verifier::Outcome::Skipped
                    })
                    .map(|c| format!("{} {}", c.id, c.outcome.name()))
                    .collect(),
            }
        })
        .collect())
}

fn build_profile<'t>(mapper: &SkillMapper<'t>, checked: &[Checked]) -> SkillProfile<'t> {
    SkillProfile::from_credentials(
        mapper,
        checked
            .iter()
            .filter_map(|c| Some((c.credential.view(), Some(c.counts_as?)))),
        &ProfileOptions::default(),
    )
}

fn render_excluded(checked: &[Checked], out: &mut String) {
    for c in checked.iter().filter(|c| c.counts_as.is_none()) {
        out.push_str(&format!(
            "excluded {}: {} ({})\n",
            c.path.display(),
            c.verdict.name(),
            if c.failing.is_empty() {
                "no check failed".to_owned()
            } else {
                c.failing.join(", ")
            }
        ));
    }
    let counted_unverified = checked
        .iter()
        .filter(|c| c.counts_as.is_some_and(|v| v != Verdict::Verified))
        .count();
    if counted_unverified > 0 {
        out.push_str(&format!(
            "note: {counted_unverified} credential(s) not verified count at half weight (--include-unverified)\n"
        ));
    }
}

fn excluded_json(checked: &[Checked]) -> Value {
    Value::Array(
        checked
            .iter()
            .filter(|c| c.counts_as.is_none())
            .map(|c| {
                let mut o = Object::new();
                o.insert("file", c.path.display().to_string());
                o.insert("verdict", c.verdict.name());
                o.insert(
                    "checks",
                    Value::Array(c.failing.iter().map(|f| Value::from(f.as_str())).collect()),
                );
                Value::Object(o)
            })
            .collect(),
    )
}

pub(super) fn find_occupation<'t>(taxonomy: &'t Taxonomy, id: &str) -> Option<Concept<'t>> {
    let normalised = id.replacen(
        "https://data.europa.eu/esco/",
        "http://data.europa.eu/esco/",
        1,
    );
    if let Some(c) = taxonomy.concept_by_id(&normalised) {
        return Some(c);
    }
    let alignment = AlignmentRef {
        target_code: Some(id),
        ..AlignmentRef::default()
    };
    match taxonomy.resolve(&alignment) {
        Resolution::Resolved { concept, .. } => Some(concept),
        _ => None,
    }
}

fn resolve(
    taxonomy: &Taxonomy,
    credential: &Credential,
    json: bool,
    out: &mut String,
) -> Vec<FrameworkId> {
    let root = Value::Object(credential.as_object().clone());
    let mut shown = Vec::new();
    let mut items = Vec::new();
    for (pointer, value) in root.walk() {
        let Some(object) = value.as_object() else {
            continue;
        };
        let in_alignment_list = ["/alignment/", "/occupation/", "/skill/"].iter().any(|k| {
            pointer
                .rsplit_once('/')
                .is_some_and(|(head, _)| format!("{head}/").ends_with(k))
        });
        if !in_alignment_list {
            continue;
        }
        let alignment = Alignment::new(object);
        let reference = AlignmentRef::from(alignment);
        let mut o = Object::new();
        o.insert("pointer", pointer.as_str());
        if let Some(name) = reference.target_name {
            o.insert("targetName", name);
        }
        let line = match taxonomy.resolve(&reference) {
            Resolution::Resolved { concept, how } => {
                shown.push(concept.framework_id());
                let mut c = concept_json(concept);
                c.insert("resolvedBy", format!("{how:?}"));
                o.insert("concept", Value::Object(c));
                format!(
                    "{pointer}: {} {}  [{} {}]",
                    public_id(concept),
                    concept.label(),
                    framework_name(concept),
                    concept.kind()
                )
            }
            Resolution::External(external) => {
                o.insert("external", format!("{external:?}"));
                format!("{pointer}: external reference {external:?}")
            }
            Resolution::Unresolved(reason) => {
                o.insert("unresolved", reason.to_string());
                format!("{pointer}: unresolved: {reason}")
            }
            _ => format!("{pointer}: unresolved"),
        };
        items.push(Value::Object(o));
        out.push_str(&line);
        out.push('\n');
    }
    if json {
        *out = Value::Array(items).to_pretty_string() + "\n";
    } else if out.is_empty() {
        out.push_str("no alignments\n");
    }
    shown
}

fn render_profile(profile: &SkillProfile<'_>, out: &mut String) {
    out.push_str(&format!(
        "{} credentials, {} concepts\n",
        profile.credential_count(),
        profile.entries().len()
    ));
    for e in profile.entries() {
        out.push_str(&format!(
            "{:.2}  {}  {}  [{} {}]\n",
            e.strength(),
            public_id(e.concept),
            e.concept.label(),
            framework_name(e.concept),
            e.concept.kind()
        ));
        for ev in e.evidence.iter().take(5) {
            out.push_str(&format!("      {}\n", evidence_line(ev)));
        }
    }
    for u in profile.unresolved() {
        out.push_str(&format!(
            "unresolved alignment {}: {}\n",
            u.target
                .as_deref()
                .or(u.target_name.as_deref())
                .unwrap_or("?"),
            u.reason
        ));
    }
}

fn profile_json(profile: &SkillProfile<'_>) -> Object {
    let mut root = Object::new();
    root.insert(
        "credentials",
        Value::Number(Number::from(profile.credential_count() as u64)),
    );
    let entries = profile
        .entries()
        .iter()
        .map(|e| {
            let mut o = concept_json(e.concept);
            o.insert("strength", score(e.strength()));
            o.insert("verified", e.is_verified());
            let evidence = e
                .evidence
                .iter()
                .map(|ev| {
                    let mut x = Object::new();
                    let mut put = |k: &str, v: &Option<String>| {
                        if let Some(v) = v {
                            x.insert(k, v.as_str());
                        }
                    };
                    put("credential", &ev.credential_id);
                    put("name", &ev.credential_name);
                    put("issuer", &ev.issuer_id);
                    put("issuerName", &ev.issuer_name);
                    put("date", &ev.date);
                    put("hours", &ev.hours);
                    put("result", &ev.result);
                    x.insert("verdict", ev.verdict_name());
                    match &ev.source {
                        EvidenceSource::Alignment { .. } => {
                            x.insert("source", "alignment");
                        }
                        EvidenceSource::Text { text, score: s } => {
                            x.insert("source", "text");
                            x.insert("text", text.as_str());
                            x.insert("textScore", score(*s));
                        }
                        _ => {}
                    }
                    x.insert("confidence", score(ev.confidence));
                    x.insert("strength", score(ev.strength));
                    Value::Object(x)
                })
                .collect();
            o.insert("evidence", Value::Array(evidence));
            Value::Object(o)
        })
        .collect();
    root.insert("skills", Value::Array(entries));
    let unresolved = profile
        .unresolved()
        .iter()
        .map(|u| {
            let mut o = Object::new();
            if let Some(t) = &u.target {
                o.insert("target", t.as_str());
            }
            o.insert("reason", u.reason.as_str());
            Value::Object(o)
        })
        .collect();
    root.insert("unresolved", Value::Array(unresolved));
    root
}

/// `ler skills resolve`: what each alignment of a credential refers to.
pub(super) fn resolve_alignments(session: &Session<'_>, file: &Path, json: bool) -> Answer {
    let Ok(credential) = read_credential(file) else {
        return Answer::Done(Outcome::Unusable);
    };
    let mut text = String::new();
    let shown = resolve(session.taxonomy, &credential, json, &mut text);
    Answer::Print(Printed { text, json, shown })
}

/// `ler skills profile`: the skill profile of the verified credentials.
pub(super) fn profile(
    session: &Session<'_>,
    files: &[PathBuf],
    verify: &VerifyFlags,
    json: bool,
) -> Answer {
    let Ok(checked) = read_and_verify(files, verify) else {
        return Answer::Done(Outcome::Unusable);
    };
    let profile = build_profile(&session.mapper, &checked);
    let shown = profile
        .entries()
        .iter()
        .map(|e| e.concept.framework_id())
        .collect();
    let mut text = String::new();
    if json {
        let mut root = profile_json(&profile);
        root.insert("excluded", excluded_json(&checked));
        text = Value::Object(root).to_pretty_string() + "\n";
    } else {
        render_profile(&profile, &mut text);
        render_excluded(&checked, &mut text);
    }
    Answer::Print(Printed { text, json, shown })
}

/// `ler skills match`: how the verified credentials cover one occupation's requirements.
pub(super) fn match_occupation(
    session: &Session<'_>,
    occupation: &str,
    files: &[PathBuf],
    verify: &VerifyFlags,
    json: bool,
) -> Answer {
    let Some(concept) = find_occupation(session.taxonomy, occupation) else {
        crate::common::print_error(
            "skills",
            format_args!("no occupation {occupation} in the loaded taxonomy"),
        );
        return Answer::Done(Outcome::Unusable);
    };
    let Ok(checked) = read_and_verify(files, verify) else {
        return Answer::Done(Outcome::Unusable);
    };
    let profile = build_profile(&session.mapper, &checked);
    let m = Coverage::new(&profile).match_occupation(concept);
    let shown = frameworks_of_match(&m);
    let mut text = String::new();
    if json {
        let mut root = match_json(&m, &profile, true);
        root.insert("excluded", excluded_json(&checked));
        text = Value::Object(root).to_pretty_string() + "\n";
    } else {
        render_match(&m, &profile, &mut text, true);
        render_excluded(&checked, &mut text);
    }
    Answer::Print(Printed { text, json, shown })
}

/// `ler skills rank`: the occupations of a framework the verified credentials cover best.
pub(super) fn rank(
    session: &Session<'_>,
    files: &[PathBuf],
    verify: &VerifyFlags,
    framework: FrameworkArg,
    top: usize,
    json: bool,
) -> Answer {
    let taxonomy = session.taxonomy;
    let Some(fw) = taxonomy.framework_by_key(framework.key()) else {
        crate::common::print_error(
            "skills",
            format_args!("framework {} is not loaded", framework.key()),
        );
        return Answer::Done(Outcome::Unusable);
    };
    let Ok(checked) = read_and_verify(files, verify) else {
        return Answer::Done(Outcome::Unusable);
    };
    let profile = build_profile(&session.mapper, &checked);
    let ranking = Coverage::new(&profile).rank(taxonomy, fw, top);
    let shown = ranking.iter().flat_map(frameworks_of_match).collect();
    let mut text = String::new();
    if json {
        let items = ranking
            .iter()
            .map(|m| Value::Object(match_json(m, &profile, false)))
            .collect();
        let mut root = Object::new();
        root.insert("ranking", Value::Array(items));
        root.insert("excluded", excluded_json(&checked));
        text = Value::Object(root).to_pretty_string() + "\n";
    } else {
        if ranking.is_empty() {
            text.push_str("no occupation matches this profile\n");
        }
        for (i, m) in ranking.iter().enumerate() {
            text.push_str(&format!("{:>3}. ", i + 1));
            render_match(m, &profile, &mut text, false);
        }
        render_excluded(&checked, &mut text);
    }
    Answer::Print(Printed { text, json, shown })
}
