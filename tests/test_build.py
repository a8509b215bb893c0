"""journeymap build: incremental, parallel, checkable, and robust to broken journeys."""

from __future__ import annotations

import hashlib

import json
import re
import shutil
from pathlib import Path

import pytest

from click.testing import CliRunner

from conftest import FIXTURES, MAPS, run_cli, small_journeys
from journeymap.cli.main import main
from journeymap.site.build import build_outputs

pytestmark = pytest.mark.graphviz

SMALL = (FIXTURES / "valid" / "small.journey.yaml").read_text()


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    return small_journeys(tmp_path / "maps", "one", "two")


def build(maps: Path, out: Path, *extra: str):
    return run_cli("build", str(maps), "-o", str(out), *extra)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_builds_every_output_and_an_index(maps: Path, tmp_path: Path):
    out = tmp_path / "build"
    result = build(maps, out, "--formats", "svg,json,md")
    assert result.exit_code == 0, result.output
    names = set(snapshot(out))
    assert {"one.svg", "one.json", "one.md", "two.svg", "two.json", "two.md", "index.html"} <= names
    index = (out / "index.html").read_text()
    assert "Second journey" in index and 'href="one.svg"' in index and "Touch-points" in index
    assert "built   " in result.stderr and "2 built, 0 up to date, 0 failed" in result.stderr


def test_by_default_everything_but_png_is_built(maps: Path, tmp_path: Path):
    """SPEC 3: build makes "everything for every journey": the map, the briefing as PDF and HTML,
    and both exports; the Markdown summary was left out unless asked for (audit FF). PNG, the map
    again, is asked for with --formats."""
    out = tmp_path / "build"
    assert build(maps, out).exit_code == 0
    made = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert made == {f"{j}.{f}" for j in ("one", "two") for f in ("svg", "pdf", "html", "json", "md")} | \
        {"index.html", "portfolio.html", "portfolio.pdf", "portfolio.json", "portfolio.md"}
    assert 'href="one.md"' in (out / "index.html").read_text()


def test_the_index_is_headed_with_the_project_files_organisation(maps: Path, tmp_path: Path):
    """The index, the committee's way in, was "Journey maps", whose they were unsaid (audit DC)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert "<h1>Journey maps</h1>" in (out / "index.html").read_text()
    (maps / "journeymap.yaml").write_text("project: 1\norganisation: Meridian <Mutual> & Co\n", encoding="utf-8")
    assert build(maps, out, "--formats", "json").exit_code == 0
    index = (out / "index.html").read_text()
    assert "<h1>Meridian &lt;Mutual&gt; &amp; Co: journey maps</h1>" in index
    assert "<title>Meridian &lt;Mutual&gt; &amp; Co: journey maps</title>" in index
    # journeys under another project file, or none, are not that organisation's (review DD)
    other = small_journeys(tmp_path / "other", "three")
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert run_cli("build", str(maps), str(other), "-o", str(tmp_path / "both"), "--formats", "json").exit_code == 0
    assert "<h1>Journey maps</h1>" in (tmp_path / "both" / "index.html").read_text()


def test_unchanged_rebuild_skips_and_does_not_touch_files(maps: Path, tmp_path: Path):
    out = tmp_path / "build"
    build(maps, out, "--formats", "svg,json")
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = build(maps, out, "--formats", "svg,json")
    assert result.exit_code == 0
    assert "0 built, 2 up to date" in result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_rebuilds_only_what_changed(maps: Path, tmp_path: Path):
    out = tmp_path / "build"
    build(maps, out, "--formats", "svg,json")
    (maps / "two.journey.yaml").write_text(SMALL.replace("Small test journey", "Edited"))
    result = build(maps, out, "--formats", "svg,json")
    assert "1 built, 1 up to date" in result.stderr
    assert "Edited" in (out / "two.json").read_text()


def test_output_edited_by_hand_is_rebuilt(maps: Path, tmp_path: Path):
    out = tmp_path / "build"
    build(maps, out, "--formats", "json")
    good = (out / "one.json").read_bytes()
    (out / "one.json").write_text("tampered")
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check").exit_code == 1
    build(maps, out, "--formats", "json")
    assert (out / "one.json").read_bytes() == good


def test_a_page_journeymap_did_not_write_is_not_written_over(maps: Path, tmp_path: Path):
    """`build -o docs` replaced a website's own index.html (and an SVG named as a journey's map)
    with no word (audit DY). It refuses, before writing anything; outputs of an earlier build
    whose manifest is gone are still its own."""
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.html").write_text("<html><body>Our landing page, its maps made with journeymap</body></html>")
    (out / "one.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><text>logo</text></svg>")
    result = build(maps, out, "--formats", "svg,json")
    assert result.exit_code == 2
    assert f"would write over {out / 'one.svg'}, {out / 'index.html'}, which journeymap did not write" in result.stderr
    checked = build(maps, out, "--formats", "svg,json", "--check")  # not "would rebuild" (review DW)
    assert checked.exit_code == 2 and "which journeymap did not write" in checked.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "one.svg"]
    assert "Our landing page" in (out / "index.html").read_text()
    (out / "index.html").unlink()
    (out / "one.svg").unlink()
    assert build(maps, out, "--formats", "svg,json").exit_code == 0
    (out / ".journeymap-build.json").unlink()
    (out / "one.json").write_text("edited")  # not a page: JSON and the others are written as before
    # ... and a journey's HTML briefing, which a team's templates need not mark (review DW)
    (out / "two.html").write_text("<html><body>a team's briefing</body></html>")
    again = build(maps, out, "--formats", "svg,json,html")
    assert again.exit_code == 0 and "2 built" in again.stderr, again.stderr


def test_template_change_rebuilds(maps: Path, tmp_path: Path, monkeypatch):
    out = tmp_path / "build"
    build(maps, out, "--formats", "json")
    import journeymap.site.keys as build_keys

    original = build_keys.toolchain_key()
    monkeypatch.setattr(build_keys, "toolchain_key", lambda *_a: "templates-changed" + original)  # its code part
    result = build(maps, out, "--formats", "json")
    assert "2 built" in result.stderr


def test_check_before_and_after(maps: Path, tmp_path: Path):
    out = tmp_path / "build"
    first = build(maps, out, "--formats", "json", "--check")
    assert first.exit_code == 1 and "one.json" in first.stdout and not out.exists()
    assert f"would build {out / 'one.json'} (missing)" in first.stdout  # not "rebuild" (audit T)
    build(maps, out, "--formats", "json")
    assert build(maps, out, "--formats", "json", "--check").exit_code == 0
    (maps / "one.journey.yaml").write_text(SMALL.replace("Visits shop", "Visits the shop"))
    stale = build(maps, out, "--formats", "json", "--check")
    said = f"would rebuild {out / 'one.json'} (from {maps / 'one.journey.yaml'}; journey changed)\n"  # (audit AR, CB)
    assert stale.exit_code == 1 and said in stale.stdout
    assert "two.json" not in stale.stdout


def test_check_says_why_the_index_page_would_be_rebuilt(maps: Path, tmp_path: Path):
    """``build --check`` named the index page with no reason (audit DM)."""
    out = tmp_path / "build"
    build(maps, out, "--formats", "json")
    (maps / "one.journey.yaml").write_text(SMALL.replace("Small test journey", "Small journey, renamed"))
    said = build(maps, out, "--formats", "json", "--check").stdout
    assert f"would rebuild {out / 'index.html'} (a journey it lists changes: {maps / 'one.journey.yaml'})\n" in said
    build(maps, out, "--formats", "json")
    with (out / "index.html").open("a") as page:
        page.write("<!-- mine -->")
    said = build(maps, out, "--formats", "json", "--check").stdout
    assert f"would rebuild {out / 'index.html'} (it differs from the page this build writes: edited by hand" in said
    build(maps, out, "--formats", "json")
    (maps / "two.journey.yaml").rename(maps / "three.journey.yaml")  # review DO: "edited by hand"
    said = build(maps, out, "--formats", "json", "--check").stdout
    assert (f"would rebuild {out / 'index.html'} (it will list a new journey: {maps / 'three.journey.yaml'}; "
            "it lists journeys that are gone)") in said, said


def test_a_broken_journey_s_card_is_headed_by_its_title(maps: Path, tmp_path: Path):
    """The card of a journey with errors was headed by its file's path (audit P)."""
    (maps / "broken.journey.yaml").write_text("journeymap: 1\ntitle: Moving house\ndepartments: 7\nstages: []\n")
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 1
    index = (out / "index.html").read_text()
    assert re.search(r'<h2 id="[^"]+-title">Moving house</h2>', index) and "broken.journey.yaml" in index


