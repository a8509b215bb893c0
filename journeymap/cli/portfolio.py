"""``journeymap portfolio``: every journey under PATHS rolled up into one company-wide view."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional, Sequence

import click

from journeymap.cli.common import (EXIT_FINDINGS, EnvironmentProblem, InputPath, collect_no_more, emit, input_paths,
                                   output_path)
from journeymap.cli.paths import default_paths, given_output, nothing_found
from journeymap.cli.notes import say_projects, say_shared_ids
from journeymap.outputs import utf8
from journeymap.report import as_text, counted
from journeymap.site.names import PORTFOLIO_FORMATS as SITE_FORMATS
from journeymap.cli.formats import canonical, format_named_by, suffix_note, suffix_of

if TYPE_CHECKING:
    from journeymap.portfolio.rollup import Portfolio

#: The formats of ``--format`` (``md`` is ``markdown``), as a build names their files (site/names.py).
PORTFOLIO_FORMATS = tuple(dict.fromkeys(SITE_FORMATS.values()))


def portfolio_format(fmt: Optional[str], out: Optional[str]) -> str:
    """The format asked for, else the one OUT's suffix names, else html."""
    if fmt:
        return canonical(fmt)  # export's name for md
    return format_named_by(out, PORTFOLIO_FORMATS) or "html"


def portfolio_bytes(portfolio: object, fmt: str) -> bytes:
    """The portfolio in one format, as bytes; PDF engine problems exit with status 3."""
    from journeymap.portfolio.rollup import Portfolio

    assert isinstance(portfolio, Portfolio)
    if fmt == "json":
        from journeymap.portfolio.document import portfolio_json

        return utf8(portfolio_json(portfolio))
    if fmt == "markdown":
        from journeymap.portfolio.document import portfolio_markdown

        return utf8(portfolio_markdown(portfolio))
    if fmt == "html":
        from journeymap.portfolio.pages import render_portfolio_html

        return utf8(render_portfolio_html(portfolio))
    from journeymap.briefing.pdf import PdfError
    from journeymap.portfolio.pages import render_portfolio_pdf

    try:
        return render_portfolio_pdf(portfolio)
    except PdfError as exc:
        raise EnvironmentProblem(str(exc)) from exc


@click.command()
@click.argument("paths", nargs=-1, type=InputPath())
@click.option("-o", "--output", "out", callback=given_output, metavar="OUT",
              help="Output file, or a folder for portfolio.<format> in it; - for stdout. "
              "Default: portfolio.<format>.")
@click.option("--format", "fmt", type=click.Choice([*PORTFOLIO_FORMATS, "md"], case_sensitive=False),
              help="Default: the output's suffix, else html (md is markdown).")
@click.option("--since", "rev", metavar="REV",
              help="Add what changed since REV (git): journeys added, retired, better or worse, and the numbers then.")
def portfolio(paths: tuple[str, ...], out: Optional[str], fmt: Optional[str], rev: Optional[str]) -> None:
    """Roll up every journey under PATHS (default: maps/, else this folder) into one company-wide view.

    Headline, the department-to-department hand-off matrix, one scorecard per department, the
    company's moments of truth (W115 outside the project's bounds) and a journey x department
    reliability heatmap. Journeys with errors are listed and left out of the numbers (exit 1).
    """
    from journeymap.cli.notes import say_skipped
    from journeymap.pipeline import discover, shared_ids
    from journeymap.site.names import output_stems
    from journeymap.portfolio.collect import load_portfolio

    chosen = paths or default_paths()
    skipped: list[str] = []
    files = discover(chosen, skipped)
    say_skipped(skipped)  # files that look like journeys and are not, as check and build tell them (review CZ)
    if not files:
        raise click.UsageError(nothing_found(", ".join(chosen)))
    try:
        rolled = load_portfolio(chosen) if rev is None else _with_since(rev, chosen, files)
    except OSError as exc:
        raise click.UsageError(f"cannot read {exc.filename}: {exc.strerror or exc}") from exc
    fmt_given = "--format" if fmt else ""
    fmt = portfolio_format(fmt, out)
    collect_no_more()
    data = portfolio_bytes(rolled, fmt)
    asked = fmt_given
    target = output_path(out, f"portfolio.{suffix_of(fmt)}")
    emit(data, target, input_paths(*chosen, *files))
    if rolled.findings:
        click.echo(as_text(rolled.findings), err=True, nl=False)
    buildable = [(row.id, row.path) for row in rolled.journeys if row.ok]
    say_shared_ids(shared_ids(buildable), output_stems(buildable, chosen))
    say_projects(files, chosen[0])
    h = rolled.headline
    if target != "-":
        note = suffix_note(target, suffix_of(fmt), asked)
        left = int(h["journeys_with_errors"])
        # "0 of 1 journey" read oddly (review DD)
        journeys = (f"no journey rolled up ({left} left out because of errors)" if left and not h["journeys"] else
                    f"{h['journeys']} of {counted(len(rolled.journeys), 'journey')} ({left} left out because of errors)"
                    if left else counted(int(h["journeys"]), "journey"))
        click.echo(f"wrote {target}{note}: {journeys}, "
                   f"{counted(int(h['touchpoints']), 'touch-point')}, {counted(int(h['handoffs']), 'hand-off')} "
                   f"({h['risky_handoffs']} risky)", err=True)
    if any(f.is_error for f in rolled.findings):
        sys.exit(EXIT_FINDINGS)


def _with_since(rev: str, chosen: Sequence[str], files: Sequence[str]) -> Portfolio:
    """The portfolio of ``chosen`` with what changed since ``rev`` (``--since``)."""
    from dataclasses import replace

    from journeymap.changes.gitread import GitError, revision_facts
    from journeymap.cli.versions import revision_label
    from journeymap.portfolio.collect import check_all, portfolio_project, project_groups
    from journeymap.portfolio.rollup import build_portfolio
    from journeymap.portfolio.since import portfolio_then, since

    now = check_all(files)
    rolled = build_portfolio(now, portfolio_project(chosen, files), groups=project_groups(files))
    try:
        then, old = portfolio_then(rev, chosen)
    except GitError as exc:
        raise click.UsageError(f"--since {rev}: {exc}") from exc
    facts = revision_facts(rev, chosen[0])  # asked of git once, for the heading and the commit
    return replace(rolled, since=since(revision_label(rev, facts), then, now, old, rolled, rev,
                                       facts[0] if facts else None))
