"""How tall a line of the map's text is: a line holding a box of hex digits is taller.

Pango draws a character no installed font has as a box of hex digits (:mod:`.text` measures its
width), in two rows from 9 pt text up, taller than the line Graphviz gives the text: on a machine
without an emoji font, the boxes of "👍🏽 and sends 🇬🇧 flag" ran over the lines above and below
(audit CA). The grid plans such a line taller, and its row is made so (:mod:`.labels`).
"""

from __future__ import annotations

import math

from journeymap.map.textwidth import hex_boxed

#: Pango's box of hex digits is two rows of digits 14.25 pt tall from 9 pt text up (12.75 at
#: 9 pt; one row, 7.5 pt, below), whatever the text's size (Graphviz 2.43 with cairo): taller than
#: a 10 pt line, so a line holding one needs this and room around it.
HEX_BOX_TALL = 14.5
_HEX_BOX_FROM = 9.0


def line_height(line: str, size: float, leading: float) -> float:
    """The height a line of text at ``size`` takes (``leading``: the line height over the size),
    more where it holds a box of hex digits: their two rows ran over the lines above and below
    on a machine without an emoji font ("👍🏽 and sends 🇬🇧 flag": audit CA).

    >>> line_height("Sends a flag", 10, 1.3), line_height("Sends \U000e0001 flag", 10, 1.3)
    (13.0, 18.0)

    A whole number of points, as the label's row is written (``HEIGHT="18"``, :mod:`.labels`):
    planned at 17.5, each of 38 such lines was half a point taller than its box had room for, and
    Graphviz warned "size too small for label" (audit FG: a name of 150 emoji).
    """
    plain = size * leading
    if line.isascii() or size < _HEX_BOX_FROM or not any(map(hex_boxed, line)):
        return plain
    return max(plain, float(math.ceil(HEX_BOX_TALL + 3)))
