"""A journey diff as a pull-request comment: Markdown, a verdict line first, then tables, kept
under the size GitHub takes for a comment."""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, Optional, Sequence

from journeymap.changes.naming import element_name
from journeymap.changes.report import different, headline_moved, headline_numbers, sections, shown_values, verdict
from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import Change
from journeymap.changes.told import Told
from journeymap.exports.markdown import md_code, md_message, md_text, table, unmentioned
from journeymap.map.text import shorten

if TYPE_CHECKING:
    from journeymap.journey.losttext import LostText


#: A list item's text that starts like a list marker ("- ", "+ ", "* ", "1. ") makes a nested list.
_MARKER = re.compile(r"^([-+*]|\d{1,9}[.)])(?=\s|$)")


def _item(text: str) -> str:
    """Markdown text for a list item, a leading list marker escaped (``\\-``, ``1\\.``)."""
    return _MARKER.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


#: GitHub takes a comment of up to 65,536 characters: the report keeps under this, leaving room
#: for what a workflow writes around it. A re-rating of 800 touch-points made 556 KB (audit BH).
MOST = 60_000
#: The rows each section keeps and the characters each row's text keeps, tried in turn until the
#: report fits (None: all of them): long values (a dozen pain points) made 155,820 characters of
#: twelve rows.
_CUTS: tuple[tuple[Optional[int], Optional[int]], ...] = (
    (None, None), (200, None), (50, 400), (20, 200), (8, 120), (3, 80))


#: The most notes of values YAML cut short that a comment quotes in full.
NOTES = 5


def diff_markdown(d: JourneyDiff, old_label: str, new_label: str, notes: Sequence[LostText] = (),
                  new_spec: str = "") -> str:
    """The diff for a pull-request comment: a verdict line first, then tables, each section cut
    to the rows that keep the whole under :data:`MOST` characters (the rest counted, for the
    text and JSON reports list them all). ``notes``: the values of the new version (``new_spec``,
    as given) YAML reads shorter than written, each a quoted note under the verdict."""
    icon = "✅" if d.empty or not d.regressions else "⚠️"
    out = [f"{icon} **{md_text(d.new.journey.title)}**: {md_text(verdict(d))}", "",
           f"{md_code(old_label)} → {md_code(new_label)}"]
    note = different(d)
    if note:
        out += ["", f"> {md_text(note)}"]
    out += [line for lost in notes[:NOTES]
            for line in ("", f"> Note: {md_code(f'{new_spec}:{lost.line}:{lost.column}')}: {md_text(lost.message())}")]
    if len(notes) > NOTES:  # 300 of them made a comment of 107 kB, past GitHub's 65,536 characters (review DV)
        out += ["", f"> Note: and {len(notes) - NOTES} more values YAML reads shorter than they are written; "
                    f"{md_code(f'journeymap check {shlex.quote(new_spec)}')} lists them all"]
    if d.empty:
        return unmentioned("\n".join(out) + "\n")
    if headline_moved(d):
        out += ["", *table(["", "Before", "After"], headline_numbers(d))]
    found = sections(d, arrow="→", labels=(old_label, new_label))
    changed = [[str(v) for v in (element_name(d, c), _field(c), *_values(d, c))] for c in Told(d).changed]
    for most, width in _CUTS:
        text = unmentioned("\n".join(out + _sections(found, changed, most, width)) + "\n")
        if len(text) <= MOST:
            return text
    # still too long (thousands of sections' worth): the verdict and the numbers, and where the rest is
    return unmentioned("\n".join(out + ["", "The changes are too many to list in a comment: the text and JSON "
                                          "reports (`journeymap diff` with `--format text` or `json`) list them "
                                          "all."]) + "\n")


def _field(c: Change) -> str:
    """A changed field as the table names it, with how it changed where its values alone read alike."""
    return c.field + (" (spacing only)" if c.spacing_only else " (reordered)" if c.reordered else "")


def _values(d: JourneyDiff, c: Change) -> tuple[str, str]:
    """A change's Before and After cells: a change of spacing alone says so (the cells read alike)."""
    old, new = shown_values(d, c)
    return (old, "the same words, spaced differently") if c.spacing_only else (old, new)


def _sections(found: list[tuple[str, list[str]]], changed: list[list[str]], most: Optional[int],
              width: Optional[int]) -> list[str]:
    """The sections' Markdown (``changed``: the touch-point changes' table rows), each cut to
    ``most`` rows (None: whole) with a line that counts the rest, and each row's text to ``width``
    characters (None: whole)."""
    def cut(text: str) -> str:
        return text if width is None else shorten(text, width)

    out: list[str] = []
    for heading, lines in found:
        if heading == "Touch-points changed":
            rows = [[cut(v) for v in row] for row in changed[:most]]
            out += ["", f"### {heading}", "", *table(["Touch-point", "Field", "Before", "After"], rows)]
            out += _rest(len(changed), most, paragraph=True)
            continue
        out += ["", f"### {heading}", ""] + [f"- {_item(md_message(cut(line)))}" for line in lines[:most]]
        out += _rest(len(lines), most)
    return out


def _rest(total: int, most: Optional[int], paragraph: bool = False) -> list[str]:
    """The line that counts the rows left out of a section, if any."""
    if most is None or total <= most:
        return []
    said = (f"… and {total - most:,} more, left out to keep this comment within GitHub's size (the text and JSON "
            "reports list them all)")
    return ["", said] if paragraph else [f"- {said}"]
