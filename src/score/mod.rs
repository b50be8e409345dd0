//! The scores layer: configuration, the mergeable forward-decayed
//! accumulators, and the scores read from them as of a date.

mod assess;
mod config;
pub(crate) mod evidence;
mod lens;
pub(crate) mod prior;

pub use assess::{Abandonment, Assessment, Interval, Reciprocity, Reliability, Scoreboard};
pub(crate) use assess::{bloc_reliability, pooled_record};
pub use config::{
    BYTES_PER_TEST, Config, HalfLife, Invocation, MAX_PSEUDO_TESTS, MAX_WINDOW_DAYS, Prior,
    default_memory_budget,
};
pub use evidence::{Evidence, Totals};
pub use lens::{ClientReading, ExpectationWeights, ExpectedLevel, Lens};
pub use prior::{KindPrior, KindRow, PriorModel, PriorSource, Rate, Reference, ReferenceClass};
