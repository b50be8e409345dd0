//! Which crises invoke which commitments: opening tests.

use super::compiled::{self, KeyedParties};
use super::*;
use crate::Actor;

impl Ledger {
    pub(super) fn sort_order(&mut self) {
        let tl = &self.timeline;
        let tests = &self.tests;
        // Ids are unique within their kind, so their ranks order tests as
        // the ids themselves do, without comparing strings in the sort.
        let crisis = ranks(tl.crises().iter().map(Crisis::id));
        let commitment = ranks(tl.commitments().iter().map(Commitment::id));
        let actor = ranks(tl.actors().iter().map(Actor::id));
        // No two tests share (crisis, commitment, guarantor), so the keys
        // are distinct and an unstable sort gives the one order.
        let mut keys: Vec<(Day, u32, u32, u32, u32)> = tests
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    t.start,
                    crisis[t.crisis as usize],
                    commitment[t.commitment as usize],
                    actor[t.guarantor as usize],
                    i as u32,
                )
            })
            .collect();
        #[cfg(feature = "rayon")]
        {
            use rayon::slice::ParallelSliceMut;
            keys.par_sort_unstable();
        }
        #[cfg(not(feature = "rayon"))]
        keys.sort_unstable();
        self.order = keys.into_iter().map(|k| k.4).collect();
    }

    /// The tests crisis `crisis`, numbered `c`, makes (judged), without
    /// adding them: `opened` tests were opened before it. Its judged tests
    /// are counted with them against [`Config::max_tests`], and its
    /// candidates (before judging) alone may not pass the limit either, so
    /// an over-large request stops before much memory is taken.
    pub(super) fn tests_of(&self, c: u32, crisis: &Crisis, opened: u64) -> Result<Opened, Error> {
        admit(
            self.open_crisis(c, crisis),
            opened,
            self.config.get_max_tests(),
        )
    }

    /// The judged tests of one crisis, independent of every other crisis
    /// (so crises can be opened on every core), or `Err(candidates)` when
    /// its candidate (commitment, guarantor) pairs alone pass
    /// [`Config::max_tests`].
    pub(super) fn open_crisis(&self, c: u32, crisis: &Crisis) -> Result<Opened, u64> {
        let tl = &self.timeline;
        let limit = self.config.get_max_tests();
        let start = day(crisis.start());
        // Keys resolved during validation.
        let Some(target) = tl.key(crisis.target()) else {
            return Ok(Opened::default());
        };
        let target = target.0;
        let window_end = start.saturating_add(self.config.window() as Day);
        let end = crisis
            .period()
            .until()
            .map_or(window_end, |u| day(u).min(window_end));
        let adversaries: Vec<u32> = crisis
            .adversaries()
            .iter()
            .filter_map(|a| tl.key(a).map(|k| k.0))
            .collect();
        // Every adversary keyed, or the trigger check compares strings.
        let keyed_adversaries =
            (adversaries.len() == crisis.adversaries().len()).then_some(adversaries.as_slice());
        let conditional = self.config.get_invocation() == Invocation::Conditional;
        let severity = crisis.severity().get();
        let mut new = Vec::new();
        let mut guarantors = Vec::new();
        // Only the commitments a crisis on the target can invoke (see
        // `Invokers`), in commitment order: the same tests as a pass over all.
        for &ci in self.invokers.of(target) {
            let ci = ci as usize;
            let (commitment, keyed) = (&tl.commitments()[ci], &self.compiled.commitments[ci]);
            if !(keyed.from <= start && start <= keyed.until)
                || (conditional
                    && !compiled::triggered_keyed(keyed, commitment, crisis, keyed_adversaries))
            {
                continue;
            }
            guarantors.clear();
            let mut bloc = None;
            match keyed.parties {
                KeyedParties::Directed {
                    guarantor,
                    beneficiary,
                } => {
                    if beneficiary == Some(target)
                        && let Some(g) = guarantor
                    {
                        guarantors.push(g);
                    }
                }
                KeyedParties::Mutual(a, b) => {
                    if a == Some(target) {
                        guarantors.extend(b);
                    } else if b == Some(target) {
                        guarantors.extend(a);
                    }
                }
                KeyedParties::Bloc(b) => {
                    if let Some(b) = b
                        && tl.is_member(b, target, start)
                    {
                        bloc = Some(b);
                        guarantors
                            .extend(tl.members_at(b, start).into_iter().filter(|&m| m != target));
                    }
                }
            }
            let required = self.config.required(commitment);
            // Memory guard: this crisis's candidates alone (before judging
            // merges a guarantor's commitments into one test) may not pass
            // the limit. It depends on this crisis only, never on the order
            // of the crises (a fuzz finding: counting the candidates on top
            // of the tests already opened refused, in one input order, a
            // ledger that fits).
            let candidates = new.len() as u64 + guarantors.len() as u64;
            if candidates > limit {
                return Err(candidates);
            }
            for &g in &guarantors {
                new.push(TestState {
                    crisis: c,
                    commitment: ci as u32,
                    guarantor: g,
                    beneficiary: target,
                    bloc,
                    start,
                    end,
                    required,
                    severity,
                    hits: Vec::new(),
                });
            }
        }
        // One crisis is one observation of a dyad (see `treaty.rs`).
        let tests = self.judge(new);
        Ok(Opened { tests, adversaries })
    }

    /// Adds the tests [`tests_of`](Self::tests_of) made for a crisis, and
    /// indexes them.
    pub(super) fn insert_tests(&mut self, opened: Opened) {
        let Opened { tests, adversaries } = opened;
        for t in tests {
            let i = self.tests.len() as u32;
            self.direct
                .entry(pair(t.guarantor, t.beneficiary))
                .or_default()
                .push(i);
            for &a in &adversaries {
                self.against
                    .entry(pair(t.guarantor, a))
                    .or_default()
                    .push(i);
            }
            self.is_guarantor[t.guarantor as usize] = true;
            self.tests.push(t);
        }
    }

    /// [`insert_tests`](Self::insert_tests) for a bulk load: the tests are
    /// added, and their `direct` and `against` keys logged in `keys` as
    /// `(key, test)` for [`index_keys`](Self::index_keys), which files them
    /// all at once (one hash probe per distinct key, not one per test).
    pub(super) fn insert_tests_logged(&mut self, opened: Opened, keys: &mut [Vec<(u64, u32)>; 2]) {
        let Opened { tests, adversaries } = opened;
        let [direct, against] = keys;
        let first = self.tests.len() as u32;
        for (k, t) in tests.iter().enumerate() {
            let i = first + k as u32;
            direct.push((pair(t.guarantor, t.beneficiary), i));
            against.extend(adversaries.iter().map(|&a| (pair(t.guarantor, a), i)));
            self.is_guarantor[t.guarantor as usize] = true;
        }
        self.tests.extend(tests);
    }

    /// Files the keys [`insert_tests_logged`](Self::insert_tests_logged)
    /// logged into `direct` and `against`: each key's tests ascending, as
    /// one `insert_tests` per crisis would have pushed them.
    pub(super) fn index_keys(&mut self, keys: [Vec<(u64, u32)>; 2]) {
        for (mut keys, map) in keys.into_iter().zip([&mut self.direct, &mut self.against]) {
            // Equal pairs (an adversary listed twice) are equal values, so an
            // unstable sort gives the one order, repeats kept as pushed.
            #[cfg(feature = "rayon")]
            {
                use rayon::slice::ParallelSliceMut;
                keys.par_sort_unstable();
            }
            #[cfg(not(feature = "rayon"))]
            keys.sort_unstable();
            for run in keys.chunk_by(|a, b| a.0 == b.0) {
                map.entry(run[0].0)
                    .or_default()
                    .extend(run.iter().map(|&(_, t)| t));
            }
        }
    }
}