def test_broken_journey_among_good_ones(maps: Path, tmp_path: Path):
    (maps / "broken.journey.yaml").write_text("journeymap: 1\ntitle: [\n")
    out = tmp_path / "build"
    result = build(maps, out, "--formats", "json")
    assert result.exit_code == 1
    assert (out / "one.json").exists() and (out / "two.json").exists()
    assert "E001" in result.stderr and "broken.journey.yaml" in result.stderr
    index = (out / "index.html").read_text()
    assert "broken.journey.yaml" in index
    # its numbers are not in the totals, and the header says so (audit P: "4 journeys" over three's counts)
    assert "3 journeys (1 not built, left out of the counts) \u00b7 " in index


def test_a_journey_edited_while_the_build_runs_is_built_from_the_bytes_planned(maps: Path, tmp_path: Path,
                                                                              monkeypatch):
    """The worker read the file again: a journey broken between the plan and its turn ended the
    build in a traceback (audit AH); one given an id wrote its outputs under it, over another
    journey's, then ended in a KeyError; one edited otherwise got the key of the bytes planned,
    so after the edit was undone --check called the edited output current (review BM). It is
    built from the bytes the plan read and keyed, and the next build sees the edit."""
    import journeymap.cli.build as cli_build

    two = maps / "two.journey.yaml"
    planned_text = two.read_text()
    real = cli_build.run_parallel

    def edited_after_the_plan(jobs, tasks, options, on_done):
        two.write_text(SMALL.replace("journeymap: 1", "journeymap: 1\nid: one").replace("Small test", "Edited"))
        real(jobs, tasks, options, on_done)

    monkeypatch.setattr(cli_build, "run_parallel", edited_after_the_plan)
    out = tmp_path / "build"
    result = build(maps, out, "--formats", "json")
    monkeypatch.undo()
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    assert json.loads((out / "one.json").read_text())["journey"]["title"] == "Small test journey"
    assert json.loads((out / "two.json").read_text())["journey"]["title"] == "Second journey"
    assert not (out / "one.journey.json").exists()
    # the edit is the next build's: its id is now another journey's, so both are named by their files
    checked = build(maps, out, "--formats", "json", "--check")
    assert checked.exit_code == 1 and f"would build {out / 'one@two.json'} (missing)" in checked.stdout
    assert f"would remove {out / 'two.json'}" in checked.stdout
    two.write_text(planned_text)  # undone: what was built is current
    assert build(maps, out, "--formats", "json", "--check").exit_code == 0




