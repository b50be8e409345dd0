//! One small case whose every score is derived by hand, asserted to 1e-12.
//!
//! # The case
//!
//! Russia (RUS) owes Syria (SYR) defence (required: military, value 1.0)
//! and Armenia (ARM) consultation (required: diplomatic, value 0.25), both
//! directed, in force from 2000-01-01, default triggers. Default
//! configuration: half-life h = 3652.5 days, prior Beta(1, 1), window 90
//! days, pooling κ = 2, abandonment threshold 0.5. Assessed on 2015-01-01.
//!
//! Ladder: verbal 0.1, diplomatic 0.25, economic 0.4, materiel 0.6,
//! military 1.0. An event's strength is value(kind) × intensity. Over the
//! supporting events of a test sorted by strength (descending),
//! `E[max] = Σₖ sₖ cₖ Πⱼ<ₖ (1 − cⱼ)`; fulfilment is
//! `min(1, E[max] / value(required)) × Π (1 − c_hostile)`.
//!
//! ## Crisis C1, SYR-2010: Syria, 2010-01-01 to 2010-01-31, severity 0.8
//!
//! - 2010-01-05 RUS→SYR materiel, intensity 1, confidence 0.5: s = 0.6
//! - 2010-01-10 RUS→SYR military, intensity 0.5, confidence 0.6: s = 0.5
//!
//! E[max] = 0.6·0.5 + 0.5·0.6·(1 − 0.5) = 0.3 + 0.15 = 0.45;
//! f₁ = min(1, 0.45 / 1.0) = **0.45** < 0.5: abandoned.
//!
//! ## Crisis C2, ARM-2012: Armenia, 2012-01-01 to 2012-01-31, severity 1
//!
//! - 2012-01-03 RUS→ARM verbal, confidence 1: s = 0.1
//! - 2012-01-04 RUS→ARM hostile, confidence 0.5
//!
//! E[max] = 0.1; delivered = min(1, 0.1 / 0.25) = 0.4; loyal = 1 − 0.5;
//! f₂ = 0.4 · 0.5 = **0.2**, with a hostile act: betrayed.
//!
//! ## Crisis C3, SYR-2014: Syria, 2014-01-01 to 2014-01-31, severity 0.5
//!
//! - 2014-01-02 RUS→SYR military, intensity 1, confidence 0.9: s = 1.0
//!
//! E[max] = 0.9; f₃ = **0.9**: honoured.
//!
//! And 2014-06-01 SYR→RUS verbal, intensity 1, confidence 1 (no test: Syria
//! guarantees nothing; it counts for reciprocity only).
//!
//! ## Weights: severity · 2^(−age/h), ages to 2015-01-01
//!
//! - C1: 2010-01-01 → 2015-01-01 = 5·365 + 1 (2012) = 1826 days;
//!   w₁ = 0.8 · 2^(−1826/3652.5) = 0.8 · 0.70714… = 0.565712…
//! - C2: 2012-01-01 → 2015-01-01 = 366 + 365 + 365 = 1096 days;
//!   w₂ = 2^(−1096/3652.5) = 0.812214…
//! - C3: 2014-01-01 → 2015-01-01 = 365 days;
//!   w₃ = 0.5 · 2^(−365/3652.5) = 0.466539…
//!
//! ## Reliability of RUS
//!
//! α = 1 + 0.45 w₁ + 0.2 w₂ + 0.9 w₃ = 1 + 0.254571 + 0.162443 + 0.419885 = 1.836898…
//! β = 1 + 0.55 w₁ + 0.8 w₂ + 0.1 w₃ = 1 + 0.311142 + 0.649771 + 0.046654 = 2.007567…
//! mean = α / (α + β) = 0.477803…
//! effective tests = (w₁ + w₂ + w₃)² / (w₁² + w₂² + w₃²) = 2.841245…
//! tests 3, honoured 1 (plain share 1/3), mean fulfilment (0.45 + 0.2 + 0.9)/3.
//!
//! ## Abandonment risk (κ = 2)
//!
//! RUS→SYR: the rest of Russia's record is C2 only:
//! m = (1 + 0.2 w₂) / (2 + w₂) = 0.413355…; prior Beta(1 + 2m, 1 + 2(1 − m));
//! α = 1 + 2m + 0.45 w₁ + 0.9 w₃ = 2.501165…,
//! β = 1 + 2(1 − m) + 0.55 w₁ + 0.1 w₃ = 2.531086…;
//! risk = β / (α + β) = 0.502973…; abandoned tests: C1.
//!
//! RUS→ARM: the rest is C1 and C3:
//! m′ = (1 + 0.45 w₁ + 0.9 w₃) / (2 + w₁ + w₃) = 0.552215…;
//! α = 1 + 2m′ + 0.2 w₂ = 2.266873…, β = 1 + 2(1 − m′) + 0.8 w₂ = 2.545341…;
//! risk = 0.528933…; abandoned (betrayed) tests: C2.
//!
//! ## Reciprocity: value · intensity · confidence · 2^(−age/h)
//!
//! RUS gave SYR: 0.6·1·0.5·2^(−1822/h) + 1.0·0.5·0.6·2^(−1817/h) +
//! 1.0·1·0.9·2^(−364/h) = 1.264737…; received 0.1·2^(−214/h) = 0.096020…;
//! balance (g − r)/(g + r) = 0.858872….
//! RUS gave ARM 0.1·2^(−1094/h) = 0.081252…, received 0; one hostile event;
//! balance 1.

