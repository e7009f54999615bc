//! The `verify` group's cases as ratios to `verify_strict`, measured in interleaved rounds, for
//! machines whose speed drifts while criterion measures one function after another.
//!
//! Criterion times the floor first and each case later, so on a shared machine whose speed
//! moves by tens of percent within a minute, the ratio carries that drift. Here each round
//! times the floor, every case, then the floor again, each for about [`ROUND`]; a case's ratio in
//! that round is its time over the mean of the round's two floors, and the report gives the
//! median of the rounds' ratios with their quartiles.
//!
//! ```sh
//! cargo bench -p ler-benches --bench ratios
//! ```
//!
//! Under `cargo test --benches` (no `--bench` argument) each case runs once, as a check.
use std::hint::black_box;
use std::time::{Duration, Instant};

use ler_benches::{VerifyBaseline, VerifyCases};
use ler_verify::{Verdict, verify, verify_batch};

/// Rounds; each times every case once.
const ROUNDS: usize = 31;
/// How long one case runs in one round.
const ROUND: Duration = Duration::from_millis(120);

/// One measured case: its name, the work, the calls that fill a round, and each round's time
/// per call in seconds.
struct Case<'a> {
    name: String,
    /// How many credentials one call verifies (the ratio is per credential).
    per_call: usize,
    run: Box<dyn FnMut() + 'a>,
    calls: u32,
    seconds: Vec<f64>,
}

impl<'a> Case<'a> {
    fn new(name: impl Into<String>, per_call: usize, run: impl FnMut() + 'a) -> Self {
        Self {
            name: name.into(),
            per_call,
            run: Box::new(run),
            calls: 1,
            seconds: Vec::with_capacity(ROUNDS),
        }
    }

    /// Doubles the calls until they fill an eighth of a round, then scales them to a round.
    fn calibrate(&mut self) {
        let mut calls = 1u32;
        loop {
            let spent = self.time(calls);
            if spent >= ROUND / 8 || calls >= 1 << 20 {
                let per_call = (spent / calls).as_nanos().max(1);
                self.calls = u32::try_from(ROUND.as_nanos() / per_call)
                    .unwrap_or(u32::MAX)
                    .max(1);
                return;
            }
            calls *= 2;
        }
    }

    fn time(&mut self, calls: u32) -> Duration {
        let start = Instant::now();
        for _ in 0..calls {
            (self.run)();
        }
        start.elapsed()
    }

    /// Runs one round and records the time per credential.
    fn round(&mut self) -> f64 {
        let per_call = self.time(self.calls).as_secs_f64() / f64::from(self.calls);
        // usize to f64: a credential count is far below 2^52.
        let per_credential = per_call / self.per_call as f64;
        self.seconds.push(per_credential);
        per_credential
    }
}

/// The median and the quartiles of `values` (sorted in place); `values` is not empty.
fn quartiles(values: &mut [f64]) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |q: usize| values[(values.len() - 1) * q / 4];
    (at(1), at(2), at(3))
}

fn main() {
    let measure = std::env::args().any(|a| a == "--bench");
    let baseline = VerifyBaseline::new();
    let cases = VerifyCases::new();
    let options = &cases.options;
    let pools: Vec<(usize, rayon::ThreadPool)> = [1, 2]
        .into_iter()
        .map(|threads| (threads, ler_benches::thread_pool(threads)))
        .collect();

    let mut floor = Case::new("ed25519 verify_strict (floor)", 1, || {
        assert!(baseline.verify());
    });
    let mut runs: Vec<Case> = vec![Case::new("ler's Ed25519 check, same signature", 1, || {
        assert!(baseline.verify_ler());
    })];
    for (name, bytes) in &cases.single {
        runs.push(Case::new(name.clone(), 1, move || {
            let verification = verify(black_box(bytes), options);
            assert_eq!(verification.report().verdict, Verdict::Verified, "{name}");
        }));
    }
    for (threads, pool) in &pools {
        let batch = &cases.batch;
        let plural = if *threads == 1 { "thread" } else { "threads" };
        runs.push(Case::new(
            format!("jcs/batch-1024-small-{threads}-{plural}"),
            batch.len(),
            move || {
                let verifications = pool.install(|| verify_batch(black_box(batch), options));
                assert!(
                    verifications
                        .iter()
                        .all(|v| v.report().verdict == Verdict::Verified)
                );
            },
        ));
    }

    if !measure {
        floor.time(1);
        for case in &mut runs {
            case.time(1);
        }
        println!("ratios: every case ran once and verified (pass --bench to measure)");
        return;
    }

    floor.calibrate();
    for case in &mut runs {
        case.calibrate();
    }
    let mut ratios: Vec<Vec<f64>> = vec![Vec::with_capacity(ROUNDS); runs.len()];
    for _ in 0..ROUNDS {
        let before = floor.round();
        let times: Vec<f64> = runs.iter_mut().map(Case::round).collect();
        let round_floor = (before + floor.round()) / 2.0;
        for (ratio, time) in ratios.iter_mut().zip(times) {
            ratio.push(time / round_floor);
        }
    }

    let (low, floor_median, high) = quartiles(&mut floor.seconds);
    println!(
        "{ROUNDS} interleaved rounds; the floor, timed twice a round: median {:.1} µs, quartiles {:.1} to {:.1} µs",
        floor_median * 1e6,
        low * 1e6,
        high * 1e6
    );
    println!(
        "| case | time per credential, median | ratio to the round's floor: median (quartiles) |"
    );
    println!("|---|---|---|");
    for (case, ratio) in runs.iter_mut().zip(&mut ratios) {
        let (_, time, _) = quartiles(&mut case.seconds);
        let (low, median, high) = quartiles(ratio);
        println!(
            "| {} | {:.1} µs | {median:.3}x ({low:.3}x to {high:.3}x) |",
            case.name,
            time * 1e6
        );
    }
}
