//! Validation of the two lenses against an outside coding of perceived
//! abandonment: ICB 13's crisis actors' views of great-power inactivity.
//!
//! # The test set
//!
//! From the ICB 13 actor-level file ([`read_icb_actors`]), the bundled
//! ATOP 5.1 commitments ([`AtopImport::bundled`]) and the COW state system:
//!
//! * **pairs**: (great power, crisis actor) for every ICB crisis-actor row
//!   where ICB codes the power's involvement (`*inv` 1–8: not 0, not coded
//!   after 1945 for the five pre-war powers; not 9, the power is itself a
//!   crisis actor) **and** the power either had an ATOP commitment in
//!   force toward the actor that the crisis invokes, or had supported it in
//!   an earlier ICB crisis (a support event before this crisis's start).
//!   The second kind gets a *patronage* commitment that asks nothing by
//!   the letter (partnership, required level silence), in force from the
//!   day after the first support, so that both lenses read it: the letter
//!   finds nothing owed, the expectation lens finds what past support led
//!   the client to expect.
//! * **outcome**: ICB's `*favr` = 6, the actor viewed the power's
//!   inactivity unfavourably ([`PerceivedAbandonment`]).
//! * **response**: the power's ICB involvement, as the importer turns it
//!   into support events dated at the crisis start, **plus** a support
//!   event on the involvement's rung wherever the importer makes none for
//!   involvement 3–8 because of the actor's attitude (viewed neutrally,
//!   viewed as inactivity, or blank): the attitude is the outcome, so the
//!   response must not depend on it. Activity the actor viewed
//!   unfavourably stays a hostile act. (Before issue 19 the study read
//!   only the importer's events, and the expectation lens's AUC of 0.663
//!   from 1946 leaned on that leak; it is 0.581 now.)
//!
//! The ledger holds only the great powers' commitments (nothing else is
//! tested), with [`Config`] as given (judged by treaty, so an alliance's
//! defence and consultation clauses are one test).
//!
//! # The score of a pair under a lens
//!
//! The **gap** between what the lens measures the response against and
//! what came, on the ladder: `gap = level · (1 − f)`, where `level` is
//! [`Outcome::expected`] (the required level under the letter, the
//! [`ExpectedLevel`](crate::ExpectedLevel) under the expectation lens) and
//! `f` the fulfilment. Silence where military help was owed is a gap of
//! 1; silence where nothing was owed, 0.
//!
//! # Out-of-time prediction
//!
//! Pairs are taken in order of crisis start. The probability for a pair is
//! the perceived-abandonment rate among earlier pairs (those whose
//! response window closed before this crisis began) with a gap in the same
//! bin (`0`, `(0, 0.1]`, `(0.1, 0.25]`, `(0.25, 0.5]`, `(0.5, 0.75]`,
//! `(0.75, 1]`), shrunk toward the earlier base rate with the weight of
//! two pairs: `p = (k_bin + 2·b) / (n_bin + 2)`, `b = (k + 1) / (n + 2)`.
//! Nothing from the pair's own crisis or later enters. The base-rate
//! forecast is `b` itself. Pairs from crises starting before 1946 only
//! train (the pre-war years are the burn-in); the rest are evaluated.
//!
//! # Figures
//!
//! **AUC** (Mann–Whitney, ties counted one half) of the predicted
//! probabilities, and **Brier skill** `1 − Brier(model) / Brier(base
//! rate)`, each with a 95% percentile bootstrap interval that resamples
//! ICB international crises (`crisno`, all actors of a crisis together)
//! with replacement, with the same seeded generator and unbiased draws as
//! the backtest's crisis bootstrap ([`Bootstrap`](crate::backtest::Bootstrap):
//! SplitMix64 with Lemire's reduction): the same seed gives the same
//! intervals on every machine.
//!
//! Beside them, [`PerceivedReport::by_involvement`] breaks the pairs down
//! by ICB's involvement scale of the power (`usinv`, `suinv`, ...: 1 not
//! involved to 8 direct military), with the perceived-abandonment rate and
//! the mean gap under each lens.
//!
//! # The client reading beside ICB's "power not involved"
//!
//! [`ClientComparison`] scores every pair four ways ([`Reading`]): the
//! letter gap, the expectation gap, the expectation lens read as clients
//! read it ([`ClientReading`](crate::ClientReading): the gap in full when
//! the power did nothing at all, times `w` when it did something), and
//! ICB's own code "power not involved" (involvement 1) as a 0/1 score.
//! `w` is chosen on pairs of crises starting **before [`SPLIT_YEAR`]**
//! (1980) only, as the grid value ([`ClientReading::GRID`](crate::ClientReading::GRID))
//! with the best AUC of the reading against `*favr` = 6 there (largest
//! `w` among ties); every figure is reported on pairs **from 1980**:
//!
//! * **measurement validity**: the AUC of each reading of the crisis
//!   itself against `*favr` = 6 (nothing fitted; "does the lens read the
//!   crisis as the client did?");
//! * **prediction out of time**: the AUC of the binned out-of-time
//!   probabilities above, computed for each reading ("would the reading,
//!   calibrated on earlier crises, have ranked later ones?");
//!
//! each with a 90% percentile interval from the same crisis bootstrap
//! (all readings on the same resamples, so the paired difference
//! client − indicator has its own interval).
//!
//! # Limits
//!
//! ICB codes no support from a crisis actor to a great power, so the
//! reciprocity ingredient is zero throughout; the test measures the floor,
//! past support and need.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io;

