//! The fuzz targets' entry points (issue 11), shared by the cargo-fuzz
//! crate in `fuzz/` (each target calls one function here) and by
//! `tests/fuzz_regressions.rs`, which replays every input that ever failed
//! on stable Rust. Every function must return normally on any input: a
//! panic, a hang or unbounded memory is a finding.
//!
//! `structured` builds a timeline through the public constructors from
//! arbitrary bytes (via the `arbitrary` crate), varies the configuration
//! across everything the setters accept, builds a ledger, assesses,
//! explains, and checks two laws inside the target: shards merged equal
//! the single fold, and input order changes nothing, to the bit.
#![allow(dead_code)]

use std::sync::OnceLock;

use alliance_reliability::format::{Tables, read_json, read_tables_from};
use alliance_reliability::import::{
    AtopImport, CameoMap, CowAllianceImport, CowWarImport, GdeltImporter, IcewsImporter, MidImport,
    StateSystem, UcdpImport, read_icb_actors,
};
use alliance_reliability::*;
use arbitrary::Unstructured;
use chrono::{Duration, NaiveDate};

/// A target's entry point: must return normally on any input.
pub type Target = fn(&[u8]);

/// The targets, by name: the names of `fuzz/fuzz_targets/*.rs` and of the
/// folders under `fuzz/regressions/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("json", json),
    ("tables", tables),
    ("atop", atop),
    ("cow_alliance", cow_alliance),
    ("cow_war", cow_war),
    ("states", states),
    ("icb", icb),
    ("icews", icews),
    ("gdelt1", gdelt1),
    ("gdelt2", gdelt2),
    ("cameo", cameo),
    ("mid", mid),
    ("ucdp", ucdp),
    ("structured", structured),
];

fn bundled_states() -> &'static StateSystem {
    static S: OnceLock<StateSystem> = OnceLock::new();
    S.get_or_init(StateSystem::bundled)
}

/// A timeline that was read: build a ledger under a small test cap,
/// assess and explain, so that the fuzzer reaches past the reader.
fn exercise(tl: Timeline) {
    let config = Config::default().max_tests(20_000);
    let Ok(ledger) = Ledger::new(tl, config) else {
        return;
    };
    let as_of = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let a = ledger.assess(as_of);
    let tl = ledger.timeline();
    for actor in tl.actors().iter().take(8) {
        let Ok(key) = tl.key_of(actor.id().as_str()) else {
            continue;
        };
        let r = a.reliability(key);
        assert!(r.mean().is_finite());
        let _ = r.interval(0.9);
        let _ = a.explain_reliability(key).map(|e| e.to_string());
    }
}

/// The `alliance-timeline/1` JSON reader.
pub fn json(data: &[u8]) {
    if let Ok(tl) = read_json(data, "fuzz.json") {
        exercise(tl);
    }
}

/// The five CSV tables, cut from the input at `0xFF` bytes (which valid
/// UTF-8 never holds): actors, memberships, commitments, crises, events.
pub fn tables(data: &[u8]) {
    let mut parts = data.split(|&b| b == 0xFF);
    let mut next = || parts.next().unwrap_or(&[]);
    let t = Tables {
        actors: next(),
        memberships: next(),
        commitments: next(),
        crises: next(),
        events: next(),
    };
    if let Ok(tl) = read_tables_from(t) {
        exercise(tl);
    }
}

/// ATOP 5.1 member file.
pub fn atop(data: &[u8]) {
    let _ = AtopImport::read(data, "atop.csv", bundled_states());
}

/// COW alliances v4.1 (dyad-year file).
pub fn cow_alliance(data: &[u8]) {
    let _ = CowAllianceImport::read(data, "alliance.csv", bundled_states());
}

/// COW inter-state wars v4.0.
pub fn cow_war(data: &[u8]) {
    let _ = CowWarImport::read(data, "wars.csv", bundled_states());
}

/// COW state system membership.
pub fn states(data: &[u8]) {
    let _ = StateSystem::read(data, "states.csv");
}

