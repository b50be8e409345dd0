"""Measures whether allies keep their promises (Python bindings of the Rust
library alliance-reliability). Every number is computed by the library."""

import datetime
import os
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Union

from ._errors import (
    AllianceError as AllianceError,
    DateOutOfRangeError as DateOutOfRangeError,
    EmptyInputError as EmptyInputError,
    HostileAgainstError as HostileAgainstError,
    IncompatibleMergeError as IncompatibleMergeError,
    InvalidIdError as InvalidIdError,
    InvalidLevelError as InvalidLevelError,
    InvalidTimelineError as InvalidTimelineError,
    IoError as IoError,
    MalformedError as MalformedError,
    MissingColumnError as MissingColumnError,
    NotABlocError as NotABlocError,
    OutOfRangeError as OutOfRangeError,
    RejectedError as RejectedError,
    RenderError as RenderError,
    ReversedIntervalError as ReversedIntervalError,
    SilenceEventError as SilenceEventError,
    TooManyTestsError as TooManyTestsError,
    UnknownActorError as UnknownActorError,
    UnknownCommitmentError as UnknownCommitmentError,
    UnknownCrisisError as UnknownCrisisError,
    UnknownNameError as UnknownNameError,
    UnsupportedFormatError as UnsupportedFormatError,
)

__version__: str

PathLike = Union[str, os.PathLike]
DateLike = Union[str, datetime.date]
LensName = Literal["letter", "expectation"]
# CSV text or bytes, a pandas.DataFrame, a polars.DataFrame or a pyarrow.Table.
Table = Any

class Timeline:
    """A checked timeline: actors, memberships, commitments, crises and
    support events, every reference resolved."""

    @staticmethod
    def from_dict(document: Dict[str, Any], source: str = "<dict>") -> Timeline:
        """A timeline from a dict shaped like the alliance-timeline/1 JSON
        document; errors name the JSON path of the bad value."""
    @staticmethod
    def from_tables(
        actors: Table,
        memberships: Optional[Table] = None,
        commitments: Optional[Table] = None,
        crises: Optional[Table] = None,
        events: Optional[Table] = None,
    ) -> Timeline:
        """A timeline from the five tables of the CSV format: CSV text or
        bytes, pandas or polars DataFrames, or pyarrow Tables (written as
        CSV by their library, read by the library's CSV reader). Errors
        name the table, line and column; a table left out has no rows."""
    @staticmethod
    def from_json(text: str, source: str = "<json>") -> Timeline:
        """A timeline from an alliance-timeline/1 JSON document's text."""
    def to_dict(self) -> Dict[str, Any]:
        """The timeline as a dict (the JSON document's structure)."""
    def to_json(self) -> str:
        """The timeline as an alliance-timeline/1 JSON document."""
    def write_json(self, path: PathLike) -> None:
        """Writes the JSON document to `path`."""
    def write_tables(self, path: PathLike) -> None:
        """Writes the five CSV tables into folder `path`."""
    @property
    def actors(self) -> List[str]:
        """The actor ids, in the timeline's order."""
    def counts(self) -> Dict[str, int]:
        """Records of each kind."""

def read(path: PathLike) -> Timeline:
    """Reads an alliance-timeline/1 JSON document or a folder of the five
    CSV tables. Bad input raises MalformedError (file, line, field)."""

class Ledger:
    """Every test the timeline's crises put to its commitments, resolved
    under a scoring configuration (the library's Config)."""

    def __init__(
        self,
        timeline: Timeline,
        *,
        lens: LensName = "letter",
        half_life_years: Optional[float] = None,
        no_decay: bool = False,
        window_days: Optional[int] = None,
        prior: Union[Literal["learned", "fixed"], Tuple[float, float], None] = None,
        pooling: Optional[float] = None,
        abandonment_threshold: Optional[float] = None,
        max_tests: Optional[int] = None,
    ) -> None: ...
    @property
    def test_count(self) -> int:
        """Tests (crisis x commitment x guarantor) the ledger holds."""
    @property
    def timeline(self) -> Timeline:
        """The timeline the ledger was built from."""
    def assess(self, as_of: DateLike, lens: Optional[LensName] = None) -> Assessment:
        """Scores everything as of `as_of` (nothing later leaks in)."""
    def reliability_series(
        self, actor: str, dates: Sequence[DateLike], lens: Optional[LensName] = None
    ) -> List[Reliability]:
        """`actor`'s reliability at each of `dates`, in one pass."""

