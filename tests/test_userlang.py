"""On screen, a journey's own words carry the language they are written in (WCAG 2.1, 3.1.2:
language of parts): the HTML briefing of a Spanish journey said lang="en" for all of it (audit DK)."""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import journeymap
from axe import describe, violations
from conftest import FIXTURES, MAPS, run_cli

SPANISH = FIXTURES / "scripts" / "es-alta-fibra.journey.yaml"
#: Elements that hold no text (their end tag never comes, so they are never on the stack).
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Languages(HTMLParser):
    """Each text run of a page's body with the language it is in (the nearest ``lang``), the map
    and scripts left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if data.strip() and "body" in tags and not {"svg", "script", "style"} & set(tags):
            language = next((lang for _, lang in reversed(self.stack) if lang), "")
            self.runs.append((" ".join(data.replace("\u00ad", "").split()), language))


def _runs(html: bytes) -> list[tuple[str, str]]:
    parser = _Languages()
    parser.feed(html.decode("utf-8"))
    return parser.runs


@pytest.mark.graphviz
def test_the_spanish_journeys_words_are_marked_spanish_and_the_pages_own_english(tmp_path: Path) -> None:
    checked = journeymap.load(SPANISH)
    runs = _runs(journeymap.brief(checked, html=True))
    languages = dict(runs)
    assert languages["Hand-offs"] == "en" and languages["Who must act:"] == "en"
    journey = checked.journey
    assert journey is not None
    spanish = [tp.name for tp in journey.touchpoints] + [d.name for d in journey.departments] + \
        [s.name for s in journey.stages]
    for name in spanish:
        said = {lang for text, lang in runs if text == " ".join(name.split())}
        assert said == {"es"}, (name, said)
    # the title's last words are in a span of their own (no_widow)
    title = [(text, lang) for text, lang in runs if len(text) >= 5 and text in journey.title]
    assert sum(map(len, dict(title))) >= len(journey.title) - 2 and {lang for _, lang in title} == {"es"}, title
    # nothing of ours is set apart as Spanish
    assert {text for text, lang in runs if lang == "es"} & {"Reliability", "Who must act:", "Goal:", "No owner named"} == set()


@pytest.mark.graphviz
def test_an_english_journey_and_the_printed_page_carry_no_language_of_parts() -> None:
    english = journeymap.brief(journeymap.load(MAPS / "home-claim.journey.yaml"), html=True).decode("utf-8")
    assert english.count(' lang="') == 1  # <html lang="en"> alone
    from journeymap.briefing.document import briefing_date, render_briefing_html

    checked = journeymap.load(SPANISH)
    assert checked.analysis is not None
    printed = render_briefing_html(checked.analysis, checked.findings, "<svg xmlns='http://www.w3.org/2000/svg'/>",
                                   date=briefing_date())
    assert '<span lang="' not in printed  # print hyphenates by -weasy-lang; WeasyPrint tags no Lang of parts


@pytest.mark.graphviz
def test_the_spanish_html_briefing_has_no_accessibility_violations(tmp_path: Path) -> None:
    out = tmp_path / "es.html"
    out.write_bytes(journeymap.brief(journeymap.load(SPANISH), html=True))
    found = violations(out)
    assert found == [], describe(found)


def test_a_portfolio_marks_its_journeys_words_with_their_language() -> None:
    """The portfolio's screen page marks its journeys' own words with their language where they
    all share one; where they do not, each journey's rows with its own (a department, which
    journeys may share, is then not marked: it could be marked with a language it is not in)."""
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import render_portfolio_html

    spanish = load_portfolio([str(SPANISH)])
    runs = _runs(render_portfolio_html(spanish).encode("utf-8"))
    languages = dict(runs)
    assert languages["Where the company must act"] == "en"
    assert spanish.journeys[0].journey is not None
    for d in spanish.journeys[0].journey.departments:
        assert {lang for text, lang in runs if text == d.name} == {"es"}, d.name
    # in a mixed one, each journey's own rows are marked with its language, the English one's not
    english_file = MAPS / "home-claim.journey.yaml"
    mixed = load_portfolio([str(SPANISH), str(english_file)])
    runs = _runs(render_portfolio_html(mixed).encode("utf-8"))
    es, en = (j.journey for j in mixed.journeys)
    assert es is not None and en is not None and es.title != en.title
    for journey, language in ((es, "es"), (en, "en")):
        assert {lang for text, lang in runs if text == journey.title} == {language}, journey.title
        moments = [t.name for t in journey.touchpoints if t.moment_of_truth]
        assert moments and all({lang for text, lang in runs if text == name} == {language} for name in moments)
    # departments may be shared between journeys in different languages: not marked, but for the
    # heatmap's head of one whose journeys all share a language, which its name breaks by (audit FQ)
    named = [lang for text, lang in runs if text in {d.name for d in es.departments}]
    assert set(named) == {"en", "es"} and 0 < named.count("es") <= len(es.departments), named  # a head each
    printed = render_portfolio_html(mixed, pdf=True)
    assert '<span lang="' not in printed


@pytest.mark.graphviz
def test_the_spanish_portfolio_has_no_accessibility_violations(tmp_path: Path) -> None:
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import render_portfolio_html

    out = tmp_path / "portfolio.html"
    out.write_text(render_portfolio_html(load_portfolio([str(SPANISH)])), encoding="utf-8")
    found = violations(out)
    assert found == [], describe(found)


def test_the_sites_index_marks_a_journeys_title_and_owner_with_its_language(tmp_path: Path) -> None:
    """The build's index marked only its page as English: a screen reader read a Spanish or Japanese
    journey's title as English (audit FQ)."""
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(SPANISH, folder / SPANISH.name)
    shutil.copy(MAPS / "home-claim.journey.yaml", folder / "home-claim.journey.yaml")
    assert run_cli("build", str(folder), "-o", str(tmp_path / "site"), "--formats", "svg").exit_code == 0
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    spanish = journeymap.load(folder / SPANISH.name).journey
    assert spanish is not None
    assert re.search(r'<h2 id="[^"]*" lang="es">' + re.escape(html.escape(spanish.title, quote=False)), page)
    assert re.search(r'<h2 id="journey-home-claim-title">', page)  # English, as the page is
