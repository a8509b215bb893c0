"""The pipeline as the commands use it: find journey files, load, analyse, check."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from journeymap.analysis.analyse import Analysis, analyse
from journeymap.analysis.checks import run_checks
from journeymap.findings import Finding, sort_findings
from journeymap.journey.model import Journey
from journeymap.journey.project import Project, find_project, load_project
from journeymap.journey.validate import load_bytes, load_journey

_JOURNEY_KEY = re.compile(rb"^(journeymap|\{\s*journeymap)\s*:", re.MULTILINE)
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Checked:
    """One journey file after loading, analysis and checks."""

    path: str
    journey: Optional[Journey]
    analysis: Optional[Analysis]
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return self.journey is not None and not any(f.is_error for f in self.findings)


def is_journey_file(path: Path) -> bool:
    """A ``.journey.yaml`` file, or a YAML file whose top level has the key ``journeymap``."""
    name = path.name.lower()
    if not name.endswith(_SUFFIXES):
        return False
    if name.endswith((".journey.yaml", ".journey.yml")):
        return True
    try:
        with open(path, "rb") as handle:
            return bool(_JOURNEY_KEY.search(handle.read(256 * 1024)))
    except OSError:
        return False


def discover(paths: Iterable[str]) -> list[str]:
    """Journey files named or found (recursively, hidden folders skipped), sorted, no repeats.

    A file named explicitly is always included, whatever its name. Raises FileNotFoundError for
    a path that does not exist.
    """
    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(folder) / name
                    if is_journey_file(candidate):
                        found.append(str(candidate))
        elif path.exists():
            found.append(str(path))
        else:
            raise FileNotFoundError(raw)
    return list(dict.fromkeys(found))


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
        return Project(str(found), findings=(Finding("E001", f"cannot read the project file: "
                                                     f"{exc.strerror or exc}", str(found), 1, 1),))


_NEAREST = object()


def check_file(path: str, ignore: frozenset[str] = frozenset(), project: object = _NEAREST) -> Checked:
    """Load, analyse and check one journey file (OSError when it cannot be read).

    The nearest project file up the tree applies (its registry, and its own findings); pass
    ``project`` (a :class:`Project` or None) to choose instead.
    """
    chosen = project_for(path) if project is _NEAREST else project
    assert chosen is None or isinstance(chosen, Project)
    journey, findings = load_journey(path, chosen)  # an explicit project (or None)
    if chosen is not None:
        findings = [*chosen.findings, *findings]
    return _checked(path, journey, findings, ignore)


def check_bytes(data: bytes, path: str, ignore: frozenset[str] = frozenset()) -> Checked:
    """Load, analyse and check a journey held in memory; ``path`` is the name findings carry.

    When ``path`` names a place in the file system (not ``<stdin>`` or ``<string>``), the
    project file that would apply to a journey there applies.
    """
    project = None if path.startswith("<") else project_for(path)
    journey, findings = load_bytes(data, path, project)
    if project is not None:
        findings = [*project.findings, *findings]
    return _checked(path, journey, findings, ignore)


def _checked(path: str, journey: Optional[Journey], findings: list[Finding], ignore: frozenset[str]) -> Checked:
    if journey is None:
        return Checked(path, None, None, tuple(sort_findings(findings)))
    analysis = analyse(journey)
    warnings = run_checks(analysis, ignore)
    return Checked(path, journey, analysis, tuple(sort_findings([*findings, *warnings])))
