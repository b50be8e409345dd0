//! Commitments with their ids resolved to actor keys, once per ledger, so
//! opening a crisis's tests compares integers, not id strings.
//!
//! Commitments and memberships never change after a timeline is built, so
//! the table is built with the ledger and serves every crisis, including
//! those added later. Every check reads exactly what the string comparison
//! read: an id resolves to one key and a key to one id, so two resolved ids
//! are equal exactly when their keys are. An id that resolves to no actor
//! is kept as `None` (a party) or makes the commitment's trigger lists fall
//! back to comparing strings, so no comparison changes its answer.

use super::*;

/// A commitment's parties by actor key (`None`: the id names no actor).
#[derive(Clone, Copy, Debug)]
pub(super) enum KeyedParties {
    Directed {
        guarantor: Option<u32>,
        beneficiary: Option<u32>,
    },
    Mutual(Option<u32>, Option<u32>),
    Bloc(Option<u32>),
}

/// One commitment, keyed.
#[derive(Clone, Debug)]
pub(super) struct KeyedCommitment {
    pub(super) parties: KeyedParties,
    /// First and last day in force (`Day::MAX` while running).
    pub(super) from: Day,
    pub(super) until: Day,
    /// Rank of the commitment's id among all commitment ids (ids are
    /// unique, so ranks order commitments exactly as their ids do).
    pub(super) rank: u32,
    /// The trigger's adversaries and excluded adversaries by key, or `None`
    /// when one of them names no actor (then the strings are compared).
    pub(super) adversaries: Option<Box<[u32]>>,
    pub(super) excluded: Option<Box<[u32]>>,
}

/// Every commitment of a timeline, keyed, in commitment order.
#[derive(Clone, Debug, Default)]
pub(super) struct Compiled {
    pub(super) commitments: Vec<KeyedCommitment>,
}

impl Compiled {
    pub(super) fn build(tl: &Timeline) -> Compiled {
        let key = |id: &crate::ActorId| tl.key(id).map(|k| k.0);
        let keys = |ids: &[crate::ActorId]| -> Option<Box<[u32]>> { ids.iter().map(key).collect() };
        let rank = super::open::ranks(tl.commitments().iter().map(Commitment::id));
        let commitments = tl
            .commitments()
            .iter()
            .zip(rank)
            .map(|(c, rank)| {
                let parties = match c.parties() {
                    Parties::Directed {
                        guarantor,
                        beneficiary,
                    } => KeyedParties::Directed {
                        guarantor: key(guarantor),
                        beneficiary: key(beneficiary),
                    },
                    Parties::Mutual(a, b) => KeyedParties::Mutual(key(a), key(b)),
                    Parties::Bloc(b) => KeyedParties::Bloc(key(b)),
                };
                let tr = c.triggers();
                KeyedCommitment {
                    parties,
                    from: day(c.period().from()),
                    until: c.period().until().map_or(Day::MAX, day),
                    rank,
                    adversaries: keys(&tr.adversaries),
                    excluded: keys(&tr.excluded_adversaries),
                }
            })
            .collect();
        Compiled { commitments }
    }
}

/// [`triggered`](super::open::triggered) on keys: `adversaries` are the
/// crisis's adversaries by key, or `None` if one names no actor. Gives the
/// same answer as the string version (which it calls when a list is not
/// keyed).
pub(super) fn triggered_keyed(
    keyed: &KeyedCommitment,
    commitment: &Commitment,
    crisis: &Crisis,
    adversaries: Option<&[u32]>,
) -> bool {
    let (Some(adv), Some(want), Some(excluded)) =
        (adversaries, &keyed.adversaries, &keyed.excluded)
    else {
        return super::open::triggered(commitment, crisis);
    };
    let tr = commitment.triggers();
    if !tr.kinds.contains(crisis.kind()) {
        return false;
    }
    if !want.is_empty() && !adv.iter().any(|a| want.contains(a)) {
        return false;
    }
    if !super::open::in_regions(tr, crisis) {
        return false;
    }
    if adv.iter().any(|a| excluded.contains(a)) {
        return false;
    }
    super::open::provoked(tr.provocation, crisis)
}
