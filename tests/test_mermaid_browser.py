"""The Mermaid export as Mermaid itself reads and draws it (tests/mermaidreal.py): the examples,
every valid fixture and the hostile names, each shown literally and nothing in them made markup;
and the grammar port the fast tests use agrees with Mermaid on all of them."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import FIXTURES, MAPS
from mermaidreal import Mermaid
from test_exports import HOSTILE_NAMES, _hostile_journey, literal, parse_journey

from journeymap.analysis.analyse import analyse
from journeymap.exports.mermaid import export_mermaid, mermaid_text
from journeymap.journey.model import Journey
from journeymap.journey.validate import load_journey, load_text

#: The elements a journey diagram is drawn with: a name never adds one (no script, link, image).
DRAWN_WITH = {"circle", "defs", "div", "foreignObject", "g", "line", "marker", "path", "rect", "span", "style",
              "svg", "switch", "text", "title", "tspan"}
FILES = sorted(MAPS.glob("*.journey.yaml")) + sorted((FIXTURES / "valid").glob("*.journey.yaml"))


@pytest.fixture(scope="module")
def mermaid() -> Iterator[Mermaid]:
    with Mermaid() as page:
        yield page


def _journey(path: Path) -> Journey:
    journey, findings = load_journey(path)
    assert journey is not None, findings
    return journey


def _hostile() -> Journey:
    journey, findings = load_text(_hostile_journey()[0], "hostile.journey.yaml")
    assert journey is not None, findings
    return journey


def _shown_as_written(mermaid: Mermaid, journey: Journey) -> None:
    text = export_mermaid(analyse(journey))
    drawn = mermaid.draw(text)
    assert drawn["parsed"] and drawn["role"] == "journey", drawn.get("error")
    assert set(drawn["tags"]) <= DRAWN_WITH, set(drawn["tags"]) - DRAWN_WITH
    assert drawn["handlers"] == [] and drawn["alerts"] == []
    assert literal(journey.title) in drawn["texts"]
    labels = drawn["labels"]
    for name in [s.name for s in journey.stages if s.touchpoints] + [tp.name for tp in journey.touchpoints]:
        assert literal(name) in labels, (name, labels)
    for tp in journey.touchpoints:  # each face's tooltip names its department, whole, where the legend may wrap it
        assert literal(journey.department_by_id[tp.department].name) in drawn["titles"]
    read = mermaid.diagram(text)
    port = parse_journey(text)
    assert read["title"] == port.title == literal(journey.title)
    assert read["sections"] == port.sections
    assert read["tasks"] == [[t.section, t.name, t.score, t.people] for t in port.tasks]
    assert [task[2] for task in read["tasks"]] == [3 if tp.emotion is None else tp.emotion + 3
                                                   for tp in journey.touchpoints]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name.split(".")[0])
def test_mermaid_draws_each_example_as_written(mermaid: Mermaid, path: Path):
    _shown_as_written(mermaid, _journey(path))


def test_mermaid_draws_hostile_names_literally_and_as_nothing_else(mermaid: Mermaid):
    _shown_as_written(mermaid, _hostile())


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_is_one_task_one_section_one_title_in_mermaid(mermaid: Mermaid, name: str):
    for text, want in ((f"journey\n  section S\n    {mermaid_text(name)}: 3: {mermaid_text(name, actor=True)}\n",
                        {"title": None, "sections": ["S"], "tasks": [["S", literal(name), 3, [literal(name)]]]}),
                       (f"journey\n  title {mermaid_text(name)}\n", {"title": literal(name), "sections": [], "tasks": []}),
                       (f"journey\n  section {mermaid_text(name)}\n",
                        {"title": None, "sections": [literal(name)], "tasks": []})):
        assert mermaid.diagram(text) == want, text


def test_journey_is_a_keyword_only_as_a_word(mermaid: Mermaid):
    """The export wrote "#74;ourneyman" for "Journeyman": Mermaid reads the keyword only as a word."""
    for name in ("Journeyman plumber arrives", "journeys END", "Journey planning", "JOURNEY"):
        line = f"journey\n  section S\n    {mermaid_text(name)}: 3: X\n"
        assert mermaid.diagram(line)["tasks"] == [["S", name, 3, ["X"]]]
        assert mermaid_text(name).startswith("#") is (name.split()[0].lower() == "journey")
