//! Historical validation on the bundled data: our figures under the
//! Sabrosky and Leeds rules (the treaty rule beside the previous Leeds
//! reading, and one reading off at a time), side by side with the published
//! ones; the same rules on MIDs and UCDP conflicts; the great powers'
//! reliability; and an out-of-time backtest.
//!
//! Run with `cargo run --example historical`. The methodology and every
//! known reason for the gaps are documented in `alliance_reliability::history`.
//! With the `plot` feature, `-- --plot DIR` also writes SVG plots (see
//! `write_plots` at the end of this file).

use std::collections::HashMap;

use alliance_reliability::backtest::{
    Backtest, BacktestReport, Bootstrap, CovariateBacktest, FairBacktest, FairReport, Predictor,
    Protocol, Recalibration, Targets,
};
use alliance_reliability::history::{
    AS_OF, AllianceSource, Breakdown, ConflictSource, Figure, HistoricalData, Reading, Rule, Scope,
    Tally,
};
use alliance_reliability::import::Covariates;
use alliance_reliability::{Config, Judging, KindPrior, Prior, PriorModel};
use alliance_reliability::{Ledger, Obligation};
use chrono::Datelike;

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

/// A figure under the previous Leeds reading and the treaty rule, beside
/// the published one and its target band.
fn compare(label: &str, previous: &Tally, treaty: &Tally, figure: Figure) {
    let band = figure
        .tolerance()
        .map_or_else(|| "-".to_string(), |t| format!("+/-{:.0}", 100.0 * t));
    let within = match (figure.tolerance(), treaty.share()) {
        (Some(t), Some(v)) if (v - figure.published()).abs() <= t + 1e-12 => "yes",
        (Some(_), Some(_)) => "no",
        _ => "-",
    };
    println!(
        "{label:<40} {:>6} {:>7} {:>6} {:>7} {:>9} {:>6} {:>6}",
        previous.resolved(),
        pct(previous.share()),
        treaty.resolved(),
        pct(treaty.share()),
        pct(Some(figure.published())),
        band,
        within
    );
}

fn row(label: &str, data: &str, t: &Tally, published: Option<f64>, citation: &str) {
    println!(
        "{label:<46} {data:<19} {:>6} {:>7} {:>9}  {citation}",
        t.resolved(),
        pct(t.share()),
        pct(published)
    );
}

/// Prints `text` wrapped at 78 columns, indented by two spaces.
fn wrap(text: &str) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > 76 {
            println!("  {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        println!("  {line}");
    }
}

/// One row of shares: judged overall, by era, by obligation (1816-2003).
fn print_row(label: &str, b: &Breakdown<'_>, last: i32) -> Result<(), Box<dyn std::error::Error>> {
    let judged = Scope::judged();
    let all = b.tally(&judged.years(1816, last)?);
    let share = |s: Scope| pct(b.tally(&s).share());
    let kind = |o| Scope::all().obligations([o]).years(1816, last);
    println!(
        "{label:<40} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        all.resolved(),
        pct(all.share()),
        share(judged.years(1816, 1944)?),
        share(judged.years(1945, last)?),
        share(kind(Obligation::Defence)?),
        share(kind(Obligation::Offence)?),
        share(kind(Obligation::Neutrality)?),
        share(kind(Obligation::NonAggression)?),
    );
    Ok(())
}

/// Historical validation on the bundled ATOP, COW, MID and UCDP data.
#[derive(clap::Parser, Debug)]
#[command(version)]
struct Args {
    /// Also write SVG plots into this directory (needs the `plot` feature):
    /// the most tested guarantor's reliability, its clients' abandonment
    /// risk, and the backtest's calibration diagram.
    #[arg(long, value_name = "DIR")]
    plot: Option<std::path::PathBuf>,
    /// A UCDP/PRIO Armed Conflict Dataset file to use instead of the
    /// bundled one (`data/peacesciencer/ucdp_acd.csv`): an official
    /// release CSV (`ucdp-prio-acd-XXX.csv`, 19.1 to 25.1) or
    /// peacesciencer's conversion; the layout is detected from the header.
    #[arg(long, value_name = "FILE")]
    ucdp: Option<std::path::PathBuf>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = <Args as clap::Parser>::parse();
    let mut data = HistoricalData::bundled()?;
    if let Some(path) = &args.ucdp {
        let file = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        // The error's Display names the file, line and field.
        let ucdp = alliance_reliability::import::UcdpImport::read(
            &file[..],
            &path.display().to_string(),
            data.states(),
        )
        .map_err(|e| e.to_string())?;
        println!(
            "UCDP/PRIO from {} ({} layout{})",
            path.display(),
            ucdp.format.as_str(),
            if ucdp.versions.is_empty() {
                String::new()
            } else {
                format!(", version {}", ucdp.versions.join(", "))
            }
        );
        data = data.with_ucdp(ucdp);
    }
    println!("Historical validation, assessed as of {AS_OF}");
    println!("Data:");
    for report in data.reports(AllianceSource::Atop) {
        print!("  {report}");
    }
    print!("  {}", data.cow().report);
    print!("  {}", data.mid().report);
    print!("  {}", data.ucdp().report);
    println!();

