"""Findings: the codes of SPEC section 2, one finding type, ordering and suppression."""

from __future__ import annotations

import re
from enum import Enum
from typing import Iterable, Optional, Sequence

from msgspec import Struct


#: How E004 begins for a journey with no departments of its own nor from a registry (a broken
#: registry's journeys are told its errors instead: :mod:`journeymap.journey.validate`).
NO_DEPARTMENTS = "this journey has no 'departments'"


class Severity(str, Enum):
    """How bad a finding is: errors make a journey unusable, warnings are CX-practice checks."""

    ERROR = "error"
    WARNING = "warning"

    # Python 3.11 formats a (str, Enum) member as "Severity.ERROR" (audit FF); StrEnum, which
    # formats it as its value, came in 3.11 and pyproject.toml allows 3.10
    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class Code(Struct, frozen=True):
    """A stable finding code with its name and severity."""

    code: str
    name: str
    severity: Severity
    summary: str


_TABLE: tuple[tuple[str, str, str], ...] = (
    ("E001", "yaml-syntax", "the file is not valid YAML or not UTF-8"),
    ("E002", "duplicate-key", "a mapping repeats a key"),
    ("E003", "unknown-field", "a key the format does not define (and not x-...)"),
    ("E004", "missing-field", "a required key is absent"),
    ("E005", "invalid-value", "wrong type, or a value outside its allowed set, range or pattern"),
    ("E006", "duplicate-id", "two departments, stages or touch-points share an id"),
    ("E007", "unknown-reference", "department or next names an id that is not defined"),
    ("E008", "unsupported-version", "journeymap is not 1"),
    ("E009", "input-too-large", "a limit of the format is exceeded"),
    ("E010", "registry-conflict", "a journey redefines a registry department with different fields"),
    ("W101", "journey-without-owner", "no journey owner"),
    ("W102", "department-without-lead", "a department that owns touch-points has no lead"),
    ("W103", "stage-without-owner", "a stage has no owner"),
    ("W104", "stage-without-feedback", "a stage has no feedback"),
    ("W105", "unrated-touchpoint", "a touch-point's reliability is unknown"),
    ("W106", "unreliable-moment-of-truth", "a moment of truth is rated it-depends or unreliable"),
    ("W107", "unmeasured-moment-of-truth", "a moment of truth has no metric"),
    ("W108", "moment-of-truth-without-expectation", "a moment of truth has no expectation"),
    ("W109", "moments-of-truth-count", "no moment of truth, or more than 20"),
    ("W110", "risky-handoff", "a hand-off leads into a touch-point rated it-depends or unreliable"),
    ("W111", "handoff-heavy-stage", "a stage holds more than 3 hand-offs"),
    ("W112", "unexplained-it-depends", "a touch-point rated it-depends has no depends_on"),
    ("W113", "unreachable-touchpoint", "a touch-point cannot be reached from the first one"),
    ("W114", "empty-stage", "a stage has no touch-points"),
    ("W115", "portfolio-moments-of-truth", "a portfolio holds fewer or more moments of truth than its bounds"),
)

CODES: dict[str, Code] = {
    code: Code(code, name, Severity.ERROR if code.startswith("E") else Severity.WARNING, summary)
    for code, name, summary in _TABLE
}
WARNING_CODES: frozenset[str] = frozenset(c for c in CODES if c.startswith("W"))


#: How a check code is written in an ``ignore`` list (the file format's pattern).
CHECK_CODE = r"^[EWew][0-9]{3}$"


class Finding(Struct, frozen=True):
    """One problem found in one file, at the 1-based line and column of the node it is about."""

    code: str
    message: str
    path: str
    line: int
    column: int
    #: What the finding is about beyond its element, where one element can have several: a risky
    #: hand-off's source ("from <id>") at the touch-point it lands on. ``diff`` matches findings
    #: by it; it is not printed, but two findings differing only in it are two (two risky
    #: hand-offs from namesakes: review V).
    subject: str = ""

    @property
    def name(self) -> str:
        """The stable name of the code, e.g. ``risky-handoff``."""
        return CODES[self.code].name

    @property
    def severity(self) -> Severity:
        """Error or warning, fixed by the code."""
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        """True for E-codes."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[int, str, int, int, str, str]:
        """Errors first, then by file and position, then by code and message."""
        return (0 if self.is_error else 1, self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        """The JSON form of SPEC section 3."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }


def code_named(name: str) -> Optional[str]:
    """The code whose stable name ``name`` is (``risky-handoff``: W110; case, spaces and
    underscores aside), or None.

    >>> code_named("risky-handoff"), code_named("Risky handoff"), code_named("risky")
    ('W110', 'W110', None)
    """
    key = "-".join(name.strip().lower().replace("_", " ").split())
    return next((c.code for c in CODES.values() if c.name == key), None)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order (errors first, then by position), duplicates removed."""
    return sorted(set(findings), key=Finding.sort_key)


def _ignore_problem(code: str) -> Optional[str]:
    """Why ``code`` (upper case) cannot be in a file's ``ignore`` list, or None when it can."""
    if code not in CODES:
        return f"{code!r} is not a journeymap check code; codes are E001-E010 and W101-W115"
    if not code.startswith("W"):
        return f"{code!r} is an error, and errors cannot be ignored; only warnings (W101-W115) can"
    return None


def ignore_problems(codes: Iterable[str]) -> list[str]:
    """What is wrong with an ``ignore`` list (a journey's or a registry department's), code by code
    in code order; empty when every code may be ignored."""
    return [p for p in map(_ignore_problem, sorted({c.upper() for c in codes})) if p]


def besides(found: Sequence[Finding], more: Iterable[Finding]) -> list[Finding]:
    """``more`` without the findings at a line and column ``found`` already reports: a value the
    reader refused (a bad tag, then read as text) is not reported again by validation."""
    taken = {(f.line, f.column) for f in found}
    return [f for f in more if (f.line, f.column) not in taken]


def parse_codes(text: str) -> frozenset[str]:
    """Parse a list of codes apart by commas or spaces (``W104,W105``, ``"W104 W105"``: told as
    one unknown code "W110 W106", review DY); raise ValueError for unknown ones."""
    codes = {part.upper() for part in re.split(r"[,\s]+", text) if part}
    unknown = sorted(codes - set(CODES))
    if unknown:
        named = [f"{name.lower()} is {code}" for name in unknown if (code := code_named(name))]
        raise ValueError(f"unknown check code(s): {', '.join(unknown)}; known codes are E001-E010 and W101-W115"
                         + (f" ({', '.join(named)})" if named else ""))
    return frozenset(codes)


def warning_codes(text: str) -> frozenset[str]:
    """The codes of an ``--ignore``/``ignore=`` list (``W104,W105``); ValueError for an unknown
    code or an error code (errors cannot be ignored)."""
    codes = parse_codes(text)
    errors = sorted(code for code in codes if code.startswith("E"))
    if errors:
        raise ValueError(f"errors cannot be ignored ({', '.join(errors)}); only W-codes can")
    return codes
