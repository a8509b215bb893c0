"""Rows of the printed tables too tall to keep whole, which may break across pages.

A row of the briefing's tables is kept on one page (``tr { break-inside: avoid }``, briefing.css),
and a short table is kept whole (``.keep``). A row taller than the page was then moved to a page
of its own and cut at its foot, the rest of its text lost, and its table's header row and group
heading printed after it (audit FG: a touch-point's ``notes`` of 2,000 characters in the service
inventory; SPEC 1 allows them). A row estimated at more than :data:`TALL` of the page's text
height is marked ``long`` (``tr.long { break-inside: auto }``), and its table is not kept whole:
WeasyPrint then breaks it between lines and repeats the header row on each page. The estimate
is :mod:`.leadcolumns`'s kind: the text's width at its size over its column's width.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from journeymap.briefing.leadcolumns import INVENTORY, PADDING_PT, TEXT_WIDTH_PT, text_lines

#: The height of a page's text, in points: the paper's less @page's margins (20 mm and 18 mm).
TEXT_HEIGHT_PT = {"a4": (297 - 38) / 25.4 * 72, "letter": 11 * 72 - 38 / 25.4 * 72,
                  "slide": 7.5 * 72 - 38 / 25.4 * 72, "a3": (420 - 38) / 25.4 * 72}
#: The share of a page's text height past which a row may break (half a page: well below the
#: height that no longer fits, as the estimate may be short by a line or two a cell).
TALL = 0.5
#: briefing.css's line height, and the type size of each table's cells on paper and on a slide.
LINE_HEIGHT = 1.4
TYPE_PT = {"inventory": (7.5, 12.0), "stages": (8.5, 12.0)}
#: The stage table's columns in per cent (``.stage-table col``), as the inventory's are INVENTORY.
STAGES = {"stage": 26.0, "owner": 20.0, "metrics": 21.0, "feedback": 21.0}


def cell_lines(texts: Iterable[str], share: float, size: float, page: str) -> int:
    """About how many lines ``texts`` (a cell's paragraphs and list items, each on lines of its
    own) take in a column of ``share`` per cent of the page's width, at ``size`` points."""
    room = TEXT_WIDTH_PT[page] * share / 100 - PADDING_PT
    return sum(text_lines(text, room, size) for text in texts if text)


def too_tall(cells: Mapping[str, Sequence[str]], shares: Mapping[str, float], table: str, page: str) -> bool:
    """Whether a row whose cells hold ``cells`` (by column) is taller than :data:`TALL` of a page."""
    size = TYPE_PT[table][page == "slide"]
    lines = max((cell_lines(texts, shares[column], size, page) for column, texts in cells.items()), default=1)
    return lines * size * LINE_HEIGHT > TALL * TEXT_HEIGHT_PT[page]


def long_inventory_rows(stages: list[dict[str, Any]], page: str, widths: Optional[Mapping[str, float]]) -> set[str]:
    """The ids of the service inventory's touch-points whose rows are too tall to keep whole
    (``widths``: :func:`~.leadcolumns.inventory_widths`, where one column is empty)."""
    shares = widths or INVENTORY
    long = set()
    for tp in (tp for stage in stages for tp in stage["touchpoints"]):
        cells = {"tp": [tp["name"], tp["department"]], "rel": ["; ".join(tp["depends_on"])],
                 "expect": [tp["expectation"] or "", tp["metric"] or ""],
                 "pains": ["; ".join(tp["pain_points"]), "; ".join(tp["opportunities"]), tp["notes"] or ""]}
        if too_tall(cells, shares, "inventory", page):
            long.add(tp["id"])
    return long


def long_stage_rows(stages: list[dict[str, Any]], page: str) -> list[bool]:
    """Whether each row of the accountability's stage table is too tall to keep whole."""
    return [too_tall({"stage": [s["name"], s["goal"] or ""], "owner": [s["owner"] or ""],
                      "metrics": s["metrics"], "feedback": s["feedback"]}, STAGES, "stages", page)
            for s in stages]