/// One crisis's tests, [`Ledger::open_crisis`]'s result, admitted on top of
/// `opened` tests under `limit`: the cap counts judged tests, so a ledger
/// is refused exactly when its tests pass the limit, whatever order its
/// crises come in; a crisis whose candidates alone pass it is refused too.
pub(super) fn admit(opened: Result<Opened, u64>, before: u64, limit: u64) -> Result<Opened, Error> {
    let opened = opened.map_err(|candidates| Error::TooManyTests {
        requested_at_least: before + candidates,
        limit,
    })?;
    let requested = before + opened.tests.len() as u64;
    if requested > limit {
        return Err(Error::TooManyTests {
            requested_at_least: requested,
            limit,
        });
    }
    Ok(opened)
}

/// The tests one crisis opens, and the keys of its adversaries.
#[derive(Default)]
pub(super) struct Opened {
    pub(super) tests: Vec<TestState>,
    adversaries: Vec<u32>,
}

/// Each item's rank in the sorted order of `items` (equal items, equal ranks).
pub(super) fn ranks<T: Ord>(items: impl Iterator<Item = T>) -> Vec<u32> {
    let items: Vec<T> = items.collect();
    let mut by: Vec<u32> = (0..items.len() as u32).collect();
    by.sort_by(|&a, &b| items[a as usize].cmp(&items[b as usize]));
    let mut rank = vec![0u32; items.len()];
    let mut r = 0u32;
    for (k, &i) in by.iter().enumerate() {
        if k > 0 && items[by[k - 1] as usize] != items[i as usize] {
            r += 1;
        }
        rank[i as usize] = r;
    }
    rank
}

/// Whether `crisis` meets `commitment`'s trigger conditions.
pub(crate) fn triggered(commitment: &Commitment, crisis: &Crisis) -> bool {
    let tr = commitment.triggers();
    if !tr.kinds.contains(crisis.kind()) {
        return false;
    }
    if !tr.adversaries.is_empty()
        && !crisis
            .adversaries()
            .iter()
            .any(|a| tr.adversaries.contains(a))
    {
        return false;
    }
    if !in_regions(tr, crisis) {
        return false;
    }
    if crisis
        .adversaries()
        .iter()
        .any(|a| tr.excluded_adversaries.contains(a))
    {
        return false;
    }
    provoked(tr.provocation, crisis)
}

/// Whether a commitment's regions admit `crisis` (no regions on either
/// side, or a common one).
pub(super) fn in_regions(tr: &crate::Triggers, crisis: &Crisis) -> bool {
    tr.regions.is_empty() || crisis.regions().is_empty() || tr.regions.intersects(crisis.regions())
}

/// Whether a provocation clause admits `crisis`.
pub(super) fn provoked(provocation: Provocation, crisis: &Crisis) -> bool {
    let initiated = crisis.initiator() == Initiator::Target;
    match provocation {
        Provocation::Unconditional => true,
        Provocation::ExcludedIfBeneficiaryInitiated => !initiated,
        Provocation::OnlyIfBeneficiaryInitiated => initiated,
    }
}
