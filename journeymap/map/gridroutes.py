"""Flows routed on the grid itself, for a map Graphviz's orthogonal router cannot route in time.

Graphviz's router grows steeply with flows that cross many lanes: 2,000 touch-points in 200 lanes,
four flows each, ran past 120 s (audit EO). Past :data:`journeymap.map.render.ROUTE_SHARE` of the
time limit the map used to be drawn with straight flows, across boxes. These routes keep to the
room the grid leaves free, which is known without any search: a flow leaves its box on the right,
runs up or down the gap after the box's slot to the top margin of the lane it goes to, along that
margin to the gap before the target's slot, and enters the target from the left. No box stands in
a gap between slots, nor in a lane's top margin (:data:`~journeymap.map.theme.LANE_PAD`), so no
route crosses a box. Flows sharing a gap or a margin take tracks a little apart
(:data:`TRACKS`), so that they can be told apart where they run side by side.

Routes come as Graphviz ``pos`` strings (cubic pieces with straight control points, the arrow's tip
first), in the source's coordinates (y up), for ``neato -n2`` to draw as given; and as polylines
in map points (y down), for placing the flows' labels.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from journeymap.map import theme as t
from journeymap.map.canvas import num
from journeymap.map.gridshapes import Grid, Rect

Point = tuple[float, float]

#: How far apart parallel flows run in one gap or lane margin (points), and how many tracks each
#: has: a gap's tracks stay 12 pt clear of the boxes on either side (an arrowhead is 7 pt long), a
#: margin's stay 4 pt below the lane's top edge (SPEC 4.1 keeps flows 3 pt off it) and 2 pt above
#: its boxes.
TRACK_STEP, TRACKS = 2.0, 9
MARGIN_STEP, MARGIN_TRACKS = 2.5, 4
#: How long Graphviz draws an arrowhead: 10 pt at ``arrowsize`` 1.
ARROW = 10 * t.ARROW_SIZE


class _Tracks:
    """Hands out the next track of each gap or margin, round-robin, in the order flows ask."""

    def __init__(self) -> None:
        self._used: dict[tuple[str, float], int] = {}

    def offset(self, kind: str, where: float, tracks: int, step: float, centred: bool) -> float:
        n = self._used.get((kind, round(where, 1)), 0)
        self._used[(kind, round(where, 1))] = n + 1
        k = n % tracks
        return (k - (tracks - 1) / 2) * step if centred else k * step


def polyline(grid: Grid, source: Rect, target: Rect, tracks: _Tracks) -> list[Point]:
    """The corners of one flow's route, in map points (y down), from ``source``'s right side to
    ``target``'s left side."""
    start = (source.x + source.width / 2, source.y)
    end = (target.x - target.width / 2, target.y)
    if abs(start[1] - end[1]) < 0.5 and 0 < end[0] - start[0] < t.BOX_WIDTH:
        return [start, end]  # side by side in one lane: nothing between them
    if 0 < end[0] - start[0] <= 2 * t.SLOT_GAP:  # the next slot column: one gap between them
        middle = (start[0] + end[0]) / 2
        x = middle + tracks.offset("gap", middle, TRACKS, TRACK_STEP, True)
        return [start, (x, start[1]), (x, end[1]), end]
    out_gap, in_gap = _gap(grid, start[0], +1), _gap(grid, end[0], -1)
    band = next(b for b in grid.bands if b.y0 <= target.y < b.y1)
    y = band.y0 + 4.0 + tracks.offset("margin", band.y0, MARGIN_TRACKS, MARGIN_STEP, False)
    x0 = out_gap + tracks.offset("gap", out_gap, TRACKS, TRACK_STEP, True)
    x1 = in_gap + tracks.offset("gap", in_gap, TRACKS, TRACK_STEP, True)
    return [start, (x0, start[1]), (x0, y), (x1, y), (x1, end[1]), end]


