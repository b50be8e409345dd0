//! Property tests: random but valid timelines, built only through the public
//! constructors, and the invariants every score must keep.

use std::collections::BTreeMap;

use alliance_reliability::backtest::{Backtest, Predictor};
use alliance_reliability::*;
use chrono::{NaiveDate, TimeDelta};
use proptest::prelude::*;
use proptest::sample::Index;

/// `n` cases, or `PROPTEST_CASES` when set (for longer runs).
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

// ---------------------------------------------------------------- specs --

/// Day 0 of every generated timeline.
fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
}

fn at(offset: i64) -> NaiveDate {
    base() + TimeDelta::days(offset)
}

/// Support kinds an event can have (silence is never recorded).
const EVENT_KINDS: [SupportKind; 6] = [
    SupportKind::Hostile,
    SupportKind::Verbal,
    SupportKind::Diplomatic,
    SupportKind::Economic,
    SupportKind::Materiel,
    SupportKind::Military,
];

#[derive(Clone, Debug)]
enum PartySpec {
    Directed(usize, usize),
    Mutual(usize, usize),
    Bloc,
}

#[derive(Clone, Debug)]
struct CommitmentSpec {
    parties: PartySpec,
    obligation: usize,
    from: i64,
    len: Option<i64>,
    /// Index into `SupportKind::ALL[1..]` (never hostile).
    required: Option<usize>,
    adversaries: Vec<usize>,
    non_provocation: bool,
    kinds: Option<Vec<usize>>,
}

#[derive(Clone, Debug)]
struct CrisisSpec {
    target: usize,
    start: i64,
    len: Option<i64>,
    kind: usize,
    severity: f64,
    adversaries: Vec<usize>,
    target_initiated: bool,
}

#[derive(Clone, Debug)]
struct EventSpec {
    provider: usize,
    /// `Some(c)`: aimed at crisis `c` (its target, a few days after its start).
    anchor: Option<(usize, i64)>,
    recipient: usize,
    date: i64,
    kind: usize,
    intensity: f64,
    confidence: f64,
    against: Option<usize>,
}

#[derive(Clone, Debug)]
struct Spec {
    /// Number of states `S0..S{n-1}`.
    states: usize,
    /// Memberships `(member, from, length)` of the bloc `BLOC`, if there is one.
    bloc: Option<Vec<(usize, i64, Option<i64>)>>,
    commitments: Vec<CommitmentSpec>,
    crises: Vec<CrisisSpec>,
    events: Vec<EventSpec>,
}

/// The model values a spec stands for, in input order.
#[derive(Clone, Debug)]
struct Parts {
    actors: Vec<Actor>,
    memberships: Vec<Membership>,
    commitments: Vec<Commitment>,
    crises: Vec<Crisis>,
    events: Vec<SupportEvent>,
}

fn unit() -> impl Strategy<Value = f64> {
    prop_oneof![Just(1.0), 0.001f64..=1.0]
}

/// `parties`: how many actors (from the first) can be a party of a
/// directed or mutual commitment; the bloc is the last actor.
fn commitment_spec(
    actors: usize,
    parties: usize,
    has_bloc: bool,
) -> impl Strategy<Value = CommitmentSpec> {
    let parties = if has_bloc {
        prop_oneof![
            3 => (0..parties, 0..parties).prop_map(|(a, b)| PartySpec::Directed(a, b)),
            2 => (0..parties, 0..parties).prop_map(|(a, b)| PartySpec::Mutual(a, b)),
            2 => Just(PartySpec::Bloc),
        ]
        .boxed()
    } else {
        prop_oneof![
            3 => (0..parties, 0..parties).prop_map(|(a, b)| PartySpec::Directed(a, b)),
            2 => (0..parties, 0..parties).prop_map(|(a, b)| PartySpec::Mutual(a, b)),
        ]
        .boxed()
    };
    (
        parties,
        0..Obligation::ALL.len(),
        -500i64..1000,
        proptest::option::weighted(0.3, 0i64..2000),
        proptest::option::weighted(0.25, 0..6usize),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => proptest::collection::vec(0..actors, 1..3),
        ],
        proptest::bool::weighted(0.25),
        proptest::option::weighted(0.2, proptest::collection::vec(0..5usize, 0..3)),
    )
        .prop_map(
            |(parties, obligation, from, len, required, adversaries, non_provocation, kinds)| {
                CommitmentSpec {
                    parties,
                    obligation,
                    from,
                    len,
                    required,
                    adversaries,
                    non_provocation,
                    kinds,
                }
            },
        )
}

fn crisis_spec(states: usize, actors: usize) -> impl Strategy<Value = CrisisSpec> {
    (
        0..states,
        0i64..1500,
        proptest::option::weighted(0.6, 0i64..200),
        0..5usize,
        unit(),
        proptest::collection::vec(0..actors, 0..3),
        proptest::bool::weighted(0.2),
    )
        .prop_map(
            |(target, start, len, kind, severity, adversaries, target_initiated)| CrisisSpec {
                target,
                start,
                len,
                kind,
                severity,
                adversaries,
                target_initiated,
            },
        )
}

fn event_spec(states: usize, actors: usize, crises: usize) -> impl Strategy<Value = EventSpec> {
    (
        0..actors,
        proptest::option::weighted(0.6, (0..crises, 0i64..120)),
        0..states,
        0i64..1600,
        prop_oneof![1 => Just(0usize), 5 => 1..6usize],
        unit(),
        unit(),
        proptest::option::weighted(0.2, 0..actors),
    )
        .prop_map(
            |(provider, anchor, recipient, date, kind, intensity, confidence, against)| EventSpec {
                provider,
                anchor,
                recipient,
                date,
                kind,
                intensity,
                confidence,
                against,
            },
        )
}

/// Timelines with up to `max_events` events. With `bloc_parties`, the bloc
/// itself can be the guarantor or beneficiary of a directed or mutual
/// commitment (not only the frame of a bloc-wide one).
fn spec_with(max_events: usize, bloc_parties: bool) -> impl Strategy<Value = Spec> {
    (3usize..=8, proptest::bool::weighted(0.5), 1usize..=8).prop_flat_map(
        move |(states, has_bloc, n_crises)| {
            let actors = states + usize::from(has_bloc);
            let parties = if bloc_parties { actors } else { states };
            let bloc = if has_bloc {
                proptest::collection::vec(
                    (
                        0..states,
                        -200i64..1000,
                        proptest::option::weighted(0.4, 0i64..1500),
                    ),
                    0..=8,
                )
                .prop_map(Some)
                .boxed()
            } else {
                Just(None).boxed()
            };
            (
                bloc,
                proptest::collection::vec(commitment_spec(actors, parties, has_bloc), 1..=6),
                proptest::collection::vec(crisis_spec(states, actors), n_crises),
                proptest::collection::vec(event_spec(states, actors, n_crises), 0..=max_events),
            )
                .prop_map(move |(bloc, commitments, crises, events)| Spec {
                    states,
                    bloc,
                    commitments,
                    crises,
                    events,
                })
        },
    )
}

/// The general generator: everything, blocs as parties included.
fn spec() -> impl Strategy<Value = Spec> {
    spec_with(40, true)
}

impl Spec {
    fn actor_count(&self) -> usize {
        self.states + usize::from(self.bloc.is_some())
    }

    fn id(&self, i: usize) -> String {
        if i < self.states {
            format!("S{i}")
        } else {
            "BLOC".to_string()
        }
    }

    /// `j`, or the next of the first `m` actors if it equals `i` (so
    /// nothing relates to itself).
    fn other(i: usize, j: usize, m: usize) -> usize {
        if i == j { (j + 1) % m } else { j }
    }

    /// How many actors (from the first) the commitments name as parties.
    fn parties(&self) -> usize {
        let named = self.commitments.iter().any(|c| match c.parties {
            PartySpec::Directed(a, b) | PartySpec::Mutual(a, b) => a.max(b) >= self.states,
            PartySpec::Bloc => false,
        });
        if named {
            self.actor_count()
        } else {
            self.states
        }
    }

