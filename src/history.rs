//! Historical validation: the bundled ATOP and COW data scored under two
//! published coding rules, side by side with the published figures.
//!
//! Two traditions measure whether allies keep their promises in war:
//!
//! - **Sabrosky (1980)**: every war of a state that has an ally is a test of
//!   the alliance; the ally was reliable if it fought on the state's side.
//!   About **27%** of allies did (COW alliances, 1816–1965).
//! - **Leeds, Long & Mitchell (2000)**: a treaty is tested only when its own
//!   terms call for action (the *casus foederis*); the ally was reliable if it
//!   did what the treaty said. **74.5%** of invoked commitments were honoured
//!   in wars of 1816–1944. **Berkemeier & Fuhrmann (2018)** extended that
//!   coding to 1816–2003: **50%** overall, **66%** before 1945 and **22%**
//!   after; by obligation defence **41%**, offence **74%**, neutrality
//!   **78%**, non-aggression **37%**.
//!
//! This module makes both rules library configuration ([`Rule`]), loads the
//! bundled data into a [`Ledger`] under either ([`HistoricalData`],
//! [`load`]), and computes the same kinds of figures from the ledger's
//! outcomes ([`Breakdown`], [`Figure`]). The `historical` example prints them
//! next to the published ones; `tests/historical.rs` pins them.
//!
//! # How every figure is computed
//!
//! 1. **Data.** Alliances: ATOP 5.1 member-level data
//!    ([`AtopImport`]) or COW formal alliances v4.1 ([`CowAllianceImport`]),
//!    mapped to directed commitments as their importers document. Wars: COW
//!    inter-state wars v4.0 ([`CowWarImport`]): each state's participation
//!    spell is a crisis for that state, the states on the other side whose
//!    spells overlap are its adversaries, and every two overlapping spells
//!    give an event from each state toward the other: military support
//!    between co-belligerents, a hostile event between enemies. Nothing else
//!    is observed: there are no diplomatic, economic or materiel events.
//! 2. **Tests.** The ledger is built under [`Rule::config`] (no decay; the
//!    response window is the whole participation spell, since the window is
//!    [`MAX_WINDOW_DAYS`] and the crisis end bounds it) after the rule has
//!    adapted the commitments ([`Rule::commitment`]).
//!    A test is one guarantor's commitment toward one warring beneficiary,
//!    invoked by one participation spell.
//! 3. **Outcome.** The guarantor fought on the beneficiary's side during the
//!    spell (a military event) → fulfilment 1; it fought against it (a
//!    hostile event) → **betrayed**; it stayed out → fulfilment 0 if the
//!    obligation requires action, 1 if it requires only abstention
//!    (neutrality, non-aggression under [`Rule::Leeds`]). Honoured =
//!    fulfilment ≥ 0.5 and no hostile act ([`Status::Honoured`]).
//! 4. **Share.** [`Tally::share`] = honoured tests / resolved tests, plain:
//!    no weights, no decay, no prior. `n` = resolved tests. Tests are
//!    selected by a [`Scope`]: the calendar year of the crisis start (the
//!    war entry) and the obligation kind. Assessed as of [`AS_OF`]
//!    (2008-01-01, after the last war of COW v4.0 ended), so no test is
//!    pending. [`Tally::weighted_share`] gives each test its ledger weight
//!    (1/k when one spell invokes k commitments of the same guarantor toward
//!    the same state), so that it counts guarantor–beneficiary–spell triples.
//! 5. **Rankings** ([`Breakdown::great_powers`]): the COW major powers'
//!    reliability (Beta posterior from the uniform prior, fulfilment
//!    weighted by the ledger weights, no decay) over the tests in a scope,
//!    with its equal-tailed credible interval, resolved tests and plain share.
//!
//! # Why our figures differ from the published ones
//!
//! Every reason we know of, the largest first:
//!
//! - **Invocation is inferred, not coded.** Leeds et al. and Berkemeier &
//!   Fuhrmann code by hand, from the treaty text and the specific conflict,
//!   whether each obligation was invoked, using ATOP's own war-by-war
//!   coding. We infer invocation from COW war participation and the
//!   importer's trigger flags only. We cannot apply the `*coadv`
//!   (specific adversary), `*coloc` (location), `*cocon` (specific
//!   conflict), `*conum` or `*codem` conditions, because the member file
//!   says *that* a condition exists, not *which* adversary or place it
//!   names ([`AtopImport::unenforced`] lists them). So, for example, a
//!   pledge against Germany alone is invoked by every war its partner
//!   fights. This inflates the number of tests, with mostly abandoned ones
//!   (the guarantor rightly stayed out of a war its treaty did not cover).
//! - **Who attacked whom is COW's `Initiator`.** COW codes one initiator
//!   per war (sometimes a few states); a state that joins a war late is
//!   coded as not initiating it even when it declared war itself. Leeds et
//!   al. judge from the specific conflict whether the ally was attacked.
//!   Our Leeds rule reads defence strictly: a war the partner initiated
//!   never invokes a defence pledge toward it, with or without a
//!   non-provocation clause (`defconpr`), and always may invoke an offence
//!   pledge ([`Rule::Leeds`]).
//! - **Honour is read from war participation only.** Fighting on the
//!   partner's side is the only form of help observed: a defence pledge
//!   honoured by materiel, bases or a naval demonstration short of COW's
//!   war participation threshold counts as abandoned. **Consultation can
//!   only be honoured by fighting**, since there are no diplomatic events in
//!   war data; that is why the headline figures leave consultation out
//!   ([`Scope::judged`]) and the by-obligation table shows it apart.
//! - **Unit of analysis.** We count per guarantor–beneficiary–participation
//!   spell and commitment: an ally bound by two ATOP treaties (or two phases,
//!   or defence *and* neutrality in one treaty) gives two tests, each with
//!   ledger weight 1/2; a state entering a war twice gives two spells. They
//!   count per alliance–ally–war.
//! - **Data versions.** ATOP 5.1, COW alliances v4.1 and COW inter-state
//!   wars v4.0 (Sarkees & Wayman 2010), versus the versions each study
//!   used: the COW alliance and war data of the 1970s for Sabrosky, the
//!   original ATOP coding of 1816–1944 for Leeds, Long & Mitchell, and an
//!   earlier ATOP release extended to 2003 for Berkemeier & Fuhrmann. Wars
//!   were added, re-dated and split between COW versions; later ATOP
//!   releases add and re-date alliances.
//! - **Non-aggression.** We test every non-aggression pledge toward a state
//!   by each of its wars and count it honoured unless the guarantor fought
//!   against the state, which almost every guarantor does not: after 1945
//!   the non-aggression pledges of large multilateral treaties (the
//!   Helsinki Final Act, NATO, the Arab League, the OAS and Rio treaties)
//!   are most of the tests, and they lift the overall and post-1945
//!   figures far above the published ones. Berkemeier & Fuhrmann's 37% for
//!   non-aggression implies a much narrower invocation or broader violation
//!   than war participation can show; the example prints our figures with
//!   and without non-aggression.
//! - **Offence** is invoked only when COW codes the partner as the war's
//!   initiator; COW codes one or a few initiators per war, so offence has
//!   few tests.
//! - **Dates.** ATOP dates by signature; COW alliance spells by year only
//!   (1 January to 31 December); a commitment is tested if it is in force on
//!   the day the state enters the war, so a pact signed during a war does
//!   not count for it.
//!
//! # Example
//!
//! ```no_run
//! use alliance_reliability::history::{AllianceSource, Breakdown, HistoricalData, Rule, Scope, AS_OF};
//!
//! let data = HistoricalData::bundled()?;
//! let ledger = data.ledger(AllianceSource::Atop, Rule::Leeds)?;
//! let breakdown = Breakdown::new(&ledger, AS_OF);
//! let before = breakdown.tally(&Scope::judged().years(1816, 1944)?);
//! println!("{} tests, {:.1}% honoured", before.resolved(), 100.0 * before.share().unwrap_or(0.0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::import::{AtopImport, CowAllianceImport, CowWarImport, ImportReport, StateSystem};
use crate::{
    Actor, ActorId, Commitment, Config, Error, Interval, Invocation, Ledger, MAX_WINDOW_DAYS,
    Obligation, Outcome, Provocation, Reliability, Scoreboard, Status, SupportKind, Timeline,
};

