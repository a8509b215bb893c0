"""Tables of a journey of many departments: past ``matrixview.EVERY_ROW`` departments, each run of
stages of the heatmap shows the departments with touch-points in it, each run of columns of the
hand-off matrix the departments handing over to them, and both say how many they leave out (audit
FD: 200 departments by 200 stages took 286 pages of heatmap, 95 % of their cells empty)."""

from __future__ import annotations

import functools

import pytest

import journeymap
from bench.generate import generate_journey
from journeymap.briefing.context import PAGES, sections_context
from journeymap.briefing.matrixview import EVERY_ROW


@functools.cache
def _context(departments: int) -> tuple[dict, journeymap.pipeline.Checked]:
    checked = journeymap.loads(generate_journey(90, departments=departments, stages=12), "gen.journey.yaml")
    assert checked.analysis is not None
    return sections_context(checked.analysis, checked.findings, PAGES["a4"]), checked


def _heatmap(departments: int) -> tuple[list[dict], journeymap.pipeline.Checked]:
    context, checked = _context(departments)
    return context["heatmap"], checked


def _matrix(departments: int) -> tuple[dict, journeymap.pipeline.Checked]:
    context, checked = _context(departments)
    return context["matrix"], checked


@functools.cache
def _section(departments: int, ident: str) -> str:
    """The HTML briefing's section (or sub-section) with id ``ident``, to the end of its section."""
    html = journeymap.brief(_context(departments)[1], "a4", html=True).decode("utf-8")
    section = html[html.index(f'id="{ident}"'):]
    return section[:section.index("</section>")]


def _active(checked: journeymap.pipeline.Checked, stages: list[str]) -> list[str]:
    journey = checked.journey
    assert journey is not None
    held = {tp.department for s in journey.stages if s.name in stages for tp in s.touchpoints}
    return [d.name for d in journey.departments if d.id in held]


@pytest.mark.parametrize("departments", [EVERY_ROW + 6])
def test_a_run_of_stages_shows_the_departments_with_touch_points_in_it(departments: int) -> None:
    chunks, checked = _heatmap(departments)
    assert len(chunks) > 1
    for chunk in chunks:
        shown = [row["department"] for row in chunk["rows"]]
        assert shown == _active(checked, chunk["stages"])
        assert chunk["left_out"] == departments - len(shown) > 0
        assert all(any(cell["total"] for cell in row["cells"]) for row in chunk["rows"])


def test_a_journey_of_fewer_departments_shows_every_one_in_every_run() -> None:
    chunks, checked = _heatmap(EVERY_ROW)
    assert checked.journey is not None
    every = [d.name for d in checked.journey.departments]
    assert all([row["department"] for row in chunk["rows"]] == every and chunk["left_out"] == 0 for chunk in chunks)
    # and some of those rows are empty: they are shown all the same
    assert any(not any(cell["total"] for cell in row["cells"]) for chunk in chunks for row in chunk["rows"])


@pytest.mark.graphviz
def test_the_briefing_says_how_many_departments_a_run_leaves_out() -> None:
    chunks, _ = _heatmap(EVERY_ROW + 6)
    section = _section(EVERY_ROW + 6, "sec-heatmap")
    for chunk in chunks:
        n = chunk["left_out"]
        assert f"Not shown: {n} department{'s' if n != 1 else ''} with no touch-point in these stages." in section


def test_a_run_of_the_matrix_shows_the_departments_handing_over_to_its_columns() -> None:
    matrix, checked = _matrix(EVERY_ROW + 6)
    assert checked.analysis is not None
    pairs = checked.analysis.handoff_matrix
    chunks = matrix["chunks"]
    assert len(chunks) > 1
    for chunk in chunks:
        columns = {c["id"] for c in chunk["columns"]}
        last = chunk is chunks[-1]
        expected = [d["id"] for d in matrix["departments"]
                    if any(pairs.get((d["id"], c)) for c in columns) or (last and any(
                        n for (a, _), n in pairs.items() if a == d["id"]))]
        assert [row["department"]["id"] for row in chunk["rows"]] == expected
        assert chunk["left_out"] == EVERY_ROW + 6 - len(expected)
    assert any(chunk["left_out"] for chunk in chunks)
    # every hand-off is still counted in the last run's totals, and what each is handed under its column
    assert sum(row["total"] for row in chunks[-1]["rows"]) == matrix["total"] == sum(pairs.values())
    assert sum(n for chunk in chunks for n in chunk["received"]) == matrix["total"]


def test_a_matrix_of_fewer_departments_shows_every_row_in_every_run() -> None:
    matrix, _ = _matrix(EVERY_ROW)
    every = [d["id"] for d in matrix["departments"]]
    assert all([row["department"]["id"] for row in chunk["rows"]] == every and not chunk["left_out"]
               for chunk in matrix["chunks"])
    assert any(not any(cell["count"] for cell in row["cells"]) for chunk in matrix["chunks"] for row in chunk["rows"])


@pytest.mark.graphviz
def test_the_briefing_says_how_many_departments_a_run_of_the_matrix_leaves_out() -> None:
    matrix, _ = _matrix(EVERY_ROW + 6)
    section = _section(EVERY_ROW + 6, "sec-handoff-matrix")
    said = []
    for chunk in matrix["chunks"]:
        n, first, last = chunk["left_out"], chunk["columns"][0]["n"], chunk["columns"][-1]["n"]
        whom = "anybody" if chunk is matrix["chunks"][-1] else f"departments {first}\u2013{last}"
        if n:
            said.append(f"Not shown: {n} department{'s that hand' if n != 1 else ' that hands'} no customer to {whom}.")
    assert said and all(line in section for line in said)
    assert section.count("Not shown:") == len(said)


def test_a_run_of_columns_nobody_hands_a_customer_to_lists_no_rows() -> None:
    """The matrix fell back to every department where none handed one of a run's columns a
    customer: 60 rows of dots, twice, in a journey whose hand-offs are all among three (review FH)."""
    from journeymap.briefing.matrixview import handoff_matrix

    departments = ", ".join(f"{{id: d{n}, name: D{n}}}" for n in range(60))
    text = ("journeymap: 1\ntitle: Few\ndepartments: [" + departments + "]\nstages:\n  - name: S\n    touchpoints:\n"
            + "".join(f"      - {{id: t{n}, name: T{n}, department: d{n % 3}}}\n" for n in range(6)))
    checked = journeymap.loads(text, "few.journey.yaml")
    assert checked.analysis is not None
    chunks = handoff_matrix(checked.analysis, 18)["chunks"]
    assert [len(chunk["rows"]) for chunk in chunks] == [3, 0, 0, 3]
    assert [chunk["left_out"] for chunk in chunks] == [57, 60, 60, 57]
