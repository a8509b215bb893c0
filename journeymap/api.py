"""The Python API (SPEC section 8): the pipeline for scripts and notebooks, typed, never printing.

Load a journey, look at what the checks found, and make its outputs::

    >>> import journeymap
    >>> checked = journeymap.loads('''
    ... journeymap: 1
    ... title: Renewing a parking permit
    ... departments: [{name: Web team}, {name: Permits office}]
    ... stages:
    ...   - name: Apply
    ...     touchpoints:
    ...       - {name: Fills in the form, department: web-team, reliability: reliable}
    ...       - {name: Permit checked, department: permits-office, reliability: it-depends}
    ... ''', name="permit.journey.yaml")
    >>> checked.ok, checked.analysis.headline.handoffs, checked.analysis.headline.risky_handoffs
    (True, 1, 1)
    >>> sorted({f.code for f in checked.findings})[:3]
    ['W101', 'W102', 'W103']
    >>> journeymap.export(checked, "mermaid").splitlines()[:2]
    ['journey', '    title Renewing a parking permit']

Bad input never raises; its findings say what is wrong and where::

    >>> broken = journeymap.loads("journeymap: 1\\ntitle: Broken\\ndepartments: 7\\nstages: []\\n")
    >>> broken.ok
    False
    >>> for f in broken.findings:
    ...     print(f.line, f.column, f.code, f.message)
    3 14 E005 departments: expected a list, got a number 7 (write [a, b] or '- a' lines)
    4 9 E005 stages must not be empty; write at least one item

Every function here imports the heavy parts of the pipeline (pydantic, Graphviz's runner, Jinja,
WeasyPrint) only when it is called, so ``import journeymap`` stays cheap.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from journeymap.report import counted

if TYPE_CHECKING:
    from journeymap.map.marks import Marks
    from journeymap.map.render import Rendered
    from journeymap.pipeline import Checked

__all__ = ["JourneyError", "ToolMissing", "ToolFailed", "load", "loads", "render", "render_map", "brief", "export", "diff"]

MAP_FORMATS = ("svg", "png", "pdf", "dot")
EXPORT_FORMATS = ("json", "markdown", "mermaid")
PAGES = ("a4", "letter", "slide", "a3")


class JourneyError(ValueError):
    """A journey with errors was given where a usable one is needed; ``findings`` says why, and
    ``path`` whose they are."""

    def __init__(self, checked: Checked) -> None:
        errors = [f for f in checked.findings if f.is_error]
        first = f": {errors[0].code} at line {errors[0].line}, {errors[0].message}" if errors else ""
        super().__init__(f"{checked.path} has {counted(len(errors), 'error')}{first}")
        self.findings = checked.findings
        self.path = checked.path

    def __reduce__(self) -> tuple[Any, ...]:
        # made again from its message and attributes, not from a Checked: unpickled from its
        # message alone, it failed in the pool that sent it, and a process pool lost every journey
        # (review GB); a subclass stays one, and its notes and attributes come too (review GC)
        return _journey_error, (type(self), self.args), self.__dict__


def _journey_error(kind: type[JourneyError], args: tuple[Any, ...]) -> JourneyError:
    """A :class:`JourneyError` (or a subclass) as it was pickled, before its attributes are set."""
    error = kind.__new__(kind)
    ValueError.__init__(error, *args)
    return error


class ToolMissing(RuntimeError):
    """Graphviz or the PDF engine is missing or failed (the command line's exit status 3); the
    ones that failed are :class:`ToolFailed`."""


class ToolFailed(ToolMissing):
    """Graphviz or the PDF engine is there but failed or ran past the time limit. A kind of
    :class:`ToolMissing`, which was raised for both before (review BM: a caller telling people to
    install Graphviz told them so for a layout that took too long); catch this one first."""


def _graphviz_error(exc: Exception) -> ToolMissing:
    """The API's error for a Graphviz error: missing, or there and failed."""
    from journeymap.map.graphviz import GraphvizMissing

    return (ToolMissing if isinstance(exc, GraphvizMissing) else ToolFailed)(str(exc))


def load(path: Union[str, "os.PathLike[str]"], ignore: Union[str, Iterable[str], None] = frozenset()) -> Checked:
    """Read, validate, analyse and check a journey file. Raises ``OSError`` only when unreadable.

    ``ignore``: warning codes to leave out, as a set or ``"W104,W105"`` (``ValueError`` for an
    unknown code or an error code; None for none). The nearest project file (``journeymap.yaml``) applies.
    """
    from journeymap.pipeline import check_file

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load() takes the journey file's path, not {type(path).__name__}")
    return check_file(os.fspath(path), _codes(ignore))


def loads(text: Union[str, bytes], name: Union[str, "os.PathLike[str]"] = "<string>",
          ignore: Union[str, Iterable[str], None] = frozenset()) -> Checked:
    """Read, validate, analyse and check journey YAML text; findings name the path ``name`` (a
    str or a path object).

    The project file (``journeymap.yaml``) nearest to ``name`` applies, as for a file at that path.
    A name in angle brackets, as the default ``<string>``, names no place, and no project file
    applies: pass the journey's path as ``name`` when it uses a registry's departments.
    """
    from journeymap.pipeline import check_bytes

    if not isinstance(text, (str, bytes)):
        raise TypeError(f"loads() takes the journey's YAML as str or bytes, not {type(text).__name__}")
    if not isinstance(name, (str, os.PathLike)):
        raise TypeError(f"loads() takes the name its findings give as a str or a path, not {type(name).__name__}")
    # surrogatepass: a lone surrogate (no character of its own) becomes bytes the reader reports as E001
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return check_bytes(data, os.fspath(name), _codes(ignore))


def _codes(ignore: Union[str, Iterable[str], None]) -> frozenset[str]:
    """Warning codes to ignore, from a set or ``"W104,W105"`` (None: none); ValueError for unknown
    or error codes."""
    from journeymap.findings import warning_codes

    if ignore is None:
        return frozenset()
    if not isinstance(ignore, str) and not isinstance(ignore, Iterable):
        raise TypeError(f"ignore takes warning codes as a set or \"W104,W105\", not {type(ignore).__name__}")
    return warning_codes(ignore if isinstance(ignore, str) else ",".join(str(code) for code in ignore))


def _usable(checked: Checked, function: str) -> None:
    from journeymap.pipeline import Checked

    if not isinstance(checked, Checked):
        hint = f": journeymap.{function}(journeymap.load(path))" if isinstance(checked, (str, os.PathLike)) else ""
        raise TypeError(f"{function}() takes a journey from journeymap.load() or loads(), not "
                        f"{type(checked).__name__}{hint}")
    if not checked.ok or checked.analysis is None:
        raise JourneyError(checked)


def _seconds(timeout: float) -> None:
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool):  # TypeError, as other wrong types
        raise TypeError(f"timeout must be a number of seconds above 0, not {type(timeout).__name__}")
    if not timeout > 0:
        raise ValueError(f"timeout must be a number of seconds above 0, not {timeout!r}")


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    """``value`` in lower case (as the command line takes ``--format SVG``); ValueError when unknown."""
    lowered = value.lower() if isinstance(value, str) else value
    if lowered not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of {', '.join(allowed)}")
    return lowered


