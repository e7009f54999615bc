//! The occupation-ranking sanity set: each person's own occupation ranks in the top 3 of
//! O*NET and of ESCO, with an explanation.

#![allow(clippy::unwrap_used, clippy::expect_used)]
#![cfg(feature = "embedded-data")]

#[allow(dead_code, unreachable_pub, missing_docs)]
mod common {
    pub(crate) mod ranking;
}

use ler_model::Credential;
use ler_skills::{Coverage, ProfileOptions, SkillMapper, SkillProfile, Verdict, keys};

fn rank_of(case: &common::ranking::Case, framework: &str) -> (Option<usize>, Vec<String>) {
    let mapper = SkillMapper::embedded().unwrap();
    let tax = mapper.taxonomy();
    let credentials: Vec<Credential> = case
        .records
        .iter()
        .map(|r| Credential::from_slice(r.as_bytes()).unwrap())
        .collect();
    let profile = SkillProfile::from_credentials(
        mapper,
        credentials
            .iter()
            .map(|c| (c.view(), Some(Verdict::Verified))),
        &ProfileOptions::default(),
    );
    let fw = tax.framework_by_key(framework).unwrap();
    let ranking = Coverage::new(&profile).rank(tax, fw, 10);
    let wanted = if framework == keys::ONET {
        case.onet
    } else {
        case.esco
    };
    let shown = ranking
        .iter()
        .map(|m| {
            let o = m.occupation.unwrap();
            format!("{:.3} {} {}", m.score, o.identifier(), o.label())
        })
        .collect();
    for m in &ranking {
        assert!(m.score > 0.0, "no zero-score padding");
        assert!(
            !m.matched.is_empty() || m.experience.is_some(),
            "every ranked occupation is explained"
        );
    }
    let position = ranking
        .iter()
        .position(|m| wanted.contains(&m.occupation.unwrap().identifier()));
    (position, shown)
}

#[test]
fn each_record_ranks_its_own_occupation_in_the_top_three_of_onet_and_esco() {
    let mut failures = Vec::new();
    for case in common::ranking::cases() {
        for framework in [keys::ONET, keys::ESCO] {
            let (position, shown) = rank_of(&case, framework);
            if position.is_none_or(|p| p >= 3) {
                failures.push(format!(
                    "{} in {framework}: {position:?}\n  {}",
                    case.name,
                    shown.join("\n  ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