    fn parts(&self) -> Parts {
        let mut actors: Vec<Actor> = (0..self.states)
            .map(|i| Actor::new(self.id(i), format!("State {i}"), ActorKind::State).unwrap())
            .collect();
        let mut memberships = Vec::new();
        if let Some(ms) = &self.bloc {
            actors.push(Actor::new("BLOC", "The bloc", ActorKind::Bloc).unwrap());
            for &(m, from, len) in ms {
                let p = Period::new(at(from), len.map(|l| at(from + l))).unwrap();
                memberships.push(Membership::new("BLOC", self.id(m), p).unwrap());
            }
        }
        let aid = |i: usize| ActorId::new(self.id(i)).unwrap();
        let commitments = self
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let parties = match c.parties {
                    PartySpec::Directed(g, b) => Parties::Directed {
                        guarantor: aid(g),
                        beneficiary: aid(Spec::other(g, b, self.parties())),
                    },
                    PartySpec::Mutual(a, b) => {
                        Parties::Mutual(aid(a), aid(Spec::other(a, b, self.parties())))
                    }
                    PartySpec::Bloc => Parties::Bloc(ActorId::new("BLOC").unwrap()),
                };
                let period = Period::new(at(c.from), c.len.map(|l| at(c.from + l))).unwrap();
                let mut x = Commitment::new(
                    format!("M{i}"),
                    parties,
                    Obligation::ALL[c.obligation],
                    period,
                )
                .unwrap()
                .with_adversaries(c.adversaries.iter().map(|&a| aid(a)))
                .with_label(format!("commitment {i}"));
                // Some commitments are clauses of shared treaties.
                if i % 2 == 0 {
                    x = x.with_treaty(TreatyId::new(format!("T{}", i % 3)).unwrap());
                }
                if let Some(r) = c.required {
                    x = x.with_required(SupportKind::ALL[1 + r]);
                }
                if c.non_provocation {
                    // Both conditional clauses: not if / only if the target started it.
                    x = x.with_provocation(if i % 2 == 0 {
                        Provocation::ExcludedIfBeneficiaryInitiated
                    } else {
                        Provocation::OnlyIfBeneficiaryInitiated
                    });
                }
                if let Some(k) = &c.kinds {
                    x = x.with_crisis_kinds(CrisisKinds::of(k.iter().map(|&k| CrisisKind::ALL[k])));
                }
                x
            })
            .collect();
        let crises = self
            .crises
            .iter()
            .enumerate()
            .map(|(i, c)| self.crisis(format!("K{i}"), c))
            .collect();
        let events = self.events.iter().map(|e| self.event(e)).collect();
        Parts {
            actors,
            memberships,
            commitments,
            crises,
            events,
        }
    }

    fn crisis(&self, id: String, c: &CrisisSpec) -> Crisis {
        let period = Period::new(at(c.start), c.len.map(|l| at(c.start + l))).unwrap();
        let mut x = Crisis::new(id, self.id(c.target), period, CrisisKind::ALL[c.kind])
            .unwrap()
            .with_severity(Severity::new(c.severity).unwrap())
            .with_adversaries(
                c.adversaries
                    .iter()
                    .filter(|&&a| a != c.target)
                    .map(|&a| ActorId::new(self.id(a)).unwrap()),
            );
        if c.target_initiated {
            x = x.with_initiator(Initiator::Target);
        }
        x
    }

    fn event(&self, e: &EventSpec) -> SupportEvent {
        let (recipient, date) = match e.anchor {
            Some((c, off)) => {
                let c = &self.crises[c];
                (c.target, c.start + off)
            }
            None => (e.recipient, e.date),
        };
        let provider = if e.provider == recipient {
            (recipient + 1) % self.actor_count()
        } else {
            e.provider
        };
        let kind = EVENT_KINDS[e.kind];
        let mut x = SupportEvent::new(self.id(provider), self.id(recipient), at(date), kind)
            .unwrap()
            .with_intensity(Intensity::new(e.intensity).unwrap())
            .with_confidence(Confidence::new(e.confidence).unwrap());
        if kind != SupportKind::Hostile
            && let Some(a) = e.against
            && a != recipient
        {
            x = x.against(ActorId::new(self.id(a)).unwrap());
        }
        x
    }
}

impl Parts {
    fn builder(&self, with_crises: bool, with_events: bool) -> TimelineBuilder {
        let mut b = Timeline::builder()
            .actors(self.actors.iter().cloned())
            .memberships(self.memberships.iter().cloned())
            .commitments(self.commitments.iter().cloned());
        if with_crises {
            b = b.crises(self.crises.iter().cloned());
        }
        if with_events {
            b = b.events(self.events.iter().cloned());
        }
        b
    }

    fn timeline(&self) -> Timeline {
        self.builder(true, true).build().unwrap()
    }

    fn shuffled(&self, seed: u64) -> Parts {
        let mut rng = seed;
        Parts {
            actors: shuffle(&self.actors, &mut rng),
            memberships: shuffle(&self.memberships, &mut rng),
            commitments: shuffle(&self.commitments, &mut rng),
            crises: shuffle(&self.crises, &mut rng),
            events: shuffle(&self.events, &mut rng),
        }
    }
}

fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn shuffle<T: Clone>(v: &[T], rng: &mut u64) -> Vec<T> {
    let mut v = v.to_vec();
    for i in (1..v.len()).rev() {
        let j = (splitmix(rng) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    v
}

fn config() -> impl Strategy<Value = Config> {
    (
        0..3u8,
        1.0f64..30_000.0,
        proptest::bool::weighted(0.3),
        0.0f64..10.0,
        0.05f64..=1.0,
        prop_oneof![Just(90u32), 1u32..400],
        proptest::bool::weighted(0.3),
        prior_model(),
    )
        .prop_map(
            |(decay, days, unconditional, kappa, threshold, window, split, model)| {
                let mut c = match decay {
                    0 => Config::default(),
                    1 => Config::default().no_decay(),
                    _ => Config::default().half_life(HalfLife::from_days(days).unwrap()),
                };
                if unconditional {
                    c = c.invocation(Invocation::Unconditional);
                }
                if split {
                    c = c.judging(Judging::EqualSplit);
                }
                c.prior_model(model)
                    .pooling(kappa)
                    .unwrap()
                    .abandonment_threshold(threshold)
                    .unwrap()
                    .window_days(window)
                    .unwrap()
            },
        )
}

/// The old fixed prior, or the learned prior by kind with any settings.
fn prior_model() -> impl Strategy<Value = PriorModel> {
    prop_oneof![
        Just(PriorModel::Fixed),
        Just(PriorModel::default()),
        (
            1e-3f64..100.0,
            prop_oneof![Just(f64::INFINITY), 1e-3f64..100.0],
            1e-3f64..100.0,
            proptest::bool::ANY,
        )
            .prop_map(|(kappa, lambda, c, era)| {
                let k = KindPrior::default()
                    .strength(kappa)
                    .unwrap()
                    .cross_kind(lambda)
                    .unwrap()
                    .smoothing(c)
                    .unwrap()
                    .era_cut(era.then(|| NaiveDate::from_ymd_opt(2001, 1, 1).unwrap()));
                PriorModel::ByKind(k)
            }),
    ]
}

// --------------------------------------------------------- fingerprints --

/// Every score of an assessment, keyed by ids (not keys, which depend on
/// input order).
fn fingerprint(a: &Assessment<'_>) -> BTreeMap<String, f64> {
    let l = a.ledger();
    let tl = l.timeline();
    let mut m = BTreeMap::new();
    let mut put = |k: String, v: f64| {
        assert!(m.insert(k.clone(), v).is_none(), "duplicate key {k}");
    };
    for x in tl.actors() {
        let k = tl.key(x.id()).unwrap();
        let id = x.id();
        let r = a.reliability(k);
        put(format!("rel/{id}/alpha"), r.alpha());
        put(format!("rel/{id}/beta"), r.beta());
        put(format!("rel/{id}/mean"), r.mean());
        put(format!("rel/{id}/eff"), r.effective_tests());
        put(format!("rel/{id}/tests"), r.tests() as f64);
        put(format!("rel/{id}/honoured"), r.honoured() as f64);
        put(format!("rel/{id}/pending"), r.pending() as f64);
        for kind in Obligation::ALL {
            let r = a.reliability_for(k, kind);
            put(format!("rel/{id}/{kind}/alpha"), r.alpha());
            put(format!("rel/{id}/{kind}/beta"), r.beta());
            put(format!("rel/{id}/{kind}/pending"), r.pending() as f64);
        }
        if x.kind() == ActorKind::Bloc {
            let b = a.bloc(k).unwrap();
            put(format!("bloc/{id}/alpha"), b.alpha());
            put(format!("bloc/{id}/beta"), b.beta());
            put(format!("bloc/{id}/pending"), b.pending() as f64);
        }
        for y in tl.actors() {
            if x.id() == y.id() {
                continue;
            }
            let k2 = tl.key(y.id()).unwrap();
            let oid = y.id();
            let ab = a.abandonment(k, k2);
            put(format!("ab/{id}/{oid}/risk"), ab.risk());
            put(format!("ab/{id}/{oid}/others"), ab.others().mean());
            put(
                format!("ab/{id}/{oid}/abandonments"),
                ab.abandonments().len() as f64,
            );
            put(format!("ab/{id}/{oid}/pending"), ab.pending().len() as f64);
            let rc = a.reciprocity(k, k2);
            put(format!("rec/{id}/{oid}/given"), rc.given);
            put(format!("rec/{id}/{oid}/received"), rc.received);
            put(format!("rec/{id}/{oid}/balance"), rc.balance());
            put(format!("rec/{id}/{oid}/hostile"), rc.hostile_events as f64);
        }
    }
    for o in a.outcomes() {
        let v = l.test_view(o.test(), a.as_of()).unwrap();
        let key = format!(
            "out/{}/{}/{}",
            v.crisis.id(),
            v.commitment.id(),
            v.guarantor.id()
        );
        put(format!("{key}/fulfilment"), o.fulfilment());
        put(format!("{key}/status/{}", o.status()), 1.0);
        put(format!("{key}/severity"), o.base_weight());
        put(format!("{key}/expected"), o.expected());
    }
    m
}

fn same_bits(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len(), "different keys");
    for ((ka, va), (kb, vb)) in a.iter().zip(b) {
        prop_assert_eq!(ka, kb);
        prop_assert!(
            va.to_bits() == vb.to_bits(),
            "{} differs: {:e} vs {:e}",
            ka,
            va,
            vb
        );
    }
    Ok(())
}

fn close(
    a: &BTreeMap<String, f64>,
    b: &BTreeMap<String, f64>,
    rel: f64,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len(), "different keys");
    for ((ka, va), (kb, vb)) in a.iter().zip(b) {
        prop_assert_eq!(ka, kb);
        let tol = rel * va.abs().max(vb.abs());
        prop_assert!(
            va == vb || (va - vb).abs() <= tol,
            "{} differs: {:e} vs {:e} (rel {:e})",
            ka,
            va,
            vb,
            (va - vb).abs() / va.abs().max(vb.abs())
        );
    }
    Ok(())
}

