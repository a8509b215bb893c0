"""The briefing: a board-ready document built from the analysis, as HTML (then PDF, see :mod:`journeymap.briefing.pdf`).

The template context is plain data (dicts, lists, strings, numbers), built here from the
:class:`~journeymap.analysis.analyse.Analysis`, so templates (ours or a team's ``--templates`` folder,
rendered in a sandbox) never reach the model objects. Every value is autoescaped; the only
:class:`~markupsafe.Markup` is what we draw from the map SVG, after
:func:`~journeymap.briefing.svgsafe.sanitize_svg`: the map, its printed parts and legends, the
screen legend, and our own pan-and-zoom script.

``since`` (for "What changed since REV") is a mapping of this shape, rendered as a section
after the cover when given::

    {"revision": "v1.2",                      # str, shown in the section title
     "given": "v1.2",                         # optional str: the revision as asked for (default:
                                              #   revision; "" when it is the commit's own id)
     "commit": "3f2a9c1 of 28 November 2026, 14:05",  # optional str: the commit it names
     "summary": "2 touch-points added ...",   # optional str
     "regression": False,                     # optional bool
     "rows": [{"change": "added",             # added|removed|changed|improved|regressed|...
               "subject": "Touch-point X",    # what changed
               "detail": "reliability: it-depends -> reliable"}]}   # optional str
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import asdict, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from journeymap.version import __version__
from journeymap.analysis.analyse import Analysis
from journeymap.briefing.context import PAGES, SECTIONS, PageFormat, sections_context
from journeymap.briefing.cover import cover_context, fit_cover, screen_cover
from journeymap.briefing.cracks import cracks_context
from journeymap.briefing.errors import BriefingError
from journeymap.briefing.leadcolumns import COLUMNS, inventory_widths, rest_lines, widths as lead_widths
from journeymap.briefing.tallrows import long_inventory_rows, long_stage_rows
from journeymap.briefing.mappages import map_pages
from journeymap.briefing.scripts import content_policy, panzoom_script
from journeymap.briefing.screenlegend import screen_legend
from journeymap.briefing.svgsafe import inline_markup, sanitize_svg, sanitize_tree
from journeymap.journey.textsafe import names_someone, paired_isolates
from journeymap.map.escape import visible
from journeymap.briefing.teamtemplates import (TEMPLATE_FAILURES, render_budget, render_within, rendered_contents,
                                              said, team_environment, where)
from journeymap.findings import Finding
from journeymap.resources import templates_root
from journeymap.briefing.htmlfilters import add_filters, reader_value
from journeymap.templatecache import OPTIONS, packaged_environment

__all__ = ["PAGES", "SECTIONS", "BriefingError", "PageFormat", "briefing_date", "build_context",
           "make_environment", "render_briefing_html", "sanitize_svg", "since_context"]

TEMPLATE = "briefing.html.j2"


def briefing_date(env: Optional[Mapping[str, str]] = None) -> dt.date:
    """The briefing's date: from ``SOURCE_DATE_EPOCH`` (UTC) when set and valid, else today."""
    from journeymap.map.pdfstamp import source_day

    return source_day(env)


# --- the context ---------------------------------------------------------------------------

def since_context(since: object) -> dict[str, Any]:
    """Normalise the ``since`` object (a mapping or dataclass of the documented shape)."""
    data = asdict(since) if is_dataclass(since) and not isinstance(since, type) else since
    if not isinstance(data, Mapping) or "revision" not in data:
        raise BriefingError("'since' must be a mapping with at least a 'revision' key")
    raw_rows = list(data.get("rows") or ())
    if not all(isinstance(r, Mapping) for r in raw_rows):
        raise BriefingError("'since' rows must be mappings with 'change', 'subject' and 'detail'")
    rows = [{"change": str(r.get("change", "changed")), "subject": str(r.get("subject", "")),
             "detail": None if r.get("detail") is None else str(r["detail"])} for r in raw_rows]
    summary, commit, given = data.get("summary"), data.get("commit"), data.get("given")
    return {"revision": str(data["revision"]), "given": str(data["revision"] if given is None else given),
            "commit": None if commit is None else str(commit),
            "summary": None if summary is None else str(summary),
            "regression": bool(data.get("regression", False)), "rows": rows}


