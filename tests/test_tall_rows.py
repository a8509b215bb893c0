"""Rows of the printed tables taller than a page (:mod:`journeymap.briefing.tallrows`): a
touch-point's notes of 2,000 characters in the service inventory went to a page of their own, cut
at its foot, and the table's header row and group heading printed after it (audit FG). Such a row
breaks across pages now, its header row repeated, and none of its text is lost."""

from __future__ import annotations

import pytest

import journeymap
from journeymap.briefing.tallrows import long_inventory_rows, long_stage_rows
from pdftext import read_pages

pytestmark = [pytest.mark.pdf, pytest.mark.graphviz]

NOTES = " ".join(f"Overflow calls go to centre {n} that cannot see the notes." for n in range(35))[:1990]
METRICS = ", ".join(f'"Shared metric number {n} of the claims stage, measured weekly"' for n in range(60))
JOURNEY = f"""\
journeymap: 1
title: Long notes
owner: CEO
departments:
  - {{id: a, name: Contact centre, lead: Ann}}
stages:
  - id: s
    name: Report
    owner: Bob
    feedback: [Survey]
    metrics: [{METRICS}]
    touchpoints:
      - {{id: t1, name: Calls the hotline, department: a, reliability: reliable, moment_of_truth: true, metric: m, expectation: e}}
      - {{id: t2, name: Gets a call back, department: a, reliability: reliable, notes: "{NOTES}"}}
      - {{id: t3, name: Receives the letter, department: a, reliability: reliable}}
"""


def _pages(page: str) -> list:
    checked = journeymap.loads(JOURNEY, "long.journey.yaml")
    assert checked.ok, checked.findings
    return read_pages(journeymap.brief(checked, page, appendix=True))


def test_only_the_rows_taller_than_half_a_page_are_long() -> None:
    checked = journeymap.loads(JOURNEY, "long.journey.yaml")
    from journeymap.briefing.context import PAGES, sections_context

    context = sections_context(checked.analysis, checked.findings, PAGES["a4"])
    assert long_inventory_rows(context["inventory"], "a4", None) == {"t2"}
    assert long_stage_rows(context["stages"], "a4") == [True]
    short = journeymap.loads(JOURNEY.replace(NOTES, "Short.").replace(METRICS, "Cost"), "s.journey.yaml")
    context = sections_context(short.analysis, short.findings, PAGES["a4"])
    assert long_inventory_rows(context["inventory"], "a4", None) == set() and long_stage_rows(context["stages"], "a4") == [False]


@pytest.mark.parametrize("page", ["a4", "slide"])
def test_a_row_taller_than_a_page_breaks_with_its_header_row_repeated(page: str) -> None:
    pages = _pages(page)
    start = next(n for n, p in enumerate(pages) if "Every touch-point, stage by stage" in p.raw)
    inventory = pages[start:]  # the last section
    text = " ".join(p.raw for p in inventory)
    # every word of the notes printed, in order: none cut at a page's foot
    assert " ".join(NOTES.split()[-6:]) in " ".join(text.split()), text[-400:]
    assert all(n in text for n in (f"centre {n} " for n in range(30)))
    # each page the table runs over starts with its header row, and the section's first page holds rows
    rows = [p for p in inventory if "Calls the hotline" in p.raw or "Overflow" in p.raw or "Receives the letter" in p.raw]
    assert len(rows) >= 2 and all("Reliability" in p.raw for p in rows)
    assert "Calls the hotline" in inventory[0].raw
    # the stage table's 60 metrics, all printed
    accountability = " ".join(" ".join(p.raw for p in pages[1:start]).split())
    assert all(f"Shared metric number {n} of" in accountability for n in range(60))


@pytest.mark.parametrize("page", ["a4", "letter"])
def test_a_tall_first_row_keeps_the_header_row_on_its_continuation(page: str) -> None:
    """Held to the row after it (a group's first row is), a tall first row's continuation lost the
    repeated header row and group heading (review FH)."""
    tall = ("The customer waits while the agent checks the policy. " * 40)[:2000].strip()
    medium = ("Calls go to an outsourced centre that cannot see notes. " * 20)[:900].strip()
    text = f"""\
journeymap: 1
title: Tall notes
owner: CEO
departments: [{{id: a, name: Dept A, lead: Ann}}, {{id: b, name: Dept B, lead: Bo}}]
stages:
  - id: s1
    name: First stage
    owner: O
    feedback: [F]
    touchpoints:
      - {{id: t0, name: Touch point 0, department: b, reliability: reliable, notes: "{tall}"}}
      - {{id: t1, name: Touch point 1, department: a, reliability: reliable, notes: "{medium}"}}
"""
    checked = journeymap.loads(text, "tall.journey.yaml")
    assert checked.ok, checked.findings
    pages = read_pages(journeymap.brief(checked, page))
    start = next(n for n, p in enumerate(pages) if "Every touch-point, stage by stage" in p.raw)
    inventory = pages[start:]
    assert len(inventory) >= 2
    assert all("Reliability" in p.raw and "First stage" in p.raw for p in inventory), [p.raw[:120] for p in inventory]
    words = " ".join(" ".join(p.raw for p in inventory).split())
    assert tall.split()[-1] in words and " ".join(medium.split()[-5:]) in words
