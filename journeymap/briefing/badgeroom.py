"""What a continuation badge may not cover, filed by the cells of the map it lies on, so that each
place a badge might take is checked against the boxes near it alone (:mod:`.badges`)."""

from __future__ import annotations

import itertools
import math
from typing import Iterable, Iterator, Optional

from journeymap.briefing.mapgeometry import Box


def covered_area(a: Box, b: Box) -> float:
    """The area two boxes share."""
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0))


class Near:
    """Boxes filed by the square cells of the map they lie on, so that a badge's place is checked
    against the boxes near it alone: a part that cuts hundreds of flows checked each of some 200
    places of each badge against every box and badge (10 s of a 100-touch-point briefing whose
    flows each cross many lanes). Each box may carry words (a run's badge's)."""

    #: A box over more cells than this is checked against every place, as before.
    WIDEST = 400

    def __init__(self, cell: float, boxes: Iterable[Box] = ()) -> None:
        self.cell = cell
        self.boxes: list[tuple[Box, Optional[str]]] = []
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.everywhere: list[int] = []
        for box in boxes:
            self.add(box)

    def add(self, box: Box, words: Optional[str] = None) -> None:
        """File ``box`` (with its ``words``)."""
        n = len(self.boxes)
        self.boxes.append((box, words))
        keys = self._cells(box)
        if keys is None:
            self.everywhere.append(n)
        for key in keys or ():
            self.cells.setdefault(key, []).append(n)

    def _cells(self, box: Box) -> Optional[list[tuple[int, int]]]:
        """The cells ``box`` lies on, or None for one to check everywhere: one over too many cells,
        turned inside out (it may still meet another, as its edges compare) or not finite."""
        if not (self.cell > 0 and math.isfinite(box.x0 + box.y0 + box.x1 + box.y1)):
            return None
        i0, i1 = math.floor(box.x0 / self.cell), math.floor(box.x1 / self.cell)
        j0, j1 = math.floor(box.y0 / self.cell), math.floor(box.y1 / self.cell)
        if i1 < i0 or j1 < j0 or (i1 - i0 + 1) * (j1 - j0 + 1) > self.WIDEST:
            return None
        return [(i, j) for i in range(i0, i1 + 1) for j in range(j0, j1 + 1)]

    def around(self, box: Box, skip: Optional[str] = None) -> Iterator[Box]:
        """The boxes on the cells ``box`` lies on, but those with the words ``skip``, in the order
        they were filed (so that a sum over them comes out as over all of them)."""
        keys = self._cells(box)
        found = set(range(len(self.boxes))) if keys is None else set(self.everywhere)
        for key in keys or ():
            found.update(self.cells.get(key, ()))
        return (near for near, words in (self.boxes[n] for n in sorted(found)) if skip is None or words != skip)

    def meets(self, box: Box, skip: Optional[str] = None) -> bool:
        """Whether ``box`` meets any box on the cells it lies on, but those with the words ``skip``:
        :meth:`around` without gathering and ordering them first, stopped at the first it meets (on a
        part whose edges hundreds of flows crowd, most places are taken, and gathering the badges
        around each was most of the time of placing them)."""
        keys = self._cells(box)
        if keys is None:
            return any(box.meets(near) for near, words in self.boxes if skip is None or words != skip)
        filed = itertools.chain(self.everywhere, (n for key in keys for n in self.cells.get(key, ())))
        return any(box.meets(near) for near, words in map(self.boxes.__getitem__, filed)
                   if skip is None or words != skip)


class Blocked:
    """What a badge may not cover: :class:`Near` boxes, each with words to pass over, in order."""

    def __init__(self, *parts: tuple[Near, Optional[str]]) -> None:
        self.parts = parts

    def _around(self, box: Box) -> Iterator[Box]:
        for near, skip in self.parts:
            yield from near.around(box, skip)

    def meets(self, box: Box) -> bool:
        """Whether ``box`` meets any of them."""
        return any(near.meets(box, skip) for near, skip in self.parts)

    def covered(self, box: Box) -> float:
        """The area ``box`` shares with them, all told, added up one by one in their order (not
        by ``sum``, which adds floats with compensation from Python 3.12 on: :meth:`covered_under`
        stops part way, and both must come out alike on every Python: review EV)."""
        return _added(covered_area(box, o) for o in self._around(box))

    def covered_under(self, box: Box, bound: float) -> Optional[float]:
        """:meth:`covered`, or None as soon as the sum reaches ``bound``: the areas are never
        negative, so the rest cannot bring it back under (weighing every place of every badge in
        full took two thirds of a briefing whose flows each cross many lanes)."""
        total = 0.0
        for other in self._around(box):
            total += covered_area(box, other)
            if total >= bound:
                return None
        return total if total < bound else None


def _added(areas: Iterable[float]) -> float:
    """``areas`` added one by one, in order."""
    total = 0.0
    for area in areas:
        total += area
    return total
