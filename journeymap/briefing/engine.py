"""Loading the PDF engine (WeasyPrint) once per process, quickly, with a plain error when it is missing.

WeasyPrint finds Pango, HarfBuzz and fontconfig by trying several spellings of each library's
name (the Windows, macOS and Linux ones) through ``ctypes.util.find_library``. On Linux a name the
dynamic linker's cache does not know then costs a run of ``gcc`` and one of ``ld`` (about 8 ms);
16 of WeasyPrint's 22 names miss, so 0.13 s of its 0.35 s import went to looking for Windows
DLLs. While WeasyPrint loads, :func:`_cache_only` answers from the linker cache alone (listed
once, not once per name), which is where a system's packages put these libraries. Anything that
loads them from elsewhere (a library only ``gcc`` would find) makes the fast import fail, and
WeasyPrint is then imported again exactly as it would be without us.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import io
import os
import re
import struct
import subprocess
import sys
import threading
from typing import Any, Callable, Iterator, Optional

INSTALL_HINT = ("install Pango and WeasyPrint: on Debian/Ubuntu "
                "'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0', on macOS 'brew install pango', "
                "then 'pip install weasyprint'")

FONT_HINT = ("install DejaVu Sans, the font journeymap sets its pages in: on Debian/Ubuntu "
             "'sudo apt-get install fonts-dejavu-core', on macOS 'brew install --cask font-dejavu'")


#: One import at a time: the lookup is swapped process-wide while WeasyPrint loads.
_LOCK = threading.Lock()


class PdfError(Exception):
    """Base of the PDF engine's errors (the CLI maps them to exit status 3)."""


class PdfEngineMissing(PdfError):
    """WeasyPrint or the Pango libraries it needs cannot be loaded (exit status 3 in the CLI)."""


#: The ABI tag ``ldconfig -p`` prints for this machine's libraries, as ``ctypes.util`` reads it.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


def _cache_lookup() -> Optional[Callable[[str], Optional[str]]]:
    """The linker-cache step of ``find_library`` on glibc Linux, or None where it does not exist.

    ``ctypes.util`` runs ``ldconfig -p`` for every name asked (22 runs, 22 ms); this lists the
    cache once and reads each name from the listing in the same way.
    """
    stdlib: Optional[Callable[[str], Optional[str]]] = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or stdlib is None:
        return None
    try:
        listing = subprocess.run(["/sbin/ldconfig", "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return stdlib
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = _ABI.get(machine, "libc6")

    def lookup(name: str) -> Optional[str]:
        found = re.search(os.fsencode(r"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(name), abi)), listing)
        return os.fsdecode(found.group(1)) if found else None

    return lookup


def subset_library() -> str:
    """The HarfBuzz subsetting library the linker cache lists ("" where it lists none, or there is
    no cache to ask). WeasyPrint subsets fonts with it when it is there, and with fontTools when it
    is not, so the PDFs' bytes differ: it is part of the build cache's key."""
    lookup = _cache_lookup()
    return (lookup("harfbuzz-subset") or "") if lookup is not None else ""


@contextlib.contextmanager
def _cache_only(lookup: Callable[[str], Optional[str]]) -> Iterator[None]:
    """For the block, ``ctypes.util.find_library`` is ``lookup`` (the linker cache alone)."""
    original = ctypes.util.find_library
    ctypes.util.find_library = lookup  # type: ignore[assignment]  # same call, a narrower search
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _weasyprint_modules() -> set[str]:
    return {n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")}


def _import() -> Any:
    import weasyprint

    return weasyprint


def load_weasyprint() -> Any:
    """WeasyPrint, imported (quickly the first time; see the module's docstring).

    Raises :class:`PdfEngineMissing` when WeasyPrint or the libraries it needs cannot be loaded.
    What WeasyPrint prints to stdout when Pango is missing is swallowed; the error says what to do.
    """
    # Loaded whole before: returned with stdout left alone, as it is the whole process's, other
    # threads' too (review EB). Not from sys.modules alone, which holds a module while it is still
    # being imported: a second thread got one without its HTML class (review EC).
    loaded = _LOADED[0] if _LOADED else None
    if loaded is not None and sys.modules.get("weasyprint") is loaded:
        return loaded
    from journeymap.map.fonts import any_font

    if not any_font():  # before Pango is loaded: it crashes without a font (audit FX)
        raise PdfEngineMissing(f"no font is installed (fontconfig lists none), and the PDF engine cannot set text "
                               f"without one; {FONT_HINT}")
    with _LOCK, contextlib.redirect_stdout(io.StringIO()):
        _LOADED[:] = [_imported()]
        return _LOADED[0]


#: WeasyPrint once :func:`load_weasyprint` has imported it whole.
_LOADED: list[Any] = []


def _imported() -> Any:
    """WeasyPrint imported (under the lock, stdout taken): the linker cache first, the first time."""
    lookup = None if "weasyprint" in sys.modules else _cache_lookup()  # lists the cache: first load only
    if lookup is not None:
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
