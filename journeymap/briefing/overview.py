"""The overview page of a tiled map: the whole map, its legend, and the names that stay legible.

At overview scale the map's own text is too small to print (SPEC 4.2: nothing under 6 pt), so it
is left out and replaced by the lane names (in the lane-name column) and the stage names (over
the columns) at :data:`NAME_PT`, wrapped and shortened to fit. The tiles are outlined and numbered.
The legend is printed at the tiles' scale (:mod:`.printlegend`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Mapping, NamedTuple, Sequence

from journeymap.briefing.mapgeometry import GLYPH, Box, Item, Layout, element_box, points_of
from journeymap.briefing.printview import region, svg_root
from journeymap.briefing.stageruns import balanced
from journeymap.briefing.tileplan import MAX_SCALE, NUMBER_PT, SAFE, Tile
from journeymap.briefing.overviewnames import (NAME_PT, cut_short, name_band, named_scale, names_width, stage_names,
                                                write_names)
from journeymap.map.canvas import num

#: The parts' outlines and numbers: a colour the map uses for nothing else (they were the red of
#: risky hand-offs, and dashed like them).
PART_COLOUR = "#5b3f8c"
#: The width of a part's outline, in printed points.
OUTLINE_PT = 1.2

#: Room between the rows of a folded overview, in points.
ROW_GAP_PT = 12.0
#: Most rows an overview is folded into.
MAX_ROWS = 8
#: Least printed width of the overview's lane-name column, in points (about 20 characters).
LABEL_PT = 84.0


def _drawn(el: ET.Element) -> Item:
    box = element_box(el)
    return Item(el, "", frozenset({"overview"}), box if box is not None else Box(0, 0, 0, 0))


def _extras(layout: Layout, tiles: list[Tile], scale: float, rows: list[tuple[float, float]]) -> list[Item]:
    """The tiles outlined and numbered, at ``scale``; an outline along the start or end of one of
    the ``rows`` is drawn inside it (the row's view would cut its line in half)."""
    extras = []
    half = OUTLINE_PT / 2 / scale
    starts, ends = {a for a, _ in rows}, {b for _, b in rows}
    narrowest = min((t.body.width for t in tiles), default=0.0) * scale
    lowest = min((t.body.height for t in tiles), default=0.0) * scale
    digits = len(str(len(tiles)))
    size = max(NAME_PT, min(NUMBER_PT, narrowest * 0.4 / _number_width(1.0, digits), lowest * 0.2)) / scale
    marks = [i.box for i in layout.items if i.classes & {"touchpoint", "emotion", "flow-label"}]
    marks += _line_pieces(layout)  # a number sat on the emotion curve, then on a hand-off's line
    # The stage names written over the header (:func:`stage_names`) reach below it at this scale.
    line = NAME_PT / scale * 1.4
    words = [Box(b.x0, layout.header.y0, b.x1, layout.header.y0 + line) for _, b in layout.columns]
    marks += words
    rooms: list[Box] = []  # around the numbers placed: kept clear, but less than what is printed
    for t in tiles:
        g = ET.Element("g", {"class": "tile-outline"})
        # A part of the first lanes is outlined with the emotion band above them, which every part
        # repeats (there its number has room, clear of the boxes).
        first_lanes = abs(t.body.y0 - layout.heading.y1) <= 1
        part = Box(t.body.x0, layout.header.y1, t.body.x1, t.body.y1) if first_lanes else t.body
        # within half a line of a row's end (the last part may end a little short of the map's
        # last lane), the line would still be cut: drawn inside the row too
        x0 = max([part.x0] + [a + half for a in starts if a - 1e-6 <= part.x0 < a + half])
        x1 = min([part.x1] + [b - half for b in ends if b - half < part.x1 <= b + 1e-6])
        ET.SubElement(g, "rect", {"x": num(x0), "y": num(part.y0), "width": num(x1 - x0),
                                  "height": num(part.height), "fill": "none", "stroke": PART_COLOUR,
                                  "stroke-width": num(OUTLINE_PT / scale),
                                  "stroke-dasharray": f"{num(10 / scale)} {num(2 / scale)} {num(2 / scale)} {num(2 / scale)}"})
        if len(tiles) == 1:  # the map in full, as the next page prints it: no part to number (review CL)
            extras.append(Item(g, "", frozenset({"overview"}), Box(part.x0 + 0.5, part.y0 + 0.5, part.x1 - 0.5,
                                                                   part.y1 - 0.5)))
            continue
        w, h = _number_width(size, len(str(t.number))), size * 1.3
        x, y = _number_corner(part, w, h, size * 0.2, marks, rooms, words)
        # Another part's number may not sit next to this one: "1" and "3" side by side read "1 3".
        rooms.append(Box(x - 2 * w, y - h, x + 3 * w, y + 2 * h))
        ET.SubElement(g, "rect", {"x": num(x), "y": num(y), "width": num(w), "height": num(h),
                                  "fill": "#ffffff", "stroke": PART_COLOUR, "stroke-width": num(1 / scale)})
        text = ET.SubElement(g, "text", {"x": num(x + size * 0.45), "y": num(y + size),
                                         "font-family": "DejaVu Sans", "font-weight": "bold",
                                         "font-size": num(size), "fill": PART_COLOUR})
        text.text = str(t.number)
        # inset: an outline touching a row's edge belongs to the row beside it
        inset = Box(part.x0 + 0.5, part.y0 + 0.5, part.x1 - 0.5, part.y1 - 0.5)
        extras.append(Item(g, "", frozenset({"overview"}), inset))
    return extras


def _line_pieces(layout: Layout) -> list[Box]:
    """The flows and the emotion curve as boxes, one around each piece of their lines (a line's
    whole box would cover every corner it passes)."""
    pieces = []
    for item in layout.of_class("flow") + layout.of_class("emotion-curve"):
        for path in item.el.iter("path"):
            points = points_of(path)
            pieces += [Box(min(a[0], b[0]), min(a[1], b[1]) - 1, max(a[0], b[0]), max(a[1], b[1]) + 1)
                       for a, b in zip(points, points[1:])]
    return pieces


def _number_width(size: float, digits: int) -> float:
    """The width of a part's number label of ``digits`` digits at ``size``: the digits and a margin."""
    return size * (0.9 + GLYPH * digits)


def _number_corner(body: Box, w: float, h: float, gap: float, marks: list[Box],
                   rooms: Sequence[Box] = (), words: Sequence[Box] = ()) -> tuple[float, float]:
    """Where a part's number goes: the first place in its outline, its left side first (top,
    bottom, middle), then the middles of its top and foot, then its right side, where it covers
    no box, emotion point, flow label or stage name (``marks``) nor the room around a number
    placed before (``rooms``); when each place covers one, the place that covers least of the
    ``words`` among the marks (stage names: a number on a narrow part covered a name's letters
    rather than a corner of a box), then of the marks, then of the rooms (the empty room weighed
    as much as words, and a number went on a stage name: review M)."""
    left, right, top, bottom = body.x0 + gap, body.x1 - gap - w, body.y0 + gap, body.y1 - gap - h
    middle, centre = (top + bottom) / 2, (left + right) / 2
    # The left side first: a number at a part's right edge, beside the next part's left one, was
    # read as that part's (audit P: "3" against part 4, "5" against part 6).
    corners = [(left, top), (left, bottom), (left, middle), (centre, top), (centre, bottom),
               (right, top), (right, bottom), (right, middle)]
    # Then anywhere along its sides, the left first: on a crowded part every corner held a box or
    # a line, and its number went on the emotion curve with free room lower down its left side.
    steps = max(1, int((bottom - top) / h))
    corners += [(x, top + (bottom - top) * k / steps) for x in (left, right) for k in range(1, steps)]
    steps = max(1, int((right - left) / w))
    corners += [(left + (right - left) * k / steps, y) for y in (top, bottom) for k in range(1, steps)]
    near, room = [m for m in marks if m.meets(body)], [r for r in rooms if r.meets(body)]

    def covered(corner: tuple[float, float], boxes: list[Box]) -> float:
        x, y = corner
        return sum(max(0.0, min(x + w, m.x1) - max(x, m.x0)) * max(0.0, min(y + h, m.y1) - max(y, m.y0))
                   for m in boxes)

    # clear of the marks by the gap too: a stage name's descenders touched a number below it
    free = next(((x, y) for x, y in corners
                 if not any(Box(x - gap, y - gap, x + w + gap, y + h + gap).meets(m) for m in near + room)), None)
    named = [b for b in words if b.meets(body)]
    return free if free is not None else min(corners, key=lambda c: (covered(c, named), covered(c, near),
                                                                     covered(c, room)))


def overview_view(layout: Layout) -> Box:
    """The part of the map the overview shows: all of it but the legend (printed after it)."""
    return Box(layout.view.x0, layout.view.y0, layout.view.x1,
               layout.legend.box.y0 - 2 if layout.legend else layout.view.y1)


def fold(layout: Layout, tiles: list[Tile], width: float, height: float,
         label_pt: float = LABEL_PT) -> tuple[list[tuple[float, float]], float]:
    """The rows a long map is folded into to fill a ``width`` x ``height`` pt page, and the scale.

    Each row repeats the lane names and holds the next tiles' stages, so a long, low map prints
    as a few rows, each as large as the page allows, rather than one thin strip. Rows are cut
    between tiles; the fold with the largest scale wins (the fewest rows on a tie). The lane
    names' column is ``label_pt`` wide at the least.
    """
    view = overview_view(layout)
    left, right = layout.labels.x1, view.x1
    spans = sorted({(t.body.x0, t.body.x1) for t in tiles}) or [(left, right)]
    spans[0] = (left, spans[0][1])
    spans[-1] = (spans[-1][0], max(right, spans[-1][1]))
    labels = left - view.x0
    best: tuple[float, list[tuple[float, float]]] = (0.0, [(left, right)])
    for count in range(1, min(MAX_ROWS, len(spans)) + 1):
        rows = balanced(spans, count)
        widest = max(b - a for a, b in rows)
        scale = min(width / (labels + widest), (width - label_pt) / widest,
                    (height - ROW_GAP_PT * (len(rows) - 1)) / (len(rows) * view.height), MAX_SCALE)
        if scale > best[0] * 1.02:
            best = (scale, rows)
    return best[1], best[0]


#: How much wider than :data:`LABEL_PT` the lane names' column may be made to name lanes whole,
#: and how much smaller the map may print for it.
WIDER_LABELS = (1.2, 1.4, 1.6, 1.8, 2.0)
LEAST_SCALE_SHARE = 0.85


def _folded(layout: Layout, tiles: list[Tile], width: float, height: float,
            lanes: Mapping[str, str]) -> tuple[list[tuple[float, float]], float, float, float]:
    """:func:`fold`'s rows and scale, and the lane names' column (its width and where its names
    start: :func:`_name_column`). Where lanes' names would be cut short, the column is made wider,
    the map a little smaller, as far as that names more of them whole: "Centro de atención al
    cliente…" on an overview page 45 % blank (audit DK)."""
    rows, scale = fold(layout, tiles, width, height)
    column = _name_column(layout, rows, scale, width, lanes)
    cut, best = _lanes_cut(layout, scale, *column, lanes), (rows, scale, *column)
    for factor in WIDER_LABELS:
        if cut == 0:
            break
        rows_k, scale_k = fold(layout, tiles, width, height, LABEL_PT * factor)
        if scale_k < scale * LEAST_SCALE_SHARE or len(rows_k) != len(rows):
            break  # not folded otherwise: the rows moved to fit the names left the page's sides blank
        column = _name_column(layout, rows_k, scale_k, width, lanes)
        cut_k = _lanes_cut(layout, scale_k, *column, lanes)
        if cut_k < cut:
            cut, best = cut_k, (rows_k, scale_k, *column)
    return best


def nameable(layout: Layout, scale: float) -> list[tuple[str, Box]]:
    """The lanes (id, band) high enough at ``scale`` to hold a name (:data:`NAME_PITCH`)."""
    return [(lane_id, box) for lane_id, box in layout.lanes if box.height * scale >= NAME_PT * NAME_PITCH]


def _name_column(layout: Layout, rows: list[tuple[float, float]], scale: float, width: float,
                 lanes: Mapping[str, str]) -> tuple[float, float]:
    """The lane names' column, in map units: its width, and where its names start. As wide as the
    names written need: those of lanes too thin to name took a fifth of the page, blank (audit FD)."""
    view = overview_view(layout)
    labels = layout.labels.x1 - view.x0
    # The names start where the lane bands do, in the column as stretched to ``wide``: from the
    # column's edge they hung 15 pt left of the bands on a slide (audit BQ). ``share``: the part of
    # the column the names have.
    inset = max(0.0, min((box.x0 for _, box in layout.lanes), default=view.x0) - view.x0) / max(labels, 1e-9)
    share = max(0.5, 1.0 - inset)
    names = [*(lanes.get(key.removeprefix("lane-"), key) for key, _ in nameable(layout, scale)), "Customer emotion"]
    wide = names_width(max(labels, LABEL_PT / scale), width / scale - max(b - a for a, b in rows), names,
                       NAME_PT / scale, share)
    # where the page has not the room for that, the names start further left, whole, before they are cut
    return wide, max(0.0, min(wide * (1.0 - share), wide - names_width(0.0, wide, names, NAME_PT / scale)))


def _lanes_cut(layout: Layout, scale: float, wide: float, start: float, lanes: Mapping[str, str]) -> int:
    """How many lanes' names are shortened in their bands of a column from ``start`` to ``wide``."""
    return sum(cut_short(Box(start, box.y0, wide, box.y1), lanes.get(lid.removeprefix("lane-"), lid), NAME_PT / scale)
               for lid, box in nameable(layout, scale))


class Overview(NamedTuple):
    """The overview's SVG, and how many lanes it leaves unnamed, too thin to hold a name."""

    svg: str
    unnamed: int


def overview_svg(layout: Layout, tiles: list[Tile], width: float, height: float, label: str,
                 stages: Mapping[str, str], lanes: Mapping[str, str], outlined: bool = True) -> Overview:
    """The whole map folded into rows (:func:`fold`) for a ``width`` x ``height`` pt page, text too
    small to print left out, lane and stage names at a legible size in their place, and the tiles
    outlined and numbered (unless not ``outlined``: then they only say where a row may end)."""
    rows, folded, wide, start = _folded(layout, tiles, width, height, lanes)
    scale = named_scale(layout, rows, folded, stages, lambda at: _spare(layout, rows, at, height))
    if scale < folded:  # the lane names' column as wide as the smaller map leaves room for
        wide, start = _name_column(layout, rows, scale, width, lanes)
    view = overview_view(layout)
    gap = ROW_GAP_PT / scale
    over = name_band(layout, rows, scale, stages, _spare(layout, rows, scale, height))  # room for the stages' names
    svg = svg_root(wide + max(b - a for a, b in rows), len(rows) * (view.height + over) + gap * (len(rows) - 1),
                   scale, label)
    maps = [i for i in layout.items if not i.classes & {"legend", "title"}]
    extras = _extras(layout, tiles, scale, rows) if outlined else []
    named = nameable(layout, scale)
    for n, (a, b) in enumerate(rows):
        y = n * (view.height + over + gap) + over
        column = region(layout, Box(view.x0, view.y0, layout.labels.x1, view.y1), 0, y, maps, float("inf"))
        column.set("width", num(wide))
        column.set("preserveAspectRatio", "none")  # only lane bands and rules, no text, are stretched
        svg.append(column)
        svg.append(_unrated_outlined(region(layout, Box(a, view.y0, b, view.y1), wide, y, maps + extras,
                                            SAFE / scale), scale))
        svg.append(stage_names(layout, a, b, scale, stages, wide, y, over))
        for lane_id, box in named:
            key = lane_id.removeprefix("lane-")
            write_names(svg, Box(start, y + box.y0 - view.y0, wide, y + box.y1 - view.y0), lanes.get(key, key),
                        NAME_PT / scale, True)
        band = layout.heading
        if band.y1 > layout.header.y1:  # the emotion band's row was the one without a name
            write_names(svg, Box(start, y + layout.header.y1 - view.y0, wide, y + band.y1 - view.y0), "Customer emotion",
                   NAME_PT / scale, True)
    return Overview(ET.tostring(svg, encoding="unicode"), len(layout.lanes) - len(named))


def _spare(layout: Layout, rows: list[tuple[float, float]], scale: float, height: float) -> float:
    """The room the ``rows`` leave on a page ``height`` pt high at ``scale``, in map units."""
    return height / scale - len(rows) * overview_view(layout).height - ROW_GAP_PT / scale * (len(rows) - 1)


#: A lane's name is written where its band is this many names' sizes high at least: on 200 lanes
#: each a point high the names overprinted one another in a dark block. Names of lanes lower than
#: a line touch (a descender the next line's capitals) but read, and are kept: 60 lanes on a4 are
#: 0.98 of a size high, 13 lanes folded into four rows (600 touch-points on a4) 0.74, and at 0.75
#: their names were all left out (review FE).
NAME_PITCH = 0.65
#: The printed width and dash of an unrated touch-point's outline on the overview.
UNRATED_PT = (0.6, 1.5)


def _unrated_outlined(drawn: ET.Element, scale: float) -> ET.Element:
    """``drawn`` with the dotted outline of each unrated touch-point made to print: at the
    overview's scale its dots and line shrank to nothing, and a near-white box on a near-white
    lane read as empty space (audit BL)."""
    width, dash = (v / scale for v in UNRATED_PT)
    for g in drawn.iter("g"):
        if "reliability-unknown" in g.get("class", "").split():
            for shape in g:
                if shape.get("stroke-dasharray"):
                    shape.set("stroke-width", num(max(width, float(shape.get("stroke-width", "1")))))
                    shape.set("stroke-dasharray", f"{num(dash)},{num(dash)}")
    return drawn
