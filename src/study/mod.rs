//! The studies layer: research built on the layers below, published as
//! [`history`](crate::history) and [`backtest`](crate::backtest).

pub mod backtest;
pub mod history;
