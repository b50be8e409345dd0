//! Scoring configuration, with documented defaults.

use crate::score::prior::PriorModel;
use crate::{
    Commitment, Error, ExpectationWeights, Judging, Ladder, Lens, Obligation, SupportKind,
};

/// How fast old evidence fades: the number of days after which a test
/// counts half as much.
///
/// An infinite half-life is allowed and means no decay; it gives exactly
/// the same scores as [`Config::no_decay`].
///
/// # Example
///
/// ```
/// use alliance_reliability::HalfLife;
///
/// assert_eq!(HalfLife::from_years(10.0)?.days(), 3652.5);
/// assert!(HalfLife::from_days(0.0).is_err());
/// assert!(HalfLife::from_days(f64::NAN).is_err());
/// assert!(HalfLife::from_days(f64::INFINITY).is_ok());
/// assert!(HalfLife::from_days(4e-309).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HalfLife(f64);

impl HalfLife {
    /// A half-life in days, in (0, +∞].
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for zero, negative, NaN, or so small (below
    /// about 5.6e-309) that its rate `1/days` would be infinite.
    pub fn from_days(days: f64) -> Result<HalfLife, Error> {
        // The decay rate is 1/days: it must be finite (no subnormal days).
        if days > 0.0 && (1.0 / days).is_finite() {
            Ok(HalfLife(days))
        } else {
            Err(Error::OutOfRange {
                quantity: "half-life",
                range: "(0, +inf] days",
                value: days,
            })
        }
    }

    /// A half-life in Julian years of 365.25 days.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for zero, negative or NaN.
    pub fn from_years(years: f64) -> Result<HalfLife, Error> {
        HalfLife::from_days(years * 365.25).map_err(|_| Error::OutOfRange {
            quantity: "half-life",
            range: "(0, +inf] years",
            value: years,
        })
    }

    /// The half-life in days.
    pub fn days(self) -> f64 {
        self.0
    }

    /// `1 / half-life`, the exponent rate in base 2 per day (0 when infinite).
    pub(crate) fn rate(self) -> f64 {
        1.0 / self.0
    }
}

/// The Beta prior `Beta(alpha, beta)` that every reliability starts from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Prior {
    alpha: f64,
    beta: f64,
}

impl Prior {
    /// `Beta(alpha, beta)`, both positive and at most [`MAX_PSEUDO_TESTS`].
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] otherwise.
    pub fn new(alpha: f64, beta: f64) -> Result<Prior, Error> {
        for (q, v) in [("prior alpha", alpha), ("prior beta", beta)] {
            if !(v > 0.0 && v <= MAX_PSEUDO_TESTS) {
                return Err(Error::OutOfRange {
                    quantity: q,
                    range: "(0, 1e12]",
                    value: v,
                });
            }
        }
        Ok(Prior { alpha, beta })
    }

    /// Pseudo-count of honoured tests.
    pub fn alpha(self) -> f64 {
        self.alpha
    }

    /// Pseudo-count of abandoned tests.
    pub fn beta(self) -> f64 {
        self.beta
    }
}

impl Default for Prior {
    /// `Beta(1, 1)`, the uniform prior of the Beta reputation system
    /// (Jøsang & Ismail 2002): with no evidence, reliability is 0.5 and
    /// every value is equally plausible.
    fn default() -> Prior {
        Prior {
            alpha: 1.0,
            beta: 1.0,
        }
    }
}

/// Which crises invoke a commitment.
///
/// This is what separates the two traditions of measuring alliance
/// reliability: Sabrosky (1980) counted every war of a partner as a test,
/// whatever the treaty said; Leeds, Long & Mitchell (2000) count a case only
/// when the treaty's own trigger conditions hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Invocation {
    /// Leeds-style: a crisis invokes a commitment only if its
    /// [`Triggers`](crate::Triggers) hold (adversary, non-provocation, crisis kind).
    #[default]
    Conditional,
    /// Sabrosky-style: every crisis of a beneficiary invokes every
    /// commitment in force toward it; trigger conditions are ignored.
    Unconditional,
}

