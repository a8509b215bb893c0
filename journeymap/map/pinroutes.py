"""Routes worked out once: the routing run's edges handed to the final run, so a labelled map is
routed by Graphviz once, not twice.

The orthogonal router is nearly all of a big map's layout time (3.3 s CPU of 3.6 at 2,000
touch-points; see :mod:`journeymap.map.guards`). The routing run routes as the whole map does
(labels are clusters, which the router ignores; tests/test_edgelabels.py compares), so its routes
go into the final source as each edge's ``pos``, and ``neato -n2`` draws edges that all have one
as given, without routing (0.23 s instead of 3.4 at 2,000 touch-points).

The routing run prints ``xdot`` as well as ``plain``: ``plain`` (inches) and ``pos`` carry five
significant digits, a tenth of an inch on a wide map, while xdot's drawing operations carry
points to two decimals, as the SVG does. Graphviz moves its drawing so the bounding box starts at
the origin; one pinned node whose centre we know gives the shift back, and the final run, with
the same nodes and routes, moves it the same way.
"""

from __future__ import annotations

import re
from typing import Optional

from journeymap.map.canvas import num

# One edge statement of Graphviz's xdot output (long values are split with backslash-newline).
_EDGE = re.compile(r'^\t"[^"]*" -> "[^"]*"\t\[(.*?)\];$', re.MULTILINE | re.DOTALL)
_NODE = '^\\t"{name}"\\t\\[(.*?)\\];$'
# Every quoted attribute of a statement, read in one pass; a value's characters in runs, not one
# alternative each (5.8 ms for the 560 routes of 500 touch-points, against 16.5 ms).
_ATTRS = re.compile(r'(?<![\w-])(\w+)="([^"\\]*(?:\\.[^"\\]*)*)"')
_NUMBER = r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?"
_OPS = {letter: re.compile(rf"(?:^| ){letter} (\d+) ((?:{_NUMBER} )+)") for letter in "BPp"}
_SPLINES = re.compile(r"(?:^| )B \d+ ")


def split_layouts(text: str) -> tuple[str, str]:
    """The xdot and the plain layout of one run with ``-Txdot -Tplain`` (xdot printed first);
    the plain layout alone gives ``("", plain)``."""
    found = re.search(r"^graph \S+ \S+ \S+\n", text, re.MULTILINE)
    if found is None:
        return text, ""
    return text[:found.start()], text[found.start():]


def _attrs(body: str) -> dict[str, str]:
    return dict(_ATTRS.findall(body))


def _op(ops: str, letter: str) -> list[tuple[float, float]]:
    """The points of the first ``B`` (spline) or ``P`` (polygon) operation of an xdot string."""
    found = _OPS[letter].search(ops + " ")
    if found is None:
        return []
    values = [float(v) for v in found.group(2).split()][: 2 * int(found.group(1))]
    return list(zip(values[::2], values[1::2]))


def _shift(xdot: str, anchor: str, centre: tuple[float, float]) -> Optional[tuple[float, float]]:
    """How far Graphviz moved its drawing: ``anchor``'s pinned ``centre`` less its drawn centre."""
    found = re.search(_NODE.format(name=re.escape(anchor)), xdot, re.MULTILINE | re.DOTALL)
    corners = _op(_attrs(found.group(1).replace("\\\n", "")).get("_draw_", "") if found else "", "p")
    if not corners:
        return None
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return centre[0] - (min(xs) + max(xs)) / 2, centre[1] - (min(ys) + max(ys)) / 2


def edge_positions(xdot: str, anchor: str, centre: tuple[float, float]) -> dict[str, str]:
    """Each routed edge's ``pos`` (by its ``id``) in the source's own coordinates: its spline and,
    when it has an arrowhead, ``e,`` the arrow's tip. ``anchor`` is a pinned node drawn as a
    polygon, ``centre`` its ``pos`` in the source. Edges whose drawing is not one spline and
    a three-point arrowhead (or none) are left out, and Graphviz routes the map again."""
    shift = _shift(xdot, anchor, centre)
    if shift is None:
        return {}
    dx, dy = shift

    def point(p: tuple[float, float]) -> str:
        return f"{num(p[0] + dx)},{num(p[1] + dy)}"

    found: dict[str, str] = {}
    for match in _EDGE.finditer(xdot):
        found_attrs = _attrs(match.group(1).replace("\\\n", ""))
        key, draw = found_attrs.get("id"), found_attrs.get("_draw_", "")
        spline = _op(draw, "B")
        splines = len(_SPLINES.findall(draw))
        if not key or splines != 1 or len(spline) < 4 or (len(spline) - 1) % 3 or found_attrs.get("_tdraw_"):
            continue
        head = found_attrs.get("_hdraw_")
        tip = ""
        if head:
            arrow = _op(head, "P")
            if len(arrow) != 3:
                continue
            tip = f"e,{point(arrow[1])} "
        found[key] = tip + " ".join(point(p) for p in spline)
    return found
