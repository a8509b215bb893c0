"""A YAML file that looks like a journey but is not one is told, not left out unsaid (audit CW):
``move.yaml`` beginning ``journey-map: 1`` made a folder's check count one journey fewer, or say
"no journey file found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli
from journeymap.journey.nearmiss import near_journey

_BODY = "title: Move\ndepartments: [{name: A, lead: L}]\nstages:\n  - name: S\n    touchpoints:\n      - {name: X, department: a}\n"


@pytest.mark.parametrize("head,said", [
    ("journey-map: 1\n" + _BODY, "its first key is 'journey-map', not journeymap"),
    ("journey_map: 1\n" + _BODY, "its first key is 'journey_map', not journeymap"),
    ("jouneymap: 1\n" + _BODY, "its first key is 'jouneymap', not journeymap"),
    ("\ufeffJourneyMap: 1\n" + _BODY, "its first key is 'JourneyMap', not journeymap (in small letters)"),
    (_BODY, "it has stages:, touchpoints: and no journeymap: 1 line"),
    ("Journey Map: 1\n" + _BODY, "its first key is 'Journey Map', not journeymap"),
])
def test_a_near_miss_says_what_to_fix(head: str, said: str) -> None:
    assert said in (near_journey(head.encode("utf-8")) or "")


@pytest.mark.parametrize("head", [
    "journeymap: 1\n" + _BODY, "stages: [build, test]\njobs:\n  build: {}\n", "project: 1\ndepartments: []\n",
    "version: '3'\nservices:\n  web: {image: x}\n", "name: CI\non: push\n", "",
    # other tools' keys near the word, and a pipeline's stages with a job named touchpoints (review CZ)
    "journey: signup\n", "journal_map: 1\n", "journeyman: true\n",
    "stages: [build]\njobs:\n  build:\n    touchpoints: 1\n",
])
def test_other_files_are_not_told(head: str) -> None:
    assert near_journey(head.encode("utf-8")) is None


def test_the_portfolio_tells_it_too(tmp_path: Path) -> None:
    (tmp_path / "move.yaml").write_text("journey-map: 1\n" + _BODY, encoding="utf-8")
    (tmp_path / "small.journey.yaml").write_bytes((FIXTURES / "valid" / "small.journey.yaml").read_bytes())
    result = run_cli("portfolio", str(tmp_path), "--format", "json", "-o", "-")
    assert result.exit_code == 0 and f"note: skipped {tmp_path / 'move.yaml'}: it looks like a journey" in result.stderr


def test_a_folder_check_tells_it_and_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "move.yaml").write_text("journey-map: 1\n" + _BODY, encoding="utf-8")
    (tmp_path / "ci.yml").write_text("stages: [build, test]\n", encoding="utf-8")
    (tmp_path / "small.journey.yaml").write_bytes((FIXTURES / "valid" / "small.journey.yaml").read_bytes())
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (f"note: skipped {tmp_path / 'move.yaml'}: it looks like a journey, but its first key is 'journey-map', "
            "not journeymap: a journey file starts journeymap: 1; fix it, or name the file on the command line to "
            "check it") in result.stderr
    assert "ci.yml" not in result.stderr and "1 journey file checked" in result.stderr
    # in GitHub's format, a notice on the file, as the other notes are (audit EG: a plain line)
    github = run_cli("check", str(tmp_path), "--format", "github")
    assert f"::notice file={tmp_path / 'move.yaml'},line=1,col=1,title=skipped::skipped " in github.stderr
    assert "note: skipped" not in github.stderr
    # alone in its folder: told before "no journey file found"
    (tmp_path / "small.journey.yaml").unlink()
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 2 and result.stderr.index("note: skipped") < result.stderr.index("no journey file found")
    # named, it is checked and told its error
    result = run_cli("check", str(tmp_path / "move.yaml"))
    assert result.exit_code == 1 and "journeymap" in result.stdout


def test_a_project_file_named_so_is_not_told_as_skipped(tmp_path: Path) -> None:
    """journeymap.yaml is checked as the project file whatever it holds: it was told as skipped too (review CZ)."""
    (tmp_path / "journeymap.yaml").write_text("journey-map: 1\n" + _BODY, encoding="utf-8")
    (tmp_path / "small.journey.yaml").write_bytes((FIXTURES / "valid" / "small.journey.yaml").read_bytes())
    result = run_cli("check", str(tmp_path / "journeymap.yaml"))
    assert "note: skipped" not in result.stderr and "journeymap.yaml:1:1: E004" in result.stdout
