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

#[allow(dead_code)]
mod support;

use alliance_reliability::Ledger;
use alliance_reliability::backtest::{
    Bootstrap, CovariateBacktest, FairBacktest, FairReport, Platt, Predictor, Protocol,
    Recalibration, Sign, Targets,
};
use alliance_reliability::history::{AllianceSource, ConflictSource, HistoricalData, Rule, Scope};
use alliance_reliability::import::Covariates;

fn close_to(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() < tol, "{a} != {b}");
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
/// calibration intercept, calibration slope); `None` for an era split
/// without training tests.
type Row = Option<(usize, f64, f64, f64, Option<bool>, f64, f64)>;

fn pin(r: &FairReport, want: [Row; 4]) {
    pin_to(r, want, 1e-9);
}

fn pin_to(r: &FairReport, want: [Row; 4], tol: f64) {
    let close = |a, b| close_to(a, b, tol);
    for (p, w) in Protocol::ALL.into_iter().zip(want) {
        match (r.report(p), w) {
            (None, None) => assert!(!r.era_trained(), "{p}"),
            (Some(got), Some((n, brier, global, kind_era, met, intercept, slope))) => {
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
                let fit = got.model().calibration_fit().unwrap();
                // The fits stop at a gradient norm of 1e-9: pinned to 1e-6.
                close_to(fit.intercept, intercept, 1e-6);
                close_to(fit.slope, slope, 1e-6);
                // No draws: no interval, no band, no verdict on kind x era
                // or on calibration.
                assert_eq!(c.beats_kind_era, None);
                assert_eq!((c.checked_bins, c.slope_consistent), (0, None));
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
        .unwrap()
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
                0.07092472598824728,
                0.8918182572868744,
            )),
            Some((
                4581,
                0.04711532281180189,
                0.7341671472904361,
                0.03780009039116938,
                Some(true),
                -0.03711323031891641,
                1.1010208659325336,
            )),
            Some((
                4581,
                0.06251266865733429,
                0.647292641800506,
                -0.2766480317190412,
                Some(true),
                0.37930571723557305,
                1.5163247130307715,
            )),
            Some((
                5246,
                0.08159924635413518,
                0.5566748911147893,
                -0.07701111137217809,
                Some(true),
                0.08989504267227447,
                0.7579737960056074,
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
                0.3922533586897741,
                0.5092768908385741,
            )),
            Some((
                186,
                0.15697180368911468,
                0.47935352521502395,
                0.05978043750151685,
                Some(false),
                -0.3209922200048784,
                1.1918448255324847,
            )),
            Some((
                186,
                0.16174953566501055,
                0.46350667086120534,
                0.031163087362580777,
                Some(false),
                -0.08970595141586792,
                0.5993886277936459,
            )),
            Some((
                405,
                0.2319899721115336,
                0.23564648395253018,
                -0.10989163776422539,
                Some(false),
                0.6692482549237702,
                0.38255785775731443,
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
                -0.08300007664872619,
                1.0172240741378649,
            )),
            Some((
                16907,
                0.042962895243861564,
                0.6157173654745906,
                0.014772444168881238,
                Some(true),
                -0.08319334464412834,
                1.0449965823663168,
            )),
            Some((
                16907,
                0.04320372202750896,
                0.613563284601805,
                0.00924979067719267,
                Some(true),
                -0.1538787045098187,
                1.1369913120624582,
            )),
            Some((
                18164,
                0.048653214436056406,
                0.5952164734822647,
                0.017527716713252706,
                Some(true),
                -0.0646169637235347,
                1.0162910292822862,
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
                0.24626154353981208,
                1.0261852369740994,
            )),
            Some((
                1260,
                0.013491824043431137,
                0.7394201910511002,
                -0.07013627972347725,
                None,
                0.24626154353981208,
                1.0261852369740994,
            )),
            None,
            Some((
                1260,
                0.0125810559766281,
                0.7570106790444451,
                0.0021034669232401493,
                None,
                0.1342622700633708,
                0.7927795582398472,
            )),
        ],
    );
    assert_eq!(r.era().training_n(), 0);
    assert!(
        r.to_string()
            .contains("too few tests before 1945-01-01 to tune on (0 < 100): no era split")
    );
}

