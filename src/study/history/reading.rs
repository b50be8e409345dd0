//! [`Reading`]: how the treaty rule reads a war against a treaty's terms,
//! and the per-spell facts it needs ([`Stance`]).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use crate::import::WarSpell;
use crate::{
    ActorId, Commitment, Crisis, CrisisKind, Initiator, Obligation, Parties, Regions, SupportEvent,
    SupportKind,
};

/// The readings of the treaty rule ([`Rule::Treaty`](super::Rule::Treaty)):
/// each option is one way of reading what ATOP and the conflict data say,
/// with the codebook variable it uses. [`Reading::DEFAULT`] turns all on;
/// [`Reading::NONE`] turns all off, which is [`Rule::Leeds`](super::Rule::Leeds).
///
/// | option | data | what it does |
/// |---|---|---|
/// | [`named_threats`](Reading::named_threats) | ATOP `defcoadv`, `offcoadv`, `neucoadv`, `concoadv` with `statthr1`/`statthr2` | a pledge limited to an adversary is invoked only by a war against a named threat state ([`AtopImport`](crate::import::AtopImport) sets the trigger; off: the trigger is cleared) |
/// | [`location`](Reading::location) | ATOP `*coloc`; COW `WhereFought` | a pledge limited to a location is invoked only by a war its partner fought in its home region ([`Region::of_ccode`](crate::Region::of_ccode)) |
/// | [`attacked_within_days`](Reading::attacked_within_days) | COW `Side`, `Initiator`, `StartYear1`/`StartMonth1`/`StartDay1` | `Some(n)`: the partner was **attacked** if it is on the side that did not start the war and either entered on the war's first day (an original target) or entered within `n` days of an enemy's entry (a new enemy opened a front on it: Pearl Harbor, Barbarossa). Defence and `neucoatt` neutrality are invoked only then. `None`: COW's state-level `Initiator` alone (any partner not coded initiator was attacked) |
/// | [`side_based_offence`](Reading::side_based_offence) | COW `Side`, `Initiator` | offence is invoked when the partner fought on the side of the war's initiator, joiners included; off: only when COW codes the partner itself as initiator |
/// | [`opposite_side_non_aggression`](Reading::opposite_side_non_aggression) | COW `Side` | a non-aggression pledge is invoked only when guarantor and partner fought on opposite sides, and kept only if the partner's side started that war (the guarantor defended itself); off: every war of the partner tests it, kept unless the guarantor fought the partner |
/// | [`intra_pact_excluded`](Reading::intra_pact_excluded) | ATOP `atopid`, `phase` membership | a war between members of one alliance phase does not invoke that phase's defence pledges (the Football War, Cenepa, Iraq–Kuwait); a member is any state with a row in the phase, whatever its dates ([`AtopImport::pact_members`](crate::import::AtopImport::pact_members)) |
///
/// Why `attacked_within_days` defaults to 1: COW dates entries to the day,
/// and an attack opens the attacker's and the target's spells on the same
/// day (Japan and the United States on 7 December 1941; Romania and the
/// USSR on 22 June 1941); one day allows for the date line and for a
/// declaration dated the day after the first shots. Two days would already
/// count the United Kingdom as attacked by Germany in 1939 (entries 3 and 1
/// September), and three days the United States as attacked in Korea (27
/// and 24 June 1950): both chose to join. The figure was chosen from these
/// cases in the codebook's sense of "attacked", not from the resulting
/// shares.
///
/// A neutrality or non-aggression pledge is not broken by a guarantor that
/// fought its partner in a war the partner's side started: under
/// [`opposite_side_non_aggression`](Reading::opposite_side_non_aggression)
/// the hostile events of such a guarantor toward its partner are dropped
/// from the timeline (they are self-defence), which makes both kinds
/// honoured; defence and offence pledges between them fail either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reading {
    /// Enforce named threats (`statthr1`/`statthr2`) on `*coadv` pledges.
    pub named_threats: bool,
    /// Enforce `*coloc` through the partner's home region and `WhereFought`.
    pub location: bool,
    /// Read "attacked" from sides and entry dates, with this many days of slack.
    pub attacked_within_days: Option<u16>,
    /// Invoke offence for every partner on the initiating side.
    pub side_based_offence: bool,
    /// Non-aggression only between enemies, kept if the partner started it.
    pub opposite_side_non_aggression: bool,
    /// Leave wars among members of one pact out of its defence pledges.
    pub intra_pact_excluded: bool,
}

