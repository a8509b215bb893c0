"""How the stage area of a printed map is cut into runs of stages, and a run of lanes into ranges
(:mod:`.tileplan` makes parts of them): packed as full as a page allows, as even as their number
allows, or spread evenly over as many as packing takes, cut between stages or at free points
inside them."""

from __future__ import annotations

import bisect
import functools
import math
from typing import Callable, Optional


def cut_ranges(spans: list[tuple[float, float]], room: float, free: list[float]) -> list[tuple[float, float]]:
    """Group consecutive spans into ranges no wider than ``room``; split a too-wide span at ``free`` points."""
    ranges: list[tuple[float, float]] = []
    start: Optional[float] = None
    end = 0.0
    for a, b in spans:
        if start is not None and b - start <= room:
            end = b
            continue
        if start is not None:
            ranges.append((start, end))
        start, end = a, b
        while end - start > room:
            # A stage wider than the room is cut into parts of about equal width (each then
            # enlarged to fill its page alike), not a full part and a sliver.
            target = start + (end - start) / math.ceil((end - start) / room)
            fits = [p for p in free if start + room * 0.2 < p <= start + room]
            cut = min(fits, key=lambda p: (abs(p - target), -p)) if fits else start + room
            ranges.append((start, cut))
            start = cut
    if start is not None:
        ranges.append((start, end))
    return ranges


def balanced(spans: list[tuple[float, float]], count: int) -> list[tuple[float, float]]:
    """Consecutive ``spans`` grouped into at most ``count`` ranges, the widest as narrow as it can be."""
    low, high = max(b - a for a, b in spans), spans[-1][1] - spans[0][0]
    for _ in range(40):  # the narrowest room that greedy grouping fits into ``count`` ranges
        mid = (low + high) / 2
        low, high = (mid, high) if len(cut_ranges(spans, mid, [])) > count else (low, mid)
    return cut_ranges(spans, high + 1e-6, [])


def even_ranges(spans: list[tuple[float, float]], room: float, free: list[float]) -> list[tuple[float, float]]:
    """:func:`cut_ranges`, then as even as the same number of ranges allows: four lanes where three
    fit a page are two and two, not three and a strip of one on a page of its own. A span wider
    than ``room`` is cut as :func:`cut_ranges` cuts it."""
    ranges = cut_ranges(spans, room, free)
    if len(ranges) < 2 or max(b - a for a, b in spans) > room:
        return ranges
    return balanced(spans, len(ranges))


#: What cutting a stage between two parts costs, in parts: a cut that saves a page is worth it, one
#: that only makes parts fuller is not (a reader follows a stage best on one page).
STAGE_CUT = 0.6


def packed_ranges(spans: list[tuple[float, float]], room: float, free: list[float]) -> list[tuple[float, float]]:
    """Consecutive ``spans`` (stages) in ranges no wider than ``room``, cut between spans or at
    ``free`` points inside them: the fewest parts, a cut inside a stage counted as
    :data:`STAGE_CUT` of a part, then the most even widths.

    Cutting only between stages left a page's width half blank wherever a stage was a little
    wider than half a page (business-ordering on a4: 9 portrait parts of half a stage each).
    """
    edges = [spans[0][0]] + [b for _, b in spans]
    inside = [p for p in free if all(abs(p - e) > 2 for e in edges) and edges[0] < p < edges[-1]]
    points = sorted({(e, False) for e in edges} | {(p, True) for p in inside})
    best: list[Optional[tuple[float, float, int]]] = [None] * len(points)
    best[0] = (0.0, 0.0, -1)
    for j in range(1, len(points)):
        x, cuts_stage = points[j]
        extra = STAGE_CUT if cuts_stage and j < len(points) - 1 else 0.0
        for i in range(j - 1, -1, -1):
            width = x - points[i][0]
            if width > room:
                break
            if best[i] is None:
                continue
            cost, even, _ = best[i]  # type: ignore[misc]
            option = (round(cost + 1 + extra, 6), even + (width / room) ** 2, i)
            if best[j] is None or option[:2] < best[j][:2]:  # type: ignore[index]
                best[j] = option
    if best[-1] is None:
        return cut_ranges(spans, room, free)
    return _chained([x for x, _ in points], [b[2] if b is not None else -1 for b in best])


def spread_ranges(spans: list[tuple[float, float]], room: float, free: list[float]) -> list[tuple[float, float]]:
    """As many ranges as :func:`packed_ranges` takes, cut between stages or at ``free`` points
    inside them so that the widest is as narrow as it can be: packed, the last stage of a burst
    main's journey, two touch-points, took a slide of its own 27 % full (audit EA)."""
    count = len(packed_ranges(spans, room, free))
    edges = [spans[0][0]] + [b for _, b in spans]
    points = sorted({*edges, *(p for p in free if edges[0] < p < edges[-1])})

    def greedy(width: float) -> list[tuple[float, float]]:
        ranges, at = [], 0
        while at < len(points) - 1:  # the farthest point within reach (a scan of them all was quadratic)
            reach = max(at + 1, bisect.bisect_right(points, points[at] + width + 1e-6) - 1)
            ranges.append((points[at], points[reach]))
            at = reach
        return ranges

    low, high = max(b - a for a, b in zip(points, points[1:])), room
    if count < 2 or low > room:
        return packed_ranges(spans, room, free)
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if len(greedy(mid)) > count else (low, mid)
    return greedy(high)


def split_run(x0: float, x1: float, edges: list[float], parts: Callable[[float, float], int]) -> list[tuple[float, float]]:
    """The range ``x0``-``x1`` cut at stage ``edges`` into runs of stages none of whose lanes are
    cut (each takes one of ``parts``, pages), the fewest such runs, where they take no more
    pages than the range whole; else the range whole. Packed by width alone, two stages of a
    moving-home journey shared two pages cut between lanes 1-4 and 5-8, and a customer's path
    went up and down between them, where each stage whole, its empty lanes folded, fitted a
    page of its own (audit EA)."""
    points = [x0, *(e for e in edges if x0 + 1 < e < x1 - 1), x1]
    pages = functools.cache(parts)  # each run is asked once (a lane-range pass each)
    whole = pages(x0, x1)
    if len(points) < 3 or whole < 2:
        return [(x0, x1)]
    # best[j]: (runs whose lanes are cut, pages, where the last run starts) for the points up to j
    best: list[Optional[tuple[int, int, int]]] = [(0, 0, -1)] + [None] * (len(points) - 1)
    for j in range(1, len(points)):
        for i in range(j):
            if best[i] is not None:
                n = pages(points[i], points[j])
                option = (best[i][0] + (n > 1), best[i][1] + n, i)  # type: ignore[index]
                if best[j] is None or option[:2] < best[j][:2]:  # type: ignore[index]
                    best[j] = option
    end = best[-1]
    if end is None or end[0] > 0 or end[1] > whole:
        return [(x0, x1)]
    return _chained(points, [b[2] if b is not None else -1 for b in best])


def _chained(xs: list[float], starts: list[int]) -> list[tuple[float, float]]:
    """The ranges a dynamic programme chose, left to right: from the last point back, each range
    from the point ``starts`` gives for its end to that end."""
    ranges, j = [], len(xs) - 1
    while j > 0:
        ranges.append((xs[starts[j]], xs[j]))
        j = starts[j]
    return ranges[::-1]
