"""The ``index.html`` of a build folder: every journey, its headline numbers, worst findings, links."""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Sequence

from journeymap.version import __version__
from journeymap.analysis.checks import accepted_handoffs
from journeymap.findings import Finding, sort_findings
from journeymap.pipeline import Checked
from journeymap.site.names import output_name
from journeymap.templatecache import packaged_environment
from journeymap.report import share_of

LABELS = {"svg": "Map (SVG)", "png": "Map (PNG)", "pdf": "Briefing (PDF)", "html": "Briefing (HTML)",
          "json": "Data (JSON)", "md": "Summary (Markdown)"}
SHOWN_FINDINGS = 3
PORTFOLIO_LABELS = {"html": "Portfolio: all journeys rolled up", "pdf": "Portfolio (PDF)",
                    "json": "Portfolio (JSON)", "md": "Portfolio (Markdown)"}


def _entry(checked: Checked, formats: Sequence[str], error: str | None, stem: Optional[str] = None) -> dict[str, Any]:
    """One journey's card; its outputs named by ``stem`` (its id when None)."""
    findings = sort_findings(checked.findings)
    # a project file's error says whose line it is: "line 2" read as the journey's own (review EN)
    shown = [{"code": f.code, "severity": f.severity.value, "line": f.line, "message": f.message,
              "where": f"line {f.line}" if f.path == checked.path else f"{os.path.basename(f.path)} line {f.line}"}
             for f in findings[:SHOWN_FINDINGS if error is None else 20]]
    if error is not None or checked.analysis is None or checked.journey is None:
        # the title its file gives, as the other cards are headed (the path alone read as a stranger's)
        title = checked.journey.title if checked.journey else checked.declared[1] or checked.path
        return {"broken": True, "title": title,
                "path": checked.path, "error": error or "the journey has errors", "findings": shown}
    j, h = checked.journey, checked.analysis.headline
    stem = stem or j.id
    from journeymap.journey.language import foreign_language

    # its own words marked with their language: a screen reader read a Japanese title as English (audit FQ)
    return {"broken": False, "id": j.id, "title": j.title, "lang": foreign_language(j), "path": checked.path,
            "owner": j.owner,
            "headline": h, "reliable_pct": share_of(h.reliable, h.touchpoints),
            # as the briefing's cover and the portfolio count them (review FB: "(9 risky)" said nothing of the 3 accepted)
            "risky_accepted": len(accepted_handoffs(checked.analysis)),
            "warnings": sum(1 for f in findings if not f.is_error), "findings": shown,
            "more": max(0, len(findings) - SHOWN_FINDINGS),
            "links": [{"href": output_name(stem, fmt), "label": LABELS[fmt]} for fmt in formats],
            "thumb": output_name(stem, "svg") if "svg" in formats else None}


def _anchors(journeys: list[dict[str, Any]]) -> None:
    """Give each entry a unique ``anchor`` (the page's ids): ``journey-<id>``, numbered on a repeat."""
    used: set[str] = set()
    for number, journey in enumerate(journeys, start=1):
        base = f"journey-{journey['id']}" if not journey["broken"] else f"broken-{number}"
        anchor, n = base, 1
        while anchor in used or f"{anchor}-title" in used:
            n += 1
            anchor = f"{base}-{n}"
        used |= {anchor, f"{anchor}-title"}
        journey["anchor"] = anchor


def render_index(entries: Sequence[tuple[Checked, str | None]], formats: Sequence[str],
                 portfolio: Sequence[str] = (), across: Sequence[Finding] = (),
                 stems: Optional[Mapping[str, str]] = None, organisation: Optional[str] = None) -> str:
    """The index page for ``(checked journey, error or None)`` entries, in the given order.

    ``portfolio`` names the portfolio files of the build (``portfolio.html`` first), linked at the top.
    ``across`` holds the findings about the journeys together (W115), which ``check`` on the folder
    counts: the index left them out and counted one warning fewer than the CI gate.
    ``stems`` gives, by path, what each journey's outputs are named by (its id where it gives none:
    :func:`~journeymap.site.names.output_stems`). ``organisation`` (the project file's) heads the
    page: "Journey maps" alone said nothing of whose they are (audit DC).
    """
    journeys = [_entry(checked, formats, error, (stems or {}).get(checked.path)) for checked, error in entries]
    _anchors(journeys)
    ok = [j for j in journeys if not j["broken"]]
    totals = {"broken": len(journeys) - len(ok), "touchpoints": sum(j["headline"].touchpoints for j in ok),
              "handoffs": sum(j["headline"].handoffs for j in ok),
              "risky": sum(j["headline"].risky_handoffs for j in ok),
              "risky_accepted": sum(j["risky_accepted"] for j in ok),
              "errors": sum(1 for c, _ in entries for f in c.findings if f.is_error),
              "warnings": sum(1 for c, _ in entries for f in c.findings if not f.is_error)}
    totals["errors"] += sum(1 for f in across if f.is_error)
    totals["warnings"] += sum(1 for f in across if not f.is_error)
    shown = [{"code": f.code, "severity": f.severity.value, "path": f.path, "line": f.line, "message": f.message}
             for f in sort_findings(across)]
    env = packaged_environment("site")
    links = [{"href": name, "label": PORTFOLIO_LABELS.get(name.rsplit(".", 1)[1], name)} for name in portfolio]
    return env.get_template("index.html.j2").render(journeys=journeys, totals=totals, portfolio=links, across=shown,
                                                    organisation=organisation,
                                                    generator=f"journeymap {__version__}")
