//! The two lenses a test is read through: the letter of the treaty, and
//! what the client could reasonably expect (see [`Lens`]).

use crate::resolve::TestState;
use crate::timeline::Day;
use crate::{CrisisKind, Error, Ledger, Outcome, Status, SupportKind};

/// What a test's response is measured against.
///
/// | lens | measured against | question it answers |
/// |---|---|---|
/// | [`Lens::Letter`] | the level the commitment requires | did the patron do what the treaty says? (Leeds-style; the published figures) |
/// | [`Lens::Expectation`] | the level the client could reasonably expect at the crisis start ([`ExpectedLevel`]) | did the client get what it had reason to count on? |
///
/// Both read the same response (the expected strongest support, §2 of the
/// [methodology](crate::methodology)); only the denominator of the
/// fulfilment differs. Every score (reliability, abandonment risk, bloc
/// reputation, rankings, series) can be read under either: see
/// [`Config::lens`](crate::Config::lens), [`Ledger::assess_under`] and
/// [`Ledger::assess_lenses`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lens {
    /// The default: fulfilment against the commitment's required level.
    #[default]
    Letter,
    /// Fulfilment against the expected level ([`ExpectedLevel`]), which is
    /// never below the required level.
    Expectation,
}

impl Lens {
    /// Both lenses, letter first.
    pub const ALL: [Lens; 2] = [Lens::Letter, Lens::Expectation];

    /// Lower-case name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Lens::Letter => "letter",
            Lens::Expectation => "expectation",
        }
    }
}

impl std::fmt::Display for Lens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The weights of the three ingredients that raise what a client expects
/// above the treaty's floor (see [`ExpectedLevel`] for the formula).
///
/// | weight | default | why |
/// |---|---|---|
/// | [`past`](ExpectationWeights::past) | 1.0 | the patron's strongest earlier crisis response is the client's reference point (Kahneman & Tversky 1979): one gets used to what one got, faded by the half-life like all evidence |
/// | [`need`](ExpectationWeights::need) | 0.25 | a full-severity threat to the regime or territory, by itself, lets a client expect political backing (0.25 · military = diplomatic), no more: need alone is no claim on a patron's troops |
/// | [`reciprocity`](ExpectationWeights::reciprocity) | 0.5 | the norm of reciprocity (Gouldner 1960): support given creates a claim, discounted by half because favours are not repaid in kind or in full |
///
/// All three at zero give [`Lens::Expectation`] exactly the scores of
/// [`Lens::Letter`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExpectationWeights {
    past: f64,
    need: f64,
    reciprocity: f64,
}

impl Default for ExpectationWeights {
    fn default() -> Self {
        ExpectationWeights {
            past: 1.0,
            need: 0.25,
            reciprocity: 0.5,
        }
    }
}

impl ExpectationWeights {
    /// The three weights: past support, need, reciprocity owed.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless each is finite and ≥ 0.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::ExpectationWeights;
    ///
    /// let w = ExpectationWeights::new(1.0, 0.0, 0.5)?;
    /// assert_eq!(w.need(), 0.0);
    /// assert!(ExpectationWeights::new(-1.0, 0.0, 0.0).is_err());
    /// assert_eq!(ExpectationWeights::zero(), ExpectationWeights::new(0.0, 0.0, 0.0)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(past: f64, need: f64, reciprocity: f64) -> Result<Self, Error> {
        for (quantity, v) in [
            ("past-support weight", past),
            ("need weight", need),
            ("reciprocity weight", reciprocity),
        ] {
            if !(v >= 0.0 && v.is_finite()) {
                return Err(Error::OutOfRange {
                    quantity,
                    range: "[0, +inf)",
                    value: v,
                });
            }
        }
        Ok(ExpectationWeights {
            past,
            need,
            reciprocity,
        })
    }

    /// Every weight zero: the expectation is the treaty's floor.
    pub fn zero() -> Self {
        ExpectationWeights {
            past: 0.0,
            need: 0.0,
            reciprocity: 0.0,
        }
    }

    /// Weight of the patron's past support.
    pub fn past(&self) -> f64 {
        self.past
    }

    /// Weight of the need.
    pub fn need(&self) -> f64 {
        self.need
    }

    /// Weight of the reciprocity owed.
    pub fn reciprocity(&self) -> f64 {
        self.reciprocity
    }
}