    // One ledger per (data, rule). The Sabrosky figures need defence
    // pledges only, so their ledgers hold nothing else (plain shares do not
    // depend on the other commitments).
    let mut ledgers: HashMap<(AllianceSource, Rule), Ledger> = HashMap::new();
    for figure in Figure::ALL {
        for rule in [figure.rule(), figure.previous_rule()] {
            let key = (figure.source(), rule);
            if ledgers.contains_key(&key) {
                continue;
            }
            let ledger = match rule {
                Rule::Sabrosky => data.ledger_in(
                    figure.source(),
                    rule,
                    &Scope::all().obligations([Obligation::Defence]),
                    rule.config(),
                )?,
                _ => data.ledger(figure.source(), rule)?,
            };
            ledgers.insert(key, ledger);
        }
    }
    let breakdowns: HashMap<(AllianceSource, Rule), Breakdown<'_>> = ledgers
        .iter()
        .map(|(k, l)| (*k, Breakdown::new(l, AS_OF)))
        .collect();
    let breakdown = |f: Figure| &breakdowns[&(f.source(), f.rule())];

    println!("Our figures next to the published ones (share of resolved tests honoured)");
    println!(
        "{:<46} {:<19} {:>6} {:>7} {:>9}  source",
        "figure", "data", "n", "ours", "published"
    );
    for figure in Figure::ALL {
        let t = breakdown(figure).tally(&figure.scope());
        row(
            figure.label(),
            figure.source().as_str(),
            &t,
            Some(figure.published()),
            figure.citation(),
        );
    }
    println!();
    println!(
        "The treaty rule (Rule::LEEDS_TREATY) beside the previous Leeds reading (Rule::Leeds), ATOP 5.1 x COW wars"
    );
    println!(
        "{:<40} {:>6} {:>7} {:>6} {:>7} {:>9} {:>6} {:>6}",
        "figure", "n", "before", "n", "treaty", "published", "target", "within"
    );
    for figure in Figure::ALL {
        if figure.rule() == figure.previous_rule() {
            continue;
        }
        let scope = figure.scope();
        let previous = breakdowns[&(figure.source(), figure.previous_rule())].tally(&scope);
        let treaty = breakdown(figure).tally(&scope);
        compare(figure.label(), &previous, &treaty, figure);
    }
    println!();
    println!("The treaty rule with one reading off at a time (ATOP 5.1 x COW wars, 1816-2003)");
    println!(
        "{:<40} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "reading", "n", "all", "<1945", ">=1945", "def", "off", "neu", "nonagg"
    );
    let d = Reading::DEFAULT;
    let ablations: [(&str, Reading); 8] = [
        ("all readings (default)", d),
        (
            "without named threats",
            Reading {
                named_threats: false,
                ..d
            },
        ),
        (
            "without location",
            Reading {
                location: false,
                ..d
            },
        ),
        (
            "attacked: COW Initiator only",
            Reading {
                attacked_within_days: None,
                ..d
            },
        ),
        (
            "attacked: same day only",
            Reading {
                attacked_within_days: Some(0),
                ..d
            },
        ),
        (
            "offence: COW Initiator only",
            Reading {
                side_based_offence: false,
                ..d
            },
        ),
        (
            "non-aggression: every war",
            Reading {
                opposite_side_non_aggression: false,
                ..d
            },
        ),
        (
            "wars within a pact kept",
            Reading {
                intra_pact_excluded: false,
                ..d
            },
        ),
    ];
    for (label, reading) in ablations {
        let ledger = data.ledger(AllianceSource::Atop, Rule::Treaty(reading))?;
        print_row(label, &Breakdown::new(&ledger, AS_OF), 2003)?;
    }
    println!();

    println!(
        "ATOP 5.1 x wars, MIDs and armed conflicts: the treaty rule and the previous Leeds reading"
    );
    println!(
        "{:<40} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "conflicts, rule", "n", "all", "<1945", ">=1945", "def", "off", "neu", "nonagg"
    );
    for conflicts in ConflictSource::ALL {
        for rule in [Rule::LEEDS_TREATY, Rule::Leeds] {
            let ledger = data.ledger_of(AllianceSource::Atop, conflicts, rule)?;
            let label = format!("{conflicts}, {rule}");
            let as_of = conflicts.as_of();
            print_row(&label, &Breakdown::new(&ledger, as_of), as_of.year() - 1)?;
        }
    }
    println!("  (each to the end of its data: wars 2003, MIDs 2010, UCDP 2024; UCDP codes no");
    println!(
        "  initiator, so no offence pledge is invoked and no non-aggression pledge between enemies kept)"
    );
    println!();

