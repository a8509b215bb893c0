"""Load a version of a journey named as ``PATH`` or ``REV:PATH`` (for ``diff`` and ``brief --since``)."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from typing import Any, Optional

import click
from msgspec.structs import replace

from journeymap.changes.compare import compare
from journeymap.changes.gitread import (GitError, MissingAtRevision, read_revision, renamed_at, revision_facts,
                                        split_spec)
from journeymap.changes.report import verdict
from journeymap.cli.common import EXIT_FINDINGS, STDIN, STDIN_NAME, closest_file, read_stdin
from journeymap.journey.project import Project, is_project_text, project_for, project_from_bytes
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.journey.regularfile import read_regular
from journeymap.map.pdfstamp import long_date
from journeymap.findings import Finding
from journeymap.pipeline import Checked, check_bytes
from journeymap.report import as_text, counted


class NotAtRevision(click.UsageError):
    """``REV:PATH`` names a revision at which the journey did not exist; ``moved`` is the path it
    had there, when it was renamed or moved since (else None)."""

    def __init__(self, message: str, moved: Optional[str] = None) -> None:
        super().__init__(message)
        self.moved = moved


def spec_path(spec: str) -> str:
    """The working-tree path a ``PATH`` or ``REV:PATH`` argument names."""
    parts = split_spec(spec)
    return spec if parts is None else parts[1]


def read_version(spec: str) -> tuple[bytes, str, Optional[Project]]:
    """The bytes of a ``PATH``, ``REV:PATH`` or ``-`` (standard input) argument, the path to report
    and, for ``REV:PATH``, the project file that applied at REV (SPEC 1.2; else None)."""
    if spec == STDIN:
        return read_stdin(), STDIN_NAME, None
    parts = split_spec(spec)
    if parts is None:
        try:
            return read_regular(spec), spec, None  # at most the 5 MB limit and one byte
        except OSError as exc:
            # as the other commands say it, with the look-alike beside it (audit DY)
            close = closest_file(spec) if isinstance(exc, FileNotFoundError) and not os.path.lexists(spec) else None
            said = f"{spec} does not exist" if isinstance(exc, FileNotFoundError) else \
                f"cannot read {spec}: {exc.strerror or exc}"
            raise click.UsageError(said + (f"; did you mean {close}?" if close else "")) from exc
    rev, path = parts
    try:
        data, found = read_revision(rev, path)
    except MissingAtRevision as exc:
        moved = renamed_at(rev, path)
        raise NotAtRevision(f"{rev}:{moved}, its old path, is the version to compare: {path} was {moved} at "
                            f"{rev} (renamed or moved since)" if moved else str(exc), moved) from exc
    except GitError as exc:
        raise click.UsageError(str(exc)) from exc
    return data, path, project_from_bytes(found[1], f"{rev}:{found[0]}") if found is not None else None


def check_version(spec: str, other: str = "") -> Checked:
    """Load and check one version, errors or not.

    The project file that applies (SPEC 1.2) is the one of the same version: for ``REV:PATH``
    the nearest ``journeymap.yaml`` as it was at REV. Standard input is read as a
    version of ``other`` (the other side of a diff) when that names a path, else as a journey in
    the current folder.
    """
    data, path, project = read_version(spec)
    if os.path.basename(path) in PROJECT_FILE_NAMES and is_project_text(data):
        # told as render and brief tell it, not as a journey missing its title
        raise click.UsageError(f"{spec} is the project file (the department registry of the journeys beside it), "
                               "not a journey; diff compares two versions of one journey file")
    if split_spec(spec) is not None:  # a revision: its own project file, or none
        return check_bytes(data, path, project=project)
    beside = spec_path(other) if other and other != STDIN else "."
    return check_bytes(data, path, project=project_for(beside if spec == STDIN else path))


def version_errors(spec: str, checked: Checked) -> list[Finding]:
    """The errors of one version, an old one's named ``REV:PATH`` (they are not in the working
    tree's file)."""
    errors = [f for f in checked.findings if f.is_error]
    parts = split_spec(spec) if spec != STDIN else None
    if parts is not None:
        errors = [replace(f, path=f"{parts[0]}:{f.path}") if f.path == checked.path else f for f in errors]
    return errors


def require_ok(*versions: tuple[str, Checked]) -> list[Checked]:
    """The versions, when none has errors; else exit 1 after printing every faulty version's errors
    (the journey's, or its project file's: SPEC 1.2 says they apply to it)."""
    faulty = [(spec, checked) for spec, checked in versions if not checked.ok]
    for spec, checked in faulty:
        click.echo(as_text(version_errors(spec, checked)), err=True, nl=False)
        # a past revision cannot be fixed: another must be chosen; an old version whose errors the new
        # one does not have is repaired by the change, not the author's to fix (audit CD)
        fix = "compare a revision where it had none" if split_spec(spec) else "fix them to compare it"
        if len(versions) == 2 and len(faulty) == 1 and spec == versions[0][0]:
            fix = "the new version has none, so this change repairs it: " + (
                fix if split_spec(spec) else "there is nothing sound to compare it with")
        click.echo(f"{checked.path if spec == STDIN else spec}: this version has errors; {fix}", err=True)
    if faulty:
        sys.exit(EXIT_FINDINGS)
    return [checked for _, checked in versions]


