"""Where the printed map is cut into tiles (SPEC 4.2, item 3): the sizes and the cuts.

No text on a printed page may be smaller than :data:`FLOOR` points. Tiles cut the map between
stage columns (inside a stage only where that saves a page, and then between boxes, where no
flow label is cut if the gap allows) and between lanes; :mod:`.tiles` draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional

from journeymap.briefing.cutpoints import free_x
from journeymap.briefing.folds import Fold, Folded, folds_of
from journeymap.briefing.mapgeometry import Box, Layout, column_gap
from journeymap.map.theme import PRINT_FLOOR

#: The smallest printed text size, in points (with a little room for rounding in PDF readers).
FLOOR = PRINT_FLOOR
SAFE = FLOOR * 1.01
#: Printed size of the continuation badges and the overview's part numbers.
BADGE_PT = 7.0
NUMBER_PT = 14.0
CONTINUED_PT = 9.0
#: Most a tile is enlarged to fill its page.
MAX_SCALE = 1.6


def foot_room(layout: Layout) -> float:
    """Room under a part whose lanes go on below, in map units: half a badge at the least scale."""
    return layout.min_font * BADGE_PT * 0.8 / SAFE


@dataclass(frozen=True)
class Sheet:
    """Room for a map on one page: the orientation's name and the map's box in points."""

    orientation: str
    width: float
    height: float


@dataclass(frozen=True)
class Tile:
    """One part of the map: a range of the stage area (x) and of the lanes (y), in map
    coordinates, and the runs of those lanes it folds (:mod:`.folds`)."""

    number: int
    body: Box
    stages: tuple[str, ...]
    lanes: tuple[str, ...]
    folds: tuple[Fold, ...] = ()
    #: Room under the part for badges across its foot, in map units (:func:`foot_room`).
    foot: float = 0.0

    @property
    def axis(self) -> Folded:
        """The part's y axis, folds squeezed (:class:`~.folds.Folded`)."""
        return Folded(self.body.y0, self.body.y1, self.folds)


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
    ranges, j = [], len(points) - 1
    while j > 0:
        i = best[j][2]  # type: ignore[index]
        ranges.append((points[i][0], points[j][0]))
        j = i
    return ranges[::-1]


def spread_ranges(spans: list[tuple[float, float]], room: float, free: list[float]) -> list[tuple[float, float]]:
    """As many ranges as :func:`packed_ranges` takes, cut between stages or at ``free`` points
    inside them so that the widest is as narrow as it can be: packed, the last stage of a burst
    main's journey, two touch-points, took a slide of its own 27 % full (audit EA)."""
    count = len(packed_ranges(spans, room, free))
    edges = [spans[0][0]] + [b for _, b in spans]
    points = sorted({*edges, *(p for p in free if edges[0] < p < edges[-1])})

    def greedy(width: float) -> list[tuple[float, float]]:
        ranges, at = [], 0
        while at < len(points) - 1:
            reach = max((j for j in range(at + 1, len(points)) if points[j] - points[at] <= width + 1e-6), default=at + 1)
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


def _bands(layout: Layout) -> list[tuple[str, float, float]]:
    """Horizontal bands below the rows every tile repeats (:attr:`Layout.heading`): each lane."""
    return [(lane_id, box.y0, box.y1) for lane_id, box in layout.lanes]


def _lane_ranges(bands: list[tuple[str, float, float]], held: list[Box], x0: float, x1: float, room_y: float,
                 cut: Callable[..., list[tuple[float, float]]], scale: float,
                 trim: bool) -> list[tuple[float, float, tuple[Fold, ...]]]:
    """The lane ranges of the stage range ``x0``-``x1``, each with its folds: the lanes that hold
    no box or flow label there (``held``) folded where a strip saves room (:func:`~.folds.folds_of`),
    then cut to fit ``room_y`` at their folded heights.

    With ``trim``, lanes that must be cut between parts are cut over those from the first that
    holds something to the last, and each range begins and ends with one that does
    (:func:`plan_tiles`): cut as the whole map's lanes are, a range whose boxes lie in one or two
    lanes could take a page for them alone, mostly empty lanes (audit X: one box on a letter page
    23 % full). Lanes that fit one part are folded, not left out."""
    across = [box for box in held if box.x0 <= x1 and x0 <= box.x1]  # meets the range's x span
    lanes = [(lid, a, b, any(box.y0 <= b and a <= box.y1 for box in across)) for lid, a, b in bands]
    if not any(h for *_, h in lanes):
        return []
    if any(b - a > room_y for _, a, b in bands):
        # A lane taller than a page (none within the format's limits today) is cut across parts,
        # as every lane was before folds: cut between lanes only, it would be on no part at all.
        return [(y0, y1, ()) for y0, y1 in cut([(a, b) for _, a, b in bands], room_y, [a for _, a, _ in bands])]
    ranges = _folded_ranges(lanes, room_y, cut, scale)
    if trim and len(ranges) > 1:
        first = next(n for n, lane in enumerate(lanes) if lane[3])
        last = max(n for n, lane in enumerate(lanes) if lane[3])
        ranges = _folded_ranges(lanes[first:last + 1], room_y, cut, scale, trim=True)
    return ranges


