//! Python bindings of `alliance-reliability`: the `alliance_reliability`
//! package's native module (`alliance_reliability._native`).
//!
//! Conversion and argument handling only: every score, test, explanation,
//! import and study comes from the library. Every library [`Error`] becomes
//! an instance of the Python class of the same name (with `Error`
//! appended) defined in `alliance_reliability/_errors.py`, carrying the
//! variant's fields as attributes.

use std::path::Path;
use std::sync::Arc;

use alliance_reliability::backtest::{Backtest, Bootstrap, Predictor, Recalibration, Target};
use alliance_reliability::format::{
    FORMAT, Tables, read_json, read_json_file, read_tables, read_tables_from, write_json,
    write_json_file, write_tables, write_tables_to,
};
use alliance_reliability::history::{
    AllianceSource, Breakdown, ConflictSource, HistoricalData, Rule, Scope,
};
use alliance_reliability::import::{
    AtopImport, CowAllianceImport, CowWarImport, ImportReport, MidImport, StateSystem, UcdpImport,
    read_icb_actors,
};
use alliance_reliability::{
    Abandonment, Assessment, Config, Contribution, Error, Explanation, HalfLife, Interval, Ledger,
    Lens, Location, Prior, PriorModel, Reliability, Timeline,
};
use chrono::NaiveDate;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Value, json};

/// The credible level used when none is given.
const LEVEL: f64 = 0.9;

// ---------------------------------------------------------------- errors

/// The Python exception for a library error: an instance of
/// `alliance_reliability._errors.<Variant>Error`, with the variant's
/// fields as attributes (`file`, `line`, `field` for located errors).
fn py_err(py: Python<'_>, e: Error) -> PyErr {
    match build_py_err(py, &e) {
        Ok(err) => err,
        // The errors module could not be imported (a broken install): the
        // message still reaches the user.
        Err(_) => PyValueError::new_err(e.to_string()),
    }
}

fn build_py_err(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let attrs = PyDict::new(py);
    let loc = |attrs: &Bound<'_, PyDict>, l: &Location| -> PyResult<()> {
        attrs.set_item("file", &l.file)?;
        attrs.set_item("line", l.line)?;
        attrs.set_item("field", l.field.as_deref())
    };
    let class = match e {
        Error::InvalidId { kind, value, .. } => {
            attrs.set_item("kind", *kind)?;
            attrs.set_item("value", value)?;
            "InvalidIdError"
        }
        Error::OutOfRange { value, .. } => {
            attrs.set_item("value", *value)?;
            "OutOfRangeError"
        }
        Error::ReversedInterval { .. } => "ReversedIntervalError",
        Error::SilenceEvent => "SilenceEventError",
        Error::HostileAgainst => "HostileAgainstError",
        Error::InvalidTimeline(problems) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            attrs.set_item("problems", list)?;
            "InvalidTimelineError"
        }
        Error::Rejected(problem) => {
            attrs.set_item("problems", vec![problem.to_string()])?;
            "RejectedError"
        }
        Error::IncompatibleMerge { .. } => "IncompatibleMergeError",
        Error::DateOutOfRange(d) => {
            attrs.set_item("value", d.to_string())?;
            "DateOutOfRangeError"
        }
        Error::UnknownActor(id) => {
            attrs.set_item("value", id)?;
            "UnknownActorError"
        }
        Error::UnknownCrisis(id) => {
            attrs.set_item("value", id)?;
            "UnknownCrisisError"
        }
        Error::UnknownCommitment(id) => {
            attrs.set_item("value", id)?;
            "UnknownCommitmentError"
        }
        Error::NotABloc(id) => {
            attrs.set_item("value", id)?;
            "NotABlocError"
        }
        Error::UnknownName { value, .. } => {
            attrs.set_item("value", value)?;
            "UnknownNameError"
        }
        Error::Malformed {
            location,
            value,
            reason,
        } => {
            loc(&attrs, location)?;
            attrs.set_item("value", value)?;
            attrs.set_item("reason", reason)?;
            "MalformedError"
        }
        Error::MissingColumn { location, column } => {
            loc(&attrs, location)?;
            attrs.set_item("column", column)?;
            "MissingColumnError"
        }
        Error::EmptyInput(location) => {
            loc(&attrs, location)?;
            "EmptyInputError"
        }
        Error::UnsupportedFormat { location, .. } => {
            loc(&attrs, location)?;
            "UnsupportedFormatError"
        }
        Error::Io { location, .. } => {
            loc(&attrs, location)?;
            "IoError"
        }
        Error::TooManyTests { .. } => "TooManyTestsError",
        Error::InvalidLevel(level) => {
            attrs.set_item("value", *level)?;
            "InvalidLevelError"
        }
        Error::Render { .. } => "RenderError",
        // `Error` is non-exhaustive: a variant added later is still an
        // AllianceError.
        _ => "AllianceError",
    };
    let module = py.import("alliance_reliability._errors")?;
    let instance = module.getattr(class)?.call1((e.to_string(),))?;
    for (k, v) in attrs.iter() {
        instance.setattr(k.extract::<String>()?, v)?;
    }
    Ok(PyErr::from_value(instance))
}

