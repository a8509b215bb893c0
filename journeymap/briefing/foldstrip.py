"""The strip a folded run of lanes prints as on a part of the map (:mod:`.folds`).

A grey strip with dashed edges across the part. In it: each folded lane's name on its own line
(at the part's text size, so as legible as the lane names above and below it), the flows that
run through those lanes, clipped to them and squeezed into the strip, and the blueprint lines
(line of visibility, of internal interaction, limit of our control) that lie between or along
them, each in its own pen and, where a stretch free of flows holds it, named on it. A name runs
on past the names column where no line crosses its line of the strip (names were cut to the
column while the strip beside them was empty: audit AL), and the first line says what the strip
is where a stretch to the right holds it. Names are upright: DejaVu Sans has no oblique Arabic,
and an italic Arabic name printed as the wrong glyphs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Mapping, Sequence

from journeymap.briefing.folds import FOLD_LINE, FOLD_PAD, Fold, clipped
from journeymap.briefing.mapgeometry import Box, Layout, free_stretches, points_of
from journeymap.journey.textsafe import isolated
from journeymap.map.canvas import num
from journeymap.map.text import fit_line
from journeymap.map.textwidth import text_width

#: The strip's fill, its edges' colour, and its lane names' colour (8:1 on the fill).
FOLD_FILL = "#eceff3"
FOLD_EDGE = "#7b8794"
FOLD_TEXT = "#3e4c59"
#: What the first line of a strip says, right of its name where a stretch free of lines holds it
#: ("in these stages" was untrue of a part that shows some of a stage: review AM).
CAPTION = "no touch-points here"
#: Paint a line keeps where it runs through a fold.
_STROKE = ("stroke", "stroke-width", "stroke-dasharray", "stroke-opacity", "stroke-linecap", "opacity")
_SHAPES = ("path", "polyline", "line")

Piece = list[tuple[float, float]]
#: A blueprint line drawn inside a strip: its name and its height in the part.
Rule = tuple[str, float]
Place = Callable[[float, float], tuple[float, float]]

#: A blueprint line's name in a strip, as a share of the strip's size (7 pt where the part prints
#: at its least scale): at 0.85 it printed at 5.97 pt, under the 6 pt floor (gen-300 on a4).
RULE_NAME = 0.9


def draw_fold(svg: ET.Element, layout: Layout, fold: Fold, body: Box, place: Place,
              names: Mapping[str, str], lines: Sequence[Piece] = ()) -> list[Box]:
    """Draw ``fold`` into a part's ``svg`` (``body``: the part's map area; ``place``: a map point
    to the part's, folds squeezed; ``names``: department names by id; ``lines``: more lines, in
    the part's coordinates, that its names must stop short of). Returns the boxes of the text
    drawn, in the part's coordinates (for the continuation badges to keep clear of)."""
    left, top = place(body.x0, fold.y0)
    # The lanes end where the map's last stage does; the part's body may run on a little past them.
    right = place(min(body.x1, max((b.x1 for _, b in layout.lanes), default=body.x1)), fold.y0)[0]
    g = ET.SubElement(svg, "g", {"class": "fold"})
    ET.SubElement(g, "rect", {"x": "0", "y": num(top), "width": num(right), "height": num(fold.height),
                              "fill": FOLD_FILL})
    em = fold.em
    # Across the body, an edge a blueprint line lies along is that line, drawn below (dashes
    # under it doubled it); the names column keeps the dashes.
    ruled = [(i.box.y0 + i.box.y1) / 2 for i in layout.of_class("blueprint-line")
             if i.box.x0 < body.x1 and i.box.x1 > body.x0]
    for edge, y in ((fold.y0, top), (fold.y1, top + fold.height)):
        end = left if any(abs(r - edge) <= 1 for r in ruled) else right
        ET.SubElement(g, "line", {"x1": "0", "y1": num(y), "x2": num(end), "y2": num(y), "stroke": FOLD_EDGE,
                                  "stroke-width": num(em * 0.09),
                                  "stroke-dasharray": f"{num(em * 0.45)} {num(em * 0.3)}"})
    drawn, _ = _lines_through(g, layout, fold, body, place, ("flow",))
    lane_names, caption = _names(g, fold, (top, left, right), drawn + _entering(drawn, left, top, fold.height)
                                 + list(lines), names)
    # The blueprint lines after the names: one between two lanes' lines ran through the
    # descenders of a name run on past the names column ("decorators)": audit AT); it starts after it.
    _, rules = _lines_through(g, layout, fold, body, place, ("blueprint-line",), lane_names, caption)
    boxes = lane_names + caption
    return boxes + _rule_names(g, fold.em, rules, (left, right), drawn, boxes)


