"""The ``journeymap`` command group and its small commands: check, export and schema.

Exit statuses (SPEC section 3): 0 success; 1 the input has errors (or ``--strict`` and
warnings, or ``build --check`` found stale outputs); 2 usage error; 3 environment (Graphviz or
the PDF engine missing or failed, layout timed out).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

import click

from journeymap.cli.common import (EXIT_FINDINGS, STDIN, InputPath, check_stdin, emit, input_paths,
                                   load_or_exit, mark_one_command_process, output_path, parse_ignore)
from journeymap.cli.paths import default_paths, given_output, journey_files
from journeymap.cli.group import LazyGroup
from journeymap.cli.helptext import epilog
from journeymap.cli.notes import say_journey_notes, say_lost_texts, say_shared_ids, say_skipped, say_unread_projects
from journeymap.findings import Finding
from journeymap.pipeline import distinct_files, journeys_governed, shared_ids
from journeymap.site.names import output_stems
from journeymap.report import FORMATS, counted, summary
from journeymap.cli.formats import format_named_by, suffix_note, suffix_of


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from journeymap.cli.about import version_text

        click.echo(version_text(), nl=False)
        ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=epilog(""))
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the versions of journeymap, its file format, Python, Graphviz, WeasyPrint and Pango.")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Journey maps as code: check journey files, render swimlane maps and briefings.

    FILE arguments take - for standard input.
    """
    _say_an_unusable_source_date(ctx.invoked_subcommand)


#: The commands whose outputs carry a date (a briefing's, a PDF's, the portfolio's).
_DATED = frozenset({"brief", "build", "portfolio", "render", "serve"})