/// `Result<T, Error>` into `PyResult<T>`.
trait OrPy<T> {
    fn py(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrPy<T> for Result<T, Error> {
    fn py(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| py_err(py, e))
    }
}

// ---------------------------------------------------------- conversions

/// A date from `"YYYY-MM-DD"` text or a `datetime.date` (a
/// `datetime.datetime` is cut to its day).
fn date(v: &Bound<'_, PyAny>) -> PyResult<NaiveDate> {
    let text: String = match v.extract::<String>() {
        Ok(s) => s,
        Err(_) => {
            let iso = v.call_method0("isoformat").map_err(|_| {
                PyTypeError::new_err(format!(
                    "a date must be \"YYYY-MM-DD\" text or a datetime.date, got {}",
                    v.get_type()
                        .name()
                        .map_or_else(|_| "?".to_string(), |n| n.to_string())
                ))
            })?;
            let iso: String = iso.extract()?;
            // datetime.isoformat(): "YYYY-MM-DDTHH:MM:SS..."; Python's years are 1 to 9999.
            iso.get(..10).unwrap_or(&iso).to_string()
        }
    };
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map_err(|e| PyValueError::new_err(format!("date {text:?} is not YYYY-MM-DD ({e})")))
}

/// A JSON value as the Python value `json.loads` gives.
fn to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    let text = serde_json::to_string(v).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
}

fn interval_json(i: Result<Interval, Error>) -> Value {
    match i {
        Ok(i) => json!([i.lower, i.upper]),
        Err(_) => Value::Null,
    }
}

fn lens_of(name: &str) -> PyResult<Lens> {
    match name {
        "letter" => Ok(Lens::Letter),
        "expectation" => Ok(Lens::Expectation),
        _ => Err(PyValueError::new_err(format!(
            "lens must be \"letter\" or \"expectation\", got {name:?}"
        ))),
    }
}

// -------------------------------------------------------------- timeline

/// A checked timeline: actors, memberships, commitments, crises and
/// support events, every reference resolved.
#[pyclass(module = "alliance_reliability", name = "Timeline", frozen)]
#[derive(Clone)]
pub struct PyTimeline {
    inner: Arc<Timeline>,
}

#[pymethods]
impl PyTimeline {
    /// Reads an `alliance-timeline/1` JSON document from text.
    /// `source` names it in errors.
    #[staticmethod]
    #[pyo3(signature = (text, source = "<json>"))]
    fn from_json(py: Python<'_>, text: &str, source: &str) -> PyResult<PyTimeline> {
        let t = read_json(text.as_bytes(), source).py(py)?;
        Ok(PyTimeline { inner: Arc::new(t) })
    }

    /// Builds a timeline from a dict shaped like the `alliance-timeline/1`
    /// JSON document (`{"format": ..., "actors": [...], "memberships":
    /// [...], "commitments": [...], "crises": [...], "events": [...]}`),
    /// checked as a file is: errors name the JSON path of the bad value.
    /// Every key is optional; a missing `format` means the current one.
    #[staticmethod]
    #[pyo3(signature = (document, source = "<dict>"))]
    fn from_dict(
        py: Python<'_>,
        document: &Bound<'_, PyAny>,
        source: &str,
    ) -> PyResult<PyTimeline> {
        let tagged;
        let mut document = document;
        if let Ok(d) = document.cast::<PyDict>()
            && !d.contains("format")?
        {
            let copy = d.copy()?;
            copy.set_item("format", FORMAT)?;
            tagged = copy.into_any();
            document = &tagged;
        }
        let text: String = py
            .import("json")?
            .call_method1("dumps", (document,))?
            .extract()?;
        Self::from_json(py, &text, source)
    }

    /// Builds a timeline from the five tables of the CSV format (the
    /// columns of `actors.csv`, `memberships.csv`, `commitments.csv`,
    /// `crises.csv`, `events.csv`; see the `format` module). Each table is
    /// CSV text (`str` or `bytes`), a `pandas.DataFrame`, a
    /// `polars.DataFrame` or a `pyarrow.Table`; data frames are written as
    /// CSV by their own library and read by the library's CSV reader, so
    /// errors name the table, line and column. Dates must be dates or
    /// `YYYY-MM-DD` text (not timestamps). A table left out has no rows.
    #[staticmethod]
    #[pyo3(signature = (actors, memberships = None, commitments = None, crises = None, events = None))]
    fn from_tables(
        py: Python<'_>,
        actors: &Bound<'_, PyAny>,
        memberships: Option<&Bound<'_, PyAny>>,
        commitments: Option<&Bound<'_, PyAny>>,
        crises: Option<&Bound<'_, PyAny>>,
        events: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTimeline> {
        // A table left out is the library's own header of an empty table.
        let mut empty = Tables::<Vec<u8>>::default();
        write_tables_to(&Timeline::default(), &mut empty).py(py)?;
        let or_empty = |t: Option<&Bound<'_, PyAny>>, header: Vec<u8>| match t {
            Some(t) => csv_bytes(py, t),
            None => Ok(header),
        };
        let tables = Tables {
            actors: csv_bytes(py, actors)?,
            memberships: or_empty(memberships, empty.memberships)?,
            commitments: or_empty(commitments, empty.commitments)?,
            crises: or_empty(crises, empty.crises)?,
            events: or_empty(events, empty.events)?,
        };
        let t = py.detach(|| read_tables_from(tables.as_slices())).py(py)?;
        Ok(PyTimeline { inner: Arc::new(t) })
    }

    /// The timeline as a dict (the JSON document's structure).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let text = self.to_json(py)?;
        Ok(py.import("json")?.call_method1("loads", (text,))?.unbind())
    }

    /// The timeline as an `alliance-timeline/1` JSON document (text).
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = Vec::new();
        write_json(&self.inner, &mut out).py(py)?;
        String::from_utf8(out).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Writes the timeline as the five CSV tables into folder `path`
    /// (created if needed), as `alliance convert` does.
    fn write_tables(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        write_tables(&self.inner, &path).py(py)
    }

    /// Writes the timeline as an `alliance-timeline/1` JSON document.
    fn write_json(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<()> {
        write_json_file(&self.inner, &path).py(py)
    }

    /// The actor ids, in the timeline's order.
    #[getter]
    fn actors(&self) -> Vec<String> {
        self.inner
            .actors()
            .iter()
            .map(|a| a.id().as_str().to_string())
            .collect()
    }

    /// `{"actors": n, "memberships": n, "commitments": n, "crises": n, "events": n}`.
    fn counts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let t = &self.inner;
        to_py(
            py,
            &json!({
                "actors": t.actors().len(),
                "memberships": t.memberships().len(),
                "commitments": t.commitments().len(),
                "crises": t.crises().len(),
                "events": t.event_count(),
            }),
        )
    }

    fn __repr__(&self) -> String {
        let t = &self.inner;
        format!(
            "Timeline({} actors, {} memberships, {} commitments, {} crises, {} events)",
            t.actors().len(),
            t.memberships().len(),
            t.commitments().len(),
            t.crises().len(),
            t.event_count()
        )
    }
}

