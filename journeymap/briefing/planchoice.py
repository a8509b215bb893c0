"""Which plan of parts a printed map takes (SPEC 4.2, item 3): :mod:`.tileplan` proposes plans
(each orientation, stages cut where a page ends or only between them, lanes cut evenly or as full
as a page allows), and :func:`best_plan` takes the one that costs a reader least."""

from __future__ import annotations

from typing import NamedTuple

from journeymap.briefing.crossings import crossings
from journeymap.briefing.mapgeometry import Layout
from journeymap.briefing.stacking import stack
from journeymap.briefing.stageruns import STAGE_CUT
from journeymap.briefing.tileplan import MAX_SCALE, Sheet, Tile, plan_tiles
from journeymap.briefing.tiles import MOST_APART, fill_scale, tile_size

#: What a flow cut between two parts costs, in parts, when plans are compared: the reader looks
#: it up on another page (about seven cut flows are worth a page).
CUT_FLOW = 0.15
#: What a part that fills less than half its page costs, in parts (a strip of one lane on a page
#: of its own: home-claim on a4 portrait). At 1.5, the newsletter's slides took a part 40 % full
#: over a plan of as many parts all 64 % full or more.
SPARSE = 3.0
#: How many more parts, as a share of the chosen plan's, a plan may take to leave fewer parts
#: less than half full (:func:`_fuller`); at least one more.
MORE_PARTS = 0.1
#: What cutting a range of stages between lanes costs, in parts, for each part beyond the first
#: that shows those stages: the departments of one stage on two pages part the very hand-offs the
#: map is for ("→ part 2" at a page's foot, "from part 1" at the next one's head). Free, home-claim
#: and business-ordering on a4 took landscape parts of lanes 1-3 and 4-7 where portrait parts of
#: one stage and every lane took one page more; letter paper already chose those. At
#: half a part, home-claim after a week's edits took landscape parts of lanes 1-5 and of lane 6,
#: one lane of two stages on a page 55 % blank, over portrait parts of every lane: a
#: reader puts the two pages side by side, so the cut costs about as much as the page it saves.
LANE_CUT = 1.0
#: What cutting a stage between two parts costs where plans are weighed in pages
#: (:func:`_fewer_pages`): a page saved by parts sharing pages is not worth a stage cut more, a
#: stage of one box then printed as a part of its own (a generated 10-touch-point journey on
#: letter, audit EY); one that saves more than two pages is.
PAGED_STAGE_CUT = 2.0


def most_scale(layout: Layout, tiles: list[Tile], sheet: Sheet, scale: float) -> float:
    """The most any part of a plan is enlarged (see :data:`~.tiles.MOST_APART`)."""
    return min(MAX_SCALE, MOST_APART * min(fill_scale(layout, t, sheet, scale) for t in tiles))


def _area(layout: Layout, tile: Tile, sheet: Sheet, scale: float, most: float) -> float:
    """The area a tile covers printed in ``sheet``: enlarged to fill it, up to ``most``."""
    width, height = tile_size(layout, tile)
    grown = fill_scale(layout, tile, sheet, scale, most)
    return width * height * grown * grown


def _filled(layout: Layout, tile: Tile, sheet: Sheet, scale: float, most: float) -> float:
    """The share of ``sheet`` a tile covers as printed (:func:`_area`)."""
    return _area(layout, tile, sheet, scale, most) / (sheet.width * sheet.height)


def _sparse(layout: Layout, tiles: list[Tile], sheet: Sheet, scale: float) -> int:
    """How many parts of a plan fill less than half their page as printed."""
    most = most_scale(layout, tiles, sheet, scale)
    return sum(1 for t in tiles if _filled(layout, t, sheet, scale, most) < 0.5)


def _pages(layout: Layout, tiles: list[Tile], sheet: Sheet, scale: float, heading: float,
           sparse: int) -> tuple[int, int]:
    """How many pages a plan's parts take, low ones sharing pages as :mod:`.stacking` sets them
    (``heading``: the room a part's heading takes), and how many of those pages are less than half
    full as printed (``sparse``, its parts that are, where each has a page of its own)."""
    most = most_scale(layout, tiles, sheet, scale)
    placed = stack(layout, tiles, sheet, scale, heading, {t.number: fill_scale(layout, t, sheet, scale, most)
                                                          for t in tiles})
    if all(p.first for p in placed):
        return len(tiles), sparse
    filled: list[float] = []
    for p in placed:
        if p.first:
            filled.append(0.0)
        filled[-1] += _area(layout, p.tile, p.room, scale, most)
    return len(filled), sum(1 for area in filled if area < 0.5 * sheet.width * sheet.height)