def _entering(drawn: Sequence[Piece], left: float, top: float, height: float) -> list[Piece]:
    """A line down the part's left edge across the strip where a flow in it comes from the part
    before: its "from part N" badge sits above or below the strip, and its line back to the flow
    runs along that edge, through a name run on past the names column ("Cardiac diagnostics (ECG
    and echo|cardiography)": audit DX). Names stop short of it, as of any line that crosses them."""
    if any(abs(x - left) < 0.5 for piece in drawn for x, _ in piece):
        return [[(left, top), (left, top + height)]]
    return []


def _lines_through(g: ET.Element, layout: Layout, fold: Fold, body: Box, place: Place, kinds: tuple[str, ...],
                   names: Sequence[Box] = (), caption: Sequence[Box] = ()) -> tuple[list[Piece], list[Rule]]:
    """The flows or blueprint lines (``kinds``) that run through or along the folded lanes, drawn
    squeezed into the strip; the flows' pieces, in the part's coordinates (what names must not run
    over: a blueprint line runs between them), and the blueprint lines inside the strip (not on
    its edges, whose names the lanes beside them show). A blueprint line starts clear of the
    ``names`` whose line it touches, and breaks around the ``caption`` ("no touch-points here":
    the line under it ran along its descenders, audit CA)."""
    drawn: list[Piece] = []
    rules: list[Rule] = []
    view = Box(body.x0, fold.y0, body.x1, fold.y1)
    for kind in kinds:
        rule = kind == "blueprint-line"
        room = 1.0 if rule else 0.0  # a blueprint line may lie on an edge
        around = Box(view.x0, view.y0 - room, view.x1, view.y1 + room)
        for item in layout.of_class(kind):
            if not item.box.meets(around):
                continue
            if rule and fold.y0 + 1 < (item.box.y0 + item.box.y1) / 2 < fold.y1 - 1:
                rules.append((item.el.findtext("title") or "", place(0, (item.box.y0 + item.box.y1) / 2)[1]))
            for shape in (el for el in item.el.iter() if el.tag in _SHAPES):
                paint = {k: shape.get(k, "") for k in _STROKE if shape.get(k)}
                points = [(x, min(max(y, fold.y0), fold.y1)) for x, y in points_of(shape)] if rule else \
                    points_of(shape)
                for piece in clipped(points, view):
                    mapped = [place(x, y) for x, y in piece]
                    if not rule:
                        drawn.append(mapped)
                    for kept in _clear_of(mapped, names, caption, fold.em) if rule else [mapped]:
                        d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in kept)
                        ET.SubElement(g, "path", {"d": d, "fill": "none", **paint})
    return drawn, rules


def _clear_of(piece: Piece, names: Sequence[Box], caption: Sequence[Box], em: float) -> list[Piece]:
    """A level blueprint line's piece started past the names on the lines it runs between, and
    broken around a caption on them (the whole piece where it is not level)."""
    ys = {round(y, 6) for _, y in piece}
    if len(ys) != 1:
        return [piece]
    y = piece[0][1]
    touching = [b for b in (*names, *caption) if b.y0 - 0.01 <= y <= b.y1 + 0.01]
    blocked = sorted((float("-inf") if b in names else b.x0 - em * 0.4, b.x1 + em * 0.4) for b in touching)
    (x0, _), (x1, _) = min(piece), max(piece)
    kept: list[Piece] = []
    for a, b in blocked:
        if a > x0:
            kept.append([(x0, y), (min(a, x1), y)])
        x0 = max(x0, b)
    if x0 < x1:
        kept.append([(x0, y), (x1, y)])
    return [k for k in kept if k[1][0] - k[0][0] > 0.01]


