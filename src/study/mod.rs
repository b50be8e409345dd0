//! The studies layer: research built on the layers below, published as
//! [`history`](crate::history), [`backtest`](crate::backtest) and
//! [`perceived`](crate::perceived).

pub mod backtest;
pub mod history;
#[cfg(feature = "bundled-data")]
pub mod perceived;
