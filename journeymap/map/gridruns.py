"""Whether Graphviz's own routing ran a flow along a grid line, read from the SVG it drew.

SPEC 4.1: no straight run of a flow longer than 20 pt lies within 3 pt of a lane boundary
(horizontal runs) or a stage column's boundary (vertical runs). The posts of
:mod:`journeymap.map.guards` keep the router off the grid lines of a small map in one run, nearly
always: 4 of 59 generated journeys of 2 to 60 touch-points kept one run on a column's edge. Such a
map is routed again the way big maps are, its runs moved off the lines (:mod:`journeymap.map.nudge`).

Read with regular expressions, not an XML parser: the SVG is Graphviz's own, of a fixed shape
(each cluster's first polygon is its box, each flow's paths are its route), and this runs on
every small map, where a parse would cost more than the rest of the check.
"""

from __future__ import annotations

import re

from journeymap.map.nudge import LONGEST, NEAR

_GROUP = re.compile(rb'<g id="[^"]*" class="(cluster lane|cluster stage-column|edge flow)[ "](.*?)</g>', re.S)
_POINTS = re.compile(rb' points="([^"]*)"')
_PATH = re.compile(rb' d="([^"]*)"')
_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def _numbers(text: bytes) -> list[float]:
    return [float(n) for n in _NUMBER.findall(text)]


def _runs(path: bytes) -> list[tuple[str, float]]:
    """The straight pieces longer than :data:`LONGEST` of one route: ("h", y) or ("v", x)."""
    values = _numbers(path)
    points = list(zip(values[::2], values[1::2]))
    corners = points[::3] if (len(points) - 1) % 3 == 0 else points  # an orthogonal route's corners
    found = []
    for (ax, ay), (bx, by) in zip(corners, corners[1:]):
        if abs(ay - by) < 0.01 and abs(ax - bx) > LONGEST:
            found.append(("h", ay))
        elif abs(ax - bx) < 0.01 and abs(ay - by) > LONGEST:
            found.append(("v", ax))
    return found


def runs_on_grid(svg: bytes) -> bool:
    """True when a flow of ``svg`` has a straight run along a lane or stage column boundary."""
    lines: dict[str, set[float]] = {"h": set(), "v": set()}
    runs: list[tuple[str, float]] = []
    for kind, body in _GROUP.findall(svg):
        if kind == b"edge flow":
            for path in _PATH.findall(body):
                runs.extend(_runs(path))
            continue
        box = _POINTS.search(body)
        if box is None:
            continue
        values = _numbers(box.group(1))
        side, coords = ("h", values[1::2]) if kind == b"cluster lane" else ("v", values[::2])
        if coords:
            lines[side].update((min(coords), max(coords)))
    return any(abs(at - line) <= NEAR for side, at in runs for line in lines[side])
