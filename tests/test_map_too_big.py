"""A map too big to print in parts (more parts than a briefing prints, or flows that cross them
too often: ``printcap``) gives the overview alone, saying why and where the whole map is; and an
overview of lanes too thin to name leaves their names out rather than printing them over one
another."""

from __future__ import annotations

import functools
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import journeymap
from bench.generate import generate_journey
from conftest import run_cli
from journeymap.briefing import mappages, printcap
from journeymap.briefing.document import sanitize_tree
from journeymap.briefing.overviewnames import NAME_PT
from journeymap.map.render import render_map

pytestmark = pytest.mark.graphviz
SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def _tree(touchpoints: int, departments: int | None = None, stages: int | None = None) -> tuple[ET.Element, Any]:
    checked = journeymap.loads(generate_journey(touchpoints, departments, stages), "gen.journey.yaml")
    assert checked.journey is not None and checked.analysis is not None
    # as the briefing draws it: its parts repeat the lane names, the map need not
    svg = render_map(checked.analysis, "svg", names_again=False).decode("utf-8")
    return sanitize_tree(svg), checked.journey


def _pages(touchpoints: int, departments: int | None = None, stages: int | None = None) -> list[dict[str, Any]]:
    tree, j = _tree(touchpoints, departments, stages)
    return mappages.map_pages(tree, "a4", {s.id: s.name for s in j.stages}, {d.id: d.name for d in j.departments})


def _parts() -> int:
    """How many parts the 100-touch-point journey's map prints in on a4 (as many as it may)."""
    return sum(p["kind"] == "tile" for p in _pages(100))