/// Reads a timeline: an `alliance-timeline/1` JSON document, or a folder
/// of the five CSV tables (`actors.csv`, `memberships.csv`,
/// `commitments.csv`, `crises.csv`, `events.csv`).
#[pyfunction]
fn read(py: Python<'_>, path: std::path::PathBuf) -> PyResult<PyTimeline> {
    let t = py
        .detach(|| {
            if path.is_dir() {
                read_tables(&path)
            } else {
                read_json_file(&path)
            }
        })
        .py(py)?;
    Ok(PyTimeline { inner: Arc::new(t) })
}

/// One table as CSV bytes: text and bytes as they are; a data frame or
/// Arrow table written as CSV by its own library.
fn csv_bytes(py: Python<'_>, table: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(text) = table.extract::<String>() {
        return Ok(text.into_bytes());
    }
    if let Ok(bytes) = table.extract::<Vec<u8>>() {
        return Ok(bytes);
    }
    let module: String = table
        .get_type()
        .getattr("__module__")?
        .extract()
        .unwrap_or_default();
    let text = if module.starts_with("pandas") {
        let kwargs = PyDict::new(py);
        kwargs.set_item("index", false)?;
        table.call_method("to_csv", (), Some(&kwargs))?
    } else if module.starts_with("polars") {
        table.call_method0("write_csv")?
    } else if module.starts_with("pyarrow") {
        let io = py.import("io")?.call_method0("BytesIO")?;
        py.import("pyarrow.csv")?
            .call_method1("write_csv", (table, &io))?;
        io.call_method0("getvalue")?
    } else {
        return Err(PyTypeError::new_err(format!(
            "a table must be CSV text, bytes, a pandas or polars DataFrame or a pyarrow Table, got {module}"
        )));
    };
    if let Ok(text) = text.extract::<String>() {
        return Ok(text.into_bytes());
    }
    text.extract::<Vec<u8>>()
}

// ---------------------------------------------------------------- ledger

/// The configuration from keyword arguments (`Config`'s setters).
#[allow(clippy::too_many_arguments)]
fn config(
    py: Python<'_>,
    lens: &str,
    half_life_years: Option<f64>,
    no_decay: bool,
    window_days: Option<u32>,
    prior: Option<&Bound<'_, PyAny>>,
    pooling: Option<f64>,
    abandonment_threshold: Option<f64>,
    max_tests: Option<u64>,
) -> PyResult<Config> {
    let mut c = Config::default().lens(lens_of(lens)?);
    if no_decay {
        if half_life_years.is_some() {
            return Err(PyValueError::new_err(
                "give half_life_years or no_decay=True, not both",
            ));
        }
        c = c.no_decay();
    } else if let Some(years) = half_life_years {
        c = c.half_life(HalfLife::from_years(years).py(py)?);
    }
    if let Some(days) = window_days {
        c = c.window_days(days).py(py)?;
    }
    if let Some(p) = prior {
        if let Ok(name) = p.extract::<String>() {
            match name.as_str() {
                "learned" => {}
                "fixed" => c = c.prior(Prior::default()).prior_model(PriorModel::Fixed),
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "prior must be \"learned\", \"fixed\" or (alpha, beta), got {name:?}"
                    )));
                }
            }
        } else {
            let (a, b): (f64, f64) = p.extract().map_err(|_| {
                PyValueError::new_err("prior must be \"learned\", \"fixed\" or (alpha, beta)")
            })?;
            c = c
                .prior(Prior::new(a, b).py(py)?)
                .prior_model(PriorModel::Fixed);
        }
    }
    if let Some(k) = pooling {
        c = c.pooling(k).py(py)?;
    }
    if let Some(t) = abandonment_threshold {
        c = c.abandonment_threshold(t).py(py)?;
    }
    if let Some(m) = max_tests {
        c = c.max_tests(m);
    }
    Ok(c)
}

/// Every test the timeline's crises put to its commitments, resolved
/// under a scoring configuration.
///
/// Keyword arguments (each defaults to the library's `Config::default()`):
/// `lens` ("letter" or "expectation"), `half_life_years` (evidence this old
/// counts half; default 10), `no_decay`, `window_days` (response window of
/// open-ended crises; default 30), `prior` ("learned", "fixed" or
/// `(alpha, beta)`), `pooling`, `abandonment_threshold`, `max_tests`.
#[pyclass(module = "alliance_reliability", name = "Ledger", frozen)]
pub struct PyLedger {
    inner: Arc<Ledger>,
}

