"""The project file that applied to a journey at a git revision (SPEC 1.2), read from git as a
checkout of that revision has it: symbolic links followed within the repository."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import Optional

from journeymap.changes.gitrun import GitError, run_git
from journeymap.journey.project import is_project_text
from journeymap.journey.projectfile import PROJECT_FILE_NAMES
from journeymap.journey.reader import MAX_BYTES


def project_file_at(rev: str, root: Path, relative: str) -> Optional[tuple[str, bytes]]:
    """The project file that applied to the journey ``relative`` at revision ``rev`` (SPEC 1.2): the
    nearest ``journeymap.yaml`` in its folder or above it, up to the repository's top, as it was
    then. Returns its path from the current folder and its bytes, or None when there was none."""
    folders = [f.as_posix() for f in PurePosixPath(relative).parents]
    candidates = [name if folder == "." else f"{folder}/{name}" for folder in folders for name in PROJECT_FILE_NAMES]
    listed = run_git(["ls-tree", "-l", "-z", rev, "--", *candidates], root)
    blobs = _blobs(listed.stdout)
    for candidate in (c for c in candidates if c in blobs):
        data = _followed(rev, root, candidate, blobs[candidate])
        if is_project_text(data):  # a journey named journeymap.yaml is not the project file
            return os.path.relpath(root / candidate), data
    return None


def _blobs(listing: bytes) -> dict[str, tuple[bytes, int]]:
    """``git ls-tree -l -z``'s files: path to mode and size ("mode blob object size\tpath")."""
    blobs = {}
    for entry in listing.split(b"\0"):
        head, _, name = entry.partition(b"\t")
        fields = head.split()
        if len(fields) == 4 and fields[1] == b"blob" and fields[3].isdigit():
            blobs[os.fsdecode(name)] = (fields[0], int(fields[3]))
    return blobs


def _followed(rev: str, root: Path, path: str, blob: tuple[bytes, int]) -> bytes:
    """The bytes of the file ``path`` at revision ``rev``, symbolic links followed (its own and
    its folders') to the file they lead to in the repository, as a checkout has it: its link text
    was read as the project file (E005 at a revision, the same file clean in the working tree:
    review FO), and a link through a linked folder was refused (review FP)."""
    if blob[0] == b"120000":
        found = _resolved(rev, root, path)
        if found is None:
            target = run_git(["cat-file", "blob", f"{rev}:{path}"], root).stdout.decode("utf-8", "replace")
            raise GitError(f"{path} is a symbolic link to {target} at revision {rev}, which leads to no file of "
                           "that revision in the repository")
        path, blob = found
    if blob[1] > MAX_BYTES:  # as for the journey: not read into memory
        raise GitError(f"{path} is {blob[1] / 1e6:.1f} MB at revision {rev}; the limit of a project file is 5 MB")
    return run_git(["cat-file", "blob", f"{rev}:{path}"], root).stdout


def _resolved(rev: str, root: Path, path: str) -> Optional[tuple[str, tuple[bytes, int]]]:
    """``path`` at revision ``rev`` with every symbolic link on the way followed, one name at a
    time, and the file it leads to (mode and size); None where it leads out of the repository, to
    no file, or round in a loop."""
    parts, done, hops = path.split("/"), list[str](), 0
    while parts:
        name = "/".join([*done, parts.pop(0)])
        listed = run_git(["ls-tree", "-l", "-z", rev, "--", name], root).stdout
        head = listed.split(b"\t", 1)[0].split()
        if len(head) != 4 or listed.split(b"\t", 1)[1].rstrip(b"\0").decode("utf-8", "replace") != name:
            return None
        if head[0] != b"120000":
            done.append(name.rsplit("/", 1)[-1])
            continue
        hops += 1
        target = run_git(["cat-file", "blob", f"{rev}:{name}"], root).stdout.decode("utf-8", "replace")
        if target.startswith("/"):  # a checkout at this place follows it where it stays inside
            target = os.path.relpath(target, root).replace(os.sep, "/")
        else:
            target = posixpath.normpath(posixpath.join(*done, target) if done else target)
        if hops > 40 or target == ".." or target.startswith("../"):
            return None
        parts, done = target.split("/") + parts, []
    final = "/".join(done)
    blobs = _blobs(run_git(["ls-tree", "-l", "-z", rev, "--", final], root).stdout)
    return (final, blobs[final]) if final in blobs else None
