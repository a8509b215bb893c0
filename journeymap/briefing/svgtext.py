"""SVG text in WeasyPrint a run at a time instead of a letter at a time (issue 13: speed).

WeasyPrint (``weasyprint/svg/text.py``) lays out and draws every character of an SVG ``text``
on its own, a Pango layout and a text object each, because SVG lets each glyph have its own
position (``x``/``y`` lists, ``dx``, ``dy``, ``rotate``, ``textLength``). A map's labels use none
of that, and a 500-touch-point briefing spent about 5 of its 24 s drawing its 7,700 labels
letter by letter (122,705 text draws). :func:`whole_runs` lends WeasyPrint a text renderer that lays out such a label once, as
one run, the way WeasyPrint sets HTML text; anything else (tspans, position lists, per-letter
spacing, baselines other than the alphabetic one, vertical or right-to-left text) goes to
WeasyPrint's own renderer unchanged. Text anchors, fills, strokes and bounding boxes are left
to WeasyPrint, which handles them around the renderer.

The renderer is WeasyPrint's code with the per-letter loop taken out, so it leans on names
inside WeasyPrint: :func:`available` checks them (with their signatures) before lending it, and
without them briefings render as before, only slower. It is lent while a rendering runs, shared
by renderings in several threads and given back when the last one ends
(:class:`~journeymap.briefing.lending.Shared`), so other users of WeasyPrint in the process get
WeasyPrint's own renderer again. Both renderers
put the same glyphs on the same baseline, anchored at the same point; a run is kerned, so a word
can come out up to a few percent narrower (``tests/test_svgtext.py``).
"""

from __future__ import annotations

import inspect
import weakref
from typing import Any, Callable, ContextManager, NamedTuple, Optional

from journeymap.briefing.lending import Shared

#: Attributes that need WeasyPrint's per-letter layout (or its baseline or direction handling).
PER_LETTER = frozenset({"dx", "dy", "rotate", "textLength", "lengthAdjust", "letter-spacing", "word-spacing",
                        "direction", "writing-mode", "dominant-baseline", "alignment-baseline",
                        "display-anchor", "unicode-bidi"})
#: The tags WeasyPrint draws with its text renderer.
TEXT_TAGS = ("text", "tspan", "textPath", "a")
#: WeasyPrint's own renderer while ours is lent (ours hands it what it does not handle).
_OWN: dict[str, Callable[..., None]] = {}


def _modules() -> tuple[Any, Any]:
    import importlib

    return importlib.import_module("weasyprint.svg"), importlib.import_module("weasyprint.svg.text")


def available() -> bool:
    """Whether this WeasyPrint has the internals the run renderer is built from."""
    try:
        svg, text = _modules()
        from weasyprint.draw.text import draw_emojis, draw_first_line
        from weasyprint.text.line_break import split_first_line

        wanted = {split_first_line: ["text", "style", "context", "max_width", "justification_spacing"],
                  draw_first_line: ["stream", "textbox", "text_overflow", "block_ellipsis", "matrix"],
                  draw_emojis: ["stream", "style", "x", "y", "emojis"],
                  text.text: ["svg", "node", "font_size"]}
        if not takes_first(wanted):
            return False
        return all(svg.TAGS.get(tag) is text.text for tag in TEXT_TAGS) \
            and svg.text is text.text and hasattr(text, "TextBox") and hasattr(text, "Style")
    except (ImportError, AttributeError, TypeError, ValueError):
        return False


def takes_first(wanted: dict[Callable[..., Any], list[str]]) -> bool:
    """Whether each of WeasyPrint's functions in ``wanted`` takes the parameters named, first and
    in that order (what a renderer lent to it calls them with). Raises ValueError or TypeError
    for what ``inspect.signature`` cannot read."""
    return all(list(inspect.signature(function).parameters)[:len(names)] == names
               for function, names in wanted.items())


