"""``journeymap build``: every output of every journey, incremental, parallel, checkable."""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

import click

from journeymap.cli.buildcheck import hold_lock, left_overs, say_errors, sha_text, stale_report
from journeymap.cli.buildtally import Progress, Tally
from journeymap.site.rollup import Rollup
from journeymap.site.build import (FORMATS, DEFAULT_FORMATS, BuildError, JourneyResult, Options, Planned, Task,
                                   check_out_dir, foreign_files, plan, run_parallel)
from journeymap.site.manifest import built_before, file_sha, load_manifest, remove_orphans, save_manifest
from journeymap.site.names import INDEX, output_name
from journeymap.site import keys as build_keys
from journeymap.cli.common import (EXIT_ENVIRONMENT, EXIT_FINDINGS, EnvironmentProblem, InputPath, OutputProblem, Seconds,
                                   make_folder)
from journeymap.cli.group import os_problem
from journeymap.cli.paths import default_paths, given_output, nothing_found
from journeymap.cli.notes import say_journey_notes, say_shared_ids, say_skipped, say_undrawn
from journeymap.cli.outputs import TemplatesProblem, say_template_age
from journeymap.findings import Finding
from journeymap.outputs import OutputError, half_written, write_atomic
from journeymap.pipeline import Checked, discover, shared_ids
from journeymap.report import counted
from journeymap.briefing.pdf import PdfError
from journeymap.map.graphviz import GraphvizError



def _formats(_ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> tuple[str, ...]:
    if not value:
        return DEFAULT_FORMATS
    aliases = {"markdown": "md"}  # as export and portfolio call it
    chosen = tuple(dict.fromkeys(aliases.get(p, p) for p in (part.strip().lower() for part in value.split(","))
                                 if p))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"unknown format(s) {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(FORMATS)}")
    # In one order whatever the order given: the index lists each journey's outputs in it, so
    # "json,svg" after "svg,json" made the index stale for nothing (audit BW)
    return tuple(sorted(chosen, key=FORMATS.index))


def _report_failure(result: JourneyResult, progress: Progress, said: set[Finding]) -> None:
    say_errors(result, said)
    progress.line(f"failed  {result.path}: {result.error}", told=True)


@click.command()
@click.argument("paths", nargs=-1, type=InputPath())
@click.option("-o", "--output", "out", default="build", show_default=True, callback=given_output,
              type=click.Path(), metavar="DIR", help="The folder the outputs go into.")
@click.option("-j", "--jobs", default=1, show_default=True, type=click.IntRange(min=1),
              help="Build in this many processes; the outputs are the same whatever N.")
@click.option("--check", "check_only", is_flag=True,
              help="Build nothing; exit 1 listing every missing or stale output.")
@click.option("--formats", callback=_formats, metavar="LIST",
              help=f"Comma-separated outputs among {', '.join(FORMATS)} [default: {','.join(DEFAULT_FORMATS)}]: "
                   "svg and png the map, pdf and html the briefing, json and md the exports.")
@click.option("--page", type=click.Choice(["a4", "letter", "slide", "a3"], case_sensitive=False), default="a4",
              show_default=True,
              help="Page size of the PDF briefings.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder with your own briefing templates and stylesheet, as brief takes it.")
@click.option("--timeout", default=120.0, show_default=True, type=Seconds(),
              help="Seconds before one Graphviz layout is stopped.")
