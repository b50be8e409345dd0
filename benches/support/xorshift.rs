//! Marsaglia's xorshift64: the deterministic, dependency-free generator of
//! the benchmarks' synthetic inputs (`benches/scoring.rs`,
//! `benches/support/world.rs`). Each includer uses part of it.

/// Marsaglia's xorshift64; the state must not be 0.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `0..n` (Lemire's multiply-shift, no division).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index in `0..n`: [`below`](Self::below) for a `usize`.
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in (0, 1].
    pub fn unit(&mut self) -> f64 {
        ((self.next() >> 11) + 1) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() <= p
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.index(100) < percent
    }

    /// A value in hundredths, in (0, 1].
    pub fn hundredths(&mut self) -> f64 {
        (1 + self.index(100)) as f64 / 100.0
    }
}
