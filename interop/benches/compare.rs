//! ler against ssi 0.16 on the same `eddsa-rdfc-2022` credential, in one run, beside the raw
//! Ed25519 floor (one `verify_strict` of a 64-byte message, through ler's key type, which calls
//! `ed25519-dalek`'s `verify_strict`). Prints each contender's median time per verification and
//! its ratio to the floor.
//!
//! ```sh
//! cargo bench --manifest-path interop/Cargo.toml --bench compare
//! ```
//!
//! No criterion (it would add to this workspace's build): rounds of each contender in turn, so
//! load on the machine falls on all of them alike; the median of the rounds is reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ler_verify::{Verdict, VerifyOptions};

/// Rounds per contender (each a fixed stretch of calls).
const ROUNDS: usize = 15;
/// Target length of one round.
const ROUND: Duration = Duration::from_millis(150);

/// Calls `f` for about [`ROUND`] and returns the time per call.
fn round(iterations: u32, f: &mut dyn FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed() / iterations
}

/// How many calls of `f` fill one round (from a short calibration).
fn calibrate(f: &mut dyn FnMut()) -> u32 {
    let mut n = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        let spent = start.elapsed();
        if spent >= ROUND / 8 {
            let per = spent / n;
            return u32::try_from(ROUND.as_nanos() / per.as_nanos().max(1))
                .unwrap_or(u32::MAX)
                .max(1);
        }
        n = n.saturating_mul(2);
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    // Under `cargo test --benches` cargo passes no `--bench`: run each contender once only.
    let quick = !std::env::args().any(|a| a == "--bench");

    // The credential: the Open Badges 3.0 fixture (1.2 kB), signed by ler (eddsa-rdfc-2022)
    // with the test key's did:key; both verifiers must accept it.
    let signed = common::ler_sign(&common::ob3());
    assert!(common::ssi_verify(&signed).is_ok(), "ssi rejects: {signed}");
    let options = VerifyOptions::default();
    let bytes = signed.as_bytes().to_vec();
    let report = ler_verify::verify(&bytes, &options).into_parts().0;
    assert_eq!(report.verdict, Verdict::Verified, "{report:#?}");

    // The floor: one verify_strict of 64 bytes (what the suites sign: two SHA-256 digests).
    let key = common::key_pair();
    let message = [0x5au8; 64];
    let signature = key.sign(&message);
    let public = key.public_key();

    // ssi's inputs, built once: the loader (ler's pinned contexts) and the method resolver.
    use ssi::claims::data_integrity::DataIntegrity;
    use ssi::claims::data_integrity::suites::EdDsaRdfc2022;
    use ssi::claims::vc::v2::JsonCredential;
    use ssi::claims::VerificationParameters;
    use ssi::dids::{DIDKey, VerificationMethodDIDResolver};
    use ssi::verification_methods::Multikey;
    let params = VerificationParameters::from_resolver(VerificationMethodDIDResolver::<
        DIDKey,
        Multikey,
    >::new(DIDKey))
    .with_json_ld_loader(common::ssi_loader());

    let mut floor = || {
        assert!(public.verify_strict(black_box(&message), &signature));
    };
    let mut ler = || {
        let verification = ler_verify::verify(black_box(&bytes), &options);
        assert!(verification.report().verdict == Verdict::Verified);
    };
    // Text in, verdict out, as ler's: parsing into ssi's credential type is part of the cost.
    let mut ssi = || {
        let vc: DataIntegrity<JsonCredential, EdDsaRdfc2022> =
            serde_json::from_str(black_box(&signed)).unwrap();
        assert!(matches!(common::block_on(vc.verify(&params)), Ok(Ok(()))));
    };

    let contenders: [(&str, &mut dyn FnMut()); 3] = [
        ("ed25519 verify_strict (floor)", &mut floor),
        ("ler verify (bytes in, report out)", &mut ler),
        ("ssi 0.16 verify (text in)", &mut ssi),
    ];
    if quick {
        for (_, f) in contenders {
            f();
        }
        println!("compare: each contender ran once (pass --bench to measure)");
        return;
    }
    let mut contenders = contenders;
    let iterations: Vec<u32> = contenders.iter_mut().map(|(_, f)| calibrate(*f)).collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); contenders.len()];
    for _ in 0..ROUNDS {
        for (i, (_, f)) in contenders.iter_mut().enumerate() {
            times[i].push(round(iterations[i], *f));
        }
    }
    let medians: Vec<Duration> = times.into_iter().map(median).collect();
    let floor = medians[0].as_secs_f64();
    println!(
        "eddsa-rdfc-2022, Open Badges 3.0 credential of {} bytes, median of {ROUNDS} rounds:",
        bytes.len()
    );
    println!("| verifier | time | ratio to the floor |");
    println!("|---|---|---|");
    for ((name, _), median) in contenders.iter().zip(&medians) {
        println!(
            "| {name} | {:.1} µs | {:.2}x |",
            median.as_secs_f64() * 1e6,
            median.as_secs_f64() / floor
        );
    }
    println!(
        "ssi / ler: {:.1}x",
        medians[2].as_secs_f64() / medians[1].as_secs_f64()
    );
}
