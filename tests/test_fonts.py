"""Text measured for the fonts a machine has: a letter no font has is a box of hex digits, one a
font has is about an em wide (journeymap/map/fonts.py, journeymap/map/textwidth.py)."""

from __future__ import annotations

import pytest

from journeymap.map import fonts, text, textwidth


@pytest.fixture
def measured(monkeypatch: pytest.MonkeyPatch):
    """Widths measured as on a machine whose fonts have every letter (True) or none beyond DejaVu (False)."""
    def with_fonts(installed: bool) -> None:
        monkeypatch.setattr(textwidth, "has_font", lambda code: installed)
        monkeypatch.setattr(textwidth, "_TABLES", {})
    return with_fonts


def test_with_a_font_a_letter_is_measured_as_a_glyph_not_a_box(measured):
    # a Japanese or Thai name measured as boxes on a machine with the fonts took half its box (audit BA)
    measured(True)
    assert textwidth.text_width("日本", 10) == pytest.approx(2 * 10 * 1.04)
    assert textwidth.text_width("ก", 10) == pytest.approx(0.8 * 10 * 1.04)
    assert textwidth.text_width("ได้", 10) == textwidth.text_width("ได", 10)  # a tone mark over its letter: nothing
    assert text.wrap("ได้รับอีเมลยืนยันคำสั่งซื้อ", 120, 10) == ["ได้รับอีเมลยืนยัน", "คำสั่งซื้อ"]
    # a colour emoji among the symbols is wider than an em (twelve ✅ ran out of their box), a
    # vowel sign beside its letter narrower (audit BD)
    assert textwidth.text_width("\u2705", 10) == pytest.approx(1.3 * 10 * 1.04)
    assert textwidth.text_width("\u093e", 10) == pytest.approx(0.4 * 10 * 1.04)
    measured(False)
    assert textwidth.text_width("日本", 10) == pytest.approx(2 * 19 * 1.04)
    assert textwidth.text_width("ได้", 10) == pytest.approx(3 * 19 * 1.04)  # a box for each code point


def test_fontconfig_is_asked_of_each_character_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fonts, "_KNOWN", {})
    assert fonts.has_font(ord("a")) is True  # DejaVu Sans, which make install installs
    assert fonts.has_font(0xE000) is False  # no font has a private-use character here
    asked: list[int] = []

    class Lib:
        def FcCharSetHasChar(self, every: object, code: int) -> int:
            asked.append(code)
            return 1

    monkeypatch.setattr(fonts, "_KNOWN", {})
    monkeypatch.setattr(fonts, "_coverage", lambda: (Lib(), None))
    assert fonts.has_font(0x0E01) and fonts.has_font(0x0E01) and asked == [0x0E01]


def test_without_fontconfig_no_font_is_assumed(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(fonts, "_LIBRARIES", ("libno-such-fontconfig.so.9",))
    monkeypatch.setattr(fonts, "_KNOWN", {})
    fonts._coverage.cache_clear()
    try:
        assert fonts.has_font(ord("a")) is False  # the boxes' widths, which always fit
    finally:
        fonts._coverage.cache_clear()
