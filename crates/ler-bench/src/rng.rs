//! A small deterministic generator (SplitMix64): the corpus must be the same bytes on every
//! machine and every version of every dependency, so it does not use a crate's generator whose
//! stream could change between releases.

/// SplitMix64 (Steele, Lea and Flood, 2014): 64 bits of state, passes BigCrush, and is enough
/// for choosing document shapes (nothing secret comes from it).
pub(super) struct Rng(u64);

const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

impl Rng {
    /// The generator of document `index` of the corpus with `seed`: each document draws from
    /// its own stream, so document `i` is the same whatever `n` is.
    pub(super) fn for_document(seed: u64, index: u64) -> Self {
        let mut base = Rng(seed);
        let mixed = base.next_u64() ^ index.wrapping_mul(GAMMA);
        Rng(mixed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GAMMA);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0); the modulo bias is below 2^-50 for the small `n`
    /// used here.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next_u64().checked_rem(n).unwrap_or(0)
    }

    /// A uniform number in `[0, 100)`.
    pub(super) fn percent(&mut self) -> f64 {
        // 53 random bits: exactly representable.
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        unit * 100.0
    }

    /// A random (version 4) UUID URN.
    pub(super) fn uuid_urn(&mut self) -> String {
        let hi = self.next_u64();
        let lo = self.next_u64();
        format!(
            "urn:uuid:{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            hi >> 32,
            (hi >> 16) & 0xffff,
            hi & 0x0fff,
            0x8000 | ((lo >> 48) & 0x3fff),
            lo & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::for_document(7, 3).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(
            Rng::for_document(7, 3).next_u64(),
            Rng::for_document(7, 4).next_u64()
        );
        assert_ne!(
            Rng::for_document(7, 3).next_u64(),
            Rng::for_document(8, 3).next_u64()
        );
    }

    #[test]
    fn uuid_has_version_and_variant() {
        let id = Rng::for_document(1, 1).uuid_urn();
        let uuid = id.trim_start_matches("urn:uuid:");
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.as_bytes()[14], b'4');
        assert!(matches!(uuid.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
    }

    #[test]
    fn percent_is_in_range() {
        let mut rng = Rng::for_document(5, 0);
        for _ in 0..1000 {
            let p = rng.percent();
            assert!((0.0..100.0).contains(&p));
        }
    }
}
