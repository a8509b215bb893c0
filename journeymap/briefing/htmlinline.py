"""The briefing as ONE self-contained HTML file: references to the templates folder's files made
``data:`` URIs, every other reference dropped, only our own scripts kept (a team's templates'
HTML cleaned by :mod:`.htmlclean`)."""

from __future__ import annotations

import base64
import logging
import mimetypes
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import unquote, urlsplit

from journeymap.briefing.errors import BriefingError
from journeymap.briefing.localfiles import allowed_roots, local_file, why_not
from journeymap.briefing.scripts import trusted_scripts, with_policy

LOG = logging.getLogger(__name__)


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inliner(base: str, roots: tuple[Path, ...], links: frozenset[str] = frozenset()) -> Callable[[str], Optional[str]]:
    """Maps a reference to what the standalone file keeps: itself, a data: URI, or None (drop).
    ``links`` are kept as they are: pages of our own beside the file (a build's index)."""
    def resolve(ref: str) -> Optional[str]:
        ref = ref.strip()
        if ref.startswith("#") or ref[:5].lower() == "data:" or ref in links:
            return ref
        if urlsplit(ref).scheme and not ref.lower().startswith("file:"):
            return _left_out(ref, why_not(ref, roots))
        url = ref if ref.lower().startswith("file:") else Path(base, unquote(ref.split("?")[0])).as_uri()
        path = local_file(url, roots)
        return _data_uri(path) if path is not None else _left_out(ref, why_not(url, roots))
    return resolve


def _left_out(ref: str, why: str) -> Optional[str]:
    """Say that the HTML briefing leaves ``ref`` out, and ``why`` (``brief`` and ``build`` print it:
    a logo dropped, its ``<img>`` left without a source, was said nowhere: audit EQ)."""
    if LOG.hasHandlers():  # told to whoever listens, never printed by library code (as map/render.py)
        LOG.warning("the HTML briefing leaves out %s: %s", ref, why)
    return None


def _stylesheet(resolve: Callable[[str], Optional[str]]) -> Callable[[str], Optional[str]]:
    """The CSS text of a ``<link rel=stylesheet>`` to an allowed local file, else None."""
    def text(ref: str) -> Optional[str]:
        target = resolve(ref)
        if not target or not target.startswith("data:text/css;base64,"):
            return None
        return base64.b64decode(target.split(",", 1)[1]).decode("utf-8", "replace")
    return text


def html_standalone(html: str, *, base_dir: Optional[Path] = None, links: frozenset[str] = frozenset()) -> str:
    """The briefing HTML as ONE self-contained file: no external reference of any kind.

    Our packaged templates already inline the stylesheet and the map and escape all user text,
    so their HTML is returned as it is. HTML made with a team's ``--templates`` folder is parsed
    with a real HTML parser and written out again from allow-lists
    (:func:`~journeymap.briefing.htmlclean.clean_html`): references to files of the template
    folder become ``data:`` URIs, every other reference (``http(s)``, other files) is dropped
    but ``links`` (our own pages beside it, such as a build's index), only our own scripts
    survive, and our Content-Security-Policy is put first in the head.
    """
    if base_dir is None:
        return html
    from journeymap.briefing.htmlclean import clean_html

    roots = allowed_roots(base_dir)
    resolve = _inliner(str(Path(base_dir).resolve()), roots, links)
    try:
        cleaned = clean_html(html, resolve, trusted_scripts=trusted_scripts(), stylesheet=_stylesheet(resolve))
    except RecursionError as exc:
        raise BriefingError(f"the templates in {base_dir} nest their HTML too deep to be read; "
                            "a page needs a few dozen levels") from exc
    return with_policy(cleaned)