/// A date when every generated window has closed.
fn late() -> NaiveDate {
    at(5000)
}

fn as_of() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![1 => Just(late()), 3 => (0i64..1800).prop_map(at)]
}

// ----------------------------------------------------------- properties --

/// A configuration read through the expectation lens, with any weights.
fn lens_config() -> impl Strategy<Value = Config> {
    (
        config(),
        prop_oneof![Just(0.0), 0.0f64..3.0],
        prop_oneof![Just(0.0), 0.0f64..1.0],
        prop_oneof![Just(0.0), 0.0f64..1.0],
    )
        .prop_map(|(c, past, need, owed)| {
            c.lens(Lens::Expectation)
                .expectation(ExpectationWeights::new(past, need, owed).unwrap())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// L1. Under the expectation lens, input order changes nothing, to the bit.
    #[test]
    fn expectation_input_order_is_irrelevant(
        s in spec(), config in lens_config(), as_of in as_of(), seed in any::<u64>()
    ) {
        check_input_order(&s, config, as_of, seed)?;
    }

    /// L2. Under the expectation lens, shards of outcomes merge to the single fold.
    #[test]
    fn expectation_shards_merge_to_single_fold(
        s in spec(),
        config in lens_config(),
        as_of in as_of(),
        shards in proptest::collection::vec(0..3usize, 0..200),
    ) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let mut boards = sharded(&ledger, as_of, &shards, 3);
        let b2 = boards.pop().unwrap();
        let b1 = boards.pop().unwrap();
        boards[0].merge(&b2).unwrap();
        boards[0].merge(&b1).unwrap();
        let merged = ledger.assess_with(as_of, boards.pop().unwrap());
        prop_assert_eq!(merged.lens(), Lens::Expectation);
        close(&fingerprint(&ledger.assess(as_of)), &fingerprint(&merged), 1e-12)?;
    }

    /// L3. Under the expectation lens, incremental equals batch.
    #[test]
    fn expectation_incremental_equals_batch(
        s in spec_with(40, false),
        config in lens_config(),
        as_of in as_of(),
        seed in any::<u64>(),
    ) {
        check_incremental(&s, config, as_of, seed)?;
    }

    /// L4. With every ingredient's weight at zero, the expectation lens is
    /// the letter lens exactly: every score, outcome and series, to the bit.
    #[test]
    fn zero_weights_are_the_letter(s in spec(), config in config(), as_of in as_of()) {
        let ledger = Ledger::new(
            s.parts().timeline(),
            config.expectation(ExpectationWeights::zero()),
        ).unwrap();
        let letter = ledger.assess_under(as_of, Lens::Letter);
        let expectation = ledger.assess_under(as_of, Lens::Expectation);
        same_bits(&fingerprint(&letter), &fingerprint(&expectation))?;
        let dates = [at(300), at(900), as_of];
        for x in ledger.timeline().actors() {
            let k = ledger.timeline().key(x.id()).unwrap();
            prop_assert_eq!(
                ledger.reliability_series_under(k, &dates, Lens::Letter),
                ledger.reliability_series_under(k, &dates, Lens::Expectation)
            );
        }
    }

    /// L5. Both lenses in one pass equal each read alone; the expectation
    /// lens is never more lenient than the letter.
    #[test]
    fn both_lenses_in_one_pass(s in spec(), config in lens_config(), as_of in as_of()) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let [letter, expectation] = ledger.assess_lenses(as_of);
        prop_assert_eq!(letter.lens(), Lens::Letter);
        prop_assert_eq!(expectation.lens(), Lens::Expectation);
        same_bits(&fingerprint(&letter), &fingerprint(&ledger.assess_under(as_of, Lens::Letter)))?;
        same_bits(
            &fingerprint(&expectation),
            &fingerprint(&ledger.assess_under(as_of, Lens::Expectation)),
        )?;
        for (l, e) in letter.outcomes().iter().zip(expectation.outcomes()) {
            prop_assert_eq!(l.test(), e.test());
            prop_assert!(e.fulfilment() <= l.fulfilment(), "{:?} vs {:?}", e, l);
            prop_assert!(e.expected() >= l.expected());
            let x = ledger.expected_level(e.test()).unwrap();
            prop_assert_eq!(x.level.to_bits(), e.expected().to_bits());
            prop_assert!(x.level.is_finite() && x.level <= 1.0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    /// 1. Every score is finite and in its range.
    #[test]
    fn scores_in_range(s in spec(), config in config(), as_of in as_of()) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let a = ledger.assess(as_of);
        let tl = ledger.timeline();
        let in01 = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
        for o in a.outcomes() {
            prop_assert!(in01(o.fulfilment()), "fulfilment {}", o.fulfilment());
            prop_assert!(o.date() <= as_of);
        }
        for x in tl.actors() {
            let k = tl.key(x.id()).unwrap();
            let r = a.reliability(k);
            prop_assert!(in01(r.mean()), "mean {}", r.mean());
            let i = r.interval(0.9).unwrap();
            prop_assert!(in01(i.lower) && in01(i.upper));
            prop_assert!(i.lower <= i.upper);
            // An equal-tailed interval holds the mean when α, β ≥ 1. A learned
            // prior can be far below one pseudo-test on one side (κ·μ with a
            // kind rate near 0 or 1), and then the mean of so skewed a Beta
            // can lie outside it: Beta(0.0064, 1.0) has mean 0.0064 and 95th
            // percentile 0.95^(1/0.0064) = 0.00034.
            if r.alpha() >= 1.0 && r.beta() >= 1.0 {
                prop_assert!(i.lower <= r.mean() && r.mean() <= i.upper,
                    "{:?} does not contain {} (alpha {}, beta {})", i, r.mean(), r.alpha(), r.beta());
            }
            for kind in Obligation::ALL {
                let rk = a.reliability_for(k, kind);
                prop_assert!(in01(rk.mean()), "mean {}", rk.mean());
                let ik = rk.interval(0.9).unwrap();
                prop_assert!(in01(ik.lower) && in01(ik.upper) && ik.lower <= ik.upper);
                // Its explanation adds up to it.
                let e = a.explain_reliability_for(k, kind).unwrap();
                prop_assert!((e.alpha() - rk.alpha()).abs() <= 1e-9 * rk.alpha().max(1.0),
                    "{} vs {}", e.alpha(), rk.alpha());
                prop_assert!((e.beta() - rk.beta()).abs() <= 1e-9 * rk.beta().max(1.0));
            }
            prop_assert!(r.effective_tests() <= r.tests() as f64 + 1e-9);
            if x.kind() == ActorKind::Bloc {
                let b = a.bloc(k).unwrap();
                prop_assert!(in01(b.mean()));
                let i = b.interval(0.9).unwrap();
                prop_assert!(i.lower <= b.mean() && b.mean() <= i.upper);
            } else {
                prop_assert!(matches!(a.bloc(k), Err(Error::NotABloc(_))));
            }
            for y in tl.actors() {
                let k2 = tl.key(y.id()).unwrap();
                let ab = a.abandonment(k, k2);
                prop_assert!(in01(ab.risk()), "risk {}", ab.risk());
                let i = ab.risk_interval(0.9).unwrap();
                prop_assert!(in01(i.lower) && in01(i.upper));
                prop_assert!(i.lower <= ab.risk() && ab.risk() <= i.upper);
                let rc = a.reciprocity(k, k2);
                prop_assert!(rc.given.is_finite() && rc.given >= 0.0);
                prop_assert!(rc.received.is_finite() && rc.received >= 0.0);
                let bal = rc.balance();
                prop_assert!(bal.is_finite() && (-1.0..=1.0).contains(&bal), "balance {}", bal);
            }
        }
    }

    /// 2. Input order changes nothing, to the bit.
    #[test]
    fn input_order_is_irrelevant(s in spec(), config in config(), as_of in as_of(), seed in any::<u64>()) {
        check_input_order(&s, config, as_of, seed)?;
    }

    /// 3. Folding any partition of the outcomes into scoreboards and merging
    /// equals the single fold.
    #[test]
    fn shards_merge_to_single_fold(
        s in spec(),
        config in config(),
        as_of in as_of(),
        shards in proptest::collection::vec(0..4usize, 0..200),
    ) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let mut boards = sharded(&ledger, as_of, &shards, 4);
        // Merge in a tree: (3 into 2), (1 into 0), then (2 into 0).
        let b3 = boards.pop().unwrap();
        boards[2].merge(&b3).unwrap();
        let b2 = boards.pop().unwrap();
        let b1 = boards.pop().unwrap();
        boards[0].merge(&b1).unwrap();
        boards[0].merge(&b2).unwrap();
        let merged = ledger.assess_with(as_of, boards.pop().unwrap());
        close(&fingerprint(&ledger.assess(as_of)), &fingerprint(&merged), 1e-12)?;
    }

    /// 4. Adding crises and events one at a time, in any interleaving,
    /// equals building the ledger from the complete timeline.
    ///
    /// Blocs are kept out of directed and mutual commitments here: with a
    /// bloc as a direct guarantor, batch and incremental differ (core bug,
    /// see `incremental_equals_batch_with_bloc_guarantors` and
    /// `bloc_own_act_is_lost_in_batch` below, both ignored).
    #[test]
    fn incremental_equals_batch(
        s in spec_with(40, false),
        config in config(),
        as_of in as_of(),
        seed in any::<u64>(),
    ) {
        check_incremental(&s, config, as_of, seed)?;
    }

    /// 4b. The same with blocs as direct parties.
    #[test]
    fn incremental_equals_batch_with_bloc_guarantors(
        s in spec(),
        config in config(),
        as_of in as_of(),
        seed in any::<u64>(),
    ) {
        check_incremental(&s, config, as_of, seed)?;
    }

    /// 5. More support from a guarantor never lowers its reliability; a
    /// hostile act never raises it.
    #[test]
    fn support_is_monotone(
        s in spec(),
        config in config(),
        pick in any::<Index>(),
        offset in any::<Index>(),
        kind in 0..6usize,
        intensity in unit(),
        confidence in unit(),
    ) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let outcomes = ledger.outcomes(late());
        prop_assume!(!outcomes.is_empty());
        let o = outcomes[pick.index(outcomes.len())];
        let view = ledger.test_view(o.test(), late()).unwrap();
        let window = view.window;
        let span = (window.until().unwrap() - window.from()).num_days() as usize + 1;
        let date = window.from() + TimeDelta::days(offset.index(span) as i64);
        let event = SupportEvent::new(view.guarantor.id(), view.beneficiary.id(), date, EVENT_KINDS[kind])
            .unwrap()
            .with_intensity(Intensity::new(intensity).unwrap())
            .with_confidence(Confidence::new(confidence).unwrap());
        let g = o.guarantor();
        let before = ledger.assess(late()).reliability(g);
        let mut more = ledger.clone();
        more.add_event(event).unwrap();
        let after = more.assess(late()).reliability(g);
        let f_before = o.fulfilment();
        let f_after = more.outcomes(late()).iter().find(|x| x.test() == o.test()).unwrap().fulfilment();
        if EVENT_KINDS[kind] == SupportKind::Hostile {
            prop_assert!(after.mean() <= before.mean(), "{} > {}", after.mean(), before.mean());
            prop_assert!(f_after <= f_before);
        } else {
            prop_assert!(after.mean() >= before.mean(), "{} < {}", after.mean(), before.mean());
            prop_assert!(f_after >= f_before, "fulfilment {} < {}", f_after, f_before);
        }
    }

    /// 6a. An older test weighs no more than a newer one with the same
    /// base weight and outcome.
    #[test]
    fn older_weighs_no_more(
        d1 in 0i64..20_000,
        gap in 0i64..20_000,
        later in 0i64..20_000,
        severity in unit(),
        f in 0.0f64..=1.0,
        days in 0.5f64..1e6,
    ) {
        let config = Config::default().half_life(HalfLife::from_days(days).unwrap());
        let (old, new) = (at(d1), at(d1 + gap));
        let as_of = at(d1 + gap + later);
        let mut a = Evidence::new(&config);
        a.add(old, severity, f, &config);
        let mut b = Evidence::new(&config);
        b.add(new, severity, f, &config);
        let (ta, tb) = (a.totals_at(as_of), b.totals_at(as_of));
        prop_assert!(ta.weight <= tb.weight, "{} > {}", ta.weight, tb.weight);
        prop_assert!(ta.weighted_fulfilment <= tb.weighted_fulfilment);
        prop_assert!(tb.weight <= severity * (1.0 + 1e-12));
    }

    /// 6b. The same, through reliability: of two otherwise identical
    /// crises, honouring the newer one leaves the guarantor at 0.5 or
    /// above; honouring only the older one, at 0.5 or below.
    #[test]
    fn newer_test_moves_reliability_more(
        d1 in 0i64..3000,
        gap in 1i64..3000,
        severity in unit(),
        days in 1.0f64..1e5,
        honour_newer in any::<bool>(),
    ) {
        let config = Config::default().half_life(HalfLife::from_days(days).unwrap());
        let one_day = |d: i64| Period::new(at(d), Some(at(d))).unwrap();
        let (old, new) = (d1, d1 + gap);
        let timeline = Timeline::builder()
            .actor(Actor::new("G", "G", ActorKind::State).unwrap())
            .actor(Actor::new("B", "B", ActorKind::State).unwrap())
            .commitment(Commitment::new(
                "G-B",
                Parties::Directed { guarantor: "G".parse().unwrap(), beneficiary: "B".parse().unwrap() },
                Obligation::Defence,
                Period::starting(at(-1)),
            ).unwrap())
            .crisis(Crisis::new("OLD", "B", one_day(old), CrisisKind::ExternalAttack).unwrap()
                .with_severity(Severity::new(severity).unwrap()))
            .crisis(Crisis::new("NEW", "B", one_day(new), CrisisKind::ExternalAttack).unwrap()
                .with_severity(Severity::new(severity).unwrap()))
            .event(SupportEvent::new("G", "B", at(if honour_newer { new } else { old }), SupportKind::Military).unwrap())
            .build()
            .unwrap();
        let ledger = Ledger::new(timeline, config).unwrap();
        let g = ledger.timeline().key_of("G").unwrap();
        let r = ledger.assess(at(new + 10)).reliability(g);
        prop_assert_eq!(r.tests(), 2);
        if honour_newer {
            prop_assert!(r.mean() >= 0.5, "{}", r.mean());
        } else {
            prop_assert!(r.mean() <= 0.5, "{}", r.mean());
        }
    }

    /// 7. An infinite half-life is exactly no decay.
    #[test]
    fn infinite_half_life_is_no_decay(s in spec(), as_of in as_of()) {
        let inf = Config::default().half_life(HalfLife::from_days(f64::INFINITY).unwrap());
        let none = Config::default().no_decay();
        let a = Ledger::new(s.parts().timeline(), inf).unwrap();
        let b = Ledger::new(s.parts().timeline(), none).unwrap();
        same_bits(&fingerprint(&a.assess(as_of)), &fingerprint(&b.assess(as_of)))?;
    }

    /// 8. Nothing dated after the assessment date changes a score.
    ///
    /// Blocs are kept out of directed and mutual commitments here: a future
    /// crisis can make a bloc member a guarantor, and `Ledger::new` then
    /// drops the bloc's own past acts (core bug; 8b, ignored).
    #[test]
    fn future_is_ignored(
        s in spec_with(40, false),
        future in spec_with(40, false),
        config in config(),
        cut in 0i64..1600,
    ) {
        check_future(&s, &future, config, cut)?;
    }

    /// 8b. The same with blocs as direct parties.
    #[test]
    fn future_is_ignored_with_bloc_guarantors(
        s in spec(),
        future in spec(),
        config in config(),
        cut in 0i64..1600,
    ) {
        check_future(&s, &future, config, cut)?;
    }

    /// 9. Every model type survives a JSON round trip unchanged, the
    /// location and exclusion fields included (`located[i]`: region bits
    /// of [`Region::ALL`] and excluded actors for commitment and crisis `i`).
    #[cfg(feature = "serde")]
    #[test]
    fn serde_round_trip(
        s in spec(),
        located in proptest::collection::vec(
            (0u8..64, proptest::collection::vec(0usize..16, 0..3)),
            8,
        ),
    ) {
        fn trip<T>(x: &T) -> Result<(), TestCaseError>
        where
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let text = serde_json::to_string(x).unwrap();
            let back: T = serde_json::from_str(&text)
                .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            prop_assert_eq!(&back, x, "{}", text);
            Ok(())
        }
        let mut p = s.parts();
        let regions = |bits: u8| {
            Regions::of(
                Region::ALL
                    .into_iter()
                    .enumerate()
                    .filter(|(j, _)| bits & (1 << j) != 0)
                    .map(|(_, r)| r),
            )
        };
        let n = s.actor_count();
        for (c, (bits, excluded)) in p.commitments.iter_mut().zip(&located) {
            *c = c
                .clone()
                .with_regions(regions(*bits))
                .with_excluded_adversaries(
                    excluded
                        .iter()
                        .map(|&a| ActorId::new(s.id(a % n)).unwrap()),
                );
        }
        for (c, (bits, _)) in p.crises.iter_mut().zip(located.iter().rev()) {
            *c = c.clone().with_regions(regions(*bits));
        }
        for a in &p.actors {
            trip(a)?;
            trip(a.id())?;
            trip(&a.kind())?;
        }
        for m in &p.memberships {
            trip(m)?;
            trip(&m.period())?;
        }
        for c in &p.commitments {
            trip(c)?;
            trip(c.id())?;
            trip(c.parties())?;
            trip(c.triggers())?;
            trip(&c.triggers().regions)?;
            trip(&c.obligation())?;
            trip(&c.period())?;
        }
        for c in &p.crises {
            trip(c)?;
            trip(c.id())?;
            trip(&c.regions())?;
            trip(&c.severity())?;
            trip(&c.kind())?;
            trip(&c.period())?;
        }
        for e in &p.events {
            trip(e)?;
            trip(&e.intensity())?;
            trip(&e.confidence())?;
            trip(&e.kind())?;
        }
    }
}

