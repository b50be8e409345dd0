//! The fair backtest on every ledger (ATOP 5.1 × COW wars under the
//! previous Leeds reading and the treaty rule, ATOP × GML MIDs and ATOP ×
//! UCDP/PRIO under the treaty rule), as printed by
//! `cargo run --release --example historical`, pinned: the point figures
//! exactly (tolerance 1e-9) from the library, the intervals and the
//! verdicts from the example's output.
//!
//! WHOEVER CHANGES THE LEDGER CODING OR THE MODEL MUST LOOK AT THESE AGAIN
//! and update the README's "Does the score forecast?" with them.
#![cfg(feature = "bundled-data")]

use std::process::Command;

use alliance_reliability::Ledger;
use alliance_reliability::backtest::{
    Bootstrap, FairBacktest, FairReport, Predictor, Protocol, Targets,
};
use alliance_reliability::history::{AllianceSource, ConflictSource, HistoricalData, Rule, Scope};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// The fair backtest of `ledger` without bootstrap draws (the point
/// figures do not depend on them; the intervals are pinned from the
/// example's output below).
fn fair(ledger: &Ledger, conflicts: ConflictSource, targets: Targets) -> FairReport {
    FairBacktest::new(ledger, conflicts.as_str())
        .as_of(conflicts.as_of())
        .targets(targets)
        .bootstrap(Bootstrap {
            replicates: 0,
            ..Bootstrap::default()
        })
        .run()
}

/// Per protocol: (tests scored, model Brier, Brier skill against the
/// global rate, against the kind x era rate, global target met,
/// miscalibrated bins, checked bins); `None` for an era split without
/// training tests.
type Row = Option<(usize, f64, f64, f64, Option<bool>, usize, usize)>;

fn pin(r: &FairReport, want: [Row; 4]) {
    for (p, w) in Protocol::ALL.into_iter().zip(want) {
        match (r.report(p), w) {
            (None, None) => assert!(!r.era_trained(), "{p}"),
            (Some(got), Some((n, brier, global, kind_era, met, bad, checked))) => {
                assert_eq!(got.n(), n, "{} {p}", r.label());
                close(got.model().brier().unwrap(), brier);
                close(got.skill().unwrap(), global);
                close(
                    got.skill_vs(Predictor::Model, Predictor::KindEra)
                        .and_then(|s| s.brier)
                        .unwrap(),
                    kind_era,
                );
                let c = r.check(p).unwrap();
                assert_eq!(c.skill_vs_global, met, "{} {p}", r.label());
                assert_eq!(
                    (c.miscalibrated_bins, c.checked_bins),
                    (bad, checked),
                    "{} {p}",
                    r.label()
                );
                // No draws, no interval, no verdict on kind x era.
                assert_eq!(c.beats_kind_era, None);
            }
            (got, w) => panic!(
                "{} {p}: got {:?}, want {w:?}",
                r.label(),
                got.map(|g| g.n())
            ),
        }
    }
}

