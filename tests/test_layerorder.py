"""Lanes out of service-blueprint order are told in a note (audit CW): the map draws the line of
visibility wherever the layer changes, so a frontstage lane under a backstage one drew it twice."""

from __future__ import annotations

from pathlib import Path

import journeymap
from conftest import run_cli
from journeymap.map.layerorder import layer_order

_HEAD = "journeymap: 1\ntitle: T\nowner: O\ndepartments:\n"
_TAIL = "stages:\n  - name: S\n    owner: O\n    touchpoints:\n      - {name: A, department: a, reliability: reliable}\n"


def _journey(*layers: str) -> str:
    lanes = "".join(f"  - {{id: {chr(97 + n)}, name: Lane {n + 1}, lead: L{', layer: ' + layer if layer else ''}}}\n"
                    for n, layer in enumerate(layers))
    return _HEAD + lanes + _TAIL


def _note(*layers: str):
    checked = journeymap.loads(_journey(*layers), "t.journey.yaml")
    assert checked.journey is not None, checked.findings
    return layer_order(checked.journey)


def test_lanes_in_blueprint_order_say_nothing() -> None:
    for layers in (("frontstage", "backstage", "support"), ("external", "frontstage", "support", "external"),
                   ("frontstage", "", "backstage", "backstage"), ("", "", ""), ("support",)):
        assert _note(*layers) is None, layers


def test_a_lane_nearer_the_customer_after_a_further_one_is_told_where_it_is_named() -> None:
    note = _note("frontstage", "backstage", "frontstage")
    assert note is not None and (note.line, note.column) == (7, 5)  # the third department
    assert note.message() == (
        "the lanes are out of service-blueprint order: Lane 3 (frontstage) comes after Lane 2 (backstage), so the "
        "map draws the line of visibility 2 times; list the company's departments front to back (frontstage, then "
        "backstage, then support; an outside lane anywhere) in `departments:`")
    # an outside lane between them changes nothing: the company's own lanes are still out of order
    note = _note("support", "external", "backstage")
    assert note is not None and "Lane 3 (backstage) comes after Lane 1 (support)" in note.message()
    assert "so the map puts a lane nearer the customer below one further from them;" in note.message()


def test_check_render_and_brief_tell_it_as_a_note_and_pass(tmp_path: Path) -> None:
    path = tmp_path / "t.journey.yaml"
    path.write_text(_journey("frontstage", "backstage", "frontstage"), encoding="utf-8")
    said = f"note: {path}:7:5: the lanes are out of service-blueprint order: Lane 3 (frontstage)"
    result = run_cli("check", str(path))
    assert result.exit_code == 0 and said in result.stderr and "note" not in result.stdout
    github = run_cli("check", "--format", "github", str(path))
    assert "::notice file=" in github.stderr and "title=lanes out of blueprint order::" in github.stderr
    result = run_cli("render", str(path), "-o", str(tmp_path / "t.svg"))
    assert result.exit_code == 0 and said in result.stderr
    # told before the line that says what was written, as the map's own notes are (audit FD)
    assert result.stderr.index(said) < result.stderr.index("wrote ")
    result = run_cli("brief", str(path), "--html", "-o", str(tmp_path / "t.html"))
    assert result.exit_code == 0 and result.stderr.index(said) < result.stderr.index("wrote ")
