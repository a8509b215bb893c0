"""The names of the files a build writes: each journey's outputs and the site's own pages."""

from __future__ import annotations

import os
import re
from typing import Iterable, Sequence

from journeymap.journey.slug import SLUG_PATTERN, slugify

#: The site's index page, written by ``journeymap build`` next to the outputs.
INDEX = "index.html"
#: Every output format a journey can have in a build (``build --formats``).
JOURNEY_FORMATS = ("svg", "png", "pdf", "html", "json", "md")
#: The portfolio's files in a build: ``portfolio.<ext>``, by the export each extension holds.
PORTFOLIO_NAME = "portfolio"
PORTFOLIO_FORMATS = {"html": "html", "pdf": "pdf", "json": "json", "md": "markdown"}
#: Every page the build writes itself; no journey's output may take one of these names.
_SITE_PAGES = frozenset({INDEX, *(f"{PORTFOLIO_NAME}.{ext}" for ext in PORTFOLIO_FORMATS)})


def output_name(journey_id: str, fmt: str) -> str:
    """The file name of one output: ``<id>.<fmt>`` (``journey_id`` is the journey's output stem:
    :func:`output_stems`), but never the name of a page the build writes
    itself (the index, the portfolio's files).

    A journey with ``id: index`` gets ``index.briefing.html`` for its HTML briefing, one with
    ``id: portfolio`` ``portfolio.briefing.pdf`` and so on; ids have no dots, so such a name
    cannot be another journey's.

    >>> output_name("claim", "html"), output_name("index", "html"), output_name("index", "svg")
    ('claim.html', 'index.briefing.html', 'index.svg')
    >>> output_name("portfolio", "pdf"), output_name("portfolio", "svg")
    ('portfolio.briefing.pdf', 'portfolio.svg')
    """
    name = f"{journey_id}.{fmt}"
    return f"{journey_id}.briefing.{fmt}" if name in _SITE_PAGES else name


#: The part of a stem after the mark: a slug, perhaps numbered (``a-2``).
_TOLD = re.compile(r"[a-z0-9][a-z0-9_-]{0,79}")
#: Between a shared journey id and the stem that tells its file apart: ``home-claim@motor``.
STEM_MARK = "@"


def _file_slug(relative: str) -> str:
    """A journey file's path (relative to the folder it was found under) as a slug, without the
    journey suffix: ``retail/claims.journey.yaml`` -> ``retail-claims``."""
    folder, _, name = relative.replace(os.sep, "/").rpartition("/")
    for suffix in (".journey.yaml", ".journey.yml", ".yaml", ".yml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return slugify(f"{folder}/{name}" if folder else name) or "journey"


def _relative(path: str, roots: Sequence[str]) -> str:
    """``path`` relative to the first of ``roots`` (the command's inputs, in order) that names it or
    holds it: a file named itself is told by its file name, one found in a folder by its path in it."""
    where = os.path.abspath(path)
    for root in roots:
        top = os.path.abspath(root)
        if top == where:
            break
        inside = os.path.relpath(where, top)
        if inside != os.pardir and not inside.startswith(os.pardir + os.sep):
            return inside
    return os.path.basename(path)


def output_stems(journeys: Iterable[tuple[str, str]], roots: Sequence[str] = ()) -> dict[str, str]:
    """``{path: output stem}`` for ``(id, path)`` journeys: what their outputs are named by
    (:func:`output_name`). A journey whose id no other has keeps its id; those that share one (a
    journey copied to start another, two ``claims.journey.yaml`` in sub-folders) get
    ``<id>@<stem>``, the stem being the slug of the file's path relative to the input folder of
    ``roots`` it was found under (its file name when named itself), numbered ``-2``, ``-3`` in
    path order should two stems be one slug.

    >>> output_stems([("claim", "maps/a.journey.yaml"), ("claim", "maps/b.journey.yaml"), ("x", "x.yaml")])
    {'maps/a.journey.yaml': 'claim@a', 'maps/b.journey.yaml': 'claim@b', 'x.yaml': 'x'}
    >>> output_stems([("c", "A.journey.yaml"), ("c", "a.journey.yaml"), ("c", "a-2.journey.yaml")])
    {'A.journey.yaml': 'c@a', 'a-2.journey.yaml': 'c@a-2', 'a.journey.yaml': 'c@a-3'}
    """
    by_id: dict[str, list[str]] = {}
    for ident, path in journeys:
        by_id.setdefault(ident, []).append(path)
    stems: dict[str, str] = {}
    for ident, paths in by_id.items():
        if len(paths) == 1:
            stems[paths[0]] = ident
            continue
        natural = {path: _file_slug(_relative(path, roots)) for path in paths}
        used, taken = set(natural.values()), set()
        for path in sorted(paths):
            stem = natural[path]
            if stem in taken:
                number = 2
                while f"{stem}-{number}" in used:
                    number += 1
                stem = f"{stem}-{number}"
                used.add(stem)
            taken.add(stem)
            stems[path] = f"{ident}{STEM_MARK}{stem}"
    return stems


def stem_of(entry_journey: str, entry_stem: object) -> str:
    """The output stem a manifest entry records: its ``stem`` when it has one (a journey whose id
    is shared), else its journey id."""
    return entry_stem if isinstance(entry_stem, str) and entry_stem else entry_journey


def is_stem(stem: str) -> bool:
    """Whether ``stem`` (read from a manifest) is one a build makes: an id, or ``<id>@<slug>``; no
    ``/`` or ``..`` can be in it, so an edited manifest names no file outside the output folder."""
    ident, _, told = stem.partition(STEM_MARK)
    return bool(re.fullmatch(SLUG_PATTERN, ident)) and (not told or bool(_TOLD.fullmatch(told)))
