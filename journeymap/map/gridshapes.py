"""The shapes of a planned map (:mod:`journeymap.map.grid` places them): rectangles, touch-point
boxes, stage columns, department lanes, blueprint lines, emotion dots and the whole grid.
Coordinates are in points with the origin at the top left and y growing downwards."""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from journeymap.map import theme as t
from journeymap.map.legend import Legend


class Rect(Struct, frozen=True):
    """An axis-aligned rectangle: centre, width and height, in points (y down)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        """The y of the top edge."""
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        """The y of the bottom edge."""
        return self.y + self.height / 2


class Box(Struct, frozen=True):
    """A touch-point box (or the ghost of a removed one) and the lines of its label."""

    id: str
    rect: Rect
    top: tuple[str, ...]
    name: tuple[str, ...]
    foot: tuple[str, ...]
    ghost: bool = False


class Column(Struct, frozen=True):
    """A stage's column and its header."""

    id: str
    x0: float
    x1: float
    header: Rect
    name: tuple[str, ...]
    sub: tuple[str, ...]


class Band(Struct, frozen=True):
    """A department's lane and the header at its left."""

    id: str
    y0: float
    y1: float
    header: Rect
    name: tuple[str, ...]
    sub: tuple[str, ...]
    fill: str


class Rule(Struct, frozen=True):
    """A service-blueprint line between two lanes."""

    kind: str
    y: float
    label: str


class Dot(Struct, frozen=True):
    """A point of the customer-emotion strip."""

    id: str
    x: float
    y: float
    value: int


class Grid(Struct, frozen=True):
    """The whole planned map."""

    width: float
    height: float
    title: Rect
    title_lines: tuple[str, ...]
    subtitle_lines: tuple[str, ...]
    columns: tuple[Column, ...]
    bands: tuple[Band, ...]
    boxes: dict[str, Box]
    rules: tuple[Rule, ...]
    dots: tuple[Dot, ...]
    emotion: Optional[Rect]
    legend: Legend
    lanes_top: float
    lanes_bottom: float
    legend_top: float
    repeats: tuple[float, ...] = ()

    def repeated_names(self) -> list[tuple[Band, int, Rect]]:
        """Where each lane's name is drawn again further right (``k`` from 2): high in the lane,
        the name alone, as wide as the lane header."""
        found = []
        for band in self.bands:
            height = len(band.name) * t.NAME_SIZE * t.LINE
            for k, left in enumerate(self.repeats, start=2):
                found.append((band, k, Rect(left + band.header.width / 2, band.y0 + t.LANE_PAD + 2 + height / 2,
                                            band.header.width, height)))
        return found

    @property
    def lanes_right(self) -> float:
        """The x of the lanes' right edge, which is the last column's (a journey has a stage)."""
        return self.columns[-1].x1