def test_parallel_outputs_are_identical(maps: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    for i in range(3):
        (maps / f"extra{i}.journey.yaml").write_text(SMALL.replace("Small test journey", f"Extra {i}"))
    a, b = tmp_path / "a", tmp_path / "b"
    assert build(maps, a, "-j", "1", "--formats", "svg,json,md").exit_code == 0
    assert build(maps, b, "-j", "2", "--formats", "svg,json,md").exit_code == 0
    assert snapshot(a) == snapshot(b)


def test_output_folder_that_is_a_file_is_refused(maps: Path):
    result = run_cli("build", str(maps), "-o", str(maps / "one.journey.yaml"))
    assert result.exit_code == 2 and "input" in result.stderr


def test_bad_formats_are_a_usage_error(maps: Path, tmp_path: Path):
    assert build(maps, tmp_path / "b", "--formats", "svg,gif").exit_code == 2


def test_markdown_is_a_name_for_md_and_a3_a_page_size(maps: Path, tmp_path: Path):
    """export and portfolio say markdown; build said md only, and had no a3 as brief has."""
    assert build(maps, tmp_path / "b", "--formats", "markdown", "--page", "a3").exit_code == 0
    assert sorted(p.suffix for p in (tmp_path / "b").glob("*.md")) and not list((tmp_path / "b").glob("*.markdown"))


def test_nothing_is_written_outside_the_output_folder(maps: Path, tmp_path: Path):
    before = sorted(p for p in tmp_path.rglob("*"))
    build(maps, tmp_path / "build", "--formats", "json,md")
    after = sorted(p for p in tmp_path.rglob("*") if "build" not in p.relative_to(tmp_path).parts)
    assert after == before


@pytest.mark.pdf
def test_examples_build_with_briefings(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    if not list(MAPS.glob("*.journey.yaml")):
        pytest.skip("no example journeys")
    maps = tmp_path / "maps"
    shutil.copytree(MAPS, maps)
    out = tmp_path / "build"
    result = build(maps, out, "-j", "2")
    assert result.exit_code == 0, result.output
    for path in maps.glob("*.journey.yaml"):
        journey_id = json.loads(run_cli("export", str(path), "--format", "json").stdout)["journey"]["id"]
        for fmt in ("svg", "pdf", "html", "json"):  # the defaults
            assert (out / f"{journey_id}.{fmt}").stat().st_size > 0


def test_toolchain_key_covers_every_subpackage(monkeypatch):
    """A change to any module (map/dot.py, briefing/document.py, ...) makes every output stale."""
    import journeymap.site.keys as build_keys

    seen: list[str] = []
    original = build_keys._hash_files

    def spy(root, paths, digest):
        paths = list(paths)
        seen.extend(p.relative_to(root).as_posix() for p in paths)
        original(root, paths, digest)

    monkeypatch.setattr(build_keys, "_hash_files", spy)
    monkeypatch.setattr("journeymap.map.graphviz.graphviz_version", lambda *_a: "test")
    build_keys.toolchain_key()
    assert {"map/dot.py", "briefing/document.py", "api.py", "cli/main.py"} <= set(seen)


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path: Path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_cli("build", str(MAPS), "-o", str(blocker / "site"), "--formats", "json")
    assert result.exit_code == 2 and "choose another -o" in result.stderr
    assert f"cannot make the folder {blocker / 'site'}: {blocker} is a file, not a folder" in result.stderr


def test_build_says_when_it_makes_its_output_folder(tmp_path: Path):
    """render's -o said which folders it made, build's did not (review DO)."""
    out = tmp_path / "a" / "site"
    made = run_cli("build", str(MAPS / "home-claim.journey.yaml"), "-o", str(out), "--formats", "json")
    assert made.exit_code == 0 and f"made the folder {out} (and 1 folder above it)" in made.stderr
    again = run_cli("build", str(MAPS / "home-claim.journey.yaml"), "-o", str(out), "--formats", "json")
    assert "made the folder" not in again.stderr


def test_build_takes_a_teams_templates_and_rebuilds_when_they_change(tmp_path: Path):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "_heatmap.html.j2").write_text('<section id="sec-heatmap"><h2>Heat by brand 7f3a</h2></section>')
    out = tmp_path / "site"
    maps = tmp_path / "maps"  # one example: test_examples_build_with_briefings builds them all
    maps.mkdir()
    for name in ("home-claim.journey.yaml", "journeymap.yaml"):
        shutil.copy(MAPS / name, maps)
    args = ["build", str(maps), "-o", str(out), "--formats", "html", "--templates", str(brand)]
    assert run_cli(*args).exit_code == 0
    page = (out / "home-claim.html").read_text(encoding="utf-8")
    assert "Heat by brand 7f3a" in page and '<a href="index.html"' in page  # the way back to the index
    assert run_cli(*args, "--check").exit_code == 0
    (brand / "_heatmap.html.j2").write_text('<section id="sec-heatmap"><h2>Heat, second edition</h2></section>')
    stale = run_cli(*args, "--check")
    assert stale.exit_code == 1 and "home-claim.html" in stale.output
    # the briefings only: a template change made every map and export stale too (audit AY)
    both = ["build", str(maps), "-o", str(out), "--formats", "json,html", "--templates", str(brand)]
    assert run_cli(*both).exit_code == 0 and run_cli(*both, "--check").exit_code == 0
    (brand / "_heatmap.html.j2").write_text('<section id="sec-heatmap"><h2>Heat, third edition</h2></section>')
    stale = run_cli(*both, "--check").output
    assert "home-claim.html" in stale and "home-claim.json" not in stale and "portfolio.json" not in stale


def test_templates_that_fail_stop_the_build_before_anything_is_written(tmp_path: Path):
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "_heatmap.html.j2").write_text("<section>{{ 1/0 }}</section>")
    out = tmp_path / "site"
    result = run_cli("build", str(MAPS), "-o", str(out), "--templates", str(brand))
    assert result.exit_code == 2 and "division by zero" in result.stderr and "nothing was built" in result.stderr
    assert not out.exists()
    # --check said "would build" where the build would stop on the templates (audit BW)
    checked = run_cli("build", str(MAPS), "-o", str(out), "--templates", str(brand), "--check")
    assert checked.exit_code == 2 and "division by zero" in checked.stderr and not out.exists()
    assert run_cli("build", str(MAPS), "-o", str(out), "--templates", str(brand), "--check",
                   "--formats", "json").exit_code == 1  # no briefing to make: the templates are not used


def test_check_calls_stale_only_what_a_page_or_the_order_of_formats_changes(maps: Path, tmp_path: Path):
    """--page shapes the briefings alone, and the portfolio page links to the first of html, pdf
    and svg built: --check called the maps, exports and portfolio stale for either (audit BW)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg,json,html").exit_code == 0
    assert build(maps, out, "--formats", "svg,json,html", "--check").exit_code == 0
    stale = build(maps, out, "--formats", "svg,json,html", "--page", "letter", "--check")
    assert stale.exit_code == 1 and "one.html" in stale.stdout and "two.html" in stale.stdout
    assert not re.search(r"\.(svg|json) ", stale.stdout) and "portfolio" not in stale.stdout, stale.stdout
    assert build(maps, out, "--formats", "html,json,svg", "--check").exit_code == 0
    linked_differently = build(maps, out, "--formats", "svg,json", "--check").stdout
    assert "portfolio.html" in linked_differently and "portfolio.json" not in linked_differently


def test_outputs_of_a_format_no_longer_asked_for_are_removed_and_check_says_so(maps: Path, tmp_path: Path):
    """Built once with md, then without: the Markdown summaries and portfolio.md stayed in the site
    with a touch-point's old name, and --check said all was up to date (audit AY). They are removed
    as a deleted journey's are; a file changed by hand is left, and the other journeys' are kept
    when a build names only some."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg,json,md").exit_code == 0
    assert {"one.md", "two.md", "portfolio.md"} <= set(snapshot(out))
    (out / "two.md").write_text("edited by hand")
    checked = build(maps, out, "--formats", "svg,json", "--check")
    why = "(its format is not among --formats now, so it would go stale)"
    assert checked.exit_code == 1 and f"would remove {out / 'one.md'} {why}" in checked.stdout
    assert f"would remove {out / 'portfolio.md'} {why}" in checked.stdout
    # the file changed by hand: --check and build say the same of it (review AZ)
    hand = f"{out / 'two.md'} (changed by hand; {why[1:]}"
    assert f"would leave {hand}" in checked.stdout
    done = build(maps, out, "--formats", "svg,json")
    assert done.exit_code == 0 and f"removed {out / 'one.md'} {why}" in done.stderr
    assert f"left    {hand}" in done.stderr
    assert not (out / "one.md").exists() and not (out / "portfolio.md").exists()
    assert (out / "two.md").read_text() == "edited by hand"
    assert build(maps, out, "--formats", "svg,json", "--check").exit_code == 0
    assert build(maps, out, "--formats", "svg,json,md").exit_code == 0
    part = run_cli("build", str(maps / "one.journey.yaml"), "-o", str(out), "--formats", "svg,json")
    assert part.exit_code == 0 and not (out / "one.md").exists() and (out / "two.md").exists()
    # an entry edited to reach out of the folder through a "portfolio.d" folder names nothing (review AZ)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "portfolio.d").mkdir()
    manifest = json.loads((out / ".journeymap-build.json").read_text())
    manifest["outputs"]["portfolio.d/../../victim.txt"] = {
        "key": "x", "sha256": hashlib.sha256(victim.read_bytes()).hexdigest()}
    (out / ".journeymap-build.json").write_text(json.dumps(manifest))
    assert build(maps, out, "--formats", "svg,json").exit_code == 0 and victim.read_text() == "keep me"


