"""The outlines of the map's shapes on WeasyPrint's PDF stream (:mod:`.svgdraw` sets their colours
and strokes): the same moves, lines and curves, with the same numbers, that WeasyPrint's own
SVG renderer makes for them, so the pages come out byte for byte the same.
"""

from __future__ import annotations

from math import pi, sqrt
from typing import Any, Callable

#: Bézier handles of a quarter circle, as WeasyPrint draws a rounded rectangle's corners.
_ARC = 4 * (2 ** .5 - 1) / 3


def _poly(stream: Any, points: list[float], close: bool) -> None:
    stream.move_to(points[0], points[1])
    for i in range(2, len(points), 2):
        stream.line_to(points[i], points[i + 1])
    if close:
        stream.close()


def _path(stream: Any, commands: list[tuple[str, list[float]]]) -> None:
    stream.move_to(0, 0)  # as WeasyPrint does, before the path's first move
    for letter, n in commands:
        if letter == "C":
            for i in range(0, len(n), 6):
                stream.curve_to(*n[i:i + 6])
            continue
        start = 0
        if letter == "M":
            stream.move_to(n[0], n[1])
            start = 2
        for i in range(start, len(n), 2):
            stream.line_to(n[i], n[i + 1])


def _rect(stream: Any, geometry: list[float]) -> None:
    x, y, width, height, rx = geometry
    if width <= 0 or height <= 0:
        return
    if rx == 0:
        stream.rectangle(x, y, width, height)
        return
    ry = rx  # one radius given: both corners' radii, each cut to half its side, as WeasyPrint does
    rx, ry = min(rx, width / 2), min(ry, height / 2)
    c1, c2 = _ARC * rx, _ARC * ry
    stream.move_to(x + rx, y)
    stream.line_to(x + width - rx, y)
    stream.curve_to(x + width - rx + c1, y, x + width, y + c2, x + width, y + ry)
    stream.line_to(x + width, y + height - ry)
    stream.curve_to(x + width, y + height - ry + c2, x + width + c1 - rx, y + height, x + width - rx, y + height)
    stream.line_to(x + rx, y + height)
    stream.curve_to(x + rx - c1, y + height, x, y + height - c2, x, y + height - ry)
    stream.line_to(x, y + ry)
    stream.curve_to(x, y + ry - c2, x + rx - c1, y, x + rx, y)
    stream.close()


def _circle(stream: Any, geometry: list[float]) -> None:
    cx, cy, r = geometry
    if not r:
        return
    k = r / sqrt(pi)  # WeasyPrint's handle length, kept so the pages stay the same
    stream.move_to(cx + r, cy)
    stream.curve_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r)
    stream.curve_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy)
    stream.curve_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r)
    stream.curve_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy)
    stream.close()


def _line(stream: Any, geometry: list[float]) -> None:
    stream.move_to(geometry[0], geometry[1])
    stream.line_to(geometry[2], geometry[3])


#: How each shape's outline is drawn on a PDF stream, by SVG tag.
OUTLINES: dict[str, Callable[[Any, Any], None]] = {
    "polygon": lambda stream, points: _poly(stream, points, True),
    "polyline": lambda stream, points: _poly(stream, points, False),
    "path": _path, "rect": _rect, "circle": _circle, "line": _line,
}
