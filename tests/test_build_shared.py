"""journeymap build of journeys that share an id (audit CD/CE): a journey copied to start another
and its id not changed, or two ``claims.journey.yaml`` in sub-folders. ``check`` and ``portfolio``
passed them while ``build`` refused both; it builds both now, named ``<id>@<stem>`` by their files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli, small_journeys

SMALL = (FIXTURES / "valid" / "small.journey.yaml").read_text()


def journey(title: str, ident: str | None = "home-claim") -> str:
    """The small journey titled ``title``, with ``id: ident`` (none given when None)."""
    text = SMALL.replace("Small test journey", title)
    return text if ident is None else text.replace("journeymap: 1", f"journeymap: 1\nid: {ident}", 1)


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


def build(paths: list[Path], out: Path, *extra: str):
    return run_cli("build", *map(str, paths), "-o", str(out), *extra)


@pytest.mark.graphviz
def test_a_copied_journey_and_its_copy_are_both_built(tmp_path: Path):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "a.journey.yaml").write_text(journey("Home claim"))
    (maps / "b.journey.yaml").write_text(journey("Motor claim"))
    out = tmp_path / "build"
    result = build([maps], out, "--formats", "svg,json")
    assert result.exit_code == 0, result.stderr
    assert "2 built, 0 up to date, 0 failed" in result.stderr
    note = (f"note: {maps / 'a.journey.yaml'} and {maps / 'b.journey.yaml'} share the journey id 'home-claim': "
            "build names their outputs home-claim@a and home-claim@b; give each its own `id:`")
    assert result.stderr.count(note) == 1
    assert names(out) == {"home-claim@a.svg", "home-claim@a.json", "home-claim@b.svg", "home-claim@b.json",
                          "index.html", "portfolio.html", "portfolio.json"}
    assert json.loads((out / "home-claim@b.json").read_text())["journey"]["title"] == "Motor claim"
    index = (out / "index.html").read_text()
    for stem in ("home-claim@a", "home-claim@b"):
        assert f'href="{stem}.svg"' in index and f'href="{stem}.json"' in index and f'src="{stem}.svg"' in index
    rolled = json.loads((out / "portfolio.json").read_text())
    assert [(j["title"], j["ok"]) for j in rolled["journeys"]] == [("Home claim", True), ("Motor claim", True)]
    page = (out / "portfolio.html").read_text()
    assert 'href="home-claim@a.svg"' in page and 'href="home-claim@b.svg"' in page
    # nothing to do a second time, and --check agrees
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = build([maps], out, "--formats", "svg,json")
    assert again.exit_code == 0 and "0 built, 2 up to date, 0 failed" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    checked = build([maps], out, "--formats", "svg,json", "--check")
    assert checked.exit_code == 0, checked.stdout
    assert "all outputs are up to date" in checked.stderr and checked.stderr.count(note) == 1


def test_outputs_are_renamed_when_a_copy_comes_and_goes(tmp_path: Path):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "a.journey.yaml").write_text(journey("Home claim"))
    out = tmp_path / "build"
    assert build([maps], out, "--formats", "json").exit_code == 0
    assert names(out) == {"home-claim.json", "index.html", "portfolio.html", "portfolio.json"}
    (maps / "b.journey.yaml").write_text(journey("Motor claim"))
    told = build([maps], out, "--formats", "json", "--check")
    assert told.exit_code == 1
    assert f"would remove {out / 'home-claim.json'} (its outputs are named home-claim@a.* now: another journey " \
           "has its id)" in told.stdout
    assert build([maps], out, "--formats", "json").exit_code == 0
    assert names(out) == {"home-claim@a.json", "home-claim@b.json", "index.html", "portfolio.html",
                          "portfolio.json"}
    (maps / "b.journey.yaml").unlink()
    result = build([maps], out, "--formats", "json")
    assert result.exit_code == 0 and "share the journey id" not in result.stderr
    assert f"removed {out / 'home-claim@a.json'} (its outputs are named home-claim.* now: no other journey has " \
           "its id now)" in result.stderr
    assert f"removed {out / 'home-claim@b.json'} (its journey is gone)" in result.stderr
    assert names(out) == {"home-claim.json", "index.html", "portfolio.html", "portfolio.json"}
    manifest = json.loads((out / ".journeymap-build.json").read_text())
    assert set(manifest["outputs"]) == {"home-claim.json", "portfolio.html", "portfolio.json"}
    assert "stem" not in manifest["outputs"]["home-claim.json"]
    assert build([maps], out, "--formats", "json", "--check").exit_code == 0


def test_two_journeys_of_one_name_in_sub_folders_and_others_as_they_were(tmp_path: Path):
    maps = small_journeys(tmp_path / "maps", "one", "two")
    for team in ("retail", "b2b"):
        (maps / team).mkdir()
        (maps / team / "claims.journey.yaml").write_text(journey(f"{team} claims", None))
    out = tmp_path / "build"
    result = build([maps], out, "--formats", "json", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert names(out) == {"one.json", "two.json", "claims@retail-claims.json", "claims@b2b-claims.json",
                          "index.html", "portfolio.html", "portfolio.json"}
    assert json.loads((out / "claims@b2b-claims.json").read_text())["journey"]["title"] == "b2b claims"
    # named themselves, by their file names: one slug, numbered in path order
    direct = tmp_path / "direct"
    named = build([maps / "retail" / "claims.journey.yaml", maps / "b2b" / "claims.journey.yaml"], direct,
                  "--formats", "json")
    assert named.exit_code == 0, named.stderr
    assert names(direct) == {"claims@claims.json", "claims@claims-2.json", "index.html", "portfolio.html",
                             "portfolio.json"}
    assert json.loads((direct / "claims@claims.json").read_text())["journey"]["title"] == "b2b claims"


def test_a_folder_without_shared_ids_keeps_its_names(tmp_path: Path):
    maps = small_journeys(tmp_path / "maps", "one", "two", "index")
    out = tmp_path / "build"
    result = build([maps], out, "--formats", "json,html")
    assert result.exit_code == 0 and "share the journey id" not in result.stderr
    assert names(out) == {"one.json", "one.html", "two.json", "two.html", "index.json", "index.briefing.html",
                          "index.html", "portfolio.html", "portfolio.json"}
    manifest = json.loads((out / ".journeymap-build.json").read_text())
    assert not any("stem" in entry for entry in manifest["outputs"].values())


def test_output_stems():
    from journeymap.site.names import output_stems  # here: the other tests run on a journeymap without it

    assert output_stems([("x", "maps/x.journey.yaml"), ("y", "maps/y.journey.yaml")], ["maps"]) == \
        {"maps/x.journey.yaml": "x", "maps/y.journey.yaml": "y"}
    shared = [("c", "maps/sub/C.journey.yaml"), ("c", "maps/sub/c.journey.yml"), ("c", "maps/sub-c.journey.yaml")]
    assert output_stems(shared, ["maps"]) == {"maps/sub/C.journey.yaml": "c@sub-c-2",
                                              "maps/sub/c.journey.yml": "c@sub-c-3",
                                              "maps/sub-c.journey.yaml": "c@sub-c"}
    # the first input that holds a file tells it; a file named itself by its name
    assert output_stems([("c", "maps/a/x.yaml"), ("c", "other/x.yaml")], ["maps", "maps/a", "other/x.yaml"]) == \
        {"maps/a/x.yaml": "c@a-x", "other/x.yaml": "c@x"}
