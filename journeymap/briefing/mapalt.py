"""What a printed map page's picture shows, in words: the alternative text a screen reader reads.

The heading above each picture already names it ("The journey map, part 2 of 3: …"); an alt text
that said the same again told a listener nothing of the picture (audit CT). These say what is
drawn, counted from the drawing itself, and where the same facts are written out.
"""

from __future__ import annotations

from journeymap.briefing.mapgeometry import Box, Item, Layout
from journeymap.briefing.tileplan import Tile
from journeymap.report import counted

#: Where the map's facts are in words, for a reader who cannot see it.
IN_WORDS = "The hand-offs section lists each hand-off in words."


def _drawn(touchpoints: int, lanes: int, stages: int) -> str:
    """"20 touch-points in 7 department lanes across 5 stages"."""
    return (f"{counted(touchpoints, 'touch-point')} in {counted(lanes, 'department lane')} across "
            f"{counted(stages, 'stage')}")


def _handoffs(layout: Layout) -> list[Item]:
    return [item for item in layout.of_class("flow") if "handoff" in item.classes]


def whole_map(layout: Layout) -> str:
    """The whole map: its touch-points, lanes, stages and hand-offs (risky ones counted)."""
    handoffs = _handoffs(layout)
    risky = sum(1 for item in handoffs if "risky" in item.classes)
    said = counted(len(handoffs), "hand-off")
    if handoffs:
        said += f" between departments ({risky} risky)"
    drawn = _drawn(len(layout.of_class("touchpoint")), len(layout.lanes), len(layout.columns))
    return f"Swimlane map: {drawn}, with {said}. {IN_WORDS}"


def _inside(box: Box, body: Box) -> bool:
    x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    return body.x0 <= x <= body.x1 and body.y0 <= y <= body.y1


def part(layout: Layout, tile: Tile, parts: int) -> str:
    """One of the ``parts`` of a map printed in parts: its touch-points, lanes and stages, and
    (where there are others) the marks on flows that go on to another part."""
    shown = sum(1 for item in layout.of_class("touchpoint") if _inside(item.box, tile.body))
    head = "Part of the swimlane map" if parts > 1 else "The whole swimlane map, large enough to read"
    marks = "; a flow that goes on to another part is marked with that part's number" if parts > 1 else ""
    return f"{head}: {_drawn(shown, len(tile.lanes), len(tile.stages))}{marks}. {IN_WORDS}"


def overview(layout: Layout, parts: int) -> str:
    """The overview page's whole map, small text left out, its ``parts`` outlined (none: the map
    printed whole alone, too big to print in parts)."""
    drawn = _drawn(len(layout.of_class("touchpoint")), len(layout.lanes), len(layout.columns))
    if parts < 1:
        return f"The whole swimlane map, small text left out: {drawn}. {IN_WORDS}"
    outlined = f"the {counted(parts, 'part')} that follow" if parts > 1 else "the part that follows"
    return f"The whole swimlane map, small text left out, with {outlined} outlined and numbered: {drawn}. {IN_WORDS}"