def _gap(grid: Grid, edge: float, side: int) -> float:
    """The middle of the gap beside a box's edge at ``edge``, after it (``side`` +1) or before it
    (-1): between two slots of a stage, or between two stages' columns, never on a column's edge."""
    column = next((c for c in grid.columns if c.x0 <= edge <= c.x1), None)
    if column is not None and side > 0 and edge + t.SLOT_GAP >= column.x1 - 0.5:
        return column.x1 + t.STAGE_GAP / 2
    if column is not None and side < 0 and edge - t.SLOT_GAP <= column.x0 + 0.5:
        return column.x0 - t.STAGE_GAP / 2
    return edge + side * t.SLOT_GAP / 2


def _pos(points: list[Point], height: float) -> str:
    """A polyline as Graphviz's ``pos``: the arrow's tip, then cubic pieces ending where the
    arrowhead begins."""
    *body, (tx, ty) = points
    px, py = body[-1]
    reach = max(abs(tx - px), abs(ty - py))
    cut = min(ARROW, reach / 2) / reach if reach else 0.0
    base = (tx - (tx - px) * cut, ty - (ty - py) * cut)
    line = [*body, base]
    spline = [line[0]]
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        spline += [(x0 + (x1 - x0) / 3, y0 + (y1 - y0) / 3), (x0 + 2 * (x1 - x0) / 3, y0 + 2 * (y1 - y0) / 3), (x1, y1)]
    return f"e,{num(tx)},{num(height - ty)} " + " ".join(f"{num(x)},{num(height - y)}" for x, y in spline)


#: Graphviz's orthogonal router, roughly: seconds per lane a flow spans, times the lanes of the map.
#: Measured with Graphviz 2.43 on one core: 500 touch-points in 12 lanes (33,000 of these) 0.12 s;
#: 2,000 in 23 lanes (435,000) 2.3 s; 2,000 in 30 lanes with four flows each (2.6 million) 30 s;
#: 1,000 in 100 lanes with two each (6.6 million) 75 s; 2,000 in 200 lanes, over 100 s.
SECONDS_PER_SPAN = 1e-5


#: How much longer routing takes with the posts that keep a small map's flows off the grid lines
#: (:mod:`journeymap.map.guards`): 100 touch-points in 20 lanes, four flows each, 6.8 s, estimated
#: at 0.6 s without them.
POSTS_COST = 11.0


def routing_estimate(grid: Grid, edges: Iterable[tuple[str, str, str]], posts: bool = False) -> float:
    """About how many seconds Graphviz would take to route ``edges`` (see :data:`SECONDS_PER_SPAN`),
    with the guards' ``posts`` or without: an estimate past the time it has tells
    :mod:`journeymap.map.render` to route on the grid at once, rather than wait for Graphviz to
    run out of time, and so the same map is routed the same way on a fast machine and a slow one."""
    lane = {key: bisect.bisect_right(tops, box.rect.y)
            for tops in ([b.y0 for b in grid.bands],) for key, box in grid.boxes.items()}
    spans = sum(abs(lane[source] - lane[target]) + 1 for _, source, target in edges)
    return spans * len(grid.bands) * SECONDS_PER_SPAN * (POSTS_COST if posts else 1.0)


def grid_routes(grid: Grid, edges: Iterable[tuple[str, str, str]]) -> tuple[dict[str, str], dict[str, list[Point]]]:
    """Each edge's route, for ``edges`` as ``(edge id, source box, target box)``: its ``pos`` by
    edge id, and its corners in map points by edge id (see the module's docstring)."""
    tracks = _Tracks()
    positions: dict[str, str] = {}
    corners: dict[str, list[Point]] = {}
    for key, source, target in edges:
        points = polyline(grid, grid.boxes[source].rect, grid.boxes[target].rect, tracks)
        corners[key] = points
        positions[key] = _pos(points, grid.height)
    return positions, corners
