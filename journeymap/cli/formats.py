"""The output formats by their file names: the suffix an output of each is written with, the
suffixes that name it, and what a message calls it. One table for every command (review BM: four
modules kept their own, with ``md``/``markdown``, ``mmd``/``mermaid`` and ``htm``/``html`` spelt in
each).

>>> format_named_by("portfolio.htm", ("html", "pdf")), suffix_of("markdown"), title_of("md")
('html', 'md', 'Markdown')
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import NamedTuple, Optional, Sequence

from journeymap.outputs import is_special


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


def suffix_note(target: str, fmt: str, asked: str) -> str:
    """A word when the file's name says another format than it holds (``-o map.jpg`` is SVG);
    ``asked`` is the option that chose the format, if one did."""
    if names(target, fmt) or is_special(Path(target)):
        return ""  # (/dev/null has no name to fix)
    what = title_of(fmt)
    if asked:
        return f" (it holds {what}, as {asked} said: name it .{fmt})"
    suffix = PurePath(target).suffix.lower().lstrip(".")
    if fmt == "svg" and suffix in _PICTURES:  # -o map.jpg for a slide: the file would not open (audit DN)
        return (f" (it holds {what}: journeymap writes no {suffix.upper()}; for a picture to paste into slides "
                f"name it .png, or give --format png; else name it .svg)")
    return f" (it holds {what}: name it .{fmt}, or give --format)"


#: Picture formats journeymap does not write, which a map's ``-o`` may name wanting one.
_PICTURES = frozenset({"jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "heic", "avif"})
