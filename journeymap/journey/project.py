"""Find and read the project file ``journeymap.yaml`` (SPEC 1.2): organisation, registry, bounds.

The nearest project file up the tree from a journey applies to it. It is read with the same
positioned YAML reader as journeys, so its findings have a line and column in the project
file. The registry is built from every department entry that is valid on its own, so one bad
entry does not hide the others.
"""

from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from msgspec import Struct

from journeymap.findings import Finding, besides
from journeymap.journey.model import Pos
from journeymap.journey.projectfile import DEFAULT_MAX_MOMENTS, DEFAULT_MIN_MOMENTS, PROJECT_FILE_NAMES
from journeymap.journey.nodes import Node, plain, text_of
from journeymap.journey.fileversion import version_findings
from journeymap.journey.reader import read_bytes
from journeymap.journey.regularfile import NotARegularFile, read_regular
from journeymap.journey.records import leaves_out
from journeymap.journey.references import duplicate_id_findings

if TYPE_CHECKING:
    from journeymap.journey.projectformat import BoundsSpec
from journeymap.journey.slug import slugify


@leaves_out("fields")
class RegistryDepartment(Struct, frozen=True):
    """One department of the shared registry, as written (``fields`` holds the file's values)."""

    id: str
    fields: dict[str, Any]
    pos: Pos = (1, 1)


class Project(Struct, frozen=True, dict=True):
    """A read project file; ``findings`` are its own (errors make its journeys unusable)."""

    path: str
    pos: Pos = (1, 1)
    organisation: Optional[str] = None
    departments: tuple[RegistryDepartment, ...] = ()
    min_moments: int = DEFAULT_MIN_MOMENTS
    max_moments: int = DEFAULT_MAX_MOMENTS
    bounds_pos: Optional[Pos] = None
    findings: tuple[Finding, ...] = ()
    #: Every id the file's departments list names, valid entries or not; None when that is not
    #: known (the file unreadable, the list not a list, an entry with neither id nor name). With it,
    #: a journey under a broken registry is still told the references that no entry could satisfy.
    named_ids: Optional[frozenset[str]] = None

    @cached_property
    def by_id(self) -> dict[str, RegistryDepartment]:
        """Registry departments keyed by id, in registry order."""
        return {d.id: d for d in self.departments}

    @property
    def ok(self) -> bool:
        """The project file has no errors."""
        return not any(f.is_error for f in self.findings)


def find_project(start: Union[str, Path]) -> Optional[Path]:
    """The nearest project file in ``start`` (a folder, or a file's folder) or above it.

    The search ends at the top of the git repository ``start`` is in (a project file above it is
    not the repository's), and never takes a file another user owns (anyone may write
    ``/tmp/journeymap.yaml``): within a repository every file is the repository's, whoever checked
    it out. The path is relative to the current folder when ``start`` is relative (as findings show it).
    """
    here = Path(start)
    try:
        folder = (here if here.is_dir() else here.parent).resolve()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        return None
    for candidate in _search_path(folder):
        for name in PROJECT_FILE_NAMES:
            path = candidate / name
            if (path.is_file() or path.is_symlink()) and is_project_file(path):
                if here.is_absolute():
                    return path
                try:
                    return Path(os.path.relpath(path))
                except ValueError:
                    return path
    return None


def passed_over(start: Union[str, Path]) -> Optional[tuple[Path, int]]:
    """The nearest project file in ``start``'s folder or above that :func:`find_project` leaves
    unread because another user owns it, nearer than the one it takes (if any), with that user's
    id; None when there is none, or when ``start`` is in a repository of this user's (where every
    file is read). In a checkout another user owns (a container job run as another user), the
    project file beside the journeys was passed over in silence, and each of their E007s said no
    project file applied (audit FX), or named one further up (review FY)."""
    here = Path(start)
    try:
        folder = (here if here.is_dir() else here.parent).resolve()
    except (OSError, ValueError):
        return None
    chain = [folder, *folder.parents]
    if any(_trusted(f / ".git") for f in chain):
        return None
    for candidate in chain:
        names = [candidate / name for name in PROJECT_FILE_NAMES]
        if any(_trusted(p) and p.is_file() and is_project_file(p) for p in names):
            return None  # the one taken, nearer than any passed over
        for path in names:
            if not _trusted(path, missing=True) and path.is_file() and is_project_file(path):
                return (path if here.is_absolute() else Path(os.path.relpath(path))), path.lstat().st_uid
    return None