/// The date every historical figure is assessed on: 2008-01-01, the day
/// after the period COW inter-state wars v4.0 covers. Every war in it has
/// ended, so no test is pending.
pub const AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2008, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The COW major powers (COW country code, actor id): the states
/// [`Breakdown::great_powers`] ranks.
pub const GREAT_POWERS: [(u16, &str); 9] = [
    (2, "USA"),
    (200, "UKG"),
    (220, "FRN"),
    (255, "GMY"),
    (300, "AUH"),
    (325, "ITA"),
    (365, "RUS"),
    (710, "CHN"),
    (740, "JPN"),
];

/// Which alliance data set supplies the commitments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AllianceSource {
    /// ATOP 5.1 member-level data, with obligations and conditions ([`AtopImport`]).
    Atop,
    /// COW formal alliances v4.1, directed dyad-years ([`CowAllianceImport`]).
    Cow,
}

impl AllianceSource {
    /// A short name for reports: `ATOP 5.1` or `COW alliances v4.1`.
    pub fn as_str(self) -> &'static str {
        match self {
            AllianceSource::Atop => "ATOP 5.1",
            AllianceSource::Cow => "COW alliances v4.1",
        }
    }
}

impl fmt::Display for AllianceSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A coding rule for alliance reliability in war: which wars test which
/// commitments, and what honours them.
///
/// Both rules score with no decay (a figure over 1816–2003 weighs 1816 as
/// much as 2003, as the published studies do) and a response window as
/// long as [`MAX_WINDOW_DAYS`], so the window is the beneficiary's whole
/// participation spell (the crisis end bounds it): an ally that joined a
/// year later still fought on its side, as the studies count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Sabrosky (1980): every war of a beneficiary tests every commitment in
    /// force toward it ([`Invocation::Unconditional`]: no trigger
    /// conditions, whoever started the war, whoever the enemy), and a
    /// commitment is honoured only if the guarantor **fought on the
    /// beneficiary's side**: every obligation kind requires
    /// [`SupportKind::Military`] (so a neutrality pact whose guarantor stayed
    /// out counts as unreliable, as in Sabrosky's "fought alongside" measure).
    /// Crises and commitments are used as imported.
    Sabrosky,
    /// Leeds, Long & Mitchell (2000), as far as the data allow: a commitment
    /// is tested only when its conditions hold ([`Invocation::Conditional`]),
    /// and it is honoured when the guarantor did what it promised
    /// ([`Obligation::default_required`]):
    ///
    /// | obligation | invoked by a war of the beneficiary when | honoured when |
    /// |---|---|---|
    /// | defence | the beneficiary was **attacked**: it is not COW's initiator (kind [`CrisisKind::ExternalAttack`](crate::CrisisKind::ExternalAttack), which the importers require of defence; this also covers `defconpr`) | the guarantor fought on its side (military) |
    /// | offence | the beneficiary **started** the war (COW `Initiator` = 1): the offensive casus foederis | the guarantor fought on its side (military) |
    /// | neutrality | always; only when attacked if `neucoatt` (or `neuconpr`) | the guarantor did not fight against it (silence suffices) |
    /// | non-aggression | always | the guarantor did not fight against it |
    /// | consultation | always | diplomatic action, which war data cannot show: only fighting on its side honours it |
    ///
    /// "Attacked" versus "started it" is the model's own trigger:
    /// [`Rule::commitment`] gives defence commitments
    /// [`Provocation::ExcludedIfBeneficiaryInitiated`] and offence
    /// commitments [`Provocation::OnlyIfBeneficiaryInitiated`], read
    /// against COW's `Initiator` ([`Initiator::Target`](crate::Initiator::Target)). Conditions
    /// the member file cannot name (adversary, location, ...) are not
    /// enforced: see the [module documentation](self).
    Leeds,
}