def _folded_ranges(lanes: list[tuple[str, float, float, bool]], room_y: float,
                   cut: Callable[..., list[tuple[float, float]]], scale: float,
                   trim: bool = False) -> list[tuple[float, float, tuple[Fold, ...]]]:
    """``lanes`` (``(id, y0, y1, held)``) cut into ranges that fit ``room_y`` at their folded
    heights, each with its folds; with ``trim``, each range from its first held lane to its last."""
    folds = folds_of(lanes, scale)
    # Cut between lanes as the part would print them, a folded run as one (its strip whole on one
    # part: cut inside it, each piece's strip would be taller than its share, the part than its page).
    units: list[tuple[Optional[Fold], list[tuple[str, float, float, bool]]]] = []
    for lane in lanes:
        fold = next((f for f in folds if f.y0 <= lane[1] and lane[2] <= f.y1), None)
        if fold is not None and units and units[-1][0] is fold:
            units[-1][1].append(lane)
        else:
            units.append((fold, [lane]))
    spans, at = [], 0.0
    for fold, members in units:
        size = fold.height if fold is not None else members[0][2] - members[0][1]
        spans.append((at, at + size))
        at += size
    ranges = []
    for s0, s1 in cut(spans, room_y, [a for a, _ in spans]):
        inside = [lane for (_, members), (a, b) in zip(units, spans) if s0 - 1e-6 <= a and b <= s1 + 1e-6
                  for lane in members]
        while trim and inside and not inside[0][3]:
            inside.pop(0)
        while trim and inside and not inside[-1][3]:
            inside.pop()
        if inside:  # its folds are the runs it holds whole: a range never cuts one
            y0, y1 = inside[0][1], inside[-1][2]
            ranges.append((y0, y1, tuple(f for f in folds if y0 <= f.y0 and f.y1 <= y1)))
    return ranges


