"""Whether a map is too big to print in parts: the briefing then prints its overview alone, and
says why and where the whole map is (:func:`~.mappages.map_pages`).

What a printed map costs is not its parts alone but what crosses them: each part draws every
flow that runs across it and marks where each cut one continues. A generated journey of 2,000
touch-points takes 529 parts, on which its flows are drawn 3,119 times in all (six a part), and prints;
a journey at SPEC 5's limits, whose flows each run across dozens of lanes, takes 745 parts,
drawn on 757,822 times (a thousand a part), and its briefing never finished (stopped after 18
minutes at 18 GB and rising).
Measured on a4 (generated journeys, ``bench/generate.py``), the whole briefing:

=================================  =====  ==========  ======================================
journey                            parts  drawn       briefing in parts
=================================  =====  ==========  ======================================
2,000 touch-points, 4 next steps     529       3,119  60 s, 1.9 GB, 932 pages
400 in 40 lanes, flows anywhere       93      29,349  91 s of CPU, 1.7 GB, 355 pages
800 in 80 lanes, flows anywhere      221     113,779  217 s, 4.9 GB, 765 pages (overview
                                                      alone: 52 s, 2.0 GB, 544 pages)
=================================  =====  ==========  ======================================
"""

from __future__ import annotations

import shlex
from typing import NamedTuple, Optional

from markupsafe import Markup, escape

from journeymap.briefing.mapgeometry import Layout
from journeymap.briefing.tileplan import Tile

#: The most parts a briefing prints a map in, and the most times its flows may be drawn on them,
#: all parts told (see the module's table).
MOST_PARTS = 1000
MOST_CROSSINGS = 40_000


class TooBig(NamedTuple):
    """Why a map is printed as its overview alone: its parts, its flows and how many times they
    would be drawn on the parts, counted a part at a time until past :data:`MOST_CROSSINGS` (0
    where the parts alone are too many); on ``page``, of the journey file ``source`` (its name, as
    the commands the note gives take it)."""

    parts: int
    flows: int
    crossings: int
    page: str = "a4"
    source: str = "FILE"

    def why(self) -> str:
        """Why, in words: "this map would take 745 parts, on which its 7,987 flows would be drawn
        more than 40,000 times in all". A flow is drawn on each part its box meets."""
        if self.parts > MOST_PARTS:
            return f"this map would take {self.parts:,} parts, more than the {MOST_PARTS:,} a briefing prints"
        return (f"this map would take {self.parts:,} parts, on which its {self.flows:,} flows would be drawn more "
                f"than {MOST_CROSSINGS:,} times in all, too many to print")

    def _bigger(self) -> bool:
        """Whether to say a3 paper: where the parts alone are too many (its parts are about half as
        many); drawn too often on a4, a journey whose flows go anywhere is drawn too often on a3 too."""
        return self.page != "a3" and self.parts > MOST_PARTS

    def note(self, unnamed: int) -> Markup:
        """The overview's note: why, what it leaves out (``unnamed``: lanes too thin to name), and
        where the whole map is (each command kept on one line: broken at "--", it was pasted wrong)."""
        lanes = (f" and the names of {unnamed:,} lanes too thin to hold them" if unnamed > 1 else
                 " and the name of a lane too thin to hold it" if unnamed else "")
        file = escape(shlex.quote(self.source))
        bigger = (f"; print it on a3 (<span class=\"nobreak\">journeymap brief {file} --page a3</span>), in fewer, "
                  "bigger parts") if self._bigger() else ""
        return Markup(f"Printed large enough to read, {self.why()}. Here it is whole, its small text{lanes} left "
                      f"out. To read it all, open the SVG map (<span class=\"nobreak\">journeymap render {file}</span>) "
                      f"or the HTML briefing (<span class=\"nobreak\">journeymap brief {file} --html</span>), which "
                      f"pan and zoom{bigger}; or split the journey.")

    def told(self) -> str:
        """What ``brief`` and ``build`` say."""
        bigger = "; a3 paper (`--page a3`) takes fewer, bigger parts" if self._bigger() else ""
        return (f"printed large enough to read, {self.why()}: the briefing shows the map's overview alone; the "
                f"whole map is in the SVG map (`journeymap render`) and the HTML briefing (`journeymap brief "
                f"--html`){bigger}; or split the journey")


def too_big(layout: Layout, tiles: list[Tile], page: str = "a4", source: str = "FILE") -> Optional[TooBig]:
    """Why the map planned in ``tiles`` is too big to print in them on ``page``, or None. A flow is
    drawn on each part its box meets (``printview.region`` copies it there); counting stops past
    :data:`MOST_CROSSINGS`. ``source`` names the journey's file in the note."""
    flows = [item.box for item in layout.of_class("flow")]
    crossed = 0
    if len(tiles) <= MOST_PARTS:
        for tile in tiles:
            crossed += sum(1 for flow in flows if flow.meets(tile.body))
            if crossed > MOST_CROSSINGS:
                break
        else:
            return None
    return TooBig(len(tiles), len(flows), crossed, page, source)
