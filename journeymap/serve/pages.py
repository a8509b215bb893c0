"""The live preview's HTML pages (Jinja templates in ``templates/serve/``) and their security policy.

Pages are self-contained: the stylesheet and the one script (pan and zoom, then the live
updates) are inlined, and the Content-Security-Policy lets only that script run (by its hash)
and the page talk only to its own server. The map is our SVG, sanitised and inlined.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from jinja2 import Environment
from markupsafe import Markup

from journeymap.findings import Finding
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.briefing.scripts import inline_script, script_source
from journeymap.journey.regularfile import read_regular
from journeymap.journey.yamlparse import source_lines
from journeymap.serve.result import CONTEXT_LINES, Result
from journeymap.serve.watch import serves_one_file
from journeymap.version import __version__
from journeymap.templatecache import packaged_environment
from journeymap.report import share_of
from journeymap.outputs import lies_within

LINE_CHARS = 240
SCRIPTS = ("panzoom.js", "serve/serve.js")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return packaged_environment("serve", "")


def script() -> str:
    """The page script: the pan-and-zoom script, then the live-update script."""
    return inline_script(*SCRIPTS)


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    """No external loads at all; only our inlined script runs; requests go to this server only."""
    return ("default-src 'none'; "
            f"script-src {script_source(script())}; style-src 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


#: Where a tab in a quoted line reaches, as YAML's own error messages count it.
TAB = 8


def shown_line(text: str) -> tuple[str, int]:
    r"""``text`` as the page quotes it, each tab an arrow padded to the next :data:`TAB` stop, and
    how many cells of the monospace font it takes (a wide CJK letter two). The browser drew a tab
    to its own stop while the caret counted it as one space, 5 letters left of the error (audit EJ).

    >>> shown_line("a\tb")
    ('a→      b', 9)
    """
    out, cells = [], 0
    for ch in text:
        if ch == "\t":
            step = TAB - cells % TAB
            out.append("\u2192" + " " * (step - 1))
            cells += step
        else:
            out.append(ch)
            cells += _cells(ch)
    return "".join(out), cells


def _cells(ch: str) -> int:
    """The cells of a monospace font a character takes: two for a wide one, none for a mark set on
    the letter before, a format character or a control (review ER: the caret drifted past them)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf", "Cc"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def snippet(lines: Sequence[str], line: int, column: int) -> list[dict[str, Any]]:
    """The source lines around ``line`` (1-based), the finding's line marked, with a caret at ``column``."""
    first = max(1, line - CONTEXT_LINES)
    last = min(len(lines), line + CONTEXT_LINES)
    rows = [{"number": n, "text": shown_line(lines[n - 1][:LINE_CHARS])[0], "target": n == line}
            for n in range(first, last + 1)]
    for row in rows:
        if row["target"]:
            before = lines[line - 1][:max(0, min(column - 1, LINE_CHARS))]
            row["caret"] = " " * shown_line(before)[1] + "^"
    return rows


def _finding(finding: Finding, path: str, lines: Sequence[str],
             other: Callable[[str], Sequence[str]] = lambda _: ()) -> dict[str, Any]:
    """A finding as the page lists it; one in another file (the project file) names that file and
    quotes the lines ``other`` gives of it (none for a file outside the served folder)."""
    own = finding.path == path
    quoted = lines if own else other(finding.path)
    return {"code": finding.code, "name": finding.name, "severity": finding.severity.value,
            "path": finding.path, "elsewhere": not own, "line": finding.line, "column": finding.column,
            "message": finding.message, "source": snippet(quoted, finding.line, finding.column) if quoted else []}


def _project_lines(root: Optional[str]) -> Callable[[str], Sequence[str]]:
    """The lines of a project file the page may quote: one under the served folder (nothing
    outside it is served), read once per page."""
    read: dict[str, Sequence[str]] = {}

    def lines(path: str) -> Sequence[str]:
        if path not in read:
            read[path] = ()
            if root and os.path.basename(path) in PROJECT_FILE_NAMES and lies_within(path, root):
                try:
                    read[path] = source_lines(read_regular(path).decode("utf-8", errors="replace"))
                except OSError:
                    pass
        return read[path]
    return lines


def _headline(result: Result) -> dict[str, Any] | None:
    analysis = result.checked.analysis
    if analysis is None:
        return None
    h = analysis.headline
    return {"touchpoints": h.touchpoints, "departments": h.departments, "stages": h.stages,
            "handoffs": h.handoffs, "risky_handoffs": h.risky_handoffs, "moments_of_truth": h.moments_of_truth,
            "reliable": share_of(h.reliable, h.touchpoints)}


def _status(result: Result) -> str:
    if result.problem is not None:
        return "problem"
    if result.errors:
        return "stale" if result.stale else "broken"
    return "ok"


