"""Where a printed map may be cut between two parts inside a stage (SPEC 4.2, item 3): the x
positions that cross no touch-point box, flow label or flow's last run into its box
(:mod:`.tileplan` cuts there)."""

from __future__ import annotations

import bisect
import functools
from typing import Optional

from journeymap.briefing.mapgeometry import Layout, free_stretches, points_of


@functools.lru_cache(maxsize=8)  # the same for every plan tried
def free_x(layout: Layout) -> list[float]:
    """x positions inside the stage area that cross no touch-point box: in each gap between boxes,
    the point nearest the next box, before the lines of flows into it end, that cuts no flow
    label either (else the middle). The part that ends there keeps the gap for its "→ part N"
    badges (cut in the middle, a one-lane map's badges lay on the last box: review M); the next
    part's "from part N" sits by its lane names."""
    boxes = sorted((i.box.x0, i.box.x1) for i in layout.of_class("touchpoint"))
    labels = [(i.box.x0 - 1, i.box.x1 + 1) for i in layout.of_class("flow-label")]
    starts = [b.x0 for _, b in layout.columns]
    # Where flows' lines end (their arrowheads run on to the box): a cut beyond one's end left its
    # line wholly on one part, and no badge said where it went on. A line into the next box (heading
    # right) must be cut before its end, one back into the box before (heading left) after it.
    rightward: list[float] = []
    leftward: list[float] = []
    for points in (points_of(p) for i in layout.of_class("flow") for p in i.el.iter("path")):
        end = points[-1][0] if points else 0.0
        before = next((x for x, _ in reversed(points) if abs(x - end) > 0.5), end)
        (rightward if before < end else leftward if before > end else []).append(end)
    rightward.sort()
    leftward.sort()
    free, right = [], None
    for x0, x1 in boxes:
        # A gap a stage begins in is cut at the stage's edge (:func:`packed_ranges`), not inside it.
        if right is not None and x0 > right + 4 and not any(right < a <= x0 for a in starts):
            into = rightward[bisect.bisect_right(rightward, right):bisect.bisect_left(rightward, x0)]
            back = leftward[bisect.bisect_right(leftward, right):bisect.bisect_left(leftward, x0)]
            low, high = max([right + 2] + [e + 2 for e in back]), min([x0 - 2] + [e - 2 for e in into])
            if low < high:  # else no cut here leaves every line crossing it (lines both ways end in it)
                clear = clear_points(low, high, labels, toward=high)
                free.append(max(clear) if clear else (low + high) / 2)
        right = x1 if right is None else max(right, x1)
    return free


def clear_points(a: float, b: float, spans: list[tuple[float, float]],
                  toward: Optional[float] = None) -> list[float]:
    """The points of ``[a, b]`` that no span covers, one in each free stretch: the nearest to
    ``toward`` (its middle by default)."""
    middle = (a + b) / 2 if toward is None else toward
    return [min(max(middle, lo), hi) for lo, hi in free_stretches(spans, a, b)]
