"""The HTML briefing of a journey in another language than English breaks its long words by that
language's rules on screen, as print does: a German cover read "Kraftfahrzeughaft /
pflichtschadenreg / ulierung" on a phone, Chromium having no German dictionary."""

from __future__ import annotations

import html as htmllib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeymap
from browser import find_chromium, load_page
from conftest import FIXTURES, MAPS
from journeymap.briefing.softhyphens import hyphenated_word, soft_hyphens

GERMAN = FIXTURES / "scripts" / "de-kfz-schaden.journey.yaml"
WORD = "Schadenregulierung"
BROKEN = "Schaden&shy;re&shy;gu&shy;lierung"


def test_only_text_between_tags_is_broken():
    page = (f'<p id="{WORD}" title="{WORD}" aria-label="{WORD}"><a href="#{WORD}">{WORD}</a></p>'
            f"<style>.{WORD} {{}}</style><script>var {WORD} = 1;</script><title>{WORD}</title>"
            f"<svg><rect/><svg><text>{WORD}</text></svg><text>{WORD}</text></svg>"
            f"<code>{WORD}</code><dd translate=no>{WORD}</dd><dd translate=\"NO\"><b>{WORD}</b></dd>")
    done = soft_hyphens(page, "de")
    assert done.count("&shy;") == BROKEN.count("&shy;"), done
    assert done == page.replace(f">{WORD}</a>", f">{BROKEN}</a>")


def test_a_void_element_marked_untranslated_leaves_what_follows_it_as_text():
    assert soft_hyphens(f"<img translate=no><br/><p>{WORD}</p>", "de") == f"<img translate=no><br/><p>{BROKEN}</p>"


def test_words_are_found_across_lines_entities_and_an_end_of_file_without_a_tag():
    page = f"<!doctype html>\n<html>\r\n<p>\n  ein {WORD}&amp;{WORD}\n</p>\n\n<li>Kurz und gut <i>{WORD}</i>\n{WORD}"
    assert soft_hyphens(page, "de") == page.replace(WORD, BROKEN)


def test_short_words_and_the_edges_of_long_ones_stay_whole():
    assert soft_hyphens("<p>Gutachter Fahrzeughalter</p>", "de") == "<p>Gutachter Fahrzeug&shy;halter</p>"
    for word, language in (("Versicherungsnehmerin", "de"), ("Entschädigungszahlung", "de"),
                           ("surconsommation", "fr"), ("interlocutrice", "fr"), ("verzekeringsmaatschappij", "nl")):
        pieces = hyphenated_word(word, language).split("&shy;")
        assert len(pieces) >= 2 and len(pieces[0]) >= 5 and len(pieces[-1]) >= 5, (word, pieces)


_LONG = st.sampled_from(["Versicherungsnehmerin", "Schadenregulierung", "Kraftfahrzeughaftpflicht", "x"])


@given(st.lists(st.one_of(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30), _LONG),
                max_size=12).map(" ".join),
       st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüß\"'<>& =", max_size=40))
def test_only_soft_hyphens_are_added_and_only_to_text(text, attribute):
    page = f'<div title="{htmllib.escape(attribute)}"><p>{htmllib.escape(text)}</p><script>{text.replace("<", "")}</script></div>'
    done = soft_hyphens(page, "de")
    assert done.replace("&shy;", "") == page
    if any(word in text for word in ("Versicherungsnehmerin", "Schadenregulierung", "Kraftfahrzeughaftpflicht")):
        assert "&shy;" in done.split("<script>")[0]  # the text of the paragraph, not the script's
    assert done.startswith(f'<div title="{htmllib.escape(attribute)}">')
    assert done.endswith(f'<script>{text.replace("<", "")}</script></div>')


@pytest.mark.graphviz
def test_the_html_briefing_of_a_german_journey_has_its_long_words_broken_and_an_english_one_is_as_before():
    german = journeymap.brief(journeymap.load(GERMAN), html=True).decode("utf-8")
    assert "Kraft&shy;fahr&shy;zeug&shy;haft&shy;pflicht&shy;scha&shy;den&shy;re&shy;gu&shy;lierung nach einem" in german
    assert 'data-running="Kraftfahrzeughaftpflichtschadenregulierung' in german  # an attribute: left whole
    assert '<dd class="mono" translate="no">de-kfz-schaden</dd>' in german
    for path in MAPS.glob("*.journey.yaml"):
        assert "&shy;" not in journeymap.brief(journeymap.load(path), html=True).decode("utf-8")


# Where each line of the cover's title begins: the character before it.
_LINE_STARTS = r"""(() => {
  const title = document.querySelector('h1.journey-title');  // its text, inside its lang="de" span
  const node = document.createTreeWalker(title, NodeFilter.SHOW_TEXT).nextNode(); const text = node.data;
  const range = document.createRange(); const before = []; let top = null;
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) continue;  // a space at a line's end may be boxed on the next
    range.setStart(node, i); range.setEnd(node, i + 1);
    const rects = range.getClientRects(); if (!rects.length) continue;
    const rect = rects[rects.length - 1];  // a letter after a soft hyphen also gets the hyphen's box
    if (top !== null && rect.top > top + 2) before.push(text[i - 1]);
    top = rect.top;
  }
  return before;
})()"""