use crate::study::backtest::bootstrap::SplitMix64;
use chrono::NaiveDate;

use crate::import::{
    AtopImport, GreatPower, PerceivedAbandonment, StateSystem, csv_error, header_index,
    read_icb_actors,
};
use crate::timeline::{Day, day};
use crate::{
    ActorId, ClientReading, Commitment, Config, Error, Lens, Location, Obligation, Outcome,
    Parties, Period, SupportKind, Timeline,
};

/// One (great power, crisis actor) pair in one ICB crisis.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The ICB international crisis number (`crisno`): the bootstrap's cluster.
    pub crisno: u32,
    /// The crisis (as [`read_icb_actors`] names it).
    pub crisis: crate::CrisisId,
    /// The great power.
    pub patron: ActorId,
    /// The crisis actor.
    pub client: ActorId,
    /// The actor's crisis start.
    pub date: NaiveDate,
    /// Whether an ATOP commitment of the power was invoked (else: patronage from past support).
    pub committed: bool,
    /// ICB's involvement code of the power (1–8).
    pub involvement: u8,
    /// Whether the actor viewed the power's inactivity unfavourably (`*favr` = 6).
    pub perceived: bool,
    /// The gap `level · (1 − f)` under [letter, expectation].
    pub gap: [f64; 2],
    /// Whether the power did nothing at all in the response window (no
    /// support, no hostile act: [`ClientReading::did_nothing`]).
    pub nothing: bool,
    /// The pair's score under each [`Reading`], indexed by
    /// [`Reading::index`]: the two gaps, the client's shortfall under the
    /// chosen [`ClientReading`], and the indicator (1 or 0) that ICB codes
    /// the power as not involved.
    pub score: [f64; 4],
    /// The out-of-time predicted probability under each [`Reading`]
    /// (`None` for a burn-in pair).
    pub predicted: [Option<f64>; 4],
    /// The out-of-time base-rate forecast (`None` for a burn-in pair).
    pub base: Option<f64>,
    /// Last day of the response window.
    end: Day,
}

/// What a pair is scored by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reading {
    /// The letter lens's gap.
    Letter,
    /// The expectation lens's gap, every shortfall alike.
    Expectation,
    /// The expectation lens read as clients read it ([`ClientReading`]):
    /// doing nothing in full, doing less at the chosen weight.
    Client,
    /// ICB's "power not involved" (involvement 1) as a 0/1 score: the
    /// benchmark, read off ICB's own coding of the crisis.
    NotInvolved,
}

impl Reading {
    /// All four, in index order.
    pub const ALL: [Reading; 4] = [
        Reading::Letter,
        Reading::Expectation,
        Reading::Client,
        Reading::NotInvolved,
    ];

    /// The position in [`Pair::score`] and the report's arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Name for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Letter => "letter",
            Reading::Expectation => "expectation",
            Reading::Client => "client reading",
            Reading::NotInvolved => "power not involved",
        }
    }
}

/// A figure with its bootstrap interval (95% in [`LensFigures`], 90% in
/// [`ClientComparison`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The figure on the pairs as they are.
    pub value: f64,
    /// Lower percentile of the bootstrap (2.5th or 5th).
    pub lower: f64,
    /// Upper percentile of the bootstrap (97.5th or 95th).
    pub upper: f64,
}

/// The client reading against the letter lens and the "power not
/// involved" indicator: its weight chosen on crises before 1980, every
/// figure reported on crises from 1980, with 90% crisis-bootstrap
/// intervals.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientComparison {
    /// First year reported (1980): crises starting earlier choose, later ones report.
    pub split_year: i32,
    /// The weight of a partial shortfall chosen on the earlier crises.
    pub partial: f64,
    /// Every weight tried ([`ClientReading::GRID`]) with the measurement
    /// AUC of the client reading on pairs of crises before the split.
    pub choice: Vec<(f64, f64)>,
    /// Pairs and perceived abandonments before the split.
    pub choice_pairs: (usize, usize),
    /// Pairs and perceived abandonments from the split.
    pub reported_pairs: (usize, usize),
    /// Measurement validity before the split, by [`Reading::index`]: the
    /// AUC of each reading of the crisis itself against `*favr` = 6.
    pub measurement_before: [f64; 4],
    /// Measurement validity from the split (AUC with 90% interval).
    pub measurement: [Estimate; 4],
    /// Prediction out of time from the split: the AUC of the probabilities
    /// learned from earlier pairs' scores (see the module documentation),
    /// with 90% interval.
    pub prediction: [Estimate; 4],
    /// Client reading minus the indicator, [measurement, prediction]:
    /// paired differences over the same resamples, with 90% intervals.
    pub difference: [Estimate; 2],
}

