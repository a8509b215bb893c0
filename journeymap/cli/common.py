"""What the commands share: exit statuses, loading with findings, writing outputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence

import click

from journeymap.findings import parse_codes
from journeymap.outputs import OutputError, write_atomic
from journeymap.pipeline import Checked, check_file
from journeymap.report import as_text, summary

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3


class EnvironmentProblem(click.ClickException):
    """A missing or failing outside program: exit status 3."""

    exit_code = EXIT_ENVIRONMENT


def parse_ignore(_ctx: click.Context, _param: click.Parameter, value: Sequence[str]) -> frozenset[str]:
    """``--ignore W104,W105`` (repeatable) as a set of warning codes."""
    codes: set[str] = set()
    try:
        for item in value:
            codes |= parse_codes(item)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    errors = sorted(c for c in codes if c.startswith("E"))
    if errors:
        raise click.BadParameter(f"errors cannot be ignored ({', '.join(errors)}); only W-codes can")
    return frozenset(codes)


def load_or_exit(path: str, ignore: frozenset[str] = frozenset()) -> Checked:
    """Load one journey for commands that need a usable journey; exit 1 with findings if not."""
    try:
        checked = check_file(path, ignore)
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not checked.ok:
        click.echo(as_text(checked.findings), err=True, nl=False)
        counts = summary(checked.findings)
        click.echo(f"{path}: {counts['errors']} error(s); fix them first", err=True)
        sys.exit(EXIT_FINDINGS)
    return checked


def emit(data: bytes | str, out: str, inputs: tuple[Path, ...] = ()) -> None:
    """Write an output file atomically, or to stdout for ``-``."""
    if out == "-":
        # The binary layer of whatever sys.stdout is now (click's test runner swaps it).
        stream: Any = getattr(sys.stdout, "buffer", sys.stdout)
        sys.stdout.flush()
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)
        stream.flush()
        return
    try:
        write_atomic(out, data, inputs=inputs)
    except OutputError as exc:
        raise click.ClickException(str(exc)) from exc


def render_bytes(checked: Checked, fmt: str, timeout: float, marks: object = None) -> bytes:
    """The map in ``fmt``; Graphviz problems become exit status 3 with the fix.

    Warnings Graphviz printed on a successful run go to stderr: they never happen for a valid
    journey within the limits, so one is worth a bug report.
    """
    from journeymap.api import ToolMissing, render_map

    try:
        rendered = render_map(checked, fmt, timeout=timeout, marks=marks)  # type: ignore[arg-type]
    except ToolMissing as exc:
        raise EnvironmentProblem(str(exc)) from exc
    for warning in rendered.warnings:
        click.echo(f"graphviz: {warning}", err=True)
    return rendered.data
