//! The seed scenario, checked number by number against hand computation.

#[path = "../examples/seed/data.rs"]
#[allow(dead_code)]
mod data;

use alliance_reliability::{Config, Judging, Ledger, Status};
use data::d;

fn ledger() -> Ledger {
    Ledger::new(data::timeline().expect("seed is valid"), Config::default()).unwrap()
}

#[test]
fn the_seed_makes_the_expected_tests() {
    let l = ledger();
    // Judged by treaty (the default), one test per (crisis, guarantor):
    // SYR-2015: 1 (Hmeimim, the most demanding of Hmeimim and the 1980
    // treaty); KZK-2022: 5 CSTO members; ARM-2022: 5 CSTO members;
    // SYR-2024: 1; IRN-2025-06: RUS (the CSP's diplomatic level, above
    // BRICS's verbal and the 2001 treaty's neutrality) + 8 other BRICS
    // members; IRN-2025-12: RUS (CSP; the 2001 treaty covers attacks only,
    // BRICS only attacks and coercion); VEN-2026: 1.
    assert_eq!(l.test_count(), 1 + 5 + 5 + 1 + 9 + 1 + 1);
    // Clause by clause, as before: SYR 2 + 2, IRN-2025-06 RUS x3.
    let split = Ledger::new(
        data::timeline().unwrap(),
        Config::default().judging(Judging::EqualSplit),
    )
    .unwrap();
    assert_eq!(split.test_count(), 2 + 5 + 5 + 2 + 11 + 1 + 1);
}

#[test]
fn fulfilments_match_hand_computation() {
    let l = ledger();
    let as_of = d(2026, 1, 20);
    let find = |crisis: &str, guarantor: &str, commitment: &str| {
        (0..l.test_count())
            .filter_map(|t| l.test_view(t, as_of))
            .find(|v| {
                v.crisis.id().as_str() == crisis
                    && v.guarantor.id().as_str() == guarantor
                    && v.commitment.id().as_str() == commitment
            })
            .unwrap_or_else(|| panic!("no test {crisis} {guarantor} {commitment}"))
    };
    // Armenia 2022: diplomatic (0.25) at intensity 0.5 against a military
    // requirement (1.0): 0.125.
    let arm = find("ARM-2022-09", "RUS", "CST-art4");
    assert_eq!(arm.outcome.fulfilment(), 0.125);
    assert_eq!(arm.outcome.status(), Status::Abandoned);
    // The same CSTO mission counts for Kazakhstan, a fellow member.
    assert_eq!(
        find("ARM-2022-09", "KZK", "CST-art4").outcome.fulfilment(),
        0.125
    );
    // Syria 2024: strikes 1.0 x 0.2 = 0.2 < asylum 0.25 x 1.0 = 0.25.
    let hmeimim = find("SYR-2024-11", "RUS", "RUS-SYR-Hmeimim");
    assert_eq!(hmeimim.outcome.fulfilment(), 0.25);
    assert_eq!(
        hmeimim.response.as_ref().map(|e| e.date()),
        Some(d(2024, 12, 8))
    );
    // Judged as a whole, the 1980 treaty's diplomatic clause (which asylum
    // fully met) is not a test of its own, and Hmeimim carries the whole
    // crisis (severity 1.0).
    assert!(
        (0..l.test_count())
            .filter_map(|t| l.test_view(t, as_of))
            .all(|v| v.commitment.id().as_str() != "USSR-SYR-1980")
    );
    assert_eq!(hmeimim.outcome.base_weight(), 1.0);
    // Iran June 2025: verbal 0.1 against the partnership's diplomatic 0.25;
    // the 2001 neutrality clause and BRICS solidarity, kept by words, no
    // longer make it count two-thirds honoured.
    let csp = find("IRN-2025-06", "RUS", "RUS-IRN-CSP");
    assert!((csp.outcome.fulfilment() - 0.4).abs() < 1e-15);
    assert_eq!(csp.outcome.base_weight(), 1.0);
    // Venezuela: silence.
    let ven = find("VEN-2026-01", "RUS", "RUS-VEN-2025");
    assert_eq!(ven.outcome.fulfilment(), 0.0);
    assert!(ven.response.is_none());
    // Iran's uprising: pending on 2026-01-20. E[max] = 0.6 x 0.3 + 0.1 x 0.7 = 0.25.
    let up = find("IRN-2025-12", "RUS", "RUS-IRN-CSP");
    assert_eq!(up.outcome.status(), Status::Pending);
    assert!((up.outcome.fulfilment() - 1.0).abs() < 1e-12);
    // India said nothing: BRICS solidarity abandoned.
    assert_eq!(
        find("IRN-2025-06", "IND", "BRICS-solidarity")
            .outcome
            .status(),
        Status::Abandoned
    );
}

