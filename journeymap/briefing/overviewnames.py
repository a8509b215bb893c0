"""The names the overview of a tiled map prints in place of its own text (:mod:`.overview`): the
lane names in the lane-name column and the stage names over the columns, at :data:`NAME_PT`,
wrapped, and shortened with an ellipsis only where the page has not the room for them whole."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Callable, Iterator, Mapping, Sequence

from journeymap.briefing.mapgeometry import Box, Layout, largest_font
from journeymap.briefing.tileplan import SAFE
from journeymap.map.canvas import num
from journeymap.map.text import LITTLE_WORDS, wrap
from journeymap.map.textwidth import text_width

#: Printed size of the lane and stage names on the overview.
NAME_PT = 6.5


def fitted(text: str, width: float, size: float, bold: bool, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines no wider than ``width`` points at ``size`` (measured in
    DejaVu Sans, bold or not), the last line shortened with an ellipsis when the text needs more,
    or where a word longer than a line would go on to the next: with no hyphen to say so,
    "Schadenmeldungsentgege / nnahme" read as two words (review DL). Counted in characters of an
    average glyph, a long bold name ran past its column under a part's frame.

    >>> fitted("Schadenmeldungsentgegennahme am Telefon", 80, 6.5, True, 3)
    ['Schadenmeldungs…']
    >>> fitted("Uso y soporte en los primeros 90 días", 80, 6.5, True, 3)
    ['Uso y soporte en los', 'primeros 90 días']
    """
    out = wrap(text, width, size, bold)
    whole, at = " ".join(text.split()), 0
    for n, line in enumerate(out[:-1]):
        at += len(line)
        inside = whole[at:at + 1] not in (" ", "\u00a0")
        if n + 1 == lines or inside:  # full, or the line ends inside a word
            return _shortened(out[:n + 1], width, size, bold, inside)
        at += 1
    return out


def _shortened(lines: list[str], width: float, size: float, bold: bool, inside: bool = False) -> list[str]:
    """``lines``, the last ending in an ellipsis (shortened to make room for it), at the end of
    a word where it keeps half of what fits, and not on a little word: "… and the follow-up plan
    reach the care of th…" (audit DX). ``inside``: the last line ends inside a word (wrapped there).

    >>> _shortened(["Results reach the care of the GP"], 60, 6, False)
    ['Results reach…']
    >>> _shortened(["Discharge back to the", "care of the GP"], 40, 6, False)
    ['Discharge back to the', 'care…']
    >>> fitted("Installation day and first weeks of service", 100, 6, True, 1)
    ['Installation day and first…']
    >>> _shortened(["Reconciliation"], 30, 6, False)
    ['Reconc…']
    """
    last = lines[-1]
    while last and text_width(last + "\u2026", size, bold) > width:
        last = last[:-1]
    words = last.split(" ")
    trimmed = len(last) < len(lines[-1]) and lines[-1][len(last)] != " "
    if len(words) > 1 and not last.endswith(" ") and (trimmed or (inside and last == lines[-1])):
        words.pop()  # a word cut short (not one that fits whole with the ellipsis: review DW)
    while words and words[-1].lower() in LITTLE_WORDS:
        words.pop()
    whole = " ".join(words).rstrip(" ,;:-")
    if not whole and len(lines) > 1:  # a last line of little words alone: the line before ends it
        return _shortened(lines[:-1], width, size, bold)
    # a one-line name keeps half of what fits at least (else it is cut inside a word, as before)
    kept = whole if whole and (len(lines) > 1 or len(whole) >= len(last.rstrip()) / 2) else last.rstrip()
    return [*lines[:-1], kept + "\u2026"]