use alliance_reliability::*;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const H: f64 = 3652.5;

fn decay(age_days: f64) -> f64 {
    (-age_days / H).exp2()
}

fn close(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= 1e-12,
        "{what}: got {got:.17}, want {want:.17}"
    );
}

fn ledger() -> Result<Ledger, Error> {
    let directed = |id: &str, g: &str, b: &str, o: Obligation| -> Result<Commitment, Error> {
        Commitment::new(
            id,
            Parties::Directed {
                guarantor: g.parse()?,
                beneficiary: b.parse()?,
            },
            o,
            Period::starting(d(2000, 1, 1)),
        )
    };
    let crisis = |id: &str, target: &str, y: i32, severity: f64| -> Result<Crisis, Error> {
        Ok(Crisis::new(
            id,
            target,
            Period::new(d(y, 1, 1), Some(d(y, 1, 31)))?,
            CrisisKind::ExternalAttack,
        )?
        .with_severity(Severity::new(severity)?))
    };
    let event = |p: &str, r: &str, date, k, i: f64, c: f64| -> Result<SupportEvent, Error> {
        Ok(SupportEvent::new(p, r, date, k)?
            .with_intensity(Intensity::new(i)?)
            .with_confidence(Confidence::new(c)?))
    };
    use SupportKind::*;
    let timeline = Timeline::builder()
        .actor(Actor::new("RUS", "Russia", ActorKind::State)?)
        .actor(Actor::new("SYR", "Syria", ActorKind::State)?)
        .actor(Actor::new("ARM", "Armenia", ActorKind::State)?)
        .commitment(directed("RUS-SYR", "RUS", "SYR", Obligation::Defence)?)
        .commitment(directed("RUS-ARM", "RUS", "ARM", Obligation::Consultation)?)
        .crisis(crisis("SYR-2010", "SYR", 2010, 0.8)?)
        .crisis(crisis("ARM-2012", "ARM", 2012, 1.0)?)
        .crisis(crisis("SYR-2014", "SYR", 2014, 0.5)?)
        .event(event("RUS", "SYR", d(2010, 1, 5), Materiel, 1.0, 0.5)?)
        .event(event("RUS", "SYR", d(2010, 1, 10), Military, 0.5, 0.6)?)
        .event(event("RUS", "ARM", d(2012, 1, 3), Verbal, 1.0, 1.0)?)
        .event(event("RUS", "ARM", d(2012, 1, 4), Hostile, 1.0, 0.5)?)
        .event(event("RUS", "SYR", d(2014, 1, 2), Military, 1.0, 0.9)?)
        .event(event("SYR", "RUS", d(2014, 6, 1), Verbal, 1.0, 1.0)?)
        .build()?;
    // The fixed Beta(1, 1) prior: the arithmetic above is the old model
    // (the learned prior is checked by hand in tests/seed.rs).
    Ok(Ledger::new(timeline, Config::default().prior_model(PriorModel::Fixed)).unwrap())
}

