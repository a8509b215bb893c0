"""A journey's language, and its long words broken between syllables by that language's rules:
a German journey's "Kraftfahrzeughaftpflichtschadenregulierung" broke "…schadenr / egulierung" on
the briefing's cover, and "Vertriebsaußendienstorg / anisation" on the map (audit DE)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

import journeymap
from conftest import FIXTURES, MAPS
from journeymap.journey.language import journey_language, word_breaks
from journeymap.map.text import HYPHEN, breaking_words, wrap

#: The hyphen the printed pages break a word with (the map's labels use HYPHEN): a hyphen-minus,
#: which PDF readers' search and copy join the word again across (briefing.css).
PRINTED_HYPHEN = "-"
from pdftext import need_pdftotext, read_pages

GERMAN = FIXTURES / "scripts" / "de-kfz-schaden.journey.yaml"


def test_a_journey_is_recognised_by_its_own_words():
    assert journey_language(journeymap.load(GERMAN).journey) == "de"
    assert word_breaks(journeymap.load(GERMAN).journey) == "de"
    for path in MAPS.glob("*.journey.yaml"):
        journey = journeymap.load(path).journey
        assert journey is not None and journey_language(journey) == "en" and word_breaks(journey) is None
    korean = journeymap.load(FIXTURES / "scripts" / "washer-ko.journey.yaml").journey
    assert journey_language(korean) == "ko" and word_breaks(korean) is None  # broken between characters


def test_a_long_word_breaks_between_syllables_with_a_hyphen_in_its_language():
    word = "Vertriebsaußendienstorganisation"
    assert wrap(word, 110, 9) == ["Vertriebsaußendiensto", "rganisation"]  # no language: as a browser does
    with breaking_words(lambda: "de"):
        assert wrap(word, 110, 9) == ["Vertriebsaußendienst\u2010", "organisation"]
        # a line more where it must, three letters at least each side ("…organisati‐" / "on" read as a typo)
        lines = wrap(word, 90, 9)
        assert lines == ["Vertriebsaußen\u2010", "dienstorganisa\u2010", "tion"]
        assert "".join(lines).replace(HYPHEN, "") == word
        # a hyphen of its own is a place to break, and gets no second one
        assert wrap("Schaden-Schnellregulierung", 80, 9) == ["Schaden-", "Schnellregulie\u2010", "rung"]
        assert wrap("kurz", 110, 9) == ["kurz"]
    asked = []
    with breaking_words(lambda: asked.append(1) or "de"):  # asked only when a word must break, and once
        wrap("ein kurzer Satz", 200, 9)
        assert asked == []
        wrap(word + " " + word, 110, 9)
        assert asked == [1]


def test_an_english_map_is_drawn_as_before_and_a_german_one_hyphenates_its_lanes():
    svg = journeymap.render(journeymap.load(GERMAN)).decode("utf-8")
    assert "Partnerwerkstättennetz\u2010</text>" in svg or "Partnerwerkstätten\u2010</text>" in svg, svg[:300]
    for path in MAPS.glob("*.journey.yaml"):
        assert HYPHEN not in journeymap.render(journeymap.load(path)).decode("utf-8")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_printed_briefing_of_a_german_journey_hyphenates_its_long_words(tmp_path):
    need_pdftotext()
    checked = journeymap.load(GERMAN)
    pages = read_pages(journeymap.brief(checked, "a4"))
    cover = pages[0].body_lines()
    at = next(i for i, line in enumerate(cover) if line.startswith("Kraftfahrzeug"))
    assert cover[at].endswith(PRINTED_HYPHEN) and cover[at + 1].startswith("regulierung"), cover[:6]
    # and a reader searching or copying the page finds the word whole (audit DK: U+2010 kept it apart)
    joined = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-", "-"], input=journeymap.brief(checked, "a4"),
                            capture_output=True, check=True).stdout.decode("utf-8")
    assert "Kraftfahrzeughaftpflichtschadenregulierung nach" in joined
    # the map's parts too: their syllable hyphen (U+2010 on screen) is a hyphen-minus on paper
    assert not [line for page in pages for line in page.body_lines() if line.endswith(HYPHEN)]
    # a line that ends inside a word ends with a hyphen: no "…schadenr" / "egulierung" left
    words = {w for line in cover for w in re.findall(r"\w+", line)}
    assert "egulierung" not in words and "Kraftfahrzeughaftpflichtschadenr" not in words
    # only long words break so, five letters each side: our own English words read by German rules
    # broke as "da- / shed" and "Touch-po- / ints" (review DF)
    # (the text that follows a line is not always the rest of its word where boxes stand side by side)
    # (a word's own hyphen is a place to break too: "Vor-" / "Ort-Termin", the channel, is no syllable)
    written = GERMAN.read_text(encoding="utf-8")
    heads = [re.findall(r"\w+", line)[-1] for page in pages for line in page.body_lines() if line.endswith(PRINTED_HYPHEN)]
    heads = [head for head in heads if f"{head}-" not in written]
    assert len(heads) >= 3 and all(len(head) >= 5 for head in heads), heads
    assert not [line for page in pages for line in page.body_lines() if line.endswith(("da-", "po-"))]


def test_an_english_journey_is_told_without_loading_langdetect():
    """langdetect loads its 55 profiles in a quarter of a second, a tenth of a briefing's time: an
    English journey is told by its commonest words first."""
    import subprocess
    import sys

    code = ("import sys, journeymap\nfrom journeymap.journey.language import journey_language\n"
            f"j = journeymap.load({str(MAPS / 'home-claim.journey.yaml')!r}).journey\n"
            "print(journey_language(j), 'langdetect' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["en", "False"]


def test_colloquial_french_is_not_taken_for_english():
    """Customer verbatims ("On a attendu", "il n'a pas") gave the English-looking "a" and "on" 13 %
    of the words, and the journey was taken for English (audit DG)."""
    from journeymap.journey.language import text_language

    said = ("« On a attendu une heure au téléphone » ; « Il n’a pas noté mon relevé » ; "
            "« On m’a rappelé deux fois » ; « Le conseiller a su répondre » ; « On a enfin eu le technicien »")
    assert text_language(said) == "fr"


def test_a_german_journey_about_it_is_german():
    """"IT" lowercased was the English "it", and a German journey about IT equipment came to 11 %
    English words (review DH)."""
    from journeymap.journey.language import text_language

    said = ("Neues Notebook für Mitarbeitende bestellen. Wie eine neue Mitarbeiterin ihr Notebook bekommt, "
            "von der Bestellung bis zur Einrichtung durch die IT. IT prüft die Freigabe. IT bestellt das Gerät. "
            "IT richtet es ein. Die Mitarbeiterin holt es bei der IT ab und meldet sich an.")
    assert text_language(said) == "de"


def test_a_run_of_words_joined_by_no_break_spaces_breaks_at_one_without_a_hyphen():
    """A run too long for its line broke by syllables, its first line ending "client ‐" (review DH)."""
    with breaking_words(lambda: "fr"):
        lines = wrap("Appelle\u00a0le\u00a0service\u00a0client\u00a0particuliers", 90, 9)
    assert len(lines) == 2 and not any(line.rstrip().endswith(HYPHEN) for line in lines), lines


def test_a_portfolio_breaks_long_words_by_the_language_most_of_its_journeys_are_in(tmp_path):
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.language import portfolio_language

    (tmp_path / "de").mkdir()
    shutil.copy(GERMAN, tmp_path / "de")
    shutil.copy(MAPS / "home-claim.journey.yaml", tmp_path)
    assert portfolio_language(load_portfolio([str(MAPS)])) is None
    assert portfolio_language(load_portfolio([str(tmp_path / "de")])) == "de"
    assert portfolio_language(load_portfolio([str(tmp_path)])) == "de"  # one each: the tie goes to a dictionary
    shutil.copy(MAPS / "home-claim.journey.yaml", tmp_path / "home-claim-2.journey.yaml")
    assert portfolio_language(load_portfolio([str(tmp_path)])) is None  # two of three in English


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_the_printed_portfolio_of_german_journeys_hyphenates_their_long_words():
    """The hand-off matrix's heads read "Schadenregulieru / ng" and a scorecard's lead
    "Partnerwerkstättennetzwerkkoor / dination": broken as no German reader breaks them."""
    need_pdftotext()
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import render_portfolio_html, render_portfolio_pdf

    portfolio = load_portfolio([str(GERMAN)])
    lines = [line for page in read_pages(render_portfolio_pdf(portfolio)) for line in page.body_lines()]
    words = {w for line in lines for w in re.findall(r"\w+", line)}
    assert not {"ng", "n"} & words
    # a word broken between syllables ends its line with a hyphen ("…netzwerkkoor-" / "dination")
    assert not re.search(r"Schadenregulieru(?![-\w])|Partnerwerkstättennetzwerkkoor(?![-\w])", " ".join(lines)), lines
    assert len([line for line in lines if line.endswith(PRINTED_HYPHEN)]) >= 2
    # on screen: soft hyphens in its text, none in a file's path
    page = render_portfolio_html(portfolio)
    assert "Partner&shy;werk&shy;stät&shy;ten&shy;netz&shy;werk&shy;ko&shy;or&shy;di&shy;nation" in page
    assert re.search(r'<td class="file" translate="no">de-kfz-schaden<wbr>\.journey<wbr>\.yaml</td>', page)


def test_a_lead_s_name_is_never_hyphenated_in_print():
    """A Greek briefing broke its leads' names between syllables ("Μαρία Κωνστα- / ντίνου" in a
    table, "Ελένη Σταυρο- / πούλου" where the executive page says who must act and in the
    appendix's findings: audit DS, review DT): a lead's name is marked not to translate, which
    print does not hyphenate, as the HTML briefing gives it no soft hyphens."""
    text = (FIXTURES / "scripts" / "el-home-claim.journey.yaml").read_text(encoding="utf-8")
    checked = journeymap.loads(text.replace("lead: ", "lead: Αβγδεζηθικλ "), "el.journey.yaml")  # W110 breaks one
    assert checked.ok and checked.journey is not None
    leads = [d.lead for d in checked.journey.departments if d.lead]
    html = journeymap.brief(checked, "a4", html=True).decode("utf-8")
    assert all(re.search(f'<span translate="no">(<[^>]*>)*{lead}<', html) for lead in leads)
    assert "Who must act:</span> <span translate=\"no\">" in html
    words = [w.text for page in read_pages(journeymap.brief(checked, "a4")) for w in page.words]
    parts = {part for lead in leads for part in lead.split()}
    cut = [w for w in words if w.endswith(("-", "\u2010")) and any(p.startswith(w[:-1]) for p in parts)]
    assert not cut, cut
    assert any(w.endswith(("-", "\u2010")) for w in words)  # other long words still break with a hyphen