/// Everything that shapes a score. Build with `Config::default()` and the
/// by-value setters.
///
/// | setting | default | why |
/// |---|---|---|
/// | [`half_life`](Config::half_life) | 10 years | reputations outlive a government but fade within a generation; two to three leadership terms |
/// | [`prior`](Config::prior) | Beta(1, 1) | uniform; the Beta reputation system's choice (Jøsang & Ismail 2002); the root of the learned prior, and the whole prior under [`PriorModel::Fixed`] |
/// | [`prior_model`](Config::prior_model) | [`PriorModel::ByKind`] | what was promised predicts whether it is kept (non-aggression pledges are kept far more often than defence pledges); learned from earlier tests only |
/// | [`window_days`](Config::window_days) | 90 days | a response that comes later than a season after the crisis began is a different policy, not a response |
/// | [`ladder`](Config::ladder) | [`Ladder::default`] | roughly geometric costs of support |
/// | [`required`](Config::required) | [`Obligation::default_required`] | the ATOP reading of each obligation |
/// | [`pooling`](Config::pooling) | 2 tests | a client's own record outweighs the patron's general record after two tests |
/// | [`abandonment_threshold`](Config::abandonment_threshold) | 0.5 | less than half of what was promised is abandonment |
/// | [`invocation`](Config::invocation) | [`Invocation::Conditional`] | a treaty is tested only when its own conditions hold (Leeds, Long & Mitchell 2000) |
/// | [`judging`](Config::judging) | [`Judging::Treaty`] | a treaty's obligations are judged together, against the most demanding clause invoked (Leeds, Long & Mitchell 2000) |
/// | [`lens`](Config::lens) | [`Lens::Letter`] | scores read by the letter of the treaty unless asked otherwise; the published figures are read so |
/// | [`expectation`](Config::expectation) | [`ExpectationWeights::default`] | see there |
/// | [`memory_budget`](Config::memory_budget) | [`default_memory_budget`]: half the machine's physical memory (8 GiB where it cannot be read) | a ledger whose tests would take more, at [`BYTES_PER_TEST`] each, is refused with [`Error::TooManyTests`] instead of exhausting memory; half leaves room for the events and the rest of the process |
/// | [`max_tests`](Config::max_tests) | no count limit (`u64::MAX`) | a count cap for those who want one; the memory budget is the default guard |
///
/// # Example
///
/// ```
/// use alliance_reliability::{Config, HalfLife};
///
/// let config = Config::default()
///     .half_life(HalfLife::from_years(5.0)?)
///     .window_days(60)?
///     .pooling(4.0)?;
/// assert_eq!(config.window(), 60);
/// assert!(Config::default().abandonment_threshold(f64::NAN).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    half_life: Option<HalfLife>,
    prior: Prior,
    window_days: u32,
    ladder: Ladder,
    required: [SupportKind; Obligation::COUNT],
    pooling: f64,
    abandonment_threshold: f64,
    invocation: Invocation,
    judging: Judging,
    lens: Lens,
    expectation: ExpectationWeights,
    prior_model: PriorModel,
    max_tests: u64,
    memory_budget: u64,
}

/// Bytes one test may take at the peak of building and assessing a
/// [`Ledger`](crate::Ledger): the unit in which [`Config::memory_budget`]
/// is turned into a number of tests.
///
/// Measured on this machine (release build, the default features): the
/// test-heavy world of issue 17 (200 actors, 50 000 commitments, 50 000
/// crises, 10^5 events: 3 713 895 tests) peaks at 824 MB for the whole
/// process, reading, building, assessing and printing (`/usr/bin/time -v
/// target/release/examples/e2e run DIR`, see BENCHMARKS.md), about 222
/// bytes per test; a ledger alone holds 111–124 bytes per test once built
/// (`cargo test --release --test hostile_size -- --ignored --nocapture
/// bytes_per_test`). 256 covers both with a margin. Each matched event adds
/// 24 bytes to every test it bears on, beyond this.
pub const BYTES_PER_TEST: u64 = 256;

/// The default of [`Config::memory_budget`]: half of the machine's physical
/// memory, read once from `MemTotal` in `/proc/meminfo` (Linux), or 8 GiB
/// where that cannot be read (other systems, a sandbox without `/proc`).
///
/// Half, because the budget guards the tests alone: the events (24–36
/// bytes each), the reader's buffers and the caller's own data need the
/// rest. On a 24 GiB machine the default admits about 50 million tests;
/// the largest world this crate's benchmarks build (10^7 events, 10^5
/// crises, 5 × 10^4 commitments) opens about 10^7.
///
/// # Example
///
/// ```
/// use alliance_reliability::{BYTES_PER_TEST, Config, default_memory_budget};
///
/// let budget = default_memory_budget();
/// assert!(budget >= 1 << 20);
/// assert_eq!(Config::default().get_memory_budget(), budget);
/// assert_eq!(Config::default().get_max_tests(), budget / BYTES_PER_TEST);
/// ```
pub fn default_memory_budget() -> u64 {
    static BUDGET: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| {
        const FALLBACK: u64 = 8 << 30;
        let total = std::fs::read_to_string("/proc/meminfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("MemTotal:"))
                    .and_then(|v| v.split_whitespace().next())
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
            .and_then(|kb| kb.checked_mul(1024));
        // A machine with less than 2 MiB reported is a misreading.
        total.filter(|&b| b >= 2 << 20).map_or(FALLBACK, |b| b / 2)
    })
}