/// ICB actor-level file.
pub fn icb(data: &[u8]) {
    let _ = read_icb_actors(data, "icb.csv", bundled_states());
}

/// ICEWS tab-separated event file.
pub fn icews(data: &[u8]) {
    static I: OnceLock<IcewsImporter> = OnceLock::new();
    let _ = I
        .get_or_init(IcewsImporter::bundled)
        .read(data, "icews.tab");
}

/// GDELT 1.0 event file.
pub fn gdelt1(data: &[u8]) {
    static G: OnceLock<GdeltImporter> = OnceLock::new();
    let _ = G
        .get_or_init(GdeltImporter::bundled)
        .read_v1(data, "gdelt1.csv");
}

/// GDELT 2.0 event file.
pub fn gdelt2(data: &[u8]) {
    static G: OnceLock<GdeltImporter> = OnceLock::new();
    let _ = G
        .get_or_init(GdeltImporter::bundled)
        .read_v2(data, "gdelt2.csv");
}

/// CAMEO code tables, both layouts (GDELT's and ICEWS's).
pub fn cameo(data: &[u8]) {
    let _ = CameoMap::read_gdelt(data, "cameo.txt");
    let _ = CameoMap::read_icews(data, "cameo.csv");
}

/// MID participant file.
pub fn mid(data: &[u8]) {
    let _ = MidImport::read(data, "mid.csv", bundled_states());
}

/// UCDP/PRIO armed conflict file.
pub fn ucdp(data: &[u8]) {
    let _ = UcdpImport::read(data, "ucdp.csv", bundled_states());
}

// ---------------------------------------------------------------------
// The structured target.

/// A number from the whole `f64` range half the time (every bit pattern:
/// NaN, infinities, subnormals), else a "reasonable" one in `[0, scale]`.
fn any_f64(u: &mut Unstructured<'_>, scale: f64) -> arbitrary::Result<f64> {
    if u.arbitrary::<bool>()? {
        Ok(f64::from_bits(u.arbitrary()?))
    } else {
        Ok(f64::from(u.arbitrary::<u16>()?) / f64::from(u16::MAX) * scale)
    }
}

/// A date: mostly 1800–2100, sometimes at the edges of the supported
/// range (years -9999 and 9999) or of chrono's.
fn any_date(u: &mut Unstructured<'_>) -> arbitrary::Result<NaiveDate> {
    let base = match u.int_in_range(0..=9u8)? {
        0 => NaiveDate::from_ymd_opt(-9999, 1, 1).unwrap(),
        1 => NaiveDate::from_ymd_opt(9999, 1, 1).unwrap(),
        2 => NaiveDate::MIN,
        _ => NaiveDate::from_ymd_opt(1800, 1, 1).unwrap(),
    };
    let days = u.int_in_range(0..=110_000i64)?;
    Ok(base
        .checked_add_signed(Duration::days(days))
        .unwrap_or(base))
}

fn pick<T: Copy>(u: &mut Unstructured<'_>, items: &[T]) -> arbitrary::Result<T> {
    Ok(*u.choose(items)?)
}

