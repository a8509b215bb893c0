"""``journeymap render``: the swimlane map as SVG, PNG, PDF or DOT.

DOT comes from :mod:`journeymap.map.dot`. A map with labelled flows takes two Graphviz runs: one
routes the edges (``-Txdot -Tplain`` of the map without text, which routes the same and costs half),
:mod:`journeymap.map.edgelabels` puts each label beside its route, and the second draws the map
with the labels in place; the routes are the same in both runs, as labels are clusters and only
nodes are obstacles to the router, so the second run is handed them as each edge's ``pos`` and
does not route again (:mod:`journeymap.map.pinroutes`). Both runs share one time limit. SVG is tidied so
committed maps do not churn: Graphviz's comments (one names its version) are dropped and
``&#45;`` entities in ids become plain hyphens, as the SPEC's ids are written.
"""

from __future__ import annotations

import re
import time
from typing import Optional

from msgspec import Struct

from journeymap.analysis.analyse import Analysis
from journeymap.map.dot import MapDrawing, draw_map
from journeymap.map.edgelabels import Key, Placed, place_labels, routes_from_plain
from journeymap.map.formatlimits import pdf_scale, print_note as _print_note, size_notes as _size_notes
from journeymap.map.gridroutes import POSTS_COST, grid_routes, routing_estimate
from journeymap.map.gridruns import runs_on_grid
from journeymap.map.guards import ENDS
from journeymap.map.pinroutes import edge_positions, split_layouts
from journeymap.map.graphviz import (TIMEOUT_ADVICE, GraphvizFailed, GraphvizMissing, GraphvizResult, GraphvizTimeout,
                                     run_dot)
from journeymap.map.marks import Marks
from journeymap.map.nudge import nudge
from journeymap.journey.textsafe import printable
from journeymap.map.pdfstamp import stamp_pdf_dates, with_title
from journeymap.map.titles import retitle

FORMATS = ("svg", "png", "pdf", "dot")
#: From this many boxes on, a map is routed without the guards' posts, which cost big maps most of
#: their routing time, and its runs along grid lines are moved off them (:mod:`journeymap.map.nudge`).
NUDGE_FROM = 150
#: A map whose routing is estimated to take longer than this (seconds; see
#: :func:`~journeymap.map.gridroutes.routing_estimate`) is routed in a run of its own even without
#: labels, and then drawn as routed: when the one run that routes and draws ran a flow along a grid
#: line, the map had to be routed a second time (100 touch-points whose flows cross many lanes:
#: 6.9 s, twice). Every example and fixture lies far below (0.2 s at most).
ONE_RUN_UP_TO = 1.0
# Graphviz's comments (its version, and each node's and edge's name again) carry nothing the
# <title> elements do not, and 2.43 writes "--" inside them once its "&#45;" is made literal.
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)


class Rendered(Struct, frozen=True):
    """A rendered map, what Graphviz said while making it (``warnings``: never anything for a valid
    journey, SPEC 4.1) and what journeymap adjusted to keep a big map within its format's limits
    (``notes``: a PDF scaled to 200 in, a PNG's resolution lowered)."""

    data: bytes
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


#: Where Graphviz closes one piece of the emotion curve and opens the next (a long curve is
#: several edges: Graphviz reads no quoted string over 16 KB): joined, the curve is one group.
_CURVE_JOIN = re.compile(rb'</g>\n<g id="emotion-curve\.\d+" class="edge emotion-curve">\n<title>[^<]*</title>\n')


#: A blueprint line as Graphviz draws it: a cluster of no height, a polygon that runs out along
#: the line and back. Dashed, the way back lays its dashes over the way out's gaps (solid when
#: the map's width is a multiple of the dash pattern), so the line is drawn once, as a polyline.
_RULE = re.compile(rb'(<g id="rule-[a-z]+-\d+" class="cluster blueprint-line [a-z]+">\n<title>[^<]*</title>\n)'
                   rb'<polygon ([^>]*?)points="([-\d.]+),([-\d.]+) [^"]*? ([-\d.]+),\4 [-\d.]+,\4"/>')


def tidy_svg(svg: bytes) -> bytes:
    """Graphviz's SVG without its comments, with literal hyphens, the emotion curve one group and
    each blueprint line drawn once (:data:`_RULE`)."""
    svg = _CURVE_JOIN.sub(b"", _COMMENT.sub(b"", svg).replace(b"&#45;", b"-"))
    return _RULE.sub(rb'\1<polyline \2points="\3,\4 \5,\4"/>', svg)


class _Deadline:
    """One time limit for all the Graphviz runs of a map."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    @property
    def routing(self) -> float:
        """The seconds Graphviz may spend routing the flows round the boxes (:data:`ROUTE_SHARE`)."""
        return self.seconds * ROUTE_SHARE

    def left(self) -> float:
        """Seconds left for the next run; :class:`GraphvizTimeout` when none are."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise self.expired()
        return left

    def expired(self) -> GraphvizTimeout:
        """The error of a layout that ran past the limit, naming the whole limit."""
        return GraphvizTimeout(f"the Graphviz layout took longer than {self.seconds:g} s and was stopped; "
                               f"{TIMEOUT_ADVICE}")


