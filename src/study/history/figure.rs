//! The published figures ([`Figure`]) and why ours differ from each.

use super::*;
use crate::Obligation;

/// A published figure and how this crate recomputes it: which data, which
/// rule, which tests.
///
/// # Example
///
/// ```no_run
/// use alliance_reliability::history::{Breakdown, Figure, HistoricalData, AS_OF};
///
/// let data = HistoricalData::bundled()?;
/// let figure = Figure::LeedsLongMitchell;
/// let ledger = data.ledger(figure.source(), figure.rule())?;
/// let ours = Breakdown::new(&ledger, AS_OF).tally(&figure.scope());
/// println!("{}: ours {:?}, published {}", figure.label(), ours.share(), figure.published());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Figure {
    /// Sabrosky (1980), about 27% of allies fought alongside, 1816–1965;
    /// ours: [`Rule::Sabrosky`] on COW alliance v4.1 defence pledges.
    SabroskyCow,
    /// The same rule and years on ATOP 5.1 defence obligations.
    SabroskyAtop,
    /// Leeds, Long & Mitchell (2000), 74.5% honoured, wars of 1816–1944;
    /// ours: [`Rule::Leeds`] on ATOP 5.1, [`Scope::judged`], 1816–1944.
    LeedsLongMitchell,
    /// Berkemeier & Fuhrmann (2018), 50% honoured, 1816–2003; ours:
    /// [`Rule::Leeds`] on ATOP 5.1, [`Scope::judged`], 1816–2003.
    BerkemeierFuhrmann,
    /// Berkemeier & Fuhrmann (2018), 66% before 1945; ours: 1816–1944.
    BerkemeierFuhrmannBefore1945,
    /// Berkemeier & Fuhrmann (2018), 22% from 1945 to 2003; ours: 1945–2003.
    BerkemeierFuhrmannFrom1945,
    /// Berkemeier & Fuhrmann (2018), defence 41%; ours: defence, 1816–2003.
    BerkemeierFuhrmannDefence,
    /// Berkemeier & Fuhrmann (2018), offence 74%; ours: offence, 1816–2003.
    BerkemeierFuhrmannOffence,
    /// Berkemeier & Fuhrmann (2018), neutrality 78%; ours: neutrality, 1816–2003.
    BerkemeierFuhrmannNeutrality,
    /// Berkemeier & Fuhrmann (2018), non-aggression 37%; ours:
    /// non-aggression, 1816–2003.
    BerkemeierFuhrmannNonAggression,
}

impl Figure {
    /// Every figure, in the order the example prints them.
    pub const ALL: [Figure; 10] = [
        Figure::SabroskyCow,
        Figure::SabroskyAtop,
        Figure::LeedsLongMitchell,
        Figure::BerkemeierFuhrmann,
        Figure::BerkemeierFuhrmannBefore1945,
        Figure::BerkemeierFuhrmannFrom1945,
        Figure::BerkemeierFuhrmannDefence,
        Figure::BerkemeierFuhrmannOffence,
        Figure::BerkemeierFuhrmannNeutrality,
        Figure::BerkemeierFuhrmannNonAggression,
    ];