#[pymethods]
impl PyLedger {
    #[new]
    #[pyo3(signature = (timeline, *, lens = "letter", half_life_years = None, no_decay = false,
        window_days = None, prior = None, pooling = None, abandonment_threshold = None,
        max_tests = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        timeline: &PyTimeline,
        lens: &str,
        half_life_years: Option<f64>,
        no_decay: bool,
        window_days: Option<u32>,
        prior: Option<&Bound<'_, PyAny>>,
        pooling: Option<f64>,
        abandonment_threshold: Option<f64>,
        max_tests: Option<u64>,
    ) -> PyResult<PyLedger> {
        let c = config(
            py,
            lens,
            half_life_years,
            no_decay,
            window_days,
            prior,
            pooling,
            abandonment_threshold,
            max_tests,
        )?;
        let t = Timeline::clone(&timeline.inner);
        let ledger = py.detach(|| Ledger::new(t, c)).py(py)?;
        Ok(PyLedger {
            inner: Arc::new(ledger),
        })
    }

    /// Number of tests (crisis x commitment x guarantor) the ledger holds.
    #[getter]
    fn test_count(&self) -> usize {
        self.inner.test_count()
    }

    /// The timeline the ledger was built from.
    #[getter]
    fn timeline(&self) -> PyTimeline {
        PyTimeline {
            inner: Arc::new(self.inner.timeline().clone()),
        }
    }

    /// Scores everything as of `as_of` ("YYYY-MM-DD" or a `datetime.date`)
    /// through `lens` (default: the ledger's).
    #[pyo3(signature = (as_of, lens = None))]
    fn assess(
        &self,
        py: Python<'_>,
        as_of: &Bound<'_, PyAny>,
        lens: Option<&str>,
    ) -> PyResult<PyAssessment> {
        let as_of = date(as_of)?;
        let lens = match lens {
            Some(l) => lens_of(l)?,
            None => self.inner.config().get_lens(),
        };
        let owner = Arc::clone(&self.inner);
        let cell = py.detach(|| AssessmentCell::new(owner, |l| l.assess_under(as_of, lens)));
        Ok(PyAssessment { cell })
    }

    /// `actor`'s reliability at each of `dates`, in one pass over its tests.
    #[pyo3(signature = (actor, dates, lens = None))]
    fn reliability_series(
        &self,
        py: Python<'_>,
        actor: &str,
        dates: Vec<Bound<'_, PyAny>>,
        lens: Option<&str>,
    ) -> PyResult<Vec<PyReliability>> {
        let key = self.inner.timeline().key_of(actor).py(py)?;
        let dates = dates.iter().map(date).collect::<PyResult<Vec<_>>>()?;
        let lens = match lens {
            Some(l) => lens_of(l)?,
            None => self.inner.config().get_lens(),
        };
        Ok(self
            .inner
            .reliability_series_under(key, &dates, lens)
            .into_iter()
            .map(|inner| PyReliability { inner })
            .collect())
    }

    fn __repr__(&self) -> String {
        format!("Ledger({} tests)", self.inner.test_count())
    }
}

// ------------------------------------------------------------ assessment

type Assess<'a> = Assessment<'a>;

self_cell::self_cell!(
    /// An assessment with the ledger it borrows.
    struct AssessmentCell {
        owner: Arc<Ledger>,
        #[covariant]
        dependent: Assess,
    }
);

/// A guarantor's reliability: a Beta posterior over the share of its
/// promises it keeps.
#[pyclass(module = "alliance_reliability", name = "Reliability", frozen)]
#[derive(Clone)]
pub struct PyReliability {
    inner: Reliability,
}

#[pymethods]
impl PyReliability {
    /// Posterior mean.
    #[getter]
    fn mean(&self) -> f64 {
        self.inner.mean()
    }
    /// Beta alpha (prior plus decayed fulfilment).
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }
    /// Beta beta (prior plus decayed shortfall).
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }
    /// Kish's effective number of tests (after decay).
    #[getter]
    fn effective_tests(&self) -> f64 {
        self.inner.effective_tests()
    }
    /// Resolved tests.
    #[getter]
    fn tests(&self) -> u64 {
        self.inner.tests()
    }
    /// Resolved tests honoured.
    #[getter]
    fn honoured(&self) -> u64 {
        self.inner.honoured()
    }
    /// Tests still pending.
    #[getter]
    fn pending(&self) -> u64 {
        self.inner.pending()
    }
    /// Share of resolved tests honoured (undecayed), or None.
    #[getter]
    fn plain_share(&self) -> Option<f64> {
        self.inner.plain_share()
    }
    /// Mean fulfilment of resolved tests (undecayed), or None.
    #[getter]
    fn mean_fulfilment(&self) -> Option<f64> {
        self.inner.mean_fulfilment()
    }
    /// The equal-tailed credible interval `(lower, upper)` at `level`.
    #[pyo3(signature = (level = LEVEL))]
    fn interval(&self, py: Python<'_>, level: f64) -> PyResult<(f64, f64)> {
        let i = self.inner.interval(level).py(py)?;
        Ok((i.lower, i.upper))
    }
    /// Every value above as a dict (the interval at 90%).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        to_py(py, &reliability_json(&self.inner))
    }
    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "Reliability(mean={}, tests={}, honoured={}, pending={})",
            r.mean(),
            r.tests(),
            r.honoured(),
            r.pending()
        )
    }
}

fn reliability_json(r: &Reliability) -> Value {
    json!({
        "mean": r.mean(),
        "alpha": r.alpha(),
        "beta": r.beta(),
        "interval": interval_json(r.interval(LEVEL)),
        "effective_tests": r.effective_tests(),
        "tests": r.tests(),
        "honoured": r.honoured(),
        "pending": r.pending(),
        "plain_share": r.plain_share(),
        "mean_fulfilment": r.mean_fulfilment(),
    })
}

/// A client's risk of abandonment by a patron: the patron's record toward
/// it, pooled with the patron's record toward others.
#[pyclass(module = "alliance_reliability", name = "Abandonment", frozen)]
pub struct PyAbandonment {
    inner: Abandonment,
}

