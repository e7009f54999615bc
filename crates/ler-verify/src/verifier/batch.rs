//! Many documents at once: on all cores (feature `parallel`) with the signatures checked by
//! Ed25519 batch verification (feature `batch`), each result identical to [`verify`](super::verify)
//! (credentials and presentations alike).

use ler_model::Document;
use ler_model::json::Value;

use super::{Screened, Verification, VerifyOptions, checks, finish, prepare};
use ler_proof::di::{ProofError, VerifyError};
use ler_proof::hazmat::{self, SignatureInput};

/// How many documents [`verify_stream`] holds at a time.
pub const BATCH_CHUNK: usize = 256;

/// Verifies every input; the results are in input order and identical to calling
/// [`verify`](super::verify) on each.
///
/// ```
/// use ler_proof::{Ed25519KeyPair, Ed25519Signer, di};
/// use ler_verify::{CheckId, Verdict, VerifyOptions};
///
/// let issuer = Ed25519Signer::did_key(Ed25519KeyPair::from_seed(&[3; 32]));
/// let sign = |learner: &str| -> Result<String, Box<dyn std::error::Error>> {
///     let credential = ler_model::json::parse(format!(r#"{{
///         "@context": ["https://www.w3.org/ns/credentials/v2"],
///         "type": ["VerifiableCredential"],
///         "issuer": "{}",
///         "credentialSubject": {{"id": "{learner}"}}
///     }}"#, issuer.controller()).as_bytes())?;
///     let proof = di::ProofOptions::new(di::Cryptosuite::EddsaJcs2022);
///     Ok(di::sign(&credential, &proof, &issuer)?.to_string())
/// };
/// let good = sign("did:example:ada")?;
/// let tampered = sign("did:example:bob")?.replace("did:example:bob", "did:example:eve");
///
/// let results = ler_verify::verify_batch(&[good.as_bytes(), tampered.as_bytes()], &VerifyOptions::default());
/// assert_eq!(results[0].report().verdict, Verdict::Verified);
/// assert_eq!(results[1].report().failing_ids(), [CheckId::PROOF_SIGNATURE]);
///
/// // The same from a stream (JSON Lines, say), one chunk in memory at a time.
/// let lines = format!("{good}\n{tampered}\n");
/// let verdicts: Vec<Verdict> = ler_verify::verify_stream(lines.lines(), &VerifyOptions::default())
///     .map(|v| v.report().verdict)
///     .collect();
/// assert_eq!(verdicts, [Verdict::Verified, Verdict::Invalid]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_batch<B: AsRef<[u8]> + Sync>(
    inputs: &[B],
    options: &VerifyOptions,
) -> Vec<Verification> {
    let mut out = Vec::with_capacity(inputs.len());
    for chunk in inputs.chunks(BATCH_CHUNK) {
        out.extend(verify_chunk(chunk, options));
    }
    out
}

/// Verifies a stream of inputs (for example JSON Lines), holding at most [`BATCH_CHUNK`]
/// documents at a time, and yields the results in input order.
///
/// ```
/// # let signer = ler_proof::Ed25519Signer::did_key(ler_proof::Ed25519KeyPair::generate()?);
/// # let unsigned = ler_model::json::parse(format!(r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"],
/// #   "type": ["VerifiableCredential"], "issuer": "{}", "credentialSubject": {{"id": "did:example:learner"}}}}"#,
/// #   signer.controller()).as_bytes())?;
/// # let credential = ler_proof::di::sign(&unsigned, &ler_proof::di::ProofOptions::new(ler_proof::di::Cryptosuite::EddsaJcs2022), &signer)?.to_string();
/// use ler_verify::{Verdict, VerifyOptions, verify_stream};
///
/// let tampered = credential.replace("did:example:learner", "did:example:mallory");
/// let lines = format!("{credential}\n{tampered}\n");
/// let verdicts: Vec<Verdict> = verify_stream(lines.lines(), &VerifyOptions::default())
///     .map(|v| v.report().verdict)
///     .collect();
/// assert_eq!(verdicts, [Verdict::Verified, Verdict::Invalid]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_stream<I>(inputs: I, options: &VerifyOptions) -> VerifyStream<'_, I::IntoIter>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]> + Send + Sync,
{
    VerifyStream {
        inputs: inputs.into_iter(),
        options,
        ready: std::collections::VecDeque::new(),
    }
}

