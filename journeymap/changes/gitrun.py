"""Running git for :mod:`.gitread`: one command, the contents of many objects in one process, the
head of one; and the errors they raise. The only module of :mod:`journeymap.changes` that starts
another program."""

from __future__ import annotations

import os
import select
import subprocess
import time
from pathlib import Path


#: git as journeymap runs it. A journey's folder may hold what git takes for a repository of its
#: own (a bare one committed in a pull request, with a config of its choosing: its fsmonitor ran a
#: command at `diff` and `brief --since`, audit EO): git uses no bare repository it was not named,
#: and runs no file-system monitor.
GIT = ("git", "-c", "safe.bareRepository=explicit", "-c", "core.fsmonitor=false")


def _environment() -> dict[str, str]:
    """git's environment: ours, and never a prompt for credentials (it would wait for ever)."""
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0"}


class GitError(Exception):
    """The revision, the path or the repository cannot be read; the message says which."""


class MissingAtRevision(GitError):
    """The revision exists but the path does not (a journey added since, or renamed)."""


def run_git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` run in ``cwd``, never prompting, within 60 s; raises :class:`GitError` when git is
    not installed or does not answer."""
    try:
        return subprocess.run([*GIT, *args], cwd=cwd, capture_output=True, timeout=60, check=False,
                              env=_environment())
    except FileNotFoundError as exc:
        raise GitError("git is not installed; install it to compare revisions") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError("git did not answer within 60 s") from exc


def read_blobs(root: Path, oids: list[bytes]) -> dict[bytes, bytes]:
    """The contents of the objects ``oids``, read by one ``git cat-file --batch``: one git for each
    file took a portfolio of 40 journeys 40 processes (review EM). Raises :class:`GitError` when
    git cannot give one."""
    if not oids:
        return {}
    asked = b"".join(oid + b"\n" for oid in dict.fromkeys(oids))
    try:
        done = subprocess.run([*GIT, "cat-file", "--batch"], cwd=root, input=asked, capture_output=True, timeout=60,
                              check=False, env=_environment())
    except subprocess.TimeoutExpired as exc:
        raise GitError("git did not answer within 60 s") from exc
    found, out, at = {}, done.stdout, 0
    while at < len(out):
        end = out.find(b"\n", at)
        head = out[at:end].split() if end >= 0 else []
        if len(head) != 3 or not head[2].isdigit():  # "<oid> missing": a tree that names an object the repository lacks
            raise GitError(f"git could not read object {head[0].decode(errors='replace') if head else '?'}")
        size = int(head[2])
        if end + 1 + size > len(out):  # cut short: git stopped while writing it
            raise GitError(f"git gave part of object {head[0].decode(errors='replace')} only")
        found[head[0]] = out[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the content, then a newline
    if len(found) < len(set(oids)):  # git stopped before it gave them all
        raise GitError(f"git gave {len(found)} of the {len(set(oids))} files asked for")
    return found


def blob_head(root: Path, blob: str, size: int, timeout: float = 60.0) -> bytes:
    """The first ``size`` bytes of ``blob``, the rest left unread; within the ``timeout`` that
    :func:`run_git` gives git, what came by then (a git that hangs does not hold the command)."""
    deadline = time.monotonic() + timeout
    data = b""
    with subprocess.Popen([*GIT, "cat-file", "blob", blob], cwd=root, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=_environment()) as shown:
        assert shown.stdout is not None
        while len(data) < size and select.select([shown.stdout], [], [], max(deadline - time.monotonic(), 0))[0]:
            chunk = os.read(shown.stdout.fileno(), size - len(data))
            if not chunk:
                break
            data += chunk
        shown.kill()
    return data