#[test]
fn russia_reliability_by_hand() {
    let l = ledger();
    let as_of = d(2026, 1, 20);
    let a = l.assess(as_of);
    let r = a.reliability(l.timeline().key_of("RUS").unwrap());
    // Recompute alpha from the explanation: prior + sum of w f.
    let e = a
        .explain_reliability(l.timeline().key_of("RUS").unwrap())
        .unwrap();
    let h = 3652.5_f64;
    // The learned prior by hand (methodology §3a; κ = 4, c = 10, α₀ = β₀ = 1,
    // eras split 1945-01-01, so every seed test is in the later era):
    // m_G = (1 + S)/(2 + n); m_k = (c·m_G + S_k)/(c + n_k);
    // m_ke = (c·m_k + S_ke)/(c + n_ke); μ̄ = Σ_k W_k m_ke / Σ_k W_k.
    let src = a.prior_source(l.timeline().key_of("RUS").unwrap(), None);
    let (n, s) = src.kinds.iter().fold((0.0, 0.0), |(n, s), k| {
        (n + k.all_eras.n as f64, s + k.all_eras.sum)
    });
    assert_eq!(n, 22.0);
    let m_g = (1.0 + s) / (2.0 + n);
    let c = 10.0;
    let (mut num, mut den) = (0.0, 0.0);
    for k in &src.kinds {
        let m_k = (c * m_g + k.all_eras.sum) / (c + k.all_eras.n as f64);
        let m_ke = (c * m_k + k.era.sum) / (c + k.era.n as f64);
        assert!((m_ke - k.mean).abs() < 1e-12, "{k:?}");
        // W_k: Russia's decayed weight of this kind, from the contributions.
        let w_k: f64 = e
            .contributions
            .iter()
            .filter(|x| x.obligation == k.kind)
            .map(|x| x.weight)
            .sum();
        assert!((w_k - k.weight).abs() < 1e-12);
        num += w_k * m_ke;
        den += w_k;
    }
    let mu = num / den;
    assert!((src.mean() - mu).abs() < 1e-12);
    assert!((e.prior_alpha - 4.0 * mu).abs() < 1e-12);
    // The printed figures: prior Beta(2.067, 1.933), mean 0.517 (Beta(2.177,
    // 1.823), mean 0.544, before the two 2025 treaties were coded as
    // strategic partnerships, a kind of their own).
    assert!((e.prior_alpha - 2.067).abs() < 5e-4 && (mu - 0.517).abs() < 5e-4);
    let mut alpha = 4.0 * mu;
    let mut beta = 4.0 * (1.0 - mu);
    for c in &e.contributions {
        let age = (as_of - c.date).num_days() as f64;
        let crisis = l
            .timeline()
            .crises()
            .iter()
            .find(|x| x.id() == &c.crisis)
            .unwrap();
        let k = e
            .contributions
            .iter()
            .filter(|x| x.crisis == c.crisis)
            .count() as f64;
        let w = crisis.severity().get() / k * 2f64.powf(-age / h);
        assert!((w - c.weight).abs() < 1e-12, "{c:?}");
        alpha += w * c.fulfilment;
        beta += w * (1.0 - c.fulfilment);
    }
    assert!((r.alpha() - alpha).abs() < 1e-12);
    assert!((r.beta() - beta).abs() < 1e-12);
    assert_eq!((r.tests(), r.honoured(), r.pending()), (6, 2, 1));
}