def file_name(path: str) -> str:
    """The journey file's name, as the commands a briefing gives take it ("FILE" for standard
    input), its control characters shown and a direction override in it ended, as the map shows
    names: a U+202E in the file's name printed the rest of the note's command backwards."""
    name = os.path.basename(path)
    return paired_isolates(visible(name)) if name and not name.startswith("<") and name != "-" else "FILE"


def build_context(analysis: Analysis, findings: Iterable[Finding], map_svg: str, *, page: str,
                  date: dt.date, since: object | None = None, appendix: Optional[bool] = None,
                  screen: bool = False, home: Optional[str] = None) -> dict[str, Any]:
    """The whole template context: plain data plus the sanitised map (see the module docstring).

    ``appendix`` (findings and service inventory) defaults to on for a4/letter, off for slides;
    ``screen`` is the HTML briefing (one interactive map) rather than print (map pages and tiles);
    ``home``, the page it links back to (a build's index).
    """
    if page not in PAGES:
        raise BriefingError(f"unknown page format {page!r}; use one of: {', '.join(PAGES)}")
    appendix = page != "slide" if appendix is None else appendix
    context = sections_context(analysis, findings, PAGES[page], appendix=appendix)
    if since is not None:
        since = since_context(since)
        context["sections"].insert(1, {"id": "sec-since", "title": f"What changed since {since['revision']}"})
    tree = sanitize_tree(map_svg)
    from journeymap.journey.language import foreign_language, word_breaks
    from journeymap.map.pdfstamp import long_date

    svg = inline_markup(tree)
    journey = analysis.journey
    pages = [] if screen else map_pages(tree, page, {s.id: s.name for s in journey.stages},
                                        {d.id: d.name for d in journey.departments}, file_name(journey.path))
    legend = screen_legend(tree) if screen else None
    widths = None if screen else inventory_widths(context["inventory"])
    sized = None if screen else {table: lead_widths(table, page, (row["lead"] for row in context[table]))
                                 for table in COLUMNS}
    return {"generator": f"journeymap {__version__}", "page": asdict(PAGES[page]),
            "date": date.isoformat(), "date_long": long_date(date), **context,
            "map_svg": svg, "map_pages": pages, "screen": screen, "appendix": appendix,
            "map_legend": Markup(legend) if legend else None,
            "cracks": cracks_context(analysis, page, screen), "since": since,
            "cover": screen_cover(context["journey"]) if screen else cover_context(context["journey"], page),
            "panzoom": Markup(panzoom_script()) if screen else "", "home": home if screen else None,
            "policy": content_policy() if screen else None,
            # print breaks a long word of a journey in another language by that language's rules
            "hyphenate": None if screen else word_breaks(journey),
            "soft_hyphens": word_breaks(journey) if screen else None,
            # on screen, the journey's own words are marked with the language they are written in
            # (the page's own are English): the ``user`` filter (htmlfilters.user_text)
            "user_lang": foreign_language(journey) if screen else None,
            # a lead column wide enough for the longest word of its leads' names (print's fixed tables)
            "lead_widths": sized,
            "inventory_widths": widths,
            # rows too tall for a page break across pages (their tables then not kept whole)
            "long_rows": set() if screen else long_inventory_rows(context["inventory"], page, widths),
            "long_stages": [False] * len(context["stages"]) if screen else long_stage_rows(context["stages"], page),
            # the departments table is kept whole, or its last rows together, only where they are short
            "owned_lines": None if sized is None else _owned_lines(context["departments"], page, sized["departments"]),
            # the leads' names, kept whole where sentences name them (htmlfilters.names_kept)
            "kept_names": tuple(d.lead for d in journey.departments if d.lead and names_someone(d.lead)),
            # a screen does not break tables across pages: the register is one table, its column
            # heads once (they were repeated before some groups and not others: audit DM)
            **({"handoff_blocks": [{"shared": True, "groups": context["handoff_groups"]}]} if screen else {})}


