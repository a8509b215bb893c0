"""Where the printed map is cut into tiles (SPEC 4.2, item 3): the sizes and the cuts.

No text on a printed page may be smaller than :data:`FLOOR` points. Tiles cut the map between
stage columns (inside a stage only where that saves a page, and then between boxes, where no
flow label is cut if the gap allows) and between lanes; :mod:`.tiles` draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from journeymap.briefing.cutpoints import free_x
from journeymap.briefing.folds import Fold, Folded, folds_of
from journeymap.briefing.mapgeometry import Box, Layout, column_gap
from journeymap.briefing.stageruns import cut_ranges, even_ranges, packed_ranges, split_run, spread_ranges
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
    :func:`~.stageruns.even_ranges`), else each as full as the page allows; ``packed`` ranges of
    stages are cut where that saves a page (:func:`~.stageruns.packed_ranges`), else only where a
    stage is wider than one; with ``spread``, as many as packing takes, as even in width as cuts
    allow (:func:`~.stageruns.spread_ranges`). With ``trim``, lanes that do not fit one page are
    cut for each range of stages apart, over the lanes that hold its boxes (:func:`_lane_ranges`);
    with ``split``, a range whose lanes are cut is cut between its stages instead where that takes
    no more parts (:func:`~.stageruns.split_run`). Runs of lanes that hold nothing within a range
    of stages are folded (:mod:`.folds`)."""
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
        x_ranges = [piece for x0, x1 in x_ranges for piece in split_run(
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
