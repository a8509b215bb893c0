"""The printed briefings of big generated journeys (100, 150 and 300 touch-points), read back
from the PDF's text boxes as test_print_briefing.py reads the examples': the 6 pt floor on every
page, nothing off its page, the map pages headed and naming every touch-point, the pagination,
the cracks page, and the other tests that read these briefings. A file of their own, so that
another test worker builds them beside that file; each is built once a run (``printed.built``
keeps them for the worker's tests, so every test of a briefing belongs in one file).
"""

from __future__ import annotations

import pytest

from pdftext import Page, outline, read_pages
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


def _overlapping(page: Page) -> list[tuple[str, str]]:
    """Pairs of words printed on top of each other (a fifth of the smaller's box or more)."""
    words, found = page.words, []
    for n, a in enumerate(words):
        for b in words[n + 1:]:
            across, down = min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0)
            smaller = min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
            if across > 0.5 and down > 0.5 and across * down > 0.2 * smaller:
                found.append((a.text, b.text))
    return found


def test_no_words_on_the_map_pages_print_over_each_other() -> None:
    """150 touch-points (and 60): a dozen flows cut at one edge stacked their badges ("fro from
    part 2"), a badge covered a box's name, and lane names a wide map repeats inside itself were
    cut at a part's edge (") with a") over the part's own (audit L)."""
    pdf = without_appendix("gen-150", "letter")
    pages = read_pages(pdf)
    maps = [p for title, _, p in outline(pdf) if title.startswith("The journey map")]  # the overview too
    assert len(maps) > 5
    assert {p: _overlapping(pages[p]) for p in maps if _overlapping(pages[p])} == {}


def test_the_cracks_slide_names_fewer_hand_offs_before_its_type_goes_below_9_points() -> None:
    """Ten risky hand-offs and five moments of truth printed at 7 pt on gen-100's slide, which no
    one can read projected (audit R): a slide names as many hand-offs as keep 9 pt (at least 3)
    and counts the rest; every moment of truth that is not reliable is still named."""
    b = built("gen-100", "slide")
    page = b.pages[1]
    assert "Where the customer falls through the cracks" in page.raw
    body = [w for w in page.words if 45 < w.y1 < page.height - 40]
    assert min(w.size for w in body) >= 8.9, min(w.size for w in body)
    named = sum(1 for line in page.body_lines() if line.startswith(tuple(f"{n}. " for n in range(1, 11))))
    assert 3 <= named < 10 and f"and {50 - named} more risky hand-offs" in " ".join(page.body_lines())
    from journeymap.briefing.cracks import shaky_moments

    shaky = shaky_moments(b.checked.analysis)
    assert shaky and all(f"\u201c{m['name']}\u201d" in page.raw for m in shaky)


def test_a_long_departments_table_starts_under_the_stages_not_on_a_page_of_its_own() -> None:
    """gen-100 on a4: the departments table, ten departments naming ten touch-points each, was
    kept whole and went to the next page, leaving the stages' page 60 % blank (audit R). Only a
    short one is kept whole now; a long one runs on, its header row repeated."""
    b = built("gen-100", "a4")
    starts = {title: page for title, _, page in b.outline}
    assert starts["Departments"] == starts["Accountability"], (starts["Accountability"], starts["Departments"])


@pytest.mark.parametrize("page", ["slide", "a4"])
def test_each_part_of_the_heatmap_is_whole_on_one_page(page: str) -> None:
    """gen-100's heatmap takes two parts (stages 0-7, then 8-9); on slides the second began with one
    department's row at the foot of a slide and put the other five on the next."""
    b = built("gen-100", page)
    departments = len(b.checked.journey.departments)
    parts = 0
    for p in b.pages:
        words = sorted(p.words, key=lambda w: (round(w.y0), w.x0))
        heads = [w.y0 for n, w in enumerate(words[:-1]) if w.text == "\\" and words[n + 1].text == "Stage"]
        # the section after the heatmap may follow its last part on the page, and names the departments too
        after = [w.y0 for n, w in enumerate(words[:-1]) if w.text == "Moments" and words[n + 1].text == "of"]
        for n, top in enumerate(heads):
            bottom = min([heads[n + 1]] if n + 1 < len(heads) else [p.height] + [y for y in after if y > top])
            rows = sum(1 for w in words if w.text == "longer" and top < w.y0 < bottom)  # "Department N with a longer name"
            assert rows == departments, (page, n, rows)
            parts += 1
    assert parts >= 2