@pytest.mark.graphviz
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")
def test_on_a_phone_the_german_title_breaks_only_between_words_and_syllables(tmp_path):
    out = tmp_path / "de.html"
    out.write_bytes(journeymap.brief(journeymap.load(GERMAN), html=True))
    before = load_page(out, expressions={"before": _LINE_STARTS}, screenshot=False, width=390).values["before"]
    assert len(before) >= 4, before  # the title takes several lines at this width
    assert set(before) <= {" ", "\u00ad"}, before
    assert "\u00ad" in before


# Select an element's text, copy it as a browser does, and give what the clipboard would get.
_COPIED = r"""((selector) => {
  const range = document.createRange(); range.selectNodeContents(document.querySelector(selector));
  const selection = document.getSelection(); selection.removeAllRanges(); selection.addRange(range);
  const data = new DataTransfer();
  document.dispatchEvent(new ClipboardEvent("copy", {clipboardData: data, bubbles: true, cancelable: true}));
  return {plain: data.getData("text/plain"), html: data.getData("text/html"), shown: range.toString()};
})"""


@pytest.mark.graphviz
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")
def test_text_copied_from_the_page_has_no_soft_hyphens(tmp_path):
    """A name copied from the page and pasted into a search or the journey file must be the name
    as written, not one with invisible U+00AD inside (review DI)."""
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import render_portfolio_html

    title = "Kraftfahrzeughaftpflichtschadenregulierung nach einem Auffahrunfall auf der Bundesautobahn"
    briefing, portfolio = tmp_path / "de.html", tmp_path / "portfolio.html"
    briefing.write_bytes(journeymap.brief(journeymap.load(GERMAN), html=True))
    portfolio.write_text(render_portfolio_html(load_portfolio([str(GERMAN)])), encoding="utf-8")
    for page, selector, expected in ((briefing, "h1.journey-title", title),
                                     (portfolio, ".card h3", "Vertriebsaußendienstorganisation")):
        report = load_page(page, expressions={"copied": f"{_COPIED}({selector!r})"}, screenshot=False)
        copied = report.values["copied"]
        assert "\u00ad" in copied["shown"], copied  # the page does hold soft hyphens there
        assert copied["plain"] == expected and "\u00ad" not in copied["html"] and expected in copied["html"]
        assert report.console_errors == []  # the script ran: the page's policy lets it


# The first table cell holding a soft hyphen, copied; its row; and the same text dragged, the
# browser having filled the drag's data in as it does (with the soft hyphens).
_CELL = "[...document.querySelectorAll('td')].find(c => c.textContent.includes('\\u00ad'))"
_CELL_COPIED = _COPIED.replace("document.querySelector(selector)", "cell").replace(
    "((selector) => {", "(() => { const cell = " + _CELL + ";")
_ROW_COPIED = _CELL_COPIED.replace("const cell = " + _CELL + ";", "const cell = (" + _CELL + ").parentElement;")
_DRAGGED = r"""(() => {
  const data = new DataTransfer();
  data.setData("text/plain", "Schaden\u00adregulierung"); data.setData("text/html", "<b>Schaden\u00adregulierung</b>");
  document.querySelector("h1").dispatchEvent(new DragEvent("dragstart", {dataTransfer: data, bubbles: true, cancelable: true}));
  return {plain: data.getData("text/plain"), html: data.getData("text/html")};
})()"""


@pytest.mark.graphviz
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")
def test_copied_cells_stay_a_table_and_dragged_text_has_no_soft_hyphens(tmp_path):
    """A row copied from the register pastes as a row of a table, not as loose text (review DJ:
    the fragment alone lost its row and table); one cell's text pastes as text, not as a table of
    one cell (review DL); neither carries our classes or ids. A selection dragged into another
    program carries no soft hyphens either."""
    briefing = tmp_path / "de.html"
    briefing.write_bytes(journeymap.brief(journeymap.load(GERMAN), html=True))
    report = load_page(briefing, expressions={"cell": f"{_CELL_COPIED}()", "row": f"{_ROW_COPIED}()",
                                              "dragged": _DRAGGED}, screenshot=False)
    cell, row, dragged = report.values["cell"], report.values["row"], report.values["dragged"]
    for copied in (cell, row):
        assert "\u00ad" in copied["shown"] and "\u00ad" not in copied["plain"] + copied["html"], copied
        assert ' id="' not in copied["html"] and ' class="' not in copied["html"], copied["html"]
    assert row["html"].startswith("<table") and "<tr" in row["html"] and "<td" in row["html"], row["html"]
    assert "<table" not in cell["html"] and "<td" not in cell["html"] and cell["plain"] in row["plain"], cell
    assert dragged == {"plain": "Schadenregulierung", "html": "<b>Schadenregulierung</b>"}
    assert report.console_errors == []
