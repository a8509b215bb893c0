"""Build every output of many journeys, incrementally and in parallel (``journeymap build``).

An output is rebuilt only when its *key* changed (:mod:`.keys`): a hash of the journey's bytes,
the output options, and the toolchain (journeymap's version and code, the packaged templates and
theme, the Graphviz version). Keys and output hashes are kept in ``DIR/.journeymap-build.json``; an
output edited or deleted by hand is rebuilt too. Nothing is written outside DIR, and outputs
are written atomically by whichever process builds them.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple, Optional, Sequence

from journeymap.findings import Finding
from journeymap.outputs import utf8, write_atomic
from journeymap.journey.model import Journey
from journeymap.journey.regularfile import read_regular
from journeymap.pipeline import Checked, check_bytes
from journeymap.site.keys import output_key, output_parts
from journeymap.site.manifest import is_current, load_manifest
from journeymap.site.names import INDEX, JOURNEY_FORMATS, output_name, output_stems

FORMATS = JOURNEY_FORMATS
DEFAULT_FORMATS = ("svg", "pdf", "html", "json", "md")


class BuildError(Exception):
    """The build cannot start (e.g. an output folder that would overwrite an input)."""


@dataclass(frozen=True)
class Options:
    """What to build and how."""

    out_dir: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    page: str = "a4"
    timeout: float = 120.0
    #: A team's briefing templates (``--templates``), for the PDF and HTML briefings.
    templates: Optional[Path] = None


@dataclass
class JourneyResult:
    """What happened to one journey."""

    path: str
    id: Optional[str]
    findings: tuple[Finding, ...] = ()
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0
    #: The journey's title, as its file gives it (the index heads a failed journey's card by it).
    title: Optional[str] = None
    #: The journey's id, as its file gives it, when it has errors (``id`` is then None).
    declared_id: Optional[str] = None


def make_output(checked: Checked, fmt: str, options: Options, notes: Optional[list[str]] = None) -> bytes:
    """One output of one journey, as bytes; what the map's making says (flows routed on the grid, a
    PNG's resolution lowered) is added to ``notes``."""
    analysis = checked.analysis
    assert analysis is not None
    if fmt in ("svg", "png"):
        from journeymap.map.render import render

        rendered = render(analysis, fmt, timeout=options.timeout)
        if notes is not None:
            notes.extend(rendered.notes)
        return rendered.data
    if fmt == "json":
        from journeymap.exports.json import export_json

        return utf8(export_json(analysis, checked.findings))
    if fmt == "md":
        from journeymap.exports.markdown import export_markdown

        return utf8(export_markdown(analysis, checked.findings))
    from journeymap.briefing.enginenotes import heard, template_notes
    from journeymap.briefing.make import briefing_bytes

    # what a team's templates skipped, and what the map's printing says (a map too big to print in
    # parts: review FC, silent), said as `brief` says them (audit EQ: silent)
    kept = notes if notes is not None else []
    with heard("journeymap.map", kept), template_notes(kept, options.templates):
        return briefing_bytes(analysis, checked.findings, page=options.page, html=fmt == "html",
                              timeout=options.timeout, templates=options.templates, home=INDEX)


#: What building one journey came to: ``{file name: sha256}`` written, seconds, an error or None,
#: whether the error is the environment's, and notes for the user.
Outcome = tuple[dict[str, str], float, Optional[str], bool, tuple[str, ...]]


class Task(NamedTuple):
    """One journey to build: its path, the bytes the plan read and keyed its outputs by, its id,
    the formats to build and the stem its outputs are named by (its id, unless another journey
    has it too: :func:`~journeymap.site.names.output_stems`). The worker builds from these bytes,
    not the file as it is by then (review BM: an edit during the build wrote outputs under a new
    id, over another journey's, then ended in a traceback; an edited body got the key of the
    bytes planned)."""

    path: str
    source: bytes
    id: str
    formats: tuple[str, ...]
    stem: str = ""


