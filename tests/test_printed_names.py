"""People's names in print: the tables' lead column widened for the longest word of a lead's name
(leadcolumns), and a name in a sentence broken only between its words (pdf._BEFORE_NAME)."""

from __future__ import annotations

import re
from typing import Any

import journeymap
from conftest import FIXTURES, MAPS
from journeymap.briefing.leadcolumns import COLUMNS, SLIDE_COLUMNS, WIDEST, unbroken, widths
from pdftext import need_pdftotext, read_pages

LONG = {"Priya Shah": "Alexandra Konstantinopoulou-Williamson",
        "Tom Berg": "Bartholomew Featherstonehaugh-Montgomery"}


def _home_claim(leads: dict[str, str]) -> Any:
    text = (MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8")
    for old, new in leads.items():
        text = text.replace(f"lead: {old}", f"lead: {new}")
    checked = journeymap.loads(text, str(MAPS / "long-leads.journey.yaml"))
    assert checked.ok
    return checked


def test_a_name_breaks_only_at_its_spaces_and_after_its_hyphens():
    assert unbroken("Jean-Luc  Picard") == ["Jean-", "Luc", "Picard"]
    assert unbroken("Anne-") == ["Anne-"]  # nothing after the hyphen to break before
    assert unbroken("Ελένη Σταυροπούλου") == ["Ελένη", "Σταυροπούλου"]


def test_short_names_keep_the_stylesheet_s_columns():
    for page in ("a4", "letter", "slide", "a3"):
        for table in COLUMNS:
            assert widths(table, page, ["Priya Shah", "Zoë Marchetti", None, ""]) is None


def test_a_long_word_widens_the_lead_column_and_the_others_give_up_the_room():
    name = ["Bartholomew Featherstonehaugh-Montgomery"]
    moments, departments = widths("moments", "a4", name), widths("departments", "a4", name)
    assert moments is not None and departments is not None
    assert 14 < moments["lead"] <= WIDEST and abs(sum(moments.values()) - 100) < 0.05
    assert all(moments[k] < v for k, v in COLUMNS["moments"].items() if k != "lead")
    # the departments' touch-points column, unsized, takes what is left: the department's keeps its share
    assert departments["dept"] == COLUMNS["departments"]["dept"] and departments["lead"] > 18
    # wider paper holds it as it is; a slide's moments set the lead under the department
    assert widths("moments", "a3", name) is None
    assert widths("moments", "slide", ["Featherstonehaughfeatherstonehaugh Smith"])["dept"] > 16
    # a word no column could hold is broken, as before, in a column at most WIDEST wide
    assert widths("departments", "a4", ["W" * 80])["lead"] == WIDEST


def test_the_shares_are_the_stylesheet_s():
    """The shares widened are briefing.css's own, the slide's too: a slide's moments table took
    the A4 shares and a lead column it has not, so its widened columns summed to 88 %."""
    from conftest import ROOT

    css = (ROOT / "templates" / "briefing" / "briefing.css").read_text(encoding="utf-8")

    def share(selector: str) -> float:
        found = re.search(rf"(?m)^{re.escape(selector)}(?:, [^{{]*)? {{ width: (\d+)%; }}", css)
        assert found, selector
        return float(found.group(1))

    table_class = {"moments": ".moment-table", "departments": ".dept-table"}
    for table, shares in COLUMNS.items():
        for name, value in shares.items():
            scoped = f"{table_class[table]} col.w-{name}"
            own = re.search(rf"(?m)^{re.escape(scoped)} ", css) is not None  # the table's own rule, else the common one
            assert value == (share(scoped) if own else share(f"col.w-{name}")), (table, name)
    for name, value in SLIDE_COLUMNS["moments"].items():
        assert value == share(f".page-slide .moment-table col.w-{name}"), name
    wide = widths("moments", "slide", ["Featherstonehaughfeatherstonehaugh Smith"])
    assert wide is not None and set(wide) == set(SLIDE_COLUMNS["moments"]) and abs(sum(wide.values()) - 100) < 0.05


def test_the_print_briefing_keeps_each_word_of_a_long_name_whole():
    """home-claim's Claims-handling lead renamed "Bartholomew Featherstonehaugh-Montgomery" printed
    "Featherstoneh / augh-Montgomery" in the moments of truth and "Featherstonehaug /
    h-Montgomery" among the departments, its column too narrow for the word; "Konstantinopoulou /
    -Williamson" likewise. Each word is now whole, broken only after its hyphen."""
    need_pdftotext()
    checked = _home_claim(LONG)
    pieces = {piece for lead in LONG.values() for piece in unbroken(lead)}
    words = [w.text for page in read_pages(journeymap.brief(checked, "a4")) for w in page.words]
    named = [w for w in words if re.search("Konstantin|Featherston|Williamson|Montgomery", w)]
    assert len(named) >= 8
    assert all(any(piece in w for piece in pieces) for w in named), named


def test_a_name_at_a_line_s_end_goes_whole_to_the_next_line():
    """The cracks page of a broadband journey on letter paper printed "contact: Dec / lan
    Moloney", and, the name kept whole, "Anjali Raman / and / Director of Network Build ...":
    WeasyPrint did not break at the space before a name's span (audit DX)."""
    need_pdftotext()
    checked = journeymap.load(FIXTURES / "valid" / "broadband-install.journey.yaml")
    lines = read_pages(journeymap.brief(checked, "letter"))[1].body_lines()
    said = " ".join(lines)
    assert "contact: Declan Moloney)." in said and "Anjali Raman and Director of Network Build" in said
    assert not [line for line in lines if len(line.split()) == 1 and not line[0].isdigit()], lines
