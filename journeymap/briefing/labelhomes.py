"""Where each flow label of a tiled map is printed: on one tile, whole, clear of boxes and of the
other labels (SPEC 4.2, item 3: a label cut at a tile's edge printed half on each page).

:func:`label_homes` weighs every tile a label might go to; :mod:`.tiles` draws each label where
it says.
"""

from __future__ import annotations

from typing import Iterator, Optional

from journeymap.briefing.folds import clipped
from journeymap.briefing.mapgeometry import Box, Item, Layout, label_box, route_points
from journeymap.briefing.tileplan import Tile

#: A flow label and the top-left corner it is printed at, in map units.
Placement = tuple[Item, tuple[float, float]]


def slid(start: float, size: float, low: float, high: float) -> float:
    """Where a span of ``size`` from ``start`` begins, moved the least to lie in ``[low, high]``
    (left where it is when it cannot fit)."""
    return min(max(start, low), high - size) if size <= high - low else start


def label_homes(layout: Layout, tiles: list[Tile]) -> dict[int, list[Placement]]:
    """Which tile shows each flow label, and where its top-left corner goes there.

    A label across a tile's edge was cut in two, half on each page ("invoice ma…" and "atches").
    Each is now whole on one tile: moved, if it must be, to lie inside it (and above or below a
    box or label it would cover); a tile where it covers neither wins, then one showing its flow
    beside it, then the one holding its middle, then the least move. A label no tile
    meets (in lanes no part shows for its stages) goes to the nearest, where it covers no box if
    one allows (review AC: it was printed on no page).
    """
    boxes = _Boxes([i.box for i in layout.of_class("touchpoint")])
    # What a label covers is told by the box the map planned for it: the item's box, measured with
    # generous glyphs, ran "after three clicks" 17 units into the box the map had set it clear of,
    # and the label was moved 199 units off its flow, onto another lane.
    planned = {id(i): label_box(i.el) or i.box for i in layout.of_class("flow-label")}
    # A label slid into a tile keeps off the others too: "after two days", set in the gutter beside
    # its flow, slid onto "otherwise" at a slide part's edge. The map sets no two labels
    # on each other; a label moved is filed again where it goes.
    labels = _Boxes(list(planned.values()))
    flows = {i.id: i for i in layout.of_class("flow")}
    homes: dict[int, list[Placement]] = {t.number: [] for t in tiles}
    for item in layout.of_class("flow-label"):
        b = item.box
        # The tiles that show its flow beside it: a label set beside a flow cut at a tile's edge
        # went to the next tile, alone, its flow on the one before (audit AT, gen-150).
        beside = _beside(b, flows.get(item.id.removeprefix("label-")), tiles)
        # A tile the label meets or whose flow it labels always beats one it does neither on;
        # among those, one showing its flow wins: only the rest are weighed when none does.
        near = [t for t in tiles if t.body.meets(b) or t.number in beside] or tiles
        options = [_home(b, planned[id(item)], t, t.number in beside, boxes, labels) for t in near]
        if options and all(o[0] for o in options):  # over a box on each: a tile further off may have room
            options += [_home(b, planned[id(item)], t, False, boxes, labels) for t in tiles if t not in near]
        if options:
            *_, number, corner = min(options)
            homes[number].append((item, corner))
            core = planned[id(item)]
            left, top = corner[0] + core.x0 - b.x0, corner[1] + core.y0 - b.y0
            if abs(left - core.x0) + abs(top - core.y0) > 0.01:
                # moved: the labels after it keep off where it went too ("otherwise" and "after
                # two days", both slid to a part's left edge, were printed on each other: audit EW)
                labels.add(Box(left, top, left + core.width, top + core.height))
    return homes


#: How far from a label its flow may run to count as beside it (map units; a label stands 4-22
#: units off its route: journeymap.map.edgelabels.OFFSETS).
BESIDE = 24.0


