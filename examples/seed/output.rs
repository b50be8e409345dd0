//! The seed example's files: SVG plots (`--plot DIR`, `plot` feature) and
//! Russia's HTML page (`--html FILE`, `html` feature).

use std::path::Path;

use alliance_reliability::Ledger;
use chrono::NaiveDate;

/// Writes Russia's reliability series under both lenses, the abandonment
/// risk of its clients, and the calibration of the seed ledger's backtest
/// into `dir`.
#[cfg(feature = "plot")]
pub fn plots(
    ledger: &Ledger,
    as_of: NaiveDate,
    dir: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use alliance_reliability::Lens;
    use alliance_reliability::backtest::{Backtest, Predictor};
    use alliance_reliability::report::plot;

    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let rus = ledger.timeline().key_of("RUS")?;
    let from = plot::default_from(ledger, rus, as_of);
    for lens in [Lens::Letter, Lens::Expectation] {
        let path = dir.join(format!("seed-reliability-rus-{lens}.svg"));
        plot::write_svg(
            &path,
            &plot::reliability_svg(ledger, rus, from, as_of, lens)?,
        )?;
        eprintln!("wrote {}", path.display());
    }
    let a = ledger.assess(as_of);
    let path = dir.join("seed-abandonment-rus.svg");
    plot::write_svg(
        &path,
        &plot::abandonment_svg(&a, rus, &plot::clients_of(&a, rus))?,
    )?;
    eprintln!("wrote {}", path.display());
    let report = Backtest::new(ledger).as_of(as_of).run();
    let path = dir.join("seed-calibration.svg");
    plot::write_svg(&path, &plot::calibration_svg(&report, Predictor::Model)?)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

#[cfg(not(feature = "plot"))]
pub fn plots(_: &Ledger, _: NaiveDate, _: &Path) -> Result<(), Box<dyn std::error::Error>> {
    Err(
        "--plot needs the `plot` feature: cargo run --example seed --features plot -- --plot DIR"
            .into(),
    )
}

/// Writes Russia's page, with the seed ledger's backtest calibration.
#[cfg(feature = "html")]
pub fn html(
    ledger: &Ledger,
    as_of: NaiveDate,
    file: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    use alliance_reliability::backtest::Backtest;
    use alliance_reliability::report::html::ActorPage;

    let rus = ledger.timeline().key_of("RUS")?;
    let report = Backtest::new(ledger).as_of(as_of).run();
    ActorPage::new(ledger, rus, as_of)
        .backtest(&report)
        .write(file)?;
    eprintln!("wrote {}", file.display());
    Ok(())
}

#[cfg(not(feature = "html"))]
pub fn html(_: &Ledger, _: NaiveDate, _: &Path) -> Result<(), Box<dyn std::error::Error>> {
    Err(
        "--html needs the `html` feature: cargo run --example seed --features html -- --html FILE"
            .into(),
    )
}
