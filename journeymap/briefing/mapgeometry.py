"""Read the geometry of a sanitised map SVG: where its lanes, stage columns, headers and legend are.

The map is drawn by Graphviz from our planned grid (:mod:`journeymap.map.grid`), so its structure
is known: a ``g.graph`` group translated so that map coordinates have y growing upwards from 0;
inside it, one group per lane (``lane``), stage column (``stage-column``), stage header
(``stage``), touch-point (``touchpoint``), flow (``flow``), the legend and the title. Boxes here
are in those map coordinates (the graph group's, before its translation). The print tiles
(:mod:`journeymap.briefing.tiles`) cut the map along these lines.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from journeymap.map.theme import STAGE_GAP

_NUM = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSLATE = re.compile(r"translate\(\s*(" + _NUM.pattern + r")[\s,]+(" + _NUM.pattern + r")\s*\)")
#: The SVG namespace, as the map's documents and the printed images declare it.
SVG_NS = "http://www.w3.org/2000/svg"
#: Width of a DejaVu Sans glyph, as a share of the font size (generous: boxes are for overlap tests).
GLYPH = 0.62


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in map coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        """Its width."""
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        """Its height."""
        return self.y1 - self.y0

    def meets(self, other: "Box") -> bool:
        """Whether the two boxes overlap (touching counts)."""
        return self.x0 <= other.x1 and other.x0 <= self.x1 and self.y0 <= other.y1 and other.y0 <= self.y1

    def holds(self, x: float, y: float) -> bool:
        """Whether the point lies inside (edges included)."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1

    def contains(self, other: "Box") -> bool:
        """Whether ``other`` lies wholly inside (edges included)."""
        return self.x0 <= other.x0 and other.x1 <= self.x1 and self.y0 <= other.y0 and other.y1 <= self.y1


def union(boxes: Iterable[Box]) -> Optional[Box]:
    """The smallest box around all of ``boxes`` (None when there are none)."""
    items = list(boxes)
    if not items:
        return None
    return Box(min(b.x0 for b in items), min(b.y0 for b in items), max(b.x1 for b in items),
               max(b.y1 for b in items))


def free_stretches(spans: Sequence[tuple[float, float]], x0: float, x1: float,
                   gap: float = 0.0) -> list[tuple[float, float]]:
    """The stretches of ``x0``-``x1`` that none of the ``spans`` comes within ``gap`` of, left to right.

    >>> free_stretches([(50, 50), (70, 90)], 0, 200, 5)
    [(0, 45), (55, 65), (95, 200)]
    >>> free_stretches([(-10, 20), (150, 300)], 0, 100)
    [(20.0, 100)]
    """
    stretches, at = [], x0
    for a, b in sorted(spans):
        if a - gap > at:
            stretches.append((at, min(a - gap, x1)))
        at = max(at, b + gap)
    if at < x1:
        stretches.append((at, x1))
    return [(a, b) for a, b in stretches if b > a]


def points_box(points: Sequence[tuple[float, float]], room: float = 0.0) -> Optional[Box]:
    """The box around ``points``, widened by ``room`` on every side (None when there are none)."""
    if not points:
        return None
    return Box(min(p[0] for p in points) - room, min(p[1] for p in points) - room,
               max(p[0] for p in points) + room, max(p[1] for p in points) + room)


def font_size(el: ET.Element) -> float:
    """A text element's font size (10 when it names none)."""
    try:
        return float(el.get("font-size", "10"))
    except ValueError:
        return 10.0


def largest_font(el: ET.Element) -> float:
    """The largest font size of the texts in ``el`` (0 without any): a header's name line."""
    return max((font_size(t) for t in el.iter("text")), default=0.0)


def _text_box(el: ET.Element) -> Box:
    size = font_size(el)
    x, y = float(el.get("x", "0") or 0), float(el.get("y", "0") or 0)
    width = len("".join(el.itertext())) * size * GLYPH
    anchor = el.get("text-anchor", "start")
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Box(left, y - size, left + width, y + 0.3 * size)


def _pairs(values: list[float]) -> list[tuple[float, float]]:
    return list(zip(values[0::2], values[1::2]))


