"""The map's pages in the printed briefing: one page, or an overview and tiles (see :mod:`.tiles`).

:func:`map_pages` decides from the map's smallest text and the paper: when the whole map fits a
page with every text at least :data:`~journeymap.briefing.tileplan.FLOOR` points, it gets one page,
sized to fill it. Otherwise an overview page (the whole map, small text left out, parts outlined,
then the legend at a legible size) and one page per tile, portrait or landscape, whichever needs
fewer pages. Every page's heading (and PDF bookmark) begins with "The journey map".
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from typing import Any, Mapping, Optional

from markupsafe import Markup

from journeymap.briefing import mapalt, printimage
from journeymap.briefing.mapgeometry import SVG_NS, Layout, read_layout
from journeymap.briefing.overviewpage import overview_page
from journeymap.briefing.printimage import PRINTED
from journeymap.briefing.printlegend import legend_svg
from journeymap.briefing.printview import svg_root
from journeymap.briefing.stacking import Placed, stack
from journeymap.briefing.planchoice import best_plan as best_plan  # re-exported: the tests choose plans
from journeymap.briefing.planchoice import most_scale
from journeymap.briefing.printcap import too_big
from journeymap.briefing.tileplan import MAX_SCALE, SAFE, Sheet, Tile, plan_tiles
from journeymap.briefing.crossings import crossings
from journeymap.briefing.labelhomes import label_homes
from journeymap.briefing.parttitles import part_title
from journeymap.briefing.tiles import fill_scale, tile_drawing, tile_svg
from journeymap.journey.textsafe import paired_isolates
from journeymap.map.canvas import num
from journeymap.map.escape import visible
from journeymap.map.render import tell

MM = 72 / 25.4
#: What a map page heading's second line adds, in ems of its size (briefing.css,
#: ``.map-page h2.two-lines``: line-height 1.15, 1 mm less margin below): measured 11 pt on a slide.
HEADING_LINE = 1.0


@dataclass(frozen=True)
class Paper:
    """A page format's map pages: landscape and portrait paper in points, margins and heading room."""

    width: float
    height: float
    heading: float = 40.0
    portrait: bool = True
    margins: tuple[float, float, float, float] = (12 * MM, 10 * MM, 10 * MM, 10 * MM)
    #: The size of a map page's heading (briefing.css, ``.map-page h2``).
    heading_pt: float = 12.0

    def sheet(self, orientation: str) -> Sheet:
        """The map's room on a page of that orientation."""
        w, h = (self.width, self.height) if orientation == "landscape" else (self.height, self.width)
        top, right, bottom, left = self.margins
        return Sheet(orientation, w - left - right - 1, h - top - bottom - self.heading)


PAPERS: dict[str, Paper] = {
    "a4": Paper(297 * MM, 210 * MM),
    "a3": Paper(420 * MM, 297 * MM),
    "letter": Paper(11 * 72.0, 8.5 * 72.0),
    "slide": Paper(960.0, 540.0, heading=46.0, portrait=False, heading_pt=16.0),
}


def _fit(width: float, height: float, sheet: Sheet) -> float:
    return min(sheet.width / width, sheet.height / height, MAX_SCALE)


def _sized(svg: ET.Element, width: float, height: float, scale: float) -> str:
    root = copy.copy(svg)
    root.attrib = dict(svg.attrib)
    root.set("style", f"width: {width * scale:.2f}pt; height: {height * scale:.2f}pt")
    return ET.tostring(root, encoding="unicode")


def _single(root: ET.Element, paper: Paper, alt: str, orientation: str = "landscape") -> list[dict[str, Any]]:
    vb = [float(v) for v in root.get("viewBox", "0 0 100 100").split()]
    scale = _fit(vb[2], vb[3], paper.sheet(orientation))
    svg = _sized(root, vb[2], vb[3], scale)
    return [{"id": "sec-map", "title": "The journey map", "kind": "single", "orientation": orientation,
             "svg": Markup(svg), "image": printimage.image(svg, alt), "legend": None, "legend_image": None}]


#: How far a map page's heading is set in from the map's left edge, to line up with the other
#: pages' headings (6 mm; briefing.css).
HEADING_INDENT = 6 * MM
#: Room between a part and a legend set beside it, and the narrowest such a legend may be (points).
BESIDE_GAP = 14.0
BESIDE_LEAST = 150.0


def _width(svg: str, scale: float) -> float:
    """The printed width of a part or legend, in points."""
    return float(ET.fromstring(svg).get("viewBox", "0 0 0 0").split()[2]) * scale