impl Reading {
    /// Every reading on, with one day of slack for "attacked".
    pub const DEFAULT: Reading = Reading {
        named_threats: true,
        location: true,
        attacked_within_days: Some(1),
        side_based_offence: true,
        opposite_side_non_aggression: true,
        intra_pact_excluded: true,
    };

    /// Every reading off: today's [`Rule::Leeds`](super::Rule::Leeds).
    pub const NONE: Reading = Reading {
        named_threats: false,
        location: false,
        attacked_within_days: None,
        side_based_offence: false,
        opposite_side_non_aggression: false,
        intra_pact_excluded: false,
    };

    /// Whether the crises need the spell facts (sides and dates).
    fn uses_sides(&self) -> bool {
        self.attacked_within_days.is_some()
            || self.side_based_offence
            || self.opposite_side_non_aggression
    }
}

impl Default for Reading {
    fn default() -> Reading {
        Reading::DEFAULT
    }
}

/// What the sides and entry dates say about one participation spell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stance {
    /// The spell's side includes a state COW codes as initiator (and the
    /// other side does not).
    pub initiating_side: bool,
    /// The spell began on the war's first day.
    pub original: bool,
    /// Not on the initiating side, and original or entered within the
    /// reading's days of an enemy's entry.
    pub attacked: bool,
}

/// The [`Stance`] of every spell, in order. Spells are grouped by war
/// number; `within_days` is the slack of "entered within n days of an
/// enemy".
pub fn stances(spells: &[WarSpell], within_days: u16) -> Vec<Stance> {
    let mut wars: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, s) in spells.iter().enumerate() {
        wars.entry(s.war).or_default().push(i);
    }
    let mut out = vec![
        Stance {
            initiating_side: false,
            original: false,
            attacked: false,
        };
        spells.len()
    ];
    for members in wars.values() {
        let initiating = |side: u8| {
            members
                .iter()
                .any(|&i| spells[i].side == side && spells[i].initiator == Initiator::Target)
        };
        let (one, two) = (initiating(1), initiating(2));
        let first = members
            .iter()
            .map(|&i| spells[i].period.from())
            .min()
            .unwrap_or(NaiveDate::MIN);
        for &i in members {
            let s = &spells[i];
            let initiating_side = match s.side {
                1 => one && !two,
                _ => two && !one,
            };
            let original = !s.second && s.period.from() == first;
            let joined_with_enemy = members.iter().any(|&j| {
                let e = &spells[j];
                e.side != s.side
                    && e.ccode != s.ccode
                    && (e.period.from() - s.period.from()).num_days().abs()
                        <= i64::from(within_days)
            });
            out[i] = Stance {
                initiating_side,
                original,
                attacked: !initiating_side && (original || joined_with_enemy),
            };
        }
    }
    out
}

/// A crisis read under `reading`, given its spell's stance: "initiated"
/// becomes side-based and "attacked" the crisis kind (an
/// [`CrisisKind::ExternalAttack`] crisis stays one if its target was
/// attacked and becomes [`CrisisKind::Other`] if the target joined a war
/// in which it was not attacked; other kinds are left alone).
pub(super) fn crisis(reading: &Reading, crisis: Crisis, stance: Option<Stance>) -> Crisis {
    let Some(st) = stance else {
        return crisis;
    };
    let mut c = crisis;
    if reading.side_based_offence {
        c = c.with_initiator(if st.initiating_side {
            Initiator::Target
        } else {
            Initiator::Other
        });
    }
    // Only a war crisis is re-read: an uprising stays an uprising.
    if reading.attacked_within_days.is_some()
        && !st.attacked
        && c.kind() == CrisisKind::ExternalAttack
    {
        c = c.with_kind(CrisisKind::Other);
    }
    c
}

