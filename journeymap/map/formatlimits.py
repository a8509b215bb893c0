"""What keeps a map's PNG and PDF within their formats' limits, and what to say of them: a PNG's
resolution, a PDF's scale, and a note where a PDF printed on A3 would print its text under the
6 pt of SPEC 4.2 (:func:`journeymap.map.render.render` runs Graphviz with them)."""

from __future__ import annotations

import re

from journeymap.map import theme as t

PNG_DPI = 144.0
# Cairo cannot make images wider or taller than this many pixels.
PNG_MAX_PIXELS = 32000.0
# PDF viewers refuse pages beyond 200 in (SPEC 4.1). Graphviz's page is the scaled drawing
# plus its pad and margin, 72 pt in all (measured with 2.43), so the drawing gets a little less.
PDF_MAX_POINTS = 14400.0
#: An A3 sheet, long side and short side, in points: a map PDF whose text, fitted to it, is
#: smaller than :data:`~journeymap.map.theme.PRINT_FLOOR` is told how to print it.
A3 = (1190.55, 841.89)
PDF_FRAME = 100.0


def png_dpi(width: float, height: float) -> float:
    """The PNG resolution: sharp on high-DPI screens, within Cairo's size limit."""
    largest = max(width, height, 1.0)
    return round(min(PNG_DPI, PNG_MAX_PIXELS * 72 / largest), 2)


def pdf_scale(width: float, height: float) -> float:
    """How much a PDF map must shrink to stay within :data:`PDF_MAX_POINTS` a side (1 = not)."""
    largest = max(width, height)
    return 1.0 if largest + PDF_FRAME <= PDF_MAX_POINTS else (PDF_MAX_POINTS - PDF_FRAME) / largest


def size_notes(fmt: str, width: float, height: float) -> tuple[list[str], tuple[str, ...]]:
    """Graphviz arguments that keep a PDF or PNG within its format's limits, and what to say."""
    side = f"{max(width, height):,.0f} pt on its longest side"
    if fmt == "pdf" and pdf_scale(width, height) < 1:
        scale = pdf_scale(width, height)
        inches = (max(width, height) * scale) / 72
        return ([f"-Gsize={inches:.2f},{inches:.2f}"],
                (f"the map is {side}, beyond the 200 inches (14,400 pt) a side that PDF viewers accept: the "
                 f"PDF is scaled to {scale:.0%}; render SVG for the map at full size",))
    if fmt == "png":
        dpi = png_dpi(width, height)
        note = () if dpi >= PNG_DPI else (
            f"the map is {side}: PNG resolution reduced to {dpi:g} dpi ({dpi / 72:.2f} px per pt) "
            f"from {PNG_DPI:g}, as images stop at {PNG_MAX_PIXELS:,.0f} px a side; render SVG or PDF for a "
            "sharp map",)
        return [f"-Gdpi={dpi:g}"], note
    return [], ()


#: A map PDF's page, as Cairo writes it.
_MEDIA_BOX = re.compile(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]")


def print_note(pdf: bytes, scale: float = 1.0) -> tuple[str, ...]:
    """What to say of a map PDF whose page, fitted to an A3 sheet, prints its smallest text under
    the 6 pt of SPEC 4.2: that ``brief`` prints it legibly. home-claim's map, on a page 96 cm wide,
    printed its text at 2.5 pt fitted to A4, without a word; measured on the page, not
    the drawing, and only where A3 is too small. ``scale``: the drawing's on the page (a map beyond
    PDF viewers' 200 inches is scaled down: :func:`pdf_scale`), whose text is that much smaller."""
    found = _MEDIA_BOX.search(pdf)
    if found is None:
        return ()
    width, height = float(found.group(1)), float(found.group(2))
    fit = min(max(A3) / max(width, height), min(A3) / min(width, height), 1.0)
    small = t.SMALL_SIZE * scale
    if fit * small >= t.PRINT_FLOOR:
        return ()
    cm = " × ".join(f"{side / 72 * 2.54:.0f}" for side in (width, height))
    return (f"the map's page is {width:,.0f} × {height:,.0f} pt ({cm} cm): fitted to an A3 sheet, its "
            f"{small:.2g} pt text prints at {_size(fit * small)} pt; `journeymap brief --page a3` "
            "prints the map legibly over several pages",)


def _size(points: float) -> str:
    """A printed size as the note says it: one decimal, two figures below 0.1 pt (not "0.0").

    >>> _size(3.46), _size(0.19), _size(0.012)
    ('3.5', '0.2', '0.012')
    """
    return f"{points:.1f}" if points >= 0.1 else f"{points:.2g}"
