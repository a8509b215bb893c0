"""Routes moved off the grid lines after a routing run (SPEC 4.1: no straight run of a flow longer
than 20 pt within 3 pt of a lane or stage column boundary, parallel to it). Big maps need it most;
small ones routed first (labelled, PNG, PDF, or redrawn by :mod:`journeymap.map.gridruns`) get it too.

On small maps the posts of :mod:`journeymap.map.guards` keep Graphviz's orthogonal router off
the grid lines. Their cuts cross every other cut, so on big maps they cost the router most of its
time: 0.23 s of a 500-touch-point map's 0.29 s, and 3.5 s of 3.7 at 2,000. Big maps are therefore
routed without them and each run that lies along a grid line is moved :data:`KEEP` points off it
here, before the final run draws the routes as given (:mod:`journeymap.map.pinroutes`).

A run is a maximal straight piece of a route (Graphviz writes an orthogonal route as cubic
pieces whose control points lie on the piece). Moving a horizontal run up or down moves the two
corners it shares with the vertical pieces at its ends, which stay vertical; the same holds the
other way round. Runs that start or end a route are never moved: they touch a box, and boxes keep
clear of the grid lines. A moved run goes to the side its route comes from, and further out by
:data:`STEP` while it would lie on another route's parallel run; the control points of every
straight piece are then spread again, so no piece overshoots a corner that moved.
"""

from __future__ import annotations

from typing import Iterable

from journeymap.map.canvas import num

#: How far off a grid line a moved run lies, in points (the SPEC asks for more than 3).
KEEP = 3.6
#: How much further out a moved run goes while it would lie on another route's run.
STEP = 2.0
TRIES = 3
#: Runs this long or shorter may lie near a grid line (SPEC 4.1).
LONGEST = 20.0
NEAR = 3.0
#: A run 3 pt off a line, as a sum of lane heights gives it, can be 3.0000000000002 pt off, which
#: the SVG prints as 3 pt, and SPEC 4.1 counts as on the line: such a run was left.
SLACK = 0.01

Point = list[float]


def _parse(pos: str) -> tuple[str, list[Point]]:
    parts = pos.split()
    tip = parts[0] + " " if parts and parts[0].startswith("e,") else ""
    return tip, [[float(v) for v in p.split(",")] for p in parts[1 if tip else 0:]]


def _write(tip: str, points: list[Point]) -> str:
    return tip + " ".join(f"{num(x)},{num(y)}" for x, y in points)


def _runs(points: list[Point], axis: int) -> list[tuple[int, int]]:
    """Maximal runs ``(first, last)`` of points sharing their ``axis`` coordinate (1: horizontal)."""
    runs, start = [], 0
    for i in range(1, len(points) + 1):
        if i == len(points) or abs(points[i][axis] - points[start][axis]) > 0.01:
            if i - 1 > start:
                runs.append((start, i - 1))
            start = i
    return runs


def _span(points: list[Point], first: int, last: int, axis: int) -> tuple[float, float]:
    along = [points[k][1 - axis] for k in range(first, last + 1)]
    return min(along), max(along)


def _taken(routes: dict[str, list[Point]], axis: int) -> list[tuple[float, float, float, str]]:
    """Every run of every route on ``axis``: (its coordinate, its extent, the route's id)."""
    return [(points[a][axis], *_span(points, a, b, axis), key)
            for key, points in routes.items() for a, b in _runs(points, axis)]


def _place(line: float, low: float, high: float, key: str, side: float,
           taken: list[tuple[float, float, float, str]]) -> float:
    """Where a run from ``low`` to ``high`` near ``line`` goes: :data:`KEEP` off it on ``side``,
    further while it would lie on another route's run."""
    spot = line + side * KEEP
    for _ in range(TRIES):
        if not any(other != key and abs(c - spot) < 1.0 and lo < high and low < hi
                   for c, lo, hi, other in taken):
            break
        spot += side * STEP
    return spot


def _move(key: str, points: list[Point], lines: Iterable[float], axis: int,
          taken: list[tuple[float, float, float, str]]) -> bool:
    """Move this route's runs on ``axis`` that lie along one of ``lines``; True when one moved."""
    moved = False
    grid = sorted(set(lines))
    for first, last in _runs(points, axis):
        if first == 0 or last == len(points) - 1:
            continue
        low, high = _span(points, first, last, axis)
        at = points[first][axis]
        line = min(grid, key=lambda g: abs(g - at), default=None)
        if line is None or high - low <= LONGEST or abs(at - line) > NEAR + SLACK:
            continue
        before = points[first - 1][axis]
        side = (1.0 if at > line else -1.0) if abs(at - line) > 0.01 else (1.0 if before > at else -1.0)
        spot = _place(line, low, high, key, side, taken)
        for k in range(first, last + 1):
            points[k][axis] = spot
        taken.append((spot, low, high, key))
        moved = True
    return moved


def _respace(points: list[Point]) -> None:
    """Spread the control points of each straight, axis-parallel cubic piece evenly again."""
    for s in range(0, len(points) - 3, 3):
        p0, p3 = points[s], points[s + 3]
        piece = points[s:s + 4]
        for axis in (0, 1):
            if all(abs(p[axis] - p0[axis]) <= 0.01 for p in piece):
                for n, k in ((1, s + 1), (2, s + 2)):
                    points[k] = [p0[0] + (p3[0] - p0[0]) * n / 3, p0[1] + (p3[1] - p0[1]) * n / 3]
                break


def nudge(routes: dict[str, str], ys: Iterable[float], xs: Iterable[float]) -> dict[str, str]:
    """``routes`` (edge id to ``pos``, in the DOT source's frame) with every run that lies along a
    lane boundary (``ys``) or a column boundary (``xs``) moved off it; ids starting ``flow-`` or
    ``removed-flow-`` only (the emotion curve is drawn by us)."""
    parsed = {k: _parse(v) for k, v in routes.items() if k.startswith(("flow-", "removed-flow-"))}
    points = {k: p for k, (_, p) in parsed.items()}
    ys, xs = list(ys), list(xs)
    out = dict(routes)
    across, down = _taken(points, 1), _taken(points, 0)
    for key, (tip, pts) in parsed.items():
        if len(pts) < 4 or (len(pts) - 1) % 3:
            continue
        if _move(key, pts, ys, 1, across) | _move(key, pts, xs, 0, down):
            _respace(pts)
            out[key] = _write(tip, pts)
    return out
