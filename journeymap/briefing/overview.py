"""The overview page of a tiled map: the whole map, its legend, and the names that stay legible.

At overview scale the map's own text is too small to print (SPEC 4.2: nothing under 6 pt), so it
is left out and replaced by the lane names (in the lane-name column) and the stage names (over
the columns) at :data:`NAME_PT`, wrapped and shortened to fit. The tiles are outlined and numbered.
The legend is printed at the tiles' scale, its single row wrapped into lines at whole entries.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Mapping, Optional

from journeymap.briefing.mapgeometry import GLYPH, Box, Item, Layout, element_box
from journeymap.briefing.tiles import NUMBER_PT, SAFE, Tile, copy_item, cut_ranges, region, svg_root
from journeymap.map.canvas import num

#: Printed size of the lane and stage names on the overview.
NAME_PT = 6.5


def _wrap(text: str, chars: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of ``chars`` characters, the last shortened with an ellipsis."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > chars:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][:max(1, chars - 1)].rstrip() + "\u2026"
    return [o if len(o) <= chars else o[:max(1, chars - 1)] + "\u2026" for o in out]


def _names(parent: ET.Element, box: Box, text: str, size: float, bold: bool) -> None:
    chars = max(1, int((box.width - size) / (size * GLYPH)))
    lines = max(1, int((box.height - size * 0.3) / (size * 1.25)))
    for n, line in enumerate(_wrap(text, chars, lines)):
        t = ET.SubElement(parent, "text", {"x": num(box.x0 + size * 0.4), "y": num(box.y0 + size * (1.1 + 1.25 * n)),
                                           "font-family": "DejaVu Sans", "font-size": num(size), "fill": "#1d3557"})
        if bold:
            t.set("font-weight", "bold")
        t.text = line


def overview_svg(layout: Layout, tiles: list[Tile], scale: float, label: str, stages: Mapping[str, str],
                 lanes: Mapping[str, str]) -> str:
    """The whole map with text too small at ``scale`` left out, lane and stage names at a legible
    size in their place, and the tiles outlined and numbered."""
    view = Box(layout.view.x0, layout.view.y0, layout.view.x1,
               layout.legend.box.y0 - 2 if layout.legend else layout.view.y1)
    svg = svg_root(view.width, view.height, scale, label)
    inner = ET.SubElement(svg, "svg", {"x": "0", "y": "0", "width": num(view.width), "height": num(view.height),
                                       "viewBox": " ".join(map(num, (view.x0, view.y0, view.width, view.height)))})
    for item in layout.items:
        if "legend" not in item.classes:
            inner.append(copy_item(item, min_font=SAFE / scale))
    small = NAME_PT / scale
    names = ET.SubElement(inner, "g", {"class": "overview-names"})
    for lane_id, box in layout.lanes:
        key = lane_id.removeprefix("lane-")
        _names(names, Box(layout.labels.x0, box.y0, layout.labels.x1, box.y1), lanes.get(key, key), small, True)
    for column_id, box in layout.columns:
        key = column_id.removeprefix("column-")
        _names(names, Box(box.x0, layout.header.y0, box.x1, layout.header.y1), stages.get(key, key), small, True)
    size = NUMBER_PT / scale
    for t in tiles:
        g = ET.SubElement(inner, "g", {"class": "tile-outline"})
        ET.SubElement(g, "rect", {"x": num(t.body.x0), "y": num(t.body.y0), "width": num(t.body.width),
                                  "height": num(t.body.height), "fill": "none", "stroke": "#b5482f",
                                  "stroke-width": num(1.2 / scale),
                                  "stroke-dasharray": f"{num(4 / scale)} {num(3 / scale)}"})
        ET.SubElement(g, "rect", {"x": num(t.body.x0 + size * 0.2), "y": num(t.body.y0 + size * 0.2),
                                  "width": num(size * (0.9 + 0.62 * len(str(t.number)))), "height": num(size * 1.3),
                                  "fill": "#ffffff", "stroke": "#b5482f", "stroke-width": num(1 / scale)})
        text = ET.SubElement(g, "text", {"x": num(t.body.x0 + size * 0.65), "y": num(t.body.y0 + size * 1.2),
                                         "font-family": "DejaVu Sans", "font-weight": "bold",
                                         "font-size": num(size), "fill": "#b5482f"})
        text.text = str(t.number)
    return ET.tostring(svg, encoding="unicode")


def legend_svg(layout: Layout, width: float, scale: float) -> Optional[str]:
    """The legend at ``scale``, its row wrapped into lines no wider than ``width`` points."""
    legend = layout.legend
    if legend is None:
        return None
    parts = []
    for child in legend.el:
        b = element_box(child) if child.tag != "title" else None
        if b is not None and b.width < legend.box.width * 0.9:
            parts.append(Item(child, "", frozenset({child.tag}), b))
    # An entry is a sample (shapes, maybe with an icon) and its label after it; a line breaks only
    # before a sample that follows a label. (Text boxes are estimates, so only shapes set edges.)
    starts: list[float] = []
    shape_end, labelled = float("-inf"), True
    for p in sorted(parts, key=lambda p: p.box.x0):
        if "text" in p.classes:
            labelled = labelled or p.box.x0 > shape_end
        elif labelled:
            starts.append(p.box.x0)
            shape_end, labelled = p.box.x1, False
        else:
            shape_end = max(shape_end, p.box.x1)
    edges = [legend.box.x0] + [x - 2 for x in starts[1:]] + [legend.box.x1]
    lines = cut_ranges([(a, b) for a, b in zip(edges, edges[1:]) if b > a], width / scale, [])
    box = legend.box
    top = min((p.box.y0 for p in parts if "text" not in p.classes), default=box.y0) - 4
    row = box.y1 - top  # lines after the first leave out the legend's title
    widest = max(b - a for a, b in lines)
    svg = svg_root(widest, box.height + row * (len(lines) - 1), scale, "Legend of the journey map")
    for n, (a, b) in enumerate(lines):
        view = Box(a, box.y0 if n == 0 else top, b, box.y1)
        svg.append(region(layout, view, 0, 0 if n == 0 else box.height + row * (n - 1), parts))
    return ET.tostring(svg, encoding="unicode")