/// Platt recalibration, fitted out of time (yearly refits on tests
/// settled earlier; the era split fits on the training era only), on
/// every ledger: one pooled map and one map per obligation kind. Neither
/// meets the calibration target where it was missed, and both lower the
/// Brier skill on the war ledgers; only the by-kind map on MIDs (default
/// configuration) gains a little. That is why recalibration stays off by
/// default. The maps come from an L-BFGS fit, so figures are pinned to
/// 1e-6 rather than 1e-9.
#[test]
fn recalibration_on_every_ledger() {
    let data = HistoricalData::bundled().expect("bundled data load");
    let treaty = Rule::LEEDS_TREATY;
    let of = |c| {
        Ledger::new(
            data.timeline_of(AllianceSource::Atop, c, treaty, &Scope::judged())
                .unwrap(),
            treaty.config(),
        )
        .unwrap()
    };
    let leeds = data
        .ledger_in(
            AllianceSource::Atop,
            Rule::Leeds,
            &Scope::judged(),
            Rule::Leeds.config(),
        )
        .unwrap();
    let mids = of(ConflictSource::Mids);
    let ucdp = of(ConflictSource::Ucdp);
    // Each recalibrated run re-uses the raw run's configuration choices
    // (`run_reusing`, equal to `run`: unit-tested), which keeps this test
    // short.
    let wars = of(ConflictSource::CowWars);
    let ledgers: [(&Ledger, ConflictSource, Targets); 4] = [
        (&leeds, ConflictSource::CowWars, Targets::WARS),
        (&wars, ConflictSource::CowWars, Targets::WARS),
        (&mids, ConflictSource::Mids, Targets::MIDS),
        (&ucdp, ConflictSource::Ucdp, Targets::NONE),
    ];
    fn fair(l: &Ledger, c: ConflictSource, t: Targets, m: Recalibration) -> FairBacktest<'_> {
        FairBacktest::new(l, c.as_str())
            .as_of(c.as_of())
            .targets(t)
            .recalibration(m)
            .bootstrap(Bootstrap {
                replicates: 0,
                ..Bootstrap::default()
            })
    }
    let raws: Vec<FairReport> = ledgers
        .iter()
        .map(|&(l, c, t)| fair(l, c, t, Recalibration::Off).run())
        .collect();
    let run = |l: &Ledger, c: ConflictSource, t: Targets, m: Recalibration| {
        let i = ledgers.iter().position(|x| std::ptr::eq(x.0, l)).unwrap();
        fair(l, c, t, m).run_reusing(&raws[i])
    };
    let last = |r: &FairReport, p: Protocol| -> Platt {
        r.report(p)
            .and_then(|x| x.recalibration())
            .and_then(|s| s.last)
            .unwrap()
    };

    // Wars, previous Leeds reading, one pooled map.
    let r = run(
        &leeds,
        ConflictSource::CowWars,
        Targets::WARS,
        Recalibration::PLATT,
    );
    pin_to(
        &r,
        [
            Some((
                5246,
                0.088057581716954,
                0.5215870397452662,
                -0.1622533073176753,
                Some(false),
                -0.008525657645078758,
                1.0132667669234041,
            )),
            Some((
                4581,
                0.061455821952265864,
                0.6532555548767299,
                -0.25506486634099645,
                Some(true),
                -0.08988915146162008,
                1.3857525962107167,
            )),
            Some((
                4581,
                0.09736395440744179,
                0.45065562100465983,
                -0.9883889685784453,
                Some(false),
                0.19695739888900246,
                3.4471585912415383,
            )),
            Some((
                5246,
                0.10589603657198696,
                0.4246715007630736,
                -0.3976992819680114,
                Some(false),
                0.07048605708342486,
                1.1603590275677464,
            )),
        ],
        1e-6,
    );
    // The training era's map (665 tests before 1945) flattens the
    // forecast (slope 0.43): the scored era's forecasts are pulled to the
    // middle, where no test falls.
    let m = last(&r, Protocol::EraSplit);
    assert_eq!(m.n, 665);
    close_to(m.a, 0.4673081355841249, 1e-6);
    close_to(m.b, 0.43297768164090483, 1e-6);
    let s = r
        .report(Protocol::EraSplit)
        .unwrap()
        .recalibration()
        .unwrap();
    assert_eq!((s.fits, s.recalibrated), (2, 4581));
    let m = last(&r, Protocol::AllYears);
    assert_eq!(m.n, 4981);
    close_to(m.a, 0.09105840858726941, 1e-6);
    close_to(m.b, 0.8758938102432792, 1e-6);
    // By kind: the era split's non-aggression map has a negative slope
    // (within that kind the training era's forecasts ran against the
    // outcomes), and the scored era collapses.
    let r = run(
        &leeds,
        ConflictSource::CowWars,
        Targets::WARS,
        Recalibration::PLATT_BY_KIND,
    );
    pin_to(
        &r,
        [
            Some((
                5246,
                0.08642632537393193,
                0.5304495835578817,
                -0.14072270151641142,
                Some(false),
                0.013023916817437704,
                1.03138950147892,
            )),
            Some((
                4581,
                0.059805619144888765,
                0.6625662863681996,
                -0.221364046791533,
                Some(true),
                -0.09084382341410481,
                1.4648513498485898,
            )),
            Some((
                4581,
                0.39802653362701584,
                -1.2457349875498385,
                -7.128588998691892,
                Some(false),
                2.3006803064162398,
                -0.2684599982241876,
            )),
            Some((
                5246,
                0.0817940930920919,
                0.555616297375511,
                -0.07958285205814697,
                Some(true),
                -0.24084952242791696,
                0.9942532801221733,
            )),
        ],
        1e-6,
    );
    let m = last(&r, Protocol::EraSplit);
    assert_eq!(m.n, 231);
    assert!(m.b < 0.0, "{m:?}");

    // Wars under the treaty rule (405 tests, no bin with 100): the pooled
    // map halves the skill against the global rate.
    let r = run(
        &wars,
        ConflictSource::CowWars,
        Targets::WARS,
        Recalibration::PLATT,
    );
    pin_to(
        &r,
        [
            Some((
                405,
                0.2693156786574343,
                0.11266687937031883,
                -0.2884661217898481,
                Some(false),
                -0.021057865720092307,
                0.18130461633052344,
            )),
            Some((
                186,
                0.23076486672010896,
                0.2345955672395622,
                -0.3822204811847212,
                Some(false),
                -1.09738848288571,
                1.8988652186844093,
            )),
            Some((
                186,
                0.25604375923984846,
                0.15075015062616315,
                -0.5336343574782478,
                Some(false),
                -1.3100378500858425,
                2.363149432155297,
            )),
            Some((
                405,
                0.2660879530279865,
                0.12330149176864447,
                -0.2730239643012542,
                Some(false),
                0.018755170944880994,
                0.20485137097848163,
            )),
        ],
        1e-6,
    );

    // MIDs: the pooled map changes little (slope 1.01 on 17,941 tests)
    // and misses more bins; the by-kind map removes one missed bin on all
    // years and from 1945 (default configuration) but not the [0.1, 0.2)
    // bin, and wrecks the era split (a by-kind map fitted on 103 tests).
    let r = run(
        &mids,
        ConflictSource::Mids,
        Targets::MIDS,
        Recalibration::PLATT,
    );
    pin_to(
        &r,
        [
            Some((
                18164,
                0.04928873084536655,
                0.5899291234828358,
                0.004694499731416113,
                Some(true),
                0.00844700757362506,
                1.0382205909450977,
            )),
            Some((
                16907,
                0.043183741940766074,
                0.6137419969611069,
                0.00970797516208144,
                Some(true),
                0.04361727642929429,
                1.0461858125229875,
            )),
            Some((
                16907,
                0.04437728695477267,
                0.6030663053019747,
                -0.017662466942655053,
                Some(true),
                -0.16181346459391555,
                1.376410915561562,
            )),
            Some((
                18164,
                0.04976341087293434,
                0.5859798950967291,
                -0.0048908889406427125,
                Some(true),
                0.017053233283062803,
                1.0467773491450794,
            )),
        ],
        1e-6,
    );
    let r = run(
        &mids,
        ConflictSource::Mids,
        Targets::MIDS,
        Recalibration::PLATT_BY_KIND,
    );
    pin_to(
        &r,
        [
            Some((
                18164,
                0.04853615626555797,
                0.596190370471625,
                0.01989151547515966,
                Some(true),
                -0.08648385434046638,
                1.0890360946056903,
            )),
            Some((
                16907,
                0.042644697343543814,
                0.6185634941337588,
                0.022069376505978178,
                Some(true),
                -0.07257021465750355,
                1.1139668132820884,
            )),
            Some((
                16907,
                0.05525010433790319,
                0.505814132584401,
                -0.2669985332057936,
                Some(true),
                -0.4100106929905695,
                2.3774465327286687,
            )),
            Some((
                18164,
                0.04905320575757571,
                0.591888637910089,
                0.009450544598258004,
                Some(true),
                -0.07061757955525425,
                1.0807566604190473,
            )),
        ],
        1e-6,
    );

    // UCDP: consistent with calibration before and after (bands checked
    // with draws in the example),
    // with a lower skill.
    let r = run(
        &ucdp,
        ConflictSource::Ucdp,
        Targets::NONE,
        Recalibration::PLATT,
    );
    pin_to(
        &r,
        [
            Some((
                1260,
                0.014119107216714404,
                0.7273049033831887,
                -0.11989074429621471,
                None,
                0.29950570506059526,
                0.8151251502759289,
            )),
            Some((
                1260,
                0.014119107216714404,
                0.7273049033831887,
                -0.11989074429621471,
                None,
                0.29950570506059526,
                0.8151251502759289,
            )),
            None,
            Some((
                1260,
                0.014244090250328302,
                0.7248909929351923,
                -0.12980407241179015,
                None,
                0.23646490419123595,
                0.9530399638330963,
            )),
        ],
        1e-6,
    );
}