impl Rule {
    /// Both rules.
    pub const ALL: [Rule; 2] = [Rule::Sabrosky, Rule::Leeds];

    /// A short name: `Sabrosky` or `Leeds`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Sabrosky => "Sabrosky",
            Rule::Leeds => "Leeds",
        }
    }

    /// Which crises invoke a commitment under this rule.
    pub fn invocation(self) -> Invocation {
        match self {
            Rule::Sabrosky => Invocation::Unconditional,
            Rule::Leeds => Invocation::Conditional,
        }
    }

    /// The scoring configuration: no decay, the longest window, this rule's
    /// [`invocation`](Rule::invocation), and under [`Rule::Sabrosky`]
    /// military action required of every obligation kind. Everything else is
    /// [`Config::default`] (uniform prior, abandonment threshold 0.5).
    ///
    /// # Example
    ///
    /// ```
    /// use alliance_reliability::history::Rule;
    /// use alliance_reliability::{Invocation, MAX_WINDOW_DAYS};
    ///
    /// let config = Rule::Leeds.config();
    /// assert_eq!(config.window(), MAX_WINDOW_DAYS);
    /// assert_eq!(config.get_half_life(), None);
    /// assert_eq!(Rule::Sabrosky.config().get_invocation(), Invocation::Unconditional);
    /// ```
    pub fn config(self) -> Config {
        let base = Config::default().no_decay().invocation(self.invocation());
        // MAX_WINDOW_DAYS is in range and military is not hostile: neither
        // setter can fail (the unit tests check both).
        let mut config = base.clone().window_days(MAX_WINDOW_DAYS).unwrap_or(base);
        if self == Rule::Sabrosky {
            for obligation in Obligation::ALL {
                config = match config
                    .clone()
                    .required_for(obligation, SupportKind::Military)
                {
                    Ok(c) => c,
                    Err(_) => config,
                };
            }
        }
        config
    }

    /// Adapts an imported commitment to this rule. Under [`Rule::Leeds`], a
    /// defence commitment is invoked only when its beneficiary was attacked
    /// ([`Provocation::ExcludedIfBeneficiaryInitiated`], whether or not the
    /// treaty has a non-provocation clause), and an offence commitment only
    /// when its beneficiary started the war
    /// ([`Provocation::OnlyIfBeneficiaryInitiated`]). Otherwise the
    /// commitment is returned unchanged.
    pub fn commitment(self, commitment: Commitment) -> Commitment {
        if self != Rule::Leeds {
            return commitment;
        }
        match commitment.obligation() {
            Obligation::Defence => {
                commitment.with_provocation(Provocation::ExcludedIfBeneficiaryInitiated)
            }
            Obligation::Offence => {
                commitment.with_provocation(Provocation::OnlyIfBeneficiaryInitiated)
            }
            _ => commitment,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The bundled research data, parsed once: the COW state system, ATOP 5.1,
/// COW alliances v4.1 and COW inter-state wars v4.0.
///
/// Build as many ledgers from it as you need with [`HistoricalData::ledger`].
#[derive(Clone, Debug)]
pub struct HistoricalData {
    states: StateSystem,
    states_report: ImportReport,
    atop: AtopImport,
    cow: CowAllianceImport,
    war: CowWarImport,
}

impl HistoricalData {
    /// Parses the bundled files (a second or so in a debug build).
    ///
    /// # Errors
    ///
    /// Any importer error; the bundled files are tested to import.
    pub fn bundled() -> Result<HistoricalData, Error> {
        let (mut states, states_report) =
            StateSystem::read(crate::import::SYSTEM_2016.as_bytes(), "system2016.csv")?;
        let atop = AtopImport::bundled(&states)?;
        let cow = CowAllianceImport::bundled(&states)?;
        let war = CowWarImport::bundled(&states)?;
        war.apply_names(&mut states);
        Ok(HistoricalData {
            states,
            states_report,
            atop,
            cow,
            war,
        })
    }

    /// The COW state system, with the war data's state names applied.
    pub fn states(&self) -> &StateSystem {
        &self.states
    }

    /// The ATOP import.
    pub fn atop(&self) -> &AtopImport {
        &self.atop
    }

    /// The COW alliance import.
    pub fn cow(&self) -> &CowAllianceImport {
        &self.cow
    }

    /// The COW war import.
    pub fn war(&self) -> &CowWarImport {
        &self.war
    }

    /// The import reports behind a ledger from `source`: the state system,
    /// the alliance data, the war data.
    pub fn reports(&self, source: AllianceSource) -> Vec<ImportReport> {
        let alliances = match source {
            AllianceSource::Atop => &self.atop.report,
            AllianceSource::Cow => &self.cow.report,
        };
        vec![
            self.states_report.clone(),
            alliances.clone(),
            self.war.report.clone(),
        ]
    }

    /// The timeline of every commitment of `source` and every COW war spell
    /// and event, with the commitments adapted to `rule` ([`Rule::commitment`]).
    /// Actors are the states of either, named from the war data where it
    /// names them.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeline`] if the imports do not fit together (they
    /// are tested to).
    pub fn timeline(&self, source: AllianceSource, rule: Rule) -> Result<Timeline, Error> {
        self.timeline_in(source, rule, &Scope::all())
    }

    /// Like [`timeline`](Self::timeline), keeping only the commitments of
    /// the obligation kinds in `scope` and the crises that start in its years.
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn timeline_in(
        &self,
        source: AllianceSource,
        rule: Rule,
        scope: &Scope,
    ) -> Result<Timeline, Error> {
        let (actors, commitments) = match source {
            AllianceSource::Atop => (&self.atop.actors, &self.atop.commitments),
            AllianceSource::Cow => (&self.cow.actors, &self.cow.commitments),
        };
        let mut all: BTreeMap<ActorId, Actor> = BTreeMap::new();
        for a in self.war.actors.iter().chain(actors) {
            all.entry(a.id().clone()).or_insert_with(|| a.clone());
        }
        let mut crises = Vec::with_capacity(self.war.crises.len());
        for c in &self.war.crises {
            if scope.covers_year(c.start().year()) {
                crises.push(c.clone());
            }
        }
        Timeline::builder()
            .actors(all.into_values())
            .commitments(
                commitments
                    .iter()
                    .filter(|c| scope.covers(c.obligation()))
                    .map(|c| rule.commitment(c.clone())),
            )
            .crises(crises)
            .events(self.war.events.iter().cloned())
            .build()
    }

    /// The ledger of [`timeline`](Self::timeline) under [`Rule::config`].
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn ledger(&self, source: AllianceSource, rule: Rule) -> Result<Ledger, Error> {
        Ok(Ledger::new(self.timeline(source, rule)?, rule.config()))
    }

    /// The ledger of [`timeline_in`](Self::timeline_in) under `config`
    /// (for example [`Rule::config`] with a half-life, for a backtest).
    ///
    /// # Errors
    ///
    /// As [`timeline`](Self::timeline).
    pub fn ledger_in(
        &self,
        source: AllianceSource,
        rule: Rule,
        scope: &Scope,
        config: Config,
    ) -> Result<Ledger, Error> {
        Ok(Ledger::new(self.timeline_in(source, rule, scope)?, config))
    }
}

/// Parses the bundled data and builds the ledger of `source` under `rule`,
/// with the import reports (state system, alliances, wars).
///
/// # Errors
///
/// As [`HistoricalData::bundled`] and [`HistoricalData::ledger`].
pub fn load(source: AllianceSource, rule: Rule) -> Result<(Ledger, Vec<ImportReport>), Error> {
    let data = HistoricalData::bundled()?;
    let ledger = data.ledger(source, rule)?;
    Ok((ledger, data.reports(source)))
}

/// Which tests a figure covers: the calendar years of the crisis start (the
/// war entry), both included, and the obligation kinds.
///
/// # Example
///
/// ```
/// use alliance_reliability::history::Scope;
/// use alliance_reliability::Obligation;
///
/// let scope = Scope::judged().years(1816, 1944)?;
/// assert!(scope.covers(Obligation::Neutrality));
/// assert!(!scope.covers(Obligation::Consultation));
/// assert!(scope.covers_year(1944) && !scope.covers_year(1945));
/// assert!(Scope::all().years(1945, 1944).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    first: i32,
    last: i32,
    obligations: u8,
    engaged: bool,
}

impl Scope {
    /// Every year and every obligation kind.
    pub fn all() -> Scope {
        Scope {
            first: i32::MIN,
            last: i32::MAX,
            obligations: 0b11_1111,
            engaged: false,
        }
    }

    /// The obligations war data can judge (defence, offence, neutrality,
    /// non-aggression), every year: the scope of the headline figures.
    /// Consultation is left out because only diplomatic events could show
    /// it honoured, and war data have none.
    pub fn judged() -> Scope {
        Scope::all().obligations([
            Obligation::Defence,
            Obligation::Offence,
            Obligation::Neutrality,
            Obligation::NonAggression,
        ])
    }

    /// Restricts the scope to crises starting in `first..=last`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] if `last < first`.
    pub fn years(mut self, first: i32, last: i32) -> Result<Scope, Error> {
        if last < first {
            return Err(Error::OutOfRange {
                quantity: "last year of a scope",
                range: "at least the first year",
                value: f64::from(last),
            });
        }
        self.first = first;
        self.last = last;
        Ok(self)
    }

    /// Keeps only these obligation kinds.
    pub fn obligations(mut self, obligations: impl IntoIterator<Item = Obligation>) -> Scope {
        self.obligations = obligations
            .into_iter()
            .fold(0, |acc, o| acc | (1 << o.index()));
        self
    }

    /// Restricts the scope to tests in which the guarantor took part in
    /// the war at all, on either side: a stricter reading of invocation.
    ///
    /// Under [`Rule::Leeds`] a neutrality or non-aggression pledge is
    /// tested by every war of its partner and passed by staying out, which
    /// nearly every guarantor does. Read strictly, such a pledge is only at
    /// stake when the guarantor is itself at war in the same conflict: it
    /// then either stays clear of the partner (joins the partner's side:
    /// honoured) or fights it (betrayed). In the COW war data a guarantor
    /// took part exactly when some event bears on the test (co-belligerency
    /// or enmity with the partner), so this keeps the tests with a response
    /// or a betrayal.
    pub fn engaged(mut self) -> Scope {
        self.engaged = true;
        self
    }

    /// Whether the scope keeps only tests with an engaged guarantor.
    pub fn is_engaged(&self) -> bool {
        self.engaged
    }

    /// Whether `outcome` passes the scope's engagement filter.
    fn keeps(&self, outcome: &Outcome) -> bool {
        !self.engaged || outcome.response().is_some() || outcome.status() == Status::Betrayed
    }

    /// Whether the scope covers this obligation kind.
    pub fn covers(&self, obligation: Obligation) -> bool {
        self.obligations & (1 << obligation.index()) != 0
    }

    /// Whether the scope covers crises starting in `year`.
    pub fn covers_year(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// First and last year (`i32::MIN`, `i32::MAX` when unrestricted).
    pub fn year_range(&self) -> (i32, i32) {
        (self.first, self.last)
    }
}

/// Counts of test outcomes over a [`Scope`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Tally {
    honoured: u64,
    abandoned: u64,
    betrayed: u64,
    pending: u64,
    weight: f64,
    weighted_honoured: f64,
}

impl Tally {
    fn add(&mut self, o: &Outcome) {
        match o.status() {
            Status::Pending => {
                self.pending += 1;
                return;
            }
            Status::Honoured => {
                self.honoured += 1;
                self.weighted_honoured += o.severity();
            }
            Status::Betrayed => self.betrayed += 1,
            _ => self.abandoned += 1,
        }
        self.weight += o.severity();
    }

    /// Resolved tests: the `n` of the share.
    pub fn resolved(&self) -> u64 {
        self.honoured + self.abandoned + self.betrayed
    }

    /// Tests honoured.
    pub fn honoured(&self) -> u64 {
        self.honoured
    }

    /// Tests abandoned: the guarantor did less than promised (it stayed out).
    pub fn abandoned(&self) -> u64 {
        self.abandoned
    }

    /// Tests betrayed: the guarantor fought against the beneficiary.
    pub fn betrayed(&self) -> u64 {
        self.betrayed
    }

    /// Tests still pending (none as of [`AS_OF`]).
    pub fn pending(&self) -> u64 {
        self.pending
    }

    /// Plain share honoured: honoured / resolved tests. `None` without tests.
    pub fn share(&self) -> Option<f64> {
        let n = self.resolved();
        (n > 0).then(|| self.honoured as f64 / n as f64)
    }

    /// Sum of the resolved tests' ledger weights: with COW wars (severity 1)
    /// the number of guarantor–beneficiary–spell triples, when the scope
    /// covers every commitment a spell invokes.
    pub fn weight(&self) -> f64 {
        self.weight
    }

    /// Weighted share honoured: Σ weight of honoured tests / Σ weight.
    pub fn weighted_share(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.weighted_honoured / self.weight)
    }
}