def write_names(parent: ET.Element, box: Box, text: str, size: float, bold: bool, backed: bool = False) -> None:
    """``text`` wrapped into ``box`` at ``size``; ``backed`` puts a white band behind each line, so
    a name stays legible over the lines of the map's header. Nothing where the room leaves less
    than four letters of it: 80 stages on an a4 overview were headed "…", "S…" and "St…", which
    name nothing (review FE)."""
    lines = fitted(text, box.width - size * 0.8, size, bold, _lines(box, size))
    if lines and lines[0].endswith("\u2026") and len(lines[0].rstrip("\u2026 ")) < 4:
        return
    for n, line in enumerate(lines):
        if backed:
            ET.SubElement(parent, "rect", {"x": num(box.x0 + size * 0.2), "y": num(box.y0 + size * (0.15 + 1.25 * n)),
                                           "width": num(size * 0.4 + text_width(line, size, bold)),
                                           "height": num(size * 1.2), "fill": "#ffffff", "fill-opacity": "0.85"})
        t = ET.SubElement(parent, "text", {"x": num(box.x0 + size * 0.4), "y": num(box.y0 + size * (1.1 + 1.25 * n)),
                                           "font-family": "DejaVu Sans", "font-size": num(size), "fill": "#1d3557"})
        if bold:
            t.set("font-weight", "bold")
        t.text = line


def stage_names(layout: Layout, a: float, b: float, scale: float, stages: Mapping[str, str],
                 x: float, y: float, band: float) -> ET.Element:
    """The names of the stages a row from ``a`` to ``b`` shows (the row drawn at ``x``, ``y``),
    each in the part of its column the row holds, at :data:`NAME_PT` on a white band, in the
    header and the ``band`` above it."""
    g = ET.Element("g", {"class": "overview-names"})
    top, bottom = y + layout.header.y0 - layout.view.y0 - band, y + layout.header.y1 - layout.view.y0
    for key, box, x0, x1 in _unnamed(layout, a, b, scale):
        room, name, size = Box(x + x0 - a, top, x + x1 - a, bottom), stages.get(key, key), NAME_PT / scale
        whole = not cut_short(room, name, size)
        if _named(box, x0, x1, size, whole):
            write_names(g, room, name, size, True, backed=True)
    return g


def _named(box: Box, x0: float, x1: float, size: float, whole: bool) -> bool:
    """Whether a row names a stage whose column ``box`` it holds from ``x0`` to ``x1``: where it has
    room for a few letters, and for a stage cut between two rows in the wider piece, in the other
    only where its name fits ``whole``: a row's last sliver of it read "Sta…" (150 touch-points on a4)."""
    return x1 - x0 > size * 2 and (x1 - x0 >= (box.x1 - box.x0) / 2 or whole)


#: How much smaller than its rows allow the overview may print to name its stages whole.
STAGE_NAME_SHRINK = (0.95, 0.9, 0.85)


def named_scale(layout: Layout, rows: list[tuple[float, float]], scale: float, stages: Mapping[str, str],
                spare: Callable[[float], float]) -> float:
    """``scale``, or a little less where that leaves room over the rows for more of the stage names
    the header cannot hold whole (``spare``: the room the rows leave at a scale, in map units):
    rows that filled the page's height named "Close the old…" and "Open the new…" on one line
    beside a column of lane names a third of the page wide (audit EA)."""
    def cut(at: float) -> int:
        return stages_cut(layout, rows, at, stages, name_band(layout, rows, at, stages, spare(at)))

    fewest, chosen = cut(scale), scale
    for shrink in STAGE_NAME_SHRINK:
        if not fewest:
            break
        now = cut(scale * shrink)
        if now < fewest:
            fewest, chosen = now, scale * shrink
    return chosen


def stages_cut(layout: Layout, rows: list[tuple[float, float]], scale: float, stages: Mapping[str, str],
               band: float) -> int:
    """How many stage names :func:`stage_names` shortens over ``rows`` with ``band`` of room over each."""
    size, cut = NAME_PT / scale, 0
    for a, b in rows:
        for key, box, x0, x1 in _unnamed(layout, a, b, scale):
            room = Box(x0, layout.header.y0 - band, x1, layout.header.y1)
            whole = not cut_short(room, stages.get(key, key), size)
            cut += _named(box, x0, x1, size, whole) and not whole
    return cut


