"""The map in print: one page when it is legible whole, else an overview and tiles (SPEC 4.2, item 3).

No text on a printed page may be smaller than :data:`~.tileplan.FLOOR` points (:mod:`.tileplan`
decides the cuts). The map is drawn once (one SVG); a tile is a clipped view of it: the lane names at the left and the stage headers at the top
are clipped from the same drawing and repeated on every tile, so the geometry is identical
everywhere. Tiles cut the map between stage columns (inside a stage only where that saves a
page, and then between boxes) and between lanes. A flow cut at a tile's edge gets a badge
there naming the part where it continues. The overview shows the whole map with its small text
left out and the parts outlined and numbered; the legend follows it at a legible size.
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from typing import Mapping, Optional, Sequence

from journeymap.briefing.mapgeometry import GLYPH, Box, Item, Layout, font_size, largest_font, points_box, points_of
from journeymap.briefing.printview import copy_item, region, svg_root
from journeymap.briefing.tileplan import BADGE_PT, CONTINUED_PT, MAX_SCALE, Sheet, Tile
from journeymap.map.canvas import num
from journeymap.map.text import shorten

def _dense(points: Sequence[tuple[float, float]], steps: int = 16) -> list[tuple[float, float]]:
    """``points`` with ``steps`` points along each segment: a long straight run has its control
    points only near its ends, so a tile it merely passes through held none of them (and got no
    badge where the flow enters and leaves it)."""
    out = list(points[:1])
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        out += [(ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps) for k in range(1, steps + 1)]
    return out


def _crossing(points: Sequence[tuple[float, float]], box: Box, leaving: bool) -> Optional[tuple[float, float]]:
    """Where a flow's control polygon leaves ``box`` (first exit) or enters it (last entry)."""
    points = _dense(points)
    pairs = list(zip(points, points[1:]))
    if not leaving:
        pairs = [(b, a) for a, b in reversed(pairs)]
    for a, b in pairs:
        if box.holds(*a) and not box.holds(*b):
            lo, hi = 0.0, 1.0
            for _ in range(24):
                mid = (lo + hi) / 2
                if box.holds(a[0] + (b[0] - a[0]) * mid, a[1] + (b[1] - a[1]) * mid):
                    lo = mid
                else:
                    hi = mid
            return a[0] + (b[0] - a[0]) * lo, a[1] + (b[1] - a[1]) * lo
    return None


def _flow_ends(item: Item, known: Mapping[str, int]) -> Optional[tuple[str, str]]:
    """The two touch-points of a flow, from its SPEC id ``flow-<from>--<to>``.

    Ids may hold ``--`` themselves, so every split is tried against the touch-points ``known``.
    """
    ident = item.id.removeprefix("flow-") if item.id.startswith("flow-") else ""
    ident = ident.rsplit(".", 1)[0] if "." in ident else ident  # "flow-x--y--z.2": see map.dot.flow_ids
    start = ident.find("--")
    while start >= 0:
        source, target = ident[:start], ident[start + 2:]
        if source in known and target in known:
            return source, target
        start = ident.find("--", start + 1)
    return None


