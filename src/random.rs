//! Seeded random numbers for synthetic studies and bootstrap intervals: the same seed gives the
//! same stream on every machine and in every version, because the generator is written out
//! here (SplitMix64, a dozen lines fixed by its definition) rather than taken from a crate whose
//! streams may change between versions.
//!
//! Not for anything that needs unpredictability: it is a statistical generator, not a secure one.

/// SplitMix64 (Steele, Lea & Flood 2014).
#[derive(Debug, Clone)]
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (Lemire's multiply-shift; the bias for n ≤ 2^32 is below 2^-32, far
    /// below what synthetic data or a bootstrap can show).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p && p > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::Random;

    #[test]
    fn the_stream_is_splitmix64s() {
        // The first outputs for seed 0 from the reference implementation (Vigna's splitmix64.c).
        let mut r = Random::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn below_stays_below() {
        let mut r = Random::new(7);
        assert!((0..10_000).all(|_| r.below(13) < 13));
    }
}
