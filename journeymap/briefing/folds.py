"""Folded lanes: lanes a part of the printed map shows as a thin strip, for they hold nothing there.

A part of a big map covers a few stages, and in those stages most departments may have no
touch-point: business-ordering on a4 printed seven portrait parts, each mostly empty lanes, one
with a single box on its page, and a 500-touch-point briefing printed 108 parts. A run of lanes
that holds no touch-point and no flow label within a part is folded there where its strip is
under half the run's height (:func:`folds_of`; 12 lanes a strip at most): it prints as a strip
naming its lanes, one line each, through which the flows that cross it still run (their lines
squeezed into the strip, so every line still meets its edges where it did). What the tiles draw
(:mod:`.tiles`) goes through :meth:`Folded.y_in`, which takes the map's y to the part's; each
folded lane has its own line of the strip, so a blueprint line between two of them is drawn
between their names. :mod:`.foldstrip` draws the strips.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Sequence

from journeymap.briefing.mapgeometry import Box

#: Printed size of a folded lane's name, in points; its line height, in those sizes; and the room
#: above the first name and below the last, in those sizes.
FOLD_PT = 7.0
FOLD_LINE = 1.25
FOLD_PAD = 0.55
#: Most lanes one strip folds (a longer run takes several strips, one under another).
FOLD_MOST = 12


@dataclass(frozen=True)
class Fold:
    """A run of lanes folded in a part: its span in map coordinates, the lanes' ids, the height
    the strip takes in map units and where each lane begins and the last ends (``edges``; none:
    the run is squeezed as one)."""

    y0: float
    y1: float
    lanes: tuple[str, ...]
    height: float
    edges: tuple[float, ...] = ()

    @property
    def em(self) -> float:
        """The names' size in map units: the strip holds a line of :data:`FOLD_LINE` of it a lane,
        and :data:`FOLD_PAD` above and below."""
        return self.height / (len(self.lanes) * FOLD_LINE + 2 * FOLD_PAD)

    def slots(self) -> list[float]:
        """Where each lane's line begins in the strip and the last ends, from its top (the first
        and the last take the room above and below too)."""
        inner = [self.em * (FOLD_PAD + k * FOLD_LINE) for k in range(1, len(self.lanes))]
        return [0.0, *inner, self.height]

    def squeezed(self, y: float) -> float:
        """Where map ``y`` (inside the run) lies in the strip, from its top: each lane in its line.

        >>> fold = Fold(0, 200, ("a", "b"), 36, (0, 100, 200))
        >>> [round(fold.squeezed(y), 2) for y in (0, 50, 100, 200)]
        [0.0, 9.0, 18.0, 36.0]
        """
        edges = self.edges if len(self.edges) == len(self.lanes) + 1 else (self.y0, self.y1)
        slots = self.slots() if len(edges) > 2 else [0.0, self.height]
        k = min(max(bisect.bisect_right(edges, y) - 1, 0), len(edges) - 2)
        a, b = edges[k], edges[k + 1]
        share = (y - a) / (b - a) if b > a else 0.0
        return slots[k] + min(max(share, 0.0), 1.0) * (slots[k + 1] - slots[k])


def strip_height(lanes: int, scale: float) -> float:
    """The height of a strip folding ``lanes`` lanes, in map units at the legible ``scale``."""
    return (lanes * FOLD_LINE + 2 * FOLD_PAD) * FOLD_PT / scale


class Folded:
    """The y axis of a part with folds: map y to the part's own, and the spans drawn as they are."""

    def __init__(self, y0: float, y1: float, folds: Sequence[Fold]) -> None:
        self.y0, self.y1, self.folds = y0, y1, tuple(folds)

    @property
    def height(self) -> float:
        """The part's body height as printed, in map units (each fold at its strip's height)."""
        return (self.y1 - self.y0) - sum(f.y1 - f.y0 - f.height for f in self.folds)

    def y_in(self, y: float) -> float:
        """Where map ``y`` lies in the part's body, from its top: inside a fold, squeezed into the strip.

        >>> axis = Folded(0, 300, [Fold(100, 200, ("b",), 20)])
        >>> [axis.y_in(y) for y in (50, 100, 150, 200, 250)], axis.height
        ([50.0, 100.0, 110.0, 120.0, 170.0], 220)
        """
        at = float(y - self.y0)
        for f in self.folds:
            if y >= f.y1:
                at -= f.y1 - f.y0 - f.height
            elif y > f.y0:
                at -= (y - f.y0) - f.squeezed(y)
        return at

    def kept(self) -> list[tuple[float, float]]:
        """The spans of the body between the folds, top to bottom, in map y.

        >>> Folded(0, 300, [Fold(100, 200, ("b",), 20)]).kept()
        [(0, 100), (200, 300)]
        """
        spans, top = [], self.y0
        for f in sorted(self.folds, key=lambda f: f.y0):
            if f.y0 > top:
                spans.append((top, f.y0))
            top = f.y1
        if self.y1 > top:
            spans.append((top, self.y1))
        return spans

    def box_in(self, box: Box, dx: float, top: float) -> Box:
        """``box`` (map coordinates) in the part's: moved ``dx`` across, its y through :meth:`y_in`
        from ``top`` (where the body begins in the part)."""
        return Box(box.x0 + dx, top + self.y_in(box.y0), box.x1 + dx, top + self.y_in(box.y1))

    def in_fold(self, y: float) -> bool:
        """Whether map ``y`` lies strictly inside a fold."""
        return any(f.y0 < y < f.y1 for f in self.folds)


