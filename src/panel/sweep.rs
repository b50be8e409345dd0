//! The one-pass sweep over time behind [`Panel::new`](super::Panel::new).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};

use super::{BlocYear, DyadYear, GuarantorYear, Panel, PanelKind, PanelOptions};
use crate::fasthash::{FastMap, pair};
use crate::import::StateSystem;
use crate::resolve::Outcome;
use crate::score::prior::prior_params;
use crate::score::{bloc_reliability, pooled_record};
use crate::timeline::{Day, date, day};
use crate::{ActorKey, Error, Interval, Ledger, Lens, Reliability, Scoreboard};

/// From the year of the first test's start to the year its last window closes.
pub(super) fn default_years(ledger: &Ledger) -> RangeInclusive<i32> {
    let tests = ledger.tests();
    let first = tests.iter().map(|t| t.start).min();
    let last = tests.iter().map(|t| t.end).max();
    match (first, last) {
        (Some(f), Some(l)) => date(f).year()..=date(l).year(),
        // No tests: no years (an empty range, deliberately).
        #[allow(clippy::reversed_empty_ranges)]
        _ => 1..=0,
    }
}

/// How a key sorts: COW code ascending, keys without one last, then by id.
type SortKey = (bool, u16, String);

fn sort_key(ccode: Option<u16>, id: &str) -> SortKey {
    (ccode.is_none(), ccode.unwrap_or(0), id.to_string())
}

/// The last interval computed per key, reused while `(α, β)` are
/// bit-identical (a key whose record did not change since last year under
/// no decay): the Beta quantiles are most of a row's cost, and the same
/// inputs give the same interval.
#[derive(Default)]
struct Intervals(FastMap<u64, (u64, u64, Interval)>);

impl Intervals {
    fn get(&mut self, key: u64, r: &Reliability, level: f64) -> Result<Interval, Error> {
        let ab = (r.alpha().to_bits(), r.beta().to_bits());
        if let Some(&(a, b, i)) = self.0.get(&key)
            && (a, b) == ab
        {
            return Ok(i);
        }
        let i = r.interval(level)?;
        self.0.insert(key, (ab.0, ab.1, i));
        Ok(i)
    }
}

/// Started minus resolved tests: the pending count on the current day.
#[derive(Clone, Copy, Default)]
struct Count {
    started: u64,
    resolved: u64,
}

impl Count {
    fn pending(self) -> u64 {
        self.started - self.resolved
    }
}

/// The [`Count`]s of every guarantor, directed dyad and bloc.
#[derive(Default)]
struct Counts {
    guarantor: FastMap<u32, Count>,
    dyad: FastMap<u64, Count>,
    bloc: FastMap<u32, Count>,
}

impl Counts {
    /// Counts one test of `guarantor` toward `beneficiary` (under a
    /// commitment of `bloc`, if any) as started, or as resolved.
    fn add(&mut self, guarantor: u32, beneficiary: u32, bloc: Option<u32>, resolved: bool) {
        let bump = |c: &mut Count| {
            if resolved {
                c.resolved += 1;
            } else {
                c.started += 1;
            }
        };
        bump(self.guarantor.entry(guarantor).or_default());
        bump(self.dyad.entry(pair(guarantor, beneficiary)).or_default());
        if let Some(b) = bloc {
            bump(self.bloc.entry(b).or_default());
        }
    }

    fn pending<K: std::hash::Hash + Eq>(counts: &FastMap<K, Count>, key: &K) -> u64 {
        counts.get(key).map_or(0, |c| c.pending())
    }
}

/// A guarantor-year or bloc-year row: its key fields, then the columns
/// from `year` to `pending` read from a [`Reliability`] `r` and its
/// interval `i` at `level`.
macro_rules! reliability_row {
    ($row:ident { $($key:ident: $value:expr),+ }, $year:expr, $as_of:expr, $r:expr, $i:expr, $level:expr) => {
        $row {
            $($key: $value,)+
            year: $year,
            as_of: $as_of,
            mean: $r.mean(),
            lower: $i.lower,
            upper: $i.upper,
            level: $level,
            effective_tests: $r.effective_tests(),
            tests: $r.tests(),
            honoured: $r.honoured(),
            plain_share: $r.plain_share(),
            pending: $r.pending(),
        }
    };
}