#[test]
fn hand_computed_scores() -> Result<(), Error> {
    let ledger = ledger()?;
    let as_of = d(2015, 1, 1);
    let a = ledger.assess(as_of);
    let tl = ledger.timeline();
    let (rus, syr, arm) = (tl.key_of("RUS")?, tl.key_of("SYR")?, tl.key_of("ARM")?);

    // Ages, checked against the calendar.
    assert_eq!((as_of - d(2010, 1, 1)).num_days(), 1826);
    assert_eq!((as_of - d(2012, 1, 1)).num_days(), 1096);
    assert_eq!((as_of - d(2014, 1, 1)).num_days(), 365);

    // Fulfilments and statuses, in canonical order (by crisis start).
    let (f1, f2, f3) = (0.45, 0.2, 0.9);
    let outcomes = a.outcomes();
    assert_eq!(outcomes.len(), 3);
    close(outcomes[0].fulfilment(), f1, "f1");
    close(outcomes[1].fulfilment(), f2, "f2");
    close(outcomes[2].fulfilment(), f3, "f3");
    assert_eq!(
        outcomes.iter().map(|o| o.status()).collect::<Vec<_>>(),
        [Status::Abandoned, Status::Betrayed, Status::Honoured]
    );

    // Weights.
    let w1 = 0.8 * decay(1826.0);
    let w2 = decay(1096.0);
    let w3 = 0.5 * decay(365.0);
    close(w1, 0.565_712_263_591_187_3, "w1");
    close(w2, 0.812_213_861_304_688_5, "w2");
    close(w3, 0.466_538_629_393_632_7, "w3");

    // Reliability.
    let r = a.reliability(rus);
    let alpha = 1.0 + w1 * f1 + w2 * f2 + w3 * f3;
    let beta = 1.0 + w1 * (1.0 - f1) + w2 * (1.0 - f2) + w3 * (1.0 - f3);
    close(r.alpha(), alpha, "alpha");
    close(r.beta(), beta, "beta");
    close(alpha, 1.836_898_057_331_241_7, "alpha by hand");
    close(beta, 2.007_566_696_958_267_3, "beta by hand");
    close(r.mean(), alpha / (alpha + beta), "mean");
    close(r.mean(), 0.477_803_328_872_166_1, "mean by hand");
    let (sw, sw2) = (w1 + w2 + w3, w1 * w1 + w2 * w2 + w3 * w3);
    close(r.effective_tests(), sw * sw / sw2, "effective tests");
    close(
        r.effective_tests(),
        2.841_245_209_484_348_3,
        "effective by hand",
    );
    assert_eq!((r.tests(), r.honoured(), r.pending()), (3, 1, 0));
    close(r.plain_share().unwrap(), 1.0 / 3.0, "plain share");
    close(
        r.mean_fulfilment().unwrap(),
        (f1 + f2 + f3) / 3.0,
        "mean fulfilment",
    );

    // Abandonment, pooled toward the rest of Russia's record (κ = 2).
    let kappa = 2.0;
    let m = (1.0 + w2 * f2) / (2.0 + w2);
    let ab = a.abandonment(rus, syr);
    close(ab.others().mean(), m, "m (SYR)");
    let (sa, sb) = (
        1.0 + kappa * m + w1 * f1 + w3 * f3,
        1.0 + kappa * (1.0 - m) + w1 * (1.0 - f1) + w3 * (1.0 - f3),
    );
    close(ab.record().alpha(), sa, "SYR alpha");
    close(ab.record().beta(), sb, "SYR beta");
    close(ab.risk(), sb / (sa + sb), "SYR risk");
    close(ab.risk(), 0.502_972_841_052_045_2, "SYR risk by hand");
    assert_eq!(ab.abandonments(), [outcomes[0].test()]);
    assert!(ab.pending().is_empty());

    let m2 = (1.0 + w1 * f1 + w3 * f3) / (2.0 + w1 + w3);
    let ab = a.abandonment(rus, arm);
    close(ab.others().mean(), m2, "m (ARM)");
    let (aa, ab_) = (
        1.0 + kappa * m2 + w2 * f2,
        1.0 + kappa * (1.0 - m2) + w2 * (1.0 - f2),
    );
    close(ab.risk(), ab_ / (aa + ab_), "ARM risk");
    close(ab.risk(), 0.528_933_375_854_799_3, "ARM risk by hand");
    assert_eq!(ab.abandonments(), [outcomes[1].test()]);

    // Reciprocity.
    let rc = a.reciprocity(rus, syr);
    let given = 0.6 * 0.5 * decay(1822.0) + 0.5 * 0.6 * decay(1817.0) + 0.9 * decay(364.0);
    let received = 0.1 * decay(214.0);
    close(rc.given, given, "given");
    close(rc.received, received, "received");
    close(rc.given, 1.264_736_848_274_622_6, "given by hand");
    close(rc.received, 0.096_020_209_787_793_59, "received by hand");
    close(
        rc.balance(),
        (given - received) / (given + received),
        "balance",
    );
    close(rc.balance(), 0.858_872_369_290_493_5, "balance by hand");
    assert_eq!(
        (rc.given_events, rc.received_events, rc.hostile_events),
        (3, 1, 0)
    );
    // Seen from Syria, the balance flips sign.
    close(a.reciprocity(syr, rus).balance(), -rc.balance(), "mirror");

    let rc = a.reciprocity(rus, arm);
    close(rc.given, 0.1 * decay(1094.0), "given ARM");
    close(rc.given, 0.081_252_219_291_361_84, "given ARM by hand");
    assert_eq!(rc.received, 0.0);
    assert_eq!(rc.hostile_events, 1);
    assert_eq!(rc.balance(), 1.0);
    Ok(())
}

