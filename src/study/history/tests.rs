use super::*;
use crate::*;
use crate::{ActorKind, Crisis, CrisisKind, CrisisKinds, Initiator, Parties, Period, SupportEvent};
use chrono::NaiveDate;

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
    // The fixed Beta(1, 1) prior, so the arithmetic below is by hand.
    let ledger = Ledger::new(
        ledger(Rule::Leeds).timeline().clone(),
        Rule::Leeds.config().prior_model(crate::PriorModel::Fixed),
    );
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