/// A configuration: each setting from its whole accepted range (values a
/// setter refuses leave the default).
fn any_config(u: &mut Unstructured<'_>) -> arbitrary::Result<Config> {
    let mut c = Config::default();
    match u.int_in_range(0..=2u8)? {
        0 => c = c.no_decay(),
        1 => {
            if let Ok(h) = HalfLife::from_days(any_f64(u, 40_000.0)?) {
                c = c.half_life(h);
            }
        }
        _ => {}
    }
    if let Ok(p) = Prior::new(any_f64(u, 50.0)?, any_f64(u, 50.0)?) {
        c = c.prior(p);
    }
    if let Ok(x) = c.clone().pooling(any_f64(u, 50.0)?) {
        c = x;
    }
    if let Ok(x) = c.clone().window_days(u.arbitrary()?) {
        c = x;
    }
    if let Ok(x) = c.clone().abandonment_threshold(any_f64(u, 1.0)?) {
        c = x;
    }
    let mut ladder = Ladder::default();
    for _ in 0..u.int_in_range(0..=3u8)? {
        if let Ok(l) = ladder.with(pick(u, &SupportKind::ALL)?, any_f64(u, 1.0)?) {
            ladder = l;
        }
    }
    c = c.ladder(ladder);
    for _ in 0..u.int_in_range(0..=2u8)? {
        if let Ok(x) = c
            .clone()
            .required_for(pick(u, &Obligation::ALL)?, pick(u, &SupportKind::ALL)?)
        {
            c = x;
        }
    }
    c = c
        .invocation(pick(
            u,
            &[Invocation::Conditional, Invocation::Unconditional],
        )?)
        .judging(pick(u, &[Judging::Treaty, Judging::EqualSplit])?)
        .lens(pick(u, &[Lens::Letter, Lens::Expectation])?);
    if let Ok(w) = ExpectationWeights::new(any_f64(u, 1.0)?, any_f64(u, 1.0)?, any_f64(u, 1.0)?) {
        c = c.expectation(w);
    }
    if u.arbitrary::<bool>()? {
        c = c.prior_model(PriorModel::Fixed);
    } else {
        let mut k = KindPrior::default();
        if let Ok(x) = k.strength(any_f64(u, 20.0)?) {
            k = x;
        }
        if let Ok(x) = k.cross_kind(any_f64(u, 20.0)?) {
            k = x;
        }
        if let Ok(x) = k.smoothing(any_f64(u, 20.0)?) {
            k = x;
        }
        c = c.prior_model(PriorModel::ByKind(k));
    }
    // Small worlds, so at most a few thousand tests; a cap sometimes hit.
    c = c.max_tests(u.int_in_range(0..=5_000u64)?);
    Ok(c)
}

/// The records of a world, in input order.
struct World {
    actors: Vec<Actor>,
    memberships: Vec<Membership>,
    commitments: Vec<Commitment>,
    crises: Vec<Crisis>,
    events: Vec<SupportEvent>,
}

impl World {
    fn timeline(&self) -> Result<Timeline, Error> {
        Timeline::builder()
            .actors(self.actors.iter().cloned())
            .memberships(self.memberships.iter().cloned())
            .commitments(self.commitments.iter().cloned())
            .crises(self.crises.iter().cloned())
            .events(self.events.iter().cloned())
            .build()
    }

    /// The same records, each list reversed (a different input order).
    fn reversed(&self) -> World {
        World {
            actors: self.actors.iter().rev().cloned().collect(),
            memberships: self.memberships.iter().rev().cloned().collect(),
            commitments: self.commitments.iter().rev().cloned().collect(),
            crises: self.crises.iter().rev().cloned().collect(),
            events: self.events.iter().rev().cloned().collect(),
        }
    }
}

