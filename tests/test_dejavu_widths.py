"""The advance widths the map measures letters beyond ASCII with (journeymap/map/dejavu.py, and
joining.py for Arabic letters as they join) are DejaVu Sans's own: checked against the
installed font files, and written from them with JOURNEYMAP_UPDATE_GOLDEN=1 (as the golden
files are)."""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path
from typing import Any, Callable

import pytest

from conftest import ROOT, UPDATE_GOLDEN
from journeymap.map import dejavu, joining

#: The blocks the table covers: Latin-1 and Latin Extended-A and B, Greek, Cyrillic, Armenian,
#: Hebrew, Arabic, Latin Extended Additional (Vietnamese), Greek Extended, General Punctuation.
BLOCKS = ((0x00A0, 0x0250), (0x0370, 0x0400), (0x0400, 0x0500), (0x0530, 0x0590), (0x0590, 0x0600),
          (0x0600, 0x0700), (0x1E00, 0x1F00), (0x1F00, 0x2000), (0x2000, 0x2070))
FONTS = Path("/usr/share/fonts/truetype/dejavu")


#: The forms a joining Arabic letter is drawn in, in the order the table gives them.
FORMS = ("<isolated>", "<final>", "<initial>", "<medial>")


def _font(font: Path) -> tuple[dict[int, str], Any]:
    ttlib = pytest.importorskip("fontTools.ttLib")
    if not font.exists():
        pytest.skip(f"{font} is not installed (make install installs fonts-dejavu-core)")
    loaded = ttlib.TTFont(str(font))
    return loaded.getBestCmap(), loaded["hmtx"]


def _widths(font: Path) -> list[tuple[int, ...]]:
    cmap, metrics = _font(font)
    return [tuple(metrics[cmap[c]][0] if c in cmap else 0 for c in range(low, high)) for low, high in BLOCKS]


def _joined(font: Path) -> dict[tuple[int, ...], tuple[int, ...]]:
    """The advance of each presentation form the font has, by the letters it is a form of (one,
    or lam and an alef drawn as one glyph): (isolated, final, initial, medial), 0 where none."""
    cmap, metrics = _font(font)
    forms: dict[tuple[int, ...], list[int]] = {}
    for code in sorted(cmap):
        tag, _, letters = unicodedata.decomposition(chr(code)).partition(" ")
        if tag in FORMS and 0x0600 <= int(letters.split()[0], 16) < 0x0700:
            key = tuple(int(letter, 16) for letter in letters.split())
            forms.setdefault(key, [0] * 4)[FORMS.index(tag)] = metrics[cmap[code]][0]
    return {key: tuple(widths) for key, widths in forms.items() if len(key) == 1 or key[0] == 0x0644}


def _numbers(widths: tuple[int, ...]) -> str:
    lines = textwrap.wrap(", ".join(map(str, widths)) + ",", 104, initial_indent=" " * 8, subsequent_indent=" " * 8)
    return "(\n" + "\n".join(lines) + "\n    )"


def _module() -> str:
    """journeymap/map/dejavu.py as the fonts installed give it."""
    book, bold = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
    source = (ROOT / "journeymap" / "map" / "dejavu.py").read_text(encoding="utf-8")
    head = source[:source.index("RANGES: ")]
    rows = "".join(f"    (0x{low:04X}, {_numbers(b)}, {_numbers(d)}),\n"
                   for (low, _), b, d in zip(BLOCKS, _widths(book), _widths(bold)))
    return (f"{head}RANGES: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...] = (\n{rows})\n"
            + source[source.index("\n\n\ndef advance"):])


def _joining_module() -> str:
    """journeymap/map/joining.py as the fonts installed give it."""
    book, bold = _joined(FONTS / "DejaVuSans.ttf"), _joined(FONTS / "DejaVuSans-Bold.ttf")
    source = (ROOT / "journeymap" / "map" / "joining.py").read_text(encoding="utf-8")
    head = source[:source.index("JOINING: ")]
    letters = "".join(f"    0x{key[0]:04X}: ({book[key]}, {bold[key]}),\n" for key in sorted(book) if len(key) == 1)
    ligatures = "".join(f"    0x{key[1]:04X}: ({book[key][:2]}, {bold[key][:2]}),\n"
                        for key in sorted(book) if len(key) == 2)
    return (f"{head}JOINING: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {{\n{letters}}}\n\n"
            f"{_comment(source, 'LAM_ALEF: ')}"
            f"LAM_ALEF: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = {{\n{ligatures}}}\n"
            + source[source.index("\n\n\n#: Letters that join"):])