#[pymethods]
impl PyAbandonment {
    /// The probability the next test is not honoured.
    #[getter]
    fn risk(&self) -> f64 {
        self.inner.risk()
    }
    /// Credible interval of the risk at `level`.
    #[pyo3(signature = (level = LEVEL))]
    fn interval(&self, py: Python<'_>, level: f64) -> PyResult<(f64, f64)> {
        let i = self.inner.risk_interval(level).py(py)?;
        Ok((i.lower, i.upper))
    }
    /// The patron's reliability toward this client.
    #[getter]
    fn record(&self) -> PyReliability {
        PyReliability {
            inner: *self.inner.record(),
        }
    }
    /// The patron's reliability toward everyone else.
    #[getter]
    fn others(&self) -> PyReliability {
        PyReliability {
            inner: *self.inner.others(),
        }
    }
    /// The pooling weight of the others' record.
    #[getter]
    fn pooling(&self) -> f64 {
        self.inner.pooling()
    }
    /// Tests of the dyad abandoned or betrayed.
    #[getter]
    fn abandonments(&self) -> usize {
        self.inner.abandonments().len()
    }
    /// Tests of the dyad still pending.
    #[getter]
    fn pending(&self) -> usize {
        self.inner.pending().len()
    }
    fn __repr__(&self) -> String {
        format!(
            "Abandonment(risk={}, abandonments={})",
            self.inner.risk(),
            self.inner.abandonments().len()
        )
    }
}

fn contribution_json(c: &Contribution) -> Value {
    json!({
        "test": c.test,
        "crisis": c.crisis.as_str(),
        "crisis_label": c.crisis_label,
        "date": c.date.to_string(),
        "commitment": c.commitment.as_str(),
        "obligation": c.obligation.as_str(),
        "required": c.required.as_str(),
        "guarantor": c.guarantor.as_str(),
        "beneficiary": c.beneficiary.as_str(),
        "response": c.response.as_ref().map(|r| json!({
            "kind": r.kind.as_str(),
            "date": r.date.to_string(),
            "intensity": r.intensity,
            "confidence": r.confidence,
            "source": r.source,
        })),
        "status": c.status.as_str(),
        "fulfilment": c.fulfilment,
        "expected": c.expected,
        "weight": c.weight,
        "share": c.share,
    })
}

/// A score as the list of its contributions: `str(e)` is the table the
/// `alliance explain` command prints.
#[pyclass(module = "alliance_reliability", name = "Explanation", frozen)]
pub struct PyExplanation {
    inner: Explanation,
}

#[pymethods]
impl PyExplanation {
    /// What is explained.
    #[getter]
    fn subject(&self) -> &str {
        &self.inner.subject
    }
    /// The explained score's posterior mean.
    #[getter]
    fn mean(&self) -> f64 {
        self.inner.mean()
    }
    /// The explained score's Beta alpha.
    #[getter]
    fn alpha(&self) -> f64 {
        self.inner.alpha()
    }
    /// The explained score's Beta beta.
    #[getter]
    fn beta(&self) -> f64 {
        self.inner.beta()
    }
    /// Where the prior comes from.
    #[getter]
    fn prior_note(&self) -> &str {
        &self.inner.prior_note
    }
    /// The explanation as text (a table).
    #[getter]
    fn text(&self) -> String {
        self.inner.to_string()
    }
    /// Each resolved test's contribution, as a dict.
    #[getter]
    fn contributions(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v: Vec<Value> = self
            .inner
            .contributions
            .iter()
            .map(contribution_json)
            .collect();
        to_py(py, &Value::Array(v))
    }
    /// The pending tests, as dicts.
    #[getter]
    fn pending(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let v: Vec<Value> = self.inner.pending.iter().map(contribution_json).collect();
        to_py(py, &Value::Array(v))
    }
    fn __str__(&self) -> String {
        self.inner.to_string()
    }
    fn __repr__(&self) -> String {
        format!(
            "Explanation({:?}, {} contributions)",
            self.inner.subject,
            self.inner.contributions.len()
        )
    }
}

/// Every score as of one date, through one lens.
#[pyclass(module = "alliance_reliability", name = "Assessment", frozen)]
pub struct PyAssessment {
    cell: AssessmentCell,
}

impl PyAssessment {
    fn a(&self) -> &Assessment<'_> {
        self.cell.borrow_dependent()
    }
    fn key(&self, py: Python<'_>, id: &str) -> PyResult<alliance_reliability::ActorKey> {
        self.a().ledger().timeline().key_of(id).py(py)
    }
}