def _one_part(layout: Layout, sheet: Sheet, scale: float, orientation: str,
              stages: Mapping[str, str], whole: Tile, lanes: Mapping[str, str]) -> Optional[list[dict[str, Any]]]:
    """The map as one part with its legend on one page, when a part and the legend fit together,
    the legend under the part or else beside it, drawn with it (:func:`_side_by_side`): an overview of a map that one part shows whole
    printed the same map again, smaller (a five-touch-point journey on slides: audit J; a tall
    two-stage map on slides, whose legend fitted only beside it: audit AJ). None when they do not fit."""
    legend = legend_svg(layout, sheet.width, scale)
    room = Sheet(sheet.orientation, sheet.width, sheet.height - printimage.legend_height(legend, scale))
    tiles, beside = plan_tiles(layout, room, scale), False
    if len(tiles) != 1 and legend is not None:
        legend, room, tiles = _beside(layout, sheet, scale, whole)
        beside = True
    if len(tiles) != 1:
        return None
    title = "The journey map"
    part = tile_svg(layout, tiles[0], [], scale, title, room, dict(stages), label_homes(layout, tiles)[1],
                    lane_names=lanes)
    if beside and legend is not None:
        part, legend = _side_by_side(part, legend, title), None
    return [{"id": "sec-map", "title": title, "kind": "single", "orientation": orientation, "svg": Markup(part),
             "image": printimage.image(part, mapalt.whole_map(layout)), "legend": None if legend is None else Markup(legend),
             "legend_image": None if legend is None else printimage.image(legend, "Legend of the journey map")}]


def _side_by_side(part: str, legend: str, label: str) -> str:
    """A one-part map and its legend at its right, :data:`BESIDE_GAP` apart, as one drawing: any
    template prints it as the map's image (one that printed a legend under the map put it on a page
    of its own, headless: audit AK)."""
    pieces = [ET.fromstring(svg.replace(f' xmlns="{SVG_NS}"', "", 1)) for svg in (part, legend)]
    sizes = [[float(v) for _, v in PRINTED.findall(p.get("style", ""))] for p in pieces]
    root = svg_root(sizes[0][0] + BESIDE_GAP + sizes[1][0], max(sizes[0][1], sizes[1][1]), 1.0, label)
    x = 0.0
    for piece, (width, height) in zip(pieces, sizes):
        for name in ("style", "role", "aria-label", "class"):
            piece.attrib.pop(name, None)
        piece.attrib.update({"x": num(x), "y": "0", "width": num(width), "height": num(height)})
        root.append(piece)
        x += width + BESIDE_GAP
    return ET.tostring(root, encoding="unicode")


def _beside(layout: Layout, sheet: Sheet, scale: float, whole: Tile) -> tuple[Optional[str], Sheet, list[Tile]]:
    """The legend wrapped into the room the one part ``whole`` (the map's plan for ``sheet``)
    leaves at its right, the part's room and tiles; no tiles when the legend would be too narrow
    or too tall, or the part with it not one part."""
    part = (layout.labels.width + whole.body.width) * scale
    width = sheet.width - part - BESIDE_GAP
    legend = legend_svg(layout, width, scale) if width >= BESIDE_LEAST else None
    if legend is None or printimage.legend_height(legend, scale) > sheet.height:
        return None, sheet, []
    room = Sheet(sheet.orientation, sheet.width - _width(legend, scale) - BESIDE_GAP, sheet.height)
    return legend, room, plan_tiles(layout, room, scale)


