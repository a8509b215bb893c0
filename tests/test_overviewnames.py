"""The overview names its stages whole where its page has the room (journeymap/briefing/overviewnames.py)."""

from __future__ import annotations

import pytest

import journeymap
from conftest import FIXTURES
from pdftext import read_pages

SPANISH = FIXTURES / "scripts" / "es-alta-fibra.journey.yaml"


@pytest.mark.graphviz
def test_the_overview_names_its_stages_whole_over_their_columns() -> None:
    """Cut to the header's one line, "Descubrimiento y…" and "Uso y soporte en los…" named half
    their stages on an overview page 45 % blank (audit DK)."""
    checked = journeymap.load(SPANISH)
    pages = read_pages(journeymap.brief(checked, "a4"))
    overview = next(p for p in pages if p.body_lines() and p.body_lines()[0] == "The journey map: overview")
    words = " ".join(overview.body_lines())
    assert checked.journey is not None
    for stage in checked.journey.stages:
        assert all(word in words for word in stage.name.split()), stage.name
    assert "y\u2026" not in words and "los\u2026" not in words and "(ventana\u2026" not in words
    # and the lanes, in a column made a little wider for them (the map 2 % smaller): two of the
    # three cut short before
    assert "(subcontratado)" in words and "anterior)" in words and "cliente\u2026" not in words


def test_the_band_over_a_row_is_only_taken_where_the_page_has_the_room() -> None:
    from journeymap.briefing import overviewnames
    from journeymap.briefing.mapgeometry import Box

    class _Layout:  # a header one line high, over one column 60 units wide (map units as points)
        header = Box(0, 0, 100, 12)
        columns = [("column-s", Box(0, 0, 60, 100))]

        def of_class(self, name: str) -> list[object]:
            return []  # no stage header of its own that prints

    long_name = {"s": "A stage whose name takes three lines"}
    band = overviewnames.name_band(_Layout(), [(0, 60)], 1.0, long_name, spare=1000)  # type: ignore[arg-type]
    size = overviewnames.NAME_PT
    # two lines over the header, which holds the third; its top edge runs between the second's
    # white band and the third's (write_names), not through a name (audit EL: "works")
    assert band == pytest.approx((0.125 + 2 * 1.25) * size, abs=1e-3)
    second_foot, third_top = -band + size * (0.15 + 1.25 + 1.2), -band + size * (0.15 + 2 * 1.25)
    assert second_foot <= 0.0 <= third_top
    assert overviewnames.name_band(_Layout(), [(0, 60)], 1.0, long_name, spare=band - 1) == 0.0  # type: ignore[arg-type]
    # for any header: room for the three lines, the edge between two, and less than a line more (review EN)
    for tenths in range(5, 60):
        _Layout.header = Box(0, 0, 100, size * tenths / 10)
        got = overviewnames.band_wanted(_Layout(), [(0, 60)], 1.0, long_name) / size  # type: ignore[arg-type]
        least = 3 * 1.25 + 0.3 - tenths / 10
        assert got == 0.0 if least <= 0 else (least <= got < least + 1.25 and abs((got - 0.125) / 1.25 - round((got - 0.125) / 1.25)) < 1e-6)
    assert overviewnames.name_band(_Layout(), [(0, 60)], 1.0, {"s": "Pay"}, spare=1000) == 0.0  # type: ignore[arg-type]


def test_a_stage_name_the_overview_shortens_ends_at_a_word() -> None:
    """"Discharge back to the care of the GP" printed "… care of th…", and "Referral is sent by
    the GP and triaged by a consultant" "… GP and…" (audit DX): cut inside a word, or after a
    little word. Each ends at a word now, not a little one."""
    from journeymap.briefing.overviewnames import fitted
    from journeymap.map.text import LITTLE_WORDS

    # words that fit whole with the ellipsis are kept (review DW: "Installation day…" lost two)
    assert fitted("Installation day and first weeks of service", 100, 6, True, 1) == ["Installation day and first\u2026"]
    checked = journeymap.load(FIXTURES / "valid" / "outpatient-referral.journey.yaml")
    assert checked.journey is not None
    for stage in checked.journey.stages:
        for width in (40, 60, 80, 120):
            lines = fitted(stage.name, width, 6.5, True, 3)
            if not lines[-1].endswith("\u2026"):
                continue
            shown = " ".join(lines)[:-1].split()
            words = stage.name.split()
            # whole words; a word wider than a line alone is cut inside it (there is no other way)
            cut = len(lines[-1].split()) == 1 and words[len(shown) - 1].startswith(shown[-1])
            assert shown == words[:len(shown)] or (shown[:-1] == words[:len(shown) - 1] and cut), (stage.name, width, lines)
            assert shown[-1].lower() not in LITTLE_WORDS or len(shown) == 1, (stage.name, width, lines)


@pytest.mark.parametrize("width,said", [(12.0, None), (20.0, None), (24.0, None), (34.0, "Stag\u2026"),
                                        (60.0, "Stage 11\u2026"), (12.0, "A")])
def test_a_name_is_written_where_four_letters_of_it_fit_at_least(width: float, said: str | None) -> None:
    """80 stages on an a4 overview were headed "…", "S…" and "St…", which name nothing: such a
    room is left blank (reviews FC, FE). A one-letter name is written whole."""
    import xml.etree.ElementTree as ET

    from journeymap.briefing.mapgeometry import Box
    from journeymap.briefing.overviewnames import write_names

    svg = ET.Element("svg")
    write_names(svg, Box(0, 0, width, 10), "A" if said == "A" else "Stage 11 of the journey", 6.5, True)
    assert [t.text for t in svg.iter("text")] == ([] if said is None else [said])
