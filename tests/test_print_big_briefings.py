"""The printed briefings of big generated journeys (100, 150 and 300 touch-points), read back
from the PDF's text boxes as test_print_briefing.py reads the examples': the 6 pt floor on every
page, nothing off its page, the map pages headed and naming every touch-point, the pagination,
and the cracks page. A file of their own, so that another test worker builds them beside that file.
"""

from __future__ import annotations

import pytest

from pdftext import outline, read_pages
from printed import CHECKS, FLOOR, assert_cracks_lines_break_between_words, built, without_appendix

pytestmark = [pytest.mark.pdf, pytest.mark.graphviz, pytest.mark.slow]
pypdf = pytest.importorskip("pypdf")

CASES = [("gen-100", "a4"), ("gen-100", "slide"), ("gen-300", "a4"), ("gen-300", "slide")]


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("name,page", CASES)
def test_the_printed_briefing(name: str, page: str, check: str) -> None:
    """Each of :data:`printed.CHECKS` on each briefing: the 6 pt floor, nothing off its page, the
    map pages headed and naming every touch-point, the pagination."""
    CHECKS[check](built(name, page))


@pytest.mark.parametrize("name,page", [("gen-100", "a4")])
def test_cracks_page_breaks_lines_between_words_that_read_well(name: str, page: str) -> None:
    """On letter paper "Billing & payments" broke as "Billing / & / payments" (WeasyPrint, when a
    text that ends in a space before a block overflows by that space alone); in a long list
    "Who must act:" broke after "must"."""
    assert_cracks_lines_break_between_words(built(name, page))


def test_the_cracks_page_of_a_big_journey_is_one_letter_page() -> None:
    """150 touch-points: 70 risky hand-offs (10 listed) and 11 shaky moments of truth did not fit
    a letter page at the smallest of two sizes, and one moment ran onto a page of its own (audit L)."""
    pdf = without_appendix("gen-150", "letter")
    where = {t: p for t, _, p in outline(pdf)}
    assert where["Where the customer falls through the cracks"] == 1 and where["The journey map: overview"] == 2
    page = read_pages(pdf)[1]
    assert min(w.size for w in page.words if w.y1 > 45) >= FLOOR
