"""Measures whether allies keep their promises.

Python bindings of the Rust library ``alliance-reliability``: every score,
test, explanation, import and study is computed by the library; this
package converts arguments and results.

>>> import alliance_reliability as ar
>>> timeline = ar.read("data/examples/sample.timeline.json")   # doctest: +SKIP
>>> a = ar.Ledger(timeline).assess("2026-01-20")                # doctest: +SKIP
>>> a.reliability("RUS").mean                                   # doctest: +SKIP
"""

from ._errors import *  # noqa: F401,F403
from ._errors import __all__ as _error_names
from ._native import (
    Abandonment,
    Assessment,
    Explanation,
    Ledger,
    Reliability,
    Timeline,
    backtest,
    history,
    import_atop,
    import_cow_alliance,
    import_cow_war,
    import_icb,
    import_mid,
    import_ucdp,
    read,
)

__version__ = "0.1.0"

__all__ = [
    "Abandonment",
    "Assessment",
    "Explanation",
    "Ledger",
    "Reliability",
    "Timeline",
    "backtest",
    "history",
    "import_atop",
    "import_cow_alliance",
    "import_cow_war",
    "import_icb",
    "import_mid",
    "import_ucdp",
    "read",
    *_error_names,
]
