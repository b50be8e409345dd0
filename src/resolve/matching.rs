//! Matching events to the tests they bear on: the hot path.

use super::*;

impl Ledger {
    /// A bloc's own acts count for its members: mark blocs that have a
    /// member who guarantees some test, so their events are not skipped.
    pub(super) fn mark_blocs(&mut self) {
        let tl = &self.timeline;
        for m in tl.memberships() {
            if let (Some(b), Some(k)) = (tl.key(m.bloc()), tl.key(m.member()))
                && self.is_guarantor[k.index()]
                && tl.actors()[b.index()].kind() == ActorKind::Bloc
            {
                self.is_guarantor[b.index()] = true;
                self.any_bloc_guarantor = true;
            }
        }
    }

    /// Rebuilds the dense index from `direct`, `against` and the memberships.
    pub(super) fn reindex(&mut self) {
        self.index = Index::build(self);
    }

    /// The hot path: records event `i` on every test it bears on.
    #[inline]
    pub(super) fn match_event(&mut self, i: u32, row: &KeyedEvent) {
        if self.index.fresh(self.tests.len()) {
            let tests = &mut self.tests;
            self.index.record(i, row, &mut |t, hit| {
                if let Some(t) = tests.get_mut(t as usize) {
                    t.hits.push(hit);
                }
            });
            return;
        }
        let p = row.provider.0;
        if !self.is_guarantor[p as usize] {
            return;
        }
        if self.any_bloc_guarantor && self.timeline.is_bloc(p) {
            self.match_bloc(p, i, row);
        } else {
            self.match_from(p, i, row);
        }
    }

    /// A bloc's act: it counts for the bloc's own tests and for each member's
    /// (except the member it was directed at or against).
    pub(super) fn match_bloc(&mut self, p: u32, i: u32, row: &KeyedEvent) {
        // The bloc as a guarantor in its own right (a directed or mutual
        // commitment that names it), as `bears_on` counts it.
        self.match_from(p, i, row);
        let skip = |m: u32| m == row.recipient.0 || Some(m) == row.against_key().map(|a| a.0);
        for m in self.timeline.members_at(p, row.day()) {
            if !skip(m) {
                self.match_from(m, i, row);
            }
        }
    }

    /// The hot path on the hash maps, while the dense index is stale or too big.
    pub(super) fn match_from(&mut self, p: u32, i: u32, row: &KeyedEvent) {
        let d = row.day();
        let r = row.recipient.0;
        if let Some(ts) = self.direct.get(&pair(p, r)) {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                if t.start <= d && d <= t.end {
                    t.hits.push(Hit::new(i, row));
                }
            }
        }
        if let Some(a) = row.against_key()
            && let Some(ts) = self.against.get(&pair(p, a.0))
        {
            for &t in ts {
                let t = &mut self.tests[t as usize];
                // Support for the target itself was matched above.
                if t.beneficiary != r && t.start <= d && d <= t.end {
                    t.hits.push(Hit::new(i, row));
                }
            }
        }
    }
}

/// Appends the logged hits, in order, to their tests' lists; empties `log`.
pub(super) fn deliver(tests: &mut [TestState], log: &mut Vec<(u32, Hit)>) {
    if log.is_empty() {
        return;
    }
    let mut count = vec![0u32; tests.len()];
    for &(t, _) in log.iter() {
        if let Some(c) = count.get_mut(t as usize) {
            *c += 1;
        }
    }
    for (t, &c) in tests.iter_mut().zip(&count) {
        if c > 0 {
            t.hits.reserve(c as usize);
        }
    }
    for (t, hit) in log.drain(..) {
        if let Some(t) = tests.get_mut(t as usize) {
            t.hits.push(hit);
        }
    }
}

/// Whether `row` bears on `test` (same rule as the hot path, used when a
/// crisis arrives after its events).
pub(super) fn bears_on(tl: &Timeline, test: &TestState, row: &KeyedEvent) -> Option<()> {
    if row.day() < test.start || row.day() > test.end {
        return None;
    }
    let p = row.provider.0;
    let by_guarantor = p == test.guarantor
        || (tl.is_bloc(p)
            && tl.is_member(p, test.guarantor, row.day())
            && row.recipient.0 != test.guarantor
            && row.against_key().map(|a| a.0) != Some(test.guarantor));
    if !by_guarantor {
        return None;
    }
    if row.recipient.0 == test.beneficiary {
        return Some(());
    }
    let a = row.against_key()?;
    let crisis = &tl.crises()[test.crisis as usize];
    let id = tl.actors()[a.index()].id();
    crisis.adversaries().contains(id).then_some(())
}