#[pymethods]
impl PyAssessment {
    /// The assessment date, "YYYY-MM-DD".
    #[getter]
    fn as_of(&self) -> String {
        self.a().as_of().to_string()
    }
    /// The lens, "letter" or "expectation".
    #[getter]
    fn lens(&self) -> &'static str {
        self.a().lens().as_str()
    }
    /// `actor`'s reliability as guarantor.
    fn reliability(&self, py: Python<'_>, actor: &str) -> PyResult<PyReliability> {
        let k = self.key(py, actor)?;
        Ok(PyReliability {
            inner: self.a().reliability(k),
        })
    }
    /// A bloc's reputation: its members' reliability toward fellow members.
    fn bloc(&self, py: Python<'_>, bloc: &str) -> PyResult<PyReliability> {
        let k = self.key(py, bloc)?;
        Ok(PyReliability {
            inner: self.a().bloc(k).py(py)?,
        })
    }
    /// `client`'s risk of abandonment by `patron`.
    fn abandonment(&self, py: Python<'_>, patron: &str, client: &str) -> PyResult<PyAbandonment> {
        let (p, c) = (self.key(py, patron)?, self.key(py, client)?);
        Ok(PyAbandonment {
            inner: self.a().abandonment(p, c),
        })
    }
    /// Every guarantor with a resolved test, most reliable first, as
    /// `(actor id, Reliability)` pairs.
    fn ranking(&self) -> Vec<(String, PyReliability)> {
        let t = self.a().ledger().timeline();
        self.a()
            .ranking()
            .into_iter()
            .map(|(k, r)| {
                let id = t.actor(k).map_or("?", |a| a.id().as_str()).to_string();
                (id, PyReliability { inner: r })
            })
            .collect()
    }
    /// The ranking as a dict of equal-length columns: rank, actor, name,
    /// mean, lower, upper (90% interval, None when undefined),
    /// effective_tests, plain_share, tests, honoured, pending.
    #[pyo3(signature = (level = LEVEL))]
    fn ranking_columns(&self, py: Python<'_>, level: f64) -> PyResult<Py<PyAny>> {
        if !(level > 0.0 && level < 1.0) {
            return Err(py_err(py, Error::InvalidLevel(level)));
        }
        let t = self.a().ledger().timeline();
        let ranking = self.a().ranking();
        let col = |f: &dyn Fn(usize, alliance_reliability::ActorKey, &Reliability) -> Value| {
            Value::Array(
                ranking
                    .iter()
                    .enumerate()
                    .map(|(i, (k, r))| f(i, *k, r))
                    .collect(),
            )
        };
        let bound = |r: &Reliability, upper: bool| match r.interval(level) {
            Ok(i) => json!(if upper { i.upper } else { i.lower }),
            Err(_) => Value::Null,
        };
        let doc = json!({
            "rank": col(&|i, _, _| json!(i + 1)),
            "actor": col(&|_, k, _| json!(t.actor(k).map_or("?", |a| a.id().as_str()))),
            "name": col(&|_, k, _| json!(t.actor(k).map_or("?", |a| a.name()))),
            "mean": col(&|_, _, r| json!(r.mean())),
            "lower": col(&|_, _, r| bound(r, false)),
            "upper": col(&|_, _, r| bound(r, true)),
            "effective_tests": col(&|_, _, r| json!(r.effective_tests())),
            "plain_share": col(&|_, _, r| json!(r.plain_share())),
            "tests": col(&|_, _, r| json!(r.tests())),
            "honoured": col(&|_, _, r| json!(r.honoured())),
            "pending": col(&|_, _, r| json!(r.pending())),
        });
        to_py(py, &doc)
    }
    /// The ranking as a `pyarrow.Table` (needs pyarrow).
    fn to_arrow(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cols = self.ranking_columns(py, LEVEL)?;
        Ok(py
            .import("pyarrow")?
            .call_method1("table", (cols,))?
            .unbind())
    }
    /// The ranking as a `polars.DataFrame` (needs polars).
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cols = self.ranking_columns(py, LEVEL)?;
        Ok(py
            .import("polars")?
            .call_method1("DataFrame", (cols,))?
            .unbind())
    }
    /// The ranking as a `pandas.DataFrame` (needs pandas).
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cols = self.ranking_columns(py, LEVEL)?;
        Ok(py
            .import("pandas")?
            .call_method1("DataFrame", (cols,))?
            .unbind())
    }
    /// The explanation of `actor`'s reliability.
    fn explain(&self, py: Python<'_>, actor: &str) -> PyResult<PyExplanation> {
        let k = self.key(py, actor)?;
        Ok(PyExplanation {
            inner: self.a().explain_reliability(k).py(py)?,
        })
    }
    /// The explanation of `client`'s abandonment risk by `patron`.
    fn explain_abandonment(
        &self,
        py: Python<'_>,
        patron: &str,
        client: &str,
    ) -> PyResult<PyExplanation> {
        let (p, c) = (self.key(py, patron)?, self.key(py, client)?);
        Ok(PyExplanation {
            inner: self.a().explain_abandonment(p, c).py(py)?,
        })
    }
    fn __repr__(&self) -> String {
        format!(
            "Assessment(as_of={}, lens={}, {} guarantors)",
            self.a().as_of(),
            self.a().lens().as_str(),
            self.a().ranking().len()
        )
    }
}

// ------------------------------------------------------------- importers

fn report_json(r: &ImportReport) -> Value {
    json!({
        "source": r.source,
        "rows_read": r.rows_read,
        "rows_used": r.rows_used,
        "records": r.records,
        "skipped": r.skipped_total(),
        "text": r.to_string(),
    })
}

