"""Characters no font on the machine draws are told as a note (journeymap.map.fontgaps)."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap
from conftest import run_cli
from journeymap.map import fontgaps

JOURNEY = """journeymap: 1
title: Moving home
owner: O
departments:
  - {id: web, name: Web, lead: Zoë}
stages:
  - name: Plan
    touchpoints:
      - {name: "\U0001F4E6 Gets the \\"Moving soon?\\" email from us", department: web}
      - {name: "Calls 客服 about 🏠 e\u0301", department: web, next: [{to: plan-3, label: "après 📦"}]}
      - {id: plan-3, name: Café, department: web}
      - {name: "Pays with \uf8ff Pay", department: web}
"""
MISSING = {0x1F4E6, 0x5BA2, 0x670D, 0x1F3E0, 0xF8FF}


@pytest.fixture
def fontless(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """No font for the characters of MISSING, whatever this machine has; the codes asked, in order."""
    asked: list[int] = []

    def has_font(code: int) -> bool:
        asked.append(code)
        return code not in MISSING

    monkeypatch.setattr(fontgaps, "has_font", has_font)
    return asked


def test_each_character_no_font_has_is_told_once_where_it_is_first(fontless: list[int]):
    checked = journeymap.loads(JOURNEY, "move.journey.yaml")
    assert checked.journey is not None
    found = fontgaps.undrawn(checked.journey)
    assert [u.char for u in found] == ["\U0001F4E6", "客", "服", "🏠", "\uf8ff"]  # Apple's logo: private use (review CL)
    assert (found[0].line, found[0].where) == (9, 'touch-point \'\U0001F4E6 Gets the "Moving soon?" email from us\'')
    assert found[1].line == 10
    assert "\u0301" not in fontless and ord("a") not in fontless  # marks join their letter; ASCII asks nothing
    assert fontless.count(0x1F4E6) == 1 and ord("é") in fontless


def test_render_and_the_printed_briefing_say_so_and_nothing_else_does(fontless: list[int], tmp_path: Path):
    path = tmp_path / "move.journey.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    note = "no font on this machine draws \U0001F4E6 (U+1F4E6), 客 (U+5BA2), 服 (U+670D), 🏠 (U+1F3E0) and 1 more"
    for args in (["render", str(path), "-o", str(tmp_path / "m.svg")], ["brief", str(path), "-o", str(tmp_path / "b.pdf")]):
        result = run_cli(*args)
        assert result.exit_code == 0 and f"move.journey.yaml:9:9: {note}" in result.stderr, result.stderr
        assert "box of hex digits" in result.stderr and "fonts-noto-cjk" in result.stderr
    for args in (["render", str(path), "-o", str(tmp_path / "m.dot")], ["brief", str(path), "--html", "-o",
                 str(tmp_path / "b.html")], ["check", str(path)]):
        result = run_cli(*args)
        assert result.exit_code == 0 and "no font" not in result.stderr, args
    fine = path.read_text(encoding="utf-8").replace("\U0001F4E6", "").replace("客服", "").replace("🏠", "").replace(
        "\uf8ff", "")
    path.write_text(fine, encoding="utf-8")
    assert "no font" not in run_cli("render", str(path), "-o", str(tmp_path / "m.svg")).stderr


@pytest.mark.pdf
def test_build_says_so_for_the_journeys_it_builds(fontless: list[int], tmp_path: Path):
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "move.journey.yaml").write_text(JOURNEY, encoding="utf-8")
    out = str(tmp_path / "build")
    nothing_drawn = run_cli("build", str(tmp_path / "maps"), "-o", str(tmp_path / "data"), "--formats", "json")
    assert nothing_drawn.exit_code == 0 and "no font" not in nothing_drawn.stderr  # nothing printed with boxes (review CL)
    first = run_cli("build", str(tmp_path / "maps"), "-o", out, "--formats", "svg")
    assert first.exit_code == 0 and first.stderr.count("no font on this machine draws") == 1, first.stderr
    again = run_cli("build", str(tmp_path / "maps"), "-o", out, "--formats", "svg")
    assert again.exit_code == 0 and "no font" not in again.stderr  # nothing built: nothing to say
