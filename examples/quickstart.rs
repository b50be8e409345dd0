//! The API in about 30 lines: `cargo run --example quickstart`.
use alliance_reliability::*;
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let d = |s: &str| s.parse::<NaiveDate>();
    // 1. Who promised what to whom; a crisis that invokes it; what the ally did.
    let pact = Period::starting(d("2000-01-01")?);
    let pact = Commitment::new("A-B", Parties::mutual("A", "B")?, Obligation::Defence, pact)?;
    let war = Period::new(d("2020-03-01")?, Some(d("2020-06-01")?))?;
    let war = Crisis::new("B-2020", "B", war, CrisisKind::ExternalAttack)?.with_adversaries(["C"]);
    let help = SupportEvent::new("A", "B", d("2020-03-10")?, SupportKind::Materiel)?
        .with_confidence(Confidence::new(0.8)?)
        .with_source("arms shipment, per two wire reports");
    // 2. Validate everything at once, then resolve the tests.
    let mut timeline = Timeline::builder().commitment(pact).crisis(war).event(help);
    for id in ["A", "B", "C"] {
        timeline = timeline.actor(Actor::new(id, id, ActorKind::State)?);
    }
    let ledger = Ledger::new(timeline.build()?, Config::default())?;
    // 3. Score as of a date, with an interval, a risk and an explanation.
    let a = ledger.assess(d("2021-01-01")?);
    let (ka, kb) = (
        ledger.timeline().key_of("A")?,
        ledger.timeline().key_of("B")?,
    );
    let (r, ci) = (a.reliability(ka), a.reliability(ka).interval(0.9)?);
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
    // 4. One question directly: what did A do in B's war?
    for t in a.outcome_of("B-2020", "A")? {
        println!(
            "A in {}: {} (fulfilment {:.3})",
            t.crisis, t.status, t.fulfilment
        );
    }
    Ok(())
}
