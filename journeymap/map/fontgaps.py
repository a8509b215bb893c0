"""The characters of a journey no font on this machine draws.

Graphviz and WeasyPrint draw a character no installed font has as a box of hex digits (an emoji in
a touch-point's name, Chinese on a machine without a CJK font). The map and the briefing were made
without a word, and the boxes reached a strategy deck (audits CJ, CK): the commands say so as a note,
naming the characters and where the first of each is.
"""

from __future__ import annotations

import unicodedata
from typing import Iterator, NamedTuple, Optional

from journeymap.journey.model import Journey
from journeymap.map.fonts import has_font

#: Characters never drawn alone: marks join the letter before them, format characters and
#: separators have no glyph. (A private-use one, Apple's logo U+F8FF, is drawn where a font has it,
#: as a box elsewhere: asked about like any other.)
_NOT_DRAWN = frozenset({"Mn", "Mc", "Me", "Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


class Undrawn(NamedTuple):
    """A character no font here has, and the first text holding it: what it is and its position."""

    char: str
    where: str
    line: int
    column: int


def _short(name: str) -> str:
    """A name as the note quotes it: its first 40 characters (a name of 150 emoji filled the note)."""
    return repr(name if len(name) <= 40 else name[:39] + "\u2026")


def _texts(journey: Journey) -> Iterator[tuple[Optional[str], str, tuple[int, int]]]:
    """Each text the map or briefing prints, with what it belongs to and that element's position."""
    whole = f"the journey {_short(journey.title)}"
    for text in (journey.title, journey.summary, journey.owner):
        yield text, whole, journey.pos
    if journey.persona is not None:
        for text in (journey.persona.name, journey.persona.goal, *journey.persona.expectations):
            yield text, "the persona", journey.pos
    for d in journey.departments:
        for text in (d.name, d.lead):
            yield text, f"department {_short(d.name)}", d.pos
    for s in journey.stages:
        for text in (s.name, s.owner, s.goal, *s.metrics, *s.feedback):
            yield text, f"stage {_short(s.name)}", s.pos
        for tp in s.touchpoints:
            where = f"touch-point {_short(tp.name)}"
            for text in (tp.name, tp.channel, tp.expectation, tp.metric, tp.notes, *tp.depends_on,
                         *tp.pain_points, *tp.opportunities, *(n.label for n in tp.next or ())):
                yield text, where, tp.pos


def undrawn(journey: Journey) -> list[Undrawn]:
    """The characters of ``journey``'s text no font on this machine has, each once, where it first
    appears (in the file's order). Plain ASCII text asks fontconfig nothing."""
    found: dict[str, Undrawn] = {}
    for text, where, (line, column) in _texts(journey):
        if not text or text.isascii():
            continue
        for ch in text:
            if ch.isascii() or ch in found or unicodedata.category(ch) in _NOT_DRAWN:
                continue
            if not has_font(ord(ch)):
                found[ch] = Undrawn(ch, where, line, column)
    return sorted(found.values(), key=lambda u: (u.line, u.column))
