"""Slides that a sub-section may share with the one before it (``--page slide``).

On slides a sub-section ("Departments" under Accountability, "Hand-offs between departments")
starts a slide of its own, so that a slide is about one thing. Where the sub-section before it
runs on to a slide it fills only in part, that left a slide a third full followed by one the next
sub-section begins (a Spanish telco's deck: "Stages (continued)" 38 % full, then "Departments" on
a slide and its last two rows on one more, 26 % full; audit DK). Seen in the laid-out deck, such
a sub-section is let begin below the one before where that saves a slide: :func:`joins` names
them, :func:`joined` marks them in the page, and the deck is laid out again and kept only if it
is shorter (:func:`~.pdf.html_to_pdf`).
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple, Optional

#: A slide less full than this, before a sub-section's first slide, is room the sub-section may use.
SPARE = 0.6
#: The room a joined heading keeps above it (5 mm), and a little more, as a share of a slide's.
JOIN_ROOM = 0.06
#: How far down its slide a heading that begins the slide lies (its anchor, as a share of the room).
AT_TOP = 0.05
_HEADING = re.compile(r'<h3 id="([^"]+)">')
_SECTION = re.compile(r'<section\b[^>]* id="([^"]+)"')
#: The boxes whose foot is where a slide's content ends: lines of text, pictures and table rows.
_CONTENT = frozenset({"LineBox", "InlineReplacedBox", "BlockReplacedBox", "TableRowBox"})


class Slide(NamedTuple):
    """A laid-out slide: where each id on it lies (as a share of the content area's height, from
    its top), how far down the area is filled, and where its first row of a table's body ends
    (``filled`` on a slide with none): what a sub-section beginning the slide must take with it
    to the slide before, its heading and its table's head kept with that row."""

    ids: dict[str, float]
    filled: float
    first: float


def slide(page: Any) -> Slide:
    """The :class:`Slide` of a laid-out WeasyPrint page. Its running header and footer are not
    counted; its content ends at the foot of its last line, picture or table row."""
    box = page._page_box  # WeasyPrint's own layout: the only place the filled height is known
    top, height = box.content_box_y(), box.height or 1.0
    feet: list[float] = []
    rows: list[Any] = []  # one walk over the page's boxes: a big deck's pages hold thousands
    for child in box.children:
        if getattr(child, "element_tag", None) != "html":
            continue
        for b in child.descendants():
            kind = type(b).__name__
            if kind in _CONTENT:
                feet.append(b.position_y + b.margin_height())
            elif kind == "TableRowGroupBox" and not getattr(b, "is_header", False) and b.children:
                rows.append(b.children[0])
    ids = {anchor: (box_of[1] - top) / height for anchor, box_of in page.anchors.items()}  # (x1, y1, x2, y2)
    filled = max(0.0, (max(feet, default=top) - top) / height)
    first = min((r.position_y + r.margin_height() for r in rows), default=None)
    return Slide(ids, filled, filled if first is None else (first - top) / height)


def joins(html: str, slides: list[Slide]) -> list[str]:
    """The ids of the sub-section headings of ``html`` that should begin below the slide before
    theirs: each begins a slide, not a section's, after a slide less than :data:`SPARE` full,
    and the slides from that one to the sub-section's last would hold it on one fewer."""
    first: dict[str, int] = {}
    for n, one in enumerate(slides):
        for anchor in one.ids:
            first.setdefault(anchor, n)
    sections = {first[s] for s in _SECTION.findall(html) if s in first}
    headings = [h for h in _HEADING.findall(html) if h in first]
    starts = sorted(sections | {first[h] for h in headings})
    chosen = []
    for heading in headings:
        at = first[heading]
        if at == 0 or at in sections or slides[at].ids[heading] > AT_TOP or slides[at - 1].filled >= SPARE:
            continue
        if slides[at - 1].filled + slides[at].first + JOIN_ROOM > 1:
            continue  # its heading, head and first row would not fit below: laid out again for nothing
        end = next((s for s in starts if s > at), len(slides))
        # a little room kept: a slide's rows do not pack to the last millimetre
        if math.ceil(sum(s.filled for s in slides[at - 1:end]) + 0.05) < end - at + 1:
            chosen.append(heading)
    return chosen


def joined(html: str, headings: list[str]) -> str:
    """``html`` with each of ``headings`` (ids) marked to begin below what comes before it."""
    wanted = set(headings)
    return _HEADING.sub(lambda m: f'<h3 id="{m.group(1)}" class="joins">' if m.group(1) in wanted else m.group(0), html)


def refined(html: str, document: Any) -> Optional[str]:
    """The page to lay out again to save slides (:func:`joined`), or None where none would (or
    where WeasyPrint's layout is not as this module reads it: the deck is then left as it is)."""
    try:
        slides = [slide(page) for page in document.pages]
    except AttributeError:  # another WeasyPrint's private layout
        return None
    found = joins(html, slides)
    return joined(html, found) if found else None