/// The figures of one lens.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LensFigures {
    /// The lens.
    pub lens: Lens,
    /// Area under the ROC curve of the predicted probabilities.
    pub auc: Estimate,
    /// Brier score of the predictions.
    pub brier: f64,
    /// Brier skill against the out-of-time base rate.
    pub skill: Estimate,
}

/// One row of the breakdown by ICB involvement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InvolvementRow {
    /// ICB's code: 1 not involved, 2 neutral, 3 political, 4 economic,
    /// 5 propaganda, 6 covert, 7 semi-military, 8 direct military.
    pub involvement: u8,
    /// Pairs.
    pub pairs: usize,
    /// Of which the actor perceived abandonment.
    pub perceived: usize,
    /// Mean gap under [letter, expectation].
    pub mean_gap: [f64; 2],
}

/// What [`validate`] finds.
#[derive(Clone, Debug, PartialEq)]
pub struct PerceivedReport {
    /// Every pair, in order of crisis start (then crisis id, patron).
    pub pairs: Vec<Pair>,
    /// The figures under [letter, expectation] (crises from 1946, 95% intervals).
    pub lenses: [LensFigures; 2],
    /// The client reading beside the letter and the indicator (from 1980, 90% intervals).
    pub comparison: ClientComparison,
    /// Bootstrap resamples drawn.
    pub resamples: usize,
    /// The seed.
    pub seed: u64,
}

impl PerceivedReport {
    /// Pairs evaluated (not burn-in).
    pub fn evaluated(&self) -> usize {
        self.pairs.iter().filter(|p| p.base.is_some()).count()
    }

    /// Evaluated pairs with a perceived abandonment.
    pub fn evaluated_positives(&self) -> usize {
        self.pairs
            .iter()
            .filter(|p| p.base.is_some() && p.perceived)
            .count()
    }

    /// The pairs broken down by the power's ICB involvement code.
    pub fn by_involvement(&self) -> Vec<InvolvementRow> {
        let mut rows: BTreeMap<u8, (usize, usize, [f64; 2])> = BTreeMap::new();
        for p in &self.pairs {
            let r = rows.entry(p.involvement).or_default();
            r.0 += 1;
            r.1 += usize::from(p.perceived);
            r.2[0] += p.gap[0];
            r.2[1] += p.gap[1];
        }
        rows.into_iter()
            .map(|(involvement, (n, k, g))| InvolvementRow {
                involvement,
                pairs: n,
                perceived: k,
                mean_gap: [g[0] / n as f64, g[1] / n as f64],
            })
            .collect()
    }
}

impl std::fmt::Display for PerceivedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let all = self.pairs.len();
        let pos = self.pairs.iter().filter(|p| p.perceived).count();
        let committed = self.pairs.iter().filter(|p| p.committed).count();
        writeln!(
            f,
            "{all} (great power, crisis actor) pairs: {committed} with an ATOP commitment invoked, {} with past support only; {pos} perceived abandonments",
            all - committed
        )?;
        writeln!(
            f,
            "evaluated out of time (crises from 1946): {} pairs, {} perceived abandonments; {} bootstrap resamples of crises, seed {}",
            self.evaluated(),
            self.evaluated_positives(),
            self.resamples,
            self.seed
        )?;
        writeln!(
            f,
            "{:<12} {:>6} {:>17} {:>7} {:>7} {:>17}",
            "lens", "AUC", "95% interval", "Brier", "skill", "95% interval"
        )?;
        for l in &self.lenses {
            writeln!(
                f,
                "{:<12} {:>6.3} {:>17} {:>7.4} {:>7.3} {:>17}",
                l.lens.as_str(),
                l.auc.value,
                format!("[{:.3}, {:.3}]", l.auc.lower, l.auc.upper),
                l.brier,
                l.skill.value,
                format!("[{:.3}, {:.3}]", l.skill.lower, l.skill.upper)
            )?;
        }
        writeln!(
            f,
            "by ICB involvement of the power (1 none .. 8 direct military):"
        )?;
        writeln!(
            f,
            "{:>4} {:>6} {:>9} {:>6} {:>11} {:>15}",
            "inv", "pairs", "perceived", "rate", "gap letter", "gap expectation"
        )?;
        for r in self.by_involvement() {
            writeln!(
                f,
                "{:>4} {:>6} {:>9} {:>6.3} {:>11.3} {:>15.3}",
                r.involvement,
                r.pairs,
                r.perceived,
                r.perceived as f64 / r.pairs as f64,
                r.mean_gap[0],
                r.mean_gap[1]
            )?;
        }
        write!(f, "{}", self.comparison)
    }
}