def render_map(checked: Checked, format: str = "svg", *, timeout: float = 120.0,
               marks: Optional[Marks] = None) -> Rendered:
    """The swimlane map with what Graphviz said while drawing it (``.data``, ``.warnings``, and
    ``.notes`` on what was adjusted: flows routed along the gaps between the boxes where Graphviz
    would take too long to route them, a big PDF or PNG kept within its limits)."""
    _usable(checked, "render_map")
    format = _choice(format, MAP_FORMATS, "map format")
    _seconds(timeout)
    from journeymap.map.graphviz import GraphvizError
    from journeymap.map.render import render as render_analysis

    assert checked.analysis is not None
    try:
        return render_analysis(checked.analysis, format, timeout=timeout, marks=marks)
    except GraphvizError as exc:
        raise _graphviz_error(exc) from exc


def render(checked: Checked, format: str = "svg", *, timeout: float = 120.0) -> bytes:
    """The swimlane map as ``svg``, ``png``, ``pdf`` or ``dot`` bytes; :func:`render_map` gives
    what was adjusted to draw it too (a big map's flows routed on the grid, a PDF scaled to 200 in)."""
    _usable(checked, "render")
    return render_map(checked, format, timeout=timeout).data


def brief(checked: Checked, page: str = "a4", html: bool = False, *, timeout: float = 120.0,
          templates: Optional[Path] = None, since: Optional[dict[str, Any]] = None,
          appendix: Optional[bool] = None) -> bytes:
    """The briefing as PDF bytes, or as one self-contained HTML document with ``html=True``.

    ``templates`` is a folder of the team's own templates; ``since`` the "What changed" section;
    ``appendix`` (findings and service inventory) defaults to on for paper (a4, a3, letter), off for slides.
    Raises ``ValueError`` when custom templates fail to render. When the map's flows had to be
    routed on the grid (Graphviz would take longer than 40 % of ``timeout``), that is logged as a
    warning on the ``journeymap.map`` logger, which is silent unless the program gives logging a
    handler (``logging.basicConfig()``); ``journeymap brief`` prints it. So is a printed map too big
    to print in parts (:mod:`journeymap.briefing.printcap`), which the briefing shows as its overview alone.
    """
    _usable(checked, "brief")
    page = _choice(page, PAGES, "page size")
    _seconds(timeout)
    # "no" is a true value: html="no" made an HTML briefing without a word
    if not isinstance(html, bool):
        raise TypeError(f"brief() takes html as True or False, not {type(html).__name__}")
    if appendix is not None and not isinstance(appendix, bool):
        raise TypeError(f"brief() takes appendix as True, False or None (the page's default), not "
                        f"{type(appendix).__name__}")
    from journeymap.briefing.pdf import collection_paused

    with collection_paused():  # from the map on: the PDF's own pause covers WeasyPrint alone
        return _brief(checked, page, html, timeout=timeout, templates=templates, since=since, appendix=appendix)