def _owned_lines(departments: list[dict[str, Any]], page: str, sized: Optional[Mapping[str, float]]) -> list[int]:
    """About how many lines each row of the departments table prints in: its "Touch-points owned"
    (the names, and "and N more, M in all (see the service inventory)" where they are cut:
    _accountability.html.j2), and at least two, a department's name and its layer."""
    more = " and {more} more, {count} in all (see the service inventory)"
    cells = ["; ".join(d["touchpoints"]) + (more.format(**d) if d["more"] else "") for d in departments]
    return [max(2, lines) for lines in rest_lines("departments", page, cells, sized)]


# --- templates -----------------------------------------------------------------------------

_finalize = reader_value  # every ``{{ value }}`` of the briefing (htmlfilters.reader_value)


_ENV_OPTIONS: dict[str, Any] = {**OPTIONS, "finalize": _finalize}


@lru_cache(maxsize=1)
def _packaged_environment() -> Environment:
    return packaged_environment("briefing", finalize=_finalize)


def briefing_templates() -> Path:
    """The packaged briefing templates folder."""
    return templates_root() / "briefing"


def make_environment(templates_dir: Optional[Path] = None) -> Environment:
    """Our trusted environment, or a sandboxed one for a user's folder (missing files fall back)."""
    if templates_dir is None:
        return _packaged_environment()
    if not Path(templates_dir).is_dir():
        if Path(templates_dir).exists():  # a file was "templates folder not found"
            raise BriefingError(f"{templates_dir}: not a folder; the templates are a folder of template files")
        raise BriefingError(f"{templates_dir}: templates folder not found")
    return add_filters(team_environment(Path(templates_dir), briefing_templates(), _ENV_OPTIONS))


def render_briefing_html(analysis: Analysis, findings: Iterable[Finding], map_svg: str, *, page: str = "a4",
                         date: dt.date, templates_dir: Optional[Path] = None, since: object | None = None,
                         appendix: Optional[bool] = None, screen: bool = False, home: Optional[str] = None) -> str:
    """The briefing as one HTML document (stylesheet inlined, map inlined as sanitised SVG).

    ``screen=True`` is the HTML briefing (pan-and-zoom map, script inlined; ``home``, a page it
    links back to); else the print document that WeasyPrint turns into the PDF (map pages, tiles
    when the map is big).
    """
    context = build_context(analysis, findings, map_svg, page=page, date=date, since=since,
                            appendix=appendix, screen=screen, home=home)
    try:
        template = make_environment(templates_dir).get_template(TEMPLATE)
        if templates_dir is None:
            if screen:
                return template.render(context)
            return fit_cover(lambda cover: template.render({**context, "cover": cover}), context["journey"], page,
                             entries=len(context["sections"]))
        # A team's templates may leave a section out or rename it: the contents follow what they wrote.
        # One time budget for all the renders of the briefing (review ER: one a render, six in all).
        with render_budget():
            contents = rendered_contents(render_within(template, context), context["sections"])
            final = {**context, "sections": contents}
            if screen:
                return render_within(template, final)
            return fit_cover(lambda cover: render_within(template, {**final, "cover": cover}), context["journey"],
                             page, Path(templates_dir), entries=len(contents))
    except TEMPLATE_FAILURES as exc:
        if templates_dir is None and not isinstance(exc, TemplateError):
            raise  # our own templates: a bug to see whole
        raise BriefingError(f"briefing template error{where(exc)}: {said(exc)}") from exc
