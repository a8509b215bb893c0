"""The map in print: one page when it is legible whole, else an overview and tiles (SPEC 4.2, item 3).

No text on a printed page may be smaller than :data:`~.tileplan.FLOOR` points (:mod:`.tileplan`
decides the cuts). The map is drawn once (one SVG); a tile is a clipped view of it: the lane
names at the left and the stage headers at the top are clipped from the same drawing and
repeated on every tile, so the geometry is identical everywhere. Tiles cut the map between
stage columns (inside a stage only where that saves a page, and then between boxes) and between
lanes. A flow cut at a tile's edge gets a badge there naming the part where it continues
(:mod:`.badges`). The overview shows the whole map with its small text left out and the parts
outlined and numbered; the legend follows it at a legible size.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from typing import Callable, Mapping, Optional

from journeymap.briefing.badges import mark_cuts
from journeymap.briefing.crossings import Crossing
from journeymap.briefing.foldstrip import Piece, draw_fold
from journeymap.briefing.labelhomes import Placement, slid
from journeymap.journey.textsafe import isolated
from journeymap.briefing.mapgeometry import Box, Item, Layout, element_box, font_size, largest_font, points_of
from journeymap.briefing.printview import copy_item, region, svg_root, widened
from journeymap.briefing.tileplan import BADGE_PT, CONTINUED_PT, MAX_SCALE, Sheet, Tile
from journeymap.map.canvas import num
from journeymap.map.text import fit_line, wrap
from journeymap.map.textwidth import text_width

def tile_size(layout: Layout, tile: Tile) -> tuple[float, float]:
    """A tile's drawing in map units: the names column and its body across, the rows every tile
    repeats and its body down (its folds at their strips' height: :mod:`.folds`), and the room
    under it for badges across its foot (:attr:`~.tileplan.Tile.foot`)."""
    return layout.labels.width + tile.body.width, layout.heading.height + tile.axis.height + tile.foot


def fill_scale(layout: Layout, tile: Tile, sheet: Sheet, scale: float, most: float = MAX_SCALE) -> float:
    """The scale a tile prints at: enlarged from ``scale`` (the smallest that keeps text legible)
    to fill ``sheet``, up to ``most``."""
    width, height = tile_size(layout, tile)
    return max(scale, min(sheet.width / width, sheet.height / height, most))


#: How much larger one tile may print than the smallest of its briefing: each tile filling its
#: page, home-claim's parts on letter paper printed their box titles at 9 pt on one page and at
#: 13 pt on the next, as if they came from different documents. Held to 1.25, pages lost little
#: (home-claim on letter: 88 % of the map's room filled on average, 87 %), but on slides the
#: examples' parts still printed 1.19-1.25x apart, the boxes shrinking from slide to slide (7.3 pt
#: on one, 6.1 pt on the next: audit AJ). Held to 1.1: on paper the examples' parts were within
#: 1.04 already, and no briefing takes another page.
MOST_APART = 1.1
#: Most room right of a part for continuation badges beyond its edge, in ems of a badge's type:
#: "from part 12" and a little more.
SIDE_ROOM = 9.0
#: Room kept free after each line of the names column, in map units (about 3 pt as printed).
NAME_ROOM = 6.0


def tile_svg(layout: Layout, tile: Tile, cut: list[Crossing], scale: float, label: str, sheet: Sheet,
             names: dict[str, str], labels: list[Placement], most: float = MAX_SCALE,
             lane_names: Optional[Mapping[str, str]] = None) -> str:
    """One tile as an SVG document (:func:`tile_drawing`)."""
    return tile_drawing(layout, tile, cut, scale, label, sheet, names, labels, most, lane_names)[0]


def tile_drawing(layout: Layout, tile: Tile, cut: list[Crossing], scale: float, label: str, sheet: Sheet,
                 names: dict[str, str], labels: list[Placement], most: float = MAX_SCALE,
                 lane_names: Optional[Mapping[str, str]] = None, short: bool = False) -> tuple[str, Optional[bool]]:
    """One tile as an SVG document: lane names, stage headers, the body, its flow labels
    (``labels``: see :func:`label_homes`), continuation badges (``cut`` is :func:`crossings` of all
    the tiles; with ``short``, all in the short form), and a strip for each run of lanes it folds,
    naming them (``lane_names``, by department id; :mod:`.folds`); and whether its badges took
    the short form (None without badges).

    ``scale`` is the smallest that keeps text legible; the tile is enlarged to fill ``sheet``, up
    to ``most`` (see :data:`MOST_APART`).
    """
    lw, head = layout.labels.width, layout.heading
    hh = head.height
    body, axis = tile.body, tile.axis
    width, height = tile_size(layout, tile)
    scale = fill_scale(layout, tile, sheet, scale, most)
    svg = svg_root(width, height, scale, label)
    kept = axis.kept()
    column = _names_column(svg, layout, tile, kept)
    split = _cut_stages(layout, tile)
    # A cut stage's name is drawn by _continued_headers; flow and blueprint-line labels whole, below.
    # A wide map repeats its lane names inside the stage area (SPEC 4.1): a tile has them in its
    # names column, and one cut at the tile's edge left fragments (") with a"; audit L).
    # Only what lies across the body's columns: every view below is within them, and a map of 500
    # touch-points has some 900 items to test against each view of each of its 122 tiles.
    drawn = [Item(copy_item(i, keep_ids=True, min_font=float("inf")), i.id, i.classes, i.box)
             if i.id.removeprefix("stage-") in split and "stage" in i.classes else i
             for i in layout.items if i.box.x0 <= body.x1 and body.x0 <= i.box.x1
             and not i.classes & {"title", "legend", "flow-label", "blueprint-label"}
             and not ("lane-label" in i.classes and i.box.x0 >= layout.labels.x1)]
    svg.append(region(layout, Box(body.x0, head.y0, body.x1, head.y1), lw, 0, drawn))
    for y0, y1 in kept:
        svg.append(region(layout, Box(body.x0, y0, body.x1, y1), lw, hh + axis.y_in(y0), drawn))
    dx = lw - body.x0

    def place(x: float, y: float) -> tuple[float, float]:
        """A point of the map in the tile's coordinates (its y through ``axis``, folds squeezed)."""
        return x + dx, hh + axis.y_in(y)

    strips = []
    for fold in tile.folds:  # the lanes' names in the strip are kept clear of badges, as the others are
        strips.append((fold, len(svg), draw_fold(svg, layout, fold, body, place, lane_names or {})))
        column += strips[-1][2]
    _continued_headers(svg, layout, tile, split, lw, scale, names)
    # A label a dropped part left to this one may lie in lanes this part folds: moved to the
    # nearest lanes it shows, where it would have covered the strip's names.
    labels = [(item, (x, _clear_of_folds(y, item.box.height, kept))) for item, (x, y) in labels]
    for item, (x, y) in labels:
        svg.append(region(layout, item.box, *place(x, y), [item]))
    # What a badge must not cover: the boxes and flow labels the tile shows, in tile coordinates.
    taken = [axis.box_in(i.box, dx, hh) for i in layout.of_class("touchpoint") if i.box.meets(body)]
    taken += [axis.box_in(Box(x, y, x + i.box.width, y + i.box.height), dx, hh) for i, (x, y) in labels] + column
    # and the emotion band's markers, drawn in the heading, which a badge across the top edge reaches into
    taken += [Box(i.box.x0 + dx, i.box.y0 - head.y0, i.box.x1 + dx, i.box.y1 - head.y0)
              for i in layout.of_class("emotion") if body.x0 <= i.box.x1 and i.box.x0 <= body.x1]
    # the page's room right of a part that does not fill its width: for badges beyond its right edge
    side = min(max(0.0, sheet.width / scale - width), SIDE_ROOM * BADGE_PT / scale)
    reach, shortened = mark_cuts(svg, tile, cut, scale, place, Box(lw, hh, width, height - tile.foot), taken,
                                 tile.foot, side, layout.risky_routes, short)
    leaders, badges = _badge_lines(svg) if strips else ([], [])
    for fold, at, boxes in strips:
        _clear_of_leaders(svg, at, boxes, leaders, badges,
                          lambda s, lines: draw_fold(s, layout, fold, body, place, lane_names or {}, lines))
    if reach > width:
        widened(svg, reach, height, scale)
    return ET.tostring(svg, encoding="unicode"), shortened


def _badge_lines(svg: ET.Element) -> tuple[list[Piece], list[Piece]]:
    """The badges' lines back to their flows drawn into a part's ``svg``, and each badge as a line
    across its box (:func:`~.mapgeometry.points_of` of its rect)."""
    leaders = [points_of(line) for group in svg.iter() if group.get("class") == "continues-lines"
               for line in group.iter("polyline")]
    badges = [points_of(rect) for group in svg.iter() if group.get("class") == "continues"
              for rect in group if rect.tag == "rect"]
    return leaders, badges


def _clear_of_leaders(svg: ET.Element, at: int, boxes: list[Box], leaders: list[Piece], badges: list[Piece],
                      draw: Callable[[ET.Element, list[Piece]], list[Box]]) -> None:
    """The strip drawn at child ``at`` of ``svg`` drawn again (``draw``) with its names stopping
    short of the badges' ``leaders`` (their lines back to their flows), where one crosses a name
    (``boxes``): a line from a flow entering at the part's left edge down to its badge ran through
    a strip's name run on past the names column ("Customer Contact Centre (Bradfor|d and
    Doncaster)": audit EA). The ``badges`` too: drawn again, the strip's caption found another
    free stretch, which a badge placed clear of the first had taken."""
    crossing = [piece for piece in leaders if any(_meets(a, b, box) for box in boxes for a, b in zip(piece, piece[1:]))]
    if not crossing:
        return
    again = ET.Element("g")
    draw(again, crossing + badges)
    svg.remove(svg[at])
    svg.insert(at, again[0])


def _meets(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the straight line from ``a`` to ``b`` (level or upright) meets ``box``."""
    return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])).meets(box)


def _names_column(svg: ET.Element, layout: Layout, tile: Tile, kept: list[tuple[float, float]]) -> list[Box]:
    """Draw the tile's names column: lanes, their names, "Customer emotion", and the names of the
    blueprint lines, each whole (one on the tile's top or bottom edge is moved inside: it was cut
    in half). Returns what a badge must not cover, in tile coordinates: each line of text, not a
    lane name's whole group (badges keep right of the column: :mod:`.badges`)."""
    head, body, axis = layout.heading, tile.body, tile.axis
    hh = head.height
    lanes_only = [i for i in layout.items if i.classes & {"lane", "lane-label", "emotion-label"}]
    for y0, y1 in kept:
        svg.append(region(layout, Box(layout.labels.x0, y0, layout.labels.x1, y1), 0, hh + axis.y_in(y0), lanes_only))
    if head.y1 > layout.header.y1:  # "Customer emotion", beside the band every tile repeats
        svg.append(region(layout, Box(layout.labels.x0, head.y0, layout.labels.x1, head.y1), 0, 0,
                          layout.of_class("emotion-label")))
    # each line with a little room after it: a badge set right against "BEHIND THE SCENES" read as
    # part of the lane's name
    column = [axis.box_in(Box(b.x0, b.y0, b.x1 + NAME_ROOM, b.y1), -layout.labels.x0, hh) for b in _name_lines(layout)
              if b.y1 >= body.y0 and b.y0 <= body.y1 and not axis.in_fold((b.y0 + b.y1) / 2)]
    for item in layout.of_class("blueprint-label"):
        b = item.box
        middle = (b.y0 + b.y1) / 2
        span = next(((y0, y1) for y0, y1 in kept if y0 - 0.5 <= middle <= y1 + 0.5), None)
        if span is not None and b.height <= span[1] - span[0]:
            top = hh + axis.y_in(slid(b.y0, b.height, *span))
            svg.append(region(layout, b, b.x0 - layout.labels.x0, top, [item]))
            column.append(Box(b.x0 - layout.labels.x0, top, b.x1 - layout.labels.x0, top + b.height))
    return column


def _clear_of_folds(y: float, height: float, kept: list[tuple[float, float]]) -> float:
    """Where a label of ``height`` at ``y`` goes so that it lies in one of the ``kept`` spans
    (between folds): where it is when it does, else moved the least into one that holds it.

    >>> _clear_of_folds(150, 20, [(0, 100), (200, 300)]), _clear_of_folds(50, 20, [(0, 100)])
    (200, 50)
    """
    if any(a <= y and y + height <= b for a, b in kept):
        return y
    options = [slid(y, height, a, b) for a, b in kept if b - a >= height]
    return min(options, key=lambda new: abs(new - y)) if options else y


@functools.lru_cache(maxsize=8)
def _name_lines(layout: Layout) -> tuple[Box, ...]:
    """The box of each line of text in the names column (lane names, "Customer emotion"), once
    per map: not the lane names a wide map repeats further right."""
    return tuple(b for i in layout.items if i.classes & {"lane-label", "emotion-label"} and i.box.x0 < layout.labels.x1
                 for b in (element_box(t) for t in i.el.iter() if t.tag.rsplit("}", 1)[-1] == "text")
                 if b is not None)



def _cut_stages(layout: Layout, tile: Tile) -> set[str]:
    """The stages whose column the tile's edges cut (their headers would be cut too)."""
    body = tile.body
    return {cid.removeprefix("column-") for cid, c in layout.columns
            if c.x1 > body.x0 and c.x0 < body.x1 and (c.x0 < body.x0 - 1 or c.x1 > body.x1 + 1)}


def _continued_headers(svg: ET.Element, layout: Layout, tile: Tile, split: set[str], left: float, scale: float,
                       names: dict[str, str]) -> None:
    """A stage the tile's edges cut (``split``, :func:`_cut_stages`) gets its name at the left of
    its part in place of its header (which the cut would clip), "(continued)" on every part but
    the first and an arrow on every part but the last; under it, as on the map, the header's
    smaller lines ("Owner: …"). The name takes as many lines as the header's height holds with
    the smaller lines under it; where that is too few, it is shortened (:func:`_header_lines`;
    "Owner: Billing…" lost the owner's name where a second line had room: audit P)."""
    heads = {i.id.removeprefix("stage-"): i for i in layout.of_class("stage")}
    columns = dict(layout.columns)
    size = CONTINUED_PT / scale
    small = CONTINUED_PT * 0.8 / scale
    for stage_id in sorted(split & set(heads)):
        column, head = columns[f"column-{stage_id}"], heads[stage_id]
        x = num(left + max(column.x0, tile.body.x0) - tile.body.x0 + size)
        top = head.box.y0 - layout.header.y0
        room = min(column.x1, tile.body.x1) - max(column.x0, tile.body.x0) - 2 * size
        largest = largest_font(head.el)
        smaller = [t for t in head.el.iter("text") if font_size(t) < largest]
        title, notes = _header_lines(names.get(stage_id, stage_id), column.x0 < tile.body.x0 - 1,
                                     column.x1 > tile.body.x1 + 1, ["".join(t.itertext()) for t in smaller],
                                     (room, size, small), head.box.height)
        fills = [t.get("fill", "#52606d") for t in smaller] or ["#52606d"]
        y = top
        for line in title:
            y += size * LINE
            text = ET.SubElement(svg, "text", {"x": x, "y": num(y), "font-family": "DejaVu Sans",
                                               "font-weight": "bold", "font-size": num(size), "fill": "#1d3557"})
            text.text = line
        for line, fill in zip(notes, fills + fills[-1:] * len(notes)):  # a wrapped line keeps its colour
            y += small * SMALL_LINE
            sub = ET.SubElement(svg, "text", {"x": x, "y": num(y), "font-family": "DejaVu Sans",
                                              "font-size": num(small), "fill": fill})
            sub.text = line


#: Line height of a cut stage's header lines, in font sizes: its name's, and its smaller lines'
#: (an owner's title wrapped onto a second line fits a header of one name line at 1.2).
LINE = 1.3
SMALL_LINE = 1.2


def _header_lines(name: str, began: bool, goes_on: bool, notes: list[str], sizes: tuple[float, float, float],
                  height: float) -> tuple[list[str], list[str]]:
    """A cut stage's name lines and smaller lines (``sizes``: the room across, the name's size and
    the smaller lines') in ``height``. The name says "(continued)" when it ``began`` on an earlier
    part and ends with an arrow when it ``goes_on``; it takes as many lines as leave room for the
    smaller ones. Where that is too few, the name's last line is cut at a word and "(continued)"
    is left to the part's heading, which says it of its first stage, the only one that began
    before ("continued · Owner: Head of…" lost the owner to it: audit R). The smaller lines wrap
    where the height holds them, else each is cut to the room.

    >>> _header_lines("Final bill at the old home", True, False, ["Owner: Billing Manager"], (100, 9, 7.2), 40)
    (['Final bill at the old', 'home (continued)'], ['Owner: Billing Manager'])
    >>> _header_lines("Final bill at the old home", True, True, ["Owner: Billing Manager"], (100, 9, 7.2), 25)
    (['Final bill at… \u2192'], ['Owner: Billing Manager'])
    >>> _header_lines("Place orders", True, False, ["Owner: Head of Commercial Operations"], (110, 9, 7.2), 40)
    (['Place orders'], ['Owner: Head of Commercial', 'Operations'])
    """
    room, size, small = sizes
    arrow = " \u2192" if goes_on else ""
    # The smaller lines wrapped where the height holds them ("Owner: Head of Commercial… " lost
    # the owner's title on a narrow part: audit R), else each cut to one line.
    wrapped = [line for n in notes for line in wrap(n, room, small)]
    choices = [wrapped, [fit_line(n, room, small) for n in notes]] if len(wrapped) > len(notes) else [wrapped]

    def name_lines(lines: list[str]) -> float:
        return (height - len(lines) * small * SMALL_LINE) / (size * LINE)

    name = isolated(name)  # a right-to-left stage name kept apart from "(continued)" and the arrow
    whole = wrap(f"{name}{' (continued)' if began else ''}{arrow}", room, size, bold=True)
    plain = wrap(f"{name}{arrow}", room, size, bold=True)
    # The owner whole before "(continued)", which the part's heading says too.
    for names, lines in [(whole, choices[0]), (plain, choices[0]), (whole, choices[-1]), (plain, choices[-1])]:
        if len(names) <= name_lines(lines):
            return names, lines
    smaller = next((lines for lines in choices if name_lines(lines) >= 1), choices[-1])
    fits = max(1, int(name_lines(smaller)))
    lines = plain
    if len(lines) > fits:
        rest = " ".join(lines[fits - 1:]).removesuffix(arrow)
        lines = lines[:fits - 1] + [fit_line(rest, room - text_width(arrow, size, bold=True), size, bold=True) + arrow]
    return lines, smaller