impl std::fmt::Display for ClientComparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let y = self.split_year;
        writeln!(
            f,
            "client reading (doing nothing in full, doing less at weight w): w chosen on crises before {y} ONLY ({} pairs, {} perceived), reported on crises from {y} ({} pairs, {} perceived)",
            self.choice_pairs.0, self.choice_pairs.1, self.reported_pairs.0, self.reported_pairs.1
        )?;
        write!(f, "choice (AUC of the reading before {y}):")?;
        for (w, a) in &self.choice {
            write!(f, " w={w}: {a:.3};")?;
        }
        writeln!(f, " chosen w = {}", self.partial)?;
        writeln!(
            f,
            "{:<20} {:>8} {:>8} {:>17} {:>8} {:>17}",
            "reading", "<1980", "measure", "90% interval", "predict", "90% interval"
        )?;
        for r in Reading::ALL {
            let (m, p) = (self.measurement[r.index()], self.prediction[r.index()]);
            writeln!(
                f,
                "{:<20} {:>8.3} {:>8.3} {:>17} {:>8.3} {:>17}",
                r.as_str(),
                self.measurement_before[r.index()],
                m.value,
                format!("[{:.3}, {:.3}]", m.lower, m.upper),
                p.value,
                format!("[{:.3}, {:.3}]", p.lower, p.upper)
            )?;
        }
        let [dm, dp] = self.difference;
        writeln!(
            f,
            "{:<20} {:>8} {:>8.3} {:>17} {:>8.3} {:>17}",
            "client - indicator",
            "",
            dm.value,
            format!("[{:.3}, {:.3}]", dm.lower, dm.upper),
            dp.value,
            format!("[{:.3}, {:.3}]", dp.lower, dp.upper)
        )?;
        writeln!(
            f,
            "measure: AUC of each reading of the crisis itself against *favr = 6 (measurement validity); predict: AUC of the probabilities learned from earlier pairs (prediction out of time)"
        )
    }
}

/// Bins of the gap for the out-of-time calibration (upper bounds).
const BINS: [f64; 5] = [0.0, 0.1, 0.25, 0.5, 0.75];

fn bin(gap: f64) -> usize {
    BINS.iter().position(|&b| gap <= b).unwrap_or(BINS.len())
}

/// Shrinkage weight toward the base rate, in pairs.
const SHRINK: f64 = 2.0;

/// First crisis start evaluated; earlier pairs only train.
const EVALUATE_FROM: (i32, u32, u32) = (1946, 1, 1);

/// The client reading's weight is chosen on crises starting before this
/// year and reported on the rest.
pub const SPLIT_YEAR: i32 = 1980;

