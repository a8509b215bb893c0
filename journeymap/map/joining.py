"""Arabic letters as DejaVu Sans draws them joined to their neighbours.

An Arabic letter's width depends on its neighbours: joined to them it is drawn in a narrower
form (ب alone 0.94 em, between two letters 0.30 em). :func:`joining_change` works out each
letter's form as HarfBuzz does and the difference it makes to the widths :mod:`.dejavu` gives
the letters alone; Arabic counted an em a letter took 1.5 to 2.4 times its width (a name of 53
letters in five lines of its box where three hold it).

The tables are written from the font files by ``tests/test_dejavu_widths.py``
(``JOURNEYMAP_UPDATE_GOLDEN=1``), which also checks them against the installed fonts.
"""

from __future__ import annotations

import unicodedata

#: The widths an Arabic letter is drawn at as it joins its neighbours, (isolated, final, initial,
#: medial) in Book then Bold, 0 for a form it has not (a letter that joins only the one before).
JOINING: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {
    0x0621: ((963, 0, 0, 0), (1047, 0, 0, 0)),
    0x0622: ((569, 624, 0, 0), (702, 769, 0, 0)),
    0x0623: ((569, 624, 0, 0), (702, 769, 0, 0)),
    0x0624: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x0625: ((569, 624, 0, 0), (702, 769, 0, 0)),
    0x0626: ((1603, 1707, 570, 618), (1877, 1877, 769, 836)),
    0x0627: ((569, 624, 0, 0), (702, 769, 0, 0)),
    0x0628: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x0629: ((1073, 1098, 0, 0), (1209, 1242, 0, 0)),
    0x062A: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x062B: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x062C: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x062D: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x062E: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x062F: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x0630: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x0631: ((989, 1130, 0, 0), (1179, 1274, 0, 0)),
    0x0632: ((989, 1130, 0, 0), (1179, 1274, 0, 0)),
    0x0633: ((2500, 2611, 1716, 1827), (2826, 2895, 2014, 2084)),
    0x0634: ((2500, 2611, 1716, 1827), (2826, 2895, 2014, 2084)),
    0x0635: ((2476, 2509, 1739, 1776), (2755, 2794, 1979, 2018)),
    0x0636: ((2476, 2509, 1739, 1776), (2755, 2794, 1979, 2018)),
    0x0637: ((1894, 1944, 1630, 1680), (2127, 2193, 1929, 1995)),
    0x0638: ((1894, 1944, 1630, 1680), (2127, 2193, 1929, 1995)),
    0x0639: ((1222, 1090, 1222, 988), (1399, 1399, 1399, 1156)),
    0x063A: ((1222, 1090, 1071, 988), (1399, 1399, 1399, 1156)),
    0x0641: ((2123, 2120, 979, 1036), (2379, 2439, 1341, 1474)),
    0x0642: ((1589, 1708, 979, 1036), (1831, 1846, 1341, 1474)),
    0x0643: ((1688, 1726, 975, 1131), (1877, 1907, 1191, 1191)),
    0x0644: ((1488, 1551, 624, 678), (1777, 1828, 769, 836)),
    0x0645: ((1268, 1363, 1097, 1184), (1501, 1606, 1268, 1373)),
    0x0646: ((1504, 1559, 570, 618), (1748, 1843, 769, 836)),
    0x0647: ((1073, 1098, 1080, 944), (1209, 1242, 1420, 1352)),
    0x0648: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x0649: ((1603, 1707, 570, 618), (1877, 2072, 769, 836)),
    0x064A: ((1603, 1707, 570, 618), (1877, 2072, 769, 836)),
    0x0679: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x067A: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x067B: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x067E: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x067F: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x0680: ((1928, 2011, 570, 618), (2058, 2168, 769, 836)),
    0x0683: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x0684: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x0686: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x0687: ((1322, 1322, 1266, 1322), (1476, 1476, 1476, 1476)),
    0x0688: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x068C: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x068D: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x068E: ((912, 1075, 0, 0), (1051, 1183, 0, 0)),
    0x0691: ((989, 1130, 0, 0), (1179, 1274, 0, 0)),
    0x0698: ((989, 1130, 0, 0), (1179, 1274, 0, 0)),
    0x06A4: ((2123, 2120, 979, 1036), (2379, 2439, 1341, 1474)),
    0x06A6: ((2123, 2120, 979, 1036), (2379, 2439, 1341, 1474)),
    0x06A9: ((1833, 1833, 975, 1131), (2097, 2097, 1191, 1191)),
    0x06AD: ((1688, 1726, 975, 1131), (1688, 1726, 975, 1131)),
    0x06AF: ((1833, 1833, 975, 1131), (2097, 2097, 1191, 1191)),
    0x06B1: ((1833, 1833, 975, 1131), (2097, 2097, 1191, 1191)),
    0x06B3: ((1833, 1833, 975, 1131), (2097, 2097, 1191, 1191)),
    0x06BA: ((1504, 1559, 0, 0), (1748, 1843, 0, 0)),
    0x06BB: ((1504, 1559, 570, 618), (1748, 1843, 769, 836)),
    0x06BE: ((1430, 1294, 1080, 944), (1920, 1802, 1420, 1352)),
    0x06C6: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x06C7: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x06C8: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x06CB: ((989, 1058, 0, 0), (1273, 1284, 0, 0)),
    0x06CC: ((1603, 1707, 570, 618), (1877, 2072, 769, 836)),
    0x06D0: ((1603, 1707, 570, 618), (1877, 2072, 769, 836)),
}