/// One covariate case: ledger, source, training tests, scored tests,
/// (Brier, skill vs global, skill vs kind x era), the seven weights, the
/// missing counts (COW code, CINC, Polity2), and whether each of Leeds's
/// three signs came back.
type Case = (
    Ledger,
    ConflictSource,
    usize,
    usize,
    [f64; 3],
    [f64; 7],
    [usize; 3],
    [bool; 3],
);

/// The Leeds (2003) covariate forecaster (obligation kind, major power
/// toward minor power, capability change since signing, democracy),
/// fitted on the training era (crises and windows before 1945) and scored
/// from 1945: the signs of Leeds (2003) come back on the previous reading's
/// war ledger and on the MIDs (major -> minor and capability change lower
/// fulfilment, democracy raises it), but as a forecast it loses badly to
/// the kind x era base rate on every ledger. Weights pinned to 1e-6
/// (L-BFGS), scores to 1e-6.
#[test]
fn leeds_covariates_on_the_war_and_mid_ledgers() {
    let data = HistoricalData::bundled().expect("bundled data load");
    let (cov, reports) = Covariates::bundled().unwrap();
    assert_eq!(
        reports.iter().map(|r| r.rows_used).sum::<u64>(),
        14 + 17121 + 14682
    );
    let treaty = Rule::LEEDS_TREATY;
    let leeds = data
        .ledger_in(
            AllianceSource::Atop,
            Rule::Leeds,
            &Scope::judged(),
            Rule::Leeds.config(),
        )
        .unwrap();
    let of = |c| {
        Ledger::new(
            data.timeline_of(AllianceSource::Atop, c, treaty, &Scope::judged())
                .unwrap(),
            treaty.config(),
        )
        .unwrap()
    };
    let cases: [Case; 3] = [
        (
            leeds,
            ConflictSource::CowWars,
            594,
            4581,
            [0.1145747788555872, 0.35354915356497973, -1.33987236591074],
            [
                0.4067948968166205,
                -1.3736137329632918,
                1.6957817484619107,
                1.338247437091677,
                -0.34945341762721027,
                -0.5110763624293394,
                0.6920606313546236,
            ],
            [0, 174, 523],
            [true, true, true],
        ),
        (
            of(ConflictSource::CowWars),
            ConflictSource::CowWars,
            204,
            186,
            [
                0.33656205312021836,
                -0.11631415569691184,
                -1.0159176291622538,
            ],
            [
                0.9053065412077261,
                -0.8165546315576121,
                3.440306010733547,
                -1.8643597829359964,
                0.3136256715592853,
                -0.7868161943059468,
                0.5684810814732246,
            ],
            [0, 11, 52],
            // Under the treaty rule major -> minor comes out positive.
            [false, true, true],
        ),
        (
            of(ConflictSource::Mids),
            ConflictSource::Mids,
            1209,
            16907,
            [0.06056834860698342, 0.45824497070246295, -0.38895681308424],
            [
                -1.9684165868358587,
                0.32146765256923204,
                4.205353393148787,
                1.7176381052927503,
                -0.4510537027445149,
                -1.321093736311691,
                1.0179635063441501,
            ],
            [0, 362, 926],
            [true, true, true],
        ),
    ];
    for (ledger, c, train, n, scores, weights, missing, agrees) in &cases {
        let r = CovariateBacktest::new(ledger, &cov, data.states())
            .as_of(c.as_of())
            .bootstrap(Bootstrap {
                replicates: 0,
                ..Bootstrap::default()
            })
            .run();
        assert!(r.fitted());
        assert_eq!((r.training_n(), r.scored().n()), (*train, *n));
        let s = r.scored();
        close_to(s.model().brier().unwrap(), scores[0], 1e-6);
        close_to(s.skill().unwrap(), scores[1], 1e-6);
        close_to(
            s.skill_vs(Predictor::Model, Predictor::KindEra)
                .and_then(|x| x.brier)
                .unwrap(),
            scores[2],
            1e-6,
        );
        for (coef, w) in r.coefficients().iter().zip(weights) {
            close_to(coef.estimate, *w, 1e-6);
        }
        let m = r.missing();
        assert_eq!([m.unmapped, m.cinc, m.polity], *missing);
        let got: Vec<bool> = r.coefficients()[4..]
            .iter()
            .map(|c| c.agrees().unwrap())
            .collect();
        assert_eq!(got, agrees.to_vec());
        assert_eq!(r.coefficients()[6].leeds_2003, Some(Sign::Positive));
        // Worse than the kind x era base rate from 1945 on every ledger.
        assert!(scores[2] < -0.3);
    }
}

