"""Text measurement and wrapping for the map, in the map's font (DejaVu Sans).

Graphviz sizes every box to fit its label. We plan the grid before Graphviz runs, so we wrap
each label to the width of its box here, measuring with DejaVu Sans advance widths (taken from
the font files of Debian's ``fonts-dejavu-core``), and beyond ASCII from :mod:`.dejavu` (accents,
Greek, Cyrillic, Hebrew, Arabic as its letters join, punctuation); other characters DejaVu has
are counted as an em. Scripts DejaVu lacks (Indic, Thai, CJK, ...) come from fallback fonts
(about an em a letter, when :mod:`.fonts` finds one) or, with none installed, as Pango's boxes
of hex digits, which keep their own size: up to 19 pt wide, 26.5 pt above U+FFFF, whatever the
text size (measured with Graphviz 2.43 from 7 to 20 pt).
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


#: Thai and Lao vowels written before the consonant they follow in speech: a line never ends on one.
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")


def clusters(text: str) -> list[str]:
    """``text`` as the units a reader sees as one character, where a line may break inside a
    word: a letter with its marks, an Indic conjunct, an emoji sequence (Unicode's extended
    grapheme clusters, from the ``regex`` module), a Thai or Lao leading vowel with its consonant.
    Broken between code points, lines began with a vowel sign drawn on a dotted circle.

    >>> clusters("समीक्षाओं"), clusters("เมล"), clusters("ok")
    (['स', 'मी', 'क्षा', 'ओं'], ['เม', 'ล'], ['o', 'k'])
    """
    if text.isascii():
        return list(text)
    import regex  # only text outside ASCII pays for it

    found: list[str] = []
    for cluster in regex.findall(r"\X", text):
        if found and found[-1][-1] in _LEADING_VOWELS:
            found[-1] += cluster
        else:
            found.append(cluster)
    return found


#: Where a word too long for a line breaks first: after a hyphen between letters ("welcome-to-your-").
_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Break a word wider than ``width`` into pieces that fit: after its hyphens where the pieces
    fit ("welcome-to-your-new-" / "home", not "...-new-ho" / "me"), else inside, hyphen-less like a
    browser, between :func:`clusters`."""
    pieces: list[str] = []
    current = ""
    for segment in _AFTER_HYPHEN.split(word) if "-" in word else [word]:
        if text_width(current + segment, size, bold) <= width:
            current += segment
            continue
        if current:
            pieces.append(current)
            current = ""
        for ch in clusters(segment):
            if current and text_width(current + ch, size, bold) > width:
                pieces.append(current)
                current = ch
            else:
                current += ch
    if current:
        pieces.append(current)
    return pieces


#: White space a line may break at: any but the no-break space.
_BREAKS = re.compile(r"[^\S\u00a0]+")


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Wrap ``text`` into lines no wider than ``width`` points; never loses a character.

    Runs of white space count as one space; a no-break space joins two words into one that is
    never broken there; words longer than a line are broken inside.

    >>> wrap("Calls the claims hotline", 60, 10)
    ['Calls the', 'claims', 'hotline']
    >>> wrap("Supercalifragilistic", 40, 10)
    ['Superc', 'alifragil', 'istic']
    >>> wrap("Gets a welcome-to-your-new-home pack", 100, 9)
    ['Gets a', 'welcome-to-your-', 'new-home pack']
    >>> wrap("5 moments of truth", 100, 10)
    ['5 moments of', 'truth']
    >>> wrap("5 moments\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}truth", 100, 10)
    ['5', 'moments\xa0of\xa0truth']
    """
    lines: list[str] = []
    current = ""
    words = _BREAKS.split(text.strip()) if "\u00a0" in text else text.split()  # str.split is quicker
    for word in words:
        if not word:
            continue
        if current and not word.isascii() and all(unicodedata.category(ch) == "Cf" for ch in word):
            current += word  # an isolate's end after a space: alone, a line with nothing to draw
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines or [""]


def balanced(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """:func:`wrap`, with the lines as even as the same number of lines allows: a title's last
    line is not one word alone ("... in the Nordic / region").

    >>> wrap("Order to cash for wholesale customers in the Nordic region", 560, 20)
    ['Order to cash for wholesale customers in the Nordic', 'region']
    >>> balanced("Order to cash for wholesale customers in the Nordic region", 560, 20)
    ['Order to cash for wholesale', 'customers in the Nordic region']
    >>> max(text_width(line, 10) for line in balanced("See https://example.com/" + "a" * 80 + " now", 200, 10)) <= 200
    True
    """
    lines = wrap(text, width, size, bold)
    if len(lines) < 2:
        return lines
    low, high = min(widest(_BREAKS.split(text.strip()), size, bold), width), width
    for _ in range(20):  # the narrowest width that still takes no more lines
        middle = (low + high) / 2
        low, high = (middle, high) if len(wrap(text, middle, size, bold)) > len(lines) else (low, middle)
    even = wrap(text, high, size, bold)
    return even if widest(even, size, bold) <= width else lines


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis (a
    briefing's cover summary, a flow label with no room whole).

    >>> shorten("one two three four", 12)
    'one two…'
    >>> shorten("short", 12)
    'short'
    >>> shorten("Waits for the assessor, who rings back within two working days, usually", 41)
    'Waits for the assessor, who rings back…'
    >>> shorten("\u2068التوصيل والتركيب\u2069", 10) == "\u2068التوصيل…\u2069"
    True
    >>> shorten("\U0001f468\u200d\U0001f469\u200d\U0001f467 family", 4) == "\U0001f468\u200d\U0001f469\u200d\U0001f467…"
    True
    """
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text.isascii():  # not inside a cluster: a letter kept without its vowel sign reads as another
        whole = ""
        for cluster in clusters(text):
            if whole and len(whole) + len(cluster) > len(cut):  # the first is kept whatever its length
                break
            whole += cluster
        cut = whole
    space = cut.rfind(" ")
    kept = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-")
    # an isolate opened in the text and cut off before its end is closed after the ellipsis: left
    # open, it reordered a map tile's stage header around its arrow ("→ …التوصيل")
    return kept + "\u2026" + "\u2069" * max(0, kept.count("\u2068") - kept.count("\u2069"))


def fit_line(line: str, room: float, size: float, bold: bool = False) -> str:
    """``line`` as it fits in ``room`` points at ``size``: whole, else cut at a word with an ellipsis
    (:func:`shorten`), never under four characters.

    >>> fit_line("Inside sales & ordering desk", 100, 7)
    'Inside sales & ordering…'
    >>> fit_line("Warehouse", 80, 7)
    'Warehouse'
    """
    limit = len(line)
    while limit > 4 and text_width(shorten(line, limit), size, bold) > room:
        limit -= 1
    return shorten(line, limit)
