"""Gather a portfolio from the file system: the journeys under some paths and their project file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional, Sequence

from journeymap.findings import Finding
from journeymap.journey.project import Project, find_project, project_for
from journeymap.outputs import utf8_text
from journeymap.pipeline import Checked, check_file, discover
from journeymap.portfolio.rollup import Portfolio, build_portfolio


def check_all(files: Sequence[str], ignore: frozenset[str] = frozenset(),
              unread: Optional[list[OSError]] = None) -> list[Checked]:
    """Check every journey file with the project file that applies to it (each read once).

    Two journeys may share a journey id: SPEC 2 gives E006 to departments, stages and
    touch-points only. ``build``, which names its outputs by the id, refuses such journeys itself.
    Raises OSError when a journey file cannot be read; with ``unread``, the error goes there and
    the other files are checked (``check``: a CI step reading its JSON report got none, audit EG).
    """
    projects: dict[Optional[Path], Optional[Project]] = {}
    result = []
    for path in files:
        try:
            where = find_project(path)
            if where not in projects:
                projects[where] = project_for(path)
            result.append(check_file(path, ignore, projects[where]))
        except OSError as exc:
            if unread is None:
                raise
            unread.append(exc)
    return result


def portfolio_project(paths: Sequence[str], files: Sequence[str] = ()) -> Optional[Project]:
    """The project file of a portfolio: the one every journey of ``files`` is checked with, where
    they share one; else the one that applies to the first path. Searched up from the path alone,
    ``portfolio .`` above ``cx/journeymap.yaml`` lost its bounds and organisation while its
    journeys kept its registry (audit CR)."""
    shared = {find_project(f) for f in files}
    if len(shared) == 1 and (only := shared.pop()) is not None:
        return project_for(str(only))
    return project_for(paths[0]) if paths else None


def load_portfolio(paths: Sequence[str], ignore: frozenset[str] = frozenset()) -> Portfolio:
    """The portfolio of every journey under ``paths`` (files or folders, searched recursively).

    Raises FileNotFoundError for a path that does not exist and OSError for an unreadable file.
    """
    files = discover(paths)
    return build_portfolio(check_all(files, ignore), portfolio_project(paths, files), ignore,
                           groups=project_groups(files))


def projects_of(files: Sequence[str]) -> list[Optional[Path]]:
    """The project files ``files`` come under, in the order they first apply (None for those under
    none), each once however it is named (``maps/x`` and ``$PWD/maps/y``: review FO)."""
    found: dict[Optional[str], Optional[Path]] = {}
    for path in files:
        project = find_project(path)
        found.setdefault(os.path.realpath(project) if project is not None else None, project)
    return list(found.values())


def project_groups(files: Sequence[str]) -> int:
    """How many project files ``files`` come under (those under none count as one more)."""
    return len(projects_of(files))


def folder_warnings(checked: Sequence[Checked], ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """The portfolio checks (W115) of ``checked``, the journeys found under one folder given to
    ``check`` (SPEC 2: "by check on a folder"), also when it holds a single journey. The journeys
    are counted by the project file each is checked with, against its bounds (SPEC 1.2: a project
    file applies to the journeys in its folder and below); those under none, by the default
    bounds. Under one project file (or none) that is what ``portfolio`` reports for the folder; under
    several, the portfolio counts them all against its first path's (:func:`portfolio_project`)."""
    groups: dict[Optional[Path], list[Checked]] = {}
    for c in checked:
        groups.setdefault(find_project(c.path), []).append(c)
    findings: list[Finding] = []
    for where, group in groups.items():
        # those under none by the defaults, as they were checked: the folder's project file, found
        # above a git repository's top they stopped at, was told of as "no project file" (review FK)
        project = project_for(str(where)) if where is not None else None
        # the group named where the folder holds more than one: "the one journey of this portfolio"
        # was a folder's four to its reader, whom `portfolio` told of all four (audit FI)
        scope = "of this portfolio" if len(groups) == 1 else (
            f"that {utf8_text(str(where))} applies to" if where is not None else "that no project file applies to")
        findings += [f for f in build_portfolio(group, project, ignore, scope).findings if f.code == "W115"]
    return findings


def folders_warnings(paths: Iterable[str], checked: Iterable[Checked],
                     ignore: frozenset[str] = frozenset()) -> list[Finding]:
    """The portfolio checks (W115) of each folder among ``paths``, over the journeys of ``checked``
    found under it, each once: what ``check PATHS`` reports, and the build's index counts (it ran
    them over all the paths together, as ``portfolio`` does, and counted other warnings than the
    CI gate when two folders were built: review Y). A folder named twice, ``maps`` and
    ``maps/../maps``, lists its files under either spelling: they are matched by real path."""
    by_path = {os.path.realpath(c.path): c for c in checked}
    findings: list[Finding] = []
    for folder in (p for p in paths if Path(p).is_dir()):
        found = [by_path[key] for key in map(os.path.realpath, discover([folder])) if key in by_path]
        findings.extend(folder_warnings(found, ignore))
    # once at a place: `check . cx` told cx's journeys as "of this portfolio" and, from `.`, as
    # those "that cx/journeymap.yaml applies to", two warnings for one (review FK)
    kept: dict[tuple[str, str, int, int], Finding] = {}
    for finding in findings:
        kept.setdefault((finding.code, finding.path, finding.line, finding.column), finding)
    return list(kept.values())