def _badge(parent: ET.Element, x: float, y: float, texts: tuple[str, str], scale: float, body: Box,
           taken: list[Box], tile: Box) -> None:
    """A continuation badge where its flow meets the edge of ``body`` (the tile's map area), at
    ``(x, y)``, covering no box, label or other badge in ``taken`` (the place it takes is added).

    ``texts`` are the badge's words and a short form of them. Tried in turn: the words on the
    flow's end inside the body; the short form there (it fits the gap between a stage's edge and
    its first box); the words centred on a flow's end at the body's left edge, reaching into the
    names column of the ``tile``; then the words slid along the edge to the nearest free place in
    the body, with a line back to the flow's end.
    """
    size = BADGE_PT / scale
    h = size * 1.6
    along_x = min(abs(y - body.y0), abs(y - body.y1)) < min(abs(x - body.x0), abs(x - body.x1))

    def width(text: str) -> float:  # a glyph's width a character, half an em each side
        return len(text) * size * GLYPH + size

    def spot(text: str, step: int) -> tuple[str, Box]:
        w = width(text)
        left = min(max(x - w / 2, body.x0 + 1.0), body.x1 - w - 1.0)
        top = min(max(y - h / 2, body.y0 + 1.0), body.y1 - h - 1.0)
        dx, dy = ((step * w * 0.55, 0.0) if along_x else (0.0, step * h * 0.75))
        return text, Box(left + dx, top + dy, left + dx + w, top + dy + h)

    half = width(texts[0]) / 2
    across = Box(x - half, y - h / 2, x + half, y + h / 2)
    tries = [(spot(texts[0], 0), body), (spot(texts[1], 0), body)]
    tries += [((texts[0], across), tile)] if abs(x - body.x0) < 0.5 else []
    tries += [(spot(texts[0], step), body) for step in _STEPS]
    text, best = next((t for t, room in tries if room.contains(t[1]) and not any(t[1].meets(o) for o in taken)),
                      tries[0][0])
    taken.append(best)
    g = ET.SubElement(parent, "g", {"class": "continues"})
    _leader(g, x, y, best, along_x, scale)
    ET.SubElement(g, "rect", {"x": num(best.x0), "y": num(best.y0), "width": num(best.width), "height": num(h),
                              "rx": num(size * 0.4), "fill": "#ffffff", "stroke": "#1d3557",
                              "stroke-width": num(0.8 / scale)})
    t = ET.SubElement(g, "text", {"x": num(best.x0 + size / 2), "y": num(best.y0 + size * 1.15),
                                  "font-family": "DejaVu Sans", "font-size": num(size), "fill": "#1d3557",
                                  "font-weight": "bold"})
    t.text = text


#: How far a badge may slide along its edge, in steps of about three quarters of its height (or
#: half its width), nearest first.
_STEPS = (1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6)


def _leader(parent: ET.Element, x: float, y: float, badge: Box, along_x: bool, scale: float) -> None:
    """A thin line from where the flow meets the edge to a badge slid away from it (none when the
    badge still lies across that point): a badge a box's height away reads as another flow's."""
    if (badge.x0 <= x <= badge.x1) if along_x else (badge.y0 <= y <= badge.y1):
        return
    to_x, to_y = min(max(x, badge.x0), badge.x1), min(max(y, badge.y0), badge.y1)
    colour, width = "#1d3557", num(0.7 / scale)
    ET.SubElement(parent, "line", {"x1": num(x), "y1": num(y), "x2": num(to_x), "y2": num(to_y),
                                   "stroke": colour, "stroke-width": width})
    ET.SubElement(parent, "circle", {"cx": num(x), "cy": num(y), "r": num(1.6 / scale), "fill": colour})


Crossing = tuple[int, int, tuple[tuple[float, float], ...]]


@functools.lru_cache(maxsize=4096)
def _bounds(points: tuple[tuple[float, float], ...]) -> Optional[Box]:
    """The box of a flow's points (each tile asks of each flow cut between tiles)."""
    return points_box(points)


def crossings(layout: Layout, tiles: list[Tile]) -> list[Crossing]:
    """The flows whose two ends lie in different tiles: ``(source tile, target tile, path points)``."""
    where = {}
    for item in layout.of_class("touchpoint"):
        cx, cy = (item.box.x0 + item.box.x1) / 2, (item.box.y0 + item.box.y1) / 2
        where[item.id.removeprefix("tp-")] = next((t.number for t in tiles if t.body.holds(cx, cy)), 0)
    found = []
    for item in layout.of_class("flow"):
        ends = _flow_ends(item, where)
        if ends is None or not where.get(ends[0]) or not where.get(ends[1]) or where[ends[0]] == where[ends[1]]:
            continue
        points = tuple(p for el in item.el.iter("path") for p in points_of(el))
        if points:
            found.append((where[ends[0]], where[ends[1]], points))
    return found


def fill_scale(layout: Layout, tile: Tile, sheet: Sheet, scale: float, most: float = MAX_SCALE) -> float:
    """The scale a tile prints at: enlarged from ``scale`` (the smallest that keeps text legible)
    to fill ``sheet``, up to ``most``."""
    width, height = layout.labels.width + tile.body.width, layout.heading.height + tile.body.height
    return max(scale, min(sheet.width / width, sheet.height / height, most))