def points_of(el: ET.Element) -> list[tuple[float, float]]:
    """The coordinates of one shape: polygon points, path points (absolute, as Graphviz writes them)."""
    tag = el.tag
    if tag in ("polygon", "polyline"):
        return _pairs([float(v) for v in _NUM.findall(el.get("points", ""))])
    if tag == "path":
        return _pairs([float(v) for v in _NUM.findall(el.get("d", ""))])
    if tag == "ellipse" or tag == "circle":
        cx, cy = float(el.get("cx", "0")), float(el.get("cy", "0"))
        rx = float(el.get("rx", el.get("r", "0")))
        ry = float(el.get("ry", el.get("r", "0")))
        return [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    if tag == "rect":
        x, y = float(el.get("x", "0")), float(el.get("y", "0"))
        return [(x, y), (x + float(el.get("width", "0")), y + float(el.get("height", "0")))]
    return []


def route_points(flow: Item) -> tuple[tuple[float, float], ...]:
    """A flow's route: the points of its paths, in order (its arrowhead, a polygon, left out)."""
    return tuple(p for el in flow.el.iter("path") for p in points_of(el))


def element_box(el: ET.Element) -> Optional[Box]:
    """The box around everything an element draws (None when it draws nothing)."""
    boxes = []
    for node in el.iter():
        if node.tag == "text":
            boxes.append(_text_box(node))
            continue
        box = points_box(points_of(node))
        if box is not None:
            boxes.append(box)
    return union(boxes)


@dataclass(frozen=True)
class Item:
    """One top-level group of the map, with its classes and box."""

    el: ET.Element
    id: str
    classes: frozenset[str]
    box: Box


@dataclass(frozen=True, eq=False)  # one per map, known by identity (cached per map, hashed cheaply)
class Layout:
    """The map's parts, in map coordinates."""

    view: Box
    translate: tuple[float, float]
    items: tuple[Item, ...]
    lanes: tuple[tuple[str, Box], ...]
    columns: tuple[tuple[str, Box], ...]
    header: Box
    labels: Box
    legend: Optional[Item]
    min_font: float

    def of_class(self, name: str) -> list[Item]:
        """The items of one class, in drawing order."""
        return list(self._by_class.get(name, ()))

    @functools.cached_property
    def _by_class(self) -> dict[str, list[Item]]:
        # Asked 1,722 times for a 500-touch-point map's 122 parts: filed once, not searched each time.
        index: dict[str, list[Item]] = {}
        for item in self.items:
            for name in item.classes:
                index.setdefault(name, []).append(item)
        return index

    @functools.cached_property
    def risky_routes(self) -> frozenset[tuple[tuple[float, float], ...]]:
        """The routes of the risky hand-offs (:func:`route_points`): read once per map, not for
        each of its parts (review EC: 37,000 readings at 500 touch-points)."""
        return frozenset(route_points(i) for i in self.of_class("risky") if "flow" in i.classes)

    @property
    def heading(self) -> Box:
        """The rows every tile repeats: the stage headers and, when the map has it, the customer's
        emotion band between them and the first lane (a tile of the lower lanes showed no emotion,
        and a stage whose boxes all sit there lost its low points)."""
        first = self.lanes[0][1].y0
        return Box(self.header.x0, self.header.y0, self.header.x1, first) if first - self.header.y1 > 4 else self.header


def column_gap(columns: Sequence[tuple[str, Box]]) -> float:
    """The room between two stage columns: the narrowest between neighbours, and no more than
    the grid's own (:data:`~journeymap.map.theme.STAGE_GAP`). The first two columns' gap was
    taken: a map that left room for its repeated lane names after its first stage had one of
    222, and its lane names' column was cut to a third."""
    gaps = [b.x0 - a.x1 for (_, a), (_, b) in zip(columns, columns[1:]) if b.x0 > a.x1]
    return min(gaps + [STAGE_GAP])


def graph_group(root: ET.Element) -> Optional[ET.Element]:
    """The Graphviz ``g.graph`` group of a sanitised map."""
    for child in root:
        if child.tag == "g" and "graph" in child.get("class", "").split():
            return child
    return None


def _with_label_apart(group: ET.Element) -> list[ET.Element]:
    """A top-level group, and a flow's label as a group of its own when Graphviz drew it inside
    the flow's (the ``xlabel`` of a label no spot beside its route was found for): the tiles
    place a flow label whole on one part, and one drawn with its flow was cut at a part's edge,
    "on a we". Copies: the map's own tree is left as it is."""
    classes = group.get("class", "").split()
    texts = [n for n in group if n.tag == "text"] if "flow" in classes else []
    if not texts:
        return [group]
    flow = ET.Element(group.tag, dict(group.attrib))
    flow.extend(n for n in group if n.tag != "text")
    label = ET.Element("g", {"id": f"label-{group.get('id', '')}", "class": "flow-label"})
    label.extend(texts)
    return [flow, label]


def label_box(el: ET.Element) -> Optional[Box]:
    """A flow label's box as the map planned it: its background, which the map sized with its own
    text widths and set clear of boxes and other labels (None for a label drawn without one). Its
    :class:`Item` box is wider: :data:`GLYPH` is generous, so that nothing drawn is clipped."""
    shape = next((n for n in el if n.tag == "polygon"), None)
    return points_box(points_of(shape)) if shape is not None else None


def read_layout(root: ET.Element) -> Optional[Layout]:
    """The layout of a journeymap map, or None when the SVG is not one (no lanes or no columns)."""
    graph = graph_group(root)
    if graph is None:
        return None
    match = _TRANSLATE.search(graph.get("transform", ""))
    tx, ty = (float(match.group(1)), float(match.group(2))) if match else (0.0, 0.0)
    vb = [float(v) for v in _NUM.findall(root.get("viewBox", ""))]
    items = []
    for child in graph:
        if child.tag != "g":
            continue
        for el in _with_label_apart(child):
            box = element_box(el)
            if box is not None:
                items.append(Item(el, el.get("id", ""), frozenset(el.get("class", "").split()), box))
    lanes = tuple(sorted(((i.id, i.box) for i in items if "lane" in i.classes), key=lambda p: p[1].y0))
    columns = tuple(sorted(((i.id, i.box) for i in items if "stage-column" in i.classes), key=lambda p: p[1].x0))
    if len(vb) != 4 or not lanes or not columns:
        return None
    view = Box(vb[0] - tx, vb[1] - ty, vb[0] + vb[2] - tx, vb[1] + vb[3] - ty)
    heads = [i.box for i in items if "stage" in i.classes]
    top = min(b.y0 for _, b in columns)
    header = Box(view.x0, top - 2, view.x1, max((b.y1 for b in heads), default=top) + 2)
    gap = column_gap(columns)
    left = min(b.x0 for _, b in lanes)
    labels = Box(left - 2, view.y0, columns[0][1].x0 - gap / 2, view.y1)
    legend = next((i for i in items if "legend" in i.classes), None)
    sizes = [font_size(t) for t in graph.iter("text")]
    return Layout(view, (tx, ty), tuple(items), lanes, columns, header, labels, legend, min(sizes, default=10.0))
