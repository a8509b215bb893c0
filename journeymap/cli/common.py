"""What the commands share: exit statuses, loading with findings, writing outputs."""

from __future__ import annotations

import gc
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Sequence

import click

from journeymap.findings import warning_codes
from journeymap.journey.project import find_project, is_project_file, project_for
from journeymap.journey.reader import MAX_BYTES
from journeymap.outputs import OutputError, folder_trouble, input_at, is_special, utf8, write_atomic
from journeymap.pipeline import Checked, check_bytes, check_file
from journeymap.report import as_text, counted, summary

if TYPE_CHECKING:  # the map's modules load only for commands that draw
    from journeymap.map.marks import Marks

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3
STDIN = "-"  # as FILE: read the journey from standard input
STDIN_NAME = "<stdin>"  # the path findings carry for it
SCHEMA_FILE = "journeymap.schema.json"  # the name the starter journey's modeline points at
PROJECT_SCHEMA_FILE = "journeymap.project.schema.json"  # and the starter project file's


#: Whether this process runs one command and ends (set by the console script, :func:`journeymap.cli.main.run`).
#: Left false when the commands run inside another program, such as tests through a CliRunner.
_ONE_COMMAND = {"process": False}


def mark_one_command_process() -> None:
    """Record that this process runs one command and then ends."""
    _ONE_COMMAND["process"] = True


def collect_no_more() -> None:
    """Turn automatic garbage collection off for the rest of a process that ends after this command.

    For commands that make one PDF and end (``brief``, ``portfolio``). WeasyPrint leaves about a
    million objects in reference cycles; the collection that follows the document (when
    :func:`journeymap.briefing.pdf.collection_paused` ends) walked them all only for the process
    to end: 1.3-1.8 s of a 12 s briefing at 500 touch-points, 0.08 s of 1.3 s at 30. Peak memory is
    unchanged, as nothing was collected while the document was made. In any other process (tests,
    a program using the command group) this does nothing: its memory must still be collected.
    """
    if _ONE_COMMAND["process"]:
        gc.disable()


class InputPath(click.Path):
    """``click.Path(exists=True)`` that, for a path that is not there, names the closest one beside
    it: ``maps/home-clam.journey.yaml`` does not exist; did you mean ``maps/home-claim.journey.yaml``?"""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(exists=True, **kwargs)

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        """The path, or a usage error that suggests the closest existing name."""
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if os.path.lexists(value) and not os.path.exists(value):  # it is there, leading nowhere
                raise click.BadParameter(f"{value} is a symbolic link to nothing (a missing file, or a loop of "
                                         "links); point it at a journey file, or name that file", ctx, param) from exc
            close = closest_file(str(value)) if not os.path.exists(value) else None
            if close is None:
                raise
            raise click.BadParameter(f"{exc.message.rstrip('.')}; did you mean {close}?", ctx, param) from exc


def closest_file(value: str) -> Optional[str]:
    """The existing file whose name looks most like that of ``value``, a path that is not there."""
    import difflib

    folder, name = os.path.split(value)
    try:
        names = sorted(entry for entry in os.listdir(folder or ".") if not entry.startswith("."))
    except OSError:
        return None
    # `check mbb` for mbb.journey.yaml: the name without its suffix
    suffixed = [n for n in names if n.lower() in (f"{name}.journey.yaml".lower(), f"{name}.journey.yml".lower())]
    # compared without the ending journeys share: with it, any two names looked alike
    # (`zzz.journey.yaml` was asked whether it meant `v3.journey.yaml`: audit DY)
    stems: dict[str, str] = {}
    for n in names:
        stems.setdefault(_JOURNEY_SUFFIX.sub("", n), n)
    close = difflib.get_close_matches(_JOURNEY_SUFFIX.sub("", name), list(stems), n=1, cutoff=0.75)
    # ... and whole, where the slip is in the ending itself (`x.jouney.yaml`: review DW)
    found = suffixed or [stems[c] for c in close] or difflib.get_close_matches(name, names, n=1, cutoff=0.9)
    return os.path.join(folder, found[0]) if found else None


_JOURNEY_SUFFIX = re.compile(r"\.journey\.ya?ml$", re.IGNORECASE)