    let leeds = &breakdowns[&(AllianceSource::Atop, Rule::Leeds)];
    println!("The previous Leeds reading (Rule::Leeds), for comparison:");
    let no_nonagg = Scope::all().obligations([
        Obligation::Defence,
        Obligation::Offence,
        Obligation::Neutrality,
    ]);
    for (label, first, last) in [
        ("Leeds rule, 1816-2003, without non-aggression", 1816, 2003),
        ("Leeds rule, before 1945, without non-aggr.", 1816, 1944),
        ("Leeds rule, 1945-2003, without non-aggr.", 1945, 2003),
    ] {
        let t = leeds.tally(&no_nonagg.years(first, last)?);
        row(label, "ATOP 5.1", &t, None, "(ours only)");
    }
    // A stricter reading of invocation: the pledge is at stake only when the
    // guarantor is itself at war in the same conflict (Scope::engaged).
    for (label, kinds) in [
        (
            "Leeds rule, non-aggression, guarantor at war",
            [Obligation::NonAggression].as_slice(),
        ),
        (
            "Leeds rule, neutrality, guarantor at war",
            &[Obligation::Neutrality],
        ),
        (
            "Leeds rule, judged, guarantor at war",
            &[
                Obligation::Defence,
                Obligation::Offence,
                Obligation::Neutrality,
                Obligation::NonAggression,
            ],
        ),
    ] {
        let t = leeds.tally(
            &Scope::all()
                .obligations(kinds.iter().copied())
                .years(1816, 2003)?
                .engaged(),
        );
        row(label, "ATOP 5.1", &t, None, "(ours only, strict)");
    }
    let c = leeds.tally(
        &Scope::all()
            .obligations([Obligation::Consultation])
            .years(1816, 2003)?,
    );
    row(
        "Leeds rule, consultation, 1816-2003",
        "ATOP 5.1",
        &c,
        None,
        "(not judged: no diplomatic events)",
    );
    let cow_all = data.ledger_in(
        AllianceSource::Cow,
        Rule::Sabrosky,
        &Scope::all(),
        Rule::Sabrosky.config(),
    )?;
    let t = Breakdown::new(&cow_all, AS_OF).tally(&Scope::all().years(1816, 1965)?);
    row(
        "Sabrosky rule, all COW pledge types, 1816-1965",
        "COW alliances v4.1",
        &t,
        None,
        "(ours only)",
    );
    println!();

    // The same figures with each treaty judged as a whole (the library's
    // default, `Judging::Treaty`): one test per (war, guarantor, target),
    // against the most demanding obligation invoked.
    println!(
        "Judged clause by clause (equal split, as above) and by treaty (Judging::Treaty, the default)"
    );
    println!(
        "{:<46} {:>6} {:>7} {:>6} {:>7} {:>9}",
        "figure", "n", "clause", "n", "treaty", "published"
    );
    let mut treaty_ledgers: HashMap<(AllianceSource, Rule), Ledger> = HashMap::new();
    for figure in Figure::ALL {
        let key = (figure.source(), figure.rule());
        if treaty_ledgers.contains_key(&key) {
            continue;
        }
        let config = figure.rule().config().judging(Judging::Treaty);
        let scope = match figure.rule() {
            Rule::Sabrosky => Scope::all().obligations([Obligation::Defence]),
            _ => Scope::all(),
        };
        treaty_ledgers.insert(
            key,
            data.ledger_in(figure.source(), figure.rule(), &scope, config)?,
        );
    }
    for figure in Figure::ALL {
        let clause = breakdown(figure).tally(&figure.scope());
        let ledger = &treaty_ledgers[&(figure.source(), figure.rule())];
        let treaty = Breakdown::new(ledger, AS_OF).tally(&figure.scope());
        println!(
            "{:<46} {:>6} {:>7} {:>6} {:>7} {:>9}",
            figure.label(),
            clause.resolved(),
            pct(clause.share()),
            treaty.resolved(),
            pct(treaty.share()),
            pct(Some(figure.published()))
        );
    }
    wrap(
        "By treaty, a war that invokes several obligations of one guarantor toward one \
         target is one test, judged against the most demanding of them; a per-obligation \
         figure then counts the tests whose most demanding obligation is of that kind.",
    );
    println!();

