"""The map's drawings put into the PDF in one pass, not element by element through WeasyPrint's
SVG renderer (issue 13: speed).

A printed map is a set of SVG images (:mod:`.printview`): a 500-touch-point briefing draws 124 of
them, 23,000 elements, and WeasyPrint spent 5.7 of its 25 s on them. Its renderer is general: for
each element it wraps it, copies and cascades its attributes, matches style sheets against it,
parses every length, colour, point list and path with regular expressions, and looks for
filters, masks, clip paths, markers and opacity. :mod:`.svgplan` reads one of our drawings once
into a plan, and :func:`draw_plan` makes from it the calls on WeasyPrint's PDF stream that
WeasyPrint's renderer makes, in the same order and with the same numbers, so the pages come out
byte for byte the same (``tests/test_svgdraw.py``). Text runs are drawn by :mod:`.svgtext`'s run
renderer, as before. A drawing the plan does not cover (a team's own image, say) is left to
WeasyPrint.

Lent to WeasyPrint while a rendering runs, with :mod:`.svgtext`'s renderer, which it needs:
:func:`whole_drawings`. It leans on WeasyPrint's stream and colour helpers, which
:func:`available` checks first; without them briefings render as before, only slower.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from math import hypot, sqrt
from typing import Any, Callable, Iterator, Optional

from journeymap.briefing.lending import Shared, swapped
from journeymap.briefing.svgplan import Plan, drawing_plan
from journeymap.briefing.svgshapes import OUTLINES
from journeymap.briefing.svgtext import run_text, takes_first, whole_runs

#: The WeasyPrint releases whose SVG drawing :func:`draw_plan` follows call for call (checked
#: byte for byte by ``tests/test_svgdraw.py``): another release may order or round its calls
#: otherwise, and draws our drawings itself until it is checked and added here.
FOLLOWS = ("70.",)


class _Weasy:
    """What the drawer uses of WeasyPrint, looked up once when it is lent (:func:`available`)."""

    node: Any = None
    color: Callable[[str], Any] = staticmethod(lambda value: None)
    alpha_value: Callable[[Any], float] = staticmethod(lambda value: 1.0)
    empty_box: Any = None


def available() -> bool:
    """Whether this WeasyPrint is one the drawer follows (:data:`FOLLOWS`) and has what it calls,
    as it is called; fills :class:`_Weasy`."""
    try:
        import weasyprint
        import weasyprint.svg as svg
        from weasyprint.pdf.stream import Stream
        from weasyprint.svg import utils
        from weasyprint.svg.bounding_box import EMPTY_BOUNDING_BOX

        if not str(weasyprint.__version__).startswith(FOLLOWS):
            return False
        wanted = {svg.SVG.draw: ["self", "stream", "concrete_width", "concrete_height", "base_url", "context"],
                  svg.Node.get_paint: ["self", "attribute", "context"], utils.color: ["string"],
                  utils.alpha_value: ["value"], Stream.set_color: ["self", "color", "stroke"]}
        if not takes_first(wanted) or not all(
                hasattr(Stream, name) for name in ("push_state", "pop_state", "transform", "set_line_width",
                                                   "set_dash", "set_line_cap", "set_line_join", "set_miter_limit",
                                                   "move_to", "line_to", "curve_to", "close", "rectangle", "clip",
                                                   "end", "fill", "stroke", "fill_and_stroke")):
            return False
        _Weasy.node, _Weasy.color, _Weasy.alpha_value = svg.Node, utils.color, utils.alpha_value
        _Weasy.empty_box = EMPTY_BOUNDING_BOX
        return True
    except (ImportError, AttributeError, TypeError, ValueError):
        return False


@functools.lru_cache(maxsize=256)
def _colour(value: str) -> Any:
    """A colour as WeasyPrint parses it (shared: only read, never changed)."""
    return _Weasy.color(value)


class _TextNode:
    """What :func:`~.svgtext.run_text` reads of a text element: WeasyPrint's node, minus the cascade."""

    tag = "text"

    def __init__(self, element: Any, attrib: dict[str, str]) -> None:
        self._etree_node, self.attrib, self.text = element, attrib, element.text
        self.text_bounding_box = _Weasy.empty_box

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrib.get(key, default)

    def get_paint(self, attribute: str, context: Any = None) -> Any:
        return _Weasy.node.get_paint(self, attribute, context)


def draw_plan(svg: Any, plan: Plan, width: float, height: float) -> None:
    """Draw ``plan`` on ``svg.stream`` as WeasyPrint's ``SVG.draw`` draws the drawing, at ``width``
    x ``height`` (its concrete size)."""
    _set_size(svg, plan[2], width, height)
    _viewport(svg, plan, plan[2], (width, height))


def _set_size(svg: Any, view: Optional[tuple[float, ...]], width: float, height: float) -> None:
    """What WeasyPrint's ``Node.set_svg_size`` sets (text reads it for percentages)."""
    svg.concrete_width, svg.concrete_height = width, height
    svg.normalized_diagonal = hypot(width, height) / sqrt(2)
    svg.inner_width, svg.inner_height = (view[2], view[3]) if view else (width, height)
    svg.inner_diagonal = hypot(svg.inner_width, svg.inner_height) / sqrt(2)


