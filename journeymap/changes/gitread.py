"""Read a journey from a git revision (``REV:PATH``) without checking anything out."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Optional

from journeymap.journey.reader import MAX_BYTES


class GitError(Exception):
    """The revision, the path or the repository cannot be read; the message says which."""


class MissingAtRevision(GitError):
    """The revision exists but the path does not (a journey added since, or renamed)."""


def split_spec(spec: str) -> Optional[tuple[str, str]]:
    """``("REV", "PATH")`` for a ``REV:PATH`` argument that is not an existing file, else None.

    >>> split_spec("HEAD~1:maps/a.journey.yaml")
    ('HEAD~1', 'maps/a.journey.yaml')
    >>> split_spec("maps/a.journey.yaml") is None
    True
    """
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, path = spec.split(":", 1)
    return (rev, path) if rev and path else None


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0"})
    except FileNotFoundError as exc:
        raise GitError("git is not installed; install it to compare revisions") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError("git did not answer within 60 s") from exc


def read_revision(rev: str, path: str) -> bytes:
    """The bytes of ``path`` (relative to the current folder) at revision ``rev``."""
    target = Path(path)
    folder = (target.parent if str(target.parent) else Path(".")).resolve()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent  # the file may exist only in the old revision
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise GitError(f"{folder} is not inside a git repository, so {rev}:{path} cannot be read")
    root = Path(top.stdout.decode().strip())
    relative = os.path.relpath(Path(os.path.abspath(path)), root)
    if relative.startswith(".."):
        raise GitError(f"{path} is outside the repository {root}")
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise GitError(f"{rev!r} is not a revision of the repository {root}")
    blob = f"{rev}:{Path(relative).as_posix()}"
    if _git(["cat-file", "-e", blob], root).returncode != 0:
        raise MissingAtRevision(f"{Path(relative).as_posix()} does not exist at revision {rev} (renamed or not yet "
                                f"added?); the path after {rev}: is taken from the current folder, {Path.cwd()}")
    kind = _git(["cat-file", "-t", blob], root).stdout.strip()
    if kind != b"blob":
        raise GitError(f"{path} is not a file at revision {rev} (git says it is a {kind.decode(errors='replace')})")
    size = _git(["cat-file", "-s", blob], root)
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > MAX_BYTES:
        raise GitError(f"{path} is {int(size.stdout) / 1e6:.1f} MB at revision {rev}; the limit of a "
                       "journey file is 5 MB")
    shown = _git(["cat-file", "blob", blob], root)
    if shown.returncode != 0:
        raise GitError(f"git could not read {path} at revision {rev}: "
                       f"{shown.stderr.decode(errors='replace').strip() or 'no reason given'}")
    return shown.stdout
