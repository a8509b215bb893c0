"""Parts of the map copied for print: a clipped view of the drawing as a nested SVG.

The tiles, the overview and the legend of the printed map are all views of the one map SVG. A
view copies only what it shows: ids dropped (each id once in a document), tooltips dropped, text
too small to print left out (with the band behind it), and shapes wholly outside the view too.
"""

from __future__ import annotations

import math
import re
import weakref
import xml.etree.ElementTree as ET
from typing import Optional

from journeymap.briefing.mapgeometry import SVG_NS, Box, Item, Layout, element_box, font_size, points_box, points_of
from journeymap.map.canvas import num
from journeymap.map.text import HYPHEN

#: Shapes a clipped view leaves out when they lie wholly outside it, and the room kept around a
#: shape's points for its stroke (the widest is 3 pt; arrowheads are shapes of their own).
_SHAPES = frozenset({"path", "polygon", "polyline"})
_STROKE_ROOM = 6.0
_SHAPE_BOXES: "weakref.WeakKeyDictionary[ET.Element, Optional[Box]]" = weakref.WeakKeyDictionary()


def _shape_box(el: ET.Element) -> Optional[Box]:
    """The box of a shape's points (a curve stays inside its control points), with stroke room; cached."""
    if el not in _SHAPE_BOXES:
        _SHAPE_BOXES[el] = points_box(points_of(el), _STROKE_ROOM)
    return _SHAPE_BOXES[el]


def _keeps(child: ET.Element, min_font: float, view: Optional[Box]) -> bool:
    if child.tag == "title":  # tooltips: paper has no pointer
        return False
    if child.tag == "text":  # one wholly outside the view stayed in the PDF's text layer ("skip" over a page number)
        if font_size(child) < min_font or view is None:
            return font_size(child) >= min_font
        box = element_box(child)
        return box is None or box.meets(view)
    if view is not None and child.tag in _SHAPES:
        box = _shape_box(child)
        return box is None or box.meets(view)
    return True


def _copy(el: ET.Element, keep_ids: bool, min_font: float, view: Optional[Box]) -> ET.Element:
    attrib = dict(el.attrib)
    if not keep_ids:
        attrib.pop("id", None)
    new = ET.Element(el.tag, attrib)
    new.text, new.tail = el.text, el.tail
    new.extend(_copy(child, keep_ids, min_font, view) for child in el if _keeps(child, min_font, view))
    return new


def copy_item(item: Item, keep_ids: bool = False, min_font: float = 0.0, view: Optional[Box] = None) -> ET.Element:
    """A copy of an item's drawing for print: ids dropped (each id once in a document), text under
    ``min_font`` left out, tooltips (``title``) too, and, given the ``view`` it is clipped to, the
    shapes wholly outside it. WeasyPrint draws every element it is given, clipped or not: the
    emotion curve of a 500-touch-point map is three groups of 100 pieces across the whole map,
    and every one of its 146 tiles drew all of them."""
    return _copy(item.el, keep_ids, min_font, view)


def region(layout: Layout, view: Box, x: float, y: float, items: list[Item], min_font: float = 0.0) -> ET.Element:
    """A nested, clipping viewport showing ``view`` of the map at (x, y) of the tile (text under
    ``min_font`` left out; shapes wholly outside ``view`` too)."""
    svg = ET.Element("svg", {"x": num(x), "y": num(y), "width": num(view.width), "height": num(view.height),
                             "viewBox": f"{num(view.x0)} {num(view.y0)} {num(view.width)} {num(view.height)}",
                             "overflow": "hidden"})
    for item in items:
        if item.box.meets(view) and not (item.classes & _BACKED and _unreadable(item.el, min_font)):
            svg.append(copy_item(item, min_font=min_font, view=None if view.contains(item.box) else view))
    return svg


#: Labels drawn on a band of paper or lane colour: without their text, the band would only hide
#: the lines under it (a blueprint line's name on the overview, where it is too small to print).
_BACKED = frozenset({"blueprint-label", "flow-label"})


def _unreadable(el: ET.Element, min_font: float) -> bool:
    return all(font_size(t) < min_font for t in el.iter("text"))


