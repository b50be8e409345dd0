//! ATOP 5.1 member-level data (`atop5_1m.csv`) → directed [`Commitment`]s. See the importer type for the mapping.

use std::collections::{BTreeMap, HashMap};
use std::io;

use crate::import::field::{Cells, DateFields, Edge, date};
use crate::import::lines::{LineCounter, next_counted_record};
use crate::import::{ImportReport, SkipReason, StateSystem, header_index, read_headers};
use crate::{
    Actor, ActorId, Commitment, CommitmentId, CrisisKind, CrisisKinds, Error, Location, Obligation,
    Parties, Period, Provocation, Region, Regions, TreatyId,
};

/// The bundled ATOP 5.1 member-level file (`data/atop-5.1/atop5_1m.csv`).
#[cfg(feature = "bundled-data")]
pub const ATOP_5_1_MEMBERS: &str = include_str!("../../data/atop-5.1/atop5_1m.csv");

/// An ATOP condition on an obligation that the model cannot check against
/// a crisis, because the member-level data do not say enough (see
/// [`AtopImport`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum AtopCondition {
    /// A particular adversary or type of adversary (`*coadv`), not named in the data.
    Adversary,
    /// Conflict in a particular location (`*coloc`).
    Location,
    /// A particular ongoing conflict (`*cocon`).
    Conflict,
    /// A number of adversaries (`*conum`).
    Number,
    /// Demands on the ally or adversary (`*codem`).
    Demands,
    /// Consultation only when the ally requests it (`concoreq`).
    OnRequest,
    /// A condition ATOP codes no further (`olimob`).
    Other,
    /// The member owes different obligations to different partners (`obvary`).
    VariesByPartner,
}

impl AtopCondition {
    /// The lower-case name used in labels.
    pub fn as_str(self) -> &'static str {
        match self {
            AtopCondition::Adversary => "adversary",
            AtopCondition::Location => "location",
            AtopCondition::Conflict => "conflict",
            AtopCondition::Number => "number",
            AtopCondition::Demands => "demands",
            AtopCondition::OnRequest => "on_request",
            AtopCondition::Other => "other",
            AtopCondition::VariesByPartner => "varies_by_partner",
        }
    }
}

