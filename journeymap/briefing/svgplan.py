"""What :mod:`.svgdraw` draws: one of our drawings read once into a plan, or None.

The printed map's drawings (:mod:`.printview`) use a small part of SVG: nested ``svg`` viewports,
polygons, polylines, paths of absolute ``M``/``L``/``C`` commands, rectangles (rounded or not),
lines, circles and plain ``text`` runs anchored at their start, coloured by presentation
attributes. :func:`drawing_plan` reads a drawing made of those alone into nested tuples, each
attribute inherited as WeasyPrint inherits it and each number parsed once; anything else in the
drawing (a transform, a style sheet, opacity, a marker, a gradient, a number it does not read the
way WeasyPrint does, text that WeasyPrint would lay out letter by letter) makes it None, and the
drawing is left to WeasyPrint. Pure: no WeasyPrint here.

Plan entries:

* ``("svg", place, view, aspect, clip, children)``: a viewport; ``place`` is (x, y, width,
  height) or None for the root, ``view`` the viewBox or None, ``aspect`` preserveAspectRatio
  split, ``clip`` whether it clips to its box;
* ``("shape", tag, geometry, fill, fill_opacity, stroke, stroke_width, dash)``: ``geometry``
  is the numbers the tag needs (a path's is its commands with their numbers), ``fill_opacity``
  the attribute as written or None;
* ``("text", element, attributes, font_size)``: a plain run, drawn by :mod:`.svgtext`.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from journeymap.briefing.svgtext import PER_LETTER

#: Attributes WeasyPrint does not pass from a parent to its children (``weasyprint/svg``).
NOT_INHERITED = frozenset({"clip", "clip-path", "filter", "height", "id", "mask", "opacity", "overflow", "rotate",
                           "stop-color", "stop-opacity", "style", "transform", "transform-origin", "viewBox",
                           "width", "x", "y", "dx", "dy", "href", "{http://www.w3.org/1999/xlink}href"})
_PAINT = frozenset({"fill", "stroke", "stroke-width", "stroke-dasharray", "fill-opacity"})
_FONT = frozenset({"font-family", "font-size", "font-weight", "font-style", "text-anchor"})
_LABELS = frozenset({"class", "role", "aria-label", "id"})
#: What any element may carry, its own or inherited (a parent's aspect ratio, fonts and paint).
_ANY = _LABELS | _PAINT | _FONT | {"preserveAspectRatio"}
#: The attributes each element may carry, its own and inherited, for the plan to draw it.
ALLOWED = {tag: _ANY | own for tag, own in {
    "svg": {"x", "y", "width", "height", "viewBox", "overflow"}, "polygon": {"points"}, "polyline": {"points"},
    "path": {"d"}, "rect": {"x", "y", "width", "height", "rx"}, "line": {"x1", "y1", "x2", "y2"},
    "circle": {"cx", "cy", "r"}, "text": {"x", "y"},
}.items()}
_NUMBER = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)")
#: What separates the numbers of a list as WeasyPrint reads one (``normalize``, then single spaces):
#: ASCII white space and commas only; a no-break space, which ``str.split`` takes too, is not.
_SEPARATORS = re.compile(r"[ \t\n\r,]+")
_COMMANDS = re.compile(r"([MLC])([^MLC]*)")
_ALIGN = {"none"} | {f"x{x}Y{y}" for x in ("Min", "Mid", "Max") for y in ("Min", "Mid", "Max")}
_SIZE_ONLY = re.compile(r"(\s*width:\s*[\d.]+pt;\s*height:\s*[\d.]+pt;?\s*)?")
#: The font size WeasyPrint draws a drawing's root with: 12pt in its CSS pixels.
ROOT_FONT_SIZE = 16.0

Plan = tuple[Any, ...]


class Unsupported(ValueError):
    """The drawing uses SVG the plan does not draw as WeasyPrint would."""


def _number(value: str) -> float:
    if not _NUMBER.fullmatch(value.strip()):
        raise Unsupported(value)
    return float(value)


def _optional(value: Optional[str]) -> float:
    """A number WeasyPrint reads as 0 when it is missing."""
    return 0 if value is None else _number(value)


def _pairs(text: str) -> list[float]:
    numbers = [n for n in _SEPARATORS.split(text) if n]
    if not numbers or len(numbers) % 2:
        raise Unsupported(text)
    return [_number(n) for n in numbers]


def _path(d: str) -> list[tuple[str, list[float]]]:
    """``d`` of absolute moves, lines and cubic curves: each command with its numbers."""
    if _COMMANDS.sub("", d).strip():
        raise Unsupported(d)
    commands = [(letter, _pairs(numbers)) for letter, numbers in _COMMANDS.findall(d)]
    if not commands or commands[0][0] != "M" or any(c == "C" and len(n) % 6 for c, n in commands):
        raise Unsupported(d)
    return commands


def _paint(attrib: dict[str, str]) -> tuple[Any, ...]:
    fill = attrib.get("fill", "black").strip()
    stroke = attrib.get("stroke", "").strip()
    # WeasyPrint finds url(...) anywhere in a paint, and tinycss2 reads currentColor in any case
    # as a keyword, not a colour (only the exact spelling is replaced before drawing).
    if any("url(" in p or p.startswith("context-") or p.lower() == "currentcolor" for p in (fill, stroke)):
        raise Unsupported(fill + stroke)
    dashes = attrib.get("stroke-dasharray", "").replace(",", " ").split()  # WeasyPrint's own split
    opacity = attrib.get("fill-opacity")
    if opacity is not None:
        _number(opacity)
    return (None if fill in ("", "none") else fill, opacity, None if stroke in ("", "none") else stroke,
            _number(attrib.get("stroke-width", "1")), tuple(_number(v) for v in dashes if v != "none"))


def _geometry(tag: str, attrib: dict[str, str]) -> Any:
    if tag in ("polygon", "polyline"):
        return _pairs(attrib.get("points", ""))
    if tag == "path":
        return _path(attrib.get("d", ""))
    names = {"rect": ("x", "y", "width", "height", "rx"), "line": ("x1", "y1", "x2", "y2"),
             "circle": ("cx", "cy", "r")}[tag]
    return [_optional(attrib.get(name)) for name in names]


def _text(element: Any, attrib: dict[str, str], font_size: float) -> Plan:
    text = element.text or ""
    plain = text and text == text.strip(" ") and not any(c in text for c in "\n\r\t") and "  " not in text
    if len(element) or not plain or attrib.get("text-anchor", "start") != "start" or PER_LETTER & set(attrib):
        raise Unsupported("text")
    _optional(attrib.get("x"))
    _optional(attrib.get("y"))
    return ("text", element, attrib, font_size)


def _viewport(element: Any, attrib: dict[str, str], font_size: float, root: bool) -> Plan:
    box = attrib.get("viewBox")
    view = tuple(_pairs(box)) if box is not None else None
    aspect = tuple(attrib.get("preserveAspectRatio", "xMidYMid").split())
    if (view is not None and len(view) != 4) or (root and view is None) or not aspect or aspect[0] not in _ALIGN \
            or aspect[1:] not in ((), ("meet",), ("slice",)):
        raise Unsupported("viewport")
    place = None
    if not root:
        if "width" not in attrib or "height" not in attrib:
            raise Unsupported("a nested svg without its size")
        place = (_optional(attrib.get("x")), _optional(attrib.get("y")),
                 _number(attrib["width"]), _number(attrib["height"]))
    clip = not root and attrib.get("overflow", "hidden") == "hidden"
    inherited = {k: v for k, v in attrib.items() if k not in NOT_INHERITED}
    return ("svg", place, view, aspect, clip, [_element(child, inherited, font_size) for child in element])


def _element(element: Any, inherited: dict[str, str], parent_font_size: float) -> Plan:
    if not isinstance(element.tag, str):
        raise Unsupported("a comment or processing instruction")
    tag = element.tag.rpartition("}")[2]
    attrib = {**inherited, **element.attrib}
    if tag not in ALLOWED or not ALLOWED[tag].issuperset(attrib) or "currentColor" in attrib.values() \
            or "inherit" in attrib.values():
        raise Unsupported(tag)
    font_size = parent_font_size if "font-size" not in attrib else _number(attrib["font-size"])
    if tag == "svg":
        return _viewport(element, attrib, font_size, root=False)
    if tag == "text":
        return _text(element, attrib, font_size)
    if len(element):
        raise Unsupported(f"{tag} with children")
    return ("shape", tag, _geometry(tag, attrib), *_paint(attrib))


def drawing_plan(root: Any) -> Optional[Plan]:
    """The plan of one of our drawings (its ElementTree root, ``class="journey-map ..."``), or
    None when it is not ours or uses anything the plan does not draw as WeasyPrint would."""
    if not isinstance(root.tag, str) or root.tag.rpartition("}")[2] != "svg" \
            or "journey-map" not in root.get("class", "").split():
        return None
    # The root's style gives its printed size, which WeasyPrint reads before drawing it (and would
    # pass anything else in it on to the children as attributes).
    attrib = {k: v for k, v in root.attrib.items() if k != "style"}
    if not ALLOWED["svg"].issuperset(attrib) or attrib.keys() & {"x", "y", "width", "height", "font-size"} \
            or not _SIZE_ONLY.fullmatch(root.get("style", "")):
        return None
    try:
        return _viewport(root, attrib, ROOT_FONT_SIZE, root=True)
    except (Unsupported, RecursionError):
        return None