pub(super) fn build(
    ledger: &Ledger,
    states: &StateSystem,
    days: &[(i32, NaiveDate)],
    lens: Lens,
    options: &PanelOptions,
) -> Result<Panel, Error> {
    let level = options.get_level();
    let [want_g, want_d, want_b] = PanelKind::ALL.map(|k| options.builds(k));
    let config = ledger.config();
    let tl = ledger.timeline();
    let tests = ledger.tests();
    let mut panel = Panel {
        guarantors: Vec::new(),
        dyads: Vec::new(),
        blocs: Vec::new(),
        without_ccode: Vec::new(),
        level,
    };
    let Some(last) = days.iter().map(|&(_, d)| day(d)).max() else {
        return Ok(panel);
    };
    // Each test started by the last day, with its final outcome (read on
    // the last day of its window: later days do not change it), once.
    let started: Vec<u32> = ledger
        .order()
        .iter()
        .copied()
        .filter(|&t| tests[t as usize].start <= last)
        .collect();
    let mut resolving: Vec<(Day, Outcome)> = started
        .iter()
        .filter(|&&t| tests[t as usize].end <= last)
        .map(|&t| {
            let end = tests[t as usize].end;
            (end, ledger.outcome_under(t, end, lens))
        })
        .collect();
    resolving.sort_by_key(|(end, o)| (*end, o.start, o.test));
    let mut starts: Vec<u32> = started.clone();
    starts.sort_by_key(|&t| (tests[t as usize].start, t));

    // The keys, with the first day each has a started test.
    let id = |k: u32| tl.actors()[k as usize].id().as_str();
    let code = |k: u32| states.code(id(k));
    let mut g_first: BTreeMap<SortKey, (u32, Day)> = BTreeMap::new();
    let mut d_first: BTreeMap<(SortKey, SortKey), (u32, u32, Day)> = BTreeMap::new();
    let mut b_first: BTreeMap<String, (u32, Day)> = BTreeMap::new();
    let mut without: Vec<String> = Vec::new();
    for &t in &starts {
        let s = &tests[t as usize];
        let (g, b) = (s.guarantor, s.beneficiary);
        let gk = sort_key(code(g), id(g));
        let bk = sort_key(code(b), id(b));
        if want_g {
            g_first.entry(gk.clone()).or_insert((g, s.start));
            if code(g).is_none() {
                without.push(id(g).to_string());
            }
        }
        if want_d {
            d_first.entry((gk, bk)).or_insert((g, b, s.start));
            for k in [g, b] {
                if code(k).is_none() {
                    without.push(id(k).to_string());
                }
            }
        }
        if let (true, Some(bloc)) = (want_b, s.bloc) {
            b_first
                .entry(id(bloc).to_string())
                .or_insert((bloc, s.start));
        }
    }
    without.sort();
    without.dedup();
    panel.without_ccode = without;

    let mut board = Scoreboard::new(config);
    let (mut g_int, mut d_int, mut b_int) = (
        Intervals::default(),
        Intervals::default(),
        Intervals::default(),
    );
    let mut counts = Counts::default();
    let (mut next_start, mut next_end) = (0, 0);
    for &(year, as_of) in days {
        let tau = day(as_of);
        while next_start < starts.len() && tests[starts[next_start] as usize].start <= tau {
            let s = &tests[starts[next_start] as usize];
            counts.add(s.guarantor, s.beneficiary, s.bloc, false);
            next_start += 1;
        }
        while next_end < resolving.len() && resolving[next_end].0 <= tau {
            let o = &resolving[next_end].1;
            board.add(o);
            counts.add(o.guarantor, o.beneficiary, o.bloc, true);
            next_end += 1;
        }
        for (key, &(g, first)) in &g_first {
            if first > tau {
                continue;
            }
            let (a0, b0) = prior_params(config, board.kinds(), g, tau);
            let pending = Counts::pending(&counts.guarantor, &g);
            let r = Reliability::from_evidence(board.guarantor(ActorKey(g)), tau, a0, b0, pending);
            let i = g_int.get(u64::from(g), &r, level)?;
            panel.guarantors.push(reliability_row!(
                GuarantorYear {
                    ccode: (!key.0).then_some(key.1),
                    stateabb: key.2.clone()
                },
                year,
                as_of,
                r,
                i,
                level
            ));
        }
        for ((gk, bk), &(g, b, first)) in &d_first {
            if first > tau {
                continue;
            }
            let pending = Counts::pending(&counts.dyad, &pair(g, b));
            let (record, others) =
                pooled_record(config, &board, tau, ActorKey(g), ActorKey(b), pending);
            let i = d_int.get(pair(g, b), &record, level)?;
            let p = config.get_prior();
            let kappa = config.get_pooling();
            let m = others.mean();
            panel.dyads.push(DyadYear {
                ccode1: (!gk.0).then_some(gk.1),
                stateabb1: gk.2.clone(),
                ccode2: (!bk.0).then_some(bk.1),
                stateabb2: bk.2.clone(),
                year,
                as_of,
                risk: 1.0 - record.mean(),
                risk_lower: 1.0 - i.upper,
                risk_upper: 1.0 - i.lower,
                level,
                tests: record.tests(),
                abandonments: record.tests() - record.honoured(),
                pending: record.pending(),
                others_mean: m,
                prior_mean: (p.alpha() + kappa * m) / (p.alpha() + p.beta() + kappa),
            });
        }
        for (name, &(bloc, first)) in &b_first {
            if first > tau {
                continue;
            }
            let pending = Counts::pending(&counts.bloc, &bloc);
            let r = bloc_reliability(config, board.bloc(ActorKey(bloc)), tau, pending);
            let i = b_int.get(u64::from(bloc), &r, level)?;
            panel.blocs.push(reliability_row!(
                BlocYear { bloc: name.clone() },
                year,
                as_of,
                r,
                i,
                level
            ));
        }
    }
    Ok(panel)
}
