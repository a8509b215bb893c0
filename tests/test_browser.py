"""The HTML outputs in a real browser: headless Chromium loads them from disk.

Each page must render the map and the tables, log no console error, and make no request
beyond its own folder. Screenshots are saved in ``SHOTS`` (conftest: the temporary folder, or
$JOURNEYMAP_SCREENSHOTS) to be looked at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import find_chromium, load_page
from conftest import FIXTURES, MAPS, SHOTS, run_cli

pytestmark = [pytest.mark.graphviz, pytest.mark.skipif(
    find_chromium() is None, reason="Chromium is not installed (make test installs it)")]


def _local_only(requests: list[str], folder: Path) -> None:
    for url in requests:
        parsed = urlparse(url)
        assert parsed.scheme in ("file", "data"), url
        if parsed.scheme == "file":
            assert Path(parsed.path).resolve().is_relative_to(folder.resolve()), url


def _save(name: str, png: bytes) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / name).write_bytes(png)
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def _journey() -> Path:
    examples = sorted(MAPS.glob("*.journey.yaml"))
    return examples[0] if examples else FIXTURES / "valid" / "small.journey.yaml"


def test_briefing_html_in_a_browser(tmp_path: Path):
    out = tmp_path / "briefing.html"
    result = run_cli("brief", str(_journey()), "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    report = load_page(out, ("svg .touchpoint", "table", "svg .lane", "svg .handoff"))
    assert report.console_errors == []
    _local_only(report.requests, tmp_path)
    # the page alone: the cover bar's icons are data: URLs, inside the page (no fetch)
    assert [r for r in report.requests if not r.startswith("data:")] == [out.resolve().as_uri()]
    assert report.counts["svg .touchpoint"] > 0 and report.counts["table"] >= 4
    assert report.counts["svg .lane"] > 0
    _save("briefing.png", report.screenshot)


def test_build_index_in_a_browser(tmp_path: Path):
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(_journey(), maps / _journey().name)
    if (MAPS / "journeymap.yaml").exists():  # the examples' shared department registry
        shutil.copy(MAPS / "journeymap.yaml", maps / "journeymap.yaml")
    out = tmp_path / "build"
    result = run_cli("build", str(maps), "-o", str(out), "--formats", "svg,json")
    assert result.exit_code == 0, result.output
    report = load_page(out / "index.html", ("section.journey", "table", "img"))
    assert report.console_errors == []
    _local_only(report.requests, out)
    assert report.counts == {"section.journey": 1, "table": 1, "img": 1}
    _save("index.png", report.screenshot)



def test_a_tall_maps_thumbnail_on_the_index_shows_the_whole_map(tmp_path: Path):
    """A map of many lanes and one stage was cut to its top lanes on the build's index, its risky
    hand-offs out of view (audit E)."""
    maps = tmp_path / "maps"
    maps.mkdir()
    lanes = "".join(f"  - {{id: d{i}, name: Department {i}}}\n" for i in range(12))
    steps = "".join(f"      - {{name: Step {i}, department: d{i}}}\n" for i in range(12))
    (maps / "tall.journey.yaml").write_text(f"journeymap: 1\ntitle: Tall\ndepartments:\n{lanes}stages:\n"
                                            f"  - name: Only\n    touchpoints:\n{steps}", encoding="utf-8")
    out = tmp_path / "build"
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "svg").exit_code == 0
    whole = ("Array.from(document.querySelectorAll('.thumb')).map(t => {"
             " const i = t.querySelector('img'); return [i.naturalWidth > 0, t.scrollHeight - t.clientHeight,"
             " i.getBoundingClientRect().bottom <= t.getBoundingClientRect().bottom + 1]; })")
    (shown,) = load_page(out / "index.html", expressions={"whole": whole}, screenshot=False).values["whole"]
    assert shown == [True, 0, True], shown