class Seconds(click.FloatRange):
    """A time limit in seconds: 0.1 or more (``inf``: none). NaN compares false with every bound,
    so FloatRange let ``--timeout nan`` through, to a traceback (audit BG)."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=0.1)

    def convert(self, value: Any, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> Any:
        """The number of seconds, or a usage error (exit status 2)."""
        seconds = super().convert(value, param, ctx)
        if seconds != seconds:  # NaN
            self.fail(f"{value!r} is not a number of seconds; give one of 0.1 or more, such as 120", param, ctx)
        return seconds


class OutputProblem(click.ClickException):
    """An output that cannot be written where ``-o`` says, or would overwrite an input: exit
    status 2, a usage error (the journey itself is fine, so not 1)."""

    exit_code = EXIT_USAGE


class EnvironmentProblem(click.ClickException):
    """A missing or failing outside program: exit status 3."""

    exit_code = EXIT_ENVIRONMENT


def parse_ignore(_ctx: click.Context, _param: click.Parameter, value: Sequence[str]) -> frozenset[str]:
    """``--ignore W104,W105`` (repeatable) as a set of warning codes."""
    try:
        return warning_codes(",".join(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def read_stdin() -> bytes:
    """Standard input's bytes, at most one byte over the input limit (the reader then says E009)."""
    stream: Any = getattr(sys.stdin, "buffer", sys.stdin)
    data = stream.read(MAX_BYTES + 1)
    return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def check_input(path: str, ignore: frozenset[str] = frozenset()) -> Checked:
    """Check a journey file, or standard input for ``-`` (findings then name ``<stdin>``; it is
    read as a journey in the current folder, so the project file that applies there applies).

    Raises ``click.UsageError`` when the file cannot be read.
    """
    if path == STDIN:
        return check_stdin(ignore)[0]
    try:
        return check_file(path, ignore)
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from exc


def check_stdin(ignore: frozenset[str] = frozenset()) -> tuple[Checked, bytes]:
    """Check the journey on standard input (see :func:`check_input`), and the bytes read."""
    project = project_for(".")
    data = read_stdin()
    checked = check_bytes(data, STDIN_NAME, ignore, project=project)
    # said only where a department is not found: a `next:` to a missing touch-point has nothing to
    # do with a project file (audit FI)
    if project is None and any(f.code == "E007" and "department has the id" in f.message for f in checked.findings):
        click.echo("note: standard input is read as a journey in the current folder, and no journeymap.yaml "
                   "applies here; if the journey uses a project's departments, run this from its folder", err=True)
    return checked, data


def input_paths(*paths: str) -> tuple[Path, ...]:
    """The files an output must never overwrite: the journeys read (none for standard input) and
    the project files that applied to them (SPEC 4.3: the input is never modified)."""
    found: list[Path] = []
    for path in paths:
        if path != STDIN:
            found.append(Path(path))
        project = find_project("." if path == STDIN else path)
        if project is not None:
            found.append(project)
    return tuple(dict.fromkeys(found))


def load_or_exit(path: str, ignore: frozenset[str] = frozenset()) -> Checked:
    """Load one journey (``-`` for standard input) for commands that need a usable journey.

    Exits 1 with the findings when it has errors, 2 when it cannot be read or is the project file.
    """
    if path != STDIN and is_project_file(Path(path)):
        raise click.UsageError(f"{path} is the project file (the department registry of the journeys beside it), "
                               "not a journey; give a journey file (check it with: journeymap check "
                               f"{path})")
    checked = check_input(path, ignore)
    if not checked.ok:
        click.echo(as_text(checked.findings), err=True, nl=False)
        counts = summary(checked.findings)
        elsewhere = checked.errors_elsewhere
        whose = f" (in {', '.join(elsewhere)})" if elsewhere else ""
        them = "it" if counts["errors"] == 1 else "them"
        click.echo(f"{checked.path}: {counted(counts['errors'], 'error')}{whose}; fix {them} first", err=True)
        sys.exit(EXIT_FINDINGS)
    return checked