/// The era of a crisis start, split where Berkemeier & Fuhrmann split it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Era {
    /// Crises starting in 1944 or earlier.
    Before1945,
    /// Crises starting in 1945 or later.
    From1945,
}

impl Era {
    /// Both eras, earlier first.
    pub const ALL: [Era; 2] = [Era::Before1945, Era::From1945];

    /// The era of a year.
    pub fn of(year: i32) -> Era {
        if year < 1945 {
            Era::Before1945
        } else {
            Era::From1945
        }
    }

    /// `before 1945` or `1945 and after`.
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Before1945 => "before 1945",
            Era::From1945 => "1945 and after",
        }
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One great power's standing in a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The state.
    pub state: ActorId,
    /// Its name in the timeline.
    pub name: String,
    /// Its COW country code.
    pub ccode: u16,
    /// Its reliability over the scope's tests.
    pub reliability: Reliability,
    /// The credible interval of the reliability.
    pub interval: Interval,
}

/// Every resolved outcome of a ledger as of a date, with its crisis year and
/// obligation, ready for breakdowns. Built in one pass.
#[derive(Clone, Debug)]
pub struct Breakdown<'a> {
    ledger: &'a Ledger,
    as_of: NaiveDate,
    rows: Vec<(Outcome, Obligation, i32)>,
}

