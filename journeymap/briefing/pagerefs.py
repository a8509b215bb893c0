"""pydyf's list of page references built once per page added, not at every use (issue 13: speed).

A tagged PDF names, for every tagged box, the page it is on: WeasyPrint's tagging
(``weasyprint/pdf/tags.py``) and its links read ``pdf.page_references[n]``, and pydyf builds the
tuple of every page's reference each time it is read. A 250-page briefing read it 27,826 times
and built 7 million references, 0.8 s of its 13 s. While a rendering runs,
:func:`cached_page_references` lends ``pydyf.PDF`` a ``page_references`` that keeps the tuple
until a page is added (pages are only ever appended), and gives pydyf its own back when the last
rendering in the process ends (:class:`~journeymap.briefing.lending.Shared`). The references
are pydyf's own, made by its own property, so the PDF is byte for byte the same.
"""

from __future__ import annotations

from typing import Any, Callable, ContextManager, Optional

from journeymap.briefing.lending import Shared, swapped

_HELD = "_journeymap_page_references"


def _pdf_class() -> Optional[Any]:
    """``pydyf.PDF`` if its ``page_references`` is the property this module expects, else None."""
    try:
        import pydyf
    except ImportError:
        return None
    pdf = getattr(pydyf, "PDF", None)
    own = getattr(pdf, "__dict__", {}).get("page_references")
    return pdf if isinstance(own, property) and own.fget is not None else None


def _lend() -> Optional[Callable[[], None]]:
    pdf = _pdf_class()
    if pdf is None:
        return None
    own: property = pdf.__dict__["page_references"]
    build = own.fget
    assert build is not None

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        key = (len(kids), kids[-3] if kids else None)
        held = self.__dict__.get(_HELD)
        if held is None or held[0] != key:
            held = (key, build(self))
            self.__dict__[_HELD] = held
        return held[1]

    return swapped(pdf, "page_references", property(page_references, doc=own.__doc__))


_CACHED = Shared(_lend)


def cached_page_references() -> ContextManager[bool]:
    """Hold the cached ``page_references`` for the block (yields whether it is in place)."""
    return _CACHED.held()
