//! ler-skills: decoding the embedded default taxonomy, resolving 10,000 alignments, mapping
//! phrases to ESCO skills, and a profile from 100 credentials ranked against every O*NET
//! occupation.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ler_benches::VerifyBaseline;
use ler_model::Credential;
use ler_skills::{
    AlignmentRef, ConceptKind, Coverage, MapOptions, ProfileOptions, Resolution, SkillMapper,
    SkillProfile, Taxonomy, Verdict, compact, keys,
};

/// 1,000 phrases: ESCO skill alternative labels, every third with a letter dropped.
fn phrases(taxonomy: &Taxonomy) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in taxonomy
        .concepts()
        .filter(|c| c.kind() == ConceptKind::Skill && c.identifier().contains("/esco/"))
        .step_by(11)
        .take(1_000)
        .enumerate()
    {
        let label = c.alt_labels().next().unwrap_or(c.label());
        let mut p = label.to_owned();
        if i % 3 == 0 && p.len() > 6 && p.is_char_boundary(4) && p.is_char_boundary(5) {
            p.remove(4);
        }
        out.push(p);
    }
    out
}

/// 100 credentials: 90 Open Badges aligned to ESCO skills (with names to map from text), 10
/// employment records with an O*NET occupation and duties.
fn credentials(taxonomy: &Taxonomy) -> Vec<Credential> {
    let skills: Vec<_> = taxonomy
        .concepts()
        .filter(|c| c.kind() == ConceptKind::Skill && c.identifier().contains("/esco/"))
        .step_by(37)
        .collect();
    let occupations: Vec<_> = taxonomy
        .concepts()
        .filter(|c| c.kind() == ConceptKind::Occupation && c.identifier().ends_with(".00"))
        .step_by(97)
        .collect();
    let q = |s: &str| s.replace('\\', "").replace('"', "'");
    let mut out = Vec::new();
    for i in 0..100usize {
        let text = if i % 10 == 9 {
            let o = occupations[i % occupations.len()];
            let duties: Vec<String> = (0..3)
                .map(|k| format!("\"{}\"", q(skills[(i * 3 + k) % skills.len()].label())))
                .collect();
            format!(
                r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/ler/contexts/employment/v1"],"id":"urn:uuid:{i}","type":["VerifiableCredential","EmploymentCredential"],"issuer":{{"id":"https://employer.example/{i}","name":"Employer {i}"}},"validFrom":"2024-01-01T00:00:00Z","credentialSubject":{{"type":["EmploymentSubject"],"employer":{{"id":"https://employer.example/{i}","name":"Employer {i}"}},"role":{{"type":["EmploymentRole"],"positionTitle":"{title}","occupation":[{{"type":["Alignment"],"targetName":"{title}","targetCode":"{code}","targetFramework":"O*NET-SOC"}}],"startDate":"2020-01-01","hoursPerWeek":40,"duties":[{duties}]}}}}}}"#,
                title = q(o.label()),
                code = o.identifier(),
                duties = duties.join(","),
            )
        } else {
            let aligned: Vec<String> = (0..3)
                .map(|k| {
                    let s = skills[(i * 3 + k) % skills.len()];
                    format!(
                        r#"{{"type":["Alignment"],"targetName":"{}","targetUrl":"{}","targetFramework":"ESCO"}}"#,
                        q(s.label()),
                        s.identifier()
                    )
                })
                .collect();
            let name = q(skills[(i * 7 + 1) % skills.len()].label());
            format!(
                r#"{{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"id":"urn:uuid:{i}","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{{"id":"https://issuer.example/{i}","type":["Profile"],"name":"Issuer {i}"}},"validFrom":"2025-01-01T00:00:00Z","name":"{name}","credentialSubject":{{"type":["AchievementSubject"],"achievement":{{"id":"https://issuer.example/a/{i}","type":["Achievement"],"name":"{name}","description":"{name}.","criteria":{{"narrative":"Assessed."}},"learningHours":20,"alignment":[{aligned}]}}}}}}"#,
                aligned = aligned.join(","),
            )
        };
        if let Ok(c) = Credential::from_slice(text.as_bytes()) {
            out.push(c);
        }
    }
    out
}