/// The iterator [`verify_stream`] returns.
pub struct VerifyStream<'a, I: Iterator> {
    inputs: I,
    options: &'a VerifyOptions,
    ready: std::collections::VecDeque<Verification>,
}

impl<I> Iterator for VerifyStream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<[u8]> + Send + Sync,
{
    type Item = Verification;

    fn next(&mut self) -> Option<Verification> {
        if self.ready.is_empty() {
            let chunk: Vec<I::Item> = self.inputs.by_ref().take(BATCH_CHUNK).collect();
            if chunk.is_empty() {
                return None;
            }
            self.ready.extend(verify_chunk(&chunk, self.options));
        }
        self.ready.pop_front()
    }
}

/// One document between the two phases.
enum Prepared {
    Done(Verification),
    Pending {
        document: Value,
        proofs: Result<(hazmat::ProofVerification, Vec<Option<SignatureInput>>), VerifyError>,
    },
}

/// Verifies a chunk as contiguous parts, one task per part, each part parsed, batch-checked and
/// finished by the thread that took it: memory is then freed by the thread that allocated it
/// (glibc's allocator serializes frees across threads, which halved the second core's worth),
/// and there is no barrier between the phases.
#[cfg(feature = "parallel")]
fn verify_chunk<B: AsRef<[u8]> + Sync>(chunk: &[B], options: &VerifyOptions) -> Vec<Verification> {
    use rayon::prelude::*;
    let part = part_size(chunk, rayon::current_num_threads());
    if chunk.len() <= part {
        // One task: waking another thread would cost more than it could save.
        return verify_part(chunk, options);
    }
    chunk
        .par_chunks(part)
        .flat_map_iter(|documents| verify_part(documents, options))
        .collect()
}

#[cfg(not(feature = "parallel"))]
fn verify_chunk<B: AsRef<[u8]> + Sync>(chunk: &[B], options: &VerifyOptions) -> Vec<Verification> {
    verify_part(chunk, options)
}

/// Fewest documents per task: enough for an Ed25519 batch to pay.
#[cfg(feature = "parallel")]
const MIN_PART: usize = 32;

/// Documents per task. Documents of about one size (the largest at most half again the
/// smallest) cost about the same, so the chunk is split into one part per thread, which makes
/// the Ed25519 batches as large as [`SIGNATURE_BATCH`] allows; otherwise into parts of
/// [`MIN_PART`], so that threads that finish early take the parts left. (Measured on 2
/// threads: 256 small credentials cost 8% less per credential in two parts of 128 than in
/// eight of 32; a mixed corpus, whose documents differ tenfold in size and cost, 10 to 20% more
/// in two parts than in eight, also when the two were balanced by bytes.)
#[cfg(feature = "parallel")]
fn part_size<B: AsRef<[u8]>>(chunk: &[B], threads: usize) -> usize {
    let sizes = chunk.iter().map(|input| input.as_ref().len());
    let (smallest, largest) = (sizes.clone().min(), sizes.max());
    let uniform = matches!((smallest, largest), (Some(s), Some(l)) if l - s <= s / 2);
    if uniform {
        chunk
            .len()
            .div_ceil(threads.max(1))
            .clamp(MIN_PART, SIGNATURE_BATCH)
    } else {
        MIN_PART
    }
}

