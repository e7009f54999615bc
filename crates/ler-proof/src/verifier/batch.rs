//! Many documents at once: on all cores (feature `parallel`) with the signatures checked by
//! Ed25519 batch verification (feature `batch`), each result identical to [`verify`](super::verify).

use ler_model::json::Value;

use super::{Verification, VerifyOptions, checks, finish, prepare};
use crate::di::verify::SignatureInput;
use crate::di::{self, ProofError, VerifyError};

/// How many documents [`verify_stream`] holds at a time.
pub const BATCH_CHUNK: usize = 256;

/// Verifies every input; the results are in input order and identical to calling
/// [`verify`](super::verify) on each.
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
        proofs: Result<(di::Verification, Vec<Option<SignatureInput>>), VerifyError>,
    },
}

fn verify_chunk<B: AsRef<[u8]> + Sync>(chunk: &[B], options: &VerifyOptions) -> Vec<Verification> {
    // Phase 1: parse and run every proof up to its signature.
    let prepared: Vec<Prepared> = map(chunk, |input| match prepare(input.as_ref(), options) {
        Err(done) => Prepared::Done(done),
        Ok(document) => {
            let proofs = di::verify::verify_deferred(
                &document,
                options.resolver.as_ref(),
                &checks::di_options(options),
            );
            Prepared::Pending { document, proofs }
        }
    });
    // Phase 2: every signature of the chunk at once.
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
    let mut valid = check_signatures(&inputs).into_iter();
    let prepared: Vec<Prepared> = prepared
        .into_iter()
        .map(|p| match p {
            Prepared::Pending {
                document,
                proofs: Ok((mut verification, inputs)),
            } => {
                for (outcome, input) in verification.proofs.iter_mut().zip(&inputs) {
                    if input.is_some() && valid.next() != Some(true) {
                        outcome.result = Err(ProofError::InvalidSignature);
                    }
                }
                Prepared::Pending {
                    document,
                    proofs: Ok((verification, inputs)),
                }
            }
            other => other,
        })
        .collect();
    // Phase 3: the remaining checks.
    map_owned(prepared, |p| match p {
        Prepared::Done(done) => done,
        Prepared::Pending { document, proofs } => finish(
            document,
            options,
            Some(proofs.map(|(verification, _)| verification)),
        ),
    })
}

#[cfg(feature = "parallel")]
fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

#[cfg(not(feature = "parallel"))]
fn map<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

#[cfg(feature = "parallel")]
fn map_owned<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.into_par_iter().map(f).collect()
}

#[cfg(not(feature = "parallel"))]
fn map_owned<T, R>(items: Vec<T>, f: impl Fn(T) -> R) -> Vec<R> {
    items.into_iter().map(f).collect()
}

/// Signatures per Ed25519 batch: big enough to amortize, small enough to spread over cores.
const SIGNATURE_BATCH: usize = 64;

/// Whether each signature verifies, in sub-batches spread over the cores.
#[cfg(feature = "parallel")]
fn check_signatures(inputs: &[&SignatureInput]) -> Vec<bool> {
    use rayon::prelude::*;
    inputs
        .par_chunks(SIGNATURE_BATCH)
        .flat_map_iter(check_signature_batch)
        .collect()
}

/// Whether each signature verifies, sub-batch by sub-batch.
#[cfg(not(feature = "parallel"))]
fn check_signatures(inputs: &[&SignatureInput]) -> Vec<bool> {
    inputs
        .chunks(SIGNATURE_BATCH)
        .flat_map(check_signature_batch)
        .collect()
}

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
/// to every entry first; the entries that pass are checked in one Ed25519 batch, and if the batch
/// fails each is checked on its own with `verify_strict`.
///
/// The batch equation is dalek's cofactorless one with random 128-bit weights. Without the
/// secret key no one can make a signature that passes it and fails `verify_strict`; a key holder
/// who deliberately mixes small-order components into `R` or the key could, with some
/// probability, which forges nothing (they can sign anyway).
#[cfg(feature = "batch")]
fn check_signature_batch(inputs: &[&SignatureInput]) -> Vec<bool> {
    let mut valid = vec![false; inputs.len()];
    let mut batch: Vec<usize> = Vec::with_capacity(inputs.len());
    for (i, input) in inputs.iter().enumerate() {
        if passes_strict_prechecks(input) {
            batch.push(i);
        }
    }
    let mut messages: Vec<&[u8]> = Vec::with_capacity(batch.len());
    let mut signatures = Vec::with_capacity(batch.len());
    let mut keys = Vec::with_capacity(batch.len());
    for &i in &batch {
        if let Some(input) = inputs.get(i) {
            messages.push(&input.message);
            signatures.push(ed25519_dalek::Signature::from_bytes(&input.signature));
            keys.push(*input.key.verifying_key());
        }
    }
    let all_valid =
        !batch.is_empty() && ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok();
    for &i in &batch {
        if let (Some(slot), Some(input)) = (valid.get_mut(i), inputs.get(i)) {
            *slot = all_valid || input.key.verify_strict(&input.message, &input.signature);
        }
    }
    valid
}

#[cfg(feature = "batch")]
fn passes_strict_prechecks(input: &SignatureInput) -> bool {
    use curve25519_dalek::Scalar;
    use curve25519_dalek::edwards::CompressedEdwardsY;

    if input.key.verifying_key().is_weak() {
        return false;
    }
    let mut r = [0u8; 32];
    let mut s = [0u8; 32];
    let (r_bytes, s_bytes) = input.signature.split_at(32);
    r.copy_from_slice(r_bytes);
    s.copy_from_slice(s_bytes);
    if !bool::from(Scalar::from_canonical_bytes(s).is_some()) {
        return false;
    }
    match CompressedEdwardsY(r).decompress() {
        Some(point) => !point.is_small_order() && point.compress().to_bytes() == r,
        None => false,
    }
}
