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

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from journeymap.map.text import shorten

LOG = logging.getLogger(__name__)


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


def cover_context(journey: dict[str, Any], page: str, squeeze: int = 0) -> dict[str, Any]:
    """How the cover prints ``journey`` (the template context's ``journey``) on ``page``:
    ``title_class`` ('', 'long' or 'longer'), ``tight``, the ``summary`` and ``expectations`` to
    print and how many expectations are left out (``more_expectations``), and the ``owner``,
    ``persona_name`` and ``persona_goal`` to print.

    ``squeeze`` (0 to :data:`MOST_SQUEEZE`) is how many steps tighter than the measured room to
    go, for a cover that :func:`fit_cover` found still ran onto a second page: each step keeps
    three quarters of the summary and one expectation fewer, and from the second the owner,
    persona and expectations are each cut to :data:`SQUEEZED_FIELD` characters.
    """
    room = ROOM.get(page, ROOM["a4"])
    tight = squeeze > 0 or _weight(journey) > CROWDED.get(page, CROWDED_PAPER)
    title = journey.get("title") or ""
    summary: Optional[str] = journey.get("summary")
    persona = journey.get("persona") or {}
    wanted = list(persona.get("expectations") or [])
    keep = max(1, (room.tight_expectations if tight else room.expectations) - squeeze)
    if len(wanted) > keep:
        keep = max(1, keep - 1)  # "and N more" takes one's place, but one is kept to say it after
    budget = int((room.tight_summary if tight else room.summary) * 0.75 ** squeeze)
    short = None if summary is None else shorten(summary, budget)
    field = SQUEEZED_FIELD if squeeze >= 2 else None

    def cut(text: Optional[str]) -> Optional[str]:
        return text if text is None or field is None else shorten(text, field)

    return {"title_class": _title_class(title),
            "tight": tight, "summary": short, "summary_cut": short != summary,
            "expectations": [cut(e) for e in wanted[:keep]], "more_expectations": max(0, len(wanted) - keep),
            "owner": cut(journey.get("owner")), "persona_name": cut(persona.get("name")),
            "persona_goal": cut(persona.get("goal"))}


#: The share of the weight that sets a cover tight from which :func:`fit_cover` lays it out to see:
#: at 0.75 the covers of two examples on slides were (0.19 s of a 2 s briefing), and fitted anyway.
PROBE_FROM = 0.9
#: How many steps tighter :func:`fit_cover` goes at most, and what a field is cut to from the second.
MOST_SQUEEZE = 4
SQUEEZED_FIELD = 100
#: The end of the cover in our template: where a probe of the cover alone ends.
COVER_END = '<div id="cover-end"></div>'


#: The contents' entries of a paper briefing with its appendix; two to a line.
USUAL_ENTRIES = 8
#: Letter paper is 6 % shorter than a4.
_SHORTER = {"letter": 0.94}


def fit_cover(render: Callable[[dict[str, Any]], str], journey: dict[str, Any], page: str,
              base_dir: Optional[Path] = None, entries: int = USUAL_ENTRIES) -> str:
    """The print briefing ``render`` makes of a cover context, with a cover that keeps to its one
    page (SPEC 4.2). The measured room (:data:`ROOM`) holds any one field at its longest, but every
    field near its longest at once (a 200-character owner, persona and four long expectations)
    still ran the contents onto page 2. A cover that crowded is laid out alone, and set
    a step tighter until it fits; a cover of ordinary length is not laid out twice. A team's
    templates (``base_dir``) are fitted too where their cover ends as ours does (``cover-end``;
    review AQ). ``entries``: the contents' entries (:func:`_probe_weight`)."""
    html = render(cover_context(journey, page))
    # a team's cover is always laid out to see: our weight measures ours (audit EQ: a logo and the
    # facts moved up ran it onto a second page, unmeasured and unsaid)
    if base_dir is None and _probe_weight(journey, page, entries) <= PROBE_FROM * CROWDED.get(page, CROWDED_PAPER):
        return html
    for squeeze in range(1, MOST_SQUEEZE + 1):
        if not _spills(html, base_dir):
            return html
        html = render(cover_context(journey, page, squeeze))
    if base_dir is not None and LOG.hasHandlers() and _spills(html, base_dir):
        LOG.warning("the cover runs past its first page, even with its words set tighter and the summary "
                    "shortened: make room in _cover.html.j2 or briefing.css (SPEC 4.2: a cover is one page)")
    return html


def _probe_weight(journey: dict[str, Any], page: str, entries: int) -> float:
    """The weight :func:`fit_cover` decides by whether to lay the cover out to see: the title
    counted at its type's size (26 pt, four times the summary's line) and each line of contents
    beyond the usual as 90 summary characters, on a shorter page heavier. A 100-character title
    on letter paper with a "What changed" entry spilled onto a second page holding one line of
    contents, while its weight (580) said it fitted (audit BL)."""
    extra_lines = max(0, -(-entries // 2) - USUAL_ENTRIES // 2)
    weight = _weight(journey) + 3 * len(journey.get("title") or "") + 45 * extra_lines
    return weight / _SHORTER.get(page, 1.0)


def _spills(html: str, base_dir: Optional[Path] = None) -> bool:
    """Whether the cover of our print ``html`` runs past its first page (laid out on its own)."""
    from journeymap.briefing.pdf import page_ids

    end = html.find(COVER_END)
    if end < 0:
        return False
    cover = html[:end + len(COVER_END)]
    # the contents' page numbers point at the sections: each is given an empty stand-in, its id
    # the link's target as the page writes it (escaped there already: escaping it again made an
    # id holding "&" another id)
    targets = "".join(f'<div id="{t}"></div>' for t in dict.fromkeys(_LINKS.findall(cover)))
    probe = f"{cover}</section>{targets}</main></body></html>"
    return not any("cover-end" in ids for ids in page_ids(probe, base_dir)[:1])


_LINKS = re.compile(r'href="#([^"]+)"')


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
            "expectations": wanted, "more_expectations": 0, "owner": journey.get("owner"),
            "persona_name": persona.get("name"), "persona_goal": persona.get("goal")}