    println!("Why the figures differ");
    for figure in Figure::ALL {
        println!("{} ({}):", figure.label(), figure.citation());
        wrap(figure.why());
    }
    println!();

    println!(
        "Leeds rule, ATOP 5.1, 1816-2003: n, share honoured, betrayed (eras: defence, offence, neutrality, non-aggression)"
    );
    let all_years = Scope::all().years(1816, 2003)?;
    for (era, t) in leeds.by_era(&Scope::judged().years(1816, 2003)?) {
        println!(
            "  {:<16} {:>6} {:>7}  betrayed {}",
            era.as_str(),
            t.resolved(),
            pct(t.share()),
            t.betrayed()
        );
    }
    for (obligation, t) in leeds.by_obligation(&all_years) {
        println!(
            "  {:<16} {:>6} {:>7}  betrayed {}",
            obligation.as_str(),
            t.resolved(),
            pct(t.share()),
            t.betrayed()
        );
    }
    println!();

    let treaty = &breakdowns[&(AllianceSource::Atop, Rule::LEEDS_TREATY)];
    println!(
        "Great powers under the previous Leeds reading (ATOP 5.1; defence, offence, neutrality, non-aggression; all wars)"
    );
    println!(
        "{:<4} {:<6} {:<26} {:>6} {:>16} {:>6} {:>7}",
        "rank", "state", "name", "mean", "90% interval", "tests", "share"
    );
    for (i, s) in leeds
        .great_powers(&Scope::judged(), 0.9)?
        .iter()
        .enumerate()
    {
        println!(
            "{:<4} {:<6} {:<26} {:>6.3} {:>16} {:>6} {:>7}",
            i + 1,
            s.state.as_str(),
            s.name,
            s.reliability.mean(),
            format!("[{:.3}, {:.3}]", s.interval.lower, s.interval.upper),
            s.reliability.tests(),
            pct(s.reliability.plain_share())
        );
    }
    println!();

    println!(
        "Great powers under the treaty rule (ATOP 5.1; defence, offence, neutrality, non-aggression; all wars)"
    );
    println!(
        "{:<4} {:<6} {:<26} {:>6} {:>16} {:>6} {:>7}",
        "rank", "state", "name", "mean", "90% interval", "tests", "share"
    );
    for (i, s) in treaty
        .great_powers(&Scope::judged(), 0.9)?
        .iter()
        .enumerate()
    {
        println!(
            "{:<4} {:<6} {:<26} {:>6.3} {:>16} {:>6} {:>7}",
            i + 1,
            s.state.as_str(),
            s.name,
            s.reliability.mean(),
            format!("[{:.3}, {:.3}]", s.interval.lower, s.interval.upper),
            s.reliability.tests(),
            pct(s.reliability.plain_share())
        );
    }
    println!();

    backtest_section(&data)?;
    if let Some(dir) = &args.plot {
        write_plots(&data, dir)?;
    }
    Ok(())
}

