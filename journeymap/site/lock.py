"""One build at a time into an output folder: a lock on ``OUT/.journeymap-build.lock``.

Each build loads the manifest once and saves it whole, so two builds into one folder lost each
other's entries: an output on disk the manifest did not list was never removed when its journey
was gone, and ``build --check`` passed (audit CB). A build holds the lock exclusively from its
plan to its last save; ``build --check`` holds it shared, so it waits for a build under way and
reports the folder as that build leaves it, and several checks run side by side.

The lock is ``flock(2)``'s: it goes with the process, however the process ends (kill -9 too), so
no stale lock is ever left to clear by hand. The file stays (removing it would let a build that
waits on the old file and one that opens a new file run together); it is empty, is no output, and
nothing lists or removes it. Where ``fcntl`` is missing (Windows), or the file system refuses
locks, builds go without.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import Callable, Iterator, Optional

from journeymap.journey.regularfile import NotARegularFile, open_regular

try:
    import fcntl
except ImportError:  # Windows: no flock
    fcntl = None  # type: ignore[assignment]

LOCK = ".journeymap-build.lock"

#: The errors of a file system without locks (some network ones): the build goes on without.
_NO_LOCKS = frozenset({errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL})


def _open(path: Path, shared: bool) -> Optional[int]:
    """The lock file, opened: created by a build, only opened by a check (which writes nothing and
    may look at a folder not made yet); None where there is none to open. A link, FIFO or device
    in its place is no lock file: a build puts one in its place (opened through a link, it created
    a file wherever the link led: audit CG), a check goes without."""
    for _ in range(2):
        try:
            return open_regular(path, os.O_RDONLY if shared else os.O_RDWR | os.O_CREAT, follow=False)
        except OSError as exc:  # no such file (no build ever ran), a folder that cannot be written, a link
            replaced = isinstance(exc, NotARegularFile) or exc.errno == errno.ELOOP
            if shared or not replaced or not _removed(path):
                return None
    return None


def _removed(path: Path) -> bool:
    """Whether what stood in the lock file's place could be removed."""
    try:
        os.unlink(path)
        return True
    except OSError:
        return False


@contextlib.contextmanager
def build_lock(out_dir: Path, shared: bool = False,
               on_wait: Optional[Callable[[], None]] = None) -> Iterator[bool]:
    """Hold the lock of ``out_dir`` (exclusive for a build, ``shared`` for a check) for the body
    of the ``with``; yields whether it is held. When another process holds it, ``on_wait`` is
    called once and the lock is waited for. A build makes ``out_dir`` first."""
    if fcntl is None:
        yield False
        return
    fd = _open(out_dir / LOCK, shared)
    if fd is None:
        yield False
        return
    try:
        held = _take(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX, on_wait)
    except BaseException:  # Ctrl-C while waiting too
        os.close(fd)
        raise
    try:
        yield held
    finally:
        # Unlocked by hand, not by the close alone: a worker process forked meanwhile (build -j)
        # holds a copy of the descriptor, and the lock would last as long as that worker.
        if held:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _take(fd: int, mode: int, on_wait: Optional[Callable[[], None]]) -> bool:
    """Lock ``fd`` in ``mode``, waiting (after ``on_wait``) while another process holds it;
    False where the file system has no locks."""
    assert fcntl is not None
    try:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, mode)
    except OSError as exc:
        if exc.errno in _NO_LOCKS:
            return False
        raise
    return True