/// The same case one day before C3's window closes: C3 is pending, so only
/// C1 and C2 count, aged to 2014-01-30.
#[test]
fn pending_test_is_not_evidence() -> Result<(), Error> {
    let ledger = ledger()?;
    let as_of = d(2014, 1, 30);
    let a = ledger.assess(as_of);
    let rus = ledger.timeline().key_of("RUS")?;
    let r = a.reliability(rus);
    assert_eq!((r.tests(), r.pending()), (2, 1));
    let age1 = (as_of - d(2010, 1, 1)).num_days() as f64;
    let age2 = (as_of - d(2012, 1, 1)).num_days() as f64;
    let (w1, w2) = (0.8 * decay(age1), decay(age2));
    close(r.alpha(), 1.0 + 0.45 * w1 + 0.2 * w2, "alpha");
    close(r.beta(), 1.0 + 0.55 * w1 + 0.8 * w2, "beta");
    Ok(())
}

/// The learned prior (methodology §3a) by hand, no decay, κ = λ = 4, c = 10,
/// α₀ = β₀ = 1, every crisis after the 1945 era cut (so kind × era counts
/// equal kind counts).
///
/// A owes B defence and C non-aggression; D owes B defence. K1 (B,
/// 2000-01-01): A fights (f = 1), D is silent (f = 0). K2 (C, 2001-01-01):
/// A is not hostile (non-aggression kept, f = 1). As of 2002-01-01:
///
/// ```text
/// m_G        = (1 + 2)/(2 + 3)                 = 0.6
/// m_def      = (10·0.6 + 1)/(10 + 2)           = 7/12
/// m_def,era  = (10·7/12 + 1)/(10 + 2)          = 82/144
/// m_na       = (10·0.6 + 1)/(10 + 1)           = 7/11
/// m_na,era   = (10·7/11 + 1)/(10 + 1)          = 81/121
/// A, defence: other kinds r = 1 − 81/121 = 40/121 ≥ 0,
///   δ = (40/121)/(4 + 40/121) = 10/131,
///   μ = 82/144 + δ·(1 − 82/144) = 11362/18864,
///   mean = (4μ + 1)/(4 + 1)
/// A overall: μ̄ = (82/144 + 81/121)/2, mean = (4μ̄ + 2)/(4 + 2)
/// D, defence: δ = 0, μ = 82/144, mean = 4μ/(4 + 1)
/// ```
#[test]
fn learned_prior_by_hand() -> Result<(), Error> {
    let directed = |id: &str, g: &str, b: &str, o: Obligation| {
        Commitment::new(
            id,
            Parties::Directed {
                guarantor: g.parse().unwrap(),
                beneficiary: b.parse().unwrap(),
            },
            o,
            Period::starting(d(1990, 1, 1)),
        )
    };
    let day1 = |y| Period::new(d(y, 1, 1), Some(d(y, 1, 1))).unwrap();
    let tl = Timeline::builder()
        .actors(["A", "B", "C", "D"].map(|i| Actor::new(i, i, ActorKind::State).unwrap()))
        .commitment(directed("A-B", "A", "B", Obligation::Defence)?)
        .commitment(directed("A-C", "A", "C", Obligation::NonAggression)?)
        .commitment(directed("D-B", "D", "B", Obligation::Defence)?)
        .crisis(Crisis::new(
            "K1",
            "B",
            day1(2000),
            CrisisKind::ExternalAttack,
        )?)
        .crisis(Crisis::new(
            "K2",
            "C",
            day1(2001),
            CrisisKind::ExternalAttack,
        )?)
        .event(SupportEvent::new(
            "A",
            "B",
            d(2000, 1, 1),
            SupportKind::Military,
        )?)
        .build()?;
    let ledger = Ledger::new(tl, Config::default().no_decay()).unwrap();
    let a = ledger.assess(d(2002, 1, 1));
    let key = |id: &str| ledger.timeline().key_of(id).unwrap();
    let mu = 11362.0 / 18864.0;
    close(
        a.reliability_for(key("A"), Obligation::Defence).mean(),
        (4.0 * mu + 1.0) / 5.0,
        "A defence",
    );
    let src = a.prior_source(key("A"), Some(Obligation::Defence));
    close(src.shift, 10.0 / 131.0, "A defence shift");
    close(src.global_mean, 0.6, "global rate");
    let mix = (82.0 / 144.0 + 81.0 / 121.0) / 2.0;
    close(
        a.reliability(key("A")).mean(),
        (4.0 * mix + 2.0) / 6.0,
        "A overall",
    );
    close(
        a.reliability_for(key("D"), Obligation::Defence).mean(),
        4.0 * (82.0 / 144.0) / 5.0,
        "D defence",
    );
    // The explanation of A's defence score adds up to it.
    let e = a.explain_reliability_for(key("A"), Obligation::Defence)?;
    assert_eq!(e.contributions.len(), 1);
    close(e.prior_alpha, 4.0 * mu, "A defence prior alpha");
    close(
        e.mean(),
        a.reliability_for(key("A"), Obligation::Defence).mean(),
        "A defence explained",
    );
    assert!(
        e.prior_note
            .contains("defence rate learned from earlier tests")
    );
    // The fixed prior ignores the kind: A's whole record, Beta(1 + 2, 1 + 0).
    let fixed = Ledger::new(
        ledger.timeline().clone(),
        Config::default().no_decay().prior_model(PriorModel::Fixed),
    )
    .unwrap();
    let f = fixed.assess(d(2002, 1, 1));
    close(
        f.reliability_for(key("A"), Obligation::Defence).mean(),
        3.0 / 4.0,
        "A fixed",
    );
    Ok(())
}