/// Runs the validation on an ICB actor-level file `icb` (`icb2v13.csv`,
/// or a later release: see [`read_icb_actors`]) with the bundled ATOP 5.1
/// and COW state system, scoring under `config` (its lens is ignored:
/// both are read, and the client reading's weight is chosen as the module
/// documentation says), with `resamples` bootstrap draws from `seed`.
///
/// # Errors
///
/// Any import error of the ICB file (see [`read_icb_actors`]), or
/// [`Error::InvalidTimeline`] if the combined timeline does not validate.
pub fn validate<R: io::Read>(
    icb: R,
    source: &str,
    config: &Config,
    resamples: usize,
    seed: u64,
) -> Result<PerceivedReport, Error> {
    let mut bytes = Vec::new();
    let mut icb = icb;
    icb.read_to_end(&mut bytes).map_err(|e| Error::Io {
        location: Location::file(source),
        kind: e.kind(),
        message: e.to_string(),
    })?;
    let states = StateSystem::bundled();
    let mut imported = read_icb_actors(&bytes[..], source, &states)?;
    let involvement = read_involvement(&bytes[..], source, &states)?;
    let powers: Vec<(GreatPower, ActorId)> = GreatPower::ALL
        .into_iter()
        .filter_map(|g| states.id(g.ccode()).map(|id| (g, id.clone())))
        .collect();
    let power_ids: BTreeSet<&ActorId> = powers.iter().map(|p| &p.1).collect();
    let atop = AtopImport::bundled(&states)?;
    let mut commitments: Vec<Commitment> = atop
        .commitments
        .into_iter()
        .filter(|c| match c.parties() {
            Parties::Directed { guarantor, .. } => power_ids.contains(guarantor),
            _ => false,
        })
        .collect();
    // Patronage from past support: from the day after the first support.
    let mut first: BTreeMap<(ActorId, ActorId), NaiveDate> = BTreeMap::new();
    for e in &imported.events {
        if e.kind() != SupportKind::Hostile && power_ids.contains(e.provider()) {
            let k = (e.provider().clone(), e.recipient().clone());
            let d = first.entry(k).or_insert(e.date());
            *d = (*d).min(e.date());
        }
    }
    for ((g, c), d) in &first {
        if let Some(from) = d.succ_opt() {
            commitments.push(
                Commitment::new(
                    format!("patronage:{g}-{c}"),
                    Parties::Directed {
                        guarantor: g.clone(),
                        beneficiary: c.clone(),
                    },
                    Obligation::Partnership,
                    Period::starting(from),
                )?
                .with_required(SupportKind::Silence)
                .with_label("patronage from past support (asks nothing by the letter)"),
            );
        }
    }
    // The response must not depend on the client's attitude (the outcome is
    // an attitude): involvement 3-8 the importer leaves without an event
    // because the actor viewed it neutrally, viewed it as inactivity or
    // left the attitude blank becomes support on the involvement's rung.
    // Activity viewed unfavourably stays a hostile act (its direction).
    let mut extra = Vec::new();
    for c in &imported.crises {
        let Some(row) = involvement.get(c.id().as_str()) else {
            continue;
        };
        for (g, patron) in &powers {
            let (inv, favr) = (row.0[*g as usize], row.1[*g as usize]);
            if patron == c.target() || matches!(favr, 1 | 3) {
                continue;
            }
            let Some(kind) = involvement_rung(inv) else {
                continue;
            };
            let e = crate::SupportEvent::new(patron, c.target(), c.start(), kind)?;
            let e = match c.adversaries().first() {
                Some(adv) if adv != patron => e.against(adv),
                _ => e,
            };
            extra.push(e.with_source(format!(
                "perceived study: ICB {} involvement {inv}, attitude {favr}",
                c.id()
            )));
        }
    }
    imported.events.extend(extra);
    let timeline = Timeline::builder()
        .actors(states.actors())
        .commitments(commitments)
        .crises(imported.crises.iter().cloned())
        .events(imported.events.iter().cloned())
        .build()?;
    let ledger = crate::Ledger::new(timeline, config.clone())?;
    let perceived: BTreeSet<(&str, &str)> = imported
        .abandonments
        .iter()
        .map(|a: &PerceivedAbandonment| (a.crisis.as_str(), a.patron.as_str()))
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap_or(NaiveDate::MAX);
    let [letter, expectation] = ledger.assess_lenses(as_of);
    let tl = ledger.timeline();
    let tests = ledger.tests();
    let mut pairs = Vec::new();
    for (l, e) in letter.outcomes().iter().zip(expectation.outcomes()) {
        let test = &tests[l.test()];
        let crisis = &tl.crises()[test.crisis as usize];
        let patron = tl.actors()[test.guarantor as usize].id();
        let client = crisis.target();
        let Some(crisno) = crisno_of(crisis.id().as_str()) else {
            continue;
        };
        let Some(&(gp, _)) = powers.iter().find(|p| &p.1 == patron) else {
            continue;
        };
        let Some(inv) = involvement
            .get(crisis.id().as_str())
            .map(|codes| codes.0[gp as usize])
        else {
            continue;
        };
        if !(1..=8).contains(&inv) {
            continue;
        }
        let committed = !tl.commitments()[test.commitment as usize]
            .id()
            .as_str()
            .starts_with("patronage:");
        let gap = |o: &Outcome| o.expected() * (1.0 - o.fulfilment());
        pairs.push(Pair {
            crisno,
            crisis: crisis.id().clone(),
            patron: patron.clone(),
            client: client.clone(),
            date: crisis.start(),
            committed,
            involvement: inv,
            perceived: perceived.contains(&(crisis.id().as_str(), patron.as_str())),
            gap: [gap(l), gap(e)],
            nothing: ClientReading::did_nothing(e),
            score: [gap(l), gap(e), 0.0, if inv == 1 { 1.0 } else { 0.0 }],
            predicted: [None; 4],
            base: None,
            end: test.end,
        });
    }
    pairs.sort_by(|a, b| (a.date, &a.crisis, &a.patron).cmp(&(b.date, &b.crisis, &b.patron)));
    let split = NaiveDate::from_ymd_opt(SPLIT_YEAR, 1, 1).unwrap_or(NaiveDate::MAX);
    // The client reading's weight: chosen on crises before the split only.
    let choice: Vec<(f64, f64)> = ClientReading::GRID
        .iter()
        .map(|&w| {
            let v: Vec<(f64, bool)> = pairs
                .iter()
                .filter(|p| p.date < split)
                .map(|p| (client_score(p, w), p.perceived))
                .collect();
            (w, auc(&mut v.clone()))
        })
        .collect();
    // Best AUC; among ties (within 1e-12) the largest weight, the least
    // change from the plain expectation lens.
    let partial = choice
        .iter()
        .filter(|c| c.1.is_finite())
        .fold(None::<(f64, f64)>, |best, &c| match best {
            Some(b) if b.1 > c.1 + 1e-12 => Some(b),
            _ => Some(c),
        })
        .map_or(1.0, |b| b.0);
    for p in &mut pairs {
        p.score[Reading::Client.index()] = client_score(p, partial);
    }
    predict(&mut pairs);
    let lenses =
        [Lens::Letter, Lens::Expectation].map(|lens| figures(&pairs, lens, resamples, seed));
    let comparison = compare(&pairs, split, partial, choice, resamples, seed);
    Ok(PerceivedReport {
        pairs,
        lenses,
        comparison,
        resamples,
        seed,
    })
}

