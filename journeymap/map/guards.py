"""Invisible posts that keep the edge router's channels off the grid lines (SPEC 4.1: no flow runs
more than 20 pt within 3 pt of a lane or stage column boundary).

Graphviz's orthogonal router cuts the free space into cells along the sides of every node,
extended until they meet another node, and runs a lone route down the middle of a cell. Boxes
sit centred in their lanes, so between two lanes that middle is the lane boundary itself, and
between two stages the gutter's tracks spread onto the column lines. A post 6.8 pt across
straddling each boundary, where no route goes (lane boundaries in the lane headers, column
boundaries below the lanes), lays cuts 3.4 pt either side of it along the whole boundary, and
routes keep to the cells beside the strip between them, more than 3.4 pt from the line.

The router charges a prohibitive cost for running along a cell under 7 pt across
(``maze.c``: ``createSEdges``), except in the strip of a node that thin itself (``markSmall``),
as these posts are; in practice routes nearly always keep off the strips: 4 of 59 generated
journeys of 2 to 60 touch-points kept one run on a column's edge. Those are found in the drawing
and routed again with their runs moved off (:mod:`journeymap.map.gridruns`). A post each side
of a column boundary instead (6.6 pt wide, reaching 10 pt away) made it worse: 31 of 59.

The first column's left side gets none: routes that go round the grid there have the lane
headers' width to spread over, and a post would squeeze them against the boxes.

Each cut crosses every other, so the router's work grows with lanes times columns: the posts
cost about 1.4x its time at 300 touch-points in 8 lanes, 3x at 2,000 in 24, and 4-7x with
100-200 lanes. Beyond :data:`MAX_LANES` lanes the map is routed without them. Maps of
:data:`journeymap.map.render.NUDGE_FROM` boxes or more are routed without them too, and their
runs along grid lines are moved off afterwards (:mod:`journeymap.map.nudge`); the posts stay in
their final run, which draws the routes as given. A labelled map
pays this once: its final run draws the routing run's routes (:mod:`journeymap.map.pinroutes`).
With Graphviz 2.43 half of the router's time is a self-check of its priority queue run on every
insert and remove (``PQcheck``, measured with perf), which makes each route's search grow with
the square of the cells it visits: that is why cuts cost more than their number.
"""

from __future__ import annotations

from journeymap.map import theme as t
from journeymap.map.canvas import Canvas, q
from journeymap.map.gridshapes import Grid, Rect

MAX_LANES = 40
HALF = 3.4  # half the strip, which is under 7 pt across
ENDS = ("guard.lane.0", "guard.lane.1")  # two posts every map has: the emotion curve hangs on them
_POST = {"style": "invis", "label": q(""), "class": q("guard")}


def _post(c: Canvas, name: str, x0: float, y0: float, x1: float, y1: float) -> None:
    c.node(name, Rect((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0), _POST)


def draw_guards(c: Canvas, grid: Grid) -> None:
    """The posts of every lane and column boundary (beyond :data:`MAX_LANES` lanes, only the two
    the emotion curve hangs on)."""
    bands = grid.bands
    edges = [b.y0 for b in bands] + [bands[-1].y1]
    guarded = len(bands) <= MAX_LANES
    for i, y in enumerate(edges if guarded else edges[:2]):
        _post(c, f"guard.lane.{i}", t.MARGIN + 1, y - HALF, t.MARGIN + 7, y + HALF)
    if not guarded:
        return
    below = grid.lanes_bottom + 12
    inner = sorted({col.x0 for col in grid.columns[1:]} | {col.x1 for col in grid.columns})
    for i, x in enumerate(inner):
        _post(c, f"guard.column.{i}", x - HALF, below - 3, x + HALF, below + 3)
