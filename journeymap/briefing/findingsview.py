"""The appendix's findings as the briefing shows them: rows, groups by check (each fix said once),
counts, and what the journey file's own ``ignore:`` lists leave out."""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from journeymap.analysis.analyse import Analysis
from journeymap.analysis.checks import left_out
from journeymap.findings import CODES, Finding, sort_findings
from journeymap.journey.model import Department, Stage, Touchpoint
from journeymap.journey.textsafe import bracketed
from journeymap.report import counted


def findings_context(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Findings in report order as rows of the findings table."""
    return [{"code": f.code, "name": f.name, "severity": f.severity.value, "message": f.message,
             "line": f.line, "column": f.column} for f in sort_findings(findings)]


def finding_counts(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How many findings of each code (the summary table of a long findings section), in the order
    of :func:`finding_groups` below it (sorted by code, it listed W105 first and its group came last:
    audit AE)."""
    return [{**{k: g[k] for k in ("code", "name", "severity", "summary")}, "count": len(g["rows"])}
            for g in groups]


def left_out_context(analysis: Analysis) -> list[str]:
    """What the journey file's own ``ignore:`` lists leave out, one phrase per check and list: "1
    W110 risky-handoff finding (the ignore: of touch-point “A loss assessor … visits the kitchen”)".
    The cover counted 3 risky hand-offs and the findings 2, with nothing to say why."""
    def holder(element: object) -> str:
        if isinstance(element, Department):
            return f"department {bracketed(element.name)}"
        if isinstance(element, Stage):
            return f"stage {bracketed(element.name)}"
        if isinstance(element, Touchpoint):
            return f"touch-point \u201c{element.name}\u201d"
        return "the journey"

    tally = Counter((code, holder(element)) for code, element in left_out(analysis))
    return [f"{counted(n, f'{code} {CODES[code].name} finding')} (the ignore: of {where})"
            for (code, where), n in tally.items()]


#: A check's group of findings is kept on one page (``keep``) when it has at most this many rows
#: and its findings this many characters, about eight lines on A4: six hand-offs of five lines
#: each, pushed whole to the next page, left the page before it 60 % blank (audit EA).
KEEP_ROWS = 6
KEEP_CHARS = 900


def finding_groups(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings grouped by check, in order of first appearance (errors first, as findings are sorted).

    Each group says once what the check means (``summary``) and, when every one of its messages
    ends in the same advice after a colon, how to fix it (``fix``); each row's ``what`` is then its
    message without that advice. A 500-touch-point journey's 416 findings took 36 pages printed
    one to a row with the advice repeated; grouped they take about a third of that.
    """
    groups: dict[str, dict[str, Any]] = {}
    for f in findings:
        group = groups.setdefault(f["code"], {"code": f["code"], "name": f["name"], "severity": f["severity"],
                                             "summary": CODES[f["code"]].summary, "fix": None, "rows": []})
        group["rows"].append({**f, "what": f["message"]})
    for group in groups.values():
        parts = [r["message"].rpartition(": ") for r in group["rows"]]
        if len(parts) > 1 and all(sep for _, sep, _ in parts) and len({tail for _, _, tail in parts}) == 1:
            group["fix"] = parts[0][2]
            for r, (what, _, _) in zip(group["rows"], parts):
                r["what"] = what
    for group in groups.values():
        group["keep"] = len(group["rows"]) <= KEEP_ROWS and sum(len(r["what"]) for r in group["rows"]) <= KEEP_CHARS
    return list(groups.values())

