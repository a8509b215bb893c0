"""How wide the printed tables' lead column is: wide enough for the longest word of a lead's name.

The tables lay out at fixed widths (``table.grid`` in briefing.css), so a column is as wide as
its share of the page whatever it holds. A lead's name is kept whole where the briefing prints it
(``translate="no"``: no hyphens), and a word wider than its column is broken where it runs out of
room: "Featherstoneh / augh-Montgomery" in the moments of truth (14 % of an A4 page) and
"Konstantinopoulou / -Williamson" among the departments. Where the longest word of a name (up to
a space, or a hyphen it may break after) needs more, the lead column is widened to hold it, up to
:data:`WIDEST`, and the table's other sized columns give up the room in proportion to their shares.

Two more estimates of the same kind: the service inventory's columns where one is empty in every
row (:func:`inventory_widths`), and how many lines a table's widest column takes (:func:`rest_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Optional

from journeymap.map.textwidth import text_width

#: The width of a portrait page's text (its size less @page's 16 mm margins), in points; a slide
#: is landscape. From briefing.css and context.PAGES.
TEXT_WIDTH_PT = {"a4": 178 / 25.4 * 72, "letter": 8.5 * 72 - 32 / 25.4 * 72,
                 "slide": 960 - 32 / 25.4 * 72, "a3": 265 / 25.4 * 72}
#: A table cell's type size (``html``; ``.page-slide .grid``) and its padding left and right (1.5 mm each).
TYPE_PT = {"slide": 12.0}
BODY_PT = 8.5
PADDING_PT = 3 / 25.4 * 72
#: The sized columns of each table, in per cent of its width as briefing.css gives them (a column
#: without a share takes what is left). ``moments`` on a slide has no lead column: a lead is set
#: under the department (at 0.9 em, ``.sub``).
COLUMNS: dict[str, dict[str, float]] = {
    "moments": {"tp": 24, "dept": 16, "lead": 14, "rel": 14, "metric": 15, "expect": 17},
    "departments": {"dept": 24, "lead": 18},
}
#: ... and a slide's own (``.page-slide .moment-table``): five columns, the lead under the department.
SLIDE_COLUMNS: dict[str, dict[str, float]] = {
    "moments": {"tp": 27, "dept": 18, "rel": 11, "metric": 19, "expect": 25},
}
#: The most a lead column is widened to, in per cent: a longer word is broken, as before.
WIDEST = 34.0
_BREAKS = re.compile(r"(?<=-)(?=\w)|\s+")


def unbroken(name: str) -> list[str]:
    """The pieces of ``name`` a line may not break inside: its words, each hyphen kept with the
    part before it (a line may break after a hyphen that a letter follows).

    >>> unbroken("Bartholomew Featherstonehaugh-Montgomery")
    ['Bartholomew', 'Featherstonehaugh-', 'Montgomery']
    >>> unbroken("  ")
    []
    """
    return [piece for piece in _BREAKS.split(name) if piece]


def widths(table: str, page: str, leads: Iterable[Optional[str]]) -> Optional[dict[str, float]]:
    """The sized columns of ``table`` in per cent where ``leads`` need a wider lead column on a
    ``page`` (else None: briefing.css's shares stand).

    >>> widths("departments", "a4", ["Priya Shah"]) is None
    True
    >>> wide = widths("moments", "a4", ["Bartholomew Featherstonehaugh-Montgomery"])
    >>> wide["lead"] > 14, round(sum(wide.values()), 1)
    (True, 100.0)
    """
    shares = SLIDE_COLUMNS.get(table, COLUMNS[table]) if page == "slide" else COLUMNS[table]
    column, size = "lead", TYPE_PT.get(page, BODY_PT)
    if table == "moments" and page == "slide":
        column, size = "dept", size * 0.9
    longest = max((text_width(piece, size) for lead in leads if lead for piece in unbroken(lead)), default=0.0)
    need = min(WIDEST, 100 * (longest + PADDING_PT) / TEXT_WIDTH_PT[page])
    if need <= shares[column]:
        return None
    return _widened(shares, column, need)


#: The service inventory's columns (``.inventory-table col`` in briefing.css), and the share a column
#: keeps where no touch-point fills it: room for its head, "Pain points & opportunities", in two lines.
INVENTORY = {"tp": 30.0, "rel": 20.0, "expect": 24.0, "pains": 26.0}
EMPTY_SHARE = 15.0


def inventory_widths(stages: Iterable[Mapping[str, Any]]) -> Optional[dict[str, float]]:
    """The service inventory's column shares in per cent where one of its text columns is empty in
    every row (else None: briefing.css's shares stand). The room it gives up goes to the first, the
    touch-point's name, department and channel: a journey whose pain points are not written yet
    printed each name in two or three lines beside an empty column (twelve-lanes, which has
    neither expectations nor pain points: its inventory is 276 pt shorter on a4).

    >>> inventory_widths([{"touchpoints": [{"expectation": "Fast", "pain_points": ["Slow"]}]}]) is None
    True
    >>> inventory_widths([{"touchpoints": [{"metric": "NPS"}]}])
    {'tp': 41.0, 'rel': 20.0, 'expect': 24.0, 'pains': 15.0}
    """
    rows = [tp for stage in stages for tp in stage["touchpoints"]]
    filled = {"expect": any(tp.get("expectation") or tp.get("metric") for tp in rows),
              "pains": any(tp.get("pain_points") or tp.get("opportunities") or tp.get("notes") for tp in rows)}
    if all(filled.values()):
        return None
    shares = {k: (v if filled.get(k, True) else EMPTY_SHARE) for k, v in INVENTORY.items()}
    return {**shares, "tp": shares["tp"] + 100.0 - sum(shares.values())}


def rest_lines(table: str, page: str, texts: Iterable[str], sized: Optional[Mapping[str, float]]) -> list[int]:
    """About how many lines each of ``texts`` takes in ``table``'s unsized column (the share of the
    width its sized columns, ``sized`` or briefing.css's, leave) on a ``page``: at least one. The
    briefing keeps a table whole, or its last rows together, only where its rows are short.

    >>> rest_lines("departments", "a4", ["Quote", "x " * 200], None)
    [1, 7]
    """
    shares = sized or (SLIDE_COLUMNS.get(table, COLUMNS[table]) if page == "slide" else COLUMNS[table])
    room = TEXT_WIDTH_PT[page] * (100.0 - sum(shares.values())) / 100 - PADDING_PT
    size = TYPE_PT.get(page, BODY_PT)
    return [text_lines(text, room, size) for text in texts]


def text_lines(text: str, room: float, size: float) -> int:
    """About how many lines ``text`` at ``size`` points takes in ``room`` points of width: at least
    one. Words wrap whole, so a line holds a little less than its width: 0.9 of it.

    >>> text_lines("Quote", 100.0, 8.5), text_lines("x " * 200, 100.0, 8.5)
    (1, 18)
    """
    return max(1, -(-int(text_width(text, size)) // max(1, int(room * 0.9))))


def _widened(shares: Mapping[str, float], column: str, share: float) -> dict[str, float]:
    """``shares`` with ``column`` at ``share``: the room comes first from the column that takes
    what is left (a table's widest, its touch-points), then from the other sized columns in
    proportion to their shares.

    >>> _widened({"dept": 24, "lead": 18}, "lead", 26)
    {'dept': 24.0, 'lead': 26}
    >>> _widened({"a": 30, "lead": 20, "b": 50}, "lead", 30)
    {'a': 26.25, 'lead': 30, 'b': 43.75}
    """
    free = max(0.0, 100.0 - sum(shares.values()))
    others = sum(v for k, v in shares.items() if k != column)
    scale = (others - max(0.0, share - shares[column] - free)) / others
    return {k: share if k == column else round(v * scale, 2) for k, v in shares.items()}
