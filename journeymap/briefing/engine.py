"""Loading the PDF engine (WeasyPrint) once per process, quickly, with a plain error when it is missing.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several spellings of each library's
name (the Windows, macOS and Linux ones) through ``ctypes.util.find_library``. On Linux a name the
dynamic linker's cache does not know then costs a run of ``gcc`` and one of ``ld`` (about 8 ms);
16 of WeasyPrint's 22 names miss, so 0.13 s of its 0.35 s import went to looking for Windows
DLLs. While WeasyPrint loads, :func:`_cache_only` answers from the linker cache alone, which is
where a system's packages put these libraries. Anything that loads them from elsewhere (a
library only ``gcc`` would find) makes the fast import fail, and WeasyPrint is then imported
again exactly as it would be without us.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import sys
import threading
from typing import Any, Callable, Iterator, Optional

INSTALL_HINT = ("install Pango and WeasyPrint: on Debian/Ubuntu "
                "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', on macOS 'brew install pango', "
                "then 'pip install weasyprint'")


#: One import at a time: the lookup is swapped process-wide while WeasyPrint loads.
_LOCK = threading.Lock()


class PdfError(Exception):
    """Base of the PDF engine's errors (the CLI maps them to exit status 3)."""


class PdfEngineMissing(PdfError):
    """WeasyPrint or the Pango libraries it needs cannot be loaded (exit status 3 in the CLI)."""


def _cache_lookup() -> Optional[Callable[[str], Optional[str]]]:
    """The linker-cache step of ``find_library`` on glibc Linux, or None where it does not exist."""
    if not sys.platform.startswith("linux"):
        return None
    return getattr(ctypes.util, "_findSoname_ldconfig", None)


@contextlib.contextmanager
def _cache_only(lookup: Callable[[str], Optional[str]]) -> Iterator[None]:
    """For the block, ``ctypes.util.find_library`` is ``lookup`` (the linker cache alone)."""
    original = ctypes.util.find_library
    ctypes.util.find_library = lookup
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _weasyprint_modules() -> set[str]:
    return {n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")}


def _import() -> Any:
    import weasyprint  # type: ignore[import-untyped]

    return weasyprint


def load_weasyprint() -> Any:
    """WeasyPrint, imported (quickly the first time; see the module's docstring).

    Raises :class:`PdfEngineMissing` when WeasyPrint or the libraries it needs cannot be loaded.
    What WeasyPrint prints to stdout when Pango is missing is swallowed; the error says what to do.
    """
    with _LOCK, contextlib.redirect_stdout(io.StringIO()):
        lookup = _cache_lookup()
        if lookup is not None and "weasyprint" not in sys.modules:
            before = _weasyprint_modules()
            try:
                with _cache_only(lookup):
                    return _import()
            except (ImportError, OSError):
                for name in _weasyprint_modules() - before:  # what the failed import left behind
                    del sys.modules[name]
        try:
            return _import()
        except (ImportError, OSError) as exc:
            raise PdfEngineMissing(f"the PDF engine is not available ({exc}); {INSTALL_HINT}") from exc