/// 9b. Round trips of quantities at awkward values (shortest-repr edge cases).
#[cfg(feature = "serde")]
#[test]
fn serde_round_trip_awkward_floats() {
    for v in [
        f64::MIN_POSITIVE,
        5e-324,
        0.1,
        1.0 / 3.0,
        0.999_999_999_999_999_9,
        2.225_073_858_507_201e-308,
        0.300_000_000_000_000_04,
        9.999_999_999_999_999e-1,
    ] {
        let Ok(s) = Severity::new(v) else { continue };
        let text = serde_json::to_string(&s).unwrap();
        let back: Severity = serde_json::from_str(&text).unwrap();
        assert_eq!(back.get().to_bits(), v.to_bits(), "{text}");
    }
}

/// Property 8's check: crises and events after `cut`, added to the ledger
/// or built into a new one, change nothing as of `cut`.
fn check_future(s: &Spec, future: &Spec, config: Config, cut: i64) -> Result<(), TestCaseError> {
    let as_of = at(cut);
    let parts = s.parts();
    let ledger = Ledger::new(parts.timeline(), config.clone()).unwrap();
    let want = fingerprint(&ledger.assess(as_of));
    // Future crises and events, on the same actors, all after the cut.
    let shift = cut + 1;
    let mut extra = ledger.clone();
    let mut all = parts.builder(true, true);
    for (i, c) in future.crises.iter().enumerate() {
        let mut c = c.clone();
        c.target %= s.states;
        c.adversaries.iter_mut().for_each(|a| *a %= s.actor_count());
        c.start += shift;
        let crisis = s.crisis(format!("X{i}"), &c);
        extra.add_crisis(crisis.clone()).unwrap();
        all = all.crisis(crisis);
    }
    let shifted = Spec {
        crises: future
            .crises
            .iter()
            .map(|c| CrisisSpec {
                start: c.start + shift,
                target: c.target % s.states,
                ..c.clone()
            })
            .collect(),
        ..s.clone()
    };
    for e in &future.events {
        let mut e = e.clone();
        e.provider %= s.actor_count();
        e.recipient %= s.states;
        e.against = e.against.map(|a| a % s.actor_count());
        e.date += shift;
        let event = shifted.event(&e);
        prop_assert!(event.date() > as_of);
        extra.add_event(event.clone()).unwrap();
        all = all.event(event);
    }
    same_bits(&want, &fingerprint(&extra.assess(as_of)))?;
    let rebuilt = Ledger::new(all.build().unwrap(), config).unwrap();
    same_bits(&want, &fingerprint(&rebuilt.assess(as_of)))
}