    /// What the figure measures, in a few words.
    pub fn label(self) -> &'static str {
        match self {
            Figure::SabroskyCow => "Sabrosky rule, defence pacts, 1816-1965",
            Figure::SabroskyAtop => "Sabrosky rule, defence obligations, 1816-1965",
            Figure::LeedsLongMitchell => "Leeds rule, 1816-1944",
            Figure::BerkemeierFuhrmann => "Leeds rule, 1816-2003",
            Figure::BerkemeierFuhrmannBefore1945 => "Leeds rule, before 1945",
            Figure::BerkemeierFuhrmannFrom1945 => "Leeds rule, 1945-2003",
            Figure::BerkemeierFuhrmannDefence => "Leeds rule, defence, 1816-2003",
            Figure::BerkemeierFuhrmannOffence => "Leeds rule, offence, 1816-2003",
            Figure::BerkemeierFuhrmannNeutrality => "Leeds rule, neutrality, 1816-2003",
            Figure::BerkemeierFuhrmannNonAggression => "Leeds rule, non-aggression, 1816-2003",
        }
    }

    /// The publication.
    pub fn citation(self) -> &'static str {
        match self {
            Figure::SabroskyCow | Figure::SabroskyAtop => "Sabrosky 1980",
            Figure::LeedsLongMitchell => "Leeds, Long & Mitchell 2000",
            _ => "Berkemeier & Fuhrmann 2018",
        }
    }

    /// The published share honoured.
    pub fn published(self) -> f64 {
        match self {
            Figure::SabroskyCow | Figure::SabroskyAtop => 0.27,
            Figure::LeedsLongMitchell => 0.745,
            Figure::BerkemeierFuhrmann => 0.50,
            Figure::BerkemeierFuhrmannBefore1945 => 0.66,
            Figure::BerkemeierFuhrmannFrom1945 => 0.22,
            Figure::BerkemeierFuhrmannDefence => 0.41,
            Figure::BerkemeierFuhrmannOffence => 0.74,
            Figure::BerkemeierFuhrmannNeutrality => 0.78,
            Figure::BerkemeierFuhrmannNonAggression => 0.37,
        }
    }

    /// The alliance data our figure is computed from.
    pub fn source(self) -> AllianceSource {
        match self {
            Figure::SabroskyCow => AllianceSource::Cow,
            _ => AllianceSource::Atop,
        }
    }

    /// The rule our figure is computed under.
    pub fn rule(self) -> Rule {
        match self {
            Figure::SabroskyCow | Figure::SabroskyAtop => Rule::Sabrosky,
            _ => Rule::Leeds,
        }
    }

    /// The tests our figure covers.
    pub fn scope(self) -> Scope {
        let years = |s: Scope, a, b| s.years(a, b).unwrap_or(s);
        let only = |o| Scope::all().obligations([o]);
        match self {
            Figure::SabroskyCow | Figure::SabroskyAtop => {
                years(only(Obligation::Defence), 1816, 1965)
            }
            Figure::LeedsLongMitchell | Figure::BerkemeierFuhrmannBefore1945 => {
                years(Scope::judged(), 1816, 1944)
            }
            Figure::BerkemeierFuhrmann => years(Scope::judged(), 1816, 2003),
            Figure::BerkemeierFuhrmannFrom1945 => years(Scope::judged(), 1945, 2003),
            Figure::BerkemeierFuhrmannDefence => years(only(Obligation::Defence), 1816, 2003),
            Figure::BerkemeierFuhrmannOffence => years(only(Obligation::Offence), 1816, 2003),
            Figure::BerkemeierFuhrmannNeutrality => years(only(Obligation::Neutrality), 1816, 2003),
            Figure::BerkemeierFuhrmannNonAggression => {
                years(only(Obligation::NonAggression), 1816, 2003)
            }
        }
    }

    /// Why our figure differs from the published one: the reasons specific
    /// to this figure (the general ones are in the [module documentation](crate::history)).
    pub fn why(self) -> &'static str {
        match self {
            Figure::SabroskyCow => {
                "Same rule, same kind of data and same years as Sabrosky: every war of a state \
                 tests each defence pledge in force toward it, honoured only if the ally fought on \
                 its side. The gap is data versions (COW alliances v4.1 and wars v4.0 against the \
                 1970s lists: wars added, re-dated, split) and the unit: we count each directed \
                 pledge per participation spell (a second entry into the same war is a second \
                 test), Sabrosky counted alliance-ally-war."
            }
            Figure::SabroskyAtop => {
                "Sabrosky's rule on other alliance data: ATOP 5.1 codes more defence obligations \
                 than COW (phase by phase and treaty by treaty, so an ally bound by two treaties \
                 is two tests) and dates them by signature, where COW alliance spells run over \
                 whole years."
            }
            Figure::LeedsLongMitchell => {
                "Invocation is inferred from COW participation and COW's Initiator, not coded by \
                 hand from treaty text and conflict: adversary, location and specific-conflict \
                 conditions cannot be enforced (the member file does not name them), so a pledge \
                 against one enemy or in one region is tested by every war of its partner and \
                 mostly 'abandoned'. Help short of war participation is not observed. Data: ATOP \
                 5.1 and COW wars v4.0, not ATOP 1.0 and an older war list. Consultation is left \
                 out; non-aggression is in."
            }
            Figure::BerkemeierFuhrmann => {
                "Non-aggression tests dominate our count: a non-aggression pledge is tested by \
                 every war its partner fights and passed by staying out, which nearly every \
                 partner does; Berkemeier & Fuhrmann's 37% for non-aggression shows a far \
                 stricter coding. See the figure without non-aggression below. The other reasons \
                 are those of the 1816-1944 figure."
            }
            Figure::BerkemeierFuhrmannBefore1945 => {
                "The same tests as the 1816-1944 figure, for the same reasons; Berkemeier & \
                 Fuhrmann's recoding of these years gives 66% where Leeds, Long & Mitchell had \
                 74.5%."
            }
            Figure::BerkemeierFuhrmannFrom1945 => {
                "After 1945 most tests are non-aggression pledges of large multilateral treaties \
                 (the Helsinki Final Act, NATO, the Arab League, the OAS and Rio treaties), tested \
                 by every war of a member and passed by staying out; the defence pledges of the \
                 same treaties, tested by wars their location or adversary conditions may exclude \
                 (Korea, the Gulf War), are mostly abandoned. See the figure without \
                 non-aggression below."
            }
            Figure::BerkemeierFuhrmannDefence => {
                "Defence pledges limited to an enemy or a region (NATO's North Atlantic area, the \
                 Rio Treaty's hemisphere, pledges against one named power) are tested by every \
                 war of their partner; wars between members of one regional pact (the Football \
                 War, Cenepa Valley) test every member's pledge to both sides; and help short of \
                 fighting (arms, bases, a naval demonstration) counts as abandonment."
            }
            Figure::BerkemeierFuhrmannOffence => {
                "Few tests: offence is invoked only when COW codes the partner as the war's \
                 initiator, and COW codes one or a few initiators per war (a state joining on the \
                 initiating side is not one), while pledges against a named target are tested \
                 by any war the partner started."
            }
            Figure::BerkemeierFuhrmannNeutrality => {
                "Honoured unless the guarantor fought against the partner: aid to the enemy short \
                 of war, which a hand coding can count as a violation, is not observed; pledges \
                 conditional on the partner being attacked (neucoatt) are not tested by wars it \
                 started."
            }
            Figure::BerkemeierFuhrmannNonAggression => {
                "We count every war of a partner as a test of every non-aggression pledge toward \
                 it, failed only by fighting against the partner. The published 37% implies a \
                 much narrower notion of invocation, or a broader notion of violation, than war \
                 participation can show; without their case list we cannot reproduce it. \
                 Narrowing invocation does not close the gap: counting only wars in which the \
                 guarantor itself fought (Scope::engaged) still gives 84% kept, so the \
                 difference lies in what the published coding counts as a violation."
            }
        }
    }
}
