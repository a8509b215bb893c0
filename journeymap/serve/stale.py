"""The last good map and export of a journey whose file now has errors, as ``/j/<id>.svg`` and
``/j/<id>.json`` serve them: marked stale (SPEC 7), as its page marks them. They were served
unmarked, so a script or a tab showing the map saw a clean journey."""

from __future__ import annotations

import re

from journeymap.map.canvas import num
from journeymap.report import counted

#: The band the stale mark takes above the map, in points.
BAND = 26.0
#: The map's root element as Graphviz writes it. Only its size and view box change, so the root
#: tag alone is rewritten, exactly, rather than the whole drawing parsed and written out again.
_ROOT = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')


def stale_header(errors: int) -> dict[str, str]:
    """The response header that marks a stale map or export."""
    return {"X-Journeymap-Stale": f"the journey file has {counted(errors, 'error')}; this is its last good version"}


def stale_svg(svg: bytes, errors: int) -> bytes:
    """The map with a band across its top: "Stale: the journey file has N errors ..."."""
    root = _ROOT.search(svg)
    if root is None:
        return svg
    width, height, x0, y0, w, h = (float(v) for v in root.groups())
    tag = (f'<svg width="{num(width)}pt" height="{num(height + BAND)}pt" '
           f'viewBox="{num(x0)} {num(y0 - BAND)} {num(w)} {num(h + BAND)}"').encode("ascii")
    words = f"Stale: the journey file has {counted(errors, 'error')}; this is its last good map"
    band = (f'\n<g id="stale-mark" class="stale"><rect x="{num(x0)}" y="{num(y0 - BAND)}" width="{num(w)}" '
            f'height="{num(BAND)}" fill="#fdecc8"/><text x="{num(x0 + 10)}" y="{num(y0 - 8)}" '
            f'font-family="DejaVu Sans,sans-serif" '
            f'font-size="12" font-weight="bold" fill="#7a4100">{words}</text></g>').encode("ascii")
    start = svg.index(b">", root.end()) + 1
    return svg[:root.start()] + tag + svg[root.end():start] + band + svg[start:]
