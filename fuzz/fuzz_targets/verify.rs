//! Arbitrary bytes through the full verifier (one by one and as a batch): no input may panic or
//! hang, the verdict must follow the report's checks, a verified credential comes only with a
//! `verified` verdict, and the batch must say exactly what one-by-one says.
#![no_main]

use ler_verify::{Outcome, Verdict, VerifyOptions, verify, verify_batch};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let at = ler_model::date::Instant {
        seconds: 1_795_000_000,
        nanos: 0,
    };
    let options = VerifyOptions::default().at(at);
    let verification = verify(data, &options);
    let report = verification.report();
    let fails = report.checks.iter().any(|c| c.outcome == Outcome::Fail);
    assert_eq!(report.verdict == Verdict::Invalid, fails);
    assert_eq!(
        verification.verified().is_some(),
        report.verdict == Verdict::Verified
    );
    let _ = report.to_json();
    let batch = verify_batch(&[data, data], &options);
    assert!(batch.iter().all(|b| b == &verification));
});