/// Properties 2 and L1: the timeline of `s` in another input order
/// (shuffled by `seed`) scores the same, to the bit.
fn check_input_order(
    s: &Spec,
    config: Config,
    as_of: NaiveDate,
    seed: u64,
) -> Result<(), TestCaseError> {
    let parts = s.parts();
    let a = Ledger::new(parts.timeline(), config.clone()).unwrap();
    let b = Ledger::new(parts.shuffled(seed).timeline(), config).unwrap();
    same_bits(
        &fingerprint(&a.assess(as_of)),
        &fingerprint(&b.assess(as_of)),
    )
}

/// Properties 3 and L2: the outcomes of `ledger` on `as_of` folded into
/// `n` scoreboards, outcome `i` into board `shards[i]` (`i % n` past the
/// end of `shards`).
fn sharded(ledger: &Ledger, as_of: NaiveDate, shards: &[usize], n: usize) -> Vec<Scoreboard> {
    let outcomes = ledger.outcomes(as_of);
    let mut boards: Vec<Scoreboard> = (0..n).map(|_| Scoreboard::new(ledger.config())).collect();
    for (i, o) in outcomes.iter().enumerate() {
        boards[shards.get(i).copied().unwrap_or(i % n)].add(o);
    }
    boards
}

/// Property 4's check: a ledger grown by `add_crisis`/`add_event` in a
/// random interleaving equals `Ledger::new` on the full timeline, to the bit.
fn check_incremental(
    s: &Spec,
    config: Config,
    as_of: NaiveDate,
    seed: u64,
) -> Result<(), TestCaseError> {
    let parts = s.parts();
    let batch = Ledger::new(parts.timeline(), config.clone()).unwrap();
    let mut inc = Ledger::new(parts.builder(false, false).build().unwrap(), config).unwrap();
    // A random interleaving that keeps each kind's own order.
    let tokens: Vec<bool> = std::iter::repeat_n(true, parts.crises.len())
        .chain(std::iter::repeat_n(false, parts.events.len()))
        .collect();
    let mut rng = seed;
    let tokens = shuffle(&tokens, &mut rng);
    let (mut c, mut e) = (parts.crises.iter(), parts.events.iter());
    for is_crisis in tokens {
        if is_crisis {
            inc.add_crisis(c.next().unwrap().clone()).unwrap();
        } else {
            inc.add_event(e.next().unwrap().clone()).unwrap();
        }
    }
    prop_assert_eq!(inc.test_count(), batch.test_count());
    same_bits(
        &fingerprint(&batch.assess(as_of)),
        &fingerprint(&inc.assess(as_of)),
    )
}

/// The minimal case behind the ignored property 4b.
///
/// BLOC (members: S0) directly guarantees B; S0 also guarantees S1, so the
/// ledger routes BLOC's acts to its members only. When the event is matched
/// after the crises (`Ledger::new`, or `add_event` after `add_crisis`),
/// BLOC's military act for B is lost (fulfilment 0); when the crises come
/// after the event, `add_crisis` matches it (fulfilment 1).
#[test]
fn bloc_own_act_is_lost_in_batch() {
    let d = base();
    let directed = |id: &str, g: &str, b: &str| {
        Commitment::new(
            id,
            Parties::Directed {
                guarantor: g.parse().unwrap(),
                beneficiary: b.parse().unwrap(),
            },
            Obligation::Defence,
            Period::starting(d),
        )
        .unwrap()
    };
    let crisis =
        |id: &str, t: &str| Crisis::new(id, t, Period::starting(d), CrisisKind::Other).unwrap();
    let skeleton = Timeline::builder()
        .actor(Actor::new("S0", "S0", ActorKind::State).unwrap())
        .actor(Actor::new("S1", "S1", ActorKind::State).unwrap())
        .actor(Actor::new("B", "B", ActorKind::State).unwrap())
        .actor(Actor::new("BLOC", "BLOC", ActorKind::Bloc).unwrap())
        .membership(Membership::new("BLOC", "S0", Period::starting(d)).unwrap())
        .commitment(directed("BLOC-B", "BLOC", "B"))
        .commitment(directed("S0-S1", "S0", "S1"));
    let event = SupportEvent::new("BLOC", "B", d, SupportKind::Military).unwrap();
    let batch = Ledger::new(
        skeleton
            .clone()
            .crisis(crisis("KB", "B"))
            .crisis(crisis("KS", "S1"))
            .event(event.clone())
            .build()
            .unwrap(),
        Config::default(),
    )
    .unwrap();
    // Event first, then the crises: add_crisis matches it (bears_on).
    let mut event_first =
        Ledger::new(skeleton.clone().build().unwrap(), Config::default()).unwrap();
    event_first.add_event(event.clone()).unwrap();
    event_first.add_crisis(crisis("KB", "B")).unwrap();
    event_first.add_crisis(crisis("KS", "S1")).unwrap();
    // Crises first, then the event: add_event goes through match_event.
    let mut event_last = Ledger::new(skeleton.build().unwrap(), Config::default()).unwrap();
    event_last.add_crisis(crisis("KB", "B")).unwrap();
    event_last.add_crisis(crisis("KS", "S1")).unwrap();
    event_last.add_event(event).unwrap();
    let as_of = at(200);
    let f = |l: &Ledger| {
        let bloc = l.timeline().key_of("BLOC").unwrap();
        l.outcomes(as_of)
            .iter()
            .find(|o| o.guarantor() == bloc)
            .unwrap()
            .fulfilment()
    };
    assert_eq!(f(&event_first), 1.0);
    assert_eq!(f(&event_last), 1.0, "add_event lost the bloc's own act");
    assert_eq!(f(&batch), 1.0, "Ledger::new lost the bloc's own act");
}

// ----------------------------------------------------------- no panics --

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':' | b'/'))
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1.0),
        Just(f64::MIN_POSITIVE),
        -2.0f64..2.0,
    ]
}

