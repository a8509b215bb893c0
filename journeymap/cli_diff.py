"""``journeymap diff OLD NEW``: what changed for the customer between two versions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click

from .cli_common import EXIT_FINDINGS, emit
from .diff import JourneyDiff, compare
from .diff_report import diff_json, diff_markdown, diff_text, verdict
from .gitread import GitError, read_revision, split_spec
from .pipeline import Checked
from .report import as_text
from .validate import load_bytes


def read_version(spec: str) -> tuple[bytes, str]:
    """The bytes of a ``PATH`` or ``REV:PATH`` argument and the path to report."""
    parts = split_spec(spec)
    if parts is None:
        try:
            return Path(spec).read_bytes(), spec
        except OSError as exc:
            raise click.UsageError(f"cannot read {spec}: {exc.strerror or exc}") from exc
    rev, path = parts
    try:
        return read_revision(rev, path), path
    except GitError as exc:
        raise click.UsageError(str(exc)) from exc


def load_version(spec: str) -> Checked:
    """Load and check one version; exit 1 with its findings when it has errors."""
    from .analysis import analyse
    from .checks import run_checks

    data, path = read_version(spec)
    journey, findings = load_bytes(data, path)
    if journey is None:
        click.echo(as_text(findings), err=True, nl=False)
        click.echo(f"{spec}: this version has errors; fix them to compare it", err=True)
        sys.exit(EXIT_FINDINGS)
    analysis = analyse(journey)
    return Checked(path, journey, analysis, tuple(findings) + tuple(run_checks(analysis)))


def diff_versions(old_spec: str, new_spec: str) -> JourneyDiff:
    """Compare two versions given as paths or REV:PATH."""
    old, new = load_version(old_spec), load_version(new_spec)
    assert old.analysis is not None and new.analysis is not None
    return compare(old.analysis, new.analysis, old.findings, new.findings)


def since_context(rev: str, file: str, checked: Checked) -> dict[str, Any]:
    """The briefing's "What changed since REV" section for ``file`` against revision ``rev``."""
    from .diff_report import _lines

    old = load_version(f"{rev}:{file}")
    assert old.analysis is not None and checked.analysis is not None
    d = compare(old.analysis, checked.analysis, old.findings, checked.findings)
    rows = [{"change": heading, "subject": line, "detail": None}
            for heading, lines in _lines(d) for line in lines]
    return {"revision": rev, "summary": verdict(d), "regression": bool(d.regressions), "rows": rows}


@click.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True, help="text for the terminal, markdown for a pull request, json.")
@click.option("--fail-on", "fail_on", type=click.Choice(["regression"]),
              help="Exit 1 when the change makes the experience worse.")
@click.option("--map", "map_out", type=click.Path(dir_okay=False),
              help="Also draw NEW with added, changed and removed touch-points marked (SVG).")
@click.option("-o", "--output", "out", default="-", show_default=True, help="Output file, - for stdout.")
def diff(old: str, new: str, fmt: str, fail_on: Optional[str], map_out: Optional[str], out: str) -> None:
    """Show what changed for the customer between two versions of a journey.

    OLD and NEW are files or REV:PATH (a git revision of the repository the path is in), e.g.
    `journeymap diff main:maps/claim.journey.yaml maps/claim.journey.yaml`.
    """
    d = diff_versions(old, new)
    if fmt == "json":
        text = diff_json(d)
    elif fmt == "markdown":
        text = diff_markdown(d, old, new)
    else:
        text = diff_text(d, old, new)
    emit(text, out)
    if map_out:
        from .cli_outputs import render_bytes
        from .diffmap import diff_marks

        fmt_out = Path(map_out).suffix.lower().lstrip(".") or "svg"
        emit(render_bytes(d.new, fmt_out if fmt_out in ("svg", "png", "pdf", "dot") else "svg", 120.0,
                          diff_marks(d)), map_out)
    if fail_on == "regression" and d.regressions:
        sys.exit(EXIT_FINDINGS)
