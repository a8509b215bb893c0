"""A sub-section begins below the slide before it where that saves a slide (journeymap/briefing/slidejoins.py)."""

from __future__ import annotations

import pytest

import journeymap
from conftest import FIXTURES
from journeymap.briefing.slidejoins import Slide, joined, joins
from pdftext import read_pages
from printed import CHECKS

SPANISH = FIXTURES / "scripts" / "es-alta-fibra.journey.yaml"
_PAGE = ('<section class="accountability" id="sec-acc"><h2>Accountability</h2><h3 id="sec-acc-stages">Stages</h3>'
         '<table></table><h3 id="sec-acc-departments">Departments</h3><table></table></section>')


def _deck(before: float, own: list[float], at: float = 0.0, first: float = 0.3) -> list[Slide]:
    """Slides: the section's first, one ``before`` full, then the sub-section's (heading at
    ``at``, its first row ending ``first`` down its slide)."""
    return [Slide({"sec-acc": 0.0, "sec-acc-stages": 0.1}, 0.95, 0.3), Slide({"sec-acc": 0.0}, before, 0.2),
            Slide({"sec-acc": 0.0, "sec-acc-departments": at}, own[0], first),
            *(Slide({"sec-acc": 0.0}, f, 0.2) for f in own[1:])]


@pytest.mark.parametrize("before,own,at,first,chosen", [
    (0.38, [0.95, 0.26], 0.0, 0.32, True),   # the Spanish deck: 1.59 slides' worth on three
    (0.38, [0.5], 0.0, 0.3, True),           # the whole sub-section fits below
    (0.54, [0.71], 0.0, 0.3, False),         # 1.25 slides' worth: two either way
    (0.65, [0.2], 0.0, 0.1, False),          # the slide before is well filled: a sub-section starts its own
    (0.3, [0.5], 0.4, 0.5, False),           # the heading does not begin its slide: nothing to join
    # generated decks of 50 and 60 touch-points: heading, head and first row take 40 % of a slide,
    # and the slide before is 58 % full; laid out again, they still began the next (review DL)
    (0.58, [0.95, 0.3], 0.0, 0.4, False),
])
def test_a_sub_section_joins_the_slide_before_only_where_that_saves_one(before, own, at, first, chosen):
    assert joins(_PAGE, _deck(before, own, at, first)) == (["sec-acc-departments"] if chosen else [])


def test_a_heading_that_begins_its_section_or_the_deck_is_never_joined():
    # its section (an h2) begins on its slide: a new topic keeps its slide
    page = '<section id="sec-a"><h3 id="sec-a-x">X</h3></section><section id="sec-b"><h3 id="sec-b-y">Y</h3></section>'
    slides = [Slide({"sec-a": 0.0, "sec-a-x": 0.0}, 0.2, 0.1), Slide({"sec-b": 0.0, "sec-b-y": 0.01}, 0.2, 0.1)]
    assert joins(page, slides) == []


def test_only_the_chosen_headings_are_marked():
    marked = joined(_PAGE, ["sec-acc-departments"])
    assert '<h3 id="sec-acc-departments" class="joins">' in marked and '<h3 id="sec-acc-stages">' in marked
    assert joined(_PAGE, []) == _PAGE


@pytest.mark.graphviz
def test_the_spanish_deck_shares_a_slide_between_stages_and_departments():
    """The deck of a Spanish telco's journey ended "Stages (continued)" 38 % full, "Departments",
    and "Departments (continued)" 26 % full (audit DK): 23 slides, now 22, the printed checks
    holding."""
    pdf = journeymap.brief(journeymap.load(SPANISH), "slide")
    pages = read_pages(pdf)
    assert len(pages) == 22
    shared = [p for p in pages if "Stages (continued)" in p.raw]
    assert len(shared) == 1 and "Departments" in shared[0].body_lines(), shared[0].body_lines()
    from printed import Built
    from pdftext import outline

    built = Built(journeymap.load(SPANISH), pdf, pages, outline(pdf), [])
    for check in ("6pt-floor", "on-its-page", "pagination"):
        CHECKS[check](built)


def test_a_weasyprint_laid_out_otherwise_leaves_the_deck_as_it_is():
    """The slides are read from WeasyPrint's private layout: where a release lays out otherwise,
    the deck is made as before, not refused."""
    from types import SimpleNamespace

    from journeymap.briefing.slidejoins import refined

    document = SimpleNamespace(pages=[SimpleNamespace(anchors={})])  # no _page_box
    assert refined(_PAGE, document) is None
