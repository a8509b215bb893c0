"""Notes on stderr: things a command tells that are not findings (SPEC 2 has no code for them) and
never change its exit status."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import click

from journeymap.outputs import utf8_text
from journeymap.pipeline import Checked
from journeymap.report import counted, github_command, listed


def say_skipped(skipped: Sequence[str], *, github: bool = False) -> None:
    """A note on stderr for each file a folder's scan left out that a reader would take for a
    journey: a journey-named symlink leading out of the folder, or a YAML file that is not a
    journey but looks like one (:func:`~journeymap.pipeline.near_miss`), or a folder that could
    not be read. Named on the command line, any is read. With ``github``, a ``::notice`` as
    :func:`say_lost_texts` gives (a plain line there was no annotation: audit EG)."""
    for path in skipped:
        if github:
            click.echo(github_command("notice", path, 1, 1, "skipped", f"skipped {skipped_why(path)}"),
                       err=True, nl=False)
        else:
            click.echo(f"note: skipped {skipped_why(path)}", err=True)


def skipped_why(path: str) -> str:
    """A skipped file and why, for a note: "<path>: a symlink leading out of the folder ..."."""
    from journeymap.pipeline import near_miss

    if os.path.isdir(path) and not os.path.islink(path):
        from journeymap.pipeline import skipped_folder

        if skipped_folder(os.path.dirname(path), os.path.basename(path)) and os.access(path, os.R_OK | os.X_OK):
            kind = "a hidden folder" if os.path.basename(path).startswith(".") else "another tool's folder"
            return (f"{utf8_text(path)}: {kind}, which a folder's search leaves out, holds journey files; "
                    "name them on the command line to check them")
        return (f"{utf8_text(path)}: a folder that could not be read ({_why_unreadable(path)}), so any "
                "journeys in it were left out; make it readable, or name them on the command line")
    why = None if os.path.islink(path) else near_miss(Path(path))
    if why is not None:
        return (f"{utf8_text(path)}: it looks like a journey, but {why}; fix it, or name the file on the "
                "command line to check it")
    return (f"{utf8_text(path)}: a symlink leading out of the folder searched (a folder's journeys are its own); "
            "name it on the command line to check it")


def _why_unreadable(folder: str) -> str:
    """Why ``folder`` cannot be listed, in the system's words ("Permission denied")."""
    try:
        os.listdir(folder)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return "it changed while it was read"


def say_shared_ids(shared: Mapping[str, Sequence[str]], stems: Mapping[str, str]) -> None:
    """A note on stderr for journeys that share an id (a journey copied to start another, two
    returns.journey.yaml in sub-folders): each is valid alone, and ``build`` tells their outputs
    apart by their files (``stems``, by path: :func:`~journeymap.site.names.output_stems`), which
    a reader of the site may not expect: ``check``, ``portfolio`` and ``build`` say so, once an id."""
    for ident, paths in shared.items():
        named = [stems.get(path, ident) for path in paths]
        click.echo(f"note: {listed(paths)} share the journey id {ident!r}: build names their outputs "
                   f"{listed(named)}; give each its own `id:`", err=True)


def say_lost_texts(checked: Iterable[Checked], *, github: bool = False) -> None:
    """A note on stderr for each value YAML reads shorter than it is written, cut by a comment or
    an anchor (:attr:`journeymap.pipeline.Checked.notes`, from the bytes it was checked from, not
    read again): valid YAML, so no finding. With ``github`` (``check --format
    github``), each is a ``::notice`` workflow command, which GitHub Actions shows on the line in
    the pull request as it shows the findings (stdout keeps the findings alone, as SPEC 3 gives it)."""
    for item in checked:
        for lost in item.notes:
            if github:
                click.echo(github_command("notice", item.path, lost.line, lost.column, "cut text", lost.message()),
                           err=True, nl=False)
            else:
                click.echo(f"note: {utf8_text(item.path)}:{lost.line}:{lost.column}: {lost.message()}", err=True)


