"""The legend of a printed map: the map's own legend at the parts' scale, each of its rows
wrapped into lines at whole entries (a sample and its label), for the overview page, a map page
and the HTML briefing's legend under its viewer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

from journeymap.briefing.mapgeometry import Box, Item, Layout, element_box
from journeymap.briefing.printview import region, svg_root
from journeymap.briefing.stageruns import cut_ranges


def legend_svg(layout: Layout, width: float, scale: float) -> Optional[str]:
    """The legend at ``scale``, each of its rows wrapped into lines no wider than ``width`` points,
    in order. (A narrow map's legend has two rows already: read as one, by x alone, its second
    row's entry was put on a line of its own before the first row's end: audit U.)"""
    legend = layout.legend
    if legend is None:
        return None
    parts = legend_parts(legend)
    box = legend.box
    lines: list[tuple[Box, list[Item]]] = []
    indent: Optional[float] = None
    for n, members in enumerate(legend_rows(parts)):
        end = box.x1 if n == 0 else max(p.box.x1 for p in members) + 2
        for x0, x1, drawn in _wrapped(members, box.x0, end, width / scale):
            if not drawn:  # a piece of an entry wider than the room: drawn on the line it starts on
                continue
            # Every line's first sample under the first line's: a line began where the row's
            # cut fell, and a phone's legend was ragged, "line of visibility" indented by 60 px
            # (audit CC). The first line keeps the legend's title.
            first = min((p.box.x0 for p in drawn if "text" not in p.classes), default=x0)
            if indent is None:  # 2 points before the title and the first sample, which line up
                x0 = min(p.box.x0 for p in drawn) - 2
                indent = first - x0
            else:
                x0 = first - indent
            # A line is as high as what it draws (a label's capitals stand above a thin sample);
            # the first keeps the legend's title.
            top = min([p.box.y0 - (1 if "text" in p.classes else 4) for p in drawn])
            lines.append((Box(x0, box.y0 if not lines else top, x1, max(p.box.y1 for p in drawn) + 4), drawn))
    widest = max(view.width for view, _ in lines)
    svg = svg_root(widest, sum(view.height for view, _ in lines), scale, "Legend of the journey map")
    y = 0.0
    for view, drawn in lines:
        svg.append(region(layout, view, 0, y, drawn))
        y += view.height
    return ET.tostring(svg, encoding="unicode")


def legend_parts(legend: Item) -> list[Item]:
    """The legend's pieces (each sample's shapes, each label), with their boxes; its frame left out."""
    parts = []
    for child in legend.el:
        b = element_box(child) if child.tag != "title" else None
        if b is not None and b.width < legend.box.width * 0.9:
            parts.append(Item(child, "", frozenset({child.tag}), b))
    return parts


def legend_rows(parts: list[Item]) -> list[list[Item]]:
    """The legend's rows, top to bottom: the parts of each. A row is where its samples (shapes)
    lie; text goes with the row its middle is in, the title with the first."""
    bands: list[list[float]] = []
    for p in sorted((p for p in parts if "text" not in p.classes), key=lambda p: p.box.y0):
        if bands and p.box.y0 <= bands[-1][1] + 3:  # one row's thin lines lie a point apart (y 16 and 17)
            bands[-1][1] = max(bands[-1][1], p.box.y1)
        else:
            bands.append([p.box.y0, p.box.y1])
    members: list[list[Item]] = [[] for _ in bands or [[]]]
    for p in parts:
        middle = (p.box.y0 + p.box.y1) / 2
        # the nearest band: a label's middle stands 4-5 points above a thin line's, and went with
        # the row above when that was within 4 points of it ("line of visibility" over nothing: audit CK)
        members[min(range(len(bands)), key=lambda i: (max(bands[i][0] - middle, middle - bands[i][1], 0), i))
                if bands else 0].append(p)
    return [m for m in members if m]


def _wrapped(parts: list[Item], start: float, end: float, room: float) -> list[tuple[float, float, list[Item]]]:
    """One row of the legend cut into lines no wider than ``room``: (left, right, parts drawn)."""
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
    edges = [start] + [x - 2 for x in starts[1:]] + [end]
    lines = cut_ranges([(a, b) for a, b in zip(edges, edges[1:]) if b > a], room, [])
    # Each part is drawn on the line it starts on: a label's estimated box may end short of its
    # glyphs, which then showed, cut, at the start of the next line. A line reaches as far as its
    # labels do: the legend's frame can end before the last label ("line of internal intera").
    mine = [[p for p in parts if a <= p.box.x0 < b or (n == len(lines) - 1 and p.box.x0 >= b)]
            for n, (a, b) in enumerate(lines)]
    return [(a, max([b] + [p.box.x1 + 2 for p in drawn]), drawn) for (a, b), drawn in zip(lines, mine)]