def svg_root(width: float, height: float, scale: float, label: str) -> ET.Element:
    """An ``svg`` element of ``width`` x ``height`` map units, printed at ``scale``, labelled for screen readers.

    The printed size is rounded up to the hundredth of a point, never down: text sized to print at
    the floor would otherwise print a hair under it.
    """
    view_w, view_h = num(width), num(height)
    printed_w, printed_h = (num(math.ceil(float(v) * scale * 100) / 100) for v in (view_w, view_h))
    return ET.Element("svg", {"xmlns": SVG_NS, "class": "journey-map map-tile",
                              "viewBox": f"0 0 {view_w} {view_h}", "role": "img", "aria-label": label,
                              "style": f"width: {printed_w}pt; height: {printed_h}pt"})


def widened(svg: ET.Element, width: float, height: float, scale: float) -> None:
    """``svg`` (made by :func:`svg_root`) ``width`` map units wide, its printed size with it."""
    fresh = svg_root(width, height, scale, "")
    svg.set("viewBox", fresh.get("viewBox", ""))
    svg.set("style", fresh.get("style", ""))


# --- compaction for the printer ------------------------------------------------------------------

#: Paint that draws nothing: a shape with no fill and no stroke is not drawn.
_NO_PAINT = frozenset({"none", "transparent"})
_PAINTED = frozenset({"path", "polygon", "polyline", "rect", "circle", "ellipse", "line"})
#: What can make a shape show without its fill and stroke attributes, or a group matter.
_SHOWS = ("style", "filter", "marker-start", "marker-mid", "marker-end", "clip-path", "mask", "opacity")
#: Elements whose contents are drawn only where something refers to them: left as they are.
_REFERRED = frozenset({"defs", "clipPath", "mask", "marker", "pattern", "symbol", "linearGradient",
                       "radialGradient", "filter"})
_REFERENCE = re.compile(r"url\(#([^)]+)\)|^#(.+)$")


def _invisible(el: ET.Element) -> bool:
    return el.tag in _PAINTED and el.get("fill") in _NO_PAINT and el.get("stroke", "none") in _NO_PAINT \
        and not any(a in el.attrib for a in _SHOWS)


def _compact(el: ET.Element, referred: set[str]) -> None:
    kept: list[ET.Element] = []
    for child in el:
        if child.tag == "title":  # a tooltip: paper has no pointer
            continue
        if child.tag not in _REFERRED:
            _compact(child, referred)
        if child.tag == "g" and set(child.attrib) <= {"class", "id"} and child.get("id") not in referred:
            kept.extend(child)
        elif not _invisible(child):
            kept.append(child)
    el[:] = kept


def for_printer(svg: str) -> ET.Element:
    """An SVG document parsed for WeasyPrint: the same drawing in fewer elements.

    Groups that only name what they hold (``class``, and an ``id`` nothing refers to) are dissolved
    into their parent; shapes with neither fill nor stroke (the invisible frames Graphviz draws
    round labels) and tooltips are left out. A shape that a ``style``, marker, filter, clip or mask
    could make visible is kept, and what ``defs`` and the like hold is left as it is. WeasyPrint
    saves and restores its graphics state, resolves styles and reads transforms, clips and filters
    for every element it draws: a 500-touch-point briefing's 141 map images held 9,057 groups and
    1,202 invisible shapes among their 28,930 elements. The page's document (its ``svg``) keeps
    them, for readers and tests that look for the map's parts by class. A line ending in the map's
    syllable hyphen (U+2010) ends in a hyphen-minus.
    """
    root = ET.fromstring(svg)
    referred: set[str] = set()
    for el in root.iter():
        el.tag = el.tag.rpartition("}")[2]
        if el.tag == "text" and el.text and el.text.endswith(HYPHEN):
            # a word broken between syllables ends its line with a hyphen-minus on paper, which PDF
            # readers' search and copy join the word across, as the pages' own (briefing.css)
            el.text = el.text[:-1] + "-"
        for value in el.attrib.values():
            for found in _REFERENCE.finditer(value):
                referred.add(found.group(1) or found.group(2))
    _compact(root, referred)
    root.set("xmlns", SVG_NS)
    return root
