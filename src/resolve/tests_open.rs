//! Opening tests through [`Invokers`] against the exhaustive pairing it
//! replaced: every crisis checked against every commitment. Same tests,
//! same order, same fields, bit for bit, on random worlds.

use super::*;
use crate::{Actor, CrisisKind, CrisisKinds, Membership, Obligation, Severity, Timeline};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn d(day: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(day as u64)
}

/// `states` states and `blocs` blocs with random, repeated and overlapping
/// memberships (some members are blocs), commitments of every party type
/// with random triggers, crises with adversaries and initiators.
fn world(
    rng: &mut Rng,
    states: usize,
    blocs: usize,
    commitments: usize,
    crises: usize,
) -> Timeline {
    let actor = |i: usize| {
        if i < states {
            format!("S{i}")
        } else {
            format!("B{}", i - states)
        }
    };
    let n = states + blocs;
    let mut b = Timeline::builder();
    for i in 0..n {
        let kind = if i < states {
            ActorKind::State
        } else {
            ActorKind::Bloc
        };
        b = b.actor(Actor::new(actor(i), "x", kind).unwrap());
    }
    for bl in states..n {
        for _ in 0..rng.below(3 * states / 2) {
            let m = rng.below(n);
            if m == bl {
                continue;
            }
            let from = rng.below(1500);
            let until = (rng.below(2) == 0).then(|| d(from + rng.below(1500)));
            b = b.membership(
                Membership::new(actor(bl), actor(m), Period::new(d(from), until).unwrap()).unwrap(),
            );
        }
    }
    for k in 0..commitments {
        let a = rng.below(n);
        let c = (a + 1 + rng.below(n - 1)) % n;
        let parties = match rng.below(4) {
            0 => Parties::Mutual(actor(a).parse().unwrap(), actor(c).parse().unwrap()),
            1 if blocs > 0 => Parties::Bloc(actor(states + rng.below(blocs)).parse().unwrap()),
            _ => Parties::Directed {
                guarantor: actor(a).parse().unwrap(),
                beneficiary: actor(c).parse().unwrap(),
            },
        };
        let from = rng.below(1500);
        let until = (rng.below(3) != 0).then(|| d(from + rng.below(1500)));
        let mut com = Commitment::new(
            format!("C{k}"),
            parties,
            Obligation::ALL[rng.below(Obligation::ALL.len())],
            Period::new(d(from), until).unwrap(),
        )
        .unwrap();
        if rng.below(4) == 0 {
            com = com.with_crisis_kinds(CrisisKinds::of([
                CrisisKind::ALL[rng.below(CrisisKind::ALL.len())],
                CrisisKind::ExternalAttack,
            ]));
        }
        if rng.below(4) == 0 {
            com = com.with_adversaries([actor(rng.below(n))]);
        }
        com = match rng.below(3) {
            0 => com.with_provocation(Provocation::ExcludedIfBeneficiaryInitiated),
            1 => com.with_provocation(Provocation::OnlyIfBeneficiaryInitiated),
            _ => com,
        };
        b = b.commitment(com);
    }
    for k in 0..crises {
        let target = rng.below(n);
        let start = rng.below(3000);
        let until = (rng.below(4) != 0).then(|| d(start + rng.below(200)));
        let kind = CrisisKind::ALL[rng.below(CrisisKind::ALL.len())];
        let mut c = Crisis::new(
            format!("K{k}"),
            actor(target),
            Period::new(d(start), until).unwrap(),
            kind,
        )
        .unwrap()
        .with_severity(Severity::new((1 + rng.below(1000)) as f64 / 1000.0).unwrap());
        if rng.below(3) != 0 {
            let x = (target + 1 + rng.below(n - 1)) % n;
            c = c.with_adversaries([actor(x)]);
        }
        if rng.below(3) == 0 {
            c = c.with_initiator(Initiator::Target);
        }
        b = b.crisis(c);
    }
    b.build().unwrap()
}

/// What a test is, with its severity's bits.
type Row = (u32, u32, u32, u32, Option<u32>, Day, Day, SupportKind, u64);

fn rows(ledger: &Ledger) -> Vec<Row> {
    ledger
        .tests
        .iter()
        .map(|t| {
            (
                t.crisis,
                t.commitment,
                t.guarantor,
                t.beneficiary,
                t.bloc,
                t.start,
                t.end,
                t.required,
                t.severity.to_bits(),
            )
        })
        .collect()
}

