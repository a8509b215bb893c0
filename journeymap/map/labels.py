"""HTML-like label markup for the map. Every piece of text goes through :func:`html_text` here."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Optional

from journeymap.journey.textsafe import line_isolate, reads_right_to_left, set_apart
from journeymap.map import theme as t
from journeymap.map.escape import html_text
from journeymap.map.textwidth import text_width
from journeymap.map.textheight import line_height

_TABLE = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"{extra}>{rows}</TABLE>'


def text_run(text: str, size: float, color: str = t.INK, bold: bool = False, italic: bool = False,
             right_to_left: Optional[bool] = None) -> str:
    """One escaped run of text in a font size and colour; one holding right-to-left text is
    isolated, so a browser orders it as Pango does: with none, "تدفع ببطاقة مدى أو Apple Pay"
    read "أو مدى Apple Pay" in the SVG. A line of a paragraph (``right_to_left``: the paragraph's
    direction) is isolated in that direction (:func:`~journeymap.journey.textsafe.line_isolate`),
    text of its own (None) by its own first letter (U+2068 ... U+2069)."""
    if right_to_left is None:
        body = html_text(set_apart(text))
    else:  # around the escaped text: the escaping drops every isolate but a first-strong one
        opening = line_isolate(text, right_to_left)
        body = f"{opening}{html_text(text)}\u2069" if opening else html_text(text)
    if not body:
        return ""  # Graphviz refuses an empty <FONT></FONT>: the whole map failed
    if bold:
        body = f"<B>{body}</B>"
    if italic:
        body = f"<I>{body}</I>"
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{color}">{body}</FONT>'


#: The scripts DejaVu Sans Oblique has the letters of.
_OBLIQUE_SCRIPTS = ("LATIN ", "GREEK ", "CYRILLIC ", "ARMENIAN ", "GEORGIAN ", "HEBREW ")


def upright_script(text: str) -> bool:
    """Whether ``text`` holds letters of a script DejaVu Sans Oblique lacks, written without
    italics in any case (Arabic, Indic, Thai, CJK, ...). Set in italic, the briefing's PDF
    drew an Arabic flow label as another font's glyphs (Lao letters, cat faces), the font its
    upright letters came from mistaken for the oblique one (WeasyPrint 70), so such a label is set
    upright, all its lines alike.

    >>> upright_script("after two days"), upright_script("✔ Ελλάδα Gọi lại"), upright_script("بعد تأكيد")
    (False, False, True)
    """
    return not text.isascii() and any(unicodedata.category(ch)[0] == "L"
                                      and not unicodedata.name(ch, "").startswith(_OBLIQUE_SCRIPTS) for ch in text)


def row(content: str, align: str = "LEFT", bgcolor: Optional[str] = None, width: Optional[float] = None,
        height: Optional[float] = None) -> str:
    """A table row with one cell (``width``, ``height``: at least that wide or tall, points)."""
    bg = f' BGCOLOR="{bgcolor}"' if bgcolor else ""
    wide = f' WIDTH="{width:.0f}"' if width else ""
    tall = f' HEIGHT="{height:.0f}"' if height else ""
    return f'<TR><TD ALIGN="{align}" BALIGN="{align}"{wide}{tall}{bg}>{content}</TD></TR>'


def lines_rows(lines: Iterable[str], size: float, color: str = t.INK, bold: bool = False,
               italic: bool = False, align: str = "START", bgcolor: Optional[str] = None,
               width: Optional[float] = None) -> list[str]:
    """One row per pre-wrapped line; ``italic`` only where no line is in an :func:`upright_script`.

    ``align="START"`` sets the lines where their paragraph begins: left, or right in a
    right-to-left paragraph (Arabic, Hebrew), whose readers start each line there; set left, the
    lines' beginnings were ragged. Such lines are set against ``width`` (the table's), where
    given: a cell is only as wide as the widest line, and Graphviz leaves the rest of the table
    on the right. Each line is isolated in its paragraph's direction (:func:`text_run`).
    """
    lines = list(lines)
    italic = italic and not any(upright_script(line) for line in lines)
    wide = None
    right = reads_right_to_left(" ".join(lines))
    if align == "START":
        align, wide = ("RIGHT", width) if right else ("LEFT", None)
    return [row(text_run(line, size, color, bold, italic, right), align, bgcolor, wide, _taller(line, size))
            for line in lines]


def _taller(line: str, size: float) -> Optional[float]:
    """The height a line holding a box of hex digits needs (:func:`~journeymap.map.text.line_height`,
    as the grid plans it), None for a line of the usual height."""
    tall = line_height(line, size, t.LINE)
    return tall if tall > size * t.LINE else None


def table(rows: Sequence[str], width: Optional[float] = None) -> str:
    """Rows in a borderless table (``width`` is a minimum, in points)."""
    extra = f' WIDTH="{width:.0f}"' if width else ""
    return _TABLE.format(extra=extra, rows="".join(rows) or row(" "))


def spacer(height: float) -> str:
    """An empty row ``height`` points tall."""
    return f'<TR><TD FIXEDSIZE="TRUE" WIDTH="1" HEIGHT="{height:g}"></TD></TR>'


def flag_band(text: str, color: str) -> str:
    """A row holding one flag (``★ MOMENT OF TRUTH``) on a band sized to it.

    The band is as wide as the measured caption plus padding, left-aligned; the caption is
    centred in it, and set on its floor so the capitals sit in the middle: Graphviz puts an
    8 pt line's baseline 3.6 pt above the floor of a bottom-aligned cell, so a 13 pt band leaves
    room above the tallest glyph and below the baseline (:data:`theme.FLAG_BAND`).
    """
    width = f"{flag_width(text):.0f}"
    cell = (f'<TD FIXEDSIZE="TRUE" WIDTH="{width}" HEIGHT="{t.FLAG_BAND:g}" ALIGN="CENTER" VALIGN="BOTTOM" '
            f'BGCOLOR="{color}">{text_run(text, t.SMALL_SIZE, t.PAPER, bold=True)}</TD>')
    band = (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" ALIGN="LEFT" FIXEDSIZE="TRUE" '
            f'WIDTH="{width}" HEIGHT="{t.FLAG_BAND:g}"><TR>{cell}</TR></TABLE>')
    return row(band)


def flag_width(text: str) -> float:
    """The width of a flag's band: the caption measured generously, and padding either side."""
    return round(text_width(text, t.SMALL_SIZE, bold=True) + 2 * t.FLAG_PAD)