def _comment(source: str, name: str) -> str:
    """The comment lines written above ``name`` in ``source``."""
    before = source[:source.index(name)].rstrip("\n").split("\n")
    lines = []
    while before and before[-1].startswith("#:"):
        lines.insert(0, before.pop())
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("module,written", [("dejavu.py", _module), ("joining.py", _joining_module)])
def test_the_tables_are_dejavu_sans_own_widths(module: str, written: Callable[[], str]):
    expected = written()
    target = ROOT / "journeymap" / "map" / module
    if UPDATE_GOLDEN:
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, "regenerate with JOURNEYMAP_UPDATE_GOLDEN=1"


@pytest.mark.parametrize("font,table", [("DejaVuSans.ttf", "_BOOK"), ("DejaVuSans-Bold.ttf", "_BOLD")])
def test_the_ascii_widths_are_dejavu_sans_own(font: str, table: str):
    """textwidth.py's ASCII widths, kept by hand beside the generated tables (review EM), are the
    font's own."""
    from journeymap.map import textwidth

    cmap, metrics = _font(FONTS / font)
    assert getattr(textwidth, table) == tuple(metrics[cmap[c]][0] for c in range(0x20, 0x7F))


def test_a_letter_is_measured_as_drawn_not_as_an_em():
    # "подтверждение заказа" was measured 1.6 times wider than drawn, and Ж narrower (audit BD)
    from journeymap.map.textwidth import text_width

    assert dejavu.advance(ord("Ж"), False) == 2206 and dejavu.advance(ord("é"), True) == 1389
    assert dejavu.advance(ord("ا"), False) == 569 and dejavu.advance(ord("ب"), False) == 1928  # alone
    assert text_width("Ж", 10) > 10.4 > text_width("ж", 10)  # an em at 10 pt, with the slack
    assert text_width("подтверждение", 10) < 0.7 * 13 * 10.4


def test_an_arabic_letter_is_measured_in_the_form_its_neighbours_give_it():
    """Counted an em a letter, Arabic took 1.5 to 2.4 times the width Pango draws it at: a
    53-letter name took five lines of a box where three hold it (session 46)."""
    book = dict((code, forms[0]) for code, forms in joining.JOINING.items())
    beh, yeh, teh, alef, lam, seen, meem = (ord(ch) for ch in "بيتالسم")
    alone = book[beh][0] + book[yeh][0] + book[teh][0]
    assert joining.joining_change("بيت", False) == book[beh][2] + book[yeh][3] + book[teh][1] - alone
    assert joining.joining_change("بَيْت", False) == joining.joining_change("بيت", False)  # marks do not part them
    assert joining.joining_change("ب\u200cيت", False) == book[yeh][2] + book[teh][1] - book[yeh][0] - book[teh][0]
    assert joining.joining_change("اب", False) == 0  # an alef joins the letter before it, never the next
    assert joining.joining_change("با", False) == book[beh][2] - book[beh][0] + book[alef][1] - book[alef][0]
    # lam and alef are one glyph, joined to a seen before them: سلام is seen, lam-alef, meem
    lam_alef = joining.LAM_ALEF[alef][0][1]
    assert joining.joining_change("سلام", False) == (book[seen][2] - book[seen][0] + lam_alef - book[lam][0]
                                                     - book[alef][0] + 0)
    assert joining.joining_change("Claims, Ж", True) == 0


ARABIC = ["شراء غسالة عبر الإنترنت وتوصيلها وتركيبها", "تقارن مقاسات الغسالات وتقييمات العملاء في صفحة المنتج",
          "تستلم رسالة تأكيد الطلب بالبريد الإلكتروني", "مرحباً بكم في خدمة العملاء", "يتصل السائق قبل الوصول بـ ٣٠ دقيقة",
          "תור לטכנאי במועד שנקבע", "подтверждение заказа по телефону"]


@pytest.mark.parametrize("bold", [False, True])
def test_names_in_other_scripts_are_measured_within_a_few_percent_of_what_pango_draws(bold: bool):
    """Graphviz measures a label with Pango (``-Txdot`` gives each text's width, to the point): our
    estimate, slack included, is never under it and at most 10 % over, so names neither run out
    of their boxes nor wrap early."""
    import re
    import shutil
    import subprocess

    from journeymap.map.textwidth import text_width

    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed (make install installs it)")
    font = "DejaVu Sans Bold" if bold else "DejaVu Sans"
    for name in ARABIC:
        dot = f'digraph {{ a [shape=plaintext, fontname="{font}", fontsize=10, label="{name}"] }}'
        drawn = subprocess.run(["dot", "-Txdot"], input=dot, capture_output=True, text=True, check=True).stdout
        pango = float(re.search(r"T [\d.]+ [\d.]+ -?\d+ ([\d.]+) ", drawn).group(1))
        assert 0.99 * pango <= text_width(name, 10, bold) <= 1.1 * pango, (name, pango, text_width(name, 10, bold))
