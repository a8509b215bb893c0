"""HTML -> PDF with WeasyPrint (the self-contained HTML briefing is :mod:`.htmlinline`'s).

WeasyPrint is imported lazily (by :mod:`journeymap.briefing.engine`), so commands that make no
PDF start fast and work without Pango.
Rendering never reaches the network and reads no file outside the allowed folders (the packaged
templates and a user's ``--templates`` folder): every URL goes through a restricted fetcher that
serves ``data:`` URLs and files inside those folders only. Attachments are never embedded.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import mimetypes
import os
import re
import traceback
from pathlib import Path
from typing import Any, Callable, ContextManager, Optional, TypeVar

from journeymap.briefing.deflate import default_deflate
from journeymap.briefing.engine import INSTALL_HINT, PdfEngineMissing, PdfError, load_weasyprint
from journeymap.briefing.lending import Shared
from journeymap.briefing.localfiles import allowed_roots, local_file, why_not
from journeymap.briefing.pagerefs import cached_page_references
from journeymap.briefing.svgdraw import whole_drawings
from journeymap.outputs import utf8_text
from journeymap.resources import templates_root
from journeymap.journey.textsafe import printable

#: PdfEngineMissing and PdfError are re-exported: callers catch them from here.
__all__ = ["PDF_VARIANT", "RENDER_GC_THRESHOLDS", "PdfEngineMissing", "PdfError", "PdfRenderError", "collection_paused",
           "engine_versions", "html_to_pdf", "make_fetcher", "page_ids"]

LOG = logging.getLogger(__name__)
#: Tagged PDF (structure tree, language, title, bookmarks) for screen readers: PDF/UA-1.
PDF_VARIANT = "pdf/ua-1"


class PdfRenderError(PdfError):
    """WeasyPrint failed while laying out or writing the document."""


def make_fetcher(weasyprint: Any, roots: tuple[Path, ...], refused: Optional[list[str]] = None) -> Any:
    """A URL fetcher that serves ``data:`` URLs and files inside ``roots`` only.

    A ``weasyprint.urls.URLFetcher`` subclass (the class came in WeasyPrint 68, the oldest release
    pyproject.toml allows). Refused URLs are appended to ``refused`` (and logged at debug level);
    WeasyPrint then treats the resource as unavailable.
    """
    log = refused if refused is not None else []

    def allowed(url: str) -> Path:
        path = local_file(url, roots)
        if path is None:
            log.append(url)
            LOG.debug("refused to fetch %s", url)
            raise ValueError(why_not(url, roots))
        return path

    def mime(path: Path) -> str:
        return mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    urls = weasyprint.urls

    class RestrictedFetcher(urls.URLFetcher):  # type: ignore[misc, name-defined]
        """Allows ``data:`` and packaged/template files; refuses everything else."""

        def fetch(self, url: str, headers: Optional[dict[str, str]] = None) -> Any:
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            path = allowed(url)
            return urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime(path)})

    return RestrictedFetcher(timeout=5, allowed_protocols={"data", "file"}, allow_redirects=False)


def _w3c_now() -> str:
    """The document date: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now (UTC)."""
    from journeymap.map.pdfstamp import source_date

    when = source_date() or dt.datetime.now(tz=dt.timezone.utc)  # one past the calendar's end is ignored
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _scrub(document: Any, version: str, *, title: str, author: Optional[str], subject: Optional[str]) -> None:
    """Set our metadata and drop anything that could embed a file."""
    meta = document.metadata
    meta.title = printable(title)  # no NUL or ESC in the PDF's Title, Author, Subject
    meta.authors = [printable(author)] if author else []
    meta.description = printable(subject) if subject else subject
    meta.keywords = []
    meta.custom = {}
    meta.generator = f"journeymap (WeasyPrint {version})"
    meta.created = meta.modified = _w3c_now()
    meta.attachments = []
    for page in document.pages:
        # Links within the document only, as in the HTML briefing: a team's template could link
        # anywhere (``javascript:``, ``data:``, ``file:``), and a briefing makes no outside references.
        page.links = [link for link in page.links if link[0] == "internal"]


#: A template's indentation (white space holding a line break) before the end tag of a block,
#: which prints nothing. WeasyPrint 70 counts it in the width of a paragraph's last line, and when
#: only that space overflows it sets the line's first word on a line of its own ("the / stage of
#: the receiving touch-point."): about one width in a hundred did this. Taken out of the pages of
#: our own templates only (no ``--templates`` folder), whose markup we know: no preformatted
#: blocks, and user text is escaped, so it cannot hold an end tag.
_BEFORE_END = re.compile(r"[ \t\r]*\n[ \t\r\n]*(?=</(?:p|li|td|th|h[1-6]|dd|dt|div|figcaption|caption|section)>)")


def html_to_pdf(html: str, *, title: str, author: Optional[str], subject: Optional[str],
                base_dir: Optional[Path] = None, refused: Optional[list[str]] = None,
                refine: Optional[Refine] = None) -> bytes:
    """Render the briefing HTML to PDF bytes: tagged PDF/UA-1 (structure tree, language, title).

    ``base_dir`` is a user's ``--templates`` folder (relative URLs resolve there, and its files
    may be used); by default the packaged templates. ``refine(html, document)`` may give, seeing
    the laid-out document, a page to lay out instead: it is kept if it takes fewer pages
    (:mod:`.slidejoins`). Raises :class:`PdfEngineMissing` when WeasyPrint or Pango is missing
    and :class:`PdfRenderError` when rendering fails.
    """
    def written(weasyprint: Any, document: Any) -> bytes:
        _scrub(document, weasyprint.__version__, title=title, author=author, subject=subject)
        return bytes(document.write_pdf(attachments=None, presentational_hints=False, pdf_variant=PDF_VARIANT))

    return _with_layout(html, base_dir, refused, written, refine)


def page_ids(html: str, base_dir: Optional[Path] = None) -> list[frozenset[str]]:
    """The ids on each page of ``html`` laid out as :func:`html_to_pdf` lays it out (``base_dir``:
    a team's ``--templates`` folder, else our own templates), nothing written: to see where a
    layout falls before choosing it."""
    return _with_layout(html, base_dir, [], lambda _, document: [frozenset(page.anchors) for page in document.pages])


T = TypeVar("T")
#: Given a page and its laid-out document, another page to lay out, or None.
Refine = Callable[[str, Any], Optional[str]]


def _with_layout(html: str, base_dir: Optional[Path], refused: Optional[list[str]],
                 use: Callable[[Any, Any], T], refine: Optional[Refine] = None) -> T:
    """``use(weasyprint, document)`` of ``html`` laid out (fetching only what
    :func:`make_fetcher` allows), or of the page ``refine`` gives for it where that takes fewer
    pages; failures as :class:`PdfRenderError`."""
    weasyprint = load_weasyprint()
    base = Path(base_dir).resolve() if base_dir is not None else templates_root().resolve() / "briefing"
    fetcher = make_fetcher(weasyprint, allowed_roots(base_dir), refused)

    def laid_out(page: str) -> Any:
        return weasyprint.HTML(string=_prepared(page, base_dir), base_url=str(base) + os.sep,
                               url_fetcher=fetcher).render(presentational_hints=False)

    try:
        with whole_drawings(), collection_paused(), cached_page_references(), default_deflate():
            document = laid_out(html)
            better = refine(html, document) if refine is not None else None
            if better is not None:
                again = laid_out(better)
                document = again if len(again.pages) < len(document.pages) else document
            return use(weasyprint, document)
    except (AssertionError, ValueError, TypeError, OSError, RecursionError) as exc:
        ours = _ours(exc)  # a bug of ours is reported; otherwise, as SPEC 3 asks, the install command
        raise PdfRenderError(f"the PDF could not be rendered: {exc}"
                             f"{ours or f'; if every PDF fails so, re{INSTALL_HINT}'}") from exc


def _ours(exc: BaseException) -> str:
    """Where in journeymap's own code ``exc`` was raised, for the report, when there (our renderers
    lent to WeasyPrint run inside it): told as the engine failing, a bug of ours named no place to
    look (review EM). Ours when a frame of journeymap's comes after the engine's last (what it
    called in the standard library raising too: review EN); empty when it came from the engine."""
    frames = traceback.extract_tb(exc.__traceback__)[1:]  # the first is the call that caught it
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ours = [n for n, f in enumerate(frames) if os.path.abspath(f.filename).startswith(package + os.sep)]
    engine = [n for n, f in enumerate(frames) if any(f"{os.sep}{name}{os.sep}" in f.filename for name in _ENGINE)]
    if not ours or (engine and engine[-1] > ours[-1]):
        return ""
    last = frames[ours[-1]]
    where = os.path.relpath(os.path.abspath(last.filename), os.path.dirname(package))
    return f" ({type(exc).__name__} at {where} line {last.lineno}: a bug in journeymap; please report it)"


#: The PDF engine's packages (:func:`_ours`).
_ENGINE = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "fontTools")


#: The space before a person's name in a sentence (``contact: <span translate="no">Declan
#: Moloney</span>``). Where the name did not fit at a line's end, WeasyPrint 70 did not break at
#: that space: it broke the name mid-word ("contact: Dec / lan Moloney"), or, the name kept whole,
#: went back too far and left "and" alone on a line before it (audit DX). The space is moved into
#: the span, where it breaks as any other; the span has no style of its own to show it.
_BEFORE_NAME = re.compile(r' (<span translate="no">)')


def _prepared(html: str, base_dir: Optional[Path]) -> str:
    """The page as WeasyPrint is given it: our templates' end-tag indentation out (see
    :data:`_BEFORE_END`), the space before a name in it (:data:`_BEFORE_NAME`), and a path's
    lone surrogate (a file name's byte that is not UTF-8) as its escape: Pango refused the text,
    and the portfolio of such a journey failed. A paragraph or line separator (U+2029, U+2028) is
    a line's end, as HTML writes it: after a space, WeasyPrint 70 stopped the PDF on it ("Got
    ' \\u2029' between two lines"), so a valid journey had no briefing (audit FG). No markup of
    ours holds either, so the whole page is mended at once, a team's templates' too."""
    if base_dir is None:
        html = _BEFORE_NAME.sub(r"\1 ", _BEFORE_END.sub("", html))
    return utf8_text(html).replace("\u2028", "\n").replace("\u2029", "\n")


#: Python's cyclic garbage collector while a briefing is made: threshold 0 turns automatic
#: collection off. WeasyPrint makes millions of objects (boxes, styles, Pango layouts), nearly
#: all live until the PDF is written, so each collection walked them for little. With the default
#: thresholds (700, 10, 10) a 500-touch-point briefing spent 5 of its 20 s in 17 full collections;
#: with (50,000, 20, 20) still 0.9 s in 370 young ones. With none the briefing is 10 % faster at
#: 30 touch-points (1.35 -> 1.21 s), 5 % at 500 and 12 % at 2,000 (60 -> 53 s), and its peak
#: memory 3-6 % higher (99 -> 102 MB, 501 -> 527 MB, 1.83 -> 1.93 GB): the garbage waits for the
#: first collection after the briefing. Threads that make briefings without a moment's gap
#: between them would hold the pause; collection resumes as soon as none is being made.
RENDER_GC_THRESHOLDS = (0, 10, 10)


def _pause_collection() -> Callable[[], None]:
    before = gc.get_threshold()
    gc.set_threshold(*RENDER_GC_THRESHOLDS)
    return lambda: gc.set_threshold(*before)


_PAUSED = Shared(_pause_collection)


def collection_paused() -> ContextManager[bool]:
    """No automatic garbage collection in the block (restored when the last user in the process leaves)."""
    return _PAUSED.held()


def engine_versions() -> tuple[str, str]:
    """The versions of WeasyPrint and of the Pango it loaded (for ``--version``).

    Raises :class:`PdfEngineMissing` when WeasyPrint or Pango cannot be loaded.
    """
    weasyprint = load_weasyprint()
    from weasyprint.text.ffi import pango

    number = int(pango.pango_version())
    return str(weasyprint.__version__), f"{number // 10000}.{number // 100 % 100}.{number % 100}"