def _old_version(rev: str, file: str) -> tuple[str, Checked]:
    """The path ``file`` had at ``rev`` and that version, checked: a journey renamed or moved since
    (:func:`renamed_at`) is compared with its old file, where it was called new.
    Raises :class:`NotAtRevision` when it was in neither."""
    try:
        return file, check_version(f"{rev}:{file}")
    except NotAtRevision as exc:  # where git says the file was then, asked once
        if exc.moved is None:
            raise
        return exc.moved, check_version(f"{rev}:{exc.moved}")


def _day_or_time(at: datetime) -> str:
    """A commit's time as the heading says it: its day, or, on the briefing's own day, its time too
    ("since 14:05 on 3 December 2026"): "What changed since 3 December 2026" in a briefing dated
    3 December 2026 read as nothing having changed (audit CJ), and "since 14:05 today" read oddly
    in a printed briefing passed around on other days (audit CQ)."""
    from journeymap.briefing.document import briefing_date

    return f"{at:%H:%M} on {long_date(at.date())}" if at.date() == briefing_date() else long_date(at.date())


def revision_label(rev: str, facts: Optional[tuple[str, datetime, Optional[str]]]) -> str:
    """A revision as a heading names it, from its :func:`~journeymap.changes.gitread.revision_facts`:
    ``main (3f2a1b0, 1 September 2026)``, a tag by its name, a commit id given alone as ``3f2a1b0
    of 1 September 2026``; what was typed where git cannot say (``facts`` None)."""
    given = rev[:12] if re.fullmatch(r"[0-9a-f]{40}", rev) else rev
    if facts is None:
        return given
    when = _day_or_time(facts[1])
    if facts[2] is None and (facts[0].startswith(given) or given.startswith(facts[0])):
        return f"{facts[0]} of {when}"
    return f"{facts[2] or given} ({facts[0]}, {when})"


def since_context(rev: str, file: str, checked: Checked) -> dict[str, Any]:
    """The briefing's "What changed since ..." section for ``file`` against revision ``rev``.

    The heading names the version as its readers know it: a tag by its name ("since v1.2"), any
    other revision by its commit's day ("since 28 November 2026"): "since HEAD~2" or a commit id
    said nothing to an executive, and the time of day was noise to one that wrapped
    the running head. The note under it gives the revision as it was asked for
    (``given``; empty when that is the commit's id) and the commit with its date and time, which
    tell two commits of one day apart, for the team.
    """
    from journeymap.changes.briefrows import briefing_rows

    given = rev[:12] if re.fullmatch(r"[0-9a-f]{40}", rev) else rev  # a whole commit id is 40 letters
    facts = revision_facts(rev, file)
    shown = given if facts is None else facts[2] or _day_or_time(facts[1])
    when = None if facts is None else f"{long_date(facts[1].date())}, {facts[1]:%H:%M}"
    if facts is not None and (facts[0].startswith(given) or given.startswith(facts[0])):
        given = ""  # the commit's own id: the note names it once
    about = {"revision": shown, "given": given, "commit": f"{facts[0]} of {when}" if facts else None}
    then = shown if facts is None or facts[2] else f"the version of {shown}"
    try:
        before, old = _old_version(rev, file)
    except NotAtRevision:  # a journey added since: the usual case in its first pull request
        return {**about, "summary": f"This journey is new: it did not exist in {then}.", "regression": False,
                "rows": []}
    except click.UsageError as exc:  # said of what was typed: "HEAD:x.journey.yaml" was not
        raise click.UsageError(f"--since {rev}: {exc.message}") from exc
    if not old.ok:  # the briefing is still written: a past version cannot be mended
        errors = version_errors(f"{rev}:{before}", old)
        click.echo(as_text(errors), err=True, nl=False)
        click.echo(f"{rev}:{before}: that version has errors: the briefing says that what changed since it "
                   "cannot be told; give --since a revision where it had none", err=True)
        return {**about, "summary": f"What changed cannot be told: {then} of this journey has "
                f"{counted(len(errors), 'error')} in its file.", "regression": False, "rows": []}
    assert old.analysis is not None and checked.analysis is not None
    d = compare(old.analysis, checked.analysis, old.findings, checked.findings)
    return {**about, "summary": verdict(d), "regression": bool(d.regressions), "rows": briefing_rows(d)}