def render(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None,
           names_again: bool = True) -> Rendered:
    """The map of ``analysis`` in ``fmt`` (one of :data:`FORMATS`), with Graphviz's warnings.

    ``timeout`` bounds the whole layout: both Graphviz runs when flows are labelled. With
    ``names_again`` off, a wide map's lane names are not drawn again further right (the printed
    briefing's parts have their own).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown map format {fmt!r}; use one of {', '.join(FORMATS)}")
    deadline = _Deadline(timeout)
    try:
        return _render(analysis, fmt, deadline, marks, names_again)
    except GraphvizTimeout:
        raise deadline.expired() from None


def _render(analysis: Analysis, fmt: str, deadline: _Deadline, marks: Optional[Marks],
            names_again: bool = True) -> Rendered:
    args = ["-Kneato", "-n2"]
    drawing = draw_map(analysis, marks, names_again)
    wanted = {flow.key: flow.label for flow in analysis.flows if flow.label}
    share = deadline.routing
    ends = drawing.edge_ends()
    bare = routing_estimate(drawing.grid, ends)
    # A small map is routed with the guards' posts, unless they would make routing too slow: then as
    # a big one is, its runs moved off the grid lines after (one touch-point more went from the grid
    # to Graphviz: review ET). The same for every format, so DOT and SVG place labels alike.
    posts = len(drawing.grid.boxes) < NUDGE_FROM and bare * POSTS_COST <= share
    if bare > share:
        return _on_the_grid(drawing, ends, fmt, deadline, args, wanted)
    if not wanted and posts and (fmt == "dot" or (fmt == "svg" and bare * POSTS_COST <= ONE_RUN_UP_TO)):
        # One run: Graphviz routes and draws. Should it run a flow along a grid line (rare; see
        # journeymap.map.gridruns), the map is routed first and the run moved off, as below.
        source = drawing.source()
        if fmt == "dot":
            return Rendered(_dot_file(source))
        drawn = _draw(drawing, source, fmt, deadline, args, None)
        if not runs_on_grid(drawn.data):
            return drawn
    routing = drawing.routing_source(posts=posts)
    try:
        try:
            routed = _route(routing, args, deadline)
        except GraphvizFailed:
            # Should the xdot writer ever fail, route as before: plain alone, nothing pinned.
            routed = run_dot(routing, "plain", timeout=deadline.left(), args=tuple(args))
    except GraphvizMissing:
        if fmt != "dot":
            raise
        # DOT needs no Graphviz: without it, labels are left to Graphviz's own placement.
        return Rendered(_dot_file(drawing.source({})))
    if routed is None:
        return _on_the_grid(drawing, ends, fmt, deadline, args, wanted)
    xdot, plain_text = split_layouts(routed.output.decode("utf-8"))
    labels = _labels(drawing, wanted, plain_text) if wanted else None
    # The final run draws the routes of this one, moved off the grid lines. A DOT output stays
    # unrouted where neato -n2 routes it as this run did, with the guards' posts; routed without
    # them, it carries the routes, or neato -n2 routed it again with the posts, unlike the SVG and
    # up to 11 times slower (review EU).
    pinned = {} if fmt == "dot" and posts else _pinned(xdot, routing)
    if pinned:
        pinned = _off_the_lines(drawing, pinned)
    source = drawing.source(labels, pinned)
    if fmt == "dot":
        return Rendered(_dot_file(source), routed.warnings)
    drawn = _draw(drawing, source, fmt, deadline, args, labels)
    return Rendered(drawn.data, tuple(dict.fromkeys(routed.warnings + drawn.warnings)), drawn.notes)


def _off_the_lines(drawing: MapDrawing, pinned: dict[str, str]) -> dict[str, str]:
    """``pinned`` routes with their runs along a lane's or a column's edge moved off it."""
    grid = drawing.grid
    return nudge(pinned, [grid.height - y for b in grid.bands for y in (b.y0, b.y1)],
                 [x for col in grid.columns for x in (col.x0, col.x1)])


#: The share of the time limit Graphviz may spend routing the flows around the boxes. A valid
#: journey must lay out within the limit (SPEC 5), and Graphviz's orthogonal router has none of
#: its own: 2,000 touch-points in 200 lanes chosen at random, each flow crossing some 60 lanes,
#: took over 120 s. Past this share the flows are routed on the grid (:mod:`journeymap.map.gridroutes`).
ROUTE_SHARE = 0.4


def _route(routing: str, args: list[str], deadline: _Deadline) -> Optional[GraphvizResult]:
    """The routing run's ``xdot`` and ``plain`` layouts; ``None`` when routing took longer than
    :data:`ROUTE_SHARE` of the limit."""
    try:
        return run_dot(routing, "xdot", timeout=min(deadline.left(), deadline.routing), args=(*args, "-Tplain"))
    except GraphvizTimeout:
        deadline.left()  # the whole limit spent: its own error
        return None


def tell(note: str) -> None:
    """Say ``note`` on the map's logger, ``journeymap.map``, to whoever listens there (``brief`` and
    ``build``, whose maps are inside their briefings); never printed otherwise (logging's last
    resort would write it to stderr)."""
    import logging  # only a map with something to say pays for it

    log = logging.getLogger("journeymap.map")
    if log.hasHandlers():
        log.warning(note)


def _on_the_grid(drawing: MapDrawing, ends: list[tuple[str, str, str]], fmt: str, deadline: _Deadline,
                 args: list[str], wanted: dict[Key, str]) -> Rendered:
    """The map with its flows routed on the grid (:mod:`journeymap.map.gridroutes`), and a note
    that says so: Graphviz took too long to route them round the boxes. ``ends`` are the drawing's
    :meth:`~journeymap.map.dot.MapDrawing.edge_ends`."""
    share = deadline.routing
    positions, corners = grid_routes(drawing.grid, ends)
    flows, lanes = len(ends), len(drawing.grid.bands)
    note = (f"the {flows:,} flows are routed along the gaps between the boxes, not each by its shortest way: "
            f"Graphviz would take longer than {share:g} s to route so many flows across {lanes:,} lanes "
            f"({ROUTE_SHARE:.0%} of the time limit; raise it with --timeout, or split the journey)")
    tell(note)
    keys = {edge: (source, target) for edge, source, target in ends}
    labels = place_labels(wanted, {keys[e]: points for e, points in corners.items() if e in keys}, drawing.grid) \
        if wanted else None
    # These routes keep off the grid's lines by themselves (moved off them, 8,000 took 16 s). The
    # DOT has them too, so that neato -n2 draws it without the router this avoids (review ET).
    source = drawing.source(labels, positions)
    if fmt == "dot":
        return Rendered(_dot_file(source), (), (note,))
    drawn = _draw(drawing, source, fmt, deadline, args, labels)
    return Rendered(drawn.data, drawn.warnings, (note, *drawn.notes))


#: Said inside a DOT output: the boxes and lanes are pinned, which only neato -n2 keeps
#: (plain ``dot`` lays the graph out afresh, as one column without lanes). A small map's flows are
#: not pinned: neato -n2 routes them as our own run did; a big map's carry their routes (review
#: EV: "every position is pinned" said more than a small map's DOT holds).
DOT_NOTE = ("  // journeymap map: draw with  neato -n2 -Tsvg FILE.dot -o FILE.svg  (boxes and lanes are pinned "
            "where journeymap placed them; plain dot would lay the map out afresh)\n")


def _dot_file(source: str) -> bytes:
    first, _, rest = source.partition("\n")  # after `digraph "journeymap" {`
    return f"{first}\n{DOT_NOTE}{rest}".encode("utf-8")


def _labels(drawing: MapDrawing, wanted: dict[Key, str], plain_text: str) -> dict[Key, Placed]:
    """The flow labels placed beside the routes of the routing run."""
    grid = drawing.grid
    anchors = {f"tp-{key}": (box.rect.x, box.rect.y) for key, box in grid.boxes.items() if not box.ghost}
    plain = routes_from_plain(plain_text, grid.height, anchors)
    routes = {(tail[3:], head[3:]): points for tail, head, points in plain}
    return place_labels(wanted, routes, grid)


def _draw(drawing: MapDrawing, source: str, fmt: str, deadline: _Deadline, args: list[str],
          labels: Optional[dict[Key, Placed]]) -> Rendered:
    """The final Graphviz run: ``source`` drawn in ``fmt``, within the size limits of PNG and PDF."""
    grid = drawing.grid
    extra, notes = _size_notes(fmt, grid.width, grid.height)
    result = run_dot(source, "svg" if fmt == "svg" else f"{fmt}:cairo", timeout=deadline.left(),
                     args=(*args, *extra))
    data = retitle(tidy_svg(result.output), drawing.tooltips(labels)) if fmt == "svg" else result.output
    if fmt == "pdf":
        data = stamp_pdf_dates(data)  # Cairo stamps the current time: SOURCE_DATE_EPOCH instead
        data = with_title(data, printable(drawing.analysis.journey.title))
        # a map scaled down prints smaller still: both are said, at the size it prints (review FY)
        notes = (*notes, *_print_note(data, pdf_scale(grid.width, grid.height)))
    return Rendered(data, result.warnings, notes)


def _pinned(xdot: str, routing: str) -> dict[str, str]:
    """Every edge's route from the routing run's ``xdot``, or none when one is missing (then
    Graphviz routes them all again)."""
    centre = re.search(r'^  "{}" \[pos="([-\d.]+),([-\d.]+)!"'.format(re.escape(ENDS[0])), routing, re.MULTILINE)
    if centre is None:
        return {}
    found = edge_positions(xdot, ENDS[0], (float(centre.group(1)), float(centre.group(2))))
    edges = re.findall(r'^  "[^"]*" -> "[^"]*" \[(?:.*?, )?id="([^"]+)"', routing, re.MULTILINE)
    return found if all(key in found for key in edges) else {}


def render_map(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None,
               names_again: bool = True) -> bytes:
    """The bytes of the map of ``analysis`` in ``fmt``; see :func:`render`."""
    return render(analysis, fmt, timeout=timeout, marks=marks, names_again=names_again).data
