//! The API in about 30 lines: `cargo run --example quickstart`.
use alliance_reliability::*;
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date");
    // 1. Who promised what to whom.
    let pact = Commitment::new(
        "A-B-pact",
        Parties::Mutual("A".parse()?, "B".parse()?),
        Obligation::Defence,
        Period::starting(d(2000, 1, 1)?),
    )?;
    // 2. A crisis that invokes it, and what the ally did.
    let war = Crisis::new(
        "B-2020",
        "B",
        Period::new(d(2020, 3, 1)?, Some(d(2020, 6, 1)?))?,
        CrisisKind::ExternalAttack,
    )?
    .with_adversaries(["C".parse()?]);
    let help = SupportEvent::new("A", "B", d(2020, 3, 10)?, SupportKind::Materiel)?
        .with_confidence(Confidence::new(0.8)?)
        .with_source("arms shipment, per two wire reports");
    // 3. Validate, resolve, score.
    let timeline = Timeline::builder()
        .actors(
            ["A", "B", "C"]
                .map(|id| Actor::new(id, id, ActorKind::State))
                .into_iter()
                .collect::<Result<Vec<_>, _>>()?,
        )
        .commitment(pact)
        .crisis(war)
        .event(help)
        .build()?;
    let ledger = Ledger::new(timeline, Config::default());
    let a = ledger.assess(d(2021, 1, 1)?);
    let (ka, kb) = (
        ledger.timeline().key_of("A")?,
        ledger.timeline().key_of("B")?,
    );
    let r = a.reliability(ka);
    let ci = r.interval(0.9)?;
    println!(
        "A's reliability: {:.3} (90% CI {:.3}-{:.3})",
        r.mean(),
        ci.lower,
        ci.upper
    );
    println!(
        "B's risk of abandonment by A: {:.3}",
        a.abandonment(ka, kb).risk()
    );
    print!("{}", a.explain_reliability(ka)?);
    Ok(())
}
