"""Which flows a printed map's parts cut, and where a flow meets a part's edge (:mod:`.badges`
marks them there)."""

from __future__ import annotations

import functools
from typing import Mapping, Optional, Sequence

from journeymap.briefing.mapgeometry import Box, Item, Layout, points_box, route_points
from journeymap.briefing.tileplan import Tile

def _dense(points: Sequence[tuple[float, float]], steps: int = 16) -> list[tuple[float, float]]:
    """``points`` with ``steps`` points along each segment: a long straight run has its control
    points only near its ends, so a tile it merely passes through held none of them (and got no
    badge where the flow enters and leaves it)."""
    out = list(points[:1])
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        out += [(ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps) for k in range(1, steps + 1)]
    return out


def crossing(points: Sequence[tuple[float, float]], box: Box, leaving: bool) -> Optional[tuple[float, float]]:
    """Where a flow's control polygon leaves ``box`` (first exit) or enters it (last entry)."""
    points = _dense(points)
    pairs = list(zip(points, points[1:]))
    if not leaving:
        pairs = [(b, a) for a, b in reversed(pairs)]
    for a, b in pairs:
        if box.holds(*a) and not box.holds(*b):
            lo, hi = 0.0, 1.0
            for _ in range(24):
                mid = (lo + hi) / 2
                if box.holds(a[0] + (b[0] - a[0]) * mid, a[1] + (b[1] - a[1]) * mid):
                    lo = mid
                else:
                    hi = mid
            return a[0] + (b[0] - a[0]) * lo, a[1] + (b[1] - a[1]) * lo
    return None


def flow_ends(item: Item, known: Mapping[str, int]) -> Optional[tuple[str, str]]:
    """The two touch-points of a flow, from its SPEC id ``flow-<from>--<to>``.

    Ids may hold ``--`` themselves, so every split is tried against the touch-points ``known``.
    """
    ident = item.id.removeprefix("flow-") if item.id.startswith("flow-") else ""
    ident = ident.rsplit(".", 1)[0] if "." in ident else ident  # "flow-x--y--z.2": see map.dot.flow_ids
    start = ident.find("--")
    while start >= 0:
        source, target = ident[:start], ident[start + 2:]
        if source in known and target in known:
            return source, target
        start = ident.find("--", start + 1)
    return None


#: A flow cut between two parts: its source part, its target part, its path's points.
Crossing = tuple[int, int, tuple[tuple[float, float], ...]]


@functools.lru_cache(maxsize=4096)
def bounds(points: tuple[tuple[float, float], ...]) -> Optional[Box]:
    """The box of a flow's points (each tile asks of each flow cut between tiles)."""
    return points_box(points)


def crossings(layout: Layout, tiles: list[Tile]) -> list[Crossing]:
    """The flows whose two ends lie in different tiles: ``(source tile, target tile, path points)``."""
    where = {}
    for item in layout.of_class("touchpoint"):
        cx, cy = (item.box.x0 + item.box.x1) / 2, (item.box.y0 + item.box.y1) / 2
        where[item.id.removeprefix("tp-")] = next((t.number for t in tiles if t.body.holds(cx, cy)), 0)
    found = []
    for item in layout.of_class("flow"):
        ends = flow_ends(item, where)
        if ends is None or not where.get(ends[0]) or not where.get(ends[1]) or where[ends[0]] == where[ends[1]]:
            continue
        points = route_points(item)
        if points:
            found.append((where[ends[0]], where[ends[1]], points))
    return found
