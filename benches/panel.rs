//! Criterion benchmarks for the research panels (`alliance_reliability::panel`).
//!
//! Groups:
//!
//! - `panel/atop_cow/one_pass`: [`Panel::new`] on the bundled ATOP 5.1 ×
//!   COW wars ledger under the treaty rule (all three panels, every year
//!   1828–2016 as of 31 December; about 8 000 guarantor-year and 41 000
//!   dyad-year rows), as `examples/panel.rs` builds it.
//! - `panel/atop_cow/one_pass_guarantor`: the guarantor-year panel alone
//!   ([`PanelOptions::only`]).
//! - `panel/atop_cow/assess_per_year_guarantor`: the same rows the naive
//!   way, one [`Ledger::assess`] per year and a reliability (with its
//!   interval) per guarantor, for comparison.
//! - `panel/atop_cow/assess_per_year`: all the rows the naive way: per
//!   year one `assess`, a reliability per guarantor and an
//!   [`Assessment::abandonment`](alliance_reliability::Assessment::abandonment)
//!   per dyad.
//!
//! Run: `cargo bench --bench panel -- --warm-up-time 1 --measurement-time 5`.

use std::hint::black_box;

use alliance_reliability::Ledger;
use alliance_reliability::history::{AllianceSource, HistoricalData, Rule};
use alliance_reliability::panel::{Panel, PanelKind, PanelOptions};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

/// The rows the naive way: per year one [`Ledger::assess`] as of 31
/// December, the reliability interval of every guarantor with an outcome
/// and, with `dyads`, the risk interval of every dyad with one. Returns
/// the number of rows.
fn assess_per_year(ledger: &Ledger, years: &[i32], dyads: bool) -> usize {
    let mut rows = 0usize;
    for &y in years {
        let as_of = NaiveDate::from_ymd_opt(y, 12, 31).expect("a day");
        let a = ledger.assess(as_of);
        let mut keys: Vec<_> = a.outcomes().iter().map(|o| o.guarantor()).collect();
        keys.sort_unstable_by_key(|k| k.index());
        keys.dedup();
        for k in keys {
            black_box(a.reliability(k).interval(0.9).expect("valid level"));
            rows += 1;
        }
        if !dyads {
            continue;
        }
        let mut pairs: Vec<_> = a
            .outcomes()
            .iter()
            .map(|o| {
                (
                    o.guarantor().index(),
                    o.beneficiary().index(),
                    o.guarantor(),
                    o.beneficiary(),
                )
            })
            .collect();
        pairs.sort_unstable_by_key(|d| (d.0, d.1));
        pairs.dedup_by_key(|d| (d.0, d.1));
        for (_, _, g, c) in pairs {
            black_box(a.abandonment(g, c).risk_interval(0.9).expect("valid level"));
            rows += 1;
        }
    }
    rows
}

fn panel(c: &mut Criterion) {
    let data = HistoricalData::bundled().expect("bundled data");
    let ledger: Ledger = data
        .ledger(AllianceSource::Atop, Rule::LEEDS_TREATY)
        .expect("bundled ledger");
    let states = data.states();
    let options = PanelOptions::new();
    let built = Panel::new(&ledger, states, &options).expect("panel");
    let years: Vec<i32> = {
        let mut y: Vec<i32> = built.guarantors().iter().map(|r| r.year).collect();
        y.dedup();
        y
    };
    let mut g = c.benchmark_group("panel/atop_cow");
    g.bench_function("one_pass", |b| {
        b.iter(|| {
            let p = Panel::new(black_box(&ledger), states, &options).expect("panel");
            assert_eq!(p.guarantors().len(), built.guarantors().len());
            p
        })
    });
    let only = PanelOptions::new().only(PanelKind::Guarantor);
    g.bench_function("one_pass_guarantor", |b| {
        b.iter(|| {
            let p = Panel::new(black_box(&ledger), states, &only).expect("panel");
            assert_eq!(p.guarantors().len(), built.guarantors().len());
            p
        })
    });
    g.sample_size(10);
    g.bench_function("assess_per_year", |b| {
        b.iter(|| {
            let rows = assess_per_year(&ledger, &years, true);
            assert_eq!(rows, built.guarantors().len() + built.dyads().len());
        })
    });
    g.bench_function("assess_per_year_guarantor", |b| {
        b.iter(|| {
            let rows = assess_per_year(&ledger, &years, false);
            assert_eq!(rows, built.guarantors().len());
        })
    });
    g.finish();
}

criterion_group!(benches, panel);
criterion_main!(benches);