def build_outputs(task: Task, options: Options) -> Outcome:
    """Build the given outputs of one journey (runs in a worker process).

    Returns ``{file name: sha256}`` of what was written, the seconds taken, an error message
    (None on success), whether the error is the environment's (Graphviz or the PDF engine
    missing or failing) and the notes of its maps (:attr:`Rendered.notes`, which ``render`` prints:
    a map whose flows were drawn straight said nothing in a build: review Q). Errors are caught
    here so one journey cannot stop the others.
    """
    from journeymap.briefing.document import BriefingError
    from journeymap.map.graphviz import GraphvizError
    from journeymap.outputs import OutputError
    from journeymap.briefing.pdf import PdfError

    start = time.perf_counter()
    written: dict[str, str] = {}
    notes: list[str] = []
    try:
        checked = check_bytes(task.source, task.path)
        if checked.journey is None or not checked.ok or checked.journey.id != task.id:
            # its project file edited between the plan and now (a 300-touch-point briefing takes
            # 20 s): an assert here ended the whole build in a traceback
            return (written, time.perf_counter() - start, "its project file changed during the build and the "
                    "journey now has errors; fix them and build again", False, tuple(notes))
        for fmt in task.formats:
            data = make_output(checked, fmt, options, notes)
            name = output_name(task.stem or task.id, fmt)
            write_atomic(options.out_dir / name, data, inputs=(Path(task.path),), regular=True)
            written[name] = hashlib.sha256(data).hexdigest()
    except (GraphvizError, PdfError) as exc:
        return written, time.perf_counter() - start, str(exc), True, tuple(notes)
    except (OutputError, OSError, BriefingError) as exc:
        return written, time.perf_counter() - start, str(exc), False, tuple(notes)
    return written, time.perf_counter() - start, None, False, tuple(dict.fromkeys(notes))


#: What each of the outputs a page or picture of someone else's may share a name with (a website's
#: own ``index.html``, a logo's SVG) says in its first bytes: the map's graph id, the index's and
#: the portfolio's generator. Not the word "journeymap" alone: a site's own page may say "made with
#: journeymap" (review DW).
_MARKS = {".svg": b'id="journeymap"', ".html": b'name="generator" content="journeymap'}


def foreign_files(out_dir: Path, names: Sequence[str]) -> list[str]:
    """Those of ``names`` (the index, the portfolio's pages, the maps' SVGs) in ``out_dir`` that a
    build would write over and journeymap did not write: not in the build's manifest, and not
    marked as ours (:data:`_MARKS`). ``build -o docs`` replaced a website's own ``index.html`` with
    no word (audit DY). A journey's HTML briefing is left out: a team's templates need not mark it."""
    manifest = load_manifest(out_dir)
    foreign = []
    for name in dict.fromkeys(names):
        path, mark = out_dir / name, _MARKS.get(os.path.splitext(name)[1])
        if name in manifest or mark is None or not path.is_file():
            continue
        try:
            head = read_regular(path, 65536, follow=False)
        except OSError:
            continue  # a link or a device: the write refuses it as before
        if mark not in head:
            foreign.append(name)
    return foreign


def check_out_dir(paths: Sequence[str], out_dir: Path) -> None:
    """Refuse an output folder that is an input file or any other non-folder."""
    if out_dir.exists() and not out_dir.is_dir():
        what = "an input journey" if str(out_dir) in paths else "a file"
        raise BuildError(f"{out_dir}: the output folder is {what}; choose another -o")


@dataclass
class Planned:
    """One buildable journey: its outputs' keys, what each key is made of (kept in the manifest,
    :func:`~journeymap.site.keys.output_parts`) and which of them are stale."""

    checked: Checked
    keys: dict[str, str]
    stale: list[str]
    parts: dict[str, dict[str, str]] = field(default_factory=dict)
    #: What its outputs are named by: its id, or ``<id>@<stem>`` when another journey has its id.
    stem: str = ""

    def __post_init__(self) -> None:
        self.stem = self.stem or self.id

    @property
    def id(self) -> str:
        """The journey id."""
        assert self.checked.journey is not None
        return self.checked.journey.id

    def task(self) -> Task:
        """Building its stale outputs, as a worker does it."""
        return Task(self.checked.path, self.checked.source, self.id, tuple(self.stale), self.stem)