/// ATOP 5.1 member-level data (`atop5_1m.csv`) → directed [`Commitment`]s.
///
/// The Alliance Treaty Obligations and Provisions project (Leeds, Ritter,
/// Mitchell & Long 2002) codes one row per member of each alliance phase,
/// with the member's entry and exit dates, its obligations and the
/// conditions attached to them. Obligations are coded **per member**
/// (asymmetric alliances exist: `asymm`, `obvary`), so every member with an
/// obligation flag becomes the guarantor of a [`Parties::Directed`]
/// commitment toward **each other member of the same alliance and phase**,
/// valid over the overlap of the two members' periods.
///
/// # Mapping
///
/// | ATOP variable | model | notes |
/// |---|---|---|
/// | `atopid`, `phase` | commitment id, label, treaty | `ATOP:{atopid}:p{phase}:{guarantor}-{beneficiary}:{obligation}`, guarantor and beneficiary as COW codes; `p0` = alliance without phases. A member with two rows in one phase (it left and rejoined, as Egypt in 3015) is `651.1`, `651.2` in ids. Every commitment of an alliance gets treaty `ATOP:{atopid}` ([`Commitment::with_treaty`]): its obligations are judged together, as Leeds, Long & Mitchell (2000) judge an alliance. |
/// | `member` | guarantor / beneficiary | COW code → actor id through [`StateSystem`] (`2` → `USA`). A code the state system lacks is skipped: [`SkipReason::UnknownActor`] (`member` 8152 in alliance 1320). |
/// | `yrent`, `moent`, `dayent` | period start | signature date (the codebook: ATOP codes signature, not ratification). Missing day (blank or 0) → the 1st; missing month → January. Missing or 0 `yrent` → skipped ([`SkipReason::MissingValue`]). |
/// | `yrexit`, `moexit`, `dayexit` | period end | `yrexit` 0 → still in force (open end; the data run to 2018-12-31). Missing day (blank or 0) → last day of the month; missing month → December. Blank `yrexit` → skipped ([`SkipReason::MissingValue`]). Exit before entry → skipped ([`SkipReason::Inconsistent`]). |
/// | `defense` | [`Obligation::Defence`] | limited to [`CrisisKind::ExternalAttack`]: ATOP defines defence as support "in the event of attack on the sovereignty or territorial integrity" of a partner |
/// | `offense` | [`Obligation::Offence`] | any crisis kind |
/// | `neutral` | [`Obligation::Neutrality`] | any crisis kind |
/// | `nonagg` | [`Obligation::NonAggression`] | any crisis kind; ATOP attaches no conditions to it |
/// | `consul` | [`Obligation::Consultation`] | any crisis kind |
/// | `defconpr` | defence: [`Provocation::ExcludedIfBeneficiaryInitiated`] | "conditional upon the ally not provoking the adversary" |
/// | `neuconpr` | neutrality: [`Provocation::ExcludedIfBeneficiaryInitiated`] | same clause for neutrality |
/// | `neucoatt` | neutrality: [`CrisisKind::ExternalAttack`] only, and [`Provocation::ExcludedIfBeneficiaryInitiated`] | "conditional upon the ally being attacked": an ally that started the war was not attacked |
/// | `defcoadv`, `offcoadv`, `neucoadv`, `concoadv` with `statthr1`/`statthr2` | [`Triggers::adversaries`](crate::Triggers::adversaries) = the named threat states | `statthr1`, `statthr2` (alliance-level, repeated on each member row; `specthrt` 1 or 3) are the COW codes of the states the treaty names as threats; a pledge conditional on an adversary (`*coadv` = 1) is invoked only by a crisis against one of them. The codes are used only when `*coadv` is set: the codebook warns that naming a threat "does not necessarily mean that the alliance obligations are limited to countering that threat" |
/// | `*coadv` without a named state | **not enforced**: [`AtopCondition::Adversary`] | `statthr1` 0 or blank (a *type* of adversary, "a European power", or documents not located), or codes the state system lacks: [`Triggers::adversaries`](crate::Triggers::adversaries) stays empty (any adversary), the condition is listed in [`AtopImport::unenforced`] and the label |
/// | `defcoloc`, `offcoloc`, `neucoloc`, `concoloc` | [`Triggers::regions`](crate::Triggers::regions) = the **beneficiary's home region** ([`Region::of_ccode`]) | the member file says *that* the pledge is limited to a location, not *which*; the codebook's first example is "home territory only", so the stand-in is the COW region of the partner being helped, matched against where the partner fought (COW `WhereFought`, [`Crisis::regions`](crate::Crisis::regions)). A pledge for "the Eastern front" or an overseas colony is read as its partner's home region too. A beneficiary code outside the COW regions leaves it [`AtopCondition::Location`], unenforced |
/// | `defcocon`, `offcocon`, `neucocon`, `concocon` | **not enforced**: [`AtopCondition::Conflict`] | the specific conflict is not named in the member file |
/// | `defconum`, `offconum`, `neuconum` | **not enforced**: [`AtopCondition::Number`] | number of adversaries; crises name adversaries but the required number is not coded |
/// | `defcodem`, `offcodem`, `neucodem` | **not enforced**: [`AtopCondition::Demands`] | demands are in the treaty text only |
/// | `concoreq` | **not enforced**: [`AtopCondition::OnRequest`] | consultation only if the ally asks; requests are not observed |
/// | `olimob` | **not enforced**: [`AtopCondition::Other`] on every obligation of the member | "contingent upon a condition not covered by the above codes"; which obligation is not coded |
/// | `obvary` | **not enforced**: [`AtopCondition::VariesByPartner`] on every obligation of the member | the member owes different things to different partners, but the member file cannot say which; the commitment is made toward every partner |
///
/// Left out: the summary dummies (`conditio`, `defcon`, `offcon`, `neucon`,
/// `concon`), which repeat the conditions above; alliance-level variables
/// (`wartime`, `term*`, `renounce`, institutional provisions such as
/// `milcon`, `base`, `organ1`) and the additional promises (`notaiden`,
/// `dipaid`, `seppeace`, ...), which are not obligations of the five kinds
/// the model tests. Every commitment requires the obligation's default
/// level ([`Obligation::default_required`]).
///
/// # Counting
///
/// A row is **used** if its member is guarantor or beneficiary of at least
/// one commitment. A valid row that ends up in none (its partners were all
/// skipped, or the member has no partner whose period overlaps its own, or
/// no member of its phase has an obligation) is skipped as
/// [`SkipReason::OutOfScope`]; so `rows_read == rows_used + skipped_total()`.
/// Pairs of members whose periods do not overlap produce nothing and are
/// counted in [`AtopImport::disjoint_pairs`].
///
/// Malformed values (text where a number belongs, a dummy other than 0/1,
/// month 13, year 99999, 30 February, a ragged row) are an
/// [`Error::Malformed`] naming file, line, field and value: they mean the
/// file is not ATOP 5.1 as the codebook describes it.
#[derive(Clone, Debug, Default)]
pub struct AtopImport {
    /// The states that are party to at least one commitment, by COW code.
    pub actors: Vec<Actor>,
    /// The directed commitments, by alliance, phase, guarantor row,
    /// beneficiary row and obligation.
    pub commitments: Vec<Commitment>,
    /// Commitments with conditions the model cannot enforce, and which.
    pub unenforced: BTreeMap<CommitmentId, Vec<AtopCondition>>,
    /// The members of each alliance phase, by `(atopid, phase)`: every
    /// state whose row in it is used (party to at least one commitment),
    /// sorted ([`AtopImport::pact_members`]).
    pub members: BTreeMap<(u32, u32), Vec<ActorId>>,
    /// Commitments whose adversary condition is enforced through the named
    /// threats (`statthr1`/`statthr2`).
    pub named_threat_commitments: u64,
    /// Commitments whose location condition is enforced through the
    /// beneficiary's home region.
    pub located_commitments: u64,
    /// Pairs of members of one phase whose membership periods do not overlap.
    pub disjoint_pairs: u64,
    /// Rows read, used and skipped.
    pub report: ImportReport,
}

