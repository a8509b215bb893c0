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
import math
from collections.abc import Iterable

from journeymap.map import theme as t
from journeymap.map.canvas import num
from journeymap.map.gridshapes import Grid, Rect

Point = tuple[float, float]

#: How far apart parallel flows run in one gap (at most) or lane margin (points), and how many
#: tracks each has; a margin's stay 4 pt below the lane's top edge (SPEC 4.1 keeps flows 3 pt off
#: it) and 2 pt above its boxes.
TRACK_STEP, TRACKS = 2.0, 9
MARGIN_STEP, MARGIN_TRACKS = 2.5, 4
#: How long Graphviz draws an arrowhead: 10 pt at ``arrowsize`` 1; a run into a box is longer.
ARROW = 10 * t.ARROW_SIZE
#: How far a vertical run keeps off a box (``IN``: the arrowhead of a flow entering it, and a
#: little), off a stage column's edge (``KEEP``, SPEC 4.1 asks more than 3) and off a lane's name.
IN, KEEP, CLEAR = ARROW + 2.0, 3.6, 3.0
#: How far from a box a vertical run may look for room (beyond, another box stands in the way),
#: and how wide a piece of room it looks for first (three tracks either side of the middle).
REACH, WIDE = 2 * t.SLOT_GAP, 12.0
Span = tuple[float, float]


class _Room:
    """Where vertical runs may go: the pieces of the map's width that no box, lane name (at the
    left, and drawn again further right) or stage column's edge takes, each with its margin; and
    how many runs each piece and lane margin has taken, so that the next one runs beside them."""

    def __init__(self, grid: Grid) -> None:
        taken = {(box.rect.x - box.rect.width / 2 - IN, box.rect.x + box.rect.width / 2 + IN)
                 for box in grid.boxes.values()}
        taken |= {(c - KEEP, c + KEEP) for column in grid.columns for c in (column.x0, column.x1)}
        taken |= {(r.x - r.width / 2 - CLEAR, r.x + r.width / 2 + CLEAR) for _, _, r in grid.repeated_names()}
        names = max((b.header.x + b.header.width / 2 for b in grid.bands), default=0.0)
        taken |= {(-math.inf, names + CLEAR), (grid.lanes_right - KEEP, math.inf)}
        self.pieces: list[Span] = []
        reach = -math.inf
        for start, stop in sorted(taken):
            if start > reach:
                self.pieces.append((reach, start))
            reach = max(reach, stop)
        self.pieces = self.pieces[1:]  # the first is left of everything
        self.starts = [low for low, _ in self.pieces]
        self.used: dict[tuple[float, float], int] = {}
        self.tops = _tops(grid)

    def band_top(self, y: float) -> float:
        """The top of the lane band ``y`` lies in (a box's centre)."""
        return self.tops[_band(self.tops, y)]

    def free(self, low: float, high: float) -> list[Span]:
        """The free pieces, whole, that reach into ``low``-``high``, left to right: the same piece
        for every flow that runs in one gap, so that they share its tracks."""
        first = max(0, bisect.bisect_right(self.starts, low) - 1)
        return [p for p in self.pieces[first:bisect.bisect_left(self.starts, high)] if p[1] > low]

    def track(self, span: Span, tracks: int = TRACKS, step: float = TRACK_STEP, centred: bool = True) -> float:
        """The next track in ``span``: its middle first, then either side in turn, ``step`` apart
        (fewer tracks in a narrow piece, never closer), or from its start for a lane's margin."""
        low, high = span
        n = self.used.get(span, 0)
        self.used[span] = n + 1
        if not centred:
            return low + (n % tracks) * step
        either = max(0, min((tracks - 1) // 2, int((high - low) / 2 // step)))
        k = n % (2 * either + 1)
        return (low + high) / 2 + (k + 1) // 2 * (1 if k % 2 else -1) * step


def _polyline(source: Rect, target: Rect, room: _Room) -> list[Point]:
    """The corners of one flow's route, in map points (y down), from ``source``'s right side to
    ``target``'s left side."""
    start = (source.x + source.width / 2, source.y)
    end = (target.x - target.width / 2, target.y)
    if abs(start[1] - end[1]) < 0.5 and 0 < end[0] - start[0] < t.BOX_WIDTH:
        return [start, end]  # side by side in one lane: nothing between them
    if 0 < end[0] - start[0] <= REACH:  # the next slot column: one gap between them
        pieces = room.free(start[0], end[0]) or [(start[0] + IN, end[0] - IN)]
        x = room.track(max(pieces, key=lambda p: p[1] - p[0]))
        return [start, (x, start[1]), (x, end[1]), end]
    top = room.band_top(target.y)
    y = room.track((top + 4.0, top + 4.0 + MARGIN_STEP * (MARGIN_TRACKS - 1)), MARGIN_TRACKS, MARGIN_STEP,
                   centred=False)
    x0 = room.track(_gap(room, start[0], start[0] + REACH, first=True))
    x1 = room.track(_gap(room, end[0] - REACH, end[0], first=False))
    return [start, (x0, start[1]), (x0, y), (x1, y), (x1, end[1]), end]


def _gap(room: _Room, low: float, high: float, first: bool) -> Span:
    """The room for a vertical run beside a box: of the free pieces reaching into ``low``-``high``,
    the one nearest the box (the ``first`` after it, or the last before it) that is :data:`WIDE`
    or wider, else the widest; so never on a column's edge nor on a lane's name."""
    pieces = room.free(low, high) or [(low + IN, low + IN) if first else (high - IN, high - IN)]
    wide = [p for p in pieces if p[1] - p[0] >= WIDE]
    if not wide:
        return max(pieces, key=lambda p: p[1] - p[0])
    return wide[0] if first else wide[-1]


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


def routing_estimate(grid: Grid, edges: Iterable[tuple[str, str, str]]) -> float:
    """About how many seconds Graphviz would take to route ``edges`` (see :data:`SECONDS_PER_SPAN`)
    without the guards' posts (:data:`POSTS_COST` times as long with them): an estimate past the
    time it has tells :mod:`journeymap.map.render` to route on the grid at once, rather than wait
    for Graphviz to run out of time, and so the same map is routed the same way on a fast machine
    and a slow one."""
    tops = _tops(grid)
    lane = {key: _band(tops, box.rect.y) for key, box in grid.boxes.items()}
    spans = sum(abs(lane[source] - lane[target]) + 1 for _, source, target in edges)
    return spans * len(grid.bands) * SECONDS_PER_SPAN


def grid_routes(grid: Grid, edges: Iterable[tuple[str, str, str]]) -> tuple[dict[str, str], dict[str, list[Point]]]:
    """Each edge's route, for ``edges`` as ``(edge id, source box, target box)``: its ``pos`` by
    edge id, and its corners in map points by edge id (see the module's docstring)."""
    room = _Room(grid)
    positions: dict[str, str] = {}
    corners: dict[str, list[Point]] = {}
    for key, source, target in edges:
        points = _polyline(grid.boxes[source].rect, grid.boxes[target].rect, room)
        corners[key] = points
        positions[key] = _pos(points, grid.height)
    return positions, corners


def _tops(grid: Grid) -> list[float]:
    """The tops of the map's lane bands, top to bottom."""
    return [band.y0 for band in grid.bands]


def _band(tops: list[float], y: float) -> int:
    """Which lane band (an index into ``tops``) a box's centre at ``y`` lies in, looked up by
    halves (200 lanes, 8,000 flows: 0.1 s going through the bands one by one)."""
    return bisect.bisect_right(tops, y) - 1
