"""The type the executive page ("Where the customer falls through the cracks") takes: the largest
at which its lists fit the page after the cover, estimated by wrapping each sentence in DejaVu
Sans's widths (:func:`fit`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from journeymap.map.text import wrap

from journeymap.map.textwidth import text_width

#: What a crack's names begin with, when nobody has accepted it: who must act on it.
ACT = "Who must act"


@dataclass(frozen=True)
class Type:
    """One density of the page's type (briefing.css): sizes and spaces in points."""

    name: str
    size: float
    leading: float
    gap: float
    heading: float
    act_inline: bool

    @property
    def line(self) -> float:
        """The height of one line of it."""
        return self.size * self.leading


#: The room under the page's heading (width, height, in points) and its densities, largest first.
_ROOM = {"slide": (869.0, 394.0), "a4": (504.0, 700.0), "letter": (521.0, 650.0), "a3": (751.0, 1049.0)}
#: The widest what holds is set on paper (160 mm).
SOUND_WIDTH = 160 * 72 / 25.4
SLIDE_TYPES = (Type("roomy", 12.5, 1.3, 4.3, 35.0, True), Type("compact", 10.5, 1.3, 2.8, 30.0, True),
          Type("", 9.0, 1.3, 1.7, 25.0, True), Type("dense", 7.0, 1.2, 0.6, 22.0, True),
          Type("denser", 6.5, 1.2, 0.9, 25.0, True))
#: Paper steps half a point apart below 8 pt: from 8 pt straight to 6.5 pt, a page that 7.5 pt would
#: hold printed at 6.5 pt with a quarter of it empty (audit BL).
PAPER_TYPES = (Type("", 9.5, 1.4, 5.1, 33.0, False), Type("compact", 9.0, 1.35, 3.4, 33.0, True),
          Type("dense", 8.0, 1.3, 2.3, 30.0, True), Type("tight", 7.5, 1.25, 1.4, 30.0, True),
          Type("tighter", 7.0, 1.2, 1.1, 25.0, True), Type("denser", 6.5, 1.2, 0.9, 25.0, True))


def _height(lists: list[list[dict[str, Any]]], held: list[str], type_: Type, width: float,
            held_width: Optional[float] = None) -> float:
    """How tall the page's lists (``width`` wide) and ``held``, what holds (``held_width`` wide),
    print at ``type_``, estimated."""
    held_width = width if held_width is None else held_width
    line = type_.line
    total = 0.0
    for items in [x for x in lists if x]:
        total += type_.heading
        for item in items:
            who = f"{item.get('act', ACT)}: {item['who']}."
            if type_.act_inline:
                lines = _lines([(w, False) for w in item["text"].split()] + [(w, True) for w in who.split()],
                               width, type_.size)
            else:
                lines = len(wrap(item["text"], width, type_.size)) + len(wrap(who, width, type_.size, bold=True))
            total += lines * line + type_.gap
    if held:
        total += type_.heading + len(wrap(" ".join(held), held_width, type_.size)) * line
    return total


def _lines(words: list[tuple[str, bool]], width: float, size: float) -> int:
    """How many lines ``words`` (each with whether it is bold: "Who must act" and its names run on
    after the sentence, in bold) fill at ``width``, filled greedily."""
    lines, used = 1, 0.0
    for word, bold in words:
        w = text_width(word, size, bold)
        gap = text_width(" ", size, bold) if used else 0.0
        if used and used + gap + w > width:
            lines, used = lines + 1, w
        else:
            used += gap + w
    return lines


def fit(lists: list[list[dict[str, Any]]], held: list[str], page: str, more: int = 0) -> tuple[str, bool]:
    """The largest type at which the page's lists fit its page (its CSS class: "roomy" on slides,
    "compact", "", "dense", on paper "tight" and "tighter", or "denser"), and whether what holds
    fits under them too.

    Chosen by counting items, five wordy hand-offs printed at the roomiest size and ran onto a
    second slide; the page is "the page after the cover" (SPEC 4.2); ``more`` is how many lines
    count what is left unnamed ("… and 3 more risky hand-offs"). Lines are counted
    by wrapping each sentence at the page's width in DejaVu Sans's widths (a little generous:
    measured 0-16 % over the printed height, so no spare is kept).
    """
    width, room, held_width = _room(page, more)
    for type_ in SLIDE_TYPES if page == "slide" else PAPER_TYPES:
        # what holds with a line to spare: the estimate runs short now and then (gen-200's slide:
        # 352 pt of 354, and "What holds" ran onto a slide of its own: review EV)
        if _height(lists, held, type_, width, held_width) + type_.line <= room:
            return type_.name, bool(held)
        if _height(lists, [], type_, width) <= room:
            return type_.name, False
    return "denser", False


def holds(lists: list[list[dict[str, Any]]], page: str, density: str, more: int = 0, spare: int = 0) -> bool:
    """Whether the page's ``lists`` fit its page at the type ``density``, with ``spare`` lines of
    it left over (:func:`fit` names the densest even where they do not: a name alone let five
    other unreliable touch-points join a full page, and the last of them ran onto a page of its
    own, on gen-300's slides)."""
    width, room, _ = _room(page, more)
    type_ = named(page, density)
    return type_ is not None and _height(lists, [], type_, width) + spare * type_.line <= room


def named(page: str, density: str) -> Optional[Type]:
    """The type of ``page`` (its slide or paper densities) named ``density``, if any."""
    return next((t for t in (SLIDE_TYPES if page == "slide" else PAPER_TYPES) if t.name == density), None)


def _room(page: str, more: int) -> tuple[float, float, float]:
    """The page's room for its lists: their width (less the list's indent), the height left with
    ``more`` lines counting what is unnamed (each "… and N more"), and the width of what holds."""
    width, height = _ROOM.get(page, _ROOM["a4"])
    # What holds is not indented; on paper it is no wider than 160 mm (briefing.css, .cracks .sound).
    held_width = width if page == "slide" else min(width, SOUND_WIDTH)
    return width - 14.0, height - 20.0 * int(more), held_width
