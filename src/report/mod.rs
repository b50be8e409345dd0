//! Pictures and pages for people who do not read terminal tables: SVG
//! plots (`plot` feature) and a self-contained HTML page for one actor
//! (`html` feature).
//!
//! Everything here reads the scores through the public layers below
//! ([`Ledger`](crate::Ledger), [`Assessment`](crate::Assessment),
//! [`Explanation`](crate::Explanation),
//! [`BacktestReport`](crate::backtest::BacktestReport)); nothing is
//! computed twice and no number is drawn that the library did not produce.

#[cfg(feature = "html")]
pub mod html;
#[cfg(feature = "plot")]
pub mod plot;