def say_projects(files: Sequence[str], first: str) -> None:
    """A note on stderr when a portfolio's journeys come under more than one project file (or
    some under none): it takes its organisation and bounds from the one that applies to its first
    path, ``first``, which was not said, while ``check`` counts the journeys of each project file by its own
    bounds."""
    from journeymap.journey.project import find_project
    from journeymap.journey.projectfile import DEFAULT_MAX_MOMENTS, DEFAULT_MIN_MOMENTS
    from journeymap.portfolio.collect import projects_of

    found = projects_of(files)  # as the portfolio's W115 counts them
    if len(found) < 2:
        return
    named = [utf8_text(str(p)) for p in found if p is not None]
    under = f"{counted(len(named), 'project file')} ({', '.join(named)})" + (", some under none" if None in found else "")
    used = find_project(first)
    # "from none (the defaults), the one that applies to nest" read as garbled (audit BO)
    takes = (f"the portfolio takes its organisation and moments-of-truth bounds from {utf8_text(str(used))}, the one "
             f"that applies to {utf8_text(first)}" if used is not None else
             f"no project file applies to {utf8_text(first)} itself, so the portfolio names no organisation and "
             f"keeps the default moments-of-truth bounds ({DEFAULT_MIN_MOMENTS} to {DEFAULT_MAX_MOMENTS})")
    click.echo(f"note: these journeys come under {under}; {takes}, while `check` counts the journeys each project "
               "file applies to against that file's bounds", err=True)


def say_undrawn(checked: Checked) -> None:
    """A note on stderr when the journey's text holds characters no font on this machine draws
    (:func:`~journeymap.map.fontgaps.undrawn`): the map and the briefing print each as a box of hex
    digits. Never a finding: the same file is fine on a machine with the font."""
    from journeymap.map.fontgaps import undrawn

    if checked.journey is None:
        return
    missing = undrawn(checked.journey)
    if not missing:
        return
    first = missing[0]
    shown = [f"{u.char} (U+{ord(u.char):04X})" for u in missing[:4]]
    chars = f"{', '.join(shown)} and {len(missing) - 4} more" if len(missing) > 4 else listed(shown)
    click.echo(f"note: {utf8_text(checked.path)}:{first.line}:{first.column}: no font on this machine draws "
               f"{chars} ({first.where} is the first to use {'it' if len(missing) == 1 else 'one'}): "
               "the map and the briefing print each as a box of hex digits; install a font that has "
               f"{'it' if len(missing) == 1 else 'them'} (on Debian or Ubuntu: fonts-noto-color-emoji for emoji, "
               "fonts-noto-cjk for Chinese, Japanese and Korean, fonts-noto-core for most other scripts)", err=True)


def say_journey_notes(checked: Checked, *, github: bool = False) -> None:
    """The notes on stderr about a valid journey's file, at their line and column: lanes out of
    service-blueprint order (:mod:`journeymap.map.layerorder`: drawn as written, but the map then
    draws the line of visibility more than once), ``ignore:`` lists that leave nothing out
    (:mod:`journeymap.analysis.idleignores`) and two departments of one name
    (:mod:`journeymap.analysis.twinlanes`). With ``github``, ``::notice`` lines as
    :func:`say_lost_texts` gives."""
    from journeymap.analysis.filenote import FileNote
    from journeymap.analysis.idleignores import idle_ignores
    from journeymap.analysis.twinlanes import twin_lanes
    from journeymap.map.layerorder import LayerOrder, layer_order

    if checked.journey is None:
        return
    order = layer_order(checked.journey)
    notes: list[tuple[str, LayerOrder | FileNote]] = [("lanes out of blueprint order", order)] if order else []
    notes += [("ignore: that leaves nothing out", idle) for idle in idle_ignores(checked.journey)]
    notes += [("two departments of one name", twin) for twin in twin_lanes(checked.journey)]
    for title, note in sorted(notes, key=lambda n: (n[1].line, n[1].column)):
        if github:
            click.echo(github_command("notice", checked.path, note.line, note.column, title, note.message()),
                       err=True, nl=False)
        else:
            click.echo(f"note: {utf8_text(checked.path)}:{note.line}:{note.column}: {note.message()}", err=True)


def say_unread_projects(paths: Iterable[str]) -> None:
    """A note for each project file the journeys at ``paths`` come under that is not read, as
    another user owns it (:func:`~journeymap.journey.project.passed_over`): without it, their E007s
    said only that no project file applied, beside the file (audit FX)."""
    from journeymap.journey.project import find_project, passed_over

    told: set[Path] = set()
    folders: set[str] = set()
    for path in paths:
        if os.path.dirname(path) in folders:  # the same answer for a folder's every journey
            continue
        folders.add(os.path.dirname(path))
        found = passed_over(path)
        if found is None or found[0] in told:
            continue
        told.add(found[0])
        used = find_project(path)
        instead = f"with {utf8_text(str(used))}, further up, in its place" if used else "without it"
        click.echo(f"note: {utf8_text(str(found[0]))} is not read: another user (uid {found[1]}) owns it, and no git "
                   "repository of yours holds it (anyone may leave a journeymap.yaml in a shared folder); the journeys "
                   f"under it are checked {instead}. Run journeymap as the user who owns the checkout, or copy the "
                   "file to one of your own", err=True)