impl<'a> Breakdown<'a> {
    /// The outcomes of `ledger` as of `as_of` ([`Ledger::outcomes`]), with
    /// each test's obligation and crisis start year ([`Ledger::test_view`]).
    pub fn new(ledger: &'a Ledger, as_of: NaiveDate) -> Breakdown<'a> {
        let rows = ledger
            .outcomes(as_of)
            .into_iter()
            .filter_map(|o| {
                let view = ledger.test_view(o.test(), as_of)?;
                Some((o, view.commitment.obligation(), view.crisis.start().year()))
            })
            .collect();
        Breakdown {
            ledger,
            as_of,
            rows,
        }
    }

    /// The outcomes in `scope`.
    pub fn outcomes<'s>(&'s self, scope: &'s Scope) -> impl Iterator<Item = &'s Outcome> + 's {
        self.rows
            .iter()
            .filter(move |(o, ob, y)| scope.covers(*ob) && scope.covers_year(*y) && scope.keeps(o))
            .map(|(o, _, _)| o)
    }

    /// The tally of the tests in `scope`.
    pub fn tally(&self, scope: &Scope) -> Tally {
        let mut t = Tally::default();
        for o in self.outcomes(scope) {
            t.add(o);
        }
        t
    }

    /// The tally in `scope` by [`Era`] of the crisis start.
    pub fn by_era(&self, scope: &Scope) -> [(Era, Tally); 2] {
        let mut out = Era::ALL.map(|e| (e, Tally::default()));
        for (o, ob, y) in &self.rows {
            if scope.covers(*ob) && scope.covers_year(*y) && scope.keeps(o) {
                let i = Era::ALL.iter().position(|e| *e == Era::of(*y)).unwrap_or(0);
                out[i].1.add(o);
            }
        }
        out
    }