/// Verifies documents on the calling thread, their signatures checked in batches.
fn verify_part<B: AsRef<[u8]>>(documents: &[B], options: &VerifyOptions) -> Vec<Verification> {
    // Phase 1: parse and run every proof up to its signature.
    let prepared: Vec<Prepared> = documents
        .iter()
        .map(|input| match prepare(input.as_ref(), options) {
            Screened::Done(report) => Prepared::Done(Verification::new(report, None)),
            Screened::Presentation(value) => Prepared::Done(
                super::presentation::verify_presentation_value(value, options)
                    .map(Document::Presentation),
            ),
            Screened::Credential(mut document) => {
                let proofs = hazmat::verify_proofs_deferred_in_place(
                    &mut document,
                    options.resolver.as_ref(),
                    &checks::di_options(options),
                );
                Prepared::Pending { document, proofs }
            }
        })
        .collect();
    // Phase 2: every signature of the part, in batches.
    let inputs: Vec<&SignatureInput> = prepared
        .iter()
        .filter_map(|p| match p {
            Prepared::Pending {
                proofs: Ok((_, inputs)),
                ..
            } => Some(inputs.iter().flatten()),
            _ => None,
        })
        .flatten()
        .collect();
    let valid: Vec<bool> = inputs
        .chunks(SIGNATURE_BATCH)
        .flat_map(check_signature_batch)
        .collect();
    let mut valid = valid.into_iter();
    // Phase 3: the signatures' outcomes, then the remaining checks.
    prepared
        .into_iter()
        .map(|p| match p {
            Prepared::Done(done) => done,
            Prepared::Pending { document, proofs } => {
                let proofs = proofs.map(|(mut verification, inputs)| {
                    for (outcome, input) in verification.proofs.iter_mut().zip(&inputs) {
                        if input.is_some() && valid.next() != Some(true) {
                            outcome.result = Err(ProofError::InvalidSignature);
                        }
                    }
                    verification
                });
                finish(document, options, Some(proofs)).map(Document::Credential)
            }
        })
        .collect()
}

/// Signatures per Ed25519 batch: big enough to amortize, small enough that a failed batch
/// costs little to split (one bad signature among 128 costs batches of 128, 64, 32 and 16 and
/// eight single checks).
const SIGNATURE_BATCH: usize = 128;

/// Whether each signature verifies, exactly as `verify_strict` would say.
#[cfg(not(feature = "batch"))]
fn check_signature_batch(inputs: &[&SignatureInput]) -> Vec<bool> {
    inputs
        .iter()
        .map(|i| i.key.verify_strict(&i.message, &i.signature))
        .collect()
}

/// Whether each signature verifies. `verify_strict`'s extra checks (a canonical scalar `s`, an
/// `R` that decodes canonically and is not of small order, a key not of small order) are applied
/// to every entry first; the entries that pass are checked in one Ed25519 batch, and a batch that
/// fails is split until the bad signatures are found (see [`settle`]).
///
/// The batch equation is dalek's cofactorless one with random 128-bit weights. Without the
/// secret key no one can make a signature that passes it and fails `verify_strict`; a key holder
/// who deliberately mixes small-order components into `R` or the key could, with some
/// probability, which forges nothing (they can sign anyway).
#[cfg(feature = "batch")]
fn check_signature_batch(inputs: &[&SignatureInput]) -> Vec<bool> {
    let mut valid = vec![false; inputs.len()];
    let candidates: Vec<usize> = inputs
        .iter()
        .enumerate()
        .filter(|(_, input)| input.key.passes_strict_prechecks(&input.signature))
        .map(|(i, _)| i)
        .collect();
    settle(inputs, &candidates, false, &mut valid);
    valid
}

/// Groups this small are checked one signature at a time: a batch of so few costs more than
/// it saves, more so once the group is known to hold a bad signature.
#[cfg(feature = "batch")]
const SPLIT_FLOOR: usize = 4;

