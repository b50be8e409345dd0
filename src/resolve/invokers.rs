//! Which commitments a crisis on an actor can invoke: the index that spares
//! opening tests a pass over every commitment for every crisis.
//!
//! A crisis invokes a commitment only if its target is the commitment's
//! beneficiary: the directed beneficiary, either party of a mutual pact, or
//! a member of the bloc of a bloc-wide pact on the crisis's first day (see
//! `Ledger::tests_of`). So each actor's candidates are
//! the commitments that name it as beneficiary or party, plus the bloc-wide
//! pacts of every bloc it is ever listed as a member of. Opening a crisis's
//! tests then visits only its target's candidates, in commitment order, and
//! applies exactly the checks it applied to every commitment before (period,
//! triggers, membership on the day): the tests, their order and their
//! outcomes are unchanged, and building a ledger costs
//! O(actors + commitments + Σ bloc pacts × members + crises + tests) instead
//! of O(crises × commitments).

use super::*;

/// For each actor key, the commitments a crisis on it may invoke, in
/// ascending commitment index, without duplicates (compressed sparse rows).
#[derive(Clone, Debug, Default)]
pub(super) struct Invokers {
    /// `at[k]..at[k + 1]` is actor `k`'s range of `list`.
    at: Vec<u32>,
    list: Vec<u32>,
}

impl Invokers {
    /// Indexes the commitments of `tl` by the actors whose crises may invoke them.
    pub(super) fn build(tl: &Timeline) -> Invokers {
        let n = tl.actors().len();
        // Who each commitment may be invoked for; a bloc pact for everyone
        // ever listed as a member (membership on the day is checked later).
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for (ci, commitment) in tl.commitments().iter().enumerate() {
            let ci = ci as u32;
            match commitment.parties() {
                Parties::Directed { beneficiary, .. } => {
                    pairs.extend(tl.key(beneficiary).map(|k| (k.0, ci)));
                }
                Parties::Mutual(a, b) => {
                    pairs.extend(tl.key(a).map(|k| (k.0, ci)));
                    pairs.extend(tl.key(b).map(|k| (k.0, ci)));
                }
                Parties::Bloc(b) => {
                    if let Some(b) = tl.key(b) {
                        pairs.extend(tl.member_periods(b.0).iter().map(|&(m, _, _)| (m, ci)));
                    }
                }
            }
        }
        // Counting sort by actor keeps each actor's commitments ascending.
        let mut at = vec![0u32; n + 1];
        for &(k, _) in &pairs {
            at[k as usize + 1] += 1;
        }
        for k in 0..n {
            at[k + 1] += at[k];
        }
        let mut next = at.clone();
        let mut list = vec![0u32; pairs.len()];
        for &(k, ci) in &pairs {
            list[next[k as usize] as usize] = ci;
            next[k as usize] += 1;
        }
        // Drop repeats (a member listed twice in one bloc), compacting.
        let mut out = Vec::with_capacity(list.len());
        let mut out_at = Vec::with_capacity(n + 1);
        out_at.push(0u32);
        for k in 0..n {
            let from = out.len();
            for &ci in &list[at[k] as usize..at[k + 1] as usize] {
                if out.len() == from || out.last() != Some(&ci) {
                    out.push(ci);
                }
            }
            out_at.push(out.len() as u32);
        }
        Invokers {
            at: out_at,
            list: out,
        }
    }

    /// The commitments a crisis on `target` may invoke, ascending.
    pub(super) fn of(&self, target: u32) -> &[u32] {
        let k = target as usize;
        match (self.at.get(k), self.at.get(k + 1)) {
            (Some(&a), Some(&b)) => &self.list[a as usize..b as usize],
            _ => &[],
        }
    }
}