def _project_bytes(checked: Checked) -> bytes:
    """What of the project file shapes this journey's outputs: the registry departments it uses,
    as its lanes hold them (name, lead, layer, ignore list, place). An edit to another department
    of the registry, to a comment or to the portfolio's bounds leaves its outputs current (each
    journey was rebuilt on any edit of the file). And its path, which the JSON export records: a
    project file moved up a folder left every export naming the old one, and `build --check`
    passed (audit FX)."""
    journey = checked.journey
    if journey is None or journey.project is None:
        return b""
    lanes = [(d.id, d.name, d.lead, d.layer, sorted(d.ignore), d.index) for d in journey.departments if d.registry]
    return b"\0registry\0" + repr((journey.project, lanes)).encode("utf-8")


def plan(paths: Sequence[str], options: Options, toolchain: str,
         roots: Sequence[str] = ()) -> tuple[list[Planned], list[JourneyResult]]:
    """Load every journey, name their outputs (those of journeys that share an id told apart by
    their files, relative to the command's inputs ``roots``: :func:`output_stems`), and decide
    which outputs are stale."""
    manifest = load_manifest(options.out_dir)
    loaded: list[tuple[Checked, Journey, bytes, bytes]] = []
    failures: list[JourneyResult] = []
    for path in paths:
        try:
            data = read_regular(path)  # once: the outputs are built from these bytes (:class:`Task`)
        except OSError as exc:  # a named FIFO or device, an unreadable file
            raise BuildError(f"cannot read {path}: {exc.strerror or exc}") from exc
        checked = check_bytes(data, path)
        if not checked.ok or checked.journey is None:
            elsewhere = checked.errors_elsewhere
            said = f"{', '.join(elsewhere)} has errors" if elsewhere else "the journey has errors"
            failures.append(JourneyResult(path, None, checked.findings, error=said, title=checked.declared[1],
                                          declared_id=checked.declared[0]))
            continue
        loaded.append((checked, checked.journey, data, _project_bytes(checked)))
    stems = output_stems(((journey.id, checked.path) for checked, journey, _, _ in loaded), roots or paths)
    planned = []
    for checked, journey, data, project in loaded:
        stem = stems[checked.path]
        keys = {output_name(stem, fmt): output_key(data + project, fmt, options.page, toolchain, checked.path)
                for fmt in options.formats}
        parts = {output_name(stem, fmt): output_parts(data, project, fmt, options.page, toolchain, checked.path)
                 for fmt in options.formats}
        stale = [name.rsplit(".", 1)[1] for name, key in keys.items()
                 if not is_current(options.out_dir, name, key, manifest)]
        planned.append(Planned(checked, keys, stale, parts, stem))
    return planned, failures


#: A journey's outcome when the process building it died (the kernel's out-of-memory killer, a kill -9).
WORKER_DIED = "the process building it was killed (out of memory?); nothing of it was written"


def run_parallel(jobs: int, tasks: list[Task], options: Options, on_done: Callable[..., None]) -> None:
    """Build ``tasks`` with ``jobs`` processes, calling ``on_done(path, *outcome)`` (:data:`Outcome`)
    as each is done (in input order with one process). A worker that dies fails the journeys it
    left unbuilt (:data:`WORKER_DIED`), each told as a failure of the machine's."""
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only a parallel build pays for it
    from concurrent.futures.process import BrokenProcessPool

    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            on_done(task.path, *build_outputs(task, options))
        return
    from journeymap.map.lifeline import worker_lifeline

    # Workers die with this process, even when it is killed with SIGKILL (kill -9).
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=worker_lifeline,
                               initargs=(os.getpid(),))
    try:
        futures = {pool.submit(build_outputs, task, options): task.path for task in tasks}
        # As each is done: in input order, a journey done early waited for the slowest before it
        # to be recorded, and a build stopped then built it again (audit CB).
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:  # a raw traceback ended the build (audit CB)
                outcome = ({}, 0.0, WORKER_DIED, True, ())
            on_done(futures[future], *outcome)
    except BaseException:
        # Ctrl-C: a worker treats the interrupt as one task's failure and goes on to the next, and
        # leaving the pool waits for every task queued (a 6-journey build ran on for 20 s). Drop
        # the queue and stop the workers; there is no public way to stop a running task.
        workers = dict(getattr(pool, "_processes", None) or {})
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers.values():
            process.terminate()
        raise
    pool.shutdown()
