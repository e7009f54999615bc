//! Ed25519 verification with exactly the verdicts of ed25519-dalek's `verify_strict`, for less
//! work: the checks on `R` are made on its bytes instead of by decompressing it.
//!
//! `verify_strict` refuses a non-canonical `s`, a key of small order and an `R` that does not
//! decode or is of small order, then checks `R == [s]B - [k]A` on `R`'s bytes, where
//! `k = SHA-512(R || A || M)`. Decompressing `R` (a square root, about a tenth of the whole
//! verification) serves only the small-order test. The same verdict follows from the bytes:
//!
//! - an `R` that does not decode, or whose `y` is not canonical (at least p), never equals the
//!   canonical encoding the equation's side produces, so both refuse it;
//! - a canonical `R` is of small order exactly when its `y` is one of the five `y` coordinates of
//!   the eight small-order points ([`SMALL_ORDER_Y`]; the points with `x = 0`, whose sign bit
//!   could be set needlessly, have `y = ±1`, both in the table).
//!
//! The tests compare the verdicts with `verify_strict`'s on valid, corrupted, small-order and
//! non-canonical signatures and keys; the `ed25519_strict` fuzz target compares them on arbitrary
//! bytes.

use curve25519_dalek::{EdwardsPoint, Scalar};
use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha512};

/// Whether `signature` is a valid Ed25519 signature of `message` under `key`, as
/// `VerifyingKey::verify_strict` would say. `weak` is `key.is_weak()`, worked out once per key.
pub(crate) fn verify(key: &VerifyingKey, weak: bool, message: &[u8], signature: &[u8; 64]) -> bool {
    let Some(s) = prechecked_s(weak, signature) else {
        return false;
    };
    let (r, _) = signature.split_at(32);
    let k = Scalar::from_hash(
        Sha512::new()
            .chain_update(r)
            .chain_update(key.as_bytes())
            .chain_update(message),
    );
    let minus_a = -key.to_edwards();
    EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &minus_a, &s)
        .compress()
        .as_bytes()
        == r
}

/// `verify_strict`'s checks that need no point arithmetic: the key not of small order, `s`
/// canonical (below the group order), `R`'s `y` canonical and not that of a small-order point.
/// Returns `s` when they pass.
pub(crate) fn prechecked_s(weak: bool, signature: &[u8; 64]) -> Option<Scalar> {
    let (r, s) = signature.split_first_chunk::<32>()?;
    let s: [u8; 32] = s.try_into().ok()?;
    if weak || !is_canonical_y(r) || SMALL_ORDER_Y.contains(&y_of(r)) {
        return None;
    }
    Scalar::from_canonical_bytes(s).into()
}

/// The `y` coordinate of an encoded point: the encoding without its sign bit.
fn y_of(encoded: &[u8; 32]) -> [u8; 32] {
    let mut y = *encoded;
    y[31] &= 0x7f;
    y
}

/// Whether the encoded `y` is below p = 2^255 - 19 (little-endian).
fn is_canonical_y(encoded: &[u8; 32]) -> bool {
    let y = y_of(encoded);
    // y >= p only when bytes 1..=30 are 0xff, byte 31 is 0x7f and byte 0 is at least 0xed.
    !(y[31] == 0x7f && y[1..31].iter().all(|&b| b == 0xff) && y[0] >= 0xed)
}

/// The `y` coordinates of the eight points of small order (the identity, the point of order 2,
/// the two of order 4 share y = 0, and the four of order 8 have y = ±y8), little-endian. A test
/// decompresses each and checks its order.
const SMALL_ORDER_Y: [[u8; 32]; 5] = [
    // y = 0: the two points of order 4.
    [0; 32],
    // y = 1: the identity.
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    // y = p - 1: the point of order 2.
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    // y = y8 and y = p - y8: the four points of order 8.
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
];

#[cfg(test)]
mod tests {
    use curve25519_dalek::constants::{
        ED25519_BASEPOINT_COMPRESSED, ED25519_BASEPOINT_TABLE, EIGHT_TORSION,
    };
    use curve25519_dalek::edwards::CompressedEdwardsY;
    use curve25519_dalek::traits::IsIdentity;
    use curve25519_dalek::{EdwardsPoint, Scalar};
    use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
    use proptest::prelude::*;
    use sha2::{Digest, Sha512};