def test_a_deleted_journeys_outputs_are_removed_and_check_says_so(maps: Path, tmp_path: Path):
    """A deleted journey's outputs stayed in the site, and --check called them up to date (audit E).
    A journey that is only broken keeps its last outputs; a file changed by hand is left."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg,json").exit_code == 0
    (maps / "two.journey.yaml").unlink()
    (out / "two.svg").write_text("<svg>edited by hand</svg>")
    checked = build(maps, out, "--formats", "svg,json", "--check")
    assert checked.exit_code == 1 and f"would remove {out / 'two.json'} (its journey is gone)" in checked.stdout
    done = build(maps, out, "--formats", "svg,json")
    assert done.exit_code == 0 and f"removed {out / 'two.json'} (its journey is gone)" in done.stderr
    assert not (out / "two.json").exists() and (out / "two.svg").read_text() == "<svg>edited by hand</svg>"
    assert build(maps, out, "--formats", "svg,json", "--check").exit_code == 0
    (maps / "one.journey.yaml").write_text("journeymap: 1\ntitle: [\n")  # broken, not gone
    assert build(maps, out, "--formats", "svg,json").exit_code == 1 and (out / "one.json").exists()


def test_a_deleted_journeys_outputs_go_while_another_cannot_be_read(maps: Path, tmp_path: Path):
    """A journey too broken to have an id kept every deleted journey's outputs too, as long as it
    stayed broken (audit BV). Its own last outputs stay; the deleted one's go."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    (maps / "one.journey.yaml").write_text("journeymap: 1\ntitle: [\n")
    (maps / "two.journey.yaml").unlink()
    checked = build(maps, out, "--formats", "json", "--check")
    assert checked.exit_code == 1 and f"would remove {out / 'two.json'} (its journey is gone)" in checked.stdout
    assert "one.json" not in checked.stdout.replace("one.journey.yaml", "")
    done = build(maps, out, "--formats", "json")
    assert done.exit_code == 1 and f"removed {out / 'two.json'} (its journey is gone)" in done.stderr
    assert (out / "one.json").exists() and not (out / "two.json").exists()


def test_a_file_that_is_no_longer_a_journey_fails_the_build_until_it_is_mended(maps: Path, tmp_path: Path):
    """A home-claim.yaml whose journeymap: key was mistyped kept its outputs for good, --check
    passed, and the build called it "another journey" (audit BV); then its outputs were removed and
    the build passed, a published map gone for a typo (audit EG). A file the last build built is
    read as the journey it was: its error fails the build and --check, its outputs kept meanwhile."""
    (maps / "two.journey.yaml").rename(maps / "home-claim.yaml")
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg,json").exit_code == 0 and (out / "home-claim.json").exists()
    claim = maps / "home-claim.yaml"
    claim.write_text(claim.read_text().replace("journeymap: 1", "journeymapp: 1"))
    checked = build(maps, out, "--formats", "svg,json", "--check")
    assert checked.exit_code == 1 and "E004" in checked.stderr and "would remove" not in checked.stdout
    done = build(maps, out, "--formats", "svg,json")
    assert done.exit_code == 1 and "did you mean 'journeymap'?" in done.stderr and "removed" not in done.stderr
    # a build of the other journey alone leaves them too, as it leaves any broken journey's (review EH)
    alone = build(maps / "one.journey.yaml", out, "--formats", "svg,json")
    assert "removed" not in alone.stderr and (out / "home-claim.json").exists()
    assert build(maps, out, "--formats", "svg,json").exit_code == 1  # and the folder's build still fails
    assert "other journey" not in done.stderr and (out / "home-claim.json").exists() and (out / "one.json").exists()
    claim.write_text(claim.read_text().replace("journeymapp: 1", "journeymap: 1"))
    assert build(maps, out, "--formats", "svg,json").exit_code == 0
    assert build(maps, out, "--formats", "svg,json", "--check").exit_code == 0


def test_a_second_checkout_finds_its_own_deleted_journeys_outputs(maps: Path, tmp_path: Path):
    """The manifest recorded each journey file by its absolute path: in a second checkout (a
    clone beside the first, a git worktree) the first one's files still existed, so a journey
    deleted in the second left its outputs and --check passed; the committed manifest held the
    machine's paths (review AR). It records them relative to the output folder."""
    import json
    import shutil

    first = tmp_path / "first"
    shutil.copytree(maps, first / "maps")
    assert build(first / "maps", first / "build", "--formats", "svg,json").exit_code == 0
    recorded = json.loads((first / "build" / ".journeymap-build.json").read_text(encoding="utf-8"))["outputs"]
    assert recorded["two.svg"]["source"] == "../maps/two.journey.yaml" and str(tmp_path) not in json.dumps(recorded)
    second = tmp_path / "second"
    shutil.copytree(first, second)  # the first is still there
    (second / "maps" / "two.journey.yaml").unlink()
    checked = build(second / "maps", second / "build", "--formats", "svg,json", "--check")
    assert checked.exit_code == 1 and "would remove" in checked.stdout and "two.svg" in checked.stdout
    assert "other journeys" not in checked.stderr
    assert build(second / "maps", second / "build", "--formats", "svg,json").exit_code == 0
    assert not (second / "build" / "two.svg").exists() and (first / "build" / "two.svg").exists()