/// The rung of an active involvement code, as [`read_icb_actors`] maps it
/// (3 political → diplomatic, 4 economic, 5 propaganda → verbal, 6 covert
/// and 7 semi-military → materiel, 8 direct military → military).
fn involvement_rung(inv: u8) -> Option<SupportKind> {
    Some(match inv {
        3 => SupportKind::Diplomatic,
        4 => SupportKind::Economic,
        5 => SupportKind::Verbal,
        6 | 7 => SupportKind::Materiel,
        8 => SupportKind::Military,
        _ => return None,
    })
}

/// The involvement codes and attitudes (0 for blank) of the seven powers.
type Codes = ([u8; 7], [u8; 7]);

/// The client reading of a pair at weight `w` (from its expectation gap).
fn client_score(p: &Pair, w: f64) -> f64 {
    if p.nothing { p.gap[1] } else { w * p.gap[1] }
}

/// `ICB:{crisno}:...` → crisno.
fn crisno_of(id: &str) -> Option<u32> {
    id.strip_prefix("ICB:")?.split(':').next()?.parse().ok()
}

/// The power involvement codes of each crisis-actor row, by the crisis id
/// [`read_icb_actors`] gives it (`ICB:{crisno}:{actor}`, with `:{cracno}`
/// for an actor with two periods in one crisis).
fn read_involvement(
    bytes: &[u8],
    source: &str,
    states: &StateSystem,
) -> Result<HashMap<String, Codes>, Error> {
    let loc = Location::file(source);
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(bytes);
    let headers = rdr.headers().map_err(|e| csv_error(&loc, e))?.clone();
    let col = |name: &str| header_index(&headers, name, &loc);
    let (crisno, cracno, cracid) = (col("crisno")?, col("cracno")?, col("cracid")?);
    let inv: Vec<usize> = GreatPower::ALL
        .iter()
        .map(|g| col(g.involvement_field()))
        .collect::<Result<_, _>>()?;
    let favr: Vec<usize> = GreatPower::ALL
        .iter()
        .map(|g| col(g.attitude_field()))
        .collect::<Result<_, _>>()?;
    let mut rows: Vec<(String, String, String, Codes)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| csv_error(&loc, e))?;
        let cell = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let Some(actor) = cell(cracid).parse::<u16>().ok().and_then(|c| states.id(c)) else {
            continue;
        };
        let mut codes = ([0u8; 7], [0u8; 7]);
        for (k, (&i, &a)) in inv.iter().zip(&favr).enumerate() {
            codes.0[k] = cell(i).parse().unwrap_or(0);
            codes.1[k] = cell(a).parse().unwrap_or(0);
        }
        rows.push((cell(crisno), actor.to_string(), cell(cracno), codes));
    }
    let mut periods: HashMap<(String, String), u32> = HashMap::new();
    for r in &rows {
        *periods.entry((r.0.clone(), r.1.clone())).or_default() += 1;
    }
    Ok(rows
        .into_iter()
        .map(|(c, a, n, codes)| {
            let id = if periods.get(&(c.clone(), a.clone())).copied().unwrap_or(0) > 1 {
                format!("ICB:{c}:{a}:{n}")
            } else {
                format!("ICB:{c}:{a}")
            };
            (id, codes)
        })
        .collect())
}