class Reliability:
    """A guarantor's reliability: a Beta posterior over the share of its
    promises it keeps."""

    @property
    def mean(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def effective_tests(self) -> float: ...
    @property
    def tests(self) -> int: ...
    @property
    def honoured(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def plain_share(self) -> Optional[float]: ...
    @property
    def mean_fulfilment(self) -> Optional[float]: ...
    def interval(self, level: float = 0.9) -> Tuple[float, float]:
        """The equal-tailed credible interval at `level` (in (0, 1))."""
    def to_dict(self) -> Dict[str, Any]: ...

class Abandonment:
    """A client's risk of abandonment by a patron."""

    @property
    def risk(self) -> float: ...
    def interval(self, level: float = 0.9) -> Tuple[float, float]: ...
    @property
    def record(self) -> Reliability: ...
    @property
    def others(self) -> Reliability: ...
    @property
    def pooling(self) -> float: ...
    @property
    def abandonments(self) -> int: ...
    @property
    def pending(self) -> int: ...

class Explanation:
    """A score as the list of its contributions; str() is the table."""

    @property
    def subject(self) -> str: ...
    @property
    def mean(self) -> float: ...
    @property
    def alpha(self) -> float: ...
    @property
    def beta(self) -> float: ...
    @property
    def prior_note(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def contributions(self) -> List[Dict[str, Any]]: ...
    @property
    def pending(self) -> List[Dict[str, Any]]: ...

class Assessment:
    """Every score as of one date, through one lens."""

    @property
    def as_of(self) -> str: ...
    @property
    def lens(self) -> LensName: ...
    def reliability(self, actor: str) -> Reliability: ...
    def bloc(self, bloc: str) -> Reliability: ...
    def abandonment(self, patron: str, client: str) -> Abandonment: ...
    def ranking(self) -> List[Tuple[str, Reliability]]: ...
    def ranking_columns(self, level: float = 0.9) -> Dict[str, List[Any]]: ...
    def to_arrow(self) -> Any:
        """The ranking as a pyarrow.Table (needs pyarrow)."""
    def to_polars(self) -> Any:
        """The ranking as a polars.DataFrame (needs polars)."""
    def to_pandas(self) -> Any:
        """The ranking as a pandas.DataFrame (needs pandas)."""
    def explain(self, actor: str) -> Explanation: ...
    def explain_abandonment(self, patron: str, client: str) -> Explanation: ...

ImportResult = Dict[str, Any]

def import_atop(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def import_cow_alliance(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def import_cow_war(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def import_mid(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def import_ucdp(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def import_icb(path: PathLike, states: Optional[PathLike] = None) -> ImportResult: ...
def history(
    source: Literal["atop", "cow"] = "atop",
    conflicts: Literal["wars", "mids", "ucdp"] = "wars",
    rule: Literal["treaty", "leeds", "sabrosky"] = "treaty",
    level: float = 0.9,
) -> Dict[str, Any]: ...
def backtest(
    ledger: Optional[Ledger] = None,
    *,
    source: Literal["atop", "cow"] = "atop",
    conflicts: Literal["wars", "mids", "ucdp"] = "wars",
    rule: Literal["treaty", "leeds", "sabrosky"] = "treaty",
    as_of: Optional[DateLike] = None,
    target: Literal["fulfilment", "honoured"] = "fulfilment",
    recalibrate: Literal["off", "platt", "platt_by_kind"] = "off",
    replicates: Optional[int] = None,
) -> Dict[str, Any]: ...