def _say_an_unusable_source_date(command: Optional[str]) -> None:
    """A note when ``SOURCE_DATE_EPOCH`` is set but is no whole number of seconds: it was ignored
    without a word, and the outputs dated today, where reproducible builds ask a tool
    to say so."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if command not in _DATED or not value.strip():
        return
    from journeymap.map.pdfstamp import source_date  # the rule the outputs are dated by, read once

    if source_date() is None:
        click.echo(f"note: SOURCE_DATE_EPOCH={value!r} is not a usable time (a whole number of seconds since 1970); "
                   "the outputs are dated today", err=True)


def run() -> None:
    """The ``journeymap`` console script and ``python -m journeymap``: one command, then the process ends."""
    mark_one_command_process()
    leave_garbage_at_exit()
    main()


def leave_garbage_at_exit() -> None:
    """Skip the interpreter's last garbage collection when the command ends.

    A briefing leaves about a million objects in reference cycles (WeasyPrint's boxes, styles and
    SVG nodes). Python collects them all as it shuts down: 1.5 s after a 500-touch-point
    briefing, 0.15 s (a tenth of the command) at 30. Freezing them at exit leaves that memory to
    the operating system. The other exit handlers (temporary folders, worker pools) still run,
    and objects freed by reference counting are freed as before; only cyclic garbage is skipped.
    Only for a process that runs one command (:func:`run`): a program using the command group
    goes on after it.
    """
    atexit.register(gc.freeze)


@main.command()
@click.argument("paths", nargs=-1, type=InputPath(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS), case_sensitive=False), default="text",
              show_default=True,
              help="How to print the findings: text; json; github (GitHub Actions annotations); sarif (code "
                   "scanning); codeclimate (a GitLab Code Quality report).")
@click.option("--strict", is_flag=True, help="Warnings fail the check too (exit status 1).")
@click.option("--ignore", multiple=True, callback=parse_ignore, metavar="CODE,...",
              help="Warning codes to leave out of the findings, e.g. W104,W105.")
def check(paths: tuple[str, ...], fmt: str, strict: bool, ignore: frozenset[str]) -> None:
    """Validate journey files and run the CX checks.

    PATHS are journey files or folders (default: maps/, else this folder), searched recursively for *.journey.yaml
    files and YAML files whose top level has the key `journeymap`; - reads one journey from
    standard input. A project file (journeymap.yaml) named is checked with the journeys it applies to.
    """
    from journeymap.journey.project import is_project_file, load_project
    from journeymap.portfolio.collect import check_all, folders_warnings

    paths = paths or default_paths()
    github = fmt.lower() == "github"
    files = journey_files(paths, github=github)  # exits 2 when the folders hold no journey file
    findings: list[Finding] = []
    projects = [f for f in files if f != STDIN and is_project_file(Path(f))]  # a project file named explicitly
    # a project file is checked with the journeys it applies to: an edit to its registry shows only in them
    skipped: list[str] = []
    files = distinct_files([f for f in files if f not in projects]
                           + [j for p in projects for j in journeys_governed(p, skipped)])
    say_skipped(skipped, github=github)
    unread: list[OSError] = []  # told after the others' report, which a CI step may read (audit EG)
    try:
        findings.extend(f for path in projects for f in load_project(path).findings)
        checked = {os.path.realpath(c.path): c for c in check_all([f for f in files if f != STDIN], ignore, unread)}
    except OSError as exc:
        raise click.UsageError(f"cannot read {exc.filename}: {exc.strerror or exc}") from exc
    # journeys with errors of their own: those whose errors are all the project file's are told apart
    broken = sum(1 for c in checked.values() if not c.ok and not c.errors_elsewhere)
    held = sum(1 for c in checked.values() if not c.ok and c.errors_elsewhere)
    if STDIN in files:
        piped, _ = check_stdin(ignore)
        findings.extend(piped.findings)
        broken += not piped.ok
        say_lost_texts([piped], github=fmt == "github")
        say_journey_notes(piped, github=fmt == "github")
    if unread and len(unread) == len(files):  # nothing was checked: no report that reads as a clean one (audit FF)
        raise _cannot_read(unread)
    for item in checked.values():
        findings.extend(item.findings)
    # a folder is a portfolio: W115, once for a folder named twice; a project file named stands for its
    # folder, whose bounds it sets (review CL: `check maps/journeymap.yaml` said nothing of them)
    folders = [p for p in paths if p != STDIN] + [str(Path(p).parent) for p in projects]
    findings += folders_warnings(folders, checked.values(), ignore)
    # those build builds (no errors), named as build names their outputs
    buildable = [(c.journey.id, c.path) for c in checked.values() if c.ok and c.journey is not None]
    say_shared_ids(shared_ids(buildable), output_stems(buildable, paths))
    say_lost_texts(checked.values(), github=fmt == "github")
    for item in checked.values():
        say_journey_notes(item, github=fmt == "github")
    say_unread_projects(c.path for c in checked.values())
    click.echo(FORMATS[fmt](findings), nl=False)
    counts = summary(findings)
    if fmt == "text":
        named = f" and {counted(len(projects), 'project file')}" if projects else ""
        read = len(files) - len(unread)
        not_read = f"; {counted(len(unread), 'file')} could not be read (below)" if unread else ""
        strictly = ("; --strict fails on warnings" if strict and counts["warnings"] and not counts["errors"]
                    and not unread else "")
        click.echo(f"{counted(read, 'journey file')}{named} checked: {counted(counts['errors'], 'error')}, "
                   f"{counted(counts['warnings'], 'warning')}{_by_code(findings)}{_waiting(broken, held, read)}"
                   f"{not_read}{strictly}", err=True)
    if unread:
        raise _cannot_read(unread)
    if counts["errors"] or (strict and counts["warnings"]):
        sys.exit(EXIT_FINDINGS)


def _by_code(findings: Sequence[Finding]) -> str:
    """How many findings of each code, errors first, then most first, where there are too many to
    count by eye: 850 lines over 35 files ended in a total alone (audit FN)."""
    tally = Counter(f.code for f in findings)
    if len(findings) <= 10 or len(tally) < 2:
        return ""
    ranked = sorted(tally.items(), key=lambda item: (not item[0].startswith("E"), -item[1], item[0]))
    return " (" + ", ".join(f"{code} {n}" for code, n in ranked) + ")"


def _cannot_read(unread: list[OSError]) -> click.UsageError:
    """The usage error naming each journey file that could not be read."""
    return click.UsageError("; ".join(f"cannot read {exc.filename}: {exc.strerror or exc}" for exc in unread))


def _waiting(broken: int, held: int, files: int) -> str:
    """What the summary adds when journeys have errors: their CX checks (the warnings) run on the
    analysed journey, which a journey with errors does not have, so they wait (audits CI, CJ).
    ``held``: journeys whose only errors are their project file's, which the fix is to."""
    if not broken and not held:
        return ""
    if not broken:
        return ("; the warnings of the journeys under the project file are checked once its errors are fixed"
                if held > 1 else "; its warnings are checked once the project file's errors are fixed")
    if files == 1:
        return "; its warnings are checked once its errors are fixed"
    if broken + held == 1:
        return "; the warnings of the journey with errors are checked once it is fixed"
    # those held by the project file alone have no error of their own to fix (audit CW)
    only = (f" ({held} of them {'waits' if held == 1 else 'wait'} only for the project file's errors)"
            if held else "")
    return f"; the warnings of the {broken + held} journeys with errors are checked once they are fixed{only}"