#[cfg(feature = "serde")]
#[test]
fn deserialized_adversaries_in_any_order_still_trigger() {
    // A commitment limited to adversaries [USA, ISR] (unsorted, as a file may
    // hold them) is invoked by a crisis against ISR.
    let json = r#"{"id":"c","parties":{"mutual":["RUS","IRN"]},"obligation":"partnership",
        "period":{"from":"2025-01-01"},"triggers":{"adversaries":["USA","ISR"]}}"#;
    let c: alliance_reliability::Commitment = serde_json::from_str(json).unwrap();
    let crisis_json = r#"{"id":"k","target":"IRN","period":{"from":"2025-06-13"},
        "kind":"external_attack","adversaries":["USA","ISR","ISR"]}"#;
    let k: alliance_reliability::Crisis = serde_json::from_str(crisis_json).unwrap();
    assert_eq!(k.adversaries().len(), 2);
    assert_eq!(k.adversaries()[0].as_str(), "ISR");
    use alliance_reliability::{Actor, ActorKind, Timeline};
    let t = Timeline::builder()
        .actors(["RUS", "IRN", "USA", "ISR"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
        .commitment(c)
        .crisis(k)
        .build()
        .unwrap();
    assert_eq!(Ledger::new(t, Config::default()).unwrap().test_count(), 1);
}

#[test]
fn between_equals_new() {
    use alliance_reliability::{ActorId, SupportEvent, SupportKind};
    let date = d(2026, 1, 3);
    let a = SupportEvent::new("RUS", "VEN", date, SupportKind::Verbal).unwrap();
    let b = SupportEvent::between(
        ActorId::new("RUS").unwrap(),
        ActorId::new("VEN").unwrap(),
        date,
        SupportKind::Verbal,
    )
    .unwrap();
    assert_eq!(a, b);
    assert!(
        SupportEvent::between(
            b.provider().clone(),
            b.recipient().clone(),
            date,
            SupportKind::Silence
        )
        .is_err()
    );
}

#[test]
fn offence_clause_is_invoked_only_by_the_beneficiarys_own_war() {
    use alliance_reliability::{
        Actor, ActorKind, Commitment, Crisis, CrisisKind, Initiator, Obligation, Parties, Period,
        Provocation, Timeline,
    };
    let build = |initiator: Initiator, provocation: Provocation| {
        let t = Timeline::builder()
            .actors(["A", "B", "C"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
            .commitment(
                Commitment::new(
                    "A-B",
                    Parties::Directed {
                        guarantor: "A".parse().unwrap(),
                        beneficiary: "B".parse().unwrap(),
                    },
                    Obligation::Offence,
                    Period::starting(d(1900, 1, 1)),
                )
                .unwrap()
                .with_provocation(provocation),
            )
            .crisis(
                Crisis::new(
                    "W",
                    "B",
                    Period::starting(d(1914, 8, 1)),
                    CrisisKind::ExternalAttack,
                )
                .unwrap()
                .with_adversaries(["C"])
                .with_initiator(initiator),
            )
            .build()
            .unwrap();
        Ledger::new(t, Config::default()).unwrap().test_count()
    };
    use Provocation::*;
    assert_eq!(build(Initiator::Target, OnlyIfBeneficiaryInitiated), 1);
    assert_eq!(build(Initiator::Other, OnlyIfBeneficiaryInitiated), 0);
    assert_eq!(build(Initiator::Target, ExcludedIfBeneficiaryInitiated), 0);
    assert_eq!(build(Initiator::Other, ExcludedIfBeneficiaryInitiated), 1);
    assert_eq!(build(Initiator::Target, Unconditional), 1);
}

/// History as the reference class (issue 19, item 3): under
/// `KindPrior::historical()` each kind's rate is the bundled MIDs rate of
/// its kind and era (partnerships: the pooled judged kinds) pooled with
/// the timeline's own tests of that kind in the era, with `c = 10`
/// pseudo-tests: `m_ke = (10 h_ke + S_ke) / (10 + n_ke)`; Russia's prior
/// is `κ = 4` times its mix of those rates.
#[test]
fn historical_prior_matches_hand_computation() {
    use alliance_reliability::{KindPrior, Obligation, PriorModel, Reference};
    let l = Ledger::new(
        data::timeline().unwrap(),
        Config::default().prior_model(PriorModel::ByKind(KindPrior::historical())),
    )
    .unwrap();
    let as_of = d(2026, 1, 20);
    let a = l.assess(as_of);
    let rus = l.timeline().key_of("RUS").unwrap();
    let src = a.prior_source(rus, None);
    assert_eq!(src.era, 1);
    let (mut num, mut den) = (0.0, 0.0);
    for k in &src.kinds {
        let class = Reference::Mids.class(k.kind, 1).unwrap();
        assert_eq!(k.reference, Some(class));
        // Defence is judged by history; the partnerships are mapped to the
        // pooled judged kinds (13,520 + 181 + 930 + 2,276 tests).
        match k.kind {
            Obligation::Defence => assert!(!class.pooled && class.rate.n == 13520),
            Obligation::Partnership | Obligation::StrategicPartnership => {
                assert!(class.pooled && class.rate.n == 16907)
            }
            _ => {}
        }
        let m = (10.0 * class.mean() + k.era.sum) / (10.0 + k.era.n as f64);
        assert!((m - k.mean).abs() < 1e-12, "{k:?}");
        num += k.weight * m;
        den += k.weight;
    }
    let mu = num / den;
    assert!((src.mean() - mu).abs() < 1e-12);
    // The printed figures: Beta(0.996, 3.004), mean 0.249, against the
    // learned prior's Beta(2.067, 1.933), mean 0.517.
    assert!((src.alpha - 0.996).abs() < 5e-4 && (mu - 0.249).abs() < 5e-4);
}