def _simple(node: Any) -> bool:
    """Whether a node is one plain run: a ``text`` with its own characters, one position at most."""
    if node.tag != "text" or not node.text or "\n" in node.text or PER_LETTER & set(node.attrib) \
            or len(getattr(node, "_etree_node", "?")):
        return False
    return all(len(node.attrib.get(axis, "0").replace(",", " ").split()) <= 1 for axis in ("x", "y"))


def _weight(value: Any) -> int:
    if value == "bold":
        return 700
    try:
        return int(value)
    except (TypeError, ValueError):
        return 400


class Run(NamedTuple):
    """A plain run laid out: its style, Pango layout (WeasyPrint's), width, height and baseline."""

    style: Any
    layout: Any
    width: float
    height: float
    baseline: float


#: Runs already laid out, per rendering (its layout context): a map printed in tiles repeats its
#: lane names, blueprint-line names and stage headers on every tile, so a 500-touch-point
#: briefing draws its 7,722 labels from 1,435 different runs. A run's Pango layout is only read
#: when it is drawn, so one layout serves every copy. Emptied when the last rendering ends (a
#: context sits in reference cycles, so only the cyclic collector would free its entry).
_LAID_OUT: "weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], Run]]" = weakref.WeakKeyDictionary()


def _laid_out(svg: Any, node: Any, font_size: float) -> Run:
    """A plain run, laid out once per rendering."""
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.text.line_break import split_first_line

    family = tuple(f.strip("\"'") for f in node.get("font-family", "sans-serif").split(","))
    key = (node.text, family, node.get("font-style", "normal"), _weight(node.get("font-weight", 400)), font_size)
    runs = _LAID_OUT.setdefault(svg.context, {}) if svg.context is not None else {}
    if key not in runs:
        _, module = _modules()
        style = module.Style()
        style.update(INITIAL_VALUES)
        style.font_config = svg.font_config
        style["font_family"], style["font_style"], style["font_weight"], style["font_size"] = \
            list(family), key[2], key[3], font_size
        layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, float("inf"), 0)
        layout.reactivate(style)  # split_first_line lets go of the Pango layout; drawing needs it
        runs[key] = Run(style, layout, width, height, baseline)
    return runs[key]


def run_text(svg: Any, node: Any, font_size: float) -> None:
    """Draw a ``text`` node as one run when it is a plain one, else as WeasyPrint does."""
    _, module = _modules()
    if not _simple(node):
        _OWN["text"](svg, node, font_size)
        return
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.utils import size

    style, layout, width, height, baseline = _laid_out(svg, node, font_size)
    x = size(node.attrib["x"], font_size, svg.inner_width) if "x" in node.attrib else None
    y = size(node.attrib["y"], font_size, svg.inner_height) if "y" in node.attrib else None
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    left, base = x + svg.cursor_d_position[0], y + svg.cursor_d_position[1]
    node.text_bounding_box = extend_bounding_box(node.text_bounding_box,
                                                 ((left, base - baseline), (left + width, base - baseline + height)))
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    svg.fill_stroke(fill, stroke, text=True)
    box = module.TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=left, f=base))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _lend() -> Optional[Callable[[], None]]:
    """Put the run renderer in WeasyPrint's place; how to put WeasyPrint's back (None: cannot)."""
    if not available():
        return None
    svg, _ = _modules()
    own, tags = svg.text, {t: svg.TAGS[t] for t in TEXT_TAGS}
    _OWN["text"] = own
    svg.text = run_text  # draw_node compares TAGS entries with it to find text nodes
    svg.TAGS.update({t: run_text for t in TEXT_TAGS})

    def give_back() -> None:
        svg.text = own
        svg.TAGS.update(tags)
        _LAID_OUT.clear()

    return give_back


_RUNS = Shared(_lend)


def whole_runs() -> ContextManager[bool]:
    """Lend WeasyPrint the run renderer for the block (yields whether it could)."""
    return _RUNS.held()