def _search_path(folder: Path) -> list[Path]:
    """``folder`` and the folders above it up to its repository's top, else those that are ours.

    A repository's top counts only when its ``.git`` is this user's (or root's), as for a
    project file: anyone may create ``/tmp/.git`` beside ``/tmp/journeymap.yaml``.
    """
    chain = [folder, *folder.parents]
    top = next((i for i, f in enumerate(chain) if _trusted(f / ".git")), None)
    if top is not None:
        return chain[:top + 1]
    return [f for f in chain if all(_trusted(f / name, missing=True) for name in PROJECT_FILE_NAMES)]


def _trusted(path: Path, missing: bool = False) -> bool:
    """Whether ``path`` is this user's or root's (``missing`` when it is not there at all)."""
    try:
        owner = path.lstat().st_uid
    except OSError:
        return missing
    return not hasattr(os, "getuid") or owner in (os.getuid(), 0)


#: A top-level ``journeymap`` key, found without parsing (a folder may hold big or hostile YAML):
#: at the start of a line, after a byte-order mark (Windows editors write one), quoted or not,
#: or in a one-line flow mapping (``{title: T, journeymap: 1}``). Indented lines are nested keys.
JOURNEY_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\{(?:[^\n]*,)?\s*)?([\"']?)journeymap\1\s*:", re.MULTILINE)
#: How much of a file is read to tell a journey from another YAML file.
HEAD = 256 * 1024


def has_journey_key(data: bytes) -> bool:
    """Whether a file that starts with ``data`` is a journey (:data:`JOURNEY_KEY` in its first
    :data:`HEAD` bytes): one test for discovery, the project file and a version read from git
    (review BM: the project file's own was narrower, so a journey saved as ``journeymap.yaml``
    with a quoted key or a byte-order mark was taken for the project file of those beside it)."""
    return bool(JOURNEY_KEY.search(data[:HEAD]))


def is_project_file(path: Path) -> bool:
    """``journeymap.yaml`` (or ``.yml``) that is not a journey (its top level has no ``journeymap`` key).

    One that forgot ``project: 1`` is still the project file, so it gets E004 instead of being
    silently ignored. A FIFO or device of that name is never read (it would block). One that cannot
    be read (its permissions) is taken for the project file, so that its journeys are told why:
    taken for none, they were told to add a project file beside the one there (audit CH).
    """
    if path.name not in PROJECT_FILE_NAMES:
        return False
    try:
        head = read_regular(path, HEAD)
    except FileNotFoundError:
        # A link to nothing (a shared registry moved away) is the project file too: taken for
        # none, the next one up applied in its place without a word (review FM).
        return path.is_symlink()
    except (NotADirectoryError, NotARegularFile):
        return False
    except OSError:
        return True
    return is_project_text(head)


def is_project_text(head: bytes) -> bool:
    """Whether the start of a ``journeymap.yaml`` is a project file's: no top-level ``journeymap`` key."""
    return not has_journey_key(head)


def _registry(root: Node, path: str, findings: list[Finding]) -> tuple[RegistryDepartment, ...]:
    from pydantic import ValidationError  # imported only when a project file is read

    from journeymap.journey.fileformat import DepartmentSpec
    from journeymap.journey.modelbuild import ignore_findings

    node = root.get("departments")
    items = [n for n in node.children if n.kind == "map"] if node is not None and node.kind == "seq" else []
    findings.extend(duplicate_id_findings(items, "department", path))
    result: dict[str, RegistryDepartment] = {}
    for item in items:
        # A misspelt key (E003, from the whole-file validation) costs only that key: dropping the
        # department would give every journey using it a misleading "no registry department".
        values = {k: v for k, v in plain(item).items() if k in DepartmentSpec.model_fields}
        try:
            spec = DepartmentSpec.model_validate(values)
        except ValidationError:
            continue  # reported by the whole-file validation
        ident = spec.id or slugify(spec.name)
        findings.extend(ignore_findings(spec.ignore, item, path))
        if ident and ident not in result:
            result[ident] = RegistryDepartment(ident, {**values, "id": ident}, item.pos)
    return tuple(result.values())


def project_for(path: str) -> Optional[Project]:
    """The project file that applies to a journey file or folder (SPEC 1.2), read; None if none.

    A project file that cannot be read is returned with an E001 finding.
    """
    found = find_project(path)
    if found is None:
        return None
    try:
        return load_project(found)
    except OSError as exc:
        why = f"{exc.strerror or exc}"
        if isinstance(exc, FileNotFoundError) and found.is_symlink():
            why = (f"it is a symbolic link to nothing ({_link_target(found)}): restore the file it "
                   "points at, or replace the link with the project file")
        return Project(str(found), findings=(Finding("E001", f"cannot read the project file: {why}",
                                                     str(found), 1, 1),))


def _link_target(link: Path) -> str:
    """Where the symbolic link ``link`` points, as written in it."""
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def project_from_tree(root: Node, path: str) -> Project:
    """Validate a project file's node tree; the registry keeps every valid department."""
    if root.kind != "map":
        return Project(path, root.pos, findings=(Finding(
            "E005", "the top level of a project file must be keys with values, starting with "
            "`project: 1`", path, root.line, root.column),))
    from pydantic import ValidationError  # imported only when a project file is read

    from journeymap.journey.diagnose import findings_from
    from journeymap.journey.projectformat import ProjectSpec

    findings = version_findings(root, "project", "project-file version", path)
    spec: Optional[ProjectSpec] = None
    try:
        spec = ProjectSpec.model_validate(plain(root))
    except ValidationError as exc:
        findings.extend(f for f in findings_from(exc, root, path, top="project")
                        if not (findings and f.line == findings[0].line and f.column == findings[0].column))
    registry = _registry(root, path, findings)
    bounds = root.get("moments_of_truth")
    low, high = DEFAULT_MIN_MOMENTS, DEFAULT_MAX_MOMENTS
    given = spec.moments_of_truth if spec is not None else _bounds(bounds)
    if given is not None:
        low, high = given.min, given.max
        if low > high and bounds is not None:
            findings.append(Finding("E005", f"moments_of_truth: min ({low}) is greater than max ({high}); "
                                    "swap them", path, bounds.line, bounds.column))
    organisation = spec.organisation if spec is not None else None
    key = root.key_node("moments_of_truth")  # W115 is reported at this key
    return Project(path, root.pos, organisation, registry, low, high,
                   key.pos if key is not None else None, tuple(findings), _named_ids(root.get("departments")))


def _named_ids(node: Optional[Node]) -> Optional[frozenset[str]]:
    """The ids a registry's entries name (``id``, else the slug of ``name``), whether or not the
    entries are valid; None if some entry names none."""
    if node is None:
        return frozenset()
    if node.kind != "seq":
        return None
    ids: set[str] = set()
    for item in node.children:
        ident = text_of(item.get("id")) if item.kind == "map" else None
        name = text_of(item.get("name")) if item.kind == "map" and ident is None else None
        ident = ident or (slugify(name) if name else None)
        if not ident:
            return None
        ids.add(ident)
    return frozenset(ids)


def _bounds(node: Optional[Node]) -> Optional["BoundsSpec"]:
    """The bounds on their own, when another part of the file failed validation (None if they are bad too)."""
    from pydantic import ValidationError

    from journeymap.journey.projectformat import BoundsSpec

    try:
        return BoundsSpec.model_validate(plain(node)) if node is not None else None
    except ValidationError:
        return None  # reported by the whole-file validation


def load_project(path: Union[str, Path]) -> Project:
    """Read a project file (its problems are in ``findings``); OSError when it cannot be read."""
    # as a journey is read: a FIFO put in its place after the scan blocked `check` (review EB)
    return project_from_bytes(read_regular(path), str(path))


def project_from_bytes(data: bytes, path: str) -> Project:
    """A project file held in memory (a git revision's, say); ``path`` is the name findings carry."""
    root, findings = read_bytes(data, path)
    if root is None:
        return Project(path, findings=tuple(findings))
    project = project_from_tree(root, path)
    if findings:
        project = Project(project.path, project.pos, project.organisation, project.departments,
                          project.min_moments, project.max_moments, project.bounds_pos,
                          tuple(findings) + tuple(besides(findings, project.findings)), project.named_ids)
    return project