def map_pages(root: ET.Element, page: str, stages: Mapping[str, str], lanes: Mapping[str, str],
              source: str = "FILE") -> list[dict[str, Any]]:
    """The printed map's pages: ``id``, ``title``, ``kind`` (single, overview, tile), ``orientation``,
    ``svg`` and ``legend`` (SVG markup, the legend or None) and the same as ``image`` and
    ``legend_image`` (see :func:`image`). ``root`` is the sanitised map (left unchanged);
    ``source``, the journey file's name, as a note's commands give it (:mod:`.printcap`)."""
    # The names the parts write themselves (a cut stage's heading, the lanes of a fold strip, a
    # part's label) as the map writes its own: XML carries no control character, and a lane named
    # "A\x01" stopped the briefing with a parse error; a U+202E reversed a name on the
    # overview.
    stages = {key: paired_isolates(visible(name)) for key, name in stages.items()}
    lanes = {key: paired_isolates(visible(name)) for key, name in lanes.items()}
    paper = PAPERS[page]
    layout = read_layout(root)
    land = paper.sheet("landscape")
    if layout is None:
        return _single(root, paper, "The journey map")
    view = layout.view
    for orientation in ("landscape", "portrait") if paper.portrait else ("landscape",):
        if _fit(view.width, view.height, paper.sheet(orientation)) * layout.min_font >= SAFE:
            return _single(root, paper, mapalt.whole_map(layout), orientation)
    scale = SAFE / layout.min_font
    sheets = [land, paper.sheet("portrait")] if paper.portrait else [land]
    sheet, tiles = best_plan(layout, sheets, scale, paper.heading)
    if not tiles:
        return _single(root, paper, mapalt.whole_map(layout))
    cap = too_big(layout, tiles, page, source)
    if cap is not None:
        tell(cap.told())  # as the map's own notes are told
        return [overview_page(layout, tiles, land, stages, lanes, scale, page == "slide", cap)]
    if len(tiles) == 1:
        single = _one_part(layout, sheet, scale, sheet.orientation, stages, tiles[0], lanes)
        if single is not None:
            return single
    return [overview_page(layout, tiles, land, stages, lanes, scale, page == "slide"),
            *_tile_pages(layout, tiles, sheet, paper, scale, stages, lanes)]


def _tile_pages(layout: Layout, tiles: list[Tile], sheet: Sheet, paper: Paper, scale: float,
                stages: Mapping[str, str], lanes: Mapping[str, str]) -> list[dict[str, Any]]:
    """A page (or a share of one) for each part, in order, headed with what it shows."""
    split = len({t.lanes for t in tiles}) > 1
    cut, homes, columns = crossings(layout, tiles), label_homes(layout, tiles), dict(layout.columns)
    most = most_scale(layout, tiles, sheet, scale)
    alone = {t.number: fill_scale(layout, t, sheet, scale, most) for t in tiles}
    placed = stack(layout, tiles, sheet, scale, paper.heading, alone)
    lane_ids = [lane.removeprefix("lane-") for lane, _ in layout.lanes]
    headed: list[tuple[str, list[str], Sheet]] = []
    for p in placed:
        t = p.tile
        # Its first stage began on an earlier part (whose lanes here may have been empty).
        begun = bool(t.stages) and columns[f"column-{t.stages[0]}"].x0 < t.body.x0 - 1
        parts = part_title(t, len(tiles), stages, lane_ids, split, begun)
        title, heading = parts.text(), parts.fitted(sheet.width - HEADING_INDENT, paper.heading_pt)
        # A heading of two lines takes a line of the map's room: the part filled the room of one,
        # its foot against the page's footer and its badges on its edge (audit BQ).
        room = p.room if len(heading) < 2 else replace(p.room, height=p.room.height - HEADING_LINE * paper.heading_pt)
        headed.append((title, heading, room))

    def draw(n: int, short: bool) -> tuple[str, Optional[bool]]:
        t, (title, _, room) = placed[n].tile, headed[n]
        return tile_drawing(layout, t, cut, scale, title, room, dict(stages), homes[t.number], most, lanes, short)

    drawn = [draw(n, False) for n in range(len(placed))]
    for page in _shared(placed):
        # One form of badge on a page: "→ 2" over "→ part 3" read as two kinds of mark (audit P,
        # audit EY), so where one part sharing it must take the short form, all take it.
        if {drawn[n][1] for n in page} >= {True, False}:
            drawn[page[0]:page[-1] + 1] = [draw(n, True) if drawn[n][1] is False else drawn[n] for n in page]
    pages: list[dict[str, Any]] = []
    for n, (p, (title, heading, _), (part, _)) in enumerate(zip(placed, headed, drawn)):
        t = p.tile
        # A low map's parts share pages (:mod:`.stacking`): a part joins the page of the one before.
        pages.append({"id": f"sec-map-{t.number}", "title": title, "heading": " ".join(heading),
                      "heading_lines": heading, "kind": "tile", "orientation": sheet.orientation,
                      "joins": not p.first, "joined": n + 1 < len(placed) and not placed[n + 1].first,
                      "svg": Markup(part), "image": printimage.image(part, mapalt.part(layout, t, len(tiles))), "legend": None,
                      "legend_image": None})
    return pages


def _shared(placed: list[Placed]) -> list[list[int]]:
    """The parts of each page that more than one part shares, by their place in ``placed``."""
    pages: list[list[int]] = []
    for n, p in enumerate(placed):
        if p.first:
            pages.append([])
        pages[-1].append(n)
    return [page for page in pages if len(page) > 1]