/// The backtest section: the fair backtest on every ledger (the war
/// ledger under the previous Leeds reading and under the treaty rule, ATOP
/// x MIDs and ATOP x UCDP under the treaty rule) in one compact table, then
/// the detailed report of the previous Leeds reading's war ledger (all
/// years, era split, rolling tuning, the default from 1945) and the old
/// model beside the new.
fn backtest_section(data: &HistoricalData) -> Result<(), Box<dyn std::error::Error>> {
    let judged = data.ledger_in(
        AllianceSource::Atop,
        Rule::Leeds,
        &Scope::judged(),
        Rule::Leeds.config(),
    )?;
    let treaty = Rule::LEEDS_TREATY;
    let of = |conflicts: ConflictSource| -> Result<Ledger, alliance_reliability::Error> {
        Ledger::new(
            data.timeline_of(AllianceSource::Atop, conflicts, treaty, &Scope::judged())?,
            treaty.config(),
        )
    };
    let wars = of(ConflictSource::CowWars)?;
    let mids = of(ConflictSource::Mids)?;
    let ucdp = of(ConflictSource::Ucdp)?;
    let ledgers: [(&str, &Ledger, ConflictSource, Targets); 4] = [
        (
            "wars, previous Leeds",
            &judged,
            ConflictSource::CowWars,
            Targets::WARS,
        ),
        (
            "wars, treaty rule",
            &wars,
            ConflictSource::CowWars,
            Targets::WARS,
        ),
        (
            "MIDs, treaty rule",
            &mids,
            ConflictSource::Mids,
            Targets::MIDS,
        ),
        (
            "UCDP, treaty rule",
            &ucdp,
            ConflictSource::Ucdp,
            Targets::NONE,
        ),
    ];
    let fair = |i: usize, recalibration: Recalibration| {
        let (label, ledger, conflicts, targets) = &ledgers[i];
        FairBacktest::new(ledger, *label)
            .as_of(conflicts.as_of())
            .targets(*targets)
            .recalibration(recalibration)
    };
    let reports: Vec<FairReport> = (0..ledgers.len())
        .map(|i| fair(i, Recalibration::Off).run())
        .collect();
    // The recalibrated runs re-use the raw runs' configuration choices
    // (made on raw forecasts either way): same figures as `run`, faster.
    let rerun = |method: Recalibration| -> Vec<FairReport> {
        reports
            .iter()
            .enumerate()
            .map(|(i, raw)| fair(i, method).run_reusing(raw))
            .collect()
    };
    let recalibrated = rerun(Recalibration::PLATT);
    let by_kind = rerun(Recalibration::PLATT_BY_KIND);

    println!(
        "Fair backtest on every ledger (ATOP 5.1; defence, offence, neutrality, non-aggression; each to the end of its data)"
    );
    println!(
        "  model: Brier score of the default model (or the tuned one); skills: Brier skill with 90% intervals over crises"
    );
    println!(
        "  ({} draws); calibration intercept (slope fixed at 1) and slope of the forecast's logit, with 90% intervals over",
        Bootstrap::default().replicates
    );
    println!(
        "  crises; bands: bins whose observed mean falls outside its consistency band (Broecker & Smith 2007: 5-95% of the bin"
    );
    println!(
        "  mean when outcomes ~ Bernoulli(the bin's forecasts)) of the non-empty bins, and the joint p-value of that count."
    );
    println!(
        "  Targets (issue 6; calibration as issue 19): skill vs global >= 0.55 on wars, >= 0.30 on MIDs; kind x era interval"
    );
    println!(
        "  above 0; calib ok: intercept interval holds 0, slope interval holds 1, joint p >= 0.10"
    );
    println!("{}", FairReport::header());
    for r in &reports {
        print!("{r}");
    }
    println!("  (UCDP/PRIO starts in 1946: its two default rows score the same tests)");
    // The bins outside their consistency bands (the previous Leeds
    // reading's bins are in its detailed report below), with the crisis
    // bootstrap of the gap where the bin holds 100 tests: a bin outside
    // its band but with a gap interval reaching 0 may be crisis clustering.
    for r in &reports[1..] {
        for p in Protocol::ALL {
            let Some(report) = r.report(p) else { continue };
            for b in report.model().inconsistent_bins() {
                let (lo, hi) = b.band.unwrap_or((f64::NAN, f64::NAN));
                println!(
                    "{}, {}: bin [{:.1}, {:.1}{} n = {}, predicted {:.3}, observed {:.3} outside its band [{lo:.3}, {hi:.3}]{}",
                    r.label(),
                    p,
                    b.lower,
                    b.upper,
                    if b.upper >= 1.0 { ']' } else { ')' },
                    b.count,
                    b.mean_predicted.unwrap_or(f64::NAN),
                    b.mean_observed.unwrap_or(f64::NAN),
                    b.gap_interval.map_or_else(String::new, |(a, z)| format!(
                        "; gap {:+.3} [{a:+.3}, {z:+.3}] over crises{}",
                        b.gap().unwrap_or(f64::NAN),
                        if a <= 0.0 && 0.0 <= z {
                            " (holds 0: clustering could explain it)"
                        } else {
                            ""
                        }
                    ))
                );
            }
        }
    }
    // How much of the skill is the kind of promise alone.
    for r in &reports {
        let Some(all) = r.report(Protocol::AllYears) else {
            continue;
        };
        if let Some(k) = all.skill_vs(Predictor::KindEra, Predictor::Global) {
            let (lo, hi) = k.brier_interval.unwrap_or((f64::NAN, f64::NAN));
            println!(
                "{}: the kind x era base rate alone, all years: Brier skill vs global {:+.3} [{lo:+.3}, {hi:+.3}]",
                r.label(),
                k.brier.unwrap_or(f64::NAN)
            );
        }
    }
    // Is the kind x era base rate itself calibrated? (If not, no forecast
    // built on it is, whatever the guarantor's record adds.)
    for r in &reports {
        for p in [Protocol::AllYears, Protocol::FromCut] {
            let Some(rep) = r.report(p) else { continue };
            println!(
                "{}, {p}: calibration of the kind x era base rate: {}; the model: {}",
                r.label(),
                calibration_summary(rep.scores(Predictor::KindEra)),
                calibration_summary(rep.model())
            );
        }
    }
    for r in &reports {
        if r.era_trained() {
            println!(
                "{}: training era ({} tests before {}) chose: {}",
                r.label(),
                r.era().training_n(),
                r.era().cut(),
                r.era().chosen().label
            );
        } else {
            println!(
                "{}: only {} tests before {}: no era split (the data start later)",
                r.label(),
                r.era().training_n(),
                r.era().cut()
            );
        }
    }
    println!();
    recalibration_section(Recalibration::PLATT, &reports, &recalibrated);
    recalibration_section(Recalibration::PLATT_BY_KIND, &reports, &by_kind);
    covariate_section(data, &ledgers, &reports)?;

    let leeds = &reports[0];
    let all_years = |p: Protocol| leeds.report(p).ok_or("no report");
    println!(
        "Out-of-time backtest: Leeds rule, ATOP 5.1 (defence, offence, neutrality, non-aggression), all years,"
    );
    println!("predicted with the default configuration");
    print!("{}", all_years(Protocol::AllYears)?);
    println!();

    println!("Train/test split by era (same ledger): choose on wars before 1945, score from 1945");
    print!("{}", leeds.era());
    println!();

    println!(
        "Rolling-origin tuning (same ledger): before each crisis, the configuration with the best Brier score on all tests resolved before it"
    );
    print!("{}", all_years(Protocol::Rolling)?);
    println!();

    // The default configuration was set before any backtest ran, so
    // scoring it on the later era alone is also out of sample.
    println!(
        "The default configuration (set a priori, not tuned) scored from 1945 on the same ledger"
    );
    print!("{}", all_years(Protocol::FromCut)?);
    println!();

    // The same outcomes predicted under other configurations, all years.
    println!(
        "Backtest sensitivity (same tests, all years; model Brier, log loss, Brier skill against the global and the kind x era base rates)"
    );
    println!(
        "{:<58} {:>7} {:>9} {:>7} {:>8}",
        "configuration", "Brier", "log loss", "global", "kind-era"
    );
    let fixed = Config::default().prior_model(PriorModel::Fixed);
    let sweep: [(&str, Config); 6] = [
        (
            "old default: fixed Beta(1, 1), half-life 10 years",
            fixed.clone(),
        ),
        (
            "fixed Beta(3, 1), no decay",
            fixed.no_decay().prior(Prior::new(3.0, 1.0)?),
        ),
        ("default: prior by kind and era", Config::default()),
        (
            "prior by kind, one era",
            Config::default().prior_model(PriorModel::ByKind(KindPrior::default().era_cut(None))),
        ),
        (
            "prior by kind, no cross-kind pooling",
            Config::default().prior_model(PriorModel::ByKind(
                KindPrior::default().cross_kind(f64::INFINITY)?,
            )),
        ),
        ("prior by kind, no decay", Config::default().no_decay()),
    ];
    for (label, config) in sweep {
        let r = Backtest::new(&judged)
            .as_of(AS_OF)
            .config(config)
            .bootstrap(Bootstrap {
                replicates: 0,
                ..Bootstrap::default()
            })
            .run();
        let f = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
        let vs = |p: Predictor| f(r.skill_vs(Predictor::Model, p).and_then(|s| s.brier));
        println!(
            "{label:<58} {:>7} {:>9} {:>7} {:>8}",
            f(r.model().brier()),
            f(r.model().log_loss()),
            vs(Predictor::Global),
            vs(Predictor::KindEra)
        );
    }
    Ok(())
}