/// What a member row says about one obligation it undertakes.
#[derive(Clone, Debug)]
struct Terms {
    obligation: Obligation,
    provocation: Provocation,
    kinds: CrisisKinds,
    unenforced: Vec<AtopCondition>,
    /// Named threat states, when the adversary condition is enforced.
    adversaries: Vec<ActorId>,
    /// Whether the location condition applies (`*coloc`).
    located: bool,
}

#[derive(Clone, Debug)]
struct Member {
    ccode: u16,
    id: ActorId,
    period: Period,
    line: u64,
    terms: Vec<Terms>,
}

/// How a condition column acts on an obligation.
#[derive(Clone, Copy)]
enum Effect {
    NonProvocation,
    Attacked,
    Unenforced(AtopCondition),
}

const OBLIGATIONS: [(&str, Obligation); 5] = [
    ("defense", Obligation::Defence),
    ("offense", Obligation::Offence),
    ("neutral", Obligation::Neutrality),
    ("nonagg", Obligation::NonAggression),
    ("consul", Obligation::Consultation),
];

const CONDITIONS: [(&str, Obligation, Effect); 22] = {
    use AtopCondition::*;
    use Effect::*;
    use Obligation::*;
    [
        ("defconpr", Defence, NonProvocation),
        ("defcoadv", Defence, Unenforced(Adversary)),
        ("defcoloc", Defence, Unenforced(Location)),
        ("defcocon", Defence, Unenforced(Conflict)),
        ("defconum", Defence, Unenforced(Number)),
        ("defcodem", Defence, Unenforced(Demands)),
        ("offcoadv", Offence, Unenforced(Adversary)),
        ("offcoloc", Offence, Unenforced(Location)),
        ("offcocon", Offence, Unenforced(Conflict)),
        ("offconum", Offence, Unenforced(Number)),
        ("offcodem", Offence, Unenforced(Demands)),
        ("neuconpr", Neutrality, NonProvocation),
        ("neucoatt", Neutrality, Attacked),
        ("neucoadv", Neutrality, Unenforced(Adversary)),
        ("neucoloc", Neutrality, Unenforced(Location)),
        ("neucocon", Neutrality, Unenforced(Conflict)),
        ("neuconum", Neutrality, Unenforced(Number)),
        ("neucodem", Neutrality, Unenforced(Demands)),
        ("concoadv", Consultation, Unenforced(Adversary)),
        ("concoloc", Consultation, Unenforced(Location)),
        ("concocon", Consultation, Unenforced(Conflict)),
        ("concoreq", Consultation, Unenforced(OnRequest)),
    ]
};

const MEMBER_CONDITIONS: [(&str, AtopCondition); 2] = [
    ("olimob", AtopCondition::Other),
    ("obvary", AtopCondition::VariesByPartner),
];

const ENTRY: DateFields = DateFields {
    year: "yrent",
    month: "moent",
    day: "dayent",
};
const EXIT: DateFields = DateFields {
    year: "yrexit",
    month: "moexit",
    day: "dayexit",
};

