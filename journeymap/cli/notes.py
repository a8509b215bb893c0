"""Notes on stderr: things a command tells that are not findings (SPEC 2 has no code for them) and
never change its exit status."""

from __future__ import annotations

from typing import Iterable, Sequence

import click

from journeymap.outputs import utf8_text
from journeymap.pipeline import Checked
from journeymap.report import github_command


def say_skipped(skipped: Sequence[str]) -> None:
    """A note on stderr for each journey-named symlink a folder's scan left out (it leads out of
    the folder): named on the command line, it is read."""
    for path in skipped:
        click.echo(f"note: skipped {path}: a symlink leading out of the folder searched (a folder's journeys are "
                   "its own); name it on the command line to check it", err=True)


def say_shared_ids(shared: dict[str, list[str]]) -> None:
    """A note on stderr for journeys that share an id (a journey copied to start another, two
    returns.journey.yaml in sub-folders): each is valid alone, but ``build`` names its outputs by
    id and refuses both, so check and portfolio passed where build then failed (audits T, W)."""
    for ident, paths in shared.items():
        click.echo(f"note: {' and '.join(paths)} share the journey id {ident!r}: build names its outputs "
                   "by id and refuses both; give each its own `id:`", err=True)


def say_lost_texts(checked: Iterable[Checked], *, github: bool = False) -> None:
    """A note on stderr for each value YAML reads shorter than it is written, cut by a comment or
    an anchor (:attr:`journeymap.pipeline.Checked.notes`, from the bytes it was checked from, not
    read again): valid YAML, so no finding (audit AB). With ``github`` (``check --format
    github``), each is a ``::notice`` workflow command, which GitHub Actions shows on the line in
    the pull request as it shows the findings (stdout keeps the findings alone, as SPEC 3 gives it)."""
    for item in checked:
        for lost in item.notes:
            if github:
                click.echo(github_command("notice", item.path, lost.line, lost.column, "cut text", lost.message()),
                           err=True, nl=False)
            else:
                click.echo(f"note: {utf8_text(item.path)}:{lost.line}:{lost.column}: {lost.message()}", err=True)
