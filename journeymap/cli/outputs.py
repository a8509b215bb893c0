"""``journeymap render`` and ``journeymap brief``: the map and the briefing of one journey."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import click

from journeymap.cli.notes import say_journey_notes, say_undrawn
from journeymap.cli.common import (EXIT_USAGE, STDIN, EnvironmentProblem, InputPath, Seconds, collect_no_more, emit,
                                   input_paths, load_or_exit, output_path, parse_ignore, render_bytes)
from journeymap.api import MAP_FORMATS
from journeymap.cli.formats import suffix_note
from journeymap.cli.paths import given_output
from journeymap.outputs import is_special
from journeymap.pipeline import Checked

RENDER_FORMATS = MAP_FORMATS  # what render and diff --map write


def _render_format(fmt: Optional[str], out: Optional[str]) -> str:
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower().lstrip(".") if out and out != "-" else ""
    return suffix if suffix in RENDER_FORMATS else "svg"


@click.command()
@click.argument("file", type=InputPath(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "out", callback=given_output, metavar="OUT",
              help="Output file, or a folder for <id>.<format> in it; - for stdout. Default: <id>.<format>.")
@click.option("--format", "fmt", type=click.Choice(RENDER_FORMATS, case_sensitive=False),
              help="Default: the output's suffix, else svg.")
@click.option("--timeout", default=120.0, show_default=True, type=Seconds(),
              help="Seconds before the Graphviz layout is stopped (exit status 3).")
def render(file: str, out: Optional[str], fmt: Optional[str], timeout: float) -> None:
    """Render the swimlane map of a journey (SVG, PNG, PDF or the DOT source).

    FILE is a journey file, or - for standard input.
    """
    checked = load_or_exit(file)
    assert checked.analysis is not None and checked.journey is not None
    asked = fmt is not None
    fmt = _render_format(fmt, out)
    data = render_bytes(checked, fmt, timeout)
    if fmt == "pdf":
        target, replaced = _pdf_target(out, checked.journey.id, map_pdf=True)
    else:
        target, replaced = output_path(out, f"{checked.journey.id}.{fmt}"), ""
    # the journey's notes before "wrote", as the map's own notes are said while it is drawn (audit FD)
    if fmt != "dot":  # (an SVG drawn in a browser may find the font there, but here it has none either)
        say_undrawn(checked)
    say_journey_notes(checked)
    emit(data, target, input_paths(file))
    if target != "-":
        click.echo(f"wrote {target}{suffix_note(target, fmt, '--format' if asked else '')}{replaced}", err=True)


def _pdf_target(out: Optional[str], ident: str, map_pdf: bool) -> tuple[str, str]:
    """Where a PDF goes and a word on what it replaced. ``render --format pdf`` and ``brief`` both
    name theirs ``<id>.pdf``, and each silently replaced the other. Without ``-o``, one
    never replaces the other's now: it goes beside it, as ``<id>.map.pdf`` or
    ``<id>.briefing.pdf``; with ``-o``, the user chose, and is told."""
    target = output_path(out, f"{ident}.pdf")
    other = _other_pdf(target, map_pdf)
    if not other:
        return target, ""
    if out is None or Path(out).is_dir():  # the name was ours to choose (-o FOLDER too: review V)
        beside = str(Path(target).with_name(f"{ident}.{'map' if map_pdf else 'briefing'}.pdf"))
        return beside, f" ({target} holds {other}: kept; give -o to choose the name)"
    return target, f" (it replaced {other}: write one of them elsewhere with -o to keep both)"


def _other_pdf(target: str, map_pdf: bool) -> str:
    """What the other command's PDF at ``target`` is, or "" when there is none there. Graphviz's
    map PDFs say Cairo made them; a briefing does not."""
    path = Path(target)
    if target == "-" or not path.is_file():
        return ""
    try:
        with path.open("rb") as f:
            head = f.read(5)
            f.seek(max(5, path.stat().st_size - 65536))  # Cairo writes its Info dictionary near the end
            cairo = b"/Producer (cairo" in f.read() if head == b"%PDF-" else False
    except OSError:
        return ""
    if head != b"%PDF-" or cairo == map_pdf:
        return ""
    return "another PDF, the briefing perhaps" if map_pdf else "the map that render --format pdf wrote"


def _briefing_note(target: str, html: bool, asked: str) -> str:
    """A word when a briefing's file name says another format than it holds (``-o deck.svg``)."""
    if Path(target).suffix.lower() in ((".html", ".htm") if html else (".pdf",)) or is_special(Path(target)):
        return ""
    if asked:
        return suffix_note(target, "html" if html else "pdf", asked)
    return " (it holds PDF: name it .pdf, or .html for the HTML briefing)"


class TemplatesProblem(click.ClickException):
    """The team's ``--templates`` failed to make the briefing: exit status 2, a problem with what
    the command was given (the journey itself is fine, so not 1)."""

    exit_code = EXIT_USAGE


