"""Continuation badges drawn: a badge's box and words, its line back to its flow's end, and the
lines of a part's badges drawn under all of them (:mod:`.badges` decides where they go)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from journeymap.briefing.mapgeometry import Box
from journeymap.briefing.tileplan import BADGE_PT
from journeymap.map.canvas import num
from journeymap.map.theme import RISKY_COLOR


def draw_badge(parent: ET.Element, end: tuple[float, float], text: str, box: Box, along_x: bool, scale: float,
               risky: bool = False) -> None:
    """A badge saying ``text`` in ``box``, with its line back to the flow's ``end``; a ``risky``
    hand-off's in its red, its edge dashed as the flow is: on a flow that enters a part just above
    its box, the badge covered all of the line but its arrowhead, and the hand-off no longer read
    as risky (audit EA)."""
    size = BADGE_PT / scale
    ink = RISKY_COLOR if risky else "#1d3557"
    g = ET.SubElement(parent, "g", {"class": "continues"})
    leader(g, *end, box, along_x, scale)
    rect = ET.SubElement(g, "rect", {"x": num(box.x0), "y": num(box.y0), "width": num(box.width),
                                     "height": num(box.height), "rx": num(size * 0.4), "fill": "#ffffff",
                                     "stroke": ink, "stroke-width": num((1.1 if risky else 0.8) / scale)})
    if risky:
        rect.set("stroke-dasharray", f"{num(2.5 / scale)} {num(1.2 / scale)}")
    t = ET.SubElement(g, "text", {"x": num(box.x0 + size / 2), "y": num(box.y0 + size * 1.15),
                                  "font-family": "DejaVu Sans", "font-size": num(size), "fill": ink,
                                  "font-weight": "bold"})
    t.text = text


def leader(parent: ET.Element, x: float, y: float, badge: Box, along_x: bool, scale: float) -> None:
    """A thin line from where the flow meets the edge to a badge slid away from it (none when the
    badge still lies across that point): a badge a box's height away reads as another flow's.

    The line runs along the edge, then turns square into the badge: a slanting one, to a badge
    moved in from the edge, crossed a folded strip's "no touch-points here"."""
    if (badge.x0 <= x <= badge.x1) if along_x else (badge.y0 <= y <= badge.y1):
        return
    to_x, to_y = min(max(x, badge.x0), badge.x1), min(max(y, badge.y0), badge.y1)
    if along_x:  # a top or bottom edge: along it to the badge's middle, then up or down into it
        bend = ((badge.x0 + badge.x1) / 2, y)
        to_x = bend[0]
    else:  # a side: along it to the badge's middle height, then across into it
        bend = (x, (badge.y0 + badge.y1) / 2)
        to_y = bend[1]
    colour, width = "#1d3557", num(0.7 / scale)
    points = [(x, y), bend, (to_x, to_y)]
    ET.SubElement(parent, "polyline", {"points": " ".join(f"{num(px)},{num(py)}" for px, py in points),
                                       "fill": "none", "stroke": colour, "stroke-width": width})
    ET.SubElement(parent, "circle", {"cx": num(x), "cy": num(y), "r": num(1.6 / scale), "fill": colour})


def lines_under(svg: ET.Element, start: int) -> None:
    """The lines back to the flows' ends, of the badges drawn into ``svg`` from child ``start`` on,
    drawn before every one of those badges: each was drawn with its own badge, so a badge's line
    slid into a second row ran across the words of the badge before it ("from par|t 13")."""
    lines = ET.Element("g", {"class": "continues-lines"})
    for g in list(svg)[start:]:
        if g.get("class") == "continues-joined":
            svg.remove(g)
            lines.append(g)
        elif g.get("class") == "continues":
            for mark in [e for e in g if e.tag in ("polyline", "circle")]:
                g.remove(mark)
                lines.append(mark)
    if len(lines):
        svg.insert(start, lines)