def test_a_build_of_some_journeys_keeps_the_others_outputs(maps: Path, tmp_path: Path):
    """Building one file took every other journey's outputs for gone and removed them (review)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg").exit_code == 0
    one = run_cli("build", str(maps / "one.journey.yaml"), "-o", str(out), "--formats", "svg")
    assert one.exit_code == 0 and "removed" not in one.stderr and (out / "two.svg").is_file()
    assert "would remove" not in run_cli("build", str(maps / "one.journey.yaml"), "-o", str(out),
                                         "--formats", "svg", "--check").stdout


@pytest.mark.parametrize("entry", [
    {"key": "k", "journey": "gone", "sha256": "SHA", "source": "/nowhere/gone.journey.yaml", "name": "../outside.txt"},
    {"key": "k", "journey": "..", "sha256": "SHA", "source": "/nowhere/x.journey.yaml", "name": "../outside.txt"},
    {"key": "k", "journey": "gone", "source": "/nowhere/gone.journey.yaml", "name": "gone.svg"},
    {"key": "k", "journey": ["gone"], "sha256": "SHA", "source": "/nowhere/g.journey.yaml", "name": "gone.svg"},
    {"key": "k", "journey": "ghost", "sha256": "SHA", "source": "/nowhere/ghost.journey.yaml", "name": "ghost.svg"},
])
def test_a_manifest_edited_by_hand_never_removes_a_file_the_build_did_not_write(maps: Path, tmp_path: Path,
                                                                                entry: dict):
    """A manifest entry naming ../outside.txt made build delete that file; one without a sha256,
    or with a list for an id, was a traceback (review)."""
    import hashlib

    out = tmp_path / "build"
    assert build(maps, out, "--formats", "svg").exit_code == 0
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    (out / "gone.svg").write_text("keep")
    manifest = json.loads((out / ".journeymap-build.json").read_text())
    name = entry.pop("name")
    if entry.get("sha256") == "SHA":
        target = out / name if name != "ghost.svg" else outside
        entry["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest() if target.exists() else "0" * 64
    manifest["outputs"][name] = entry
    (out / ".journeymap-build.json").write_text(json.dumps(manifest))
    for extra in ("--check",), ():
        result = build(maps, out, "--formats", "svg", *extra)
        assert "Traceback" not in result.output and result.exit_code in (0, 1), result.output
    assert outside.read_text() == "keep" and (out / "gone.svg").read_text() == "keep"


def test_a_project_file_edit_rebuilds_only_the_journeys_whose_registry_lanes_changed(tmp_path: Path):
    """Any edit of journeymap.yaml rebuilt every journey (audit E): now only those that use a
    registry department the edit changed."""
    maps = tmp_path / "maps"
    maps.mkdir()
    project = ("project: 1\ndepartments:\n  - {id: desk, name: Desk, lead: Ann}\n"
               "  - {id: web, name: Web, lead: Bo}\n")
    (maps / "journeymap.yaml").write_text(project)
    for name, dept in (("one", "desk"), ("two", "web")):
        (maps / f"{name}.journey.yaml").write_text(
            f"journeymap: 1\ntitle: {name}\ndepartments: [{dept}]\nstages:\n  - name: S\n    touchpoints:\n"
            f"      - {{name: A, department: {dept}, reliability: reliable}}\n")
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    (maps / "journeymap.yaml").write_text("# a comment\n" + project + "moments_of_truth: {min: 1, max: 5}\n")
    quiet = build(maps, out, "--formats", "json").stderr
    assert f"built   {maps / 'one.journey.yaml'}" not in quiet and f"built   {maps / 'two.journey.yaml'}" not in quiet
    (maps / "journeymap.yaml").write_text(project.replace("lead: Ann", "lead: Cy"))
    result = build(maps, out, "--formats", "json")
    assert f"built   {maps / 'one.journey.yaml'}" in result.stderr
    assert f"skipped {maps / 'two.journey.yaml'} (up to date)" in result.stderr
    assert '"lead": "Cy"' in (out / "one.json").read_text()


def test_a_project_file_moved_makes_the_exports_that_name_it_stale(tmp_path: Path):
    """The JSON export records the project file's path: moved a folder up (the same text), every
    export still named the old one and `build --check` passed (audit FX)."""
    maps = tmp_path / "maps"
    maps.mkdir()
    project = "project: 1\ndepartments:\n  - {id: desk, name: Desk, lead: Ann}\n"
    (maps / "journeymap.yaml").write_text(project)
    (maps / "one.journey.yaml").write_text("journeymap: 1\ntitle: one\ndepartments: [desk]\nstages:\n  - name: S\n"
                                           "    touchpoints:\n      - {name: A, department: desk, reliability: reliable}\n")
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert json.loads((out / "one.json").read_text())["journey"]["project"] == str(maps / "journeymap.yaml")
    (maps / "journeymap.yaml").rename(tmp_path / "journeymap.yaml")
    stale = run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check")
    assert stale.exit_code == 1 and "one.json" in stale.output, stale.output
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert json.loads((out / "one.json").read_text())["journey"]["project"] == str(tmp_path / "journeymap.yaml")


def test_the_build_key_sees_the_briefing_date_the_path_and_the_pdf_engine(monkeypatch):
    """build --check called outputs current that a fresh build would change: the key left out
    SOURCE_DATE_EPOCH (the briefing's date), the path the journey was named by (the JSON export
    records it) and WeasyPrint's version (audit T)."""
    from journeymap.site import keys as site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = {fmt: site.output_key(b"x", fmt, "a4", "t", "maps/a.journey.yaml") for fmt in ("pdf", "html", "svg", "json")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = {fmt: site.output_key(b"x", fmt, "a4", "t", "maps/a.journey.yaml") for fmt in ("pdf", "html", "svg", "json")}
    assert first["pdf"] != later["pdf"] and first["html"] != later["html"]
    assert first["svg"] == later["svg"] and first["json"] == later["json"]
    assert site.output_key(b"x", "json", "a4", "t", "/abs/maps/a.journey.yaml") != later["json"]
    assert "weasyprint " in site._engine_versions()


def test_the_build_key_sees_which_library_subsets_the_fonts(monkeypatch):
    """WeasyPrint embeds fonts subset by HarfBuzz when the system has libharfbuzz-subset, by
    fontTools when not, and the PDF's bytes differ: installing it must make the PDFs stale."""
    from journeymap.briefing import engine
    from journeymap.site import keys as site

    monkeypatch.setattr(engine, "_cache_lookup", lambda: (lambda name: None))
    without = site._engine_versions()
    monkeypatch.setattr(engine, "_cache_lookup", lambda: (lambda name: f"lib{name}.so.0"))
    with_it = site._engine_versions()
    assert without.endswith("subsetter fontTools") and with_it.endswith("subsetter libharfbuzz-subset.so.0")
    monkeypatch.setattr(engine, "_cache_lookup", lambda: None)  # no linker cache (macOS)
    assert site._engine_versions() == without


def test_build_check_without_graphviz_says_so_with_exit_3(tmp_path, monkeypatch):
    """Without `dot`, --check listed every output as stale (exit 1): its version is in their keys."""
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "small.journey.yaml").write_text((FIXTURES / "valid" / "small.journey.yaml").read_text())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run_cli("build", str(maps), "-o", str(tmp_path / "out"), "--check")
    assert result.exit_code == 3 and "Graphviz is not installed" in result.output
    assert run_cli("build", str(maps), "-o", str(tmp_path / "out"), "--formats", "json,md").exit_code == 0