fn any_world(u: &mut Unstructured<'_>) -> arbitrary::Result<World> {
    let n = u.int_in_range(2..=10usize)?;
    let id = |i: usize| format!("A{i}");
    let kinds = [
        ActorKind::State,
        ActorKind::State,
        ActorKind::Bloc,
        ActorKind::NonState,
    ];
    let mut actors = Vec::new();
    let mut blocs = Vec::new();
    for i in 0..n {
        let kind = pick(u, &kinds)?;
        if kind == ActorKind::Bloc {
            blocs.push(i);
        }
        actors.push(Actor::new(id(i), id(i), kind).unwrap());
    }
    let who = |u: &mut Unstructured<'_>| -> arbitrary::Result<usize> { u.int_in_range(0..=n - 1) };
    let period = |u: &mut Unstructured<'_>| -> arbitrary::Result<Option<Period>> {
        let from = any_date(u)?;
        let until = if u.arbitrary()? {
            Some(from + Duration::days(u.int_in_range(0..=20_000)?))
        } else {
            None
        };
        Ok(Period::new(from, until).ok())
    };
    let mut memberships = Vec::new();
    if !blocs.is_empty() {
        for _ in 0..u.int_in_range(0..=12u8)? {
            let b = pick(u, &blocs)?;
            let m = who(u)?;
            if let Some(p) = period(u)? {
                memberships.extend(Membership::new(id(b), id(m), p).ok());
            }
        }
    }
    let mut commitments = Vec::new();
    for c in 0..u.int_in_range(0..=10usize)? {
        let Some(p) = period(u)? else { continue };
        let (a, b) = (who(u)?, who(u)?);
        let parties = match u.int_in_range(0..=2u8)? {
            0 => Parties::Directed {
                guarantor: id(a).parse().unwrap(),
                beneficiary: id(b).parse().unwrap(),
            },
            1 => Parties::Mutual(id(a).parse().unwrap(), id(b).parse().unwrap()),
            _ => Parties::Bloc(id(a).parse().unwrap()),
        };
        let Ok(mut commitment) =
            Commitment::new(format!("C{c}"), parties, pick(u, &Obligation::ALL)?, p)
        else {
            continue;
        };
        if u.arbitrary()? {
            commitment = commitment.with_required(pick(u, &SupportKind::ALL)?);
        }
        if u.arbitrary()? {
            commitment = commitment.with_provocation(pick(
                u,
                &[
                    Provocation::Unconditional,
                    Provocation::ExcludedIfBeneficiaryInitiated,
                    Provocation::OnlyIfBeneficiaryInitiated,
                ],
            )?);
        }
        if u.arbitrary()? {
            let t: TreatyId = format!("T{}", u.int_in_range(0..=2u8)?).parse().unwrap();
            commitment = commitment.with_treaty(t);
        }
        commitments.push(commitment);
    }
    let mut crises = Vec::new();
    for c in 0..u.int_in_range(0..=10usize)? {
        let Some(p) = period(u)? else { continue };
        let Ok(mut crisis) =
            Crisis::new(format!("K{c}"), id(who(u)?), p, pick(u, &CrisisKind::ALL)?)
        else {
            continue;
        };
        if let Ok(s) = Severity::new(any_f64(u, 1.0)?) {
            crisis = crisis.with_severity(s);
        }
        if u.arbitrary()? {
            crisis = crisis.with_adversaries([id(who(u)?)]);
        }
        if u.arbitrary()? {
            crisis = crisis.with_initiator(Initiator::Target);
        }
        crises.push(crisis);
    }
    let mut events = Vec::new();
    for _ in 0..u.int_in_range(0..=40usize)? {
        let Ok(mut e) = SupportEvent::new(
            id(who(u)?),
            id(who(u)?),
            any_date(u)?,
            pick(u, &SupportKind::ALL)?,
        ) else {
            continue;
        };
        if let Ok(i) = Intensity::new(any_f64(u, 1.0)?) {
            e = e.with_intensity(i);
        }
        if let Ok(c) = Confidence::new(any_f64(u, 1.0)?) {
            e = e.with_confidence(c);
        }
        events.push(e);
    }
    Ok(World {
        actors,
        memberships,
        commitments,
        crises,
        events,
    })
}

/// What the laws compare for one actor: posterior, decayed sums, counts
/// and Kish's ratio, by actor id.
fn fingerprint(ledger: &Ledger, a: &Assessment<'_>) -> Vec<(String, [u64; 6])> {
    let tl = ledger.timeline();
    let mut out: Vec<(String, [u64; 6])> = tl
        .actors()
        .iter()
        .map(|actor| {
            let k = tl.key_of(actor.id().as_str()).unwrap();
            let r = a.reliability(k);
            let t = r.totals();
            (
                actor.id().as_str().to_string(),
                [
                    r.alpha().to_bits(),
                    r.beta().to_bits(),
                    t.weight.to_bits(),
                    t.weighted_fulfilment.to_bits(),
                    r.tests(),
                    r.effective_tests().to_bits(),
                ],
            )
        })
        .collect();
    out.sort();
    out
}

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-300
}