    use super::{SMALL_ORDER_Y, is_canonical_y, verify, y_of};

    /// ed25519-dalek's verdict.
    fn dalek(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> Option<bool> {
        let key = VerifyingKey::from_bytes(key).ok()?;
        Some(
            key.verify_strict(message, &Signature::from_bytes(signature))
                .is_ok(),
        )
    }

    /// This module's verdict, for a key that decodes.
    fn ours(key: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> Option<bool> {
        let key = VerifyingKey::from_bytes(key).ok()?;
        Some(verify(&key, key.is_weak(), message, signature))
    }

    fn signed(seed: u8, message: &[u8]) -> ([u8; 32], [u8; 64]) {
        let signing = SigningKey::from_bytes(&[seed; 32]);
        let signature = ed25519_dalek::Signer::sign(&signing, message).to_bytes();
        (signing.verifying_key().to_bytes(), signature)
    }

    /// The group order l, little-endian.
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];

    /// `a + b` for 256-bit little-endian numbers (wrapping).
    fn add(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
            out[i] = sum as u8;
            carry = sum >> 8;
        }
        out
    }

    #[test]
    fn valid_signatures_verify_and_altered_ones_do_not() {
        for seed in 0..32u8 {
            let message = [seed; 64];
            let (key, signature) = signed(seed, &message);
            assert_eq!(ours(&key, &message, &signature), Some(true));
            let mut other = message;
            other[7] ^= 1;
            assert_eq!(ours(&key, &other, &signature), Some(false));
            // s + l: the same signature in a non-canonical scalar, which verify_strict refuses.
            let mut malleable = signature;
            let s: [u8; 32] = signature[32..].try_into().unwrap();
            malleable[32..].copy_from_slice(&add(&s, &L));
            assert_eq!(ours(&key, &message, &malleable), Some(false));
            assert_eq!(dalek(&key, &message, &malleable), Some(false));
        }
    }