struct Columns {
    atopid: usize,
    phase: usize,
    member: usize,
    yrent: usize,
    moent: usize,
    dayent: usize,
    yrexit: usize,
    moexit: usize,
    dayexit: usize,
    obligations: [usize; 5],
    conditions: [usize; 22],
    member_conditions: [usize; 2],
    /// `statthr1`, `statthr2`: optional, so an extract without them still reads.
    threats: [Option<usize>; 2],
}

impl Columns {
    fn find(h: &csv::StringRecord, loc: &Location) -> Result<Columns, Error> {
        let col = |name| header_index(h, name, loc);
        let mut obligations = [0; 5];
        for (slot, (name, _)) in obligations.iter_mut().zip(OBLIGATIONS) {
            *slot = col(name)?;
        }
        let mut conditions = [0; 22];
        for (slot, (name, _, _)) in conditions.iter_mut().zip(CONDITIONS) {
            *slot = col(name)?;
        }
        let mut member_conditions = [0; 2];
        for (slot, (name, _)) in member_conditions.iter_mut().zip(MEMBER_CONDITIONS) {
            *slot = col(name)?;
        }
        Ok(Columns {
            atopid: col("atopid")?,
            phase: col("phase")?,
            member: col("member")?,
            yrent: col("yrent")?,
            moent: col("moent")?,
            dayent: col("dayent")?,
            yrexit: col("yrexit")?,
            moexit: col("moexit")?,
            dayexit: col("dayexit")?,
            obligations,
            conditions,
            member_conditions,
            threats: [col("statthr1").ok(), col("statthr2").ok()],
        })
    }
}

/// A row that could not be used, and why.
struct Skip(SkipReason, String);

