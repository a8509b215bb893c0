"""Findings as text, JSON and GitHub annotations (SPEC section 3), or SARIF and Code Climate's JSON
(GitLab's Code Quality), and the counts and shares messages give."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Optional, Sequence

from journeymap.findings import Finding, sort_findings
from journeymap.journey.textsafe import printable, quotes_isolated
from journeymap.outputs import utf8_text


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    """``{"errors": N, "warnings": N}``, each finding counted once as the reports list it (a project
    file's finding reaches every journey under it)."""
    unique = set(findings)
    errors = sum(1 for f in unique if f.is_error)
    return {"errors": errors, "warnings": len(unique) - errors}


def as_text(findings: Sequence[Finding]) -> str:
    """``PATH:LINE:COL: CODE name: message``, one per line, errors first then by position."""
    return "".join(printable(f"{f.path}:{f.line}:{f.column}: {f.code} {f.name}: {f.message}") + "\n"
                   for f in sort_findings(findings))


def as_json(findings: Sequence[Finding]) -> str:
    """The JSON report: version, findings and summary."""
    ordered = sort_findings(findings)
    document = {"version": 1, "findings": [f.as_dict() for f in ordered], "summary": summary(ordered)}
    # a path's lone surrogate (a file name's byte that is not UTF-8) as its JSON escape, not the
    # raw byte the terminal's encoding wrote back: the document stayed UTF-8 JSON
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return utf8_text(text)


def _escape_data(text: str, isolates: bool = False) -> str:
    text = printable(text, keep_lines=True, isolates=isolates)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: ``::error file=P,line=L,col=C,title=CODE::message``."""
    return "".join(github_command("error" if f.is_error else "warning", f.path, f.line, f.column, f.code, f.message)
                   for f in sort_findings(findings))


def github_command(kind: str, path: str, line: int, column: int, title: str, message: str) -> str:
    """One GitHub Actions workflow command (``error``, ``warning`` or ``notice``) for a place in a
    file, its line ended: ``::KIND file=P,line=L,col=C,title=T::message``, escaped as GitHub reads it."""
    # The message is shown in a browser: the names it quotes are isolated, so one in Arabic or
    # Hebrew does not pull the quotes and words beside it into its own direction.
    return (f"::{kind} file={_escape_property(path)},line={line},col={column},title={_escape_property(title)}::"
            f"{_escape_data(quotes_isolated(message), isolates=True)}\n")


def as_sarif(findings: Sequence[Finding]) -> str:
    """SARIF 2.1.0, the static-analysis format code-scanning services read (GitHub's; GitLab's Ultimate):
    one run of journeymap, every check a rule, each finding a result at its file, line and column
    (counted in characters, as every report counts them). An extension of SPEC 3's formats: a CI
    job had only GitHub's workflow commands to annotate with (audit EG)."""
    from journeymap.findings import CODES
    from journeymap.version import __version__

    rules = list(CODES.values())
    index = {rule.code: n for n, rule in enumerate(rules)}
    results = [{"ruleId": f.code, "ruleIndex": index[f.code], "level": f.severity.value,
                "message": {"text": printable(f.message, keep_lines=True)},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(f.path),
                                                    "region": {"startLine": f.line, "startColumn": f.column}}}]}
               for f in sort_findings(findings)]
    driver = {"name": "journeymap", "version": __version__, "semanticVersion": __version__,
              "rules": [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
                         "defaultConfiguration": {"level": r.severity.value}} for r in rules]}
    document = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
                "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}]}
    return utf8_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


#: The Code Quality severity of each of ours: an error makes the journey unusable.
_QUALITY_SEVERITY = {"error": "critical", "warning": "minor"}


