"""Gather a portfolio from the file system: the journeys under some paths and their project file."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Optional, Sequence

from journeymap.findings import Finding
from journeymap.journey.project import Project, find_project, project_for
from journeymap.pipeline import Checked, check_file, discover
from journeymap.portfolio.rollup import Portfolio, build_portfolio


def check_all(files: Sequence[str], ignore: frozenset[str] = frozenset()) -> list[Checked]:
    """Check every journey file with the project file that applies to it (each read once), and
    that no two of them share a journey id (:func:`shared_ids`).

    Raises OSError when a journey file cannot be read.
    """
    projects: dict[Optional[Path], Optional[Project]] = {}
    result = []
    for path in files:
        where = find_project(path)
        if where not in projects:
            projects[where] = project_for(path)
        result.append(check_file(path, ignore, projects[where]))
    return shared_ids(result)


def shared_ids(checked: Sequence[Checked]) -> list[Checked]:
    """``checked`` with E006 at every journey whose id another one has too.

    ``build`` names a journey's outputs and the portfolio its journeys by the id, so two journeys
    with one id cannot both be built or rolled up: ``check`` says so first, at the ``id:`` (or at
    the file's start, when the id comes from the file name).
    """
    # id -> the files that have it, one path per real file: a journey named twice
    # (a.journey.yaml and ./maps/../a.journey.yaml) is one journey, not two with one id.
    files: dict[str, dict[str, str]] = {}
    for item in checked:
        if item.journey is not None:
            files.setdefault(item.journey.id, {}).setdefault(os.path.realpath(item.path), item.path)
    result = []
    for item in checked:
        journey = item.journey
        same = files.get(journey.id, {}) if journey is not None else {}
        others = [p for real, p in same.items() if real != os.path.realpath(item.path)]
        if journey is None or not others:
            result.append(item)
            continue
        source = "" if journey.id_pos else " (from the file name)"
        how = "change this `id:`" if journey.id_pos else "add `id:` with one of its own"
        line, column = journey.id_pos or (1, 1)
        message = (f"journey id {journey.id!r}{source} is also the id of {' and '.join(others)}; build and "
                   f"the portfolio tell journeys apart by their ids: {how}")
        result.append(replace(item, findings=(*item.findings, Finding("E006", message, item.path, line, column))))
    return result


def portfolio_project(paths: Sequence[str]) -> Optional[Project]:
    """The project file of a portfolio: the one that applies to the first path."""
    return project_for(paths[0]) if paths else None


def load_portfolio(paths: Sequence[str], ignore: frozenset[str] = frozenset()) -> Portfolio:
    """The portfolio of every journey under ``paths`` (files or folders, searched recursively).

    Raises FileNotFoundError for a path that does not exist and OSError for an unreadable file.
    """
    files = discover(paths)
    return build_portfolio(check_all(files, ignore), portfolio_project(paths), ignore)


def folder_warnings(folder: str, checked: Sequence[Checked], ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """The portfolio checks (W115) of the journeys found under one folder given to ``check``.

    A folder is a portfolio when a project file applies to it or it holds two or more journeys: a
    lone journey (``journeymap init`` in a new folder) has W109 for its own count instead.
    """
    project = project_for(folder)
    if not checked or (project is None and len(checked) < 2):
        return []
    return [f for f in build_portfolio(checked, project, ignore).findings if f.code == "W115"]