def build(paths: tuple[str, ...], out: str, jobs: int, check_only: bool, formats: tuple[str, ...],
          page: str, templates: Optional[Path], timeout: float) -> None:
    """Build the map, briefing and export of every journey under PATHS (default: maps/, else this folder).

    Only outputs whose journey, project file, templates, options or tools changed are rebuilt. A broken
    journey is reported and the others are still built (exit status 1).
    """
    started, out_dir = time.perf_counter(), Path(out)
    skipped: list[str] = []
    paths = paths or default_paths()
    files = discover(paths, skipped)
    once = built_before(out_dir, skipped)
    say_skipped([path for path in skipped if path not in once])
    files += once
    if not files:
        raise click.UsageError(nothing_found(", ".join(paths)))
    options = Options(out_dir=out_dir, formats=formats, page=page, timeout=timeout, templates=templates)
    try:
        check_out_dir(files, out_dir)
        _need_graphviz(formats)
        toolchain = build_keys.toolchain_key(timeout, templates, formats)
    except BuildError as exc:
        raise click.UsageError(str(exc)) from exc
    except OSError as exc:  # -o in a folder not open to the user (review DV), or a name too long (audit EG)
        problem = os_problem(exc)
        if problem is None:
            raise EnvironmentProblem(str(exc)) from exc
        raise problem from exc
    except GraphvizError as exc:  # missing, or its version query failed or timed out: exit 3
        raise EnvironmentProblem(str(exc)) from exc
    try:
        planned, failures = plan(files, options, toolchain, paths)
    except BuildError as exc:
        raise click.UsageError(str(exc)) from exc
    from journeymap.site.index import render_index
    from journeymap.site.rollup import portfolio_names

    # in the order `portfolio` reads them, each failed one by the id and title its file gives: the
    # build's portfolio listed them by path, and sorted a sub-folder's files among the folder's (audit CE)
    place = {path: n for n, path in enumerate(files)}
    failed = [Checked(f.path, None, None, f.findings, declared=(f.declared_id or f.id, f.title)) for f in failures]
    everything = sorted([p.checked for p in planned] + failed, key=lambda c: place.get(c.path, len(place)))
    stems = {p.checked.path: p.stem for p in planned}
    say_shared_ids(shared_ids((p.id, p.checked.path) for p in planned), stems)
    rollup = Rollup(everything, tuple(paths), portfolio_names(formats), toolchain, formats, stems)

    def index_text(errors: dict[str, str]) -> str:
        entries: list[tuple[Checked, Optional[str]]] = [(p.checked, errors.get(p.checked.path)) for p in planned]
        entries += [(checked, f.error) for checked, f in zip(failed, failures)]
        entries.sort(key=lambda e: e[0].path)
        return render_index(entries, formats, rollup.names, rollup.findings(), stems, rollup.organisation)

    _say_others(out_dir, files)
    # before --check too: it said "would rebuild index.html" where the build would refuse (review DW)
    _refuse_foreign(out_dir, planned, [INDEX, *rollup.names])
    if check_only:
        hold_lock(out_dir, planned, check_only=True)
        # Templates that fail would fail every briefing the build is to remake (none: they made them)
        _try_templates([p for p in planned if build_keys.BRIEFINGS & set(p.stale)], options)
        sys.exit(stale_report(out_dir, planned, failures, index_text({}), rollup, options))
    _try_templates(planned, options)
    for p in planned:
        if {"svg", "png", "pdf"} & set(p.stale):  # said of what it draws now, not of what is up to date
            say_undrawn(p.checked)
            say_journey_notes(p.checked)
    # a CI job cancelled (SIGTERM, taken as Ctrl-C by the command group: cli/stopping.py): the
    # manifest saved, nothing half-written left
    _run(planned, failures, options, jobs, index_text, started, rollup)


def _refuse_foreign(out_dir: Path, planned: list[Planned], others: list[str]) -> None:
    """A usage error, before anything is written, where the build would write over a page or
    picture in ``out_dir`` that journeymap did not write (:func:`~journeymap.site.build.foreign_files`)."""
    names = [output_name(p.stem, "svg") for p in planned if "svg" in p.stale] + others
    foreign = foreign_files(out_dir, names)
    if foreign:
        shown = ", ".join(str(out_dir / name) for name in foreign[:3]) + (f" and {len(foreign) - 3} more"
                                                                           if len(foreign) > 3 else "")
        raise click.UsageError(f"the build would write over {shown}, which journeymap did not write; move "
                               f"{'it' if len(foreign) == 1 else 'them'} out of {out_dir}, or build into "
                               "another folder with -o")


def _say_others(out_dir: Path, files: Sequence[str]) -> None:
    """A note when ``out_dir`` holds the outputs of journeys not built now: the index and the
    portfolio are written for the journeys named, so a build of one file into a site of sixteen
    left an index of one, and no word of it."""
    from journeymap.site.manifest import others

    besides = others(out_dir, load_manifest(out_dir), files)
    if besides:
        named = ", ".join(besides[:3]) + (", …" if len(besides) > 3 else "")
        click.echo(f"note: {out_dir} also holds the outputs of {counted(len(besides), 'other journey')} ({named}); "
                   "its index and portfolio list only the journeys named now: build them all together to list "
                   "every one", err=True)


def _need_graphviz(formats: Sequence[str]) -> None:
    """Graphviz, when ``formats`` need it: without it, ``--check`` called every output stale (its
    version is part of their keys) and told people to rebuild, where the machine lacks a program.
    Raises :class:`~journeymap.map.graphviz.GraphvizMissing` with the install command."""
    if build_keys.DRAWN & set(formats):
        from journeymap.map.graphviz import dot_program

        dot_program()


def _try_templates(planned: list[Planned], options: Options) -> None:
    """A team's templates tried on one journey before the build: when they fail, they would fail
    every briefing alike, so the build stops at once (exit status 2) with the file and line."""
    if options.templates is None or not planned or not {"pdf", "html"} & set(options.formats):
        return
    say_template_age(options.templates)
    from journeymap.briefing.document import BriefingError
    from journeymap.briefing.make import briefing_bytes
    from journeymap.map.graphviz import GraphvizError

    first = planned[0].checked
    assert first.analysis is not None  # a planned journey has no errors
    try:
        briefing_bytes(first.analysis, first.findings, page=options.page, html=True, timeout=options.timeout,
                       templates=options.templates, home=INDEX)
    except BriefingError as exc:
        raise TemplatesProblem(f"{exc} (tried on {first.path}; nothing was built)") from exc
    except (GraphvizError, PdfError):
        # the map, not the templates (review BM: a traceback): the build says so for each journey
        return