fn records<T: serde::Serialize>(items: &[T]) -> PyResult<Value> {
    serde_json::to_value(items).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn states_of(py: Python<'_>, states: Option<std::path::PathBuf>) -> PyResult<StateSystem> {
    match states {
        None => Ok(StateSystem::bundled()),
        Some(p) => {
            let name = p.display().to_string();
            let f = open(py, &p)?;
            Ok(StateSystem::read(f, &name).py(py)?.0)
        }
    }
}

fn open(py: Python<'_>, p: &Path) -> PyResult<std::fs::File> {
    std::fs::File::open(p).map_err(|e| {
        py_err(
            py,
            Error::Io {
                location: Location::file(p.display().to_string()),
                kind: e.kind(),
                message: e.to_string(),
            },
        )
    })
}

/// One importer's result as a dict: the record lists it produced (in the
/// JSON document's record form; absent kinds as empty lists) and its
/// import reports.
fn import_dict(
    py: Python<'_>,
    mut parts: serde_json::Map<String, Value>,
    reports: &[&ImportReport],
) -> PyResult<Py<PyAny>> {
    for kind in ["actors", "commitments", "crises", "events"] {
        parts
            .entry(kind)
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    parts.insert(
        "reports".into(),
        Value::Array(reports.iter().map(|r| report_json(r)).collect()),
    );
    to_py(py, &Value::Object(parts))
}

macro_rules! importer {
    ($fn:ident, $ty:ty, $doc:literal, $($part:ident),*) => {
        #[doc = $doc]
        #[doc = ""]
        #[doc = "Returns a dict with `actors`, `commitments`, `crises`, `events` (lists of"]
        #[doc = "records in the JSON document's form) and `reports` (the import reports)."]
        #[doc = "`states`: a COW state system CSV (default: the bundled copy)."]
        #[pyfunction]
        #[pyo3(signature = (path, states = None))]
        fn $fn(py: Python<'_>, path: std::path::PathBuf, states: Option<std::path::PathBuf>) -> PyResult<Py<PyAny>> {
            let states = states_of(py, states)?;
            let f = open(py, &path)?;
            let name = path.display().to_string();
            let i = py.detach(|| <$ty>::read(f, &name, &states)).py(py)?;
            let mut parts = serde_json::Map::new();
            $( parts.insert(stringify!($part).into(), records(&i.$part)?); )*
            import_dict(py, parts, &[&i.report])
        }
    };
}

importer!(
    import_atop,
    AtopImport,
    "Imports the ATOP 5.1 member-level file (atop5_1m.csv): commitments by obligation.",
    actors,
    commitments
);
importer!(
    import_cow_alliance,
    CowAllianceImport,
    "Imports COW formal alliances v4.1 (directed dyad-years): commitments.",
    actors,
    commitments
);
importer!(
    import_cow_war,
    CowWarImport,
    "Imports COW inter-state wars v4.0: crises (participation spells) and events.",
    actors,
    crises,
    events
);
importer!(
    import_mid,
    MidImport,
    "Imports GML militarized interstate disputes (participant level): crises and events.",
    actors,
    crises,
    events
);
importer!(
    import_ucdp,
    UcdpImport,
    "Imports UCDP/PRIO armed conflicts: crises and events.",
    actors,
    crises,
    events
);

/// Imports ICB v13 actor level (icb2v13.csv): crises and great-power
/// support. Returns the same dict as the other importers, plus
/// `perceived_abandonments` (their count).
#[pyfunction]
#[pyo3(signature = (path, states = None))]
fn import_icb(
    py: Python<'_>,
    path: std::path::PathBuf,
    states: Option<std::path::PathBuf>,
) -> PyResult<Py<PyAny>> {
    let states = states_of(py, states)?;
    let f = open(py, &path)?;
    let name = path.display().to_string();
    let i = py.detach(|| read_icb_actors(f, &name, &states)).py(py)?;
    let mut parts = serde_json::Map::new();
    parts.insert("crises".into(), records(&i.crises)?);
    parts.insert("events".into(), records(&i.events)?);
    let d = import_dict(py, parts, &[&i.crisis_report, &i.involvement_report])?;
    d.bind(py)
        .set_item("perceived_abandonments", i.abandonments.len())?;
    Ok(d)
}

// --------------------------------------------------------------- studies

fn alliance_source(s: &str) -> PyResult<AllianceSource> {
    match s {
        "atop" => Ok(AllianceSource::Atop),
        "cow" => Ok(AllianceSource::Cow),
        _ => Err(PyValueError::new_err(format!(
            "source must be \"atop\" or \"cow\", got {s:?}"
        ))),
    }
}

fn conflict_source(s: &str) -> PyResult<ConflictSource> {
    match s {
        "wars" => Ok(ConflictSource::CowWars),
        "mids" => Ok(ConflictSource::Mids),
        "ucdp" => Ok(ConflictSource::Ucdp),
        _ => Err(PyValueError::new_err(format!(
            "conflicts must be \"wars\", \"mids\" or \"ucdp\", got {s:?}"
        ))),
    }
}

fn rule_of(s: &str) -> PyResult<Rule> {
    match s {
        "treaty" => Ok(Rule::LEEDS_TREATY),
        "leeds" => Ok(Rule::Leeds),
        "sabrosky" => Ok(Rule::Sabrosky),
        _ => Err(PyValueError::new_err(format!(
            "rule must be \"treaty\", \"leeds\" or \"sabrosky\", got {s:?}"
        ))),
    }
}

fn tally_json(label: &str, t: &alliance_reliability::history::Tally) -> Value {
    json!({
        "scope": label,
        "resolved": t.resolved(),
        "honoured": t.honoured(),
        "abandoned": t.abandoned(),
        "betrayed": t.betrayed(),
        "pending": t.pending(),
        "share": t.share(),
    })
}

/// The historical validation on the bundled data (as `alliance history
/// --no-figures`): one ledger of `source` ("atop", "cow") tested by
/// `conflicts` ("wars", "mids", "ucdp") under `rule` ("treaty", "leeds",
/// "sabrosky"), broken down by era and obligation, and the great powers
/// ranked with `level` credible intervals. Returns a dict of plain values.
#[pyfunction]
#[pyo3(signature = (source = "atop", conflicts = "wars", rule = "treaty", level = LEVEL))]
fn history(
    py: Python<'_>,
    source: &str,
    conflicts: &str,
    rule: &str,
    level: f64,
) -> PyResult<Py<PyAny>> {
    let (s, c, r) = (
        alliance_source(source)?,
        conflict_source(conflicts)?,
        rule_of(rule)?,
    );
    let doc = py
        .detach(|| -> Result<Value, Error> {
            let data = HistoricalData::bundled()?;
            let ledger = data.ledger_of(s, c, r)?;
            let as_of = c.as_of();
            let b = Breakdown::new(&ledger, as_of);
            let judged = Scope::judged();
            let mut rows = vec![tally_json("judged (all years)", &b.tally(&judged))];
            for (era, t) in b.by_era(&judged) {
                rows.push(tally_json(&format!("judged, {}", era.as_str()), &t));
            }
            for (kind, t) in b.by_obligation(&Scope::all()) {
                rows.push(tally_json(kind.as_str(), &t));
            }
            let powers: Vec<Value> = b
                .great_powers(&judged, level)?
                .iter()
                .map(|s| {
                    json!({
                        "state": s.state.as_str(),
                        "name": s.name,
                        "ccode": s.ccode,
                        "mean": s.reliability.mean(),
                        "interval": [s.interval.lower, s.interval.upper],
                        "tests": s.reliability.tests(),
                        "plain_share": s.reliability.plain_share(),
                    })
                })
                .collect();
            Ok(json!({
                "source": s.as_str(),
                "conflicts": c.as_str(),
                "rule": r.as_str(),
                "as_of": as_of.to_string(),
                "tests": ledger.test_count(),
                "breakdown": rows,
                "great_powers": powers,
            }))
        })
        .py(py)?;
    to_py(py, &doc)
}

/// The ledger a backtest replays.
enum Which {
    Given(Arc<Ledger>),
    Bundled(AllianceSource, ConflictSource, Rule),
}

/// The out-of-time backtest (as `alliance backtest`): does past
/// reliability predict the next test better than the base rates? Runs on
/// `ledger` if given, else on the bundled historical ledger of `source` x
/// `conflicts` under `rule`. `target`: "fulfilment" or "honoured";
/// `recalibrate`: "off", "platt" or "platt_by_kind"; `replicates`:
/// crisis-bootstrap replicates (0: none). Returns a dict of plain values
/// (`text` is the report the command prints).
#[pyfunction]
#[pyo3(signature = (ledger = None, *, source = "atop", conflicts = "wars", rule = "treaty",
    as_of = None, target = "fulfilment", recalibrate = "off", replicates = None))]