/// Marks which of `group` (indexes into `inputs`) verify. A group that fails its batch is split
/// in halves; when the first half passes, the second is known to fail and is split without a
/// batch of its own. One bad signature among 128 then costs batches of 128, 64, 32 and 16 and
/// eight single checks, not 128 single checks. The depth is log2 of the group size.
#[cfg(feature = "batch")]
fn settle(inputs: &[&SignatureInput], group: &[usize], known_bad: bool, valid: &mut [bool]) {
    if group.len() <= SPLIT_FLOOR {
        for &i in group {
            if let (Some(slot), Some(input)) = (valid.get_mut(i), inputs.get(i)) {
                *slot = input.key.verify_strict(&input.message, &input.signature);
            }
        }
        return;
    }
    if !known_bad && batch_holds(inputs, group) {
        for &i in group {
            if let Some(slot) = valid.get_mut(i) {
                *slot = true;
            }
        }
        return;
    }
    // The group holds a bad signature. Both halves are non-empty: it has more than SPLIT_FLOOR
    // entries.
    let (first, second) = group.split_at(group.len() / 2);
    if first.len() > SPLIT_FLOOR && batch_holds(inputs, first) {
        for &i in first {
            if let Some(slot) = valid.get_mut(i) {
                *slot = true;
            }
        }
        settle(inputs, second, true, valid);
    } else {
        settle(inputs, first, true, valid);
        settle(inputs, second, false, valid);
    }
}

/// Whether the batch equation holds for `group` (indexes into `inputs`).
#[cfg(feature = "batch")]
fn batch_holds(inputs: &[&SignatureInput], group: &[usize]) -> bool {
    let mut messages: Vec<&[u8]> = Vec::with_capacity(group.len());
    let mut signatures = Vec::with_capacity(group.len());
    let mut keys = Vec::with_capacity(group.len());
    for input in group.iter().filter_map(|&i| inputs.get(i)) {
        messages.push(&input.message);
        signatures.push(ed25519_dalek::Signature::from_bytes(&input.signature));
        keys.push(*input.key.verifying_key());
    }
    !messages.is_empty() && ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok()
}

#[cfg(all(test, feature = "batch"))]
mod tests {
    use super::check_signature_batch;
    use ler_did::Ed25519KeyPair;
    use ler_proof::hazmat::SignatureInput;

    /// `count` signatures by a few keys; those whose bit is set in `bad` are corrupted (a flipped
    /// message bit, or a non-canonical `s`, or another key's signature).
    fn inputs(count: usize, bad: &[bool]) -> Vec<SignatureInput> {
        let keys: Vec<Ed25519KeyPair> = (0..3u8)
            .map(|k| Ed25519KeyPair::from_seed(&[k + 1; 32]))
            .collect();
        (0..count)
            .map(|n| {
                let key = &keys[n % keys.len()];
                let mut message = [0u8; 64];
                message[..8].copy_from_slice(&(n as u64).to_le_bytes());
                let mut signature = key.sign(&message);
                let mut public = key.public_key();
                if bad.get(n).copied().unwrap_or(false) {
                    match n % 3 {
                        0 => message[63] ^= 1,
                        1 => signature[63] |= 0xf0,
                        _ => public = keys[(n + 1) % keys.len()].public_key(),
                    }
                }
                SignatureInput {
                    key: public,
                    message,
                    signature,
                }
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
        #[test]
        fn splitting_failed_batches_finds_exactly_the_bad_signatures(
            bad in proptest::collection::vec(proptest::bool::weighted(0.1), 0..160)
        ) {
            let inputs = inputs(bad.len(), &bad);
            let refs: Vec<&SignatureInput> = inputs.iter().collect();
            let expected: Vec<bool> = inputs
                .iter()
                .map(|i| i.key.verify_strict(&i.message, &i.signature))
                .collect();
            proptest::prop_assert_eq!(check_signature_batch(&refs), expected);
        }
    }

    #[cfg(feature = "parallel")]
    #[test]
    fn documents_of_one_size_make_a_part_per_thread_and_others_small_parts() {
        use super::{MIN_PART, part_size};
        let same: Vec<Vec<u8>> = (0..256).map(|n| vec![b' '; 1000 + n % 400]).collect();
        assert_eq!(part_size(&same, 2), 128);
        assert_eq!(part_size(&same, 4), 64);
        assert_eq!(part_size(&same, 16), MIN_PART);
        assert_eq!(part_size(&same[..40], 2), MIN_PART);
        assert_eq!(part_size(&same[..40], 1), 40);
        let mut mixed = same.clone();
        mixed.push(vec![b' '; 5000]);
        assert_eq!(part_size(&mixed, 2), MIN_PART);
        assert_eq!(part_size(&Vec::<Vec<u8>>::new(), 2), MIN_PART);
    }
}
