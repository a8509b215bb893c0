"""What makes a built output current (``journeymap build``): its *key*, a hash of the journey's
bytes, the output's format and page, the parts of the toolchain the format depends on
(journeymap's code and templates, Graphviz's version, the PDF engine's, a team's templates) and,
for a briefing, the day it is dated.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, Optional

from journeymap.outputs import utf8
from journeymap.resources import templates_root
from journeymap.site.names import JOURNEY_FORMATS
from journeymap.version import __version__


def _hash_files(root: Path, paths: Iterable[Path], digest: "hashlib._Hash") -> None:
    for path in sorted(paths):
        digest.update(utf8(path.relative_to(root).as_posix()))
        digest.update(path.read_bytes())


def _hash_tree(root: Path, digest: "hashlib._Hash") -> None:
    """Every file under ``root`` (a templates folder), compiled caches aside."""
    _hash_files(root, (p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts), digest)


#: The outputs Graphviz draws (the briefings hold the map) and those the PDF engine makes.
DRAWN = frozenset({"svg", "png", "pdf", "html"})
ENGINE = frozenset({"pdf"})


class Toolchain(str):
    """A toolchain key (:func:`toolchain_key`) that also holds, in :attr:`parts`, what it was made
    from as a person reads it (journeymap's version, Graphviz's, the PDF engine's): the manifest
    keeps them beside each output's key, so ``build --check`` can say what changed (audit CB)."""

    parts: dict[str, str]

    def __new__(cls, key: str, parts: Optional[dict[str, str]] = None) -> "Toolchain":
        made = super().__new__(cls, key)
        made.parts = dict(parts or {})  # (none when pickle makes it: it sets them after)
        return made


def toolchain_key(timeout: float = 120.0, templates: Optional[Path] = None,
                  formats: Iterable[str] = JOURNEY_FORMATS) -> Toolchain:
    """A hash of everything besides the journey that shapes the outputs (a team's templates too),
    in three parts: journeymap's code and templates, Graphviz's version, the PDF engine's. An
    output's key takes the parts its format depends on (:func:`tools_for`), so a WeasyPrint
    upgrade leaves the JSON current, and a build of ``formats`` that draws nothing asks neither
    Graphviz nor the engine (audit AH: every build ran ``dot -V`` and ``ldconfig``)."""
    from journeymap.map.graphviz import graphviz_version

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent.parent  # every module of every subpackage
    _hash_files(package, (p for p in package.rglob("*.py") if "__pycache__" not in p.parts), digest)
    _hash_tree(templates_root(), digest)
    # A team's templates shape the briefings alone: a change to one made every map and export stale.
    team = hashlib.sha256()
    if templates is not None:
        _hash_tree(templates, team)
    wanted = set(formats)
    graphviz = graphviz_version(timeout) if DRAWN & wanted else ""
    engine = _engine_versions() if ENGINE & wanted else ""
    key = "|".join((digest.hexdigest(), *(hashlib.sha256(part.encode()).hexdigest() for part in (graphviz, engine)),
                    team.hexdigest()))
    return Toolchain(key, {"journeymap": __version__, "code": digest.hexdigest(), "graphviz": graphviz,
                           "engine": engine, "templates": team.hexdigest()})


#: The outputs that are the briefing, the only ones a team's templates shape.
BRIEFINGS = frozenset({"pdf", "html"})


def tools_for(toolchain: str, fmt: str, briefing: bool = False) -> str:
    """The parts of ``toolchain`` (:func:`toolchain_key`) that output format ``fmt`` depends on, a
    team's templates only for a journey's ``briefing`` (a key without parts is taken whole)."""
    parts = toolchain.split("|")
    if len(parts) != 4:
        return toolchain
    code, graphviz, engine, team = parts
    return (code + (f"|{graphviz}" if fmt in DRAWN else "") + (f"|{engine}" if fmt in ENGINE else "")
            + (f"|{team}" if briefing else ""))


def tool_parts(toolchain: str, fmt: str, briefing: bool = False) -> dict[str, str]:
    """What of ``toolchain`` output format ``fmt`` depends on (as :func:`tools_for` takes it), as
    a person reads it; nothing for a key that is not a :class:`Toolchain`."""
    parts = getattr(toolchain, "parts", None)
    if not isinstance(parts, dict):
        return {}
    wanted = ("journeymap", "code", *(("graphviz",) if fmt in DRAWN else ()), *(("engine",) if fmt in ENGINE else ()),
              *(("templates",) if briefing else ()))
    return {name: parts[name] for name in wanted}


def _engine_versions() -> str:
    """The installed versions of the PDF engine's Python packages (read from their metadata, not
    imported): an upgraded WeasyPrint draws every PDF anew, which the key must see. So
    does installing HarfBuzz's subsetter, which WeasyPrint then embeds fonts with."""
    from importlib import metadata

    found = []
    for name in ("weasyprint", "pydyf", "tinycss2", "fonttools"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} missing")
    from journeymap.briefing.engine import subset_library

    found.append(f"subsetter {subset_library() or 'fontTools'}")
    return "; ".join(found)


#: The outputs that carry the briefing's date (and, for PDF, SOURCE_DATE_EPOCH's time).
_DATED = frozenset({"pdf", "html"})


def output_key(source: bytes, fmt: str, page: str, toolchain: str, path: str = "") -> str:
    """The key of one output: journey bytes, the path the journey was named by (the JSON export
    records it), format, page (of a briefing), toolchain, and for a briefing its date and ``SOURCE_DATE_EPOCH``:
    without them, ``build --check`` called outputs current that a fresh build would change."""
    digest = hashlib.sha256(source)
    paged = page if fmt in BRIEFINGS else ""  # the page shapes the briefings alone, not the map or exports
    digest.update(utf8(f"\0{path}\0{fmt}\0{paged}\0{tools_for(toolchain, fmt, fmt in BRIEFINGS)}"))
    if fmt in _DATED:
        digest.update(f"\0{dated()}".encode())
    return digest.hexdigest()


def output_parts(journey: bytes, project: bytes, fmt: str, page: str, toolchain: str, path: str = "") -> dict[str, str]:
    """What the key of one output (:func:`output_key` of ``journey + project``) is made of, as the
    manifest keeps it beside the key: hashes of the journey, of what of its project file it uses
    and of the path (a hash: a committed manifest holds no machine's paths), and the page, tools
    and date where the format depends on them."""
    parts = {"journey": hashlib.sha256(journey).hexdigest(), "project": hashlib.sha256(project).hexdigest(),
             "path": hashlib.sha256(utf8(path)).hexdigest(), **tool_parts(toolchain, fmt, fmt in BRIEFINGS)}
    if fmt in BRIEFINGS:
        parts["page"] = page
    if fmt in _DATED:
        parts.update(date_parts())
    return parts


def date_parts() -> dict[str, str]:
    """The parts of :func:`dated`: the day, and ``SOURCE_DATE_EPOCH`` ("" when unset)."""
    from journeymap.map.pdfstamp import source_day

    return {"date": source_day().isoformat(), "epoch": os.environ.get("SOURCE_DATE_EPOCH", "")}


def dated() -> str:
    """What dates a briefing or portfolio: the day it is made for (``SOURCE_DATE_EPOCH``'s, else
    today's) and ``SOURCE_DATE_EPOCH`` itself (a PDF's metadata carries its time)."""
    from journeymap.map.pdfstamp import source_day

    return f"{source_day().isoformat()}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}"