def briefing_output(checked: Checked, page: str, html: bool, timeout: float,
                    templates: Optional[Path], since: Optional[dict[str, Any]] = None,
                    appendix: Optional[bool] = None) -> bytes:
    """The briefing of a checked journey as PDF (or self-contained HTML) bytes; problems exit.

    With a team's templates, what the PDF engine skipped (an image it could not find, a CSS rule
    it could not read), and what the HTML briefing leaves out, is said on stderr: our own
    templates give them nothing to say.
    """
    from journeymap.api import ToolMissing, brief
    from journeymap.briefing.enginenotes import heard, template_notes

    notes: list[str] = []  # what the map's making says (its flows routed on the grid: review Q), then the templates'
    try:
        with heard("journeymap.map", notes), template_notes(notes, templates):
            return brief(checked, page, html, timeout=timeout, templates=templates, since=since, appendix=appendix)
    except ToolMissing as exc:
        raise EnvironmentProblem(str(exc)) from exc
    except ValueError as exc:
        if templates is None:  # our own templates: the map Graphviz drew could not be read (review EB)
            raise EnvironmentProblem(f"the briefing could not be made: {exc}") from exc
        raise TemplatesProblem(str(exc)) from exc
    finally:
        for note in dict.fromkeys(notes):
            click.echo(f"note: {note}", err=True)


@click.command()
@click.argument("file", type=InputPath(dir_okay=False, allow_dash=True))
@click.option("-o", "--output", "out", callback=given_output, metavar="OUT",
              help="Output file, or a folder for <id>.pdf in it; - for stdout. Default: <id>.pdf (or .html).")
@click.option("--page", type=click.Choice(["a4", "letter", "slide", "a3"], case_sensitive=False), default="a4",
              show_default=True,
              help="Paper size; slide gives 16:9 pages for decks, a3 prints the map in fewer, bigger parts.")
@click.option("--html", "html", is_flag=True,
              help="Write one self-contained HTML file instead of PDF (also when OUT ends in .html).")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html"], case_sensitive=False),
              help="pdf or html, as the other commands say it (--format html is --html).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder with your own briefing templates and stylesheet (missing ones fall back).")
@click.option("--since", "since_rev", metavar="REV", help="Add a 'What changed since REV' section (git).")
@click.option("--appendix/--no-appendix", default=None,
              help="Add the findings and the service inventory. Default: on for paper (a4, a3, letter), off for slide.")
@click.option("--ignore", multiple=True, callback=parse_ignore, metavar="CODE,...",
              help="Warning codes to leave out of the briefing's findings, e.g. W104,W105.")
@click.option("--timeout", default=120.0, show_default=True, type=Seconds(),
              help="Seconds before the Graphviz layout is stopped (exit status 3).")
def brief(file: str, out: Optional[str], page: str, html: bool, fmt: Optional[str], templates: Optional[Path],
          since_rev: Optional[str], appendix: Optional[bool], ignore: frozenset[str], timeout: float) -> None:
    """Write the briefing of a journey: a PDF (or HTML) for strategy decks.

    FILE is a journey file, or - for standard input.
    """
    if since_rev and file == STDIN:
        raise click.UsageError("--since needs the journey's path in git, not - (standard input)")
    if html and fmt == "pdf":
        raise click.UsageError("--html and --format pdf ask for two formats; give one")
    asked = "--html" if html else "--format" if fmt is not None else ""
    html = html or fmt == "html" or (fmt is None and out is not None and Path(out).suffix.lower() in (".html", ".htm"))
    checked = load_or_exit(file, ignore)
    assert checked.journey is not None
    since = None
    if since_rev:
        from journeymap.cli.versions import since_context

        since = since_context(since_rev, file, checked)
    collect_no_more()
    say_template_age(templates)
    data = briefing_output(checked, page, html, timeout, templates, since, appendix)
    if html:
        target, replaced = output_path(out, f"{checked.journey.id}.html"), ""
    else:
        target, replaced = _pdf_target(out, checked.journey.id, map_pdf=False)
    if not html:  # a browser draws the HTML with the fonts of the machine it runs on
        say_undrawn(checked)
    say_journey_notes(checked)
    emit(data, target, input_paths(file) + _template_files(templates))
    if target != "-":
        click.echo(f"wrote {target}{_briefing_note(target, html, asked)}{replaced}", err=True)


def say_template_age(templates: Optional[Path]) -> None:
    """A note on stderr when a team's templates were copied from older templates than ours
    (:func:`~journeymap.briefing.templatestamp.stale_note`)."""
    if templates is None:
        return
    from journeymap.briefing.templatestamp import stale_note

    note = stale_note(templates)
    if note is not None:
        click.echo(f"note: {note}", err=True)


def _template_files(templates: Optional[Path], most: int = 1000) -> tuple[Path, ...]:
    """The files of a team's ``--templates`` folder, inputs an output must not overwrite too:
    ``-o brand/briefing.css`` put the briefing in the place of the stylesheet it was made with
    (audit CG). The first ``most`` of them: a folder of templates is a few files."""
    if templates is None:
        return ()
    found = []
    for path in sorted(templates.rglob("*"))[:most]:
        if path.is_file():
            found.append(path)
    return tuple(found)