def folds_of(lanes: Sequence[tuple[str, float, float, bool]], scale: float) -> tuple[Fold, ...]:
    """The folds of a part's lanes (``(id, y0, y1, held)`` top to bottom): each run of lanes that
    hold nothing, where its strip is less than half the run's height.

    >>> [f.lanes for f in folds_of([("a", 0, 100, True), ("b", 100, 200, False), ("c", 200, 300, False),
    ...                             ("d", 300, 400, True)], 1.0)]
    [('b', 'c')]
    >>> [len(f.lanes) for f in folds_of([(str(n), n * 100, n * 100 + 100, False) for n in range(30)], 1.0)]
    [12, 12, 6]
    """
    folds: list[Fold] = []
    run: list[tuple[str, float, float, bool]] = []
    for lane in [*lanes, ("", 0.0, 0.0, True)]:
        if not lane[3]:
            run.append(lane)
            continue
        for at in range(0, len(run), FOLD_MOST):  # a strip of 12 names at most: any page holds it
            chunk = run[at:at + FOLD_MOST]
            height = strip_height(len(chunk), scale)
            if height < (chunk[-1][2] - chunk[0][1]) / 2:
                folds.append(Fold(chunk[0][1], chunk[-1][2], tuple(r[0] for r in chunk), height,
                                  (chunk[0][1], *(r[2] for r in chunk))))
        run = []
    return tuple(folds)


def clipped(points: Sequence[tuple[float, float]], box: Box) -> list[list[tuple[float, float]]]:
    """The pieces of the polyline ``points`` inside ``box`` (Liang-Barsky on each segment).

    >>> clipped([(0, 0), (0, 10), (10, 10)], Box(-1, 5, 5, 20))
    [[(0.0, 5.0), (0.0, 10.0), (5.0, 10.0)]]
    """
    pieces: list[list[tuple[float, float]]] = []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        lo, hi, ok = 0.0, 1.0, True
        for p, q in ((-(bx - ax), ax - box.x0), (bx - ax, box.x1 - ax), (-(by - ay), ay - box.y0),
                     (by - ay, box.y1 - ay)):
            if p == 0:
                ok = ok and q >= 0
            elif p < 0:
                lo = max(lo, q / p)
            else:
                hi = min(hi, q / p)
        if not ok or lo > hi:
            continue
        a = (ax + (bx - ax) * lo, ay + (by - ay) * lo)
        b = (ax + (bx - ax) * hi, ay + (by - ay) * hi)
        if pieces and pieces[-1][-1] == a:
            pieces[-1].append(b)
        else:
            pieces.append([a, b])
    return pieces

