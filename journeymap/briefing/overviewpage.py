"""The printed map's overview page (:func:`overview_page`): the whole map, small text left out,
its parts outlined and numbered, the legend, and a note under it that says what the frames are,
which lanes only the parts name, or why the map is printed as its overview alone
(:mod:`.printcap`)."""

from __future__ import annotations

import math
from typing import Any, Mapping, Optional

from markupsafe import Markup

from journeymap.briefing import mapalt, printimage
from journeymap.briefing.mapgeometry import Layout
from journeymap.briefing.overview import Overview, overview_svg
from journeymap.briefing.printcap import TooBig
from journeymap.briefing.printlegend import legend_svg
from journeymap.briefing.tileplan import Sheet, Tile
from journeymap.map.textwidth import text_width
from journeymap.report import counted

#: What the overview's numbered frames are (the legend, the map's own, does not say), and the
#: room its line takes under the legend (briefing.css, ``.map-note``), in points.
OVERVIEW_NOTE = ("Each numbered frame outlines one of the {count} parts of the map printed on the {pages} that "
                 "follow, large enough to read.")
#: ... and where the one part a map has is printed after its overview (with no room for the legend beside or under it).
OVERVIEW_NOTE_ONE = "The frame outlines the map as the next {page} prints it, large enough to read."
NOTE_ROOM = 16.0
#: The note's type size (briefing.css, ``.map-note``).
NOTE_PT = 8.0


def overview_page(layout: Layout, tiles: list[Tile], land: Sheet, stages: Mapping[str, str],
                  lanes: Mapping[str, str], scale: float, slides: bool = False, cap: Optional[TooBig] = None
                  ) -> dict[str, Any]:
    """The overview page: the whole map, small text left out, its parts outlined (unless ``cap``
    says the map is too big to print in parts: then its note says why), and the legend."""
    legend = legend_svg(layout, land.width, scale)
    legend_h = printimage.legend_height(legend, scale)
    alt = mapalt.overview(layout, len(tiles) if cap is None else 0)

    def drawn(lines: int) -> tuple[Overview, str]:
        room = max(land.height - legend_h - NOTE_ROOM * lines, 40)
        whole = overview_svg(layout, tiles, land.width, room, alt, stages, lanes, outlined=cap is None)
        return whole, cap.note(whole.unnamed) if cap is not None else _frames_note(len(tiles), slides, whole.unnamed)

    whole, note = drawn(1)
    lines = _note_lines(note, land.width)
    if lines > 1:  # why it is printed alone, or the lanes it leaves unnamed
        whole, note = drawn(lines)
    return {"id": "sec-map", "title": "The journey map: overview", "kind": "overview",
            "orientation": "landscape", "svg": Markup(whole.svg), "image": printimage.image(whole.svg, alt),
            "legend": None if legend is None else Markup(legend),
            "legend_image": None if legend is None else printimage.image(legend, "Legend of the journey map"), "note": note}


def _note_lines(note: str, width: float) -> int:
    """How many lines the overview's ``note`` (markup or text) takes across ``width`` points, a
    tenth kept for where its words break."""
    words = note.striptags() if isinstance(note, Markup) else note
    return max(1, math.ceil(text_width(words, NOTE_PT) / (width * 0.9)))


def _frames_note(count: int, slides: bool, unnamed: int = 0) -> str:
    """What the overview's numbered frames are, and that the parts name the ``unnamed`` lanes."""
    # a deck's are slides (audit DE: "printed on the pages that follow" on a slide)
    if count > 1:
        said = OVERVIEW_NOTE.format(count=count, pages="slides" if slides else "pages")
    else:
        said = OVERVIEW_NOTE_ONE.format(page="slide" if slides else "page")
    if not unnamed:
        return said
    # the overview's lanes too thin for a name were left blank, with nothing to say why (audit FD)
    where = "the parts" if count > 1 else f"the next {'slide' if slides else 'page'}"  # not each: a part shows some
    return f"{said} {counted(unnamed, 'lane')} too thin to name here {'are' if unnamed > 1 else 'is'} named on {where}."