impl AtopImport {
    /// Reads an ATOP 5.1 member-level CSV file (`atop5_1m.csv`) and maps
    /// it as the [type documentation](Self) describes; `source` names
    /// the input in errors and in the report.
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::import::{AtopImport, StateSystem};
    /// use alliance_reliability::{Obligation, Parties};
    ///
    /// let states = StateSystem::bundled();
    /// let atop = AtopImport::bundled(&states)?;
    /// // NATO (ATOP 3180), first phase: the United States owes the United
    /// // Kingdom defence from the signature, 4 April 1949.
    /// let c = atop
    ///     .commitments
    ///     .iter()
    ///     .find(|c| c.id().as_str() == "ATOP:3180:p1:2-200:defence")
    ///     .unwrap();
    /// assert_eq!(c.obligation(), Obligation::Defence);
    /// assert!(matches!(c.parties(), Parties::Directed { guarantor, .. } if guarantor.as_str() == "USA"));
    /// assert_eq!(c.period().from().to_string(), "1949-04-04");
    /// assert_eq!(atop.report.rows_read, atop.report.rows_used + atop.report.skipped_total());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::EmptyInput`] for an input without a header;
    /// [`Error::MissingColumn`] if a column the mapping uses is absent;
    /// [`Error::Malformed`] (file, line, field, value) for an unreadable or
    /// ragged record, text where an integer belongs, a dummy other than
    /// 0/1, or an impossible date; [`Error::Io`] if reading fails.
    pub fn read<R: io::Read>(
        reader: R,
        source: &str,
        states: &StateSystem,
    ) -> Result<AtopImport, Error> {
        let loc = Location::file(source);
        let mut rdr = csv::ReaderBuilder::new().from_reader(LineCounter::new(reader));
        let headers = read_headers(&mut rdr, &loc)?;
        let cols = Columns::find(&headers, &loc)?;
        let mut out = AtopImport {
            report: ImportReport::new(source),
            ..AtopImport::default()
        };
        // (atopid, phase) → members, in file order.
        let mut phases: BTreeMap<(u32, u32), Vec<Member>> = BTreeMap::new();
        let mut rec = csv::StringRecord::new();
        while let Some(line) = next_counted_record(&mut rdr, &mut rec, &loc)? {
            out.report.rows_read += 1;
            let cells = Cells {
                rec: &rec,
                loc: &loc,
                line,
            };
            match read_member(&cells, &cols, states)? {
                Ok((key, m)) => phases.entry(key).or_default().push(m),
                Err(Skip(reason, value)) => out.report.skip(line, reason, &value),
            }
        }

        let mut parties: BTreeMap<u16, ActorId> = BTreeMap::new();
        let mut unused: Vec<(u64, String)> = Vec::new();
        for ((atopid, phase), members) in &phases {
            let names = spell_names(members);
            // Digits and a prefix: always a valid id.
            let treaty = TreatyId::new(format!("ATOP:{atopid}")).map_err(|e| Error::Malformed {
                location: loc.clone().at_field("atopid"),
                value: atopid.to_string(),
                reason: format!("cannot form a treaty id: {e}"),
            })?;
            let mut used = vec![false; members.len()];
            for (gi, g) in members.iter().enumerate() {
                for terms in &g.terms {
                    for (bi, b) in members.iter().enumerate() {
                        if b.ccode == g.ccode {
                            continue;
                        }
                        let Some(period) = overlap(g.period, b.period) else {
                            out.disjoint_pairs += 1;
                            continue;
                        };
                        let id = format!(
                            "ATOP:{atopid}:p{phase}:{}-{}:{}",
                            names[gi], names[bi], terms.obligation
                        );
                        let mut label =
                            format!("ATOP {atopid} phase {phase}: {}", terms.obligation);
                        if !terms.unenforced.is_empty() {
                            label.push_str("; conditions not enforced: ");
                            let list: Vec<&str> =
                                terms.unenforced.iter().map(|c| c.as_str()).collect();
                            label.push_str(&list.join(", "));
                        }
                        let mut unenforced = terms.unenforced.clone();
                        let home = Region::of_ccode(b.ccode);
                        if terms.located && home.is_none() {
                            unenforced.push(AtopCondition::Location);
                            unenforced.sort();
                        }
                        if !unenforced.is_empty() && unenforced != terms.unenforced {
                            label = format!("ATOP {atopid} phase {phase}: {}", terms.obligation);
                            label.push_str("; conditions not enforced: ");
                            let list: Vec<&str> = unenforced.iter().map(|c| c.as_str()).collect();
                            label.push_str(&list.join(", "));
                        }
                        let commitment = Commitment::new(
                            &id,
                            Parties::Directed {
                                guarantor: g.id.clone(),
                                beneficiary: b.id.clone(),
                            },
                            terms.obligation,
                            period,
                        )
                        .map_err(|e| Error::Malformed {
                            location: loc.clone().at_line(g.line).at_field("atopid"),
                            value: id.clone(),
                            reason: format!("cannot form a commitment id: {e}"),
                        })?
                        .with_provocation(terms.provocation)
                        .with_crisis_kinds(terms.kinds)
                        .with_label(label)
                        .with_treaty(treaty.clone());
                        let mut commitment = commitment;
                        if !terms.adversaries.is_empty() {
                            commitment = commitment.with_adversaries(terms.adversaries.clone());
                            out.named_threat_commitments += 1;
                        }
                        if let (true, Some(home)) = (terms.located, home) {
                            commitment = commitment.with_regions(Regions::of([home]));
                            out.located_commitments += 1;
                        }
                        if !unenforced.is_empty() {
                            out.unenforced.insert(commitment.id().clone(), unenforced);
                        }
                        out.commitments.push(commitment);
                        used[gi] = true;
                        used[bi] = true;
                        parties.insert(g.ccode, g.id.clone());
                        parties.insert(b.ccode, b.id.clone());
                    }
                }
            }
            let mut ids: Vec<ActorId> = members
                .iter()
                .zip(&used)
                .filter(|(_, u)| **u)
                .map(|(m, _)| m.id.clone())
                .collect();
            ids.sort();
            ids.dedup();
            if !ids.is_empty() {
                out.members.insert((*atopid, *phase), ids);
            }
            for (m, used) in members.iter().zip(used) {
                if used {
                    out.report.rows_used += 1;
                } else {
                    unused.push((m.line, format!("{atopid}/{phase}/{}", m.ccode)));
                }
            }
        }
        unused.sort();
        for (line, value) in unused {
            out.report.skip(
                line,
                SkipReason::OutOfScope {
                    what: "member in no commitment (no overlapping partner with an obligation)",
                },
                &value,
            );
        }
        out.report.records = out.commitments.len() as u64;
        out.actors = actors_for(states, parties.keys().copied());
        Ok(out)
    }

