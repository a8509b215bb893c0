"""The HTML briefing's legend, under its pan-and-zoom map rather than inside it.

Inside the map, the legend is one row as wide as the map's drawing: at the map's opening zoom its
right end was out of the view, and "line of visibility" was cut in two at 1,400 px (audit R).
Under the viewer it is the printed briefing's legend (:func:`~.overview.legend_svg`), wrapped
into lines and set at a size whose smallest text reads at 12 px. The map keeps its own legend,
hidden by our stylesheet where this one is shown (a team's map template without it keeps it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional

from journeymap.briefing.mapgeometry import SVG_NS, font_size, read_layout
from journeymap.briefing.overview import legend_svg

#: The widest line of the legend, in points (the page is at most 1,120 px, about 840 pt).
WIDTH = 780.0
#: The smallest legend text on screen, in points (12 px).
SMALLEST_PT = 9.0


def screen_legend(tree: ET.Element) -> Optional[str]:
    """The sanitised map's legend as an SVG document of its own, or None when it has none.

    Its elements are copies of the map's: their ids are dropped, so no id is on the page twice.
    Without ``xmlns``, it is for an HTML page only.
    """
    layout = read_layout(tree)
    if layout is None or layout.legend is None:
        return None
    smallest = min((font_size(t) for t in layout.legend.el.iter("text")), default=SMALLEST_PT)
    scale = max(1.0, SMALLEST_PT / smallest)
    markup = legend_svg(layout, WIDTH, scale)
    if markup is None:
        return None
    # The markup is ours, written by ElementTree: an attribute is ` name="value"` with every quote
    # in a value escaped, and text content never holds a bare `"`, so the ids match whole.
    markup = _ID.sub("", markup)
    # HTML puts an <svg> in the SVG namespace itself; its URI read as an outside address (audit H).
    markup = markup.replace(f' xmlns="{SVG_NS}"', "")
    return markup.replace('class="journey-map map-tile"', 'class="map-legend-svg"', 1)


_ID = re.compile(r' id="[^"]*"')