#: How much larger one tile may print than the smallest of its briefing: each tile filling its
#: page, home-claim's parts on letter paper printed their box titles at 9 pt on one page and at
#: 13 pt on the next, as if they came from different documents. Held to 1.25, pages lose little
#: (home-claim on letter: 88 % of the map's room filled on average, 87 % now).
MOST_APART = 1.25


def tile_svg(layout: Layout, tile: Tile, cut: list[Crossing], scale: float, label: str, sheet: Sheet,
             names: dict[str, str], labels: list[Placement], most: float = MAX_SCALE) -> str:
    """One tile as an SVG document: lane names, stage headers, the body, its flow labels
    (``labels``: see :func:`label_homes`), continuation badges (``cut`` is :func:`crossings` of all
    the tiles).

    ``scale`` is the smallest that keeps text legible; the tile is enlarged to fill ``sheet``, up
    to ``most`` (see :data:`MOST_APART`).
    """
    lw, head = layout.labels.width, layout.heading
    hh = head.height
    body = tile.body
    width, height = lw + body.width, hh + body.height
    scale = fill_scale(layout, tile, sheet, scale, most)
    svg = svg_root(width, height, scale, label)
    # The names column: lanes, their names, "Customer emotion", and the names of the blueprint
    # lines, each whole: one on the tile's top or bottom edge is moved inside (it was cut in half).
    lanes_only = [i for i in layout.items if i.classes & {"lane", "lane-label", "emotion-label"}]
    svg.append(region(layout, Box(layout.labels.x0, body.y0, layout.labels.x1, body.y1), 0, hh, lanes_only))
    if head.y1 > layout.header.y1:  # "Customer emotion", beside the band every tile repeats
        svg.append(region(layout, Box(layout.labels.x0, head.y0, layout.labels.x1, head.y1), 0, 0,
                          layout.of_class("emotion-label")))
    # What a badge reaching into the names column must not cover, in tile coordinates.
    column = [i.box.shifted(-layout.labels.x0, hh - body.y0) for i in lanes_only if "lane" not in i.classes]
    for item in layout.of_class("blueprint-label"):
        b = item.box
        if body.y0 - 0.5 <= (b.y0 + b.y1) / 2 <= body.y1 + 0.5 and b.height <= body.height:
            top = _slid(b.y0, b.height, body.y0, body.y1)
            svg.append(region(layout, b, b.x0 - layout.labels.x0, hh + top - body.y0, [item]))
            column.append(b.shifted(-layout.labels.x0, hh + top - body.y0 - b.y0))
    split = _cut_stages(layout, tile)
    # A cut stage's name is drawn by _continued_headers; flow and blueprint-line labels whole, below.
    drawn = [Item(copy_item(i, keep_ids=True, min_font=float("inf")), i.id, i.classes, i.box)
             if i.id.removeprefix("stage-") in split and "stage" in i.classes else i
             for i in layout.items if not i.classes & {"title", "legend", "flow-label", "blueprint-label"}]
    svg.append(region(layout, Box(body.x0, head.y0, body.x1, head.y1), lw, 0, drawn))
    svg.append(region(layout, body, lw, hh, drawn))
    _continued_headers(svg, layout, tile, split, lw, scale, names)
    dx, dy = lw - body.x0, hh - body.y0  # map coordinates to the tile's
    for item, (x, y) in labels:
        svg.append(region(layout, item.box, x + dx, y + dy, [item]))
    # What a badge must not cover: the boxes and flow labels the tile shows, in tile coordinates.
    taken = [i.box.shifted(dx, dy) for i in layout.of_class("touchpoint") if i.box.meets(body)]
    taken += [i.box.shifted(x - i.box.x0 + dx, y - i.box.y0 + dy) for i, (x, y) in labels] + column
    for source, target, points in cut:
        # The tile a flow leaves, the one it enters, and any it only passes through: each edge
        # it is cut at says where it comes from or goes on to.
        ends = {source: (True,), target: (False,)}.get(tile.number, (False, True))
        box = _bounds(points)
        if len(ends) == 2 and box is not None and not box.meets(body):
            continue  # passes elsewhere (the tiles a flow crosses hold points of it)
        for leaving in ends:
            spot = _crossing(points, body, leaving)
            if spot is not None:
                texts = (f"\u2192 part {target}", f"\u2192 {target}") if leaving else \
                    (f"from part {source}", f"from {source}")
                _badge(svg, spot[0] + dx, spot[1] + dy, texts, scale, Box(lw, hh, width, height), taken,
                       Box(0, hh, width, height))
    return ET.tostring(svg, encoding="unicode")


