"""The exceptions of alliance_reliability: one class per variant of the
Rust library's ``Error`` enum, all subclasses of :class:`AllianceError`.

Located errors (:class:`MalformedError`, :class:`MissingColumnError`,
:class:`EmptyInputError`, :class:`UnsupportedFormatError`, :class:`IoError`)
carry ``file``, ``line`` (1-based, or None) and ``field`` (a CSV column or a
JSON path, or None).
"""

from typing import List, Optional


class AllianceError(Exception):
    """Base class of every error the library raises."""

    file: Optional[str] = None
    line: Optional[int] = None
    field: Optional[str] = None
    value: object = None


class InvalidIdError(AllianceError, ValueError):
    """An id is empty, too long or holds a character outside A-Z a-z 0-9 _ - . : /."""

    kind: str = ""


class OutOfRangeError(AllianceError, ValueError):
    """A number (severity, intensity, half-life, setting) is outside its range."""


class ReversedIntervalError(AllianceError, ValueError):
    """A period ends before it starts."""


class SilenceEventError(AllianceError, ValueError):
    """Silence is recorded by recording nothing, never as an event."""


class HostileAgainstError(AllianceError, ValueError):
    """A hostile event names an `against` actor."""


class InvalidTimelineError(AllianceError, ValueError):
    """The timeline's records do not fit together; ``problems`` lists every problem found."""

    problems: List[str] = []


class RejectedError(AllianceError, ValueError):
    """A record added to a ledger was rejected (``problems`` holds the one problem)."""

    problems: List[str] = []


class IncompatibleMergeError(AllianceError, ValueError):
    """Evidence with different half-lives cannot be merged."""


class DateOutOfRangeError(AllianceError, ValueError):
    """A date lies outside the years -9999 to 9999."""


class UnknownActorError(AllianceError, KeyError):
    """No actor has this id (``value``)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class UnknownCrisisError(AllianceError, KeyError):
    """No crisis has this id (``value``)."""

    def __str__(self) -> str:
        return Exception.__str__(self)


class UnknownCommitmentError(AllianceError, KeyError):
    """No commitment has this id (``value``)."""

    def __str__(self) -> str:
        return Exception.__str__(self)


class NotABlocError(AllianceError, ValueError):
    """The actor (``value``) is not a bloc."""


class UnknownNameError(AllianceError, ValueError):
    """A name (obligation, support kind, region, ...) is not one the library knows."""


class MalformedError(AllianceError, ValueError):
    """A bad value in an input: ``file``, ``line``, ``field``, ``value`` and ``reason`` say where and why."""

    reason: str = ""


class MissingColumnError(AllianceError, ValueError):
    """A CSV table lacks a required ``column``."""

    column: str = ""


class EmptyInputError(AllianceError, ValueError):
    """The input holds nothing."""


class UnsupportedFormatError(AllianceError, ValueError):
    """The input is not in a format this reader takes."""


class IoError(AllianceError, OSError):
    """Reading or writing ``file`` failed."""


class TooManyTestsError(AllianceError, MemoryError):
    """The ledger would open more tests than ``max_tests`` allows."""


class InvalidLevelError(AllianceError, ValueError):
    """A credible level outside (0, 1)."""


class RenderError(AllianceError):
    """A plot or page could not be rendered."""


__all__ = [name for name, v in dict(globals()).items() if isinstance(v, type) and issubclass(v, AllianceError)]