/// The support level a client could reasonably expect from a patron at
/// the start of a crisis, and where it came from.
///
/// For a test of guarantor `G` toward client `C` in a crisis starting on
/// day `s`, with severity `σ`, kind `k` and required level `r`, on the
/// configured ladder `v(·)` and half-life `h` (`2^(−Δ/h)` is 1 without decay):
///
/// ```text
/// floor = v(r)                                                 the treaty's required level
/// past  = max over G → C support events e in the response window of an
///         earlier crisis of C, dated before s:
///           v(kindₑ) · intensityₑ · confidenceₑ · 2^(−(s − tₑ)/h)
/// need  = σ · v(rung(k)),  rung = military for external attack, internal
///         uprising, leader removed (the regime's or the state's survival)
///         and the target's own war,
///         economic for economic coercion, diplomatic for other crises
/// owed  = min(v(military), Σ over C → G support events before s of
///           v(kindₑ) · intensityₑ · confidenceₑ · 2^(−(s − tₑ)/h))
/// uplift = w_past · past + w_need · need + w_owed · owed
/// level = floor                          if uplift ≤ floor
///         min(v(military), uplift)       otherwise
/// ```
///
/// Only information available at the crisis start enters: events dated on
/// or after `s` do not. The patron's bloc's acts are not counted as its own
/// here (they are in the response). `owed` is capped at one military
/// intervention's worth. The level is never below the floor, so the
/// expectation lens can only judge a response more harshly than the
/// letter, never more leniently.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExpectedLevel {
    /// `v(required)`: the treaty's floor.
    pub floor: f64,
    /// The strongest earlier crisis support, decayed to the crisis start (before weighting).
    pub past: f64,
    /// `σ · v(rung(kind))` (before weighting).
    pub need: f64,
    /// Decayed support the client gave the patron before the crisis, capped (before weighting).
    pub owed: f64,
    /// The weights used.
    pub weights: ExpectationWeights,
    /// The expected level the response is measured against.
    pub level: f64,
}

impl ExpectedLevel {
    /// `w_past · past + w_need · need + w_owed · owed`.
    pub fn uplift(&self) -> f64 {
        self.weights.past * self.past
            + self.weights.need * self.need
            + self.weights.reciprocity * self.owed
    }

    /// Which ingredient contributes most to the level: `"floor"` when the
    /// treaty's floor binds, else `"past support"`, `"need"` or
    /// `"reciprocity owed"`.
    pub fn source(&self) -> &'static str {
        if self.level <= self.floor {
            return "floor";
        }
        let parts = [
            (self.weights.past * self.past, "past support"),
            (self.weights.need * self.need, "need"),
            (self.weights.reciprocity * self.owed, "reciprocity owed"),
        ];
        parts
            .iter()
            .fold((f64::NEG_INFINITY, "floor"), |best, &(v, name)| {
                if v > best.0 { (v, name) } else { best }
            })
            .1
    }
}

impl std::fmt::Display for ExpectedLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "expected {:.3} = max(floor {:.3}, {}·past {:.3} + {}·need {:.3} + {}·owed {:.3}); set by {}",
            self.level,
            self.floor,
            self.weights.past,
            self.past,
            self.weights.need,
            self.need,
            self.weights.reciprocity,
            self.owed,
            self.source()
        )
    }
}