/// One injected problem, each producing exactly one [`Problem`].
#[derive(Clone, Copy, Debug)]
enum Inject {
    DuplicateActor,
    UnknownCrisisTarget,
    CrisisAdversaryIsTarget,
    DuplicateCrisis,
    UnknownEventProvider,
    UnknownEventAgainst,
    SelfEvent,
    MembershipNotBloc,
    MembershipUnknownBloc,
    UnknownGuarantor,
    SelfCommitment,
    HostileRequired,
    DuplicateCommitment,
    UnknownTriggerAdversary,
    BlocCommitmentOnState,
}

const INJECTIONS: [Inject; 15] = [
    Inject::DuplicateActor,
    Inject::UnknownCrisisTarget,
    Inject::CrisisAdversaryIsTarget,
    Inject::DuplicateCrisis,
    Inject::UnknownEventProvider,
    Inject::UnknownEventAgainst,
    Inject::SelfEvent,
    Inject::MembershipNotBloc,
    Inject::MembershipUnknownBloc,
    Inject::UnknownGuarantor,
    Inject::SelfCommitment,
    Inject::HostileRequired,
    Inject::DuplicateCommitment,
    Inject::UnknownTriggerAdversary,
    Inject::BlocCommitmentOnState,
];

fn kind_of(p: &Problem) -> &'static str {
    match p {
        Problem::DuplicateId { .. } => "duplicate",
        Problem::UnknownActor { .. } => "unknown",
        Problem::NotABloc { .. } => "not-bloc",
        Problem::SelfReference { .. } => "self",
        Problem::HostileRequirement { .. } => "hostile",
        _ => "other",
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// 10a. Quantity constructors and setters take any f64: errors, never panics,
    /// and accept exactly their documented ranges.
    #[test]
    fn any_number_is_checked(x in any_f64(), y in any_f64(), w in any::<u32>(), k in 0..7usize) {
        let unit = x > 0.0 && x <= 1.0;
        prop_assert_eq!(Severity::new(x).is_ok(), unit);
        prop_assert_eq!(Intensity::new(x).is_ok(), unit);
        prop_assert_eq!(Confidence::new(x).is_ok(), unit);
        if let Err(e) = Severity::new(x) {
            prop_assert!(matches!(e, Error::OutOfRange { quantity: "severity", .. }), "{e:?}");
        }
        prop_assert_eq!(HalfLife::from_days(x).is_ok(), x > 0.0 && (1.0 / x).is_finite());
        let _ = HalfLife::from_years(x);
        prop_assert_eq!(
            Prior::new(x, y).is_ok(),
            x > 0.0 && x <= MAX_PSEUDO_TESTS && y > 0.0 && y <= MAX_PSEUDO_TESTS
        );
        prop_assert_eq!(Config::default().pooling(x).is_ok(), (0.0..=MAX_PSEUDO_TESTS).contains(&x));
        prop_assert_eq!(Config::default().abandonment_threshold(x).is_ok(), unit);
        prop_assert_eq!(Config::default().window_days(w).is_ok(), (1..=MAX_WINDOW_DAYS).contains(&w));
        let _ = Ladder::default().with(SupportKind::ALL[k], x);
        // Any accepted half-life scores without non-finite numbers.
        if let Ok(h) = HalfLife::from_days(x) {
            let config = Config::default().half_life(h);
            let mut e = Evidence::new(&config);
            e.add(base(), y, y, &config);
            e.add(at(10_000), 1.0, 0.5, &config);
            let t = e.totals_at(at(20_000));
            prop_assert!(t.weight.is_finite() && t.weight >= 0.0);
            prop_assert!(t.weighted_fulfilment.is_finite() && t.weighted_fulfilment <= t.weight);
        }
    }

    /// 10b. Any text as an id or a name: errors, never panics.
    #[test]
    fn any_text_is_checked(s in prop_oneof![any::<String>(), "[A-Za-z0-9_.:/ -]{0,70}", "[a-z_]{0,20}"]) {
        prop_assert_eq!(ActorId::new(&s).is_ok(), valid_id(&s));
        prop_assert_eq!(CommitmentId::new(&s).is_ok(), valid_id(&s));
        prop_assert_eq!(CrisisId::new(&s).is_ok(), valid_id(&s));
        prop_assert_eq!(s.parse::<SupportKind>().is_ok(), SupportKind::ALL.iter().any(|k| k.as_str() == s));
        prop_assert_eq!(s.parse::<Obligation>().is_ok(), Obligation::ALL.iter().any(|k| k.as_str() == s));
        prop_assert_eq!(s.parse::<CrisisKind>().is_ok(), CrisisKind::ALL.iter().any(|k| k.as_str() == s));
        prop_assert_eq!(Actor::new(&s, "x", ActorKind::State).is_ok(), valid_id(&s));
        prop_assert_eq!(Crisis::new("K", &s, Period::starting(base()), CrisisKind::Other).is_ok(), valid_id(&s));
    }

    /// 10c. JSON-ish text: parsed values always satisfy the constructors' checks.
    #[cfg(feature = "serde")]
    #[test]
    fn any_json_is_checked(
        s in spec_with(4, true),
        which in 0..3usize,
        cut in any::<Index>(),
        number in any_f64(),
        junk in any::<String>(),
        mode in 0..4usize,
    ) {
        let p = s.parts();
        let valid = match which {
            0 => serde_json::to_string(&p.crises[0]).unwrap(),
            1 => serde_json::to_string(&p.commitments[0]).unwrap(),
            _ => match p.events.first() {
                Some(e) => serde_json::to_string(e).unwrap(),
                None => r#"{"provider":"S0","recipient":"S1","date":"2000-01-01","kind":"verbal"}"#.to_string(),
            },
        };
        let text = match mode {
            // Truncated.
            0 => {
                let mut i = cut.index(valid.len() + 1);
                while !valid.is_char_boundary(i) { i -= 1; }
                valid[..i].to_string()
            }
            // Every number replaced by an arbitrary one.
            1 => {
                let n = format!("{number:e}");
                let re: String = valid
                    .split(',')
                    .map(|f| match f.split_once(':') {
                        Some((k, v)) if v.trim_end_matches('}').parse::<f64>().is_ok() => {
                            format!("{k}:{n}{}", "}".repeat(v.len() - v.trim_end_matches('}').len()))
                        }
                        _ => f.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(",");
                re
            }
            // Junk inserted.
            2 => {
                let mut i = cut.index(valid.len() + 1);
                while !valid.is_char_boundary(i) { i -= 1; }
                format!("{}{junk}{}", &valid[..i], &valid[i..])
            }
            _ => junk,
        };
        if let Ok(c) = serde_json::from_str::<Crisis>(&text) {
            prop_assert!(Severity::new(c.severity().get()).is_ok());
            prop_assert!(c.period().until().is_none_or(|u| u >= c.start()));
            prop_assert!(valid_id(c.id().as_str()) && valid_id(c.target().as_str()));
        }
        if let Ok(e) = serde_json::from_str::<SupportEvent>(&text) {
            prop_assert!(e.kind() != SupportKind::Silence);
            prop_assert!(Intensity::new(e.intensity().get()).is_ok());
            prop_assert!(Confidence::new(e.confidence().get()).is_ok());
            prop_assert!(e.kind() != SupportKind::Hostile || e.against_actor().is_none());
        }
        if let Ok(c) = serde_json::from_str::<Commitment>(&text) {
            prop_assert!(c.period().until().is_none_or(|u| u >= c.period().from()));
            prop_assert!(valid_id(c.id().as_str()));
        }
    }

    /// 10d. Invalid timelines: every injected problem is reported, once.
    #[test]
    fn every_problem_is_listed(
        s in spec_with(10, true),
        injections in proptest::collection::vec(0..INJECTIONS.len(), 0..12),
    ) {
        let p = s.parts();
        let mut b = p.builder(true, true);
        let mut want: BTreeMap<&'static str, usize> = BTreeMap::new();
        let d = base();
        let st = |i: usize| ActorId::new(format!("S{i}")).unwrap();
        for (n, &i) in injections.iter().enumerate() {
            let inj = INJECTIONS[i];
            let kind = match inj {
                Inject::DuplicateActor => {
                    b = b.actor(Actor::new("S0", "again", ActorKind::State).unwrap());
                    "duplicate"
                }
                Inject::UnknownCrisisTarget => {
                    b = b.crisis(Crisis::new(format!("Y{n}"), format!("ZZ{n}"), Period::starting(d), CrisisKind::Other).unwrap());
                    "unknown"
                }
                Inject::CrisisAdversaryIsTarget => {
                    b = b.crisis(Crisis::new(format!("Y{n}"), "S1", Period::starting(d), CrisisKind::Other).unwrap()
                        .with_adversaries([st(1)]));
                    "self"
                }
                Inject::DuplicateCrisis => {
                    b = b.crisis(Crisis::new("K0", "S1", Period::starting(d), CrisisKind::Other).unwrap());
                    "duplicate"
                }
                Inject::UnknownEventProvider => {
                    b = b.event(SupportEvent::new(format!("ZZ{n}"), "S0", d, SupportKind::Verbal).unwrap());
                    "unknown"
                }
                Inject::UnknownEventAgainst => {
                    b = b.event(SupportEvent::new("S1", "S0", d, SupportKind::Verbal).unwrap()
                        .against(ActorId::new(format!("ZZ{n}")).unwrap()));
                    "unknown"
                }
                Inject::SelfEvent => {
                    b = b.event(SupportEvent::new("S2", "S2", d, SupportKind::Military).unwrap());
                    "self"
                }
                Inject::MembershipNotBloc => {
                    b = b.membership(Membership::new("S1", "S2", Period::starting(d)).unwrap());
                    "not-bloc"
                }
                Inject::MembershipUnknownBloc => {
                    // An unknown bloc: one problem (no not-a-bloc check then).
                    b = b.membership(Membership::new(format!("ZZ{n}"), "S2", Period::starting(d)).unwrap());
                    "unknown"
                }
                Inject::UnknownGuarantor => {
                    b = b.commitment(Commitment::new(format!("Y{n}"),
                        Parties::Directed { guarantor: ActorId::new(format!("ZZ{n}")).unwrap(), beneficiary: st(0) },
                        Obligation::Defence, Period::starting(d)).unwrap());
                    "unknown"
                }
                Inject::SelfCommitment => {
                    b = b.commitment(Commitment::new(format!("Y{n}"), Parties::Mutual(st(1), st(1)),
                        Obligation::Consultation, Period::starting(d)).unwrap());
                    "self"
                }
                Inject::HostileRequired => {
                    b = b.commitment(Commitment::new(format!("Y{n}"), Parties::Mutual(st(1), st(2)),
                        Obligation::Neutrality, Period::starting(d)).unwrap().with_required(SupportKind::Hostile));
                    "hostile"
                }
                Inject::DuplicateCommitment => {
                    b = b.commitment(Commitment::new("M0", Parties::Mutual(st(1), st(2)),
                        Obligation::Neutrality, Period::starting(d)).unwrap());
                    "duplicate"
                }
                Inject::UnknownTriggerAdversary => {
                    b = b.commitment(Commitment::new(format!("Y{n}"), Parties::Mutual(st(1), st(2)),
                        Obligation::Defence, Period::starting(d)).unwrap()
                        .with_adversaries([ActorId::new(format!("ZZ{n}")).unwrap()]));
                    "unknown"
                }
                Inject::BlocCommitmentOnState => {
                    b = b.commitment(Commitment::new(format!("Y{n}"), Parties::Bloc(st(0)),
                        Obligation::Defence, Period::starting(d)).unwrap());
                    "not-bloc"
                }
            };
            *want.entry(kind).or_default() += 1;
        }
        match b.build() {
            Ok(_) => prop_assert!(injections.is_empty(), "accepted {:?}", injections),
            Err(Error::InvalidTimeline(problems)) => {
                let mut got: BTreeMap<&'static str, usize> = BTreeMap::new();
                for p in &problems {
                    *got.entry(kind_of(p)).or_default() += 1;
                }
                prop_assert_eq!(got, want, "{:#?}", problems);
            }
            Err(e) => prop_assert!(false, "unexpected {e:?}"),
        }
    }

    /// 10e. A ledger rejects dangling references with an error and stays unchanged.
    #[test]
    fn ledger_rejects_dangling(s in spec_with(10, true), n in 0..1000usize) {
        let mut ledger = Ledger::new(s.parts().timeline(), Config::default()).unwrap();
        let before = fingerprint(&ledger.assess(late()));
        let e = SupportEvent::new(format!("ZZ{n}"), "S0", base(), SupportKind::Military).unwrap();
        let r = ledger.add_event(e);
        prop_assert!(matches!(r, Err(Error::Rejected(Problem::UnknownActor { .. }))), "{r:?}");
        let c = Crisis::new(format!("Y{n}"), format!("ZZ{n}"), Period::starting(base()), CrisisKind::Other).unwrap();
        let r = ledger.add_crisis(c);
        prop_assert!(matches!(r, Err(Error::Rejected(Problem::UnknownActor { .. }))), "{r:?}");
        let dup = ledger.timeline().crises()[0].clone();
        let r = ledger.add_crisis(dup);
        prop_assert!(matches!(r, Err(Error::Rejected(Problem::DuplicateId { .. }))), "{r:?}");
        // Keys from a bigger timeline are out of range for this one.
        let big = Timeline::builder()
            .actors((0..20).map(|i| Actor::new(format!("A{i}"), "a", ActorKind::State).unwrap()))
            .build()
            .unwrap();
        let far = big.key_of("A19").unwrap();
        let near = ledger.timeline().key_of("S0").unwrap();
        let keyed = KeyedEvent::new(far, near, base(), SupportKind::Military).unwrap();
        let r = ledger.extend_keyed(&[keyed]);
        prop_assert!(matches!(r, Err(Error::Rejected(Problem::UnknownActor { .. }))), "{r:?}");
        same_bits(&before, &fingerprint(&ledger.assess(late())))?;
    }
}

/// Below about 5.6e-309 days, `1 / days` is infinite and every weight would
/// be `0 × ∞ = NaN`: such half-lives are rejected, and the smallest accepted
/// one still gives finite weights.
#[test]
fn tiny_half_life_is_rejected_or_finite() {
    assert!(matches!(
        HalfLife::from_days(4e-309),
        Err(Error::OutOfRange { .. })
    ));
    let config = Config::default().half_life(HalfLife::from_days(1e-300).unwrap());
    let mut e = Evidence::new(&config);
    e.add(base(), 1.0, 1.0, &config);
    let t = e.totals_at(base());
    assert_eq!(t.weight, 1.0, "weight of a test on the assessment day");
}

// ------------------------------------------------------------- backtest --

/// Not a property: how much the generator exercises (run with --ignored --nocapture).
#[test]
#[ignore = "statistics only"]
fn generator_statistics() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut tests, mut resolved, mut hit, mut honoured, mut betrayed, mut bloc) =
        (0, 0, 0, 0, 0, 0);
    let n = 500;
    for _ in 0..n {
        let s = spec().new_tree(&mut runner).unwrap().current();
        let ledger = Ledger::new(s.parts().timeline(), Config::default()).unwrap();
        tests += ledger.test_count();
        for o in ledger.outcomes(late()) {
            resolved += 1;
            hit += usize::from(o.fulfilment() > 0.0);
            honoured += usize::from(o.status() == Status::Honoured);
            betrayed += usize::from(o.status() == Status::Betrayed);
            bloc += usize::from(o.bloc().is_some());
        }
    }
    println!(
        "{n} timelines: {tests} tests, {resolved} resolved, {hit} with support, \
         {honoured} honoured, {betrayed} betrayed, {bloc} bloc-wide"
    );
}