/// Builds an arbitrary world and configuration, checks everything returns
/// and the laws hold.
pub fn structured(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(config) = any_config(&mut u) else {
        return;
    };
    let Ok(world) = any_world(&mut u) else { return };
    let mut dates = Vec::new();
    for _ in 0..3 {
        dates.push(any_date(&mut u).unwrap_or(NaiveDate::MAX));
    }
    let level = any_f64(&mut u, 1.0).unwrap_or(0.9);
    let shards: Vec<u8> = (0..64)
        .map(|_| u.arbitrary::<u8>().unwrap_or(0) % 4)
        .collect();
    let Ok(tl) = world.timeline() else { return };
    let ledger = match Ledger::new(tl, config.clone()) {
        Ok(l) => l,
        Err(Error::TooManyTests { limit, .. }) => {
            assert_eq!(limit, config.get_max_tests());
            return;
        }
        Err(e) => panic!("Ledger::new failed with {e}"),
    };
    assert!(ledger.test_count() as u64 <= config.get_max_tests());
    let tl = ledger.timeline();
    let keys: Vec<ActorKey> = tl
        .actors()
        .iter()
        .map(|a| tl.key_of(a.id().as_str()).unwrap())
        .collect();
    for &as_of in &dates {
        let a = ledger.assess(as_of);
        for &k in &keys {
            let r = a.reliability(k);
            assert!(r.alpha().is_finite() && r.beta().is_finite(), "{r:?}");
            let m = r.mean();
            assert!(
                (0.0..=1.0).contains(&m),
                "mean {m} of {r:?} under {:?}",
                ledger.config()
            );
            assert!(r.effective_tests().is_finite());
            if let Ok(i) = r.interval(level) {
                assert!(i.lower <= i.upper, "{i:?}");
            }
            let _ = a.explain_reliability(k).map(|e| e.to_string());
            let _ = a.bloc(k).map(|b| b.mean());
            let _ = a.explain_bloc(k).map(|e| e.to_string());
            for &c in keys.iter().take(3) {
                let ab = a.abandonment(k, c);
                let _ = ab.risk_interval(level);
                let _ = a.explain_abandonment(k, c).map(|e| e.to_string());
                let _ = a.reciprocity(k, c);
            }
        }
        // Law 1: shards of the outcomes, merged, equal the single fold.
        let outcomes = ledger.outcomes(as_of);
        let mut boards: Vec<Scoreboard> =
            (0..4).map(|_| Scoreboard::new(ledger.config())).collect();
        for (i, o) in outcomes.iter().enumerate() {
            boards[usize::from(shards[i % shards.len()])].add(o);
        }
        let b3 = boards.pop().unwrap();
        boards[2].merge(&b3).unwrap();
        let b2 = boards.pop().unwrap();
        let b1 = boards.pop().unwrap();
        boards[0].merge(&b1).unwrap();
        boards[0].merge(&b2).unwrap();
        let merged = ledger.assess_with(as_of, boards.pop().unwrap());
        for (x, y) in fingerprint(&ledger, &a)
            .iter()
            .zip(fingerprint(&ledger, &merged).iter())
        {
            assert_eq!(x.0, y.0);
            assert_eq!(x.1[4], y.1[4], "tests of {}", x.0);
            for j in [2, 3] {
                let (p, q) = (f64::from_bits(x.1[j]), f64::from_bits(y.1[j]));
                assert!(close(p, q), "merge law, {} field {j}: {p} vs {q}", x.0);
            }
        }
    }
    // Law 2: input order changes nothing, to the bit.
    let Ok(tl2) = world.reversed().timeline() else {
        panic!("the reversed world must validate as the world did");
    };
    let other = Ledger::new(tl2, config).expect("same tests, same cap");
    assert_eq!(ledger.test_count(), other.test_count());
    for &as_of in &dates {
        assert_eq!(
            fingerprint(&ledger, &ledger.assess(as_of)),
            fingerprint(&other, &other.assess(as_of)),
            "order law at {as_of}"
        );
    }
}
