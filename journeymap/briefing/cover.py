"""The cover on one page or slide (SPEC 4.2), whatever lengths the file format allows.

A title, owner and persona name of 200 characters, a 2,000-character summary and twenty
200-character expectations are all valid, and printed in full they ran the a4 cover onto a third
page. The cover keeps every field, at sizes chosen by how much there is: a long title is set
smaller, a crowded cover gets tighter type (never under the 6 pt floor), and what still cannot fit
is shortened where a reader loses least: the summary ends at a word with an ellipsis and a note
that it is shortened (the journey file keeps it whole), and expectations beyond the page's count
are counted ("and 14 more"). The HTML briefing's cover shows every field whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from journeymap.map.text import shorten


@dataclass(frozen=True)
class Room:
    """What one cover holds: summary characters and expectations, each at normal and tight type."""

    summary: int
    tight_summary: int
    expectations: int
    tight_expectations: int


#: What each paper's cover holds on one page, measured: the longest valid journey and eight
#: in-between shapes fit a4, letter and slide; the examples print whole at their usual size.
ROOM: dict[str, Room] = {
    "a4": Room(summary=900, tight_summary=1100, expectations=6, tight_expectations=5),
    "letter": Room(summary=800, tight_summary=850, expectations=6, tight_expectations=4),
    "a3": Room(summary=2000, tight_summary=2000, expectations=12, tight_expectations=12),
    "slide": Room(summary=600, tight_summary=450, expectations=4, tight_expectations=3),
}
#: Characters of title, owner, persona and half the summary beyond which the cover is set tighter
#: (slides have less room).
CROWDED = {"slide": 700}
CROWDED_PAPER = 900


def _weight(journey: dict[str, Any]) -> int:
    persona = journey.get("persona") or {}
    parts = [journey.get("title"), journey.get("owner"), persona.get("name"), persona.get("goal"),
             *(persona.get("expectations") or [])[:6]]
    return sum(len(p) for p in parts if p) + len(journey.get("summary") or "") // 2


def cover_context(journey: dict[str, Any], page: str) -> dict[str, Any]:
    """How the cover prints ``journey`` (the template context's ``journey``) on ``page``:
    ``title_class`` ('', 'long' or 'longer'), ``tight``, the ``summary`` and ``expectations`` to
    print and how many expectations are left out (``more_expectations``)."""
    room = ROOM.get(page, ROOM["a4"])
    tight = _weight(journey) > CROWDED.get(page, CROWDED_PAPER)
    title = journey.get("title") or ""
    summary: Optional[str] = journey.get("summary")
    persona = journey.get("persona") or {}
    wanted = list(persona.get("expectations") or [])
    keep = room.tight_expectations if tight else room.expectations
    if len(wanted) > keep:
        keep -= 1  # the "and N more" line takes one's place
    short = None if summary is None else shorten(summary, room.tight_summary if tight else room.summary)
    return {"title_class": _title_class(title),
            "tight": tight, "summary": short, "summary_cut": short != summary,
            "expectations": wanted[:keep], "more_expectations": max(0, len(wanted) - keep)}


def _title_class(title: str) -> str:
    """The cover title's size class: a long title is set smaller."""
    return "longer" if len(title) > 150 else "long" if len(title) > 100 else ""


def screen_cover(journey: dict[str, Any]) -> dict[str, Any]:
    """The cover of the HTML briefing: a screen scrolls, so every field is shown whole."""
    persona = journey.get("persona") or {}
    wanted = list(persona.get("expectations") or [])
    title = journey.get("title") or ""
    return {"title_class": _title_class(title),
            "tight": False, "summary": journey.get("summary"), "summary_cut": False,
            "expectations": wanted, "more_expectations": 0}