/// A commitment read under `reading`: triggers the reading does not use
/// are cleared, non-aggression is limited to the guarantor as enemy, and
/// defence leaves out the other members of `pact`.
pub(super) fn commitment(reading: &Reading, c: Commitment, pact: &[ActorId]) -> Commitment {
    let mut c = c;
    if !reading.named_threats || c.obligation() == Obligation::NonAggression {
        c = c.with_adversaries(Vec::<ActorId>::new());
    }
    if !reading.location {
        c = c.with_regions(Regions::NONE);
    }
    if reading.opposite_side_non_aggression
        && c.obligation() == Obligation::NonAggression
        && let Parties::Directed { guarantor, .. } = c.parties()
    {
        let g = guarantor.clone();
        c = c.with_adversaries([g]);
    }
    if reading.intra_pact_excluded && c.obligation() == Obligation::Defence {
        c = c.with_excluded_adversaries(pact.iter().cloned());
    }
    c
}

/// The hostile events that are self-defence: from a state not on the
/// initiating side toward an enemy on it, dated as the war importers date
/// them (the later of the two entries). Dropped under
/// [`Reading::opposite_side_non_aggression`].
pub(super) fn defensive(
    reading: &Reading,
    spells: &[WarSpell],
    stances: &[Stance],
    ids: &BTreeMap<u16, ActorId>,
) -> HashSet<(ActorId, ActorId, NaiveDate)> {
    let mut out = HashSet::new();
    if !reading.opposite_side_non_aggression {
        return out;
    }
    let mut wars: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, s) in spells.iter().enumerate() {
        wars.entry(s.war).or_default().push(i);
    }
    for members in wars.values() {
        for &x in members {
            for &y in members {
                let (sx, sy) = (&spells[x], &spells[y]);
                if sx.side == sy.side || sx.ccode == sy.ccode {
                    continue;
                }
                if stances[x].initiating_side || sy.initiator != Initiator::Target {
                    continue;
                }
                if let (Some(gx), Some(py)) = (ids.get(&sx.ccode), ids.get(&sy.ccode)) {
                    let day = sx.period.from().max(sy.period.from());
                    out.insert((gx.clone(), py.clone(), day));
                }
            }
        }
    }
    out
}

/// Whether `event` is one of the `dropped` self-defence events.
pub(super) fn is_dropped(
    dropped: &HashSet<(ActorId, ActorId, NaiveDate)>,
    event: &SupportEvent,
) -> bool {
    event.kind() == SupportKind::Hostile
        && !dropped.is_empty()
        && dropped.contains(&(
            event.provider().clone(),
            event.recipient().clone(),
            event.date(),
        ))
}

/// The crises and events of a conflict source read under `reading`
/// (`spells` parallel to `crises`; without that, or when the reading uses
/// no sides, they are returned unchanged): each crisis re-read from its
/// spell's [`Stance`], and the self-defence hostility dropped.
pub(super) fn read_conflicts(
    reading: &Reading,
    crises: &[Crisis],
    spells: &[WarSpell],
    events: &[SupportEvent],
) -> (Vec<Crisis>, Vec<SupportEvent>) {
    if !needs_spells(reading) || spells.len() != crises.len() {
        return (crises.to_vec(), events.to_vec());
    }
    let st = stances(spells, reading.attacked_within_days.unwrap_or(0));
    let read: Vec<Crisis> = crises
        .iter()
        .zip(&st)
        .map(|(c, s)| crisis(reading, c.clone(), Some(*s)))
        .collect();
    let ids: BTreeMap<u16, ActorId> = spells
        .iter()
        .zip(crises)
        .map(|(s, c)| (s.ccode, c.target().clone()))
        .collect();
    let dropped = defensive(reading, spells, &st, &ids);
    let kept = events
        .iter()
        .filter(|e| !is_dropped(&dropped, e))
        .cloned()
        .collect();
    (read, kept)
}

/// Whether a reading needs the spells at all.
pub(super) fn needs_spells(reading: &Reading) -> bool {
    reading.uses_sides()
}