def _viewport(svg: Any, plan: Plan, root_view: tuple[float, ...], root_size: tuple[float, float]) -> None:
    _, place, view, aspect, clip, children = plan
    stream = svg.stream
    outer = (svg.concrete_width, svg.concrete_height)
    stream.push_state()
    x, y, width, height = (0, 0, *root_size) if place is None else place
    stream.transform(e=x, f=y)
    _set_size(svg, view, width, height)
    scale_x, scale_y, move_x, move_y = _fit(view, aspect, width, height)
    if clip:
        stream.rectangle(0, 0, width, height)
        stream.clip()
        stream.end()
    stream.transform(a=scale_x, d=scale_y, e=move_x, f=move_y)
    for child in children:
        if child[0] == "shape":
            _shape(svg, child)
        elif child[0] == "text":
            _text(svg, child)
        else:
            _viewport(svg, child, root_view, root_size)
    _set_size(svg, root_view, *outer)  # as WeasyPrint does after any viewport: the root's sizes back
    stream.pop_state()


def _fit(view: Optional[tuple[float, ...]], aspect: tuple[str, ...], width: float,
         height: float) -> tuple[float, float, float, float]:
    """WeasyPrint's ``preserve_ratio`` for a nested or root viewport."""
    if view is None:
        return 1, 1, 0, 0
    scale_x = width / view[2] if view[2] else 1
    scale_y = height / view[3] if view[3] else 1
    x_at = y_at = "min"
    if aspect[0] != "none":
        scale_x = scale_y = max(scale_x, scale_y) if aspect[1:] == ("slice",) else min(scale_x, scale_y)
        x_at, y_at = aspect[0][1:4].lower(), aspect[0][5:].lower()
    move_x: float = {"mid": (width - view[2] * scale_x) / 2, "max": width - view[2] * scale_x}.get(x_at, 0)
    move_y: float = {"mid": (height - view[3] * scale_y) / 2, "max": height - view[3] * scale_y}.get(y_at, 0)
    return scale_x, scale_y, move_x - view[0] * scale_x, move_y - view[1] * scale_y


def _shape(svg: Any, plan: Plan) -> None:
    _, tag, geometry, fill, fill_opacity, stroke, stroke_width, dash = plan
    stream = svg.stream
    stream.push_state()
    if fill:
        stream.set_color(_alpha(fill, fill_opacity))
    if stroke_width:
        if stroke:
            stream.set_color(_alpha(stroke, None), stroke=True)
            stream.set_line_width(stroke_width)
    else:
        stroke = None
    if dash and not all(value == 0 for value in dash) and not any(value < 0 for value in dash):
        stream.set_dash(dash, 0)
    else:
        stream.set_dash((), 0)
    stream.set_line_cap(0)
    stream.set_line_join(0)
    stream.set_miter_limit(4.0)
    OUTLINES[tag](stream, geometry)
    if fill and stroke:
        stream.fill_and_stroke(False)
    elif stroke:
        stream.stroke()
    elif fill:
        stream.fill(False)
    else:
        stream.end()
    stream.pop_state()


def _alpha(paint: str, opacity: Optional[str]) -> Any:
    """The colour WeasyPrint sets: its alpha times the opacity (WeasyPrint's own arithmetic,
    whose result names the PDF's transparency state)."""
    factor = _Weasy.alpha_value(1 if opacity is None else opacity)
    if factor == 1:
        return _colour(paint)
    fresh = _Weasy.color(paint)
    fresh.alpha *= factor
    return fresh


def _text(svg: Any, plan: Plan) -> None:
    _, element, attrib, font_size = plan
    svg.stream.push_state()
    run_text(svg, _TextNode(element, attrib), font_size)
    svg.stream.pop_state()
    svg.cursor_position, svg.cursor_d_position, svg.text_path_width = [0, 0], [0, 0], 0


def _lend() -> Optional[Callable[[], None]]:
    """Put the one-pass drawer in WeasyPrint's ``SVG.draw``; how to put WeasyPrint's back."""
    if not available():
        return None
    svg_class = sys.modules["weasyprint.svg"].SVG
    own = svg_class.draw

    def draw(svg: Any, stream: Any, concrete_width: float, concrete_height: float, base_url: Any,
             context: Any) -> None:
        root = getattr(getattr(svg, "tree", None), "_etree_node", None)
        plan = None if root is None else drawing_plan(root)
        if plan is None:
            own(svg, stream, concrete_width, concrete_height, base_url, context)
            return
        svg.stream, svg.base_url, svg.context = stream, base_url, context
        draw_plan(svg, plan, concrete_width, concrete_height)

    return swapped(svg_class, "draw", draw)


_DRAWINGS = Shared(_lend)


@contextlib.contextmanager
def whole_drawings() -> Iterator[bool]:
    """Lend WeasyPrint :mod:`.svgtext`'s run renderer and this drawer for the block; yields
    whether the drawer is in place (it needs the run renderer)."""
    with whole_runs() as runs, contextlib.ExitStack() as stack:
        yield runs and stack.enter_context(_DRAWINGS.held())