/// Every ledger, every protocol. Targets (issue 6): Brier skill against
/// the global rate >= 0.55 on wars (met under the previous Leeds reading,
/// missed under the treaty rule's 405 tests) and >= 0.30 on MIDs (met).
#[test]
fn fair_backtest_on_every_ledger() {
    let data = HistoricalData::bundled().expect("bundled data load");
    let treaty = Rule::LEEDS_TREATY;
    let of = |c| {
        Ledger::new(
            data.timeline_of(AllianceSource::Atop, c, treaty, &Scope::judged())
                .unwrap(),
            treaty.config(),
        )
    };
    let leeds = data
        .ledger_in(
            AllianceSource::Atop,
            Rule::Leeds,
            &Scope::judged(),
            Rule::Leeds.config(),
        )
        .unwrap();
    let r = fair(&leeds, ConflictSource::CowWars, Targets::WARS);
    pin(
        &r,
        [
            Some((
                5246,
                0.0741538710953176,
                0.5971252867346449,
                0.02125881439750199,
                Some(true),
                4,
                6,
            )),
            Some((
                4581,
                0.04711532281180189,
                0.7341671472904361,
                0.03780009039116938,
                Some(true),
                1,
                4,
            )),
            Some((
                4581,
                0.06251266865733429,
                0.647292641800506,
                -0.2766480317190412,
                Some(true),
                5,
                7,
            )),
            Some((
                5246,
                0.08159924635413518,
                0.5566748911147893,
                -0.07701111137217809,
                Some(true),
                7,
                9,
            )),
        ],
    );
    assert_eq!(r.era().training_n(), 665);

    let r = fair(
        &of(ConflictSource::CowWars),
        ConflictSource::CowWars,
        Targets::WARS,
    );
    pin(
        &r,
        [
            Some((
                405,
                0.22286349194903135,
                0.26571613367856717,
                -0.06622852628407228,
                Some(false),
                0,
                0,
            )),
            Some((
                186,
                0.15697180368911468,
                0.47935352521502395,
                0.05978043750151685,
                Some(false),
                0,
                0,
            )),
            Some((
                186,
                0.16174953566501055,
                0.46350667086120534,
                0.031163087362580777,
                Some(false),
                0,
                0,
            )),
            Some((
                405,
                0.2319899721115336,
                0.23564648395253018,
                -0.10989163776422539,
                Some(false),
                1,
                1,
            )),
        ],
    );
    assert_eq!(r.era().training_n(), 219);
    assert_eq!(
        r.era().chosen().label,
        "prior by kind (kappa 1, lambda inf, c 1, eras split 1945-01-01), half-life 5 years"
    );

    let r = fair(
        &of(ConflictSource::Mids),
        ConflictSource::Mids,
        Targets::MIDS,
    );
    pin(
        &r,
        [
            Some((
                18164,
                0.048665905186867836,
                0.5951108893615187,
                0.017271447706752707,
                Some(true),
                2,
                9,
            )),
            Some((
                16907,
                0.042962895243861564,
                0.6157173654745906,
                0.014772444168881238,
                Some(true),
                1,
                8,
            )),
            Some((
                16907,
                0.04320372202750896,
                0.613563284601805,
                0.00924979067719267,
                Some(true),
                2,
                8,
            )),
            Some((
                18164,
                0.048653214436056406,
                0.5952164734822647,
                0.017527716713252706,
                Some(true),
                1,
                8,
            )),
        ],
    );
    assert_eq!(r.era().training_n(), 1257);
    assert_eq!(
        r.era().chosen().label,
        "prior by kind (kappa 16, lambda 16, c 1, eras split 1945-01-01), no decay"
    );

    // UCDP/PRIO starts in 1946: nothing to train on before 1945.
    let r = fair(
        &of(ConflictSource::Ucdp),
        ConflictSource::Ucdp,
        Targets::NONE,
    );
    pin(
        &r,
        [
            Some((
                1260,
                0.013491824043431137,
                0.7394201910511002,
                -0.07013627972347725,
                None,
                0,
                1,
            )),
            Some((
                1260,
                0.013491824043431137,
                0.7394201910511002,
                -0.07013627972347725,
                None,
                0,
                1,
            )),
            None,
            Some((
                1260,
                0.0125810559766281,
                0.7570106790444451,
                0.0021034669232401493,
                None,
                0,
                1,
            )),
        ],
    );
    assert_eq!(r.era().training_n(), 0);
    assert!(
        r.to_string()
            .contains("too few tests before 1945-01-01 to tune on (0 < 100): no era split")
    );
}

fn has_line(out: &str, want: &str) {
    assert!(
        out.lines().any(|l| l.trim_end() == want),
        "missing line {want:?} in output:\n{out}"
    );
}

