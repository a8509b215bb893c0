"""The map's visual language in one place: font, palette, sizes and the meaning of each cue.

Every encoding carries two cues so it survives greyscale printing: reliability is a fill colour
*and* a border style *and* an icon with a word; hand-offs are a colour *and* a heavier line;
moments of truth are a star on a band. The palette follows the briefing's CSS
(``templates/briefing/briefing.css``) so the map and the tables read as one document, except the
rating fills: here they step down in lightness so they stay apart in greyscale (SPEC 4.1).
"""

from __future__ import annotations

from msgspec import Struct

FONT = "DejaVu Sans"

INK = "#1f2933"
MUTED = "#52606d"
FAINT = "#9aa5b1"
NAVY = "#1d3557"
PAPER = "#ffffff"


class Rating(Struct, frozen=True):
    """How one reliability value is drawn."""

    word: str
    icon: str
    fill: str
    border: str
    text: str
    style: str
    penwidth: float


RATINGS: dict[str, Rating] = {
    "reliable": Rating("reliable", "✔", "#c9e6d1", "#2f6b45", "#1e5631", "solid", 1.2),
    "it-depends": Rating("it depends", "◐", "#ecba5c", "#7a4b00", "#4d2f00", "dashed", 1.6),
    "unreliable": Rating("unreliable", "✖", "#de8880", "#7d1d18", "#4f0f0c", "solid", 2.6),
    "unknown": Rating("not rated", "?", "#f9fafb", "#7b8794", "#3e4c59", "dotted", 1.2),
}
"""Fills step down in lightness (luminance 250, 219, 190, 161 of 255) from "not rated" to
"unreliable", so the four stay apart in greyscale; every text colour on them keeps >= 5.5:1."""

MOMENT_ICON = "★"
MOMENT_WORD = "moment of truth"

# Edges: same-department flow, hand-off, risky hand-off.
FLOW_COLOR = "#8795a6"
FLOW_WIDTH = 1.0
HANDOFF_COLOR = "#1d3557"
HANDOFF_WIDTH = 2.6
RISKY_COLOR = "#b5482f"
RISKY_STYLE = "dashed"
ARROW_SIZE = 0.7
EDGE_LABEL_WIDTH = 110.0
LABEL_CLEARANCE = 2.0  # free space around a flow label
LABEL_OFFSET = 3.0  # from a flow label to its line, at the nearest

# Lanes, by layer; bands alternate two calm tints inside a layer.
LANE_FILLS = ("#f7f9fb", "#eef2f6")
EXTERNAL_FILL = "#fbf8f1"
LANE_BORDER = "#d5dde6"
STAGE_BORDER = "#b8c4d2"
BLUEPRINT_LINE = "#52708f"
# The three service-blueprint lines: (SVG-visible style, pen width), each different.
# Whole-point widths, as the legend draws its samples as table borders, which take no fraction.
BLUEPRINT_STYLES = {"control": ("dashed", 1.0), "visibility": ("solid", 2.0), "internal": ("dotted", 2.0)}
# Customer emotion, -2..2: diverging but calm, and the value is printed in the dot.
EMOTION_FILLS = {-2: "#d0605a", -1: "#eba39d", 0: "#d9e2ec", 1: "#9fd0ad", 2: "#5fa776"}
EMOTION_WORDS = {-2: "very unhappy", -1: "unhappy", 0: "neutral", 1: "happy", 2: "delighted"}

# Diff marks (``journeymap diff --map``).
ADDED_COLOR = "#2b7a4b"
CHANGED_COLOR = "#2f5fa7"
#: A changed touch-point whose rating got worse, or better (``diff --map``).
WORSE_COLOR = "#a33224"
#: A stage header's line where the journey names nobody who owns the stage (audit BL: the
#: briefing's accountability table said "No owner", the map was silent). The sign and the words
#: carry it in greyscale; the colour is the one for what got worse.
NO_OWNER = "\u26a0 No owner named"
#: A lane header's line where a department that owns touch-points names no lead (W102).
NO_LEAD = "\u26a0 No lead named"
#: The same for an outside party, which has no lead of ours: W102 asks for the contact there (an
#: outside lane written ``lead: TBD`` showed nothing while W102 asked for one: review DD).
NO_CONTACT = "\u26a0 No contact named"
#: The header lines that mark a gap in accountability.
GAPS = frozenset({NO_OWNER, NO_LEAD, NO_CONTACT})
BETTER_COLOR = "#1f6b40"
REMOVED_COLOR = "#8a94a0"

# Sizes, in points.
TITLE_SIZE = 20.0
SUBTITLE_SIZE = 10.0
NAME_SIZE = 10.0
SMALL_SIZE = 8.0
#: The smallest text a printed map or briefing may carry, in points (SPEC 4.2).
PRINT_FLOOR = 6.0
#: The value in an emotion marker: as small as the map's other small text, no smaller (at 7 pt it
#: alone held the printed map's scale at 6/7, and a 21-touch-point map took 7 a4 pages).
EMOTION_PT = 8.0
HEADER_SIZE = 11.0
LINE = 1.3  # line height as a multiple of the font size

BOX_WIDTH = 150.0
SLOT_GAP = 40.0
LANE_HEADER_WIDTH = 170.0
LANE_PAD = 14.0
STAGE_GAP = 26.0
MARGIN = 20.0
EMOTION_STEP = 13.0
BOX_MARGIN_X = 8.0
BOX_MARGIN_Y = 6.0
FLAG_BAND = 13.0  # height of the band behind a flag such as "MOMENT OF TRUTH" (8 pt capitals)
FLAG_PAD = 4.0  # room left and right of a flag's caption on its band, at the least
FLAG_GAP = 4.0  # from a flag's band to the name below it
