"""The briefing: a board-ready document built from the analysis, as HTML (then PDF, see :mod:`journeymap.briefing.pdf`).

The template context is plain data (dicts, lists, strings, numbers), built here from the
:class:`~journeymap.analysis.analyse.Analysis`, so templates (ours or a team's ``--templates`` folder,
rendered in a sandbox) never reach the model objects. Every value is autoescaped; the only
:class:`~markupsafe.Markup` is the map SVG, after :func:`sanitize_svg`.

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
import re
import xml.etree.ElementTree as ET
from dataclasses import asdict, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from journeymap.version import __version__
from journeymap.analysis.analyse import Analysis
from journeymap.briefing.context import PAGES, SECTIONS, PageFormat, sections_context
from journeymap.briefing.cover import cover_context, screen_cover
from journeymap.briefing.cracks import cracks_context
from journeymap.briefing.mapgeometry import SVG_NS
from journeymap.briefing.mappages import map_pages
from journeymap.briefing.scripts import content_policy, panzoom_script
from journeymap.briefing.screenlegend import screen_legend
from journeymap.briefing.teamtemplates import (TEMPLATE_FAILURES, render_within, rendered_contents, said,
                                              team_environment, where)
from journeymap.findings import Finding
from journeymap.resources import templates_root
from journeymap.templatecache import CONTROL_CHARS, OPTIONS, add_filters, packaged_environment, reader_value

__all__ = ["PAGES", "SECTIONS", "BriefingError", "PageFormat", "briefing_date", "build_context",
           "make_environment", "render_briefing_html", "sanitize_svg", "since_context"]

TEMPLATE = "briefing.html.j2"


class BriefingError(Exception):
    """The briefing could not be produced (bad template, unsafe or unreadable map SVG, bad page)."""


def briefing_date(env: Optional[Mapping[str, str]] = None) -> dt.date:
    """The briefing's date: from ``SOURCE_DATE_EPOCH`` (UTC) when set and valid, else today."""
    from journeymap.map.pdfstamp import source_day

    return source_day(env)


# --- the map SVG ---------------------------------------------------------------------------

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>", re.IGNORECASE)
_DROP = frozenset({"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler",
                   "set", "animate", "animateMotion", "animateTransform", "discard"})
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_URL = re.compile(r"url\(\s*(?!['\"]?#)[^)]*\)", re.IGNORECASE)
_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _clean_attributes(el: ET.Element) -> None:
    for name in list(el.attrib):
        value = el.attrib.pop(name)
        local = _local(name)
        if name in ("href", _XLINK_HREF):
            if value.strip().startswith("#"):
                el.set("href", value.strip())
            continue
        if local.lower().startswith("on") or (name.startswith("{") and name != _XML_SPACE):
            continue
        el.set(name, _URL.sub("none", value))


def _clean(el: ET.Element) -> None:
    for child in list(el):
        if not isinstance(child.tag, str) or not child.tag.startswith("{" + SVG_NS + "}") \
                or _local(child.tag) in _DROP:
            el.remove(child)
            continue
        _clean(child)
        child.tag = _local(child.tag)
    _clean_attributes(el)
    if _local(el.tag) == "style" and el.text:
        el.text = _URL.sub("none", _IMPORT.sub("", el.text))


def sanitize_svg(svg: str) -> Markup:
    """The SVG made safe to inline, as markup (see :func:`sanitize_tree`)."""
    return inline_markup(sanitize_tree(svg))


def inline_markup(tree: ET.Element) -> Markup:
    """``tree`` as markup for an HTML page, without ``xmlns``: HTML puts an ``<svg>`` in the SVG
    namespace itself, and the namespace's URI read as an outside address in an offline page."""
    attrib = dict(tree.attrib)
    tree.attrib.pop("xmlns", None)
    try:
        return Markup(ET.tostring(tree, encoding="unicode"))
    finally:
        tree.attrib = attrib


def sanitize_tree(svg: str) -> ET.Element:
    """The SVG made safe to inline: no prologue, scripts, foreign objects, handlers or external refs.

    Comments are dropped; the outer ``width``/``height`` are removed so CSS scales the map to the
    page while ``viewBox`` keeps its proportions; an ``id`` already used (Graphviz gives clusters
    the graph's id) is dropped, so every id and PDF anchor is unique. Raises :class:`BriefingError` for non-SVG input.
    """
    try:
        root = ET.fromstring(CONTROL_CHARS.sub("", _PROLOGUE.sub("", svg)).strip())
    except ET.ParseError as exc:
        raise BriefingError(f"the map is not a well-formed SVG document: {exc}") from exc
    if root.tag != "{" + SVG_NS + "}svg":
        raise BriefingError("the map is not an SVG document")
    _clean(root)
    for attribute in ("width", "height", "x", "y"):
        root.attrib.pop(attribute, None)
    root.tag = "svg"
    root.set("xmlns", SVG_NS)
    root.set("class", "journey-map")
    root.set("preserveAspectRatio", "xMidYMid meet")
    seen: set[str] = set()
    for node in root.iter():
        ident = node.get("id")
        if ident is not None and ident in seen:
            del node.attrib["id"]
        elif ident is not None:
            seen.add(ident)
    return root


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
    svg = inline_markup(tree)
    journey = analysis.journey
    pages = [] if screen else map_pages(tree, page, {s.id: s.name for s in journey.stages},
                                        {d.id: d.name for d in journey.departments})
    legend = screen_legend(tree) if screen else None
    return {"generator": f"journeymap {__version__}", "page": asdict(PAGES[page]),
            "date": date.isoformat(), "date_long": f"{date.day} {date:%B %Y}", **context,
            "map_svg": svg, "map_pages": pages, "screen": screen, "appendix": appendix,
            "map_legend": Markup(legend) if legend else None,
            "cracks": cracks_context(analysis, page), "since": since,
            "cover": screen_cover(context["journey"]) if screen else cover_context(context["journey"], page),
            "panzoom": Markup(panzoom_script()) if screen else "", "home": home if screen else None,
            "policy": content_policy() if screen else None}


# --- templates -----------------------------------------------------------------------------

_finalize = reader_value  # every ``{{ value }}`` of the briefing (templatecache.reader_value)


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
            return template.render(context)
        # A team's templates may leave a section out or rename it: the contents follow what they wrote.
        contents = rendered_contents(render_within(template, context), context["sections"])
        return render_within(template, {**context, "sections": contents})
    except TEMPLATE_FAILURES as exc:
        if templates_dir is None and not isinstance(exc, TemplateError):
            raise  # our own templates: a bug to see whole
        raise BriefingError(f"briefing template error{where(exc)}: {said(exc)}") from exc