fn has_line(out: &str, want: &str) {
    assert!(
        out.lines().any(|l| l.trim_end() == want),
        "missing line {want:?} in output:\n{out}"
    );
}

#[test]
fn example_prints_the_fair_backtest() {
    let out = support::example("historical", [] as [&str; 0]);
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
        // Calibration: intercept and slope consistent with calibration,
        // but 7 of 10 bins outside their consistency bands.
        "calibration intercept (slope fixed at 1; 0 if calibrated) +0.071 [-0.142, +0.291], slope (1 if calibrated) 0.892 [+0.769, +1.033] (90% intervals over crises; two-parameter intercept +0.092)",
        "[0.1, 0.2)      839     0.1485     0.2038     [0.129, 0.169]   -0.055   [-0.139, +0.011] *",
        "[0.9, 1.0]     3487     0.9765     0.9739     [0.972, 0.981]   +0.003   [-0.007, +0.015]",
        "bins outside their consistency band: 7 of 10 (about 1.0 expected by chance); joint p-value 0.000",
    ] {
        has_line(&stdout, line);
    }
    // The comparison table: one row per ledger x protocol, with the
    // 90% intervals (2000 draws) and the targets met (ok) or missed (no).
    for line in [
        "wars, previous Leeds       all years, default              5246  0.0742   +0.597 [+0.515, +0.667] ok   +0.021 [+0.001, +0.041] ok +0.071 [-0.142, +0.291] ok +0.892 [+0.769, +1.033] ok  7/10 0.000    no",
        "wars, previous Leeds       from 1945, tuned before 1945    4581  0.0625   +0.647 [+0.588, +0.700] ok   -0.277 [-0.401, -0.183] no +0.379 [+0.206, +0.574] no +1.516 [+1.266, +1.862] no   7/9 0.000    no",
        "wars, treaty rule          all years, default               405  0.2229   +0.266 [+0.144, +0.390] no   -0.066 [-0.145, +0.013] no +0.392 [-0.156, +0.926] ok +0.509 [+0.303, +0.777] no  4/10 0.001    no",
        "wars, treaty rule          from 1945, tuned before 1945     186  0.1617   +0.464 [+0.249, +0.642] no   +0.031 [+0.003, +0.063] ok -0.090 [-1.272, +0.814] ok +0.599 [+0.334, +1.203] ok   4/8 0.000    no",
        "wars, treaty rule          all years, rolling tuning        405  0.2320   +0.236 [+0.109, +0.370] no   -0.110 [-0.200, -0.021] no +0.669 [-0.001, +1.282] ok +0.383 [+0.256, +0.568] no  4/10 0.003    no",
        "MIDs, treaty rule          all years, default             18164  0.0487   +0.595 [+0.573, +0.617] ok   +0.017 [+0.002, +0.032] ok -0.083 [-0.166, -0.002] no +1.017 [+0.960, +1.080] ok  4/10 0.005    no",
        "MIDs, treaty rule          from 1945, default             16907  0.0430   +0.616 [+0.592, +0.638] ok   +0.015 [-0.003, +0.032] no -0.083 [-0.175, +0.006] ok +1.045 [+0.980, +1.119] ok  4/10 0.007    no",
        "MIDs, treaty rule          from 1945, tuned before 1945   16907  0.0432   +0.614 [+0.590, +0.635] ok   +0.009 [-0.004, +0.022] no -0.154 [-0.239, -0.069] no +1.137 [+1.069, +1.215] no  4/10 0.003    no",
        "MIDs, treaty rule          all years, rolling tuning      18164  0.0487   +0.595 [+0.573, +0.617] ok   +0.018 [+0.006, +0.029] ok -0.065 [-0.148, +0.016] ok +1.016 [+0.963, +1.075] ok  5/10 0.002    no",
        "UCDP, treaty rule          all years, default              1260  0.0135   +0.739 [+0.556, +0.865]  -   -0.070 [-0.250, +0.023] no +0.246 [-0.241, +0.712] ok +1.026 [+0.827, +1.496] ok   0/9 1.000    ok",
        "UCDP, treaty rule          from 1945, tuned before 1945  too few tests before 1945-01-01 to tune on (0 < 100): no era split",
        "UCDP, treaty rule          all years, rolling tuning       1260  0.0126   +0.757 [+0.574, +0.885]  -   +0.002 [-0.018, +0.017] no +0.134 [-0.779, +0.784] ok +0.793 [+0.632, +1.045] ok   0/5 1.000    ok",
        "MIDs, treaty rule: training era (1257 tests before 1945-01-01) chose: prior by kind (kappa 16, lambda 16, c 1, eras split 1945-01-01), no decay",
        "UCDP, treaty rule: only 0 tests before 1945-01-01: no era split (the data start later)",
        "MIDs, treaty rule, all years, default: bin [0.1, 0.2) n = 805, predicted 0.136, observed 0.078 outside its band [0.117, 0.157]; gap +0.059 [+0.038, +0.078] over crises",
        "MIDs, treaty rule, all years, default: bin [0.0, 0.1) n = 13452, predicted 0.023, observed 0.019 outside its band [0.021, 0.025]; gap +0.004 [+0.000, +0.008] over crises",
        "wars, treaty rule, all years, rolling tuning: bin [0.0, 0.1) n = 114, predicted 0.064, observed 0.333 outside its band [0.026, 0.105]; gap -0.269 [-0.471, -0.140] over crises",
        "wars, treaty rule: the kind x era base rate alone, all years: Brier skill vs global +0.311 [+0.210, +0.416]",
        "MIDs, treaty rule: the kind x era base rate alone, all years: Brier skill vs global +0.588 [+0.565, +0.610]",
        // Calibration: the kind x era base rate is no better calibrated bin
        // by bin; from 1945 the MIDs' 0.1-0.2 bin is off beyond both its
        // consistency band and the crisis-bootstrap noise of its gap.
        "wars, previous Leeds, all years, default: calibration of the kind x era base rate: intercept -0.054, slope +0.649, 6 of 8 bins outside their bands (p 0.000); the model: intercept +0.071 [-0.142, +0.291], slope +0.892 [+0.769, +1.033], 7 of 10 bins outside their bands (p 0.000)",
        "MIDs, treaty rule, from 1945, default: calibration of the kind x era base rate: intercept -0.044, slope +1.032, 2 of 7 bins outside their bands (p 0.052); the model: intercept -0.083 [-0.175, +0.006], slope +1.045 [+0.980, +1.119], 4 of 10 bins outside their bands (p 0.007)",
        "MIDs, treaty rule, from 1945, default: bin [0.1, 0.2) n = 489, predicted 0.132, observed 0.033 outside its band [0.106, 0.160]; gap +0.099 [+0.083, +0.114] over crises",
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
        "bins outside their consistency band: 7 of 9 (about 0.9 expected by chance); joint p-value 0.000",
    ] {
        has_line(&stdout, line);
    }
    // Rolling-origin tuning (re-chosen before each crisis on all earlier
    // tests) loses to kind x era too.
    for line in [
        "model                   0.0816    0.3267   Brier +0.5567 [+0.470, +0.631]  log loss +0.4115 [+0.279, +0.522]",
        "model against the kind x era base rate: Brier skill -0.0770 [-0.117, -0.043]  log loss skill +0.0474 [-0.009, +0.103]",
        "bins outside their consistency band: 8 of 10 (about 1.0 expected by chance); joint p-value 0.000",
    ] {
        has_line(&stdout, line);
    }
    assert!(stdout.contains(
        "model: rolling-origin tuning over 289 configurations; chosen most often (2377 of 5246 tests): prior by kind (kappa 4, lambda 4, c 50, eras split 1945-01-01), half-life 5 years;"
    ));
    // The a-priori default scored from 1945 only: beats kind x era with an
    // interval above 0; intercept and slope consistent with calibration,
    // 8 of 9 bins outside their bands.
    for line in [
        "The default configuration (set a priori, not tuned) scored from 1945 on the same ledger",
        "model                   0.0471    0.1842   Brier +0.7342 [+0.677, +0.786]  log loss +0.6592 [+0.586, +0.720]",
        "model against the kind x era base rate: Brier skill +0.0378 [+0.006, +0.067]  log loss skill +0.0356 [-0.018, +0.092]",
        "[0.8, 0.9)      100     0.8757     0.9800     [0.820, 0.920]   -0.104   [-0.133, -0.059] *",
        "bins outside their consistency band: 8 of 9 (about 0.9 expected by chance); joint p-value 0.000",
    ] {
        has_line(&stdout, line);
    }
    // Recalibration (pooled and by kind) before and after, and the Leeds
    // (2003) covariate forecaster beside the era split.
    for line in [
        "Recalibration: Platt (logistic on logit p), refitted yearly on tests settled earlier (at least 100) (era split: fitted on the training era only)",
        "wars, previous Leeds       all years, default              5246  0.0881   +0.522 [+0.438, +0.593] no   -0.162 [-0.254, -0.089] no -0.009 [-0.189, +0.190] ok +1.013 [+0.836, +1.235] ok 10/10 0.000    no",
        "MIDs, treaty rule          from 1945, default             16907  0.0432   +0.614 [+0.590, +0.636] ok   +0.010 [-0.010, +0.028] no +0.044 [-0.048, +0.133] ok +1.046 [+0.980, +1.121] ok  4/10 0.006    no",
        "wars, previous Leeds, from 1945, tuned before 1945: n = 4581; before: intercept +0.379 [+0.206, +0.574], slope +1.516 [+1.266, +1.862], 7 of 9 bins outside their bands (p 0.000); after: intercept +0.197 [+0.012, +0.401], slope +3.447 [+2.895, +4.215], 6 of 7 bins outside their bands (p 0.000)",
        "  last map: p -> 1 / (1 + exp(-(+0.467 + 0.433 logit p))), fitted on 665 tests; 4581 of 4581 tests recalibrated",
        "MIDs, treaty rule, from 1945, default: n = 16907; before: intercept -0.083 [-0.175, +0.006], slope +1.045 [+0.980, +1.119], 4 of 10 bins outside their bands (p 0.007); after: intercept +0.044 [-0.048, +0.133], slope +1.046 [+0.980, +1.121], 4 of 10 bins outside their bands (p 0.006)",
        "Recalibration: Platt by obligation kind (pooled map for kinds with fewer than 100 tests), refitted yearly on tests settled earlier (era split: fitted on the training era only)",
        "wars, previous Leeds       all years, default              5246  0.0864   +0.530 [+0.453, +0.597] no   -0.141 [-0.225, -0.075] no +0.013 [-0.159, +0.213] ok +1.031 [+0.867, +1.218] ok  8/10 0.000    no",
        "MIDs, treaty rule          from 1945, default             16907  0.0426   +0.619 [+0.595, +0.640] ok   +0.022 [+0.010, +0.034] ok -0.073 [-0.160, +0.013] ok +1.114 [+1.051, +1.184] no  5/10 0.001    no",
        "MIDs, treaty rule, from 1945, default: n = 16907; before: intercept -0.083 [-0.175, +0.006], slope +1.045 [+0.980, +1.119], 4 of 10 bins outside their bands (p 0.007); after: intercept -0.073 [-0.160, +0.013], slope +1.114 [+1.051, +1.184], 5 of 10 bins outside their bands (p 0.001)",
        "  major -> minor        -0.349      0.705         0.121     negative     yes",
        "  democracy             +0.692      1.998         0.071     positive     yes",
        "  covariates not readable (set to 0), training and scored rows: 0 without COW codes, 174 without CINC, 523 without Polity2",
        "  major -> minor        +0.314      1.368         0.118     negative      no",
        "UCDP, treaty rule: only 0 training-era tests: no regression (the data start later)",
        "wars, previous Leeds   Leeds (2003) covariates          4581  0.1146    +0.354 [+0.317, +0.394]    -1.340 [-1.901, -0.918]  intercept -0.096 [-0.302, +0.129], slope +3.084 [+2.686, +3.604], 7 of 8 bins outside their bands (p 0.000)",
        "wars, treaty rule      Leeds (2003) covariates           186  0.3366    -0.116 [-0.397, +0.103]    -1.016 [-1.774, -0.440]  intercept -1.293 [-2.336, +0.020], slope +0.041 [-0.404, +0.851], 6 of 10 bins outside their bands (p 0.000)",
        "MIDs, treaty rule      Leeds (2003) covariates         16907  0.0606    +0.458 [+0.431, +0.483]    -0.389 [-0.449, -0.332]  intercept -0.846 [-0.922, -0.764], slope +1.683 [+1.587, +1.787], 8 of 10 bins outside their bands (p 0.000)",
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
