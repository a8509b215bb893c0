"""``journeymap --version``: the versions a bug report needs, one ``name: version`` per line."""

from __future__ import annotations

import platform
import re
from typing import Optional

from journeymap.version import FORMAT_VERSION, __version__

GRAPHVIZ_TIMEOUT = 3.0  # seconds; a `dot -V` that hangs must not hang --version


def graphviz_version(timeout: Optional[float] = None) -> str:
    """Graphviz's version number, ``not found`` without ``dot``, or what went wrong."""
    timeout = GRAPHVIZ_TIMEOUT if timeout is None else timeout
    from journeymap.map.graphviz import GraphvizError, GraphvizTimeout
    from journeymap.map.graphviz import graphviz_version as version_line

    try:
        line = version_line(timeout)
    except GraphvizTimeout:
        return f"not responding (`dot -V` took longer than {timeout:g} s)"
    except GraphvizError as exc:
        return f"not working ({exc})"
    if line == "missing":
        return "not found"
    found = re.search(r"version\s+(\S+)", line)
    return found.group(1) if found else (line or "unknown")


def pdf_engine_versions() -> tuple[str, str]:
    """The versions of WeasyPrint and Pango, or ``not found`` for both when they cannot load."""
    from journeymap.briefing.pdf import PdfError, engine_versions

    try:
        return engine_versions()
    except (PdfError, ImportError, OSError, AttributeError):
        return "not found", "not found"


def version_text() -> str:
    """The lines of ``journeymap --version``."""
    weasyprint, pango = pdf_engine_versions()
    lines = [("journeymap", __version__), ("format", str(FORMAT_VERSION)),
             ("Python", platform.python_version()),
             ("Graphviz", graphviz_version()), ("WeasyPrint", weasyprint), ("Pango", pango)]
    return "".join(f"{name}: {value}\n" for name, value in lines)