/// How a client reads the shortfall of a test under the expectation lens:
/// doing **nothing** where support was expected weighs in full; doing
/// **less** than expected weighs at a fraction, `partial`.
///
/// For an [`Outcome`] read through [`Lens::Expectation`], with expected
/// level `level` ([`Outcome::expected`]) and fulfilment `f`:
///
/// ```text
/// shortfall = level · (1 − f)                 the guarantor did nothing at all in the
///                                             window: no support, no hostile act
/// shortfall = partial · level · (1 − f)       it did something (support short of the
///                                             level, or a hostile act)
/// ```
///
/// `partial = 1` is the plain expectation-lens gap (every rung short counts
/// alike); `partial = 0` counts only inactivity, scaled by how much was
/// expected. Why a separate weight: clients resent inactivity more than a
/// response one rung lower than owed. In ICB 13, crisis actors viewed a
/// great power's *inactivity* unfavourably in 8.1% of the pairs where the
/// power was not involved, and in 0.6% of those where it was politically
/// involved, although the expectation lens's mean gap was 0.421 and 0.291
/// (see [`perceived`](crate::perceived)). Abandonment as the alliance
/// literature defines it is categorical: in Snyder's (1984) alliance
/// security dilemma the ally abandons by realigning, de-aligning, failing
/// to honour an explicit commitment or failing to support where support
/// was expected; a response short of what was
/// hoped keeps the tie. The weight of a partial shortfall is an empirical
/// question, answered here on the ICB record, not assumed.
///
/// [`ClientReading::ICB_PRE_1980`] is the value chosen on ICB crises that
/// began before 1980 only and reported on the later ones
/// ([`perceived`](crate::perceived) makes the choice and prints it). The
/// reading does not change any score: reliability, abandonment risk and
/// the rest still use the fulfilment of §2 of the
/// [methodology](crate::methodology) (§8a there gives this formula).
///
/// # Example
///
/// ```
/// use alliance_reliability::ClientReading;
///
/// let r = ClientReading::new(0.25)?;
/// assert_eq!(r.partial(), 0.25);
/// assert_eq!(r.of_parts(0.8, 0.0, true), 0.8); // nothing came: in full
/// assert!((r.of_parts(0.8, 0.5, false) - 0.1).abs() < 1e-12); // half came: a quarter of 0.4
/// assert!(ClientReading::new(1.5).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClientReading {
    partial: f64,
}

impl Default for ClientReading {
    /// [`ClientReading::ICB_PRE_1980`].
    fn default() -> Self {
        ClientReading::ICB_PRE_1980
    }
}

impl ClientReading {
    /// The weight chosen on ICB 13 crises that began before 1980 (the
    /// measurement AUC of the reading against ICB's `*favr` = 6 on those
    /// pairs, over the grid [`ClientReading::GRID`]); reported on crises
    /// from 1980 by [`perceived`](crate::perceived). A test pins that the
    /// study still chooses it.
    pub const ICB_PRE_1980: ClientReading = ClientReading { partial: 0.0 };

    /// The plain expectation-lens gap: `partial = 1`.
    pub const AS_MEASURED: ClientReading = ClientReading { partial: 1.0 };

    /// The values of `partial` the study chooses among.
    pub const GRID: [f64; 9] = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0];

    /// A reading with weight `partial` on a shortfall where something came.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] unless `partial` is in `[0, 1]`.
    pub fn new(partial: f64) -> Result<Self, Error> {
        if (0.0..=1.0).contains(&partial) {
            Ok(ClientReading { partial })
        } else {
            Err(Error::OutOfRange {
                quantity: "partial-shortfall weight",
                range: "[0, 1]",
                value: partial,
            })
        }
    }

    /// The weight of a shortfall where the guarantor did something.
    pub fn partial(&self) -> f64 {
        self.partial
    }

    /// The shortfall from its parts: the level the response is measured
    /// against, the fulfilment, and whether nothing at all came.
    pub fn of_parts(&self, level: f64, fulfilment: f64, nothing: bool) -> f64 {
        let gap = level * (1.0 - fulfilment.clamp(0.0, 1.0));
        if nothing { gap } else { self.partial * gap }
    }

    /// Whether the guarantor did nothing at all in the test's window: no
    /// supporting event and no hostile act.
    pub fn did_nothing(outcome: &Outcome) -> bool {
        outcome.response().is_none() && outcome.status() != Status::Betrayed
    }

    /// The client's shortfall of `outcome` (read it through
    /// [`Lens::Expectation`]: the reading uses [`Outcome::expected`] as the
    /// level, whatever lens produced the outcome).
    pub fn shortfall(&self, outcome: &Outcome) -> f64 {
        self.of_parts(
            outcome.expected(),
            outcome.fulfilment(),
            Self::did_nothing(outcome),
        )
    }
}