def test_building_one_journey_into_a_site_of_more_says_the_index_now_lists_it_alone(maps: Path, tmp_path: Path):
    """A build of one file into the site of the folder rewrote its index and portfolio for that one
    journey, and said nothing (audit T)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    alone = run_cli("build", str(maps / "one.journey.yaml"), "-o", str(out), "--formats", "json")
    assert alone.exit_code == 0
    assert f"note: {out} also holds the outputs of 1 other journey (two)" in alone.output
    assert "note:" not in build(maps, out, "--formats", "json").output


def test_a_build_killed_midway_keeps_what_it_finished(maps: Path, tmp_path: Path, monkeypatch):
    """The manifest was written at the end (or on Ctrl-C) only: after a kill -9 or a cancelled CI
    job every finished output was built again (audit T). It is written as each journey is done."""
    import journeymap.cli.build as cli_build
    from journeymap.site.build import run_parallel

    def killed_after_one(jobs, tasks, options, on_done):
        run_parallel(1, tasks[:1], options, on_done)
        raise SystemExit(137)  # no KeyboardInterrupt: nothing of ours runs after it

    monkeypatch.setattr(cli_build, "run_parallel", killed_after_one)
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 137
    monkeypatch.undo()
    check = build(maps, out, "--formats", "json", "--check")
    assert "one.json" not in check.stdout and "two.json" in check.stdout, check.stdout


def test_a_journey_broken_since_the_last_build_is_not_another_journey_and_check_lists_its_errors(
        maps: Path, tmp_path: Path):
    """A journey that built and then broke was "another journey" to build and build --check, which
    told people to "build them all together", what they had just done; and --check said "the
    journey has errors" without which, so a CI reader ran check again (audit W)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    (maps / "two.journey.yaml").write_text(SMALL.replace("department: sales", "department: sals", 1))
    checked = build(maps, out, "--formats", "json", "--check")
    assert checked.exit_code == 1 and "note:" not in checked.output
    assert re.search(r"two\.journey\.yaml:\d+:\d+: E007 unknown-reference: .*'sals'", checked.stderr)
    assert f"cannot build {maps / 'two.journey.yaml'}: the journey has errors" in checked.stdout
    built = build(maps, out, "--formats", "json")
    assert built.exit_code == 1 and "note:" not in built.output and "E007" in built.stderr


