"""HTML -> PDF with WeasyPrint (the only module that touches it), and the self-contained HTML.

WeasyPrint is imported lazily, so commands that make no PDF start fast and work without Pango.
Rendering never reaches the network and reads no file outside the allowed folders (the packaged
templates and a user's ``--templates`` folder): every URL goes through a restricted fetcher that
serves ``data:`` URLs and files inside those folders only. Attachments are never embedded.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import logging
import mimetypes
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Optional
from urllib.parse import unquote, urlsplit

from journeymap.resources import templates_root

LOG = logging.getLogger(__name__)
#: Tagged PDF (structure tree, language, title, bookmarks) for screen readers: PDF/UA-1.
PDF_VARIANT = "pdf/ua-1"

INSTALL_HINT = ("install Pango and WeasyPrint: on Debian/Ubuntu "
                "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', on macOS 'brew install pango', "
                "then 'pip install weasyprint'")


class PdfError(Exception):
    """Base of the PDF engine's errors (the CLI maps them to exit status 3)."""


class PdfEngineMissing(PdfError):
    """WeasyPrint or the Pango libraries it needs cannot be loaded (exit status 3 in the CLI)."""


class PdfRenderError(PdfError):
    """WeasyPrint failed while laying out or writing the document."""


def _load_weasyprint() -> Any:
    """Import WeasyPrint, swallowing what it prints to stdout when Pango is missing."""
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink):
            import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:
        raise PdfEngineMissing(f"the PDF engine is not available ({exc}); {INSTALL_HINT}") from exc
    return weasyprint


def allowed_roots(base_dir: Optional[Path] = None) -> tuple[Path, ...]:
    """Folders whose files a briefing may use: the packaged templates and ``base_dir`` if given."""
    roots = [templates_root().resolve()]
    if base_dir is not None:
        roots.append(Path(base_dir).resolve())
    return tuple(roots)


