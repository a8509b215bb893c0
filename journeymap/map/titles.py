"""Tooltips: each SVG element's ``<title>`` names what people wrote, not our internal ids.

Graphviz titles every node, edge and cluster with its DOT name (``tp-call-hotline``,
``tp-a->tp-b``). The drawing records a readable title per element id as it draws
(:class:`journeymap.map.canvas.Canvas`); :func:`retitle` swaps them in, and drops the title of
any element that has none, so no internal name is left to show.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from journeymap.map.escape import xml_text

_GROUP_TITLE = re.compile(rb'(<g id="([^"]*)"[^>]*>\n?)<title>[^<]*</title>\n?')


def retitle(svg: bytes, titles: Mapping[str, str]) -> bytes:
    """``svg`` with each group's ``<title>`` replaced by ``titles[its id]``, or removed.

    >>> retitle(b'<g id="tp-a" class="node">\\n<title>tp-a</title>\\n<path/>', {"tp-a": "Calls <us>"})
    b'<g id="tp-a" class="node">\\n<title>Calls &lt;us&gt;</title>\\n<path/>'
    >>> retitle(b'<g id="x" class="cluster">\\n<title>cluster_x</title>\\n</g>', {})
    b'<g id="x" class="cluster">\\n</g>'
    """
    def swap(match: "re.Match[bytes]") -> bytes:
        title = titles.get(match.group(2).decode("utf-8"))
        if not title:
            return match.group(1)
        return match.group(1) + f"<title>{xml_text(title)}</title>\n".encode("utf-8")

    out, swapped = _GROUP_TITLE.subn(swap, svg)
    if swapped != svg.count(b"<title>"):
        # Graphviz wrote its titles in a form this pattern does not know (another version): the
        # internal ids would be left as tooltips, and nothing would say so (review EM)
        from journeymap.map.graphviz import INSTALL_HINT, GraphvizFailed

        raise GraphvizFailed(f"Graphviz wrote {svg.count(b'<title>') - swapped} SVG titles in a form journeymap does not "
                             f"know; report this with the output of `journeymap --version`, or {INSTALL_HINT}")
    return out