def _writable(out_dir: Path) -> None:
    """Make ``out_dir``; OutputProblem when it cannot be written (else every journey would fail alike)."""
    try:
        if not out_dir.is_dir():
            make_folder(out_dir)  # said, as for render's -o (review DO)
    except OutputProblem as exc:
        raise OutputProblem(f"{exc.message}; choose another -o") from exc
    try:
        tempfile.TemporaryFile(dir=out_dir).close()
    except OSError as exc:
        raise OutputProblem(f"cannot write into {out_dir}: {exc.strerror or exc}; choose another -o") from exc


def _finish(out_dir: Path, manifest: dict[str, dict[str, str]], rollup: Rollup, index: str, progress: Progress,
            environment: list[str]) -> None:
    """Write the portfolio (a PDF engine failure joins ``environment``), the manifest and the index."""
    try:
        try:
            for name in rollup.write(out_dir, manifest):
                progress.line(f"built   {out_dir / name}")
        except PdfError as exc:
            environment.append(str(exc))
            progress.line(f"failed  portfolio: {exc}")
        save_manifest(out_dir, manifest)
        if file_sha(out_dir / INDEX) != sha_text(index):
            write_atomic(out_dir / INDEX, index, regular=True)
    except OutputError as exc:
        raise OutputProblem(str(exc)) from exc


def _clear_leftovers(tally: Tally, planned: list[Planned], failures: list[JourneyResult], options: Options,
                     rollup: Rollup) -> None:
    """Outputs the build no longer makes: removed, or left (and no longer the build's) where they
    were changed by hand."""
    out_dir = options.out_dir
    for name, why, hand in left_overs(out_dir, tally.manifest, planned, failures, options, rollup):
        if hand:  # no longer the build's: its entry goes, the file stays
            tally.manifest.pop(name, None)
            tally.progress.line(f"left    {out_dir / name} (changed by hand; {why})", told=True, step=False)
        elif remove_orphans(out_dir, tally.manifest, [name]):
            tally.progress.line(f"removed {out_dir / name} ({why})", told=True, step=False)


def _remove_half_written(out_dir: Path, progress: Progress, since: Optional[float] = None) -> None:
    """Remove what a stopped build (or, written ``since``, a worker of this one, stopped) left
    half-written (:func:`~journeymap.outputs.half_written`)."""
    for path in half_written(out_dir, since=since):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            progress.line(f"removed {path} (half-written by a build that was stopped)", told=True, step=False)


def _build_all(tasks: list[Task], options: Options, jobs: int, tally: Tally) -> None:
    """Build ``tasks`` with ``jobs`` processes; the manifest saved on Ctrl-C (or SIGTERM) and what
    its stopped workers were writing removed, and a manifest that cannot be saved an output
    problem (a full disk), not the journeys' (exit 1)."""
    began = time.time()
    try:
        run_parallel(jobs, tasks, options, tally.done)
    except KeyboardInterrupt:
        with contextlib.suppress(OutputError):  # the interrupt is what is reported (exit 130)
            save_manifest(options.out_dir, tally.manifest)  # what was built before Ctrl-C is not built again
        _remove_half_written(options.out_dir, tally.progress, since=began)
        raise
    except OutputError as exc:
        raise OutputProblem(str(exc)) from exc
    finally:
        tally.progress.close()


def _run(planned: list[Planned], failures: list[JourneyResult], options: Options, jobs: int,
         index_text: Callable[[dict[str, str]], str], started: float, rollup: Rollup) -> None:
    out_dir = options.out_dir
    _writable(out_dir)
    hold_lock(out_dir, planned)
    progress = Progress(len(planned) + len(failures))
    tally = Tally(out_dir, planned, progress)
    said: set[Finding] = set()
    for failure in failures:
        _report_failure(failure, progress, said)
    current = [p for p in planned if not p.stale]
    for p in current:
        progress.line(f"skipped {p.checked.path} (up to date)")
    _remove_half_written(out_dir, progress)
    _clear_leftovers(tally, planned, failures, options, rollup)
    _build_all([p.task() for p in planned if p.stale], options, jobs, tally)
    _finish(out_dir, tally.manifest, rollup, index_text(tally.errors), progress, tally.environment)
    broken = len(failures) + len(tally.errors)
    click.echo(f"{tally.built} built, {len(current)} up to date, {broken} failed, in {time.perf_counter() - started:.2f} s "
               f"-> {out_dir}/{INDEX}", err=True)
    if tally.environment:
        sys.exit(EXIT_ENVIRONMENT)
    if broken:
        sys.exit(EXIT_FINDINGS)
