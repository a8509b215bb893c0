"""The advance widths the map measures letters beyond ASCII with (journeymap/map/dejavu.py) are
DejaVu Sans's own: checked against the installed font files, and written from them with
JOURNEYMAP_UPDATE_GOLDEN=1 (as the golden files are)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, UPDATE_GOLDEN
from journeymap.map import dejavu

#: The blocks the table covers: Latin-1 and Latin Extended-A and B, Greek, Cyrillic, Armenian,
#: Hebrew, Latin Extended Additional (Vietnamese), Greek Extended, General Punctuation. Not Arabic:
#: its letters change width as they join, and an em each stays on the safe side.
BLOCKS = ((0x00A0, 0x0250), (0x0370, 0x0400), (0x0400, 0x0500), (0x0530, 0x0590), (0x0590, 0x0600),
          (0x1E00, 0x1F00), (0x1F00, 0x2000), (0x2000, 0x2070))
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _widths(font: Path) -> list[tuple[int, ...]]:
    ttlib = pytest.importorskip("fontTools.ttLib")
    if not font.exists():
        pytest.skip(f"{font} is not installed (make install installs fonts-dejavu-core)")
    loaded = ttlib.TTFont(str(font))
    cmap, metrics = loaded.getBestCmap(), loaded["hmtx"]
    return [tuple(metrics[cmap[c]][0] if c in cmap else 0 for c in range(low, high)) for low, high in BLOCKS]


def _numbers(widths: tuple[int, ...]) -> str:
    lines = textwrap.wrap(", ".join(map(str, widths)) + ",", 104, initial_indent=" " * 8, subsequent_indent=" " * 8)
    return "(\n" + "\n".join(lines) + "\n    )"


def _module(book: list[tuple[int, ...]], bold: list[tuple[int, ...]]) -> str:
    source = (ROOT / "journeymap" / "map" / "dejavu.py").read_text(encoding="utf-8")
    head = source[:source.index("RANGES: ")]
    rows = "".join(f"    (0x{low:04X}, {_numbers(b)}, {_numbers(d)}),\n" for (low, _), b, d in zip(BLOCKS, book, bold))
    return f"{head}RANGES: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...] = (\n{rows})\n" + \
        source[source.index("\n\n\ndef advance"):]


def test_the_table_is_dejavu_sans_own_widths():
    expected = _module(_widths(FONTS / "DejaVuSans.ttf"), _widths(FONTS / "DejaVuSans-Bold.ttf"))
    target = ROOT / "journeymap" / "map" / "dejavu.py"
    if UPDATE_GOLDEN:
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, "regenerate with JOURNEYMAP_UPDATE_GOLDEN=1"


def test_a_letter_is_measured_as_drawn_not_as_an_em():
    # "подтверждение заказа" was measured 1.6 times wider than drawn, and Ж narrower (audit BD)
    from journeymap.map.text import text_width

    assert dejavu.advance(ord("Ж"), False) == 2206 and dejavu.advance(ord("é"), True) == 1389
    assert dejavu.advance(ord("ا"), False) == 0  # Arabic: not in the table
    assert text_width("Ж", 10) > 10.4 > text_width("ж", 10)  # an em at 10 pt, with the slack
    assert text_width("подтверждение", 10) < 0.7 * 13 * 10.4