    /// The members of the alliance phase a commitment of this import
    /// belongs to (read from its id, `ATOP:{atopid}:p{phase}:...`); empty
    /// for an id of another form.
    ///
    /// ```
    /// use alliance_reliability::import::{AtopImport, StateSystem};
    ///
    /// let atop = AtopImport::bundled(&StateSystem::bundled())?;
    /// let nato = atop.pact_members(&"ATOP:3180:p1:2-200:defence".parse()?);
    /// assert!(nato.iter().any(|m| m.as_str() == "FRN"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pact_members(&self, id: &CommitmentId) -> &[ActorId] {
        let mut parts = id.as_str().split(':');
        let key = match (parts.next(), parts.next(), parts.next()) {
            (Some("ATOP"), Some(a), Some(p)) => p
                .strip_prefix('p')
                .and_then(|p| Some((a.parse::<u32>().ok()?, p.parse::<u32>().ok()?))),
            _ => None,
        };
        key.and_then(|k| self.members.get(&k))
            .map_or(&[], Vec::as_slice)
    }

    /// How many commitments leave each condition unenforced.
    pub fn unenforced_counts(&self) -> BTreeMap<AtopCondition, u64> {
        let mut out = BTreeMap::new();
        for list in self.unenforced.values() {
            for c in list {
                *out.entry(*c).or_default() += 1;
            }
        }
        out
    }

    /// Reads the bundled ATOP 5.1 member-level file ([`ATOP_5_1_MEMBERS`]).
    ///
    /// # Errors
    ///
    /// As [`AtopImport::read`]; the bundled file is tested to import.
    #[cfg(feature = "bundled-data")]
    pub fn bundled(states: &StateSystem) -> Result<AtopImport, Error> {
        AtopImport::read(ATOP_5_1_MEMBERS.as_bytes(), "atop5_1m.csv", states)
    }
}

/// The states with these COW codes, as actors (names from the state system).
pub(crate) fn actors_for(states: &StateSystem, codes: impl IntoIterator<Item = u16>) -> Vec<Actor> {
    let wanted: std::collections::BTreeSet<u16> = codes.into_iter().collect();
    states
        .actors()
        .into_iter()
        .filter(|a| {
            states
                .code(a.id().as_str())
                .is_some_and(|c| wanted.contains(&c))
        })
        .collect()
}

/// The overlap of two periods, if they share a day.
pub(crate) fn overlap(a: Period, b: Period) -> Option<Period> {
    let from = a.from().max(b.from());
    let until = match (a.until(), b.until()) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) | (None, x) => x,
    };
    Period::new(from, until).ok()
}

/// Names of members in ids: the COW code, or `code.n` for the n-th row of
/// a member with several rows in the phase.
fn spell_names(members: &[Member]) -> Vec<String> {
    let mut total: HashMap<u16, u32> = HashMap::new();
    for m in members {
        *total.entry(m.ccode).or_default() += 1;
    }
    let mut seen: HashMap<u16, u32> = HashMap::new();
    members
        .iter()
        .map(|m| {
            let n = seen.entry(m.ccode).or_default();
            *n += 1;
            if total.get(&m.ccode).copied().unwrap_or(0) > 1 {
                format!("{}.{}", m.ccode, n)
            } else {
                m.ccode.to_string()
            }
        })
        .collect()
}

