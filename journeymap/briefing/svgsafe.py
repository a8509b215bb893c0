"""The map SVG made safe to put inside an HTML page (the briefing, the live preview): no prologue,
scripts, foreign objects, event handlers or outside references, every id once.

Hand-written over ElementTree rather than a general HTML sanitiser: the input is our own
Graphviz output, and what stays is an allow-list of SVG elements with attributes made inert,
which a general tool would not know to keep (``xml:space``, ``href="#..."``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markupsafe import Markup

from journeymap.briefing.errors import BriefingError
from journeymap.briefing.mapgeometry import SVG_NS
from journeymap.briefing.htmlfilters import CONTROL_CHARS

_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_PROLOGUE = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE(?:[^\[>]|\[[^\]]*\])*>", re.IGNORECASE)
_DROP = frozenset({"script", "foreignObject", "iframe", "object", "embed", "audio", "video", "handler",
                   "set", "animate", "animateMotion", "animateTransform", "discard"})
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_URL = re.compile(r"url\(\s*(?!['\"]?#)[^)]*\)", re.IGNORECASE)
_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _clean_attributes(el: ET.Element) -> None:
    for name in list(el.attrib):
        value = el.attrib.pop(name)
        local = _local(name)
        if name in ("href", _XLINK_HREF):
            if value.strip().startswith("#"):
                el.set("href", value.strip())
            continue
        if local.lower().startswith("on") or (name.startswith("{") and name != _XML_SPACE):
            continue
        el.set(name, _URL.sub("none", value))


def _clean(el: ET.Element) -> None:
    for child in list(el):
        if not isinstance(child.tag, str) or not child.tag.startswith("{" + SVG_NS + "}") \
                or _local(child.tag) in _DROP:
            el.remove(child)
            continue
        _clean(child)
        child.tag = _local(child.tag)
    _clean_attributes(el)
    if _local(el.tag) == "style" and el.text:
        el.text = _URL.sub("none", _IMPORT.sub("", el.text))


def sanitize_svg(svg: str) -> Markup:
    """The SVG made safe to inline, as markup (see :func:`sanitize_tree`)."""
    return inline_markup(sanitize_tree(svg))


def inline_markup(tree: ET.Element) -> Markup:
    """``tree`` as markup for an HTML page, without ``xmlns``: HTML puts an ``<svg>`` in the SVG
    namespace itself, and the namespace's URI read as an outside address in an offline page."""
    attrib = dict(tree.attrib)
    tree.attrib.pop("xmlns", None)
    try:
        return Markup(ET.tostring(tree, encoding="unicode"))
    finally:
        tree.attrib = attrib


def sanitize_tree(svg: str) -> ET.Element:
    """The SVG made safe to inline: no prologue, scripts, foreign objects, handlers or external refs.

    Comments are dropped; the outer ``width``/``height`` are removed so CSS scales the map to the
    page while ``viewBox`` keeps its proportions; an ``id`` already used (Graphviz gives clusters
    the graph's id) is dropped, so every id and PDF anchor is unique. Raises :class:`BriefingError` for non-SVG input.
    """
    try:
        root = ET.fromstring(CONTROL_CHARS.sub("", _PROLOGUE.sub("", svg)).strip())
    except ET.ParseError as exc:
        raise BriefingError(f"the map is not a well-formed SVG document: {exc}") from exc
    if root.tag != "{" + SVG_NS + "}svg":
        raise BriefingError("the map is not an SVG document")
    _clean(root)
    for attribute in ("width", "height", "x", "y"):
        root.attrib.pop(attribute, None)
    root.tag = "svg"
    root.set("xmlns", SVG_NS)
    root.set("class", "journey-map")
    root.set("preserveAspectRatio", "xMidYMid meet")
    seen: set[str] = set()
    for node in root.iter():
        ident = node.get("id")
        if ident is not None and ident in seen:
            del node.attrib["id"]
        elif ident is not None:
            seen.add(ident)
    return root