/// Fills each pair's out-of-time predictions from the pairs whose window
/// closed before its crisis began.
fn predict(pairs: &mut [Pair]) {
    let from = NaiveDate::from_ymd_opt(EVALUATE_FROM.0, EVALUATE_FROM.1, EVALUATE_FROM.2)
        .map_or(Day::MIN, day);
    let mut by_end: Vec<usize> = (0..pairs.len()).collect();
    by_end.sort_by_key(|&i| (pairs[i].end, i));
    let mut counts = [[(0u32, 0u32); BINS.len() + 1]; 4];
    let (mut n, mut k) = (0u32, 0u32);
    let mut next = 0;
    for i in 0..pairs.len() {
        let start = day(pairs[i].date);
        while next < by_end.len() && pairs[by_end[next]].end < start {
            let p = &pairs[by_end[next]];
            n += 1;
            k += u32::from(p.perceived);
            for (lens, row) in counts.iter_mut().enumerate() {
                let c = &mut row[bin(p.score[lens])];
                c.0 += 1;
                c.1 += u32::from(p.perceived);
            }
            next += 1;
        }
        if start < from {
            continue;
        }
        let base = (f64::from(k) + 1.0) / (f64::from(n) + 2.0);
        pairs[i].base = Some(base);
        for (lens, row) in counts.iter().enumerate() {
            let (nb, kb) = row[bin(pairs[i].score[lens])];
            pairs[i].predicted[lens] =
                Some((f64::from(kb) + SHRINK * base) / (f64::from(nb) + SHRINK));
        }
    }
}

/// (prediction, base forecast, outcome, cluster) of the evaluated pairs.
type Row = (f64, f64, bool, u32);

fn figures(pairs: &[Pair], lens: Lens, resamples: usize, seed: u64) -> LensFigures {
    let li = usize::from(lens == Lens::Expectation);
    let rows: Vec<Row> = pairs
        .iter()
        .filter_map(|p| Some((p.predicted[li]?, p.base?, p.perceived, p.crisno)))
        .collect();
    let (auc, brier, skill) = scores(rows.iter());
    // Bootstrap over crises: the same seed for both lenses, so both draw
    // the same resamples.
    let mut clusters: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        clusters.entry(r.3).or_default().push(i);
    }
    let ids: Vec<&Vec<usize>> = clusters.values().collect();
    let mut rng = SplitMix64::new(seed);
    let (mut aucs, mut skills) = (Vec::new(), Vec::new());
    if !ids.is_empty() {
        for _ in 0..resamples {
            let mut sample: Vec<&Row> = Vec::with_capacity(rows.len());
            for _ in 0..ids.len() {
                let c = rng.below(ids.len() as u64) as usize;
                sample.extend(ids[c].iter().map(|&i| &rows[i]));
            }
            let (a, _, s) = scores(sample.into_iter());
            if a.is_finite() {
                aucs.push(a);
            }
            if s.is_finite() {
                skills.push(s);
            }
        }
    }
    LensFigures {
        lens,
        auc: estimate(auc, &mut aucs),
        brier,
        skill: estimate(skill, &mut skills),
    }
}

/// The client reading beside the letter and the indicator on pairs of
/// crises from `split`, with paired 90% crisis-bootstrap intervals.
fn compare(
    pairs: &[Pair],
    split: NaiveDate,
    partial: f64,
    choice: Vec<(f64, f64)>,
    resamples: usize,
    seed: u64,
) -> ClientComparison {
    let before: Vec<&Pair> = pairs.iter().filter(|p| p.date < split).collect();
    let measurement_before = Reading::ALL.map(|r| {
        let mut v: Vec<(f64, bool)> = before
            .iter()
            .map(|p| (p.score[r.index()], p.perceived))
            .collect();
        auc(&mut v)
    });
    let after: Vec<&Pair> = pairs
        .iter()
        .filter(|p| p.date >= split && p.predicted.iter().all(Option::is_some))
        .collect();
    // Per sample: 4 measurement AUCs, 4 prediction AUCs, 2 differences.
    let (c, n) = (Reading::Client.index(), Reading::NotInvolved.index());
    let stats = |rows: &[&Pair]| -> [f64; 10] {
        let mut out = [f64::NAN; 10];
        for r in Reading::ALL {
            let i = r.index();
            let mut m: Vec<(f64, bool)> = rows.iter().map(|p| (p.score[i], p.perceived)).collect();
            out[i] = auc(&mut m);
            let mut q: Vec<(f64, bool)> = rows
                .iter()
                .map(|p| (p.predicted[i].unwrap_or(f64::NAN), p.perceived))
                .collect();
            out[4 + i] = auc(&mut q);
        }
        out[8] = out[c] - out[n];
        out[9] = out[4 + c] - out[4 + n];
        out
    };
    let point = stats(&after);
    // Crises resampled with replacement, all readings on the same draws.
    let mut clusters: BTreeMap<u32, Vec<&Pair>> = BTreeMap::new();
    for p in &after {
        clusters.entry(p.crisno).or_default().push(p);
    }
    let ids: Vec<&Vec<&Pair>> = clusters.values().collect();
    let mut rng = SplitMix64::new(seed);
    let mut draws: [Vec<f64>; 10] = Default::default();
    if !ids.is_empty() {
        for _ in 0..resamples {
            let mut sample: Vec<&Pair> = Vec::with_capacity(after.len());
            for _ in 0..ids.len() {
                let k = rng.below(ids.len() as u64) as usize;
                sample.extend(ids[k].iter().copied());
            }
            for (d, v) in draws.iter_mut().zip(stats(&sample)) {
                if v.is_finite() {
                    d.push(v);
                }
            }
        }
    }
    let mut e: Vec<Estimate> = point
        .iter()
        .zip(draws.iter_mut())
        .map(|(&v, d)| estimate_at(v, d, 0.05, 0.95))
        .collect();
    let difference = [e[8], e[9]];
    e.truncate(8);
    let measurement = [e[0], e[1], e[2], e[3]];
    let prediction = [e[4], e[5], e[6], e[7]];
    ClientComparison {
        split_year: SPLIT_YEAR,
        partial,
        choice,
        choice_pairs: (before.len(), before.iter().filter(|p| p.perceived).count()),
        reported_pairs: (after.len(), after.iter().filter(|p| p.perceived).count()),
        measurement_before,
        measurement,
        prediction,
        difference,
    }
}