    #[test]
    fn every_small_order_r_is_refused_even_where_the_equation_holds() {
        // A = [a]B + T8 with T8 of order 8 (not a weak key: its order is 8l), R = T of small
        // order, s = k * a: then [s]B - [k]A = -[k]T8, which is R for the messages whose k
        // makes it so (about one in eight). The equation holds; only the small-order check on
        // R refuses the signature.
        let a = Scalar::from(0x1234_5678_9abc_u64);
        let order8 = EIGHT_TORSION[1];
        let key = (&a * ED25519_BASEPOINT_TABLE + order8)
            .compress()
            .to_bytes();
        let decoded = VerifyingKey::from_bytes(&key).unwrap();
        assert!(!decoded.is_weak());
        for point in EIGHT_TORSION {
            let r = point.compress().to_bytes();
            let k_of = |message: &[u8]| {
                Scalar::from_hash(
                    Sha512::new()
                        .chain_update(r)
                        .chain_update(key)
                        .chain_update(message),
                )
            };
            let message = (0..=255u8)
                .map(|m| [m])
                .find(|m| (k_of(m) * order8 + point).is_identity())
                .expect("some message has -[k]T8 = R");
            let k = k_of(&message);
            let mut signature = [0u8; 64];
            signature[..32].copy_from_slice(&r);
            signature[32..].copy_from_slice((k * a).as_bytes());
            let minus_a = -decoded.to_edwards();
            assert_eq!(
                EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, &minus_a, &(k * a))
                    .compress()
                    .to_bytes(),
                r,
                "the equation holds"
            );
            assert_eq!(ours(&key, &message, &signature), Some(false), "{r:02x?}");
            assert_eq!(dalek(&key, &message, &signature), Some(false), "{r:02x?}");
        }
    }

    #[test]
    fn a_small_order_key_is_refused_even_where_the_equation_holds() {
        // A = T of small order, R = [r]B and s = r: [s]B - [k]T = R whenever [k]T is the
        // identity, which some message makes happen; only the weak-key check refuses those.
        let r = Scalar::from(987_654_321_u64);
        let big_r = (&r * ED25519_BASEPOINT_TABLE).compress().to_bytes();
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&big_r);
        signature[32..].copy_from_slice(r.as_bytes());
        for point in EIGHT_TORSION.iter().filter(|p| !p.is_identity()) {
            let key = point.compress().to_bytes();
            let holds = (0..=255u8).find(|&m| {
                let k = Scalar::from_hash(
                    Sha512::new()
                        .chain_update(big_r)
                        .chain_update(key)
                        .chain_update([m]),
                );
                (k * point).is_identity()
            });
            let message = [holds.expect("some message has [k]T = O")];
            assert_eq!(ours(&key, &message, &signature), Some(false), "{key:02x?}");
            assert_eq!(dalek(&key, &message, &signature), Some(false), "{key:02x?}");
        }
    }

    #[test]
    fn non_canonical_r_is_refused() {
        let message = b"message";
        let (key, signature) = signed(9, message);
        // R with y = p + y' for small y' (non-canonical spellings of y' in 0..19).
        for low in 0xedu8..=0xff {
            let mut r = [0xff; 32];
            r[0] = low;
            r[31] = 0x7f;
            for sign in [0u8, 0x80] {
                let mut forged = signature;
                forged[..32].copy_from_slice(&r);
                forged[31] |= sign;
                assert_eq!(ours(&key, message, &forged), Some(false));
                assert_eq!(dalek(&key, message, &forged), Some(false));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn verdicts_are_verify_strict_s_on_arbitrary_signatures(
            seed in any::<u8>(),
            message in proptest::collection::vec(any::<u8>(), 0..80),
            flip in proptest::option::of((0usize..64, 0u8..8)),
            r in proptest::option::of(any::<[u8; 32]>()),
            s_high in proptest::option::of(any::<u8>()),
        ) {
            let (key, mut signature) = signed(seed, &message);
            if let Some((byte, bit)) = flip {
                signature[byte] ^= 1 << bit;
            }
            if let Some(r) = r {
                signature[..32].copy_from_slice(&r);
            }
            if let Some(high) = s_high {
                signature[63] = high;
            }
            prop_assert_eq!(ours(&key, &message, &signature), dalek(&key, &message, &signature));
        }

        #[test]
        fn verdicts_are_verify_strict_s_on_arbitrary_keys(
            key in any::<[u8; 32]>(),
            signature in proptest::collection::vec(any::<u8>(), 64),
            message in proptest::collection::vec(any::<u8>(), 0..16),
        ) {
            let signature: [u8; 64] = signature.try_into().unwrap();
            prop_assert_eq!(ours(&key, &message, &signature), dalek(&key, &message, &signature));
        }
    }

    #[test]
    fn small_order_table_holds_exactly_the_small_order_points() {
        for y in SMALL_ORDER_Y {
            for sign in [0u8, 0x80] {
                let mut encoded = y;
                encoded[31] |= sign;
                if let Some(point) = CompressedEdwardsY(encoded).decompress() {
                    assert!(point.is_small_order(), "{encoded:02x?}");
                }
            }
        }
        // The converse: every point of the torsion subgroup has its y in the table.
        for point in EIGHT_TORSION {
            assert!(SMALL_ORDER_Y.contains(&y_of(&point.compress().to_bytes())));
        }
        // And a point of large order (the base point) is not in the table.
        let base = ED25519_BASEPOINT_COMPRESSED.to_bytes();
        assert!(!SMALL_ORDER_Y.contains(&y_of(&base)));
    }

    #[test]
    fn canonical_y_is_below_p() {
        let mut p_minus_1 = [0xff; 32];
        p_minus_1[0] = 0xec;
        p_minus_1[31] = 0x7f;
        assert!(is_canonical_y(&p_minus_1));
        for low in [0xed, 0xee, 0xff] {
            let mut y = p_minus_1;
            y[0] = low;
            assert!(!is_canonical_y(&y), "{low:#x}");
            y[31] |= 0x80;
            assert!(!is_canonical_y(&y), "{low:#x} with the sign bit");
        }
        assert!(is_canonical_y(&[0; 32]));
    }
}