Placement = tuple[Item, tuple[float, float]]


def _slid(start: float, size: float, low: float, high: float) -> float:
    """Where a span of ``size`` from ``start`` begins, moved the least to lie in ``[low, high]``
    (left where it is when it cannot fit)."""
    return min(max(start, low), high - size) if size <= high - low else start


def label_homes(layout: Layout, tiles: list[Tile]) -> dict[int, list[Placement]]:
    """Which tile shows each flow label, and where its top-left corner goes there.

    A label across a tile's edge was cut in two, half on each page ("invoice ma…" and "atches").
    Each is now whole on one tile: moved, if it must be, to lie inside it; the tile where it so
    covers no box wins, then the one holding its middle, then the least move.
    """
    boxes = [i.box for i in layout.of_class("touchpoint")]
    homes: dict[int, list[Placement]] = {t.number: [] for t in tiles}
    for item in layout.of_class("flow-label"):
        b = item.box
        options = []
        for t in tiles:
            if not t.body.meets(b):
                continue
            x, y = _slid(b.x0, b.width, t.body.x0, t.body.x1), _slid(b.y0, b.height, t.body.y0, t.body.y1)
            clash = any(Box(x, y, x + b.width, y + b.height).meets(o) for o in boxes)
            away = not t.body.holds((b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2)
            options.append((clash, away, abs(x - b.x0) + abs(y - b.y0), t.number, (x, y)))
        if options:
            best = min(options)
            homes[best[3]].append((item, best[4]))
    return homes


def _cut_stages(layout: Layout, tile: Tile) -> set[str]:
    """The stages whose column the tile's edges cut (their headers would be cut too)."""
    body = tile.body
    return {cid.removeprefix("column-") for cid, c in layout.columns
            if c.x1 > body.x0 and c.x0 < body.x1 and (c.x0 < body.x0 - 1 or c.x1 > body.x1 + 1)}


def _continued_headers(svg: ET.Element, layout: Layout, tile: Tile, split: set[str], left: float, scale: float,
                       names: dict[str, str]) -> None:
    """A stage the tile's edges cut (``split``, :func:`_cut_stages`) gets its name at the left of
    its part in place of its header (which the cut would clip), "(continued)" on every part but
    the first; under it, as on the map, the header's smaller lines ("Owner: …")."""
    heads = {i.id.removeprefix("stage-"): i for i in layout.of_class("stage")}
    columns = dict(layout.columns)
    size = CONTINUED_PT / scale
    for stage_id in sorted(split & set(heads)):
        column, head = columns[f"column-{stage_id}"], heads[stage_id]
        more = " (continued)" if column.x0 < tile.body.x0 - 1 else ""
        x = num(left + max(column.x0, tile.body.x0) - tile.body.x0 + size)
        top = head.box.y0 - layout.header.y0
        text = ET.SubElement(svg, "text", {"x": x, "y": num(top + size * 1.3), "font-family": "DejaVu Sans",
                                           "font-weight": "bold", "font-size": num(size), "fill": "#1d3557"})
        room = min(column.x1, tile.body.x1) - max(column.x0, tile.body.x0) - 2 * size  # cut at a word to fit
        text.text = shorten(f"{names.get(stage_id, stage_id)}{more}", max(8, int(room / (size * 0.66))))
        largest = largest_font(head.el)
        small = CONTINUED_PT * 0.8 / scale
        for n, line in enumerate(t for t in head.el.iter("text") if font_size(t) < largest):
            sub = ET.SubElement(svg, "text", {"x": x, "y": num(top + size * 1.3 + small * 1.3 * (n + 1)),
                                              "font-family": "DejaVu Sans", "font-size": num(small),
                                              "fill": line.get("fill", "#52606d")})
            sub.text = shorten("".join(line.itertext()), max(8, int(room / (small * GLYPH))))