def test_the_index_counts_what_check_on_the_folder_counts_the_portfolio_check_included(maps: Path, tmp_path: Path):
    """The index left out W115 (the journeys' moments of truth together), so its headline counted
    one warning fewer than `check maps`, the CI gate (audit W)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    checked = run_cli("check", str(maps))
    said = re.search(r"checked: 0 errors, (\d+ warnings?)", checked.stderr)
    assert said and "W115" in checked.stdout
    index = (out / "index.html").read_text()
    assert f"0 errors, {said.group(1)}</p>" in index
    assert re.search(r'<h2 id="across-title">All journeys together</h2>\s*<ul class="findings">\s*'
                     r'<li><span class="sev sev-warning">W115</span> [^,]+one\.journey\.yaml, line 1: ', index)
    # two folders are two portfolios to check: the index counted the W115 of both together (review Y)
    other = tmp_path / "other"
    other.mkdir()
    (other / "three.journey.yaml").write_text(SMALL.replace("Small test journey", "Third journey"))
    both = re.search(r"checked: 0 errors, (\d+ warnings?)", run_cli("check", str(maps), str(other)).stderr)
    assert both and run_cli("build", str(maps), str(other), "-o", str(out), "--formats", "json").exit_code == 0
    index = (out / "index.html").read_text()
    assert f"0 errors, {both.group(1)}</p>" in index and index.count(">W115</span>") == 2


def test_a_journey_whose_id_changed_has_its_old_outputs_removed(maps: Path, tmp_path: Path):
    """A journey's `id:` changed in its file: the old id's outputs stayed in the site, unlisted, and
    --check said all was up to date (review Y)."""
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    (maps / "two.journey.yaml").write_text("id: second\n" + SMALL.replace("Small test journey", "Second journey"))
    checked = build(maps, out, "--formats", "json", "--check")
    assert checked.exit_code == 1 and f"would remove {out / 'two.json'} (its journey has another id now)" in checked.stdout
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert not (out / "two.json").exists() and (out / "second.json").exists() and (out / "one.json").exists()
    assert build(maps, out, "--formats", "json", "--check").exit_code == 0


def test_each_output_s_key_takes_only_the_tools_it_depends_on(maps: Path, tmp_path: Path, monkeypatch):
    """One key for every format: a WeasyPrint upgrade called the JSON stale, and a JSON-only build
    ran `dot -V` and `ldconfig` and stopped with exit 3 without Graphviz (audit AH)."""
    from journeymap.site import build as site

    options = site.Options(out_dir=Path("out"))
    key = {fmt: site.output_key(b"x", fmt, options, "code|dot|engine|team") for fmt in ("pdf", "html", "svg", "json")}
    engine = {fmt: site.output_key(b"x", fmt, options, "code|dot|engine2|team") for fmt in key}
    dot = {fmt: site.output_key(b"x", fmt, options, "code|dot2|engine|team") for fmt in key}
    team = {fmt: site.output_key(b"x", fmt, options, "code|dot|engine|team2") for fmt in key}
    assert [fmt for fmt in key if key[fmt] != engine[fmt]] == ["pdf"]
    assert [fmt for fmt in key if key[fmt] != dot[fmt]] == ["pdf", "html", "svg"]
    assert [fmt for fmt in key if key[fmt] != team[fmt]] == ["pdf", "html"]  # the briefings (audit AY)
    # without Graphviz on PATH: JSON and Markdown are built, a map is the install command (exit 3)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json,md").exit_code == 0 and (out / "one.json").is_file()
    assert build(maps, out, "--formats", "json,md", "--check").exit_code == 0
    drawn = build(maps, out, "--formats", "svg")
    assert drawn.exit_code == 3 and "Graphviz is not installed" in drawn.stderr


def test_a_team_template_tried_on_a_map_graphviz_cannot_draw_is_each_journeys_failure(maps: Path, tmp_path: Path,
                                                                                     monkeypatch):
    """The templates are tried on the first journey before the build; a Graphviz timeout there
    ended the build in a traceback (review BM). It is no fault of the templates: each journey
    reports it, exit status 3."""
    import journeymap.briefing.make as make
    from journeymap.map.graphviz import GraphvizTimeout

    def too_slow(*_args, **_kwargs):
        raise GraphvizTimeout("the Graphviz layout took longer than 0.1 s and was stopped")

    monkeypatch.setattr(make, "briefing_bytes", too_slow)
    templates = tmp_path / "templates"
    templates.mkdir()
    result = build(maps, tmp_path / "build", "--formats", "html", "--templates", str(templates))
    assert result.exit_code == 3 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("took longer than 0.1 s") == 2


def test_a_manifest_that_cannot_be_saved_mid_build_is_an_output_problem_not_the_journeys(maps: Path, tmp_path: Path):
    """Saved as each journey is done, outside the handler of the end's writes: a full disk was a
    traceback and exit status 1, which says the journeys have errors (review BM)."""
    out = tmp_path / "build"
    (out / ".journeymap-build.json").mkdir(parents=True)  # stands in for a full disk
    result = build(maps, out, "--formats", "json")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert ".journeymap-build.json: could not write" in result.stderr


def test_a_build_on_a_terminal_says_why_a_journey_failed_above_its_bar(monkeypatch):
    """On a terminal only the bar moved: "1 failed" and never why, nor a map's notes, nor the
    files removed (review BM). Those are printed above the bar; "built" lines are the bar's."""
    import io
    import sys

    from journeymap.cli.buildtally import Progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    progress = Progress(2)
    progress.line("built   a.journey.yaml -> svg (0.10 s)")
    progress.line("failed  b.journey.yaml: the layout took too long", told=True)
    progress.line("note    a.journey.yaml: flows drawn straight", told=True, step=False)
    progress.close()
    progress.line("built   build/portfolio.html")  # after the bar: printed whole
    text = screen.getvalue()
    assert "failed  b.journey.yaml: the layout took too long\n" in text
    assert "note    a.journey.yaml: flows drawn straight\n" in text
    assert "built   a.journey.yaml" not in text and "100%" in text
    assert text.endswith("built   build/portfolio.html\n")


def _dies_on_two(task, options):  # type: ignore[no-untyped-def]
    """A build worker that dies on the journey 'two' as the out-of-memory killer ends one, and
    builds the others (with the real function, imported before any test patches it)."""
    import os
    import time

    if task.id == "two":
        time.sleep(0.2)
        os._exit(9)
    return build_outputs(task, options)


def _slow_first(task, options):  # type: ignore[no-untyped-def]
    """A build worker whose first journey takes a second, the others none."""
    import time

    if task.id == "one":
        time.sleep(1.0)
    return ({}, 0.0, None, False, ())


def test_a_worker_that_dies_fails_its_journeys_without_a_traceback(maps: Path, tmp_path: Path, monkeypatch):
    """A worker killed (the out-of-memory killer on a 2-core runner) ended build -j 2 with a
    39-line traceback, BrokenProcessPool (audit CB). Its journeys fail as the machine's failure
    (exit 3), told, and what the others built is recorded."""
    from journeymap.site import build as site_build

    monkeypatch.setattr(site_build, "build_outputs", _dies_on_two)
    result = build(maps, tmp_path / "build", "-j", "2", "--formats", "json")
    assert "Traceback" not in result.output and result.exit_code == 3, result.output
    assert "two.journey.yaml: the process building it was killed (out of memory?)" in result.output


def test_a_parallel_build_records_each_journey_as_it_is_done(tmp_path: Path, monkeypatch):
    """Told in input order, a journey done early waited for the slowest before it, and a build
    stopped meanwhile built it again (audit CB)."""
    from journeymap.site import build as site_build

    monkeypatch.setattr(site_build, "build_outputs", _slow_first)
    options = site_build.Options(out_dir=tmp_path, formats=("json",), page="a4", timeout=10.0, templates=None)
    tasks = [site_build.Task(f"{name}.journey.yaml", b"", name, ("json",)) for name in ("one", "two", "three")]
    told: list[str] = []
    site_build.run_parallel(2, tasks, options, lambda path, *outcome: told.append(path))
    assert told[-1] == "one.journey.yaml" and sorted(told) == sorted(t.path for t in tasks)


def test_a_build_removes_what_a_stopped_build_left_half_written(maps: Path, tmp_path: Path):
    """A worker stopped mid-write (SIGTERM to a CI job, kill -9) left `.two.svg.1a2b3c4d.tmp`
    beside the outputs: committed and uploaded with them, and build --check called the folder up to
    date (audit CB). The next build removes one not written for HALF_WRITTEN_AGE seconds (a younger
    one may be another command's, writing now)."""
    import os
    import time

    from journeymap.outputs import HALF_WRITTEN_AGE

    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    old, young = out / ".two.json.1a2b3c4d.tmp", out / ".one.json.0f0f0f0f.tmp"
    for path in (old, young):
        path.write_text("{\"half", encoding="utf-8")
    past = time.time() - HALF_WRITTEN_AGE - 60
    os.utime(old, (past, past))
    check = build(maps, out, "--formats", "json", "--check")  # it said "all outputs are up to date"
    assert check.exit_code == 1 and f"would remove {old} (half-written by a build that was stopped)" in check.stdout
    assert str(young) not in check.stdout
    result = build(maps, out, "--formats", "json")
    assert result.exit_code == 0 and not old.exists() and young.exists()
    assert f"removed {old} (half-written by a build that was stopped)" in result.output