/// Reads one member row: `Err` for malformed input, `Ok(Err)` for a counted skip.
#[allow(clippy::type_complexity)]
fn read_member(
    c: &Cells<'_>,
    cols: &Columns,
    states: &StateSystem,
) -> Result<Result<((u32, u32), Member), Skip>, Error> {
    let missing = |field: &'static str, i: usize| {
        Ok(Err(Skip(
            SkipReason::MissingValue { field },
            c.text(i).to_string(),
        )))
    };
    let nonneg_u32 = |i: usize, field: &'static str| -> Result<Option<u32>, Error> {
        match c.int(i, field)? {
            None | Some(-8) | Some(-9) => Ok(None),
            Some(n) => u32::try_from(n)
                .map(Some)
                .map_err(|_| c.malformed(field, c.text(i), "must be a non-negative integer")),
        }
    };
    let Some(atopid) = nonneg_u32(cols.atopid, "atopid")? else {
        return missing("atopid", cols.atopid);
    };
    let Some(phase) = nonneg_u32(cols.phase, "phase")? else {
        return missing("phase", cols.phase);
    };
    let Some(ccode) = c.ccode(cols.member, "member")? else {
        return missing("member", cols.member);
    };
    let Some(id) = states.id(ccode) else {
        return Ok(Err(Skip(
            SkipReason::UnknownActor { field: "member" },
            ccode.to_string(),
        )));
    };
    // Dates: 0 or blank month/day = missing; yrent 0 = missing; yrexit 0 = in force.
    let part = |i: usize, field: &'static str| -> Result<Option<i64>, Error> {
        Ok(c.int(i, field)?.filter(|&v| v != 0))
    };
    let Some(yrent) = part(cols.yrent, "yrent")? else {
        return missing("yrent", cols.yrent);
    };
    let from = date(
        c,
        ENTRY,
        yrent,
        part(cols.moent, "moent")?,
        part(cols.dayent, "dayent")?,
        Edge::Start,
    )?;
    let until = match c.int(cols.yrexit, "yrexit")? {
        None => return missing("yrexit", cols.yrexit),
        Some(0) => None,
        Some(y) => Some(date(
            c,
            EXIT,
            y,
            part(cols.moexit, "moexit")?,
            part(cols.dayexit, "dayexit")?,
            Edge::End,
        )?),
    };
    let Ok(period) = Period::new(from, until) else {
        return Ok(Err(Skip(
            SkipReason::Inconsistent {
                what: "exit before entry",
            },
            format!(
                "{from} > {}",
                until.map(|u| u.to_string()).unwrap_or_default()
            ),
        )));
    };

    // statthr1/statthr2: COW codes of named threat states; 0, blank or a
    // missing code (-8, -9) names none. Codes the state system lacks name none.
    let mut threats: Vec<ActorId> = Vec::new();
    for (i, field) in cols.threats.iter().zip(["statthr1", "statthr2"]) {
        let Some(i) = *i else { continue };
        match c.int(i, field)? {
            None | Some(0) | Some(-8) | Some(-9) => {}
            Some(code) => {
                let id = u16::try_from(code).ok().and_then(|code| states.id(code));
                match id {
                    Some(id) => threats.push(id.clone()),
                    None if (1..=999).contains(&code) => {}
                    None => {
                        return Err(c.malformed(
                            field,
                            c.text(i),
                            "not a COW country code (1-999)",
                        ));
                    }
                }
            }
        }
    }
    let mut member_wide = Vec::new();
    for ((name, cond), &i) in MEMBER_CONDITIONS.iter().zip(&cols.member_conditions) {
        match c.flag(i, name)? {
            None => return missing(name, i),
            Some(true) => member_wide.push(*cond),
            Some(false) => {}
        }
    }
    let mut terms = Vec::new();
    for ((name, obligation), &i) in OBLIGATIONS.iter().zip(&cols.obligations) {
        match c.flag(i, name)? {
            None => return missing(name, i),
            Some(true) => terms.push(Terms {
                obligation: *obligation,
                provocation: Provocation::Unconditional,
                kinds: if *obligation == Obligation::Defence {
                    CrisisKinds::of([CrisisKind::ExternalAttack])
                } else {
                    CrisisKinds::ALL
                },
                unenforced: member_wide.clone(),
                adversaries: Vec::new(),
                located: false,
            }),
            Some(false) => {}
        }
    }
    // Condition flags are read (and checked) even for obligations the
    // member does not undertake.
    for ((name, obligation, effect), &i) in CONDITIONS.iter().zip(&cols.conditions) {
        let on = match c.flag(i, name)? {
            None => return missing(name, i),
            Some(on) => on,
        };
        let Some(t) = terms.iter_mut().find(|t| t.obligation == *obligation) else {
            continue;
        };
        if !on {
            continue;
        }
        match effect {
            Effect::NonProvocation => t.provocation = Provocation::ExcludedIfBeneficiaryInitiated,
            Effect::Attacked => {
                t.provocation = Provocation::ExcludedIfBeneficiaryInitiated;
                t.kinds = CrisisKinds::of([CrisisKind::ExternalAttack]);
            }
            Effect::Unenforced(AtopCondition::Adversary) if !threats.is_empty() => {
                t.adversaries = threats.clone();
            }
            Effect::Unenforced(AtopCondition::Location) => t.located = true,
            Effect::Unenforced(cond) => t.unenforced.push(*cond),
        }
    }
    for t in &mut terms {
        t.unenforced.sort();
        t.unenforced.dedup();
    }
    Ok(Ok((
        (atopid, phase),
        Member {
            ccode,
            id: id.clone(),
            period,
            line: c.line,
            terms,
        },
    )))
}

#[cfg(all(test, feature = "bundled-data"))]
mod tests {
    use super::*;

    /// The real header, then rows built from a compact spec.
    #[cfg(feature = "bundled-data")]
    fn file(rows: &[&str]) -> String {
        let header = ATOP_5_1_MEMBERS.lines().next().unwrap_or("");
        let mut s = format!("{header}\n");
        for r in rows {
            s.push_str(&row(r));
            s.push('\n');
        }
        s
    }