    /// The tally in `scope` for each of ATOP's five obligation kinds
    /// (defence, offence, neutrality, non-aggression, consultation), whether
    /// or not `scope` covers it: only the years of `scope` apply.
    pub fn by_obligation(&self, scope: &Scope) -> [(Obligation, Tally); 5] {
        let kinds = [
            Obligation::Defence,
            Obligation::Offence,
            Obligation::Neutrality,
            Obligation::NonAggression,
            Obligation::Consultation,
        ];
        kinds.map(|k| (k, self.tally(&scope.obligations([k]))))
    }

    /// The [`GREAT_POWERS`]' reliability over the tests in `scope`, most
    /// reliable first (posterior mean; ties by id), each with its credible
    /// interval at `level` (for example 0.9). The posterior is folded from
    /// the scope's outcomes only ([`Ledger::assess_with`]), from the
    /// ledger's prior, with the ledger's weights and decay. A great power
    /// absent from the timeline is left out.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidLevel`] unless `0 < level < 1`.
    pub fn great_powers(&self, scope: &Scope, level: f64) -> Result<Vec<Standing>, Error> {
        let mut board = Scoreboard::new(self.ledger.config());
        for o in self.outcomes(scope) {
            board.add(o);
        }
        let assessment = self.ledger.assess_with(self.as_of, board);
        let tl = self.ledger.timeline();
        let mut out = Vec::new();
        for (ccode, id) in GREAT_POWERS {
            let Ok(key) = tl.key_of(id) else {
                continue;
            };
            let reliability = assessment.reliability(key);
            let interval = reliability.interval(level)?;
            let name = tl
                .actor(key)
                .map_or_else(|| id.to_string(), |a| a.name().to_string());
            out.push(Standing {
                state: tl
                    .actor(key)
                    .map(|a| a.id().clone())
                    .ok_or_else(|| Error::UnknownActor(id.to_string()))?,
                name,
                ccode,
                reliability,
                interval,
            });
        }
        out.sort_by(|a, b| {
            b.reliability
                .mean()
                .total_cmp(&a.reliability.mean())
                .then_with(|| a.state.cmp(&b.state))
        });
        Ok(out)
    }
}

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
    /// to this figure (the general ones are in the [module documentation](self)).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        ActorKind, Crisis, CrisisKind, CrisisKinds, Initiator, Parties, Period, SupportEvent,
    };

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn directed(id: &str, g: &str, b: &str, o: Obligation) -> Commitment {
        let c = Commitment::new(
            id,
            Parties::Directed {
                guarantor: g.parse().unwrap(),
                beneficiary: b.parse().unwrap(),
            },
            o,
            Period::starting(d(1900, 1, 1)),
        )
        .unwrap();
        if o == Obligation::Defence {
            c.with_crisis_kinds(CrisisKinds::of([CrisisKind::ExternalAttack]))
        } else {
            c
        }
    }

    fn war(id: &str, target: &str, y: i32, initiator: Initiator, enemy: &str) -> Crisis {
        Crisis::new(
            id,
            target,
            Period::new(d(y, 3, 1), Some(d(y, 9, 30))).unwrap(),
            CrisisKind::ExternalAttack,
        )
        .unwrap()
        .with_adversaries([enemy.parse().unwrap()])
        .with_initiator(initiator)
        .with_label(format!("{id} label"))
    }

    /// USA owes UKG defence, offence and non-aggression, and FRN neutrality.
    /// UKG fights two wars: 1914 (attacked; the USA fights alongside) and
    /// 1950 (it starts the war; the USA stays out; FRN fights against it).
    fn ledger(rule: Rule) -> Ledger {
        let mut b = Timeline::builder();
        for id in ["USA", "UKG", "FRN", "GMY"] {
            b = b.actor(Actor::new(id, id, ActorKind::State).unwrap());
        }
        let crises = [
            war("W1", "UKG", 1914, Initiator::Other, "GMY"),
            war("W2", "UKG", 1950, Initiator::Target, "FRN"),
        ];
        let tl = b
            .commitment(rule.commitment(directed("d", "USA", "UKG", Obligation::Defence)))
            .commitment(rule.commitment(directed("o", "USA", "UKG", Obligation::Offence)))
            .commitment(rule.commitment(directed("n", "USA", "UKG", Obligation::NonAggression)))
            .commitment(rule.commitment(directed("f", "FRN", "UKG", Obligation::Neutrality)))
            .crises(crises)
            .event(SupportEvent::new("USA", "UKG", d(1914, 4, 6), SupportKind::Military).unwrap())
            .event(SupportEvent::new("FRN", "UKG", d(1950, 3, 1), SupportKind::Hostile).unwrap())
            .build()
            .unwrap();
        Ledger::new(tl, rule.config())
    }

    #[test]
    fn rule_configs() {
        for rule in Rule::ALL {
            let c = rule.config();
            assert_eq!(c.window(), MAX_WINDOW_DAYS);
            assert_eq!(c.get_half_life(), None);
            assert_eq!(c.get_invocation(), rule.invocation());
        }
        let s = Rule::Sabrosky.config();
        let l = Rule::Leeds.config();
        for o in Obligation::ALL {
            let c = directed("x", "USA", "UKG", o);
            assert_eq!(s.required(&c), SupportKind::Military);
            assert_eq!(l.required(&c), o.default_required());
        }
        assert_eq!(Rule::Sabrosky.invocation(), Invocation::Unconditional);
        assert_eq!(Rule::Leeds.invocation(), Invocation::Conditional);
        assert_eq!(Rule::Leeds.to_string(), "Leeds");
    }

    #[test]
    fn leeds_reads_attacked_and_started_from_the_initiator() {
        let o = directed("o", "USA", "UKG", Obligation::Offence)
            .with_provocation(Provocation::Unconditional);
        let lo = Rule::Leeds.commitment(o.clone());
        assert_eq!(
            lo.triggers().provocation,
            Provocation::OnlyIfBeneficiaryInitiated
        );
        assert_eq!(Rule::Sabrosky.commitment(o.clone()), o);
        let def = directed("d", "USA", "UKG", Obligation::Defence);
        assert_eq!(
            Rule::Leeds.commitment(def).triggers().provocation,
            Provocation::ExcludedIfBeneficiaryInitiated
        );
        let n = directed("n", "USA", "UKG", Obligation::Neutrality);
        assert_eq!(Rule::Leeds.commitment(n.clone()), n);
    }

    #[test]
    fn leeds_tallies() {
        let ledger = ledger(Rule::Leeds);
        // W1 (attacked): defence honoured, non-aggression honoured,
        // neutrality honoured; offence not invoked.
        // W2 (started): offence abandoned, non-aggression honoured,
        // neutrality betrayed (FRN fought against UKG); defence not invoked.
        assert_eq!(ledger.test_count(), 6);
        let b = Breakdown::new(&ledger, AS_OF);
        let all = b.tally(&Scope::all());
        assert_eq!(
            (
                all.resolved(),
                all.honoured(),
                all.abandoned(),
                all.betrayed()
            ),
            (6, 4, 1, 1)
        );
        assert_eq!(all.pending(), 0);
        assert!((all.share().unwrap() - 4.0 / 6.0).abs() < 1e-12);
        // Weights: W1 invokes 2 USA commitments (1/2 each) and 1 FRN (1);
        // W2 likewise. Honoured weight: W1 1/2 + 1/2 + 1, W2 1/2 (the
        // non-aggression pledge): 2.5 of 4.
        assert!((all.weight() - 4.0).abs() < 1e-12);
        assert!((all.weighted_share().unwrap() - 0.625).abs() < 1e-12);
        let kinds = b.by_obligation(&Scope::all());
        let get = |o: Obligation| kinds.iter().find(|(k, _)| *k == o).unwrap().1;
        assert_eq!(get(Obligation::Defence).honoured(), 1);
        assert_eq!(get(Obligation::Defence).resolved(), 1);
        assert_eq!(get(Obligation::Offence).abandoned(), 1);
        assert_eq!(get(Obligation::NonAggression).honoured(), 2);
        assert_eq!(get(Obligation::Neutrality).betrayed(), 1);
        assert_eq!(get(Obligation::Consultation).resolved(), 0);
        assert_eq!(get(Obligation::Consultation).share(), None);
        let eras = b.by_era(&Scope::all());
        assert_eq!(eras[0].0, Era::Before1945);
        assert_eq!((eras[0].1.resolved(), eras[0].1.honoured()), (3, 3));
        assert_eq!((eras[1].1.resolved(), eras[1].1.honoured()), (3, 1));
        let before = b.tally(&Scope::judged().years(1816, 1944).unwrap());
        assert_eq!(before, eras[0].1);
        let none = b.tally(&Scope::all().years(1800, 1900).unwrap());
        assert_eq!(none.resolved(), 0);
        assert_eq!(none.share(), None);
        assert_eq!(none.weighted_share(), None);
    }

    #[test]
    fn sabrosky_tallies() {
        let ledger = ledger(Rule::Sabrosky);
        // Every war tests all four commitments; only fighting alongside honours.
        assert_eq!(ledger.test_count(), 8);
        let t = Breakdown::new(&ledger, AS_OF).tally(&Scope::all());
        assert_eq!(
            (t.resolved(), t.honoured(), t.abandoned(), t.betrayed()),
            (8, 3, 4, 1)
        );
    }

    #[test]
    fn great_powers_ranked() {
        let ledger = ledger(Rule::Leeds);
        let b = Breakdown::new(&ledger, AS_OF);
        let gp = b.great_powers(&Scope::all(), 0.9).unwrap();
        let ids: Vec<&str> = gp.iter().map(|s| s.state.as_str()).collect();
        // GMY has no test (prior mean 0.5); FRN: 1 honoured, 1 betrayed (mean 0.5); USA 3 of 4.
        assert_eq!(ids, ["USA", "FRN", "GMY", "UKG"]);
        let usa = &gp[0];
        assert_eq!(usa.ccode, 2);
        assert_eq!(usa.reliability.tests(), 4);
        assert_eq!(usa.reliability.honoured(), 3);
        // alpha = 1 + 1/2 + 1/2 + 1/2 (offence abandoned: 0), beta = 1 + 1/2.
        assert!((usa.reliability.mean() - 2.5 / 4.0).abs() < 1e-12);
        assert!(usa.interval.lower < 0.625 && 0.625 < usa.interval.upper);
        assert_eq!(usa.interval.level, 0.9);
        assert!(matches!(
            b.great_powers(&Scope::all(), 1.0),
            Err(Error::InvalidLevel(_))
        ));
        // A scope without the obligations leaves everyone at the prior.
        let none = b
            .great_powers(&Scope::all().obligations([Obligation::Consultation]), 0.9)
            .unwrap();
        assert!(none.iter().all(|s| s.reliability.tests() == 0));
    }

    #[test]
    fn scopes_and_eras() {
        assert!(matches!(
            Scope::all().years(1950, 1940),
            Err(Error::OutOfRange { .. })
        ));
        let s = Scope::judged().years(1816, 2003).unwrap();
        assert_eq!(s.year_range(), (1816, 2003));
        assert!(!s.covers(Obligation::Partnership));
        assert!(s.covers(Obligation::NonAggression));
        assert!(s.covers_year(2003) && !s.covers_year(2004) && !s.covers_year(1815));
        assert_eq!(Era::of(1944), Era::Before1945);
        assert_eq!(Era::of(1945), Era::From1945);
        assert_eq!(Era::From1945.to_string(), "1945 and after");
        assert_eq!(AS_OF, d(2008, 1, 1));
        for f in Figure::ALL {
            assert!(f.published() > 0.0 && f.published() < 1.0);
            assert!(!f.why().is_empty() && !f.label().is_empty());
        }
        assert_eq!(Figure::SabroskyCow.source(), AllianceSource::Cow);
        assert_eq!(Figure::SabroskyCow.scope().year_range(), (1816, 1965));
        assert_eq!(
            Figure::BerkemeierFuhrmannFrom1945.scope().year_range(),
            (1945, 2003)
        );
    }
}