def _entry(result: Result) -> dict[str, Any]:
    journey = result.checked.journey
    return {"id": result.id, "title": result.title, "lang": result.lang, "path": result.path,
            "owner": journey.owner if journey else None,
            "headline": _headline(result), "errors": result.errors, "warnings": result.warnings,
            "status": _status(result), "stale": result.stale, "problem": result.problem,
            "map_version": result.map_version, "version": result.version,
            # two files with one journey id: this one is served under another address (state.py)
            "shared": journey.id if journey is not None and journey.id != result.id else None,
            "errors_elsewhere": ", ".join(result.checked.errors_elsewhere)}



@lru_cache(maxsize=16)
def inline_map(svg: bytes) -> tuple[Optional[Markup], Optional[Markup]]:
    """The map made safe to inline (the briefing's sanitiser), and its legend for under the viewer,
    as the HTML briefing sets it (:mod:`journeymap.briefing.screenlegend`: inside the map opened
    whole, its words were 4 px high); (None, None) for a map that cannot be read. The map is read
    once for both, and kept for the pages asked for next."""
    from journeymap.briefing.errors import BriefingError
    from journeymap.briefing.screenlegend import screen_legend
    from journeymap.briefing.svgsafe import inline_markup, sanitize_tree

    try:
        tree = sanitize_tree(svg.decode("utf-8"))
    except (BriefingError, UnicodeDecodeError):
        return None, None
    inlined = inline_markup(tree)
    legend = screen_legend(tree)
    return inlined, Markup(legend) if legend else None


def _broken_projects(results: Sequence[Result]) -> list[dict[str, Any]]:
    """Each project file with errors, and how many: the index names it as the cause of its
    journeys' errors (every one of them showed errors, and nothing said why)."""
    told: dict[str, set[tuple[int, int, str]]] = {}
    for r in results:
        for f in r.checked.findings:
            if f.is_error and f.path != r.checked.path and os.path.basename(f.path) in PROJECT_FILE_NAMES:
                told.setdefault(f.path, set()).add((f.line, f.column, f.code))
    return [{"path": path, "errors": len(found)} for path, found in sorted(told.items())]


def index_page(results: Sequence[Result], root: str, skipped: Sequence[str] = ()) -> str:
    """``GET /``: every journey with its headline numbers and finding counts, and a word on a
    project file with errors and on each file ``skipped`` that looks like a journey and is not
    one (``journey-map: 1``: it was said in the terminal alone, audit FL)."""
    return _environment().get_template("index.html.j2").render(
        journeys=[_entry(r) for r in sorted(results, key=lambda r: _natural(r.checked.path))],
        projects=_broken_projects(results), root=shown_root(root), near_misses=_near_misses(skipped, root),
        single=serves_one_file(root),
        script=script(), generator=f"journeymap {__version__}")


def _near_misses(skipped: Sequence[str], root: str) -> list[dict[str, str]]:
    """The files of ``skipped`` that look like journeys and are not, each with why, by their paths
    in the folder ``root`` (links leading out of it are the terminal's to tell)."""
    from journeymap.pipeline import near_miss

    found = [(path, near_miss(Path(path))) for path in skipped if not os.path.islink(path) and os.path.isfile(path)]
    inside = os.path.isdir(root)
    return [{"path": os.path.relpath(path, root) if inside else path, "why": why} for path, why in found
            if why is not None]


def _natural(path: str) -> list[tuple[int, str]]:
    """A path's sort key with its numbers as numbers: j1, j2, ... j10, not j1, j10, j11, ... j2 (audit FL)."""
    # isdecimal, not isdigit: "²" is a digit that int() does not read (review FP: the index failed)
    return [(int(part), "") if part.isdecimal() else (-1, part.casefold()) for part in re.split(r"(\d+)", path)]


def shown_root(root: str) -> str:
    """The watched folder as the index names it: as given, but the current folder by its name
    ("Journeys in ." said nothing: audit AP)."""
    if os.path.normpath(root) not in (".", ""):
        return root
    return os.path.basename(os.path.abspath(root)) or os.path.abspath(root)


def missing_page(ident: str, root: str) -> str:
    """``GET /j/<id>`` of an id no journey has (yet): says so, links to the index, and opens the
    journey by itself when a file of that id is read (a new file's first drawing takes a few
    seconds, and a bare "not found" stayed one: audit AF)."""
    return _environment().get_template("missing.html.j2").render(
        ident=ident, root=shown_root(root), script=script(), generator=f"journeymap {__version__}")


def journey_page(result: Result, root: Optional[str] = None) -> str:
    """``GET /j/<id>``: the map (pan and zoom), its status and the findings with their source
    lines (a project file's too, when it lies under the served folder ``root``)."""
    svg, legend = inline_map(result.svg) if result.svg is not None else (None, None)
    lines = source_lines(result.source)
    other = _project_lines(root)
    from journeymap.journey.losttext import notes_of

    notes = [{"line": n.line, "column": n.column, "message": n.message(), "source": snippet(lines, n.line, n.column)}
             for n in notes_of(result.checked.path, result.checked.findings, lambda: result.source)]
    return _environment().get_template("journey.html.j2").render(
        j=_entry(result), svg=svg, legend=legend, findings=[_finding(f, result.checked.path, lines, other)
                                             for f in result.checked.findings],
        notes=notes, script=script(), generator=f"journeymap {__version__}")