def _brief(checked: Checked, page: str, html: bool, *, timeout: float, templates: Optional[Path],
           since: Optional[dict[str, Any]], appendix: Optional[bool]) -> bytes:
    from journeymap.briefing.document import BriefingError
    from journeymap.briefing.make import briefing_bytes
    from journeymap.briefing.pdf import PdfEngineMissing, PdfError
    from journeymap.map.graphviz import GraphvizError

    assert checked.analysis is not None
    try:
        return briefing_bytes(checked.analysis, checked.findings, page=page, html=html, timeout=timeout,
                              templates=templates, since=since, appendix=appendix)
    except GraphvizError as exc:
        raise _graphviz_error(exc) from exc
    except BriefingError as exc:
        raise ValueError(str(exc)) from exc
    except PdfEngineMissing as exc:
        raise ToolMissing(str(exc)) from exc
    except PdfError as exc:
        if templates is not None and isinstance(exc.__cause__, RecursionError):  # the team's page, not the engine
            raise ValueError(f"the templates in {templates} nest their HTML too deep to print") from exc
        raise ToolFailed(f"the PDF engine failed: {exc}") from exc


def export(checked: Checked, format: str = "json") -> str:
    """The analysed journey as ``json`` (SPEC's stable document), ``markdown`` (or ``md``, as the
    command line takes it) or ``mermaid``."""
    _usable(checked, "export")
    wanted = "markdown" if isinstance(format, str) and format.lower() == "md" else format
    format = _choice(wanted, EXPORT_FORMATS, "export format")
    assert checked.analysis is not None
    if format == "json":
        from journeymap.exports.json import export_json

        return export_json(checked.analysis, checked.findings)
    if format == "markdown":
        from journeymap.exports.markdown import export_markdown

        return export_markdown(checked.analysis, checked.findings)
    from journeymap.exports.mermaid import export_mermaid

    return export_mermaid(checked.analysis)


def diff(old: Checked, new: Checked) -> dict[str, Any]:
    """What changed for the customer from ``old`` to ``new``: the JSON document of ``journeymap diff``."""
    _usable(old, "diff")
    _usable(new, "diff")
    from journeymap.changes.compare import compare
    from journeymap.changes.diffjson import diff_document

    assert old.analysis is not None and new.analysis is not None
    return diff_document(compare(old.analysis, new.analysis, old.findings, new.findings))