/// The rung a crisis kind calls for (see [`ExpectedLevel`]).
fn need_rung(kind: CrisisKind) -> SupportKind {
    match kind {
        CrisisKind::ExternalAttack
        | CrisisKind::InternalUprising
        | CrisisKind::LeaderRemoved
        | CrisisKind::OwnWar => SupportKind::Military,
        CrisisKind::EconomicCoercion => SupportKind::Economic,
        _ => SupportKind::Diplomatic,
    }
}

impl Ledger {
    /// The level the beneficiary of test `t` could expect at the crisis
    /// start, under the configured [`ExpectationWeights`]; `None` for an
    /// unknown test. See [`ExpectedLevel`] for the formula.
    pub fn expected_level(&self, t: usize) -> Option<ExpectedLevel> {
        let test = self.tests().get(t)?;
        Some(self.expected_for(test))
    }

    /// What a test's fulfilment is measured against under `lens`.
    #[inline]
    pub(crate) fn need_under(&self, test: &TestState, lens: Lens) -> f64 {
        match lens {
            Lens::Letter => self.config().get_ladder().value(test.required),
            Lens::Expectation => self.expected_for(test).level,
        }
    }

    pub(crate) fn expected_for(&self, test: &TestState) -> ExpectedLevel {
        let config = self.config();
        let ladder = config.get_ladder();
        let weights = config.get_expectation();
        let top = ladder.value(SupportKind::Military);
        let floor = ladder.value(test.required);
        let tl = self.timeline();
        let crisis = &tl.crises()[test.crisis as usize];
        let s = test.start;
        let rate = config.rate();
        let decay = |t: Day| (-(f64::from(s - t)) * rate).exp2();
        let strength = |i: u32| {
            let e = &tl.rows()[i as usize];
            ladder.value(e.kind()) * e.intensity.get() * e.confidence.get()
        };
        let need = crisis.severity().get() * ladder.value(need_rung(crisis.kind()));
        // Past support: only when weighted, since it scans the client's crises.
        let mut past = 0.0f64;
        if weights.past() > 0.0 {
            // The client's crises that began before this one.
            let all = self.crisis_windows(test.beneficiary);
            let windows = &all[..all.partition_point(|w| w.0 < s)];
            if !windows.is_empty() {
                for &i in self.dyad_events(test.guarantor, test.beneficiary) {
                    let e = &tl.rows()[i as usize];
                    let d = e.day();
                    if d < s
                        && e.kind() != SupportKind::Hostile
                        && windows.iter().any(|&(a, b)| a <= d && d <= b)
                    {
                        past = past.max(strength(i) * decay(d));
                    }
                }
            }
        }
        let mut owed = 0.0;
        if weights.reciprocity() > 0.0 {
            // Summed in a canonical order: independent of input order.
            let mut terms: Vec<f64> = self
                .dyad_events(test.beneficiary, test.guarantor)
                .iter()
                .filter(|&&i| {
                    let e = &tl.rows()[i as usize];
                    e.day() < s && e.kind() != SupportKind::Hostile
                })
                .map(|&i| strength(i) * decay(tl.rows()[i as usize].day()))
                .collect();
            terms.sort_by(f64::total_cmp);
            // `f64`'s `Sum` starts at −0.0; `+ 0.0` makes an empty sum +0.0.
            owed = (terms.iter().sum::<f64>() + 0.0).min(top);
        }
        let mut e = ExpectedLevel {
            floor,
            past,
            need,
            owed,
            weights,
            level: floor,
        };
        let uplift = e.uplift();
        if uplift > floor {
            e.level = uplift.min(top).max(floor);
        }
        e
    }
}
