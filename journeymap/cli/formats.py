"""The output formats by their file names: the suffix an output of each is written with, the
suffixes that name it, and what a message calls it. One table for every command (review BM: four
modules kept their own, with ``md``/``markdown``, ``mmd``/``mermaid`` and ``htm``/``html`` spelt in
each).

>>> format_named_by("portfolio.htm", ("html", "pdf")), suffix_of("markdown"), title_of("md")
('html', 'md', 'Markdown')
"""

from __future__ import annotations

from pathlib import PurePath
from typing import NamedTuple, Optional, Sequence


class Format(NamedTuple):
    """How one format's files are named, and what it is called."""

    suffix: str
    named_by: tuple[str, ...]
    title: str


FORMATS: dict[str, Format] = {
    "svg": Format("svg", ("svg",), "SVG"),
    "png": Format("png", ("png",), "PNG"),
    "pdf": Format("pdf", ("pdf",), "PDF"),
    "dot": Format("dot", ("dot",), "DOT"),
    "html": Format("html", ("html", "htm"), "HTML"),
    "json": Format("json", ("json",), "JSON"),
    "markdown": Format("md", ("md", "markdown"), "Markdown"),
    "mermaid": Format("mmd", ("mmd", "mermaid"), "Mermaid"),
}
#: The other names a format is given by (``--format md``, a build's ``md``).
ALIASES = {"md": "markdown", "mmd": "mermaid", "htm": "html"}


def canonical(name: str) -> str:
    """A format's own name for ``name`` or an alias of it (``md`` is ``markdown``)."""
    return ALIASES.get(name, name)


def _format(name: str) -> Format:
    return FORMATS[canonical(name)]


def suffix_of(name: str) -> str:
    """The suffix an output of format ``name`` (or an alias) is written with."""
    return _format(name).suffix


def title_of(name: str) -> str:
    """What a message calls format ``name`` ("Markdown", "SVG")."""
    return _format(name).title


def names(path: str, name: str) -> bool:
    """Whether the suffix of ``path`` names format ``name`` (``.htm`` names HTML)."""
    return PurePath(path).suffix.lower().lstrip(".") in _format(name).named_by


def format_named_by(path: Optional[str], among: Sequence[str]) -> Optional[str]:
    """The first of the formats ``among`` that the suffix of ``path`` names, else None (also for
    no path, or ``-`` for standard output)."""
    if not path or path == "-":
        return None
    return next((name for name in among if names(path, name)), None)