#: Lam followed by an alef, drawn as one glyph: (isolated, final) in Book then Bold, by the alef.
LAM_ALEF: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {
    0x0622: ((1168, 1222), (1525, 1555)),
    0x0623: ((1168, 1222), (1525, 1555)),
    0x0625: ((1168, 1222), (1525, 1555)),
    0x0627: ((1168, 1222), (1525, 1555)),
}



#: Letters that join whatever is on either side of them: the tatweel, the zero-width joiner.
_JOIN_CAUSING = frozenset({0x0640, 0x200D})
_ISOLATED, _FINAL, _INITIAL, _MEDIAL = range(4)
_LAM = 0x0644


def joining_change(text: str, bold: bool) -> int:
    """How much wider (negative: narrower) DejaVu Sans draws the Arabic letters of ``text``, each
    in the form its neighbours give it, than :func:`.dejavu.advance` counts them (each alone), in
    font units. A letter joins the one before when that one joins onward (it has a medial form) and it
    has a final form itself; marks between them do not part them (Unicode's joining rules, as
    HarfBuzz shapes them; lam and alef make one glyph).

    >>> joining_change("abc", False), joining_change("بيت", False) < -1500
    (0, True)
    """
    letters = [ch for ch in text if not _transparent(ch)]
    side = 1 if bold else 0
    change, k = 0, 0
    while k < len(letters):
        code = ord(letters[k])
        forms = JOINING.get(code)
        joined = k > 0 and _joins_onward(letters[k - 1])
        if forms is None:
            k += 1
            continue
        alef = ord(letters[k + 1]) if k + 1 < len(letters) else 0
        if code == _LAM and alef in LAM_ALEF:
            drawn = LAM_ALEF[alef][side][_FINAL if joined else _ISOLATED]
            change += drawn - forms[side][_ISOLATED] - JOINING[alef][side][_ISOLATED]
            k += 2
            continue
        widths = forms[side]
        before = joined and widths[_FINAL] > 0
        after = widths[_MEDIAL] > 0 and k + 1 < len(letters) and _joins_back(letters[k + 1])
        form = _MEDIAL if before and after else _FINAL if before else _INITIAL if after else _ISOLATED
        change += widths[form] - widths[_ISOLATED]
        k += 1
    return change


def _transparent(ch: str) -> bool:
    """Whether ``ch`` is passed over when letters join: a mark, or a format character other than
    the joiners (U+200C, U+200D)."""
    return unicodedata.category(ch) in ("Mn", "Me") or (unicodedata.category(ch) == "Cf"
                                                         and ch not in "\u200c\u200d")


def _joins_onward(ch: str) -> bool:
    """Whether ``ch`` joins the letter after it."""
    forms = JOINING.get(ord(ch))
    return ord(ch) in _JOIN_CAUSING or (forms is not None and forms[0][_MEDIAL] > 0)


def _joins_back(ch: str) -> bool:
    """Whether ``ch`` joins the letter before it."""
    forms = JOINING.get(ord(ch))
    return ord(ch) in _JOIN_CAUSING or (forms is not None and forms[0][_FINAL] > 0)
