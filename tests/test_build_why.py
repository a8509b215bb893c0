"""build --check names what made an output stale (audit CB): it said only "would rebuild
build/x.svg (from maps/x.journey.yaml)", which read as if the journey changed where a new Graphviz
or another SOURCE_DATE_EPOCH did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli, small_journeys

pytestmark = pytest.mark.graphviz

SMALL = (FIXTURES / "valid" / "small.journey.yaml").read_text()


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    return small_journeys(tmp_path / "maps", "one")


def _check(maps: Path, out: Path, formats: str) -> str:
    result = run_cli("build", str(maps), "-o", str(out), "--formats", formats, "--check")
    assert result.exit_code == 1, result.output
    return result.stdout


def test_check_names_a_new_graphviz(maps: Path, tmp_path: Path, monkeypatch):
    from journeymap.map import graphviz

    out, source = tmp_path / "build", maps / "one.journey.yaml"
    monkeypatch.setattr(graphviz, "graphviz_version", lambda *_a: "dot - graphviz version 2.43.0 (0)")
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "svg,json").exit_code == 0
    monkeypatch.setattr(graphviz, "graphviz_version", lambda *_a: "dot - graphviz version 2.44.1 (0)")
    said = _check(maps, out, "svg,json")
    assert f"would rebuild {out / 'one.svg'} (from {source}; Graphviz 2.43.0 → 2.44.1)\n" in said
    assert "one.json" not in said and "journey changed" not in said


def test_check_names_another_briefing_date_and_source_date_epoch(maps: Path, tmp_path: Path, monkeypatch):
    out, source = tmp_path / "build", maps / "one.journey.yaml"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13 UTC
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "html,json").exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700090000")  # the day after
    said = _check(maps, out, "html,json")
    assert (f"would rebuild {out / 'one.html'} (from {source}; briefing date 14 November 2023 → 15 November 2023)\n"
            in said)
    assert f"would rebuild {out / 'portfolio.html'} (portfolio date 14 November 2023 → 15 November 2023)\n" in said
    assert "one.json" not in said
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000060")  # the same day, a minute on
    assert f"(from {source}; SOURCE_DATE_EPOCH 1700000000 → 1700000060)\n" in _check(maps, out, "html,json")


def test_check_says_the_journey_changed_and_an_older_manifest_still_works(maps: Path, tmp_path: Path):
    out, source = tmp_path / "build", maps / "one.journey.yaml"
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    source.write_text(SMALL.replace("Visits shop", "Visits the shop"))
    assert f"would rebuild {out / 'one.json'} (from {source}; journey changed)\n" in _check(maps, out, "json")
    # a manifest written before the parts were kept: built by an older journeymap, and built anew
    manifest = out / ".journeymap-build.json"
    document = json.loads(manifest.read_text())
    for entry in document["outputs"].values():
        del entry["parts"]
    manifest.write_text(json.dumps(document))
    said = _check(maps, out, "json")
    assert f"would rebuild {out / 'one.json'} (from {source}; built by an older journeymap)\n" in said
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    assert json.loads(manifest.read_text())["outputs"]["one.json"]["parts"]["journey"]
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check").exit_code == 0
    (out / "one.json").write_text("{}")
    assert f"(from {source}; changed since it was built)\n" in _check(maps, out, "json")


def test_the_manifest_holds_no_machine_path(maps: Path, tmp_path: Path, monkeypatch):
    """The path the journey was named by is in the key; the manifest keeps its hash (review AR: a
    committed build/ holds no machine's paths)."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "build"
    assert run_cli("build", str(maps.resolve()), "-o", str(out), "--formats", "json").exit_code == 0
    assert str(tmp_path) not in (out / ".journeymap-build.json").read_text()
    said = _check(Path("maps"), out, "json")
    assert "(from maps/one.journey.yaml; journey named by another path)" in said and "journey changed" not in said


def test_the_differences_in_words():
    from journeymap.site.why import OLDER, differences, why_stale

    engine = "weasyprint 60.1; pydyf 0.8.0; subsetter fontTools"
    before = {"journeymap": "0.1.0", "code": "a", "engine": engine, "date": "2023-11-14", "epoch": "1700000000",
              "templates": "t"}
    now = {**before, "journeymap": "0.2.0", "code": "b", "date": "2023-11-15", "epoch": "1700090000",
           "engine": engine.replace("60.1", "61.0").replace("fontTools", "libharfbuzz-subset.so.0")}
    assert differences(before, now) == ["journeymap 0.1.0 → 0.2.0", "weasyprint 60.1 → 61.0",
                                        "subsetter fontTools → libharfbuzz-subset.so.0",
                                        "briefing date 14 November 2023 → 15 November 2023"]
    assert differences(before, {**before, "code": "b", "templates": "u"}) == [
        "templates changed", "journeymap's code or templates changed"]
    assert differences(before, {**before, "epoch": ""}) == ["SOURCE_DATE_EPOCH 1700000000 → unset"]
    assert why_stale({"key": "k", "sha256": "s"}, "k2", {"journey": "j"}, "s") == [OLDER]
    assert why_stale({"key": "k", "sha256": "s", "parts": {"x": "1"}}, "k2", {"x": "1"}, "s") == []
    assert why_stale(None, "k", {}, "s") == ["not recorded in the build's manifest"]


def test_check_tells_a_project_file_edit_from_a_journeys(maps: Path, tmp_path: Path):
    """An edit to the organisation's name in journeymap.yaml made build --check say "would rebuild
    build/portfolio.html (journeys changed)" (audit CE): the project file is told apart."""
    out = tmp_path / "build"
    (maps / "journeymap.yaml").write_text("project: 1\norganisation: Northwind\n")
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    (maps / "journeymap.yaml").write_text("project: 1\norganisation: Northwind Group\n")
    said = _check(maps, out, "json")
    assert f"would rebuild {out / 'portfolio.html'} (project file changed)\n" in said, said
    assert "journeys changed" not in said


def test_a_change_of_the_portfolios_links_is_told_in_words_not_as_its_key():
    """`build --check` said "portfolio links to html journeys/a.journey.yaml=alta@a … pages →
    html pages" (audit DM)."""
    from journeymap.site.why import _links

    said = _links("html\0journeys/a.journey.yaml=alta@a\0journeys/b.journey.yaml=alta@b", "html")
    assert said == ["links to the pages of journeys/a.journey.yaml, journeys/b.journey.yaml renamed (the pages of "
                    "journeys that share an id are named by their files)"]
    assert _links("html", "pdf") == ["portfolio links to html pages → pdf pages"]
    assert all("=" not in line and "\0" not in line for line in said)
