"""Text measurement for the map, in the map's font (DejaVu Sans).

Graphviz sizes every box to fit its label. We plan the grid before Graphviz runs, so each label
is measured here (and wrapped to the width of its box by :mod:`.text`), with DejaVu Sans advance
widths (taken from the font files of Debian's ``fonts-dejavu-core``), and beyond ASCII from
:mod:`.dejavu` (accents, Greek, Cyrillic, Hebrew, Arabic as its letters join, punctuation); other
characters DejaVu has are counted as an em. Scripts DejaVu lacks (Indic, Thai, CJK, ...) come
from fallback fonts (about an em a letter, when :mod:`.fonts` finds one) or, with none installed,
as Pango's boxes of hex digits, which keep their own size: up to 19 pt wide, 26.5 pt above
U+FFFF, whatever the text size (measured with Graphviz 2.43 from 7 to 20 pt).
The estimate errs on the side of wrapping early; boxes are fixed in size in any case
(:mod:`journeymap.map.dot`), so a misjudged glyph can never push a box past its slot.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from journeymap.map.dejavu import advance
from journeymap.map.joining import joining_change
from journeymap.map.fonts import has_font

_UNITS_PER_EM = 2048
# Advance widths of U+0020..U+007E in font units (2048 per em).
_BOOK = (
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048,
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
    1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024,
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
)
_BOLD = (
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048,
    1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501,
    1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024,
    1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407, 1466,
    1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716,
)
# A full em, a little more in bold: wider than nearly every glyph outside ASCII.
_OTHER = {False: 2048, True: 2260}
# U+0900..U+1CFF: Indic, South-East Asian and other scripts outside DejaVu Sans.
_FALLBACK_SCRIPTS = range(0x0900, 0x1D00)
# Pango's box of hex digits for a glyph no font has, at its widest (it is drawn from a small
# font of its own, so it does not shrink with the text): four digits, then six above U+FFFF.
_HEX4_PT = 19.0
_HEX6_PT = 26.5
# With a font installed: a letter of Indic and South-East Asian scripts (at its widest; most are
# narrower), and an emoji (colour emoji are about 1.2 em); Chinese, Japanese and Korean take an em.
_LETTER_EM = 0.8
_SIGN_EM = 0.4
_EMOJI_EM = 1.3
# Characters drawn as a box of hex digits: private use, unassigned, and the control pictures
# (U+2400..U+243F) that :func:`journeymap.map.escape.visible` shows control characters as.
_HEX_BOXED = frozenset({"Co", "Cn", "Cs"})
_CONTROL_PICTURES = range(0x2400, 0x2440)
# The Arabic block, whose letters change width as they join (:func:`.joining.joining_change`).
_ARABIC = re.compile("[\u0600-\u06ff]")
# Pango's layout is a touch wider than the sum of advances (hinting, rounding).
_SLACK = 1.04


def _char_width(ch: str, size: float, bold: bool) -> float:
    """Estimated advance of ``ch`` at ``size`` points, before :data:`_SLACK`."""
    code = ord(ch)
    if code == 0xA0:  # a no-break space is as wide as a space
        code = 32
    if 32 <= code <= 126:
        return (_BOLD if bold else _BOOK)[code - 32] * size / _UNITS_PER_EM
    if code > 0xFFFF:  # emoji, or a hex box
        return size * _EMOJI_EM if has_font(code) else max(size * 1.8, _HEX6_PT)
    category = unicodedata.category(ch)
    wide = unicodedata.east_asian_width(ch) in ("W", "F")
    if code in _FALLBACK_SCRIPTS or wide:
        return _beyond_dejavu(ch, size, category, wide)
    if unicodedata.combining(ch) or category == "Cf":  # marks; format characters
        return 0.0
    if category in _HEX_BOXED or code in _CONTROL_PICTURES or (category == "Cc" and ch not in "\t\n\r"):
        # no font has a private-use or unassigned character, nor DejaVu Sans the pictures the map
        # shows control characters as: a box of hex digits each, which ran out of its touch-point
        # box and made Graphviz warn "size too small for label"
        return max(size * 1.3, _HEX4_PT)
    return (advance(code, bold) or _OTHER[bold]) * size / _UNITS_PER_EM


def _beyond_dejavu(ch: str, size: float, category: str, wide: bool) -> float:
    """Estimated advance of ``ch``, a letter of a script DejaVu Sans lacks (``wide``: East Asian
    wide), drawn from a font that has it (:func:`~journeymap.map.fonts.has_font`), else as a box."""
    # A character the shaper splits (Thai SARA AM is NIKHAHIT and SARA AA: a compatibility
    # decomposition) is a glyph or box per part; one that merely decomposes canonically (a Hangul
    # syllable into its letters, デ into テ and its voicing mark) is one (a Hangul syllable counted
    # as two or three wrapped Korean a syllable or two a line).
    compat = unicodedata.decomposition(ch).startswith("<compat>")
    parts = len(unicodedata.normalize("NFKD", ch)) if compat else 1
    if not has_font(ord(ch)):
        return max(size * 1.3, _HEX4_PT) * parts
    if category in ("Mn", "Me"):  # a vowel sign or tone mark over its letter
        return 0.0
    if category == "Mc":  # a vowel sign beside its letter (ा, ि): a narrow one
        return size * _SIGN_EM
    if wide:  # an emoji among the symbols (✅, ⭐) is drawn from the colour font, wider
        return size * (_EMOJI_EM if category == "So" else 1.0) * parts
    return size * _LETTER_EM * parts


def hex_boxed(ch: str) -> bool:
    """Whether ``ch`` is drawn here as a box of hex digits, as :func:`_char_width` counts it: at
    1 pt every glyph is narrower than an em and a half, and a box keeps its own 19 pt or more."""
    return _char_width(ch, 1.0, False) >= _HEX4_PT


class _Widths(dict[str, float]):
    """Advances of the characters met so far at one size and weight, measured on first use."""

    def __init__(self, size: float, bold: bool) -> None:
        super().__init__()
        self.size, self.bold = size, bold

    def __missing__(self, ch: str) -> float:
        width = self[ch] = _char_width(ch, self.size, self.bold)
        return width


_TABLES: dict[tuple[float, bool], _Widths] = {}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of ``text`` set in DejaVu Sans at ``size`` points.

    >>> round(text_width("Claims", 10), 1)
    35.0
    >>> text_width("", 10)
    0.0
    >>> text_width("日本", 8) > 2 * 18
    True
    """
    table = _TABLES.get((size, bold))
    if table is None:
        table = _TABLES[(size, bold)] = _Widths(size, bold)
    # The same advances added in the same order as one by one, just without a call per character.
    width = sum(map(table.__getitem__, text))
    if not text.isascii() and _ARABIC.search(text):  # its letters drawn as they join their neighbours
        width += joining_change(text, bold) * size / _UNITS_PER_EM
    return width * _SLACK


def widest(lines: Iterable[str], size: float, bold: bool = False) -> float:
    """Width in points of the widest of ``lines`` (0 for none)."""
    return max((text_width(line, size, bold) for line in lines), default=0.0)