/// The most pseudo-tests a prior parameter ([`Prior::new`]) or the
/// pooling strength ([`Config::pooling`]) may stand for: 10^12, a million
/// times more tests than any dataset this crate reads. Larger values only
/// ever came from mistakes, and past about 10^300 the posterior mean
/// `α / (α + β)` overflows.
pub const MAX_PSEUDO_TESTS: f64 = 1e12;

/// Longest response window accepted, in days (about 100 years).
pub const MAX_WINDOW_DAYS: u32 = 36_525;

impl Default for Config {
    fn default() -> Config {
        Config {
            half_life: Some(HalfLife(3652.5)),
            prior: Prior::default(),
            window_days: 90,
            ladder: Ladder::default(),
            required: Obligation::ALL.map(Obligation::default_required),
            pooling: 2.0,
            abandonment_threshold: 0.5,
            invocation: Invocation::Conditional,
            judging: Judging::Treaty,
            lens: Lens::Letter,
            expectation: ExpectationWeights::default(),
            prior_model: PriorModel::default(),
            max_tests: u64::MAX,
            memory_budget: default_memory_budget(),
        }
    }
}

impl Config {
    /// Sets the half-life of evidence.
    pub fn half_life(mut self, half_life: HalfLife) -> Config {
        self.half_life = Some(half_life);
        self
    }

    /// Turns decay off: every test counts fully, however old.
    pub fn no_decay(mut self) -> Config {
        self.half_life = None;
        self
    }

    /// Sets the prior.
    pub fn prior(mut self, prior: Prior) -> Config {
        self.prior = prior;
        self
    }

    /// Sets how the prior of a reliability is made: fixed, or learned per
    /// obligation kind (the default).
    pub fn prior_model(mut self, model: PriorModel) -> Config {
        self.prior_model = model;
        self
    }

    /// How the prior of a reliability is made.
    pub fn get_prior_model(&self) -> PriorModel {
        self.prior_model
    }

    /// Sets the longest response window, in days (1 to [`MAX_WINDOW_DAYS`]).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] outside that range.
    pub fn window_days(mut self, days: u32) -> Result<Config, Error> {
        if days == 0 || days > MAX_WINDOW_DAYS {
            return Err(Error::OutOfRange {
                quantity: "window",
                range: "1 to 36525 days",
                value: f64::from(days),
            });
        }
        self.window_days = days;
        Ok(self)
    }

    /// Sets the ladder values.
    pub fn ladder(mut self, ladder: Ladder) -> Config {
        self.ladder = ladder;
        self
    }

    /// Sets the default required level of one obligation kind.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `level` is hostile.
    pub fn required_for(
        mut self,
        obligation: Obligation,
        level: SupportKind,
    ) -> Result<Config, Error> {
        if level == SupportKind::Hostile {
            return Err(Error::OutOfRange {
                quantity: "required level",
                range: "silence to military",
                value: 0.0,
            });
        }
        self.required[obligation.index()] = level;
        Ok(self)
    }

    /// Sets the pooling strength κ: how many tests' worth of the patron's
    /// general record a client's own record starts from. 0 turns pooling
    /// off (the dyad then starts from the plain prior).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless in `[0, MAX_PSEUDO_TESTS]`.
    pub fn pooling(mut self, kappa: f64) -> Result<Config, Error> {
        if !(0.0..=MAX_PSEUDO_TESTS).contains(&kappa) {
            return Err(Error::OutOfRange {
                quantity: "pooling strength",
                range: "[0, 1e12]",
                value: kappa,
            });
        }
        self.pooling = kappa;
        Ok(self)
    }

