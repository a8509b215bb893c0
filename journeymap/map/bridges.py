"""The emotion curve's lines: straight pieces from marker to marker, bridging the markers in their way
(:mod:`journeymap.map.emotion` draws them)."""

from __future__ import annotations

import bisect
import itertools
from typing import Iterable, Sequence

from journeymap.map.gridshapes import Dot

#: A marker's radius, in points.
RADIUS = 8.0


def curve_pieces(pairs: Iterable[tuple[Dot, Dot]], dots: Sequence[Dot] = ()) -> list[tuple[tuple[float, float], ...]]:
    """Straight cubic pieces joining pairs of markers, each from rim to rim; a line that would run
    over a marker of ``dots`` it does not join bridges it (:func:`_bridges`).

    >>> curve_pieces([(Dot("a", 0, 0, 1), Dot("b", 40, 0, 1))])
    [((8.0, 0.0), (16.0, 0.0), (24.0, 0.0), (32.0, 0.0))]
    """
    pieces = []
    by_x = sorted(dots, key=lambda d: d.x)
    xs = [d.x for d in by_x]
    for a, b in pairs:
        # only the markers between the two can be in the way (each pair looked at all: 20 ms at 500)
        window = (bisect.bisect_left(xs, a.x - 3 * RADIUS), bisect.bisect_right(xs, b.x + 3 * RADIUS))
        points = [(a.x, a.y), *_bridges(a, b, by_x, xs, window), (b.x, b.y)]
        last = len(points) - 2
        for n, ((x0, y0), (x1, y1)) in enumerate(zip(points, points[1:])):
            dx, dy = x1 - x0, y1 - y0
            reach = max(abs(dx), abs(dy))
            # from a marker's rim, to a marker's rim: a bridge's corners are where the line is
            trim = (RADIUS if n == 0 else 0.0, RADIUS if n == last else 0.0)
            if reach <= sum(trim):
                continue  # markers touching: nothing to draw between them
            f0, f1 = trim[0] / reach, trim[1] / reach
            x0, y0, x1, y1 = x0 + f0 * dx, y0 + f0 * dy, x1 - f1 * dx, y1 - f1 * dy
            pieces.append(tuple((x0 + k * (x1 - x0) / 3, y0 + k * (y1 - y0) / 3) for k in range(4)))
    return pieces


#: How near a line may pass a marker it does not join before it bridges it, and how far above or
#: below the marker the bridge runs (points).
NEAR, CLEAR = 1.0, 3.0
#: A line in the way of more markers than this bridges them all at once (see :func:`_bridges`).
MAX_BRIDGES = 6


def _bridges(a: Dot, b: Dot, dots: Sequence[Dot], xs: Sequence[float],
             window: tuple[int, int]) -> list[tuple[float, float]]:
    """The corners of the bridges that take the line from ``a`` to ``b`` over (or under) each
    marker between them that it would cross (``dots[lo:hi]`` of ``window``; ``dots`` sorted by x,
    ``xs`` their x), on the side the line passes nearer the marker's middle, unless another marker
    of the window stands there. Such a line read as running through the marker:
    newsletter-subscriber's "confirms at once" ran -1 to +2 through the reminder's 0, which the
    curve joins on the customer's other path."""
    corners: list[tuple[float, float]] = []
    lo, hi = window
    reach = 2 * RADIUS + CLEAR
    # only the markers strictly between the ends can be crossed, and only those within ``reach``
    # of one can stand where its bridge would run: looked up by x, as a map at SPEC 5's limits
    # (2,000 markers, 8,000 flows across it) took 30 s looking at every marker for each
    first = max(lo, bisect.bisect_right(xs, a.x + 2 * RADIUS + NEAR))
    last = min(hi, bisect.bisect_left(xs, b.x - 2 * RADIUS - NEAR))
    ahead = (m for m in dots[first:last] if m.id not in (a.id, b.id) and _in_the_way(a, b, m))
    crossed = list(itertools.islice(ahead, MAX_BRIDGES + 1))
    if len(crossed) > MAX_BRIDGES:
        # one bridge over them all, above the highest marker it passes: a bridge each made a comb
        # (8,000 flows across 2,000 markers drew 480,000 bridges, an SVG of 120 MB)
        level = min(m.y for m in dots[first:last]) - RADIUS - CLEAR
        end = next(m for m in reversed(dots[first:last]) if m.id not in (a.id, b.id) and _in_the_way(a, b, m))
        # up and down beside the first and the last, where the line meets them: a slope from the
        # line's end up to the bridge ran over markers the line itself passed clear of (review ET)
        left, right = crossed[0].x - RADIUS - NEAR, end.x + RADIUS + NEAR
        return [(left, _at(a, b, left)), (left, level), (right, level), (right, _at(a, b, right))]
    for m in crossed:
        passing = _at(a, b, m.x)
        side = -1.0 if passing < m.y or (passing == m.y and b.y < m.y) else 1.0
        near = dots[max(lo, bisect.bisect_right(xs, m.x - reach)):min(hi, bisect.bisect_left(xs, m.x + reach))]
        for level in (m.y + side * (RADIUS + CLEAR), m.y - side * (RADIUS + CLEAR)):
            if not any(o.id != m.id and abs(o.y - level) < RADIUS + CLEAR for o in near):
                corners += [(m.x - RADIUS - NEAR, level), (m.x + RADIUS + NEAR, level)]
                break
    return corners


def _at(a: Dot, b: Dot, x: float) -> float:
    """The y of the line from ``a`` to ``b`` at ``x``."""
    return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)


def _in_the_way(a: Dot, b: Dot, m: Dot) -> bool:
    """Whether the line from ``a`` to ``b`` passes within :data:`NEAR` of marker ``m``'s rim."""
    ys = [_at(a, b, x) for x in (m.x - RADIUS - NEAR, m.x + RADIUS + NEAR)]
    return not (min(ys) >= m.y + RADIUS + NEAR or max(ys) <= m.y - RADIUS - NEAR)
