"""The pipeline as the commands use it: find journey files, load, analyse, check."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from msgspec import Struct
from msgspec.structs import replace

from journeymap.analysis.analyse import Analysis, analyse
from journeymap.analysis.checks import run_checks
from journeymap.findings import Finding, sort_findings
from journeymap.journey.model import Journey
from journeymap.journey.project import HEAD, Project, has_journey_key, project_for
from journeymap.journey.records import leaves_out
from journeymap.outputs import lies_within
from journeymap.journey.regularfile import read_regular
from journeymap.journey.validate import NEAREST, declared_names, load_bytes, with_project_findings

if TYPE_CHECKING:
    from journeymap.journey.losttext import LostText

_SUFFIXES = (".yaml", ".yml")
#: The names of files that are journeys by their name alone (any other YAML file, by its first key).
_JOURNEY_SUFFIXES = (".journey.yaml", ".journey.yml")


@leaves_out("source")
class Checked(Struct, frozen=True):
    """One journey file after loading, analysis and checks."""

    path: str
    journey: Optional[Journey]
    analysis: Optional[Analysis]
    findings: tuple[Finding, ...]
    #: A journey with errors: the ``id`` and ``title`` its file gives, where it gives them as text.
    declared: tuple[Optional[str], Optional[str]] = (None, None)
    #: The bytes it was read from (empty where it was not read here).
    source: bytes = b""

    def __repr__(self) -> str:
        # a summary: the whole journey, twice (in its analysis too), was 29,515 characters for
        # home-claim and 2.3 million for 2,000 touch-points at a notebook's prompt (review GB)
        from journeymap.report import counted

        errors = sum(1 for f in self.findings if f.is_error)
        size = f", {len(self.journey.touchpoints)} touch-points" if self.journey is not None else ""
        return (f"Checked(path={self.path!r}, ok={self.ok}{size}, {counted(errors, 'error')}, "
                f"{counted(len(self.findings) - errors, 'warning')})")

    @property
    def notes(self) -> list["LostText"]:
        """Values YAML reads shorter than they are written (``name: Ticket #2`` is "Ticket"): not
        findings, as the YAML is valid, but what ``check`` tells as notes
        (:mod:`journeymap.journey.losttext`). Each has ``line``, ``column`` and ``message()``."""
        from journeymap.journey.losttext import notes_of

        return notes_of(self.path, self.findings,
                        lambda: self.source.decode("utf-8-sig", errors="replace") if self.source else None)

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return self.journey is not None and not any(f.is_error for f in self.findings)

    @property
    def errors_elsewhere(self) -> tuple[str, ...]:
        """The other files (the project file) that hold all of this journey's errors, sorted;
        empty when the journey's own file has one, or there is none."""
        places = {f.path for f in self.findings if f.is_error}
        return () if self.path in places else tuple(sorted(places))


def near_miss(path: Path, head: Optional[bytes] = None) -> Optional[str]:
    """Why a regular YAML file that is not a journey looks like one (a first key typed
    ``journey-map:``): :func:`~journeymap.journey.nearmiss.near_journey`; None for any other file.
    ``head``: its first bytes, where the caller read them already."""
    from journeymap.journey.nearmiss import near_journey

    from journeymap.journey.projectfile import PROJECT_FILE_NAMES

    # journeymap.yaml is the project file, whatever it holds: checked as one, not also skipped (review CZ)
    if not path.name.lower().endswith(_SUFFIXES) or path.is_symlink() or path.name in PROJECT_FILE_NAMES:
        return None
    head = _scanned(path)[1] if head is None else head
    return near_journey(head) if head is not None else None


def is_journey_file(path: Path) -> bool:
    """A ``.journey.yaml`` file, or a YAML file whose top level has the key ``journeymap``.

    Only regular files count (a FIFO or device is never opened, so it cannot block the scan).
    """
    return _scanned(path)[0]


def _scanned(path: Path) -> tuple[bool, Optional[bytes]]:
    """Whether ``path`` is a journey file (:func:`is_journey_file`), and the first bytes of a YAML
    file read to tell (None where none were): a scan asks :func:`near_miss` of the same bytes."""
    name = path.name.lower()
    if not name.endswith(_SUFFIXES):
        return False, None
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False, None
    except (OSError, ValueError):
        return False, None  # dangling symlink, unreadable folder
    if name.endswith(_JOURNEY_SUFFIXES):
        return True, None
    try:
        head = read_regular(path, HEAD)
    except OSError:
        return False, None
    return has_journey_key(head), head


#: Folders of other tools, never of journeys: a scan of a repository skips them (and any Python
#: virtual environment, which holds a pyvenv.cfg), as it skips hidden ones.
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


def skipped_folder(where: str, name: str) -> bool:
    """Whether a scan for journeys leaves out the folder ``name`` in ``where``: a hidden one or another tool's."""
    return name.startswith(".") or name in SKIPPED_FOLDERS or os.path.exists(os.path.join(where, name, "pyvenv.cfg"))


def journeys_in(folder: Path, skipped: Optional[list[str]] = None) -> Iterator[str]:
    """Journey files under ``folder``, one at a time, in a stable order: hidden folders and other
    tools' (:data:`SKIPPED_FOLDERS`, virtual environments) skipped, symlinked folders not entered,
    symlinks leading out of ``folder`` (or nowhere) and non-regular files ignored. Such a symlink
    named like a journey goes into ``skipped``, for the caller to tell: left out unsaid, a shared
    journey linked into maps/ was never checked; so does a YAML file that looks like a journey but
    is not one (:func:`near_miss`: ``journey-map: 1``), and so does a folder below ``folder``
    that cannot be read: left out unsaid, its journeys were never checked and CI passed."""
    root = folder.resolve()

    def unreadable(error: OSError) -> None:
        if skipped is not None and error.filename is not None and os.fspath(error.filename) != os.fspath(folder):
            skipped.append(os.fspath(error.filename))

    for where, dirs, files in os.walk(folder, onerror=unreadable):
        left = [d for d in dirs if skipped_folder(where, d)]
        dirs[:] = sorted(d for d in dirs if d not in left)
        # one holding journey files is told: left out unsaid, they were never checked (audit FF)
        if skipped is not None:
            skipped += [os.path.join(where, d) for d in sorted(left) if _holds_journeys(os.path.join(where, d))]
        for name in sorted(files):
            if name.startswith(".#"):  # an editor's lock (Emacs: a link to user@host), not a journey (audit EJ)
                continue
            candidate = Path(where) / name
            # a dangling or looping link leads nowhere: skipped as one leading out
            if candidate.is_symlink() and not (candidate.exists() and lies_within(candidate, root)):
                if skipped is not None and name.lower().endswith(_JOURNEY_SUFFIXES):
                    skipped.append(str(candidate))
                continue
            journey, head = _scanned(candidate)
            if journey:
                yield str(candidate)
            elif skipped is not None and head is not None and near_miss(candidate, head) is not None:
                skipped.append(str(candidate))


#: How far :func:`_holds_journeys` looks into a skipped folder: its folders this many levels down,
#: and no more than this many names in all (``node_modules`` or ``.git`` may hold hundreds of
#: thousands, and a scan must not pay for them).
LOOK_DEPTH = 3
LOOK_NAMES = 2000


def _holds_journeys(folder: str) -> bool:
    """Whether ``folder`` (a hidden one, or another tool's) holds a ``*.journey.yaml`` file, itself or
    in its folders down to :data:`LOOK_DEPTH` levels (``.cx/journeys/x.journey.yaml`` was left out
    unsaid; audit FU), looking at :data:`LOOK_NAMES` names at most; links to folders not followed."""
    budget, level = LOOK_NAMES, [folder]
    for _ in range(LOOK_DEPTH + 1):
        below: list[str] = []
        for where in level:
            try:
                with os.scandir(where) as entries:
                    for entry in entries:
                        budget -= 1
                        if budget < 0:
                            return False
                        if entry.name.lower().endswith(_JOURNEY_SUFFIXES):
                            return True
                        if entry.is_dir(follow_symlinks=False):
                            below.append(entry.path)
            except OSError:
                continue
        level = below
    return False


def shared_ids(journeys: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """The journey ids that more than one of the ``(id, path)`` pairs has, each with their paths:
    ``build`` names their outputs ``<id>@<stem>`` to tell them apart
    (:func:`~journeymap.site.names.output_stems`), and ``check``, ``portfolio`` and ``build`` say so."""
    by_id: dict[str, list[str]] = {}
    for ident, path in journeys:
        by_id.setdefault(ident, []).append(path)
    return {ident: paths for ident, paths in by_id.items() if len(paths) > 1}


def discover(paths: Iterable[str], skipped: Optional[list[str]] = None) -> list[str]:
    """Journey files named or found (recursively, hidden and tools' folders skipped), sorted, no repeats: a
    file reached by two paths (``maps`` and ``maps/../maps/x.journey.yaml``) is listed once, first as named.

    A file named explicitly is always included, whatever its name (reading it refuses a FIFO or
    device, see :func:`~journeymap.journey.regularfile.read_regular`). In a folder, only regular
    files are considered, and symlinks are followed only when they stay inside the folder (those
    named like journeys that do not go into ``skipped``).
    Raises FileNotFoundError for a path that does not exist.
    """
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(journeys_in(path, skipped))
        elif path.exists():
            found.append(str(path))
        else:
            raise FileNotFoundError(raw)
    return distinct_files(found)


def journeys_governed(project_file: str, skipped: Optional[list[str]] = None) -> list[str]:
    """The journey files the project file ``project_file`` applies to (SPEC 1.2): those in its folder
    and below whose nearest project file it is. ``check`` of a project file checks them too, as an
    edit to the registry shows only in them (a department removed that a journey still uses). Symlinks
    leading out of its folder go into ``skipped``, as :func:`journeys_in` has them."""
    from journeymap.journey.project import find_project

    mine = os.path.realpath(project_file)
    return [path for path in journeys_in(Path(project_file).parent, skipped)
            if (found := find_project(path)) is not None and os.path.realpath(found) == mine]


def distinct_files(names: Iterable[str]) -> list[str]:
    """``names`` without a second path to a file already listed: the first spelling is kept, but
    the file's own name rather than a symlink to it (an ``alias.journey.yaml`` beside it sorted
    first, and the findings were told, and annotated in CI, at the link: audit EG)."""
    once: dict[str, str] = {}
    for name in names:
        real = os.path.realpath(name)
        if real in once and os.path.islink(once[real]) and not os.path.islink(name):
            del once[real]  # listed where the file itself comes, as if the link were not there
        once.setdefault(real, name)
    return list(once.values())


def check_file(path: str, ignore: frozenset[str] = frozenset(),
               project: Union[Project, None, str] = NEAREST) -> Checked:
    """Load, analyse and check one journey file (OSError when it cannot be read).

    The nearest project file up the tree applies (its registry, and its own findings); pass
    ``project`` (a :class:`Project` or None) to choose instead.
    """
    data = read_regular(path)  # once: a journey with errors is parsed again from it for its names
    return check_bytes(data, path, ignore, project_for(path) if project == NEAREST else project)


def check_bytes(data: bytes, path: str, ignore: frozenset[str] = frozenset(),
                project: Union[Project, None, str] = NEAREST) -> Checked:
    """Load, analyse and check a journey held in memory; ``path`` is the name findings carry.

    When ``path`` names a place in the file system (not ``<stdin>`` or ``<string>``), the
    project file that would apply to a journey there applies; pass ``project`` (a
    :class:`Project` or None) to choose instead.
    """
    if project == NEAREST:
        project = None if path.startswith("<") else project_for(path)
    if isinstance(project, str):
        raise ValueError(f"project is a Project, None or NEAREST ({NEAREST!r}), not {project!r}")
    journey, findings = load_bytes(data, path, project)
    findings = with_project_findings(project, findings)
    checked = _checked(path, journey, findings, ignore)
    declared = checked.declared if journey is not None else declared_names(data, path)
    return replace(checked, source=data, declared=declared)


def _checked(path: str, journey: Optional[Journey], findings: list[Finding], ignore: frozenset[str]) -> Checked:
    if journey is None:
        return Checked(path, None, None, tuple(sort_findings(findings)))
    analysis = analyse(journey)
    warnings = run_checks(analysis, ignore)
    return Checked(path, journey, analysis, tuple(sort_findings([*findings, *warnings])))
