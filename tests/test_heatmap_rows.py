"""The heatmap of a journey of many departments: past ``context.HEAT_EVERY_ROW`` departments, each
run of stages shows the departments with touch-points in it and says how many it leaves out
(audit FD: 200 departments by 200 stages took 286 pages, 95 % of their cells empty)."""

from __future__ import annotations

import functools

import pytest

import journeymap
from bench.generate import generate_journey
from journeymap.briefing.context import HEAT_EVERY_ROW, PAGES, sections_context


@functools.cache
def _heatmap(departments: int) -> tuple[list[dict], journeymap.pipeline.Checked]:
    checked = journeymap.loads(generate_journey(90, departments=departments, stages=12), "gen.journey.yaml")
    assert checked.analysis is not None
    return sections_context(checked.analysis, checked.findings, PAGES["a4"])["heatmap"], checked


def _active(checked: journeymap.pipeline.Checked, stages: list[str]) -> list[str]:
    journey = checked.journey
    assert journey is not None
    held = {tp.department for s in journey.stages if s.name in stages for tp in s.touchpoints}
    return [d.name for d in journey.departments if d.id in held]


@pytest.mark.parametrize("departments", [HEAT_EVERY_ROW + 6])
def test_a_run_of_stages_shows_the_departments_with_touch_points_in_it(departments: int) -> None:
    chunks, checked = _heatmap(departments)
    assert len(chunks) > 1
    for chunk in chunks:
        shown = [row["department"] for row in chunk["rows"]]
        assert shown == _active(checked, chunk["stages"])
        assert chunk["left_out"] == departments - len(shown) > 0
        assert all(any(cell["total"] for cell in row["cells"]) for row in chunk["rows"])


def test_a_journey_of_fewer_departments_shows_every_one_in_every_run() -> None:
    chunks, checked = _heatmap(HEAT_EVERY_ROW)
    assert checked.journey is not None
    every = [d.name for d in checked.journey.departments]
    assert all([row["department"] for row in chunk["rows"]] == every and chunk["left_out"] == 0 for chunk in chunks)
    # and some of those rows are empty: they are shown all the same
    assert any(not any(cell["total"] for cell in row["cells"]) for chunk in chunks for row in chunk["rows"])


@pytest.mark.graphviz
def test_the_briefing_says_how_many_departments_a_run_leaves_out() -> None:
    chunks, checked = _heatmap(HEAT_EVERY_ROW + 6)
    html = journeymap.brief(checked, "a4", html=True).decode("utf-8")
    section = html[html.index('id="sec-heatmap"'):]
    section = section[:section.index("</section>")]
    for chunk in chunks:
        n = chunk["left_out"]
        assert f"Not shown: {n} department{'s' if n != 1 else ''} with no touch-point in these stages." in section