// ---- `--plot DIR` (the `plot` feature) ----

/// Writes, for the Leeds-rule war ledger (ATOP 5.1, judged obligations,
/// as of the end of the COW war data): the reliability of the guarantor
/// with the most resolved tests under both lenses, the abandonment risk of
/// its twelve most tested clients, and the calibration of the model in the
/// out-of-time backtest.
#[cfg(feature = "plot")]
fn write_plots(
    data: &HistoricalData,
    dir: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use alliance_reliability::Lens;
    use alliance_reliability::report::plot;

    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let ledger = data.ledger_in(
        AllianceSource::Atop,
        Rule::Leeds,
        &Scope::judged(),
        Rule::Leeds.config(),
    )?;
    let as_of = ConflictSource::CowWars.as_of();
    let a = ledger.assess(as_of);
    let tl = ledger.timeline();
    let id = |k| tl.actor(k).map_or("?", |x| x.id().as_str());
    let Some((g, _)) = a
        .ranking()
        .into_iter()
        .max_by(|x, y| x.1.tests().cmp(&y.1.tests()).then(id(y.0).cmp(id(x.0))))
    else {
        return Err("the war ledger has no guarantor".into());
    };
    let name = id(g).to_lowercase();
    let from = plot::default_from(&ledger, g, as_of);
    let mut written = Vec::new();
    for lens in [Lens::Letter, Lens::Expectation] {
        let path = dir.join(format!("historical-reliability-{name}-{lens}.svg"));
        plot::write_svg(
            &path,
            &plot::reliability_svg(&ledger, g, from, as_of, lens)?,
        )?;
        written.push(path);
    }
    let mut clients = plot::clients_of(&a, g);
    clients.sort_by_key(|&c| {
        (
            std::cmp::Reverse(a.abandonment(g, c).record().tests()),
            id(c),
        )
    });
    clients.truncate(12);
    clients.sort_by_key(|&c| id(c));
    let path = dir.join(format!("historical-abandonment-{name}.svg"));
    plot::write_svg(&path, &plot::abandonment_svg(&a, g, &clients)?)?;
    written.push(path);
    let report = Backtest::new(&ledger).as_of(as_of).run();
    let path = dir.join("historical-calibration.svg");
    plot::write_svg(&path, &plot::calibration_svg(&report, Predictor::Model)?)?;
    written.push(path);
    for p in written {
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

#[cfg(not(feature = "plot"))]
fn write_plots(_: &HistoricalData, _: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    Err("--plot needs the `plot` feature: cargo run --release --example historical --features plot -- --plot DIR".into())
}
/// Before and after Platt recalibration (fitted out of time; training era
/// only in the era split): the fair-backtest rows, the skills with their
/// intervals, and every calibration bin of the scored era.
fn recalibration_section(method: Recalibration, before: &[FairReport], after: &[FairReport]) {
    println!(
        "Recalibration: {} (era split: fitted on the training era only)",
        method.describe()
    );
    println!("{}", FairReport::header());
    for r in after {
        print!("{r}");
    }
    println!("Skills before -> after recalibration (90% intervals over crises)");
    println!(
        "{:<22} {:<29} {:<19} {:<26} {:<26}",
        "ledger", "protocol", "skill", "before", "after"
    );
    let cell = |x: Option<f64>, i: Option<(f64, f64)>| match (x, i) {
        (Some(x), Some((a, b))) => format!("{x:+.3} [{a:+.3}, {b:+.3}]"),
        (Some(x), None) => format!("{x:+.3}"),
        _ => "-".to_string(),
    };
    for (b, a) in before.iter().zip(after) {
        for p in Protocol::ALL {
            let (Some(rb), Some(ra)) = (b.report(p), a.report(p)) else {
                continue;
            };
            for (name, reference) in [
                ("global", Predictor::Global),
                ("kind-era", Predictor::KindEra),
            ] {
                let sb = rb.skill_vs(Predictor::Model, reference);
                let sa = ra.skill_vs(Predictor::Model, reference);
                for (what, pick) in [("Brier", true), ("log loss", false)] {
                    let get = |s: Option<&alliance_reliability::backtest::Skill>| {
                        s.map_or_else(
                            || "-".to_string(),
                            |s| {
                                if pick {
                                    cell(s.brier, s.brier_interval)
                                } else {
                                    cell(s.log_loss, s.log_loss_interval)
                                }
                            },
                        )
                    };
                    println!(
                        "{:<22} {:<29} {:<19} {:<26} {:<26}",
                        b.label(),
                        p.as_str(),
                        format!("{what} v {name}"),
                        get(sb),
                        get(sa)
                    );
                }
            }
        }
    }
    for (b, a) in before.iter().zip(after) {
        for p in [Protocol::AllYears, Protocol::EraSplit, Protocol::FromCut] {
            let (Some(rb), Some(ra)) = (b.report(p), a.report(p)) else {
                continue;
            };
            calibration_pair(b.label(), p, rb, ra);
        }
    }
    println!();
}

/// One calibration table, before and after recalibration.
fn calibration_pair(label: &str, p: Protocol, before: &BacktestReport, after: &BacktestReport) {
    let verdict = |r: &BacktestReport| calibration_summary(r.model());
    println!(
        "{label}, {p}: n = {}; before: {}; after: {}",
        before.n(),
        verdict(before),
        verdict(after)
    );
    if let Some(s) = after.recalibration() {
        if let Some(m) = s.last {
            println!(
                "  last map: p -> 1 / (1 + exp(-({:+.3} + {:.3} logit p))), fitted on {} tests; {} of {} tests recalibrated",
                m.a,
                m.b,
                m.n,
                s.recalibrated,
                after.n()
            );
        } else {
            println!("  no map fitted (fewer than the least number of fitting tests)");
        }
    }
    println!(
        "  {:<11} {:>5} {:>7} {:>7} {:>15}   {:>5} {:>7} {:>7} {:>15}",
        "bin", "n", "pred", "obs", "band", "n", "pred", "obs", "band"
    );
    let f = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"));
    let band = |b: &alliance_reliability::backtest::Bin| match b.band {
        Some((lo, hi)) => format!(
            "[{lo:.3}, {hi:.3}]{}",
            if b.inconsistent() { "*" } else { " " }
        ),
        None => "-".to_string(),
    };
    for (x, y) in before
        .model()
        .calibration()
        .iter()
        .zip(after.model().calibration())
    {
        if x.count == 0 && y.count == 0 {
            continue;
        }
        println!(
            "  [{:.1}, {:.1}{} {:>5} {:>7} {:>7} {:>15}   {:>5} {:>7} {:>7} {:>15}",
            x.lower,
            x.upper,
            if x.upper >= 1.0 { ']' } else { ')' },
            x.count,
            f(x.mean_predicted),
            f(x.mean_observed),
            band(x),
            y.count,
            f(y.mean_predicted),
            f(y.mean_observed),
            band(y)
        );
    }
}

/// The Leeds (2003) covariate forecaster on every ledger with a training
/// era: the coefficient table beside her signs, and its scored-era row
/// beside the era split of the fair backtest.
fn covariate_section(
    data: &HistoricalData,
    ledgers: &[(&str, &Ledger, ConflictSource, Targets); 4],
    reports: &[FairReport],
) -> Result<(), Box<dyn std::error::Error>> {
    let (covariates, _) = Covariates::bundled()?;
    println!(
        "Leeds (2003) covariates: logistic regression fitted on the training era (crises before 1945), scored from 1945"
    );
    let mut rows = Vec::new();
    for ((label, ledger, conflicts, _), fair) in ledgers.iter().zip(reports) {
        let r = CovariateBacktest::new(ledger, &covariates, data.states())
            .as_of(conflicts.as_of())
            .run();
        if r.training_n() < 100 {
            println!(
                "{label}: only {} training-era tests: no regression (the data start later)",
                r.training_n()
            );
            continue;
        }
        println!("{label}:");
        for line in r.to_string().lines().take(COVARIATE_TABLE_LINES) {
            println!("  {line}");
        }
        rows.push((label.to_string(), r, fair));
    }
    println!(
        "{:<22} {:<30} {:>6} {:>7} {:>26} {:>26}  calibration",
        "ledger",
        "forecaster, scored from 1945",
        "n",
        "Brier",
        "skill vs global (90%)",
        "skill vs kind x era",
    );
    for (label, r, fair) in &rows {
        let cell = |rep: &BacktestReport, p: Predictor| {
            rep.skill_vs(Predictor::Model, p).map_or_else(
                || "-".to_string(),
                |s| match (s.brier, s.brier_interval) {
                    (Some(x), Some((a, b))) => format!("{x:+.3} [{a:+.3}, {b:+.3}]"),
                    (Some(x), None) => format!("{x:+.3}"),
                    _ => "-".to_string(),
                },
            )
        };
        let line = |name: &str, rep: &BacktestReport| {
            println!(
                "{:<22} {:<30} {:>6} {:>7} {:>26} {:>26}  {}",
                label,
                name,
                rep.n(),
                rep.model()
                    .brier()
                    .map_or_else(|| "-".to_string(), |b| format!("{b:.4}")),
                cell(rep, Predictor::Global),
                cell(rep, Predictor::KindEra),
                calibration_summary(rep.model())
            );
        };
        line("Leeds (2003) covariates", r.scored());
        if let Some(era) = fair.report(Protocol::EraSplit) {
            line("model, tuned before 1945", era);
        }
    }
    println!();
    Ok(())
}

/// One line on a forecaster's calibration: intercept and slope with their
/// intervals, the bins outside their consistency bands and the joint
/// p-value.
fn calibration_summary(s: &alliance_reliability::backtest::Scores) -> String {
    let ci = |x: f64, i: Option<(f64, f64)>| match i {
        Some((a, b)) => format!("{x:+.3} [{a:+.3}, {b:+.3}]"),
        None => format!("{x:+.3}"),
    };
    let fit = s.calibration_fit().map_or_else(
        || "no fit".to_string(),
        |c| {
            format!(
                "intercept {}, slope {}",
                ci(c.intercept, c.intercept_interval),
                ci(c.slope, c.slope_interval)
            )
        },
    );
    format!(
        "{fit}, {} of {} bins outside their bands (p {})",
        s.inconsistent_bins().len(),
        s.checked_bins(),
        s.consistency_p()
            .map_or_else(|| "-".to_string(), |p| format!("{p:.3}"))
    )
}

/// Lines of a covariate report before its scored-era backtest: title,
/// header, seven coefficients, the sign note and the missing counts.
const COVARIATE_TABLE_LINES: usize = 11;
