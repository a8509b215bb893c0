"""Where commands find their journeys: the paths named (each folder searched), or, named none,
``maps/`` or the current folder."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

import click

from journeymap.cli.common import EXIT_USAGE, STDIN
from journeymap.cli.notes import say_skipped
from journeymap.pipeline import discover, distinct_files


def given_output(_ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """``-o``'s value, refused empty: ``-o ""`` (a CI step's unset variable) wrote into the
    current folder, a repository's root, or the command's default names (audit EG)."""
    if value is not None and not value.strip():
        raise click.BadParameter("is empty: give a file or folder (is a variable in the command unset?)")
    return value


def default_paths(empty_maps: bool = False) -> tuple[str, ...]:
    """Where a command without PATHS finds its journeys: ``maps/``; without it, or where it holds
    no journey file and this folder does (an empty maps/, made ahead or holding pictures, hid them:
    audit BG), the current folder (where ``journeymap init`` writes the starter, so that ``init``
    then ``build`` works: audit U), with a note on stderr; else a usage error that says both.
    ``empty_maps``: an empty maps/, or a folder with none at all, is fine (``serve`` waits in it for
    the first journey)."""
    from journeymap.pipeline import is_journey_file

    maps = Path("maps")
    if maps.is_dir() and _holds_journeys(maps):
        return ("maps",)
    here = any(is_journey_file(p) for p in sorted(Path(".").iterdir()) if p.is_file())
    if maps.is_dir() and not here:
        if empty_maps:
            return ("maps",)
        raise click.UsageError("no journey files found: maps/ holds no journey file, and this folder holds none; "
                               "name the journey files or folders, or save one into maps/ (`journeymap init "
                               "maps/` writes a starter there)")
    missing = "maps/ holds no journey file" if maps.is_dir() else "there is no maps/ folder here"
    if here:
        click.echo(f"note: {missing}; taking the journeys in this folder and below it", err=True)
        return (".",)
    below = _journeys_below(Path("."))
    if below is not None:  # "no journey files found" where `check .` found 39
        raise click.UsageError(f"{missing} and there is no journey file in this folder itself, but there "
                               f"are some below it (in {below.as_posix()}/): name the folders, or `.` for all of them")
    if empty_maps:  # the preview opened first, the first journey written after (audit DN)
        click.echo(f"note: {missing}, and this folder holds no journey file yet; watching it: save one here "
                   "(`journeymap init` writes a starter) and the preview shows it", err=True)
        return (".",)
    raise click.UsageError(f"no journey files found: {missing}, and this folder holds none; name the journey files "
                           "or folders, or run where a maps/ folder holds some (`journeymap init maps/` writes a "
                           "starter there)")


def _holds_journeys(folder: Path) -> bool:
    """Whether ``folder`` holds a journey file, at any depth, as the command's own scan finds them
    (it stops at the first)."""
    from journeymap.pipeline import journeys_in

    try:
        return next(journeys_in(folder), None) is not None
    except OSError:
        return True  # unreadable: told when it is read, as a folder named on the command line is


def _journeys_below(root: Path, depth: int = 3, most: int = 2000) -> Optional[Path]:
    """The first folder under ``root`` (``depth`` levels down at most, looking at ``most`` entries
    at most, folders a scan skips left out, as :func:`~journeymap.pipeline.journeys_in` leaves
    them) that holds a journey file, or None."""
    from journeymap.pipeline import is_journey_file, skipped_folder

    level, seen = [root], 0
    for _ in range(depth):
        deeper = []
        for folder in level:
            try:
                entries = sorted(folder.iterdir())
            except OSError:
                continue
            seen += len(entries)
            if folder != root and any(is_journey_file(e) for e in entries if e.is_file()):
                return folder
            deeper += [e for e in entries
                       if e.is_dir() and not e.is_symlink() and not skipped_folder(str(folder), e.name)]
            if seen > most:
                return None
        level = deeper
    return None


def nothing_found(where: str) -> str:
    """What ``check``, ``build`` and ``portfolio`` say of paths that hold no journey file."""
    return (f"no journey file found in {where} (looked for *.journey.yaml files and YAML files whose top level "
            "has the key `journeymap`); check the path")


def journey_files(paths: Sequence[str], *, github: bool = False) -> list[str]:
    """The journey files named or found under ``paths`` (``-`` kept as is, once); what the search
    skipped told on stderr (``github``: as workflow commands, :func:`~.notes.say_skipped`).

    Exits with the usage status 2 when a folder named holds no journey file, even when others
    do: a mistyped path in CI must not pass as "nothing to check".
    """
    skipped: list[str] = []
    found = {p: discover([p], skipped) for p in dict.fromkeys(paths) if p != STDIN}
    say_skipped(skipped, github=github)
    empty = [p for p, under in found.items() if not under and Path(p).is_dir()]
    files = distinct_files(f for under in found.values() for f in under)
    if STDIN in paths:
        files.insert(0, STDIN)
    if empty or not files:
        where = ", ".join(empty or paths)
        click.echo(f"error: {nothing_found(where)}", err=True)
        sys.exit(EXIT_USAGE)
    return files
