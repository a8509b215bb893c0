"""``journeymap render``: the swimlane map as SVG, PNG, PDF or DOT.

DOT comes from :mod:`journeymap.map.dot`. A map with labelled flows takes two Graphviz runs: one
routes the edges (``-Tplain`` of the map without text, which routes the same and costs half),
:mod:`journeymap.map.edgelabels` puts each label beside its route, and the second draws the map
with the labels in place; the routes are the same in both runs, as labels are clusters and only
nodes are obstacles to the router. Both runs share one time limit. SVG is tidied so
committed maps do not churn: Graphviz's comments (one names its version) are dropped and
``&#45;`` entities in ids become plain hyphens, as the SPEC's ids are written.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Optional

from journeymap.analysis.analyse import Analysis
from journeymap.map.dot import draw_map
from journeymap.map.edgelabels import place_labels, routes_from_plain
from journeymap.map.graphviz import GraphvizMissing, GraphvizTimeout, run_dot
from journeymap.map.marks import Marks

FORMATS = ("svg", "png", "pdf", "dot")
PNG_DPI = 144.0
# Cairo cannot make images wider or taller than this many pixels.
PNG_MAX_PIXELS = 32000.0
# Graphviz's comments (its version, and each node's and edge's name again) carry nothing the
# <title> elements do not, and 2.43 writes "--" inside them once its "&#45;" is made literal.
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)


@dataclass(frozen=True)
class Rendered:
    """A rendered map and what Graphviz said while making it."""

    data: bytes
    warnings: tuple[str, ...] = ()


def tidy_svg(svg: bytes) -> bytes:
    """Graphviz's SVG without its comments, with literal hyphens."""
    return _COMMENT.sub(b"", svg).replace(b"&#45;", b"-")


def png_dpi(width: float, height: float) -> float:
    """The PNG resolution: sharp on high-DPI screens, within Cairo's size limit."""
    largest = max(width, height, 1.0)
    return round(min(PNG_DPI, PNG_MAX_PIXELS * 72 / largest), 2)


class _Deadline:
    """One time limit for all the Graphviz runs of a map."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left for the next run; :class:`GraphvizTimeout` when none are."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> GraphvizTimeout:
        """The error of a layout that ran past the limit, naming the whole limit."""
        return GraphvizTimeout(f"the Graphviz layout took longer than {self.seconds:g} s and was stopped; "
                               "raise the limit with --timeout or split the journey")


def render(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None) -> Rendered:
    """The map of ``analysis`` in ``fmt`` (one of :data:`FORMATS`), with Graphviz's warnings.

    ``timeout`` bounds the whole layout: both Graphviz runs when flows are labelled.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown map format {fmt!r}; use one of {', '.join(FORMATS)}")
    deadline = _Deadline(timeout)
    try:
        return _render(analysis, fmt, deadline, marks)
    except GraphvizTimeout:
        raise deadline.expired() from None


def _render(analysis: Analysis, fmt: str, deadline: _Deadline, marks: Optional[Marks]) -> Rendered:
    args = ["-Kneato", "-n2"]
    drawing = draw_map(analysis, marks)
    grid = drawing.grid
    warnings: tuple[str, ...] = ()
    wanted = {flow.key: flow.label for flow in analysis.flows if flow.label}
    if not wanted:
        source = drawing.source()
    else:
        try:
            routed = run_dot(drawing.routing_source(), "plain", timeout=deadline.left(), args=tuple(args))
        except GraphvizMissing:
            if fmt != "dot":
                raise
            # DOT needs no Graphviz: without it, labels are left to Graphviz's own placement.
            return Rendered(drawing.source({}).encode("utf-8"))
        anchors = {f"tp-{key}": (box.rect.x, box.rect.y) for key, box in grid.boxes.items() if not box.ghost}
        plain = routes_from_plain(routed.output.decode("utf-8"), grid.height, anchors)
        routes = {(tail[3:], head[3:]): points for tail, head, points in plain}
        source = drawing.source(place_labels(wanted, routes, grid))
        warnings = routed.warnings
    if fmt == "dot":
        return Rendered(source.encode("utf-8"), warnings)
    if fmt == "png":
        args.append(f"-Gdpi={png_dpi(grid.width, grid.height):g}")
    result = run_dot(source, "svg" if fmt == "svg" else f"{fmt}:cairo", timeout=deadline.left(), args=tuple(args))
    data = tidy_svg(result.output) if fmt == "svg" else result.output
    return Rendered(data, tuple(dict.fromkeys(warnings + result.warnings)))


def render_map(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None) -> bytes:
    """The bytes of the map of ``analysis`` in ``fmt``; see :func:`render`."""
    return render(analysis, fmt, timeout=timeout, marks=marks).data
