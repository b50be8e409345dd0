//! What an importer read, used and skipped.

use std::collections::BTreeMap;
use std::fmt;

/// Why an importer skipped a row (or part of one). Skips are counted, never silent.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SkipReason {
    /// A required field is blank or holds a missing-value code (`NA`, `-8`, `-9`, `.`).
    MissingValue {
        /// The field.
        field: &'static str,
    },
    /// A code (CAMEO event code, country code, scale value) has no mapping.
    UnknownCode {
        /// The field holding the code.
        field: &'static str,
    },
    /// An actor cannot be mapped into the shared vocabulary.
    UnknownActor {
        /// The field holding the actor.
        field: &'static str,
    },
    /// The row is valid but says nothing this library models (for example a
    /// great power coded "not involved", or an event between two non-state actors).
    OutOfScope {
        /// What kind of row it is.
        what: &'static str,
    },
    /// The row repeats one already used (one-a-day de-duplication of event streams).
    Duplicate,
    /// The row is self-contradictory (an end before its start, an actor
    /// acting toward itself).
    Inconsistent {
        /// What contradicts what.
        what: &'static str,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::MissingValue { field } => write!(f, "missing value in `{field}`"),
            SkipReason::UnknownCode { field } => write!(f, "unmapped code in `{field}`"),
            SkipReason::UnknownActor { field } => write!(f, "unknown actor in `{field}`"),
            SkipReason::OutOfScope { what } => write!(f, "out of scope: {what}"),
            SkipReason::Duplicate => f.write_str("duplicate (same dyad, code and day)"),
            SkipReason::Inconsistent { what } => write!(f, "inconsistent: {what}"),
        }
    }
}

/// One skipped row, kept as an example for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line in the source.
    pub line: u64,
    /// Why.
    pub reason: SkipReason,
    /// The offending value (shortened).
    pub value: String,
}

/// How many examples of skipped rows a report keeps.
pub const MAX_SKIP_EXAMPLES: usize = 20;

/// What an import did: rows read, rows used, rows skipped by reason.
///
/// `rows_read == rows_used + skipped_total()` holds for row-level importers;
/// importers that make several records from one row document how they count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The source's name (file name, or what the caller called the stream).
    pub source: String,
    /// Data rows read (header excluded).
    pub rows_read: u64,
    /// Rows that produced at least one record.
    pub rows_used: u64,
    /// Records produced (commitments, crises, events...).
    pub records: u64,
    /// Skipped rows, counted by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
    /// The first [`MAX_SKIP_EXAMPLES`] skipped rows.
    pub examples: Vec<Skipped>,
}

impl ImportReport {
    /// An empty report for `source`.
    pub fn new(source: impl Into<String>) -> ImportReport {
        ImportReport {
            source: source.into(),
            ..ImportReport::default()
        }
    }

    /// Counts a skipped row.
    pub fn skip(&mut self, line: u64, reason: SkipReason, value: &str) {
        if self.examples.len() < MAX_SKIP_EXAMPLES {
            self.examples.push(Skipped {
                line,
                reason: reason.clone(),
                value: value.chars().take(120).collect(),
            });
        }
        *self.skipped.entry(reason).or_default() += 1;
    }

    /// Total skipped rows.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// How many rows were skipped for `reason`.
    pub fn skipped_for(&self, reason: &SkipReason) -> u64 {
        self.skipped.get(reason).copied().unwrap_or(0)
    }

    /// Adds another report's counts into this one (for multi-file imports).
    pub fn absorb(&mut self, other: &ImportReport) {
        self.rows_read += other.rows_read;
        self.rows_used += other.rows_used;
        self.records += other.records;
        for (k, v) in &other.skipped {
            *self.skipped.entry(k.clone()).or_default() += v;
        }
        for e in &other.examples {
            if self.examples.len() < MAX_SKIP_EXAMPLES {
                self.examples.push(e.clone());
            }
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}: {} rows read, {} used, {} records, {} skipped",
            self.source,
            self.rows_read,
            self.rows_used,
            self.records,
            self.skipped_total()
        )?;
        for (reason, n) in &self.skipped {
            writeln!(f, "  skipped {n:>8}  {reason}")?;
        }
        Ok(())
    }
}
