//! Writing a [`Panel`] as CSV (through `csv::Writer`) or JSON lines.

use std::io::Write;

use super::{BlocYear, DyadYear, GuarantorYear, Panel, PanelKind};
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

fn io_error(e: std::io::Error) -> Error {
    Error::Io {
        location: Location::file("panel output"),
        kind: e.kind(),
        message: e.to_string(),
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(io),
        other => write_error(format!("{other:?}")),
    }
}

/// The fields from `year` to `pending`, which a guarantor-year and a
/// bloc-year row share (same names, same formatting), after the row's key
/// fields.
macro_rules! reliability_fields {
    ($r:expr; $($key:expr),+) => {
        [
            $($key,)+
            $r.year.to_string(),
            $r.as_of.to_string(),
            $r.mean.to_string(),
            $r.lower.to_string(),
            $r.upper.to_string(),
            $r.level.to_string(),
            $r.effective_tests.to_string(),
            $r.tests.to_string(),
            $r.honoured.to_string(),
            opt($r.plain_share),
            $r.pending.to_string(),
        ]
    };
}

/// A panel row written as one CSV record, its fields in the order of its
/// panel's [`columns`](Panel::columns).
trait CsvRecord {
    fn write_to<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()>;
}

impl CsvRecord for GuarantorYear {
    fn write_to<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(reliability_fields!(self; opt(self.ccode), self.stateabb.clone()))
    }
}

impl CsvRecord for DyadYear {
    fn write_to<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record([
            opt(self.ccode1),
            self.stateabb1.clone(),
            opt(self.ccode2),
            self.stateabb2.clone(),
            self.year.to_string(),
            self.as_of.to_string(),
            self.risk.to_string(),
            self.risk_lower.to_string(),
            self.risk_upper.to_string(),
            self.level.to_string(),
            self.tests.to_string(),
            self.abandonments.to_string(),
            self.pending.to_string(),
            self.others_mean.to_string(),
            self.prior_mean.to_string(),
        ])
    }
}

impl CsvRecord for BlocYear {
    fn write_to<W: Write>(&self, w: &mut csv::Writer<W>) -> csv::Result<()> {
        w.write_record(reliability_fields!(self; self.bloc.clone()))
    }
}

fn records<T: CsvRecord, W: Write>(rows: &[T], w: &mut csv::Writer<W>) -> Result<(), Error> {
    for r in rows {
        r.write_to(w).map_err(csv_error)?;
    }
    Ok(())
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
            PanelKind::Guarantor => records(&self.guarantors, &mut w)?,
            PanelKind::Dyad => records(&self.dyads, &mut w)?,
            PanelKind::Bloc => records(&self.blocs, &mut w)?,
        }
        w.flush().map_err(io_error)
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