def as_codeclimate(findings: Sequence[Finding]) -> str:
    """The Code Climate JSON that GitLab's merge requests read as a Code Quality report
    (``artifacts: reports: codequality``), in every tier, where its SARIF reports need Ultimate
    (audit FX: a GitLab pipeline had no report it could show). Each finding an issue at its file
    and line, with a fingerprint that stays while the finding does: its file, code and message
    (its numbers aside), and which of such findings it is, not its line, which an edit above it
    moves."""
    import hashlib

    issues: list[dict[str, object]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for f in sort_findings(findings):
        # the message without its numbers: W115's count of moments of truth changed with each one
        # mended, and its finding read as fixed and new again (review FY)
        key = (f.path, f.code, re.sub(r"\d+", "#", f.message))
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(json.dumps([*key, seen[key]], ensure_ascii=False).encode("utf-8",
                                                                                              "surrogateescape"))
        issues.append({"type": "issue", "check_name": f.code, "categories": ["Bug Risk" if f.is_error else "Style"],
                       "description": printable(f"{f.code} {f.name}: {f.message}"),
                       "severity": _QUALITY_SEVERITY[f.severity.value], "fingerprint": fingerprint.hexdigest(),
                       "location": {"path": f.path, "lines": {"begin": f.line}}})
    return utf8_text(json.dumps(issues, indent=2, ensure_ascii=False) + "\n")


def _artifact(path: str) -> dict[str, str]:
    """A finding's file as SARIF names it: a relative path as a URI relative to where the command
    ran (the repository's root in CI), an absolute one as a ``file:`` URI.

    >>> _artifact("maps/home claim.journey.yaml"), _artifact("/tmp/a.yaml")
    ({'uri': 'maps/home%20claim.journey.yaml', 'uriBaseId': '%SRCROOT%'}, {'uri': 'file:///tmp/a.yaml'})
    >>> _artifact("x" + chr(0xDCFF) + ".journey.yaml")["uri"]
    'x%FF.journey.yaml'

    """
    from pathlib import PurePath
    from urllib.parse import quote

    # a file name's byte that is not UTF-8 (a lone surrogate here) as its own %XX: it stopped the
    # report with a traceback (audit EO)
    uri = quote(PurePath(path).as_posix(), errors="surrogateescape")
    if PurePath(path).is_absolute():
        return {"uri": "file://" + uri}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


FORMATS = {"text": as_text, "json": as_json, "github": as_github, "sarif": as_sarif, "codeclimate": as_codeclimate}


def counted(n: int, singular: str, plural: Optional[str] = None) -> str:
    """``n`` and its noun, singular for one (the plural defaults to the singular and an s).

    >>> counted(1, "moment of truth", "moments of truth"), counted(2, "hand-off"), counted(0, "error")
    ('1 moment of truth', '2 hand-offs', '0 errors')
    """
    return f"{n} {noun(n, singular, plural)}"


def noun(n: int, singular: str, plural: Optional[str] = None) -> str:
    """The noun for ``n`` of a thing, as :func:`counted` gives it, without the number (a cover's
    tile prints them apart).

    >>> noun(1, "hand-off"), noun(3, "moment of truth", "moments of truth")
    ('hand-off', 'moments of truth')
    """
    return singular if n == 1 else (plural or singular + "s")


def listed(items: Sequence[str]) -> str:
    """Items in a sentence: ``a``, ``a and b``, ``a, b and c``."""
    return " and ".join(items) if len(items) < 3 else f"{', '.join(items[:-1])} and {items[-1]}"


def share_of(count: int, total: int) -> str:
    """``count`` of ``total`` items as a whole percentage, from the counts themselves: halves
    rounded up, and never "100%" unless all nor "0%" unless none (Python's rounding sends halves
    to the even number, so 199 of 200 touch-points reliable read "100% rated reliable", beside the
    one unreliable); a dash when there are none: "0% rated reliable" of a journey or portfolio
    without a touch-point read as a verdict on it (audit BO). From the share rounded to 4
    decimals first, 51 of 101 (50.495 %) read 51 % (audit EP).

    >>> [share_of(c, t) for c, t in ((199, 200), (1, 8), (5, 8), (23, 40), (1, 2500), (3, 3), (0, 3), (51, 101))]
    ['99%', '13%', '63%', '58%', '1%', '100%', '0%', '50%']
    >>> share_of(0, 0)
    '\u2014'
    """
    if not total:
        return "\u2014"
    whole = (200 * count + total) // (2 * total)
    if count < total:
        whole = min(whole, 99)
    if count > 0:
        whole = max(whole, 1)
    return f"{whole}%"


def reading_order(name: str) -> tuple[str, str]:
    """A sort key that puts a name where a reader looks for it: its letters without their accents
    and case first ("Ärztlicher Dienst" among the A's, not after "Zentrale": audit FQ), then the
    name itself, so that the order is the same everywhere.

    >>> sorted(["Zentrale", "Übersetzung", "beratung", "Ärztlich"], key=reading_order)
    ['Ärztlich', 'beratung', 'Übersetzung', 'Zentrale']
    """
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return plain.casefold(), name