def _lane_cuts(tiles: list[Tile]) -> int:
    """How many parts of a plan show stages another part shows too (other lanes of them)."""
    return len(tiles) - len({(t.body.x0, t.body.x1) for t in tiles})


def _cost(layout: Layout, tiles: list[Tile], sparse: int) -> float:
    """What a plan costs a reader, in parts: its parts, :data:`CUT_FLOW` for each flow cut
    between two of them, :data:`LANE_CUT` for each part beyond the first that shows the same
    stages (other lanes of them), :data:`~.stageruns.STAGE_CUT` for each stage cut between two
    parts (portrait parts of half a stage each took business-ordering-8-lanes on letter where
    landscape parts of a stage each, every lane shown, fold the lanes they leave empty: audit AL),
    :data:`SPARSE` for each of its ``sparse`` parts that fill less than half their page as
    printed (:func:`_sparse`: scored as if enlarged past what :func:`most_scale` allows, bike's
    last part on a3 counted 53 % full and printed 31 %: audit L)."""
    return len(tiles) + CUT_FLOW * len(crossings(layout, tiles)) + SPARSE * sparse + LANE_CUT * _lane_cuts(tiles) \
        + STAGE_CUT * _stage_cuts(layout, tiles)


def _stage_cuts(layout: Layout, tiles: list[Tile]) -> int:
    """How many stages a plan cuts between two parts."""
    spans = sorted({(t.body.x0, t.body.x1) for t in tiles})
    return sum(1 for x0, _ in spans[1:] if any(c.x0 + 1 < x0 < c.x1 - 1 for _, c in layout.columns))


class _Plan(NamedTuple):
    """One plan of parts, scored: ``rank`` orders what ties on cost (:func:`best_plan`)."""

    rank: tuple[float, int, int, bool, bool]
    sparse: int
    sheet: Sheet
    tiles: list[Tile]
    #: The pages its parts take, low ones sharing pages, and how many of them are less than half
    #: full (:func:`_pages`).
    pages: tuple[int, int]
    #: Made by :func:`_reshaped`: not trimmed again (its flags would trim the packed plan, again).
    reshaped: bool = False


def _scored(layout: Layout, tiles: list[Tile], sheet: Sheet, scale: float, heading: float, order: int, whole: bool,
            uneven: bool) -> _Plan:
    """``tiles`` on ``sheet`` (the ``order``-th orientation; ``heading`` the room a part's heading
    takes) with what they cost (:func:`_cost`), then how many lane ranges they show, then the
    orientation and how they were cut."""
    sparse = _sparse(layout, tiles, sheet, scale)
    cost = round(_cost(layout, tiles, sparse), 6)
    return _Plan((cost, len({t.lanes for t in tiles}), order, whole, uneven), sparse, sheet, tiles,
                 _pages(layout, tiles, sheet, scale, heading, sparse))


def best_plan(layout: Layout, sheets: list[Sheet], scale: float, heading: float = 40.0) -> tuple[Sheet, list[Tile]]:
    """The tiles that cost least (:func:`_cost`) among the orientations ``sheets``, each with its
    stages cut where that saves a page or only between stages, and its lanes cut as full as a page
    allows or evenly, and where that cuts lanes, cut for each range of stages apart too; then the
    one that keeps lanes together; then the first sheet. No tiles when the map fits none of them.
    Then, where low parts share pages (``heading``: the room a part's heading takes), a plan that
    takes fewer pages (:func:`_fewer_pages`).

    Chosen on parts alone, business-ordering on a4 took nine portrait parts of half a stage each,
    and a plan cutting lanes could win by leaving more tiles empty. Lanes cut for each range of
    stages apart were tried only for the orientation already chosen: a generated 300-touch-point
    journey on a4 took 79 portrait parts, 10 of them less than half full, over 71 landscape ones
    with 1."""
    options = []
    for order, sheet in enumerate(sheets):
        for packed, even in ((True, True), (True, False), (False, True), (False, False)):
            tiles = plan_tiles(layout, sheet, scale, even, packed)
            if tiles:
                options.append(_scored(layout, tiles, sheet, scale, heading, order, not packed, not even))
            if packed and even and tiles:
                options += [_scored(layout, other, sheet, scale, heading, order, False, False)._replace(reshaped=True)
                            for other in _reshaped(layout, sheet, scale, tiles)]
    if not options:
        return sheets[0], []
    most_sparse = min(options, key=_by_rank).sparse
    for plan in list(options):
        _, lanes, order, whole, uneven = plan.rank
        if lanes > 1 and not plan.reshaped:
            # Lanes cut: each range of stages cut over the lanes that hold its boxes and labels,
            # where that leaves no more parts half empty than the plan chosen so far (review AC:
            # strips of one lane).
            trimmed = plan_tiles(layout, plan.sheet, scale, not uneven, not whole, trim=True)
            if trimmed:
                scored = _scored(layout, trimmed, plan.sheet, scale, heading, order, whole, uneven)
                if scored.sparse <= most_sparse:
                    options.append(scored)
    chosen = _fewer_pages(layout, options, _fuller(options, min(options, key=_by_rank)))
    return chosen.sheet, chosen.tiles


