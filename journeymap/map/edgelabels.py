"""Place the flow labels where they can be read.

Graphviz's own ``xlabel`` placement puts a label wherever its route leaves room, and in a tight
grid that is often half under a neighbouring box. So the map is routed first (a ``-Tplain`` run
gives every edge's polyline), and each label then goes beside its own route: the spot nearest
the middle of the route that covers no box and no other label, crossing as few edges and
blueprint lines as possible. Everything here is pure geometry in map points (y down).
"""

from __future__ import annotations

from typing import Iterator, Mapping, Optional, Sequence

from msgspec import Struct

from journeymap.map import theme as t
from journeymap.map.gridshapes import Grid, Rect
from journeymap.map.slots import label_box
from journeymap.map.text import shorten, wrap

Point = tuple[float, float]
Key = tuple[str, str]
Segment = tuple[Point, Point]
Span = tuple[float, float]

# Wrap widths tried in turn: the usual one, then a long single line, then narrower columns.
WRAPS = (t.EDGE_LABEL_WIDTH, 170.0, 80.0, 60.0)
#: Tried when none of :data:`WRAPS` has a free spot, before the text is cut: a word or two a line
#: fits the gap between two boxes, where "on a weekend" in one line did not and was left to
#: Graphviz, which set it over a box. Only for a label of up to :data:`NARROW_LINES`
#: lines so: a long one became a ribbon of 14 lines across a lane's edge, and is cut.
NARROW = (40.0,)
NARROW_LINES = 3
#: Characters, ellipsis included, a label keeps when it has no room whole: cut at a word, then
#: shorter, until it has room (a label between two boxes in one column has a few words' room).
CUTS = (41, 24, 14, 9)
FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8, 0.08, 0.92)
OFFSETS = (t.LABEL_OFFSET, 10.0, 22.0)
CELL = 120.0
#: What a flow running through a label costs, against a blueprint line or a column's side (1): a
#: line under a label reads as ruled paper, a flow through it as a second label for that flow. With
#: each counted once, a long label in a narrow column took the first spot crossing one thing, and
#: that was the neighbouring flow (audit AJ, "longnames"), where a column's side was as near.
FLOW_CROSSING = 3
#: What a spot :data:`OFFSETS`' furthest from its flow costs, as one more line through the label: a
#: label 22 pt from its flow, across a column's side, read as the label of the blueprint line it
#: sat on ("after two days", audit AT), where the spot touching its flow crossed the column's
#: sides. Across 59 labelled journeys, labels over 6 pt from their flow: 6 -> 3 of 1,371.
FAR = 1


class Placed(Struct, frozen=True):
    """A flow label's lines and the rectangle they fill."""

    key: Key
    rect: Rect
    lines: tuple[str, ...]


def routes_from_plain(plain: str, height: float,
                      anchors: Mapping[str, Point]) -> list[tuple[str, str, tuple[Point, ...]]]:
    """``(tail, head, polyline)`` of every edge in Graphviz ``-Tplain`` output, in map points.

    Graphviz moves the drawing so its own bounding box starts at the origin; ``anchors`` (node
    name to its centre on the map) give the shift back. Orthogonal routes come as cubic Bézier
    pieces with straight control points, so every third point is a corner.

    >>> plain = 'graph 1 2 1\\nnode "a" 0 1 1 1 x solid box black white\\nedge "a" "b" 4 0 1 0 1 1 1 1 1 solid black\\n'
    >>> routes_from_plain(plain, 72, {"a": (10.0, 0.0)})
    [('a', 'b', ((10.0, 0.0), (82.0, 0.0)))]
    """
    # Our node names are slug ids (see escape.dot_id): no spaces, so a plain split is exact,
    # and node lines are cut before their labels.
    lines = [line.split(None, 4) if line.startswith("node ") else line.split()
             for line in plain.splitlines() if line.startswith(("node ", "edge "))]
    lines = [[part.strip('"') if i < 3 else part for i, part in enumerate(parts)] for parts in lines]
    dx = dy = 0.0
    for parts in lines:
        if parts[0] == "node" and parts[1] in anchors:
            x, y = anchors[parts[1]]
            dx, dy = x - float(parts[2]) * 72, (height - y) - float(parts[3]) * 72
            break
    routes = []
    for parts in lines:
        if parts[0] != "edge":
            continue
        count = int(parts[3])
        values = [float(v) for v in parts[4:4 + 2 * count]]
        points = [(values[i] * 72 + dx, height - (values[i + 1] * 72 + dy)) for i in range(0, len(values), 2)]
        corners = points[::3] if (len(points) - 1) % 3 == 0 else points
        routes.append((parts[1], parts[2], tuple(_dedupe(corners))))
    return routes


