"""Parts of a low map printed one under another on a page (SPEC 4.2: no near-empty pages).

A map of one or two lanes, or one whose parts are short, printed a strip a page, most of each
page blank: a one-lane journey of 120 touch-points took 33 a4 pages, three quarters of each
blank. Consecutive parts share a page, each under its own heading, where every one of them still
prints legibly and at :data:`KEEPS` or more of the size it prints at alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.briefing.mapgeometry import Layout
from journeymap.briefing.tileplan import Sheet, Tile
from journeymap.briefing.tiles import MOST_APART, tile_size

#: Most parts on one page, and the least share of its size alone a part keeps when it shares one.
MOST_ROWS = 4
KEEPS = 0.8
#: Room between two parts on a page, in points (briefing.css, ``.map-page.map-joins``).
GAP = 4 * 72 / 25.4


@dataclass(frozen=True)
class Placed:
    """A part as printed: the room it fills (its width and printed height) and whether it begins
    a page (else it shares the page of the part before)."""

    tile: Tile
    room: Sheet
    first: bool


def _need(heights: dict[int, float], group: list[Tile], alone: dict[int, float], scale: float, heading: float,
          share: float) -> float:
    """The height a page's ``group`` takes, each part (of height ``heights``, by number, in map
    units) at ``share`` of its size alone (never under the legible ``scale``), with its heading
    and the gaps between them."""
    return sum(heading + heights[t.number] * max(scale, share * alone[t.number]) for t in group) + GAP * (len(group) - 1)


def _groups(heights: dict[int, float], tiles: list[Tile], alone: dict[int, float], scale: float, heading: float,
            room: float) -> list[list[Tile]]:
    """Consecutive parts, as many a page as fit at :data:`KEEPS` (up to :data:`MOST_ROWS`), then
    as evenly as the same number of pages allows when they fit so too (not three full pages and
    a strip alone)."""
    groups: list[list[Tile]] = [[]]
    for t in tiles:
        trial = groups[-1] + [t]
        if groups[-1] and (len(trial) > MOST_ROWS or _need(heights, trial, alone, scale, heading, KEEPS) > room):
            groups.append([t])
        else:
            groups[-1] = trial
    pages, count = len(groups), len(tiles)
    sizes = [count // pages + (1 if n < count % pages else 0) for n in range(pages)]
    even, at = [], 0
    for size in sizes:
        even.append(tiles[at:at + size])
        at += size
    fits = all(len(g) <= MOST_ROWS and _need(heights, g, alone, scale, heading, KEEPS) <= room for g in even)
    return even if fits else groups


def _scales(heights: dict[int, float], tiles: list[Tile], alone: dict[int, float], scale: float, heading: float,
            room: float) -> list[tuple[Tile, float, bool]]:
    """Each part, the scale it prints at and whether it begins a page, parts grouped by
    :func:`_groups` and each page's shrunk alike, as little as lets them fit."""
    scales: list[tuple[Tile, float, bool]] = []
    for group in _groups(heights, tiles, alone, scale, heading, room):
        share = 1.0
        if _need(heights, group, alone, scale, heading, share) > room:
            low, high = KEEPS, 1.0
            for _ in range(30):  # the largest share at which the group fits
                mid = (low + high) / 2
                low, high = (mid, high) if _need(heights, group, alone, scale, heading, mid) <= room else (low, mid)
            share = low
        scales += [(t, max(scale, share * alone[t.number]), n == 0) for n, t in enumerate(group)]
    return scales


def stack(layout: Layout, tiles: list[Tile], sheet: Sheet, scale: float, heading: float,
          alone: dict[int, float]) -> list[Placed]:
    """Each part with the room it prints in on ``sheet`` (of heading room ``heading`` a part) and
    whether it begins a page; ``alone`` is each part's scale printed on a page of its own.

    The parts print at scales near each other (:data:`~.tiles.MOST_APART`), those alone on a
    page too: beside parts shrunk to share a page, they looked as if from another document. So
    once some share pages, the others are held to that, and the parts grouped again at those
    sizes (two parts so held may then share a page too)."""
    room = sheet.height + heading
    heights = {t.number: tile_size(layout, t)[1] for t in tiles}  # asked of each part again and again
    scales = _scales(heights, tiles, alone, scale, heading, room)
    if all(first for _, _, first in scales):
        return [Placed(t, sheet, True) for t, _, _ in scales]  # a page each, as before
    for _ in range(2):
        most = min(s for _, s, _ in scales) * MOST_APART
        held = {t.number: min(alone[t.number], most) for t in tiles}
        scales = _scales(heights, tiles, held, scale, heading, room)
    most = min(s for _, s, _ in scales) * MOST_APART
    return [Placed(t, Sheet(sheet.orientation, sheet.width, heights[t.number] * min(s, most)), first)
            for t, s, first in scales]