def _reshaped(layout: Layout, sheet: Sheet, scale: float, tiles: list[Tile]) -> list[list[Tile]]:
    """Two more plans beside the stages packed by width (``tiles``): a run whose lanes are cut cut
    between its stages instead where that takes no more pages, and as many runs spread evenly in
    width, weighed where it parts no more stages between lanes (:func:`~.tileplan.plan_tiles`).
    For the even cuts alone: the others added nothing over 87 plans, and each costs a plan's time
    (at 500 touch-points, 0.1 s for the two)."""
    cuts = _lane_cuts(tiles)
    split = plan_tiles(layout, sheet, scale, split=True) if cuts else tiles  # only a run whose lanes are cut is split
    spread = plan_tiles(layout, sheet, scale, spread=True)
    return [split] * (split != tiles) + [spread] * (spread not in (tiles, split) and _lane_cuts(spread) <= cuts)


def _fewer_pages(layout: Layout, options: list[_Plan], chosen: _Plan) -> _Plan:
    """``chosen``, or of the plans whose low parts share pages (:mod:`.stacking`) and so take
    fewer pages than ``chosen`` and cost less counted in pages (:func:`_paged`), the one that
    takes fewest, then costs least so counted, then the cheapest. Plans are costed in parts:
    two lanes of 30 generated touch-points took nine landscape letter pages over five portrait
    pages of two parts each; one lane of 35 touch-points took ten slides, a strip on each, over
    four. Of plans as many pages long, the one that cost less in parts took a stage cut that
    another of its pages had not (two lanes of 30 on a3: review EZ)."""
    least = _paged(layout, chosen)
    paged = {id(p): _paged(layout, p) for p in options}
    fewer = [p for p in options if p.pages[0] < min(chosen.pages[0], len(p.tiles)) and paged[id(p)] < least]
    return min(fewer, key=lambda p: (p.pages[0], paged[id(p)], p.rank)) if fewer else chosen


def _paged(layout: Layout, plan: _Plan) -> float:
    """A plan's cost (:func:`_cost`) with its pages for its parts, its pages less than half full
    for its parts that are, and each stage it cuts at :data:`PAGED_STAGE_CUT`."""
    pages, sparse = plan.pages
    return plan.rank[0] - len(plan.tiles) + pages + SPARSE * (sparse - plan.sparse) \
        + (PAGED_STAGE_CUT - STAGE_CUT) * _stage_cuts(layout, plan.tiles)


def _by_rank(plan: _Plan) -> tuple[float, int, int, bool, bool]:
    """What plans are ordered by (the first of equals wins: a sheet has no order)."""
    return plan.rank


def _fuller(options: list[_Plan], chosen: _Plan) -> _Plan:
    """``chosen``, or where it leaves parts less than half full, the plan that leaves fewest so
    (then the cheapest) among those of at most :data:`MORE_PARTS` more parts (SPEC 4.2: no empty
    half-pages). Parts of a stage each, every lane shown, cut fewest flows: a generated
    500-touch-point journey on a4 took 122 portrait parts, 14 of them less than half full, over
    125 landscape parts all fuller, which cut about 170 flows more."""
    if not chosen.sparse:
        return chosen
    most = len(chosen.tiles) + max(1, int(len(chosen.tiles) * MORE_PARTS))
    return min((p for p in options if len(p.tiles) <= most), key=lambda p: (p.sparse, p.rank))