def _crossings(pieces: list[Piece], y0: float, y1: float) -> list[tuple[float, float]]:
    """The x spans where drawn lines run inside the band ``y0``-``y1``, left to right (a line
    along the band's edge runs between two names, not through either)."""
    spans = []
    for piece in pieces:
        for (ax, ay), (bx, by) in zip(piece, piece[1:]):
            if max(ay, by) > y0 + 0.01 and min(ay, by) < y1 - 0.01:
                spans.append((min(ax, bx), max(ax, bx)))
    return sorted(spans)


def _names(g: ET.Element, fold: Fold, room: tuple[float, float, float], drawn: list[Piece],
           names: Mapping[str, str]) -> tuple[list[Box], list[Box]]:
    """Each folded lane's name on its line of the strip, run on to the first line that crosses
    it, shortened where it must be; the caption on the first line where a free stretch holds it.
    Returns the boxes of the names and of the caption."""
    top, left, right = room
    size = fold.em
    line = size * FOLD_LINE
    boxes, caption = [], []
    for n, lane in enumerate(fold.lanes):
        line_top = top + size * (FOLD_PAD + n * FOLD_LINE)
        crossing = _crossings(drawn, line_top, line_top + line)
        reach = next((b for a, b in free_stretches(crossing, size, right, size * 0.6) if a <= size), left)
        name = fit_line(names.get(lane.removeprefix("lane-"), lane.removeprefix("lane-")),
                        max(reach, left - size) - size, size)
        # DejaVu Sans: ascent 0.93 and descent 0.24 of the size, centred in the line.
        base = line_top + (line - 1.17 * size) / 2 + 0.93 * size
        _text(g, size, base, isolated(name))
        end = size + text_width(name, size)
        boxes.append(Box(size, line_top, end, line_top + line))
        if n == 0:
            width = text_width(CAPTION, size)
            fits = [(a, b) for a, b in free_stretches(crossing, end + 2 * size, right - size, size * 0.6) if b - a >= width]
            if fits:  # the rightmost stretch that holds it, at its right end
                x = fits[-1][1] - width
                _text(g, size, base, CAPTION, x, italic=True)
                caption.append(Box(x, line_top, x + width, line_top + line))
    return boxes, caption


def _rule_names(g: ET.Element, size: float, rules: list[Rule], across: tuple[float, float], drawn: list[Piece],
                names: list[Box]) -> list[Box]:
    """Each blueprint line inside the strip named on it, on a band of the strip's fill, in the
    rightmost stretch that no flow crosses and no folded lane's name reaches; their boxes."""
    left, right = across
    small = size * RULE_NAME
    boxes = []
    for title, y in rules:
        width, band = text_width(title, small), small * 1.2
        y0, y1 = y - band / 2, y + band / 2
        start = max([left] + [b.x1 for b in names if b.y1 > y0 and b.y0 < y1]) + size
        fits = [(a, b) for a, b in free_stretches(_crossings(drawn, y0, y1), start, right - size, size * 0.6)
                if b - a >= width + small]
        if not title or not fits:
            continue
        x = fits[-1][1] - width - small / 2
        ET.SubElement(g, "rect", {"x": num(x - small / 2), "y": num(y0), "width": num(width + small),
                                  "height": num(band), "fill": FOLD_FILL})
        _text(g, small, y + 0.35 * small, title, x, italic=True)
        boxes.append(Box(x - small / 2, y0, x + width + small / 2, y1))
    return boxes


def _text(g: ET.Element, size: float, base: float, words: str, x: float = -1.0, italic: bool = False) -> None:
    attrib = {"x": num(size if x < 0 else x), "y": num(base), "font-family": "DejaVu Sans", "font-size": num(size),
              "fill": FOLD_TEXT}
    if italic:
        attrib["font-style"] = "italic"
    text = ET.SubElement(g, "text", attrib)
    text.text = words