/// 10,000 alignments cycling through the identifier variants seen in the wild.
fn alignments(taxonomy: &Taxonomy) -> Vec<(Option<String>, Option<String>, Option<&'static str>)> {
    let mut codes: Vec<String> = Vec::new();
    for c in taxonomy.concepts().step_by(7).take(2_000) {
        codes.push(c.identifier().to_owned());
    }
    let mut out = Vec::with_capacity(10_000);
    for (i, id) in codes.iter().cycle().take(10_000).enumerate() {
        let entry = match i % 5 {
            // ESCO URIs over https with a trailing slash, O*NET codes without `.00`.
            0 if id.starts_with("http://") => (Some(format!("https{}/", &id[4..])), None, None),
            1 if id.ends_with(".00") => (None, Some(id[..7].to_owned()), Some("O*NET-SOC")),
            2 => (
                None,
                Some(format!("ce-{:08x}-d7cc-11e8-824f-0242ac160002", i)),
                Some("CE"),
            ),
            3 => (Some(format!("https://example.org/skills/{i}")), None, None),
            _ => (Some(id.clone()), None, None),
        };
        out.push(entry);
    }
    out
}

fn skills(c: &mut Criterion) {
    let baseline = VerifyBaseline::new();
    let mut group = c.benchmark_group("skills");
    group.bench_function("ed25519_verify_strict", |b| b.iter(|| baseline.verify()));
    group.sample_size(10);
    group.bench_function("decode_embedded_default", |b| {
        b.iter(|| compact::decode_compressed(compact::EMBEDDED).map(|t| t.len()))
    });
    group.sample_size(100);

    let Ok(taxonomy) = Taxonomy::embedded() else {
        return;
    };
    let inputs = alignments(taxonomy);
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("resolve_10000_alignments", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|(url, code, framework)| {
                    let a = AlignmentRef {
                        target_url: url.as_deref(),
                        target_code: code.as_deref(),
                        target_framework: *framework,
                        ..AlignmentRef::default()
                    };
                    matches!(taxonomy.resolve(&a), Resolution::Resolved { .. })
                })
                .count()
        })
    });

    let Ok(mapper) = SkillMapper::embedded() else {
        return;
    };
    let Some(esco) = taxonomy.framework_by_key(keys::ESCO) else {
        return;
    };
    let options = MapOptions::new()
        .framework(esco)
        .kinds(&[ConceptKind::Skill, ConceptKind::Knowledge])
        .top(5);
    let phrases = phrases(taxonomy);
    // Build the index outside the measurement.
    let _ = mapper.map("warm up", &options);
    group.throughput(Throughput::Elements(phrases.len() as u64));
    group.bench_function("map_1000_phrases_esco_skills", |b| {
        b.iter(|| {
            phrases
                .iter()
                .map(|p| mapper.map(p, &options).len())
                .sum::<usize>()
        })
    });

    let credentials = credentials(taxonomy);
    assert_eq!(credentials.len(), 100, "the generated credentials parse");
    let Some(onet) = taxonomy.framework_by_key(keys::ONET) else {
        return;
    };
    let _ = mapper.map("warm up", &MapOptions::new().framework(onet));
    group.throughput(Throughput::Elements(1));
    group.bench_function("profile_100_credentials_rank_onet", |b| {
        b.iter(|| {
            let profile = SkillProfile::from_credentials(
                mapper,
                credentials
                    .iter()
                    .map(|c| (c.view(), Some(Verdict::Verified))),
                &ProfileOptions::default(),
            );
            let coverage = Coverage::new(&profile);
            coverage.rank(taxonomy, onet, 10).len()
        })
    });
    group.finish();
}

criterion_group!(benches, skills);
criterion_main!(benches);
