"""Read a rendered map's SVG back into geometry: node boxes, clusters, edges and texts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

NS = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True)
class BBox:
    """x0 < x1 left to right, y0 < y1 top to bottom (SVG coordinates)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def inside(self, other: "BBox", tol: float = 0.6) -> bool:
        return (self.x0 >= other.x0 - tol and self.x1 <= other.x1 + tol
                and self.y0 >= other.y0 - tol and self.y1 <= other.y1 + tol)

    def overlaps(self, other: "BBox") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


@dataclass
class Element:
    id: str
    classes: set[str]
    shape: BBox | None
    texts: list[tuple[str, float, float, float, str, bool]] = field(default_factory=list)  # text, x, y, size, anchor, bold
    paths: list[list[tuple[float, float]]] = field(default_factory=list)


def _points(values: str) -> list[tuple[float, float]]:
    numbers = [float(n) for n in _NUMBER.findall(values)]
    return list(zip(numbers[::2], numbers[1::2]))


def _bbox(points: list[tuple[float, float]]) -> BBox | None:
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return BBox(min(xs), min(ys), max(xs), max(ys))


@dataclass
class SvgMap:
    nodes: dict[str, Element]
    clusters: dict[str, Element]
    edges: dict[str, Element]
    root: ET.Element

    def element(self, element_id: str) -> Element:
        for group in (self.nodes, self.clusters, self.edges):
            if element_id in group:
                return group[element_id]
        raise KeyError(element_id)

    def with_class(self, cls: str) -> list[Element]:
        return [e for group in (self.nodes, self.clusters, self.edges) for e in group.values() if cls in e.classes]

    def all_text(self) -> str:
        return " ".join(" ".join(t.itertext()) for t in self.root.iter(f"{NS}text"))


def parse(svg: bytes) -> SvgMap:
    root = ET.fromstring(svg)
    nodes: dict[str, Element] = {}
    clusters: dict[str, Element] = {}
    edges: dict[str, Element] = {}
    for g in root.iter(f"{NS}g"):
        classes = set((g.get("class") or "").split())
        kind = "node" if "node" in classes else "cluster" if "cluster" in classes else "edge" if "edge" in classes else None
        if kind is None:
            continue
        shape_points: list[tuple[float, float]] = []
        element = Element(g.get("id", ""), classes, None)
        for child in g:
            tag = child.tag[len(NS):]
            if tag in ("polygon", "polyline") and kind != "edge":
                shape_points += _points(child.get("points", ""))
            elif tag == "path":
                points = _points(child.get("d", "").replace("M", " ").replace("C", " "))
                if kind == "edge":
                    element.paths.append(points)
                else:
                    shape_points += points
            elif tag in ("ellipse",):
                cx, cy = float(child.get("cx", 0)), float(child.get("cy", 0))
                rx, ry = float(child.get("rx", 0)), float(child.get("ry", 0))
                shape_points += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
            elif tag == "text":
                element.texts.append(("".join(child.itertext()), float(child.get("x", 0)), float(child.get("y", 0)),
                                      float(child.get("font-size", 0)), child.get("text-anchor", "start"),
                                      child.get("font-weight") == "bold"))
        element.shape = _bbox(shape_points)
        {"node": nodes, "cluster": clusters, "edge": edges}[kind][element.id] = element
    return SvgMap(nodes, clusters, edges, root)
