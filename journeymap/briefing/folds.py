"""Folded lanes: lanes a part of the printed map shows as a thin strip, for they hold nothing there.

A part of a big map covers a few stages, and in those stages most departments may have no
touch-point: business-ordering on a4 printed seven portrait parts, each mostly empty lanes, one
with a single box on its page, and a 500-touch-point briefing printed 108 parts. A run of lanes
that holds no touch-point and no flow label within a part is folded there: it prints as a strip
naming its lanes, one line each, through which the flows that cross it still run (their lines
squeezed into the strip, so every line still meets its edges where it did). What the tiles draw
(:mod:`.tiles`) goes through :meth:`Folded.y_in`, which takes the map's y to the part's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Mapping, Sequence

from journeymap.briefing.mapgeometry import Box, Layout, points_of
from journeymap.journey.textsafe import isolated
from journeymap.map.canvas import num
from journeymap.map.text import fit_line, text_width

#: Printed size of a folded lane's name, in points; its line height, in those sizes; and the room
#: above the first name and below the last, in those sizes.
FOLD_PT = 7.0
FOLD_LINE = 1.25
FOLD_PAD = 0.55
#: Most lanes one strip folds (a longer run takes several strips, one under another).
FOLD_MOST = 12


@dataclass(frozen=True)
class Fold:
    """A run of lanes folded in a part: its span in map coordinates, the lanes' ids and the
    height the strip takes in map units."""

    y0: float
    y1: float
    lanes: tuple[str, ...]
    height: float


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
                at -= (y - f.y0) * (1 - f.height / (f.y1 - f.y0))
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
                folds.append(Fold(chunk[0][1], chunk[-1][2], tuple(r[0] for r in chunk), height))
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


#: The strip's fill, its edges' colour, and its lane names' colour (7:1 on the fill).
FOLD_FILL = "#eceff3"
FOLD_EDGE = "#7b8794"
FOLD_TEXT = "#3e4c59"
#: Paint a flow's line keeps where it runs through a fold.
_STROKE = ("stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap", "opacity")


def draw_fold(svg: ET.Element, layout: Layout, fold: Fold, part: tuple[Box, Folded], at: tuple[float, float],
              scale: float, names: Mapping[str, str]) -> list[Box]:
    """Draw ``fold`` into a part's ``svg`` (``part``: its body and y axis; ``at``: where the body
    begins in the part): a strip across the part, dashed at its edges, naming its lanes in the
    names column, one line each (``names``: department names by id), with the flows that run
    through those lanes squeezed into it. Returns the boxes of the names, in the part's coordinates.
    """
    (body, axis), (left, head) = part, at
    top = head + axis.y_in(fold.y0)
    width = left + body.width
    g = ET.SubElement(svg, "g", {"class": "fold"})
    ET.SubElement(g, "rect", {"x": "0", "y": num(top), "width": num(width), "height": num(fold.height),
                              "fill": FOLD_FILL})
    for y in (top, top + fold.height):
        ET.SubElement(g, "line", {"x1": "0", "y1": num(y), "x2": num(width), "y2": num(y), "stroke": FOLD_EDGE,
                                  "stroke-width": num(0.6 / scale),
                                  "stroke-dasharray": f"{num(3 / scale)} {num(2 / scale)}"})
    view = Box(body.x0, fold.y0, body.x1, fold.y1)
    for item in layout.of_class("flow"):
        if not item.box.meets(view):
            continue
        for path in item.el.iter("path"):
            paint = {k: path.get(k, "") for k in _STROKE if path.get(k)}
            for piece in clipped(points_of(path), view):
                d = "M" + " L".join(f"{num(x - body.x0 + left)} {num(head + axis.y_in(y))}" for x, y in piece)
                ET.SubElement(g, "path", {"d": d, "fill": "none", **paint})
    return _names(g, fold, top, left, scale, names)


def _names(g: ET.Element, fold: Fold, top: float, room: float, scale: float, names: Mapping[str, str]) -> list[Box]:
    """The folded lanes' names in the strip's part of the names column (``room`` wide), one a line,
    each shortened to fit; their boxes."""
    size = FOLD_PT / scale
    line = size * FOLD_LINE
    boxes = []
    for n, lane in enumerate(fold.lanes):
        name = fit_line(names.get(lane.removeprefix("lane-"), lane.removeprefix("lane-")), room - 2 * size, size)
        line_top = top + FOLD_PAD * size + n * line
        # DejaVu Sans: ascent 0.93 and descent 0.24 of the size, centred in the line.
        base = line_top + (line - 1.17 * size) / 2 + 0.93 * size
        text = ET.SubElement(g, "text", {"x": num(size), "y": num(base), "font-family": "DejaVu Sans",
                                         "font-size": num(size), "font-style": "italic", "fill": FOLD_TEXT})
        text.text = isolated(name)
        boxes.append(Box(size, line_top, size + text_width(name, size), line_top + line))
    return boxes
