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
    .with_adversaries([enemy])
    .with_initiator(initiator)
    .with_label(format!("{id} label"))
}

/// USA owes UKG defence, offence and non-aggression, and FRN neutrality.
/// UKG fights two wars: 1914 (attacked; the USA fights alongside) and
/// 1950 (it starts the war; the USA stays out; FRN fights against it).
/// Judged clause by clause ([`Judging::EqualSplit`]), so that each
/// obligation kind has its own test; [`treaty_level_tallies`] judges them
/// as treaties.
fn ledger(rule: Rule) -> Ledger {
    ledger_with(rule, rule.config())
}

fn ledger_with(rule: Rule, config: Config) -> Ledger {
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
    Ledger::new(tl, config).unwrap()
}

#[test]
fn treaty_level_tallies() {
    // Judged as treaties (the default), each (war, guarantor) is one test
    // against the most demanding clause invoked: W1 USA defence (honoured),
    // W1 FRN neutrality (honoured), W2 USA offence (abandoned; the
    // non-aggression pledge kept by staying out no longer dilutes it),
    // W2 FRN neutrality (betrayed).
    let ledger = ledger_with(Rule::Leeds, Rule::Leeds.config().judging(Judging::Treaty));
    assert_eq!(ledger.test_count(), 4);
    let all = Breakdown::new(&ledger, AS_OF).tally(&Scope::all());
    assert_eq!(
        (
            all.resolved(),
            all.honoured(),
            all.abandoned(),
            all.betrayed()
        ),
        (4, 2, 1, 1)
    );
    assert!((all.weight() - 4.0).abs() < 1e-12);
    assert!((all.weighted_share().unwrap() - 0.5).abs() < 1e-12);
    // Sabrosky: every war tests all three USA commitments, all requiring
    // military action; one test per (war, guarantor).
    let sab = ledger_with(
        Rule::Sabrosky,
        Rule::Sabrosky.config().judging(Judging::Treaty),
    );
    assert_eq!(sab.test_count(), 4);
    let t = Breakdown::new(&sab, AS_OF).tally(&Scope::all());
    assert_eq!(
        (t.resolved(), t.honoured(), t.abandoned(), t.betrayed()),
        (4, 1, 2, 1)
    );
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
    )
    .unwrap();
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

// ------------------------------------------------------------ treaty readings

use crate::import::WarSpell;

/// One war, day 0 = 1 March 1900. Side 1 started it (A is COW's
/// initiator); B is the original target. C joined side 2 on day 30 with a
/// new enemy D entering the same day; E joined side 2 on day 60 alone; F
/// joined the initiating side on day 10; G joined side 2 on day 91, the day
/// after H joined side 1.
fn spells() -> (Vec<Crisis>, Vec<WarSpell>) {
    let rows: [(&str, u16, u8, i64, Initiator); 8] = [
        ("A", 1, 1, 0, Initiator::Target),
        ("B", 2, 2, 0, Initiator::Other),
        ("C", 3, 2, 30, Initiator::Other),
        ("D", 4, 1, 30, Initiator::Other),
        ("E", 5, 2, 60, Initiator::Other),
        ("F", 6, 1, 10, Initiator::Other),
        ("G", 7, 2, 91, Initiator::Other),
        ("H", 8, 1, 90, Initiator::Other),
    ];
    let start = d(1900, 3, 1);
    let mut crises = Vec::new();
    let mut spells = Vec::new();
    for (id, code, side, day, initiator) in rows {
        let from = start + chrono::Days::new(day as u64);
        let period = Period::new(from, Some(d(1900, 12, 31))).unwrap();
        let enemies: Vec<ActorId> = rows
            .iter()
            .filter(|r| r.2 != side)
            .map(|r| r.0.parse().unwrap())
            .collect();
        let c = Crisis::new(format!("W:{id}"), id, period, CrisisKind::ExternalAttack)
            .unwrap()
            .with_adversaries(enemies)
            .with_initiator(initiator)
            .with_regions(Regions::of([Region::Europe]));
        spells.push(WarSpell {
            crisis: c.id().clone(),
            war: 1,
            ccode: code,
            side,
            period,
            initiator,
            second: false,
            regions: c.regions(),
        });
        crises.push(c);
    }
    (crises, spells)
}