def _dedupe(points: Sequence[Point]) -> list[Point]:
    kept: list[Point] = []
    for point in points:
        if not kept or abs(point[0] - kept[-1][0]) > 0.01 or abs(point[1] - kept[-1][1]) > 0.01:
            kept.append(point)
    return kept


class _Index:
    """Rectangles and segments bucketed by cell, so each test looks only at its neighbours.

    Both are kept as their bounding boxes ``(x0, y0, x1, y1)``, worked out once when added;
    each distinct segment of a route is kept once, with a number that tells its copies in
    neighbouring cells apart.
    """

    def __init__(self) -> None:
        self.rects: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        self.segments: dict[tuple[int, int], list[tuple[int, Key, float, float, float, float]]] = {}
        self.known: set[tuple[Key, Segment]] = set()

    @staticmethod
    def _cells(x0: float, y0: float, x1: float, y1: float) -> Iterator[tuple[int, int]]:
        for i in range(int(x0 // CELL), int(x1 // CELL) + 1):
            for j in range(int(y0 // CELL), int(y1 // CELL) + 1):
                yield (i, j)

    def add_rect(self, rect: Rect) -> None:
        """A box or placed label no label may cover."""
        box = _corners(rect)
        for cell in self._cells(*box):
            self.rects.setdefault(cell, []).append(box)

    def add_segment(self, key: Key, segment: Segment) -> None:
        """A piece of flow ``key``'s route, or of a line, that labels should not cross."""
        if (key, segment) in self.known:
            return
        self.known.add((key, segment))
        (ax, ay), (bx, by) = segment
        entry = (len(self.known), key, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
        for cell in self._cells(entry[2], entry[3], entry[4], entry[5]):
            self.segments.setdefault(cell, []).append(entry)

    def blocked(self, rect: Rect) -> bool:
        """Whether ``rect`` comes within :data:`~journeymap.map.theme.LABEL_CLEARANCE` of a box or label."""
        box = _corners(rect)
        return any(_overlap(box, other, t.LABEL_CLEARANCE) for cell in self._cells(*box)
                   for other in self.rects.get(cell, ()))

    def crossings(self, rect: Rect, enough: float = float("inf")) -> int:
        """What the route segments and blueprint lines ``rect`` touches cost (a flow's piece
        :data:`FLOW_CROSSING`, a line 1), counting no further than ``enough``. Its own route's
        count too: a label beside one piece of its route, by the corner where the route turned,
        had the next piece run through its text ("address not found", audit AJ); the piece it
        stands beside it clears by its offset."""
        x0, y0, x1, y1 = _corners(rect)
        seen: set[int] = set()
        count = 0
        for cell in self._cells(x0, y0, x1, y1):
            for number, key, sx0, sy0, sx1, sy1 in self.segments.get(cell, ()):
                if number in seen:
                    continue
                seen.add(number)
                # The segment's box within half a point of the label's.
                if x0 < sx1 + 0.5 and sx0 < x1 + 0.5 and y0 < sy1 + 0.5 and sy0 < y1 + 0.5:
                    count += 1 if key[0] == "" else FLOW_CROSSING
                    if count >= enough:
                        return count
        return count


def _corners(rect: Rect) -> tuple[float, float, float, float]:
    return (rect.x - rect.width / 2, rect.top, rect.x + rect.width / 2, rect.bottom)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float], gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _candidates(route: Sequence[Point], width: float, height: float,
                columns: Sequence[Span] = ()) -> Iterator[tuple[Rect, int]]:
    """Spots beside the route, each with what its distance costs (:data:`FAR`): longest segment
    first, from its middle outwards, then further off. Beside a segment that runs inside one of
    ``columns`` (their ``(x0, x1)``), only spots inside that column."""
    segments = [(a, b) for a, b in zip(route, route[1:])]
    order = sorted(range(len(segments)), key=lambda i: -_length(segments[i]))
    homes = [_home(segment, columns) for segment in segments]
    for offset in OFFSETS:
        cost = FAR if offset == OFFSETS[-1] else 0
        for i in order:
            (ax, ay), (bx, by) = segments[i]
            horizontal = abs(ay - by) <= abs(ax - bx)
            home = homes[i]
            for f in FRACTIONS:
                px, py = ax + f * (bx - ax), ay + f * (by - ay)
                if horizontal:
                    spots = (Rect(px, py - offset - height / 2, width, height),
                             Rect(px, py + offset + height / 2, width, height))
                else:
                    spots = (Rect(px + offset + width / 2, py, width, height),
                             Rect(px - offset - width / 2, py, width, height))
                for rect in spots:
                    if home is None or home[0] <= rect.x - width / 2 and rect.x + width / 2 <= home[1]:
                        yield rect, cost


def _home(segment: Segment, columns: Sequence[Span]) -> Optional[Span]:
    """The column ``segment`` runs inside, if any: a flow within a stage. A label beside it that
    reached past the column's side covered the column's line and the lane's in the gutter (a long
    label cut to two lines, 25 pt past the side: audit CA); a segment in a gutter, or across
    columns, has no column of its own, and a label beside it only counts the sides it crosses."""
    (ax, _), (bx, _) = segment
    return next((span for span in columns if span[0] <= min(ax, bx) and max(ax, bx) <= span[1]), None)


def _route_length(route: Optional[Sequence[Point]]) -> float:
    return sum(_length(segment) for segment in zip(route, route[1:])) if route else 0.0


def _length(segment: Segment) -> float:
    (ax, ay), (bx, by) = segment
    return abs(bx - ax) + abs(by - ay)


def _inside(rect: Rect, area: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = _corners(rect)
    return area[0] <= x0 and x1 <= area[2] and area[1] <= y0 and y1 <= area[3]


def _best_spot(label: str, route: Sequence[Point], key: Key, index: _Index,
               area: tuple[float, float, float, float], columns: Sequence[Span],
               wraps: Sequence[float] = WRAPS) -> Optional[tuple[int, Placed]]:
    best: Optional[tuple[int, Placed]] = None
    for wrap_width in wraps:
        lines = tuple(wrap(label, wrap_width, t.SMALL_SIZE))
        width, height = label_box(lines)
        for rect, far in _candidates(route, width, height, columns):
            if not _inside(rect, area) or index.blocked(rect):
                continue
            crossings = far + index.crossings(rect, best[0] - far if best else float("inf"))
            if best is None or crossings < best[0]:
                best = (crossings, Placed(key, rect, lines))
            if crossings == 0:
                return best
    return best


def _spot(label: str, route: Sequence[Point], key: Key, index: _Index,
          area: tuple[float, float, float, float], columns: Sequence[Span]) -> Optional[Placed]:
    """The best spot for ``label`` whole, else for it cut at a word (:data:`CUTS`). Once cut, it is
    cut shorter while its spot lies across another flow: kept inside its column, a long label cut
    to 24 characters had room only across the neighbouring flow, where one of 14 crossed nothing."""
    found = _best_spot(label, route, key, index, area, columns)
    if found is None and len(wrap(label, NARROW[0], t.SMALL_SIZE)) <= NARROW_LINES:
        found = _best_spot(label, route, key, index, area, columns, NARROW)
    if found is not None:
        return found[1]
    for limit in (c for c in CUTS if len(label) > c):  # the whole text is its tooltip
        shorter = _best_spot(shorten(label, limit), route, key, index, area, columns)
        if shorter is not None and (found is None or shorter[0] < found[0]):
            found = shorter
        if found is not None and found[0] < FLOW_CROSSING:
            break
    return found[1] if found else None


def place_labels(labels: Mapping[Key, str], routes: Mapping[Key, Sequence[Point]], grid: Grid) -> dict[Key, Placed]:
    """A free spot beside its route for each label of ``labels`` that has one.

    Labels on the shortest routes, which have the least room beside them, are placed first. A
    label beside a piece of its route that runs inside a stage's column keeps inside that column.
    A label with no free spot whole is cut at a word, shorter and shorter (:data:`CUTS`); one with
    no spot even then is left out, and the caller falls back to Graphviz's own placement for it.
    The result is in the order of ``labels``.
    """
    index = _Index()
    for box in grid.boxes.values():
        index.add_rect(box.rect)
    for _, _, rect in grid.repeated_names():  # a lane's name drawn again further right
        index.add_rect(rect)
    left, right = grid.columns[0].x0, grid.lanes_right
    for i, rule in enumerate(grid.rules):
        index.add_segment(("", f"rule-{i}"), ((left, rule.y), (right, rule.y)))
    # A stage column's sides, as lines a label should not sit across: one in the gutter between two
    # columns had their lines run through it (audit AF, "address found").
    for i, column in enumerate(grid.columns):
        for side, x in (("l", column.x0), ("r", column.x1)):
            index.add_segment(("", f"column-{i}{side}"), ((x, grid.lanes_top), (x, grid.lanes_bottom)))
    for key, path in routes.items():
        for segment in zip(path, path[1:]):
            index.add_segment(key, segment)
    area = (left, grid.lanes_top, right, grid.lanes_bottom)
    columns = [(column.x0, column.x1) for column in grid.columns]
    placed: dict[Key, Placed] = {}
    for key in sorted(labels, key=lambda k: _route_length(routes.get(k))):  # the least room first
        label, route = labels[key], routes.get(key)
        spot = _spot(label, route, key, index, area, columns) if route and len(route) > 1 else None
        if spot is not None:
            placed[key] = spot
            index.add_rect(spot.rect)
    return {key: placed[key] for key in labels if key in placed}
