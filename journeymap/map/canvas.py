"""The DOT canvas: statements in the grid's y-down coordinates, written in Graphviz's y-up ones.

Shared by the map's DOT writer and the legend's, so that neither imports the other.
"""

from __future__ import annotations

from typing import Optional

from journeymap.map.escape import dot_id, dot_string, html_label
from journeymap.map.gridshapes import Rect

Attrs = dict[str, str]


def q(value: str) -> str:
    """A fixed (non-user) string value, quoted."""
    return dot_string(value)


def num(value: float) -> str:
    """A number as DOT writes it: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def attrs(values: Attrs) -> str:
    """``[k=v, ...]`` with values already formatted."""
    return "[" + ", ".join(f"{k}={v}" for k, v in values.items()) + "]"


class Canvas:
    """Collects DOT statements in y-down grid coordinates and writes Graphviz's y-up ones."""

    def __init__(self, height: float) -> None:
        self.height = height
        self.lines: list[str] = []
        # The same nodes without labels or styles: all the edge router needs (see routing_lines).
        self.routing: list[str] = []
        self._extent: Optional[tuple[float, float, float, float]] = None
        self.titles: dict[str, str] = {}

    def _title(self, values: Attrs, title: Optional[str]) -> None:
        """Remember the tooltip of the element whose ``id`` is in ``values``."""
        if title is not None and "id" in values:
            self.titles[values["id"].strip('"')] = title

    def pos(self, x: float, y: float) -> str:
        """A pinned position."""
        return q(f"{num(x)},{num(self.height - y)}!")

    def bb(self, x0: float, y0: float, x1: float, y1: float) -> str:
        """A cluster bounding box from top-left and bottom-right corners."""
        return q(f"{num(x0)},{num(self.height - y1)},{num(x1)},{num(self.height - y0)}")

    def node(self, name: str, rect: Rect, values: Attrs, title: Optional[str] = None) -> None:
        """A node pinned at the centre of ``rect``, at least that big (``title``: its tooltip)."""
        self._title(values, title)
        base = {"pos": self.pos(rect.x, rect.y), "width": num(rect.width / 72), "height": num(rect.height / 72),
                "fixedsize": "true"}
        self.lines.append(f"  {dot_id(name)} {attrs({**base, **values})};")
        self.routing.append(f"  {dot_id(name)} {attrs({**base, 'label': q('')})};")

    def cluster(self, name: str, x0: float, y0: float, x1: float, y1: float, values: Attrs,
                title: Optional[str] = None) -> None:
        """A drawn rectangle that Graphviz keeps where we put it."""
        self._title(values, title)
        body = {"bb": self.bb(x0, y0, x1, y1), "label": q(""), **values}
        self.lines.append(f"  subgraph {dot_id('cluster_' + name)} {{ graph {attrs(body)}; }}")
        e = self._extent
        self._extent = (x0, y0, x1, y1) if e is None else (min(e[0], x0), min(e[1], y0), max(e[2], x1), max(e[3], y1))

    def routing_lines(self) -> list[str]:
        """The nodes as bare pinned boxes and one bare cluster covering all the clusters.

        The router ignores clusters, but they set the drawing's bounding box, by which Graphviz
        moves its output (``-Tplain`` coordinates, five significant digits, depend on it); one
        cluster as big as all of them keeps that box and the output the same, and spares
        Graphviz writing a cluster per caption (7 % of the routing run at 2,000 touch-points).
        """
        if self._extent is None:
            return list(self.routing)
        return [*self.routing, f"  subgraph {dot_id('cluster_extent')} {{ graph [bb={self.bb(*self._extent)}]; }}"]

    def caption(self, name: str, rect: Rect, label: str, values: Attrs, title: Optional[str] = None) -> None:
        """Text placed at ``rect`` as an invisible cluster's label.

        Captions are clusters rather than nodes because the orthogonal router treats every node
        as an obstacle: headers, the title and the legend as nodes made it 60% slower.
        """
        self.cluster(name, rect.x - rect.width / 2, rect.top, rect.x + rect.width / 2, rect.bottom,
                     {"pencolor": q("transparent"), **values, "label": html_label(label),
                      "lp": q(f"{num(rect.x)},{num(self.height - rect.y)}")}, title)

    def edge(self, tail: str, head: str, values: Attrs, title: Optional[str] = None) -> None:
        """A routed edge."""
        self._title(values, title)
        self.lines.append(f"  {dot_id(tail)} -> {dot_id(head)} {attrs(values)};")