def _unnamed(layout: Layout, a: float, b: float, scale: float) -> Iterator[tuple[str, Box, float, float]]:
    """The stage columns a row from ``a`` to ``b`` shows whose names the map's own header does not
    print there (cut by the row, or too small at ``scale``): each stage's key, its column, and the
    part of it the row holds."""
    headers = {i.id.removeprefix("stage-"): i for i in layout.of_class("stage")}
    for column_id, box in layout.columns:
        x0, x1 = max(box.x0, a), min(box.x1, b)
        key = column_id.removeprefix("column-")
        header = headers.get(key)
        if (x0, x1) == (box.x0, box.x1) and header is not None and largest_font(header.el) * scale >= SAFE:
            continue  # the map's own header prints, whole, in this row: no second name
        yield key, box, x0, x1


#: Most lines a stage's name takes on the overview (those beyond the header's over it, where the
#: page has the room).
NAME_LINES = 3


def name_band(layout: Layout, rows: list[tuple[float, float]], scale: float, stages: Mapping[str, str],
               spare: float) -> float:
    """The room over each row for the stage names the header cannot hold whole, in map units: as
    many lines more as the longest needs, up to :data:`NAME_LINES` in all, where the page's
    ``spare`` room below the rows holds them. Cut to the header's one line, "Descubrimiento y…"
    and "Uso y soporte en los…" named half their stages on a page left 45 % blank (audit DK)."""
    band = band_wanted(layout, rows, scale, stages)
    return band if band * len(rows) <= spare else 0.0


def band_wanted(layout: Layout, rows: list[tuple[float, float]], scale: float, stages: Mapping[str, str]) -> float:
    """The room over each row that :func:`name_band` gives where the page has it, in map units."""
    size = NAME_PT / scale
    needed = 1
    for a, b in rows:
        for key, _, x0, x1 in _unnamed(layout, a, b, scale):
            width = x1 - x0 - size * 0.8
            if width > size * 2:
                needed = max(needed, len(fitted(stages.get(key, key), width, size, True, NAME_LINES)))
    # As :func:`write_names` sets lines (:func:`_lines`). The band only made up the height, and the
    # header's top edge ran through "works" of "Street connection & civil works" (audit EL): the
    # least band that holds them and puts the edge 0.125 of a size below a line's band, where the
    # next one's begins.
    least = (min(needed, NAME_LINES) * 1.25 + 0.3) * size - layout.header.height
    if least <= 1e-6:
        return 0.0
    return (0.125 + 1.25 * math.ceil((least / size - 0.125) / 1.25 - 1e-9)) * size


def cut_short(box: Box, text: str, size: float) -> bool:
    """Whether ``text`` is shortened to fit ``box`` at ``size`` (:func:`write_names`)."""
    return fitted(text, box.width - size * 0.8, size, True, _lines(box, size))[-1].endswith("\u2026")


def _lines(box: Box, size: float) -> int:
    """How many lines of names at ``size`` ``box`` holds (as :func:`write_names` sets them: 1.25
    sizes each, and 0.3 of a size of room)."""
    return max(1, int((box.height - size * 0.3) / (size * 1.25)))


def names_width(least: float, most: float, names: Sequence[str], size: float, share: float = 1.0) -> float:
    """The lane-name column's width: at least ``least``, and as wide as its longest name on one
    line (in the ``share`` of it the names have) where the page has the room (``most``, the
    page's width less the widest row). A map folded to fit the page's height left its sides empty
    and cut "Centre de relation client" to "Centre de relation…" (audit BL)."""
    wanted = max((text_width(n, size, True) + size * 0.8 for n in names), default=0.0) / share
    return max(least, min(wanted, most))