#[test]
fn attacked_reads_sides_and_entry_dates() {
    let (_, sp) = spells();
    let st = stances(&sp, 1);
    let attacked: Vec<bool> = st.iter().map(|s| s.attacked).collect();
    // A, D, F, H on the initiating side; B original target; C entered with
    // a new enemy; E alone; G one day after H.
    assert_eq!(
        attacked,
        [false, true, true, false, false, false, true, false]
    );
    assert!(st[5].initiating_side && !st[5].original);
    assert!(st[0].original && st[1].original);
    // With no slack G is not attacked; C still is (same day).
    let strict = stances(&sp, 0);
    assert!(!strict[6].attacked && strict[2].attacked);
    // A war with no initiating side: every original participant attacked.
    let mut none = sp.clone();
    none[0].initiator = Initiator::Other;
    let st = stances(&none, 1);
    assert!(st[0].attacked && st[1].attacked && !st[0].initiating_side);
}

#[test]
fn crises_read_under_the_treaty_rule() {
    let (crises, sp) = spells();
    let (read, _) = reading::read_conflicts(&Reading::DEFAULT, &crises, &sp, &[]);
    let kinds: Vec<CrisisKind> = read.iter().map(|c| c.kind()).collect();
    use CrisisKind::{ExternalAttack as X, Other as O};
    assert_eq!(kinds, [O, X, X, O, O, O, X, O]);
    // Side-based initiation: F joined the initiating side.
    assert_eq!(read[5].initiator(), Initiator::Target);
    assert_eq!(read[1].initiator(), Initiator::Other);
    // Offence by COW's Initiator alone.
    let state_level = Reading {
        side_based_offence: false,
        ..Reading::DEFAULT
    };
    let (read, _) = reading::read_conflicts(&state_level, &crises, &sp, &[]);
    assert_eq!(read[5].initiator(), Initiator::Other);
    // An uprising is not re-typed; Reading::NONE changes nothing.
    let up = crises[3].clone().with_kind(CrisisKind::InternalUprising);
    let (read, _) =
        reading::read_conflicts(&Reading::DEFAULT, std::slice::from_ref(&up), &sp[3..4], &[]);
    assert_eq!(read[0].kind(), CrisisKind::InternalUprising);
    let (read, _) = reading::read_conflicts(&Reading::NONE, &crises, &sp, &[]);
    assert_eq!(read, crises);
}

/// A timeline of the hand-made war under `reading`, with the commitments
/// given and every pair of enemies hostile, every pair of allies military,
/// dated at the later entry.
fn treaty_ledger(reading: Reading, commitments: Vec<Commitment>, pact: &[&str]) -> Ledger {
    let (crises, sp) = spells();
    let mut events = Vec::new();
    for x in &crises {
        for y in &crises {
            if x.target() == y.target() {
                continue;
            }
            let (sx, sy) = (
                sp.iter().find(|s| &s.crisis == x.id()).unwrap(),
                sp.iter().find(|s| &s.crisis == y.id()).unwrap(),
            );
            let kind = if sx.side == sy.side {
                SupportKind::Military
            } else {
                SupportKind::Hostile
            };
            let day = x.start().max(y.start());
            events.push(
                SupportEvent::new(y.target().as_str(), x.target().as_str(), day, kind).unwrap(),
            );
        }
    }
    let (crises, events) = reading::read_conflicts(&reading, &crises, &sp, &events);
    let pact: Vec<ActorId> = pact.iter().map(|p| p.parse().unwrap()).collect();
    let rule = Rule::Treaty(reading);
    let mut b = Timeline::builder();
    for id in ["A", "B", "C", "D", "E", "F", "G", "H", "X", "Y"] {
        b = b.actor(Actor::new(id, id, ActorKind::State).unwrap());
    }
    let tl = b
        .commitments(
            commitments
                .into_iter()
                .map(|c| reading::commitment(&reading, rule.commitment(c), &pact)),
        )
        .crises(crises)
        .events(events)
        .build()
        .unwrap();
    Ledger::new(tl, rule.config()).unwrap()
}