def _beside(label: Box, flow: Optional[Item], tiles: list[Tile]) -> set[int]:
    """The tiles whose body holds a piece of ``flow``'s route within :data:`BESIDE` of ``label``."""
    if flow is None:
        return set()
    reach = Box(label.x0 - BESIDE, label.y0 - BESIDE, label.x1 + BESIDE, label.y1 + BESIDE)
    near = [p for piece in clipped(route_points(flow), reach) for p in piece]
    return {t.number for t in tiles if any(t.body.holds(x, y) for x, y in near)}


def _home(b: Box, core: Box, tile: Tile, beside: bool, boxes: "_Boxes",
          labels: "_Boxes") -> tuple[bool, bool, bool, bool, float, int, tuple[float, float]]:
    """How well the label box ``b`` sits on ``tile``, which shows its flow ``beside`` it or not
    (smaller is better: covering a box or another label, not showing its flow, not meeting it, its
    middle elsewhere, the move), the tile's number and where the label goes there. ``core`` is the
    box the map planned for it (inside ``b``), which is what must cover nothing.

    Covering comes first: on a generated journey's slide part "after two days" had no free row
    beside its flow and lay on "otherwise"; the next part shows where its flow arrives."""
    body = tile.body

    def covers(top: float) -> bool:
        left, down = x + core.x0 - b.x0, top + core.y0 - b.y0
        spot = _inner(Box(left, down, left + core.width, down + core.height))
        # a lane the tile folds into a strip is no place for it: squeezed with the lane, a label
        # slid onto an empty lane of the map was printed over a moment of truth (audit CK)
        folded = any(f.y0 < spot.y1 and spot.y0 < f.y1 for f in tile.folds)
        return folded or boxes.any_meets(spot) or labels.any_meets(spot, but=core)

    meets = body.meets(b)
    x, y = slid(b.x0, b.width, body.x0, body.x1), slid(b.y0, b.height, body.y0, body.y1)
    clash = covers(y)
    if clash:  # slid in over a box: the nearest free place above or below (audit AT: over a box's corner)
        free = next((ty for ty in _rows(y, b.height, body) if not covers(ty)), None)
        clash, y = (False, free) if free is not None else (True, y)
    away = not body.holds((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
    moved = abs(x - b.x0) + abs(y - b.y0) if meets else _gap(b, body)
    return clash, not beside, not meets, away, moved, tile.number, (x, y)


def _inner(box: Box) -> Box:
    """A label's box less half a unit each side: one the map set against a box, touching it, covers none."""
    return Box(box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)


def _rows(y: float, height: float, body: Box) -> Iterator[float]:
    """Tops for a label ``height`` high moved from ``y`` by half its height at a time, nearest first,
    below and above in turn, within the tile's ``body``."""
    for k in range(1, 13):
        for top in (y + k * height / 2, y - k * height / 2):
            if body.y0 <= top and top + height <= body.y1:
                yield top


class _Boxes:
    """Boxes filed by the strips of the map they cross, so asking which meet a box tries a few,
    not all (label_homes tried every box for every label on every tile: 6 s of a 500-touch-point
    briefing)."""

    STRIP = 200.0

    def __init__(self, boxes: list[Box]) -> None:
        self._strips: dict[int, list[Box]] = {}
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> None:
        """File one more box."""
        for k in self._span(box):
            self._strips.setdefault(k, []).append(box)

    def _span(self, box: Box) -> range:
        return range(int(box.x0 // self.STRIP), int(box.x1 // self.STRIP) + 1)

    def any_meets(self, box: Box, but: Optional[Box] = None) -> bool:
        """Whether any of the boxes (``but`` that one) meets ``box``."""
        return any(o.meets(box) and o is not but for k in self._span(box) for o in self._strips.get(k, ()))


def _gap(a: Box, b: Box) -> float:
    """How far apart two boxes are, across and down (0 where they meet)."""
    return max(a.x0 - b.x1, b.x0 - a.x1, 0.0) + max(a.y0 - b.y1, b.y0 - a.y1, 0.0)