/// The code before [`Invokers`]: every crisis against every commitment.
fn exhaustive(tl: &Timeline, config: &Config) -> Vec<Row> {
    let mut out = Vec::new();
    for (c, crisis) in tl.crises().iter().enumerate() {
        let start = day(crisis.start());
        let target = tl.key(crisis.target()).unwrap().0;
        let window_end = start.saturating_add(config.window() as Day);
        let end = crisis
            .period()
            .until()
            .map_or(window_end, |u| day(u).min(window_end));
        let mut new = Vec::new();
        for (ci, commitment) in tl.commitments().iter().enumerate() {
            let conditional = config.get_invocation() == Invocation::Conditional;
            if !commitment.period().contains(crisis.start())
                || (conditional && !open::triggered(commitment, crisis))
            {
                continue;
            }
            let mut guarantors = Vec::new();
            let mut bloc = None;
            match commitment.parties() {
                Parties::Directed {
                    guarantor,
                    beneficiary,
                } => {
                    if beneficiary == crisis.target() {
                        guarantors.extend(tl.key(guarantor).map(|k| k.0));
                    }
                }
                Parties::Mutual(a, b) => {
                    if a == crisis.target() {
                        guarantors.extend(tl.key(b).map(|k| k.0));
                    } else if b == crisis.target() {
                        guarantors.extend(tl.key(a).map(|k| k.0));
                    }
                }
                Parties::Bloc(b) => {
                    let b = tl.key(b).unwrap().0;
                    if tl.is_member(b, target, start) {
                        bloc = Some(b);
                        guarantors
                            .extend(tl.members_at(b, start).into_iter().filter(|&m| m != target));
                    }
                }
            }
            for g in guarantors {
                new.push((c as u32, ci as u32, g, bloc, config.required(commitment)));
            }
        }
        for &(c, ci, g, bloc, required) in &new {
            let k = new.iter().filter(|x| x.2 == g).count();
            let severity = crisis.severity().get() / k as f64;
            out.push((
                c,
                ci,
                g,
                target,
                bloc,
                start,
                end,
                required,
                severity.to_bits(),
            ));
        }
    }
    out
}

#[test]
fn invokers_open_the_same_tests_as_the_exhaustive_pairing() {
    let mut total = 0;
    for seed in 1..=12u64 {
        let mut rng = Rng(0xA5A5_0000 + seed);
        let (states, blocs) = (4 + rng.below(30), rng.below(4));
        let (commitments, crises) = (1 + rng.below(120), rng.below(300));
        let tl = world(&mut rng, states, blocs, commitments, crises);
        // The reference pairs every crisis with every commitment and splits
        // a crisis's weight equally (the judging the index was written
        // against); treaty judging is applied after opening and is tested
        // on its own (tests/lens.rs).
        for config in [
            Config::default().judging(crate::Judging::EqualSplit),
            Config::default()
                .judging(crate::Judging::EqualSplit)
                .invocation(Invocation::Unconditional),
        ] {
            let want = exhaustive(&tl, &config);
            let ledger = Ledger::new(tl.clone(), config.clone()).unwrap();
            assert_eq!(rows(&ledger), want, "seed {seed}");
            // The canonical order, as the ids themselves sort it.
            let mut order: Vec<u32> = (0..ledger.tests.len() as u32).collect();
            order.sort_by(|&a, &b| {
                let key = |t: &TestState| {
                    (
                        t.start,
                        tl.crises()[t.crisis as usize].id(),
                        tl.commitments()[t.commitment as usize].id(),
                        tl.actors()[t.guarantor as usize].id(),
                    )
                };
                key(&ledger.tests[a as usize]).cmp(&key(&ledger.tests[b as usize]))
            });
            assert_eq!(ledger.order, order, "seed {seed}");
            total += want.len();

            // Crises added one by one after the build open the same tests.
            let mut late = tl.clone();
            let crises = late.crises().to_vec();
            let half = crises.len() / 2;
            let mut b = Timeline::builder()
                .actors(late.actors().to_vec())
                .memberships(late.memberships().to_vec())
                .commitments(late.commitments().to_vec());
            b = b.crises(crises[..half].to_vec());
            late = b.build().unwrap();
            let mut ledger = Ledger::new(late, config.clone()).unwrap();
            for c in &crises[half..] {
                ledger.add_crisis(c.clone()).unwrap();
            }
            assert_eq!(rows(&ledger), want, "seed {seed}, late crises");
        }
    }
    assert!(total > 2000, "only {total} tests: the comparison is weak");
}
