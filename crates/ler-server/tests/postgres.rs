//! Two instances on one PostgreSQL issuing concurrently never hand out the same index. Needs a
//! server: `eval "$(bash .ci/postgres.sh)"` starts one on 127.0.0.1 and sets
//! `LER_TEST_POSTGRES_URL`; without it the test skips with a message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;

use common::*;

#[test]
fn two_instances_on_one_postgresql_never_share_an_index() {
    let Ok(url) = std::env::var("LER_TEST_POSTGRES_URL") else {
        eprintln!("LER_TEST_POSTGRES_URL is not set: skipping the PostgreSQL two-instance test");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let instance = |name: &str| {
        let data = dir.path().join(name);
        let mut config = config(&data);
        config.database_url = Some(url.clone());
        // The same issuer key for both, as in a real deployment.
        config.issuer.key_file = Some(dir.path().join("issuer-key.json"));
        TestServer::start(config)
    };
    let first = instance("a");
    let second = instance("b");
    assert_eq!(first.issuer, second.issuer);
    let issuer = first.issuer.clone();
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let base = if t % 2 == 0 {
                first.base.clone()
            } else {
                second.base.clone()
            };
            let issuer = issuer.clone();
            std::thread::spawn(move || {
                let agent = agent(None);
                (0..25)
                    .map(|i| {
                        let id = format!("urn:uuid:00000000-0000-4000-8000-{t:06}{i:06}");
                        let (status, body) = post_with(
                            &agent,
                            &format!("{base}/credentials/issue"),
                            &issue_request(&issuer, &id, Some("eddsa-jcs-2022")),
                            Some(ISSUE_TOKEN),
                        );
                        assert_eq!(status, 201, "{body}");
                        let entry = &json(&body)["verifiableCredential"]["credentialStatus"][0];
                        (
                            entry["statusListCredential"].as_str().unwrap().to_owned(),
                            entry["statusListIndex"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let all: Vec<(String, String)> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(all.len(), 200);
    // The list URLs differ by instance port; the index space is the database's.
    let indexes: HashSet<(String, String)> = all
        .iter()
        .map(|(url, index)| (url.rsplit('/').next().unwrap().to_owned(), index.clone()))
        .collect();
    assert_eq!(indexes.len(), all.len(), "an index was handed out twice");
    // A status change made through one instance shows in lists the other serves.
    let revoke =
        serde_json::json!({"credentialId": "urn:uuid:00000000-0000-4000-8000-000000000000",
        "credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"}})
        .to_string();
    assert_eq!(
        first
            .post("/credentials/status", &revoke, Some(STATUS_TOKEN))
            .0,
        200
    );
    assert_eq!(second.get("/status/revocation-0").0, 200);
}
