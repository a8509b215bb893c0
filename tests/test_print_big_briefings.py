"""The printed briefings of big generated journeys (100, 150 and 300 touch-points), read back
from the PDF's text boxes as test_print_briefing.py reads the examples': the 6 pt floor on every
page, nothing off its page, the map pages headed and naming every touch-point, the pagination,
and the cracks page. A file of their own, so that another test worker builds them beside that file.
"""

from __future__ import annotations

import pytest

from pdftext import outline, read_pages
from printed import (FLOOR, assert_cracks_lines_break_between_words, assert_map_pages_are_headed_and_name_every_touchpoint,
                     assert_no_text_is_smaller_than_6_points, assert_no_word_lies_off_its_page, assert_pagination,
                     built, without_appendix)

pytestmark = [pytest.mark.pdf, pytest.mark.graphviz, pytest.mark.slow]
pypdf = pytest.importorskip("pypdf")

CASES = [("gen-100", "a4"), ("gen-100", "slide"), ("gen-300", "a4"), ("gen-300", "slide")]


@pytest.mark.parametrize("name,page", CASES)
def test_no_text_is_smaller_than_6_points(name: str, page: str) -> None:
    assert_no_text_is_smaller_than_6_points(built(name, page))


@pytest.mark.parametrize("name,page", CASES)
def test_no_word_lies_off_its_page(name: str, page: str) -> None:
    assert_no_word_lies_off_its_page(built(name, page))


@pytest.mark.parametrize("name,page", CASES)
def test_map_pages_are_headed_and_name_every_touchpoint(name: str, page: str) -> None:
    assert_map_pages_are_headed_and_name_every_touchpoint(built(name, page))


@pytest.mark.parametrize("name,page", CASES)
def test_pagination(name: str, page: str) -> None:
    assert_pagination(built(name, page))


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