    /// Sets the abandonment threshold: a resolved test with fulfilment
    /// below it is an abandonment; at or above it, honoured.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless in (0, 1].
    pub fn abandonment_threshold(mut self, threshold: f64) -> Result<Config, Error> {
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(Error::OutOfRange {
                quantity: "abandonment threshold",
                range: "(0, 1]",
                value: threshold,
            });
        }
        self.abandonment_threshold = threshold;
        Ok(self)
    }

    /// Sets which crises invoke a commitment.
    pub fn invocation(mut self, invocation: Invocation) -> Config {
        self.invocation = invocation;
        self
    }

    /// Sets how several commitments one crisis invokes toward one target
    /// are judged: as treaties (the default) or by equal split.
    pub fn judging(mut self, judging: Judging) -> Config {
        self.judging = judging;
        self
    }

    /// How several commitments one crisis invokes are judged.
    pub fn get_judging(&self) -> Judging {
        self.judging
    }

    /// Sets the lens scores are read through by default
    /// ([`Ledger::assess`](crate::Ledger::assess)); any lens can also be
    /// asked for with [`Ledger::assess_under`](crate::Ledger::assess_under).
    pub fn lens(mut self, lens: Lens) -> Config {
        self.lens = lens;
        self
    }

    /// The default lens.
    pub fn get_lens(&self) -> Lens {
        self.lens
    }

    /// Sets the weights of the expectation lens's ingredients.
    pub fn expectation(mut self, weights: ExpectationWeights) -> Config {
        self.expectation = weights;
        self
    }

    /// The weights of the expectation lens's ingredients.
    pub fn get_expectation(&self) -> ExpectationWeights {
        self.expectation
    }

    /// Which crises invoke a commitment.
    pub fn get_invocation(&self) -> Invocation {
        self.invocation
    }

    /// The half-life, or `None` without decay.
    pub fn get_half_life(&self) -> Option<HalfLife> {
        self.half_life
    }

    /// The prior.
    pub fn get_prior(&self) -> Prior {
        self.prior
    }

    /// The response window in days.
    pub fn window(&self) -> u32 {
        self.window_days
    }

    /// The ladder.
    pub fn get_ladder(&self) -> &Ladder {
        &self.ladder
    }

    /// The pooling strength κ.
    pub fn get_pooling(&self) -> f64 {
        self.pooling
    }

    /// The abandonment threshold.
    pub fn get_abandonment_threshold(&self) -> f64 {
        self.abandonment_threshold
    }

    /// The level `commitment` requires: its own override, else this
    /// configuration's default for its obligation kind.
    pub fn required(&self, commitment: &Commitment) -> SupportKind {
        commitment
            .required_override()
            .unwrap_or(self.required[commitment.obligation().index()])
    }

    /// Sets the most tests a [`Ledger`](crate::Ledger) may hold, as a count
    /// (the memory budget, [`memory_budget`](Config::memory_budget), is the
    /// default guard; the smaller of the two limits applies). Opening a
    /// crisis counts the tests already held plus the crisis's judged tests
    /// (after treaty judging merges one guarantor's clauses, see
    /// [`Judging`]); when that passes the limit,
    /// [`Ledger::new`](crate::Ledger::new) or
    /// [`Ledger::add_crisis`](crate::Ledger::add_crisis) returns
    /// [`Error::TooManyTests`], so a timeline is refused exactly when its
    /// tests pass the limit, in whatever order its records come. A single
    /// crisis whose candidate (commitment, guarantor) pairs alone pass the
    /// limit is refused as well, before their memory is taken. Every value is
    /// accepted; 0 refuses any test. Default `u64::MAX` (no count limit).
    pub fn max_tests(mut self, limit: u64) -> Config {
        self.max_tests = limit;
        self
    }

    /// Sets the memory, in bytes, a [`Ledger`](crate::Ledger)'s tests may
    /// take: at most `bytes / BYTES_PER_TEST` tests are opened (see
    /// [`BYTES_PER_TEST`] and [`max_tests`](Config::max_tests) for how the
    /// limit is applied). Every value is accepted. Default
    /// [`default_memory_budget`] (half the machine's memory).
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::{BYTES_PER_TEST, Config};
    ///
    /// let config = Config::default().memory_budget(1 << 30);
    /// assert_eq!(config.get_max_tests(), (1 << 30) / BYTES_PER_TEST);
    /// // A count cap below the budget's applies.
    /// assert_eq!(config.max_tests(1000).get_max_tests(), 1000);
    /// ```
    pub fn memory_budget(mut self, bytes: u64) -> Config {
        self.memory_budget = bytes;
        self
    }

    /// The memory budget for tests, in bytes (see
    /// [`memory_budget`](Config::memory_budget)).
    pub fn get_memory_budget(&self) -> u64 {
        self.memory_budget
    }

    /// The most tests a ledger may open: the smaller of
    /// [`max_tests`](Config::max_tests) and the
    /// [`memory_budget`](Config::memory_budget) over [`BYTES_PER_TEST`].
    pub fn get_max_tests(&self) -> u64 {
        self.max_tests.min(self.memory_budget / BYTES_PER_TEST)
    }

    /// The decay rate per day in base 2 (0 without decay).
    pub(crate) fn rate(&self) -> f64 {
        self.half_life.map_or(0.0, HalfLife::rate)
    }
}