def plan_tiles(layout: Layout, sheet: Sheet, scale: float, even: bool = True, packed: bool = True,
               trim: bool = False, split: bool = False, spread: bool = False) -> list[Tile]:
    """The tiles that cover the stage area at ``scale`` on ``sheet``: ranges of the stage area,
    each in lane ranges. Both are as even as their number allows (``even``: see
    :func:`even_ranges`), else each as full as the page allows; ``packed`` ranges of stages are
    cut where that saves a page (:func:`packed_ranges`), else only where a stage is wider than one.
    With ``trim``, lanes that do not fit one page are cut for each range of stages apart, over the
    lanes that hold its boxes (:func:`_lane_ranges`); with ``split``, a range whose lanes are cut
    is cut between its stages instead where that takes no more parts (:func:`_split`). Runs of
    lanes that hold nothing within a range of stages are folded (:mod:`.folds`)."""
    cut = even_ranges if even else cut_ranges
    room_x = sheet.width / scale - layout.labels.width
    room_y = sheet.height / scale - layout.heading.height
    if room_x < 40 or room_y < 20:
        return []
    gap = column_gap(layout.columns)
    spans = [(b.x0 - gap / 2, b.x1 + gap / 2) for _, b in layout.columns]
    x_ranges = (spread_ranges if spread else packed_ranges if packed else cut)(spans, room_x, free_x(layout))
    bands = _bands(layout)
    boxes = [item.box for item in layout.of_class("touchpoint")]
    # Lanes are kept for the boxes and for the flows' labels (printed words: review AC).
    held = boxes + [item.box for item in layout.of_class("flow-label")]
    trim = trim and len(cut([(a, b) for _, a, b in bands], room_y, [a for _, a, _ in bands])) > 1
    tiles: list[Tile] = []
    under = foot_room(layout)
    if split:
        edges = [b for _, b in spans[:-1]]
        x_ranges = [piece for x0, x1 in x_ranges for piece in _split(
            x0, x1, edges, lambda a, b: len(_lane_ranges(bands, held, a, b, room_y, cut, scale, trim)))]
    for x0, x1 in x_ranges:
        stages = tuple(cid.removeprefix("column-") for cid, b in layout.columns if b.x1 > x0 and b.x0 < x1)
        lane_ranges = _lane_ranges(bands, held, x0, x1, room_y, cut, scale, trim)
        if not even and len(lane_ranges) > 1 and _runt(lane_ranges, room_y):
            # Lanes cut as full as a page allows left a strip of one lane, one box, on a page 73 %
            # blank (a generated 100-touch-point journey on a4, audit BF): these stages' lanes cut
            # evenly instead, where that takes no more parts and leaves none so low.
            balanced = _lane_ranges(bands, held, x0, x1, room_y, even_ranges, scale, trim)
            if len(balanced) == len(lane_ranges) and not _runt(balanced, room_y):
                lane_ranges = balanced
        for y0, y1, folds in lane_ranges:
            body = Box(x0, y0, x1, y1)
            if boxes and not any(b.meets(body) for b in boxes):
                continue  # empty lanes only: a page that shows nothing (its flows are marked elsewhere)
            lanes = tuple(lid.removeprefix("lane-") for lid, a, b in bands if lid and b > y0 and a < y1)
            # Room for badges across the foot of a part whose lanes go on below, where its page has
            # it: inside, the last lane's boxes reached nearly to the edge, and a badge slid along
            # it 20 badges' height from its flow (:mod:`.badges`).
            high = layout.heading.height + Folded(y0, y1, folds).height + under
            foot = under if y1 < bands[-1][2] - 1 and high <= sheet.height / scale else 0.0
            tiles.append(Tile(len(tiles) + 1, body, stages, lanes, folds, foot))
    return tiles


#: A part of lanes lower than this share of a page's room is a runt (:func:`plan_tiles`).
RUNT = 0.35


def _runt(ranges: list[tuple[float, float, tuple[Fold, ...]]], room_y: float) -> bool:
    """Whether a lane range of ``ranges`` is lower, folds squeezed, than :data:`RUNT` of ``room_y``."""
    return any(Folded(y0, y1, folds).height < RUNT * room_y for y0, y1, folds in ranges)


def _split(x0: float, x1: float, edges: list[float], parts: Callable[[float, float], int]) -> list[tuple[float, float]]:
    """The range ``x0``-``x1`` cut at stage ``edges`` into the runs of stages that take fewest
    ``parts`` (pages) in all, then fewest runs whose lanes are cut, where that takes no more parts
    than the range whole and cuts fewer lanes; else the range whole. Packed by width alone, two
    stages of a moving-home journey shared two pages cut between lanes 1-4 and 5-8, and a
    customer's path went up and down between them, where each stage whole, its empty lanes
    folded, fitted a page of its own (audit EA)."""
    points = [x0, *(e for e in edges if x0 + 1 < e < x1 - 1), x1]
    whole = parts(x0, x1)
    if len(points) < 3 or whole < 2:
        return [(x0, x1)]
    best: list[Optional[tuple[int, int, int]]] = [(0, 0, -1)] + [None] * (len(points) - 1)
    for j in range(1, len(points)):
        for i in range(j):
            if best[i] is not None:
                n = parts(points[i], points[j])
                option = (best[i][0] + n, best[i][1] + (n > 1), i)  # type: ignore[index]
                if best[j] is None or option[:2] < best[j][:2]:  # type: ignore[index]
                    best[j] = option
    end = best[-1]
    if end is None or (end[0], end[1]) >= (whole, 1):
        return [(x0, x1)]
    ranges, j = [], len(points) - 1
    while j > 0:
        i = best[j][2]  # type: ignore[index]
        ranges.append((points[i], points[j]))
        j = i
    return ranges[::-1]