/// The expectation lens's properties are not vacuous: the generator makes
/// tests whose expected level rises above the floor through each
/// ingredient alone (500 timelines: 50, 493 and 119 tests).
#[test]
fn expectation_generator_is_not_vacuous() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut raised = [0usize; 3];
    for _ in 0..500 {
        let s = spec().new_tree(&mut runner).unwrap().current();
        for (i, w) in [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)]
            .into_iter()
            .enumerate()
        {
            let weights = ExpectationWeights::new(w.0, w.1, w.2).unwrap();
            let ledger =
                Ledger::new(s.parts().timeline(), Config::default().expectation(weights)).unwrap();
            raised[i] += (0..ledger.test_count())
                .filter(|&t| {
                    let x = ledger.expected_level(t).unwrap();
                    x.level > x.floor
                })
                .count();
        }
    }
    assert!(raised.iter().all(|&r| r >= 20), "{raised:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    /// The one-pass backtest equals a brute-force replay built from the
    /// public API (Ledger::outcomes, TestView windows, Evidence::add).
    #[test]
    fn backtest_matches_brute_force(s in spec(), config in config(), as_of in as_of()) {
        let config = config.prior_model(PriorModel::Fixed);
        let ledger = Ledger::new(s.parts().timeline(), config.clone()).unwrap();
        let report = Backtest::new(&ledger).as_of(as_of).run();
        let resolved: Vec<(Outcome, NaiveDate)> = ledger
            .outcomes(as_of)
            .into_iter()
            .filter(|o| o.status() != Status::Pending)
            .map(|o| (o, ledger.test_view(o.test(), as_of).unwrap().window.until().unwrap()))
            .collect();
        prop_assert_eq!(report.n(), resolved.len());
        let prior = config.get_prior();
        let (mut sq, mut sq_base) = (0.0, 0.0);
        for (i, (o, _)) in resolved.iter().enumerate() {
            let earlier: Vec<&(Outcome, NaiveDate)> =
                resolved.iter().filter(|(_, end)| *end < o.date()).collect();
            let mut ev = Evidence::new(&config);
            for (x, _) in earlier.iter().filter(|(x, _)| x.guarantor() == o.guarantor()) {
                ev.add(x.date(), x.base_weight(), x.fulfilment(), &config);
            }
            let t = ev.totals_at(o.date());
            let p = (prior.alpha() + t.weighted_fulfilment) / (prior.alpha() + prior.beta() + t.weight);
            let base = if earlier.is_empty() {
                0.5
            } else {
                earlier.iter().map(|(x, _)| x.fulfilment()).sum::<f64>() / earlier.len() as f64
            };
            let got = report.predictions()[i];
            prop_assert_eq!(got.test(), o.test());
            prop_assert!((got.model() - p).abs() <= 1e-12 * p.max(1e-300), "{} vs {}", got.model(), p);
            prop_assert!((got.base() - base).abs() <= 1e-12, "{} vs {}", got.base(), base);
            sq += (p - o.fulfilment()).powi(2);
            sq_base += (base - o.fulfilment()).powi(2);
        }
        if let Some(b) = report.model().brier() {
            let n = resolved.len() as f64;
            prop_assert!((b - sq / n).abs() <= 1e-12);
            prop_assert!((report.base().brier().unwrap() - sq_base / n).abs() <= 1e-12);
            let cal = report.model().calibration();
            prop_assert_eq!(cal.iter().map(|b| b.count).sum::<u64>() as usize, resolved.len());
        } else {
            prop_assert!(resolved.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    /// Under the learned prior, the backtest's model prediction for each
    /// test is `reliability_for(guarantor, kind)` of an assessment on the
    /// crisis start built from the earlier tests only, and its base rates
    /// are the plain means of the earlier tests (globally, by kind, by
    /// kind × era).
    #[test]
    fn backtest_by_kind_matches_assessment_of_earlier_tests(
        s in spec(), config in config(), model in prior_model(), as_of in as_of(),
    ) {
        let config = config.prior_model(model);
        let ledger = Ledger::new(s.parts().timeline(), config.clone()).unwrap();
        let cut = NaiveDate::from_ymd_opt(2001, 1, 1).unwrap();
        let report = Backtest::new(&ledger).as_of(as_of).era_cut(Some(cut)).run();
        let resolved: Vec<(Outcome, NaiveDate)> = ledger
            .outcomes(as_of)
            .into_iter()
            .filter(|o| o.status() != Status::Pending)
            .map(|o| (o, ledger.test_view(o.test(), as_of).unwrap().window.until().unwrap()))
            .collect();
        prop_assert_eq!(report.n(), resolved.len());
        for (i, (o, _)) in resolved.iter().enumerate() {
            let earlier: Vec<&Outcome> =
                resolved.iter().filter(|(_, end)| *end < o.date()).map(|(x, _)| x).collect();
            let mut board = Scoreboard::new(&config);
            for x in &earlier {
                board.add(x);
            }
            let a = ledger.assess_with(o.date(), board);
            let want = a.reliability_for(o.guarantor(), o.obligation()).mean();
            let got = report.predictions()[i];
            prop_assert!((got.model() - want).abs() <= 1e-9, "{} vs {}", got.model(), want);
            let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
            let global = mean(earlier.iter().map(|x| x.fulfilment()).collect()).unwrap_or(0.5);
            let kind = mean(earlier.iter().filter(|x| x.obligation() == o.obligation()).map(|x| x.fulfilment()).collect()).unwrap_or(global);
            let era = |d: NaiveDate| d >= cut;
            let kind_era = mean(earlier.iter().filter(|x| x.obligation() == o.obligation() && era(x.date()) == era(o.date())).map(|x| x.fulfilment()).collect()).unwrap_or(kind);
            prop_assert!((got.predicted(Predictor::Global) - global).abs() <= 1e-12);
            prop_assert!((got.predicted(Predictor::Kind) - kind).abs() <= 1e-12);
            prop_assert!((got.predicted(Predictor::KindEra) - kind_era).abs() <= 1e-12);
        }
        // Skill intervals are ordered and contain... nothing forced; just well formed.
        for k in report.skills() {
            if let Some((lo, hi)) = k.brier_interval {
                prop_assert!(lo <= hi);
            }
        }
    }

    /// The reliability series under any prior model equals one assessment
    /// per date (batch = incremental for the learned prior).
    #[test]
    fn series_equals_assessments(s in spec(), config in config(), as_of in as_of()) {
        let ledger = Ledger::new(s.parts().timeline(), config).unwrap();
        let tl = ledger.timeline();
        let dates = [as_of, late(), NaiveDate::from_ymd_opt(2000, 6, 1).unwrap()];
        for x in tl.actors() {
            let k = tl.key(x.id()).unwrap();
            let series = ledger.reliability_series(k, &dates);
            for (d, r) in dates.iter().zip(series) {
                let want = ledger.assess(*d).reliability(k);
                prop_assert!((r.alpha() - want.alpha()).abs() <= 1e-9 * want.alpha().max(1.0), "{} vs {}", r.alpha(), want.alpha());
                prop_assert!((r.beta() - want.beta()).abs() <= 1e-9 * want.beta().max(1.0));
            }
        }
    }
}

// ------------------------------------------------------------- threads --

#[cfg(feature = "rayon")]
#[allow(dead_code)]
mod support;
#[cfg(feature = "rayon")]
use support::on_threads;

#[cfg(feature = "rayon")]
proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// T1. The thread count changes nothing, to the bit: tests opened on
    /// every core (`Ledger::new`), outcomes computed on every core
    /// (`assess`, `assess_lenses`), against one thread.
    #[test]
    fn thread_count_is_irrelevant(
        s in spec(), config in lens_config(), as_of in as_of(), threads in 2..5usize
    ) {
        let tl = s.parts().timeline();
        let one = on_threads(1, || Ledger::new(tl.clone(), config.clone()).unwrap());
        let many = on_threads(threads, || Ledger::new(tl, config).unwrap());
        prop_assert_eq!(one.test_count(), many.test_count());
        let (a, b) = (
            on_threads(1, || one.assess(as_of)),
            on_threads(threads, || many.assess(as_of)),
        );
        same_bits(&fingerprint(&a), &fingerprint(&b))?;
        prop_assert_eq!(a.outcomes(), b.outcomes());
        let [l1, e1] = on_threads(1, || one.assess_lenses(as_of));
        let [l2, e2] = on_threads(threads, || many.assess_lenses(as_of));
        same_bits(&fingerprint(&l1), &fingerprint(&l2))?;
        same_bits(&fingerprint(&e1), &fingerprint(&e2))?;
        prop_assert_eq!(l1.outcomes(), l2.outcomes());
        prop_assert_eq!(e1.outcomes(), e2.outcomes());
    }
}

/// Regression (found by reading, issue 17's peers): the learned prior's
/// per-guarantor kind sums rebased and merged six of the seven obligation
/// kinds, so a merge dropped the other board's strategic-partnership
/// evidence from the prior. Two shards, one strategic-partnership test
/// each, years apart (so the merge rebases), must merge to the single fold.
#[test]
fn strategic_partnership_evidence_survives_a_merge() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let timeline = Timeline::builder()
        .actor(Actor::new("RUS", "Russia", ActorKind::State).unwrap())
        .actor(Actor::new("IRN", "Iran", ActorKind::State).unwrap())
        .actor(Actor::new("SYR", "Syria", ActorKind::State).unwrap())
        .commitment(
            Commitment::new(
                "RUS-IRN",
                Parties::directed("RUS", "IRN").unwrap(),
                Obligation::StrategicPartnership,
                Period::starting(d(2000, 1, 1)),
            )
            .unwrap(),
        )
        .commitment(
            Commitment::new(
                "RUS-SYR",
                Parties::directed("RUS", "SYR").unwrap(),
                Obligation::Defence,
                Period::starting(d(2000, 1, 1)),
            )
            .unwrap(),
        )
        .crisis(
            Crisis::new(
                "IRN-1",
                "IRN",
                Period::new(d(2005, 1, 1), Some(d(2005, 2, 1))).unwrap(),
                CrisisKind::Other,
            )
            .unwrap(),
        )
        .crisis(
            Crisis::new(
                "IRN-2",
                "IRN",
                Period::new(d(2020, 1, 1), Some(d(2020, 2, 1))).unwrap(),
                CrisisKind::Other,
            )
            .unwrap(),
        )
        .crisis(
            Crisis::new(
                "SYR-1",
                "SYR",
                Period::new(d(2012, 1, 1), Some(d(2012, 2, 1))).unwrap(),
                CrisisKind::Other,
            )
            .unwrap(),
        )
        .event(SupportEvent::new("RUS", "IRN", d(2005, 1, 10), SupportKind::Diplomatic).unwrap())
        .event(SupportEvent::new("RUS", "SYR", d(2012, 1, 10), SupportKind::Military).unwrap())
        .build()
        .unwrap();
    let ledger = Ledger::new(timeline, Config::default()).unwrap();
    let as_of = d(2024, 1, 1);
    let outcomes = ledger.outcomes(as_of);
    assert_eq!(outcomes.len(), 3);
    for split in [[0, 1, 1], [1, 0, 0], [0, 1, 0], [1, 1, 0]] {
        let mut boards = [
            Scoreboard::new(ledger.config()),
            Scoreboard::new(ledger.config()),
        ];
        for (o, &s) in outcomes.iter().zip(&split) {
            boards[s].add(o);
        }
        let [mut a, b] = boards;
        a.merge(&b).unwrap();
        let merged = ledger.assess_with(as_of, a);
        close(
            &fingerprint(&ledger.assess(as_of)),
            &fingerprint(&merged),
            1e-12,
        )
        .unwrap();
    }
}