def test_a_map_of_as_many_parts_as_a_briefing_prints_is_printed_in_them(monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _parts()
    assert parts > 3
    monkeypatch.setattr(printcap, "MOST_PARTS", parts)
    pages = _pages(100)
    assert [p["kind"] for p in pages] == ["overview"] + ["tile"] * parts
    assert "tile-outline" in str(pages[0]["svg"])


def _crossings() -> int:
    """How many times the 100-touch-point journey's flows cross its parts on a4, all told."""
    tree, _ = _tree(100)
    layout = mappages.read_layout(tree)
    assert layout is not None
    flows = [item.box for item in layout.of_class("flow")]
    return sum(flow.meets(tile.body) for tile in _plan() for flow in flows)


def _plan() -> list[Any]:
    tree, _ = _tree(100)
    layout = mappages.read_layout(tree)
    assert layout is not None
    paper = mappages.PAPERS["a4"]
    scale = mappages.SAFE / layout.min_font
    return mappages.best_plan(layout, [paper.sheet("landscape"), paper.sheet("portrait")], scale, paper.heading)[1]


def test_a_map_of_more_parts_than_a_briefing_prints_is_printed_as_its_overview_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    parts = _parts()
    monkeypatch.setattr(printcap, "MOST_PARTS", parts - 1)
    pages = _pages(100)
    assert [p["kind"] for p in pages] == ["overview"]
    page = pages[0]
    assert page["title"] == "The journey map: overview"
    assert f"this map would take {parts} parts, more than the {parts - 1} a briefing prints." in page["note"]
    assert '(<span class="nobreak">journeymap brief FILE --html</span>)' in page["note"]  # not broken at "--"
    assert '(<span class="nobreak">journeymap render FILE</span>)' in page["note"] and "split the journey" in page["note"]
    # too many parts: a3 takes about half as many
    assert '(<span class="nobreak">journeymap brief FILE --page a3</span>), in fewer, bigger parts' in page["note"]
    assert "tile-outline" not in str(page["svg"])  # no frames of parts that are not printed
    assert "outlined" not in page["image"]["alt"] and "100 touch-points" in page["image"]["alt"]


def test_a_map_whose_flows_cross_its_parts_too_often_is_printed_as_its_overview_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts alone did not say what a printed map costs: 800 touch-points whose flows each cross
    dozens of lanes took 221 parts and 4.9 GB, 2,000 ordinary ones 529 parts and printed."""
    crossings, parts = _crossings(), _parts()
    assert crossings > parts
    monkeypatch.setattr(printcap, "MOST_CROSSINGS", crossings)
    assert [p["kind"] for p in _pages(100)].count("tile") == parts
    monkeypatch.setattr(printcap, "MOST_CROSSINGS", crossings - 1)
    pages = _pages(100)
    assert [p["kind"] for p in pages] == ["overview"]
    flows = len(mappages.read_layout(_tree(100)[0]).of_class("flow"))  # type: ignore[union-attr]
    assert (f"this map would take {parts} parts, on which its {flows} flows would be drawn more than "
            f"{crossings - 1:,} times in all, too many to print.") in pages[0]["note"]
    assert "a3" not in pages[0]["note"]  # drawn too often on a4, such a map is on a3 too


def test_the_overview_alone_says_it_leaves_out_the_names_of_lanes_too_thin_for_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(printcap, "MOST_PARTS", 1)
    page = _pages(150, 150, 3)[0]
    names, _ = _lane_names(page)
    assert f"its small text and the names of {150 - len(names)} lanes too thin to hold them left out" in page["note"]
    assert len(names) < 150
    page = _pages(100)[0]
    assert "its small text left out" in page["note"]  # its lanes all named
    assert printcap.TooBig(2000, 10, 0).note(1).startswith(
        "Printed large enough to read, this map would take 2,000 parts, more than the 1 a briefing prints. Here it is "
        "whole, its small text and the name of a lane too thin to hold it left out.")


def test_the_note_escapes_and_quotes_the_file_name_in_its_commands() -> None:
    note = printcap.TooBig(2000, 10, 0, "a4", "<b>it's</b> & more.journey.yaml").note(0)
    assert "journeymap render &#39;&lt;b&gt;it&#39;&#34;&#39;&#34;&#39;s&lt;/b&gt; &amp; more.journey.yaml&#39;" in note
    assert "<b>" not in note


def test_the_briefing_tells_its_listener_and_prints_nothing_itself(monkeypatch: pytest.MonkeyPatch,
                                                                   capfd: pytest.CaptureFixture[str]) -> None:
    parts = _parts()
    monkeypatch.setattr(printcap, "MOST_PARTS", parts - 1)
    # pytest's own handler on the root logger would hide logging's last resort, which prints
    monkeypatch.setattr(logging.root, "handlers", [])
    _pages(100)
    assert capfd.readouterr().err == ""  # library code never prints
    from journeymap.briefing.enginenotes import heard

    said: list[str] = []
    with heard("journeymap.map", said):  # as brief and build listen
        _pages(100)
    assert said == [f"printed large enough to read, this map would take {parts} parts, more than the {parts - 1} a "
                     "briefing prints: the briefing shows the map's overview alone; the whole map is in the SVG map "
                     "(`journeymap render`) and the HTML briefing (`journeymap brief --html`); a3 paper (`--page a3`) "
                     "takes fewer, bigger parts; or split the journey"]


@pytest.mark.pdf
@pytest.mark.parametrize("page", ["a4", "slide"])
def test_brief_says_so_and_prints_the_overview_with_its_note_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                    page: str) -> None:
    from pdftext import outline, read_pages

    monkeypatch.setattr(printcap, "MOST_PARTS", 1)  # it takes more on a4 and on slides
    source = tmp_path / "big.journey.yaml"
    source.write_text(generate_journey(100), encoding="utf-8")
    pdf = tmp_path / "big.pdf"
    result = run_cli("brief", str(source), "-o", str(pdf), "--no-appendix", "--page", page)
    assert result.exit_code == 0, result.output
    assert "note: printed large enough to read, this map would take" in result.stderr
    titles = [title for title, _, _ in outline(pdf.read_bytes())]
    assert "The journey map: overview" in titles
    assert not [t for t in titles if t.startswith("The journey map, part")]
    # the note, two or three lines under the legend, on the overview's page (room kept for it)
    said = [" ".join(p.body_lines()) for p in read_pages(pdf.read_bytes())]
    overview = next(text for text in said if text.startswith("The journey map: overview"))
    assert "journeymap brief big.journey.yaml --html" in overview and overview.endswith("or split the journey.")


def _lane_names(overview: dict[str, Any]) -> tuple[list[tuple[float, float]], float]:
    """Where the overview writes lane names (x, y of each line), sorted, and their size in its units."""
    root = ET.fromstring(str(overview["svg"]))
    width = re.search(r"width: ([\d.]+)pt", root.get("style", ""))
    assert width is not None
    size = NAME_PT / (float(width.group(1)) / float(root.get("viewBox", "0 0 1 1").split()[2]))
    return sorted((float(t.get("x", "0")), float(t.get("y", "0"))) for t in root.iter(f"{SVG}text")
                  if (t.text or "").startswith("Department") and abs(float(t.get("font-size", "0")) / size - 1) < 0.01
                  ), size


def test_an_overview_of_lanes_too_thin_to_name_does_not_print_their_names_over_one_another() -> None:
    """150 lanes on an a4 overview are 2 pt high each: their 6.5 pt names made a dark block. Names
    0.65 of their size apart or more touch but read (``overview.NAME_PITCH``)."""
    names, size = _lane_names(_pages(150, 150, 3)[0])
    close = [(a, b) for a, b in zip(names, names[1:]) if a[0] == b[0] and b[1] - a[1] < size * 0.65 - 1e-6]
    assert not close, f"{len(close)} lane names print over the next: {close[:3]}"


def test_an_overview_says_the_parts_name_the_lanes_too_thin_to_name_on_it() -> None:
    """Left blank, with nothing to say why (audit FD: a 600-touch-point journey's 13 lanes)."""
    page = _pages(150, 150, 3)[0]
    names, _ = _lane_names(page)
    assert not names
    assert page["note"].endswith("large enough to read. 150 lanes too thin to name here are named on the parts.")
    assert "too thin" not in _pages(100)[0]["note"]


def test_an_overview_of_lanes_a_little_lower_than_a_line_names_them() -> None:
    """60 lanes on a4: each a little lower than a line of its name, which reads."""
    names, _ = _lane_names(_pages(60, 60, 6)[0])
    assert len(names) == 60


@pytest.mark.pdf
def test_build_says_so_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``build`` made the briefing with the overview alone and said nothing (review FC)."""
    parts = _parts()
    monkeypatch.setattr(printcap, "MOST_PARTS", parts - 1)
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "big.journey.yaml").write_text(generate_journey(100), encoding="utf-8")
    result = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--formats", "pdf", "-j", "1")
    assert result.exit_code == 0, result.output
    assert f"this map would take {parts} parts, more than" in result.output + result.stderr


def test_the_file_name_in_the_notes_commands_shows_its_controls_and_ends_an_override() -> None:
    """A U+202E in the journey file's name printed the rest of the overview note's command backwards."""
    from journeymap.briefing.document import file_name

    name = file_name("/tmp/maps/a\x01\u202eb<i>.journey.yaml")
    assert name == "a\u2401b<i>.journey.yaml"
    note = printcap.TooBig(2000, 10, 0, "a4", name).note(0)
    assert "\u202e" not in note and "\x01" not in note and "&lt;i&gt;" in note
    assert file_name("<stdin>") == file_name("-") == "FILE"