def test_the_builds_portfolio_is_the_one_portfolio_writes(tmp_path):
    """The build's portfolio listed a journey with errors by its path, not the title and id its
    file gives, and sorted a sub-folder's journeys among the folder's, where `portfolio` lists a
    folder's own files first (audit CE): the two JSON files are now the same bytes."""
    maps = small_journeys(tmp_path / "maps", "b", "d")
    (maps / "sub").mkdir()
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    (maps / "sub" / "a.journey.yaml").write_text(small.replace("Small test journey", "In a sub-folder"))
    broken = small.replace("Small test journey", "Broken journey").replace("journeymap: 1", "journeymap: 1\nid: broke")
    (maps / "c.journey.yaml").write_text(broken.replace("reliability: reliable", "reliability: sure", 1))
    built = run_cli("build", str(maps), "-o", str(tmp_path / "site"), "--formats", "json")
    assert built.exit_code == 1 and "reliability" in built.stderr, built.stderr
    alone = run_cli("portfolio", str(maps), "--format", "json", "-o", "-").stdout
    assert (tmp_path / "site" / "portfolio.json").read_text(encoding="utf-8") == alone
    rows = json.loads(alone)["journeys"]
    assert [(r["id"], r["title"], r["ok"]) for r in rows] == [
        ("b", "Small test journey", True), ("broke", "Broken journey", False), ("d", "Second journey", True),
        ("a", "In a sub-folder", True)]


@pytest.mark.parametrize("lost", ["dropped", "turned-into-another-error"])
def test_a_stop_lost_on_its_way_still_stops_the_build(tmp_path, monkeypatch, lost):
    """Ctrl-C or SIGTERM raised inside a C library's callback is printed and dropped, and inside
    xml.etree's extend it becomes a TypeError: a build ran on to its end and exited 0, or ended in
    that TypeError's traceback (audit EG). Remembered, the stop ends the build after the journey it
    came in, with status 130; what that journey wrote whole is kept, a failure it caused not told."""
    import journeymap.site.build as site_build
    from journeymap.cli import stopping

    real, started = site_build.build_outputs, []

    def stopped_within(task, options):
        started.append(task.path)
        stopping._STOPPED.set()  # as the signal handler does, its KeyboardInterrupt then lost
        if lost == "turned-into-another-error":
            raise TypeError('expected sequence, not "generator"')
        return real(task, options)

    monkeypatch.setattr(site_build, "build_outputs", stopped_within)
    out = tmp_path / "out"
    result = run_cli("build", str(MAPS), "-o", str(out), "--formats", "json")
    assert result.exit_code == 130 and "interrupted (Ctrl-C)" in result.output, result.output
    assert len(started) == 1 and "failed" not in result.output
    built = sorted(p.name for p in out.glob("[!.]*.json")) if out.exists() else []
    assert built == ([] if lost != "dropped" else [Path(started[0]).name.replace(".journey.yaml", ".json")])
    assert run_cli("check", str(MAPS)).exit_code == 0  # the next command in this process is not stopped by it


def test_an_output_name_too_long_for_the_file_system_is_a_usage_error(tmp_path):
    """-o of 260 characters ended render, brief, export and diff in a traceback (audit EG)."""
    long = str(tmp_path / ("b" * 260 + ".json"))
    result = CliRunner().invoke(main, ["export", str(MAPS / "home-claim.journey.yaml"), "-o", long])
    assert result.exit_code == 2 and "File name too long" in result.output and "give a shorter name" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    # and build's -o: "Error: [Errno 36] ...", exit status 3, Graphviz's or the PDF engine's
    built = CliRunner().invoke(main, ["build", str(MAPS), "-o", str(tmp_path / ("b" * 260)), "--formats", "json"])
    assert built.exit_code == 2 and "give a shorter name" in built.output, built.output


def test_a_journey_the_last_build_built_is_not_skipped_for_a_mistyped_first_key(tmp_path):
    """`journeymap 1:` for `journeymap: 1` in home-claim.yaml: the search skipped it as a YAML
    file that only looks like a journey, the build removed its outputs and passed (audit EG). A
    file the last build built is read as the journey it was: its errors fail the build."""
    maps, out = tmp_path / "maps", tmp_path / "out"
    maps.mkdir()
    journey = maps / "home-claim.yaml"
    journey.write_text((MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    journey.write_text(journey.read_text(encoding="utf-8").replace("\njourneymap: 1\n", "\njourneymap 1:\n"),
                       encoding="utf-8")
    result = run_cli("build", str(maps), "-o", str(out), "--formats", "json")
    assert result.exit_code == 1 and "E004" in result.output and "failed  " in result.output, result.output
    assert (out / "home-claim.json").exists() and "removed" not in result.output
    # a YAML file that was never built is still only a note
    (maps / "draft.yaml").write_text("journey-map: 1\ntitle: Draft\nstages: []\n", encoding="utf-8")
    journey.write_text((MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", str(maps), "-o", str(out), "--formats", "json")
    assert result.exit_code == 0 and "note: skipped" in result.output and "draft.yaml" in result.output, result.output


def test_the_index_says_how_many_risky_hand_offs_the_journeys_accept(maps: Path, tmp_path: Path):
    """The index said "(2 risky)" where each briefing's cover and the portfolio say how many of
    them the journey files accept (review FB)."""
    shaky = SMALL.replace("      - name: Pays\n        department: billing\n        reliability: reliable",
                          "      - name: Pays\n        department: billing\n        reliability: unreliable")
    (maps / "one.journey.yaml").write_text(shaky.replace("owner: Head of CX\n", "owner: Head of CX\nignore: [W110]\n"))
    (maps / "two.journey.yaml").write_text(shaky.replace("Small test journey", "Second journey"))
    out = tmp_path / "build"
    assert build(maps, out, "--formats", "json").exit_code == 0
    index = (out / "index.html").read_text()
    assert "2 hand-offs (2 risky, 1 accepted)" in index
    cards = [index[index.index(f'id="journey-{name}"'):][:3000] for name in ("one", "two")]
    assert re.search(r">Risky hand-offs</th><td [^>]*>1 \(1 accepted\)</td>", cards[0]), cards[0]
    assert re.search(r">Risky hand-offs</th><td [^>]*>1</td>", cards[1]), cards[1]
    (maps / "one.journey.yaml").write_text(shaky)
    assert build(maps, out, "--formats", "json").exit_code == 0
    assert "(2 risky) " in (out / "index.html").read_text()