fn statuses(ledger: &Ledger) -> Vec<(String, Status)> {
    let mut out: Vec<(String, Status)> = ledger
        .outcomes(AS_OF)
        .iter()
        .map(|o| {
            let v = ledger.test_view(o.test(), AS_OF).unwrap();
            (
                format!("{}>{}", v.commitment.id(), v.crisis.target()),
                o.status(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn defence_only_when_attacked_and_offence_by_side() {
    let c = vec![
        directed("dC", "X", "C", Obligation::Defence),
        directed("dE", "X", "E", Obligation::Defence),
        directed("dF", "X", "F", Obligation::Defence),
        directed("oF", "Y", "F", Obligation::Offence),
        directed("oB", "Y", "B", Obligation::Offence),
    ];
    let l = treaty_ledger(Reading::DEFAULT, c.clone(), &[]);
    // Defence toward C (attacked) only; offence toward F (initiating side).
    assert_eq!(
        statuses(&l),
        [
            ("dC>C".to_string(), Status::Abandoned),
            ("oF>F".to_string(), Status::Abandoned)
        ]
    );
    // Read by COW's Initiator alone, E is attacked and F did not start it.
    let old = Reading {
        attacked_within_days: None,
        side_based_offence: false,
        ..Reading::DEFAULT
    };
    let ids: Vec<String> = statuses(&treaty_ledger(old, c, &[]))
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(ids, ["dC>C", "dE>E", "dF>F"]);
}

#[test]
fn non_aggression_between_enemies_kept_only_if_the_partner_started() {
    let c = vec![
        // A started the war: B fighting A keeps its pledge to A.
        directed("nBA", "B", "A", Obligation::NonAggression),
        // B did not start it: A fighting B breaks its pledge to B.
        directed("nAB", "A", "B", Obligation::NonAggression),
        // C and E never fought X: not invoked.
        directed("nXC", "X", "C", Obligation::NonAggression),
        // F and H are allies: not invoked.
        directed("nFH", "F", "H", Obligation::NonAggression),
    ];
    let l = treaty_ledger(Reading::DEFAULT, c.clone(), &[]);
    assert_eq!(
        statuses(&l),
        [
            ("nAB>B".to_string(), Status::Betrayed),
            ("nBA>A".to_string(), Status::Honoured)
        ]
    );
    // Every war of the partner tests it when the reading is off.
    let off = Reading {
        opposite_side_non_aggression: false,
        ..Reading::DEFAULT
    };
    let s = statuses(&treaty_ledger(off, c, &[]));
    assert_eq!(s.len(), 4);
    assert_eq!(s[1], ("nBA>A".to_string(), Status::Betrayed));
}

#[test]
fn wars_within_a_pact_and_outside_its_region_do_not_invoke_defence() {
    let c = vec![
        directed("dB", "X", "B", Obligation::Defence),
        directed("dB-asia", "Y", "B", Obligation::Defence)
            .with_regions(Regions::of([Region::Asia])),
        directed("dB-threat", "X", "B", Obligation::Defence).with_adversaries(["A"]),
        directed("dB-other", "Y", "B", Obligation::Defence).with_adversaries(["E"]),
    ];
    // B's enemies include D, a member of B's pact: left out.
    let l = treaty_ledger(Reading::DEFAULT, c.clone(), &["B", "D", "X", "Y"]);
    assert!(statuses(&l).is_empty());
    // Without the pact, the pledge is invoked, the Asian one is not (B
    // fought in Europe), the one naming A is, the one naming E is not.
    let l = treaty_ledger(Reading::DEFAULT, c.clone(), &[]);
    let ids: Vec<String> = statuses(&l).into_iter().map(|(k, _)| k).collect();
    assert_eq!(ids, ["dB-threat>B", "dB>B"]);
    // Location and named threats off: all four.
    let off = Reading {
        location: false,
        named_threats: false,
        ..Reading::DEFAULT
    };
    assert_eq!(statuses(&treaty_ledger(off, c, &[])).len(), 4);
}

#[test]
fn treaty_rule_names_and_readings() {
    assert_eq!(Rule::LEEDS_TREATY.reading(), Reading::DEFAULT);
    assert_eq!(Rule::Leeds.reading(), Reading::NONE);
    assert_eq!(Rule::LEEDS_TREATY.to_string(), "Leeds (treaty)");
    assert_eq!(Rule::LEEDS_TREATY.invocation(), Invocation::Conditional);
    assert_eq!(Reading::default(), Reading::DEFAULT);
    // The previous rule clears the importer's adversary and region triggers.
    let c = directed("d", "USA", "UKG", Obligation::Defence)
        .with_adversaries(["GMY"])
        .with_regions(Regions::of([Region::Europe]));
    let old = Rule::Leeds.commitment(c.clone());
    assert!(old.triggers().adversaries.is_empty() && old.triggers().regions.is_empty());
    let new = Rule::LEEDS_TREATY.commitment(c);
    assert_eq!(new.triggers().adversaries.len(), 1);
    for f in Figure::ALL {
        assert_eq!(
            f.tolerance().is_some(),
            f.citation() == "Berkemeier & Fuhrmann 2018"
        );
    }
}

#[test]
fn stances_do_not_depend_on_spell_order() {
    let (_, sp) = spells();
    let want = stances(&sp, 1);
    for k in 0..sp.len() {
        let mut rotated = sp.clone();
        rotated.rotate_left(k);
        let mut got = stances(&rotated, 1);
        got.rotate_right(k);
        assert_eq!(got, want, "rotation {k}");
        let mut reversed = sp.clone();
        reversed.reverse();
        let mut got = stances(&reversed, 1);
        got.reverse();
        assert_eq!(got, want);
    }
}