    /// `atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase;flag=value,...`
    #[cfg(feature = "bundled-data")]
    fn row(spec: &str) -> String {
        let header = ATOP_5_1_MEMBERS.lines().next().unwrap_or("");
        let names: Vec<&str> = header.split(',').collect();
        let (base, flags) = spec.split_once(';').unwrap_or((spec, ""));
        let mut cells: HashMap<&str, String> = HashMap::new();
        for (k, v) in [
            "atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", "phase",
        ]
        .iter()
        .zip(base.split(','))
        {
            cells.insert(k, v.to_string());
        }
        for kv in flags.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv.split_once('=').unwrap();
            cells.insert(k, v.to_string());
        }
        names
            .iter()
            .map(|n| cells.get(n).cloned().unwrap_or_else(|| "0".into()))
            .collect::<Vec<_>>()
            .join(",")
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn asymmetric_obligations_and_conditions() {
        let input = file(&[
            "9001,2,1950,3,,1960,2,,0;defense=1,defconpr=1,defcoadv=1",
            "9001,20,1951,6,10,0,0,0,0;nonagg=1",
        ]);
        let states = StateSystem::bundled();
        let r = AtopImport::read(input.as_bytes(), "t.csv", &states).unwrap();
        let ids: Vec<&str> = r.commitments.iter().map(|c| c.id().as_str()).collect();
        assert_eq!(
            ids,
            [
                "ATOP:9001:p0:2-20:defence",
                "ATOP:9001:p0:20-2:non_aggression"
            ]
        );
        let d = &r.commitments[0];
        assert_eq!(d.period().from().to_string(), "1951-06-10");
        // Missing exit day → last day of February 1960 (a leap year).
        assert_eq!(d.period().until().unwrap().to_string(), "1960-02-29");
        assert_eq!(
            d.triggers().provocation,
            Provocation::ExcludedIfBeneficiaryInitiated
        );
        assert!(!d.triggers().kinds.contains(CrisisKind::InternalUprising));
        assert_eq!(
            r.unenforced.get(d.id()).map(Vec::as_slice),
            Some(&[AtopCondition::Adversary][..])
        );
        assert_eq!(
            d.label(),
            Some("ATOP 9001 phase 0: defence; conditions not enforced: adversary")
        );
        assert_eq!(r.report.rows_used, 2);
        assert_eq!(r.actors.len(), 2);
    }

    #[test]
    #[cfg(feature = "bundled-data")]
    fn rejoining_member_and_disjoint_pairs() {
        let input = file(&[
            "9002,651,1945,3,22,1979,3,31,0;nonagg=1",
            "9002,652,1945,3,22,0,0,0,0;nonagg=1",
            "9002,651,1989,5,22,0,0,0,0;nonagg=1",
            "9002,660,1980,1,1,1985,1,1,0;nonagg=1",
        ]);
        let r = AtopImport::read(input.as_bytes(), "t.csv", &StateSystem::bundled()).unwrap();
        let ids: Vec<&str> = r.commitments.iter().map(|c| c.id().as_str()).collect();
        assert!(ids.contains(&"ATOP:9002:p0:651.2-652:non_aggression"));
        assert!(ids.contains(&"ATOP:9002:p0:660-652:non_aggression"));
        // 651.1-660, 651.2-660 and back are disjoint; 651 never pairs with itself.
        assert_eq!(r.disjoint_pairs, 4);
        assert_eq!(r.commitments.len(), 6);
    }

    /// Issue 11: a row with too many (or too few) fields is reported on
    /// its own line (the header is line 1), not the line after it.
    #[test]
    fn ragged_row_names_its_own_line() {
        let good = row("9001,2,1950,3,1,1960,2,1,0;defense=1");
        let states = StateSystem::bundled();
        for (rows, line) in [
            (format!("{good},7\n"), 2),
            (format!("{good}\n{good},7\n{good}\n"), 3),
            (format!("{good}\n\n{good},7\n"), 4),
            (format!("{good}\n1,2\n"), 3),
        ] {
            let input = format!("{}{rows}", file(&[]));
            let err = AtopImport::read(input.as_bytes(), "t.csv", &states).unwrap_err();
            match &err {
                Error::Malformed { location, .. } => {
                    assert_eq!(location.line, Some(line), "{err}")
                }
                other => panic!("expected Malformed, got {other}"),
            }
        }
    }
}
