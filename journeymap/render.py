"""``journeymap render``: the swimlane map as SVG, PNG, PDF or DOT.

DOT comes from :mod:`journeymap.dot`; everything else from one Graphviz run. SVG is tidied so
committed maps do not churn: the generator comment (which names the Graphviz version) is
dropped and ``&#45;`` entities in ids become plain hyphens, as the SPEC's ids are written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .analysis import Analysis
from .dot import build_dot
from .graphviz import run_dot
from .marks import Marks

FORMATS = ("svg", "png", "pdf", "dot")
PNG_DPI = 144.0
# Cairo cannot make images wider or taller than this many pixels.
PNG_MAX_PIXELS = 32000.0
# Graphviz's comments (its version, and each node's and edge's name again) carry nothing the
# <title> elements do not, and 2.43 writes "--" inside them once its "&#45;" is made literal.
_COMMENT = re.compile(rb"<!--.*?-->\n?", re.DOTALL)


@dataclass(frozen=True)
class Rendered:
    """A rendered map and what Graphviz said while making it."""

    data: bytes
    warnings: tuple[str, ...] = ()


def tidy_svg(svg: bytes) -> bytes:
    """Graphviz's SVG without its comments, with literal hyphens."""
    return _COMMENT.sub(b"", svg).replace(b"&#45;", b"-")


def png_dpi(width: float, height: float) -> float:
    """The PNG resolution: sharp on high-DPI screens, within Cairo's size limit."""
    largest = max(width, height, 1.0)
    return round(min(PNG_DPI, PNG_MAX_PIXELS * 72 / largest), 2)


def render(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None) -> Rendered:
    """The map of ``analysis`` in ``fmt`` (one of :data:`FORMATS`), with Graphviz's warnings."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown map format {fmt!r}; use one of {', '.join(FORMATS)}")
    source, grid = build_dot(analysis, marks)
    if fmt == "dot":
        return Rendered(source.encode("utf-8"))
    args = ["-Kneato", "-n2"]
    if fmt == "png":
        args.append(f"-Gdpi={png_dpi(grid.width, grid.height):g}")
    result = run_dot(source, "svg" if fmt == "svg" else f"{fmt}:cairo", timeout=timeout, args=tuple(args))
    data = tidy_svg(result.output) if fmt == "svg" else result.output
    return Rendered(data, result.warnings)


def render_map(analysis: Analysis, fmt: str, *, timeout: float = 120.0, marks: Optional[Marks] = None) -> bytes:
    """The bytes of the map of ``analysis`` in ``fmt``; see :func:`render`."""
    return render(analysis, fmt, timeout=timeout, marks=marks).data
