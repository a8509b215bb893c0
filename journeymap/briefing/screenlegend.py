"""The HTML briefing's legend, under its pan-and-zoom map rather than inside it.

Inside the map, the legend is one row as wide as the map's drawing: at the map's opening zoom its
right end was out of the view, and "line of visibility" was cut in two at 1,400 px.
Under the viewer it is the printed briefing's legend (:func:`~.printlegend.legend_svg`), wrapped
into lines and set at a size whose smallest text reads at 12 px. The map keeps its own legend,
hidden by our stylesheet where this one is shown (a team's map template without it keeps it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional

from journeymap.briefing.mapgeometry import SVG_NS, font_size, read_layout
from journeymap.briefing.printlegend import legend_svg

#: The widest line of the legend, in points (the page is at most 1,120 px, about 840 pt).
WIDTH = 780.0
#: The widest line of the legend on a phone, in points: 320 px, within a 390 px screen's padding.
#: The wide legend scrolled sideways there by 640 px, most of it out of sight.
NARROW = 240.0
#: The smallest legend text on screen, in points (12 px).
SMALLEST_PT = 9.0


def screen_legend(tree: ET.Element) -> Optional[str]:
    """The sanitised map's legend as two SVG documents, wrapped for wide screens (class ``wide``)
    and for phones (``narrow``, hidden by its style but where the stylesheet shows it), or None when it has none.

    Their elements are copies of the map's: their ids are dropped, so no id is on the page twice.
    Without ``xmlns``, they are for an HTML page only.
    """
    layout = read_layout(tree)
    if layout is None or layout.legend is None:
        return None
    smallest = min((font_size(t) for t in layout.legend.el.iter("text")), default=SMALLEST_PT)
    scale = max(1.0, SMALLEST_PT / smallest)
    wide, narrow = legend_svg(layout, WIDTH, scale), legend_svg(layout, NARROW, scale)
    if wide is None or narrow is None:
        return None
    # The phone's copy is hidden by its own style, which our stylesheet overrides on a phone only: a
    # team's stylesheet made before it, and print, showed both copies. (An SVG element
    # takes no ``hidden`` attribute from the browser's own stylesheet, which is for HTML elements.)
    narrow = _for_html(narrow, "narrow")
    return _for_html(wide, "wide") + re.sub(r'style="([^"]*)"', r'style="\1; display: none"', narrow, count=1)


def _for_html(markup: str, kind: str) -> str:
    """One legend's SVG for the HTML page: no ids, no namespace, classed ``map-legend-svg kind``."""
    # The markup is ours, written by ElementTree: an attribute is ` name="value"` with every quote
    # in a value escaped, and text content never holds a bare `"`, so the ids match whole.
    markup = _ID.sub("", markup)
    # HTML puts an <svg> in the SVG namespace itself; its URI read as an outside address.
    markup = markup.replace(f' xmlns="{SVG_NS}"', "")
    return markup.replace('class="journey-map map-tile"', f'class="map-legend-svg {kind}"', 1)


_ID = re.compile(r' id="[^"]*"')
