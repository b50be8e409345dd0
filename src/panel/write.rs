//! Writing a [`Panel`] as CSV (through `csv::Writer`) or JSON lines.

use std::io::Write;

use super::{Panel, PanelKind};
use crate::{Error, Location};

const GUARANTOR_COLUMNS: [&str; 13] = [
    "ccode",
    "stateabb",
    "year",
    "as_of",
    "mean",
    "lower",
    "upper",
    "level",
    "effective_tests",
    "tests",
    "honoured",
    "plain_share",
    "pending",
];

const DYAD_COLUMNS: [&str; 15] = [
    "ccode1",
    "stateabb1",
    "ccode2",
    "stateabb2",
    "year",
    "as_of",
    "risk",
    "risk_lower",
    "risk_upper",
    "level",
    "tests",
    "abandonments",
    "pending",
    "others_mean",
    "prior_mean",
];

const BLOC_COLUMNS: [&str; 12] = [
    "bloc",
    "year",
    "as_of",
    "mean",
    "lower",
    "upper",
    "level",
    "effective_tests",
    "tests",
    "honoured",
    "plain_share",
    "pending",
];

/// A missing value is an empty field.
fn opt<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

fn write_error(e: impl std::fmt::Display) -> Error {
    Error::Io {
        location: Location::file("panel output"),
        kind: std::io::ErrorKind::Other,
        message: e.to_string(),
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Io {
            location: Location::file("panel output"),
            kind: io.kind(),
            message: io.to_string(),
        },
        other => write_error(format!("{other:?}")),
    }
}

impl Panel {
    /// The CSV header of one panel: the field names of its row type.
    pub fn columns(kind: PanelKind) -> &'static [&'static str] {
        match kind {
            PanelKind::Guarantor => &GUARANTOR_COLUMNS,
            PanelKind::Dyad => &DYAD_COLUMNS,
            PanelKind::Bloc => &BLOC_COLUMNS,
        }
    }

    /// Writes one panel as CSV with a header row ([`columns`](Self::columns)).
    /// Numbers are written in Rust's shortest round-trip form (they read
    /// back bit-exact), dates as `YYYY-MM-DD`, a missing value as an empty
    /// field (R's `read.csv` and pandas read it as `NA`/`NaN`).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if writing fails.
    pub fn write_csv<W: Write>(&self, kind: PanelKind, out: W) -> Result<(), Error> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(Self::columns(kind)).map_err(csv_error)?;
        match kind {
            PanelKind::Guarantor => {
                for r in &self.guarantors {
                    w.write_record([
                        opt(r.ccode),
                        r.stateabb.clone(),
                        r.year.to_string(),
                        r.as_of.to_string(),
                        r.mean.to_string(),
                        r.lower.to_string(),
                        r.upper.to_string(),
                        r.level.to_string(),
                        r.effective_tests.to_string(),
                        r.tests.to_string(),
                        r.honoured.to_string(),
                        opt(r.plain_share),
                        r.pending.to_string(),
                    ])
                    .map_err(csv_error)?;
                }
            }
            PanelKind::Dyad => {
                for r in &self.dyads {
                    w.write_record([
                        opt(r.ccode1),
                        r.stateabb1.clone(),
                        opt(r.ccode2),
                        r.stateabb2.clone(),
                        r.year.to_string(),
                        r.as_of.to_string(),
                        r.risk.to_string(),
                        r.risk_lower.to_string(),
                        r.risk_upper.to_string(),
                        r.level.to_string(),
                        r.tests.to_string(),
                        r.abandonments.to_string(),
                        r.pending.to_string(),
                        r.others_mean.to_string(),
                        r.prior_mean.to_string(),
                    ])
                    .map_err(csv_error)?;
                }
            }
            PanelKind::Bloc => {
                for r in &self.blocs {
                    w.write_record([
                        r.bloc.clone(),
                        r.year.to_string(),
                        r.as_of.to_string(),
                        r.mean.to_string(),
                        r.lower.to_string(),
                        r.upper.to_string(),
                        r.level.to_string(),
                        r.effective_tests.to_string(),
                        r.tests.to_string(),
                        r.honoured.to_string(),
                        opt(r.plain_share),
                        r.pending.to_string(),
                    ])
                    .map_err(csv_error)?;
                }
            }
        }
        w.flush().map_err(|e| Error::Io {
            location: Location::file("panel output"),
            kind: e.kind(),
            message: e.to_string(),
        })
    }

    /// Writes one panel as JSON lines: one object per row, with the
    /// [`columns`](Self::columns) as keys, `null` for a missing value.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] if writing fails.
    #[cfg(feature = "serde")]
    pub fn write_json_lines<W: Write>(&self, kind: PanelKind, mut out: W) -> Result<(), Error> {
        fn lines<T: serde::Serialize, W: Write>(rows: &[T], out: &mut W) -> Result<(), Error> {
            for r in rows {
                serde_json::to_writer(&mut *out, r).map_err(write_error)?;
                out.write_all(b"\n").map_err(write_error)?;
            }
            Ok(())
        }
        match kind {
            PanelKind::Guarantor => lines(&self.guarantors, &mut out)?,
            PanelKind::Dyad => lines(&self.dyads, &mut out)?,
            PanelKind::Bloc => lines(&self.blocs, &mut out)?,
        }
        out.flush().map_err(write_error)
    }
}
