"""A number and its currency or percent sign stay on one line in what we print (journeymap/journey/nobreak.py)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import journeymap
from journeymap.journey.nobreak import glue_units
from journeymap.map.text import wrap
from journeymap.briefing.htmlfilters import reader_value

_JOURNEY = """journeymap: 1
title: Reclamación de una factura
departments:
  - {id: fact, name: Facturación, lead: Ana}
stages:
  - name: Factura
    touchpoints:
      - id: ve-cargo
        name: Abre la factura en PDF y ve un cargo de 87,40 € que no reconoce
        department: fact
        reliability: reliable
"""


@given(st.text(alphabet=" 0123456789,.a€$%£x\u00a0"))
def test_only_the_spaces_beside_a_sign_change_and_only_to_no_break_spaces(text):
    glued = glue_units(text)
    # only spaces change, and only to no-break spaces (a run of them to one)
    assert re.sub("[ \u00a0]+", " ", glued) == re.sub("[ \u00a0]+", " ", text)
    assert not re.search(r"\d (?=[€$%£])|[€$£] (?=\d)", glued)


@pytest.mark.graphviz
def test_a_page_and_a_map_label_print_the_number_with_its_sign_but_the_journey_keeps_its_text(tmp_path):
    """"87,40 / €" broke across two lines of a Spanish briefing (audit DK)."""
    assert reader_value("un cargo de 87,40 € y 5 %") == "un cargo de 87,40\u00a0€ y 5\u00a0%"
    assert all(line != "€" for width in range(45, 200, 5) for line in wrap("un cargo de 87,40 €", width, 10))
    path = tmp_path / "r.journey.yaml"
    path.write_text(_JOURNEY, encoding="utf-8")
    checked = journeymap.load(str(path))
    exported = json.loads(journeymap.export(checked, "json"))
    assert "87,40 € que" in json.dumps(exported, ensure_ascii=False)  # the file's text, as written
    html = journeymap.brief(checked, html=True).decode("utf-8")
    pages = re.sub(r"<svg.*?</svg>", "", html, flags=re.DOTALL)  # the map's tooltips keep the text
    assert "87,40\u00a0€ que no reconoce" in pages and "87,40 €" not in pages


@pytest.mark.graphviz
def test_the_map_label_holds_the_no_break_space(tmp_path):
    path = tmp_path / "r.journey.yaml"
    path.write_text(_JOURNEY, encoding="utf-8")
    svg = journeymap.render(journeymap.load(str(path)), "svg").decode("utf-8")
    assert "87,40\u00a0€" in svg or "87,40&#160;€" in svg, svg[:200]


def test_a_title_and_a_findings_message_keep_the_number_with_its_sign():
    """The cover's title and the findings' messages are made Markup before the pages' values are
    read (no_widow, code_spans): "12 / € al mes" broke a cover (review DL)."""
    from journeymap.briefing.htmlfilters import code_spans, no_widow

    assert "12\u00a0€ al mes" in str(no_widow("Fibra óptica con portabilidad por 12 € al mes y sin permanencia alguna"))
    assert "87,40\u00a0€" in str(code_spans("`name:` says 87,40 €"))


@given(st.text(alphabet=" ab?!:;«»\u00a0"))
def test_french_punctuation_keeps_to_its_word_and_only_spaces_change(text):
    """A space typed before "?", "!", ":", ";" or "»", or after "«", let the mark start a line of
    its own ("? suite", "»" alone: audit FQ); it prints as a no-break space."""
    glued = glue_units(text)
    assert re.sub("[ \u00a0]+", " ", glued) == re.sub("[ \u00a0]+", " ", text)
    assert not re.search(r"(?<=\S) +[?!:;»]+(?:\s|$)|« +(?=\S)", glued)


@pytest.mark.parametrize("width", [60, 75, 90, 110, 130, 160])
def test_a_map_label_starts_no_line_with_a_mark_that_belongs_to_the_word_before(width: int):
    french = wrap("Le conseiller demande : « Votre dossier est-il complet ? » puis relance ; suite !", width, 10)
    assert not [line for line in french if line[0] in "?!:;»" or line[-1] == "«"], french
    # Japanese: no line begins with 、。）ー or ends with （ (kinsoku shori: audit FQ)
    japanese = wrap("店員が在庫を確認して連絡、お客様が来店する。返品受付（レシートが必要）を店頭で行う", width, 10)
    assert "".join(japanese) == "店員が在庫を確認して連絡、お客様が来店する。返品受付（レシートが必要）を店頭で行う"
    assert not [line for line in japanese if line[0] in "、。）ー" or line[-1] == "（"], japanese