#[allow(clippy::too_many_arguments)]
fn backtest(
    py: Python<'_>,
    ledger: Option<&PyLedger>,
    source: &str,
    conflicts: &str,
    rule: &str,
    as_of: Option<&Bound<'_, PyAny>>,
    target: &str,
    recalibrate: &str,
    replicates: Option<u32>,
) -> PyResult<Py<PyAny>> {
    let target = match target {
        "fulfilment" => Target::Fulfilment,
        "honoured" => Target::Honoured,
        _ => {
            return Err(PyValueError::new_err(format!(
                "target must be \"fulfilment\" or \"honoured\", got {target:?}"
            )));
        }
    };
    let recalibration = match recalibrate {
        "off" => Recalibration::Off,
        "platt" => Recalibration::PLATT,
        "platt_by_kind" => Recalibration::PLATT_BY_KIND,
        _ => {
            return Err(PyValueError::new_err(format!(
                "recalibrate must be \"off\", \"platt\" or \"platt_by_kind\", got {recalibrate:?}"
            )));
        }
    };
    let as_of = as_of.map(date).transpose()?;
    let bootstrap = Bootstrap {
        replicates: replicates.unwrap_or(Bootstrap::default().replicates),
        ..Bootstrap::default()
    };
    let which = match ledger {
        Some(l) => Which::Given(Arc::clone(&l.inner)),
        None => Which::Bundled(
            alliance_source(source)?,
            conflict_source(conflicts)?,
            rule_of(rule)?,
        ),
    };
    let doc = py
        .detach(|| -> Result<Value, Error> {
            let ledger: Arc<Ledger> = match which {
                Which::Given(l) => l,
                Which::Bundled(s, c, r) => Arc::new(HistoricalData::bundled()?.ledger_of(s, c, r)?),
            };
            let mut bt = Backtest::new(&ledger)
                .target(target)
                .recalibration(recalibration)
                .bootstrap(bootstrap);
            if let Some(d) = as_of {
                bt = bt.as_of(d);
            }
            let report = bt.run();
            let scores: serde_json::Map<String, Value> = Predictor::ALL
                .iter()
                .map(|&p| {
                    let s = report.scores(p);
                    (
                        p.as_str().to_string(),
                        json!({"n": s.n(), "brier": s.brier(), "log_loss": s.log_loss()}),
                    )
                })
                .collect();
            let skills: Vec<Value> = report
                .skills()
                .iter()
                .map(|s| {
                    json!({
                        "predictor": s.predictor.as_str(),
                        "reference": s.reference.as_str(),
                        "brier": s.brier,
                        "log_loss": s.log_loss,
                        "brier_interval": s.brier_interval.map(|(a, b)| [a, b]),
                        "log_loss_interval": s.log_loss_interval.map(|(a, b)| [a, b]),
                    })
                })
                .collect();
            Ok(json!({
                "n": report.n(),
                "crises": report.crises(),
                "scores": scores,
                "skills": skills,
                "text": report.to_string(),
            }))
        })
        .py(py)?;
    to_py(py, &doc)
}

// ---------------------------------------------------------------- module

/// The native part of `alliance_reliability` (import the package, not this).
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTimeline>()?;
    m.add_class::<PyLedger>()?;
    m.add_class::<PyAssessment>()?;
    m.add_class::<PyReliability>()?;
    m.add_class::<PyAbandonment>()?;
    m.add_class::<PyExplanation>()?;
    m.add_function(wrap_pyfunction!(read, m)?)?;
    m.add_function(wrap_pyfunction!(import_atop, m)?)?;
    m.add_function(wrap_pyfunction!(import_cow_alliance, m)?)?;
    m.add_function(wrap_pyfunction!(import_cow_war, m)?)?;
    m.add_function(wrap_pyfunction!(import_mid, m)?)?;
    m.add_function(wrap_pyfunction!(import_ucdp, m)?)?;
    m.add_function(wrap_pyfunction!(import_icb, m)?)?;
    m.add_function(wrap_pyfunction!(history, m)?)?;
    m.add_function(wrap_pyfunction!(backtest, m)?)?;
    Ok(())
}
