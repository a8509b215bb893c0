"""A drawing of the printed map as the briefing's page takes it: an ``img`` of a ``data:`` URL
(:func:`image`), and the room a legend takes under a map (:func:`legend_height`)."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from typing import Optional

from journeymap.briefing.printview import for_printer

#: The printed size an SVG document of ours carries in its ``style`` (printview.svg_root).
PRINTED = re.compile(r"(width|height):\s*([\d.]+)pt")


def image(svg: str, alt: str) -> dict[str, str]:
    """An SVG document as an ``img`` for print: a ``data:`` URL, its printed size in points, its text.

    WeasyPrint draws an SVG image as vector graphics and text, like inline SVG, but does not
    give each of its thousands of elements HTML styles: a big map prints several times faster.
    It is given the drawing :func:`~journeymap.briefing.printview.for_printer` makes.
    """
    root = for_printer(svg)
    size = dict(PRINTED.findall(root.get("style", "")))
    data = base64.b64encode(ET.tostring(root, encoding="utf-8")).decode("ascii")
    return {"src": f"data:image/svg+xml;base64,{data}", "width": size.get("width", "100"),
            "height": size.get("height", "100"), "alt": alt}


def legend_height(legend: Optional[str], scale: float) -> float:
    """The room a legend takes below a map, in points (0 without one)."""
    return 0.0 if legend is None else float(ET.fromstring(legend).get("viewBox", "0 0 0 0").split()[3]) * scale + 8