fn estimate(value: f64, draws: &mut [f64]) -> Estimate {
    estimate_at(value, draws, 0.025, 0.975)
}

fn estimate_at(value: f64, draws: &mut [f64], lo: f64, hi: f64) -> Estimate {
    draws.sort_by(f64::total_cmp);
    let q = |p: f64| {
        if draws.is_empty() {
            f64::NAN
        } else {
            let i = ((draws.len() - 1) as f64 * p).round() as usize;
            draws[i.min(draws.len() - 1)]
        }
    };
    Estimate {
        value,
        lower: q(lo),
        upper: q(hi),
    }
}

/// Mann–Whitney AUC of (score, outcome), ties counted one half; NaN
/// without both outcomes (or with a NaN score).
fn auc(v: &mut [(f64, bool)]) -> f64 {
    if v.iter().any(|x| x.0.is_nan()) {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut rank_sum, mut pos) = (0.0, 0.0);
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j < v.len() && v[j].0 == v[i].0 {
            j += 1;
        }
        let mid = (i + j + 1) as f64 / 2.0;
        for x in &v[i..j] {
            if x.1 {
                rank_sum += mid;
                pos += 1.0;
            }
        }
        i = j;
    }
    let neg = v.len() as f64 - pos;
    if pos > 0.0 && neg > 0.0 {
        (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
    } else {
        f64::NAN
    }
}

/// (AUC, Brier, Brier skill) of rows; NaN where undefined.
fn scores<'a>(rows: impl Iterator<Item = &'a Row>) -> (f64, f64, f64) {
    let mut v: Vec<(f64, bool)> = Vec::new();
    let (mut model, mut base) = (0.0, 0.0);
    for &(p, b, y, _) in rows {
        let t = if y { 1.0 } else { 0.0 };
        model += (p - t) * (p - t);
        base += (b - t) * (b - t);
        v.push((p, y));
    }
    let n = v.len() as f64;
    if v.is_empty() {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let auc = auc(&mut v);
    let skill = if base > 0.0 {
        1.0 - model / base
    } else {
        f64::NAN
    };
    (auc, model / n, skill)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_by_hand() {
        // Scores 0.1 (neg), 0.4 (pos), 0.4 (neg), 0.8 (pos): pairs
        // (pos, neg): (0.4, 0.1) 1, (0.4, 0.4) ½, (0.8, 0.1) 1, (0.8, 0.4) 1 → 3.5/4.
        let rows: Vec<Row> = vec![
            (0.1, 0.5, false, 1),
            (0.4, 0.5, true, 2),
            (0.4, 0.5, false, 3),
            (0.8, 0.5, true, 4),
        ];
        let (auc, brier, skill) = scores(rows.iter());
        assert!((auc - 0.875).abs() < 1e-12);
        let want = (0.01 + 0.36 + 0.16 + 0.04) / 4.0;
        assert!((brier - want).abs() < 1e-12);
        assert!((skill - (1.0 - want / 0.25)).abs() < 1e-12);
    }

    #[test]
    fn bins_and_ids() {
        assert_eq!(bin(0.0), 0);
        assert_eq!(bin(0.05), 1);
        assert_eq!(bin(0.3), 3);
        assert_eq!(bin(1.0), 5);
        assert_eq!(crisno_of("ICB:12:RUS:2"), Some(12));
        assert_eq!(crisno_of("X"), None);
    }
}