#[test]
fn example_prints_the_fair_backtest() {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "historical"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // All years, out of time, default configuration: the targets are
    // Brier skill >= 0.55 against the global base rate (met: +0.597) and a
    // 90% interval against kind x era above 0 (met, barely: +0.001).
    for line in [
        "model: prior by kind (kappa 4, lambda 4, c 10, eras split 1945-01-01), half-life 10 years",
        "tests scored: 5246 in 210 crises (4840 with earlier tests of their guarantor)",
        "global base rate        0.1841    0.5551",
        "kind base rate          0.0830    0.3599   Brier +0.5493 [+0.475, +0.613]  log loss +0.3516 [+0.202, +0.465]",
        "kind x era base rate    0.0758    0.3429   Brier +0.5884 [+0.504, +0.660]  log loss +0.3822 [+0.225, +0.509]",
        "model                   0.0742    0.2679   Brier +0.5971 [+0.515, +0.667]  log loss +0.5175 [+0.429, +0.594]",
        "model against the kind x era base rate: Brier skill +0.0213 [+0.001, +0.041]  log loss skill +0.2189 [+0.137, +0.298]",
        "verdict: the model beats the kind x era base rate: the guarantor's own record adds to the kind of promise",
        "Brier skill score: 0.5971",
        // Calibration target missed on all years: four bins off by > 0.05.
        "[0.1, 0.2)      839     0.1485     0.2038 *",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 4",
    ] {
        has_line(&stdout, line);
    }
    // The comparison table: one row per ledger x protocol, with the
    // 90% intervals (2000 draws) and the targets met (ok) or missed (no).
    for line in [
        "wars, previous Leeds       all years, default              5246  0.0742   +0.597 [+0.515, +0.667] ok   +0.021 [+0.001, +0.041] ok  4/6 no",
        "wars, previous Leeds       from 1945, tuned before 1945    4581  0.0625   +0.647 [+0.588, +0.700] ok   -0.277 [-0.401, -0.183] no  5/7 no",
        "wars, treaty rule          all years, default               405  0.2229   +0.266 [+0.144, +0.390] no   -0.066 [-0.145, +0.013] no  0/0  -",
        "wars, treaty rule          from 1945, tuned before 1945     186  0.1617   +0.464 [+0.249, +0.642] no   +0.031 [+0.003, +0.063] ok  0/0  -",
        "wars, treaty rule          all years, rolling tuning        405  0.2320   +0.236 [+0.109, +0.370] no   -0.110 [-0.200, -0.021] no  1/1 no",
        "MIDs, treaty rule          all years, default             18164  0.0487   +0.595 [+0.573, +0.617] ok   +0.017 [+0.002, +0.032] ok  2/9 no",
        "MIDs, treaty rule          from 1945, default             16907  0.0430   +0.616 [+0.592, +0.638] ok   +0.015 [-0.003, +0.032] no  1/8 no",
        "MIDs, treaty rule          from 1945, tuned before 1945   16907  0.0432   +0.614 [+0.590, +0.635] ok   +0.009 [-0.004, +0.022] no  2/8 no",
        "MIDs, treaty rule          all years, rolling tuning      18164  0.0487   +0.595 [+0.573, +0.617] ok   +0.018 [+0.006, +0.029] ok  1/8 no",
        "UCDP, treaty rule          all years, default              1260  0.0135   +0.739 [+0.556, +0.865]  -   -0.070 [-0.250, +0.023] no  0/1 ok",
        "UCDP, treaty rule          from 1945, tuned before 1945  too few tests before 1945-01-01 to tune on (0 < 100): no era split",
        "UCDP, treaty rule          all years, rolling tuning       1260  0.0126   +0.757 [+0.574, +0.885]  -   +0.002 [-0.018, +0.017] no  0/1 ok",
        "MIDs, treaty rule: training era (1257 tests before 1945-01-01) chose: prior by kind (kappa 16, lambda 16, c 1, eras split 1945-01-01), no decay",
        "UCDP, treaty rule: only 0 tests before 1945-01-01: no era split (the data start later)",
        "MIDs, treaty rule, all years, default: bin [0.1, 0.2) n = 805, predicted 0.136, observed 0.078",
        "MIDs, treaty rule, all years, default: bin [0.8, 0.9) n = 198, predicted 0.855, observed 0.914",
        "wars, treaty rule, all years, rolling tuning: bin [0.0, 0.1) n = 114, predicted 0.064, observed 0.333",
        "wars, treaty rule: the kind x era base rate alone, all years: Brier skill vs global +0.311 [+0.210, +0.416]",
        "MIDs, treaty rule: the kind x era base rate alone, all years: Brier skill vs global +0.588 [+0.565, +0.610]",
    ] {
        has_line(&stdout, line);
    }
    // The era split: chosen on wars before 1945, scored from 1945. The
    // training era prefers strong pooling toward the kind rates, which
    // after 1945 loses to the plain kind x era base rate.
    for line in [
        "Era split: 288 configurations tried on the 665 tests of crises before 1945-01-01 (training era; global base rate Brier 0.2311)",
        "training era for reference: kind base rate 0.2604, kind x era base rate 0.2604, old fixed Beta(1, 1) model 0.2231",
        "training era chose: prior by kind (kappa 64, lambda 1, c 50, eras split 1945-01-01), half-life 10 years",
        "tests scored: 4581 in 120 crises (4266 with earlier tests of their guarantor)",
        "model                   0.0625    0.2433   Brier +0.6473 [+0.588, +0.700]  log loss +0.5499 [+0.489, +0.603]",
        "model against the kind x era base rate: Brier skill -0.2766 [-0.401, -0.183]  log loss skill -0.2736 [-0.432, -0.145]",
        "verdict: the model is worse than the kind x era base rate",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 5",
    ] {
        has_line(&stdout, line);
    }
    // Rolling-origin tuning (re-chosen before each crisis on all earlier
    // tests) loses to kind x era too.
    for line in [
        "model                   0.0816    0.3267   Brier +0.5567 [+0.470, +0.631]  log loss +0.4115 [+0.279, +0.522]",
        "model against the kind x era base rate: Brier skill -0.0770 [-0.117, -0.043]  log loss skill +0.0474 [-0.009, +0.103]",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 7",
    ] {
        has_line(&stdout, line);
    }
    assert!(stdout.contains(
        "model: rolling-origin tuning over 289 configurations; chosen most often (2377 of 5246 tests): prior by kind (kappa 4, lambda 4, c 50, eras split 1945-01-01), half-life 5 years;"
    ));
    // The a-priori default scored from 1945 only: beats kind x era with an
    // interval above 0; one bin (n = 100) off by more than 0.05.
    for line in [
        "The default configuration (set a priori, not tuned) scored from 1945 on the same ledger",
        "model                   0.0471    0.1842   Brier +0.7342 [+0.677, +0.786]  log loss +0.6592 [+0.586, +0.720]",
        "model against the kind x era base rate: Brier skill +0.0378 [+0.006, +0.067]  log loss skill +0.0356 [-0.018, +0.092]",
        "[0.8, 0.9)      100     0.8757     0.9800 *",
        "miscalibrated bins (n >= 100, |gap| > 0.05): 1",
    ] {
        has_line(&stdout, line);
    }
    // The old model beside the new, all years.
    has_line(
        &stdout,
        "old default: fixed Beta(1, 1), half-life 10 years           0.1875    0.5566 -0.0186  -1.4746",
    );
    has_line(
        &stdout,
        "default: prior by kind and era                              0.0742    0.2679  0.5971   0.0213",
    );
}