def box_label(top: Sequence[str], name: Sequence[str], foot: Sequence[str], foot_color: str,
              width: float, flag_color: str = t.NAVY) -> str:
    """A touch-point box: flag line(s) each on a band of its own, the name, the rating footer."""
    rows: list[str] = []
    for k, flag in enumerate(top):
        rows += [spacer(t.FLAG_GAP / 2)] if k else []
        rows.append(flag_band(flag, flag_color))
    rows += [spacer(t.FLAG_GAP)] if top else []
    rows += lines_rows(name, t.NAME_SIZE, width=width)
    rows += lines_rows(foot, t.SMALL_SIZE, foot_color, width=width)
    return table(rows, width)


def header_label(name: Sequence[str], sub: Sequence[str], size: float, align: str = "LEFT",
                 width: Optional[float] = None) -> str:
    """A lane or stage header: bold name lines, then small muted lines (``width``: left-aligned
    box), a gap in accountability (:data:`~journeymap.map.theme.GAPS`) in bold warning red.
    A lane's name stays left whatever its script, in line with the lead and layer under it."""
    rows = lines_rows(name, size, t.NAVY, bold=True, align=align)
    for line in sub:
        gap = line in t.GAPS
        rows += lines_rows([line], t.SMALL_SIZE, t.WORSE_COLOR if gap else t.MUTED, bold=gap, align=align)
    return table(rows, width)


def title_label(title: Sequence[str], subtitle: Sequence[str], width: Optional[float] = None) -> str:
    """The map's title block."""
    rows = lines_rows(title, t.TITLE_SIZE, t.NAVY, bold=True, align="LEFT")  # the map reads left to right
    rows += lines_rows(subtitle, t.SUBTITLE_SIZE, t.MUTED, align="LEFT")
    return table(rows, width)