def local_file(url: str, roots: Iterable[Path]) -> Optional[Path]:
    """The file a ``file:`` URL names, if it is a regular file inside one of ``roots``, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    inside = any(path == root or root in path.parents for root in roots)
    return path if inside and path.is_file() else None


def make_fetcher(weasyprint: Any, roots: tuple[Path, ...], refused: Optional[list[str]] = None) -> Any:
    """A URL fetcher that serves ``data:`` URLs and files inside ``roots`` only.

    A ``weasyprint.urls.URLFetcher`` subclass (WeasyPrint >= 68), else a fetcher function for
    older versions. Refused URLs are appended to ``refused`` (and logged at debug level);
    WeasyPrint then treats the resource as unavailable.
    """
    log = refused if refused is not None else []

    def allowed(url: str) -> Path:
        path = local_file(url, roots)
        if path is None:
            log.append(url)
            LOG.debug("refused to fetch %s", url)
            raise ValueError(f"journeymap does not fetch {url}")
        return path

    def mime(path: Path) -> str:
        return mimetypes.guess_type(path.name)[0] or "application/octet-stream"

    urls = weasyprint.urls
    if not hasattr(urls, "URLFetcher"):
        def fetch_function(url: str) -> dict[str, Any]:
            if url[:5].lower() == "data:":
                return dict(weasyprint.default_url_fetcher(url))
            path = allowed(url)
            return {"string": path.read_bytes(), "mime_type": mime(path), "redirected_url": url}
        return fetch_function

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
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = (dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc) if epoch.isdigit()
            else dt.datetime.now(tz=dt.timezone.utc))
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _scrub(document: Any, version: str, *, title: str, author: Optional[str], subject: Optional[str]) -> None:
    """Set our metadata and drop anything that could embed a file."""
    meta = document.metadata
    meta.title = title
    meta.authors = [author] if author else []
    meta.description = subject
    meta.keywords = []
    meta.custom = {}
    meta.generator = f"journeymap (WeasyPrint {version})"
    meta.created = meta.modified = _w3c_now()
    meta.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


def html_to_pdf(html: str, *, title: str, author: Optional[str], subject: Optional[str],
                base_dir: Optional[Path] = None, refused: Optional[list[str]] = None) -> bytes:
    """Render the briefing HTML to PDF bytes.

    ``base_dir`` is a user's ``--templates`` folder (relative URLs resolve there, and its files
    may be used); by default the packaged templates. Raises :class:`PdfEngineMissing` when
    WeasyPrint or Pango is missing and :class:`PdfRenderError` when rendering fails.
    """
    weasyprint = _load_weasyprint()
    roots = allowed_roots(base_dir)
    base = Path(base_dir).resolve() if base_dir is not None else templates_root().resolve() / "briefing"
    fetcher = make_fetcher(weasyprint, roots, refused)
    try:
        document = weasyprint.HTML(string=html, base_url=str(base) + os.sep, url_fetcher=fetcher).render(
            presentational_hints=False)
        _scrub(document, weasyprint.__version__, title=title, author=author, subject=subject)
        return bytes(document.write_pdf(attachments=None, presentational_hints=False, pdf_variant=PDF_VARIANT))
    except (AssertionError, ValueError, TypeError, OSError, RecursionError) as exc:
        raise PdfRenderError(f"the PDF could not be rendered: {exc}") from exc


# --- self-contained HTML -------------------------------------------------------------------

_ATTR = re.compile(r"""(\s)(src|href|xlink:href|poster|srcset|data|background|action|formaction)=(["'])(.*?)\3""",
                   re.IGNORECASE | re.DOTALL)
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"""(\sstyle=)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_TAG = re.compile(r"<(?:link|base|meta\s+http-equiv)\b[^>]*>", re.IGNORECASE)
_STYLESHEET = re.compile(r"""<link\b(?=[^>]*\brel=["']?stylesheet\b)[^>]*\bhref=(["'])(.*?)\1[^>]*>""", re.IGNORECASE)


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _inliner(base: str, roots: tuple[Path, ...]) -> Callable[[str], Optional[str]]:
    """Maps a reference to what the standalone file keeps: itself, a data: URI, or None (drop)."""
    def resolve(ref: str) -> Optional[str]:
        ref = ref.strip()
        if ref.startswith("#") or ref[:5].lower() == "data:":
            return ref
        if urlsplit(ref).scheme and not ref.lower().startswith("file:"):
            return None
        url = ref if ref.lower().startswith("file:") else Path(base, unquote(ref.split("?")[0])).as_uri()
        path = local_file(url, roots)
        return _data_uri(path) if path is not None else None
    return resolve


def _rewrite_css(css: str, resolve: Callable[[str], Optional[str]]) -> str:
    def one(match: re.Match[str]) -> str:
        target = resolve(match.group(2))
        return f'url("{target}")' if target else "none"
    return _CSS_URL.sub(one, _CSS_IMPORT.sub("", css))


def _inline_stylesheet(ref: str, resolve: Callable[[str], Optional[str]]) -> str:
    """A ``<link rel=stylesheet>`` to an allowed local file becomes a ``<style>`` element."""
    target = resolve(ref)
    if not target or not target.startswith("data:text/css;base64,"):
        return ""
    css = base64.b64decode(target.split(",", 1)[1]).decode("utf-8", "replace").replace("</", "<\\/")
    return f"<style>{_rewrite_css(css, resolve)}</style>"


def html_standalone(html: str, *, base_dir: Optional[Path] = None) -> str:
    """The briefing HTML as ONE self-contained file: no external reference of any kind.

    Our templates already inline the stylesheet and the map; this also turns references to files
    of the allowed template folders into ``data:`` URIs and drops every other reference (other
    files, ``http(s)``, ``<link>``/``<base>`` elements). User text is escaped, so only real
    markup is touched.
    """
    roots = allowed_roots(base_dir)
    base = str(Path(base_dir).resolve() if base_dir is not None else templates_root().resolve() / "briefing")
    resolve = _inliner(base, roots)

    def attr(match: re.Match[str]) -> str:
        target = resolve(match.group(4))
        return f'{match.group(1)}{match.group(2)}="{target}"' if target else ""

    out = _STYLESHEET.sub(lambda m: _inline_stylesheet(m.group(2), resolve), html)
    out = _TAG.sub("", out)
    out = _STYLE_BLOCK.sub(lambda m: m.group(1) + _rewrite_css(m.group(2), resolve) + m.group(3), out)
    out = _STYLE_ATTR.sub(lambda m: m.group(1) + m.group(2) + _rewrite_css(m.group(3), resolve) + m.group(2), out)
    return _ATTR.sub(attr, out)