@main.command()
@click.option("--project", is_flag=True, help="The schema of the project file journeymap.yaml instead.")
def schema(project: bool) -> None:
    """Print the JSON Schema (draft-07) of the journey file, for editors.

    Save it beside your journeys (`journeymap init` does) and put this on a journey's first line:

    \b
      # yaml-language-server: $schema=journeymap.schema.json

    With --project, the schema of the project file (journeymap.yaml: the shared registry).
    """
    from journeymap.cli.common import schema_text

    click.echo(schema_text(project), nl=False)


#: The exports, as an output file's suffix names them when ``--format`` is not given.
EXPORTS = ("json", "markdown", "mermaid")


@main.command()
@click.argument("file", type=InputPath(dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["json", "markdown", "md", "mermaid"], case_sensitive=False),
              help="json: the analysed journey as data; markdown (or md): a summary; mermaid: a journey "
                   "diagram (a task per touch-point, scored emotion + 3, or 3 where none is given; "
                   "reliability and hand-offs are left out). Default: the output's suffix (.json, .md, .mmd); json "
                   "to standard output or a folder.")
@click.option("-o", "--output", "out", default="-", show_default=True, callback=given_output,
              metavar="OUT", help="Output file, or a folder for <id>.json (.md, .mmd) in it; - for stdout.")
@click.option("--ignore", multiple=True, callback=parse_ignore, metavar="CODE,...",
              help="Warning codes to leave out of the export's findings, e.g. W104,W105.")
def export(file: str, fmt: str, out: str, ignore: frozenset[str]) -> None:
    """Export the analysed journey as JSON, a Markdown summary or a Mermaid journey diagram.

    FILE is a journey file, or - for standard input.
    """
    # JSON to standard output or into a folder (<id>.json) when nothing says otherwise, as the
    # API's export() defaults to it (a folder was refused: review AR); a file whose suffix names no
    # export is refused rather than filled with JSON.
    folder = out.endswith(("/", os.sep)) or Path(out).is_dir()
    asked = bool(fmt)
    fmt = fmt or ("json" if out == "-" or folder else format_named_by(out, EXPORTS) or "")
    if not fmt:
        raise click.UsageError("say which export with --format json, markdown or mermaid "
                               "(or write to a .json, .md or .mmd file)")
    checked = load_or_exit(file, ignore)
    assert checked.analysis is not None
    if fmt == "json":
        from journeymap.exports.json import export_json

        text = export_json(checked.analysis, checked.findings)
    elif fmt in ("markdown", "md"):
        from journeymap.exports.markdown import export_markdown

        text = export_markdown(checked.analysis, checked.findings)
    else:
        from journeymap.exports.mermaid import export_mermaid, size_note

        text = export_mermaid(checked.analysis)
        too_big = size_note(text)
        if too_big:
            click.echo(f"note: {too_big}", err=True)
    assert checked.journey is not None
    out = output_path(out, f"{checked.journey.id}.{suffix_of(fmt)}")
    emit(text, out, input_paths(file))
    if out != "-":
        click.echo(f"wrote {out}{suffix_note(out, suffix_of(fmt), '--format' if asked else '')}", err=True)


if __name__ == "__main__":
    main()