def output_path(out: Optional[str], name: str) -> str:
    """Where an output goes, its folders made: ``out``, or ``name`` (``<id>.<format>``) when there
    is no ``-o`` or when ``-o`` is a folder (``-o build/`` writes ``build/<id>.svg``; it failed with "Is a
    directory" or "Device or resource busy" for ``-o .``)."""
    if out is None:
        return name
    if out != "-" and out.endswith(("/", os.sep)):  # a folder to be: made, as build's -o is
        make_folder(Path(out))
    if out != "-" and Path(out).is_dir():
        return str(Path(out) / name)
    if out != "-" and not is_special(Path(out)) and not Path(out).parent.exists():
        make_folder(Path(out).parent)  # -o site/maps/x.svg makes its folders, as -o site/maps/ does
    return out


def unreachable(exc: PermissionError) -> OutputProblem:
    """A path the user may not reach (a folder on its way not open to them) as a usage error."""
    where = f"{exc.filename}: " if exc.filename else ""
    return OutputProblem(f"{where}{exc.strerror or 'permission denied'}; journeymap cannot reach it "
                         "(check the permissions of the folders on its way)")


def make_folder(folder: Path) -> None:
    """Make ``folder`` and the folders above it that are missing, saying so on stderr: a slip in
    ``-o`` (``/tmp/mpas/x.svg``) made a new folder without a word (audit DM)."""
    missing = [f for f in (folder, *folder.parents) if not f.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputProblem(f"cannot make the folder {folder}: {folder_trouble(folder, exc)}") from exc
    if missing:
        above = f" (and {counted(len(missing) - 1, 'folder')} above it)" if len(missing) > 1 else ""
        click.echo(f"made the folder {folder}{above}", err=True)


def emit(data: bytes | str, out: str, inputs: tuple[Path, ...] = (), journeys_too: bool = False) -> None:
    """Write an output file atomically, or to stdout for ``-``. Never over a journey or project
    file (only ``init``, which writes them, says ``journeys_too``): ``export -o second.journey.yaml``
    put JSON in place of another journey without a word (audit BG)."""
    if out != "-" and not journeys_too:
        _not_over_a_journey(Path(out), inputs)
    if out == "-":
        # The binary layer of whatever sys.stdout is now (click's test runner swaps it).
        stream: Any = getattr(sys.stdout, "buffer", sys.stdout)
        sys.stdout.flush()
        stream.write(utf8(data) if isinstance(data, str) else data)
        stream.flush()
        return
    try:
        write_atomic(out, data, inputs=inputs)
    except OutputError as exc:
        raise OutputProblem(str(exc)) from exc


def _not_over_a_journey(target: Path, inputs: tuple[Path, ...]) -> None:
    """An :class:`OutputProblem` when ``target`` is an existing journey or project file (one of
    the ``inputs`` is refused as the input it is, by :func:`~journeymap.outputs.write_atomic`)."""
    from journeymap.pipeline import is_journey_file

    if input_at(target, inputs) is not None:
        return
    project = is_project_file(target)
    if project or is_journey_file(target):
        what = "the project file" if project else "a journey file"
        raise OutputProblem(f"{target}: is {what}; refusing to write over it: name the output for what it holds "
                            "(such as .svg, .pdf, .json or .md)")


def schema_text(project: bool = False) -> str:
    """The JSON Schema of the journey file (with ``project``, of the project file) as
    ``journeymap schema`` prints it."""
    import json

    if project:
        from journeymap.journey.projectformat import project_json_schema as make
    else:
        from journeymap.journey.fileformat import json_schema as make
    return json.dumps(make(), indent=2, ensure_ascii=False) + "\n"


def render_bytes(checked: Checked, fmt: str, timeout: float, marks: Optional["Marks"] = None) -> bytes:
    """The map in ``fmt``; Graphviz problems become exit status 3 with the fix.

    Warnings Graphviz printed on a successful run go to stderr: they never happen for a valid
    journey within the limits, so one is worth a bug report.
    """
    from journeymap.api import ToolMissing, render_map

    try:
        rendered = render_map(checked, fmt, timeout=timeout, marks=marks)
    except ToolMissing as exc:
        raise EnvironmentProblem(str(exc)) from exc
    for warning in rendered.warnings:
        click.echo(f"graphviz: {warning}", err=True)
    for note in rendered.notes:
        click.echo(f"note: {note}", err=True)
    return rendered.data
